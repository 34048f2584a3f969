"""Motor SQLAlchemy sobre un archivo SQLite con las pragmas de ARQUITECTURA.md (decisión 1)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

# "ARTC": marks the file as an expediente of Articula, so a random SQLite file is recognised as foreign.
APPLICATION_ID = 0x41525443
CABECERA_SQLITE = b"SQLite format 3\x00"


def crear_motor(ruta: Path, solo_lectura: bool = False) -> Engine:
    ruta = Path(ruta).resolve()
    if solo_lectura:
        uri = ruta.as_uri() + "?mode=ro"

        def conectar() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False, detect_types=0)
    else:

        def conectar() -> sqlite3.Connection:
            return sqlite3.connect(str(ruta), check_same_thread=False)

    motor = create_engine("sqlite+pysqlite://", creator=conectar)

    @event.listens_for(motor, "connect")
    def _pragmas(conexion, _registro) -> None:  # pragmas are per connection
        cursor = conexion.cursor()
        if not solo_lectura:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")  # a confirmed change survives a power cut
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    return motor


def es_sqlite(ruta: Path) -> bool:
    try:
        with open(ruta, "rb") as f:
            return f.read(16) == CABECERA_SQLITE
    except OSError:
        return False
