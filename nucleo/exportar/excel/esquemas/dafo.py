"""DAFO / DIPE de los territorios en Excel: un elemento por fila, con su territorio, análisis, cuadrante y orden."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.exportar.excel.esquema import Columna, Esquema
from nucleo.i18n import N_
from nucleo.modelo import ItemDafo, Territorio
from nucleo.modelo.diagnostico import ANALISIS, CUADRANTES

# Every quadrant of both analyses in one list: the service says when one does not belong to the row's analysis.
TODOS_LOS_CUADRANTES: dict[str, str] = {c: nombre for cs in CUADRANTES.values() for c, nombre in cs.items()}

# Other ways workbooks write the same thing (compared without accents or case).
_ANALISIS_OTROS = {"foda": "dafo", "dofa": "dafo", "swot": "dafo", "analisis dafo": "dafo", "analisis foda": "dafo",
                   "matriz foda": "dafo", "matriz dafo": "dafo", "analisis dipe": "dipe", "matriz dipe": "dipe"}
_CUADRANTES_OTROS = {
    "debilidad": "debilidades", "amenaza": "amenazas", "fortaleza": "fortalezas", "oportunidad": "oportunidades",
    "weaknesses": "debilidades", "threats": "amenazas", "strengths": "fortalezas", "opportunities": "oportunidades",
    "desafio": "desafios", "reto": "desafios", "retos": "desafios", "limitacion": "limitaciones",
    "potencialidad": "potencialidades", "potencial": "potencialidades", "riesgo": "riesgos",
}

COLUMNAS = (
    Columna(N_("Territorio"), "territorio_id", "referencia", referencia="territorio", obligatoria=True, ancho=28,
            ayuda=N_("Nombre del territorio (comunidad territorial) tal como está en Articula."),
            sinonimos=(N_("Comunidad"), N_("Comunidad territorial"), N_("Barrio"), N_("Compañía"))),
    Columna(N_("Análisis"), "analisis", "opcion", opciones=ANALISIS, obligatoria=True, ancho=10,
            valores=_ANALISIS_OTROS, ayuda=N_("DAFO o DIPE."), sinonimos=(N_("Tipo de análisis"), N_("Matriz"))),
    Columna(N_("Cuadrante"), "cuadrante", "opcion", opciones=TODOS_LOS_CUADRANTES, obligatoria=True, ancho=17,
            valores=_CUADRANTES_OTROS,
            ayuda=N_("DAFO: Debilidades, Amenazas, Fortalezas u Oportunidades. DIPE: Desafíos, Limitaciones, "
                     "Potencialidades o Riesgos."),
            sinonimos=(N_("Categoría"), N_("Tipo"), N_("Factor"), N_("Componente"))),
    Columna(N_("Texto"), "texto", obligatoria=True, ancho=80,
            ayuda=N_("El elemento, en una frase, como se escribió en el taller."),
            sinonimos=(N_("Elemento"), N_("Descripción"), N_("Detalle"), N_("Factor identificado"))),
    Columna(N_("Orden"), "orden", "entero", ancho=8, minimo=1,
            ayuda=N_("Posición dentro del cuadrante: 1 para el primero. Vacío: al final del cuadrante."),
            sinonimos=(N_("N.º"), N_("Número"), N_("Nro"), N_("Posición"), N_("Prioridad"))),
)


def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    """Todos los elementos, por territorio y, dentro de cada uno, en el orden de lectura de su tablero."""
    orden_cuadrante = {c: i for cs in CUADRANTES.values() for i, c in enumerate(cs)}
    orden_analisis = {a: i for i, a in enumerate(ANALISIS)}
    q = (select(Territorio.nombre, Territorio.id, ItemDafo.analisis, ItemDafo.cuadrante, ItemDafo.texto,
                ItemDafo.orden, ItemDafo.id)
         .join(Territorio, Territorio.id == ItemDafo.territorio_id)
         .where(ItemDafo.municipio_id == municipio_id))
    filas_ = sorted(s.execute(q), key=lambda r: (r[0].casefold(), r[1], orden_analisis.get(r[2], 9),
                                                 orden_cuadrante.get(r[3], 9), r[5], r[6]))
    return [{"territorio_id": nombre, "analisis": a, "cuadrante": c, "texto": x, "orden": o}
            for nombre, _t, a, c, x, o, _i in filas_]


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.dafo import DatosItemDafo, crear_item

    campos = {k: v for k, v in datos.items() if k in DatosItemDafo.__dataclass_fields__}
    return crear_item(s, municipio_id, DatosItemDafo(**campos))


ESQUEMA = Esquema(
    tabla="dafo",
    entidad="item_dafo",
    hoja=N_("DAFO"),
    titulo=N_("DAFO / DIPE de los territorios"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    clave=("territorio_id", "analisis", "cuadrante", "texto"),
)
