"""Pestaña «Indicadores»: alta por el diálogo, mediciones en el gráfico, cumplimiento, permisos y deshacer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nucleo.modelo import Actividad, PlanAccion, Resultado, Territorio
from ui.contexto import Contexto
from ui.dialogos.indicador import DialogoIndicador, DialogoMedicion
from ui.widgets.panel_indicadores import PanelIndicadores

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan(ctx):
    """Plan en borrador de Compañía Cerrito con R1 y R2 y tres actividades; devuelve (plan_id, r1, r2)."""
    with ctx.expediente.transaccion() as s:
        mid = ctx.municipio_id
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        p = PlanAccion(municipio_id=mid, territorio_id=tid, titulo="Plan Cerrito", estado="borrador",
                       inicio=date(2026, 3, 2))
        s.add(p)
        s.flush()
        r1 = Resultado(municipio_id=mid, plan_id=p.id, codigo="R1", descripcion="Agua segura en cada hogar", orden=1)
        r2 = Resultado(municipio_id=mid, plan_id=p.id, codigo="R2", descripcion="Camino transitable", orden=2)
        s.add_all([r1, r2])
        for nombre, dur, avance, fin, lado in (("Pozo", 10, 100, date(2026, 10, 1), "municipalidad"),
                                               ("Red", 30, 50, date(2026, 11, 2), "municipalidad"),
                                               ("Minga", 5, 0, date(2027, 2, 1), "comunidad")):
            s.add(Actividad(municipio_id=mid, plan_id=p.id, nombre=nombre, duracion=dur, avance=avance, fin=fin,
                            lado=lado))
        s.flush()
        return p.id, r1.id, r2.id


@pytest.fixture
def panel(ctx, plan, qtbot):
    p = PanelIndicadores(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.fijar_plan(plan[0])
    return p


def _estado(ctx, plan_id: int, estado: str) -> None:
    with ctx.expediente.transaccion() as s:
        s.get(PlanAccion, plan_id).estado = estado
    ctx.cambiado.emit({"plan"})


def _nuevo_indicador(ctx, qtbot, plan_id: int, resultado_id: int) -> int:
    d = DialogoIndicador(ctx, plan_id, resultado_id=resultado_id)
    qtbot.addWidget(d)
    d.nombre.setText("Hogares con agua segura")
    d.unidad.setText("hogares")
    d.base_valor.setText("40")
    d.base_fecha.fijar(date(2026, 3, 1))
    d.meta_valor.setText("240")
    d.meta_fecha.fijar(date(2027, 6, 30))
    assert d.guardar()
    return d.indicador_id


def test_alta_por_el_dialogo_y_modelos_sanos(panel, ctx, plan, qtbot, qtmodeltester):
    plan_id, r1, _r2 = plan
    assert panel.pila.currentWidget() is panel.vacio and panel.vacio.boton.isEnabled()
    d = DialogoIndicador(ctx, plan_id, resultado_id=r1)
    qtbot.addWidget(d)
    assert d.resultado.currentText().startswith("R1 — Agua segura")
    d.meta_valor.setText("mucho")
    assert not d.guardar()
    assert d.error_de("meta_valor").startswith("«mucho» no es un número")
    assert d.error_de("nombre") == "Escriba el nombre del indicador."
    d.nombre.setText("Hogares con agua segura")
    d.base_valor.setText("40")
    d.base_fecha.fijar(date(2026, 3, 1))
    d.meta_valor.setText("20")
    d.meta_fecha.fijar(date(2027, 6, 30))
    assert not d.guardar()
    assert "Disminuir" in d.error_de("meta_valor")
    d.meta_valor.setText("240")
    assert d.guardar()
    iid = d.indicador_id
    assert panel.modelo.buscar_id(iid) >= 0 and panel.indicador_actual() in (iid, None)
    assert panel.seleccionar(iid)
    assert panel.modelo.fila(0).resultado_codigo == "R1"
    qtmodeltester.check(panel.modelo)
    qtmodeltester.check(panel.proxy)
    qtmodeltester.check(panel.modelo_mediciones)
    ctx.pila.undo()
    assert panel.modelo.rowCount() == 0


def test_una_medicion_aparece_en_el_grafico_y_se_deshace(panel, ctx, plan, qtbot):
    plan_id, r1, _r2 = plan
    iid = _nuevo_indicador(ctx, qtbot, plan_id, r1)
    assert panel.seleccionar(iid)
    assert panel.grafico.puntos == [] and (panel.grafico.base, panel.grafico.meta) == (40, 240)
    m = DialogoMedicion(ctx, iid, hoy=HOY, unidad="hogares")
    qtbot.addWidget(m)
    assert m.fecha.fecha() == HOY
    m.fecha.fijar(date(2026, 9, 30))
    m.valor.setText("140")
    m.fuente.setText("USF")
    assert m.guardar()
    assert panel.grafico.puntos == [(date(2026, 9, 30), 140.0)]
    assert panel.modelo_mediciones.rowCount() == 1
    fila = panel.fila_actual()
    assert fila.cumplimiento_texto == "50%" and fila.estado_texto == "En curso"
    assert panel.bloque.indicadores.texto() == "50%"
    # Same day again: refused with the service's message next to the date.
    otra = DialogoMedicion(ctx, iid, hoy=HOY)
    qtbot.addWidget(otra)
    otra.fecha.fijar(date(2026, 9, 30))
    otra.valor.setText("150")
    assert not otra.guardar()
    assert otra.error_de("fecha").startswith("Ya hay una medición del 30/09/2026")
    ctx.pila.undo()
    assert panel.grafico.puntos == []


def test_cumplimiento_del_plan_en_el_bloque(panel):
    # Due by HOY: Pozo 10·100 + Red 30·50 = 2500 over 40 -> 62,5 % (Minga ends in 2027).
    assert panel.bloque.plan.texto() == "63%"
    assert panel.bloque.municipal.texto() == "63%"
    assert panel.bloque.comunidad.texto() == "—"
    assert "2 de 3 actividades ya debían terminar" in panel.bloque.resumen.text()


def test_plan_en_ejecucion_bloquea_la_estructura_pero_no_las_mediciones(panel, ctx, plan, qtbot, monkeypatch):
    plan_id, r1, _r2 = plan
    iid = _nuevo_indicador(ctx, qtbot, plan_id, r1)
    assert panel.seleccionar(iid)
    assert panel.accion_nuevo.isEnabled() and panel.accion_eliminar.isEnabled()
    _estado(ctx, plan_id, "en_ejecucion")
    assert panel.seleccionar(iid)
    assert not panel.accion_nuevo.isEnabled() and not panel.accion_eliminar.isEnabled()
    assert "ya no se modifican" in panel.accion_nuevo.toolTip()
    assert panel.accion_editar.text() == "Ver ficha"
    assert panel.accion_medicion.isEnabled()
    _estado(ctx, plan_id, "cerrado")
    assert panel.seleccionar(iid)
    assert not panel.accion_medicion.isEnabled()


def test_eliminar_pide_confirmacion_y_se_deshace(panel, ctx, plan, qtbot, monkeypatch):
    plan_id, r1, _r2 = plan
    iid = _nuevo_indicador(ctx, qtbot, plan_id, r1)
    assert panel.seleccionar(iid)
    preguntas = []
    monkeypatch.setattr(panel, "confirmar", lambda titulo, texto: preguntas.append(texto) or True)
    assert panel.eliminar()
    assert "¿Eliminar el indicador «Hogares con agua segura»?" in preguntas[0]
    assert panel.modelo.buscar_id(iid) < 0
    ctx.pila.undo()
    assert panel.modelo.buscar_id(iid) >= 0


def test_excel_de_indicadores_desde_la_pestana(panel, qtbot, monkeypatch, tmp_path):
    from openpyxl import load_workbook

    from ui import acciones_datos

    assert panel.datos.boton_excel.text() == "E&xcel ▾" and panel.datos.accion_importar.isEnabled()
    monkeypatch.setattr(acciones_datos.AccionesDatos, "pedir_destino", lambda *_a: tmp_path / "ind.xlsx")
    panel.datos.accion_exportar.trigger()
    qtbot.waitUntil(lambda: panel.datos.tarea is not None and not panel.datos.tarea.en_curso, timeout=60000)
    celdas = {c for fila in load_workbook(tmp_path / "ind.xlsx").worksheets[0].iter_rows(values_only=True)
              for c in fila}
    # The demo's plan (Barrio San Miguel) is in the municipality's workbook.
    assert {"Barrio San Miguel", "Metros de desagüe pluvial construidos"} <= celdas
