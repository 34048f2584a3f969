"""El diagrama de Gantt (`ui.widgets.gantt.VistaGantt`) con muchas actividades, frente al piso de Qt.

    python bench/gantt.py                     # 2.000 y 10.000 actividades, mediana de 5
    python bench/gantt.py -n 7 --filas 2000 --json
    python bench/gantt.py --capturas /tmp/gantt   # además, un plan realista de 40 actividades en PNG

Mide, para N actividades sintéticas (EDT de tres niveles, vínculos de los cuatro tipos, hitos, línea base):
- `cargar`: `VistaGantt.cargar(filas, cal, inicio, hoy)` con la vista ya mostrada (1280×800);
- repintado: `grab()` de la vista entera de 1280×800 (lista, escala de tiempo, barras, flechas, leyenda);
- y el **piso**: una QGraphicsView pelada de 1280×800 con N QGraphicsRectItem sencillos (uno por fila): crear y
  agregar los N rectángulos, y su `grab()`.
Las variantes se alternan en cada repetición, en el mismo proceso, con el recolector de basura vaciado antes.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nucleo.calendario import Calendario, semaforo  # noqa: E402

HOY = date(2026, 11, 18)
INICIO = date(2026, 10, 5)


@dataclass(slots=True)
class Fila:
    """Los campos de `nucleo.servicios.actividades.FilaActividad` que lee el Gantt (y algunos más)."""

    id: int
    codigo: str
    nivel: int
    padre_id: int | None
    es_resumen: bool
    nombre: str
    duracion: int = 0
    hito: bool = False
    inicio: date | None = None
    fin: date | None = None
    inicio_tardio: date | None = None
    fin_tardio: date | None = None
    holgura_total: int | None = None
    holgura_libre: int | None = None
    critica: bool = False
    base_inicio: date | None = None
    base_fin: date | None = None
    desvio: int | None = None
    avance: int = 0
    inicio_real: date | None = None
    fin_real: date | None = None
    semaforo: str = "sin_fecha"
    responsable: str = ""
    lado: str = "municipalidad"
    costo: int = 0
    inicio_fijo: date | None = None
    resultado_id: int | None = None
    resultado_codigo: str = ""
    responsable_id: int | None = None
    condiciones: str = ""
    medio_verificacion: str = ""
    predecesoras: tuple = field(default_factory=tuple)


def programar(filas: list[Fila], cal: Calendario, inicio: date, hoy: date) -> None:
    """Un cálculo de ruta crítica mínimo (las predecesoras van antes en la lista) para fechas creíbles."""
    por_id = {f.id: f for f in filas}
    detalle = [f for f in filas if not f.es_resumen]
    s: dict[int, int] = {}
    e: dict[int, int] = {}
    for f in detalle:
        d = f.duracion
        ini = 0
        for p, tipo, lag in f.predecesoras:
            ini = max(ini, {"FC": e[p] + lag, "CC": s[p] + lag, "FF": e[p] + lag - d, "CF": s[p] + lag - d}[tipo])
        s[f.id], e[f.id] = ini, ini + d
    fin = max(e.values())
    lf = {f.id: fin for f in detalle}
    for f in reversed(detalle):
        for p, tipo, lag in f.predecesoras:
            dp = por_id[p].duracion
            ls = lf[f.id] - f.duracion
            lf[p] = min(lf[p], {"FC": ls - lag, "CC": ls - lag + dp, "FF": lf[f.id] - lag,
                                "CF": lf[f.id] - lag + dp}[tipo])
    for f in detalle:
        f.holgura_total = lf[f.id] - e[f.id]
        f.critica = f.holgura_total <= 0
        if f.duracion >= 1:
            f.inicio, f.fin = cal.desplazar(inicio, s[f.id]), cal.desplazar(inicio, e[f.id] - 1)
        else:
            f.inicio = f.fin = cal.desplazar(inicio, max(s[f.id] - 1, 0))
    # Summaries: min/max of their children, bottom-up (children come after their parent).
    for f in reversed(filas):
        if f.es_resumen:
            hijos = [h for h in filas if h.padre_id == f.id and h.inicio is not None]
            f.inicio = min(h.inicio for h in hijos)
            f.fin = max(h.fin for h in hijos)
            f.duracion = cal.dias_habiles_entre(f.inicio, f.fin) + 1
            peso = sum(max(h.duracion, 1) for h in hijos)
            f.avance = round(sum(h.avance * max(h.duracion, 1) for h in hijos) / peso)
    for f in filas:
        f.semaforo = semaforo(f.fin, f.avance == 100, hoy, cal)


def _progreso(filas: list[Fila], hoy: date) -> None:
    for f in filas:
        if f.es_resumen or f.inicio is None:
            continue
        if f.fin < hoy:
            f.avance = 100
        elif f.inicio <= hoy:
            f.avance = min(90, max(10, round(100 * (hoy - f.inicio).days / max(1, (f.fin - f.inicio).days + 1))))


def _linea_base(filas: list[Fila], cal: Calendario, corrimientos: dict[int, int]) -> None:
    for f in filas:
        if f.inicio is None:
            continue
        k = corrimientos.get(f.id, 0)
        f.base_inicio = cal.desplazar(f.inicio, -k) if k else f.inicio
        f.base_fin = cal.desplazar(f.fin, -k) if k else f.fin
        f.desvio = k


PLAN = [
    # (código, nombre, duración or None for a summary, predecessors [(code, type, lag)], responsible)
    ("1", "Organización y convocatoria", None, [], ""),
    ("1.1", "Conformar el equipo técnico municipal", 5, [], "Dirección de Planificación"),
    ("1.2", "Convocar a la mesa de trabajo del territorio", 4, [("1.1", "FC", 0)], "Coordinación Municipal"),
    ("1.3", "Firmar el acta de compromiso con la comisión vecinal", 2, [("1.2", "FC", 0)], "Intendencia"),
    ("1.4", "Mesa de trabajo instalada", 0, [("1.3", "FC", 0)], "Coordinación Municipal"),
    ("2", "Diagnóstico complementario", None, [], ""),
    ("2.1", "Relevamiento de viviendas", None, [], ""),
    ("2.1.1", "Diseñar la ficha de relevamiento", 3, [("1.2", "FC", 0)], "Dirección de Planificación"),
    ("2.1.2", "Capacitar a los encuestadores", 2, [("2.1.1", "FC", 0)], "Dirección de Planificación"),
    ("2.1.3", "Relevar las viviendas casa por casa", 12, [("2.1.2", "CC", 1)], "Comisión vecinal"),
    ("2.1.4", "Cargar y validar los datos", 10, [("2.1.3", "FF", 2)], "Dirección de Catastro"),
    ("2.2", "Taller de validación comunitaria", 2, [("2.1.4", "FC", 0)], "Coordinación Municipal"),
    ("3", "Agua potable y saneamiento", None, [], ""),
    ("3.1", "Proyecto ejecutivo", None, [], ""),
    ("3.1.1", "Estudio topográfico del barrio", 8, [("1.4", "FC", 0)], "Dirección de Obras"),
    ("3.1.2", "Diseño de la red de distribución", 10, [("3.1.1", "FC", 0)], "ESSAP"),
    ("3.1.3", "Presupuesto y cómputo métrico", 5, [("3.1.2", "FF", 3)], "Dirección de Obras"),
    ("3.1.4", "Aprobación del proyecto por ERSSAN", 8, [("3.1.3", "FC", 0)], "ERSSAN"),
    ("3.2", "Licitación de la obra", None, [], ""),
    ("3.2.1", "Preparar el pliego de bases y condiciones", 6, [("3.1.4", "FC", 0)], "UOC municipal"),
    ("3.2.2", "Publicar el llamado en la DNCP", 15, [("3.2.1", "FC", 0)], "UOC municipal"),
    ("3.2.3", "Evaluar las ofertas", 7, [("3.2.2", "FC", 0)], "Comité de evaluación"),
    ("3.2.4", "Obra adjudicada", 0, [("3.2.3", "FC", 2)], "Intendencia"),
    ("3.3", "Ejecución de la red", None, [], ""),
    ("3.3.1", "Tendido de cañerías troncales", 25, [("3.2.4", "FC", 0)], "Empresa contratista"),
    ("3.3.2", "Conexiones domiciliarias", 20, [("3.3.1", "CC", 10)], "Empresa contratista"),
    ("3.3.3", "Fiscalización de obra", 30, [("3.3.1", "CC", 0)], "Dirección de Obras"),
    ("4", "Regularización dominial", None, [], ""),
    ("4.1", "Mensura de los lotes", 15, [("2.2", "FC", 0)], "Dirección de Catastro"),
    ("4.2", "Gestión de títulos ante el INDERT", 30, [("4.1", "FC", 5)], "INDERT"),
    ("4.3", "Entrega de títulos en acto público", 1, [("4.2", "FC", 0)], "Intendencia"),
    ("5", "Fortalecimiento comunitario", None, [], ""),
    ("5.1", "Talleres de organización vecinal", 20, [("1.4", "FC", 5)], "Comisión vecinal"),
    ("5.2", "Formar la comisión de control comunitario", 5, [("5.1", "CF", 3)], "Coordinación Municipal"),
    ("5.3", "Capacitación en mantenimiento de la red", 6, [("3.3.2", "FF", 0)], "ESSAP"),
    ("6", "Seguimiento y cierre", None, [], ""),
    ("6.1", "Informes trimestrales a la Junta Municipal", 3, [("3.2.3", "FC", 0)], "Coordinación Municipal"),
    ("6.2", "Evaluación final con la comunidad", 4, [("3.3.3", "FC", 0), ("4.3", "FC", 0)], "Coordinación Municipal"),
    ("6.3", "Rendición de cuentas pública", 2, [("6.2", "FC", 0)], "Intendencia"),
    ("6.4", "Informe de cierre del plan", 3, [("6.3", "FC", 0)], "Dirección de Planificación"),
]


def _reales(filas: list[Fila]) -> list:
    """The same rows as the service's FilaActividad (what the page passes to the Gantt)."""
    from dataclasses import fields

    from nucleo.servicios.actividades import FilaActividad

    nombres = [c.name for c in fields(FilaActividad)]
    return [FilaActividad(**{n: getattr(f, n) for n in nombres}) for f in filas]


def filas_realistas(cal: Calendario, inicio: date = INICIO, hoy: date = HOY) -> list:
    """40 actividades de un plan de barrio: 3 niveles, vínculos de los cuatro tipos, 2 hitos, línea base."""
    filas: list[Fila] = []
    por_codigo: dict[str, Fila] = {}
    for n, (codigo, nombre, duracion, preds, responsable) in enumerate(PLAN, start=1):
        padre = por_codigo.get(codigo.rsplit(".", 1)[0]) if "." in codigo else None
        f = Fila(n, codigo, codigo.count("."), padre.id if padre else None, duracion is None, nombre,
                 duracion or 0, duracion == 0, responsable=responsable,
                 predecesoras=tuple((por_codigo[c].id, t, lag) for c, t, lag in preds))
        filas.append(f)
        por_codigo[codigo] = f
    # Summaries' dates come from their children; programar() needs each detail after its predecessors.
    detalle = [f for f in filas if not f.es_resumen]
    orden = {f.id: k for k, f in enumerate(detalle)}
    assert all(orden[p] < orden[f.id] for f in detalle for p, _t, _l in f.predecesoras)
    programar(filas, cal, inicio, hoy)
    _progreso(filas, hoy)
    programar(filas, cal, inicio, hoy)  # summaries' progress
    corr = {por_codigo[c].id: k for c, k in (("2.1.3", 2), ("2.1.4", 3), ("3.1.2", 4), ("3.1.3", 4), ("3.1.4", 4),
                                             ("3.2.1", 5), ("3.2.2", 5), ("1.3", 1), ("1.4", 1))}
    _linea_base(filas, cal, corr)
    return _reales(filas)


def filas_sinteticas(n: int, cal: Calendario, inicio: date = INICIO, hoy: date = HOY, semilla: int = 5) -> list:
    """n filas: bloques de un resumen con 3 subresúmenes de 5 tareas (la última, a veces un hito), en cadenas de
    unas 40 tareas con vínculos de los cuatro tipos y desfases."""
    azar = random.Random(semilla)
    filas: list[Fila] = []
    anteriores: list[int] = []
    bloque = 0
    while len(filas) < n:
        bloque += 1
        raiz = Fila(len(filas) + 1, str(bloque), 0, None, True, f"Componente {bloque} del plan")
        filas.append(raiz)
        for k in range(1, 4):
            if len(filas) >= n:
                break
            sub = Fila(len(filas) + 1, f"{bloque}.{k}", 1, raiz.id, True, f"Producto {bloque}.{k}")
            filas.append(sub)
            for j in range(1, 6):
                if len(filas) >= n:
                    break
                hito = j == 5 and azar.random() < 0.3
                preds = []
                # Chains of about 40 tasks that start with the plan: a 2,000-task plan lasts about two years.
                cadena = anteriores[len(anteriores) - len(anteriores) % 40:]
                if cadena:
                    tipo = azar.choices(("FC", "CC", "FF", "CF"), (80, 10, 8, 2))[0]
                    lag = azar.choice((0, 0, 0, 1, 2, -1)) if tipo != "CF" else 3
                    preds.append((cadena[-1], tipo, lag))
                    if len(cadena) > 4 and azar.random() < 0.3:
                        preds.append((cadena[-azar.randint(2, len(cadena))], "FC", 0))
                f = Fila(len(filas) + 1, f"{bloque}.{k}.{j}", 2, sub.id, False,
                         f"Tarea {bloque}.{k}.{j}: relevar, gestionar y documentar lo acordado",
                         0 if hito else azar.randint(1, 15), hito, responsable="Dirección de Obras",
                         predecesoras=tuple(preds))
                filas.append(f)
                anteriores.append(f.id)
        if filas[-1].es_resumen:  # a summary with no children left at the cut
            filas.pop()
    programar(filas, cal, inicio, hoy)
    _progreso(filas, hoy)
    _linea_base(filas, cal, {f.id: azar.choice((0, 0, 1, 2)) for f in filas})
    return _reales(filas)


# -- medición ---------------------------------------------------------------------------------------------------

def _mediana(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def _pintado(widget, veces: int = 5) -> float:
    """Mean time of a full repaint (grab() paints the whole widget) over a few grabs."""
    t = time.perf_counter()
    for _ in range(veces):
        widget.grab()
    return (time.perf_counter() - t) / veces


def medir(n: int, repeticiones: int, app) -> dict:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QBrush, QColor, QPen, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsView, QSplitter, QTableView

    from ui.widgets.gantt import VistaGantt

    cal = Calendario()
    filas = filas_sinteticas(n, cal)
    vista = VistaGantt()
    vista.resize(1280, 800)
    vista.show()
    app.processEvents()
    vista.cargar(filas, cal, INICIO, HOY)  # warm-up (fonts, holidays of every year in range)
    app.processEvents()
    vista.grab()
    piso = QGraphicsView()
    piso.resize(1280, 800)
    piso.show()
    app.processEvents()
    modelo_simple = QStandardItemModel(len(filas), 6)
    for k, f in enumerate(filas):
        for c, texto in enumerate((f.codigo, f.nombre, str(f.duracion), str(f.inicio), str(f.fin),
                                   str(f.holgura_total))):
            modelo_simple.setItem(k, c, QStandardItem(texto))
    lista = QTableView()
    lista.setModel(modelo_simple)
    lista.verticalHeader().setDefaultSectionSize(vista.grafico().item.alto)
    vista_lista = QGraphicsView()
    piso_con_lista = QSplitter()
    piso_con_lista.addWidget(lista)
    piso_con_lista.addWidget(vista_lista)
    piso_con_lista.setSizes([520, 760])
    piso_con_lista.resize(1280, 800)
    piso_con_lista.show()
    tiempos: dict[str, list[float]] = {"cargar": [], "pintar": [], "pintar_grafico": [], "piso_cargar": [],
                                       "piso_pintar": [], "piso_con_lista_pintar": []}
    relleno, pluma = QBrush(QColor("#1565c0")), QPen(QColor("#0d47a1"))
    for _ in range(repeticiones):
        gc.collect()
        t = time.perf_counter()
        vista.cargar(filas, cal, INICIO, HOY)
        app.processEvents()
        tiempos["cargar"].append(time.perf_counter() - t)
        vista.grab()  # layout settled before timing the paint
        tiempos["pintar"].append(_pintado(vista))
        tiempos["pintar_grafico"].append(_pintado(vista.grafico()))

        gc.collect()
        t = time.perf_counter()
        escena = QGraphicsScene()
        for k, f in enumerate(filas):
            x = (f.inicio - INICIO).days * 7.0 if f.inicio else 0.0
            w = max(2.0, ((f.fin - f.inicio).days + 1) * 7.0) if f.inicio else 2.0
            item = QGraphicsRectItem(QRectF(x, k * 26 + 6, w, 14))
            item.setBrush(relleno)
            item.setPen(pluma)
            escena.addItem(item)
        piso.setScene(escena)
        vista_lista.setScene(escena)
        app.processEvents()
        tiempos["piso_cargar"].append(time.perf_counter() - t)
        piso.grab()
        tiempos["piso_pintar"].append(_pintado(piso))
        # A fairer floor for the whole widget: a plain QTableView with the same texts beside the bare view.
        gc.collect()
        tiempos["piso_con_lista_pintar"].append(_pintado(piso_con_lista))
    vista.close()
    piso.close()
    piso_con_lista.close()
    r = {k: _mediana(v) for k, v in tiempos.items()}
    r["filas"] = n
    r["vinculos"] = sum(len(f.predecesoras) for f in filas)
    r["relacion_cargar"] = r["cargar"] / r["piso_cargar"]
    r["relacion_pintar"] = r["pintar"] / r["piso_pintar"]
    r["relacion_pintar_grafico"] = r["pintar_grafico"] / r["piso_pintar"]
    r["relacion_pintar_con_lista"] = r["pintar"] / r["piso_con_lista_pintar"]
    return r


def capturas(carpeta: Path, app) -> list[Path]:
    """El plan realista a 1280×800 en cada zoom, y con la línea base."""
    from ui.widgets.gantt import VistaGantt

    carpeta.mkdir(parents=True, exist_ok=True)
    cal = Calendario({date(2026, 11, 20): "Fiesta patronal de Villeta"})
    filas = filas_realistas(cal)
    vista = VistaGantt()
    vista.resize(1280, 800)
    vista.show()
    vista.cargar(filas, cal, INICIO, HOY)
    vista.seleccionar(filas[9].id)
    salida = []
    for zoom in ("dia", "semana", "mes", "trimestre"):
        vista.fijar_zoom(zoom)
        vista.ir_al_inicio()
        app.processEvents()
        ruta = carpeta / f"gantt_{zoom}.png"
        vista.grab().save(str(ruta))
        salida.append(ruta)
    vista.mostrar_linea_base(True)
    for zoom in ("semana", "dia"):
        vista.fijar_zoom(zoom)
        vista.ir_al_inicio()
        app.processEvents()
        ruta = carpeta / f"gantt_{zoom}_linea_base.png"
        vista.grab().save(str(ruta))
        salida.append(ruta)
    vista.close()
    return salida


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--filas", type=int, nargs="*", default=[2000, 10000])
    parser.add_argument("-n", type=int, default=5, help="repeticiones (mediana)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--capturas", type=Path)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.capturas:
        for ruta in capturas(args.capturas, app):
            print(ruta)
    resultados = [medir(n, args.n, app) for n in args.filas]
    for r in resultados:
        print(f"{r['filas']:>6} actividades ({r['vinculos']} vínculos): cargar {r['cargar']:7.1f} ms "
              f"(piso {r['piso_cargar']:6.1f} ms, {r['relacion_cargar']:.2f}×) · repintado 1280×800 "
              f"{r['pintar']:6.1f} ms ({r['relacion_pintar']:.2f}×), solo el gráfico {r['pintar_grafico']:5.1f} ms "
              f"({r['relacion_pintar_grafico']:.2f}×), piso {r['piso_pintar']:5.1f} ms; frente a lista + vista "
              f"peladas {r['piso_con_lista_pintar']:5.1f} ms ({r['relacion_pintar_con_lista']:.2f}×)")
    if args.json:
        print(json.dumps(resultados))
    return 0


if __name__ == "__main__":
    sys.exit(main())
