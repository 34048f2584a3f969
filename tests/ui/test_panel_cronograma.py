"""Pestaña «Cronograma»: cada pedido del Gantt es una orden deshacible; línea base; EDT; la línea de cifras."""

from __future__ import annotations

from datetime import date

import pytest

from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.territorios import listar_territorios
from ui.contexto import Contexto
from ui.widgets.panel_cronograma import PanelCronograma

HOY = date(2026, 11, 18)
INICIO = date(2026, 12, 1)  # a Tuesday


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan(ctx):
    """Un plan chico: un grupo con dos tareas encadenadas, y un hito al final."""
    filas = ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id, HOY))
    tid = next(f.id for f in filas if f.nombre == "Compañía Cerrito")

    def crear(s):
        pid = pl.crear_plan(s, ctx.municipio_id, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=INICIO))
        grupo = act.crear_actividad(s, pid, act.DatosActividad(nombre="Agua segura"))
        a = act.crear_actividad(s, pid, act.DatosActividad(nombre="Diagnóstico", padre_id=grupo, duracion=3))
        b = act.crear_actividad(s, pid, act.DatosActividad(nombre="Compra de tanques", padre_id=grupo, duracion=5,
                                                           predecesoras=(act.DatosVinculo(a),)))
        c = act.crear_actividad(s, pid, act.DatosActividad(nombre="Entrega", duracion=0, hito=True))
        return {"plan": pid, "grupo": grupo, "a": a, "b": b, "c": c}

    return ctx.escribir(crear, "actividad")


@pytest.fixture
def panel(qtbot, ctx, plan):
    p = PanelCronograma(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1280, 700)
    p.fijar_plan(plan["plan"])
    return p


def _fila(ctx, plan, clave):
    return next(f for f in ctx.leer(lambda s: act.listar_actividades(s, plan["plan"], HOY)) if f.id == plan[clave])


def test_carga_el_gantt_y_la_linea_de_cifras(panel, plan, qtmodeltester):
    assert [f.codigo for f in panel.vista.filas()] == ["1", "1.1", "1.2", "2"]
    assert panel.vista.actividad_actual() == plan["grupo"]  # something to act on from the keyboard
    texto = panel.estado.text()
    assert texto.startswith("3 actividades · 2 críticas · fin previsto ")
    assert "sin línea base" in texto
    qtmodeltester.check(panel.vista.modelo())


def test_arrastrar_una_barra_la_mueve_y_ctrl_z_la_devuelve(panel, ctx, plan):
    antes = _fila(ctx, plan, "b")
    assert antes.inicio == date(2026, 12, 4)
    destino = date(2026, 12, 14)  # a Monday, a week later
    panel.vista.mover_pedido.emit(plan["b"], destino)
    despues = _fila(ctx, plan, "b")
    assert (despues.inicio, despues.inicio_fijo) == (destino, destino)
    assert ctx.pila.undoText().startswith("Mover «1.2 Compra de tanques» al 14/12/2026")
    ctx.pila.undo()
    assert (_fila(ctx, plan, "b").inicio, _fila(ctx, plan, "b").inicio_fijo) == (antes.inicio, None)
    assert next(f for f in panel.vista.filas() if f.id == plan["b"]).inicio == antes.inicio
    ctx.pila.redo()
    assert _fila(ctx, plan, "b").inicio == destino


def test_duracion_y_vinculo_pedidos_por_el_gantt(panel, ctx, plan):
    panel.vista.duracion_pedida.emit(plan["a"], 6)
    assert _fila(ctx, plan, "a").duracion == 6
    ctx.pila.undo()
    assert _fila(ctx, plan, "a").duracion == 3

    panel.vista.vinculo_pedido.emit(plan["b"], plan["c"])
    assert (plan["b"], "FC", 0) in _fila(ctx, plan, "c").predecesoras
    ctx.pila.undo()
    assert _fila(ctx, plan, "c").predecesoras == ()

    # A cycle is refused: a banner says why, nothing is stacked.
    antes = ctx.pila.count()
    panel.vista.vinculo_pedido.emit(plan["b"], plan["a"])
    assert not panel.aviso_error.isHidden() and "ciclo" in panel.aviso_error.text()
    assert ctx.pila.count() == antes


def test_linea_base_se_guarda_y_se_deshace(panel, ctx, plan):
    assert panel.accion_base.text() == "Guardar línea base"
    assert panel.guardar_linea_base(confirmar=False)
    r = ctx.leer(lambda s: pl.resumen_plan(s, plan["plan"], HOY))
    assert r.linea_base_en is not None and r.desvio == 0
    assert "sin desvío respecto de la línea base" in panel.estado.text()
    assert panel.accion_base.text() == "Actualizar línea base"
    panel.accion_ver_base.setChecked(True)
    assert panel.vista.linea_base_visible()

    panel.vista.duracion_pedida.emit(plan["b"], 8)  # three working days later than the baseline
    assert "desvío +3 días hábiles respecto de la línea base" in panel.estado.text()
    ctx.pila.undo()
    ctx.pila.undo()
    assert ctx.leer(lambda s: pl.resumen_plan(s, plan["plan"], HOY)).linea_base_en is None


def test_edt_sangrar_desangrar_vincular_y_eliminar(panel, ctx, plan):
    panel.seleccionar(plan["c"])
    assert panel.accion_vincular.isEnabled() and not panel.accion_desangrar.isEnabled()
    assert panel.vincular_con_anterior()  # Ctrl+L: the previous detail activity, «1.2»
    assert _fila(ctx, plan, "c").predecesoras == ((plan["b"], "FC", 0),)
    ctx.pila.undo()

    panel.seleccionar(plan["c"])
    assert panel.sangrar()
    assert _fila(ctx, plan, "c").codigo == "1.3" and panel.vista.actividad_actual() == plan["c"]
    assert panel.desangrar()
    assert _fila(ctx, plan, "c").codigo == "2"
    ctx.pila.undo()
    ctx.pila.undo()
    assert _fila(ctx, plan, "c").codigo == "2"

    panel.seleccionar(plan["grupo"])
    assert panel._descendientes(plan["grupo"]) == 2
    assert panel.eliminar(confirmar=False)
    assert [f.codigo for f in panel.vista.filas()] == ["1"]
    ctx.pila.undo()
    assert [f.id for f in panel.vista.filas()] == [plan["grupo"], plan["a"], plan["b"], plan["c"]]


def test_con_el_plan_sancionado_el_gantt_no_se_edita(panel, ctx, plan):
    def sancionar(s):
        pl.cambiar_estado(s, plan["plan"], "en_revision")
        pl.cambiar_estado(s, plan["plan"], "sancionado")

    ctx.escribir(sancionar, "plan")
    assert not panel.vista.editable()
    assert not panel.accion_nueva.isEnabled() and not panel.accion_eliminar.isEnabled()
    assert panel.accion_base.isEnabled()  # the baseline is follow-up: allowed
    assert "ya no se modifica" in panel.estado.text()
    antes = ctx.pila.count()
    panel.vista.mover_pedido.emit(plan["a"], date(2026, 12, 10))
    assert ctx.pila.count() == antes


def test_solo_ruta_critica_filtra_y_el_zoom_sigue_al_gantt(panel, ctx, plan):
    criticas = {f.id for f in ctx.leer(lambda s: act.listar_actividades(s, plan["plan"], HOY)) if f.critica}
    panel.solo_criticas.setChecked(True)
    assert {f.id for f in panel.vista.filas()} == criticas
    panel.solo_criticas.setChecked(False)
    panel.zoom.setCurrentIndex(panel.zoom.findData("mes"))
    assert panel.vista.zoom() == "mes"
    panel.vista.fijar_zoom("dia")
    assert panel.zoom.currentData() == "dia"
    assert ctx.leer(lambda s: calendario_de(s, ctx.municipio_id)).es_habil(INICIO)


def test_excel_de_actividades_y_recursos_y_el_poa_desde_el_cronograma(panel, ctx, plan, qtbot, monkeypatch,
                                                                        tmp_path):
    from ui import acciones_datos
    from ui.dialogos.importar_poa import DialogoImportarPoa

    textos = [a.text() for a in panel.datos.menu_excel.actions()]
    assert textos[:4] == ["&Exportar a Excel…", "&Plantilla en blanco…", "", "&Importar desde Excel…"]
    assert "&Recursos de las actividades" in textos and textos[-1] == "Importar un plan operativo (&POA)…"
    assert panel.datos.accion_exportar.shortcut().toString() == "Ctrl+E"
    assert panel.datos_recursos.accion_exportar.shortcut().isEmpty()  # one Ctrl+E on the tab

    # Exporting the activities from the tab writes the municipality's workbook, this plan's rows included.
    monkeypatch.setattr(acciones_datos.AccionesDatos, "pedir_destino", lambda *_a: tmp_path / "act.xlsx")
    panel.datos.accion_exportar.trigger()
    qtbot.waitUntil(lambda: panel.datos.tarea is not None and not panel.datos.tarea.en_curso, timeout=60000)
    from openpyxl import load_workbook

    celdas = {c for fila in load_workbook(tmp_path / "act.xlsx").worksheets[0].iter_rows(values_only=True)
              for c in fila}
    assert {"Diagnóstico", "Compra de tanques", "Compañía Cerrito"} <= celdas

    # The POA wizard opens for an editable plan; a sanctioned plan offers it no more.
    assert panel.accion_poa.isEnabled()
    dialogo = panel.importar_poa()
    qtbot.addWidget(dialogo)
    assert isinstance(dialogo, DialogoImportarPoa) and dialogo.isVisible()
    dialogo.close()

    def sancionar(s):
        pl.cambiar_estado(s, plan["plan"], "en_revision")
        pl.cambiar_estado(s, plan["plan"], "sancionado")

    ctx.escribir(sancionar, "plan")
    assert not panel.accion_poa.isEnabled() and panel.importar_poa() is None
