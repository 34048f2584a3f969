"""La planilla exportada: lo que ve quien la abre (encabezado, filtros, formatos, listas, instrucciones) y que un
texto nunca se vuelve fórmula."""

from __future__ import annotations

import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from nucleo.exportar import Cancelado
from nucleo.exportar.excel import esquema_de, exportar_excel
from nucleo.servicios.actores import DatosActor, crear_actor

HOY = date(2026, 11, 18)


def _exportar(exp, tabla, destino, **kw):
    with exp.sesion() as s:
        return exportar_excel(s, exp.municipio_id, esquema_de(tabla), destino, hoy=HOY, **kw)


def _validaciones(ws) -> dict[str, object]:
    """Primera columna de cada rango -> validación."""
    return {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}


def test_la_matriz_de_actores_exportada(expediente_demo, tmp_path):
    destino = tmp_path / "actores.xlsx"
    r = _exportar(expediente_demo, "actores", destino)
    with expediente_demo.sesion() as s:
        from nucleo.servicios.actores import contar_actores

        total = contar_actores(s, expediente_demo.municipio_id)
    assert r.ruta == destino and r.filas == total > 0
    wb = load_workbook(destino)
    assert wb.sheetnames == ["Actores", "Instrucciones", "Listas"]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible", "visible", "hidden"]
    ws = wb["Actores"]
    columnas = esquema_de("actores").columnas
    assert [c.value for c in ws[1]] == [c.titulo for c in columnas]
    assert ws.max_row == total + 1
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:R{total + 1}"
    assert ws.column_dimensions["A"].width == 36
    encabezado = ws["A1"]
    assert encabezado.font.bold and encabezado.fill.fgColor.rgb.endswith("1F5C7A") and encabezado.border.left.style
    # Interest and influence are numbers (the grid reads them), options are shown by their label.
    nombres = [c.value for c in ws["A"][1:]]
    fila = nombres.index("Municipalidad de Villeta") + 2
    assert ws[f"I{fila}"].value == 5 and ws[f"J{fila}"].value == 5
    assert ws[f"D{fila}"].value == "Municipalidad" and ws[f"K{fila}"].value == "Apoya"
    dv = _validaciones(ws)
    assert dv["D"].type == "list" and "Comunidad / organización comunitaria" in dv["D"].formula1
    assert dv["D"].showErrorMessage and str(dv["D"].sqref) == "D2:D1048576"
    # Belonging refers to another actor: a long list, kept on the hidden sheet.
    assert dv["F"].type == "list" and dv["F"].formula1 == f"'Listas'!$A$2:$A${total + 1}"
    assert [c.value for c in wb["Listas"]["A"][1:]] == sorted(nombres, key=str.lower)
    assert dv["I"].type == "whole" and (dv["I"].formula1, dv["I"].formula2) == ("1", "5")
    assert dv["A"].type is None and dv["A"].showInputMessage and "Nombre de la institución" in dv["A"].prompt


def test_el_mapa_de_oportunidades_con_formatos(expediente_demo, tmp_path):
    destino = tmp_path / "mapa"
    r = _exportar(expediente_demo, "oportunidades", destino)
    assert r.ruta == tmp_path / "mapa.xlsx"  # the extension is added
    wb = load_workbook(r.ruta)
    ws = wb["Oportunidades"]
    titulos = [c.value for c in ws[1]]
    costo, verificado, poblacion = (titulos.index(t) for t in ("Costo", "Verificado el", "Población"))
    filas = list(ws.iter_rows(min_row=2))
    assert all(f[costo].number_format == '"₲" #,##0' and isinstance(f[costo].value, int) for f in filas)
    fechas = [f[verificado] for f in filas if f[verificado].value is not None]
    assert fechas and all(c.number_format == "dd/mm/yyyy" and c.is_date for c in fechas)
    assert any("; " in (f[poblacion].value or "") for f in filas)  # several categories in one cell
    instrucciones = "\n".join(str(c.value) for fila in wb["Instrucciones"].iter_rows() for c in fila if c.value)
    for texto in ("dd/mm/aaaa", "₲ 1.500.000", "Primera infancia (0–4)", "Villeta (Central)", "18/11/2026",
                  "Población", "punto y coma"):
        assert texto in instrucciones


def test_la_plantilla_en_blanco(expediente_demo, tmp_path):
    r = _exportar(expediente_demo, "oportunidades", tmp_path / "plantilla.xlsx", plantilla=True)
    assert r.filas == 0
    wb = load_workbook(r.ruta)
    ws = wb["Oportunidades"]
    assert ws.max_row == 1 and [c.value for c in ws[1]][:3] == ["Nombre", "Descripción", "Proveedor"]
    dv = _validaciones(ws)
    assert dv["D"].type == "list" and dv["D"].formula1 == '"Municipal,Departamental,Nacional,Privado,Cooperación"'
    assert dv["J"].formula1 == '"Sí,No"'
    assert dv["C"].formula1.startswith("'Listas'!")  # the providers: the actors of the expediente
    assert "Plantilla en blanco" in wb["Instrucciones"]["A2"].value


def test_un_texto_que_empieza_como_formula_queda_como_texto(expediente_demo, tmp_path):
    peligrosos = {"nombre": "=HYPERLINK(\"http://ejemplo.invalid\",\"clic\")", "sigla": "-MDS",
                  "telefono": "+595 21 000 000", "correo": "", "cargo": "@coordinacion", "notas": "=1+1"}
    with expediente_demo.transaccion() as s:
        crear_actor(s, expediente_demo.municipio_id, DatosActor(**peligrosos))
    destino = tmp_path / "actores.xlsx"
    _exportar(expediente_demo, "actores", destino)
    with zipfile.ZipFile(destino) as z:
        hoja = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in hoja and "<f " not in hoja  # not a single formula in the sheet
    ws = load_workbook(destino)["Actores"]
    fila = next(f for f in ws.iter_rows(min_row=2) if f[0].value == peligrosos["nombre"])
    for celda in (fila[0], fila[1], fila[6], fila[12], fila[17]):
        assert celda.data_type == "s" and celda.quotePrefix
    assert [fila[i].value for i in (1, 6, 12, 17)] == ["-MDS", "@coordinacion", "+595 21 000 000", "=1+1"]


def test_caracteres_de_control_no_rompen_la_planilla(expediente_demo, tmp_path):
    with expediente_demo.transaccion() as s:
        crear_actor(s, expediente_demo.municipio_id, DatosActor(nombre="Comité\x07 con campana", notas="a\x00b"))
    destino = tmp_path / "actores.xlsx"
    _exportar(expediente_demo, "actores", destino)
    nombres = [c.value for c in load_workbook(destino)["Actores"]["A"]]
    assert "Comité con campana" in nombres


def test_cancelar_deja_el_destino_como_estaba(expediente_demo, tmp_path, monkeypatch):
    import nucleo.exportar.excel.escribir as escribir

    (tmp_path / "salida").mkdir()
    destino = tmp_path / "salida" / "actores.xlsx"
    destino.write_bytes(b"la version anterior")
    monkeypatch.setattr(escribir, "_CADA", 5)
    llamadas = []

    def progreso(hecho, total):
        llamadas.append((hecho, total))
        if hecho >= 10:
            raise Cancelado

    with pytest.raises(Cancelado):
        _exportar(expediente_demo, "actores", destino, progreso=progreso)
    assert destino.read_bytes() == b"la version anterior"
    assert [p.name for p in destino.parent.iterdir()] == ["actores.xlsx"]  # no temporary file left
    assert llamadas[0][0] == 0 and llamadas[-1][0] == 10

    # Without cancelling it replaces the old file and reports the end.
    llamadas.clear()
    r = _exportar(expediente_demo, "actores", destino, progreso=lambda h, t: llamadas.append((h, t)))
    assert llamadas[-1] == (r.filas, r.filas)
    assert re.match(rb"PK\x03\x04", destino.read_bytes())
