"""Reglas de geometría de la grilla de poder e interés: funciones puras sobre rectángulos `(x, y, ancho, alto)`
con y hacia abajo, como en la pantalla, y los colores y textos de los ejes. Sin Qt: la vista
(`ui.widgets.grilla_poder_interes`) las dibuja y la versión PDF las usa (o las copia) para que el papel y la
pantalla coincidan; en reportlab, donde y crece hacia arriba, basta reflejar: `y_pdf = alto_pagina - y - alto`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nucleo.i18n import N_
from nucleo.servicios.actores import UMBRAL_ALTO, FilaActor

PUNTAJE_MINIMO, PUNTAJE_MAXIMO = 1, 5
DIVISIONES = PUNTAJE_MAXIMO - PUNTAJE_MINIMO + 1  # 5 columnas (interés) × 5 filas (influencia)

# Which corner each quadrant takes: (alta influencia = arriba, alto interés = derecha). A score of UMBRAL_ALTO (3)
# or more is "high" — the same rule as nucleo.servicios.actores.cuadrante, so the split line runs between 2 and 3
# and the "high" side is three cells wide, the "low" side two.
POSICION_CUADRANTE: dict[str, tuple[bool, bool]] = {
    "gestionar": (True, True),  # arriba a la derecha
    "satisfacer": (True, False),  # arriba a la izquierda
    "informar": (False, True),  # abajo a la derecha
    "monitorear": (False, False),  # abajo a la izquierda
}

# Soft tints so the points stay the strongest colour on the page (and print well); each title uses a dark shade of
# its own tint. Hues are chosen away from the stance colours (green / red) so a tint never reads as a stance.
COLORES_CUADRANTE: dict[str, tuple[str, str]] = {  # clave -> (fondo, texto del título)
    "gestionar": ("#fdefd8", "#7a4f00"),
    "satisfacer": ("#efeaf8", "#4f3a80"),
    "informar": ("#e4eff9", "#1d4f80"),
    "monitorear": ("#eff1f4", "#4e5863"),
}

# Stance: colour plus a white mark inside the circle (+ / −), so it also reads in black and white and for people
# who do not tell red from green.
COLORES_POSTURA: dict[str, str] = {"apoya": "#2e7d32", "neutral": "#5f7d95", "se_opone": "#c62828"}
MARCA_POSTURA: dict[str, str] = {"apoya": "+", "neutral": "", "se_opone": "−"}
ORDEN_POSTURAS = ("apoya", "neutral", "se_opone")

EJE_X = N_("Interés")
EJE_Y = N_("Influencia (poder)")
SENTIDO_EJE = N_("bajo → alto")

MAXIMO_EN_AYUDA = 25  # names listed in the tooltip of a «+k» badge; the rest are counted

Rect = tuple[float, float, float, float]  # (x, y, ancho, alto), y hacia abajo


def acotar(puntaje: int) -> int:
    """Un puntaje fuera de 1-5 (dato viejo o importado) se dibuja en el borde más cercano."""
    return max(PUNTAJE_MINIMO, min(PUNTAJE_MAXIMO, int(puntaje)))


def es_alto(puntaje: int) -> bool:
    return puntaje >= UMBRAL_ALTO


def rect_celda(area: Rect, interes: int, influencia: int) -> Rect:
    """La celda de (interés, influencia) dentro del área de las 5 × 5 celdas; influencia 5 es la fila de arriba."""
    x, y, w, h = area
    cw, ch = w / DIVISIONES, h / DIVISIONES
    return (x + (acotar(interes) - PUNTAJE_MINIMO) * cw, y + (PUNTAJE_MAXIMO - acotar(influencia)) * ch, cw, ch)


def celda_en(area: Rect, px: float, py: float) -> tuple[int, int] | None:
    """(interés, influencia) de la celda que contiene el punto, o None si cae fuera del área."""
    x, y, w, h = area
    if not (x <= px < x + w and y <= py < y + h):
        return None
    col = int((px - x) / (w / DIVISIONES))
    fila = int((py - y) / (h / DIVISIONES))
    return PUNTAJE_MINIMO + min(col, DIVISIONES - 1), PUNTAJE_MAXIMO - min(fila, DIVISIONES - 1)


def corte(area: Rect) -> tuple[float, float]:
    """(x, y) de las dos líneas que separan los cuadrantes: entre UMBRAL_ALTO - 1 y UMBRAL_ALTO en cada eje."""
    x, y, w, h = area
    bajos = UMBRAL_ALTO - PUNTAJE_MINIMO  # cells on the low side (2)
    return x + w * bajos / DIVISIONES, y + h * (DIVISIONES - bajos) / DIVISIONES


def rect_cuadrante(area: Rect, clave: str, banda: float = 0.0) -> Rect:
    """El rectángulo de un cuadrante; `banda` agrega arriba (o abajo) la franja donde va su título."""
    x, y, w, h = area
    cx, cy = corte(area)
    arriba, derecha = POSICION_CUADRANTE[clave]
    x0, x1 = (cx, x + w) if derecha else (x, cx)
    y0, y1 = (y - banda, cy) if arriba else (cy, y + h + banda)
    return (x0, y0, x1 - x0, y1 - y0)


@dataclass(frozen=True)
class Reparto:
    """Cómo se divide el interior de una celda en ranuras (una por punto con su nombre)."""

    columnas: int  # as many as fit with a readable label
    filas: int
    ancho_minimo: float
    ancho_maximo: float
    alto: float  # of each slot

    @property
    def capacidad(self) -> int:
        return self.columnas * self.filas


def repartir(ancho: float, alto: float, ancho_minimo: float, ancho_maximo: float, alto_ranura: float) -> Reparto:
    """Cuántas ranuras caben en el interior de una celda: columnas de al menos `ancho_minimo`."""
    return Reparto(max(1, int(ancho // ancho_minimo)), max(1, int(alto // alto_ranura)), ancho_minimo, ancho_maximo,
                   alto_ranura)


def posiciones(reparto: Reparto, n: int, ancho: float, alto: float) -> tuple[float, list[tuple[float, float]]]:
    """(ancho de cada ranura, esquina superior izquierda de las primeras `n`), fila por fila, centradas.

    Se usan solo las columnas necesarias: pocos actores van en una columna con el nombre casi entero; más
    columnas (con el nombre más recortado) solo cuando no caben. Determinista: mismo `n`, mismas posiciones.
    """
    n = min(n, reparto.capacidad)
    if n <= 0:
        return 0.0, []
    columnas = min(reparto.columnas, -(-n // reparto.filas))
    ancho_ranura = min(reparto.ancho_maximo, ancho / columnas)
    filas = -(-n // columnas)
    x0 = (ancho - columnas * ancho_ranura) / 2
    y0 = (alto - filas * reparto.alto) / 2
    return ancho_ranura, [(x0 + (i % columnas) * ancho_ranura, y0 + (i // columnas) * reparto.alto)
                          for i in range(n)]


def visibles(ids: Sequence[int], capacidad: int, elegido: int | None) -> tuple[list[int], list[int]]:
    """(mostrados, ocultos): si no caben todos, la última ranura es la insignia «+k» y el elegido nunca se oculta."""
    if len(ids) <= capacidad:
        return list(ids), []
    cuantos = max(0, capacidad - 1)
    mostrados, ocultos = list(ids[:cuantos]), list(ids[cuantos:])
    if elegido is not None and elegido in ocultos and mostrados:
        ocultos.remove(elegido)
        ocultos.insert(0, mostrados.pop())
        mostrados.append(elegido)
    return mostrados, ocultos


def texto_punto(fila: FilaActor) -> str:
    """La etiqueta de un punto: la sigla si tiene (corta y conocida), si no el nombre."""
    return fila.sigla.strip() or fila.nombre

