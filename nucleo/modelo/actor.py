"""Actor: institución, organización o persona relevante para la articulación (matriz de actores)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Integer, SmallInteger, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.i18n import N_
from nucleo.modelo.base import Base, ConFechas, DelMunicipio
from nucleo.opciones import CATEGORIAS_ACTOR as CATEGORIAS  # noqa: F401 - re-exported (the first screen reads it)

if TYPE_CHECKING:
    from nucleo.modelo.territorio import Territorio

TIPOS_ACTOR: dict[str, str] = {
    "institucion": N_("Institución"),
    "organizacion": N_("Organización"),
    "persona": N_("Persona"),
}

NIVELES: dict[str, str] = {
    "nacional": N_("Nacional"),
    "departamental": N_("Departamental"),
    "distrital": N_("Distrital"),
    "comunitario": N_("Comunitario"),
}

POSTURAS: dict[str, str] = {"apoya": N_("Apoya"), "neutral": N_("Neutral"), "se_opone": N_("Se opone")}

# Where an actor works: many territories per actor, many actors per territory.
actor_territorio = Table(
    "actor_territorio",
    Base.metadata,
    Column("actor_id", Integer, ForeignKey("actor.id", ondelete="CASCADE"), primary_key=True),
    Column("territorio_id", Integer, ForeignKey("territorio.id", ondelete="CASCADE"), primary_key=True),
)


class Actor(DelMunicipio, ConFechas, Base):
    __tablename__ = "actor"

    id: Mapped[int] = mapped_column(primary_key=True)
    tipo: Mapped[str] = mapped_column(String(20), default="organizacion")
    nombre: Mapped[str] = mapped_column(String(200))
    sigla: Mapped[str] = mapped_column(String(30), default="")
    categoria: Mapped[str] = mapped_column(String(40), default="comunidad")
    nivel: Mapped[str] = mapped_column(String(20), default="distrital")
    # A person may belong to an institution (or organisation) of the register.
    institucion_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    cargo: Mapped[str] = mapped_column(String(150), default="")
    rol: Mapped[str] = mapped_column(Text, default="")  # role in the management model
    interes: Mapped[int] = mapped_column(SmallInteger, default=3)  # 1-5
    influencia: Mapped[int] = mapped_column(SmallInteger, default=3)  # 1-5
    postura: Mapped[str] = mapped_column(String(20), default="neutral")
    recursos: Mapped[str] = mapped_column(Text, default="")  # what it brings
    telefono: Mapped[str] = mapped_column(String(60), default="")
    correo: Mapped[str] = mapped_column(String(120), default="")
    contacto: Mapped[str] = mapped_column(String(200), default="")
    direccion: Mapped[str] = mapped_column(String(200), default="")
    notas: Mapped[str] = mapped_column(Text, default="")

    institucion: Mapped[Actor | None] = relationship(remote_side="Actor.id")
    territorios: Mapped[list[Territorio]] = relationship(secondary=actor_territorio, order_by="Territorio.nombre")
