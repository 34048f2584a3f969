"""Un Plan de Acción enorme: reprogramarlo y cargar sus actividades frente a un SELECT crudo de las mismas filas.

    python bench/plan_carga.py [--actividades 10000] [--vinculos 20000] [-n 5] [--semilla 1] [--json]
                               [--conservar CARPETA] [--sin-gantt]

Crea con bench/generar.py un expediente chico (5 territorios, 300 actores), un plan por el servicio y 10 resultados;
las actividades (grupos de 25: un resumen y 24 de detalle), sus dependencias (sin ciclos: siempre de una anterior a
una posterior, casi todas FC, algunas CC/FF/CF con desfase) y un recurso por actividad de detalle se insertan en
bloque con Core (por los servicios, que reprograman en cada alta, serían horas). Después mide:

- `reprogramar` una vez con todo por calcular (escribe las columnas calculadas de todas las filas) y otra sin
  cambios (calcula todo y no escribe nada);
- `listar_actividades(s, plan, hoy)` — lo que lee el panel del cronograma: filas con código EDT, responsable,
  resultado, predecesoras, costo, semáforo y desvío — frente a **las mismas filas leídas en crudo** con `sqlite3` y
  `cursor.fetchall()`, sin convertir nada: las actividades (con el nombre del responsable y el código del
  resultado), sus dependencias y la suma de sus recursos; y, aparte, frente a solo el SELECT de las actividades;
  mejor de N, alternando las tres;
- si existe `ui.widgets.gantt`, `VistaGantt.cargar(filas, …)` sin pantalla (offscreen), aparte.

Objetivo del issue 5: cargar ≤ 3× el SELECT crudo de las mismas filas.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:
    sys.path.insert(0, str(RAIZ))

OBJETIVO = 3.0
HOY = date(2026, 11, 18)
INICIO = date(2026, 3, 2)

SQL_CRUDO = """
SELECT a.id, a.padre_id, a.orden, a.nombre, a.resultado_id, r.codigo, a.responsable_id, ac.nombre, a.lado,
       a.duracion, a.hito, a.inicio_fijo, a.inicio, a.fin, a.inicio_tardio, a.fin_tardio, a.holgura_total,
       a.holgura_libre, a.critica, a.base_inicio, a.base_fin, a.avance, a.inicio_real, a.fin_real, a.condiciones,
       a.medio_verificacion
FROM actividad a LEFT JOIN resultado r ON r.id = a.resultado_id LEFT JOIN actor ac ON ac.id = a.responsable_id
WHERE a.plan_id = ?
"""

# The other rows the Gantt's model reads for the same activities: their links (arrows, «Predecesoras») and the
# cost of each one (sum of its resources). With SQL_CRUDO, the «same rows» read raw.
SQL_CRUDO_VINCULOS = """
SELECT d.predecesora_id, d.sucesora_id, d.tipo, d.desfase
FROM dependencia d JOIN actividad a ON a.id = d.sucesora_id WHERE a.plan_id = ?
"""
SQL_CRUDO_COSTOS = """
SELECT r.actividad_id, SUM(ROUND(r.cantidad * r.costo_unitario))
FROM recurso r JOIN actividad a ON a.id = r.actividad_id WHERE a.plan_id = ? GROUP BY r.actividad_id
"""

VERBOS = ["Relevamiento", "Taller", "Compra", "Capacitación", "Reunión", "Obra", "Difusión", "Evaluación",
          "Informe", "Gestión", "Acompañamiento", "Feria", "Inscripción", "Mantenimiento", "Censo"]
OBJETOS = ["de familias", "con jóvenes", "de materiales", "del comité vecinal", "de la plaza", "del salón",
           "de emprendimientos", "con la USF", "de desagüe", "con la Gobernación", "del espacio de apoyo escolar"]


def _mejor(fn, n: int) -> tuple[float, object]:
    mejor, resultado = float("inf"), None
    for _ in range(n):
        gc.collect()
        t = time.perf_counter()
        resultado = fn()
        mejor = min(mejor, time.perf_counter() - t)
    return mejor, resultado


def poblar(exp, actividades: int, vinculos: int, semilla: int) -> tuple[int, dict]:
    """Plan con `actividades` filas (grupos de 25) y `vinculos` dependencias; devuelve (plan_id, cantidades)."""
    from sqlalchemy import func, insert, select

    from nucleo.modelo import Actividad, Actor, Dependencia, Recurso, Territorio
    from nucleo.servicios import plan as pl

    r = random.Random(semilla)
    ahora = datetime.now()
    with exp.transaccion() as s:
        mid = exp.municipio_id
        tid = s.scalar(select(Territorio.id).where(Territorio.municipio_id == mid).order_by(Territorio.id))
        pid = pl.crear_plan(s, mid, tid, pl.DatosPlan(titulo="Plan de carga", inicio=INICIO))
        resultados = [pl.crear_resultado(s, pid, pl.DatosResultado(descripcion=f"Resultado de prueba {n}"))
                      for n in range(1, 11)]
        actores = list(s.scalars(select(Actor.id).where(Actor.municipio_id == mid)))
        base = (s.scalar(select(func.max(Actividad.id))) or 0) + 1
        filas, detalle = [], []
        grupo_id, orden_grupo, orden_hija = None, 0, 0
        for n in range(actividades):
            i = base + n
            comun = {"id": i, "municipio_id": mid, "plan_id": pid, "creado_en": ahora, "actualizado_en": ahora,
                     "resultado_id": r.choice(resultados), "responsable_id": r.choice(actores) if actores else None,
                     "lado": r.choice(("municipalidad", "servicio_publico", "comunidad")), "avance": 0,
                     "critica": False, "condiciones": "Acta firmada y fotos.", "medio_verificacion": "Acta",
                     "notas": "", "inicio_fijo": None}
            if n % 25 == 0:
                grupo_id, orden_hija = i, 0
                filas.append({**comun, "padre_id": None, "orden": orden_grupo, "duracion": 1, "hito": False,
                              "nombre": f"Componente {orden_grupo + 1}"})
                orden_grupo += 1
                continue
            hito = r.random() < 0.04
            filas.append({**comun, "padre_id": grupo_id, "orden": orden_hija, "hito": hito,
                          "duracion": 0 if hito else r.randint(1, 20),
                          "nombre": f"{r.choice(VERBOS)} {r.choice(OBJETOS)} {n}"})
            orden_hija += 1
            detalle.append(i)
        s.execute(insert(Actividad), filas)
        # Links always go from an earlier detail activity to a later one (no cycles): inside a group, from one of
        # the few before it; across groups, from a group of the previous phase (ten phases, like a real plan's
        # stages), so the plan lasts a few years instead of a chain of ten thousand.
        por_grupo: list[list[int]] = []
        for f in filas:
            if f["padre_id"] is None:
                por_grupo.append([])
            else:
                por_grupo[-1].append(f["id"])
        fases = 10
        fase_de = [g * fases // len(por_grupo) for g in range(len(por_grupo))]
        grupos_de_fase: dict[int, list[int]] = {}
        for g, fase in enumerate(fase_de):
            grupos_de_fase.setdefault(fase, []).append(g)
        pares: set[tuple[int, int]] = set()
        objetivo = min(vinculos, len(detalle) * 3)
        while len(pares) < objetivo:
            g = r.randrange(len(por_grupo))
            hijas = por_grupo[g]
            k = r.randrange(len(hijas))
            if r.random() < 0.5 and k > 0:
                pares.add((hijas[max(0, k - r.randint(1, 6))], hijas[k]))
            elif fase_de[g] > 0:
                origen = por_grupo[r.choice(grupos_de_fase[fase_de[g] - 1])]
                pares.add((r.choice(origen), hijas[k]))
        tipos = ["FC"] * 17 + ["CC", "FF", "CF"]
        deps = []
        for p, q in pares:
            tipo = r.choice(tipos)
            deps.append({"municipio_id": mid, "predecesora_id": p, "sucesora_id": q, "tipo": tipo,
                         "desfase": 0 if r.random() < 0.8 else r.randint(-2, 5) + (5 if tipo == "CF" else 0)})
        s.execute(insert(Dependencia), deps)
        s.execute(insert(Recurso), [{"municipio_id": mid, "actividad_id": i, "tipo": "financiero",
                                     "descripcion": "Insumos", "cantidad": r.choice((1, 2, 2.5, 10)),
                                     "unidad": "global", "costo_unitario": r.randrange(50_000, 5_000_000, 1000),
                                     "fuente": "municipal", "orden": 0} for i in detalle])
    return pid, {"actividades": len(filas), "detalle": len(detalle), "vinculos": len(deps),
                 "recursos": len(detalle)}


def medir(ruta: Path, n: int, gantt: bool) -> dict:
    from nucleo.almacen.expediente import Expediente
    from nucleo.modelo import PlanAccion
    from nucleo.servicios import actividades as act

    exp = Expediente.abrir(ruta)
    try:
        with exp.sesion() as s:
            pid = s.query(PlanAccion.id).scalar()
        res: dict = {}
        with exp.transaccion() as s:
            t = time.perf_counter()
            programa = act.reprogramar(s, pid)
            res["reprogramar_primera_s"] = time.perf_counter() - t
            res["fin_plan_dias_habiles"] = programa.fin
            res["criticas"] = len(programa.ruta_critica)
        with exp.transaccion() as s:
            res["reprogramar_sin_cambios_s"], _p = _mejor(lambda: act.reprogramar(s, pid), 3)

        crudo = sqlite3.connect(str(ruta))

        def leer_crudo():
            cur = crudo.cursor()
            cur.execute(SQL_CRUDO, (pid,))
            return cur.fetchall()

        def leer_crudo_completo():
            cur = crudo.cursor()
            filas = cur.execute(SQL_CRUDO, (pid,)).fetchall()
            cur.execute(SQL_CRUDO_VINCULOS, (pid,)).fetchall()
            cur.execute(SQL_CRUDO_COSTOS, (pid,)).fetchall()
            return filas

        def leer_servicio():
            with exp.sesion() as s:
                return act.listar_actividades(s, pid, HOY)

        leer_crudo(), leer_servicio()  # warm the page cache and the calendar's holiday cache alike
        mejores = {"crudo": float("inf"), "completo": float("inf"), "servicio": float("inf")}
        cpu = dict(mejores)
        for _ in range(n):  # alternate: a busy moment of the machine weighs on all
            for nombre, fn in (("crudo", leer_crudo), ("completo", leer_crudo_completo), ("servicio", leer_servicio)):
                gc.collect()
                t, c = time.perf_counter(), time.process_time()
                filas = fn()
                mejores[nombre] = min(mejores[nombre], time.perf_counter() - t)
                cpu[nombre] = min(cpu[nombre], time.process_time() - c)
                res[f"filas_{nombre}"] = len(filas)
        crudo.close()
        res["listar_s"], res["crudo_s"] = mejores["servicio"], mejores["crudo"]
        res["relacion"] = mejores["servicio"] / mejores["crudo"]
        res["crudo_completo_s"] = mejores["completo"]
        res["relacion_completo"] = mejores["servicio"] / mejores["completo"]
        # CPU time of this process: steadier than the wall clock on a machine shared with other work.
        res["listar_cpu_s"], res["crudo_cpu_s"] = cpu["servicio"], cpu["crudo"]
        res["relacion_cpu"] = cpu["servicio"] / cpu["crudo"] if cpu["crudo"] else None

        if gantt:
            res.update(_medir_gantt(exp, pid, n))
    finally:
        exp.cerrar()
    return res


def _medir_gantt(exp, pid: int, n: int) -> dict:
    import importlib.util

    if importlib.util.find_spec("ui.widgets.gantt") is None:
        return {"gantt": "no existe ui.widgets.gantt"}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from nucleo.modelo import PlanAccion
    from nucleo.servicios import actividades as act
    from nucleo.servicios.dias_especiales import calendario_de
    from ui.widgets.gantt import VistaGantt

    app = QApplication.instance() or QApplication([])
    with exp.sesion() as s:
        filas = act.listar_actividades(s, pid, HOY)
        plan = s.get(PlanAccion, pid)
        cal, inicio = calendario_de(s, plan.municipio_id), plan.inicio
    vista = VistaGantt()
    vista.resize(1280, 800)
    vista.show()
    app.processEvents()

    def cargar():
        vista.cargar(filas, cal, inicio, HOY)
        app.processEvents()

    mejor, _r = _mejor(cargar, max(1, min(n, 3)))
    vista.close()
    return {"gantt_cargar_s": mejor}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python bench/plan_carga.py", description=__doc__.split("\n")[0])
    p.add_argument("--actividades", type=int, default=10_000)
    p.add_argument("--vinculos", type=int, default=20_000)
    p.add_argument("-n", type=int, default=5, help="repeticiones; se informa la mejor (5)")
    p.add_argument("--semilla", type=int, default=1)
    p.add_argument("--json", action="store_true", help="una línea JSON al final")
    p.add_argument("--conservar", type=Path, help="carpeta donde dejar el expediente generado")
    p.add_argument("--sin-gantt", action="store_true", help="no medir VistaGantt.cargar")
    a = p.parse_args(argv)

    carpeta = a.conservar or Path(tempfile.mkdtemp(prefix="plan_carga_"))
    carpeta.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ARTICULA_DATOS", str(carpeta / "datos"))
    ruta = carpeta / "plan_carga.articula"
    for resto in (ruta, Path(f"{ruta}-wal"), Path(f"{ruta}-shm")):
        resto.unlink(missing_ok=True)

    from bench.generar import generar
    from nucleo.almacen.expediente import Expediente

    t = time.perf_counter()
    generar(ruta, territorios=5, actores=300, documentos=0, dias_especiales=10, semilla=a.semilla, hoy=HOY)
    exp = Expediente.abrir(ruta)
    try:
        _pid, cantidades = poblar(exp, a.actividades, a.vinculos, a.semilla)
    finally:
        exp.cerrar()
    preparar = time.perf_counter() - t
    res = {"preparar_s": preparar, **cantidades, **medir(ruta, a.n, not a.sin_gantt)}

    print(f"Plan: {cantidades['actividades']:,} actividades ({cantidades['detalle']:,} de detalle), "
          f"{cantidades['vinculos']:,} dependencias, {cantidades['recursos']:,} recursos; preparado en "
          f"{preparar:.1f} s")
    print(f"reprogramar (todo por escribir): {res['reprogramar_primera_s'] * 1000:8.0f} ms   "
          f"(fin del plan: {res['fin_plan_dias_habiles']} días hábiles, {res['criticas']} críticas)")
    print(f"reprogramar (sin cambios):       {res['reprogramar_sin_cambios_s'] * 1000:8.0f} ms")
    print(f"listar_actividades:              {res['listar_s'] * 1000:8.1f} ms  ({res['filas_servicio']:,} filas)")
    print(f"SELECT crudo (sqlite3):          {res['crudo_s'] * 1000:8.1f} ms  ({res['filas_crudo']:,} filas)")
    print(f"relación listar / crudo:         {res['relacion']:8.2f}×  (solo las actividades)")
    print(f"SELECT crudo + vínculos + costos: {res['crudo_completo_s'] * 1000:7.1f} ms  (las mismas tres consultas)")
    marca = "✔" if res["relacion_completo"] <= OBJETIVO else "✘"
    print(f"relación listar / las tres:      {res['relacion_completo']:8.2f}×  (objetivo ≤ {OBJETIVO:g}×) {marca}")
    if res.get("relacion_cpu"):
        print(f"  en tiempo de CPU:              {res['listar_cpu_s'] * 1000:8.1f} / {res['crudo_cpu_s'] * 1000:.1f} ms = "
              f"{res['relacion_cpu']:.2f}×")
    if "gantt_cargar_s" in res:
        print(f"VistaGantt.cargar (offscreen):   {res['gantt_cargar_s'] * 1000:8.0f} ms")
    elif "gantt" in res:
        print(f"VistaGantt: {res['gantt']}")
    if a.json:
        print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
