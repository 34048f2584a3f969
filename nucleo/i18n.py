"""Traducción de los textos visibles: todos pasan por `_()` de este módulo.

Los textos fuente están en español (Paraguay); sin catálogo instalado `_()` devuelve el texto tal cual.
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
