"""Actor: institución, organización o persona relevante para la articulación (matriz de actores)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.i18n import N_
from nucleo.modelo.base import Base, ConFechas, DelMunicipio

# Categorías de la matriz de actores del documento 000, más las que usa la práctica.
# Marked with N_() (built at import, before the catalogue): display them through i18n.traducir().
CATEGORIAS: dict[str, str] = {
    "gobierno_central": N_("Gobierno Central"),
    "gobernacion": N_("Gobernación"),
    "municipalidad": N_("Municipalidad"),
    "privado_interes_publico": N_("Organismo privado con interés público"),
    "comunidad": N_("Comunidad / organización comunitaria"),
    "cooperacion": N_("Cooperación"),
    "sociedad_civil": N_("Sociedad civil"),
    "academia": N_("Academia"),
}


class Actor(DelMunicipio, ConFechas, Base):
    __tablename__ = "actor"

    id: Mapped[int] = mapped_column(primary_key=True)
    nombre: Mapped[str] = mapped_column(String(200))
    categoria: Mapped[str] = mapped_column(String(40), default="comunidad")
    telefono: Mapped[str] = mapped_column(String(60), default="")
    correo: Mapped[str] = mapped_column(String(120), default="")
    contacto: Mapped[str] = mapped_column(String(200), default="")
    notas: Mapped[str] = mapped_column(Text, default="")
