"""Grilla de poder e interés de la matriz de actores: cuatro cuadrantes y los actores como puntos con nombre.

Eje X = interés (1 a 5, de izquierda a derecha); eje Y = influencia o poder (1 a 5, de abajo hacia arriba).
Los puntajes son enteros, así que la grilla es de 5 × 5 celdas y cada actor cae en una celda; dentro de la celda
los puntos se acomodan en ranuras (filas y columnas, en orden alfabético) para que nunca se tapen.

Lo que el usuario hace aquí:
- pasar el ratón sobre un punto: el nombre completo y una ayuda con todos los datos del actor;
- hacer clic: lo elige (`actor_elegido`), y la página lo elige también en la tabla;
- arrastrarlo a otra celda: la celda de destino se ilumina y, al soltar, se emite `movido(id, interés, influencia)`;
  la página llama al servicio (con deshacer) y vuelve a `cargar()`. Este widget nunca cambia datos: después de
  emitir, el punto vuelve a su lugar hasta que llegan los datos nuevos;
- con el teclado: Tab / Mayús+Tab recorren los actores (al pasar el último, el foco sigue al próximo control, así
  el teclado nunca queda atrapado), las flechas cambian el interés (← →) o la influencia (↑ ↓) del elegido en uno
  y Esc cancela un arrastre.
En modo de solo lectura se puede mirar y elegir, pero no arrastrar ni mover con las flechas.

Muchos actores en una celda: se muestran los que caben con su nombre y la última ranura pasa a ser una insignia
«+k» cuya ayuda lista los demás (y cuántos apoyan, son neutrales o se oponen). El actor elegido siempre se ve:
si estaba entre los ocultos, toma la última ranura visible. Así la grilla sigue legible con miles de actores y
nunca hay más elementos gráficos que ranuras en pantalla (unos cientos), sin importar cuántos actores haya.

Las reglas de geometría (`rect_celda`, `celda_en`, `rect_cuadrante`, `corte`, `repartir`, `posiciones`, los
colores y los textos de los ejes) están en `ui.widgets.geometria_grilla`, como funciones puras sin Qt que la
versión PDF de la grilla también usa. Los elementos de la escena (punto, insignia, destino, aviso) están en
`ui.widgets.elementos_grilla`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from nucleo.formato import entero
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.actor import POSTURAS
from nucleo.servicios.actores import CUADRANTES, FilaActor, cuadrante
from ui.estilo import AZUL_ACENTO, BORDE, TEXTO, TEXTO_SECUNDARIO
from ui.widgets.elementos_grilla import (
    RELLENO_CELDA,
    Z_ARRASTRE,
    Aviso,
    Destino,
    Insignia,
    Metricas,
    Punto,
    pintar_marca_postura,
)
from ui.widgets.geometria_grilla import (
    COLORES_CUADRANTE,
    COLORES_POSTURA,
    DIVISIONES,
    EJE_X,
    EJE_Y,
    ORDEN_POSTURAS,
    POSICION_CUADRANTE,
    PUNTAJE_MAXIMO,
    PUNTAJE_MINIMO,
    SENTIDO_EJE,
    Rect,
    Reparto,
    acotar,
    celda_en,
    corte,
    posiciones,
    rect_celda,
    rect_cuadrante,
    repartir,
    visibles,
)

# ================================================================================================================
# La vista
# ================================================================================================================


@dataclass
class _Geometria:
    """Dónde va cada cosa, recalculado solo al cambiar el tamaño o la fuente."""

    total: QRectF  # the whole scene (= the viewport)
    area: QRectF  # the 5 × 5 cells
    banda: float  # height of the quadrant title bands above and below the cells
    reparto: Reparto

    def area_tupla(self) -> Rect:
        return (self.area.x(), self.area.y(), self.area.width(), self.area.height())

    def marco(self) -> QRectF:
        """Las celdas más las franjas de título: todo lo que tiene color de cuadrante."""
        return self.area.adjusted(0, -self.banda, 0, self.banda)


def _qrect(r: Rect) -> QRectF:
    return QRectF(*r)


class GrillaPoderInteres(QGraphicsView):
    """Grilla de poder e interés: `cargar(filas)`, `seleccionar(id)`, `fijar_solo_lectura(bool)`.

    Emite `actor_elegido(id)` al elegir un actor con el ratón o con Tab, y `movido(id, interés, influencia)` al
    soltar un punto en otra celda o moverlo con las flechas.
    """

    actor_elegido = Signal(int)
    movido = Signal(int, int, int)

    ANCHO_MINIMO, ALTO_MINIMO = 380, 300
    PROPORCION_MAXIMA = 2.4  # cell width / height: wider than this the grid is centred instead of stretched
    PROPORCION_MINIMA = 0.75

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._escena = QGraphicsScene(self)
        self.setScene(self._escena)
        self._filas: dict[int, FilaActor] = {}
        self._por_celda: dict[tuple[int, int], list[int]] = {}
        self._orden: list[int] = []  # Tab order: reading order of the cells, then the order inside each cell
        self._celda_de: dict[int, tuple[int, int]] = {}
        self._puntos: dict[int, Punto] = {}
        self._insignias: dict[tuple[int, int], Insignia] = {}
        self._ayudas: dict[int, str] = {}
        self._seleccion: int | None = None
        self._solo_lectura = False
        self._cargado = False
        # Drag state: the point pressed, where, and whether it has moved far enough to be a drag.
        self._presionado: Punto | None = None
        self._inicio = QPointF()
        self._pos_original = QPointF()
        self._arrastrando = False
        self._destino: tuple[int, int] | None = None

        self._m = Metricas.de(self.font())
        self._geo: _Geometria | None = None
        self._marca_destino = Destino(self)
        self._escena.addItem(self._marca_destino)
        self._aviso = Aviso(self)
        self._escena.addItem(self._aviso)

        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # the quadrants: painted once per size
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(self.ANCHO_MINIMO, self.ALTO_MINIMO)
        self.setAccessibleName(_("Grilla de poder e interés"))
        self._reubicar()

    # -- API -------------------------------------------------------------------------------------------------
    def cargar(self, filas: Iterable[FilaActor]) -> None:
        """Muestra estos actores (reemplaza los anteriores); conserva el elegido si sigue estando."""
        self._cancelar_arrastre()
        self._filas = {f.id: f for f in filas}
        self._ayudas.clear()
        por_celda: dict[tuple[int, int], list[FilaActor]] = {}
        for f in self._filas.values():
            por_celda.setdefault((acotar(f.interes), acotar(f.influencia)), []).append(f)
        self._por_celda, self._celda_de = {}, {}
        for celda, lista in por_celda.items():
            lista.sort(key=lambda f: (f.nombre.casefold(), f.id))
            ids = [f.id for f in lista]
            self._por_celda[celda] = ids
            for i in ids:
                self._celda_de[i] = celda
        self._orden = [i for celda in sorted(self._por_celda, key=lambda c: (-c[1], c[0]))
                       for i in self._por_celda[celda]]
        if self._seleccion not in self._filas:
            self._seleccion = None
        self._cargado = True
        self.resetCachedContent()  # the header counts the actors
        self._construir()
        self._describir()

    def seleccionar(self, actor_id: int | None) -> None:
        """Resalta un actor (o ninguno) sin emitir señales: lo llama la página cuando cambia la tabla."""
        if actor_id is not None and actor_id not in self._filas:
            actor_id = None
        if actor_id == self._seleccion:
            return
        anterior, self._seleccion = self._seleccion, actor_id
        celdas = {self._celda_de[i] for i in (anterior, actor_id) if i is not None}
        for celda in celdas:
            # Rebuild only when it changes who is visible: the chosen one always shows, even in a full cell.
            ids = self._por_celda.get(celda, [])
            if len(ids) > self._capacidad():
                self._construir_celda(celda)
        for i, punto in self._puntos.items():
            punto.fijar_resaltado(i == actor_id)
        self._describir()

    def fijar_solo_lectura(self, solo: bool) -> None:
        self._solo_lectura = bool(solo)
        self._cancelar_arrastre()
        self._ayudas.clear()  # their last line invites to drag, or not
        cursor = Qt.CursorShape.PointingHandCursor if solo else Qt.CursorShape.OpenHandCursor
        for punto in self._puntos.values():
            punto.setCursor(cursor)
            punto.setToolTip(self._ayuda(punto.fila))

    # -- consultas (para la página y las pruebas) -----------------------------------------------------------
    def seleccionado(self) -> int | None:
        return self._seleccion

    def solo_lectura(self) -> bool:
        return self._solo_lectura

    def ids_visibles(self) -> list[int]:
        """Los actores dibujados como punto (los demás están en una insignia «+k»)."""
        return list(self._puntos)

    def punto(self, actor_id: int) -> Punto | None:
        return self._puntos.get(actor_id)

    def insignias(self) -> list[Insignia]:
        return list(self._insignias.values())

    def centro_de(self, actor_id: int) -> QPointF | None:
        """Centro del círculo de un actor visible, en coordenadas de la escena."""
        punto = self._puntos.get(actor_id)
        return punto.centro() if punto is not None else None

    def centro_celda(self, interes: int, influencia: int) -> QPointF:
        assert self._geo is not None
        return _qrect(rect_celda(self._geo.area_tupla(), interes, influencia)).center()

    def aviso(self) -> str:
        """El texto del estado vacío que se ve ahora («» si hay actores)."""
        return self._aviso.texto if self._aviso.isVisible() else ""

    # -- construcción ----------------------------------------------------------------------------------------
    def _capacidad(self) -> int:
        return self._geo.reparto.capacidad if self._geo is not None else 0

    def _reubicar(self) -> None:
        """Recalcula la geometría para el tamaño actual y vuelve a acomodar los puntos."""
        self._m = Metricas.de(self.font())
        m = self._m
        w = max(float(self.viewport().width()), float(self.ANCHO_MINIMO))
        h = max(float(self.viewport().height()), float(self.ALTO_MINIMO))
        total = QRectF(0, 0, w, h)
        margen = 12.0
        leyenda = m.fm.height() + 14
        ancho_eje_y = m.fm_negrita.height() + 8 + m.fm.horizontalAdvance("5") + 10
        alto_eje_x = m.fm.height() + 6 + m.fm_negrita.height() + 6
        banda = m.fm_titulo.height() + 10
        x0, y0 = margen + ancho_eje_y, margen + leyenda + banda
        ancho = w - x0 - margen
        alto = h - y0 - banda - alto_eje_x - margen
        ancho, alto = max(ancho, DIVISIONES * 20.0), max(alto, DIVISIONES * 16.0)
        # Keep cells in a sensible shape: a very wide window centres the grid instead of stretching it.
        if ancho / alto > self.PROPORCION_MAXIMA:
            nuevo = alto * self.PROPORCION_MAXIMA
            x0 += (ancho - nuevo) / 2
            ancho = nuevo
        elif ancho / alto < self.PROPORCION_MINIMA:
            nuevo = ancho / self.PROPORCION_MINIMA
            y0 += (alto - nuevo) / 2
            alto = nuevo
        area = QRectF(x0, y0, ancho, alto)
        celda_w, celda_h = ancho / DIVISIONES, alto / DIVISIONES
        reparto = repartir(celda_w - 2 * RELLENO_CELDA, celda_h - 2 * RELLENO_CELDA, m.ancho_minimo,
                           m.ancho_maximo, m.alto_ranura)
        self._geo = _Geometria(total, area, banda, reparto)
        self._escena.setSceneRect(total)
        self.resetCachedContent()
        self._construir()

    def _construir(self) -> None:
        if self._geo is None:
            return
        vigentes = set(self._por_celda)
        for celda in [c for c in self._insignias if c not in vigentes]:
            self._escena.removeItem(self._insignias.pop(celda))
        sobran = [i for i in self._puntos if i not in self._filas or self._filas[i] is not self._puntos[i].fila]
        for i in sobran:
            self._escena.removeItem(self._puntos.pop(i))
        for celda in self._por_celda:
            self._construir_celda(celda)
        if not self._filas:
            texto = _("Todavía no hay actores en la matriz. Agréguelos (o impórtelos de una planilla) y aparecerán "
                      "aquí según su interés e influencia.") if self._cargado else ""
        else:
            texto = ""
        self._aviso.fijar(texto, self._geo.area)
        self.viewport().update()

    def _construir_celda(self, celda: tuple[int, int]) -> None:
        geo = self._geo
        assert geo is not None
        ids = self._por_celda.get(celda, [])
        mostrados, ocultos = visibles(ids, geo.reparto.capacidad, self._seleccion)
        x, y, cw, ch = rect_celda(geo.area_tupla(), *celda)
        interior = (cw - 2 * RELLENO_CELDA, ch - 2 * RELLENO_CELDA)
        ancho_ranura, lugares = posiciones(geo.reparto, len(mostrados) + (1 if ocultos else 0), *interior)
        en_celda = set(mostrados)
        for i in [i for i in ids if i not in en_celda and i in self._puntos]:
            self._escena.removeItem(self._puntos.pop(i))
        cursor = Qt.CursorShape.PointingHandCursor if self._solo_lectura else Qt.CursorShape.OpenHandCursor
        for i, (px, py) in zip(mostrados, lugares, strict=False):
            punto = self._puntos.get(i)
            if punto is None:
                punto = Punto(self, self._filas[i])
                punto.setCursor(cursor)
                self._puntos[i] = punto
                self._escena.addItem(punto)
            punto.fijar_resaltado(i == self._seleccion)
            punto.ubicar(x + RELLENO_CELDA + px, y + RELLENO_CELDA + py, ancho_ranura)
        viejo = self._insignias.pop(celda, None)
        if viejo is not None:
            self._escena.removeItem(viejo)
        if ocultos and lugares:
            insignia = Insignia(self, [self._filas[i] for i in ocultos], celda)
            px, py = lugares[-1]
            insignia.ubicar(x + RELLENO_CELDA + px, y + RELLENO_CELDA + py)
            self._insignias[celda] = insignia
            self._escena.addItem(insignia)

    def _ayuda(self, f: FilaActor) -> str:
        """La ayuda emergente de un punto: todo lo que la matriz sabe del actor. Se arma una vez por actor."""
        if f.id in self._ayudas:
            return self._ayudas[f.id]
        e = html.escape
        cuad = cuadrante(acotar(f.interes), acotar(f.influencia))
        titulo = f"<b>{e(f.nombre)}</b>" + (f" ({e(f.sigla)})" if f.sigla and f.sigla != f.nombre else "")
        contacto = " · ".join(t for t in (f.contacto, f.telefono, f.correo) if t)
        postura = f.postura_texto or traducir(POSTURAS.get(f.postura, f.postura))
        datos = [
            (_("Tipo"), f.tipo_texto), (_("Categoría"), f.categoria_texto), (_("Nivel"), f.nivel_texto),
            (_("Institución"), f.institucion),
            (_("Interés"), _("{n} de 5").format(n=entero(f.interes))),
            (_("Influencia"), _("{n} de 5").format(n=entero(f.influencia))),
            (_("Postura"), None),
            (_("Cuadrante"), f.cuadrante_texto if f.cuadrante == cuad and f.cuadrante_texto
             else traducir(CUADRANTES[cuad])),
            (_("Territorios"), f.territorios), (_("Contacto"), contacto),
        ]
        filas = []
        for etiqueta, valor in datos:
            if valor is None:  # the stance, with its colour dot
                color = COLORES_POSTURA.get(f.postura, COLORES_POSTURA["neutral"])
                celda = f"<span style='color:{color}'>●</span> {e(postura)}"
            elif not valor:
                continue
            else:
                celda = e(valor)
            filas.append(f"<tr><td style='color:{TEXTO_SECUNDARIO}; padding-right:8px'>{e(etiqueta)}</td>"
                         f"<td>{celda}</td></tr>")
        pie = "" if self._solo_lectura else (
            f"<p style='color:{TEXTO_SECUNDARIO}'><i>"
            + e(_("Arrástrelo a otra celda (o use las flechas) para cambiar su interés o influencia."))
            + "</i></p>")
        texto = f"<p>{titulo}</p><table cellspacing='0' cellpadding='1'>{''.join(filas)}</table>{pie}"
        self._ayudas[f.id] = texto
        return texto

    def _describir(self) -> None:
        n = len(self._filas)
        texto = n_("{n} actor en la grilla", "{n} actores en la grilla", n).format(n=entero(n))
        if self._seleccion is not None:
            f = self._filas[self._seleccion]
            texto += "; " + _("elegido: {nombre}, interés {i}, influencia {f} ({cuadrante})").format(
                nombre=f.nombre, i=entero(f.interes), f=entero(f.influencia),
                cuadrante=traducir(CUADRANTES[cuadrante(acotar(f.interes), acotar(f.influencia))]))
        self.setAccessibleDescription(texto)

    # -- pintura del fondo ------------------------------------------------------------------------------------
    def drawBackground(self, p: QPainter, _rect: QRectF) -> None:  # noqa: N802 - Qt override
        geo, m = self._geo, self._m
        if geo is None:
            return
        p.fillRect(geo.total, QColor("#ffffff"))
        area = geo.area_tupla()
        # Quadrants (with their title bands) and titles.
        for clave, (fondo, color_titulo) in COLORES_CUADRANTE.items():
            r = _qrect(rect_cuadrante(area, clave, geo.banda))
            p.fillRect(r, QColor(fondo))
            arriba, _derecha = POSICION_CUADRANTE[clave]
            franja = QRectF(r.x(), r.y() if arriba else r.bottom() - geo.banda, r.width(), geo.banda)
            p.setFont(m.titulo)
            p.setPen(QColor(color_titulo))
            p.drawText(franja.adjusted(6, 0, -6, 0), int(Qt.AlignmentFlag.AlignCenter),
                       m.fm_titulo.elidedText(traducir(CUADRANTES[clave]), Qt.TextElideMode.ElideRight,
                                              franja.width() - 12))
        # Cell lines: white, so they separate without adding ink.
        p.setPen(QPen(QColor("#ffffff"), 2))
        a = geo.area
        for k in range(1, DIVISIONES):
            x = a.x() + a.width() * k / DIVISIONES
            y = a.y() + a.height() * k / DIVISIONES
            p.drawLine(QPointF(x, a.y()), QPointF(x, a.bottom()))
            p.drawLine(QPointF(a.x(), y), QPointF(a.right(), y))
        p.drawLine(QPointF(a.x(), a.y()), QPointF(a.right(), a.y()))
        p.drawLine(QPointF(a.x(), a.bottom()), QPointF(a.right(), a.bottom()))
        # The split between high and low: the one line that carries meaning.
        marco = geo.marco()
        cx, cy = corte(area)
        p.setPen(QPen(QColor("#7d8794"), 1.6))
        p.drawLine(QPointF(cx, marco.y()), QPointF(cx, marco.bottom()))
        p.drawLine(QPointF(a.x(), cy), QPointF(a.right(), cy))
        p.setPen(QPen(QColor(BORDE), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(marco)
        self._pintar_ejes(p, geo)
        self._pintar_leyenda(p, geo)

    def _pintar_ejes(self, p: QPainter, geo: _Geometria) -> None:
        m, a, marco = self._m, geo.area, geo.marco()
        p.setFont(m.fuente)
        p.setPen(QColor(TEXTO_SECUNDARIO))
        alto_celda = a.height() / DIVISIONES
        ancho_celda = a.width() / DIVISIONES
        ancho_num = m.fm.horizontalAdvance("5") + 4
        for v in range(PUNTAJE_MINIMO, PUNTAJE_MAXIMO + 1):
            y = a.y() + (PUNTAJE_MAXIMO - v) * alto_celda
            p.drawText(QRectF(a.x() - ancho_num - 6, y, ancho_num, alto_celda),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), entero(v))
            x = a.x() + (v - PUNTAJE_MINIMO) * ancho_celda
            p.drawText(QRectF(x, marco.bottom() + 3, ancho_celda, m.fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), entero(v))
        # Axis titles: the name in bold, the direction in grey («Interés  bajo → alto»).
        nombre_x, sentido = traducir(EJE_X), "  " + traducir(SENTIDO_EJE)
        ancho_x = m.fm_negrita.horizontalAdvance(nombre_x) + m.fm.horizontalAdvance(sentido)
        y_x = marco.bottom() + 3 + m.fm.height() + 4
        self._pintar_titulo_eje(p, QPointF(a.center().x() - ancho_x / 2, y_x), nombre_x, sentido)
        nombre_y = traducir(EJE_Y)
        ancho_y = m.fm_negrita.horizontalAdvance(nombre_y) + m.fm.horizontalAdvance(sentido)
        p.save()
        # Rotated to read bottom-up, so «bajo → alto» points the way influence grows.
        p.translate(a.x() - ancho_num - 12 - m.fm_negrita.height(), a.center().y() + ancho_y / 2)
        p.rotate(-90)
        self._pintar_titulo_eje(p, QPointF(0, 0), nombre_y, sentido)
        p.restore()

    def _pintar_titulo_eje(self, p: QPainter, origen: QPointF, nombre: str, sentido: str) -> None:
        m = self._m
        alto = m.fm_negrita.height()
        p.setFont(m.negrita)
        p.setPen(QColor(TEXTO))
        ancho = m.fm_negrita.horizontalAdvance(nombre)
        p.drawText(QRectF(origen.x(), origen.y(), ancho + 2, alto), int(Qt.AlignmentFlag.AlignVCenter), nombre)
        p.setFont(m.fuente)
        p.setPen(QColor(TEXTO_SECUNDARIO))
        p.drawText(QRectF(origen.x() + ancho, origen.y(), m.fm.horizontalAdvance(sentido) + 2, alto),
                   int(Qt.AlignmentFlag.AlignVCenter), sentido)

    def _pintar_leyenda(self, p: QPainter, geo: _Geometria) -> None:
        m = self._m
        marco = geo.marco()
        alto = m.fm.height()
        y = marco.y() - alto - 8
        # Left: how many actors; right: the stance legend, aligned with the grid's edges.
        n = len(self._filas)
        if n:
            p.setFont(m.negrita)
            p.setPen(QColor(TEXTO))
            p.drawText(QRectF(marco.x(), y, marco.width() / 2, alto), int(Qt.AlignmentFlag.AlignVCenter),
                       n_("{n} actor", "{n} actores", n).format(n=entero(n)))
        etiquetas = [(k, traducir(POSTURAS[k])) for k in ORDEN_POSTURAS]
        titulo = _("Postura:")
        r = m.radio
        ancho = m.fm.horizontalAdvance(titulo) + sum(2 * r + 6 + m.fm.horizontalAdvance(t) + 14
                                                    for _k, t in etiquetas)
        x = marco.right() - ancho
        p.setFont(m.fuente)
        p.setPen(QColor(TEXTO_SECUNDARIO))
        p.drawText(QRectF(x, y, m.fm.horizontalAdvance(titulo) + 2, alto), int(Qt.AlignmentFlag.AlignVCenter),
                   titulo)
        x += m.fm.horizontalAdvance(titulo) + 10
        for clave, texto in etiquetas:
            pintar_marca_postura(p, QPointF(x + r, y + alto / 2), r, clave)
            x += 2 * r + 5
            p.setFont(m.fuente)
            p.setPen(QColor(TEXTO))
            p.drawText(QRectF(x, y, m.fm.horizontalAdvance(texto) + 2, alto), int(Qt.AlignmentFlag.AlignVCenter),
                       texto)
            x += m.fm.horizontalAdvance(texto) + 14

    def drawForeground(self, p: QPainter, _rect: QRectF) -> None:  # noqa: N802 - Qt override
        if self.hasFocus() and self._geo is not None:
            p.setPen(QPen(QColor(AZUL_ACENTO), 1.5, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(self._geo.marco().adjusted(-3, -3, 3, 3), 4, 4)

    # -- tamaño ---------------------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(760, 560)

    def resizeEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(evento)
        self._cancelar_arrastre()
        self._reubicar()

    def changeEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().changeEvent(evento)
        if evento.type() == QEvent.Type.FontChange:
            self._ayudas.clear()
            for punto in list(self._puntos.values()):
                self._escena.removeItem(punto)
            self._puntos.clear()
            self._reubicar()

    # -- ratón ------------------------------------------------------------------------------------------------------
    def _elemento_en(self, pos) -> QGraphicsItem | None:
        for item in self.items(pos):
            if isinstance(item, Punto | Insignia):
                return item
        return None

    def mousePressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if evento.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(evento)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        item = self._elemento_en(evento.position().toPoint())
        if isinstance(item, Insignia):
            # The badge has nothing to select: show its list at once instead of waiting for the hover delay.
            QToolTip.showText(evento.globalPosition().toPoint(), item.toolTip(), self.viewport())
            evento.accept()
            return
        if isinstance(item, Punto):
            actor_id = item.fila.id
            self._elegir(actor_id)
            punto = self._puntos.get(actor_id)  # the same item unless its cell was rebuilt
            if punto is not None and not self._solo_lectura:
                self._presionado = punto
                self._inicio = self.mapToScene(evento.position().toPoint())
                self._pos_original = punto.pos()
                self._arrastrando = False
            evento.accept()
            return
        evento.accept()

    def mouseMoveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        punto = self._presionado
        if punto is None:
            super().mouseMoveEvent(evento)  # hover and cursors of the items
            return
        pos = self.mapToScene(evento.position().toPoint())
        if not self._arrastrando:
            if (pos - self._inicio).manhattanLength() < QApplication.startDragDistance():
                return
            self._arrastrando = True
            QToolTip.hideText()
            punto.setZValue(Z_ARRASTRE)
            punto.setOpacity(0.85)
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        punto.setPos(self._pos_original + (pos - self._inicio))
        self._mostrar_destino(self._celda_bajo(pos), punto.fila)
        evento.accept()

    def mouseReleaseEvent(self, evento) -> None:  # noqa: N802 - Qt override
        punto = self._presionado
        if punto is None or evento.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(evento)
            return
        arrastrando = self._arrastrando
        destino = self._celda_bajo(self.mapToScene(evento.position().toPoint())) if arrastrando else None
        fila = punto.fila
        self._cancelar_arrastre()  # the point goes back: only cargar() with new data moves it for good
        evento.accept()
        if destino is not None and destino != (acotar(fila.interes), acotar(fila.influencia)):
            self.movido.emit(fila.id, destino[0], destino[1])

    def mouseDoubleClickEvent(self, evento) -> None:  # noqa: N802 - Qt override
        evento.accept()  # a double click is two clicks here; nothing else to do

    def viewportEvent(self, evento) -> bool:  # noqa: N802 - Qt override
        if evento.type() == QEvent.Type.ToolTip and self._arrastrando:
            return True  # no tooltip over the cell a point is being dragged across
        if evento.type() == QEvent.Type.Leave and not self._arrastrando:
            self.viewport().unsetCursor()
        return super().viewportEvent(evento)

    def _celda_bajo(self, pos: QPointF) -> tuple[int, int] | None:
        """La celda bajo el cursor; sobre una franja de título cuenta como la fila vecina; fuera, ninguna."""
        if self._geo is None:
            return None
        marco = self._geo.marco()
        if not marco.contains(pos):
            return None
        a = self._geo.area
        y = min(max(pos.y(), a.y()), a.bottom() - 0.01)
        return celda_en(self._geo.area_tupla(), pos.x(), y)

    def _mostrar_destino(self, celda: tuple[int, int] | None, fila: FilaActor) -> None:
        if celda is None or self._geo is None:
            self._marca_destino.setVisible(False)
            self._destino = None
            return
        self._destino = celda
        cambia = celda != (acotar(fila.interes), acotar(fila.influencia))
        texto = _("Interés {i} · Influencia {f}").format(i=entero(celda[0]), f=entero(celda[1]))
        origen = self._pos_original + QPointF(self._m.radio + 3, self._m.alto_ranura / 2)
        self._marca_destino.fijar(_qrect(rect_celda(self._geo.area_tupla(), *celda)), texto, cambia, origen)
        self._marca_destino.setVisible(True)

    def _cancelar_arrastre(self) -> None:
        punto = self._presionado
        self._presionado = None
        self._destino = None
        self._marca_destino.setVisible(False)
        if punto is not None:
            if self._arrastrando and punto.scene() is not None:
                punto.setPos(self._pos_original)
                punto.setOpacity(1.0)
                punto._ordenar()
            self.viewport().unsetCursor()
        self._arrastrando = False

    # -- teclado ----------------------------------------------------------------------------------------------------
    def event(self, evento) -> bool:
        if (evento.type() == QEvent.Type.KeyPress and evento.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not evento.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            atras = evento.key() == Qt.Key.Key_Backtab or bool(evento.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if self._recorrer(-1 if atras else 1):
                evento.accept()
                return True
        return super().event(evento)

    def _recorrer(self, paso: int) -> bool:
        """Tab: el actor siguiente; False al pasar el último (o el primero), para que el foco salga."""
        if not self._orden:
            return False
        if self._seleccion is None:
            destino = 0 if paso > 0 else len(self._orden) - 1
        else:
            destino = self._orden.index(self._seleccion) + paso
            if not 0 <= destino < len(self._orden):
                return False
        self._elegir(self._orden[destino])
        return True

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        tecla = evento.key()
        if tecla == Qt.Key.Key_Escape and self._presionado is not None:
            self._cancelar_arrastre()
            evento.accept()
            return
        paso = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}.get(Qt.Key(tecla))
        if paso is None or evento.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                 | Qt.KeyboardModifier.AltModifier):
            evento.ignore()  # Enter, Delete…: for the page around the grid
            return
        evento.accept()
        if self._seleccion is None:
            self._recorrer(1)  # the first arrow picks an actor, the next ones move it
            return
        if self._solo_lectura or self._presionado is not None:
            return
        f = self._filas[self._seleccion]
        interes = acotar(acotar(f.interes) + paso[0])
        influencia = acotar(acotar(f.influencia) + paso[1])
        if (interes, influencia) != (acotar(f.interes), acotar(f.influencia)):
            self.movido.emit(f.id, interes, influencia)

    def focusInEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(evento)
        self.viewport().update()

    def focusOutEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(evento)
        self.viewport().update()

    def _elegir(self, actor_id: int) -> None:
        """Elección del usuario (clic, Tab): resalta y avisa a la página."""
        self.seleccionar(actor_id)
        self.actor_elegido.emit(actor_id)
