"""Un convenio impreso desde su plantilla: el documento que firman el Intendente y las demás partes.

Título centrado, preámbulo, cláusulas numeradas (PRIMERA, SEGUNDA…) con las obligaciones de cada parte en
viñetas, el cierre y un bloque de firma por parte (línea, quién firma, su cargo y la institución). El texto sale de
la plantilla del tipo (`servicios.convenios_plantilla`); si está mal escrita, ErrorDeUsuario dice dónde.

Un borrador lleva la marca de agua «BORRADOR» en cada hoja; un convenio firmado, su huella SHA-256 sobre el pie de
cada hoja (la de `servicios.convenios.huella`, calculada al firmar), así una hoja suelta dice qué contenido se firmó.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _
from nucleo.servicios.convenios import ficha_convenio, verificar_firma
from nucleo.servicios.convenios_plantilla import BLANCO, Bloque, TextoConvenio, texto_de_convenio

ALTO_FIRMA = 22 * mm  # room for a handwritten signature and a seal above each line


class _Estilos:
    """Los estilos del texto legal, derivados de los de todos los impresos (letra algo mayor para leer y firmar)."""

    def __init__(self) -> None:
        es = e.estilos()
        self.titulo = ParagraphStyle("conv_titulo", es.titulo, fontSize=14.5, leading=18, alignment=TA_CENTER,
                                     spaceAfter=3)
        self.subtitulo = ParagraphStyle("conv_subtitulo", es.normal, fontName=e.LETRA_NEGRITA, fontSize=10.5,
                                        leading=14, alignment=TA_CENTER, textColor=e.color(e.TEXTO))
        self.aviso = ParagraphStyle("conv_aviso", es.nota, alignment=TA_CENTER, fontSize=7.5, leading=10)
        self.alerta = ParagraphStyle("conv_alerta", self.aviso, textColor=e.color("#c62828"),
                                     fontName=e.LETRA_NEGRITA)
        self.cuerpo = ParagraphStyle("conv_cuerpo", es.normal, fontSize=9.8, leading=14.2, alignment=TA_JUSTIFY,
                                     spaceAfter=6)
        self.clausula = ParagraphStyle("conv_clausula", self.cuerpo, fontName=e.LETRA_NEGRITA,
                                       textColor=e.color(e.AZUL_INSTITUCIONAL), spaceBefore=7, spaceAfter=3,
                                       alignment=0, keepWithNext=True)
        self.parte = ParagraphStyle("conv_parte", self.cuerpo, fontName=e.LETRA_NEGRITA, leftIndent=5 * mm,
                                    spaceBefore=2, spaceAfter=2, keepWithNext=True)
        self.vineta = ParagraphStyle("conv_vineta", self.cuerpo, leftIndent=11 * mm, bulletIndent=7 * mm,
                                     bulletFontName=e.LETRA, bulletFontSize=9.8,
                                     spaceAfter=2)
        self.vineta_ultima = ParagraphStyle("conv_vineta_ultima", self.vineta, spaceAfter=6)


def _bloques(bloques: tuple[Bloque, ...], es: _Estilos) -> list[Flowable]:
    salida: list[Flowable] = []
    for b in bloques:
        if b.items:
            for i, item in enumerate(b.items, start=1):
                estilo = es.vineta_ultima if i == len(b.items) else es.vineta
                salida.append(Paragraph(e.texto(item), estilo, bulletText="•"))
        elif b.texto:
            salida.append(Paragraph(e.texto(b.texto), es.parte if b.de_parte else es.cuerpo))
    return salida


def historia_convenio(texto: TextoConvenio, firmantes: list[tuple[str, str]], ancho: float, avisos: list[str],
                      alertas: list[str]) -> list[Flowable]:
    es = _Estilos()
    historia: list[Flowable] = []
    for n, linea in enumerate(texto.titulo):
        historia.append(Paragraph(e.texto(linea), es.titulo if n == 0 else es.subtitulo))
    for aviso in avisos:
        historia.append(Spacer(1, 1.5 * mm))
        historia.append(Paragraph(e.texto(aviso), es.aviso))
    for alerta in alertas:
        historia.append(Spacer(1, 1.5 * mm))
        historia.append(Paragraph(e.texto(alerta), es.alerta))
    historia.append(Spacer(1, 6 * mm))
    historia += _bloques(texto.preambulo, es)
    for c in texto.clausulas:
        historia.append(Paragraph(f"{e.texto(c.ordinal)} – {e.texto(c.titulo)}.", es.clausula))
        historia += _bloques(c.bloques, es)
    # The closing words stay on the sheet with the signatures: a signature page never starts bare.
    cierre = _bloques(texto.cierre, es)
    if firmantes:
        cierre += [Spacer(1, 4 * mm),
                   e.lineas_de_firma(firmantes, ancho, por_fila=_por_fila(len(firmantes)), alto_firma=ALTO_FIRMA)]
    if cierre:
        historia.append(KeepTogether(cierre))
    return historia


def _por_fila(n: int) -> int:
    # Two or four parties: two per row (long institution names need the width); three, five, six: three.
    return 2 if n in (2, 4) else 3


def firmantes_de(partes) -> list[tuple[str, str]]:
    """(nombre, debajo) de cada firma: quien firma; su cargo y la institución en renglones aparte."""
    salida = []
    for p in partes:
        debajo = "\n".join(x for x in (p.cargo, p.nombre) if x)
        salida.append((p.representante or BLANCO, debajo or BLANCO))
    return salida


def imprimir(sesion: Session, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str | None,
             hoy: date, *, id: int | None = None, invariante: bool = False,
             progreso: Callable[[int, int], None] | None = None) -> Path:
    ficha = ficha_convenio(sesion, id)
    texto = texto_de_convenio(sesion, id)
    avisos, alertas = [], []
    if ficha.firmado:
        huella = _("Firmado el {fecha} · Huella SHA-256 del contenido firmado: {hash}").format(
            fecha=formato.fecha(ficha.fecha_firma), hash=ficha.hash_firma)
        if not verificar_firma(sesion, id):
            alertas.append(_("Atención: el contenido guardado no coincide con la huella registrada al firmar."))
    else:
        huella = ""
        avisos.append(_("Borrador para revisión de las partes: sin valor hasta su firma."))
    documento = e.Documento(
        ficha.tipo_texto, membrete, hoy, subtitulo=ficha.datos.titulo,
        asunto=f"{ficha.tipo_texto}: {ficha.datos.titulo}",
        marca_agua=_("BORRADOR") if not ficha.firmado else "", huella=huella)
    historia = historia_convenio(texto, firmantes_de(ficha.partes), documento.ancho_util, avisos, alertas)
    return e.construir(destino, documento, historia, invariante=invariante, progreso=progreso)
