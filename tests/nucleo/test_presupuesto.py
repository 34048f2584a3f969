"""Presupuesto del plan: sumas exactas en guaraníes por fuente, tipo, resultado, responsable y trimestre, con el
costo de cada recurso repartido por los días hábiles planificados de su actividad (calendario de Paraguay y del
municipio) y los trimestres sumando exactamente el total."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nucleo.modelo import Actividad, Actor, PlanAccion, Recurso
from nucleo.servicios.dias_especiales import agregar_dia_especial
from nucleo.servicios.plan import DatosPlan, DatosResultado, crear_plan, crear_resultado, resumen_plan
from nucleo.servicios.presupuesto import (
    costo_recurso,
    dias_por_trimestre,
    presupuesto,
    presupuesto_por_actividad,
    repartir,
    trimestres_entre,
)
from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

MUNICIPALIDAD = "Municipalidad de Villeta"
GOBERNACION = "Gobernación de Central"


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def actividad(s, plan_id: int, nombre: str, **campos) -> int:
    """Written straight to the table with its planned dates (the activities service computes them; not tested here)."""
    p = s.get(PlanAccion, plan_id)
    a = Actividad(municipio_id=p.municipio_id, plan_id=plan_id, nombre=nombre, **campos)
    s.add(a)
    s.flush()
    return a.id


def recurso(s, actividad_id: int, costo_unitario: int, fuente: str, tipo: str = "financiero",
            cantidad: float = 1) -> None:
    a = s.get(Actividad, actividad_id)
    s.add(Recurso(municipio_id=a.municipio_id, actividad_id=actividad_id, descripcion="Recurso", tipo=tipo,
                  cantidad=cantidad, costo_unitario=costo_unitario, fuente=fuente))
    s.flush()


def actor(s, nombre: str) -> int:
    return s.scalar(select(Actor.id).where(Actor.nombre == nombre))


@pytest.fixture
def plan(exp):
    """A small plan spread over 2027 and into 2028, with a summary, a milestone and an unscheduled task."""
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Asentamiento Las Palmeras (prueba)"))
        pid = crear_plan(s, mid, tid, DatosPlan(inicio=date(2027, 3, 1)))
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura"))
        crear_resultado(s, pid, DatosResultado(descripcion="Vecinos informados"))
        muni, gob = actor(s, MUNICIPALIDAD), actor(s, GOBERNACION)
        grupo = actividad(s, pid, "Agua segura", orden=1, resultado_id=r1)
        # 24 March – 2 April 2027: 4 working days in T1 (Jueves and Viernes Santo are holidays) and 2 in T2.
        pozo = actividad(s, pid, "Perforación del pozo", padre_id=grupo, orden=1, duracion=6, responsable_id=muni,
                         inicio=date(2027, 3, 24), fin=date(2027, 4, 2))
        hito = actividad(s, pid, "Pozo habilitado", padre_id=grupo, orden=2, duracion=0, hito=True,
                         responsable_id=muni, inicio=date(2027, 4, 2), fin=date(2027, 4, 2))
        # 27 December 2027 – 5 January 2028: 5 working days in T4 2027, 3 in T1 2028; T3 2027 stays empty.
        taller = actividad(s, pid, "Taller de validación", orden=2, lado="comunidad", duracion=8,
                           inicio=date(2027, 12, 27), fin=date(2028, 1, 5))
        sin_fecha = actividad(s, pid, "Gestión ante el ministerio", orden=3, lado="servicio_publico",
                              responsable_id=gob)
        difusion = actividad(s, pid, "Difusión radial", orden=4, inicio=date(2027, 3, 2), fin=date(2027, 3, 5),
                             duracion=4)
        recurso(s, pozo, 600_000, "municipal")
        recurso(s, pozo, 75_001, "comunidad", tipo="humano", cantidad=1.5)  # 112.501,5 → 112.502
        recurso(s, hito, 50_000, "municipal", tipo="material")
        recurso(s, taller, 1_000_001, "cooperacion")
        recurso(s, sin_fecha, 300_000, "nacional")
        recurso(s, grupo, 999_999, "privado")  # on the summary: not counted
    return {"pid": pid, "pozo": pozo, "hito": hito, "taller": taller, "sin_fecha": sin_fecha,
            "difusion": difusion, "grupo": grupo}


def test_totales_exactos_por_fuente_tipo_resultado_y_responsable(exp, plan):
    with exp.sesion() as s:
        p = presupuesto(s, plan["pid"])
    assert p.total == 2_062_503
    assert p.por_fuente == [("municipal", "Municipal", 650_000), ("nacional", "Nacional", 300_000),
                            ("cooperacion", "Cooperación", 1_000_001), ("comunidad", "Comunidad", 112_502)]
    assert p.por_tipo == [("humano", "Humano", 112_502), ("financiero", "Financiero", 1_900_001),
                          ("material", "Material", 50_000)]
    # The tasks take their group's result; a result without money is still listed.
    assert p.por_resultado == [("R1 — Hogares con agua segura", 762_502), ("R2 — Vecinos informados", 0),
                               ("Sin resultado", 1_300_001)]
    assert [(c, m) for _r, c, _d, m in p.resultados] == [("R1", 762_502), ("R2", 0), ("", 1_300_001)]
    # Actor name, else the side; largest first.
    assert p.por_responsable == [("Comunidad", 1_000_001), (MUNICIPALIDAD, 762_502), (GOBERNACION, 300_000)]
    assert p.sin_costo == 1  # «Difusión radial»; the milestone and the summary are not counted
    for desglose in (p.por_fuente, p.por_tipo):
        assert sum(m for *_x, m in desglose) == p.total
    assert sum(m for _e, m in p.por_resultado) == sum(m for _e, m in p.por_responsable) == p.total


def test_trimestres_repartidos_por_dias_habiles(exp, plan):
    with exp.sesion() as s:
        p = presupuesto(s, plan["pid"])
    assert p.trimestres == ["T1 2027", "T2 2027", "T3 2027", "T4 2027", "T1 2028", "Sin fecha"]
    # Pozo: municipal 600.000 → 4/6 and 2/6; community 112.502 → 75.001 and the remainder 37.501 in the last one.
    # Milestone: all in the quarter of its date. Taller: 1.000.001 → 5/8 = 625.000 and 375.001.
    assert p.fuente_por_trimestre == {
        "municipal": [400_000, 250_000, 0, 0, 0, 0],
        "nacional": [0, 0, 0, 0, 0, 300_000],
        "cooperacion": [0, 0, 0, 625_000, 375_001, 0],
        "comunidad": [75_001, 37_501, 0, 0, 0, 0],
    }
    assert p.por_trimestre == [475_001, 287_501, 0, 625_000, 375_001, 300_000]
    assert sum(p.por_trimestre) == p.total


def test_el_calendario_del_municipio_cambia_el_reparto(exp, plan):
    with exp.transaccion() as s:
        # A patron saint's day on 24 March: the well is drilled 3 working days in T1 and 2 in T2.
        agregar_dia_especial(s, exp.municipio_id, date(2027, 3, 24), False, "Fiesta patronal")
    with exp.sesion() as s:
        p = presupuesto(s, plan["pid"])
    assert p.fuente_por_trimestre["municipal"][:2] == [360_000, 290_000]
    assert p.fuente_por_trimestre["comunidad"][:2] == [67_501, 45_001]
    assert sum(p.por_trimestre) == p.total == 2_062_503


def test_presupuesto_por_actividad_y_en_el_resumen(exp, plan):
    with exp.sesion() as s:
        costos = presupuesto_por_actividad(s, plan["pid"])
        total = resumen_plan(s, plan["pid"], date(2027, 1, 10)).presupuesto
    assert costos == {plan["pozo"]: 712_502, plan["hito"]: 50_000, plan["taller"]: 1_000_001,
                      plan["sin_fecha"]: 300_000, plan["difusion"]: 0}
    assert total == 2_062_503


def test_plan_sin_recursos(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Asentamiento vacío (prueba)"))
        pid = crear_plan(s, mid, tid, DatosPlan(inicio=date(2027, 3, 1)))
        actividad(s, pid, "Reunión", inicio=date(2027, 3, 2), fin=date(2027, 3, 2))
        p = presupuesto(s, pid)
    assert (p.total, p.por_fuente, p.trimestres, p.por_trimestre, p.fuente_por_trimestre, p.sin_costo) == (
        0, [], [], [], {}, 1)


# -- piezas ----------------------------------------------------------------------------------------------------------
def test_repartir_siempre_suma_el_monto():
    pesos = {(2027, 1): 7, (2027, 2): 61, (2027, 3): 64, (2027, 4): 3}
    for monto in (0, 1, 2, 134, 999_999, 1_000_001, 123_456_789):
        partes = repartir(monto, pesos)
        assert sum(partes.values()) == monto
        assert list(partes) == list(pesos)
        assert all(v >= 0 for v in partes.values())
    assert repartir(100, {(2027, 1): 1, (2027, 2): 2}) == {(2027, 1): 33, (2027, 2): 67}


def test_dias_por_trimestre_y_costo():
    from nucleo.calendario import Calendario

    cal = Calendario()
    assert dias_por_trimestre(cal, None, None) is None
    assert dias_por_trimestre(cal, date(2027, 6, 1), date(2027, 6, 1), hito=True) == {(2027, 2): 1}
    # Only holidays between its dates (Saturday 27 and Sunday 28 March 2027): everything to the quarter of its end.
    assert dias_por_trimestre(cal, date(2027, 3, 27), date(2027, 3, 28)) == {(2027, 1): 1}
    assert trimestres_entre((2027, 3), (2028, 2)) == [(2027, 3), (2027, 4), (2028, 1), (2028, 2)]
    assert costo_recurso(1.5, 75_001) == 112_502  # halves up, as SQLite's round() and formato.guaranies
    assert costo_recurso(3, 150_000) == 450_000


def test_coincide_con_el_costo_de_las_actividades(exp):
    """The budget and the activities' cost column (what the cronograma shows) never disagree."""
    from nucleo.servicios import actividades as act

    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Asentamiento Las Palmeras (prueba)"))
        pid = crear_plan(s, mid, tid, DatosPlan(inicio=date(2027, 3, 22)))
        grupo = act.crear_actividad(s, pid, act.DatosActividad(nombre="Obras"))
        obra = act.crear_actividad(s, pid, act.DatosActividad(
            nombre="Cordón cuneta", padre_id=grupo, duracion=20, recursos=(
                act.DatosRecurso("Jornales", "humano", 37.5, "jornal", 120_001, "comunidad"),
                act.DatosRecurso("Cemento", "material", 180, "bolsa", 62_500, "departamental"))))
        act.crear_actividad(s, pid, act.DatosActividad(
            nombre="Inauguración", padre_id=grupo, duracion=0, hito=True, predecesoras=(act.DatosVinculo(obra),),
            recursos=(act.DatosRecurso("Sonido", "financiero", 1, "", 450_000, "municipal"),)))
        filas = act.listar_actividades(s, pid, date(2027, 3, 1))
        p = presupuesto(s, pid)
        costos = presupuesto_por_actividad(s, pid)
    assert p.total == sum(f.costo for f in filas if not f.es_resumen) == next(f.costo for f in filas
                                                                               if f.id == grupo)
    assert p.total == 4_500_038 + 11_250_000 + 450_000
    assert costos == {f.id: f.costo for f in filas if not f.es_resumen}
    assert sum(p.por_trimestre) == p.total and p.trimestres == ["T1 2027", "T2 2027"]
