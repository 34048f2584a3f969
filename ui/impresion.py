"""Archivo > Imprimir…: vista previa e impresión del PDF exacto que armó Articula.

Qt's own PDF module (QtPdf) only ships in PySide6-Addons (150+ MB), so the pages are rasterized with pypdfium2 at
the printer's resolution and drawn on the QPrinter, each fitted to the sheet with its aspect ratio kept. What
reaches the paper is therefore the same document that was saved and registered (the footer, the hash and the QR
code included), not a second rendering of the data.

    imprimir_pdf(Path("Plan de Acción.pdf"), ventana)   # opens QPrintPreviewDialog; True if it was printed

`paginas_pdf`, `rasterizar` and `pintar_pdf` are separate so the tests can draw onto a QPdfWriter offscreen.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QTransform
from PySide6.QtWidgets import QMessageBox, QWidget

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_

log = logging.getLogger(__name__)

# The preview keeps every page in memory: a lighter raster there; real printing goes up to 300 dpi (beyond it a
# printer gains nothing visible and an A4 page would take hundreds of megabytes).
DPI_VISTA_PREVIA = 110
DPI_MAXIMO = 300
DPI_MINIMO = 72
PUNTOS_POR_PULGADA = 72.0


def vista_previa_disponible() -> bool:
    """True si pypdfium2 está instalado (sin él no hay vista previa ni impresión desde Articula)."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def _abrir(ruta_pdf: Path):
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:
        raise ErrorDeUsuario(_("Falta el componente de vista previa (pypdfium2). Abra el PDF con su lector de PDF "
                               "e imprímalo desde allí."), detalle=str(exc)) from None
    ruta = Path(ruta_pdf)
    if not ruta.is_file():
        raise ErrorDeUsuario(_("No se encontró el archivo «{archivo}».").format(archivo=ruta.name),
                             detalle=str(ruta))
    try:
        return pdfium.PdfDocument(str(ruta))
    except pdfium.PdfiumError as exc:
        raise ErrorDeUsuario(_("«{archivo}» no es un PDF que se pueda leer (¿está dañado o protegido con "
                               "contraseña?).").format(archivo=ruta.name), detalle=str(exc)) from None


def paginas_pdf(ruta_pdf: Path) -> list[tuple[float, float]]:
    """El ancho y el alto de cada página del PDF, en puntos (1/72 de pulgada), ya girada si el PDF la gira."""
    pdf = _abrir(ruta_pdf)
    try:
        tamanos = []
        for n in range(len(pdf)):
            pagina = pdf[n]
            ancho, alto = pagina.get_size()
            if pagina.get_rotation() % 180:
                ancho, alto = alto, ancho
            tamanos.append((float(ancho), float(alto)))
            pagina.close()
        return tamanos
    finally:
        pdf.close()


def _imagen(pagina, dpi: float) -> QImage:
    # BGRx in memory is QImage.Format_RGB32 on little-endian machines (every platform Articula ships for).
    mapa = pagina.render(scale=dpi / PUNTOS_POR_PULGADA, prefer_bgrx=True, fill_color=(255, 255, 255, 255),
                         draw_annots=True)
    try:
        formato = QImage.Format.Format_RGB32 if mapa.n_channels == 4 else QImage.Format.Format_BGR888
        # .copy(): the QImage must own its pixels before pdfium frees the bitmap.
        return QImage(bytes(mapa.buffer), mapa.width, mapa.height, mapa.stride, formato).copy()
    finally:
        mapa.close()


def rasterizar(ruta_pdf: Path, dpi: float = 150) -> Iterator[QImage]:
    """Cada página del PDF como imagen a `dpi` puntos por pulgada, una por vez (no todas juntas en memoria)."""
    pdf = _abrir(ruta_pdf)
    try:
        for n in range(len(pdf)):
            pagina = pdf[n]
            try:
                yield _imagen(pagina, dpi)
            finally:
                pagina.close()
    finally:
        pdf.close()


def _tamano_de_pagina(ancho_pt: float, alto_pt: float) -> QPageSize:
    """El tamaño de hoja conocido (A4, Oficio, A3…) más parecido, o uno a medida; siempre en vertical."""
    corto, largo = sorted((ancho_pt, alto_pt))
    return QPageSize(QSizeF(corto, largo), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)


def _fijar_pagina(dispositivo: QPagedPaintDevice, ancho_pt: float, alto_pt: float) -> bool:
    """Hoja y orientación de la página que sigue; False si el dispositivo no deja cambiarlas (se gira la imagen)."""
    orientacion = (QPageLayout.Orientation.Landscape if ancho_pt > alto_pt
                   else QPageLayout.Orientation.Portrait)
    diseno = QPageLayout(_tamano_de_pagina(ancho_pt, alto_pt), orientacion, QMarginsF(0, 0, 0, 0))
    return bool(dispositivo.setPageLayout(diseno))


def _dpi_para(dispositivo: QPagedPaintDevice, vista_previa: bool) -> float:
    if vista_previa:
        return DPI_VISTA_PREVIA
    return float(min(max(dispositivo.logicalDpiX(), DPI_MINIMO), DPI_MAXIMO))


def pintar_pdf(ruta_pdf: Path, dispositivo: QPagedPaintDevice, vista_previa: bool = False,
               dpi: float | None = None) -> int:
    """Dibuja cada página del PDF en el dispositivo (QPrinter, QPdfWriter), una por hoja; devuelve cuántas.

    La hoja toma el tamaño y la orientación de la página del PDF (las del Gantt van apaisadas); si el dispositivo
    no acepta el cambio, la imagen se gira para aprovechar la hoja. Siempre se ajusta sin deformar y centrada.
    """
    tamanos = paginas_pdf(ruta_pdf)
    if not tamanos:
        return 0
    _fijar_pagina(dispositivo, *tamanos[0])
    dpi = dpi or _dpi_para(dispositivo, vista_previa)
    pintor = QPainter()
    if not pintor.begin(dispositivo):
        raise ErrorDeUsuario(_("No se pudo empezar a imprimir: la impresora no está disponible o no acepta "
                               "trabajos. Revise la impresora elegida e intente de nuevo."))
    try:
        for n, (imagen, (ancho_pt, alto_pt)) in enumerate(zip(rasterizar(ruta_pdf, dpi), tamanos, strict=True)):
            if n:
                # A printer keeps its sheet once the job started (Qt refuses and warns); a PDF writer may change.
                if not hasattr(dispositivo, "printerState"):
                    _fijar_pagina(dispositivo, ancho_pt, alto_pt)
                if not dispositivo.newPage():
                    raise ErrorDeUsuario(_("La impresora dejó de aceptar páginas (página {n}).").format(n=n + 1))
            hoja = QRectF(dispositivo.pageLayout().fullRectPixels(round(dispositivo.logicalDpiX())))
            hoja.moveTo(0, 0)
            pintor.setViewport(hoja.toRect())
            pintor.setWindow(hoja.toRect())
            if (imagen.width() > imagen.height()) != (hoja.width() > hoja.height()):
                imagen = imagen.transformed(QTransform().rotate(-90), Qt.TransformationMode.SmoothTransformation)
            escala = min(hoja.width() / imagen.width(), hoja.height() / imagen.height())
            ancho, alto = imagen.width() * escala, imagen.height() * escala
            destino = QRectF(hoja.left() + (hoja.width() - ancho) / 2, hoja.top() + (hoja.height() - alto) / 2,
                             ancho, alto)
            pintor.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            pintor.drawImage(destino, imagen)
        return len(tamanos)
    finally:
        pintor.end()


def imprimir_pdf(ruta_pdf: Path, parent: QWidget | None) -> bool:
    """Abre la vista previa (QPrintPreviewDialog) del PDF; desde allí, el diálogo de impresión del sistema.

    Devuelve True si el usuario lo mandó a imprimir. Los errores (sin pypdfium2, PDF dañado, impresora que falla)
    se muestran en español y devuelven False.
    """
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    ruta = Path(ruta_pdf)
    try:
        tamanos = paginas_pdf(ruta)
    except ErrorDeUsuario as exc:
        _avisar(parent, exc)
        return False
    if not tamanos:
        _avisar(parent, ErrorDeUsuario(_("«{archivo}» no tiene páginas.").format(archivo=ruta.name)))
        return False

    impresora = QPrinter(QPrinter.PrinterMode.HighResolution)
    impresora.setDocName(ruta.stem)
    impresora.setFullPage(True)  # the PDF already has its margins
    _fijar_pagina(impresora, *tamanos[0])
    dialogo = QPrintPreviewDialog(impresora, parent)
    dialogo.setWindowTitle(_("Vista previa: {archivo}").format(archivo=ruta.name) + " — " + n_(
        "{n} página", "{n} páginas", len(tamanos)).format(n=len(tamanos)))
    dialogo.resize(1000, 760)
    fallas: list[ErrorDeUsuario] = []

    def pintar(dispositivo) -> None:
        # The preview paints on a recording engine; the real print on the printer's own.
        try:
            pintar_pdf(ruta, dispositivo, vista_previa=_es_vista_previa(dispositivo))
        except ErrorDeUsuario as exc:
            fallas.append(exc)
        except Exception as exc:  # noqa: BLE001 - the printer is the system's: say it plainly, log the rest
            log.exception("Falló la impresión de %s", ruta)
            fallas.append(ErrorDeUsuario(_("No se pudo imprimir «{archivo}».").format(archivo=ruta.name),
                                         detalle=str(exc)))

    dialogo.paintRequested.connect(pintar)
    impreso = dialogo.exec() == QPrintPreviewDialog.DialogCode.Accepted
    if fallas:
        _avisar(parent, fallas[-1])
        return False
    return impreso


def _es_vista_previa(impresora) -> bool:
    # QPrintPreviewWidget swaps in a recording paint engine whose type is Picture; a real printer's is not.
    from PySide6.QtGui import QPaintEngine

    motor = impresora.paintEngine()
    return motor is not None and motor.type() == QPaintEngine.Type.Picture


def _avisar(parent: QWidget | None, exc: ErrorDeUsuario) -> None:
    caja = QMessageBox(QMessageBox.Icon.Warning, _("Imprimir"), exc.mensaje, QMessageBox.StandardButton.Ok, parent)
    if exc.detalle:
        caja.setDetailedText(exc.detalle)
    caja.exec()


def imprimir_impreso(ctx, parent: QWidget, tabla: str, vista: str | None = None, *, id: int | None = None,
                     hoy=None, revision: int | None = None, nombre: str = ""):
    """Archivo > Imprimir… (Ctrl+P) de una vista: arma su PDF en un hilo (el mismo impreso que «Imprimir (PDF)…»)
    en una carpeta temporal y abre la vista previa; al cerrarla, el archivo temporal se borra.

    Devuelve la Tarea (las pruebas esperan a que termine). `nombre` es el del trabajo en la cola de impresión.
    """
    import shutil
    import tempfile

    from ui.dialogos import progreso

    carpeta = Path(tempfile.mkdtemp(prefix="articula-imprimir-"))
    limpio = "".join(c if c.isalnum() or c in " -_.,()" else "-" for c in (nombre or tabla)).strip() or tabla
    destino = carpeta / f"{limpio}.pdf"
    expediente, municipio_id = ctx.expediente, ctx.municipio_id

    def trabajo(avance):
        from nucleo.exportar.pdf.documentos import exportar_pdf

        extra = {"revision": revision} if revision is not None else {}
        with expediente.sesion() as s:
            return exportar_pdf(tabla, s, municipio_id, destino, vista, hoy, id=id, progreso=avance, **extra)

    def listo(ruta) -> None:
        try:
            imprimir_pdf(Path(ruta), parent)
        finally:
            shutil.rmtree(carpeta, ignore_errors=True)

    def fallo(exc: BaseException, traza: str) -> None:
        shutil.rmtree(carpeta, ignore_errors=True)
        progreso.informar_fallo(parent, exc, traza)

    return progreso.ejecutar(parent.window() if parent is not None else None, trabajo, titulo=_("Imprimir"),
                             texto=_("Preparando la vista previa…"), al_terminar=listo, al_fallar=fallo,
                             cancelable=True)
