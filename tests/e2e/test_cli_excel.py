"""`exportar` e `importar` desde la consola, en un proceso aparte, como los usa una persona."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

RAIZ = Path(__file__).resolve().parents[2]
PLANILLAS = RAIZ.parent / "shared" / "datos" / "planillas_reales"


@pytest.fixture
def correr(carpeta_datos):
    env = dict(os.environ, ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")

    def _correr(*args, opciones=()):
        return subprocess.run([sys.executable, *opciones, "main.py", *map(str, args)], cwd=RAIZ, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)

    return _correr


@pytest.fixture
def demo(correr, tmp_path) -> Path:
    ruta = tmp_path / "Villeta.articula"
    r = correr("demo", ruta, "--hoy", "2026-11-18")
    assert r.returncode == 0, r.stderr
    return ruta


def _error_de_usuario(r) -> str:
    """El mensaje de un error que el usuario puede corregir: código 2, en español, sin traza."""
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stdout + r.stderr
    return r.stderr


def _huella(ruta: Path) -> str:
    return hashlib.sha256(ruta.read_bytes()).hexdigest()


def _conteos(correr, ruta) -> dict:
    import json

    r = correr("info", ruta, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["conteos"]


def test_ida_y_vuelta_por_la_consola(correr, demo, tmp_path):
    for tabla in ("actores", "oportunidades"):
        r = correr("exportar", demo, "--tabla", tabla, "--salida", tmp_path / tabla)
        assert r.returncode == 0, r.stderr
        assert str(tmp_path / f"{tabla}.xlsx") in r.stdout and r.stdout.startswith("Se exportaron ")
    antes = [c.value for c in load_workbook(tmp_path / "actores.xlsx")["Actores"]["A"]]
    # Into another demo expediente: the same actors are already there.
    otro = tmp_path / "Otro.articula"
    assert correr("demo", otro, "--hoy", "2026-11-18").returncode == 0
    # Same names: every row is refused, and the report says where.
    r = correr("importar", otro, "--tabla", "actores", tmp_path / "actores.xlsx")
    mensaje = _error_de_usuario(r)
    assert "No se importó nada: hay " in mensaje and "Hoja «Actores», fila 2, columna A (Nombre): Ya hay un actor" in mensaje, mensaje
    assert r.stdout == ""
    # Skipping what is already there: nothing new, nothing written.
    r = correr("importar", otro, "--tabla", "actores", tmp_path / "actores.xlsx", "--omitir-existentes")
    assert r.returncode == 0, r.stderr
    assert f"Se saltaron {len(antes) - 1} actores" in r.stdout

    # A renamed copy goes in whole, then the opportunities that name those actors.
    wb = load_workbook(tmp_path / "actores.xlsx")
    ws = wb["Actores"]
    for fila in ws.iter_rows(min_row=2):
        for celda in (fila[0], fila[5]):  # the name and «Pertenece a»
            if celda.value:
                celda.value = f"{celda.value} (copia)"
    wb.save(tmp_path / "copia.xlsx")
    conteos = _conteos(correr, otro)
    r = correr("importar", otro, "--tabla", "actores", tmp_path / "copia.xlsx")
    assert r.returncode == 0, r.stderr
    assert f"Se importaron {len(antes) - 1} actores de «copia.xlsx» (hoja «Actores», encabezados en la fila 1)" \
        in r.stdout
    assert "Columnas:" not in r.stdout  # its own workbook: nothing to explain
    assert _conteos(correr, otro)["actores"] == conteos["actores"] + len(antes) - 1


def test_un_error_en_la_planilla_no_escribe_nada(correr, demo, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Nombre", "Interés", "Correo", "Territorios"])
    ws.append(["Club Nuevo", 3, "club@ejemplo.py", "Barrio San Miguel"])
    ws.append(["Comité Nuevo", "muchísimo", "sin-arroba", "Barrio Inventado"])
    ws.append([None, 2, None, None])
    wb.save(tmp_path / "nuevos.xlsx")
    conteos = _conteos(correr, demo)
    r = correr("importar", demo, "--tabla", "actores", tmp_path / "nuevos.xlsx")
    mensaje = _error_de_usuario(r)
    assert "No se importó nada: hay 4 problemas en «nuevos.xlsx»." in mensaje and "Hoja «Sheet», fila 3, columna B (Interés)" in mensaje and "Hoja «Sheet», fila 3, columna B (Interés): «muchísimo» no es un valor de la escala" in mensaje and "Hoja «Sheet», fila 3, columna C (Correo): El correo no parece válido" in mensaje and "Hoja «Sheet», fila 3, columna D (Territorios): No hay un territorio llamado «Barrio Inventado»" in mensaje and "Hoja «Sheet», fila 4, columna A (Nombre): Falta «Nombre»" in mensaje and "mientras haya un problema no se guarda ninguna fila" in mensaje, mensaje
    assert _conteos(correr, demo) == conteos  # not one actor more, and no audit record either


def test_planillas_ajenas(correr, demo):
    r = correr("importar", demo, "--tabla", "actores", PLANILLAS / "matriz_stakeholders_CLV.xlsx")
    assert r.returncode == 0, r.stderr
    assert "Se importaron 10 actores" in r.stdout and "encabezados en la fila 5" in r.stdout
    assert "B (Interesado) → Nombre" in r.stdout and "G (Actitud actual) → Postura" in r.stdout
    assert "Aviso: Columna E (Interés): las palabras se pasaron a la escala de 1 a 5" in r.stdout
    r = correr("importar", demo, "--tabla", "oportunidades", PLANILLAS / "sv_alcaldia_plantilla_poa.xlsx")
    mensaje = _error_de_usuario(r)
    assert "no parece una planilla de «Mapa de Oportunidades»" in mensaje, mensaje


def test_archivos_que_no_sirven(correr, demo, tmp_path):
    texto = tmp_path / "notas.xlsx"
    texto.write_text("no soy una planilla", encoding="utf-8")
    mensaje = _error_de_usuario(correr("importar", demo, "--tabla", "actores", texto))
    assert "no es un libro de Excel .xlsx" in mensaje, mensaje
    mensaje = _error_de_usuario(correr("importar", demo, "--tabla", "actores", tmp_path / "falta.xlsx"))
    assert "No se encontró" in mensaje, mensaje
    mensaje = _error_de_usuario(correr("importar", demo, "--tabla", "territorios", texto))
    assert "opción no válida" in mensaje, mensaje


def test_la_plantilla_y_no_sobrescribir(correr, demo, tmp_path):
    destino = tmp_path / "plantilla.xlsx"
    r = correr("exportar", demo, "--tabla", "oportunidades", "--salida", destino, "--plantilla")
    assert r.returncode == 0, r.stderr
    assert "Plantilla en blanco guardada" in r.stdout
    assert load_workbook(destino)["Oportunidades"].max_row == 1
    huella = _huella(destino)
    mensaje = _error_de_usuario(correr("exportar", demo, "--tabla", "actores", "--salida", destino))
    assert "Ya existe" in mensaje and "--forzar" in mensaje, mensaje
    assert _huella(destino) == huella
    r = correr("exportar", demo, "--tabla", "actores", "--salida", destino, "--forzar")
    assert r.returncode == 0, r.stderr
    assert load_workbook(destino).sheetnames[0] == "Actores"
    # A blank template imports nothing: it says so.
    mensaje = _error_de_usuario(correr("importar", demo, "--tabla", "oportunidades", tmp_path / "otra.xlsx"))
    assert "No se encontró" in mensaje, mensaje
    r = correr("exportar", demo, "--tabla", "actores", "--salida", tmp_path / "vacia.xlsx", "--plantilla")
    assert r.returncode == 0
    mensaje = _error_de_usuario(correr("importar", demo, "--tabla", "actores", tmp_path / "vacia.xlsx"))
    assert "no tiene filas con datos" in mensaje, mensaje


def test_opciones_que_no_van_juntas(correr, demo, tmp_path):
    mensaje = _error_de_usuario(correr("exportar", demo, "--tabla", "actores", "--salida", tmp_path / "a.pdf"))
    assert "--pdf" in mensaje, mensaje
    mensaje = _error_de_usuario(correr("exportar", demo, "--tabla", "actores", "--salida", tmp_path / "a.xlsx",
                             "--vista", "grilla"))
    assert "--pdf" in mensaje, mensaje
    mensaje = _error_de_usuario(correr("exportar", demo, "--tabla", "actores", "--salida", tmp_path / "a.pdf", "--pdf",
                             "--plantilla"))
    assert "--plantilla" in mensaje, mensaje
    mensaje = _error_de_usuario(correr("exportar", demo, "--tabla", "oportunidades", "--salida", tmp_path / "a.pdf",
                             "--pdf", "--vista", "grilla"))
    assert "catalogo" in mensaje, mensaje
    mensaje = _error_de_usuario(correr("exportar", demo, "--tabla", "actores", "--salida", tmp_path / "no" / "a.xlsx"))
    assert "No existe la carpeta" in mensaje, mensaje
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".xlsx", ".pdf")]


def test_openpyxl_y_reportlab_se_cargan_solo_al_usarlos(correr):
    for args in (("--version",), ("exportar", "--help"), ("importar", "--help")):
        r = correr(*args, opciones=("-X", "importtime"))
        assert r.returncode == 0, r.stderr
        modulos = {linea.rsplit("|", 1)[-1].strip() for linea in r.stderr.splitlines() if "|" in linea}
        assert "nucleo.cli" in modulos or args == ("--version",)
        for pesado in ("openpyxl", "reportlab", "sqlalchemy", "PySide6"):
            assert not any(m == pesado or m.startswith(pesado + ".") for m in modulos), (args, pesado)


def _datos(ruta: Path, hoja: str) -> list[tuple]:
    return [tuple(f) for f in load_workbook(ruta)[hoja].iter_rows(values_only=True)]


def test_exportar_importar_en_uno_nuevo_y_exportar_de_nuevo_da_la_misma_planilla(correr, demo, tmp_path):
    from nucleo.almacen.expediente import Expediente
    from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
    from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

    for tabla in ("actores", "oportunidades"):
        assert correr("exportar", demo, "--tabla", tabla, "--salida", tmp_path / f"{tabla}.xlsx").returncode == 0
    # Territories are not part of these tables: the new expediente gets the same names beforehand.
    exp = Expediente.abrir(demo, respaldar=False)
    try:
        from nucleo.exportar.excel.referencias import referidos

        with exp.sesion() as s:
            territorios = [r.nombre for r in referidos(s, exp.municipio_id, "territorio")]
    finally:
        exp.cerrar()

    def preparar(s):
        mid = crear_municipio(s, DatosMunicipio(clave_ine="1116", intendente_nombre="I", coordinador_nombre="C"))
        for nombre in territorios:
            crear_territorio(s, mid, DatosTerritorio(nombre=nombre))
        return mid

    nuevo = tmp_path / "Nuevo.articula"
    Expediente.crear(nuevo, preparar).cerrar()
    for tabla in ("actores", "oportunidades"):
        r = correr("importar", nuevo, "--tabla", tabla, tmp_path / f"{tabla}.xlsx")
        assert r.returncode == 0, r.stderr
        assert "Aviso" not in r.stdout
        r = correr("exportar", nuevo, "--tabla", tabla, "--salida", tmp_path / f"{tabla}_otra_vez.xlsx")
        assert r.returncode == 0, r.stderr
        hoja = "Actores" if tabla == "actores" else "Oportunidades"
        assert _datos(tmp_path / f"{tabla}_otra_vez.xlsx", hoja) == _datos(tmp_path / f"{tabla}.xlsx", hoja)


def test_importar_en_un_expediente_abierto_en_otro_programa(correr, demo, tmp_path):
    from nucleo.almacen.expediente import Expediente

    assert correr("exportar", demo, "--tabla", "actores", "--salida", tmp_path / "a.xlsx").returncode == 0
    exp = Expediente.abrir(demo, respaldar=False)
    try:
        mensaje = _error_de_usuario(correr("importar", demo, "--tabla", "actores", tmp_path / "a.xlsx"))
        assert "está abierto por" in mensaje, mensaje
        # Exporting only reads: it works while the other program has it open.
        r = correr("exportar", demo, "--tabla", "oportunidades", "--salida", tmp_path / "o.xlsx")
        assert r.returncode == 0, r.stderr
    finally:
        exp.cerrar()
