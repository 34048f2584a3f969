"""Convenios: compromiso con la comunidad, carta de compromiso interinstitucional, contrato de servicios y convenio
marco, con sus partes (actores), el objeto, las obligaciones de cada parte, las fechas y el estado.

Firmado = congelado (ARQUITECTURA, decisión 5). `firmar` exige lo que un documento firmable necesita (al menos dos
partes, el objeto, quién firma por cada parte), guarda la fecha y la huella SHA-256 de un texto canónico del
contenido, y desde ese momento `actualizar_convenio` y `eliminar_convenio` responden «El convenio está firmado: …».
No hay «volver a borrador»: un acuerdo firmado no se reabre; si hace falta otro, se registra uno nuevo.

La única excepción es deliberada: `deshacer_firma` existe solo para la pila de deshacer. Quien firma por error
(otro convenio, otra fecha) lo corrige con Ctrl+Z en la misma sesión, como cualquier otro clic; la pila se pierde al
cerrar el expediente, y con ella esa posibilidad. Ninguna pantalla ni la CLI la ofrecen como orden.

El escaneo firmado se guarda como Documento con `convenio_id` (funciones paralelas a las de la hoja de ruta).
Adjuntarlo a un convenio firmado está permitido —para eso es—, y también quitar un archivo adjuntado por error:
el escaneo es la prueba del papel, no parte del contenido firmado (la huella no lo incluye).

La huella cubre lo que las partes acordaron (tipo, título, objeto, lugar, fechas y, por cada parte, el nombre
copiado, quién firma, su cargo y sus obligaciones). No cubre los enlaces a otros registros (territorio, actor), que
pueden renombrarse o borrarse sin que cambie lo firmado, ni las notas internas.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, n_, traducir
from nucleo.modelo import Actor, Convenio, Documento, Municipio, ParteConvenio, Territorio
from nucleo.modelo.convenio import ESTADOS_CONVENIO, TIPOS_CONVENIO
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas
from nucleo.servicios.hoja_de_ruta import TAMANO_MAXIMO_DOCUMENTO, FilaDocumento

BORRADOR, FIRMADO = "borrador", "firmado"
VERSION_CANONICA = 1  # part of the signed text: a future change of its shape must not alter old hashes


@dataclass
class DatosParte:
    """Una parte firmante. `nombre_parte` lo copia el servicio del actor al guardar; solo cuenta si el actor ya no
    existe (se borró después), para que la parte siga diciendo quién era."""

    actor_id: int | None = None
    representante: str = ""
    cargo: str = ""
    obligaciones: str = ""  # one obligation per line
    nombre_parte: str = ""


@dataclass
class DatosConvenio:
    titulo: str = ""
    tipo: str = "compromiso_comunidad"
    territorio_id: int | None = None
    objeto: str = ""
    lugar: str = ""
    fecha_inicio: date | None = None
    fecha_fin: date | None = None
    notas: str = ""
    partes: tuple[DatosParte, ...] = ()


CAMPOS_COLUMNA = tuple(c for c in DatosConvenio.__dataclass_fields__ if c != "partes")


@dataclass(frozen=True)
class FilaConvenio:
    id: int
    tipo: str
    tipo_texto: str
    titulo: str
    territorio_id: int | None
    territorio: str  # «» when it is for the whole district
    partes: str  # names joined, in order
    estado: str
    estado_texto: str
    fecha_firma: date | None
    fecha_inicio: date | None
    fecha_fin: date | None
    tiene_escaneo: bool
    documentos: int = 0

    @property
    def firmado(self) -> bool:
        return self.estado == FIRMADO


@dataclass(frozen=True)
class ParteFicha:
    orden: int
    actor_id: int | None
    nombre: str
    representante: str
    cargo: str
    obligaciones: tuple[str, ...]


@dataclass(frozen=True)
class FichaConvenio:
    """Todo lo que muestra el panel del convenio elegido y lo que usa el impreso, leído en una sola sesión."""

    id: int
    datos: DatosConvenio
    estado: str
    estado_texto: str
    tipo_texto: str
    territorio: str
    fecha_firma: date | None
    hash_firma: str
    partes: tuple[ParteFicha, ...]
    documentos: tuple[FilaDocumento, ...] = field(default=())
    faltan: tuple[str, ...] = ()  # what a draft still needs before it can be signed

    @property
    def firmado(self) -> bool:
        return self.estado == FIRMADO


# -- validación ---------------------------------------------------------------------------------------------------
def _rechazar_si_firmado(c: Convenio, accion: str) -> None:
    if c.estado == FIRMADO:
        raise ErrorDeUsuario(
            _("El convenio está firmado: no se puede {accion}. Un convenio firmado queda tal como se firmó; si "
              "hace falta otro acuerdo, registre un convenio nuevo.").format(accion=accion))


def obligaciones_de(texto: str) -> tuple[str, ...]:
    """Las obligaciones escritas una por renglón, sin renglones vacíos ni viñetas escritas a mano."""
    salida = []
    for renglon in (texto or "").splitlines():
        limpio = renglon.strip().lstrip("-•*·–").strip()
        if limpio:
            salida.append(limpio)
    return tuple(salida)


def _validar(s: Session, municipio_id: int, d: DatosConvenio) -> DatosConvenio:
    v = Validador()
    titulo = v.texto("titulo", d.titulo, _("el título del convenio"), obligatorio=True)
    tipo = v.opcion("tipo", d.tipo, TIPOS_CONVENIO, _("el tipo de convenio"))
    objeto = v.texto("objeto", d.objeto, _("el objeto"), maximo=5000)
    lugar = v.texto("lugar", d.lugar, _("el lugar de firma"), maximo=150)
    notas = v.texto("notas", d.notas, _("las notas"), maximo=5000)
    if d.fecha_inicio and d.fecha_fin and d.fecha_fin < d.fecha_inicio:
        v.error("fecha_fin", _("La fecha de fin ({fin}) es anterior a la de inicio ({inicio}); corrija una de las "
                               "dos.").format(fin=formato.fecha(d.fecha_fin), inicio=formato.fecha(d.fecha_inicio)))
    if d.territorio_id is not None:
        t = s.get(Territorio, d.territorio_id)
        if t is None or t.municipio_id != municipio_id:
            v.error("territorio_id", _("El territorio elegido ya no existe; elija otro de la lista."))
    partes = _validar_partes(s, v, municipio_id, d.partes)
    v.verificar()
    return DatosConvenio(titulo=titulo, tipo=tipo, territorio_id=d.territorio_id, objeto=objeto, lugar=lugar,
                         fecha_inicio=d.fecha_inicio, fecha_fin=d.fecha_fin, notas=notas, partes=partes)


def campo_parte(n: int, campo: str) -> str:
    """El nombre de campo de un error de la parte número `n` (desde 1), p. ej. «partes.2.actor_id»."""
    return f"partes.{n}.{campo}"


def _validar_partes(s: Session, v: Validador, municipio_id: int, partes: tuple[DatosParte, ...]
                    ) -> tuple[DatosParte, ...]:
    ids = [p.actor_id for p in partes if p.actor_id is not None]
    actores = {a.id: a for a in s.scalars(select(Actor).where(Actor.id.in_(ids), Actor.municipio_id == municipio_id))}
    vistos: dict[int, int] = {}
    limpias = []
    for n, p in enumerate(partes, start=1):
        nombre = (p.nombre_parte or "").strip()
        if p.actor_id is not None:
            actor = actores.get(p.actor_id)
            if actor is None:
                v.error(campo_parte(n, "actor_id"), _("Parte {n}: el actor elegido ya no existe; elija otro de la "
                                                      "lista.").format(n=n))
            else:
                nombre = actor.nombre  # the copy that keeps saying who signed if the actor changes later
                if p.actor_id in vistos:
                    v.error(campo_parte(n, "actor_id"), _("Parte {n}: «{nombre}» ya es la parte {otra}; cada actor "
                                                          "firma una sola vez.").format(
                        n=n, nombre=actor.nombre, otra=vistos[p.actor_id]))
                vistos.setdefault(p.actor_id, n)
        elif not nombre:
            v.error(campo_parte(n, "actor_id"), _("Parte {n}: elija el actor (la institución u organización que "
                                                  "firma).").format(n=n))
        etiqueta = _("Parte {n}").format(n=n)
        limpias.append(DatosParte(
            actor_id=p.actor_id, nombre_parte=nombre[:200],
            representante=v.texto(campo_parte(n, "representante"), p.representante,
                                  _("quién firma ({parte})").format(parte=etiqueta), maximo=150),
            cargo=v.texto(campo_parte(n, "cargo"), p.cargo, _("el cargo ({parte})").format(parte=etiqueta),
                          maximo=150),
            obligaciones=v.texto(campo_parte(n, "obligaciones"), p.obligaciones,
                                 _("las obligaciones ({parte})").format(parte=etiqueta), maximo=5000),
        ))
    return tuple(limpias)


# -- lectura ------------------------------------------------------------------------------------------------------
def _datos_de(c: Convenio) -> DatosConvenio:
    return DatosConvenio(**{k: getattr(c, k) for k in CAMPOS_COLUMNA}, partes=tuple(
        DatosParte(actor_id=p.actor_id, representante=p.representante, cargo=p.cargo, obligaciones=p.obligaciones,
                   nombre_parte=p.nombre_parte) for p in sorted(c.partes, key=lambda p: p.orden)))


def _del_municipio(s: Session, municipio_id: int | None, convenio_id: int) -> Convenio:
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    if municipio_id is not None and c.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("No se encontró el convenio (n.º {ident}). Puede que se haya eliminado; actualice la "
                               "vista.").format(ident=convenio_id))
    return c


def obtener_convenio(s: Session, convenio_id: int) -> DatosConvenio:
    return _datos_de(obtener(s, Convenio, convenio_id, _("el convenio")))


def ficha_convenio(s: Session, convenio_id: int) -> FichaConvenio:
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    territorio = s.scalar(select(Territorio.nombre).where(Territorio.id == c.territorio_id)) if c.territorio_id else None
    partes = tuple(ParteFicha(p.orden, p.actor_id, p.nombre_parte, p.representante, p.cargo,
                              obligaciones_de(p.obligaciones)) for p in sorted(c.partes, key=lambda p: p.orden))
    return FichaConvenio(c.id, _datos_de(c), c.estado, traducir(ESTADOS_CONVENIO.get(c.estado, c.estado)),
                         traducir(TIPOS_CONVENIO.get(c.tipo, c.tipo)), territorio or "", c.fecha_firma, c.hash_firma,
                         partes, tuple(listar_documentos_convenio(s, c.id)),
                         tuple(problemas_para_firmar(s, c.id).values()) if c.estado != FIRMADO else ())


def listar_convenios(s: Session, municipio_id: int) -> list[FilaConvenio]:
    """Los convenios del municipio, los más recientes primero; tres consultas sin importar cuántos haya."""
    nombres: dict[int, list[str]] = {}
    for cid, nombre in s.execute(select(ParteConvenio.convenio_id, ParteConvenio.nombre_parte)
                                 .where(ParteConvenio.municipio_id == municipio_id)
                                 .order_by(ParteConvenio.convenio_id, ParteConvenio.orden, ParteConvenio.id)):
        nombres.setdefault(cid, []).append(nombre)
    documentos: dict[int, int] = {cid: n for cid, n in s.execute(
        select(Documento.convenio_id, func.count()).where(Documento.municipio_id == municipio_id,
                                                          Documento.convenio_id.is_not(None))
        .group_by(Documento.convenio_id))}
    tipos = {k: traducir(v) for k, v in TIPOS_CONVENIO.items()}
    estados = {k: traducir(v) for k, v in ESTADOS_CONVENIO.items()}
    q = (select(Convenio.id, Convenio.tipo, Convenio.titulo, Convenio.territorio_id, Territorio.nombre,
                Convenio.estado, Convenio.fecha_firma, Convenio.fecha_inicio, Convenio.fecha_fin)
         .outerjoin(Territorio, Territorio.id == Convenio.territorio_id)
         .where(Convenio.municipio_id == municipio_id).order_by(Convenio.id.desc()))
    salida = []
    for i, tipo, titulo, tid, territorio, estado, firma, inicio, fin in s.execute(q):
        n = documentos.get(i, 0)
        salida.append(FilaConvenio(i, tipo, tipos.get(tipo, tipo), titulo, tid, territorio or "",
                                   ", ".join(nombres.get(i, ())), estado, estados.get(estado, estado), firma,
                                   inicio, fin, n > 0, n))
    return salida


def contar_convenios(s: Session, municipio_id: int) -> int:
    return s.scalar(select(func.count()).select_from(Convenio).where(Convenio.municipio_id == municipio_id)) or 0


def actores_para_elegir(s: Session, municipio_id: int) -> list[tuple[int, str]]:
    """(id, nombre) de los actores que pueden ser parte: instituciones y organizaciones primero, luego personas."""
    q = (select(Actor.id, Actor.nombre, Actor.tipo).where(Actor.municipio_id == municipio_id)
         .order_by(func.lower(Actor.nombre)))
    filas = s.execute(q).all()
    return [(i, n) for i, n, t in filas if t != "persona"] + [(i, n) for i, n, t in filas if t == "persona"]


def territorios_para_elegir(s: Session, municipio_id: int) -> list[tuple[int, str]]:
    return [(i, n) for i, n in s.execute(select(Territorio.id, Territorio.nombre)
                                         .where(Territorio.municipio_id == municipio_id)
                                         .order_by(func.lower(Territorio.nombre)))]


def sugerir_firmante(s: Session, actor_id: int) -> tuple[str, str]:
    """(quién firma, cargo) que el formulario propone al elegir un actor; el usuario lo corrige si hace falta.

    La Municipalidad del expediente: su Intendente. Una persona: ella misma con su cargo. Una institución u
    organización: la primera persona que pertenece a ella, o su contacto.
    """
    a = s.get(Actor, actor_id)
    if a is None:
        return "", ""
    if a.tipo == "persona":
        return a.nombre, a.cargo
    if a.categoria == "municipalidad":
        m = s.get(Municipio, a.municipio_id)
        if m is not None and m.intendente_nombre and a.nombre.casefold() == (
                _("Municipalidad de {municipio}").format(municipio=m.nombre)).casefold():
            return m.intendente_nombre, _("Intendente Municipal")
    persona = s.execute(select(Actor.nombre, Actor.cargo).where(Actor.institucion_id == actor_id,
                                                               Actor.tipo == "persona")
                        .order_by(Actor.id)).first()
    if persona is not None:
        return persona[0], persona[1]
    return a.contacto, ""


# -- alta y cambios -----------------------------------------------------------------------------------------------
def _poner_partes(s: Session, c: Convenio, partes: tuple[DatosParte, ...]) -> None:
    """Reemplaza las partes por la lista dada, en ese orden."""
    s.execute(delete(ParteConvenio).where(ParteConvenio.convenio_id == c.id),
              execution_options={"synchronize_session": False})
    s.expire(c, ["partes"])
    for orden, p in enumerate(partes, start=1):
        s.add(ParteConvenio(municipio_id=c.municipio_id, convenio_id=c.id, actor_id=p.actor_id,
                            nombre_parte=p.nombre_parte, representante=p.representante, cargo=p.cargo,
                            obligaciones=p.obligaciones, orden=orden))
    s.flush()
    s.expire(c, ["partes"])


def crear_convenio(s: Session, municipio_id: int, datos: DatosConvenio) -> int:
    d = _validar(s, municipio_id, datos)
    c = Convenio(municipio_id=municipio_id, estado=BORRADOR, **{k: getattr(d, k) for k in CAMPOS_COLUMNA})
    s.add(c)
    s.flush()
    _poner_partes(s, c, d.partes)
    auditar(s, municipio_id, "convenio", c.id, "crear", d.titulo)
    return c.id


def actualizar_convenio(s: Session, convenio_id: int, datos: DatosConvenio) -> DatosConvenio:
    """Guarda los cambios (las partes se reemplazan por la lista dada) y devuelve los datos anteriores."""
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    _rechazar_si_firmado(c, _("modificarlo"))
    anterior = _datos_de(c)
    d = _validar(s, c.municipio_id, datos)
    for k in CAMPOS_COLUMNA:
        setattr(c, k, getattr(d, k))
    if d.partes != anterior.partes:
        _poner_partes(s, c, d.partes)
    cambios = [k for k in DatosConvenio.__dataclass_fields__ if getattr(anterior, k) != getattr(d, k)]
    auditar(s, c.municipio_id, "convenio", c.id, "actualizar", f"{d.titulo}: {', '.join(cambios) or 'sin cambios'}")
    s.flush()
    return anterior


def quitar_parte(s: Session, convenio_id: int, orden: int) -> DatosConvenio:
    """Quita la parte en la posición `orden` (desde 1); devuelve los datos anteriores (para deshacer)."""
    datos = obtener_convenio(s, convenio_id)
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    _rechazar_si_firmado(c, _("quitarle partes"))
    if not 1 <= orden <= len(datos.partes):
        raise ErrorDeUsuario(_("El convenio no tiene una parte {n}.").format(n=orden))
    partes = tuple(p for i, p in enumerate(datos.partes, start=1) if i != orden)
    return actualizar_convenio(s, convenio_id, DatosConvenio(**{**_como_dict(datos), "partes": partes}))


def _como_dict(d: DatosConvenio) -> dict[str, Any]:
    return {k: getattr(d, k) for k in DatosConvenio.__dataclass_fields__}


# -- firma --------------------------------------------------------------------------------------------------------
def texto_canonico(c: Convenio) -> str:
    """El contenido firmado como texto estable: JSON con claves ordenadas, sin espacios, UTF-8.

    Mismo contenido, mismo texto (y misma huella), hoy y dentro de diez años.
    """
    contenido = {
        "version": VERSION_CANONICA,
        "tipo": c.tipo,
        "titulo": c.titulo,
        "objeto": c.objeto,
        "lugar": c.lugar,
        "fecha_inicio": c.fecha_inicio.isoformat() if c.fecha_inicio else None,
        "fecha_fin": c.fecha_fin.isoformat() if c.fecha_fin else None,
        "fecha_firma": c.fecha_firma.isoformat() if c.fecha_firma else None,
        "partes": [{"orden": p.orden, "nombre": p.nombre_parte, "representante": p.representante,
                    "cargo": p.cargo, "obligaciones": p.obligaciones}
                   for p in sorted(c.partes, key=lambda p: p.orden)],
    }
    return json.dumps(contenido, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def huella(c: Convenio) -> str:
    return hashlib.sha256(texto_canonico(c).encode("utf-8")).hexdigest()


def problemas_para_firmar(s: Session, convenio_id: int) -> dict[str, str]:
    """Lo que falta para poder firmar, por campo (vacío si se puede). La página lo muestra antes de pedir la fecha."""
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    v = Validador()
    if c.estado == FIRMADO:
        v.error("estado", _("El convenio ya está firmado (el {fecha}).").format(fecha=formato.fecha(c.fecha_firma)))
        return v.errores
    partes = sorted(c.partes, key=lambda p: p.orden)
    if len(partes) < 2:
        v.error("partes", n_("Tiene {n} parte: un convenio se firma entre al menos dos partes.",
                             "Tiene {n} partes: un convenio se firma entre al menos dos partes.",
                             len(partes)).format(n=len(partes)))
    if not c.objeto.strip():
        v.error("objeto", _("Escriba el objeto del convenio (qué se acuerda)."))
    for n, p in enumerate(partes, start=1):
        if not p.representante.strip():
            v.error(campo_parte(n, "representante"), _("Parte {n} («{nombre}»): escriba quién firma por ella.")
                    .format(n=n, nombre=p.nombre_parte))
    return v.errores


def firmar(s: Session, municipio_id: int, convenio_id: int, fecha_firma: date | None, *,
           hoy: date | None = None) -> str:
    """Marca el convenio como firmado en esa fecha, guarda su huella y lo congela. Devuelve la huella."""
    c = _del_municipio(s, municipio_id, convenio_id)
    _rechazar_si_firmado(c, _("firmarlo otra vez"))
    errores = problemas_para_firmar(s, convenio_id)
    if fecha_firma is None:
        errores.setdefault("fecha_firma", _("Escriba la fecha en que se firmó."))
    else:
        if fecha_firma > (hoy or date.today()):
            errores.setdefault("fecha_firma", _("La fecha de firma no puede ser futura: registre la firma cuando "
                                                "ocurra."))
        if c.fecha_fin and fecha_firma > c.fecha_fin:
            errores.setdefault("fecha_firma", _("La fecha de firma ({firma}) es posterior a la de fin del convenio "
                                                "({fin}).").format(firma=formato.fecha(fecha_firma),
                                                                    fin=formato.fecha(c.fecha_fin)))
    if errores:
        raise ErroresDeValidacion(errores)
    c.fecha_firma = fecha_firma
    c.estado = FIRMADO
    c.hash_firma = huella(c)
    s.flush()
    auditar(s, c.municipio_id, "convenio", c.id, "firmar",
            f"{c.titulo}: firmado el {fecha_firma.isoformat()}, SHA-256 {c.hash_firma}")
    return c.hash_firma


def deshacer_firma(s: Session, convenio_id: int) -> date | None:
    """Solo para la pila de deshacer (Ctrl+Z justo después de firmar): vuelve a borrador y devuelve la fecha.

    No es una orden de la interfaz ni de la CLI: un convenio firmado no se reabre (ver el comentario del módulo).
    """
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    fecha = c.fecha_firma
    c.estado, c.fecha_firma, c.hash_firma = BORRADOR, None, ""
    auditar(s, c.municipio_id, "convenio", c.id, "deshacer_firma", f"{c.titulo}: firma deshecha en la misma sesión")
    return fecha


def verificar_firma(s: Session, convenio_id: int) -> bool:
    """True si el contenido sigue siendo el que se firmó (la huella guardada coincide con la calculada)."""
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    return c.estado == FIRMADO and bool(c.hash_firma) and huella(c) == c.hash_firma


# -- baja que se puede deshacer -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConvenioEliminado:
    convenio: dict[str, Any]
    partes: tuple[dict[str, Any], ...]
    documentos: tuple[dict[str, Any], ...]


def eliminar_convenio(s: Session, convenio_id: int) -> ConvenioEliminado:
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    _rechazar_si_firmado(c, _("eliminarlo"))
    copia = ConvenioEliminado(
        copiar_filas(s, Convenio, Convenio.id == convenio_id)[0],
        copiar_filas(s, ParteConvenio, ParteConvenio.convenio_id == convenio_id),
        copiar_filas(s, Documento, Documento.convenio_id == convenio_id),
    )
    municipio_id, titulo = c.municipio_id, c.titulo
    s.delete(c)
    s.flush()
    auditar(s, municipio_id, "convenio", convenio_id, "eliminar", titulo)
    return copia


def restaurar_convenio(s: Session, copia: ConvenioEliminado) -> int:
    fila = dict(copia.convenio)
    if fila.get("territorio_id") is not None and s.get(Territorio, fila["territorio_id"]) is None:
        fila["territorio_id"] = None  # the territory was deleted meanwhile
    reponer_filas(s, Convenio, [fila])
    vivos = set(s.scalars(select(Actor.id).where(Actor.id.in_({p["actor_id"] for p in copia.partes
                                                               if p["actor_id"] is not None}))))
    reponer_filas(s, ParteConvenio, [p if p["actor_id"] in vivos or p["actor_id"] is None else {**p, "actor_id": None}
                                     for p in copia.partes])
    reponer_filas(s, Documento, copia.documentos)
    s.flush()
    auditar(s, fila["municipio_id"], "convenio", fila["id"], "restaurar", fila["titulo"])
    return fila["id"]


# -- escaneo firmado y otros documentos ----------------------------------------------------------------------------
def listar_documentos_convenio(s: Session, convenio_id: int) -> list[FilaDocumento]:
    q = select(Documento).where(Documento.convenio_id == convenio_id).order_by(Documento.id)
    return [FilaDocumento(d.id, d.nombre_archivo, d.tipo_mime, d.tamano, d.descripcion, d.creado_en)
            for d in s.scalars(q)]


def _leer_archivo(ruta: Path) -> bytes:
    try:
        if ruta.stat().st_size > TAMANO_MAXIMO_DOCUMENTO:
            raise ErrorDeUsuario(_("«{nombre}» pesa más de 50 MB. Reduzca el archivo (por ejemplo, escanee en menor "
                                   "resolución).").format(nombre=ruta.name), campo="archivo")
        return ruta.read_bytes()
    except OSError as exc:
        raise ErrorDeUsuario(_("No se pudo leer «{nombre}». Verifique que el archivo exista y no esté abierto en "
                               "otro programa.").format(nombre=ruta.name), campo="archivo", detalle=str(exc)) from exc


def adjuntar_documento_convenio(s: Session, convenio_id: int, ruta: Path | str, descripcion: str = "",
                                contenido: bytes | None = None) -> int:
    """Guarda un archivo (el escaneo firmado, normalmente) dentro del expediente, unido al convenio.

    Se permite también con el convenio firmado: es justamente cuando se adjunta el papel con las firmas.
    """
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    ruta = Path(ruta)
    if contenido is None:
        contenido = _leer_archivo(ruta)
    if len(contenido) > TAMANO_MAXIMO_DOCUMENTO:
        raise ErrorDeUsuario(_("«{nombre}» pesa más de 50 MB.").format(nombre=ruta.name), campo="archivo")
    doc = Documento(
        municipio_id=c.municipio_id, convenio_id=c.id, nombre_archivo=ruta.name[:255],
        tipo_mime=mimetypes.guess_type(ruta.name)[0] or "application/octet-stream", tamano=len(contenido),
        sha256=hashlib.sha256(contenido).hexdigest(), descripcion=(descripcion or "").strip(), contenido=contenido,
    )
    s.add(doc)
    s.flush()
    auditar(s, c.municipio_id, "documento", doc.id, "adjuntar", f"convenio {c.id}: {doc.nombre_archivo}")
    return doc.id


@dataclass(frozen=True)
class DocumentoConvenioEliminado:
    fila: dict[str, Any]


def eliminar_documento_convenio(s: Session, documento_id: int) -> DocumentoConvenioEliminado:
    d = obtener(s, Documento, documento_id, _("el documento"))
    if d.convenio_id is None:
        raise ErrorDeUsuario(_("El documento no pertenece a un convenio."))
    copia = DocumentoConvenioEliminado(copiar_filas(s, Documento, Documento.id == documento_id)[0])
    s.delete(d)
    s.flush()
    auditar(s, copia.fila["municipio_id"], "documento", documento_id, "eliminar", copia.fila["nombre_archivo"])
    return copia


def restaurar_documento_convenio(s: Session, copia: DocumentoConvenioEliminado) -> int:
    if s.get(Convenio, copia.fila["convenio_id"]) is None:
        raise ErrorDeUsuario(_("El convenio de «{nombre}» ya no existe.").format(nombre=copia.fila["nombre_archivo"]))
    reponer_filas(s, Documento, [copia.fila])
    s.flush()
    auditar(s, copia.fila["municipio_id"], "documento", copia.fila["id"], "restaurar", copia.fila["nombre_archivo"])
    return copia.fila["id"]
