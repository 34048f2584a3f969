"""Lecturas sin ORM: lo que muestra la primera pantalla, leído con SQL simple sobre sqlite3.

Al abrir un expediente la ventana se muestra con estas funciones y sin SQLAlchemy (que con el modelo cuesta más de
la mitad del arranque); el ORM se carga después, con la ventana ya a la vista. Son las únicas versiones de estas
lecturas: los servicios las vuelven a exportar y todas aceptan una conexión sqlite3 (`Expediente.lectura()`) o
una sesión del ORM, que primero escribe lo pendiente, como haría su autoflush, y lee dentro de su transacción.

Los valores vienen como los guarda SQLAlchemy en SQLite: fechas «AAAA-MM-DD» y booleanos 0/1.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _


def conexion(fuente: Any) -> sqlite3.Connection:
    """La conexión sqlite3 de `fuente`: ella misma, o la de la transacción de una sesión del ORM."""
    if isinstance(fuente, sqlite3.Connection):
        return fuente
    fuente.flush()  # a Session: what it holds unwritten is read as well
    return fuente.connection().connection.driver_connection


def fecha(valor: str | date | None) -> date | None:
    if valor is None or isinstance(valor, date):
        return valor
    return _fecha_de_texto(valor)


_FECHAS: dict[str, date] = {}


def _fecha_de_texto(texto: str) -> date:
    # A list repeats few dates: parse each once.
    hecha = _FECHAS.get(texto)
    if hecha is None:
        hecha = _FECHAS[texto] = date.fromisoformat(texto[:10])
    return hecha


def booleano(valor: int | bool | None) -> bool | None:
    return None if valor is None else bool(valor)


def no_encontrado(que: str, ident: int) -> ErrorDeUsuario:
    return ErrorDeUsuario(_("No se encontró {que} (n.º {ident}). Puede que se haya eliminado; actualice la vista.")
                          .format(que=que, ident=ident))


def marcas(n: int) -> str:
    """«?,?,?» para una cláusula IN de n valores."""
    return ",".join("?" * n)
