"""Punto de entrada de Articula: un subcomando de consola (demo, info, respaldar) o la ventana del programa."""

from __future__ import annotations

import sys

_CLI = ("demo", "info", "respaldar", "--version", "-V", "--help", "-h")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if argv[1:2] and argv[1] in _CLI:
        from nucleo.cli import main as cli

        return cli(argv)
    # Imported here so the console commands never load Qt (faster, and they work on a machine without a display).
    from ui.app import main as gui

    return gui(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
