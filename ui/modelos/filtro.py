"""Proxy de orden y filtro que ordena por ROL_ORDEN y filtra por texto en todas las columnas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ui.modelos.tabla import ROL_FILA, ROL_ORDEN


class FiltroTabla(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(ROL_ORDEN)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._condicion: Callable[[Any], bool] | None = None

    def fijar_condicion(self, condicion: Callable[[Any], bool] | None) -> None:
        """Filtro adicional sobre el objeto de la fila (p. ej. por estado), además del texto."""
        self._condicion = condicion
        self.refiltrar()

    def refiltrar(self) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange(); keep both for older wheels.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, fila: int, padre: QModelIndex | QPersistentModelIndex) -> bool:
        if self._condicion is not None:
            objeto = self.sourceModel().index(fila, 0, padre).data(ROL_FILA)
            if not self._condicion(objeto):
                return False
        return super().filterAcceptsRow(fila, padre)

    def lessThan(self, izq: QModelIndex | QPersistentModelIndex, der: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = izq.data(ROL_ORDEN), der.data(ROL_ORDEN)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
