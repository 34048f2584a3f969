"""Impresos de la matriz de actores: la tabla completa y la grilla de poder/interés (A4 horizontal).

Reciben las filas que devuelve `nucleo.servicios.actores.listar_actores` (ya con los textos para mostrar) y no
tocan la base de datos: `documentos.exportar_pdf` las lee y llama a estas funciones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _, n_, traducir
from nucleo.servicios.actores import CUADRANTES, UMBRAL_ALTO, FilaActor

# Reading order of the quadrants: the ones that need the most attention first.
ORDEN_CUADRANTES = ("gestionar", "satisfacer", "informar", "monitorear")

# Soft background and strong label colour of each quadrant (the grid's four regions).
TINTE_CUADRANTE = {"gestionar": "#fbe9e7", "satisfacer": "#fff4de", "informar": "#e7eff9", "monitorear": "#eef1f4"}
ROTULO_CUADRANTE = {"gestionar": "#a5321b", "satisfacer": "#845400", "informar": "#1d5fa8", "monitorear": "#4f5a68"}


def ordenar(filas: Sequence[FilaActor]) -> list[FilaActor]:
    """Por cuadrante (de «gestionar de cerca» a «monitorear») y dentro de cada uno por nombre."""
    orden = {c: i for i, c in enumerate(ORDEN_CUADRANTES)}
    return sorted(filas, key=lambda f: (orden.get(f.cuadrante, 9), f.nombre.casefold(), f.id))


def _resumen(filas: Sequence[FilaActor]) -> str:
    if not filas:
        return _("Todavía no hay actores registrados.")
    cuenta = Counter(f.cuadrante for f in filas)
    partes = [n_("{n} actor", "{n} actores", len(filas)).format(n=formato.entero(len(filas)))]
    partes += [f"{traducir(CUADRANTES[c])}: {formato.entero(cuenta[c])}" for c in ORDEN_CUADRANTES]
    return " · ".join(partes)


def _nombre(f: FilaActor) -> str:
    return f"{f.nombre} ({f.sigla})" if f.sigla and f.sigla not in f.nombre else f.nombre


def _contacto(f: FilaActor) -> str:
    return "\n".join(x for x in (f.contacto, f.telefono, f.correo) if x)


def _celda_postura(f: FilaActor) -> Paragraph:
    color_ = e.COLORES_POSTURA.get(f.postura, e.TEXTO_SECUNDARIO)
    return Paragraph(f'<font color="{color_}">●</font> {e.texto(f.postura_texto)}', e.estilos().celda)


@dataclass(frozen=True)
class _Columna:
    titulo: str
    ancho: float  # points on A4 landscape; scaled to the page
    valor: Callable[[FilaActor], object]  # plain text (wrapped here) or a ready Flowable
    centrada: bool = False
    tamano: float = 7.3  # font size; contacts go a little smaller so e-mail addresses fit unbroken
    negrita: bool = False

    @property
    def letra(self) -> str:
        return e.LETRA_NEGRITA if self.negrita else e.LETRA


def _tablas_por_cuadrante(columnas: Sequence[_Columna], filas: Sequence[FilaActor], ancho: float) -> list[Flowable]:
    """Una tabla por cuadrante: encabezado de columnas y franja del cuadrante, repetidos en cada hoja.

    Celdas de texto simple, ya partido en renglones (`estilo.envolver`), sin celdas unidas: así miles de
    actores se arman en segundos (con SPAN o un Paragraph por celda, reportlab recalcula todo en cada hoja).
    La franja repetida dice en cada hoja de qué cuadrante es la lista, y como una tabla no se parte dejando
    solo las filas repetidas, una franja nunca queda sola al pie de una hoja.
    """
    es = e.estilos()
    escala = ancho / sum(c.ancho for c in columnas)  # the same proportions on Oficio or portrait
    anchos = [c.ancho * escala for c in columnas]
    utiles = [a - 7 for a in anchos]  # minus the cell padding
    encabezado = [Paragraph(e.texto(c.titulo), es.encabezado_centro if c.centrada else es.encabezado)
                  for c in columnas]
    centradas = [("ALIGN", (i, 2), (i, -1), "CENTER") for i, c in enumerate(columnas) if c.centrada]
    por_cuadrante: dict[str, list[FilaActor]] = {}
    for f in ordenar(filas):
        por_cuadrante.setdefault(f.cuadrante, []).append(f)
    historia: list[Flowable] = []
    for clave, suyas in por_cuadrante.items():
        rotulo = ROTULO_CUADRANTE.get(clave, e.TEXTO)
        franja = f"{suyas[0].cuadrante_texto} · " + n_("{n} actor", "{n} actores", len(suyas)).format(
            n=formato.entero(len(suyas)))
        datos: list[list] = [encabezado, [franja] + [""] * (len(columnas) - 1)]
        for f in suyas:
            fila = []
            for c, util in zip(columnas, utiles, strict=True):
                v = c.valor(f)
                fila.append(v if isinstance(v, Flowable) else e.envolver(v, util, c.letra, c.tamano))
            datos.append(fila)
        comandos = [
            # The band's text runs over the empty cells of its row: no SPAN needed.
            ("FONT", (0, 1), (-1, 1), e.LETRA_NEGRITA, 7.5, 9),
            ("TEXTCOLOR", (0, 1), (-1, 1), e.color(rotulo)),
            ("BACKGROUND", (0, 1), (-1, 1), e.color(TINTE_CUADRANTE.get(clave, e.FONDO))),
            ("LINEBELOW", (0, 1), (-1, 1), 0.6, e.color(rotulo)),
            *centradas,
            *[("FONT", (i, 2), (i, -1), c.letra, c.tamano, c.tamano + 1.7) for i, c in enumerate(columnas)
              if c.negrita or c.tamano != 7.3],
        ]
        historia += [e.tabla(datos, anchos, filas_encabezado=2, cebra=False, comandos=comandos),
                     Spacer(1, 3 * mm)]
    return historia


# ------------------------------------------------------------------------------------------------ matriz
def historia_matriz(documento: e.Documento, filas: Sequence[FilaActor]) -> list[Flowable]:
    es = e.estilos()
    historia = e.encabezado_documento(documento, _resumen(filas))
    if not filas:
        return historia
    historia.append(e.parrafo(
        _("Interés e influencia van de 1 (muy bajo) a 5 (muy alto); desde {umbral} cuentan como altos y definen "
          "el cuadrante de la grilla de poder e interés.").format(umbral=formato.entero(UMBRAL_ALTO)), es.nota))
    historia.append(Spacer(1, 3 * mm))
    columnas = [
        _Columna(_("Nombre"), 110, _nombre, negrita=True),
        _Columna(_("Tipo"), 57, lambda f: f.tipo_texto),
        _Columna(_("Categoría"), 68, lambda f: f.categoria_texto),
        _Columna(_("Nivel"), 64, lambda f: f.nivel_texto),
        _Columna(_("Institución"), 68, lambda f: f.institucion),
        _Columna(_("Interés"), 38, lambda f: formato.entero(f.interes), centrada=True),
        _Columna(_("Influencia"), 48, lambda f: formato.entero(f.influencia), centrada=True),
        _Columna(_("Postura"), 50, _celda_postura),
        _Columna(_("Cuadrante"), 52, lambda f: f.cuadrante_texto),
        _Columna(_("Territorios"), 76, lambda f: f.territorios),
        _Columna(_("Contacto"), 131, _contacto, tamano=6.5),
    ]
    return historia + _tablas_por_cuadrante(columnas, filas, documento.ancho_util)


def pdf_matriz(destino: Path, membrete: e.Membrete, filas: Sequence[FilaActor], hoy, *, invariante: bool = False,
               progreso: e.Progreso | None = None) -> Path:
    documento = e.Documento(
        titulo=_("Matriz de actores"), membrete=membrete, emitido=hoy, horizontal=True,
        subtitulo=_("Instituciones, organizaciones y personas del distrito, con su interés, influencia y postura; "
                    "situación al {fecha}.").format(fecha=formato.fecha_larga(hoy)),
        asunto=_("Matriz de actores de {municipio}").format(municipio=membrete.municipio))
    return e.construir(destino, documento, historia_matriz(documento, filas), invariante=invariante,
                       progreso=progreso, paginas_estimadas=max(1, len(filas) * 2 // 27 + 1))


# ------------------------------------------------------------------------------------------------ grilla
@dataclass(frozen=True)
class _Punto:
    numero: int
    fila: FilaActor


@dataclass(frozen=True)
class Marca:
    """Algo dibujado en una celda de la grilla: el renglón de un actor, su ficha numerada o la cantidad."""

    tipo: str  # "renglon", "ficha" or "cantidad"
    punto: _Punto | None
    x: float
    y: float  # bottom edge
    ancho: float
    alto: float
    texto: tuple[str, ...] = ()


def _rotulo(f: FilaActor, ancho: float, letra: str, tamano: float, lineas: int = 1) -> list[str]:
    """El nombre en hasta `lineas` renglones si cabe; si no, la sigla si la hay; si no, el nombre recortado."""
    partes = simpleSplit(f.nombre, letra, tamano, ancho)
    if len(partes) <= lineas and all(e.ancho_texto(p, letra, tamano) <= ancho for p in partes):
        return partes
    if f.sigla:
        return [e.recortar(f.sigla, letra, tamano, ancho)]
    if lineas == 1 or len(partes) < 2:
        return [e.recortar(f.nombre, letra, tamano, ancho)]
    return partes[:lineas - 1] + [e.recortar(" ".join(partes[lineas - 1:]), letra, tamano, ancho)]


class Grilla(Flowable):
    """La grilla de poder e interés dibujada: 5 × 5 celdas en cuatro cuadrantes y un panel de referencias.

    En cada celda (un valor de interés y uno de influencia) los actores se acomodan sin encimarse:
    - pocos: un renglón por actor, con su punto de color y su nombre;
    - más: fichas numeradas (el número remite a la lista «Actores por cuadrante» y, si entra, a las
      referencias del panel);
    - demasiados para fichas: la cantidad y una barra con la proporción de cada postura.
    """

    LETRA_ROTULO = 6.4
    RENGLON = 8.6
    FRANJA = 11.5  # strip that holds the quadrant name inside its top cells

    def __init__(self, ancho: float, alto: float, puntos: Sequence[_Punto]):
        super().__init__()
        self.ancho, self.alto = ancho, alto
        self.puntos = list(puntos)
        self.por_celda: dict[tuple[int, int], list[_Punto]] = {}
        for p in self.puntos:
            clave = (min(max(p.fila.interes, 1), 5), min(max(p.fila.influencia, 1), 5))
            self.por_celda.setdefault(clave, []).append(p)
        self.referencias: list[_Punto] = []  # actors drawn as numbered chips
        self.resumidas = 0  # cells that only show a count
        self._medir(ancho, alto)

    def _medir(self, ancho: float, alto: float) -> None:
        self.ancho, self.alto = ancho, alto
        self.panel = min(205.0, ancho * 0.28)
        self.eje_y, self.eje_x = 34.0, 34.0
        self.ancho_grilla = ancho - self.panel - self.eje_y - 14
        self.alto_grilla = alto - self.eje_x - 4
        self.celda_w, self.celda_h = self.ancho_grilla / 5, self.alto_grilla / 5

    def wrap(self, disponible_ancho: float, disponible_alto: float) -> tuple[float, float]:
        # Fill what is left of the page under the title (never less than a legible minimum).
        self._medir(min(self.ancho, disponible_ancho), max(min(self.alto, disponible_alto), 300.0))
        return self.ancho, self.alto

    # --- geometry: origin at the bottom-left corner of the plot ---------------------------------------
    def _x(self, interes: int) -> float:
        return self.eje_y + (interes - 1) * self.celda_w

    def _y(self, influencia: int) -> float:
        return self.eje_x + (influencia - 1) * self.celda_h

    def draw(self) -> None:
        c: Canvas = self.canv
        self.referencias = []
        self.resumidas = 0
        c.saveState()
        self._fondo(c)
        for (interes, influencia), puntos in sorted(self.por_celda.items()):
            self._celda(c, interes, influencia, puntos)
        self._ejes(c)
        self._panel(c)
        c.restoreState()

    def _fondo(self, c: Canvas) -> None:
        alto_i = UMBRAL_ALTO  # first "high" value
        regiones = {
            "satisfacer": (1, alto_i - 1, alto_i, 5), "gestionar": (alto_i, 5, alto_i, 5),
            "monitorear": (1, alto_i - 1, 1, alto_i - 1), "informar": (alto_i, 5, 1, alto_i - 1),
        }
        for clave, (i0, i1, f0, f1) in regiones.items():
            x0, y0 = self._x(i0), self._y(f0)
            w, h = (i1 - i0 + 1) * self.celda_w, (f1 - f0 + 1) * self.celda_h
            c.setFillColor(e.color(TINTE_CUADRANTE[clave]))
            c.rect(x0, y0, w, h, stroke=0, fill=1)
        # Cell lines: white hairlines inside the quadrants, a firm line on the quadrant borders.
        c.setStrokeColor(e.color("#ffffff"))
        c.setLineWidth(0.8)
        for k in range(1, 5):
            c.line(self._x(1) + k * self.celda_w, self._y(1), self._x(1) + k * self.celda_w, self._y(5) + self.celda_h)
            c.line(self._x(1), self._y(1) + k * self.celda_h, self._x(5) + self.celda_w, self._y(1) + k * self.celda_h)
        c.setStrokeColor(e.color(e.AZUL_INSTITUCIONAL))
        c.setLineWidth(1.1)
        c.setDash(4, 2.5)
        xc, yc = self._x(UMBRAL_ALTO), self._y(UMBRAL_ALTO)
        c.line(xc, self._y(1), xc, self._y(5) + self.celda_h)
        c.line(self._x(1), yc, self._x(5) + self.celda_w, yc)
        c.setDash()
        c.setStrokeColor(e.color(e.BORDE))
        c.setLineWidth(0.8)
        c.rect(self._x(1), self._y(1), self.ancho_grilla, self.alto_grilla, stroke=1, fill=0)
        c.setFont(e.LETRA_NEGRITA, 7.5)
        for clave, (i0, i1, _f0, f1) in regiones.items():
            x0, y1 = self._x(i0), self._y(f1) + self.celda_h
            w = (i1 - i0 + 1) * self.celda_w
            c.setFillColor(e.color(ROTULO_CUADRANTE[clave]))
            rotulo = traducir(CUADRANTES[clave]).upper()
            c.drawString(x0 + 4, y1 - 9.5, e.recortar(rotulo, e.LETRA_NEGRITA, 7.5, w - 8))

    def _area(self, interes: int, influencia: int) -> tuple[float, float, float, float]:
        """Rectángulo libre de la celda (x, y inferior, ancho, alto), sin la franja del nombre del cuadrante."""
        x, y = self._x(interes) + 4, self._y(influencia) + 3
        w, h = self.celda_w - 8, self.celda_h - 6
        if influencia in (5, UMBRAL_ALTO - 1):  # top row of a quadrant: leave room for its name
            h -= self.FRANJA
        return x, y, w, h

    def disponer(self) -> dict[tuple[int, int], list[Marca]]:
        """Dónde va cada cosa en cada celda (interés, influencia): lo que se dibuja, sin encimarse."""
        return {clave: self._disponer_celda(*clave, puntos) for clave, puntos in sorted(self.por_celda.items())}

    def _disponer_celda(self, interes: int, influencia: int, puntos: list[_Punto]) -> list[Marca]:
        x, y, w, h = self._area(interes, influencia)
        paso = self.RENGLON - 1  # from one baseline to the next inside a label
        renglones = int((h + 1.5) // (paso + 1.5))
        if len(puntos) <= renglones:
            lineas = 2 if 2 * len(puntos) <= renglones else 1
            marcas, arriba = [], y + h
            for p in puntos:
                texto_ = tuple(_rotulo(p.fila, w - 8, e.LETRA, self.LETRA_ROTULO, lineas))
                ancho = 7.5 + max(e.ancho_texto(t, e.LETRA, self.LETRA_ROTULO) for t in texto_)
                alto = len(texto_) * paso + 0.6  # down to the descenders of the last line
                marcas.append(Marca("renglon", p, x, arriba - alto, ancho, alto, texto_))
                arriba -= len(texto_) * paso + 1.5
            return marcas
        ficha_w = e.ancho_texto(formato.entero(max(p.numero for p in puntos)), e.LETRA_NEGRITA, 5.6) + 5
        ficha_h, hueco = 8.5, 2.2
        columnas = max(1, int((w + hueco) // (ficha_w + hueco)))
        filas = max(1, int((h + hueco) // (ficha_h + hueco)))
        if len(puntos) > columnas * filas:
            return [Marca("cantidad", None, x, y, w, h)]
        return [Marca("ficha", p, x + (i % columnas) * (ficha_w + hueco),
                      y + h - (i // columnas + 1) * (ficha_h + hueco) + hueco, ficha_w, ficha_h,
                      (formato.entero(p.numero),))
                for i, p in enumerate(puntos)]

    def _celda(self, c: Canvas, interes: int, influencia: int, puntos: list[_Punto]) -> None:
        for m in self._disponer_celda(interes, influencia, puntos):
            color_ = e.color(e.COLORES_POSTURA.get(m.punto.fila.postura, e.TEXTO_SECUNDARIO)) if m.punto else None
            if m.tipo == "renglon":
                base = m.y + m.alto - self.RENGLON + 2
                c.setFillColor(color_)
                c.circle(m.x + 2.8, base + 2.2, 2.5, stroke=0, fill=1)
                c.setFillColor(e.color(e.TEXTO))
                c.setFont(e.LETRA, self.LETRA_ROTULO)
                for linea in m.texto:
                    c.drawString(m.x + 7.5, base, linea)
                    base -= self.RENGLON - 1
            elif m.tipo == "ficha":
                c.setFillColor(color_)
                c.roundRect(m.x, m.y, m.ancho, m.alto, 2.2, stroke=0, fill=1)
                c.setFillColor(e.color("#ffffff"))
                c.setFont(e.LETRA_NEGRITA, 5.6)
                c.drawCentredString(m.x + m.ancho / 2, m.y + 2.3, m.texto[0])
                self.referencias.append(m.punto)
            else:
                self._cantidad(c, m.x, m.y, m.ancho, m.alto, puntos)

    def _cantidad(self, c: Canvas, x: float, y: float, w: float, h: float, puntos: list[_Punto]) -> None:
        self.resumidas += 1
        cx, medio = x + w / 2, y + h / 2
        c.setFillColor(e.color(e.TEXTO))
        c.setFont(e.LETRA_NEGRITA, 12)
        c.drawCentredString(cx, medio + 6, formato.entero(len(puntos)))
        c.setFont(e.LETRA, 6)
        c.setFillColor(e.color(e.TEXTO_SECUNDARIO))
        c.drawCentredString(cx, medio - 2, n_("actor", "actores", len(puntos)))
        cuenta = Counter(p.fila.postura for p in puntos)
        barra_w, bx, by = w * 0.8, x + w * 0.1, medio - 10
        for postura in ("apoya", "neutral", "se_opone"):
            tramo = barra_w * cuenta[postura] / len(puntos)
            if tramo:
                c.setFillColor(e.color(e.COLORES_POSTURA[postura]))
                c.rect(bx, by, tramo, 4, stroke=0, fill=1)
                bx += tramo
        partes = [(formato.entero(cuenta[p]), e.COLORES_POSTURA[p]) for p in ("apoya", "neutral", "se_opone")
                  if cuenta[p]]
        total = sum(e.ancho_texto(t, e.LETRA_NEGRITA, 6) for t, _c in partes) + 8 * (len(partes) - 1)
        tx = cx - total / 2
        c.setFont(e.LETRA_NEGRITA, 6)
        for t, col in partes:
            c.setFillColor(e.color(col))
            c.drawString(tx, by - 8, t)
            tx += e.ancho_texto(t, e.LETRA_NEGRITA, 6) + 8

    def _ejes(self, c: Canvas) -> None:
        c.setFillColor(e.color(e.TEXTO))
        c.setFont(e.LETRA_NEGRITA, 7.5)
        for v in range(1, 6):
            c.drawCentredString(self._x(v) + self.celda_w / 2, self.eje_x - 10, formato.entero(v))
            c.drawRightString(self.eje_y - 6, self._y(v) + self.celda_h / 2 - 2.5, formato.entero(v))
        c.setFont(e.LETRA, 7.5)
        c.setFillColor(e.color(e.TEXTO_SECUNDARIO))
        c.drawCentredString(self._x(1) + self.ancho_grilla / 2, self.eje_x - 24,
                            _("Interés en el proceso  →   (1 muy bajo · 5 muy alto)"))
        c.saveState()
        c.translate(self.eje_y - 20, self._y(1) + self.alto_grilla / 2)
        c.rotate(90)
        c.drawCentredString(0, 0, _("Influencia (poder)  →   (1 muy baja · 5 muy alta)"))
        c.restoreState()

    def _panel(self, c: Canvas) -> None:
        x = self.ancho - self.panel + 6
        w = self.panel - 6
        arriba = self._y(5) + self.celda_h
        c.setStrokeColor(e.color(e.BORDE))
        c.setLineWidth(0.6)
        c.line(x - 6, self._y(1), x - 6, arriba)
        x += 6
        w -= 6
        y = arriba - 9

        def titulo(t: str) -> None:
            nonlocal y
            c.setFillColor(e.color(e.AZUL_INSTITUCIONAL))
            c.setFont(e.LETRA_NEGRITA, 7.5)
            c.drawString(x, y, t)
            y -= 11

        cuenta_postura = Counter(p.fila.postura for p in self.puntos)
        titulo(_("Postura"))
        from nucleo.modelo.actor import POSTURAS

        for clave in ("apoya", "neutral", "se_opone"):
            c.setFillColor(e.color(e.COLORES_POSTURA[clave]))
            c.circle(x + 3, y + 2.3, 2.8, stroke=0, fill=1)
            c.setFillColor(e.color(e.TEXTO))
            c.setFont(e.LETRA, 7)
            c.drawString(x + 9, y, traducir(POSTURAS[clave]))
            c.drawRightString(x + w, y, formato.entero(cuenta_postura[clave]))
            y -= 10
        y -= 5
        titulo(_("Cuadrantes"))
        cuenta = Counter(p.fila.cuadrante for p in self.puntos)
        for clave in ORDEN_CUADRANTES:
            c.setFillColor(e.color(TINTE_CUADRANTE[clave]))
            c.setStrokeColor(e.color(ROTULO_CUADRANTE[clave]))
            c.setLineWidth(0.6)
            c.rect(x, y - 1, 7, 7, stroke=1, fill=1)
            c.setFillColor(e.color(e.TEXTO))
            c.setFont(e.LETRA, 7)
            c.drawString(x + 11, y, traducir(CUADRANTES[clave]))
            c.drawRightString(x + w, y, formato.entero(cuenta[clave]))
            y -= 10
        y -= 5
        titulo(_("Cómo leer la grilla"))
        es = e.estilos()
        partes = [_("Cada actor se ubica según su interés (horizontal) y su influencia (vertical), de 1 a 5; desde "
                    "{u} cuenta como alto. La línea punteada separa los cuadrantes y el color indica la postura.")
                  .format(u=formato.entero(UMBRAL_ALTO))]
        if self.referencias:
            partes.append(_("Donde hay muchos, cada actor es una ficha con su número de la lista «Actores por "
                            "cuadrante»."))
        if self.resumidas:
            partes.append(_("Donde no entran ni las fichas, la celda muestra la cantidad de actores y la "
                            "proporción de cada postura."))
        explicacion = Paragraph(e.texto(" ".join(partes)), es.nota)
        _w, alto = explicacion.wrap(w, 200)
        explicacion.drawOn(c, x, y + 8 - alto)
        y -= alto + 6
        if not self.referencias:
            return
        titulo(_("Referencias"))
        caben = int((y - self._y(1)) // 8.2)
        refs = sorted(self.referencias, key=lambda p: p.numero)
        if len(refs) > caben:
            nota = Paragraph(e.texto(n_(
                "{n} actor aparece con su número; su nombre está en la lista «Actores por cuadrante».",
                "{n} actores aparecen con su número; sus nombres están en la lista «Actores por cuadrante».",
                len(refs)).format(n=formato.entero(len(refs)))), es.nota)
            _w, alto = nota.wrap(w, 100)
            nota.drawOn(c, x, y + 8 - alto)
            return
        ancho_numero = e.ancho_texto(formato.entero(refs[-1].numero), e.LETRA_NEGRITA, 6.3) + 4
        for p in refs:
            c.setFillColor(e.color(e.COLORES_POSTURA.get(p.fila.postura, e.TEXTO)))
            c.setFont(e.LETRA_NEGRITA, 6.3)
            c.drawRightString(x + ancho_numero - 4, y, formato.entero(p.numero))
            c.setFillColor(e.color(e.TEXTO))
            c.setFont(e.LETRA, 6.3)
            c.drawString(x + ancho_numero, y, e.recortar(_nombre(p.fila), e.LETRA, 6.3, w - ancho_numero))
            y -= 8.2


def historia_grilla(documento: e.Documento, filas: Sequence[FilaActor]) -> list[Flowable]:
    historia = e.encabezado_documento(documento, _resumen(filas))
    if not filas:
        return historia
    ordenadas = ordenar(filas)
    puntos = [_Punto(i, f) for i, f in enumerate(ordenadas, start=1)]
    # The drawing fills the rest of the first page (Grilla.wrap).
    historia.append(Grilla(documento.ancho_util, documento.alto_util, puntos))
    historia.append(PageBreak())
    historia.append(e.subtitulo_seccion(_("Actores por cuadrante"), documento.ancho_util,
                                        _("Por cuadrante y por nombre")))
    historia.append(Spacer(1, 2.5 * mm))
    numeros = {p.fila.id: p.numero for p in puntos}
    columnas = [
        _Columna(_("N.º"), 30, lambda f: formato.entero(numeros[f.id]), centrada=True),
        _Columna(_("Actor"), 172, _nombre, negrita=True),
        _Columna(_("Institución"), 110, lambda f: f.institucion),
        _Columna(_("Categoría"), 110, lambda f: f.categoria_texto),
        _Columna(_("Nivel"), 64, lambda f: f.nivel_texto),
        _Columna(_("Interés"), 38, lambda f: formato.entero(f.interes), centrada=True),
        _Columna(_("Influencia"), 50, lambda f: formato.entero(f.influencia), centrada=True),
        _Columna(_("Postura"), 52, _celda_postura),
        _Columna(_("Contacto"), 136, _contacto, tamano=6.5),
    ]
    return historia + _tablas_por_cuadrante(columnas, filas, documento.ancho_util)


def pdf_grilla(destino: Path, membrete: e.Membrete, filas: Sequence[FilaActor], hoy, *, invariante: bool = False,
               progreso: e.Progreso | None = None) -> Path:
    documento = e.Documento(
        titulo=_("Grilla de poder e interés"), membrete=membrete, emitido=hoy, horizontal=True,
        subtitulo=_("Actores del distrito según su influencia y su interés; situación al {fecha}.")
        .format(fecha=formato.fecha_larga(hoy)),
        asunto=_("Grilla de poder e interés de {municipio}").format(municipio=membrete.municipio))
    return e.construir(destino, documento, historia_grilla(documento, filas), invariante=invariante,
                       progreso=progreso, paginas_estimadas=max(2, len(filas) // 15 + 2))


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy, *, id=None,
             invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: la matriz o la grilla de todos los actores."""
    from nucleo.servicios.actores import listar_actores

    filas = listar_actores(sesion, municipio_id)
    hacer = pdf_grilla if vista == "grilla" else pdf_matriz
    return hacer(destino, membrete, filas, hoy, invariante=invariante, progreso=progreso)
