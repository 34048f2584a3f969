"""Los elementos que la grilla de poder e interés pone en su escena: el punto de cada actor, la insignia «+k» de
los que no caben, la celda de destino de un arrastre y el aviso del estado vacío, con las fuentes y medidas que
comparten. Leen las medidas y la geometría de la vista (`ui.widgets.grilla_poder_interes`), que los crea y ubica.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from nucleo.formato import entero
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.actor import POSTURAS
from nucleo.servicios.actores import FilaActor
from ui.estilo import AZUL_ACENTO, BORDE, TEXTO, TEXTO_SECUNDARIO
from ui.widgets.geometria_grilla import (
    COLORES_POSTURA,
    MARCA_POSTURA,
    MAXIMO_EN_AYUDA,
    ORDEN_POSTURAS,
    texto_punto,
)

if TYPE_CHECKING:
    from ui.widgets.grilla_poder_interes import GrillaPoderInteres

Z_PUNTO, Z_ELEGIDO, Z_SOBRE, Z_DESTINO, Z_ARRASTRE, Z_AVISO = 1.0, 2.0, 3.0, 4.0, 5.0, 6.0
RELLENO_CELDA = 4.0  # free space around the slots inside a cell


def _negrita(f: QFont, factor: float = 1.0) -> QFont:
    g = QFont(f)
    g.setBold(True)
    if factor != 1.0:
        if g.pointSizeF() > 0:
            g.setPointSizeF(g.pointSizeF() * factor)
        else:
            g.setPixelSize(max(8, round(g.pixelSize() * factor)))
    return g


def _mas_chica(f: QFont, factor: float) -> QFont:
    g = QFont(f)
    if g.pointSizeF() > 0:
        g.setPointSizeF(g.pointSizeF() * factor)
    else:
        g.setPixelSize(max(8, round(g.pixelSize() * factor)))
    return g


def pintar_marca_postura(p: QPainter, centro: QPointF, radio: float, postura: str, borde: float = 1.0) -> None:
    """El círculo de un actor: color de la postura, borde un poco más oscuro y la marca blanca (+ / −)."""
    color = QColor(COLORES_POSTURA.get(postura, COLORES_POSTURA["neutral"]))
    p.setPen(QPen(color.darker(135), borde))
    p.setBrush(color)
    p.drawEllipse(centro, radio, radio)
    marca = MARCA_POSTURA.get(postura, "")
    if not marca:
        return
    brazo = radio * 0.5
    p.setPen(QPen(QColor("#ffffff"), max(1.2, radio * 0.28), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(centro.x() - brazo, centro.y()), QPointF(centro.x() + brazo, centro.y()))
    if marca == "+":
        p.drawLine(QPointF(centro.x(), centro.y() - brazo), QPointF(centro.x(), centro.y() + brazo))


@dataclass
class Metricas:
    """Fuentes y medidas derivadas de la fuente del widget (respetan el tamaño que eligió el usuario)."""

    fuente: QFont
    negrita: QFont
    titulo: QFont
    chica: QFont
    fm: QFontMetricsF
    fm_negrita: QFontMetricsF
    fm_titulo: QFontMetricsF
    fm_chica: QFontMetricsF
    radio: float
    alto_ranura: float
    ancho_minimo: float
    ancho_maximo: float

    @classmethod
    def de(cls, base: QFont) -> Metricas:
        negrita, titulo, chica = _negrita(base), _negrita(base, 1.08), _mas_chica(base, 0.9)
        fm = QFontMetricsF(base)
        radio = max(5.0, round(fm.height() * 0.4))
        promedio = fm.averageCharWidth()
        return cls(base, negrita, titulo, chica, fm, QFontMetricsF(negrita), QFontMetricsF(titulo),
                   QFontMetricsF(chica), radio, max(2 * radio + 2, fm.height() + 4),
                   2 * radio + 8 + promedio * 10, 2 * radio + 8 + promedio * 24)


class Punto(QGraphicsItem):
    """Un actor: círculo y nombre en una ranura de su celda. La etiqueta recortada se calcula al ubicarlo."""

    def __init__(self, grilla: GrillaPoderInteres, fila: FilaActor):
        super().__init__()
        self.grilla = grilla
        self.fila = fila
        self.texto = texto_punto(fila)
        self._corto = self.texto
        self._ancho = 0.0
        self.resaltado = False
        self._sobre = False
        self.setAcceptHoverEvents(True)
        self.setZValue(Z_PUNTO)
        self.setToolTip(grilla._ayuda(fila))

    def ubicar(self, x: float, y: float, ancho: float) -> None:
        m = self.grilla._m
        if ancho != self._ancho or self.resaltado or self._sobre:
            self.prepareGeometryChange()  # the full label may flip sides at the new place
        if ancho != self._ancho:
            self._ancho = ancho
            fm = m.fm_negrita if self.resaltado else m.fm
            self._corto = fm.elidedText(self.texto, Qt.TextElideMode.ElideRight, self._ancho_texto())
        self.setPos(x, y)

    def _x_texto(self) -> float:
        return 2 * self.grilla._m.radio + 7

    def _ancho_texto(self) -> float:
        return max(0.0, self._ancho - self._x_texto() - 3)

    def _rect_texto(self) -> QRectF:
        """Dónde va el nombre. Entero (elegido o bajo el ratón) va a la derecha del círculo y, si ahí se saldría
        de la grilla (última columna), a la izquierda, terminando junto al círculo."""
        m = self.grilla._m
        alto = m.alto_ranura
        completo = self._sobre or self.resaltado
        fm = m.fm_negrita if self.resaltado else m.fm
        texto = self.texto if completo else self._corto
        ancho = fm.horizontalAdvance(texto) + 2
        x = self._x_texto()
        geo = self.grilla._geo
        if completo and geo is not None:
            derecha = geo.total.right() - 6
            izquierda = self.pos().x() + 3 - 7 - ancho
            if self.pos().x() + x + ancho + 4 > derecha and izquierda > geo.total.left() + 4:
                x = 3 - 7 - ancho
        return QRectF(x, 0, ancho, alto)

    def fijar_resaltado(self, si: bool) -> None:
        if si != self.resaltado:
            self.prepareGeometryChange()
            self.resaltado = si
            m = self.grilla._m
            fm = m.fm_negrita if si else m.fm
            self._corto = fm.elidedText(self.texto, Qt.TextElideMode.ElideRight, self._ancho_texto())
            self._ordenar()
            self.update()

    def _ordenar(self) -> None:
        self.setZValue(Z_SOBRE if self._sobre else Z_ELEGIDO if self.resaltado else Z_PUNTO)

    def centro(self) -> QPointF:
        """Centro del círculo, en coordenadas de la escena."""
        return self.mapToScene(QPointF(self.grilla._m.radio + 3, self.grilla._m.alto_ranura / 2))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        caja = QRectF(-3, -2, self._ancho + 6, self.grilla._m.alto_ranura + 4)
        if self._sobre or self.resaltado:
            caja = caja.united(self._rect_texto().adjusted(-6, -2, 6, 2))
        return caja

    def shape(self) -> QPainterPath:  # noqa: N802 - Qt override
        # Hits and hover use the slot only: the full name drawn over the neighbours must not steal their clicks.
        camino = QPainterPath()
        camino.addRect(QRectF(0, 0, self._ancho, self.grilla._m.alto_ranura))
        return camino

    def hoverEnterEvent(self, evento) -> None:  # noqa: N802 - Qt override
        self.prepareGeometryChange()
        self._sobre = True
        self._ordenar()
        super().hoverEnterEvent(evento)

    def hoverLeaveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        self.prepareGeometryChange()
        self._sobre = False
        self._ordenar()
        super().hoverLeaveEvent(evento)

    def paint(self, p: QPainter, _opcion: QStyleOptionGraphicsItem, _widget=None) -> None:
        m = self.grilla._m
        c = QPointF(m.radio + 3, m.alto_ranura / 2)
        completo = self._sobre or self.resaltado
        texto = self.texto if completo else self._corto
        fuente, fm = (m.negrita, m.fm_negrita) if self.resaltado else (m.fuente, m.fm)
        zona = self._rect_texto()
        if completo:
            # A backing plate so the full name stays readable over the neighbours it now covers.
            placa = QRectF(zona.x() - 4, (zona.height() - fm.height()) / 2 - 1, zona.width() + 6, fm.height() + 2)
            p.setPen(QPen(QColor(AZUL_ACENTO), 1) if self.resaltado else QPen(QColor(BORDE), 1))
            p.setBrush(QColor("#dce8f7") if self.resaltado else QColor("#ffffff"))
            p.drawRoundedRect(placa, 3, 3)
        if self.resaltado:
            p.setPen(QPen(QColor(AZUL_ACENTO), 2.2))
            p.setBrush(QColor(255, 255, 255))
            p.drawEllipse(c, m.radio + 3, m.radio + 3)
        pintar_marca_postura(p, c, m.radio, self.fila.postura)
        p.setFont(fuente)
        p.setPen(QColor(TEXTO))
        p.drawText(zona, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), texto)


class Insignia(QGraphicsItem):
    """«+k»: los actores de la celda que no caben; la ayuda los lista."""

    def __init__(self, grilla: GrillaPoderInteres, ocultos: list[FilaActor], celda: tuple[int, int]):
        super().__init__()
        self.grilla = grilla
        self.celda = celda
        self.ocultos = [f.id for f in ocultos]
        self.texto = "+" + entero(len(ocultos))
        self._ancho = 0.0
        self.setZValue(Z_PUNTO)
        self.setAcceptHoverEvents(True)
        self.setToolTip(self._ayuda(ocultos))

    def _ayuda(self, ocultos: list[FilaActor]) -> str:
        interes, influencia = self.celda
        cuenta = {k: 0 for k in ORDEN_POSTURAS}
        for f in ocultos:
            cuenta[f.postura if f.postura in cuenta else "neutral"] += 1
        partes = [
            "<b>" + html.escape(n_("{n} actor más en esta celda", "{n} actores más en esta celda",
                                   len(ocultos)).format(n=entero(len(ocultos)))) + "</b>",
            f"<span style='color:{TEXTO_SECUNDARIO}'>" + html.escape(
                _("Interés {i} · Influencia {f}").format(i=entero(interes), f=entero(influencia))) + "</span>",
            " · ".join(f"<span style='color:{COLORES_POSTURA[k]}'>●</span> "
                       f"{html.escape(traducir(POSTURAS[k]))}: {entero(cuenta[k])}"
                       for k in ORDEN_POSTURAS if cuenta[k]),
        ]
        nombres = [html.escape(f"{f.nombre} ({f.sigla})" if f.sigla and f.sigla != f.nombre else f.nombre)
                   for f in ocultos[:MAXIMO_EN_AYUDA]]
        lista = "<br>".join(nombres)
        if len(ocultos) > MAXIMO_EN_AYUDA:
            lista += "<br><i>" + html.escape(_("… y {n} más (búsquelos en la tabla)").format(
                n=entero(len(ocultos) - MAXIMO_EN_AYUDA))) + "</i>"
        return "<p style='white-space:pre'>" + "<br>".join(partes) + "</p><p>" + lista + "</p>"

    def ubicar(self, x: float, y: float) -> None:
        m = self.grilla._m
        ancho = m.fm_negrita.horizontalAdvance(self.texto) + 14
        if ancho != self._ancho:
            self.prepareGeometryChange()
            self._ancho = ancho
        self.setPos(x + 2, y)

    def _caja(self) -> QRectF:
        return QRectF(0, 1.5, self._ancho, self.grilla._m.alto_ranura - 3)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(-1, -1, self._ancho + 2, self.grilla._m.alto_ranura + 2)

    def shape(self) -> QPainterPath:  # noqa: N802 - Qt override
        camino = QPainterPath()
        camino.addRect(self._caja())
        return camino

    def paint(self, p: QPainter, _opcion: QStyleOptionGraphicsItem, _widget=None) -> None:
        m = self.grilla._m
        caja = self._caja()
        p.setPen(QPen(QColor(TEXTO_SECUNDARIO), 1))
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(caja, caja.height() / 2, caja.height() / 2)
        p.setFont(m.negrita)
        p.setPen(QColor(TEXTO_SECUNDARIO))
        p.drawText(caja, int(Qt.AlignmentFlag.AlignCenter), self.texto)


class Destino(QGraphicsItem):
    """La celda donde caería el punto que se arrastra, con su interés e influencia escritos."""

    def __init__(self, grilla: GrillaPoderInteres):
        super().__init__()
        self.grilla = grilla
        self.rect = QRectF()
        self.texto = ""
        self.cambia = False
        self.origen: QPointF | None = None  # where the point was: a dashed ring stays there while dragging
        self.setZValue(Z_DESTINO)
        self.setVisible(False)

    def fijar(self, rect: QRectF, texto: str, cambia: bool, origen: QPointF | None) -> None:
        self.prepareGeometryChange()
        self.rect, self.texto, self.cambia, self.origen = rect, texto, cambia, origen
        self.update()

    def _anillo(self) -> QRectF:
        r = self.grilla._m.radio + 1
        return QRectF(self.origen.x() - r, self.origen.y() - r, 2 * r, 2 * r) if self.origen else QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        caja = self.rect.adjusted(-3, -3, 3, 3)
        return caja.united(self._anillo().adjusted(-2, -2, 2, 2)) if self.origen is not None else caja

    def paint(self, p: QPainter, _opcion: QStyleOptionGraphicsItem, _widget=None) -> None:
        m = self.grilla._m
        acento = QColor(AZUL_ACENTO)
        if self.origen is not None and self.cambia:
            p.setPen(QPen(QColor(TEXTO_SECUNDARIO), 1.3, Qt.PenStyle.DashLine))
            p.setBrush(QColor(255, 255, 255, 200))
            p.drawEllipse(self._anillo())
        relleno = QColor(acento)
        relleno.setAlpha(38 if self.cambia else 14)
        p.setPen(QPen(acento, 2.4, Qt.PenStyle.SolidLine if self.cambia else Qt.PenStyle.DashLine))
        p.setBrush(relleno)
        p.drawRoundedRect(self.rect.adjusted(1, 1, -1, -1), 4, 4)
        if not self.texto:
            return
        p.setFont(m.negrita)
        ancho = min(self.rect.width() - 8, m.fm_negrita.horizontalAdvance(self.texto) + 12)
        texto = m.fm_negrita.elidedText(self.texto, Qt.TextElideMode.ElideRight, ancho - 10)
        pildora = QRectF(self.rect.center().x() - ancho / 2, self.rect.bottom() - m.fm_negrita.height() - 8,
                         ancho, m.fm_negrita.height() + 4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(acento if self.cambia else QColor(TEXTO_SECUNDARIO))
        p.drawRoundedRect(pildora, pildora.height() / 2, pildora.height() / 2)
        p.setPen(QColor("#ffffff"))
        p.drawText(pildora, int(Qt.AlignmentFlag.AlignCenter), texto)


class Aviso(QGraphicsItem):
    """El estado vacío: un recuadro con el texto en el centro de la grilla."""

    def __init__(self, grilla: GrillaPoderInteres):
        super().__init__()
        self.grilla = grilla
        self.texto = ""
        self.rect = QRectF()
        self.setZValue(Z_AVISO)

    def fijar(self, texto: str, area: QRectF) -> None:
        self.prepareGeometryChange()
        self.texto = texto
        m = self.grilla._m
        ancho = min(area.width() - 24, max(260.0, m.fm.horizontalAdvance(texto) / 2 + 40))
        limite = m.fm.boundingRect(QRectF(0, 0, ancho - 28, 1000),
                                   int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter), texto)
        alto = limite.height() + 22
        self.rect = QRectF(area.center().x() - ancho / 2, area.center().y() - alto / 2, ancho, alto)
        self.setVisible(bool(texto))

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(self, p: QPainter, _opcion: QStyleOptionGraphicsItem, _widget=None) -> None:
        p.setPen(QPen(QColor(BORDE), 1))
        p.setBrush(QColor(255, 255, 255, 240))
        p.drawRoundedRect(self.rect, 6, 6)
        p.setFont(self.grilla._m.fuente)
        p.setPen(QColor(TEXTO_SECUNDARIO))
        p.drawText(self.rect.adjusted(14, 11, -14, -11),
                   int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter), self.texto)
