"""El municipio del expediente: alta desde el asistente y edición de autoridades."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nucleo import referencia
from nucleo.i18n import N_, _, traducir
from nucleo.modelo import (
    Acta,
    Actividad,
    Actor,
    Acuerdo,
    Auditoria,
    Convenio,
    DiaEspecial,
    Documento,
    Etapa,
    Indicador,
    ItemDafo,
    Mesa,
    Municipio,
    Necesidad,
    NodoProblema,
    Oportunidad,
    PlanAccion,
    Resultado,
    Riesgo,
    Sesion,
    Territorio,
)
from nucleo.modelo.sancion import PAPELES
from nucleo.servicios.comun import Validador, auditar, como_dict, obtener


@dataclass
class DatosMunicipio:
    clave_ine: str = ""
    intendente_nombre: str = ""
    intendente_resolucion: str = ""
    intendente_fecha: date | None = None
    coordinador_nombre: str = ""
    coordinador_resolucion: str = ""
    coordinador_fecha: date | None = None
    direccion: str = ""
    telefono: str = ""
    correo: str = ""
    papel: str = "A4"  # paper of every printout (PAPELES)


def _validar(d: DatosMunicipio, hoy: date) -> DatosMunicipio:
    v = Validador()
    try:
        referencia.distrito(d.clave_ine)
    except KeyError:
        v.error("clave_ine", _("Elija el departamento y el distrito de la lista oficial."))
    limpio = DatosMunicipio(
        clave_ine=d.clave_ine,
        intendente_nombre=v.texto("intendente_nombre", d.intendente_nombre, _("el nombre del Intendente"),
                                  obligatorio=True, maximo=120),
        intendente_resolucion=v.texto("intendente_resolucion", d.intendente_resolucion,
                                      _("la resolución o acta de proclamación"), maximo=120),
        intendente_fecha=d.intendente_fecha,
        coordinador_nombre=v.texto("coordinador_nombre", d.coordinador_nombre,
                                   _("el nombre del Coordinador/a Municipal"), obligatorio=True, maximo=120),
        coordinador_resolucion=v.texto("coordinador_resolucion", d.coordinador_resolucion,
                                       _("la resolución de nombramiento"), maximo=120),
        coordinador_fecha=d.coordinador_fecha,
        direccion=v.texto("direccion", d.direccion, _("la dirección")),
        telefono=v.texto("telefono", d.telefono, _("el teléfono"), maximo=60),
        correo=v.texto("correo", d.correo, _("el correo"), maximo=120),
        papel=d.papel,
    )
    if d.papel not in PAPELES:
        v.error("papel", _("Elija el papel de los impresos: {posibles}.").format(
            posibles=", ".join(traducir(t) for t in PAPELES.values())))
    for campo in ("intendente_fecha", "coordinador_fecha"):
        valor = getattr(limpio, campo)
        if valor and valor > hoy:
            v.error(campo, _("La fecha del nombramiento no puede ser futura."))
    v.verificar()
    return limpio


def validar_municipio(datos: DatosMunicipio, hoy: date | None = None) -> DatosMunicipio:
    """Valida sin escribir (el asistente marca los campos de cada paso antes de seguir); lanza ErroresDeValidacion."""
    return _validar(datos, hoy or date.today())


def crear_municipio(s: Session, datos: DatosMunicipio, hoy: date | None = None) -> int:
    d = _validar(datos, hoy or date.today())
    dist = referencia.distrito(d.clave_ine)
    dep = next(x for x in referencia.departamentos() if x.codigo == dist.departamento)
    m = Municipio(nombre=dist.nombre, departamento_codigo=dep.codigo, departamento=dep.nombre, **como_dict(d))
    s.add(m)
    s.flush()
    auditar(s, m.id, "municipio", m.id, "crear", f"{m.nombre} ({m.departamento})")
    return m.id


def obtener_municipio(s: Session, municipio_id: int) -> Municipio:
    return obtener(s, Municipio, municipio_id, _("el municipio"))


def datos_municipio(s: Session, municipio_id: int) -> DatosMunicipio:
    m = obtener_municipio(s, municipio_id)
    return DatosMunicipio(**{c: getattr(m, c) for c in DatosMunicipio.__dataclass_fields__})


def actualizar_municipio(s: Session, municipio_id: int, datos: DatosMunicipio, hoy: date | None = None
                         ) -> DatosMunicipio:
    m = obtener_municipio(s, municipio_id)
    anterior = datos_municipio(s, municipio_id)
    d = _validar(datos, hoy or date.today())
    if d.clave_ine != m.clave_ine:
        dist = referencia.distrito(d.clave_ine)
        dep = next(x for x in referencia.departamentos() if x.codigo == dist.departamento)
        m.nombre, m.departamento_codigo, m.departamento = dist.nombre, dep.codigo, dep.nombre
    for campo, valor in como_dict(d).items():
        setattr(m, campo, valor)
    auditar(s, m.id, "municipio", m.id, "actualizar", m.nombre)
    return anterior


# Entity counts shown by `info` and the About dialog, in this order (labels marked for the catalogue).
CONTEOS: tuple[tuple[str, Any, str], ...] = (
    ("territorios", Territorio, N_("Territorios")),
    ("etapas", Etapa, N_("Etapas de la hoja de ruta")),
    ("actores", Actor, N_("Actores")),
    ("oportunidades", Oportunidad, N_("Oportunidades")),
    ("necesidades", Necesidad, N_("Necesidades")),
    ("nodos_arbol", NodoProblema, N_("Nodos de árboles de problemas")),
    ("items_dafo", ItemDafo, N_("Elementos de DAFO/DIPE")),
    ("convenios", Convenio, N_("Convenios")),
    ("planes", PlanAccion, N_("Planes de Acción")),
    ("resultados", Resultado, N_("Resultados de los planes")),
    ("actividades", Actividad, N_("Actividades de los planes")),
    ("indicadores", Indicador, N_("Indicadores")),
    ("riesgos", Riesgo, N_("Riesgos")),
    ("mesas", Mesa, N_("Mesas")),
    ("sesiones", Sesion, N_("Sesiones de las mesas")),
    ("actas", Acta, N_("Actas")),
    ("acuerdos", Acuerdo, N_("Acuerdos")),
    ("documentos", Documento, N_("Documentos adjuntos")),
    ("dias_especiales", DiaEspecial, N_("Días especiales del calendario")),
    ("auditoria", Auditoria, N_("Registros de auditoría")),
)


def etiquetas_conteos() -> dict[str, str]:
    return {clave: traducir(etiqueta) for clave, _c, etiqueta in CONTEOS}


def contar_entidades(s: Session, municipio_id: int) -> dict[str, int]:
    """Cantidad de filas por entidad (para `info` y la pantalla Acerca de)."""
    return {nombre: s.scalar(select(func.count()).select_from(clase).where(clase.municipio_id == municipio_id)) or 0
            for nombre, clase, _e in CONTEOS}
