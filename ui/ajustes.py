"""Preferencias guardadas entre sesiones (QSettings), declaradas una sola vez con su valor por omisión.

Como en Picard (`picard/options.py`): cada ajuste se declara aquí con nombre, tipo y valor inicial; el resto del
programa lee y escribe `ajustes()["nombre"]` y nunca inventa claves sueltas. `VERSION` y `_ACTUALIZACIONES`
permiten convertir ajustes viejos cuando cambie su forma.

Las pruebas usan `usar_archivo(ruta)` para trabajar con un .ini temporal y no tocar los ajustes reales.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

VERSION = 1
MAXIMO_RECIENTES = 8


@dataclass(frozen=True)
class Opcion:
    nombre: str
    defecto: Any
    tipo: type


OPCIONES: dict[str, Opcion] = {}


def _declarar(nombre: str, defecto: Any, tipo: type) -> None:
    OPCIONES[nombre] = Opcion(nombre, defecto, tipo)


_declarar("geometria", QByteArray(), QByteArray)  # main window geometry (saveGeometry)
_declarar("estado", QByteArray(), QByteArray)  # toolbars/docks (saveState)
_declarar("ultimo_expediente", "", str)  # opened at start-up when no file is given
_declarar("recientes", [], list)  # Archivo > Abrir recientes, newest first
_declarar("ultima_pagina", "territorios", str)  # page shown when the window opens
# Mapa de Oportunidades: information checked longer ago than this is flagged «verificar»
# (nucleo.servicios.oportunidades.DIAS_PARA_VERIFICAR is the same default).
_declarar("dias_para_verificar", 180, int)
# Folder last used to export, print or import a table (Excel, PDF): the next file dialog starts there.
_declarar("carpeta_archivos", "", str)
_declarar("version_ajustes", VERSION, int)

# Upgrades from one settings version to the next: {version_de_origen: funcion(ajustes)}.
_ACTUALIZACIONES: dict[int, Callable[[Ajustes], None]] = {}


class Ajustes:
    def __init__(self, qsettings: QSettings):
        self.q = qsettings
        self._actualizar()

    def _actualizar(self) -> None:
        if not self.q.contains("version_ajustes"):
            self.q.setValue("version_ajustes", VERSION)
            return
        version = self["version_ajustes"]
        while version < VERSION:
            paso = _ACTUALIZACIONES.get(version)
            if paso:
                paso(self)
            version += 1
        self.q.setValue("version_ajustes", VERSION)

    def __getitem__(self, nombre: str) -> Any:
        opcion = OPCIONES[nombre]
        valor = self.q.value(nombre, opcion.defecto)
        return _convertir(valor, opcion)

    def __setitem__(self, nombre: str, valor: Any) -> None:
        opcion = OPCIONES[nombre]  # KeyError for an undeclared setting: declare it above
        if opcion.tipo is list:
            valor = list(valor)
        self.q.setValue(nombre, valor)

    def restablecer(self, nombre: str) -> None:
        self.q.remove(nombre)

    def sincronizar(self) -> None:
        self.q.sync()

    # -- recientes ------------------------------------------------------------------------------------
    def recientes(self) -> list[Path]:
        """Expedientes recientes que todavía existen (los que desaparecieron se quitan de la lista)."""
        todos = [Path(r) for r in self["recientes"] if r]
        existentes = [r for r in todos if r.exists()]
        if len(existentes) != len(todos):
            self["recientes"] = [str(r) for r in existentes]
        return existentes[:MAXIMO_RECIENTES]

    def agregar_reciente(self, ruta: Path) -> None:
        ruta = Path(ruta).resolve()
        lista = [r for r in self["recientes"] if r and Path(r) != ruta]
        self["recientes"] = [str(ruta), *lista][:MAXIMO_RECIENTES]
        self["ultimo_expediente"] = str(ruta)

    def quitar_reciente(self, ruta: Path) -> None:
        ruta = Path(ruta).resolve()
        self["recientes"] = [r for r in self["recientes"] if r and Path(r) != ruta]
        if self["ultimo_expediente"] and Path(self["ultimo_expediente"]) == ruta:
            self.restablecer("ultimo_expediente")


def _convertir(valor: Any, opcion: Opcion) -> Any:
    # QSettings returns strings from INI files and the registry alike; bring them back to the declared type.
    if valor is None:
        return opcion.defecto
    if opcion.tipo is list:
        if isinstance(valor, str):
            return [valor] if valor else []
        return [str(v) for v in valor] if isinstance(valor, (list, tuple)) else list(opcion.defecto)
    if opcion.tipo is int:
        try:
            return int(valor)
        except (TypeError, ValueError):
            return opcion.defecto
    if opcion.tipo is QByteArray:
        return valor if isinstance(valor, QByteArray) else QByteArray()
    return opcion.tipo(valor)


_actual: Ajustes | None = None


def ajustes() -> Ajustes:
    """Los ajustes del usuario (QSettings de «Articula»; el nombre lo fija ui.app.iniciar_qt)."""
    global _actual
    if _actual is None:
        _actual = Ajustes(QSettings())
    return _actual


def usar_archivo(ruta: Path) -> Ajustes:
    """Usa un archivo .ini propio (pruebas, instalaciones portátiles) en lugar de los ajustes del usuario."""
    global _actual
    _actual = Ajustes(QSettings(str(ruta), QSettings.Format.IniFormat))
    return _actual


def usar(a: Ajustes | None) -> None:
    global _actual
    _actual = a
