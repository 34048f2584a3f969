"""Punto de entrada de los impresos: `exportar_pdf(tabla, sesion, municipio_id, destino, vista)`.

Lo usan la CLI (`exportar … --pdf`) y la ventana (en un hilo aparte, con su propia sesión). Lee los datos por los
servicios y arma el PDF con el módulo del impreso. reportlab se importa recién aquí adentro, al pedir un impreso.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _

# tabla -> (vista por omisión, vistas posibles)
VISTAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "actores": ("matriz", ("matriz", "grilla")),
    "oportunidades": ("catalogo", ("catalogo",)),
}


def exportar_pdf(tabla: str, sesion: Session, municipio_id: int, destino: Path, vista: str | None = None,
                 hoy: date | None = None, *, invariante: bool = False,
                 progreso: Callable[[int, int], None] | None = None) -> Path:
    """Escribe el impreso pedido en `destino` y devuelve la ruta.

    - tabla «actores»: vista «matriz» (por omisión) o «grilla» (poder e interés);
    - tabla «oportunidades»: vista «catalogo» (el Mapa de Oportunidades para entregar a los referentes).
    `invariante=True` da bytes idénticos con los mismos datos (para verificar un impreso); `progreso(hecho,
    total)` avanza por hoja y puede lanzar una excepción para cancelar (no queda un archivo a medias).
    """
    if tabla not in VISTAS:
        raise ErrorDeUsuario(_("No hay impreso para «{tabla}». Elija actores u oportunidades.").format(tabla=tabla),
                             campo="tabla")
    por_omision, posibles = VISTAS[tabla]
    vista = vista or por_omision
    if vista not in posibles:
        raise ErrorDeUsuario(_("La tabla «{tabla}» no tiene la vista «{vista}»; puede ser: {posibles}.").format(
            tabla=tabla, vista=vista, posibles=", ".join(posibles)), campo="vista")
    destino = Path(destino)
    if not destino.parent.is_dir():
        raise ErrorDeUsuario(_("No existe la carpeta «{carpeta}»; elija otra ubicación para el PDF.").format(
            carpeta=destino.parent), campo="destino")
    hoy = hoy or date.today()

    from nucleo.exportar.pdf.estilo import Membrete
    from nucleo.servicios.municipio import obtener_municipio

    membrete = Membrete.de(obtener_municipio(sesion, municipio_id))
    opciones = {"invariante": invariante, "progreso": progreso}
    try:
        if tabla == "actores":
            from nucleo.exportar.pdf import actores
            from nucleo.servicios.actores import listar_actores

            filas = listar_actores(sesion, municipio_id)
            imprimir = actores.pdf_matriz if vista == "matriz" else actores.pdf_grilla
            return imprimir(destino, membrete, filas, hoy, **opciones)
        from nucleo.exportar.pdf import oportunidades
        from nucleo.servicios.oportunidades import listar_oportunidades

        return oportunidades.pdf_catalogo(destino, membrete, listar_oportunidades(sesion, municipio_id, hoy), hoy,
                                          **opciones)
    except PermissionError as exc:
        raise ErrorDeUsuario(_("No se pudo escribir «{archivo}»: no hay permiso o el archivo está abierto en otro "
                               "programa. Ciérrelo o elija otro nombre.").format(archivo=destino.name),
                             detalle=str(exc)) from None
