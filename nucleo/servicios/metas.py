"""Calendario de metas del Plan de Acción (documento 004): qué entrega cada socio en cada trimestre.

Socio = el actor responsable de la actividad; sin responsable, el lado («Municipalidad», «Otro servicio público»,
«Comunidad»). Una actividad de detalle cuenta en el trimestre de su fin planificado; el texto de la meta es su nombre
y, si las tiene, sus condiciones de satisfacción («Taller de validación: acta firmada por 20 vecinos»). Filas por
lado (en el orden de LADOS) y, dentro de él, por nombre del socio; columnas del primer al último trimestre con metas,
con los vacíos intermedios, y «Sin fecha» al final si alguna actividad todavía no tiene fechas. Solo lectura.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.calendario import semaforo
from nucleo.i18n import _, traducir
from nucleo.modelo import Actor, PlanAccion
from nucleo.modelo.plan import LADOS
from nucleo.servicios.comun import obtener
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.plan import nodos_del_plan
from nucleo.servicios.presupuesto import Trimestre, etiqueta_trimestre, trimestre_de, trimestres_entre


@dataclass(frozen=True)
class MetaTrimestre:
    actividad_id: int
    codigo: str  # «2.3»
    texto: str  # nombre, or «nombre: condiciones»
    hito: bool
    cumplida: bool  # avance 100 % or a real finish date
    fin: date | None = None
    semaforo: str = ""  # nucleo.calendario traffic light on hoy


@dataclass(frozen=True)
class FilaMeta:
    socio: str  # the responsible actor's name, or the side's label
    lado: str  # LADOS key
    actor_id: int | None
    celdas: list[list[MetaTrimestre]]  # one list per column of CalendarioMetas.trimestres

    @property
    def lado_texto(self) -> str:
        return traducir(LADOS.get(self.lado, self.lado))


@dataclass(frozen=True)
class CalendarioMetas:
    trimestres: list[str]  # «T1 2027»…, and «Sin fecha» last when needed
    filas: list[FilaMeta]

    @property
    def vacio(self) -> bool:
        return not self.filas


def texto_meta(nombre: str, condiciones: str) -> str:
    condiciones = " ".join((condiciones or "").split())
    return f"{nombre}: {condiciones}" if condiciones else nombre


def calendario_metas(s: Session, plan_id: int, hoy: date) -> CalendarioMetas:
    p = obtener(s, PlanAccion, plan_id, _("el Plan de Acción"))
    cal = calendario_de(s, p.municipio_id)
    nodos = [n for n in nodos_del_plan(s, plan_id) if not n.es_resumen]
    actores = dict(s.execute(select(Actor.id, Actor.nombre).where(
        Actor.id.in_({n.responsable_id for n in nodos if n.responsable_id}))).all())
    usados = sorted({trimestre_de(n.fin) for n in nodos if n.fin is not None})
    trimestres: list[Trimestre] = trimestres_entre(usados[0], usados[-1]) if usados else []
    columna = {t: i for i, t in enumerate(trimestres)}
    sin_fecha = any(n.fin is None for n in nodos)
    etiquetas = [etiqueta_trimestre(t) for t in trimestres] + ([_("Sin fecha")] if sin_fecha else [])

    lados = {k: traducir(v) for k, v in LADOS.items()}
    celdas: dict[tuple[str, int | None], list[list[MetaTrimestre]]] = defaultdict(
        lambda: [[] for _e in etiquetas])
    for n in nodos:  # WBS order: a cell lists its goals by finish date, then code
        actor_id = n.responsable_id if n.responsable_id in actores else None
        i = columna[trimestre_de(n.fin)] if n.fin is not None else len(etiquetas) - 1
        celdas[(n.lado, actor_id)][i].append(MetaTrimestre(
            actividad_id=n.id, codigo=n.codigo, texto=texto_meta(n.nombre, n.condiciones), hito=n.hito,
            cumplida=n.cumplida, fin=n.fin, semaforo=semaforo(n.fin, n.cumplida, hoy, cal)))
    posicion = {n.id: k for k, n in enumerate(nodos)}
    for columnas in celdas.values():
        for metas in columnas:
            metas.sort(key=lambda m: (m.fin or date.max, posicion[m.actividad_id]))
    orden_lado = {k: i for i, k in enumerate(LADOS)}
    filas = [FilaMeta(socio=actores[a] if a is not None else lados.get(lado, lado), lado=lado, actor_id=a,
                      celdas=c) for (lado, a), c in celdas.items()]
    # Within a side, the named partners by name; the side's own row («Comunidad» with no actor) after them.
    filas.sort(key=lambda f: (orden_lado.get(f.lado, len(orden_lado)), f.actor_id is None, f.socio.casefold()))
    return CalendarioMetas(trimestres=etiquetas, filas=filas)
