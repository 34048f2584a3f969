"""Los impresos del plan desde la consola: `exportar RUTA --tabla plan --plan N --salida F.pdf`, o con
`--territorio` (el plan de ese territorio)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Territorio

RAIZ = Path(__file__).resolve().parents[2]
HOY = date(2026, 11, 18)


@pytest.fixture
def correr(carpeta_datos):
    env = dict(os.environ, ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")

    def _correr(*args):
        return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=RAIZ, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=180)

    return _correr


@pytest.fixture
def con_plan(tmp_path) -> tuple[Path, int]:
    """La demo con un plan (en borrador, con dos actividades) para Compañía Cerrito; cerrada, para la consola."""
    from nucleo.servicios import actividades as act
    from nucleo.servicios import plan as pl
    from nucleo.servicios.demo import crear_demo

    ruta = tmp_path / "Villeta.articula"
    exp = crear_demo(ruta, hoy=HOY)
    try:
        with exp.transaccion() as s:
            tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
            pid = pl.crear_plan(s, exp.municipio_id, tid, pl.DatosPlan(titulo="Plan de Acción Compañía Cerrito",
                                                                         inicio=date(2027, 2, 1)))
            a = act.crear_actividad(s, pid, act.DatosActividad(nombre="Censo de familias", duracion=5))
            act.crear_actividad(s, pid, act.DatosActividad(nombre="Entrega de tanques", duracion=10,
                                                           predecesoras=(act.DatosVinculo(a),)))
    finally:
        exp.cerrar()
    return ruta, pid


def test_los_cuatro_impresos_por_numero_de_plan(correr, con_plan, tmp_path):
    ruta, pid = con_plan
    for tabla in ("plan", "cronograma", "presupuesto", "metas"):
        salida = tmp_path / f"{tabla}.pdf"
        r = correr("exportar", ruta, "--tabla", tabla, "--plan", pid, "--salida", salida)
        assert r.returncode == 0, r.stderr
        assert f"{tabla}.pdf" in r.stdout
        assert "Plan de Acción Compañía Cerrito" in " ".join(texto_de_pdf(salida))


def test_por_territorio_y_en_a3(correr, con_plan, tmp_path):
    ruta, _pid = con_plan
    r = correr("exportar", ruta, "--tabla", "cronograma", "--territorio", "compania cerrito", "--vista", "a3",
               "--salida", tmp_path / "crono")
    assert r.returncode == 0, r.stderr
    assert b"/MediaBox [ 0 0 1190.55" in (tmp_path / "crono.pdf").read_bytes()


def test_sin_plan_o_sin_decir_cual_dice_que_hacer(correr, con_plan, tmp_path):
    ruta, _pid = con_plan
    r = correr("exportar", ruta, "--tabla", "plan", "--territorio", "Comunidad Yvy Porã", "--salida",
               tmp_path / "p.pdf")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "«Comunidad Yvy Porã» todavía no tiene Plan de Acción" in r.stderr
    r = correr("exportar", ruta, "--tabla", "metas", "--salida", tmp_path / "p.pdf")
    assert r.returncode == 2 and "--plan" in r.stderr and "--territorio" in r.stderr
    r = correr("exportar", ruta, "--tabla", "presupuesto", "--plan", "999", "--salida", tmp_path / "p.pdf")
    assert r.returncode == 2 and "No se encontró el Plan de Acción n.º 999" in r.stderr
    assert not (tmp_path / "p.pdf").exists()


def test_cada_tabla_de_excel_sabe_contar_sus_filas():
    from nucleo.cli import CANTIDADES, TABLAS

    assert set(CANTIDADES) == set(TABLAS)
    assert CANTIDADES["actividades"](1).format(n="1") == "1 actividad"
    assert CANTIDADES["recursos"](3).format(n="3") == "3 recursos"
