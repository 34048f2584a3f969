"""Impreso de la matriz de riesgos de un Plan de Acción (documento 004, «Posibles obstáculos»).

A4 apaisado. Primero el mapa de calor (probabilidad × impacto, 5 × 5, con la cantidad de riesgos en cada celda y
los colores y rótulos de la matriz del municipio) junto a los niveles con lo que cada uno pide; después la matriz:
un riesgo por fila con sus columnas del 004, probabilidad, impacto, nivel coloreado, responsable, estado, próxima
revisión (con su semáforo) y las actividades que amenaza.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _, n_

MAXIMO_POR_REVISAR = 8  # rows of the «Por revisar» box next to the heat map
MAXIMO_RENGLONES = 30  # lines of a text cell: a row must fit on one sheet (about 48 lines fit under the header)
_MARCAS_REVISION = {"vencida": e.COLORES_SEMAFORO["vencida"], "por_vencer": e.COLORES_SEMAFORO["por_vencer"]}


def _oscuro(hexa: str) -> bool:
    """¿Va letra blanca sobre este color? (luminancia relativa, como el contraste de WCAG)."""
    r, g, b = (int(hexa[i:i + 2], 16) / 255 for i in (1, 3, 5))

    def lineal(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lineal(r) + 0.7152 * lineal(g) + 0.0722 * lineal(b) < 0.33


def _aclarar(hexa: str, cuanto: float) -> str:
    """El color mezclado con blanco (`cuanto` = parte de blanco)."""
    r, g, b = (int(hexa[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * cuanto):02x}" for c in (r, g, b))


def _letra_sobre(hexa: str) -> str:
    return "#ffffff" if _oscuro(hexa) else e.TEXTO


# -- mapa de calor ----------------------------------------------------------------------------------------------
class MapaDeCalor(Flowable):
    """La grilla de 5 × 5: probabilidad hacia arriba, impacto hacia la derecha, cada celda del color de su nivel
    (pálido si no tiene riesgos) con la cantidad de riesgos en el centro."""

    EJE_Y = 92.0  # room for «5 · Casi seguro» on the left
    EJE_X = 34.0  # room for «1 · Insignificante» and the axis title below

    def __init__(self, ancho: float, alto: float, matriz: Any, cuentas: Sequence[Sequence[int]]):
        super().__init__()
        self.ancho, self.alto = ancho, alto
        self.matriz = matriz
        self.cuentas = cuentas
        self.celda_w = (ancho - self.EJE_Y - 4) / 5
        self.celda_h = (alto - self.EJE_X - 4) / 5

    def wrap(self, disponible_ancho: float, disponible_alto: float) -> tuple[float, float]:
        return self.ancho, self.alto

    def _x(self, impacto: int) -> float:
        return self.EJE_Y + (impacto - 1) * self.celda_w

    def _y(self, probabilidad: int) -> float:
        return self.EJE_X + (probabilidad - 1) * self.celda_h

    def draw(self) -> None:
        c: Canvas = self.canv
        c.saveState()
        tamano = min(20.0, self.celda_h * 0.5)
        for p in range(1, 6):
            for i in range(1, 6):
                nivel = self.matriz.nivel(p, i)
                n = self.cuentas[p - 1][i - 1]
                fondo = nivel.color if n else _aclarar(nivel.color, 0.72)
                x, y = self._x(i), self._y(p)
                c.setFillColor(e.color(fondo))
                c.setStrokeColor(e.color("#ffffff"))
                c.setLineWidth(1.5)
                c.rect(x, y, self.celda_w, self.celda_h, stroke=1, fill=1)
                if n:
                    c.setFillColor(e.color(_letra_sobre(nivel.color)))
                    c.setFont(e.LETRA_NEGRITA, tamano)
                    c.drawCentredString(x + self.celda_w / 2, y + self.celda_h / 2 - tamano * 0.36, formato.entero(n))
        c.setStrokeColor(e.color(e.BORDE))
        c.setLineWidth(0.8)
        c.rect(self._x(1), self._y(1), 5 * self.celda_w, 5 * self.celda_h, stroke=1, fill=0)
        self._ejes(c)
        c.restoreState()

    def _ejes(self, c: Canvas) -> None:
        m = self.matriz
        for v in range(1, 6):
            # Probability: number and label on the left of each row.
            y = self._y(v) + self.celda_h / 2
            c.setFillColor(e.color(e.TEXTO))
            c.setFont(e.LETRA_NEGRITA, 7.5)
            c.drawRightString(self.EJE_Y - 6, y + 1, formato.entero(v))
            c.setFont(e.LETRA, 6.8)
            c.setFillColor(e.color(e.TEXTO_SECUNDARIO))
            rotulo = e.recortar(m.probabilidad[v - 1], e.LETRA, 6.8, self.EJE_Y - 24)
            c.drawRightString(self.EJE_Y - 6, y - 8, rotulo)
            # Impact: number and label under each column.
            x = self._x(v) + self.celda_w / 2
            c.setFillColor(e.color(e.TEXTO))
            c.setFont(e.LETRA_NEGRITA, 7.5)
            c.drawCentredString(x, self.EJE_X - 10, formato.entero(v))
            c.setFont(e.LETRA, 6.8)
            c.setFillColor(e.color(e.TEXTO_SECUNDARIO))
            c.drawCentredString(x, self.EJE_X - 19, e.recortar(m.impacto[v - 1], e.LETRA, 6.8, self.celda_w - 4))
        c.setFillColor(e.color(e.AZUL_INSTITUCIONAL))
        c.setFont(e.LETRA_NEGRITA, 7.8)
        c.drawCentredString(self._x(1) + 2.5 * self.celda_w, self.EJE_X - 31, _("Impacto  →"))
        c.saveState()
        c.translate(10, self._y(1) + 2.5 * self.celda_h)
        c.rotate(90)
        c.drawCentredString(0, 0, _("Probabilidad  →"))
        c.restoreState()


# -- leyenda y tabla --------------------------------------------------------------------------------------------
def _leyenda(matriz: Any, filas: Sequence[Any], ancho: float) -> Table:
    es = e.estilos()
    por_nivel: dict[str, int] = {}
    for f in filas:
        por_nivel[f.nivel] = por_nivel.get(f.nivel, 0) + 1
    cuenta = ParagraphStyle("riesgo_cuenta", es.celda, alignment=1)
    datos: list[list[Any]] = [[Paragraph(_("Nivel"), es.encabezado), "", Paragraph(_("Riesgos"), es.encabezado_centro),
                               Paragraph(_("Qué pide"), es.encabezado)]]
    comandos: list[tuple] = [("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")]
    # Highest level first: the one that asks for the most comes first.
    for k, nivel in enumerate(reversed(matriz.niveles), start=1):
        datos.append(["", e.parrafo(nivel.etiqueta, es.celda_negrita),
                      Paragraph(formato.entero(por_nivel.get(nivel.clave, 0)), cuenta),
                      e.parrafo(nivel.accion or "—", es.celda)])
        comandos.append(("BACKGROUND", (0, k), (0, k), e.color(nivel.color)))
    anchos = [14, 62, 44, ancho - 120]
    return e.tabla(datos, anchos, cebra=False, comandos=comandos)


def _recortado(valor: str, ancho: float, letra: str = e.LETRA) -> tuple[str, bool]:
    """El texto, o sus primeros `MAXIMO_RENGLONES` renglones con «…» si no entra en una hoja."""
    valor = (valor or "").strip()
    renglones = e.envolver(valor, ancho, letra).split("\n")
    if len(renglones) <= MAXIMO_RENGLONES:
        return valor, False
    return " ".join(renglones[:MAXIMO_RENGLONES]).rstrip() + "…", True


def _tabla_riesgos(filas: Sequence[Any], ancho: float) -> tuple[Table, bool]:
    es = e.estilos()
    chica = ParagraphStyle("riesgo_chica", es.celda, fontSize=6.8, leading=8.4)
    centro = ParagraphStyle("riesgo_centro", es.celda_centro)
    columnas = [
        (_("N.º"), 8), (_("Escenario de crisis"), 34), (_("Signos de alerta"), 26), (_("Acciones preventivas"), 29),
        (_("Reducción de daños"), 27), (_("Ajustes al programa"), 24), (_("P"), 6.5), (_("I"), 6.5),
        (_("Nivel"), 15), (_("Responsable"), 24), (_("Estado"), 20.5), (_("Próxima revisión"), 21),
        (_("Actividades amenazadas"), 27.5),
    ]
    anchos = [a * mm for _t, a in columnas]
    anchos[-1] += ancho - sum(anchos)  # whatever rounding leaves goes to the last column
    encabezado = [Paragraph(e.texto(t), es.encabezado_centro if a < 10 else es.encabezado) for t, a in columnas]
    datos: list[list[Any]] = [encabezado]
    comandos: list[tuple] = []
    algun_recorte = False
    for n, f in enumerate(filas, start=1):
        textos = []
        for k, valor in enumerate((f.escenario, f.signos_alerta, f.acciones_preventivas, f.reduccion_danos,
                                   f.ajustes_programa), start=1):
            t, recortado = _recortado(valor, anchos[k] - 7, e.LETRA_NEGRITA if k == 1 else e.LETRA)
            algun_recorte |= recortado
            textos.append(t)
        revision = formato.fecha(f.proxima_revision) if f.proxima_revision else "—"
        marca = _MARCAS_REVISION.get(f.revision)
        if marca and f.proxima_revision:
            aviso = _("vencida") if f.revision == "vencida" else _("por vencer")
            revision = f'{e.texto(revision)}<br/><font size="6.5" color="{marca}">● {e.texto(aviso)}</font>'
        else:
            revision = e.texto(revision)
        actividades = "<br/>".join(e.texto(t) for _a, t in f.actividades) or "—"
        nivel = ParagraphStyle(f"riesgo_nivel_{n}", es.celda_negrita, alignment=1,
                               textColor=e.color(_letra_sobre(f.color)))
        datos.append([
            Paragraph(formato.entero(n), centro),
            e.parrafo(textos[0], es.celda_negrita),
            *(e.parrafo(t or "—", es.celda) for t in textos[1:]),
            Paragraph(formato.entero(f.probabilidad), centro),
            Paragraph(formato.entero(f.impacto), centro),
            e.parrafo(f.nivel_texto, nivel),
            e.parrafo(f.responsable or "—", es.celda),
            e.parrafo(f.estado_texto, es.celda),
            Paragraph(revision, es.celda),
            Paragraph(actividades, chica),
        ])
        comandos.append(("BACKGROUND", (8, n), (8, n), e.color(f.color)))
    return e.tabla(datos, anchos, comandos=comandos), algun_recorte


def _por_revisar(filas: Sequence[Any], ancho: float) -> list[Flowable]:
    """Los riesgos con la revisión vencida o por vencer (vencidos primero), con su número en la matriz."""
    es = e.estilos()
    numeros = {f.id: n for n, f in enumerate(filas, start=1)}
    lista = sorted((f for f in filas if f.por_revisar),
                   key=lambda f: (f.revision != "vencida", f.proxima_revision, numeros[f.id]))
    if not lista:
        return [e.parrafo(_("Ningún riesgo abierto tiene la revisión vencida ni por vencer."), es.nota)]
    centro = ParagraphStyle("riesgo_rev_centro", es.celda_centro)
    datos: list[list[Any]] = [[Paragraph(_("N.º"), es.encabezado_centro), Paragraph(_("Escenario"), es.encabezado),
                               Paragraph(_("Revisión"), es.encabezado), Paragraph(_("Responsable"), es.encabezado)]]
    anchos = [24, ancho - 24 - 78 - 110, 78, 110]
    for f in lista[:MAXIMO_POR_REVISAR]:
        color = _MARCAS_REVISION[f.revision]
        aviso = _("vencida") if f.revision == "vencida" else _("por vencer")
        escenario = e.recortar(f.escenario, e.LETRA, 7.3, 2 * (anchos[1] - 7) - 10)
        datos.append([Paragraph(formato.entero(numeros[f.id]), centro), e.parrafo(escenario, es.celda),
                      Paragraph(f'{e.texto(formato.fecha(f.proxima_revision))}<br/>'
                                f'<font size="6.5" color="{color}">● {e.texto(aviso)}</font>', es.celda),
                      e.parrafo(f.responsable or "—", es.celda)])
    salida: list[Flowable] = [e.tabla(datos, anchos)]
    if len(lista) > MAXIMO_POR_REVISAR:
        resto = len(lista) - MAXIMO_POR_REVISAR
        salida += [Spacer(1, 1.5 * mm), e.parrafo(n_("Y {n} riesgo más por revisar: vea la matriz.",
                                                     "Y {n} riesgos más por revisar: vea la matriz.", resto)
                                                  .format(n=formato.entero(resto)), es.nota)]
    return salida


def _resumen(filas: Sequence[Any]) -> str:
    abiertos = sum(1 for f in filas if f.estado == "abierto")
    materializados = sum(1 for f in filas if f.estado == "materializado")
    revisar = sum(1 for f in filas if f.por_revisar)
    partes = [n_("{n} riesgo", "{n} riesgos", len(filas)).format(n=formato.entero(len(filas))),
              n_("{n} abierto", "{n} abiertos", abiertos).format(n=formato.entero(abiertos)),
              n_("{n} materializado", "{n} materializados", materializados).format(n=formato.entero(materializados)),
              n_("{n} por revisar", "{n} por revisar", revisar).format(n=formato.entero(revisar))]
    return " · ".join(partes)


def historia_riesgos(documento: e.Documento, matriz: Any, filas: Sequence[Any]) -> list[Flowable]:
    from nucleo.servicios.riesgos import mapa_de_calor

    es = e.estilos()
    ancho = documento.ancho_util
    historia = e.encabezado_documento(documento, _resumen(filas))
    ancho_mapa = ancho * 0.5
    mapa = MapaDeCalor(ancho_mapa - 8 * mm, 118 * mm, matriz, mapa_de_calor(list(filas)))
    ancho_leyenda = ancho - ancho_mapa
    derecha: list[Flowable] = [
        e.subtitulo_seccion(_("Niveles de la matriz"), ancho_leyenda),
        Spacer(1, 2 * mm),
        _leyenda(matriz, filas, ancho_leyenda),
        Spacer(1, 3 * mm),
        e.parrafo(_("Cada celda muestra cuántos riesgos tienen esa probabilidad y ese impacto; las celdas pálidas no "
                    "tienen ninguno. El nivel sale de la matriz de riesgos del municipio, no se escribe a mano."),
                  es.nota),
        Spacer(1, 5 * mm),
    ]
    vacio = _("El plan todavía no tiene riesgos cargados. Se cargan en la pestaña «Riesgos» del Plan de Acción.")
    if filas:
        derecha += [e.subtitulo_seccion(_("Por revisar"), ancho_leyenda, _("vencida o en 2 días hábiles")),
                    Spacer(1, 2 * mm), *_por_revisar(filas, ancho_leyenda)]
    else:
        derecha.append(e.parrafo(vacio, es.normal))
    bloque = Table([[[e.subtitulo_seccion(_("Mapa de calor"), ancho_mapa - 8 * mm), Spacer(1, 3 * mm), mapa],
                     derecha]], colWidths=[ancho_mapa, ancho_leyenda])
    bloque.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), e.LETRA, 7.3), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    historia.append(bloque)
    if not filas:
        return historia
    historia += [Spacer(1, 5 * mm), CondPageBreak(60 * mm),
                 e.subtitulo_seccion(_("Matriz de riesgos"), ancho,
                                     _("P = probabilidad · I = impacto (de 1 a 5)")), Spacer(1, 2 * mm)]
    tabla, recortes = _tabla_riesgos(filas, ancho)
    historia.append(tabla)
    if recortes:
        historia += [Spacer(1, 2 * mm), e.parrafo(_("Los textos muy largos se cortaron con «…» para que cada riesgo "
                                                    "entre en una hoja; el texto completo está en Articula y en la "
                                                    "planilla Excel de riesgos."), es.nota)]
    return historia


def pdf_riesgos(destino: Path, membrete: e.Membrete, titulo: str, territorio: str, estado: str, matriz: Any,
                filas: Sequence[Any], hoy: date, *, invariante: bool = False,
                progreso: e.Progreso | None = None) -> Path:
    documento = e.Documento(
        titulo=_("Matriz de riesgos: {titulo}").format(titulo=titulo), membrete=membrete, emitido=hoy,
        subtitulo=_("{territorio} · plan {estado} · situación al {fecha}").format(
            territorio=territorio, estado=estado.lower(), fecha=formato.fecha_larga(hoy)),
        horizontal=True,
        asunto=_("Matriz de riesgos del Plan de Acción de {territorio}").format(territorio=territorio))
    return e.construir(destino, documento, historia_riesgos(documento, matriz, filas), invariante=invariante,
                       progreso=progreso, paginas_estimadas=max(2, len(filas) // 6 + 2))


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *,
             id: int | None = None, invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: la matriz de riesgos del plan `id`."""
    from nucleo.modelo import PlanAccion, Territorio
    from nucleo.servicios.plan import etiqueta_estado, exigir_plan
    from nucleo.servicios.riesgos import listar_riesgos, matriz_del_municipio

    exigir_plan(sesion, municipio_id, id)
    plan = sesion.get(PlanAccion, id)
    territorio = sesion.get(Territorio, plan.territorio_id)
    return pdf_riesgos(destino, membrete, plan.titulo, territorio.nombre if territorio else "",
                       etiqueta_estado(plan.estado), matriz_del_municipio(sesion, municipio_id),
                       listar_riesgos(sesion, municipio_id, hoy, plan_id=id), hoy, invariante=invariante,
                       progreso=progreso)
