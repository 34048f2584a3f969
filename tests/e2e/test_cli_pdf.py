"""`python main.py exportar … --pdf`: los impresos desde la línea de comandos, en un proceso aparte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nucleo.exportar.pdf.lectura import texto_de_pdf

RAIZ = Path(__file__).resolve().parents[2]


@pytest.fixture
def correr(carpeta_datos):
    entorno = dict(os.environ)
    entorno.update(ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")

    def _correr(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=RAIZ, env=entorno,
                              capture_output=True, text=True, encoding="utf-8", timeout=180)

    return _correr


@pytest.fixture
def demo(correr, tmp_path) -> Path:
    ruta = tmp_path / "Villeta.articula"
    r = correr("demo", ruta, "--hoy", "2026-11-18")
    assert r.returncode == 0, r.stderr
    return ruta


@pytest.mark.parametrize(("tabla", "vista", "titulo"), [
    ("actores", None, "Matriz de actores"),
    ("actores", "grilla", "Grilla de poder e interés"),
    ("oportunidades", "catalogo", "Catálogo del Mapa de Oportunidades"),
])
def test_exportar_pdf(correr, demo, tmp_path, tabla, vista, titulo):
    salida = tmp_path / f"{tabla}-{vista}.pdf"
    r = correr("exportar", demo, "--tabla", tabla, "--pdf", *(["--vista", vista] if vista else []),
               "--salida", salida)
    assert r.returncode == 0, r.stderr
    assert str(salida) in r.stdout and "Traceback" not in r.stderr
    datos = salida.read_bytes()
    assert datos.startswith(b"%PDF-") and datos.rstrip().endswith(b"%%EOF")
    assert b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"/FontFile2" in datos
    paginas = texto_de_pdf(salida)
    assert paginas and titulo in paginas[0] and "Municipalidad de Villeta" in paginas[0]
    assert f"Página 1 de {len(paginas)}" in paginas[0]


def test_agrega_la_extension_y_no_pisa_un_archivo(correr, demo, tmp_path):
    r = correr("exportar", demo, "--tabla", "actores", "--pdf", "--salida", tmp_path / "matriz")
    assert r.returncode == 0, r.stderr
    creado = tmp_path / "matriz.pdf"
    assert creado.read_bytes().startswith(b"%PDF-")
    antes = creado.read_bytes()
    r = correr("exportar", demo, "--tabla", "actores", "--pdf", "--salida", creado)
    assert r.returncode == 2 and "Ya existe" in r.stderr and "Traceback" not in r.stderr
    assert creado.read_bytes() == antes
    r = correr("exportar", demo, "--tabla", "actores", "--pdf", "--vista", "grilla", "--salida", creado, "--forzar")
    assert r.returncode == 0, r.stderr
    assert "Grilla de poder e interés" in texto_de_pdf(creado)[0]


def test_vista_que_no_corresponde(correr, demo, tmp_path):
    salida = tmp_path / "x.pdf"
    r = correr("exportar", demo, "--tabla", "oportunidades", "--pdf", "--vista", "grilla", "--salida", salida)
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.strip()
    assert not salida.exists()
