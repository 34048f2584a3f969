"""Esquemas de columnas: una lista por tabla que usan la exportación, la plantilla en blanco y la importación.

ARQUITECTURA.md, decisión 9: la misma lista de `Columna` decide el encabezado, el ancho, el formato de número o
fecha y la lista desplegable al exportar, y cómo se lee y valida cada celda al importar. Por eso lo que Articula
exporta, Articula lo importa sin cambios.

Valores de una fila (los diccionarios que van y vienen entre el esquema y los servicios), por tipo de columna:

- ``texto``: str; ``entero``: int; ``decimal``: Decimal/float; ``guaranies``: int (sin decimales); ``fecha``: date;
  ``booleano``: bool.
- ``opcion``: la clave interna (``"municipal"``); la planilla muestra la etiqueta (``«Municipal»``).
- ``opciones``: tupla de claves; la planilla las muestra separadas por «; ».
- ``referencia``: al exportar, el nombre (o, con ``multiple``, la lista de nombres) del actor o territorio; al
  importar, `Esquema.crear` recibe el id (o la tupla de ids) que corresponde a ese nombre en el expediente.

Un campo ausente del diccionario que recibe `crear` significa «la planilla no lo trae»: el servicio usa su valor
por omisión (p. ej. la categoría de un actor cuando la planilla ajena no tiene esa columna).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from nucleo.formato import sin_tildes
from nucleo.i18n import traducir

TIPOS = ("texto", "entero", "decimal", "guaranies", "fecha", "booleano", "opcion", "opciones", "referencia")
REFERENCIAS = ("actor", "territorio")

SEPARADOR = "; "  # between the values of an «opciones» or multiple «referencia» cell
FORMATO_GUARANIES = '"₲" #,##0'
FORMATO_FECHA = "dd/mm/yyyy"
FORMATO_DECIMAL = "#,##0.00"
# Whole numbers need no format of their own: «General» shows them as they are (a column may ask for "#,##0").
_FORMATOS = {"guaranies": FORMATO_GUARANIES, "fecha": FORMATO_FECHA, "decimal": FORMATO_DECIMAL}


@dataclass(frozen=True)
class Columna:
    """Una columna de la planilla.

    - `encabezado`: texto del encabezado, marcado con N_() (se muestra con `traducir`).
    - `campo`: clave en el diccionario de la fila (el nombre del campo en los Datos… del servicio).
    - `opciones`: clave -> etiqueta (N_) para ``opcion``/``opciones``; la planilla muestra las etiquetas.
    - `ancho`: ancho de la columna en caracteres; `formato`: formato de número de Excel (si no, el del tipo).
    - `ayuda`: qué significa la columna (hoja «Instrucciones» y mensaje al seleccionar la celda).
    - `sinonimos`: otros encabezados que significan lo mismo en planillas ajenas («Poder», «Stakeholder»…).
    - `valores`: otras formas de escribir una opción que se aceptan al importar (texto -> clave), p. ej.
      «A favor» -> ``"apoya"``. Las etiquetas y las claves siempre se aceptan, sin importar tildes ni mayúsculas.
    - `escala`: entero de 1 a 5 que también acepta palabras (Muy alto, Alto, Medio, Bajo, Muy bajo).
    - `referencia`: ``"actor"`` o ``"territorio"`` para el tipo ``referencia``; `multiple`: varios nombres.
    - `minimo`/`maximo`: para la validación desplegable de la planilla (la regla de verdad está en el servicio).
    """

    encabezado: str
    campo: str
    tipo: str = "texto"
    opciones: Mapping[str, str] | None = None
    obligatoria: bool = False
    ancho: float = 18
    formato: str | None = None
    ayuda: str = ""
    sinonimos: tuple[str, ...] = ()
    valores: Mapping[str, str] = field(default_factory=dict)
    escala: bool = False
    referencia: str | None = None
    multiple: bool = False
    minimo: int | None = None
    maximo: int | None = None

    def __post_init__(self) -> None:
        if self.tipo not in TIPOS:
            raise ValueError(f"tipo de columna desconocido: {self.tipo!r}")
        if self.tipo in ("opcion", "opciones") and not self.opciones:
            raise ValueError(f"la columna {self.campo!r} necesita opciones")
        if (self.tipo == "referencia") != (self.referencia is not None):
            raise ValueError(f"la columna {self.campo!r}: referencia solo con el tipo «referencia»")
        if self.referencia is not None and self.referencia not in REFERENCIAS:
            raise ValueError(f"referencia desconocida: {self.referencia!r}")

    @property
    def titulo(self) -> str:
        """El encabezado tal como se muestra (traducido)."""
        return traducir(self.encabezado)

    @property
    def formato_numero(self) -> str | None:
        return self.formato or _FORMATOS.get(self.tipo)

    @property
    def es_lista(self) -> bool:
        """Varios valores en una celda, separados por «; »."""
        return self.tipo == "opciones" or (self.tipo == "referencia" and self.multiple)

    def etiquetas(self) -> dict[str, str]:
        """clave -> etiqueta traducida."""
        return {k: traducir(v) for k, v in (self.opciones or {}).items()}


@dataclass(frozen=True)
class Esquema:
    """Todo lo que hace falta para exportar, dar la plantilla e importar una tabla.

    - `tabla`: el nombre que usan la CLI y la interfaz (``"actores"``); `entidad`: lo que cambia al importar (la
      señal ``ctx.cambiado``: ``"actor"``, ``"oportunidad"``).
    - `hoja`: nombre de la hoja de datos; `titulo`: cómo se llama la tabla para el usuario (ambos con N_()).
    - `filas(s, municipio_id)`: las filas para exportar, como diccionarios campo -> valor (ver el docstring del
      módulo); `crear(s, municipio_id, datos) -> id`: crea una fila por el servicio, que valida y lanza
      ErrorDeUsuario/ErroresDeValidacion con los campos del diccionario.
    - `clave`: campos que identifican una fila para detectar repetidas (en la planilla y contra el expediente).
    - `referencia_propia`: qué `Columna.referencia` apunta a esta misma tabla (la pertenencia de un actor a otro):
      la importación crea primero las filas a las que otras se refieren.
    - `crear_lote(s, municipio_id, lista de datos) -> [id o ErrorDeUsuario, …]` (opcional): crea muchas filas de
      una vez, con las mismas reglas que `crear`, y devuelve por cada una su id o su error; solo escribe las
      válidas. Si está, la importación lo usa en lugar de `crear` fila por fila.
    """

    tabla: str
    entidad: str
    hoja: str
    titulo: str
    columnas: tuple[Columna, ...]
    filas: Callable[[Any, int], Iterable[Mapping[str, Any]]]
    crear: Callable[[Any, int, Mapping[str, Any]], int]
    clave: tuple[str, ...] = ("nombre",)
    referencia_propia: str | None = None
    crear_lote: Callable[[Any, int, Sequence[Mapping[str, Any]]], list[Any]] | None = None

    def __post_init__(self) -> None:
        campos = [c.campo for c in self.columnas]
        if len(set(campos)) != len(campos):
            raise ValueError(f"campos repetidos en el esquema {self.tabla!r}")
        if any(c not in campos for c in self.clave):
            raise ValueError(f"la clave del esquema {self.tabla!r} no está entre sus columnas")

    def columna(self, campo: str) -> Columna:
        for c in self.columnas:
            if c.campo == campo:
                return c
        raise KeyError(campo)

    @property
    def obligatorias(self) -> tuple[Columna, ...]:
        return tuple(c for c in self.columnas if c.obligatoria)


# ---------------------------------------------------------------------------------------------- texto

_NUMERACION = re.compile(r"^(?:\d+(?:\.\d+)*\s+)+")  # «4. PROYECTOS», «7.1 Unidad»: the number is not the name


def normalizar(texto: Any) -> str:
    """Texto comparable: sin tildes, minúsculas, la puntuación como espacio y espacios simples.

    «Interés», «INTERES» e « interés: » dan «interes»; «4.PROYECTOS » da «proyectos».
    """
    if texto is None:
        return ""
    return _normalizar(str(texto))


# An import normalises each name several times (repeated rows, references, the index) and option cells repeat
# a handful of values: caching makes that once per distinct text.
@lru_cache(maxsize=1 << 16)
def _normalizar(texto: str) -> str:
    t = re.sub(r"[^0-9a-z]+", " ", sin_tildes(texto)).strip()
    return _NUMERACION.sub("", t)
