"""Listar las actividades de un plan tal como las muestran el cronograma, el Gantt y el seguimiento.

Aparte de nucleo/servicios/actividades.py (que lo reexporta: `actividades.listar_actividades`) porque es la lectura
caliente: con 10.000 actividades se mide en bench/plan_carga.py contra SQL crudo, y cada pieza de aquí está elegida
por eso (consultas Core, fechas convertidas una vez, recolector pausado).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from nucleo.calendario import POR_VENCER, VENCIDA, Calendario, semaforo
from nucleo.i18n import _
from nucleo.modelo import Actividad, Actor, Dependencia, PlanAccion, Recurso, Resultado
from nucleo.servicios.comun import obtener
from nucleo.servicios.dias_especiales import calendario_de

_T = Actividad.__table__
_D = Dependencia.__table__
_R = Recurso.__table__


@dataclass(slots=True)
class FilaActividad:
    id: int
    codigo: str  # «1.2.3»
    nivel: int  # 0 = top level
    padre_id: int | None
    es_resumen: bool
    nombre: str
    resultado_id: int | None
    resultado_codigo: str
    responsable_id: int | None
    responsable: str  # the actor's name or ""
    lado: str
    duracion: int  # a summary: working days from its start to its end
    hito: bool
    inicio_fijo: date | None
    inicio: date | None
    fin: date | None
    inicio_tardio: date | None
    fin_tardio: date | None
    holgura_total: int | None
    holgura_libre: int | None
    critica: bool
    base_inicio: date | None
    base_fin: date | None
    desvio: int | None  # working days from base_fin to fin, + = late; None without baseline
    avance: int  # a summary: duration-weighted mean of its detail activities
    inicio_real: date | None
    fin_real: date | None
    semaforo: str
    costo: int  # a summary: the sum of its detail activities
    predecesoras: tuple[tuple[int, str, int], ...]  # (predecesora_id, tipo, desfase)
    condiciones: str
    medio_verificacion: str


def _plan_de(s: Session, plan_id: int) -> PlanAccion:
    return obtener(s, PlanAccion, plan_id, _("el plan de acción"))


class _Fechas(dict):
    """Texto ISO de SQLite -> date, cada fecha distinta convertida una sola vez (un plan repite pocas)."""

    def __missing__(self, clave: str) -> date:
        valor = self[clave] = date.fromisoformat(clave)
        return valor


@contextmanager
def _sin_recolector() -> Iterator[None]:
    """Pausa el recolector de ciclos mientras se arman miles de filas: ninguna forma ciclos, y cada pasada de la
    generación más vieja recorre todos los objetos del programa (un tercio del tiempo de listar 10.000)."""
    activo = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if activo:
            gc.enable()


_COLUMNAS_FECHA = ("inicio_fijo", "inicio", "fin", "inicio_tardio", "fin_tardio", "base_inicio", "base_fin",
                   "inicio_real", "fin_real")


def _consulta_listado(plan_id: int) -> Any:
    resultado, actor = Resultado.__table__, Actor.__table__

    def col(nombre: str) -> Any:
        # Dates come as SQLite stores them (ISO text) and are converted once per distinct value (_Fechas).
        c = _T.c[nombre]
        return type_coerce(c, String).label(nombre) if nombre in _COLUMNAS_FECHA else c

    return (select(_T.c.id, _T.c.padre_id, _T.c.orden, _T.c.nombre, _T.c.resultado_id, resultado.c.codigo,
                   _T.c.responsable_id, actor.c.nombre.label("responsable"), _T.c.lado, _T.c.duracion, _T.c.hito,
                   *(col(c) for c in ("inicio_fijo", "inicio", "fin", "inicio_tardio", "fin_tardio")),
                   _T.c.holgura_total, _T.c.holgura_libre, _T.c.critica, col("base_inicio"), col("base_fin"),
                   _T.c.avance, col("inicio_real"), col("fin_real"), _T.c.condiciones, _T.c.medio_verificacion)
            .select_from(_T).outerjoin(resultado, resultado.c.id == _T.c.resultado_id)
            .outerjoin(actor, actor.c.id == _T.c.responsable_id).where(_T.c.plan_id == plan_id))


def listar_actividades(s: Session, plan_id: int, hoy: date) -> list[FilaActividad]:
    """Las actividades del plan en el orden de la EDT, con lo calculado. Tres consultas, una pasada."""
    plan = _plan_de(s, plan_id)
    cal = calendario_de(s, plan.municipio_id)
    # Core on the session's connection: plain rows, without the ORM's loading machinery.
    con = s.connection()
    with _sin_recolector():
        filas = {f[0]: f for f in con.execute(_consulta_listado(plan_id)).all()}
        predecesoras: dict[int, list[tuple[int, str, int]]] = {}
        for p, q, t, k in con.execute(select(_D.c.predecesora_id, _D.c.sucesora_id, _D.c.tipo, _D.c.desfase)
                                      .join(_T, _T.c.id == _D.c.sucesora_id)
                                      .where(_T.c.plan_id == plan_id)).all():
            lista = predecesoras.get(q)
            if lista is None:
                predecesoras[q] = [(p, t, k)]
            else:
                lista.append((p, t, k))
        costos: dict[int, int] = dict(con.execute(
            select(_R.c.actividad_id, func.sum(func.round(_R.c.cantidad * _R.c.costo_unitario)))
            .join(_T, _T.c.id == _R.c.actividad_id).where(_T.c.plan_id == plan_id)
            .group_by(_R.c.actividad_id)).all())
        return _armar_filas(filas, predecesoras, costos, cal, hoy)


def _armar_filas(filas: dict[int, Any], predecesoras: dict[int, list[tuple[int, str, int]]], costos: dict[int, Any],
                 cal: Calendario, hoy: date) -> list[FilaActividad]:
    hijos: dict[int | None, list[int]] = {}
    for i, f in filas.items():
        lista = hijos.get(f[1])
        if lista is None:
            hijos[f[1]] = [i]
        else:
            lista.append(i)
    for lista in hijos.values():
        if len(lista) > 1:
            lista.sort(key=lambda i: (filas[i][2], i))
    fechas = _Fechas({None: None})
    cache_semaforo: dict[str | None, str] = {}
    cache_desvio: dict[tuple[str, str], int] = {}
    vacio: tuple = ()
    salida: list[FilaActividad] = []
    agregar = salida.append
    # Depth-first over the children lists, with the code built on the way down.
    pila: list[tuple[int, str, int]] = [(h, str(n), 0) for n, h in reversed(list(enumerate(hijos.get(None, ()), 1)))]
    while pila:
        i, codigo, nivel = pila.pop()
        (_i, padre, _o, nombre, rid, rcod, resp_id, resp, lado, duracion, hito, fijo, inicio, fin, ini_t, fin_t,
         ht, hl, critica, b_ini, b_fin, avance, ini_real, fin_real, cond, medio) = filas[i]
        hijas = hijos.get(i)
        if hijas is not None:
            pila.extend((h, f"{codigo}.{n}", nivel + 1) for n, h in reversed(list(enumerate(hijas, 1))))
        if b_fin is not None and fin is not None:
            desvio = cache_desvio.get((b_fin, fin))
            if desvio is None:
                desvio = cache_desvio[(b_fin, fin)] = cal.distancia(fechas[b_fin], fechas[fin])
        else:
            desvio = None
        if fin_real is not None or avance == 100:
            estado = "cumplida"
        else:
            estado = cache_semaforo.get(fin)
            if estado is None:
                estado = cache_semaforo[fin] = semaforo(fechas[fin], False, hoy, cal)
        preds = predecesoras.get(i)
        if preds is not None and len(preds) > 1:
            preds.sort()
        agregar(FilaActividad(
            i, codigo, nivel, padre, hijas is not None, nombre, rid, rcod or "", resp_id, resp or "", lado,
            0 if hito else duracion, hito, fechas[fijo], fechas[inicio], fechas[fin], fechas[ini_t],
            fechas[fin_t], ht, hl, critica, fechas[b_ini], fechas[b_fin], desvio, avance or 0,
            fechas[ini_real], fechas[fin_real], estado, int(costos.get(i) or 0),
            tuple(preds) if preds is not None else vacio, cond, medio))
    if len(hijos) > 1:
        _resumir(salida, hijos, cal, hoy)
    return salida


def _resumir(filas: list[FilaActividad], hijos: dict[int | None, list[int]], cal: Calendario, hoy: date) -> None:
    """Avance, costo, fechas reales, duración y semáforo de las actividades resumen, de abajo hacia arriba."""
    por_id = {f.id: f for f in filas if f.es_resumen}
    pesos: dict[int, int] = {}  # a summary's weight: the sum of its detail activities' weights
    cumplidas: dict[int, bool] = {}
    todas = {f.id: f for f in filas} if por_id else {}
    for f in reversed(filas):
        if not f.es_resumen:
            continue
        peso = ponderado = costo = 0
        cumplida, ini_real, fin_real, todas_fin = True, None, None, True
        for h in hijos[f.id]:
            c = todas[h]
            if c.es_resumen:
                p, hecha = pesos[h], cumplidas[h]
            else:
                p, hecha = (c.duracion if c.duracion > 1 else 1), c.semaforo == "cumplida"
            peso += p
            ponderado += c.avance * p
            costo += c.costo
            cumplida = cumplida and hecha
            if c.inicio_real is not None and (ini_real is None or c.inicio_real < ini_real):
                ini_real = c.inicio_real
            if c.fin_real is None:
                todas_fin = False
            elif fin_real is None or c.fin_real > fin_real:
                fin_real = c.fin_real
        pesos[f.id], cumplidas[f.id] = peso, cumplida
        f.avance = round(ponderado / peso) if peso else 0
        if f.avance == 100 and not cumplida:
            f.avance = 99  # rounding must not show a group as finished while something in it is not
        f.costo = costo
        f.inicio_real, f.fin_real = ini_real, fin_real if todas_fin else None
        f.duracion = cal.distancia(f.inicio, f.fin) + 1 if f.inicio and f.fin else 0
        f.semaforo = semaforo(f.fin, cumplida, hoy, cal)


def atrasadas(s: Session, plan_id: int, hoy: date) -> list[FilaActividad]:
    """Las actividades de detalle vencidas o por vencer: las vencidas primero, cada grupo por fecha de fin."""
    filas = [f for f in listar_actividades(s, plan_id, hoy)
             if not f.es_resumen and f.semaforo in (VENCIDA, POR_VENCER)]
    # listar_actividades gives WBS order and sort() is stable: ties on (state, fin) stay in WBS order.
    filas.sort(key=lambda f: (f.semaforo != VENCIDA, f.fin or date.max))
    return filas
