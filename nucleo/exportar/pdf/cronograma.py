"""Impreso del cronograma de un Plan de Acción: la lista de actividades al lado de su diagrama de Gantt.

A4 apaisado (vista «a4») o A3 apaisado («a3»). Cada hoja repite el encabezado (columnas y escala de meses o
trimestres) y lleva la leyenda abajo, así una hoja suelta se entiende sola. Barras por fechas planificadas, las de
la ruta crítica en rojo, la parte hecha más oscura; hitos como rombos; la línea base como una barra gris fina
debajo (si se guardó); la línea de hoy; flechas de las dependencias (FC, CC, FF y CF). Al final, la tabla «Ruta
crítica» en orden.

Las hojas se arman de a una: el diagrama es un solo `Flowable` que, al no entrar, se parte en «lo que cabe en esta
hoja» y «el resto» (índices sobre la misma lista de filas, sin copiarla), así un plan de miles de actividades no
arma todo su dibujo en memoria de una vez.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from babel.dates import format_date
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf.comun_plan import huella_y_marca
from nucleo.i18n import _, n_

ROJO = e.COLORES_SEMAFORO["vencida"]
ROJO_CLARO = "#ef9a9a"
AZUL = e.AZUL_ACENTO
AZUL_CLARO = "#a9c6ea"
GRIS_BASE = "#9aa3ae"
NEGRO_RESUMEN = "#37414d"
COLOR_HOY = e.AVISO
COLOR_FLECHA = "#7a8494"
CEBRA = e.FONDO


@dataclass(frozen=True)
class Medidas:
    """Tamaños de una hoja del cronograma (A4 o A3 apaisada)."""

    tamano: str
    alto_fila: float
    letra: float
    col_codigo: float
    col_actividad: float
    col_fecha: float
    col_dias: float

    @property
    def ancho_tabla(self) -> float:
        return self.col_codigo + self.col_actividad + 2 * self.col_fecha + self.col_dias


MEDIDAS = {
    "a4": Medidas("A4", alto_fila=11.0, letra=6.6, col_codigo=34, col_actividad=162, col_fecha=40, col_dias=42),
    "a3": Medidas("A3", alto_fila=12.5, letra=7.3, col_codigo=40, col_actividad=282, col_fecha=46, col_dias=46),
}
ALTO_ESCALA = 22.0  # two header lines: quarters/years above, months/quarters below
ALTO_LEYENDA = 16.0
SEPARACION = 6.0  # between the activity table and the drawing


@dataclass
class Escala:
    """De fecha a posición horizontal en el diagrama (un día calendario = `k` puntos)."""

    desde: date
    hasta: date  # exclusive
    x0: float
    ancho: float

    @property
    def dias(self) -> int:
        return max(1, (self.hasta - self.desde).days)

    @property
    def k(self) -> float:
        return self.ancho / self.dias

    def x(self, d: date) -> float:
        return self.x0 + (d - self.desde).days * self.k


def _primero_del_mes(d: date) -> date:
    return d.replace(day=1)


def _mes_siguiente(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _trimestre(d: date) -> int:
    return (d.month - 1) // 3 + 1


def nombre_mes(d: date) -> str:
    """«Ene», «Sept»: la abreviatura del mes en es_PY (Babel), sin el punto."""
    return format_date(d, "LLL", locale=formato.LOCALE).rstrip(".").capitalize()


def etiqueta_trimestre(d: date) -> str:
    return _("T{n} {anio}").format(n=_trimestre(d), anio=d.year)


@dataclass
class DatosCronograma:
    """Lo que dibuja cada hoja: las filas (en orden EDT) y lo que se calcula una vez para todas."""

    filas: Sequence[Any]  # FilaActividad
    hoy: date
    medidas: Medidas
    dias: dict[int, int] = field(default_factory=dict)  # working days shown per activity id
    indice: dict[int, int] = field(default_factory=dict)  # activity id -> row number
    sucesoras: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # pred id -> [(succ id, tipo)]
    escala: Escala | None = None
    con_linea_base: bool = False
    ventana: tuple[date, date] | None = None  # [desde, hasta) whole months: one slice of a long plan per sheet
    rotulo_hoy: str = ""  # the legend's text for the dashed line («Sancionado (…)»); "" = «Hoy (fecha)»

    def preparar(self, ancho: float) -> None:
        self.indice = {f.id: i for i, f in enumerate(self.filas)}
        self.sucesoras = {}
        for f in self.filas:
            for pred, tipo, _desfase in f.predecesoras or ():
                self.sucesoras.setdefault(pred, []).append((f.id, tipo))
        fechas = [d for f in self.filas for d in (f.inicio, f.fin, f.base_inicio, f.base_fin) if d is not None]
        self.con_linea_base = any(f.base_inicio is not None for f in self.filas)
        if fechas:
            desde, hasta = min(fechas), max(fechas)
        else:
            desde = hasta = self.hoy
        # Whole months: the header starts and ends on a month boundary.
        desde = _primero_del_mes(desde)
        hasta = _mes_siguiente(hasta)
        if self.ventana is not None:
            desde, hasta = self.ventana
        x0 = self.medidas.ancho_tabla + SEPARACION
        self.escala = Escala(desde, hasta, x0, max(60.0, ancho - x0))


class DiagramaGantt(Flowable):
    """Filas [desde, hasta) del cronograma: tabla y diagrama con su encabezado y su leyenda.

    Sin `hasta`, todas las que quedan: si no entran en la hoja, `split` devuelve la parte que cabe y el resto.
    """

    def __init__(self, datos: DatosCronograma, desde: int = 0, hasta: int | None = None):
        super().__init__()
        self.datos = datos
        self.desde = desde
        self.hasta = len(datos.filas) if hasta is None else hasta
        self.ancho = 0.0

    def _alto(self, n: int) -> float:
        return ALTO_ESCALA + max(n, 1) * self.datos.medidas.alto_fila + ALTO_LEYENDA

    def wrap(self, ancho_disponible: float, alto_disponible: float) -> tuple[float, float]:
        if self.datos.escala is None:
            self.datos.preparar(ancho_disponible)
        self.ancho = ancho_disponible
        self.width, self.height = ancho_disponible, self._alto(self.hasta - self.desde)
        return self.width, self.height

    def split(self, ancho_disponible: float, alto_disponible: float) -> list[Flowable]:
        cabe = int((alto_disponible - ALTO_ESCALA - ALTO_LEYENDA) // self.datos.medidas.alto_fila)
        if cabe < 4:  # a header with two rows under it is not worth it: start on the next sheet
            return []
        if cabe >= self.hasta - self.desde:
            return [self]
        return [DiagramaGantt(self.datos, self.desde, self.desde + cabe),
                DiagramaGantt(self.datos, self.desde + cabe, self.hasta)]

    # -- drawing -------------------------------------------------------------------------------------------
    def draw(self) -> None:
        c: Canvas = self.canv
        d, m = self.datos, self.datos.medidas
        esc = d.escala
        assert esc is not None
        arriba = self.height - ALTO_ESCALA  # top of the first row
        n = self.hasta - self.desde
        abajo = arriba - n * m.alto_fila
        c.saveState()
        # Zebra rows across table and drawing, see-through so the «BORRADOR» watermark stays whole.
        c.setFillAlpha(0.55)
        for i in range(n):
            if (self.desde + i) % 2:
                c.setFillColor(e.color(CEBRA))
                c.rect(0, arriba - (i + 1) * m.alto_fila, self.ancho, m.alto_fila, stroke=0, fill=1)
        c.setFillAlpha(1)
        self._encabezado(c, arriba, abajo)
        for i in range(n):
            self._fila_tabla(c, d.filas[self.desde + i], arriba - (i + 1) * m.alto_fila)
        c.saveState()
        camino = c.beginPath()
        camino.rect(esc.x0, abajo, esc.ancho, arriba - abajo)
        c.clipPath(camino, stroke=0, fill=0)
        self._hoy(c, arriba, abajo)
        self._flechas(c, arriba, abajo)
        for i in range(n):
            self._barra(c, d.filas[self.desde + i], arriba - (i + 1) * m.alto_fila)
        c.restoreState()
        # Frame lines.
        c.setStrokeColor(e.color(e.BORDE))
        c.setLineWidth(0.5)
        c.line(0, abajo, self.ancho, abajo)
        c.line(esc.x0, abajo, esc.x0, self.height)
        self._leyenda(c, abajo - ALTO_LEYENDA + 4)
        c.restoreState()

    def _encabezado(self, c: Canvas, arriba: float, abajo: float) -> None:
        d, m = self.datos, self.datos.medidas
        esc = d.escala
        c.setFillColor(e.color(e.AZUL_INSTITUCIONAL))
        c.rect(0, arriba, self.ancho, ALTO_ESCALA, stroke=0, fill=1)
        c.setFillColor(e.color("#ffffff"))
        c.setFont(e.LETRA_NEGRITA, m.letra)
        base = arriba + ALTO_ESCALA / 2 - m.letra / 3
        x = 3.0
        for titulo, ancho, derecha in ((_("Código"), m.col_codigo, False), (_("Actividad"), m.col_actividad, False),
                                       (_("Inicio"), m.col_fecha, False), (_("Fin"), m.col_fecha, False),
                                       (_("Días háb."), m.col_dias, True)):
            if derecha:
                c.drawRightString(x + ancho - 6, base, e.recortar(titulo, e.LETRA_NEGRITA, m.letra, ancho - 5))
            else:
                c.drawString(x, base, e.recortar(titulo, e.LETRA_NEGRITA, m.letra, ancho - 4))
            x += ancho
        # Time scale: months (or quarters) below, quarters (or years) above, with grid lines down the rows.
        mes_ancho = esc.k * 30.4
        medio = arriba + ALTO_ESCALA / 2
        if mes_ancho >= 14:
            divisiones = self._meses(esc)
            superiores = self._trimestres(esc, etiqueta_trimestre)
            rotulo_inferior = nombre_mes
        else:
            divisiones = self._trimestres(esc, lambda x: _("T{n}").format(n=_trimestre(x)))
            superiores = self._anios(esc)
            rotulo_inferior = None
        c.setLineWidth(0.4)
        c.setFont(e.LETRA, m.letra - 0.6)
        for inicio, fin, rotulo in divisiones:
            x0, x1 = max(esc.x(inicio), esc.x0), min(esc.x(fin), esc.x0 + esc.ancho)
            texto = rotulo_inferior(inicio) if rotulo_inferior else rotulo
            c.setFillColor(e.color("#ffffff"))
            c.drawCentredString((x0 + x1) / 2, arriba + 3, e.recortar(texto, e.LETRA, m.letra - 0.6, x1 - x0 - 2))
            c.setStrokeColor(e.color("#6f88a8"))
            c.line(x0, arriba, x0, medio)
            c.setStrokeColor(e.color(e.BORDE))
            c.line(x0, abajo, x0, arriba)
        c.setFont(e.LETRA_NEGRITA, m.letra - 0.3)
        c.setStrokeColor(e.color("#6f88a8"))
        c.line(esc.x0, medio, esc.x0 + esc.ancho, medio)
        for inicio, fin, rotulo in superiores:
            x0, x1 = max(esc.x(inicio), esc.x0), min(esc.x(fin), esc.x0 + esc.ancho)
            c.setFillColor(e.color("#ffffff"))
            c.drawCentredString((x0 + x1) / 2, medio + 3, e.recortar(rotulo, e.LETRA_NEGRITA, m.letra - 0.3,
                                                                      x1 - x0 - 2))
            c.setStrokeColor(e.color("#ffffff"))
            c.line(x0, medio, x0, arriba + ALTO_ESCALA)
            c.setStrokeColor(e.color("#b7c2cf"))
            c.line(x0, abajo, x0, arriba)

    @staticmethod
    def _meses(esc: Escala) -> list[tuple[date, date, str]]:
        salida, d = [], esc.desde
        while d < esc.hasta:
            siguiente = _mes_siguiente(d)
            salida.append((d, siguiente, ""))
            d = siguiente
        return salida

    @staticmethod
    def _trimestres(esc: Escala, rotulo: Callable[[date], str]) -> list[tuple[date, date, str]]:
        salida = []
        d = date(esc.desde.year, 3 * (_trimestre(esc.desde) - 1) + 1, 1)
        while d < esc.hasta:
            siguiente = _mes_siguiente(_mes_siguiente(_mes_siguiente(d)))
            salida.append((max(d, esc.desde), min(siguiente, esc.hasta), rotulo(d)))
            d = siguiente
        return salida

    @staticmethod
    def _anios(esc: Escala) -> list[tuple[date, date, str]]:
        salida = []
        for anio in range(esc.desde.year, (esc.hasta - timedelta(days=1)).year + 1):
            salida.append((max(date(anio, 1, 1), esc.desde), min(date(anio + 1, 1, 1), esc.hasta), str(anio)))
        return salida

    def _fila_tabla(self, c: Canvas, f: Any, y: float) -> None:
        m = self.datos.medidas
        base = y + (m.alto_fila - m.letra) / 2 + 1
        letra = e.LETRA_NEGRITA if f.es_resumen else e.LETRA
        c.setFillColor(e.color(ROJO if f.critica and not f.es_resumen else e.TEXTO))
        c.setFont(letra, m.letra)
        x = 3.0
        c.drawString(x, base, e.recortar(f.codigo, letra, m.letra, m.col_codigo - 4))
        x += m.col_codigo
        sangria = 7.0 * min(f.nivel, 6)
        nombre = ("◆ " if f.hito else "") + f.nombre
        c.setFillColor(e.color(e.TEXTO))
        c.drawString(x + sangria, base, e.recortar(nombre, letra, m.letra, m.col_actividad - sangria - 5))
        x += m.col_actividad
        c.setFont(e.LETRA, m.letra)
        for valor in (f.inicio, f.fin):
            c.drawString(x, base, formato.fecha(valor) if valor else "—")
            x += m.col_fecha
        dias = self.datos.dias.get(f.id)
        c.drawRightString(x + m.col_dias - 6, base, formato.entero(dias) if dias is not None else "—")

    def _hoy(self, c: Canvas, arriba: float, abajo: float) -> None:
        esc = self.datos.escala
        hoy = self.datos.hoy
        if not (esc.desde <= hoy < esc.hasta):
            return
        x = esc.x(hoy) + esc.k / 2
        c.setStrokeColor(e.color(COLOR_HOY))
        c.setLineWidth(0.9)
        c.setDash(3, 2)
        c.line(x, abajo, x, arriba)
        c.setDash()

    def _extremos(self, f: Any) -> tuple[float, float] | None:
        esc = self.datos.escala
        if f.inicio is None or f.fin is None:
            return None
        if f.hito:
            x = esc.x(f.fin) + esc.k
            return x, x
        return esc.x(f.inicio), esc.x(f.fin) + esc.k

    def _y_centro(self, fila: int, arriba: float) -> float:
        m = self.datos.medidas
        centro = arriba - (fila - self.desde + 0.5) * m.alto_fila
        return centro + (m.alto_fila * 0.1 if self.datos.con_linea_base else 0)

    def _flechas(self, c: Canvas, arriba: float, abajo: float) -> None:
        d = self.datos
        c.setLineWidth(0.45)
        for i in range(self.desde, self.hasta):
            f = d.filas[i]
            for suc_id, tipo in d.sucesoras.get(f.id, ()):
                j = d.indice.get(suc_id)
                if j is not None and not (self.desde <= j < self.hasta):
                    self._flecha(c, f, d.filas[j], tipo, i, j, arriba, abajo)
            for pred_id, tipo, _desfase in f.predecesoras or ():
                j = d.indice.get(pred_id)
                if j is not None:
                    self._flecha(c, d.filas[j], f, tipo, j, i, arriba, abajo)

    def _flecha(self, c: Canvas, pred: Any, suc: Any, tipo: str, i: int, j: int, arriba: float,
                abajo: float) -> None:
        """Del lado que corresponde de la predecesora (fin o comienzo) al de la sucesora, en escalón."""
        a, b = self._extremos(pred), self._extremos(suc)
        if a is None or b is None:
            return
        sale_fin = tipo in ("FC", "FF")
        llega_fin = tipo in ("FF", "CF")
        xa = a[1] if sale_fin else a[0]
        xb = b[1] if llega_fin else b[0]
        if suc.hito:
            xb = b[0] + (2.8 if llega_fin else -2.8)
        ya = self._y_centro(i, arriba)
        yb = self._y_centro(j, arriba)
        # Rows off this sheet: the line comes in from (or goes out through) the top or bottom edge.
        ya = min(max(ya, abajo - 2), arriba + 2)
        yb_real = yb
        yb = min(max(yb, abajo - 2), arriba + 2)
        critica = bool(pred.critica and suc.critica)
        tono = ROJO if critica else COLOR_FLECHA
        c.setStrokeColor(e.color(tono))
        c.setFillColor(e.color(tono))
        codo = 3.0
        xs = xa + codo if sale_fin else xa - codo
        entra_izquierda = not llega_fin
        xe = xb - codo if entra_izquierda else xb + codo
        p = c.beginPath()
        p.moveTo(xa, ya)
        p.lineTo(xs, ya)
        camino_directo = (xs <= xe) if entra_izquierda else (xs >= xe)
        if camino_directo:
            p.lineTo(xs, yb)
            p.lineTo(xb, yb)
        else:
            # Going back in time: turn halfway between the rows.
            medio = (ya + yb) / 2 if abs(ya - yb) > 1 else ya - self.datos.medidas.alto_fila / 2
            p.lineTo(xs, medio)
            p.lineTo(xe, medio)
            p.lineTo(xe, yb)
            p.lineTo(xb, yb)
        c.drawPath(p, stroke=1, fill=0)
        if yb == yb_real:
            punta = 2.6
            sentido = 1 if entra_izquierda else -1
            t = c.beginPath()
            t.moveTo(xb, yb)
            t.lineTo(xb - sentido * punta, yb + punta * 0.6)
            t.lineTo(xb - sentido * punta, yb - punta * 0.6)
            t.close()
            c.drawPath(t, stroke=0, fill=1)

    def _barra(self, c: Canvas, f: Any, y: float) -> None:
        d, m = self.datos, self.datos.medidas
        esc = d.escala
        h = m.alto_fila
        centro = y + h / 2 + (h * 0.1 if d.con_linea_base else 0)
        # Baseline under the bar: thin grey.
        if f.base_inicio is not None and f.base_fin is not None and not f.es_resumen:
            c.setFillColor(e.color(GRIS_BASE))
            if f.hito:
                self._rombo(c, esc.x(f.base_fin) + esc.k, y + h * 0.18, h * 0.16)
            else:
                x0, x1 = esc.x(f.base_inicio), esc.x(f.base_fin) + esc.k
                c.rect(x0, y + h * 0.1, max(x1 - x0, 0.8), h * 0.14, stroke=0, fill=1)
        extremos = self._extremos(f)
        if extremos is None:
            return
        x0, x1 = extremos
        if f.hito:
            c.setFillColor(e.color(ROJO if f.critica else NEGRO_RESUMEN))
            self._rombo(c, x0, centro, h * 0.32)
            return
        if f.es_resumen:
            alto = h * 0.2
            c.setFillColor(e.color(NEGRO_RESUMEN))
            c.rect(x0, centro, max(x1 - x0, 0.8), alto, stroke=0, fill=1)
            for x in (x0, x1):
                t = c.beginPath()
                t.moveTo(x - 2.2, centro)
                t.lineTo(x + 2.2, centro)
                t.lineTo(x, centro - 2.8)
                t.close()
                c.drawPath(t, stroke=0, fill=1)
            return
        alto = h * 0.46
        ancho = max(x1 - x0, 1.0)
        c.setFillColor(e.color(ROJO_CLARO if f.critica else AZUL_CLARO))
        c.setStrokeColor(e.color(ROJO if f.critica else AZUL))
        c.setLineWidth(0.4)
        c.rect(x0, centro - alto / 2, ancho, alto, stroke=1, fill=1)
        if f.avance:
            c.setFillColor(e.color(ROJO if f.critica else AZUL))
            c.rect(x0, centro - alto / 2, ancho * min(f.avance, 100) / 100, alto, stroke=0, fill=1)

    @staticmethod
    def _rombo(c: Canvas, x: float, y: float, r: float) -> None:
        p = c.beginPath()
        p.moveTo(x, y + r)
        p.lineTo(x + r, y)
        p.lineTo(x, y - r)
        p.lineTo(x - r, y)
        p.close()
        c.drawPath(p, stroke=0, fill=1)

    def _leyenda(self, c: Canvas, y: float) -> None:
        m = self.datos.medidas
        letra = m.letra - 0.4
        c.setFont(e.LETRA, letra)
        x = 0.0
        h = 6.0

        def rotulo(texto: str) -> None:
            nonlocal x
            c.setFillColor(e.color(e.TEXTO_SECUNDARIO))
            c.drawString(x, y, texto)
            x += e.ancho_texto(texto, e.LETRA, letra) + 10

        def barra(claro: str, oscuro: str) -> None:
            nonlocal x
            c.setFillColor(e.color(claro))
            c.setStrokeColor(e.color(oscuro))
            c.setLineWidth(0.4)
            c.rect(x, y - 0.5, 16, h, stroke=1, fill=1)
            c.setFillColor(e.color(oscuro))
            c.rect(x, y - 0.5, 7, h, stroke=0, fill=1)
            x += 19

        barra(AZUL_CLARO, AZUL)
        rotulo(_("Actividad (parte oscura: avance)"))
        barra(ROJO_CLARO, ROJO)
        rotulo(_("Ruta crítica"))
        c.setFillColor(e.color(NEGRO_RESUMEN))
        c.rect(x, y + 1.5, 16, 2.2, stroke=0, fill=1)
        x += 19
        rotulo(_("Grupo de actividades"))
        c.setFillColor(e.color(NEGRO_RESUMEN))
        self._rombo(c, x + 3, y + 2.5, 3.3)
        x += 9
        rotulo(_("Hito"))
        if self.datos.con_linea_base:
            c.setFillColor(e.color(GRIS_BASE))
            c.rect(x, y + 1.2, 16, 1.8, stroke=0, fill=1)
            x += 19
            rotulo(_("Línea base"))
        c.setStrokeColor(e.color(COLOR_HOY))
        c.setLineWidth(0.9)
        c.setDash(3, 2)
        c.line(x + 2, y - 1, x + 2, y + h)
        c.setDash()
        x += 6
        rotulo(self.datos.rotulo_hoy or _("Hoy ({fecha})").format(fecha=formato.fecha(self.datos.hoy)))
        c.setStrokeColor(e.color(COLOR_FLECHA))
        c.setLineWidth(0.5)
        c.line(x, y + 2.5, x + 12, y + 2.5)
        self._rombo_flecha(c, x + 12, y + 2.5)
        x += 16
        rotulo(_("Dependencia"))

    @staticmethod
    def _rombo_flecha(c: Canvas, x: float, y: float) -> None:
        c.setFillColor(e.color(COLOR_FLECHA))
        t = c.beginPath()
        t.moveTo(x + 2.6, y)
        t.lineTo(x, y + 1.6)
        t.lineTo(x, y - 1.6)
        t.close()
        c.drawPath(t, stroke=0, fill=1)


# ------------------------------------------------------------------------------------ hojas equilibradas
@dataclass(frozen=True)
class HojaGantt:
    """Una hoja del cronograma repartido: filas [desde, hasta) y la ventana de meses [inicio, fin)."""

    diagrama: DiagramaGantt
    desde: int
    hasta: int
    inicio: date
    fin: date


def _repartir(total: int, capacidad: int) -> list[tuple[int, int]]:
    """[0, total) en tramos de a lo sumo `capacidad`, todos del mismo tamaño (±1): nunca un resto suelto."""
    partes = max(1, -(-total // max(1, capacidad)))
    base, sobra = divmod(total, partes)
    tramos, inicio = [], 0
    for k in range(partes):
        fin = inicio + base + (1 if k < sobra else 0)
        tramos.append((inicio, fin))
        inicio = fin
    return tramos


def hojas_gantt(filas: Sequence[Any], hoy: date, ancho: float, alto: float, *, medidas: Medidas | None = None,
                ancho_mes: float = 30.0, rotulo_hoy: str = "") -> list[HojaGantt]:
    """El diagrama repartido en hojas de `ancho` × `alto` puntos: las filas que no entran en una hoja siguen en
    otra, y un plan largo se corta por meses; cada hoja repite la tabla de nombres, la escala y la leyenda.

    El reparto es parejo (filas y meses por igual entre las hojas), así ninguna hoja queda con dos filas o un mes
    suelto. Se recorren las filas primero y, dentro de cada tramo de filas, los tramos de meses.
    """
    m = medidas
    if m is None:
        # On a wider sheet (oficio) the names get the extra room, up to a point: the drawing needs it more.
        m = MEDIDAS["a4"]
        resto = m.ancho_tabla - m.col_actividad
        m = replace(m, col_actividad=min(240.0, max(m.col_actividad, ancho * 0.42 - resto)))
    if not filas:
        return []
    base = DatosCronograma(filas, hoy, m, dias=dias_de(filas))
    base.preparar(ancho)
    esc = base.escala
    meses: list[date] = []
    d = esc.desde
    while d < esc.hasta:
        meses.append(d)
        d = _mes_siguiente(d)
    por_hoja_meses = max(1, int(esc.ancho // ancho_mes))
    por_hoja_filas = max(1, int((alto - ALTO_ESCALA - ALTO_LEYENDA) // m.alto_fila))
    ventanas = [(meses[a], meses[b - 1]) for a, b in _repartir(len(meses), por_hoja_meses)]
    hojas = []
    for a, b in _repartir(len(filas), por_hoja_filas):
        for inicio, ultimo in ventanas:
            fin = _mes_siguiente(ultimo)
            datos = DatosCronograma(filas, hoy, m, dias=base.dias, rotulo_hoy=rotulo_hoy,
                                    ventana=(inicio, fin) if len(ventanas) > 1 else None)
            hojas.append(HojaGantt(DiagramaGantt(datos, a, b), a, b, inicio, fin))
    return hojas


# ------------------------------------------------------------------------------------------- ruta crítica
def tabla_ruta_critica(filas: Sequence[Any], ancho: float, dias: dict[int, int]) -> list[Flowable]:
    """La ruta crítica en orden de fechas: lo que no puede atrasarse sin atrasar el plan."""
    es = e.estilos()
    criticas = sorted((f for f in filas if f.critica and not f.es_resumen),
                      key=lambda f: (f.inicio or date.max, f.fin or date.max, f.codigo))
    bloque: list[Flowable] = [e.subtitulo_seccion(_("Ruta crítica"), ancho, n_(
        "{n} actividad", "{n} actividades", len(criticas)).format(n=formato.entero(len(criticas)))),
        Spacer(1, 1.5 * mm)]
    if not criticas:
        bloque.append(e.parrafo(_("El cronograma no tiene ruta crítica calculada: cargue actividades con su "
                                  "duración y sus dependencias."), es.pequeno))
        return bloque
    anchos = [ancho * x for x in (0.05, 0.07, 0.36, 0.22, 0.09, 0.09, 0.06, 0.06)]
    filas_tabla: list[list[Any]] = [[_("N.º"), _("Código"), _("Actividad"), _("Responsable"), _("Inicio"), _("Fin"),
                                     _("Días háb."), _("Holgura")]]
    for n, f in enumerate(criticas, start=1):
        nombre = ("◆ " if f.hito else "") + f.nombre
        filas_tabla.append([formato.entero(n), f.codigo, e.envolver(nombre, anchos[2] - 7),
                            e.envolver(f.responsable or "—", anchos[3] - 7), formato.fecha(f.inicio),
                            formato.fecha(f.fin), formato.entero(dias.get(f.id)) if f.id in dias else "—",
                            formato.entero(f.holgura_total) if f.holgura_total is not None else "—"])
    comandos = [("ALIGN", (6, 0), (7, -1), "RIGHT")]
    return bloque + [e.tabla(filas_tabla, anchos, comandos=comandos)]


# ------------------------------------------------------------------------------------------------ impreso
def dias_de(filas: Sequence[Any]) -> dict[int, int]:
    """Días hábiles de cada fila: su duración (la de un grupo la da el servicio: de su inicio a su fin); 0 un hito."""
    return {f.id: 0 if f.hito else f.duracion for f in filas if f.duracion is not None}


def resumen_cronograma(r: Any, filas: Sequence[Any]) -> str:
    """Una línea: de cuándo a cuándo, cuántas actividades, hitos y críticas, y la línea base."""
    partes = []
    if r.inicio and r.fin:
        partes.append(_("Del {inicio} al {fin} ({dias})").format(
            inicio=formato.fecha(r.inicio), fin=formato.fecha(r.fin),
            dias=n_("{n} día hábil", "{n} días hábiles", r.duracion or 0).format(n=formato.entero(r.duracion or 0))))
    partes.append(n_("{n} actividad", "{n} actividades", r.n_actividades).format(n=formato.entero(r.n_actividades)))
    partes.append(n_("{n} hito", "{n} hitos", r.n_hitos).format(n=formato.entero(r.n_hitos)))
    partes.append(n_("{n} en la ruta crítica", "{n} en la ruta crítica", r.n_criticas).format(
        n=formato.entero(r.n_criticas)))
    if r.linea_base_en:
        texto = _("Línea base del {fecha}").format(fecha=formato.fecha(r.linea_base_en))
        if r.desvio:
            texto += " " + (_("(el plan termina {n} días hábiles después)") if r.desvio > 0 else
                            _("(el plan termina {n} días hábiles antes)")).format(n=formato.entero(abs(r.desvio)))
        partes.append(texto)
    else:
        partes.append(_("Sin línea base guardada"))
    return " · ".join(partes)


def documento_cronograma(r: Any, membrete: e.Membrete, hoy: date, vista: str, huella: str = "") -> e.Documento:
    marca, huella = huella_y_marca(r, huella)
    return e.Documento(
        titulo=_("Cronograma: {titulo}").format(titulo=r.titulo), membrete=membrete, emitido=hoy,
        subtitulo=_("{territorio} · situación al {fecha}").format(territorio=r.territorio,
                                                                  fecha=formato.fecha_larga(hoy)),
        # «a4» is the municipality's paper (A4 or oficio, Datos del municipio); «a3» is always A3.
        revision=formato.entero(r.revision), tamano="" if vista == "a4" else MEDIDAS[vista].tamano, horizontal=True,
        asunto=_("Cronograma del Plan de Acción de {territorio}").format(territorio=r.territorio),
        marca_agua=marca, huella=huella)


def historia_cronograma(documento: e.Documento, r: Any, filas: Sequence[Any], hoy: date, vista: str,
                        cal: Any) -> list[Flowable]:
    dias = dias_de(filas)
    historia = e.encabezado_documento(documento, resumen_cronograma(r, filas))
    for conflicto in getattr(r, "conflictos", None) or ():
        historia.append(e.parrafo("⚠ " + conflicto, e.estilos().nota))
    if not filas:
        historia.append(e.parrafo(_("El plan todavía no tiene actividades: se cargan en Articula, en Plan de "
                                    "Acción › Cronograma."), e.estilos().normal))
        return historia
    datos = DatosCronograma(filas, hoy, MEDIDAS[vista], dias=dias)
    historia += [DiagramaGantt(datos), Spacer(1, 6 * mm), CondPageBreak(70 * mm)]
    historia += tabla_ruta_critica(filas, documento.ancho_util, dias)
    return historia


def pdf_cronograma(destino: Path, membrete: e.Membrete, r: Any, filas: Sequence[Any], hoy: date, *,
                   vista: str = "a4", cal: Any = None, huella: str = "", invariante: bool = False,
                   progreso: e.Progreso | None = None) -> Path:
    documento = documento_cronograma(r, membrete, hoy, vista, huella)
    historia = historia_cronograma(documento, r, filas, hoy, vista, cal)
    por_hoja = max(1, int((documento.alto_util - ALTO_ESCALA - ALTO_LEYENDA) // MEDIDAS[vista].alto_fila))
    return e.construir(destino, documento, historia, invariante=invariante, progreso=progreso,
                       paginas_estimadas=2 + len(filas) // por_hoja + len(filas) // 60)


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *,
             id: int | None = None, invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el cronograma del plan `id` en A4 («a4») o A3 («a3») apaisado."""
    from nucleo.servicios.actividades import listar_actividades
    from nucleo.servicios.dias_especiales import calendario_de
    from nucleo.servicios.instantanea import huella_contenido
    from nucleo.servicios.plan import exigir_plan, resumen_plan

    exigir_plan(sesion, municipio_id, id)
    r = resumen_plan(sesion, id, hoy)
    filas = listar_actividades(sesion, id, hoy)
    return pdf_cronograma(destino, membrete, r, filas, hoy, vista=vista if vista in MEDIDAS else "a4",
                          cal=calendario_de(sesion, municipio_id), huella=huella_contenido(sesion, id),
                          invariante=invariante, progreso=progreso)
