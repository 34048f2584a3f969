"""Subcomandos sin ventana: `demo`, `info`, `respaldar`, `exportar` e `importar` (los mismos servicios que usa la
interfaz).

Códigos de salida: 0 si todo salió bien; 2 si el usuario puede corregir algo (archivo inexistente, argumentos
mal escritos, expediente de una versión más nueva…), con un mensaje en español en stderr y nunca una traza;
1 ante un error del programa, que queda en el registro con su traza.

Este módulo se importa al arrancar `main.py` con un subcomando: solo usa la biblioteca estándar al cargarse, y
SQLAlchemy y compañía se importan dentro de cada subcomando, para que `--version` responda al instante.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from nucleo import NOMBRE_APLICACION, __version__
from nucleo.cli_argparse import Analizador, argparse_en_espanol
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_

COMANDOS = ("demo", "info", "respaldar", "exportar", "importar", "acta", "verificar")
# nucleo.exportar.excel.esquemas.TABLAS, without importing it at start-up (a test keeps both equal).
TABLAS = ("actores", "oportunidades", "necesidades", "dafo", "indicadores", "actividades", "recursos", "riesgos",
          "miembros")
# Printouts with no spreadsheet behind them: `--tabla ficha` means the PDF (nucleo.exportar.pdf.documentos.IMPRESOS).
SOLO_PDF = ("ficha", "arbol", "convenio", "plan", "cronograma", "presupuesto", "metas")
OPCIONES_CLI = ("--version", "-V", "--help", "-h")
EXITO, ERROR_DEL_PROGRAMA, ERROR_DE_USUARIO = 0, 1, 2
NO_GENUINO = 1  # `verificar`: the PDF is not one this expediente issued (or it was altered)

log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------- argumentos


def _fecha(texto: str) -> date:
    from nucleo.formato import leer_fecha

    try:
        return leer_fecha(texto)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _numero_acta(texto: str) -> tuple[int, int]:
    """«3/2026» (también «N.º 3/2026» o «Acta N.º 3/2026») -> (3, 2026)."""
    import re

    hallado = re.fullmatch(r"\s*(?:acta\s*)?(?:n\.?\s*[º°o]?\.?\s*)?(\d{1,6})\s*/\s*(\d{4})\s*", texto, re.I)
    if not hallado or int(hallado.group(1)) < 1:
        raise argparse.ArgumentTypeError(_("«{texto}» no es un número de acta: escríbalo como número/año, por "
                                           "ejemplo 3/2026.").format(texto=texto))
    return int(hallado.group(1)), int(hallado.group(2))


def _nombre_programa(argv0: str | None) -> str:
    # "python main.py info …" from a checkout, "articula info …" when installed: the usage line shows what to type.
    if not argv0:
        return "articula"
    nombre = Path(argv0).name
    return f"python {nombre}" if nombre.endswith(".py") else Path(nombre).stem or "articula"


def crear_analizador(prog: str = "articula") -> argparse.ArgumentParser:
    analizador = Analizador(
        prog=prog,
        description=_("Articula: expediente municipal de articulación de políticas sociales en el territorio."),
        epilog=_(
            "Sin comando se abre la ventana del programa:\n"
            "  {prog} [RUTA.articula] [--demo]\n\n"
            "Cada comando tiene su propia ayuda, por ejemplo: {prog} info --help"
        ).format(prog=prog),
    )
    analizador.add_argument("-V", "--version", action="version",
                            version=f"{NOMBRE_APLICACION} {__version__}",
                            help=_("muestra la versión del programa y termina"))
    comandos = analizador.add_subparsers(dest="comando", metavar=_("COMANDO"), title=_("comandos"),
                                         parser_class=Analizador)

    analizador.set_defaults(prog=prog)
    demo = comandos.add_parser(
        "demo", help=_("crea un expediente de demostración (Villeta, Central)"),
        description=_("Crea un expediente de demostración de Villeta (Central) con territorios en distintas "
                      "etapas de la hoja de ruta. Las personas son ficticias. Nunca sobrescribe un archivo."),
    )
    demo.add_argument("ruta", metavar="RUTA.articula", type=Path, help=_("archivo nuevo que se creará"))
    demo.add_argument("--hoy", metavar="AAAA-MM-DD", type=_fecha,
                      help=_("fecha que la demostración toma como «hoy» (por omisión, la de hoy)"))
    demo.set_defaults(funcion=_demo)

    info = comandos.add_parser(
        "info", help=_("muestra el municipio, la versión del esquema y cuántos datos tiene un expediente"),
        description=_("Muestra el municipio, la versión del esquema y la cantidad de datos de un expediente. "
                      "No crea respaldos ni cambia el archivo (salvo que deba actualizarse a esta versión del "
                      "programa: entonces guarda antes una copia de respaldo y lo avisa)."),
    )
    info.add_argument("ruta", metavar="RUTA.articula", type=Path, help=_("expediente que se examinará"))
    info.add_argument("--json", action="store_true", help=_("salida en JSON, para otros programas"))
    info.set_defaults(funcion=_info)

    respaldar = comandos.add_parser(
        "respaldar", help=_("guarda una copia verificada de un expediente, aunque esté abierto"),
        description=_("Guarda una copia del expediente con la API de respaldo de SQLite y verifica su "
                      "integridad. Funciona aunque el expediente esté abierto en la ventana del programa.\n\n"
                      "Si DESTINO es una carpeta que existe (o termina en «/»), la copia se llama como el "
                      "expediente más la fecha y la hora; si no, DESTINO es el nombre del archivo de la copia "
                      "(se le agrega «.articula» si no lo tiene). Nunca sobrescribe un archivo."),
    )
    respaldar.add_argument("ruta", metavar="RUTA.articula", type=Path, help=_("expediente que se copiará"))
    respaldar.add_argument("destino", metavar="DESTINO", help=_("carpeta o archivo de la copia"))
    respaldar.set_defaults(funcion=_respaldar)

    exportar = comandos.add_parser(
        "exportar", help=_("guarda una tabla en una planilla Excel (o su plantilla en blanco, o un PDF)"),
        description=_("Guarda la matriz de actores o el Mapa de Oportunidades en una planilla Excel (.xlsx) con "
                      "encabezados, filtros, listas desplegables y una hoja de instrucciones; con --plantilla, la "
                      "misma planilla sin filas, para completarla e importarla. Con --pdf guarda el impreso. No "
                      "cambia el expediente y no sobrescribe un archivo existente (salvo con --forzar).\n\n"
                      "Ejemplos:\n"
                      "  {prog} exportar Villeta.articula --tabla actores --salida actores.xlsx\n"
                      "  {prog} exportar Villeta.articula --tabla oportunidades --salida mapa.xlsx --plantilla\n"
                      "  {prog} exportar Villeta.articula --tabla actores --pdf --vista grilla --salida grilla.pdf\n"
                      "  {prog} exportar Villeta.articula --tabla ficha --territorio 2 --salida ficha.pdf\n"
                      "  {prog} exportar Villeta.articula --tabla convenio --convenio 1 --salida convenio.pdf\n"
                      "  {prog} exportar Villeta.articula --tabla plan --plan 1 --salida plan.pdf\n"
                      "  {prog} exportar Villeta.articula --tabla plan --territorio 2 --revision 1 --salida "
                      "plan_rev1.pdf\n"
                      "  {prog} exportar Villeta.articula --tabla cronograma --territorio \"Barrio San Miguel\" "
                      "--vista a3 --salida cronograma.pdf\n\n"
                      "Los impresos de un territorio (ficha, arbol, y dafo con --pdf) piden --territorio, con su "
                      "número o su nombre; el de un convenio pide --convenio con su número. Los del Plan de "
                      "Acción (plan, cronograma, presupuesto, metas) piden --plan con su número, o --territorio: "
                      "el plan de ese territorio. «ficha», «arbol», «convenio» y los del plan son solo impresos: "
                      "no hace falta --pdf."
                      ).format(prog=prog),
    )
    exportar.add_argument("ruta", metavar="RUTA.articula", type=Path, help=_("expediente de donde salen los datos"))
    exportar.add_argument("--tabla", required=True, choices=TABLAS + SOLO_PDF,
                          help=_("qué tabla o impreso: {opciones}").format(opciones=", ".join(TABLAS + SOLO_PDF)))
    exportar.add_argument("--territorio", metavar="TERRITORIO",
                          help=_("número o nombre del territorio (ficha, arbol, dafo con --pdf; y para los impresos "
                                 "del plan, el territorio de ese plan)"))
    exportar.add_argument("--convenio", metavar="N", type=int, help=_("número del convenio que se imprimirá"))
    exportar.add_argument("--plan", metavar="N", type=int,
                          help=_("número del Plan de Acción (plan, cronograma, presupuesto, metas); o --territorio"))
    exportar.add_argument("--revision", metavar="N", type=int,
                          help=_("con --tabla plan: imprime la revisión N sancionada (congelada, sin la marca de "
                                 "borrador, y queda registrada para poder verificarla)"))
    exportar.add_argument("--salida", required=True, metavar="ARCHIVO", type=Path,
                          help=_("archivo que se creará (.xlsx, o .pdf con --pdf)"))
    exportar.add_argument("--plantilla", action="store_true", help=_("la planilla en blanco, sin filas"))
    exportar.add_argument("--pdf", action="store_true", help=_("el impreso en PDF en lugar de la planilla"))
    exportar.add_argument("--vista",
                          help=_("con --pdf: «matriz» o «grilla» para actores, «catalogo» para oportunidades, "
                                 "«dafo» o «dipe» para dafo; «a4» o «a3» para cronograma"))
    exportar.add_argument("--forzar", action="store_true", help=_("reemplaza el archivo de salida si ya existe"))
    exportar.set_defaults(funcion=_exportar)

    importar = comandos.add_parser(
        "importar", help=_("agrega al expediente las filas de una planilla Excel"),
        description=_("Agrega a la matriz de actores, al Mapa de Oportunidades, a las necesidades o al DAFO las "
                      "filas de una planilla .xlsx (una exportada por Articula, su plantilla completada o una planilla propia: se buscan la "
                      "fila de encabezados y las columnas por su nombre). Se revisan todas las filas antes de "
                      "guardar: si hay algún problema se informa cada uno con su hoja, fila y columna, y no se "
                      "guarda nada.\n\n"
                      "Ejemplo:\n"
                      "  {prog} importar Villeta.articula --tabla actores actores.xlsx").format(prog=prog),
    )
    importar.add_argument("ruta", metavar="RUTA.articula", type=Path, help=_("expediente que recibe las filas"))
    importar.add_argument("--tabla", required=True, choices=TABLAS,
                          help=_("qué tabla: {opciones}").format(opciones=", ".join(TABLAS)))
    importar.add_argument("planilla", metavar="ARCHIVO.xlsx", type=Path, help=_("planilla que se importará"))
    importar.add_argument("--omitir-existentes", action="store_true",
                          help=_("salta las filas que ya están en el expediente (mismo nombre) en lugar de "
                                 "informarlas como problema"))
    importar.set_defaults(funcion=_importar)

    acta = comandos.add_parser(
        "acta", help=_("guarda en PDF el acta de una sesión de mesa, por su número («3/2026»)"),
        description=_("Guarda en PDF el acta N.º N/AAAA de una mesa: el acta firmada sale del contenido que se "
                      "congeló al firmarla, con su huella SHA-256 al pie; un borrador lleva la marca «BORRADOR». "
                      "No cambia el expediente y no sobrescribe un archivo existente (salvo con --forzar).\n\n"
                      "Ejemplo:\n"
                      "  {prog} acta Villeta.articula --mesa 1 --numero 3/2026 --salida acta.pdf").format(prog=prog),
    )
    acta.add_argument("ruta", metavar="RUTA.articula", type=Path, help=_("expediente de donde sale el acta"))
    acta.add_argument("--mesa", required=True, metavar="MESA", help=_("número o nombre de la mesa"))
    acta.add_argument("--numero", required=True, metavar="N/AAAA", type=_numero_acta,
                      help=_("número del acta y año de la sesión, por ejemplo 3/2026"))
    acta.add_argument("--salida", required=True, metavar="ARCHIVO.pdf", type=Path, help=_("PDF que se creará"))
    acta.add_argument("--forzar", action="store_true", help=_("reemplaza el archivo de salida si ya existe"))
    acta.set_defaults(funcion=_acta)

    verificar = comandos.add_parser(
        "verificar", help=_("dice si un PDF es un documento emitido por el expediente (plan sancionado o acta "
                            "firmada) o si fue alterado"),
        description=_("Comprueba si el PDF es exactamente un documento que este expediente emitió: una revisión "
                      "sancionada de un Plan de Acción o un acta firmada. Se compara la huella SHA-256 de los bytes "
                      "del archivo con el registro de documentos emitidos; el texto impreso en el PDF no cuenta. "
                      "Un solo byte cambiado basta para que no coincida. No cambia el expediente.\n\n"
                      "Sale con 0 si el documento es genuino, con 1 si no lo es (o fue alterado) y con 2 si el "
                      "archivo no existe o no es un PDF.\n\n"
                      "Ejemplo:\n"
                      "  {prog} verificar Villeta.articula plan_rev1.pdf").format(prog=prog),
    )
    verificar.add_argument("ruta", metavar="RUTA.articula", type=Path, help=_("expediente que emitió el documento"))
    verificar.add_argument("archivo", metavar="ARCHIVO.pdf", type=Path, help=_("PDF que se verificará"))
    verificar.set_defaults(funcion=_verificar)
    analizador.subcomandos = {"demo": demo, "info": info, "respaldar": respaldar, "exportar": exportar,
                              "importar": importar, "acta": acta, "verificar": verificar}
    return analizador


# ---------------------------------------------------------------------------------------------- salida


def _error(texto: str) -> None:
    print(_("Error: {mensaje}").format(mensaje=texto), file=sys.stderr)


def _aviso(texto: str) -> None:
    print(texto, file=sys.stderr)


def _bloque(filas: Sequence[tuple[str, str]], sangria: str = "") -> str:
    """Etiquetas alineadas: «Municipio      Villeta»."""
    ancho = max((len(etiqueta) for etiqueta, _valor in filas), default=0)
    return "\n".join(f"{sangria}{etiqueta.ljust(ancho)}  {valor}".rstrip() for etiqueta, valor in filas)


def _tamano(n: int) -> str:
    from nucleo.formato import entero, numero

    if n < 1024:
        return n_("{n} byte", "{n} bytes", n).format(n=entero(n))
    for unidad, tamano in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= tamano:
            return f"{numero(n / tamano, 1)} {unidad}"
    return entero(n)  # pragma: no cover - unreachable, every n >= 1024 has a unit


def _ruta_para_mostrar(ruta: Path) -> str:
    return str(Path(ruta).resolve())


# ---------------------------------------------------------------------------------------------- comandos


def _demo(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from nucleo.modelo import Territorio
    from nucleo.servicios.demo import crear_demo
    from nucleo.servicios.municipio import obtener_municipio

    exp = crear_demo(args.ruta, hoy=args.hoy)
    try:
        with exp.sesion() as s:
            m = obtener_municipio(s, exp.municipio_id)
            municipio = f"{m.nombre} ({m.departamento})"
            territorios = list(s.scalars(select(Territorio.nombre).where(Territorio.municipio_id == m.id)
                                         .order_by(Territorio.id)))
        ruta = exp.ruta
    finally:
        exp.cerrar()
    print(_("Se creó el expediente de demostración."))
    print(_bloque([
        (_("Archivo"), str(ruta)),
        (_("Municipio"), municipio),
        (_("Territorios"), str(len(territorios))),
    ]))
    for nombre in territorios:
        print(f"  • {nombre}")
    print(_("Ábralo con: {orden}").format(orden=f"{args.prog} \"{ruta}\""))
    return EXITO


def _abrir_para_leer(ruta: Path):
    """Abre sin respaldo automático; si el archivo es de una versión anterior, se actualiza y se avisa."""
    from nucleo.almacen.expediente import Expediente

    def avisar(revision: str) -> None:
        _aviso(_("Aviso: el expediente tiene el esquema {vieja} y se actualizará al {nueva} de esta versión; "
                 "antes se guarda una copia de respaldo.").format(vieja=revision or _("sin versión"),
                                                                   nueva=_revision_actual()))
        migrado.append(revision)

    migrado: list[str] = []
    exp = Expediente.abrir(ruta, respaldar=False, al_migrar=avisar)
    if migrado:
        from nucleo.almacen.respaldo import respaldos_de

        copias = respaldos_de(exp.ruta)
        if copias:
            _aviso(_("Aviso: copia previa a la actualización: {ruta}").format(ruta=copias[0]))
    return exp, bool(migrado)


def _revision_actual() -> str:
    from nucleo.almacen.migrar import REVISION_ACTUAL

    return REVISION_ACTUAL


def datos_info(ruta: Path) -> dict:
    """Lo que muestra `info`, con claves estables (las mismas de `--json`)."""
    from nucleo.almacen import migrar
    from nucleo.servicios.municipio import contar_entidades, obtener_municipio

    exp, migrado = _abrir_para_leer(ruta)
    try:
        with exp.motor.connect() as con:
            revision = migrar.revision_del_archivo(con)
        with exp.sesion() as s:
            m = obtener_municipio(s, exp.municipio_id)
            municipio = {
                "nombre": m.nombre,
                "departamento": m.departamento,
                "clave_ine": m.clave_ine,
                "intendente": m.intendente_nombre,
                "coordinador": m.coordinador_nombre,
            }
            conteos = contar_entidades(s, m.id)
        datos = {
            "archivo": str(exp.ruta),
            "tamano_bytes": exp.ruta.stat().st_size,
            "version_programa": __version__,
            "esquema": {"archivo": revision, "programa": migrar.REVISION_ACTUAL},
            "migrado": migrado,
            "bloqueado": exp.solo_lectura,
            "bloqueado_por": exp.titular_bloqueo if exp.solo_lectura else "",
            "municipio": municipio,
            "conteos": conteos,
        }
    finally:
        exp.cerrar()
    return datos


def _info(args: argparse.Namespace) -> int:
    from nucleo.formato import entero

    datos = datos_info(args.ruta)
    if args.json:
        texto = json.dumps(datos, ensure_ascii=False, indent=2) + "\n"
        _escribir_utf8(texto)
        return EXITO

    m, esquema = datos["municipio"], datos["esquema"]
    if datos["bloqueado"]:
        estado = _("abierto por {quien}; se leyó en modo solo lectura").format(
            quien=datos["bloqueado_por"] or _("otro programa"))
    else:
        estado = _("libre (ningún otro programa lo tiene abierto)")
    filas = [
        (_("Expediente"), datos["archivo"]),
        (_("Tamaño"), _tamano(datos["tamano_bytes"])),
        (_("Municipio"), m["nombre"]),
        (_("Departamento"), m["departamento"]),
        (_("Clave INE"), m["clave_ine"]),
        (_("Intendente"), m["intendente"] or "—"),
        (_("Coordinador/a"), m["coordinador"] or "—"),
        (_("Esquema"), esquema["archivo"] if esquema["archivo"] == esquema["programa"]
            else _("{archivo} (el de este programa es {programa})").format(**esquema)),
        (_("Programa"), f"{NOMBRE_APLICACION} {datos['version_programa']}"),
        (_("Estado"), estado),
    ]
    from nucleo.servicios.municipio import etiquetas_conteos

    etiquetas = etiquetas_conteos()
    conteos = [(etiquetas.get(clave, clave.replace("_", " ").capitalize()), entero(n))
               for clave, n in datos["conteos"].items()]
    ancho = max((len(v) for _e, v in conteos), default=0)
    print(_bloque(filas))
    print()
    print(_("Contenido"))
    print(_bloque([(e, v.rjust(ancho)) for e, v in conteos], sangria="  "))
    return EXITO


def _escribir_utf8(texto: str) -> None:
    # JSON is UTF-8 by definition, whatever the console's code page (Windows pipes default to cp1252).
    sys.stdout.flush()
    binario = getattr(sys.stdout, "buffer", None)
    if binario is None:
        sys.stdout.write(texto)
    else:
        binario.write(texto.encode("utf-8"))
        binario.flush()


def _destino_de_copia(origen: Path, destino: str) -> Path:
    carpeta = destino.endswith(("/", os.sep)) or Path(destino).is_dir()
    if carpeta:
        base = Path(destino)
        marca = datetime.now().strftime("%Y-%m-%d_%H%M%S")
        ruta = base / f"{origen.stem}_{marca}.articula"
        n = 2
        while ruta.exists():  # two copies in the same second keep both
            ruta = base / f"{origen.stem}_{marca}_{n}.articula"
            n += 1
        return ruta
    ruta = Path(destino)
    return ruta if ruta.suffix.lower() == ".articula" else ruta.with_name(ruta.name + ".articula")


def _respaldar(args: argparse.Namespace) -> int:
    from nucleo.almacen.expediente import integridad_de_archivo

    exp, _migrado = _abrir_para_leer(args.ruta)
    try:
        destino = _destino_de_copia(exp.ruta, args.destino).resolve()
        if destino == exp.ruta:
            raise ErrorDeUsuario(_("El destino es el mismo expediente. Elija otra carpeta u otro nombre."))
        if destino.exists():
            raise ErrorDeUsuario(_("Ya existe «{ruta}». Elija otro nombre o bórrelo primero; "
                                   "Articula nunca sobrescribe una copia.").format(ruta=destino))
        hecho = exp.respaldar(destino)
        solo_lectura = exp.solo_lectura
    finally:
        exp.cerrar()
    # The copy was checked inside the backup; check the file as it landed on disk too (a USB stick can lie).
    problema = integridad_de_archivo(hecho)
    if problema:
        raise ErrorDeUsuario(_("La copia «{ruta}» quedó dañada al escribirse en el disco.").format(ruta=hecho),
                             detalle=problema)
    print(_("Copia de respaldo guardada y verificada."))
    print(_bloque([
        (_("Copia"), str(hecho)),
        (_("Tamaño"), _tamano(hecho.stat().st_size)),
    ]))
    if solo_lectura:
        print(_("El expediente estaba abierto en otro programa: la copia refleja lo guardado hasta este momento."))
    return EXITO


# ---------------------------------------------------------------------------------------------- Excel y PDF


# «26 actores»: what each table counts, singular or plural by n.
CANTIDADES: dict[str, Callable[[int], str]] = {
    "actores": lambda n: n_("{n} actor", "{n} actores", n),
    "oportunidades": lambda n: n_("{n} oportunidad", "{n} oportunidades", n),
    "necesidades": lambda n: n_("{n} necesidad", "{n} necesidades", n),
    "dafo": lambda n: n_("{n} elemento de DAFO/DIPE", "{n} elementos de DAFO/DIPE", n),
    "indicadores": lambda n: n_("{n} indicador", "{n} indicadores", n),
    "actividades": lambda n: n_("{n} actividad", "{n} actividades", n),
    "recursos": lambda n: n_("{n} recurso", "{n} recursos", n),
    "riesgos": lambda n: n_("{n} riesgo", "{n} riesgos", n),
    "miembros": lambda n: n_("{n} miembro de mesa", "{n} miembros de mesas", n),
}


def _cantidad(tabla: str, n: int) -> str:
    from nucleo.formato import entero

    return CANTIDADES[tabla](n).format(n=entero(n))


def _salida_libre(salida: Path, forzar: bool) -> Path:
    salida = salida.resolve()
    if salida.is_dir():
        raise ErrorDeUsuario(_("«{ruta}» es una carpeta: indique el nombre del archivo que se creará.").format(
            ruta=salida))
    if salida.exists() and not forzar:
        raise ErrorDeUsuario(_("Ya existe «{ruta}». Elija otro nombre o agregue --forzar para reemplazarlo.").format(
            ruta=salida))
    if not salida.parent.is_dir():
        raise ErrorDeUsuario(_("No existe la carpeta «{carpeta}».").format(carpeta=salida.parent))
    return salida


def _exportador_pdf():
    """`nucleo.exportar.pdf.documentos.exportar_pdf`, o None si esta versión no trae los impresos."""
    import importlib.util

    try:
        disponible = importlib.util.find_spec("nucleo.exportar.pdf.documentos") is not None
    except ModuleNotFoundError:
        disponible = False
    if not disponible:
        return None
    from nucleo.exportar.pdf.documentos import exportar_pdf

    return exportar_pdf


def _id_del_impreso(s, municipio_id: int, args: argparse.Namespace) -> int | None:
    """El id que pide el impreso (territorio, convenio o plan), desde --territorio (número o nombre), --convenio
    o --plan."""
    from nucleo.exportar.pdf.documentos import IMPRESOS

    pide = IMPRESOS[args.tabla].pide_id if args.tabla in IMPRESOS else ""
    if pide == "convenio":
        if args.convenio is None:
            raise ErrorDeUsuario(_("Indique qué convenio imprimir con --convenio N (el número que muestra la "
                                   "página Convenios)."))
        return args.convenio
    if pide == "plan":
        return _plan_del_impreso(s, municipio_id, args)
    if pide != "territorio":
        return None
    if args.territorio is None:
        raise ErrorDeUsuario(_("Indique el territorio con --territorio, por su número o su nombre entre comillas."))
    return _territorio_elegido(s, municipio_id, args.territorio).id


def _territorio_elegido(s, municipio_id: int, valor: str):
    """El territorio por su número o por su nombre (sin importar tildes ni mayúsculas); si no, la lista."""
    from nucleo.formato import sin_tildes as normalizar
    from nucleo.servicios.territorios import listar_territorios

    territorios = listar_territorios(s, municipio_id)
    valor = valor.strip()
    elegido = [t for t in territorios if str(t.id) == valor or normalizar(t.nombre) == normalizar(valor)]
    if not elegido:
        nombres = "; ".join(f"{t.id} = {t.nombre}" for t in territorios) or _("(el expediente no tiene territorios)")
        raise ErrorDeUsuario(_("No hay un territorio «{valor}» en este expediente. Territorios: {lista}.").format(
            valor=valor, lista=nombres))
    return elegido[0]


def _plan_del_impreso(s, municipio_id: int, args: argparse.Namespace) -> int:
    """El plan de --plan N, o el del territorio de --territorio (que tiene que tener uno)."""
    if args.plan is not None:
        return args.plan
    if args.territorio is None:
        raise ErrorDeUsuario(_("Indique el Plan de Acción con --plan N (su número) o con --territorio y el número o "
                               "el nombre del territorio."))
    from nucleo.servicios.plan import plan_del_territorio

    territorio = _territorio_elegido(s, municipio_id, args.territorio)
    plan_id = plan_del_territorio(s, municipio_id, territorio.id)
    if plan_id is None:
        raise ErrorDeUsuario(_("El territorio «{territorio}» todavía no tiene Plan de Acción: créelo en Articula, en "
                               "la página Plan de Acción, antes de imprimirlo.").format(territorio=territorio.nombre))
    return plan_id


def _exportar(args: argparse.Namespace) -> int:
    salida = Path(args.salida)
    sufijo = salida.suffix.lower()
    if args.tabla in SOLO_PDF:
        args.pdf = True
    if args.pdf:
        if args.plantilla:
            raise ErrorDeUsuario(_("--plantilla es para la planilla Excel; no se usa con --pdf."))
        if sufijo != ".pdf":
            salida = salida.with_name(salida.name + ".pdf")
    else:
        if args.vista:
            raise ErrorDeUsuario(_("--vista elige el impreso: úsela junto con --pdf."))
        if sufijo == ".pdf":
            raise ErrorDeUsuario(_("«{nombre}» termina en .pdf: para el impreso agregue --pdf; para la planilla use "
                                   "un nombre terminado en .xlsx.").format(nombre=salida.name))
        if sufijo != ".xlsx":
            salida = salida.with_name(salida.name + ".xlsx")
    if args.revision is not None and args.tabla != "plan":
        raise ErrorDeUsuario(_("--revision es para el Plan de Acción: úsela con --tabla plan."))
    if args.revision is not None and args.revision < 1:
        raise ErrorDeUsuario(_("--revision es el número de una revisión sancionada: 1, 2…"))
    salida = _salida_libre(salida, args.forzar)
    exportar_pdf = None
    if args.pdf:
        exportar_pdf = _exportador_pdf()
        if exportar_pdf is None:
            raise ErrorDeUsuario(_("La exportación a PDF no está disponible en esta versión del programa."))

    exp, _migrado = _abrir_para_leer(args.ruta)
    try:
        with exp.sesion() as s:
            if exportar_pdf is not None:
                ident = _id_del_impreso(s, exp.municipio_id, args)
                extra = {}
                if args.revision is not None:
                    from nucleo.servicios.sancion import contenido_revision

                    contenido_revision(s, ident, args.revision)  # «El plan no tiene la revisión N sancionada…»
                    extra["revision"] = args.revision
                exportar_pdf(args.tabla, s, exp.municipio_id, salida, args.vista, id=ident, **extra)
                _confirmar_emision(exp, s)
                print(_("Impreso guardado: {ruta}").format(ruta=salida))
                return EXITO
            from nucleo.exportar.excel import esquema_de, exportar_excel

            esquema = esquema_de(args.tabla)
            resultado = exportar_excel(s, exp.municipio_id, esquema, salida, plantilla=args.plantilla)
    finally:
        exp.cerrar()
    if args.plantilla:
        print(_("Plantilla en blanco guardada: {ruta}").format(ruta=resultado.ruta))
    else:
        print(_("Se exportaron {cantidad} a {ruta}").format(cantidad=_cantidad(args.tabla, resultado.filas),
                                                            ruta=resultado.ruta))
    return EXITO


def _abrir_para_escribir(ruta: Path):
    """Abre para escribir (con el respaldo automático de siempre); si otro programa lo tiene abierto, no sigue."""
    from nucleo.almacen.expediente import Expediente

    def avisar(revision: str) -> None:
        _aviso(_("Aviso: el expediente tiene el esquema {vieja} y se actualizará al {nueva} de esta versión; "
                 "antes se guarda una copia de respaldo.").format(vieja=revision or _("sin versión"),
                                                                   nueva=_revision_actual()))

    return Expediente.abrir(ruta, permitir_solo_lectura=False, al_migrar=avisar)


def _importar(args: argparse.Namespace) -> int:
    from nucleo.importar import importar_archivo, informe

    exp = _abrir_para_escribir(args.ruta)
    try:
        lectura, resultado = importar_archivo(exp, args.planilla, args.tabla,
                                              omitir_existentes=args.omitir_existentes)
    finally:
        exp.cerrar()
    if not resultado.ok:
        _aviso(informe(resultado.problemas, Path(args.planilla).name))
        return ERROR_DE_USUARIO
    print(_("Se importaron {cantidad} de «{archivo}» (hoja «{hoja}», encabezados en la fila {fila}).").format(
        cantidad=_cantidad(args.tabla, resultado.creados), archivo=Path(args.planilla).name, hoja=lectura.hoja,
        fila=lectura.fila_encabezado))
    if resultado.omitidos:
        print(_("Se saltaron {cantidad} que ya estaban en el expediente.").format(
            cantidad=_cantidad(args.tabla, resultado.omitidos)))
    # A workbook of its own says nothing new here; for a foreign one, how its columns were read.
    columnas = [f"{lectura.nombre_columna(j)} → {lectura.esquema.columna(c).titulo}"
                for j, c in sorted(lectura.mapeo.items()) if lectura.encabezados[j] != lectura.esquema.columna(c).titulo]
    if columnas:
        print(_("Columnas: {columnas}").format(columnas="; ".join(columnas)))
    for aviso in resultado.avisos:
        print(_("Aviso: {aviso}").format(aviso=aviso))
    return EXITO


def _acta(args: argparse.Namespace) -> int:
    salida = Path(args.salida)
    if salida.suffix.lower() != ".pdf":
        salida = salida.with_name(salida.name + ".pdf")
    salida = _salida_libre(salida, args.forzar)
    numero, anio = args.numero
    exp, _migrado = _abrir_para_leer(args.ruta)
    try:
        from nucleo.exportar.pdf.acta import buscar_acta
        from nucleo.exportar.pdf.documentos import exportar_pdf
        from nucleo.modelo.mesa import Acta

        with exp.sesion() as s:
            acta_id = buscar_acta(s, exp.municipio_id, args.mesa, numero, anio)
            exportar_pdf("acta", s, exp.municipio_id, salida, id=acta_id)
            firmada = s.get(Acta, acta_id).estado == "firmada"
            _confirmar_emision(exp, s)
    finally:
        exp.cerrar()
    print(_("Acta N.º {numero}/{anio} guardada: {ruta}").format(numero=numero, anio=anio, ruta=salida))
    if not firmada:
        print(_("Aviso: el acta todavía no está firmada; el impreso no tiene valor hasta su firma."))
    return EXITO


def _confirmar_emision(exp, s) -> None:
    """Guarda el registro del documento emitido (plan sancionado, acta firmada) que el impreso anotó."""
    if not exp.solo_lectura:
        s.commit()


def _verificar(args: argparse.Namespace) -> int:
    from nucleo.servicios.verificacion import verificar_pdf

    archivo = Path(args.archivo)
    if not archivo.exists():
        raise ErrorDeUsuario(_("No se encontró el archivo «{ruta}».").format(ruta=archivo))
    exp, _migrado = _abrir_para_leer(args.ruta)
    try:
        with exp.sesion() as s:
            resultado = verificar_pdf(s, exp.municipio_id, archivo)
    finally:
        exp.cerrar()
    print(resultado.mensaje)  # it starts with the verdict: «Documento genuino: …» / «Documento no válido: …»
    return EXITO if resultado.genuino else NO_GENUINO


# ---------------------------------------------------------------------------------------------- errores


def _motivos_errno() -> dict[int, str]:
    return {
        errno.ENOENT: _("no existe"),
        errno.EACCES: _("no tiene permiso"),
        errno.EPERM: _("no tiene permiso"),
        errno.ENOSPC: _("no queda espacio en el disco"),
        errno.EROFS: _("el disco es de solo lectura"),
        errno.EISDIR: _("es una carpeta, no un archivo"),
        errno.ENOTDIR: _("una parte de la ruta no es una carpeta"),
    }


def _mensaje_de_sistema(exc: OSError) -> str:
    motivo = _motivos_errno().get(exc.errno) or exc.strerror or str(exc)
    if exc.filename:
        return _("No se pudo usar «{ruta}»: {motivo}.").format(ruta=exc.filename, motivo=motivo)
    return _("Falló una operación con archivos: {motivo}.").format(motivo=motivo)


def _configurar_registro() -> Path | None:
    """El registro rotativo del programa; si no se puede abrir (carpeta sin permiso), la CLI sigue sin él."""
    from nucleo.registro import configurar

    try:
        return configurar()
    except OSError:
        return None


def _silenciar_stdout() -> None:
    # Python flushes stdout at exit and would fail again on the closed pipe; point it at the null device.
    try:
        nulo = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nulo, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (e.g. captured in tests)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """`argv` incluye el nombre del programa, como sys.argv."""
    argv = list(sys.argv if argv is None else argv)
    with argparse_en_espanol():
        analizador = crear_analizador(_nombre_programa(argv[0] if argv else None))
        try:
            args, sobrantes = analizador.parse_known_args(argv[1:])
            if sobrantes:
                # Reported by the subcommand's parser, so the usage line shown is the one that was mistyped.
                analizador.subcomandos.get(args.comando, analizador).error(
                    _("argumentos no reconocidos: {lista}").format(lista=" ".join(sobrantes)))
        except SystemExit as salida:  # --help, --version, or an argument error already printed in Spanish
            return salida.code if isinstance(salida.code, int) else ERROR_DE_USUARIO
    if args.comando is None:
        analizador.print_help()
        return ERROR_DE_USUARIO
    registro = _configurar_registro()
    log.info("CLI %s %s", NOMBRE_APLICACION, " ".join(argv[1:]))
    try:
        return args.funcion(args)
    except ErrorDeUsuario as exc:
        log.info("Error de usuario en %s: %s", args.comando, exc)
        _error(str(exc))
        return ERROR_DE_USUARIO
    except BrokenPipeError:
        # `… | head` closed the pipe after reading what it wanted; the work itself was done.
        _silenciar_stdout()
        return EXITO
    except OSError as exc:
        # The disk, permissions or a path typed wrong: something the user can fix, but keep the trace in the log.
        log.warning("Error de archivos en %s", args.comando, exc_info=True)
        _error(_mensaje_de_sistema(exc))
        return ERROR_DE_USUARIO
    except KeyboardInterrupt:
        _aviso(_("Interrumpido."))
        return 130
    except Exception:
        log.exception("Error inesperado en el comando %s", args.comando)
        if registro:
            _error(_("Ocurrió un error inesperado. Los detalles quedaron en el registro: {ruta}").format(
                ruta=registro))
        else:
            _error(_("Ocurrió un error inesperado y no se pudo escribir el registro."))
        return ERROR_DEL_PROGRAMA
