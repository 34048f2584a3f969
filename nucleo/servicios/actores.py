"""Actores (versión simple: nombre, categoría, contacto). La matriz completa llega con su propio módulo."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from nucleo.i18n import _, traducir
from nucleo.modelo import Actor, Territorio
from nucleo.modelo.actor import CATEGORIAS
from nucleo.servicios.comun import Validador, auditar, obtener


@dataclass
class DatosActor:
    nombre: str = ""
    categoria: str = "comunidad"
    telefono: str = ""
    correo: str = ""
    contacto: str = ""
    notas: str = ""


@dataclass(frozen=True)
class FilaActor:
    id: int
    nombre: str
    categoria: str
    categoria_texto: str
    telefono: str
    correo: str


def _validar(d: DatosActor) -> DatosActor:
    v = Validador()
    d = DatosActor(
        nombre=v.texto("nombre", d.nombre, _("el nombre del actor"), obligatorio=True),
        categoria=v.opcion("categoria", d.categoria, CATEGORIAS, _("la categoría")),
        telefono=v.texto("telefono", d.telefono, _("el teléfono"), maximo=60),
        correo=v.texto("correo", d.correo, _("el correo"), maximo=120),
        contacto=v.texto("contacto", d.contacto, _("la persona de contacto")),
        notas=v.texto("notas", d.notas, _("las notas"), maximo=5000),
    )
    if d.correo and ("@" not in d.correo or "." not in d.correo.split("@")[-1]):
        v.error("correo", _("El correo no parece válido; escriba algo como nombre@ejemplo.org.py o déjelo vacío."))
    v.verificar()
    return d


def crear_actor(s: Session, municipio_id: int, datos: DatosActor) -> int:
    d = _validar(datos)
    actor = Actor(municipio_id=municipio_id, **d.__dict__)
    s.add(actor)
    s.flush()
    auditar(s, municipio_id, "actor", actor.id, "crear", d.nombre)
    return actor.id


def listar_actores(s: Session, municipio_id: int) -> list[FilaActor]:
    filas = s.execute(
        select(Actor.id, Actor.nombre, Actor.categoria, Actor.telefono, Actor.correo)
        .where(Actor.municipio_id == municipio_id)
        .order_by(func.lower(Actor.nombre))
    )
    return [FilaActor(i, n, c, traducir(CATEGORIAS.get(c, c)), t, e) for i, n, c, t, e in filas]


def obtener_actor(s: Session, actor_id: int) -> DatosActor:
    a = obtener(s, Actor, actor_id, _("el actor"))
    return DatosActor(a.nombre, a.categoria, a.telefono, a.correo, a.contacto, a.notas)


def contar_actores(s: Session, municipio_id: int) -> int:
    return s.scalar(select(func.count()).select_from(Actor).where(Actor.municipio_id == municipio_id)) or 0


def territorios_representados(s: Session, actor_id: int) -> list[str]:
    return list(s.scalars(select(Territorio.nombre).where(Territorio.organizacion_id == actor_id)))


# -- baja que se puede deshacer (la usa la orden de deshacer de «Nueva organización…») ----------------------
@dataclass(frozen=True)
class ActorEliminado:
    """Todo lo necesario para devolver el actor con el mismo número y volver a enlazar sus territorios."""

    columnas: dict[str, Any]
    territorios: tuple[int, ...]


def eliminar_actor(s: Session, actor_id: int) -> ActorEliminado:
    a = obtener(s, Actor, actor_id, _("el actor"))
    # The foreign key nulls the link on delete; remember it so restaurar_actor can put it back.
    territorios = tuple(s.scalars(select(Territorio.id).where(Territorio.organizacion_id == actor_id)))
    copia = ActorEliminado({c.key: getattr(a, c.key) for c in inspect(a).mapper.column_attrs}, territorios)
    s.delete(a)
    s.flush()
    auditar(s, copia.columnas["municipio_id"], "actor", actor_id, "eliminar", copia.columnas["nombre"])
    return copia


def restaurar_actor(s: Session, copia: ActorEliminado) -> int:
    a = Actor(**copia.columnas)
    s.add(a)
    s.flush()
    for t in s.scalars(select(Territorio).where(Territorio.id.in_(copia.territorios))):
        t.organizacion_id = a.id
    auditar(s, a.municipio_id, "actor", a.id, "restaurar", a.nombre)
    return a.id
