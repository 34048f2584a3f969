"""El aspecto de todos los impresos de Articula, en un solo lugar (ARQUITECTURA, decisión 10).

Cada impreso arma su contenido con los estilos, tablas y ayudas de aquí y lo entrega a `construir()`, que pone
la página (A4 vertical u horizontal, u Oficio), el membrete (municipio, departamento y logo si lo hay) en cada
hoja y el pie con la identidad del documento y «Página X de Y».

- Letra: DejaVu Sans incrustada (tiene ₲ y todos los acentos; la Helvetica de reportlab dibuja ₲ como un
  cuadrado). Los archivos y su licencia están en `recursos/fuentes/`.
- Colores: los mismos valores que `ui/estilo.py` (el núcleo no puede importar la interfaz; una prueba compara
  ambos).
- Bytes reproducibles: `construir(..., invariante=True)` da el mismo archivo dos veces con los mismos datos
  (fecha de creación fija —la de SOURCE_DATE_EPOCH si está definida— e identificador fijo), para verificar un
  impreso más adelante; `lectura.texto_de_pdf` lee de vuelta su texto.
- Textos del usuario en un `Paragraph`: siempre por `texto()`, que escapa «&», «<» y «>». En tablas de miles de
  filas, celdas de texto simple partidas con `envolver()` (mucho más rápidas que un `Paragraph` por celda) y sin
  SPAN (reportlab recalcula las celdas unidas en cada hoja).
- Firmas: `lineas_de_firma([(nombre, cargo), …], documento.ancho_util)`.

Un impreso nuevo, en resumen:

    documento = Documento(_("Acta de la mesa"), Membrete.de(municipio), hoy, horizontal=False)
    historia = encabezado_documento(documento, resumen) + [tabla(filas, anchos), lineas_de_firma(firmas, ancho)]
    construir(destino, documento, historia, progreso=progreso)
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from nucleo import NOMBRE_APLICACION, __version__, formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.rutas import RECURSOS

log = logging.getLogger(__name__)

# ------------------------------------------------------------------------------------------------ colores
# Same values as ui/estilo.py (tests/nucleo/test_pdf_estilo.py checks they stay equal).
AZUL_INSTITUCIONAL = "#1f3a5f"
AZUL_ACENTO = "#1d5fa8"
TEXTO = "#1f2328"
TEXTO_SECUNDARIO = "#5b6573"
BORDE = "#cfd6df"
FONDO = "#f3f5f8"
AVISO = "#b26a00"  # «verificar»: a darker amber than the traffic light so it reads on white paper
COLORES_SEMAFORO: dict[str, str] = {
    "al_dia": "#2e7d32",
    "por_vencer": "#f9a825",
    "vencida": "#c62828",
    "cumplida": "#1565c0",
    "sin_fecha": "#757575",
}
# Stance of an actor on the grid: the traffic light's green and red, and a grey-blue for «neutral».
COLORES_POSTURA: dict[str, str] = {"apoya": "#2e7d32", "neutral": "#607d8b", "se_opone": "#c62828"}


def color(hexa: str) -> colors.Color:
    return colors.HexColor(hexa)


# ------------------------------------------------------------------------------------------------- letras
CARPETA_FUENTES = RECURSOS / "fuentes"
LETRA = "DejaVuSans"
LETRA_NEGRITA = "DejaVuSans-Bold"
LETRA_CURSIVA = "DejaVuSans-Oblique"
LETRA_NEGRITA_CURSIVA = "DejaVuSans-BoldOblique"
_LETRAS = (LETRA, LETRA_NEGRITA, LETRA_CURSIVA, LETRA_NEGRITA_CURSIVA)
_registro = threading.Lock()
_registradas = False


def registrar_fuentes() -> None:
    """Registra las cuatro caras de DejaVu Sans en reportlab (una vez; se puede llamar desde cualquier hilo).

    También la familia, para que `<b>` e `<i>` dentro de un `Paragraph` elijan la cara correcta.
    """
    global _registradas
    with _registro:
        if _registradas:
            return
        for nombre in _LETRAS:
            archivo = CARPETA_FUENTES / f"{nombre}.ttf"
            if not archivo.is_file():
                raise ErrorDeUsuario(
                    _("Falta el archivo de letra «{archivo}» de Articula; sin él no se pueden armar los PDF. "
                      "Vuelva a instalar el programa.").format(archivo=archivo.name), detalle=str(archivo))
            pdfmetrics.registerFont(TTFont(nombre, str(archivo)))
        pdfmetrics.registerFontFamily(LETRA, normal=LETRA, bold=LETRA_NEGRITA, italic=LETRA_CURSIVA,
                                      boldItalic=LETRA_NEGRITA_CURSIVA)
        _registradas = True


def ancho_texto(texto_: str, letra: str, tamano: float) -> float:
    return pdfmetrics.stringWidth(texto_, letra, tamano)


def _cuanto_cabe(texto_: str, letra: str, tamano: float, ancho: float, cola: str = "") -> int:
    """Largo del prefijo más largo de `texto_` que, seguido de `cola`, entra en `ancho`."""
    bajo, alto = 0, len(texto_)
    while bajo < alto:
        medio = (bajo + alto + 1) // 2
        if ancho_texto(texto_[:medio] + cola, letra, tamano) <= ancho:
            bajo = medio
        else:
            alto = medio - 1
    return bajo


def recortar(texto_: str, letra: str, tamano: float, ancho: float) -> str:
    """El texto entero si cabe en `ancho`; si no, cortado con «…» (para rótulos dibujados, que no se ajustan)."""
    if ancho_texto(texto_, letra, tamano) <= ancho:
        return texto_
    corte = _cuanto_cabe(texto_, letra, tamano, ancho, "…")
    return texto_[:corte].rstrip() + "…" if corte else ""


# ------------------------------------------------------------------------------------------------ páginas
# The Paraguayan «oficio»: 8½ × 13 pulgadas (216 × 330 mm).
OFICIO = (8.5 * inch, 13 * inch)
TAMANOS: dict[str, tuple[float, float]] = {"A4": A4, "oficio": OFICIO, "A3": A3}  # A3: wide schedules

MARGEN = 14 * mm
ALTO_MEMBRETE = 27 * mm  # from the top edge to the first line of content
ALTO_PIE = 16 * mm  # from the bottom edge to the last line of content


def tamano_pagina(tamano: str = "A4", horizontal: bool = False) -> tuple[float, float]:
    ancho, alto = TAMANOS[tamano]
    return landscape((ancho, alto)) if horizontal else (ancho, alto)


def tamano_papel(papel: str, apaisado: bool = False) -> tuple[float, float]:
    """El tamaño de hoja del papel elegido en Datos del municipio («A4» u «oficio»; «A3» para cronogramas
    anchos), vertical o apaisado. Un valor desconocido (un expediente viejo, un dato a mano) da A4."""
    return tamano_pagina(papel if papel in TAMANOS else "A4", apaisado)


def ancho_util(tamano: str = "A4", horizontal: bool = False) -> float:
    """Ancho disponible para el contenido (tablas, dibujos) entre los márgenes."""
    return tamano_pagina(tamano, horizontal)[0] - 2 * MARGEN


def alto_util(tamano: str = "A4", horizontal: bool = False) -> float:
    return tamano_pagina(tamano, horizontal)[1] - ALTO_MEMBRETE - ALTO_PIE


# --------------------------------------------------------------------------------------- identidad del PDF
@dataclass(frozen=True)
class Membrete:
    """Lo que encabeza cada hoja: el municipio que emite el documento."""

    municipio: str
    departamento: str
    departamento_codigo: str = ""
    logo: bytes | None = None  # PNG or JPEG as stored in Municipio.logo
    papel: str = "A4"  # Municipio.papel: every printout that does not ask for another size uses it

    @classmethod
    def de(cls, municipio: Any) -> Membrete:
        """Desde un `nucleo.modelo.Municipio` (dentro de su sesión: el logo se carga al pedirlo)."""
        return cls(municipio.nombre, municipio.departamento, municipio.departamento_codigo, municipio.logo or None,
                   getattr(municipio, "papel", None) or "A4")

    @property
    def institucion(self) -> str:
        return _("Municipalidad de {municipio}").format(municipio=self.municipio)

    @property
    def lugar(self) -> str:
        # Asunción (code 00) is the capital district, not a departamento.
        if self.departamento_codigo == "00":
            return _("Capital de la República")
        return _("Departamento {departamento}").format(departamento=self.departamento)


@dataclass(frozen=True)
class Documento:
    """La identidad de un impreso: qué es, de quién, cuándo se emitió (va en el membrete y en el pie)."""

    titulo: str
    membrete: Membrete
    emitido: date
    subtitulo: str = ""
    revision: str = ""  # for frozen documents (plans, actas) that have revisions
    tamano: str = ""  # "" = the municipality's paper (Membrete.papel); "A3" for wide schedules
    horizontal: bool = False
    asunto: str = ""  # PDF metadata
    marca_agua: str = ""  # big pale diagonal text on every sheet (e.g. «BORRADOR» on an unsigned agreement)
    huella: str = ""  # a line above the footer rule on every sheet (e.g. the SHA-256 of what was signed)

    @property
    def papel(self) -> str:
        return self.tamano or self.membrete.papel or "A4"

    @property
    def pagina(self) -> tuple[float, float]:
        return tamano_papel(self.papel, self.horizontal)

    @property
    def ancho_util(self) -> float:
        return self.pagina[0] - 2 * MARGEN

    @property
    def alto_util(self) -> float:
        return self.pagina[1] - ALTO_MEMBRETE - ALTO_PIE

    @property
    def pagina_girada(self) -> tuple[float, float]:
        """La hoja en la otra orientación (las hojas apaisadas de un documento vertical, y al revés)."""
        return tamano_papel(self.papel, not self.horizontal)


# ------------------------------------------------------------------------------------- membrete y pie
def _logo(membrete: Membrete) -> ImageReader | None:
    if not membrete.logo:
        return None
    try:
        imagen = ImageReader(io.BytesIO(membrete.logo))
        imagen.getSize()
        return imagen
    except Exception:  # a broken image must not cost the user the printout: the text header stays
        log.warning("El logo del municipio no se pudo leer; el membrete sale sin logo.", exc_info=True)
        return None


def _dibujar_membrete(lienzo: Canvas, doc: BaseDocTemplate) -> None:
    documento: Documento = doc.documento
    m = documento.membrete
    ancho, alto = _hoja(lienzo, documento)
    arriba = alto - 10 * mm
    x = MARGEN
    lienzo.saveState()
    imagen = doc.logo
    if imagen is not None:
        # Inside the three text lines, above the rule (which sits 37 pt under the top line).
        alto_logo, ancho_logo = 35.0, 30 * mm
        iw, ih = imagen.getSize()
        escala = min(alto_logo / ih, ancho_logo / iw)
        w, h = iw * escala, ih * escala
        lienzo.drawImage(imagen, x, arriba - 33 + (alto_logo - h) / 2, w, h, mask="auto")
        x += w + 3.5 * mm
    lienzo.setFillColor(color(TEXTO_SECUNDARIO))
    lienzo.setFont(LETRA, 6.5)
    lienzo.drawString(x, arriba - 5, _("REPÚBLICA DEL PARAGUAY"))
    lienzo.setFillColor(color(AZUL_INSTITUCIONAL))
    lienzo.setFont(LETRA_NEGRITA, 12.5)
    lienzo.drawString(x, arriba - 19, m.institucion)
    lienzo.setFillColor(color(TEXTO_SECUNDARIO))
    lienzo.setFont(LETRA, 7.5)
    lienzo.drawString(x, arriba - 30, m.lugar)

    # Right: what the document is, so a loose sheet still says what it belongs to.
    derecha = ancho - MARGEN
    espacio = derecha - x - ancho_texto(m.institucion, LETRA_NEGRITA, 12.5) - 12 * mm
    lienzo.setFillColor(color(AZUL_INSTITUCIONAL))
    lienzo.setFont(LETRA_NEGRITA, 9.5)
    lienzo.drawRightString(derecha, arriba - 19, recortar(documento.titulo, LETRA_NEGRITA, 9.5, espacio))
    lienzo.setFillColor(color(TEXTO_SECUNDARIO))
    lienzo.setFont(LETRA, 7.5)
    lienzo.drawRightString(derecha, arriba - 30, recortar(formato.fecha_larga(documento.emitido), LETRA, 7.5,
                                                          espacio))
    lienzo.setStrokeColor(color(AZUL_INSTITUCIONAL))
    lienzo.setLineWidth(1.2)
    linea = arriba - 37
    lienzo.line(MARGEN, linea, derecha, linea)
    lienzo.restoreState()
    if documento.marca_agua:
        dibujar_marca_agua(lienzo, documento.marca_agua, (ancho, alto))


def _hoja(lienzo: Canvas, documento: Documento) -> tuple[float, float]:
    """El tamaño de la hoja que se está dibujando (la del canvas: cambia en las hojas apaisadas)."""
    pagina = getattr(lienzo, "_pagesize", None)
    return (float(pagina[0]), float(pagina[1])) if pagina else documento.pagina


def dibujar_marca_agua(lienzo: Canvas, texto_: str, pagina: tuple[float, float]) -> None:
    """Un texto grande y pálido en diagonal sobre toda la hoja («BORRADOR — sin validez»).

    Se dibuja con el membrete, antes del contenido: lo impreso queda encima y se lee entero.
    """
    ancho, alto = pagina
    lienzo.saveState()
    lienzo.setFillColor(color("#dfe4ea"))
    lienzo.translate(ancho / 2, alto / 2)
    lienzo.rotate(52 if alto > ancho else 28)
    # As large as fits along the diagonal, never more than 92 pt.
    diagonal = (alto ** 2 + ancho ** 2) ** 0.5
    tamano = min(92.0, 0.8 * diagonal / max(0.01, ancho_texto(texto_, LETRA_NEGRITA, 1)))
    lienzo.setFont(LETRA_NEGRITA, tamano)
    lienzo.drawCentredString(0, -tamano / 3, texto_)
    lienzo.restoreState()


class CodigoQR(Flowable):
    """Un código QR de `lado` puntos: la matriz la arma el módulo de códigos de barras de reportlab
    (reportlab.graphics.barcode.qr) y se dibuja con rectángulos en el canvas.

    No se usa su `Drawing`: el dibujante de reportlab elige Helvetica antes de dibujar y deja en el PDF una letra
    no incrustada (los impresos usan solo DejaVu Sans).
    """

    BORDE_MODULOS = 2  # the quiet zone, in modules

    def __init__(self, valor: str, lado: float):
        from reportlab.graphics.barcode.qr import QrCodeWidget

        super().__init__()
        widget = QrCodeWidget(valor, barLevel="M")
        widget.qr.make()
        self.modulos = [[bool(x) for x in fila] for fila in widget.qr.modules]
        self.lado = lado

    def wrap(self, ancho_disponible: float, alto_disponible: float) -> tuple[float, float]:
        return self.lado, self.lado

    def draw(self) -> None:
        c = self.canv
        n = len(self.modulos)
        caja = self.lado / (n + 2 * self.BORDE_MODULOS)
        c.saveState()
        c.setFillColor(colors.black)
        for r, fila in enumerate(self.modulos):
            x = 0
            while x < n:
                if not fila[x]:
                    x += 1
                    continue
                inicio = x
                while x < n and fila[x]:
                    x += 1
                c.rect((inicio + self.BORDE_MODULOS) * caja, self.lado - (r + self.BORDE_MODULOS + 1) * caja,
                       (x - inicio) * caja, caja, stroke=0, fill=1)
        c.restoreState()


def codigo_qr(valor: str, lado: float) -> Flowable:
    """Un código QR de `lado` puntos como Flowable (para la hoja de verificación de un impreso)."""
    return CodigoQR(valor, lado)


def identidad(documento: Documento) -> str:
    """La línea que identifica el documento en el pie de cada hoja."""
    partes = [NOMBRE_APLICACION, documento.titulo, documento.membrete.institucion,
              _("Emitido el {fecha}").format(fecha=formato.fecha(documento.emitido))]
    if documento.revision:
        partes.append(_("Revisión {revision}").format(revision=documento.revision))
    return " · ".join(partes)


class _Lienzo(Canvas):
    """Canvas de dos pasadas: guarda cada hoja y dibuja los pies al final, cuando ya se sabe el total."""

    def __init__(self, *args: Any, documento: Documento, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._documento = documento
        self._hojas: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._hojas.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._hojas)
        for estado in self._hojas:
            self.__dict__.update(estado)
            self._dibujar_pie(total)
            super().showPage()
        super().save()

    def _dibujar_pie(self, total: int) -> None:
        ancho, _alto = _hoja(self, self._documento)
        derecha = ancho - MARGEN
        y = ALTO_PIE - 9 * mm
        self.saveState()
        self.setStrokeColor(color(BORDE))
        self.setLineWidth(0.6)
        self.line(MARGEN, y + 9, derecha, y + 9)
        self.setFillColor(color(TEXTO_SECUNDARIO))
        pagina = _("Página {n} de {total}").format(n=formato.entero(self._pageNumber), total=formato.entero(total))
        self.setFont(LETRA_NEGRITA, 7)
        self.drawRightString(derecha, y, pagina)
        libre = derecha - MARGEN - ancho_texto(pagina, LETRA_NEGRITA, 7) - 8 * mm
        self.setFont(LETRA, 7)
        self.drawString(MARGEN, y, recortar(identidad(self._documento), LETRA, 7, libre))
        if self._documento.huella:
            self.setFont(LETRA, 6.3)
            self.drawString(MARGEN, y + 13, recortar(self._documento.huella, LETRA, 6.3, derecha - MARGEN))
        self.restoreState()


PLANTILLA_GIRADA = "girada"  # NextPageTemplate(PLANTILLA_GIRADA): the next sheets in the other orientation
PLANTILLA_HOJA = "hoja"


def _marco(pagina: tuple[float, float], ident: str) -> Frame:
    ancho, alto = pagina
    return Frame(MARGEN, ALTO_PIE, ancho - 2 * MARGEN, alto - ALTO_MEMBRETE - ALTO_PIE, id=ident,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)


class _Plantilla(BaseDocTemplate):
    def __init__(self, archivo: str, documento: Documento, girada: bool = False, **kwargs: Any):
        self.documento = documento
        self.logo = _logo(documento.membrete)
        super().__init__(
            archivo, pagesize=documento.pagina, leftMargin=MARGEN, rightMargin=MARGEN,
            topMargin=ALTO_MEMBRETE, bottomMargin=ALTO_PIE, title=documento.titulo,
            author=documento.membrete.institucion, subject=documento.asunto or documento.subtitulo,
            creator=f"{NOMBRE_APLICACION} {__version__}", producer=f"{NOMBRE_APLICACION} {__version__}",
            lang="es-PY", initialFontName=LETRA, **kwargs)
        plantillas = [PageTemplate(id=PLANTILLA_HOJA, frames=[_marco(documento.pagina, "contenido")],
                                   onPage=_dibujar_membrete, pagesize=documento.pagina)]
        if girada:
            plantillas.append(PageTemplate(id=PLANTILLA_GIRADA, frames=[_marco(documento.pagina_girada, "girado")],
                                           onPage=_dibujar_membrete, pagesize=documento.pagina_girada))
        self.addPageTemplates(plantillas)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        # A flowable marked by `entrada_indice` becomes a line of the table of contents (multiBuild).
        entrada = getattr(flowable, "_entrada_indice", None)
        if entrada is not None:
            nivel, titulo, clave = entrada
            self.canv.bookmarkPage(clave)
            self.canv.addOutlineEntry(titulo, clave, level=nivel, closed=True)
            self.notify("TOCEntry", (nivel, titulo, self.page, clave))


def entrada_indice(flowable: Flowable, titulo: str, nivel: int = 0, clave: str = "") -> Flowable:
    """Marca `flowable` (un título de sección) para que figure en el índice con su número de página."""
    flowable._entrada_indice = (nivel, titulo, clave or f"sec{id(flowable)}")
    return flowable


def indice(ancho: float) -> Flowable:
    """El índice (tabla de contenido) con los números de página: pide `construir(..., indice=True)`."""
    from reportlab.platypus.tableofcontents import TableOfContents

    es = estilos()
    toc = TableOfContents(dotsMinLevel=0, rightColumnWidth=40)
    toc.levelStyles = [
        ParagraphStyle("indice0", es.normal, fontName=LETRA_NEGRITA, fontSize=9.5, leading=13, leftIndent=0,
                       firstLineIndent=0, spaceBefore=4, textColor=color(AZUL_INSTITUCIONAL)),
        ParagraphStyle("indice1", es.normal, fontSize=8.5, leading=11.5, leftIndent=14, firstLineIndent=0),
    ]
    toc.tableStyle = TableStyle([_LETRA_TABLA, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return toc


Progreso = Callable[[int, int], None]


def construir(destino: Path | str, documento: Documento, historia: list[Flowable], *, invariante: bool = False,
              progreso: Progreso | None = None, paginas_estimadas: int | None = None, girada: bool = False,
              indice: bool = False) -> Path:
    """Arma el PDF en `destino` y lo devuelve.

    Se escribe primero en un archivo temporal de la misma carpeta y se reemplaza al final: si algo falla o el
    usuario cancela (`progreso` lanza una excepción), no queda un PDF a medias ni se pierde uno anterior.
    `progreso(hecho, total)` avanza por hoja sobre `paginas_estimadas`, o por bloque de contenido sin ella.
    `girada=True` ofrece hojas en la otra orientación (`NextPageTemplate(PLANTILLA_GIRADA)`); `indice=True` arma
    el documento en varias pasadas para que el índice (`indice()`) tenga los números de página.
    """
    registrar_fuentes()
    destino = Path(destino)
    fd, temporal = tempfile.mkstemp(prefix=f".{destino.stem}-", suffix=".pdf.tmp", dir=destino.parent)
    os.close(fd)
    try:
        doc = _Plantilla(temporal, documento, girada, invariant=1 if invariante else 0)
        if progreso is not None:
            # Several passes with a table of contents: «finished» is said once, after the last one.
            doc.setProgressCallBack(_avance(progreso, paginas_estimadas, avisar_fin=not indice))
        if indice:
            doc.multiBuild(historia, canvasmaker=partial(_Lienzo, documento=documento))
            if progreso is not None and paginas_estimadas:
                progreso(paginas_estimadas, paginas_estimadas)
        else:
            doc.build(historia, canvasmaker=partial(_Lienzo, documento=documento))
        os.replace(temporal, destino)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporal)
        raise
    return destino


def _avance(progreso: Progreso, paginas: int | None, avisar_fin: bool = True) -> Callable[[str, int], None]:
    estado = {"total": 0}

    def llamar(tipo: str, valor: int) -> None:
        if paginas:
            if tipo == "PAGE":
                # The estimate may fall short: never report more than total - 1 before the end.
                progreso(min(valor, paginas - 1), paginas)
            elif tipo == "FINISHED" and avisar_fin:
                progreso(paginas, paginas)
        elif tipo == "SIZE_EST":
            estado["total"] = max(valor, 1)
        elif tipo == "PROGRESS":
            progreso(min(valor, estado["total"]), estado["total"])

    return llamar


# ----------------------------------------------------------------------------------------------- textos
def texto(valor: object) -> str:
    """Un dato del usuario listo para un `Paragraph`: escapa el marcado y respeta los saltos de línea."""
    if valor is None:
        return ""
    return escape(str(valor)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Estilos:
    titulo: ParagraphStyle
    subtitulo: ParagraphStyle
    seccion: ParagraphStyle
    subseccion: ParagraphStyle
    normal: ParagraphStyle
    pequeno: ParagraphStyle
    nota: ParagraphStyle
    celda: ParagraphStyle
    celda_negrita: ParagraphStyle
    celda_centro: ParagraphStyle
    celda_derecha: ParagraphStyle
    encabezado: ParagraphStyle
    encabezado_centro: ParagraphStyle
    firma_nombre: ParagraphStyle
    firma_cargo: ParagraphStyle


_estilos: Estilos | None = None


def estilos() -> Estilos:
    """Los estilos de párrafo de todos los impresos (tamaños en puntos)."""
    global _estilos
    if _estilos is None:
        registrar_fuentes()
        base = ParagraphStyle("normal", fontName=LETRA, fontSize=8.5, leading=11, textColor=color(TEXTO))
        celda = ParagraphStyle("celda", base, fontSize=7.3, leading=9)
        encabezado = ParagraphStyle("encabezado", celda, fontName=LETRA_NEGRITA, textColor=colors.white)
        _estilos = Estilos(
            titulo=ParagraphStyle("titulo", base, fontName=LETRA_NEGRITA, fontSize=17, leading=21,
                                  textColor=color(AZUL_INSTITUCIONAL), spaceAfter=2),
            subtitulo=ParagraphStyle("subtitulo", base, fontSize=9, leading=12, textColor=color(TEXTO_SECUNDARIO)),
            seccion=ParagraphStyle("seccion", base, fontName=LETRA_NEGRITA, fontSize=11.5, leading=14,
                                   textColor=colors.white),
            subseccion=ParagraphStyle("subseccion", base, fontName=LETRA_NEGRITA, fontSize=9.5, leading=12,
                                      textColor=color(AZUL_INSTITUCIONAL)),
            normal=base,
            pequeno=ParagraphStyle("pequeno", base, fontSize=7.5, leading=9.5),
            nota=ParagraphStyle("nota", base, fontSize=7, leading=9, textColor=color(TEXTO_SECUNDARIO)),
            celda=celda,
            celda_negrita=ParagraphStyle("celda_negrita", celda, fontName=LETRA_NEGRITA),
            celda_centro=ParagraphStyle("celda_centro", celda, alignment=TA_CENTER),
            celda_derecha=ParagraphStyle("celda_derecha", celda, alignment=TA_RIGHT),
            encabezado=encabezado,
            encabezado_centro=ParagraphStyle("encabezado_centro", encabezado, alignment=TA_CENTER),
            firma_nombre=ParagraphStyle("firma_nombre", base, fontName=LETRA_NEGRITA, fontSize=8.5, leading=10.5,
                                        alignment=TA_CENTER),
            firma_cargo=ParagraphStyle("firma_cargo", base, fontSize=7.5, leading=9.5, alignment=TA_CENTER,
                                       textColor=color(TEXTO_SECUNDARIO)),
        )
    return _estilos


def envolver(valor: object, ancho: float, letra: str = LETRA, tamano: float = 7.3) -> str:
    """El texto partido en renglones que caben en `ancho`, para una celda de texto simple.

    Una tabla de miles de filas con celdas de texto simple se arma varias veces más rápido que con un
    `Paragraph` por celda. Una palabra más ancha que la columna (un correo) se corta antes de la arroba o
    después de un punto, o si no por letras.
    """
    if valor is None or valor == "":
        return ""
    lineas: list[str] = []
    for renglon in str(valor).splitlines():
        for linea in simpleSplit(renglon, letra, tamano, ancho) or [""]:
            while len(linea) > 1 and ancho_texto(linea, letra, tamano) > ancho:
                corte = max(1, _cuanto_cabe(linea, letra, tamano, ancho))
                # Where a reader expects it: before the «@» of an address, else after a dot.
                arroba = linea.find("@")
                if corte // 3 <= arroba <= corte:
                    corte = arroba
                else:
                    corte = max((i for i in range(corte // 2, corte + 1) if linea[i - 1:i] == "."), default=corte)
                lineas.append(linea[:corte])
                linea = linea[corte:]
            lineas.append(linea)
    return "\n".join(lineas)


def parrafo(valor: object, estilo: ParagraphStyle) -> Paragraph:
    """Un `Paragraph` con un dato del usuario (escapado)."""
    return Paragraph(texto(valor), estilo)


def encabezado_documento(documento: Documento, resumen: str = "") -> list[Flowable]:
    """El título grande de la primera hoja, con el subtítulo y una línea de resumen si la hay."""
    e = estilos()
    bloque: list[Flowable] = [parrafo(documento.titulo, e.titulo)]
    if documento.subtitulo:
        bloque.append(parrafo(documento.subtitulo, e.subtitulo))
    if resumen:
        bloque.append(parrafo(resumen, e.subtitulo))
    bloque.append(Spacer(1, 4 * mm))
    return bloque


# Every Table names its font: without it reportlab selects Helvetica for the cells (a stray, non-embedded font
# in the PDF even when no text uses it).
_LETRA_TABLA = ("FONT", (0, 0), (-1, -1), LETRA, 7.3, 9)


def banda(titulo: str, ancho: float, fondo: str = AZUL_INSTITUCIONAL) -> Table:
    """Título de sección: texto blanco sobre una franja del color institucional, de margen a margen."""
    t = Table([[parrafo(titulo, estilos().seccion)]], colWidths=[ancho])
    t.setStyle(TableStyle([
        _LETRA_TABLA,
        ("BACKGROUND", (0, 0), (-1, -1), color(fondo)),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    return t


def subtitulo_seccion(titulo: str, ancho: float, detalle: str = "") -> Table:
    """Título de subsección: azul, con una línea fina debajo (y un detalle gris a la derecha, si lo hay)."""
    e = estilos()
    celdas = [parrafo(titulo, e.subseccion)]
    anchos = [ancho]
    if detalle:
        celdas.append(parrafo(detalle, ParagraphStyle("detalle", e.nota, alignment=TA_RIGHT)))
        anchos = [ancho * 0.7, ancho * 0.3]
    t = Table([celdas], colWidths=anchos)
    t.setStyle(TableStyle([
        _LETRA_TABLA,
        ("LINEBELOW", (0, 0), (-1, -1), 0.8, color(AZUL_ACENTO)),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


# ----------------------------------------------------------------------------------------------- tablas
def estilo_tabla(filas_encabezado: int = 1, cebra: bool = True) -> list[tuple]:
    """Tabla de datos: encabezado azul con letra blanca, filas alternadas, líneas horizontales finas."""
    h = filas_encabezado
    comandos: list[tuple] = [
        _LETRA_TABLA,
        ("TEXTCOLOR", (0, 0), (-1, -1), color(TEXTO)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5), ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, h), (-1, -1), 0.35, color(BORDE)),
    ]
    if h:
        comandos += [
            ("BACKGROUND", (0, 0), (-1, h - 1), color(AZUL_INSTITUCIONAL)),
            ("TEXTCOLOR", (0, 0), (-1, h - 1), colors.white),
            ("FONT", (0, 0), (-1, h - 1), LETRA_NEGRITA, 7.3, 9),
            ("VALIGN", (0, 0), (-1, h - 1), "MIDDLE"),
        ]
    if cebra:
        comandos.append(("ROWBACKGROUNDS", (0, h), (-1, -1), [colors.white, color(FONDO)]))
    return comandos


def tabla(filas: Sequence[Sequence[Any]], anchos: Sequence[float], *, filas_encabezado: int = 1,
          cebra: bool = True, comandos: Sequence[tuple] = (), larga: bool | None = None) -> Table:
    """Tabla con el estilo de Articula; el encabezado se repite en cada hoja.

    Con muchas filas usa `LongTable` (parte las hojas sin recalcular todo: miles de filas en segundos).
    """
    larga = len(filas) > 200 if larga is None else larga
    clase = LongTable if larga else Table
    t = clase(list(filas), colWidths=list(anchos), repeatRows=filas_encabezado, hAlign="LEFT")
    t.setStyle(TableStyle(estilo_tabla(filas_encabezado, cebra) + list(comandos)))
    return t


def lineas_de_firma(firmantes: Sequence[tuple[str, str]], ancho: float, por_fila: int = 3,
                    alto_firma: float = 16 * mm) -> Table:
    """Líneas para firmar con nombre y cargo debajo, `por_fila` por renglón.

    Entre una firma y otra hay una columna vacía: `LINEBELOW` en celdas vecinas se uniría en una sola raya.
    """
    e = estilos()
    hueco = 10 * mm
    n = max(1, min(por_fila, len(firmantes)))
    ancho_firma = (ancho - hueco * (n - 1)) / n
    anchos = []
    for i in range(n):
        anchos += [ancho_firma] + ([hueco] if i < n - 1 else [])
    filas: list[list[Any]] = []
    comandos: list[tuple] = [
        _LETRA_TABLA,
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for inicio in range(0, len(firmantes), n):
        grupo = list(firmantes[inicio:inicio + n])
        fila_linea = len(filas)
        espacio: list[Any] = [""] * len(anchos)
        nombres: list[Any] = [""] * len(anchos)
        cargos: list[Any] = [""] * len(anchos)
        for i, (nombre, cargo) in enumerate(grupo):
            col = 2 * i
            nombres[col] = parrafo(nombre, e.firma_nombre)
            cargos[col] = parrafo(cargo, e.firma_cargo)
            comandos.append(("LINEBELOW", (col, fila_linea), (col, fila_linea), 0.8, color(TEXTO)))
        filas += [espacio, nombres, cargos]
        comandos.append(("BOTTOMPADDING", (0, fila_linea + 2), (-1, fila_linea + 2), 10))
    alturas = []
    for i in range(len(filas)):
        alturas.append(alto_firma if i % 3 == 0 else None)
    t = Table(filas, colWidths=anchos, rowHeights=alturas, hAlign="CENTER")
    t.setStyle(TableStyle(comandos))
    return t
