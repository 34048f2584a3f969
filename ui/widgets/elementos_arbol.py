"""Lo que el editor del árbol de problemas pone en su escena: la caja de cada nodo, las flechas entre nodos y la
marca del destino de una reconexión, con las fuentes y medidas que comparten.

Las cajas tienen ancho fijo (`nucleo.arbol_disposicion`: el mismo en el PDF) y alto según su texto, que se
envuelve por palabras; nada se corta. La posición de una caja (`pos()`) es su centro.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nucleo.arbol_disposicion import (
    ANCHO_NODO,
    ANCHO_PROBLEMA,
    COLOR_CONECTOR,
    COLOR_INSIGNIA,
    COLORES_NODO,
    RELLENO,
)
from nucleo.formato import entero
from nucleo.i18n import _, traducir
from nucleo.modelo.diagnostico import TIPOS_NODO
from nucleo.servicios.arbol import NodoArbol
from ui.estilo import AZUL_ACENTO

Z_CONECTOR, Z_NODO, Z_ELEGIDO, Z_ARRASTRE = 0.0, 1.0, 2.0, 5.0
FLAGS_TEXTO = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
ALTO_MINIMO = 42.0
RADIO = 7.0


def _escalada(base: QFont, factor: float, negrita: bool = False) -> QFont:
    f = QFont(base)
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * factor)
    else:
        f.setPixelSize(max(8, round(f.pixelSize() * factor)))
    f.setBold(negrita)
    return f


@dataclass
class Metricas:
    """Fuentes de la escena, derivadas de la del widget (respetan el tamaño de letra que eligió el usuario)."""

    fuente: QFont
    negrita: QFont
    chica: QFont
    rotulo: QFont
    fm: QFontMetricsF
    fm_negrita: QFontMetricsF
    fm_chica: QFontMetricsF
    fm_rotulo: QFontMetricsF

    @classmethod
    def de(cls, base: QFont) -> Metricas:
        negrita, chica = _escalada(base, 1.0, True), _escalada(base, 0.8)
        rotulo = _escalada(base, 0.72, True)
        rotulo.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        return cls(base, negrita, chica, rotulo, QFontMetricsF(base), QFontMetricsF(negrita), QFontMetricsF(chica),
                   QFontMetricsF(rotulo))

    def fuente_de(self, tipo: str) -> QFont:
        return self.negrita if tipo == "problema" else self.fuente

    def fm_de(self, tipo: str) -> QFontMetricsF:
        return self.fm_negrita if tipo == "problema" else self.fm


def ancho_de(tipo: str) -> float:
    return ANCHO_PROBLEMA if tipo == "problema" else ANCHO_NODO


def texto_insignia(nodo: NodoArbol) -> str:
    if nodo.necesidad_prioridad is not None:
        return _("Necesidad · prioridad {n}").format(n=entero(nodo.necesidad_prioridad))
    return _("Necesidad vinculada")


def rotulo_problema() -> str:
    return traducir(TIPOS_NODO["problema"]).upper()


@dataclass(frozen=True)
class Medida:
    ancho: float
    alto: float
    alto_texto: float
    alto_rotulo: float  # the «PROBLEMA CENTRAL» line (0 for causes and effects)
    alto_insignia: float  # the «linked need» pill (0 without a link)


def medir(nodo: NodoArbol, m: Metricas) -> Medida:
    """Ancho fijo por tipo; alto = el texto envuelto, más el rótulo del problema y la insignia si los hay."""
    ancho = ancho_de(nodo.tipo)
    util = ancho - 2 * RELLENO
    alto_texto = m.fm_de(nodo.tipo).boundingRect(QRectF(0, 0, util, 1e6), FLAGS_TEXTO, nodo.texto).height()
    alto_rotulo = m.fm_rotulo.height() + 3 if nodo.tipo == "problema" else 0.0
    alto_insignia = m.fm_chica.height() + 4 + 5 if nodo.necesidad_id is not None else 0.0
    alto = max(ALTO_MINIMO, alto_texto + alto_rotulo + alto_insignia + 2 * RELLENO)
    return Medida(ancho, alto, alto_texto, alto_rotulo, alto_insignia)


def ayuda(nodo: NodoArbol, solo_lectura: bool) -> str:
    """La ayuda emergente de un nodo: qué es, su texto completo, la necesidad vinculada y qué se puede hacer."""
    partes = [f"<b>{html.escape(traducir(TIPOS_NODO.get(nodo.tipo, nodo.tipo)))}</b>",
              html.escape(nodo.texto)]
    if nodo.necesidad_id is not None:
        prioridad = (_(" (prioridad {n})").format(n=entero(nodo.necesidad_prioridad))
                     if nodo.necesidad_prioridad is not None else "")
        partes.append(_("Necesidad vinculada{prioridad}: {texto}").format(
            prioridad=prioridad, texto=html.escape(nodo.necesidad_texto)))
    if not solo_lectura:
        como = _("Doble clic o F2 para editar; arrastre para moverlo; con Mayús, suéltelo sobre otro nodo para "
                 "cambiarlo de padre.")
        partes.append(f"<i>{html.escape(como)}</i>")
    return "<p style='white-space:pre-wrap'>" + "<br>".join(partes) + "</p>"


class ItemNodo(QGraphicsItem):
    """La caja de un nodo, centrada en su `pos()`."""

    def __init__(self, nodo: NodoArbol, medida: Medida, metricas: Metricas, solo_lectura: bool):
        super().__init__()
        self.nodo = nodo
        self.medida = medida
        self._m = metricas
        self.elegido = False
        self.destino: bool | None = None  # reconnect target: True valid, False refused, None not a target
        self._sobre = False
        self.setAcceptHoverEvents(True)
        self.setZValue(Z_NODO)
        self.setToolTip(ayuda(nodo, solo_lectura))
        self.setCursor(Qt.CursorShape.PointingHandCursor if solo_lectura else Qt.CursorShape.OpenHandCursor)

    @property
    def id(self) -> int:
        return self.nodo.id

    def caja(self) -> QRectF:
        w, h = self.medida.ancho, self.medida.alto
        return QRectF(-w / 2, -h / 2, w, h)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.caja().adjusted(-5, -5, 5, 5)  # room for the selection halo

    def shape(self) -> QPainterPath:
        camino = QPainterPath()
        camino.addRoundedRect(self.caja(), RADIO, RADIO)
        return camino

    def fijar_elegido(self, si: bool) -> None:
        if si != self.elegido:
            self.elegido = si
            self.setZValue(Z_ELEGIDO if si else Z_NODO)
            self.update()

    def fijar_destino(self, estado: bool | None) -> None:
        if estado != self.destino:
            self.destino = estado
            self.update()

    def hoverEnterEvent(self, evento) -> None:  # noqa: N802 - Qt override
        self._sobre = True
        self.update()
        super().hoverEnterEvent(evento)

    def hoverLeaveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        self._sobre = False
        self.update()
        super().hoverLeaveEvent(evento)

    def paint(self, p: QPainter, _opcion: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        n, m, medida = self.nodo, self._m, self.medida
        colores = COLORES_NODO.get(n.tipo, COLORES_NODO["causa"])
        caja = self.caja()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.destino is not None:
            color = QColor("#2e7d32" if self.destino else "#c62828")
            p.setPen(QPen(color, 2.5, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(caja.adjusted(-4, -4, 4, 4), RADIO + 3, RADIO + 3)
        elif self.elegido:
            halo = QColor(AZUL_ACENTO)
            halo.setAlpha(70)
            p.setPen(QPen(halo, 6))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(caja.adjusted(-2, -2, 2, 2), RADIO + 2, RADIO + 2)
        fondo = QColor(colores["fondo"])
        if self._sobre and n.tipo != "problema":
            fondo = fondo.darker(104)
        borde = QColor(AZUL_ACENTO) if self.elegido else QColor(colores["borde"])
        p.setPen(QPen(borde, 2.2 if self.elegido else 1.2))
        p.setBrush(fondo)
        p.drawRoundedRect(caja, RADIO, RADIO)

        x, y = caja.x() + RELLENO, caja.y() + RELLENO
        util = caja.width() - 2 * RELLENO
        # Vertically centred block: label, text, badge.
        bloque = medida.alto_rotulo + medida.alto_texto + medida.alto_insignia
        y += max(0.0, (caja.height() - 2 * RELLENO - bloque) / 2)
        color_texto = QColor(colores["texto"])
        if medida.alto_rotulo:
            p.setFont(m.rotulo)
            c = QColor(color_texto)
            c.setAlpha(190)
            p.setPen(c)
            p.drawText(QRectF(x, y, util, m.fm_rotulo.height()), int(Qt.AlignmentFlag.AlignHCenter),
                       rotulo_problema())
            y += medida.alto_rotulo
        p.setFont(m.fuente_de(n.tipo))
        p.setPen(color_texto)
        p.drawText(QRectF(x, y, util, medida.alto_texto + 2), FLAGS_TEXTO, n.texto)
        y += medida.alto_texto
        if medida.alto_insignia:
            self._insignia(p, caja.center().x(), y + 5)

    def _insignia(self, p: QPainter, cx: float, y: float) -> None:
        m = self._m
        texto = texto_insignia(self.nodo)
        ancho = min(m.fm_chica.horizontalAdvance(texto) + 14, self.medida.ancho - 2 * RELLENO)
        alto = m.fm_chica.height() + 4
        r = QRectF(cx - ancho / 2, y, ancho, alto)
        oscuro = self.nodo.tipo == "problema"
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#ffffff") if oscuro else QColor(COLOR_INSIGNIA))
        p.drawRoundedRect(r, alto / 2, alto / 2)
        p.setFont(m.chica)
        p.setPen(QColor(COLOR_INSIGNIA) if oscuro else QColor("#ffffff"))
        p.drawText(r, int(Qt.AlignmentFlag.AlignCenter),
                   m.fm_chica.elidedText(texto, Qt.TextElideMode.ElideRight, r.width() - 10))


class ItemConector(QGraphicsItem):
    """La flecha entre un nodo y su padre, en el sentido causa → efecto (siempre apunta hacia arriba)."""

    PUNTA = 7.0

    def __init__(self, hijo_id: int, padre_id: int):
        super().__init__()
        self.hijo_id, self.padre_id = hijo_id, padre_id
        self._puntos: list[QPointF] = []
        self._rect = QRectF()
        self.setZValue(Z_CONECTOR)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def fijar(self, puntos: Sequence[tuple[float, float]]) -> None:
        nuevos = [QPointF(x, y) for x, y in puntos]
        if nuevos == self._puntos:
            return
        self.prepareGeometryChange()
        self._puntos = nuevos
        xs = [q.x() for q in nuevos] or [0.0]
        ys = [q.y() for q in nuevos] or [0.0]
        self._rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(-8, -8, 8, 8)

    def puntos(self) -> list[QPointF]:
        return list(self._puntos)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self._rect

    def paint(self, p: QPainter, _opcion: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        if len(self._puntos) < 2:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(COLOR_CONECTOR)
        fin, antes = self._puntos[-1], self._puntos[-2]
        # The line stops at the base of the arrowhead so its end does not poke through the tip.
        d = fin - antes
        largo = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 0.001)
        u = QPointF(d.x() / largo, d.y() / largo)
        base = fin - u * self.PUNTA
        camino = QPainterPath(self._puntos[0])
        for q in self._puntos[1:-1]:
            camino.lineTo(q)
        camino.lineTo(base)
        p.setPen(QPen(color, 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.RoundJoin))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(camino)
        normal = QPointF(-u.y(), u.x()) * (self.PUNTA * 0.5)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawPolygon(QPolygonF([fin, base + normal, base - normal]))
