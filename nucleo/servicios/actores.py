"""Matriz de actores: instituciones, organizaciones y personas, con su poder (influencia) e interés."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, aliased

from nucleo.i18n import N_, _, traducir
from nucleo.modelo import Actor, Territorio
from nucleo.modelo.actor import CATEGORIAS, NIVELES, POSTURAS, TIPOS_ACTOR, actor_territorio
from nucleo.servicios.comun import Validador, auditar, obtener


@dataclass
class DatosActor:
    nombre: str = ""
    categoria: str = "comunidad"
    telefono: str = ""
    correo: str = ""
    contacto: str = ""
    notas: str = ""


# The four quadrants of the power/interest grid. A value of 3 or more (on 1-5) counts as high.
CUADRANTES: dict[str, str] = {
    "gestionar": N_("Gestionar de cerca"),  # high influence, high interest
    "satisfacer": N_("Mantener satisfecho"),  # high influence, low interest
    "informar": N_("Mantener informado"),  # low influence, high interest
    "monitorear": N_("Monitorear"),  # low influence, low interest
}
UMBRAL_ALTO = 3


def cuadrante(interes: int, influencia: int) -> str:
    alto_interes, alta_influencia = interes >= UMBRAL_ALTO, influencia >= UMBRAL_ALTO
    if alta_influencia:
        return "gestionar" if alto_interes else "satisfacer"
    return "informar" if alto_interes else "monitorear"


@dataclass(frozen=True)
class FilaActor:
    id: int
    nombre: str
    categoria: str
    categoria_texto: str
    telefono: str
    correo: str
    tipo: str = "organizacion"
    tipo_texto: str = ""
    sigla: str = ""
    nivel: str = "distrital"
    nivel_texto: str = ""
    institucion: str = ""  # name of the institution a person belongs to
    interes: int = 3
    influencia: int = 3
    postura: str = "neutral"
    postura_texto: str = ""
    contacto: str = ""
    territorios: str = ""  # names, comma separated, for display and text search
    territorio_ids: tuple[int, ...] = ()
    cuadrante: str = "gestionar"
    cuadrante_texto: str = ""


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
    """Todos los actores del municipio, ordenados por nombre, con lo que muestran la matriz y la grilla."""
    territorios: dict[int, list[tuple[int, str]]] = {}
    q = (select(actor_territorio.c.actor_id, Territorio.id, Territorio.nombre)
         .join(Territorio, Territorio.id == actor_territorio.c.territorio_id)
         .where(Territorio.municipio_id == municipio_id).order_by(Territorio.nombre))
    for actor_id, tid, nombre in s.execute(q):
        territorios.setdefault(actor_id, []).append((tid, nombre))
    institucion = aliased(Actor)
    filas = s.execute(
        select(Actor.id, Actor.nombre, Actor.categoria, Actor.telefono, Actor.correo, Actor.tipo, Actor.sigla,
               Actor.nivel, institucion.nombre, Actor.interes, Actor.influencia, Actor.postura, Actor.contacto)
        .outerjoin(institucion, institucion.id == Actor.institucion_id)
        .where(Actor.municipio_id == municipio_id)
        .order_by(func.lower(Actor.nombre))
    )
    salida = []
    for i, n, c, t, e, tipo, sigla, nivel, inst, interes, influencia, postura, contacto in filas:
        donde = territorios.get(i, [])
        cuad = cuadrante(interes, influencia)
        salida.append(FilaActor(
            i, n, c, traducir(CATEGORIAS.get(c, c)), t, e, tipo, traducir(TIPOS_ACTOR.get(tipo, tipo)), sigla,
            nivel, traducir(NIVELES.get(nivel, nivel)), inst or "", interes, influencia, postura,
            traducir(POSTURAS.get(postura, postura)), contacto, ", ".join(nm for _i, nm in donde),
            tuple(ti for ti, _n in donde), cuad, traducir(CUADRANTES[cuad])))
    return salida


def fijar_poder_interes(s: Session, actor_id: int, interes: int, influencia: int) -> tuple[int, int]:
    """Cambia interés e influencia (lo que hace arrastrar un punto en la grilla); devuelve los anteriores."""
    a = obtener(s, Actor, actor_id, _("el actor"))
    v = Validador()
    for campo, valor, etiqueta in (("interes", interes, _("El interés")), ("influencia", influencia, _("La influencia"))):
        if not isinstance(valor, int) or not 1 <= valor <= 5:
            v.error(campo, _("{etiqueta} va de 1 (muy bajo) a 5 (muy alto).").format(etiqueta=etiqueta))
    v.verificar()
    anterior = (a.interes, a.influencia)
    a.interes, a.influencia = interes, influencia
    auditar(s, a.municipio_id, "actor", a.id, "poder_interes", f"{a.nombre}: interés {interes}, influencia {influencia}")
    return anterior


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
