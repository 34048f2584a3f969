"""Configuración común de las pruebas: Qt sin pantalla y carpetas de datos temporales."""

from __future__ import annotations

import os
import shutil

# Before Qt is imported anywhere: without a display a test run would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

HOY = date(2026, 11, 18)  # a Wednesday: fixed so the traffic lights in the demo are reproducible


@pytest.fixture(autouse=True)
def carpeta_datos(tmp_path_factory, monkeypatch) -> Path:
    """Cada prueba usa su propia carpeta de datos: nunca toca los expedientes reales del usuario."""
    carpeta = tmp_path_factory.mktemp("datos")
    monkeypatch.setenv("ARTICULA_DATOS", str(carpeta))
    return carpeta


@pytest.fixture(scope="session")
def _demo_original(tmp_path_factory) -> Path:
    """The demo is built once per run (its plan takes a second); each test opens its own copy of the file."""
    from nucleo.servicios.demo import crear_demo

    ruta = tmp_path_factory.mktemp("demo") / "Villeta.articula"
    with pytest.MonkeyPatch.context() as mp:  # runs before the per-test data folder exists
        mp.setenv("ARTICULA_DATOS", str(tmp_path_factory.mktemp("datos_demo")))
        crear_demo(ruta, hoy=HOY).cerrar()
    return ruta


@pytest.fixture
def expediente_demo(tmp_path, _demo_original):
    from nucleo.almacen.expediente import Expediente

    ruta = tmp_path / "Villeta.articula"
    shutil.copyfile(_demo_original, ruta)
    exp = Expediente.abrir(ruta, respaldar=False)
    yield exp
    exp.cerrar()
