"""Disposición automática del árbol de problemas: lo que el coordinador ve en la pantalla y en el papel."""

from __future__ import annotations

import random

import pytest

from nucleo.arbol_disposicion import (
    SEPARACION_H,
    Caja,
    conector,
    disponer,
    disposicion_automatica,
    limites,
)


def caja(i: int, padre: int | None, tipo: str, orden: int = 0, ancho: float = 100, alto: float = 40,
         x: float | None = None, y: float | None = None) -> Caja:
    return Caja(i, padre, tipo, ancho, alto, orden, x, y)


def se_enciman(a: Caja, b: Caja, centros) -> bool:
    (ax, ay), (bx, by) = centros[a.id], centros[b.id]
    return abs(ax - bx) < (a.ancho + b.ancho) / 2 and abs(ay - by) < (a.alto + b.alto) / 2


def arbol_al_azar(semilla: int, n: int = 120) -> list[Caja]:
    azar = random.Random(semilla)
    cajas = [caja(1, None, "problema", ancho=220, alto=50)]
    por_tipo = {"causa": [1], "efecto": [1]}
    for i in range(2, n + 2):
        tipo = azar.choice(("causa", "causa", "efecto"))
        padre = azar.choice(por_tipo[tipo])
        cajas.append(caja(i, padre, tipo, orden=azar.randint(0, 5), alto=azar.choice((40, 55, 70, 95))))
        por_tipo[tipo].append(i)
    return cajas


def test_problema_en_el_centro_causas_debajo_y_efectos_arriba():
    cajas = [caja(1, None, "problema"), caja(2, 1, "causa"), caja(3, 1, "efecto"), caja(4, 2, "causa"),
             caja(5, 3, "efecto")]
    c = disponer(cajas)
    assert c[1] == (0.0, 0.0)
    assert c[4][1] > c[2][1] > 0  # causes grow downwards (scene y grows down)
    assert c[5][1] < c[3][1] < 0  # effects upwards
    # A single child sits right under (or over) its parent.
    assert c[2][0] == c[4][0] == 0.0
    assert c[3][0] == c[5][0] == 0.0


def test_el_padre_queda_centrado_sobre_sus_hijos_y_los_hermanos_siguen_su_orden():
    cajas = [caja(1, None, "problema"), caja(2, 1, "causa", orden=2), caja(3, 1, "causa", orden=0),
             caja(4, 1, "causa", orden=1)]
    c = disponer(cajas)
    xs = [c[i][0] for i in (3, 4, 2)]
    assert xs == sorted(xs)  # left to right by «orden»
    assert c[1][0] == pytest.approx((xs[0] + xs[-1]) / 2)
    # Neighbours are exactly one gap apart.
    assert xs[1] - xs[0] == pytest.approx(100 + SEPARACION_H)
    # Same row: same centre height.
    assert len({c[i][1] for i in (2, 3, 4)}) == 1


def test_cada_fila_toma_el_alto_de_su_caja_mas_alta():
    cajas = [caja(1, None, "problema", alto=50), caja(2, 1, "causa", alto=90), caja(3, 1, "causa", alto=30),
             caja(4, 3, "causa", alto=40)]
    c = disponer(cajas)
    fila1_abajo = c[2][1] + 45  # the tallest box of row 1
    assert c[4][1] - 20 > fila1_abajo  # row 2 starts below the tallest box of row 1, not the shorter one


@pytest.mark.parametrize("semilla", range(6))
def test_ninguna_caja_se_encima_con_otra_en_arboles_grandes(semilla):
    cajas = arbol_al_azar(semilla)
    c = disponer(cajas)
    assert set(c) == {b.id for b in cajas}
    for i, a in enumerate(cajas):
        for b in cajas[i + 1:]:
            assert not se_enciman(a, b, c), (a.id, b.id)


def test_un_subarbol_estrecho_se_acerca_sin_encimarse():
    # Left: a wide subtree at depth 2; right: a lone cause. The lone one may come as close as its own row allows.
    cajas = [caja(1, None, "problema"), caja(2, 1, "causa"), caja(3, 2, "causa"), caja(4, 2, "causa"),
             caja(5, 2, "causa"), caja(6, 1, "causa")]
    c = disponer(cajas)
    # Row 2 holds 3 boxes under cause 2; cause 6 (row 1) only needs to clear cause 2 and row 2 under it.
    assert c[6][0] - c[2][0] >= 100 + SEPARACION_H
    assert not any(se_enciman(a, b, c) for a in cajas for b in cajas if a.id < b.id)


def test_posicion_a_mano_manda_y_lo_que_cuelga_la_acompana():
    cajas = [caja(1, None, "problema"), caja(2, 1, "causa"), caja(3, 2, "causa"), caja(4, 3, "causa", x=500, y=900)]
    auto = disposicion_automatica(cajas)
    movida = [cajas[0], caja(2, 1, "causa", x=300, y=200), cajas[2], cajas[3]]
    c = disponer(movida)
    assert c[2] == (300, 200)
    dx, dy = 300 - auto[2][0], 200 - auto[2][1]
    assert c[3] == pytest.approx((auto[3][0] + dx, auto[3][1] + dy))  # the sub-cause follows its parent
    assert c[4] == (500, 900)  # a box placed by hand stays where it was put
    # Without hand positions everything is back to the automatic layout.
    assert disponer([caja(b.id, b.padre_id, b.tipo) for b in cajas]) == auto


def test_limites_y_conectores_van_de_la_causa_al_efecto():
    cajas = {1: caja(1, None, "problema"), 2: caja(2, 1, "causa"), 3: caja(3, 1, "efecto"), 4: caja(4, 1, "causa", 1)}
    c = disponer(cajas.values())
    x0, y0, x1, y1 = limites(cajas.values(), c)
    assert x0 < c[2][0] - 49 and x1 > c[4][0] + 49 and y0 < c[3][1] and y1 > c[2][1]
    # Cause -> problem: starts at the cause's top edge, ends (arrow tip) at the problem's bottom edge.
    puntos = conector(cajas[2], cajas[1], c)
    assert puntos[0] == (c[2][0], c[2][1] - 20)
    assert puntos[-1] == (c[1][0], c[1][1] + 20)
    # Problem -> effect: from the problem's top edge to the effect's bottom edge.
    puntos = conector(cajas[3], cajas[1], c)
    assert puntos[0] == (c[1][0], c[1][1] - 20) and puntos[-1] == (c[3][0], c[3][1] + 20)
    # Siblings of different heights share one horizontal bar.
    altas = [caja(1, None, "problema"), caja(2, 1, "causa", 0, alto=40), caja(3, 1, "causa", 1, alto=90)]
    c2 = disponer(altas)
    assert conector(altas[1], altas[0], c2)[1][1] == conector(altas[2], altas[0], c2)[1][1]


def test_arbol_vacio_o_sin_raiz():
    assert disponer([]) == {}
    assert limites([], {}) == (0.0, 0.0, 0.0, 0.0)
    # A node whose parent is missing is laid out as a root of its own (no crash, nothing lost).
    c = disponer([caja(7, 99, "causa"), caja(8, 7, "causa")])
    assert set(c) == {7, 8} and c[8][1] > c[7][1]
