"""Impresos de la matriz de actores: la tabla (A4 horizontal) y la grilla de poder e interés."""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations

import pytest

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf import actores as impreso
from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf.documentos import exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.servicios.actores import CUADRANTES, FilaActor, cuadrante, listar_actores

HOY = date(2026, 11, 18)
ORDEN = ["Gestionar de cerca", "Mantener satisfecho", "Mantener informado", "Monitorear"]


def _plano(texto: str) -> str:
    """El texto con los renglones unidos: los nombres largos se parten en la celda."""
    return re.sub(r"\s+", " ", texto)


def _paginas(ruta) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", ruta.read_bytes()))


def _imprimir(expediente, tmp_path, vista: str, **opciones):
    with expediente.sesion() as s:
        ruta = exportar_pdf("actores", s, expediente.municipio_id, tmp_path / f"{vista}.pdf", vista, HOY,
                            **opciones)
        filas = listar_actores(s, expediente.municipio_id)
    return ruta, filas


def test_matriz_de_la_demo(expediente_demo, tmp_path):
    ruta, filas = _imprimir(expediente_demo, tmp_path, "matriz")
    datos = ruta.read_bytes()
    assert datos.startswith(b"%PDF-") and b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"Helvetica" not in datos
    assert re.search(rb"/MediaBox \[ 0 0 841\.8\d* 595\.27\d* \]", datos)  # A4 landscape
    paginas = texto_de_pdf(ruta)
    assert 2 <= len(paginas) <= 6
    assert len(paginas) == _paginas(ruta)
    for n, texto in enumerate(paginas, start=1):
        assert "Municipalidad de Villeta" in texto and "Departamento Central" in texto
        assert f"Página {n} de {len(paginas)}" in texto
        assert "Nombre" in texto and "Contacto" in texto  # the header row repeats on every sheet
    todo = _plano("\n".join(paginas))
    assert "Matriz de actores" in todo
    for columna in ("Tipo", "Categoría", "Nivel", "Institución", "Interés", "Influencia", "Postura", "Cuadrante",
                    "Territorios"):
        assert columna in todo
    for f in filas:
        assert f.nombre in todo, f.nombre
    # Sorted by quadrant: the bands come in reading order, each with its count.
    posiciones = [todo.find(f"{c} · ") for c in ORDEN if any(f.cuadrante_texto == c for f in filas)]
    assert all(p >= 0 for p in posiciones) and posiciones == sorted(posiciones)
    for c in ORDEN:
        cantidad = sum(1 for f in filas if f.cuadrante_texto == c)
        if cantidad:
            assert f"{c} · {cantidad} actor" in todo


def test_matriz_ordena_por_cuadrante_y_nombre():
    filas = [_fila(1, "Zeta", 5, 5), _fila(2, "alfa", 1, 1), _fila(3, "Beta", 5, 5), _fila(4, "Gama", 1, 5)]
    assert [f.nombre for f in impreso.ordenar(filas)] == ["Beta", "Zeta", "Gama", "alfa"]


def test_grilla_de_la_demo(expediente_demo, tmp_path):
    ruta, filas = _imprimir(expediente_demo, tmp_path, "grilla")
    paginas = texto_de_pdf(ruta)
    assert 2 <= len(paginas) <= 6
    primera = paginas[0]
    assert "Grilla de poder e interés" in primera and "Municipalidad de Villeta" in primera
    assert f"Página 1 de {len(paginas)}" in primera
    for rotulo in ("GESTIONAR DE CERCA", "MANTENER SATISFECHO", "MANTENER INFORMADO", "MONITOREAR"):
        assert rotulo in primera
    assert "Postura" in primera and "Cuadrantes" in primera
    assert "Actores por cuadrante" in paginas[1]
    lista = _plano("\n".join(paginas[1:]))
    for f in filas:
        assert f.nombre in lista, f.nombre


def _fila(i: int, nombre: str, interes: int, influencia: int, postura: str = "apoya", sigla: str = "") -> FilaActor:
    c = cuadrante(interes, influencia)
    return FilaActor(id=i, nombre=nombre, categoria="comunidad", categoria_texto="Comunidad", telefono="",
                     correo="", sigla=sigla, interes=interes, influencia=influencia, postura=postura,
                     postura_texto=postura, cuadrante=c, cuadrante_texto=CUADRANTES[c])


def _grilla(filas: list[FilaActor]) -> impreso.Grilla:
    e.registrar_fuentes()
    puntos = [impreso._Punto(n, f) for n, f in enumerate(impreso.ordenar(filas), start=1)]
    g = impreso.Grilla(e.ancho_util(horizontal=True), e.alto_util(horizontal=True) - 60, puntos)
    g.wrap(g.ancho, g.alto)
    return g


def _se_tocan(a: impreso.Marca, b: impreso.Marca) -> bool:
    return a.x < b.x + b.ancho and b.x < a.x + a.ancho and a.y < b.y + b.alto and b.y < a.y + a.alto


def test_grilla_acomoda_los_rotulos_sin_encimarlos():
    posturas = ("apoya", "neutral", "se_opone")
    filas = [_fila(i, f"Organización comunitaria número {i} del barrio", 4, 4, posturas[i % 3]) for i in range(3)]
    filas += [_fila(100 + i, f"Actor {i}", 2, 2, posturas[i % 3]) for i in range(7)]  # one line each
    filas += [_fila(200 + i, f"Comité {i}", 5, 1) for i in range(30)]  # numbered chips
    filas += [_fila(300 + i, f"Vecino {i}", 1, 5, posturas[i % 3]) for i in range(400)]  # too many: a count
    filas += [_fila(900, "Ministerio de Desarrollo Social con un nombre muy largo", 5, 5, sigla="MDS")]
    g = _grilla(filas)
    disposicion = g.disponer()
    for (interes, influencia), marcas in disposicion.items():
        x, y, w, h = g._area(interes, influencia)
        for m in marcas:  # inside its cell, below the quadrant's name strip
            assert x - 0.01 <= m.x and m.x + m.ancho <= x + w + 0.01, (interes, influencia, m)
            assert y - 0.01 <= m.y and m.y + m.alto <= y + h + 0.01, (interes, influencia, m)
        for a, b in combinations(marcas, 2):
            assert not _se_tocan(a, b), (interes, influencia, a, b)
    assert {m.tipo for m in disposicion[(4, 4)]} == {"renglon"}
    assert all(len(m.texto) == 2 for m in disposicion[(4, 4)])  # room to spare: long names on two lines
    assert {m.tipo for m in disposicion[(5, 1)]} == {"ficha"} and len(disposicion[(5, 1)]) == 30
    assert [m.tipo for m in disposicion[(1, 5)]] == ["cantidad"]
    assert disposicion[(5, 5)][0].texto[0] in ("Ministerio de Desarrollo Social con un nombre muy largo",
                                                "Ministerio de Desarrollo", "MDS")
    # Every actor is accounted for: in a label, a chip or a count.
    vistos = sum(len(g.por_celda[c]) if ms[0].tipo == "cantidad" else len(ms) for c, ms in disposicion.items())
    assert vistos == len(filas)


def test_grilla_con_muchos_actores_sigue_legible(tmp_path):
    membrete = e.Membrete("Luque", "Central", "11")
    filas = [_fila(i, f"Actor {i:04d}", 1 + i % 5, 1 + (i // 5) % 5, ("apoya", "neutral", "se_opone")[i % 3])
             for i in range(1500)]
    ruta = impreso.pdf_grilla(tmp_path / "g.pdf", membrete, filas, HOY)
    paginas = texto_de_pdf(ruta)
    assert "1.500 actores" in paginas[0]
    assert "60" in paginas[0].split("\n")  # each of the 25 cells shows its count (1500 / 25)
    assert "Actores por cuadrante" in paginas[1]
    assert f"Página {len(paginas)} de {len(paginas)}" in paginas[-1]
    assert "Actor 1499" in _plano("\n".join(paginas[1:]))


def test_sin_actores(tmp_path):
    membrete = e.Membrete("Villeta", "Central", "11")
    for funcion in (impreso.pdf_matriz, impreso.pdf_grilla):
        paginas = texto_de_pdf(funcion(tmp_path / f"{funcion.__name__}.pdf", membrete, [], HOY))
        assert len(paginas) == 1 and "Todavía no hay actores registrados." in paginas[0]
        assert "Página 1 de 1" in paginas[0]


def test_modo_invariante_mismos_bytes(expediente_demo, tmp_path):
    for vista in ("matriz", "grilla"):
        (tmp_path / "a").mkdir(exist_ok=True)
        (tmp_path / "b").mkdir(exist_ok=True)
        a, _filas = _imprimir(expediente_demo, tmp_path / "a", vista, invariante=True)
        b, _filas = _imprimir(expediente_demo, tmp_path / "b", vista, invariante=True)
        assert a.read_bytes() == b.read_bytes(), vista


def test_errores_que_ve_el_usuario(expediente_demo, tmp_path):
    with expediente_demo.sesion() as s:
        mid = expediente_demo.municipio_id
        with pytest.raises(ErrorDeUsuario, match="No hay impreso"):
            exportar_pdf("territorios", s, mid, tmp_path / "x.pdf")
        with pytest.raises(ErrorDeUsuario, match="no tiene la vista"):
            exportar_pdf("actores", s, mid, tmp_path / "x.pdf", "catalogo")
        with pytest.raises(ErrorDeUsuario, match="No existe la carpeta"):
            exportar_pdf("actores", s, mid, tmp_path / "no" / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
