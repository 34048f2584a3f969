"""El «estado vacío» de una página o panel: qué falta, para qué sirve y el botón que lo resuelve."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.estilo import TEXTO_SECUNDARIO, fuente_relativa

ANCHO_TEXTO = 560  # a paragraph wider than this is hard to read in the middle of an empty page


class EstadoVacio(QWidget):
    """Un título centrado en negrita, una explicación gris de hasta ~560 px y, si se pide, un botón centrado.

    `.titulo` y `.texto` son las etiquetas; `.boton` es el QPushButton (o None). `agregar_boton()` suma otro botón
    a la misma fila (p. ej. «Importar desde Excel…»); `fijar_textos()` cambia el mensaje (un texto vacío se oculta).
    """

    def __init__(self, titulo: str, texto: str = "", boton: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.titulo = QLabel(self)
        self.titulo.setFont(fuente_relativa(self.font(), 1.2, negrita=True))
        self.titulo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.titulo.setWordWrap(True)
        self.texto = QLabel(self)
        self.texto.setObjectName("secundario")
        self.texto.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.texto.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texto.setWordWrap(True)
        self.texto.setMaximumWidth(ANCHO_TEXTO)
        # Centred between stretches, not with an alignment flag: that would wrap it to its narrow size hint.
        fila_texto = QHBoxLayout()
        fila_texto.addStretch(1)
        fila_texto.addWidget(self.texto, 10)
        fila_texto.addStretch(1)
        self._botones = QHBoxLayout()
        self._botones.addStretch(1)
        self._botones.addStretch(1)
        self.boton: QPushButton | None = self.agregar_boton(boton) if boton is not None else None

        capa = QVBoxLayout(self)
        capa.addStretch(2)
        capa.addWidget(self.titulo)
        capa.addSpacing(6)
        capa.addLayout(fila_texto)
        capa.addSpacing(12)
        capa.addLayout(self._botones)
        capa.addStretch(3)
        self.fijar_textos(titulo, texto)

    def agregar_boton(self, texto: str) -> QPushButton:
        """Agrega un botón al final de la fila centrada de botones y lo devuelve."""
        boton = QPushButton(texto, self)
        self._botones.insertWidget(self._botones.count() - 1, boton)
        return boton

    def fijar_textos(self, titulo: str, texto: str = "") -> None:
        self.titulo.setText(titulo)
        self.titulo.setVisible(bool(titulo))
        self.texto.setText(texto)
        self.texto.setVisible(bool(texto))
