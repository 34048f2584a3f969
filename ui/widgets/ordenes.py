"""Lo que repiten los paneles de registro al armar sus órdenes: la QAction con atajos y ayuda, y ejecutar una
orden deshacible avisando en un cuadro si el servicio la rechaza.

Se asignan en la clase (`_accion = accion`, `_ejecutar = ejecutar_con_aviso`): el panel es el primer argumento.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar, QWidget

from nucleo.errores import ErrorDeUsuario
from ui.contexto import ComandoServicio


def accion(padre: QWidget, texto: str, atajos: list, ayuda: str, slot: Callable[[], Any],
           contexto: Qt.ShortcutContext = Qt.ShortcutContext.WidgetShortcut) -> QAction:
    """Una orden del panel con sus atajos (WidgetShortcut: solo con el foco en el widget al que se agrega)."""
    a = QAction(texto, padre)
    a.setShortcuts([QKeySequence(k) for k in atajos])
    a.setShortcutContext(contexto)
    a.setToolTip(ayuda)
    a.triggered.connect(lambda _c=False: slot())
    return a


def accion_agregada(padre: QWidget, texto: str, atajos: list, ayuda: str, slot: Callable[[], Any],
                    contexto: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> QAction:
    """Una orden cuyos atajos valen en todo `padre` (y sus hijos): se le agrega a él si tiene atajos."""
    a = accion(padre, texto, atajos, ayuda, slot, contexto)
    if atajos:
        padre.addAction(a)
    return a


def barra_de_ordenes(nombre: str, acciones: list) -> QToolBar:
    """Una barra de botones de texto: las órdenes en orden; None pone un separador y un widget va tal cual."""
    barra = QToolBar(nombre)
    barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for a in acciones:
        if a is None:
            barra.addSeparator()
        elif isinstance(a, QWidget):
            barra.addWidget(a)
        else:
            barra.addAction(a)
    return barra


def avisar_error(padre: QWidget, titulo: str, exc: ErrorDeUsuario) -> None:
    """El motivo en español del servicio, con el detalle técnico plegado si lo hay."""
    caja = QMessageBox(QMessageBox.Icon.Warning, titulo, exc.mensaje, QMessageBox.StandardButton.Ok, padre)
    if exc.detalle:
        caja.setDetailedText(exc.detalle)
    caja.exec()


def ejecutar_con_aviso(padre: QWidget, comando: ComandoServicio, mensaje: str, titulo_error: str) -> bool:
    """Ejecuta la orden deshacible por `padre.ctx`; si el servicio la rechaza, lo dice y devuelve False."""
    try:
        padre.ctx.ejecutar(comando)
    except ErrorDeUsuario as exc:
        avisar_error(padre, titulo_error, exc)
        return False
    if mensaje:
        padre.ctx.mensaje.emit(mensaje)
    return True
