"""Impreso del árbol de problemas de un territorio (A4 apaisado): el árbol dibujado con la misma disposición que
el editor (`nucleo.arbol_disposicion`), achicado para que entre en la hoja, y debajo la lista de sus nodos con
la necesidad vinculada a cada uno.

Las cajas se miden aquí con DejaVu Sans en las mismas unidades que la escena del editor (mismo ancho, texto
envuelto por palabras), así una posición elegida a mano cae en el mismo lugar; después todo se escala junto.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.arbol_disposicion import (
    ANCHO_NODO,
    ANCHO_PROBLEMA,
    COLOR_CONECTOR,
    COLOR_INSIGNIA,
    COLORES_NODO,
    RELLENO,
    Caja,
    conector,
    disponer,
    limites,
)
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.diagnostico import TIPOS_NODO
from nucleo.servicios.arbol import NodoArbol, leer_arbol

# Letter sizes in scene units (the drawing is scaled afterwards): close to the editor's so lines wrap alike.
TAMANO_TEXTO = 11.5
INTERLINEA = 14.5
TAMANO_ROTULO = 8.0
TAMANO_INSIGNIA = 9.0
ALTO_MINIMO = 42.0
RADIO = 7.0
ESCALA_MAXIMA = 1.0  # a small tree prints at its natural size, not blown up


def _ancho(tipo: str) -> float:
    return ANCHO_PROBLEMA if tipo == "problema" else ANCHO_NODO


def _letra(tipo: str) -> str:
    return e.LETRA_NEGRITA if tipo == "problema" else e.LETRA


def texto_insignia(n: NodoArbol) -> str:
    if n.necesidad_prioridad is not None:
        return _("Necesidad · prioridad {n}").format(n=formato.entero(n.necesidad_prioridad))
    return _("Necesidad vinculada")


class _Medida:
    def __init__(self, n: NodoArbol):
        self.ancho = _ancho(n.tipo)
        self.lineas = simpleSplit(n.texto, _letra(n.tipo), TAMANO_TEXTO, self.ancho - 2 * RELLENO) or [""]
        self.alto_texto = len(self.lineas) * INTERLINEA
        self.alto_rotulo = TAMANO_ROTULO + 5 if n.tipo == "problema" else 0.0
        self.alto_insignia = TAMANO_INSIGNIA + 4 + 5 if n.necesidad_id is not None else 0.0
        self.alto = max(ALTO_MINIMO, self.alto_texto + self.alto_rotulo + self.alto_insignia + 2 * RELLENO)


class DibujoArbol(Flowable):
    """El árbol, escalado para entrar en el ancho de la hoja y en el alto que queda en ella."""

    def __init__(self, nodos: Sequence[NodoArbol], ancho: float, alto: float):
        super().__init__()
        self.nodos = [n for n in nodos]
        self.medidas = {n.id: _Medida(n) for n in self.nodos}
        self.cajas = {n.id: Caja(n.id, n.padre_id, n.tipo, self.medidas[n.id].ancho, self.medidas[n.id].alto,
                                 n.orden, n.x, n.y) for n in self.nodos}
        self.centros = disponer(self.cajas.values())
        x0, y0, x1, y1 = limites(self.cajas.values(), self.centros)
        margen = 6.0
        self.x0, self.y0 = x0 - margen, y0 - margen
        self.ancho_escena, self.alto_escena = (x1 - x0) + 2 * margen, (y1 - y0) + 2 * margen
        self.ancho_max, self.alto_max = ancho, alto
        self._medir(ancho, alto)

    def _medir(self, ancho: float, alto: float) -> None:
        self.escala = min(ancho / self.ancho_escena, alto / self.alto_escena, ESCALA_MAXIMA)
        self.ancho_disponible = ancho
        self.width = ancho
        self.height = self.alto_escena * self.escala

    def wrap(self, disponible_ancho: float, disponible_alto: float) -> tuple[float, float]:
        # As big as the page allows (not less than a third of a page: below that it moves to the next one).
        self._medir(min(self.ancho_max, disponible_ancho),
                    max(min(self.alto_max, disponible_alto), self.alto_max / 3))
        return self.width, self.height

    def draw(self) -> None:
        c: Canvas = self.canv
        k = self.escala
        c.saveState()
        # Centred horizontally; the scene's «y» grows downwards, the page's upwards.
        dx = (self.ancho_disponible - self.ancho_escena * k) / 2
        c.translate(dx, self.height)
        c.scale(k, k)
        for n in self.nodos:
            if n.padre_id is not None and n.id in self.centros and n.padre_id in self.centros:
                self._flecha(c, conector(self.cajas[n.id], self.cajas[n.padre_id], self.centros))
        for n in self.nodos:
            if n.id in self.centros:
                self._caja(c, n)
        c.restoreState()

    def _p(self, x: float, y: float) -> tuple[float, float]:
        return x - self.x0, -(y - self.y0)

    def _flecha(self, c: Canvas, puntos: list[tuple[float, float]]) -> None:
        puntos = [self._p(x, y) for x, y in puntos]
        (fx, fy), (ax, ay) = puntos[-1], puntos[-2]
        largo = max(((fx - ax) ** 2 + (fy - ay) ** 2) ** 0.5, 0.001)
        ux, uy = (fx - ax) / largo, (fy - ay) / largo
        punta = 7.0
        bx, by = fx - ux * punta, fy - uy * punta
        c.setStrokeColor(e.color(COLOR_CONECTOR))
        c.setFillColor(e.color(COLOR_CONECTOR))
        c.setLineWidth(1.4)
        camino = c.beginPath()
        camino.moveTo(*puntos[0])
        for q in puntos[1:-1]:
            camino.lineTo(*q)
        camino.lineTo(bx, by)
        c.drawPath(camino, stroke=1, fill=0)
        nx, ny = -uy * punta * 0.5, ux * punta * 0.5
        tri = c.beginPath()
        tri.moveTo(fx, fy)
        tri.lineTo(bx + nx, by + ny)
        tri.lineTo(bx - nx, by - ny)
        tri.close()
        c.drawPath(tri, stroke=0, fill=1)

    def _caja(self, c: Canvas, n: NodoArbol) -> None:
        m = self.medidas[n.id]
        colores = COLORES_NODO.get(n.tipo, COLORES_NODO["causa"])
        cx, cy = self._p(*self.centros[n.id])
        izquierda, arriba = cx - m.ancho / 2, cy + m.alto / 2
        c.setFillColor(e.color(colores["fondo"]))
        c.setStrokeColor(e.color(colores["borde"]))
        c.setLineWidth(1.2)
        c.roundRect(izquierda, cy - m.alto / 2, m.ancho, m.alto, RADIO, stroke=1, fill=1)
        bloque = m.alto_rotulo + m.alto_texto + m.alto_insignia
        y = arriba - RELLENO - max(0.0, (m.alto - 2 * RELLENO - bloque) / 2)
        if m.alto_rotulo:
            c.setFillColor(e.color("#c9d6e6"))
            c.setFont(e.LETRA_NEGRITA, TAMANO_ROTULO)
            c.drawCentredString(cx, y - TAMANO_ROTULO, traducir(TIPOS_NODO["problema"]).upper())
            y -= m.alto_rotulo
        c.setFillColor(e.color(colores["texto"]))
        c.setFont(_letra(n.tipo), TAMANO_TEXTO)
        for linea in m.lineas:
            c.drawCentredString(cx, y - TAMANO_TEXTO + 0.5, linea)
            y -= INTERLINEA
        if m.alto_insignia:
            self._insignia(c, n, cx, y - 5, m.ancho)

    def _insignia(self, c: Canvas, n: NodoArbol, cx: float, arriba: float, ancho_caja: float) -> None:
        texto = texto_insignia(n)
        alto = TAMANO_INSIGNIA + 4
        ancho = min(e.ancho_texto(texto, e.LETRA, TAMANO_INSIGNIA) + 12, ancho_caja - 2 * RELLENO)
        oscuro = n.tipo == "problema"
        c.setFillColor(e.color("#ffffff" if oscuro else COLOR_INSIGNIA))
        c.roundRect(cx - ancho / 2, arriba - alto, ancho, alto, alto / 2, stroke=0, fill=1)
        c.setFillColor(e.color(COLOR_INSIGNIA if oscuro else "#ffffff"))
        c.setFont(e.LETRA, TAMANO_INSIGNIA)
        c.drawCentredString(cx, arriba - alto + 3.3, e.recortar(texto, e.LETRA, TAMANO_INSIGNIA, ancho - 8))


# -- la lista de nodos ------------------------------------------------------------------------------------
def _en_orden(nodos: Sequence[NodoArbol]) -> list[tuple[NodoArbol, int]]:
    """(nodo, profundidad): el problema, después sus causas y después sus efectos, cada rama de arriba abajo."""
    hijos: dict[int | None, list[NodoArbol]] = {}
    for n in nodos:
        hijos.setdefault(n.padre_id, []).append(n)
    for lista in hijos.values():
        lista.sort(key=lambda n: (n.orden, n.id))
    salida: list[tuple[NodoArbol, int]] = []

    def recorrer(n: NodoArbol, nivel: int) -> None:
        salida.append((n, nivel))
        for h in hijos.get(n.id, []):
            recorrer(h, nivel + 1)

    for raiz in hijos.get(None, []):
        salida.append((raiz, 0))
        for tipo in ("causa", "efecto"):
            for h in hijos.get(raiz.id, []):
                if h.tipo == tipo:
                    recorrer(h, 1)
    return salida


def _tabla_nodos(nodos: Sequence[NodoArbol], ancho: float) -> list[Flowable]:
    es = e.estilos()
    anchos = [ancho * 0.12, ancho * 0.50, ancho * 0.38]
    filas: list[list[object]] = [[Paragraph(e.texto(_("Tipo")), es.encabezado),
                                  Paragraph(e.texto(_("Texto")), es.encabezado),
                                  Paragraph(e.texto(_("Necesidad vinculada")), es.encabezado)]]
    comandos: list[tuple] = []
    for n, nivel in _en_orden(nodos):
        tipo = traducir(TIPOS_NODO.get(n.tipo, n.tipo))
        if nivel > 1:
            tipo = _("{tipo} (nivel {n})").format(tipo=tipo, n=formato.entero(nivel))
        sangria = "&nbsp;" * 4 * max(0, nivel - 1) + ("↳ " if nivel > 1 else "")
        estilo_texto = es.celda_negrita if n.tipo == "problema" else es.celda
        if n.necesidad_id is not None:
            prioridad = (_("Prioridad {n}").format(n=formato.entero(n.necesidad_prioridad))
                         if n.necesidad_prioridad is not None else _("Sin priorizar"))
            necesidad = Paragraph(f"{e.texto(n.necesidad_texto)} <font color='{e.TEXTO_SECUNDARIO}'>"
                                  f"({e.texto(prioridad)})</font>", es.celda)
        else:
            necesidad = Paragraph(f"<font color='{e.TEXTO_SECUNDARIO}'>—</font>", es.celda)
        color_tipo = COLORES_NODO[n.tipo]["borde"] if n.tipo != "problema" else COLORES_NODO["problema"]["fondo"]
        filas.append([Paragraph(f"<font color='{color_tipo}'>■</font> {e.texto(tipo)}", es.celda),
                      Paragraph(sangria + e.texto(n.texto), estilo_texto), necesidad])
    return [e.subtitulo_seccion(_("Nodos del árbol"), ancho, _("Con la necesidad de la comunidad a la que se "
                                                              "vincula cada uno")),
            Spacer(1, 2 * mm), e.tabla(filas, anchos, comandos=comandos)]


def _resumen(nodos: Sequence[NodoArbol]) -> str:
    causas = sum(1 for n in nodos if n.tipo == "causa")
    efectos = sum(1 for n in nodos if n.tipo == "efecto")
    vinculados = sum(1 for n in nodos if n.necesidad_id is not None)
    return " · ".join([
        n_("{n} causa", "{n} causas", causas).format(n=formato.entero(causas)),
        n_("{n} efecto", "{n} efectos", efectos).format(n=formato.entero(efectos)),
        n_("{n} nodo vinculado a una necesidad", "{n} nodos vinculados a necesidades", vinculados).format(
            n=formato.entero(vinculados)),
        _("Las flechas van de la causa al efecto: las causas, debajo del problema central; los efectos, arriba."),
    ])


def historia_arbol(documento: e.Documento, nodos: Sequence[NodoArbol]) -> list[Flowable]:
    if not nodos:
        historia = e.encabezado_documento(documento)
        historia.append(Paragraph(e.texto(_("Este territorio todavía no tiene árbol de problemas. Se arma en "
                                            "Articula, en Diagnóstico › Árbol de problemas.")), e.estilos().normal))
        return historia
    historia = e.encabezado_documento(documento, _resumen(nodos))
    historia.append(DibujoArbol(nodos, documento.ancho_util, documento.alto_util - 26 * mm))
    historia.append(Spacer(1, 5 * mm))
    return historia + _tabla_nodos(nodos, documento.ancho_util)


def pdf_arbol(destino: Path, membrete: e.Membrete, territorio: str, nodos: Sequence[NodoArbol], hoy, *,
              invariante: bool = False, progreso: e.Progreso | None = None) -> Path:
    documento = e.Documento(
        titulo=_("Árbol de problemas"), membrete=membrete, emitido=hoy, horizontal=True,
        subtitulo=_("{territorio} · diagnóstico participativo; situación al {fecha}.").format(
            territorio=territorio, fecha=formato.fecha_larga(hoy)),
        asunto=_("Árbol de problemas de {territorio}").format(territorio=territorio))
    return e.construir(destino, documento, historia_arbol(documento, nodos), invariante=invariante,
                       progreso=progreso)


def imprimir(sesion: Session, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy, *, id=None,
             invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el árbol del territorio `id`."""
    from nucleo.modelo import Territorio

    t = sesion.get(Territorio, id) if id is not None else None
    if t is None or t.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("No se encontró el territorio (n.º {ident}). Elija uno de la lista.").format(
            ident=id), campo="id")
    return pdf_arbol(destino, membrete, t.nombre, leer_arbol(sesion, t.id), hoy, invariante=invariante,
                     progreso=progreso)
