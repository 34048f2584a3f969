"""El diagrama de Gantt del cronograma: la lista de tareas al lado de las barras, con la escala de tiempo arriba.

`VistaGantt` no cambia datos: arrastrar una barra, su borde o su asa de vínculo, el doble clic y el teclado emiten
señales (`mover_pedido`, `duracion_pedida`, `vinculo_pedido`, `editar_pedido`) y el panel del cronograma las
convierte en órdenes de los servicios, que se pueden deshacer. El dibujo está en `ui.widgets.gantt_escena` y la
lista en `ui.widgets.gantt_lista`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QHeaderView,
    QSplitter,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.calendario import Calendario
from nucleo.i18n import _
from ui.widgets.gantt_escena import (
    HITO,
    NORMAL,
    ORDEN_ZOOM,
    SIN_FECHAS,
    ZOOMS,
    Diagrama,
    EncabezadoEscala,
    ItemCronograma,
    LeyendaGantt,
    _rombo,
    color_barra,
)
from ui.widgets.gantt_lista import COL_ACTIVIDAD, DelegadoSangria, ModeloGantt

__all__ = ["ORDEN_ZOOM", "VistaGantt"]


@dataclass(slots=True)
class _Arrastre:
    modo: str  # "mover", "duracion" or "vincular"
    fila: int
    inicio: QPointF  # scene position where the button went down
    activo: bool = False
    fecha: date | None = None  # what a release would ask for
    dias: int = 0
    destino: int = -1


class VistaCronograma(QGraphicsView):
    """Las barras: selección con el ratón, arrastres con vista previa, asa de vínculo al pasar, zoom con la rueda."""

    fila_pedida = Signal(int)
    mover_pedido = Signal(int, object)
    duracion_pedida = Signal(int, int)
    vinculo_pedido = Signal(int, int)
    editar_pedido = Signal(int)
    zoom_rueda = Signal(int, float)  # +1 closer / -1 farther, anchored at this viewport x

    def __init__(self, item: ItemCronograma, parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.ayuda: Callable[[int], str] = lambda _r: ""
        self._escena = QGraphicsScene(self)
        self._escena.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self._escena.addItem(item)
        self.setScene(self._escena)
        self._fantasma = QGraphicsPathItem()
        self._fantasma.setZValue(10)
        self._fantasma.setPen(QPen(QColor("#263238"), 1.5, Qt.PenStyle.DashLine))
        self._fantasma.setBrush(QBrush(QColor(38, 50, 56, 90)))
        self._fantasma.hide()
        self._destino = QGraphicsPathItem()
        self._destino.setZValue(9)
        self._destino.setPen(QPen(QColor("#2e7d32"), 2.5))
        self._destino.hide()
        self._banda = QGraphicsLineItem()
        self._banda.setZValue(11)
        self._banda.setPen(QPen(QColor("#263238"), 1.5, Qt.PenStyle.DashLine))
        self._banda.hide()
        for extra in (self._fantasma, self._destino, self._banda):
            self._escena.addItem(extra)
        self._arrastre: _Arrastre | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState
                                  | QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Diagrama de Gantt"))

    # -- geometría -------------------------------------------------------------------------------------------
    def fila_en(self, pos: QPointF) -> int:
        d = self.item.d
        if d is None or pos.y() < 0:
            return -1
        r = int(pos.y() // self.item.alto)
        return r if r < len(d.barras) else -1

    def parte_en(self, pos: QPointF) -> tuple[int, str | None]:
        """Row under a scene point and which part of its bar: "asa", "borde", "barra" or "fila"."""
        r = self.fila_en(pos)
        if r < 0:
            return -1, None
        b = self.item.d.barras[r]
        if b.tipo == SIN_FECHAS:
            return r, "fila"
        rect = self.item.rect_barra(r)
        x, y = pos.x(), pos.y()
        dentro_y = rect.top() - 3 <= y <= rect.bottom() + 3
        if b.tipo in (NORMAL, HITO):
            asa = self.item.asa(r)
            if abs(x - asa.x()) <= 6 and abs(y - asa.y()) <= 6:
                return r, "asa"
        if b.tipo == NORMAL and dentro_y and rect.right() - 5 <= x <= rect.right() + 3 and rect.width() >= 8:
            return r, "borde"
        if dentro_y and rect.left() - 2 <= x <= rect.right() + 2:
            return r, "barra"
        return r, "fila"

    def punto_de(self, fila: int, parte: str = "barra") -> QPoint:
        """Viewport point on a part of a row's bar (for tests and accessibility tools)."""
        rect = self.item.rect_barra(fila)
        if parte == "asa":
            p = self.item.asa(fila)
        elif parte == "borde":
            p = QPointF(rect.right() - 2, rect.center().y())
        else:
            p = QPointF(rect.left() + min(rect.width() / 2, 10), rect.center().y())
        return self.mapFromScene(p)

    # -- ratón -----------------------------------------------------------------------------------------------
    def mousePressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(evento)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = self.mapToScene(evento.position().toPoint())
        r, parte = self.parte_en(pos)
        evento.accept()
        if r < 0:
            return
        self.fila_pedida.emit(r)
        b = self.item.d.barras[r]
        if not self.item.editable or b.tipo not in (NORMAL, HITO) or parte == "fila":
            return
        con_mayus = bool(evento.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if parte == "asa" or con_mayus:
            modo = "vincular"
        elif parte == "borde":
            modo = "duracion"
        else:
            modo = "mover"
        self._arrastre = _Arrastre(modo, r, pos)

    def mouseMoveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        pos = self.mapToScene(evento.position().toPoint())
        a = self._arrastre
        if a is None:
            self._al_pasar(pos)
            super().mouseMoveEvent(evento)
            return
        evento.accept()
        if not a.activo:
            if (evento.position().toPoint() - self.mapFromScene(a.inicio)).manhattanLength() \
                    < QApplication.startDragDistance():
                return
            a.activo = True
            self.viewport().setCursor(Qt.CursorShape.CrossCursor if a.modo == "vincular"
                                      else Qt.CursorShape.ClosedHandCursor if a.modo == "mover"
                                      else Qt.CursorShape.SizeHorCursor)
        texto = self._vista_previa(a, pos)
        if texto:
            QToolTip.showText(evento.globalPosition().toPoint() + QPoint(14, 18), texto, self.viewport())

    def mouseReleaseEvent(self, evento) -> None:  # noqa: N802 - Qt override
        a = self._arrastre
        if a is None or evento.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(evento)
            return
        evento.accept()
        if a.activo:
            self._vista_previa(a, self.mapToScene(evento.position().toPoint()))
        self.cancelar_arrastre()
        if not a.activo:
            return
        fila = self.item.d.filas[a.fila]
        if a.modo == "mover" and a.fecha is not None and a.fecha != self._inicio_actual(a.fila):
            self.mover_pedido.emit(fila.id, a.fecha)
        elif a.modo == "duracion" and a.dias >= 1 and a.dias != fila.duracion:
            self.duracion_pedida.emit(fila.id, a.dias)
        elif a.modo == "vincular" and a.destino >= 0:
            self.vinculo_pedido.emit(fila.id, self.item.d.filas[a.destino].id)

    def mouseDoubleClickEvent(self, evento) -> None:  # noqa: N802 - Qt override
        r = self.fila_en(self.mapToScene(evento.position().toPoint()))
        evento.accept()
        if r >= 0:
            self.fila_pedida.emit(r)
            self.editar_pedido.emit(self.item.d.filas[r].id)

    def leaveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        self._fijar_asa(-1)
        super().leaveEvent(evento)

    def wheelEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.modifiers() & Qt.KeyboardModifier.ControlModifier:
            paso = evento.angleDelta().y()
            if paso:
                self.zoom_rueda.emit(1 if paso > 0 else -1, evento.position().x())
            evento.accept()
            return
        super().wheelEvent(evento)

    def viewportEvent(self, evento) -> bool:  # noqa: N802 - Qt override
        if evento.type() == QEvent.Type.ToolTip and self._arrastre is None:
            pos = self.mapToScene(evento.pos())
            r, parte = self.parte_en(pos)
            texto = self.ayuda(r) if r >= 0 and parte != "fila" else ""
            if parte == "asa":
                texto = _("Arrastre hasta otra barra para vincularla (esta será la predecesora).")
            if texto:
                QToolTip.showText(evento.globalPos(), texto, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(evento)

    def _al_pasar(self, pos: QPointF) -> None:
        r, parte = self.parte_en(pos)
        editable = self.item.editable and r >= 0 and self.item.d.barras[r].tipo in (NORMAL, HITO)
        asa = -1
        if editable:
            x0, _x1 = self.item.extremos(r)
            if x0 - 4 <= pos.x() <= self.item.asa(r).x() + 8:
                asa = r
        self._fijar_asa(asa)
        cursor = None
        if editable:
            cursor = {"asa": Qt.CursorShape.CrossCursor, "borde": Qt.CursorShape.SizeHorCursor,
                      "barra": Qt.CursorShape.OpenHandCursor}.get(parte or "")
        if cursor is None:
            self.viewport().unsetCursor()
        else:
            self.viewport().setCursor(cursor)

    def _fijar_asa(self, r: int) -> None:
        if r != self.item.asa_en:
            anterior, self.item.asa_en = self.item.asa_en, r
            self.item.actualizar_fila(anterior)
            self.item.actualizar_fila(r)

    # -- arrastres -------------------------------------------------------------------------------------------
    def _inicio_actual(self, r: int) -> date:
        """The start date a move compares with: for a hito, the engine's start (the day after the one it marks)."""
        f = self.item.d.filas[r]
        if self.item.d.barras[r].tipo == HITO:
            return self.item.d.cal.dia_habil_siguiente(f.fin)
        return f.inicio

    def _vista_previa(self, a: _Arrastre, pos: QPointF) -> str:
        d, item = self.item.d, self.item
        cal, ppd = d.cal, item.ppd
        fila, barra = d.filas[a.fila], d.barras[a.fila]
        dx = pos.x() - a.inicio.x()
        camino = QPainterPath()
        texto = ""
        if a.modo == "mover":
            dias = round(dx / ppd)
            if barra.tipo == HITO:
                marcado = cal.siguiente_habil(fila.fin + timedelta(days=dias))
                a.fecha = cal.dia_habil_siguiente(marcado)  # the engine shows a hito on the day before its start
                rombo = _rombo((d.dia(marcado) + 1) * ppd, item.centro_y(a.fila), item.mitad_hito() + 1)
                camino.addPolygon(rombo)
                camino.closeSubpath()
                texto = _("Hito: {fecha}").format(fecha=formato.fecha(marcado))
            else:
                a.fecha = cal.siguiente_habil(fila.inicio + timedelta(days=dias))
                fin = cal.sumar_dias_habiles(a.fecha, max(1, fila.duracion or 1))
                rect = item.rect_barra(a.fila)
                camino.addRect(QRectF(d.dia(a.fecha) * ppd, rect.top(), (d.dia(fin) + 1 - d.dia(a.fecha)) * ppd,
                                      rect.height()))
                texto = _("Inicio: {inicio} · Fin: {fin}").format(inicio=formato.fecha(a.fecha),
                                                                  fin=formato.fecha(fin))
        elif a.modo == "duracion":
            borde = barra.fin * ppd + dx
            ultimo = d.fecha(round(borde / ppd) - 1)
            a.dias = max(1, cal.dias_habiles_entre(fila.inicio - timedelta(days=1), ultimo))
            fin = cal.sumar_dias_habiles(fila.inicio, a.dias)
            rect = item.rect_barra(a.fila)
            camino.addRect(QRectF(rect.left(), rect.top(), (d.dia(fin) + 1) * ppd - rect.left(), rect.height()))
            texto = _("Duración: {n} días hábiles · Fin: {fin}").format(n=formato.entero(a.dias),
                                                                        fin=formato.fecha(fin))
        else:
            r, parte = self.parte_en(pos)
            valido = r >= 0 and r != a.fila and d.barras[r].tipo in (NORMAL, HITO) and parte in ("barra", "borde",
                                                                                                "asa")
            a.destino = r if valido else -1
            origen = item.asa(a.fila)
            self._banda.setLine(origen.x(), origen.y(), pos.x(), pos.y())
            self._banda.show()
            if valido:
                marco = QPainterPath()
                marco.addRect(item.rect_barra(r).adjusted(-3, -3, 3, 3))
                self._destino.setPath(marco)
                self._destino.show()
                texto = _("Vincular: «{a}» antes de «{b}»").format(a=d.barras[a.fila].etiqueta,
                                                                   b=d.barras[r].etiqueta)
            else:
                self._destino.hide()
                texto = _("Suelte sobre otra actividad para vincularla.")
            return texto
        self._fantasma.setPath(camino)
        self._fantasma.show()
        return texto

    def cancelar_arrastre(self) -> None:
        self._arrastre = None
        self._fantasma.hide()
        self._destino.hide()
        self._banda.hide()
        self.viewport().unsetCursor()
        QToolTip.hideText()

    def arrastrando(self) -> bool:
        return self._arrastre is not None


class VistaGantt(QWidget):
    """Lista de tareas y barras sincronizadas; ver el contrato en /work/briefs/PLAN_API.md («Gantt widget»).

    `cargar(filas, cal, inicio_plan, hoy)` con filas `FilaActividad` en el orden de la EDT; conserva la actividad
    elegida y el desplazamiento cuando se vuelve a cargar el mismo plan. Nunca escribe: emite pedidos.
    """

    seleccion_cambiada = Signal(object)  # activity id or None
    mover_pedido = Signal(int, object)  # id, new start date (for a hito: the engine's start, the day after its mark)
    duracion_pedida = Signal(int, int)  # id, working days (>= 1)
    vinculo_pedido = Signal(int, int)  # predecessor id, successor id
    editar_pedido = Signal(int)
    zoom_cambiado = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._filas: list[Any] = []
        self._id_actual: int | None = None
        self._cargando = False
        self._traer = True  # whether a selection change scrolls the chart to the bar
        self._anchos_puestos = False
        self._modelo = ModeloGantt(self)
        self._modelo.fijar_fuente(self.font())
        self._item = ItemCronograma(self.font())

        self._tabla = QTableView()
        self._tabla.setModel(self._modelo)
        self._tabla.setItemDelegateForColumn(COL_ACTIVIDAD, DelegadoSangria(self._tabla))
        self._tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._tabla.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._tabla.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._tabla.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._tabla.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._tabla.setFrameShape(QFrame.Shape.NoFrame)
        self._tabla.setWordWrap(False)
        self._tabla.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._tabla.setAlternatingRowColors(False)
        self._tabla.setShowGrid(False)
        self._tabla.verticalHeader().hide()
        self._tabla.setAccessibleName(_("Lista de actividades del cronograma"))
        cabecera = self._tabla.horizontalHeader()
        cabecera.setHighlightSections(False)
        cabecera.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        cabecera.setStretchLastSection(False)

        self._grafico = VistaCronograma(self._item)
        self._grafico.ayuda = self._ayuda_fila
        self._encabezado = EncabezadoEscala(self._item)
        self._leyenda = LeyendaGantt()

        derecha = QWidget()
        caja = QVBoxLayout(derecha)
        caja.setContentsMargins(0, 0, 0, 0)
        caja.setSpacing(0)
        caja.addWidget(self._encabezado)
        caja.addWidget(self._grafico, 1)
        self._divisor = QSplitter(Qt.Orientation.Horizontal)
        self._divisor.addWidget(self._tabla)
        self._divisor.addWidget(derecha)
        self._divisor.setStretchFactor(0, 0)
        self._divisor.setStretchFactor(1, 1)
        self._divisor.setChildrenCollapsible(False)
        self._divisor.setSizes([520, 760])
        caja = QVBoxLayout(self)
        caja.setContentsMargins(0, 0, 0, 0)
        caja.setSpacing(2)
        caja.addWidget(self._divisor, 1)
        caja.addWidget(self._leyenda)
        self._ajustar_alturas()

        # Both sides scroll together vertically; the header follows the chart horizontally.
        barra_tabla, barra_grafico = self._tabla.verticalScrollBar(), self._grafico.verticalScrollBar()
        barra_tabla.valueChanged.connect(barra_grafico.setValue)
        barra_grafico.valueChanged.connect(barra_tabla.setValue)
        self._grafico.horizontalScrollBar().valueChanged.connect(self._al_desplazar)
        self._grafico.horizontalScrollBar().rangeChanged.connect(self._al_desplazar)
        self._tabla.selectionModel().currentRowChanged.connect(self._al_cambiar_fila)
        self._tabla.doubleClicked.connect(self._al_doble_clic)
        self._grafico.fila_pedida.connect(lambda r: self._elegir_fila(r, traer=False))
        self._grafico.mover_pedido.connect(self.mover_pedido)
        self._grafico.duracion_pedida.connect(self.duracion_pedida)
        self._grafico.vinculo_pedido.connect(self.vinculo_pedido)
        self._grafico.editar_pedido.connect(self.editar_pedido)
        self._grafico.zoom_rueda.connect(lambda paso, x: self._zoom_paso(paso, x))
        self._tabla.installEventFilter(self)
        self._grafico.installEventFilter(self)
        self.setFocusProxy(self._tabla)

    # -- partes (para el panel y las pruebas) ----------------------------------------------------------------
    def tabla(self) -> QTableView:
        return self._tabla

    def modelo(self) -> ModeloGantt:
        return self._modelo

    def grafico(self) -> VistaCronograma:
        return self._grafico

    def encabezado(self) -> EncabezadoEscala:
        return self._encabezado

    def _ajustar_alturas(self) -> None:
        a = self._item.alto
        vertical = self._tabla.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setMinimumSectionSize(a)
        vertical.setDefaultSectionSize(a)
        alto = 2 * self._encabezado.alto_banda()
        self._encabezado.setFixedHeight(alto)
        self._tabla.horizontalHeader().setFixedHeight(alto)

    # -- datos -----------------------------------------------------------------------------------------------
    def cargar(self, filas: Sequence[Any], cal: Calendario, inicio_plan: date, hoy: date) -> None:
        """Muestra estas actividades (en el orden de la EDT). Si es el mismo plan, conserva la elegida y la vista."""
        anterior = self._item.d
        # The left edge in days since 1 January of year 1: the new plan may start its scale elsewhere.
        izquierda = None
        if anterior is not None:
            izquierda = anterior.origen.toordinal() + self._grafico.horizontalScrollBar().value() / self._item.ppd
        vertical = self._grafico.verticalScrollBar().value()
        elegida = self._id_actual
        self._filas = list(filas)
        d = Diagrama(self._filas, cal, inicio_plan, hoy)
        mismo = anterior is not None and not set(anterior.indice).isdisjoint(d.indice)
        self._cargando = True
        try:
            self._grafico.cancelar_arrastre()
            self._modelo.cargar(self._filas)
            self._item.seleccionada = -1
            self._item.asa_en = -1
            self._item.fijar_diagrama(d)
            self._grafico.scene().setSceneRect(self._item.boundingRect())
            if not self._anchos_puestos and self._filas:
                self._poner_anchos()
            self._tabla.doItemsLayout()  # scroll ranges now, so the restored position is not clamped
            if mismo and elegida in d.indice:
                self._elegir_fila(d.indice[elegida], traer=False)
            else:
                self._item.seleccionada = -1
        finally:
            self._cargando = False
        if mismo:
            self._grafico.verticalScrollBar().setValue(vertical)
            self._tabla.verticalScrollBar().setValue(vertical)
            if izquierda is not None:
                self._grafico.horizontalScrollBar().setValue(
                    round((izquierda - d.origen.toordinal()) * self._item.ppd))
        else:
            self._tabla.verticalScrollBar().setValue(0)
            self.ir_al_inicio()
        nuevo = self._filas[self._item.seleccionada].id if self._item.seleccionada >= 0 else None
        if nuevo != self._id_actual or (nuevo is None and elegida is not None):
            self._id_actual = nuevo
            self.seleccion_cambiada.emit(nuevo)
        self._encabezado.update()

    def filas(self) -> list[Any]:
        return list(self._filas)

    def _poner_anchos(self) -> None:
        m = self._tabla.fontMetrics()
        muestra = self._filas[:300]
        codigo = max((m.horizontalAdvance(f.codigo) for f in muestra), default=30)
        anchos = [max(codigo, m.horizontalAdvance(_("Código"))) + 22, 250,
                  m.horizontalAdvance(_("Duración")) + 18, m.horizontalAdvance("00/00/0000") + 18,
                  m.horizontalAdvance("00/00/0000") + 18, m.horizontalAdvance(_("Holgura")) + 18]
        for c, ancho in enumerate(anchos):
            self._tabla.setColumnWidth(c, ancho)
        self._divisor.setSizes([sum(anchos) + 2, max(300, self.width() - sum(anchos))])
        self._anchos_puestos = True

    def fijar_editable(self, editable: bool) -> None:
        """Sin edición (plan sancionado, solo lectura): las barras no se arrastran ni muestran el asa de vínculo."""
        self._item.editable = bool(editable)
        self._grafico.cancelar_arrastre()
        self._item.update()

    def editable(self) -> bool:
        return self._item.editable

    # -- selección -------------------------------------------------------------------------------------------
    def actividad_actual(self) -> int | None:
        return self._id_actual

    def seleccionar(self, aid: int | None) -> None:
        """Elige una actividad (o ninguna) en los dos lados y la trae a la vista."""
        d = self._item.d
        if d is None or aid is None or aid not in d.indice:
            self._tabla.selectionModel().clearSelection()
            self._tabla.selectionModel().setCurrentIndex(self._modelo.index(-1, -1),
                                                         QItemSelectionModel.SelectionFlag.NoUpdate)
            self._al_cambiar_fila(self._modelo.index(-1, -1))
            return
        self._elegir_fila(d.indice[aid], traer=True)

    def _elegir_fila(self, r: int, traer: bool) -> None:
        if not 0 <= r < self._modelo.rowCount():
            return
        indice = self._modelo.index(r, max(0, self._tabla.currentIndex().column()))
        self._traer = traer
        self._tabla.selectionModel().setCurrentIndex(
            indice, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._traer = True
        if traer:
            self._tabla.scrollTo(indice)
        self._al_cambiar_fila(indice)

    def _al_cambiar_fila(self, actual, _anterior=None) -> None:
        r = actual.row() if actual.isValid() else -1
        if r != self._item.seleccionada:
            anterior, self._item.seleccionada = self._item.seleccionada, r
            self._item.actualizar_fila(anterior)
            self._item.actualizar_fila(r)
            if r >= 0 and self._traer:
                self._traer_barra(r)
        if self._cargando:
            return
        nuevo = self._filas[r].id if r >= 0 else None
        if nuevo != self._id_actual:
            self._id_actual = nuevo
            self.seleccion_cambiada.emit(nuevo)

    def _traer_barra(self, r: int) -> None:
        """Scroll horizontally to the row's bar when it is entirely out of view."""
        if self._item.d.barras[r].tipo == SIN_FECHAS:
            return
        x0, x1 = self._item.extremos(r)
        barra = self._grafico.horizontalScrollBar()
        ancho = self._grafico.viewport().width()
        if x1 < barra.value() or x0 > barra.value() + ancho - 40:
            barra.setValue(round(x0 - ancho / 4))

    def _al_doble_clic(self, indice) -> None:
        if indice.isValid():
            self.editar_pedido.emit(self._filas[indice.row()].id)

    # -- apariencia ------------------------------------------------------------------------------------------
    def color_de(self, aid: int) -> str | None:
        """El color con que se dibuja la barra: crítica, con holgura o resumen (None si no está)."""
        d = self._item.d
        if d is None or aid not in d.indice:
            return None
        return color_barra(d.barras[d.indice[aid]])

    def fijar_riesgos(self, riesgos: dict[int, tuple[str, str]] | None) -> None:
        """Marca con un triángulo (color del nivel) las actividades amenazadas; `riesgos`: id → (color, ayuda)."""
        self._item.fijar_riesgos(riesgos)
        self._leyenda.con_riesgos = bool(riesgos)
        self._leyenda.update()
        self._grafico.viewport().update()

    def riesgos(self) -> dict[int, tuple[str, str]]:
        return dict(self._item.riesgos)

    def mostrar_linea_base(self, si: bool) -> None:
        self._item.fijar_linea_base(bool(si))
        self._grafico.viewport().update()

    def linea_base_visible(self) -> bool:
        return self._item.linea_base

    def zoom(self) -> str:
        return self._item.zoom

    def pixeles_por_dia(self) -> float:
        return self._item.ppd

    def fijar_zoom(self, zoom: str, ancla: float | None = None) -> None:
        """«dia», «semana», «mes» o «trimestre»; la fecha en `ancla` (x de la vista; por omisión el centro) queda
        en su lugar."""
        if zoom not in ZOOMS:
            raise ValueError(zoom)
        if zoom == self._item.zoom:
            return
        barra = self._grafico.horizontalScrollBar()
        if ancla is None:
            ancla = self._grafico.viewport().width() / 2
        dia = (barra.value() + ancla) / self._item.ppd
        self._item.fijar_zoom(zoom)
        self._grafico.scene().setSceneRect(self._item.boundingRect())
        barra.setValue(round(dia * self._item.ppd - ancla))
        self._al_desplazar()
        self._encabezado.update()
        self.zoom_cambiado.emit(zoom)

    def acercar(self) -> None:
        self._zoom_paso(1)

    def alejar(self) -> None:
        self._zoom_paso(-1)

    def _zoom_paso(self, paso: int, ancla: float | None = None) -> None:
        k = ORDEN_ZOOM.index(self._item.zoom) - paso
        if 0 <= k < len(ORDEN_ZOOM):
            self.fijar_zoom(ORDEN_ZOOM[k], ancla)

    # -- desplazamiento --------------------------------------------------------------------------------------
    def _al_desplazar(self, *_args) -> None:
        self._encabezado.fijar_desplazamiento(float(self._grafico.horizontalScrollBar().value()))

    def desplazar_a(self, d: date, donde: str = "izquierda") -> None:
        """Trae la fecha a la vista: a la izquierda (con un margen), al centro o a la derecha."""
        if self._item.d is None:
            return
        x = self._item.d.dia(d) * self._item.ppd
        ancho = self._grafico.viewport().width()
        valor = {"izquierda": x - 24, "centro": x - ancho / 2, "derecha": x - ancho + 120}[donde]
        self._grafico.horizontalScrollBar().setValue(round(valor))

    def ir_al_inicio(self) -> None:
        if self._item.d is not None:
            self.desplazar_a(self._item.d.fecha(min(self._item.d.inicio_plan_dia, min(
                (b.ini for b in self._item.d.barras if b.tipo != SIN_FECHAS), default=self._item.d.inicio_plan_dia))))

    def ir_al_fin(self) -> None:
        """The plan's end near the right edge (a plan that fits in the view stays shown from its start)."""
        d = self._item.d
        if d is not None:
            self.ir_al_inicio()
            inicio = self._grafico.horizontalScrollBar().value()
            self.desplazar_a(d.fecha(d.fin_plan_dia), "derecha")
            if self._grafico.horizontalScrollBar().value() < inicio:
                self._grafico.horizontalScrollBar().setValue(inicio)

    def ir_a_hoy(self) -> None:
        if self._item.d is not None:
            self.desplazar_a(self._item.d.hoy, "centro")

    # -- teclado ---------------------------------------------------------------------------------------------
    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt override
        if evento.type() == QEvent.Type.KeyPress and objeto in (self._tabla, self._grafico) \
                and self._tecla(evento, en_grafico=objeto is self._grafico):
            evento.accept()
            return True
        return super().eventFilter(objeto, evento)

    def _tecla(self, evento, en_grafico: bool) -> bool:
        tecla = evento.key()
        mods = evento.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        alt, mayus = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier
        ctrl, nada = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
        if tecla == Qt.Key.Key_Escape and self._grafico.arrastrando():
            self._grafico.cancelar_arrastre()
            return True
        if tecla in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods in (alt, alt | mayus):
            self._paso_teclado(1 if tecla == Qt.Key.Key_Right else -1, duracion=mods == alt | mayus)
            return True
        if tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == nada:
            if self._id_actual is not None:
                self.editar_pedido.emit(self._id_actual)
            return True
        if evento.matches(QKeySequence.StandardKey.ZoomIn) or (
                mods & ctrl and tecla in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
            self.acercar()
            return True
        if evento.matches(QKeySequence.StandardKey.ZoomOut) or (mods & ctrl and tecla == Qt.Key.Key_Minus):
            self.alejar()
            return True
        if tecla == Qt.Key.Key_Period and mods in (nada, mayus) or (
                en_grafico and tecla == Qt.Key.Key_Home and mods == ctrl):
            self.ir_a_hoy()
            return True
        if en_grafico and mods == nada:
            if tecla == Qt.Key.Key_Home:
                self.ir_al_inicio()
                return True
            if tecla == Qt.Key.Key_End:
                self.ir_al_fin()
                return True
            if tecla in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._filas:
                r = self._item.seleccionada
                r = 0 if r < 0 else r + (1 if tecla == Qt.Key.Key_Down else -1)
                self._elegir_fila(max(0, min(len(self._filas) - 1, r)), traer=True)
                return True
        return False

    def _paso_teclado(self, paso: int, duracion: bool) -> None:
        r = self._item.seleccionada
        d = self._item.d
        if r < 0 or d is None or not self._item.editable or d.barras[r].tipo not in (NORMAL, HITO):
            return
        f, cal = self._filas[r], d.cal
        if duracion:
            if d.barras[r].tipo == NORMAL and (f.duracion or 0) + paso >= 1:
                self.duracion_pedida.emit(f.id, f.duracion + paso)
            return
        if d.barras[r].tipo == HITO:
            marcado = cal.dia_habil_siguiente(f.fin) if paso > 0 else cal.habil_anterior(f.fin)
            self.mover_pedido.emit(f.id, cal.dia_habil_siguiente(marcado))
        else:
            nueva = cal.dia_habil_siguiente(f.inicio) if paso > 0 else cal.habil_anterior(f.inicio)
            self.mover_pedido.emit(f.id, nueva)

    # -- ayuda -----------------------------------------------------------------------------------------------
    def _ayuda_fila(self, r: int) -> str:
        f = self._filas[r]
        lineas = [f"{f.codigo} {' '.join(f.nombre.split())}"]
        if f.inicio is not None:
            if f.hito and not f.es_resumen:
                lineas.append(_("Hito: {fecha}").format(fecha=formato.fecha(f.fin)))
            else:
                lineas.append(_("Del {inicio} al {fin} ({n} días hábiles)").format(
                    inicio=formato.fecha(f.inicio), fin=formato.fecha(f.fin), n=formato.entero(f.duracion)))
        if not f.es_resumen and f.holgura_total is not None:
            lineas.append(_("Crítica: sin holgura") if f.critica else
                          _("Holgura: {n} días hábiles").format(n=formato.entero(f.holgura_total)))
        lineas.append(_("Avance: {p}").format(p=formato.porcentaje((f.avance or 0) / 100)))
        if getattr(f, "responsable", ""):
            lineas.append(_("Responsable: {r}").format(r=f.responsable))
        if f.base_inicio is not None and f.base_fin is not None:
            texto = _("Línea base: del {inicio} al {fin}").format(inicio=formato.fecha(f.base_inicio),
                                                                 fin=formato.fecha(f.base_fin))
            desvio = getattr(f, "desvio", None)
            if desvio:
                texto += " · " + (_("{n} días hábiles de atraso") if desvio > 0 else
                                  _("{n} días hábiles de adelanto")).format(n=formato.entero(abs(desvio)))
            lineas.append(texto)
        riesgo = self._item.riesgos.get(f.id)
        if riesgo is not None:
            lineas.append(riesgo[1])
        return "\n".join(lineas)

    def geometria_barra(self, aid: int) -> QRect:
        """Where the activity's bar is, in the chart viewport's coordinates (for tests and tools)."""
        r = self._item.d.indice[aid]
        return self._grafico.mapFromScene(self._item.rect_barra(r)).boundingRect()

    def punto_de(self, aid: int, parte: str = "barra") -> QPoint:
        return self._grafico.punto_de(self._item.d.indice[aid], parte)
