"""Punto de entrada de los impresos: `exportar_pdf(tabla, sesion, municipio_id, destino, vista)`.

Lo usan la CLI (`exportar … --pdf`) y la ventana (en un hilo aparte, con su propia sesión). Lee los datos por los
servicios y arma el PDF con el módulo del impreso. reportlab se importa recién aquí adentro, al pedir un impreso.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from pathlib import Path

from sqlalchemy.orm import Session

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import N_, _, traducir


@dataclass(frozen=True)
class Impreso:
    """Un impreso que se pide por su nombre. `funcion` ("modulo:nombre") se llama como
    `funcion(sesion, municipio_id, destino, membrete, vista, hoy, id=…, invariante=…, progreso=…) -> Path`:
    lee sus datos por los servicios y arma el PDF. `pide_id` dice qué id necesita (p. ej. «territorio»), o "".
    """

    funcion: str
    vistas: tuple[str, ...] = ("",)
    pide_id: str = ""

    @property
    def por_omision(self) -> str:
        return self.vistas[0]


# tabla -> impreso (la primera vista es la de por omisión). Un módulo nuevo de impresos agrega aquí su línea.
IMPRESOS: dict[str, Impreso] = {
    "actores": Impreso("nucleo.exportar.pdf.actores:imprimir", ("matriz", "grilla")),
    "oportunidades": Impreso("nucleo.exportar.pdf.oportunidades:imprimir", ("catalogo",)),
    "arbol": Impreso("nucleo.exportar.pdf.arbol:imprimir", ("arbol",), pide_id="territorio"),
    "convenio": Impreso("nucleo.exportar.pdf.convenio:imprimir", ("convenio",), pide_id="convenio"),
    "ficha": Impreso("nucleo.exportar.pdf.ficha:imprimir", ("ficha",), pide_id="territorio"),
    "dafo": Impreso("nucleo.exportar.pdf.dafo:imprimir", ("dafo", "dipe"), pide_id="territorio"),
    "plan": Impreso("nucleo.exportar.pdf.plan:imprimir", ("plan",), pide_id="plan"),
    "cronograma": Impreso("nucleo.exportar.pdf.cronograma:imprimir", ("a4", "a3"), pide_id="plan"),
    "presupuesto": Impreso("nucleo.exportar.pdf.presupuesto:imprimir", ("presupuesto",), pide_id="plan"),
    "metas": Impreso("nucleo.exportar.pdf.metas:imprimir", ("metas",), pide_id="plan"),
    "riesgos": Impreso("nucleo.exportar.pdf.riesgos:imprimir", ("riesgos",), pide_id="plan"),
    "acta": Impreso("nucleo.exportar.pdf.acta:imprimir", ("acta",), pide_id="acta"),
    "convocatoria": Impreso("nucleo.exportar.pdf.convocatoria:imprimir", ("convocatoria",), pide_id="sesion"),
}
# Compatibilidad con quien solo pregunta por las vistas: tabla -> (vista por omisión, vistas posibles).
VISTAS: dict[str, tuple[str, tuple[str, ...]]] = {t: (i.por_omision, i.vistas) for t, i in IMPRESOS.items()}

ETIQUETAS_ID: dict[str, str] = {"territorio": N_("el territorio"), "convenio": N_("el convenio"),
                                "plan": N_("el Plan de Acción"), "acta": N_("el acta"), "sesion": N_("la sesión")}


def exportar_pdf(tabla: str, sesion: Session, municipio_id: int, destino: Path, vista: str | None = None,
                 hoy: date | None = None, *, id: int | None = None, invariante: bool = False,
                 progreso: Callable[[int, int], None] | None = None, revision: int | None = None) -> Path:
    """Escribe el impreso pedido en `destino` y devuelve la ruta.

    - tabla «actores»: vista «matriz» (por omisión) o «grilla» (poder e interés);
    - tabla «oportunidades»: vista «catalogo» (el Mapa de Oportunidades para entregar a los referentes);
    - los impresos de un territorio o de un convenio piden `id`.
    `revision` (solo el plan): imprime esa revisión sancionada, congelada, en lugar del plan vivo.
    `invariante=True` da bytes idénticos con los mismos datos (para verificar un impreso); `progreso(hecho,
    total)` avanza por hoja y puede lanzar una excepción para cancelar (no queda un archivo a medias).
    """
    impreso = IMPRESOS.get(tabla)
    if impreso is None:
        raise ErrorDeUsuario(_("No hay impreso para «{tabla}». Elija uno de: {posibles}.").format(
            tabla=tabla, posibles=", ".join(IMPRESOS)), campo="tabla")
    vista = vista or impreso.por_omision
    if vista not in impreso.vistas:
        raise ErrorDeUsuario(_("La tabla «{tabla}» no tiene la vista «{vista}»; puede ser: {posibles}.").format(
            tabla=tabla, vista=vista, posibles=", ".join(impreso.vistas)), campo="vista")
    if impreso.pide_id and id is None:
        raise ErrorDeUsuario(_("Para imprimir «{tabla}» indique {que}.").format(
            tabla=tabla, que=traducir(ETIQUETAS_ID.get(impreso.pide_id, impreso.pide_id))), campo="id")
    destino = Path(destino)
    if not destino.parent.is_dir():
        raise ErrorDeUsuario(_("No existe la carpeta «{carpeta}»; elija otra ubicación para el PDF.").format(
            carpeta=destino.parent), campo="destino")
    hoy = hoy or date.today()

    from nucleo.exportar.pdf.estilo import Membrete
    from nucleo.servicios.municipio import obtener_municipio

    membrete = Membrete.de(obtener_municipio(sesion, municipio_id))
    modulo, nombre = impreso.funcion.split(":")
    imprimir = getattr(import_module(modulo), nombre)
    # Only the plan's printout takes a revision: the others keep their signature.
    extra = {"revision": revision} if revision is not None else {}
    try:
        return imprimir(sesion, municipio_id, destino, membrete, vista, hoy, id=id, invariante=invariante,
                        progreso=progreso, **extra)
    except PermissionError as exc:
        raise ErrorDeUsuario(_("No se pudo escribir «{archivo}»: no hay permiso o el archivo está abierto en otro "
                               "programa. Ciérrelo o elija otro nombre.").format(archivo=destino.name),
                             detalle=str(exc)) from None
