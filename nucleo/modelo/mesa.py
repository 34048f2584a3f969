"""Mesas de coordinación, sus miembros, sesiones (convocatoria, orden del día, asistencia), acuerdos y actas.

Fuentes: 000 y 001 (las mesas), 003 (el quórum de «mitad más uno» de los miembros con voto).
"""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.i18n import N_
from nucleo.modelo.base import Base, ConFechas, DelMunicipio

TIPOS_MESA: dict[str, str] = {
    "mesa_territorial": N_("Mesa territorial"),
    "mesa_intersectorial": N_("Mesa intersectorial"),
    "mesa_proteccion_social": N_("Mesa de protección social distrital"),
    "consejo_desarrollo": N_("Consejo de desarrollo distrital"),
    "concejo_municipal": N_("Concejo Municipal"),
    "asamblea_comunitaria": N_("Asamblea comunitaria"),
    "reunion_ejecutiva": N_("Reunión ejecutiva"),
}

REGLAS_QUORUM: dict[str, str] = {
    "mitad_mas_uno": N_("Mitad más uno de los miembros con voto"),
    "dos_tercios": N_("Dos tercios de los miembros con voto"),
    "numero_fijo": N_("Un número fijo de miembros con voto"),
}

ROLES_MIEMBRO: dict[str, str] = {
    "preside": N_("Preside"),
    "secretaria": N_("Secretaría"),
    "miembro": N_("Miembro"),
}

TIPOS_SESION: dict[str, str] = {"ordinaria": N_("Ordinaria"), "extraordinaria": N_("Extraordinaria")}

ESTADOS_SESION: dict[str, str] = {
    "convocada": N_("Convocada"),
    "realizada": N_("Realizada"),
    "suspendida": N_("Suspendida"),
}

ESTADOS_ASISTENCIA: dict[str, str] = {
    "presente": N_("Presente"),
    "ausente": N_("Ausente"),
    "justificado": N_("Ausente con aviso"),
}

ESTADOS_ACUERDO: dict[str, str] = {
    "pendiente": N_("Pendiente"),
    "en_curso": N_("En curso"),
    "cumplido": N_("Cumplido"),
    "cancelado": N_("Cancelado"),
}

ESTADOS_ACTA: dict[str, str] = {"borrador": N_("Borrador"), "aprobada": N_("Aprobada"), "firmada": N_("Firmada")}

mesa_territorio = Table(
    "mesa_territorio",
    Base.metadata,
    Column("mesa_id", ForeignKey("mesa.id", ondelete="CASCADE"), primary_key=True),
    Column("territorio_id", ForeignKey("territorio.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Mesa(DelMunicipio, ConFechas, Base):
    __tablename__ = "mesa"

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(String(200))
    tipo: Mapped[str] = mapped_column(String(30), default="mesa_territorial")
    regla_quorum: Mapped[str] = mapped_column(String(20), default="mitad_mas_uno")
    quorum_numero: Mapped[int | None] = mapped_column(Integer)  # with regla_quorum «numero_fijo»
    lugar_habitual: Mapped[str] = mapped_column(String(200), default="")
    periodicidad: Mapped[str] = mapped_column(String(100), default="")  # «mensual, primer martes»
    activa: Mapped[bool] = mapped_column(Boolean, default=True)
    notas: Mapped[str] = mapped_column(Text, default="")


class MiembroMesa(DelMunicipio, ConFechas, Base):
    """Un miembro: el actor (persona o institución), su rol, si es titular o suplente y si vota."""

    __tablename__ = "miembro_mesa"

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    # Copy of the name: a signed acta keeps saying who was there even if the actor changes or is deleted.
    nombre: Mapped[str] = mapped_column(String(200), default="")
    cargo: Mapped[str] = mapped_column(String(150), default="")  # «Intendente», «Directora de la USF»
    institucion: Mapped[str] = mapped_column(String(200), default="")
    rol: Mapped[str] = mapped_column(String(20), default="miembro")
    titular: Mapped[bool] = mapped_column(Boolean, default=True)
    # A suplente stands in for this titular (None: for any titular of the same institution).
    suplente_de_id: Mapped[int | None] = mapped_column(ForeignKey("miembro_mesa.id", ondelete="SET NULL"))
    con_voto: Mapped[bool] = mapped_column(Boolean, default=True)
    designado_en: Mapped[date | None] = mapped_column(Date)
    hasta: Mapped[date | None] = mapped_column(Date)
    orden: Mapped[int] = mapped_column(Integer, default=0)


class Sesion(DelMunicipio, ConFechas, Base):
    """Una reunión de la mesa: la convocatoria y lo que pasó."""

    __tablename__ = "sesion"

    id: Mapped[int] = mapped_column(primary_key=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[str] = mapped_column(String(20), default="ordinaria")
    estado: Mapped[str] = mapped_column(String(20), default="convocada")
    fecha: Mapped[date] = mapped_column(Date)
    hora: Mapped[time | None] = mapped_column(Time)  # convened for
    duracion_prevista: Mapped[int] = mapped_column(Integer, default=120)  # minutes, against the agenda's total
    lugar: Mapped[str] = mapped_column(String(200), default="")
    hora_inicio: Mapped[time | None] = mapped_column(Time)  # actual
    hora_fin: Mapped[time | None] = mapped_column(Time)
    convocada_en: Mapped[date | None] = mapped_column(Date)
    notas: Mapped[str] = mapped_column(Text, default="")


class PuntoAgenda(DelMunicipio, Base):
    """Un punto del orden del día y lo que se trató."""

    __tablename__ = "punto_agenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion.id", ondelete="CASCADE"), index=True)
    orden: Mapped[int] = mapped_column(Integer, default=0)
    titulo: Mapped[str] = mapped_column(String(300))
    expositor: Mapped[str] = mapped_column(String(200), default="")
    minutos: Mapped[int] = mapped_column(Integer, default=15)
    desarrollo: Mapped[str] = mapped_column(Text, default="")  # what was discussed


class Asistencia(DelMunicipio, Base):
    """Quién estuvo: un miembro (presente, ausente o con aviso; un suplente puede estar por un titular) o un
    invitado (sin miembro_id, sin voto)."""

    __tablename__ = "asistencia"
    __table_args__ = (UniqueConstraint("sesion_id", "miembro_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion.id", ondelete="CASCADE"), index=True)
    miembro_id: Mapped[int | None] = mapped_column(ForeignKey("miembro_mesa.id", ondelete="CASCADE"))
    estado: Mapped[str] = mapped_column(String(20), default="presente")
    reemplaza_a_id: Mapped[int | None] = mapped_column(ForeignKey("miembro_mesa.id", ondelete="SET NULL"))
    # Copies (and a guest's data): the acta is printed from these.
    nombre: Mapped[str] = mapped_column(String(200), default="")
    cargo: Mapped[str] = mapped_column(String(150), default="")
    institucion: Mapped[str] = mapped_column(String(200), default="")
    orden: Mapped[int] = mapped_column(Integer, default=0)


class Acuerdo(DelMunicipio, ConFechas, Base):
    """Un acuerdo de la sesión, con responsable, plazo y estado; puede volverse una Actividad de un plan."""

    __tablename__ = "acuerdo"

    id: Mapped[int] = mapped_column(primary_key=True)
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion.id", ondelete="CASCADE"), index=True)
    punto_id: Mapped[int | None] = mapped_column(ForeignKey("punto_agenda.id", ondelete="SET NULL"))
    orden: Mapped[int] = mapped_column(Integer, default=0)
    texto: Mapped[str] = mapped_column(Text)
    responsable_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    responsable_texto: Mapped[str] = mapped_column(String(200), default="")  # copy of the name, or free text
    plazo: Mapped[date | None] = mapped_column(Date)
    estado: Mapped[str] = mapped_column(String(20), default="pendiente")
    cumplido_en: Mapped[date | None] = mapped_column(Date)
    # Votes, when the mesa voted it (None: by consensus).
    votos_favor: Mapped[int | None] = mapped_column(Integer)
    votos_contra: Mapped[int | None] = mapped_column(Integer)
    abstenciones: Mapped[int | None] = mapped_column(Integer)
    actividad_id: Mapped[int | None] = mapped_column(ForeignKey("actividad.id", ondelete="SET NULL"), index=True)
    notas: Mapped[str] = mapped_column(Text, default="")


class Acta(DelMunicipio, ConFechas, Base):
    """El acta de una sesión, numerada por mesa y año («Acta N.º 3/2026»). Firmada, queda congelada: la huella
    SHA-256 de su contenido prueba qué se firmó; una corrección es un acta nueva que la nombra."""

    __tablename__ = "acta"
    __table_args__ = (UniqueConstraint("mesa_id", "anio", "numero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sesion_id: Mapped[int] = mapped_column(ForeignKey("sesion.id", ondelete="CASCADE"), unique=True)
    mesa_id: Mapped[int] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)
    numero: Mapped[int] = mapped_column(Integer)
    anio: Mapped[int] = mapped_column(Integer)
    estado: Mapped[str] = mapped_column(String(20), default="borrador")
    aprobada_en: Mapped[date | None] = mapped_column(Date)
    firmada_en: Mapped[date | None] = mapped_column(Date)
    hash_firma: Mapped[str] = mapped_column(String(64), default="")
    # The content as signed (JSON): the printout of a signed acta comes from here, never from live rows.
    contenido_firmado: Mapped[str] = mapped_column(Text, default="")
    corrige_a_id: Mapped[int | None] = mapped_column(ForeignKey("acta.id", ondelete="SET NULL"))
    observaciones: Mapped[str] = mapped_column(Text, default="")
