"""Territorio (comunidad territorial) y su hoja de ruta de etapas 1-a … 6."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.modelo.actor import Actor
from nucleo.modelo.base import Base, ConFechas, DelMunicipio

# The option labels live in nucleo.opciones (the first screen reads them without loading the ORM).
from nucleo.opciones import ESTADOS_ETAPA, TIPOS_SPS  # noqa: F401 - re-exported
from nucleo.opciones import ESTADOS_TERRITORIO as ESTADOS  # noqa: F401
from nucleo.opciones import TIPOS_TERRITORIO as TIPOS  # noqa: F401


class Territorio(DelMunicipio, ConFechas, Base):
    __tablename__ = "territorio"
    __table_args__ = (UniqueConstraint("municipio_id", "nombre"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(String(150))
    tipo: Mapped[str] = mapped_column(String(20), default="urbano")
    tipo_sps: Mapped[str] = mapped_column(String(40), default="")
    estado: Mapped[str] = mapped_column(String(20), default="propuesto")
    poblacion: Mapped[int | None] = mapped_column(Integer)
    hogares: Mapped[int | None] = mapped_column(Integer)
    latitud: Mapped[float | None] = mapped_column(Float)
    longitud: Mapped[float | None] = mapped_column(Float)
    limite_geojson: Mapped[str | None] = mapped_column(Text, deferred=True)

    # Los tres criterios de selección del documento 000, A.2 (a, b, c).
    identidad_propia: Mapped[bool | None] = mapped_column(Boolean)
    identidad_descripcion: Mapped[str] = mapped_column(Text, default="")
    organizacion_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    riesgos_diversos: Mapped[str] = mapped_column(Text, default="")

    caracterizacion: Mapped[str] = mapped_column(Text, default="")
    # Espacio (centro) de articulación social del documento 000.
    espacio_nombre: Mapped[str] = mapped_column(String(150), default="")
    espacio_direccion: Mapped[str] = mapped_column(String(200), default="")
    espacio_operador: Mapped[str] = mapped_column(String(150), default="")

    # Inicio de la hoja de ruta: de aquí se calculan las fechas planificadas de las etapas.
    inicio_ruta: Mapped[date | None] = mapped_column(Date)

    organizacion: Mapped[Actor | None] = relationship(lazy="joined")
    etapas: Mapped[list[Etapa]] = relationship(
        back_populates="territorio", cascade="all, delete-orphan", order_by="Etapa.orden", passive_deletes=True
    )


class Etapa(DelMunicipio, ConFechas, Base):
    __tablename__ = "etapa"
    __table_args__ = (UniqueConstraint("territorio_id", "codigo"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    territorio_id: Mapped[int] = mapped_column(ForeignKey("territorio.id", ondelete="CASCADE"), index=True)
    codigo: Mapped[str] = mapped_column(String(8))
    orden: Mapped[int] = mapped_column(Integer)
    proceso: Mapped[str] = mapped_column(Text)
    producto: Mapped[str] = mapped_column(Text)
    responsables_referencia: Mapped[str] = mapped_column(Text, default="")
    plazo_referencia: Mapped[str] = mapped_column(String(60), default="")
    # Plazo en días hábiles; None = "según el Plan de Acción" hasta que el coordinador lo fije.
    plazo_dias: Mapped[int | None] = mapped_column(Integer)
    # Códigos de etapas que deben terminar antes (separados por coma); vacío = empieza con la ruta.
    inicia_tras: Mapped[str] = mapped_column(String(40), default="")

    estado: Mapped[str] = mapped_column(String(20), default="pendiente")
    inicio_plan: Mapped[date | None] = mapped_column(Date)
    fin_plan: Mapped[date | None] = mapped_column(Date)
    inicio_real: Mapped[date | None] = mapped_column(Date)
    fin_real: Mapped[date | None] = mapped_column(Date)
    responsables: Mapped[str] = mapped_column(Text, default="")
    notas: Mapped[str] = mapped_column(Text, default="")

    territorio: Mapped[Territorio] = relationship(back_populates="etapas")
    documentos: Mapped[list[Documento]] = relationship(
        back_populates="etapa", cascade="all, delete-orphan", passive_deletes=True, order_by="Documento.id"
    )


class Documento(DelMunicipio, ConFechas, Base):
    """Archivo adjunto (evidencia de una etapa, escaneo firmado, foto), guardado dentro del expediente."""

    __tablename__ = "documento"

    id: Mapped[int] = mapped_column(primary_key=True)
    etapa_id: Mapped[int | None] = mapped_column(ForeignKey("etapa.id", ondelete="CASCADE"), index=True)
    # Escaneo firmado de un convenio (el documento pertenece a una etapa o a un convenio).
    convenio_id: Mapped[int | None] = mapped_column(ForeignKey("convenio.id", ondelete="CASCADE"), index=True)
    nombre_archivo: Mapped[str] = mapped_column(String(255))
    tipo_mime: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    tamano: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    descripcion: Mapped[str] = mapped_column(Text, default="")
    contenido: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    etapa: Mapped[Etapa | None] = relationship(back_populates="documentos")


class DiaEspecial(DelMunicipio, Base):
    """Día que el usuario declara no laborable (feriado decretado, fiesta local) o laborable (feriado trasladado)."""

    __tablename__ = "dia_especial"
    __table_args__ = (UniqueConstraint("municipio_id", "fecha"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fecha: Mapped[date] = mapped_column(Date)
    laborable: Mapped[bool] = mapped_column(Boolean, default=False)
    descripcion: Mapped[str] = mapped_column(String(200), default="")
