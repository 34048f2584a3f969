"""Importar un POA de alcaldía: la planilla real (sv_alcaldia_plantilla_poa.xlsx) y sus casos difíciles."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from nucleo.calendario import Calendario
from nucleo.errores import ErrorDeUsuario
from nucleo.importar.poa import importar_poa, leer_poa, previa
from nucleo.modelo import Territorio
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.dias_especiales import calendario_de

POA = Path("/work/shared/datos/planillas_reales/sv_alcaldia_plantilla_poa.xlsx")
if not POA.exists():  # the repository's copy of the shared data, when run from elsewhere
    POA = Path(__file__).resolve().parents[3] / "shared" / "datos" / "planillas_reales" / POA.name
HOY = date(2026, 11, 18)


def _plan(exp, territorio: str = "Compañía Cerrito") -> int:
    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == territorio))
        return pl.crear_plan(s, exp.municipio_id, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2025, 1, 2)))


def test_lee_la_planilla_real():
    lectura = leer_poa(POA)
    assert (lectura.anio, lectura.anio_del_titulo, lectura.fila_encabezado) == (2025, True, 12)
    assert lectura.proyectos == ["Santa Ana Limpia"]  # C14:C15 merged, carried down to every activity
    assert len(lectura.metas) == 6 and len(lectura.actividades) == 12
    assert lectura.rechazos == []
    assert lectura.saltadas == 15  # the numbered, empty rows under «Actividades no planificadas»
    por_fila = {a.fila: a for a in lectura.actividades}
    assert por_fila[17].meta.startswith("Verificar que se este cumpliendo")  # D16:D17 merged
    assert por_fila[17].meses == (3, 6, 9, 12) and por_fila[17].texto_meses == "mar, jun, sep, dic"
    aviso = lectura.aviso_moneda()
    assert "otra moneda" in aviso and "fila 15: 1.188.000" in aviso and "fila 14: 653,38" in aviso


def test_fechas_en_el_calendario_de_paraguay():
    lectura = leer_poa(POA)
    cal = Calendario()
    filas = {f.fila: f for f in previa(lectura, cal) if f.tipo == "actividad"}
    # January: the 1st is a holiday, so the first working day is Thursday 2 January 2025.
    assert (filas[15].inicio, filas[15].fin, filas[15].duracion) == (date(2025, 1, 2), date(2025, 1, 31), 22)
    assert filas[14].inicio == date(2025, 8, 1) and filas[14].fin == date(2025, 8, 29)  # Friday 29 (30-31 weekend)
    assert filas[16].inicio == cal.siguiente_habil(date(2025, 3, 1)) and filas[16].fin == date(2025, 12, 31)
    assert all(f.inicio.year == 2025 and cal.es_habil(f.inicio) and cal.es_habil(f.fin) for f in filas.values())


def test_importa_la_planilla_real_en_un_plan(expediente_demo):
    exp = expediente_demo
    plan_id = _plan(exp)
    lectura = leer_poa(POA)
    with exp.transaccion() as s:
        r = importar_poa(s, plan_id, lectura)
    assert (r.proyectos, r.resultados, r.actividades) == (1, 6, 12)
    assert any("otra moneda" in a for a in r.avisos)
    assert any("Se saltaron 15 filas" in a for a in r.avisos)
    with exp.sesion() as s:
        filas = act.listar_actividades(s, plan_id, HOY)
        resultados = pl.listar_resultados(s, plan_id)
        cal = calendario_de(s, exp.municipio_id)
        assert [x.codigo for x in resultados] == ["R1", "R2", "R3", "R4", "R5", "R6"]
        proyecto, *detalle = filas
        assert (proyecto.codigo, proyecto.nombre, proyecto.es_resumen) == ("1", "Santa Ana Limpia", True)
        assert len(detalle) == 12 and all(f.padre_id == proyecto.id for f in detalle)
        cuarta = detalle[3]
        assert cuarta.resultado_codigo == "R2" and cuarta.medio_verificacion == "Bitacora"
        assert cuarta.inicio_fijo == cal.siguiente_habil(date(2025, 3, 1)) and cuarta.fin == date(2025, 12, 31)
        assert act.obtener_actividad(s, cuarta.id).notas.startswith("Programado: mar, jun, sep, dic")
        assert proyecto.inicio == date(2025, 1, 2) and proyecto.fin == date(2025, 12, 31)
        assert all(f.costo == 0 for f in filas)  # the other currency is not taken as guaraníes


def test_filas_que_no_sirven_se_rechazan_con_motivo(tmp_path):
    copia = tmp_path / "poa.xlsx"
    shutil.copy(POA, copia)
    libro = load_workbook(copia)
    hoja = libro.worksheets[0]
    for mes in ("G", "K", "O", "T", "X", "AB", "AH", "AL", "AP", "AU", "AY", "BC"):
        hoja[f"{mes}18"] = None  # row 18: nothing programmed
    hoja["E19"] = "#REF!"  # a broken formula's value
    hoja["E30"] = "Reunión imprevista con la gobernación"  # unplanned, with text but no month
    hoja["E3"] = "PLAN OPERATIVO ANUAL"  # no year in the title
    hoja["B3"] = "FORMATO POA"
    libro.save(copia)
    with pytest.raises(ErrorDeUsuario) as exc:
        leer_poa(copia)
    assert exc.value.campo == "anio" and "indique el año" in exc.value.mensaje
    lectura = leer_poa(copia, anio=2026)
    assert lectura.anio == 2026 and not lectura.anio_del_titulo
    motivos = {r.fila: r.motivo for r in lectura.rechazos}
    assert set(motivos) == {18, 19, 30}
    assert "no tiene ningún mes con «Programado»" in motivos[18]
    assert "error de fórmula" in motivos[19] and "#REF!" in motivos[19]
    assert "no tiene ningún mes" in motivos[30]
    assert str(lectura.rechazos[0]).startswith("Fila 18: ")
    assert len(lectura.actividades) == 10 and lectura.saltadas == 14


def test_no_es_un_poa(tmp_path):
    from openpyxl import Workbook

    libro = Workbook()
    libro.active.append(["Nombre", "Apellido"])
    ruta = tmp_path / "otra.xlsx"
    libro.save(ruta)
    with pytest.raises(ErrorDeUsuario, match="no parece un Plan Operativo Anual"):
        leer_poa(ruta)


def test_plan_que_no_se_puede_modificar(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:  # the demo's plan is «en ejecución»
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Barrio San Miguel"))
        plan_id = pl.plan_del_territorio(s, exp.municipio_id, tid)
        antes = (len(act.listar_actividades(s, plan_id, HOY)), len(pl.listar_resultados(s, plan_id)))
    with exp.transaccion() as s, pytest.raises(ErrorDeUsuario, match="ya no se modifica"):
        importar_poa(s, plan_id, leer_poa(POA))
    with exp.sesion() as s:
        assert (len(act.listar_actividades(s, plan_id, HOY)), len(pl.listar_resultados(s, plan_id))) == antes
