"""Los textos traducibles deben poder extraerse (`_()`, `n_()` y `N_()` reciben literales, nunca una f-string ni
una variable), y un catálogo instalado debe llegar de verdad a lo que muestran los servicios."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from nucleo import i18n
from nucleo.errores import ErroresDeValidacion
from nucleo.servicios.hoja_de_ruta import resumen_ruta
from nucleo.servicios.territorios import (
    DatosTerritorio,
    crear_territorio,
    describir_limite,
    listar_territorios,
)

RAIZ = Path(__file__).resolve().parents[2]
HOY = date(2026, 11, 18)  # the day the demo expediente is built for

# How many leading arguments of each marker must be string literals (what `pybabel extract` reads).
MARCADORES = {"_": 1, "N_": 1, "n_": 2}


def _llamadas(carpeta: str):
    for archivo in sorted((RAIZ / carpeta).rglob("*.py")):
        arbol = ast.parse(archivo.read_text(encoding="utf-8"))
        for nodo in ast.walk(arbol):
            if isinstance(nodo, ast.Call) and isinstance(nodo.func, ast.Name):
                yield f"{archivo.relative_to(RAIZ)}:{nodo.lineno}", nodo


def _es_literal(nodo: ast.expr) -> bool:
    return isinstance(nodo, ast.Constant) and isinstance(nodo.value, str)


def _llamadas_no_extraibles(carpeta: str) -> list[str]:
    malas = []
    for donde, nodo in _llamadas(carpeta):
        cuantos = MARCADORES.get(nodo.func.id)
        if cuantos and nodo.args and not all(_es_literal(a) for a in nodo.args[:cuantos]):
            malas.append(donde)
    return malas


def _traducir_mal_usado(carpeta: str) -> list[str]:
    # traducir() is for labels marked with N_() elsewhere: a literal there never reaches the catalogue (use _()),
    # and an f-string or a concatenation can never match a msgid.
    malas = []
    for donde, nodo in _llamadas(carpeta):
        if nodo.func.id == "traducir" and nodo.args and (
                _es_literal(nodo.args[0]) or isinstance(nodo.args[0], ast.JoinedStr | ast.BinOp)):
            malas.append(donde)
    return malas


def test_textos_traducibles_son_literales():
    assert _llamadas_no_extraibles("nucleo") + _llamadas_no_extraibles("ui") == []


def test_traducir_solo_recibe_etiquetas_marcadas():
    assert _traducir_mal_usado("nucleo") + _traducir_mal_usado("ui") == []


def test_sin_catalogo_el_texto_queda_en_espanol():
    i18n.instalar("es_PY")
    assert i18n._("Territorios") == "Territorios"
    assert i18n.n_("territorio", "territorios", 2) == "territorios"
    i18n.instalar("en")  # no English catalogue is shipped: falls back to the Spanish source
    assert i18n._("Territorios") == "Territorios"
    i18n.instalar(None)


def test_marcador_diferido_devuelve_el_texto_fuente():
    assert i18n.N_("Propuesto") == "Propuesto"
    assert i18n.traducir("") == ""  # gettext("") would be the catalogue header


# -- catálogo de prueba, de punta a punta ----------------------------------------------------------------
TRADUCCIONES = {
    "Ya hay un territorio llamado «{nombre}». Use otro nombre.":
        "There is already a territory called «{nombre}». Use another name.",
    "Revise los datos marcados:": "Check the marked fields:",
    "el estado": "the status",
    "Elija {etiqueta} entre: {validas}.": "Choose {etiqueta} from: {validas}.",
    # Labels marked with N_() in nucleo.modelo and nucleo.calendario.
    "Propuesto": "Proposed",
    "Seleccionado": "Selected",
    "En intervención": "Under way",
    "Finalizado": "Finished",
    "Urbano": "Urban",
    "Cumplida": "Done",
    ("{n} polígono", "{n} polígonos"): ("{n} polygon", "{n} polygons"),
    ("{n} vértice", "{n} vértices"): ("{n} vertex", "{n} vertices"),
}


@pytest.fixture
def catalogo_ingles(tmp_path):
    """Un articula.mo en inglés escrito en una carpeta temporal e instalado como lo hace el programa."""
    catalogo = Catalog(locale="en", domain=i18n.DOMINIO)
    for msgid, texto in TRADUCCIONES.items():
        catalogo.add(msgid, texto)
    carpeta = tmp_path / "traducciones"
    destino = carpeta / "en" / "LC_MESSAGES"
    destino.mkdir(parents=True)
    with open(destino / f"{i18n.DOMINIO}.mo", "wb") as archivo:
        write_mo(archivo, catalogo)
    i18n.instalar("en", carpeta)
    try:
        yield
    finally:
        i18n.instalar(None)


def test_catalogo_instalado_traduce_servicios_y_etiquetas(expediente_demo, catalogo_ingles):
    mid = expediente_demo.municipio_id
    with expediente_demo.sesion() as s:
        # A service message with a placeholder, and a Validador message that lists N_()-marked labels.
        with pytest.raises(ErroresDeValidacion) as info:
            crear_territorio(s, mid, DatosTerritorio(nombre="Barrio San Miguel", estado="otro"))
        errores = info.value.errores
        assert errores["nombre"] == "There is already a territory called «Barrio San Miguel». Use another name."
        assert errores["estado"] == "Choose the status from: Proposed, Selected, Under way, Finished."
        assert info.value.mensaje == "Check the marked fields:"
        # Labels evaluated at import (N_) come out translated in the rows the services build.
        filas = {f.nombre: f for f in listar_territorios(s, mid, hoy=HOY)}
        assert filas["Barrio San Miguel"].tipo_texto == "Urban"
        assert filas["Comunidad Yvy Porã"].estado_texto == "Selected"
        etapas = resumen_ruta(s, filas["Barrio San Miguel"].id, HOY).etapas
        assert etapas[0].estado_texto == etapas[0].semaforo_texto == "Done"
    # Plurals go through n_().
    cuadrado = '{"type": "Polygon", "coordinates": [[[-57, -25], [-57, -26], [-58, -26], [-57, -25]]]}'
    assert describir_limite(cuadrado) == "1 polygon, 4 vertices"
    i18n.instalar(None)
    assert describir_limite(cuadrado) == "1 polígono, 4 vértices"
