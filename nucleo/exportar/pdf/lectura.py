"""Lee de vuelta el texto de un PDF armado por los impresos de Articula, hoja por hoja.

Para verificar un impreso sin programas externos: que diga lo que debe (las pruebas; más adelante, comparar un
documento emitido con lo que el expediente guarda). No es un lector de PDF general: entiende lo que escribe
reportlab (objetos sin flujos de objetos, contenido con Flate y ASCII85, letras TrueType con su tabla ToUnicode,
texto con Tj/TJ), que es todo lo que producen `estilo.construir` y sus impresos. Solo biblioteca estándar.
"""

from __future__ import annotations

import base64
import re
import zlib
from pathlib import Path

_OBJETO = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_REF = rb"(\d+) 0 R"


def _flujo(cuerpo: bytes) -> bytes:
    inicio = re.search(rb"\bstream\r?\n", cuerpo)
    if not inicio:
        return b""
    cabecera = cuerpo[:inicio.start()]
    largo = re.search(rb"/Length (\d+)(?! 0 R)", cabecera)
    if largo:
        datos = cuerpo[inicio.end():inicio.end() + int(largo.group(1))]
    else:
        datos = cuerpo[inicio.end():cuerpo.rindex(b"endstream")].rstrip(b"\r\n")
    for filtro in re.findall(rb"/(ASCII85Decode|FlateDecode)", cabecera):
        if filtro == b"ASCII85Decode":
            datos = base64.a85decode(datos.strip(), adobe=True)
        else:
            datos = zlib.decompress(datos)
    return datos


def _tabla_unicode(cmap: bytes) -> dict[int, str]:
    tabla: dict[int, str] = {}

    def texto(hexa: bytes) -> str:
        return bytes.fromhex(hexa.decode()).decode("utf-16-be")

    for bloque in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for codigo, destino in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", bloque):
            tabla[int(codigo, 16)] = texto(destino)
    for bloque in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for desde, hasta, destino in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", bloque):
            base = int(destino, 16)
            for i, codigo in enumerate(range(int(desde, 16), int(hasta, 16) + 1)):
                tabla[codigo] = chr(base + i)
    return tabla


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _cadena(literal: bytes) -> bytes:
    """El contenido de una cadena literal de PDF «(…)» sin sus escapes."""
    salida = bytearray()
    i = 0
    while i < len(literal):
        c = literal[i:i + 1]
        if c != b"\\":
            salida += c
            i += 1
            continue
        siguiente = literal[i + 1:i + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1:i + 4])
        if octal:
            salida.append(int(octal.group(0), 8) & 0xFF)
            i += 1 + len(octal.group(0))
        elif siguiente in (b"\n", b"\r"):
            i += 2  # line continuation
        else:
            salida += _ESCAPES.get(siguiente, siguiente)
            i += 2
    return bytes(salida)


# Content tokens that matter for text: a font selection, strings to show, and line moves.
_TOKENS = re.compile(rb"/([^\s/\[\]()<>]+)\s+[-\d.]+\s+Tf|\((?:\\.|[^\\)])*\)|\[(?:\\.|[^\\\]])*\]\s*TJ|T\*|Td|TD|ET",
                     re.S)


def texto_de_pdf(pdf: bytes | Path | str) -> list[str]:
    """El texto de cada hoja, en el orden en que se dibujó (renglones separados por saltos de línea)."""
    datos = Path(pdf).read_bytes() if isinstance(pdf, Path | str) else pdf
    objetos = {int(n): cuerpo for n, cuerpo in _OBJETO.findall(datos)}
    letras: dict[bytes, dict[int, str]] = {}
    for cuerpo in objetos.values():
        if b"/Type /Font" in cuerpo and b"/ToUnicode" in cuerpo:
            nombre = re.search(rb"/Name /(\S+)", cuerpo)
            cmap = re.search(rb"/ToUnicode " + _REF, cuerpo)
            if nombre and cmap:
                letras[nombre.group(1)] = _tabla_unicode(_flujo(objetos[int(cmap.group(1))]))
    salida = []
    for numero in _paginas_en_orden(objetos):
        contenido = re.search(rb"/Contents " + _REF, objetos[numero])
        if not contenido:
            salida.append("")
            continue
        salida.append(_texto_de_contenido(_flujo(objetos[int(contenido.group(1))]), letras))
    return salida


def _paginas_en_orden(objetos: dict[int, bytes]) -> list[int]:
    """Las hojas en el orden del árbol /Pages (el de lectura), no en el de los objetos del archivo."""
    catalogo = next((c for c in objetos.values() if b"/Type /Catalog" in c), b"")
    raiz = re.search(rb"/Pages " + _REF, catalogo)
    if not raiz:
        return sorted(n for n, c in objetos.items() if re.search(rb"/Type /Page\b(?!s)", c))
    orden: list[int] = []

    def recorrer(n: int) -> None:
        cuerpo = objetos[n]
        if re.search(rb"/Type /Pages\b", cuerpo):
            hijos = re.search(rb"/Kids \[(.*?)\]", cuerpo, re.S)
            for hijo in re.findall(_REF, hijos.group(1) if hijos else b""):
                recorrer(int(hijo))
        else:
            orden.append(n)

    recorrer(int(raiz.group(1)))
    return orden


def _texto_de_contenido(contenido: bytes, letras: dict[bytes, dict[int, str]]) -> str:
    tabla: dict[int, str] = {}
    partes: list[str] = []
    for m in _TOKENS.finditer(contenido):
        token = m.group(0)
        if m.group(1) is not None:
            tabla = letras.get(m.group(1), {})
        elif token.startswith(b"("):
            partes.append("".join(tabla.get(b, chr(b)) for b in _cadena(token[1:-1])))
        elif token.startswith(b"["):
            for literal in re.findall(rb"\((?:\\.|[^\\)])*\)", token, re.S):
                partes.append("".join(tabla.get(b, chr(b)) for b in _cadena(literal[1:-1])))
        else:  # T*, Td, TD, ET: a new line
            if partes and partes[-1] != "\n":
                partes.append("\n")
    return "".join(partes).strip()
