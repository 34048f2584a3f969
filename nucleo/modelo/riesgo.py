"""Matriz de riesgos de un Plan de Acción (columnas del documento 004, «Posibles obstáculos»).

El nivel de un riesgo no se guarda: sale de la probabilidad, el impacto y la matriz de niveles del municipio
(recursos/datos/matriz_riesgos.json, o la que el municipio ajustó en `Municipio.matriz_riesgos`), así cambiar la
matriz cambia el nivel de todos los riesgos sin reescribirlos.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.i18n import N_
from nucleo.modelo.base import Base, ConFechas, DelMunicipio

ESTADOS_RIESGO: dict[str, str] = {
    "abierto": N_("Abierto"),
    "mitigado": N_("Mitigado"),
    "materializado": N_("Materializado"),
    "cerrado": N_("Cerrado"),
}

# The activities of the plan a risk threatens (a marker on the Gantt).
riesgo_actividad = Table(
    "riesgo_actividad",
    Base.metadata,
    Column("riesgo_id", ForeignKey("riesgo.id", ondelete="CASCADE"), primary_key=True),
    Column("actividad_id", ForeignKey("actividad.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Riesgo(DelMunicipio, ConFechas, Base):
    """Una fila de la matriz: el escenario de crisis y qué hacer antes, durante y después."""

    __tablename__ = "riesgo"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Per plan; a territory's risk without a plan yet (or beyond it) keeps only the territory. At least one of the
    # two (the service checks it), and probability and impact 1–5.
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan_accion.id", ondelete="CASCADE"), index=True)
    territorio_id: Mapped[int | None] = mapped_column(ForeignKey("territorio.id", ondelete="CASCADE"), index=True)
    orden: Mapped[int] = mapped_column(Integer, default=0)
    escenario: Mapped[str] = mapped_column(Text, default="")  # escenario de crisis
    signos_alerta: Mapped[str] = mapped_column(Text, default="")
    acciones_preventivas: Mapped[str] = mapped_column(Text, default="")
    reduccion_danos: Mapped[str] = mapped_column(Text, default="")
    ajustes_programa: Mapped[str] = mapped_column(Text, default="")
    probabilidad: Mapped[int] = mapped_column(Integer, default=3)
    impacto: Mapped[int] = mapped_column(Integer, default=3)
    responsable_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    estado: Mapped[str] = mapped_column(String(20), default="abierto")
    proxima_revision: Mapped[date | None] = mapped_column(Date)
    notas: Mapped[str] = mapped_column(Text, default="")
