"""Errores que el usuario puede corregir.

Los servicios lanzan ErrorDeUsuario con un texto en español que dice qué hacer; la interfaz y la CLI lo muestran
tal cual. Cualquier otra excepción es un error del programa: se registra con su traza y se muestra de forma genérica.
"""

from __future__ import annotations

from nucleo.i18n import _


class ErrorDeUsuario(Exception):
    def __init__(self, mensaje: str, campo: str | None = None, detalle: str | None = None):
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.campo = campo
        self.detalle = detalle

    def __str__(self) -> str:
        return self.mensaje if not self.detalle else f"{self.mensaje}\n{self.detalle}"


class ErroresDeValidacion(ErrorDeUsuario):
    """Varios campos con problemas a la vez, para que el formulario los marque todos juntos."""

    def __init__(self, errores: dict[str, str]):
        self.errores = dict(errores)
        primero = next(iter(self.errores.items()))
        resumen = "\n".join(f"• {m}" for m in self.errores.values())
        super().__init__(primero[1] if len(self.errores) == 1 else _("Revise los datos marcados:"), primero[0],
                         None if len(self.errores) == 1 else resumen)


class ExpedienteNoValido(ErrorDeUsuario):
    """El archivo no es un expediente, está dañado o es de una versión más nueva."""


class ExpedienteBloqueado(ErrorDeUsuario):
    """Otra instancia del programa ya tiene el expediente abierto para escribir."""
