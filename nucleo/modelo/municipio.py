"""Municipio: el distrito dueño de los datos del expediente."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nucleo.modelo.base import Base, ConFechas


class Municipio(ConFechas, Base):
    __tablename__ = "municipio"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Clave INE del CNPV 2022 (DPTO + DISTRITO), p. ej. "1120" para Villeta.
    clave_ine: Mapped[str] = mapped_column(String(4))
    nombre: Mapped[str] = mapped_column(String(120))
    departamento_codigo: Mapped[str] = mapped_column(String(2))
    departamento: Mapped[str] = mapped_column(String(80))
    direccion: Mapped[str] = mapped_column(String(200), default="")
    telefono: Mapped[str] = mapped_column(String(60), default="")
    correo: Mapped[str] = mapped_column(String(120), default="")

    intendente_nombre: Mapped[str] = mapped_column(String(120), default="")
    intendente_resolucion: Mapped[str] = mapped_column(String(120), default="")
    intendente_fecha: Mapped[date | None] = mapped_column(Date)
    coordinador_nombre: Mapped[str] = mapped_column(String(120), default="")
    coordinador_resolucion: Mapped[str] = mapped_column(String(120), default="")
    coordinador_fecha: Mapped[date | None] = mapped_column(Date)

    logo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    notas: Mapped[str] = mapped_column(Text, default="")
    # The risk matrix this municipality adjusted (JSON, same shape as recursos/datos/matriz_riesgos.json); empty:
    # the default one.
    matriz_riesgos: Mapped[str] = mapped_column(Text, default="")
    # Paper of every printout (nucleo.modelo.sancion.PAPELES): «A4» or «oficio».
    papel: Mapped[str] = mapped_column(String(10), default="A4")
