"""Ficha territorial: una hoja A4 para el Intendente (población, ruta, necesidades y brechas, actores, programas,
convenios).

Una sola hoja siempre: cada lista muestra lo más importante y dice cuántos más hay («y 4 más»). Si aun así el
contenido no cabe (textos muy largos), se achica un poco dentro del marco (KeepInFrame) en vez de pasar a una
segunda hoja que el Intendente no vería.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer, Table, TableStyle

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _, n_
from nucleo.servicios.ficha import FichaTerritorial, ficha_territorial

MAX_NECESIDADES = 7
MAX_ACTORES = 6
MAX_PROGRAMAS = 7
MAX_CONVENIOS = 3
ROJO = e.COLORES_SEMAFORO["vencida"]


def _mas(resto: int) -> str:
    return n_("… y {n} más", "… y {n} más", resto).format(n=formato.entero(resto)) if resto > 0 else ""


def _datos(f: FichaTerritorial, ancho: float) -> Table:
    es = e.estilos()
    etiqueta = ParagraphStyle("etiqueta", es.nota, fontName=e.LETRA_NEGRITA)

    def par(titulo: str, valor: str) -> list[Any]:
        return [e.parrafo(titulo, etiqueta), e.parrafo(valor, es.pequeno)]

    filas = [
        par(_("Población"), f.poblacion) + par(_("Hogares"), f.hogares),
        par(_("Tipo"), f.tipo + (f" · {f.tipo_sps}" if f.tipo_sps else "")) + par(_("Estado"), f.estado),
        par(_("Organización representativa"), f.organizacion)
        + par(_("Ubicación (lat.; long.)"), f.ubicacion or _("sin ubicar en el mapa")),
        par(_("Espacio de articulación"), f.espacio) + par(_("Riesgos"), _recortar(f.riesgos, 160) or "—"),
    ]
    anchos = [ancho * 0.16, ancho * 0.34, ancho * 0.16, ancho * 0.34]
    t = Table(filas, colWidths=anchos)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), e.LETRA, 7.3, 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, e.color(e.BORDE)),
    ]))
    return t


def _recortar(texto: str, largo: int) -> str:
    """En una línea (sin saltos ni espacios dobles) y abreviado: la hoja es una sola."""
    return formato.abreviar(" ".join((texto or "").split()), largo)


def _ruta(f: FichaTerritorial, ancho: float) -> list[Flowable]:
    """Las ocho etapas en una fila de casillas con el color del semáforo, y el próximo paso debajo."""
    es = e.estilos()
    r = f.ruta
    if not r.etapas:
        return [e.parrafo(_("El territorio no tiene hoja de ruta."), es.pequeno)]
    codigo = ParagraphStyle("codigo", es.celda_centro, fontName=e.LETRA_NEGRITA, textColor=colors.white)
    estado = ParagraphStyle("estado_etapa", es.celda_centro, fontSize=6.3, leading=7.5, textColor=colors.white)
    celdas = [[e.parrafo(x.codigo, codigo) for x in r.etapas],
              [e.parrafo(x.semaforo_texto if x.estado != "pendiente" or x.fin_plan else x.estado_texto, estado)
               for x in r.etapas]]
    n = len(r.etapas)
    t = Table(celdas, colWidths=[ancho / n] * n)
    comandos: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), e.LETRA, 7.3, 9),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEAFTER", (0, 0), (-2, -1), 1.5, colors.white),
    ]
    for i, x in enumerate(r.etapas):
        comandos.append(("BACKGROUND", (i, 0), (i, -1), e.color(e.COLORES_SEMAFORO.get(x.semaforo, e.TEXTO_SECUNDARIO))))
    t.setStyle(TableStyle(comandos))
    avance = _("Avance: {hechas} de {total} etapas cumplidas ({porcentaje}).").format(
        hechas=formato.entero(r.cumplidas), total=formato.entero(n), porcentaje=formato.porcentaje(r.progreso))
    if r.vencidas:
        avance += " " + n_("{n} etapa vencida.", "{n} etapas vencidas.", r.vencidas).format(n=r.vencidas)
    return [t, Spacer(1, 1.2 * mm),
            e.parrafo(avance + " " + _("Próximo paso: {paso}").format(paso=r.texto_siguiente), es.pequeno)]


def _necesidades(f: FichaTerritorial, ancho: float) -> list[Flowable]:
    es = e.estilos()
    if not f.necesidades:
        texto = _("Todavía no hay necesidades priorizadas por la comunidad.")
        if f.sin_priorizar:
            texto += " " + n_("Hay {n} necesidad registrada sin priorizar.",
                              "Hay {n} necesidades registradas sin priorizar.", f.sin_priorizar).format(
                n=formato.entero(f.sin_priorizar))
        return [e.parrafo(texto, es.pequeno)]
    brecha = ParagraphStyle("brecha", es.celda_negrita, textColor=e.color(ROJO))
    filas: list[list[Any]] = [[_("Prior."), _("Necesidad"), _("Dimensión"), _("Respuesta de la oferta")]]
    comandos: list[tuple] = []
    # Every gap must reach the Intendente: gaps first when there is no room for all, then shown in priority order.
    elegidas = set(map(id, (list(f.brechas) + [n for n in f.necesidades if not n.brecha])[:MAX_NECESIDADES]))
    mostradas = [n for n in f.necesidades if id(n) in elegidas]
    for i, n in enumerate(mostradas, start=1):
        if n.brecha:
            respuesta = e.parrafo(_("BRECHA: ninguna oportunidad la responde"), brecha)
        else:
            respuesta = e.parrafo(_recortar("; ".join(n.respuestas), 110) or "—", es.celda)
        filas.append([e.parrafo(n.prioridad, es.celda_centro), e.parrafo(_recortar(n.descripcion, 120), es.celda),
                      e.parrafo(n.dimension, es.celda), respuesta])
        if n.brecha:
            comandos.append(("LINEBEFORE", (0, i), (0, i), 2.5, e.color(ROJO)))
    t = e.tabla(filas, [ancho * 0.08, ancho * 0.42, ancho * 0.12, ancho * 0.38], comandos=comandos)
    bloque: list[Flowable] = [t]
    resumen = n_("{n} brecha", "{n} brechas", len(f.brechas)).format(n=formato.entero(len(f.brechas)))
    resumen = _("{total} priorizadas; {brechas} (necesidades sin oferta que las responda).").format(
        total=formato.entero(len(f.necesidades)), brechas=resumen)
    extra = ""
    if len(f.brechas) > len(mostradas):
        extra = _("Se muestran las {m} brechas de mayor prioridad; la lista completa está en el Diagnóstico.").format(
            m=formato.entero(len(mostradas)))
    elif len(mostradas) < len(f.necesidades):
        extra = _("Se muestran {m} de {n}, con todas las brechas.").format(
            m=formato.entero(len(mostradas)), n=formato.entero(len(f.necesidades)))
    if f.sin_priorizar:
        extra += (" " if extra else "") + n_("Además, {n} necesidad sin priorizar.",
                                             "Además, {n} necesidades sin priorizar.",
                                             f.sin_priorizar).format(n=formato.entero(f.sin_priorizar))
    bloque += [Spacer(1, 1 * mm), e.parrafo(" ".join(x for x in (resumen, extra) if x), es.nota)]
    return bloque


def _lista(titulo: str, filas: Sequence[list[Any]], anchos: Sequence[float], resto: int) -> list[Flowable]:
    es = e.estilos()
    bloque: list[Flowable] = [e.subtitulo_seccion(titulo, sum(anchos)), Spacer(1, 1 * mm)]
    if len(filas) <= 1:
        bloque.append(e.parrafo(_("Sin datos registrados."), es.pequeno))
    else:
        bloque.append(e.tabla(filas, anchos))
    if resto > 0:
        bloque.append(e.parrafo(_mas(resto), es.nota))
    return bloque


def _actores(f: FichaTerritorial, ancho: float) -> list[Flowable]:
    es = e.estilos()
    filas: list[list[Any]] = [[_("Actor"), _("Categoría"), _("Postura")]]
    for a in f.actores[:MAX_ACTORES]:
        filas.append([e.parrafo(_recortar(a.nombre, 60), es.celda), e.parrafo(a.categoria_texto, es.celda),
                      e.parrafo(a.postura_texto, ParagraphStyle(
                          "postura", es.celda, textColor=e.color(e.COLORES_POSTURA.get(a.postura, e.TEXTO))))])
    return _lista(_("Actores clave"), filas, [ancho * 0.5, ancho * 0.32, ancho * 0.18],
                  len(f.actores) - MAX_ACTORES)


def _programas(f: FichaTerritorial, ancho: float) -> list[Flowable]:
    es = e.estilos()
    filas: list[list[Any]] = [[_("Programa o servicio"), _("Pilar")]]
    for o in f.programas[:MAX_PROGRAMAS]:
        nombre = _recortar(o.nombre, 55) + (f" ({_recortar(o.proveedor, 30)})" if o.proveedor else "")
        filas.append([e.parrafo(nombre, es.celda), e.parrafo(o.pilar_texto, es.celda)])
    return _lista(_("Programas presentes"), filas, [ancho * 0.66, ancho * 0.34], len(f.programas) - MAX_PROGRAMAS)


def _convenios(f: FichaTerritorial, ancho: float) -> list[Flowable]:
    es = e.estilos()
    filas: list[list[Any]] = [[_("Convenio"), _("Partes"), _("Estado"), _("Firma")]]
    for c in f.convenios[:MAX_CONVENIOS]:
        filas.append([e.parrafo(f"{c.tipo}: {_recortar(c.titulo, 70)}", es.celda),
                      e.parrafo(_recortar(c.partes, 110), es.celda), e.parrafo(c.estado, es.celda),
                      e.parrafo(c.fecha, es.celda)])
    return _lista(_("Últimos convenios"), filas, [ancho * 0.36, ancho * 0.38, ancho * 0.12, ancho * 0.14],
                  len(f.convenios) - MAX_CONVENIOS)


def _lado_a_lado(izquierda: list[Flowable], derecha: list[Flowable], ancho: float) -> Table:
    hueco = 5 * mm
    t = Table([[izquierda, "", derecha]], colWidths=[(ancho - hueco) / 2, hueco, (ancho - hueco) / 2])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), e.LETRA, 7.3, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def pdf_ficha(destino: Path, membrete: e.Membrete, f: FichaTerritorial, hoy: date, *, invariante: bool = False,
              progreso=None) -> Path:
    documento = e.Documento(_("Ficha territorial: {nombre}").format(nombre=f.nombre), membrete, hoy,
                            subtitulo=_("Situación al {fecha}").format(fecha=formato.fecha_larga(hoy)),
                            asunto=_("Ficha territorial"))
    ancho = documento.ancho_util
    medio = (ancho - 5 * mm) / 2
    es = e.estilos()
    contenido: list[Flowable] = e.encabezado_documento(documento)
    contenido += [e.subtitulo_seccion(_("Datos del territorio"), ancho), Spacer(1, 1 * mm), _datos(f, ancho),
                  Spacer(1, 3 * mm),
                  e.subtitulo_seccion(_("Hoja de ruta"), ancho), Spacer(1, 1.5 * mm), *_ruta(f, ancho),
                  Spacer(1, 3 * mm),
                  e.subtitulo_seccion(_("Necesidades priorizadas por la comunidad y brechas"), ancho),
                  Spacer(1, 1.5 * mm), *_necesidades(f, ancho), Spacer(1, 3 * mm),
                  _lado_a_lado(_actores(f, medio), _programas(f, medio), ancho), Spacer(1, 3 * mm),
                  *_convenios(f, ancho)]
    if f.coordinador:
        contenido += [Spacer(1, 3 * mm), e.parrafo(_("Elaborada por la Coordinación Municipal: {nombre}.").format(
            nombre=f.coordinador), es.nota)]
    # One sheet always: shrink to the frame rather than spill onto a page nobody turns.
    historia: list[Flowable] = [KeepInFrame(ancho, documento.alto_util - 2 * mm, contenido, mode="shrink")]
    return e.construir(destino, documento, historia, invariante=invariante, progreso=progreso)


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *,
             id: int | None = None, invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf` (tabla «ficha», pide el territorio)."""
    return pdf_ficha(destino, membrete, ficha_territorial(sesion, municipio_id, id, hoy), hoy,
                     invariante=invariante, progreso=progreso)
