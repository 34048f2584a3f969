"""Importar planillas Excel a una tabla del expediente: revisar todo primero, todo o nada, y cada problema con su
hoja, fila y columna en español (ARQUITECTURA.md, decisión 9).

Uso (la CLI hace exactamente esto en `importar_archivo`; el asistente de la interfaz, paso por paso):

    from nucleo.exportar.excel import esquema_de
    from nucleo.importar import leer_libro, previsualizar, importar, informe

    esquema = esquema_de("actores")
    lectura = leer_libro(ruta, esquema)             # ErrorDeUsuario si el archivo no sirve o no encaja
    lectura.hojas, lectura.hoja                     # hojas visibles y la elegida
    lectura.fila_encabezado, lectura.encabezados    # fila (1 = primera) y texto por columna (0 = A)
    lectura.mapeo, lectura.confianza                # propuesto: {índice de columna: campo}, {índice: 0..1}
    previsualizar(lectura, mapeo, n=50)             # [FilaPrevia(fila, {campo: texto}, problemas)], sin escribir
    with expediente.transaccion() as s:             # importar no confirma; la transacción sí, al salir
        r = importar(s, municipio_id, lectura, mapeo, progreso=..., omitir_existentes=False)
    r.ok, r.creados, r.ids, r.omitidos, r.avisos, r.problemas  # problemas: [Problema(hoja, fila, columna, mensaje)]
    informe(r.problemas, archivo)                   # el texto para mostrar, copiar o guardar

- Otra hoja u otra fila de encabezados: `leer_libro(ruta, esquema, hoja="…", fila_encabezado=5)` (con ellas no
  exige que la fila se parezca al esquema: el usuario corrige el mapeo después).
- El mapeo que corrige el usuario es un dict {índice de columna de la hoja: campo}; `revisar_mapeo(lectura, mapeo)`
  dice si falta una obligatoria o si un campo está dos veces. `lectura.nombre_columna(j)` da «D (Influencia)».
- `progreso(hecho, total)` (en `leer_libro` e `importar`) puede lanzar `Cancelado`: `importar` deshace la sesión
  y vuelve a lanzarla; el expediente queda como estaba.
- Con problemas, `importar` también deshace la sesión: `r.creados` es 0 y `r.ids` está vacío.
- Deshacer una importación hecha: eliminar `r.ids` en orden inverso con el servicio de la tabla.
"""

from __future__ import annotations

from pathlib import Path

from nucleo.exportar import Cancelado
from nucleo.importar.importador import (
    FilaPrevia,
    Problema,
    ResultadoImportacion,
    importar,
    informe,
    previsualizar,
    revisar_mapeo,
)
from nucleo.importar.lectura import LecturaLibro, leer_libro, muestra
from nucleo.importar.seguridad import revisar_archivo


def importar_archivo(expediente, ruta: Path | str, tabla: str, omitir_existentes: bool = False,
                     progreso=None) -> tuple[LecturaLibro, ResultadoImportacion]:
    """Lee la planilla con el mapeo propuesto y la importa en una transacción (lo que hace la CLI)."""
    from nucleo.exportar.excel import esquema_de

    lectura = leer_libro(ruta, esquema_de(tabla), progreso=progreso)
    with expediente.transaccion() as s:
        resultado = importar(s, expediente.municipio_id, lectura, progreso=progreso,
                             omitir_existentes=omitir_existentes)
    return lectura, resultado


__all__ = ["muestra", "Cancelado", "FilaPrevia", "LecturaLibro", "Problema", "ResultadoImportacion", "importar",
           "importar_archivo", "informe", "leer_libro", "previsualizar", "revisar_archivo", "revisar_mapeo"]
