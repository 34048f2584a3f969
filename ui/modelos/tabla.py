"""Modelo de tabla genérico: filas que devuelve un servicio y columnas declaradas una vez.

Los textos se formatean al cargar las filas (Babel es lento para llamarlo en cada pintado); data() solo indexa.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

F = TypeVar("F")
ROL_FILA = Qt.ItemDataRole.UserRole + 1  # the service's row object
ROL_ORDEN = Qt.ItemDataRole.UserRole + 2  # sort key (numbers and dates sort as such, not as text)
ROL_ID = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Columna(Generic[F]):
    titulo: str
    texto: Callable[[F], str]
    orden: Callable[[F], Any] | None = None
    derecha: bool = False
    color: Callable[[F], str | None] | None = None  # "#rrggbb" for the cell's text/decoration
    ayuda: str = ""


class ModeloTabla(QAbstractTableModel, Generic[F]):
    def __init__(self, columnas: Sequence[Columna[F]], parent=None):
        super().__init__(parent)
        self.columnas = list(columnas)
        self._filas: list[F] = []
        self._textos: list[list[str]] = []
        self._claves: list[list[Any]] = []
        self._colores: list[list[QColor | None]] = []

    # -- carga --
    def cargar(self, filas: Sequence[F]) -> None:
        self.beginResetModel()
        self._filas = list(filas)
        self._textos = [[c.texto(f) for c in self.columnas] for f in self._filas]
        self._claves = [[_clave(c, f, t) for c, t in zip(self.columnas, textos, strict=True)]
                        for f, textos in zip(self._filas, self._textos, strict=True)]
        self._colores = [[QColor(c.color(f)) if c.color and c.color(f) else None for c in self.columnas]
                         for f in self._filas]
        self.endResetModel()

    def fila(self, n: int) -> F:
        return self._filas[n]

    def filas(self) -> list[F]:
        return list(self._filas)

    def buscar_id(self, ident: int) -> int:
        """Número de fila cuyo objeto tiene ese `id`, o -1."""
        for n, f in enumerate(self._filas):
            if getattr(f, "id", None) == ident:
                return n
        return -1

    # -- Qt --
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columnas)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._textos[r][c]
        if role == ROL_ORDEN:
            return self._claves[r][c]
        if role == ROL_FILA:
            return self._filas[r]
        if role == ROL_ID:
            return getattr(self._filas[r], "id", None)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if self.columnas[c].derecha else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self._colores[r][c] is not None:
            return QBrush(self._colores[r][c])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._textos[r][c] if len(self._textos[r][c]) > 40 else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columnas):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columnas[section].titulo
            if role == Qt.ItemDataRole.ToolTipRole and self.columnas[section].ayuda:
                return self.columnas[section].ayuda
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _clave(c: Columna, fila: Any, texto: str) -> Any:
    if c.orden is None:
        return texto.casefold()
    valor = c.orden(fila)
    # None sorts last and never compares against numbers or dates.
    return (1, 0) if valor is None else (0, valor)
