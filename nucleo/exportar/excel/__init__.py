"""Planillas Excel de las tablas del expediente: exportación, plantilla en blanco y (en `nucleo.importar`) la
importación, todas guiadas por el mismo esquema de columnas (ARQUITECTURA.md, decisión 9).

Para la interfaz y la CLI:

- `esquema_de(tabla) -> Esquema` y `TABLAS` (``"actores"``, ``"oportunidades"``): `esquema.py` explica las
  columnas y los valores de una fila.
- `exportar_excel(s, municipio_id, esquema, destino, plantilla=False, progreso=None) -> ResultadoExportacion`
  (`ruta`, `filas`): escribe el .xlsx (o la plantilla en blanco) y reemplaza `destino` solo al terminar.
  `progreso(hecho, total)` puede lanzar `nucleo.exportar.Cancelado`.

openpyxl se importa recién dentro de las funciones que escriben o leen (cuesta ~100 ms al arrancar).
"""

from __future__ import annotations

from nucleo.exportar import Cancelado
from nucleo.exportar.excel.escribir import ResultadoExportacion, exportar_excel
from nucleo.exportar.excel.esquema import Columna, Esquema, normalizar
from nucleo.exportar.excel.esquemas import TABLAS, esquema_de

__all__ = ["TABLAS", "Cancelado", "Columna", "Esquema", "ResultadoExportacion", "esquema_de", "exportar_excel",
           "normalizar"]
