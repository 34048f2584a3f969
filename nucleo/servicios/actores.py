"""Matriz de actores: instituciones, organizaciones y personas, con su poder (influencia) e interés.

Pertenencia («institucion_id», el campo «Pertenece a» del formulario): una persona pertenece a una institución u
organización (su lugar de trabajo o su comisión), y también una organización o institución puede depender de otra
(la USF del barrio depende del Ministerio de Salud). Lo que no tiene sentido se rechaza: pertenecer a una persona,
a sí mismo, a un actor de otro municipio, o formar un círculo (A depende de B que depende de A).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import delete, func, insert, inspect, select, update
from sqlalchemy.orm import Session, aliased

from nucleo import formato
from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import N_, _, n_, traducir
from nucleo.lecturas.actores import contar_actores  # noqa: F401 - re-exported
from nucleo.modelo import Actividad, Actor, Acuerdo, Auditoria, MiembroMesa, ParteConvenio, Riesgo, Territorio
from nucleo.modelo.actor import CATEGORIAS, NIVELES, POSTURAS, TIPOS_ACTOR, actor_territorio
from nucleo.modelo.oportunidad import Oportunidad
from nucleo.servicios.comun import Validador, auditar, obtener, usuario_actual


@dataclass
class DatosActor:
    # The first six fields are the simple actor of the first issue (constructed by keyword elsewhere).
    nombre: str = ""
    categoria: str = "comunidad"
    telefono: str = ""
    correo: str = ""
    contacto: str = ""
    notas: str = ""
    tipo: str = "organizacion"
    sigla: str = ""
    nivel: str = "distrital"
    institucion_id: int | None = None  # «pertenece a»: another actor of the same municipio
    cargo: str = ""
    rol: str = ""  # role in the management model
    interes: int = 3  # 1-5
    influencia: int = 3  # 1-5
    postura: str = "neutral"
    recursos: str = ""  # what it brings
    direccion: str = ""
    territorio_ids: tuple[int, ...] = ()  # where it acts


CAMPOS = tuple(f.name for f in fields(DatosActor))
CAMPOS_COLUMNA = tuple(c for c in CAMPOS if c != "territorio_ids")

# Labels of the 1-5 scale of interest and influence, as the form and the grid show them.
ESCALA: dict[int, str] = {1: N_("Muy bajo"), 2: N_("Bajo"), 3: N_("Medio"), 4: N_("Alto"), 5: N_("Muy alto")}

# The four quadrants of the power/interest grid. A value of 3 or more (on 1-5) counts as high.
CUADRANTES: dict[str, str] = {
    "gestionar": N_("Gestionar de cerca"),  # high influence, high interest
    "satisfacer": N_("Mantener satisfecho"),  # high influence, low interest
    "informar": N_("Mantener informado"),  # low influence, high interest
    "monitorear": N_("Monitorear"),  # low influence, low interest
}
UMBRAL_ALTO = 3

_CORREO = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


# What a category usually implies (the same rule migration 0002 applied to existing actors); the form proposes it.
NIVEL_SUGERIDO: dict[str, str] = {"gobierno_central": "nacional", "gobernacion": "departamental",
                                  "comunidad": "comunitario"}
TIPO_SUGERIDO: dict[str, str] = {c: "institucion" for c in ("gobierno_central", "gobernacion", "municipalidad",
                                                             "academia")}


def sugerencia(categoria: str) -> tuple[str, str]:
    """(tipo, nivel) habituales para una categoría."""
    return TIPO_SUGERIDO.get(categoria, "organizacion"), NIVEL_SUGERIDO.get(categoria, "distrital")


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
    institucion_id: int | None = None
    cargo: str = ""


# -- validación -------------------------------------------------------------------------------------------
def _escala(v: Validador, campo: str, valor: Any, etiqueta: str) -> int:
    if isinstance(valor, bool) or not isinstance(valor, int) or not 1 <= valor <= 5:
        v.error(campo, _("{etiqueta} va de 1 (muy bajo) a 5 (muy alto).").format(etiqueta=etiqueta))
        return 3
    return valor


def _nombre_repetido(s: Session, municipio_id: int, nombre: str, actor_id: int | None) -> str | None:
    # SQLite's lower() only folds ASCII ("COMISIÓN" ≠ "comisión"): narrow by length in SQL, compare in Python.
    q = select(Actor.nombre).where(Actor.municipio_id == municipio_id, func.length(Actor.nombre) == len(nombre))
    if actor_id is not None:
        q = q.where(Actor.id != actor_id)
    clave = nombre.casefold()
    return next((otro for otro in s.scalars(q) if otro.casefold() == clave), None)


def _limpiar(v: Validador, d: DatosActor) -> DatosActor:
    """Las revisiones que no consultan el expediente: largo, opciones, escala, correo."""
    limpio = DatosActor(
        nombre=v.texto("nombre", d.nombre, _("el nombre del actor"), obligatorio=True),
        categoria=v.opcion("categoria", d.categoria, CATEGORIAS, _("la categoría")),
        telefono=v.texto("telefono", d.telefono, _("el teléfono"), maximo=60),
        correo=v.texto("correo", d.correo, _("el correo"), maximo=120),
        contacto=v.texto("contacto", d.contacto, _("la persona de contacto")),
        notas=v.texto("notas", d.notas, _("las notas"), maximo=5000),
        tipo=v.opcion("tipo", d.tipo, TIPOS_ACTOR, _("el tipo de actor")),
        sigla=v.texto("sigla", d.sigla, _("la sigla"), maximo=30),
        nivel=v.opcion("nivel", d.nivel, NIVELES, _("el nivel")),
        institucion_id=d.institucion_id,
        cargo=v.texto("cargo", d.cargo, _("el cargo"), maximo=150),
        rol=v.texto("rol", d.rol, _("el rol en el modelo"), maximo=5000),
        interes=_escala(v, "interes", d.interes, _("El interés")),
        influencia=_escala(v, "influencia", d.influencia, _("La influencia")),
        postura=v.opcion("postura", d.postura, POSTURAS, _("la postura")),
        recursos=v.texto("recursos", d.recursos, _("los recursos que aporta"), maximo=5000),
        direccion=v.texto("direccion", d.direccion, _("la dirección")),
        territorio_ids=tuple(dict.fromkeys(d.territorio_ids or ())),
    )
    if limpio.correo and not _CORREO.fullmatch(limpio.correo):
        v.error("correo", _("El correo no parece válido; escriba algo como nombre@ejemplo.org.py o déjelo vacío."))
    return limpio


def _error_repetido(v: Validador, repetido: str | None) -> None:
    if repetido and "nombre" not in v.errores:
        v.error("nombre", _("Ya hay un actor llamado «{nombre}». Use otro nombre (por ejemplo, agregue el "
                            "barrio o la sigla).").format(nombre=repetido))


def _error_territorios(v: Validador) -> None:
    v.error("territorio_ids", _("Uno de los territorios marcados ya no existe; actualice la lista y "
                                "márquelos de nuevo."))


def validar(s: Session, municipio_id: int, d: DatosActor, actor_id: int | None = None) -> DatosActor:
    """Los datos limpios (espacios recortados, territorios sin repetir) o ErroresDeValidacion por campo."""
    v = Validador()
    limpio = _limpiar(v, d)
    _error_repetido(v, _nombre_repetido(s, municipio_id, limpio.nombre, actor_id) if limpio.nombre else None)
    _validar_pertenencia(s, v, municipio_id, limpio, actor_id)
    if limpio.territorio_ids:
        existentes = set(s.scalars(select(Territorio.id).where(Territorio.id.in_(limpio.territorio_ids),
                                                               Territorio.municipio_id == municipio_id)))
        if len(existentes) != len(limpio.territorio_ids):
            _error_territorios(v)
    v.verificar()
    return limpio


def _clave_nombre(nombre: str) -> tuple[int, str]:
    # The same comparison as _nombre_repetido: equal length (SQL length() counts characters, like len()) and
    # equal casefold.
    return len(nombre), nombre.casefold()


@dataclass
class ContextoActores:
    """Lo que la validación de un alta consulta del expediente, leído una vez para validar un lote entero."""

    nombres: dict[tuple[int, str], str]  # _clave_nombre -> the name as written (the first one, by id)
    actores: dict[int, tuple[str, str, int | None]]  # id -> (tipo, nombre, institucion_id), of this municipio
    territorios: set[int]  # ids of this municipio's territories

    def agregar(self, nombre: str) -> None:
        self.nombres.setdefault(_clave_nombre(nombre), nombre)


def contexto_actores(s: Session, municipio_id: int) -> ContextoActores:
    """Dos consultas, sin importar cuántos actores haya."""
    ctx = ContextoActores({}, {}, set(s.scalars(select(Territorio.id).where(Territorio.municipio_id == municipio_id))))
    for i, tipo, nombre, inst in s.execute(select(Actor.id, Actor.tipo, Actor.nombre, Actor.institucion_id)
                                           .where(Actor.municipio_id == municipio_id).order_by(Actor.id)):
        ctx.actores[i] = (tipo, nombre, inst)
        ctx.agregar(nombre)
    return ctx


def validar_alta(ctx: ContextoActores, d: DatosActor) -> DatosActor:
    """Como `validar` para un actor nuevo (mismas reglas y mensajes), pero contra el contexto ya leído."""
    v = Validador()
    limpio = _limpiar(v, d)
    _error_repetido(v, ctx.nombres.get(_clave_nombre(limpio.nombre)) if limpio.nombre else None)
    if limpio.institucion_id is not None:
        # A new actor cannot be its own institution nor close a circle: nothing depends on it yet.
        padre = ctx.actores.get(limpio.institucion_id)
        if padre is None:
            v.error("institucion_id", _("La institución elegida ya no existe; elija otra de la lista."))
        elif padre[0] == "persona":
            v.error("institucion_id", _("«{nombre}» es una persona: se pertenece a una institución u "
                                        "organización.").format(nombre=padre[1]))
    if limpio.territorio_ids and not ctx.territorios.issuperset(limpio.territorio_ids):
        _error_territorios(v)
    v.verificar()
    return limpio


def _validar_pertenencia(s: Session, v: Validador, municipio_id: int, d: DatosActor, actor_id: int | None) -> None:
    if d.institucion_id is not None:
        padre = s.get(Actor, d.institucion_id)
        if padre is None or padre.municipio_id != municipio_id:
            v.error("institucion_id", _("La institución elegida ya no existe; elija otra de la lista."))
        elif actor_id is not None and padre.id == actor_id:
            v.error("institucion_id", _("Un actor no puede pertenecer a sí mismo; elija otra institución o "
                                        "«— Ninguna —»."))
        elif padre.tipo == "persona":
            v.error("institucion_id", _("«{nombre}» es una persona: se pertenece a una institución u "
                                        "organización.").format(nombre=padre.nombre))
        elif actor_id is not None:
            # Walk up from the chosen parent: reaching this actor would close a circle.
            vistos, arriba = {padre.id}, padre.institucion_id
            while arriba is not None and arriba not in vistos:
                if arriba == actor_id:
                    v.error("institucion_id", _("«{nombre}» ya depende de este actor: no puede ser a la vez su "
                                                "institución.").format(nombre=padre.nombre))
                    break
                vistos.add(arriba)
                arriba = s.scalar(select(Actor.institucion_id).where(Actor.id == arriba))
    if actor_id is not None and d.tipo == "persona":
        miembros = s.scalar(select(func.count()).select_from(Actor).where(Actor.institucion_id == actor_id)) or 0
        if miembros:
            v.error("tipo", n_("{n} actor pertenece a este; una persona no puede tener integrantes. Cambie antes "
                               "su pertenencia o deje el tipo como institución u organización.",
                               "{n} actores pertenecen a este; una persona no puede tener integrantes. Cambie "
                               "antes su pertenencia o deje el tipo como institución u organización.",
                               miembros).format(n=formato.entero(miembros)))


# -- alta, consulta y cambios -----------------------------------------------------------------------------
def _datos_de(a: Actor, territorio_ids: tuple[int, ...]) -> DatosActor:
    return DatosActor(**{c: getattr(a, c) for c in CAMPOS_COLUMNA}, territorio_ids=territorio_ids)


def _territorios_de(s: Session, actor_id: int) -> tuple[int, ...]:
    return tuple(s.scalars(select(Territorio.id).join(actor_territorio, actor_territorio.c.territorio_id == Territorio.id)
                           .where(actor_territorio.c.actor_id == actor_id).order_by(Territorio.nombre)))


def _enlazar(s: Session, actor_id: int, territorio_ids: tuple[int, ...]) -> None:
    s.execute(delete(actor_territorio).where(actor_territorio.c.actor_id == actor_id))
    if territorio_ids:
        s.execute(insert(actor_territorio), [{"actor_id": actor_id, "territorio_id": t} for t in territorio_ids])


def crear_actor(s: Session, municipio_id: int, datos: DatosActor) -> int:
    d = validar(s, municipio_id, datos)
    actor = Actor(municipio_id=municipio_id, **{c: getattr(d, c) for c in CAMPOS_COLUMNA})
    s.add(actor)
    s.flush()
    _enlazar(s, actor.id, d.territorio_ids)
    auditar(s, municipio_id, "actor", actor.id, "crear", d.nombre)
    return actor.id


def crear_actores(s: Session, municipio_id: int, lista: Sequence[DatosActor]) -> list[int | ErroresDeValidacion]:
    """Alta en bloque (la importación): por cada dato, en orden, el id nuevo o sus ErroresDeValidacion.

    Mismas reglas y mensajes que `crear_actor`; un nombre repetido dentro del lote también cuenta (el segundo
    recibe el error, con el nombre del primero). Solo se insertan los válidos, con sus territorios y su
    auditoría, en tres sentencias. No confirma.
    """
    ctx = contexto_actores(s, municipio_id)
    resultados: list[int | ErroresDeValidacion] = []
    validos: list[tuple[int, DatosActor]] = []
    for i, datos in enumerate(lista):
        try:
            d = validar_alta(ctx, datos)
        except ErroresDeValidacion as exc:
            resultados.append(exc)
            continue
        ctx.agregar(d.nombre)
        resultados.append(0)  # replaced by the id below
        validos.append((i, d))
    if not validos:
        return resultados
    # On the Table, not the ORM entity: the ORM bulk path adds ~40 % for nothing here (no objects are loaded);
    # the column defaults (creado_en, modificado_en) still apply.
    tabla = Actor.__table__
    ids = s.scalars(insert(tabla).returning(tabla.c.id, sort_by_parameter_order=True),
                    [{"municipio_id": municipio_id, **{c: getattr(d, c) for c in CAMPOS_COLUMNA}}
                     for _i, d in validos]).all()
    enlaces = []
    for (i, d), ident in zip(validos, ids, strict=True):
        resultados[i] = ident
        enlaces += [{"actor_id": ident, "territorio_id": t} for t in d.territorio_ids]
    if enlaces:
        s.execute(insert(actor_territorio), enlaces)
    usuario = usuario_actual()
    s.execute(insert(Auditoria.__table__), [{"municipio_id": municipio_id, "usuario": usuario, "entidad": "actor",
                                   "entidad_id": ident, "accion": "crear", "resumen": d.nombre[:500]}
                                  for (_i, d), ident in zip(validos, ids, strict=True)])
    return resultados


def obtener_actor(s: Session, actor_id: int) -> DatosActor:
    a = obtener(s, Actor, actor_id, _("el actor"))
    return _datos_de(a, _territorios_de(s, actor_id))


def actualizar_actor(s: Session, actor_id: int, datos: DatosActor) -> DatosActor:
    """Guarda los cambios y devuelve los datos anteriores (la orden de deshacer los vuelve a aplicar)."""
    a = obtener(s, Actor, actor_id, _("el actor"))
    anterior = _datos_de(a, _territorios_de(s, actor_id))
    d = validar(s, a.municipio_id, datos, actor_id)
    for campo in CAMPOS_COLUMNA:
        setattr(a, campo, getattr(d, campo))
    if set(d.territorio_ids) != set(anterior.territorio_ids):
        _enlazar(s, actor_id, d.territorio_ids)
    cambios = [c for c in CAMPOS if getattr(anterior, c) != getattr(d, c)]
    auditar(s, a.municipio_id, "actor", a.id, "actualizar", f"{d.nombre}: {', '.join(cambios) or 'sin cambios'}")
    s.flush()
    return anterior


def listar_actores(s: Session, municipio_id: int) -> list[FilaActor]:
    """Todos los actores del municipio, ordenados por nombre, con lo que muestran la matriz y la grilla.

    Dos consultas en total (territorios de todos, luego actores), sin importar cuántos haya.
    """
    territorios: dict[int, list[tuple[int, str]]] = {}
    q = (select(actor_territorio.c.actor_id, Territorio.id, Territorio.nombre)
         .join(Territorio, Territorio.id == actor_territorio.c.territorio_id)
         .where(Territorio.municipio_id == municipio_id).order_by(Territorio.nombre))
    for actor_id, tid, nombre in s.execute(q):
        territorios.setdefault(actor_id, []).append((tid, nombre))
    institucion = aliased(Actor)
    filas = s.execute(
        select(Actor.id, Actor.nombre, Actor.categoria, Actor.telefono, Actor.correo, Actor.tipo, Actor.sigla,
               Actor.nivel, institucion.nombre, Actor.interes, Actor.influencia, Actor.postura, Actor.contacto,
               Actor.institucion_id, Actor.cargo)
        .outerjoin(institucion, institucion.id == Actor.institucion_id)
        .where(Actor.municipio_id == municipio_id)
        .order_by(func.lower(Actor.nombre))
    )
    # Translate each label once, not once per row.
    categorias = {k: traducir(v) for k, v in CATEGORIAS.items()}
    tipos = {k: traducir(v) for k, v in TIPOS_ACTOR.items()}
    niveles = {k: traducir(v) for k, v in NIVELES.items()}
    posturas = {k: traducir(v) for k, v in POSTURAS.items()}
    cuadrantes = {k: traducir(v) for k, v in CUADRANTES.items()}
    salida = []
    for (i, n, c, t, e, tipo, sigla, nivel, inst, interes, influencia, postura, contacto, inst_id,
         cargo) in filas:
        donde = territorios.get(i, ())
        cuad = cuadrante(interes, influencia)
        salida.append(FilaActor(
            i, n, c, categorias.get(c, c), t, e, tipo, tipos.get(tipo, tipo), sigla,
            nivel, niveles.get(nivel, nivel), inst or "", interes, influencia, postura,
            posturas.get(postura, postura), contacto, ", ".join(nm for _i, nm in donde),
            tuple(ti for ti, _n in donde), cuad, cuadrantes[cuad], inst_id, cargo))
    return salida


def listar_instituciones(s: Session, municipio_id: int) -> list[tuple[int, str, str]]:
    """(id, nombre, tipo legible) de los actores a los que se puede pertenecer: instituciones y organizaciones."""
    tipos = {k: traducir(v) for k, v in TIPOS_ACTOR.items()}
    q = (select(Actor.id, Actor.nombre, Actor.tipo)
         .where(Actor.municipio_id == municipio_id, Actor.tipo != "persona").order_by(func.lower(Actor.nombre)))
    return [(i, n, tipos.get(t, t)) for i, n, t in s.execute(q)]


def opciones_territorio(s: Session, municipio_id: int) -> list[tuple[int, str]]:
    """(id, nombre) de los territorios del municipio, para marcar dónde actúa un actor o filtrar por territorio."""
    return [(i, n) for i, n in s.execute(select(Territorio.id, Territorio.nombre)
                                         .where(Territorio.municipio_id == municipio_id)
                                         .order_by(func.lower(Territorio.nombre)))]


def fijar_poder_interes(s: Session, actor_id: int, interes: int, influencia: int) -> tuple[int, int]:
    """Cambia interés e influencia (lo que hace arrastrar un punto en la grilla); devuelve los anteriores."""
    a = obtener(s, Actor, actor_id, _("el actor"))
    v = Validador()
    for campo, valor, etiqueta in (("interes", interes, _("El interés")), ("influencia", influencia, _("La influencia"))):
        if isinstance(valor, bool) or not isinstance(valor, int) or not 1 <= valor <= 5:
            v.error(campo, _("{etiqueta} va de 1 (muy bajo) a 5 (muy alto).").format(etiqueta=etiqueta))
    v.verificar()
    anterior = (a.interes, a.influencia)
    a.interes, a.influencia = interes, influencia
    auditar(s, a.municipio_id, "actor", a.id, "poder_interes", f"{a.nombre}: interés {interes}, influencia {influencia}")
    return anterior


def territorios_representados(s: Session, actor_id: int) -> list[str]:
    return list(s.scalars(select(Territorio.nombre).where(Territorio.organizacion_id == actor_id)
                          .order_by(Territorio.nombre)))


# -- ficha (panel de detalle) -----------------------------------------------------------------------------
@dataclass(frozen=True)
class MiembroActor:
    id: int
    nombre: str
    cargo: str
    tipo_texto: str


@dataclass(frozen=True)
class FichaActor:
    """Todo lo que muestra el panel del actor elegido, leído en una sola sesión."""

    id: int
    datos: DatosActor
    institucion: str  # name of what it belongs to, "" if nothing
    territorios: tuple[str, ...]  # where it acts
    representa: tuple[str, ...]  # territories whose representative organisation it is
    miembros: tuple[MiembroActor, ...]  # persons (and offices) that belong to it
    oportunidades: tuple[str, ...] = field(default=())  # programs and services it provides


def ficha_actor(s: Session, actor_id: int) -> FichaActor:
    a = obtener(s, Actor, actor_id, _("el actor"))
    tipos = {k: traducir(v) for k, v in TIPOS_ACTOR.items()}
    donde = s.execute(select(Territorio.id, Territorio.nombre)
                      .join(actor_territorio, actor_territorio.c.territorio_id == Territorio.id)
                      .where(actor_territorio.c.actor_id == actor_id).order_by(Territorio.nombre)).all()
    miembros = tuple(MiembroActor(i, n, c, tipos.get(t, t)) for i, n, c, t in s.execute(
        select(Actor.id, Actor.nombre, Actor.cargo, Actor.tipo).where(Actor.institucion_id == actor_id)
        .order_by(func.lower(Actor.nombre))))
    oportunidades = tuple(s.scalars(select(Oportunidad.nombre).where(Oportunidad.proveedor_id == actor_id)
                                    .order_by(func.lower(Oportunidad.nombre))))
    institucion = s.scalar(select(Actor.nombre).where(Actor.id == a.institucion_id)) if a.institucion_id else None
    return FichaActor(actor_id, _datos_de(a, tuple(i for i, _n in donde)), institucion or "",
                      tuple(n for _i, n in donde),
                      tuple(territorios_representados(s, actor_id)), miembros, oportunidades)


# -- baja que se puede deshacer ---------------------------------------------------------------------------
# What names an actor and is left NULL when it is deleted: (model, column). Undo links every such row again.
REFERENCIAS: tuple[tuple[Any, str], ...] = (
    (Territorio, "organizacion_id"),  # representative organisation
    (Actor, "institucion_id"),  # people and offices that belong to it
    (Oportunidad, "proveedor_id"),
    (ParteConvenio, "actor_id"),  # the party keeps the name it signed with
    (Actividad, "responsable_id"),
    (Riesgo, "responsable_id"),
    (MiembroMesa, "actor_id"),  # the member keeps its name (actas)
    (Acuerdo, "responsable_id"),  # the acuerdo keeps responsable_texto
)


@dataclass(frozen=True)
class ActorEliminado:
    """Todo lo necesario para devolver el actor con el mismo número y volver a enlazar lo que lo nombraba."""

    columnas: dict[str, Any]
    enlaces: tuple[int, ...] = ()  # territories where it acts (actor_territorio)
    referencias: tuple[tuple[int, ...], ...] = ()  # per REFERENCIAS entry, the ids of the rows that named it


def eliminar_actor(s: Session, actor_id: int) -> ActorEliminado:
    a = obtener(s, Actor, actor_id, _("el actor"))
    # The foreign keys null these links on delete; remember them so restaurar_actor can put them back.
    copia = ActorEliminado(
        columnas={c.key: getattr(a, c.key) for c in inspect(a).mapper.column_attrs},
        enlaces=_territorios_de(s, actor_id),
        referencias=tuple(tuple(s.scalars(select(m.id).where(getattr(m, c) == actor_id))) for m, c in REFERENCIAS),
    )
    # Null them explicitly too: the session may hold those rows, and not every database applies SET NULL alike.
    for m, c in REFERENCIAS:
        s.execute(update(m).where(getattr(m, c) == actor_id).values({c: None}),
                  execution_options={"synchronize_session": "fetch"})
    s.execute(delete(actor_territorio).where(actor_territorio.c.actor_id == actor_id))
    s.delete(a)
    s.flush()
    auditar(s, copia.columnas["municipio_id"], "actor", actor_id, "eliminar", copia.columnas["nombre"])
    return copia


def restaurar_actor(s: Session, copia: ActorEliminado) -> int:
    columnas = dict(copia.columnas)
    if columnas.get("institucion_id") is not None and s.get(Actor, columnas["institucion_id"]) is None:
        columnas["institucion_id"] = None  # what it belonged to was deleted meanwhile
    a = Actor(**columnas)
    s.add(a)
    s.flush()
    enlaces = tuple(s.scalars(select(Territorio.id).where(Territorio.id.in_(copia.enlaces))))
    _enlazar(s, a.id, enlaces)
    for (m, c), ids in zip(REFERENCIAS, copia.referencias, strict=True):
        if ids:  # rows deleted meanwhile are simply not there to update
            s.execute(update(m).where(m.id.in_(ids)).values({c: a.id}),
                      execution_options={"synchronize_session": "fetch"})
    auditar(s, a.municipio_id, "actor", a.id, "restaurar", a.nombre)
    return a.id


def describir_baja(ficha: FichaActor) -> list[str]:
    """Lo que se pierde al eliminar el actor, en frases para la confirmación (se recupera al deshacer)."""
    partes = []
    if ficha.representa:
        partes.append(n_("Deja de ser la organización representativa de {n} territorio ({nombres}).",
                         "Deja de ser la organización representativa de {n} territorios ({nombres}).",
                         len(ficha.representa)).format(n=formato.entero(len(ficha.representa)),
                                                       nombres=", ".join(ficha.representa)))
    if ficha.miembros:
        partes.append(n_("{n} actor que pertenece a él queda sin institución.",
                         "{n} actores que pertenecen a él quedan sin institución.",
                         len(ficha.miembros)).format(n=formato.entero(len(ficha.miembros))))
    if ficha.oportunidades:
        partes.append(n_("{n} oportunidad del Mapa de Oportunidades queda sin proveedor.",
                         "{n} oportunidades del Mapa de Oportunidades quedan sin proveedor.",
                         len(ficha.oportunidades)).format(n=formato.entero(len(ficha.oportunidades))))
    return partes

