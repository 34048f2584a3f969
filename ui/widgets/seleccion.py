"""Elegir filas de una tabla de registro (modelo → proxy de filtro → vista) por su id, igual en todas las páginas."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QTableView

from ui.modelos.tabla import ROL_FILA, ROL_ID, ModeloTabla


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


class SeleccionPorId:
    """Lo que toda página o panel de registro hace con su tabla: el id y la fila elegidos, elegir por id, las filas
    visibles. Pide `self.tabla` (QTableView), `self.proxy` (el filtro) y `self.modelo` (ModeloTabla); cada clase le
    da su nombre al id elegido (`actor_actual = SeleccionPorId.id_actual`)."""

    def id_actual(self) -> int | None:
        return id_elegido(self.tabla)

    def fila_actual(self):
        ident = self.id_actual()
        n = self.modelo.buscar_id(ident) if ident is not None else -1
        return self.modelo.fila(n) if n >= 0 else None

    def seleccionar(self, ident: int) -> bool:
        """Elige la fila con ese id; False si no está o la oculta un filtro."""
        fila = fila_en_vista(self.proxy, self.modelo, ident)
        if fila < 0:
            return False
        self._elegir_fila_vista(fila)
        return True

    def _elegir_fila_vista(self, fila: int) -> None:
        elegir_fila(self.tabla, self.proxy, fila)

    def filas_visibles(self) -> list:
        """Las filas que pasan la búsqueda y los filtros, en el orden de la tabla (lo que se imprimiría)."""
        return [self.proxy.index(r, 0).data(ROL_FILA) for r in range(self.proxy.rowCount())]
