"""El motor del cronograma (`nucleo.cronograma`): casos calculados a mano en días hábiles enteros (fin exclusivo),
los cuatro tipos de dependencia con desfase positivo y negativo, holguras, hitos, inicios fijos, ciclos, el paso a
fechas sobre el calendario de Paraguay y una propiedad sobre redes al azar (con semilla)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from nucleo.calendario import Calendario
from nucleo.cronograma import (
    Calculo,
    CicloError,
    Conflicto,
    Programa,
    Tarea,
    Vinculo,
    encontrar_ciclo,
    fechas,
    programar,
)
from nucleo.errores import ErrorDeUsuario


def tareas(**duraciones: int) -> list[Tarea]:
    """Tareas con id = posición (1, 2, …) y nombre = la clave; ids() da el id de cada nombre."""
    return [Tarea(i, d, None, nombre) for i, (nombre, d) in enumerate(duraciones.items(), start=1)]


def ids(lista: list[Tarea]) -> dict[str, int]:
    return {t.nombre: t.id for t in lista}


def fila(c: Calculo) -> tuple[int, int, int, int, int, int, bool]:
    return (c.inicio, c.fin, c.inicio_tardio, c.fin_tardio, c.holgura_total, c.holgura_libre, c.critica)


def test_cadena_fin_comienzo():
    t = tareas(A=3, B=2, C=4)
    i = ids(t)
    p = programar(t, [Vinculo(i["A"], i["B"]), Vinculo(i["B"], i["C"])])
    assert fila(p.tareas[i["A"]]) == (0, 3, 0, 3, 0, 0, True)
    assert fila(p.tareas[i["B"]]) == (3, 5, 3, 5, 0, 0, True)
    assert fila(p.tareas[i["C"]]) == (5, 9, 5, 9, 0, 0, True)
    assert p.fin == 9
    assert p.ruta_critica == [i["A"], i["B"], i["C"]]
    assert p.conflictos == []
    # A lag of 2 working days between B and C pushes C and the plan end.
    p = programar(t, [Vinculo(i["A"], i["B"]), Vinculo(i["B"], i["C"], "FC", 2)])
    assert (p.tareas[i["C"]].inicio, p.fin) == (7, 11)


def test_comienzo_comienzo_positivo_y_negativo():
    t = tareas(A=5, B=3)
    i = ids(t)
    p = programar(t, [Vinculo(i["A"], i["B"], "CC", 2)])
    assert fila(p.tareas[i["B"]]) == (2, 5, 2, 5, 0, 0, True)
    assert fila(p.tareas[i["A"]]) == (0, 5, 0, 5, 0, 0, True)
    # Negative lag: Z may start one day before Y starts.
    t = tareas(X=4, Y=2, Z=3)
    i = ids(t)
    p = programar(t, [Vinculo(i["X"], i["Y"]), Vinculo(i["Y"], i["Z"], "CC", -1)])
    assert fila(p.tareas[i["Z"]]) == (3, 6, 3, 6, 0, 0, True)
    assert fila(p.tareas[i["Y"]]) == (4, 6, 4, 6, 0, 0, True)
    assert p.fin == 6


def test_fin_fin_positivo_y_negativo():
    t = tareas(A=5, B=2)
    i = ids(t)
    p = programar(t, [Vinculo(i["A"], i["B"], "FF", 1)])
    # B ends one day after A ends: [4, 6).
    assert fila(p.tareas[i["B"]]) == (4, 6, 4, 6, 0, 0, True)
    assert fila(p.tareas[i["A"]]) == (0, 5, 0, 5, 0, 0, True)
    p = programar(t, [Vinculo(i["A"], i["B"], "FF", -2)])
    # B may end two days before A ends: [1, 3); the plan ends with A, so B has 2 days of slack.
    assert fila(p.tareas[i["B"]]) == (1, 3, 3, 5, 2, 2, False)
    assert fila(p.tareas[i["A"]]) == (0, 5, 0, 5, 0, 0, True)
    assert p.fin == 5 and p.ruta_critica == [i["A"]]


def test_comienzo_fin_positivo_y_negativo():
    t = tareas(P=3, A=5, B=2)
    i = ids(t)
    p = programar(t, [Vinculo(i["P"], i["A"]), Vinculo(i["A"], i["B"], "CF", 4)])
    # B ends at least 4 days after A starts (3): end 7, so [5, 7); the plan ends with A at 8.
    assert fila(p.tareas[i["B"]]) == (5, 7, 6, 8, 1, 1, False)
    assert fila(p.tareas[i["A"]]) == (3, 8, 3, 8, 0, 0, True)
    assert p.fin == 8
    t = tareas(P=3, A=5, B=1)
    i = ids(t)
    p = programar(t, [Vinculo(i["P"], i["A"]), Vinculo(i["A"], i["B"], "CF", -1)])
    # B may end one day before A starts: end 2, so [1, 2).
    assert fila(p.tareas[i["B"]]) == (1, 2, 7, 8, 6, 6, False)
    assert p.ruta_critica == [i["P"], i["A"]]


def test_ramas_paralelas_holgura_total_y_libre():
    # S → L → E (long branch) and S → K → M → E (short branch).
    t = tareas(S=2, L=6, K=2, M=1, E=1)
    i = ids(t)
    v = [Vinculo(i["S"], i["L"]), Vinculo(i["L"], i["E"]), Vinculo(i["S"], i["K"]), Vinculo(i["K"], i["M"]),
         Vinculo(i["M"], i["E"])]
    p = programar(t, v)
    assert p.fin == 9
    assert fila(p.tareas[i["E"]]) == (8, 9, 8, 9, 0, 0, True)
    # K can slip 3 days without delaying the plan, but any slip moves M: free slack 0.
    assert fila(p.tareas[i["K"]]) == (2, 4, 5, 7, 3, 0, False)
    # M is the last of the short branch: its slack is all free.
    assert fila(p.tareas[i["M"]]) == (4, 5, 7, 8, 3, 3, False)
    assert p.ruta_critica == [i["S"], i["L"], i["E"]]


def test_hito_despues_de_una_tarea_y_tareas_sueltas():
    t = tareas(A=3, H=0, Suelta=2)
    i = ids(t)
    p = programar(t, [Vinculo(i["A"], i["H"])])
    assert fila(p.tareas[i["H"]]) == (3, 3, 3, 3, 0, 0, True)
    # A task without links starts at 0; with no successors its free slack is fin − its end.
    assert fila(p.tareas[i["Suelta"]]) == (0, 2, 1, 3, 1, 1, False)
    assert p.fin == 3
    assert p.ruta_critica == [i["A"], i["H"]]


def test_inicio_fijo_posterior_se_respeta_y_da_holgura_a_la_predecesora():
    t = [Tarea(1, 3, None, "A"), Tarea(2, 2, 5, "B")]
    p = programar(t, [Vinculo(1, 2)])
    assert p.conflictos == []
    assert (p.tareas[2].inicio, p.tareas[2].fin, p.fin) == (5, 7, 7)
    # The fixed task does not move (late start = its fixed start); A may end as late as 5.
    assert fila(p.tareas[2]) == (5, 7, 5, 7, 0, 0, True)
    assert fila(p.tareas[1]) == (0, 3, 2, 5, 2, 2, False)


def test_inicio_fijo_anterior_a_lo_requerido_se_conserva_e_informa():
    t = [Tarea(1, 3, None, "1.1 Diagnóstico"), Tarea(2, 2, 1, "1.2 Taller")]
    p = programar(t, [Vinculo(1, 2)])
    assert p.tareas[2].inicio == 1 and p.tareas[2].fin == 3
    assert p.conflictos == [Conflicto(2, 1, 3, p.conflictos[0].mensaje)]
    assert p.conflictos[0].mensaje == (
        "1.2 Taller tiene inicio fijo a 1 día hábil del inicio del plan, pero sus predecesoras la llevan "
        "2 días hábiles más tarde (a 3 días hábiles).")
    # The predecessor would have to end before the fixed start: negative slack, critical.
    assert p.tareas[1].holgura_total == -2 and p.tareas[1].critica
    assert p.tareas[1].inicio_tardio == -2
    # A fixed start may be before the plan start, and without links it is no conflict.
    p = programar([Tarea(7, 2, -3, "Antes")], [])
    assert fila(p.tareas[7]) == (-3, -1, -3, -1, 0, 0, True) and p.conflictos == [] and p.fin == -1


def test_ciclo_nombra_las_actividades_en_orden():
    t = [Tarea(10, 2, None, "1.1 Convocatoria"), Tarea(20, 3, None, "1.2 Taller"), Tarea(30, 1, None, "1.3 Informe")]
    v = [Vinculo(10, 20), Vinculo(20, 30), Vinculo(30, 20, "CC", 0)]
    assert encontrar_ciclo(t, v) == [20, 30]
    with pytest.raises(CicloError) as exc:
        programar(t, v)
    assert isinstance(exc.value, ErrorDeUsuario)
    assert exc.value.mensaje == ("Las dependencias forman un ciclo: 1.2 Taller → 1.3 Informe → 1.2 Taller. "
                                 "Quite o cambie una de ellas.")
    assert exc.value.ciclo == [20, 30]
    # A longer cycle, reached from a task outside it, is given in link order from its first task.
    v = [Vinculo(10, 30), Vinculo(30, 20), Vinculo(20, 10)]
    assert encontrar_ciclo(t, v) == [10, 30, 20]
    assert encontrar_ciclo(t, [Vinculo(20, 20)]) == [20]
    assert encontrar_ciclo(t, [Vinculo(10, 20), Vinculo(10, 30)]) is None


def test_entrada_vacia_y_errores_de_programa():
    assert programar([], []) == Programa({}, 0, [], [])
    assert encontrar_ciclo([], []) is None
    t = tareas(A=1, B=1)
    with pytest.raises(ValueError):
        programar(t, [Vinculo(1, 99)])
    with pytest.raises(ValueError):
        programar(t, [Vinculo(1, 2, "XX")])
    with pytest.raises(ValueError):
        programar([Tarea(1, 1), Tarea(1, 2)], [])


def test_vinculo_repetido_gana_el_ultimo():
    t = tareas(A=3, B=2)
    p = programar(t, [Vinculo(1, 2, "FC", 5), Vinculo(1, 2, "CC", 1)])
    assert p.tareas[2].inicio == 1


def test_fechas_sobre_el_calendario_de_paraguay_con_feriado():
    cal = Calendario()
    inicio = date(2026, 12, 24)  # Thursday; Friday 25 is Christmas, then the weekend
    t = tareas(Taller=3, Listo=0, Informe=2)
    i = ids(t)
    p = programar(t, [Vinculo(i["Taller"], i["Listo"])])
    taller = fechas(cal, inicio, p.tareas[i["Taller"]], 3)
    assert taller == (date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 24), date(2026, 12, 29))
    # The milestone sits on the day its predecessor ends.
    assert fechas(cal, inicio, p.tareas[i["Listo"]], 0) == (date(2026, 12, 29),) * 4
    # Informe (no links) may start as late as 28/12 and still end with the plan on 29/12.
    assert fechas(cal, inicio, p.tareas[i["Informe"]], 2) == (
        date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 28), date(2026, 12, 29))
    # A milestone at the plan start shows on the first day.
    hito = programar([Tarea(1, 0)], []).tareas[1]
    assert fechas(cal, inicio, hito, 0) == (date(2026, 12, 24),) * 4


def _red_al_azar(r: random.Random, n: int, m: int, fijos: bool) -> tuple[list[Tarea], list[Vinculo]]:
    # Links only go from a lower to a higher position in a hidden order, so the network is acyclic.
    posicion = list(range(n))
    r.shuffle(posicion)
    lista = [Tarea(100 + k, r.choice([0, 1, 2, 3, 5, 8, 13]), r.randint(-2, 30) if fijos and r.random() < 0.15
                   else None, f"T{k}") for k in range(n)]
    vinculos = []
    for _ in range(m if n > 1 else 0):
        a, b = r.sample(range(n), 2)
        if posicion[a] > posicion[b]:
            a, b = b, a
        vinculos.append(Vinculo(100 + a, 100 + b, r.choice(("FC", "FC", "CC", "FF", "CF")), r.randint(-4, 6)))
    return lista, vinculos


def _respeta(p: int, q: int, v: Vinculo, inicio: dict[int, int], fin: dict[int, int]) -> bool:
    if v.tipo == "FC":
        return inicio[q] >= fin[p] + v.desfase
    if v.tipo == "CC":
        return inicio[q] >= inicio[p] + v.desfase
    if v.tipo == "FF":
        return fin[q] >= fin[p] + v.desfase
    return fin[q] >= inicio[p] + v.desfase


@pytest.mark.parametrize("semilla", range(12))
def test_propiedad_redes_al_azar(semilla):
    r = random.Random(semilla)
    lista, vinculos = _red_al_azar(r, r.randint(1, 60), r.randint(0, 150), fijos=False)
    p = programar(lista, vinculos)
    c = p.tareas
    ultimo = {(v.predecesora, v.sucesora): v for v in vinculos}  # duplicates: the last wins
    temprano_i = {k: x.inicio for k, x in c.items()}
    temprano_f = {k: x.fin for k, x in c.items()}
    tardio_i = {k: x.inicio_tardio for k, x in c.items()}
    tardio_f = {k: x.fin_tardio for k, x in c.items()}
    for (a, b), v in ultimo.items():
        assert _respeta(a, b, v, temprano_i, temprano_f), v
        assert _respeta(a, b, v, tardio_i, tardio_f), v
    for t in lista:
        x = c[t.id]
        assert x.fin - x.inicio == t.duracion == x.fin_tardio - x.inicio_tardio
        assert x.inicio >= 0 and x.fin_tardio <= p.fin
        assert 0 <= x.holgura_libre <= x.holgura_total == x.inicio_tardio - x.inicio
        assert x.critica == (x.holgura_total == 0)
    assert p.fin == max(x.fin for x in c.values())
    # Early starts are as early as possible: each one is 0 or pinned by a link.
    for t in lista:
        entrantes = [v for (a, b), v in ultimo.items() if b == t.id]
        assert c[t.id].inicio == 0 or any(
            not _respeta(v.predecesora, t.id, v, {**temprano_i, t.id: c[t.id].inicio - 1},
                         {**temprano_f, t.id: c[t.id].fin - 1}) for v in entrantes)
    assert p.ruta_critica == sorted((k for k, x in c.items() if x.critica), key=lambda k: (c[k].inicio, k))
    assert p.ruta_critica  # someone always ends the plan


@pytest.mark.parametrize("semilla", range(6))
def test_propiedad_con_inicios_fijos(semilla):
    r = random.Random(1000 + semilla)
    lista, vinculos = _red_al_azar(r, 40, 90, fijos=True)
    p = programar(lista, vinculos)
    ultimo = {(v.predecesora, v.sucesora): v for v in vinculos}
    en_conflicto = {x.tarea for x in p.conflictos}
    inicio = {k: x.inicio for k, x in p.tareas.items()}
    fin = {k: x.fin for k, x in p.tareas.items()}
    for t in lista:
        x = p.tareas[t.id]
        if t.inicio_fijo is not None:
            assert x.inicio == x.inicio_tardio == t.inicio_fijo
        # A link may be broken only where its successor has a fixed start reported as a conflict.
    for (a, b), v in ultimo.items():
        assert _respeta(a, b, v, inicio, fin) or b in en_conflicto
    for conflicto in p.conflictos:
        assert conflicto.inicio_requerido > conflicto.inicio_fijo == inicio[conflicto.tarea]
        assert next(t for t in lista if t.id == conflicto.tarea).nombre in conflicto.mensaje
