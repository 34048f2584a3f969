"""Territorios: la lista con su semáforo, los datos de uno (la ficha) y cuántos hay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from nucleo.calendario import CUMPLIDA, ETIQUETAS_SEMAFORO
from nucleo.i18n import _, traducir
from nucleo.lecturas import booleano, conexion, fecha, no_encontrado
from nucleo.lecturas.hoja_de_ruta import resumenes_rutas
from nucleo.opciones import ESTADOS_TERRITORIO, TIPOS_TERRITORIO


@dataclass
class DatosTerritorio:
    nombre: str = ""
    tipo: str = "urbano"
    tipo_sps: str = ""
    estado: str = "propuesto"
    poblacion: int | None = None
    hogares: int | None = None
    latitud: float | None = None
    longitud: float | None = None
    limite_geojson: str | None = None
    identidad_propia: bool | None = None
    identidad_descripcion: str = ""
    organizacion_id: int | None = None
    riesgos_diversos: str = ""
    caracterizacion: str = ""
    espacio_nombre: str = ""
    espacio_direccion: str = ""
    espacio_operador: str = ""
    inicio_ruta: date | None = None


CAMPOS = tuple(DatosTerritorio.__dataclass_fields__)


def obtener_territorio(fuente: Any, territorio_id: int) -> DatosTerritorio:
    con = conexion(fuente)
    fila = con.execute(f"SELECT {', '.join(CAMPOS)} FROM territorio WHERE id = ?", (territorio_id,)).fetchone()
    if fila is None:
        raise no_encontrado(_("el territorio"), territorio_id)
    d = DatosTerritorio(*fila)
    d.identidad_propia, d.inicio_ruta = booleano(d.identidad_propia), fecha(d.inicio_ruta)
    return d


@dataclass(frozen=True)
class FilaTerritorio:
    id: int
    nombre: str
    tipo: str
    tipo_texto: str
    estado: str
    estado_texto: str
    poblacion: int | None
    hogares: int | None
    organizacion: str
    criterios: int  # how many of the three selection criteria are met
    progreso: float
    etapa_actual: str
    semaforo: str
    semaforo_texto: str
    inicio_ruta: date | None


def listar_territorios(fuente: Any, municipio_id: int, hoy: date | None = None) -> list[FilaTerritorio]:
    con = conexion(fuente)
    rutas = resumenes_rutas(con, municipio_id, hoy)
    filas = []
    for tid, nombre, tipo, estado, pob, hog, org, ident, org_id, riesgos, inicio in con.execute(
            "SELECT t.id, t.nombre, t.tipo, t.estado, t.poblacion, t.hogares, a.nombre, t.identidad_propia, "
            "t.organizacion_id, t.riesgos_diversos, t.inicio_ruta "
            "FROM territorio t LEFT JOIN actor a ON a.id = t.organizacion_id "
            "WHERE t.municipio_id = ? ORDER BY lower(t.nombre)", (municipio_id,)):
        ruta = rutas[tid]
        sig = ruta.siguiente
        criterios = int(booleano(ident) is True) + int(org_id is not None) + int(bool(riesgos))
        filas.append(FilaTerritorio(
            tid, nombre, tipo, traducir(TIPOS_TERRITORIO.get(tipo, tipo)), estado,
            traducir(ESTADOS_TERRITORIO.get(estado, estado)), pob, hog, org or "", criterios, ruta.progreso,
            f"{sig.codigo} · {sig.proceso}" if sig else _("Ruta completa"),
            sig.semaforo if sig else CUMPLIDA, sig.semaforo_texto if sig else traducir(ETIQUETAS_SEMAFORO[CUMPLIDA]),
            fecha(inicio),
        ))
    return filas


def contar_territorios(fuente: Any, municipio_id: int) -> int:
    return conexion(fuente).execute("SELECT count(*) FROM territorio WHERE municipio_id = ?",
                                    (municipio_id,)).fetchone()[0]
