"""Actores y territorios por nombre: las listas desplegables de la planilla y la búsqueda al importar.

Solo lee (los servicios siguen siendo los únicos que escriben). Un actor también se encuentra por su sigla
(«MDS»), y la comparación no distingue tildes ni mayúsculas («Comision vecinal san roque» encuentra «Comisión
Vecinal San Roque»).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nucleo.exportar.excel.esquema import normalizar
from nucleo.modelo import Actor, Territorio


@dataclass(frozen=True)
class Referido:
    id: int
    nombre: str
    sigla: str = ""


def referidos(s: Session, municipio_id: int, referencia: str) -> list[Referido]:
    """Los actores o territorios del municipio, por nombre."""
    if referencia == "actor":
        q = (select(Actor.id, Actor.nombre, Actor.sigla).where(Actor.municipio_id == municipio_id)
             .order_by(func.lower(Actor.nombre), Actor.id))
        return [Referido(i, n, sg or "") for i, n, sg in s.execute(q)]
    if referencia == "territorio":
        q = (select(Territorio.id, Territorio.nombre).where(Territorio.municipio_id == municipio_id)
             .order_by(func.lower(Territorio.nombre), Territorio.id))
        return [Referido(i, n) for i, n in s.execute(q)]
    raise ValueError(referencia)


class Indice:
    """Nombre (o sigla) normalizado -> ids. Crece con las filas que crea la importación en curso."""

    def __init__(self, filas: list[Referido] = ()):
        self._por_nombre: dict[str, list[int]] = {}
        self._por_sigla: dict[str, list[int]] = {}
        for r in filas:
            self.agregar(r.id, r.nombre, r.sigla)

    def agregar(self, ident: int, nombre: str, sigla: str = "") -> None:
        self._por_nombre.setdefault(normalizar(nombre), []).append(ident)
        if sigla:
            self._por_sigla.setdefault(normalizar(sigla), []).append(ident)

    def buscar(self, texto: str) -> list[int]:
        """Los ids que llevan ese nombre; si ninguno, los que llevan esa sigla. Más de uno: nombre ambiguo."""
        clave = normalizar(texto)
        return list(self._por_nombre.get(clave) or self._por_sigla.get(clave) or ())
