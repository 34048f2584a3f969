"""Ubicación de los territorios en el mapa del distrito: su punto, su límite y lo que el mapa dibuja.

Cada función que escribe devuelve el valor anterior, para que la orden de deshacer lo vuelva a aplicar.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nucleo import formato, geo
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo import Municipio, Territorio
from nucleo.modelo.territorio import ESTADOS
from nucleo.servicios.comun import Validador, auditar, obtener


@dataclass(frozen=True)
class TerritorioEnMapa:
    id: int
    nombre: str
    estado: str
    estado_texto: str
    latitud: float | None
    longitud: float | None
    limite_geojson: str | None
    anillos: tuple[geo.Anillo, ...] | None  # the boundary ready to draw; None if it has none (or is unreadable)

    @property
    def ubicado(self) -> bool:
        return self.latitud is not None and self.longitud is not None


@dataclass(frozen=True)
class DatosMapa:
    clave_ine: str
    distrito: str  # «Villeta»
    departamento_codigo: str  # «11»
    departamento: str  # «Central»
    territorios: tuple[TerritorioEnMapa, ...]


def datos_mapa(s: Session, municipio_id: int) -> DatosMapa:
    """El distrito del municipio y sus territorios con punto y límite (ordenados por nombre)."""
    m = obtener(s, Municipio, municipio_id, _("el municipio"))
    q = (select(Territorio.id, Territorio.nombre, Territorio.estado, Territorio.latitud, Territorio.longitud,
                Territorio.limite_geojson)
         .where(Territorio.municipio_id == municipio_id)
         .order_by(func.lower(Territorio.nombre)))
    territorios = []
    for tid, nombre, estado, lat, lon, limite in s.execute(q):
        anillos = geo.anillos_de_geojson(limite)
        territorios.append(TerritorioEnMapa(tid, nombre, estado, traducir(ESTADOS.get(estado, estado)), lat, lon,
                                            limite, tuple(anillos) if anillos else None))
    return DatosMapa(m.clave_ine, m.nombre, m.departamento_codigo, m.departamento, tuple(territorios))


def _territorio(s: Session, municipio_id: int, territorio_id: int) -> Territorio:
    t = obtener(s, Territorio, territorio_id, _("el territorio"))
    if t.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("El territorio n.º {ident} no es de este municipio.").format(ident=territorio_id))
    return t


def validar_ubicacion(latitud: float | None, longitud: float | None) -> tuple[float | None, float | None]:
    """Latitud y longitud juntas (o ninguna), dentro de Paraguay; ErroresDeValidacion por campo."""
    v = Validador()
    if (latitud is None) != (longitud is None):
        v.error("latitud" if latitud is None else "longitud",
                _("Indique latitud y longitud juntas, o deje las dos vacías."))
    elif latitud is not None and longitud is not None:
        invertidas = (geo.LONGITUD_PY[0] <= latitud <= geo.LONGITUD_PY[1]
                      and geo.LATITUD_PY[0] <= longitud <= geo.LATITUD_PY[1])
        pista = _(" Parece que latitud y longitud están invertidas.") if invertidas else ""
        if not geo.LATITUD_PY[0] <= latitud <= geo.LATITUD_PY[1]:
            v.error("latitud", _("La latitud queda fuera de Paraguay: debe estar entre −28 y −19.") + pista)
        if not geo.LONGITUD_PY[0] <= longitud <= geo.LONGITUD_PY[1]:
            v.error("longitud", _("La longitud queda fuera de Paraguay: debe estar entre −63 y −54.") + pista)
    v.verificar()
    if latitud is None or longitud is None:
        return None, None
    return round(latitud, geo.DECIMALES), round(longitud, geo.DECIMALES)


def fijar_ubicacion(s: Session, municipio_id: int, territorio_id: int, latitud: float | None,
                    longitud: float | None) -> tuple[float | None, float | None]:
    """Fija (o quita, con None y None) el punto del territorio; devuelve el (latitud, longitud) anterior."""
    t = _territorio(s, municipio_id, territorio_id)
    lat, lon = validar_ubicacion(latitud, longitud)
    anterior = (t.latitud, t.longitud)
    t.latitud, t.longitud = lat, lon
    if lat is None or lon is None:
        resumen = _("{nombre}: ubicación quitada").format(nombre=t.nombre)
    else:
        resumen = _("{nombre}: ubicación {lat}; {lon}").format(nombre=t.nombre, lat=formato.numero(lat, 6),
                                                               lon=formato.numero(lon, 6))
    auditar(s, municipio_id, "territorio", t.id, "ubicar", resumen)
    return anterior


def fijar_limite(s: Session, municipio_id: int, territorio_id: int, geojson: str | None, *,
                 restaurar: bool = False) -> str | None:
    """Fija (o quita, con None) el límite del territorio y devuelve el anterior.

    El texto pasa por `geo.leer_limite_geojson` y se guarda normalizado. `restaurar=True` (deshacer) guarda el
    texto tal cual: es uno que ya estaba en el expediente, quizá cargado antes con reglas menos estrictas.
    """
    t = _territorio(s, municipio_id, territorio_id)
    if geojson is not None and not geojson.strip():
        geojson = None
    if geojson is not None and not restaurar:
        geojson = geo.leer_limite_geojson(geojson.encode("utf-8"))
    anterior = t.limite_geojson
    t.limite_geojson = geojson
    accion = _("límite quitado") if geojson is None else _("límite cargado")
    auditar(s, municipio_id, "territorio", t.id, "limite", f"{t.nombre}: {accion}")
    return anterior


def aviso_ubicacion(s: Session, municipio_id: int, latitud: float, longitud: float) -> str | None:
    """Advertencia si el punto cae lejos del distrito del municipio (no impide guardarlo)."""
    m = obtener(s, Municipio, municipio_id, _("el municipio"))
    return geo.aviso_punto(m.clave_ine, latitud, longitud)


def aviso_limite(s: Session, municipio_id: int, geojson: str) -> str | None:
    """Advertencia si el límite de un territorio sale del distrito del municipio."""
    m = obtener(s, Municipio, municipio_id, _("el municipio"))
    anillos = geo.anillos_de_geojson(geojson)
    return geo.aviso_poligono(m.clave_ine, anillos) if anillos else None
