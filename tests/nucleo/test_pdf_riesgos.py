"""Impreso de la matriz de riesgos (A4 apaisado): mapa de calor con los rótulos de la matriz, niveles con su
acción, «por revisar» y la tabla con todas las columnas del 004."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf.documentos import IMPRESOS, exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Actor, PlanAccion
from nucleo.servicios import riesgos as rs
from nucleo.servicios.plan import nodos_del_plan

HOY = date(2026, 11, 18)


def _plano(paginas: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(paginas))


def _sembrar(exp) -> int:
    mid = exp.municipio_id
    with exp.sesion() as s:
        plan_id = s.scalar(select(PlanAccion.id).order_by(PlanAccion.id))
        nodo = next(n for n in nodos_del_plan(s, plan_id) if not n.es_resumen)
        muni = s.scalar(select(Actor.id).where(Actor.nombre == "Municipalidad de Villeta"))
    with exp.transaccion() as s:
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(
            plan_id=plan_id, escenario="Lluvias intensas inundan las calles", signos_alerta="Pronóstico de 80 mm",
            acciones_preventivas="Limpieza de desagües", reduccion_danos="Mudar el apoyo escolar",
            ajustes_programa="Correr la obra dos semanas", probabilidad=4, impacto=5, responsable_id=muni,
            proxima_revision=HOY - timedelta(days=2), actividades=(nodo.id,)))
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="Renuncia de la facilitadora",
                                               probabilidad=1, impacto=2, estado="cerrado"))
        # A long text is cut so the row fits on one sheet, and the printout says so.
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="Conflicto " + "largo " * 320,
                                               probabilidad=2, impacto=3))
    return plan_id


def test_registrado_como_impreso_del_plan():
    assert IMPRESOS["riesgos"].pide_id == "plan"
    assert IMPRESOS["riesgos"].funcion == "nucleo.exportar.pdf.riesgos:imprimir"


def test_impreso_de_la_matriz(expediente_demo, tmp_path):
    exp = expediente_demo
    plan_id = _sembrar(exp)
    destino = tmp_path / "riesgos.pdf"
    with exp.sesion() as s:
        exportar_pdf("riesgos", s, exp.municipio_id, destino, hoy=HOY, id=plan_id)
        nodo = next(n for n in nodos_del_plan(s, plan_id) if not n.es_resumen)
    datos = destino.read_bytes()
    cajas = [tuple(float(x) for x in m) for m in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", datos)]
    assert cajas and all(ancho > alto for ancho, alto in cajas)  # A4 landscape
    paginas = texto_de_pdf(destino)
    texto = _plano(paginas)
    assert "Matriz de riesgos: Plan de Acción Barrio San Miguel" in texto
    assert "Barrio San Miguel · plan en ejecución · situación al 18 de noviembre de 2026" in texto
    # The heat map's axes come from the matrix; the legend says what each level asks for.
    for rotulo in ("Rara vez", "Casi seguro", "Insignificante", "Catastrófico", "Probabilidad", "Impacto"):
        assert rotulo in texto
    assert "Atención inmediata del Coordinador Municipal y aviso al Intendente." in texto
    assert "Por revisar" in texto and "vencida" in texto
    for columna in ("Escenario de crisis", "Signos de alerta", "Acciones preventivas", "Reducción de daños",
                    "Ajustes al programa", "Próxima revisión", "Actividades amenazadas"):
        assert columna in texto
    assert "Lluvias intensas inundan las calles" in texto and "Correr la obra dos semanas" in texto
    assert "Extremo" in texto and "Municipalidad de Villeta" in texto and "16/11/2026" in texto
    assert nodo.codigo in texto and "Cerrado" in texto
    assert "Los textos muy largos se cortaron" in texto
    assert "None" not in texto


def test_plan_sin_riesgos_y_plan_que_no_existe(expediente_demo, tmp_path):
    exp = expediente_demo
    from nucleo.modelo import Territorio
    from nucleo.servicios import plan as pl

    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        pid = pl.crear_plan(s, exp.municipio_id, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2027, 2, 1)))
    with exp.sesion() as s:
        exportar_pdf("riesgos", s, exp.municipio_id, tmp_path / "vacio.pdf", hoy=HOY, id=pid)
        with pytest.raises(ErrorDeUsuario, match="No se encontró el Plan de Acción n.º 999"):
            exportar_pdf("riesgos", s, exp.municipio_id, tmp_path / "x.pdf", hoy=HOY, id=999)
        with pytest.raises(ErrorDeUsuario, match="indique el Plan de Acción"):
            exportar_pdf("riesgos", s, exp.municipio_id, tmp_path / "x.pdf", hoy=HOY)
    assert "todavía no tiene riesgos cargados" in _plano(texto_de_pdf(tmp_path / "vacio.pdf"))
