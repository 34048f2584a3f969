"""Carpetas del usuario: expedientes, respaldos y registros (platformdirs; ARTICULA_DATOS las redirige)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_dirs = PlatformDirs("Articula", appauthor=False)


def _base() -> Path | None:
    # A fixed folder for tests, portable installs and CI; never the user's real data there.
    valor = os.environ.get("ARTICULA_DATOS")
    return Path(valor) if valor else None


def _asegurar(ruta: Path) -> Path:
    ruta.mkdir(parents=True, exist_ok=True)
    return ruta


def carpeta_datos() -> Path:
    return _asegurar(_base() or Path(_dirs.user_data_dir))


def carpeta_expedientes() -> Path:
    return _asegurar(carpeta_datos() / "expedientes")


def carpeta_respaldos() -> Path:
    return _asegurar(carpeta_datos() / "respaldos")


def carpeta_registros() -> Path:
    base = _base()
    return _asegurar(base / "registros" if base else Path(_dirs.user_log_dir))


def carpeta_cache() -> Path:
    """Datos que se pueden volver a calcular (p. ej. los feriados ya leídos del paquete holidays)."""
    base = _base()
    return _asegurar(base / "cache" if base else Path(_dirs.user_cache_dir))
