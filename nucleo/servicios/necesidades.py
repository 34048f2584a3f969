"""Necesidades de un territorio planteadas con la comunidad (diagnóstico participativo, etapa 3) y su prioridad.

La prioridad es la de la comunidad: un orden que el coordinador arma arrastrando (1, 2, 3… sin repetir) o que sale
de los votos de un taller (ranking de competencia: 10, 7, 7 y 3 votos dan 1, 2, 2 y 4; los empates se muestran como
tales, no se desempatan a escondidas). `None` es «sin priorizar». Cada cambio devuelve lo necesario para deshacerlo.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo import CruceNecesidad, Necesidad, NodoProblema, Oportunidad, Territorio
from nucleo.modelo.diagnostico import DIMENSIONES, FUENTES_NECESIDAD
from nucleo.modelo.oportunidad import PILARES, POBLACIONES
from nucleo.modelo.plan import Resultado, resultado_necesidad
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas

# «Sin indicar» for the optional pillar and population: the key "" is a valid choice, shown with this label.
SIN_INDICAR = ""


@dataclass
class DatosNecesidad:
    territorio_id: int | None = None
    descripcion: str = ""
    dimension: str = "social"
    pilar: str = ""  # oportunidad.PILARES key or "" (not said)
    poblacion: str = ""  # oportunidad.POBLACIONES key or "" (not said)
    fuente: str = "taller"
    fecha: date | None = None  # when it was raised with the community
    prioridad: int | None = None  # 1 = highest; equal numbers = tie; None = not prioritised
    votos: int | None = None  # votes of a workshop; None = not voted
    notas: str = ""


CAMPOS = tuple(f.name for f in fields(DatosNecesidad))


@dataclass(frozen=True)
class FilaNecesidad:
    """Una necesidad con sus textos ya formateados (tabla, matriz, planilla e impresos los usan tal cual)."""

    id: int
    territorio_id: int
    territorio: str
    descripcion: str
    dimension: str
    dimension_texto: str
    pilar: str
    pilar_texto: str  # «» when not said
    poblacion: str
    poblacion_texto: str  # «» when not said
    fuente: str
    fuente_texto: str
    fecha: date | None
    fecha_texto: str
    prioridad: int | None
    prioridad_texto: str  # «1», «2 (empate)» or «—»
    empate: bool  # another need of the territory has the same priority
    votos: int | None
    votos_texto: str  # «14» or «—»
    notas: str
    confirmadas: int = 0  # opportunities the coordinator confirmed as an answer (cruce oferta–demanda)

    @property
    def priorizada(self) -> bool:
        return self.prioridad is not None

    @property
    def es_brecha(self) -> bool:
        """Prioritised and no opportunity confirmed to answer it (000, nota 3)."""
        return self.prioridad is not None and self.confirmadas == 0


def texto_prioridad(prioridad: int | None, empate: bool) -> str:
    if prioridad is None:
        return "—"
    if empate:
        return _("{n} (empate)").format(n=formato.entero(prioridad))
    return formato.entero(prioridad)


# -- validación -------------------------------------------------------------------------------------------
def _repetida(s: Session, territorio_id: int, descripcion: str, necesidad_id: int | None) -> bool:
    # SQLite's lower() only folds ASCII: narrow by length in SQL, compare casefolded in Python.
    q = select(Necesidad.descripcion).where(Necesidad.territorio_id == territorio_id,
                                            func.length(Necesidad.descripcion) == len(descripcion))
    if necesidad_id is not None:
        q = q.where(Necesidad.id != necesidad_id)
    clave = descripcion.casefold()
    return any(otra.casefold() == clave for otra in s.scalars(q))


def validar(s: Session, municipio_id: int, d: DatosNecesidad, hoy: date | None = None,
            necesidad_id: int | None = None) -> DatosNecesidad:
    """Los datos limpios o ErroresDeValidacion, cada error atado a su campo."""
    hoy = hoy or date.today()
    v = Validador()
    limpio = DatosNecesidad(
        territorio_id=d.territorio_id,
        descripcion=v.texto("descripcion", d.descripcion, _("la descripción de la necesidad"), obligatorio=True,
                            maximo=2000),
        dimension=v.opcion("dimension", d.dimension, DIMENSIONES, _("la dimensión")),
        pilar=v.opcion("pilar", d.pilar or SIN_INDICAR, {SIN_INDICAR: "—", **PILARES}, _("el pilar")),
        poblacion=v.opcion("poblacion", d.poblacion or SIN_INDICAR, {SIN_INDICAR: "—", **POBLACIONES},
                           _("la población")),
        fuente=v.opcion("fuente", d.fuente, FUENTES_NECESIDAD, _("la fuente")),
        fecha=d.fecha,
        prioridad=d.prioridad,
        votos=d.votos,
        notas=v.texto("notas", d.notas, _("las notas"), maximo=5000),
    )
    if limpio.territorio_id is None:
        v.error("territorio_id", _("Elija el territorio de la necesidad."))
    else:
        t = s.get(Territorio, limpio.territorio_id)
        if t is None or t.municipio_id != municipio_id:
            v.error("territorio_id", _("El territorio elegido ya no existe; elija otro de la lista."))
        elif limpio.descripcion and _repetida(s, t.id, limpio.descripcion, necesidad_id):
            v.error("descripcion", _("«{territorio}» ya tiene esta necesidad. Edite la existente o escriba otra "
                                     "descripción.").format(territorio=t.nombre))
    if limpio.fecha is not None and limpio.fecha > hoy:
        # The date the community raised the need: a day still to come cannot be it (a workshop is recorded after).
        v.error("fecha", _("La fecha en que se planteó la necesidad no puede ser posterior a hoy ({hoy}).").format(
            hoy=formato.fecha(hoy)))
    if limpio.votos is not None and (isinstance(limpio.votos, bool) or not isinstance(limpio.votos, int)
                                     or limpio.votos < 0):
        v.error("votos", _("Los votos no pueden ser negativos; escriba 0 o más, o deje el campo vacío si no se "
                           "votó."))
    if limpio.prioridad is not None and (isinstance(limpio.prioridad, bool) or not isinstance(limpio.prioridad, int)
                                         or limpio.prioridad < 1):
        v.error("prioridad", _("La prioridad es 1 (la más alta), 2, 3…; déjela vacía si la necesidad no está "
                               "priorizada."))
    v.verificar()
    return limpio


# -- alta, lectura, edición -------------------------------------------------------------------------------
def crear_necesidad(s: Session, municipio_id: int, datos: DatosNecesidad, hoy: date | None = None) -> int:
    d = validar(s, municipio_id, datos, hoy)
    n = Necesidad(municipio_id=municipio_id, **{c: getattr(d, c) for c in CAMPOS})
    s.add(n)
    s.flush()
    auditar(s, municipio_id, "necesidad", n.id, "crear", d.descripcion)
    return n.id


def _datos(n: Necesidad) -> DatosNecesidad:
    return DatosNecesidad(**{c: getattr(n, c) for c in CAMPOS})


def obtener_necesidad(s: Session, necesidad_id: int) -> DatosNecesidad:
    return _datos(obtener(s, Necesidad, necesidad_id, _("la necesidad")))


def actualizar_necesidad(s: Session, necesidad_id: int, datos: DatosNecesidad,
                         hoy: date | None = None) -> DatosNecesidad:
    """Guarda los cambios y devuelve los datos anteriores (la orden de deshacer los vuelve a aplicar)."""
    n = obtener(s, Necesidad, necesidad_id, _("la necesidad"))
    anterior = _datos(n)
    d = validar(s, n.municipio_id, datos, hoy, necesidad_id)
    for c in CAMPOS:
        setattr(n, c, getattr(d, c))
    s.flush()
    cambios = [c for c in CAMPOS if getattr(anterior, c) != getattr(d, c)]
    auditar(s, n.municipio_id, "necesidad", n.id, "actualizar",
            f"{d.descripcion}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


# -- baja que se puede deshacer ---------------------------------------------------------------------------
@dataclass(frozen=True)
class NecesidadEliminada:
    """Lo necesario para devolver la necesidad con el mismo número, sus cruces y los nodos que la nombraban."""

    columnas: dict[str, Any]
    cruces: tuple[dict[str, Any], ...] = ()  # decisions of the cruce oferta–demanda (deleted in cascade)
    nodos: tuple[int, ...] = ()  # problem-tree nodes linked to it (the link is set to NULL)
    prioridades: dict[int, int | None] | None = None  # the other needs' priorities before closing the gap
    resultados: tuple[dict[str, Any], ...] = ()  # results of a Plan de Acción that answered it (deleted in cascade)


def eliminar_necesidad(s: Session, necesidad_id: int) -> NecesidadEliminada:
    """Elimina la necesidad; las demás prioridades del territorio se corren para no dejar un hueco (1, 3 → 1, 2)."""
    n = obtener(s, Necesidad, necesidad_id, _("la necesidad"))
    municipio_id, territorio_id, descripcion = n.municipio_id, n.territorio_id, n.descripcion
    copia = NecesidadEliminada(
        columnas=copiar_filas(s, Necesidad, Necesidad.id == necesidad_id)[0],
        cruces=copiar_filas(s, CruceNecesidad, CruceNecesidad.necesidad_id == necesidad_id),
        nodos=tuple(s.scalars(select(NodoProblema.id).where(NodoProblema.necesidad_id == necesidad_id))),
        prioridades=_prioridades(s, territorio_id),
        resultados=copiar_filas(s, resultado_necesidad, resultado_necesidad.c.necesidad_id == necesidad_id),
    )
    s.execute(update(NodoProblema).where(NodoProblema.necesidad_id == necesidad_id).values(necesidad_id=None),
              execution_options={"synchronize_session": "fetch"})
    s.delete(n)
    s.flush()
    _cerrar_huecos(s, territorio_id)
    auditar(s, municipio_id, "necesidad", necesidad_id, "eliminar", descripcion)
    return copia


def restaurar_necesidad(s: Session, copia: NecesidadEliminada) -> int:
    columnas = dict(copia.columnas)
    if s.get(Territorio, columnas["territorio_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver la necesidad: su territorio ya no existe."))
    reponer_filas(s, Necesidad, [columnas])
    # An opportunity deleted meanwhile takes its crossings with it.
    vivas = set(s.scalars(select(Oportunidad.id).where(
        Oportunidad.id.in_({c["oportunidad_id"] for c in copia.cruces}))))
    reponer_filas(s, CruceNecesidad, [c for c in copia.cruces if c["oportunidad_id"] in vivas])
    if copia.nodos:
        s.execute(update(NodoProblema).where(NodoProblema.id.in_(copia.nodos)).values(necesidad_id=columnas["id"]),
                  execution_options={"synchronize_session": "fetch"})
    vivos = set(s.scalars(select(Resultado.id).where(
        Resultado.id.in_({r["resultado_id"] for r in copia.resultados}))))
    reponer_filas(s, resultado_necesidad, [r for r in copia.resultados if r["resultado_id"] in vivos])
    if copia.prioridades:
        _fijar_prioridades(s, copia.prioridades)
    s.flush()
    auditar(s, columnas["municipio_id"], "necesidad", columnas["id"], "restaurar", columnas["descripcion"])
    return columnas["id"]


# -- lista ------------------------------------------------------------------------------------------------
def _orden(prioridad: int | None, ident: int) -> tuple[int, int, int]:
    # Prioritised first, by rank; then the rest in the order they were recorded.
    return (1, 0, ident) if prioridad is None else (0, prioridad, ident)


def listar_necesidades(s: Session, municipio_id: int, territorio_id: int | None = None) -> list[FilaNecesidad]:
    """Las necesidades de un territorio (o de todos, con None) por prioridad; las no priorizadas al final."""
    q = (select(Necesidad, Territorio.nombre).join(Territorio, Territorio.id == Necesidad.territorio_id)
         .where(Necesidad.municipio_id == municipio_id))
    c = (select(CruceNecesidad.necesidad_id, func.count()).where(CruceNecesidad.municipio_id == municipio_id,
                                                                CruceNecesidad.decision == "confirmada")
         .group_by(CruceNecesidad.necesidad_id))
    if territorio_id is not None:
        q = q.where(Necesidad.territorio_id == territorio_id)
        c = c.where(CruceNecesidad.necesidad_id.in_(select(Necesidad.id)
                                                    .where(Necesidad.territorio_id == territorio_id)))
    confirmadas = dict(s.execute(c).all())
    filas = s.execute(q).all()
    # A tie is within a territory: two «1» of different territories are not a tie.
    repetidas = Counter((n.territorio_id, n.prioridad) for n, _t in filas if n.prioridad is not None)
    textos = {nombre: {k: traducir(v) for k, v in dic.items()}
              for nombre, dic in (("dimension", DIMENSIONES), ("pilar", PILARES), ("poblacion", POBLACIONES),
                                  ("fuente", FUENTES_NECESIDAD))}
    salida = []
    for n, territorio in filas:
        empate = n.prioridad is not None and repetidas[(n.territorio_id, n.prioridad)] > 1
        salida.append(FilaNecesidad(
            id=n.id, territorio_id=n.territorio_id, territorio=territorio, descripcion=n.descripcion,
            dimension=n.dimension, dimension_texto=textos["dimension"].get(n.dimension, n.dimension),
            pilar=n.pilar, pilar_texto=textos["pilar"].get(n.pilar, n.pilar),
            poblacion=n.poblacion, poblacion_texto=textos["poblacion"].get(n.poblacion, n.poblacion),
            fuente=n.fuente, fuente_texto=textos["fuente"].get(n.fuente, n.fuente),
            fecha=n.fecha, fecha_texto=formato.fecha(n.fecha) if n.fecha else "—",
            prioridad=n.prioridad, prioridad_texto=texto_prioridad(n.prioridad, empate), empate=empate,
            votos=n.votos, votos_texto=formato.entero(n.votos) if n.votos is not None else "—",
            notas=n.notas, confirmadas=confirmadas.get(n.id, 0),
        ))
    salida.sort(key=lambda f: (f.territorio.casefold(), *_orden(f.prioridad, f.id)) if territorio_id is None
                else _orden(f.prioridad, f.id))
    return salida


def contar_necesidades(s: Session, municipio_id: int, territorio_id: int | None = None) -> int:
    q = select(func.count()).select_from(Necesidad).where(Necesidad.municipio_id == municipio_id)
    if territorio_id is not None:
        q = q.where(Necesidad.territorio_id == territorio_id)
    return s.scalar(q) or 0


def resumen(filas: Sequence[FilaNecesidad]) -> str:
    """«8 necesidades · 7 priorizadas · 1 empate»."""
    n = len(filas)
    texto = n_("{n} necesidad", "{n} necesidades", n).format(n=formato.entero(n))
    priorizadas = sum(1 for f in filas if f.priorizada)
    if n:
        texto += " · " + n_("{n} priorizada", "{n} priorizadas", priorizadas).format(n=formato.entero(priorizadas))
    empates = len({f.prioridad for f in filas if f.empate})
    if empates:
        texto += " · " + n_("{n} empate", "{n} empates", empates).format(n=formato.entero(empates))
    return texto


# -- prioridad --------------------------------------------------------------------------------------------
def _prioridades(s: Session, territorio_id: int) -> dict[int, int | None]:
    return dict(s.execute(select(Necesidad.id, Necesidad.prioridad).where(Necesidad.territorio_id == territorio_id)
                          .order_by(Necesidad.id)).all())


def _fijar_prioridades(s: Session, prioridades: Mapping[int, int | None]) -> None:
    existentes = set(s.scalars(select(Necesidad.id).where(Necesidad.id.in_(list(prioridades)))))
    for ident, prioridad in prioridades.items():
        if ident in existentes:
            s.execute(update(Necesidad).where(Necesidad.id == ident).values(prioridad=prioridad),
                      execution_options={"synchronize_session": "fetch"})


def ranking_de_competencia(valores: Mapping[int, int]) -> dict[int, int]:
    """id -> puesto, de mayor a menor valor; los iguales comparten puesto y el siguiente salta (10, 7, 7, 3 → 1, 2,
    2, 4), como se cuentan los votos de un taller."""
    puestos: dict[int, int] = {}
    for ident, valor in valores.items():
        puestos[ident] = 1 + sum(1 for otro in valores.values() if otro > valor)
    return puestos


def _cerrar_huecos(s: Session, territorio_id: int) -> None:
    """Vuelve a numerar las prioridades del territorio sin huecos, conservando orden y empates (1, 3, 3 → 1, 2, 2;
    con el ranking de competencia, 1, 2, 2, 5 → 1, 2, 2, 4)."""
    actuales = {i: p for i, p in _prioridades(s, territorio_id).items() if p is not None}
    nuevas = ranking_de_competencia({i: -p for i, p in actuales.items()})
    cambios = {i: p for i, p in nuevas.items() if actuales[i] != p}
    if cambios:
        _fijar_prioridades(s, cambios)


def _territorio_de(s: Session, municipio_id: int, territorio_id: int) -> Territorio:
    t = obtener(s, Territorio, territorio_id, _("el territorio"))
    if t.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("El territorio elegido ya no existe; actualice la vista."))
    return t


def ordenar_prioridades(s: Session, municipio_id: int, territorio_id: int,
                        ids_en_orden: Iterable[int]) -> dict[int, int | None]:
    """El orden que arma el coordinador (arrastrando): la primera es 1, la segunda 2…, sin empates; las necesidades
    del territorio que no están en la lista quedan sin priorizar. Devuelve las prioridades anteriores de todas."""
    t = _territorio_de(s, municipio_id, territorio_id)
    orden = list(dict.fromkeys(ids_en_orden))
    anteriores = _prioridades(s, territorio_id)
    ajenas = [i for i in orden if i not in anteriores]
    if ajenas:
        raise ErrorDeUsuario(_("Alguna de las necesidades ya no está en «{territorio}»; actualice la vista y vuelva "
                               "a ordenarlas.").format(territorio=t.nombre))
    nuevas: dict[int, int | None] = dict.fromkeys(anteriores)
    nuevas.update({ident: n for n, ident in enumerate(orden, start=1)})
    _fijar_prioridades(s, {i: p for i, p in nuevas.items() if anteriores[i] != p})
    auditar(s, municipio_id, "necesidad", None, "priorizar",
            _("{territorio}: orden de prioridad fijado a mano ({n})").format(territorio=t.nombre,
                                                                             n=formato.entero(len(orden))))
    return anteriores


def priorizar_por_votos(s: Session, municipio_id: int, territorio_id: int) -> dict[int, int | None]:
    """Prioridad según los votos: más votos, más prioridad; igual cantidad de votos, el mismo puesto (empate a la
    vista). Las que no tienen votos quedan sin priorizar. Devuelve las prioridades anteriores de todas."""
    t = _territorio_de(s, municipio_id, territorio_id)
    anteriores = _prioridades(s, territorio_id)
    votos = dict(s.execute(select(Necesidad.id, Necesidad.votos).where(Necesidad.territorio_id == territorio_id,
                                                                       Necesidad.votos.is_not(None))).all())
    if not votos:
        raise ErrorDeUsuario(_("Ninguna necesidad de «{territorio}» tiene votos. Cargue los votos del taller en "
                               "cada necesidad (Editar) y vuelva a priorizar.").format(territorio=t.nombre))
    nuevas: dict[int, int | None] = dict.fromkeys(anteriores)
    nuevas.update(ranking_de_competencia(votos))
    _fijar_prioridades(s, {i: p for i, p in nuevas.items() if anteriores[i] != p})
    auditar(s, municipio_id, "necesidad", None, "priorizar",
            _("{territorio}: prioridad según los votos ({n} necesidades votadas)").format(
                territorio=t.nombre, n=formato.entero(len(votos))))
    return anteriores


def restaurar_prioridades(s: Session, anteriores: Mapping[int, int | None]) -> dict[int, int | None]:
    """Vuelve a poner las prioridades guardadas (deshacer); devuelve las que había, para rehacer."""
    ids = list(anteriores)
    if not ids:
        return {}
    filas = s.execute(select(Necesidad.id, Necesidad.prioridad, Necesidad.municipio_id)
                      .where(Necesidad.id.in_(ids))).all()
    actuales = {i: p for i, p, _m in filas}
    _fijar_prioridades(s, {i: p for i, p in anteriores.items() if i in actuales and actuales[i] != p})
    if filas:
        auditar(s, filas[0][2], "necesidad", None, "priorizar", _("Prioridades restablecidas"))
    return actuales
