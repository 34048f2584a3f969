"""El municipio del expediente: lo que dice el encabezado de la ventana y su calendario de días hábiles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nucleo.calendario import Calendario
from nucleo.i18n import _
from nucleo.lecturas import booleano, conexion, fecha, no_encontrado


@dataclass(frozen=True)
class Encabezado:
    nombre: str
    departamento_codigo: str
    departamento: str
    intendente_nombre: str
    coordinador_nombre: str


def encabezado(fuente: Any, municipio_id: int) -> Encabezado:
    fila = conexion(fuente).execute(
        "SELECT nombre, departamento_codigo, departamento, intendente_nombre, coordinador_nombre "
        "FROM municipio WHERE id = ?", (municipio_id,)).fetchone()
    if fila is None:
        raise no_encontrado(_("el municipio"), municipio_id)
    return Encabezado(*fila)


def calendario_de(fuente: Any, municipio_id: int) -> Calendario:
    """Días hábiles del municipio: feriados nacionales y los días especiales que cargó el usuario."""
    filas = conexion(fuente).execute(
        "SELECT fecha, laborable, descripcion FROM dia_especial WHERE municipio_id = ?", (municipio_id,)).fetchall()
    return Calendario(
        no_laborables={fecha(f): d or _("Día no laborable") for f, lab, d in filas if not booleano(lab)},
        laborables=[fecha(f) for f, lab, _d in filas if booleano(lab)],
    )
