"""Copias del expediente con la API de respaldo de SQLite (nunca una copia de archivo: con WAL quedaría incompleta)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from nucleo.almacen.carpetas import carpeta_respaldos
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _

CONSERVAR = 10  # automatic copies kept per expediente; older ones are removed
PAGINAS_POR_PASO = 256


def verificar_integridad(conexion: sqlite3.Connection) -> str | None:
    """None si el archivo está sano; si no, el primer problema que informa SQLite."""
    filas = conexion.execute("PRAGMA integrity_check").fetchall()
    return None if filas == [("ok",)] else "; ".join(str(f[0]) for f in filas[:5])


def copiar(
    origen: Callable[[], sqlite3.Connection], destino: Path, progreso: Callable[[int, int], None] | None = None
) -> Path:
    """Copia en línea el expediente a `destino` y comprueba la copia. `origen` abre una conexión al expediente
    (una propia de la copia, que puede correr en otro hilo: lee lo confirmado, sin esperar a nadie).

    Escribe primero en un archivo temporal y lo renombra al final: un corte a mitad nunca deja una copia a medias
    con el nombre definitivo.
    """
    destino = Path(destino)
    if destino.suffix.lower() != ".articula":
        destino = destino.with_name(destino.name + ".articula")
    destino.parent.mkdir(parents=True, exist_ok=True)
    temporal = destino.with_name(destino.name + ".parcial")
    temporal.unlink(missing_ok=True)

    def _paso(_estado: int, restantes: int, total: int) -> None:
        if progreso:
            progreso(total - restantes, total)

    crudo = origen()
    try:
        with sqlite3.connect(temporal) as copia:
            crudo.backup(copia, pages=PAGINAS_POR_PASO, progress=_paso)
            # A backup of a WAL database is itself in WAL mode; a single-file copy is easier to move around.
            copia.execute("PRAGMA journal_mode=DELETE")
            problema = verificar_integridad(copia)
        copia.close()
    finally:
        crudo.close()
    if problema:
        temporal.unlink(missing_ok=True)
        raise ErrorDeUsuario(
            _("La copia de respaldo no pasó la verificación de integridad y se descartó."), detalle=problema
        )
    temporal.replace(destino)
    return destino


def carpeta_de(ruta_expediente: Path) -> Path:
    carpeta = carpeta_respaldos() / Path(ruta_expediente).stem
    carpeta.mkdir(parents=True, exist_ok=True)
    return carpeta


def respaldos_de(ruta_expediente: Path) -> list[Path]:
    """Respaldos automáticos de un expediente, del más nuevo al más viejo."""
    carpeta = carpeta_respaldos() / Path(ruta_expediente).stem
    if not carpeta.is_dir():
        return []
    return sorted(carpeta.glob("*.articula"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


_un_respaldo_a_la_vez = threading.Lock()


def respaldo_automatico(origen: Callable[[], sqlite3.Connection], ruta_expediente: Path, motivo: str = "") -> Path:
    # Serialised: the copy on open, the daily one and «Respaldar ahora» may overlap, and two copies named in
    # the same second would share their temporary file.
    with _un_respaldo_a_la_vez:
        carpeta = carpeta_de(ruta_expediente)
        base = f"{Path(ruta_expediente).stem}_{datetime.now():%Y-%m-%d_%H%M%S}"
        sufijo = f"_{motivo}" if motivo else ""
        destino, n = carpeta / f"{base}{sufijo}.articula", 1
        while destino.exists():
            n += 1
            destino = carpeta / f"{base}-{n}{sufijo}.articula"
        hecho = copiar(origen, destino)
        for viejo in respaldos_de(ruta_expediente)[CONSERVAR:]:
            viejo.unlink(missing_ok=True)
        return hecho


def ultimo_respaldo_automatico(ruta_expediente: Path) -> datetime | None:
    lista = respaldos_de(ruta_expediente)
    return datetime.fromtimestamp(lista[0].stat().st_mtime) if lista else None
