"""Excel e impresos desde las páginas: exportar, plantilla, asistente de importación, lista de problemas, PDF.

Los diálogos de archivo se reemplazan (`pedir_destino`, `pedir_ruta`); el trabajo corre de verdad en el hilo
aparte y las pruebas esperan su fin con qtbot.waitUntil.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from nucleo.almacen.expediente import Expediente
from nucleo.exportar.excel import esquema_de
from nucleo.importar import Problema, informe
from nucleo.servicios.actores import contar_actores, eliminar_actor, listar_actores
from nucleo.servicios.demo import crear_demo
from nucleo.servicios.oportunidades import contar_oportunidades, eliminar_oportunidad, listar_oportunidades
from ui import ajustes as modulo_ajustes
from ui.acciones_datos import AccionesDatos, carpeta_inicial, nombre_archivo
from ui.contexto import Contexto
from ui.dialogos import importar as modulo_importar
from ui.dialogos import progreso
from ui.dialogos.importar import ARCHIVO, COLUMNAS, HOJA, NO_IMPORTAR, PREVIA, RESULTADO, DialogoImportar
from ui.dialogos.informe_problemas import DialogoProblemas, guardar_informe
from ui.paginas.actores import PESTANA_GRILLA, PaginaActores
from ui.paginas.oportunidades import PaginaOportunidades

HOY = date(2026, 11, 18)
PLANILLAS = Path(__file__).resolve().parents[3] / "shared" / "datos" / "planillas_reales"
ESPERA = 20_000  # ms; generous for a loaded machine, never a sleep


@pytest.fixture
def ajustes(tmp_path):
    a = modulo_ajustes.usar_archivo(tmp_path / "ajustes.ini")
    yield a
    modulo_ajustes.usar(None)


@pytest.fixture
def ctx(expediente_demo, ajustes):
    return Contexto(expediente_demo)


@pytest.fixture
def otro_demo(tmp_path):
    """Un segundo expediente de Villeta (mismos territorios) para importar lo exportado del primero."""
    exp = crear_demo(tmp_path / "otro" / "Villeta.articula", hoy=HOY)
    yield exp
    exp.cerrar()


def actores(ctx) -> int:
    return ctx.leer(lambda s: contar_actores(s, ctx.municipio_id))


def oportunidades(ctx) -> int:
    return ctx.leer(lambda s: contar_oportunidades(s, ctx.municipio_id))


def filas_de(exp, tabla: str) -> list[dict]:
    """Lo que la planilla lleva de cada fila (el esquema lee del expediente), ordenado por nombre."""
    esquema = esquema_de(tabla)
    with exp.sesion() as s:
        filas = [dict(f) for f in esquema.filas(s, exp.municipio_id)]
    return sorted(filas, key=lambda f: f["nombre"])


def destino_fijo(monkeypatch, acciones: AccionesDatos, ruta: Path) -> list[str]:
    """El diálogo de guardar responde `ruta`; devuelve los nombres que se propusieron."""
    propuestos: list[str] = []

    def pedir(titulo, propuesta, filtro):
        propuestos.append(propuesta)
        return ruta

    monkeypatch.setattr(acciones, "pedir_destino", pedir)
    return propuestos


def esperar_tarea(qtbot, duenio) -> None:
    qtbot.waitUntil(lambda: duenio.tarea is None or not duenio.tarea.en_curso, timeout=ESPERA)


def hasta_el_paso(qtbot, dlg: DialogoImportar, paso: int) -> None:
    qtbot.waitUntil(lambda: dlg.paso == paso and (dlg.tarea is None or not dlg.tarea.en_curso), timeout=ESPERA)


def asistente(qtbot, ctx, tabla: str, ruta: Path) -> DialogoImportar:
    dlg = DialogoImportar(ctx, tabla, ruta=ruta)
    qtbot.addWidget(dlg)
    return dlg


# -- exportar, importar y deshacer ------------------------------------------------------------------------------
def test_ida_y_vuelta_por_la_interfaz_con_deshacer(ctx, otro_demo, qtbot, tmp_path, monkeypatch):
    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    acciones = pagina.datos
    acciones.hoy = HOY
    archivo = tmp_path / "salida" / "actores.xlsx"
    archivo.parent.mkdir()
    propuestos = destino_fijo(monkeypatch, acciones, archivo)
    mensajes: list[str] = []
    ctx.mensaje.connect(mensajes.append)

    acciones.exportar()
    esperar_tarea(qtbot, acciones)
    assert propuestos == ["Actores - Villeta - 2026-11-18.xlsx"]
    assert archivo.is_file()
    assert acciones.aviso is not None and acciones.aviso.text() == "Se exportaron 26 actores a «actores.xlsx»."
    assert sorted(b.text() for b in acciones.aviso.buttons()) == ["&Abrir", "Abrir la &carpeta", "Cerrar"]
    assert mensajes[-1] == "Se exportaron 26 actores a «actores.xlsx»."

    # The other expediente has the same territories and no actors: the workbook brings them all back.
    ctx_b = Contexto(otro_demo)
    with otro_demo.transaccion() as s:
        for f in listar_actores(s, otro_demo.municipio_id):
            eliminar_actor(s, f.id)
    assert actores(ctx_b) == 0
    cambios: list[set] = []
    ctx_b.cambiado.connect(cambios.append)
    dlg = asistente(qtbot, ctx_b, "actores", archivo)
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, PREVIA)  # Articula's own workbook: straight to the preview
    assert dlg.mapeo == {j: c.campo for j, c in enumerate(esquema_de("actores").columnas)}
    assert dlg.modelo_previa.rowCount() == 26 and dlg.modelo_previa.problemas() == 0
    dlg.importar()
    hasta_el_paso(qtbot, dlg, RESULTADO)
    assert dlg.titulo_resultado.text() == "Se importaron 26 actores."
    assert filas_de(otro_demo, "actores") == filas_de(ctx.expediente, "actores")
    assert cambios == [{"actor"}]

    # One import, one undo: Ctrl+Z deletes the 26; Ctrl+Y brings them back with the same data.
    assert ctx_b.pila.count() == 1 and ctx_b.pila.undoText() == "Importar 26 actores de «actores.xlsx»"
    ctx_b.pila.undo()
    assert actores(ctx_b) == 0
    ctx_b.pila.redo()
    assert filas_de(otro_demo, "actores") == filas_de(ctx.expediente, "actores")


def test_ida_y_vuelta_del_mapa_de_oportunidades(ctx, otro_demo, qtbot, tmp_path, monkeypatch):
    pagina = PaginaOportunidades(ctx, hoy=HOY)
    qtbot.addWidget(pagina)
    archivo = tmp_path / "oportunidades.xlsx"
    propuestos = destino_fijo(monkeypatch, pagina.datos, archivo)
    pagina.datos.exportar()
    esperar_tarea(qtbot, pagina.datos)
    assert propuestos == ["Oportunidades - Villeta - 2026-11-18.xlsx"]
    assert pagina.datos.aviso.text() == "Se exportaron 15 oportunidades a «oportunidades.xlsx»."

    ctx_b = Contexto(otro_demo)
    with otro_demo.transaccion() as s:
        for f in listar_oportunidades(s, otro_demo.municipio_id, HOY):
            eliminar_oportunidad(s, f.id)
    cambios: list[set] = []
    ctx_b.cambiado.connect(cambios.append)
    dlg = asistente(qtbot, ctx_b, "oportunidades", archivo)
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, PREVIA)
    dlg.importar()
    hasta_el_paso(qtbot, dlg, RESULTADO)
    assert oportunidades(ctx_b) == 15
    assert filas_de(otro_demo, "oportunidades") == filas_de(ctx.expediente, "oportunidades")
    assert cambios == [{"oportunidad", "actor"}]
    ctx_b.pila.undo()
    assert oportunidades(ctx_b) == 0


def test_plantilla_en_blanco(ctx, qtbot, tmp_path, monkeypatch):
    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    pagina.datos.hoy = HOY
    archivo = tmp_path / "plantilla"  # without extension: .xlsx is added
    propuestos = destino_fijo(monkeypatch, pagina.datos, archivo)
    pagina.datos.accion_plantilla.trigger()
    esperar_tarea(qtbot, pagina.datos)
    assert propuestos == ["Actores - plantilla en blanco - Villeta.xlsx"]
    assert (tmp_path / "plantilla.xlsx").is_file()
    assert "plantilla en blanco «plantilla.xlsx»" in pagina.datos.aviso.text()
    # An untouched template has no rows: the wizard says so in its first step.
    dlg = asistente(qtbot, ctx, "actores", tmp_path / "plantilla.xlsx")
    dlg.siguiente()
    esperar_tarea(qtbot, dlg)
    assert dlg.paso == ARCHIVO and not dlg.error_archivo.isHidden()
    assert "no tiene filas con datos" in dlg.error_archivo.text()


def test_carpeta_y_nombres_de_archivo(ctx, qtbot, tmp_path, monkeypatch, ajustes):
    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    acciones = pagina.datos
    acciones.hoy = date(2026, 11, 21)
    assert acciones.nombre_propuesto() == "Actores - Villeta - 2026-11-21.xlsx"
    assert acciones.nombre_propuesto(vista="grilla") == "Grilla poder-interés - Villeta - 2026-11-21.pdf"
    assert nombre_archivo("A/B: c?", "Villeta", extension=".pdf") == "A-B- c- - Villeta.pdf"
    vistos = []

    def guardar(_parent, _titulo, propuesta, _filtro):
        vistos.append(propuesta)
        return str(tmp_path / "elegida" / "x.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(guardar))
    (tmp_path / "elegida").mkdir()
    assert acciones.pedir_destino("t", "Actores.xlsx", "") == tmp_path / "elegida" / "x.xlsx"
    assert ajustes["carpeta_archivos"] == str(tmp_path / "elegida")
    assert carpeta_inicial() == tmp_path / "elegida"  # the next dialog starts where the last one ended
    acciones.pedir_destino("t", "Otra.xlsx", "")
    assert vistos[-1] == str(tmp_path / "elegida" / "Otra.xlsx")


# -- el asistente con planillas reales ----------------------------------------------------------------------------
def test_asistente_con_la_matriz_de_interesados(ctx, qtbot, qtmodeltester):
    antes = actores(ctx)
    cambios: list[set] = []
    ctx.cambiado.connect(cambios.append)
    dlg = asistente(qtbot, ctx, "actores", PLANILLAS / "matriz_stakeholders_CLV.xlsx")
    assert dlg.boton_siguiente.isEnabled() and not dlg.boton_atras.isEnabled()
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, HOJA)
    # The header row under the merged title is found and highlighted in the first rows of the sheet.
    assert (dlg.combo_hoja.currentText(), dlg.spin_fila.value()) == ("Matriz Stakeholders PM4R", 5)
    assert dlg.modelo_muestra.fila_encabezado == 5
    assert dlg.modelo_muestra.index(4, 1).data() == "Interesado"
    assert dlg.modelo_muestra.index(4, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert dlg.modelo_muestra.index(5, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    assert dlg.modelo_muestra.headerData(1, Qt.Orientation.Horizontal) == "B"
    qtmodeltester.check(dlg.modelo_muestra)

    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, COLUMNAS)
    lec = dlg.lectura
    assert {lec.nombre_columna(j): campo for j, campo in dlg.mapeo_elegido().items()} == {
        "B (Interesado)": "nombre", "C (Rol / Relación)": "rol", "D (Influencia)": "influencia",
        "E (Interés)": "interes", "G (Actitud actual)": "postura"}
    assert dlg.combos["sigla"].currentText() == NO_IMPORTAR
    assert dlg.parecidos["nombre"].text() == "coincide" and dlg.parecidos["rol"].text() == "se parece (80%)"
    assert dlg.ejemplos["nombre"].text() == "Instituto Tecnológico de Culiacán"
    assert "F (Expectativas clave)" in dlg.sin_importar.text()
    assert dlg.boton_siguiente.isEnabled()

    dlg.siguiente()
    assert dlg.paso == PREVIA
    modelo = dlg.modelo_previa
    qtmodeltester.check(modelo)
    assert modelo.rowCount() == 10 and modelo.problemas() == 0
    titulos = [modelo.headerData(c, Qt.Orientation.Horizontal) for c in range(modelo.columnCount())]
    assert titulos == ["Fila", "Nombre", "Rol en el modelo", "Interés", "Influencia", "Postura"]
    # Values as they will be imported: «Muy Alta» is 5 on the scale, «A favor» is «Apoya».
    assert [modelo.index(0, c).data() for c in range(6)] == [
        "6", "Instituto Tecnológico de Culiacán", "Entidad académica patrocinadora", "5", "4", "Apoya"]
    assert "Se importarán 10 actores" in dlg.resumen_previa.text()

    dlg.importar()
    hasta_el_paso(qtbot, dlg, RESULTADO)
    assert actores(ctx) == antes + 10
    assert dlg.resultado.creados == 10 and len(dlg.resultado.ids) == 10
    assert cambios == [{"actor"}]
    assert "«Muy Alta» = 5" in dlg.avisos_resultado.text()
    assert dlg.boton_cerrar.text() == "Cerrar" and not dlg.boton_atras.isVisible()
    ctx.pila.undo()
    assert actores(ctx) == antes


def test_elegir_otra_fila_y_corregir_el_mapeo(ctx, qtbot):
    dlg = asistente(qtbot, ctx, "actores", PLANILLAS / "matriz_stakeholders_CLV.xlsx")
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, HOJA)
    # A click on row 4 (the title) makes it the header row; the sheet is read again from there.
    dlg.tabla_muestra.clicked.emit(dlg.modelo_muestra.index(3, 1))
    assert dlg.spin_fila.value() == 4 and dlg.modelo_muestra.fila_encabezado == 4
    assert "Con «Siguiente» se vuelve a leer" in dlg.explicacion_hoja.text()
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, COLUMNAS)
    # Row 4 holds only the title «Matriz de Stakeholders»: the only column the user could take is B, as names.
    assert dlg.lectura.fila_encabezado == 4 and dlg.mapeo_elegido() == {1: "nombre"}
    dlg.combos["nombre"].setCurrentIndex(0)
    assert "Falta la columna obligatoria «Nombre»" in dlg.problemas_mapeo.text()
    assert not dlg.boton_siguiente.isEnabled()

    dlg.atras()
    assert dlg.paso == HOJA
    dlg.spin_fila.setValue(5)
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, COLUMNAS)
    assert dlg.lectura.fila_encabezado == 5 and not dlg.problemas_del_mapeo()
    # One sheet column for two fields: said, and «Siguiente» waits.
    combo = dlg.combos["sigla"]
    combo.setCurrentIndex(combo.findData(1))
    assert dlg.problemas_del_mapeo() == ["La columna B (Interesado) está elegida para «Nombre» y «Sigla»; elija una "
                                         "sola."]
    assert not dlg.boton_siguiente.isEnabled()
    assert dlg.parecidos["sigla"].text() == "elegida por usted"
    combo.setCurrentIndex(0)
    # The user's own choice: the «Expectativas clave» column goes to «Notas».
    notas = dlg.combos["notas"]
    notas.setCurrentIndex(notas.findData(5))
    assert dlg.boton_siguiente.isEnabled()
    dlg.siguiente()
    assert dlg.paso == PREVIA
    assert dlg.mapeo[5] == "notas"
    assert dlg.modelo_previa.index(0, dlg.modelo_previa.campos.index("notas") + 1).data().startswith("Proyecto")


@pytest.mark.parametrize("archivo, tabla, empieza", [
    ("sv_alcaldia_plantilla_poa.xlsx", "oportunidades", "«sv_alcaldia_plantilla_poa.xlsx» no parece una planilla"),
    ("bmontilla_matriz_de_riesgos.xlsx", "actores", "«bmontilla_matriz_de_riesgos.xlsx» no parece una planilla"),
])
def test_planilla_que_no_encaja_queda_en_el_primer_paso(ctx, qtbot, archivo, tabla, empieza):
    dlg = asistente(qtbot, ctx, tabla, PLANILLAS / archivo)
    dlg.siguiente()
    esperar_tarea(qtbot, dlg)
    assert dlg.paso == ARCHIVO and dlg.lectura is None
    assert not dlg.error_archivo.isHidden()
    assert dlg.error_archivo.text().startswith(empieza)
    assert "plantilla en blanco de Articula" in dlg.error_archivo.text()
    assert "Traceback" not in dlg.error_archivo.text()


def test_archivos_que_no_sirven(ctx, qtbot, tmp_path):
    texto = tmp_path / "notas.xlsx"
    texto.write_text("esto no es una planilla", encoding="utf-8")
    vacio = tmp_path / "vacio.xlsx"
    vacio.write_bytes(b"")
    for ruta, esperado in ((texto, "no es un libro de Excel .xlsx"), (vacio, "está vacío"),
                           (tmp_path / "no_existe.xlsx", "No se encontró el archivo")):
        dlg = asistente(qtbot, ctx, "actores", ruta)
        dlg.siguiente()
        esperar_tarea(qtbot, dlg)
        assert dlg.paso == ARCHIVO and esperado in dlg.error_archivo.text()
        # A new file name clears the message.
        dlg.campo_ruta.setText(str(PLANILLAS / "matriz_stakeholders_CLV.xlsx"))
        assert dlg.error_archivo.isHidden()


# -- problemas --------------------------------------------------------------------------------------------------
def planilla_con_problemas(ruta: Path) -> Path:
    from openpyxl import Workbook

    esquema = esquema_de("actores")
    wb = Workbook()
    ws = wb.active
    ws.title = "Actores"
    ws.append([c.titulo for c in esquema.columnas])
    for datos in ({"nombre": "Comité Nuevo (ficticio)", "interes": 9, "influencia": 2},
                  {"sigla": "XX", "interes": 3, "influencia": 3},
                  {"nombre": "Radio Ejemplo (ficticia)", "postura": "Quizás", "interes": 4, "influencia": 3},
                  {"nombre": "Comisión Vecinal San Miguel (ficticia)", "interes": 5, "influencia": 3}):
        ws.append([datos.get(c.campo) for c in esquema.columnas])
    wb.save(ruta)
    return ruta


def test_con_problemas_no_se_importa_nada_y_se_listan(ctx, qtbot, tmp_path):
    antes = actores(ctx)
    dlg = asistente(qtbot, ctx, "actores", planilla_con_problemas(tmp_path / "con_problemas.xlsx"))
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, PREVIA)
    # The preview already marks what it can see: the missing name and the unknown stance.
    modelo = dlg.modelo_previa
    assert modelo.problemas() == 2
    columna_nombre = modelo.campos.index("nombre") + 1
    assert modelo.tiene_problema(1, columna_nombre)
    assert modelo.index(1, columna_nombre).data(Qt.ItemDataRole.ToolTipRole) == "Falta «Nombre»: es obligatoria."
    assert "Fila 4, K (Postura): «Quizás» no es una opción" in dlg.problemas_previa.text()

    dlg.importar()
    qtbot.waitUntil(lambda: dlg.dialogo_problemas is not None, timeout=ESPERA)
    assert actores(ctx) == antes and ctx.pila.count() == 0
    assert dlg.paso == PREVIA and dlg.resultado.creados == 0
    problemas = dlg.dialogo_problemas
    assert problemas.modelo.rowCount() == 4
    assert [problemas.modelo.index(r, 1).data() for r in range(4)] == ["2", "3", "4", "5"]
    assert problemas.modelo.index(3, 3).data().startswith("Ya hay un actor llamado «Comisión Vecinal San Miguel")
    # After the attempt the preview marks the problems found while importing too (the repeated name).
    assert modelo.tiene_problema(3, columna_nombre) and modelo.tiene_problema(0, modelo.campos.index("interes") + 1)
    assert dlg.problemas_previa.text() == ("No se importó nada: hay 4 problemas. Corrija la planilla y vuelva a "
                                           "importarla.")
    assert not dlg.boton_ver_problemas.isHidden()


def test_lista_de_problemas_copia_y_guarda(qtbot, qtmodeltester, tmp_path, ajustes, monkeypatch):
    problemas = [Problema("Actores", 2, "I (Interés)", "El interés va de 1 (muy bajo) a 5 (muy alto).", 8),
                 Problema("Actores", 3, "A (Nombre)", "Falta «Nombre»: es obligatoria.", 0),
                 Problema("Actores", None, "", "Falta la columna obligatoria «Nombre».")]
    dlg = DialogoProblemas(problemas, "matriz.xlsx")
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.modelo)
    assert dlg.windowTitle() == "No se importó nada"
    assert [dlg.modelo.index(2, c).data() for c in range(4)] == [
        "Actores", "—", "—", "Falta la columna obligatoria «Nombre»."]

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dlg.boton_copiar, Qt.MouseButton.LeftButton)
    copiado = QGuiApplication.clipboard().text()
    assert copiado == informe(problemas, "matriz.xlsx")
    assert copiado.startswith("No se importó nada: hay 3 problemas en «matriz.xlsx».")
    assert "• Hoja «Actores», fila 2, columna I (Interés): El interés va de 1" in copiado

    csv = tmp_path / "problemas.csv"
    monkeypatch.setattr(dlg, "pedir_ruta", lambda: str(csv))
    assert dlg.guardar() == csv
    lineas = csv.read_text(encoding="utf-8-sig").splitlines()
    assert lineas[0] == "Hoja;Fila;Columna;Problema"
    assert lineas[1] == "Actores;2;I (Interés);El interés va de 1 (muy bajo) a 5 (muy alto)."
    txt = guardar_informe(tmp_path / "problemas", problemas, "matriz.xlsx")
    assert txt.suffix == ".txt" and txt.read_text(encoding="utf-8").startswith("No se importó nada")


# -- cancelar ---------------------------------------------------------------------------------------------------
def test_cancelar_la_importacion_deja_el_expediente_igual(ctx, qtbot, monkeypatch):
    antes = filas_de(ctx.expediente, "actores")
    original = modulo_importar.trabajo_importar

    def como_si_apretara_cancelar(*args, **kwargs):
        trabajo = original(*args, **kwargs)

        def cancelado(_h, _t):
            raise progreso.Cancelado()  # what Tarea.progreso raises once Cancelar was pressed

        return lambda _avance: trabajo(cancelado)

    monkeypatch.setattr(modulo_importar, "trabajo_importar", como_si_apretara_cancelar)
    dlg = asistente(qtbot, ctx, "actores", PLANILLAS / "matriz_stakeholders_CLV.xlsx")
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, HOJA)
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, COLUMNAS)
    dlg.siguiente()
    dlg.importar()
    esperar_tarea(qtbot, dlg)
    assert dlg.paso == PREVIA
    assert dlg.problemas_previa.text() == "Importación cancelada: no se guardó nada."
    assert filas_de(ctx.expediente, "actores") == antes and ctx.pila.count() == 0


def test_cancelar_en_el_hilo_no_escribe(ctx, expediente_demo):
    from nucleo.importar import leer_libro

    lectura = leer_libro(PLANILLAS / "matriz_stakeholders_CLV.xlsx", esquema_de("actores"))
    tarea = progreso.Tarea(modulo_importar.trabajo_importar(expediente_demo, ctx.municipio_id, lectura,
                                                              lectura.mapeo))
    tarea.cancelar()
    antes = actores(ctx)
    with pytest.raises(progreso.Cancelado):
        tarea.funcion(tarea.progreso)
    assert actores(ctx) == antes


def test_cancelar_la_exportacion_no_deja_archivo(ctx, qtbot, tmp_path, monkeypatch):
    import ui.acciones_datos as modulo

    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    archivo = tmp_path / "actores.xlsx"
    destino_fijo(monkeypatch, pagina.datos, archivo)
    original = modulo.trabajo_exportar

    def cancelada(*args, **kwargs):
        trabajo = original(*args, **kwargs)

        def cancelado(_h, _t):
            raise progreso.Cancelado()

        return lambda _avance: trabajo(cancelado)

    monkeypatch.setattr(modulo, "trabajo_exportar", cancelada)
    mensajes: list[str] = []
    ctx.mensaje.connect(mensajes.append)
    pagina.datos.exportar()
    esperar_tarea(qtbot, pagina.datos)
    assert not archivo.exists() and list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []
    assert mensajes == ["Cancelado: no se escribió «actores.xlsx»."]
    assert pagina.datos.aviso is None


# -- impresos ---------------------------------------------------------------------------------------------------
def test_imprimir_en_pdf_en_segundo_plano(ctx, qtbot, tmp_path, monkeypatch):
    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    pagina.datos.hoy = HOY
    archivo = tmp_path / "grilla"  # .pdf is added
    propuestos = destino_fijo(monkeypatch, pagina.datos, archivo)
    # The PDF of the view the user is looking at (also what Ctrl+P previews and prints).
    pagina.vistas.setCurrentIndex(PESTANA_GRILLA)
    assert pagina.impreso_actual().vista == "grilla"
    pagina.datos.accion_imprimir.trigger()
    esperar_tarea(qtbot, pagina.datos)
    assert propuestos == ["Grilla poder-interés - Villeta - 2026-11-18.pdf"]
    pdf = tmp_path / "grilla.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pagina.datos.aviso.text() == "Se guardó «grilla.pdf»."

    pagina.datos.acciones_pdf["matriz"].trigger()
    esperar_tarea(qtbot, pagina.datos)
    assert propuestos[-1] == "Matriz de actores - Villeta - 2026-11-18.pdf"

    catalogo = PaginaOportunidades(ctx, hoy=HOY)
    qtbot.addWidget(catalogo)
    salida = tmp_path / "catalogo.pdf"
    propuestos = destino_fijo(monkeypatch, catalogo.datos, salida)
    qtbot.mouseClick(catalogo.datos.boton_imprimir, Qt.MouseButton.LeftButton)
    esperar_tarea(qtbot, catalogo.datos)
    assert propuestos == ["Mapa de Oportunidades - Villeta - 2026-11-18.pdf"]
    assert salida.read_bytes().startswith(b"%PDF")


def test_error_al_escribir_se_explica(ctx, qtbot, tmp_path, monkeypatch):
    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    destino_fijo(monkeypatch, pagina.datos, tmp_path / "no_existe" / "x.pdf")
    avisos = []
    monkeypatch.setattr(progreso, "informar_fallo", lambda _p, exc, _t: avisos.append(exc))
    pagina.datos.imprimir("matriz")
    esperar_tarea(qtbot, pagina.datos)
    assert len(avisos) == 1 and "No existe la carpeta" in avisos[0].mensaje


# -- la barra de la página --------------------------------------------------------------------------------------
def test_menus_de_la_barra(ctx, qtbot):
    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    d = pagina.datos
    assert d.boton_excel.text() == "E&xcel ▾" and d.boton_imprimir.text() == "&Imprimir ▾"
    assert [a.text() for a in d.menu_excel.actions() if not a.isSeparator()] == [
        "&Exportar a Excel…", "&Plantilla en blanco…", "&Importar desde Excel…"]
    assert [a.text() for a in d.menu_imprimir.actions()] == [
        "&Matriz de actores (PDF)…", "&Grilla poder/interés (PDF)…"]
    assert d.accion_importar.isEnabled()
    for a in (d.accion_exportar, d.accion_importar):
        assert a in pagina.actions()  # Ctrl+E, Ctrl+I inside the page (Ctrl+P is the window's)
    otra = PaginaOportunidades(ctx, hoy=HOY)
    qtbot.addWidget(otra)
    assert otra.datos.menu_imprimir is None and otra.datos.boton_imprimir.text() == "&Imprimir…"


def test_el_asistente_se_abre_desde_la_pagina_y_no_en_solo_lectura(ctx, expediente_demo, qtbot):
    pagina = PaginaActores(ctx)
    qtbot.addWidget(pagina)
    dlg = pagina.datos.importar()
    assert isinstance(dlg, DialogoImportar) and dlg.isVisible()
    assert dlg.combo_tabla.currentData() == "actores"
    assert pagina.datos.importar() is dlg  # a second Ctrl+I brings the same wizard forward
    dlg.reject()
    qtbot.waitUntil(lambda: pagina.datos.asistente is None)

    ro = Expediente.abrir(expediente_demo.ruta)
    try:
        ctx_ro = Contexto(ro)
        p = PaginaOportunidades(ctx_ro, hoy=HOY)
        qtbot.addWidget(p)
        assert not p.datos.accion_importar.isEnabled()
        assert p.datos.accion_exportar.isEnabled() and p.datos.accion_imprimir.isEnabled()
        assert p.datos.importar() is None
    finally:
        ro.cerrar()


def test_modelo_de_vista_previa_vacio(qtmodeltester):
    modelo = modulo_importar.ModeloVistaPrevia()
    qtmodeltester.check(modelo)
    assert modelo.columnCount() == 1 and modelo.data(QModelIndex()) is None
