"""Piezas del mapa del distrito: la proyección, los elementos dibujados y la vista con zoom y desplazamiento.

La escena está en kilómetros (proyección equirrectangular centrada en el distrito, con el este escalado por el
coseno de la latitud; el norte arriba), así la barra de escala sale directa de la transformación de la vista.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QStyleOptionGraphicsItem,
    QWidget,
)

from nucleo import formato
from nucleo.geo import KM_POR_GRADO_LAT, KM_POR_GRADO_LON
from nucleo.i18n import N_, traducir
from ui.estilo import AZUL_ACENTO, TEXTO, TEXTO_SECUNDARIO

# Territory status colours: a progression, kept apart from the traffic light (which speaks of deadlines).
COLORES_ESTADO: dict[str, str] = {
    "propuesto": "#78909c",
    "seleccionado": "#8e44ad",
    "en_intervencion": "#00897b",
    "finalizado": "#6d4c41",
}
FONDO_MAPA = "#e3e8ee"  # outside every district (another country, or no data)
FONDO_VECINO = "#f2f4f6"
BORDE_VECINO = "#c2cad3"
TEXTO_VECINO = "#8d98a5"
FONDO_DISTRITO = "#fffdf6"
BORDE_DISTRITO = "#3d4f60"

Z_VECINO, Z_DISTRITO, Z_LIMITE, Z_MARCA, Z_ELEGIDO = 0, 1, 2, 4, 6
ESCALA_MAXIMA = 4000.0  # pixels per km: a few metres per pixel, enough to place a point on a block


class Proyeccion:
    """De (longitud, latitud) a km en la escena y de vuelta, alrededor de un centro."""

    def __init__(self, lon0: float, lat0: float):
        self.lon0, self.lat0 = lon0, lat0
        self.kx = KM_POR_GRADO_LON * math.cos(math.radians(lat0))
        self.ky = KM_POR_GRADO_LAT

    def a_escena(self, lon: float, lat: float) -> QPointF:
        return QPointF((lon - self.lon0) * self.kx, -(lat - self.lat0) * self.ky)

    def a_grados(self, p: QPointF) -> tuple[float, float]:
        """(longitud, latitud) del punto de la escena."""
        return self.lon0 + p.x() / self.kx, self.lat0 - p.y() / self.ky

    def camino(self, anillos: Sequence[Sequence[tuple[float, float]]]) -> QPainterPath:
        camino = QPainterPath()
        camino.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay holes; multipolygons just add rings
        for anillo in anillos:
            if len(anillo) >= 3:
                camino.addPolygon(QPolygonF([self.a_escena(lon, lat) for lon, lat in anillo]))
                camino.closeSubpath()
        return camino


def pluma(color: str, ancho: float, estilo: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(QColor(color), ancho, estilo)
    p.setCosmetic(True)  # the same width at every zoom
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return p


def rotulo_fijo(texto: str, fuente: QFont, color: str, escena: QGraphicsScene, donde: QPointF,
                   z: float) -> QGraphicsSimpleTextItem:
    """Un rótulo centrado en `donde` que no cambia de tamaño con el zoom (nombre de un distrito vecino)."""
    item = QGraphicsSimpleTextItem(texto)
    item.setFont(fuente)
    item.setBrush(QColor(color))
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    rect = item.boundingRect()
    item.setPos(donde)
    item.setTransform(item.transform().translate(-rect.width() / 2, -rect.height() / 2))
    item.setZValue(z)
    item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    escena.addItem(item)
    return item


class LimiteTerritorio(QGraphicsPathItem):
    """El polígono de un territorio, en el color de su estado."""

    def __init__(self, territorio_id: int, camino: QPainterPath, color: str):
        super().__init__(camino)
        self.territorio_id = territorio_id
        self._color = QColor(color)
        self.elegido = False
        self._pintar()
        self.setZValue(Z_LIMITE)

    def _pintar(self) -> None:
        relleno = QColor(self._color)
        relleno.setAlpha(90 if self.elegido else 55)
        self.setBrush(QBrush(relleno))
        self.setPen(pluma(AZUL_ACENTO if self.elegido else self._color.name(), 2.6 if self.elegido else 1.6))

    def fijar_elegido(self, elegido: bool) -> None:
        if elegido != self.elegido:
            self.elegido = elegido
            self._pintar()


class MarcaTerritorio(QGraphicsItem):
    """El punto de un territorio con su nombre; no cambia de tamaño con el zoom.

    `lado` dice dónde va el nombre (derecha, izquierda, arriba, abajo): la vista lo elige para que los nombres de
    puntos cercanos no se pisen.
    """

    RADIO = 6.0
    LADOS = ("derecha", "izquierda", "arriba", "abajo")

    def __init__(self, territorio_id: int, nombre: str, color: str, fuente: QFont, ayuda: str):
        super().__init__()
        self.territorio_id = territorio_id
        self.nombre = nombre
        self._color = QColor(color)
        self._fuente = QFont(fuente)
        self._fuente_elegida = QFont(fuente)
        self._fuente_elegida.setBold(True)
        self.elegido = False
        self.lado = "derecha"
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(Z_MARCA)
        self.setToolTip(ayuda)
        self.setAcceptHoverEvents(False)

    # -- geometría (en píxeles, alrededor del punto) ----------------------------------------------------------
    def _fuente_actual(self) -> QFont:
        return self._fuente_elegida if self.elegido else self._fuente

    def rect_texto(self, lado: str | None = None) -> QRectF:
        m = QFontMetricsF(self._fuente_actual())
        ancho, alto = m.horizontalAdvance(self.nombre) + 4, m.height()
        r = self.RADIO + 5
        lado = lado or self.lado
        if lado == "derecha":
            return QRectF(r, -alto / 2, ancho, alto)
        if lado == "izquierda":
            return QRectF(-r - ancho, -alto / 2, ancho, alto)
        if lado == "arriba":
            return QRectF(-ancho / 2, -r - alto, ancho, alto)
        return QRectF(-ancho / 2, r, ancho, alto)

    def rect_punto(self) -> QRectF:
        r = self.RADIO + 5
        return QRectF(-r, -r, 2 * r, 2 * r)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect_punto().united(self.rect_texto()).adjusted(-3, -3, 3, 3)

    def shape(self) -> QPainterPath:
        # Clickable: the dot and its name.
        camino = QPainterPath()
        camino.addEllipse(self.rect_punto())
        camino.addRect(self.rect_texto())
        return camino

    def fijar_lado(self, lado: str) -> None:
        if lado != self.lado:
            self.prepareGeometryChange()
            self.lado = lado

    def fijar_elegido(self, elegido: bool) -> None:
        if elegido != self.elegido:
            self.prepareGeometryChange()
            self.elegido = elegido
            self.setZValue(Z_ELEGIDO if elegido else Z_MARCA)

    # -- dibujo -----------------------------------------------------------------------------------------------
    def paint(self, painter: QPainter, _opcion: QStyleOptionGraphicsItem, _widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.elegido:
            painter.setPen(QPen(QColor(AZUL_ACENTO), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), self.RADIO + 4, self.RADIO + 4)
        painter.setPen(QPen(QColor("#ffffff"), 2))
        painter.setBrush(self._color)
        painter.drawEllipse(QPointF(0, 0), self.RADIO, self.RADIO)

        # The name with a white halo, readable over lines and fills.
        rect = self.rect_texto()
        fuente = self._fuente_actual()
        m = QFontMetricsF(fuente)
        base = QPointF(rect.left() + 2, rect.top() + m.ascent())
        camino = QPainterPath()
        camino.addText(base, fuente, self.nombre)
        halo = QPainterPathStroker()
        halo.setWidth(4)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawPath(halo.createStroke(camino).united(camino))
        painter.setBrush(QColor(AZUL_ACENTO if self.elegido else TEXTO))
        painter.drawPath(camino)


def largo_de_escala(km_por_pixel: float, pixeles: float = 110) -> float:
    """Un largo «redondo» (1, 2 o 5 × 10ⁿ km) que ocupe cerca de `pixeles` en pantalla."""
    objetivo = km_por_pixel * pixeles
    potencia = 10 ** math.floor(math.log10(objetivo))
    for paso in (5, 2, 1):
        if paso * potencia <= objetivo:
            return paso * potencia
    return potencia


@functools.lru_cache(maxsize=64)
def texto_distancia(km: float) -> str:
    """«500 m», «2 km», «10 km» (cacheado: se pide en cada repintado)."""
    if km < 1:
        return f"{formato.entero(km * 1000)} m"
    return f"{formato.entero(km)} km"


class VistaMapa(QGraphicsView):
    """Vista con zoom (rueda, Ctrl++/−/0), desplazamiento (arrastrar, flechas), clic sobre territorios o sobre el
    mapa, y en primer plano la barra de escala y la flecha del norte."""

    clic_territorio = Signal(int)
    clic_mapa = Signal(QPointF)  # scene point (km); the owner converts it to degrees
    cancelar = Signal()  # Esc while placing a point
    cursor_en = Signal(object)  # QPointF in the scene, or None when the mouse leaves

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # The overlays (scale bar, north arrow) are painted in viewport coordinates: every frame is repainted
        # whole, or scrolling would drag copies of them along.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(QColor(FONDO_MAPA))
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.modo_ubicar = False
        self._presion: QPointF | None = None
        self._arrastrando = False
        self._area = QRectF()  # what «ajustar» shows (the district, or the points)
        self.marcas: list[MarcaTerritorio] = []

    # -- encuadre y zoom --------------------------------------------------------------------------------------
    def fijar_area(self, area: QRectF) -> None:
        self._area = QRectF(area)
        # Room to pan around the area, but not to get lost far away from it.
        margen = max(area.width(), area.height(), 10.0)
        self.setSceneRect(area.adjusted(-margen, -margen, margen, margen))

    def escala(self) -> float:
        """Píxeles por km."""
        return self.transform().m11()

    def ajustar(self) -> None:
        if self._area.isEmpty():
            return
        self.resetTransform()
        self.fitInView(self._area.adjusted(-self._area.width() * 0.04, -self._area.height() * 0.04,
                                           self._area.width() * 0.04, self._area.height() * 0.04),
                       Qt.AspectRatioMode.KeepAspectRatio)
        self.colocar_nombres()

    def _escala_minima(self) -> float:
        r = self.sceneRect()
        if r.isEmpty():
            return 0.0
        return min(self.viewport().width() / r.width(), self.viewport().height() / r.height())

    def acercar(self, factor: float, ancla: QGraphicsView.ViewportAnchor | None = None) -> None:
        actual = self.escala()
        nueva = max(self._escala_minima(), min(ESCALA_MAXIMA, actual * factor))
        if actual <= 0 or math.isclose(nueva, actual):
            return
        anterior = self.transformationAnchor()
        if ancla is not None:
            self.setTransformationAnchor(ancla)
        self.scale(nueva / actual, nueva / actual)
        self.setTransformationAnchor(anterior)
        self.colocar_nombres()

    def centrar_en(self, punto: QPointF) -> None:
        """Centra el punto si no está a la vista (no mueve el mapa si ya se ve)."""
        visible = self.mapToScene(self.viewport().rect().adjusted(30, 30, -30, -30)).boundingRect()
        if not visible.contains(punto):
            self.centerOn(punto)

    def wheelEvent(self, evento) -> None:  # noqa: N802 - Qt override
        pasos = evento.angleDelta().y() / 120
        if pasos:
            self.acercar(1.25 ** pasos)
        evento.accept()

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if self.modo_ubicar and evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.clic_mapa.emit(self.mapToScene(self.viewport().rect().center()))
        elif self.modo_ubicar and evento.key() == Qt.Key.Key_Escape:
            self.cancelar.emit()
        elif evento.matches(QKeySequence.StandardKey.ZoomIn) or evento.key() == Qt.Key.Key_Plus:
            self.acercar(1.25, QGraphicsView.ViewportAnchor.AnchorViewCenter)
        elif evento.matches(QKeySequence.StandardKey.ZoomOut) or evento.key() == Qt.Key.Key_Minus:
            self.acercar(1 / 1.25, QGraphicsView.ViewportAnchor.AnchorViewCenter)
        else:
            super().keyPressEvent(evento)

    def resizeEvent(self, evento) -> None:  # noqa: N802 - Qt override
        primera = evento.oldSize().width() <= 0
        super().resizeEvent(evento)
        if primera:
            self.ajustar()
        else:
            self.colocar_nombres()

    # -- ratón ------------------------------------------------------------------------------------------------
    def _territorio_en(self, pos) -> int | None:
        for item in self.items(pos):
            tid = getattr(item, "territorio_id", None)
            if tid is not None:
                return tid
        return None

    def mousePressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.button() == Qt.MouseButton.LeftButton:
            self._presion = evento.position()
            self._arrastrando = False
            evento.accept()
            return
        super().mousePressEvent(evento)

    def mouseMoveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        pos = evento.position()
        self.cursor_en.emit(self.mapToScene(pos.toPoint()))
        if self._presion is not None and evento.buttons() & Qt.MouseButton.LeftButton:
            delta = pos - self._presion
            if self._arrastrando or delta.manhattanLength() >= QApplication.startDragDistance():
                self._arrastrando = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
                self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
                self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
                self._presion = pos
            return
        self._poner_cursor(pos.toPoint())
        super().mouseMoveEvent(evento)

    def mouseReleaseEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.button() == Qt.MouseButton.LeftButton and self._presion is not None:
            pos = evento.position().toPoint()
            fue_clic = not self._arrastrando
            self._presion, self._arrastrando = None, False
            self._poner_cursor(pos)
            if fue_clic:
                if self.modo_ubicar:
                    self.clic_mapa.emit(self.mapToScene(pos))
                else:
                    tid = self._territorio_en(pos)
                    if tid is not None:
                        self.clic_territorio.emit(tid)
            evento.accept()
            return
        super().mouseReleaseEvent(evento)

    def leaveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        self.cursor_en.emit(None)
        super().leaveEvent(evento)

    def _poner_cursor(self, pos) -> None:
        if self.modo_ubicar:
            forma = Qt.CursorShape.CrossCursor
        elif self._territorio_en(pos) is not None:
            forma = Qt.CursorShape.PointingHandCursor
        else:
            forma = Qt.CursorShape.OpenHandCursor
        self.viewport().setCursor(forma)

    def fijar_modo_ubicar(self, activo: bool) -> None:
        self.modo_ubicar = activo
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if activo else Qt.CursorShape.OpenHandCursor)
        self.viewport().update()

    # -- nombres que no se pisan ------------------------------------------------------------------------------
    def colocar_nombres(self) -> None:
        """Elige para cada nombre el lado del punto que no choca con los ya puestos (el elegido primero)."""
        ocupados: list[QRectF] = []
        puntos = {m: self.mapFromScene(m.pos()).toPointF() for m in self.marcas}
        for m in puntos:
            ocupados.append(m.rect_punto().translated(puntos[m]))
        for m in sorted(self.marcas, key=lambda m: (not m.elegido, m.nombre.lower())):
            centro = puntos[m]
            elegido_lado = m.LADOS[0]
            for lado in m.LADOS:
                r = m.rect_texto(lado).translated(centro)
                propios = m.rect_punto().translated(centro)
                if not any(r.intersects(o) for o in ocupados if o != propios):
                    elegido_lado = lado
                    break
            m.fijar_lado(elegido_lado)
            ocupados.append(m.rect_texto(elegido_lado).translated(centro))

    # -- primer plano: escala y norte -------------------------------------------------------------------------
    def drawForeground(self, painter: QPainter, _rect: QRectF) -> None:  # noqa: N802 - Qt override
        escala = self.escala()
        if escala <= 0:
            return
        painter.save()
        painter.resetTransform()  # from here on, viewport pixels
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fuente = QFont(self.font())
        fuente.setPointSizeF(max(7.5, fuente.pointSizeF() * 0.85))
        painter.setFont(fuente)
        m = QFontMetricsF(fuente)
        alto = self.viewport().height()

        # Scale bar, bottom left.
        km = largo_de_escala(1 / escala)
        largo = km * escala
        x0, y0 = 14.0, alto - 16.0
        texto = texto_distancia(km)
        fondo = QRectF(x0 - 6, y0 - m.height() - 12, max(largo, m.horizontalAdvance(texto)) + 14, m.height() + 20)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRoundedRect(fondo, 3, 3)
        painter.setPen(QPen(QColor(TEXTO), 2))
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + largo, y0))
        painter.drawLine(QPointF(x0, y0 - 5), QPointF(x0, y0 + 2))
        painter.drawLine(QPointF(x0 + largo, y0 - 5), QPointF(x0 + largo, y0 + 2))
        painter.setPen(QColor(TEXTO))
        painter.drawText(QPointF(x0, y0 - 7), texto)

        # North arrow, top right: north is always up in this projection.
        ancho = self.viewport().width()
        cx, cy = ancho - 24.0, 20.0
        flecha = QPolygonF([QPointF(cx, cy - 10), QPointF(cx + 7, cy + 8), QPointF(cx, cy + 4),
                            QPointF(cx - 7, cy + 8)])
        painter.setPen(QPen(QColor("#ffffff"), 3))
        painter.setBrush(QColor(TEXTO_SECUNDARIO))
        painter.drawPolygon(flecha)
        painter.setPen(QPen(QColor(TEXTO_SECUNDARIO), 1))
        painter.drawPolygon(flecha)
        norte = traducir(N_("N"))
        painter.setPen(QColor(TEXTO))
        painter.drawText(QPointF(cx - m.horizontalAdvance(norte) / 2, cy + 10 + m.ascent()), norte)

        if self.modo_ubicar:
            # The crosshair at the centre: with the keyboard, Enter places the point here.
            c = QPointF(self.viewport().width() / 2, self.viewport().height() / 2)
            painter.setPen(QPen(QColor(AZUL_ACENTO), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(c - QPointF(14, 0), c + QPointF(14, 0))
            painter.drawLine(c - QPointF(0, 14), c + QPointF(0, 14))
        painter.restore()


class Superpuesta(QLabel):
    """Etiqueta semitransparente sobre el mapa (atribución, leyenda): queda fija al mover o acercar."""

    def __init__(self, texto: str, parent: QWidget):
        super().__init__(texto, parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.setStyleSheet("QLabel { background: rgba(255, 255, 255, 225); border: 1px solid #cfd6df; "
                           f"border-radius: 3px; padding: 2px 6px; color: {TEXTO}; }}")
        self.setAutoFillBackground(False)
