"""Gráfico de tendencia de un indicador: sus mediciones en el tiempo, con la línea de base y la meta.

Dibujado con QPainter (PySide6-Essentials no trae QtCharts): líneas gruesas, letra del tamaño de la interfaz y
rótulos en las líneas punteadas, para que se lea en un proyector en una reunión de la mesa territorial. Las fechas
del eje horizontal y los valores pasan por nucleo.formato, como en el resto del programa.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from nucleo import formato
from nucleo.i18n import _
from ui.estilo import BORDE, TEXTO, TEXTO_SECUNDARIO, fuente_relativa

COLOR_LINEA = QColor("#1565c0")
COLOR_META = QColor("#2e7d32")
COLOR_BASE = QColor("#757575")
COLOR_GRILLA = QColor("#e3e7ec")
MAX_ROTULOS_PUNTOS = 10  # more points than this and the value labels would overlap: the axis is enough


def pasos_redondos(minimo: float, maximo: float, cuantos: int = 5) -> list[float]:
    """Marcas «redondas» (1, 2 o 5 × 10ⁿ) que cubren [minimo, maximo]."""
    if maximo <= minimo:
        maximo = minimo + 1
    crudo = (maximo - minimo) / max(cuantos, 1)
    potencia = 10 ** math.floor(math.log10(crudo))
    paso = next(m * potencia for m in (1, 2, 2.5, 5, 10) if m * potencia >= crudo)
    inicio = math.floor(minimo / paso) * paso
    marcas = []
    x = inicio
    while x < maximo + paso * 0.999:
        marcas.append(round(x, 10))
        x += paso
    return marcas


class GraficoTendencia(QWidget):
    """`cargar(puntos, base, base_fecha, meta, meta_fecha, unidad)`; `puntos` son (fecha, valor) en cualquier orden."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._puntos: list[tuple[date, float]] = []
        self.base: float | None = None
        self.base_fecha: date | None = None
        self.meta: float | None = None
        self.meta_fecha: date | None = None
        self.unidad = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 190)
        self.setAccessibleName(_("Gráfico de tendencia del indicador"))

    # -- datos ------------------------------------------------------------------------------------------------
    def cargar(self, puntos: Sequence[tuple[date, float]], base: float | None = None, base_fecha: date | None = None,
               meta: float | None = None, meta_fecha: date | None = None, unidad: str = "") -> None:
        self._puntos = sorted((f, float(v)) for f, v in puntos)
        self.base, self.base_fecha, self.meta, self.meta_fecha = base, base_fecha, meta, meta_fecha
        self.unidad = unidad
        self.setToolTip(self.descripcion())
        self.setAccessibleDescription(self.descripcion())
        self.update()

    def limpiar(self) -> None:
        self.cargar([])

    @property
    def puntos(self) -> list[tuple[date, float]]:
        """Las mediciones dibujadas, de la más antigua a la más reciente."""
        return list(self._puntos)

    def _con_unidad(self, valor: float) -> str:
        return f"{formato.numero(valor)} {self.unidad}".strip()

    def descripcion(self) -> str:
        """Lo que muestra el gráfico, en palabras (ayuda emergente y lectores de pantalla)."""
        partes = []
        if self._puntos:
            f, v = self._puntos[-1]
            partes.append(_("{n} mediciones; la última, {valor} el {fecha}").format(
                n=formato.entero(len(self._puntos)), valor=self._con_unidad(v), fecha=formato.fecha(f))
                if len(self._puntos) > 1 else
                _("Una medición: {valor} el {fecha}").format(valor=self._con_unidad(v), fecha=formato.fecha(f)))
        else:
            partes.append(_("Sin mediciones"))
        if self.base is not None:
            partes.append(_("línea de base {valor}").format(valor=self._con_unidad(self.base)))
        if self.meta is not None:
            partes.append(_("meta {valor}").format(valor=self._con_unidad(self.meta)))
        return " · ".join(partes)

    def sizeHint(self) -> QSize:
        return QSize(560, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 190)

    # -- escalas ----------------------------------------------------------------------------------------------
    def _rango_fechas(self) -> tuple[date, date]:
        fechas = [f for f, _v in self._puntos]
        fechas += [f for f in (self.base_fecha, self.meta_fecha) if f is not None]
        if not fechas:
            hoy = date.today()
            return hoy - timedelta(days=30), hoy + timedelta(days=30)
        desde, hasta = min(fechas), max(fechas)
        margen = max(7, (hasta - desde).days // 25)
        return desde - timedelta(days=margen), hasta + timedelta(days=margen)

    def _rango_valores(self) -> list[float]:
        valores = [v for _f, v in self._puntos]
        valores += [v for v in (self.base, self.meta) if v is not None]
        if not valores:
            return [0.0, 1.0]
        bajo, alto = min(valores), max(valores)
        if bajo == alto and bajo > 0:
            bajo, alto = 0.0, alto * 1.2
        elif bajo == alto:
            extra = abs(bajo) * 0.2 or 1.0
            bajo, alto = bajo - extra, alto + extra
        # Counts and percentages start at zero when the data are near it: the slope is not exaggerated.
        if bajo >= 0 and bajo <= (alto - bajo) * 0.6:
            bajo = 0.0
        return pasos_redondos(bajo, alto)

    # -- dibujo -----------------------------------------------------------------------------------------------
    def paintEvent(self, _evento) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.setPen(QPen(QColor(BORDE), 1))
        p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))

        letra = fuente_relativa(self.font(), 1.0)
        if letra.pointSizeF() > 0 and letra.pointSizeF() < 10:
            letra.setPointSizeF(10)  # legible from the back of a meeting room
        chica = fuente_relativa(letra, 0.92)
        p.setFont(chica)
        fm = QFontMetricsF(chica)
        marcas = self._rango_valores()
        ancho_y = max(fm.horizontalAdvance(formato.numero(m)) for m in marcas)
        izq, der = ancho_y + 18, 22
        arriba, abajo = fm.height() + 14, fm.height() * 1.6 + 12
        zona = QRectF(izq, arriba, max(10.0, self.width() - izq - der), max(10.0, self.height() - arriba - abajo))

        desde, hasta = self._rango_fechas()
        dias = max((hasta - desde).days, 1)
        vmin, vmax = marcas[0], marcas[-1]
        rango = (vmax - vmin) or 1.0

        def x_de(f: date) -> float:
            return zona.left() + zona.width() * (f - desde).days / dias

        def y_de(v: float) -> float:
            return zona.bottom() - zona.height() * (v - vmin) / rango

        # Grid and value axis.
        for m in marcas:
            y = y_de(m)
            p.setPen(QPen(COLOR_GRILLA, 1))
            p.drawLine(QPointF(zona.left(), y), QPointF(zona.right(), y))
            p.setPen(QColor(TEXTO_SECUNDARIO))
            texto = formato.numero(m)
            p.drawText(QRectF(4, y - fm.height() / 2, izq - 10, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), texto)
        p.setPen(QPen(QColor(BORDE), 1))
        p.drawLine(QPointF(zona.left(), zona.bottom()), QPointF(zona.right(), zona.bottom()))

        # Date axis: as many labels as fit without touching.
        ancho_fecha = fm.horizontalAdvance("00/00/0000") + 24
        cuantas = int(max(2, min(7, zona.width() // ancho_fecha)))
        paso = max(1, dias // cuantas)  # whole days, so the labels are evenly spaced
        p.setPen(QColor(TEXTO_SECUNDARIO))
        for i in range(cuantas):
            f = desde + timedelta(days=paso // 2 + i * paso)
            x = x_de(f)
            p.setPen(QPen(QColor(BORDE), 1))
            p.drawLine(QPointF(x, zona.bottom()), QPointF(x, zona.bottom() + 4))
            p.setPen(QColor(TEXTO_SECUNDARIO))
            p.drawText(QRectF(x - ancho_fecha / 2, zona.bottom() + 6, ancho_fecha, fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), formato.fecha(f))

        self._rotulos: list[QRectF] = []  # reference labels: the point labels step around them
        # Baseline and target: dashed, labelled at opposite ends so they never cover each other.
        self._referencia(p, fm, zona, self.base, self.base_fecha, COLOR_BASE,
                         _("Línea de base: {valor}"), y_de, x_de, a_la_izquierda=True)
        self._referencia(p, fm, zona, self.meta, self.meta_fecha, COLOR_META,
                         _("Meta: {valor}"), y_de, x_de, a_la_izquierda=False)

        # The measurements.
        if self._puntos:
            puntos = [QPointF(x_de(f), y_de(v)) for f, v in self._puntos]
            if len(puntos) > 1:
                camino = QPainterPath(puntos[0])
                for q in puntos[1:]:
                    camino.lineTo(q)
                p.setPen(QPen(COLOR_LINEA, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                              Qt.PenJoinStyle.RoundJoin))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(camino)
            p.setPen(QPen(QColor("#ffffff"), 2))
            p.setBrush(COLOR_LINEA)
            for q in puntos:
                p.drawEllipse(q, 5.5, 5.5)
            if len(puntos) <= MAX_ROTULOS_PUNTOS:
                negrita = fuente_relativa(chica, 1.0, negrita=True)
                p.setFont(negrita)
                fmn = QFontMetricsF(negrita)
                p.setPen(COLOR_LINEA)
                for (_f, v), q in zip(self._puntos, puntos, strict=True):
                    texto = formato.numero(v)
                    w = fmn.horizontalAdvance(texto) + 6
                    caja = QRectF(q.x() - w / 2, q.y() - fmn.height() - 8, w, fmn.height())
                    caja.moveLeft(min(max(caja.left(), zona.left()), zona.right() - w))
                    if caja.top() < 2 or any(caja.intersects(r) for r in self._rotulos):
                        caja.moveTop(q.y() + 8)
                    p.drawText(caja, int(Qt.AlignmentFlag.AlignCenter), texto)
                p.setFont(chica)
        else:
            p.setPen(QColor(TEXTO_SECUNDARIO))
            p.setFont(letra)
            # Where no dashed line runs: the candidate height farthest from the baseline and the target.
            lineas = [y_de(v) for v in (self.base, self.meta) if v is not None]
            alto_texto = QFontMetricsF(letra).height() * 2.4
            candidatas = [zona.center().y(), zona.top() + zona.height() * 0.3, zona.top() + zona.height() * 0.72]
            centro = max(candidatas, key=lambda y: min((abs(y - ly) for ly in lineas), default=1e9))
            p.drawText(QRectF(zona.left() + 12, centro - alto_texto / 2, zona.width() - 24, alto_texto),
                       int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                       _("Todavía no hay mediciones. Agregue la primera con «Agregar medición»."))
            p.setFont(chica)

        # Title line: what the unit is.
        p.setPen(QColor(TEXTO))
        titulo = _("Valores medidos") + (f" ({self.unidad})" if self.unidad else "")
        p.drawText(QRectF(izq, 4, zona.width(), fm.height() + 6),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), titulo)
        p.end()

    def _referencia(self, p: QPainter, fm: QFontMetricsF, zona: QRectF, valor: float | None, fecha: date | None,
                    color: QColor, plantilla: str, y_de, x_de, a_la_izquierda: bool) -> None:
        if valor is None:
            return
        y = y_de(valor)
        lapiz = QPen(color, 2, Qt.PenStyle.DashLine)
        p.setPen(lapiz)
        p.drawLine(QPointF(zona.left(), y), QPointF(zona.right(), y))
        x = None
        if fecha is not None:
            # A diamond where the line «starts» (baseline) or must be reached (target).
            x = x_de(fecha)
            r = 6.0
            p.setPen(QPen(color, 2))
            p.setBrush(QColor("#ffffff"))
            p.drawPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)]))
        texto = plantilla.format(valor=self._con_unidad(valor))
        if fecha is not None:
            texto += f" ({formato.fecha(fecha)})"
        w = fm.horizontalAdvance(texto) + 10
        h = fm.height() + 2
        # Above the line, unless that leaves the plot; on a white patch so the grid does not cross the text.
        arriba = y - h - 3 >= zona.top() - h / 2
        izquierda = zona.left() + 6
        if a_la_izquierda and x is not None and x - 10 < izquierda + w and x + 12 + w <= zona.right():
            izquierda = x + 12  # clear of its own diamond
        caja = QRectF(izquierda if a_la_izquierda else zona.right() - w - 6, y - h - 3 if arriba else y + 3, w, h)
        self._rotulos.append(caja)
        p.fillRect(caja, QColor(255, 255, 255, 220))
        p.setPen(color.darker(115))
        p.drawText(caja, int(Qt.AlignmentFlag.AlignCenter), texto)
