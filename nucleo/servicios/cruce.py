"""Cruce oferta–demanda de un territorio: sus necesidades frente al Mapa de Oportunidades (000, nota 3).

Una oportunidad se *sugiere* para una necesidad cuando coinciden el pilar (si la necesidad lo indica) y la
categoría de población (si la indica; «Hogares» y «Entorno» también son categorías), cubre el territorio (todo el
distrito o el territorio entre los suyos) y está vigente (su vigencia no terminó). Las sugerencias se calculan y no
se guardan: solo se guarda lo que decide el coordinador (confirmada o descartada). Una necesidad priorizada sin
ninguna oportunidad confirmada es una **brecha**: lo que el Plan de Acción tendrá que resolver de otra manera.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo import CruceNecesidad, Necesidad, Oportunidad, Territorio
from nucleo.modelo.diagnostico import DECISIONES_CRUCE
from nucleo.servicios.comun import auditar, obtener
from nucleo.servicios.necesidades import FilaNecesidad, listar_necesidades
from nucleo.servicios.oportunidades import FilaOportunidad, listar_oportunidades

CONFIRMADA, DESCARTADA, SUGERIDA = "confirmada", "descartada", "sugerida"


@dataclass(frozen=True)
class OportunidadCruce:
    """Una columna de la matriz: la oportunidad con lo que explica por qué está ahí."""

    id: int
    nombre: str
    proveedor: str
    pilar: str
    pilar_texto: str
    poblaciones_texto: str
    cobertura_texto: str
    vigencia_texto: str
    vigente: bool  # its validity has not ended
    cubre: bool  # it reaches the territory (whole district or the territory among its own)


@dataclass(frozen=True)
class FilaCruce:
    """Una fila de la matriz: una necesidad y las oportunidades que pueden responderle."""

    necesidad: FilaNecesidad
    sugeridas: tuple[int, ...] = ()  # suggested by the rule and not yet decided
    confirmadas: tuple[int, ...] = ()
    descartadas: tuple[int, ...] = ()

    @property
    def es_brecha(self) -> bool:
        return self.necesidad.prioridad is not None and not self.confirmadas

    def estado(self, oportunidad_id: int) -> str:
        """CONFIRMADA, DESCARTADA, SUGERIDA o «» (nada que decir)."""
        if oportunidad_id in self.confirmadas:
            return CONFIRMADA
        if oportunidad_id in self.descartadas:
            return DESCARTADA
        if oportunidad_id in self.sugeridas:
            return SUGERIDA
        return ""


@dataclass(frozen=True)
class Cruce:
    territorio_id: int
    territorio: str
    filas: tuple[FilaCruce, ...]  # in priority order (the non prioritised last)
    oportunidades: tuple[OportunidadCruce, ...]  # the relevant ones: suggested or decided for some need
    otras: tuple[OportunidadCruce, ...] = field(default=())  # the rest of the Mapa, to confirm one by hand

    @property
    def brechas(self) -> tuple[FilaNecesidad, ...]:
        return tuple(f.necesidad for f in self.filas if f.es_brecha)

    @property
    def priorizadas(self) -> int:
        return sum(1 for f in self.filas if f.necesidad.prioridad is not None)

    @property
    def sin_respuesta(self) -> int:
        return sum(1 for f in self.filas if f.es_brecha)

    def textos_resumen(self) -> tuple[str, str]:
        """(«7 necesidades priorizadas», «2 sin respuesta»): la pantalla pinta de rojo la segunda parte."""
        return (n_("{n} necesidad priorizada", "{n} necesidades priorizadas", self.priorizadas).format(
                    n=formato.entero(self.priorizadas)),
                n_("{n} sin respuesta", "{n} sin respuesta", self.sin_respuesta).format(
                    n=formato.entero(self.sin_respuesta)))

    def resumen(self) -> str:
        """«7 necesidades priorizadas, 2 sin respuesta»."""
        priorizadas, sin_respuesta = self.textos_resumen()
        return _("{priorizadas}, {sin_respuesta}").format(priorizadas=priorizadas, sin_respuesta=sin_respuesta)

    def fila(self, necesidad_id: int) -> FilaCruce | None:
        return next((f for f in self.filas if f.necesidad.id == necesidad_id), None)


def vigente(o: FilaOportunidad, hoy: date) -> bool:
    return o.vigencia_hasta is None or o.vigencia_hasta >= hoy


def cubre(o: FilaOportunidad, territorio_id: int) -> bool:
    return o.cobertura_distrital or territorio_id in o.territorio_ids


def sugiere(o: FilaOportunidad, n: FilaNecesidad, hoy: date) -> bool:
    """La regla de la sugerencia (ver el docstring del módulo)."""
    if n.pilar and o.pilar != n.pilar:
        return False
    if n.poblacion and n.poblacion not in o.poblaciones:
        return False
    return cubre(o, n.territorio_id) and vigente(o, hoy)


def _columna(o: FilaOportunidad, territorio_id: int, hoy: date) -> OportunidadCruce:
    return OportunidadCruce(o.id, o.nombre, o.proveedor, o.pilar, o.pilar_texto, o.poblaciones_texto,
                            o.cobertura_texto, o.vigencia_texto, vigente(o, hoy), cubre(o, territorio_id))


def cruce(s: Session, municipio_id: int, territorio_id: int, hoy: date | None = None) -> Cruce:
    """La matriz del territorio: filas por prioridad, columnas con las oportunidades que vienen al caso."""
    hoy = hoy or date.today()
    t = obtener(s, Territorio, territorio_id, _("el territorio"))
    if t.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("El territorio elegido ya no existe; actualice la vista."))
    necesidades = listar_necesidades(s, municipio_id, territorio_id)
    oportunidades = listar_oportunidades(s, municipio_id, hoy)
    decisiones: dict[int, dict[int, str]] = {}
    for nid, oid, decision in s.execute(
            select(CruceNecesidad.necesidad_id, CruceNecesidad.oportunidad_id, CruceNecesidad.decision)
            .join(Necesidad, Necesidad.id == CruceNecesidad.necesidad_id)
            .where(Necesidad.territorio_id == territorio_id)):
        decisiones.setdefault(nid, {})[oid] = decision
    filas = []
    for n in necesidades:
        propias = decisiones.get(n.id, {})
        filas.append(FilaCruce(
            n,
            sugeridas=tuple(o.id for o in oportunidades if o.id not in propias and sugiere(o, n, hoy)),
            confirmadas=tuple(o.id for o in oportunidades if propias.get(o.id) == CONFIRMADA),
            descartadas=tuple(o.id for o in oportunidades if propias.get(o.id) == DESCARTADA),
        ))
    # Columns in the order of the rows they relate to: the highest need's first, so the matrix reads from the
    # top left. Confirming or discarding keeps a column where it was (the cursor stays on the cell).
    def clave(o: FilaOportunidad) -> tuple:
        fila = next((i for i, f in enumerate(filas) if f.estado(o.id)), len(filas))
        return (fila, o.nombre.casefold(), o.id)

    relevantes = {oid for f in filas for oid in (*f.sugeridas, *f.confirmadas, *f.descartadas)}
    columnas = sorted((o for o in oportunidades if o.id in relevantes), key=clave)
    otras = sorted((o for o in oportunidades if o.id not in relevantes), key=lambda o: (o.nombre.casefold(), o.id))
    return Cruce(territorio_id, t.nombre, tuple(filas), tuple(_columna(o, territorio_id, hoy) for o in columnas),
                 tuple(_columna(o, territorio_id, hoy) for o in otras))


def brechas(s: Session, municipio_id: int, territorio_id: int, hoy: date | None = None) -> list[FilaNecesidad]:
    """Las necesidades priorizadas del territorio que ninguna oportunidad confirmada responde, por prioridad."""
    return [f for f in listar_necesidades(s, municipio_id, territorio_id) if f.es_brecha]


def decidir(s: Session, municipio_id: int, necesidad_id: int, oportunidad_id: int,
            decision: str | None) -> str | None:
    """Confirma o descarta la oportunidad como respuesta a la necesidad (None quita la decisión y vuelve a la
    sugerencia, si la hay). Devuelve la decisión anterior (o None): deshacer la vuelve a aplicar."""
    if decision is not None and decision not in DECISIONES_CRUCE:
        raise ErrorDeUsuario(_("Elija «{confirmada}» o «{descartada}».").format(
            confirmada=traducir(DECISIONES_CRUCE[CONFIRMADA]), descartada=traducir(DECISIONES_CRUCE[DESCARTADA])),
            campo="decision")
    n = obtener(s, Necesidad, necesidad_id, _("la necesidad"))
    o = obtener(s, Oportunidad, oportunidad_id, _("la oportunidad"))
    if n.municipio_id != municipio_id or o.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("La necesidad o la oportunidad ya no existen en este expediente; actualice la vista."))
    fila = s.get(CruceNecesidad, (necesidad_id, oportunidad_id))
    anterior = fila.decision if fila is not None else None
    if decision == anterior:
        return anterior
    if decision is None:
        s.delete(fila)
    elif fila is None:
        s.add(CruceNecesidad(municipio_id=municipio_id, necesidad_id=necesidad_id, oportunidad_id=oportunidad_id,
                             decision=decision))
    else:
        fila.decision = decision
    s.flush()
    que = traducir(DECISIONES_CRUCE[decision]) if decision else _("sin decidir")
    auditar(s, municipio_id, "cruce", necesidad_id, "decidir", f"{n.descripcion} ← {o.nombre}: {que}")
    return anterior


def siguiente_decision(estado: str) -> str | None:
    """Lo que hace un clic (o la barra espaciadora) sobre una celda: sugerida o vacía → confirmada → descartada →
    sin decidir."""
    return {CONFIRMADA: DESCARTADA, DESCARTADA: None}.get(estado, CONFIRMADA)


def textos_columna(o: OportunidadCruce) -> Sequence[str]:
    """Las líneas de la ayuda de una columna: quién la ofrece, pilar, población, cobertura y vigencia."""
    lineas = [o.nombre]
    if o.proveedor:
        lineas.append(_("Ofrece: {proveedor}").format(proveedor=o.proveedor))
    lineas.append(_("Pilar: {pilar}").format(pilar=o.pilar_texto))
    if o.poblaciones_texto:
        lineas.append(_("Población: {poblacion}").format(poblacion=o.poblaciones_texto))
    lineas.append(_("Cobertura: {cobertura}").format(cobertura=o.cobertura_texto))
    lineas.append(_("Vigencia: {vigencia}").format(vigencia=o.vigencia_texto))
    if not o.vigente:
        lineas.append(_("Vencida: ya no se sugiere."))
    elif not o.cubre:
        lineas.append(_("No cubre este territorio: no se sugiere."))
    return lineas
