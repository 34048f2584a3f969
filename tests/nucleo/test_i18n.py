"""Los textos traducibles deben poder extraerse: `_()` recibe un literal, nunca una f-string ni una variable."""

from __future__ import annotations

import ast
from pathlib import Path

from nucleo import i18n

RAIZ = Path(__file__).resolve().parents[2]


def _llamadas_no_extraibles(carpeta: str) -> list[str]:
    malas = []
    for archivo in sorted((RAIZ / carpeta).rglob("*.py")):
        arbol = ast.parse(archivo.read_text(encoding="utf-8"))
        for nodo in ast.walk(arbol):
            if (isinstance(nodo, ast.Call) and isinstance(nodo.func, ast.Name) and nodo.func.id in ("_", "n_")
                    and nodo.args and not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                              for a in nodo.args[: 2 if nodo.func.id == "n_" else 1])):
                malas.append(f"{archivo.relative_to(RAIZ)}:{nodo.lineno}")
    return malas


def test_textos_traducibles_son_literales():
    assert _llamadas_no_extraibles("nucleo") + _llamadas_no_extraibles("ui") == []


def test_sin_catalogo_el_texto_queda_en_espanol():
    i18n.instalar("es_PY")
    assert i18n._("Territorios") == "Territorios"
    assert i18n.n_("territorio", "territorios", 2) == "territorios"
    i18n.instalar("en")  # no English catalogue is shipped: falls back to the Spanish source
    assert i18n._("Territorios") == "Territorios"
    i18n.instalar(None)
