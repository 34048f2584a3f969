"""Leer una planilla para importarla: comprobaciones previas, hoja y fila de encabezados, y todas sus filas.

El libro se abre con openpyxl en solo lectura y ``data_only`` (las fórmulas dan su último valor guardado; nunca se
calculan) y se cierra siempre. Antes de leer las filas se rechazan, con un mensaje que dice qué hacer, los
archivos que no son .xlsx, los protegidos con contraseña, los demasiado grandes (ver `seguridad.py`) y las hojas
que dicen tener más de 100.000 filas o 200 columnas.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar import Cancelado
from nucleo.exportar.excel.escribir import letra
from nucleo.exportar.excel.esquema import Esquema
from nucleo.i18n import _, traducir
from nucleo.importar import seguridad
from nucleo.importar.encabezados import (
    FILAS_A_MIRAR,
    PREFIJO,
    Candidato,
    Comparador,
    encabezados_de,
    mejor_de_hoja,
)
from nucleo.importar.valores import vacia

log = logging.getLogger(__name__)
Progreso = Callable[[int, int], None]
_CADA = 1000


@dataclass
class LecturaLibro:
    """Lo leído de la planilla: dónde están los encabezados, el mapeo propuesto y las filas (valores crudos).

    - `hojas`: las hojas visibles del libro (para ofrecer otra); `hoja`: la elegida.
    - `fila_encabezado`: número de fila de los encabezados (1 = la primera, como la numera la planilla).
    - `encabezados`: texto de cada columna de la hoja (índice 0 = columna A; "" si está vacía).
    - `mapeo`: el propuesto, índice de columna de la hoja -> campo del esquema; `confianza`: su parecido (0–1).
    - `filas`: (número de fila en la planilla, valores crudos por columna) de las filas con algún dato.
    """

    archivo: Path
    esquema: Esquema
    hojas: list[str]
    hoja: str
    fila_encabezado: int
    encabezados: list[str]
    mapeo: dict[int, str]
    confianza: dict[int, float]
    filas: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.filas)

    def vista_previa(self, n: int = 20) -> list[tuple[int, tuple[Any, ...]]]:
        return self.filas[:n]

    def nombre_columna(self, indice: int) -> str:
        """«D (Influencia)»: la letra y el encabezado de una columna de la hoja."""
        encabezado = self.encabezados[indice] if indice < len(self.encabezados) else ""
        return f"{letra(indice)} ({encabezado})" if encabezado else letra(indice)

    def sin_importar(self, mapeo: dict[int, str] | None = None) -> list[str]:
        """Las columnas con encabezado que no van a ningún campo («F (Expectativas clave)»)."""
        mapeo = self.mapeo if mapeo is None else mapeo
        return [self.nombre_columna(j) for j, e in enumerate(self.encabezados) if e and j not in mapeo]


def _abrir(ruta: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(ruta, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything from KeyError to XML errors on bad files
        log.info("No se pudo abrir %s como xlsx", ruta, exc_info=True)
        raise ErrorDeUsuario(_("No se pudo leer «{nombre}»: el libro está dañado o no es un .xlsx que se pueda "
                               "abrir. Ábralo en su programa de planillas y guárdelo de nuevo como .xlsx.").format(
                                   nombre=ruta.name), detalle=str(exc) or type(exc).__name__) from exc


def _primeras_filas(ws) -> list[tuple[Any, ...]]:
    ws.reset_dimensions()  # a wrong <dimension> would cut the rows short or pad them to a million
    return [tuple(f[: seguridad.LIMITE_COLUMNAS])
            for f in ws.iter_rows(min_row=1, max_row=FILAS_A_MIRAR, values_only=True)]


def _no_encaja(ruta: Path, esquema: Esquema, mejor: Candidato | None) -> ErrorDeUsuario:
    obligatorias = esquema.obligatorias or esquema.columnas[:1]
    esperadas = []
    for col in obligatorias:
        otros = ", ".join(f"«{traducir(s)}»" for s in col.sinonimos[:2])
        esperadas.append(f"«{col.titulo}»" + (" " + _("(o {otros}…)").format(otros=otros) if otros else ""))
    texto = _("«{nombre}» no parece una planilla de «{tabla}»: en las primeras {n} filas de sus hojas no hay una "
              "fila de encabezados con {esperadas}.").format(nombre=ruta.name, tabla=traducir(esquema.titulo),
                                                              n=FILAS_A_MIRAR, esperadas=_(" y ").join(esperadas))
    seguras = [j for j, p in (mejor.confianza.items() if mejor else ()) if p >= PREFIJO]
    if mejor is not None and len(seguras) >= 2:
        reconocidas = ", ".join(f"«{mejor.encabezados[j]}»" for j in sorted(seguras))
        faltan = ", ".join(f"«{c.titulo}»" for c in mejor.faltan)
        texto += " " + (_("La hoja «{hoja}», fila {fila}, tiene {reconocidas}, pero le falta {faltan}.") if faltan else
                        _("La hoja «{hoja}», fila {fila}, tiene {reconocidas}, pero casi ninguna otra columna "
                          "conocida.")).format(hoja=mejor.hoja, fila=mejor.fila, reconocidas=reconocidas,
                                               faltan=faltan)
    texto += " " + _("Revise que sea la planilla correcta o use la plantilla en blanco de Articula.")
    return ErrorDeUsuario(texto)


def _revisar_tamano(ruta: Path, hoja: str, filas: int, columnas: int) -> int:
    if filas > seguridad.LIMITE_FILAS or columnas > seguridad.LIMITE_COLUMNAS:
        raise ErrorDeUsuario(_("La hoja «{hoja}» de «{nombre}» dice tener {filas} filas y {columnas} columnas; se "
                               "importan hasta {max_filas} filas y {max_columnas} columnas. Divida la planilla o "
                               "borre las filas y columnas que sobran.").format(
                                   hoja=hoja, nombre=ruta.name, filas=formato.entero(filas),
                                   columnas=formato.entero(columnas),
                                   max_filas=formato.entero(seguridad.LIMITE_FILAS),
                                   max_columnas=formato.entero(seguridad.LIMITE_COLUMNAS)))
    return filas


def _demasiadas_filas(ruta: Path, hoja: str) -> ErrorDeUsuario:
    return ErrorDeUsuario(_("La hoja «{hoja}» de «{nombre}» tiene más de {maximo} filas; divida la planilla en "
                            "partes más chicas.").format(hoja=hoja, nombre=ruta.name,
                                                         maximo=formato.entero(seguridad.LIMITE_FILAS)))


def leer_libro(ruta: Path | str, esquema: Esquema, hoja: str | None = None, fila_encabezado: int | None = None,
               progreso: Progreso | None = None) -> LecturaLibro:
    """Lee la planilla y propone hoja, fila de encabezados y mapeo.

    Sin `hoja` ni `fila_encabezado` los busca (y lanza ErrorDeUsuario si ninguna hoja encaja con el esquema);
    con ellos, usa los que se indican aunque el parecido sea bajo (el asistente deja elegirlos; `fila_encabezado`
    sin `hoja` se aplica a la primera hoja visible). Lanza ErrorDeUsuario para archivos que no se deben abrir,
    dañados, hojas vacías o sin filas de datos. `progreso(hecho, total)` puede lanzar `Cancelado`.
    """
    ruta = Path(ruta)
    seguridad.revisar_archivo(ruta)
    wb = _abrir(ruta)
    try:
        return _leer(wb, ruta, esquema, hoja, fila_encabezado, progreso)
    except (ErrorDeUsuario, Cancelado):
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet fails anywhere inside openpyxl's parser
        log.warning("No se pudo leer %s", ruta, exc_info=True)
        raise ErrorDeUsuario(_("No se pudo leer «{nombre}»: una de sus hojas está dañada. Ábralo en su programa de "
                               "planillas y guárdelo de nuevo como .xlsx.").format(nombre=ruta.name),
                             detalle=str(exc) or type(exc).__name__) from exc
    finally:
        wb.close()


def _leer(wb, ruta: Path, esquema: Esquema, hoja: str | None, fila_encabezado: int | None,
          progreso: Progreso | None) -> LecturaLibro:
    visibles = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if hoja is not None:
        elegidas = [ws for ws in wb.worksheets if ws.title == hoja]
        if not elegidas:
            raise ErrorDeUsuario(_("«{nombre}» no tiene una hoja «{hoja}».").format(nombre=ruta.name, hoja=hoja))
    elif fila_encabezado is not None:
        elegidas = visibles[:1]
    else:
        # Articula's own sheet first: ties go to it.
        elegidas = sorted(visibles, key=lambda ws: ws.title != traducir(esquema.hoja))
    comparador = Comparador(esquema)
    mejor: Candidato | None = None
    primeras: dict[str, list[tuple[Any, ...]]] = {}
    declaradas: dict[str, tuple[int, int]] = {}
    for ws in elegidas:
        declaradas[ws.title] = (ws.max_row or 0, ws.max_column or 0)  # the sheet's <dimension>
        filas = _primeras_filas(ws)
        primeras[ws.title] = filas
        if fila_encabezado is not None:
            i = fila_encabezado - 1
            if not 0 <= i < len(filas) or not any(encabezados_de(filas, i)):
                raise ErrorDeUsuario(_("La fila {fila} de la hoja «{hoja}» está vacía: elija la fila de los "
                                       "encabezados.").format(fila=fila_encabezado, hoja=ws.title))
            c = comparador.candidato(ws.title, fila_encabezado, encabezados_de(filas, i))
        else:
            c = mejor_de_hoja(comparador, ws.title, filas)
        if c is not None and (mejor is None or (c.aceptable, c.puntaje) > (mejor.aceptable, mejor.puntaje)):
            mejor = c
    if not any(any(not vacia(v) for v in f) for filas in primeras.values() for f in filas):
        raise ErrorDeUsuario(_("«{nombre}» no tiene datos: sus hojas están vacías.").format(nombre=ruta.name))
    if mejor is None or (fila_encabezado is None and hoja is None and not mejor.aceptable):
        raise _no_encaja(ruta, esquema, mejor)
    ws = wb[mejor.hoja]
    total = _revisar_tamano(ruta, ws.title, *declaradas[ws.title])
    ancho = len(mejor.encabezados)
    filas_datos: list[tuple[int, tuple[Any, ...]]] = []
    numero = mejor.fila
    for numero, fila in enumerate(ws.iter_rows(min_row=mejor.fila + 1, values_only=True), start=mejor.fila + 1):
        if numero - mejor.fila > seguridad.LIMITE_FILAS:
            raise _demasiadas_filas(ruta, ws.title)
        if progreso and numero % _CADA == 0:
            progreso(numero, max(total, numero))
        valores = tuple(fila[:ancho])
        if len(valores) < ancho:
            valores += (None,) * (ancho - len(valores))
        if any(not vacia(v) for v in valores):
            filas_datos.append((numero, valores))
    if progreso:
        progreso(numero, numero)
    if not filas_datos:
        raise ErrorDeUsuario(_("La hoja «{hoja}» de «{nombre}» no tiene filas con datos debajo de los encabezados "
                               "(fila {fila}).").format(hoja=ws.title, nombre=ruta.name, fila=mejor.fila))
    return LecturaLibro(ruta, esquema, [ws.title for ws in visibles], mejor.hoja, mejor.fila, mejor.encabezados,
                        mejor.mapeo, mejor.confianza, filas_datos)


def muestra(ruta: Path | str, filas: int = 30) -> dict[str, list[tuple[Any, ...]]]:
    """Las primeras filas (valores crudos) de cada hoja visible, para que el usuario vea dónde están los datos
    (el asistente de importación las muestra para elegir hoja y fila de encabezados).

    Se llama después de `leer_libro`, que ya revisó que el archivo se puede abrir sin peligro.
    """
    wb = _abrir(Path(ruta))
    try:
        muestras = {}
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # a wrong <dimension> would cut the rows short
            muestras[ws.title] = [tuple(f[:seguridad.LIMITE_COLUMNAS])
                                  for f in ws.iter_rows(min_row=1, max_row=filas, values_only=True)]
        return muestras
    finally:
        wb.close()
