"""Servicios agregados para la página de Territorios: revisar un límite GeoJSON y deshacer el alta de un actor."""

from __future__ import annotations

import json

import pytest

from nucleo.errores import ErrorDeUsuario
from nucleo.servicios.actores import (
    DatosActor,
    crear_actor,
    eliminar_actor,
    listar_actores,
    obtener_actor,
    restaurar_actor,
)
from nucleo.servicios.territorios import (
    DatosTerritorio,
    crear_territorio,
    describir_limite,
    obtener_territorio,
    revisar_limite,
)

ANILLO = [[-57.56, -25.50], [-57.55, -25.50], [-57.55, -25.51], [-57.56, -25.50]]


def test_revisar_limite_acepta_poligonos_en_grados():
    poligono = json.dumps({"type": "Polygon", "coordinates": [ANILLO]})
    assert revisar_limite(poligono) == poligono
    multi = json.dumps({"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [[ANILLO], [ANILLO]]}})
    assert revisar_limite(multi, "barrio.geojson") == multi
    assert describir_limite(multi) == "2 polígonos, 8 vértices"
    assert describir_limite(None) == ""


@pytest.mark.parametrize(("texto", "mensaje"), [
    ("{roto", "«b.geojson» no es un GeoJSON válido"),
    ("", "«b.geojson» está vacío"),
    (json.dumps({"type": "Point", "coordinates": [-57.5, -25.5]}), "debe ser un polígono"),
    (json.dumps({"type": "Polygon", "coordinates": [[[-57.5, -25.5]]]}), "al menos tres vértices"),
    (json.dumps({"type": "Polygon", "coordinates": "nada"}), "al menos tres vértices"),
    # UTM zone 21S (EPSG:32721), the usual projection of Paraguayan GIS files, instead of degrees.
    (json.dumps({"type": "Polygon", "coordinates": [[[440000, 7180000], [441000, 7180000], [441000, 7181000],
                                                     [440000, 7180000]]]}), "fuera de Paraguay"),
])
def test_revisar_limite_explica_que_esta_mal(texto, mensaje):
    with pytest.raises(ErrorDeUsuario, match=mensaje) as exc:
        revisar_limite(texto, "b.geojson")
    assert exc.value.campo == "limite_geojson"


def test_eliminar_y_restaurar_actor_vuelve_a_enlazar_su_territorio(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        aid = crear_actor(s, mid, DatosActor(nombre="Comisión Nueva (ficticia)", telefono="0981 000 111"))
        tid = crear_territorio(s, mid, DatosTerritorio(nombre="Barrio Enlazado", organizacion_id=aid))
    with exp.transaccion() as s:
        copia = eliminar_actor(s, aid)
    with exp.sesion() as s:
        assert obtener_territorio(s, tid).organizacion_id is None
        assert all(f.id != aid for f in listar_actores(s, mid))
    with exp.transaccion() as s:
        assert restaurar_actor(s, copia) == aid
    with exp.sesion() as s:
        assert obtener_actor(s, aid).telefono == "0981 000 111"
        assert obtener_territorio(s, tid).organizacion_id == aid


def test_eliminar_actor_inexistente_es_error_de_usuario(expediente_demo):
    with expediente_demo.transaccion() as s, pytest.raises(ErrorDeUsuario):
        eliminar_actor(s, 99999)
