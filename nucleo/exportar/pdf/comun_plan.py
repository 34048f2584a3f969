"""Lo que comparten los impresos del Plan de Acción (el plan, el cronograma, el presupuesto y el calendario de
metas): la marca de agua según el estado, la línea de la huella sobre el pie y los avisos en gris."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import N_, _, traducir

ESTADOS_BORRADOR = frozenset({"borrador", "en_revision"})
MARCA_BORRADOR = N_("BORRADOR — sin validez")
# The live plan once sanctioned (follow-up, progress): not a draft, but not the sanctioned document either.
MARCA_COPIA = N_("COPIA DE TRABAJO — sin validez")


def huella_y_marca(r: Any, huella: str = "") -> tuple[str, str]:
    """(marca de agua, línea sobre el pie) de los impresos del plan resumido en `r` (un `ResumenPlan`)."""
    marca = traducir(MARCA_BORRADOR) if r.estado in ESTADOS_BORRADOR else ""
    # The revision is already in the footer's identity line; the hash must fit whole on a portrait sheet.
    partes = [_("Plan n.º {n}, {estado}").format(n=formato.entero(r.id), estado=(r.estado_texto or r.estado).lower())]
    if huella:
        partes.append(_("Huella SHA-256 del contenido: {huella}").format(huella=huella))
    return marca, " · ".join(partes)


def texto_o_aviso(valor: str | None) -> Flowable:
    """El texto del usuario, o «Sin texto cargado.» en gris (un apartado nunca queda en blanco)."""
    es = e.estilos()
    if valor and valor.strip():
        return e.parrafo(valor.strip(), es.normal)
    return e.parrafo(_("Sin texto cargado."), ParagraphStyle("sin_texto", es.normal, fontName=e.LETRA_CURSIVA,
                                                  textColor=e.color(e.TEXTO_SECUNDARIO)))


def aviso(texto: str) -> Flowable:
    es = e.estilos()
    return e.parrafo(texto, ParagraphStyle("aviso_plan", es.pequeno, fontName=e.LETRA_CURSIVA,
                                           textColor=e.color(e.TEXTO_SECUNDARIO)))
