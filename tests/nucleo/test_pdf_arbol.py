"""Árbol de problemas impreso (A4 apaisado): el dibujo del árbol y la lista de sus nodos con sus necesidades."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import delete, select

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf import arbol as impreso
from nucleo.exportar.pdf.documentos import IMPRESOS, exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Necesidad, NodoProblema, Territorio
from nucleo.servicios import arbol as servicio
from nucleo.servicios import demo_arbol

HOY = date(2026, 11, 18)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


@pytest.fixture
def cerrito(expediente_demo) -> int:
    """El territorio en etapa 3 con su árbol de la demo y dos necesidades vinculadas."""
    with expediente_demo.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        s.execute(delete(NodoProblema).where(NodoProblema.territorio_id == tid))
        s.execute(delete(Necesidad).where(Necesidad.territorio_id == tid))
        for descripcion, prioridad in (("Riego y agua segura para las huertas", 1), ("Camino vecinal en buen "
                                                                                     "estado", 2)):
            s.add(Necesidad(municipio_id=expediente_demo.municipio_id, territorio_id=tid, descripcion=descripcion,
                            prioridad=prioridad, dimension="economica", fuente="taller", fecha=HOY))
        s.flush()
        demo_arbol.sembrar(s, expediente_demo.municipio_id, HOY)
    return tid


def test_registrado_como_impreso_de_un_territorio():
    assert IMPRESOS["arbol"].pide_id == "territorio"
    assert IMPRESOS["arbol"].funcion == "nucleo.exportar.pdf.arbol:imprimir"


def test_arbol_de_la_demo_en_a4_apaisado(expediente_demo, cerrito, tmp_path):
    with expediente_demo.sesion() as s:
        ruta = exportar_pdf("arbol", s, expediente_demo.municipio_id, tmp_path / "arbol.pdf", hoy=HOY, id=cerrito)
        nodos = servicio.leer_arbol(s, cerrito)
    datos = ruta.read_bytes()
    assert datos.startswith(b"%PDF-") and b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"Helvetica" not in datos
    assert re.search(rb"/MediaBox \[ 0 0 841\.8\d* 595\.27\d* \]", datos)  # A4 landscape
    paginas = texto_de_pdf(ruta)
    assert 1 <= len(paginas) <= 2
    for n, texto in enumerate(paginas, start=1):
        assert "Municipalidad de Villeta" in texto and f"Página {n} de {len(paginas)}" in texto
    primera = _plano(paginas[0])
    assert "Árbol de problemas" in primera and "Compañía Cerrito" in primera
    assert "8 causas · 4 efectos · 2 nodos vinculados a necesidades" in primera
    assert "PROBLEMA CENTRAL" in primera
    todo = _plano(" ".join(paginas))
    # Every node's words appear (the drawing wraps them, the list below has them whole).
    for n in nodos:
        assert n.texto in todo, n.texto
    assert "Nodos del árbol" in todo and "Necesidad vinculada" in todo
    assert "Riego y agua segura para las huertas (Prioridad 1)" in todo
    assert "Necesidad · prioridad 2" in todo  # the badge on the box


def test_el_dibujo_usa_la_disposicion_del_editor_y_entra_en_la_hoja(expediente_demo, cerrito):
    from nucleo.arbol_disposicion import disponer
    from nucleo.exportar.pdf import estilo as e

    with expediente_demo.transaccion() as s:
        nodos = servicio.leer_arbol(s, cerrito)
        una_causa = next(n for n in nodos if n.tipo == "causa" and n.padre_id is not None)
        servicio.mover_nodo(s, una_causa.id, 900.0, 400.0)
        nodos = servicio.leer_arbol(s, cerrito)
    dibujo = impreso.DibujoArbol(nodos, e.ancho_util(horizontal=True), 400)
    assert dibujo.centros == disponer(dibujo.cajas.values())
    assert dibujo.centros[una_causa.id] == (900.0, 400.0)  # a hand position prints where it was put
    ancho, alto = dibujo.wrap(e.ancho_util(horizontal=True), 400)
    assert ancho <= e.ancho_util(horizontal=True) and alto <= 400
    assert 0 < dibujo.escala <= 1


def test_territorio_sin_arbol_y_territorio_ajeno(expediente_demo, tmp_path):
    with expediente_demo.sesion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Barrio Industrial"))
        ruta = exportar_pdf("arbol", s, expediente_demo.municipio_id, tmp_path / "vacio.pdf", hoy=HOY, id=tid)
        assert "todavía no tiene árbol de problemas" in _plano(" ".join(texto_de_pdf(ruta)))
        with pytest.raises(ErrorDeUsuario, match="indique el territorio"):
            exportar_pdf("arbol", s, expediente_demo.municipio_id, tmp_path / "x.pdf", hoy=HOY)
        with pytest.raises(ErrorDeUsuario, match="No se encontró el territorio"):
            exportar_pdf("arbol", s, expediente_demo.municipio_id, tmp_path / "x.pdf", hoy=HOY, id=9999)


def test_arbol_grande_sigue_en_una_hoja_y_la_lista_continua(expediente_demo, cerrito, tmp_path):
    with expediente_demo.transaccion() as s:
        nodos = servicio.leer_arbol(s, cerrito)
        padres = [n.id for n in nodos if n.tipo == "causa"]
        for i in range(120):
            padres.append(servicio.agregar_nodo(s, padres[i % len(padres)], "causa", f"Causa adicional {i + 1}"))
    with expediente_demo.sesion() as s:
        ruta = exportar_pdf("arbol", s, expediente_demo.municipio_id, tmp_path / "grande.pdf", hoy=HOY, id=cerrito)
    paginas = texto_de_pdf(ruta)
    assert len(paginas) >= 3
    todo = _plano(" ".join(paginas))
    assert "Causa adicional 120" in todo and "Causa (nivel" in todo
