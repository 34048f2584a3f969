"""Catálogo impreso del Mapa de Oportunidades: lo que el coordinador entrega a los referentes comunitarios."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf import oportunidades as impreso
from nucleo.exportar.pdf.documentos import exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.servicios.oportunidades import VENCIDA, listar_oportunidades

HOY = date(2026, 11, 18)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def _catalogo(expediente, tmp_path, nombre: str = "catalogo.pdf", **opciones):
    with expediente.sesion() as s:
        ruta = exportar_pdf("oportunidades", s, expediente.municipio_id, tmp_path / nombre, hoy=HOY, **opciones)
        filas = listar_oportunidades(s, expediente.municipio_id, HOY)
    return ruta, filas


def test_catalogo_de_la_demo(expediente_demo, tmp_path):
    ruta, filas = _catalogo(expediente_demo, tmp_path)
    datos = ruta.read_bytes()
    assert datos.startswith(b"%PDF-") and b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"Helvetica" not in datos
    assert re.search(rb"/MediaBox \[ 0 0 595\.27\d* 841\.8\d* \]", datos)  # A4 portrait
    paginas = texto_de_pdf(ruta)
    assert 2 <= len(paginas) <= 10
    for n, texto in enumerate(paginas, start=1):
        assert "Municipalidad de Villeta" in texto and f"Página {n} de {len(paginas)}" in texto
    todo = _plano("\n".join(paginas))
    assert "Catálogo del Mapa de Oportunidades" in paginas[0]
    vigentes = [f for f in filas if f.vigencia != VENCIDA]
    vencidas = [f for f in filas if f.vigencia == VENCIDA]
    assert vigentes
    for f in vigentes:
        assert f.nombre in todo, f.nombre
    # Expired entries are left out, and the catalogue says so.
    for f in vencidas:
        assert f.nombre not in todo, f.nombre
    if vencidas:
        assert f"No se incluye{'n' if len(vencidas) > 1 else ''} {len(vencidas)} oportunidad" in todo
    # One full entry per programme (later categories of the same pillar only refer to it).
    fichas = todo.count("Verificado el ") + todo.count("Sin fecha de verificación")
    assert fichas == len(vigentes)
    # Money and the «verificar» mark.
    for f in vigentes:
        assert f.costo_texto in todo
    assert "Gratuito" in todo
    if any(f.costo for f in vigentes):
        assert "₲ " in todo
    assert ("⚠ verificar" in todo) == any(f.verificar for f in vigentes)
    # Pillars in order, then the provider contacts at the end.
    presentes = [p for p in ("Integración social ·", "Inserción laboral y productiva ·", "Previsión social ·")
                 if p in todo]
    assert presentes and [todo.find(p) for p in presentes] == sorted(todo.find(p) for p in presentes)
    contactos = todo.find("Contactos de los proveedores")
    assert contactos > todo.find(presentes[-1])
    for f in vigentes:
        if f.proveedor_telefono:
            assert f.proveedor_telefono in todo[contactos:]


def test_ficha_completa(tmp_path):
    e.registrar_fuentes()
    ancho = e.ancho_util()
    base = _fila()
    t = impreso.ficha(base, ancho, HOY)
    _w, alto = t.wrap(ancho, 1000)
    assert alto < 200  # compact: a programme never takes half a page
    ruta = e.construir(tmp_path / "f.pdf", e.Documento("Ficha", e.Membrete("Villeta", "Central", "11"), HOY), [t])
    texto = _plano(texto_de_pdf(ruta)[0])
    for esperado in ("Curso de <oficios> & más", "Lo ofrece Municipalidad de Villeta", "₲ 50.000 · Matrícula",
                     "Cupos 40", "Vigencia 01/03/2026 al 31/12/2026", "☎ 0225 000 111", "✉ oficios@villeta.py",
                     "Verificado el 04/11/2026"):
        assert esperado in texto, esperado
    assert "verificar" not in texto
    vieja = texto_de_pdf(e.construir(tmp_path / "v.pdf", e.Documento("Ficha", e.Membrete("V", "C", "11"), HOY),
                                     [impreso.ficha(replace(base, verificar=True, verificado_el=None,
                                                            verificado_texto=""), ancho, HOY)]))[0]
    assert "Sin fecha de verificación" in vieja and "⚠ verificar" in vieja


def _fila():
    from nucleo.servicios.oportunidades import FilaOportunidad

    return FilaOportunidad(
        id=1, nombre="Curso de <oficios> & más", descripcion="Cursos cortos.", proveedor_id=2,
        proveedor="Municipalidad de Villeta", origen="municipal", origen_texto="Municipal",
        pilar="insercion_laboral", pilar_texto="Inserción laboral y productiva", paquete="ampliado",
        paquete_texto="Ampliado", tipo_beneficio="capacitacion", beneficio_texto="Capacitación",
        poblaciones=("juventud",), poblaciones_texto="Juventud (18–29)", requisitos="Tener 16 años.",
        cobertura_distrital=True, territorio_ids=(), cobertura_texto="Todo el distrito", cupos=40,
        cupos_texto="40", costo=50000, costo_texto="₲ 50.000", costo_detalle="Matrícula", lugar="Centro",
        horario="Lunes", contacto="Dirección", telefono="0225 000 111", correo="oficios@villeta.py",
        vigencia_desde=date(2026, 3, 1), vigencia_hasta=date(2026, 12, 31), vigencia_texto="01/03/2026 al 31/12/2026",
        vigencia="vigente", vigente=True, fuente="Folleto", verificado_el=date(2026, 11, 4),
        verificado_texto="04/11/2026", verificar=False)


def test_catalogo_vacio(tmp_path):
    ruta = impreso.pdf_catalogo(tmp_path / "c.pdf", e.Membrete("Villeta", "Central", "11"), [], HOY)
    paginas = texto_de_pdf(ruta)
    assert len(paginas) == 1 and "Todavía no hay programas ni servicios vigentes" in paginas[0]


def test_modo_invariante_mismos_bytes(expediente_demo, tmp_path):
    a, _f = _catalogo(expediente_demo, tmp_path, "a.pdf", invariante=True)
    b, _f = _catalogo(expediente_demo, tmp_path, "b.pdf", invariante=True)
    assert a.read_bytes() == b.read_bytes()
