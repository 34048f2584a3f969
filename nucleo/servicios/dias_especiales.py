"""Días no laborables que agrega el usuario (y feriados que un decreto vuelve laborables), por año."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from nucleo.errores import ErrorDeUsuario
from nucleo.formato import fecha as fmt_fecha
from nucleo.i18n import _
from nucleo.lecturas.municipio import calendario_de  # noqa: F401 - re-exported
from nucleo.modelo import DiaEspecial
from nucleo.servicios.comun import auditar, obtener


@dataclass(frozen=True)
class FilaDiaEspecial:
    id: int
    fecha: date
    laborable: bool
    descripcion: str


def listar_dias_especiales(s: Session, municipio_id: int, anio: int | None = None) -> list[FilaDiaEspecial]:
    q = select(DiaEspecial).where(DiaEspecial.municipio_id == municipio_id).order_by(DiaEspecial.fecha)
    if anio is not None:
        q = q.where(extract("year", DiaEspecial.fecha) == anio)
    return [FilaDiaEspecial(d.id, d.fecha, d.laborable, d.descripcion) for d in s.scalars(q)]


def agregar_dia_especial(s: Session, municipio_id: int, dia: date, laborable: bool, descripcion: str) -> int:
    descripcion = (descripcion or "").strip()
    if not descripcion:
        raise ErrorDeUsuario(_("Escriba el motivo del día (por ejemplo, «Feriado decretado» o «Fiesta patronal»)."),
                             campo="descripcion")
    existente = s.scalar(select(DiaEspecial).where(DiaEspecial.municipio_id == municipio_id,
                                                   DiaEspecial.fecha == dia))
    if existente:
        raise ErrorDeUsuario(_("El {fecha} ya está en la lista. Quítelo primero si quiere cambiarlo.").format(fecha=fmt_fecha(dia)),
                             campo="fecha")
    cal = calendario_de(s, municipio_id)
    if laborable and dia not in cal.feriados(dia.year):
        raise ErrorDeUsuario(_("El {fecha} no es feriado nacional: no hace falta declararlo laborable.").format(
            fecha=fmt_fecha(dia)),
                             campo="fecha")
    if not laborable and not cal.es_habil(dia):
        raise ErrorDeUsuario(_("El {fecha} ya es no laborable ({motivo}).").format(fecha=fmt_fecha(dia), motivo=cal.motivo(dia)), campo="fecha")
    fila = DiaEspecial(municipio_id=municipio_id, fecha=dia, laborable=laborable, descripcion=descripcion)
    s.add(fila)
    s.flush()
    auditar(s, municipio_id, "dia_especial", fila.id, "crear", f"{fmt_fecha(dia)} {descripcion}")
    _replanificar(s, municipio_id)
    return fila.id


def quitar_dia_especial(s: Session, dia_id: int) -> FilaDiaEspecial:
    fila = obtener(s, DiaEspecial, dia_id, _("el día especial"))
    copia = FilaDiaEspecial(fila.id, fila.fecha, fila.laborable, fila.descripcion)
    municipio_id = fila.municipio_id
    s.delete(fila)
    s.flush()
    auditar(s, municipio_id, "dia_especial", dia_id, "eliminar", fmt_fecha(copia.fecha))
    _replanificar(s, municipio_id)
    return copia


def _replanificar(s: Session, municipio_id: int) -> None:
    # Planned dates follow the calendar: a new non-working day moves every route that crosses it.
    from nucleo.servicios.hoja_de_ruta import replanificar_municipio

    replanificar_municipio(s, municipio_id)
