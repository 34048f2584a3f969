"""Las entradas del programa congelado (installer/articula.spec y installer/build.py) existen y la versión sale
de pyproject.toml: se comprueba en cada corrida, aunque la construcción del paquete no se haga."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import tomllib

RAIZ = Path(__file__).resolve().parents[2]
SPEC = RAIZ / "installer" / "articula.spec"
VERSION = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _asignacion(nombre: str):
    """El valor literal asignado a `nombre` en el spec."""
    for nodo in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(nodo, ast.Assign) and any(getattr(t, "id", None) == nombre for t in nodo.targets):
            return ast.literal_eval(nodo.value)
    raise AssertionError(f"el spec no define {nombre}")


def test_cada_dato_propio_del_spec_existe():
    datos = _asignacion("DATOS_PROPIOS")
    assert ("recursos", "recursos") in datos
    assert ("nucleo/almacen/migraciones", "nucleo/almacen/migraciones") in datos
    for origen, _destino in datos:
        assert (RAIZ / origen).exists(), origen
    # What Alembic reads from disk in the bundle: env.py and every revision the program knows.
    from nucleo.almacen.migrar import REVISIONES

    migraciones = RAIZ / "nucleo" / "almacen" / "migraciones"
    assert (migraciones / "env.py").exists()
    archivos = [p.name for p in (migraciones / "versions").glob("*.py")]
    for revision in REVISIONES:
        assert any(nombre.startswith(revision) for nombre in archivos), revision
    assert (RAIZ / "recursos" / "fuentes" / "DejaVuSans.ttf").exists()


def test_las_rutas_escritas_en_el_spec_existen():
    texto = SPEC.read_text(encoding="utf-8")
    assert (RAIZ / "main.py").exists() and '"main.py"' in texto
    for carpeta in re.findall(r'RAIZ / "([^"]+)" / "([^"]+)"', texto):
        assert (RAIZ.joinpath(*carpeta)).exists(), carpeta
    # Libraries whose data files the program needs at run time (holidays stops at start without its own).
    for paquete in re.findall(r'collect_(?:data_files|dynamic_libs|submodules)\("([^"]+)"', texto):
        assert importlib.util.find_spec(paquete) is not None, paquete
    for necesario in ("holidays", "babel", "pypdfium2_raw", "nucleo", "ui"):
        assert f'"{necesario}"' in texto, necesario


def test_la_version_sale_de_pyproject():
    texto = SPEC.read_text(encoding="utf-8")
    assert 'tomllib.loads((RAIZ / "pyproject.toml")' in texto and '["project"]["version"]' in texto
    assert ("pyproject.toml", ".") in _asignacion("DATOS_PROPIOS")  # nucleo.__version__ reads it when frozen
    assert VERSION not in texto  # never written by hand
    build = (RAIZ / "installer" / "build.py").read_text(encoding="utf-8")
    assert VERSION not in build and '["project"]["version"]' in build
    # Loaded from its file under its own name: "build" is also the name of a PyPI package.
    especificacion = importlib.util.spec_from_file_location("articula_build", RAIZ / "installer" / "build.py")
    construir = importlib.util.module_from_spec(especificacion)
    especificacion.loader.exec_module(construir)
    assert construir.version() == VERSION


def test_windows_ventana_sin_consola_y_gemelo_de_consola():
    # articula.exe is windowed (no black console); articula-cli.exe, the same program with a console, is what
    # build.py runs for --version and --autoprueba on Windows. On Linux the one executable serves both.
    texto = SPEC.read_text(encoding="utf-8")
    assert "console=not WINDOWS" in texto and 'name="articula-cli"' in texto and 'name="articula"' in texto
    assert "articula-cli.exe" in (RAIZ / "installer" / "build.py").read_text(encoding="utf-8")


def test_los_modulos_cargados_por_nombre_estan_en_el_paquete():
    # Pages, printouts and Excel schemas are imported by name at run time; the spec takes every submodule of
    # nucleo and ui, so each one must live there.
    from nucleo.exportar.excel.esquemas import TABLAS
    from nucleo.exportar.pdf.documentos import IMPRESOS
    from ui.ventana_principal import PAGINAS

    nombres = [i.funcion for i in IMPRESOS.values()] + list(TABLAS.values()) + [e.clase for e in PAGINAS]
    assert len(nombres) > 20
    for nombre in nombres:
        modulo = nombre.split(":")[0]
        assert modulo.split(".")[0] in ("nucleo", "ui"), nombre
        assert importlib.util.find_spec(modulo) is not None, nombre


def test_build_ayuda_en_espanol():
    proc = subprocess.run([sys.executable, str(RAIZ / "installer" / "build.py"), "--help"], capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("uso: build.py")
    assert "--solo-carpeta" in proc.stdout and "--sin-prueba" in proc.stdout
    assert VERSION in proc.stdout


def test_ci_construye_y_prueba_el_paquete():
    ci = (RAIZ / ".ci" / "run").read_text(encoding="utf-8")
    assert "installer/build.py" in ci
    assert ci.index("pytest") < ci.index("installer/build.py")
