"""Gráfico de barras apiladas dibujado con QPainter (no hay QtCharts en PySide6-Essentials).

Una barra por categoría (p. ej. «T1 2027») hecha de tramos por serie (p. ej. la fuente de fondos), con su total
arriba, un eje vertical en guaraníes abreviados («₲ 12 M») y la leyenda de las series. Al pasar el puntero sobre una
barra, la ayuda detalla sus montos. Solo muestra: los datos llegan ya calculados por el servicio.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nucleo import formato
from nucleo.i18n import _
from ui.estilo import BORDE, TEXTO, TEXTO_SECUNDARIO, fuente_relativa

# One colour per source of funds, the same on every chart of the plan; other keys take the spare ones in order.
COLORES_FUENTE: dict[str, str] = {
    "municipal": "#1d5fa8",
    "departamental": "#00897b",
    "nacional": "#7cb342",
    "cooperacion": "#8e24aa",
    "comunidad": "#fb8c00",
    "privado": "#6d4c41",
}
COLORES_EXTRA = ("#546e7a", "#d81b60", "#3949ab", "#c0ca33", "#5d4037", "#00acc1")


def color_serie(clave: str, n: int = 0) -> str:
    return COLORES_FUENTE.get(clave) or COLORES_EXTRA[n % len(COLORES_EXTRA)]


def guaranies_abreviados(monto: float) -> str:
    """Un monto corto para un eje o una etiqueta: «₲ 850», «₲ 45 mil», «₲ 12 M», «₲ 1,5 M», «₲ 2.300 M».

    Es como se dice en Paraguay («doce millones»); el monto exacto va siempre en la tabla y en la ayuda.
    """
    signo = "-" if monto < 0 else ""
    x = abs(monto)
    if x >= 1_000_000:
        valor, unidad = x / 1_000_000, " M"
    elif x >= 1_000:
        valor, unidad = x / 1_000, " " + _("mil")
    else:
        return formato.guaranies(monto)
    decimales = 1 if valor < 10 and round(valor, 1) != round(valor) else 0
    return f"₲ {signo}{formato.numero(valor, decimales)}{unidad}"


def escala(maximo: float, marcas: int = 5) -> tuple[float, float]:
    """Un tope «redondo» ≥ maximo y el paso entre marcas (1, 2, 2,5 o 5 × 10ⁿ)."""
    if maximo <= 0:
        return 1.0, 1.0
    bruto = maximo / marcas
    potencia = 10 ** math.floor(math.log10(bruto))
    for factor in (1, 2, 2.5, 5, 10):
        paso = factor * potencia
        if paso * marcas >= maximo:
            break
    return paso * math.ceil(maximo / paso), paso


@dataclass(frozen=True)
class Serie:
    clave: str
    etiqueta: str
    valores: Sequence[int]


class GraficoBarras(QWidget):
    """`cargar(categorias, series)`: una barra por categoría, apilada por serie. `formato_valor` da el texto
    exacto de un monto (ayuda emergente); `formato_eje`, el abreviado del eje y de los totales."""

    MARGEN = 10

    def __init__(self, parent: QWidget | None = None, *,
                 formato_valor: Callable[[float], str] = formato.guaranies,
                 formato_eje: Callable[[float], str] = guaranies_abreviados,
                 texto_vacio: str = ""):
        super().__init__(parent)
        self.formato_valor = formato_valor
        self.formato_eje = formato_eje
        self.texto_vacio = texto_vacio or _("No hay montos para mostrar.")
        self.categorias: list[str] = []
        self.series: list[Serie] = []
        self.titulo = ""
        self._barras: list[QRectF] = []  # hit areas, one per category, for the tooltip
        self.setMouseTracking(True)
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Gráfico de barras"))

    # -- datos ------------------------------------------------------------------------------------------------
    def cargar(self, categorias: Sequence[str], series: Sequence[Serie], titulo: str = "") -> None:
        self.categorias = list(categorias)
        self.series = [s for s in series if any(s.valores)]
        self.titulo = titulo
        self.setAccessibleDescription(self.descripcion())
        self.update()

    def totales(self) -> list[int]:
        return [sum(s.valores[i] for s in self.series) for i in range(len(self.categorias))]

    def color(self, n: int) -> QColor:
        return QColor(color_serie(self.series[n].clave, n))

    def descripcion(self) -> str:
        """El gráfico dicho en texto (lectores de pantalla y pruebas)."""
        return "; ".join(f"{c}: {self.formato_valor(t)}" for c, t in zip(self.categorias, self.totales(),
                                                                           strict=True))

    def detalle(self, i: int) -> str:
        lineas = [f"<b>{self.categorias[i]}</b> — {self.formato_valor(self.totales()[i])}"]
        for n, s in enumerate(self.series):
            if s.valores[i]:
                lineas.append(f"<span style='color:{self.color(n).name()}'>■</span> {s.etiqueta}: "
                              f"{self.formato_valor(s.valores[i])}")
        return "<br>".join(lineas)

    # -- Qt ---------------------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(560, 320)

    def event(self, evento: QEvent) -> bool:
        if evento.type() == QEvent.Type.ToolTip:
            pos = QPointF(evento.pos())
            for i, zona in enumerate(self._barras):
                if zona.contains(pos):
                    QToolTip.showText(evento.globalPos(), self.detalle(i), self)
                    return True
            QToolTip.hideText()
            evento.ignore()
            return True
        return super().event(evento)

    def paintEvent(self, _evento) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        fm = QFontMetrics(self.font())
        zona = QRectF(self.rect()).adjusted(self.MARGEN, self.MARGEN, -self.MARGEN, -self.MARGEN)
        self._barras = []
        if self.titulo:
            p.setFont(fuente_relativa(self.font(), 1.0, negrita=True))
            p.setPen(QColor(TEXTO))
            p.drawText(QRectF(zona.left(), zona.top(), zona.width(), fm.height()),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.titulo)
            p.setFont(self.font())
            zona.setTop(zona.top() + fm.height() + 6)
        totales = self.totales()
        if not self.series or not any(totales):
            p.setPen(QColor(TEXTO_SECUNDARIO))
            p.drawText(zona, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.texto_vacio)
            p.end()
            return
        zona.setTop(zona.top() + self._leyenda(p, zona, fm) + 8)

        tope, paso = escala(max(totales))
        marcas = [paso * k for k in range(int(round(tope / paso)) + 1)]
        ancho_eje = max(fm.horizontalAdvance(self.formato_eje(m)) for m in marcas) + 8
        alto_texto = fm.height()
        area = QRectF(zona.left() + ancho_eje, zona.top() + alto_texto + 4, zona.width() - ancho_eje,
                      zona.height() - 2 * alto_texto - 10)
        if area.height() < 20 or area.width() < 20:
            p.end()
            return

        def y_de(valor: float) -> float:
            return area.bottom() - area.height() * valor / tope

        # Grid and axis labels.
        for m in marcas:
            y = y_de(m)
            p.setPen(QPen(QColor("#e3e7ec") if m else QColor(BORDE), 1))
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(QColor(TEXTO_SECUNDARIO))
            p.drawText(QRectF(zona.left(), y - alto_texto / 2, ancho_eje - 6, alto_texto),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), self.formato_eje(m))

        n = len(self.categorias)
        hueco = area.width() / n
        ancho = min(72.0, hueco * 0.62)
        # Category labels must not overlap: show every k-th one when the bars are narrow.
        mas_ancha = max(fm.horizontalAdvance(c) for c in self.categorias) + 8
        cada = max(1, math.ceil(mas_ancha / hueco))
        for i, categoria in enumerate(self.categorias):
            x = area.left() + hueco * i + (hueco - ancho) / 2
            base = area.bottom()
            for k, s in enumerate(self.series):
                v = s.valores[i]
                if not v:
                    continue
                alto = area.height() * v / tope
                tramo = QRectF(x, base - alto, ancho, alto)
                p.setPen(QPen(QColor("#ffffff"), 1))
                p.setBrush(self.color(k))
                p.drawRect(tramo)
                base -= alto
            self._barras.append(QRectF(area.left() + hueco * i, area.top() - alto_texto, hueco,
                                       area.height() + alto_texto))
            if totales[i]:
                texto = self.formato_eje(totales[i])
                p.setPen(QColor(TEXTO))
                p.drawText(QRectF(x - (hueco - ancho) / 2, base - alto_texto - 2, hueco, alto_texto),
                           int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                           fm.elidedText(texto, Qt.TextElideMode.ElideRight, int(hueco)))
            if i % cada == 0:
                p.setPen(QColor(TEXTO))
                p.drawText(QRectF(area.left() + hueco * i - hueco * (cada - 1) / 2, area.bottom() + 4,
                                  hueco * cada, alto_texto),
                           int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), categoria)
        p.end()

    def _leyenda(self, p: QPainter, zona: QRectF, fm: QFontMetrics) -> float:
        """Dibuja la leyenda (en varias líneas si no cabe) y devuelve su alto."""
        lado = fm.height() * 0.7
        x, y = zona.left(), zona.top()
        for n, s in enumerate(self.series):
            ancho = lado + 6 + fm.horizontalAdvance(s.etiqueta) + 18
            if x + ancho > zona.right() and x > zona.left():
                x, y = zona.left(), y + fm.height() + 4
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.color(n))
            p.drawRoundedRect(QRectF(x, y + (fm.height() - lado) / 2, lado, lado), 2, 2)
            p.setPen(QColor(TEXTO))
            p.drawText(QRectF(x + lado + 6, y, ancho, fm.height()),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), s.etiqueta)
            x += ancho
        return y + fm.height() - zona.top()
