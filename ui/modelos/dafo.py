"""Modelo de un cuadrante del tablero DAFO / DIPE: sus elementos en orden, editables y arrastrables.

El modelo no escribe: editar o soltar un elemento emite `editado` o `movido` y el tablero lo pide al servicio
(con deshacer); el servicio avisa el cambio por `ctx.cambiado` y el tablero vuelve a cargar los cuatro modelos.
Arrastrar lleva el id del elemento en un tipo MIME propio, así se puede soltar en cualquiera de los cuadrantes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from nucleo import formato
from nucleo.servicios.dafo import FilaDafo
from ui.modelos.tabla import ROL_ID

MIME_ITEM_DAFO = "application/x-articula-item-dafo"
ROL_NUMERO = Qt.ItemDataRole.UserRole + 10  # «3»: the item's number inside its quadrant, as shown and printed

Indice = QModelIndex | QPersistentModelIndex


def ids_de(datos: QMimeData) -> list[int]:
    """Los ids de elementos que lleva un arrastre (vacío si no es de un tablero DAFO)."""
    if not datos.hasFormat(MIME_ITEM_DAFO):
        return []
    try:
        valor = json.loads(bytes(datos.data(MIME_ITEM_DAFO).data()).decode("utf-8"))
        return [int(i) for i in valor.get("ids", [])]
    except (ValueError, TypeError, AttributeError):
        return []


class ModeloCuadrante(QAbstractListModel):
    """Los elementos de un cuadrante (`FilaDafo`), en su orden."""

    editado = Signal(int, str)  # item id, new text (as typed)
    movido = Signal(int, str, int)  # item id, destination quadrant, final position (0 = first)

    def __init__(self, cuadrante: str, parent=None):
        super().__init__(parent)
        self.cuadrante = cuadrante
        self.editable = True
        self._filas: list[FilaDafo] = []
        self._numeros: list[str] = []

    # -- carga ---------------------------------------------------------------------------------------------
    def cargar(self, filas: Sequence[FilaDafo]) -> None:
        """Pone las filas; si son los mismos elementos en el mismo orden, solo avisa qué textos cambiaron (así
        una edición no cierra el editor ni pierde la selección de la vista)."""
        filas = list(filas)
        if [f.id for f in filas] == [f.id for f in self._filas]:
            viejas, self._filas = self._filas, filas
            for n, (antes, ahora) in enumerate(zip(viejas, filas, strict=True)):
                if antes != ahora:
                    self._numeros[n] = formato.entero(ahora.orden)
                    self.dataChanged.emit(self.index(n), self.index(n))
            return
        self.beginResetModel()
        self._filas = filas
        self._numeros = [formato.entero(f.orden) for f in filas]
        self.endResetModel()

    def filas(self) -> list[FilaDafo]:
        return list(self._filas)

    def fila(self, n: int) -> FilaDafo:
        return self._filas[n]

    def buscar_id(self, ident: int) -> int:
        return next((n for n, f in enumerate(self._filas) if f.id == ident), -1)

    def fijar_editable(self, editable: bool) -> None:
        if editable != self.editable:
            self.editable = editable
            if self._filas:
                self.dataChanged.emit(self.index(0), self.index(len(self._filas) - 1))

    # -- lectura -------------------------------------------------------------------------------------------
    def rowCount(self, parent: Indice = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's name and signature
        return 0 if parent.isValid() else len(self._filas)

    def data(self, index: Indice, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._filas) or index.column() != 0:
            return None
        f = self._filas[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole):
            return f.texto
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._numeros[index.row()]}. {f.texto}"
        if role == ROL_NUMERO:
            return self._numeros[index.row()]
        if role == ROL_ID:
            return f.id
        return None

    def flags(self, index: Indice) -> Qt.ItemFlag:
        if not index.isValid():
            # Dropping on the empty area of the list appends at the end of the quadrant.
            return Qt.ItemFlag.ItemIsDropEnabled if self.editable else Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self.editable:
            base |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
        return base

    # -- edición -------------------------------------------------------------------------------------------
    def setData(self, index: Indice, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not self.editable or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not 0 <= index.row() < len(self._filas):
            return False
        f = self._filas[index.row()]
        texto = "" if value is None else str(value)
        if texto == f.texto:
            return False
        self.editado.emit(f.id, texto)
        return True

    # -- arrastrar y soltar --------------------------------------------------------------------------------
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_ITEM_DAFO]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        datos = QMimeData()
        ids = [self._filas[i.row()].id for i in indexes if i.isValid() and 0 <= i.row() < len(self._filas)]
        carga = json.dumps({"ids": ids, "cuadrante": self.cuadrante}).encode("utf-8")
        datos.setData(MIME_ITEM_DAFO, QByteArray(carga))
        # Also as text: dropped into a word processor or an e-mail, the items read as written.
        datos.setText("\n".join(self._filas[i.row()].texto for i in indexes
                                if i.isValid() and 0 <= i.row() < len(self._filas)))
        return datos

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: Indice) -> bool:
        return self.editable and bool(ids_de(data)) and action in (Qt.DropAction.MoveAction,
                                                                   Qt.DropAction.CopyAction)

    def posicion_para(self, item_id: int, row: int, parent: Indice) -> int:
        """La posición final (0 = primero) de un elemento soltado en la fila `row` de esta vista.

        Soltado sobre un elemento (row = -1, parent = ese elemento): toma su lugar; en el espacio vacío: al final.
        Dentro del mismo cuadrante, la fila de la vista cuenta al elemento que se mueve: si venía de más arriba,
        su lugar final es una fila antes.
        """
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._filas)
        row = max(0, min(row, len(self._filas)))
        desde = self.buscar_id(item_id)
        if 0 <= desde < row:
            row -= 1
        return row

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: Indice) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = ids_de(data)
        self.movido.emit(ids[0], self.cuadrante, self.posicion_para(ids[0], row, parent))
        # False: the board already moved it through the service and reloaded every quadrant; with True the
        # source view would try to remove the row itself.
        return False
