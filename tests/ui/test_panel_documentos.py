"""Panel de documentos de evidencia por sí solo: adjuntar, deshacer y rehacer, quitar, teclas, arrastrar y solo
lectura, como lo usaría cualquier página que guarde escaneos firmados."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from nucleo.almacen.expediente import Expediente
from nucleo.servicios.hoja_de_ruta import contenido_documento, listar_documentos, resumen_ruta
from nucleo.servicios.territorios import listar_territorios
from ui.contexto import Contexto
from ui.widgets.documentos import PanelDocumentos

HOY = date(2026, 11, 18)  # the day the demo was built for (tests/conftest.py)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


def _etapa(ctx: Contexto, territorio: str, codigo: str) -> int:
    tid = next(f.id for f in ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id, HOY)) if f.nombre == territorio)
    return next(e.id for e in ctx.leer(lambda s: resumen_ruta(s, tid, HOY)).etapas if e.codigo == codigo)


def _panel(qtbot, ctx: Contexto) -> PanelDocumentos:
    panel = PanelDocumentos(ctx)
    # What an owner page does: reload when someone (this panel, undo, another page) changed documents.
    ctx.cambiado.connect(lambda que: "documento" in que and panel.recargar())
    qtbot.addWidget(panel)
    panel.resize(520, 260)
    panel.show()
    return panel


@pytest.fixture
def etapa(ctx) -> int:
    return _etapa(ctx, "Compañía Cerrito", "3")


@pytest.fixture
def panel(qtbot, ctx, etapa) -> PanelDocumentos:
    p = _panel(qtbot, ctx)
    p.mostrar_etapa(etapa, "3")
    return p


def _nombres(panel: PanelDocumentos) -> list[str]:
    m = panel.modelo_documentos
    return [m.fila(r).nombre_archivo for r in range(m.rowCount())]


def test_sin_etapa_no_se_puede_adjuntar(qtbot, ctx, tmp_path):
    panel = _panel(qtbot, ctx)
    archivo = tmp_path / "acta.pdf"
    archivo.write_bytes(b"%PDF-1.4 acta")
    assert panel.etapa() is None
    assert not panel.boton_adjuntar.isEnabled() and not panel.tabla_documentos.acceptDrops()
    assert panel.pila_documentos.currentWidget() is panel.vacio_documentos
    assert not panel.adjuntar([str(archivo)])
    assert ctx.pila.count() == 0


def test_adjuntar_deshacer_y_rehacer(qtmodeltester, panel, ctx, etapa, tmp_path):
    assert panel.titulo_documentos.text() == "Documentos de evidencia"
    assert panel.pila_documentos.currentWidget() is panel.vacio_documentos
    assert panel.boton_adjuntar.isEnabled() and not panel.boton_abrir.isEnabled()
    archivo = tmp_path / "acta.pdf"
    contenido = b"%PDF-1.4\n" + bytes(range(256)) * 48
    archivo.write_bytes(contenido)
    mensajes: list[str] = []
    ctx.mensaje.connect(mensajes.append)

    assert panel.adjuntar([str(archivo)])
    assert ctx.pila.undoText() == "Adjuntar «acta.pdf» a la etapa 3"
    assert mensajes == ["Se adjuntó 1 documento a la etapa 3."]
    assert _nombres(panel) == ["acta.pdf"]
    assert panel.modelo_documentos.index(0, 1).data() == "12 KB"
    assert panel.titulo_documentos.text() == "Documentos de evidencia (1)"
    assert panel.pila_documentos.currentWidget() is panel.tabla_documentos
    # The new document is selected, so Abrir / Guardar como / Quitar work on it at once.
    assert panel.tabla_documentos.selectionModel().isRowSelected(0)
    assert panel.boton_abrir.isEnabled() and panel.boton_guardar_como.isEnabled() and panel.boton_quitar.isEnabled()
    qtmodeltester.check(panel.modelo_documentos)

    ctx.pila.undo()
    assert ctx.leer(lambda s: listar_documentos(s, etapa)) == []
    assert panel.modelo_documentos.rowCount() == 0
    assert panel.titulo_documentos.text() == "Documentos de evidencia"
    assert panel.pila_documentos.currentWidget() is panel.vacio_documentos
    ctx.pila.redo()
    assert _nombres(panel) == ["acta.pdf"]
    assert ctx.leer(lambda s: contenido_documento(s, panel.modelo_documentos.fila(0).id)) == ("acta.pdf", contenido)


def test_adjuntar_varios_desde_el_dialogo_es_una_sola_orden(panel, ctx, tmp_path, monkeypatch):
    rutas = []
    for nombre in ("foto 1.jpg", "foto 2.jpg"):
        (tmp_path / nombre).write_bytes(b"\xff\xd8\xff " + nombre.encode())
        rutas.append(str(tmp_path / nombre))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (rutas, ""))
    panel.boton_adjuntar.click()
    assert _nombres(panel) == ["foto 1.jpg", "foto 2.jpg"]
    assert ctx.pila.count() == 1
    assert ctx.pila.undoText() == "Adjuntar 2 documentos a la etapa 3"
    ctx.pila.undo()
    assert panel.modelo_documentos.rowCount() == 0


def test_dialogo_cancelado_no_adjunta_nada(panel, ctx, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    assert not panel.adjuntar()
    assert ctx.pila.count() == 0


def test_quitar_pregunta_antes_y_se_deshace(panel, ctx, tmp_path, monkeypatch):
    archivo = tmp_path / "foto.jpg"
    archivo.write_bytes(b"\xff\xd8\xff foto")
    assert panel.adjuntar([str(archivo)])
    panel.tabla_documentos.selectRow(0)

    preguntas = []
    monkeypatch.setattr(panel, "_confirmar", lambda *a: preguntas.append(a) or False)
    panel.boton_quitar.click()  # Cancelar: nothing happens
    assert preguntas[0][:2] == ("Quitar documentos", "¿Quitar «foto.jpg» de la etapa 3?")
    assert "Ctrl+Z" in preguntas[0][2]
    assert _nombres(panel) == ["foto.jpg"]
    assert ctx.pila.count() == 1

    monkeypatch.setattr(panel, "_confirmar", lambda *a: preguntas.append(a) or True)
    assert panel.quitar_documentos()
    assert panel.modelo_documentos.rowCount() == 0
    assert ctx.pila.undoText() == "Quitar «foto.jpg» de la etapa 3"
    ctx.pila.undo()
    assert _nombres(panel) == ["foto.jpg"]
    ctx.pila.redo()
    assert panel.modelo_documentos.rowCount() == 0


def test_insert_adjunta_y_supr_quita(qtbot, panel, ctx, tmp_path, monkeypatch):
    archivo = tmp_path / "planilla.xlsx"
    archivo.write_bytes(b"PK\x03\x04 planilla")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(archivo)], ""))
    qtbot.keyClick(panel.tabla_documentos, Qt.Key.Key_Insert)
    assert _nombres(panel) == ["planilla.xlsx"]
    preguntas = []
    monkeypatch.setattr(panel, "_confirmar", lambda *a: preguntas.append(a) or True)
    panel.tabla_documentos.selectRow(0)
    qtbot.keyClick(panel.tabla_documentos, Qt.Key.Key_Delete)
    assert len(preguntas) == 1
    assert panel.modelo_documentos.rowCount() == 0
    assert ctx.pila.count() == 2


def _datos_arrastrados(*rutas) -> QMimeData:
    datos = QMimeData()
    datos.setUrls([QUrl.fromLocalFile(str(r)) for r in rutas])
    return datos


def test_soltar_archivos_los_adjunta(panel, ctx, tmp_path):
    archivo = tmp_path / "escaneo.png"
    archivo.write_bytes(b"\x89PNG escaneo")
    datos = _datos_arrastrados(archivo, tmp_path / "no existe.pdf")
    entrada = QDragEnterEvent(panel.tabla_documentos.viewport().rect().center(), Qt.DropAction.CopyAction, datos,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.tabla_documentos.dragEnterEvent(entrada)
    assert entrada.isAccepted()
    soltar = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, datos, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    panel.tabla_documentos.dropEvent(soltar)
    assert _nombres(panel) == ["escaneo.png"]  # only files that exist
    assert ctx.pila.undoText() == "Adjuntar «escaneo.png» a la etapa 3"


def test_solo_lectura_se_puede_ver_y_abrir_pero_no_cambiar(qtbot, ctx, expediente_demo, etapa, tmp_path,
                                                           monkeypatch):
    archivo = tmp_path / "acta firmada.pdf"
    archivo.write_bytes(b"%PDF-1.4 firmada")
    escritor = _panel(qtbot, ctx)
    escritor.mostrar_etapa(etapa, "3")
    assert escritor.adjuntar([str(archivo)])

    segundo = Expediente.abrir(expediente_demo.ruta, respaldar=False)
    try:
        assert segundo.solo_lectura
        lector = _panel(qtbot, Contexto(segundo))
        lector.mostrar_etapa(etapa, "3")
        assert _nombres(lector) == ["acta firmada.pdf"]  # viewing still works
        lector.tabla_documentos.selectRow(0)
        assert lector.boton_abrir.isEnabled() and lector.boton_guardar_como.isEnabled()
        assert not lector.boton_adjuntar.isEnabled() and not lector.boton_quitar.isEnabled()
        assert not lector.tabla_documentos.acceptDrops()
        monkeypatch.setattr(lector, "_confirmar", lambda *a: pytest.fail("no debe preguntar en solo lectura"))
        assert not lector.adjuntar([str(archivo)]) and not lector.quitar_documentos()
        destino = tmp_path / "copia.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(destino), ""))
        assert lector.guardar_documento_como()
        assert destino.read_bytes() == archivo.read_bytes()

        lector.mostrar_etapa(_etapa(ctx, "Compañía Cerrito", "4"), "4")
        assert lector.pila_documentos.currentWidget() is lector.vacio_documentos
        assert lector.vacio_documentos.text() == "Sin documentos en esta etapa."
    finally:
        segundo.cerrar()
