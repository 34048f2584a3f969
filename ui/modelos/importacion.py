"""Modelos de tabla del asistente de importación: la muestra cruda de la hoja y la vista previa convertida."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nucleo import formato
from nucleo.i18n import _
from ui.estilo import ERROR, TEXTO_SECUNDARIO

FONDO_ENCABEZADO = QColor("#d7e6f7")  # the detected header row in the sample
FONDO_PROBLEMA = QColor("#fbdcd8")  # a preview cell with a problem


def texto_celda(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, datetime):
        return formato.fecha(valor) if valor.time() == datetime.min.time() else formato.fecha_hora(valor)
    if isinstance(valor, date):
        return formato.fecha(valor)
    if isinstance(valor, bool):
        return _("Sí") if valor else _("No")
    if isinstance(valor, int):
        return str(valor)
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, float | Decimal):
        try:
            return formato.numero(valor)
        except (ArithmeticError, ValueError):  # NaN or infinity cached from a broken formula
            return str(valor)
    texto = " ".join(str(valor).split())
    return texto if len(texto) <= 80 else texto[:79] + "…"


class ModeloMuestra(QAbstractTableModel):
    """Las primeras filas de una hoja tal como están, con la fila de encabezados resaltada."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._textos: list[list[str]] = []
        self._columnas = 0
        self.fila_encabezado = 0  # 1 = first row; 0 = none

    def cargar(self, filas: Sequence[Sequence[Any]], fila_encabezado: int) -> None:
        self.beginResetModel()
        textos = [[texto_celda(v) for v in f] for f in filas]
        # Up to the last column with something in it: sheets often declare hundreds of empty ones.
        self._columnas = max((max((j + 1 for j, t in enumerate(f) if t), default=0) for f in textos), default=0)
        self._textos = [f[: self._columnas] + [""] * (self._columnas - len(f)) for f in textos]
        self.fila_encabezado = fila_encabezado
        self.endResetModel()

    def fijar_encabezado(self, fila: int) -> None:
        anterior, self.fila_encabezado = self.fila_encabezado, fila
        for f in (anterior, fila):
            if 1 <= f <= len(self._textos) and self._columnas:
                self.dataChanged.emit(self.index(f - 1, 0), self.index(f - 1, self._columnas - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._textos)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columnas

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._textos[r][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            texto = self._textos[r][index.column()]
            return texto if len(texto) > 20 else None
        encabezado = r + 1 == self.fila_encabezado
        if role == Qt.ItemDataRole.BackgroundRole and encabezado:
            return QBrush(FONDO_ENCABEZADO)
        if role == Qt.ItemDataRole.FontRole and encabezado:
            fuente = QFont()
            fuente.setBold(True)
            return fuente
        if role == Qt.ItemDataRole.ForegroundRole and r + 1 < self.fila_encabezado:
            return QBrush(QColor(TEXTO_SECUNDARIO))  # titles above the table: not imported
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self._columnas:
            from nucleo.exportar.excel.escribir import letra

            return letra(section)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._textos):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ModeloVistaPrevia(QAbstractTableModel):
    """Las filas como se importarán (valores ya convertidos), con las celdas que tienen problemas en rojo."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.campos: list[str] = []
        self.titulos: list[str] = []
        self.filas: list = []  # FilaPrevia
        self._problemas: list[dict[int, list[str]]] = []  # per row: column of this model -> messages
        self._derecha: set[int] = {0}

    def cargar(self, columnas: Sequence[tuple[str, str]], filas: Sequence, mapeo: dict[int, str],
               derecha: frozenset[str] = frozenset()) -> None:
        """`columnas`: (campo, título) en el orden a mostrar; `filas`: FilaPrevia de `previsualizar`; `derecha`:
        campos numéricos (alineados a la derecha)."""
        self.beginResetModel()
        self._derecha = {n + 1 for n, (campo, _t) in enumerate(columnas) if campo in derecha} | {0}
        self.campos = [c for c, _t in columnas]
        self.titulos = [t for _c, t in columnas]
        self.filas = list(filas)
        posicion = {campo: n + 1 for n, campo in enumerate(self.campos)}
        self._problemas = []
        for f in self.filas:
            marcas: dict[int, list[str]] = {}
            for p in f.problemas:
                campo = mapeo.get(p.indice_columna) if p.indice_columna is not None else None
                marcas.setdefault(posicion.get(campo, 0), []).append(p.mensaje)
            self._problemas.append(marcas)
        self.endResetModel()

    def problemas(self) -> int:
        return sum(len(f.problemas) for f in self.filas)

    def tiene_problema(self, fila: int, columna: int) -> bool:
        return columna in self._problemas[fila]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.campos) + 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        fila = self.filas[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return formato.entero(fila.fila) if c == 0 else fila.valores.get(self.campos[c - 1], "")
        marcas = self._problemas[r]
        if role == Qt.ItemDataRole.BackgroundRole and c in marcas:
            return QBrush(FONDO_PROBLEMA)
        if role == Qt.ItemDataRole.ToolTipRole:
            if c in marcas:
                return "\n".join(marcas[c])
            texto = fila.valores.get(self.campos[c - 1], "") if c else ""
            return texto if len(texto) > 30 else None
        if role == Qt.ItemDataRole.ForegroundRole and c == 0 and marcas:
            return QBrush(QColor(ERROR))
        if role == Qt.ItemDataRole.TextAlignmentRole and c in self._derecha:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _("Fila")
        if 0 < section <= len(self.titulos):
            return self.titulos[section - 1]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- el asistente -------------------------------------------------------------------------------------------------
