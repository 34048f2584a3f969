"""Piezas compartidas por los servicios: auditoría, búsqueda de filas y validación de campos."""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.lecturas import no_encontrado
from nucleo.modelo import Auditoria

T = TypeVar("T")


def usuario_actual() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some Windows setups; the record is still useful
        return ""


def auditar(s: Session, municipio_id: int, entidad: str, entidad_id: int | None, accion: str, resumen: str) -> None:
    s.add(Auditoria(municipio_id=municipio_id, usuario=usuario_actual(), entidad=entidad,
                    entidad_id=entidad_id, accion=accion, resumen=resumen[:500]))


def obtener(s: Session, clase: type[T], ident: int, que: str, municipio_id: int | None = None) -> T:
    """La fila `ident`; con `municipio_id`, solo si es de ese municipio (otra cuenta como no encontrada)."""
    fila = s.get(clase, ident)
    if fila is None or (municipio_id is not None and fila.municipio_id != municipio_id):
        raise no_encontrado(que, ident)
    return fila


class Validador:
    """Junta los problemas de todos los campos para informarlos de una vez, cada uno atado a su campo."""

    def __init__(self) -> None:
        self.errores: dict[str, str] = {}

    def error(self, campo: str, mensaje: str) -> None:
        self.errores.setdefault(campo, mensaje)

    def texto(self, campo: str, valor: str, etiqueta: str, obligatorio: bool = False, maximo: int = 200) -> str:
        valor = (valor or "").strip()
        if obligatorio and not valor:
            self.error(campo, _("Escriba {etiqueta}.").format(etiqueta=etiqueta))
        elif len(valor) > maximo:
            # Worded so it agrees with any label: «la caracterización», «las notas», «el nombre».
            self.error(campo, _("Acorte {etiqueta}: tiene {largo} caracteres y el máximo es {maximo}.").format(
                etiqueta=etiqueta, largo=formato.entero(len(valor)), maximo=formato.entero(maximo)))
        return valor

    def opcion(self, campo: str, valor: str, opciones: Mapping[str, str], etiqueta: str) -> str:
        if valor not in opciones:
            # The labels are N_()-marked dictionaries (nucleo.modelo): translate them as they are shown.
            validas = ", ".join(traducir(v) for v in opciones.values() if v != "—")
            self.error(campo, _("Elija {etiqueta} entre: {validas}.").format(etiqueta=etiqueta, validas=validas))
        return valor

    def no_negativo(self, campo: str, valor: int | None, etiqueta: str) -> int | None:
        if valor is not None and valor < 0:
            self.error(campo, _("{etiqueta} no puede ser negativa; escriba 0 o más, o déjela vacía si no se conoce.").format(
                etiqueta=etiqueta))
        return valor

    def verificar(self) -> None:
        if self.errores:
            raise ErroresDeValidacion(self.errores)


def como_dict(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


# -- copias para deshacer una baja ----------------------------------------------------------------------------
def copiar_filas(s: Session, modelo: Any, *condiciones: Any) -> tuple[dict[str, Any], ...]:
    """Las filas de la tabla de `modelo` que cumplen las condiciones, como diccionarios columna -> valor.

    Para deshacer una baja: lo que la base borra en cascada (o deja en NULL) se guarda antes así, sin cargar
    objetos, y `reponer_filas` lo vuelve a insertar con los mismos números. `modelo` puede ser también una tabla
    de asociación (sin clase).
    """
    tabla = getattr(modelo, "__table__", modelo)
    s.flush()
    return tuple(dict(f._mapping) for f in s.execute(select(tabla).where(*condiciones)))


def reponer_filas(s: Session, modelo: Any, filas: tuple[dict[str, Any], ...] | list[dict[str, Any]]) -> None:
    if filas:
        s.execute(insert(getattr(modelo, "__table__", modelo)), list(filas))
