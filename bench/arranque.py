"""Arranque de Articula abriendo un expediente grande frente al piso (una ventana PySide6 vacía).

    python bench/arranque.py [--expediente RUTA] [-n 7] [--calentamiento 1] [--json] [--perfilar CARPETA] [--exigir]

Cada arranque es un proceso nuevo de Python (`QT_QPA_PLATFORM=offscreen`). Como en una PC real, cada variante
usa UNA carpeta de datos (ARTICULA_DATOS) en todas sus corridas: lo que el primer arranque deja ahí (la caché de
feriados, los respaldos) está en los siguientes. Las preferencias (QSettings y XDG_CONFIG_HOME) son
nuevas y vacías en cada corrida. Las dos variantes se alternan, así un momento de máquina ocupada afecta a las
dos por igual.

Qué se mide, para las dos variantes igual:
- «lista»: desde justo antes de lanzar el proceso (marca de reloj que el padre pasa en BENCH_T0_NS) hasta que la
  ventana está expuesta y la cola de eventos vacía; lo informa el hijo. En Articula, con la página Territorios
  llena con los datos del expediente. Es lo que espera el usuario.
- «total»: lo que tarda el proceso completo medido por el padre (incluye esperar el respaldo, cerrar y salir).
- El primer arranque de todos (el primero de calentamiento: carpeta de datos vacía, sin caché de feriados) se
  informa aparte de la mediana de los arranques medidos.
- Articula hace el respaldo automático de la apertura en segundo plano después de mostrar la ventana; el hijo
  informa cuándo empezó y terminó esa copia, para ver que no demora la ventana.
Antes de medir, un arranque sin contar de cada variante (con otra carpeta de datos) compila el bytecode en una
caché propia de la corrida (PYTHONPYCACHEPREFIX, fuera del repositorio): un programa instalado trae sus .pyc.
Sin --expediente se genera uno con bench/generar.py (50 territorios, 5.000 actores) en una carpeta temporal.
--perfilar guarda -X importtime y cProfile de un arranque de Articula (con la caché ya hecha) y resume lo más caro.
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
FASES = ("script", "importado", "qt", "ventana")

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

def esperar(app, condicion, segundos, que):
    from PySide6.QtCore import QEventLoop
    limite = time.monotonic() + segundos
    while not condicion():
        if time.monotonic() > limite:
            raise SystemExit(f"{que}: no pasó en {segundos} s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)

def esperar_lista(app, ventana):
    from PySide6.QtCore import QEventLoop, QTimer
    esperar(app, lambda: ventana.windowHandle() and ventana.windowHandle().isExposed(), 30, "ventana expuesta")
    # Drain what show() queued (layouts, first paint, zero-delay timers) through a real event loop turn. A local
    # loop, not app.quit(): in Qt 6 quit() first closes every window, and "ready" would include closing it.
    bucle = QEventLoop()
    QTimer.singleShot(0, bucle.quit)
    bucle.exec()
    if not ventana.isVisible():
        raise SystemExit("la ventana se cerró antes de quedar lista")
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
import gc
gc.disable()  # as main.py does before importing the interface (ui.app.main turns it back on after showing)
# ui.app first, as main.py does: it loads the core before PySide6 (whose import hook taxes every later import).
# Isolating the preferences imports QtCore, so it comes after: ui.ajustes creates its QSettings on first use.
from ui.app import iniciar_qt, ventana_para
aislar_ajustes()
marcar("importado")

# Only a stopwatch around the real copy (it runs in a pool thread): when the opening backup starts and ends.
import nucleo.almacen.respaldo as _respaldo
_copiar_original = _respaldo.respaldo_automatico
def _respaldo_cronometrado(*args, **kwargs):
    marcas.setdefault("respaldo_inicio", (time.time_ns() - _T0) / 1e6)
    try:
        return _copiar_original(*args, **kwargs)
    finally:
        marcas.setdefault("respaldo_fin", (time.time_ns() - _T0) / 1e6)
_respaldo.respaldo_automatico = _respaldo_cronometrado

app = iniciar_qt(sys.argv[:1])
marcar("qt")
ventana = ventana_para(Path(os.environ["BENCH_EXPEDIENTE"]))
marcar("ventana")
ventana.show()
esperar_lista(app, ventana)
marcar("lista")
# What "ready" showed: the Territorios page with the expediente's rows (the parent checks it is not empty).
pagina = ventana.pila_paginas.currentWidget()
datos = {"pagina": getattr(pagina, "clave", None), "filas": pagina.modelo.rowCount() if pagina is not None else 0,
         "solo_lectura": ventana.expediente.solo_lectura}
# After «ready» the window loads the ORM step by step, each in its own turn of the event loop (ui/precarga.py),
# starting the first time the loop is about to wait: a real, blocking loop here, as app.exec() would run.
def esperar_bloqueando(condicion, segundos, que):
    from PySide6.QtCore import QEventLoop, QTimer
    bucle, reloj = QEventLoop(), QTimer()
    reloj.timeout.connect(lambda: condicion() and bucle.quit())
    reloj.start(2)
    QTimer.singleShot(int(segundos * 1000), bucle.quit)
    if not condicion():
        bucle.exec()
    reloj.stop()
    if not condicion():
        raise SystemExit(f"{que}: no pasó en {segundos} s")
ventana.precarga.terminada.connect(lambda: marcar("precarga_fin"))
esperar_bloqueando(lambda: ventana.precarga.hecha, 60, "carga del ORM después de mostrar la ventana")
datos["precarga_pasos"] = ventana.precarga.pasos
import ui.precarga
datos["reposo_ms"] = ui.precarga.REPOSO_MS
if not datos["solo_lectura"]:
    esperar_bloqueando(lambda: "respaldo_fin" in marcas, 120, "respaldo automático al abrir")
t = time.perf_counter()
ventana.close()  # closing the main window closes the expediente (PRAGMA optimize, lock released)
app.processEvents()
datos["cierre"] = (time.perf_counter() - t) * 1000
print("BENCH " + json.dumps({**marcas, **datos}), flush=True)
"""

VARIANTES = {"piso": ("Piso: ventana PySide6 vacía", PISO), "articula": ("Articula con el expediente grande", ARTICULA)}


def _entorno(datos: Path, config: Path, expediente: Path, pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        # Bytecode as an installed program has it (its .pyc), kept outside the repository; see preparar().
        "PYTHONPYCACHEPREFIX": str(pycache),
        "ARTICULA_DATOS": str(datos),  # the variant's own folder, kept between its runs
        "XDG_CONFIG_HOME": str(config),  # anything else that reads the user's config on Linux
        "BENCH_AJUSTES": str(config),  # QSettings: a fresh, empty scope (see aislar_ajustes)
        "BENCH_EXPEDIENTE": str(expediente),
        "PYTHONPATH": str(RAIZ) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
    })
    env.pop("PYTHONSTARTUP", None)
    return env


def correr(variante: str, expediente: Path, datos: Path, pycache: Path, extra: list[str] | None = None) -> dict:
    """Un arranque en un proceso nuevo; devuelve lo que informa el hijo (ms) y el tiempo total visto por el padre."""
    codigo = VARIANTES[variante][1]
    datos.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"articula-bench-{variante}-") as tmp:
        config = Path(tmp) / "config"
        config.mkdir()
        env = _entorno(datos, config, expediente, pycache)
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
    if variante == "articula":
        if marcas["solo_lectura"]:
            raise RuntimeError("Articula abrió el expediente en solo lectura (¿otro programa lo tiene abierto?): "
                               "sin respaldo ni bloqueo, la medición no es la de un uso normal.")
        if marcas["pagina"] != "territorios" or not marcas["filas"]:
            raise RuntimeError(f"Al quedar lista, Articula mostraba «{marcas['pagina']}» con {marcas['filas']} "
                               "filas, no la página Territorios llena.")
        # The opening backup, relative to show() (mark "ventana") and to "ready".
        marcas["respaldo_duracion"] = marcas["respaldo_fin"] - marcas["respaldo_inicio"]
        marcas["respaldo_desde_mostrar"] = marcas["respaldo_inicio"] - marcas["ventana"]
        marcas["respaldo_fin_tras_lista"] = marcas["respaldo_fin"] - marcas["lista"]
        # The ORM loaded after «ready»: when it was done and the longest step (how long a click could wait).
        marcas["precarga_fin_tras_lista"] = marcas["precarga_fin"] - marcas["lista"]
        marcas["precarga_paso_max"] = max(ms for _n, ms in marcas["precarga_pasos"])
        marcas["precarga_total"] = sum(ms for _n, ms in marcas["precarga_pasos"])
    marcas["total"] = total
    marcas["stderr"] = proc.stderr
    return marcas


def _resumen(valores: list[float]) -> dict[str, float]:
    return {"mediana": statistics.median(valores), "min": min(valores), "max": max(valores)}


RESPALDO = ("respaldo_desde_mostrar", "respaldo_duracion", "respaldo_fin_tras_lista")
PRECARGA = ("precarga_fin_tras_lista", "precarga_paso_max", "precarga_total")


def preparar(expediente: Path, tmp: Path) -> Path:
    """Un arranque sin medir de cada variante, con una carpeta de datos descartable, para compilar el bytecode.

    Un Articula instalado trae sus .pyc; aquí, sin ellos (o con PYTHONDONTWRITEBYTECODE=1), cada arranque
    compilaría de nuevo los módulos del programa. El primer arranque que se informa sigue teniendo su carpeta de
    datos vacía (sin caché de feriados ni respaldos), como el primero de una PC recién instalada.
    """
    pycache = tmp / "pycache"
    for variante in VARIANTES:
        correr(variante, expediente, tmp / "datos-preparar", pycache)
    return pycache


def perfilar(expediente: Path, datos: Path, pycache: Path, carpeta: Path) -> list[str]:
    """-X importtime y cProfile de un arranque de Articula; devuelve las líneas a mostrar."""
    import pstats

    carpeta.mkdir(parents=True, exist_ok=True)
    salida = []
    marcas = correr("articula", expediente, datos, pycache, ["-X", "importtime"])
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
    correr("articula", expediente, datos, pycache, ["-m", "cProfile", "-o", str(perfil)])
    from io import StringIO

    texto = StringIO()
    estadisticas = pstats.Stats(str(perfil), stream=texto).sort_stats("cumulative")
    estadisticas.print_stats(60)
    (carpeta / "cprofile.txt").write_text(texto.getvalue(), encoding="utf-8")
    # Only Articula's own functions: where the program itself spends the start-up (imports excluded). cProfile
    # sees the main thread only: the background backup is not in it.
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


def _fases(m: dict) -> str:
    return (f"intérprete {m['script']:.0f}, importar ui.app {m['importado'] - m['script']:.0f}, "
            f"iniciar_qt {m['qt'] - m['importado']:.0f}, ventana_para {m['ventana'] - m['qt']:.0f}, "
            f"mostrar {m['lista'] - m['ventana']:.0f}")


def _respaldo(m: dict) -> str:
    fin = m["respaldo_fin_tras_lista"]
    cuando = f"{fin:.0f} ms después de «lista»" if fin >= 0 else f"{-fin:.0f} ms antes de «lista»"
    return (f"empieza {m['respaldo_desde_mostrar']:.0f} ms después de show(), dura {m['respaldo_duracion']:.0f} ms, "
            f"termina {cuando}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python bench/arranque.py",
                                description="Compara el arranque de Articula con el de una ventana PySide6 vacía.")
    p.add_argument("--expediente", type=Path, help="expediente a abrir (si falta, se genera uno grande)")
    p.add_argument("-n", "--veces", type=int, default=7, help="arranques medidos de cada variante (7)")
    p.add_argument("--calentamiento", type=int, default=1,
                   help="arranques previos que no se cuentan (1); el primero es el «primer arranque» que se "
                        "informa aparte (con 0, el primero medido)")
    p.add_argument("--territorios", type=int, default=50)
    p.add_argument("--actores", type=int, default=5000)
    p.add_argument("--documentos", type=int, default=100)
    p.add_argument("--dias-especiales", type=int, default=10)
    p.add_argument("--semilla", type=int, default=1)
    p.add_argument("--json", action="store_true", help="al final, una línea JSON con los resultados")
    p.add_argument("--perfilar", type=Path, metavar="CARPETA",
                   help="además, perfilar un arranque de Articula (importtime y cProfile) en CARPETA")
    p.add_argument("--exigir", action="store_true", help="salir con código 1 si la relación supera el objetivo")
    a = p.parse_args(argv)
    if a.veces < 1 or a.calentamiento < 0:
        p.error("-n debe ser 1 o más y --calentamiento, 0 o más")

    with tempfile.TemporaryDirectory(prefix="articula-bench-") as tmp:
        expediente, generado = _expediente(a, Path(tmp))
        tamano = expediente.stat().st_size
        pycache = preparar(expediente, Path(tmp))
        # One data folder per variant for the whole run, as on a real PC; preferences are fresh per run.
        datos = {v: Path(tmp) / f"datos-{v}" for v in VARIANTES}
        primero: dict[str, dict] = {}
        resultados: dict[str, list[dict]] = {v: [] for v in VARIANTES}
        for i in range(a.calentamiento + a.veces):
            for variante in VARIANTES:  # interleaved: background noise hits both alike
                marcas = correr(variante, expediente, datos[variante], pycache)
                primero.setdefault(variante, marcas)
                if i >= a.calentamiento:
                    resultados[variante].append(marcas)
        perfil = perfilar(expediente, datos["articula"], pycache, a.perfilar) if a.perfilar else []

    resumen = {v: {"lista": _resumen([m["lista"] for m in r]), "total": _resumen([m["total"] for m in r]),
                   "fases": {k: statistics.median(m[k] for m in r) for k in FASES}}
               for v, r in resultados.items()}
    art_r = resultados["articula"]
    resumen["articula"]["respaldo"] = {k: statistics.median(m[k] for m in art_r) for k in RESPALDO}
    resumen["articula"]["precarga"] = {k: statistics.median(m[k] for m in art_r) for k in PRECARGA}
    resumen["articula"]["cierre"] = statistics.median(m["cierre"] for m in art_r)
    piso, art = resumen["piso"]["lista"]["mediana"], resumen["articula"]["lista"]["mediana"]
    relacion = art / piso
    relacion_total = resumen["articula"]["total"]["mediana"] / resumen["piso"]["total"]["mediana"]
    p_piso, p_art = primero["piso"], primero["articula"]
    relacion_primero = p_art["lista"] / p_piso["lista"]
    pre = resumen["articula"]["precarga"]
    # Everything loaded with no idle wait at all: «ready» plus the steps (about what the start cost before).
    relacion_con_orm = (art + pre["precarga_total"]) / piso
    paso_largo = max(art_r[0]["precarga_pasos"], key=lambda x: x[1])[0]

    print(f"Expediente: {expediente.name}, {tamano / 1_048_576:.1f} MB"
          + (f" (generado en {generado:.1f} s)" if generado is not None else "")
          + f"; Territorios lista con {art_r[0]['filas']} filas")
    print(f"{a.veces} arranques por variante (+{a.calentamiento} de calentamiento), alternados, en ms:")
    print(f"  {'variante':<40}{'mediana':>8}{'mín':>7}{'máx':>7}{'total':>8}{'× piso':>8}")
    for v, (nombre, _) in VARIANTES.items():
        r = resumen[v]
        print(f"  {nombre:<40}{r['lista']['mediana']:>8.0f}{r['lista']['min']:>7.0f}{r['lista']['max']:>7.0f}"
              f"{r['total']['mediana']:>8.0f}{r['lista']['mediana'] / piso:>7.2f}×")
    print("  (mediana/mín/máx: hasta la ventana lista; total: el proceso entero, con esperar el respaldo y la carga "
          "del ORM, cerrar y salir)")
    print(f"  Primer arranque (carpeta de datos vacía: sin caché de feriados ni respaldos): piso "
          f"{p_piso['lista']:.0f}, Articula {p_art['lista']:.0f} ({relacion_primero:.2f}× piso; "
          f"{p_art['lista'] - art:+.0f} ms frente a la mediana)")
    print(f"  Articula por fases (mediana): {_fases(resumen['articula']['fases'] | {'lista': art})}")
    print(f"  Articula por fases (primer arranque): {_fases(p_art)}")
    print(f"  Respaldo al abrir, en segundo plano (mediana): {_respaldo(resumen['articula']['respaldo'])}")
    print(f"  Respaldo al abrir (primer arranque): {_respaldo(p_art)}")
    print(f"  Carga del ORM después de «lista» (mediana): termina {pre['precarga_fin_tras_lista']:.0f} ms después "
          f"(espera {art_r[0]['reposo_ms']} ms sin teclas ni clics), en {len(art_r[0]['precarga_pasos'])} pasos que suman "
          f"{pre['precarga_total']:.0f} ms; el más largo, {pre['precarga_paso_max']:.0f} ms («{paso_largo}»), es lo "
          f"más que espera una tecla en ese rato. «Lista» + los pasos: {art + pre['precarga_total']:.0f} ms "
          f"({relacion_con_orm:.2f}× el piso)")
    print(f"  Cerrar la ventana y el expediente, ya lista y respaldado (mediana): "
          f"{resumen['articula']['cierre']:.0f}")
    estado = "cumple" if relacion <= OBJETIVO else "NO cumple"
    print(f"Relación Articula/piso (medianas): {relacion:.2f}× — objetivo ≤ {OBJETIVO:.0f}×: {estado}"
          f" (primer arranque: {relacion_primero:.2f}×)")
    for linea in perfil:
        print(linea)
    if a.json:
        primer = {v: {k: round(m[k], 1) for k in (*FASES, "lista", "total", *RESPALDO, "cierre") if k in m}
                  for v, m in primero.items()}
        print(json.dumps({
            "expediente_mb": round(tamano / 1_048_576, 2), "generado_s": generado, "veces": a.veces,
            "calentamiento": a.calentamiento, "filas_territorios": art_r[0]["filas"],
            "piso_ms": resumen["piso"], "articula_ms": resumen["articula"], "primer_arranque_ms": primer,
            "relacion": round(relacion, 3), "relacion_total": round(relacion_total, 3),
            "relacion_con_orm": round(relacion_con_orm, 3),
            "relacion_primer_arranque": round(relacion_primero, 3), "objetivo": OBJETIVO,
            "cumple": relacion <= OBJETIVO,
        }, ensure_ascii=False))
    return 1 if a.exigir and relacion > OBJETIVO else 0


if __name__ == "__main__":
    sys.exit(main())
