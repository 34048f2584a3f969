"""La vista del árbol de problemas (QGraphicsView): dibuja los nodos y sus flechas, lleva la selección, la
navegación con el teclado, el zoom y los gestos de arrastre (mover y, con Mayús, cambiar de padre).

No cambia datos: emite señales y `ui.widgets.arbol_problemas.EditorArbol` llama a los servicios. Qué padre puede
tener un nodo lo decide `nucleo.servicios.arbol` (`motivo_para_no_reconectar`); aquí solo se muestra.
Los elementos que dibuja están en `ui.widgets.elementos_arbol`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFrame, QGraphicsScene, QGraphicsView, QWidget

from nucleo.arbol_disposicion import COLORES_NODO, Caja, conector, disponer, disposicion_automatica, limites
from nucleo.i18n import _
from nucleo.servicios import arbol as servicio
from nucleo.servicios.arbol import NodoArbol
from ui.widgets.elementos_arbol import (
    Z_ARRASTRE,
    Z_ELEGIDO,
    Z_NODO,
    ItemConector,
    ItemNodo,
    Medida,
    Metricas,
    medir,
)

ESCALA_MINIMA, ESCALA_MAXIMA = 0.15, 3.0
MARGEN_ESCENA = 120.0


def _corto(texto: str, largo: int = 50) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= largo else texto[:largo - 1].rstrip() + "…"


class VistaArbol(QGraphicsView):
    """La escena del árbol: `cargar(nodos)`, `seleccionar(id)`, zoom, navegación y arrastre.

    No cambia datos: emite `movido(id, x, y)` al soltar un nodo arrastrado, `reconexion(id, padre_id)` al soltarlo
    con Mayús sobre otro nodo y `editar(id)` con doble clic o Intro; quien la usa llama a los servicios.
    """

    elegido = Signal(object)  # node id or None
    editar = Signal(int)
    movido = Signal(int, float, float)
    reconexion = Signal(int, int)
    aviso = Signal(str, bool)  # short text for the status line, and whether it is a refusal
    zoom_cambiado = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._escena = QGraphicsScene(self)
        self.setScene(self._escena)
        self._nodos: dict[int, NodoArbol] = {}
        self._lista: list[NodoArbol] = []
        self._cajas: dict[int, Caja] = {}
        self._auto: dict[int, tuple[float, float]] = {}
        self._centros: dict[int, tuple[float, float]] = {}
        self._items: dict[int, ItemNodo] = {}
        self._conectores: dict[int, ItemConector] = {}  # by child id
        self._hijos: dict[int | None, list[int]] = {}
        self._seleccion: int | None = None
        self._solo_lectura = False
        self._m = Metricas.de(self.font())
        self._ajustar_pendiente = False
        # Drag state.
        self._presionado: int | None = None
        self._inicio = QPointF()
        self._centro_original = (0.0, 0.0)
        self._arrastrando = False
        self._destino: int | None = None

        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(_("Árbol de problemas"))
        self._escena.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    # -- datos -----------------------------------------------------------------------------------------------
    def cargar(self, nodos: list[NodoArbol]) -> None:
        """Muestra estos nodos (reemplaza los anteriores); conserva el elegido si sigue estando."""
        self._cancelar_arrastre()
        self._m = Metricas.de(self.font())
        self._lista = list(nodos)
        self._nodos = {n.id: n for n in nodos}
        self._hijos = {}
        for n in nodos:
            self._hijos.setdefault(n.padre_id, []).append(n.id)
        medidas: dict[int, Medida] = {n.id: medir(n, self._m) for n in nodos}
        self._cajas = {n.id: Caja(n.id, n.padre_id, n.tipo, medidas[n.id].ancho, medidas[n.id].alto, n.orden,
                                  n.x, n.y) for n in nodos}
        self._auto = disposicion_automatica(self._cajas.values())
        self._centros = disponer(self._cajas.values(), automatica=self._auto)
        self._escena.clear()
        self._items, self._conectores = {}, {}
        for n in nodos:
            if n.id not in self._centros:
                continue  # not reachable from the central problem (should not happen)
            item = ItemNodo(n, medidas[n.id], self._m, self._solo_lectura)
            item.setPos(*self._centros[n.id])
            self._escena.addItem(item)
            self._items[n.id] = item
        for n in nodos:
            if n.padre_id is not None and n.id in self._items and n.padre_id in self._items:
                c = ItemConector(n.id, n.padre_id)
                c.fijar(conector(self._cajas[n.id], self._cajas[n.padre_id], self._centros))
                self._escena.addItem(c)
                self._conectores[n.id] = c
        if self._seleccion not in self._items:
            self._seleccion = None
        if self._seleccion is not None:
            self._items[self._seleccion].fijar_elegido(True)
        self._ajustar_escena()

    def nodos(self) -> list[NodoArbol]:
        return list(self._lista)

    def nodo(self, nodo_id: int | None) -> NodoArbol | None:
        return self._nodos.get(nodo_id) if nodo_id is not None else None

    def item(self, nodo_id: int) -> ItemNodo | None:
        return self._items.get(nodo_id)

    def conector_de(self, nodo_id: int) -> ItemConector | None:
        return self._conectores.get(nodo_id)

    def centro(self, nodo_id: int) -> QPointF:
        return self._items[nodo_id].pos()

    def problema(self) -> NodoArbol | None:
        return servicio.problema_central(self._lista)

    def limites_arbol(self) -> QRectF:
        x0, y0, x1, y1 = limites(self._cajas.values(), self._centros)
        return QRectF(x0, y0, x1 - x0, y1 - y0)

    def _ajustar_escena(self) -> None:
        r = self.limites_arbol()
        self._escena.setSceneRect(r.adjusted(-MARGEN_ESCENA, -MARGEN_ESCENA, MARGEN_ESCENA, MARGEN_ESCENA))

    def fijar_solo_lectura(self, solo: bool) -> None:
        self._solo_lectura = bool(solo)
        self._cancelar_arrastre()

    # -- selección -------------------------------------------------------------------------------------------
    def seleccionado(self) -> int | None:
        return self._seleccion

    def seleccionar(self, nodo_id: int | None, visible: bool = True) -> None:
        """Elige un nodo (o ninguno) y lo trae a la vista; emite `elegido` si cambió."""
        if nodo_id is not None and nodo_id not in self._items:
            nodo_id = None
        if nodo_id == self._seleccion:
            if nodo_id is not None and visible:
                self.ensureVisible(self._items[nodo_id], 40, 40)
            return
        if self._seleccion is not None and self._seleccion in self._items:
            self._items[self._seleccion].fijar_elegido(False)
        self._seleccion = nodo_id
        if nodo_id is not None:
            self._items[nodo_id].fijar_elegido(True)
            if visible:
                self.ensureVisible(self._items[nodo_id], 40, 40)
        self.elegido.emit(nodo_id)

    # -- navegación con el teclado ----------------------------------------------------------------------------
    def _profundidad(self, nodo_id: int) -> int:
        d, actual = 0, self._nodos[nodo_id].padre_id
        while actual is not None and actual in self._nodos and d <= len(self._nodos):
            d += 1
            actual = self._nodos[actual].padre_id
        return d

    def _mas_cercano(self, ids: list[int], x: float) -> int | None:
        ids = [i for i in ids if i in self._items]
        return min(ids, key=lambda i: (abs(self._items[i].pos().x() - x), i)) if ids else None

    def vecino(self, nodo_id: int, direccion: str) -> int | None:
        """El nodo al que lleva una flecha desde `nodo_id`: «arriba» hacia los efectos, «abajo» hacia las causas,
        «izquierda»/«derecha» al vecino de la misma fila (mismo lado y misma profundidad)."""
        n = self._nodos.get(nodo_id)
        if n is None:
            return None
        x = self._items[nodo_id].pos().x() if nodo_id in self._items else 0.0
        hijos = lambda tipo: [h for h in self._hijos.get(nodo_id, []) if self._nodos[h].tipo == tipo]  # noqa: E731
        if direccion == "arriba":
            if n.tipo == "causa":
                return n.padre_id
            return self._mas_cercano(hijos("efecto"), x)
        if direccion == "abajo":
            if n.tipo == "efecto":
                return n.padre_id
            return self._mas_cercano(hijos("causa"), x)
        if n.tipo == "problema":
            return None
        nivel = self._profundidad(nodo_id)
        fila = sorted((i for i, m in self._nodos.items() if m.tipo == n.tipo and i in self._items
                       and self._profundidad(i) == nivel), key=lambda i: (self._items[i].pos().x(), i))
        k = fila.index(nodo_id) + (1 if direccion == "derecha" else -1)
        return fila[k] if 0 <= k < len(fila) else None

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        tecla = evento.key()
        modificadores = evento.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if tecla == Qt.Key.Key_Escape and self._presionado is not None:
            self._cancelar_arrastre(restaurar=True)
            evento.accept()
            return
        direccion = {Qt.Key.Key_Up: "arriba", Qt.Key.Key_Down: "abajo", Qt.Key.Key_Left: "izquierda",
                     Qt.Key.Key_Right: "derecha"}.get(Qt.Key(tecla))
        if direccion and modificadores == Qt.KeyboardModifier.NoModifier:
            evento.accept()
            if self._seleccion is None:
                p = self.problema()
                self.seleccionar(p.id if p else None)
                return
            destino = self.vecino(self._seleccion, direccion)
            if destino is not None:
                self.seleccionar(destino)
            return
        if tecla == Qt.Key.Key_Home and modificadores == Qt.KeyboardModifier.NoModifier:
            p = self.problema()
            self.seleccionar(p.id if p else None)
            evento.accept()
            return
        if tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._seleccion is not None:
            evento.accept()
            self.editar.emit(self._seleccion)
            return
        super().keyPressEvent(evento)

    # -- zoom ------------------------------------------------------------------------------------------------
    def escala(self) -> float:
        return self.transform().m11()

    def fijar_escala(self, escala: float) -> None:
        escala = min(max(escala, ESCALA_MINIMA), ESCALA_MAXIMA)
        actual = self.escala()
        if abs(escala - actual) < 1e-6:
            return
        self.scale(escala / actual, escala / actual)
        self.zoom_cambiado.emit(self.escala())

    def acercar(self) -> None:
        self.fijar_escala(self.escala() * 1.2)

    def alejar(self) -> None:
        self.fijar_escala(self.escala() / 1.2)

    def ajustar(self) -> None:
        """Todo el árbol a la vista, sin agrandarlo más que su tamaño natural."""
        if not self.isVisible() or self.viewport().width() < 50:
            self._ajustar_pendiente = True
            return
        self._ajustar_pendiente = False
        r = self.limites_arbol().adjusted(-24, -24, 24, 24)
        if r.width() <= 48:
            return
        vp = self.viewport().rect()
        escala = min(vp.width() / r.width(), vp.height() / r.height(), 1.0)
        self.resetTransform()
        self.fijar_escala(max(escala, ESCALA_MINIMA))
        self.zoom_cambiado.emit(self.escala())
        self.centerOn(r.center())

    def pedir_ajuste(self) -> None:
        self._ajustar_pendiente = True
        self.ajustar()

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().showEvent(evento)
        if self._ajustar_pendiente:
            self.ajustar()

    def resizeEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(evento)
        if self._ajustar_pendiente:
            self.ajustar()

    def wheelEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.modifiers() & Qt.KeyboardModifier.ControlModifier:
            paso = evento.angleDelta().y()
            if paso:
                self.fijar_escala(self.escala() * (1.15 if paso > 0 else 1 / 1.15))
            evento.accept()
            return
        super().wheelEvent(evento)

    def changeEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().changeEvent(evento)
        if evento.type() == QEvent.Type.FontChange and self._lista:
            self.cargar(self._lista)

    # -- ratón -----------------------------------------------------------------------------------------------
    def _nodo_en(self, pos, excluir: set[int] = frozenset()) -> int | None:
        for item in self.items(pos):
            if isinstance(item, ItemNodo) and item.id not in excluir:
                return item.id
        return None

    def mousePressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(evento)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        nodo_id = self._nodo_en(evento.position().toPoint())
        self.seleccionar(nodo_id, visible=False)
        if nodo_id is not None and not self._solo_lectura:
            self._presionado = nodo_id
            self._inicio = self.mapToScene(evento.position().toPoint())
            self._centro_original = self._centros[nodo_id]
            self._arrastrando = False
        evento.accept()

    def mouseMoveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if self._presionado is None:
            super().mouseMoveEvent(evento)
            return
        pos = self.mapToScene(evento.position().toPoint())
        if not self._arrastrando:
            if (evento.position().toPoint() - self.mapFromScene(self._inicio)).manhattanLength() \
                    < QApplication.startDragDistance():
                return
            self._arrastrando = True
            self._items[self._presionado].setZValue(Z_ARRASTRE)
            self._items[self._presionado].setOpacity(0.88)
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        delta = pos - self._inicio
        x, y = self._centro_original[0] + delta.x(), self._centro_original[1] + delta.y()
        con_mayus = bool(evento.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if con_mayus:
            # Reconnecting: only the node follows the pointer, so it can be dropped even on what hangs from it
            # (and be told why not).
            self._aplicar(disponer(self._cajas.values(), automatica=self._auto), self._cajas)
            self._items[self._presionado].setPos(x, y)
            self._marcar_destino(self._nodo_en(evento.position().toPoint(), {self._presionado}))
        else:
            self.arrastrar_a(self._presionado, x, y)
            self._marcar_destino(None)
        evento.accept()

    def mouseReleaseEvent(self, evento) -> None:  # noqa: N802 - Qt override
        nodo_id = self._presionado
        if nodo_id is None or evento.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(evento)
            return
        evento.accept()
        if not self._arrastrando:
            self._cancelar_arrastre()
            return
        con_mayus = bool(evento.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        destino = self._nodo_en(evento.position().toPoint(), {nodo_id}) if con_mayus else None
        if con_mayus:
            # A reconnection (or nothing, if dropped on empty space): the node goes back to its place.
            self._cancelar_arrastre(restaurar=True)
            if destino is not None:
                self.reconexion.emit(nodo_id, destino)
            return
        x, y = self._centros[nodo_id]
        original = self._centro_original
        self._cancelar_arrastre()
        self._ajustar_escena()
        if abs(x - original[0]) >= 0.5 or abs(y - original[1]) >= 0.5:
            self.movido.emit(nodo_id, round(x, 1), round(y, 1))

    def mouseDoubleClickEvent(self, evento) -> None:  # noqa: N802 - Qt override
        nodo_id = self._nodo_en(evento.position().toPoint())
        evento.accept()
        if nodo_id is not None:
            self.seleccionar(nodo_id, visible=False)
            self.editar.emit(nodo_id)

    def arrastrar_a(self, nodo_id: int, x: float, y: float) -> None:
        """Muestra el nodo con su centro en (x, y), con lo que cuelga de él (mientras se arrastra)."""
        cajas = dict(self._cajas)
        cajas[nodo_id] = replace(cajas[nodo_id], x=x, y=y)
        self._aplicar(disponer(cajas.values(), automatica=self._auto), cajas)

    def _aplicar(self, centros: dict[int, tuple[float, float]], cajas: dict[int, Caja]) -> None:
        cambiados = {i for i, c in centros.items() if self._centros.get(i) != c}
        self._centros = centros
        for i in cambiados:
            if i in self._items:
                self._items[i].setPos(*centros[i])
        for hijo, c in self._conectores.items():
            if hijo in cambiados or c.padre_id in cambiados:
                c.fijar(conector(cajas[hijo], cajas[c.padre_id], centros))

    def _marcar_destino(self, destino: int | None) -> None:
        if destino == self._destino:
            return
        if self._destino is not None and self._destino in self._items:
            self._items[self._destino].fijar_destino(None)
        self._destino = destino
        if destino is None or self._presionado is None:
            self.aviso.emit("", False)
            return
        motivo = servicio.motivo_para_no_reconectar(self._lista, self._presionado, destino)
        self._items[destino].fijar_destino(motivo is None)
        self.aviso.emit(motivo or _("Suelte para colgarlo de «{texto}».").format(
            texto=_corto(self._nodos[destino].texto)), motivo is not None)

    def _cancelar_arrastre(self, restaurar: bool = False) -> None:
        nodo_id = self._presionado
        self._presionado = None
        self._marcar_destino(None)
        if nodo_id is not None and nodo_id in self._items:
            self._items[nodo_id].setZValue(Z_ELEGIDO if nodo_id == self._seleccion else Z_NODO)
            self._items[nodo_id].setOpacity(1.0)
            if self._arrastrando and restaurar:
                self._aplicar(disponer(self._cajas.values(), automatica=self._auto), self._cajas)
                self._items[nodo_id].setPos(*self._centros[nodo_id])
            self.viewport().unsetCursor()
        self._arrastrando = False

    # -- imagen ----------------------------------------------------------------------------------------------
    def imagen(self, escala: float = 2.0, titulo: str = "") -> QImage:
        """El árbol entero como imagen (fondo blanco, sin la marca de selección), con un título arriba si se da."""
        margen = 24.0
        r = self.limites_arbol().adjusted(-margen, -margen, margen, margen)
        fuente_titulo = QFont(self.font())
        fuente_titulo.setBold(True)
        if fuente_titulo.pointSizeF() > 0:
            fuente_titulo.setPointSizeF(fuente_titulo.pointSizeF() * 1.3)
        alto_titulo = (self.fontMetrics().height() * 2.4) if titulo else 0.0
        ancho, alto = max(r.width(), 200.0), r.height() + alto_titulo
        img = QImage(max(1, round(ancho * escala)), max(1, round(alto * escala)), QImage.Format.Format_ARGB32)
        img.fill(QColor("#ffffff"))
        elegido = self._items.get(self._seleccion) if self._seleccion is not None else None
        if elegido is not None:
            elegido.fijar_elegido(False)
        p = QPainter(img)
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        p.scale(escala, escala)
        if titulo:
            p.setFont(fuente_titulo)
            p.setPen(QColor(COLORES_NODO["problema"]["fondo"]))
            p.drawText(QRectF(margen, 8, ancho - 2 * margen, alto_titulo - 8),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), titulo)
        self._escena.render(p, QRectF(0, alto_titulo, r.width(), r.height()), r)
        p.end()
        if elegido is not None:
            elegido.fijar_elegido(True)
        return img

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(900, 560)
