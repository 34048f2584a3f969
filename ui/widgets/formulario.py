"""Marcar en el formulario los errores que devuelve un servicio, cada uno junto a su campo."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from ui.estilo import TEXTO_SECUNDARIO

ESTILO_ERROR = "border: 1px solid #c62828; border-radius: 3px;"


class MarcadorErrores:
    """Asocia nombres de campo del servicio con widgets y con una etiqueta de mensaje debajo de cada uno.

    Uso: `m.registrar("poblacion", widget)`; al recibir ErrorDeUsuario: `m.mostrar(exc)` marca y enfoca el primero
    y devuelve True si alguno de los campos era de este formulario.
    """

    def __init__(self) -> None:
        self._campos: dict[str, tuple[QWidget, QLabel | None]] = {}

    def registrar(self, campo: str, widget: QWidget, etiqueta: QLabel | None = None) -> None:
        if etiqueta is not None:
            etiqueta.setStyleSheet("color: #c62828;")
            etiqueta.setWordWrap(True)
            etiqueta.hide()
        self._campos[campo] = (widget, etiqueta)

    def limpiar(self) -> None:
        for widget, etiqueta in self._campos.values():
            widget.setStyleSheet("")
            widget.setToolTip("")
            if etiqueta is not None:
                etiqueta.clear()
                etiqueta.hide()

    def marcar(self, campo: str, mensaje: str) -> bool:
        if campo not in self._campos:
            return False
        widget, etiqueta = self._campos[campo]
        widget.setStyleSheet(ESTILO_ERROR)
        widget.setToolTip(mensaje)
        if etiqueta is not None:
            etiqueta.setText(mensaje)
            etiqueta.show()
        return True

    def mostrar(self, exc: ErrorDeUsuario) -> bool:
        self.limpiar()
        errores = exc.errores if isinstance(exc, ErroresDeValidacion) else ({exc.campo: exc.mensaje} if exc.campo else {})
        primero = None
        for campo, mensaje in errores.items():
            if self.marcar(campo, mensaje) and primero is None:
                primero = campo
        if primero is not None:
            widget = self._campos[primero][0]
            widget.setFocus()
        return primero is not None

    def widget(self, campo: str) -> QWidget | None:
        par = self._campos.get(campo)
        return par[0] if par else None


def etiqueta_error(parent: QWidget) -> QLabel:
    """Etiqueta vacía para el mensaje bajo un campo; `MarcadorErrores.registrar` la oculta hasta que haga falta."""
    etiqueta = QLabel(parent)
    etiqueta.setObjectName("errorCampo")
    return etiqueta


def texto_secundario(texto: str, parent: QWidget) -> QLabel:
    """Texto de ayuda o detalle, en el gris secundario de la paleta."""
    etiqueta = QLabel(texto, parent)
    etiqueta.setObjectName("secundario")
    etiqueta.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
    return etiqueta
