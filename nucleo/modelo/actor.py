"""Actor: institución, organización o persona relevante para la articulación (matriz de actores)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.modelo.base import Base, ConFechas, DelMunicipio

# Categorías de la matriz de actores del documento 000, más las que usa la práctica.
CATEGORIAS: dict[str, str] = {
    "gobierno_central": "Gobierno Central",
    "gobernacion": "Gobernación",
    "municipalidad": "Municipalidad",
    "privado_interes_publico": "Organismo privado con interés público",
    "comunidad": "Comunidad / organización comunitaria",
    "cooperacion": "Cooperación",
    "sociedad_civil": "Sociedad civil",
    "academia": "Academia",
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
