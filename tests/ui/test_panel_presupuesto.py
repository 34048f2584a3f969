"""Pestaña «Presupuesto» del Plan de Acción: el total y cada corte son los del servicio (nada se escribe aquí), la
matriz trimestre × fuente, el gráfico, el aviso de actividades sin recursos y Ctrl+C como texto con tabuladores."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from nucleo import formato
from nucleo.modelo import Actor, Territorio
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.presupuesto import presupuesto
from ui.contexto import Contexto
from ui.widgets.grafico_barras import escala, guaranies_abreviados
from ui.widgets.panel_presupuesto import PanelPresupuesto

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan(ctx) -> dict[str, int]:
    """Tres actividades con recursos de tres fuentes en dos trimestres, y una sin recursos."""
    def crear(s) -> dict[str, int]:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        actores = dict(s.execute(select(Actor.nombre, Actor.id)).all())
        pid = pl.crear_plan(s, ctx.municipio_id, tid, pl.DatosPlan(titulo="Plan de prueba", inicio=date(2026, 9, 1)))
        rid = pl.crear_resultado(s, pid, pl.DatosResultado(descripcion="Calles del bajo sin inundaciones"))
        r = act.DatosRecurso
        ids = {"plan": pid}
        ids["relevamiento"] = act.crear_actividad(s, pid, act.DatosActividad(
            nombre="Relevamiento", duracion=10, resultado_id=rid, responsable_id=actores["Municipalidad de Villeta"],
            recursos=(r(descripcion="Viáticos", cantidad=10, costo_unitario=150_000, fuente="municipal"),)))
        ids["obra"] = act.crear_actividad(s, pid, act.DatosActividad(
            nombre="Obra de desagüe", duracion=20, resultado_id=rid, lado="servicio_publico",
            responsable_id=actores["Gobernación de Central"], inicio_fijo=date(2026, 12, 1),
            recursos=(r(descripcion="Caños", tipo="material", cantidad=40, costo_unitario=250_000,
                        fuente="departamental"),
                      r(descripcion="Jornales", tipo="humano", cantidad=20, costo_unitario=100_000,
                        fuente="comunidad"))))
        ids["minga"] = act.crear_actividad(s, pid, act.DatosActividad(nombre="Minga", duracion=3, lado="comunidad"))
        return ids

    return ctx.escribir(crear, {"plan", "actividad"})


@pytest.fixture
def panel(ctx, plan, qtbot):
    p = PanelPresupuesto(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.fijar_plan(plan["plan"])
    return p


def textos(modelo) -> list[list[str]]:
    return [[modelo.index(r, c).data() for c in range(modelo.columnCount())] for r in range(modelo.rowCount())]


def test_los_modelos_pasan_el_probador_de_qt(qtmodeltester, panel):
    for modelo in panel.modelos.values():
        qtmodeltester.check(modelo)


def test_el_total_y_los_cortes_son_los_del_servicio(ctx, panel, plan):
    p = ctx.leer(lambda s: presupuesto(s, plan["plan"]))
    assert p.total == 1_500_000 + 10_000_000 + 2_000_000
    assert panel.total.text() == formato.guaranies(p.total) == "₲ 13.500.000"
    assert textos(panel.modelos["fuente"]) == [
        ["Municipal", "₲ 1.500.000", "11,1%"], ["Departamental", "₲ 10.000.000", "74,1%"],
        ["Comunidad", "₲ 2.000.000", "14,8%"], ["Total", "₲ 13.500.000", "100,0%"]]
    assert [f[:2] for f in textos(panel.modelos["tipo"])] == [
        ["Humano", "₲ 2.000.000"], ["Financiero", "₲ 1.500.000"], ["Material", "₲ 10.000.000"],
        ["Total", "₲ 13.500.000"]]
    assert textos(panel.modelos["resultado"])[0][:2] == ["R1 — Calles del bajo sin inundaciones", "₲ 13.500.000"]
    assert [f[:2] for f in textos(panel.modelos["responsable"])][:2] == [
        ["Gobernación de Central", "₲ 12.000.000"], ["Municipalidad de Villeta", "₲ 1.500.000"]]
    for clave in ("fuente", "tipo", "resultado", "responsable"):  # every table closes with the plan's total
        assert textos(panel.modelos[clave])[-1] == ["Total", "₲ 13.500.000", "100,0%"]
    assert textos(panel.modelos["trimestre"])[-1][-1] == "₲ 13.500.000"


def test_la_matriz_y_el_grafico_reparten_por_trimestre_y_fuente(ctx, panel, plan):
    p = ctx.leer(lambda s: presupuesto(s, plan["plan"]))
    matriz = panel.modelos["trimestre"]
    assert [matriz.headerData(c, Qt.Orientation.Horizontal) for c in range(matriz.columnCount())] == [
        "Trimestre", "Municipal", "Departamental", "Comunidad", "Total"]
    filas = textos(matriz)
    assert [f[0] for f in filas] == [*p.trimestres, "Total"]
    assert filas[0][1] == formato.guaranies(p.fuente_por_trimestre["municipal"][0])
    assert [f[-1] for f in filas[:-1]] == [formato.guaranies(m) for m in p.por_trimestre]
    assert panel.grafico.categorias == p.trimestres and panel.grafico.totales() == p.por_trimestre
    assert [s.clave for s in panel.grafico.series] == ["municipal", "departamental", "comunidad"]


def test_avisa_las_actividades_sin_recursos(panel):
    assert panel.caja_aviso.isVisible()
    assert panel.aviso.text() == "1 actividad sin recursos: 3 Minga."


def test_ctrl_c_copia_la_tabla_como_texto_con_tabuladores(panel, qtbot):
    tabla = panel.tablas["fuente"]
    tabla.setFocus()
    qtbot.keyClick(tabla, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().splitlines() == [
        "Fuente de fondos\tMonto\t% del total", "Municipal\t1500000\t11,1%", "Departamental\t10000000\t74,1%",
        "Comunidad\t2000000\t14,8%", "Total\t13500000\t100,0%"]


def test_se_refresca_cuando_cambian_los_recursos(ctx, panel, plan):
    def agregar(s):
        d = act.obtener_actividad(s, plan["minga"])
        d.recursos = (act.DatosRecurso(descripcion="Herramientas", tipo="material", cantidad=2,
                                       costo_unitario=250_000, fuente="comunidad"),)
        act.actualizar_actividad(s, plan["minga"], d)

    ctx.escribir(agregar, "actividad")
    assert panel.total.text() == "₲ 14.000.000"
    assert not panel.caja_aviso.isVisible()


def test_sin_actividades_muestra_el_estado_vacio(ctx, qtbot):
    def crear(s) -> int:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        return pl.crear_plan(s, ctx.municipio_id, tid, pl.DatosPlan(titulo="Vacío", inicio=date(2026, 9, 1)))

    p = PanelPresupuesto(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.fijar_plan(ctx.escribir(crear, "plan"))
    assert p.pila.currentWidget() is p.vacio


def test_montos_abreviados_y_escala_del_eje():
    assert guaranies_abreviados(12_000_000) == "₲ 12 M"
    assert guaranies_abreviados(1_500_000) == "₲ 1,5 M"
    assert guaranies_abreviados(45_000) == "₲ 45 mil"
    assert guaranies_abreviados(850) == "₲ 850"
    assert guaranies_abreviados(2_300_000_000) == "₲ 2.300 M"
    assert escala(65_000_000) == (80_000_000, 20_000_000)
    assert escala(0) == (1.0, 1.0)
