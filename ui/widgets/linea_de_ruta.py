"""Línea de la ruta: las etapas 1-a … 6 de un territorio como una fila de círculos, de un vistazo.

Cada círculo lleva el color del semáforo; su forma dice el estado (anillo = pendiente, lleno = en curso,
lleno con ✓ = cumplida). El próximo paso va más grande y con un halo; la etapa elegida, sobre un fondo suave.
Los textos llegan ya formateados (`PasoRuta`): aquí solo se pinta.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nucleo.i18n import _
from ui.estilo import AZUL_ACENTO, BORDE, COLORES_SEMAFORO, TEXTO_SECUNDARIO
from ui.widgets.semaforo import color

RADIO = 11.0
RADIO_ACTUAL = 14.0
CENTRO_Y = 24.0


@dataclass(frozen=True)
class PasoRuta:
    codigo: str
    semaforo: str  # clave de nucleo.calendario (al_dia, por_vencer, vencida, cumplida, sin_fecha)
    estado: str  # pendiente, en_curso, cumplida
    nombre: str = ""  # nombre corto bajo el código
    detalle: str = ""  # una fecha u otra línea breve
    ayuda: str = ""  # texto de la ayuda emergente
    detalle_corto: str = ""  # se usa cuando `detalle` no cabe (pantallas angostas)


class LineaDeRuta(QWidget):
    """`fijar(pasos, actual)`; `fijar_seleccion(i)`; emite `elegido(i)` al hacer clic o moverse con ← →."""

    elegido = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pasos: list[PasoRuta] = []
        self._actual: int | None = None
        self._seleccion: int | None = None
        self._sobre: int | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Línea de la ruta"))

    # -- datos -------------------------------------------------------------------------------------------
    def fijar(self, pasos: Sequence[PasoRuta], actual: int | None = None) -> None:
        self._pasos = list(pasos)
        self._actual = actual if actual is not None and 0 <= actual < len(self._pasos) else None
        if self._seleccion is not None and self._seleccion >= len(self._pasos):
            self._seleccion = None
        cumplidas = sum(1 for p in self._pasos if p.estado == "cumplida")
        self.setAccessibleDescription(
            _("{c} de {n} etapas cumplidas").format(c=cumplidas, n=len(self._pasos))
            + (_("; próximo paso: etapa {codigo}").format(codigo=self._pasos[self._actual].codigo)
               if self._actual is not None else "")
        )
        self.updateGeometry()
        self.update()

    def pasos(self) -> list[PasoRuta]:
        return list(self._pasos)

    def actual(self) -> int | None:
        return self._actual

    def seleccion(self) -> int | None:
        return self._seleccion

    def fijar_seleccion(self, indice: int | None) -> None:
        if indice is not None and not 0 <= indice < len(self._pasos):
            indice = None
        if indice != self._seleccion:
            self._seleccion = indice
            self.update()

    # -- geometría ---------------------------------------------------------------------------------------
    def _ancho_paso(self) -> float:
        return self.width() / max(1, len(self._pasos))

    def centro(self, i: int) -> QPointF:
        return QPointF(self._ancho_paso() * (i + 0.5), CENTRO_Y)

    def paso_en(self, pos: QPointF) -> int | None:
        if not self._pasos:
            return None
        i = int(pos.x() // self._ancho_paso())
        return i if 0 <= i < len(self._pasos) else None

    def _fuentes(self) -> tuple[QFont, QFont, QFont]:
        base = self.font()
        codigo = QFont(base)
        codigo.setBold(True)
        chica = QFont(base)
        if chica.pointSizeF() > 0:
            chica.setPointSizeF(chica.pointSizeF() * 0.88)
        return base, codigo, chica

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        _base, codigo, chica = self._fuentes()
        alto = CENTRO_Y + RADIO_ACTUAL + 6 + QFontMetrics(codigo).height() + 2 * QFontMetrics(chica).height() + 8
        return QSize(max(1, len(self._pasos)) * 96, int(alto))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(max(1, len(self._pasos)) * 56, self.sizeHint().height())

    # -- pintura -----------------------------------------------------------------------------------------
    def paintEvent(self, _evento) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self._pasos:
            p.setPen(QColor(TEXTO_SECUNDARIO))
            p.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), _("Sin etapas"))
            return
        ancho = self._ancho_paso()
        if self._seleccion is not None:
            zona = QRectF(ancho * self._seleccion + 3, 1, ancho - 6, self.height() - 2)
            p.setPen(QPen(QColor(AZUL_ACENTO), 1.2) if self.hasFocus() else QPen(QColor("#c5d6ea"), 1))
            p.setBrush(QColor("#e6eef8"))
            p.drawRoundedRect(zona, 6, 6)
        elif self.hasFocus():
            p.setPen(QPen(QColor(AZUL_ACENTO), 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 6, 6)
        if self._sobre is not None and self._sobre != self._seleccion:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(0, 0, 0, 12))
            p.drawRoundedRect(QRectF(ancho * self._sobre + 3, 1, ancho - 6, self.height() - 2), 6, 6)

        # The route: blue where it has been walked (the stage before is done), grey ahead.
        for i in range(len(self._pasos) - 1):
            a, b = self.centro(i), self.centro(i + 1)
            hecho = self._pasos[i].estado == "cumplida"
            p.setPen(QPen(QColor(COLORES_SEMAFORO["cumplida"] if hecho else BORDE), 3, Qt.PenStyle.SolidLine,
                          Qt.PenCapStyle.FlatCap))
            p.drawLine(QPointF(a.x() + RADIO, a.y()), QPointF(b.x() - RADIO, b.y()))

        base, fuente_codigo, chica = self._fuentes()
        secundario = QColor(TEXTO_SECUNDARIO)
        texto = self.palette().color(QPalette.ColorRole.WindowText)
        for i, paso in enumerate(self._pasos):
            c = self.centro(i)
            actual = i == self._actual
            radio = RADIO_ACTUAL if actual else RADIO
            self._pintar_circulo(p, c, radio, paso, actual)
            y = c.y() + RADIO_ACTUAL + 5
            zona_ancho = ancho - 10
            x0 = c.x() - zona_ancho / 2
            p.setFont(fuente_codigo)
            p.setPen(texto)
            alto = p.fontMetrics().height()
            p.drawText(QRectF(x0, y, zona_ancho, alto), int(Qt.AlignmentFlag.AlignHCenter),
                       _("Etapa {codigo}").format(codigo=paso.codigo))
            y += alto
            p.setFont(chica if not actual else _negrita(chica))
            fm = p.fontMetrics()
            alto = fm.height()
            p.setPen(texto if actual else secundario)
            p.drawText(QRectF(x0, y, zona_ancho, alto), int(Qt.AlignmentFlag.AlignHCenter),
                       fm.elidedText(paso.nombre, Qt.TextElideMode.ElideRight, int(zona_ancho)))
            y += alto
            p.setFont(chica)
            fm = p.fontMetrics()
            urgente = paso.semaforo in ("vencida", "por_vencer") and paso.estado != "cumplida"
            # Amber text on a light background needs more depth than red to stay readable.
            p.setPen(color(paso.semaforo).darker(160 if paso.semaforo == "por_vencer" else 115) if urgente
                     else secundario)
            detalle = paso.detalle
            if paso.detalle_corto and fm.horizontalAdvance(detalle) > zona_ancho:
                detalle = paso.detalle_corto
            p.drawText(QRectF(x0, y, zona_ancho, alto), int(Qt.AlignmentFlag.AlignHCenter),
                       fm.elidedText(detalle, Qt.TextElideMode.ElideRight, int(zona_ancho)))
        p.setFont(base)
        p.end()

    def _pintar_circulo(self, p: QPainter, c: QPointF, radio: float, paso: PasoRuta, actual: bool) -> None:
        col = color(paso.semaforo)
        if actual:
            halo = QColor(col)
            halo.setAlpha(55)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(halo)
            p.drawEllipse(c, radio + 6, radio + 6)
        if paso.estado == "pendiente":
            p.setPen(QPen(col, 3))
            p.setBrush(QColor("#ffffff"))
            p.drawEllipse(c, radio - 1.5, radio - 1.5)
            return
        p.setPen(QPen(col.darker(120), 1))
        p.setBrush(col)
        p.drawEllipse(c, radio, radio)
        p.setPen(QPen(QColor("#ffffff"), 2.4 if actual else 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        p.setBrush(Qt.BrushStyle.NoBrush)
        if paso.estado == "cumplida":
            marca = QPainterPath()
            marca.moveTo(c.x() - radio * 0.42, c.y() + radio * 0.02)
            marca.lineTo(c.x() - radio * 0.1, c.y() + radio * 0.34)
            marca.lineTo(c.x() + radio * 0.45, c.y() - radio * 0.32)
            p.drawPath(marca)
        else:
            # In progress: a small white dot, like a "playing" mark, so it reads without colour too.
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#ffffff"))
            p.drawEllipse(c, radio * 0.3, radio * 0.3)

    # -- interacción -------------------------------------------------------------------------------------
    def event(self, evento) -> bool:
        if evento.type() == QEvent.Type.ToolTip:
            i = self.paso_en(QPointF(evento.pos()))
            if i is not None and self._pasos[i].ayuda:
                QToolTip.showText(evento.globalPos(), self._pasos[i].ayuda, self)
            else:
                QToolTip.hideText()
                evento.ignore()
            return True
        return super().event(evento)

    def mouseMoveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        i = self.paso_en(evento.position())
        if i != self._sobre:
            self._sobre = i
            self.setCursor(Qt.CursorShape.PointingHandCursor if i is not None else Qt.CursorShape.ArrowCursor)
            self.update()

    def leaveEvent(self, _evento) -> None:  # noqa: N802 - Qt override
        if self._sobre is not None:
            self._sobre = None
            self.update()

    def mousePressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.button() == Qt.MouseButton.LeftButton:
            i = self.paso_en(evento.position())
            if i is not None:
                self.fijar_seleccion(i)
                self.elegido.emit(i)
                return
        super().mousePressEvent(evento)

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if not self._pasos:
            super().keyPressEvent(evento)
            return
        actual = self._seleccion if self._seleccion is not None else (self._actual or 0)
        destino = {
            Qt.Key.Key_Left: actual - 1, Qt.Key.Key_Right: actual + 1,
            Qt.Key.Key_Home: 0, Qt.Key.Key_End: len(self._pasos) - 1,
        }.get(Qt.Key(evento.key()))
        if destino is None:
            super().keyPressEvent(evento)
            return
        destino = max(0, min(len(self._pasos) - 1, destino))
        self.fijar_seleccion(destino)
        self.elegido.emit(destino)

    def focusInEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(evento)
        self.update()

    def focusOutEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(evento)
        self.update()


def _negrita(f: QFont) -> QFont:
    g = QFont(f)
    g.setBold(True)
    return g
