"""Encontrar la fila de encabezados de una planilla y proponer qué columna de la hoja va a qué campo.

Planillas ajenas traen títulos arriba, encabezados en dos filas con celdas combinadas y nombres propios para las
columnas («Poder» por «Influencia», «Interesado» por «Nombre»). Para cada una de las primeras `FILAS_A_MIRAR`
filas de cada hoja visible se arma un mapeo y se le da un puntaje; gana la fila (y la hoja) con más puntaje entre
las aceptables.

Parecido de un encabezado con una columna del esquema (su encabezado o un sinónimo), sin tildes, mayúsculas,
puntuación ni numeración («4. PROYECTOS»), y con singular/plural indistintos:
- 1,0 si es el mismo texto («Actitud» = «actitud»);
- 0,8 si el encabezado empieza con él («Actitud actual», «Rol / Relación»);
- 0,6 si contiene todas sus palabras («Nivel de poder» contiene «poder»).

Una celda vacía en la fila candidata toma el texto de la celda de arriba: así se leen los encabezados combinados
en vertical (A9:A10) de los encabezados de dos filas.

Una fila es aceptable si tiene todas las columnas obligatorias (con parecido ≥ 0,6), suma al menos 1,0 y, o bien
reconoce 3 columnas o más, o bien reconoce al menos la mitad de sus celdas con texto. La última condición evita
que una hoja ajena de 138 columnas pase por tener «Descripción» y «Tipo».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from nucleo.exportar.excel.esquema import Columna, Esquema, normalizar

FILAS_A_MIRAR = 30
EXACTO, PREFIJO, CONTIENE = 1.0, 0.8, 0.6
MINIMO_OBLIGATORIA = CONTIENE
MINIMO_PUNTAJE = 1.0

# Words that don't tell columns apart («Nivel de interés» = «Nivel interés»).
_VACIAS = frozenset({"de", "del", "la", "el", "los", "las", "y", "o", "a", "en", "que", "por", "para", "su", "sus",
                     "of", "the"})


def _palabras(texto: Any) -> tuple[str, ...]:
    todas = tuple(normalizar(texto).split())
    utiles = tuple(p for p in todas if p not in _VACIAS)
    return utiles or todas


def _igual(a: str, b: str) -> bool:
    # Singular and plural alike: «actor»/«actores», «territorio»/«territorios».
    return a == b or a + "s" == b or b + "s" == a or a + "es" == b or b + "es" == a


def _iguales(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(a) == len(b) and all(_igual(x, y) for x, y in zip(a, b, strict=True))


def _formas(col: Columna) -> list[tuple[str, ...]]:
    formas = [_palabras(col.encabezado), _palabras(col.titulo)]
    formas += [_palabras(s) for s in col.sinonimos]
    from nucleo.i18n import traducir

    formas += [_palabras(traducir(s)) for s in col.sinonimos]
    return [f for f in dict.fromkeys(formas) if f]


def parecido(encabezado: Any, formas: Sequence[tuple[str, ...]]) -> float:
    h = _palabras(encabezado)
    if not h:
        return 0.0
    mejor = 0.0
    for f in formas:
        if _iguales(h, f):
            return EXACTO
        if len(f) < len(h) and _iguales(h[: len(f)], f):
            mejor = max(mejor, PREFIJO)
        elif len(f) < len(h) and all(any(_igual(p, q) for q in h) for p in f):
            mejor = max(mejor, CONTIENE)
    return mejor


@dataclass
class Candidato:
    """Una fila de una hoja leída como encabezados, con el mapeo que se propone para ella."""

    hoja: str
    fila: int  # 1-based, as the spreadsheet numbers it
    encabezados: list[str]  # text per sheet column (index 0 = column A); "" when empty
    mapeo: dict[int, str] = field(default_factory=dict)  # sheet column index -> campo
    confianza: dict[int, float] = field(default_factory=dict)
    faltan: list[Columna] = field(default_factory=list)  # obligatory columns not found

    @property
    def puntaje(self) -> float:
        return sum(self.confianza.values())

    @property
    def con_texto(self) -> int:
        return sum(1 for e in self.encabezados if e)

    @property
    def aceptable(self) -> bool:
        n = len(self.mapeo)
        return (not self.faltan and self.puntaje >= MINIMO_PUNTAJE
                and (n >= 3 or 2 * n >= self.con_texto))


class Comparador:
    """Las formas de cada columna del esquema, calculadas una vez."""

    def __init__(self, esquema: Esquema):
        self.esquema = esquema
        self.formas = {c.campo: _formas(c) for c in esquema.columnas}
        self._cache: dict[str, dict[str, float]] = {}

    def puntajes(self, encabezado: str) -> dict[str, float]:
        if encabezado not in self._cache:
            self._cache[encabezado] = {campo: p for campo, formas in self.formas.items()
                                       if (p := parecido(encabezado, formas)) > 0}
        return self._cache[encabezado]

    def proponer(self, encabezados: Sequence[str]) -> tuple[dict[int, str], dict[int, float]]:
        """Cada columna del esquema a lo sumo una vez, la de mayor parecido primero (a igualdad, la de más a la
        izquierda)."""
        orden = {c.campo: i for i, c in enumerate(self.esquema.columnas)}
        pares = [(-p, j, orden[campo], campo) for j, e in enumerate(encabezados) if e
                 for campo, p in self.puntajes(e).items()]
        mapeo: dict[int, str] = {}
        confianza: dict[int, float] = {}
        usados: set[str] = set()
        for menos_p, j, _orden, campo in sorted(pares):
            if j in mapeo or campo in usados:
                continue
            mapeo[j], confianza[j] = campo, -menos_p
            usados.add(campo)
        return mapeo, confianza

    def candidato(self, hoja: str, fila: int, encabezados: list[str]) -> Candidato:
        mapeo, confianza = self.proponer(encabezados)
        encontradas = {campo for j, campo in mapeo.items() if confianza[j] >= MINIMO_OBLIGATORIA}
        faltan = [c for c in self.esquema.obligatorias if c.campo not in encontradas]
        return Candidato(hoja, fila, encabezados, mapeo, confianza, faltan)


def texto_de_celda(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return " ".join(str(valor).split())


def encabezados_de(filas: Sequence[Sequence[Any]], i: int) -> list[str]:
    """Los textos de la fila i (índice en `filas`) como encabezados, completando con la de arriba."""
    propia = [texto_de_celda(v) for v in filas[i]]
    if i > 0:
        arriba = [texto_de_celda(v) for v in filas[i - 1]]
        propia = [t or (arriba[j] if j < len(arriba) else "") for j, t in enumerate(propia)]
    while propia and not propia[-1]:
        propia.pop()
    return propia


def mejor_de_hoja(comparador: Comparador, hoja: str, filas: Sequence[Sequence[Any]]) -> Candidato | None:
    """El candidato de más puntaje de una hoja (el primero a igualdad), aceptable o no; None si está vacía."""
    mejor: Candidato | None = None
    for i in range(len(filas)):
        encabezados = encabezados_de(filas, i)
        if not any(encabezados):
            continue
        c = comparador.candidato(hoja, i + 1, encabezados)
        clave = (c.aceptable, c.puntaje)
        if mejor is None or clave > (mejor.aceptable, mejor.puntaje):
            mejor = c
    return mejor
