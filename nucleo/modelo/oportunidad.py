"""Oportunidad: un programa o servicio del Mapa de Oportunidades.

Los nombres siguen, donde encaja, el modelo de servicio de Open Referral (HSDS): nombre y descripción del
servicio, elegibilidad (requisitos), área de servicio (cobertura), horario (cuándo), costo y contacto; así un
formato de intercambio posterior es directo.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.i18n import N_
from nucleo.modelo.actor import Actor
from nucleo.modelo.base import Base, ConFechas, DelMunicipio
from nucleo.modelo.territorio import Territorio

ORIGENES: dict[str, str] = {
    "municipal": N_("Municipal"),
    "departamental": N_("Departamental"),
    "nacional": N_("Nacional"),
    "privado": N_("Privado"),
    "cooperacion": N_("Cooperación"),
}

# The three pillars of the Sistema de Protección Social (001).
PILARES: dict[str, str] = {
    "integracion_social": N_("Integración social"),
    "insercion_laboral": N_("Inserción laboral y productiva"),
    "prevision_social": N_("Previsión social"),
}

# Life-cycle population categories plus Hogares and Entorno (001).
POBLACIONES: dict[str, str] = {
    "primera_infancia": N_("Primera infancia (0–4)"),
    "ninez": N_("Niñez (5–13)"),
    "adolescencia": N_("Adolescencia (14–17)"),
    "juventud": N_("Juventud (18–29)"),
    "adultez": N_("Adultez (30–64)"),
    "personas_mayores": N_("Personas mayores (65+)"),
    "hogares": N_("Hogares"),
    "entorno": N_("Entorno"),
}

PAQUETES: dict[str, str] = {"nucleo": N_("Núcleo"), "diferenciado": N_("Diferenciado"), "ampliado": N_("Ampliado")}

TIPOS_BENEFICIO: dict[str, str] = {
    "transferencia": N_("Transferencia"),
    "servicio": N_("Servicio"),
    "capacitacion": N_("Capacitación"),
    "credito": N_("Crédito"),
    "infraestructura": N_("Infraestructura"),
    "alimentacion": N_("Alimentación"),
    "otro": N_("Otro"),
}

# Link tables carry no municipio_id: both ends already belong to one Municipio.
oportunidad_territorio = Table(
    "oportunidad_territorio",
    Base.metadata,
    Column("oportunidad_id", Integer, ForeignKey("oportunidad.id", ondelete="CASCADE"), primary_key=True),
    Column("territorio_id", Integer, ForeignKey("territorio.id", ondelete="CASCADE"), primary_key=True),
)


class Oportunidad(DelMunicipio, ConFechas, Base):
    __tablename__ = "oportunidad"

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(String(200))  # HSDS service.name
    descripcion: Mapped[str] = mapped_column(Text, default="")  # HSDS service.description
    proveedor_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    origen: Mapped[str] = mapped_column(String(20), default="nacional")
    pilar: Mapped[str] = mapped_column(String(30), default="integracion_social")
    paquete: Mapped[str] = mapped_column(String(20), default="nucleo")
    tipo_beneficio: Mapped[str] = mapped_column(String(30), default="servicio")
    requisitos: Mapped[str] = mapped_column(Text, default="")  # HSDS eligibility
    cobertura_distrital: Mapped[bool] = mapped_column(Boolean, default=True)  # HSDS service_area
    cupos: Mapped[int | None] = mapped_column(Integer)  # capacity; None = sin límite conocido
    costo: Mapped[int] = mapped_column(Integer, default=0)  # guaraníes for the beneficiary; 0 = gratuito
    costo_detalle: Mapped[str] = mapped_column(String(200), default="")  # HSDS cost_option
    lugar: Mapped[str] = mapped_column(String(200), default="")  # where (HSDS location)
    horario: Mapped[str] = mapped_column(String(200), default="")  # when (HSDS schedule)
    contacto: Mapped[str] = mapped_column(String(200), default="")
    telefono: Mapped[str] = mapped_column(String(60), default="")
    correo: Mapped[str] = mapped_column(String(120), default="")
    vigencia_desde: Mapped[date | None] = mapped_column(Date)
    vigencia_hasta: Mapped[date | None] = mapped_column(Date)
    fuente: Mapped[str] = mapped_column(String(200), default="")  # where the information comes from
    verificado_el: Mapped[date | None] = mapped_column(Date)  # date the information was checked
    notas: Mapped[str] = mapped_column(Text, default="")

    proveedor: Mapped[Actor | None] = relationship()
    territorios: Mapped[list[Territorio]] = relationship(secondary=oportunidad_territorio,
                                                         order_by="Territorio.nombre")
    poblaciones: Mapped[list[OportunidadPoblacion]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="OportunidadPoblacion.categoria")


class OportunidadPoblacion(DelMunicipio, Base):
    """Una categoría de población a la que se dirige la oportunidad (puede haber varias)."""

    __tablename__ = "oportunidad_poblacion"

    oportunidad_id: Mapped[int] = mapped_column(ForeignKey("oportunidad.id", ondelete="CASCADE"), primary_key=True)
    categoria: Mapped[str] = mapped_column(String(30), primary_key=True)
