"""Lista desplegable en la que se escribe para buscar: con miles de actores, desplegar y recorrer no sirve."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from nucleo.i18n import _


class ComboBuscable(QComboBox):
    """Se escribe parte del nombre (sin importar mayúsculas ni la posición) y se elige de las coincidencias.

    El texto nunca queda distinto del elemento elegido: al salir del campo, un texto que no coincide con ningún
    elemento vuelve al elegido antes, así `currentData()` siempre corresponde a lo que se ve.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completador = QCompleter(self.model(), self)
        completador.setFilterMode(Qt.MatchFlag.MatchContains)
        completador.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completador.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completador)
        self.lineEdit().setPlaceholderText(_("Escriba para buscar…"))
        self.lineEdit().editingFinished.connect(self._ajustar_texto)
        completador.activated[str].connect(self._elegir_texto)

    def _elegir_texto(self, texto: str) -> None:
        indice = self.findText(texto, Qt.MatchFlag.MatchExactly)
        if indice >= 0:
            self.setCurrentIndex(indice)

    def _ajustar_texto(self) -> None:
        texto = self.lineEdit().text().strip()
        indice = self.findText(texto, Qt.MatchFlag.MatchFixedString)  # exact, ignoring case
        if indice >= 0:
            self.setCurrentIndex(indice)
        self.lineEdit().setText(self.itemText(self.currentIndex()))
