"""Ficha territorial: una sola hoja A4 con datos reales de la demo, y las brechas siempre a la vista."""

from __future__ import annotations

from datetime import date

from nucleo.exportar.pdf.documentos import exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.servicios.ficha import ficha_territorial
from nucleo.servicios.territorios import listar_territorios

HOY = date(2026, 11, 18)


def test_cada_territorio_de_la_demo_cabe_en_una_hoja(expediente_demo, tmp_path):
    exp = expediente_demo
    with exp.sesion() as s:
        territorios = listar_territorios(s, exp.municipio_id, HOY)
        for t in territorios:
            destino = exportar_pdf("ficha", s, exp.municipio_id, tmp_path / f"{t.id}.pdf", hoy=HOY, id=t.id)
            paginas = texto_de_pdf(destino)
            assert len(paginas) == 1, t.nombre
            assert f"Ficha territorial: {t.nombre}" in paginas[0]


def test_la_ficha_reune_ruta_necesidades_brechas_actores_programas_y_convenios(expediente_demo):
    exp = expediente_demo
    with exp.sesion() as s:
        cerrito = next(t for t in listar_territorios(s, exp.municipio_id, HOY) if t.nombre == "Compañía Cerrito")
        f = ficha_territorial(s, exp.municipio_id, cerrito.id, HOY)
    assert f.poblacion == "1.890" and len(f.ruta.etapas) == 8
    assert f.necesidades and f.brechas  # the demo's workshop leaves needs without an answer
    assert [n.prioridad for n in f.necesidades] == sorted((n.prioridad for n in f.necesidades),
                                                          key=lambda p: int(p.split()[0]))
    assert all(not n.respuestas for n in f.brechas)
    assert f.actores and f.programas
    assert any(c.firmado and c.tipo == "Compromiso con la comunidad" for c in f.convenios)


def test_muchas_necesidades_muestran_todas_las_brechas_en_la_hoja(expediente_demo, tmp_path):
    from nucleo.modelo import Necesidad

    exp = expediente_demo
    with exp.transaccion() as s:
        cerrito = next(t for t in listar_territorios(s, exp.municipio_id, HOY) if t.nombre == "Compañía Cerrito")
        for i in range(4):
            s.add(Necesidad(municipio_id=exp.municipio_id, territorio_id=cerrito.id, prioridad=50 + i,
                            descripcion=f"Necesidad adicional {i} del taller, sin ninguna oferta que la responda"))
    with exp.sesion() as s:
        destino = exportar_pdf("ficha", s, exp.municipio_id, tmp_path / "f.pdf", hoy=HOY, id=cerrito.id)
        f = ficha_territorial(s, exp.municipio_id, cerrito.id, HOY)
    paginas = texto_de_pdf(destino)
    assert len(paginas) == 1
    assert "Se muestran" in paginas[0] and "con todas las brechas" in paginas[0]
    assert len(f.necesidades) > 7  # more than fit: the sheet still has one page, every gap on it
    assert all(n.descripcion[:20] in paginas[0].replace("\n", " ") for n in f.brechas)


def test_un_territorio_que_no_existe_o_de_otro_municipio_se_informa(expediente_demo):
    import pytest

    from nucleo.errores import ErrorDeUsuario

    exp = expediente_demo
    with exp.sesion() as s:
        tid = listar_territorios(s, exp.municipio_id, HOY)[0].id
        for municipio, territorio in ((exp.municipio_id, 999), (exp.municipio_id + 1, tid)):
            with pytest.raises(ErrorDeUsuario) as info:
                ficha_territorial(s, municipio, territorio, HOY)
            assert "No se encontró el territorio" in str(info.value)
