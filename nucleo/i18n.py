"""Traducción de los textos visibles: todos pasan por `_()` de este módulo.

Los textos fuente están en español (Paraguay); sin catálogo instalado `_()` devuelve el texto tal cual.

Cuatro funciones, todas extraíbles con Babel (ver `babel.cfg` y la sección «Traducciones» del README):

- `_("texto")`: traduce en el momento. Recibe siempre un literal; los datos van en marcadores con nombre:
  `_("Ya hay un territorio llamado «{nombre}».").format(nombre=...)`.
- `n_("{n} vértice", "{n} vértices", n)`: lo mismo con singular y plural.
- `N_("texto")`: solo marca el literal para el catálogo y lo devuelve tal cual. Es para los textos que se evalúan
  al importar un módulo (diccionarios de etiquetas como `TIPOS` o `ETIQUETAS_SEMAFORO`), cuando todavía no se
  instaló el catálogo; quien los muestra los traduce con `traducir()`.
- `traducir(texto)`: traduce, al mostrarlo, un texto que ya se marcó con `N_()` en otro lugar. Recibe un valor
  (no un literal), por eso no agrega nada al catálogo.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMINIO = "articula"
_traduccion: gettext.NullTranslations = gettext.NullTranslations()


def instalar(idioma: str | None, carpeta: Path | None = None) -> None:
    """Carga el catálogo `articula.mo` del idioma pedido, si existe; si no, queda el español fuente."""
    global _traduccion
    if not idioma or idioma.startswith("es"):
        _traduccion = gettext.NullTranslations()
        return
    from nucleo.rutas import RECURSOS

    carpeta = carpeta or RECURSOS / "traducciones"
    _traduccion = gettext.translation(DOMINIO, localedir=carpeta, languages=[idioma], fallback=True)


def _(texto: str) -> str:
    return _traduccion.gettext(texto)


def n_(singular: str, plural: str, n: int) -> str:
    return _traduccion.ngettext(singular, plural, n)


def N_(texto: str) -> str:
    """Marca un texto para el catálogo sin traducirlo (se evalúa al importar, antes de que haya catálogo).

    Devuelve el texto tal cual: los diccionarios de etiquetas guardan el español fuente, que también es lo que
    queda en la auditoría; la pantalla lo muestra con `traducir()`.
    """
    return texto


def traducir(texto: str) -> str:
    """Traduce un texto marcado con `N_()` al mostrarlo. Un texto vacío queda vacío (gettext devolvería la
    cabecera del catálogo)."""
    return _traduccion.gettext(texto) if texto else texto
