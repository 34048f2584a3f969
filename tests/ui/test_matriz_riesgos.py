"""Herramientas › Matriz de riesgos…: cambiar la grilla y los niveles recalcula el nivel de los riesgos, se deshace,
se vuelve a la de por defecto; y la ficha del riesgo muestra las etiquetas de la matriz y su nivel en vivo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import delete, select

from nucleo.modelo import PlanAccion, Territorio
from nucleo.modelo.riesgo import Riesgo
from nucleo.servicios import riesgos as servicio
from ui.contexto import Contexto
from ui.dialogos import matriz_riesgos
from ui.dialogos.matriz_riesgos import DialogoMatrizRiesgos, abrir_matriz_riesgos
from ui.dialogos.riesgo import DialogoRiesgo
from ui.widgets.mapa_calor import MapaCalor
from ui.widgets.panel_riesgos import PanelRiesgos

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def riesgo(ctx):
    """(plan_id, riesgo_id): un riesgo de probabilidad 1 e impacto 1 (bajo) en el plan de Barrio San Miguel."""
    mid = ctx.municipio_id
    with ctx.expediente.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Barrio San Miguel"))
        pid = s.scalar(select(PlanAccion.id).where(PlanAccion.territorio_id == tid))
        s.execute(delete(Riesgo).where(Riesgo.plan_id == pid))
        rid = servicio.crear_riesgo(s, mid, servicio.DatosRiesgo(plan_id=pid, escenario="Helada tardía",
                                                                 probabilidad=1, impacto=1))
    return pid, rid


def _matriz(ctx):
    return ctx.leer(lambda s: servicio.matriz_del_municipio(s, ctx.municipio_id))


def test_ciclar_una_celda_cambia_el_nivel_y_se_deshace(ctx, riesgo, qtbot):
    pid, rid = riesgo
    panel = PanelRiesgos(ctx, hoy=lambda: HOY)
    qtbot.addWidget(panel)
    panel.fijar_plan(pid)
    assert panel.modelo.fila(0).nivel_texto == "Bajo"
    d = DialogoMatrizRiesgos(ctx)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    qtbot.mouseClick(d.mapa, Qt.MouseButton.LeftButton, pos=d.mapa.rect_celda(1, 1).center().toPoint())
    assert d.matriz.celdas[0][0] == "medio" and d.mapa.nivel(1, 1).etiqueta == "Medio"
    d.mapa.setFocus()
    d.mapa.foco = (1, 1)
    qtbot.keyClick(d.mapa, Qt.Key.Key_Space)
    assert d.matriz.celdas[0][0] == "alto"
    d.filas_niveles[2][0].setText("Grave")
    d.filas_niveles[2][0].textEdited.emit("Grave")
    assert d.mapa.nivel(1, 1).etiqueta == "Grave"
    assert d.guardar()
    assert _matriz(ctx).celdas[0][0] == "alto"
    assert panel.modelo.fila(0).nivel_texto == "Grave" and panel.mapa.nivel(1, 1).etiqueta == "Grave"
    ctx.pila.undo()
    assert _matriz(ctx).celdas[0][0] == "bajo" and panel.modelo.fila(0).nivel_texto == "Bajo"
    ctx.pila.redo()
    assert panel.modelo.fila(0).nivel_texto == "Grave"


def test_restaurar_vuelve_a_la_de_por_defecto(ctx, riesgo, qtbot):
    m = _matriz(ctx)
    m.celdas[4][4] = "bajo"
    ctx.escribir(lambda s: servicio.guardar_matriz(s, ctx.municipio_id, m), "matriz_riesgos")
    d = DialogoMatrizRiesgos(ctx)
    qtbot.addWidget(d)
    assert d.matriz.celdas[4][4] == "bajo"
    d.boton_restaurar.click()
    assert d.matriz.celdas[4][4] == "extremo" and d.matriz_elegida() is None
    assert d.guardar()
    assert _matriz(ctx).como_dict() == servicio.matriz_por_defecto().como_dict()
    ctx.pila.undo()
    assert _matriz(ctx).celdas[4][4] == "bajo"


def test_un_error_del_servicio_se_marca(ctx, qtbot):
    d = DialogoMatrizRiesgos(ctx)
    qtbot.addWidget(d)
    d.editores_impacto[2].setText("")
    d.editores_impacto[2].textEdited.emit("")
    assert not d.guardar()
    assert d.error_impacto.text() and not d.error_general.isHidden()
    assert d.pestanas.currentIndex() == 1
    assert ctx.pila.count() == 0


def test_abrir_matriz_riesgos(ctx, monkeypatch):
    abiertos = []
    monkeypatch.setattr(matriz_riesgos.DialogoMatrizRiesgos, "exec",
                        lambda self: abiertos.append(self) or QDialog.DialogCode.Rejected)
    assert abrir_matriz_riesgos(ctx) is False and len(abiertos) == 1


def test_ficha_del_riesgo_con_etiquetas_y_nivel_en_vivo(ctx, riesgo, qtbot):
    pid, rid = riesgo
    d = DialogoRiesgo(ctx, pid, rid, hoy=HOY)
    qtbot.addWidget(d)
    assert d.probabilidad.currentText() == "1 · Rara vez" and d.impacto.itemText(4) == "5 · Catastrófico"
    assert d.nivel_texto() == "Bajo"
    d.probabilidad.setCurrentIndex(4)
    d.impacto.setCurrentIndex(4)
    assert d.nivel_texto() == "Extremo" and "Intendente" in d.accion_nivel.text()
    etiquetas = [d.lista_actividades.item(n).text() for n in range(d.lista_actividades.count())]
    assert etiquetas and all(e.split(" ", 1)[0].count(".") >= 1 for e in etiquetas)  # detail ones, «1.2 …»
    d.proxima_revision.editor.setText("31/02/2027")
    assert not d.guardar()
    assert d.error_de("proxima_revision")
    d.proxima_revision.fijar(date(2026, 12, 1))
    assert d.guardar()
    assert ctx.leer(lambda s: servicio.obtener_riesgo(s, rid)).probabilidad == 5


def test_mapa_solo_y_ayuda(qtbot, ctx):
    m = MapaCalor()
    qtbot.addWidget(m)
    m.resize(420, 400)
    matriz = _matriz(ctx)
    conteos = [[0] * 5 for _ in range(5)]
    conteos[2][3] = 2
    m.fijar(matriz, conteos, {(3, 4): ["1. Uno", "2. Dos"]})
    texto = m.texto_celda(3, 4)
    assert "3 (Posible)" in texto and "2 riesgos" in texto and "• 2. Dos" in texto
    assert m.celda_en(m.rect_celda(3, 4).center()) == (3, 4)
    with qtbot.waitSignal(m.celda_elegida) as senal:
        m.elegir(3, 4)
    assert senal.args == [(3, 4)]
