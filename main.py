"""Punto de entrada de Articula: un subcomando de consola (demo, info, respaldar, exportar, importar) o la ventana
del programa."""

from __future__ import annotations

import gc
import sys

_CLI = ("demo", "info", "respaldar", "exportar", "importar", "acta", "verificar", "--version", "-V", "--help", "-h")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if argv[1:2] and argv[1] in _CLI:
        from nucleo.cli import main as cli

        return cli(argv)
    # Start-up creates some hundred thousand long-lived objects (modules, classes, Qt wrappers); collecting them
    # over and over while they are created costs ~20 % of the start. ui.precarga re-enables it once the window is
    # on screen and the rest is loaded, or as soon as the user starts working (after gc.freeze, so later
    # collections skip them too).
    gc.disable()
    try:
        # Imported here so the console commands never load Qt (faster, and they work without a display).
        from ui.app import main as gui

        return gui(argv[1:])
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
