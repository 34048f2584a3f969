"""Indicadores del Plan de Acción: reglas de la definición, mediciones, cumplimiento y deshacer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Actividad, Actor, Indicador, Medicion, PlanAccion, Resultado, Territorio
from nucleo.servicios.indicadores import (
    DatosIndicador,
    DatosMedicion,
    actualizar_indicador,
    agregar_medicion,
    crear_indicador,
    cumplimiento,
    editar_medicion,
    eliminar_indicador,
    eliminar_medicion,
    grado_cumplimiento,
    listar_indicadores,
    mediciones,
    mover_indicador,
    obtener_indicador,
    restaurar_indicador,
    restaurar_medicion,
)

HOY = date(2026, 11, 18)


@pytest.fixture
def plan(expediente_demo):
    """Un plan en borrador en Compañía Cerrito con dos resultados; devuelve (expediente, plan_id, r1, r2)."""
    exp = expediente_demo
    with exp.transaccion() as s:
        mid = exp.municipio_id
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        p = PlanAccion(municipio_id=mid, territorio_id=tid, titulo="Plan Cerrito", estado="borrador",
                       inicio=date(2026, 3, 2))
        s.add(p)
        s.flush()
        r1 = Resultado(municipio_id=mid, plan_id=p.id, codigo="R1", descripcion="Agua segura en cada hogar", orden=1)
        r2 = Resultado(municipio_id=mid, plan_id=p.id, codigo="R2", descripcion="Camino transitable", orden=2)
        s.add_all([r1, r2])
        s.flush()
        ids = (p.id, r1.id, r2.id)
    return exp, *ids


def _datos(resultado_id: int, **cambios) -> DatosIndicador:
    base = dict(resultado_id=resultado_id, tipo="producto", nombre="Hogares con agua segura", unidad="hogares",
                sentido="aumentar", base_valor=40, base_fecha=date(2026, 3, 1), meta_valor=240,
                meta_fecha=date(2027, 6, 30), medio_verificacion="Relevamiento de la USF")
    base.update(cambios)
    return DatosIndicador(**base)


def _estado(exp, plan_id: int, estado: str) -> None:
    with exp.transaccion() as s:
        s.get(PlanAccion, plan_id).estado = estado


# -- cumplimiento de un indicador ----------------------------------------------------------------------------
def test_grado_de_cumplimiento_en_los_dos_sentidos_y_acotado():
    assert grado_cumplimiento(40, 240, 140) == pytest.approx(0.5)  # halfway up
    assert grado_cumplimiento(40, 10, 25) == pytest.approx(0.5)  # halfway down
    assert grado_cumplimiento(40, 10, 10) == 1.0
    assert grado_cumplimiento(40, 240, 300) == 1.0  # beyond the target counts as reached, not 130 %
    assert grado_cumplimiento(40, 240, 20) == 0.0  # worse than the baseline is 0, not negative
    assert grado_cumplimiento(40, 10, 55) == 0.0
    assert grado_cumplimiento(None, 10, 5) is None
    assert grado_cumplimiento(40, 240, None) is None


# -- definición ------------------------------------------------------------------------------------------------
def test_crear_y_listar_con_ultimo_valor_y_estado(plan):
    exp, plan_id, r1, r2 = plan
    mid = exp.municipio_id
    with exp.transaccion() as s:
        a = crear_indicador(s, mid, _datos(r1))
        b = crear_indicador(s, mid, _datos(r1, nombre="Casos de diarrea infantil por mes", unidad="casos",
                                           sentido="disminuir", base_valor=30, meta_valor=10))
        c = crear_indicador(s, mid, _datos(r2, nombre="Km de camino enripiado", unidad="km", base_valor=0,
                                           meta_valor=6))
        agregar_medicion(s, a, DatosMedicion(date(2026, 6, 30), 90, "USF"), HOY)
        agregar_medicion(s, a, DatosMedicion(date(2026, 9, 30), 140, "USF"), HOY)
        agregar_medicion(s, b, DatosMedicion(date(2026, 9, 30), 8, "USF"), HOY)
    with exp.sesion() as s:
        filas = listar_indicadores(s, plan_id)
    assert [f.id for f in filas] == [a, b, c]
    fa, fb, fc = filas
    assert (fa.resultado_codigo, fa.ultimo_valor, fa.ultima_fecha, fa.n_mediciones) == ("R1", 140, date(2026, 9, 30), 2)
    assert fa.cumplimiento == pytest.approx(0.5) and fa.cumplimiento_texto == "50%"
    assert fa.estado_texto == "En curso" and fa.meta_texto == "240 hogares"
    assert fb.cumplimiento == 1.0 and fb.estado_texto == "Meta alcanzada"
    assert fc.cumplimiento is None and fc.estado_texto == "Sin mediciones" and fc.ultimo_texto == "—"


def test_validacion_de_la_definicion(plan):
    exp, _p, r1, _r2 = plan
    mid = exp.municipio_id
    with exp.transaccion() as s:
        with pytest.raises(ErroresDeValidacion) as e:
            crear_indicador(s, mid, _datos(r1, nombre="  ", meta_valor=None, meta_fecha=None))
        assert set(e.value.errores) == {"nombre", "meta_valor", "meta_fecha"}
        with pytest.raises(ErroresDeValidacion) as e:
            crear_indicador(s, mid, _datos(r1, meta_valor=20))  # aumentar, but the target is below the baseline
        assert "Aumentar" in e.value.errores["meta_valor"] and "Disminuir" in e.value.errores["meta_valor"]
        with pytest.raises(ErroresDeValidacion) as e:
            crear_indicador(s, mid, _datos(r1, sentido="disminuir"))  # disminuir, target above the baseline
        assert "menor que la línea de base" in e.value.errores["meta_valor"]
        with pytest.raises(ErroresDeValidacion) as e:
            crear_indicador(s, mid, _datos(r1, meta_fecha=date(2026, 2, 1)))
        assert "posterior a la de la línea de base (01/03/2026)" in e.value.errores["meta_fecha"]
        with pytest.raises(ErroresDeValidacion) as e:
            crear_indicador(s, mid, _datos(r1, base_valor=None))  # a date with no value
        assert "base_valor" in e.value.errores
        with pytest.raises(ErroresDeValidacion) as e:
            crear_indicador(s, mid, _datos(None))
        assert "resultado_id" in e.value.errores
        # Without a baseline the indicator is valid (measured later); only its fulfilment waits for it.
        assert crear_indicador(s, mid, _datos(r1, base_valor=None, base_fecha=None))


def test_estructura_solo_en_borrador_o_revision_y_mediciones_hasta_el_cierre(plan):
    exp, plan_id, r1, _r2 = plan
    mid = exp.municipio_id
    with exp.transaccion() as s:
        ind = crear_indicador(s, mid, _datos(r1))
    _estado(exp, plan_id, "en_ejecucion")
    with exp.transaccion() as s:
        with pytest.raises(ErrorDeUsuario, match="ya no se modifica"):
            crear_indicador(s, mid, _datos(r1, nombre="Otro"))
        with pytest.raises(ErrorDeUsuario, match="ya no se modifica"):
            actualizar_indicador(s, ind, _datos(r1, nombre="Cambiado"))
        with pytest.raises(ErrorDeUsuario, match="ya no se modifica"):
            eliminar_indicador(s, ind)
        med = agregar_medicion(s, ind, DatosMedicion(date(2026, 10, 1), 100), HOY)  # follow-up is allowed
    _estado(exp, plan_id, "cerrado")
    with exp.transaccion() as s:
        with pytest.raises(ErrorDeUsuario):
            agregar_medicion(s, ind, DatosMedicion(date(2026, 11, 1), 120), HOY)
        with pytest.raises(ErrorDeUsuario):
            eliminar_medicion(s, med)


def test_actualizar_devuelve_lo_anterior_y_mover_renumera(plan):
    exp, plan_id, r1, r2 = plan
    mid = exp.municipio_id
    with exp.transaccion() as s:
        a = crear_indicador(s, mid, _datos(r1, nombre="A"))
        b = crear_indicador(s, mid, _datos(r1, nombre="B"))
        c = crear_indicador(s, mid, _datos(r1, nombre="C"))
        anterior = actualizar_indicador(s, b, _datos(r2, nombre="B en R2"))
        assert anterior.nombre == "B" and anterior.resultado_id == r1
        assert [s.get(Indicador, i).orden for i in (a, c)] == [1, 2]  # no gap left in R1
        actualizar_indicador(s, b, anterior)  # undo
        assert obtener_indicador(s, b).nombre == "B"
        assert mover_indicador(s, b, 1) == 3  # it came back last; returns where it was
        assert [f.nombre for f in listar_indicadores(s, plan_id)] == ["B", "A", "C"]


# -- mediciones ------------------------------------------------------------------------------------------------
def test_una_medicion_por_fecha_y_no_futura(plan):
    exp, _p, r1, _r2 = plan
    mid = exp.municipio_id
    with exp.transaccion() as s:
        ind = crear_indicador(s, mid, _datos(r1))
        m1 = agregar_medicion(s, ind, DatosMedicion(date(2026, 6, 30), 90, "USF"), HOY)
        with pytest.raises(ErrorDeUsuario, match="Ya hay una medición del 30/06/2026") as e:
            agregar_medicion(s, ind, DatosMedicion(date(2026, 6, 30), 95), HOY)
        assert e.value.campo == "fecha"
        with pytest.raises(ErroresDeValidacion) as e:
            agregar_medicion(s, ind, DatosMedicion(date(2026, 12, 1), 95), HOY)
        assert "posterior a hoy (18/11/2026)" in e.value.errores["fecha"]
        with pytest.raises(ErroresDeValidacion) as e:
            agregar_medicion(s, ind, DatosMedicion(None, None), HOY)
        assert set(e.value.errores) == {"fecha", "valor"}
        m2 = agregar_medicion(s, ind, DatosMedicion(date(2026, 9, 30), 140), HOY)
        with pytest.raises(ErrorDeUsuario, match="Ya hay una medición"):
            editar_medicion(s, m2, DatosMedicion(date(2026, 6, 30), 140), HOY)
        anterior = editar_medicion(s, m2, DatosMedicion(date(2026, 10, 15), 150, "Censo"), HOY)
        assert anterior == DatosMedicion(date(2026, 9, 30), 140.0, "", "")
        assert [(m.fecha_texto, m.valor_texto) for m in mediciones(s, ind)] == [("30/06/2026", "90"),
                                                                             ("15/10/2026", "150")]
        copia = eliminar_medicion(s, m1)
        assert [m.id for m in mediciones(s, ind)] == [m2]
        assert restaurar_medicion(s, copia) == m1
        assert [m.id for m in mediciones(s, ind)] == [m1, m2]


def test_eliminar_y_restaurar_con_mediciones_y_lugar(plan):
    exp, plan_id, r1, _r2 = plan
    mid = exp.municipio_id
    with exp.transaccion() as s:
        a = crear_indicador(s, mid, _datos(r1, nombre="A"))
        b = crear_indicador(s, mid, _datos(r1, nombre="B"))
        c = crear_indicador(s, mid, _datos(r1, nombre="C"))
        agregar_medicion(s, b, DatosMedicion(date(2026, 6, 30), 90), HOY)
        agregar_medicion(s, b, DatosMedicion(date(2026, 9, 30), 120), HOY)
    with exp.transaccion() as s:
        copia = eliminar_indicador(s, b)
        assert s.scalar(select(func.count()).select_from(Medicion).where(Medicion.indicador_id == b)) == 0
        assert [s.get(Indicador, i).orden for i in (a, c)] == [1, 2]
    with exp.transaccion() as s:
        assert restaurar_indicador(s, copia) == b
    with exp.sesion() as s:
        filas = listar_indicadores(s, plan_id)
        assert [(f.id, f.orden) for f in filas] == [(a, 1), (b, 2), (c, 3)]
        assert filas[1].n_mediciones == 2 and filas[1].ultimo_valor == 120


# -- cumplimiento del plan -------------------------------------------------------------------------------------
def test_cumplimiento_por_lado_y_sector_calculado_a_mano(plan):
    exp, plan_id, r1, _r2 = plan
    mid = exp.municipio_id
    with exp.transaccion() as s:
        gob = Actor(municipio_id=mid, nombre="Gobernación Prueba", tipo="institucion")
        usf = Actor(municipio_id=mid, nombre="USF Prueba", tipo="institucion")
        s.add_all([gob, usf])
        s.flush()

        def act(nombre, duracion, avance, fin, lado, responsable=None, padre=None, fin_real=None):
            a = Actividad(municipio_id=mid, plan_id=plan_id, nombre=nombre, duracion=duracion, avance=avance,
                          fin=fin, lado=lado, responsable_id=responsable, padre_id=padre, fin_real=fin_real)
            s.add(a)
            s.flush()
            return a.id

        vencida, futura = date(2026, 10, 30), date(2027, 3, 1)
        grupo = act("Grupo", 0, 0, futura, "municipalidad")  # a summary: never counted itself
        act("M1", 10, 100, vencida, "municipalidad", padre=grupo)
        act("M2", 30, 50, vencida, "municipalidad", padre=grupo)
        act("M3", 20, 0, futura, "municipalidad", padre=grupo)
        act("G1", 5, 40, vencida, "servicio_publico", gob.id)
        act("G2", 0, 0, vencida, "servicio_publico", gob.id, fin_real=vencida)  # a hito done: peso 1, 100 %
        act("U1", 15, 80, vencida, "servicio_publico", usf.id)
        act("C1", 4, 0, futura, "comunidad")
        ind = crear_indicador(s, mid, _datos(r1))
        crear_indicador(s, mid, _datos(r1, nombre="Sin medir"))
        agregar_medicion(s, ind, DatosMedicion(date(2026, 9, 30), 90), HOY)  # (90-40)/(240-40) = 0.25
    with exp.sesion() as s:
        c = cumplimiento(s, plan_id, HOY)
    # Municipal: M1 10·100 + M2 30·50 = 2500 over 40 -> 62.5 %; M3 is not due yet.
    assert c.municipal == pytest.approx(0.625)
    # Otras instituciones: G1 5·40 + G2 1·100 + U1 15·80 = 1500 over 21.
    assert c.otras_instituciones == pytest.approx(1500 / 21 / 100)
    assert c.por_sector == [("Gobernación Prueba", pytest.approx(300 / 6 / 100)),
                            ("USF Prueba", pytest.approx(0.8))]
    assert c.comunidad is None  # nothing of the community was due yet
    # Plan: every due detail activity, 2500 + 1500 over 61.
    assert c.plan == pytest.approx(4000 / 61 / 100)
    # Avance: all seven detail activities (M3 and C1 at 0 add weight 24): 4000 over 85.
    assert c.avance == pytest.approx(4000 / 85 / 100)
    assert (c.n_actividades, c.n_debidas) == (7, 5)
    assert c.indicadores == pytest.approx(0.25) and (c.n_indicadores, c.n_medidos) == (2, 1)


def test_cumplimiento_de_un_plan_vacio(plan):
    exp, plan_id, _r1, _r2 = plan
    with exp.sesion() as s:
        c = cumplimiento(s, plan_id, HOY)
    assert c.avance == 0.0 and c.plan is None and c.por_sector == [] and c.indicadores is None
