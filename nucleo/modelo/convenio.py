"""Convenio: acuerdo formal (compromiso con la comunidad, carta de compromiso, contrato, convenio marco)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.i18n import N_
from nucleo.modelo.actor import Actor
from nucleo.modelo.base import Base, ConFechas, DelMunicipio

TIPOS_CONVENIO: dict[str, str] = {
    "compromiso_comunidad": N_("Compromiso con la comunidad"),
    "carta_compromiso": N_("Carta de compromiso interinstitucional"),
    "contrato_servicios": N_("Contrato de servicios"),
    "convenio_marco": N_("Convenio marco"),
}

ESTADOS_CONVENIO: dict[str, str] = {"borrador": N_("Borrador"), "firmado": N_("Firmado")}


class Convenio(DelMunicipio, ConFechas, Base):
    __tablename__ = "convenio"

    id: Mapped[int] = mapped_column(primary_key=True)
    territorio_id: Mapped[int | None] = mapped_column(ForeignKey("territorio.id", ondelete="SET NULL"), index=True)
    tipo: Mapped[str] = mapped_column(String(30), default="compromiso_comunidad")
    titulo: Mapped[str] = mapped_column(String(200))
    objeto: Mapped[str] = mapped_column(Text, default="")
    lugar: Mapped[str] = mapped_column(String(150), default="")  # donde se firma
    fecha_inicio: Mapped[date | None] = mapped_column(Date)
    fecha_fin: Mapped[date | None] = mapped_column(Date)
    fecha_firma: Mapped[date | None] = mapped_column(Date)
    estado: Mapped[str] = mapped_column(String(20), default="borrador")
    # SHA-256 del contenido al firmar: un convenio firmado queda congelado y esto prueba qué se firmó.
    hash_firma: Mapped[str] = mapped_column(String(64), default="")
    notas: Mapped[str] = mapped_column(Text, default="")

    partes: Mapped[list[ParteConvenio]] = relationship(
        back_populates="convenio", cascade="all, delete-orphan", passive_deletes=True, order_by="ParteConvenio.orden"
    )


class ParteConvenio(DelMunicipio, Base):
    """Una parte firmante: el actor, quién firma por él y sus obligaciones."""

    __tablename__ = "parte_convenio"

    id: Mapped[int] = mapped_column(primary_key=True)
    convenio_id: Mapped[int] = mapped_column(ForeignKey("convenio.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    # Copia del nombre del actor: un convenio firmado sigue diciendo quién firmó aunque el actor cambie o se borre.
    nombre_parte: Mapped[str] = mapped_column(String(200), default="")
    representante: Mapped[str] = mapped_column(String(150), default="")
    cargo: Mapped[str] = mapped_column(String(150), default="")
    obligaciones: Mapped[str] = mapped_column(Text, default="")
    orden: Mapped[int] = mapped_column(Integer, default=0)

    convenio: Mapped[Convenio] = relationship(back_populates="partes")
    actor: Mapped[Actor | None] = relationship()
