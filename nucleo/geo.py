"""Geografía del distrito: límites oficiales, lectura de límites GeoJSON y pruebas de punto en polígono.

Los límites de los distritos vienen de geoBoundaries (procedencia y licencia en recursos/datos/FUENTES.md) y se
leen la primera vez que alguien los pide: el programa arranca sin tocarlos. Todo en grados WGS 84; un punto es
(longitud, latitud), el orden de GeoJSON. Sin Qt: el mapa (ui/widgets/mapa_distrito.py) solo dibuja esto.
"""

from __future__ import annotations

import functools
import json
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import N_, _, traducir
from nucleo.rutas import RECURSOS

# Must be shown wherever the boundaries are shown (CC BY 4.0): on the map and in FUENTES.md.
ATRIBUCION = "geoBoundaries (www.geoboundaries.org), CC BY 4.0"
ARCHIVO_DISTRITOS = RECURSOS / "geo" / "py_distritos.geojson"

TAMANO_MAXIMO = 5 * 1024 * 1024  # a territory's boundary is a few kB; megabytes mean the wrong file
# Paraguay's bounding box with a margin, in degrees (the same as the territory form uses).
LATITUD_PY = (-28.0, -19.0)
LONGITUD_PY = (-63.0, -54.0)
# A point this close to the district's boundary is accepted quietly: the 2012 lines are coarse (CGAZ).
CERCA_KM = 2.0
DECIMALES = 6  # ~0.1 m: more digits in a stored boundary are noise

KM_POR_GRADO_LAT = 110.574
KM_POR_GRADO_LON = 111.320  # at the equator; multiplied by cos(latitude)

Punto = tuple[float, float]  # (longitud, latitud)
Anillo = list[Punto]


# -- límites de los distritos ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LimiteDistrito:
    clave: str  # INE CLAVE: «1116»
    departamento: str  # «11»
    nombre_ine: str  # «VILLETA», as INE writes it
    anillos: tuple[Anillo, ...]  # outer rings and holes together: drawn and tested with the even-odd rule
    caja: tuple[float, float, float, float]  # (oeste, sur, este, norte)


def _anillos_de_geometria(geometria: dict[str, Any]) -> list[Anillo]:
    poligonos = [geometria["coordinates"]] if geometria["type"] == "Polygon" else geometria["coordinates"]
    return [[(float(p[0]), float(p[1])) for p in anillo] for poligono in poligonos for anillo in poligono]


@functools.cache
def _limites() -> dict[str, LimiteDistrito]:
    # Read once, on the first map shown; ~0.1 s for the 245 districts.
    with open(ARCHIVO_DISTRITOS, encoding="utf-8") as archivo:
        datos = json.load(archivo)
    limites = {}
    for f in datos["features"]:
        p = f["properties"]
        anillos = tuple(_anillos_de_geometria(f["geometry"]))
        limites[p["CLAVE"]] = LimiteDistrito(p["CLAVE"], p["DPTO"], p["DIST_DESC_INE"], anillos, caja(anillos))
    return limites


def limite_del_distrito(clave_ine: str) -> list[Anillo] | None:
    """Los anillos (longitud, latitud) del distrito, o None si no tiene polígono (18 distritos creados después
    de 2012: es normal, no un error)."""
    limite = _limites().get(clave_ine)
    return list(limite.anillos) if limite is not None else None


def claves_con_limite() -> frozenset[str]:
    return frozenset(_limites())


def distritos_del_departamento(departamento: str) -> list[LimiteDistrito]:
    """Los distritos del departamento que tienen polígono (para ubicar un distrito que no tiene el suyo)."""
    return [d for d in _limites().values() if d.departamento == departamento]


def distritos_en_caja(oeste: float, sur: float, este: float, norte: float) -> list[LimiteDistrito]:
    """Los distritos cuya caja toca la dada: los vecinos que el mapa dibuja como contexto."""
    return [d for d in _limites().values()
            if d.caja[0] <= este and d.caja[2] >= oeste and d.caja[1] <= norte and d.caja[3] >= sur]


# -- geometría ----------------------------------------------------------------------------------------------
def caja(anillos: Iterable[Sequence[Punto]]) -> tuple[float, float, float, float] | None:
    """(oeste, sur, este, norte) de todos los vértices; None si no hay ninguno."""
    lons, lats = [], []
    for anillo in anillos:
        for lon, lat in anillo:
            lons.append(lon)
            lats.append(lat)
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def punto_en_poligono(lon: float, lat: float, anillos: Iterable[Sequence[Punto]]) -> bool:
    """Regla par-impar sobre todos los anillos: dentro de un polígono, fuera de sus huecos."""
    dentro = False
    for anillo in anillos:
        n = len(anillo)
        if n < 3:
            continue
        x1, y1 = anillo[-1]
        for x2, y2 in anillo:
            if (y2 > lat) != (y1 > lat) and lon < (x1 - x2) * (lat - y2) / (y1 - y2) + x2:
                dentro = not dentro
            x1, y1 = x2, y2
    return dentro


def distancia_al_borde_km(lon: float, lat: float, anillos: Iterable[Sequence[Punto]]) -> float:
    """Distancia del punto a la línea más cercana de los anillos, en km (aproximación plana local)."""
    kx = KM_POR_GRADO_LON * math.cos(math.radians(lat))
    ky = KM_POR_GRADO_LAT
    mejor = math.inf
    for anillo in anillos:
        if not anillo:
            continue
        ax, ay = (anillo[-1][0] - lon) * kx, (anillo[-1][1] - lat) * ky
        for x, y in anillo:
            bx, by = (x - lon) * kx, (y - lat) * ky
            dx, dy = bx - ax, by - ay
            largo = dx * dx + dy * dy
            t = 0.0 if largo == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / largo))
            px, py = ax + t * dx, ay + t * dy
            mejor = min(mejor, px * px + py * py)
            ax, ay = bx, by
    return math.sqrt(mejor)


def distancia_fuera_km(lon: float, lat: float, anillos: Sequence[Sequence[Punto]]) -> float:
    """0 si el punto está dentro del polígono; si no, cuánto le falta para llegar a su borde, en km."""
    if punto_en_poligono(lon, lat, anillos):
        return 0.0
    return distancia_al_borde_km(lon, lat, anillos)


def _nombre_distrito(clave_ine: str) -> str:
    from nucleo import referencia  # the CSV is read only when a warning is written

    try:
        return referencia.distrito(clave_ine).nombre
    except KeyError:
        return clave_ine


def aviso_punto(clave_ine: str, latitud: float, longitud: float) -> str | None:
    """Advertencia (no error) si el punto cae lejos del distrito; None si está dentro, cerca o no hay polígono."""
    anillos = limite_del_distrito(clave_ine)
    if anillos is None:
        return None
    fuera = distancia_fuera_km(longitud, latitud, anillos)
    if fuera <= CERCA_KM:
        return None
    return _("El punto queda a {km} km del límite de {distrito}, fuera del distrito. Revise las coordenadas: "
             "puede que correspondan a otro lugar o que la latitud y la longitud estén cambiadas.").format(
                 km=formato.numero(fuera, 1), distrito=_nombre_distrito(clave_ine))


def aviso_poligono(clave_ine: str, anillos: Sequence[Sequence[Punto]]) -> str | None:
    """Advertencia si el límite de un territorio sale del distrito más allá de la tolerancia."""
    distrito = limite_del_distrito(clave_ine)
    if distrito is None or not anillos:
        return None
    lejos = max(distancia_fuera_km(lon, lat, distrito) for anillo in anillos for lon, lat in anillo)
    if lejos <= CERCA_KM:
        return None
    return _("El límite del territorio sale del distrito de {distrito} (hasta {km} km fuera). Verifique que sea "
             "el archivo correcto.").format(distrito=_nombre_distrito(clave_ine), km=formato.numero(lejos, 1))


# -- límites de territorios en GeoJSON -------------------------------------------------------------------------
TIPOS_NO_POLIGONO = {
    "Point": N_("un punto (Point)"),
    "MultiPoint": N_("varios puntos (MultiPoint)"),
    "LineString": N_("una línea (LineString)"),
    "MultiLineString": N_("varias líneas (MultiLineString)"),
    "GeometryCollection": N_("una colección de geometrías (GeometryCollection)"),
}


def _numero(valor: Any) -> bool:
    return isinstance(valor, int | float) and not isinstance(valor, bool) and math.isfinite(valor)


def _error(origen: str, motivo: str, detalle: str | None = None) -> ErrorDeUsuario:
    return ErrorDeUsuario(f"{origen} {motivo}", campo="limite_geojson", detalle=detalle)


def _demasiado_grande(sujeto: str, tamano: int) -> ErrorDeUsuario:
    return _error(sujeto, _("pesa {tamano}; el límite de un territorio pesa unos pocos kB y el máximo que se importa "
                            "es {maximo}. Simplifique el polígono en su SIG (por ejemplo, en QGIS: Vectorial > "
                            "Herramientas de geometría > Simplificar) y vuelva a exportarlo.").format(
                                tamano=formato.tamano_legible(tamano), maximo=formato.tamano_legible(TAMANO_MAXIMO)))


def _leer_bytes(origen: bytes | str | os.PathLike, sujeto: str) -> bytes:
    if isinstance(origen, bytes | bytearray):
        datos = bytes(origen)
    else:
        ruta = Path(origen)
        try:
            tamano = ruta.stat().st_size
            if tamano > TAMANO_MAXIMO:  # before reading: a wrong 200 MB file is refused at once
                raise _demasiado_grande(sujeto, tamano)
            datos = ruta.read_bytes()
        except OSError as exc:
            raise _error(sujeto, _("no se pudo leer. Verifique que el archivo exista y no esté abierto en otro "
                                   "programa."), str(exc)) from exc
    if len(datos) > TAMANO_MAXIMO:
        raise _demasiado_grande(sujeto, len(datos))
    return datos


def _geometria_unica(dato: Any, sujeto: str) -> dict[str, Any]:
    """La geometría del GeoJSON (FeatureCollection de un elemento, Feature o geometría suelta)."""
    if not isinstance(dato, dict) or not isinstance(dato.get("type"), str):
        raise _error(sujeto, _("no es un GeoJSON: le falta el tipo («type»). Exporte el límite como GeoJSON "
                               "desde su SIG o desde geojson.io."))
    tipo = dato["type"]
    if tipo == "FeatureCollection":
        elementos = dato.get("features")
        if not isinstance(elementos, list) or not elementos:
            raise _error(sujeto, _("no tiene ningún elemento (la colección «features» está vacía)."))
        if len(elementos) > 1:
            raise _error(sujeto, _("tiene {n} elementos (features), y el límite de un territorio debe ser uno "
                                   "solo. Deje solo el polígono del territorio (o una las partes en su SIG) y "
                                   "vuelva a importarlo.").format(n=formato.entero(len(elementos))))
        dato = elementos[0]
        if not isinstance(dato, dict) or dato.get("type") != "Feature":
            raise _error(sujeto, _("no es un GeoJSON válido: su elemento no es un «Feature»."))
        tipo = "Feature"
    if tipo == "Feature":
        dato = dato.get("geometry")
        if not isinstance(dato, dict) or not isinstance(dato.get("type"), str):
            raise _error(sujeto, _("tiene un elemento sin geometría: no hay polígono que importar."))
        tipo = dato["type"]
    if tipo in TIPOS_NO_POLIGONO:
        raise _error(sujeto, _("contiene {que}, no un polígono. El límite de un territorio debe ser un polígono "
                               "(Polygon o MultiPolygon).").format(que=traducir(TIPOS_NO_POLIGONO[tipo])))
    if tipo not in ("Polygon", "MultiPolygon"):
        raise _error(sujeto, _("no es un GeoJSON que Articula conozca (tipo «{tipo}»). El límite debe ser un "
                               "polígono (Polygon o MultiPolygon).").format(tipo=tipo))
    return dato


def _poligonos(geometria: dict[str, Any], sujeto: str) -> list[list[Anillo]]:
    """Polígonos → anillos → puntos (lon, lat), cerrados; error claro si la forma no es la de GeoJSON."""
    mal = _error(sujeto, _("tiene las coordenadas del polígono mal formadas: cada vértice debe ser un par de "
                           "números [longitud, latitud]."))
    coordenadas = geometria.get("coordinates")
    if not isinstance(coordenadas, list) or not coordenadas:
        raise mal
    poligonos = [coordenadas] if geometria["type"] == "Polygon" else coordenadas
    salida = []
    for poligono in poligonos:
        if not isinstance(poligono, list) or not poligono:
            raise mal
        anillos = []
        for anillo in poligono:
            if not isinstance(anillo, list):
                raise mal
            puntos = []
            for p in anillo:
                if not isinstance(p, list) or len(p) < 2 or not (_numero(p[0]) and _numero(p[1])):
                    raise mal
                puntos.append((float(p[0]), float(p[1])))
            if len(set(puntos)) < 3:
                raise _error(sujeto, _("tiene un anillo con menos de tres vértices distintos: no encierra ninguna "
                                       "superficie."))
            if puntos[0] != puntos[-1]:
                puntos.append(puntos[0])  # GeoJSON rings are closed; some tools omit the last point
            anillos.append(puntos)
        salida.append(anillos)
    return salida


def _revisar_coordenadas(puntos: list[Punto], sujeto: str) -> None:
    def en_py(lon: float, lat: float) -> bool:
        return LONGITUD_PY[0] <= lon <= LONGITUD_PY[1] and LATITUD_PY[0] <= lat <= LATITUD_PY[1]

    proyectado = next(((x, y) for x, y in puntos if abs(x) > 180 or abs(y) > 90), None)
    if proyectado is not None:
        raise _error(sujeto, _("no está en grados de longitud y latitud (un vértice es {x}; {y}): parece un "
                               "sistema en metros, como UTM. Expórtelo en WGS 84 (EPSG:4326) y vuelva a "
                               "importarlo.").format(x=formato.numero(proyectado[0], 0),
                                                     y=formato.numero(proyectado[1], 0)))
    if all(en_py(y, x) for x, y in puntos) and not all(en_py(x, y) for x, y in puntos):
        raise _error(sujeto, _("tiene la latitud y la longitud invertidas: GeoJSON escribe primero la longitud "
                               "(en Paraguay, entre −54 y −63) y después la latitud (entre −19 y −28), y aquí "
                               "vienen al revés (por ejemplo, {x}; {y}). Corrija el orden en su SIG y vuelva a "
                               "exportarlo.").format(x=formato.numero(puntos[0][0], 4),
                                                     y=formato.numero(puntos[0][1], 4)))
    fuera = next(((x, y) for x, y in puntos if not en_py(x, y)), None)
    if fuera is not None:
        raise _error(sujeto, _("tiene vértices fuera de Paraguay (por ejemplo, longitud {x}; latitud {y}). "
                               "Verifique que sea el límite del territorio, en grados WGS 84 (EPSG:4326).").format(
                                   x=formato.numero(fuera[0], 4), y=formato.numero(fuera[1], 4)))


def leer_limite_geojson(origen: bytes | str | os.PathLike, nombre: str = "") -> str:
    """Lee el límite de un territorio (bytes del archivo o su ruta) y lo devuelve como GeoJSON normalizado.

    Acepta una FeatureCollection de un solo elemento, un Feature, un Polygon o un MultiPolygon, en grados WGS 84.
    Devuelve la geometría sola (Polygon, o MultiPolygon si tiene varias partes), compacta y con 6 decimales.
    Lanza ErrorDeUsuario (campo «limite_geojson») con un mensaje que dice qué corregir.
    """
    if not nombre and not isinstance(origen, bytes | bytearray):
        nombre = Path(origen).name
    sujeto = _("El archivo «{nombre}»").format(nombre=nombre) if nombre else _("El límite")
    datos = _leer_bytes(origen, sujeto)
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _error(sujeto, _("no es un GeoJSON: no es un archivo de texto (UTF-8). Si es un shapefile (.shp) "
                               "o un .kmz, expórtelo como GeoJSON desde su SIG.")) from None
    if texto.lstrip().startswith("<"):
        raise _error(sujeto, _("parece un KML o GPX (texto XML), no un GeoJSON. Expórtelo como GeoJSON desde su "
                               "SIG o conviértalo en geojson.io."))
    if not texto.strip():
        raise _error(sujeto, _("está vacío."))
    try:
        dato = json.loads(texto)
    except ValueError as exc:
        raise _error(sujeto, _("no es un GeoJSON válido: el texto no tiene formato JSON. Verifique que sea un "
                               "archivo .geojson exportado de un SIG o de geojson.io."), str(exc)) from exc
    geometria = _geometria_unica(dato, sujeto)
    poligonos = _poligonos(geometria, sujeto)
    _revisar_coordenadas([p for poligono in poligonos for anillo in poligono for p in anillo], sujeto)

    def redondear(anillo: Anillo) -> list[list[float]]:
        return [[round(lon, DECIMALES), round(lat, DECIMALES)] for lon, lat in anillo]

    if len(poligonos) == 1:
        normal = {"type": "Polygon", "coordinates": [redondear(a) for a in poligonos[0]]}
    else:
        normal = {"type": "MultiPolygon", "coordinates": [[redondear(a) for a in p] for p in poligonos]}
    return json.dumps(normal, separators=(",", ":"))


def anillos_de_geojson(texto: str | None) -> list[Anillo] | None:
    """Los anillos de un límite guardado, para dibujarlo; None si no hay o no se puede leer.

    Tolerante a propósito: también lee límites cargados antes (una colección con varios polígonos).
    """
    if not texto:
        return None
    try:
        dato = json.loads(texto)
        if dato.get("type") == "FeatureCollection":
            geometrias = [f.get("geometry") or {} for f in dato.get("features") or []]
        elif dato.get("type") == "Feature":
            geometrias = [dato.get("geometry") or {}]
        else:
            geometrias = [dato]
        anillos = [a for g in geometrias if g.get("type") in ("Polygon", "MultiPolygon")
                   for a in _anillos_de_geometria(g)]
    except (ValueError, TypeError, AttributeError, KeyError, IndexError):
        return None
    return anillos or None
