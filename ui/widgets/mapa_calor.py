"""Mapa de calor de la matriz de riesgos: probabilidad (filas, 5 arriba) por impacto (columnas, 1 a la izquierda).

Pintado con QPainter (no hay QtCharts): cada celda lleva el color de su nivel según la matriz del municipio y, en el
centro, cuántos riesgos caen en ella. Un clic (o Enter/Espacio sobre la celda enfocada) pide filtrar la tabla por esa
celda; otro clic sobre la misma la suelta. Las flechas mueven la celda enfocada.

Con `editable=True` (el diálogo de la matriz) el clic no filtra: emite `celda_pulsada(p, i)` para cambiar su nivel.
El widget no conoce los servicios: recibe un objeto con la forma de `Matriz` (probabilidad, impacto, niveles con
clave/etiqueta/color/accion, celdas[p-1][i-1]) y los conteos.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from nucleo import formato
from nucleo.i18n import _, n_
from ui.estilo import TEXTO, TEXTO_SECUNDARIO, fuente_relativa

N = 5
MAX_EN_AYUDA = 12  # risks listed in a cell's tooltip before «y N más»


def mezclar(color: str, con: str, t: float) -> QColor:
    """`color` llevado una fracción `t` hacia `con` (para las celdas vacías, más claras)."""
    a, b = QColor(color), QColor(con)
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def texto_sobre(color: QColor) -> QColor:
    """Negro o blanco, el que se lea mejor sobre `color` (luminancia relativa)."""
    luz = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor(TEXTO) if luz > 150 else QColor("#ffffff")


class MapaCalor(QWidget):
    """`fijar(matriz, conteos, nombres)`; `celda_elegida(object)` emite (p, i) o None al cambiar el filtro."""

    celda_elegida = Signal(object)
    celda_pulsada = Signal(int, int)  # editable mode: probability, impact

    def __init__(self, parent: QWidget | None = None, editable: bool = False):
        super().__init__(parent)
        self.editable = editable
        self.matriz: Any = None
        self.conteos: list[list[int]] = [[0] * N for _ in range(N)]
        self.nombres: dict[tuple[int, int], list[str]] = {}
        self.filtro: tuple[int, int] | None = None
        self.foco: tuple[int, int] = (3, 3)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        politica = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        politica.setHeightForWidth(True)
        self.setSizePolicy(politica)
        self.setAccessibleName(_("Matriz de riesgos editable") if editable else _("Mapa de calor de los riesgos"))
        self._actualizar_descripcion()

    # -- datos -----------------------------------------------------------------------------------------------
    def fijar(self, matriz: Any, conteos: Sequence[Sequence[int]] | None = None,
              nombres: dict[tuple[int, int], list[str]] | None = None) -> None:
        self.matriz = matriz
        self.conteos = [list(f) for f in conteos] if conteos else [[0] * N for _ in range(N)]
        self.nombres = dict(nombres or {})
        self._actualizar_descripcion()
        self.update()

    def nivel(self, p: int, i: int) -> Any:
        """El nivel (objeto con clave, etiqueta, color, accion) de la celda, o None sin matriz."""
        if self.matriz is None:
            return None
        clave = self.matriz.celdas[p - 1][i - 1]
        return next((n for n in self.matriz.niveles if n.clave == clave), None)

    def conteo(self, p: int, i: int) -> int:
        return self.conteos[p - 1][i - 1]

    def total(self) -> int:
        return sum(sum(f) for f in self.conteos)

    # -- filtro ----------------------------------------------------------------------------------------------
    def fijar_filtro(self, celda: tuple[int, int] | None, avisar: bool = True) -> None:
        if celda == self.filtro:
            return
        self.filtro = celda
        if celda is not None:
            self.foco = celda
        self._actualizar_descripcion()
        self.update()
        if avisar:
            self.celda_elegida.emit(celda)

    def elegir(self, p: int, i: int) -> None:
        """Lo que hace un clic: filtrar por la celda, o soltar el filtro si ya era esa (modo editable: pulsarla)."""
        self.foco = (p, i)
        if self.editable:
            self.update()
            self.celda_pulsada.emit(p, i)
            self._actualizar_descripcion()
            return
        self.fijar_filtro(None if self.filtro == (p, i) else (p, i))

    # -- geometría -------------------------------------------------------------------------------------------
    def _letra_ejes(self):
        return fuente_relativa(self.font(), 0.9)

    def _escalonar(self, lado: float) -> bool:
        """Si los nombres del impacto no caben bajo su columna: van en dos líneas alternadas (cada uno dispone
        entonces del ancho de dos columnas)."""
        if self.matriz is None:
            return False
        fm = QFontMetricsF(self._letra_ejes())
        return any(fm.horizontalAdvance(t) > lado + 4 for t in self.matriz.impacto)

    def _zonas(self) -> tuple[QRectF, float, float]:
        """(rectángulo de la grilla, ancho de las etiquetas de filas, alto de las de columnas)."""
        fm = QFontMetricsF(self._letra_ejes())
        etiquetas = [self._rotulo_fila(p) for p in range(1, N + 1)]
        ancho_filas = min(max((fm.horizontalAdvance(t) for t in etiquetas), default=60) + 10, self.width() * 0.34)
        titulo = fm.height() + 6  # the rotated «Probabilidad»
        leyenda = fm.height() + 10 if not self.editable else 0
        alto_titulo_x = fm.height() + 4
        izquierda = titulo + ancho_filas + 4
        disponible_x = max(50.0, self.width() - izquierda - 6)
        lado = disponible_x / N
        for _vuelta in range(2):
            lineas = 3 if self._escalonar(lado) else 2  # the number, then the name (or two staggered lines)
            alto_columnas = fm.height() * lineas + 8
            disponible_y = max(50.0, self.height() - alto_columnas - alto_titulo_x - leyenda - 8)
            nuevo = min(disponible_x / N, disponible_y / N)
            if nuevo == lado:
                break
            lado = nuevo
        grilla = QRectF(izquierda, 6, lado * N, lado * N)
        return grilla, ancho_filas, alto_columnas

    def rect_celda(self, p: int, i: int) -> QRectF:
        grilla, _a, _b = self._zonas()
        lado = grilla.width() / N
        return QRectF(grilla.left() + (i - 1) * lado, grilla.top() + (N - p) * lado, lado, lado)

    def celda_en(self, pos: QPointF) -> tuple[int, int] | None:
        grilla, _a, _b = self._zonas()
        if not grilla.contains(pos):
            return None
        lado = grilla.width() / N
        i = int((pos.x() - grilla.left()) // lado) + 1
        p = N - int((pos.y() - grilla.top()) // lado)
        return (p, i) if 1 <= p <= N and 1 <= i <= N else None

    def _rotulo_fila(self, p: int) -> str:
        nombre = self.matriz.probabilidad[p - 1] if self.matriz is not None else ""
        return f"{p} · {nombre}" if nombre else str(p)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, ancho: int) -> int:  # noqa: N802 - Qt API
        """Lo justo para una grilla cuadrada de ese ancho, con sus rótulos y la leyenda (sin aire sobrante)."""
        fm = QFontMetricsF(self._letra_ejes())
        etiquetas = [self._rotulo_fila(p) for p in range(1, N + 1)]
        ancho_filas = min(max((fm.horizontalAdvance(t) for t in etiquetas), default=60) + 10, ancho * 0.34)
        lado = max(50.0, ancho - (fm.height() + 6 + ancho_filas + 4) - 6) / N
        lineas = 3 if self._escalonar(lado) else 2
        extra = fm.height() * lineas + 8 + fm.height() + 4 + (fm.height() + 10 if not self.editable else 0) + 14
        return round(6 + lado * N + extra)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(420, self.heightForWidth(420))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(300, 280)

    # -- pintado ---------------------------------------------------------------------------------------------
    def paintEvent(self, _evento) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        grilla, ancho_filas, alto_columnas = self._zonas()
        lado = grilla.width() / N
        letra_ejes = self._letra_ejes()
        fm = QFontMetricsF(letra_ejes)
        numero = fuente_relativa(self.font(), min(1.6, max(1.0, lado / 40)), negrita=True)
        for prob in range(1, N + 1):
            for imp in range(1, N + 1):
                self._pintar_celda(p, prob, imp, self.rect_celda(prob, imp), numero)
        # Axis labels: probability rows on the left, impact columns below, and the two axis titles.
        p.setFont(letra_ejes)
        p.setPen(QColor(TEXTO))
        titulo_y = fm.height() + 6
        for prob in range(1, N + 1):
            r = self.rect_celda(prob, 1)
            zona = QRectF(titulo_y, r.top(), ancho_filas, r.height())
            p.drawText(zona, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       fm.elidedText(self._rotulo_fila(prob), Qt.TextElideMode.ElideRight, ancho_filas))
        escalonar = self._escalonar(lado)
        for imp in range(1, N + 1):
            r = self.rect_celda(1, imp)
            nombre = self.matriz.impacto[imp - 1] if self.matriz is not None else ""
            p.drawText(QRectF(r.left(), grilla.bottom() + 3, r.width(), fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), str(imp))
            linea = 1 + (1 if escalonar and imp % 2 == 0 else 0)
            ancho = 2 * lado - 6 if escalonar else lado + 8
            x = min(max(r.center().x() - ancho / 2, grilla.left() - 4), self.width() - ancho - 1)
            zona = QRectF(x, grilla.bottom() + 3 + fm.height() * linea, ancho, fm.height())
            p.drawText(zona, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                       fm.elidedText(nombre, Qt.TextElideMode.ElideRight, ancho))
        negrita = fuente_relativa(self.font(), 0.9, negrita=True)
        p.setFont(negrita)
        p.setPen(QColor(TEXTO_SECUNDARIO))
        abajo = grilla.bottom() + alto_columnas
        p.drawText(QRectF(grilla.left(), abajo, grilla.width(), fm.height() + 2),
                   int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), _("Impacto →"))
        p.save()
        p.translate(2, grilla.center().y())
        p.rotate(-90)
        p.drawText(QRectF(-grilla.height() / 2, 0, grilla.height(), fm.height() + 2),
                   int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), _("Probabilidad →"))
        p.restore()
        if not self.editable and self.matriz is not None:
            self._pintar_leyenda(p, grilla.left() - ancho_filas, abajo + fm.height() + 6, letra_ejes)
        p.end()

    def _pintar_celda(self, p: QPainter, prob: int, imp: int, r: QRectF, numero) -> None:
        nivel = self.nivel(prob, imp)
        base = nivel.color if nivel is not None else "#e0e0e0"
        n = self.conteo(prob, imp)
        # Empty cells keep the level's hue, lighter, so the occupied ones stand out (the editor shows them full).
        fondo = QColor(base) if n or self.editable else mezclar(base, "#ffffff", 0.62)
        if self.filtro is not None and self.filtro != (prob, imp):
            fondo = mezclar(fondo.name(), "#ffffff", 0.45)
        caja = r.adjusted(1.5, 1.5, -1.5, -1.5)
        p.setPen(QPen(QColor("#ffffff"), 1))
        p.setBrush(fondo)
        p.drawRoundedRect(caja, 4, 4)
        if n and not self.editable:
            p.setFont(numero)
            p.setPen(texto_sobre(fondo))
            p.drawText(caja, int(Qt.AlignmentFlag.AlignCenter), formato.entero(n))
        elif self.editable and nivel is not None:
            p.setFont(fuente_relativa(self.font(), 0.85, negrita=True))
            p.setPen(texto_sobre(fondo))
            fm = QFontMetricsF(p.font())
            p.drawText(caja.adjusted(2, 0, -2, 0), int(Qt.AlignmentFlag.AlignCenter),
                       fm.elidedText(nivel.etiqueta, Qt.TextElideMode.ElideRight, caja.width() - 4))
        if self.filtro == (prob, imp):
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(QColor(TEXTO), 3))
            p.drawRoundedRect(r.adjusted(2, 2, -2, -2), 4, 4)
        if self.hasFocus() and self.foco == (prob, imp):
            p.setBrush(Qt.BrushStyle.NoBrush)
            pluma = QPen(QColor("#1d5fa8"), 2, Qt.PenStyle.DashLine)
            p.setPen(pluma)
            p.drawRoundedRect(r.adjusted(4.5, 4.5, -4.5, -4.5), 3, 3)

    def _pintar_leyenda(self, p: QPainter, x: float, y: float, letra) -> None:
        p.setFont(letra)
        fm = QFontMetricsF(letra)
        alto = fm.height()
        for nivel in self.matriz.niveles:
            p.setPen(QPen(QColor(nivel.color).darker(115), 1))
            p.setBrush(QColor(nivel.color))
            p.drawRoundedRect(QRectF(x, y + alto / 2 - 6, 12, 12), 2, 2)
            x += 16
            p.setPen(QColor(TEXTO))
            ancho = fm.horizontalAdvance(nivel.etiqueta)
            p.drawText(QRectF(x, y, ancho + 2, alto), int(Qt.AlignmentFlag.AlignVCenter), nivel.etiqueta)
            x += ancho + 14

    # -- ayuda -----------------------------------------------------------------------------------------------
    def texto_celda(self, prob: int, imp: int) -> str:
        """Qué dice la celda: probabilidad, impacto, nivel, cuántos riesgos y cuáles (ayuda y accesibilidad)."""
        nivel = self.nivel(prob, imp)
        m = self.matriz
        lineas = [_("Probabilidad {p} ({pn}) × impacto {i} ({inn})").format(
            p=prob, pn=m.probabilidad[prob - 1] if m else "", i=imp, inn=m.impacto[imp - 1] if m else "")]
        if nivel is not None:
            lineas.append(_("Nivel: {nivel}").format(nivel=nivel.etiqueta))
        if self.editable:
            lineas.append(_("Clic, Enter o Espacio: pasar al nivel siguiente."))
            return "\n".join(lineas)
        n = self.conteo(prob, imp)
        lineas.append(n_("{n} riesgo", "{n} riesgos", n).format(n=formato.entero(n)) if n else _("Ningún riesgo"))
        nombres = self.nombres.get((prob, imp), [])
        lineas += [f"• {t}" for t in nombres[:MAX_EN_AYUDA]]
        if len(nombres) > MAX_EN_AYUDA:
            lineas.append(_("y {n} más").format(n=formato.entero(len(nombres) - MAX_EN_AYUDA)))
        if n:
            lineas.append(_("Clic: mostrar solo estos en la tabla; otro clic: todos.") if self.filtro != (prob, imp)
                          else _("Clic: volver a mostrar todos."))
        return "\n".join(lineas)

    def _actualizar_descripcion(self) -> None:
        p, i = self.foco
        self.setAccessibleDescription(self.texto_celda(p, i) if self.matriz is not None else "")

    def event(self, evento) -> bool:
        if evento.type() == QEvent.Type.ToolTip:
            celda = self.celda_en(QPointF(evento.pos()))
            if celda is None or self.matriz is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(evento.globalPos(), self.texto_celda(*celda), self)
            return True
        return super().event(evento)

    # -- ratón y teclado -------------------------------------------------------------------------------------
    def mousePressEvent(self, evento) -> None:  # noqa: N802 - Qt API
        if evento.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(evento)
            return
        celda = self.celda_en(evento.position())
        if celda is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.elegir(*celda)

    def mouseMoveEvent(self, evento) -> None:  # noqa: N802 - Qt API
        celda = self.celda_en(evento.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if celda is not None else Qt.CursorShape.ArrowCursor)

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt API
        p, i = self.foco
        tecla = evento.key()
        movimientos = {Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0), Qt.Key.Key_Left: (0, -1),
                       Qt.Key.Key_Right: (0, 1)}
        if tecla in movimientos:
            dp, di = movimientos[tecla]
            self.foco = (min(N, max(1, p + dp)), min(N, max(1, i + di)))
            self._actualizar_descripcion()
            self.update()
            return
        if tecla in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.elegir(p, i)
            return
        if tecla == Qt.Key.Key_Escape and self.filtro is not None and not self.editable:
            self.fijar_filtro(None)
            return
        super().keyPressEvent(evento)

    def focusInEvent(self, evento) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(evento)
        self.update()

    def focusOutEvent(self, evento) -> None:  # noqa: N802 - Qt API
        super().focusOutEvent(evento)
        self.update()
