"""Las predecesoras de una actividad escritas como texto: «1.2; 1.3 CC+2; 2.1 FF-1».

La misma notación en la planilla de actividades (que se escribe y se lee de vuelta) y en el impreso del plan
(«Después de: …»): código EDT de la predecesora, y si el vínculo no es fin a comienzo sin desfase, el tipo (FC, CC,
FF, CF) y el desfase en días hábiles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from nucleo.i18n import _

# «1.3 CC+2», «2.1 FF-1», «1.2», «1.2+3» (FC with lag); MS Project's FS/SS/FF/SF are accepted too.
_PREDECESORA = re.compile(r"^(?P<codigo>\d+(?:\.\d+)*)\s*(?P<tipo>[A-Za-z]{2})?\s*(?P<desfase>[+-]\s*\d+)?"
                          r"\s*(?:d|dias|días|dh)?$", re.IGNORECASE)
_TIPOS = {"FC": "FC", "CC": "CC", "FF": "FF", "CF": "CF", "FS": "FC", "SS": "CC", "SF": "CF"}


@dataclass(frozen=True)
class Predecesora:
    codigo: str
    tipo: str = "FC"
    desfase: int = 0

    def __str__(self) -> str:
        if self.tipo == "FC" and not self.desfase:
            return self.codigo
        return f"{self.codigo} {self.tipo}{self.desfase:+d}" if self.desfase else f"{self.codigo} {self.tipo}"


def texto_predecesoras(lista: Sequence[Predecesora]) -> str:
    return "; ".join(str(p) for p in lista)


def leer_predecesoras(texto: str | None) -> list[Predecesora]:
    """«1.2; 1.3 CC+2; 2.1 FF-1» -> [Predecesora…]; ValueError con un mensaje en español si una parte no se entiende."""
    salida = []
    for parte in (p.strip() for p in re.split(r"[;\n]", texto or "")):
        if not parte:
            continue
        m = _PREDECESORA.match(parte)
        tipo = (m["tipo"] or "FC").upper() if m else ""
        if m is None or tipo not in _TIPOS:
            raise ValueError(_("No se entiende la predecesora «{parte}»: escriba el código de la actividad y, si no "
                               "es fin a comienzo, el tipo (FC, CC, FF o CF) y el desfase en días hábiles, por "
                               "ejemplo «1.3 CC+2».").format(parte=parte))
        desfase = int(m["desfase"].replace(" ", "")) if m["desfase"] else 0
        salida.append(Predecesora(m["codigo"], _TIPOS[tipo], desfase))
    return salida


def predecesoras_de(vinculos: Sequence[Sequence], codigos: dict[int, str]) -> list[Predecesora]:
    """De los vínculos (id de la predecesora, tipo, desfase) a la notación con códigos EDT («?» si no lo tiene)."""
    return [Predecesora(codigos.get(p, "?"), tipo, desfase) for p, tipo, desfase in vinculos]
