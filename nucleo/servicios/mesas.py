"""Mesas de coordinación y sus miembros; la regla de quórum.

Fuentes: 000 y 001 (las mesas), 003 (el quórum: «mitad más uno» de los miembros con voto).

Quórum de una sesión (`calcular_quorum`): cuentan los miembros con voto, titulares, designados ese día
(designado_en ≤ fecha ≤ hasta; vacío = sin límite). Requeridos: mitad más uno = n // 2 + 1; dos tercios =
⌈2n/3⌉; número fijo = el de la mesa. Presentes: los titulares con asistencia «presente» más los suplentes presentes
que están por un titular ausente (cada titular cuenta una vez).

Deshacer (ui/contexto.ComandoServicio): `crear_mesa` -> id, `eliminar_mesa` -> copia (con sus miembros,
sesiones, agendas, asistencias, acuerdos y actas), `restaurar_mesa(copia)` -> id; `actualizar_mesa` -> datos
anteriores. Miembros: `agregar_miembro` -> id, `eliminar_miembro` -> copia, `restaurar_miembro` -> id;
`actualizar_miembro` -> datos anteriores.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo import Acta, Actor, Acuerdo, Asistencia, Mesa, MiembroMesa, PuntoAgenda, Sesion, Territorio
from nucleo.modelo.mesa import REGLAS_QUORUM, ROLES_MIEMBRO, TIPOS_MESA, mesa_territorio
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas

MAXIMO_TEXTO = 5000
ABIERTOS = ("pendiente", "en_curso")  # acuerdos still to be done


# -- datos ------------------------------------------------------------------------------------------------
@dataclass
class DatosMesa:
    nombre: str = ""
    tipo: str = "mesa_territorial"
    regla_quorum: str = "mitad_mas_uno"
    quorum_numero: int | None = None
    lugar_habitual: str = ""
    periodicidad: str = ""
    activa: bool = True
    notas: str = ""
    territorios: tuple[int, ...] = ()


CAMPOS_MESA = tuple(f.name for f in fields(DatosMesa) if f.name != "territorios")


@dataclass(frozen=True)
class FilaMesa:
    id: int
    nombre: str
    tipo: str
    tipo_texto: str
    territorios: list[str]
    n_miembros: int  # designated today
    n_con_voto: int  # of them, titulares with vote
    quorum_texto: str  # «7 de 12»: members with vote needed for quorum, of how many
    ultima_sesion: date | None
    proxima_sesion: date | None
    n_acuerdos_abiertos: int
    activa: bool
    regla_quorum: str = "mitad_mas_uno"
    lugar_habitual: str = ""
    periodicidad: str = ""


@dataclass(frozen=True)
class MesaEliminada:
    columnas: dict[str, Any]
    territorios: tuple[dict[str, Any], ...] = ()
    miembros: tuple[dict[str, Any], ...] = ()
    sesiones: tuple[dict[str, Any], ...] = ()
    puntos: tuple[dict[str, Any], ...] = ()
    asistencias: tuple[dict[str, Any], ...] = ()
    acuerdos: tuple[dict[str, Any], ...] = ()
    actas: tuple[dict[str, Any], ...] = ()


@dataclass
class DatosMiembro:
    actor_id: int | None = None
    nombre: str = ""
    cargo: str = ""
    institucion: str = ""
    rol: str = "miembro"
    titular: bool = True
    suplente_de_id: int | None = None
    con_voto: bool = True
    designado_en: date | None = None
    hasta: date | None = None


CAMPOS_MIEMBRO = tuple(f.name for f in fields(DatosMiembro))


@dataclass(frozen=True)
class FilaMiembro:
    id: int
    mesa_id: int
    actor_id: int | None
    nombre: str
    cargo: str
    institucion: str
    rol: str
    rol_texto: str
    titular: bool
    suplente_de_id: int | None
    suplente_de: str  # the titular's name or ""
    con_voto: bool
    designado_en: date | None
    hasta: date | None
    vigente: bool  # designated on the day asked (today by default)
    orden: int


@dataclass(frozen=True)
class MiembroEliminado:
    columnas: dict[str, Any]
    asistencias: tuple[dict[str, Any], ...] = ()
    suplentes: tuple[int, ...] = ()  # members that were its suplentes (suplente_de_id is nulled by the database)
    reemplazos: tuple[int, ...] = ()  # attendance rows of suplentes that stood in for it


@dataclass(frozen=True)
class Quorum:
    con_voto: int
    presentes: int
    requeridos: int
    hay: bool
    texto: str


# -- reglas -----------------------------------------------------------------------------------------------
def quorum_requerido(regla: str, quorum_numero: int | None, n_con_voto: int) -> int:
    """Cuántos miembros con voto hacen falta: mitad más uno (003), dos tercios o un número fijo."""
    if regla == "dos_tercios":
        return math.ceil(2 * n_con_voto / 3)
    if regla == "numero_fijo":
        return int(quorum_numero or 0)
    return n_con_voto // 2 + 1


def vigente(designado_en: date | None, hasta: date | None, fecha: date) -> bool:
    """Si el miembro está designado ese día (sin fechas: siempre)."""
    return (designado_en is None or designado_en <= fecha) and (hasta is None or fecha <= hasta)


def texto_quorum(presentes: int, con_voto: int, requeridos: int) -> str:
    if presentes >= requeridos and requeridos > 0:
        return _("Hay quórum: {p} de {n} miembros con voto (se necesitan {r}).").format(
            p=formato.entero(presentes), n=formato.entero(con_voto), r=formato.entero(requeridos))
    return _("No hay quórum: {p} de {n} miembros con voto; se necesitan {r}.").format(
        p=formato.entero(presentes), n=formato.entero(con_voto), r=formato.entero(requeridos))


def calcular_quorum(regla: str, quorum_numero: int | None, miembros: Iterable[Any], asistencias: Iterable[Any],
                    fecha: date) -> Quorum:
    """El quórum con las filas de MiembroMesa de la mesa y las de Asistencia de la sesión (objetos o filas con
    los mismos nombres de columna)."""
    miembros, asistencias = list(miembros), list(asistencias)
    votantes = {m.id for m in miembros if m.titular and m.con_voto and vigente(m.designado_en, m.hasta, fecha)}
    activos = {m.id for m in miembros if vigente(m.designado_en, m.hasta, fecha)}
    titulares = {m.id for m in miembros if m.titular}
    presentes_ids = {a.miembro_id for a in asistencias if a.miembro_id is not None and a.estado == "presente"}
    contados = votantes & presentes_ids
    for a in asistencias:
        # A suplente present for an absent titular with vote: the titular's vote is there (once).
        if (a.estado == "presente" and a.miembro_id in activos and a.miembro_id not in titulares
                and a.reemplaza_a_id in votantes):
            contados.add(a.reemplaza_a_id)
    n = len(votantes)
    requeridos = quorum_requerido(regla, quorum_numero, n)
    presentes = len(contados)
    hay = requeridos > 0 and presentes >= requeridos
    return Quorum(n, presentes, requeridos, hay, texto_quorum(presentes, n, requeridos))


def texto_tipo(tipo: str) -> str:
    return traducir(TIPOS_MESA.get(tipo, tipo))


def texto_rol(rol: str) -> str:
    return traducir(ROLES_MIEMBRO.get(rol, rol))


# -- mesas ------------------------------------------------------------------------------------------------
def _mesa(s: Session, mesa_id: int) -> Mesa:
    return obtener(s, Mesa, mesa_id, _("la mesa"))


def _validar_mesa(s: Session, municipio_id: int, d: DatosMesa, mesa_id: int | None = None) -> DatosMesa:
    v = Validador()
    nombre = v.texto("nombre", " ".join((d.nombre or "").split()), _("el nombre de la mesa"), obligatorio=True)
    tipo = v.opcion("tipo", d.tipo, TIPOS_MESA, _("el tipo de mesa"))
    regla = v.opcion("regla_quorum", d.regla_quorum, REGLAS_QUORUM, _("la regla de quórum"))
    numero = d.quorum_numero
    if regla == "numero_fijo":
        if numero is None or isinstance(numero, bool) or not isinstance(numero, int) or numero < 1:
            v.error("quorum_numero", _("Con la regla «número fijo», indique cuántos miembros con voto hacen "
                                       "quórum (1 o más)."))
    else:
        numero = None  # only meaningful with a fixed number
    lugar = v.texto("lugar_habitual", d.lugar_habitual, _("el lugar habitual"))
    periodicidad = v.texto("periodicidad", d.periodicidad, _("la periodicidad"), maximo=100)
    notas = v.texto("notas", d.notas, _("las notas"), maximo=MAXIMO_TEXTO)
    territorios = tuple(dict.fromkeys(d.territorios))
    if territorios:
        validos = set(s.scalars(select(Territorio.id).where(Territorio.id.in_(territorios),
                                                            Territorio.municipio_id == municipio_id)))
        if len(validos) != len(territorios):
            v.error("territorios", _("Alguno de los territorios elegidos ya no existe; actualice la lista."))
    if nombre and "nombre" not in v.errores:
        q = select(Mesa.id).where(Mesa.municipio_id == municipio_id, func.lower(Mesa.nombre) == nombre.lower())
        if mesa_id is not None:
            q = q.where(Mesa.id != mesa_id)
        if s.scalar(q) is not None:
            # The spreadsheet of members names its mesa: two with the same name could not be told apart.
            v.error("nombre", _("Ya hay una mesa llamada «{nombre}»; elija otro nombre.").format(nombre=nombre))
    v.verificar()
    return DatosMesa(nombre=nombre, tipo=tipo, regla_quorum=regla, quorum_numero=numero, lugar_habitual=lugar,
                     periodicidad=periodicidad, activa=bool(d.activa), notas=notas, territorios=territorios)


def _poner_territorios(s: Session, mesa_id: int, territorios: Sequence[int]) -> None:
    s.execute(mesa_territorio.delete().where(mesa_territorio.c.mesa_id == mesa_id))
    if territorios:
        s.execute(mesa_territorio.insert(), [{"mesa_id": mesa_id, "territorio_id": t} for t in territorios])


def _territorios_de(s: Session, mesa_id: int) -> tuple[int, ...]:
    return tuple(s.scalars(select(mesa_territorio.c.territorio_id).where(mesa_territorio.c.mesa_id == mesa_id)
                           .order_by(mesa_territorio.c.territorio_id)))


def crear_mesa(s: Session, municipio_id: int, datos: DatosMesa) -> int:
    d = _validar_mesa(s, municipio_id, datos)
    m = Mesa(municipio_id=municipio_id, **{c: getattr(d, c) for c in CAMPOS_MESA})
    s.add(m)
    s.flush()
    _poner_territorios(s, m.id, d.territorios)
    auditar(s, municipio_id, "mesa", m.id, "crear", d.nombre)
    return m.id


def obtener_mesa(s: Session, mesa_id: int) -> DatosMesa:
    m = _mesa(s, mesa_id)
    return DatosMesa(**{c: getattr(m, c) for c in CAMPOS_MESA}, territorios=_territorios_de(s, mesa_id))


def actualizar_mesa(s: Session, mesa_id: int, datos: DatosMesa) -> DatosMesa:
    """Guarda los cambios y devuelve los datos anteriores (deshacer)."""
    m = _mesa(s, mesa_id)
    anterior = obtener_mesa(s, mesa_id)
    d = _validar_mesa(s, m.municipio_id, datos, mesa_id)
    for c in CAMPOS_MESA:
        setattr(m, c, getattr(d, c))
    _poner_territorios(s, mesa_id, d.territorios)
    s.flush()
    cambios = [f.name for f in fields(DatosMesa) if getattr(anterior, f.name) != getattr(d, f.name)]
    auditar(s, m.municipio_id, "mesa", mesa_id, "actualizar", f"{d.nombre}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


def etiqueta_acta(numero: int, anio: int) -> str:
    """«Acta N.º 3/2026»."""
    return _("Acta N.º {numero}/{anio}").format(numero=numero, anio=anio)


def _actas_firmadas(s: Session, *condiciones: Any) -> list[str]:
    return [etiqueta_acta(n, a) for n, a in s.execute(
        select(Acta.numero, Acta.anio).where(Acta.estado == "firmada", *condiciones).order_by(Acta.anio, Acta.numero))]


def eliminar_mesa(s: Session, mesa_id: int) -> MesaEliminada:
    """Elimina la mesa con todo lo suyo; se niega si tiene un acta firmada (un documento firmado no se borra)."""
    m = _mesa(s, mesa_id)
    firmadas = _actas_firmadas(s, Acta.mesa_id == mesa_id)
    if firmadas:
        raise ErrorDeUsuario(_("La mesa «{mesa}» tiene actas firmadas ({actas}): no se puede eliminar. Si ya no se "
                               "reúne, desmarque «Activa».").format(mesa=m.nombre, actas=", ".join(firmadas)))
    sesiones = select(Sesion.id).where(Sesion.mesa_id == mesa_id).scalar_subquery()
    copia = MesaEliminada(
        columnas=copiar_filas(s, Mesa, Mesa.id == mesa_id)[0],
        territorios=copiar_filas(s, mesa_territorio, mesa_territorio.c.mesa_id == mesa_id),
        miembros=copiar_filas(s, MiembroMesa, MiembroMesa.mesa_id == mesa_id),
        sesiones=copiar_filas(s, Sesion, Sesion.mesa_id == mesa_id),
        puntos=copiar_filas(s, PuntoAgenda, PuntoAgenda.sesion_id.in_(sesiones)),
        asistencias=copiar_filas(s, Asistencia, Asistencia.sesion_id.in_(sesiones)),
        acuerdos=copiar_filas(s, Acuerdo, Acuerdo.sesion_id.in_(sesiones)),
        actas=copiar_filas(s, Acta, Acta.mesa_id == mesa_id),
    )
    nombre, mid = m.nombre, m.municipio_id
    _soltar(s, mesa_id)
    s.delete(m)
    s.flush()
    auditar(s, mid, "mesa", mesa_id, "eliminar", nombre)
    return copia


def _soltar(s: Session, mesa_id: int) -> None:
    """Saca de la sesión ORM las filas que la base borrará en cascada (no deben quedar como si existieran)."""
    for obj in list(s.identity_map.values()):
        if isinstance(obj, MiembroMesa | Sesion | Acta) and obj.mesa_id == mesa_id:
            s.expunge(obj)
    ids = set(s.scalars(select(Sesion.id).where(Sesion.mesa_id == mesa_id)))
    for obj in list(s.identity_map.values()):
        if isinstance(obj, PuntoAgenda | Asistencia | Acuerdo) and obj.sesion_id in ids:
            s.expunge(obj)


def _existentes(s: Session, modelo: Any, ids: Iterable[int | None]) -> set[int]:
    ids = {i for i in ids if i is not None}
    return set(s.scalars(select(modelo.id).where(modelo.id.in_(ids)))) if ids else set()


def restaurar_mesa(s: Session, copia: MesaEliminada) -> int:
    """Devuelve la mesa con los mismos números y todo lo que tenía."""
    columnas = dict(copia.columnas)
    if s.scalar(select(Mesa.id).where(Mesa.municipio_id == columnas["municipio_id"],
                                      func.lower(Mesa.nombre) == columnas["nombre"].lower())) is not None:
        raise ErrorDeUsuario(_("No se puede devolver la mesa: ya hay otra llamada «{nombre}».").format(
            nombre=columnas["nombre"]))
    reponer_filas(s, Mesa, [columnas])
    territorios = _existentes(s, Territorio, (f["territorio_id"] for f in copia.territorios))
    reponer_filas(s, mesa_territorio, [f for f in copia.territorios if f["territorio_id"] in territorios])
    actores = _existentes(s, Actor, [f["actor_id"] for f in copia.miembros]
                          + [f["responsable_id"] for f in copia.acuerdos])
    reponer_miembros(s, [{**f, "actor_id": f["actor_id"] if f["actor_id"] in actores else None}
                         for f in copia.miembros])
    reponer_filas(s, Sesion, copia.sesiones)
    reponer_filas(s, PuntoAgenda, copia.puntos)
    reponer_filas(s, Asistencia, copia.asistencias)
    from nucleo.modelo import Actividad

    actividades = _existentes(s, Actividad, (f["actividad_id"] for f in copia.acuerdos))
    reponer_filas(s, Acuerdo, [{**f, "responsable_id": f["responsable_id"] if f["responsable_id"] in actores else None,
                                "actividad_id": f["actividad_id"] if f["actividad_id"] in actividades else None}
                               for f in copia.acuerdos])
    reponer_actas(s, copia.actas)
    s.flush()
    auditar(s, columnas["municipio_id"], "mesa", columnas["id"], "restaurar", columnas["nombre"])
    return columnas["id"]


def reponer_miembros(s: Session, filas: Sequence[dict[str, Any]]) -> None:
    """Inserta miembros con sus números; quién es suplente de quién se pone después (el orden no importa)."""
    reponer_filas(s, MiembroMesa, [{**f, "suplente_de_id": None} for f in filas])
    for f in filas:
        if f["suplente_de_id"] is not None and s.get(MiembroMesa, f["suplente_de_id"]) is not None:
            s.execute(update(MiembroMesa).where(MiembroMesa.id == f["id"]).values(suplente_de_id=f["suplente_de_id"]),
                      execution_options={"synchronize_session": False})


def reponer_actas(s: Session, filas: Sequence[dict[str, Any]]) -> None:
    """Inserta actas con sus números; a cuál corrige cada una se pone después (si esa acta existe)."""
    reponer_filas(s, Acta, [{**f, "corrige_a_id": None} for f in filas])
    for f in filas:
        if f["corrige_a_id"] is not None and s.get(Acta, f["corrige_a_id"]) is not None:
            s.execute(update(Acta).where(Acta.id == f["id"]).values(corrige_a_id=f["corrige_a_id"]),
                      execution_options={"synchronize_session": False})


def listar_mesas(s: Session, municipio_id: int, hoy: date) -> list[FilaMesa]:
    """Las mesas del municipio por nombre, con miembros vigentes hoy, quórum, sesiones y acuerdos abiertos."""
    mesas = list(s.scalars(select(Mesa).where(Mesa.municipio_id == municipio_id)
                           .order_by(func.lower(Mesa.nombre), Mesa.id)))
    territorios: dict[int, list[str]] = {}
    for mesa_id, nombre in s.execute(
            select(mesa_territorio.c.mesa_id, Territorio.nombre)
            .join(Territorio, Territorio.id == mesa_territorio.c.territorio_id)
            .where(Territorio.municipio_id == municipio_id).order_by(func.lower(Territorio.nombre))):
        territorios.setdefault(mesa_id, []).append(nombre)
    miembros: dict[int, list[Any]] = {}
    for fila in s.execute(select(MiembroMesa.mesa_id, MiembroMesa.titular, MiembroMesa.con_voto,
                                 MiembroMesa.designado_en, MiembroMesa.hasta)
                          .where(MiembroMesa.municipio_id == municipio_id)):
        miembros.setdefault(fila.mesa_id, []).append(fila)
    sesiones: dict[int, list[Any]] = {}
    for fila in s.execute(select(Sesion.mesa_id, Sesion.fecha, Sesion.estado)
                          .where(Sesion.municipio_id == municipio_id)):
        sesiones.setdefault(fila.mesa_id, []).append(fila)
    abiertos = dict(s.execute(select(Sesion.mesa_id, func.count()).join(Acuerdo, Acuerdo.sesion_id == Sesion.id)
                              .where(Sesion.municipio_id == municipio_id, Acuerdo.estado.in_(ABIERTOS))
                              .group_by(Sesion.mesa_id)).all())
    salida = []
    for m in mesas:
        vigentes = [f for f in miembros.get(m.id, []) if vigente(f.designado_en, f.hasta, hoy)]
        n_voto = sum(1 for f in vigentes if f.titular and f.con_voto)
        requeridos = quorum_requerido(m.regla_quorum, m.quorum_numero, n_voto)
        pasadas = [f.fecha for f in sesiones.get(m.id, [])
                   if f.estado != "suspendida" and (f.fecha < hoy or f.estado == "realizada")]
        futuras = [f.fecha for f in sesiones.get(m.id, []) if f.estado == "convocada" and f.fecha >= hoy]
        salida.append(FilaMesa(
            id=m.id, nombre=m.nombre, tipo=m.tipo, tipo_texto=texto_tipo(m.tipo),
            territorios=territorios.get(m.id, []), n_miembros=len(vigentes), n_con_voto=n_voto,
            quorum_texto=_("{r} de {n}").format(r=formato.entero(requeridos), n=formato.entero(n_voto)),
            ultima_sesion=max(pasadas, default=None), proxima_sesion=min(futuras, default=None),
            n_acuerdos_abiertos=abiertos.get(m.id, 0), activa=m.activa, regla_quorum=m.regla_quorum,
            lugar_habitual=m.lugar_habitual, periodicidad=m.periodicidad))
    return salida


def contar_mesas(s: Session, municipio_id: int) -> int:
    return s.scalar(select(func.count()).select_from(Mesa).where(Mesa.municipio_id == municipio_id)) or 0


# -- miembros ---------------------------------------------------------------------------------------------
def _miembro(s: Session, miembro_id: int) -> MiembroMesa:
    return obtener(s, MiembroMesa, miembro_id, _("el miembro"))


def _validar_miembro(s: Session, mesa: Mesa, d: DatosMiembro, miembro_id: int | None = None) -> DatosMiembro:
    v = Validador()
    nombre, cargo, institucion = d.nombre, d.cargo, d.institucion
    actor = None
    if d.actor_id is not None:
        actor = s.get(Actor, d.actor_id)
        if actor is None or actor.municipio_id != mesa.municipio_id:
            v.error("actor_id", _("El actor elegido ya no existe; elija otro de la lista."))
            actor = None
    if actor is not None:
        # A copy: a signed acta keeps the name even if the actor changes or is deleted.
        nombre = (nombre or "").strip() or actor.nombre
        cargo = (cargo or "").strip() or actor.cargo
        if not (institucion or "").strip():
            if actor.institucion_id is not None:
                institucion = s.scalar(select(Actor.nombre).where(Actor.id == actor.institucion_id)) or ""
            elif actor.tipo != "persona":
                institucion = actor.nombre
    nombre = v.texto("nombre", " ".join((nombre or "").split()), _("el nombre del miembro (o elija un actor)"),
                     obligatorio=True)
    cargo = v.texto("cargo", cargo, _("el cargo"), maximo=150)
    institucion = v.texto("institucion", institucion, _("la institución"))
    rol = v.opcion("rol", d.rol, ROLES_MIEMBRO, _("el rol"))
    titular = bool(d.titular)
    suplente_de_id = d.suplente_de_id
    if titular and suplente_de_id is not None:
        v.error("suplente_de_id", _("Un titular no es suplente de nadie: marque «Suplente» o quite a quién "
                                    "reemplaza."))
    elif suplente_de_id is not None:
        otro = s.get(MiembroMesa, suplente_de_id)
        if otro is None or otro.mesa_id != mesa.id:
            v.error("suplente_de_id", _("El titular elegido no es miembro de esta mesa; elija otro de la lista."))
        elif not otro.titular or otro.id == miembro_id:
            v.error("suplente_de_id", _("«{nombre}» no es titular: un suplente reemplaza a un titular.").format(
                nombre=otro.nombre))
    for campo, valor, etiqueta in (("designado_en", d.designado_en, _("La fecha de designación")),
                                   ("hasta", d.hasta, _("La fecha de fin"))):
        if valor is not None and not isinstance(valor, date):
            v.error(campo, _("{etiqueta} no es una fecha válida.").format(etiqueta=etiqueta))
    if (isinstance(d.designado_en, date) and isinstance(d.hasta, date) and d.hasta < d.designado_en):
        v.error("hasta", _("La designación no puede terminar ({hasta}) antes de empezar ({desde}).").format(
            hasta=formato.fecha(d.hasta), desde=formato.fecha(d.designado_en)))
    if nombre and "hasta" not in v.errores:
        # The same person twice at the same time. (Two members may share an actor: the titular and the suplente
        # of one institution.)
        q = select(MiembroMesa).where(MiembroMesa.mesa_id == mesa.id, func.lower(MiembroMesa.nombre) == nombre.lower())
        if miembro_id is not None:
            q = q.where(MiembroMesa.id != miembro_id)
        for otro in s.scalars(q):
            if otro.actor_id == d.actor_id and _se_superponen(otro.designado_en, otro.hasta, d.designado_en,
                                                              d.hasta):
                v.error("actor_id" if d.actor_id else "nombre",
                        _("«{nombre}» ya es miembro de esta mesa en esas fechas.").format(nombre=nombre))
                break
    v.verificar()
    return DatosMiembro(actor_id=d.actor_id, nombre=nombre, cargo=cargo, institucion=institucion, rol=rol,
                        titular=titular, suplente_de_id=None if titular else suplente_de_id,
                        con_voto=bool(d.con_voto), designado_en=d.designado_en, hasta=d.hasta)


def _se_superponen(a1: date | None, a2: date | None, b1: date | None, b2: date | None) -> bool:
    return (a1 is None or b2 is None or a1 <= b2) and (b1 is None or a2 is None or b1 <= a2)


def _sesiones_abiertas(s: Session, mesa_id: int) -> list[Sesion]:
    """Las sesiones de la mesa cuya acta no está firmada (su asistencia todavía se puede completar)."""
    firmadas = select(Acta.sesion_id).where(Acta.mesa_id == mesa_id, Acta.estado == "firmada")
    return list(s.scalars(select(Sesion).where(Sesion.mesa_id == mesa_id, Sesion.id.not_in(firmadas))))


def completar_asistencia(s: Session, sesion: Sesion) -> None:
    """Agrega la fila «ausente» de cada miembro designado el día de la sesión que todavía no la tiene."""
    ya = set(s.scalars(select(Asistencia.miembro_id).where(Asistencia.sesion_id == sesion.id,
                                                            Asistencia.miembro_id.is_not(None))))
    nuevas = [m for m in s.scalars(select(MiembroMesa).where(MiembroMesa.mesa_id == sesion.mesa_id)
                                   .order_by(MiembroMesa.orden, MiembroMesa.id))
              if m.id not in ya and vigente(m.designado_en, m.hasta, sesion.fecha)]
    for m in nuevas:
        s.add(Asistencia(municipio_id=sesion.municipio_id, sesion_id=sesion.id, miembro_id=m.id, estado="ausente",
                         nombre=m.nombre, cargo=m.cargo, institucion=m.institucion, orden=m.orden))
    if nuevas:
        s.flush()


def _referencias_firmadas(s: Session, miembro_id: int) -> list[str]:
    sesiones = select(Asistencia.sesion_id).where(
        (Asistencia.miembro_id == miembro_id) | (Asistencia.reemplaza_a_id == miembro_id))
    return _actas_firmadas(s, Acta.sesion_id.in_(sesiones))


def agregar_miembro(s: Session, mesa_id: int, datos: DatosMiembro) -> int:
    """Agrega el miembro al final; nombre, cargo e institución se copian del actor si vienen vacíos. Queda en la
    asistencia (como ausente) de las sesiones sin acta firmada en que está designado."""
    mesa = _mesa(s, mesa_id)
    d = _validar_miembro(s, mesa, datos)
    orden = (s.scalar(select(func.max(MiembroMesa.orden)).where(MiembroMesa.mesa_id == mesa_id)) or 0) + 1
    m = MiembroMesa(municipio_id=mesa.municipio_id, mesa_id=mesa_id, orden=orden,
                    **{c: getattr(d, c) for c in CAMPOS_MIEMBRO})
    s.add(m)
    s.flush()
    for sesion in _sesiones_abiertas(s, mesa_id):
        completar_asistencia(s, sesion)
    auditar(s, mesa.municipio_id, "miembro_mesa", m.id, "crear", f"{mesa.nombre}: {d.nombre}")
    return m.id


def obtener_miembro(s: Session, miembro_id: int) -> DatosMiembro:
    m = _miembro(s, miembro_id)
    return DatosMiembro(**{c: getattr(m, c) for c in CAMPOS_MIEMBRO})


def actualizar_miembro(s: Session, miembro_id: int, datos: DatosMiembro) -> DatosMiembro:
    """Guarda los cambios y devuelve los datos anteriores. Las actas firmadas no cambian: guardan su copia."""
    m = _miembro(s, miembro_id)
    mesa = _mesa(s, m.mesa_id)
    anterior = obtener_miembro(s, miembro_id)
    d = _validar_miembro(s, mesa, datos, miembro_id)
    if not d.titular and anterior.titular:
        suplentes = s.scalar(select(func.count()).select_from(MiembroMesa).where(
            MiembroMesa.suplente_de_id == miembro_id))
        if suplentes:
            raise ErrorDeUsuario(_("«{nombre}» tiene suplentes: un suplente no puede tenerlos. Cambie primero a "
                                   "quién reemplazan.").format(nombre=m.nombre), campo="titular")
    for c in CAMPOS_MIEMBRO:
        setattr(m, c, getattr(d, c))
    s.flush()
    for sesion in _sesiones_abiertas(s, mesa.id):
        completar_asistencia(s, sesion)
    cambios = [c for c in CAMPOS_MIEMBRO if getattr(anterior, c) != getattr(d, c)]
    auditar(s, mesa.municipio_id, "miembro_mesa", miembro_id, "actualizar",
            f"{mesa.nombre}: {d.nombre}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


def eliminar_miembro(s: Session, miembro_id: int) -> MiembroEliminado:
    """Elimina el miembro y su asistencia; se niega si figura en un acta firmada (para quien dejó la mesa se
    indica la fecha «Hasta»)."""
    m = _miembro(s, miembro_id)
    firmadas = _referencias_firmadas(s, miembro_id)
    if firmadas:
        raise ErrorDeUsuario(_("«{nombre}» figura en actas firmadas ({actas}): no se puede eliminar. Si dejó la "
                               "mesa, indique la fecha «Hasta» de su designación.").format(
            nombre=m.nombre, actas=", ".join(firmadas)))
    copia = MiembroEliminado(
        columnas=copiar_filas(s, MiembroMesa, MiembroMesa.id == miembro_id)[0],
        asistencias=copiar_filas(s, Asistencia, Asistencia.miembro_id == miembro_id),
        suplentes=tuple(s.scalars(select(MiembroMesa.id).where(MiembroMesa.suplente_de_id == miembro_id))),
        reemplazos=tuple(s.scalars(select(Asistencia.id).where(Asistencia.reemplaza_a_id == miembro_id))),
    )
    mid, nombre = m.municipio_id, m.nombre
    for obj in list(s.identity_map.values()):
        if isinstance(obj, Asistencia) and obj.miembro_id == miembro_id:
            s.expunge(obj)
    s.execute(update(MiembroMesa).where(MiembroMesa.suplente_de_id == miembro_id).values(suplente_de_id=None),
              execution_options={"synchronize_session": "fetch"})
    s.execute(update(Asistencia).where(Asistencia.reemplaza_a_id == miembro_id).values(reemplaza_a_id=None),
              execution_options={"synchronize_session": "fetch"})
    s.delete(m)
    s.flush()
    auditar(s, mid, "miembro_mesa", miembro_id, "eliminar", nombre)
    return copia


def restaurar_miembro(s: Session, copia: MiembroEliminado) -> int:
    columnas = dict(copia.columnas)
    if s.get(Mesa, columnas["mesa_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver a «{nombre}»: su mesa ya no existe.").format(
            nombre=columnas["nombre"]))
    if columnas["actor_id"] is not None and s.get(Actor, columnas["actor_id"]) is None:
        columnas["actor_id"] = None
    reponer_miembros(s, [columnas])
    sesiones = _existentes(s, Sesion, (f["sesion_id"] for f in copia.asistencias))
    ocupadas = set(s.scalars(select(Asistencia.sesion_id).where(Asistencia.miembro_id == columnas["id"])))
    reponer_filas(s, Asistencia, [f for f in copia.asistencias
                                  if f["sesion_id"] in sesiones and f["sesion_id"] not in ocupadas])
    if copia.suplentes:
        s.execute(update(MiembroMesa).where(MiembroMesa.id.in_(copia.suplentes)).values(suplente_de_id=columnas["id"]),
                  execution_options={"synchronize_session": "fetch"})
    if copia.reemplazos:
        s.execute(update(Asistencia).where(Asistencia.id.in_(copia.reemplazos)).values(reemplaza_a_id=columnas["id"]),
                  execution_options={"synchronize_session": "fetch"})
    s.flush()
    auditar(s, columnas["municipio_id"], "miembro_mesa", columnas["id"], "restaurar", columnas["nombre"])
    return columnas["id"]


def listar_miembros(s: Session, mesa_id: int, fecha: date | None = None, *, hoy: date | None = None
                    ) -> list[FilaMiembro]:
    """Los miembros de la mesa en su orden. Con `fecha`, solo los designados ese día. `vigente` se mide en
    `fecha`, o en `hoy` (por omisión, la fecha del equipo)."""
    _mesa(s, mesa_id)
    dia = fecha or hoy or date.today()
    miembros = list(s.scalars(select(MiembroMesa).where(MiembroMesa.mesa_id == mesa_id)
                              .order_by(MiembroMesa.orden, MiembroMesa.id)))
    nombres = {m.id: m.nombre for m in miembros}
    salida = []
    for m in miembros:
        activo = vigente(m.designado_en, m.hasta, dia)
        if fecha is not None and not activo:
            continue
        salida.append(FilaMiembro(
            id=m.id, mesa_id=m.mesa_id, actor_id=m.actor_id, nombre=m.nombre, cargo=m.cargo,
            institucion=m.institucion, rol=m.rol, rol_texto=texto_rol(m.rol), titular=m.titular,
            suplente_de_id=m.suplente_de_id, suplente_de=nombres.get(m.suplente_de_id, "") if m.suplente_de_id else "",
            con_voto=m.con_voto, designado_en=m.designado_en, hasta=m.hasta, vigente=activo, orden=m.orden))
    return salida
