"""Un esquema por tabla (decisión 9): el mismo para exportar, para la plantilla en blanco y para importar."""

from __future__ import annotations

from importlib import import_module

from nucleo.exportar.excel.esquema import Esquema

# tabla (the name the CLI and the window use) -> module holding its ESQUEMA; loaded on first use.
TABLAS: dict[str, str] = {
    "actores": "nucleo.exportar.excel.esquemas.actores",
    "oportunidades": "nucleo.exportar.excel.esquemas.oportunidades",
    "dafo": "nucleo.exportar.excel.esquemas.dafo",
    "necesidades": "nucleo.exportar.excel.esquemas.necesidades",
    "indicadores": "nucleo.exportar.excel.esquemas.indicadores",
    "actividades": "nucleo.exportar.excel.esquemas.actividades",
    "recursos": "nucleo.exportar.excel.esquemas.recursos",
    "riesgos": "nucleo.exportar.excel.esquemas.riesgos",
    "miembros": "nucleo.exportar.excel.esquemas.miembros",
}


def esquema_de(tabla: str) -> Esquema:
    """El esquema de una tabla («actores», «oportunidades»); KeyError si no existe."""
    return import_module(TABLAS[tabla]).ESQUEMA
