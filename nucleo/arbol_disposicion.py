"""Dónde va cada caja del árbol de problemas: la misma disposición en el editor (Qt) y en el PDF (reportlab).

Python puro, sin Qt ni reportlab: quien dibuja mide sus cajas (ancho fijo, alto según el texto envuelto) y
recibe los centros. Coordenadas con «y» hacia abajo, como en una escena de Qt; el PDF las da vuelta al dibujar.

- El problema central queda en (0, 0); las causas crecen hacia abajo y los efectos hacia arriba, cada lado como
  un árbol ordenado propio (los hijos de izquierda a derecha por `orden`, y por id si empatan).
- Árbol «prolijo» al estilo Reingold–Tilford: cada subárbol se arma por separado y se acerca a su hermano de la
  izquierda hasta que sus contornos, nivel por nivel, quedan a `separacion_h`; el padre queda centrado sobre sus
  hijos. Así dos subárboles nunca se enciman y el árbol no se ensancha más de lo necesario.
- Todas las cajas de un mismo nivel comparten la fila: la altura de cada fila es la de su caja más alta.
- Posición a mano: una caja con `x`/`y` propios va ahí; lo que cuelga de ella (sin posición propia) se desplaza
  lo mismo, porque quien arrastra una causa espera llevarse sus subcausas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Medidas en unidades de la escena (píxeles en pantalla, puntos antes de escalar en el PDF): las mismas en los dos
# lados para que una posición guardada a mano caiga en el mismo lugar en la pantalla y en el papel.
ANCHO_PROBLEMA = 230.0
ANCHO_NODO = 170.0
SEPARACION_H = 18.0  # between neighbouring boxes of a row
SEPARACION_V = 46.0  # between rows (room for the arrows)
RELLENO = 8.0  # inside a box, around its text

# Colores del árbol (mismos en la pantalla y en el papel): el problema, fuerte; causas y efectos, dos tonos suaves.
COLORES_NODO: dict[str, dict[str, str]] = {
    "problema": {"fondo": "#1f3a5f", "borde": "#1f3a5f", "texto": "#ffffff"},
    "causa": {"fondo": "#fdebd3", "borde": "#d08a3a", "texto": "#1f2328"},
    "efecto": {"fondo": "#dcefea", "borde": "#3f8f7e", "texto": "#1f2328"},
}
COLOR_CONECTOR = "#6b7686"
COLOR_INSIGNIA = "#1d5fa8"  # the «linked to a need» badge


@dataclass(frozen=True)
class Caja:
    """Una caja a ubicar. `x`, `y`: centro elegido a mano, o None para la posición automática."""

    id: int
    padre_id: int | None
    tipo: str  # «problema», «causa» o «efecto»
    ancho: float
    alto: float
    orden: int = 0
    x: float | None = None
    y: float | None = None


@dataclass
class _Sub:
    """Un subárbol ya armado: desplazamiento de cada hijo respecto del padre y el contorno por nivel."""

    caja: Caja
    hijos: list[_Sub]
    desplazamientos: list[float]
    contorno: list[tuple[float, float]]  # per depth (0 = this box): (left, right) relative to this box's centre


def _hijos_por_padre(cajas: Iterable[Caja]) -> dict[int | None, list[Caja]]:
    hijos: dict[int | None, list[Caja]] = {}
    for c in cajas:
        hijos.setdefault(c.padre_id, []).append(c)
    for lista in hijos.values():
        lista.sort(key=lambda c: (c.orden, c.id))
    return hijos


def _armar(caja: Caja, hijos_de: Mapping[int | None, list[Caja]], lado: str | None, separacion: float,
           vistos: set[int]) -> _Sub:
    """Arma el subárbol de `caja`. `lado`: el tipo de hijos a seguir («causa»/«efecto»); None = el del hijo."""
    vistos.add(caja.id)
    subs: list[_Sub] = []
    for h in hijos_de.get(caja.id, []):
        if h.id in vistos or (lado is not None and h.tipo != lado):
            continue
        subs.append(_armar(h, hijos_de, lado, separacion, vistos))
    medio = caja.ancho / 2
    if not subs:
        return _Sub(caja, [], [], [(-medio, medio)])
    # Place each child as close to the ones on its left as their contours allow, level by level.
    posiciones = [0.0]
    acumulado = list(subs[0].contorno)
    for sub in subs[1:]:
        x = max(der - sub.contorno[n][0] + separacion for n, (_izq, der) in enumerate(acumulado)
                if n < len(sub.contorno))
        posiciones.append(x)
        for n, (izq, der) in enumerate(sub.contorno):
            if n < len(acumulado):
                acumulado[n] = (acumulado[n][0], x + der)
            else:
                acumulado.append((x + izq, x + der))
    # The parent over the middle of its first and last child.
    centro = (posiciones[0] + posiciones[-1]) / 2
    desplazamientos = [p - centro for p in posiciones]
    contorno = [(-medio, medio)] + [(izq - centro, der - centro) for izq, der in acumulado]
    return _Sub(caja, subs, desplazamientos, contorno)


def _filas(sub: _Sub, nivel: int, altos: dict[int, float]) -> None:
    altos[nivel] = max(altos.get(nivel, 0.0), sub.caja.alto)
    for h in sub.hijos:
        _filas(h, nivel + 1, altos)


def _ubicar(sub: _Sub, x: float, nivel: int, y_de_nivel: Mapping[int, float],
            salida: dict[int, tuple[float, float]]) -> None:
    salida[sub.caja.id] = (x, y_de_nivel[nivel])
    for h, dx in zip(sub.hijos, sub.desplazamientos, strict=True):
        _ubicar(h, x + dx, nivel + 1, y_de_nivel, salida)


def _alturas(raiz_alto: float, altos: Mapping[int, float], separacion: float, sentido: int) -> dict[int, float]:
    """Centro vertical de cada nivel: 0 es la raíz; `sentido` +1 hacia abajo (causas), -1 hacia arriba."""
    y = {0: 0.0}
    borde = raiz_alto / 2
    for nivel in sorted(n for n in altos if n > 0):
        y[nivel] = sentido * (borde + separacion + altos[nivel] / 2)
        borde += separacion + altos[nivel]
    return y


def disposicion_automatica(cajas: Iterable[Caja], separacion_h: float = SEPARACION_H,
                           separacion_v: float = SEPARACION_V) -> dict[int, tuple[float, float]]:
    """Centros automáticos (sin mirar las posiciones a mano) de las cajas alcanzables desde una raíz.

    Raíz: una caja sin padre (o con un padre que no está). Con más de una raíz, cada árbol va a la derecha del
    anterior (no debería pasar: un territorio tiene un solo problema central).
    """
    cajas = list(cajas)
    ids = {c.id for c in cajas}
    hijos_de = _hijos_por_padre(cajas)
    raices = sorted((c for c in cajas if c.padre_id is None or c.padre_id not in ids), key=lambda c: (c.orden, c.id))
    salida: dict[int, tuple[float, float]] = {}
    x_libre: float | None = None
    for raiz in raices:
        vistos: set[int] = set()
        lados: list[tuple[_Sub, int]] = []
        if raiz.tipo == "problema":
            for lado, sentido in (("causa", 1), ("efecto", -1)):
                lados.append((_armar(raiz, hijos_de, lado, separacion_h, vistos), sentido))
                vistos.discard(raiz.id)
        else:
            lados.append((_armar(raiz, hijos_de, None, separacion_h, vistos), 1 if raiz.tipo == "causa" else -1))
        izquierda = min(izq for sub, _s in lados for izq, _d in sub.contorno)
        derecha = max(der for sub, _s in lados for _i, der in sub.contorno)
        x0 = 0.0 if x_libre is None else x_libre - izquierda
        for sub, sentido in lados:
            altos: dict[int, float] = {}
            _filas(sub, 0, altos)
            _ubicar(sub, x0, 0, _alturas(raiz.alto, altos, separacion_v, sentido), salida)
        x_libre = x0 + derecha + separacion_h * 3
    return salida


def disponer(cajas: Iterable[Caja], separacion_h: float = SEPARACION_H, separacion_v: float = SEPARACION_V,
             automatica: Mapping[int, tuple[float, float]] | None = None) -> dict[int, tuple[float, float]]:
    """Centro de cada caja: el automático, salvo donde hay posición a mano (que arrastra a lo que cuelga).

    `automatica`: la disposición automática ya calculada para estas mismas cajas (mientras se arrastra un nodo
    solo cambian las posiciones a mano, no hace falta rehacerla en cada movimiento del ratón).
    """
    cajas = list(cajas)
    auto = automatica if automatica is not None else disposicion_automatica(cajas, separacion_h, separacion_v)
    por_id = {c.id: c for c in cajas}
    hijos_de = _hijos_por_padre(cajas)
    salida: dict[int, tuple[float, float]] = {}

    def recorrer(c: Caja, dx: float, dy: float) -> None:
        ax, ay = auto[c.id]
        if c.x is not None and c.y is not None:
            salida[c.id] = (c.x, c.y)
            dx, dy = c.x - ax, c.y - ay
        else:
            salida[c.id] = (ax + dx, ay + dy)
        for h in hijos_de.get(c.id, []):
            if h.id in auto and h.id not in salida:
                recorrer(h, dx, dy)

    for c in cajas:
        if c.id in auto and (c.padre_id is None or c.padre_id not in por_id):
            recorrer(c, 0.0, 0.0)
    return salida


def limites(cajas: Iterable[Caja], centros: Mapping[int, tuple[float, float]]) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) que encierra todas las cajas ubicadas; (0, 0, 0, 0) si no hay ninguna."""
    xs0, ys0, xs1, ys1 = [], [], [], []
    for c in cajas:
        if c.id in centros:
            x, y = centros[c.id]
            xs0.append(x - c.ancho / 2)
            xs1.append(x + c.ancho / 2)
            ys0.append(y - c.alto / 2)
            ys1.append(y + c.alto / 2)
    if not xs0:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs0), min(ys0), max(xs1), max(ys1))


def conector(hijo: Caja, padre: Caja, centros: Mapping[int, tuple[float, float]],
             separacion_v: float = SEPARACION_V) -> list[tuple[float, float]]:
    """Los puntos de la flecha entre un nodo y su padre, en el sentido causa → efecto (siempre hacia arriba).

    Una causa apunta a su padre (que está arriba); el padre de un efecto apunta al efecto. El trazo es en codo
    (vertical, horizontal, vertical). El tramo horizontal queda a una distancia fija del padre, así las flechas
    de todos los hermanos comparten la misma barra aunque sus cajas tengan altos distintos.
    """
    hx, hy = centros[hijo.id]
    px, py = centros[padre.id]
    if hijo.tipo == "efecto":
        abajo, arriba = (px, py, padre.alto), (hx, hy, hijo.alto)
    else:
        abajo, arriba = (hx, hy, hijo.alto), (px, py, padre.alto)
    x0, y0 = abajo[0], abajo[1] - abajo[2] / 2  # top edge of the lower box
    x1, y1 = arriba[0], arriba[1] + arriba[2] / 2  # bottom edge of the upper box
    if abs(x0 - x1) < 0.5:
        return [(x0, y0), (x1, y1)]
    hueco = y0 - y1
    if hueco <= 0:  # boxes moved by hand so they overlap vertically: a plain elbow through the middle
        medio = (y0 + y1) / 2
    elif hijo.tipo == "efecto":
        medio = y0 - min(separacion_v / 2, hueco / 2)
    else:
        medio = y1 + min(separacion_v / 2, hueco / 2)
    return [(x0, y0), (x0, medio), (x1, medio), (x1, y1)]
