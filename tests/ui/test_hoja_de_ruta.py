"""Página Hoja de ruta: lo que el coordinador ve y hace sobre la ruta de un territorio."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import update

from nucleo.almacen.expediente import Expediente
from nucleo.formato import tamano_legible
from nucleo.modelo import PlanAccion
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.hoja_de_ruta import contenido_documento, obtener_etapa, resumen_ruta
from nucleo.servicios.territorios import eliminar_territorio, listar_territorios
from ui.contexto import Contexto
from ui.modelos.tabla import ROL_FILA
from ui.paginas.hoja_de_ruta import PaginaHojaDeRuta

HOY = date(2026, 11, 18)  # the day the demo was built for (tests/conftest.py)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def ids(ctx) -> dict[str, int]:
    return {f.nombre: f.id for f in ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id, HOY))}


@pytest.fixture
def pagina(qtbot, ctx):
    p = PaginaHojaDeRuta(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    return p


def _codigos(p: PaginaHojaDeRuta) -> list[str]:
    return [p.modelo.fila(r).codigo for r in range(p.modelo.rowCount())]


def _elegir_etapa(p: PaginaHojaDeRuta, codigo: str) -> int:
    fila = _codigos(p).index(codigo)
    p.tabla.selectRow(fila)
    return p.modelo.fila(fila).id


def test_modelos_pasan_qtmodeltester(qtmodeltester, pagina, ids, tmp_path):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    archivo = tmp_path / "acta.pdf"
    archivo.write_bytes(b"%PDF-1.4 acta")
    assert pagina.adjuntar([str(archivo)])
    qtmodeltester.check(pagina.modelo)
    qtmodeltester.check(pagina.documentos.modelo_documentos)
    qtmodeltester.check(pagina.combo_territorio.model())


def test_selector_ordenado_por_nombre(pagina, ids):
    nombres = [pagina.combo_territorio.itemText(i) for i in range(pagina.combo_territorio.count())]
    assert nombres == sorted(ids, key=str.casefold)


def test_mostrar_territorio_elige_y_muestra_las_8_etapas(pagina, ids):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    assert pagina.combo_territorio.currentText() == "Compañía Cerrito"
    assert pagina.territorio_actual() == ids["Compañía Cerrito"]
    assert _codigos(pagina) == ["1-a", "1-b", "1-c", "2", "3", "4", "5", "6"]
    # The stage shown first is the next step (3, overdue), in the table, the timeline and the editor.
    fila = pagina.tabla.currentIndex().row()
    assert pagina.modelo.fila(fila).codigo == "3"
    assert pagina.linea.actual() == fila == pagina.linea.seleccion()
    assert [p.codigo for p in pagina.linea.pasos()] == _codigos(pagina)
    assert pagina.editor.titulo_etapa.text().startswith("Etapa 3")
    assert "2 vencidas" in pagina.tarjeta.etiqueta_vencidas.texto()
    assert pagina.tarjeta.texto_progreso.text() == "4 de 8 etapas cumplidas"


def test_texto_del_proximo_paso(pagina, ids, ctx):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    esperado = ctx.leer(lambda s: resumen_ruta(s, ids["Compañía Cerrito"], HOY)).texto_siguiente
    assert pagina.tarjeta.texto_siguiente.text() == esperado
    assert esperado.startswith("Etapa 3: Diagnóstico participativo")
    assert "vencida" in esperado
    pagina.mostrar_territorio(ids["Barrio Industrial"])
    assert pagina.tarjeta.texto_siguiente.text() == "Fije la fecha de inicio de la ruta para calcular los plazos."


def test_fijar_inicio_recalcula_en_dias_habiles_y_se_deshace(pagina, ids, ctx):
    pagina.mostrar_territorio(ids["Barrio Industrial"])
    assert pagina.modelo.fila(0).inicio_plan is None
    inicio = date(2026, 12, 4)  # a Friday: 10 working days cross a weekend and 8 December (feriado)
    pagina.campo_inicio.fijar(inicio)
    pagina.boton_aplicar.click()
    cal = ctx.leer(lambda s: calendario_de(s, ctx.municipio_id))
    primera = pagina.modelo.fila(0)
    assert primera.inicio_plan == inicio
    assert primera.fin_plan == cal.sumar_dias_habiles(inicio, 10) == date(2026, 12, 18)
    segunda = pagina.modelo.fila(1)
    assert segunda.inicio_plan == cal.dia_habil_siguiente(primera.fin_plan)
    assert pagina.tarjeta.texto_siguiente.text().startswith("Etapa 1-a")
    ctx.pila.undo()
    assert pagina.modelo.fila(0).inicio_plan is None
    assert pagina.campo_inicio.fecha() is None
    ctx.pila.redo()
    assert pagina.modelo.fila(0).fin_plan == date(2026, 12, 18)


def test_fecha_de_inicio_mal_escrita_se_marca_en_el_campo(pagina, ids, ctx):
    pagina.mostrar_territorio(ids["Barrio Industrial"])
    pagina.campo_inicio.editor.setText("31/02/2026")
    assert not pagina.aplicar_inicio()
    assert pagina.error_inicio.isVisibleTo(pagina) and "no existe" in pagina.error_inicio.text()
    assert ctx.pila.count() == 0


def test_cumplida_sin_fin_real_muestra_el_error_en_el_campo(pagina, ids, ctx):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    etapa_id = _elegir_etapa(pagina, "3")
    pagina.editor.combo_estado.setCurrentIndex(pagina.editor.combo_estado.findData("cumplida"))
    assert pagina.hay_cambios()
    pagina.editor.boton_guardar.click()
    error = pagina.editor.marcador._campos["fin_real"][1]
    assert error.isVisibleTo(pagina)
    assert "fecha real de término" in error.text()
    assert ctx.pila.count() == 0
    assert ctx.leer(lambda s: obtener_etapa(s, etapa_id)).estado == "en_curso"


def test_guardar_cambio_valido_y_deshacer_restaura_el_estado(pagina, ids, ctx):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    etapa_id = _elegir_etapa(pagina, "3")
    pagina.editor.combo_estado.setCurrentIndex(pagina.editor.combo_estado.findData("cumplida"))
    pagina.editor.campo_fin_real.fijar(date(2026, 11, 16))
    pagina.editor.campo_notas.setPlainText("Diagnóstico presentado en asamblea.")
    assert pagina.guardar_etapa()
    assert not pagina.hay_cambios()
    guardada = ctx.leer(lambda s: obtener_etapa(s, etapa_id))
    assert (guardada.estado, guardada.fin_real) == ("cumplida", date(2026, 11, 16))
    fila = pagina.modelo.fila(pagina.modelo.buscar_id(etapa_id))
    assert fila.semaforo == "cumplida"
    assert pagina.etapa_actual() == etapa_id  # the edited stage stays selected after the refresh
    assert pagina.tarjeta.texto_progreso.text() == "5 de 8 etapas cumplidas"

    ctx.pila.undo()
    assert ctx.leer(lambda s: obtener_etapa(s, etapa_id)).estado == "en_curso"
    assert pagina.editor.combo_estado.currentData() == "en_curso"
    assert pagina.editor.campo_fin_real.fecha() is None
    assert pagina.tarjeta.texto_progreso.text() == "4 de 8 etapas cumplidas"
    ctx.pila.redo()
    assert ctx.leer(lambda s: obtener_etapa(s, etapa_id)).estado == "cumplida"


def test_plazo_de_la_etapa_5_segun_el_plan(pagina, ids, ctx):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    etapa_id = _elegir_etapa(pagina, "5")
    assert pagina.editor.campo_plazo.text() == "Según el Plan de Acción"
    pagina.editor.campo_plazo.setValue(40)
    assert pagina.guardar_etapa()
    fila = pagina.modelo.fila(pagina.modelo.buscar_id(etapa_id))
    cal = ctx.leer(lambda s: calendario_de(s, ctx.municipio_id))
    assert fila.fin_plan == cal.sumar_dias_habiles(fila.inicio_plan, 40)
    assert pagina.modelo.fila(7).inicio_plan == cal.dia_habil_siguiente(fila.fin_plan)  # stage 6 now planned


def test_adjuntar_agrega_documento_y_deshacer_lo_quita(pagina, ids, ctx, tmp_path, monkeypatch):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    etapa_id = _elegir_etapa(pagina, "3")
    archivo = tmp_path / "Acta de la asamblea.pdf"
    contenido = b"%PDF-1.4\n" + bytes(range(256)) * 40
    archivo.write_bytes(contenido)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(archivo)], ""))
    pagina.documentos.boton_adjuntar.click()

    assert pagina.documentos.modelo_documentos.rowCount() == 1
    doc = pagina.documentos.modelo_documentos.fila(0)
    assert doc.nombre_archivo == "Acta de la asamblea.pdf"
    assert pagina.documentos.modelo_documentos.index(0, 1).data() == tamano_legible(len(contenido)) == "10 KB"
    assert pagina.documentos.titulo_documentos.text() == "Documentos de evidencia (1)"
    assert ctx.leer(lambda s: contenido_documento(s, doc.id)) == ("Acta de la asamblea.pdf", contenido)
    assert pagina.modelo.fila(pagina.modelo.buscar_id(etapa_id)).documentos == 1

    ctx.pila.undo()
    assert pagina.documentos.modelo_documentos.rowCount() == 0
    assert pagina.documentos.pila_documentos.currentWidget() is pagina.documentos.vacio_documentos
    ctx.pila.redo()
    assert pagina.documentos.modelo_documentos.rowCount() == 1
    doc_id = pagina.documentos.modelo_documentos.fila(0).id
    assert ctx.leer(lambda s: contenido_documento(s, doc_id))[1] == contenido


def test_guardar_como_y_quitar_documento(pagina, ids, ctx, tmp_path, monkeypatch):
    pagina.mostrar_territorio(ids["Barrio San Miguel"])
    _elegir_etapa(pagina, "4")
    archivo = tmp_path / "foto.jpg"
    archivo.write_bytes(b"\xff\xd8\xff foto")
    assert pagina.adjuntar([str(archivo)])
    destino = tmp_path / "copia.jpg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(destino), ""))
    assert pagina.documentos.boton_guardar_como.isEnabled()
    pagina.documentos.boton_guardar_como.click()
    assert destino.read_bytes() == archivo.read_bytes()

    preguntas = []
    monkeypatch.setattr(pagina.documentos, "_confirmar", lambda *a: preguntas.append(a) or True)
    pagina.documentos.tabla_documentos.setFocus()
    pagina.documentos.tabla_documentos.selectRow(0)
    pagina.documentos.boton_quitar.click()
    assert preguntas and "foto.jpg" in preguntas[0][1]
    assert pagina.documentos.modelo_documentos.rowCount() == 0
    ctx.pila.undo()
    assert pagina.documentos.modelo_documentos.rowCount() == 1
    assert pagina.documentos.modelo_documentos.fila(0).nombre_archivo == "foto.jpg"


def test_cambios_sin_guardar_no_se_pierden_al_cambiar_de_etapa(pagina, ids, monkeypatch):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    etapa_3 = _elegir_etapa(pagina, "3")
    pagina.editor.campo_notas.setPlainText("Nota a medio escribir")
    respuestas = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(pagina, "_preguntar_cambios", lambda: respuestas.pop(0))

    _elegir_etapa(pagina, "4")  # Cancelar: stays on stage 3 with the text
    assert pagina.etapa_actual() == etapa_3
    assert pagina.modelo.fila(pagina.tabla.currentIndex().row()).id == etapa_3
    assert pagina.editor.campo_notas.toPlainText() == "Nota a medio escribir"

    etapa_4 = _elegir_etapa(pagina, "4")  # Descartar: moves on
    assert pagina.etapa_actual() == etapa_4
    assert not pagina.hay_cambios()


def test_guardar_al_cambiar_de_territorio(pagina, ids, ctx, monkeypatch):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    etapa_3 = _elegir_etapa(pagina, "3")
    pagina.editor.campo_responsables.setText("Coordinador Municipal – Consejo Local")
    monkeypatch.setattr(pagina, "_preguntar_cambios", lambda: QMessageBox.StandardButton.Save)
    pagina.combo_territorio.setCurrentIndex(pagina.combo_territorio.findData(ids["Barrio San Miguel"]))
    assert pagina.territorio_actual() == ids["Barrio San Miguel"]
    assert ctx.leer(lambda s: obtener_etapa(s, etapa_3)).responsables == "Coordinador Municipal – Consejo Local"


def test_refresco_conserva_la_etapa_elegida(pagina, ids, ctx):
    pagina.mostrar_territorio(ids["Barrio San Miguel"])
    etapa_2 = _elegir_etapa(pagina, "2")
    ctx.cambiado.emit({"dia_especial"})
    assert pagina.etapa_actual() == etapa_2
    assert pagina.modelo.fila(pagina.tabla.currentIndex().row()).id == etapa_2


def test_clic_en_la_linea_elige_la_etapa(qtbot, pagina, ids):
    pagina.mostrar_territorio(ids["Barrio San Miguel"])
    centro = pagina.linea.centro(1)
    qtbot.mouseClick(pagina.linea, Qt.MouseButton.LeftButton, pos=QPoint(int(centro.x()), int(centro.y())))
    assert pagina.modelo.fila(pagina.tabla.currentIndex().row()).codigo == "1-b"
    assert pagina.editor.titulo_etapa.text().startswith("Etapa 1-b")


def test_semaforo_explica_la_regla(pagina, ids):
    pagina.mostrar_territorio(ids["Comunidad Yvy Porã"])
    fila = _codigos(pagina).index("1-b")
    assert pagina.modelo.index(fila, 0).data(ROL_FILA).semaforo == "por_vencer"
    ayuda = pagina.modelo.index(fila, pagina.modelo.COL_SEMAFORO).data(Qt.ItemDataRole.ToolTipRole)
    assert ayuda == "Por vencer: vence en 2 días hábiles o menos."
    regla_columna = pagina.modelo.headerData(pagina.modelo.COL_SEMAFORO, Qt.Orientation.Horizontal,
                                             Qt.ItemDataRole.ToolTipRole)
    assert "pasó la fecha de fin planificada sin cumplirse" in regla_columna


def test_territorios_nuevos_o_borrados_actualizan_el_selector(pagina, ids, ctx):
    # The demo's plan in execution must be closed before its territory can go.
    ctx.escribir(lambda s: s.execute(update(PlanAccion).values(estado="cerrado")), "plan")
    for tid in ids.values():
        ctx.escribir(lambda s, t=tid: eliminar_territorio(s, t), "territorio")
    assert pagina.pila.currentIndex() == 0
    assert pagina.texto_vacio.text() == "Cree un territorio en la página Territorios para ver su hoja de ruta."
    ctx.pila.clear()


def test_buscar_enfoca_el_selector(qtbot, pagina):
    pagina.activateWindow()
    pagina.buscar()
    qtbot.waitUntil(lambda: pagina.combo_territorio.hasFocus())
    assert pagina.combo_territorio.hasFocus()


def test_solo_lectura_deshabilita_la_edicion(qtbot, expediente_demo, ids):
    segundo = Expediente.abrir(expediente_demo.ruta, respaldar=False)
    try:
        assert segundo.solo_lectura
        p = PaginaHojaDeRuta(Contexto(segundo), hoy=lambda: HOY)
        qtbot.addWidget(p)
        p.show()
        p.mostrar_territorio(ids["Compañía Cerrito"])
        assert p.modelo.rowCount() == 8  # viewing still works
        assert p.combo_territorio.isEnabled()
        assert not p.boton_aplicar.isEnabled() and p.campo_inicio.editor.isReadOnly()
        assert not p.editor.combo_estado.isEnabled()
        assert p.editor.campo_inicio_real.editor.isReadOnly() and p.editor.campo_fin_real.editor.isReadOnly()
        assert (p.editor.campo_plazo.isReadOnly() and p.editor.campo_responsables.isReadOnly()
                and p.editor.campo_notas.isReadOnly())
        assert not p.editor.boton_guardar.isEnabled() and not p.documentos.boton_adjuntar.isEnabled()
        assert not p.documentos.boton_quitar.isEnabled()
        assert not p.guardar_etapa() and not p.adjuntar(["/no/importa.pdf"])
        assert not p.hay_cambios()
    finally:
        segundo.cerrar()


def test_tamano_legible():
    assert tamano_legible(1) == "1 byte"
    assert tamano_legible(850) == "850 bytes"
    assert tamano_legible(12_595) == "12,3 KB"
    assert tamano_legible(2_400_000) == "2,3 MB"
    assert tamano_legible(300 * 1024 * 1024) == "300 MB"


def test_abrir_escribe_el_documento_y_lo_entrega_al_sistema(pagina, ids, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    archivo = tmp_path / "Planilla de asistencia.xlsx"
    archivo.write_bytes(b"PK\x03\x04 planilla")
    assert pagina.adjuntar([str(archivo)])
    abiertos = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: abiertos.append(url.toLocalFile()) or True)
    pagina.documentos.tabla_documentos.selectRow(0)
    pagina.documentos.boton_abrir.click()
    assert len(abiertos) == 1
    assert abiertos[0].endswith("Planilla de asistencia.xlsx")
    assert Path(abiertos[0]).read_bytes() == archivo.read_bytes()


def test_teclas_insert_y_supr_en_los_documentos(qtbot, pagina, ids, ctx, tmp_path, monkeypatch):
    pagina.mostrar_territorio(ids["Compañía Cerrito"])
    archivo = tmp_path / "foto.png"
    archivo.write_bytes(b"\x89PNG foto")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(archivo)], ""))
    qtbot.keyClick(pagina.documentos.tabla_documentos, Qt.Key.Key_Insert)
    assert pagina.documentos.modelo_documentos.rowCount() == 1
    monkeypatch.setattr(pagina.documentos, "_confirmar", lambda *a: True)
    pagina.documentos.tabla_documentos.selectRow(0)
    qtbot.keyClick(pagina.documentos.tabla_documentos, Qt.Key.Key_Delete)
    assert pagina.documentos.modelo_documentos.rowCount() == 0
    assert ctx.pila.count() == 2
