"""Rutas de los recursos que se distribuyen con el programa (datos de referencia, fuentes, traducciones)."""

from __future__ import annotations

import sys
from pathlib import Path


def _carpeta_recursos() -> Path:
    # Frozen with PyInstaller the files live under sys._MEIPASS (build with --add-data "recursos:recursos");
    # from the source tree (or an installed checkout) they sit next to the nucleo package.
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / "recursos"
    return Path(__file__).resolve().parent.parent / "recursos"


RECURSOS: Path = _carpeta_recursos()
DATOS: Path = RECURSOS / "datos"
