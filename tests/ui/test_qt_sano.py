"""Guardia contra una versión de PySide6 defectuosa: 6.12.0 quita una referencia a None en cada llamada sin
retorno, y Python 3.11 termina el programa con «none_dealloc» al rato de usarlo."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont


def test_las_llamadas_de_qt_no_pierden_referencias_de_none(qapp):
    fuente = QFont()
    antes = sys.getrefcount(None)
    for _ in range(500):
        fuente.setBold(True)
    assert sys.getrefcount(None) - antes > -50
