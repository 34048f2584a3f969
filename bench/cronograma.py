"""El motor del cronograma (`nucleo.cronograma.programar`) frente al camino más largo de networkx en la misma red.

    python bench/cronograma.py [--tareas 10000] [--vinculos 20000] [-n 7] [--semilla 5] [--json]

Genera con una semilla una red acíclica por capas (cada vínculo va de una capa a una de las tres siguientes) de N
tareas y M vínculos: duraciones de 1 a 20 días hábiles, vínculos FC en su mayoría (70 %; CC 12 %, FF 10 %,
CF 8 %), desfases de −3 a +5 en el 40 % de ellos; las tareas se entregan en orden mezclado. Mide, con el mejor de
`-n` (`time.perf_counter`, recolector de basura vaciado antes de cada una, las variantes alternadas):

- **Articula**: `programar(tareas, vinculos)` entero: indexar, orden topológico, fechas tempranas y tardías,
  holgura total y libre, ruta crítica, los objetos `Calculo` del resultado.
- **networkx**: `dag_longest_path_length` sobre un `DiGraph` ya armado con los mismos nodos y vínculos, más un
  nodo «fin» al que llegan las tareas sin sucesoras. networkx solo conoce un peso por arista: el de un vínculo FC
  es duración de la predecesora + desfase; los otros tres tipos los traduce antes (fuera de la medición) este banco
  al peso equivalente entre inicios, con la misma fórmula que el motor. Solo calcula un número (el largo del
  camino más largo, es decir el fin temprano del plan, como piso: no mira las tareas con sucesoras que terminan
  después que ellas por un desfase negativo): nada de fechas tardías, holguras ni inicios fijos. Se informa
  también armar el grafo + el camino más largo.

Antes de medir comprueba que los dos dan el mismo fin de plan en una red solo FC con desfases ≥ 0 y que el de
networkx no supera al del motor en la red mezclada.

networkx NO es una dependencia de Articula: se instala solo en el entorno del banco (`pip install networkx`).
Objetivo del issue 5: el motor, más rápido que networkx (relación < 1).
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:
    sys.path.insert(0, str(RAIZ))

from nucleo.cronograma import Tarea, Vinculo, programar  # noqa: E402

TIPOS = (("FC", 0.70), ("CC", 0.12), ("FF", 0.10), ("CF", 0.08))


def generar_red(tareas: int, vinculos: int, semilla: int, solo_fc: bool = False,
                desfase_negativo: bool = True) -> tuple[list[Tarea], list[Vinculo]]:
    """Una red acíclica por capas de ~100 tareas; ids 1..N en orden mezclado (el orden no revela la topología)."""
    r = random.Random(semilla)
    por_capa = 100
    capas = max(2, tareas // por_capa)
    capa = [k * capas // tareas for k in range(tareas)]
    miembros: list[list[int]] = [[] for _ in range(capas)]
    for k, c in enumerate(capa):
        miembros[c].append(k)
    ids = list(range(1, tareas + 1))
    r.shuffle(ids)
    lista = [Tarea(ids[k], r.randint(1, 20), None, f"T{ids[k]}") for k in range(tareas)]
    posibles = [k for k in range(tareas) if capa[k] < capas - 1]
    pares: set[tuple[int, int]] = set()
    tipos, pesos = [t for t, _p in TIPOS], [p for _t, p in TIPOS]
    enlaces: list[Vinculo] = []
    while len(enlaces) < vinculos:
        p = r.choice(posibles)
        destino = min(capas - 1, capa[p] + r.randint(1, 3))
        q = r.choice(miembros[destino])
        if (p, q) in pares:
            continue
        pares.add((p, q))
        tipo = "FC" if solo_fc else r.choices(tipos, pesos)[0]
        desfase = 0
        if r.random() < 0.4:
            desfase = r.randint(-3 if desfase_negativo else 0, 5)
        enlaces.append(Vinculo(ids[p], ids[q], tipo, desfase))
    r.shuffle(lista)
    r.shuffle(enlaces)
    return lista, enlaces


def grafo_networkx(nx, tareas: list[Tarea], vinculos: list[Vinculo]):
    """DiGraph con los mismos nodos y aristas; peso = el de la restricción entre inicios que usa el motor (FC:
    duración de la predecesora + desfase). El nodo «fin» recibe las tareas sin sucesoras con su duración."""
    duracion = {t.id: t.duracion for t in tareas}
    g = nx.DiGraph()
    g.add_nodes_from(duracion)
    for v in vinculos:
        w = v.desfase + (duracion[v.predecesora] if v.tipo in ("FC", "FF") else 0) \
            - (duracion[v.sucesora] if v.tipo in ("FF", "CF") else 0)
        g.add_edge(v.predecesora, v.sucesora, w=w)
    finales = [i for i in duracion if g.out_degree(i) == 0]
    g.add_edges_from((i, "fin", {"w": duracion[i]}) for i in finales)
    return g


def mejor_de(n: int, variantes: dict[str, Callable[[], object]]) -> dict[str, tuple[float, float]]:
    """Mejor tiempo (s) de reloj (`perf_counter`) y de CPU del proceso (`process_time`, menos sensible a una
    máquina compartida) de cada variante en n rondas; las variantes se alternan dentro de cada ronda."""
    tiempos: dict[str, list[tuple[float, float]]] = {k: [] for k in variantes}
    for _ in range(n):
        for nombre, fn in variantes.items():
            gc.collect()
            c0, t0 = time.process_time(), time.perf_counter()
            fn()
            t1, c1 = time.perf_counter(), time.process_time()
            tiempos[nombre].append((t1 - t0, c1 - c0))
    return {k: (min(t for t, _c in v), min(c for _t, c in v)) for k, v in tiempos.items()}


def _argumentos(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python bench/cronograma.py",
                                description="El motor del cronograma frente a networkx (camino más largo).")
    p.add_argument("--tareas", type=int, default=10_000, help="cantidad de tareas (10000)")
    p.add_argument("--vinculos", type=int, default=20_000, help="cantidad de vínculos (20000)")
    p.add_argument("-n", type=int, default=7, help="repeticiones; se informa la mejor (7)")
    p.add_argument("--semilla", type=int, default=5, help="misma semilla, misma red (5)")
    p.add_argument("--json", action="store_true", help="una línea JSON al final con todos los valores")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    a = _argumentos(argv)
    try:
        import networkx as nx
    except ImportError:
        print("Este banco compara con networkx, que no es una dependencia de Articula.\n"
              "Instálelo solo en el entorno del banco:  pip install networkx", file=sys.stderr)
        return 2

    # The FC-only check: both must find the same plan end.
    t_fc, v_fc = generar_red(a.tareas, a.vinculos, a.semilla + 1, solo_fc=True, desfase_negativo=False)
    fin_fc = programar(t_fc, v_fc).fin
    largo_fc = nx.dag_longest_path_length(grafo_networkx(nx, t_fc, v_fc), weight="w")
    assert fin_fc == largo_fc, f"red solo FC: el motor da {fin_fc}, networkx {largo_fc}"

    tareas, vinculos = generar_red(a.tareas, a.vinculos, a.semilla)
    programa = programar(tareas, vinculos)
    g = grafo_networkx(nx, tareas, vinculos)
    largo = nx.dag_longest_path_length(g, weight="w")
    assert largo <= programa.fin, f"networkx ({largo}) no puede superar el fin del motor ({programa.fin})"

    tiempos = mejor_de(a.n, {
        "articula": lambda: programar(tareas, vinculos),
        "networkx": lambda: nx.dag_longest_path_length(g, weight="w"),
        "networkx_con_grafo": lambda: nx.dag_longest_path_length(grafo_networkx(nx, tareas, vinculos), weight="w"),
    })
    relacion = tiempos["articula"][0] / tiempos["networkx"][0]
    relacion_cpu = tiempos["articula"][1] / tiempos["networkx"][1]
    relacion_grafo = tiempos["articula"][0] / tiempos["networkx_con_grafo"][0]

    from nucleo.formato import entero, numero

    print(f"Red: {entero(a.tareas)} tareas, {entero(len(vinculos))} vínculos (semilla {a.semilla}); fin del plan "
          f"{entero(programa.fin)} días hábiles, {entero(len(programa.ruta_critica))} tareas críticas; networkx: "
          f"{entero(largo)} (piso). Red solo FC: {entero(fin_fc)} = {entero(largo_fc)}.")
    print(f"Python {platform.python_version()}, networkx {nx.__version__}, mejor de {a.n}.\n")
    filas = [
        ("Articula: programar (ida, vuelta, holguras, ruta crítica)", "articula"),
        ("networkx: dag_longest_path_length (grafo ya armado)", "networkx"),
        ("networkx: armar el DiGraph + dag_longest_path_length", "networkx_con_grafo"),
    ]
    ancho = max(len(f[0]) for f in filas)
    print(f"{'':{ancho}}  {'reloj ms':>9}  {'CPU ms':>8}  {'× Articula':>10}")
    for nombre, clave in filas:
        reloj, cpu = tiempos[clave]
        print(f"{nombre:{ancho}}  {numero(reloj * 1000, 1):>9}  {numero(cpu * 1000, 1):>8}  "
              f"{numero(reloj / tiempos['articula'][0], 2):>10}")
    estado = "cumple" if relacion < 1 else "NO cumple"
    print(f"\nRelación Articula/networkx: {numero(relacion, 2)}× de reloj ({estado} el objetivo < 1×), "
          f"{numero(relacion_cpu, 2)}× de CPU; contra armar el grafo + camino: {numero(relacion_grafo, 2)}×")
    if a.json:
        print(json.dumps({"tareas": a.tareas, "vinculos": len(vinculos), "fin": programa.fin,
                          "networkx_largo": largo,
                          **{f"{k}_ms": t[0] * 1000 for k, t in tiempos.items()},
                          **{f"{k}_cpu_ms": t[1] * 1000 for k, t in tiempos.items()},
                          "relacion": relacion, "relacion_cpu": relacion_cpu, "relacion_con_grafo": relacion_grafo,
                          "python": platform.python_version(), "networkx": nx.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
