"""Impreso del análisis DAFO / DIPE de un territorio: el tablero de cuatro cuadrantes en una hoja A4 apaisada.

La primera hoja es siempre el tablero, con los dos ejes de lectura (origen interno/externo arriba, signo
negativo/positivo al costado) y los elementos numerados como en la pantalla. La letra se achica un poco si hace
falta para que todo entre; si aun así un cuadrante no cabe, muestra los que entran y dice «continúa», y los demás
siguen en las hojas siguientes, con su mismo número, bajo el nombre de su cuadrante. Un cuadrante vacío muestra
qué va en él (así el impreso en blanco sirve para un taller).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _, n_, traducir
from nucleo.servicios.dafo import (
    AYUDA_CUADRANTE,
    EJE_ORIGEN,
    EJE_ORIGEN_DETALLE,
    EJE_SIGNO,
    EJE_SIGNO_DETALLE,
    POSICION,
    FilaDafo,
    Tablero,
    describir_analisis,
    nombre_cuadrante,
)

# Colour of each place on the board (fila, columna): the band and a soft tint behind the items. The same values
# as ui/widgets/tablero_dafo.py (a test compares them): the printout looks like the screen.
COLOR_POSICION: dict[tuple[int, int], str] = {(0, 0): "#b35c00", (0, 1): "#c62828", (1, 0): "#2e7d32",
                                              (1, 1): "#1d5fa8"}
TINTE_POSICION: dict[tuple[int, int], str] = {(0, 0): "#fff4e5", (0, 1): "#fdecea", (1, 0): "#edf7ee",
                                              (1, 1): "#e8f0fa"}

TAMANOS_LETRA = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)  # tried in order until the whole board fits on the first page
EJE = 20.0  # width of the left strip with the «negativo / positivo» labels
ENCABEZADO_EJES = 22.0  # height of the top strip with the «interno / externo» labels
HUECO = 6.0  # between quadrants
FRANJA = 19.0  # the quadrant's coloured title band
RELLENO = 7.0  # inside a quadrant, around its items
NUMERO = 15.0  # room for the item number before its text
ENTRE_ITEMS = 3.0


def _estilo_item(tamano: float) -> ParagraphStyle:
    return ParagraphStyle(f"item_dafo_{tamano}", e.estilos().normal, fontSize=tamano, leading=round(tamano * 1.28, 1))


def _estilo_vacio(tamano: float) -> ParagraphStyle:
    return ParagraphStyle(f"vacio_dafo_{tamano}", _estilo_item(tamano), fontName=e.LETRA_CURSIVA,
                          textColor=e.color(e.TEXTO_SECUNDARIO))


@dataclass
class _Cuadrante:
    clave: str
    posicion: tuple[int, int]
    filas: tuple[FilaDafo, ...]
    visibles: list[tuple[FilaDafo, Paragraph, float]] = field(default_factory=list)  # row, paragraph, height
    resto: tuple[FilaDafo, ...] = ()  # what continues on the next pages


class TableroDafoPdf(Flowable):
    """El tablero entero (ejes y cuadrantes) del alto que queda en la hoja; parte lo que no entra."""

    def __init__(self, tablero: Tablero, *, recortar: bool = False):
        super().__init__()
        self.tablero = tablero
        self.recortar = recortar  # True once split: draw what fits, the rest went to the next pages
        self.cuadrantes: list[_Cuadrante] = []
        self.tamano = TAMANOS_LETRA[0]
        self.ancho = self.alto = 0.0

    # -- geometry ------------------------------------------------------------------------------------------
    def _medidas(self, ancho: float, alto: float) -> tuple[float, float, float]:
        """(ancho de un cuadrante, alto de un cuadrante, ancho útil para el texto de un elemento)."""
        cw = (ancho - EJE - HUECO) / 2
        ch = (alto - ENCABEZADO_EJES - HUECO) / 2
        return cw, ch, cw - 2 * RELLENO - NUMERO

    def _origen(self, posicion: tuple[int, int]) -> tuple[float, float]:
        """Esquina inferior izquierda del cuadrante en (fila, columna), con el origen abajo a la izquierda."""
        cw, ch, _t = self._medidas(self.ancho, self.alto)
        fila, columna = posicion
        x = EJE + columna * (cw + HUECO)
        y = (1 - fila) * (ch + HUECO)
        return x, y

    def _disponer(self, ancho: float, alto: float) -> bool:
        """Reparte los elementos en los cuadrantes con la letra más grande que deja entrar todo; True si entra.

        Si ni con la más chica entra todo, cada cuadrante se queda con los que caben (dejando lugar para el
        aviso «continúa») y el resto queda en `resto`.
        """
        _cw, ch, util = self._medidas(ancho, alto)
        libre = ch - FRANJA - 2 * RELLENO
        for tamano in TAMANOS_LETRA:
            estilo = _estilo_item(tamano)
            cuadrantes = [self._llenar(clave, filas, estilo, util, libre)
                          for clave, filas in self.tablero.cuadrantes.items()]
            completo = not any(q.resto for q in cuadrantes)
            if completo or tamano == TAMANOS_LETRA[-1]:
                self.cuadrantes, self.tamano = cuadrantes, tamano
                return completo
        return False

    def _llenar(self, clave: str, filas: tuple[FilaDafo, ...], estilo: ParagraphStyle, util: float,
                libre: float) -> _Cuadrante:
        q = _Cuadrante(clave, POSICION[self.tablero.analisis][clave], filas)
        medidos = []
        for f in filas:
            p = Paragraph(e.texto(f.texto), estilo)
            medidos.append((f, p, p.wrap(util, 10_000)[1]))
        if sum(h for _f, _p, h in medidos) + ENTRE_ITEMS * max(0, len(medidos) - 1) <= libre:
            q.visibles = medidos
            return q
        reserva = estilo.leading + ENTRE_ITEMS  # the «continúa» line
        usado = 0.0
        for i, (f, p, h) in enumerate(medidos):
            if usado + h + reserva > libre:
                q.resto = filas[i:]
                break
            q.visibles.append((f, p, h))
            usado += h + ENTRE_ITEMS
        return q

    def wrap(self, ancho_disponible: float, alto_disponible: float) -> tuple[float, float]:
        self.ancho, self.alto = ancho_disponible, alto_disponible
        if self._disponer(ancho_disponible, alto_disponible) or self.recortar:
            return ancho_disponible, alto_disponible
        return ancho_disponible, alto_disponible + 1  # too tall: the frame asks split() for the pieces

    def split(self, ancho_disponible: float, alto_disponible: float) -> list[Flowable]:
        if alto_disponible < 200:  # not even a usable board here: start it on the next page
            return []
        parte = TableroDafoPdf(self.tablero, recortar=True)
        parte.wrap(ancho_disponible, alto_disponible)
        return [parte, *continuacion(self.tablero, parte.cuadrantes, ancho_disponible)]

    # -- drawing -------------------------------------------------------------------------------------------
    def draw(self) -> None:
        c: Canvas = self.canv
        c.saveState()
        self._ejes(c)
        for q in self.cuadrantes:
            self._cuadrante(c, q)
        c.restoreState()

    def _ejes(self, c: Canvas) -> None:
        cw, ch, _u = self._medidas(self.ancho, self.alto)
        arriba = self.alto
        for columna in (0, 1):
            x = EJE + columna * (cw + HUECO)
            self._rotulo_eje(c, traducir(EJE_ORIGEN[columna]), traducir(EJE_ORIGEN_DETALLE[columna]),
                             x, arriba - ENCABEZADO_EJES + 6, cw, girado=False)
        for fila in (0, 1):
            y = (1 - fila) * (ch + HUECO)
            c.saveState()
            c.translate(EJE - 8, y)
            c.rotate(90)
            self._rotulo_eje(c, traducir(EJE_SIGNO[fila]), traducir(EJE_SIGNO_DETALLE[fila]), 0, 0, ch, girado=True)
            c.restoreState()

    def _rotulo_eje(self, c: Canvas, nombre: str, detalle: str, x: float, y: float, largo: float,
                    girado: bool) -> None:
        """«INTERNO · del territorio…» centrado sobre `largo`, con una raya fina a cada lado."""
        nombre = nombre.upper()
        t1 = e.ancho_texto(nombre, e.LETRA_NEGRITA, 7.5)
        t2 = e.ancho_texto(" · " + detalle, e.LETRA, 7.5)
        total = t1 + t2
        x0 = x + (largo - total) / 2
        c.setFillColor(e.color(e.AZUL_INSTITUCIONAL))
        c.setFont(e.LETRA_NEGRITA, 7.5)
        c.drawString(x0, y, nombre)
        c.setFillColor(e.color(e.TEXTO_SECUNDARIO))
        c.setFont(e.LETRA, 7.5)
        c.drawString(x0 + t1, y, " · " + detalle)
        c.setStrokeColor(e.color(e.BORDE))
        c.setLineWidth(0.6)
        medio = y + 2.6
        if x0 - 6 > x + 4:
            c.line(x + 2, medio, x0 - 6, medio)
            c.line(x0 + total + 6, medio, x + largo - 2, medio)

    def _cuadrante(self, c: Canvas, q: _Cuadrante) -> None:
        cw, ch, util = self._medidas(self.ancho, self.alto)
        x, y = self._origen(q.posicion)
        fuerte, tinte = COLOR_POSICION[q.posicion], TINTE_POSICION[q.posicion]
        c.setFillColor(e.color(tinte))
        c.setStrokeColor(e.color(fuerte))
        c.setLineWidth(0.8)
        c.roundRect(x, y, cw, ch, 4, stroke=1, fill=1)
        # Title band: square bottom corners over the rounded box.
        c.setFillColor(e.color(fuerte))
        c.roundRect(x, y + ch - FRANJA, cw, FRANJA, 4, stroke=0, fill=1)
        c.rect(x, y + ch - FRANJA, cw, FRANJA / 2, stroke=0, fill=1)
        c.setFillColor(e.color("#ffffff"))
        c.setFont(e.LETRA_NEGRITA, 10)
        base = y + ch - FRANJA + 6
        nombre = nombre_cuadrante(self.tablero.analisis, q.clave).upper()
        c.drawString(x + RELLENO, base, nombre)
        cuenta = n_("{n} elemento", "{n} elementos", len(q.filas)).format(n=formato.entero(len(q.filas)))
        c.setFont(e.LETRA, 8)
        c.drawRightString(x + cw - RELLENO, base, cuenta)

        arriba = y + ch - FRANJA - RELLENO
        if not q.filas:
            p = Paragraph(e.texto(traducir(AYUDA_CUADRANTE.get(q.clave, ""))), _estilo_vacio(self.tamano))
            _w, h = p.wrap(cw - 2 * RELLENO, 10_000)
            p.drawOn(c, x + RELLENO, arriba - h)
            return
        for f, p, h in q.visibles:
            c.setFillColor(e.color(fuerte))
            c.setFont(e.LETRA_NEGRITA, self.tamano)
            # On the baseline of the item's first line (a Paragraph sets it one font size below its top).
            c.drawRightString(x + RELLENO + NUMERO - 4, arriba - self.tamano, formato.entero(f.orden) + ".")
            p.drawOn(c, x + RELLENO + NUMERO, arriba - h)
            arriba -= h + ENTRE_ITEMS
        if q.resto:
            desde, hasta = q.resto[0].orden, q.resto[-1].orden
            aviso = _("Continúa en la hoja siguiente: n.º {desde} a {hasta}.") if hasta != desde else \
                _("Continúa en la hoja siguiente: n.º {desde}.")
            c.setFillColor(e.color(fuerte))
            c.setFont(e.LETRA_NEGRITA_CURSIVA, 7.5)
            c.drawString(x + RELLENO + NUMERO, y + RELLENO, aviso.format(desde=formato.entero(desde),
                                                                         hasta=formato.entero(hasta)))


def continuacion(tablero: Tablero, cuadrantes: list[_Cuadrante], ancho: float) -> list[Flowable]:
    """Los elementos que no entraron en el tablero: una tabla por cuadrante, con su número.

    La franja con el nombre del cuadrante es la fila de encabezado de la tabla: se repite en cada hoja, así una
    hoja suelta dice de qué cuadrante es la lista (su texto corre sobre la celda vacía de al lado, sin SPAN).
    """
    from reportlab.platypus import PageBreak

    pendientes = [q for q in cuadrantes if q.resto]
    if not pendientes:
        return []
    historia: list[Flowable] = [PageBreak()]
    estilo = _estilo_item(8.5)
    numero = ParagraphStyle("numero_dafo", estilo, fontName=e.LETRA_NEGRITA)
    anchos = [NUMERO + 12, ancho - NUMERO - 12]
    for q in pendientes:
        fuerte = COLOR_POSICION[q.posicion]
        franja = _("{cuadrante} (continuación) · n.º {desde} a {hasta} de {total}").format(
            cuadrante=nombre_cuadrante(tablero.analisis, q.clave), desde=formato.entero(q.resto[0].orden),
            hasta=formato.entero(q.resto[-1].orden), total=formato.entero(len(q.filas)))
        filas: list[list] = [[franja, ""]]
        filas += [[Paragraph(f'<font color="{fuerte}">{formato.entero(f.orden)}.</font>', numero),
                   Paragraph(e.texto(f.texto), estilo)] for f in q.resto]
        comandos = [
            ("BACKGROUND", (0, 0), (-1, 0), e.color(fuerte)),
            ("FONT", (0, 0), (-1, 0), e.LETRA_NEGRITA, 10, 12),
            ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("LEFTPADDING", (0, 0), (0, 0), 6),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [e.color("#ffffff"), e.color(TINTE_POSICION[q.posicion])]),
        ]
        historia += [e.tabla(filas, anchos, filas_encabezado=1, cebra=False, comandos=comandos),
                     Spacer(1, 6 * mm)]
    return historia


# ------------------------------------------------------------------------------------------------ impreso
def documento_dafo(tablero: Tablero, membrete: e.Membrete, hoy) -> e.Documento:
    analisis = tablero.titulo_analisis
    return e.Documento(
        titulo=_("Análisis {analisis}: {territorio}").format(analisis=analisis, territorio=tablero.territorio),
        membrete=membrete, emitido=hoy, horizontal=True,
        subtitulo=_("{cuadrantes} de {territorio}, según el diagnóstico participativo. Situación al {fecha}.")
        .format(cuadrantes=describir_analisis(tablero.analisis), territorio=tablero.territorio,
                fecha=formato.fecha_larga(hoy)),
        asunto=_("Análisis {analisis} de {territorio} ({municipio})").format(
            analisis=analisis, territorio=tablero.territorio, municipio=membrete.municipio))


def historia_dafo(documento: e.Documento, tablero: Tablero) -> list[Flowable]:
    resumen = tablero.resumen() if tablero.total else _(
        "Todavía no hay elementos: cada cuadrante dice qué va en él, para completarlo en el taller con la comunidad.")
    return e.encabezado_documento(documento, resumen) + [TableroDafoPdf(tablero)]


def pdf_dafo(destino: Path, membrete: e.Membrete, tablero: Tablero, hoy, *, invariante: bool = False,
             progreso: e.Progreso | None = None) -> Path:
    documento = documento_dafo(tablero, membrete, hoy)
    return e.construir(destino, documento, historia_dafo(documento, tablero), invariante=invariante,
                       progreso=progreso, paginas_estimadas=1 + tablero.total // 40)


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy, *, id=None,
             invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el DAFO («dafo») o el DIPE («dipe») del territorio `id`."""
    from nucleo.modelo import Territorio
    from nucleo.servicios.dafo import listar_dafo

    t = sesion.get(Territorio, id) if id is not None else None
    if t is None or t.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("No se encontró el territorio (n.º {ident}) en este expediente.").format(ident=id),
                             campo="id")
    tablero = listar_dafo(sesion, t.id, vista)
    return pdf_dafo(destino, membrete, tablero, hoy, invariante=invariante, progreso=progreso)
