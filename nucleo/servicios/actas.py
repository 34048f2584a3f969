"""Actas de las sesiones: numeración, aprobación, firma y la huella de lo firmado.

- Número por mesa y año de la fecha de la sesión: el siguiente al mayor usado al labrar el acta («Acta N.º 3/2026»).
- Ciclo: borrador → aprobada → firmada. Aprobar y firmar son pasos distintos; una aprobada puede volver a
  borrador; la firmada es definitiva.
- Al firmar se guarda el contenido (`ContenidoActa`) como JSON (claves ordenadas, ensure_ascii=False) en
  `contenido_firmado` y su SHA-256 (UTF-8) en `hash_firma`. El impreso de un acta firmada sale de ese JSON, nunca de
  las filas vivas; `verificar_acta` comprueba que el texto guardado sigue siendo el que se firmó.
- Una corrección es un acta nueva (de otra sesión) que nombra a la firmada (`corrige_a_id`).

Deshacer: `crear_acta` -> id (deshacer: `eliminar_acta` -> copia; rehacer: `restaurar_acta`); `aprobar_acta` ->
estado anterior (deshacer: `volver_a_borrador`); `volver_a_borrador` -> estado anterior (deshacer: `aprobar_acta`
con la fecha que tenía, ver `obtener_acta`); `fijar_observaciones` -> texto anterior. La firma no se deshace.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo import Acta, Mesa, Municipio, Sesion
from nucleo.modelo.mesa import ESTADOS_ACTA, TIPOS_SESION
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener
from nucleo.servicios.mesas import etiqueta_acta, reponer_actas, texto_tipo
from nucleo.servicios.sesiones import (
    listar_acuerdos,
    listar_asistencia,
    listar_puntos,
    quorum_de_la_sesion,
    texto_votos,
)

VERSION = 1  # part of the signed JSON: a later change of its shape must not break old hashes
MAXIMO_OBSERVACIONES = 20000


@dataclass
class ContenidoActa:
    """Lo que muestra el impreso del acta. Fechas y horas como date/time; en las listas, solo texto, números y
    fechas ISO (así se guardan en el JSON firmado)."""

    numero_texto: str  # «Acta N.º 3/2026»
    estado: str  # clave of ESTADOS_ACTA
    municipio: str
    departamento: str
    mesa: str
    mesa_tipo: str  # label
    sesion_tipo: str  # label: «Ordinaria»
    fecha: date
    hora_inicio: time | None  # actual times (None if not recorded)
    hora_fin: time | None
    lugar: str
    asistentes: list[dict]  # members present: nombre, cargo, institucion, rol_texto, estado_texto, reemplaza_a, titular
    invitados: list[dict]  # same keys
    ausentes: list[dict]  # members absent or excused
    quorum_texto: str
    puntos: list[dict]  # orden, titulo, expositor, minutos, desarrollo
    acuerdos: list[dict]  # orden, texto, responsable, plazo (ISO str | None), votos (str or "")
    observaciones: str  # the session's notes and the acta's observations
    corrige_a: str  # «Acta N.º 2/2026» or ""
    hash_firma: str  # "" until signed (never inside the signed JSON)
    firmada_en: date | None
    estado_texto: str = ""
    hora_convocada: time | None = None
    aprobada_en: date | None = None
    version: int = VERSION
    extra: dict = field(default_factory=dict)  # room for later fields without changing old signatures


_FECHAS = ("fecha", "firmada_en", "aprobada_en")
_HORAS = ("hora_inicio", "hora_fin", "hora_convocada")


def _a_json(c: ContenidoActa) -> str:
    datos = asdict(c)
    datos["hash_firma"] = ""
    for k in _FECHAS:
        datos[k] = datos[k].isoformat() if datos[k] else None
    for k in _HORAS:
        datos[k] = datos[k].strftime("%H:%M") if datos[k] else None
    return json.dumps(datos, sort_keys=True, ensure_ascii=False)


def _de_json(texto: str, hash_firma: str) -> ContenidoActa:
    datos = json.loads(texto)
    conocidos = {f.name for f in fields(ContenidoActa)}
    datos = {k: v for k, v in datos.items() if k in conocidos}
    for k in _FECHAS:
        datos[k] = date.fromisoformat(datos[k]) if datos.get(k) else None
    for k in _HORAS:
        datos[k] = time.fromisoformat(datos[k]) if datos.get(k) else None
    datos["hash_firma"] = hash_firma
    return ContenidoActa(**datos)


def huella(texto: str) -> str:
    return hashlib.sha256(texto.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FilaActa:
    id: int
    sesion_id: int
    mesa_id: int
    numero: int
    anio: int
    numero_texto: str
    estado: str
    estado_texto: str
    aprobada_en: date | None
    firmada_en: date | None
    hash_firma: str
    corrige_a_id: int | None
    corrige_a: str
    observaciones: str
    corregida_por: tuple[str, ...] = ()  # labels of the actas that correct this one


@dataclass(frozen=True)
class ActaEliminada:
    columnas: dict[str, Any]


# -- lectura ----------------------------------------------------------------------------------------------
def _acta(s: Session, acta_id: int) -> Acta:
    return obtener(s, Acta, acta_id, _("el acta"))


def _etiqueta(a: Acta) -> str:
    return etiqueta_acta(a.numero, a.anio)


def texto_estado(estado: str) -> str:
    return traducir(ESTADOS_ACTA.get(estado, estado))


def acta_de_la_sesion(s: Session, sesion_id: int) -> int | None:
    return s.scalar(select(Acta.id).where(Acta.sesion_id == sesion_id))


def obtener_acta(s: Session, acta_id: int) -> FilaActa:
    a = _acta(s, acta_id)
    corrige = s.get(Acta, a.corrige_a_id) if a.corrige_a_id else None
    corregida = tuple(etiqueta_acta(n, y) for n, y in s.execute(
        select(Acta.numero, Acta.anio).where(Acta.corrige_a_id == acta_id).order_by(Acta.anio, Acta.numero)))
    return FilaActa(a.id, a.sesion_id, a.mesa_id, a.numero, a.anio, _etiqueta(a), a.estado, texto_estado(a.estado),
                    a.aprobada_en, a.firmada_en, a.hash_firma, a.corrige_a_id,
                    _etiqueta(corrige) if corrige else "", a.observaciones, corregida)


def buscar_acta(s: Session, mesa_id: int, numero: int, anio: int) -> int | None:
    """El acta «N.º numero/anio» de la mesa (para la línea de comandos), o None."""
    return s.scalar(select(Acta.id).where(Acta.mesa_id == mesa_id, Acta.numero == numero, Acta.anio == anio))


def listar_actas(s: Session, mesa_id: int) -> list[FilaActa]:
    ids = s.scalars(select(Acta.id).where(Acta.mesa_id == mesa_id).order_by(Acta.anio.desc(), Acta.numero.desc()))
    return [obtener_acta(s, i) for i in ids]


# -- alta y baja ------------------------------------------------------------------------------------------
def crear_acta(s: Session, sesion_id: int, corrige_a_id: int | None = None) -> int:
    """Labra el acta de la sesión (borrador) con el número siguiente de la mesa en el año de la sesión.
    `corrige_a_id`: el acta firmada que esta corrige."""
    sesion = obtener(s, Sesion, sesion_id, _("la sesión"))
    ya = s.scalar(select(Acta).where(Acta.sesion_id == sesion_id))
    if ya is not None:
        raise ErrorDeUsuario(_("Esta sesión ya tiene el {acta}: una sesión lleva una sola acta.").format(
            acta=_etiqueta(ya)))
    if corrige_a_id is not None:
        otra = _acta(s, corrige_a_id)
        if otra.mesa_id != sesion.mesa_id:
            raise ErrorDeUsuario(_("El acta que se corrige debe ser de la misma mesa."), campo="corrige_a_id")
        if otra.estado != "firmada":
            raise ErrorDeUsuario(_("El acta N.º {numero}/{anio} no está firmada: se corrige editándola, sin un acta "
                                   "nueva.").format(numero=otra.numero, anio=otra.anio), campo="corrige_a_id")
    anio = sesion.fecha.year
    numero = (s.scalar(select(func.max(Acta.numero)).where(Acta.mesa_id == sesion.mesa_id, Acta.anio == anio))
              or 0) + 1
    a = Acta(municipio_id=sesion.municipio_id, sesion_id=sesion_id, mesa_id=sesion.mesa_id, numero=numero,
             anio=anio, estado="borrador", corrige_a_id=corrige_a_id)
    s.add(a)
    s.flush()
    auditar(s, sesion.municipio_id, "acta", a.id, "crear", _etiqueta(a))
    return a.id


def eliminar_acta(s: Session, acta_id: int) -> ActaEliminada:
    a = _acta(s, acta_id)
    if a.estado == "firmada":
        raise ErrorDeUsuario(_("El acta N.º {numero}/{anio} está firmada: un acta firmada no se elimina. Si hay que "
                               "corregirla, labre un acta de corrección que la nombre.").format(
            numero=a.numero, anio=a.anio))
    copia = ActaEliminada(copiar_filas(s, Acta, Acta.id == acta_id)[0])
    mid, etiqueta = a.municipio_id, _etiqueta(a)
    s.delete(a)
    s.flush()
    auditar(s, mid, "acta", acta_id, "eliminar", etiqueta)
    return copia


def restaurar_acta(s: Session, copia: ActaEliminada) -> int:
    c = dict(copia.columnas)
    if s.get(Sesion, c["sesion_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver el acta: su sesión ya no existe."))
    if s.scalar(select(Acta.id).where(Acta.sesion_id == c["sesion_id"])) is not None:
        raise ErrorDeUsuario(_("No se puede devolver el acta: la sesión ya tiene otra."))
    if buscar_acta(s, c["mesa_id"], c["numero"], c["anio"]) is not None:
        raise ErrorDeUsuario(_("No se puede devolver el {acta}: ese número ya lo tiene otra acta de la mesa.").format(
            acta=etiqueta_acta(c["numero"], c["anio"])))
    reponer_actas(s, [c])
    s.flush()
    auditar(s, c["municipio_id"], "acta", c["id"], "restaurar", etiqueta_acta(c["numero"], c["anio"]))
    return c["id"]


# -- ciclo ------------------------------------------------------------------------------------------------
def _exigir_fecha(fecha: Any, campo: str, etiqueta: str) -> date:
    if not isinstance(fecha, date):
        raise ErrorDeUsuario(_("Indique {etiqueta}.").format(etiqueta=etiqueta), campo=campo)
    return fecha


def _firmada(a: Acta) -> ErrorDeUsuario:
    return ErrorDeUsuario(_("El acta N.º {numero}/{anio} está firmada: ya no cambia de estado. Si hay que "
                            "corregirla, labre un acta de corrección que la nombre.").format(
        numero=a.numero, anio=a.anio))


def aprobar_acta(s: Session, acta_id: int, fecha: date) -> str:
    """Borrador → aprobada (el texto queda aceptado por la mesa); devuelve el estado anterior."""
    a = _acta(s, acta_id)
    if a.estado == "firmada":
        raise _firmada(a)
    if a.estado != "borrador":
        raise ErrorDeUsuario(_("El acta ya está aprobada."))
    fecha = _exigir_fecha(fecha, "aprobada_en", _("la fecha de aprobación"))
    sesion = s.get(Sesion, a.sesion_id)
    if sesion is not None and fecha < sesion.fecha:
        raise ErrorDeUsuario(_("El acta no puede aprobarse ({fecha}) antes de la sesión ({sesion}).").format(
            fecha=formato.fecha(fecha), sesion=formato.fecha(sesion.fecha)), campo="aprobada_en")
    anterior = a.estado
    a.estado, a.aprobada_en = "aprobada", fecha
    s.flush()
    auditar(s, a.municipio_id, "acta", acta_id, "aprobar", f"{_etiqueta(a)}: {fecha.isoformat()}")
    return anterior


def volver_a_borrador(s: Session, acta_id: int) -> str:
    """Aprobada → borrador (para corregir su texto antes de firmar); devuelve el estado anterior."""
    a = _acta(s, acta_id)
    if a.estado == "firmada":
        raise _firmada(a)
    anterior = a.estado
    a.estado, a.aprobada_en = "borrador", None
    s.flush()
    auditar(s, a.municipio_id, "acta", acta_id, "borrador", _etiqueta(a))
    return anterior


def firmar_acta(s: Session, acta_id: int, fecha: date) -> str:
    """Aprobada → firmada: congela el contenido (JSON) y guarda su SHA-256. Devuelve el estado anterior."""
    a = _acta(s, acta_id)
    if a.estado == "firmada":
        raise _firmada(a)
    if a.estado != "aprobada":
        raise ErrorDeUsuario(_("Apruebe primero el acta: se firma el texto que la mesa aprobó."))
    fecha = _exigir_fecha(fecha, "firmada_en", _("la fecha de la firma"))
    if a.aprobada_en is not None and fecha < a.aprobada_en:
        raise ErrorDeUsuario(_("El acta no puede firmarse ({fecha}) antes de aprobarse ({aprobada}).").format(
            fecha=formato.fecha(fecha), aprobada=formato.fecha(a.aprobada_en)), campo="firmada_en")
    anterior = a.estado
    a.estado, a.firmada_en = "firmada", fecha
    s.flush()
    texto = _a_json(_contenido_vivo(s, a))
    a.contenido_firmado, a.hash_firma = texto, huella(texto)
    s.flush()
    auditar(s, a.municipio_id, "acta", acta_id, "firmar",
            f"{_etiqueta(a)}: firmada el {fecha.isoformat()}, SHA-256 {a.hash_firma}")
    return anterior


def fijar_observaciones(s: Session, acta_id: int, texto: str) -> str:
    """Las observaciones del acta (no si está firmada); devuelve las anteriores."""
    a = _acta(s, acta_id)
    if a.estado == "firmada":
        raise ErrorDeUsuario(_("El acta N.º {numero}/{anio} está firmada: sus observaciones ya no se modifican. Si "
                               "hay que corregir algo, labre un acta de corrección que la nombre.").format(
            numero=a.numero, anio=a.anio), campo="observaciones")
    v = Validador()
    texto = v.texto("observaciones", texto, _("las observaciones"), maximo=MAXIMO_OBSERVACIONES)
    v.verificar()
    anterior = a.observaciones
    a.observaciones = texto
    s.flush()
    auditar(s, a.municipio_id, "acta", acta_id, "observaciones", _etiqueta(a))
    return anterior


# -- contenido --------------------------------------------------------------------------------------------
def _persona(f) -> dict:
    return {"nombre": f.nombre, "cargo": f.cargo, "institucion": f.institucion, "rol_texto": f.rol_texto,
            "estado_texto": f.estado_texto, "reemplaza_a": f.reemplaza_a, "titular": f.titular}


def _contenido_vivo(s: Session, a: Acta) -> ContenidoActa:
    sesion = s.get(Sesion, a.sesion_id)
    mesa = s.get(Mesa, a.mesa_id)
    municipio = s.get(Municipio, a.municipio_id)
    assert sesion is not None and mesa is not None and municipio is not None
    asistencia = listar_asistencia(s, sesion.id)
    puntos = listar_puntos(s, sesion.id)
    ordenes = {p.id: p.orden for p in puntos}
    acuerdos = listar_acuerdos(s, sesion.id, hoy=sesion.fecha)
    corrige = s.get(Acta, a.corrige_a_id) if a.corrige_a_id else None
    observaciones = "\n\n".join(t.strip() for t in (sesion.notas, a.observaciones) if t and t.strip())
    return ContenidoActa(
        numero_texto=_etiqueta(a), estado=a.estado, municipio=municipio.nombre, departamento=municipio.departamento,
        mesa=mesa.nombre, mesa_tipo=texto_tipo(mesa.tipo),
        sesion_tipo=traducir(TIPOS_SESION.get(sesion.tipo, sesion.tipo)), fecha=sesion.fecha,
        hora_inicio=sesion.hora_inicio, hora_fin=sesion.hora_fin, lugar=sesion.lugar,
        asistentes=[_persona(f) for f in asistencia if not f.invitado and f.estado == "presente"],
        invitados=[_persona(f) for f in asistencia if f.invitado and f.estado == "presente"],
        ausentes=[_persona(f) for f in asistencia if not f.invitado and f.estado != "presente"],
        quorum_texto=quorum_de_la_sesion(s, sesion.id).texto,
        puntos=[{"orden": p.orden, "titulo": p.titulo, "expositor": p.expositor, "minutos": p.minutos,
                 "desarrollo": p.desarrollo} for p in puntos],
        acuerdos=[{"orden": f.orden, "texto": f.texto, "responsable": f.responsable,
                   "plazo": f.plazo.isoformat() if f.plazo else None,
                   "votos": texto_votos(f.votos_favor, f.votos_contra, f.abstenciones),
                   "punto": ordenes.get(f.punto_id) if f.punto_id else None} for f in acuerdos],
        observaciones=observaciones, corrige_a=_etiqueta(corrige) if corrige else "", hash_firma=a.hash_firma,
        firmada_en=a.firmada_en, estado_texto=texto_estado(a.estado), hora_convocada=sesion.hora,
        aprobada_en=a.aprobada_en)


def contenido_acta(s: Session, acta_id: int) -> ContenidoActa:
    """Lo que el impreso muestra: de las filas vivas, o del JSON firmado si el acta está firmada."""
    a = _acta(s, acta_id)
    if a.estado == "firmada" and a.contenido_firmado:
        return _de_json(a.contenido_firmado, a.hash_firma)
    return _contenido_vivo(s, a)


def verificar_acta(s: Session, acta_id: int) -> bool:
    """Si el acta está firmada y el contenido guardado sigue siendo el que se firmó (su SHA-256 coincide)."""
    a = _acta(s, acta_id)
    return a.estado == "firmada" and bool(a.contenido_firmado) and huella(a.contenido_firmado) == a.hash_firma
