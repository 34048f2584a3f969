"""Reglas de territorios y de la hoja de ruta, probadas contra un expediente real en disco."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from nucleo.calendario import Calendario
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import PlanAccion
from nucleo.servicios import hoja_de_ruta as ruta
from nucleo.servicios.dias_especiales import agregar_dia_especial, calendario_de, quitar_dia_especial
from nucleo.servicios.territorios import (
    DatosTerritorio,
    actualizar_territorio,
    crear_territorio,
    eliminar_territorio,
    listar_territorios,
    obtener_territorio,
    restaurar_territorio,
)

HOY = date(2026, 11, 18)


def _errores(funcion) -> dict[str, str]:
    with pytest.raises(ErroresDeValidacion) as info:
        funcion()
    return info.value.errores


def test_validacion_atada_a_cada_campo(expediente_demo):
    mid = expediente_demo.municipio_id
    with expediente_demo.sesion() as s:
        errores = _errores(lambda: crear_territorio(s, mid, DatosTerritorio(
            nombre="Barrio San Miguel", poblacion=-5, latitud=-57.4, longitud=-25.5)))
        assert set(errores) >= {"nombre", "poblacion", "latitud", "longitud"}
        assert "Ya hay un territorio" in errores["nombre"]
        assert "negativa" in errores["poblacion"]
        assert "¿Invirtió" in errores["latitud"]


def test_un_territorio_seleccionado_necesita_los_tres_criterios(expediente_demo):
    with expediente_demo.sesion() as s:
        errores = _errores(lambda: crear_territorio(s, expediente_demo.municipio_id, DatosTerritorio(
            nombre="Nuevo", estado="seleccionado", identidad_propia=False)))
        assert set(errores) == {"identidad_propia", "organizacion_id", "riesgos_diversos"}
        assert "criterio a" in errores["identidad_propia"]


def test_geojson_invalido_se_rechaza(expediente_demo):
    with expediente_demo.sesion() as s:
        errores = _errores(lambda: crear_territorio(s, expediente_demo.municipio_id, DatosTerritorio(
            nombre="Con límite", limite_geojson='{"type": "Point", "coordinates": [0, 0]}')))
        assert "polígono" in errores["limite_geojson"]


def test_crear_genera_las_ocho_etapas_con_fechas_en_dias_habiles(expediente_demo):
    mid = expediente_demo.municipio_id
    with expediente_demo.transaccion() as s:
        # Monday 30 March 2026: Semana Santa (2 and 3 April) falls inside stage 1-a.
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Barrio Nuevo", inicio_ruta=date(2026, 3, 30)))
    with expediente_demo.sesion() as s:
        r = ruta.resumen_ruta(s, tid, hoy=date(2026, 3, 30))
    codigos = [e.codigo for e in r.etapas]
    assert codigos == ["1-a", "1-b", "1-c", "2", "3", "4", "5", "6"]
    e = {x.codigo: x for x in r.etapas}
    assert e["1-a"].inicio_plan == date(2026, 3, 30)
    assert e["1-a"].fin_plan == date(2026, 4, 14)  # 10 working days skipping Thursday/Friday Santo
    assert e["1-b"].inicio_plan == e["1-c"].inicio_plan == date(2026, 4, 15)  # 1-c runs in parallel
    assert e["2"].inicio_plan == e["3"].inicio_plan
    assert e["5"].fin_plan is None and e["6"].inicio_plan is None  # stage 5 lasts what the plan says
    assert r.siguiente.codigo == "1-a" and "vence el 14/04/2026" in r.texto_siguiente


def test_un_dia_no_laborable_mueve_las_fechas_y_quitarlo_las_devuelve(expediente_demo):
    mid = expediente_demo.municipio_id
    with expediente_demo.transaccion() as s:
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Barrio Feriado", inicio_ruta=date(2026, 3, 2)))
        fin_antes = ruta.resumen_ruta(s, tid).etapas[0].fin_plan
        dia = agregar_dia_especial(s, mid, date(2026, 3, 4), False, "Feriado decretado")
        assert ruta.resumen_ruta(s, tid).etapas[0].fin_plan == Calendario(
            {date(2026, 3, 4): "x", date(2026, 1, 20): "x"}).sumar_dias_habiles(date(2026, 3, 2), 10)
        assert ruta.resumen_ruta(s, tid).etapas[0].fin_plan > fin_antes
        quitar_dia_especial(s, dia)
        assert ruta.resumen_ruta(s, tid).etapas[0].fin_plan == fin_antes


def test_dias_especiales_rechazan_lo_que_no_tiene_sentido(expediente_demo):
    mid = expediente_demo.municipio_id
    with expediente_demo.sesion() as s:
        with pytest.raises(ErrorDeUsuario, match="ya es no laborable"):
            agregar_dia_especial(s, mid, date(2026, 11, 21), False, "Sábado")
        with pytest.raises(ErrorDeUsuario, match="no es feriado nacional"):
            agregar_dia_especial(s, mid, date(2026, 11, 18), True, "Laborable")
        with pytest.raises(ErrorDeUsuario, match="motivo"):
            agregar_dia_especial(s, mid, date(2026, 11, 18), False, " ")
        agregar_dia_especial(s, mid, date(2026, 12, 8), True, "Trasladado por decreto")
        assert calendario_de(s, mid).es_habil(date(2026, 12, 8))


def test_etapa_reglas_de_estado_y_fechas_reales(expediente_demo):
    with expediente_demo.sesion() as s:
        r = ruta.resumen_ruta(s, 5, hoy=HOY)  # Barrio Industrial: no start yet
        etapa = r.etapas[0].id
        errores = _errores(lambda: ruta.actualizar_etapa(s, etapa, ruta.DatosEtapa(estado="cumplida"), hoy=HOY))
        assert set(errores) == {"fin_real", "inicio_real"}
        errores = _errores(lambda: ruta.actualizar_etapa(s, etapa, ruta.DatosEtapa(
            estado="en_curso", inicio_real=date(2026, 12, 1)), hoy=HOY))
        assert "futura" in errores["inicio_real"]
        anterior = ruta.actualizar_etapa(s, etapa, ruta.DatosEtapa(
            estado="cumplida", inicio_real=date(2026, 11, 2), fin_real=date(2026, 11, 13), notas="Listo"), hoy=HOY)
        assert anterior.estado == "pendiente"
        assert ruta.resumen_ruta(s, 5, hoy=HOY).cumplidas == 1


def test_semaforos_del_demo(expediente_demo):
    with expediente_demo.sesion() as s:
        filas = {f.nombre: f for f in listar_territorios(s, expediente_demo.municipio_id, hoy=HOY)}
    assert len(filas) == 5
    assert filas["Barrio Industrial"].semaforo == "sin_fecha"
    assert filas["Barrio San Miguel"].progreso > filas["Comunidad Yvy Porã"].progreso
    assert {f.semaforo for f in filas.values()} >= {"vencida", "al_dia", "sin_fecha"}
    assert filas["Barrio San Miguel"].criterios == 3 and filas["Barrio Industrial"].criterios == 0


def test_eliminar_y_restaurar_devuelve_todo_con_los_mismos_numeros(expediente_demo, tmp_path):
    archivo = tmp_path / "acta.pdf"
    archivo.write_bytes(b"%PDF-1.4 prueba")
    with expediente_demo.transaccion() as s:
        r = ruta.resumen_ruta(s, 1)
        doc = ruta.adjuntar_documento(s, r.etapas[0].id, archivo, "Acta firmada")
        antes = obtener_territorio(s, 1)
        # Territory 1 (Barrio San Miguel) has the demo's plan in execution: only a closed plan lets it go.
        s.execute(update(PlanAccion).values(estado="cerrado"))
        copia = eliminar_territorio(s, 1)
        assert 1 not in {f.id for f in listar_territorios(s, expediente_demo.municipio_id)}
        assert restaurar_territorio(s, copia) == 1
        assert obtener_territorio(s, 1) == antes
        assert [e.codigo for e in ruta.resumen_ruta(s, 1).etapas][0] == "1-a"
        assert ruta.contenido_documento(s, doc) == ("acta.pdf", b"%PDF-1.4 prueba")


def test_actualizar_devuelve_lo_anterior_para_deshacer(expediente_demo):
    with expediente_demo.transaccion() as s:
        datos = obtener_territorio(s, 2)
        datos.poblacion = 2000
        anterior = actualizar_territorio(s, 2, datos)
        assert anterior.poblacion == 1890
        actualizar_territorio(s, 2, anterior)
        assert obtener_territorio(s, 2).poblacion == 1890


def test_documento_vacio_o_ilegible(expediente_demo, tmp_path):
    with expediente_demo.sesion() as s:
        etapa = ruta.resumen_ruta(s, 1).etapas[0].id
        with pytest.raises(ErrorDeUsuario, match="No se pudo leer"):
            ruta.adjuntar_documento(s, etapa, tmp_path / "no-existe.pdf")
