"""El registro de los documentos emitidos y la verificación de un PDF contra él.

Cada impreso con valor (una revisión sancionada del plan, un acta firmada) se registra al escribirse
(`registrar_emision`): el SHA-256 de los bytes exactos del archivo, junto con la huella del contenido congelado del
que salió. Verificar un PDF (`verificar_pdf`) es buscar el SHA-256 de sus bytes en ese registro: el texto impreso
no se usa nunca para el veredicto. Si no está, el metadato /Subject del PDF («articula:plan:<id>:<revisión>» o
«articula:acta:<id>», que escriben los impresos) solo sirve para decir con más precisión qué dice ser el archivo:
un documento de Articula alterado, o uno que este expediente no emitió.

Quien llama confirma la transacción: el registro se agrega a la sesión que imprimió.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.modelo.sancion import TIPOS_DOCUMENTO_EMITIDO, DocumentoEmitido, RevisionPlan

MAXIMO_DESCRIPCION = 300
_SUJETO = re.compile(rb"/Subject\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)")
_SUJETO_ARTICULA = re.compile(r"articula:(plan|acta):(\d+)(?::(\d+))?")
_PAGINA = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@dataclass(frozen=True)
class Verificacion:
    genuino: bool
    mensaje: str  # Spanish, one paragraph
    tipo: str  # «plan» | «acta» | "" (unknown)
    entidad_id: int | None
    revision: int | None
    emitido_en: datetime | None
    huella_archivo: str = ""  # sha256 of the file checked


def huella_de_archivo(ruta: Path) -> str:
    h = hashlib.sha256()
    with open(ruta, "rb") as f:
        for bloque in iter(lambda: f.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


def _contar_paginas(datos: bytes) -> int:
    return len(_PAGINA.findall(datos))


def registrar_emision(s: Session, municipio_id: int, tipo: str, entidad_id: int, revision: int | None,
                      huella_contenido: str, ruta_pdf: Path, descripcion: str = "") -> int:
    """Anota el PDF recién escrito en el registro de documentos emitidos; devuelve el id del registro."""
    if tipo not in TIPOS_DOCUMENTO_EMITIDO:
        raise ValueError(f"tipo de documento desconocido: {tipo!r}")
    if (s.info or {}).get("solo_lectura"):
        raise ErrorDeUsuario(_("El expediente está abierto solo para lectura (otro programa lo usa): el impreso se "
                               "guardó, pero no quedó registrado como emitido y no podrá verificarse. Ciérrelo en "
                               "el otro programa e imprímalo de nuevo."))
    ruta = Path(ruta_pdf)
    datos = ruta.read_bytes()
    d = DocumentoEmitido(municipio_id=municipio_id, tipo=tipo, entidad_id=entidad_id, revision=revision,
                         huella_contenido=huella_contenido or "", huella_archivo=hashlib.sha256(datos).hexdigest(),
                         nombre_archivo=ruta.name[:255], paginas=_contar_paginas(datos),
                         descripcion=(descripcion or "")[:MAXIMO_DESCRIPCION], emitido_en=datetime.now())
    s.add(d)
    s.flush()
    return d.id


# -- lectura del PDF --------------------------------------------------------------------------------------------------
def _cadena_pdf(crudo: bytes) -> str:
    """Una cadena de PDF, literal «(…)» o hexadecimal «<…>», como texto."""
    if crudo.startswith(b"<"):
        hexa = re.sub(rb"\s", b"", crudo[1:-1])
        if len(hexa) % 2:
            hexa += b"0"
        datos = bytes.fromhex(hexa.decode("ascii"))
    else:
        datos = re.sub(rb"\\(.)", lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1)),
                       crudo[1:-1])
    if datos.startswith(b"\xfe\xff"):
        return datos[2:].decode("utf-16-be", errors="replace")
    return datos.decode("latin-1")


def asunto_del_pdf(datos: bytes) -> str:
    """El /Subject del diccionario de información, leído de los bytes tal cual ("" si no tiene)."""
    hallados = _SUJETO.findall(datos)
    return _cadena_pdf(hallados[-1]) if hallados else ""  # the last one: an incremental update wins


def _leer(ruta: Path) -> bytes:
    ruta = Path(ruta)
    if not ruta.exists():
        raise ErrorDeUsuario(_("No se encontró el archivo «{ruta}».").format(ruta=ruta), campo="archivo")
    if ruta.is_dir():
        raise ErrorDeUsuario(_("«{ruta}» es una carpeta: indique el archivo PDF que quiere verificar.").format(
            ruta=ruta), campo="archivo")
    datos = ruta.read_bytes()
    if not datos.lstrip()[:5] == b"%PDF-":
        raise ErrorDeUsuario(_("«{nombre}» no es un archivo PDF: elija el PDF impreso por Articula.").format(
            nombre=ruta.name), campo="archivo")
    return datos


# -- verificación -----------------------------------------------------------------------------------------------------
def _momento(d: datetime | None) -> str:
    return formato.fecha_hora(d) if d else _("fecha desconocida")


def _no_valido(motivo: str) -> str:
    """The verdict first, as in «Documento genuino: …», so a glance at the first words says it."""
    return _("Documento no válido: {motivo}").format(motivo=motivo)


def _verificar_plan(s: Session, doc: DocumentoEmitido) -> tuple[bool, str]:
    r = s.scalar(select(RevisionPlan).where(RevisionPlan.plan_id == doc.entidad_id,
                                            RevisionPlan.numero == doc.revision))
    emitido = _momento(doc.emitido_en)
    if r is None:
        return False, _no_valido(_(
            "el archivo coincide con un Plan de Acción que Articula emitió el {emitido} (revisión {revision}), pero "
            "esa revisión sancionada ya no está en el expediente: no se puede confirmar su contenido.").format(
            emitido=emitido, revision=doc.revision))
    try:
        d = json.loads(r.contenido)
    except ValueError:
        d = {}
    plan, territorio = d.get("plan") or {}, d.get("territorio") or {}
    integra = hashlib.sha256(r.contenido.encode("utf-8")).hexdigest() == r.huella
    coincide = not doc.huella_contenido or doc.huella_contenido == r.huella
    que = _("el Plan de Acción «{titulo}» del territorio «{territorio}», revisión {revision} sancionada el "
            "{fecha}").format(titulo=plan.get("titulo", ""), territorio=territorio.get("nombre", ""),
                              revision=r.numero, fecha=formato.fecha(r.sancionado_en))
    if not (integra and coincide):
        return False, _no_valido(_(
            "el archivo es {que}, emitido por Articula el {emitido}; pero el contenido congelado de esa revisión ya "
            "no coincide con su huella: el expediente se modificó por fuera del programa y el documento no puede "
            "darse por válido.").format(que=que, emitido=emitido))
    return True, _("Documento genuino: es {que}. Articula lo emitió el {emitido} y el contenido congelado de esa "
                   "revisión sigue coincidiendo con su huella (SHA-256 {huella}…).").format(
        que=que, emitido=emitido, huella=r.huella[:12])


def _verificar_acta(s: Session, doc: DocumentoEmitido) -> tuple[bool, str]:
    from nucleo.modelo.mesa import Acta, Mesa
    from nucleo.servicios.actas import verificar_acta
    from nucleo.servicios.mesas import etiqueta_acta

    emitido = _momento(doc.emitido_en)
    a = s.get(Acta, doc.entidad_id)
    if a is None:
        return False, _no_valido(_(
            "el archivo coincide con un acta que Articula emitió el {emitido} ({descripcion}), pero esa acta ya no "
            "está en el expediente: no se puede confirmar su contenido.").format(
            emitido=emitido, descripcion=doc.descripcion or doc.nombre_archivo))
    mesa = s.get(Mesa, a.mesa_id)
    que = _("el {acta} de la mesa «{mesa}», firmada el {fecha}").format(
        acta=etiqueta_acta(a.numero, a.anio), mesa=mesa.nombre if mesa else "",
        fecha=formato.fecha(a.firmada_en) if a.firmada_en else "—")
    if not verificar_acta(s, a.id) or (doc.huella_contenido and doc.huella_contenido != a.hash_firma):
        return False, _no_valido(_(
            "el archivo es {que}, emitido por Articula el {emitido}; pero el contenido firmado del acta ya no "
            "coincide con su huella: el expediente se modificó por fuera del programa y el documento no puede darse "
            "por válido.").format(que=que, emitido=emitido))
    return True, _("Documento genuino: es {que}. Articula lo emitió el {emitido} y el contenido firmado sigue "
                   "coincidiendo con su huella (SHA-256 {huella}…).").format(
        que=que, emitido=emitido, huella=a.hash_firma[:12])


def _que_dice_ser(s: Session, municipio_id: int, tipo: str, entidad_id: int, revision: int | None) -> str:
    """«el Plan de Acción «…», revisión 2» / «el Acta N.º 1/2026 de la mesa «…»», o "" si no es de este expediente."""
    if tipo == "plan":
        from nucleo.modelo import PlanAccion

        p = s.get(PlanAccion, entidad_id)
        if p is None or p.municipio_id != municipio_id:
            return ""
        if revision is None:
            return _("el Plan de Acción «{titulo}»").format(titulo=p.titulo)
        return _("el Plan de Acción «{titulo}», revisión {revision}").format(titulo=p.titulo, revision=revision)
    from nucleo.modelo.mesa import Acta, Mesa
    from nucleo.servicios.mesas import etiqueta_acta

    a = s.get(Acta, entidad_id)
    if a is None or a.municipio_id != municipio_id:
        return ""
    mesa = s.get(Mesa, a.mesa_id)
    return _("el {acta} de la mesa «{mesa}»").format(acta=etiqueta_acta(a.numero, a.anio),
                                                      mesa=mesa.nombre if mesa else "")


def verificar_pdf(s: Session, municipio_id: int, ruta_pdf: Path) -> Verificacion:
    """¿Emitió este expediente exactamente este archivo? Por el SHA-256 de sus bytes, nunca por su texto.

    El mensaje empieza por el veredicto: «Documento genuino: …» o «Documento no válido: …».
    ErrorDeUsuario si el archivo no existe o no es un PDF."""
    datos = _leer(ruta_pdf)
    huella = hashlib.sha256(datos).hexdigest()
    doc = s.scalar(select(DocumentoEmitido).where(DocumentoEmitido.municipio_id == municipio_id,
                                                  DocumentoEmitido.huella_archivo == huella)
                   .order_by(DocumentoEmitido.id.desc()).limit(1))
    if doc is not None:
        genuino, mensaje = (_verificar_plan if doc.tipo == "plan" else _verificar_acta)(s, doc)
        return Verificacion(genuino, mensaje, doc.tipo, doc.entidad_id, doc.revision, doc.emitido_en, huella)

    nombre = Path(ruta_pdf).name
    sujeto = _SUJETO_ARTICULA.fullmatch(asunto_del_pdf(datos).strip())
    if sujeto is None:
        return Verificacion(False, _no_valido(_(
            "el archivo «{nombre}» no es un documento emitido por este expediente: no coincide con ninguno de los "
            "impresos registrados.").format(nombre=nombre)), "", None, None, None, huella)
    tipo, entidad_id = sujeto.group(1), int(sujeto.group(2))
    revision = int(sujeto.group(3)) if sujeto.group(3) else None
    que = _que_dice_ser(s, municipio_id, tipo, entidad_id, revision)
    if not que:
        motivo = _("el archivo «{nombre}» dice ser un documento de Articula, pero no es un documento emitido por "
                   "este expediente (puede venir de otro expediente).").format(nombre=nombre)
    elif tipo == "plan":
        motivo = _("el archivo «{nombre}» dice ser {que}, pero fue alterado: no coincide con ningún documento "
                   "emitido de ese plan. No tiene validez; pida una copia del documento original.").format(
            nombre=nombre, que=que)
    else:
        motivo = _("el archivo «{nombre}» dice ser {que}, pero fue alterado: no coincide con ningún documento "
                   "emitido de esa acta. No tiene validez; pida una copia del documento original.").format(
            nombre=nombre, que=que)
    return Verificacion(False, _no_valido(motivo), tipo, entidad_id, revision, None, huella)
