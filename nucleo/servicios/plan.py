"""Plan de Acción de un territorio (etapas 4 y 5): el plan con sus apartados de texto, su estado, sus resultados y
la cadena necesidad → resultado → actividad → oportunidad.

Reglas:
- un plan por territorio;
- ciclo de vida borrador ⇄ en revisión → sancionado → en ejecución → cerrado; cada estado puede volver un paso
  atrás (para deshacer o corregir). Un plan sin actividades no se sanciona;
- la estructura (textos del plan, resultados, actividades, vínculos, recursos, definición de indicadores) se edita
  solo en borrador o en revisión (`exigir_editable`); el seguimiento (avance, fechas reales, mediciones, línea
  base) se registra en todo estado menos cerrado (`exigir_seguimiento`);
- los resultados de un plan se numeran 1, 2, 3… sin huecos (`orden`) y responden a necesidades de su territorio.

Deshacer (ui/contexto.ComandoServicio): `crear_plan` -> id, `eliminar_plan` -> copia (el plan con todo lo que
cuelga de él; `copiar_plan` la arma sin borrar, para quien borra el territorio), `restaurar_plan(copia)` -> id;
`actualizar_plan` -> datos anteriores; `cambiar_estado` -> estado anterior. `crear_resultado` -> id,
`eliminar_resultado` -> copia (sus necesidades, indicadores con mediciones, qué actividades lo nombraban y el orden
de los demás), `restaurar_resultado(copia)` -> id; `actualizar_resultado` -> datos anteriores; `mover_resultado` ->
orden anterior.

Las actividades las escribe nucleo/servicios/actividades.py; acá solo se leen (`nodos_del_plan`) para el resumen,
la cadena, el presupuesto y el calendario de metas, y se pide `actividades.reprogramar` cuando cambia el inicio.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from types import ModuleType
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.calendario import VENCIDA, semaforo
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo import (
    Actividad,
    Actor,
    Acuerdo,
    Dependencia,
    Indicador,
    Medicion,
    Necesidad,
    Oportunidad,
    PlanAccion,
    Recurso,
    Resultado,
    Riesgo,
    Territorio,
)
from nucleo.modelo.oportunidad import PILARES
from nucleo.modelo.plan import ESTADOS_EDITABLES, ESTADOS_PLAN, actividad_oportunidad, resultado_necesidad
from nucleo.modelo.riesgo import riesgo_actividad
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas
from nucleo.servicios.dias_especiales import calendario_de

MAXIMO_TITULO = 200
MAXIMO_SECCION = 10000  # a section of the plan (i, v, vi) may be a few pages long
MAXIMO_DESCRIPCION_RESULTADO = 2000
MAXIMO_CODIGO = 20

# Where each state may go: the next step and one step back (undo, corrections).
SIGUIENTES: dict[str, tuple[str, ...]] = {
    "borrador": ("en_revision",),
    "en_revision": ("borrador", "sancionado"),
    "sancionado": ("en_revision", "en_ejecucion"),
    "en_ejecucion": ("sancionado", "cerrado"),
    "cerrado": ("en_ejecucion",),
}


def etiqueta_estado(estado: str) -> str:
    """«En revisión», «Sancionado»…"""
    return traducir(ESTADOS_PLAN.get(estado, estado))


def estados_siguientes(estado: str) -> tuple[str, ...]:
    """A qué estados puede pasar un plan que está en `estado` (lo que ofrecen los botones de la página)."""
    return SIGUIENTES.get(estado, ())


# -- datos ----------------------------------------------------------------------------------------------------------
@dataclass
class DatosPlan:
    titulo: str = ""
    inicio: date | None = None
    objetivo: str = ""
    organizacion: str = ""  # i
    provision_recursos: str = ""  # v
    instrumentos_registro: str = ""  # vi
    control_comunitario: str = ""  # vi
    notas: str = ""


CAMPOS_PLAN = tuple(f.name for f in fields(DatosPlan))


@dataclass(frozen=True)
class ResumenPlan:
    id: int
    territorio_id: int
    territorio: str
    titulo: str
    revision: int
    estado: str
    editable: bool
    inicio: date
    fin: date | None  # latest planned finish of its activities; None without scheduled activities
    duracion: int  # working days from the plan start to its finish (0 without activities)
    n_actividades: int  # detail activities (milestones included; summaries are groups, not work)
    n_hitos: int
    n_criticas: int  # detail activities on the critical path
    n_atrasadas: int  # detail activities whose traffic light is «vencida»
    presupuesto: int  # ₲
    avance: float | None  # 0..1 (indicadores.cumplimiento); None while that service is not available
    cumplimiento: float | None  # 0..1 over what is due by hoy; None if nothing is due yet
    linea_base_en: datetime | None
    desvio: int | None  # working days the plan finish moved from the baseline (+ = late); None without baseline
    conflictos: list[str] = field(default_factory=list)
    estado_texto: str = ""


@dataclass(frozen=True)
class PlanEliminado:
    """El plan y todo lo que cuelga de él, para devolverlo con los mismos números."""

    columnas: dict[str, Any]
    resultados: tuple[dict[str, Any], ...] = ()
    resultado_necesidad: tuple[dict[str, Any], ...] = ()
    indicadores: tuple[dict[str, Any], ...] = ()
    mediciones: tuple[dict[str, Any], ...] = ()
    actividades: tuple[dict[str, Any], ...] = ()
    actividad_oportunidad: tuple[dict[str, Any], ...] = ()
    dependencias: tuple[dict[str, Any], ...] = ()
    recursos: tuple[dict[str, Any], ...] = ()
    riesgos: tuple[dict[str, Any], ...] = ()
    riesgo_actividad: tuple[dict[str, Any], ...] = ()
    acuerdos: tuple[tuple[int, int], ...] = ()  # (acuerdo, actividad): mesa agreements turned into its activities


# -- lectura de las actividades (las escribe nucleo/servicios/actividades.py) ----------------------------------------
@dataclass(frozen=True, slots=True)
class NodoActividad:
    """Una actividad tal como la leen el resumen, la cadena, el presupuesto y las metas (orden EDT)."""

    id: int
    padre_id: int | None
    codigo: str  # «1.2.3»
    nivel: int  # 0 = top level
    es_resumen: bool  # it has children: groups work, is not scheduled itself
    nombre: str
    resultado_id: int | None  # its own, else the nearest ancestor's (a group's result covers its tasks)
    responsable_id: int | None
    lado: str
    duracion: int
    hito: bool
    inicio: date | None
    fin: date | None
    avance: int
    fin_real: date | None
    condiciones: str
    critica: bool
    base_fin: date | None

    @property
    def cumplida(self) -> bool:
        return self.avance == 100 or self.fin_real is not None


def nodos_del_plan(s: Session, plan_id: int) -> list[NodoActividad]:
    """Las actividades del plan en orden EDT (una consulta), con su código y el resultado que les corresponde."""
    a = Actividad
    filas = s.execute(select(a.id, a.padre_id, a.orden, a.nombre, a.resultado_id, a.responsable_id, a.lado,
                             a.duracion, a.hito, a.inicio, a.fin, a.avance, a.fin_real, a.condiciones, a.critica,
                             a.base_fin).where(a.plan_id == plan_id)).all()
    ids = {f.id for f in filas}
    hijos: dict[int | None, list[Any]] = defaultdict(list)
    for f in filas:
        # A parent outside the plan cannot be stored by the service; if it were, show the task at the top level.
        hijos[f.padre_id if f.padre_id in ids else None].append(f)
    for lista in hijos.values():
        lista.sort(key=lambda f: (f.orden, f.id))
    salida: list[NodoActividad] = []
    pila: list[tuple[Any, str, int, int | None]] = [
        (f, str(n), 0, f.resultado_id) for n, f in reversed(list(enumerate(hijos[None], start=1)))]
    vistos: set[int] = set()
    while pila:
        f, codigo, nivel, resultado = pila.pop()
        if f.id in vistos:  # a loop of parents would never end: each row once
            continue
        vistos.add(f.id)
        propios = hijos.get(f.id, [])
        salida.append(NodoActividad(
            f.id, f.padre_id, codigo, nivel, bool(propios), f.nombre, resultado, f.responsable_id, f.lado,
            f.duracion, bool(f.hito), f.inicio, f.fin, f.avance or 0, f.fin_real, f.condiciones or "",
            bool(f.critica), f.base_fin))
        for n, h in reversed(list(enumerate(propios, start=1))):
            pila.append((h, f"{codigo}.{n}", nivel + 1, h.resultado_id or resultado))
    return salida


def _modulo(nombre: str) -> ModuleType | None:
    """Another helper's service module, or None while it does not exist yet (imported lazily: they import us)."""
    completo = f"nucleo.servicios.{nombre}"
    try:
        return importlib.import_module(completo)
    except ModuleNotFoundError as e:
        if e.name == completo:
            return None
        raise


# -- estado -----------------------------------------------------------------------------------------------------------
def _plan(s: Session, plan_id: int) -> PlanAccion:
    return obtener(s, PlanAccion, plan_id, _("el Plan de Acción"))


def exigir_editable(s: Session, plan_id: int) -> PlanAccion:
    """El plan, si su estructura todavía se puede modificar (borrador o en revisión); si no, ErrorDeUsuario."""
    p = _plan(s, plan_id)
    if p.estado not in ESTADOS_EDITABLES:
        estado = etiqueta_estado(p.estado).lower()
        if p.estado == "cerrado":
            resto = _("Un plan cerrado queda como terminó.")
        elif p.estado == "sancionado":
            resto = _("Se registra solo el seguimiento (avance, fechas reales y mediciones). Si hay que corregir "
                      "el plan, vuélvalo a «En revisión».")
        else:
            resto = _("Se registra solo el seguimiento (avance, fechas reales y mediciones).")
        raise ErrorDeUsuario(_("El plan está {estado}: su contenido ya no se modifica. {resto}").format(
            estado=estado, resto=resto))
    return p


def exigir_seguimiento(s: Session, plan_id: int) -> PlanAccion:
    """El plan, si admite seguimiento (todo estado menos cerrado); si no, ErrorDeUsuario."""
    p = _plan(s, plan_id)
    if p.estado == "cerrado":
        raise ErrorDeUsuario(_("El plan está cerrado: ya no se registran avances, fechas reales ni mediciones. Si "
                               "hace falta corregir algo, vuelva el plan a «En ejecución»."))
    return p


def cambiar_estado(s: Session, plan_id: int, estado: str) -> str:
    """Pasa el plan a `estado` (el siguiente o uno atrás); devuelve el estado anterior (deshacer)."""
    p = _plan(s, plan_id)
    anterior = p.estado
    if estado == anterior:
        return anterior
    if estado not in ESTADOS_PLAN:
        raise ErrorDeUsuario(_("«{estado}» no es un estado del plan.").format(estado=estado), campo="estado")
    permitidos = SIGUIENTES.get(anterior, ())
    if estado not in permitidos:
        opciones = _(" o ").join(f"«{etiqueta_estado(e)}»" for e in permitidos)
        raise ErrorDeUsuario(_("Un plan «{actual}» no pasa a «{nuevo}»: desde «{actual}» solo puede pasar a "
                               "{opciones}.").format(actual=etiqueta_estado(anterior), nuevo=etiqueta_estado(estado),
                                                     opciones=opciones), campo="estado")
    if estado == "sancionado":
        hay = s.scalar(select(func.count()).select_from(Actividad).where(Actividad.plan_id == plan_id))
        if not hay:
            raise ErrorDeUsuario(_("Un plan sin actividades no se puede sancionar. Cargue sus actividades en el "
                                   "cronograma y vuelva a intentarlo."), campo="estado")
    p.estado = estado
    s.flush()
    auditar(s, p.municipio_id, "plan", p.id, "estado",
            f"{p.titulo}: {etiqueta_estado(anterior)} → {etiqueta_estado(estado)}")
    return anterior


# -- alta, lectura, edición del plan ----------------------------------------------------------------------------------
def _validar_plan(v: Validador, d: DatosPlan, territorio: str) -> DatosPlan:
    titulo = v.texto("titulo", d.titulo, _("el título del plan"), maximo=MAXIMO_TITULO)
    if not titulo:
        titulo = _("Plan de Acción — {territorio}").format(territorio=territorio)[:MAXIMO_TITULO]
    if d.inicio is None:
        v.error("inicio", _("Indique la fecha de inicio del plan: desde ella se calcula el cronograma."))
    elif not isinstance(d.inicio, date) or isinstance(d.inicio, datetime):
        v.error("inicio", _("La fecha de inicio no es una fecha válida."))
    elif not 2000 <= d.inicio.year <= 2100:
        v.error("inicio", _("La fecha de inicio ({fecha}) parece mal escrita: revise el año.").format(
            fecha=formato.fecha(d.inicio)))
    return DatosPlan(
        titulo=titulo, inicio=d.inicio,
        objetivo=v.texto("objetivo", d.objetivo, _("el objetivo"), maximo=MAXIMO_SECCION),
        organizacion=v.texto("organizacion", d.organizacion, _("la organización del trabajo"), maximo=MAXIMO_SECCION),
        provision_recursos=v.texto("provision_recursos", d.provision_recursos, _("la forma de proveer los recursos"),
                                   maximo=MAXIMO_SECCION),
        instrumentos_registro=v.texto("instrumentos_registro", d.instrumentos_registro,
                                      _("los instrumentos de registro"), maximo=MAXIMO_SECCION),
        control_comunitario=v.texto("control_comunitario", d.control_comunitario,
                                    _("los mecanismos de control comunitario"), maximo=MAXIMO_SECCION),
        notas=v.texto("notas", d.notas, _("las notas"), maximo=MAXIMO_SECCION),
    )


def planes_del_municipio(s: Session, municipio_id: int) -> list[tuple[int, str, str]]:
    """(id, «Territorio — título», estado) de cada Plan de Acción del municipio, por nombre del territorio: lo que
    ofrecen los selectores de plan (presentar, convertir un acuerdo en actividad)."""
    q = (select(PlanAccion.id, PlanAccion.titulo, PlanAccion.estado, Territorio.nombre)
         .join(Territorio, Territorio.id == PlanAccion.territorio_id)
         .where(PlanAccion.municipio_id == municipio_id).order_by(Territorio.nombre, PlanAccion.id))
    return [(f.id, f"{f.nombre} — {f.titulo}", f.estado) for f in s.execute(q)]


def resultados_para_elegir(s: Session, plan_id: int) -> list[tuple[int, str, str]]:
    """(id, código, descripción) de los resultados del plan, en su orden (el selector de un indicador)."""
    q = (select(Resultado.id, Resultado.codigo, Resultado.descripcion).where(Resultado.plan_id == plan_id)
         .order_by(Resultado.orden, Resultado.id))
    return [tuple(f) for f in s.execute(q)]


def plan_del_territorio(s: Session, municipio_id: int, territorio_id: int) -> int | None:
    return s.scalar(select(PlanAccion.id).where(PlanAccion.municipio_id == municipio_id,
                                                PlanAccion.territorio_id == territorio_id).order_by(PlanAccion.id))


def crear_plan(s: Session, municipio_id: int, territorio_id: int, datos: DatosPlan) -> int:
    v = Validador()
    t = s.get(Territorio, territorio_id) if territorio_id is not None else None
    if t is None or t.municipio_id != municipio_id:
        v.error("territorio_id", _("El territorio elegido ya no existe; elija otro de la lista."))
    elif plan_del_territorio(s, municipio_id, territorio_id) is not None:
        v.error("territorio_id", _("Este territorio ya tiene su Plan de Acción: ábralo y edítelo en lugar de crear "
                                   "otro."))
    d = _validar_plan(v, datos, t.nombre if t is not None else "")
    v.verificar()
    p = PlanAccion(municipio_id=municipio_id, territorio_id=territorio_id, estado="borrador", revision=1,
                   **{c: getattr(d, c) for c in CAMPOS_PLAN})
    s.add(p)
    s.flush()
    auditar(s, municipio_id, "plan", p.id, "crear", d.titulo)
    return p.id


def _datos_plan(p: PlanAccion) -> DatosPlan:
    return DatosPlan(**{c: getattr(p, c) for c in CAMPOS_PLAN})


def obtener_plan(s: Session, plan_id: int) -> DatosPlan:
    return _datos_plan(_plan(s, plan_id))


def actualizar_plan(s: Session, plan_id: int, datos: DatosPlan) -> DatosPlan:
    """Guarda los textos y la fecha de inicio; devuelve los datos anteriores. Un inicio nuevo reprograma."""
    p = exigir_editable(s, plan_id)
    anterior = _datos_plan(p)
    v = Validador()
    territorio = s.scalar(select(Territorio.nombre).where(Territorio.id == p.territorio_id)) or ""
    d = _validar_plan(v, datos, territorio)
    v.verificar()
    for c in CAMPOS_PLAN:
        setattr(p, c, getattr(d, c))
    s.flush()
    if d.inicio != anterior.inicio:
        actividades = _modulo("actividades")
        if actividades is not None:
            actividades.reprogramar(s, plan_id)
    cambios = [c for c in CAMPOS_PLAN if getattr(anterior, c) != getattr(d, c)]
    auditar(s, p.municipio_id, "plan", p.id, "actualizar", f"{d.titulo}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


# -- baja que se puede deshacer ---------------------------------------------------------------------------------------
def _padres_primero(filas: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Activities ordered so every parent comes before its children (the foreign key is checked on insert)."""
    por_id = {f["id"]: f for f in filas}
    salida: list[dict[str, Any]] = []
    puestos: set[int] = set()

    def poner(f: dict[str, Any]) -> None:
        cadena = []
        while f["id"] not in puestos:
            cadena.append(f)
            padre = por_id.get(f["padre_id"]) if f["padre_id"] is not None else None
            if padre is None or padre["id"] in {c["id"] for c in cadena}:
                break
            f = padre
        for c in reversed(cadena):
            if c["id"] not in puestos:
                puestos.add(c["id"])
                salida.append(c)

    for f in por_id.values():
        poner(f)
    return salida


def copiar_plan(s: Session, plan_id: int) -> PlanEliminado:
    """La copia de todo el plan que `restaurar_plan` vuelve a insertar con los mismos números (sin borrar nada).

    Para quien borra algo que se lleva el plan en cascada (el territorio) y quiere poder deshacerlo.
    """
    resultados = copiar_filas(s, Resultado, Resultado.plan_id == plan_id)
    rids = [r["id"] for r in resultados]
    indicadores = copiar_filas(s, Indicador, Indicador.resultado_id.in_(rids))
    actividades = copiar_filas(s, Actividad, Actividad.plan_id == plan_id)
    aids = [a["id"] for a in actividades]
    return PlanEliminado(
        columnas=copiar_filas(s, PlanAccion, PlanAccion.id == plan_id)[0],
        resultados=resultados,
        resultado_necesidad=copiar_filas(s, resultado_necesidad, resultado_necesidad.c.resultado_id.in_(rids)),
        indicadores=indicadores,
        mediciones=copiar_filas(s, Medicion, Medicion.indicador_id.in_([i["id"] for i in indicadores])),
        actividades=actividades,
        actividad_oportunidad=copiar_filas(s, actividad_oportunidad, actividad_oportunidad.c.actividad_id.in_(aids)),
        dependencias=copiar_filas(s, Dependencia, Dependencia.sucesora_id.in_(aids)),
        recursos=copiar_filas(s, Recurso, Recurso.actividad_id.in_(aids)),
        riesgos=copiar_filas(s, Riesgo, Riesgo.plan_id == plan_id),
        riesgo_actividad=copiar_filas(s, riesgo_actividad, riesgo_actividad.c.actividad_id.in_(aids)),
        acuerdos=tuple(tuple(f) for f in s.execute(select(Acuerdo.id, Acuerdo.actividad_id)
                                                    .where(Acuerdo.actividad_id.in_(aids)))),
    )


def eliminar_plan(s: Session, plan_id: int) -> PlanEliminado:
    """Elimina el plan con sus resultados, indicadores, actividades, vínculos y recursos; devuelve la copia.

    Solo mientras el plan se edita (borrador o en revisión): uno sancionado es un compromiso asumido."""
    p = exigir_editable(s, plan_id)
    copia = copiar_plan(s, plan_id)
    municipio_id, titulo = p.municipio_id, p.titulo
    # Children go with the plan through ON DELETE CASCADE; the ORM objects already loaded are told so by expiring.
    s.delete(p)
    s.flush()
    s.expire_all()
    auditar(s, municipio_id, "plan", plan_id, "eliminar", titulo)
    return copia


def restaurar_plan(s: Session, copia: PlanEliminado) -> int:
    columnas = dict(copia.columnas)
    t = s.get(Territorio, columnas["territorio_id"])
    if t is None:
        raise ErrorDeUsuario(_("No se puede devolver el Plan de Acción: su territorio ya no existe."))
    if plan_del_territorio(s, columnas["municipio_id"], columnas["territorio_id"]) is not None:
        raise ErrorDeUsuario(_("No se puede devolver el Plan de Acción: «{territorio}» ya tiene otro plan.").format(
            territorio=t.nombre))
    reponer_filas(s, PlanAccion, [columnas])
    reponer_filas(s, Resultado, copia.resultados)
    # Needs, opportunities or actors deleted meanwhile: their links do not come back.
    necesidades = _existentes(s, Necesidad, {f["necesidad_id"] for f in copia.resultado_necesidad})
    reponer_filas(s, resultado_necesidad, [f for f in copia.resultado_necesidad if f["necesidad_id"] in necesidades])
    reponer_filas(s, Indicador, copia.indicadores)
    reponer_filas(s, Medicion, copia.mediciones)
    actores = _existentes(s, Actor, {f["responsable_id"] for f in copia.actividades if f["responsable_id"]})
    reponer_filas(s, Actividad, [{**f, "responsable_id": f["responsable_id"] if f["responsable_id"] in actores
                                  else None} for f in _padres_primero(copia.actividades)])
    oportunidades = _existentes(s, Oportunidad, {f["oportunidad_id"] for f in copia.actividad_oportunidad})
    reponer_filas(s, actividad_oportunidad,
                   [f for f in copia.actividad_oportunidad if f["oportunidad_id"] in oportunidades])
    reponer_filas(s, Dependencia, copia.dependencias)
    reponer_filas(s, Recurso, copia.recursos)
    actores = _existentes(s, Actor, {f["responsable_id"] for f in copia.riesgos if f["responsable_id"]})
    reponer_filas(s, Riesgo, [{**f, "responsable_id": f["responsable_id"] if f["responsable_id"] in actores
                               else None} for f in copia.riesgos])
    reponer_filas(s, riesgo_actividad, copia.riesgo_actividad)
    for acuerdo_id, actividad_id in copia.acuerdos:  # an agreement deleted meanwhile updates nothing
        s.execute(update(Acuerdo).where(Acuerdo.id == acuerdo_id).values(actividad_id=actividad_id),
                  execution_options={"synchronize_session": "fetch"})
    s.flush()
    auditar(s, columnas["municipio_id"], "plan", columnas["id"], "restaurar", columnas["titulo"])
    return columnas["id"]


def _existentes(s: Session, modelo: Any, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    return set(s.scalars(select(modelo.id).where(modelo.id.in_(ids))))


# -- resumen ----------------------------------------------------------------------------------------------------------
def resumen_plan(s: Session, plan_id: int, hoy: date) -> ResumenPlan:
    """Las cifras de cabecera del plan: estado, fechas, duración, actividades, presupuesto, avance y desvío."""
    p = _plan(s, plan_id)
    territorio = s.scalar(select(Territorio.nombre).where(Territorio.id == p.territorio_id)) or ""
    cal = calendario_de(s, p.municipio_id)
    detalle = [n for n in nodos_del_plan(s, plan_id) if not n.es_resumen]
    fines = [n.fin for n in detalle if n.fin is not None]
    fin = max(fines) if fines else None
    duracion = cal.distancia(p.inicio, fin) + 1 if fin is not None and fin >= p.inicio else 0
    desvio = None
    if p.linea_base_en is not None:
        bases = [n.base_fin for n in detalle if n.base_fin is not None]
        if bases and fin is not None:
            desvio = cal.distancia(max(bases), fin)
    atrasadas = sum(1 for n in detalle if semaforo(n.fin, n.cumplida, hoy, cal) == VENCIDA)

    from nucleo.servicios.presupuesto import costos_de_recursos  # it imports this module

    ids_detalle = {n.id for n in detalle}
    total = sum(costo for aid, _t, _f, costo in costos_de_recursos(s, plan_id) if aid in ids_detalle)
    avance = cumplimiento = None
    indicadores = _modulo("indicadores")
    if indicadores is not None and hasattr(indicadores, "cumplimiento"):
        c = indicadores.cumplimiento(s, plan_id, hoy)
        avance, cumplimiento = c.avance, c.plan
    conflictos: list[str] = []
    actividades = _modulo("actividades")
    if actividades is not None and hasattr(actividades, "conflictos_del_plan") and detalle:
        conflictos = list(actividades.conflictos_del_plan(s, plan_id))
    return ResumenPlan(
        id=p.id, territorio_id=p.territorio_id, territorio=territorio, titulo=p.titulo, revision=p.revision,
        estado=p.estado, editable=p.estado in ESTADOS_EDITABLES, inicio=p.inicio, fin=fin, duracion=duracion,
        n_actividades=len(detalle), n_hitos=sum(1 for n in detalle if n.hito),
        n_criticas=sum(1 for n in detalle if n.critica), n_atrasadas=atrasadas, presupuesto=total,
        avance=avance, cumplimiento=cumplimiento, linea_base_en=p.linea_base_en, desvio=desvio,
        conflictos=conflictos, estado_texto=etiqueta_estado(p.estado),
    )


# -- resultados -------------------------------------------------------------------------------------------------------
@dataclass
class DatosResultado:
    descripcion: str = ""
    codigo: str = ""  # «R1»; empty = numbered by the service
    pilar: str = ""  # oportunidad.PILARES key (strategic axis) or ""
    necesidades: tuple[int, ...] = ()


@dataclass(frozen=True)
class FilaResultado:
    id: int
    codigo: str
    descripcion: str
    pilar: str
    necesidades: list[tuple[int, str, int | None]]  # (id, descripcion, prioridad) in community priority order
    n_actividades: int  # detail activities under it (own result or their group's)
    n_indicadores: int
    oportunidades: list[tuple[int, str]]  # opportunities its activities use, by name
    pilar_texto: str = ""  # «» when not said
    orden: int = 0


@dataclass(frozen=True)
class ResultadoEliminado:
    columnas: dict[str, Any]
    necesidades: tuple[dict[str, Any], ...] = ()
    actividades: tuple[int, ...] = ()  # activities that named it (set to NULL)
    indicadores: tuple[dict[str, Any], ...] = ()
    mediciones: tuple[dict[str, Any], ...] = ()
    ordenes: dict[int, int] = field(default_factory=dict)  # the plan's results' orden before the gap closed


def _orden_prioridad(prioridad: int | None, ident: int) -> tuple[int, int, int]:
    # Community priority: ranked first (ties together), unprioritised last, each group by when it was recorded.
    return (1, 0, ident) if prioridad is None else (0, prioridad, ident)


def _del_plan(s: Session, plan_id: int) -> list[Resultado]:
    return list(s.scalars(select(Resultado).where(Resultado.plan_id == plan_id)
                          .order_by(Resultado.orden, Resultado.id)))


def _numerar(resultados: Iterable[Resultado]) -> None:
    for n, r in enumerate(resultados, start=1):
        if r.orden != n:
            r.orden = n


def _codigo_libre(usados: set[str], desde: int) -> str:
    n = max(desde, 1)
    while f"R{n}".casefold() in usados:
        n += 1
    return f"R{n}"


def _validar_resultado(s: Session, p: PlanAccion, d: DatosResultado, resultado_id: int | None,
                       posicion: int) -> DatosResultado:
    v = Validador()
    descripcion = v.texto("descripcion", d.descripcion, _("la descripción del resultado"), obligatorio=True,
                          maximo=MAXIMO_DESCRIPCION_RESULTADO)
    codigo = v.texto("codigo", " ".join((d.codigo or "").split()), _("el código"), maximo=MAXIMO_CODIGO)
    pilar = v.opcion("pilar", d.pilar or "", {"": "—", **PILARES}, _("el eje estratégico"))
    usados = {c.casefold() for i, c in s.execute(select(Resultado.id, Resultado.codigo)
                                                  .where(Resultado.plan_id == p.id)) if i != resultado_id}
    if not codigo:
        codigo = _codigo_libre(usados, posicion)
    elif codigo.casefold() in usados:
        v.error("codigo", _("El plan ya tiene un resultado {codigo}: elija otro código, o déjelo vacío para que se "
                            "numere solo.").format(codigo=codigo))
    necesidades = tuple(dict.fromkeys(d.necesidades or ()))
    if necesidades:
        del_territorio = set(s.scalars(select(Necesidad.id).where(Necesidad.id.in_(necesidades),
                                                                  Necesidad.territorio_id == p.territorio_id)))
        if set(necesidades) - del_territorio:
            territorio = s.scalar(select(Territorio.nombre).where(Territorio.id == p.territorio_id)) or ""
            v.error("necesidades", _("Alguna de las necesidades elegidas no es de «{territorio}» o ya no existe: un "
                                     "resultado responde a necesidades de su propio territorio. Actualice la lista y "
                                     "vuelva a elegir.").format(territorio=territorio))
    v.verificar()
    return DatosResultado(descripcion=descripcion, codigo=codigo, pilar=pilar, necesidades=necesidades)


def _poner_necesidades(s: Session, resultado_id: int, necesidades: tuple[int, ...]) -> None:
    s.execute(delete(resultado_necesidad).where(resultado_necesidad.c.resultado_id == resultado_id))
    if necesidades:
        s.execute(insert(resultado_necesidad), [{"resultado_id": resultado_id, "necesidad_id": n}
                                                for n in necesidades])


def _necesidades_de(s: Session, resultado_id: int) -> tuple[int, ...]:
    filas = s.execute(select(Necesidad.id, Necesidad.prioridad)
                      .join(resultado_necesidad, resultado_necesidad.c.necesidad_id == Necesidad.id)
                      .where(resultado_necesidad.c.resultado_id == resultado_id)).all()
    return tuple(i for i, p in sorted(filas, key=lambda f: _orden_prioridad(f[1], f[0])))


def crear_resultado(s: Session, plan_id: int, datos: DatosResultado) -> int:
    p = exigir_editable(s, plan_id)
    existentes = _del_plan(s, plan_id)
    d = _validar_resultado(s, p, datos, None, len(existentes) + 1)
    r = Resultado(municipio_id=p.municipio_id, plan_id=plan_id, codigo=d.codigo, descripcion=d.descripcion,
                  pilar=d.pilar, orden=len(existentes) + 1)
    s.add(r)
    s.flush()
    _poner_necesidades(s, r.id, d.necesidades)
    auditar(s, p.municipio_id, "resultado", r.id, "crear", f"{d.codigo} {d.descripcion}")
    return r.id


def _resultado(s: Session, resultado_id: int) -> Resultado:
    return obtener(s, Resultado, resultado_id, _("el resultado"))


def obtener_resultado(s: Session, resultado_id: int) -> DatosResultado:
    r = _resultado(s, resultado_id)
    return DatosResultado(descripcion=r.descripcion, codigo=r.codigo, pilar=r.pilar,
                          necesidades=_necesidades_de(s, r.id))


def actualizar_resultado(s: Session, resultado_id: int, datos: DatosResultado) -> DatosResultado:
    """Guarda los cambios y devuelve los datos anteriores (la orden de deshacer los vuelve a aplicar)."""
    r = _resultado(s, resultado_id)
    p = exigir_editable(s, r.plan_id)
    anterior = obtener_resultado(s, resultado_id)
    d = _validar_resultado(s, p, datos, r.id, r.orden)
    r.codigo, r.descripcion, r.pilar = d.codigo, d.descripcion, d.pilar
    if set(d.necesidades) != set(anterior.necesidades):
        _poner_necesidades(s, r.id, d.necesidades)
    s.flush()
    cambios = [c.name for c in fields(DatosResultado) if getattr(anterior, c.name) != getattr(d, c.name)]
    auditar(s, p.municipio_id, "resultado", r.id, "actualizar",
            f"{d.codigo} {d.descripcion}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


def eliminar_resultado(s: Session, resultado_id: int) -> ResultadoEliminado:
    """Elimina el resultado con sus indicadores; sus actividades quedan, sin resultado. Los demás se renumeran."""
    r = _resultado(s, resultado_id)
    p = exigir_editable(s, r.plan_id)
    indicadores = copiar_filas(s, Indicador, Indicador.resultado_id == resultado_id)
    copia = ResultadoEliminado(
        columnas=copiar_filas(s, Resultado, Resultado.id == resultado_id)[0],
        necesidades=copiar_filas(s, resultado_necesidad, resultado_necesidad.c.resultado_id == resultado_id),
        actividades=tuple(s.scalars(select(Actividad.id).where(Actividad.resultado_id == resultado_id)
                                    .order_by(Actividad.id))),
        indicadores=indicadores,
        mediciones=copiar_filas(s, Medicion, Medicion.indicador_id.in_([i["id"] for i in indicadores])),
        ordenes={x.id: x.orden for x in _del_plan(s, p.id)},
    )
    s.execute(update(Actividad).where(Actividad.resultado_id == resultado_id).values(resultado_id=None),
              execution_options={"synchronize_session": "fetch"})
    codigo, descripcion = r.codigo, r.descripcion
    s.delete(r)
    s.flush()
    _numerar(_del_plan(s, p.id))
    s.flush()
    auditar(s, p.municipio_id, "resultado", resultado_id, "eliminar", f"{codigo} {descripcion}")
    return copia


def restaurar_resultado(s: Session, copia: ResultadoEliminado) -> int:
    columnas = dict(copia.columnas)
    if s.get(PlanAccion, columnas["plan_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver el resultado: su Plan de Acción ya no existe."))
    p = exigir_editable(s, columnas["plan_id"])
    usados = {c.casefold() for c in s.scalars(select(Resultado.codigo).where(Resultado.plan_id == p.id))}
    if columnas["codigo"].casefold() in usados:
        # Another result took the code meanwhile: come back with a free one rather than not at all.
        columnas["codigo"] = _codigo_libre(usados, columnas["orden"])
    reponer_filas(s, Resultado, [columnas])
    necesidades = _existentes(s, Necesidad, {f["necesidad_id"] for f in copia.necesidades})
    reponer_filas(s, resultado_necesidad, [f for f in copia.necesidades if f["necesidad_id"] in necesidades])
    reponer_filas(s, Indicador, copia.indicadores)
    reponer_filas(s, Medicion, copia.mediciones)
    if copia.actividades:
        s.execute(update(Actividad).where(Actividad.id.in_(copia.actividades), Actividad.plan_id == p.id,
                                          Actividad.resultado_id.is_(None)).values(resultado_id=columnas["id"]),
                  execution_options={"synchronize_session": "fetch"})
    s.flush()
    s.expire_all()  # the row came back through Core: objects loaded before must read it again
    resultados = _del_plan(s, p.id)
    if copia.ordenes:
        # The order as it was; results created meanwhile keep their relative place after them.
        resultados.sort(key=lambda x: (copia.ordenes.get(x.id, 10**9), x.orden, x.id))
    _numerar(resultados)
    s.flush()
    auditar(s, p.municipio_id, "resultado", columnas["id"], "restaurar",
            f"{columnas['codigo']} {columnas['descripcion']}")
    return columnas["id"]


def mover_resultado(s: Session, resultado_id: int, nuevo_orden: int) -> int:
    """Lleva el resultado a la posición `nuevo_orden` (1 = primero); devuelve la posición anterior (deshacer)."""
    r = _resultado(s, resultado_id)
    p = exigir_editable(s, r.plan_id)
    resultados = _del_plan(s, p.id)
    anterior = next(n for n, x in enumerate(resultados, start=1) if x.id == r.id)
    resultados.remove(r)
    destino = min(max(int(nuevo_orden), 1), len(resultados) + 1)
    resultados.insert(destino - 1, r)
    _numerar(resultados)
    s.flush()
    if destino != anterior:
        auditar(s, p.municipio_id, "resultado", r.id, "mover", f"{r.codigo}: {anterior} → {destino}")
    return anterior


def listar_resultados(s: Session, plan_id: int) -> list[FilaResultado]:
    """Los resultados del plan en orden, con sus necesidades, actividades, indicadores y oportunidades."""
    _plan(s, plan_id)
    resultados = _del_plan(s, plan_id)
    rids = [r.id for r in resultados]
    necesidades: dict[int, list[tuple[int, str, int | None]]] = defaultdict(list)
    for rid, nid, desc, prioridad in s.execute(
            select(resultado_necesidad.c.resultado_id, Necesidad.id, Necesidad.descripcion, Necesidad.prioridad)
            .join(Necesidad, Necesidad.id == resultado_necesidad.c.necesidad_id)
            .where(resultado_necesidad.c.resultado_id.in_(rids))):
        necesidades[rid].append((nid, desc, prioridad))
    n_indicadores = dict(s.execute(select(Indicador.resultado_id, func.count()).where(Indicador.resultado_id.in_(rids))
                                   .group_by(Indicador.resultado_id)).all())
    nodos = nodos_del_plan(s, plan_id)
    actividades: dict[int, int] = defaultdict(int)
    resultado_de = {n.id: n.resultado_id for n in nodos}
    for n in nodos:
        if not n.es_resumen and n.resultado_id is not None:
            actividades[n.resultado_id] += 1
    oportunidades: dict[int, dict[int, str]] = defaultdict(dict)
    for aid, oid, nombre in _usos_de_oportunidades(s, plan_id):
        rid = resultado_de.get(aid)
        if rid is not None:
            oportunidades[rid][oid] = nombre
    pilares = {k: traducir(v) for k, v in PILARES.items()}
    return [FilaResultado(
        id=r.id, codigo=r.codigo, descripcion=r.descripcion, pilar=r.pilar,
        necesidades=sorted(necesidades[r.id], key=lambda f: _orden_prioridad(f[2], f[0])),
        n_actividades=actividades[r.id], n_indicadores=n_indicadores.get(r.id, 0),
        oportunidades=sorted(oportunidades[r.id].items(), key=lambda f: (f[1].casefold(), f[0])),
        pilar_texto=pilares.get(r.pilar, ""), orden=r.orden,
    ) for r in resultados]


def _usos_de_oportunidades(s: Session, plan_id: int) -> list[tuple[int, int, str]]:
    """(actividad_id, oportunidad_id, nombre) of every opportunity an activity of the plan uses."""
    return [tuple(f) for f in s.execute(
        select(actividad_oportunidad.c.actividad_id, Oportunidad.id, Oportunidad.nombre)
        .join(Oportunidad, Oportunidad.id == actividad_oportunidad.c.oportunidad_id)
        .join(Actividad, Actividad.id == actividad_oportunidad.c.actividad_id)
        .where(Actividad.plan_id == plan_id))]


# -- la cadena necesidad → resultado → actividad → oportunidad ---------------------------------------------------------
@dataclass(frozen=True)
class EslabonNecesidad:
    necesidad_id: int
    descripcion: str
    prioridad: int | None
    resultados: list[tuple[int, str, str]]  # (id, codigo, descripcion)
    actividades: list[tuple[int, str, str]]  # (id, codigo «1.2», nombre) in WBS order
    oportunidades: list[tuple[int, str]]  # (id, nombre)


@dataclass(frozen=True)
class EslabonOportunidad:
    oportunidad_id: int
    nombre: str
    actividades: list[tuple[int, str, str]]  # (id, codigo, nombre)
    resultados: list[tuple[int, str, str]]  # (id, codigo, descripcion)
    necesidades: list[tuple[int, str, int | None]]  # (id, descripcion, prioridad)


@dataclass(frozen=True)
class Cadena:
    por_necesidad: list[EslabonNecesidad]  # linked or prioritised needs, in community priority order
    sin_resultado: list[tuple[int, str, int | None]]  # prioritised needs no result answers: (id, descr., prioridad)
    resultados_sin_necesidad: list[tuple[int, str, str]]  # (id, codigo, descripcion)
    oportunidades: list[EslabonOportunidad]  # every opportunity the plan's activities use, by name


def cadena(s: Session, plan_id: int) -> Cadena:
    """La cadena en los dos sentidos: de cada necesidad a las oportunidades que la atienden, y de cada oportunidad
    usada a las necesidades que responde. Una actividad sin resultado propio toma el de su grupo."""
    p = _plan(s, plan_id)
    resultados = _del_plan(s, plan_id)
    res = {r.id: (r.id, r.codigo, r.descripcion) for r in resultados}
    orden_res = {r.id: n for n, r in enumerate(resultados)}
    necesidades = {i: (i, d, pr) for i, d, pr in s.execute(
        select(Necesidad.id, Necesidad.descripcion, Necesidad.prioridad)
        .where(Necesidad.territorio_id == p.territorio_id))}
    nec_de_res: dict[int, list[int]] = defaultdict(list)
    res_de_nec: dict[int, list[int]] = defaultdict(list)
    for rid, nid in s.execute(select(resultado_necesidad.c.resultado_id, resultado_necesidad.c.necesidad_id)
                              .where(resultado_necesidad.c.resultado_id.in_(list(res)))):
        if nid in necesidades:
            nec_de_res[rid].append(nid)
            res_de_nec[nid].append(rid)
    nodos = nodos_del_plan(s, plan_id)
    act = {n.id: (n.id, n.codigo, n.nombre) for n in nodos}
    posicion = {n.id: k for k, n in enumerate(nodos)}
    act_de_res: dict[int, list[int]] = defaultdict(list)
    for n in nodos:
        if n.resultado_id in res:
            act_de_res[n.resultado_id].append(n.id)
    resultado_de = {n.id: n.resultado_id for n in nodos if n.resultado_id in res}
    op_de_act: dict[int, list[int]] = defaultdict(list)
    nombres_op: dict[int, str] = {}
    for aid, oid, nombre in _usos_de_oportunidades(s, plan_id):
        op_de_act[aid].append(oid)
        nombres_op[oid] = nombre

    def por_nombre(oids: Iterable[int]) -> list[tuple[int, str]]:
        return sorted({(o, nombres_op[o]) for o in oids}, key=lambda f: (f[1].casefold(), f[0]))

    def por_prioridad(nids: Iterable[int]) -> list[tuple[int, str, int | None]]:
        return sorted({necesidades[n] for n in nids}, key=lambda f: _orden_prioridad(f[2], f[0]))

    eslabones = []
    for nid in sorted(necesidades, key=lambda i: _orden_prioridad(necesidades[i][2], i)):
        rids = sorted(set(res_de_nec.get(nid, ())), key=orden_res.__getitem__)
        if not rids and necesidades[nid][2] is None:
            continue  # neither prioritised nor answered: not part of the chain
        aids = sorted({a for r in rids for a in act_de_res[r]}, key=posicion.__getitem__)
        eslabones.append(EslabonNecesidad(
            necesidad_id=nid, descripcion=necesidades[nid][1], prioridad=necesidades[nid][2],
            resultados=[res[r] for r in rids], actividades=[act[a] for a in aids],
            oportunidades=por_nombre(o for a in aids for o in op_de_act[a])))
    oportunidades = []
    for oid, nombre in por_nombre(nombres_op):
        aids = sorted((a for a, os_ in op_de_act.items() if oid in os_ and a in act), key=posicion.__getitem__)
        rids = sorted({resultado_de[a] for a in aids if a in resultado_de}, key=orden_res.__getitem__)
        oportunidades.append(EslabonOportunidad(
            oportunidad_id=oid, nombre=nombre, actividades=[act[a] for a in aids], resultados=[res[r] for r in rids],
            necesidades=por_prioridad(n for r in rids for n in nec_de_res[r])))
    return Cadena(
        por_necesidad=eslabones,
        sin_resultado=[(e.necesidad_id, e.descripcion, e.prioridad) for e in eslabones
                       if not e.resultados and e.prioridad is not None],
        resultados_sin_necesidad=[res[r.id] for r in resultados if not nec_de_res.get(r.id)],
        oportunidades=oportunidades,
    )


def exigir_plan(sesion: Session, municipio_id: int, plan_id: int | None) -> None:
    """ErrorDeUsuario si el plan no existe en este expediente (un número mal escrito en la consola)."""
    p = sesion.get(PlanAccion, plan_id) if plan_id is not None else None
    if p is None or p.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("No se encontró el Plan de Acción n.º {ident} en este expediente.").format(
            ident=plan_id), campo="id")
