"""El semáforo dibujado: un punto del color de la regla y su etiqueta, en tablas, leyendas y cabeceras.

Los colores salen de ui.estilo.COLORES_SEMAFORO para que «vencida» sea el mismo rojo en todo el programa; la regla
de cada color se explica en la ayuda emergente, porque un color sin su regla no dice qué hacer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from nucleo.calendario import (
    AL_DIA,
    CUMPLIDA,
    DIAS_POR_VENCER,
    ETIQUETAS_SEMAFORO,
    POR_VENCER,
    SIN_FECHA,
    VENCIDA,
)
from nucleo.i18n import _
from ui.estilo import COLORES_SEMAFORO
from ui.modelos.tabla import ROL_FILA

ORDEN = (AL_DIA, POR_VENCER, VENCIDA, CUMPLIDA, SIN_FECHA)


def color(clave: str | None) -> QColor:
    return QColor(COLORES_SEMAFORO.get(clave or SIN_FECHA, COLORES_SEMAFORO[SIN_FECHA]))


def etiqueta(clave: str | None) -> str:
    # Literal msgids (the catalogue extractor needs them); same words as nucleo.calendario.ETIQUETAS_SEMAFORO.
    etiquetas = {AL_DIA: _("Al día"), POR_VENCER: _("Por vencer"), VENCIDA: _("Vencida"), CUMPLIDA: _("Cumplida"),
                 SIN_FECHA: _("Sin fecha")}
    return etiquetas.get(clave or SIN_FECHA) or ETIQUETAS_SEMAFORO.get(clave or "", etiquetas[SIN_FECHA])


def regla(clave: str | None) -> str:
    """La regla de un color, en una frase."""
    reglas = {
        AL_DIA: _("Al día: la etapa está dentro del plazo planificado."),
        POR_VENCER: _("Por vencer: vence en {n} días hábiles o menos.").format(n=DIAS_POR_VENCER),
        VENCIDA: _("Vencida: pasó la fecha de fin planificada sin cumplirse."),
        CUMPLIDA: _("Cumplida: la etapa está terminada."),
        SIN_FECHA: _("Sin fecha: falta la fecha de inicio de la ruta o el plazo de la etapa."),
    }
    return reglas.get(clave or SIN_FECHA, reglas[SIN_FECHA])


def reglas() -> str:
    """Todas las reglas, una por línea (ayuda de la columna y de la leyenda)."""
    return "\n".join(regla(c) for c in ORDEN)


def pintar_punto(p: QPainter, centro: QPointF, radio: float, clave: str | None) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = color(clave)
    p.setPen(QPen(c.darker(125), 1))
    p.setBrush(c)
    p.drawEllipse(centro, radio, radio)
    p.restore()


@cache
def _pixmap(clave: str, lado: int, escala: float) -> QPixmap:
    pixmap = QPixmap(round(lado * escala), round(lado * escala))
    pixmap.setDevicePixelRatio(escala)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    pintar_punto(p, QPointF(lado / 2, lado / 2), lado / 2 - 1, clave)
    p.end()
    return pixmap


def icono(clave: str | None, lado: int = 12) -> QIcon:
    app = QApplication.instance()
    escala = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    return QIcon(_pixmap(clave or SIN_FECHA, lado, escala))


class DelegadoSemaforo(QStyledItemDelegate):
    """Pinta la celda como «● Vencida» y explica la regla al pasar el puntero.

    `clave(index)` devuelve la clave del semáforo de la fila; por omisión, el atributo `semaforo` del objeto de la
    fila (ROL_FILA), que es lo que devuelven los servicios.
    """

    def __init__(self, parent=None, clave: Callable[[QModelIndex | QPersistentModelIndex], str | None] | None = None):
        super().__init__(parent)
        self._clave = clave or (lambda index: getattr(index.data(ROL_FILA), "semaforo", None))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opcion = QStyleOptionViewItem(option)
        self.initStyleOption(opcion, index)
        texto = opcion.text
        opcion.text = ""
        widget = opcion.widget
        estilo = widget.style() if widget else QApplication.style()
        estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opcion, painter, widget)
        r = opcion.rect
        radio = max(4.0, min(6.0, r.height() / 4))
        centro = QPointF(r.left() + 8 + radio, r.center().y() + 0.5)
        painter.save()
        if opcion.state & QStyle.StateFlag.State_Selected:
            # A white ring keeps the colour readable on the blue selection.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(centro, radio + 1.5, radio + 1.5)
        pintar_punto(painter, centro, radio, self._clave(index))
        rol = (QPalette.ColorRole.HighlightedText if opcion.state & QStyle.StateFlag.State_Selected
               else QPalette.ColorRole.Text)
        painter.setPen(opcion.palette.color(rol))
        painter.setFont(opcion.font)
        x = int(centro.x() + radio + 6)
        zona = QRect(x, r.top(), max(0, r.right() - x - 4), r.height())
        texto = opcion.fontMetrics.elidedText(texto, Qt.TextElideMode.ElideRight, zona.width())
        painter.drawText(zona, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), texto)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        base = super().sizeHint(option, index)
        return QSize(base.width() + 30, base.height())

    def helpEvent(self, evento, vista: QAbstractItemView, option, index) -> bool:  # noqa: N802 - Qt override
        if evento is not None and evento.type() == QEvent.Type.ToolTip and index.isValid():
            clave = self._clave(index)
            QToolTip.showText(evento.globalPos(), f"{regla(clave)}\n\n{reglas()}" if clave else reglas(), vista)
            return True
        return super().helpEvent(evento, vista, option, index)


class EtiquetaSemaforo(QWidget):
    """«● Vencida» como widget (cabeceras y resúmenes); la ayuda emergente dice la regla."""

    def __init__(self, parent: QWidget | None = None, clave: str | None = None, texto: str | None = None):
        super().__init__(parent)
        self._clave: str | None = None
        self._texto = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.fijar(clave, texto)

    def fijar(self, clave: str | None, texto: str | None = None) -> None:
        self._clave = clave
        self._texto = texto if texto is not None else (etiqueta(clave) if clave else "")
        self.setToolTip(regla(clave) if clave else "")
        self.setAccessibleName(self._texto)
        self.updateGeometry()
        self.update()

    def texto(self) -> str:
        return self._texto

    def clave(self) -> str | None:
        return self._clave

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = self.fontMetrics()
        return QSize(fm.height() + 6 + fm.horizontalAdvance(self._texto) + 2, fm.height() + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()

    def paintEvent(self, _evento) -> None:  # noqa: N802 - Qt override
        if self._clave is None and not self._texto:
            return
        p = QPainter(self)
        fm = self.fontMetrics()
        radio = fm.height() * 0.32
        centro = QPointF(fm.height() / 2, self.height() / 2)
        pintar_punto(p, centro, radio, self._clave)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        zona = QRectF(fm.height() + 6, 0, self.width() - fm.height() - 6, self.height())
        p.drawText(zona, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), self._texto)
        p.end()


class LeyendaSemaforo(QWidget):
    """Los cinco colores con su nombre, en una fila; cada uno explica su regla."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(14)
        for clave in ORDEN:
            capa.addWidget(EtiquetaSemaforo(self, clave))
        self.setToolTip(reglas())
