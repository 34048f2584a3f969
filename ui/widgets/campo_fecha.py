"""Campo de fecha que puede quedar vacío: se escribe dd/mm/aaaa o se elige en un calendario."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from nucleo import formato
from nucleo.i18n import _


def _icono_calendario() -> QIcon:
    """Un calendario pequeño dibujado: no depende de fuentes con emoji ni de temas de íconos del sistema."""
    icono = QIcon()
    for lado in (16, 24, 32):
        imagen = QPixmap(lado, lado)
        imagen.fill(Qt.GlobalColor.transparent)
        p = QPainter(imagen)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = lado / 16
        p.setPen(QPen(QColor("#455a64"), max(1.0, m)))
        p.setBrush(QColor("#ffffff"))
        p.drawRoundedRect(QRectF(1.5 * m, 3 * m, 13 * m, 11.5 * m), 1.5 * m, 1.5 * m)
        p.fillRect(QRectF(2 * m, 3.5 * m, 12 * m, 3 * m), QColor("#1565c0"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#455a64"))
        for fila in range(2):
            for col in range(3):
                p.drawRect(QRectF((4 + col * 3) * m, (8 + fila * 2.8) * m, 1.8 * m, 1.6 * m))
        p.end()
        icono.addPixmap(imagen)
    return icono


class CampoFecha(QWidget):
    """`fecha()` devuelve date o None; lanza ValueError con un mensaje en español si el texto no es una fecha."""

    cambiada = Signal()

    def __init__(self, parent: QWidget | None = None, valor: date | None = None):
        super().__init__(parent)
        self.editor = QLineEdit(self)
        self.editor.setPlaceholderText(_("dd/mm/aaaa"))
        self.editor.setClearButtonEnabled(True)
        self.editor.setMaxLength(10)
        self.editor.textEdited.connect(lambda _t: self.cambiada.emit())
        self.boton = QToolButton(self)
        self.boton.setIcon(_icono_calendario())
        self.boton.setToolTip(_("Elegir en el calendario (Alt+Abajo)"))
        self.boton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.boton.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.boton)
        self.calendario = QCalendarWidget(menu)
        self.calendario.setGridVisible(True)
        self.calendario.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        accion = QWidgetAction(menu)
        accion.setDefaultWidget(self.calendario)
        menu.addAction(accion)
        menu.aboutToShow.connect(self._preparar_calendario)
        self.calendario.clicked.connect(lambda q: (self._elegida(q), menu.close()))
        self.calendario.activated.connect(lambda q: (self._elegida(q), menu.close()))
        self.boton.setMenu(menu)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(2)
        capa.addWidget(self.editor, 1)
        capa.addWidget(self.boton)
        self.setFocusProxy(self.editor)
        self.fijar(valor)

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.key() == Qt.Key.Key_Down and evento.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.boton.showMenu()
            return
        super().keyPressEvent(evento)

    def _preparar_calendario(self) -> None:
        try:
            actual = self.fecha() or date.today()
        except ValueError:
            actual = date.today()
        self.calendario.setSelectedDate(QDate(actual.year, actual.month, actual.day))

    def _elegida(self, q: QDate) -> None:
        self.fijar(date(q.year(), q.month(), q.day()))
        self.cambiada.emit()

    def fijar(self, valor: date | None) -> None:
        self.editor.setText(formato.fecha(valor) if valor else "")

    def fecha(self) -> date | None:
        texto = self.editor.text().strip()
        return formato.leer_fecha(texto) if texto else None

    def setReadOnly(self, solo: bool) -> None:  # noqa: N802 - same name as Qt's editors
        self.editor.setReadOnly(solo)
        self.boton.setEnabled(not solo)
