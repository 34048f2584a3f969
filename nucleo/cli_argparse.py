"""argparse en español para la línea de comandos: sus propios textos («usage:», «options», los errores), el
formato de la ayuda y un analizador con -h/--help en español."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

from nucleo.i18n import _, n_


# argparse writes its own words in English through gettext; these are the ones an Articula user can meet
# (source strings of Python 3.10-3.13; one missing here is shown as argparse wrote it). Built when called, so the
# texts follow the catalogue installed at that moment.
def textos_argparse() -> dict[str, str]:
    return {
        "usage: ": _("uso: "),
        "positional arguments": _("argumentos"),
        "options": _("opciones"),
        "optional arguments": _("opciones"),
        "show this help message and exit": _("muestra esta ayuda y termina"),
        "show program's version number and exit": _("muestra la versión del programa y termina"),
        "%(prog)s: error: %(message)s\n": _("%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": _("argumento %(argument_name)s: %(message)s"),
        "unrecognized arguments: %s": _("argumentos no reconocidos: %s"),
        "the following arguments are required: %s": _("faltan estos argumentos: %s"),
        "one of the arguments %s is required": _("hace falta uno de estos argumentos: %s"),
        "not allowed with argument %s": _("no se puede usar junto con %s"),
        "ignored explicit argument %r": _("se ignoró el valor %r"),
        "expected one argument": _("falta el valor"),
        "expected at most one argument": _("admite a lo sumo un valor"),
        "expected at least one argument": _("hace falta al menos un valor"),
        "ambiguous option: %(option)s could match %(matches)s":
            _("opción ambigua: %(option)s puede ser %(matches)s"),
        "unexpected option string: %s": _("opción inesperada: %s"),
        "invalid %(type)s value: %(value)r": _("valor no válido: %(value)r"),
        "invalid choice: %(value)r (choose from %(choices)s)":
            _("opción no válida: %(value)r (elija entre %(choices)s)"),
        "unknown parser %(parser_name)r (choices: %(choices)s)":
            _("comando desconocido %(parser_name)r (elija entre %(choices)s)"),
    }


def _traducir_argparse(texto: str) -> str:
    return textos_argparse().get(texto, texto)


def _traducir_argparse_plural(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return n_("hace falta %s valor", "hacen falta %s valores", n)
    return singular if n == 1 else plural


@contextmanager
def argparse_en_espanol() -> Iterator[None]:
    # argparse looks its texts up through module globals `_` and `ngettext` (imported from gettext); swapping
    # them for the duration of a call translates the help and the error messages without touching the
    # process-wide gettext domain (other code, and tests calling main() in-process, keep theirs).
    originales = {nombre: getattr(argparse, nombre) for nombre in ("_", "ngettext") if hasattr(argparse, nombre)}
    if "_" in originales:
        argparse._ = _traducir_argparse
    if "ngettext" in originales:
        argparse.ngettext = _traducir_argparse_plural
    try:
        yield
    finally:
        for nombre, valor in originales.items():
            setattr(argparse, nombre, valor)


class Formato(argparse.HelpFormatter):
    """Ajusta cada párrafo al ancho de la consola; los que traen saltos de línea (ejemplos) quedan tal cual."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        parrafos = []
        for parrafo in text.split("\n\n"):
            if "\n" in parrafo:
                parrafos.append("\n".join(indent + linea for linea in parrafo.splitlines()))
            else:
                parrafos.append(textwrap.fill(" ".join(parrafo.split()), width, initial_indent=indent,
                                              subsequent_indent=indent))
        return "\n\n".join(parrafos)


class Analizador(argparse.ArgumentParser):
    """ArgumentParser con las secciones en español y un -h/--help con ayuda en español."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", Formato)
        super().__init__(*args, **kwargs)
        self._positionals.title = _("argumentos")
        self._optionals.title = _("opciones")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=_("muestra esta ayuda y termina"))
