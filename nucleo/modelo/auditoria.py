"""Auditoría: quién cambió qué y cuándo."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.modelo.base import Base, DelMunicipio


class Auditoria(DelMunicipio, Base):
    __tablename__ = "auditoria"

    id: Mapped[int] = mapped_column(primary_key=True)
    momento: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    usuario: Mapped[str] = mapped_column(String(120), default="")
    entidad: Mapped[str] = mapped_column(String(40))
    entidad_id: Mapped[int | None] = mapped_column(Integer)
    accion: Mapped[str] = mapped_column(String(20))
    resumen: Mapped[str] = mapped_column(Text, default="")
