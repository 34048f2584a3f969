"""Sanción del Plan de Acción (000, cuarta etapa): quién firma, las firmas con su fecha, la sanción que congela el
plan en una revisión, las revisiones siguientes y la comparación entre dos revisiones.

Reglas:
- cada revisión del plan tiene sus firmantes (`FirmantePlan.revision`). Por omisión (`firmantes_por_defecto`): el
  Intendente (con el nombre de los datos del municipio), el Concejo Municipal, el Gobernador/a, la Junta
  Departamental y la organización comunitaria del territorio, todos requeridos. Firmar es poner la fecha;
  mientras el plan no esté sancionado los firmantes y sus fechas se corrigen libremente;
- `sancionar` exige el plan «En revisión» y todas las firmas requeridas (si falta alguna, la lista en el mensaje):
  pasa el plan a «Sancionado» por `plan.cambiar_estado`, toma la instantánea completa
  (`instantanea.instantanea_plan`) y la guarda canónica con su SHA-256 en `RevisionPlan` (número = la revisión
  del plan, fecha = la última firma). Desde entonces el plan no admite cambios de estructura (reglas del plan) ni
  de firmas;
- `nueva_revision` abre la revisión N+1 de un plan sancionado o en ejecución: vuelve a «Borrador» con los mismos
  firmantes, sin fechas. Las revisiones anteriores quedan en `RevisionPlan`, legibles y comparables.

Deshacer (ui/contexto.ComandoServicio): `agregar_firmante` -> id, `eliminar_firmante` -> copia,
`restaurar_firmante(copia)` -> id; `actualizar_firmante` -> datos anteriores; `registrar_firma` -> fecha anterior;
`firmantes_por_defecto` -> ids creados (deshacer: eliminarlos); `sancionar` -> deshacer con `deshacer_sancion`
(mientras no se haya emitido ningún impreso de esa revisión); `nueva_revision` -> deshacer con
`deshacer_nueva_revision`.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import N_, _, n_, traducir
from nucleo.modelo import Actor, Auditoria, Municipio, PlanAccion, Territorio
from nucleo.modelo.plan import ESTADOS_EDITABLES
from nucleo.modelo.sancion import ROLES_FIRMANTE, DocumentoEmitido, FirmantePlan, RevisionPlan
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas

MAXIMO_NOMBRE = 200
MAXIMO_CARGO = 200
ROLES_POR_DEFECTO = ("intendente", "concejo", "gobernador", "junta")
# States a plan leaves its revision from: sanctioned (or running) is what a new revision starts after.
ESTADOS_CON_REVISION = ("sancionado", "en_ejecucion")
_MARCA_ESTADO = re.compile(r"\[estado_anterior=(\w+)\]")


# -- datos ------------------------------------------------------------------------------------------------------------
@dataclass
class DatosFirmante:
    rol: str = "intendente"
    nombre: str = ""
    cargo: str = ""
    actor_id: int | None = None
    requerida: bool = True
    fecha: date | None = None


@dataclass(frozen=True)
class FilaFirmante:
    id: int
    plan_id: int
    revision: int
    rol: str
    rol_texto: str
    nombre: str
    cargo: str
    actor_id: int | None
    requerida: bool
    fecha: date | None
    firmada: bool
    orden: int


@dataclass(frozen=True)
class FirmanteEliminado:
    columnas: dict[str, Any]


@dataclass(frozen=True)
class FilaRevision:
    id: int
    plan_id: int
    numero: int
    sancionado_en: date
    huella: str
    huella_corta: str  # first 12 hex digits: what the footer and the list show
    integra: bool  # the stored content still hashes to its huella


@dataclass
class Diferencias:
    actividades_agregadas: list[str]
    actividades_quitadas: list[str]
    actividades_movidas: list[tuple[str, str, str]]  # (label, before «01/03/2027–15/04/2027», after)
    presupuesto: list[tuple[str, int, int]]  # (line, before, after), only the lines that changed
    textos: list[str]  # names of the sections whose text changed
    resumen: str

    @property
    def hay_cambios(self) -> bool:
        return bool(self.actividades_agregadas or self.actividades_quitadas or self.actividades_movidas
                    or self.presupuesto or self.textos)


def texto_rol(rol: str) -> str:
    return traducir(ROLES_FIRMANTE.get(rol, rol))


# -- lectura ----------------------------------------------------------------------------------------------------------
def _plan(s: Session, plan_id: int) -> PlanAccion:
    return obtener(s, PlanAccion, plan_id, _("el Plan de Acción"))


def _firmante(s: Session, firmante_id: int) -> FirmantePlan:
    return obtener(s, FirmantePlan, firmante_id, _("la firma"))


def _fila(f: FirmantePlan) -> FilaFirmante:
    return FilaFirmante(id=f.id, plan_id=f.plan_id, revision=f.revision, rol=f.rol, rol_texto=texto_rol(f.rol),
                        nombre=f.nombre or "", cargo=f.cargo or "", actor_id=f.actor_id,
                        requerida=bool(f.requerida), fecha=f.fecha, firmada=f.fecha is not None, orden=f.orden)


def _de_revision(s: Session, plan_id: int, revision: int) -> list[FirmantePlan]:
    return list(s.scalars(select(FirmantePlan).where(FirmantePlan.plan_id == plan_id,
                                                     FirmantePlan.revision == revision)
                          .order_by(FirmantePlan.orden, FirmantePlan.id)))


def listar_firmantes(s: Session, plan_id: int, revision: int | None = None) -> list[FilaFirmante]:
    """Los firmantes de la revisión (por omisión, la actual del plan) en su orden."""
    p = _plan(s, plan_id)
    return [_fila(f) for f in _de_revision(s, plan_id, p.revision if revision is None else revision)]


def faltan_firmas(s: Session, plan_id: int) -> list[FilaFirmante]:
    """Las firmas requeridas de la revisión actual que todavía no tienen fecha."""
    return [f for f in listar_firmantes(s, plan_id) if f.requerida and not f.firmada]


def _revision_guardada(s: Session, plan_id: int, numero: int) -> RevisionPlan | None:
    return s.scalar(select(RevisionPlan).where(RevisionPlan.plan_id == plan_id, RevisionPlan.numero == numero))


def _congelada(s: Session, p: PlanAccion) -> bool:
    """Si la revisión actual del plan ya está sancionada (sus firmantes y fechas no cambian más)."""
    return p.estado in ESTADOS_CON_REVISION or p.estado == "cerrado" or \
        _revision_guardada(s, p.id, p.revision) is not None


def _exigir_firmas_abiertas(s: Session, p: PlanAccion) -> None:
    if _congelada(s, p):
        raise ErrorDeUsuario(_("La revisión {revision} del plan «{titulo}» ya está sancionada: sus firmas quedan "
                               "como se registraron. Si el plan tiene que cambiar, cree una nueva revisión.").format(
            revision=p.revision, titulo=p.titulo))


# -- firmantes --------------------------------------------------------------------------------------------------------
def _validar(s: Session, p: PlanAccion, d: DatosFirmante) -> DatosFirmante:
    v = Validador()
    rol = v.opcion("rol", d.rol, ROLES_FIRMANTE, _("el rol de quien firma"))
    nombre = v.texto("nombre", d.nombre, _("el nombre"), maximo=MAXIMO_NOMBRE)
    cargo = v.texto("cargo", d.cargo, _("el cargo"), maximo=MAXIMO_CARGO)
    actor_id = d.actor_id
    if actor_id is not None:
        actor = s.get(Actor, actor_id)
        if actor is None or actor.municipio_id != p.municipio_id:
            v.error("actor_id", _("La organización elegida ya no existe; elija otra de la lista."))
        elif not nombre:
            nombre = actor.nombre[:MAXIMO_NOMBRE]
    if rol == "organizacion" and not nombre:
        v.error("nombre", _("Escriba el nombre de la organización de la comunidad que firma."))
    fecha = _validar_fecha(v, d.fecha)
    v.verificar()
    return DatosFirmante(rol=rol, nombre=nombre, cargo=cargo, actor_id=actor_id, requerida=bool(d.requerida),
                         fecha=fecha)


def _validar_fecha(v: Validador, fecha: Any) -> date | None:
    if fecha is None:
        return None
    if not isinstance(fecha, date) or isinstance(fecha, datetime):
        v.error("fecha", _("La fecha de la firma no es una fecha válida."))
        return None
    if not 2000 <= fecha.year <= 2100:
        v.error("fecha", _("La fecha de la firma ({fecha}) parece mal escrita: revise el año.").format(
            fecha=formato.fecha(fecha)))
        return None
    return fecha


def _siguiente_orden(s: Session, plan_id: int, revision: int) -> int:
    return (s.scalar(select(func.max(FirmantePlan.orden)).where(FirmantePlan.plan_id == plan_id,
                                                                 FirmantePlan.revision == revision)) or 0) + 1


def firmantes_por_defecto(s: Session, plan_id: int) -> list[int]:
    """Crea los firmantes de siempre si la revisión actual no tiene ninguno; devuelve los ids creados ([] si ya
    tenía)."""
    p = _plan(s, plan_id)
    if _de_revision(s, plan_id, p.revision):
        return []
    _exigir_firmas_abiertas(s, p)
    m = s.get(Municipio, p.municipio_id)
    t = s.get(Territorio, p.territorio_id)
    departamento = m.departamento if m is not None else ""
    filas: list[tuple[str, str, str, int | None]] = [
        ("intendente", (m.intendente_nombre or "") if m is not None else "", _("Intendente Municipal"), None),
        ("concejo", "", _("Presidente/a del Concejo Municipal"), None),
        ("gobernador", "", _("Gobernador/a del departamento {departamento}").format(departamento=departamento)
         if departamento else _("Gobernador/a"), None),
        ("junta", "", _("Presidente/a de la Junta Departamental"), None),
    ]
    if t is not None and t.organizacion_id is not None:
        actor = s.get(Actor, t.organizacion_id)
        if actor is not None:
            filas.append(("organizacion", actor.nombre[:MAXIMO_NOMBRE],
                          _("Organización de la comunidad de {territorio}").format(territorio=t.nombre)[:MAXIMO_CARGO],
                          actor.id))
    ids = []
    for orden, (rol, nombre, cargo, actor_id) in enumerate(filas, start=1):
        f = FirmantePlan(municipio_id=p.municipio_id, plan_id=plan_id, revision=p.revision, rol=rol, nombre=nombre,
                         cargo=cargo[:MAXIMO_CARGO], actor_id=actor_id, requerida=True, fecha=None, orden=orden)
        s.add(f)
        s.flush()
        ids.append(f.id)
    auditar(s, p.municipio_id, "plan", p.id, "firmantes", f"{p.titulo}: revisión {p.revision}, {len(ids)} firmantes")
    return ids


def agregar_firmante(s: Session, plan_id: int, datos: DatosFirmante) -> int:
    p = _plan(s, plan_id)
    _exigir_firmas_abiertas(s, p)
    d = _validar(s, p, datos)
    f = FirmantePlan(municipio_id=p.municipio_id, plan_id=plan_id, revision=p.revision, rol=d.rol, nombre=d.nombre,
                     cargo=d.cargo, actor_id=d.actor_id, requerida=d.requerida, fecha=d.fecha,
                     orden=_siguiente_orden(s, plan_id, p.revision))
    s.add(f)
    s.flush()
    auditar(s, p.municipio_id, "firmante", f.id, "crear", f"{p.titulo}: {texto_rol(d.rol)} {d.nombre}")
    return f.id


def obtener_firmante(s: Session, firmante_id: int) -> DatosFirmante:
    f = _firmante(s, firmante_id)
    return DatosFirmante(rol=f.rol, nombre=f.nombre or "", cargo=f.cargo or "", actor_id=f.actor_id,
                         requerida=bool(f.requerida), fecha=f.fecha)


def _exigir_de_la_revision_actual(s: Session, f: FirmantePlan) -> PlanAccion:
    p = _plan(s, f.plan_id)
    if f.revision != p.revision:
        raise ErrorDeUsuario(_("Esa firma es de la revisión {revision}, que ya quedó cerrada: solo se modifican las "
                               "firmas de la revisión actual ({actual}).").format(revision=f.revision,
                                                                                  actual=p.revision))
    _exigir_firmas_abiertas(s, p)
    return p


def actualizar_firmante(s: Session, firmante_id: int, datos: DatosFirmante) -> DatosFirmante:
    """Guarda los cambios y devuelve los datos anteriores (deshacer)."""
    f = _firmante(s, firmante_id)
    p = _exigir_de_la_revision_actual(s, f)
    anterior = obtener_firmante(s, firmante_id)
    d = _validar(s, p, datos)
    for campo in fields(DatosFirmante):
        setattr(f, campo.name, getattr(d, campo.name))
    s.flush()
    auditar(s, p.municipio_id, "firmante", f.id, "actualizar", f"{p.titulo}: {texto_rol(d.rol)} {d.nombre}")
    return anterior


def eliminar_firmante(s: Session, firmante_id: int) -> FirmanteEliminado:
    f = _firmante(s, firmante_id)
    p = _exigir_de_la_revision_actual(s, f)
    copia = FirmanteEliminado(copiar_filas(s, FirmantePlan, FirmantePlan.id == firmante_id)[0])
    resumen = f"{p.titulo}: {texto_rol(f.rol)} {f.nombre}"
    s.delete(f)
    s.flush()
    auditar(s, p.municipio_id, "firmante", firmante_id, "eliminar", resumen)
    return copia


def restaurar_firmante(s: Session, copia: FirmanteEliminado) -> int:
    c = dict(copia.columnas)
    p = s.get(PlanAccion, c["plan_id"])
    if p is None:
        raise ErrorDeUsuario(_("No se puede devolver la firma: su Plan de Acción ya no existe."))
    if c["revision"] != p.revision:
        raise ErrorDeUsuario(_("No se puede devolver la firma: era de la revisión {revision} y el plan ya está en la "
                               "revisión {actual}.").format(revision=c["revision"], actual=p.revision))
    _exigir_firmas_abiertas(s, p)
    if c.get("actor_id") is not None and s.get(Actor, c["actor_id"]) is None:
        c["actor_id"] = None
    reponer_filas(s, FirmantePlan, [c])
    s.flush()
    s.expire_all()
    auditar(s, p.municipio_id, "firmante", c["id"], "restaurar", f"{p.titulo}: {texto_rol(c['rol'])} {c['nombre']}")
    return c["id"]


def registrar_firma(s: Session, firmante_id: int, fecha: date | None) -> date | None:
    """Anota que firmó ese día (None: todavía no firmó); devuelve la fecha anterior (deshacer)."""
    f = _firmante(s, firmante_id)
    p = _exigir_de_la_revision_actual(s, f)
    v = Validador()
    fecha = _validar_fecha(v, fecha)
    v.verificar()
    anterior = f.fecha
    f.fecha = fecha
    s.flush()
    auditar(s, p.municipio_id, "firmante", f.id, "firma",
            f"{p.titulo}: {texto_rol(f.rol)} {f.nombre}: {fecha.isoformat() if fecha else 'sin firma'}")
    return anterior


# -- sanción ----------------------------------------------------------------------------------------------------------
def _quien(f: FilaFirmante) -> str:
    return f"{f.rol_texto} ({f.nombre})" if f.nombre and f.nombre != f.rol_texto else f.rol_texto


def _canonico(d: dict) -> bytes:
    return json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _instantanea(s: Session, plan_id: int, hoy: date) -> dict:
    from nucleo.servicios.instantanea import instantanea_plan

    return instantanea_plan(s, plan_id, hoy)


def sancionar(s: Session, plan_id: int, hoy: date) -> int:
    """Congela la revisión actual del plan (instantánea canónica + SHA-256) y lo pasa a «Sancionado».

    Devuelve el id de la `RevisionPlan`. ErrorDeUsuario si el plan no está en revisión o si falta alguna firma
    requerida (las nombra)."""
    p = _plan(s, plan_id)
    if p.estado != "en_revision":
        from nucleo.servicios.plan import etiqueta_estado

        if p.estado in ESTADOS_CON_REVISION:
            raise ErrorDeUsuario(_("El plan «{titulo}» ya está sancionado (revisión {revision}).").format(
                titulo=p.titulo, revision=p.revision))
        raise ErrorDeUsuario(_("Para sancionar el plan «{titulo}» páselo antes a «En revisión» (ahora está "
                               "«{estado}»): se sanciona el plan que se revisó.").format(
            titulo=p.titulo, estado=etiqueta_estado(p.estado)))
    firmantes = listar_firmantes(s, plan_id)
    if not any(f.requerida for f in firmantes):
        raise ErrorDeUsuario(_("El plan no tiene firmas requeridas: registre quiénes lo sancionan (el Intendente, el "
                               "Concejo Municipal, el Gobernador/a, la Junta Departamental y las organizaciones de "
                               "la comunidad) antes de sancionarlo."))
    faltan = [f for f in firmantes if f.requerida and not f.firmada]
    if faltan:
        raise ErrorDeUsuario(n_("Falta {n} firma para sancionar el plan: {lista}.",
                                "Faltan {n} firmas para sancionar el plan: {lista}.", len(faltan)).format(
            n=len(faltan), lista="; ".join(_quien(f) for f in faltan)))
    ya = _revision_guardada(s, plan_id, p.revision)
    if ya is not None:
        if _emitidos(s, plan_id, p.revision):
            raise ErrorDeUsuario(_("La revisión {revision} ya se sancionó y se emitieron impresos de ella: para "
                                   "cambiar el plan cree una nueva revisión.").format(revision=p.revision))
        s.delete(ya)  # a sanction undone by hand (state moved back) with nothing emitted: sanction again
        s.flush()
    sancionado_en = max(f.fecha for f in firmantes if f.fecha is not None)
    from nucleo.servicios.plan import cambiar_estado

    cambiar_estado(s, plan_id, "sancionado")  # its own rules (a plan without activities is refused) apply
    d = _instantanea(s, plan_id, hoy)
    d["sancion"] = {"numero": p.revision, "sancionado_en": sancionado_en.isoformat()}
    contenido = _canonico(d)
    r = RevisionPlan(municipio_id=p.municipio_id, plan_id=plan_id, numero=p.revision, sancionado_en=sancionado_en,
                     contenido=contenido.decode("utf-8"), huella=hashlib.sha256(contenido).hexdigest())
    s.add(r)
    s.flush()
    auditar(s, p.municipio_id, "plan", p.id, "sancionar",
            f"{p.titulo}: revisión {p.revision} sancionada el {sancionado_en.isoformat()}, SHA-256 {r.huella}")
    return r.id


def _emitidos(s: Session, plan_id: int, revision: int) -> int:
    return s.scalar(select(func.count()).select_from(DocumentoEmitido).where(
        DocumentoEmitido.tipo == "plan", DocumentoEmitido.entidad_id == plan_id,
        DocumentoEmitido.revision == revision)) or 0


def deshacer_sancion(s: Session, plan_id: int) -> None:
    """Deshace `sancionar`: borra la revisión congelada y vuelve el plan a «En revisión» (con sus firmas). Solo si
    todavía no se emitió ningún impreso de esa revisión."""
    p = _plan(s, plan_id)
    r = _revision_guardada(s, plan_id, p.revision)
    if p.estado != "sancionado" or r is None:
        raise ErrorDeUsuario(_("El plan «{titulo}» no está recién sancionado: no hay sanción que deshacer.").format(
            titulo=p.titulo))
    if _emitidos(s, plan_id, p.revision):
        raise ErrorDeUsuario(_("Ya se emitieron impresos de la revisión {revision}: su sanción no se deshace. Si el "
                               "plan tiene que cambiar, cree una nueva revisión.").format(revision=p.revision))
    s.delete(r)
    s.flush()
    from nucleo.servicios.plan import cambiar_estado

    cambiar_estado(s, plan_id, "en_revision")
    auditar(s, p.municipio_id, "plan", p.id, "deshacer_sancion", f"{p.titulo}: revisión {p.revision}")


# -- revisiones -------------------------------------------------------------------------------------------------------
def nueva_revision(s: Session, plan_id: int) -> int:
    """Abre la revisión siguiente de un plan sancionado (o en ejecución): vuelve a «Borrador» con los mismos
    firmantes, sin fechas. Devuelve el número de la revisión nueva."""
    p = _plan(s, plan_id)
    if p.estado == "cerrado":
        raise ErrorDeUsuario(_("El plan «{titulo}» está cerrado: no se abren revisiones nuevas de un plan "
                               "terminado.").format(titulo=p.titulo))
    if p.estado not in ESTADOS_CON_REVISION and _revision_guardada(s, plan_id, p.revision) is None:
        raise ErrorDeUsuario(_("La revisión {revision} del plan «{titulo}» todavía no está sancionada: se sigue "
                               "editando la misma, sin abrir otra.").format(revision=p.revision, titulo=p.titulo))
    anterior, estado_anterior = p.revision, p.estado
    p.revision = anterior + 1
    p.estado = "borrador"
    for f in _de_revision(s, plan_id, anterior):
        s.add(FirmantePlan(municipio_id=f.municipio_id, plan_id=plan_id, revision=p.revision, rol=f.rol,
                           nombre=f.nombre, cargo=f.cargo, actor_id=f.actor_id, requerida=f.requerida, fecha=None,
                           orden=f.orden))
    s.flush()
    # The marker lets the undo put back the state the plan had (sancionado or en_ejecucion).
    auditar(s, p.municipio_id, "plan", p.id, "nueva_revision",
            f"{p.titulo}: revisión {anterior} → {p.revision} [estado_anterior={estado_anterior}]")
    return p.revision


def deshacer_nueva_revision(s: Session, plan_id: int) -> None:
    """Deshace `nueva_revision`: borra los firmantes de la revisión nueva y vuelve a la anterior con su estado."""
    p = _plan(s, plan_id)
    if p.revision <= 1 or p.estado not in ESTADOS_EDITABLES or _revision_guardada(s, plan_id, p.revision) is not None:
        raise ErrorDeUsuario(_("No hay una revisión nueva del plan «{titulo}» que deshacer.").format(titulo=p.titulo))
    resumen = s.scalar(select(Auditoria.resumen).where(Auditoria.entidad == "plan", Auditoria.entidad_id == plan_id,
                                                        Auditoria.accion == "nueva_revision")
                       .order_by(Auditoria.id.desc()).limit(1)) or ""
    hallado = _MARCA_ESTADO.search(resumen)
    estado = hallado.group(1) if hallado and hallado.group(1) in ESTADOS_CON_REVISION else "sancionado"
    s.execute(delete(FirmantePlan).where(FirmantePlan.plan_id == plan_id, FirmantePlan.revision == p.revision),
              execution_options={"synchronize_session": "fetch"})
    nueva = p.revision
    p.revision = nueva - 1
    p.estado = estado
    s.flush()
    auditar(s, p.municipio_id, "plan", p.id, "deshacer_revision", f"{p.titulo}: revisión {nueva} → {p.revision}")


def _fila_revision(r: RevisionPlan) -> FilaRevision:
    integra = hashlib.sha256(r.contenido.encode("utf-8")).hexdigest() == r.huella
    return FilaRevision(id=r.id, plan_id=r.plan_id, numero=r.numero, sancionado_en=r.sancionado_en, huella=r.huella,
                        huella_corta=r.huella[:12], integra=integra)


def listar_revisiones(s: Session, plan_id: int) -> list[FilaRevision]:
    """Las revisiones sancionadas del plan, de la primera a la última, con la comprobación de su huella."""
    _plan(s, plan_id)
    return [_fila_revision(r) for r in s.scalars(select(RevisionPlan).where(RevisionPlan.plan_id == plan_id)
                                                 .order_by(RevisionPlan.numero))]


def revision_no_sancionada(s: Session, plan_id: int, numero: int) -> ErrorDeUsuario:
    """El error «El plan no tiene la revisión N sancionada; tiene: 1, 2» (también para la línea de comandos)."""
    numeros = [r.numero for r in listar_revisiones(s, plan_id)]
    tiene = ", ".join(str(n) for n in numeros) if numeros else _("ninguna todavía")
    return ErrorDeUsuario(_("El plan no tiene la revisión {numero} sancionada; tiene: {tiene}.").format(
        numero=numero, tiene=tiene), campo="revision")


def revision_congelada(s: Session, plan_id: int, numero: int) -> tuple[dict, FilaRevision]:
    """La instantánea congelada de la revisión `numero` y su fila (fecha, huella); ErrorDeUsuario si no está
    sancionada."""
    _plan(s, plan_id)
    r = _revision_guardada(s, plan_id, numero)
    if r is None:
        raise revision_no_sancionada(s, plan_id, numero)
    return json.loads(r.contenido), _fila_revision(r)


def contenido_revision(s: Session, plan_id: int, numero: int) -> dict:
    """La instantánea congelada de la revisión `numero` (ErrorDeUsuario si no está sancionada)."""
    return revision_congelada(s, plan_id, numero)[0]


# -- comparación ------------------------------------------------------------------------------------------------------
# Text sections of the snapshot's "plan" and the lists compared as a whole; names as the printout titles them.
_SECCIONES_PLAN = (
    ("titulo", N_("Título")), ("objetivo", N_("Objetivo")), ("organizacion", N_("Organización del trabajo")),
    ("provision_recursos", N_("Provisión de los recursos")), ("instrumentos_registro", N_("Instrumentos de registro")),
    ("control_comunitario", N_("Control comunitario")),
)
_SECCIONES_LISTA = (
    ("necesidades", N_("Necesidades priorizadas")), ("arbol", N_("Árbol de problemas")), ("dafo", N_("DAFO")),
    ("oportunidades", N_("Oportunidades utilizadas")), ("resultados", N_("Resultados e indicadores")),
    ("riesgos", N_("Riesgos")),
)


def _etiqueta_actividad(a: dict) -> str:
    return f"{a.get('codigo', '')} {a.get('nombre', '')}".strip()


def _fecha_corta(texto: str | None) -> str:
    return formato.fecha(date.fromisoformat(texto)) if texto else _("sin fecha")


def _periodo(a: dict) -> str:
    return f"{_fecha_corta(a.get('inicio'))}–{_fecha_corta(a.get('fin'))}"


def _clave_actividad(a: dict) -> Any:
    return ("id", a["id"]) if a.get("id") is not None else ("nombre", str(a.get("nombre", "")).casefold())


def _comparar_actividades(antes: list[dict], despues: list[dict]) -> tuple[list[str], list[str],
                                                                            list[tuple[str, str, str]]]:
    a = {_clave_actividad(x): x for x in antes}
    b = {_clave_actividad(x): x for x in despues}
    agregadas = [_etiqueta_actividad(x) for k, x in b.items() if k not in a]
    quitadas = [_etiqueta_actividad(x) for k, x in a.items() if k not in b]
    movidas = []
    for k, x in b.items():
        previa = a.get(k)
        # Groups move with their tasks: only the work itself is reported, once.
        if previa is None or x.get("es_resumen"):
            continue
        if (previa.get("inicio"), previa.get("fin")) != (x.get("inicio"), x.get("fin")):
            movidas.append((_etiqueta_actividad(x), _periodo(previa), _periodo(x)))
    return agregadas, quitadas, movidas


def _lineas_presupuesto(d: dict) -> dict[str, int]:
    p = d.get("presupuesto") or {}
    lineas = {_("Total"): int(p.get("total") or 0)}
    for fila in p.get("por_fuente") or ():
        clave, texto, monto = (list(fila) + [None, None, 0])[:3]
        lineas[_("Fuente: {fuente}").format(fuente=texto or clave)] = int(monto or 0)
    for fila in p.get("por_resultado") or ():
        texto, monto = (list(fila) + [None, 0])[:2]
        lineas[_("Resultado: {resultado}").format(resultado=texto)] = int(monto or 0)
    return lineas


def _comparar_presupuesto(antes: dict, despues: dict) -> list[tuple[str, int, int]]:
    a, b = _lineas_presupuesto(antes), _lineas_presupuesto(despues)
    orden = list(b) + [k for k in a if k not in b]
    return [(k, a.get(k, 0), b.get(k, 0)) for k in orden if a.get(k, 0) != b.get(k, 0)]


def _comparar_textos(antes: dict, despues: dict) -> list[str]:
    cambiados = []
    pa, pb = antes.get("plan") or {}, despues.get("plan") or {}
    for clave, nombre in _SECCIONES_PLAN:
        if (pa.get(clave) or "") != (pb.get(clave) or ""):
            cambiados.append(traducir(nombre))
    ta, tb = antes.get("territorio") or {}, despues.get("territorio") or {}
    if (ta.get("caracterizacion") or "") != (tb.get("caracterizacion") or ""):
        cambiados.append(_("Caracterización del territorio"))
    for clave, nombre in _SECCIONES_LISTA:
        if _canonico({"x": antes.get(clave) or []}) != _canonico({"x": despues.get(clave) or []}):
            cambiados.append(traducir(nombre))
    return cambiados


def _resumen(dif: Diferencias, a: int, b: int) -> str:
    if not dif.hay_cambios:
        return _("No hay diferencias entre {a} y {b}.").format(a=_nombre_revision(a), b=_nombre_revision(b))
    partes = []
    if dif.actividades_agregadas:
        partes.append(n_("{n} actividad agregada", "{n} actividades agregadas", len(dif.actividades_agregadas))
                      .format(n=len(dif.actividades_agregadas)))
    if dif.actividades_quitadas:
        partes.append(n_("{n} actividad quitada", "{n} actividades quitadas", len(dif.actividades_quitadas))
                      .format(n=len(dif.actividades_quitadas)))
    if dif.actividades_movidas:
        partes.append(n_("{n} actividad con otras fechas", "{n} actividades con otras fechas",
                         len(dif.actividades_movidas)).format(n=len(dif.actividades_movidas)))
    total = next((x for x in dif.presupuesto if x[0] == _("Total")), None)
    if total is not None:
        partes.append(_("el presupuesto total pasó de {antes} a {despues}").format(
            antes=formato.guaranies(total[1]), despues=formato.guaranies(total[2])))
    elif dif.presupuesto:
        partes.append(_("cambió el reparto del presupuesto"))
    if dif.textos:
        partes.append(_("cambiaron: {secciones}").format(secciones=", ".join(dif.textos)))
    desde = _("Del plan actual") if a == 0 else _("De la revisión {n}").format(n=a)
    hasta = _("al plan actual") if b == 0 else _("a la revisión {n}").format(n=b)
    return _("{desde} {hasta}: {cambios}.").format(desde=desde, hasta=hasta, cambios="; ".join(partes))


def _nombre_revision(numero: int) -> str:
    return _("el plan actual") if numero == 0 else _("la revisión {n}").format(n=numero)


def comparar_revisiones(s: Session, plan_id: int, a: int, b: int, hoy: date | None = None) -> Diferencias:
    """Qué cambió de la revisión `a` a la `b` (0 = el plan vivo, leído con `hoy`, por omisión la fecha de hoy)."""
    _plan(s, plan_id)

    def leer(numero: int) -> dict:
        return _instantanea(s, plan_id, hoy or date.today()) if numero == 0 else contenido_revision(s, plan_id, numero)

    antes, despues = leer(a), leer(b)
    agregadas, quitadas, movidas = _comparar_actividades(antes.get("actividades") or [],
                                                         despues.get("actividades") or [])
    dif = Diferencias(actividades_agregadas=agregadas, actividades_quitadas=quitadas, actividades_movidas=movidas,
                      presupuesto=_comparar_presupuesto(antes, despues), textos=_comparar_textos(antes, despues),
                      resumen="")
    dif.resumen = _resumen(dif, a, b)
    return dif


# -- lo que muestra la pestaña Sanción -------------------------------------------------------------------------
@dataclass
class EstadoSancion:
    """Lo que la pestaña Sanción muestra del plan, leído de una vez."""

    estado: str = ""
    revision: int = 0
    territorio: str = ""
    firmantes: list = field(default_factory=list)  # FilaFirmante of the current revision
    faltan: list = field(default_factory=list)  # the required ones without a date
    revisiones: list = field(default_factory=list)  # FilaRevision, oldest first

    def revision_actual(self):
        """La RevisionPlan de la revisión vigente, si ya está sancionada."""
        return next((r for r in self.revisiones if r.numero == self.revision), None)


def estado_de_sancion(s: Session, plan_id: int) -> EstadoSancion:
    """Estado, revisión, territorio, firmantes, firmas que faltan y revisiones del plan (vacío si ya no existe)."""
    plan = s.get(PlanAccion, plan_id)
    if plan is None:
        return EstadoSancion()
    territorio = s.get(Territorio, plan.territorio_id)
    return EstadoSancion(plan.estado, plan.revision, territorio.nombre if territorio else "",
                         listar_firmantes(s, plan_id), faltan_firmas(s, plan_id), listar_revisiones(s, plan_id))
