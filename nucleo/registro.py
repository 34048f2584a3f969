"""Registro de lo que pasa en el programa: un archivo rotativo en la carpeta de registros del usuario.

Sin Qt: la CLI y la interfaz lo configuran igual. Un error inesperado queda aquí con su traza completa, y el
usuario recibe la ruta de este archivo para enviarla a soporte.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from nucleo.almacen.carpetas import carpeta_registros

NOMBRE_ARCHIVO = "articula.log"
TAMANO_MAXIMO = 1_000_000  # bytes per file: small enough to attach to an e-mail
ARCHIVOS_VIEJOS = 5
FORMATO = "%(asctime)s %(levelname)-8s %(name)s [%(process)d:%(threadName)s] %(message)s"

_manejador: logging.Handler | None = None


def ruta_registro() -> Path:
    return carpeta_registros() / NOMBRE_ARCHIVO


def configurar(nivel: int | str = logging.INFO) -> Path:
    """Instala (una sola vez por proceso y carpeta) el archivo rotativo en el registro raíz; devuelve su ruta.

    Llamarla otra vez cambia el nivel; si cambió la carpeta (p. ej. en las pruebas) reemplaza el archivo.
    """
    global _manejador
    ruta = ruta_registro()
    raiz = logging.getLogger()
    if _manejador is not None and Path(getattr(_manejador, "baseFilename", "")) != ruta:
        raiz.removeHandler(_manejador)
        _manejador.close()
        _manejador = None
    if _manejador is None:
        _manejador = logging.handlers.RotatingFileHandler(
            ruta, maxBytes=TAMANO_MAXIMO, backupCount=ARCHIVOS_VIEJOS, encoding="utf-8", delay=True
        )
        _manejador.setFormatter(logging.Formatter(FORMATO))
        raiz.addHandler(_manejador)
    if isinstance(nivel, str):
        nivel = logging.getLevelName(nivel.strip().upper())
        if not isinstance(nivel, int):  # an unknown name: keep the usual level rather than fail at start-up
            nivel = logging.INFO
    raiz.setLevel(nivel)
    _manejador.setLevel(nivel)
    logging.captureWarnings(True)
    return ruta


def quitar() -> None:
    """Retira el archivo de registro del registro raíz (al terminar, o entre pruebas)."""
    global _manejador
    if _manejador is not None:
        logging.getLogger().removeHandler(_manejador)
        _manejador.close()
        _manejador = None


__all__ = ["configurar", "quitar", "ruta_registro"]
