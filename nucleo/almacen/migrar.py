"""Versión del esquema y migraciones con Alembic.

Alembic se importa solo cuando hace falta migrar o crear (cuesta ~0,4 s al arrancar): para saber si un archivo está
al día basta leer `alembic_version` con SQL simple.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from nucleo.errores import ExpedienteNoValido
from nucleo.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Connection

# Every revision this program knows, oldest first; a test checks it against Alembic's own history.
REVISIONES: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006")
REVISION_ACTUAL = REVISIONES[-1]
CARPETA = Path(__file__).resolve().parent / "migraciones"


def revision_del_archivo(conexion: Connection | sqlite3.Connection) -> str | None:
    """La revisión del esquema del archivo (None si no tiene), con una conexión de SQLAlchemy o de sqlite3."""
    ejecutar = getattr(conexion, "exec_driver_sql", None) or conexion.execute
    tablas = {r[0] for r in ejecutar("SELECT name FROM sqlite_master WHERE type='table'").fetchall()}
    if "alembic_version" not in tablas:
        return None
    fila = ejecutar("SELECT version_num FROM alembic_version").fetchone()
    return fila[0] if fila else None


def _configuracion(conexion: Connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(CARPETA))
    cfg.attributes["connection"] = conexion
    return cfg


def comprobar_compatible(revision: str | None) -> bool:
    """True si hay que migrar; lanza ExpedienteNoValido si el archivo es de una versión más nueva."""
    if revision == REVISION_ACTUAL:
        return False
    if revision is None or revision in REVISIONES:
        return True
    raise ExpedienteNoValido(
        _("Este expediente fue creado con una versión más nueva de Articula (esquema {revision}). "
          "Actualice el programa para abrirlo; el archivo no se modificó.").format(revision=revision)
    )


def migrar(conexion: Connection) -> None:
    """Lleva el archivo a la revisión actual. Quien llama debe descartar luego la conexión (motor.dispose()):
    queda con las claves foráneas apagadas."""
    from alembic import command

    # Batch mode rebuilds a table (copy, drop, rename): with foreign keys on, dropping the old table would fire
    # ON DELETE SET NULL/CASCADE on every row that points at it. pysqlite has not begun a transaction yet
    # (it only does before DML), so the pragma takes effect; the links are checked at the end instead.
    conexion.exec_driver_sql("PRAGMA foreign_keys=OFF")
    # pysqlite would leave DDL in autocommit: an explicit BEGIN makes the whole upgrade one transaction, so a
    # failure halfway rolls every step back (SQLite's DDL is transactional).
    conexion.exec_driver_sql("BEGIN")
    command.upgrade(_configuracion(conexion), "head")
    rotas = conexion.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if rotas:
        raise ExpedienteNoValido(
            _("La actualización del expediente dejó referencias rotas y se deshizo; el archivo no cambió. "
              "Envíe el registro a soporte."),
            detalle="; ".join(str(tuple(r)) for r in rotas[:5]))


def historia_alembic() -> list[str]:
    """Revisiones según los scripts de Alembic, de la más antigua a la más nueva (para las pruebas)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(CARPETA))
    return [s.revision for s in reversed(list(ScriptDirectory.from_config(cfg).walk_revisions()))]
