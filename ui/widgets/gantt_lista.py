"""La lista de tareas del Gantt: el modelo (Código, Actividad, Duración, Inicio, Fin, Holgura) y el delegado que
sangra el nombre según el nivel de la EDT.

Los textos se arman una vez por carga (con un caché de fechas: un plan repite pocas); data() solo indexa.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from nucleo import formato
from nucleo.i18n import _
from ui.modelos.tabla import ROL_FILA, ROL_ID

ROL_NIVEL = Qt.ItemDataRole.UserRole + 10
SANGRIA = 16  # px per WBS level

COL_CODIGO, COL_ACTIVIDAD, COL_DURACION, COL_INICIO, COL_FIN, COL_HOLGURA = range(6)
_DERECHA = {COL_DURACION, COL_HOLGURA}
_ROJO_CRITICA = "#c62828"


def _columnas() -> list[tuple[str, str]]:
    # Built on demand: the catalogue is installed after import.
    return [
        (_("Código"), _("Código de la actividad en la estructura del plan (EDT)")),
        (_("Actividad"), _("Nombre de la actividad; en negrita, las que agrupan a otras (resumen)")),
        (_("Duración"), _("Duración en días hábiles")),
        (_("Inicio"), _("Fecha de inicio calculada")),
        (_("Fin"), _("Fecha de fin calculada")),
        (_("Holgura"), _("Holgura total en días hábiles: cuánto puede atrasarse sin mover el fin del plan. "
                         "En rojo, las críticas")),
    ]


def _dias(n: int | None) -> str:
    return "" if n is None else _("{n} d").format(n=formato.entero(n))


class ModeloGantt(QAbstractTableModel):
    """Filas `FilaActividad` (o cualquier objeto con esos campos) en el orden de la EDT."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filas: list[Any] = []
        self._textos: list[tuple[str, ...]] = []
        self._titulos = _columnas()
        self._negrita = QFont()
        self._negrita.setBold(True)
        self._rojo = QBrush(QColor(_ROJO_CRITICA))

    def fijar_fuente(self, fuente: QFont) -> None:
        self._negrita = QFont(fuente)
        self._negrita.setBold(True)

    def cargar(self, filas: Sequence[Any]) -> None:
        fechas: dict[date, str] = {}

        def fecha(d: date | None) -> str:
            if d is None:
                return ""
            t = fechas.get(d)
            if t is None:
                t = fechas[d] = formato.fecha(d)
            return t

        numeros: dict[int | None, str] = {}

        def dias(n: int | None) -> str:
            t = numeros.get(n)
            if t is None:
                t = numeros[n] = _dias(n)
            return t

        self.beginResetModel()
        self._filas = list(filas)
        self._textos = [
            (f.codigo, " ".join(f.nombre.split()), dias(f.duracion), fecha(f.inicio), fecha(f.fin),
             "" if f.es_resumen else dias(f.holgura_total))
            for f in self._filas
        ]
        self.endResetModel()

    def fila(self, n: int) -> Any:
        return self._filas[n]

    def filas(self) -> list[Any]:
        return list(self._filas)

    # -- Qt ----------------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._titulos)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._textos[r][c]
        f = self._filas[r]
        if role == ROL_ID:
            return f.id
        if role == ROL_FILA:
            return f
        if role == ROL_NIVEL:
            return f.nivel if c == COL_ACTIVIDAD else 0
        if role == Qt.ItemDataRole.FontRole and f.es_resumen:
            return self._negrita
        if role == Qt.ItemDataRole.ForegroundRole and c == COL_HOLGURA and f.critica and not f.es_resumen:
            return self._rojo
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if c in _DERECHA else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and c == COL_ACTIVIDAD:
            return self._textos[r][c]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._titulos):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titulos[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._titulos[section][1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if section in _DERECHA else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DelegadoSangria(QStyledItemDelegate):
    """Sangra el texto según ROL_NIVEL; el fondo (y la banda de selección) ocupa la celda entera."""

    def paint(self, painter, option, index) -> None:
        nivel = index.data(ROL_NIVEL) or 0
        if not nivel:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        estilo = opt.widget.style() if opt.widget is not None else QApplication.style()
        estilo.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        opt.rect = opt.rect.adjusted(nivel * SANGRIA, 0, 0, 0)
        estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        s = super().sizeHint(option, index)
        return QSize(s.width() + (index.data(ROL_NIVEL) or 0) * SANGRIA, s.height())
