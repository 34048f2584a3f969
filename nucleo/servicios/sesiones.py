"""Sesiones de las mesas: convocatoria, orden del día, asistencia con quórum, acuerdos y compromisos.

Una sesión nace con la fila de asistencia («ausente») de cada miembro designado ese día; los miembros que se
agregan después entran también mientras el acta no esté firmada. Firmada el acta (nucleo.servicios.actas), la
sesión queda congelada: sus datos, el orden del día, la asistencia, y el texto, responsable, plazo y votos de sus
acuerdos ya no cambian; el estado de cada acuerdo (y su vínculo con una actividad) sí, porque es seguimiento.

Semáforo de un acuerdo: `nucleo.calendario.semaforo(plazo, cumplido, hoy, calendario del municipio)`; los
cancelados no cuentan como abiertos y se muestran en gris.

Deshacer (ui/contexto.ComandoServicio): crear -> id, eliminar -> copia, restaurar(copia) -> id; actualizar ->
datos anteriores; `mover_punto` -> orden anterior; `marcar_asistencia` -> (estado, reemplaza_a_id) anteriores;
`cambiar_estado_acuerdo` -> (estado, cumplido_en) anteriores; `acuerdo_a_actividad` -> id de la actividad (deshacer:
`desvincular_actividad` y `actividades.eliminar_actividad`; rehacer: `actividades.restaurar_actividad` y
`vincular_actividad`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, time
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.calendario import AL_DIA, CUMPLIDA, POR_VENCER, SIN_FECHA, VENCIDA, semaforo
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo import (
    Acta,
    Actividad,
    Actor,
    Acuerdo,
    Asistencia,
    Mesa,
    MiembroMesa,
    PlanAccion,
    PuntoAgenda,
    Sesion,
)
from nucleo.modelo.mesa import ESTADOS_ACTA, ESTADOS_ACUERDO, ESTADOS_ASISTENCIA, ESTADOS_SESION, TIPOS_SESION
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.mesas import (
    ABIERTOS,
    Quorum,
    calcular_quorum,
    completar_asistencia,
    etiqueta_acta,
    reponer_actas,
    texto_rol,
    vigente,
)

MAXIMO_TEXTO = 20000
MAXIMA_DURACION = 24 * 60
MAXIMO_NOMBRE_ACTIVIDAD = 200
CANCELADO = "cancelado"


# -- datos ------------------------------------------------------------------------------------------------
@dataclass
class DatosSesion:
    fecha: date | None = None
    hora: time | None = None
    duracion_prevista: int = 120
    lugar: str = ""
    tipo: str = "ordinaria"
    estado: str = "convocada"
    hora_inicio: time | None = None
    hora_fin: time | None = None
    convocada_en: date | None = None
    notas: str = ""


CAMPOS_SESION = tuple(f.name for f in fields(DatosSesion))


@dataclass(frozen=True)
class FilaSesion:
    id: int
    mesa_id: int
    mesa: str
    fecha: date
    hora: time | None
    lugar: str
    tipo: str
    tipo_texto: str
    estado: str
    estado_texto: str
    acta_id: int | None
    acta_numero: str  # «Acta N.º 3/2026» or ""
    acta_estado: str  # clave of ESTADOS_ACTA or ""
    n_puntos: int
    minutos_agenda: int
    n_presentes: int  # people present: members and guests
    quorum: Quorum
    duracion_prevista: int = 120
    acta_estado_texto: str = ""


@dataclass(frozen=True)
class SesionEliminada:
    columnas: dict[str, Any]
    puntos: tuple[dict[str, Any], ...] = ()
    asistencias: tuple[dict[str, Any], ...] = ()
    acuerdos: tuple[dict[str, Any], ...] = ()
    actas: tuple[dict[str, Any], ...] = ()


@dataclass
class DatosPunto:
    titulo: str = ""
    expositor: str = ""
    minutos: int = 15
    desarrollo: str = ""


CAMPOS_PUNTO = tuple(f.name for f in fields(DatosPunto))


@dataclass(frozen=True)
class FilaPunto:
    id: int
    orden: int
    titulo: str
    expositor: str
    minutos: int
    desarrollo: str
    n_acuerdos: int


@dataclass(frozen=True)
class PuntoEliminado:
    columnas: dict[str, Any]
    acuerdos: tuple[int, ...] = ()  # acuerdos that named it (punto_id is nulled by the database)


@dataclass(frozen=True)
class FilaAsistencia:
    id: int
    miembro_id: int | None
    nombre: str
    cargo: str
    institucion: str
    rol: str
    rol_texto: str
    titular: bool
    con_voto: bool
    estado: str
    estado_texto: str
    reemplaza_a_id: int | None
    reemplaza_a: str
    invitado: bool
    suplente_de_id: int | None = None  # for a suplente: the titular it stands in for by designation


@dataclass(frozen=True)
class InvitadoEliminado:
    columnas: dict[str, Any]


@dataclass
class DatosAcuerdo:
    texto: str = ""
    punto_id: int | None = None
    responsable_id: int | None = None
    responsable_texto: str = ""
    plazo: date | None = None
    estado: str = "pendiente"
    cumplido_en: date | None = None
    votos_favor: int | None = None
    votos_contra: int | None = None
    abstenciones: int | None = None
    notas: str = ""


CAMPOS_ACUERDO = tuple(f.name for f in fields(DatosAcuerdo))
# What a signed acta shows of each acuerdo: frozen with it.
CONGELADOS_ACUERDO = ("texto", "punto_id", "responsable_id", "responsable_texto", "plazo", "votos_favor",
                      "votos_contra", "abstenciones")


@dataclass(frozen=True)
class FilaAcuerdo:
    id: int
    sesion_id: int
    mesa_id: int
    mesa: str
    acta_numero: str
    fecha_sesion: date
    orden: int
    texto: str
    punto_id: int | None
    responsable_id: int | None
    responsable: str
    plazo: date | None
    estado: str
    estado_texto: str
    semaforo: str
    cumplido_en: date | None
    votos_favor: int | None
    votos_contra: int | None
    abstenciones: int | None
    actividad_id: int | None
    actividad: str  # «Plan San Miguel · 5.3 Taller…» or ""
    notas: str = ""
    plan_id: int | None = None  # the plan of the linked activity


@dataclass(frozen=True)
class AcuerdoEliminado:
    columnas: dict[str, Any]


# -- lo común ---------------------------------------------------------------------------------------------
def _sesion(s: Session, sesion_id: int) -> Sesion:
    return obtener(s, Sesion, sesion_id, _("la sesión"))


def _acta_de(s: Session, sesion_id: int) -> Acta | None:
    return s.scalar(select(Acta).where(Acta.sesion_id == sesion_id))


def exigir_sin_firma(s: Session, sesion_id: int, que: str) -> None:
    """ErrorDeUsuario si el acta de la sesión está firmada: `que` dice qué ya no se modifica."""
    acta = _acta_de(s, sesion_id)
    if acta is not None and acta.estado == "firmada":
        raise ErrorDeUsuario(_("El acta N.º {numero}/{anio} está firmada: {que}. Si hay que corregir algo, labre "
                               "un acta de corrección que la nombre.").format(numero=acta.numero, anio=acta.anio,
                                                                              que=que))


def texto_votos(favor: int | None, contra: int | None, abstenciones: int | None) -> str:
    """«A favor: 7; en contra: 1; abstenciones: 2», o "" si se acordó por consenso."""
    if favor is None and contra is None and abstenciones is None:
        return ""
    return _("A favor: {f}; en contra: {c}; abstenciones: {a}").format(
        f=formato.entero(favor or 0), c=formato.entero(contra or 0), a=formato.entero(abstenciones or 0))


def _fecha(v: Validador, campo: str, valor: Any, etiqueta: str) -> date | None:
    if valor is None:
        return None
    if not isinstance(valor, date):
        v.error(campo, _("{etiqueta} no es una fecha válida.").format(etiqueta=etiqueta))
        return None
    return valor


def _hora(v: Validador, campo: str, valor: Any, etiqueta: str) -> time | None:
    if valor is None:
        return None
    if not isinstance(valor, time):
        v.error(campo, _("{etiqueta} no es una hora válida; escríbala como 18:30.").format(etiqueta=etiqueta))
        return None
    return valor


def _entero(v: Validador, campo: str, valor: Any, mensaje: str, minimo: int, maximo: int) -> int | None:
    if isinstance(valor, bool) or not isinstance(valor, int) or not minimo <= valor <= maximo:
        v.error(campo, mensaje)
        return None
    return valor


# -- sesiones ---------------------------------------------------------------------------------------------
def _validar_sesion(d: DatosSesion) -> DatosSesion:
    v = Validador()
    fecha = _fecha(v, "fecha", d.fecha, _("La fecha de la sesión"))
    if d.fecha is None:
        v.error("fecha", _("Indique la fecha de la sesión."))
    hora = _hora(v, "hora", d.hora, _("La hora de la convocatoria"))
    inicio = _hora(v, "hora_inicio", d.hora_inicio, _("La hora de inicio"))
    fin = _hora(v, "hora_fin", d.hora_fin, _("La hora de cierre"))
    if inicio is not None and fin is not None and fin < inicio:
        v.error("hora_fin", _("La sesión no puede cerrarse ({fin}) antes de empezar ({inicio}).").format(
            fin=fin.strftime("%H:%M"), inicio=inicio.strftime("%H:%M")))
    duracion = _entero(v, "duracion_prevista", d.duracion_prevista,
                       _("La duración prevista es de más de 0 minutos (como mucho {n}).").format(
                           n=formato.entero(MAXIMA_DURACION)), 1, MAXIMA_DURACION)
    tipo = v.opcion("tipo", d.tipo, TIPOS_SESION, _("el tipo de sesión"))
    estado = v.opcion("estado", d.estado, ESTADOS_SESION, _("el estado de la sesión"))
    lugar = v.texto("lugar", d.lugar, _("el lugar"))
    notas = v.texto("notas", d.notas, _("las notas"), maximo=MAXIMO_TEXTO)
    convocada = _fecha(v, "convocada_en", d.convocada_en, _("La fecha de la convocatoria"))
    if convocada is not None and fecha is not None and convocada > fecha:
        v.error("convocada_en", _("La convocatoria ({convocada}) no puede ser posterior a la sesión ({fecha}).")
                .format(convocada=formato.fecha(convocada), fecha=formato.fecha(fecha)))
    v.verificar()
    return DatosSesion(fecha=fecha, hora=hora, duracion_prevista=duracion or 120, lugar=lugar, tipo=tipo,
                       estado=estado, hora_inicio=inicio, hora_fin=fin, convocada_en=convocada, notas=notas)


def _describir(sesion: Sesion | DatosSesion, mesa: str) -> str:
    return f"{mesa}: {formato.fecha(sesion.fecha)}"


def crear_sesion(s: Session, mesa_id: int, datos: DatosSesion) -> int:
    """Convoca una sesión (el lugar vacío toma el habitual de la mesa) con la asistencia de los miembros
    designados ese día, todos «ausentes» hasta que se marque su llegada."""
    mesa = obtener(s, Mesa, mesa_id, _("la mesa"))
    d = _validar_sesion(datos)
    if not d.lugar:
        d.lugar = mesa.lugar_habitual
    sesion = Sesion(municipio_id=mesa.municipio_id, mesa_id=mesa_id, **{c: getattr(d, c) for c in CAMPOS_SESION})
    s.add(sesion)
    s.flush()
    completar_asistencia(s, sesion)
    auditar(s, mesa.municipio_id, "sesion", sesion.id, "crear", _describir(d, mesa.nombre))
    return sesion.id


def obtener_sesion(s: Session, sesion_id: int) -> DatosSesion:
    sesion = _sesion(s, sesion_id)
    return DatosSesion(**{c: getattr(sesion, c) for c in CAMPOS_SESION})


def actualizar_sesion(s: Session, sesion_id: int, datos: DatosSesion) -> DatosSesion:
    """Guarda los cambios y devuelve los datos anteriores (deshacer)."""
    sesion = _sesion(s, sesion_id)
    exigir_sin_firma(s, sesion_id, _("los datos de la sesión ya no se modifican"))
    anterior = obtener_sesion(s, sesion_id)
    d = _validar_sesion(datos)
    acta = _acta_de(s, sesion_id)
    if acta is not None and d.fecha is not None and d.fecha.year != acta.anio:
        raise ErrorDeUsuario(_("La sesión ya tiene el {acta}: su fecha no puede pasar a otro año. Elimine primero "
                               "el acta (todavía es un borrador) y lábrela de nuevo.").format(
            acta=etiqueta_acta(acta.numero, acta.anio)), campo="fecha")
    for c in CAMPOS_SESION:
        setattr(sesion, c, getattr(d, c))
    s.flush()
    completar_asistencia(s, sesion)
    mesa = s.get(Mesa, sesion.mesa_id)
    cambios = [c for c in CAMPOS_SESION if getattr(anterior, c) != getattr(d, c)]
    auditar(s, sesion.municipio_id, "sesion", sesion_id, "actualizar",
            f"{_describir(d, mesa.nombre if mesa else '')}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


def eliminar_sesion(s: Session, sesion_id: int) -> SesionEliminada:
    """Elimina la sesión con su orden del día, asistencia, acuerdos y acta (no si el acta está firmada)."""
    sesion = _sesion(s, sesion_id)
    exigir_sin_firma(s, sesion_id, _("la sesión no se puede eliminar"))
    copia = SesionEliminada(
        columnas=copiar_filas(s, Sesion, Sesion.id == sesion_id)[0],
        puntos=copiar_filas(s, PuntoAgenda, PuntoAgenda.sesion_id == sesion_id),
        asistencias=copiar_filas(s, Asistencia, Asistencia.sesion_id == sesion_id),
        acuerdos=copiar_filas(s, Acuerdo, Acuerdo.sesion_id == sesion_id),
        actas=copiar_filas(s, Acta, Acta.sesion_id == sesion_id),
    )
    mesa = s.get(Mesa, sesion.mesa_id)
    resumen = _describir(sesion, mesa.nombre if mesa else "")
    for obj in list(s.identity_map.values()):
        if isinstance(obj, PuntoAgenda | Asistencia | Acuerdo | Acta) and obj.sesion_id == sesion_id:
            s.expunge(obj)
    mid = sesion.municipio_id
    s.delete(sesion)
    s.flush()
    auditar(s, mid, "sesion", sesion_id, "eliminar", resumen)
    return copia


def restaurar_sesion(s: Session, copia: SesionEliminada) -> int:
    columnas = dict(copia.columnas)
    if s.get(Mesa, columnas["mesa_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver la sesión: su mesa ya no existe."))
    for acta in copia.actas:
        if s.scalar(select(Acta.id).where(Acta.mesa_id == acta["mesa_id"], Acta.anio == acta["anio"],
                                          Acta.numero == acta["numero"])) is not None:
            raise ErrorDeUsuario(_("No se puede devolver la sesión: su número de acta ({acta}) ya lo tiene otra "
                                   "acta de la mesa.").format(acta=etiqueta_acta(acta["numero"], acta["anio"])))
    reponer_filas(s, Sesion, [columnas])
    reponer_filas(s, PuntoAgenda, copia.puntos)
    miembros = set(s.scalars(select(MiembroMesa.id).where(MiembroMesa.mesa_id == columnas["mesa_id"])))
    reponer_filas(s, Asistencia, [
        {**f, "reemplaza_a_id": f["reemplaza_a_id"] if f["reemplaza_a_id"] in miembros else None}
        for f in copia.asistencias if f["miembro_id"] is None or f["miembro_id"] in miembros])
    reponer_filas(s, Acuerdo, [_acuerdo_vivo(s, f) for f in copia.acuerdos])
    reponer_actas(s, copia.actas)
    sesion = s.get(Sesion, columnas["id"])
    assert sesion is not None
    completar_asistencia(s, sesion)
    s.flush()
    auditar(s, columnas["municipio_id"], "sesion", columnas["id"], "restaurar", formato.fecha(columnas["fecha"]))
    return columnas["id"]


def _acuerdo_vivo(s: Session, f: dict[str, Any]) -> dict[str, Any]:
    """La copia de un acuerdo sin los vínculos a lo que se borró mientras tanto."""
    f = dict(f)
    if f["responsable_id"] is not None and s.get(Actor, f["responsable_id"]) is None:
        f["responsable_id"] = None
    if f["actividad_id"] is not None and s.get(Actividad, f["actividad_id"]) is None:
        f["actividad_id"] = None
    if f["punto_id"] is not None and s.get(PuntoAgenda, f["punto_id"]) is None:
        f["punto_id"] = None
    return f


def _quorums(s: Session, sesiones: list[Sesion]) -> dict[int, Quorum]:
    mesas = {x.mesa_id for x in sesiones}
    ids = [x.id for x in sesiones]
    reglas = {m.id: (m.regla_quorum, m.quorum_numero) for m in s.scalars(select(Mesa).where(Mesa.id.in_(mesas)))}
    miembros: dict[int, list[Any]] = {}
    for m in s.execute(select(MiembroMesa.id, MiembroMesa.mesa_id, MiembroMesa.titular, MiembroMesa.con_voto,
                              MiembroMesa.designado_en, MiembroMesa.hasta).where(MiembroMesa.mesa_id.in_(mesas))):
        miembros.setdefault(m.mesa_id, []).append(m)
    asistencias: dict[int, list[Any]] = {}
    for a in s.execute(select(Asistencia.sesion_id, Asistencia.miembro_id, Asistencia.estado,
                              Asistencia.reemplaza_a_id).where(Asistencia.sesion_id.in_(ids))):
        asistencias.setdefault(a.sesion_id, []).append(a)
    return {x.id: calcular_quorum(*reglas[x.mesa_id], miembros.get(x.mesa_id, []), asistencias.get(x.id, []),
                                  x.fecha) for x in sesiones}


def quorum_de_la_sesion(s: Session, sesion_id: int) -> Quorum:
    """El quórum con la asistencia marcada hasta ahora («Hay quórum: 7 de 12 miembros con voto…»)."""
    return _quorums(s, [_sesion(s, sesion_id)])[sesion_id]


def listar_sesiones(s: Session, municipio_id: int, *, mesa_id: int | None = None) -> list[FilaSesion]:
    """Las sesiones (de una mesa o de todas), la más reciente primero, con acta, agenda, presentes y quórum."""
    q = select(Sesion).where(Sesion.municipio_id == municipio_id)
    if mesa_id is not None:
        q = q.where(Sesion.mesa_id == mesa_id)
    sesiones = list(s.scalars(q))
    sesiones.sort(key=lambda x: (x.fecha, x.hora or time(0), x.id), reverse=True)
    if not sesiones:
        return []
    ids = [x.id for x in sesiones]
    mesas = dict(s.execute(select(Mesa.id, Mesa.nombre).where(Mesa.municipio_id == municipio_id)).all())
    actas = {a.sesion_id: a for a in s.scalars(select(Acta).where(Acta.sesion_id.in_(ids)))}
    agenda = {i: (n, m or 0) for i, n, m in s.execute(
        select(PuntoAgenda.sesion_id, func.count(), func.sum(PuntoAgenda.minutos))
        .where(PuntoAgenda.sesion_id.in_(ids)).group_by(PuntoAgenda.sesion_id))}
    presentes = dict(s.execute(select(Asistencia.sesion_id, func.count())
                               .where(Asistencia.sesion_id.in_(ids), Asistencia.estado == "presente")
                               .group_by(Asistencia.sesion_id)).all())
    quorums = _quorums(s, sesiones)
    tipos = {k: traducir(v) for k, v in TIPOS_SESION.items()}
    estados = {k: traducir(v) for k, v in ESTADOS_SESION.items()}
    salida = []
    for x in sesiones:
        acta = actas.get(x.id)
        n, minutos = agenda.get(x.id, (0, 0))
        salida.append(FilaSesion(
            id=x.id, mesa_id=x.mesa_id, mesa=mesas.get(x.mesa_id, ""), fecha=x.fecha, hora=x.hora, lugar=x.lugar,
            tipo=x.tipo, tipo_texto=tipos.get(x.tipo, x.tipo), estado=x.estado,
            estado_texto=estados.get(x.estado, x.estado), acta_id=acta.id if acta else None,
            acta_numero=etiqueta_acta(acta.numero, acta.anio) if acta else "",
            acta_estado=acta.estado if acta else "", n_puntos=n, minutos_agenda=int(minutos),
            n_presentes=presentes.get(x.id, 0), quorum=quorums[x.id], duracion_prevista=x.duracion_prevista,
            acta_estado_texto=traducir(ESTADOS_ACTA.get(acta.estado, acta.estado)) if acta else ""))
    return salida


# -- orden del día ----------------------------------------------------------------------------------------
_AGENDA = _("el orden del día ya no se modifica")


def _validar_punto(d: DatosPunto) -> DatosPunto:
    v = Validador()
    titulo = v.texto("titulo", " ".join((d.titulo or "").split()), _("el título del punto"), obligatorio=True,
                     maximo=300)
    expositor = v.texto("expositor", d.expositor, _("quién lo expone"))
    minutos = _entero(v, "minutos", d.minutos, _("Los minutos previstos son más de 0 (como mucho {n}).").format(
        n=formato.entero(MAXIMA_DURACION)), 1, MAXIMA_DURACION)
    desarrollo = v.texto("desarrollo", d.desarrollo, _("lo tratado"), maximo=MAXIMO_TEXTO)
    v.verificar()
    return DatosPunto(titulo=titulo, expositor=expositor, minutos=minutos or 15, desarrollo=desarrollo)


def _puntos(s: Session, sesion_id: int) -> list[PuntoAgenda]:
    return list(s.scalars(select(PuntoAgenda).where(PuntoAgenda.sesion_id == sesion_id)
                          .order_by(PuntoAgenda.orden, PuntoAgenda.id)))


def _numerar(filas: list[Any]) -> None:
    for n, f in enumerate(filas, start=1):
        if f.orden != n:
            f.orden = n


def _punto(s: Session, punto_id: int) -> PuntoAgenda:
    return obtener(s, PuntoAgenda, punto_id, _("el punto del orden del día"))


def agregar_punto(s: Session, sesion_id: int, datos: DatosPunto, despues_de: int | None = None) -> int:
    """Agrega un punto al final del orden del día, o justo después de `despues_de`."""
    sesion = _sesion(s, sesion_id)
    exigir_sin_firma(s, sesion_id, _AGENDA)
    d = _validar_punto(datos)
    puntos = _puntos(s, sesion_id)
    posicion = len(puntos)
    if despues_de is not None:
        ref = _punto(s, despues_de)
        if ref.sesion_id != sesion_id:
            raise ErrorDeUsuario(_("El punto de referencia es de otra sesión; actualice la vista."))
        posicion = puntos.index(ref) + 1
    p = PuntoAgenda(municipio_id=sesion.municipio_id, sesion_id=sesion_id, orden=0,
                    **{c: getattr(d, c) for c in CAMPOS_PUNTO})
    s.add(p)
    puntos.insert(posicion, p)
    _numerar(puntos)
    s.flush()
    auditar(s, sesion.municipio_id, "punto_agenda", p.id, "crear", d.titulo)
    return p.id


def obtener_punto(s: Session, punto_id: int) -> DatosPunto:
    p = _punto(s, punto_id)
    return DatosPunto(**{c: getattr(p, c) for c in CAMPOS_PUNTO})


def actualizar_punto(s: Session, punto_id: int, datos: DatosPunto) -> DatosPunto:
    p = _punto(s, punto_id)
    exigir_sin_firma(s, p.sesion_id, _AGENDA)
    anterior = obtener_punto(s, punto_id)
    d = _validar_punto(datos)
    for c in CAMPOS_PUNTO:
        setattr(p, c, getattr(d, c))
    s.flush()
    auditar(s, p.municipio_id, "punto_agenda", punto_id, "actualizar", d.titulo)
    return anterior


def eliminar_punto(s: Session, punto_id: int) -> PuntoEliminado:
    p = _punto(s, punto_id)
    exigir_sin_firma(s, p.sesion_id, _AGENDA)
    copia = PuntoEliminado(copiar_filas(s, PuntoAgenda, PuntoAgenda.id == punto_id)[0],
                           tuple(s.scalars(select(Acuerdo.id).where(Acuerdo.punto_id == punto_id))))
    sesion_id, mid, titulo = p.sesion_id, p.municipio_id, p.titulo
    s.execute(update(Acuerdo).where(Acuerdo.punto_id == punto_id).values(punto_id=None),
              execution_options={"synchronize_session": "fetch"})
    s.delete(p)
    s.flush()
    _numerar(_puntos(s, sesion_id))
    s.flush()
    auditar(s, mid, "punto_agenda", punto_id, "eliminar", titulo)
    return copia


def restaurar_punto(s: Session, copia: PuntoEliminado) -> int:
    columnas = dict(copia.columnas)
    if s.get(Sesion, columnas["sesion_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver el punto: su sesión ya no existe."))
    exigir_sin_firma(s, columnas["sesion_id"], _AGENDA)
    otros = _puntos(s, columnas["sesion_id"])
    reponer_filas(s, PuntoAgenda, [columnas])
    p = s.get(PuntoAgenda, columnas["id"])
    assert p is not None
    otros.insert(min(max(columnas["orden"] or 1, 1), len(otros) + 1) - 1, p)
    _numerar(otros)
    if copia.acuerdos:
        s.execute(update(Acuerdo).where(Acuerdo.id.in_(copia.acuerdos)).values(punto_id=columnas["id"]),
                  execution_options={"synchronize_session": "fetch"})
    s.flush()
    auditar(s, columnas["municipio_id"], "punto_agenda", columnas["id"], "restaurar", columnas["titulo"])
    return columnas["id"]


def mover_punto(s: Session, punto_id: int, nuevo_orden: int) -> int:
    """Lleva el punto a la posición `nuevo_orden` (1 = primero); devuelve la anterior."""
    p = _punto(s, punto_id)
    exigir_sin_firma(s, p.sesion_id, _AGENDA)
    puntos = _puntos(s, p.sesion_id)
    anterior = puntos.index(p) + 1
    puntos.remove(p)
    puntos.insert(min(max(int(nuevo_orden), 1), len(puntos) + 1) - 1, p)
    _numerar(puntos)
    s.flush()
    if p.orden != anterior:
        auditar(s, p.municipio_id, "punto_agenda", punto_id, "mover", f"{p.titulo} → {p.orden}")
    return anterior


def listar_puntos(s: Session, sesion_id: int) -> list[FilaPunto]:
    _sesion(s, sesion_id)
    cuenta = dict(s.execute(select(Acuerdo.punto_id, func.count()).where(Acuerdo.sesion_id == sesion_id,
                                                                        Acuerdo.punto_id.is_not(None))
                            .group_by(Acuerdo.punto_id)).all())
    return [FilaPunto(p.id, p.orden, p.titulo, p.expositor, p.minutos, p.desarrollo, cuenta.get(p.id, 0))
            for p in _puntos(s, sesion_id)]


# -- asistencia -------------------------------------------------------------------------------------------
_ASISTENCIA = _("la asistencia ya no se modifica")


def marcar_asistencia(s: Session, sesion_id: int, miembro_id: int, estado: str,
                      reemplaza_a_id: int | None = None) -> tuple[str, int | None]:
    """Marca al miembro presente, ausente o ausente con aviso; un suplente presente puede estar por un titular
    ausente de la misma mesa. Devuelve (estado, reemplaza_a_id) anteriores."""
    sesion = _sesion(s, sesion_id)
    exigir_sin_firma(s, sesion_id, _ASISTENCIA)
    m = obtener(s, MiembroMesa, miembro_id, _("el miembro"))
    if m.mesa_id != sesion.mesa_id:
        raise ErrorDeUsuario(_("«{nombre}» no es miembro de la mesa de esta sesión.").format(nombre=m.nombre))
    if estado not in ESTADOS_ASISTENCIA:
        v = Validador()
        v.opcion("estado", estado, ESTADOS_ASISTENCIA, _("el estado de asistencia"))
        v.verificar()
    if not vigente(m.designado_en, m.hasta, sesion.fecha):
        raise ErrorDeUsuario(_("«{nombre}» no estaba designado el {fecha}: revise las fechas de su designación.")
                             .format(nombre=m.nombre, fecha=formato.fecha(sesion.fecha)))
    a = s.scalar(select(Asistencia).where(Asistencia.sesion_id == sesion_id, Asistencia.miembro_id == miembro_id))
    if a is None:
        completar_asistencia(s, sesion)
        a = s.scalar(select(Asistencia).where(Asistencia.sesion_id == sesion_id,
                                              Asistencia.miembro_id == miembro_id))
    assert a is not None
    anterior = (a.estado, a.reemplaza_a_id)
    if estado != "presente":
        reemplaza_a_id = None
    if reemplaza_a_id is not None:
        _validar_reemplazo(s, sesion, m, reemplaza_a_id)
    if m.titular and estado == "presente":
        suplente = s.scalar(select(Asistencia.nombre).where(Asistencia.sesion_id == sesion_id,
                                                            Asistencia.reemplaza_a_id == miembro_id,
                                                            Asistencia.estado == "presente"))
        if suplente is not None:
            raise ErrorDeUsuario(_("«{suplente}» está presente en lugar de «{nombre}». Quite primero ese reemplazo "
                                   "(marque al suplente sin reemplazo) y luego marque a «{nombre}».").format(
                suplente=suplente, nombre=m.nombre), campo="estado")
    a.estado, a.reemplaza_a_id = estado, reemplaza_a_id
    # The copies the acta prints from follow the member while the acta is not signed.
    a.nombre, a.cargo, a.institucion = m.nombre, m.cargo, m.institucion
    s.flush()
    auditar(s, sesion.municipio_id, "asistencia", a.id, "marcar", f"{m.nombre}: {estado}")
    return anterior


def _validar_reemplazo(s: Session, sesion: Sesion, m: MiembroMesa, reemplaza_a_id: int) -> None:
    if m.titular:
        raise ErrorDeUsuario(_("«{nombre}» es titular: solo un suplente está por otro miembro.").format(
            nombre=m.nombre), campo="reemplaza_a_id")
    t = s.get(MiembroMesa, reemplaza_a_id)
    if t is None or t.mesa_id != sesion.mesa_id or not t.titular:
        raise ErrorDeUsuario(_("Un suplente está por un titular de la misma mesa; elija uno de la lista."),
                             campo="reemplaza_a_id")
    if m.suplente_de_id is not None and m.suplente_de_id != t.id:
        titular = s.scalar(select(MiembroMesa.nombre).where(MiembroMesa.id == m.suplente_de_id)) or ""
        raise ErrorDeUsuario(_("«{nombre}» es suplente de «{titular}», no de «{otro}».").format(
            nombre=m.nombre, titular=titular, otro=t.nombre), campo="reemplaza_a_id")
    if (m.suplente_de_id is None and m.institucion.strip() and t.institucion.strip()
            and m.institucion.strip().casefold() != t.institucion.strip().casefold()):
        raise ErrorDeUsuario(_("«{nombre}» es suplente por {inst}: no puede estar por «{otro}», de {inst_otro}.")
                             .format(nombre=m.nombre, inst=m.institucion, otro=t.nombre, inst_otro=t.institucion),
                             campo="reemplaza_a_id")
    if not vigente(t.designado_en, t.hasta, sesion.fecha):
        raise ErrorDeUsuario(_("«{otro}» no estaba designado el {fecha}: nadie puede estar en su lugar.").format(
            otro=t.nombre, fecha=formato.fecha(sesion.fecha)), campo="reemplaza_a_id")
    estado_titular = s.scalar(select(Asistencia.estado).where(Asistencia.sesion_id == sesion.id,
                                                              Asistencia.miembro_id == t.id))
    if estado_titular == "presente":
        raise ErrorDeUsuario(_("«{otro}» está presente: un suplente está solo por un titular ausente.").format(
            otro=t.nombre), campo="reemplaza_a_id")
    otro = s.scalar(select(Asistencia.nombre).where(Asistencia.sesion_id == sesion.id,
                                                    Asistencia.reemplaza_a_id == t.id,
                                                    Asistencia.miembro_id != m.id,
                                                    Asistencia.estado == "presente"))
    if otro is not None:
        raise ErrorDeUsuario(_("«{suplente}» ya está por «{titular}»: cada titular tiene un solo reemplazo.").format(
            suplente=otro, titular=t.nombre), campo="reemplaza_a_id")


def agregar_invitado(s: Session, sesion_id: int, nombre: str, cargo: str = "", institucion: str = "") -> int:
    """Un invitado presente (sin voto); devuelve su fila de asistencia."""
    sesion = _sesion(s, sesion_id)
    exigir_sin_firma(s, sesion_id, _ASISTENCIA)
    v = Validador()
    nombre = v.texto("nombre", " ".join((nombre or "").split()), _("el nombre del invitado"), obligatorio=True)
    cargo = v.texto("cargo", cargo, _("el cargo"), maximo=150)
    institucion = v.texto("institucion", institucion, _("la institución"))
    v.verificar()
    orden = (s.scalar(select(func.max(Asistencia.orden)).where(Asistencia.sesion_id == sesion_id,
                                                               Asistencia.miembro_id.is_(None))) or 0) + 1
    a = Asistencia(municipio_id=sesion.municipio_id, sesion_id=sesion_id, miembro_id=None, estado="presente",
                   nombre=nombre, cargo=cargo, institucion=institucion, orden=orden)
    s.add(a)
    s.flush()
    auditar(s, sesion.municipio_id, "asistencia", a.id, "invitar", nombre)
    return a.id


def quitar_invitado(s: Session, asistencia_id: int) -> InvitadoEliminado:
    a = obtener(s, Asistencia, asistencia_id, _("el invitado"))
    if a.miembro_id is not None:
        raise ErrorDeUsuario(_("«{nombre}» es miembro de la mesa, no un invitado: márquelo ausente.").format(
            nombre=a.nombre))
    exigir_sin_firma(s, a.sesion_id, _ASISTENCIA)
    copia = InvitadoEliminado(copiar_filas(s, Asistencia, Asistencia.id == asistencia_id)[0])
    mid, nombre = a.municipio_id, a.nombre
    s.delete(a)
    s.flush()
    auditar(s, mid, "asistencia", asistencia_id, "eliminar", nombre)
    return copia


def restaurar_invitado(s: Session, copia: InvitadoEliminado) -> int:
    columnas = dict(copia.columnas)
    if s.get(Sesion, columnas["sesion_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver al invitado: su sesión ya no existe."))
    exigir_sin_firma(s, columnas["sesion_id"], _ASISTENCIA)
    reponer_filas(s, Asistencia, [columnas])
    s.flush()
    auditar(s, columnas["municipio_id"], "asistencia", columnas["id"], "restaurar", columnas["nombre"])
    return columnas["id"]


def listar_asistencia(s: Session, sesion_id: int) -> list[FilaAsistencia]:
    """Los miembros designados el día de la sesión (en el orden de la mesa) y después los invitados."""
    sesion = _sesion(s, sesion_id)
    miembros = {m.id: m for m in s.scalars(select(MiembroMesa).where(MiembroMesa.mesa_id == sesion.mesa_id))}
    filas = list(s.scalars(select(Asistencia).where(Asistencia.sesion_id == sesion_id)))
    estados = {k: traducir(v) for k, v in ESTADOS_ASISTENCIA.items()}
    de_miembros, invitados = [], []
    for a in filas:
        m = miembros.get(a.miembro_id) if a.miembro_id is not None else None
        if m is None:
            invitados.append(FilaAsistencia(
                a.id, None, a.nombre, a.cargo, a.institucion, "", _("Invitado/a"), False, False, a.estado,
                estados.get(a.estado, a.estado), None, "", True))
            continue
        if not vigente(m.designado_en, m.hasta, sesion.fecha) and a.estado == "ausente":
            continue  # not designated that day (its dates changed) and nothing recorded
        reemplazado = miembros.get(a.reemplaza_a_id) if a.reemplaza_a_id else None
        de_miembros.append((m.orden, m.id, FilaAsistencia(
            a.id, m.id, m.nombre, m.cargo, m.institucion, m.rol, texto_rol(m.rol), m.titular, m.con_voto,
            a.estado, estados.get(a.estado, a.estado), a.reemplaza_a_id,
            reemplazado.nombre if reemplazado else "", False, m.suplente_de_id)))
    de_miembros.sort(key=lambda t: (t[0], t[1]))
    invitados.sort(key=lambda f: next((a.orden for a in filas if a.id == f.id), 0))
    return [f for _o, _i, f in de_miembros] + invitados


# -- acuerdos ---------------------------------------------------------------------------------------------
def _acuerdo(s: Session, acuerdo_id: int) -> Acuerdo:
    return obtener(s, Acuerdo, acuerdo_id, _("el acuerdo"))


def _votos(v: Validador, campo: str, valor: Any) -> int | None:
    if valor is None:
        return None
    if isinstance(valor, bool) or not isinstance(valor, int) or valor < 0:
        v.error(campo, _("Los votos son un número entero de 0 o más; déjelos vacíos si se acordó por consenso."))
        return None
    return valor


def _validar_acuerdo(s: Session, sesion: Sesion, d: DatosAcuerdo) -> DatosAcuerdo:
    v = Validador()
    texto = v.texto("texto", (d.texto or "").strip(), _("el texto del acuerdo"), obligatorio=True,
                    maximo=MAXIMO_TEXTO)
    if d.punto_id is not None:
        p = s.get(PuntoAgenda, d.punto_id)
        if p is None or p.sesion_id != sesion.id:
            v.error("punto_id", _("El punto elegido no es del orden del día de esta sesión; elija otro."))
    responsable_texto = d.responsable_texto
    if d.responsable_id is not None:
        actor = s.get(Actor, d.responsable_id)
        if actor is None or actor.municipio_id != sesion.municipio_id:
            v.error("responsable_id", _("El responsable elegido ya no existe; elija otro actor de la lista."))
        else:
            responsable_texto = actor.nombre  # a copy: the acta keeps it if the actor goes
    responsable_texto = v.texto("responsable_texto", " ".join((responsable_texto or "").split()),
                                _("el responsable"))
    plazo = _fecha(v, "plazo", d.plazo, _("El plazo"))
    if plazo is not None and plazo < sesion.fecha:
        v.error("plazo", _("El plazo ({plazo}) no puede ser anterior a la sesión ({fecha}).").format(
            plazo=formato.fecha(plazo), fecha=formato.fecha(sesion.fecha)))
    estado = v.opcion("estado", d.estado, ESTADOS_ACUERDO, _("el estado del acuerdo"))
    cumplido = _fecha(v, "cumplido_en", d.cumplido_en, _("La fecha de cumplimiento"))
    if estado != "cumplido":
        cumplido = None
    elif cumplido is not None and cumplido < sesion.fecha:
        v.error("cumplido_en", _("No pudo cumplirse ({cumplido}) antes de acordarse ({fecha}).").format(
            cumplido=formato.fecha(cumplido), fecha=formato.fecha(sesion.fecha)))
    favor = _votos(v, "votos_favor", d.votos_favor)
    contra = _votos(v, "votos_contra", d.votos_contra)
    abst = _votos(v, "abstenciones", d.abstenciones)
    total = (favor or 0) + (contra or 0) + (abst or 0)
    if total and not {"votos_favor", "votos_contra", "abstenciones"} & set(v.errores):
        presentes = quorum_de_la_sesion(s, sesion.id).presentes
        if total > presentes:
            v.error("votos_favor", _("Se cuentan {t} votos, pero hay {p} miembros con voto presentes: revise los "
                                     "votos o la asistencia.").format(t=formato.entero(total),
                                                                      p=formato.entero(presentes)))
    notas = v.texto("notas", d.notas, _("las notas"), maximo=MAXIMO_TEXTO)
    v.verificar()
    return DatosAcuerdo(texto=texto, punto_id=d.punto_id, responsable_id=d.responsable_id,
                        responsable_texto=responsable_texto, plazo=plazo, estado=estado, cumplido_en=cumplido,
                        votos_favor=favor, votos_contra=contra, abstenciones=abst, notas=notas)


_ACUERDOS = _("el texto, el responsable, el plazo y los votos de sus acuerdos ya no se modifican (su estado sí)")


def agregar_acuerdo(s: Session, sesion_id: int, datos: DatosAcuerdo) -> int:
    sesion = _sesion(s, sesion_id)
    exigir_sin_firma(s, sesion_id, _("ya no se agregan acuerdos"))
    d = _validar_acuerdo(s, sesion, datos)
    orden = (s.scalar(select(func.max(Acuerdo.orden)).where(Acuerdo.sesion_id == sesion_id)) or 0) + 1
    a = Acuerdo(municipio_id=sesion.municipio_id, sesion_id=sesion_id, orden=orden,
                **{c: getattr(d, c) for c in CAMPOS_ACUERDO})
    s.add(a)
    s.flush()
    auditar(s, sesion.municipio_id, "acuerdo", a.id, "crear", d.texto)
    return a.id


def obtener_acuerdo(s: Session, acuerdo_id: int) -> DatosAcuerdo:
    a = _acuerdo(s, acuerdo_id)
    return DatosAcuerdo(**{c: getattr(a, c) for c in CAMPOS_ACUERDO})


def actualizar_acuerdo(s: Session, acuerdo_id: int, datos: DatosAcuerdo) -> DatosAcuerdo:
    """Guarda los cambios y devuelve los datos anteriores. Con el acta firmada, solo cambian el estado, la fecha
    de cumplimiento y las notas."""
    a = _acuerdo(s, acuerdo_id)
    sesion = _sesion(s, a.sesion_id)
    anterior = obtener_acuerdo(s, acuerdo_id)
    d = _validar_acuerdo(s, sesion, datos)
    if any(getattr(d, c) != getattr(anterior, c) for c in CONGELADOS_ACUERDO):
        exigir_sin_firma(s, a.sesion_id, _ACUERDOS)
    for c in CAMPOS_ACUERDO:
        setattr(a, c, getattr(d, c))
    s.flush()
    cambios = [c for c in CAMPOS_ACUERDO if getattr(anterior, c) != getattr(d, c)]
    auditar(s, a.municipio_id, "acuerdo", acuerdo_id, "actualizar",
            f"{d.texto}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


def eliminar_acuerdo(s: Session, acuerdo_id: int) -> AcuerdoEliminado:
    a = _acuerdo(s, acuerdo_id)
    exigir_sin_firma(s, a.sesion_id, _("sus acuerdos ya no se eliminan"))
    copia = AcuerdoEliminado(copiar_filas(s, Acuerdo, Acuerdo.id == acuerdo_id)[0])
    sesion_id, mid, texto = a.sesion_id, a.municipio_id, a.texto
    s.delete(a)
    s.flush()
    _numerar(list(s.scalars(select(Acuerdo).where(Acuerdo.sesion_id == sesion_id)
                            .order_by(Acuerdo.orden, Acuerdo.id))))
    s.flush()
    auditar(s, mid, "acuerdo", acuerdo_id, "eliminar", texto)
    return copia


def restaurar_acuerdo(s: Session, copia: AcuerdoEliminado) -> int:
    columnas = _acuerdo_vivo(s, dict(copia.columnas)) if s.get(Sesion, copia.columnas["sesion_id"]) else None
    if columnas is None:
        raise ErrorDeUsuario(_("No se puede devolver el acuerdo: su sesión ya no existe."))
    exigir_sin_firma(s, columnas["sesion_id"], _("ya no se agregan acuerdos"))
    otros = list(s.scalars(select(Acuerdo).where(Acuerdo.sesion_id == columnas["sesion_id"])
                           .order_by(Acuerdo.orden, Acuerdo.id)))
    reponer_filas(s, Acuerdo, [columnas])
    a = s.get(Acuerdo, columnas["id"])
    assert a is not None
    otros.insert(min(max(columnas["orden"] or 1, 1), len(otros) + 1) - 1, a)
    _numerar(otros)
    s.flush()
    auditar(s, columnas["municipio_id"], "acuerdo", columnas["id"], "restaurar", columnas["texto"])
    return columnas["id"]


def cambiar_estado_acuerdo(s: Session, acuerdo_id: int, estado: str,
                           cumplido_en: date | None = None) -> tuple[str, date | None]:
    """Seguimiento del acuerdo (también con el acta firmada); devuelve (estado, cumplido_en) anteriores."""
    a = _acuerdo(s, acuerdo_id)
    sesion = _sesion(s, a.sesion_id)
    v = Validador()
    v.opcion("estado", estado, ESTADOS_ACUERDO, _("el estado del acuerdo"))
    cumplido = _fecha(v, "cumplido_en", cumplido_en, _("La fecha de cumplimiento"))
    if estado != "cumplido":
        cumplido = None
    elif cumplido is not None and cumplido < sesion.fecha:
        v.error("cumplido_en", _("No pudo cumplirse ({cumplido}) antes de acordarse ({fecha}).").format(
            cumplido=formato.fecha(cumplido), fecha=formato.fecha(sesion.fecha)))
    v.verificar()
    anterior = (a.estado, a.cumplido_en)
    a.estado, a.cumplido_en = estado, cumplido
    s.flush()
    auditar(s, a.municipio_id, "acuerdo", acuerdo_id, "estado", f"{a.texto[:200]}: {anterior[0]} → {estado}")
    return anterior


_RANGO = {VENCIDA: 0, POR_VENCER: 1, AL_DIA: 2, SIN_FECHA: 3, CUMPLIDA: 4}


def _filas_acuerdos(s: Session, municipio_id: int, hoy: date, *condiciones: Any) -> list[FilaAcuerdo]:
    q = (select(Acuerdo, Sesion.fecha, Sesion.mesa_id, Mesa.nombre, Acta.numero, Acta.anio, Actor.nombre)
         .join(Sesion, Sesion.id == Acuerdo.sesion_id).join(Mesa, Mesa.id == Sesion.mesa_id)
         .outerjoin(Acta, Acta.sesion_id == Sesion.id).outerjoin(Actor, Actor.id == Acuerdo.responsable_id)
         .where(Acuerdo.municipio_id == municipio_id, *condiciones))
    filas = s.execute(q).all()
    cal = calendario_de(s, municipio_id)
    estados = {k: traducir(v) for k, v in ESTADOS_ACUERDO.items()}
    actividades = _etiquetas_actividades(s, {a.actividad_id for a, *_r in filas if a.actividad_id})
    salida = []
    for a, fecha, mesa_id, mesa, numero, anio, actor in filas:
        luz = SIN_FECHA if a.estado == CANCELADO else semaforo(a.plazo, a.estado == "cumplido", hoy, cal)
        plan_id, etiqueta = actividades.get(a.actividad_id, (None, "")) if a.actividad_id else (None, "")
        salida.append(FilaAcuerdo(
            id=a.id, sesion_id=a.sesion_id, mesa_id=mesa_id, mesa=mesa,
            acta_numero=etiqueta_acta(numero, anio) if numero is not None else "", fecha_sesion=fecha,
            orden=a.orden, texto=a.texto, punto_id=a.punto_id, responsable_id=a.responsable_id,
            responsable=actor or a.responsable_texto, plazo=a.plazo, estado=a.estado,
            estado_texto=estados.get(a.estado, a.estado), semaforo=luz, cumplido_en=a.cumplido_en,
            votos_favor=a.votos_favor, votos_contra=a.votos_contra, abstenciones=a.abstenciones,
            actividad_id=a.actividad_id, actividad=etiqueta, notas=a.notas, plan_id=plan_id))
    return salida


def _etiquetas_actividades(s: Session, ids: set[int]) -> dict[int, tuple[int, str]]:
    """{actividad_id: (plan_id, «Plan San Miguel · 5.3 Taller…»)}."""
    if not ids:
        return {}
    from nucleo.servicios.actividades import codigo_de

    salida = {}
    for aid, plan_id, nombre, titulo in s.execute(
            select(Actividad.id, Actividad.plan_id, Actividad.nombre, PlanAccion.titulo)
            .join(PlanAccion, PlanAccion.id == Actividad.plan_id).where(Actividad.id.in_(ids))):
        salida[aid] = (plan_id, f"{titulo} · {codigo_de(s, aid)} {nombre}")
    return salida


def listar_acuerdos(s: Session, sesion_id: int, *, hoy: date | None = None) -> list[FilaAcuerdo]:
    """Los acuerdos de la sesión en su orden; el semáforo se mide en `hoy` (por omisión, la fecha del equipo)."""
    sesion = _sesion(s, sesion_id)
    filas = _filas_acuerdos(s, sesion.municipio_id, hoy or date.today(), Acuerdo.sesion_id == sesion_id)
    return sorted(filas, key=lambda f: (f.orden, f.id))


def compromisos(s: Session, municipio_id: int, hoy: date, *, mesa_id: int | None = None,
                responsable_id: int | None = None, abiertos: bool = False) -> list[FilaAcuerdo]:
    """Todos los acuerdos de todas las mesas: primero los vencidos, luego los por vencer, al día, sin plazo,
    cumplidos y cancelados; dentro de cada grupo, por plazo. `abiertos`: solo pendientes y en curso."""
    condiciones = []
    if mesa_id is not None:
        condiciones.append(Sesion.mesa_id == mesa_id)
    if responsable_id is not None:
        condiciones.append(Acuerdo.responsable_id == responsable_id)
    if abiertos:
        condiciones.append(Acuerdo.estado.in_(ABIERTOS))
    filas = _filas_acuerdos(s, municipio_id, hoy, *condiciones)
    return sorted(filas, key=lambda f: (5 if f.estado == CANCELADO else _RANGO.get(f.semaforo, 3),
                                        f.plazo or date.max, f.fecha_sesion, f.orden, f.id))


# -- acuerdo -> actividad ---------------------------------------------------------------------------------
def _lado(categoria: str | None) -> str:
    if categoria == "municipalidad":
        return "municipalidad"
    if categoria == "comunidad":
        return "comunidad"
    return "servicio_publico" if categoria else "municipalidad"


def acuerdo_a_actividad(s: Session, acuerdo_id: int, plan_id: int, padre_id: int | None = None) -> int:
    """Crea la actividad del acuerdo en el plan (que debe ser editable) y los deja vinculados; devuelve su id."""
    from nucleo.servicios.actividades import DatosActividad, crear_actividad

    a = _acuerdo(s, acuerdo_id)
    if a.actividad_id is not None and s.get(Actividad, a.actividad_id) is not None:
        etiqueta = _etiquetas_actividades(s, {a.actividad_id})[a.actividad_id][1]
        raise ErrorDeUsuario(_("Este acuerdo ya es la actividad «{actividad}».").format(actividad=etiqueta))
    plan = obtener(s, PlanAccion, plan_id, _("el Plan de Acción"))
    if plan.municipio_id != a.municipio_id:
        raise ErrorDeUsuario(_("El plan elegido es de otro municipio."))
    sesion = _sesion(s, a.sesion_id)
    mesa = s.get(Mesa, sesion.mesa_id)
    acta = _acta_de(s, sesion.id)
    nombre = " ".join(a.texto.split())
    if len(nombre) > MAXIMO_NOMBRE_ACTIVIDAD:
        nombre = nombre[:MAXIMO_NOMBRE_ACTIVIDAD - 1].rstrip() + "…"
    origen = etiqueta_acta(acta.numero, acta.anio) if acta else _("sesión del {fecha}").format(
        fecha=formato.fecha(sesion.fecha))
    categoria = s.scalar(select(Actor.categoria).where(Actor.id == a.responsable_id)) if a.responsable_id else None
    aid = crear_actividad(s, plan_id, DatosActividad(
        nombre=nombre, padre_id=padre_id, responsable_id=a.responsable_id, lado=_lado(categoria),
        condiciones=_("Acuerdo de la mesa «{mesa}» ({origen}).").format(mesa=mesa.nombre if mesa else "",
                                                                       origen=origen)))
    a.actividad_id = aid
    s.flush()
    auditar(s, a.municipio_id, "acuerdo", acuerdo_id, "actividad", f"{a.texto[:200]} → {aid}")
    return aid


def vincular_actividad(s: Session, acuerdo_id: int, actividad_id: int | None) -> int | None:
    """Vincula el acuerdo con una actividad (None: lo desvincula); devuelve la actividad anterior. Se permite
    con el acta firmada: es seguimiento."""
    a = _acuerdo(s, acuerdo_id)
    if actividad_id is not None:
        act = obtener(s, Actividad, actividad_id, _("la actividad"))
        if act.municipio_id != a.municipio_id:
            raise ErrorDeUsuario(_("La actividad elegida es de otro municipio."))
    anterior = a.actividad_id
    a.actividad_id = actividad_id
    s.flush()
    auditar(s, a.municipio_id, "acuerdo", acuerdo_id, "vincular", f"{anterior} → {actividad_id}")
    return anterior


def desvincular_actividad(s: Session, acuerdo_id: int) -> int | None:
    """Quita el vínculo con la actividad; devuelve la que tenía (deshacer: `vincular_actividad`)."""
    return vincular_actividad(s, acuerdo_id, None)


# -- lo que muestra la pantalla de una sesión ------------------------------------------------------------------
@dataclass
class EstadoSesion:
    """Todo lo que la pantalla de una sesión muestra, leído en una sola sesión de base de datos."""

    fila: FilaSesion
    datos: DatosSesion
    puntos: list[FilaPunto] = field(default_factory=list)
    asistencia: list[FilaAsistencia] = field(default_factory=list)
    acuerdos: list[FilaAcuerdo] = field(default_factory=list)
    quorum: Quorum | None = None
    acta_id: int | None = None
    acta_estado: str = ""
    acta_numero: str = ""


def estado_de_sesion(s: Session, municipio_id: int, sesion_id: int, hoy: date | None = None) -> EstadoSesion | None:
    """La sesión con su orden del día, asistencia, acuerdos, quórum y acta; None si ya no existe."""
    sesion = s.get(Sesion, sesion_id)
    if sesion is None:
        return None
    # Only this mesa's sessions: each row computes its quorum, and a municipality gathers hundreds over the years.
    fila = next((f for f in listar_sesiones(s, municipio_id, mesa_id=sesion.mesa_id) if f.id == sesion_id), None)
    if fila is None:
        return None
    acta = _acta_de(s, sesion_id)
    return EstadoSesion(
        fila=fila, datos=obtener_sesion(s, sesion_id), puntos=listar_puntos(s, sesion_id),
        asistencia=listar_asistencia(s, sesion_id), acuerdos=listar_acuerdos(s, sesion_id, hoy=hoy),
        quorum=quorum_de_la_sesion(s, sesion_id), acta_id=acta.id if acta else None,
        acta_estado=fila.acta_estado or "", acta_numero=fila.acta_numero or "")
