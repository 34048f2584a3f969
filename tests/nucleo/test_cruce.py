"""Cruce oferta–demanda: la regla de la sugerencia, las decisiones del coordinador (con deshacer) y las brechas."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario
from nucleo.modelo import Auditoria, CruceNecesidad, Oportunidad, Territorio
from nucleo.servicios import demo_necesidades
from nucleo.servicios.cruce import (
    CONFIRMADA,
    DESCARTADA,
    SUGERIDA,
    brechas,
    cruce,
    decidir,
    siguiente_decision,
    sugiere,
)
from nucleo.servicios.necesidades import (
    DatosNecesidad,
    contar_necesidades,
    crear_necesidad,
    listar_necesidades,
)
from nucleo.servicios.oportunidades import eliminar_oportunidad, listar_oportunidades, restaurar_oportunidad

HOY = date(2026, 11, 18)


def _territorio(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def _oportunidad(s, nombre: str) -> int:
    return s.scalar(select(Oportunidad.id).where(Oportunidad.nombre == nombre))


@pytest.fixture
def exp(expediente_demo):
    # The demo seeds the needs itself once demo_necesidades is wired in demo.py; before that, do it here.
    with expediente_demo.transaccion() as s:
        if not contar_necesidades(s, expediente_demo.municipio_id):
            demo_necesidades.sembrar(s, expediente_demo.municipio_id, HOY)
    return expediente_demo


# -- la regla -----------------------------------------------------------------------------------------------------
def _una_necesidad(s, mid, territorio: str, **campos):
    tid = _territorio(s, territorio)
    nid = crear_necesidad(s, mid, DatosNecesidad(territorio_id=tid, descripcion="Prueba de la regla", **campos), HOY)
    return next(f for f in listar_necesidades(s, mid, tid) if f.id == nid)


def test_la_sugerencia_pide_pilar_poblacion_cobertura_y_vigencia(expediente_demo):
    mid = expediente_demo.municipio_id
    with expediente_demo.sesion() as s:
        o = {f.nombre: f for f in listar_oportunidades(s, mid, HOY)}
        n = _una_necesidad(s, mid, "Compañía Cerrito", pilar="integracion_social", poblacion="primera_infancia")
        assert sugiere(o["Tekoporã"], n, HOY)  # whole district, pillar and population match
        assert not sugiere(o["Tenonderã"], n, HOY)  # another pillar
        assert not sugiere(o["Hambre Cero en las Escuelas"], n, HOY)  # niñez and adolescencia only
        assert sugiere(o["Taller de estimulación temprana (ejemplo)"], n, HOY)  # covers Cerrito by name
        en_otro = _una_necesidad(s, mid, "Barrio Industrial", pilar="integracion_social",
                                 poblacion="primera_infancia")
        assert not sugiere(o["Taller de estimulación temprana (ejemplo)"], en_otro, HOY)  # not that territory
        assert sugiere(o["Tekoporã"], en_otro, HOY)


def test_una_oportunidad_vencida_no_se_sugiere(expediente_demo):
    mid = expediente_demo.municipio_id
    with expediente_demo.sesion() as s:
        o = {f.nombre: f for f in listar_oportunidades(s, mid, HOY)}
        tid = _territorio(s, "Barrio Industrial")
        nid = crear_necesidad(s, mid, DatosNecesidad(territorio_id=tid, descripcion="Personas mayores solas",
                                                     pilar="integracion_social", poblacion="personas_mayores"), HOY)
        n = next(f for f in listar_necesidades(s, mid, tid) if f.id == nid)
        club = o["Club de personas mayores (ejemplo)"]  # ended 50 days ago
        assert not sugiere(club, n, HOY)
        assert sugiere(club, n, club.vigencia_hasta)  # the day it ended it still counted
        assert sugiere(replace(club, vigencia_hasta=None), n, HOY)
        assert not sugiere(club, n, club.vigencia_hasta + timedelta(days=1))


def test_sin_pilar_ni_poblacion_sugiere_todo_lo_que_cubre_el_territorio(expediente_demo):
    mid = expediente_demo.municipio_id
    with expediente_demo.sesion() as s:
        n = _una_necesidad(s, mid, "Barrio Industrial")
        oportunidades = listar_oportunidades(s, mid, HOY)
        sugeridas = {f.nombre for f in oportunidades if sugiere(f, n, HOY)}
        esperadas = {f.nombre for f in oportunidades
                     if (f.cobertura_distrital or n.territorio_id in f.territorio_ids)
                     and (f.vigencia_hasta is None or f.vigencia_hasta >= HOY)}
        assert sugeridas == esperadas and "Apoyo escolar comunitario (ejemplo)" in sugeridas
        # «Hogares» is a category like any other.
        hogares = _una_necesidad(s, mid, "Comunidad Yvy Porã", poblacion="hogares")
        o = {f.nombre: f for f in oportunidades}
        assert sugiere(o["Agua segura para la comunidad (ejemplo)"], hogares, HOY)
        assert not sugiere(o["Pensión Universal para Adultos Mayores"], hogares, HOY)


# -- la matriz ----------------------------------------------------------------------------------------------------
def test_la_matriz_de_cerrito(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        c = cruce(s, mid, _territorio(s, "Compañía Cerrito"), HOY)
        nombres = [o.nombre for o in c.oportunidades]
        # Only what relates to some need; the rest of the Mapa is offered apart.
        assert nombres[0] == "Asistencia técnica a pequeños productores (ejemplo)"  # answers priority 1
        assert "Agua segura para la comunidad (ejemplo)" not in nombres  # only Yvy Porã
        assert "Club de personas mayores (ejemplo)" not in nombres  # expired
        assert {o.nombre for o in c.otras}.isdisjoint(nombres)
        assert len(c.otras) + len(c.oportunidades) == len(listar_oportunidades(s, mid, HOY))
        assert [f.necesidad.prioridad for f in c.filas] == [1, 2, 2, 4, 5, 6, 7, None]
        agua = c.filas[2]
        assert agua.necesidad.descripcion.startswith("Falta agua segura")
        assert agua.es_brecha and not agua.confirmadas and len(agua.descartadas) == 3 and not agua.sugeridas
        tekopora = _oportunidad(s, "Tekoporã")
        assert agua.estado(tekopora) == DESCARTADA
        assert c.filas[7].estado(tekopora) == SUGERIDA and not c.filas[7].es_brecha  # not prioritised
        assert c.filas[0].estado(_oportunidad(s, "Asistencia técnica a pequeños productores (ejemplo)")) == CONFIRMADA
        assert c.priorizadas == 7 and c.sin_respuesta == 2
        assert c.resumen() == "7 necesidades priorizadas, 2 sin respuesta"
        assert [n.prioridad for n in c.brechas] == [2, 4]
        assert [n.id for n in brechas(s, mid, _territorio(s, "Compañía Cerrito"))] == [n.id for n in c.brechas]


def test_decidir_confirma_quita_y_devuelve_lo_anterior(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _territorio(s, "Compañía Cerrito")
        agua = cruce(s, mid, tid, HOY).filas[2].necesidad.id
        tekopora = _oportunidad(s, "Tekoporã")
        assert decidir(s, mid, agua, tekopora, CONFIRMADA) == DESCARTADA
        c = cruce(s, mid, tid, HOY)
        assert c.fila(agua).estado(tekopora) == CONFIRMADA and not c.fila(agua).es_brecha
        assert c.sin_respuesta == 1
        # None removes the decision: back to what the rule says (integración social and hogares: suggested).
        assert decidir(s, mid, agua, tekopora, None) == CONFIRMADA
        assert cruce(s, mid, tid, HOY).fila(agua).estado(tekopora) == SUGERIDA
        assert s.get(CruceNecesidad, (agua, tekopora)) is None
        assert decidir(s, mid, agua, tekopora, DESCARTADA) is None  # undo of the removal
        assert decidir(s, mid, agua, tekopora, DESCARTADA) == DESCARTADA  # same again: nothing changes
        resumenes = s.scalars(select(Auditoria.resumen).where(Auditoria.entidad == "cruce")).all()
        assert any("← Tekoporã: Confirmada" in r for r in resumenes)


def test_confirmar_una_oportunidad_no_sugerida_la_agrega_como_columna(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _territorio(s, "Compañía Cerrito")
        camino = cruce(s, mid, tid, HOY).filas[3].necesidad
        assert camino.descripcion.startswith("El camino vecinal")
        agua_yvy = _oportunidad(s, "Agua segura para la comunidad (ejemplo)")
        decidir(s, mid, camino.id, agua_yvy, CONFIRMADA)
        c = cruce(s, mid, tid, HOY)
        assert "Agua segura para la comunidad (ejemplo)" in [o.nombre for o in c.oportunidades]
        col = next(o for o in c.oportunidades if o.id == agua_yvy)
        assert not col.cubre and col.vigente
        assert c.sin_respuesta == 1


def test_decidir_rechaza_lo_que_no_corresponde(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        nid = listar_necesidades(s, mid, _territorio(s, "Compañía Cerrito"))[0].id
        tekopora = _oportunidad(s, "Tekoporã")
        with pytest.raises(ErrorDeUsuario, match="«Confirmada» o «Descartada»"):
            decidir(s, mid, nid, tekopora, "tal vez")
        with pytest.raises(ErrorDeUsuario, match="No se encontró la oportunidad"):
            decidir(s, mid, nid, 9999, CONFIRMADA)
        with pytest.raises(ErrorDeUsuario, match="No se encontró la necesidad"):
            decidir(s, mid, 9999, tekopora, CONFIRMADA)
        with pytest.raises(ErrorDeUsuario, match="ya no existen en este expediente"):
            decidir(s, mid + 1, nid, tekopora, CONFIRMADA)


def test_quitar_y_devolver_una_oportunidad_conserva_sus_cruces(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _territorio(s, "Compañía Cerrito")
        asistencia = _oportunidad(s, "Asistencia técnica a pequeños productores (ejemplo)")
        copia = eliminar_oportunidad(s, asistencia)
        c = cruce(s, mid, tid, HOY)
        assert c.filas[0].es_brecha and c.sin_respuesta == 3
        restaurar_oportunidad(s, copia)
        assert not cruce(s, mid, tid, HOY).filas[0].es_brecha


def test_ciclo_de_una_celda():
    assert siguiente_decision(SUGERIDA) == CONFIRMADA
    assert siguiente_decision("") == CONFIRMADA
    assert siguiente_decision(CONFIRMADA) == DESCARTADA
    assert siguiente_decision(DESCARTADA) is None


def test_un_territorio_sin_necesidades(exp):
    with exp.sesion() as s:
        c = cruce(s, exp.municipio_id, _territorio(s, "Barrio Industrial"), HOY)
    assert c.filas == () and c.oportunidades == () and c.brechas == ()
    assert c.resumen() == "0 necesidades priorizadas, 0 sin respuesta"


def test_un_territorio_de_otro_municipio_no_se_cruza(exp):
    with exp.sesion() as s, pytest.raises(ErrorDeUsuario):
        cruce(s, exp.municipio_id + 1, _territorio(s, "Compañía Cerrito"), HOY)
