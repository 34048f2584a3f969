"""Impreso del DAFO / DIPE: el tablero en una hoja A4 apaisada; lo que no entra sigue en las hojas siguientes."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf.dafo import TAMANOS_LETRA, TableroDafoPdf, pdf_dafo
from nucleo.exportar.pdf.documentos import IMPRESOS, exportar_pdf
from nucleo.exportar.pdf.estilo import Membrete
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Territorio
from nucleo.servicios.dafo import FilaDafo, Tablero, listar_dafo
from nucleo.servicios.demo_dafo import sembrar

HOY = date(2026, 11, 18)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


@pytest.fixture
def demo(expediente_demo):
    with expediente_demo.transaccion() as s:
        sembrar(s, expediente_demo.municipio_id, HOY)
    return expediente_demo


def _id(exp, nombre: str) -> int:
    with exp.sesion() as s:
        return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def test_registrado_como_impreso_de_un_territorio():
    assert IMPRESOS["dafo"].vistas == ("dafo", "dipe") and IMPRESOS["dafo"].pide_id == "territorio"


def test_el_dafo_de_la_demo_en_una_hoja(demo, tmp_path):
    tid = _id(demo, "Compañía Cerrito")
    with demo.sesion() as s:
        ruta = exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "dafo.pdf", "dafo", HOY, id=tid)
        tablero = listar_dafo(s, tid, "dafo")
    datos = ruta.read_bytes()
    assert b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"Helvetica" not in datos
    assert re.search(rb"/MediaBox \[ 0 0 841\.8\d* 595\.27\d* \]", datos)  # A4 landscape
    paginas = texto_de_pdf(ruta)
    assert len(paginas) == 1
    texto = _plano(paginas[0])
    assert "Municipalidad de Villeta" in texto and "Página 1 de 1" in texto
    assert "Análisis DAFO: Compañía Cerrito" in texto
    assert "17 elementos · Debilidades: 5 · Amenazas: 4 · Fortalezas: 4 · Oportunidades: 4" in texto
    for eje in ("INTERNO", "EXTERNO", "NEGATIVO", "POSITIVO", "del entorno"):
        assert eje in texto
    for cuadrante, filas in tablero.cuadrantes.items():
        assert cuadrante.upper() in texto
        for f in filas:
            assert f.texto in texto  # with its accents («Tenonderã», «Asunción»)
    assert "Continúa" not in texto


def test_el_dipe_y_un_analisis_vacio(demo, tmp_path):
    with demo.sesion() as s:
        dipe = exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "dipe.pdf", "dipe", HOY,
                            id=_id(demo, "Barrio San Miguel"))
        vacio = exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "vacio.pdf", "dipe", HOY,
                             id=_id(demo, "Compañía Cerrito"))
    texto = _plano(texto_de_pdf(dipe)[0])
    assert "Análisis DIPE: Barrio San Miguel" in texto
    assert "Desafíos, Limitaciones, Potencialidades y Riesgos de Barrio San Miguel" in texto
    for nombre in ("LIMITACIONES", "RIESGOS", "POTENCIALIDADES", "DESAFÍOS"):
        assert nombre in texto
    # An empty board says what goes in each quadrant: it serves as a worksheet for the workshop.
    texto = _plano(texto_de_pdf(vacio)[0])
    assert "Todavía no hay elementos" in texto
    assert "Capacidades y recursos propios del territorio" in texto


def test_pide_el_territorio_y_una_vista_valida(demo, tmp_path):
    with demo.sesion() as s:
        with pytest.raises(ErrorDeUsuario, match="indique el territorio"):
            exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "x.pdf", "dafo", HOY)
        with pytest.raises(ErrorDeUsuario, match="no tiene la vista «foda»"):
            exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "x.pdf", "foda", HOY, id=1)
        with pytest.raises(ErrorDeUsuario, match="No se encontró el territorio"):
            exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "x.pdf", "dafo", HOY, id=9_999)
    assert not (tmp_path / "x.pdf").exists()


def test_mismos_bytes_con_invariante(demo, tmp_path):
    tid = _id(demo, "Compañía Cerrito")
    with demo.sesion() as s:
        a = exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "a.pdf", "dafo", HOY, id=tid, invariante=True)
        b = exportar_pdf("dafo", s, demo.municipio_id, tmp_path / "b.pdf", "dafo", HOY, id=tid, invariante=True)
    assert a.read_bytes() == b.read_bytes()


def _tablero_largo() -> Tablero:
    largo = ("Elemento largo de prueba para ver cómo se parte en varios renglones del cuadrante, con ₲ 1.500.000 "
             "y acentos: número")
    return Tablero(1, "Territorio de prueba", "dafo", {
        "debilidades": tuple(FilaDafo(i, "debilidades", f"{largo} {i}", i) for i in range(1, 41)),
        "amenazas": tuple(FilaDafo(100 + i, "amenazas", f"Amenaza {i}", i) for i in range(1, 4)),
        "fortalezas": tuple(FilaDafo(200 + i, "fortalezas", f"{largo} F{i}", i) for i in range(1, 13)),
        "oportunidades": (),
    })


def test_listas_largas_siguen_en_las_hojas_siguientes(tmp_path):
    tablero = _tablero_largo()
    ruta = pdf_dafo(tmp_path / "largo.pdf", Membrete("Villeta", "Central", "11"), tablero, HOY)
    paginas = [_plano(p) for p in texto_de_pdf(ruta)]
    assert len(paginas) >= 2
    todo = " ".join(paginas)
    # Every item is printed exactly once, with its number.
    for filas in tablero.cuadrantes.values():
        for f in filas:
            assert len(re.findall(re.escape(f.texto) + r"(?!\d)", todo)) == 1, f.texto
    primera = paginas[0]
    assert "DEBILIDADES" in primera and "Continúa en la hoja siguiente: n.º" in primera
    assert "Amenaza 3" in primera  # short quadrants stay whole on the board
    # The continuation says which quadrant each list belongs to, on every sheet it fills.
    assert "Debilidades (continuación) · n.º" in paginas[1] and "de 40" in paginas[1]
    assert any("Fortalezas (continuación)" in p for p in paginas[1:])
    for n, p in enumerate(paginas, start=1):
        assert f"Página {n} de {len(paginas)}" in p


def test_la_letra_se_achica_antes_de_partir():
    # Ten medium items per quadrant fit on the board with a smaller letter, without a second page.
    filas = {c: tuple(FilaDafo(k * 100 + i, c, f"Elemento {i} de {c}, de largo razonable para un taller", i)
                      for i in range(1, 11))
             for k, c in enumerate(("debilidades", "amenazas", "fortalezas", "oportunidades"))}
    plano = TableroDafoPdf(Tablero(1, "T", "dafo", filas))
    ancho, alto = plano.wrap(760, 400)
    assert alto == 400  # fits: no split
    assert plano.tamano < TAMANOS_LETRA[0]
    assert not any(q.resto for q in plano.cuadrantes)
