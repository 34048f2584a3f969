"""Antes de abrir una planilla: ¿es un .xlsx, y uno que se puede leer sin trabar el programa?

Se mira solo la cabecera del archivo y el índice del zip (tamaños declarados, sin descomprimir nada):

- un archivo de Office cifrado con contraseña o un .xls antiguo es un «compound file» OLE (firma D0CF11E0);
- un .xlsx es un zip con ``xl/workbook.xml``; un .ods, un .docx o un texto renombrado no lo son;
- un zip que se descomprime a cientos de MB o con una proporción de compresión absurda («bomba zip», p. ej. un
  sharedStrings.xml gigante de texto repetido) se rechaza antes de que openpyxl lo cargue en memoria.

Los tamaños que se miran son los declarados en el zip: el módulo zipfile de Python nunca entrega más bytes que
los declarados (falla con «Bad CRC-32» si alguien mintió), así que el límite vale también para archivos armados
a propósito.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _

LIMITE_BYTES = 50 * 1024 * 1024  # the file itself
LIMITE_DESCOMPRIMIDO = 500 * 1024 * 1024  # all its parts, uncompressed
LIMITE_PARTE = 200 * 1024 * 1024  # one part (a sheet, the shared strings)
LIMITE_PROPORCION = 100  # uncompressed / compressed, for parts over PARTE_GRANDE
PARTE_GRANDE = 5 * 1024 * 1024
LIMITE_FILAS = 100_000
LIMITE_COLUMNAS = 200

FIRMA_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
FIRMA_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


def _nombre(ruta: Path) -> str:
    return ruta.name


def no_es_xlsx(ruta: Path, motivo: str = "") -> ErrorDeUsuario:
    texto = _("«{nombre}» no es un libro de Excel .xlsx.").format(nombre=_nombre(ruta))
    if motivo:
        texto += " " + motivo
    return ErrorDeUsuario(texto + " " + _("Ábralo en su programa de planillas y guárdelo como «Libro de Excel "
                                          "(.xlsx)»."))


def revisar_archivo(ruta: Path | str) -> None:
    """Lanza ErrorDeUsuario, con un mensaje que dice qué hacer, si el archivo no se debe abrir."""
    ruta = Path(ruta)
    if not ruta.exists():
        raise ErrorDeUsuario(_("No se encontró el archivo «{ruta}».").format(ruta=ruta))
    if ruta.is_dir():
        raise ErrorDeUsuario(_("«{ruta}» es una carpeta, no una planilla.").format(ruta=ruta))
    tamano = ruta.stat().st_size
    if tamano == 0:
        raise ErrorDeUsuario(_("«{nombre}» está vacío (0 bytes).").format(nombre=_nombre(ruta)))
    if tamano > LIMITE_BYTES:
        raise ErrorDeUsuario(_("«{nombre}» pesa {tamano}; el máximo que se importa es {limite}. Divida la planilla "
                               "en partes más chicas.").format(nombre=_nombre(ruta),
                                                               tamano=formato.tamano_legible(tamano),
                                                               limite=formato.tamano_legible(LIMITE_BYTES)))
    with open(ruta, "rb") as f:
        cabecera = f.read(8)
    if cabecera == FIRMA_OLE:
        raise ErrorDeUsuario(_("«{nombre}» está protegido con contraseña o es un .xls antiguo. Ábralo en su "
                               "programa de planillas, quite la contraseña si la tiene y guárdelo como «Libro de "
                               "Excel (.xlsx)».").format(nombre=_nombre(ruta)))
    if not cabecera.startswith(FIRMA_ZIP):
        raise no_es_xlsx(ruta)
    try:
        with zipfile.ZipFile(ruta) as z:
            partes = z.infolist()
            nombres = {p.filename for p in partes}
            if "mimetype" in nombres and z.read("mimetype")[:60].startswith(b"application/vnd.oasis"):
                raise no_es_xlsx(ruta, _("Es una planilla de LibreOffice (.ods)."))
    except zipfile.BadZipFile:
        raise no_es_xlsx(ruta, _("El archivo está dañado o incompleto.")) from None
    if "xl/workbook.xml" not in nombres:
        if "xl/workbook.bin" in nombres:
            raise no_es_xlsx(ruta, _("Es un libro binario de Excel (.xlsb)."))
        if "word/document.xml" in nombres:
            raise no_es_xlsx(ruta, _("Es un documento de Word."))
        raise no_es_xlsx(ruta)
    if any(p.flag_bits & 0x1 for p in partes):
        raise ErrorDeUsuario(_("«{nombre}» tiene partes cifradas con contraseña. Quite la contraseña y guárdelo de "
                               "nuevo como .xlsx.").format(nombre=_nombre(ruta)))
    total = sum(p.file_size for p in partes)
    sospechosa = next((p for p in partes if p.file_size > LIMITE_PARTE or (
        p.file_size > PARTE_GRANDE and p.file_size > LIMITE_PROPORCION * max(p.compress_size, 1))), None)
    if total > LIMITE_DESCOMPRIMIDO or sospechosa is not None:
        raise ErrorDeUsuario(
            _("«{nombre}» se descomprime a {tamano} a partir de {comprimido}: es demasiado grande o está armado para "
              "trabar el programa, y no se abre. Si es una planilla legítima, divídala en partes más chicas.").format(
                nombre=_nombre(ruta), tamano=formato.tamano_legible(total),
                comprimido=formato.tamano_legible(tamano)))
