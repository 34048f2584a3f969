"""Cómo se muestran los acuerdos de las mesas (en la sesión y en Compromisos): su semáforo y sus votos."""

from __future__ import annotations

from nucleo import formato
from nucleo.calendario import ETIQUETAS_SEMAFORO
from nucleo.i18n import _, traducir
from nucleo.modelo.mesa import ESTADOS_ACUERDO
from ui.estilo import COLORES_SEMAFORO, color_semaforo


def votos(f) -> str:
    if f.votos_favor is None and f.votos_contra is None and f.abstenciones is None:
        return _("Consenso")
    return _("{a} a favor, {c} en contra, {b} abst.").format(a=formato.entero(f.votos_favor or 0),
                                                             c=formato.entero(f.votos_contra or 0),
                                                             b=formato.entero(f.abstenciones or 0))


# An acuerdo is masculine: «vencido», «cumplido» (the calendar's labels speak of tasks, «vencida»).
ETIQUETAS_ACUERDO: dict[str, str] = {"al_dia": _("Al día"), "por_vencer": _("Por vencer"), "vencida": _("Vencido"),
                                     "cumplida": _("Cumplido"), "sin_fecha": _("Sin plazo")}


def texto_semaforo(f) -> str:
    if f.estado == "cancelado":
        return traducir(ESTADOS_ACUERDO["cancelado"])
    texto = ETIQUETAS_ACUERDO.get(f.semaforo) or traducir(ETIQUETAS_SEMAFORO.get(f.semaforo, f.semaforo))
    return "● " + texto


def color_acuerdo(f) -> str | None:
    return COLORES_SEMAFORO["sin_fecha"] if f.estado == "cancelado" else color_semaforo(f.semaforo)
