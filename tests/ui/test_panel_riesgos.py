"""Pestaña «Riesgos»: la tabla y el mapa de calor, el filtro por celda (ratón y teclado), la franja «por revisar»,
alta/baja deshacibles por el diálogo y la marca de las actividades amenazadas en el Gantt."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import delete, select

from nucleo.modelo import PlanAccion, Territorio
from nucleo.modelo.riesgo import Riesgo
from nucleo.servicios import riesgos as servicio
from nucleo.servicios.actividades import listar_actividades
from ui.contexto import Contexto
from ui.dialogos.riesgo import DialogoRiesgo
from ui.widgets.panel_cronograma import PanelCronograma
from ui.widgets.panel_riesgos import PanelRiesgos

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan(ctx):
    """El plan de Barrio San Miguel con tres riesgos propios (sin los que traiga la demo); devuelve
    (plan_id, [ids de riesgos], [ids de actividades de detalle])."""
    mid = ctx.municipio_id
    with ctx.expediente.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Barrio San Miguel"))
        pid = s.scalar(select(PlanAccion.id).where(PlanAccion.territorio_id == tid))
        s.execute(delete(Riesgo).where(Riesgo.plan_id == pid))
        actividades = [a.id for a in listar_actividades(s, pid, HOY) if not a.es_resumen]
        ids = [
            servicio.crear_riesgo(s, mid, servicio.DatosRiesgo(
                plan_id=pid, escenario="Lluvias cortan el camino", probabilidad=4, impacto=4,
                proxima_revision=HOY + timedelta(days=1), actividades=(actividades[0],))),
            servicio.crear_riesgo(s, mid, servicio.DatosRiesgo(
                plan_id=pid, escenario="La comisión vecinal se divide", probabilidad=2, impacto=2,
                proxima_revision=HOY + timedelta(days=40))),
            servicio.crear_riesgo(s, mid, servicio.DatosRiesgo(
                plan_id=pid, escenario="Robo de materiales", probabilidad=2, impacto=2, estado="mitigado")),
        ]
    return pid, ids, actividades


@pytest.fixture
def panel(ctx, plan, qtbot):
    p = PanelRiesgos(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1280, 760)
    p.fijar_plan(plan[0])
    p.show()
    qtbot.waitExposed(p)
    return p


def test_tabla_mapa_y_modelos_sanos(panel, plan, qtmodeltester):
    _pid, ids, _a = plan
    assert panel.modelo.rowCount() == 3 and panel.proxy.rowCount() == 3
    qtmodeltester.check(panel.modelo)
    qtmodeltester.check(panel.proxy)
    assert panel.mapa.conteo(4, 4) == 1 and panel.mapa.conteo(2, 2) == 2 and panel.mapa.total() == 3
    fila = panel.modelo.fila(panel.modelo.buscar_id(ids[0]))
    assert fila.nivel_texto == "Alto" and panel.mapa.nivel(4, 4).etiqueta == "Alto"
    assert "Lluvias cortan el camino" in panel.mapa.texto_celda(4, 4)
    assert "Lluvias cortan el camino" in panel.ficha.text()


def test_clic_en_una_celda_filtra_y_otro_clic_suelta(panel, plan, qtbot):
    _pid, ids, _a = plan
    centro = panel.mapa.rect_celda(2, 2).center().toPoint()
    qtbot.mouseClick(panel.mapa, Qt.MouseButton.LeftButton, pos=centro)
    assert panel.celda == (2, 2) and panel.proxy.rowCount() == 2
    assert panel.boton_todas.isVisible() and "P2 × I2" in panel.etiqueta_celda.text()
    qtbot.mouseClick(panel.mapa, Qt.MouseButton.LeftButton, pos=centro)
    assert panel.celda is None and panel.proxy.rowCount() == 3
    panel.filtrar_celda(4, 4)
    assert panel.proxy.rowCount() == 1 and panel.riesgo_actual() == ids[0]
    panel.boton_todas.click()
    assert panel.celda is None and panel.proxy.rowCount() == 3


def test_el_mapa_se_maneja_con_el_teclado(panel, qtbot):
    panel.mapa.setFocus()
    panel.mapa.foco = (3, 3)
    qtbot.keyClick(panel.mapa, Qt.Key.Key_Up)
    qtbot.keyClick(panel.mapa, Qt.Key.Key_Right)
    assert panel.mapa.foco == (4, 4)
    qtbot.keyClick(panel.mapa, Qt.Key.Key_Return)
    assert panel.celda == (4, 4) and panel.proxy.rowCount() == 1
    qtbot.keyClick(panel.mapa, Qt.Key.Key_Space)
    assert panel.celda is None
    qtbot.keyClick(panel.mapa, Qt.Key.Key_Enter)
    qtbot.keyClick(panel.mapa, Qt.Key.Key_Escape)
    assert panel.celda is None and panel.proxy.rowCount() == 3
    for _ in range(8):  # never leaves the grid
        qtbot.keyClick(panel.mapa, Qt.Key.Key_Up)
    assert panel.mapa.foco == (5, 4)


def test_franja_por_revisar_y_filtro_de_estado(panel, plan):
    _pid, ids, _a = plan
    assert panel.franja.isVisible()
    assert "1 riesgo por revisar" in panel.aviso.text() and "Lluvias" in panel.aviso.text()
    panel.boton_por_revisar.setChecked(True)
    assert panel.proxy.rowCount() == 1
    panel.boton_por_revisar.setChecked(False)
    panel.combo_estado.setCurrentIndex(panel.combo_estado.findData("activos"))
    assert panel.proxy.rowCount() == 2  # the mitigated one is hidden
    assert "Se muestran 2 de 3 riesgos" in panel.estado.text()


def test_alta_por_el_dialogo_se_deshace(panel, ctx, plan, qtbot):
    pid, _ids, actividades = plan
    d = DialogoRiesgo(ctx, pid, hoy=HOY, probabilidad=5, impacto=5)
    qtbot.addWidget(d)
    assert d.nivel_texto() == "Extremo"
    assert not d.guardar()
    assert d.error_de("escenario")
    d.escenario.setPlainText("Corte de energía en el salón comunitario")
    d.impacto.setCurrentIndex(d.impacto.findData(1))
    assert d.nivel_texto() == "Medio"
    d.marcar_actividades([actividades[1]])
    assert d.guardar()
    rid = d.riesgo_id
    assert panel.modelo.buscar_id(rid) >= 0 and panel.mapa.conteo(5, 1) == 1
    ctx.pila.undo()
    assert panel.modelo.buscar_id(rid) < 0 and panel.mapa.conteo(5, 1) == 0
    ctx.pila.redo()
    assert panel.modelo.rowCount() == 4


def test_eliminar_pide_confirmacion_y_se_deshace(panel, ctx, plan, monkeypatch):
    _pid, ids, _a = plan
    assert panel.seleccionar(ids[1])
    monkeypatch.setattr(panel, "confirmar", lambda titulo, texto: False)
    assert not panel.eliminar() and panel.modelo.rowCount() == 3
    monkeypatch.setattr(panel, "confirmar", lambda titulo, texto: True)
    assert panel.eliminar()
    assert panel.modelo.buscar_id(ids[1]) < 0
    ctx.pila.undo()
    assert panel.modelo.rowCount() == 3


def test_plan_cerrado_o_solo_lectura_no_se_edita(panel, ctx, plan):
    pid = plan[0]
    assert panel.accion_nuevo.isEnabled() and panel.accion_eliminar.isEnabled()
    with ctx.expediente.transaccion() as s:
        s.get(PlanAccion, pid).estado = "cerrado"
    ctx.cambiado.emit({"plan"})
    assert not panel.accion_nuevo.isEnabled() and not panel.accion_eliminar.isEnabled()
    assert panel.accion_editar.isEnabled() and panel.accion_editar.text() == "Ver ficha"
    assert "cerrado" in panel.estado.text()


def test_sin_plan_muestra_el_estado_vacio(ctx, qtbot):
    p = PanelRiesgos(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.fijar_plan(None)
    assert p.pila.currentWidget() is p.vacio and not p.accion_nuevo.isEnabled()


def test_el_gantt_marca_las_actividades_amenazadas(ctx, plan, qtbot):
    pid, ids, actividades = plan
    c = PanelCronograma(ctx, hoy=lambda: HOY)
    qtbot.addWidget(c)
    c.resize(1280, 700)
    c.fijar_plan(pid)
    marcas = c.vista.riesgos()
    assert set(marcas) == {actividades[0]}
    color, texto = marcas[actividades[0]]
    assert color == "#ef6c00" and "Riesgo alto: Lluvias cortan el camino" in texto
    r = c.vista._item.d.indice[actividades[0]]
    assert "Riesgo alto" in c.vista._ayuda_fila(r)
    # Mitigating the risk takes the mark away.
    datos = ctx.leer(lambda s: servicio.obtener_riesgo(s, ids[0]))
    datos.estado = "mitigado"
    ctx.escribir(lambda s: servicio.actualizar_riesgo(s, ids[0], datos), "riesgo")
    assert c.vista.riesgos() == {}
