"""Árbol de problemas de un territorio (etapa 3, caja de herramientas de 000): un problema central, sus causas
debajo y sus efectos arriba, a cualquier profundidad.

Reglas:
- un solo problema central por territorio (el único nodo sin padre);
- una causa cuelga del problema central o de otra causa; un efecto, del problema central o de otro efecto (así
  cada rama se lee en un solo sentido: causa → problema → efecto);
- nada cuelga de sí mismo ni de lo que cuelga de él (sin círculos);
- el texto es obligatorio; un nodo puede vincularse con una Necesidad del mismo territorio.

Cada cambio devuelve lo necesario para deshacerlo (el dato anterior, o la copia de lo eliminado para restaurarlo
con los mismos números) y queda en la auditoría.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo import Necesidad, NodoProblema, Territorio
from nucleo.modelo.diagnostico import TIPOS_NODO
from nucleo.servicios.comun import Validador, auditar, obtener

ENTIDAD = "nodo_problema"
MAXIMO_TEXTO = 300

# Qué tipo de nodo puede colgar de cuál.
PADRES_VALIDOS: dict[str, tuple[str, ...]] = {"causa": ("problema", "causa"), "efecto": ("problema", "efecto")}


@dataclass(frozen=True)
class NodoArbol:
    id: int
    padre_id: int | None
    tipo: str  # «problema», «causa» o «efecto»
    texto: str
    necesidad_id: int | None
    necesidad_texto: str  # the linked need's description, or ""
    orden: int
    x: float | None  # manual position (scene coordinates) or None = automatic layout
    y: float | None
    necesidad_prioridad: int | None = None


@dataclass(frozen=True)
class DatosNodo:
    """Lo que se edita de un nodo (y lo que `editar_nodo` devuelve como dato anterior)."""

    texto: str
    necesidad_id: int | None = None


@dataclass(frozen=True)
class Enganche:
    """De dónde cuelga un nodo y dónde está: lo que cambia al reconectarlo (para volverlo a su lugar)."""

    nodo_id: int
    padre_id: int | None
    orden: int
    x: float | None
    y: float | None


@dataclass(frozen=True)
class NodosEliminados:
    """Las filas de un subárbol eliminado, cada padre antes que sus hijos, para restaurarlas con sus números."""

    filas: tuple[dict[str, Any], ...]

    @property
    def raiz_id(self) -> int:
        return self.filas[0]["id"]


@dataclass(frozen=True)
class OpcionNecesidad:
    id: int
    descripcion: str
    prioridad: int | None


# -- lectura ----------------------------------------------------------------------------------------------
def leer_arbol(s: Session, territorio_id: int) -> list[NodoArbol]:
    """Los nodos del árbol del territorio, por orden entre hermanos (y por número si empatan)."""
    q = (select(NodoProblema.id, NodoProblema.padre_id, NodoProblema.tipo, NodoProblema.texto,
                NodoProblema.necesidad_id, Necesidad.descripcion, NodoProblema.orden, NodoProblema.x,
                NodoProblema.y, Necesidad.prioridad)
         .outerjoin(Necesidad, Necesidad.id == NodoProblema.necesidad_id)
         .where(NodoProblema.territorio_id == territorio_id)
         .order_by(NodoProblema.orden, NodoProblema.id))
    return [NodoArbol(i, p, t, tx, n, nd or "", o, x, y, pr) for i, p, t, tx, n, nd, o, x, y, pr in s.execute(q)]


def problema_central(nodos: Iterable[NodoArbol]) -> NodoArbol | None:
    return next((n for n in nodos if n.padre_id is None), None)


def subarbol(nodos: Iterable[NodoArbol], nodo_id: int) -> list[int]:
    """El nodo y todo lo que cuelga de él, cada padre antes que sus hijos."""
    hijos: dict[int | None, list[int]] = {}
    for n in nodos:
        hijos.setdefault(n.padre_id, []).append(n.id)
    salida, pendientes = [], [nodo_id]
    while pendientes:
        actual = pendientes.pop(0)
        if actual in salida:
            continue
        salida.append(actual)
        pendientes.extend(hijos.get(actual, []))
    return salida


def necesidades_para_vincular(s: Session, municipio_id: int, territorio_id: int) -> list[OpcionNecesidad]:
    """Las necesidades del territorio que se pueden vincular a un nodo: las priorizadas primero (1 arriba)."""
    q = (select(Necesidad.id, Necesidad.descripcion, Necesidad.prioridad)
         .where(Necesidad.municipio_id == municipio_id, Necesidad.territorio_id == territorio_id)
         .order_by(Necesidad.prioridad.is_(None), Necesidad.prioridad, Necesidad.id))
    return [OpcionNecesidad(i, d, p) for i, d, p in s.execute(q)]


# -- reglas -----------------------------------------------------------------------------------------------
def _nombre_tipo(tipo: str) -> str:
    return {"problema": _("el problema central"), "causa": _("la causa"), "efecto": _("el efecto")}.get(
        tipo, _("el nodo"))


def _corto(texto: str, largo: int = 60) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= largo else texto[:largo - 1].rstrip() + "…"


def motivo_tipo(tipo_hijo: str, tipo_padre: str, texto_padre: str) -> str | None:
    """Por qué un nodo de `tipo_hijo` no puede colgar de uno de `tipo_padre`, o None si puede."""
    if tipo_hijo not in PADRES_VALIDOS:
        return _("El problema central no cuelga de otro nodo: es la raíz del árbol.")
    if tipo_padre in PADRES_VALIDOS[tipo_hijo]:
        return None
    if tipo_hijo == "causa":
        return _("Una causa cuelga del problema central o de otra causa, y «{padre}» es un efecto. Elija el "
                 "problema central o una causa.").format(padre=_corto(texto_padre))
    return _("Un efecto cuelga del problema central o de otro efecto, y «{padre}» es una causa. Elija el "
             "problema central o un efecto.").format(padre=_corto(texto_padre))


def motivo_para_no_reconectar(nodos: Sequence[NodoArbol], nodo_id: int, padre_id: int) -> str | None:
    """Por qué `nodo_id` no puede pasar a colgar de `padre_id` (o None si puede). La usa también el editor para
    marcar, mientras se arrastra, dónde se puede soltar y qué padres ofrecer."""
    por_id = {n.id: n for n in nodos}
    nodo, padre = por_id.get(nodo_id), por_id.get(padre_id)
    if nodo is None or padre is None:
        return _("Uno de los nodos ya no existe; actualice la vista.")
    if nodo.padre_id is None:
        return _("El problema central no cuelga de otro nodo: es la raíz del árbol.")
    if padre_id == nodo_id:
        return _("Un nodo no puede colgar de sí mismo.")
    if padre_id in subarbol(nodos, nodo_id):
        return _("«{padre}» cuelga de «{nodo}»: no puede ser a la vez su padre (se formaría un círculo). Elija un "
                 "nodo que no dependa de él.").format(padre=_corto(padre.texto), nodo=_corto(nodo.texto))
    return motivo_tipo(nodo.tipo, padre.tipo, padre.texto)


def _validar(s: Session, tipo: str, datos: DatosNodo, territorio_id: int, municipio_id: int) -> DatosNodo:
    v = Validador()
    texto = v.texto("texto", datos.texto, _nombre_tipo(tipo), obligatorio=True, maximo=MAXIMO_TEXTO)
    if datos.necesidad_id is not None:
        n = s.get(Necesidad, datos.necesidad_id)
        if n is None or n.territorio_id != territorio_id or n.municipio_id != municipio_id:
            v.error("necesidad_id", _("La necesidad elegida ya no existe o es de otro territorio; elija otra de la "
                                      "lista o «— Ninguna —»."))
    v.verificar()
    return DatosNodo(texto, datos.necesidad_id)


def _siguiente_orden(s: Session, padre_id: int, tipo: str) -> int:
    ultimo = s.scalar(select(func.max(NodoProblema.orden)).where(NodoProblema.padre_id == padre_id,
                                                                 NodoProblema.tipo == tipo))
    return 0 if ultimo is None else ultimo + 1


def _resumen(nodo: NodoProblema) -> str:
    return f"{traducir(TIPOS_NODO.get(nodo.tipo, nodo.tipo))}: {nodo.texto}"


def _nodo(s: Session, nodo_id: int) -> NodoProblema:
    return obtener(s, NodoProblema, nodo_id, _("el nodo del árbol"))


# -- altas ------------------------------------------------------------------------------------------------
def crear_problema_central(s: Session, municipio_id: int, territorio_id: int, texto: str,
                           necesidad_id: int | None = None) -> int:
    t = s.get(Territorio, territorio_id)
    if t is None or t.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("No se encontró el territorio (n.º {ident}). Actualice la vista.").format(
            ident=territorio_id))
    existente = s.scalar(select(NodoProblema).where(NodoProblema.territorio_id == territorio_id,
                                                    NodoProblema.padre_id.is_(None)))
    if existente is not None:
        raise ErrorDeUsuario(_("«{territorio}» ya tiene un problema central: «{problema}». Un árbol tiene uno "
                               "solo: edite ese texto o agregue causas y efectos.").format(
            territorio=t.nombre, problema=_corto(existente.texto)), campo="texto")
    d = _validar(s, "problema", DatosNodo(texto, necesidad_id), territorio_id, municipio_id)
    nodo = NodoProblema(municipio_id=municipio_id, territorio_id=territorio_id, padre_id=None, tipo="problema",
                        texto=d.texto, necesidad_id=d.necesidad_id, orden=0)
    s.add(nodo)
    s.flush()
    auditar(s, municipio_id, ENTIDAD, nodo.id, "crear", _resumen(nodo))
    return nodo.id


def agregar_nodo(s: Session, padre_id: int, tipo: str, texto: str, necesidad_id: int | None = None) -> int:
    """Agrega una causa o un efecto colgando de `padre_id`, al final de sus hermanos del mismo tipo."""
    padre = _nodo(s, padre_id)
    if tipo not in PADRES_VALIDOS:
        raise ErrorDeUsuario(_("Solo se agregan causas o efectos; el problema central se crea una sola vez."),
                             campo="tipo")
    motivo = motivo_tipo(tipo, padre.tipo, padre.texto)
    if motivo:
        raise ErrorDeUsuario(motivo, campo="padre_id")
    d = _validar(s, tipo, DatosNodo(texto, necesidad_id), padre.territorio_id, padre.municipio_id)
    nodo = NodoProblema(municipio_id=padre.municipio_id, territorio_id=padre.territorio_id, padre_id=padre.id,
                        tipo=tipo, texto=d.texto, necesidad_id=d.necesidad_id,
                        orden=_siguiente_orden(s, padre.id, tipo))
    s.add(nodo)
    s.flush()
    auditar(s, nodo.municipio_id, ENTIDAD, nodo.id, "crear", _resumen(nodo))
    return nodo.id


# -- cambios ----------------------------------------------------------------------------------------------
def obtener_nodo(s: Session, nodo_id: int) -> DatosNodo:
    n = _nodo(s, nodo_id)
    return DatosNodo(n.texto, n.necesidad_id)


def editar_nodo(s: Session, nodo_id: int, datos: DatosNodo) -> DatosNodo:
    """Cambia el texto y la necesidad vinculada; devuelve los datos anteriores (deshacer los vuelve a aplicar)."""
    n = _nodo(s, nodo_id)
    anterior = DatosNodo(n.texto, n.necesidad_id)
    d = _validar(s, n.tipo, datos, n.territorio_id, n.municipio_id)
    n.texto, n.necesidad_id = d.texto, d.necesidad_id
    s.flush()
    auditar(s, n.municipio_id, ENTIDAD, n.id, "actualizar", _resumen(n))
    return anterior


def fijar_posiciones(s: Session, posiciones: Mapping[int, tuple[float | None, float | None]]
                     ) -> dict[int, tuple[float | None, float | None]]:
    """Guarda posiciones a mano ((None, None) = volver a la automática); devuelve las anteriores."""
    anteriores: dict[int, tuple[float | None, float | None]] = {}
    municipio_id = None
    for nodo_id, (x, y) in posiciones.items():
        n = _nodo(s, nodo_id)
        if (x is None) != (y is None):
            raise ErrorDeUsuario(_("Una posición necesita las dos coordenadas, o ninguna para volver a la "
                                   "automática."))
        anteriores[nodo_id] = (n.x, n.y)
        n.x, n.y = (float(x), float(y)) if x is not None and y is not None else (None, None)
        municipio_id = n.municipio_id
    s.flush()
    if municipio_id is not None:
        if len(posiciones) == 1:
            nodo_id = next(iter(posiciones))
            auditar(s, municipio_id, ENTIDAD, nodo_id, "mover", _resumen(s.get(NodoProblema, nodo_id)))
        else:
            auditar(s, municipio_id, ENTIDAD, None, "mover", _("{n} nodos del árbol").format(n=len(posiciones)))
    return anteriores


def mover_nodo(s: Session, nodo_id: int, x: float | None, y: float | None) -> tuple[float | None, float | None]:
    """Fija la posición a mano de un nodo (None, None = la automática); devuelve la anterior."""
    return fijar_posiciones(s, {nodo_id: (x, y)})[nodo_id]


def restablecer_posiciones(s: Session, territorio_id: int) -> dict[int, tuple[float | None, float | None]]:
    """«Ordenar»: todos los nodos del territorio vuelven a la disposición automática. Devuelve las posiciones
    a mano que había (para deshacer con `fijar_posiciones`); vacío si no había ninguna."""
    movidos = s.scalars(select(NodoProblema.id).where(NodoProblema.territorio_id == territorio_id,
                                                      NodoProblema.x.is_not(None))).all()
    if not movidos:
        return {}
    return fijar_posiciones(s, dict.fromkeys(movidos, (None, None)))


def reconectar(s: Session, nodo_id: int, padre_id: int) -> Enganche:
    """Hace colgar el nodo (con lo que cuelga de él) de otro padre, al final de sus nuevos hermanos y en la
    posición automática. Devuelve el enganche anterior (para `reenganchar` al deshacer)."""
    n = _nodo(s, nodo_id)
    motivo = motivo_para_no_reconectar(leer_arbol(s, n.territorio_id), nodo_id, padre_id)
    if motivo:
        raise ErrorDeUsuario(motivo, campo="padre_id")
    anterior = Enganche(n.id, n.padre_id, n.orden, n.x, n.y)
    if n.padre_id == padre_id:
        return anterior
    n.padre_id, n.orden, n.x, n.y = padre_id, _siguiente_orden(s, padre_id, n.tipo), None, None
    s.flush()
    auditar(s, n.municipio_id, ENTIDAD, n.id, "reconectar", _resumen(n))
    return anterior


def reenganchar(s: Session, enganche: Enganche) -> Enganche:
    """Devuelve un nodo a un enganche guardado (padre, orden y posición); devuelve el que tenía."""
    n = _nodo(s, enganche.nodo_id)
    actual = Enganche(n.id, n.padre_id, n.orden, n.x, n.y)
    if enganche.padre_id != n.padre_id:
        if enganche.padre_id is None:
            raise ErrorDeUsuario(_("El problema central no cuelga de otro nodo: es la raíz del árbol."))
        motivo = motivo_para_no_reconectar(leer_arbol(s, n.territorio_id), n.id, enganche.padre_id)
        if motivo:
            raise ErrorDeUsuario(motivo, campo="padre_id")
    n.padre_id, n.orden, n.x, n.y = enganche.padre_id, enganche.orden, enganche.x, enganche.y
    s.flush()
    auditar(s, n.municipio_id, ENTIDAD, n.id, "reconectar", _resumen(n))
    return actual


def reordenar(s: Session, ids: Sequence[int]) -> tuple[int, ...]:
    """Pone en este orden (de izquierda a derecha) a todos los hermanos del mismo tipo; devuelve el orden
    anterior (para deshacer con otra llamada)."""
    ids = tuple(dict.fromkeys(ids))
    if not ids:
        return ()
    nodos = [_nodo(s, i) for i in ids]
    primero = nodos[0]
    if primero.padre_id is None or any(n.padre_id != primero.padre_id or n.tipo != primero.tipo for n in nodos):
        raise ErrorDeUsuario(_("Solo se ordenan entre sí las causas (o los efectos) que cuelgan del mismo nodo."))
    hermanos = s.scalars(select(NodoProblema).where(NodoProblema.padre_id == primero.padre_id,
                                                    NodoProblema.tipo == primero.tipo)
                         .order_by(NodoProblema.orden, NodoProblema.id)).all()
    if {h.id for h in hermanos} != set(ids):
        raise ErrorDeUsuario(_("El árbol cambió mientras tanto; actualice la vista y vuelva a ordenar."))
    anterior = tuple(h.id for h in hermanos)
    for orden, n in enumerate(nodos):
        n.orden = orden
    s.flush()
    auditar(s, primero.municipio_id, ENTIDAD, primero.padre_id, "reordenar",
            _("Hermanos de «{texto}»").format(texto=_corto(s.get(NodoProblema, primero.padre_id).texto)))
    return anterior


# -- bajas ------------------------------------------------------------------------------------------------
def _columnas(obj: Any) -> dict[str, Any]:
    return {a.key: getattr(obj, a.key) for a in inspect(obj).mapper.column_attrs}


def eliminar_nodo(s: Session, nodo_id: int) -> NodosEliminados:
    """Elimina el nodo con todo lo que cuelga de él; devuelve la copia para restaurarlo igual."""
    n = _nodo(s, nodo_id)
    ids = subarbol(leer_arbol(s, n.territorio_id), nodo_id)
    por_id = {m.id: m for m in s.scalars(select(NodoProblema).where(NodoProblema.id.in_(ids)))}
    copia = NodosEliminados(tuple(_columnas(por_id[i]) for i in ids))
    municipio_id, resumen = n.municipio_id, _resumen(n)
    for i in reversed(ids):  # children first: no reliance on the database cascade
        s.delete(por_id[i])
        s.flush()
    extra = len(ids) - 1
    auditar(s, municipio_id, ENTIDAD, nodo_id, "eliminar",
            resumen + (_(" (y {n} que cuelgan de él)").format(n=extra) if extra else ""))
    return copia


def restaurar_nodos(s: Session, copia: NodosEliminados) -> int:
    """Vuelve a poner un subárbol eliminado, con sus mismos números; devuelve el número de su raíz."""
    raiz = copia.filas[0]
    if raiz["padre_id"] is not None and s.get(NodoProblema, raiz["padre_id"]) is None:
        raise ErrorDeUsuario(_("No se puede restaurar «{texto}»: el nodo del que colgaba ya no existe.").format(
            texto=_corto(raiz["texto"])))
    if raiz["padre_id"] is None and s.scalar(select(NodoProblema.id).where(
            NodoProblema.territorio_id == raiz["territorio_id"], NodoProblema.padre_id.is_(None))) is not None:
        raise ErrorDeUsuario(_("No se puede restaurar el problema central: el territorio ya tiene otro."))
    necesidades = {f["necesidad_id"] for f in copia.filas if f["necesidad_id"] is not None}
    existentes = set(s.scalars(select(Necesidad.id).where(Necesidad.id.in_(necesidades)))) if necesidades else set()
    for fila in copia.filas:
        datos = dict(fila)
        if datos["necesidad_id"] not in existentes:
            datos["necesidad_id"] = None  # the need was deleted meanwhile: the node comes back unlinked
        s.add(NodoProblema(**datos))
        s.flush()
    n = s.get(NodoProblema, copia.raiz_id)
    auditar(s, n.municipio_id, ENTIDAD, n.id, "restaurar", _resumen(n))
    return n.id

