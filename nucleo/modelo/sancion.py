"""La sanción de un Plan de Acción (000, cuarta etapa: la firman el Intendente y el Concejo Municipal, el Gobernador
y la Junta Departamental, y las organizaciones de la comunidad), sus revisiones congeladas y el registro de los
documentos emitidos, contra el que se verifica un PDF.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.i18n import N_
from nucleo.modelo.base import Base, ConFechas, DelMunicipio

# Who sanctions a plan (000, stage 4); the first four are required by default.
ROLES_FIRMANTE: dict[str, str] = {
    "intendente": N_("Intendente Municipal"),
    "concejo": N_("Concejo Municipal"),
    "gobernador": N_("Gobernador/a"),
    "junta": N_("Junta Departamental"),
    "organizacion": N_("Organización de la comunidad"),
    "otro": N_("Otra firma"),
}

TIPOS_DOCUMENTO_EMITIDO: dict[str, str] = {
    "plan": N_("Plan de Acción"),
    "acta": N_("Acta"),
}

PAPELES: dict[str, str] = {"A4": N_("A4 (210 × 297 mm)"), "oficio": N_("Oficio (216 × 330 mm)")}


class FirmantePlan(DelMunicipio, ConFechas, Base):
    """Una firma que la revisión del plan necesita o ya tiene (fecha = firmó ese día; None = falta)."""

    __tablename__ = "firmante_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_accion.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    rol: Mapped[str] = mapped_column(String(20), default="intendente")
    nombre: Mapped[str] = mapped_column(String(200), default="")
    cargo: Mapped[str] = mapped_column(String(200), default="")
    # The community's organisation (or institution) that signs, when it is an Actor; its name is kept in `nombre`.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    requerida: Mapped[bool] = mapped_column(Boolean, default=True)
    fecha: Mapped[date | None] = mapped_column(Date)
    orden: Mapped[int] = mapped_column(Integer, default=0)


class RevisionPlan(DelMunicipio, Base):
    """Una revisión sancionada, congelada: el contenido canónico completo (JSON) y su huella SHA-256."""

    __tablename__ = "revision_plan"
    __table_args__ = (UniqueConstraint("plan_id", "numero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_accion.id", ondelete="CASCADE"), index=True)
    numero: Mapped[int] = mapped_column(Integer)
    sancionado_en: Mapped[date] = mapped_column(Date)
    contenido: Mapped[str] = mapped_column(Text)  # canonical JSON (sorted keys, no spaces, UTF-8)
    huella: Mapped[str] = mapped_column(String(64))  # sha256 of `contenido`
    creado_en: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)


class DocumentoEmitido(DelMunicipio, Base):
    """Cada PDF que Articula emitió de un documento verificable: la huella del archivo exacto."""

    __tablename__ = "documento_emitido"

    id: Mapped[int] = mapped_column(primary_key=True)
    tipo: Mapped[str] = mapped_column(String(20))  # TIPOS_DOCUMENTO_EMITIDO
    entidad_id: Mapped[int] = mapped_column(Integer)  # plan or acta id (not a foreign key: the register outlives it)
    revision: Mapped[int | None] = mapped_column(Integer)  # the plan's revision
    huella_contenido: Mapped[str] = mapped_column(String(64), default="")  # of the frozen content it was made from
    huella_archivo: Mapped[str] = mapped_column(String(64), index=True)  # sha256 of the PDF bytes
    nombre_archivo: Mapped[str] = mapped_column(String(255), default="")
    paginas: Mapped[int] = mapped_column(Integer, default=0)
    descripcion: Mapped[str] = mapped_column(String(300), default="")
    emitido_en: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
