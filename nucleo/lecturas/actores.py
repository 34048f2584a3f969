"""Actores: el conteo de la barra de estado y el contacto de una organización (la ficha del territorio)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from nucleo.i18n import _
from nucleo.lecturas import conexion, no_encontrado


@dataclass(frozen=True)
class ContactoActor:
    id: int
    nombre: str
    categoria: str
    contacto: str
    telefono: str
    correo: str


def contacto_actor(fuente: Any, actor_id: int) -> ContactoActor:
    fila = conexion(fuente).execute(
        "SELECT id, nombre, categoria, contacto, telefono, correo FROM actor WHERE id = ?", (actor_id,)).fetchone()
    if fila is None:
        raise no_encontrado(_("el actor"), actor_id)
    return ContactoActor(*fila)


def contar_actores(fuente: Any, municipio_id: int) -> int:
    return conexion(fuente).execute("SELECT count(*) FROM actor WHERE municipio_id = ?", (municipio_id,)).fetchone()[0]
