"""Servicio de ubicación: el punto y el límite de cada territorio, lo que el mapa dibuja y la demo de Villeta."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from nucleo import geo
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Auditoria, Territorio
from nucleo.servicios.demo_ubicacion import LIMITE_CERRITO, PUNTOS, sembrar
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.territorios import DatosTerritorio, crear_territorio, obtener_territorio
from nucleo.servicios.ubicacion import (
    aviso_limite,
    aviso_ubicacion,
    datos_mapa,
    fijar_limite,
    fijar_ubicacion,
)

HOY = date(2026, 11, 18)
CUADRADO = {"type": "Polygon", "coordinates": [[[-57.57, -25.52], [-57.56, -25.52], [-57.56, -25.51],
                                                [-57.57, -25.51], [-57.57, -25.52]]]}


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def _id(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def test_fijar_ubicacion_devuelve_la_anterior_para_deshacer(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _id(s, "Barrio Industrial")
        sembrada = PUNTOS["Barrio Industrial"]  # the demo already placed it on the map
        assert fijar_ubicacion(s, mid, tid, -25.53, -57.56) == sembrada
        anterior = fijar_ubicacion(s, mid, tid, None, None)
        assert anterior == (-25.53, -57.56)
        d = obtener_territorio(s, tid)
        assert (d.latitud, d.longitud) == (None, None)
        # What undo does; a territory without a point gives (None, None) back, so undo removes it again.
        assert fijar_ubicacion(s, mid, tid, *anterior) == (None, None)
        assert obtener_territorio(s, tid).latitud == -25.53
        fijar_ubicacion(s, mid, tid, *sembrada)
        assert (obtener_territorio(s, tid).latitud, obtener_territorio(s, tid).longitud) == sembrada


def test_redondea_a_seis_decimales_y_audita(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _id(s, "Barrio Industrial")
        # The demo's own placing left a record too: only the one written from here on.
        marca = s.scalar(select(func.max(Auditoria.id)))
        fijar_ubicacion(s, mid, tid, -25.528512345678, -57.564498765432)
        d = obtener_territorio(s, tid)
        assert (d.latitud, d.longitud) == (-25.528512, -57.564499)
        registro = s.scalars(select(Auditoria).where(Auditoria.id > marca, Auditoria.entidad_id == tid,
                                                     Auditoria.accion == "ubicar")).one()
        assert registro.resumen.startswith("Barrio Industrial: ubicación -25,528512")


@pytest.mark.parametrize(("lat", "lon", "campo", "texto"), [
    (-25.5, None, "longitud", "juntas"),
    (None, -57.5, "latitud", "juntas"),
    (-30.0, -57.5, "latitud", "entre −28 y −19"),
    (-25.5, -70.0, "longitud", "entre −63 y −54"),
])
def test_ubicacion_invalida_por_campo(exp, lat, lon, campo, texto):
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as info:
        fijar_ubicacion(s, exp.municipio_id, _id(s, "Barrio Industrial"), lat, lon)
    assert texto in info.value.errores[campo]


def test_latitud_y_longitud_invertidas_lo_dicen(exp):
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as info:
        fijar_ubicacion(s, exp.municipio_id, _id(s, "Barrio Industrial"), -57.56, -25.52)
    assert set(info.value.errores) == {"latitud", "longitud"}
    assert all("invertidas" in m for m in info.value.errores.values())


def test_no_toca_territorios_de_otro_municipio(exp):
    with exp.transaccion() as s:
        otro = crear_municipio(s, DatosMunicipio(clave_ine="0918", intendente_nombre="Ejemplo",
                                                 coordinador_nombre="Ejemplo"), hoy=HOY)
        tid = crear_territorio(s, otro, DatosTerritorio(nombre="Centro"))
        with pytest.raises(ErrorDeUsuario, match="no es de este municipio"):
            fijar_ubicacion(s, exp.municipio_id, tid, -25.5, -57.5)
        with pytest.raises(ErrorDeUsuario, match="no es de este municipio"):
            fijar_limite(s, exp.municipio_id, tid, None)
        with pytest.raises(ErrorDeUsuario, match="No se encontró el territorio"):
            fijar_ubicacion(s, exp.municipio_id, 99999, -25.5, -57.5)


def test_fijar_limite_normaliza_quita_y_restaura(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _id(s, "Barrio San Miguel")
        entrada = json.dumps({"type": "Feature", "geometry": CUADRADO}, indent=2)
        assert fijar_limite(s, mid, tid, entrada) is None
        guardado = obtener_territorio(s, tid).limite_geojson
        assert json.loads(guardado) == CUADRADO and "\n" not in guardado
        assert fijar_limite(s, mid, tid, None) == guardado
        assert obtener_territorio(s, tid).limite_geojson is None
        # Undo puts back a text that was in the file, even one loaded earlier under looser rules.
        antiguo = json.dumps({"type": "FeatureCollection",
                              "features": [{"type": "Feature", "geometry": CUADRADO}] * 2})
        fijar_limite(s, mid, tid, antiguo, restaurar=True)
        assert obtener_territorio(s, tid).limite_geojson == antiguo
        assert s.scalars(select(Auditoria).where(Auditoria.entidad_id == tid,
                                                 Auditoria.accion == "limite")).all()


def test_fijar_limite_rechaza_lo_que_no_es_un_poligono(exp):
    with exp.transaccion() as s:
        tid = _id(s, "Barrio San Miguel")
        with pytest.raises(ErrorDeUsuario) as info:
            fijar_limite(s, exp.municipio_id, tid, json.dumps({"type": "Point", "coordinates": [-57.5, -25.5]}))
        assert info.value.campo == "limite_geojson" and "no un polígono" in info.value.mensaje


def test_datos_mapa_de_la_demo_sembrada(exp):
    with exp.transaccion() as s:
        sembrar(s, exp.municipio_id, HOY)
    with exp.sesion() as s:
        d = datos_mapa(s, exp.municipio_id)
    assert (d.clave_ine, d.distrito, d.departamento_codigo, d.departamento) == ("1116", "Villeta", "11", "Central")
    assert [t.nombre for t in d.territorios] == sorted(PUNTOS, key=str.lower)
    villeta = geo.limite_del_distrito("1116")
    for t in d.territorios:
        assert t.ubicado and (t.latitud, t.longitud) == PUNTOS[t.nombre]
        assert geo.punto_en_poligono(t.longitud, t.latitud, villeta), t.nombre
        assert t.estado_texto
    con_limite = [t for t in d.territorios if t.anillos]
    assert [t.nombre for t in con_limite] == ["Compañía Cerrito"]
    anillo = con_limite[0].anillos[0]
    assert anillo == [tuple(p) for p in LIMITE_CERRITO]
    assert geo.aviso_poligono("1116", con_limite[0].anillos) is None
    # The outline contains its own point.
    cerrito = con_limite[0]
    assert geo.punto_en_poligono(cerrito.longitud, cerrito.latitud, cerrito.anillos)


def test_avisos_del_servicio(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        assert aviso_ubicacion(s, mid, -25.5097, -57.5614) is None
        assert "fuera del distrito" in aviso_ubicacion(s, mid, -25.2820, -57.6333)
        assert aviso_limite(s, mid, json.dumps(CUADRADO)) is None
        lejos = {"type": "Polygon", "coordinates": [[[-57.64, -25.30], [-57.62, -25.30], [-57.62, -25.28],
                                                     [-57.64, -25.30]]]}
        assert "sale del distrito" in aviso_limite(s, mid, json.dumps(lejos))
