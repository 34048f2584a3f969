"""Elegir filas de una tabla de registro (modelo → proxy de filtro → vista) por su id, igual en todas las páginas."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QTableView

from ui.modelos.tabla import ROL_ID, ModeloTabla


def id_elegido(tabla: QTableView) -> int | None:
    """El id de la fila elegida, o None si no hay ninguna elegida (la actual sola no cuenta)."""
    indice = tabla.currentIndex()
    if not indice.isValid() or not tabla.selectionModel().isRowSelected(indice.row(), QModelIndex()):
        return None
    return indice.siblingAtColumn(0).data(ROL_ID)


def elegir_fila(tabla: QTableView, proxy: QSortFilterProxyModel, fila: int) -> QModelIndex:
    """Elige la fila `fila` de la vista (ya ordenada y filtrada) y la hace visible."""
    indice = proxy.index(fila, 0)
    tabla.selectionModel().setCurrentIndex(
        indice, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    tabla.scrollTo(indice)
    return indice


def fila_en_vista(proxy: QSortFilterProxyModel, modelo: ModeloTabla, ident: int) -> int:
    """Número de fila en la vista del elemento con ese id; -1 si no está o lo oculta un filtro."""
    n = modelo.buscar_id(ident)
    indice = proxy.mapFromSource(modelo.index(n, 0)) if n >= 0 else QModelIndex()
    return indice.row() if indice.isValid() else -1
