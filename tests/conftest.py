"""Configuración común de las pruebas: Qt sin pantalla y carpetas de datos temporales."""

from __future__ import annotations

import os

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


@pytest.fixture
def expediente_demo(tmp_path):
    from nucleo.servicios.demo import crear_demo

    exp = crear_demo(tmp_path / "Villeta.articula", hoy=HOY)
    yield exp
    exp.cerrar()
