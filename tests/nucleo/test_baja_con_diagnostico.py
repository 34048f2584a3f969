"""Deshacer la baja de un territorio, un actor o una oportunidad devuelve también el diagnóstico que los nombraba
(la demo trae el de Compañía Cerrito: necesidades, cruces, árbol, DAFO y un compromiso firmado)."""

from __future__ import annotations

from sqlalchemy import select

from nucleo.modelo import (
    Convenio,
    CruceNecesidad,
    ItemDafo,
    Necesidad,
    NodoProblema,
    ParteConvenio,
    Territorio,
)
from nucleo.servicios.actores import eliminar_actor, restaurar_actor
from nucleo.servicios.oportunidades import eliminar_oportunidad, restaurar_oportunidad
from nucleo.servicios.territorios import eliminar_territorio, restaurar_territorio

MODELOS = (Necesidad, CruceNecesidad, NodoProblema, ItemDafo)


def _foto(s) -> dict:
    """Every diagnosis row, column by column (dates of change included): what undo must give back intact."""
    foto = {m.__tablename__: sorted(map(repr, (dict(f._mapping) for f in s.execute(select(m.__table__)))))
            for m in MODELOS}
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
