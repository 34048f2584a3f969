"""La pantalla de una sesión: asistencia con quórum en vivo (clic y teclas P/A/J), suplente por un titular, orden
del día con minutos y lo tratado, acuerdos y el ciclo del acta hasta la firma que la congela."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from nucleo.servicios import actas, mesas, sesiones
from ui.contexto import Contexto
from ui.modelos.asistencia import ModeloAsistencia
from ui.widgets.panel_sesion import PanelSesion

HOY = date(2026, 11, 18)


def sembrar(s, mid) -> tuple[int, int, list[int], int]:
    """Una mesa de 5 titulares con voto y un suplente; una sesión de hoy con dos puntos."""
    mesa = mesas.crear_mesa(s, mid, mesas.DatosMesa(nombre="Mesa de prueba"))
    ids = [mesas.agregar_miembro(s, mesa, mesas.DatosMiembro(nombre=f"Titular {n}", designado_en=date(2026, 1, 1)))
           for n in range(1, 6)]
    suplente = mesas.agregar_miembro(s, mesa, mesas.DatosMiembro(nombre="Suplente 1", titular=False,
                                                                  suplente_de_id=ids[0],
                                                                  designado_en=date(2026, 1, 1)))
    sid = sesiones.crear_sesion(s, mesa, sesiones.DatosSesion(fecha=HOY, hora=time(9), duracion_prevista=60,
                                                              lugar="Salón municipal"))
    sesiones.agregar_punto(s, sid, sesiones.DatosPunto(titulo="Informe", expositor="Titular 1", minutos=40))
    sesiones.agregar_punto(s, sid, sesiones.DatosPunto(titulo="Varios", minutos=15))
    return mesa, sid, ids, suplente


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def datos(ctx):
    mid = ctx.municipio_id
    with ctx.expediente.transaccion() as s:
        return sembrar(s, mid)


@pytest.fixture
def panel(ctx, datos, qtbot):
    p = PanelSesion(ctx, hoy=HOY)
    qtbot.addWidget(p)
    p.resize(1180, 680)
    p.confirmar = lambda *_a: True
    p.confirmar_firma = lambda *_a: True
    p.fijar_sesion(datos[1])
    p.show()
    qtbot.waitExposed(p)
    return p


def estado_de(panel: PanelSesion, miembro_id: int) -> str:
    return next(f.estado for f in panel.modelo_asistencia.filas() if f.miembro_id == miembro_id)


def test_modelos_pasan_el_verificador_de_qt(panel, qtmodeltester):
    qtmodeltester.check(panel.modelo_asistencia)
    qtmodeltester.check(panel.modelo_puntos)
    qtmodeltester.check(panel.modelo_acuerdos)


def test_el_quorum_se_calcula_en_vivo_al_marcar(panel, datos, ctx):
    _mesa, _sid, ids, _sup = datos
    assert panel.quorum.text().startswith("No hay quórum")
    for i in ids[:2]:
        assert panel.marcar(i, "presente")
    assert panel.quorum.text().startswith("No hay quórum: 2 de 5")
    assert panel.marcar(ids[2], "presente")
    assert panel.quorum.text().startswith("Hay quórum: 3 de 5")
    # Undo takes the quorum away again.
    ctx.pila.undo()
    assert panel.quorum.text().startswith("No hay quórum")
    assert estado_de(panel, ids[2]) == "ausente"


def test_un_clic_en_la_casilla_marca_presente(panel, datos):
    ids = datos[2]
    n = next(n for n, f in enumerate(panel.modelo_asistencia.filas()) if f.miembro_id == ids[1])
    indice = panel.modelo_asistencia.index(n, ModeloAsistencia.COL_PRESENTE)
    assert panel.modelo_asistencia.flags(indice) & Qt.ItemFlag.ItemIsUserCheckable
    panel.modelo_asistencia.setData(indice, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert estado_de(panel, ids[1]) == "presente"


def test_teclas_p_a_j_pasan_lista_de_corrido(panel, datos, qtbot):
    ids = datos[2]
    tabla = panel.tabla_asistencia
    fila = next(n for n, f in enumerate(panel.modelo_asistencia.filas()) if f.miembro_id == ids[0])
    panel._elegir(tabla, fila)
    tabla.setFocus()
    qtbot.keyClick(tabla, Qt.Key.Key_P)
    qtbot.keyClick(tabla, Qt.Key.Key_J)
    qtbot.keyClick(tabla, Qt.Key.Key_A)
    filas = panel.modelo_asistencia.filas()
    assert [filas[fila].estado, filas[fila + 1].estado, filas[fila + 2].estado] == [
        "presente", "justificado", "ausente"]


def test_un_suplente_presente_esta_por_el_titular_ausente(panel, datos):
    ids, suplente = datos[2], datos[3]
    for i in ids[1:3]:
        panel.marcar(i, "presente")
    assert panel.quorum.text().startswith("No hay quórum")
    panel.marcar(suplente, "presente")
    n = next(n for n, f in enumerate(panel.modelo_asistencia.filas()) if f.miembro_id == suplente)
    panel._elegir(panel.tabla_asistencia, n)
    assert panel.combo_por.isEnabled()
    panel.combo_por.setCurrentIndex(panel.combo_por.findData(ids[0]))
    panel._reemplazo_elegido()
    assert panel.quorum.text().startswith("Hay quórum: 3 de 5")
    fila = next(f for f in panel.modelo_asistencia.filas() if f.miembro_id == suplente)
    assert fila.reemplaza_a == "Titular 1"


def test_orden_del_dia_minutos_contra_duracion(panel):
    # 40 + 15 of 60 planned: fine; raising it over shows red.
    assert panel.total_minutos.text() == "55 de 60 minutos"
    assert "c62828" not in panel.total_minutos.styleSheet()
    from nucleo.servicios.sesiones import DatosPunto, actualizar_punto

    p = panel.modelo_puntos.fila(1)
    panel.ctx.escribir(lambda s: actualizar_punto(s, p.id, DatosPunto(titulo=p.titulo, minutos=30)), "sesion")
    assert panel.total_minutos.text() == "70 de 60 minutos"
    assert "#c62828" in panel.total_minutos.styleSheet()


def test_mover_y_quitar_puntos_se_deshace(panel, ctx):
    panel._elegir(panel.tabla_puntos, 1)
    panel.mover_punto(-1)
    assert [p.titulo for p in panel.modelo_puntos.filas()] == ["Varios", "Informe"]
    ctx.pila.undo()
    assert [p.titulo for p in panel.modelo_puntos.filas()] == ["Informe", "Varios"]
    panel._elegir(panel.tabla_puntos, 0)
    panel.quitar_punto()
    assert [p.titulo for p in panel.modelo_puntos.filas()] == ["Varios"]
    ctx.pila.undo()
    assert len(panel.modelo_puntos.filas()) == 2


def test_lo_tratado_se_guarda_con_ctrl_s_y_se_deshace(panel, ctx, qtbot):
    panel.pestanas.setCurrentIndex(1)
    panel._elegir(panel.tabla_puntos, 0)
    panel.notas.setFocus()
    qtbot.keyClicks(panel.notas, "Se trato el avance.")
    qtbot.keyClick(panel.notas, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert panel.modelo_puntos.fila(0).desarrollo == "Se trato el avance."
    ctx.pila.undo()
    assert panel.modelo_puntos.fila(0).desarrollo == ""


def test_acuerdo_y_acta_hasta_la_firma(panel, ctx, datos):
    sid = datos[1]
    with ctx.expediente.transaccion() as s:
        sesiones.agregar_acuerdo(s, sid, sesiones.DatosAcuerdo(texto="Pedir el cronograma", plazo=HOY))
    ctx.cambiado.emit({"acuerdo"})
    assert [a.texto for a in panel.modelo_acuerdos.filas()] == ["Pedir el cronograma"]
    assert panel.accion_crear_acta.isEnabled() and not panel.accion_imprimir_acta.isEnabled()
    assert panel.crear_acta()
    assert panel.chip_acta.text() == "Acta N.º 1/2026 · Borrador"
    assert panel.aprobar()
    assert panel.accion_firmar.isEnabled()
    assert panel.firmar()
    assert panel.firmada()
    assert panel.aviso_firmada.isVisible()
    assert "está firmada" in panel.aviso_firmada.text()
    # Frozen: nothing of the session is editable; the acuerdo's follow-up still is.
    assert not panel.modelo_asistencia.editable
    assert not panel.accion_agregar_punto.isEnabled()
    assert not panel.accion_agregar_acuerdo.isEnabled()
    assert panel.notas.isReadOnly()
    panel._elegir(panel.tabla_acuerdos, 0)
    assert panel.boton_estado.isEnabled()
    assert panel.cambiar_estado("en_curso")
    assert panel.modelo_acuerdos.fila(0).estado == "en_curso"
    acta = ctx.leer(lambda s: actas.acta_de_la_sesion(s, sid))
    assert ctx.leer(lambda s: actas.verificar_acta(s, acta))


def test_crear_acta_se_deshace(panel, ctx):
    assert panel.crear_acta()
    ctx.pila.undo()
    assert panel.estado.acta_id is None
    assert panel.chip_acta.text() == "Sin acta"


def test_invitado_agregar_y_quitar(panel, ctx, datos):
    sid = datos[1]
    with ctx.expediente.transaccion() as s:
        sesiones.agregar_invitado(s, sid, "Diego Paredes", "Técnico", "ESSAP")
    ctx.cambiado.emit({"sesion"})
    n = next(n for n, f in enumerate(panel.modelo_asistencia.filas()) if f.invitado)
    panel._elegir(panel.tabla_asistencia, n)
    assert panel.accion_quitar_invitado.isEnabled()
    panel.quitar_invitado()
    assert not any(f.invitado for f in panel.modelo_asistencia.filas())
    ctx.pila.undo()
    assert any(f.invitado for f in panel.modelo_asistencia.filas())


def test_un_acta_nueva_puede_corregir_una_firmada(panel, ctx, datos):
    mesa, sid = datos[0], datos[1]
    assert panel.crear_acta() and panel.aprobar() and panel.firmar()  # Acta N.º 1/2026, signed
    firmada = ctx.leer(lambda s: actas.acta_de_la_sesion(s, sid))
    with ctx.expediente.transaccion() as s:
        otra = sesiones.crear_sesion(s, mesa, sesiones.DatosSesion(fecha=HOY, hora=time(11), lugar="Salón"))
    panel.fijar_sesion(otra)
    ofrecidas = []

    def elegir(firmadas):
        ofrecidas.append(firmadas)
        return firmadas[0][0]

    panel.elegir_acta_corregida = elegir
    assert panel.crear_acta()
    assert ofrecidas == [[(firmada, "Acta N.º 1/2026")]]
    nueva = ctx.leer(lambda s: actas.obtener_acta(s, actas.acta_de_la_sesion(s, otra)))
    assert (nueva.numero_texto, nueva.corrige_a_id) == ("Acta N.º 2/2026", firmada)
    # Cancelling the question creates nothing.
    ctx.pila.undo()
    panel.elegir_acta_corregida = lambda _f: False
    assert not panel.crear_acta() and panel.estado.acta_id is None
