"""Un solo escritor por expediente: un bloqueo del sistema operativo sobre un archivo vecino.

El sistema libera el bloqueo si el programa termina de cualquier forma (incluso un corte), así que nunca queda
un expediente «trabado» por un cierre inesperado.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

_POSICION = 4096  # the locked byte sits past the text, so others can still read who holds it (Windows)


class Bloqueo:
    def __init__(self, ruta_expediente: Path):
        self.ruta = Path(str(ruta_expediente) + "-lock")
        self._archivo = None

    def adquirir(self) -> bool:
        archivo = open(self.ruta, "a+b")  # noqa: SIM115 - must stay open while the lock is held
        try:
            if sys.platform == "win32":
                import msvcrt

                archivo.seek(_POSICION)
                msvcrt.locking(archivo.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(archivo.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            archivo.close()
            return False
        self._archivo = archivo
        try:
            usuario = getpass.getuser()
        except Exception:  # noqa: BLE001 - getuser can fail without a login name; it is only informative
            usuario = "?"
        texto = f"{usuario} en {socket.gethostname()} (proceso {os.getpid()}) desde {datetime.now():%d/%m/%Y %H:%M}"
        archivo.seek(0)
        archivo.truncate()
        archivo.write(texto.encode("utf-8"))
        archivo.flush()
        return True

    def titular(self) -> str:
        try:
            return self.ruta.read_bytes()[:_POSICION].decode("utf-8", "replace").strip("\x00 \n")
        except OSError:
            return ""

    @property
    def adquirido(self) -> bool:
        return self._archivo is not None

    def liberar(self) -> None:
        if self._archivo is None:
            return
        archivo, self._archivo = self._archivo, None
        try:
            archivo.seek(0)
            archivo.truncate()
        finally:
            # Closing releases the OS lock. The file is not deleted: unlinking it could let a third instance
            # lock a new file while a second one holds the old inode, and there would be two writers.
            archivo.close()
