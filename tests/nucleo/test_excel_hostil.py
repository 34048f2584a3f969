"""Archivos que no son lo que dicen o que buscan trabar el programa: un mensaje claro, nunca una traza, y se
rechazan antes de leerlos enteros."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.excel import esquema_de
from nucleo.importar import leer_libro, revisar_archivo, seguridad

ACTORES = esquema_de("actores")

# The smallest valid workbook, written by hand so each test controls every byte of the sheet.
_TIPOS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Target="xl/workbook.xml" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
         '</Relationships>')
_LIBRO = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          '<sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_LIBRO_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
               'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
               '</Relationships>')


def _texto(ref: str, texto: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{texto}</t></is></c>'


def _xlsx(ruta: Path, filas: list[str], dimension: str | None = None, extra: dict[str, bytes] | None = None) -> Path:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    hoja = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dim}<sheetData>{"".join(filas)}</sheetData></worksheet>')
    with zipfile.ZipFile(ruta, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TIPOS)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _LIBRO)
        z.writestr("xl/_rels/workbook.xml.rels", _LIBRO_RELS)
        z.writestr("xl/worksheets/sheet1.xml", hoja)
        for nombre, contenido in (extra or {}).items():
            z.writestr(nombre, contenido)
    return ruta


ENCABEZADO = f'<row r="1">{_texto("A1", "Nombre")}{_texto("B1", "Interés")}</row>'


def _mensaje_de_rechazo(ruta: Path) -> str:
    """Lo que se le dice al usuario cuando la planilla no se puede leer (falla si se leyera)."""
    with pytest.raises(ErrorDeUsuario) as info:
        leer_libro(ruta, ACTORES)
    return str(info.value)


def test_un_texto_con_extension_xlsx(tmp_path):
    ruta = tmp_path / "notas.xlsx"
    ruta.write_text("Nombre;Interés\nComisión;3\n", encoding="utf-8")
    mensaje = _mensaje_de_rechazo(ruta)
    assert "«notas.xlsx» no es un libro de Excel .xlsx" in mensaje and "guárdelo como" in mensaje, mensaje


def test_otros_formatos_con_extension_xlsx(tmp_path):
    ods = tmp_path / "planilla.xlsx"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    mensaje = _mensaje_de_rechazo(ods)
    assert "LibreOffice (.ods)" in mensaje, mensaje
    docx = tmp_path / "carta.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    mensaje = _mensaje_de_rechazo(docx)
    assert "documento de Word" in mensaje, mensaje
    roto = tmp_path / "roto.xlsx"
    roto.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    mensaje = _mensaje_de_rechazo(roto)
    assert "dañado o incompleto" in mensaje, mensaje


def test_protegido_con_contrasena_o_xls_antiguo(tmp_path):
    # Office saves a password-protected .xlsx as an OLE compound file, like the old .xls.
    ruta = tmp_path / "protegido.xlsx"
    ruta.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4096)
    mensaje = _mensaje_de_rechazo(ruta)
    assert "protegido con contraseña o es un .xls antiguo" in mensaje, mensaje


def test_archivo_vacio_inexistente_o_carpeta(tmp_path):
    vacio = tmp_path / "vacio.xlsx"
    vacio.write_bytes(b"")
    mensaje = _mensaje_de_rechazo(vacio)
    assert "está vacío" in mensaje, mensaje
    mensaje = _mensaje_de_rechazo(tmp_path / "no_esta.xlsx")
    assert "No se encontró" in mensaje, mensaje
    mensaje = _mensaje_de_rechazo(tmp_path)
    assert "es una carpeta" in mensaje, mensaje


def test_libro_sin_datos_y_hoja_sin_filas(tmp_path):
    Workbook().save(tmp_path / "vacio.xlsx")
    mensaje = _mensaje_de_rechazo(tmp_path / "vacio.xlsx")
    assert "no tiene datos" in mensaje, mensaje
    mensaje = _mensaje_de_rechazo(_xlsx(tmp_path / "solo_encabezado.xlsx", [ENCABEZADO]))
    assert "no tiene filas con datos debajo" in mensaje, mensaje


def test_demasiado_grande_se_rechaza_sin_abrirlo(tmp_path, monkeypatch):
    ruta = _xlsx(tmp_path / "grande.xlsx", [ENCABEZADO, f'<row r="2">{_texto("A2", "X")}</row>'])
    monkeypatch.setattr(seguridad, "LIMITE_BYTES", ruta.stat().st_size - 1)
    mensaje = _mensaje_de_rechazo(ruta)
    assert "el máximo que se importa es" in mensaje, mensaje


def test_una_hoja_que_dice_tener_un_millon_de_filas(tmp_path):
    ruta = _xlsx(tmp_path / "millon.xlsx", [ENCABEZADO, f'<row r="2">{_texto("A2", "Comisión")}</row>'],
                 dimension="A1:B1000000")
    mensaje = _mensaje_de_rechazo(ruta)
    assert "dice tener 1.000.000 filas" in mensaje and "hasta 100.000 filas" in mensaje, mensaje
    ancha = _xlsx(tmp_path / "ancha.xlsx", [ENCABEZADO, f'<row r="2">{_texto("A2", "Comisión")}</row>'],
                  dimension="A1:ZZ10")
    mensaje = _mensaje_de_rechazo(ancha)
    assert "702 columnas" in mensaje, mensaje


def test_filas_reales_por_encima_del_limite_aunque_la_dimension_mienta(tmp_path, monkeypatch):
    monkeypatch.setattr(seguridad, "LIMITE_FILAS", 50)
    filas = [ENCABEZADO] + [f'<row r="{i}">{_texto(f"A{i}", f"Actor {i}")}</row>' for i in range(2, 60)]
    mensaje = _mensaje_de_rechazo(_xlsx(tmp_path / "miente.xlsx", filas, dimension="A1:B2"))
    assert "más de 50 filas" in mensaje, mensaje
    # A lone cell far below is as many rows (the empty ones count too).
    lejos = [ENCABEZADO, f'<row r="90000">{_texto("A90000", "Abajo")}</row>']
    mensaje = _mensaje_de_rechazo(_xlsx(tmp_path / "lejos.xlsx", lejos))
    assert "más de 50 filas" in mensaje, mensaje


def test_un_sharedstrings_gigante_se_rechaza_antes_de_descomprimirlo(tmp_path):
    relleno = ("<si><t>" + "A" * 1000 + "</t></si>") * 12_000  # ~12 MB that zip to a few kB
    ruta = _xlsx(tmp_path / "bomba.xlsx", [ENCABEZADO], extra={"xl/sharedStrings.xml": relleno})
    with zipfile.ZipFile(ruta) as z:
        info = z.getinfo("xl/sharedStrings.xml")
    assert info.file_size > 100 * info.compress_size
    mensaje = _mensaje_de_rechazo(ruta)
    assert "se descomprime a" in mensaje and "no se abre" in mensaje, mensaje


def test_partes_cifradas_dentro_del_zip(tmp_path):
    ruta = _xlsx(tmp_path / "cifrado.xlsx", [ENCABEZADO, f'<row r="2">{_texto("A2", "X")}</row>'])
    contenido = bytearray(ruta.read_bytes())
    central = contenido.find(b"PK\x01\x02")  # the first entry of the zip's directory
    contenido[central + 8] |= 0x1  # its «encrypted» flag
    ruta.write_bytes(bytes(contenido))
    with pytest.raises(ErrorDeUsuario, match="cifradas con contraseña"):
        revisar_archivo(ruta)


def test_errores_de_formula_guardados_y_valores_calculados(tmp_path):
    ruta = _xlsx(tmp_path / "formulas.xlsx", [
        ENCABEZADO,
        f'<row r="2">{_texto("A2", "Con error")}<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
        f'<row r="3">{_texto("A3", "Con valor")}<c r="B3"><f>2+3</f><v>5</v></c></row>',
        '<row r="4"><c r="A4" t="e"><f>VLOOKUP(1,Z1:Z2,2)</f><v>#N/A</v></c></row>',
    ], dimension="A1:B4")
    lectura = leer_libro(ruta, ACTORES)
    # The formulas' last saved values, as they are: nothing is computed again.
    assert [v for _n, v in lectura.filas] == [("Con error", "#DIV/0!"), ("Con valor", 5), ("#N/A", None)]
    from nucleo.importar import previsualizar

    previa = previsualizar(lectura)
    assert [p.columna for p in previa[0].problemas] == ["B (Interés)"]
    assert "«#DIV/0!»" in previa[0].problemas[0].mensaje
    assert previa[1].valores["interes"] == "5" and previa[1].problemas == ()
    assert [p.columna for p in previa[2].problemas] == ["A (Nombre)"]


def test_xml_mal_formado_dentro_de_un_zip_valido(tmp_path):
    ruta = _xlsx(tmp_path / "malformado.xlsx", [ENCABEZADO, f'<row r="2">{_texto("A2", "X")}</row>'])
    with zipfile.ZipFile(ruta) as z:
        partes = {n: z.read(n) for n in z.namelist()}
    partes["xl/workbook.xml"] = partes["xl/workbook.xml"].replace(b"<sheets>", b"<sheets")
    with zipfile.ZipFile(ruta, "w") as z:
        for nombre, contenido in partes.items():
            z.writestr(nombre, contenido)
    mensaje = _mensaje_de_rechazo(ruta)
    assert "No se pudo leer «malformado.xlsx»" in mensaje and "dañado" in mensaje, mensaje


def test_una_hoja_con_xml_roto_en_medio_de_las_filas(tmp_path):
    filas = [ENCABEZADO] + [f'<row r="{i}">{_texto(f"A{i}", f"Actor {i}")}</row>' for i in range(2, 40)]
    filas.append('<row r="40"><c r="A40" t="inlineStr"><is><t>sin cerrar</is></c></row>')
    # Without <dimension> openpyxl meets the broken tag while opening; with it, while reading the rows.
    mensaje = _mensaje_de_rechazo(_xlsx(tmp_path / "roto.xlsx", filas))
    assert "No se pudo leer «roto.xlsx»: el libro está dañado" in mensaje, mensaje
    mensaje = _mensaje_de_rechazo(_xlsx(tmp_path / "roto2.xlsx", filas, dimension="A1:B40"))
    assert "No se pudo leer «roto2.xlsx»: una de sus hojas está dañada" in mensaje, mensaje
