"""Trabajo largo fuera de la ventana (ARQUITECTURA, decisión 8): un hilo de QThreadPool, una barra de progreso
y el resultado de vuelta en el hilo de la interfaz por señal.

Uso:
    ejecutar(ventana, lambda progreso: exp.respaldar(destino, progreso),
             titulo="Guardar una copia", texto="Copiando el expediente…", al_terminar=hecho)

La función recibe `progreso(hecho, total)`. Si la tarea es cancelable, `progreso` lanza `Cancelado` cuando el
usuario pulsó Cancelar: la función solo tiene que dejar que la excepción suba (y no dejar nada a medias).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _

log = logging.getLogger(__name__)
Progreso = Callable[[int, int], None]

# Tasks still running: a Tarea must outlive the call that started it (the worker emits on it later).
_EN_CURSO: set[Tarea] = set()


class Cancelado(Exception):
    """El usuario canceló la tarea."""


class Tarea(QObject):
    """Una función que corre en otro hilo. Sus señales llegan en el hilo de la interfaz (la Tarea vive allí)."""

    avanzo = Signal(int, int)
    terminada = Signal(object)  # what the function returned
    fallida = Signal(object, str)  # the exception and its formatted traceback

    def __init__(self, funcion: Callable[[Progreso], Any], parent: QObject | None = None):
        super().__init__(parent)
        self.funcion = funcion
        self._cancelada = threading.Event()
        self.en_curso = False

    def cancelar(self) -> None:
        self._cancelada.set()

    @property
    def cancelada(self) -> bool:
        return self._cancelada.is_set()

    def progreso(self, hecho: int, total: int) -> None:
        # Called in the worker thread.
        if self._cancelada.is_set():
            raise Cancelado()
        self.avanzo.emit(int(hecho), int(total))

    def iniciar(self, pool: QThreadPool | None = None) -> Tarea:
        self.en_curso = True
        _EN_CURSO.add(self)
        self.terminada.connect(self._fin)
        self.fallida.connect(self._fin)
        (pool or QThreadPool.globalInstance()).start(_Ejecutor(self))
        return self

    def _fin(self, *_args) -> None:
        self.en_curso = False
        _EN_CURSO.discard(self)


class _Ejecutor(QRunnable):
    def __init__(self, tarea: Tarea):
        super().__init__()
        self.tarea = tarea

    def run(self) -> None:
        try:
            try:
                resultado = self.tarea.funcion(self.tarea.progreso)
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread to be shown
                self.tarea.fallida.emit(exc, "".join(traceback.format_exception(exc)))
            else:
                self.tarea.terminada.emit(resultado)
        except RuntimeError:
            # The window (and the task's QObject) went away while the work ran, e.g. the program is quitting:
            # nobody is left to tell. The work itself finished or failed cleanly above.
            log.info("Tarea en segundo plano terminada sin ventana a la que avisar")


def informar_fallo(parent: QWidget | None, exc: BaseException, traza: str) -> None:
    """Lo que se hace por omisión con un fallo: ErrorDeUsuario como aviso; lo demás al gancho de errores."""
    from ui.errores import mostrar_error_de_usuario

    if isinstance(exc, Cancelado):
        return
    if isinstance(exc, ErrorDeUsuario):
        mostrar_error_de_usuario(parent, exc)
        return
    log.debug("Fallo en segundo plano:\n%s", traza)
    sys.excepthook(type(exc), exc, exc.__traceback__)


def ejecutar(
    parent: QWidget | None,
    funcion: Callable[[Progreso], Any],
    *,
    titulo: str,
    texto: str,
    al_terminar: Callable[[Any], None] | None = None,
    al_fallar: Callable[[BaseException, str], None] | None = None,
    cancelable: bool = False,
    mostrar_dialogo: bool = True,
) -> Tarea:
    """Corre `funcion` en segundo plano con un diálogo de progreso (que aparece solo si tarda)."""
    tarea = Tarea(funcion)
    dialogo: QProgressDialog | None = None
    if mostrar_dialogo:
        dialogo = QProgressDialog(texto, _("Cancelar") if cancelable else "", 0, 0, parent)
        dialogo.setWindowTitle(titulo)
        dialogo.setWindowModality(Qt.WindowModality.WindowModal)
        dialogo.setMinimumDuration(400)  # quick jobs finish without a flashing window
        dialogo.setAutoClose(False)
        dialogo.setAutoReset(False)
        dialogo.setMinimumWidth(380)
        if not cancelable:
            dialogo.setCancelButton(None)
        dialogo.canceled.connect(tarea.cancelar)
        dialogo.canceled.connect(lambda: dialogo.setLabelText(_("Cancelando…")))

        def _avance(hecho: int, total: int) -> None:
            if total > 0:
                dialogo.setMaximum(total)
                dialogo.setValue(min(hecho, total))

        tarea.avanzo.connect(_avance)

    def _cerrar() -> None:
        if dialogo is not None:
            dialogo.reset()
            dialogo.hide()
            dialogo.deleteLater()

    def _terminada(resultado: Any) -> None:
        _cerrar()
        if al_terminar is not None:
            al_terminar(resultado)

    def _fallida(exc: BaseException, traza: str) -> None:
        _cerrar()
        if al_fallar is not None:
            al_fallar(exc, traza)
        else:
            informar_fallo(parent, exc, traza)

    tarea.terminada.connect(_terminada)
    tarea.fallida.connect(_fallida)
    return tarea.iniciar()
