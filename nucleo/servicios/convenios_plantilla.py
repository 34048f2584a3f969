"""El texto de un convenio armado desde su plantilla (recursos/plantillas/convenios/<tipo>.txt).

La sintaxis está explicada para la municipalidad en recursos/plantillas/LEEME.md. En resumen:

- Renglones que empiezan con «#»: comentarios, no se imprimen.
- Secciones: `[titulo]`, `[preambulo]`, `[clausula] TÍTULO DE LA CLÁUSULA` (se numeran PRIMERA, SEGUNDA… en el
  orden en que aparecen) y `[cierre]`. Dentro de cada sección, un renglón en blanco separa párrafos; los renglones
  seguidos se unen en un solo párrafo (en `[titulo]`, cada renglón es una línea del título).
- Datos: `$municipio` o `${municipio}` (la lista está en DATOS); `$$` escribe un signo «$».
- Un bloque `[partes]` … `[/partes]` se repite una vez por parte, con los datos de esa parte (`$parte_nombre`,
  `$parte_representante`, …). Un párrafo que es solo `$parte_obligaciones` se imprime como lista de viñetas.

Una plantilla mal escrita nunca rompe el programa: `ErrorDeUsuario` nombra el archivo, el renglón y el dato.
Una copia en la carpeta de datos del usuario (`plantillas/convenios/<tipo>.txt`) reemplaza a la que trae el programa:
así una plantilla adaptada sobrevive a las actualizaciones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import N_, _, traducir
from nucleo.modelo import Convenio, Municipio, Territorio
from nucleo.modelo.convenio import TIPOS_CONVENIO
from nucleo.rutas import RECURSOS
from nucleo.servicios.comun import obtener
from nucleo.servicios.convenios import obligaciones_de

CARPETA_PLANTILLAS = RECURSOS / "plantillas" / "convenios"
BLANCO = "……………………"  # a missing datum in a draft: a gap to fill by hand on paper

# What the templates can use, with what each one holds (LEEME.md shows this same list).
DATOS: dict[str, str] = {
    "municipio": N_("nombre del municipio (Villeta)"),
    "departamento": N_("departamento (Central)"),
    "municipalidad": N_("«Municipalidad de …»"),
    "intendente": N_("nombre del Intendente Municipal"),
    "coordinador": N_("nombre del Coordinador/a Municipal"),
    "tipo": N_("tipo de convenio (Compromiso con la comunidad, …)"),
    "titulo": N_("título del convenio"),
    "objeto": N_("objeto del convenio"),
    "territorio": N_("«la comunidad territorial …» (o «todo el distrito de …» si no es de un territorio)"),
    "territorio_nombre": N_("solo el nombre del territorio"),
    "lugar": N_("lugar de firma"),
    "fecha_inicio": N_("fecha de inicio, en letras"),
    "fecha_fin": N_("fecha de fin, en letras"),
    "vigencia": N_("«desde el … hasta el …», armado con las fechas"),
    "fecha_firma_larga": N_("fecha de firma, en letras"),
    "partes_lista": N_("nombres de las partes: «A, B y C»"),
    "comparecencia": N_("cada parte con quién la representa y su cargo"),
    "cantidad_partes": N_("cantidad de partes, en palabras (dos, tres…)"),
}
DATOS_PARTE: dict[str, str] = {
    "parte_numero": N_("número de la parte (1, 2, 3…)"),
    "parte_letra": N_("letra de la parte (a, b, c…)"),
    "parte_nombre": N_("nombre de la institución u organización"),
    "parte_representante": N_("quién firma por ella"),
    "parte_cargo": N_("cargo de quien firma"),
    "parte_obligaciones": N_("sus obligaciones (solo en un párrafo: lista de viñetas)"),
}
SECCIONES = ("titulo", "preambulo", "clausula", "cierre")

_ORDINALES = ("PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "QUINTA", "SEXTA", "SÉPTIMA", "OCTAVA", "NOVENA",
              "DÉCIMA", "UNDÉCIMA", "DUODÉCIMA", "DECIMOTERCERA", "DECIMOCUARTA", "DECIMOQUINTA", "DECIMOSEXTA",
              "DECIMOSÉPTIMA", "DECIMOCTAVA", "DECIMONOVENA", "VIGÉSIMA")
_CANTIDADES = ("cero", "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")
_SECCION = re.compile(r"^\[(/?)([^\]]*)\]\s*(.*)$")


def ordinal(n: int) -> str:
    """PRIMERA, SEGUNDA… (las cláusulas de un convenio); desde la vigésima primera, el número."""
    return _ORDINALES[n - 1] if 1 <= n <= len(_ORDINALES) else f"{n}.ª"


def cantidad_en_palabras(n: int) -> str:
    return _CANTIDADES[n] if 0 <= n < len(_CANTIDADES) else formato.entero(n)


def unir_nombres(nombres: list[str]) -> str:
    """«A», «A y B», «A, B y C»."""
    if len(nombres) <= 1:
        return "".join(nombres)
    return _("{lista} y {ultimo}").format(lista=", ".join(nombres[:-1]), ultimo=nombres[-1])


# -- resultado ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bloque:
    """Un párrafo, o una lista de viñetas si `items` no está vacío. `de_parte`: salió de un bloque [partes]."""

    texto: str = ""
    items: tuple[str, ...] = ()
    de_parte: bool = False


@dataclass(frozen=True)
class Clausula:
    ordinal: str
    titulo: str
    bloques: tuple[Bloque, ...]


@dataclass(frozen=True)
class TextoConvenio:
    titulo: tuple[str, ...]  # lines of the title
    preambulo: tuple[Bloque, ...]
    clausulas: tuple[Clausula, ...]
    cierre: tuple[Bloque, ...]
    archivo: str = ""  # the template file it came from


@dataclass(frozen=True)
class ParteTexto:
    nombre: str
    representante: str
    cargo: str
    obligaciones: tuple[str, ...]


# -- plantilla en disco -------------------------------------------------------------------------------------------
def carpeta_del_usuario() -> Path:
    from nucleo.almacen.carpetas import carpeta_datos

    return carpeta_datos() / "plantillas" / "convenios"


def ruta_plantilla(tipo: str) -> Path:
    """La plantilla adaptada por el usuario si existe; si no, la que trae el programa."""
    propia = carpeta_del_usuario() / f"{tipo}.txt"
    return propia if propia.is_file() else CARPETA_PLANTILLAS / f"{tipo}.txt"


def leer_plantilla(tipo: str) -> tuple[str, str]:
    """(texto, nombre del archivo) de la plantilla del tipo; ErrorDeUsuario si falta o no es texto UTF-8."""
    ruta = ruta_plantilla(tipo)
    nombre_tipo = traducir(TIPOS_CONVENIO.get(tipo, tipo))
    try:
        texto = ruta.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ErrorDeUsuario(_("No se encontró la plantilla de «{tipo}» ({archivo}). Vuelva a instalar el programa o "
                               "copie una plantilla en «{carpeta}».").format(
            tipo=nombre_tipo, archivo=ruta.name, carpeta=carpeta_del_usuario()), detalle=str(ruta)) from exc
    except UnicodeDecodeError as exc:
        raise ErrorDeUsuario(_("La plantilla «{archivo}» no está guardada como texto UTF-8. Ábrala en el Bloc de "
                               "notas y use «Guardar como…» con la codificación UTF-8.").format(archivo=ruta.name),
                             detalle=str(ruta)) from exc
    except OSError as exc:
        raise ErrorDeUsuario(_("No se pudo leer la plantilla «{archivo}».").format(archivo=ruta.name),
                             detalle=f"{ruta}: {exc}") from exc
    return texto, ruta.name


# -- rellenar -----------------------------------------------------------------------------------------------------
class _Rellenador:
    def __init__(self, archivo: str, valores: dict[str, str], partes: list[ParteTexto]):
        self.archivo = archivo
        self.valores = valores
        self.partes = partes

    def error(self, linea: int, mensaje: str) -> ErrorDeUsuario:
        return ErrorDeUsuario(_("La plantilla «{archivo}», renglón {linea}: {mensaje}").format(
            archivo=self.archivo, linea=linea, mensaje=mensaje),
            detalle=_("La sintaxis de las plantillas está explicada en recursos/plantillas/LEEME.md."))

    def sustituir(self, texto: str, linea: int, valores: dict[str, str]) -> str:
        """Reemplaza $dato y ${dato}; los nombres no distinguen mayúsculas. ErrorDeUsuario con el renglón exacto."""
        salida, desde = [], 0
        for m in Template.pattern.finditer(texto):
            salida.append(texto[desde:m.start()])
            desde = m.end()
            aqui = linea + texto.count("\n", 0, m.start())
            if m.group("escaped") is not None:
                salida.append("$")
                continue
            nombre = m.group("named") or m.group("braced")
            if nombre is None:
                fragmento = texto[m.start():m.start() + 12].split("\n")[0]
                raise self.error(aqui, _("hay un «$» que no forma un dato («{fragmento}»). Un dato se escribe "
                                         "$municipio o ${{municipio}}; para imprimir el signo $ escriba $$.").format(
                    fragmento=fragmento))
            clave = nombre.lower()
            if clave in valores:
                salida.append(valores[clave])
            elif clave in DATOS_PARTE:
                raise self.error(aqui, _("«${nombre}» solo puede usarse dentro de un bloque [partes] … [/partes].")
                                 .format(nombre=nombre))
            else:
                raise self.error(aqui, _("«${nombre}» no es un dato que Articula conozca. Corríjalo o use uno de "
                                         "estos: {datos}.").format(
                    nombre=nombre, datos=", ".join(f"${d}" for d in (*DATOS, *DATOS_PARTE))))
        salida.append(texto[desde:])
        return "".join(salida)

    # A section's lines, grouped in paragraphs; a [partes] block becomes one ("partes", lines) item.
    def parrafos(self, renglones: list[tuple[int, str]], unir: bool = True) -> list[Bloque]:
        bloques: list[Bloque] = []
        actual: list[tuple[int, str]] = []
        i = 0

        def cerrar(valores: dict[str, str], de_parte: bool, parte: ParteTexto | None = None) -> None:
            if not actual:
                return
            linea = actual[0][0]
            crudo = "\n".join(t for _n, t in actual)
            if parte is not None and crudo.strip().lower() in ("$parte_obligaciones", "${parte_obligaciones}"):
                bloques.append(Bloque(items=parte.obligaciones or (BLANCO,), de_parte=True))
            else:
                texto = self.sustituir(crudo, linea, valores)
                texto = " ".join(x.strip() for x in texto.split("\n")) if unir else texto
                bloques.append(Bloque(texto=texto.strip(), de_parte=de_parte))
            actual.clear()

        while i < len(renglones):
            n, t = renglones[i]
            m = _SECCION.match(t.strip())
            if m and m.group(2).strip().lower() == "partes" and not m.group(1):
                cerrar(self.valores, False)
                fin = next((j for j in range(i + 1, len(renglones))
                            if renglones[j][1].strip().lower() == "[/partes]"), None)
                if fin is None:
                    raise self.error(n, _("el bloque [partes] no se cierra: agregue un renglón [/partes] donde "
                                          "termina lo que se repite por cada parte."))
                cuerpo = renglones[i + 1:fin]
                for k, parte in enumerate(self.partes, start=1):
                    valores = {**self.valores, **self.valores_parte(k, parte)}
                    for nn, tt in cuerpo:
                        if tt.strip():
                            actual.append((nn, tt))
                        else:
                            cerrar(valores, True, parte)
                    cerrar(valores, True, parte)
                i = fin + 1
                continue
            if m and m.group(2).strip().lower() == "partes":
                raise self.error(n, _("hay un [/partes] sin su [partes] de apertura."))
            if t.strip():
                actual.append((n, t))
            else:
                cerrar(self.valores, False)
            i += 1
        cerrar(self.valores, False)
        return bloques

    @staticmethod
    def valores_parte(k: int, p: ParteTexto) -> dict[str, str]:
        return {
            "parte_numero": str(k),
            "parte_letra": chr(ord("a") + k - 1) if k <= 26 else str(k),
            "parte_nombre": p.nombre or BLANCO,
            "parte_representante": p.representante or BLANCO,
            "parte_cargo": p.cargo or BLANCO,
            "parte_obligaciones": "; ".join(p.obligaciones) or BLANCO,
        }

    def armar(self, texto: str) -> TextoConvenio:
        secciones: list[tuple[str, str, int, list[tuple[int, str]]]] = []  # (kind, title, line, lines)
        for n, crudo in enumerate(texto.splitlines(), start=1):
            if crudo.lstrip().startswith("#"):
                continue
            m = _SECCION.match(crudo.strip())
            nombre = m.group(2).strip().lower() if m else ""
            if m and not m.group(1) and nombre in SECCIONES:
                secciones.append((nombre, m.group(3).strip(), n, []))
                continue
            if m and nombre != "partes":
                raise self.error(n, _("la sección «{seccion}» no existe. Las secciones son [titulo], [preambulo], "
                                      "[clausula] TÍTULO, [cierre], y el bloque [partes] … [/partes].").format(
                    seccion=crudo.strip()))
            if not secciones:
                if crudo.strip():
                    raise self.error(n, _("hay texto antes de la primera sección; empiece con [titulo] o "
                                          "[preambulo]."))
                continue
            secciones[-1][3].append((n, crudo.rstrip()))
        titulo: list[str] = []
        preambulo: list[Bloque] = []
        clausulas: list[Clausula] = []
        cierre: list[Bloque] = []
        for tipo, encabezado, linea, renglones in secciones:
            if tipo == "titulo":
                titulo += [self.sustituir(t.strip(), n, self.valores) for n, t in renglones if t.strip()]
            elif tipo == "preambulo":
                preambulo += self.parrafos(renglones)
            elif tipo == "cierre":
                cierre += self.parrafos(renglones)
            else:
                if not encabezado:
                    raise self.error(linea, _("a la cláusula le falta el título, p. ej. «[clausula] DEL OBJETO»."))
                clausulas.append(Clausula(ordinal(len(clausulas) + 1), self.sustituir(encabezado, linea, self.valores),
                                          tuple(self.parrafos(renglones))))
        return TextoConvenio(tuple(titulo), tuple(preambulo), tuple(clausulas), tuple(cierre), self.archivo)


def rellenar(texto: str, valores: dict[str, str], partes: list[ParteTexto], archivo: str = "") -> TextoConvenio:
    """El texto de la plantilla con los datos puestos; ErrorDeUsuario (archivo, renglón, dato) si está mal escrita."""
    return _Rellenador(archivo or _("(sin nombre)"), {k.lower(): v for k, v in valores.items()}, partes).armar(texto)


# -- desde el expediente ------------------------------------------------------------------------------------------
def _unir_comparecencia(partes: list[str]) -> str:
    """«A, en la persona de …; B, en la persona de …; y C, en la persona de …»."""
    if len(partes) <= 1:
        return "".join(partes)
    return _("{lista}; y {ultimo}").format(lista="; ".join(partes[:-1]), ultimo=partes[-1])


def _vigencia(inicio, fin) -> str:
    if inicio and fin:
        return _("desde el {inicio} hasta el {fin}").format(inicio=formato.fecha_larga(inicio),
                                                             fin=formato.fecha_larga(fin))
    if inicio:
        return _("desde el {inicio}, por tiempo indefinido").format(inicio=formato.fecha_larga(inicio))
    if fin:
        return _("desde la fecha de su firma hasta el {fin}").format(fin=formato.fecha_larga(fin))
    return _("desde la fecha de su firma, por tiempo indefinido")


def valores_de(c: Convenio, m: Municipio, territorio: str) -> tuple[dict[str, str], list[ParteTexto]]:
    partes = [ParteTexto(p.nombre_parte, p.representante, p.cargo, obligaciones_de(p.obligaciones))
              for p in sorted(c.partes, key=lambda p: p.orden)]
    comparecencia = []
    for p in partes:
        # «en la persona de»: the usual formula, and it agrees with any party (la Municipalidad, el Comité).
        quien = (f"{p.representante}, {p.cargo}" if p.cargo else p.representante) if p.representante else BLANCO
        comparecencia.append(_("{parte}, en la persona de {quien}").format(parte=p.nombre or BLANCO, quien=quien))
    municipalidad = _("Municipalidad de {municipio}").format(municipio=m.nombre)
    valores = {
        "municipio": m.nombre,
        "departamento": m.departamento,
        "municipalidad": municipalidad,
        "intendente": m.intendente_nombre or BLANCO,
        "coordinador": m.coordinador_nombre or BLANCO,
        "tipo": traducir(TIPOS_CONVENIO.get(c.tipo, c.tipo)),
        "titulo": c.titulo,
        "objeto": c.objeto.strip() or BLANCO,
        # Reads right in any sentence: «en favor de …», «se prestarán en …», «el desarrollo de …».
        "territorio": (_("la comunidad territorial {nombre}").format(nombre=territorio) if territorio
                       else _("todo el distrito de {municipio}").format(municipio=m.nombre)),
        "territorio_nombre": territorio or BLANCO,
        "lugar": c.lugar.strip() or BLANCO,
        "fecha_inicio": formato.fecha_larga(c.fecha_inicio) or BLANCO,
        "fecha_fin": formato.fecha_larga(c.fecha_fin) or BLANCO,
        "vigencia": _vigencia(c.fecha_inicio, c.fecha_fin),
        "fecha_firma_larga": formato.fecha_larga(c.fecha_firma) or _("los …… días del mes de …………… de ……"),
        "partes_lista": unir_nombres([p.nombre or BLANCO for p in partes]) or BLANCO,
        "comparecencia": _unir_comparecencia(comparecencia) or BLANCO,
        "cantidad_partes": cantidad_en_palabras(len(partes)),
    }
    return valores, partes


def texto_de_convenio(s: Session, convenio_id: int) -> TextoConvenio:
    """El convenio escrito con la plantilla de su tipo (ErrorDeUsuario si la plantilla está mal escrita)."""
    c = obtener(s, Convenio, convenio_id, _("el convenio"))
    m = obtener(s, Municipio, c.municipio_id, _("el municipio"))
    territorio = s.get(Territorio, c.territorio_id).nombre if c.territorio_id else ""
    valores, partes = valores_de(c, m, territorio)
    texto, archivo = leer_plantilla(c.tipo)
    return rellenar(texto, valores, partes, archivo)
