"""Asistente «Plan operativo (POA)»: vista previa con fechas y rechazos, importar como una orden, deshacer/rehacer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from nucleo.modelo import Territorio
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from ui import ajustes as modulo_ajustes
from ui.contexto import Contexto
from ui.dialogos.importar_poa import DialogoImportarPoa, importar_poa_en

POA = Path(__file__).resolve().parents[3] / "shared" / "datos" / "planillas_reales" / "sv_alcaldia_plantilla_poa.xlsx"
HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo, tmp_path):
    modulo_ajustes.usar_archivo(tmp_path / "ajustes.ini")
    yield Contexto(expediente_demo)
    modulo_ajustes.usar(None)


def _plan(ctx) -> int:
    def crear(s):
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        return pl.crear_plan(s, ctx.municipio_id, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2025, 1, 2)))

    return ctx.escribir(crear, "plan")


def _cuenta(ctx, plan_id) -> tuple[int, int]:
    return ctx.leer(lambda s: (len(act.listar_actividades(s, plan_id, HOY)), len(pl.listar_resultados(s, plan_id))))


def test_vista_previa_importar_deshacer_rehacer(qtbot, qtmodeltester, ctx):
    plan_id = _plan(ctx)
    d = DialogoImportarPoa(ctx, plan_id, ruta=POA)
    qtbot.addWidget(d)
    qtmodeltester.check(d.modelo)
    filas = d.modelo.filas()
    assert [f.tipo for f in filas].count("resultado") == 6
    assert [f.tipo for f in filas].count("proyecto") == 1 and [f.tipo for f in filas].count("actividad") == 12
    texto = {d.modelo.index(r, 3).data(): r for r in range(d.modelo.rowCount())}
    fila = next(r for t, r in texto.items() if "Realizar el proceso UCP" in t)
    assert d.modelo.index(fila, 5).data() == "02/01/2025" and d.modelo.index(fila, 6).data() == "31/01/2025"
    assert "año 2025 (del título)" in d.resumen.text()
    assert "1 proyecto, 6 resultados y 12 actividades" in d.resumen.text()
    assert "otra moneda" in d.avisos.text() and "15 filas vacías" in d.avisos.text()
    assert d.boton_importar.isEnabled()

    r = d.importar()
    assert (r.proyectos, r.resultados, r.actividades) == (1, 6, 12)
    assert _cuenta(ctx, plan_id) == (13, 6)
    assert not d.boton_importar.isEnabled()  # imported once
    ctx.pila.undo()
    assert _cuenta(ctx, plan_id) == (0, 0)
    ctx.pila.redo()
    assert _cuenta(ctx, plan_id) == (13, 6)
    proyecto = ctx.leer(lambda s: act.listar_actividades(s, plan_id, HOY))[0]
    assert proyecto.nombre == "Santa Ana Limpia" and proyecto.es_resumen


def test_archivo_que_no_es_poa_y_plan_en_ejecucion(qtbot, ctx, tmp_path):
    from openpyxl import Workbook

    ajeno = tmp_path / "ajeno.xlsx"
    libro = Workbook()
    libro.active.append(["Nombre"])
    libro.save(ajeno)
    plan_id = _plan(ctx)
    d = DialogoImportarPoa(ctx, plan_id, ruta=ajeno)
    qtbot.addWidget(d)
    assert not d.error.isHidden() and "no parece un Plan Operativo Anual" in d.error.text()
    assert not d.boton_importar.isEnabled()

    def en_ejecucion(s):
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Barrio San Miguel"))
        return pl.plan_del_territorio(s, ctx.municipio_id, tid)

    otro = ctx.leer(en_ejecucion)
    antes = _cuenta(ctx, otro)
    e = importar_poa_en(ctx, otro)
    qtbot.addWidget(e)
    e.campo_ruta.setText(str(POA))
    e.leer()
    assert e.importar() is None
    assert "ya no se modifica" in e.error.text()
    assert _cuenta(ctx, otro) == antes and ctx.pila.count() == 0
