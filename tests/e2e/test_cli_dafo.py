"""DAFO / DIPE desde la consola, en un proceso aparte: exportar a Excel, importar en otro expediente, imprimir."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

RAIZ = Path(__file__).resolve().parents[2]
HOY = date(2026, 11, 18)


@pytest.fixture
def correr(carpeta_datos):
    env = dict(os.environ, ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")

    def _correr(*args):
        return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=RAIZ, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)

    return _correr


def _demo(correr, ruta: Path, con_dafo: bool) -> Path:
    r = correr("demo", ruta, "--hoy", HOY.isoformat())
    assert r.returncode == 0, r.stderr
    from nucleo.almacen.expediente import Expediente
    from nucleo.modelo import ItemDafo
    from nucleo.servicios.demo_dafo import sembrar

    exp = Expediente.abrir(ruta)
    try:
        with exp.transaccion() as s:
            if con_dafo:
                sembrar(s, exp.municipio_id, HOY)  # does nothing if the demo already has it
            else:
                s.execute(ItemDafo.__table__.delete())
    finally:
        exp.cerrar()
    return ruta


def _filas(ruta: Path) -> list[tuple]:
    libro = load_workbook(ruta, read_only=True, data_only=True)
    try:
        return [tuple(f) for f in libro["DAFO"].iter_rows(values_only=True)]
    finally:
        libro.close()


def test_exportar_importar_y_volver_a_exportar(correr, tmp_path):
    origen = _demo(correr, tmp_path / "Villeta.articula", con_dafo=True)
    destino = _demo(correr, tmp_path / "Otro.articula", con_dafo=False)
    r = correr("exportar", origen, "--tabla", "dafo", "--salida", tmp_path / "dafo")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Se exportaron 25 elementos de DAFO/DIPE a ")
    filas = _filas(tmp_path / "dafo.xlsx")
    assert filas[0] == ("Territorio", "Análisis", "Cuadrante", "Texto", "Orden")
    assert ("Compañía Cerrito", "DAFO", "Fortalezas",
            "Asociación de Productores Cerrito Unido activa, con asamblea mensual y galpón comunitario.", 1) in filas

    r = correr("importar", destino, "--tabla", "dafo", tmp_path / "dafo.xlsx")
    assert r.returncode == 0, r.stderr
    assert "Se importaron 25 elementos de DAFO/DIPE de «dafo.xlsx»" in r.stdout
    r = correr("exportar", destino, "--tabla", "dafo", "--salida", tmp_path / "vuelta.xlsx")
    assert r.returncode == 0, r.stderr
    assert _filas(tmp_path / "vuelta.xlsx") == filas

    # Importing the same rows again is refused row by row, and nothing is saved.
    r = correr("importar", destino, "--tabla", "dafo", tmp_path / "dafo.xlsx")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "No se importó nada: hay 25 problemas" in r.stderr and "ya está en" in r.stderr


def test_plantilla_en_blanco(correr, tmp_path):
    origen = _demo(correr, tmp_path / "Villeta.articula", con_dafo=True)
    r = correr("exportar", origen, "--tabla", "dafo", "--plantilla", "--salida", tmp_path / "plantilla.xlsx")
    assert r.returncode == 0, r.stderr
    assert _filas(tmp_path / "plantilla.xlsx") == [("Territorio", "Análisis", "Cuadrante", "Texto", "Orden")]


def test_imprimir_el_dafo_de_un_territorio(correr, tmp_path):
    from nucleo.exportar.pdf.lectura import texto_de_pdf

    origen = _demo(correr, tmp_path / "Villeta.articula", con_dafo=True)
    r = correr("exportar", origen, "--tabla", "dafo", "--pdf", "--territorio", "Compañía Cerrito",
               "--salida", tmp_path / "dafo.pdf")
    assert r.returncode == 0, r.stderr
    assert "Análisis DAFO: Compañía Cerrito" in texto_de_pdf(tmp_path / "dafo.pdf")[0]
    r = correr("exportar", origen, "--tabla", "dafo", "--pdf", "--vista", "dipe", "--territorio",
               "barrio san miguel", "--salida", tmp_path / "dipe.pdf")
    assert r.returncode == 0, r.stderr
    assert "Análisis DIPE: Barrio San Miguel" in texto_de_pdf(tmp_path / "dipe.pdf")[0]

    r = correr("exportar", origen, "--tabla", "dafo", "--pdf", "--salida", tmp_path / "sin.pdf")
    assert r.returncode == 2 and "Indique el territorio con --territorio" in r.stderr
    r = correr("exportar", origen, "--tabla", "dafo", "--pdf", "--vista", "foda", "--territorio", "1",
               "--salida", tmp_path / "foda.pdf")
    assert r.returncode == 2 and "no tiene la vista «foda»; puede ser: dafo, dipe" in r.stderr
    assert not (tmp_path / "sin.pdf").exists() and not (tmp_path / "foda.pdf").exists()
