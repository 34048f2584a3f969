"""Base declarativa común: un solo MetaData con convención de nombres (Alembic la necesita para el modo batch)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

CONVENCION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=CONVENCION)


class DelMunicipio:
    """Toda fila pertenece a un Municipio: el mismo esquema sirve a un archivo local o a un servidor compartido."""

    @declared_attr
    def municipio_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr recibe la clase
        return mapped_column(ForeignKey("municipio.id", ondelete="CASCADE"), index=True)


class ConFechas:
    # Local time set by the program: SQLite's CURRENT_TIMESTAMP is UTC and users read these dates.
    creado_en: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    modificado_en: Mapped[datetime] = mapped_column(DateTime, default=datetime.now, onupdate=datetime.now)
