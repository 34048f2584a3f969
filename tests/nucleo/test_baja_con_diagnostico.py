"""Deshacer la baja de un territorio, un actor o una oportunidad devuelve también el diagnóstico que los nombraba."""

from __future__ import annotations

from sqlalchemy import func, select

from nucleo.modelo import (
    Actor,
    Convenio,
    CruceNecesidad,
    ItemDafo,
    Necesidad,
    NodoProblema,
    Oportunidad,
    ParteConvenio,
    Territorio,
)
from nucleo.servicios.actores import eliminar_actor, restaurar_actor
from nucleo.servicios.oportunidades import eliminar_oportunidad, restaurar_oportunidad
from nucleo.servicios.territorios import eliminar_territorio, restaurar_territorio


def _sembrar(s, mid):
    t = s.scalars(select(Territorio).order_by(Territorio.id)).first()
    actor = s.scalars(select(Actor).order_by(Actor.id)).first()
    op = s.scalars(select(Oportunidad).order_by(Oportunidad.id)).first()
    nec = Necesidad(municipio_id=mid, territorio_id=t.id, descripcion="Agua potable", prioridad=1)
    s.add(nec)
    s.flush()
    s.add(CruceNecesidad(municipio_id=mid, necesidad_id=nec.id, oportunidad_id=op.id))
    central = NodoProblema(municipio_id=mid, territorio_id=t.id, tipo="problema", texto="Falta de agua")
    s.add(central)
    s.flush()
    causa = NodoProblema(municipio_id=mid, territorio_id=t.id, tipo="causa", texto="Red vieja", padre_id=central.id,
                         necesidad_id=nec.id)
    s.add(causa)
    s.add(ItemDafo(municipio_id=mid, territorio_id=t.id, cuadrante="fortalezas", texto="Comisión activa"))
    conv = Convenio(municipio_id=mid, territorio_id=t.id, titulo="Compromiso")
    s.add(conv)
    s.flush()
    s.add(ParteConvenio(municipio_id=mid, convenio_id=conv.id, actor_id=actor.id, nombre_parte=actor.nombre))
    s.flush()
    return t.id, actor.id, op.id, conv.id


def _contar(s, modelo):
    return s.scalar(select(func.count()).select_from(modelo))


def test_deshacer_la_baja_de_un_territorio_devuelve_su_diagnostico(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        tid, _a, _o, cid = _sembrar(s, exp.municipio_id)
    with exp.transaccion() as s:
        copia = eliminar_territorio(s, tid)
    with exp.sesion() as s:
        assert _contar(s, Necesidad) == 0 and _contar(s, NodoProblema) == 0 and _contar(s, ItemDafo) == 0
        assert s.get(Convenio, cid).territorio_id is None  # the agreement stays, without the territory
    with exp.transaccion() as s:
        restaurar_territorio(s, copia)
    with exp.sesion() as s:
        assert _contar(s, Necesidad) == 1 and _contar(s, CruceNecesidad) == 1 and _contar(s, ItemDafo) == 1
        causa = s.scalars(select(NodoProblema).where(NodoProblema.tipo == "causa")).one()
        assert causa.padre_id is not None and causa.necesidad_id is not None
        assert s.get(Convenio, cid).territorio_id == tid


def test_deshacer_la_baja_de_un_actor_devuelve_su_lugar_en_el_convenio(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        _t, aid, _o, _c = _sembrar(s, exp.municipio_id)
    with exp.transaccion() as s:
        copia = eliminar_actor(s, aid)
    with exp.sesion() as s:
        parte = s.scalars(select(ParteConvenio)).one()
        assert parte.actor_id is None and parte.nombre_parte  # the signed name is kept
    with exp.transaccion() as s:
        restaurar_actor(s, copia)
    with exp.sesion() as s:
        assert s.scalars(select(ParteConvenio)).one().actor_id == aid


def test_deshacer_la_baja_de_una_oportunidad_devuelve_su_cruce(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        _t, _a, oid, _c = _sembrar(s, exp.municipio_id)
    with exp.transaccion() as s:
        copia = eliminar_oportunidad(s, oid)
    with exp.sesion() as s:
        assert _contar(s, CruceNecesidad) == 0
    with exp.transaccion() as s:
        restaurar_oportunidad(s, copia)
    with exp.sesion() as s:
        assert s.scalars(select(CruceNecesidad)).one().oportunidad_id == oid
