"""Ficha de una actividad: crear con una predecesora y dos recursos (total a la vista), el ciclo de dependencias
marcado en «Predecesoras», el seguimiento con el plan sancionado y sus modelos."""

from __future__ import annotations

from datetime import date

import pytest

from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.territorios import listar_territorios
from ui.contexto import Contexto
from ui.dialogos.actividad import PREDECESORAS, RECURSOS, SEGUIMIENTO, DialogoActividad

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan_id(ctx):
    filas = ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id, HOY))
    tid = next(f.id for f in filas if f.nombre == "Compañía Cerrito")
    datos = pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2026, 12, 1))
    return ctx.escribir(lambda s: pl.crear_plan(s, ctx.municipio_id, tid, datos), "plan")


@pytest.fixture
def taller(ctx, plan_id):
    return ctx.escribir(lambda s: act.crear_actividad(s, plan_id, act.DatosActividad(
        nombre="Taller de diagnóstico del agua", duracion=3)), "actividad")


def _dialogo(qtbot, ctx, plan_id, aid=None, **extra) -> DialogoActividad:
    d = DialogoActividad(ctx, plan_id, aid, hoy=HOY, **extra)
    qtbot.addWidget(d)
    return d


def test_crear_con_predecesora_y_dos_recursos(qtbot, ctx, plan_id, taller, qtmodeltester):
    d = _dialogo(qtbot, ctx, plan_id, despues_de=taller)
    assert d.windowTitle() == "Nueva actividad"
    assert d.padre.text() == "— Nivel superior del plan —"
    d.nombre.setText("Compra e instalación de tanques")
    d.duracion.setValue(10)
    d.responsable.setCurrentIndex(d.responsable.findText("Municipalidad de Villeta"))
    assert d.lado.currentData() == "municipalidad"  # proposed from the actor's category
    d.condiciones.setPlainText("Cuatro tanques instalados y acta de recepción")

    d.agregar_predecesora()
    assert d.pestanas.currentIndex() == PREDECESORAS
    m = d.modelo_predecesoras
    assert m.index(0, 0).data() == "1 Taller de diagnóstico del agua" and m.index(0, 1).data() == "Fin a comienzo (FC)"
    m.setData(m.index(0, 2), -1)  # a one-day lead
    assert m.index(0, 2).data() == "-1"

    r = d.modelo_recursos
    d.agregar_recurso("material", "Tanque de 5.000 litros", 4, "unidad", 1_500_000, "departamental")
    n = d.agregar_recurso()
    assert d.pestanas.currentIndex() == RECURSOS
    r.setData(r.index(n, 1), "Jornales de instalación")
    r.setData(r.index(n, 0), "humano")
    r.setData(r.index(n, 2), 6.0)
    r.setData(r.index(n, 3), "jornal")
    r.setData(r.index(n, 4), 120_000)
    r.setData(r.index(n, 5), "comunidad")
    assert r.index(0, 6).data() == "₲ 6.000.000" and r.index(1, 6).data() == "₲ 720.000"
    assert d.total.text() == "Total: ₲ 6.720.000"
    qtmodeltester.check(m)
    qtmodeltester.check(r)

    assert d.guardar()
    aid = d.actividad_id
    datos = ctx.leer(lambda s: act.obtener_actividad(s, aid))
    assert datos.predecesoras == (act.DatosVinculo(taller, "FC", -1),)
    assert [(x.descripcion, x.cantidad, x.costo_unitario, x.fuente) for x in datos.recursos] == [
        ("Tanque de 5.000 litros", 4, 1_500_000, "departamental"), ("Jornales de instalación", 6, 120_000,
                                                                    "comunidad")]
    assert ctx.pila.undoText() == "Crear la actividad «Compra e instalación de tanques»"
    ctx.pila.undo()
    assert [f.id for f in ctx.leer(lambda s: act.listar_actividades(s, plan_id, HOY))] == [taller]
    ctx.pila.redo()
    assert ctx.leer(lambda s: act.obtener_actividad(s, aid)).nombre == "Compra e instalación de tanques"


def test_un_ciclo_se_muestra_en_predecesoras_y_no_guarda_nada(qtbot, ctx, plan_id, taller):
    segunda = ctx.escribir(lambda s: act.crear_actividad(s, plan_id, act.DatosActividad(
        nombre="Compra de tanques", duracion=5, predecesoras=(act.DatosVinculo(taller),))), "actividad")
    antes = ctx.pila.count()
    d = _dialogo(qtbot, ctx, plan_id, taller)
    assert d.windowTitle() == "Actividad 1"
    opciones = [t for _i, t in d.opciones_predecesoras]
    assert opciones == ["2 Compra de tanques"]  # never itself
    d.agregar_predecesora()
    assert not d.guardar()
    assert d.pestanas.currentIndex() == PREDECESORAS
    assert "ciclo" in d.error_de("predecesoras")
    assert "Compra de tanques" in d.error_de("predecesoras")
    assert ctx.pila.count() == antes
    assert ctx.leer(lambda s: act.obtener_actividad(s, taller)).predecesoras == ()
    assert segunda


def test_errores_de_una_fila_de_recursos_se_marcan_bajo_la_tabla(qtbot, ctx, plan_id):
    d = _dialogo(qtbot, ctx, plan_id)
    d.nombre.setText("Taller")
    d.agregar_recurso(descripcion="", cantidad=0)
    assert not d.guardar()
    assert d.pestanas.currentIndex() == RECURSOS
    assert "cantidad debe ser mayor que 0" in d.error_de("recursos")
    assert d.tabla_recursos.selectionModel().isRowSelected(0)


def test_con_el_plan_sancionado_solo_se_registra_el_seguimiento(qtbot, ctx, plan_id, taller):
    def sancionar(s):
        pl.cambiar_estado(s, plan_id, "en_revision")
        pl.cambiar_estado(s, plan_id, "sancionado")
        pl.cambiar_estado(s, plan_id, "en_ejecucion")

    ctx.escribir(sancionar, "plan")
    d = _dialogo(qtbot, ctx, plan_id, taller)
    assert d.pestanas.currentIndex() == SEGUIMIENTO
    assert d.nombre.isReadOnly() and not d.boton_agregar_predecesora.isEnabled()
    assert d.avance.isEnabled()
    d.avance.setValue(40)
    d.inicio_real.fijar(date(2026, 12, 2))
    assert d.guardar()
    fila = ctx.leer(lambda s: act.listar_actividades(s, plan_id, HOY))[0]
    assert (fila.avance, fila.inicio_real) == (40, date(2026, 12, 2))
    ctx.pila.undo()
    fila = ctx.leer(lambda s: act.listar_actividades(s, plan_id, HOY))[0]
    assert (fila.avance, fila.inicio_real) == (0, None)


def test_una_subactividad_muestra_su_padre_y_hereda_el_resultado(qtbot, ctx, plan_id, taller):
    rid = ctx.escribir(lambda s: pl.crear_resultado(s, plan_id, pl.DatosResultado(descripcion="Agua segura")),
                       "resultado")
    ctx.escribir(lambda s: act.actualizar_actividad(s, taller, act.DatosActividad(
        nombre="Taller de diagnóstico del agua", duracion=3, resultado_id=rid)), "actividad")
    d = _dialogo(qtbot, ctx, plan_id, padre_id=taller)
    assert d.padre.text() == "1 Taller de diagnóstico del agua"
    assert d.resultado.currentData() == rid
    d.nombre.setText("Convocatoria")
    assert d.guardar()
    filas = ctx.leer(lambda s: act.listar_actividades(s, plan_id, HOY))
    assert [(f.codigo, f.nombre) for f in filas] == [("1", "Taller de diagnóstico del agua"), ("1.1", "Convocatoria")]
