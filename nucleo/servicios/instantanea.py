"""La instantánea de un Plan de Acción: todo su contenido (territorio, diagnóstico, resultados, actividades,
presupuesto, riesgos, firmantes) como un diccionario que se puede guardar en JSON.

Sirve para congelar una revisión sancionada (RevisionPlan.contenido = `canonico(d)`, RevisionPlan.huella =
`huella(d)`) y es lo único que lee el impreso del plan: el PDF de una revisión se arma con la instantánea
guardada, el del plan vivo con una recién tomada.

Es determinista: el mismo plan, leído con la misma fecha `hoy`, da los mismos bytes. Por eso
- las fechas van como texto ISO y el dinero como enteros; los flotantes solo en valores de indicadores y
  fracciones de cumplimiento;
- las listas cuyo orden no significa nada (oportunidades, firmantes empatados, recursos) se ordenan;
- no guarda el momento de la lectura: `hoy` influye solo en lo que depende del día (semáforos, cumplimiento,
  revisión de riesgos), que el contrato del issue 7 pide tal cual.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.i18n import traducir
from nucleo.modelo import Actividad, Actor, Municipio, Oportunidad, PlanAccion, Recurso, Territorio
from nucleo.modelo.plan import Dependencia, Indicador, Resultado, actividad_oportunidad, resultado_necesidad
from nucleo.modelo.sancion import ROLES_FIRMANTE, FirmantePlan
from nucleo.servicios.listado_actividades import FilaActividad

VERSION = 1
_CAMPOS_FECHA_ACTIVIDAD = tuple(f.name for f in fields(FilaActividad) if "date" in str(f.type))


def _json(v: Any) -> Any:
    """Un valor cualquiera de los servicios, llevado a lo que JSON guarda y devuelve igual (listas, no tuplas)."""
    if isinstance(v, datetime):
        return v.isoformat(timespec="seconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return {str(k): _json(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_json(x) for x in v]
    return v


def _ordenar_prioridad(prioridad: int | None, ident: int) -> tuple[int, int, int]:
    return (1, 0, ident) if prioridad is None else (0, prioridad, ident)


# -- secciones --------------------------------------------------------------------------------------------------------
def _municipio(s: Session, municipio_id: int) -> dict[str, Any]:
    m = s.get(Municipio, municipio_id)
    return {"nombre": m.nombre, "departamento": m.departamento, "intendente": m.intendente_nombre or "",
            "coordinador": m.coordinador_nombre or ""}


def _territorio(t: Territorio) -> dict[str, Any]:
    return {
        "id": t.id, "nombre": t.nombre, "tipo": t.tipo, "tipo_sps": t.tipo_sps or "", "estado": t.estado,
        "poblacion": t.poblacion, "hogares": t.hogares, "latitud": t.latitud, "longitud": t.longitud,
        "caracterizacion": t.caracterizacion or "", "identidad_propia": t.identidad_propia,
        "identidad_descripcion": t.identidad_descripcion or "",
        "organizacion": t.organizacion.nombre if t.organizacion is not None else "",
        "riesgos_diversos": t.riesgos_diversos or "", "espacio_nombre": t.espacio_nombre or "",
        "espacio_direccion": t.espacio_direccion or "", "espacio_operador": t.espacio_operador or "",
    }


def _plan(s: Session, p: PlanAccion, hoy: date) -> dict[str, Any]:
    from nucleo.servicios.plan import resumen_plan

    r = resumen_plan(s, p.id, hoy)
    return _json({
        "id": p.id, "titulo": p.titulo, "revision": p.revision, "estado": p.estado, "objetivo": p.objetivo or "",
        "inicio": r.inicio, "fin": r.fin, "duracion": r.duracion, "organizacion": p.organizacion or "",
        "provision_recursos": p.provision_recursos or "", "instrumentos_registro": p.instrumentos_registro or "",
        "control_comunitario": p.control_comunitario or "", "linea_base_en": r.linea_base_en,
        "desvio": r.desvio, "conflictos": sorted(r.conflictos or ()), "n_actividades": r.n_actividades,
        "n_hitos": r.n_hitos, "n_criticas": r.n_criticas, "presupuesto": r.presupuesto,
    })


def _necesidades(s: Session, municipio_id: int, territorio_id: int) -> list[dict[str, Any]]:
    from nucleo.servicios.necesidades import listar_necesidades

    filas = sorted(listar_necesidades(s, municipio_id, territorio_id), key=lambda f: _ordenar_prioridad(
        f.prioridad, f.id))
    return [{"id": f.id, "prioridad": f.prioridad, "descripcion": f.descripcion, "dimension": f.dimension,
             "pilar": f.pilar, "poblacion": f.poblacion, "brecha": f.es_brecha, "votos": f.votos,
             "empate": f.empate} for f in filas]


def _arbol(s: Session, territorio_id: int) -> list[dict[str, Any]]:
    from nucleo.servicios.arbol import leer_arbol

    # leer_arbol already returns sibling order (orden, id): the order is meaningful (left to right).
    return [{"id": n.id, "padre_id": n.padre_id, "tipo": n.tipo, "texto": n.texto, "orden": n.orden,
             "necesidad_id": n.necesidad_id} for n in leer_arbol(s, territorio_id)]


def _dafo(s: Session, territorio_id: int) -> list[dict[str, Any]]:
    from nucleo.servicios.dafo import listar_dafo

    tablero = listar_dafo(s, territorio_id, "dafo")
    return [{"cuadrante": c, "texto": f.texto, "orden": f.orden}
            for c, filas in tablero.cuadrantes.items() for f in filas]


def _oportunidades(s: Session, plan_id: int) -> list[dict[str, Any]]:
    q = (select(Oportunidad.id, Oportunidad.nombre, Actor.nombre, Oportunidad.pilar)
         .outerjoin(Actor, Actor.id == Oportunidad.proveedor_id)
         .where(Oportunidad.id.in_(select(actividad_oportunidad.c.oportunidad_id)
                                   .join(Actividad, Actividad.id == actividad_oportunidad.c.actividad_id)
                                   .where(Actividad.plan_id == plan_id))))
    filas = sorted(s.execute(q).all(), key=lambda f: (f[1].casefold(), f[0]))
    return [{"id": i, "nombre": n, "proveedor": prov or "", "pilar": pilar} for i, n, prov, pilar in filas]


def _resultados(s: Session, plan_id: int) -> list[dict[str, Any]]:
    from nucleo.servicios.indicadores import listar_indicadores
    from nucleo.servicios.plan import listar_resultados

    por_resultado: dict[int, list[Any]] = {}
    for i in listar_indicadores(s, plan_id):
        por_resultado.setdefault(i.resultado_id, []).append(i)
    salida = []
    for r in listar_resultados(s, plan_id):
        inds = sorted(por_resultado.get(r.id, []), key=lambda i: (i.orden, i.id))
        salida.append({
            "id": r.id, "codigo": r.codigo, "descripcion": r.descripcion, "pilar": r.pilar, "orden": r.orden,
            "necesidades": [nid for nid, _d, _p in r.necesidades],
            "indicadores": [_json({
                "nombre": i.nombre, "tipo": i.tipo, "unidad": i.unidad, "sentido": i.sentido,
                "medio_verificacion": i.medio_verificacion, "base_valor": i.base_valor, "base_fecha": i.base_fecha,
                "meta_valor": i.meta_valor, "meta_fecha": i.meta_fecha, "ultimo_valor": i.ultimo_valor,
                "ultima_fecha": i.ultima_fecha, "cumplimiento": i.cumplimiento, "estado": i.estado,
                "n_mediciones": i.n_mediciones}) for i in inds],
        })
    return salida


def _actividades(s: Session, plan_id: int, hoy: date) -> list[dict[str, Any]]:
    from nucleo.servicios.actividades import listar_actividades
    from nucleo.servicios.presupuesto import costo_recurso

    filas = listar_actividades(s, plan_id, hoy)
    recursos: dict[int, list[dict[str, Any]]] = {}
    for r in s.scalars(select(Recurso).join(Actividad, Actividad.id == Recurso.actividad_id)
                       .where(Actividad.plan_id == plan_id).order_by(Recurso.actividad_id, Recurso.orden,
                                                                     Recurso.id)):
        recursos.setdefault(r.actividad_id, []).append({
            "tipo": r.tipo, "descripcion": r.descripcion, "cantidad": r.cantidad, "unidad": r.unidad or "",
            "costo_unitario": r.costo_unitario or 0, "fuente": r.fuente,
            "costo": costo_recurso(r.cantidad, r.costo_unitario)})
    usos: dict[int, list[int]] = {}
    for aid, oid in s.execute(select(actividad_oportunidad.c.actividad_id, actividad_oportunidad.c.oportunidad_id)
                              .join(Actividad, Actividad.id == actividad_oportunidad.c.actividad_id)
                              .where(Actividad.plan_id == plan_id)):
        usos.setdefault(aid, []).append(oid)
    salida = []
    for f in filas:  # WBS order: meaningful
        d = _json(asdict(f))
        d["predecesoras"] = sorted(d["predecesoras"])
        d["recursos"] = recursos.get(f.id, [])
        d["oportunidades"] = sorted(usos.get(f.id, []))
        salida.append(d)
    return salida


def _presupuesto(s: Session, plan_id: int) -> dict[str, Any]:
    from nucleo.servicios.presupuesto import presupuesto

    p = presupuesto(s, plan_id)
    return _json({
        "total": p.total, "por_fuente": p.por_fuente, "por_tipo": p.por_tipo, "por_resultado": p.por_resultado,
        "por_responsable": p.por_responsable,
        "por_trimestre": [[t, m] for t, m in zip(p.trimestres, p.por_trimestre, strict=True)],
        "fuente_por_trimestre": p.fuente_por_trimestre, "sin_costo": p.sin_costo,
    })


def _riesgos(s: Session, municipio_id: int, territorio_id: int, hoy: date) -> tuple[list[dict], dict]:
    from nucleo.servicios.riesgos import listar_riesgos, matriz_del_municipio

    filas = listar_riesgos(s, municipio_id, hoy, territorio_id=territorio_id)
    return [_json(asdict(f)) for f in filas], matriz_del_municipio(s, municipio_id).como_dict()


def _firmantes(s: Session, plan_id: int, revision: int) -> list[dict[str, Any]]:
    filas = s.scalars(select(FirmantePlan).where(FirmantePlan.plan_id == plan_id, FirmantePlan.revision == revision)
                      .order_by(FirmantePlan.orden, FirmantePlan.id)).all()
    return [_json({"rol": f.rol, "rol_texto": traducir(ROLES_FIRMANTE.get(f.rol, f.rol)), "nombre": f.nombre or "",
                   "cargo": f.cargo or "", "fecha": f.fecha, "requerida": bool(f.requerida)}) for f in filas]


def _cumplimiento(s: Session, plan_id: int, hoy: date) -> dict[str, Any]:
    from nucleo.servicios.indicadores import cumplimiento

    return _json(asdict(cumplimiento(s, plan_id, hoy)))


# -- API ----------------------------------------------------------------------------------------------------------
def instantanea_plan(s: Session, plan_id: int, hoy: date) -> dict:
    """Todo el contenido del plan hoy, listo para JSON (ver el contrato del issue 7 para las claves)."""
    from nucleo.servicios.plan import _plan as plan_exigido

    p = plan_exigido(s, plan_id)
    t = s.get(Territorio, p.territorio_id)
    riesgos, matriz = _riesgos(s, p.municipio_id, p.territorio_id, hoy)
    return {
        "version": VERSION,
        "municipio": _municipio(s, p.municipio_id),
        "territorio": _territorio(t),
        "plan": _plan(s, p, hoy),
        "necesidades": _necesidades(s, p.municipio_id, p.territorio_id),
        "arbol": _arbol(s, p.territorio_id),
        "dafo": _dafo(s, p.territorio_id),
        "oportunidades": _oportunidades(s, plan_id),
        "resultados": _resultados(s, plan_id),
        "actividades": _actividades(s, plan_id, hoy),
        "presupuesto": _presupuesto(s, plan_id),
        "riesgos": riesgos,
        "matriz": matriz,
        "firmantes": _firmantes(s, plan_id, p.revision),
        "cumplimiento": _cumplimiento(s, plan_id, hoy),
    }


def canonico(d: dict) -> bytes:
    """Los bytes JSON canónicos (claves ordenadas, sin espacios, UTF-8): lo que se guarda y lo que se firma."""
    return json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def huella(d: dict) -> str:
    """SHA-256 (hex) de `canonico(d)`."""
    return hashlib.sha256(canonico(d)).hexdigest()


def filas_de_actividades(d: dict) -> list[FilaActividad]:
    """De la instantánea a las filas que dibuja el cronograma (fechas de vuelta a `date`, vínculos a tuplas)."""
    nombres = {f.name for f in fields(FilaActividad)}
    salida = []
    for a in d.get("actividades", []):
        datos = {k: v for k, v in a.items() if k in nombres}
        for campo in _CAMPOS_FECHA_ACTIVIDAD:
            if datos.get(campo):
                datos[campo] = date.fromisoformat(datos[campo])
        datos["predecesoras"] = tuple(tuple(x) for x in datos.get("predecesoras") or ())
        salida.append(FilaActividad(**datos))
    return salida


def huella_contenido(sesion: Session, plan_id: int) -> str:
    """SHA-256 de lo que el plan planifica (textos, resultados, indicadores, actividades, vínculos, recursos).

    Deja afuera el seguimiento (avance, fechas reales, mediciones) y las fechas calculadas: la huella cambia solo si
    cambia lo acordado, y es la misma en el plan, el cronograma, el presupuesto y el calendario de metas.
    """
    def filas(consulta) -> list[list[Any]]:
        return [list(f) for f in sesion.execute(consulta).all()]

    p = PlanAccion.__table__.c
    r = Resultado.__table__.c
    i = Indicador.__table__.c
    a = Actividad.__table__.c
    d = Dependencia.__table__.c
    rc = Recurso.__table__.c
    resultados = select(r.id).where(r.plan_id == plan_id)
    actividades = select(a.id).where(a.plan_id == plan_id)
    contenido = {
        "plan": filas(select(p.id, p.titulo, p.revision, p.objetivo, p.inicio, p.organizacion, p.provision_recursos,
                             p.instrumentos_registro, p.control_comunitario).where(p.id == plan_id)),
        "resultados": filas(select(r.id, r.codigo, r.descripcion, r.pilar, r.orden).where(r.plan_id == plan_id)
                            .order_by(r.id)),
        "necesidades": filas(select(resultado_necesidad.c.resultado_id, resultado_necesidad.c.necesidad_id)
                             .where(resultado_necesidad.c.resultado_id.in_(resultados))
                             .order_by(resultado_necesidad.c.resultado_id, resultado_necesidad.c.necesidad_id)),
        "indicadores": filas(select(i.id, i.resultado_id, i.tipo, i.nombre, i.unidad, i.medio_verificacion, i.sentido,
                                    i.base_valor, i.base_fecha, i.meta_valor, i.meta_fecha, i.orden)
                             .where(i.resultado_id.in_(resultados)).order_by(i.id)),
        "actividades": filas(select(a.id, a.padre_id, a.orden, a.nombre, a.resultado_id, a.responsable_id, a.lado,
                                    a.duracion, a.hito, a.inicio_fijo, a.condiciones, a.medio_verificacion)
                             .where(a.plan_id == plan_id).order_by(a.id)),
        "oportunidades": filas(select(actividad_oportunidad.c.actividad_id, actividad_oportunidad.c.oportunidad_id)
                               .where(actividad_oportunidad.c.actividad_id.in_(actividades))
                               .order_by(actividad_oportunidad.c.actividad_id, actividad_oportunidad.c.oportunidad_id)),
        "vinculos": filas(select(d.predecesora_id, d.sucesora_id, d.tipo, d.desfase)
                          .where(d.sucesora_id.in_(actividades)).order_by(d.predecesora_id, d.sucesora_id)),
        "recursos": filas(select(rc.id, rc.actividad_id, rc.tipo, rc.descripcion, rc.cantidad, rc.unidad,
                                 rc.costo_unitario, rc.fuente, rc.orden)
                          .where(rc.actividad_id.in_(actividades)).order_by(rc.id)),
    }
    canonico = json.dumps(contenido, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonico.encode("utf-8")).hexdigest()
