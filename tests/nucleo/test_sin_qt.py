"""`nucleo/` no depende de Qt: la CLI, las pruebas del núcleo y un futuro servidor lo usan sin pantalla.

Es la verificación que manda (ARQUITECTURA.md, «NO PySide6 import, ever»). Dos controles que se complementan:
- lectura del código (ast): ve también los imports dentro de funciones o en ramas que las pruebas no recorren;
- importación real de cada módulo en un proceso limpio: ve lo que llega de forma indirecta (un paquete de
  terceros que por dentro carga Qt).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
NUCLEO = RAIZ / "nucleo"
PROHIBIDOS = ("PySide6", "shiboken6", "PySide2", "shiboken2", "PyQt5", "PyQt6", "qtpy")
# Alembic loads these as scripts inside a migration run; they are read by the ast check, not imported.
SOLO_LECTURA = ("nucleo.almacen.migraciones",)


def _modulo(ruta: Path) -> str:
    partes = ruta.relative_to(RAIZ).with_suffix("").parts
    return ".".join(partes[:-1] if partes[-1] == "__init__" else partes)


def _archivos() -> list[Path]:
    return sorted(p for p in NUCLEO.rglob("*.py") if "__pycache__" not in p.parts)


def _es_prohibido(nombre: str) -> bool:
    return nombre.split(".")[0] in PROHIBIDOS


def _imports_prohibidos(arbol: ast.AST) -> list[tuple[int, str]]:
    hallados = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            hallados += [(nodo.lineno, a.name) for a in nodo.names if _es_prohibido(a.name)]
        elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module and _es_prohibido(nodo.module):
            hallados.append((nodo.lineno, nodo.module))
        elif isinstance(nodo, ast.Call) and nodo.args:
            # importlib.import_module("PySide6.QtCore") or __import__("PySide6"): a string that names Qt.
            funcion = nodo.func
            nombre = funcion.attr if isinstance(funcion, ast.Attribute) else getattr(funcion, "id", "")
            primero = nodo.args[0]
            if (nombre in ("import_module", "__import__") and isinstance(primero, ast.Constant)
                    and isinstance(primero.value, str) and _es_prohibido(primero.value)):
                hallados.append((nodo.lineno, primero.value))
    return hallados


def test_ningun_archivo_de_nucleo_importa_qt():
    archivos = _archivos()
    assert len(archivos) > 20  # the scan really walked the package
    problemas = []
    for ruta in archivos:
        arbol = ast.parse(ruta.read_text(encoding="utf-8"), filename=str(ruta))
        problemas += [f"{ruta.relative_to(RAIZ)}:{linea} importa {nombre}"
                      for linea, nombre in _imports_prohibidos(arbol)]
    assert not problemas, "nucleo/ no puede importar Qt:\n" + "\n".join(problemas)


def test_el_control_detecta_cada_forma_de_importar_qt():
    # The scan itself must catch what it is meant to catch, or the test above would pass vacuously.
    codigo = (
        "import PySide6\n"
        "from PySide6.QtCore import QObject\n"
        "def tarde():\n"
        "    import shiboken6\n"
        "    import importlib; importlib.import_module('PySide6.QtWidgets')\n"
        "from nucleo import formato\n"
        "from . import vecino\n"
    )
    assert [n for _l, n in _imports_prohibidos(ast.parse(codigo))] == [
        "PySide6", "PySide6.QtCore", "shiboken6", "PySide6.QtWidgets"]


def test_importar_todo_nucleo_no_carga_qt():
    modulos = sorted({_modulo(p) for p in _archivos()
                      if not any(_modulo(p).startswith(s + ".") for s in SOLO_LECTURA)})
    assert "nucleo.cli" in modulos and "nucleo.almacen.expediente" in modulos
    codigo = (
        "import importlib, sys\n"
        f"for nombre in {modulos!r}:\n"
        "    importlib.import_module(nombre)\n"
        f"qt = sorted(m for m in sys.modules if m.split('.')[0] in {PROHIBIDOS!r})\n"
        "print('PySide6' in sys.modules, qt)\n"
    )
    r = subprocess.run([sys.executable, "-c", codigo], cwd=RAIZ, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False []", r.stdout
