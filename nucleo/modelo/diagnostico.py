"""Diagnóstico participativo de un territorio (etapa 3): necesidades, cruce oferta–demanda, árbol de problemas y DAFO/DIPE."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.i18n import N_
from nucleo.modelo.base import Base, ConFechas, DelMunicipio
from nucleo.modelo.oportunidad import Oportunidad

# Dimensiones del desarrollo (000, glosario g).
DIMENSIONES: dict[str, str] = {
    "economica": N_("Económica"),
    "social": N_("Social"),
    "politica": N_("Política"),
    "cultural": N_("Cultural"),
    "ambiental": N_("Ambiental"),
}

FUENTES_NECESIDAD: dict[str, str] = {"taller": N_("Taller"), "encuesta": N_("Encuesta"), "registro": N_("Registro")}

# Decisión del coordinador sobre una oportunidad que puede responder a una necesidad. Las sugerencias se calculan
# (pilar, población, cobertura) y no se guardan: solo se guarda lo que el coordinador decidió.
DECISIONES_CRUCE: dict[str, str] = {"confirmada": N_("Confirmada"), "descartada": N_("Descartada")}

TIPOS_NODO: dict[str, str] = {"problema": N_("Problema central"), "causa": N_("Causa"), "efecto": N_("Efecto")}

ANALISIS: dict[str, str] = {"dafo": N_("DAFO"), "dipe": N_("DIPE")}

# Cuadrantes por análisis, en el orden del tablero (fila de arriba: internos negativos/externos negativos).
CUADRANTES: dict[str, dict[str, str]] = {
    "dafo": {
        "debilidades": N_("Debilidades"),
        "amenazas": N_("Amenazas"),
        "fortalezas": N_("Fortalezas"),
        "oportunidades": N_("Oportunidades"),
    },
    "dipe": {
        "desafios": N_("Desafíos"),
        "limitaciones": N_("Limitaciones"),
        "potencialidades": N_("Potencialidades"),
        "riesgos": N_("Riesgos"),
    },
}


class Necesidad(DelMunicipio, ConFechas, Base):
    """Necesidad o déficit planteado con la comunidad."""

    __tablename__ = "necesidad"

    id: Mapped[int] = mapped_column(primary_key=True)
    territorio_id: Mapped[int] = mapped_column(ForeignKey("territorio.id", ondelete="CASCADE"), index=True)
    descripcion: Mapped[str] = mapped_column(Text)
    dimension: Mapped[str] = mapped_column(String(20), default="social")
    pilar: Mapped[str] = mapped_column(String(30), default="")  # clave de oportunidad.PILARES o ""
    poblacion: Mapped[str] = mapped_column(String(30), default="")  # clave de oportunidad.POBLACIONES o ""
    fuente: Mapped[str] = mapped_column(String(20), default="taller")
    fecha: Mapped[date | None] = mapped_column(Date)
    # Prioridad dada por la comunidad: 1 es la más alta; iguales = empate; None = sin priorizar.
    prioridad: Mapped[int | None] = mapped_column(Integer)
    votos: Mapped[int | None] = mapped_column(Integer)
    notas: Mapped[str] = mapped_column(Text, default="")

    respuestas: Mapped[list[CruceNecesidad]] = relationship(
        back_populates="necesidad", cascade="all, delete-orphan", passive_deletes=True
    )


class CruceNecesidad(DelMunicipio, Base):
    """Decisión del coordinador: esta oportunidad responde (o no) a esta necesidad."""

    __tablename__ = "cruce_necesidad"

    necesidad_id: Mapped[int] = mapped_column(ForeignKey("necesidad.id", ondelete="CASCADE"), primary_key=True)
    oportunidad_id: Mapped[int] = mapped_column(
        ForeignKey("oportunidad.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    decision: Mapped[str] = mapped_column(String(20), default="confirmada")
    nota: Mapped[str] = mapped_column(Text, default="")

    necesidad: Mapped[Necesidad] = relationship(back_populates="respuestas")
    oportunidad: Mapped[Oportunidad] = relationship()


class NodoProblema(DelMunicipio, ConFechas, Base):
    """Nodo del árbol de problemas: el problema central (sin padre), causas debajo, efectos arriba."""

    __tablename__ = "nodo_problema"

    id: Mapped[int] = mapped_column(primary_key=True)
    territorio_id: Mapped[int] = mapped_column(ForeignKey("territorio.id", ondelete="CASCADE"), index=True)
    padre_id: Mapped[int | None] = mapped_column(ForeignKey("nodo_problema.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[str] = mapped_column(String(10), default="causa")
    texto: Mapped[str] = mapped_column(Text)
    necesidad_id: Mapped[int | None] = mapped_column(ForeignKey("necesidad.id", ondelete="SET NULL"), index=True)
    orden: Mapped[int] = mapped_column(Integer, default=0)  # entre hermanos, de izquierda a derecha
    # Posición elegida a mano (coordenadas de la escena); None = la del ordenamiento automático.
    x: Mapped[float | None] = mapped_column(Float)
    y: Mapped[float | None] = mapped_column(Float)


class ItemDafo(DelMunicipio, ConFechas, Base):
    """Elemento de un cuadrante del análisis DAFO o DIPE de un territorio."""

    __tablename__ = "item_dafo"

    id: Mapped[int] = mapped_column(primary_key=True)
    territorio_id: Mapped[int] = mapped_column(ForeignKey("territorio.id", ondelete="CASCADE"), index=True)
    analisis: Mapped[str] = mapped_column(String(10), default="dafo")
    cuadrante: Mapped[str] = mapped_column(String(20))
    texto: Mapped[str] = mapped_column(Text)
    orden: Mapped[int] = mapped_column(Integer, default=0)
