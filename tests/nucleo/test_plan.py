"""Plan de Acción: alta con sus reglas, ciclo de estados y la guarda de lo editable, resultados numerados y atados a
las necesidades del territorio, la cadena en los dos sentidos, el resumen y las bajas que se deshacen con los
mismos números."""

from __future__ import annotations

import sys
import types
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import (
    Actividad,
    Actor,
    Dependencia,
    Indicador,
    Medicion,
    Necesidad,
    Oportunidad,
    PlanAccion,
    Recurso,
    Resultado,
)
from nucleo.modelo.plan import actividad_oportunidad, resultado_necesidad
from nucleo.servicios.necesidades import DatosNecesidad, crear_necesidad
from nucleo.servicios.plan import (
    DatosPlan,
    DatosResultado,
    actualizar_plan,
    actualizar_resultado,
    cadena,
    cambiar_estado,
    crear_plan,
    crear_resultado,
    eliminar_plan,
    eliminar_resultado,
    estados_siguientes,
    exigir_editable,
    exigir_seguimiento,
    listar_resultados,
    mover_resultado,
    nodos_del_plan,
    obtener_plan,
    obtener_resultado,
    plan_del_territorio,
    restaurar_plan,
    restaurar_resultado,
    resumen_plan,
)
from nucleo.servicios.territorios import (
    DatosTerritorio,
    crear_territorio,
    eliminar_territorio,
    restaurar_territorio,
)

HOY = date(2026, 11, 18)
INICIO = date(2027, 3, 1)  # Día de los Héroes: the plan's first working day is Tuesday 2 March


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def territorio(s, mid: int, nombre: str = "Asentamiento Las Palmeras (prueba)") -> int:
    return crear_territorio(s, mid, DatosTerritorio(nombre=nombre, tipo="urbano"))


def necesidad(s, mid: int, tid: int, descripcion: str, prioridad: int | None) -> int:
    return crear_necesidad(s, mid, DatosNecesidad(territorio_id=tid, descripcion=descripcion, prioridad=prioridad))


def actividad(s, plan_id: int, nombre: str, **campos) -> int:
    """An activity written straight to the table (the activities service schedules; here the dates are given)."""
    p = s.get(PlanAccion, plan_id)
    a = Actividad(municipio_id=p.municipio_id, plan_id=plan_id, nombre=nombre, **campos)
    s.add(a)
    s.flush()
    return a.id


def recurso(s, actividad_id: int, costo_unitario: int, cantidad: float = 1, fuente: str = "municipal") -> int:
    a = s.get(Actividad, actividad_id)
    r = Recurso(municipio_id=a.municipio_id, actividad_id=actividad_id, descripcion="Materiales", cantidad=cantidad,
                costo_unitario=costo_unitario, fuente=fuente)
    s.add(r)
    s.flush()
    return r.id


def un_plan(s, mid: int, **datos) -> tuple[int, int]:
    tid = territorio(s, mid)
    return tid, crear_plan(s, mid, tid, DatosPlan(inicio=INICIO, **datos))


# -- alta y datos -------------------------------------------------------------------------------------------------
def test_crear_plan_con_titulo_por_omision_y_uno_por_territorio(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, pid = un_plan(s, mid, objetivo="  Responder a las necesidades priorizadas  ")
    with exp.sesion() as s:
        d = obtener_plan(s, pid)
        assert d.titulo == "Plan de Acción — Asentamiento Las Palmeras (prueba)"
        assert d.objetivo == "Responder a las necesidades priorizadas"
        assert d.inicio == INICIO
        assert plan_del_territorio(s, mid, tid) == pid
        p = s.get(PlanAccion, pid)
        assert (p.estado, p.revision, p.linea_base_en) == ("borrador", 1, None)
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as e:
        crear_plan(s, mid, tid, DatosPlan(inicio=INICIO))
    assert "ya tiene su Plan de Acción" in e.value.errores["territorio_id"]


def test_validacion_del_plan_por_campo(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = territorio(s, mid)
        with pytest.raises(ErroresDeValidacion) as e:
            crear_plan(s, mid, tid, DatosPlan(titulo="x" * 201, organizacion="y" * 10001))
    errores = e.value.errores
    assert "fecha de inicio" in errores["inicio"]
    assert "Acorte el título del plan" in errores["titulo"] and "201" in errores["titulo"]
    assert "organización del trabajo" in errores["organizacion"]
    with exp.transaccion() as s:
        assert plan_del_territorio(s, mid, tid) is None  # nothing was written
        with pytest.raises(ErroresDeValidacion) as e:
            crear_plan(s, mid, 99999, DatosPlan(inicio=INICIO))
        assert "territorio_id" in e.value.errores


def test_actualizar_plan_devuelve_lo_anterior_y_un_inicio_nuevo_reprograma(exp, monkeypatch):
    mid = exp.municipio_id
    llamadas: list[int] = []
    falso = types.ModuleType("nucleo.servicios.actividades")
    # The plan only has to ask for it; scheduling is the activities' service (tested there).
    falso.reprogramar = lambda _s, plan_id: llamadas.append(plan_id)
    monkeypatch.setitem(sys.modules, "nucleo.servicios.actividades", falso)
    with exp.transaccion() as s:
        _tid, pid = un_plan(s, mid)
        anterior = actualizar_plan(s, pid, replace(obtener_plan(s, pid), control_comunitario="Comité de 5 vecinos"))
        assert anterior.control_comunitario == "" and llamadas == []  # same start: nothing to reschedule
        anterior = actualizar_plan(s, pid, replace(obtener_plan(s, pid), inicio=date(2027, 4, 5)))
        assert anterior.inicio == INICIO and llamadas == [pid]
        actualizar_plan(s, pid, anterior)  # undo
        d = obtener_plan(s, pid)
        assert (d.inicio, d.control_comunitario) == (INICIO, "Comité de 5 vecinos")
        assert llamadas == [pid, pid]


# -- estados -------------------------------------------------------------------------------------------------------
def test_ciclo_de_estados_y_la_guarda_de_lo_editable(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        _tid, pid = un_plan(s, mid)
        with pytest.raises(ErrorDeUsuario) as e:
            cambiar_estado(s, pid, "sancionado")
        assert "solo puede pasar a «En revisión»" in str(e.value)
        assert cambiar_estado(s, pid, "en_revision") == "borrador"
        with pytest.raises(ErrorDeUsuario) as e:
            cambiar_estado(s, pid, "sancionado")
        assert "Un plan sin actividades no se puede sancionar" in str(e.value)
        actividad(s, pid, "Reunión ejecutiva", duracion=1, inicio=date(2027, 3, 2), fin=date(2027, 3, 2))
        assert cambiar_estado(s, pid, "sancionado") == "en_revision"
        assert estados_siguientes("sancionado") == ("en_revision", "en_ejecucion")

        with pytest.raises(ErrorDeUsuario) as e:
            exigir_editable(s, pid)
        assert str(e.value).startswith("El plan está sancionado: su contenido ya no se modifica.")
        with pytest.raises(ErrorDeUsuario):
            crear_resultado(s, pid, DatosResultado(descripcion="Otro resultado"))
        with pytest.raises(ErrorDeUsuario):
            actualizar_plan(s, pid, replace(obtener_plan(s, pid), notas="cambio"))
        assert exigir_seguimiento(s, pid).id == pid  # follow-up goes on

        assert cambiar_estado(s, pid, "en_ejecucion") == "sancionado"
        with pytest.raises(ErrorDeUsuario) as e:
            exigir_editable(s, pid)
        assert "El plan está en ejecución" in str(e.value)
        assert cambiar_estado(s, pid, "cerrado") == "en_ejecucion"
        with pytest.raises(ErrorDeUsuario) as e:
            exigir_seguimiento(s, pid)
        assert "El plan está cerrado" in str(e.value)
        with pytest.raises(ErrorDeUsuario) as e:
            cambiar_estado(s, pid, "borrador")
        assert "«En ejecución»" in str(e.value)
        # Undo walks back one step at a time, down to an editable plan again.
        for estado in ("en_ejecucion", "sancionado", "en_revision"):
            cambiar_estado(s, pid, estado)
        assert exigir_editable(s, pid).estado == "en_revision"
        assert cambiar_estado(s, pid, "en_revision") == "en_revision"  # no change, nothing to refuse


# -- resultados ------------------------------------------------------------------------------------------------------
def test_resultados_numerados_con_necesidades_del_territorio(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, pid = un_plan(s, mid)
        agua = necesidad(s, mid, tid, "Falta agua segura", 1)
        luz = necesidad(s, mid, tid, "Calles sin iluminación", 2)
        ajena = necesidad(s, mid, territorio(s, mid, "Otro territorio (prueba)"), "Otra necesidad", 1)
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura", necesidades=(luz, agua),
                                                    pilar="integracion_social"))
        r2 = crear_resultado(s, pid, DatosResultado(descripcion="Calles iluminadas", necesidades=(luz,)))
        assert [obtener_resultado(s, r).codigo for r in (r1, r2)] == ["R1", "R2"]
        assert obtener_resultado(s, r1).necesidades == (agua, luz)  # community priority order

        with pytest.raises(ErroresDeValidacion) as e:
            crear_resultado(s, pid, DatosResultado(descripcion="Otro", codigo="r1", necesidades=(ajena,)))
        assert "ya tiene un resultado r1" in e.value.errores["codigo"]
        assert "no es de «Asentamiento Las Palmeras (prueba)»" in e.value.errores["necesidades"]
        with pytest.raises(ErroresDeValidacion) as e:
            crear_resultado(s, pid, DatosResultado(descripcion="", pilar="otro"))
        assert set(e.value.errores) == {"descripcion", "pilar"}

        anterior = actualizar_resultado(s, r2, DatosResultado(descripcion="Calles del asentamiento iluminadas",
                                                              codigo="R-Luz", necesidades=(luz, agua)))
        assert anterior == DatosResultado(descripcion="Calles iluminadas", codigo="R2", necesidades=(luz,))
        actualizar_resultado(s, r2, anterior)
        assert obtener_resultado(s, r2) == anterior

        r3 = crear_resultado(s, pid, DatosResultado(descripcion="Comunidad organizada"))
        assert mover_resultado(s, r3, 1) == 3
        filas = listar_resultados(s, pid)
        assert [(f.codigo, f.orden) for f in filas] == [("R3", 1), ("R1", 2), ("R2", 3)]
        assert filas[1].necesidades == [(agua, "Falta agua segura", 1), (luz, "Calles sin iluminación", 2)]
        assert filas[1].pilar_texto == "Integración social"
        assert mover_resultado(s, r3, 99) == 1  # beyond the end: last
        assert [f.codigo for f in listar_resultados(s, pid)] == ["R1", "R2", "R3"]
        assert [f.orden for f in listar_resultados(s, pid)] == [1, 2, 3]


def test_eliminar_resultado_deja_las_actividades_y_deshacer_devuelve_todo(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, pid = un_plan(s, mid)
        agua = necesidad(s, mid, tid, "Falta agua segura", 1)
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura", necesidades=(agua,)))
        r2 = crear_resultado(s, pid, DatosResultado(descripcion="Calles iluminadas"))
        r3 = crear_resultado(s, pid, DatosResultado(descripcion="Comunidad organizada"))
        a1 = actividad(s, pid, "Perforar el pozo", resultado_id=r1)
        a2 = actividad(s, pid, "Conectar los hogares", resultado_id=r1)
        ind = Indicador(municipio_id=mid, resultado_id=r1, nombre="Hogares con agua", meta_valor=120)
        s.add(ind)
        s.flush()
        s.add(Medicion(municipio_id=mid, indicador_id=ind.id, fecha=date(2027, 6, 30), valor=40))
        s.flush()
        ind_id = ind.id

        copia = eliminar_resultado(s, r1)
        assert s.get(Actividad, a1) is not None
        assert s.scalar(select(func.count()).select_from(Actividad)
                        .where(Actividad.id.in_([a1, a2]), Actividad.resultado_id.is_(None))) == 2
        assert s.scalar(select(func.count()).select_from(Indicador).where(Indicador.id == ind_id)) == 0
        assert [(f.id, f.orden) for f in listar_resultados(s, pid)] == [(r2, 1), (r3, 2)]  # no gap

        assert restaurar_resultado(s, copia) == r1
        assert [(f.id, f.orden) for f in listar_resultados(s, pid)] == [(r1, 1), (r2, 2), (r3, 3)]
        fila = listar_resultados(s, pid)[0]
        assert (fila.codigo, fila.n_actividades, fila.n_indicadores) == ("R1", 2, 1)
        assert fila.necesidades == [(agua, "Falta agua segura", 1)]
        assert set(s.scalars(select(Actividad.id).where(Actividad.resultado_id == r1))) == {a1, a2}
        assert s.scalar(select(Medicion.valor).join(Indicador).where(Indicador.id == ind_id)) == 40


# -- cadena ----------------------------------------------------------------------------------------------------------
def test_cadena_en_los_dos_sentidos(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, pid = un_plan(s, mid)
        oportunidades = s.execute(select(Oportunidad.id, Oportunidad.nombre).where(Oportunidad.municipio_id == mid)
                                  .order_by(Oportunidad.id).limit(2)).all()
        (o1, nombre1), (o2, nombre2) = oportunidades
        agua = necesidad(s, mid, tid, "Falta agua segura", 1)
        ninos = necesidad(s, mid, tid, "Niños solos por la tarde", 2)
        luz = necesidad(s, mid, tid, "Calles sin iluminación", 2)  # tied with ninos
        necesidad(s, mid, tid, "Una cancha techada", None)  # neither prioritised nor answered: left out
        olvidada = necesidad(s, mid, tid, "Transporte escolar", 3)
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura", necesidades=(agua,)))
        r2 = crear_resultado(s, pid, DatosResultado(descripcion="Niños acompañados y calles seguras",
                                                    necesidades=(ninos, luz)))
        r3 = crear_resultado(s, pid, DatosResultado(descripcion="Mesa territorial funcionando"))
        grupo = actividad(s, pid, "Agua segura", resultado_id=r1, orden=1)
        pozo = actividad(s, pid, "Perforar el pozo", padre_id=grupo, orden=1)  # takes its group's result
        red = actividad(s, pid, "Tender la red", padre_id=grupo, orden=2)
        apoyo = actividad(s, pid, "Espacio de apoyo escolar", resultado_id=r2, orden=2)
        s.execute(actividad_oportunidad.insert(), [
            {"actividad_id": pozo, "oportunidad_id": o1}, {"actividad_id": apoyo, "oportunidad_id": o1},
            {"actividad_id": apoyo, "oportunidad_id": o2}])

        c = cadena(s, pid)
    assert [(e.necesidad_id, e.prioridad) for e in c.por_necesidad] == [(agua, 1), (ninos, 2), (luz, 2),
                                                                        (olvidada, 3)]
    primero = c.por_necesidad[0]
    assert primero.resultados == [(r1, "R1", "Hogares con agua segura")]
    assert primero.actividades == [(grupo, "1", "Agua segura"), (pozo, "1.1", "Perforar el pozo"),
                                   (red, "1.2", "Tender la red")]
    assert primero.oportunidades == [(o1, nombre1)]
    assert c.por_necesidad[1].actividades == [(apoyo, "2", "Espacio de apoyo escolar")]
    assert {o for o, _n in c.por_necesidad[2].oportunidades} == {o1, o2}
    assert c.sin_resultado == [(olvidada, "Transporte escolar", 3)]
    assert c.resultados_sin_necesidad == [(r3, "R3", "Mesa territorial funcionando")]
    # The other way: from each opportunity used to the needs it ends up answering.
    por_oportunidad = {e.oportunidad_id: e for e in c.oportunidades}
    assert set(por_oportunidad) == {o1, o2}
    e1 = por_oportunidad[o1]
    assert e1.actividades == [(pozo, "1.1", "Perforar el pozo"), (apoyo, "2", "Espacio de apoyo escolar")]
    assert [r for r, *_x in e1.resultados] == [r1, r2]
    assert [n for n, *_x in e1.necesidades] == [agua, ninos, luz]
    assert [n for n, *_x in por_oportunidad[o2].necesidades] == [ninos, luz]


def test_codigos_edt_y_resultado_heredado(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        _tid, pid = un_plan(s, mid)
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura"))
        b = actividad(s, pid, "Segundo grupo", orden=2)
        a = actividad(s, pid, "Primer grupo", orden=1, resultado_id=r1)
        a2 = actividad(s, pid, "Tarea a2", padre_id=a, orden=2)
        a1 = actividad(s, pid, "Tarea a1", padre_id=a, orden=1)
        a11 = actividad(s, pid, "Tarea a1.1", padre_id=a1, orden=1)
        nodos = nodos_del_plan(s, pid)
    assert [(n.id, n.codigo, n.nivel, n.es_resumen) for n in nodos] == [
        (a, "1", 0, True), (a1, "1.1", 1, True), (a11, "1.1.1", 2, False), (a2, "1.2", 1, False),
        (b, "2", 0, False)]
    assert [n.resultado_id for n in nodos] == [r1, r1, r1, r1, None]


# -- resumen ---------------------------------------------------------------------------------------------------------
def test_resumen_del_plan(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        _tid, pid = un_plan(s, mid)
        grupo = actividad(s, pid, "Obras", orden=1, inicio=date(2027, 3, 2), fin=date(2027, 4, 9))
        # Done on time; late (planned fin before hoy, 60 %); critical and due later; a milestone.
        actividad(s, pid, "Relevamiento", padre_id=grupo, orden=1, duracion=5, inicio=date(2027, 3, 2),
                  fin=date(2027, 3, 8), avance=100, fin_real=date(2027, 3, 8), base_fin=date(2027, 3, 8))
        t2 = actividad(s, pid, "Compra de materiales", padre_id=grupo, orden=2, duracion=10,
                       inicio=date(2027, 3, 9), fin=date(2027, 3, 24), avance=60, critica=True,
                       base_fin=date(2027, 3, 22))
        t3 = actividad(s, pid, "Construcción", padre_id=grupo, orden=3, duracion=8, inicio=date(2027, 3, 29),
                       fin=date(2027, 4, 7), critica=True, base_fin=date(2027, 4, 2))
        actividad(s, pid, "Obra recibida", padre_id=grupo, orden=4, duracion=0, hito=True,
                  inicio=date(2027, 4, 7), fin=date(2027, 4, 7), base_fin=date(2027, 4, 2))
        recurso(s, t2, 1_500_000, cantidad=2, fuente="municipal")
        recurso(s, t3, 850_000, fuente="departamental")
        recurso(s, grupo, 999_999)  # a summary's own resources do not count

        r = resumen_plan(s, pid, hoy=date(2027, 3, 31))
        assert (r.estado, r.estado_texto, r.editable, r.revision) == ("borrador", "Borrador", True, 1)
        assert r.territorio == "Asentamiento Las Palmeras (prueba)"
        assert (r.inicio, r.fin) == (INICIO, date(2027, 4, 7))
        # 2 March to 7 April 2027: 25 working days (1 March, Jueves and Viernes Santo are holidays).
        assert r.duracion == 25
        assert (r.n_actividades, r.n_hitos, r.n_criticas, r.n_atrasadas) == (4, 1, 2, 1)
        assert r.presupuesto == 3_850_000
        # Weighted by duration (a milestone weighs 1): all the work, and what was due by 31 March.
        assert r.avance == pytest.approx((5 * 100 + 10 * 60) / 24 / 100)
        assert r.cumplimiento == pytest.approx((5 * 100 + 10 * 60) / 15 / 100)
        assert r.desvio is None  # no baseline saved
        s.get(PlanAccion, pid).linea_base_en = datetime(2027, 2, 20, 10, 0)
        s.flush()
        # Baseline finish 2 April → planned finish 7 April: 3 working days late.
        assert resumen_plan(s, pid, hoy=date(2027, 3, 31)).desvio == 3


def test_resumen_de_un_plan_vacio(exp):
    with exp.transaccion() as s:
        _tid, pid = un_plan(s, exp.municipio_id)
        r = resumen_plan(s, pid, HOY)
    assert (r.fin, r.duracion, r.n_actividades, r.presupuesto, r.n_atrasadas, r.conflictos) == (None, 0, 0, 0, 0, [])


# -- baja del plan ---------------------------------------------------------------------------------------------------
def test_eliminar_plan_y_deshacer_devuelve_todo_con_los_mismos_numeros(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, pid = un_plan(s, mid, objetivo="Agua y luz")
        agua = necesidad(s, mid, tid, "Falta agua segura", 1)
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura", necesidades=(agua,)))
        actor_id = s.scalar(select(Actor.id).where(Actor.municipio_id == mid).order_by(Actor.id))
        oid = s.scalar(select(Oportunidad.id).where(Oportunidad.municipio_id == mid).order_by(Oportunidad.id))
        # The child is created first: its id is lower than its parent's (it was moved under it later).
        hija = actividad(s, pid, "Perforar el pozo", resultado_id=r1, responsable_id=actor_id)
        padre = actividad(s, pid, "Agua segura")
        otra = actividad(s, pid, "Tender la red", padre_id=padre, orden=2)
        s.get(Actividad, hija).padre_id = padre
        s.add(Dependencia(municipio_id=mid, predecesora_id=hija, sucesora_id=otra, tipo="CC", desfase=-2))
        s.execute(actividad_oportunidad.insert(), [{"actividad_id": hija, "oportunidad_id": oid}])
        rec = recurso(s, hija, 2_000_000, fuente="cooperacion")
        ind = Indicador(municipio_id=mid, resultado_id=r1, nombre="Hogares con agua", meta_valor=120)
        s.add(ind)
        s.flush()
        med = Medicion(municipio_id=mid, indicador_id=ind.id, fecha=date(2027, 6, 30), valor=40)
        s.add(med)
        s.flush()
        ind_id, med_id = ind.id, med.id

        def foto() -> dict:
            return {
                "plan": s.execute(select(PlanAccion.__table__).where(PlanAccion.id == pid)).all(),
                "res": s.execute(select(Resultado.__table__).where(Resultado.plan_id == pid)).all(),
                "rn": s.execute(select(resultado_necesidad)).all(),
                "act": s.execute(select(Actividad.__table__).where(Actividad.plan_id == pid)
                                 .order_by(Actividad.id)).all(),
                "ao": s.execute(select(actividad_oportunidad)).all(),
                "dep": s.execute(select(Dependencia.__table__)).all(),
                "rec": s.execute(select(Recurso.__table__)).all(),
                "ind": s.execute(select(Indicador.__table__)).all(),
                "med": s.execute(select(Medicion.__table__)).all(),
            }

        antes = foto()
        copia = eliminar_plan(s, pid)
        assert plan_del_territorio(s, mid, tid) is None
        assert s.scalar(select(func.count()).select_from(Actividad).where(Actividad.plan_id == pid)) == 0
        assert s.scalar(select(func.count()).select_from(Recurso).where(Recurso.id == rec)) == 0
        assert s.get(Necesidad, agua) is not None  # the diagnosis stays

        assert restaurar_plan(s, copia) == pid
        assert foto() == antes
        assert s.get(Medicion, med_id).indicador_id == ind_id


def test_un_plan_sancionado_no_se_elimina(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        _tid, pid = un_plan(s, mid)
        actividad(s, pid, "Reunión ejecutiva")
        cambiar_estado(s, pid, "en_revision")
        cambiar_estado(s, pid, "sancionado")
        with pytest.raises(ErrorDeUsuario) as e:
            eliminar_plan(s, pid)
        assert "El plan está sancionado" in str(e.value)
        assert s.get(PlanAccion, pid) is not None


def test_deshacer_la_baja_del_territorio_devuelve_su_plan(exp):
    """The plan goes in cascade with its territory; undoing the deletion brings it back with the same numbers and
    its links to the needs (restaurar_territorio uses copiar_plan/restaurar_plan)."""
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, pid = un_plan(s, mid)
        agua = necesidad(s, mid, tid, "Falta agua segura", 1)
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura", necesidades=(agua,)))
        aid = actividad(s, pid, "Perforar el pozo", resultado_id=r1)
        copia_territorio = eliminar_territorio(s, tid)
        assert s.scalar(select(func.count()).select_from(PlanAccion).where(PlanAccion.id == pid)) == 0
        restaurar_territorio(s, copia_territorio)
        assert s.get(PlanAccion, pid).territorio_id == tid
        assert s.scalar(select(Actividad.resultado_id).where(Actividad.id == aid)) == r1
        assert obtener_resultado(s, r1).necesidades == (agua,)


# -- con el servicio de actividades ----------------------------------------------------------------------------------
def test_un_inicio_nuevo_corre_el_cronograma_y_deshacer_lo_vuelve(exp):
    from nucleo.servicios import actividades as act

    mid = exp.municipio_id
    with exp.transaccion() as s:
        _tid, pid = un_plan(s, mid)
        a = act.crear_actividad(s, pid, act.DatosActividad(nombre="Relevamiento", duracion=5))
        b = act.crear_actividad(s, pid, act.DatosActividad(
            nombre="Taller de devolución", duracion=2, predecesoras=(act.DatosVinculo(a),)))
        # 1 March 2027 is a holiday: the work starts on Tuesday the 2nd; 5 + 2 working days end on Wednesday 10th.
        assert (s.get(Actividad, a).inicio, s.get(Actividad, b).fin) == (date(2027, 3, 2), date(2027, 3, 10))
        anterior = actualizar_plan(s, pid, replace(obtener_plan(s, pid), inicio=date(2027, 3, 22)))
        # 22 March + 7 working days, over Jueves and Viernes Santo (25 and 26 March): Thursday 1 April.
        assert (s.get(Actividad, a).inicio, s.get(Actividad, b).fin) == (date(2027, 3, 22), date(2027, 4, 1))
        r = resumen_plan(s, pid, HOY)
        assert (r.fin, r.duracion, r.n_actividades, r.conflictos) == (date(2027, 4, 1), 7, 2, [])
        actualizar_plan(s, pid, anterior)
        assert s.get(Actividad, b).fin == date(2027, 3, 10)


def test_los_selectores_de_plan_y_de_resultado(exp):
    from nucleo.servicios.plan import planes_del_municipio, resultados_para_elegir

    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, pid = un_plan(s, mid)
        r1 = crear_resultado(s, pid, DatosResultado(descripcion="Hogares con agua segura"))
        planes = planes_del_municipio(s, mid)
        assert [p[0] for p in planes].count(pid) == 1
        assert planes == sorted(planes, key=lambda p: p[1].split(" — ")[0])  # by territory
        assert next(p for p in planes if p[0] == pid)[2] == "borrador"
        assert resultados_para_elegir(s, pid) == [(r1, "R1", "Hogares con agua segura")]
