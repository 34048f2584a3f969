"""Pestaña «Calendario de metas» (documento 004): cada socio en su fila, agrupado por lado; cada meta en la columna
del trimestre de su fin planificado, con su código; hitos en negrita, cumplidas con ✔; filtro por socio."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from nucleo.modelo import Actor, Territorio
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.metas import calendario_metas
from ui.contexto import Contexto
from ui.widgets.panel_metas import ROL_GRUPO, ROL_HTML, PanelMetas

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan(ctx) -> dict[str, int]:
    def crear(s) -> dict[str, int]:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        actores = dict(s.execute(select(Actor.nombre, Actor.id)).all())
        pid = pl.crear_plan(s, ctx.municipio_id, tid, pl.DatosPlan(titulo="Plan de prueba", inicio=date(2026, 9, 1)))
        ids = {"plan": pid}

        def nueva(clave: str, **datos) -> None:
            ids[clave] = act.crear_actividad(s, pid, act.DatosActividad(**datos))

        # fin 14/09/2026 (T3 2026)
        nueva("relevamiento", nombre="Relevamiento", duracion=10, responsable_id=actores["Municipalidad de Villeta"],
              condiciones="Planillas de 120 familias")
        # fin 13/10/2026 (T4 2026)
        nueva("taller", nombre="Taller de validación", duracion=20, lado="servicio_publico",
              responsable_id=actores["Ministerio de Desarrollo Social"],
              predecesoras=(act.DatosVinculo(ids["relevamiento"]),))
        # from 01/02/2027: T1 2027, with a milestone the same day it ends
        nueva("obra", nombre="Obra de desagüe", duracion=10, lado="servicio_publico", inicio_fijo=date(2027, 2, 1),
              responsable_id=actores["Gobernación de Central"])
        nueva("entrega", nombre="Entrega de la obra", duracion=0, hito=True, lado="servicio_publico",
              responsable_id=actores["Gobernación de Central"], predecesoras=(act.DatosVinculo(ids["obra"]),))
        nueva("minga", nombre="Minga de limpieza", duracion=3, lado="comunidad", inicio_fijo=date(2026, 11, 2))
        act.registrar_avance(s, ids["relevamiento"], 100, date(2026, 9, 1), date(2026, 9, 14))
        return ids

    return ctx.escribir(crear, {"plan", "actividad"})


@pytest.fixture
def panel(ctx, plan, qtbot):
    p = PanelMetas(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.fijar_plan(plan["plan"])
    return p


def grilla(panel) -> list[list[str]]:
    m = panel.modelo
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_el_modelo_pasa_el_probador_de_qt(qtmodeltester, panel):
    qtmodeltester.check(panel.modelo)


def test_cada_meta_en_el_trimestre_de_su_fin_y_en_la_fila_de_su_socio(ctx, panel, plan):
    m = panel.modelo
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())] == [
        "Socio", "T3 2026", "T4 2026", "T1 2027"]
    assert grilla(panel) == [
        ["Municipalidad", "", "", ""],
        ["Municipalidad de Villeta", "✔ 1 Relevamiento: Planillas de 120 familias", "", ""],
        ["Otro servicio público", "", "", ""],
        ["Gobernación de Central", "", "", "3 Obra de desagüe\n4 Entrega de la obra"],
        ["Ministerio de Desarrollo Social", "", "2 Taller de validación", ""],
        ["Comunidad", "", "", ""],
        ["Comunidad", "", "5 Minga de limpieza", ""],
    ]
    assert [m.index(r, 0).data(ROL_GRUPO) for r in range(m.rowCount())] == [True, False, True, False, False, True,
                                                                           False]
    assert panel.tabla.columnSpan(0, 0) == 4  # a side's title spans the whole row
    # The grid shows exactly what the service computes.
    servicio = ctx.leer(lambda s: calendario_metas(s, plan["plan"], HOY))
    assert [m.actividad_id for m in panel.celda("Gobernación de Central", "T1 2027")] == [
        x.actividad_id for x in servicio.filas[1].celdas[2]] == [plan["obra"], plan["entrega"]]


def test_hitos_en_negrita_cumplidas_con_tilde_y_filas_que_crecen(panel):
    m = panel.modelo
    html = m.index(3, 3).data(ROL_HTML)
    assert "<b>◆ Entrega de la obra</b>" in html and "<b>◆ Obra" not in html
    assert "✔" in m.index(1, 1).data(ROL_HTML)
    # Two goals in a cell: the row is taller than a one-line row.
    assert panel.tabla.rowHeight(3) > panel.tabla.rowHeight(4)


def test_filtrar_por_socio(panel):
    panel.filtrar_socio("Gobernación de Central")
    assert grilla(panel) == [["Otro servicio público", "", "", ""],
                             ["Gobernación de Central", "", "", "3 Obra de desagüe\n4 Entrega de la obra"]]
    assert panel.combo_socio.currentText() == "Gobernación de Central (2)"
    panel.filtrar_socio(None)
    assert len(grilla(panel)) == 7


def test_se_refresca_al_registrar_avance_y_conserva_el_filtro(ctx, panel, plan):
    panel.filtrar_socio("Comunidad")
    ctx.escribir(lambda s: act.registrar_avance(s, plan["minga"], 100, date(2026, 11, 2), date(2026, 11, 4)),
                 "actividad")
    assert grilla(panel) == [["Comunidad", "", "", ""], ["Comunidad", "", "✔ 5 Minga de limpieza", ""]]


def test_sin_actividades_muestra_el_estado_vacio(ctx, qtbot):
    def crear(s) -> int:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        return pl.crear_plan(s, ctx.municipio_id, tid, pl.DatosPlan(titulo="Vacío", inicio=date(2026, 9, 1)))

    p = PanelMetas(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.fijar_plan(ctx.escribir(crear, "plan"))
    assert p.pila.currentWidget() is p.vacio
