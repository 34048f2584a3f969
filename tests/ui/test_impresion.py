"""Archivo > Imprimir…: rasterizar el PDF exacto con pypdfium2 y dibujarlo hoja por hoja; papel A4/Oficio."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from nucleo.errores import ErrorDeUsuario
from nucleo.servicios.municipio import DatosMunicipio, datos_municipio, validar_municipio
from ui import impresion
from ui.contexto import Contexto

A4 = (595.2756, 841.8898)


def _pdf_mixto(ruta: Path) -> Path:
    """Tres páginas A4: vertical, apaisada (como las del Gantt) y vertical."""
    from reportlab.lib.pagesizes import A4 as A4_RL
    from reportlab.lib.pagesizes import landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(ruta), pagesize=A4_RL)
    for n, tamano in enumerate((A4_RL, landscape(A4_RL), A4_RL), start=1):
        c.setPageSize(tamano)
        c.rect(20, 20, tamano[0] - 40, tamano[1] - 40)
        c.drawString(60, tamano[1] - 80, f"Página {n} de 3")
        c.showPage()
    c.save()
    return ruta


@pytest.fixture
def pdf(tmp_path, qapp) -> Path:  # QImage, QPdfWriter and QPrinter need the application object
    return _pdf_mixto(tmp_path / "mixto.pdf")


def test_vista_previa_disponible():
    assert impresion.vista_previa_disponible()


def test_rasterizar_da_una_imagen_por_pagina_con_su_proporcion(pdf):
    tamanos = impresion.paginas_pdf(pdf)
    assert len(tamanos) == 3
    assert tamanos[0] == pytest.approx(A4, abs=0.5)
    assert tamanos[1] == pytest.approx(A4[::-1], abs=0.5)
    imagenes = list(impresion.rasterizar(pdf, dpi=72))
    assert len(imagenes) == 3
    for imagen, (ancho, alto) in zip(imagenes, tamanos, strict=True):
        assert not imagen.isNull()
        assert imagen.width() / imagen.height() == pytest.approx(ancho / alto, rel=0.01)
    assert imagenes[0].width() == pytest.approx(595, abs=1)  # 72 dpi = one pixel per point
    # The page is drawn, not blank: the frame's black line is there.
    assert imagenes[0].pixelColor(20, 421).value() < 200  # antialiased grey, not the white of the page
    assert imagenes[0].pixelColor(300, 421).value() == 255


def test_pintar_en_un_pdf_respeta_cada_hoja(pdf, tmp_path):
    salida = tmp_path / "salida.pdf"
    escritor = QPdfWriter(str(salida))
    escritor.setResolution(150)
    assert impresion.pintar_pdf(pdf, escritor) == 3
    del escritor
    tamanos = impresion.paginas_pdf(salida)
    assert len(tamanos) == 3
    assert tamanos[1][0] > tamanos[1][1]  # the landscape page stays landscape
    assert tamanos[0] == pytest.approx(A4, abs=1)


def test_pintar_en_una_impresora_gira_la_hoja_apaisada(pdf, tmp_path):
    salida = tmp_path / "impresora.pdf"
    impresora = QPrinter(QPrinter.PrinterMode.HighResolution)
    impresora.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    impresora.setOutputFileName(str(salida))
    impresora.setFullPage(True)
    assert impresion.pintar_pdf(pdf, impresora) == 3
    tamanos = impresion.paginas_pdf(salida)
    assert len(tamanos) == 3
    # A printer keeps its sheet during a job: every page portrait, the landscape one rotated onto it.
    assert all(alto > ancho for ancho, alto in tamanos)
    paginas = list(impresion.rasterizar(salida, dpi=30))
    assert len(paginas) == 3


def test_errores_en_espanol(tmp_path, monkeypatch):
    with pytest.raises(ErrorDeUsuario, match="No se encontró el archivo"):
        impresion.paginas_pdf(tmp_path / "no_existe.pdf")
    roto = tmp_path / "roto.pdf"
    roto.write_bytes(b"esto no es un PDF")
    with pytest.raises(ErrorDeUsuario, match="no es un PDF que se pueda leer"):
        impresion.paginas_pdf(roto)

    avisos: list[str] = []
    monkeypatch.setattr(impresion, "_avisar", lambda _p, exc: avisos.append(exc.mensaje))
    assert impresion.imprimir_pdf(roto, None) is False
    assert avisos and "no es un PDF" in avisos[0]


def test_imprimir_pdf_abre_la_vista_previa(pdf, qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    vistos: list[int] = []

    def exec_(dialogo):
        vista = dialogo.findChild(QPrintPreviewWidget)
        vista.updatePreview()
        vistos.append(vista.pageCount())
        return QPrintPreviewDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    assert impresion.imprimir_pdf(pdf, None) is False  # closed without printing
    assert vistos == [3]


def test_imprimir_impreso_arma_el_pdf_y_abre_la_vista_previa(expediente_demo, qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
    from PySide6.QtWidgets import QWidget

    vistos: list[tuple[int, Path]] = []

    def exec_(dialogo):
        vista = dialogo.findChild(QPrintPreviewWidget)
        vista.updatePreview()
        vistos.append((vista.pageCount(), dialogo.printer().docName()))
        return QPrintPreviewDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    ventana = QWidget()
    qtbot.addWidget(ventana)
    ctx = Contexto(expediente_demo)
    tarea = impresion.imprimir_impreso(ctx, ventana, "actores", "matriz", nombre="Matriz de actores")
    qtbot.waitUntil(lambda: bool(vistos), timeout=30000)
    paginas, nombre = vistos[0]
    assert paginas >= 1
    assert nombre == "Matriz de actores"
    assert tarea is not None


# -- papel de los impresos (Herramientas > Datos del municipio) -----------------------------------------------------
def test_papel_se_valida():
    base = DatosMunicipio(clave_ine="0918", intendente_nombre="I", coordinador_nombre="C")
    assert validar_municipio(base).papel == "A4"
    base.papel = "carta"
    with pytest.raises(ErrorDeUsuario) as error:
        validar_municipio(base)
    assert "papel" in error.value.errores


def test_papel_en_el_dialogo_del_municipio(expediente_demo, qtbot):
    from ui.dialogos.municipio import DialogoMunicipio

    ctx = Contexto(expediente_demo)
    mid = ctx.municipio_id
    dialogo = DialogoMunicipio(ctx)
    qtbot.addWidget(dialogo)
    assert dialogo.combo_papel.currentData() == "A4"
    assert [dialogo.combo_papel.itemData(i) for i in range(dialogo.combo_papel.count())] == ["A4", "oficio"]
    dialogo.combo_papel.setCurrentIndex(dialogo.combo_papel.findData("oficio"))
    assert dialogo.guardar()
    assert ctx.leer(lambda s: datos_municipio(s, mid).papel) == "oficio"
    ctx.pila.undo()
    assert ctx.leer(lambda s: datos_municipio(s, mid).papel) == "A4"
