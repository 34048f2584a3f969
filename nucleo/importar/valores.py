"""De una celda de la planilla al valor de un campo, según el tipo de su columna.

Lo que entrega openpyxl (solo lectura, ``data_only``): str, int, float, bool, datetime o None; las fórmulas dan su
último valor guardado (nunca se calculan) y las fórmulas con error dan el texto del error («#N/A», «#REF!»…).

Cada `Lector` convierte las celdas de una columna y lanza ValueError con un mensaje en español si no puede; además
anota las traducciones que hizo sin que el texto fuera una opción exacta («A favor» -> Apoya, «Alta» -> 4), para
avisarlas en el informe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from nucleo import formato
from nucleo.exportar.excel.esquema import Columna, normalizar
from nucleo.i18n import _

ERRORES_EXCEL = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
    "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!",
})

# Words for the 1-5 scales. With «muy …» present the column uses five steps; with only alto/medio/bajo, three
# steps spread over the scale (5/3/1), so «Alto» keeps meaning the top of the scale.
_CINCO = {"muy alto": 5, "muy alta": 5, "very high": 5, "alto": 4, "alta": 4, "high": 4,
          "medio": 3, "media": 3, "moderado": 3, "moderada": 3, "medium": 3,
          "bajo": 2, "baja": 2, "low": 2, "muy bajo": 1, "muy baja": 1, "very low": 1}
_TRES = {"alto": 5, "alta": 5, "high": 5, "medio": 3, "media": 3, "moderado": 3, "moderada": 3, "medium": 3,
         "bajo": 1, "baja": 1, "low": 1}
_MUY = {"muy alto", "muy alta", "muy bajo", "muy baja", "very high", "very low"}

_SEPARADORES = re.compile(r"\s*[;\n]\s*")
_SI = {"si", "s", "verdadero", "true", "x", "1", "yes"}
_NO = {"no", "n", "falso", "false", "0"}


def vacia(valor: Any) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def es_error(valor: Any) -> bool:
    return isinstance(valor, str) and valor.strip().upper() in ERRORES_EXCEL


def escala_de(valores: Iterable[Any]) -> dict[str, int]:
    """La tabla de palabras que corresponde a los valores de una columna (ver _CINCO y _TRES)."""
    palabras = {normalizar(v) for v in valores if isinstance(v, str)}
    return _CINCO if palabras & _MUY else _TRES


def _texto(valor: Any) -> str:
    if isinstance(valor, bool):
        return _("Sí") if valor else _("No")
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    if isinstance(valor, datetime):
        return formato.fecha(valor) if valor.time() == datetime.min.time() else formato.fecha_hora(valor)
    if isinstance(valor, date):
        return formato.fecha(valor)
    return str(valor)


def _sin_parentesis(texto: str) -> str:
    return re.sub(r"\([^)]*\)", " ", texto)


class Lector:
    """Convierte las celdas de una columna. `escala`: la tabla de palabras (solo columnas con escala)."""

    def __init__(self, col: Columna, escala: dict[str, int] | None = None):
        self.col = col
        self.escala = escala if col.escala else None
        self.traducidos: dict[str, str] = {}  # texto de la celda -> etiqueta o número que se tomó
        self._opciones: dict[str, str] = {}
        self._exactas: set[str] = set()
        if col.opciones:
            etiquetas = col.etiquetas()
            for clave, fuente in col.opciones.items():
                for forma in (clave, fuente, etiquetas[clave]):
                    self._opciones.setdefault(normalizar(forma), clave)
                    self._exactas.add(normalizar(forma))
                for forma in (fuente, etiquetas[clave]):
                    self._opciones.setdefault(normalizar(_sin_parentesis(forma)), clave)
            for texto, clave in col.valores.items():
                self._opciones.setdefault(normalizar(texto), clave)

    # -- por tipo ------------------------------------------------------------------------------------------
    def leer(self, valor: Any) -> Any:
        """El valor del campo; ValueError con el motivo si la celda no sirve. No se llama con celdas vacías."""
        if es_error(valor):
            raise ValueError(_("La celda tiene el error «{error}» de una fórmula. Corrija la fórmula o escriba el "
                               "valor.").format(error=valor.strip()))
        tipo = self.col.tipo
        if tipo == "texto":
            return _texto(valor).strip()
        if tipo == "entero":
            return self._entero(valor)
        if tipo == "decimal":
            return self._decimal(valor)
        if tipo == "guaranies":
            return self._guaranies(valor)
        if tipo == "fecha":
            return self._fecha(valor)
        if tipo == "booleano":
            return self._booleano(valor)
        if tipo == "opcion":
            return self._opcion(valor)
        if tipo == "opciones":
            return tuple(dict.fromkeys(self._opcion(p) for p in self._partes(valor)))
        if tipo == "referencia":
            partes = self._partes(valor)
            return tuple(dict.fromkeys(partes)) if self.col.multiple else " ".join(partes)
        raise AssertionError(tipo)  # pragma: no cover - Columna checks its type

    def _partes(self, valor: Any) -> list[str]:
        return [p for p in _SEPARADORES.split(_texto(valor).strip()) if p]

    def _entero(self, valor: Any) -> int:
        if isinstance(valor, bool):
            raise ValueError(_("Escriba un número entero, no Verdadero/Falso."))
        if isinstance(valor, int):
            return valor
        if isinstance(valor, float):
            if valor.is_integer():
                return int(valor)
            raise ValueError(_("«{valor}» no es un número entero.").format(valor=formato.numero(valor)))
        if isinstance(valor, date):
            raise ValueError(_("Hay una fecha donde va un número entero."))
        texto = str(valor).strip()
        if self.escala is not None:
            palabra = normalizar(texto)
            if palabra in self.escala:
                n = self.escala[palabra]
                self.traducidos[texto] = str(n)
                return n
        try:
            return formato.leer_entero(texto)
        except ValueError as exc:
            if self.escala is not None:
                raise ValueError(_("«{texto}» no es un valor de la escala: escriba un número de 1 a 5 o Muy alto, "
                                   "Alto, Medio, Bajo, Muy bajo.").format(texto=texto)) from None
            raise exc from None

    def _decimal(self, valor: Any) -> Decimal:
        if isinstance(valor, bool | date):
            raise ValueError(_("Escriba un número."))
        if isinstance(valor, int | float):
            return Decimal(str(valor))
        return formato.leer_numero(str(valor))

    def _guaranies(self, valor: Any) -> int:
        if isinstance(valor, bool | date):
            raise ValueError(_("Escriba un monto en guaraníes, por ejemplo 1.500.000."))
        numero = Decimal(str(valor)) if isinstance(valor, int | float) else formato.leer_numero(str(valor))
        entero = int(numero.to_integral_value())
        # Float noise from a spreadsheet formula (1500000.0000001) is not a typed decimal.
        if abs(numero - entero) >= Decimal("0.01"):
            raise ValueError(_("Los guaraníes no llevan decimales: «{valor}».").format(valor=_texto(valor)))
        return entero

    def _fecha(self, valor: Any) -> date:
        if isinstance(valor, datetime):
            return valor.date()
        if isinstance(valor, date):
            return valor
        if isinstance(valor, bool | int | float):
            raise ValueError(_("«{valor}» no es una fecha. Escríbala como dd/mm/aaaa, por ejemplo 21/11/2026.").format(
                valor=_texto(valor)))
        return formato.leer_fecha(str(valor))

    def _booleano(self, valor: Any) -> bool:
        if isinstance(valor, bool):
            return valor
        texto = normalizar(_texto(valor))
        if texto in _SI:
            return True
        if texto in _NO:
            return False
        raise ValueError(_("«{valor}» no es Sí ni No.").format(valor=_texto(valor)))

    def _opcion(self, valor: Any) -> str:
        texto = _texto(valor).strip()
        clave = normalizar(texto)
        if clave in self._opciones:
            elegida = self._opciones[clave]
            if clave not in self._exactas:
                self.traducidos[texto] = self.col.etiquetas()[elegida]
            return elegida
        validas = ", ".join(self.col.etiquetas().values())
        raise ValueError(_("«{texto}» no es una opción de «{columna}». Elija entre: {validas}.").format(
            texto=texto, columna=self.col.titulo, validas=validas))
