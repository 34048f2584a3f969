"""Departamentos y distritos oficiales de Paraguay (INE, CNPV 2022). Procedencia en recursos/datos/FUENTES.md.

Los códigos son siempre los del INE: los del TSJE intercambian Boquerón (16) y Alto Paraguay (17).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from nucleo.formato import titulo
from nucleo.rutas import DATOS

ARCHIVO_DISTRITOS = DATOS / "py_distritos_ine_cnpv2022.csv"
ARCHIVO_DEPARTAMENTOS = DATOS / "py_departamentos_ine.csv"


@dataclass(frozen=True)
class Departamento:
    codigo: str  # "00" Asunción … "17" Alto Paraguay
    nombre: str  # en forma de título: "Alto Paraná"


@dataclass(frozen=True)
class Distrito:
    clave: str  # código del departamento + código del distrito: "1116" (Villeta)
    departamento: str  # "11"
    codigo: str  # "16", único solo dentro del departamento
    nombre: str  # en forma de título: "Dr. J. Eulogio Estigarribia"
    nombre_ine: str  # tal cual lo publica el INE: "DR. J. EULOGIO ESTIGARRIBIA"


def _leer(ruta) -> list[dict[str, str]]:
    with open(ruta, encoding="utf-8", newline="") as archivo:
        return list(csv.DictReader(archivo))


@functools.cache
def _departamentos() -> tuple[Departamento, ...]:
    filas = _leer(ARCHIVO_DEPARTAMENTOS)
    return tuple(
        sorted((Departamento(f["DPTO"], titulo(f["DPTO_DESC"])) for f in filas), key=lambda d: d.codigo)
    )


@functools.cache
def _distritos() -> tuple[Distrito, ...]:
    filas = _leer(ARCHIVO_DISTRITOS)
    lista = (
        Distrito(f["CLAVE"], f["DPTO"], f["DISTRITO"], titulo(f["DIST_DESC"]), f["DIST_DESC"]) for f in filas
    )
    return tuple(sorted(lista, key=lambda d: d.clave))


@functools.cache
def _por_clave() -> dict[str, Distrito]:
    return {d.clave: d for d in _distritos()}


def departamentos() -> list[Departamento]:
    """Los 18 departamentos (Asunción incluida, código 00), ordenados por código."""
    return list(_departamentos())


def distritos(departamento: str | None = None) -> list[Distrito]:
    """Los 263 distritos ordenados por clave, o los de un departamento (KeyError si el código no existe)."""
    if departamento is None:
        return list(_distritos())
    if departamento not in {d.codigo for d in _departamentos()}:
        raise KeyError(departamento)
    return [d for d in _distritos() if d.departamento == departamento]


def distrito(clave: str) -> Distrito:
    """El distrito de esa clave (4 cifras, p. ej. "1116"); KeyError si no existe."""
    return _por_clave()[clave]
