"""Hoja de ruta de cada territorio: las etapas 1-a … 6 del modelo de gestión, sus fechas y su avance."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from nucleo import formato
from nucleo.calendario import Calendario
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.lecturas.hoja_de_ruta import FilaEtapa, ResumenRuta, resumen_ruta, resumenes_rutas  # noqa: F401
from nucleo.modelo import Documento, Etapa, Territorio
from nucleo.modelo.territorio import ESTADOS_ETAPA
from nucleo.rutas import DATOS
from nucleo.servicios.comun import Validador, auditar, obtener
from nucleo.servicios.dias_especiales import calendario_de

TAMANO_MAXIMO_DOCUMENTO = 50 * 1024 * 1024  # an expediente must stay easy to copy and back up


@cache
def etapas_de_referencia() -> tuple[dict, ...]:
    with open(DATOS / "etapas.json", encoding="utf-8") as f:
        return tuple(json.load(f)["etapas"])


def crear_etapas(territorio: Territorio) -> None:
    for orden, ref in enumerate(etapas_de_referencia(), start=1):
        territorio.etapas.append(Etapa(
            municipio_id=territorio.municipio_id, codigo=ref["codigo"], orden=orden, proceso=ref["proceso"],
            producto=ref["producto"], responsables_referencia=ref["responsables"], plazo_referencia=ref["plazo"],
            plazo_dias=ref["dias"], inicia_tras=",".join(ref["inicia_tras"]), responsables=ref["responsables"],
        ))


def planificar(etapas: list[Etapa], inicio: date | None, cal: Calendario) -> None:
    """Fechas planificadas: cada etapa empieza el día hábil siguiente al fin de las que la preceden."""
    fines: dict[str, date | None] = {}
    for e in sorted(etapas, key=lambda e: e.orden):
        previas = [c for c in e.inicia_tras.split(",") if c]
        if inicio is None:
            comienzo = None
        elif not previas:
            comienzo = cal.siguiente_habil(inicio)
        else:
            fin_previas = [fines.get(c) for c in previas]
            comienzo = None if None in fin_previas else cal.dia_habil_siguiente(max(fin_previas))
        fin = cal.sumar_dias_habiles(comienzo, e.plazo_dias) if comienzo and e.plazo_dias else None
        e.inicio_plan, e.fin_plan = comienzo, fin
        fines[e.codigo] = fin


def replanificar(s: Session, territorio: Territorio, cal: Calendario | None = None) -> None:
    planificar(territorio.etapas, territorio.inicio_ruta, cal or calendario_de(s, territorio.municipio_id))


def replanificar_municipio(s: Session, municipio_id: int) -> None:
    cal = calendario_de(s, municipio_id)
    q = (select(Territorio).where(Territorio.municipio_id == municipio_id, Territorio.inicio_ruta.is_not(None))
         .options(selectinload(Territorio.etapas)))
    for t in s.scalars(q):
        replanificar(s, t, cal)


def fijar_inicio(s: Session, territorio_id: int, inicio: date | None) -> date | None:
    """Fija la fecha de inicio de la ruta y recalcula las fechas planificadas; devuelve la anterior."""
    t = obtener(s, Territorio, territorio_id, _("el territorio"))
    anterior = t.inicio_ruta
    t.inicio_ruta = inicio
    replanificar(s, t)
    auditar(s, t.municipio_id, "territorio", t.id, "inicio_ruta", formato.fecha(inicio) or "sin fecha")
    return anterior


# -- etapas -----------------------------------------------------------------------------------------------
@dataclass
class DatosEtapa:
    estado: str = "pendiente"
    inicio_real: date | None = None
    fin_real: date | None = None
    responsables: str = ""
    notas: str = ""
    plazo_dias: int | None = None


def obtener_etapa(s: Session, etapa_id: int) -> DatosEtapa:
    e = obtener(s, Etapa, etapa_id, _("la etapa"))
    return DatosEtapa(e.estado, e.inicio_real, e.fin_real, e.responsables, e.notas, e.plazo_dias)


def actualizar_etapa(s: Session, etapa_id: int, datos: DatosEtapa, hoy: date | None = None) -> DatosEtapa:
    """Guarda estado, fechas reales, responsables, notas y plazo; devuelve los datos anteriores (para deshacer)."""
    e = obtener(s, Etapa, etapa_id, _("la etapa"))
    hoy = hoy or date.today()
    v = Validador()
    v.opcion("estado", datos.estado, ESTADOS_ETAPA, _("el estado"))
    responsables = v.texto("responsables", datos.responsables, _("los responsables"), maximo=500)
    notas = v.texto("notas", datos.notas, _("las notas"), maximo=20000)
    if datos.inicio_real and datos.fin_real and datos.fin_real < datos.inicio_real:
        v.error("fin_real", _("La fecha real de término no puede ser anterior a la de inicio."))
    for campo, valor in (("inicio_real", datos.inicio_real), ("fin_real", datos.fin_real)):
        if valor and valor > hoy:
            v.error(campo, _("La fecha real ({fecha}) no puede ser futura; use el plan para eso.").format(
                fecha=formato.fecha(valor)))
    if datos.estado == "cumplida" and not datos.fin_real:
        v.error("fin_real", _("Para marcar la etapa como cumplida, indique la fecha real de término."))
    if datos.estado in ("en_curso", "cumplida") and not datos.inicio_real:
        v.error("inicio_real", _("Indique la fecha real de inicio de la etapa."))
    if datos.estado == "pendiente" and (datos.inicio_real or datos.fin_real):
        v.error("estado", _("Una etapa con fechas reales no está pendiente: elija «En curso» o «Cumplida»."))
    if datos.plazo_dias is not None and not 1 <= datos.plazo_dias <= 2000:
        v.error("plazo_dias", _("El plazo debe ser de 1 a 2.000 días hábiles, o vacío si lo fija el Plan de Acción."))
    v.verificar()
    anterior = DatosEtapa(e.estado, e.inicio_real, e.fin_real, e.responsables, e.notas, e.plazo_dias)
    e.estado, e.inicio_real, e.fin_real = datos.estado, datos.inicio_real, datos.fin_real
    e.responsables, e.notas = responsables, notas
    if e.plazo_dias != datos.plazo_dias:
        e.plazo_dias = datos.plazo_dias
        replanificar(s, e.territorio)
    auditar(s, e.municipio_id, "etapa", e.id, "actualizar",
            f"{e.territorio.nombre} {e.codigo}: {ESTADOS_ETAPA[e.estado]}")
    return anterior


# -- documentos de evidencia ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FilaDocumento:
    id: int
    nombre_archivo: str
    tipo_mime: str
    tamano: int
    descripcion: str
    creado_en: date | None


def listar_documentos(s: Session, etapa_id: int) -> list[FilaDocumento]:
    q = select(Documento).where(Documento.etapa_id == etapa_id).order_by(Documento.id)
    return [FilaDocumento(d.id, d.nombre_archivo, d.tipo_mime, d.tamano, d.descripcion, d.creado_en)
            for d in s.scalars(q)]


def adjuntar_documento(s: Session, etapa_id: int, ruta: Path | str, descripcion: str = "",
                       contenido: bytes | None = None) -> int:
    e = obtener(s, Etapa, etapa_id, _("la etapa"))
    ruta = Path(ruta)
    if contenido is None:
        try:
            if ruta.stat().st_size > TAMANO_MAXIMO_DOCUMENTO:
                raise ErrorDeUsuario(
                    _("«{nombre}» pesa más de 50 MB. Reduzca el archivo (por ejemplo, escanee en menor "
                      "resolución).").format(nombre=ruta.name),
                    campo="archivo")
            contenido = ruta.read_bytes()
        except OSError as exc:
            raise ErrorDeUsuario(_("No se pudo leer «{nombre}». Verifique que el archivo exista y no esté abierto "
                                   "en otro programa.").format(nombre=ruta.name),
                                 campo="archivo", detalle=str(exc)) from exc
    if len(contenido) > TAMANO_MAXIMO_DOCUMENTO:
        raise ErrorDeUsuario(_("«{nombre}» pesa más de 50 MB.").format(nombre=ruta.name), campo="archivo")
    doc = Documento(
        municipio_id=e.municipio_id, etapa_id=e.id, nombre_archivo=ruta.name[:255],
        tipo_mime=mimetypes.guess_type(ruta.name)[0] or "application/octet-stream", tamano=len(contenido),
        sha256=hashlib.sha256(contenido).hexdigest(), descripcion=(descripcion or "").strip(), contenido=contenido,
    )
    s.add(doc)
    s.flush()
    auditar(s, e.municipio_id, "documento", doc.id, "adjuntar", f"{e.codigo}: {doc.nombre_archivo}")
    return doc.id


def contenido_documento(s: Session, documento_id: int) -> tuple[str, bytes]:
    d = obtener(s, Documento, documento_id, _("el documento"))
    return d.nombre_archivo, d.contenido


@dataclass(frozen=True)
class DocumentoEliminado:
    id: int
    municipio_id: int
    etapa_id: int | None
    nombre_archivo: str
    tipo_mime: str
    descripcion: str
    contenido: bytes


def eliminar_documento(s: Session, documento_id: int) -> DocumentoEliminado:
    d = obtener(s, Documento, documento_id, _("el documento"))
    copia = DocumentoEliminado(d.id, d.municipio_id, d.etapa_id, d.nombre_archivo, d.tipo_mime, d.descripcion,
                               d.contenido)
    s.delete(d)
    auditar(s, copia.municipio_id, "documento", copia.id, "eliminar", copia.nombre_archivo)
    return copia


def restaurar_documento(s: Session, copia: DocumentoEliminado) -> int:
    s.add(Documento(id=copia.id, municipio_id=copia.municipio_id, etapa_id=copia.etapa_id,
                    nombre_archivo=copia.nombre_archivo, tipo_mime=copia.tipo_mime, tamano=len(copia.contenido),
                    sha256=hashlib.sha256(copia.contenido).hexdigest(), descripcion=copia.descripcion,
                    contenido=copia.contenido))
    s.flush()
    auditar(s, copia.municipio_id, "documento", copia.id, "restaurar", copia.nombre_archivo)
    return copia.id



