"""Motor del cronograma: fechas tempranas y tardías, holguras y ruta crítica en días hábiles enteros.

Trabaja solo con números: cada tarea ocupa las posiciones de día hábil [inicio, fin) contadas desde el inicio del
plan (fin exclusivo; un hito dura 0). El servicio convierte las fechas del usuario a posiciones con
`Calendario.distancia` y vuelve a fechas con `fechas()` (que usa `Calendario.desplazar`).

Las cuatro dependencias, con desfase (puede ser negativo), según la sucesora q y la predecesora p:

- FC (fin-comienzo):      q.inicio ≥ p.fin + desfase
- CC (comienzo-comienzo): q.inicio ≥ p.inicio + desfase
- FF (fin-fin):           q.fin ≥ p.fin + desfase
- CF (comienzo-fin):      q.fin ≥ p.inicio + desfase

Como fin = inicio + duración, las cuatro se escriben como una sola restricción entre inicios,
q.inicio ≥ p.inicio + w, con w = desfase + (p.duración si es FC o FF) − (q.duración si es FF o CF). Así el cálculo
es un camino más largo sobre un grafo acíclico con un peso por arista: ida en orden topológico (Kahn) para las
fechas tempranas y vuelta en orden inverso para las tardías. Todo sobre listas indexadas 0..n-1 (sin un objeto por
arista en los bucles) porque el plan puede tener miles de actividades y se recalcula en cada edición.

Reglas: una tarea sin predecesoras empieza en 0 y ninguna empieza antes de 0, salvo las de inicio fijo, que empiezan
exactamente en su inicio fijo (puede ser negativo); si sus predecesoras exigen un inicio posterior se conserva el
fijo y se informa un `Conflicto`. El fin del plan es el mayor fin temprano. El inicio tardío de una tarea es lo más
tarde que puede empezar sin correr el fin del plan ni a sus sucesoras (el de una tarea de inicio fijo es su inicio
fijo: no se mueve). Holgura total = inicio tardío − inicio temprano; crítica si es ≤ 0 (negativa cuando un inicio
fijo no se puede cumplir). Holgura libre = lo que puede atrasarse sin mover a ninguna sucesora ni el fin del plan.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import add, sub
from typing import TYPE_CHECKING

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_

if TYPE_CHECKING:
    from nucleo.calendario import Calendario

TIPOS = ("FC", "CC", "FF", "CF")


@dataclass(frozen=True, slots=True)
class Tarea:
    id: int
    duracion: int
    inicio_fijo: int | None = None
    nombre: str = ""  # for messages: "1.2 Taller"


@dataclass(frozen=True, slots=True)
class Vinculo:
    predecesora: int
    sucesora: int
    tipo: str = "FC"
    desfase: int = 0


@dataclass(slots=True)
class Calculo:
    inicio: int
    fin: int
    inicio_tardio: int
    fin_tardio: int
    holgura_total: int
    holgura_libre: int
    critica: bool


@dataclass(frozen=True, slots=True)
class Conflicto:
    """Un inicio fijo anterior a lo que permiten las predecesoras: se respeta el fijo y se avisa.

    Los números son posiciones de día hábil desde el inicio del plan; el servicio los pasa a fechas para el
    mensaje que ve el usuario (`mensaje` es un texto genérico en días hábiles, para cuando no hay calendario).
    """

    tarea: int
    inicio_fijo: int
    inicio_requerido: int
    mensaje: str


@dataclass(slots=True)
class Programa:
    tareas: dict[int, Calculo]
    fin: int
    ruta_critica: list[int]
    conflictos: list[Conflicto]


class CicloError(ErrorDeUsuario):
    """Las dependencias forman un ciclo; `ciclo` tiene los ids en orden (sin repetir el primero al final)."""

    def __init__(self, mensaje: str, ciclo: Sequence[int] = ()):
        super().__init__(mensaje)
        self.ciclo = list(ciclo)


# -- construcción de la red ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Red:
    ids: list[int]
    duraciones: list[int]
    fijos: list[int | None]
    sucs: list[list[tuple[int, int]]]  # per task (by index): (successor index, weight) of each outgoing link
    grado: list[int]  # in-degree; after the forward pass, > 0 only for tasks on or after a cycle


def _adyacencia(vinculos: Sequence[Vinculo], indice: dict[int, int], dur: list[int]
                ) -> tuple[list[list[tuple[int, int]]], list[int], int]:
    """One pass over the links: indices, the weight between starts and the adjacency, as (q, w) pairs in a single
    list per task (one append per link; the passes unpack them without indexing a second list). Also the in-degrees
    and how many distinct (p, q) pairs there are."""
    n = len(dur)
    sucs: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    grado = [0] * n
    vistos: set[int] = set()
    visto = vistos.add
    try:
        for v in vinculos:
            p = indice[v.predecesora]
            q = indice[v.sucesora]
            visto(p * n + q)
            t = v.tipo
            if t == "FC":
                w = v.desfase + dur[p]
            elif t == "CC":
                w = v.desfase
            elif t == "FF":
                w = v.desfase + dur[p] - dur[q]
            elif t == "CF":
                w = v.desfase - dur[q]
            else:
                raise ValueError(f"Tipo de dependencia desconocido: {t!r} (se esperaba {', '.join(TIPOS)})")
            sucs[p].append((q, w))
            grado[q] += 1
    except KeyError as exc:
        raise ValueError(f"Un vínculo nombra una tarea que no está: {exc.args[0]!r}") from None
    return sucs, grado, len(vistos)


def _red(tareas: Sequence[Tarea], vinculos: Sequence[Vinculo]) -> _Red:
    ids = [t.id for t in tareas]
    indice = {i: k for k, i in enumerate(ids)}
    if len(indice) != len(ids):
        repetidos = sorted(i for i, veces in Counter(ids).items() if veces > 1)
        raise ValueError(f"Tareas con id repetido: {repetidos}")
    dur = [t.duracion for t in tareas]
    if dur and min(dur) < 0:
        raise ValueError("Una tarea tiene duración negativa")
    sucs, grado, pares = _adyacencia(vinculos, indice, dur)
    if pares != len(vinculos):
        # Duplicate links (same pair): the last one wins. Rare, so the fast path only counts distinct pairs.
        unicos = {(v.predecesora, v.sucesora): v for v in vinculos}
        sucs, grado, pares = _adyacencia(list(unicos.values()), indice, dur)
    return _Red(ids, dur, [t.inicio_fijo for t in tareas], sucs, grado)


_NADA = float("-inf")  # "no link requires anything" for a fixed task


def _adelante(red: _Red) -> tuple[list[int], list, list[tuple[int, int]]]:
    """Kahn's topological order and the early starts in the same walk over the links (each task's start is final
    when it is taken: all its predecessors came before). Returns (order, early starts, conflicts as (index,
    required start)); the order is shorter than the tasks when there is a cycle."""
    n = len(red.ids)
    sucs, grado, fijos = red.sucs, red.grado, red.fijos
    hay_fijos = any(f is not None for f in fijos)
    # Until a task is taken, ei holds the start its links require so far: ≥ 0 for a free task (nobody starts
    # before the plan), nothing yet for a fixed one.
    ei: list = [0 if f is None else _NADA for f in fijos] if hay_fijos else [0] * n
    requeridos: list[tuple[int, int]] = []
    orden = [k for k in range(n) if not grado[k]]
    for k in orden:  # the list grows while it is walked (a for loop follows appends)
        if hay_fijos:
            f = fijos[k]
            if f is not None:
                if ei[k] > f:
                    requeridos.append((k, ei[k]))
                ei[k] = f
        s = sucs[k]
        if s:
            e = ei[k]
            for q, w in s:
                v = e + w
                if v > ei[q]:
                    ei[q] = v
                g = grado[q] - 1
                grado[q] = g
                if not g:
                    orden.append(q)
    return orden, ei, requeridos


def _ciclo(red: _Red) -> list[int]:
    """Indices of one cycle, in link direction, starting at its task that comes first in the input.

    Every task Kahn left out has a predecessor that was also left out, so walking back through such predecessors
    must revisit a task: the walk from that point on is a cycle (backwards)."""
    grado = red.grado
    preds: dict[int, list[int]] = {}
    for p, s in enumerate(red.sucs):
        if grado[p]:
            for q, _w in s:
                preds.setdefault(q, []).append(p)
    k = next(i for i, g in enumerate(grado) if g)
    visto: dict[int, int] = {}
    camino: list[int] = []
    while k not in visto:
        visto[k] = len(camino)
        camino.append(k)
        k = preds[k][0]
    ciclo = camino[visto[k]:]
    ciclo.reverse()
    primero = ciclo.index(min(ciclo))
    return ciclo[primero:] + ciclo[:primero]


def _error_de_ciclo(red: _Red, tareas: Sequence[Tarea]) -> CicloError:
    ciclo = _ciclo(red)
    nombres = [tareas[k].nombre or str(red.ids[k]) for k in ciclo]
    texto = " → ".join([*nombres, nombres[0]])
    return CicloError(_("Las dependencias forman un ciclo: {ciclo}. Quite o cambie una de ellas.").format(
        ciclo=texto), [red.ids[k] for k in ciclo])


# -- API -----------------------------------------------------------------------------------------------------------
def encontrar_ciclo(tareas: Sequence[Tarea], vinculos: Sequence[Vinculo]) -> list[int] | None:
    """Los ids de un ciclo de dependencias en el sentido de los vínculos (sin repetir el primero), o None."""
    red = _red(tareas, vinculos)
    orden, _ei, _r = _adelante(red)
    if len(orden) == len(red.ids):
        return None
    return [red.ids[k] for k in _ciclo(red)]


def mensaje_conflicto(nombre: str, inicio_fijo: int, inicio_requerido: int) -> str:
    """El texto genérico de un conflicto, en días hábiles desde el inicio del plan (el servicio, que tiene el
    calendario, arma el suyo con fechas a partir de los números del `Conflicto`)."""
    diferencia = inicio_requerido - inicio_fijo
    return _("{actividad} tiene inicio fijo {fijo} del inicio del plan, pero sus predecesoras la llevan "
             "{diferencia} (a {requerido}).").format(
        actividad=nombre,
        fijo=n_("a {n} día hábil", "a {n} días hábiles", abs(inicio_fijo)).format(n=inicio_fijo),
        requerido=n_("{n} día hábil", "{n} días hábiles", abs(inicio_requerido)).format(n=inicio_requerido),
        diferencia=n_("{n} día hábil más tarde", "{n} días hábiles más tarde", diferencia).format(n=diferencia))


def programar(tareas: Sequence[Tarea], vinculos: Sequence[Vinculo]) -> Programa:
    """Calcula el cronograma. Lanza CicloError (un ErrorDeUsuario que nombra las actividades) si hay un ciclo y
    ValueError si un vínculo nombra una tarea que no está o tiene un tipo desconocido."""
    # The cyclic garbage collector would walk the whole heap several times while this builds tens of thousands
    # of small lists and tuples that cannot form cycles: pause it for these milliseconds.
    pausado = gc.isenabled()
    if pausado:
        gc.disable()
    try:
        return _programar(tareas, vinculos)
    finally:
        if pausado:
            gc.enable()


def _programar(tareas: Sequence[Tarea], vinculos: Sequence[Vinculo]) -> Programa:
    red = _red(tareas, vinculos)
    n = len(red.ids)
    orden, ei, requeridos = _adelante(red)
    if len(orden) != n:
        raise _error_de_ciclo(red, tareas)
    dur, fijos, sucs = red.duraciones, red.fijos, red.sucs
    ef = list(map(add, ei, dur))
    fin = max(ef, default=0)

    # Backward pass (late starts) and free slack together, in reverse topological order. Nobody may finish after
    # the plan's end: the late start is at most fin − duration, whatever the links allow. Free slack is compared
    # as "latest end that moves no successor" (min of ei[q] − w) and turned into days at the end.
    li = list(map(sub, repeat(fin, n), dur))
    hl = [fin] * n
    hay_fijos = any(f is not None for f in fijos)
    for k in reversed(orden):
        s = sucs[k]
        if s:
            m = li[k]
            h = fin - dur[k]
            for q, w in s:
                v = li[q] - w
                if v < m:
                    m = v
                v = ei[q] - w
                if v < h:
                    h = v
            li[k] = m
            hl[k] = h + dur[k]
        if hay_fijos and fijos[k] is not None:
            li[k] = fijos[k]  # it cannot move; set before its predecessors (later in this walk) read it
    hl = list(map(sub, hl, ef))

    lf = list(map(add, li, dur))
    ht = list(map(sub, li, ei))
    critica = [h <= 0 for h in ht]
    ids = red.ids
    calculos = dict(zip(ids, map(Calculo, ei, ef, li, lf, ht, hl, critica), strict=True))
    ruta = [ids[k] for k in sorted((k for k in range(n) if critica[k]), key=lambda k: (ei[k], ids[k]))]
    conflictos = [Conflicto(ids[k], ei[k], m, mensaje_conflicto(tareas[k].nombre or str(ids[k]), ei[k], m))
                  for k, m in sorted(requeridos)]
    return Programa(calculos, fin, ruta, conflictos)


def _dia_de_hito(s: int) -> int:
    # A milestone at offset s sits at the end of the day before (the day its predecessor ends); at the plan
    # start it shows on the first day. Negative offsets (a fixed start before the plan) keep the same rule.
    return s - 1 if s != 0 else 0


def fechas(cal: Calendario, inicio_plan: date, calculo: Calculo, duracion: int) -> tuple[date, date, date, date]:
    """(inicio, fin, inicio_tardio, fin_tardio) como fechas: inicio = desplazar(s), fin = desplazar(e − 1); un hito
    (duración 0) tiene inicio = fin = desplazar(max(s − 1, 0))."""
    if duracion <= 0:
        temprano = cal.desplazar(inicio_plan, _dia_de_hito(calculo.inicio))
        tardio = cal.desplazar(inicio_plan, _dia_de_hito(calculo.inicio_tardio))
        return temprano, temprano, tardio, tardio
    return (cal.desplazar(inicio_plan, calculo.inicio), cal.desplazar(inicio_plan, calculo.fin - 1),
            cal.desplazar(inicio_plan, calculo.inicio_tardio), cal.desplazar(inicio_plan, calculo.fin_tardio - 1))
