"""Qué ve el usuario cuando algo sale mal.

- `ErrorDeUsuario` (un servicio rechazó algo): un aviso con el mensaje tal cual, que dice qué hacer.
- Cualquier otra excepción es un error del programa: se registra con su traza en el archivo de registro y se
  muestra «Ocurrió un error inesperado» con la ruta de ese archivo. El programa sigue funcionando.

`instalar_gancho()` conecta esto a `sys.excepthook`, por donde Qt entrega las excepciones que escapan de un slot.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _

log = logging.getLogger("articula.errores")


def _ventana_activa(parent: QWidget | None) -> QWidget | None:
    if parent is not None:
        return parent
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


# Boxes without a parent window must be referenced until closed, or Python would delete them at once.
_ABIERTAS: set[QMessageBox] = set()


def _abrir_no_modal(caja: QMessageBox) -> QMessageBox:
    # open() instead of exec(): the error may come from deep inside a slot; a nested event loop there is a
    # source of new errors. The box is modal for its window and deletes itself when closed.
    caja.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _ABIERTAS.add(caja)
    caja.finished.connect(lambda _r: _ABIERTAS.discard(caja))
    caja.open()
    return caja


def mostrar_error_de_usuario(parent: QWidget | None, exc: ErrorDeUsuario, titulo: str | None = None) -> QMessageBox:
    caja = QMessageBox(QMessageBox.Icon.Warning, titulo or _("Articula"), exc.mensaje,
                       QMessageBox.StandardButton.Ok, _ventana_activa(parent))
    if exc.detalle:
        caja.setInformativeText(exc.detalle)
    caja.button(QMessageBox.StandardButton.Ok).setText(_("Aceptar"))  # even without Qt's Spanish catalogue
    caja.setObjectName("avisoErrorDeUsuario")
    return _abrir_no_modal(caja)


def dialogo_error_inesperado(parent: QWidget | None, ruta_registro: Path | None, traza: str) -> QMessageBox:
    caja = QMessageBox(_ventana_activa(parent))
    caja.setObjectName("errorInesperado")
    caja.setIcon(QMessageBox.Icon.Critical)
    caja.setWindowTitle(_("Articula: error inesperado"))
    caja.setText(_("Ocurrió un error inesperado."))
    explicacion = _("Articula sigue funcionando y los cambios ya confirmados están guardados. "
                    "Si el problema se repite, envíe a soporte el archivo de registro:")
    caja.setInformativeText(f"{explicacion}\n{ruta_registro}" if ruta_registro else explicacion)
    caja.setDetailedText(traza)
    caja.setStandardButtons(QMessageBox.StandardButton.Close)
    caja.button(QMessageBox.StandardButton.Close).setText(_("Cerrar"))
    if ruta_registro is not None:
        carpeta = caja.addButton(_("Abrir la carpeta del registro"), QMessageBox.ButtonRole.ActionRole)
        # ActionRole buttons close the box too; open the folder when that button was the one pressed.
        caja.buttonClicked.connect(
            lambda b: QDesktopServices.openUrl(QUrl.fromLocalFile(str(ruta_registro.parent))) if b is carpeta else None
        )
    copiar = caja.addButton(_("Copiar el detalle"), QMessageBox.ButtonRole.ActionRole)
    caja.buttonClicked.connect(
        lambda b: QGuiApplication.clipboard().setText(f"{ruta_registro}\n\n{traza}") if b is copiar else None
    )
    return caja


class GanchoDeErrores:
    """El sys.excepthook de la interfaz. Un solo diálogo de error a la vez; el resto solo se registra."""

    def __init__(self, ruta_registro: Path | None):
        self.ruta_registro = ruta_registro
        self.dialogo: QMessageBox | None = None
        self._anterior = sys.excepthook
        self._dentro = False

    def __call__(self, tipo: type[BaseException], valor: BaseException, tb: TracebackType | None) -> None:
        if issubclass(tipo, KeyboardInterrupt):
            self._anterior(tipo, valor, tb)
            return
        if isinstance(valor, ErrorDeUsuario):
            # A service rule that a slot forgot to catch: still the user's to fix, not a bug to report.
            log.warning("Error de usuario no atendido: %s", valor)
            self._mostrar(lambda: mostrar_error_de_usuario(None, valor))
            return
        log.error("Error inesperado", exc_info=(tipo, valor, tb))
        if self.dialogo is not None and self.dialogo.isVisible():
            return  # one box is enough; the log has every occurrence
        traza = "".join(traceback.format_exception(tipo, valor, tb))
        self._mostrar(lambda: self._abrir_dialogo(traza))

    def _abrir_dialogo(self, traza: str) -> QMessageBox:
        self.dialogo = _abrir_no_modal(dialogo_error_inesperado(None, self.ruta_registro, traza))
        self.dialogo.destroyed.connect(self._olvidar)
        return self.dialogo

    def _olvidar(self, *_args) -> None:
        self.dialogo = None

    def _mostrar(self, funcion) -> None:
        if self._dentro or not isinstance(QApplication.instance(), QApplication):
            return  # an error while showing the error: logged above, never loop
        self._dentro = True
        try:
            funcion()
        except Exception:  # noqa: BLE001 - the error dialog itself must never take the program down
            log.exception("No se pudo mostrar el diálogo de error")
        finally:
            self._dentro = False


def _hilo_excepthook(args: threading.ExceptHookArgs) -> None:
    # Workers report their errors by signal (ui/dialogos/progreso.py); anything else from a thread is logged.
    log.error("Error inesperado en el hilo %s", getattr(args.thread, "name", "?"),
              exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def instalar_gancho(ruta_registro: Path | None) -> GanchoDeErrores:
    gancho = GanchoDeErrores(ruta_registro)
    sys.excepthook = gancho
    threading.excepthook = _hilo_excepthook
    return gancho
