"""El estilo común de los impresos: letras incrustadas, membrete, pie «Página X de Y», tamaños, bytes reproducibles."""

from __future__ import annotations

import ast
import contextlib
import re
import struct
import time as reloj_real
import zlib
from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.platypus import Paragraph

from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf.lectura import texto_de_pdf

RAIZ = Path(__file__).resolve().parents[2]
HOY = date(2026, 11, 18)
MEMBRETE = e.Membrete("San Bernardino", "Cordillera", "03")


def _png(ancho: int = 6, alto: int = 3) -> bytes:
    """Un PNG mínimo (azul institucional) hecho con la biblioteca estándar."""
    def bloque(tipo: bytes, datos: bytes) -> bytes:
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    filas = b"".join(b"\x00" + bytes((0x1F, 0x3A, 0x5F)) * ancho for _ in range(alto))
    return (b"\x89PNG\r\n\x1a\n" + bloque(b"IHDR", struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0))
            + bloque(b"IDAT", zlib.compress(filas)) + bloque(b"IEND", b""))


def _documento(**cambios) -> e.Documento:
    datos = {"titulo": "Informe de prueba", "membrete": MEMBRETE, "emitido": HOY, "subtitulo": "Subtítulo"}
    datos.update(cambios)
    return e.Documento(**datos)


def _historia(documento: e.Documento, filas: int = 80) -> list:
    es = e.estilos()
    datos = [["N.º", "Descripción", "Monto"]]
    datos += [[str(i), f"Renglón número {i} con acentos: año, niñez, Yvy Porã", "₲ 1.500.000"] for i in range(filas)]
    ancho = documento.ancho_util
    return [*e.encabezado_documento(documento, "Resumen"),
            Paragraph(e.texto("Texto con marcado del usuario: a < b & c > d"), es.normal),
            e.tabla(datos, [ancho * 0.1, ancho * 0.6, ancho * 0.3]),
            e.lineas_de_firma([("María Prueba", "Coordinadora"), ("Juan Ejemplo", "Intendente"),
                               ("Ana Muestra", "Secretaria"), ("Luis Demo", "Testigo")], ancho)]


def _construir(tmp_path: Path, nombre: str = "prueba.pdf", **cambios) -> tuple[Path, list[str]]:
    documento = _documento(**cambios)
    ruta = e.construir(tmp_path / nombre, documento, _historia(documento))
    return ruta, texto_de_pdf(ruta)


def test_colores_iguales_a_los_de_la_interfaz():
    # nucleo/ cannot import ui/ (Qt): the values are copied; this keeps the two in step.
    arbol = ast.parse((RAIZ / "ui" / "estilo.py").read_text(encoding="utf-8"))
    valores = {}
    for nodo in arbol.body:
        destino = nodo.targets[0] if isinstance(nodo, ast.Assign) else getattr(nodo, "target", None)
        if isinstance(destino, ast.Name) and getattr(nodo, "value", None) is not None:
            with contextlib.suppress(ValueError):  # values that are not literals (a stylesheet f-string)
                valores[destino.id] = ast.literal_eval(nodo.value)
    assert valores["COLORES_SEMAFORO"] == e.COLORES_SEMAFORO
    for nombre in ("AZUL_INSTITUCIONAL", "AZUL_ACENTO", "TEXTO", "TEXTO_SECUNDARIO", "BORDE", "FONDO"):
        assert valores[nombre] == getattr(e, nombre), nombre


def test_las_fuentes_se_distribuyen_con_su_licencia_y_tienen_el_guarani():
    carpeta = RAIZ / "recursos" / "fuentes"
    for nombre in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        fuente = TTFontFile(str(carpeta / f"{nombre}.ttf"))
        assert all(ord(c) in fuente.charToGlyph for c in "₲áéíóúñÑãẽĩõũỹ«»–·●☎✉⚠"), nombre
    licencia = (carpeta / "LICENCIA-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licencia and "Arev" in licencia and "public domain" in licencia
    assert "LICENCIA-DejaVu.txt" in (carpeta / "README.md").read_text(encoding="utf-8")


def test_documento_con_membrete_pie_y_letras_incrustadas(tmp_path):
    ruta, paginas = _construir(tmp_path)
    datos = ruta.read_bytes()
    assert datos.startswith(b"%PDF-") and datos.rstrip().endswith(b"%%EOF")
    assert len(paginas) >= 2  # 80 rows do not fit on one A4 sheet
    for n, texto in enumerate(paginas, start=1):
        assert "REPÚBLICA DEL PARAGUAY" in texto and "Municipalidad de San Bernardino" in texto
        assert "Departamento Cordillera" in texto and "Informe de prueba" in texto
        assert f"Página {n} de {len(paginas)}" in texto
        assert "Articula · Informe de prueba · Municipalidad de San Bernardino · Emitido el 18/11/2026" in texto
    todo = "\n".join(paginas)
    assert "₲ 1.500.000" in todo and "año, niñez, Yvy Porã" in todo
    assert "a < b & c > d" in todo  # user text is escaped, not read as markup
    # The repeated header row: the column titles on every sheet.
    assert all("Descripción" in p for p in paginas)
    assert "María Prueba" in paginas[-1] and "Intendente" in paginas[-1]
    # Only DejaVu, embedded (subset); no stray Helvetica.
    assert b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"/FontFile2" in datos
    assert b"Helvetica" not in datos
    assert re.search(rb"/MediaBox \[ 0 0 595\.27\d* 841\.8\d* \]", datos)  # A4 portrait


def test_oficio_horizontal_y_asuncion(tmp_path):
    ruta, paginas = _construir(tmp_path, tamano="oficio", horizontal=True,
                               membrete=e.Membrete("Asunción", "Asunción", "00"), revision="2")
    assert b"/MediaBox [ 0 0 936 612 ]" in ruta.read_bytes()  # 13 x 8.5 inches
    assert "Capital de la República" in paginas[0] and "Departamento" not in paginas[0].split("\n")[2]
    assert "Revisión 2" in paginas[0]


def test_membrete_con_logo_y_logo_roto(tmp_path):
    con_logo, paginas = _construir(tmp_path, "logo.pdf", membrete=e.Membrete("Luque", "Central", "11", _png()))
    assert b"/Subtype /Image" in con_logo.read_bytes()
    assert "Municipalidad de Luque" in paginas[0]
    roto, paginas = _construir(tmp_path, "roto.pdf", membrete=e.Membrete("Luque", "Central", "11", b"no es imagen"))
    assert b"/Subtype /Image" not in roto.read_bytes()  # the printout still comes out, with the text header
    assert "Municipalidad de Luque" in paginas[0]


def _construir_a_la_hora(tmp_path, monkeypatch, nombre: str, segundos: float, invariante: bool) -> bytes:
    import reportlab.lib.utils as utilidades

    class Reloj:  # the clock reportlab reads for the creation date: stopped at `segundos`
        @staticmethod
        def time() -> float:
            return segundos

        @staticmethod
        def localtime(t: float | None = None):
            return reloj_real.localtime(segundos if t is None else t)

        @staticmethod
        def gmtime(t: float | None = None):
            return reloj_real.gmtime(segundos if t is None else t)

        strftime = staticmethod(reloj_real.strftime)

    monkeypatch.setattr(utilidades, "time", Reloj)
    documento = _documento()
    return e.construir(tmp_path / nombre, documento, _historia(documento, 20), invariante=invariante).read_bytes()


def test_modo_invariante_da_los_mismos_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = _construir_a_la_hora(tmp_path, monkeypatch, "a.pdf", 1_790_000_000, invariante=True)
    b = _construir_a_la_hora(tmp_path, monkeypatch, "b.pdf", 1_790_086_400, invariante=True)
    assert a == b
    # Without it the creation date differs: the comparison above is not vacuous.
    c = _construir_a_la_hora(tmp_path, monkeypatch, "c.pdf", 1_790_000_000, invariante=False)
    d = _construir_a_la_hora(tmp_path, monkeypatch, "d.pdf", 1_790_086_400, invariante=False)
    assert c != d


class _Cancelado(Exception):
    pass


def test_cancelar_no_deja_un_pdf_a_medias_ni_pisa_el_anterior(tmp_path):
    destino = tmp_path / "informe.pdf"
    destino.write_bytes(b"el anterior")
    avances = []

    def progreso(hecho: int, total: int) -> None:
        avances.append((hecho, total))
        if hecho >= 1:
            raise _Cancelado

    documento = _documento()
    with pytest.raises(_Cancelado):
        e.construir(destino, documento, _historia(documento), progreso=progreso, paginas_estimadas=3)
    assert destino.read_bytes() == b"el anterior"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["informe.pdf"]  # no temporary file left behind
    assert avances and all(0 <= h <= t for h, t in avances)


def test_progreso_llega_al_total(tmp_path):
    avances = []
    documento = _documento()
    e.construir(tmp_path / "x.pdf", documento, _historia(documento), progreso=lambda h, t: avances.append((h, t)),
                paginas_estimadas=50)
    assert avances[-1] == (50, 50)
    assert all(h < t for h, t in avances[:-1])  # an estimate that falls short never shows «done» early


def test_envolver_y_recortar():
    e.registrar_fuentes()
    ancho = 80
    lineas = e.envolver("Asentamiento Costa Azul, Barrio Industrial, Compañía Cerrito", ancho).split("\n")
    assert len(lineas) > 1 and all(e.ancho_texto(x, e.LETRA, 7.3) <= ancho for x in lineas)
    assert " ".join(lineas) == "Asentamiento Costa Azul, Barrio Industrial, Compañía Cerrito"
    correo = e.envolver("ramonacabrera725@ejemplo.com.py", 70, e.LETRA, 6.5).split("\n")
    assert correo[0] == "ramonacabrera725" and "".join(correo) == "ramonacabrera725@ejemplo.com.py"
    assert all(e.ancho_texto(x, e.LETRA, 6.5) <= 70 for x in correo)
    assert e.envolver("", 50) == "" and e.envolver(None, 50) == ""
    assert e.recortar("Corto", e.LETRA, 7, 100) == "Corto"
    largo = e.recortar("Cooperativa de Ahorro y Crédito", e.LETRA, 7, 60)
    assert largo.endswith("…") and e.ancho_texto(largo, e.LETRA, 7) <= 60


def test_lineas_de_firma_separadas():
    t = e.lineas_de_firma([("A", "uno"), ("B", "dos"), ("C", "tres")], 500)
    lineas = [c for c in t._linecmds if c[0] == "LINEBELOW"]
    columnas = sorted(c[1][0] for c in lineas)
    assert columnas == [0, 2, 4]  # an empty gap column between signatures keeps the lines apart


def test_el_logo_del_municipio_llega_al_membrete(expediente_demo, tmp_path):
    from nucleo.exportar.pdf.documentos import exportar_pdf
    from nucleo.modelo import Municipio

    with expediente_demo.sesion() as s:
        sin_logo = exportar_pdf("actores", s, expediente_demo.municipio_id, tmp_path / "sin.pdf", hoy=HOY)
    with expediente_demo.transaccion() as s:  # no service edits the logo yet: set it as the window will
        s.get(Municipio, expediente_demo.municipio_id).logo = _png()
    with expediente_demo.sesion() as s:
        con_logo = exportar_pdf("actores", s, expediente_demo.municipio_id, tmp_path / "con.pdf", hoy=HOY)
    assert b"/Subtype /Image" not in sin_logo.read_bytes()
    assert b"/Subtype /Image" in con_logo.read_bytes()
    assert "Municipalidad de Villeta" in texto_de_pdf(con_logo)[0]
