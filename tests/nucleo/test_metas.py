"""Calendario de metas (004): qué entrega cada socio en cada trimestre, con las filas por lado y socio, la meta en el
trimestre de su fin planificado y los trimestres vacíos intermedios a la vista."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nucleo.calendario import CUMPLIDA, POR_VENCER, SIN_FECHA, VENCIDA
from nucleo.modelo import Actividad, Actor, PlanAccion
from nucleo.servicios.metas import calendario_metas
from nucleo.servicios.plan import DatosPlan, crear_plan
from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

MUNICIPALIDAD = "Municipalidad de Villeta"
GOBERNACION = "Gobernación de Central"
HOY = date(2027, 3, 9)


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def actividad(s, plan_id: int, nombre: str, **campos) -> int:
    p = s.get(PlanAccion, plan_id)
    a = Actividad(municipio_id=p.municipio_id, plan_id=plan_id, nombre=nombre, **campos)
    s.add(a)
    s.flush()
    return a.id


def actor(s, nombre: str) -> int:
    return s.scalar(select(Actor.id).where(Actor.nombre == nombre))


@pytest.fixture
def plan(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Asentamiento Las Palmeras (prueba)"))
        pid = crear_plan(s, mid, tid, DatosPlan(inicio=date(2027, 3, 1)))
        muni, gob = actor(s, MUNICIPALIDAD), actor(s, GOBERNACION)
        ids = {"pid": pid}
        # Listed out of date order on purpose: a cell lists its goals by planned finish.
        ids["grupo"] = actividad(s, pid, "Puesta en marcha", orden=1, responsable_id=muni,
                                 inicio=date(2027, 3, 2), fin=date(2027, 5, 20))
        ids["reunion"] = actividad(s, pid, "Reunión ejecutiva", padre_id=ids["grupo"], orden=1, responsable_id=muni,
                                   inicio=date(2027, 3, 10), fin=date(2027, 3, 10),
                                   condiciones="  Acta firmada por\nlas cinco instituciones ")
        ids["convocatoria"] = actividad(s, pid, "Convocatoria a la asamblea", padre_id=ids["grupo"], orden=2,
                                        responsable_id=muni, inicio=date(2027, 3, 2), fin=date(2027, 3, 3))
        ids["mesa"] = actividad(s, pid, "Mesa territorial instalada", padre_id=ids["grupo"], orden=3, hito=True,
                                duracion=0, responsable_id=muni, inicio=date(2027, 5, 20), fin=date(2027, 5, 20),
                                avance=100, fin_real=date(2027, 5, 20))
        ids["fondos"] = actividad(s, pid, "Transferencia de fondos", orden=2, lado="servicio_publico",
                                  responsable_id=gob, inicio=date(2027, 10, 4), fin=date(2027, 11, 5))
        ids["usf"] = actividad(s, pid, "Jornada de salud", orden=3, lado="servicio_publico",
                               inicio=date(2027, 3, 15), fin=date(2027, 3, 15))
        ids["minga"] = actividad(s, pid, "Minga de limpieza", orden=4, lado="comunidad",
                                 inicio=date(2027, 3, 5), fin=date(2027, 3, 5))
        ids["rendicion"] = actividad(s, pid, "Rendición de cuentas", orden=5, lado="comunidad")  # not scheduled
    return ids


def test_filas_por_lado_y_socio_y_metas_en_su_trimestre(exp, plan):
    with exp.sesion() as s:
        c = calendario_metas(s, plan["pid"], HOY)
    assert c.trimestres == ["T1 2027", "T2 2027", "T3 2027", "T4 2027", "Sin fecha"]
    assert [(f.socio, f.lado) for f in c.filas] == [
        (MUNICIPALIDAD, "municipalidad"), (GOBERNACION, "servicio_publico"),
        ("Otro servicio público", "servicio_publico"), ("Comunidad", "comunidad")]
    muni = c.filas[0]
    assert muni.actor_id is not None and c.filas[2].actor_id is None
    # The summary «Puesta en marcha» is not a goal; its tasks are, by planned finish within the quarter.
    assert [[m.codigo for m in celda] for celda in muni.celdas] == [["1.2", "1.1"], ["1.3"], [], [], []]
    reunion = muni.celdas[0][1]
    assert reunion.texto == "Reunión ejecutiva: Acta firmada por las cinco instituciones"
    assert (reunion.actividad_id, reunion.hito, reunion.cumplida) == (plan["reunion"], False, False)
    mesa = muni.celdas[1][0]
    assert (mesa.texto, mesa.hito, mesa.cumplida, mesa.semaforo) == ("Mesa territorial instalada", True, True,
                                                                     CUMPLIDA)
    assert muni.celdas[0][0].semaforo == VENCIDA  # the call was due on 3 March
    assert reunion.semaforo == POR_VENCER
    assert [[m.codigo for m in celda] for celda in c.filas[1].celdas] == [[], [], [], ["2"], []]
    comunidad = c.filas[3]
    assert [[m.texto for m in celda] for celda in comunidad.celdas] == [
        ["Minga de limpieza"], [], [], [], ["Rendición de cuentas"]]
    assert comunidad.celdas[4][0].semaforo == SIN_FECHA
    assert comunidad.lado_texto == "Comunidad"


def test_sin_actividades_el_calendario_esta_vacio(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Asentamiento vacío (prueba)"))
        pid = crear_plan(s, mid, tid, DatosPlan(inicio=date(2027, 3, 1)))
        c = calendario_metas(s, pid, HOY)
    assert (c.trimestres, c.filas, c.vacio) == ([], [], True)


def test_sin_actividades_sin_fecha_no_hay_columna_sin_fecha(exp, plan):
    with exp.transaccion() as s:
        s.delete(s.get(Actividad, plan["rendicion"]))
        s.flush()
        c = calendario_metas(s, plan["pid"], HOY)
    assert c.trimestres == ["T1 2027", "T2 2027", "T3 2027", "T4 2027"]
    assert all(len(f.celdas) == 4 for f in c.filas)
