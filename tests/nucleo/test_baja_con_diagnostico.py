"""Deshacer la baja de un territorio, un actor, una oportunidad o una necesidad devuelve también el diagnóstico y el
Plan de Acción que los nombraban (la demo trae el diagnóstico de Compañía Cerrito —necesidades, cruces, árbol, DAFO y
un compromiso firmado— y el plan en ejecución de Barrio San Miguel)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario
from nucleo.modelo import (
    Actividad,
    Actor,
    Acuerdo,
    Convenio,
    CruceNecesidad,
    Dependencia,
    Indicador,
    ItemDafo,
    Medicion,
    Mesa,
    MiembroMesa,
    Necesidad,
    NodoProblema,
    ParteConvenio,
    PlanAccion,
    Recurso,
    Resultado,
    Riesgo,
    Sesion,
    Territorio,
)
from nucleo.modelo.mesa import mesa_territorio
from nucleo.modelo.plan import actividad_oportunidad, resultado_necesidad
from nucleo.modelo.riesgo import riesgo_actividad
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.actores import eliminar_actor, restaurar_actor
from nucleo.servicios.necesidades import eliminar_necesidad, restaurar_necesidad
from nucleo.servicios.oportunidades import eliminar_oportunidad, restaurar_oportunidad
from nucleo.servicios.territorios import eliminar_territorio, restaurar_territorio

TABLAS = tuple(m if not hasattr(m, "__table__") else m.__table__ for m in (
    Necesidad, CruceNecesidad, NodoProblema, ItemDafo, PlanAccion, Resultado, resultado_necesidad, Actividad,
    actividad_oportunidad, Dependencia, Recurso, Indicador, Medicion, Riesgo, riesgo_actividad, Mesa, mesa_territorio,
    MiembroMesa, Sesion, Acuerdo))


def _foto(s) -> dict:
    """Every diagnosis and plan row, column by column: what undo must give back. Only «modificado_en» may move
    (putting a link back, or renumbering priorities, is itself a change)."""
    s.expire_all()
    foto = {t.name: sorted(repr({k: v for k, v in f._mapping.items() if k != "modificado_en"})
                           for f in s.execute(select(t))) for t in TABLAS}
    foto["convenio"] = sorted(s.execute(select(Convenio.id, Convenio.territorio_id)).all())
    foto["parte_convenio"] = sorted(s.execute(select(ParteConvenio.id, ParteConvenio.actor_id)).all())
    return foto


def _cerrito(s) -> int:
    return s.scalars(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito")).one()


def test_deshacer_la_baja_de_un_territorio_devuelve_su_diagnostico(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        tid = _cerrito(s)
        antes = _foto(s)
        assert s.scalars(select(NodoProblema).where(NodoProblema.territorio_id == tid)).first() is not None
    with exp.transaccion() as s:
        copia = eliminar_territorio(s, tid)
    with exp.sesion() as s:
        for m in (Necesidad, NodoProblema, ItemDafo):
            assert s.scalars(select(m).where(m.territorio_id == tid)).first() is None
        firmado = s.scalars(select(Convenio).where(Convenio.estado == "firmado")).one()
        assert firmado.territorio_id is None  # the agreement stays, without the territory
    with exp.transaccion() as s:
        restaurar_territorio(s, copia)
    with exp.sesion() as s:
        assert _foto(s) == antes


def test_deshacer_la_baja_de_un_actor_devuelve_su_lugar_en_el_convenio(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        antes = _foto(s)
        parte = s.scalars(select(ParteConvenio).where(ParteConvenio.actor_id.is_not(None))).first()
        aid, nombre = parte.actor_id, parte.nombre_parte
    with exp.transaccion() as s:
        copia = eliminar_actor(s, aid)
    with exp.sesion() as s:
        quedan = s.scalars(select(ParteConvenio).where(ParteConvenio.nombre_parte == nombre)).all()
        assert quedan and all(p.actor_id is None for p in quedan)  # the signed name is kept
    with exp.transaccion() as s:
        restaurar_actor(s, copia)
    with exp.sesion() as s:
        assert _foto(s) == antes


def test_deshacer_la_baja_de_una_oportunidad_devuelve_su_cruce(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        antes = _foto(s)
        oid = s.scalars(select(CruceNecesidad.oportunidad_id).where(CruceNecesidad.decision == "confirmada")).first()
    with exp.transaccion() as s:
        copia = eliminar_oportunidad(s, oid)
    with exp.sesion() as s:
        assert s.scalars(select(CruceNecesidad).where(CruceNecesidad.oportunidad_id == oid)).first() is None
    with exp.transaccion() as s:
        restaurar_oportunidad(s, copia)
    with exp.sesion() as s:
        assert _foto(s) == antes


def _deshacer_devuelve_todo(exp, eliminar, restaurar, ident) -> None:
    with exp.sesion() as s:
        antes = _foto(s)
    with exp.transaccion() as s:
        copia = eliminar(s, ident)
    with exp.sesion() as s:
        assert _foto(s) != antes
    with exp.transaccion() as s:
        restaurar(s, copia)
    with exp.sesion() as s:
        assert _foto(s) == antes


def test_deshacer_la_baja_de_una_oportunidad_devuelve_su_uso_en_el_plan(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        oid = s.scalars(select(actividad_oportunidad.c.oportunidad_id)).first()
    assert oid is not None
    _deshacer_devuelve_todo(exp, eliminar_oportunidad, restaurar_oportunidad, oid)


def test_deshacer_la_baja_de_un_responsable_devuelve_sus_actividades(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        aid = s.scalars(select(Actividad.responsable_id).where(Actividad.responsable_id.is_not(None),
                                                               Actividad.padre_id.is_not(None))).first()
    with exp.transaccion() as s:
        copia = eliminar_actor(s, aid)
    with exp.sesion() as s:
        assert s.scalars(select(Actividad).where(Actividad.responsable_id == aid)).first() is None
    with exp.transaccion() as s:
        restaurar_actor(s, copia)
    with exp.sesion() as s:
        assert s.scalars(select(Actividad).where(Actividad.responsable_id == aid)).first() is not None
    _deshacer_devuelve_todo(exp, eliminar_actor, restaurar_actor, aid)


def test_deshacer_la_baja_de_una_necesidad_devuelve_el_resultado_que_la_responde(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        nid = s.scalars(select(resultado_necesidad.c.necesidad_id)).first()
    assert nid is not None
    _deshacer_devuelve_todo(exp, eliminar_necesidad, restaurar_necesidad, nid)


def test_un_territorio_con_plan_en_ejecucion_no_se_borra(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        tid = s.scalars(select(PlanAccion.territorio_id).where(PlanAccion.estado == "en_ejecucion")).one()
        antes = _foto(s)
    with pytest.raises(ErrorDeUsuario, match="Plan de Acción en ejecución.*Cierre el plan"), exp.transaccion() as s:
        eliminar_territorio(s, tid)
    with exp.sesion() as s:
        assert s.get(Territorio, tid) is not None
        assert _foto(s) == antes


def _riesgo_y_mesa(s, mid: int, tid: int, actividad_id: int, actor_id: int) -> None:
    """A risk threatening the activity and a mesa of the territory whose member and agreement name the actor."""
    r = Riesgo(municipio_id=mid, plan_id=s.get(Actividad, actividad_id).plan_id, territorio_id=tid,
               escenario="Lluvias intensas", responsable_id=actor_id)
    mesa = Mesa(municipio_id=mid, nombre="Mesa territorial")
    s.add_all([r, mesa])
    s.flush()
    s.execute(riesgo_actividad.insert().values(riesgo_id=r.id, actividad_id=actividad_id))
    s.execute(mesa_territorio.insert().values(mesa_id=mesa.id, territorio_id=tid))
    sesion = Sesion(municipio_id=mid, mesa_id=mesa.id, fecha=date(2026, 11, 10))
    s.add_all([sesion, MiembroMesa(municipio_id=mid, mesa_id=mesa.id, actor_id=actor_id, nombre="Quien preside")])
    s.flush()
    s.add(Acuerdo(municipio_id=mid, sesion_id=sesion.id, texto="Limpiar cunetas", responsable_id=actor_id,
                  actividad_id=actividad_id))
    s.flush()


def test_deshacer_bajas_devuelve_riesgos_mesas_y_acuerdos_que_las_nombraban(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _cerrito(s)
        pid = pl.crear_plan(s, mid, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2027, 2, 1)))
        aid = act.crear_actividad(s, pid, act.DatosActividad(nombre="Limpieza de cunetas", duracion=3))
        actor_id = s.scalars(select(Actor.id).where(Actor.municipio_id == mid).order_by(Actor.id)).first()
        _riesgo_y_mesa(s, mid, tid, aid, actor_id)
    _deshacer_devuelve_todo(exp, eliminar_actor, restaurar_actor, actor_id)
    _deshacer_devuelve_todo(exp, act.eliminar_actividad, act.restaurar_actividad, aid)
    _deshacer_devuelve_todo(exp, eliminar_territorio, restaurar_territorio, tid)
    with exp.sesion() as s:
        assert s.scalar(select(Acuerdo.actividad_id).where(Acuerdo.texto == "Limpiar cunetas")) == aid
        assert s.scalars(select(riesgo_actividad.c.riesgo_id).where(riesgo_actividad.c.actividad_id == aid)).all()
