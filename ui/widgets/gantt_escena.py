"""El dibujo del Gantt: los datos preparados una vez por carga (`Diagrama`), el único elemento de la escena que
pinta solo las filas expuestas (`ItemCronograma`), la escala de tiempo de arriba y la leyenda.

Con miles de actividades no hay un objeto de Qt por barra: las posiciones son enteros (días desde el origen)
calculados en `Diagrama`, y `paint()` recorre solo las filas que cruzan `option.exposedRect`; las flechas de las
dependencias se buscan por rango de filas y su recorrido se guarda hasta que cambia el zoom.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QToolTip, QWidget

from nucleo import formato
from nucleo.calendario import Calendario
from nucleo.i18n import _

ZOOMS: dict[str, float] = {"dia": 24.0, "semana": 7.0, "mes": 2.4, "trimestre": 0.9}  # pixels per calendar day
ORDEN_ZOOM = ("dia", "semana", "mes", "trimestre")

COLOR_CRITICA = "#c62828"
COLOR_NORMAL = "#1565c0"
COLOR_RESUMEN = "#212121"
COLOR_BASE = "#9e9e9e"
COLOR_HOY = "#f9a825"
COLOR_NO_LABORABLE = "#ececec"
COLOR_FLECHA = "#607d8b"
COLOR_SELECCION = "#dbe7f6"
COLOR_REJILLA = "#e3e7ec"
COLOR_TEXTO = "#1f2328"

NORMAL, RESUMEN, HITO, SIN_FECHAS = range(4)
HUECO = 6.0  # px: how far an arrow leaves a bar before turning
MARGEN_ETIQUETA = 14.0  # px between a bar's end and its label (room for the link handle and the arrows' turn)
ANCHO_ETIQUETAS = 340.0  # px kept right of the last day so its labels are not cut
MAX_ETIQUETA = 300.0
LARGAS = 60  # arrows spanning more rows than this are always checked when painting


@dataclass(slots=True)
class Barra:
    id: int
    tipo: int
    ini: int  # first day, as an offset from the origin
    fin: int  # exclusive end (a hito: ini == fin == the end of the day it marks)
    base_ini: int | None
    base_fin: int | None
    critica: bool
    avance: float  # 0..1
    etiqueta: str


def _ord(d: date | None) -> int | None:
    return None if d is None else d.toordinal()


class Diagrama:
    """Lo que el dibujo necesita de las filas, en números enteros de días desde `origen` (un día 1 de mes)."""

    def __init__(self, filas: list[Any], cal: Calendario, inicio_plan: date, hoy: date):
        self.filas = filas
        self.cal = cal
        self.inicio_plan = inicio_plan
        self.hoy = hoy
        extremos = [inicio_plan.toordinal()]
        for f in filas:
            for d in (f.inicio, f.fin, f.base_inicio, f.base_fin):
                if d is not None:
                    extremos.append(d.toordinal())
        primero, ultimo = min(extremos), max(extremos)
        # Today is in range when it is near the plan (so «.» can reach it), not when it is years away.
        if primero - 730 <= hoy.toordinal() <= ultimo + 730:
            primero, ultimo = min(primero, hoy.toordinal()), max(ultimo, hoy.toordinal())
        desde = date.fromordinal(primero - 7)
        self.origen = date(desde.year, desde.month, 1)
        o = self.origen.toordinal()
        self.dias = ultimo + 45 - o
        self.hoy_dia = hoy.toordinal() - o
        self.inicio_plan_dia = inicio_plan.toordinal() - o
        self.barras: list[Barra] = []
        self.indice: dict[int, int] = {}
        fin_plan = self.inicio_plan_dia
        for n, f in enumerate(filas):
            self.indice[f.id] = n
            ini, fin = _ord(f.inicio), _ord(f.fin)
            if ini is None or fin is None:
                tipo, a, b = SIN_FECHAS, 0, 0
            elif f.es_resumen:
                tipo, a, b = RESUMEN, ini - o, fin + 1 - o
            elif f.hito:
                tipo, a, b = HITO, fin + 1 - o, fin + 1 - o
            else:
                tipo, a, b = NORMAL, ini - o, fin + 1 - o
            fin_plan = max(fin_plan, b)
            bi, bf = _ord(f.base_inicio), _ord(f.base_fin)
            if bi is None or bf is None:
                base_ini = base_fin = None
            elif f.hito and not f.es_resumen:
                base_ini = base_fin = bf + 1 - o
            else:
                base_ini, base_fin = bi - o, bf + 1 - o
            nombre = " ".join(f.nombre.split())
            self.barras.append(Barra(f.id, tipo, a, b, base_ini, base_fin, bool(f.critica) and not f.es_resumen,
                                     max(0.0, min(1.0, (f.avance or 0) / 100.0)), nombre))
        self.fin_plan_dia = fin_plan
        # Links as (pred row, succ row, type), by their upper row, so painting finds the ones crossing the view.
        vinculos = []
        for n, f in enumerate(filas):
            for pred_id, tipo, _desfase in f.predecesoras or ():
                m = self.indice.get(pred_id)
                if m is not None and m != n and self.barras[m].tipo != SIN_FECHAS \
                        and self.barras[n].tipo != SIN_FECHAS:
                    vinculos.append((m, n, tipo))
        cortos = sorted((v for v in vinculos if abs(v[0] - v[1]) <= LARGAS), key=lambda v: min(v[0], v[1]))
        self.vinculos = cortos + [v for v in vinculos if abs(v[0] - v[1]) > LARGAS]
        self._cortos = len(cortos)
        self._claves = [min(v[0], v[1]) for v in cortos]
        # Runs of non-working days [a, b) over the whole range (weekends, holidays and the municipality's days).
        self.no_habiles: list[tuple[int, int]] = []
        inicio_corrida = None
        for k in range(self.dias + 1):
            habil = k == self.dias or cal.es_habil(date.fromordinal(o + k))
            if not habil and inicio_corrida is None:
                inicio_corrida = k
            elif habil and inicio_corrida is not None:
                self.no_habiles.append((inicio_corrida, k))
                inicio_corrida = None
        self._inicios_no_habiles = [a for a, _b in self.no_habiles]

    def fecha(self, dia: int) -> date:
        return date.fromordinal(self.origen.toordinal() + dia)

    def dia(self, d: date) -> int:
        return d.toordinal() - self.origen.toordinal()

    def vinculos_entre(self, r0: int, r1: int) -> list[int]:
        """Índices en `vinculos` de las flechas que cruzan las filas r0..r1."""
        desde = bisect_left(self._claves, r0 - LARGAS)
        hasta = bisect_right(self._claves, r1)
        out = [k for k in range(desde, hasta) if max(self.vinculos[k][0], self.vinculos[k][1]) >= r0]
        out.extend(k for k in range(self._cortos, len(self.vinculos))
                   if min(self.vinculos[k][0], self.vinculos[k][1]) <= r1
                   and max(self.vinculos[k][0], self.vinculos[k][1]) >= r0)
        return out

    def no_habiles_entre(self, d0: int, d1: int) -> list[tuple[int, int]]:
        k = max(0, bisect_right(self._inicios_no_habiles, d0) - 1)
        out = []
        while k < len(self.no_habiles) and self.no_habiles[k][0] <= d1:
            a, b = self.no_habiles[k]
            if b > d0:
                out.append((a, b))
            k += 1
        return out


def _color(hex_: str) -> QColor:
    return QColor(hex_)


def _mezcla(c: QColor, con: QColor, t: float) -> QColor:
    return QColor(round(c.red() * (1 - t) + con.red() * t), round(c.green() * (1 - t) + con.green() * t),
                  round(c.blue() * (1 - t) + con.blue() * t))


class Pinceles:
    """Plumas, rellenos y fuentes creados una vez (no en cada pintado)."""

    def __init__(self, fuente: QFont):
        blanco = QColor("#ffffff")
        self.fuente = QFont(fuente)
        self.negrita = QFont(fuente)
        self.negrita.setBold(True)
        self.metricas = QFontMetricsF(self.fuente)
        self.metricas_negrita = QFontMetricsF(self.negrita)
        self.sin_pluma = QPen(Qt.PenStyle.NoPen)
        self.texto = QPen(QColor(COLOR_TEXTO))
        self.barra: dict[bool, QBrush] = {}
        self.avance: dict[bool, QBrush] = {}
        self.borde: dict[bool, QPen] = {}
        for critica, hex_ in ((True, COLOR_CRITICA), (False, COLOR_NORMAL)):
            c = _color(hex_)
            self.barra[critica] = QBrush(_mezcla(c, blanco, 0.35))
            self.avance[critica] = QBrush(c.darker(150))
            self.borde[critica] = QPen(c.darker(120), 1)
        self.hito = {True: QBrush(_color(COLOR_CRITICA)), False: QBrush(_color(COLOR_NORMAL))}
        self.resumen = QBrush(_color(COLOR_RESUMEN))
        self.base = QBrush(_color(COLOR_BASE))
        self.no_laborable = QBrush(_color(COLOR_NO_LABORABLE))
        seleccion = _color(COLOR_SELECCION)
        seleccion.setAlpha(190)
        self.seleccion = QBrush(seleccion)  # over the shading, which shows through
        self.halo = QBrush(QColor(255, 255, 255, 150))
        self.rejilla = QPen(_color(COLOR_REJILLA), 1)
        self.hoy = QPen(_color(COLOR_HOY), 2)
        self.flecha = QPen(_color(COLOR_FLECHA), 1)
        self.flecha_relleno = QBrush(_color(COLOR_FLECHA))
        self.flecha_critica = QPen(_color(COLOR_CRITICA), 1)
        self.flecha_critica_relleno = QBrush(_color(COLOR_CRITICA))
        self.asa = QBrush(_color("#ffffff"))
        self.asa_borde = QPen(_color("#37474f"), 1.5)


class ItemCronograma(QGraphicsItem):
    """Todas las barras, flechas y sombreados en un solo elemento que pinta solo lo expuesto."""

    def __init__(self, fuente: QFont):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.d: Diagrama | None = None
        self.ppd = ZOOMS["semana"]
        self.zoom = "semana"
        self.linea_base = False
        self.editable = True
        self.seleccionada = -1
        self.asa_en = -1  # row whose link handle is shown (hover)
        self.riesgos: dict[int, tuple[str, str]] = {}  # activity id -> (level colour, tooltip): a warning mark
        self.fijar_fuente(fuente)
        self._rutas: dict[int, tuple[QPolygonF, QPolygonF]] = {}
        self._etiquetas: dict[int, str] = {}

    # -- estado ----------------------------------------------------------------------------------------------
    def fijar_fuente(self, fuente: QFont) -> None:
        self.p = Pinceles(fuente)
        self.alto = max(22, round(self.p.metricas.height() + 9))
        self._rutas = {}
        self._etiquetas = {}

    def fijar_diagrama(self, d: Diagrama) -> None:
        self.prepareGeometryChange()
        self.d = d
        self._rutas = {}
        self._etiquetas = {}
        self.update()

    def fijar_zoom(self, zoom: str) -> None:
        self.prepareGeometryChange()
        self.zoom, self.ppd = zoom, ZOOMS[zoom]
        self._rutas = {}
        self.update()

    def fijar_linea_base(self, si: bool) -> None:
        self.linea_base = si
        self._rutas = {}
        self.update()

    def fijar_riesgos(self, riesgos: dict[int, tuple[str, str]] | None) -> None:
        """Las actividades amenazadas por un riesgo abierto: un triángulo del color de su nivel tras la barra."""
        self.riesgos = dict(riesgos or {})
        self.update()

    def lado_riesgo(self) -> float:
        return max(10.0, round(self.alto * 0.55))

    def actualizar_fila(self, r: int) -> None:
        if r >= 0:
            self.update(QRectF(0, r * self.alto, self.boundingRect().width(), self.alto))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        if self.d is None:
            return QRectF(0, 0, 1, 1)
        return QRectF(0, 0, self.d.dias * self.ppd + ANCHO_ETIQUETAS, max(1, len(self.d.barras)) * self.alto)

    # -- geometría -------------------------------------------------------------------------------------------
    def mitad_hito(self) -> float:
        return round(self.alto * 0.3)

    def franja(self) -> tuple[float, float]:
        """(top, height) of a bar inside its row; with the baseline the bar moves up to leave it room."""
        if self.linea_base:
            return round(self.alto * 0.16), round(self.alto * 0.46)
        return round(self.alto * 0.24), round(self.alto * 0.52)

    def franja_base(self) -> tuple[float, float]:
        return round(self.alto * 0.68), max(3.0, round(self.alto * 0.16))

    def extremos(self, r: int) -> tuple[float, float]:
        """x of the left and right ends of row r's bar (a hito: its diamond's tips)."""
        b = self.d.barras[r]
        if b.tipo == HITO:
            x = b.fin * self.ppd
            return x - self.mitad_hito(), x + self.mitad_hito()
        return b.ini * self.ppd, max(b.fin * self.ppd, b.ini * self.ppd + 2)

    def centro_y(self, r: int) -> float:
        top, h = self.franja()
        if self.d.barras[r].tipo == HITO:
            return r * self.alto + self.alto / 2 if not self.linea_base else r * self.alto + top + h / 2
        return r * self.alto + top + h / 2

    def rect_barra(self, r: int) -> QRectF:
        x0, x1 = self.extremos(r)
        b = self.d.barras[r]
        if b.tipo == HITO:
            m = self.mitad_hito()
            yc = self.centro_y(r)
            return QRectF(x0, yc - m, x1 - x0, 2 * m)
        top, h = self.franja()
        return QRectF(x0, r * self.alto + top, x1 - x0, h)

    def asa(self, r: int) -> QPointF:
        """Centre of the link handle of row r (right of the bar)."""
        return QPointF(self.extremos(r)[1] + MARGEN_ETIQUETA / 2, self.centro_y(r))

    # -- pintado ---------------------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        d = self.d
        if d is None or not d.barras:
            return
        rect = option.exposedRect
        a = self.alto
        r0 = max(0, int(rect.top() // a))
        r1 = min(len(d.barras) - 1, int(rect.bottom() // a))
        d0 = max(0, int(rect.left() / self.ppd) - 1)
        d1 = int(rect.right() / self.ppd) + 1
        top, bottom = rect.top(), rect.bottom()
        p = self.p
        painter.setPen(p.sin_pluma)
        if self.zoom in ("dia", "semana"):
            for x0, x1 in d.no_habiles_entre(d0, d1):
                painter.fillRect(QRectF(x0 * self.ppd, top, (x1 - x0) * self.ppd, bottom - top), p.no_laborable)
        self._rejilla(painter, d0, d1, top, bottom)
        if self.seleccionada >= 0 and r0 <= self.seleccionada <= r1:
            painter.fillRect(QRectF(rect.left(), self.seleccionada * a, rect.width(), a), p.seleccion)
        for r in range(r0, r1 + 1):
            self._pintar_fila(painter, r)
        # Arrows over the bars, labels over the arrows (on a light halo, so a line crossing them stays readable).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for k in d.vinculos_entre(r0, r1):
            linea, punta = self._ruta(k)
            pa, pb, _tipo = d.vinculos[k]
            critica = d.barras[pa].critica and d.barras[pb].critica
            painter.setPen(p.flecha_critica if critica else p.flecha)
            painter.drawPolyline(linea)
            painter.setBrush(p.flecha_critica_relleno if critica else p.flecha_relleno)
            painter.drawPolygon(punta)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for r in range(r0, r1 + 1):
            self._pintar_etiqueta(painter, r)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if 0 <= self.asa_en <= len(d.barras) - 1 and self.editable:
            painter.setPen(p.asa_borde)
            painter.setBrush(p.asa)
            painter.drawEllipse(self.asa(self.asa_en), 4, 4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        if 0 <= d.hoy_dia <= d.dias:
            x = (d.hoy_dia + 0.5) * self.ppd if self.zoom == "dia" else d.hoy_dia * self.ppd
            painter.setPen(p.hoy)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))

    def _rejilla(self, painter: QPainter, d0: int, d1: int, top: float, bottom: float) -> None:
        """Thin vertical lines where the header's lower band divides (weeks, months or quarters)."""
        if self.zoom == "dia":
            unidad = "semana"
        else:
            unidad = {"semana": "mes", "mes": "mes", "trimestre": "trimestre"}[self.zoom]
        painter.setPen(self.p.rejilla)
        for ini, _fin in periodos(unidad, self.d.fecha(d0), self.d.fecha(d1)):
            x = self.d.dia(ini) * self.ppd
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))

    def _pintar_fila(self, painter: QPainter, r: int) -> None:
        b = self.d.barras[r]
        p = self.p
        a = self.alto
        y = r * a
        if b.tipo == SIN_FECHAS:
            return
        top, h = self.franja()
        if self.linea_base and b.base_ini is not None:
            bt, bh = self.franja_base()
            painter.setPen(p.sin_pluma)
            painter.setBrush(p.base)
            if b.tipo == HITO:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.drawPolygon(_rombo(b.base_fin * self.ppd, y + bt + bh / 2, max(bh / 2 + 2, self.mitad_hito() * 0.7)))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            else:
                painter.drawRect(QRectF(b.base_ini * self.ppd, y + bt, max(2.0, (b.base_fin - b.base_ini) * self.ppd),
                                        bh))
        x0, x1 = self.extremos(r)
        if b.tipo == HITO:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(p.borde[b.critica])
            painter.setBrush(p.hito[b.critica])
            painter.drawPolygon(_rombo((x0 + x1) / 2, self.centro_y(r), self.mitad_hito()))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        elif b.tipo == RESUMEN:
            # A black bracket: a thin bar with a downward point at each end.
            grueso = max(4.0, round(h * 0.45))
            yt = y + top
            painter.setPen(p.sin_pluma)
            painter.setBrush(p.resumen)
            painter.drawRect(QRectF(x0, yt, x1 - x0, grueso))
            punta = min(grueso + 2, (x1 - x0) / 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for xp, s in ((x0, 1), (x1, -1)):
                painter.drawPolygon(QPolygonF([QPointF(xp, yt), QPointF(xp + s * punta, yt + grueso),
                                               QPointF(xp, yt + grueso + punta)]))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        else:
            rect = QRectF(x0, y + top, x1 - x0, h)
            painter.setPen(p.borde[b.critica])
            painter.setBrush(p.barra[b.critica])
            painter.drawRect(rect)
            if b.avance > 0:
                painter.setPen(p.sin_pluma)
                painter.setBrush(p.avance[b.critica])
                hueco = max(2.0, round(h * 0.28))
                painter.drawRect(QRectF(x0, y + top + hueco, (x1 - x0) * b.avance, h - 2 * hueco))

    def _pintar_etiqueta(self, painter: QPainter, r: int) -> None:
        """The name right of the bar (and of its baseline when that ends later)."""
        b = self.d.barras[r]
        if b.tipo == SIN_FECHAS:
            return
        p, a, y = self.p, self.alto, r * self.alto
        xe = self.extremos(r)[1]
        if self.linea_base and b.base_fin is not None and b.tipo != HITO:
            xe = max(xe, b.base_fin * self.ppd)
        fuente, metricas = (p.negrita, p.metricas_negrita) if b.tipo == RESUMEN else (p.fuente, p.metricas)
        texto = self._etiquetas.get(r)
        if texto is None:
            texto = self._etiquetas[r] = metricas.elidedText(b.etiqueta, Qt.TextElideMode.ElideRight, MAX_ETIQUETA)
        painter.setFont(fuente)
        riesgo = self.riesgos.get(b.id)
        if riesgo is not None:
            # Before the name, past the link handle: the bar's end stays free for dragging and linking.
            lado = self.lado_riesgo()
            _pintar_triangulo(painter, QRectF(xe + MARGEN_ETIQUETA, y + (a - lado) / 2, lado, lado), riesgo[0])
            xe += lado + 4
        ancho = metricas.horizontalAdvance(texto)
        painter.fillRect(QRectF(xe + MARGEN_ETIQUETA - 2, y + (a - metricas.height()) / 2, ancho + 4,
                                metricas.height()), p.halo)
        painter.setPen(p.texto)
        painter.drawText(QRectF(xe + MARGEN_ETIQUETA, y, MAX_ETIQUETA + 8, a),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), texto)

    # -- flechas ---------------------------------------------------------------------------------------------
    def _ruta(self, k: int) -> tuple[QPolygonF, QPolygonF]:
        ruta = self._rutas.get(k)
        if ruta is None:
            ruta = self._rutas[k] = self.ruta(k)
        return ruta

    def ruta(self, k: int) -> tuple[QPolygonF, QPolygonF]:
        """The polyline (right angles only) and arrowhead of link k, in scene coordinates."""
        ra, rb, tipo = self.d.vinculos[k]
        sa, ea = self.extremos(ra)
        sb, eb = self.extremos(rb)
        ya, yb = self.centro_y(ra), self.centro_y(rb)
        abajo = rb > ra
        g = HUECO
        medio = (ra + 1) * self.alto if abajo else ra * self.alto  # the gap between the two rows
        hito_b = self.d.barras[rb].tipo == HITO
        if tipo == "CC":
            xm = min(sa, sb) - g
            pts, punta = [(sa, ya), (xm, ya), (xm, yb), (sb, yb)], "derecha"
        elif tipo == "FF":
            xm = max(ea, eb) + g
            pts, punta = [(ea, ya), (xm, ya), (xm, yb), (eb, yb)], "izquierda"
        elif tipo == "CF":
            if eb + g <= sa - g:
                pts, punta = [(sa, ya), (sa - g, ya), (sa - g, yb), (eb, yb)], "izquierda"
            else:
                pts = [(sa, ya), (sa - g, ya), (sa - g, medio), (eb + g, medio), (eb + g, yb), (eb, yb)]
                punta = "izquierda"
        else:  # FC
            centro_b = (sb + eb) / 2
            if sb >= ea + 2 * g:
                # Room before the successor: turn right after the predecessor and come in from the left.
                pts, punta = [(ea, ya), (ea + g, ya), (ea + g, yb), (sb, yb)], "derecha"
            elif hito_b and centro_b >= ea:
                yt = yb - self.mitad_hito() if abajo else yb + self.mitad_hito()
                pts, punta = [(ea, ya), (centro_b, ya), (centro_b, yt)], "abajo" if abajo else "arriba"
            elif not hito_b and max(ea + g, sb + g) <= eb - 2:
                # The successor starts right after: come down into the top of its bar.
                xv = max(ea + g, sb + g)
                top, h = self.franja()
                yt = rb * self.alto + top if abajo else rb * self.alto + top + h
                pts, punta = [(ea, ya), (xv, ya), (xv, yt)], "abajo" if abajo else "arriba"
            else:
                pts = [(ea, ya), (ea + g, ya), (ea + g, medio), (sb - g, medio), (sb - g, yb), (sb, yb)]
                punta = "derecha"
        return QPolygonF([QPointF(x, y) for x, y in pts]), _punta(pts[-1], punta)


def _pintar_triangulo(painter: QPainter, caja: QRectF, color: str) -> None:
    """Un triángulo de advertencia (con «!») del color del nivel del riesgo."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    c = _color(color)
    painter.setPen(QPen(c.darker(140), 1))
    painter.setBrush(c)
    painter.drawPolygon(QPolygonF([QPointF(caja.center().x(), caja.top()), QPointF(caja.right(), caja.bottom()),
                                   QPointF(caja.left(), caja.bottom())]))
    luz = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    painter.setPen(QPen(_color(COLOR_TEXTO if luz > 150 else "#ffffff"), max(1.2, caja.width() / 9)))
    x = caja.center().x()
    painter.drawLine(QPointF(x, caja.top() + caja.height() * 0.38), QPointF(x, caja.top() + caja.height() * 0.7))
    painter.drawPoint(QPointF(x, caja.top() + caja.height() * 0.84))
    painter.restore()


def _rombo(x: float, y: float, m: float) -> QPolygonF:
    return QPolygonF([QPointF(x, y - m), QPointF(x + m, y), QPointF(x, y + m), QPointF(x - m, y)])


def _punta(p: tuple[float, float], hacia: str) -> QPolygonF:
    x, y = p
    s = 4.5
    if hacia == "derecha":
        pts = [(x, y), (x - s * 1.4, y - s), (x - s * 1.4, y + s)]
    elif hacia == "izquierda":
        pts = [(x, y), (x + s * 1.4, y - s), (x + s * 1.4, y + s)]
    elif hacia == "abajo":
        pts = [(x, y), (x - s, y - s * 1.4), (x + s, y - s * 1.4)]
    else:
        pts = [(x, y), (x - s, y + s * 1.4), (x + s, y + s * 1.4)]
    return QPolygonF([QPointF(a, b) for a, b in pts])


def color_barra(b: Barra) -> str:
    if b.tipo == RESUMEN:
        return COLOR_RESUMEN
    return COLOR_CRITICA if b.critica else COLOR_NORMAL


# -- escala de tiempo ------------------------------------------------------------------------------------------

def _inicio_periodo(unidad: str, d: date) -> date:
    if unidad == "dia":
        return d
    if unidad == "semana":
        return d - timedelta(days=d.weekday())
    if unidad == "mes":
        return date(d.year, d.month, 1)
    if unidad == "trimestre":
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    return date(d.year, 1, 1)


def _siguiente(unidad: str, d: date) -> date:
    if unidad == "dia":
        return d + timedelta(days=1)
    if unidad == "semana":
        return d + timedelta(days=7)
    meses = {"mes": 1, "trimestre": 3}.get(unidad, 12)
    m = d.month - 1 + meses
    return date(d.year + m // 12, m % 12 + 1, 1)


def periodos(unidad: str, desde: date, hasta: date) -> list[tuple[date, date]]:
    """The periods of `unidad` that touch [desde, hasta], as (first day, first day of the next)."""
    out = []
    d = _inicio_periodo(unidad, desde)
    while d <= hasta:
        s = _siguiente(unidad, d)
        out.append((d, s))
        d = s
    return out


BANDAS = {"dia": ("mes", "dia"), "semana": ("mes", "semana"), "mes": ("anio", "mes"),
          "trimestre": ("anio", "trimestre")}
# Label patterns per unit, longest first: the first that fits its period is used.
PATRONES = {"anio": ("y",), "mes": ("LLLL y", "LLL y", "LLLL", "LLL"), "semana": ("d MMM", "d"), "dia": ("d",),
            "trimestre": ("QQQ y", "QQQ")}
PATRONES_ABAJO = {"mes": ("LLLL", "LLL", "LLLLL")}


class EncabezadoEscala(QWidget):
    """Dos bandas de fechas sobre el gráfico; se desplaza en horizontal con él, nunca en vertical."""

    def __init__(self, item: ItemCronograma, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.desplazamiento = 0.0  # scene x at the left edge of the chart's viewport
        self._textos: dict[tuple[str, date, float], str] = {}
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def alto_banda(self) -> int:
        return round(self.fontMetrics().height() + 7)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, 2 * self.alto_banda())

    def fijar_desplazamiento(self, x: float) -> None:
        if x != self.desplazamiento:
            self.desplazamiento = x
            self.update()

    def _etiqueta(self, unidad: str, d: date, ancho: float, abajo: bool) -> str:
        clave = (unidad + ("_" if abajo else ""), d, ancho)
        t = self._textos.get(clave)
        if t is None:
            m = self.fontMetrics()
            t = ""
            for patron in (PATRONES_ABAJO.get(unidad) if abajo else None) or PATRONES[unidad]:
                candidato = formato.fecha_patron(d, patron)
                if m.horizontalAdvance(candidato) + 6 <= ancho:
                    t = candidato
                    break
            if len(self._textos) > 5000:
                self._textos.clear()
            self._textos[clave] = t
        return t

    def paintEvent(self, evento) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f6f7f9"))
        d = self.item.d
        hb = self.alto_banda()
        borde = QPen(QColor("#c5ccd6"), 1)
        if d is not None:
            ppd = self.item.ppd
            x_izq = self.desplazamiento
            d0 = max(0, int(x_izq / ppd) - 1)
            d1 = int((x_izq + self.width()) / ppd) + 1
            arriba, abajo = BANDAS[self.item.zoom]
            if self.item.zoom in ("dia", "semana"):
                for a, b in d.no_habiles_entre(d0, d1):
                    painter.fillRect(QRectF(a * ppd - x_izq, hb, (b - a) * ppd, hb), QColor("#e4e6ea"))
            x_hoy = None
            if 0 <= d.hoy_dia <= d.dias:
                x_hoy = ((d.hoy_dia + 0.5) * ppd if self.item.zoom == "dia" else d.hoy_dia * ppd) - x_izq
            caja_hoy = self._caja_hoy(x_hoy, hb) if x_hoy is not None else None
            m = self.fontMetrics()
            painter.setPen(QColor(COLOR_TEXTO))
            for banda, unidad in ((0, arriba), (1, abajo)):
                y = banda * hb
                for ini, fin in periodos(unidad, d.fecha(d0), d.fecha(d1)):
                    xa = d.dia(ini) * ppd - x_izq
                    xb = d.dia(fin) * ppd - x_izq
                    painter.setPen(borde)
                    painter.drawLine(QPointF(xa, y + (2 if banda == 0 else 0)), QPointF(xa, y + hb))
                    # The upper band's label stays in view while its period is partly scrolled out.
                    visible_a, visible_b = (max(xa, 0.0), min(xb, float(self.width()))) if banda == 0 else (xa, xb)
                    texto = self._etiqueta(unidad, ini, visible_b - visible_a, banda == 1)
                    if texto and banda == 1 and caja_hoy is not None:
                        ancho = m.horizontalAdvance(texto)
                        medio = (xa + xb) / 2
                        if caja_hoy.intersects(QRectF(medio - ancho / 2 - 2, y, ancho + 4, hb)):
                            texto = ""  # under the «Hoy» tag
                    if texto:
                        painter.setPen(QColor(COLOR_TEXTO))
                        alineacion = Qt.AlignmentFlag.AlignHCenter if banda == 1 else Qt.AlignmentFlag.AlignLeft
                        painter.drawText(QRectF(visible_a + (0 if banda == 1 else 5), y, visible_b - visible_a, hb),
                                         int(alineacion | Qt.AlignmentFlag.AlignVCenter), texto)
            if caja_hoy is not None and -40 <= x_hoy <= self.width() + 40:
                self._pintar_hoy(painter, x_hoy, caja_hoy, hb)
        painter.setPen(borde)
        painter.drawLine(0, hb, self.width(), hb)
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()

    def _caja_hoy(self, x: float, hb: int) -> QRectF:
        ancho = self.fontMetrics().horizontalAdvance(_("Hoy")) + 8
        return QRectF(x - ancho / 2, hb + 2, ancho, hb - 4)  # in the lower band: the upper one names the period

    def _pintar_hoy(self, painter: QPainter, x: float, caja: QRectF, hb: int) -> None:
        texto = _("Hoy")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(COLOR_HOY))
        painter.drawRoundedRect(caja, 3, 3)
        painter.setPen(QPen(QColor(COLOR_HOY), 2))
        painter.drawLine(QPointF(x, caja.bottom()), QPointF(x, 2 * hb))
        painter.setPen(QColor("#3e2c00"))
        painter.drawText(caja, int(Qt.AlignmentFlag.AlignCenter), texto)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def dia_en(self, x: float) -> date | None:
        d = self.item.d
        if d is None:
            return None
        k = int((x + self.desplazamiento) // self.item.ppd)
        return d.fecha(k) if 0 <= k <= d.dias else None

    def texto_ayuda(self, x: float) -> str:
        dia = self.dia_en(x)
        if dia is None:
            return ""
        texto = formato.fecha_completa(dia)
        if self.item.zoom in ("dia", "semana"):
            motivo = self.item.d.cal.motivo(dia)
            if motivo:
                texto += "\n" + _("No laborable: {motivo}").format(motivo=motivo)
        if dia == self.item.d.hoy:
            texto += "\n" + _("Hoy")
        return texto

    def event(self, evento) -> bool:
        if evento.type() == QEvent.Type.ToolTip:
            texto = self.texto_ayuda(evento.position().x() if hasattr(evento, "position") else evento.pos().x())
            if texto:
                QToolTip.showText(evento.globalPos(), texto, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(evento)


class LeyendaGantt(QWidget):
    """Una tira con lo que significa cada color y forma."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.con_riesgos = False  # the risk mark is explained only when some activity carries it
        self.setAccessibleName(_("Leyenda del diagrama de Gantt"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(600, self.fontMetrics().height() + 10)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(100, self.fontMetrics().height() + 10)

    def entradas(self) -> list[tuple[str, str]]:
        return [("critica", _("Crítica")), ("normal", _("Con holgura")), ("avance", _("Avance")),
                ("resumen", _("Resumen")), ("hito", _("Hito")), ("base", _("Línea base")), ("hoy", _("Hoy")),
                ("no_laborable", _("No laborable"))] + ([("riesgo", _("Riesgo abierto"))] if self.con_riesgos else [])

    def paintEvent(self, evento) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        m = self.fontMetrics()
        h = self.height()
        yc = h / 2
        x = 8.0
        for clave, texto in self.entradas():
            painter.setPen(Qt.PenStyle.NoPen)
            if clave in ("critica", "normal"):
                c = QColor(COLOR_CRITICA if clave == "critica" else COLOR_NORMAL)
                painter.setBrush(_mezcla(c, QColor("#ffffff"), 0.35))
                painter.setPen(QPen(c.darker(120), 1))
                painter.drawRect(QRectF(x, yc - 5, 22, 10))
            elif clave == "avance":
                c = QColor(COLOR_NORMAL)
                painter.setBrush(_mezcla(c, QColor("#ffffff"), 0.35))
                painter.setPen(QPen(c.darker(120), 1))
                painter.drawRect(QRectF(x, yc - 5, 22, 10))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(c.darker(150))
                painter.drawRect(QRectF(x, yc - 2, 13, 4))
            elif clave == "resumen":
                painter.setBrush(QColor(COLOR_RESUMEN))
                painter.drawRect(QRectF(x, yc - 4, 22, 4))
                painter.drawPolygon(QPolygonF([QPointF(x, yc - 4), QPointF(x + 5, yc), QPointF(x, yc + 5)]))
                painter.drawPolygon(QPolygonF([QPointF(x + 22, yc - 4), QPointF(x + 17, yc),
                                               QPointF(x + 22, yc + 5)]))
            elif clave == "hito":
                painter.setBrush(QColor(COLOR_NORMAL))
                painter.drawPolygon(_rombo(x + 11, yc, 6))
            elif clave == "base":
                painter.setBrush(QColor(COLOR_BASE))
                painter.drawRect(QRectF(x, yc - 2, 22, 4))
            elif clave == "riesgo":
                _pintar_triangulo(painter, QRectF(x + 5, yc - 6, 12, 12), "#ef6c00")
            elif clave == "hoy":
                painter.setPen(QPen(QColor(COLOR_HOY), 2))
                painter.drawLine(QPointF(x + 11, 3), QPointF(x + 11, h - 3))
            else:
                painter.setBrush(QColor(COLOR_NO_LABORABLE))
                painter.setPen(QPen(QColor("#d0d4da"), 1))
                painter.drawRect(QRectF(x + 4, 3, 14, h - 6))
            x += 28
            painter.setPen(QColor(COLOR_TEXTO))
            painter.drawText(QRectF(x, 0, m.horizontalAdvance(texto) + 4, h),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), texto)
            x += m.horizontalAdvance(texto) + 18
        painter.end()
