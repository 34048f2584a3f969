"""Análisis DAFO / DIPE de un territorio: elementos en cuatro cuadrantes, editables y ordenables.

Cada elemento es un `ItemDafo` (análisis «dafo» o «dipe», cuadrante, texto, orden). Un territorio puede tener los
dos análisis. Dentro de un cuadrante el orden es 1, 2, 3… sin huecos: cada alta, baja o movimiento lo renumera, así
el número que ven el tablero, el impreso y la planilla es siempre el mismo.

El tablero se lee como uno de FODA: dos ejes, el origen (interno: del territorio y sus organizaciones; externo: del
entorno) y el signo (negativo: a superar o evitar; positivo: a aprovechar). DAFO: Debilidades (interno, negativo),
Amenazas (externo, negativo), Fortalezas (interno, positivo), Oportunidades (externo, positivo). DIPE usa los
mismos ejes con sus palabras: Limitaciones (interno, negativo), Riesgos (externo, negativo), Potencialidades
(interno, positivo) y Desafíos (externo, positivo: lo que el entorno pide y permite encarar).

Deshacer (ui/contexto.ComandoServicio): `crear_item` -> id, `eliminar_item` -> copia, `restaurar_item(copia)` -> id;
`editar_texto` -> texto anterior; `mover_item` -> `Disposicion` anterior de todo lo que tocó, que `aplicar_disposicion`
vuelve a poner (y devuelve la que reemplazó, para rehacer).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import N_, _, n_, traducir
from nucleo.modelo import ItemDafo, Territorio
from nucleo.modelo.diagnostico import ANALISIS, CUADRANTES
from nucleo.servicios.comun import Validador, auditar, obtener

MAXIMO_TEXTO = 500

# Where each quadrant sits on the board: (fila, columna); fila 0 = negativo, columna 0 = interno.
POSICION: dict[str, dict[str, tuple[int, int]]] = {
    "dafo": {"debilidades": (0, 0), "amenazas": (0, 1), "fortalezas": (1, 0), "oportunidades": (1, 1)},
    "dipe": {"limitaciones": (0, 0), "riesgos": (0, 1), "potencialidades": (1, 0), "desafios": (1, 1)},
}
EJE_ORIGEN: dict[int, str] = {0: N_("Interno"), 1: N_("Externo")}
EJE_ORIGEN_DETALLE: dict[int, str] = {0: N_("del territorio y sus organizaciones"), 1: N_("del entorno")}
EJE_SIGNO: dict[int, str] = {0: N_("Negativo"), 1: N_("Positivo")}
EJE_SIGNO_DETALLE: dict[int, str] = {0: N_("a superar o evitar"), 1: N_("a aprovechar")}

# What goes in each quadrant, in the words of a workshop facilitator (tooltips, empty quadrants, the spreadsheet).
AYUDA_CUADRANTE: dict[str, str] = {
    "debilidades": N_("Lo que dentro del territorio limita o falta: carencias, problemas de organización, "
                      "recursos escasos."),
    "amenazas": N_("Lo que desde afuera puede perjudicar al territorio: riesgos del entorno, decisiones ajenas, "
                   "tendencias desfavorables."),
    "fortalezas": N_("Lo que el territorio ya tiene y hace bien: organizaciones, saberes, recursos propios."),
    "oportunidades": N_("Lo que el entorno ofrece y se puede aprovechar: programas, aliados, mercados, "
                        "tendencias favorables."),
    "limitaciones": N_("Lo que dentro del territorio frena el desarrollo: carencias, conflictos, capacidades que "
                       "faltan."),
    "riesgos": N_("Lo que desde el entorno puede dañar al territorio o al proceso si no se previene."),
    "potencialidades": N_("Capacidades y recursos propios del territorio sobre los que se puede construir."),
    "desafios": N_("Lo que el entorno pide y permite encarar: metas que la comunidad puede asumir con apoyo."),
}


def cuadrantes(analisis: str) -> tuple[str, ...]:
    """Las claves de los cuadrantes del análisis, en el orden de lectura del tablero."""
    return tuple(CUADRANTES[analisis])


def cuadrante_en(analisis: str, fila: int, columna: int) -> str:
    return next(c for c, pos in POSICION[analisis].items() if pos == (fila, columna))


def nombre_cuadrante(analisis: str, cuadrante: str) -> str:
    return traducir(CUADRANTES[analisis][cuadrante])


def nombre_analisis(analisis: str) -> str:
    return traducir(ANALISIS[analisis])


def describir_analisis(analisis: str, disyuntiva: bool = False) -> str:
    """«Debilidades, Amenazas, Fortalezas y Oportunidades» (o «… u Oportunidades», para elegir uno)."""
    nombres = [nombre_cuadrante(analisis, c) for c in cuadrantes(analisis)]
    primeros, ultimo = ", ".join(nombres[:-1]), nombres[-1]
    if not disyuntiva:
        return _("{primeros} y {ultimo}").format(primeros=primeros, ultimo=ultimo)
    # «u» before a word that starts with the sound «o» (Spanish spelling rule): «Fortalezas u Oportunidades».
    if ultimo[:1].casefold() in ("o", "ó") or ultimo[:2].casefold() == "ho":
        return _("{primeros} u {ultimo}").format(primeros=primeros, ultimo=ultimo)
    return _("{primeros} o {ultimo}").format(primeros=primeros, ultimo=ultimo)


@dataclass
class DatosItemDafo:
    territorio_id: int | None = None
    analisis: str = "dafo"
    cuadrante: str = ""
    texto: str = ""
    # Position inside the quadrant, 1 = first; None = at the end. What «Orden» of a spreadsheet means on import.
    orden: int | None = None


@dataclass(frozen=True)
class FilaDafo:
    id: int
    cuadrante: str
    texto: str
    orden: int  # 1, 2, 3… inside its quadrant: the number shown and printed


@dataclass(frozen=True)
class Tablero:
    """Un análisis de un territorio: sus cuatro cuadrantes, cada uno con sus elementos en orden."""

    territorio_id: int
    territorio: str
    analisis: str
    cuadrantes: dict[str, tuple[FilaDafo, ...]]  # every quadrant of the analysis, in board order

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.cuadrantes.values())

    @property
    def titulo_analisis(self) -> str:
        return nombre_analisis(self.analisis)

    def resumen(self) -> str:
        """«16 elementos · Debilidades: 4 · Amenazas: 4 · …»."""
        partes = [n_("{n} elemento", "{n} elementos", self.total).format(n=formato.entero(self.total))]
        partes += [f"{nombre_cuadrante(self.analisis, c)}: {formato.entero(len(filas))}"
                   for c, filas in self.cuadrantes.items()]
        return " · ".join(partes)


# A quadrant's layout: (item id, cuadrante, orden) of each item touched; what undo puts back.
Disposicion = tuple[tuple[int, str, int], ...]


@dataclass(frozen=True)
class ItemDafoEliminado:
    columnas: dict[str, Any]


# -- validación -------------------------------------------------------------------------------------------
def _error_analisis(v: Validador, analisis: str) -> None:
    if analisis not in ANALISIS:
        v.error("analisis", _("Elija el análisis: DAFO o DIPE."))


def _validar_cuadrante(v: Validador, analisis: str, cuadrante: str) -> None:
    if analisis not in CUADRANTES:
        return
    if cuadrante not in CUADRANTES[analisis]:
        otro = next((a for a, cs in CUADRANTES.items() if cuadrante in cs), None)
        validos = describir_analisis(analisis, disyuntiva=True)
        if otro is not None:
            v.error("cuadrante", _("«{cuadrante}» es un cuadrante del {otro}, no del {analisis}; elija {validos}.")
                    .format(cuadrante=nombre_cuadrante(otro, cuadrante), otro=nombre_analisis(otro),
                            analisis=nombre_analisis(analisis), validos=validos))
        else:
            v.error("cuadrante", _("Elija el cuadrante del {analisis}: {validos}.").format(
                analisis=nombre_analisis(analisis), validos=validos))


def _texto(v: Validador, texto: str) -> str:
    # One line on the board and in the printout: line breaks typed or pasted become spaces.
    limpio = " ".join((texto or "").split())
    if not limpio:
        v.error("texto", _("Escriba el texto del elemento; no puede quedar vacío."))
    return v.texto("texto", limpio, _("el texto del elemento"), maximo=MAXIMO_TEXTO)


def _territorio(s: Session, municipio_id: int, territorio_id: int | None) -> Territorio | None:
    if territorio_id is None:
        return None
    t = s.get(Territorio, territorio_id)
    return t if t is not None and t.municipio_id == municipio_id else None


def _repetido(s: Session, territorio_id: int, analisis: str, cuadrante: str, texto: str,
              item_id: int | None = None) -> FilaDafo | None:
    """El elemento del mismo cuadrante con el mismo texto (sin distinguir mayúsculas), si lo hay."""
    clave = texto.casefold()
    for n, i in enumerate(_del_cuadrante(s, territorio_id, analisis, cuadrante), start=1):
        if i.id != item_id and i.texto.casefold() == clave:
            return FilaDafo(i.id, i.cuadrante, i.texto, n)
    return None


def _error_repetido(v: Validador, analisis: str, repetido: FilaDafo | None) -> None:
    if repetido is not None and "texto" not in v.errores:
        v.error("texto", _("Ese elemento ya está en {cuadrante} (n.º {n}); no hace falta repetirlo.").format(
            cuadrante=nombre_cuadrante(analisis, repetido.cuadrante), n=formato.entero(repetido.orden)))


def validar(s: Session, municipio_id: int, d: DatosItemDafo) -> DatosItemDafo:
    v = Validador()
    if _territorio(s, municipio_id, d.territorio_id) is None:
        v.error("territorio_id", _("Elija un territorio del expediente; el indicado no existe o se eliminó."))
    _error_analisis(v, d.analisis)
    _validar_cuadrante(v, d.analisis, d.cuadrante)
    texto = _texto(v, d.texto)
    if not v.errores:
        assert d.territorio_id is not None
        _error_repetido(v, d.analisis, _repetido(s, d.territorio_id, d.analisis, d.cuadrante, texto))
    if d.orden is not None and (isinstance(d.orden, bool) or not isinstance(d.orden, int) or d.orden < 1):
        v.error("orden", _("El orden es la posición dentro del cuadrante: 1 para el primero, 2 para el segundo… "
                           "Déjelo vacío para agregarlo al final."))
    v.verificar()
    return DatosItemDafo(d.territorio_id, d.analisis, d.cuadrante, texto, d.orden)


# -- lectura ----------------------------------------------------------------------------------------------
def _del_cuadrante(s: Session, territorio_id: int, analisis: str, cuadrante: str,
                   excepto: int | None = None) -> list[ItemDafo]:
    q = (select(ItemDafo).where(ItemDafo.territorio_id == territorio_id, ItemDafo.analisis == analisis,
                                ItemDafo.cuadrante == cuadrante)
         .order_by(ItemDafo.orden, ItemDafo.id))
    return [i for i in s.scalars(q) if i.id != excepto]


def _numerar(items: Iterable[ItemDafo]) -> None:
    for n, item in enumerate(items, start=1):
        if item.orden != n:
            item.orden = n


def listar_dafo(s: Session, territorio_id: int, analisis: str = "dafo") -> Tablero:
    """El tablero de un análisis del territorio (una consulta), con los cuadrantes vacíos también."""
    t = obtener(s, Territorio, territorio_id, _("el territorio"))
    if analisis not in ANALISIS:
        raise ErrorDeUsuario(_("Elija el análisis: DAFO o DIPE."), campo="analisis")
    por_cuadrante: dict[str, list[FilaDafo]] = {c: [] for c in cuadrantes(analisis)}
    q = (select(ItemDafo.id, ItemDafo.cuadrante, ItemDafo.texto)
         .where(ItemDafo.territorio_id == territorio_id, ItemDafo.analisis == analisis)
         .order_by(ItemDafo.cuadrante, ItemDafo.orden, ItemDafo.id))
    for ident, cuadrante, texto in s.execute(q):
        lista = por_cuadrante.get(cuadrante)
        if lista is not None:  # a quadrant of another analysis cannot be stored (the service refuses it)
            lista.append(FilaDafo(ident, cuadrante, texto, len(lista) + 1))
    return Tablero(territorio_id, t.nombre, analisis, {c: tuple(f) for c, f in por_cuadrante.items()})


def contar_por_analisis(s: Session, territorio_id: int) -> dict[str, int]:
    """Cuántos elementos tiene cada análisis del territorio (0 si ninguno): lo que muestra el selector DAFO|DIPE."""
    cuenta = Counter({a: 0 for a in ANALISIS})
    q = (select(ItemDafo.analisis, func.count()).where(ItemDafo.territorio_id == territorio_id)
         .group_by(ItemDafo.analisis))
    for analisis, n in s.execute(q):
        cuenta[analisis] = n
    return dict(cuenta)


def obtener_item(s: Session, item_id: int) -> FilaDafo:
    i = obtener(s, ItemDafo, item_id, _("el elemento del DAFO"))
    return FilaDafo(i.id, i.cuadrante, i.texto, i.orden)


# -- cambios ----------------------------------------------------------------------------------------------
def _resumen(item: ItemDafo) -> str:
    return f"{nombre_analisis(item.analisis)} · {nombre_cuadrante(item.analisis, item.cuadrante)} · {item.texto}"


def crear_item(s: Session, municipio_id: int, datos: DatosItemDafo) -> int:
    """Agrega el elemento al final de su cuadrante (o en la posición `datos.orden`, corriendo los demás)."""
    d = validar(s, municipio_id, datos)
    assert d.territorio_id is not None
    otros = _del_cuadrante(s, d.territorio_id, d.analisis, d.cuadrante)
    item = ItemDafo(municipio_id=municipio_id, territorio_id=d.territorio_id, analisis=d.analisis,
                    cuadrante=d.cuadrante, texto=d.texto, orden=len(otros) + 1)
    s.add(item)
    s.flush()
    if d.orden is not None and d.orden <= len(otros):
        otros.insert(d.orden - 1, item)
        _numerar(otros)
    auditar(s, municipio_id, "item_dafo", item.id, "crear", _resumen(item))
    s.flush()
    return item.id


def editar_texto(s: Session, item_id: int, texto: str) -> str:
    """Cambia el texto y devuelve el anterior (la orden de deshacer lo vuelve a poner)."""
    item = obtener(s, ItemDafo, item_id, _("el elemento del DAFO"))
    v = Validador()
    nuevo = _texto(v, texto)
    if not v.errores:
        _error_repetido(v, item.analisis, _repetido(s, item.territorio_id, item.analisis, item.cuadrante, nuevo,
                                                    item.id))
    v.verificar()
    anterior = item.texto
    if nuevo != anterior:
        item.texto = nuevo
        auditar(s, item.municipio_id, "item_dafo", item.id, "actualizar", _resumen(item))
        s.flush()
    return anterior


def eliminar_item(s: Session, item_id: int) -> ItemDafoEliminado:
    item = obtener(s, ItemDafo, item_id, _("el elemento del DAFO"))
    copia = ItemDafoEliminado({a.key: getattr(item, a.key) for a in inspect(item).mapper.column_attrs})
    resumen, mid = _resumen(item), item.municipio_id
    territorio_id, analisis, cuadrante = item.territorio_id, item.analisis, item.cuadrante
    s.delete(item)
    s.flush()
    _numerar(_del_cuadrante(s, territorio_id, analisis, cuadrante))
    auditar(s, mid, "item_dafo", item_id, "eliminar", resumen)
    s.flush()
    return copia


def restaurar_item(s: Session, copia: ItemDafoEliminado) -> int:
    """Devuelve el elemento con el mismo número y en el lugar que tenía dentro de su cuadrante."""
    columnas = dict(copia.columnas)
    if s.get(Territorio, columnas["territorio_id"]) is None:
        raise ErrorDeUsuario(_("No se puede restaurar el elemento: su territorio ya no existe."))
    otros = _del_cuadrante(s, columnas["territorio_id"], columnas["analisis"], columnas["cuadrante"])
    item = ItemDafo(**columnas)
    s.add(item)
    s.flush()
    otros.insert(min(max(columnas["orden"], 1), len(otros) + 1) - 1, item)
    _numerar(otros)
    auditar(s, item.municipio_id, "item_dafo", item.id, "restaurar", _resumen(item))
    s.flush()
    return item.id


def _disposicion(items: Iterable[ItemDafo]) -> Disposicion:
    return tuple((i.id, i.cuadrante, i.orden) for i in items)


def mover_item(s: Session, item_id: int, cuadrante: str, posicion: int) -> Disposicion:
    """Lleva el elemento al cuadrante y a la posición dada (0 = primero; más allá del final = último).

    Devuelve la disposición anterior de todo lo que tocó (los cuadrantes de origen y de destino), para deshacer
    con `aplicar_disposicion`.
    """
    item = obtener(s, ItemDafo, item_id, _("el elemento del DAFO"))
    v = Validador()
    _validar_cuadrante(v, item.analisis, cuadrante)
    if isinstance(posicion, bool) or not isinstance(posicion, int) or posicion < 0:
        v.error("posicion", _("La posición dentro del cuadrante no es válida."))
    v.verificar()
    origen = _del_cuadrante(s, item.territorio_id, item.analisis, item.cuadrante)
    destino = origen if cuadrante == item.cuadrante else _del_cuadrante(s, item.territorio_id, item.analisis,
                                                                          cuadrante)
    anterior = _disposicion(origen) + (() if destino is origen else _disposicion(destino))
    origen.remove(item)
    destino.insert(min(posicion, len(destino)), item)
    item.cuadrante = cuadrante
    _numerar(origen)
    if destino is not origen:
        _numerar(destino)
    if _disposicion(origen) + (() if destino is origen else _disposicion(destino)) != anterior:
        donde = nombre_cuadrante(item.analisis, cuadrante)
        auditar(s, item.municipio_id, "item_dafo", item.id, "mover",
                f"{_resumen(item)} → {donde} n.º {formato.entero(item.orden)}")
    s.flush()
    return anterior


def aplicar_disposicion(s: Session, disposicion: Disposicion) -> Disposicion:
    """Pone cada elemento en el cuadrante y el orden indicados; devuelve cómo estaban (para rehacer)."""
    items = {i.id: i for i in s.scalars(select(ItemDafo).where(ItemDafo.id.in_([d[0] for d in disposicion])))}
    if len(items) != len({d[0] for d in disposicion}):
        raise ErrorDeUsuario(_("Algún elemento del DAFO ya no existe; actualice la vista."))
    anterior = tuple((ident, items[ident].cuadrante, items[ident].orden) for ident, _c, _o in disposicion)
    for ident, cuadrante, orden in disposicion:
        items[ident].cuadrante, items[ident].orden = cuadrante, orden
    if anterior != tuple(disposicion) and items:
        primero = next(iter(items.values()))
        auditar(s, primero.municipio_id, "item_dafo", None, "ordenar",
                _("{analisis}: se reordenaron {n} elementos").format(analisis=nombre_analisis(primero.analisis),
                                                                     n=formato.entero(len(items))))
    s.flush()
    return anterior
