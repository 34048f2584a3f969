"""El cronograma que ve el coordinador: fechas sobre el calendario de Paraguay, los cuatro tipos de dependencia,
ciclos rechazados, inicios fijos que no se pueden cumplir y los grupos (actividades resumen)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from nucleo.cronograma import CicloError
from nucleo.errores import ErrorDeUsuario
from nucleo.modelo import Actividad, Dependencia, Territorio
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.actividades import DatosActividad, DatosRecurso, DatosVinculo

HOY = date(2026, 11, 18)
INICIO = date(2027, 2, 22)  # a Monday; Monday 1 March 2027 is «Día de los Héroes» (holiday)


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


@pytest.fixture
def plan(exp):
    """Un plan en borrador para Compañía Cerrito, con una red que usa los cuatro tipos de dependencia.

    Días hábiles desde el inicio: 0 = lun 22/02, 1 = 23/02, 2 = 24/02, 3 = 25/02, 4 = 26/02, (01/03 feriado),
    5 = mar 02/03, 6 = 03/03, 7 = 04/03, 8 = 05/03, 9 = lun 08/03.
    """
    with exp.transaccion() as s:
        mid = exp.municipio_id
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        pid = pl.crear_plan(s, mid, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=INICIO))
        ids = {}

        def nueva(clave, nombre, duracion=1, preds=(), **kw):
            ids[clave] = act.crear_actividad(s, pid, DatosActividad(
                nombre=nombre, duracion=duracion,
                predecesoras=tuple(DatosVinculo(ids[p], t, k) for p, t, k in preds), **kw))

        nueva("A", "Diagnóstico rápido", 5)
        nueva("B", "Taller de validación", 3, [("A", "FC", 0)])
        nueva("C", "Convocatoria", 4, [("A", "CC", 2)])
        nueva("D", "Informe del taller", 2, [("B", "FF", 1)])
        nueva("E", "Difusión radial", 3, [("B", "CF", 4)])
        nueva("F", "Taller realizado", 0, [("D", "FC", 0)], hito=True)
    return {"mid": mid, "pid": pid, **ids}


def filas_por_id(s, pid):
    return {f.id: f for f in act.listar_actividades(s, pid, HOY)}


def test_fechas_en_dias_habiles_con_feriado_y_los_cuatro_tipos(exp, plan):
    with exp.sesion() as s:
        f = filas_por_id(s, plan["pid"])
    a, b, c, d, e, h = (f[plan[k]] for k in "ABCDEF")
    assert (a.inicio, a.fin) == (date(2027, 2, 22), date(2027, 2, 26))
    # FC: starts after A, skipping the weekend and the 1 March holiday.
    assert (b.inicio, b.fin) == (date(2027, 3, 2), date(2027, 3, 4))
    # CC +2: two working days after A starts; 4 days end across the holiday.
    assert (c.inicio, c.fin) == (date(2027, 2, 24), date(2027, 3, 2))
    # FF +1: ends one working day after B ends.
    assert (d.inicio, d.fin) == (date(2027, 3, 4), date(2027, 3, 5))
    # CF +4: ends no earlier than 4 working days after B starts (offset 9 exclusive -> 05/03).
    assert (e.inicio, e.fin) == (date(2027, 3, 3), date(2027, 3, 5))
    # A milestone sits on the day its predecessor ends.
    assert h.hito and h.duracion == 0 and h.inicio == h.fin == date(2027, 3, 5)
    assert [x.codigo for x in (a, b, c, d, e, h)] == ["1", "2", "3", "4", "5", "6"]
    assert b.predecesoras == ((plan["A"], "FC", 0),)
    # Critical path: A -> B -> D -> F (and E, which ends with the plan); C has 3 working days of slack.
    assert [x.critica for x in (a, b, c, d, e, h)] == [True, True, False, True, True, True]
    assert c.holgura_total == 3 and a.holgura_total == 0
    assert c.inicio_tardio == date(2027, 3, 2) and c.fin_tardio == date(2027, 3, 5)


def test_el_cronograma_guardado_es_el_calculado(exp, plan):
    with exp.transaccion() as s:
        act.cambiar_duracion(s, plan["A"], 6)
        a = s.get(Actividad, plan["B"])
        # Stored columns are what the Gantt and the printouts read.
        assert (a.inicio, a.fin) == (date(2027, 3, 3), date(2027, 3, 5))
        programa = act.reprogramar(s, plan["pid"])
    assert programa.fin == 10
    assert plan["A"] in programa.ruta_critica


def test_un_ciclo_se_rechaza_nombrando_las_actividades_y_no_se_escribe_nada(exp, plan):
    with exp.transaccion() as s:
        antes = s.scalar(select(func.count()).select_from(Dependencia))
        with pytest.raises(CicloError) as exc:
            act.vincular(s, plan["D"], plan["A"])
        assert isinstance(exc.value, ErrorDeUsuario)
        mensaje = exc.value.mensaje
        assert "ciclo" in mensaje
        for nombre in ("1 Diagnóstico rápido", "2 Taller de validación", "4 Informe del taller"):
            assert nombre in mensaje
        assert s.scalar(select(func.count()).select_from(Dependencia)) == antes
        # The same cycle through the activity editor: nothing of the edit is kept.
        datos = act.obtener_actividad(s, plan["A"])
        datos.nombre = "Otro nombre"
        datos.predecesoras = (DatosVinculo(plan["F"], "FC", 0),)
        with pytest.raises(CicloError):
            act.actualizar_actividad(s, plan["A"], datos)
        assert s.get(Actividad, plan["A"]).nombre == "Diagnóstico rápido"
        assert s.scalar(select(func.count()).select_from(Dependencia)) == antes
        with pytest.raises(ErrorDeUsuario, match="sí misma"):
            act.vincular(s, plan["A"], plan["A"])


def test_inicio_fijo_respetado_o_informado_con_fechas(exp, plan):
    with exp.transaccion() as s:
        # Later than the links require: respected, and C gains slack.
        act.mover_actividad(s, plan["C"], date(2027, 3, 3))
        f = filas_por_id(s, plan["pid"])
        assert f[plan["C"]].inicio == date(2027, 3, 3) and f[plan["C"]].inicio_fijo == date(2027, 3, 3)
        assert act.conflictos_del_plan(s, plan["pid"]) == []
        # Earlier than its predecessors allow: kept, and reported with both dates.
        anterior = act.mover_actividad(s, plan["B"], date(2027, 2, 24))
        assert anterior is None
        f = filas_por_id(s, plan["pid"])
        assert f[plan["B"]].inicio == date(2027, 2, 24)
        assert act.conflictos_del_plan(s, plan["pid"]) == [
            "2 Taller de validación tiene inicio fijo el 24/02/2027, pero sus predecesoras la llevan al "
            "02/03/2027."]
        assert act.mover_actividad(s, plan["B"], None) == date(2027, 2, 24)
        assert act.conflictos_del_plan(s, plan["pid"]) == []


def test_grupo_resumen_toma_fechas_avance_y_costo_de_sus_subactividades(exp, plan):
    with exp.transaccion() as s:
        pid = plan["pid"]
        grupo = act.crear_actividad(s, pid, DatosActividad(nombre="Puesta en marcha"), despues_de=plan["F"])
        hija1 = act.crear_actividad(s, pid, DatosActividad(
            nombre="Compra de materiales", padre_id=grupo, duracion=4,
            predecesoras=(DatosVinculo(plan["D"], "FC", 0),),
            recursos=(DatosRecurso("Papelería", "material", 2.5, "cajas", 100_000, "municipal"),)))
        hija2 = act.crear_actividad(s, pid, DatosActividad(
            nombre="Armado de carpetas", padre_id=grupo, duracion=2, predecesoras=(DatosVinculo(hija1),),
            recursos=(DatosRecurso("Carpetas", "material", 10, "unidades", 7_000, "cooperacion"),)))
        # Follow-up is allowed while the plan is a draft too.
        act.registrar_avance(s, hija1, 100, date(2027, 3, 8), date(2027, 3, 11))
        f = filas_por_id(s, pid)
        g = f[grupo]
        assert g.es_resumen and g.codigo == "7" and f[hija1].codigo == "7.1" and f[hija2].nivel == 1
        assert g.inicio == f[hija1].inicio == date(2027, 3, 8)
        assert g.fin == f[hija2].fin == date(2027, 3, 15)
        assert g.duracion == 6
        assert g.critica  # its children end the plan
        assert g.costo == 250_000 + 70_000
        assert g.avance == round(100 * 4 / 6)  # duration-weighted
        assert g.inicio_real == date(2027, 3, 8) and g.fin_real is None
        # Stored too: the printouts read the summary's dates from the table.
        assert (s.get(Actividad, grupo).inicio, s.get(Actividad, grupo).fin) == (g.inicio, g.fin)
        # Links and milestones do not go on summaries.
        with pytest.raises(ErrorDeUsuario, match="subactividades"):
            act.vincular(s, plan["A"], grupo)
        with pytest.raises(ErrorDeUsuario, match="subactividades"):
            act.registrar_avance(s, grupo, 50, date(2027, 3, 8), None)
        # An activity with links cannot become a group.
        with pytest.raises(ErrorDeUsuario, match="dependencias"):
            act.crear_actividad(s, pid, DatosActividad(nombre="Sub", padre_id=plan["B"]))


def test_las_fechas_reales_corren_a_las_sucesoras(exp, plan):
    with exp.transaccion() as s:
        # A finished one working day late (the holiday is in between): B and what follows move.
        act.registrar_avance(s, plan["A"], 100, date(2027, 2, 22), date(2027, 3, 2))
        f = filas_por_id(s, plan["pid"])
        assert f[plan["A"]].fin == date(2027, 3, 2) and f[plan["A"]].semaforo == "cumplida"
        assert f[plan["B"]].inicio == date(2027, 3, 3)
        # Done, it can no longer delay the plan: off the critical path (B, still ahead, is on it).
        assert not f[plan["A"]].critica and f[plan["B"]].critica
        # An actual start earlier than the predecessors allow is a fact, not a conflict to report.
        act.registrar_avance(s, plan["C"], 10, date(2027, 2, 22), None)
        assert act.conflictos_del_plan(s, plan["pid"]) == []
