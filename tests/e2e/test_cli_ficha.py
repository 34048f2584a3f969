"""La ficha territorial desde la consola: `exportar RUTA --tabla ficha --territorio ID --salida F.pdf`."""

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
    env = dict(os.environ, ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")

    def _correr(*args):
        return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=RAIZ, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=120)

    return _correr


def test_la_ficha_de_un_territorio_por_numero_y_por_nombre(correr, tmp_path):
    ruta = tmp_path / "Villeta.articula"
    assert correr("demo", ruta, "--hoy", "2026-11-18").returncode == 0
    por_numero = tmp_path / "ficha.pdf"
    r = correr("exportar", ruta, "--tabla", "ficha", "--territorio", "2", "--salida", por_numero)
    assert r.returncode == 0, r.stderr
    assert "ficha.pdf" in r.stdout
    paginas = texto_de_pdf(por_numero)
    assert len(paginas) == 1 and "Ficha territorial: Compañía Cerrito" in paginas[0]
    # By name, without accents or capitals, and without .pdf in the name.
    r = correr("exportar", ruta, "--tabla", "ficha", "--territorio", "compania cerrito", "--salida",
               tmp_path / "otra")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "otra.pdf").is_file()


def test_sin_territorio_o_con_uno_que_no_existe_dice_que_hacer(correr, tmp_path):
    ruta = tmp_path / "Villeta.articula"
    assert correr("demo", ruta, "--hoy", "2026-11-18").returncode == 0
    r = correr("exportar", ruta, "--tabla", "ficha", "--salida", tmp_path / "f.pdf")
    assert r.returncode == 2 and "--territorio" in r.stderr and "Traceback" not in r.stderr
    r = correr("exportar", ruta, "--tabla", "ficha", "--territorio", "Luna", "--salida", tmp_path / "f.pdf")
    assert r.returncode == 2 and "Compañía Cerrito" in r.stderr  # the message lists the territories
    assert not (tmp_path / "f.pdf").exists()
