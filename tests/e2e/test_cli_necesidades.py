"""`exportar` e `importar` de las necesidades desde la consola, en un proceso aparte, como los usa una persona."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

RAIZ = Path(__file__).resolve().parents[2]


@pytest.fixture
def correr(carpeta_datos):
    env = dict(os.environ, ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")

    def _correr(*args):
        return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=RAIZ, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=120)

    return _correr


@pytest.fixture
def demo(correr, tmp_path) -> Path:
    ruta = tmp_path / "Villeta.articula"
    r = correr("demo", ruta, "--hoy", "2026-11-18")
    assert r.returncode == 0, r.stderr
    return ruta


def _planilla_del_taller(ruta: Path, filas: list[tuple]) -> Path:
    """Una planilla propia de la coordinación, con sus propios encabezados."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Taller"
    ws.append(["Comunidad", "Necesidad planteada", "Dimensión", "Pilar SPS", "Población afectada", "Origen",
               "Fecha del taller", "Votos"])
    for fila in filas:
        ws.append(list(fila))
    wb.save(ruta)
    return ruta


def _filas(ruta: Path) -> list[tuple]:
    libro = load_workbook(ruta, read_only=True, data_only=True)
    try:
        return [tuple(f) for f in libro["Necesidades"].iter_rows(values_only=True)]
    finally:
        libro.close()


TALLER = [
    ("Compañía Cerrito", "Caminos de tierra intransitables con lluvia (taller de prueba)", "Social",
     "Integración social", "Entorno", "Asamblea", datetime(2026, 11, 10), 12),
    ("Compañía Cerrito", "Sin feria para vender la producción (taller de prueba)", "económico",
     "Inserción laboral", "Adultos", "Taller", datetime(2026, 11, 10), 12),
    ("Barrio Industrial", "Jóvenes sin actividades por la tarde (taller de prueba)", "Social", None, "Jóvenes",
     "Encuesta", None, None),
]


def test_importar_una_planilla_propia_y_exportarla(correr, demo, tmp_path):
    taller = _planilla_del_taller(tmp_path / "taller.xlsx", TALLER)
    r = correr("importar", demo, "--tabla", "necesidades", taller)
    assert r.returncode == 0, r.stderr
    assert "Se importaron 3 necesidades de «taller.xlsx» (hoja «Taller», encabezados en la fila 1)" in r.stdout
    assert "A (Comunidad) → Territorio" in r.stdout and "F (Origen) → Fuente" in r.stdout

    r = correr("exportar", demo, "--tabla", "necesidades", "--salida", tmp_path / "necesidades")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Se exportaron ") and str(tmp_path / "necesidades.xlsx") in r.stdout
    filas = _filas(tmp_path / "necesidades.xlsx")
    assert filas[0] == ("Territorio", "Descripción", "Dimensión", "Pilar", "Población", "Fuente", "Fecha",
                        "Prioridad", "Votos", "Notas")
    propias = {f[1]: f for f in filas[1:] if "(taller de prueba)" in f[1]}
    assert len(propias) == 3
    feria = propias["Sin feria para vender la producción (taller de prueba)"]
    assert feria[0] == "Compañía Cerrito" and feria[2:6] == ("Económica", "Inserción laboral y productiva",
                                                             "Adultez (30–64)", "Taller")
    assert feria[6] == datetime(2026, 11, 10) and feria[8] == 12 and feria[7] is None  # voted, not yet ranked
    jovenes = propias["Jóvenes sin actividades por la tarde (taller de prueba)"]
    assert jovenes[3] is None and jovenes[4] == "Juventud (18–29)" and jovenes[5] == "Encuesta"

    # The same rows again are refused (already there), unless asked to skip them.
    r = correr("importar", demo, "--tabla", "necesidades", tmp_path / "necesidades.xlsx")
    assert r.returncode == 2 and "ya tiene esta necesidad" in r.stderr and "Traceback" not in r.stderr
    r = correr("importar", demo, "--tabla", "necesidades", tmp_path / "necesidades.xlsx", "--omitir-existentes")
    assert r.returncode == 0, r.stderr
    assert f"Se saltaron {len(filas) - 1} necesidades" in r.stdout

    r = correr("exportar", demo, "--tabla", "necesidades", "--salida", tmp_path / "vacia.xlsx", "--plantilla")
    assert r.returncode == 0 and "Plantilla en blanco guardada" in r.stdout
    assert len(_filas(tmp_path / "vacia.xlsx")) == 1


def test_una_fila_con_problemas_no_deja_guardar_nada(correr, demo, tmp_path):
    malas = TALLER[:1] + [
        ("Barrio Inventado", "Algo que falta (taller de prueba)", "Social", None, None, "Taller", None, 3),
        ("Compañía Cerrito", "Otra necesidad (taller de prueba)", "Social", None, None, "Taller", None, -2),
        ("Compañía Cerrito", None, "Social", None, None, "Taller", None, 1),
    ]
    taller = _planilla_del_taller(tmp_path / "malas.xlsx", malas)
    r = correr("importar", demo, "--tabla", "necesidades", taller)
    assert r.returncode == 2, r.stdout
    assert "Traceback" not in r.stderr
    assert "No hay un territorio llamado «Barrio Inventado»" in r.stderr
    assert "fila 4, columna H (Votos): Los votos no pueden ser negativos" in r.stderr
    assert "fila 5, columna B (Necesidad planteada): Falta «Descripción»" in r.stderr
    r = correr("exportar", demo, "--tabla", "necesidades", "--salida", tmp_path / "despues.xlsx")
    assert r.returncode == 0, r.stderr
    assert not any("(taller de prueba)" in (f[1] or "") for f in _filas(tmp_path / "despues.xlsx")[1:])
