"""Necesidades del diagnóstico participativo en Excel: las columnas, cómo se leen del expediente y cómo se crean por
el servicio (una planilla con las necesidades de todos los territorios; el territorio va por su nombre)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from nucleo.exportar.excel.esquema import Columna, Esquema
from nucleo.i18n import N_
from nucleo.modelo.diagnostico import DIMENSIONES, FUENTES_NECESIDAD
from nucleo.modelo.oportunidad import PILARES, POBLACIONES

_DIMENSIONES_OTRAS = {
    "economico": "economica", "economia": "economica", "productiva": "economica", "productivo": "economica",
    "socio economica": "economica", "ingresos": "economica", "empleo": "economica",
    "politico": "politica", "institucional": "politica", "organizativa": "politica", "participacion": "politica",
    "culturales": "cultural", "identidad": "cultural",
    "ambiente": "ambiental", "medio ambiente": "ambiental", "medioambiental": "ambiental",
    "sociales": "social", "salud": "social", "educacion": "social",
}
_PILARES_OTROS = {
    "integracion": "integracion_social", "pilar 1": "integracion_social", "no contributivo": "integracion_social",
    "insercion laboral": "insercion_laboral", "insercion productiva": "insercion_laboral",
    "insercion laboral y productiva": "insercion_laboral", "pilar 2": "insercion_laboral",
    "empleo": "insercion_laboral",
    "prevision": "prevision_social", "pilar 3": "prevision_social", "contributivo": "prevision_social",
    "seguridad social": "prevision_social",
}
_POBLACIONES_OTRAS = {
    "ninos": "ninez", "ninas": "ninez", "ninos y ninas": "ninez", "infancia": "ninez",
    "adolescentes": "adolescencia", "jovenes": "juventud", "adultos": "adultez", "adultas": "adultez",
    "adultos mayores": "personas_mayores", "adultas mayores": "personas_mayores", "tercera edad": "personas_mayores",
    "mayores": "personas_mayores", "familias": "hogares", "hogar": "hogares", "familia": "hogares",
    "comunidad": "entorno", "territorio": "entorno",
}
_FUENTES_OTRAS = {
    "asamblea": "taller", "reunion": "taller", "grupo focal": "taller", "mesa": "taller", "talleres": "taller",
    "censo": "encuesta", "relevamiento": "encuesta", "sondeo": "encuesta", "entrevista": "encuesta",
    "entrevistas": "encuesta", "encuestas": "encuesta",
    "registros": "registro", "registro administrativo": "registro", "padron": "registro", "estadistica": "registro",
    "datos": "registro",
}

COLUMNAS = (
    Columna(N_("Territorio"), "territorio_id", "referencia", referencia="territorio", obligatoria=True, ancho=26,
            ayuda=N_("Territorio (comunidad territorial) donde se planteó la necesidad, por su nombre."),
            sinonimos=(N_("Comunidad"), N_("Comunidad territorial"), N_("Barrio"), N_("Compañía"))),
    Columna(N_("Descripción"), "descripcion", obligatoria=True, ancho=60,
            ayuda=N_("La necesidad o el déficit, como lo planteó la comunidad."),
            sinonimos=(N_("Necesidad"), N_("Necesidades"), N_("Problema"), N_("Demanda"), N_("Déficit"),
                       N_("Necesidad planteada"), N_("Descripción de la necesidad"))),
    Columna(N_("Dimensión"), "dimension", "opcion", opciones=DIMENSIONES, ancho=14, valores=_DIMENSIONES_OTRAS,
            ayuda=N_("Económica, social, política, cultural o ambiental."),
            sinonimos=(N_("Dimensión del desarrollo"), N_("Ámbito"), N_("Área"))),
    Columna(N_("Pilar"), "pilar", "opcion", opciones=PILARES, ancho=28, valores=_PILARES_OTROS,
            ayuda=N_("Pilar del Sistema de Protección Social; vacío si no se indica."),
            sinonimos=(N_("Pilar del SPS"), N_("Pilar SPS"), N_("Eje"))),
    Columna(N_("Población"), "poblacion", "opcion", opciones=POBLACIONES, ancho=24, valores=_POBLACIONES_OTRAS,
            ayuda=N_("Categoría de población afectada; vacío si no se indica."),
            sinonimos=(N_("Población afectada"), N_("Población objetivo"), N_("Ciclo de vida"),
                       N_("Categoría de población"), N_("Destinatarios"))),
    Columna(N_("Fuente"), "fuente", "opcion", opciones=FUENTES_NECESIDAD, ancho=12, valores=_FUENTES_OTRAS,
            ayuda=N_("Dónde surgió: taller, encuesta o registro."),
            sinonimos=(N_("Origen"), N_("Fuente de información"), N_("Instrumento"))),
    Columna(N_("Fecha"), "fecha", "fecha", ancho=12, ayuda=N_("Fecha en que se planteó la necesidad."),
            sinonimos=(N_("Fecha del taller"), N_("Fecha de relevamiento"))),
    Columna(N_("Prioridad"), "prioridad", "entero", ancho=10, minimo=1,
            ayuda=N_("Prioridad dada por la comunidad: 1 es la más alta; el mismo número en dos necesidades es "
                     "un empate; vacío si no está priorizada."),
            sinonimos=(N_("Orden de prioridad"), N_("Prioridad de la comunidad"), N_("Ranking"), N_("Puesto"))),
    Columna(N_("Votos"), "votos", "entero", ancho=9, minimo=0,
            ayuda=N_("Votos recibidos en el taller; vacío si no se votó."),
            sinonimos=(N_("Cantidad de votos"), N_("Puntos"), N_("Puntaje"))),
    Columna(N_("Notas"), "notas", ancho=40, sinonimos=(N_("Observaciones"), N_("Comentarios"))),
)


def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    """Las necesidades de todos los territorios, por territorio y prioridad."""
    from nucleo.servicios.necesidades import listar_necesidades

    campos = [c.campo for c in COLUMNAS if c.campo != "territorio_id"]
    salida = []
    for f in listar_necesidades(s, municipio_id):
        fila = {c: getattr(f, c) for c in campos}
        # «Sin indicar» is an empty cell, as the import reads it back.
        fila["pilar"] = f.pilar or None
        fila["poblacion"] = f.poblacion or None
        fila["territorio_id"] = f.territorio
        salida.append(fila)
    return salida


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.necesidades import CAMPOS, DatosNecesidad, crear_necesidad

    # An empty cell is not in `datos`; a None that gets here means the same: the service's default («sin indicar»
    # for the pillar and the population).
    valores = {k: v for k, v in datos.items() if k in CAMPOS and v is not None}
    return crear_necesidad(s, municipio_id, DatosNecesidad(**valores))


ESQUEMA = Esquema(
    tabla="necesidades",
    entidad="necesidad",
    hoja=N_("Necesidades"),
    titulo=N_("Necesidades del diagnóstico"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    clave=("territorio_id", "descripcion"),
)
