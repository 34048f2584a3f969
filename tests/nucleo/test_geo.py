"""Geografía del distrito: los límites que trae el programa, la lectura de GeoJSON y punto en polígono."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nucleo import geo
from nucleo.errores import ErrorDeUsuario
from nucleo.rutas import DATOS, RECURSOS

SIN_POLIGONO = ["0110", "0111", "0112", "0113", "0114", "0221", "0222", "0702", "0918", "1305", "1306", "1413",
                "1414", "1415", "1416", "1510", "1511", "1606"]
VILLETA = "1116"
CUADRADO = [[-57.60, -25.52], [-57.55, -25.52], [-57.55, -25.48], [-57.60, -25.48], [-57.60, -25.52]]


def _bytes(dato) -> bytes:
    return json.dumps(dato).encode("utf-8")


def _poligono(anillo=CUADRADO) -> dict:
    return {"type": "Polygon", "coordinates": [anillo]}


def _error(origen, **kw) -> str:
    with pytest.raises(ErrorDeUsuario) as info:
        geo.leer_limite_geojson(origen, **kw)
    assert info.value.campo == "limite_geojson"
    return info.value.mensaje


# -- los límites que se distribuyen ---------------------------------------------------------------------------
def test_los_18_distritos_sin_poligono_devuelven_none_y_los_demas_tienen_limite():
    with open(DATOS / "py_distritos_ine_cnpv2022.csv", encoding="utf-8") as f:
        claves = [fila["CLAVE"] for fila in csv.DictReader(f)]
    assert len(claves) == 263
    sin = [c for c in claves if geo.limite_del_distrito(c) is None]
    assert sin == SIN_POLIGONO
    assert geo.claves_con_limite() == frozenset(claves) - set(SIN_POLIGONO)
    assert len(geo.claves_con_limite()) == 245


def test_una_clave_desconocida_no_es_un_error():
    assert geo.limite_del_distrito("9999") is None


def test_villeta_tiene_su_poligono_y_contiene_su_centro():
    anillos = geo.limite_del_distrito(VILLETA)
    assert anillos and len(anillos[0]) > 100
    oeste, sur, este, norte = geo.caja(anillos)
    assert -58 < oeste < este < -57 and -26 < sur < norte < -25
    assert geo.punto_en_poligono(-57.5614, -25.5097, anillos)  # the town
    assert not geo.punto_en_poligono(-57.6333, -25.2820, anillos)  # Asunción


def test_vecinos_y_departamento():
    vecinos = {d.clave for d in geo.distritos_en_caja(*geo.caja(geo.limite_del_distrito(VILLETA)))}
    assert VILLETA in vecinos and len(vecinos) > 3
    central = geo.distritos_del_departamento("11")
    assert len(central) == 19 and all(d.departamento == "11" for d in central)
    # A district without polygon is placed by its departamento's districts.
    assert geo.distritos_del_departamento("09")


def test_archivo_distribuido_liviano_con_atribucion_en_fuentes():
    datos = json.loads((RECURSOS / "geo" / "py_distritos.geojson").read_text(encoding="utf-8"))
    assert len(datos["features"]) == 245
    assert (RECURSOS / "geo" / "py_distritos.geojson").stat().st_size < 3_000_000
    assert geo.ATRIBUCION == "geoBoundaries (www.geoboundaries.org), CC BY 4.0"
    assert geo.ATRIBUCION in (DATOS / "FUENTES.md").read_text(encoding="utf-8")


def test_importar_geo_no_lee_los_limites():
    # Start-up must not pay for the boundaries: only the first map reads them.
    codigo = ("import nucleo.geo as g, sys; "
              "print(g._limites.cache_info().currsize, 'nucleo.geo' in sys.modules)")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2]).stdout.split()
    assert salida == ["0", "True"]


# -- punto en polígono ----------------------------------------------------------------------------------------
def test_punto_en_poligono_con_hueco_y_varias_partes():
    exterior = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    hueco = [(4, 4), (6, 4), (6, 6), (4, 6), (4, 4)]
    otra_parte = [(20, 0), (22, 0), (22, 2), (20, 2), (20, 0)]
    anillos = [exterior, hueco, otra_parte]
    assert geo.punto_en_poligono(1, 1, anillos)
    assert not geo.punto_en_poligono(5, 5, anillos)  # in the hole
    assert geo.punto_en_poligono(21, 1, anillos)
    assert not geo.punto_en_poligono(15, 5, anillos)
    assert not geo.punto_en_poligono(1, 1, [[(0, 0), (1, 1)]])  # a degenerate ring encloses nothing


def test_distancia_al_borde_en_km():
    anillo = [(-57.60, -25.50), (-57.50, -25.50), (-57.50, -25.40), (-57.60, -25.40), (-57.60, -25.50)]
    # 0.1° of latitude south of the square is ~11 km.
    assert geo.distancia_fuera_km(-57.55, -25.60, [anillo]) == pytest.approx(11.06, abs=0.05)
    assert geo.distancia_fuera_km(-57.55, -25.45, [anillo]) == 0
    # The nearest side is east or west: 0.05° of longitude at 25.45° S is ~5 km.
    assert geo.distancia_al_borde_km(-57.55, -25.45, [anillo]) == pytest.approx(5.03, abs=0.05)


def test_avisos_de_punto_lejos_del_distrito():
    assert geo.aviso_punto(VILLETA, -25.5097, -57.5614) is None
    lejos = geo.aviso_punto(VILLETA, -25.2820, -57.6333)  # Asunción
    assert lejos and "fuera del distrito" in lejos and "Villeta" in lejos and "km" in lejos
    # Just outside a coarse 2012 line is tolerated.
    anillos = geo.limite_del_distrito(VILLETA)
    norte = max(lat for lon, lat in anillos[0])
    lon_norte = next(lon for lon, lat in anillos[0] if lat == norte)
    assert geo.aviso_punto(VILLETA, norte + 0.005, lon_norte) is None
    # Without a polygon there is nothing to compare with: no warning, no error.
    assert geo.aviso_punto("0918", -25.28, -57.63) is None


def test_aviso_de_poligono_que_sale_del_distrito():
    dentro = [[(-57.58, -25.52), (-57.56, -25.52), (-57.56, -25.50), (-57.58, -25.50), (-57.58, -25.52)]]
    assert geo.aviso_poligono(VILLETA, dentro) is None
    fuera = [[(-57.64, -25.30), (-57.62, -25.30), (-57.62, -25.28), (-57.64, -25.28), (-57.64, -25.30)]]
    aviso = geo.aviso_poligono(VILLETA, fuera)
    assert aviso and "sale del distrito de Villeta" in aviso
    assert geo.aviso_poligono("0918", fuera) is None


# -- leer un límite GeoJSON -----------------------------------------------------------------------------------
def test_lee_poligono_feature_y_coleccion_de_un_elemento():
    esperado = {"type": "Polygon", "coordinates": [CUADRADO]}
    for dato in (_poligono(), {"type": "Feature", "properties": {"n": 1}, "geometry": _poligono()},
                 {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": _poligono()}]}):
        assert json.loads(geo.leer_limite_geojson(_bytes(dato))) == esperado


def test_normaliza_anillo_abierto_altura_decimales_y_bom():
    abierto = [[-57.6000001234, -25.52, 120.0], [-57.55, -25.52], [-57.55, -25.48], [-57.60, -25.48]]
    texto = geo.leer_limite_geojson(b"\xef\xbb\xbf" + _bytes(_poligono(abierto)))
    anillo = json.loads(texto)["coordinates"][0]
    assert anillo[0] == [-57.6, -25.52] and anillo[-1] == anillo[0] and len(anillo) == 5
    assert " " not in texto  # compact


def test_multipoligono_conserva_sus_partes_y_uno_de_una_parte_queda_poligono():
    otro = [[-57.50, -25.52], [-57.45, -25.52], [-57.45, -25.48], [-57.50, -25.52]]
    dos = json.loads(geo.leer_limite_geojson(_bytes({"type": "MultiPolygon", "coordinates": [[CUADRADO], [otro]]})))
    assert dos["type"] == "MultiPolygon" and len(dos["coordinates"]) == 2
    uno = json.loads(geo.leer_limite_geojson(_bytes({"type": "MultiPolygon", "coordinates": [[CUADRADO]]})))
    assert uno["type"] == "Polygon"


def test_lee_desde_una_ruta(tmp_path):
    ruta = tmp_path / "cerrito.geojson"
    ruta.write_bytes(_bytes(_poligono()))
    assert json.loads(geo.leer_limite_geojson(ruta))["type"] == "Polygon"
    assert json.loads(geo.leer_limite_geojson(str(ruta)))["type"] == "Polygon"


def test_no_es_json(tmp_path):
    ruta = tmp_path / "limite.geojson"
    ruta.write_text("{ esto no es json", encoding="utf-8")
    mensaje = _error(ruta)
    assert mensaje.startswith("El archivo «limite.geojson»") and "no tiene formato JSON" in mensaje


def test_no_es_texto_ni_xml_ni_vacio():
    assert "no es un archivo de texto" in _error(b"\x00\xff\xfe\x81binario")
    assert "KML o GPX" in _error(b"<?xml version='1.0'?><kml></kml>")
    assert "está vacío" in _error(b"   ")


def test_json_que_no_es_geojson():
    assert "le falta el tipo" in _error(_bytes([1, 2, 3]))
    assert "le falta el tipo" in _error(_bytes({"coordinates": []}))
    assert "tipo «Circle»" in _error(_bytes({"type": "Circle"}))


@pytest.mark.parametrize(("geometria", "texto"), [
    ({"type": "Point", "coordinates": [-57.56, -25.51]}, "un punto (Point)"),
    ({"type": "LineString", "coordinates": [[-57.56, -25.51], [-57.5, -25.5]]}, "una línea (LineString)"),
    ({"type": "MultiPoint", "coordinates": [[-57.56, -25.51]]}, "varios puntos"),
    ({"type": "GeometryCollection", "geometries": []}, "colección de geometrías"),
])
def test_no_es_un_poligono(geometria, texto):
    mensaje = _error(_bytes({"type": "Feature", "geometry": geometria}))
    assert texto in mensaje and "no un polígono" in mensaje


def test_varios_elementos_dice_cuantos_y_pide_dejar_uno():
    elementos = [{"type": "Feature", "geometry": _poligono()} for _ in range(3)]
    mensaje = _error(_bytes({"type": "FeatureCollection", "features": elementos}))
    assert "tiene 3 elementos" in mensaje and "Deje solo el polígono" in mensaje


def test_coleccion_vacia_y_elemento_sin_geometria():
    assert "no tiene ningún elemento" in _error(_bytes({"type": "FeatureCollection", "features": []}))
    assert "sin geometría" in _error(_bytes({"type": "Feature", "geometry": None}))
    coleccion = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]}
    assert "sin geometría" in _error(_bytes(coleccion))


def test_coordenadas_mal_formadas():
    for coordenadas in ([["-57.6", "-25.5"]], [[[-57.6]]], "abc", [], [[[-57.6, True], [1, 2], [3, 4]]]):
        assert "mal formadas" in _error(_bytes({"type": "Polygon", "coordinates": coordenadas})), coordenadas
    dos_vertices = [[-57.6, -25.5], [-57.5, -25.5], [-57.6, -25.5]]
    assert "menos de tres vértices" in _error(_bytes(_poligono(dos_vertices)))


def test_coordenadas_en_metros_utm():
    utm = [[437215.0, 7178540.0], [438000.0, 7178540.0], [438000.0, 7179000.0], [437215.0, 7178540.0]]
    mensaje = _error(_bytes(_poligono(utm)))
    assert "no está en grados" in mensaje and "UTM" in mensaje and "EPSG:4326" in mensaje


def test_latitud_y_longitud_invertidas():
    invertido = [[lat, lon] for lon, lat in CUADRADO]
    mensaje = _error(_bytes(_poligono(invertido)))
    assert "invertidas" in mensaje and "primero la longitud" in mensaje


def test_fuera_de_paraguay():
    buenos_aires = [[-58.40, -34.60], [-58.35, -34.60], [-58.35, -34.55], [-58.40, -34.60]]
    assert "fuera de Paraguay" in _error(_bytes(_poligono(buenos_aires)))


def test_archivo_demasiado_grande(tmp_path):
    grande = b" " * (geo.TAMANO_MAXIMO + 1)
    assert "máximo que se importa es 5" in _error(grande)
    ruta = tmp_path / "enorme.geojson"
    with open(ruta, "wb") as f:
        f.truncate(geo.TAMANO_MAXIMO + 10)  # sparse: refused by size, before reading it
    mensaje = _error(ruta)
    assert "«enorme.geojson» pesa" in mensaje and "Simplifique" in mensaje


def test_archivo_que_no_existe(tmp_path):
    assert "no se pudo leer" in _error(tmp_path / "no_existe.geojson")


def test_anillos_de_un_limite_guardado_tolerante():
    coleccion = {"type": "FeatureCollection",
                 "features": [{"type": "Feature", "geometry": _poligono()} for _ in range(2)]}
    assert len(geo.anillos_de_geojson(json.dumps(coleccion))) == 2
    assert geo.anillos_de_geojson(json.dumps(_poligono()))[0][0] == (-57.60, -25.52)
    for malo in (None, "", "{", "[1]", json.dumps({"type": "Point", "coordinates": [1, 2]})):
        assert geo.anillos_de_geojson(malo) is None
