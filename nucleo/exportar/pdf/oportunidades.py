"""Catálogo impreso del Mapa de Oportunidades: lo que el coordinador entrega a los referentes comunitarios.

Por pilar del Sistema de Protección Social y, dentro de cada uno, por categoría de población (ciclo de vida,
Hogares, Entorno), con el mismo agrupamiento que la vista de catálogo (`servicios.oportunidades.agrupar_catalogo`).
Cada programa o servicio es una ficha compacta; si sirve a varias categorías del mismo pilar, la ficha completa va
en la primera y en las otras queda una referencia de una línea (así el catálogo no repite páginas enteras).
Termina con los contactos de los proveedores. Las oportunidades vencidas no se imprimen (ya no se pueden
aprovechar): el catálogo dice cuántas quedaron fuera.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _, n_
from nucleo.servicios.oportunidades import (
    DIAS_PARA_VERIFICAR,
    VENCIDA,
    FilaOportunidad,
    GrupoPilar,
    agrupar_catalogo,
)

# The accent of each SPS pillar: its band and the left edge of its entries.
COLOR_PILAR = {"integracion_social": "#1d5fa8", "insercion_laboral": "#2e7d32", "prevision_social": "#6d4c9f"}


def _descripcion_pilar(pilar: str) -> str:
    # Built when printing, so the texts follow the translation catalogue installed at that moment.
    return {
        "integracion_social": _("Servicios y apoyos para ejercer derechos: salud, educación, cuidado, alimentación, "
                                "identidad y vivienda."),
        "insercion_laboral": _("Capacitación, empleo, crédito y apoyo a emprendimientos y a la producción."),
        "prevision_social": _("Jubilaciones, pensiones y acceso a la seguridad social."),
    }.get(pilar, "")


def _contacto(f: FilaOportunidad) -> str:
    """Markup: the entry's own contact; the provider's when the entry has none."""
    nombre, telefono, correo = f.contacto, f.telefono, f.correo
    if not (telefono or correo):
        nombre = nombre or f.proveedor_contacto
        telefono, correo = f.proveedor_telefono, f.proveedor_correo
    partes = [e.texto(nombre)] if nombre else []
    if telefono:
        partes.append("☎ " + e.texto(telefono))
    if correo:
        partes.append("✉ " + e.texto(correo))
    return " · ".join(partes)


# ------------------------------------------------------------------------------------------------- ficha
_ANCHOS_FICHA = (62, 195, 52, 195)  # label, value, label, value (scaled to the page)


def ficha(f: FilaOportunidad, ancho: float, hoy: date) -> Table:
    """Un programa o servicio en un bloque compacto que no se parte entre hojas."""
    es = e.estilos()
    escala = (ancho - 4) / sum(_ANCHOS_FICHA)
    anchos = [a * escala for a in _ANCHOS_FICHA]
    etiqueta = es.nota
    valor = es.pequeno

    def et(t: str) -> Paragraph:
        return Paragraph(e.texto(t), etiqueta)

    filas: list[list] = []
    comandos: list[tuple] = []

    def ancha(titulo: str, contenido: str, marcado: bool = False) -> None:
        if contenido:
            fila = len(filas)
            filas.append([et(titulo), Paragraph(contenido if marcado else e.texto(contenido), valor), "", ""])
            comandos.append(("SPAN", (1, fila), (3, fila)))

    def doble(t1: str, v1: str, t2: str, v2: str) -> None:
        if v1 and v2:
            filas.append([et(t1), Paragraph(e.texto(v1), valor), et(t2), Paragraph(e.texto(v2), valor)])
        elif v1 or v2:
            ancha(t1 if v1 else t2, v1 or v2)

    etiquetas = " · ".join(x for x in (f.paquete_texto, f.beneficio_texto, f.origen_texto) if x)
    filas.append([Paragraph(f"<b>{e.texto(f.nombre)}</b>", es.subseccion), "", "",
                  Paragraph(e.texto(etiquetas), ParagraphStyle("etiquetas", es.nota, alignment=TA_RIGHT))])
    comandos.append(("SPAN", (0, 0), (2, 0)))
    if f.proveedor:
        ancha(_("Lo ofrece"), f.proveedor)
    ancha(_("Qué ofrece"), f.descripcion)
    ancha(_("Para quién"), f.poblaciones_texto)
    ancha(_("Requisitos"), f.requisitos)
    doble(_("Dónde"), f.lugar, _("Cuándo"), f.horario)
    costo = f.costo_texto + (f" · {f.costo_detalle}" if f.costo_detalle and f.costo else "")
    doble(_("Costo"), costo, _("Cupos"), f.cupos_texto if f.cupos is not None else "")
    vigencia = f.vigencia_texto if (f.vigencia_desde or f.vigencia_hasta) else ""
    if f.vigencia_desde and f.vigencia_desde > hoy:
        vigencia = _("Empieza el {fecha}").format(fecha=formato.fecha(f.vigencia_desde))
    doble(_("Alcance"), f.cobertura_texto, _("Vigencia"), vigencia)
    ancha(_("Contacto"), _contacto(f), marcado=True)

    pie = []
    if f.fuente:
        pie.append(_("Fuente: {fuente}").format(fuente=e.texto(f.fuente)))
    pie.append(_("Verificado el {fecha}").format(fecha=formato.fecha(f.verificado_el)) if f.verificado_el
               else _("Sin fecha de verificación"))
    texto_pie = " · ".join(pie)
    if f.verificar:
        texto_pie += f'   <font color="{e.AVISO}"><b>⚠ {e.texto(_("verificar"))}</b></font>'
    fila = len(filas)
    filas.append([Paragraph(texto_pie, es.nota), "", "", ""])
    comandos.append(("SPAN", (0, fila), (3, fila)))

    acento = COLOR_PILAR.get(f.pilar, e.AZUL_INSTITUCIONAL)
    t = Table(filas, colWidths=anchos, hAlign="RIGHT")
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # Empty cells under a span still count for the row height at the table's font: keep it small.
        ("FONT", (0, 0), (-1, -1), e.LETRA, 6, 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
        ("TOPPADDING", (0, 0), (-1, 0), 4), ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
        ("TOPPADDING", (0, -1), (-1, -1), 3), ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), e.color(e.FONDO)),
        ("BOX", (0, 0), (-1, -1), 0.4, e.color(e.BORDE)),
        ("LINEABOVE", (0, -1), (-1, -1), 0.3, e.color(e.BORDE)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, e.color(acento)),  # after the box, or its grey line splits it
        ("NOSPLIT", (0, 0), (-1, -1)),  # an entry is never cut between two sheets
    ] + comandos))
    return t


def _referencias(filas: Sequence[tuple[FilaOportunidad, str]]) -> list[Flowable]:
    """Las oportunidades de esta categoría cuya ficha completa está en otra categoría del mismo pilar."""
    es = e.estilos()
    sangria = ParagraphStyle("referencia", es.pequeno, leftIndent=10, firstLineIndent=-10)
    salida: list[Flowable] = [Paragraph(f'<font color="{e.AZUL_INSTITUCIONAL}"><b>'
                                        f'{e.texto(_("También para esta población:"))}</b></font>', es.pequeno)]
    for f, grupo in filas:
        detalle = _("ficha en «{grupo}»").format(grupo=grupo)
        proveedor = f" ({e.texto(f.proveedor)})" if f.proveedor else ""
        salida.append(Paragraph(f"↪ <b>{e.texto(f.nombre)}</b>{proveedor} · "
                                f'<font color="{e.TEXTO_SECUNDARIO}">{e.texto(detalle)}</font>', sangria))
    return salida


def _pilar(g: GrupoPilar, ancho: float, hoy: date) -> list[Flowable]:
    es = e.estilos()
    historia: list[Flowable] = [CondPageBreak(60 * mm)]
    titulo = f"{g.titulo} · " + n_("{n} oportunidad", "{n} oportunidades", g.cantidad).format(
        n=formato.entero(g.cantidad))
    historia.append(e.banda(titulo, ancho, COLOR_PILAR.get(g.pilar, e.AZUL_INSTITUCIONAL)))
    descripcion = _descripcion_pilar(g.pilar)
    if descripcion:
        historia += [Spacer(1, 1.5 * mm), e.parrafo(descripcion, es.nota)]
    donde: dict[int, str] = {}  # entry id -> population group where its full entry is
    for grupo in g.grupos:
        nuevas = [f for f in grupo.filas if f.id not in donde]
        repetidas = [(f, donde[f.id]) for f in grupo.filas if f.id in donde]
        for f in nuevas:
            donde[f.id] = grupo.titulo
        encabezado = e.subtitulo_seccion(grupo.titulo, ancho, n_(
            "{n} oportunidad", "{n} oportunidades", len(grupo.filas)).format(n=formato.entero(len(grupo.filas))))
        fichas: list[Flowable] = []
        for f in nuevas:
            fichas += [ficha(f, ancho, hoy), Spacer(1, 2.2 * mm)]
        referencias = [*_referencias(repetidas), Spacer(1, 2 * mm)] if repetidas else []
        # The heading travels with what follows it (the first entry, or the short list of references): never a
        # heading alone at the foot of a page. Flat lists only: a KeepTogether inside another one always claims
        # a page of its own.
        primeros, resto = (fichas[:1], fichas[1:]) if fichas else (referencias, [])
        historia += [Spacer(1, 3.5 * mm), KeepTogether([encabezado, Spacer(1, 2 * mm), *primeros]), *resto]
        if fichas and referencias:
            historia.append(KeepTogether(referencias))
    historia.append(Spacer(1, 4 * mm))
    return historia


# -------------------------------------------------------------------------------------- contactos y portada
def _contactos(filas: Sequence[FilaOportunidad], ancho: float) -> list[Flowable]:
    """Los datos de contacto de cada proveedor tal como figuran en la matriz de actores.

    Solo los del proveedor: el contacto de un programa (una oficina, una comisión) ya está en su ficha, y
    ponerlo aquí lo haría pasar por el de toda la institución.
    """
    es = e.estilos()
    por_proveedor: dict[str, list[FilaOportunidad]] = {}
    for f in filas:
        if f.proveedor:
            por_proveedor.setdefault(f.proveedor, []).append(f)
    if not por_proveedor:
        return []
    columnas = [(_("Proveedor"), 122), (_("Contacto"), 90), (_("Teléfono"), 78), (_("Correo"), 145),
                (_("Programas y servicios"), 175)]
    escala = ancho / sum(a for _t, a in columnas)
    anchos = [a * escala for _t, a in columnas]
    utiles = [a - 7 for a in anchos]
    datos: list[list] = [[Paragraph(e.texto(t), es.encabezado) for t, _a in columnas]]
    sin_datos = False
    for proveedor in sorted(por_proveedor, key=str.casefold):
        suyas = por_proveedor[proveedor]
        primera = suyas[0]
        sin_datos |= not (primera.proveedor_contacto or primera.proveedor_telefono or primera.proveedor_correo)
        datos.append([
            e.envolver(proveedor, utiles[0], e.LETRA_NEGRITA),
            e.envolver(primera.proveedor_contacto or "—", utiles[1]),
            e.envolver(primera.proveedor_telefono or "—", utiles[2]),
            e.envolver(primera.proveedor_correo or "—", utiles[3], e.LETRA, 6.6),
            e.envolver(", ".join(sorted((f.nombre for f in suyas), key=str.casefold)), utiles[4]),
        ])
    historia: list[Flowable] = [
        CondPageBreak(45 * mm), e.banda(_("Contactos de los proveedores"), ancho), Spacer(1, 1.5 * mm),
        e.parrafo(_("Para consultas sobre requisitos, cupos y fechas, diríjase a cada institución u organización."
                    ) + (" " + _("Donde aquí no hay datos, use el contacto de la ficha del programa.")
                         if sin_datos else ""), es.nota),
        Spacer(1, 2 * mm),
        e.tabla(datos, anchos, comandos=[("FONT", (0, 1), (0, -1), e.LETRA_NEGRITA, 7.3, 9),
                                         ("FONT", (3, 1), (3, -1), e.LETRA, 6.6, 8.3)]),
    ]
    return historia


def _indice(grupos: Sequence[GrupoPilar], ancho: float) -> Table:
    """Cuadro de la primera hoja: qué hay en cada pilar y para quién."""
    es = e.estilos()
    datos: list[list] = [[Paragraph(e.texto(_("Pilar")), es.encabezado),
                          Paragraph(e.texto(_("Poblaciones con oferta")), es.encabezado),
                          Paragraph(e.texto(_("Oportunidades")), es.encabezado_centro)]]
    for g in grupos:
        datos.append([Paragraph(f'<font color="{COLOR_PILAR.get(g.pilar, e.TEXTO)}">●</font> '
                                f"<b>{e.texto(g.titulo)}</b>", es.celda),
                      Paragraph(e.texto(", ".join(x.titulo for x in g.grupos)), es.celda),
                      formato.entero(g.cantidad)])
    return e.tabla(datos, [ancho * 0.32, ancho * 0.53, ancho * 0.15], comandos=[("ALIGN", (2, 1), (2, -1), "CENTER")])


def historia_catalogo(documento: e.Documento, filas: Sequence[FilaOportunidad], hoy: date) -> list[Flowable]:
    es = e.estilos()
    ancho = documento.ancho_util
    vigentes = [f for f in filas if f.vigencia != VENCIDA]
    vencidas = len(filas) - len(vigentes)
    verificar = sum(1 for f in vigentes if f.verificar)
    resumen = [n_("{n} programa o servicio", "{n} programas y servicios", len(vigentes)).format(
        n=formato.entero(len(vigentes)))]
    if verificar:
        resumen.append(n_("{n} para verificar", "{n} para verificar", verificar).format(n=formato.entero(verificar)))
    historia = e.encabezado_documento(documento, " · ".join(resumen))
    if not vigentes:
        historia.append(e.parrafo(_("Todavía no hay programas ni servicios vigentes en el Mapa de Oportunidades."),
                                  es.normal))
        return historia
    intro = _(
        "Este catálogo reúne los programas y servicios que las instituciones públicas, las organizaciones y la "
        "cooperación ofrecen a las familias del distrito, ordenados por pilar del Sistema de Protección Social y "
        "por etapa de la vida. Antes de acudir, confirme los requisitos, los horarios y los cupos con el contacto "
        "de cada ficha.")
    if verificar:
        intro += " " + _("Las fichas marcadas «verificar» tienen información revisada hace más de {dias} días "
                         "(o sin fecha de revisión).").format(dias=formato.entero(DIAS_PARA_VERIFICAR))
    if vencidas:
        intro += " " + n_("No se incluye {n} oportunidad cuya vigencia ya terminó.",
                          "No se incluyen {n} oportunidades cuya vigencia ya terminó.", vencidas).format(
            n=formato.entero(vencidas))
    grupos = agrupar_catalogo(vigentes)
    historia += [e.parrafo(intro, es.normal), Spacer(1, 3 * mm), _indice(grupos, ancho), Spacer(1, 6 * mm)]
    for g in grupos:
        historia += _pilar(g, ancho, hoy)
    historia += _contactos(vigentes, ancho)
    return historia


def pdf_catalogo(destino: Path, membrete: e.Membrete, filas: Sequence[FilaOportunidad], hoy: date, *,
                 invariante: bool = False, progreso: e.Progreso | None = None) -> Path:
    documento = e.Documento(
        titulo=_("Catálogo del Mapa de Oportunidades"), membrete=membrete, emitido=hoy,
        subtitulo=_("Programas y servicios para las familias del distrito de {municipio}; actualizado al {fecha}.")
        .format(municipio=membrete.municipio, fecha=formato.fecha_larga(hoy)),
        asunto=_("Mapa de Oportunidades de {municipio}").format(municipio=membrete.municipio))
    return e.construir(destino, documento, historia_catalogo(documento, filas, hoy), invariante=invariante,
                       progreso=progreso)


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *, id=None,
             invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el catálogo del Mapa de Oportunidades."""
    from nucleo.servicios.oportunidades import listar_oportunidades

    return pdf_catalogo(destino, membrete, listar_oportunidades(sesion, municipio_id, hoy), hoy,
                        invariante=invariante, progreso=progreso)
