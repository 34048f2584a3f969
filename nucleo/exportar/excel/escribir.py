"""Escribe la planilla de una tabla (o su plantilla en blanco) a partir de su esquema.

El libro tiene tres hojas:
- la de datos (p. ej. «Actores»): encabezado con estilo y fijo al desplazarse, autofiltro, anchos, formatos de
  fecha (dd/mm/yyyy) y de guaraníes (``"₲" #,##0``, como número), listas desplegables en las columnas de
  opciones y un mensaje de ayuda al seleccionar cada celda;
- «Instrucciones»: qué va en cada columna, si es obligatoria, qué valores se aceptan y cómo escribir fechas y
  montos;
- «Listas» (oculta): las listas largas que usan los desplegables (nombres de actores, opciones con comas).

Un texto que empieza con ``= + - @`` se guarda como texto (con «prefijo de comilla»), nunca como fórmula: un
nombre como «=HIPERVINCULO(…)» escrito en Articula no se vuelve una fórmula al abrir la planilla.

Se escribe con openpyxl en modo «solo escritura» (rápido y con poca memoria) a un archivo temporal en la misma
carpeta, que al final reemplaza al destino: nunca queda una planilla a medio escribir.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from nucleo import NOMBRE_APLICACION, __version__, formato
from nucleo.exportar import Cancelado
from nucleo.exportar.excel.esquema import SEPARADOR, Columna, Esquema
from nucleo.i18n import _, traducir

Progreso = Callable[[int, int], None]
log = logging.getLogger(__name__)

# Excel's hard limits for what a drop-down can hold inline and for the help message of a cell.
_LISTA_EN_LINEA = 255
_LARGO_AYUDA = 255
_LARGO_TITULO_AYUDA = 32
_ULTIMA_FILA = 1_048_576
_CADA = 500  # rows between progress reports

COLOR_ENCABEZADO = "1F5C7A"
COLOR_BORDE = "A6A6A6"
COLOR_TITULO = "1F5C7A"

# Characters XML 1.0 cannot hold (openpyxl refuses them): they only come from pasting binary junk.
_ILEGALES = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32)])
_ILEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PELIGROSOS = frozenset("=+-@")


@dataclass(frozen=True)
class ResultadoExportacion:
    ruta: Path
    filas: int


def letra(indice: int) -> str:
    """Índice de columna desde 0 -> letra de Excel (0 -> «A», 27 -> «AB»)."""
    n, letras = indice + 1, ""
    while n:
        n, resto = divmod(n - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def convertidor(col: Columna) -> Callable[[Any], Any]:
    """valor del campo -> valor de la celda, para una columna: números y fechas como tales, opciones como su
    etiqueta, listas unidas con «; ». Se arma una vez por columna (las etiquetas se traducen una sola vez)."""
    tipo = col.tipo
    if tipo == "opcion":
        etiquetas = col.etiquetas()
        return lambda v: etiquetas.get(v, str(v))
    if tipo == "opciones":
        etiquetas = col.etiquetas()
        return lambda v: SEPARADOR.join(etiquetas.get(x, str(x)) for x in v) or None
    if tipo == "referencia":
        if col.multiple:
            return lambda v: v if isinstance(v, str) else (SEPARADOR.join(v) or None)
        return str
    if tipo == "booleano":
        si, no = _("Sí"), _("No")
        return lambda v: si if v else no
    if tipo == "fecha":
        return lambda v: v.date() if isinstance(v, datetime) else v
    if tipo in ("entero", "guaranies"):
        return int
    if tipo == "decimal":
        return lambda v: v if isinstance(v, int | float | Decimal) else Decimal(str(v))
    return str


def valor_para_hoja(col: Columna, valor: Any) -> Any:
    """Lo que va en la celda de `col` para `valor` (None si no hay nada que escribir)."""
    if valor is None or valor == "" or valor == ():
        return None
    return convertidor(col)(valor)


def _limpiar(texto: str) -> str:
    return texto.translate(_ILEGALES)


class _Celdas:
    """Convierte valores en celdas de solo escritura, con el estilo de su columna ya resuelto una vez."""

    def __init__(self, ws, columnas: Sequence[Columna]):
        from openpyxl.cell import WriteOnlyCell

        self._ws = ws
        self._celda = WriteOnlyCell
        texto = WriteOnlyCell(ws)
        texto.quotePrefix = True
        self._estilo_texto = texto._style
        self._estilos = []
        for col in columnas:
            fmt = col.formato_numero if col.tipo in ("fecha", "guaranies", "decimal", "entero") else None
            if fmt:
                prototipo = WriteOnlyCell(ws)
                prototipo.number_format = fmt
                # One StyleArray shared by every cell of the column: openpyxl only reads it when saving.
                self._estilos.append(prototipo._style)
            else:
                self._estilos.append(None)

    def fila(self, valores: Sequence[Any]) -> list[Any]:
        salida = list(valores)
        for i, valor in enumerate(salida):
            if valor is None:
                continue
            if type(valor) is str:
                if _ILEGAL.search(valor):
                    valor = salida[i] = _limpiar(valor)
                if valor[:1] in _PELIGROSOS:
                    c = self._celda(self._ws, valor)
                    c.data_type = "s"  # openpyxl made it a formula; it is text
                    c._style = self._estilo_texto
                    salida[i] = c
            elif self._estilos[i] is not None:
                c = self._celda(self._ws, valor)
                c._style = self._estilos[i]
                salida[i] = c
        return salida


def _estilos():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    lado = Side(style="thin", color=COLOR_BORDE)
    return {
        "encabezado_fuente": Font(bold=True, color="FFFFFF"),
        "encabezado_relleno": PatternFill("solid", fgColor=COLOR_ENCABEZADO),
        "borde": Border(left=lado, right=lado, top=lado, bottom=lado),
        "encabezado_alineacion": Alignment(wrap_text=True, vertical="center"),
        "titulo": Font(bold=True, size=14, color=COLOR_TITULO),
        "negrita": Font(bold=True),
        "ajustar": Alignment(wrap_text=True, vertical="top"),
        "gris": Font(italic=True, color="595959"),
    }


def _celda(ws, valor: Any, **estilo):
    from openpyxl.cell import WriteOnlyCell

    c = WriteOnlyCell(ws, _limpiar(valor) if isinstance(valor, str) else valor)
    for nombre, v in estilo.items():
        if v is not None:
            setattr(c, nombre, v)
    return c


def _para_imprimir(ws, datos: bool) -> None:
    """A4; la hoja de datos apaisada y con el encabezado repetido en cada página, las instrucciones al ancho de
    la hoja (la de datos no: con veinte columnas la letra quedaría ilegible)."""
    ws.page_setup.paperSize = "9"  # A4 (ECMA-376 paper size code)
    ws.page_setup.orientation = "landscape" if datos else "portrait"
    if datos:
        ws.print_title_rows = "1:1"
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0


def _texto_lista(etiquetas: Sequence[str]) -> str | None:
    """La lista en línea de un desplegable («"Sí,No"»), o None si no cabe o sus etiquetas tienen comas."""
    if any("," in e or '"' in e for e in etiquetas):
        return None
    texto = ",".join(etiquetas)
    return f'"{texto}"' if len(texto) <= _LISTA_EN_LINEA else None


def _validaciones(ws, columnas: Sequence[Columna], listas: Mapping[str, Sequence[str]],
                  ubicacion_listas: Mapping[str, str]) -> None:
    """Desplegables y mensajes de ayuda por columna, de la fila 2 al final de la hoja."""
    from openpyxl.worksheet.datavalidation import DataValidation

    for i, col in enumerate(columnas):
        rango = f"{letra(i)}2:{letra(i)}{_ULTIMA_FILA}"
        titulo = formato.abreviar(col.titulo, _LARGO_TITULO_AYUDA)
        ayuda = formato.abreviar(_ayuda_corta(col), _LARGO_AYUDA)
        dv = DataValidation(allow_blank=True, showInputMessage=bool(ayuda), promptTitle=titulo, prompt=ayuda or None)
        if col.campo in listas and not col.es_lista:
            formula = ubicacion_listas.get(col.campo) or _texto_lista(listas[col.campo])
            if formula:
                dv.type = "list"
                dv.formula1 = formula
                dv.showErrorMessage = True
                dv.errorStyle = "stop" if col.tipo in ("opcion", "booleano") else "warning"
                dv.errorTitle = formato.abreviar(col.titulo, _LARGO_TITULO_AYUDA)
                dv.error = formato.abreviar(_("Elija un valor de la lista."), _LARGO_AYUDA)
        elif col.tipo == "entero" and col.minimo is not None and col.maximo is not None:
            dv.type = "whole"
            dv.operator = "between"
            dv.formula1, dv.formula2 = str(col.minimo), str(col.maximo)
            dv.showErrorMessage = True
            dv.errorTitle = titulo
            dv.error = formato.abreviar(_("Escriba un número entero de {minimo} a {maximo}.").format(
                minimo=col.minimo, maximo=col.maximo), _LARGO_AYUDA)
        if dv.type is None and not ayuda:
            continue
        dv.add(rango)
        ws.data_validations.append(dv)


def _ayuda_corta(col: Columna) -> str:
    partes = [traducir(col.ayuda)] if col.ayuda else []
    formato_texto = _formato_de(col)
    if formato_texto:
        partes.append(formato_texto)
    return " ".join(partes)


def _formato_de(col: Columna) -> str:
    if col.tipo == "fecha":
        return _("Fecha: dd/mm/aaaa, por ejemplo 21/11/2026.")
    if col.tipo == "guaranies":
        return _("En guaraníes, sin decimales: 1500000, 1.500.000 o ₲ 1.500.000.")
    if col.escala:
        return _("De 1 (muy bajo) a 5 (muy alto).")
    if col.tipo == "booleano":
        return _("Sí o No.")
    if col.es_lista:
        return _("Puede escribir varios, separados por punto y coma (;).")
    return ""


def _valores_permitidos(col: Columna, listas: Mapping[str, Sequence[str]]) -> str:
    if col.tipo in ("opcion", "opciones"):
        return "\n".join(col.etiquetas().values())
    if col.tipo == "referencia":
        if col.multiple:
            texto = _("Nombres de actores del expediente, separados por «; ».") if col.referencia == "actor" \
                else _("Nombres de territorios del expediente, separados por «; ».")
        else:
            texto = _("El nombre (o la sigla) de un actor del expediente.") if col.referencia == "actor" \
                else _("El nombre de un territorio del expediente.")
        nombres = listas.get(col.campo) or ()
        if nombres:
            muestra = ", ".join(nombres[:10]) + (", …" if len(nombres) > 10 else "")
            texto += "\n" + _("Por ejemplo: {nombres}").format(nombres=muestra)
        return texto
    if col.tipo == "entero":
        if col.minimo is not None and col.maximo is not None:
            texto = _("Número entero de {minimo} a {maximo}.").format(minimo=col.minimo, maximo=col.maximo)
            if col.escala:
                texto += " " + _("También: Muy alto, Alto, Medio, Bajo, Muy bajo.")
            return texto
        return _("Número entero.")
    if col.tipo == "decimal":
        return _("Número; la coma separa los decimales.")
    if col.tipo == "texto":
        return _("Texto libre.")
    return _formato_de(col)


def _lineas(texto: str, ancho: float) -> int:
    """Líneas que ocupa un texto ajustado a una columna de `ancho` caracteres (estimación)."""
    por_linea = max(int(ancho * 1.05), 1)
    return sum(max(1, -(-len(parte) // por_linea)) for parte in texto.split("\n"))


def _hoja_instrucciones(wb, esquema: Esquema, listas: Mapping[str, Sequence[str]], origen: str,
                        est: dict) -> None:
    ws = wb.create_sheet(_("Instrucciones"))
    _para_imprimir(ws, datos=False)
    anchos = (26, 12, 50, 50)
    for j, ancho in enumerate(anchos):
        ws.column_dimensions[letra(j)].width = ancho
    numero = 0

    def agregar(celdas: list, textos: Sequence[tuple[str, float]] = ()) -> None:
        # Wrapped text does not make a row taller by itself when the file is opened: give each row its height.
        nonlocal numero
        numero += 1
        lineas = max((_lineas(texto, ancho) for texto, ancho in textos), default=1)
        if lineas > 1:
            ws.row_dimensions[numero].height = 15 * lineas + 2
        ws.append(celdas)

    agregar([_celda(ws, _("{titulo}: cómo completar la planilla").format(titulo=_tabla_titulo(esquema)),
                    font=est["titulo"])])
    ws.row_dimensions[numero].height = 22
    agregar([_celda(ws, origen, font=est["gris"])])
    agregar([])
    generales = [
        _("Complete una fila por registro en la hoja «{hoja}». No cambie los textos de la primera fila (los "
          "encabezados); el orden de las columnas puede cambiar, y las columnas que no use pueden quedar vacías "
          "o borrarse, salvo las obligatorias.").format(hoja=_tabla_hoja(esquema)),
        _("Fechas: como fecha de la planilla o escritas dd/mm/aaaa, por ejemplo 21/11/2026."),
        _("Montos en guaraníes, sin decimales: 1500000, 1.500.000, ₲ 1.500.000 o Gs. 1.500.000."),
        _("Varios valores en una celda: sepárelos con punto y coma, por ejemplo «Niñez (5–13); Adolescencia "
          "(14–17)»."),
        _("Los valores de las listas pueden escribirse con o sin tildes, en mayúsculas o minúsculas."),
        _("Al importar, Articula revisa todas las filas antes de guardar. Si algo está mal, informa cada problema "
          "con su fila y su columna y no guarda nada: corrija la planilla y vuelva a importarla."),
        _("Las fórmulas no se calculan al importar: se toma el último valor que guardó la planilla. Un texto que "
          "empieza con =, +, - o @ se guarda como texto."),
    ]
    ultima = letra(len(anchos) - 1)
    for texto in generales:
        texto = f"• {texto}"
        agregar([_celda(ws, texto, alignment=est["ajustar"])], [(texto, sum(anchos))])
        ws.merged_cells.add(f"A{numero}:{ultima}{numero}")
    agregar([])
    encabezados = [_("Columna"), _("Obligatoria"), _("Qué va"), _("Valores y formato")]
    agregar([_celda(ws, t, font=est["encabezado_fuente"], fill=est["encabezado_relleno"], border=est["borde"],
                    alignment=est["encabezado_alineacion"]) for t in encabezados])
    for col in esquema.columnas:
        textos = (col.titulo, _("Sí") if col.obligatoria else _("No"), traducir(col.ayuda) if col.ayuda else "",
                  _valores_permitidos(col, listas))
        agregar([_celda(ws, texto, font=est["negrita"] if j == 0 else None, alignment=est["ajustar"],
                        border=est["borde"]) for j, texto in enumerate(textos)],
                list(zip(textos, anchos, strict=True)))


def _tabla_titulo(esquema: Esquema) -> str:
    return traducir(esquema.titulo)


def _tabla_hoja(esquema: Esquema) -> str:
    return traducir(esquema.hoja)


def _hoja_listas(wb, columnas: Sequence[Columna], listas: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Las listas que no caben en línea, una por columna de la hoja oculta «Listas»; campo -> rango."""
    largas = [(c, listas[c.campo]) for c in columnas
              if c.campo in listas and not c.es_lista and listas[c.campo] and _texto_lista(listas[c.campo]) is None]
    if not largas:
        return {}
    ws = wb.create_sheet(_("Listas"))
    ws.sheet_state = "hidden"
    ubicacion = {}
    for j, (col, valores) in enumerate(largas):
        ws.column_dimensions[letra(j)].width = min(max(12, max(len(v) for v in valores) + 2), 60)
        ubicacion[col.campo] = f"'{ws.title}'!${letra(j)}$2:${letra(j)}${len(valores) + 1}"
    alto = max(len(v) for _c, v in largas)
    ws.append([c.titulo for c, _v in largas])
    for i in range(alto):
        ws.append([_limpiar(v[i]) if i < len(v) else None for _c, v in largas])
    return ubicacion


def listas_de(s, municipio_id: int, esquema: Esquema) -> dict[str, list[str]]:
    """campo -> valores del desplegable: las etiquetas de las opciones y los nombres de actores o territorios."""
    from nucleo.exportar.excel.referencias import referidos

    listas: dict[str, list[str]] = {}
    cache: dict[str, list[str]] = {}
    for col in esquema.columnas:
        if col.tipo in ("opcion", "opciones"):
            listas[col.campo] = list(col.etiquetas().values())
        elif col.tipo == "booleano":
            listas[col.campo] = [_("Sí"), _("No")]
        elif col.tipo == "referencia" and s is not None:
            if col.referencia not in cache:
                cache[col.referencia] = [r.nombre for r in referidos(s, municipio_id, col.referencia)]
            listas[col.campo] = cache[col.referencia]
    return listas


def escribir_libro(destino: Path, esquema: Esquema, filas: Iterable[Mapping[str, Any]], total: int,
                   listas: Mapping[str, Sequence[str]], origen: str = "",
                   progreso: Progreso | None = None) -> ResultadoExportacion:
    """Escribe el libro en `destino` (reemplazándolo). `filas` vacío da la plantilla en blanco.

    `progreso(hecho, total)` se llama cada 500 filas; si lanza `Cancelado`, el destino queda como estaba.
    """
    from openpyxl import Workbook

    destino = Path(destino)
    temporal = destino.with_name(f".{destino.name}.{os.getpid()}.tmp")
    columnas = esquema.columnas
    est = _estilos()
    wb = Workbook(write_only=True)
    wb.properties.creator = f"{NOMBRE_APLICACION} {__version__}"
    wb.properties.title = _tabla_titulo(esquema)
    try:
        ws = wb.create_sheet(_tabla_hoja(esquema)[:31])
        for i, col in enumerate(columnas):
            ws.column_dimensions[letra(i)].width = col.ancho
        ws.freeze_panes = "A2"
        ws.row_dimensions[1].height = 32
        _para_imprimir(ws, datos=True)
        ws.append([_celda(ws, col.titulo, font=est["encabezado_fuente"], fill=est["encabezado_relleno"],
                          border=est["borde"], alignment=est["encabezado_alineacion"]) for col in columnas])
        celdas = _Celdas(ws, columnas)
        conversion = [(col.campo, convertidor(col)) for col in columnas]
        vacios = (None, "", ())
        n = 0
        for fila in filas:
            ws.append(celdas.fila([None if (v := fila.get(campo)) in vacios else a_celda(v)
                                   for campo, a_celda in conversion]))
            n += 1
            if progreso and n % _CADA == 0:
                progreso(n, total)
        ws.auto_filter.ref = f"A1:{letra(len(columnas) - 1)}{n + 1}"
        _hoja_instrucciones(wb, esquema, listas, origen, est)
        ubicacion = _hoja_listas(wb, columnas, listas)
        _validaciones(ws, columnas, listas, ubicacion)
        wb.save(temporal)
        if progreso:
            progreso(n, total)
        os.replace(temporal, destino)
    except BaseException:
        _descartar(wb)
        temporal.unlink(missing_ok=True)
        raise
    return ResultadoExportacion(destino, n)


def _descartar(wb) -> None:
    """Cierra las hojas a medio escribir y borra sus archivos temporales.

    Si no, los generadores de openpyxl quedan abiertos y se cierran cuando los recoge el recolector de basura, en
    cualquier momento y sobre archivos ya cerrados (un error «ignorado» que puede caer en medio de otro código).
    """
    for ws in wb.worksheets:
        try:
            if not ws.closed:
                ws.close()
            if ws._writer is not None:
                ws._writer.cleanup()
        except Exception:  # noqa: BLE001 - best effort while another error is on its way up
            log.debug("No se pudo descartar la hoja %s", ws.title, exc_info=True)


def _origen(s, municipio_id: int, plantilla: bool, hoy: date | None) -> str:
    from nucleo.servicios.municipio import obtener_municipio

    m = obtener_municipio(s, municipio_id)
    donde = f"{m.nombre} ({m.departamento})"
    cuando = formato.fecha(hoy or date.today())
    if plantilla:
        return _("Plantilla en blanco para {municipio}, generada el {fecha} con {programa}.").format(
            municipio=donde, fecha=cuando, programa=f"{NOMBRE_APLICACION} {__version__}")
    return _("Datos de {municipio}, exportados el {fecha} con {programa}.").format(
        municipio=donde, fecha=cuando, programa=f"{NOMBRE_APLICACION} {__version__}")


def exportar_excel(s, municipio_id: int, esquema: Esquema, destino: Path | str, plantilla: bool = False,
                   progreso: Progreso | None = None, hoy: date | None = None) -> ResultadoExportacion:
    """Exporta la tabla del esquema (o, con `plantilla`, la planilla en blanco) a `destino` (.xlsx).

    Si `destino` no termina en «.xlsx» se le agrega. Reemplaza un archivo existente (quien pide la ruta ya
    confirmó). Lanza `Cancelado` si `progreso` lo lanza; OSError si no se puede escribir.
    """
    destino = Path(destino)
    if destino.suffix.lower() != ".xlsx":
        destino = destino.with_name(destino.name + ".xlsx")
    filas: list[Mapping[str, Any]] = [] if plantilla else list(esquema.filas(s, municipio_id))
    if progreso:
        progreso(0, len(filas))
    listas = listas_de(s, municipio_id, esquema)
    return escribir_libro(destino, esquema, filas, len(filas), listas, _origen(s, municipio_id, plantilla, hoy),
                          progreso)


__all__ = ["Cancelado", "ResultadoExportacion", "escribir_libro", "exportar_excel", "letra", "listas_de",
           "valor_para_hoja"]
