"""Arranque en frío: Articula abriendo un expediente grande frente al piso (una ventana PySide6 vacía).

    python bench/arranque.py [--expediente RUTA] [-n 7] [--calentamiento 1] [--json]
                             [--experimentos] [--perfilar CARPETA] [--exigir]

Cada arranque es un proceso nuevo de Python (`QT_QPA_PLATFORM=offscreen`, una carpeta de datos ARTICULA_DATOS y
una configuración XDG_CONFIG_HOME vacías y propias de esa corrida: ni datos del usuario ni QSettings de antes).
Las dos variantes se alternan en la misma corrida, así un momento de máquina ocupada afecta a las dos por igual.

Qué se mide, para las dos variantes igual:
- «lista»: desde justo antes de lanzar el proceso (marca de reloj que el padre pasa en BENCH_T0_NS) hasta que la
  ventana está expuesta y la cola de eventos vacía; lo informa el hijo. Es lo que espera el usuario.
- «total»: lo que tarda el proceso completo medido por el padre (incluye cerrar el expediente y salir).
Sin --expediente se genera uno con bench/generar.py (50 territorios, 5.000 actores) en una carpeta temporal.
Aparte se mide el respaldo automático que hace la apertura (`Expediente.respaldo_automatico()`), para ver su parte.

--experimentos agrega variantes «qué pasaría si»: el arranque real con un cambio sugerido simulado desde el guion
del hijo (sin tocar la aplicación). --perfilar guarda -X importtime y cProfile de un arranque y resume lo más caro.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
OBJETIVO = 4.0  # issue 2: Articula lista en ≤ 4 veces lo que tarda la ventana vacía

# Shared by both children so that "ready" means exactly the same thing for each of them.
_COMUN = r"""
import json, os, sys, time
_T0 = int(os.environ["BENCH_T0_NS"])
marcas = {}
def marcar(nombre):
    marcas[nombre] = (time.time_ns() - _T0) / 1e6
marcar("script")

def aislar_ajustes():
    # Preferences go to this run's own folder on every system (on Windows QSettings would use the registry).
    from PySide6.QtCore import QSettings
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["BENCH_AJUSTES"])

def esperar_lista(app, ventana):
    from PySide6.QtCore import QEventLoop, QTimer
    limite = time.monotonic() + 30
    while not (ventana.windowHandle() and ventana.windowHandle().isExposed()):
        if time.monotonic() > limite:
            raise SystemExit("la ventana no quedó expuesta en 30 s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    # Drain what show() queued (layouts, first paint, zero-delay timers) through a real event loop turn.
    QTimer.singleShot(0, app.quit)
    app.exec()
"""

PISO = _COMUN + r"""
from PySide6.QtWidgets import QApplication, QMainWindow
aislar_ajustes()
marcar("importado")
app = QApplication(sys.argv[:1])
marcar("qt")
ventana = QMainWindow()
ventana.setWindowTitle("Piso")
marcar("ventana")
ventana.show()
esperar_lista(app, ventana)
marcar("lista")
print("BENCH " + json.dumps(marcas), flush=True)
ventana.close()
"""

ARTICULA = _COMUN + r"""
from pathlib import Path
#ANTES
aislar_ajustes()
from ui.app import iniciar_qt, ventana_para
#DESPUES
marcar("importado")
app = iniciar_qt(sys.argv[:1])
marcar("qt")
ventana = ventana_para(Path(os.environ["BENCH_EXPEDIENTE"]))
marcar("ventana")
ventana.show()
esperar_lista(app, ventana)
marcar("lista")
print("BENCH " + json.dumps(marcas), flush=True)
ventana.close()  # closing the main window closes the expediente (PRAGMA optimize, lock released)
app.processEvents()
"""

VARIANTES = {"piso": ("Piso: ventana PySide6 vacía", PISO), "articula": ("Articula con el expediente grande", ARTICULA)}

# What-if variants (--experimentos): the real start-up with one suggested change simulated from the child script,
# so the lead sees what each change would buy before anyone edits the application.
_NUCLEO_ANTES = """
# PySide6 swaps builtins.__import__ for its __feature__ hook, which taxes every later import (napari#8584).
import nucleo.almacen.expediente, nucleo.servicios.territorios, nucleo.servicios.hoja_de_ruta
import nucleo.servicios.actores, nucleo.servicios.municipio, nucleo.servicios.dias_especiales
"""
_FERIADOS_TABLA = """
import functools as _ft, json as _js, datetime as _dt, types as _ty
import nucleo.calendario as _cal
with open(os.environ["BENCH_FERIADOS"], encoding="utf-8") as _f:
    _tabla = {_dt.date.fromisoformat(k): v for k, v in _js.load(_f).items()}
_cal._feriados_del_anio = _ft.cache(lambda anio: _ty.MappingProxyType({d: n for d, n in _tabla.items()
                                                                       if d.year == anio}))
"""
_SIN_RESPALDO = """
import nucleo.almacen.respaldo as _resp
_resp.respaldo_automatico = lambda *a, **k: None
"""
EXPERIMENTOS = {
    "nucleo_antes": ("  · núcleo importado antes que PySide6", _NUCLEO_ANTES, ""),
    "feriados_tabla": ("  · feriados de una tabla (sin holidays)", "", _FERIADOS_TABLA),
    "respaldo_diferido": ("  · respaldo fuera del arranque", "", _SIN_RESPALDO),
    "los_tres": ("  · los tres cambios juntos", _NUCLEO_ANTES, _FERIADOS_TABLA + _SIN_RESPALDO),
}


def agregar_experimentos() -> None:
    for clave, (nombre, antes, despues) in EXPERIMENTOS.items():
        VARIANTES[clave] = (nombre, ARTICULA.replace("#ANTES", antes).replace("#DESPUES", despues))


def escribir_feriados(destino: Path) -> Path:
    """La tabla que simularía un archivo de feriados incluido en recursos/ (años alrededor de hoy)."""
    from datetime import date

    import holidays

    anio = date.today().year
    tabla = holidays.country_holidays("PY", years=range(anio - 3, anio + 5), language="es")
    destino.write_text(json.dumps({d.isoformat(): n for d, n in sorted(tabla.items())}, ensure_ascii=False),
                       encoding="utf-8")
    return destino


def _entorno(carpeta: Path, expediente: Path) -> dict[str, str]:
    (carpeta / "datos").mkdir(parents=True, exist_ok=True)
    (carpeta / "config").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "ARTICULA_DATOS": str(carpeta / "datos"),
        "XDG_CONFIG_HOME": str(carpeta / "config"),  # anything else that reads the user's config on Linux
        "BENCH_AJUSTES": str(carpeta / "config"),  # QSettings: a fresh, empty scope (see aislar_ajustes)
        "BENCH_EXPEDIENTE": str(expediente),
        "BENCH_FERIADOS": os.environ.get("BENCH_FERIADOS", ""),
        "PYTHONPATH": str(RAIZ) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
    })
    env.pop("PYTHONSTARTUP", None)
    return env


def correr(variante: str, expediente: Path, extra: list[str] | None = None) -> dict:
    """Un arranque en un proceso nuevo; devuelve las marcas del hijo (ms) y el tiempo total visto por el padre."""
    codigo = VARIANTES[variante][1]
    with tempfile.TemporaryDirectory(prefix=f"articula-bench-{variante}-") as tmp:
        env = _entorno(Path(tmp), expediente)
        guion = Path(tmp) / f"arranque_{variante}.py"  # a file, not -c: cProfile can only run files
        guion.write_text(codigo, encoding="utf-8")
        env["BENCH_T0_NS"] = str(time.time_ns())
        inicio = time.perf_counter()
        proc = subprocess.run([sys.executable, *(extra or []), str(guion)], cwd=RAIZ, env=env,
                              capture_output=True, text=True, timeout=300)
        total = (time.perf_counter() - inicio) * 1000
    linea = next((x for x in proc.stdout.splitlines() if x.startswith("BENCH ")), None)
    if proc.returncode != 0 or linea is None:
        raise RuntimeError(f"El arranque «{variante}» falló (código {proc.returncode}):\n{proc.stderr[-3000:]}")
    marcas = json.loads(linea[6:])
    marcas["total"] = total
    marcas["stderr"] = proc.stderr
    return marcas


def _resumen(valores: list[float]) -> dict[str, float]:
    return {"mediana": statistics.median(valores), "min": min(valores), "max": max(valores)}


def medir_respaldo(expediente: Path, veces: int) -> dict[str, float]:
    """Lo que cuestan, dentro del arranque, el respaldo automático y la apertura sin él (proceso ya importado)."""
    with tempfile.TemporaryDirectory(prefix="articula-bench-respaldo-") as tmp:
        anterior = os.environ.get("ARTICULA_DATOS")
        os.environ["ARTICULA_DATOS"] = tmp  # backups go here, never into the user's folder
        try:
            if str(RAIZ) not in sys.path:
                sys.path.insert(0, str(RAIZ))
            from nucleo.almacen.expediente import Expediente

            Expediente.abrir(expediente, respaldar=False).cerrar()  # first touch: imports and the page cache
            aperturas, respaldos = [], []
            for _ in range(veces):
                t = time.perf_counter()
                exp = Expediente.abrir(expediente, respaldar=False)
                aperturas.append((time.perf_counter() - t) * 1000)
                try:
                    t = time.perf_counter()
                    exp.respaldo_automatico()
                    respaldos.append((time.perf_counter() - t) * 1000)
                finally:
                    exp.cerrar()
        finally:
            if anterior is None:
                os.environ.pop("ARTICULA_DATOS", None)
            else:
                os.environ["ARTICULA_DATOS"] = anterior
    return {"respaldo": statistics.median(respaldos), "abrir_sin_respaldo": statistics.median(aperturas)}


def perfilar(expediente: Path, carpeta: Path) -> list[str]:
    """-X importtime y cProfile de un arranque de Articula; devuelve las líneas a mostrar."""
    import pstats

    carpeta.mkdir(parents=True, exist_ok=True)
    salida = []
    marcas = correr("articula", expediente, ["-X", "importtime"])
    (carpeta / "importtime.txt").write_text(marcas["stderr"], encoding="utf-8")
    # Self time grouped by package: "sqlalchemy 190 ms" says more than a tree of 600 modules.
    por_paquete: dict[str, int] = {}
    for linea in marcas["stderr"].splitlines():
        partes = linea.split("|")
        if len(partes) == 3 and partes[1].strip().isdigit():
            propio, modulo = int(partes[0].split(":")[1]), partes[2].strip()
            trozos = modulo.split(".")
            paquete = ".".join(trozos[:2]) if trozos[0] in ("ui", "nucleo") else trozos[0]
            por_paquete[paquete] = por_paquete.get(paquete, 0) + propio
    salida.append("Importaciones por paquete (tiempo propio sumado, con el recargo de -X importtime):")
    salida += [f"  {us / 1000:8.1f} ms  {paq}" for paq, us in sorted(por_paquete.items(), key=lambda x: -x[1])[:15]]

    perfil = carpeta / "arranque.prof"
    correr("articula", expediente, ["-m", "cProfile", "-o", str(perfil)])
    from io import StringIO

    texto = StringIO()
    estadisticas = pstats.Stats(str(perfil), stream=texto).sort_stats("cumulative")
    estadisticas.print_stats(60)
    (carpeta / "cprofile.txt").write_text(texto.getvalue(), encoding="utf-8")
    # Only Articula's own functions: where the program itself spends the start-up (imports excluded).
    propias = []
    for (archivo, linea, funcion), (_cc, _nc, _tt, acumulado, _llamadores) in estadisticas.stats.items():
        if archivo.startswith(str(RAIZ)) and funcion != "<module>":
            relativo = Path(archivo).relative_to(RAIZ).as_posix()
            propias.append((acumulado, f"{relativo}:{linea} {funcion}"))
    salida.append("Funciones de Articula más costosas (acumulado, con el recargo de cProfile):")
    salida += [f"  {seg * 1000:8.1f} ms  {nombre}" for seg, nombre in sorted(propias, reverse=True)[:15]]
    salida.append(f"Perfil completo: {carpeta / 'cprofile.txt'} e {carpeta / 'importtime.txt'}")
    return salida


def _expediente(a: argparse.Namespace, tmp: Path) -> tuple[Path, float | None]:
    if a.expediente:
        if not a.expediente.exists():
            raise SystemExit(f"No existe el expediente «{a.expediente}».")
        return a.expediente.resolve(), None
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import generar

    ruta = tmp / "grande.articula"
    inicio = time.perf_counter()
    generar.generar(ruta, a.territorios, a.actores, a.documentos, a.dias_especiales, a.semilla)
    return ruta, time.perf_counter() - inicio


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python bench/arranque.py",
                                description="Compara el arranque de Articula con el de una ventana PySide6 vacía.")
    p.add_argument("--expediente", type=Path, help="expediente a abrir (si falta, se genera uno grande)")
    p.add_argument("-n", "--veces", type=int, default=7, help="arranques medidos de cada variante (7)")
    p.add_argument("--calentamiento", type=int, default=1, help="arranques previos que no se cuentan (1)")
    p.add_argument("--territorios", type=int, default=50)
    p.add_argument("--actores", type=int, default=5000)
    p.add_argument("--documentos", type=int, default=100)
    p.add_argument("--dias-especiales", type=int, default=10)
    p.add_argument("--semilla", type=int, default=1)
    p.add_argument("--json", action="store_true", help="al final, una línea JSON con los resultados")
    p.add_argument("--perfilar", type=Path, metavar="CARPETA",
                   help="además, perfilar un arranque de Articula (importtime y cProfile) en CARPETA")
    p.add_argument("--exigir", action="store_true", help="salir con código 1 si la relación supera el objetivo")
    p.add_argument("--experimentos", action="store_true",
                   help="además, medir Articula con cada cambio sugerido simulado (qué ganaría cada uno)")
    a = p.parse_args(argv)
    if a.veces < 1:
        p.error("-n debe ser 1 o más")

    with tempfile.TemporaryDirectory(prefix="articula-bench-") as tmp:
        expediente, generado = _expediente(a, Path(tmp))
        if a.experimentos:
            agregar_experimentos()
            os.environ["BENCH_FERIADOS"] = str(escribir_feriados(Path(tmp) / "feriados.json"))
        tamano = expediente.stat().st_size
        resultados: dict[str, list[dict]] = {v: [] for v in VARIANTES}
        for i in range(a.calentamiento + a.veces):
            for variante in VARIANTES:  # interleaved: background noise hits both alike
                marcas = correr(variante, expediente)
                if i >= a.calentamiento:
                    resultados[variante].append(marcas)
        costos = medir_respaldo(expediente, a.veces)
        perfil = perfilar(expediente, a.perfilar) if a.perfilar else []

    resumen = {v: {"lista": _resumen([m["lista"] for m in r]), "total": _resumen([m["total"] for m in r]),
                   "fases": {k: statistics.median(m[k] for m in r) for k in ("script", "importado", "qt", "ventana")}}
               for v, r in resultados.items()}
    piso, art = resumen["piso"]["lista"]["mediana"], resumen["articula"]["lista"]["mediana"]
    relacion = art / piso
    relacion_total = resumen["articula"]["total"]["mediana"] / resumen["piso"]["total"]["mediana"]

    print(f"Expediente: {expediente.name}, {tamano / 1_048_576:.1f} MB"
          + (f" (generado en {generado:.1f} s)" if generado is not None else ""))
    print(f"{a.veces} arranques en frío por variante (+{a.calentamiento} de calentamiento), en ms:")
    print(f"  {'variante':<40}{'mediana':>8}{'mín':>7}{'máx':>7}{'total':>8}{'× piso':>8}")
    for v, (nombre, _) in VARIANTES.items():
        r = resumen[v]
        print(f"  {nombre:<40}{r['lista']['mediana']:>8.0f}{r['lista']['min']:>7.0f}{r['lista']['max']:>7.0f}"
              f"{r['total']['mediana']:>8.0f}{r['lista']['mediana'] / piso:>7.2f}×")
    print("  (mediana/mín/máx: hasta la ventana lista; total: el proceso entero, incluido cerrar y salir)")
    fases = resumen["articula"]["fases"]
    print(f"  Articula por fases (mediana): intérprete {fases['script']:.0f}, importar ui.app "
          f"{fases['importado'] - fases['script']:.0f}, iniciar_qt {fases['qt'] - fases['importado']:.0f}, "
          f"ventana_para {fases['ventana'] - fases['qt']:.0f}, mostrar {art - fases['ventana']:.0f}")
    print(f"  Respaldo automático al abrir: {costos['respaldo']:.0f} ms ({costos['respaldo'] / art:.0%} del "
          f"arranque); abrir sin respaldo: {costos['abrir_sin_respaldo']:.0f} ms")
    estado = "cumple" if relacion <= OBJETIVO else "NO cumple"
    print(f"Relación Articula/piso (medianas): {relacion:.2f}× — objetivo ≤ {OBJETIVO:.0f}×: {estado}"
          f" (con el proceso entero: {relacion_total:.2f}×)")
    for linea in perfil:
        print(linea)
    if a.json:
        print(json.dumps({
            "expediente_mb": round(tamano / 1_048_576, 2), "generado_s": generado, "veces": a.veces,
            "piso_ms": resumen["piso"], "articula_ms": resumen["articula"], "respaldo_ms": costos["respaldo"],
            "abrir_sin_respaldo_ms": costos["abrir_sin_respaldo"], "relacion": round(relacion, 3),
            "relacion_total": round(relacion_total, 3), "objetivo": OBJETIVO, "cumple": relacion <= OBJETIVO,
            "experimentos": {v: {"lista_ms": resumen[v]["lista"], "relacion": round(
                resumen[v]["lista"]["mediana"] / piso, 3)} for v in EXPERIMENTOS if v in resumen},
        }, ensure_ascii=False))
    return 1 if a.exigir and relacion > OBJETIVO else 0


if __name__ == "__main__":
    sys.exit(main())
