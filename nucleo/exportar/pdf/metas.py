"""Impreso del calendario de metas de un Plan de Acción (documento 004): qué entrega cada socio en cada trimestre.

A4 apaisado. Una fila por socio (el actor responsable, o el lado si no hay actor), una columna por trimestre con
sus meses («Ene – Mar 2027»); en cada celda, lo que vence ese trimestre: código, nombre y condiciones, ◆ para un
hito y ✓ para lo ya cumplido. Con muchos trimestres la grilla sigue en otra tabla (de a `POR_HOJA` trimestres,
con los socios repetidos); una celda demasiado larga para una hoja sigue en una fila «(continúa)».
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf.comun_plan import huella_y_marca
from nucleo.exportar.pdf.cronograma import nombre_mes
from nucleo.i18n import _, n_

POR_HOJA = 4  # quarters side by side on an A4 landscape sheet
ANCHO_SOCIO = 0.17  # share of the width for the partner column
VERDE = e.COLORES_SEMAFORO["al_dia"]
ROJO = e.COLORES_SEMAFORO["vencida"]


def meses_del_trimestre(etiqueta: str) -> str:
    """«T1 2027» -> «Ene – Mar 2027» (como en el 004); otra etiqueta («Sin fecha») queda vacía."""
    m = re.fullmatch(r"\D*(\d)\D+(\d{4})", etiqueta.strip())
    if not m:
        return ""
    n, anio = int(m.group(1)), int(m.group(2))
    primero, ultimo = date(anio, 3 * n - 2, 1), date(anio, 3 * n, 1)
    return f"{nombre_mes(primero)} – {nombre_mes(ultimo)} {anio}"


def _estilos() -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    es = e.estilos()
    item = ParagraphStyle("meta_item", es.celda, fontSize=7.2, leading=8.8, leftIndent=7, firstLineIndent=-7,
                          spaceAfter=2.5)
    socio = ParagraphStyle("meta_socio", es.celda_negrita, fontSize=7.6, leading=9.4)
    lado = ParagraphStyle("meta_lado", es.nota, fontSize=6.6, leading=8)
    return item, socio, lado


def _texto_item(m: Any) -> str:
    marca = ""
    if m.cumplida:
        marca = f'<font color="{VERDE}">✓</font> '
    elif getattr(m, "semaforo", "") == "vencida":
        marca = f'<font color="{ROJO}">●</font> '
    hito = "◆ " if m.hito else ""
    return f"{marca}<b>{e.texto(m.codigo)}</b> {hito}{e.texto(m.texto)}"


def _trozos(items: Sequence[Any], estilo: ParagraphStyle, ancho: float, alto_max: float) -> list[list[Paragraph]]:
    """Los párrafos de una celda, partidos en trozos que entran en `alto_max` (una fila nunca pasa de una hoja)."""
    trozos: list[list[Paragraph]] = [[]]
    usado = 0.0
    for m in items:
        p = Paragraph(_texto_item(m), estilo)
        h = p.wrap(ancho, 10_000)[1] + estilo.spaceAfter
        if trozos[-1] and usado + h > alto_max:
            trozos.append([])
            usado = 0.0
        trozos[-1].append(p)
        usado += h
    return trozos


def tabla_metas(cal: Any, columnas: Sequence[int], ancho: float, alto_max: float) -> Flowable:
    es = e.estilos()
    item, socio, lado = _estilos()
    ancho_socio = ancho * ANCHO_SOCIO
    ancho_celda = (ancho - ancho_socio) / max(len(columnas), 1)
    enc = ParagraphStyle("meta_enc", es.encabezado_centro)
    sub = ParagraphStyle("meta_enc_sub", es.encabezado_centro, fontName=e.LETRA, fontSize=6.8, leading=8.5)
    filas: list[list[Any]] = [[Paragraph(e.texto(_("Socio")), es.encabezado)]
                              + [[Paragraph(e.texto(cal.trimestres[i]), enc),
                                  Paragraph(e.texto(meses_del_trimestre(cal.trimestres[i])), sub)]
                                 for i in columnas]]
    comandos: list[tuple] = [("LINEAFTER", (0, 0), (-2, -1), 0.35, e.color(e.BORDE)),
                             ("BOX", (0, 0), (-1, -1), 0.5, e.color(e.BORDE))]
    for f in cal.filas:
        celdas = [_trozos(f.celdas[i], item, ancho_celda - 7, alto_max) for i in columnas]
        partes = max(len(c) for c in celdas)
        for parte in range(partes):
            nombre = f.socio if parte == 0 else _("{socio} (continúa)").format(socio=f.socio)
            fila: list[Any] = [[Paragraph(e.texto(nombre), socio)]]
            if f.lado_texto.casefold() != f.socio.casefold():  # «Comunidad» as partner needs no «Comunidad» under it
                fila[0].append(Paragraph(e.texto(f.lado_texto), lado))
            for c in celdas:
                fila.append(c[parte] if parte < len(c) else "")
            filas.append(fila)
    anchos = [ancho_socio] + [ancho_celda] * len(columnas)
    return e.tabla(filas, anchos, comandos=comandos)


def historia_metas(documento: e.Documento, cal: Any) -> list[Flowable]:
    es = e.estilos()
    n_metas = sum(len(c) for f in cal.filas for c in f.celdas)
    cumplidas = sum(1 for f in cal.filas for c in f.celdas for m in c if m.cumplida)
    resumen = " · ".join([
        n_("{n} socio", "{n} socios", len(cal.filas)).format(n=formato.entero(len(cal.filas))),
        n_("{n} trimestre", "{n} trimestres", len(cal.trimestres)).format(n=formato.entero(len(cal.trimestres))),
        n_("{n} meta", "{n} metas", n_metas).format(n=formato.entero(n_metas)),
        n_("{n} cumplida", "{n} cumplidas", cumplidas).format(n=formato.entero(cumplidas)),
    ])
    historia = e.encabezado_documento(documento, resumen)
    historia.append(e.parrafo(_("Cada actividad figura en el trimestre en que vence (su fin planificado), con sus "
                                "condiciones de satisfacción. ✓ cumplida · ● vencida sin cumplir · ◆ hito."), es.nota))
    historia.append(Spacer(1, 3 * mm))
    if cal.vacio:
        historia.append(e.parrafo(_("El plan todavía no tiene actividades con responsable y fecha: el calendario de "
                                    "metas se arma solo a partir del cronograma."), es.normal))
        return historia
    ancho = documento.ancho_util
    alto_max = documento.alto_util - 45 * mm
    grupos = [list(range(i, min(i + POR_HOJA, len(cal.trimestres)))) for i in range(0, len(cal.trimestres), POR_HOJA)]
    for n, columnas in enumerate(grupos):
        if len(grupos) > 1:
            historia += [CondPageBreak(60 * mm), e.subtitulo_seccion(
                _("{desde} a {hasta}").format(desde=cal.trimestres[columnas[0]], hasta=cal.trimestres[columnas[-1]]),
                ancho, _("Parte {n} de {total}").format(n=n + 1, total=len(grupos))), Spacer(1, 1.5 * mm)]
        historia += [tabla_metas(cal, columnas, ancho, alto_max), Spacer(1, 5 * mm)]
    return historia


def pdf_metas(destino: Path, membrete: e.Membrete, r: Any, cal: Any, hoy: date, *, huella: str = "",
              invariante: bool = False, progreso: e.Progreso | None = None) -> Path:
    marca, linea = huella_y_marca(r, huella)
    documento = e.Documento(
        titulo=_("Calendario de metas: {titulo}").format(titulo=r.titulo), membrete=membrete, emitido=hoy,
        subtitulo=_("{territorio} · qué entrega cada socio en cada trimestre · situación al {fecha}").format(
            territorio=r.territorio, fecha=formato.fecha_larga(hoy)),
        revision=formato.entero(r.revision), horizontal=True,
        asunto=_("Calendario de metas del Plan de Acción de {territorio}").format(territorio=r.territorio),
        marca_agua=marca, huella=linea)
    return e.construir(destino, documento, historia_metas(documento, cal), invariante=invariante, progreso=progreso)


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *,
             id: int | None = None, invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el calendario de metas del plan `id`."""
    from nucleo.servicios.instantanea import huella_contenido
    from nucleo.servicios.metas import calendario_metas
    from nucleo.servicios.plan import exigir_plan, resumen_plan

    exigir_plan(sesion, municipio_id, id)
    return pdf_metas(destino, membrete, resumen_plan(sesion, id, hoy), calendario_metas(sesion, id, hoy), hoy,
                     huella=huella_contenido(sesion, id), invariante=invariante, progreso=progreso)
