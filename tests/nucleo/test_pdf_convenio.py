"""El convenio impreso: texto de la plantilla, cláusulas numeradas, firmas, marca «BORRADOR» o huella al pie."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf.documentos import IMPRESOS, exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Convenio
from nucleo.servicios import demo_convenios
from nucleo.servicios.convenios import DatosConvenio, crear_convenio
from nucleo.servicios.convenios_plantilla import carpeta_del_usuario

HOY = date(2026, 11, 18)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


@pytest.fixture
def convenios(expediente_demo):
    with expediente_demo.transaccion() as s:
        firmado, borrador = demo_convenios.sembrar(s, expediente_demo.municipio_id, HOY)
    return expediente_demo, firmado, borrador


def imprimir(exp, cid, ruta, **opciones):
    with exp.sesion() as s:
        return exportar_pdf("convenio", s, exp.municipio_id, ruta, hoy=HOY, id=cid, **opciones)


def test_registrado_como_impreso_que_pide_el_convenio():
    assert IMPRESOS["convenio"].pide_id == "convenio"
    assert IMPRESOS["convenio"].funcion == "nucleo.exportar.pdf.convenio:imprimir"


def test_convenio_firmado(convenios, tmp_path):
    exp, cid, _b = convenios
    ruta = imprimir(exp, cid, tmp_path / "firmado.pdf")
    datos = ruta.read_bytes()
    assert datos.startswith(b"%PDF-") and b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"Helvetica" not in datos
    assert re.search(rb"/MediaBox \[ 0 0 595\.27\d* 841\.8\d* \]", datos)  # A4 portrait
    with exp.sesion() as s:
        huella = s.get(Convenio, cid).hash_firma
    paginas = texto_de_pdf(ruta)
    assert 1 <= len(paginas) <= 3
    for n, texto in enumerate(paginas, start=1):
        assert "Municipalidad de Villeta" in texto and f"Página {n} de {len(paginas)}" in texto
        # The hash of what was signed on every sheet, so a loose page still says it.
        assert f"Huella SHA-256 del contenido firmado: {huella}" in texto
        assert "Firmado el 13/11/2026" in texto
        assert "BORRADOR" not in texto
    todo = _plano("\n".join(paginas))
    assert "COMPROMISO CON LA COMUNIDAD" in todo
    assert "Compromiso de trabajo para el desarrollo de la Compañía Cerrito" in todo
    assert "a 13 de noviembre de 2026, comparecen: Municipalidad de Villeta, en la persona de Juan Ejemplo Demo" in todo
    for ordinal in ("PRIMERA – DEL OBJETO.", "SEGUNDA – DE LAS OBLIGACIONES DE LAS PARTES.", "SEXTA –"):
        assert ordinal in todo
    assert "a) Obligaciones de Municipalidad de Villeta:" in todo
    assert "c) Obligaciones de Escuela Básica N.º 0000 Cerrito (ficticia):" in todo
    assert "Facilitar el galpón comunitario para las reuniones." in todo
    assert "rige desde el 13 de noviembre de 2026 hasta el 30 de junio de 2027" in todo
    # One signature block per party: who signs, the post and the institution.
    final = _plano(paginas[-1])
    for quien in ("Juan Ejemplo Demo (ficticio)", "Pedro Prueba (ficticio)", "Nilda Muestra Ejemplo",
                  "Intendente Municipal", "Presidente de la Asociación", "Directora"):
        assert quien in final
    assert todo.index("En prueba de conformidad") < todo.rindex("Nilda Muestra Ejemplo")


def test_borrador_con_marca_de_agua_y_huecos(convenios, tmp_path):
    exp, _f, cid = convenios
    paginas = texto_de_pdf(imprimir(exp, cid, tmp_path / "borrador.pdf"))
    for texto in paginas:
        assert "BORRADOR" in texto and "Huella SHA-256" not in texto
    todo = _plano("\n".join(paginas))
    assert "CARTA DE COMPROMISO INTERINSTITUCIONAL" in todo
    assert "Borrador para revisión de las partes: sin valor hasta su firma." in todo
    assert "a los …… días del mes de …………… de ……" in todo  # no signing date yet: a gap to fill by hand
    assert "Ministerio de la Niñez y la Adolescencia, en la persona de ……………………" in todo
    assert "d) Compromisos de Comisión Vecinal San Miguel (ficticia):" in todo
    assert "cuatro ejemplares" in todo


def test_bytes_reproducibles(convenios, tmp_path):
    exp, cid, _b = convenios
    a = imprimir(exp, cid, tmp_path / "a.pdf", invariante=True).read_bytes()
    b = imprimir(exp, cid, tmp_path / "b.pdf", invariante=True).read_bytes()
    assert a == b


def test_sin_partes_ni_datos_igual_se_imprime(expediente_demo, tmp_path):
    with expediente_demo.transaccion() as s:
        cid = crear_convenio(s, expediente_demo.municipio_id, DatosConvenio(titulo="Recién empezado",
                                                                            tipo="convenio_marco"))
    todo = _plano("\n".join(texto_de_pdf(imprimir(expediente_demo, cid, tmp_path / "vacio.pdf"))))
    assert "CONVENIO MARCO DE COOPERACIÓN INTERINSTITUCIONAL" in todo and "Recién empezado" in todo
    assert "se desarrollarán en todo el distrito de Villeta" in todo
    assert "rige desde la fecha de su firma, por tiempo indefinido" in todo


def test_sin_id_o_con_plantilla_rota_dice_que_hacer(convenios, tmp_path):
    exp, cid, _b = convenios
    with exp.sesion() as s, pytest.raises(ErrorDeUsuario, match="Para imprimir «convenio» indique el convenio"):
        exportar_pdf("convenio", s, exp.municipio_id, tmp_path / "x.pdf", hoy=HOY)
    propia = carpeta_del_usuario() / "compromiso_comunidad.txt"
    propia.parent.mkdir(parents=True, exist_ok=True)
    propia.write_text("[titulo]\nX\n[preambulo]\nEn $lugarr.\n", encoding="utf-8")
    destino = tmp_path / "roto.pdf"
    with pytest.raises(ErrorDeUsuario, match=r"«compromiso_comunidad.txt», renglón 4: «\$lugarr» no es un dato"):
        imprimir(exp, cid, destino)
    assert not destino.exists() and not list(tmp_path.glob("*.tmp"))
    with exp.sesion() as s:
        assert s.scalar(select(Convenio.estado).where(Convenio.id == cid)) == "firmado"
