"""Lo que el instalador de Windows y la integración con Linux prometen, controlado sin Windows.

El .iss no se puede compilar aquí: se lee como texto (secciones y claves de Inno Setup) y se comprueba lo que el
usuario necesita: que doble clic en un .articula abra Articula con su icono, que la versión llegue de
pyproject.toml, que se instale sin permisos de administrador, que desinstalar no borre nunca los expedientes ni
los respaldos y que una versión nueva se instale encima de la anterior (el mismo AppId).
"""

from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from nucleo.almacen.motor import APPLICATION_ID

RAIZ = Path(__file__).resolve().parents[2]
INSTALADOR = RAIZ / "installer"
ISS = INSTALADOR / "articula.iss"
# The installation's identity in Windows: changing it would install a second copy instead of upgrading.
APP_ID = "{{CAA7B7FF-843E-44F6-A781-2B2D1BB03998}"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _secciones(texto: str) -> dict[str, list[str]]:
    """Las líneas útiles de cada sección del .iss (sin comentarios ni directivas del preprocesador)."""
    secciones: dict[str, list[str]] = {}
    actual = ""
    for linea in texto.splitlines():
        linea = linea.strip()
        if not linea or linea.startswith(";") or linea.startswith("#"):
            continue
        if linea.startswith("[") and linea.endswith("]"):
            actual = linea[1:-1].lower()
            secciones.setdefault(actual, [])
        else:
            secciones.setdefault(actual, []).append(linea)
    return secciones


def _parametros(linea: str) -> dict[str, str]:
    """Los parámetros «Nombre: valor» de una línea, en minúsculas; las comillas dobladas de Inno Setup, simples."""
    resultado: dict[str, str] = {}
    for parte in re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', linea):
        clave, valor = parte
        valor = valor.strip()
        if valor.startswith('"') and valor.endswith('"'):
            valor = valor[1:-1].replace('""', '"')
        resultado[clave.lower()] = valor
    return resultado


def _setup(secciones: dict[str, list[str]]) -> dict[str, str]:
    return {clave.strip().lower(): valor.strip() for clave, _, valor in
            (linea.partition("=") for linea in secciones["setup"])}


@pytest.fixture(scope="module")
def iss() -> dict[str, list[str]]:
    return _secciones(ISS.read_text(encoding="utf-8"))


def test_un_articula_se_abre_con_doble_clic_y_lleva_su_icono(iss):
    assert _setup(iss)["changesassociations"].lower() == "yes"
    claves = {}
    for linea in iss["registry"]:
        p = _parametros(linea)
        assert p["root"] == "HKA", "la asociación va donde corresponde a la instalación (usuario o todos)"
        claves[(p["subkey"].lower(), p.get("valuename", ""))] = p.get("valuedata", "")
    assert claves[("software\\classes\\.articula", "")] == "Articula.Expediente"
    assert claves[("software\\classes\\articula.expediente\\defaulticon", "")] == "{app}\\expediente.ico"
    assert claves[("software\\classes\\articula.expediente\\shell\\open\\command", "")] == (
        '"{app}\\articula.exe" "%1"')
    # The document icon the registry points to is installed, and exists in the repository.
    assert any("expediente.ico" in linea and 'DestDir: "{app}"' in linea for linea in iss["files"])
    assert (INSTALADOR / "iconos" / "expediente.ico").is_file()


def test_la_version_llega_de_afuera_y_no_esta_escrita_en_el_iss():
    texto = ISS.read_text(encoding="utf-8")
    setup = _setup(_secciones(texto))
    assert setup["appversion"] == "{#Version}"
    assert "{#Version}" in setup["outputbasefilename"]
    assert setup["outputbasefilename"] == "Articula-{#Version}-instalador"
    # Only the fallback for a hand compile; build.py passes the real one with /DVersion= from pyproject.toml.
    assert re.search(r"#ifndef Version\s+#define Version \"0\.0\.0\"", texto)


def test_se_instala_por_usuario_sin_pedir_administrador(iss):
    setup = _setup(iss)
    assert setup["privilegesrequired"] == "lowest"
    assert setup["privilegesrequiredoverridesallowed"] == "dialog"
    assert setup["defaultdirname"] == "{autopf}\\Articula"
    assert [_parametros(linea)["messagesfile"] for linea in iss["languages"]] == ["compiler:Languages\\Spanish.isl"]


def test_desinstalar_no_borra_los_expedientes_ni_los_respaldos(iss):
    # The data live in %LOCALAPPDATA%\\Articula (platformdirs), outside {app}: the uninstaller removes only what it
    # installed, so no section may delete files and no line may point at the user's folders.
    assert "uninstalldelete" not in iss and "installdelete" not in iss
    assert "code" not in iss, "un [Code] podría borrar carpetas al desinstalar"
    for seccion, lineas in iss.items():
        for linea in lineas:
            for carpeta in ("{localappdata}", "{userappdata}", "{userdocs}", "{commonappdata}"):
                assert carpeta not in linea.lower(), (seccion, linea)
    assert {_parametros(linea)["destdir"] for linea in iss["files"]} == {"{app}"}


def test_una_version_nueva_se_instala_encima_de_la_anterior(iss):
    setup = _setup(iss)
    assert setup["appid"] == APP_ID
    assert setup["usepreviousappdir"].lower() == "yes"


def test_accesos_directos_del_menu_y_del_escritorio_opcional(iss):
    iconos = [_parametros(linea) for linea in iss["icons"]]
    assert any(i["name"].startswith("{group}") and i["filename"] == "{app}\\articula.exe" for i in iconos)
    escritorio = [i for i in iconos if i["name"].startswith("{autodesktop}")]
    assert len(escritorio) == 1 and escritorio[0].get("tasks")
    tareas = {_parametros(linea)["name"]: _parametros(linea) for linea in iss["tasks"]}
    assert "unchecked" in tareas[escritorio[0]["tasks"]]["flags"]
    origen = [_parametros(linea)["source"] for linea in iss["files"]]
    assert "{#CarpetaDist}\\*" in origen


def test_la_entrada_del_menu_de_linux_abre_los_expedientes():
    entrada = configparser.ConfigParser(interpolation=None, strict=True)
    entrada.optionxform = str  # keys are case-sensitive in .desktop files
    entrada.read(INSTALADOR / "linux" / "articula.desktop", encoding="utf-8")
    d = entrada["Desktop Entry"]
    assert d["Type"] == "Application"
    assert d["Name"] == "Articula"
    assert d["GenericName"] and d["Comment"]
    assert d["Exec"] == "articula %f"
    assert d["Icon"] == "articula"
    assert d["MimeType"] == "application/x-articula;"
    assert d["Categories"].endswith(";") and "Office" in d["Categories"].split(";")


def test_el_tipo_mime_reconoce_un_expediente_por_nombre_y_por_contenido():
    raiz = ET.parse(INSTALADOR / "linux" / "articula-mime.xml").getroot()
    tipo = raiz.find(f"{MIME}mime-type")
    assert tipo is not None and tipo.get("type") == "application/x-articula"
    assert [g.get("pattern") for g in tipo.findall(f"{MIME}glob")] == ["*.articula"]
    cabecera = tipo.find(f"{MIME}magic/{MIME}match")
    assert cabecera.get("offset") == "0" and cabecera.get("value").startswith("SQLite format 3")
    marca = cabecera.find(f"{MIME}match")
    # PRAGMA application_id sits at byte 68 of the SQLite header, big-endian: the value the program writes.
    assert (marca.get("type"), marca.get("offset")) == ("big32", "68")
    assert int(marca.get("value"), 16) == APPLICATION_ID


def test_el_tipo_mime_coincide_con_un_expediente_real(tmp_path):
    import sqlite3

    ruta = tmp_path / "x.articula"
    with sqlite3.connect(ruta) as con:
        con.execute(f"PRAGMA application_id={APPLICATION_ID}")
        con.execute("CREATE TABLE t (x)")
    con.close()
    cabecera = ruta.read_bytes()[:100]
    assert cabecera[:16] == b"SQLite format 3\x00"
    assert int.from_bytes(cabecera[68:72], "big") == APPLICATION_ID


def _lado_png(ruta: Path) -> tuple[int, int]:
    cabecera = ruta.read_bytes()[:24]
    assert cabecera[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(cabecera[16:20], "big"), int.from_bytes(cabecera[20:24], "big")


def _lados_ico(ruta: Path) -> set[int]:
    # ICONDIR (6 bytes: reserved, type 1, count) and one 16-byte entry per image; a width byte of 0 means 256.
    datos = ruta.read_bytes()
    assert datos[:4] == b"\x00\x00\x01\x00"
    cantidad = int.from_bytes(datos[4:6], "little")
    return {datos[6 + 16 * i] or 256 for i in range(cantidad)}


def test_los_iconos_estan_en_todos_los_tamanos():
    for nombre in ("articula", "expediente"):
        assert (INSTALADOR / "iconos" / f"{nombre}.svg").is_file()
        for lado in (16, 24, 32, 48, 64, 128, 256, 512):
            assert _lado_png(INSTALADOR / "iconos" / f"{nombre}-{lado}.png") == (lado, lado)
        assert _lados_ico(INSTALADOR / "iconos" / f"{nombre}.ico") >= {16, 24, 32, 48, 64, 128, 256}
    assert _lado_png(RAIZ / "recursos" / "iconos" / "articula.png") == (256, 256)
