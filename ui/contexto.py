"""Lo que toda página necesita del expediente abierto: sesiones, la pila de deshacer y las señales comunes."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from nucleo.almacen.expediente import Expediente
from nucleo.errores import ErrorDeUsuario

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")
log = logging.getLogger(__name__)


class Contexto(QObject):
    """Uno por expediente abierto. Las páginas lo reciben en su constructor.

    - `cambiado(set[str])`: qué entidades cambiaron («territorio», «etapa», «documento», «dia_especial»,
      «actor», «oportunidad», «municipio»); cada página refresca solo si le afecta.
    - `navegar(str, object)`: pide a la ventana mostrar una página (clave) con un parámetro (p. ej. un id).
    - `mensaje(str)`: texto breve para la barra de estado.
    """

    cambiado = Signal(object)
    navegar = Signal(str, object)
    mensaje = Signal(str)

    def __init__(self, expediente: Expediente, parent: QObject | None = None):
        super().__init__(parent)
        self.expediente = expediente
        self.pila = QUndoStack(self)

    @property
    def municipio_id(self) -> int:
        assert self.expediente.municipio_id is not None
        return self.expediente.municipio_id

    @property
    def solo_lectura(self) -> bool:
        return self.expediente.solo_lectura

    def leer(self, funcion: Callable[[Session], T]) -> T:
        """Ejecuta una consulta de servicio en una sesión corta (carga el ORM si todavía no está)."""
        with self.expediente.sesion() as s:
            return funcion(s)

    def consultar(self, funcion: Callable[[sqlite3.Connection], T]) -> T:
        """Ejecuta una lectura de `nucleo.lecturas` con la conexión de lectura, sin el ORM: así la primera
        pantalla se muestra antes de cargarlo."""
        return funcion(self.expediente.lectura())

    def escribir(self, funcion: Callable[[Session], T], cambia: set[str] | str) -> T:
        """Ejecuta un servicio que escribe, confirma y avisa qué cambió. Sin deshacer (para eso, `ejecutar`)."""
        if self.solo_lectura:
            raise ErrorDeUsuario("El expediente está abierto solo para lectura: no se pueden guardar cambios.")
        with self.expediente.transaccion() as s:
            resultado = funcion(s)
        self.cambiado.emit({cambia} if isinstance(cambia, str) else set(cambia))
        return resultado

    def ejecutar(self, comando: ComandoServicio) -> Any:
        """Hace el cambio ya (si falla, lanza ErrorDeUsuario y nada queda en la pila) y lo apila para deshacer."""
        resultado = comando.hacer_primera_vez()
        self.pila.push(comando)
        return resultado


class ComandoServicio(QUndoCommand):
    """Orden deshacible hecha de llamadas a servicios.

    - `hacer(s) -> r`: el cambio (p. ej. crear y devolver el id).
    - `deshacer(s, r) -> r2`: lo revierte con lo que devolvió `hacer` (p. ej. eliminar y devolver la copia).
    - `rehacer(s, r2) -> r`: lo repite con lo que devolvió `deshacer` (p. ej. restaurar la copia con el mismo id);
      si se omite, se llama otra vez a `hacer`.

    La primera ejecución ocurre en `Contexto.ejecutar`, antes de apilar, para que un error de validación no deje
    una orden vacía en la pila; QUndoStack.push llama luego a redo(), que esa primera vez no repite el trabajo.
    """

    def __init__(self, ctx: Contexto, texto: str, cambia: set[str] | str,
                 hacer: Callable[[Session], Any], deshacer: Callable[[Session, Any], Any],
                 rehacer: Callable[[Session, Any], Any] | None = None):
        super().__init__(texto)
        self.ctx = ctx
        self.cambia = {cambia} if isinstance(cambia, str) else set(cambia)
        self._hacer, self._deshacer = hacer, deshacer
        self._rehacer = rehacer or (lambda s, _r: hacer(s))
        self._recien_hecho = False
        self.resultado: Any = None  # what the last hacer/rehacer returned
        self._revertido: Any = None  # what the last deshacer returned

    def hacer_primera_vez(self) -> Any:
        self.resultado = self.ctx.escribir(self._hacer, self.cambia)
        self._recien_hecho = True
        return self.resultado

    def redo(self) -> None:
        if self._recien_hecho:
            self._recien_hecho = False
            return
        self._aplicar(lambda s: self._rehacer(s, self._revertido), "rehacer", "resultado")

    def undo(self) -> None:
        self._aplicar(lambda s: self._deshacer(s, self.resultado), "deshacer", "_revertido")

    def _aplicar(self, funcion: Callable[[Session], Any], que: str, guardar_en: str) -> None:
        try:
            setattr(self, guardar_en, self.ctx.escribir(funcion, self.cambia))
        except ErrorDeUsuario as exc:
            # The data changed under the command (should not happen with one writer): say so, keep running.
            log.warning("No se pudo %s «%s»: %s", que, self.text(), exc)
            self.setObsolete(True)
            self.ctx.mensaje.emit(f"No se pudo {que} «{self.text()}»: {exc.mensaje}")
