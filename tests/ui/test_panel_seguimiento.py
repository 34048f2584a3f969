"""Pestaña «Seguimiento» del Plan de Acción: contadores del semáforo que filtran, «Solo atrasadas», lo atrasado por
responsable y «Registrar avance» deshacible (también con el plan sancionado; no con el plan cerrado)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from nucleo.calendario import AL_DIA, CUMPLIDA, POR_VENCER, VENCIDA
from nucleo.modelo import Actor, Territorio
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from ui.contexto import Contexto
from ui.dialogos.avance import DialogoAvance
from ui.widgets import panel_seguimiento
from ui.widgets.panel_seguimiento import COL_AVANCE, PanelSeguimiento

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan(ctx) -> dict[str, int]:
    """Un plan pequeño de Compañía Cerrito: una actividad cumplida, una vencida (Taller), una por vencer, una al
    día, un hito y una sin responsable (la comunidad)."""
    def crear(s) -> dict[str, int]:
        mid = ctx.municipio_id
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        actores = dict(s.execute(select(Actor.nombre, Actor.id)).all())
        pid = pl.crear_plan(s, mid, tid, pl.DatosPlan(titulo="Plan de prueba", inicio=date(2026, 9, 1)))
        ids = {"plan": pid}

        def nueva(clave: str, **datos) -> None:
            ids[clave] = act.crear_actividad(s, pid, act.DatosActividad(**datos))

        nueva("relevamiento", nombre="Relevamiento", duracion=10, responsable_id=actores["Municipalidad de Villeta"])
        nueva("taller", nombre="Taller de validación", duracion=20, lado="servicio_publico",
              responsable_id=actores["Ministerio de Desarrollo Social"],
              predecesoras=(act.DatosVinculo(ids["relevamiento"]),))
        nueva("mesa", nombre="Reunión de la mesa", duracion=4, lado="servicio_publico",
              responsable_id=actores["Ministerio de Desarrollo Social"], inicio_fijo=date(2026, 11, 16))
        nueva("obra", nombre="Obra de desagüe", duracion=40, lado="servicio_publico",
              responsable_id=actores["Gobernación de Central"], predecesoras=(act.DatosVinculo(ids["taller"]),))
        nueva("entrega", nombre="Entrega de la obra", duracion=0, hito=True,
              predecesoras=(act.DatosVinculo(ids["obra"]),))
        nueva("minga", nombre="Minga de limpieza", duracion=5, lado="comunidad", inicio_fijo=date(2027, 2, 1))
        act.registrar_avance(s, ids["relevamiento"], 100, date(2026, 9, 1), date(2026, 9, 14))
        act.registrar_avance(s, ids["taller"], 30, date(2026, 9, 15), None)
        return ids

    return ctx.escribir(crear, {"plan", "actividad"})


@pytest.fixture
def panel(ctx, plan, qtbot):
    p = PanelSeguimiento(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.fijar_plan(plan["plan"])
    return p


def semaforos(panel) -> dict[str, str]:
    return {f.nombre: f.semaforo for f in panel.filas_visibles()}


def avance_en_servicio(ctx, aid: int) -> tuple:
    """(avance, inicio_real, fin_real) de la actividad según el servicio."""
    d = ctx.leer(lambda s: next(f for f in act.listar_actividades(s, _plan_de(s, aid), HOY) if f.id == aid))
    return d.avance, d.inicio_real, d.fin_real


def _plan_de(s, aid: int) -> int:
    from nucleo.modelo import Actividad
    return s.get(Actividad, aid).plan_id


def test_los_modelos_pasan_el_probador_de_qt(qtmodeltester, panel):
    qtmodeltester.check(panel.modelo)
    qtmodeltester.check(panel.proxy)
    qtmodeltester.check(panel.modelo_atrasadas)
    assert panel.modelo.rowCount() == 6 and panel.modelo_atrasadas.rowCount() == 1


def test_los_contadores_dicen_cuantas_hay_de_cada_color(panel):
    assert semaforos(panel) == {"Relevamiento": CUMPLIDA, "Taller de validación": VENCIDA,
                                "Reunión de la mesa": POR_VENCER, "Obra de desagüe": AL_DIA,
                                "Entrega de la obra": AL_DIA, "Minga de limpieza": AL_DIA}
    assert {c: chip.cantidad for c, chip in panel.chips.items()} == {
        AL_DIA: 3, POR_VENCER: 1, VENCIDA: 1, CUMPLIDA: 1, "sin_fecha": 0}
    assert panel.chips[VENCIDA].text() == "1  vencida"
    assert panel.chips[CUMPLIDA].text() == "1  cumplida"
    assert not panel.chips["sin_fecha"].isVisible()  # a fifth chip only when there are undated activities


def test_un_clic_en_un_contador_filtra_por_ese_color_y_otro_clic_muestra_todo(panel, qtbot):
    qtbot.mouseClick(panel.chips[VENCIDA], Qt.MouseButton.LeftButton)
    assert list(semaforos(panel)) == ["Taller de validación"]
    assert panel.estado.text().startswith("Se muestran 1 de 6 actividades")
    qtbot.mouseClick(panel.chips[AL_DIA], Qt.MouseButton.LeftButton)  # one colour at a time
    assert set(semaforos(panel).values()) == {AL_DIA} and not panel.chips[VENCIDA].isChecked()
    qtbot.mouseClick(panel.chips[AL_DIA], Qt.MouseButton.LeftButton)
    assert len(semaforos(panel)) == 6


def test_solo_atrasadas_y_el_buscador(panel):
    panel.solo_atrasadas.setChecked(True)
    assert semaforos(panel) == {"Taller de validación": VENCIDA, "Reunión de la mesa": POR_VENCER}
    panel.filtro.setText("mesa")
    assert list(semaforos(panel)) == ["Reunión de la mesa"]
    panel.solo_atrasadas.setChecked(False)
    panel.filtro.setText("Gobernación")  # the responsible's name is searched too
    assert list(semaforos(panel)) == ["Obra de desagüe"]


def test_lo_atrasado_se_agrupa_por_quien_responde(panel):
    m = panel.modelo_atrasadas
    grupo = m.index(0, 0)
    assert grupo.data() == "Ministerio de Desarrollo Social (1 vencida, 1 por vencer)"
    hijos = [m.index(r, 0, grupo).data() for r in range(m.rowCount(grupo))]
    assert hijos == ["2 Taller de validación", "3 Reunión de la mesa"]  # vencidas first
    assert m.index(0, 1, grupo).data() == "13/10/2026"
    panel.copiar_atrasadas()
    texto = QApplication.clipboard().text()
    assert "Qué está atrasado y quién responde" in texto and "2 Taller de validación — fin planificado 13/10/2026" \
        in texto


def test_una_fila_atrasada_lleva_a_su_actividad_en_la_tabla(panel):
    m = panel.modelo_atrasadas
    panel.filtrar_por(CUMPLIDA)  # the activity is hidden by the filter: the filter gives way
    panel._ir_a_atrasada(m.index(1, 0, m.index(0, 0)))
    assert panel.fila_actual().nombre == "Reunión de la mesa"
    assert panel.color_filtrado() is None


def test_registrar_avance_es_deshacible_y_la_tabla_se_refresca(ctx, panel, plan, qtbot):
    assert panel.seleccionar(plan["taller"])
    fila = panel.fila_actual()
    dialogo = DialogoAvance(ctx, fila, panel, hoy=HOY)
    qtbot.addWidget(dialogo)
    assert dialogo.avance.value() == 30 and dialogo.inicio_real.fecha() == date(2026, 9, 15)
    dialogo.deslizador.setValue(60)  # the slider and the spin box are one control
    assert dialogo.avance.value() == 60
    assert dialogo.guardar()
    assert avance_en_servicio(ctx, plan["taller"]) == (60, date(2026, 9, 15), None)
    n = panel.modelo.buscar_id(plan["taller"])
    assert panel.modelo.index(n, COL_AVANCE).data() == "60%"
    assert panel.fila_actual().id == plan["taller"]  # the selection survives the refresh
    ctx.pila.undo()
    assert avance_en_servicio(ctx, plan["taller"]) == (30, date(2026, 9, 15), None)
    assert panel.modelo.index(panel.modelo.buscar_id(plan["taller"]), COL_AVANCE).data() == "30%"
    ctx.pila.redo()
    assert avance_en_servicio(ctx, plan["taller"]) == (60, date(2026, 9, 15), None)


def test_marcar_cumplida_pone_cien_y_el_fin_real_de_hoy(ctx, panel, plan, qtbot):
    panel.seleccionar(plan["mesa"])
    dialogo = DialogoAvance(ctx, panel.fila_actual(), panel, hoy=HOY)
    qtbot.addWidget(dialogo)
    qtbot.mouseClick(dialogo.boton_cumplida, Qt.MouseButton.LeftButton)
    assert dialogo.avance.value() == 100 and dialogo.fin_real.fecha() == HOY
    assert dialogo.inicio_real.fecha() == date(2026, 11, 16)  # the planned start, already past
    assert dialogo.guardar()
    assert avance_en_servicio(ctx, plan["mesa"]) == (100, date(2026, 11, 16), HOY)
    assert panel.chips[CUMPLIDA].cantidad == 2 and panel.chips[POR_VENCER].cantidad == 0
    ctx.pila.undo()
    assert avance_en_servicio(ctx, plan["mesa"]) == (0, None, None)


def test_un_error_del_servicio_queda_junto_al_campo_y_no_se_apila(ctx, panel, plan, qtbot):
    panel.seleccionar(plan["obra"])
    dialogo = DialogoAvance(ctx, panel.fila_actual(), panel, hoy=HOY)
    qtbot.addWidget(dialogo)
    dialogo.avance.setValue(100)
    assert not dialogo.guardar()
    assert "fin real" in dialogo.error_de("fin_real")
    dialogo.fin_real.editor.setText("31/02/2026")
    assert not dialogo.guardar()
    assert dialogo.error_de("fin_real")
    assert ctx.pila.count() == 0


def test_enter_abre_el_dialogo_tambien_con_el_plan_sancionado_pero_no_cerrado(ctx, panel, plan, qtbot,
                                                                             monkeypatch):
    abiertos: list[int] = []

    class Falso:
        def __init__(self, _ctx, fila, _parent, hoy):
            abiertos.append(fila.id)

        def exec(self):
            return 0

    monkeypatch.setattr(panel_seguimiento, "DialogoAvance", Falso)
    for estado in ("en_revision", "sancionado"):
        ctx.escribir(lambda s, e=estado: pl.cambiar_estado(s, plan["plan"], e), "plan")
    panel.seleccionar(plan["obra"])
    panel.tabla.setFocus()
    qtbot.keyClick(panel.tabla, Qt.Key.Key_Return)
    assert abiertos == [plan["obra"]]
    for estado in ("en_ejecucion", "cerrado"):
        ctx.escribir(lambda s, e=estado: pl.cambiar_estado(s, plan["plan"], e), "plan")
    assert not panel.boton_avance.isEnabled() and "cerrado" in panel.boton_avance.toolTip()
    assert not panel.registrar_avance()
    assert abiertos == [plan["obra"]]


def test_sin_actividades_muestra_el_estado_vacio(ctx, qtbot):
    def crear(s) -> int:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        return pl.crear_plan(s, ctx.municipio_id, tid, pl.DatosPlan(titulo="Vacío", inicio=date(2026, 9, 1)))

    pid = ctx.escribir(crear, "plan")
    p = PanelSeguimiento(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.fijar_plan(pid)
    assert p.pila.currentWidget() is p.vacio
    p.fijar_plan(None)
    assert p.pila.currentWidget() is p.vacio
