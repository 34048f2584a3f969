"""Ficha territorial: lo que el Intendente necesita saber de un territorio en una hoja.

Reúne por los servicios de cada módulo la población y el tipo, la etapa de la hoja de ruta, las necesidades
priorizadas con sus brechas, los actores clave, los programas presentes y los últimos convenios. El impreso
(`nucleo.exportar.pdf.ficha`) decide cuánto de cada lista entra en la hoja.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.i18n import _, traducir
from nucleo.modelo import Convenio, ParteConvenio, Territorio
from nucleo.modelo.convenio import ESTADOS_CONVENIO, TIPOS_CONVENIO
from nucleo.modelo.territorio import ESTADOS, TIPOS, TIPOS_SPS
from nucleo.servicios.actores import FilaActor, listar_actores
from nucleo.servicios.comun import obtener
from nucleo.servicios.hoja_de_ruta import ResumenRuta, resumen_ruta
from nucleo.servicios.oportunidades import FilaOportunidad, listar_oportunidades


@dataclass(frozen=True)
class NecesidadFicha:
    prioridad: str  # «1», «2 (empate)», «—»
    descripcion: str
    dimension: str
    respuestas: tuple[str, ...]  # names of the confirmed opportunities
    brecha: bool


@dataclass(frozen=True)
class ConvenioFicha:
    tipo: str
    titulo: str
    partes: str
    estado: str
    fecha: str  # signature date, or «borrador»
    firmado: bool


@dataclass(frozen=True)
class FichaTerritorial:
    territorio_id: int
    nombre: str
    tipo: str
    tipo_sps: str
    estado: str
    poblacion: str
    hogares: str
    organizacion: str
    espacio: str
    ubicacion: str
    caracterizacion: str
    riesgos: str
    ruta: ResumenRuta
    necesidades: tuple[NecesidadFicha, ...]
    sin_priorizar: int  # needs recorded but not yet ranked by the community
    actores: tuple[FilaActor, ...]  # key actors first (influence + interest)
    programas: tuple[FilaOportunidad, ...]  # the territory's own first, then the district-wide ones
    convenios: tuple[ConvenioFicha, ...]  # latest first
    coordinador: str

    @property
    def brechas(self) -> tuple[NecesidadFicha, ...]:
        return tuple(n for n in self.necesidades if n.brecha)


def _necesidades(s: Session, municipio_id: int, territorio_id: int, hoy: date) -> tuple[tuple[NecesidadFicha, ...], int]:
    from nucleo.servicios.cruce import cruce

    matriz = cruce(s, municipio_id, territorio_id, hoy)
    nombres = {o.id: o.nombre for o in matriz.oportunidades + matriz.otras}
    priorizadas, sin_priorizar = [], 0
    for fila in matriz.filas:
        n = fila.necesidad
        if n.prioridad is None:
            sin_priorizar += 1
            continue
        priorizadas.append(NecesidadFicha(
            prioridad=n.prioridad_texto, descripcion=n.descripcion, dimension=n.dimension_texto,
            respuestas=tuple(nombres.get(i, "") for i in fila.confirmadas), brecha=fila.es_brecha))
    return tuple(priorizadas), sin_priorizar


def _convenios(s: Session, municipio_id: int, territorio_id: int) -> tuple[ConvenioFicha, ...]:
    convenios = s.scalars(
        select(Convenio).where(Convenio.municipio_id == municipio_id, Convenio.territorio_id == territorio_id)
        .order_by(Convenio.fecha_firma.desc().nulls_last(), Convenio.id.desc()))
    filas = []
    for c in convenios:
        partes = s.scalars(select(ParteConvenio.nombre_parte).where(ParteConvenio.convenio_id == c.id)
                           .order_by(ParteConvenio.orden, ParteConvenio.id))
        firmado = c.estado == "firmado"
        filas.append(ConvenioFicha(
            tipo=traducir(TIPOS_CONVENIO.get(c.tipo, c.tipo)), titulo=c.titulo, partes="; ".join(partes),
            estado=traducir(ESTADOS_CONVENIO.get(c.estado, c.estado)),
            fecha=formato.fecha(c.fecha_firma) if firmado and c.fecha_firma else _("sin firmar"), firmado=firmado))
    return tuple(filas)


def ficha_territorial(s: Session, municipio_id: int, territorio_id: int, hoy: date | None = None) -> FichaTerritorial:
    hoy = hoy or date.today()
    t = obtener(s, Territorio, territorio_id, _("el territorio"), municipio_id)
    municipio = t.municipio_id
    actores = sorted((a for a in listar_actores(s, municipio) if territorio_id in a.territorio_ids),
                     key=lambda a: (-(a.influencia + a.interes), -a.influencia, a.nombre.casefold()))
    programas = sorted(
        (o for o in listar_oportunidades(s, municipio, hoy)
         if o.vigente and (territorio_id in o.territorio_ids or o.cobertura_distrital)),
        key=lambda o: (territorio_id not in o.territorio_ids, o.nombre.casefold()))
    necesidades, sin_priorizar = _necesidades(s, municipio, territorio_id, hoy)
    espacio = ", ".join(x for x in (t.espacio_nombre, t.espacio_direccion) if x)
    if espacio and t.espacio_operador:
        espacio += _(" (opera: {operador})").format(operador=t.espacio_operador)
    ubicacion = ""
    if t.latitud is not None and t.longitud is not None:
        ubicacion = f"{formato.numero(t.latitud, 5)}; {formato.numero(t.longitud, 5)}"
    from nucleo.servicios.municipio import obtener_municipio

    return FichaTerritorial(
        territorio_id=t.id, nombre=t.nombre,
        tipo=traducir(TIPOS.get(t.tipo, t.tipo)),
        tipo_sps=traducir(TIPOS_SPS[t.tipo_sps]) if t.tipo_sps in TIPOS_SPS and t.tipo_sps else "",
        estado=traducir(ESTADOS.get(t.estado, t.estado)),
        poblacion=formato.entero(t.poblacion) if t.poblacion is not None else _("sin dato"),
        hogares=formato.entero(t.hogares) if t.hogares is not None else _("sin dato"),
        organizacion=t.organizacion.nombre if t.organizacion else _("sin organización representativa"),
        espacio=espacio or _("sin espacio de articulación definido"),
        ubicacion=ubicacion,
        caracterizacion=t.caracterizacion, riesgos=t.riesgos_diversos,
        ruta=resumen_ruta(s, territorio_id, hoy),
        necesidades=necesidades, sin_priorizar=sin_priorizar,
        actores=tuple(actores), programas=tuple(programas),
        convenios=_convenios(s, municipio, territorio_id),
        coordinador=obtener_municipio(s, municipio).coordinador_nombre,
    )
