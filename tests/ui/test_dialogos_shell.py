"""Diálogos de la ventana (días no laborables, datos del municipio, acerca de), errores, trabajo en segundo plano,
registro y arranque de Qt."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

import nucleo
from nucleo import registro
from nucleo.almacen.migrar import REVISION_ACTUAL
from nucleo.calendario import Calendario
from nucleo.errores import ErrorDeUsuario
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.municipio import obtener_municipio
from ui import estilo
from ui.app import iniciar_qt
from ui.contexto import Contexto
from ui.dialogos import progreso
from ui.dialogos.acerca_de import DialogoAcercaDe
from ui.dialogos.dias_no_laborables import DialogoDiasNoLaborables
from ui.dialogos.municipio import DialogoMunicipio
from ui.errores import GanchoDeErrores


@pytest.fixture
def ctx(qapp, expediente_demo):
    c = Contexto(expediente_demo)
    yield c
    c.deleteLater()


def _fechas(modelo) -> list[date]:
    return [f.fecha for f in modelo.filas()]


def _cajas(nombre: str) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.objectName() == nombre]


# -- días no laborables -----------------------------------------------------------------------------------
def test_feriados_del_anio_y_dias_propios(qtbot, qtmodeltester, ctx):
    d = DialogoDiasNoLaborables(ctx, anio=2026)
    qtbot.addWidget(d)
    feriados = Calendario().feriados(2026)
    assert _fechas(d.modelo_feriados) == list(feriados)
    assert d.modelo_feriados.index(0, 1).data() == feriados[date(2026, 1, 1)]
    assert "2026" in d.grupo_feriados.title()
    assert [f.descripcion for f in d.modelo_propios.filas()] == ["Fiesta patronal (ejemplo)"]
    qtmodeltester.check(d.modelo_feriados)
    qtmodeltester.check(d.modelo_propios)
    d.anio.setValue(2027)
    assert _fechas(d.modelo_feriados) == list(Calendario().feriados(2027))
    assert d.modelo_propios.rowCount() == 0


def test_agregar_y_quitar_dia_con_deshacer(qtbot, ctx, monkeypatch):
    d = DialogoDiasNoLaborables(ctx, anio=2026)
    qtbot.addWidget(d)
    preguntas = []
    monkeypatch.setattr(d, "confirmar", lambda texto: preguntas.append(texto) or True)
    dia = date(2026, 9, 8)  # a Tuesday
    d.nueva_fecha.fijar(dia)
    d.nuevo_motivo.setText("Feriado decretado")
    d.boton_agregar.click()
    assert dia in _fechas(d.modelo_propios)
    assert d.nuevo_motivo.text() == ""
    assert not ctx.leer(lambda s: calendario_de(s, ctx.municipio_id)).es_habil(dia)

    ctx.pila.undo()
    assert dia not in _fechas(d.modelo_propios)
    assert ctx.leer(lambda s: calendario_de(s, ctx.municipio_id)).es_habil(dia)
    ctx.pila.redo()
    assert dia in _fechas(d.modelo_propios)

    fila = _fechas(d.modelo_propios).index(dia)
    d.tabla_propios.selectRow(fila)
    assert d.boton_quitar.isEnabled()
    d.boton_quitar.click()
    assert dia not in _fechas(d.modelo_propios)
    assert "08/09/2026" in preguntas[0] and "Feriado decretado" in preguntas[0]
    assert ctx.pila.undoText() == "Quitar día no laborable 08/09/2026"
    ctx.pila.undo()
    assert dia in _fechas(d.modelo_propios)
    ctx.pila.redo()
    assert dia not in _fechas(d.modelo_propios)


def test_declarar_laborable_un_feriado_trasladado(qtbot, ctx):
    d = DialogoDiasNoLaborables(ctx, anio=2026)
    qtbot.addWidget(d)
    feriado = date(2026, 5, 14)
    d.agregar(feriado, "Trasladado por decreto N.º 1/2026", laborable=True)
    fila = next(f for f in d.modelo_feriados.filas() if f.fecha == feriado)
    assert fila.laborable
    assert ctx.leer(lambda s: calendario_de(s, ctx.municipio_id)).es_habil(feriado)
    assert feriado not in _fechas(d.modelo_propios)  # shown with the holidays, not as a non-working day
    ctx.pila.undo()
    assert not next(f for f in d.modelo_feriados.filas() if f.fecha == feriado).laborable


def test_errores_del_servicio_junto_al_campo(qtbot, ctx):
    d = DialogoDiasNoLaborables(ctx, anio=2026)
    qtbot.addWidget(d)
    d.nueva_fecha.fijar(date(2026, 9, 8))
    d.boton_agregar.click()  # no reason written
    assert not d.error_motivo.isHidden()
    assert "motivo" in d.error_motivo.text()
    d.nueva_fecha.fijar(date(2026, 9, 12))  # a Saturday
    d.nuevo_motivo.setText("Algo")
    d.boton_agregar.click()
    assert not d.error_fecha.isHidden()
    assert "ya es no laborable" in d.error_fecha.text()
    assert ctx.pila.count() == 0


def test_dias_no_laborables_en_solo_lectura(qtbot, expediente_demo):
    from nucleo.almacen.expediente import Expediente

    segunda = Expediente.abrir(expediente_demo.ruta)
    try:
        c = Contexto(segunda)
        d = DialogoDiasNoLaborables(c, anio=2026)
        qtbot.addWidget(d)
        assert d.modelo_propios.rowCount() == 1
        assert not d.boton_agregar.isEnabled()
        assert not d.aviso_solo_lectura.isHidden()
    finally:
        segunda.cerrar()


# -- datos del municipio -----------------------------------------------------------------------------------
def test_datos_del_municipio_con_deshacer(qtbot, ctx):
    d = DialogoMunicipio(ctx)
    qtbot.addWidget(d)
    cambios = []
    ctx.cambiado.connect(cambios.append)
    d.campos["coordinador_nombre"].setText("Rosa Nueva Ficticia")
    assert d.guardar()
    assert cambios == [{"municipio"}]
    nombre = lambda: ctx.leer(lambda s: obtener_municipio(s, ctx.municipio_id).coordinador_nombre)  # noqa: E731
    assert nombre() == "Rosa Nueva Ficticia"
    ctx.pila.undo()
    assert nombre() == "María Prueba Ficticia"
    ctx.pila.redo()
    assert nombre() == "Rosa Nueva Ficticia"


def test_datos_del_municipio_marca_el_campo(qtbot, ctx):
    d = DialogoMunicipio(ctx)
    qtbot.addWidget(d)
    d.campos["intendente_nombre"].setText("  ")
    assert not d.guardar()
    error = d.marcador._campos["intendente_nombre"][1]
    assert not error.isHidden() and "Intendente" in error.text()
    assert ctx.pila.count() == 0


# -- acerca de ---------------------------------------------------------------------------------------------
def test_acerca_de_dice_version_esquema_conteos_y_licencias(qtbot, ctx):
    d = DialogoAcercaDe(ctx)
    qtbot.addWidget(d)
    texto = " ".join(lbl.text() for lbl in d.findChildren(QLabel))
    assert nucleo.__version__ in texto
    assert REVISION_ACTUAL in texto  # schema revision
    assert "Territorios" in texto and "Villeta" in texto
    for palabra in ("INE", "CNPV 2022", "holidays", "MIT", "LGPLv3", "DejaVu", "respaldos", "registros",
                    "geoBoundaries", "CC BY 4.0", "Plantillas de convenios", "Necesidades", "Convenios"):
        assert palabra in texto, palabra


# -- errores -----------------------------------------------------------------------------------------------
def test_error_inesperado_se_registra_y_se_muestra_con_la_ruta_del_registro(qtbot, tmp_path, caplog):
    ruta = tmp_path / "articula.log"
    gancho = GanchoDeErrores(ruta)
    try:
        raise RuntimeError("fallo de prueba")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            gancho(type(exc), exc, exc.__traceback__)
    assert "fallo de prueba" in caplog.text
    caja = gancho.dialogo
    assert caja is not None and caja.isVisible()
    assert caja.text() == "Ocurrió un error inesperado."
    assert str(ruta) in caja.informativeText()
    assert "RuntimeError: fallo de prueba" in caja.detailedText()
    # A second error while the box is open is only logged: never a pile of dialogs.
    gancho(RuntimeError, RuntimeError("otro"), None)
    assert len(_cajas("errorInesperado")) == 1
    caja.close()


def test_error_de_usuario_que_escapa_es_un_aviso(qtbot):
    gancho = GanchoDeErrores(None)
    gancho(ErrorDeUsuario, ErrorDeUsuario("Escriba el nombre."), None)
    cajas = _cajas("avisoErrorDeUsuario")
    assert [c.text() for c in cajas] == ["Escriba el nombre."]
    for c in cajas:
        c.close()


# -- trabajo en segundo plano ------------------------------------------------------------------------------
def test_progreso_entrega_resultado_y_errores_en_el_hilo_de_la_interfaz(qtbot):
    resultados, fallos = [], []

    def trabajo(avance):
        for i in range(3):
            avance(i + 1, 3)
        return 42

    t = progreso.ejecutar(None, trabajo, titulo="Prueba", texto="Trabajando…", al_terminar=resultados.append)
    qtbot.waitUntil(lambda: not t.en_curso)
    assert resultados == [42]

    def falla(_avance):
        raise ErrorDeUsuario("No se puede.")

    t = progreso.ejecutar(None, falla, titulo="Prueba", texto="…", al_fallar=lambda e, tb: fallos.append(e),
                          mostrar_dialogo=False)
    qtbot.waitUntil(lambda: not t.en_curso)
    assert [str(e) for e in fallos] == ["No se puede."]


def test_progreso_cancelable(qtbot):
    fallos = []

    def largo(avance):
        while True:
            avance(1, 10)

    t = progreso.ejecutar(None, largo, titulo="Prueba", texto="…", cancelable=True,
                          al_fallar=lambda e, tb: fallos.append(e))
    t.cancelar()
    qtbot.waitUntil(lambda: not t.en_curso)
    assert len(fallos) == 1 and isinstance(fallos[0], progreso.Cancelado)


# -- registro y arranque -----------------------------------------------------------------------------------
def test_registro_rotativo_en_la_carpeta_de_registros(carpeta_datos):
    try:
        ruta = registro.configurar(logging.INFO)
        assert ruta == carpeta_datos / "registros" / "articula.log"
        logging.getLogger("articula.prueba").warning("mensaje de prueba")
        assert "mensaje de prueba" in ruta.read_text(encoding="utf-8")
        assert registro.configurar(logging.INFO) == ruta  # idempotent: one handler
        manejadores = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(ruta)]
        assert len(manejadores) == 1 and manejadores[0].maxBytes == 1_000_000 and manejadores[0].backupCount == 5
    finally:
        registro.quitar()


def test_iniciar_qt_en_espanol_de_paraguay(qapp):
    app = iniciar_qt(["articula"])
    assert app is qapp
    assert app.applicationName() == "Articula" and app.organizationName() == "Articula"
    assert QLocale().name() == "es_PY"
    assert app.styleSheet() == estilo.HOJA_DE_ESTILO  # on top of Fusion with the sober palette
    assert app.palette().highlight().color().name() == estilo.AZUL_ACENTO
    assert not app.windowIcon().isNull()
    botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert botones.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancelar"


def test_terminar_arranque_vuelve_a_encender_el_recolector():
    import gc

    from ui.app import terminar_arranque

    gc.disable()
    try:
        terminar_arranque()
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
