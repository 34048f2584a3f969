"""Un cuadrante del tablero DAFO / DIPE (ui/widgets/tablero_dafo.py): franja de color con su nombre, la cantidad
y un «+»; la lista (`ModeloCuadrante` en un QListView) con su delegado; el campo para agregar.

`Cuadro(posicion)` arma las piezas y sabe mostrarse (`fijar_cuadrante`, `cargar`, `fijar_editable`);
`ListaCuadrante` edita en el lugar, arrastra y suelta (por el modelo) y avisa con `salir` cuando las flechas pasan
el borde. Las órdenes (agregar, editar, quitar, mover, con deshacer) las da el tablero, que conecta estas piezas.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.i18n import _, n_, traducir
from nucleo.servicios.dafo import AYUDA_CUADRANTE, MAXIMO_TEXTO, nombre_cuadrante
from ui.estilo import BORDE, TEXTO, TEXTO_SECUNDARIO, fuente_relativa
from ui.modelos.dafo import ROL_NUMERO, ModeloCuadrante

# Colour of each place on the board (fila, columna): band and tint. The same values as the printout
# (nucleo/exportar/pdf/dafo.py; a test compares them).
COLOR_POSICION: dict[tuple[int, int], str] = {(0, 0): "#b35c00", (0, 1): "#c62828", (1, 0): "#2e7d32",
                                              (1, 1): "#1d5fa8"}
TINTE_POSICION: dict[tuple[int, int], str] = {(0, 0): "#fff4e5", (0, 1): "#fdecea", (1, 0): "#edf7ee",
                                              (1, 1): "#e8f0fa"}


class DelegadoElemento(QStyledItemDelegate):
    """Un elemento: su número en el color del cuadrante y el texto partido en renglones."""

    MARGEN_X, MARGEN_Y, NUMERO = 8, 6, 24

    def __init__(self, vista: QListView):
        super().__init__(vista)
        self.vista = vista
        self.color = QColor(TEXTO)

    def _ancho_texto(self) -> int:
        return max(60, self.vista.viewport().width() - self.NUMERO - 2 * self.MARGEN_X)

    def _alto_texto(self, fuente: QFont, texto: str) -> int:
        fm = QFontMetrics(fuente)
        r = fm.boundingRect(QRect(0, 0, self._ancho_texto(), 100_000), Qt.TextFlag.TextWordWrap, texto)
        return max(r.height(), fm.height())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt's name
        texto = index.data() or ""
        return QSize(self.vista.viewport().width(), self._alto_texto(option.font, texto) + 2 * self.MARGEN_Y)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        p.save()
        r = option.rect
        elegido = bool(option.state & QStyle.StateFlag.State_Selected)
        if elegido:
            fondo = QColor(self.color)
            fondo.setAlpha(60 if self.vista.hasFocus() else 32)
            p.fillRect(r, fondo)
            p.fillRect(QRect(r.left(), r.top(), 3, r.height()), self.color)
        p.setPen(QPen(QColor(0, 0, 0, 22), 1))
        p.drawLine(r.left() + self.MARGEN_X, r.bottom(), r.right() - self.MARGEN_X, r.bottom())
        negrita = QFont(option.font)
        negrita.setBold(True)
        arriba = r.top() + self.MARGEN_Y
        alto_linea = QFontMetrics(option.font).height()
        p.setFont(negrita)
        p.setPen(self.color)
        p.drawText(QRect(r.left() + self.MARGEN_X - 4, arriba, self.NUMERO - 2, alto_linea),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), f"{index.data(ROL_NUMERO)}.")
        p.setFont(option.font)
        p.setPen(QColor(TEXTO))
        texto = QRect(r.left() + self.MARGEN_X + self.NUMERO, arriba, self._ancho_texto(), r.height())
        p.drawText(texto, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                   index.data() or "")
        p.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setMaxLength(MAXIMO_TEXTO)
        editor.setFrame(True)
        editor.setAccessibleName(_("Texto del elemento"))
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: QModelIndex) -> None:
        r = option.rect
        alto = max(editor.sizeHint().height(), min(r.height(), 2 * QFontMetrics(option.font).height()))
        editor.setGeometry(QRect(r.left() + self.MARGEN_X + self.NUMERO - 4, r.top() + 2,
                                 r.width() - self.NUMERO - self.MARGEN_X - 4, alto))


class ListaCuadrante(QListView):
    """La lista de un cuadrante. Vacía, dice qué va en él; en los bordes, las flechas pasan al cuadrante vecino."""

    salir = Signal(object, int, int)  # this list, row delta, column delta: focus the neighbouring quadrant

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ayuda_vacia = ""
        self.editable = True
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def fijar_editable(self, editable: bool) -> None:
        self.editable = editable
        self.setDragEnabled(editable)
        self.setAcceptDrops(editable)
        self.viewport().setAcceptDrops(editable)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed if editable
                             else QAbstractItemView.EditTrigger.NoEditTriggers)

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt's name
        tecla, mods = evento.key(), evento.modifiers()
        if mods == Qt.KeyboardModifier.NoModifier or mods == Qt.KeyboardModifier.KeypadModifier:
            filas = self.model().rowCount() if self.model() is not None else 0
            actual = self.currentIndex().row()
            if tecla == Qt.Key.Key_Up and actual <= 0:
                self.salir.emit(self, -1, 0)
                return
            if tecla == Qt.Key.Key_Down and (actual < 0 or actual >= filas - 1):
                self.salir.emit(self, 1, 0)
                return
            if tecla in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                self.salir.emit(self, 0, -1 if tecla == Qt.Key.Key_Left else 1)
                return
        super().keyPressEvent(evento)

    def paintEvent(self, evento) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(evento)
        if self.model() is None or self.model().rowCount() or not self.ayuda_vacia:
            return
        p = QPainter(self.viewport())
        f = QFont(self.font())
        f.setItalic(True)
        p.setFont(f)
        p.setPen(QColor(TEXTO_SECUNDARIO))
        texto = self.ayuda_vacia
        if self.editable:
            texto += "\n\n" + _("Escriba abajo y pulse Enter para agregar.")
        p.drawText(self.viewport().rect().adjusted(12, 10, -12, -10),
                   int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), texto)
        p.end()


class Cuadro(QFrame):
    """Un cuadrante: franja con nombre, cantidad y «+»; la lista; el campo para agregar."""

    def __init__(self, posicion: tuple[int, int], parent: QWidget | None = None):
        super().__init__(parent)
        self.posicion = posicion
        self.analisis = "dafo"
        self.cuadrante = ""
        color, tinte = COLOR_POSICION[posicion], TINTE_POSICION[posicion]
        self.setObjectName("cuadroDafo")
        self.setStyleSheet(
            f"QFrame#cuadroDafo {{ background: {tinte}; border: 1px solid {color}; border-radius: 6px; }}"
            f"QFrame#franjaDafo {{ background: {color}; border: none; border-top-left-radius: 5px;"
            f" border-top-right-radius: 5px; }}"
            f"QFrame#franjaDafo QLabel {{ color: #ffffff; background: transparent; border: none; }}"
            f"QFrame#franjaDafo QLabel#cuentaDafo {{ background: rgba(255,255,255,56); border-radius: 8px; padding: 0 7px; }}"
            f"QFrame#franjaDafo QToolButton {{ color: #ffffff; background: transparent; border: none;"
            f" font-weight: bold; padding: 0 6px; }}"
            f"QFrame#franjaDafo QToolButton:hover {{ background: rgba(255,255,255,56); border-radius: 4px; }}"
            f"QFrame#franjaDafo QToolButton:focus {{ background: rgba(255,255,255,77); border-radius: 4px; }}"
            f"QListView {{ background: {tinte}; border: none; }}"
            f"QLineEdit#agregarDafo {{ background: #ffffff; border: 1px solid {BORDE}; border-radius: 4px;"
            f" padding: 3px 6px; }}"
            f"QLineEdit#agregarDafo:focus {{ border: 1px solid {color}; }}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(1, 1, 1, 1)
        lay.setSpacing(0)

        self.franja = QFrame()
        self.franja.setObjectName("franjaDafo")
        fl = QHBoxLayout(self.franja)
        fl.setContentsMargins(10, 4, 4, 4)
        fl.setSpacing(6)
        self.titulo = QLabel()
        self.titulo.setFont(fuente_relativa(self.font(), 1.0, negrita=True))
        self.cuenta = QLabel()
        self.cuenta.setObjectName("cuentaDafo")
        self.mas = QToolButton()
        self.mas.setText("+")
        self.mas.setFont(fuente_relativa(self.font(), 1.25, negrita=True))
        fl.addWidget(self.titulo)
        fl.addStretch(1)
        fl.addWidget(self.cuenta)
        fl.addWidget(self.mas)
        # The same height with or without the «+» (hidden in read-only mode).
        self.franja.setFixedHeight(self.mas.sizeHint().height() + 8)
        lay.addWidget(self.franja)

        self.modelo = ModeloCuadrante("", self)
        self.lista = ListaCuadrante()
        self.lista.setModel(self.modelo)
        self.delegado = DelegadoElemento(self.lista)
        self.delegado.color = QColor(color)
        self.lista.setItemDelegate(self.delegado)
        lay.addWidget(self.lista, 1)

        pie = QWidget()
        pl = QHBoxLayout(pie)
        pl.setContentsMargins(6, 4, 6, 6)
        self.agregar = QLineEdit()
        self.agregar.setObjectName("agregarDafo")
        self.agregar.setMaxLength(MAXIMO_TEXTO)
        self.agregar.setClearButtonEnabled(True)
        pl.addWidget(self.agregar)
        lay.addWidget(pie)
        self.pie = pie

    def fijar_cuadrante(self, analisis: str, cuadrante: str) -> None:
        self.analisis, self.cuadrante = analisis, cuadrante
        self.modelo.cuadrante = cuadrante
        nombre = nombre_cuadrante(analisis, cuadrante)
        ayuda = traducir(AYUDA_CUADRANTE.get(cuadrante, ""))
        self.titulo.setText(nombre)
        self.titulo.setToolTip(ayuda)
        self.lista.ayuda_vacia = ayuda
        self.lista.setAccessibleName(nombre)
        self.lista.setToolTip("")
        self.agregar.setPlaceholderText(_("Agregar a {cuadrante}… (Enter)").format(cuadrante=nombre))
        self.agregar.setAccessibleName(_("Nuevo elemento de {cuadrante}").format(cuadrante=nombre))
        self.mas.setToolTip(_("Agregar un elemento a {cuadrante} (Insert)").format(cuadrante=nombre))
        self.mas.setAccessibleName(_("Agregar a {cuadrante}").format(cuadrante=nombre))

    def cargar(self, filas) -> None:
        self.modelo.cargar(filas)
        n = len(filas)
        self.cuenta.setText(formato.entero(n))
        self.cuenta.setToolTip(n_("{n} elemento", "{n} elementos", n).format(n=formato.entero(n)))
        self.lista.viewport().update()

    def fijar_editable(self, editable: bool) -> None:
        self.modelo.fijar_editable(editable)
        self.lista.fijar_editable(editable)
        self.mas.setVisible(editable)
        self.pie.setVisible(editable)
