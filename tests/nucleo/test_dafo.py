"""Servicio del DAFO / DIPE: alta al final, edición, baja y restauración en su lugar, movimientos deshacibles,
validación en español, auditoría, la siembra de la demo y la planilla Excel de ida y vuelta."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.exportar.excel import esquema_de, exportar_excel
from nucleo.importar import importar_archivo
from nucleo.modelo import Auditoria, ItemDafo, Territorio
from nucleo.servicios import dafo as servicio
from nucleo.servicios.dafo import DatosItemDafo
from nucleo.servicios.demo import crear_demo
from nucleo.servicios.demo_dafo import sembrar

HOY = date(2026, 11, 18)


def _territorio(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


@pytest.fixture
def demo(expediente_demo):
    with expediente_demo.transaccion() as s:
        sembrar(s, expediente_demo.municipio_id, HOY)
    return expediente_demo


@pytest.fixture
def cerrito(demo) -> int:
    with demo.sesion() as s:
        return _territorio(s, "Compañía Cerrito")


def _textos(exp, tid: int, analisis: str = "dafo") -> dict[str, list[str]]:
    with exp.sesion() as s:
        t = servicio.listar_dafo(s, tid, analisis)
    return {c: [f.texto for f in filas] for c, filas in t.cuadrantes.items()}


def _ordenes(exp, tid: int, analisis: str = "dafo") -> dict[str, list[int]]:
    with exp.sesion() as s:
        t = servicio.listar_dafo(s, tid, analisis)
        guardados = {i.id: i.orden for i in s.scalars(select(ItemDafo).where(ItemDafo.territorio_id == tid))}
    # What is stored is what is shown: 1, 2, 3… without gaps.
    for filas in t.cuadrantes.values():
        assert [guardados[f.id] for f in filas] == [f.orden for f in filas] == list(range(1, len(filas) + 1))
    return {c: [f.id for f in filas] for c, filas in t.cuadrantes.items()}


# -- demo -------------------------------------------------------------------------------------------------
def test_la_demo_tiene_un_dafo_realista_en_la_etapa_3_y_un_dipe_corto(demo, cerrito):
    with demo.sesion() as s:
        tablero = servicio.listar_dafo(s, cerrito, "dafo")
        san_miguel = _territorio(s, "Barrio San Miguel")
        dipe = servicio.listar_dafo(s, san_miguel, "dipe")
        cuentas = servicio.contar_por_analisis(s, cerrito)
    assert tablero.territorio == "Compañía Cerrito"
    assert list(tablero.cuadrantes) == ["debilidades", "amenazas", "fortalezas", "oportunidades"]
    assert all(3 <= len(filas) <= 5 for filas in tablero.cuadrantes.values())
    assert tablero.resumen() == "17 elementos · Debilidades: 5 · Amenazas: 4 · Fortalezas: 4 · Oportunidades: 4"
    assert "Asociación de Productores Cerrito Unido" in tablero.cuadrantes["fortalezas"][0].texto
    assert cuentas == {"dafo": 17, "dipe": 0}
    assert 0 < dipe.total < tablero.total and all(dipe.cuadrantes.values())
    # Sowing twice repeats nothing.
    with demo.transaccion() as s:
        sembrar(s, demo.municipio_id, HOY)
    with demo.sesion() as s:
        assert s.scalar(select(func.count()).select_from(ItemDafo)) == tablero.total + dipe.total


# -- alta y validación --------------------------------------------------------------------------------------
def test_crear_agrega_al_final_del_cuadrante_y_audita(demo, cerrito):
    with demo.transaccion() as s:
        ident = servicio.crear_item(s, demo.municipio_id, DatosItemDafo(
            cerrito, "dafo", "amenazas", "  Cierre del   puerto\nen invierno "))
    textos = _textos(demo, cerrito)
    assert textos["amenazas"][-1] == "Cierre del puerto en invierno"  # one line, spaces tidied
    assert _ordenes(demo, cerrito)["amenazas"][-1] == ident
    with demo.sesion() as s:
        a = s.scalars(select(Auditoria).where(Auditoria.entidad == "item_dafo", Auditoria.entidad_id == ident)).one()
    assert a.accion == "crear" and a.resumen == "DAFO · Amenazas · Cierre del puerto en invierno"


def test_crear_con_orden_lo_pone_en_ese_lugar(demo, cerrito):
    with demo.transaccion() as s:
        ident = servicio.crear_item(s, demo.municipio_id, DatosItemDafo(cerrito, "dafo", "fortalezas", "Primera",
                                                                        orden=1))
        lejos = servicio.crear_item(s, demo.municipio_id, DatosItemDafo(cerrito, "dafo", "fortalezas", "Lejos",
                                                                        orden=99))
    ids = _ordenes(demo, cerrito)["fortalezas"]
    assert ids[0] == ident and ids[-1] == lejos and len(ids) == 6


@pytest.mark.parametrize(("datos", "campo", "mensaje"), [
    (dict(cuadrante="debilidades", texto="   "), "texto", "Escriba el texto del elemento; no puede quedar vacío."),
    (dict(cuadrante="riesgos", texto="x"), "cuadrante",
     "«Riesgos» es un cuadrante del DIPE, no del DAFO; elija Debilidades, Amenazas, Fortalezas u Oportunidades."),
    (dict(cuadrante="otro", texto="x"), "cuadrante",
     "Elija el cuadrante del DAFO: Debilidades, Amenazas, Fortalezas u Oportunidades."),
    (dict(analisis="foda", cuadrante="debilidades", texto="x"), "analisis", "Elija el análisis: DAFO o DIPE."),
    (dict(cuadrante="debilidades", texto="x" * 501), "texto",
     "Acorte el texto del elemento: tiene 501 caracteres y el máximo es 500."),
    (dict(cuadrante="debilidades", texto="x", orden=0), "orden",
     "El orden es la posición dentro del cuadrante: 1 para el primero, 2 para el segundo… Déjelo vacío para "
     "agregarlo al final."),
])
def test_validacion_en_espanol_por_campo(demo, cerrito, datos, campo, mensaje):
    with demo.transaccion() as s, pytest.raises(ErroresDeValidacion) as exc:
        servicio.crear_item(s, demo.municipio_id, DatosItemDafo(cerrito, **datos))
    assert exc.value.errores == {campo: mensaje}


def test_dipe_usa_sus_propios_cuadrantes(demo, cerrito):
    with demo.transaccion() as s:
        with pytest.raises(ErroresDeValidacion) as exc:
            servicio.crear_item(s, demo.municipio_id, DatosItemDafo(cerrito, "dipe", "fortalezas", "x"))
        servicio.crear_item(s, demo.municipio_id, DatosItemDafo(cerrito, "dipe", "potencialidades", "Huerta escolar"))
    assert exc.value.errores["cuadrante"] == ("«Fortalezas» es un cuadrante del DAFO, no del DIPE; elija Desafíos, "
                                              "Limitaciones, Potencialidades o Riesgos.")
    assert _textos(demo, cerrito, "dipe")["potencialidades"] == ["Huerta escolar"]


def test_no_se_repite_el_mismo_texto_en_un_cuadrante(demo, cerrito):
    primero = _textos(demo, cerrito)["debilidades"][2]
    with demo.transaccion() as s:
        with pytest.raises(ErroresDeValidacion) as exc:
            servicio.crear_item(s, demo.municipio_id, DatosItemDafo(cerrito, "dafo", "debilidades", primero.upper()))
        # In another quadrant it may be said again.
        servicio.crear_item(s, demo.municipio_id, DatosItemDafo(cerrito, "dafo", "amenazas", primero))
    assert exc.value.errores == {"texto": "Ese elemento ya está en Debilidades (n.º 3); no hace falta repetirlo."}


def test_territorio_ajeno_o_inexistente(demo, cerrito, tmp_path):
    otro = crear_demo(tmp_path / "Otro.articula", HOY)
    try:
        with otro.transaccion() as s, pytest.raises(ErroresDeValidacion) as exc:
            servicio.crear_item(s, otro.municipio_id + 1, DatosItemDafo(cerrito, "dafo", "debilidades", "x"))
    finally:
        otro.cerrar()
    assert "territorio_id" in exc.value.errores
    with demo.sesion() as s, pytest.raises(ErrorDeUsuario, match="No se encontró el territorio"):
        servicio.listar_dafo(s, 99_999)


# -- edición, baja -----------------------------------------------------------------------------------------
def test_editar_devuelve_el_texto_anterior(demo, cerrito):
    ids = _ordenes(demo, cerrito)
    ident = ids["oportunidades"][1]
    antes = _textos(demo, cerrito)["oportunidades"][1]
    with demo.transaccion() as s:
        assert servicio.editar_texto(s, ident, "Microcréditos de la cooperativa") == antes
    with demo.transaccion() as s:
        with pytest.raises(ErroresDeValidacion):
            servicio.editar_texto(s, ident, "")
        assert servicio.editar_texto(s, ident, antes) == "Microcréditos de la cooperativa"
    assert _textos(demo, cerrito)["oportunidades"][1] == antes


def test_eliminar_renumera_y_restaurar_vuelve_al_mismo_lugar(demo, cerrito):
    antes = _ordenes(demo, cerrito)
    ident = antes["debilidades"][1]
    with demo.transaccion() as s:
        copia = servicio.eliminar_item(s, ident)
    despues = _ordenes(demo, cerrito)
    assert despues["debilidades"] == [i for i in antes["debilidades"] if i != ident]
    with demo.transaccion() as s:
        assert servicio.restaurar_item(s, copia) == ident
    assert _ordenes(demo, cerrito) == antes
    with demo.sesion() as s:
        acciones = list(s.scalars(select(Auditoria.accion).where(Auditoria.entidad_id == ident,
                                                                 Auditoria.entidad == "item_dafo")))
    assert acciones == ["crear", "eliminar", "restaurar"]


# -- movimientos -------------------------------------------------------------------------------------------
def test_mover_dentro_del_cuadrante_y_deshacer(demo, cerrito):
    antes = _ordenes(demo, cerrito)
    a, b, c, d = antes["amenazas"]
    with demo.transaccion() as s:
        anterior = servicio.mover_item(s, d, "amenazas", 0)
    assert _ordenes(demo, cerrito)["amenazas"] == [d, a, b, c]
    with demo.transaccion() as s:
        despues = servicio.aplicar_disposicion(s, anterior)
    assert _ordenes(demo, cerrito) == antes
    with demo.transaccion() as s:
        servicio.aplicar_disposicion(s, despues)  # redo
    assert _ordenes(demo, cerrito)["amenazas"] == [d, a, b, c]


def test_mover_entre_cuadrantes_y_deshacer(demo, cerrito):
    antes = _ordenes(demo, cerrito)
    ident = antes["debilidades"][0]
    with demo.transaccion() as s:
        anterior = servicio.mover_item(s, ident, "amenazas", 2)
    ahora = _ordenes(demo, cerrito)
    assert ahora["debilidades"] == antes["debilidades"][1:]
    assert ahora["amenazas"] == antes["amenazas"][:2] + [ident] + antes["amenazas"][2:]
    # Beyond the end means last.
    with demo.transaccion() as s:
        servicio.mover_item(s, ident, "fortalezas", 50)
    assert _ordenes(demo, cerrito)["fortalezas"][-1] == ident
    with demo.transaccion() as s, pytest.raises(ErroresDeValidacion):
        servicio.mover_item(s, ident, "riesgos", 0)  # a DIPE quadrant
    with demo.transaccion() as s:
        servicio.mover_item(s, ident, "amenazas", 2)
    with demo.transaccion() as s:
        servicio.aplicar_disposicion(s, anterior)
    assert _ordenes(demo, cerrito) == antes


def test_aplicar_una_disposicion_con_un_elemento_borrado_avisa(demo, cerrito):
    ident = _ordenes(demo, cerrito)["amenazas"][0]
    with demo.transaccion() as s:
        anterior = servicio.mover_item(s, ident, "amenazas", 3)
        servicio.eliminar_item(s, ident)
    with demo.transaccion() as s, pytest.raises(ErrorDeUsuario, match="ya no existe"):
        servicio.aplicar_disposicion(s, anterior)


# -- Excel ---------------------------------------------------------------------------------------------------
def _filas_excel(exp) -> list[dict]:
    with exp.sesion() as s:
        return list(esquema_de("dafo").filas(s, exp.municipio_id))


def test_excel_de_ida_y_vuelta(demo, tmp_path):
    archivo = tmp_path / "dafo.xlsx"
    with demo.sesion() as s:
        resultado = exportar_excel(s, demo.municipio_id, esquema_de("dafo"), archivo)
    assert resultado.filas == 25
    limpio = crear_demo(tmp_path / "Limpio.articula", HOY)
    try:
        with limpio.transaccion() as s:
            s.execute(ItemDafo.__table__.delete())  # the lead may wire the sowing into the demo
        lectura, r = importar_archivo(limpio, archivo, "dafo")
        assert r.ok and r.creados == 25, r.problemas
        assert _filas_excel(limpio) == _filas_excel(demo)
        # Again: every row is already there (the service refuses repeats); skipped on request.
        _lectura, r = importar_archivo(limpio, archivo, "dafo")
        assert not r.ok and "ya está en" in r.problemas[0].mensaje
        _lectura, r = importar_archivo(limpio, archivo, "dafo", omitir_existentes=True)
        assert r.ok and r.creados == 0 and r.omitidos == 25
    finally:
        limpio.cerrar()
    primera = _filas_excel(demo)[0]
    assert primera == {"territorio_id": "Barrio San Miguel", "analisis": "dipe", "cuadrante": "desafios",
                       "texto": primera["texto"], "orden": 1}


def test_excel_ajeno_con_foda_y_un_error_por_fila(demo, cerrito, tmp_path):
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Comunidad", "Matriz", "Factor", "Descripción", "N.º"])
    hoja.append(["compania cerrito", "FODA", "Fortaleza", "Feria mensual en la escuela", 1])
    hoja.append(["Compañía Cerrito", "DAFO", "Riesgos", "Esto no es del DAFO", None])
    hoja.append(["Barrio Inexistente", "DAFO", "Amenazas", "Algo", None])
    archivo = tmp_path / "foda.xlsx"
    libro.save(archivo)
    _lectura, r = importar_archivo(demo, archivo, "dafo")
    assert not r.ok
    mensajes = [str(p) for p in r.problemas]
    assert any("fila 3" in m and "«Riesgos» es un cuadrante del DIPE" in m for m in mensajes), mensajes
    assert any("fila 4" in m and "No hay un territorio llamado «Barrio Inexistente»" in m for m in mensajes), mensajes


def test_excel_ajeno_valido_entra_en_su_lugar(demo, cerrito, tmp_path):
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Territorio", "Análisis", "Cuadrante", "Texto", "Orden"])
    hoja.append(["compania cerrito", "FODA", "Fortaleza", "Feria mensual en la escuela", 1])
    hoja.append(["Compañía Cerrito", "dipe", "Reto", "Sumar a los jóvenes al comité", None])
    archivo = tmp_path / "foda.xlsx"
    libro.save(archivo)
    _lectura, r = importar_archivo(demo, archivo, "dafo")
    assert r.ok, r.problemas
    assert _textos(demo, cerrito)["fortalezas"][0] == "Feria mensual en la escuela"
    assert _textos(demo, cerrito, "dipe")["desafios"] == ["Sumar a los jóvenes al comité"]
