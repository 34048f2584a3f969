"""Riesgos en Excel: ida y vuelta por el esquema, y las planillas reales de riesgos de otros
(../shared/datos/planillas_reales): la chica entra con el mapeo correcto; las grandes se informan fila por fila y
columna por columna, sin romper nada."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.excel import esquema_de, exportar_excel
from nucleo.exportar.excel.esquemas.riesgos import leer_codigos
from nucleo.importar import importar, importar_archivo, informe, leer_libro
from nucleo.modelo import Actor, PlanAccion, Riesgo, Territorio
from nucleo.servicios import riesgos as rs
from nucleo.servicios.plan import nodos_del_plan

HOY = date(2026, 11, 18)
PLANILLAS = Path(__file__).resolve().parents[3] / "shared" / "datos" / "planillas_reales"
GRANDES = ("co_zte_matriz_riesgos_actualizada.xlsx", "co_zte_matriz_riesgos_controles_BSC_RNC_V5.xlsx")


def _ids(exp) -> set[int]:
    with exp.sesion() as s:
        return set(s.scalars(select(Riesgo.id)))


def _filas(exp) -> list[dict]:
    with exp.sesion() as s:
        return [dict(f) for f in esquema_de("riesgos").filas(s, exp.municipio_id)]


def test_ida_y_vuelta(expediente_demo, tmp_path):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.sesion() as s:
        plan_id = s.scalar(select(PlanAccion.id).order_by(PlanAccion.id))
        nodos = [n for n in nodos_del_plan(s, plan_id) if not n.es_resumen]
        gobernacion = s.scalar(select(Actor.id).where(Actor.nombre == "Gobernación de Central"))
        industrial = s.scalar(select(Territorio.id).where(Territorio.nombre == "Barrio Industrial"))
    with exp.transaccion() as s:
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(
            plan_id=plan_id, escenario="Se atrasa la transferencia de la Gobernación",
            signos_alerta="El convenio no se firma; a fin de mes", acciones_preventivas="Seguimiento semanal",
            reduccion_danos="Adelantar fondos municipales", ajustes_programa="Reordenar la obra",
            probabilidad=4, impacto=5, responsable_id=gobernacion, estado="materializado",
            proxima_revision=date(2026, 12, 1), notas="Hablado en la mesa",
            actividades=(nodos[2].id, nodos[0].id)))
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(territorio_id=industrial, escenario="Cierre de la fábrica",
                                               probabilidad=2, impacto=3))
    antes = _filas(exp)
    archivo = tmp_path / "riesgos.xlsx"
    with exp.sesion() as s:
        assert exportar_excel(s, mid, esquema_de("riesgos"), archivo).filas == len(antes)
    hoja = load_workbook(archivo, read_only=True)["Riesgos"]
    filas_hoja = list(hoja.iter_rows(values_only=True))
    encabezado = filas_hoja[0]
    assert encabezado[:8] == ("Territorio", "Escenario de crisis", "Signos de alerta", "Acciones preventivas",
                              "Reducción de daños", "Ajustes al programa", "Probabilidad (1–5)", "Impacto (1–5)")
    gob = next(f for f in filas_hoja if f[1] == "Se atrasa la transferencia de la Gobernación")
    columna = {c: k for k, c in enumerate(encabezado)}
    assert gob[columna["Nivel (calculado)"]] == "Extremo"
    assert gob[columna["Responsable"]] == "Gobernación de Central" and gob[columna["Estado"]] == "Materializado"
    assert gob[columna["Actividades amenazadas"]] == f"{nodos[0].codigo}; {nodos[2].codigo}"

    # Delete them all, then bring them back from the workbook: the same rows.
    with exp.transaccion() as s:
        for rid in sorted(_ids(exp)):
            rs.eliminar_riesgo(s, rid)
    assert _filas(exp) == []
    _lectura, r = importar_archivo(exp, archivo, "riesgos")
    assert r.ok, informe(r.problemas)
    assert r.creados == len(antes)
    assert _filas(exp) == antes


def test_la_planilla_chica_de_riesgos_entra_con_el_mapeo_correcto(expediente_demo):
    exp = expediente_demo
    lectura = leer_libro(PLANILLAS / "bmontilla_matriz_de_riesgos.xlsx", esquema_de("riesgos"))
    # Row 1 groups the columns (IDENTIFICACIÓN DEL RIESGO, NIVEL DE RIESGO INHERENTE/RESIDUAL); row 2 has the names.
    assert (lectura.hoja, lectura.fila_encabezado, lectura.total) == ("Calificación", 2, 10)
    assert {lectura.nombre_columna(j): campo for j, campo in lectura.mapeo.items()} == {
        "B (RIESGO)": "escenario", "C (PROBABILIDAD NRI)": "probabilidad", "D (IMPACTO NRI)": "impacto"}
    antes = _ids(exp)
    with exp.transaccion() as s:
        r = importar(s, exp.municipio_id, lectura)
    assert r.ok, informe(r.problemas)
    assert r.creados == 10
    assert "A (ID RIESGO)" in r.avisos[-1] and "E (PROBABILIDAD NRR)" in r.avisos[-1]
    with exp.sesion() as s:
        plan_id = s.scalar(select(PlanAccion.id).order_by(PlanAccion.id))  # the only plan: rows without territory go there
        nuevos = {f.escenario: f for f in rs.listar_riesgos(s, exp.municipio_id, HOY) if f.id not in antes}
    assert len(nuevos) == 10 and {f.plan_id for f in nuevos.values()} == {plan_id}
    hurto = nuevos["HURTO"]
    assert (hurto.probabilidad, hurto.impacto, hurto.nivel_texto, hurto.estado) == (4, 5, "Extremo", "abierto")
    assert (hurto.territorio, hurto.responsable, hurto.proxima_revision) == ("Barrio San Miguel", "", None)
    assert (nuevos["DESCARGAS ELECTRICAS"].probabilidad, nuevos["DESCARGAS ELECTRICAS"].impacto) == (3, 3)


def test_sin_territorio_y_con_varios_planes_se_pide_en_cada_fila(expediente_demo):
    exp = expediente_demo
    from nucleo.servicios import plan as pl

    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        pl.crear_plan(s, exp.municipio_id, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2027, 2, 1)))
    antes = _ids(exp)
    lectura = leer_libro(PLANILLAS / "bmontilla_matriz_de_riesgos.xlsx", esquema_de("riesgos"))
    with exp.transaccion() as s:
        r = importar(s, exp.municipio_id, lectura)
    assert not r.ok and r.creados == 0
    assert [p.fila for p in r.problemas] == list(range(3, 13))
    assert all(p.columna == "«Territorio»" for p in r.problemas)
    assert "tiene 2 Planes de Acción (Barrio San Miguel, Compañía Cerrito)" in r.problemas[0].mensaje
    assert _ids(exp) == antes


@pytest.mark.parametrize("archivo", GRANDES)
def test_las_planillas_grandes_se_informan_sin_romper_nada(expediente_demo, archivo):
    exp = expediente_demo
    antes = _ids(exp)
    try:
        lectura = leer_libro(PLANILLAS / archivo, esquema_de("riesgos"))
    except ErrorDeUsuario as exc:  # rejected whole: it says why, in Spanish
        assert str(exc).startswith(f"«{archivo}»")
        return
    # The «Matriz de riesgos» sheet: headers in row 9 (sub-headers in row 10), one risk spread over several rows.
    assert (lectura.hoja, lectura.fila_encabezado) == ("Matriz de riesgos", 9)
    mapeo = {lectura.nombre_columna(j): campo for j, campo in lectura.mapeo.items()}
    assert mapeo["H (Riesgo)"] == "escenario" and mapeo["Q (Probabilidad)"] == "probabilidad"
    assert mapeo["R (Impacto)"] == "impacto" and mapeo["G (Responsable)"] == "responsable_id"
    assert mapeo["O (Causa)"] == "signos_alerta" and mapeo["W (Descripción del Control)"] == "acciones_preventivas"
    assert "nivel" not in mapeo.values()  # «Tipo de evento (nivel 1)» is not the computed level
    with exp.transaccion() as s:
        r = importar(s, exp.municipio_id, lectura)
    assert not r.ok and r.creados == 0 and r.ids == []
    texto = informe(r.problemas, archivo)
    assert all(p.fila is not None and p.columna for p in r.problemas)
    assert "Hoja «Matriz de riesgos», fila 11, columna Q (Probabilidad): «" in texto
    assert "no es un valor de la escala: escriba un número de 1 a 5" in texto
    assert "columna G (Responsable): No hay un actor llamado «Por definir»" in texto
    assert "Falta «Escenario de crisis»: es obligatoria." in texto  # the continuation rows of a merged risk
    assert "Traceback" not in texto
    assert _ids(exp) == antes


def test_codigos_de_actividades():
    assert leer_codigos("1.2; 3.4, 5") == ["1.2", "3.4", "5"]
    assert leer_codigos("1.2 Taller de padres\n1.2") == ["1.2"]
    assert leer_codigos(None) == []
    with pytest.raises(ValueError, match="«Adecuadas» no es un código de actividad"):
        leer_codigos("Adecuadas")


def test_actividad_que_no_esta_en_el_plan(expediente_demo, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Territorio", "Escenario de crisis", "Probabilidad", "Impacto", "Estado", "Actividades amenazadas"])
    ws.append(["Barrio San Miguel", "Corte de luz", 2, 2, "Controlado", "1.1; 99.9"])
    archivo = tmp_path / "propia.xlsx"
    wb.save(archivo)
    _lectura, r = importar_archivo(expediente_demo, archivo, "riesgos")
    assert not r.ok
    assert [(p.fila, p.columna) for p in r.problemas] == [(2, "F (Actividades amenazadas)")]
    assert "no tiene la(s) actividad(es) 99.9" in r.problemas[0].mensaje
