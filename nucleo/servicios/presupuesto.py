"""Presupuesto del Plan de Acción: se deriva de los recursos de las actividades, nunca se escribe dos veces.

Costo de un recurso = cantidad × costo unitario redondeado (la mitad hacia arriba), en guaraníes enteros. Cuenta lo que está en actividades de
detalle: una actividad resumen (con hijas) agrupa, no se programa, y sus recursos propios no se suman (el servicio
de actividades no deja cargarlos en un resumen; si quedaron de antes de sangrar, tampoco cuentan en su costo).

Trimestres: los del calendario («T1 2027»). El costo de un recurso se reparte entre los trimestres que toca su
actividad, en proporción a sus días hábiles planificados en cada uno; lo que sobra del redondeo va al último, así
los trimestres suman exactamente el total. Un hito cae entero en el trimestre de su fecha; una actividad sin fechas
planificadas, en «Sin fecha» (la última columna). Solo lectura: no hay nada que deshacer.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.calendario import Calendario
from nucleo.i18n import _, traducir
from nucleo.modelo import Actividad, Actor, PlanAccion, Recurso
from nucleo.modelo.plan import FUENTES_FONDOS, LADOS, TIPOS_RECURSO
from nucleo.servicios.comun import obtener
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.plan import NodoActividad, _del_plan, nodos_del_plan

Trimestre = tuple[int, int]  # (año, 1..4)


@dataclass
class Presupuesto:
    total: int
    por_fuente: list[tuple[str, str, int]]  # (clave, etiqueta, monto) in FUENTES_FONDOS order, only those used
    por_tipo: list[tuple[str, str, int]]  # (clave, etiqueta, monto) in TIPOS_RECURSO order, only those used
    por_resultado: list[tuple[str, int]]  # («R1 — descripción», monto) every result in order; «Sin resultado» last
    por_responsable: list[tuple[str, int]]  # (actor name or side label, monto), largest first
    trimestres: list[str]  # «T1 2027»… first to last with money, empty ones between kept; «Sin fecha» last
    por_trimestre: list[int]  # same length as trimestres
    fuente_por_trimestre: dict[str, list[int]]  # fuente clave -> amounts per quarter (keys of por_fuente)
    sin_costo: int  # detail activities (milestones aside) without any resource
    # (resultado_id or None, codigo, descripcion, monto), parallel to por_resultado: for links and printouts.
    resultados: list[tuple[int | None, str, str, int]] = field(default_factory=list)


def costo_recurso(cantidad: float | None, costo_unitario: int | None) -> int:
    """round(cantidad × costo unitario) with halves up, as SQLite's round() and formato.guaranies do (Python's
    round() would take 112.501,5 down to the even 112.501 and the budget would differ from the activity's cost)."""
    return math.floor((cantidad or 0) * (costo_unitario or 0) + 0.5)


def etiqueta_trimestre(t: Trimestre) -> str:
    return _("T{n} {anio}").format(n=t[1], anio=t[0])


def trimestre_de(d: date) -> Trimestre:
    return d.year, (d.month - 1) // 3 + 1


def _siguiente(t: Trimestre) -> Trimestre:
    return (t[0] + 1, 1) if t[1] == 4 else (t[0], t[1] + 1)


def trimestres_entre(primero: Trimestre, ultimo: Trimestre) -> list[Trimestre]:
    """Todos los trimestres de `primero` a `ultimo`, con los vacíos intermedios."""
    salida = [primero]
    while salida[-1] < ultimo:
        salida.append(_siguiente(salida[-1]))
    return salida


def _limites(t: Trimestre) -> tuple[date, date]:
    inicio = date(t[0], 3 * (t[1] - 1) + 1, 1)
    fin = date(t[0] + 1, 1, 1) if t[1] == 4 else date(t[0], 3 * t[1] + 1, 1)
    return inicio, fin - timedelta(days=1)


def dias_por_trimestre(cal: Calendario, inicio: date | None, fin: date | None,
                       hito: bool = False) -> dict[Trimestre, int] | None:
    """Días hábiles planificados de la actividad en cada trimestre (en orden); None si no tiene fechas.

    Un hito, o una actividad sin días hábiles entre sus fechas, da {trimestre de su fin: 1}: lleva todo ahí.
    """
    if fin is None:
        return None
    if hito or inicio is None or inicio > fin:
        return {trimestre_de(fin): 1}
    salida: dict[Trimestre, int] = {}
    for t in trimestres_entre(trimestre_de(inicio), trimestre_de(fin)):
        desde, hasta = _limites(t)
        desde, hasta = max(desde, inicio), min(hasta, fin)
        # dias_habiles_entre counts (desde, hasta]: start the day before to count [desde, hasta].
        n = cal.dias_habiles_entre(desde - timedelta(days=1), hasta)
        if n:
            salida[t] = n
    return salida or {trimestre_de(fin): 1}


def repartir(monto: int, pesos: dict[Trimestre, int]) -> dict[Trimestre, int]:
    """`monto` repartido en proporción a los pesos, en enteros; el resto del redondeo va al último trimestre."""
    total = sum(pesos.values())
    claves = list(pesos)
    salida = {t: monto * pesos[t] // total for t in claves[:-1]}
    salida[claves[-1]] = monto - sum(salida.values())
    return salida


def costos_de_recursos(s: Session, plan_id: int) -> list[tuple[int, str, str, int]]:
    """(actividad_id, tipo, fuente, costo) of every resource of the plan's activities."""
    q = (select(Recurso.actividad_id, Recurso.tipo, Recurso.fuente, Recurso.cantidad, Recurso.costo_unitario)
         .join(Actividad, Actividad.id == Recurso.actividad_id).where(Actividad.plan_id == plan_id)
         .order_by(Recurso.actividad_id, Recurso.orden, Recurso.id))
    return [(a, t, f, costo_recurso(c, u)) for a, t, f, c, u in s.execute(q)]


def recursos_del_plan(s: Session, plan_id: int) -> list[Any]:
    """Los recursos del plan con su actividad (id, tipo, descripción, cantidad, unidad, costo unitario, fuente)."""
    return list(s.execute(
        select(Recurso.actividad_id, Recurso.tipo, Recurso.descripcion, Recurso.cantidad, Recurso.unidad,
               Recurso.costo_unitario, Recurso.fuente)
        .join(Actividad, Actividad.id == Recurso.actividad_id)
        .where(Actividad.plan_id == plan_id).order_by(Recurso.actividad_id, Recurso.orden, Recurso.id)).all())


def presupuesto_por_actividad(s: Session, plan_id: int) -> dict[int, int]:
    """Costo de cada actividad de detalle del plan (0 si no tiene recursos); los resúmenes no figuran."""
    detalle = {n.id for n in nodos_del_plan(s, plan_id) if not n.es_resumen}
    salida = dict.fromkeys(detalle, 0)
    for aid, _t, _f, costo in costos_de_recursos(s, plan_id):
        if aid in salida:
            salida[aid] += costo
    return salida


def presupuesto(s: Session, plan_id: int) -> Presupuesto:
    """El presupuesto del plan por fuente, tipo de recurso, resultado, responsable y trimestre (todo en ₲)."""
    p = obtener(s, PlanAccion, plan_id, _("el Plan de Acción"))
    cal = calendario_de(s, p.municipio_id)
    nodos: dict[int, NodoActividad] = {n.id: n for n in nodos_del_plan(s, plan_id) if not n.es_resumen}
    recursos = [r for r in costos_de_recursos(s, plan_id) if r[0] in nodos]
    actores = dict(s.execute(select(Actor.id, Actor.nombre).where(
        Actor.id.in_({n.responsable_id for n in nodos.values() if n.responsable_id}))).all())

    por_fuente: dict[str, int] = defaultdict(int)
    por_tipo: dict[str, int] = defaultdict(int)
    por_resultado: dict[int | None, int] = defaultdict(int)
    por_responsable: dict[str, int] = defaultdict(int)
    fechadas: dict[str, dict[Trimestre, int]] = defaultdict(lambda: defaultdict(int))  # fuente -> quarter -> ₲
    sin_fecha: dict[str, int] = defaultdict(int)
    dias_cache: dict[int, dict[Trimestre, int] | None] = {}
    lados = {k: traducir(v) for k, v in LADOS.items()}
    for aid, tipo, fuente, costo in recursos:
        n = nodos[aid]
        por_fuente[fuente] += costo
        por_tipo[tipo] += costo
        por_resultado[n.resultado_id] += costo
        responsable = actores.get(n.responsable_id) if n.responsable_id else None
        por_responsable[responsable or lados.get(n.lado, n.lado)] += costo
        if aid not in dias_cache:
            dias_cache[aid] = dias_por_trimestre(cal, n.inicio, n.fin, n.hito or n.duracion == 0)
        dias = dias_cache[aid]
        if dias is None:
            sin_fecha[fuente] += costo
        else:
            for t, monto in repartir(costo, dias).items():
                fechadas[fuente][t] += monto

    usados = sorted({t for q in fechadas.values() for t in q})
    trimestres: list[Trimestre] = trimestres_entre(usados[0], usados[-1]) if usados else []
    hay_sin_fecha = any(sin_fecha.values())
    etiquetas = [etiqueta_trimestre(t) for t in trimestres] + ([_("Sin fecha")] if hay_sin_fecha else [])
    fuentes = [f for f in FUENTES_FONDOS if por_fuente.get(f)] + sorted(f for f in por_fuente
                                                                          if f not in FUENTES_FONDOS and por_fuente[f])
    fuente_por_trimestre = {
        f: [fechadas[f].get(t, 0) for t in trimestres] + ([sin_fecha.get(f, 0)] if hay_sin_fecha else [])
        for f in fuentes}
    por_trimestre = [sum(v[i] for v in fuente_por_trimestre.values()) for i in range(len(etiquetas))]

    resultados: list[tuple[int | None, str, str, int]] = [
        (r.id, r.codigo, r.descripcion, por_resultado.get(r.id, 0)) for r in _del_plan(s, plan_id)]
    conocidos = {r[0] for r in resultados}
    huerfano = sum(m for rid, m in por_resultado.items() if rid not in conocidos)
    if huerfano:
        resultados.append((None, "", _("Sin resultado"), huerfano))

    def etiqueta_resultado(codigo: str, descripcion: str) -> str:
        return f"{codigo} — {formato.abreviar(descripcion, 120)}" if codigo else descripcion

    def con_etiqueta(montos: dict[str, int], etiquetas_: dict[str, str], orden: list[str]) -> list[tuple[str, str, int]]:
        return [(k, traducir(etiquetas_[k]) if k in etiquetas_ else k, montos[k]) for k in orden]

    con_recursos = {r[0] for r in recursos}
    tipos = [t for t in TIPOS_RECURSO if por_tipo.get(t)] + sorted(t for t in por_tipo
                                                                   if t not in TIPOS_RECURSO and por_tipo[t])
    return Presupuesto(
        total=sum(c for *_x, c in recursos),
        por_fuente=con_etiqueta(por_fuente, FUENTES_FONDOS, fuentes),
        por_tipo=con_etiqueta(por_tipo, TIPOS_RECURSO, tipos),
        por_resultado=[(etiqueta_resultado(c, d), m) for _r, c, d, m in resultados],
        por_responsable=sorted(((k, m) for k, m in por_responsable.items() if m),
                               key=lambda f: (-f[1], f[0].casefold())),
        trimestres=etiquetas,
        por_trimestre=por_trimestre,
        fuente_por_trimestre=fuente_por_trimestre,
        sin_costo=sum(1 for aid, n in nodos.items() if not n.hito and aid not in con_recursos),
        resultados=resultados,
    )
