"""Conexiones a un archivo SQLite con las pragmas de ARQUITECTURA.md (decisión 1): sqlite3 y el motor SQLAlchemy.

`conectar()` no necesita SQLAlchemy: abrir un expediente y mostrar su primera pantalla se hacen con ella, y el
motor (`crear_motor`, que usa la misma función para cada conexión) se arma la primera vez que hace falta.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

# "ARTC": marks the file as an expediente of Articula, so a random SQLite file is recognised as foreign.
APPLICATION_ID = 0x41525443
CABECERA_SQLITE = b"SQLite format 3\x00"


def conectar(ruta: Path, solo_lectura: bool = False) -> sqlite3.Connection:
    """Una conexión al expediente con las pragmas de cada conexión (en solo lectura, sin tocar el diario)."""
    ruta = Path(ruta).resolve()
    if solo_lectura:
        conexion = sqlite3.connect(ruta.as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    else:
        conexion = sqlite3.connect(str(ruta), check_same_thread=False)
    try:
        if not solo_lectura:
            conexion.execute("PRAGMA journal_mode=WAL")
        conexion.execute("PRAGMA foreign_keys=ON")
        conexion.execute("PRAGMA synchronous=FULL")  # a confirmed change survives a power cut
        conexion.execute("PRAGMA busy_timeout=5000")
    except BaseException:
        conexion.close()
        raise
    return conexion


def crear_motor(ruta: Path, solo_lectura: bool = False) -> Engine:
    from sqlalchemy import create_engine

    ruta = Path(ruta).resolve()
    return create_engine("sqlite+pysqlite://", creator=lambda: conectar(ruta, solo_lectura))


def es_sqlite(ruta: Path) -> bool:
    try:
        with open(ruta, "rb") as f:
            return f.read(16) == CABECERA_SQLITE
    except OSError:
        return False
