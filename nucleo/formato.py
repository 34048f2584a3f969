"""Formato y lectura de fechas, números y montos tal como se ven en Paraguay (locale es_PY).

Todo lo que se muestra al usuario pasa por aquí, para que la interfaz, los informes y las planillas coincidan.
Babel es lento: formatear una vez al cargar una fila, no en cada repintado.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

from nucleo.i18n import _, n_

LOCALE = "es_PY"

# Money must round half up (Babel rounds half to even: 2.500,5 would become 2.500).
# A wide context so large amounts never hit the default 28-digit limit while quantizing.
_CONTEXTO = Context(prec=60, rounding=ROUND_HALF_UP)

Numero = int | float | Decimal


@functools.cache
def _locale() -> Locale:
    # Locale.parse is costly; one object shared by every call.
    return Locale.parse(LOCALE)


# ---------------------------------------------------------------------------------------------- fechas


def fecha(d: date | datetime | None) -> str:
    """«21/11/2026»: día y mes con dos cifras, año con cuatro."""
    if d is None:
        return ""
    return format_date(d, "dd/MM/yyyy", locale=_locale())


def fecha_larga(d: date | datetime | None) -> str:
    """«21 de noviembre de 2026»."""
    if d is None:
        return ""
    return format_date(d, "long", locale=_locale())


def fecha_completa(d: date | datetime | None) -> str:
    """«sábado, 21 de noviembre de 2026»."""
    if d is None:
        return ""
    return format_date(d, "full", locale=_locale())


def fecha_patron(d: date | datetime | None, patron: str) -> str:
    """La fecha con un patrón LDML (Babel), para escalas de tiempo y encabezados: «LLLL y» -> «noviembre 2026»,
    «LLL» -> «nov.», «QQQ y» -> «T4 2026», «d» -> «16»."""
    if d is None:
        return ""
    return format_date(d, patron, locale=_locale())


def fecha_hora(dt: datetime | date | None) -> str:
    """«21/11/2026 14:05». Una fecha sin hora se muestra como `fecha()`: no se inventa «00:00»."""
    if dt is None:
        return ""
    if not isinstance(dt, datetime):
        return fecha(dt)
    # Show the wall-clock time it carries; Babel would otherwise convert aware values to the machine's zone.
    return format_datetime(dt.replace(tzinfo=None), "dd/MM/yyyy HH:mm", locale=_locale())


# --------------------------------------------------------------------------------------------- números


def _decimal(x: Numero) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        # str() gives the shortest form (0.1 -> "0.1"), not the binary expansion.
        return Decimal(str(x))
    return Decimal(x)


def _redondear(x: Numero, decimales: int) -> Decimal:
    valor = _decimal(x)
    if not valor.is_finite():
        raise ValueError(_("No se puede mostrar el valor {valor}.").format(valor=x))
    valor = valor.quantize(Decimal(1).scaleb(-decimales), context=_CONTEXTO)
    # No "-0" for values that round to zero.
    return abs(valor) if valor == 0 else valor


def _patron_decimales(decimales: int) -> str:
    if decimales < 0:
        raise ValueError("decimales debe ser 0 o más")
    return "#,##0" + ("." + "0" * decimales if decimales else "")


def entero(n: Numero | None) -> str:
    """«1.500.000» (redondea al entero más cercano, la mitad hacia arriba)."""
    if n is None:
        return ""
    return format_decimal(_redondear(n, 0), "#,##0", locale=_locale())


def numero(x: Numero | None, decimales: int | None = None) -> str:
    """«1.234.567,5». Sin `decimales` muestra hasta 3 (sin ceros de relleno); con `decimales`, siempre esa cantidad."""
    if x is None:
        return ""
    if decimales is None:
        # Babel's default es_PY pattern is "#,##0.###".
        return format_decimal(_redondear(x, 3), locale=_locale())
    return format_decimal(_redondear(x, decimales), _patron_decimales(decimales), locale=_locale())


# CLDR's es_PY currency pattern is "¤ #,##0.00;¤ -#,##0.00" with symbol "Gs."; people write "₲" and the
# guaraní has no cents, so: the same shape, the ₲ sign, no decimals. Negative: "₲ -1.500".
_PATRON_GUARANIES = "₲ #,##0;₲ -#,##0"


def guaranies(x: Numero | None) -> str:
    """«₲ 1.500.000»; negativos «₲ -1.500». Sin decimales, redondeado (la mitad hacia arriba)."""
    if x is None:
        return ""
    return format_decimal(_redondear(x, 0), _PATRON_GUARANIES, locale=_locale())


def porcentaje(x: Numero | None, decimales: int = 0) -> str:
    """Una fracción como porcentaje: 0.75 -> «75%» (es_PY no deja espacio antes del signo)."""
    if x is None:
        return ""
    # Built from the locale's own pattern ("#,##0%") so the sign and spacing stay Babel's.
    patron = _locale().percent_formats[None].pattern.replace("#,##0", _patron_decimales(decimales), 1)
    return format_percent(_redondear(x, decimales + 2), patron, locale=_locale())


def tamano_legible(n: int | None) -> str:
    """Tamaño de archivo como lo lee una persona: «850 bytes», «12,3 KB», «4,1 MB»."""
    if n is None:
        return ""
    if n < 1024:
        return n_("{n} byte", "{n} bytes", n).format(n=entero(n))
    for unidad, divisor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        valor = n / divisor
        if valor < 1024 or unidad == "GB":
            # One decimal below 100 ("12,3 KB"), none above; never a trailing ",0".
            return f"{numero(round(valor, 1) if valor < 100 else round(valor))} {unidad}"
    return ""  # pragma: no cover - the loop always returns


# ---------------------------------------------------------------------------------------------- lectura


@functools.cache
def _lector_numeros() -> tuple[re.Pattern[str], str]:
    # Built on first use, not at import: loading the locale data costs ~10 ms of start-up.
    decimal, grupo = get_decimal_symbol(_locale()), get_group_symbol(_locale())  # "," and "."
    d, g = re.escape(decimal), re.escape(grupo)
    # Either well-formed thousands groups ("1.234.567") or plain digits ("1234567"); a lone "1.5" is refused
    # because in Paraguay the dot groups thousands and guessing would silently turn 1,5 into 15.
    patron = re.compile(
        rf"(?:(?P<entero>[0-9]{{1,3}}(?:{g}[0-9]{{3}})+|[0-9]+)(?:{d}(?P<fraccion>[0-9]*))?|{d}(?P<solo>[0-9]+))"
    )
    return patron, grupo


_MONEDA = re.compile(r"₲|\bgs\b\.?|\bpyg\b", re.IGNORECASE)


def _error_numero(texto: str) -> ValueError:
    texto = texto.strip()
    if not texto:
        return ValueError(_("Falta el número. Escriba, por ejemplo, 1.500.000"))
    return ValueError(
        _("«{texto}» no es un número válido. Escriba, por ejemplo, 1.500.000").format(texto=texto)
    )


def leer_numero(texto: str) -> Decimal:
    """Lee lo que el usuario escribe: «1.234.567,5», «1234567,5», «₲ 1.500.000», «-1.500», con o sin espacios."""
    original = "" if texto is None else str(texto)
    limpio = _MONEDA.sub("", original)
    limpio = re.sub(r"\s+", "", limpio).replace("\u2212", "-")  # \s also covers the no-break spaces
    negativo = False
    if limpio[:1] in ("-", "+"):
        negativo = limpio[0] == "-"
        limpio = limpio[1:]
    patron, grupo = _lector_numeros()
    m = patron.fullmatch(limpio)
    if not m:
        raise _error_numero(original)
    if m["solo"] is not None:
        cifras = "0." + m["solo"]
    else:
        cifras = m["entero"].replace(grupo, "") + ("." + m["fraccion"] if m["fraccion"] else "")
    try:
        valor = Decimal(cifras)
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        raise _error_numero(original) from None
    return -valor if negativo and valor != 0 else valor


def leer_entero(texto: str) -> int:
    """Como `leer_numero` pero sin parte decimal («1.500,00» se acepta: vale lo mismo que 1.500)."""
    valor = leer_numero(texto)
    if valor != valor.to_integral_value():
        raise ValueError(
            _("«{texto}» no es un número entero. Escriba, por ejemplo, 1.500.000").format(
                texto=str(texto).strip()
            )
        )
    return int(valor)


_FECHA_DMA = re.compile(r"(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<a>[0-9]{4}|[0-9]{2})")
_FECHA_ISO = re.compile(r"(?P<a>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")


def leer_fecha(texto: str) -> date:
    """Lee «21/11/2026», «21-11-2026», «21.11.2026», «2026-11-21» o «21/11/26».

    Año de dos cifras como en strptime: 00–68 son 2000–2068, 69–99 son 1969–1999.
    """
    original = "" if texto is None else str(texto).strip()
    limpio = re.sub(r"\s*([/.-])\s*", r"\1", original)
    m = _FECHA_DMA.fullmatch(limpio) or _FECHA_ISO.fullmatch(limpio)
    if not m:
        if not original:
            raise ValueError(_("Falta la fecha. Escríbala como dd/mm/aaaa, por ejemplo, 21/11/2026"))
        raise ValueError(
            _("«{texto}» no es una fecha válida. Escríbala como dd/mm/aaaa, por ejemplo, 21/11/2026").format(
                texto=original
            )
        )
    anio = int(m["a"])
    if len(m["a"]) == 2:
        anio += 2000 if anio <= 68 else 1900
    try:
        return date(anio, int(m["m"]), int(m["d"]))
    except ValueError:
        raise ValueError(
            _("La fecha «{texto}» no existe. Escríbala como dd/mm/aaaa, por ejemplo, 21/11/2026").format(
                texto=original
            )
        ) from None


# ---------------------------------------------------------------------------------------------- nombres

# Spanish particles stay lower case inside a name ("Villa del Rosario", "San Cosme y Damián").
_PARTICULAS = frozenset({"de", "del", "la", "las", "los", "y", "e", "el"})
# Roman numerals up to XXXIX only: wider patterns (with L, C, D, M) would catch words such as "MI" or "DI".
_ROMANO = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
# Initials written with dots: "R.I." (Regimiento de Infantería), "J.", "A.".
_INICIALES = re.compile(r"(?:[^\W\d_]\.)+")
_APOSTROFOS = "'’"


def _capitalizar(parte: str) -> str:
    minus = parte.lower()
    for i, c in enumerate(minus):
        if c.isalpha():
            return minus[:i] + c.upper() + minus[i + 1 :]
        if c.isdigit():
            return minus  # ordinals such as "1RO." -> "1ro."
    return minus


def _palabra(palabra: str, primera: bool) -> str:
    if not primera and palabra.lower() in _PARTICULAS:
        return palabra.lower()
    if _ROMANO.fullmatch(palabra.upper()) or _INICIALES.fullmatch(palabra):
        return palabra.upper()
    if "-" in palabra:
        # "TEBICUARY-MÍ" -> "Tebicuary-Mí", "GUAZÚ-CUÁ" -> "Guazú-Cuá".
        return "-".join(_palabra(p, True) if p else p for p in palabra.split("-"))
    for apostrofo in _APOSTROFOS:
        if apostrofo in palabra:
            antes, _sep, despues = palabra.partition(apostrofo)
            if len(antes) == 1:
                # "O'LEARY" -> "O'Leary".
                return antes.upper() + apostrofo + _capitalizar(despues)
            # Guaraní glottal stop (puso): "AZOTE'Y" -> "Azote'y".
            return _capitalizar(antes) + apostrofo + despues.lower()
    return _capitalizar(palabra)


def titulo(texto: str | None) -> str:
    """Nombre del INE (en mayúsculas) en forma de título: «DR. J. EULOGIO ESTIGARRIBIA» -> «Dr. J. Eulogio Estigarribia»."""
    if not texto:
        return ""
    return " ".join(_palabra(p, i == 0) for i, p in enumerate(texto.split()))


def abreviar(texto: str, largo: int) -> str:
    """El texto con a lo sumo `largo` caracteres: si no cabe, cortado con «…» al final."""
    return texto if len(texto) <= largo else texto[: largo - 1] + "…"


_SIN_TILDES = str.maketrans("áéíóúüñãẽĩõũỹàèìòùâêîôûç", "aeiouunaeiouyaeiouaeiouc")


def sin_tildes(texto: str) -> str:
    """Minúsculas y sin tildes, para buscar y ordenar como una persona: «Porã» con «pora», «Niñez» con «ninez»."""
    texto = texto.casefold().translate(_SIN_TILDES)  # the usual letters, fast (5,000 actors at every reload)
    if texto.isascii():
        return texto
    # Anything else (g̃ of Guaraní, other scripts): decompose and drop the marks.
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c))
