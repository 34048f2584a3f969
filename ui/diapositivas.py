"""Las diapositivas del modo presentación, pintadas con QPainter a partir de `DatosPresentacion`.

Todo se mide en una unidad `u` = 1 % del alto de la pantalla (o 1/145 del ancho si la pantalla es más cuadrada),
así la misma diapositiva se ve igual en un proyector de 1024×768 que en un televisor de 1920×1080. Tipos de letra:
títulos de 5,4 u, cuerpo de 2,8 u y nunca menos de 2,5 u (lo que se lee desde el fondo de una sala del Concejo).
Alto contraste: texto oscuro sobre blanco, o blanco sobre el azul institucional.

Este módulo no conoce los servicios ni el expediente: recibe los datos ya leídos y formateados
(ui/presentacion.py los arma).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF, QTextLayout, QTextOption

from nucleo import formato
from nucleo.i18n import _, n_
from ui.estilo import AZUL_INSTITUCIONAL, COLORES_SEMAFORO

AZUL = AZUL_INSTITUCIONAL
AZUL_CLARO = "#c9d8ea"
TINTA = "#14181f"  # body text: near black on white
GRIS = "#4a5563"  # secondary text, still 7:1 on white
LINEA = "#b9c3cf"
FONDO_FILA = "#eef2f7"
ROJO = COLORES_SEMAFORO["vencida"]
VERDE = COLORES_SEMAFORO["al_dia"]
AMBAR = COLORES_SEMAFORO["por_vencer"]
NARANJA = "#e65100"  # the today line: not red (red is the critical path)
BLANCO = "#ffffff"
_ESPACIOS = re.compile(r"[ \t\r\f\v]+")

TITULO = 5.4  # in u: the slide title (≥ 4 % of the screen height)
CUERPO = 2.8
MINIMO = 2.5  # nothing on a slide is smaller than this
DESTACADO = 3.4


# ------------------------------------------------------------------------------------------------------ datos
@dataclass
class NecesidadP:
    prioridad: str
    descripcion: str
    pilar: str
    brecha: bool
    respuesta: str = ""  # «R3 — …» the plan's result that answers it, or ""


@dataclass
class IndicadorP:
    nombre: str
    base: str
    meta: str
    ultimo: str
    cumplimiento: float | None
    cumplimiento_texto: str
    alcanzada: bool
    medido: bool


@dataclass
class ResultadoP:
    codigo: str
    descripcion: str
    indicadores: list[IndicadorP] = field(default_factory=list)
    continuacion: bool = False


@dataclass
class FilaGanttP:
    codigo: str
    nombre: str
    inicio: date
    fin: date
    avance: int  # 0..100
    criticos: list[tuple[date, date]] = field(default_factory=list)
    hitos: list[date] = field(default_factory=list)


@dataclass
class FirmanteP:
    rol: str
    nombre: str
    cargo: str
    requerida: bool
    fecha: str  # «12/11/2026» or «» when not signed yet


@dataclass
class RiesgoP:
    escenario: str
    nivel: str
    color: str
    estado: str


@dataclass
class DatosPresentacion:
    municipio: str
    departamento: str
    titulo: str
    territorio: str
    revision: int
    estado: str
    estado_texto: str
    hoy: date
    periodo: str = ""  # «28/08/2026 – 09/04/2027»
    cifras: list[tuple[str, str]] = field(default_factory=list)  # («56», «actividades»), («₲ 602.605.000», …)
    territorio_datos: list[tuple[str, str]] = field(default_factory=list)
    caracterizacion: str = ""
    necesidades: list[NecesidadP] = field(default_factory=list)  # the prioritised ones, by priority
    n_necesidades: int = 0  # all of the territory, prioritised or not
    brechas: list[NecesidadP] = field(default_factory=list)
    resultados: list[ResultadoP] = field(default_factory=list)
    gantt: list[FilaGanttP] = field(default_factory=list)
    gantt_por: str = ""  # what a row is: «grupo» or «resultado»
    n_criticas: int = 0
    presupuesto_total: int = 0
    fuentes: list[tuple[str, int]] = field(default_factory=list)
    sin_costo: int = 0
    matriz: Any = None  # nucleo.servicios.riesgos.Matriz
    conteos: list[list[int]] = field(default_factory=lambda: [[0] * 5 for _ in range(5)])
    riesgos: list[RiesgoP] = field(default_factory=list)  # open ones, the most serious first
    n_riesgos: int = 0
    firmantes: list[FirmanteP] | None = None  # None: signatures are not recorded by this version
    revisiones: list[str] = field(default_factory=list)  # «Revisión 1 sancionada el … · huella … · íntegra»
    estados: list[tuple[str, str]] = field(default_factory=list)  # (clave, texto) of the plan's life cycle


# ------------------------------------------------------------------------------------------------------ lienzo
class Lienzo:
    """El pintor con la unidad de la pantalla y ayudas para escribir texto que entra donde debe."""

    def __init__(self, p: QPainter, ancho: float, alto: float, familia: str):
        self.p = p
        self.ancho, self.alto = ancho, alto
        # 1 % of the height; on a squarer screen (4:3, 5:4) the width limits it so the layouts still fit.
        self.u = min(alto / 100, ancho / 145)
        self.familia = familia
        self.margen_x = max(self.u * 6, ancho * 0.05)
        self.cuerpo = QRectF(self.margen_x, self.u * 17, ancho - 2 * self.margen_x, alto - self.u * 27)

    def fuente(self, tamano: float, negrita: bool = False) -> QFont:
        f = QFont(self.familia)
        f.setPixelSize(max(1, round(max(tamano, 2.0) * self.u)))
        f.setBold(negrita)
        return f

    def lineas(self, texto: str, fuente: QFont, ancho: float) -> list[str]:
        """El texto partido en renglones de `ancho` (respeta los saltos de línea que trae)."""
        salida = self._lineas(texto, fuente, ancho)
        if "\u00a0" in texto and any(x.endswith("…") for x in salida):
            # «4 emprendimientos» kept together does not fit: better split than cut.
            salida = self._lineas(texto.replace("\u00a0", " "), fuente, ancho)
        return salida

    def _lineas(self, texto: str, fuente: QFont, ancho: float) -> list[str]:
        salida: list[str] = []
        metricas = QFontMetricsF(fuente)
        for parrafo in (texto or "").split("\n"):
            parrafo = _ESPACIOS.sub(" ", parrafo).strip()  # not str.split(): it would eat the no-break spaces
            if not parrafo:
                continue
            disposicion = QTextLayout(parrafo, fuente)
            opcion = QTextOption()
            opcion.setWrapMode(QTextOption.WrapMode.WordWrap)  # never split a word; a too long one is elided
            disposicion.setTextOption(opcion)
            disposicion.beginLayout()
            while True:
                linea = disposicion.createLine()
                if not linea.isValid():
                    break
                linea.setLineWidth(ancho)
                texto_linea = parrafo[linea.textStart():linea.textStart() + linea.textLength()].strip()
                if metricas.horizontalAdvance(texto_linea) > ancho:
                    texto_linea = metricas.elidedText(texto_linea, Qt.TextElideMode.ElideRight, ancho)
                salida.append(texto_linea)
            disposicion.endLayout()
        return salida

    def fuente_que_entra(self, texto: str, tamano: float, ancho: float, max_lineas: int = 1, negrita: bool = False,
                         minimo: float = MINIMO) -> QFont:
        """La fuente más grande, de `tamano` a `minimo`, con la que `texto` entra en `max_lineas` renglones sin
        cortarse (en pantallas angostas); si ni así entra, la mínima (y `escribir` pone «…»)."""
        t = tamano
        while t > minimo:
            fuente = self.fuente(t, negrita)
            lineas = self.lineas(texto, fuente, ancho)
            if len(lineas) <= max_lineas and not any(x.endswith("…") and not texto.endswith("…") for x in lineas):
                return fuente
            t -= 0.2
        return self.fuente(minimo, negrita)

    def alto_texto(self, texto: str, fuente: QFont, ancho: float, max_lineas: int = 99) -> float:
        n = min(len(self.lineas(texto, fuente, ancho)), max_lineas)
        return n * QFontMetricsF(fuente).lineSpacing()

    def escribir(self, rect: QRectF, texto: str, fuente: QFont, color: str = TINTA, max_lineas: int = 99,
                 alinear: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, centrar_v: bool = False) -> float:
        """Escribe en `rect` lo que entra; si no entra todo, el último renglón termina en «…». Devuelve el alto
        usado."""
        metricas = QFontMetricsF(fuente)
        alto_linea = metricas.lineSpacing()
        caben = max(1, min(max_lineas, int((rect.height() + 0.5) // alto_linea)))
        todas = self.lineas(texto, fuente, rect.width())
        lineas = todas[:caben]
        if len(todas) > caben:
            resto = " ".join(todas[caben - 1:])
            lineas[-1] = metricas.elidedText(resto, Qt.TextElideMode.ElideRight, rect.width())
        usado = len(lineas) * alto_linea
        y = rect.top() + ((rect.height() - usado) / 2 if centrar_v else 0)
        self.p.setFont(fuente)
        self.p.setPen(QColor(color))
        for linea in lineas:
            self.p.drawText(QRectF(rect.left(), y, rect.width(), alto_linea),
                            int(alinear | Qt.AlignmentFlag.AlignVCenter), linea)
            y += alto_linea
        return usado

    def ancho_texto(self, texto: str, fuente: QFont) -> float:
        return QFontMetricsF(fuente).horizontalAdvance(texto)

    def rect_lleno(self, rect: QRectF, color: str, radio: float = 0.0) -> None:
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(QColor(color))
        if radio:
            self.p.drawRoundedRect(rect, radio, radio)
        else:
            self.p.drawRect(rect)

    def etiqueta(self, x: float, y_centro: float, texto: str, fondo: str, color: str = BLANCO,
                 tamano: float = MINIMO) -> float:
        """Una pastilla de color con texto (estado, nivel, «Brecha»); devuelve su ancho."""
        fuente = self.fuente(tamano, negrita=True)
        ancho = self.ancho_texto(texto, fuente) + 2.4 * self.u
        alto = QFontMetricsF(fuente).height() + 0.8 * self.u
        rect = QRectF(x, y_centro - alto / 2, ancho, alto)
        self.rect_lleno(rect, fondo, alto / 2)
        self.p.setFont(fuente)
        self.p.setPen(QColor(color))
        self.p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), texto)
        return ancho

    def insignia(self, centro: QPointF, radio: float, texto: str, fondo: str, tamano: float = CUERPO) -> None:
        """Un círculo con un número: la prioridad de una necesidad."""
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(QColor(fondo))
        self.p.drawEllipse(centro, radio, radio)
        self.p.setFont(self.fuente(tamano, negrita=True))
        self.p.setPen(QColor(BLANCO))
        self.p.drawText(QRectF(centro.x() - radio, centro.y() - radio, 2 * radio, 2 * radio),
                        int(Qt.AlignmentFlag.AlignCenter), texto)


def texto_sobre(color: str) -> str:
    c = QColor(color)
    return TINTA if 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() > 150 else BLANCO


def mezclar(color: str, con: str, t: float) -> QColor:
    a, b = QColor(color), QColor(con)
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


# ------------------------------------------------------------------------------------------------- diapositivas
@dataclass
class Diapositiva:
    titulo: str
    pintar: Callable[[Lienzo, DatosPresentacion], None]
    portada: bool = False  # painted on the dark blue, without the common title


def armar(d: DatosPresentacion) -> list[Diapositiva]:
    """Las diapositivas del plan, en el orden en que se cuenta al Concejo."""
    lista = [
        Diapositiva(d.titulo, pintar_portada, portada=True),
        Diapositiva(_("El territorio y sus necesidades priorizadas"), pintar_territorio),
        Diapositiva(_("Las brechas: necesidades sin oferta confirmada"), pintar_brechas),
    ]
    paginas = paginar_resultados(d.resultados)
    for n, pagina in enumerate(paginas, start=1):
        titulo = _("Resultados e indicadores")
        if len(paginas) > 1:
            titulo = _("{titulo} ({n} de {m})").format(titulo=titulo, n=n, m=len(paginas))
        lista.append(Diapositiva(titulo, lambda li, dd, pagina=pagina: pintar_resultados(li, dd, pagina)))
    lista += [
        Diapositiva(_("El cronograma"), pintar_gantt),
        Diapositiva(_("El presupuesto por fuente de fondos"), pintar_presupuesto),
        Diapositiva(_("Los riesgos: mapa de calor"), pintar_riesgos),
        Diapositiva(_("La sanción del plan: estado y firmas"), pintar_firmas),
    ]
    return lista


FILAS_POR_DIAPOSITIVA = 6  # indicator rows on one slide: readable from the back of the room
RESULTADOS_POR_DIAPOSITIVA = 3


def paginar_resultados(resultados: Sequence[ResultadoP]) -> list[list[ResultadoP]]:
    """Reparte los resultados en diapositivas de hasta 6 indicadores y 3 resultados; un resultado con más
    indicadores sigue en la próxima con «(cont.)». Depende solo de los datos: el número de diapositivas es el
    mismo en cualquier pantalla."""
    if not resultados:
        return [[]]
    paginas: list[list[ResultadoP]] = [[]]
    filas = 0
    for r in resultados:
        pendientes = list(r.indicadores)
        continuacion = False
        while True:
            libres = FILAS_POR_DIAPOSITIVA - filas
            necesita = max(1, len(pendientes))
            llena = len(paginas[-1]) >= RESULTADOS_POR_DIAPOSITIVA
            if llena or (libres < min(necesita, 2) and paginas[-1]) or libres <= 0:
                paginas.append([])
                filas = 0
                continue
            tomar = pendientes[:libres]
            paginas[-1].append(ResultadoP(r.codigo, r.descripcion, tomar, continuacion))
            filas += max(1, len(tomar))
            pendientes = pendientes[libres:]
            if not pendientes:
                break
            continuacion = True
    return paginas


# -- portada ---------------------------------------------------------------------------------------------------
def pintar_portada(li: Lienzo, d: DatosPresentacion) -> None:
    u, x, ancho = li.u, li.margen_x, li.ancho - 2 * li.margen_x
    y = li.alto * 0.12
    y += li.escribir(QRectF(x, y, ancho, 5 * u), _("Municipalidad de {municipio}").format(municipio=d.municipio),
                     li.fuente(3.4, negrita=True), BLANCO, 1)
    if d.departamento:
        y += li.escribir(QRectF(x, y, ancho, 4 * u), _("Departamento {departamento}").format(
            departamento=d.departamento), li.fuente(CUERPO), "#d6e1ee", 1)
    y += 2.5 * u
    li.rect_lleno(QRectF(x, y, 12 * u, 0.6 * u), AMBAR)
    y += 4 * u
    y += li.escribir(QRectF(x, y, ancho, 22 * u), d.titulo, li.fuente(8.0, negrita=True), BLANCO, 2)
    y += 1.5 * u
    y += li.escribir(QRectF(x, y, ancho, 5 * u), _("Territorio: {territorio}").format(territorio=d.territorio),
                     li.fuente(DESTACADO + 0.4), BLANCO, 1)
    y += 3 * u
    fila = y + 2.5 * u
    ancho_rev = li.etiqueta(x, fila, _("Revisión {n}").format(n=formato.entero(d.revision)), BLANCO, AZUL, CUERPO)
    li.etiqueta(x + ancho_rev + 1.5 * u, fila, d.estado_texto, AMBAR, TINTA, CUERPO)
    y = fila + 5 * u
    if d.periodo:
        y += li.escribir(QRectF(x, y, ancho, 5 * u), d.periodo, li.fuente(CUERPO), BLANCO, 1)
    if d.cifras:
        # The plan in figures, as a row of big numbers with their label under them.
        arriba = max(y + 4 * u, li.alto - 36 * u)
        ancho_cifra = ancho / len(d.cifras)
        for k, (valor, etiqueta) in enumerate(d.cifras):
            cx = x + k * ancho_cifra
            if k:
                li.rect_lleno(QRectF(cx - 2 * u, arriba + 0.5 * u, 0.15 * u, 11 * u), "#5f7a9b")
            celda = ancho_cifra - 4 * u
            li.escribir(QRectF(cx, arriba, celda, 7 * u), valor,
                        li.fuente_que_entra(valor, 5.4, celda, negrita=True, minimo=3.0), BLANCO, 1, centrar_v=True)
            li.escribir(QRectF(cx, arriba + 7.2 * u, celda, 4 * u), etiqueta, li.fuente(CUERPO), "#d6e1ee", 1)
    li.escribir(QRectF(x, li.alto - 15 * u, ancho, 4.5 * u),
                _("Presentación al Concejo Municipal · {fecha}").format(fecha=formato.fecha_larga(d.hoy)),
                li.fuente(CUERPO), BLANCO, 1)


# -- territorio ----------------------------------------------------------------------------------------------
def pintar_territorio(li: Lienzo, d: DatosPresentacion) -> None:
    u, c = li.u, li.cuerpo
    izquierda = QRectF(c.left(), c.top(), c.width() * 0.34, c.height())
    dentro = izquierda.adjusted(2.4 * u, 2 * u, -2.4 * u, -2 * u)
    # The card is as tall as what it holds (measured first), never taller than the body.
    alto = 2 * u + li.alto_texto(d.territorio, li.fuente(DESTACADO + 0.4, True), dentro.width(), 2) + 1.2 * u
    for etiqueta, valor in d.territorio_datos:
        alto += (li.alto_texto(etiqueta, li.fuente(MINIMO), dentro.width(), 1)
                 + li.alto_texto(valor, li.fuente(CUERPO, True), dentro.width(), 2) + 1.0 * u)
    if d.caracterizacion:
        alto += 0.5 * u + li.alto_texto(d.caracterizacion, li.fuente(MINIMO), dentro.width())
    li.rect_lleno(QRectF(izquierda.left(), izquierda.top(), izquierda.width(), min(c.height(), alto + 2 * u)),
                  FONDO_FILA, u)
    y = dentro.top()
    y += li.escribir(QRectF(dentro.left(), y, dentro.width(), 9 * u), d.territorio, li.fuente(DESTACADO + 0.4, True),
                     AZUL, 2) + 1.2 * u
    etiquetas = li.fuente(MINIMO)
    valores = li.fuente(CUERPO, negrita=True)
    for etiqueta, valor in d.territorio_datos:
        if y + 7 * u > dentro.bottom():
            break
        y += li.escribir(QRectF(dentro.left(), y, dentro.width(), 4 * u), etiqueta, etiquetas, GRIS, 1)
        y += li.escribir(QRectF(dentro.left(), y, dentro.width(), 8 * u), valor, valores, TINTA, 2) + 1.0 * u
    if d.caracterizacion and dentro.bottom() - y > 4 * u:
        li.escribir(QRectF(dentro.left(), y + 0.5 * u, dentro.width(), dentro.bottom() - y - 0.5 * u),
                    d.caracterizacion, li.fuente(MINIMO), TINTA)

    derecha = QRectF(izquierda.right() + 4 * u, c.top(), c.right() - izquierda.right() - 4 * u, c.height())
    y = derecha.top()
    cabeza = _("Necesidades priorizadas por la comunidad")
    y += li.escribir(QRectF(derecha.left(), y, derecha.width(), 5 * u), cabeza, li.fuente(DESTACADO, True), AZUL, 1)
    y += 1.5 * u
    if not d.necesidades:
        li.escribir(QRectF(derecha.left(), y, derecha.width(), 12 * u),
                    _("La comunidad todavía no priorizó sus necesidades."), li.fuente(CUERPO), GRIS)
        return
    maximo = 6
    mostradas = d.necesidades[:maximo]
    resto = len(d.necesidades) - len(mostradas)
    disponible = derecha.bottom() - y - (4 * u if resto else 0)
    alto_fila = min(12.5 * u, disponible / len(mostradas))
    radio = 2.6 * u
    texto_x = derecha.left() + 2 * radio + 2 * u
    for n in mostradas:
        fila = QRectF(derecha.left(), y, derecha.width(), alto_fila)
        li.insignia(QPointF(fila.left() + radio, fila.top() + radio + 0.3 * u), radio, n.prioridad,
                    ROJO if n.brecha else AZUL)
        ancho_txt = fila.right() - texto_x
        fuente = li.fuente(CUERPO)
        lineas = 2 if alto_fila >= 10 * u else 1
        usado = li.escribir(QRectF(texto_x, fila.top(), ancho_txt, alto_fila - 3.5 * u), n.descripcion, fuente,
                            TINTA, lineas)
        bajo = fila.top() + usado + 0.3 * u
        xx = texto_x
        if n.pilar:
            li.escribir(QRectF(xx, bajo, ancho_txt * 0.6, 3.4 * u), n.pilar, li.fuente(MINIMO), GRIS, 1)
            xx += min(li.ancho_texto(n.pilar, li.fuente(MINIMO)), ancho_txt * 0.6) + 2 * u
        if n.brecha:
            li.etiqueta(xx, bajo + 1.6 * u, _("Brecha"), ROJO)
        y += alto_fila
    if resto:
        li.escribir(QRectF(texto_x, y, derecha.width(), 4 * u),
                    n_("y {n} necesidad priorizada más", "y {n} necesidades priorizadas más", resto).format(
                        n=formato.entero(resto)), li.fuente(MINIMO), GRIS, 1)


# -- brechas ------------------------------------------------------------------------------------------------------
def pintar_brechas(li: Lienzo, d: DatosPresentacion) -> None:
    u, c = li.u, li.cuerpo
    y = c.top()
    priorizadas = len(d.necesidades)
    if not d.brechas:
        li.escribir(QRectF(c.left(), y + 4 * u, c.width(), 20 * u),
                    _("Todas las necesidades priorizadas tienen una oferta confirmada que les responde.")
                    if priorizadas else _("La comunidad todavía no priorizó sus necesidades: no hay brechas que "
                                          "mostrar."), li.fuente(DESTACADO + 0.6, True), VERDE if priorizadas else GRIS)
        return
    cifra = formato.entero(len(d.brechas))
    fuente_cifra = li.fuente(11, negrita=True)
    ancho_cifra = li.ancho_texto(cifra, fuente_cifra) + 3 * u
    li.escribir(QRectF(c.left(), y, ancho_cifra, 14 * u), cifra, fuente_cifra, ROJO, 1)
    frase = n_("de {m} necesidad priorizada no tiene todavía una oferta confirmada que le responda.",
               "de {m} necesidades priorizadas no tienen todavía una oferta confirmada que les responda.",
               priorizadas).format(m=formato.entero(priorizadas))
    li.escribir(QRectF(c.left() + ancho_cifra, y + 1 * u, c.width() - ancho_cifra, 12 * u), frase,
                li.fuente(DESTACADO, True), TINTA, 2, centrar_v=True)
    y += 15 * u
    li.rect_lleno(QRectF(c.left(), y, c.width(), 0.25 * u), LINEA)
    y += 2 * u
    mostradas = d.brechas[:4]
    disponible = c.bottom() - y - (4 * u if len(d.brechas) > 4 else 0)
    alto_fila = min(14 * u, disponible / len(mostradas))
    radio = 2.6 * u
    texto_x = c.left() + 2 * radio + 2.4 * u
    for n in mostradas:
        li.insignia(QPointF(c.left() + radio, y + radio + 0.3 * u), radio, n.prioridad, ROJO)
        ancho_txt = c.right() - texto_x
        usado = li.escribir(QRectF(texto_x, y, ancho_txt, alto_fila - 4 * u), n.descripcion, li.fuente(CUERPO, True),
                            TINTA, 2)
        if n.respuesta:
            texto, color = _("Respuesta del plan: {resultado}").format(resultado=n.respuesta), AZUL
        else:
            texto, color = _("Ningún resultado del plan le responde todavía"), ROJO
        li.escribir(QRectF(texto_x, y + usado + 0.3 * u, ancho_txt, alto_fila - usado - 1.5 * u), texto,
                    li.fuente(MINIMO), color, 2)
        y += alto_fila
    if len(d.brechas) > 4:
        resto = len(d.brechas) - 4
        li.escribir(QRectF(texto_x, y, c.width(), 4 * u),
                    n_("y {n} brecha más", "y {n} brechas más", resto).format(n=formato.entero(resto)),
                    li.fuente(MINIMO), GRIS, 1)


# -- resultados e indicadores ---------------------------------------------------------------------------------------
def pintar_resultados(li: Lienzo, d: DatosPresentacion, pagina: Sequence[ResultadoP]) -> None:
    u, c = li.u, li.cuerpo
    if not pagina:
        li.escribir(QRectF(c.left(), c.top() + 4 * u, c.width(), 12 * u),
                    _("El plan todavía no tiene resultados definidos."), li.fuente(DESTACADO), GRIS)
        return
    columnas = (0.0, 0.38, 0.58, 0.78)  # indicator, base → target, last value, fulfilment (fractions of width)
    xs = [c.left() + f * c.width() for f in columnas]
    y = c.top()
    for x, texto, fin in zip(xs, (_("Indicador"), _("Línea base → meta"), _("Último valor"), _("Cumplimiento")),
                             [*xs[1:], c.right()], strict=True):
        li.escribir(QRectF(x, y, fin - x - 1.5 * u, 3.6 * u), texto,
                    li.fuente_que_entra(texto, MINIMO, fin - x - 1.5 * u, negrita=True, minimo=2.0), GRIS, 1)
    y += 4.2 * u
    filas = sum(max(1, len(r.indicadores)) for r in pagina)
    alto_cabecera = 6.2 * u
    alto_fila = min(9.5 * u, (c.bottom() - y - len(pagina) * alto_cabecera) / max(1, filas))
    fuente = li.fuente(CUERPO - 0.2)
    for r in pagina:
        banda = QRectF(c.left(), y + 0.6 * u, c.width(), alto_cabecera - 1.2 * u)
        li.rect_lleno(banda, FONDO_FILA, 0.6 * u)
        ancho_cod = li.etiqueta(banda.left() + u, banda.center().y(), r.codigo or "—", AZUL, BLANCO, CUERPO - 0.2)
        texto = r.descripcion + (" " + _("(cont.)") if r.continuacion else "")
        ancho_banda = banda.width() - ancho_cod - 3 * u
        li.escribir(QRectF(banda.left() + ancho_cod + 2 * u, banda.top(), ancho_banda, banda.height()), texto,
                    li.fuente_que_entra(texto, CUERPO - 0.2, ancho_banda, negrita=True, minimo=2.0), AZUL, 1,
                    centrar_v=True)
        y += alto_cabecera
        if not r.indicadores:
            li.escribir(QRectF(c.left() + u, y, c.width(), alto_fila), _("Sin indicadores definidos."),
                        fuente, GRIS, 1, centrar_v=True)
            y += alto_fila
            continue
        lineas = 2 if alto_fila >= 7.5 * u else 1
        for i in r.indicadores:
            fila = QRectF(c.left(), y, c.width(), alto_fila)
            li.escribir(QRectF(xs[0] + u, fila.top(), xs[1] - xs[0] - 2.5 * u, fila.height()), i.nombre, fuente,
                        TINTA, lineas, centrar_v=True)
            # Values shrink a little on narrow (4:3) screens rather than lose their unit.
            valores = f"{_junto(i.base)} → {_junto(i.meta)}"
            ancho_v = xs[2] - xs[1] - 1.5 * u
            li.escribir(QRectF(xs[1], fila.top(), ancho_v, fila.height()), valores,
                        li.fuente_que_entra(valores, CUERPO - 0.2, ancho_v, lineas, minimo=2.0), TINTA, lineas,
                        centrar_v=True)
            ultimo = _junto(i.ultimo) or "—"
            ancho_v = xs[3] - xs[2] - 1.5 * u
            li.escribir(QRectF(xs[2], fila.top(), ancho_v, fila.height()), ultimo,
                        li.fuente_que_entra(ultimo, CUERPO - 0.2, ancho_v, lineas, True, minimo=2.0), TINTA, lineas,
                        centrar_v=True)
            barra_ancho = (c.right() - xs[3]) - 9 * u
            barra = QRectF(xs[3], fila.center().y() - 1.3 * u, barra_ancho, 2.6 * u)
            if i.cumplimiento is None:
                texto = _("Sin mediciones") if not i.medido else _("Medido, sin cálculo")
                li.escribir(QRectF(xs[3], fila.top(), c.right() - xs[3], fila.height()), texto, li.fuente(MINIMO),
                            GRIS, 1, centrar_v=True)
            else:
                li.rect_lleno(barra, "#dde3ea", 0.5 * u)
                lleno = QRectF(barra.left(), barra.top(), barra.width() * max(0.0, min(1.0, i.cumplimiento)),
                               barra.height())
                li.rect_lleno(lleno, VERDE if i.alcanzada else AZUL, 0.5 * u)
                li.escribir(QRectF(barra.right() + 1.2 * u, fila.top(), 8 * u, fila.height()), i.cumplimiento_texto,
                            li.fuente(CUERPO - 0.2, True), TINTA, 1, centrar_v=True)
            li.rect_lleno(QRectF(c.left(), fila.bottom() - 0.1 * u, c.width(), 0.12 * u), LINEA)
            y += alto_fila


def _junto(valor: str) -> str:
    """«40 mujeres» sin cortar entre el número y la unidad."""
    return valor.replace(" ", "\u00a0", 1)


# -- cronograma -------------------------------------------------------------------------------------------------
def _meses(inicio: date, fin: date) -> list[date]:
    d = inicio.replace(day=1)
    salida = []
    while d <= fin:
        salida.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    return salida


def pintar_gantt(li: Lienzo, d: DatosPresentacion) -> None:
    u, c, p = li.u, li.cuerpo, li.p
    if not d.gantt:
        li.escribir(QRectF(c.left(), c.top() + 4 * u, c.width(), 12 * u),
                    _("El plan todavía no tiene actividades con fechas."), li.fuente(DESTACADO), GRIS)
        return
    inicio = min(f.inicio for f in d.gantt).replace(day=1)
    ultimo = max(f.fin for f in d.gantt)
    meses = _meses(inicio, ultimo)
    fin = (meses[-1] + timedelta(days=32)).replace(day=1)
    total = max(1, (fin - inicio).days)
    etiqueta_ancho = c.width() * 0.33
    x0 = c.left() + etiqueta_ancho + 2 * u
    x1 = c.right() - 8 * u  # room for the «54 %» after the longest bar

    def x_de(dia: date) -> float:
        return x0 + (x1 - x0) * (dia - inicio).days / total

    leyenda_alto = 5 * u
    y = c.top()
    # Two-row time scale: years, then months.
    fuente_escala = li.fuente(MINIMO)
    fuente_anio = li.fuente(MINIMO, negrita=True)
    anios: dict[int, list[date]] = {}
    for m in meses:
        anios.setdefault(m.year, []).append(m)
    for anio, lista in anios.items():
        a = x_de(lista[0])
        b = x_de((lista[-1] + timedelta(days=32)).replace(day=1))
        li.escribir(QRectF(a + 0.6 * u, y, b - a - 0.6 * u, 3.6 * u), str(anio), fuente_anio, AZUL, 1)
        li.rect_lleno(QRectF(a, y, 0.15 * u, 3.6 * u), LINEA)
    y += 3.8 * u
    ancho_mes = (x1 - x0) / len(meses)
    patron = "LLL" if ancho_mes > li.ancho_texto("sept.", fuente_escala) + u else "LLLLL"
    for m in meses:
        a = x_de(m)
        li.escribir(QRectF(a, y, ancho_mes, 3.6 * u), formato.fecha_patron(m, patron), fuente_escala, GRIS, 1,
                    Qt.AlignmentFlag.AlignHCenter)
    y += 4.2 * u
    arriba = y
    abajo = c.bottom() - leyenda_alto - 5.5 * u  # room for the «Hoy» tag under the rows
    filas = d.gantt
    alto_fila = min(11 * u, (abajo - arriba) / len(filas))
    # Month grid and alternate row shading first: bars go over them.
    for k, _f in enumerate(filas):
        if k % 2 == 0:
            li.rect_lleno(QRectF(c.left(), arriba + k * alto_fila, c.width(), alto_fila), "#f4f6f9")
    p.setPen(QPen(QColor(LINEA), max(1.0, 0.12 * u)))
    for m in meses:
        p.drawLine(QPointF(x_de(m), arriba), QPointF(x_de(m), arriba + len(filas) * alto_fila))
    fuente_nombre = li.fuente(CUERPO - 0.3)
    lineas = 2 if alto_fila >= 7.5 * u else 1
    for k, f in enumerate(filas):
        fila = QRectF(c.left(), arriba + k * alto_fila, c.width(), alto_fila)
        nombre = f"{f.codigo}  {f.nombre}" if f.codigo else f.nombre
        li.escribir(QRectF(fila.left() + u, fila.top(), etiqueta_ancho - u, fila.height()), nombre, fuente_nombre,
                    TINTA, lineas, centrar_v=True)
        alto_barra = min(4.2 * u, fila.height() * 0.42)
        a, b = x_de(f.inicio), x_de(f.fin + timedelta(days=1))
        barra = QRectF(a, fila.center().y() - alto_barra / 2 - 0.6 * u, max(b - a, 0.6 * u), alto_barra)
        li.rect_lleno(barra, AZUL_CLARO, 0.4 * u)
        li.rect_lleno(QRectF(barra.left(), barra.top(), barra.width() * f.avance / 100, barra.height()), AZUL, 0.4 * u)
        p.setPen(QPen(QColor(AZUL), max(1.0, 0.15 * u)))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(barra, 0.4 * u, 0.4 * u)
        franja = QRectF(0, barra.bottom() + 0.5 * u, 0, 1.0 * u)
        for ci, cf in f.criticos:
            ca, cb = x_de(ci), x_de(cf + timedelta(days=1))
            li.rect_lleno(QRectF(ca, franja.top(), max(cb - ca, 0.5 * u), franja.height()), ROJO)
        derecha = barra.right()
        for h in f.hitos:
            _rombo(li, QPointF(x_de(h), barra.center().y()), alto_barra * 0.55)
            derecha = max(derecha, x_de(h) + alto_barra * 0.55)
        li.escribir(QRectF(derecha + 0.8 * u, barra.top() - u, 8 * u, barra.height() + 2 * u),
                    formato.porcentaje(f.avance / 100), li.fuente(MINIMO, True), TINTA, 1, centrar_v=True)
    pie = arriba + len(filas) * alto_fila
    if inicio <= d.hoy < fin:
        xh = x_de(d.hoy)
        p.setPen(QPen(QColor(NARANJA), max(2.0, 0.35 * u)))
        p.drawLine(QPointF(xh, arriba), QPointF(xh, pie + 1.2 * u))
        texto = _("Hoy")
        li.etiqueta(xh - (li.ancho_texto(texto, li.fuente(MINIMO, True)) + 2.4 * u) / 2, pie + 2.8 * u, texto,
                    NARANJA)
    _leyenda_gantt(li, QRectF(c.left(), c.bottom() - leyenda_alto, c.width(), leyenda_alto), d)


def _rombo(li: Lienzo, centro: QPointF, r: float) -> None:
    li.p.setPen(QPen(QColor(TINTA), max(1.0, 0.15 * li.u)))
    li.p.setBrush(QColor(AMBAR))
    li.p.drawPolygon(QPolygonF([QPointF(centro.x(), centro.y() - r), QPointF(centro.x() + r, centro.y()),
                                QPointF(centro.x(), centro.y() + r), QPointF(centro.x() - r, centro.y())]))


def _leyenda_gantt(li: Lienzo, rect: QRectF, d: DatosPresentacion) -> None:
    u = li.u
    fuente = li.fuente(MINIMO)
    x = rect.left()
    cy = rect.center().y()
    muestras: list[tuple[str, Callable[[float], float]]] = []

    def caja(color: str) -> Callable[[float], float]:
        def dibujar(xx: float) -> float:
            li.rect_lleno(QRectF(xx, cy - 1.2 * u, 4 * u, 2.4 * u), color, 0.3 * u)
            return 4 * u
        return dibujar

    def franja(xx: float) -> float:
        li.rect_lleno(QRectF(xx, cy - 0.5 * u, 4 * u, 1.0 * u), ROJO)
        return 4 * u

    def rombo(xx: float) -> float:
        _rombo(li, QPointF(xx + 1.5 * u, cy), 1.4 * u)
        return 3 * u

    def hoy(xx: float) -> float:
        li.p.setPen(QPen(QColor(NARANJA), max(2.0, 0.35 * u)))
        li.p.drawLine(QPointF(xx + u, cy - 1.6 * u), QPointF(xx + u, cy + 1.6 * u))
        return 2 * u

    muestras = [(_("Avance"), caja(AZUL)), (_("Pendiente"), caja(AZUL_CLARO)),
                (n_("Ruta crítica ({n} actividad)", "Ruta crítica ({n} actividades)", d.n_criticas).format(
                    n=formato.entero(d.n_criticas)), franja), (_("Hito"), rombo),
                (_("Hoy, {fecha}").format(fecha=formato.fecha(d.hoy)), hoy)]
    for texto, dibujar in muestras:
        x += dibujar(x) + 1 * u
        ancho = li.ancho_texto(texto, fuente)
        li.escribir(QRectF(x, rect.top(), ancho + u, rect.height()), texto, fuente, TINTA, 1, centrar_v=True)
        x += ancho + 3.5 * u
    if d.gantt_por == "resultado":
        texto = _("Una barra por resultado")
    else:
        texto = _("Una barra por grupo de actividades")
    ancho = li.ancho_texto(texto, fuente)
    if x + ancho < rect.right():
        li.escribir(QRectF(rect.right() - ancho - u, rect.top(), ancho + u, rect.height()), texto, fuente, GRIS, 1,
                    centrar_v=True)


# -- presupuesto -------------------------------------------------------------------------------------------------
def pintar_presupuesto(li: Lienzo, d: DatosPresentacion) -> None:
    u, c = li.u, li.cuerpo
    y = c.top()
    total = _("Presupuesto total: {monto}").format(monto=formato.guaranies(d.presupuesto_total))
    y += li.escribir(QRectF(c.left(), y, c.width(), 6 * u), total, li.fuente(DESTACADO + 0.6, True), AZUL, 1)
    y += 3 * u
    if not d.fuentes:
        li.escribir(QRectF(c.left(), y, c.width(), 12 * u),
                    _("Las actividades todavía no tienen recursos con costo."), li.fuente(CUERPO), GRIS)
        return
    nota = ""
    if d.sin_costo:
        nota = n_("{n} actividad todavía no tiene recursos con costo.",
                  "{n} actividades todavía no tienen recursos con costo.", d.sin_costo).format(
            n=formato.entero(d.sin_costo))
    abajo = c.bottom() - (5 * u if nota else 0)
    fuente = li.fuente(CUERPO)
    fuente_monto = li.fuente(CUERPO, True)
    textos = [(f"{formato.guaranies(m)}  ·  {formato.porcentaje(m / d.presupuesto_total if d.presupuesto_total else 0)}")
              for _t, m in d.fuentes]
    ancho_monto = max(li.ancho_texto(t, fuente_monto) for t in textos) + 2 * u
    ancho_etiqueta = min(c.width() * 0.25, max(li.ancho_texto(t, fuente) for t, _m in d.fuentes) + 3 * u)
    x0 = c.left() + ancho_etiqueta
    largo = c.right() - x0 - ancho_monto
    maximo = max(m for _t, m in d.fuentes) or 1
    alto_fila = min(11 * u, (abajo - y) / len(d.fuentes))
    for (texto, monto), monto_texto in zip(d.fuentes, textos, strict=True):
        fila = QRectF(c.left(), y, c.width(), alto_fila)
        li.escribir(QRectF(fila.left(), fila.top(), ancho_etiqueta - 2 * u, fila.height()), texto, fuente, TINTA, 2,
                    centrar_v=True)
        alto_barra = min(5.5 * u, fila.height() * 0.6)
        barra = QRectF(x0, fila.center().y() - alto_barra / 2, max(0.5 * u, largo * monto / maximo), alto_barra)
        li.rect_lleno(barra, AZUL, 0.4 * u)
        li.escribir(QRectF(barra.right() + 1.5 * u, fila.top(), ancho_monto, fila.height()), monto_texto,
                    fuente_monto, TINTA, 1, centrar_v=True)
        y += alto_fila
    if nota:
        li.escribir(QRectF(c.left(), c.bottom() - 4 * u, c.width(), 4 * u), nota, li.fuente(MINIMO), GRIS, 1)


# -- riesgos --------------------------------------------------------------------------------------------------------
def pintar_riesgos(li: Lienzo, d: DatosPresentacion) -> None:
    u, c, p = li.u, li.cuerpo, li.p
    m = d.matriz
    if m is None:
        return
    fuente = li.fuente(MINIMO)
    fuente_n = li.fuente(DESTACADO + 0.6, True)
    izquierda_ancho = c.width() * 0.58
    ancho_filas = max(li.ancho_texto(t, fuente) for t in m.probabilidad) + 2 * u
    eje = 4 * u  # the rotated «Probabilidad»
    gx = c.left() + eje + ancho_filas
    ancho_celda = (c.left() + izquierda_ancho - gx) / 5
    completas = all(li.ancho_texto(t, fuente) <= ancho_celda - u for t in m.impacto)
    pie = (4.2 if completas else 8.4) * u + 4 * u
    alto_celda = min(ancho_celda, (c.height() - pie) / 5)
    gy = c.top()
    por_clave = m.por_clave()
    for pr in range(5, 0, -1):
        fila_y = gy + (5 - pr) * alto_celda
        li.escribir(QRectF(c.left() + eje, fila_y, ancho_filas - 1.5 * u, alto_celda), m.probabilidad[pr - 1], fuente,
                    TINTA, 2, Qt.AlignmentFlag.AlignRight, centrar_v=True)
        for im in range(1, 6):
            nivel = por_clave.get(m.celdas[pr - 1][im - 1]) or m.niveles[0]
            cuenta = d.conteos[pr - 1][im - 1]
            color = QColor(nivel.color) if cuenta else mezclar(nivel.color, BLANCO, 0.62)
            celda = QRectF(gx + (im - 1) * ancho_celda, fila_y, ancho_celda, alto_celda)
            p.setPen(QPen(QColor(BLANCO), max(2.0, 0.3 * u)))
            p.setBrush(color)
            p.drawRect(celda)
            if cuenta:
                li.escribir(celda, formato.entero(cuenta), fuente_n, texto_sobre(color.name()), 1,
                            Qt.AlignmentFlag.AlignHCenter, centrar_v=True)
    y = gy + 5 * alto_celda + 0.6 * u
    for im in range(1, 6):
        celda_x = gx + (im - 1) * ancho_celda
        texto = m.impacto[im - 1] if completas else formato.entero(im)
        li.escribir(QRectF(celda_x, y, ancho_celda, 3.6 * u), texto, fuente, TINTA, 1, Qt.AlignmentFlag.AlignHCenter)
    y += 3.8 * u
    if completas:
        leyenda = _("Impacto")
    else:
        leyenda = _("Impacto: {lista}").format(lista=" · ".join(
            f"{formato.entero(k)}\u00a0{t}" for k, t in enumerate(m.impacto, start=1)))
    li.escribir(QRectF(c.left() + eje, y, c.left() + izquierda_ancho - c.left() - eje, 8 * u), leyenda,
                li.fuente(MINIMO, True), GRIS, 2, Qt.AlignmentFlag.AlignHCenter)
    # «Probabilidad», rotated along the rows.
    p.save()
    p.translate(c.left() + eje / 2, gy + 2.5 * alto_celda)
    p.rotate(-90)
    li.escribir(QRectF(-2.5 * alto_celda, -eje / 2, 5 * alto_celda, eje), _("Probabilidad"), li.fuente(MINIMO, True),
                GRIS, 1, Qt.AlignmentFlag.AlignHCenter, centrar_v=True)
    p.restore()

    derecha = QRectF(c.left() + izquierda_ancho + 5 * u, c.top(), c.right() - c.left() - izquierda_ancho - 5 * u,
                     c.height())
    y = derecha.top()
    y += li.escribir(QRectF(derecha.left(), y, derecha.width(), 5 * u),
                     n_("{n} riesgo identificado", "{n} riesgos identificados", d.n_riesgos).format(
                         n=formato.entero(d.n_riesgos)), li.fuente(DESTACADO, True), AZUL, 1) + 1.2 * u
    por_nivel = {n.clave: 0 for n in m.niveles}
    for pr in range(5):
        for im in range(5):
            por_nivel[m.celdas[pr][im]] = por_nivel.get(m.celdas[pr][im], 0) + d.conteos[pr][im]
    for nivel in reversed(m.niveles):
        li.rect_lleno(QRectF(derecha.left(), y + 0.6 * u, 3 * u, 3 * u), nivel.color, 0.4 * u)
        li.escribir(QRectF(derecha.left() + 4.5 * u, y, derecha.width() - 4.5 * u, 4.2 * u),
                    f"{nivel.etiqueta}: {formato.entero(por_nivel.get(nivel.clave, 0))}", li.fuente(CUERPO), TINTA, 1,
                    centrar_v=True)
        y += 4.6 * u
    y += 2 * u
    if not d.riesgos:
        li.escribir(QRectF(derecha.left(), y, derecha.width(), 8 * u), _("No hay riesgos abiertos."),
                    li.fuente(CUERPO), GRIS)
        return
    y += li.escribir(QRectF(derecha.left(), y, derecha.width(), 4.5 * u), _("Los más graves, abiertos:"),
                     li.fuente(CUERPO, True), TINTA, 1) + 0.8 * u
    fuente_r = li.fuente(MINIMO)
    for r in d.riesgos:
        if y + 7 * u > derecha.bottom():
            break
        ancho = li.etiqueta(derecha.left(), y + 1.8 * u, r.nivel, r.color, texto_sobre(r.color))
        usado = li.escribir(QRectF(derecha.left() + ancho + 1.2 * u, y, derecha.width() - ancho - 1.2 * u,
                                   min(derecha.bottom() - y, 11 * u)), r.escenario, fuente_r, TINTA, 3)
        y += max(usado, 4 * u) + 1.4 * u


# -- firmas --------------------------------------------------------------------------------------------------------
def pintar_firmas(li: Lienzo, d: DatosPresentacion) -> None:
    u, c, p = li.u, li.cuerpo, li.p
    # The life cycle of the plan, the current state filled.
    y = c.top() + 1 * u
    pasos = d.estados or [(d.estado, d.estado_texto)]
    actual = next((k for k, (clave, _t) in enumerate(pasos) if clave == d.estado), 0)
    ancho_paso = c.width() / len(pasos)
    radio = 2.2 * u
    cy = y + radio
    p.setPen(QPen(QColor(LINEA), max(2.0, 0.5 * u)))
    p.drawLine(QPointF(c.left() + ancho_paso / 2, cy), QPointF(c.right() - ancho_paso / 2, cy))
    p.setPen(QPen(QColor(AZUL), max(2.0, 0.5 * u)))
    p.drawLine(QPointF(c.left() + ancho_paso / 2, cy), QPointF(c.left() + ancho_paso * (actual + 0.5), cy))
    for k, (_clave, texto) in enumerate(pasos):
        cx = c.left() + ancho_paso * (k + 0.5)
        p.setPen(QPen(QColor(AZUL), max(2.0, 0.4 * u)))
        p.setBrush(QColor(AZUL if k <= actual else BLANCO))
        p.drawEllipse(QPointF(cx, cy), radio if k == actual else radio * 0.7, radio if k == actual else radio * 0.7)
        li.escribir(QRectF(cx - ancho_paso / 2, cy + radio + 0.8 * u, ancho_paso, 4 * u), texto,
                    li.fuente(MINIMO + (0.5 if k == actual else 0), k == actual), AZUL if k <= actual else GRIS, 1,
                    Qt.AlignmentFlag.AlignHCenter)
    y = cy + radio + 6.5 * u
    li.rect_lleno(QRectF(c.left(), y, c.width(), 0.25 * u), LINEA)
    y += 2.2 * u
    for texto in d.revisiones[-2:]:
        y += li.escribir(QRectF(c.left(), y, c.width(), 4 * u), texto, li.fuente(MINIMO), GRIS, 1)
    if d.revisiones:
        y += 1.5 * u
    if d.firmantes is None:
        li.escribir(QRectF(c.left(), y, c.width(), 16 * u),
                    _("El plan está «{estado}», revisión {n}. Las firmas del Intendente, del Concejo Municipal, de la "
                      "Gobernación, de la Junta Departamental y de las organizaciones de la comunidad se registran "
                      "al sancionarlo.").format(estado=d.estado_texto, n=formato.entero(d.revision)),
                    li.fuente(CUERPO), TINTA)
        return
    if not d.firmantes:
        li.escribir(QRectF(c.left(), y, c.width(), 12 * u),
                    _("Todavía no se registraron los firmantes de la revisión {n}: se cargan en la pestaña "
                      "«Sanción» del plan cuando el plan está en revisión.").format(n=formato.entero(d.revision)),
                    li.fuente(CUERPO), TINTA)
        return
    firmadas = sum(1 for f in d.firmantes if f.fecha)
    requeridas = [f for f in d.firmantes if f.requerida]
    faltan = sum(1 for f in requeridas if not f.fecha)
    resumen = _("{firmadas} de {total} firmas registradas").format(firmadas=formato.entero(firmadas),
                                                                     total=formato.entero(len(d.firmantes)))
    if faltan:
        resumen += " · " + n_("falta {n} firma requerida", "faltan {n} firmas requeridas", faltan).format(
            n=formato.entero(faltan))
    y += li.escribir(QRectF(c.left(), y, c.width(), 5 * u), resumen, li.fuente(CUERPO, True),
                     ROJO if faltan else VERDE, 1) + 1.2 * u
    maximo = 7
    mostrados = d.firmantes[:maximo]
    resto = len(d.firmantes) - len(mostrados)
    alto_fila = min(8 * u, (c.bottom() - y - (4 * u if resto else 0)) / len(mostrados))
    lineas = 2 if alto_fila >= 7 * u else 1
    columnas = (0.0, 0.30, 0.72)
    xs = [c.left() + f * c.width() for f in columnas]
    for k, f in enumerate(mostrados):
        fila = QRectF(c.left(), y, c.width(), alto_fila)
        if k % 2 == 0:
            li.rect_lleno(fila, "#f4f6f9")
        li.escribir(QRectF(xs[0] + u, fila.top(), xs[1] - xs[0] - 2 * u, fila.height()), f.rol,
                    li.fuente(CUERPO - 0.2, True), TINTA, lineas, centrar_v=True)
        celda = QRectF(xs[1], fila.top(), xs[2] - xs[1] - 2 * u, fila.height())
        cargo = f.cargo if f.cargo and f.cargo != f.rol else ""
        if f.nombre and cargo and lineas == 2:
            # Name over position, centred together in the row.
            fuente_n, fuente_c = li.fuente(CUERPO - 0.2), li.fuente(MINIMO)
            alto = QFontMetricsF(fuente_n).lineSpacing() + QFontMetricsF(fuente_c).lineSpacing()
            y0 = celda.center().y() - alto / 2
            y0 += li.escribir(QRectF(celda.left(), y0, celda.width(), alto), f.nombre, fuente_n, TINTA, 1)
            li.escribir(QRectF(celda.left(), y0, celda.width(), alto), cargo, fuente_c, GRIS, 1)
        else:
            li.escribir(celda, f.nombre or cargo or "—", li.fuente(CUERPO - 0.2), TINTA, lineas, centrar_v=True)
        if f.fecha:
            li.etiqueta(xs[2], fila.center().y(), "✔ " + _("Firmó el {fecha}").format(fecha=f.fecha), VERDE)
        else:
            texto = _("Pendiente") if f.requerida else _("Pendiente (no requerida)")
            li.etiqueta(xs[2], fila.center().y(), texto, AMBAR if f.requerida else "#d5dbe3", TINTA)
        y += alto_fila
    if resto:
        li.escribir(QRectF(c.left() + u, y, c.width(), 4 * u),
                    n_("y {n} firmante más", "y {n} firmantes más", resto).format(n=formato.entero(resto)),
                    li.fuente(MINIMO), GRIS, 1)


# -- marco común --------------------------------------------------------------------------------------------------
def pintar_marco(li: Lienzo, d: DatosPresentacion, diapositiva: Diapositiva, numero: int, total: int) -> None:
    """Fondo, título y pie («Municipalidad de … · N / M») de cualquier diapositiva."""
    u = li.u
    fondo = AZUL if diapositiva.portada else BLANCO
    li.rect_lleno(QRectF(0, 0, li.ancho, li.alto), fondo)
    if not diapositiva.portada:
        li.rect_lleno(QRectF(0, 0, li.ancho, 1.2 * u), AZUL)
        titulo = QRectF(li.margen_x, 4.2 * u, li.ancho - 2 * li.margen_x, 8 * u)
        li.escribir(titulo, diapositiva.titulo, li.fuente_que_entra(diapositiva.titulo, TITULO, titulo.width(),
                                                                    negrita=True, minimo=4.0), AZUL, 1, centrar_v=True)
        li.rect_lleno(QRectF(li.margen_x, 13.4 * u, 12 * u, 0.6 * u), AMBAR)
    pie_y = li.alto - 6.5 * u
    color = "#d6e1ee" if diapositiva.portada else GRIS
    if not diapositiva.portada:
        li.rect_lleno(QRectF(li.margen_x, pie_y - 1.2 * u, li.ancho - 2 * li.margen_x, 0.12 * u), LINEA)
    contador = f"{formato.entero(numero)} / {formato.entero(total)}"
    fuente = li.fuente(MINIMO)
    ancho_contador = li.ancho_texto(contador, li.fuente(MINIMO, True)) + 2 * u
    texto = _("Municipalidad de {municipio} · {plan} · Revisión {n}").format(
        municipio=d.municipio, plan=d.titulo, n=formato.entero(d.revision))
    li.escribir(QRectF(li.margen_x, pie_y, li.ancho - 2 * li.margen_x - ancho_contador, 4 * u), texto, fuente, color, 1,
                centrar_v=True)
    li.escribir(QRectF(li.ancho - li.margen_x - ancho_contador, pie_y, ancho_contador, 4 * u), contador,
                li.fuente(MINIMO, True), BLANCO if diapositiva.portada else TINTA, 1, Qt.AlignmentFlag.AlignRight,
                centrar_v=True)


def pintar(p: QPainter, ancho: float, alto: float, familia: str, d: DatosPresentacion,
           diapositivas: Sequence[Diapositiva], indice: int) -> None:
    """Pinta la diapositiva `indice` entera en un área de `ancho`×`alto`."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    li = Lienzo(p, ancho, alto, familia)
    diapositiva = diapositivas[indice]
    pintar_marco(li, d, diapositiva, indice + 1, len(diapositivas))
    p.save()
    diapositiva.pintar(li, d)
    p.restore()


