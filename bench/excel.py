"""Exportar e importar la matriz de actores en Excel frente a openpyxl «crudo» con los mismos datos.

    python bench/excel.py [--actores 10000] [-n 3] [--json] [--conservar CARPETA]

Genera un expediente sintético (bench/generar.py) con N actores y completa sus campos de la matriz (tipo,
nivel, interés, influencia, postura, rol, recursos, pertenencia y territorios) para que la planilla tenga de
todo. Después mide, en este proceso y con la mediana de `-n` repeticiones:

- **Exportar** (`exportar_excel`: consulta + planilla con estilos, formatos, listas, instrucciones) frente a
  **openpyxl solo escritura** que escribe los mismos valores de celda (ya calculados) sin nada más. También la
  parte de escritura sola (`escribir_libro` con las filas ya leídas).
- **Importar con validación** (`leer_libro` + `importar` en un expediente nuevo con los mismos territorios: cada
  lote por `crear_actores`, que valida cada fila con las mismas reglas, con su auditoría, todo en una transacción que se confirma) frente a
  **openpyxl solo lectura** que recorre las mismas celdas del mismo archivo. También la parte de lectura y
  revisión de celdas sola (`leer_libro` + `previsualizar` de todas las filas, sin escribir).

Objetivos del issue 3: exportar ≤ 1,5× y importar con validación ≤ 2× de openpyxl crudo.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:
    sys.path.insert(0, str(RAIZ))

from bench.generar import generar  # noqa: E402


def _completar(ruta: Path, semilla: int) -> None:
    """Llena los campos de la matriz que generar.py deja por omisión (en bloque: es preparación, no medición)."""
    from sqlalchemy import insert, select, update

    from nucleo.almacen.expediente import Expediente
    from nucleo.modelo import Actor, Territorio
    from nucleo.modelo.actor import NIVELES, POSTURAS, actor_territorio

    r = random.Random(semilla)
    exp = Expediente.abrir(ruta, respaldar=False)
    try:
        with exp.transaccion() as s:
            actores = list(s.execute(select(Actor.id, Actor.categoria).where(Actor.municipio_id == exp.municipio_id)))
            territorios = list(s.scalars(select(Territorio.id).where(Territorio.municipio_id == exp.municipio_id)))
            instituciones = [i for i, c in actores if c != "comunidad"][:200]
            cambios, enlaces = [], []
            for i, categoria in actores:
                persona = r.random() < 0.15 and i not in instituciones
                cambios.append({
                    "id": i, "tipo": "persona" if persona else ("institucion" if categoria != "comunidad"
                                                                 else "organizacion"),
                    "nivel": r.choice(list(NIVELES)), "interes": r.randint(1, 5), "influencia": r.randint(1, 5),
                    "postura": r.choice(list(POSTURAS)),
                    "rol": "Participa en la mesa territorial y difunde las convocatorias." if r.random() < 0.5 else "",
                    "recursos": "Local para reuniones; trabajo voluntario." if r.random() < 0.3 else "",
                    "institucion_id": r.choice(instituciones) if persona and instituciones else None,
                    "cargo": "Referente" if persona else "",
                })
                enlaces += [{"actor_id": i, "territorio_id": t}
                            for t in r.sample(territorios, k=min(len(territorios), r.choice((0, 1, 1, 2))))]
            s.execute(update(Actor), cambios)  # ORM bulk UPDATE by primary key
            if enlaces:
                s.execute(insert(actor_territorio), enlaces)
    finally:
        exp.cerrar()


def _nuevo(ruta: Path, territorios: list[str]):
    from nucleo.almacen.expediente import Expediente
    from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
    from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

    def preparar(s):
        mid = crear_municipio(s, DatosMunicipio(clave_ine="1109", intendente_nombre="Intendente Ejemplo",
                                                coordinador_nombre="Coordinadora Ejemplo"))
        for nombre in territorios:
            crear_territorio(s, mid, DatosTerritorio(nombre=nombre))
        return mid

    return Expediente.crear(ruta, preparar)


def _cronometrar(funcion) -> tuple[float, object]:
    gc.collect()
    t0 = time.perf_counter()
    resultado = funcion()
    return time.perf_counter() - t0, resultado


def correr(actores: int, n: int, carpeta: Path) -> dict:
    from openpyxl import Workbook, load_workbook

    from nucleo.almacen.expediente import Expediente
    from nucleo.exportar.excel import esquema_de, exportar_excel
    from nucleo.exportar.excel.escribir import escribir_libro, listas_de, valor_para_hoja
    from nucleo.exportar.excel.referencias import referidos
    from nucleo.importar import importar, leer_libro, previsualizar

    fuente = carpeta / "fuente.articula"
    t0 = time.perf_counter()
    generar(fuente, territorios=50, actores=actores, documentos=0, dias_especiales=0, semilla=1)
    _completar(fuente, 1)
    preparacion = time.perf_counter() - t0
    esquema = esquema_de("actores")
    archivo = carpeta / "actores.xlsx"
    exp = Expediente.abrir(fuente, respaldar=False)
    with exp.sesion() as s:
        mid = exp.municipio_id
        exportar_excel(s, mid, esquema, archivo)  # imports and caches out of the timing
        filas = list(esquema.filas(s, mid))
        listas = listas_de(s, mid, esquema)
        territorios = [r.nombre for r in referidos(s, mid, "territorio")]
    valores = [[valor_para_hoja(c, f.get(c.campo)) for c in esquema.columnas] for f in filas]
    encabezados = [c.titulo for c in esquema.columnas]

    def crudo_escribir():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Actores")
        ws.append(encabezados)
        for v in valores:
            ws.append(v)
        wb.save(carpeta / "crudo.xlsx")

    def crudo_leer():
        wb = load_workbook(archivo, read_only=True, data_only=True)
        try:
            return sum(1 for _f in wb["Actores"].iter_rows(values_only=True))
        finally:
            wb.close()

    def revisar():
        lectura = leer_libro(archivo, esquema)
        return previsualizar(lectura, n=lectura.total)

    # Each repetition runs every variant once, one after the other: a busy moment of the machine weighs on all.
    medidas: dict[str, list[float]] = {}
    for i in range(n):
        with exp.sesion() as s:
            medidas.setdefault("exportar", []).append(
                _cronometrar(lambda s=s: exportar_excel(s, mid, esquema, carpeta / "exportado.xlsx"))[0])
        medidas.setdefault("escritura", []).append(_cronometrar(
            lambda: escribir_libro(carpeta / "escritura.xlsx", esquema, filas, len(filas), listas))[0])
        medidas.setdefault("crudo_escribir", []).append(_cronometrar(crudo_escribir)[0])
        tiempo, leidas = _cronometrar(crudo_leer)
        medidas.setdefault("crudo_leer", []).append(tiempo)
        tiempo, previa = _cronometrar(revisar)
        medidas.setdefault("revisar", []).append(tiempo)
        assert len(previa) == actores and not any(p.problemas for p in previa)
        destino = _nuevo(carpeta / f"destino_{i}.articula", territorios)
        try:
            gc.collect()
            t0 = time.perf_counter()
            lectura = leer_libro(archivo, esquema)
            t1 = time.perf_counter()
            with destino.transaccion() as s:
                r = importar(s, destino.municipio_id, lectura)
            t2 = time.perf_counter()
            assert r.ok and r.creados == actores, r.problemas[:5]
        finally:
            destino.cerrar()
        medidas.setdefault("importar", []).append(t2 - t0)
        medidas.setdefault("importar_lectura", []).append(t1 - t0)
        medidas.setdefault("importar_servicios", []).append(t2 - t1)
    exp.cerrar()
    m = {k: statistics.median(v) for k, v in medidas.items()}
    return {
        "actores": actores, "repeticiones": n, "preparacion_s": round(preparacion, 2),
        "archivo_kb": round(archivo.stat().st_size / 1024), "filas_leidas_crudo": leidas - 1,
        "exportar_s": round(m["exportar"], 3), "exportar_escritura_s": round(m["escritura"], 3),
        "crudo_escribir_s": round(m["crudo_escribir"], 3),
        "relacion_exportar": round(m["exportar"] / m["crudo_escribir"], 2),
        "relacion_exportar_escritura": round(m["escritura"] / m["crudo_escribir"], 2),
        "importar_s": round(m["importar"], 3), "importar_lectura_s": round(m["importar_lectura"], 3),
        "importar_servicios_s": round(m["importar_servicios"], 3), "revisar_sin_escribir_s": round(m["revisar"], 3),
        "crudo_leer_s": round(m["crudo_leer"], 3),
        "relacion_importar": round(m["importar"] / m["crudo_leer"], 2),
        "relacion_revisar_sin_escribir": round(m["revisar"] / m["crudo_leer"], 2),
    }


def _argumentos(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python bench/excel.py",
                                description="Exportar/importar actores en Excel frente a openpyxl crudo.")
    p.add_argument("--actores", type=int, default=10_000, help="cantidad de actores (10000)")
    p.add_argument("-n", type=int, default=3, help="repeticiones por medición; se informa la mediana (3)")
    p.add_argument("--json", action="store_true", help="una línea JSON al final con todos los valores")
    p.add_argument("--conservar", type=Path, metavar="CARPETA",
                   help="deja los expedientes y planillas en esta carpeta (si no, en una temporal que se borra)")
    a = p.parse_args(argv)
    if a.actores < 1 or a.n < 1:
        p.error("--actores y -n deben ser 1 o más")
    return a


def main(argv: list[str] | None = None) -> int:
    import os

    a = _argumentos(argv)
    carpeta = a.conservar or Path(tempfile.mkdtemp(prefix="bench_excel_"))
    carpeta.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ARTICULA_DATOS", str(carpeta / "datos"))  # backups of the runs stay out of the user's
    try:
        r = correr(a.actores, a.n, carpeta)
    finally:
        if a.conservar is None:
            shutil.rmtree(carpeta, ignore_errors=True)
    print(f"{r['actores']} actores, planilla de {r['archivo_kb']} KB, mediana de {r['repeticiones']} (s):")
    print(f"  exportar (consulta + planilla completa)   {r['exportar_s']:7.3f}   {r['relacion_exportar']:.2f}×")
    print(f"    solo la escritura                       {r['exportar_escritura_s']:7.3f}   "
          f"{r['relacion_exportar_escritura']:.2f}×")
    print(f"  openpyxl solo escritura, mismos valores   {r['crudo_escribir_s']:7.3f}")
    print(f"  importar con validación (todo, confirmado){r['importar_s']:7.3f}   {r['relacion_importar']:.2f}×")
    print(f"    leer la planilla                        {r['importar_lectura_s']:7.3f}")
    print(f"    revisar y crear por los servicios       {r['importar_servicios_s']:7.3f}")
    print(f"  leer y revisar las celdas, sin escribir   {r['revisar_sin_escribir_s']:7.3f}   "
          f"{r['relacion_revisar_sin_escribir']:.2f}×")
    print(f"  openpyxl solo lectura, mismo archivo      {r['crudo_leer_s']:7.3f}")
    if a.json:
        print(json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
