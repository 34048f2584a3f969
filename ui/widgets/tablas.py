"""La tabla de registros de las páginas y paneles: de solo lectura, para elegir una fila y actuar sobre ella."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def tabla_de_registros(modelo: QAbstractItemModel, parent: QWidget | None = None,
                       clase: type[QTableView] = QTableView) -> QTableView:
    """Filas enteras, de a una, sin editar en la celda (se edita con el diálogo), colores alternados, sin números de
    fila ni cabeceras resaltadas; Tab sale de la tabla, como espera quien usa el teclado. El alto de las filas, el
    orden y el ajuste de texto los fija cada pantalla."""
    tabla = clase(parent)
    tabla.setModel(modelo)
    tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tabla.setAlternatingRowColors(True)
    tabla.setTabKeyNavigation(False)
    tabla.verticalHeader().hide()
    tabla.horizontalHeader().setHighlightSections(False)
    return tabla
