"""Necesidades del diagnóstico: validación por campo, lista por prioridad, empates, orden a mano y por votos, baja
deshacible, la demo y la planilla Excel (ida y vuelta)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Auditoria, CruceNecesidad, Necesidad, NodoProblema, Oportunidad, Territorio
from nucleo.servicios import demo_necesidades
from nucleo.servicios.cruce import decidir
from nucleo.servicios.necesidades import (
    DatosNecesidad,
    actualizar_necesidad,
    contar_necesidades,
    crear_necesidad,
    eliminar_necesidad,
    listar_necesidades,
    obtener_necesidad,
    ordenar_prioridades,
    priorizar_por_votos,
    ranking_de_competencia,
    restaurar_necesidad,
    restaurar_prioridades,
    resumen,
)

HOY = date(2026, 11, 18)


def _territorio(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def _datos(tid: int, descripcion: str = "Falta agua segura", **campos) -> DatosNecesidad:
    return DatosNecesidad(territorio_id=tid, descripcion=descripcion, **campos)


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def sembrar_si_falta(exp) -> None:
    """The demo seeds the needs itself once the lead wires demo_necesidades in demo.py; before that, do it here."""
    with exp.transaccion() as s:
        if not contar_necesidades(s, exp.municipio_id):
            demo_necesidades.sembrar(s, exp.municipio_id, HOY)


def sin_necesidades(exp) -> None:
    with exp.transaccion() as s:
        for f in listar_necesidades(s, exp.municipio_id):
            eliminar_necesidad(s, f.id)


@pytest.fixture
def sembrado(expediente_demo):
    sembrar_si_falta(expediente_demo)
    return expediente_demo


# -- validación ---------------------------------------------------------------------------------------------------
def test_crear_y_leer_la_necesidad(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _territorio(s, "Barrio Industrial")
        nid = crear_necesidad(s, mid, _datos(tid, "  Falta iluminación en la plaza  ", dimension="ambiental",
                                             pilar="integracion_social", poblacion="entorno", fuente="encuesta",
                                             fecha=date(2026, 11, 2), votos=4, notas="Pedido de la comisión"), HOY)
    with exp.sesion() as s:
        d = obtener_necesidad(s, nid)
        assert d.descripcion == "Falta iluminación en la plaza"  # trimmed
        assert (d.dimension, d.pilar, d.poblacion, d.fuente, d.votos, d.prioridad) == (
            "ambiental", "integracion_social", "entorno", "encuesta", 4, None)
        fila = listar_necesidades(s, mid, tid)[0]
        assert fila.territorio == "Barrio Industrial"
        assert (fila.dimension_texto, fila.pilar_texto, fila.poblacion_texto, fila.fuente_texto) == (
            "Ambiental", "Integración social", "Entorno", "Encuesta")
        assert (fila.fecha_texto, fila.votos_texto, fila.prioridad_texto) == ("02/11/2026", "4", "—")
        assert s.scalar(select(Auditoria.accion).where(Auditoria.entidad == "necesidad",
                                                       Auditoria.entidad_id == nid)) == "crear"


def test_los_errores_se_atan_a_cada_campo_en_espanol(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        tid = _territorio(s, "Barrio Industrial")
        with pytest.raises(ErroresDeValidacion) as e:
            crear_necesidad(s, mid, DatosNecesidad(territorio_id=tid, descripcion="  ", dimension="espiritual",
                                                   pilar="otro", poblacion="bebes", fuente="rumor",
                                                   fecha=date(2026, 11, 19), votos=-1, prioridad=0), HOY)
    errores = e.value.errores
    assert set(errores) == {"descripcion", "dimension", "pilar", "poblacion", "fuente", "fecha", "votos",
                            "prioridad"}
    assert errores["descripcion"] == "Escriba la descripción de la necesidad."
    assert "Económica" in errores["dimension"] and "Ambiental" in errores["dimension"]
    assert "Previsión social" in errores["pilar"]
    assert "Hogares" in errores["poblacion"]
    assert "Taller" in errores["fuente"]
    assert "posterior a hoy (18/11/2026)" in errores["fecha"]
    assert "negativos" in errores["votos"]
    assert "1 (la más alta)" in errores["prioridad"]


def test_hoy_es_una_fecha_valida_y_pilar_y_poblacion_pueden_quedar_sin_indicar(exp):
    with exp.transaccion() as s:
        tid = _territorio(s, "Barrio Industrial")
        nid = crear_necesidad(s, exp.municipio_id, _datos(tid, fecha=HOY, votos=0), HOY)
        d = obtener_necesidad(s, nid)
    assert d.fecha == HOY and d.votos == 0 and d.pilar == "" and d.poblacion == ""


def test_territorio_obligatorio_ajeno_y_descripcion_repetida(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _territorio(s, "Barrio Industrial")
        crear_necesidad(s, mid, _datos(tid, "Falta agua SEGURA"), HOY)
        with pytest.raises(ErroresDeValidacion) as e:
            crear_necesidad(s, mid, _datos(None), HOY)
        assert e.value.errores == {"territorio_id": "Elija el territorio de la necesidad."}
        with pytest.raises(ErroresDeValidacion) as e:
            crear_necesidad(s, mid, _datos(9999), HOY)
        assert "ya no existe" in e.value.errores["territorio_id"]
        with pytest.raises(ErroresDeValidacion) as e:
            crear_necesidad(s, mid, _datos(tid, "falta agua segura"), HOY)
        assert e.value.errores["descripcion"].startswith("«Barrio Industrial» ya tiene esta necesidad")
        # The same need in another territory is another need.
        crear_necesidad(s, mid, _datos(_territorio(s, "Compañía Cerrito"), "Falta agua segura"), HOY)


def test_actualizar_devuelve_lo_anterior_para_deshacer(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _territorio(s, "Barrio Industrial")
        nid = crear_necesidad(s, mid, _datos(tid, votos=3), HOY)
        nueva = replace(obtener_necesidad(s, nid), descripcion="Agua segura todo el año", votos=5)
        anterior = actualizar_necesidad(s, nid, nueva, HOY)
        assert anterior.descripcion == "Falta agua segura" and anterior.votos == 3
        assert obtener_necesidad(s, nid).votos == 5
        actualizar_necesidad(s, nid, anterior, HOY)  # undo
        assert obtener_necesidad(s, nid) == anterior
        # Editing keeps its own description: no «repeated» complaint about itself.
        actualizar_necesidad(s, nid, replace(anterior, notas="sin cambios de texto"), HOY)


# -- prioridad ----------------------------------------------------------------------------------------------------
def test_ranking_de_competencia_muestra_los_empates():
    assert ranking_de_competencia({1: 10, 2: 7, 3: 7, 4: 3}) == {1: 1, 2: 2, 3: 2, 4: 4}
    assert ranking_de_competencia({1: 0}) == {1: 1}
    assert ranking_de_competencia({}) == {}


def _cuatro(s, mid, votos=(10, 7, 7, 3, None)) -> tuple[int, list[int]]:
    tid = _territorio(s, "Barrio Industrial")
    ids = [crear_necesidad(s, mid, _datos(tid, f"Necesidad {n}", votos=v), HOY) for n, v in enumerate(votos)]
    return tid, ids


def test_priorizar_por_votos_con_empate_y_sin_votos_al_final(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, ids = _cuatro(s, mid)
        anteriores = priorizar_por_votos(s, mid, tid)
        assert anteriores == dict.fromkeys(ids)
        filas = listar_necesidades(s, mid, tid)
        assert [f.id for f in filas] == ids  # by priority; the tie by order of registration; unvoted last
        assert [f.prioridad for f in filas] == [1, 2, 2, 4, None]
        assert [f.prioridad_texto for f in filas] == ["1", "2 (empate)", "2 (empate)", "4", "—"]
        assert [f.empate for f in filas] == [False, True, True, False, False]
        assert resumen(filas) == "5 necesidades · 4 priorizadas · 1 empate"
        # Undo puts back what there was, and returns what it replaced (for redo).
        assert restaurar_prioridades(s, anteriores) == {ids[0]: 1, ids[1]: 2, ids[2]: 2, ids[3]: 4, ids[4]: None}
        assert [f.prioridad for f in listar_necesidades(s, mid, tid)] == [None] * 5


def test_priorizar_por_votos_sin_votos_lo_explica(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        tid, _ids = _cuatro(s, mid, votos=(None, None))
        with pytest.raises(ErrorDeUsuario, match="Ninguna necesidad de «Barrio Industrial» tiene votos"):
            priorizar_por_votos(s, mid, tid)


def test_ordenar_a_mano_da_puestos_unicos_y_el_resto_sin_priorizar(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, ids = _cuatro(s, mid)
        priorizar_por_votos(s, mid, tid)
        anteriores = ordenar_prioridades(s, mid, tid, [ids[2], ids[0], ids[1]])
        assert anteriores == {ids[0]: 1, ids[1]: 2, ids[2]: 2, ids[3]: 4, ids[4]: None}
        filas = listar_necesidades(s, mid, tid)
        assert [(f.id, f.prioridad) for f in filas] == [(ids[2], 1), (ids[0], 2), (ids[1], 3), (ids[3], None),
                                                         (ids[4], None)]
        assert not any(f.empate for f in filas)
        auditoria = s.scalars(select(Auditoria.resumen).where(Auditoria.accion == "priorizar")).all()
        assert any("orden de prioridad fijado a mano" in r for r in auditoria)


def test_ordenar_con_una_necesidad_de_otro_territorio_se_rechaza(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        tid, ids = _cuatro(s, mid)
        otra = crear_necesidad(s, mid, _datos(_territorio(s, "Compañía Cerrito")), HOY)
        with pytest.raises(ErrorDeUsuario, match="ya no está en «Barrio Industrial»"):
            ordenar_prioridades(s, mid, tid, [ids[0], otra])


def test_un_empate_es_dentro_del_territorio(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        a = crear_necesidad(s, mid, _datos(_territorio(s, "Barrio Industrial"), prioridad=1), HOY)
        b = crear_necesidad(s, mid, _datos(_territorio(s, "Asentamiento Costa Azul"), prioridad=1), HOY)
        filas = {f.id: f for f in listar_necesidades(s, mid)}
    assert not filas[a].empate and not filas[b].empate


# -- baja ---------------------------------------------------------------------------------------------------------
def test_eliminar_corre_las_prioridades_y_restaurar_devuelve_todo(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, ids = _cuatro(s, mid)
        priorizar_por_votos(s, mid, tid)  # 1, 2, 2, 4, None
        oportunidad = s.scalar(select(Oportunidad.id).where(Oportunidad.nombre == "Tekoporã"))
        decidir(s, mid, ids[0], oportunidad, "confirmada")
        nodo = NodoProblema(municipio_id=mid, territorio_id=tid, tipo="problema", texto="Pobreza",
                            necesidad_id=ids[0])
        s.add(nodo)
        s.flush()
        copia = eliminar_necesidad(s, ids[0])
        assert [f.prioridad for f in listar_necesidades(s, mid, tid)] == [1, 1, 3, None]  # 2, 2, 4 moved up
        assert s.get(NodoProblema, nodo.id).necesidad_id is None
        assert s.scalar(select(func.count()).select_from(CruceNecesidad)
                        .where(CruceNecesidad.necesidad_id == ids[0])) == 0
        assert restaurar_necesidad(s, copia) == ids[0]
        assert [f.prioridad for f in listar_necesidades(s, mid, tid)] == [1, 2, 2, 4, None]
        assert s.get(NodoProblema, nodo.id).necesidad_id == ids[0]
        assert listar_necesidades(s, mid, tid)[0].confirmadas == 1
        acciones = s.scalars(select(Auditoria.accion).where(Auditoria.entidad == "necesidad",
                                                            Auditoria.entidad_id == ids[0])).all()
        assert "eliminar" in acciones and "restaurar" in acciones


def test_eliminar_una_de_un_empate_no_deja_hueco(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid, ids = _cuatro(s, mid)
        priorizar_por_votos(s, mid, tid)  # 1, 2, 2, 4
        eliminar_necesidad(s, ids[1])
        assert [f.prioridad for f in listar_necesidades(s, mid, tid)] == [1, 2, 3, None]


def test_eliminar_una_que_no_existe(exp):
    with exp.sesion() as s, pytest.raises(ErrorDeUsuario, match="No se encontró la necesidad"):
        eliminar_necesidad(s, 12345)


# -- demo ---------------------------------------------------------------------------------------------------------
def test_la_demo_tiene_empate_brechas_y_un_segundo_territorio(sembrado):
    mid = sembrado.municipio_id
    with sembrado.sesion() as s:
        cerrito = listar_necesidades(s, mid, _territorio(s, "Compañía Cerrito"))
        san_miguel = listar_necesidades(s, mid, _territorio(s, "Barrio San Miguel"))
        assert 6 <= len(cerrito) <= 8 and 3 <= len(san_miguel) <= 4
        assert any(f.empate for f in cerrito)  # the workshop tied
        assert sum(1 for f in cerrito if f.es_brecha) >= 2
        assert any(f.prioridad is None for f in cerrito)  # raised after the workshop
        assert [f.prioridad for f in san_miguel] == list(range(1, len(san_miguel) + 1))
        assert sum(f.confirmadas for f in cerrito) >= 3
        assert contar_necesidades(s, mid) == len(cerrito) + len(san_miguel)
        assert all(f.fecha and f.fecha <= HOY for f in cerrito + san_miguel)


# -- Excel --------------------------------------------------------------------------------------------------------
def test_la_planilla_de_necesidades_va_y_vuelve_igual(sembrado, tmp_path):
    from nucleo.exportar.excel import esquema_de, exportar_excel
    from nucleo.importar import importar_archivo
    from nucleo.servicios.demo import crear_demo

    mid = sembrado.municipio_id
    archivo = tmp_path / "necesidades.xlsx"
    with sembrado.sesion() as s:
        resultado = exportar_excel(s, mid, esquema_de("necesidades"), archivo)
        originales = listar_necesidades(s, mid)
    assert resultado.filas == len(originales) == 12

    otro = crear_demo(tmp_path / "otro" / "Villeta.articula", hoy=HOY)
    try:
        sin_necesidades(otro)  # the same territories, none of the needs
        _lectura, r = importar_archivo(otro, archivo, "necesidades")
        assert r.ok, r.problemas
        assert r.creados == 12
        with otro.sesion() as s:
            copiadas = listar_necesidades(s, otro.municipio_id)

        def clave(f):
            return (f.territorio, f.descripcion, f.dimension, f.pilar, f.poblacion, f.fuente, f.fecha, f.prioridad,
                    f.votos, f.notas, f.empate)

        assert [clave(f) for f in copiadas] == [clave(f) for f in originales]
        # The same workbook again: each row is reported as already there (same territory and description).
        _lectura, r = importar_archivo(otro, archivo, "necesidades")
        assert not r.ok and r.creados == 0
        assert "ya tiene esta necesidad" in r.problemas[0].mensaje
        _lectura, r = importar_archivo(otro, archivo, "necesidades", omitir_existentes=True)
        assert r.ok and r.omitidos == 12
    finally:
        otro.cerrar()


def test_la_plantilla_trae_las_listas_y_la_columna_de_territorio(sembrado, tmp_path):
    from openpyxl import load_workbook

    from nucleo.exportar.excel import esquema_de, exportar_excel

    archivo = tmp_path / "plantilla.xlsx"
    with sembrado.sesion() as s:
        exportar_excel(s, sembrado.municipio_id, esquema_de("necesidades"), archivo, plantilla=True)
    libro = load_workbook(archivo)
    hoja = libro["Necesidades"]
    assert [c.value for c in hoja[1]] == ["Territorio", "Descripción", "Dimensión", "Pilar", "Población", "Fuente",
                                          "Fecha", "Prioridad", "Votos", "Notas"]
    assert hoja.max_row == 1
    listas = " ".join(str(v.formula1) for v in hoja.data_validations.dataValidation)
    assert listas  # drop-down lists for the options and the territories


def test_sin_necesidades_no_falla(exp):
    sin_necesidades(exp)
    with exp.sesion() as s:
        assert listar_necesidades(s, exp.municipio_id) == []
        assert listar_necesidades(s, exp.municipio_id, _territorio(s, "Barrio Industrial")) == []
        assert s.scalar(select(func.count()).select_from(Necesidad)) == 0
