"""La instantánea del plan: lo que se congela al sancionar y lo único que lee el impreso.

Tiene las claves del contrato, es determinista (la misma huella dos veces), cambia cuando cambia una actividad y
vuelve igual de un viaje por JSON; `filas_de_actividades` devuelve las filas que dibuja el cronograma.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from nucleo.modelo import PlanAccion, Territorio
from nucleo.servicios.instantanea import canonico, filas_de_actividades, huella, instantanea_plan

HOY = date(2026, 11, 18)
CLAVES = {"version", "municipio", "territorio", "plan", "necesidades", "arbol", "dafo", "oportunidades",
          "resultados", "actividades", "presupuesto", "riesgos", "matriz", "firmantes", "cumplimiento"}


@pytest.fixture
def plan_id(expediente_demo):
    from nucleo.servicios import demo_plan
    from nucleo.servicios.plan import plan_del_territorio

    with expediente_demo.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == demo_plan.SAN_MIGUEL))
        return plan_del_territorio(s, expediente_demo.municipio_id, tid) or demo_plan.sembrar(
            s, expediente_demo.municipio_id, HOY)


def test_tiene_las_claves_del_contrato(expediente_demo, plan_id):
    with expediente_demo.sesion() as s:
        d = instantanea_plan(s, plan_id, HOY)
    assert set(d) == CLAVES
    assert d["version"] == 1
    assert {"nombre", "departamento", "intendente"} <= set(d["municipio"])
    assert {"id", "nombre", "tipo", "poblacion", "hogares", "caracterizacion"} <= set(d["territorio"])
    assert {"id", "titulo", "revision", "estado", "objetivo", "inicio", "fin", "duracion", "organizacion",
            "provision_recursos", "instrumentos_registro", "control_comunitario", "linea_base_en"} <= set(d["plan"])
    assert d["plan"]["id"] == plan_id
    assert d["actividades"] and d["resultados"] and d["necesidades"]
    a = d["actividades"][0]
    assert {"codigo", "nombre", "inicio", "fin", "recursos", "oportunidades", "predecesoras"} <= set(a)
    assert isinstance(d["plan"]["inicio"], str)  # ISO date
    date.fromisoformat(d["plan"]["inicio"])
    assert isinstance(d["presupuesto"]["total"], int)
    assert {"nombre", "tipo", "unidad", "sentido", "base_valor", "meta_valor", "cumplimiento"} <= set(
        d["resultados"][0]["indicadores"][0])
    assert {"probabilidad", "impacto", "niveles", "celdas"} <= set(d["matriz"])
    assert all({"id", "prioridad", "descripcion", "brecha"} <= set(n) for n in d["necesidades"])


def test_la_misma_huella_dos_veces_y_otra_si_cambia_una_actividad(expediente_demo, plan_id):
    from nucleo.servicios import actividades as act
    from nucleo.servicios.plan import cambiar_estado

    with expediente_demo.sesion() as s:
        primera = huella(instantanea_plan(s, plan_id, HOY))
    with expediente_demo.sesion() as s:
        assert huella(instantanea_plan(s, plan_id, HOY)) == primera
        assert len(primera) == 64
    with expediente_demo.transaccion() as s:
        # The demo plan is being executed: bring it back to revision to change its structure.
        for estado in ("sancionado", "en_revision"):
            if s.get(PlanAccion, plan_id).estado != estado:
                cambiar_estado(s, plan_id, estado)
        d = instantanea_plan(s, plan_id, HOY)
        detalle = next(a for a in d["actividades"] if not a["es_resumen"])
        datos = act.obtener_actividad(s, detalle["id"])
        datos.nombre = datos.nombre + " (corregida)"
        antes = huella(d)
        act.actualizar_actividad(s, detalle["id"], datos)
        despues = instantanea_plan(s, plan_id, HOY)
    assert huella(despues) != antes
    assert any(a["nombre"].endswith("(corregida)") for a in despues["actividades"])


def test_viaje_por_json_y_vuelta_a_filas(expediente_demo, plan_id):
    from nucleo.servicios.actividades import listar_actividades

    with expediente_demo.sesion() as s:
        d = instantanea_plan(s, plan_id, HOY)
        vivas = listar_actividades(s, plan_id, HOY)
    bytes_ = canonico(d)
    vuelta = json.loads(bytes_.decode("utf-8"))
    assert vuelta == d
    assert canonico(vuelta) == bytes_ and huella(vuelta) == huella(d)
    assert bytes_ == json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    filas = filas_de_actividades(vuelta)
    assert filas == vivas
