"""La CLI de punta a punta, como la usa una persona: `python main.py …` en un proceso aparte."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
HOY = "2026-11-18"
CONTEOS_DEMO = {"territorios": 5, "etapas": 40}


@pytest.fixture
def entorno(carpeta_datos) -> dict[str, str]:
    env = dict(os.environ)
    env.update(ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return env


@pytest.fixture
def correr(entorno):
    def _correr(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", *map(str, args)],
            cwd=RAIZ, env=entorno, capture_output=True, text=True, encoding="utf-8", timeout=120,
        )

    return _correr


@pytest.fixture
def demo(correr, tmp_path) -> Path:
    ruta = tmp_path / "Villeta.articula"
    r = correr("demo", ruta, "--hoy", HOY)
    assert r.returncode == 0, r.stderr
    return ruta


def _error_de_usuario(r: subprocess.CompletedProcess[str], *fragmentos: str) -> None:
    """Salida 2, un mensaje en español en stderr y ninguna traza."""
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    assert r.stderr.strip()
    for fragmento in fragmentos:
        assert fragmento in r.stderr, r.stderr


def _info_json(correr, ruta: Path) -> dict:
    r = correr("info", ruta, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _integridad(ruta: Path) -> list[tuple]:
    con = sqlite3.connect(ruta)
    try:
        return con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------- éxito


def test_version(correr):
    for opcion in ("--version", "-V"):
        r = correr(opcion)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == "Articula 0.1.0"


def test_ayuda_en_espanol(correr):
    r = correr("--help")
    assert r.returncode == 0
    assert r.stdout.startswith("uso: ")
    for palabra in ("opciones", "comandos", "demo", "info", "respaldar", "muestra esta ayuda y termina"):
        assert palabra in r.stdout
    for ingles in ("usage:", "positional arguments", "show this help"):
        assert ingles not in r.stdout
    r = correr("respaldar", "--help")
    assert r.returncode == 0
    assert "argumentos" in r.stdout and "DESTINO" in r.stdout and "usage" not in r.stdout


def test_demo_info_respaldar_y_la_copia_es_igual(correr, demo, tmp_path):
    r = correr("info", demo)
    assert r.returncode == 0, r.stderr
    assert "Villeta" in r.stdout and "Central" in r.stdout and "1116" in r.stdout
    assert "Articula 0.1.0" in r.stdout
    # An aligned block: label, at least two spaces, value.
    lineas = dict(re.findall(r"^ *(\S.*?) {2,}(\S.*)$", r.stdout, flags=re.M))
    assert lineas["Municipio"] == "Villeta" and lineas["Departamento"] == "Central"
    assert lineas["Territorios"] == "5"
    assert lineas["Etapas de la hoja de ruta"] == "40"

    datos = _info_json(correr, demo)
    assert datos["municipio"]["nombre"] == "Villeta"
    assert datos["municipio"]["departamento"] == "Central"
    assert datos["municipio"]["clave_ine"] == "1116"
    assert datos["municipio"]["coordinador"] and datos["municipio"]["intendente"]
    assert {k: datos["conteos"][k] for k in CONTEOS_DEMO} == CONTEOS_DEMO
    assert datos["version_programa"] == "0.1.0"
    assert datos["esquema"]["archivo"] == datos["esquema"]["programa"]
    assert datos["bloqueado"] is False and datos["migrado"] is False
    assert datos["tamano_bytes"] == demo.stat().st_size
    assert all(k.isascii() for k in datos) and all(k.isascii() for k in datos["conteos"])

    # To a folder: the copy is named after the expediente and the moment.
    carpeta = tmp_path / "respaldos"
    carpeta.mkdir()
    r = correr("respaldar", demo, carpeta)
    assert r.returncode == 0, r.stderr
    copias = list(carpeta.glob("Villeta_*.articula"))
    assert len(copias) == 1
    assert str(copias[0]) in r.stdout
    # To a file: the name given, with the extension added.
    r = correr("respaldar", demo, tmp_path / "otra" / "copia")
    assert r.returncode == 0, r.stderr
    copia = tmp_path / "otra" / "copia.articula"
    assert copia.is_file()
    assert str(copia) in r.stdout

    for c in (copias[0], copia):
        assert _integridad(c) == [("ok",)]
        assert _info_json(correr, c)["conteos"] == datos["conteos"]


def test_info_no_crea_respaldos(correr, demo, carpeta_datos):
    antes = sorted((carpeta_datos / "respaldos").rglob("*.articula")) if (carpeta_datos / "respaldos").exists() \
        else []
    assert correr("info", demo).returncode == 0
    assert correr("info", demo, "--json").returncode == 0
    despues = sorted((carpeta_datos / "respaldos").rglob("*.articula")) \
        if (carpeta_datos / "respaldos").exists() else []
    assert despues == antes


def test_respaldar_mientras_otro_proceso_lo_tiene_abierto(correr, demo, tmp_path):
    from nucleo.almacen.expediente import Expediente
    from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

    exp = Expediente.abrir(demo)
    try:
        assert not exp.solo_lectura
        with exp.transaccion() as s:
            crear_territorio(s, exp.municipio_id, DatosTerritorio(nombre="Barrio Nuevo", tipo="urbano"))
        r = correr("respaldar", demo, tmp_path / "en_uso.articula")
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr
        r = correr("info", demo, "--json")
        assert r.returncode == 0, r.stderr
        datos = json.loads(r.stdout)
        assert datos["bloqueado"] is True
        assert datos["conteos"]["territorios"] == 6
    finally:
        exp.cerrar()
    copia = tmp_path / "en_uso.articula"
    assert _integridad(copia) == [("ok",)]
    # The copy holds what the other program had already saved.
    assert _info_json(correr, copia)["conteos"]["territorios"] == 6


# ---------------------------------------------------------------------------------------------- errores del usuario


def test_info_de_un_archivo_que_no_existe(correr, tmp_path):
    falta = tmp_path / "no_existe.articula"
    _error_de_usuario(correr("info", falta), "No se encontró el archivo")
    assert not falta.exists()
    _error_de_usuario(correr("respaldar", falta, tmp_path), "No se encontró el archivo")


def test_info_de_un_texto_con_extension_articula(correr, tmp_path):
    falso = tmp_path / "notas.articula"
    falso.write_text("Esto es una nota, no un expediente.\n", encoding="utf-8")
    _error_de_usuario(correr("info", falso), "no es un expediente de Articula")
    assert falso.read_text(encoding="utf-8") == "Esto es una nota, no un expediente.\n"


def test_info_de_otra_base_sqlite(correr, tmp_path):
    ajena = tmp_path / "ajena.articula"
    con = sqlite3.connect(ajena)
    con.execute("CREATE TABLE clientes (id INTEGER PRIMARY KEY, nombre TEXT)")
    con.commit()
    con.close()
    _error_de_usuario(correr("info", ajena), "no un expediente de Articula")
    # Someone else's database is left exactly as it was: not switched to WAL, no lock file beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ajena.articula"]
    with sqlite3.connect(ajena) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_demo_no_sobrescribe(correr, demo):
    antes = demo.read_bytes()
    _error_de_usuario(correr("demo", demo), "Ya existe")
    _error_de_usuario(correr("demo", demo.with_suffix("")), "Ya existe")  # the extension is added, same file
    assert demo.read_bytes() == antes


def test_demo_con_fecha_mal_escrita(correr, tmp_path):
    r = correr("demo", tmp_path / "x.articula", "--hoy", "31/02/2026")
    _error_de_usuario(r, "no existe", "--hoy")
    assert not (tmp_path / "x.articula").exists()


def test_respaldar_con_opcion_desconocida(correr, demo, tmp_path):
    r = correr("respaldar", demo, tmp_path, "--comprimir")
    _error_de_usuario(r, "argumentos no reconocidos: --comprimir", "uso: ")
    assert "usage" not in r.stderr and "error: unrecognized" not in r.stderr


def test_argumentos_faltantes(correr):
    r = correr("info")
    _error_de_usuario(r, "faltan estos argumentos")
    assert r.stdout == ""
    _error_de_usuario(correr("respaldar", "x.articula"), "faltan estos argumentos: DESTINO")


def test_respaldar_no_sobrescribe_ni_se_copia_sobre_si_mismo(correr, demo, tmp_path):
    destino = tmp_path / "copia.articula"
    destino.write_text("algo que no se debe perder", encoding="utf-8")
    _error_de_usuario(correr("respaldar", demo, destino), "Ya existe")
    assert destino.read_text(encoding="utf-8") == "algo que no se debe perder"
    _error_de_usuario(correr("respaldar", demo, demo), "mismo expediente")


def test_expediente_de_una_version_mas_nueva(correr, demo):
    con = sqlite3.connect(demo)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    _error_de_usuario(correr("info", demo), "versión más nueva")
    _error_de_usuario(correr("respaldar", demo, demo.parent / "copia"), "versión más nueva")
    con = sqlite3.connect(demo)
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]  # untouched
    con.close()


def test_un_expediente_que_debe_actualizarse_lo_avisa(correr, tmp_path, carpeta_datos):
    # An expediente of Articula with no schema yet: opening it migrates it, after a backup, and says so.
    from nucleo.almacen.motor import APPLICATION_ID

    viejo = tmp_path / "viejo.articula"
    con = sqlite3.connect(viejo)
    con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    con.execute("CREATE TABLE nota (texto TEXT)")
    con.commit()
    con.close()
    r = correr("info", viejo)
    # It has no municipality, so info cannot describe it; but the update was announced, not silent.
    _error_de_usuario(r, "se actualizará", "no tiene datos del municipio")
    assert list((carpeta_datos / "respaldos" / "viejo").glob("*antes-de-migrar.articula"))


# ---------------------------------------------------------------------------------------------- sin Qt, errores del programa


def test_la_cli_nunca_importa_qt(entorno, demo):
    for llamada in ("main.main(['x', '--version'])", f"main.main(['x', 'info', {str(demo)!r}])"):
        codigo = f"import sys, main; {llamada}; print('PySide6' in sys.modules)"
        r = subprocess.run([sys.executable, "-c", codigo], cwd=RAIZ, env=entorno, capture_output=True,
                           text=True, encoding="utf-8", timeout=120)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip().splitlines()[-1] == "False"


@pytest.fixture
def registro_aislado(monkeypatch):
    """Lo que `configurar()` instala en el registro raíz de este proceso se quita al terminar la prueba."""
    import logging

    from nucleo import registro

    raiz = logging.getLogger()
    antes, nivel = list(raiz.handlers), raiz.level
    monkeypatch.setattr(registro, "_manejador", None)
    yield
    for manejador in [h for h in raiz.handlers if h not in antes]:
        raiz.removeHandler(manejador)
        manejador.close()
    raiz.setLevel(nivel)
    logging.captureWarnings(False)


def test_error_inesperado_queda_en_el_registro(monkeypatch, capsys, carpeta_datos, tmp_path, registro_aislado):
    import nucleo.cli as cli

    def fallar(_args):
        raise RuntimeError("falla de prueba")

    monkeypatch.setattr(cli, "_info", fallar)  # a bug inside the command
    assert cli.main(["articula", "info", str(tmp_path / "x.articula")]) == 1
    err = capsys.readouterr().err
    assert "Ocurrió un error inesperado" in err and "Traceback" not in err
    registro = carpeta_datos / "registros" / "articula.log"
    assert str(registro) in err
    texto = registro.read_text(encoding="utf-8")
    assert "RuntimeError: falla de prueba" in texto and "Traceback" in texto


def test_main_sin_subcomando_abre_la_ventana(monkeypatch):
    # Without a subcommand main.py hands the arguments (without the program name) to the window.
    import types

    import main

    recibido = []
    falso = types.ModuleType("ui.app")
    falso.main = lambda argv: recibido.append(argv) or 0
    monkeypatch.setitem(sys.modules, "ui.app", falso)
    assert main.main(["main.py", "expediente.articula"]) == 0
    assert main.main(["main.py", "--demo"]) == 0
    assert recibido == [["expediente.articula"], ["--demo"]]

