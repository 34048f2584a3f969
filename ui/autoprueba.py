"""Autoprueba del programa instalado: `articula --autoprueba`.

Comprueba, sin pantalla y sin tocar los datos del usuario, que el programa (sobre todo el congelado con PyInstaller,
donde faltar un archivo de datos solo se nota al usarlo) puede hacer lo esencial:

1. crear un expediente de demostración (migraciones de Alembic leídas del disco, datos de referencia, feriados);
2. llevar un expediente de la primera versión del esquema a la actual (migrar);
3. abrir la ventana principal, dibujarla y mostrar cada una de sus páginas;
4. imprimir el Plan de Acción en PDF (fuentes DejaVu incrustadas) y leer su texto;
5. exportar la planilla de actores (.xlsx) y volver a leerla con openpyxl.

Escribe una línea en español por paso en la salida estándar y devuelve 0; si algo falla devuelve 1 con el motivo en
la salida de errores (el detalle técnico va al registro, nunca a la salida estándar).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

log = logging.getLogger(__name__)


class FalloAutoprueba(Exception):
    """Un paso no dio lo esperado (el mensaje explica qué)."""


def _verificar(condicion: bool, motivo: str) -> None:
    if not condicion:
        raise FalloAutoprueba(motivo)


def _paso_crear(carpeta: Path, hoy: date):
    from nucleo.servicios.demo import crear_demo
    from nucleo.servicios.municipio import obtener_municipio

    exp = crear_demo(carpeta / "autoprueba.articula", hoy)
    with exp.sesion() as s:
        nombre = obtener_municipio(s, exp.municipio_id).nombre
    return exp, nombre


def _paso_migrar(carpeta: Path) -> str:
    # A file at the first schema version taken to the current one: Alembic must find every script of the bundle.
    from alembic import command

    from nucleo.almacen import migrar
    from nucleo.almacen.motor import crear_motor

    motor = crear_motor(carpeta / "antiguo.articula")
    try:
        with motor.begin() as con:
            command.upgrade(migrar._configuracion(con), migrar.REVISIONES[0])
        with motor.begin() as con:
            _verificar(migrar.revision_del_archivo(con) == migrar.REVISIONES[0],
                       f"no se pudo crear un expediente con el esquema {migrar.REVISIONES[0]}")
            migrar.migrar(con)
        with motor.connect() as con:
            revision = migrar.revision_del_archivo(con)
    finally:
        motor.dispose()
    _verificar(revision == migrar.REVISION_ACTUAL,
               f"la migración terminó en el esquema {revision}, se esperaba {migrar.REVISION_ACTUAL}")
    return f"{migrar.REVISIONES[0]} → {revision}"


def _paso_ventana(app, ruta: Path) -> tuple[object, float]:
    # Timed as a usual start past the imports: open the file, build and show the window until it is on screen.
    from PySide6.QtCore import QEventLoop

    from nucleo.almacen.expediente import Expediente
    from ui.ventana_principal import VentanaPrincipal

    inicio = time.perf_counter()
    ventana = VentanaPrincipal(Expediente.abrir(ruta, respaldar=False))
    ventana.show()
    limite = time.monotonic() + 60
    while not (ventana.windowHandle() and ventana.windowHandle().isExposed()):
        _verificar(time.monotonic() < limite, "la ventana principal no se mostró en 60 s")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    app.processEvents()
    ms = (time.perf_counter() - inicio) * 1000
    _verificar(ventana.isVisible(), "la ventana principal se cerró sola")
    _verificar(not ventana.grab().isNull(), "la ventana principal no se pudo dibujar")
    return ventana, ms


def _paso_paginas(app, ventana) -> int:
    # Pages are imported by name the first time they are shown: in a bundle, a module left out only fails here.
    from ui.ventana_principal import PAGINAS

    for entrada in PAGINAS:
        ventana.mostrar_pagina(entrada.clave)
        app.processEvents()
        _verificar(ventana.pagina_actual_clave() == entrada.clave, f"no se pudo mostrar la página «{entrada.titulo}»")
    ventana.mostrar_pagina(PAGINAS[0].clave)
    return len(PAGINAS)


def _paso_pdf(exp, carpeta: Path, hoy: date, municipio: str) -> str:
    from sqlalchemy import select

    from nucleo.exportar.pdf.documentos import exportar_pdf
    from nucleo.exportar.pdf.lectura import texto_de_pdf
    from nucleo.modelo import PlanAccion

    destino = carpeta / "plan.pdf"
    with exp.sesion() as s:
        plan_id = s.scalar(select(PlanAccion.id).where(PlanAccion.municipio_id == exp.municipio_id)
                           .order_by(PlanAccion.id))
        _verificar(plan_id is not None, "el expediente de demostración no tiene Plan de Acción")
        exportar_pdf("plan", s, exp.municipio_id, destino, hoy=hoy, id=plan_id)
    datos = destino.read_bytes()
    _verificar(datos.startswith(b"%PDF"), "el archivo impreso no es un PDF")
    hojas = texto_de_pdf(datos)
    _verificar(any(municipio in hoja for hoja in hojas), f"el PDF no menciona el municipio «{municipio}»")
    return f"{len(hojas)} hojas, {len(datos) // 1024} KB"


def _paso_excel(exp, carpeta: Path, hoy: date) -> str:
    from openpyxl import load_workbook

    from nucleo.exportar.excel import esquema_de, exportar_excel

    with exp.sesion() as s:
        resultado = exportar_excel(s, exp.municipio_id, esquema_de("actores"), carpeta / "actores.xlsx", hoy=hoy)
    _verificar(resultado.filas > 0, "la planilla de actores salió sin filas")
    libro = load_workbook(resultado.ruta)
    # The actors' sheet holds a header plus one row per actor; the other sheets are instructions and lists.
    filas = max(hoja.max_row for hoja in libro.worksheets)
    _verificar(filas > resultado.filas,
               f"la planilla tiene {filas} renglones y se exportaron {resultado.filas} actores")
    return f"{resultado.filas} actores"


def ejecutar(salida: Callable[[str], None] = print) -> int:
    """Corre la autoprueba completa; devuelve el código de salida del proceso (0: todo bien)."""
    # Offscreen even with a display: nothing flashes on the user's screen (an explicit QT_QPA_PLATFORM wins).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    carpeta = Path(tempfile.mkdtemp(prefix="articula-autoprueba-"))
    anterior = os.environ.get("ARTICULA_DATOS")
    # Everything the test writes (expedientes, backups, log, settings) stays in the temporary folder.
    os.environ["ARTICULA_DATOS"] = str(carpeta / "datos")
    paso = "preparar"
    exp = ventana = None
    ruta_registro: Path | None = None
    superada = False
    try:
        from nucleo import NOMBRE_APLICACION, __version__, i18n, registro

        i18n.instalar(os.environ.get("ARTICULA_IDIOMA"))
        ruta_registro = registro.configurar(os.environ.get("ARTICULA_REGISTRO", "INFO"))
        como = "congelado" if getattr(sys, "frozen", False) else "desde el código"
        salida(f"Autoprueba de {NOMBRE_APLICACION} {__version__} ({como})")

        from ui import ajustes
        from ui.app import iniciar_qt

        app = iniciar_qt([sys.argv[0] if sys.argv else "articula"])
        if os.environ.get("ARTICULA_T0_NS", "").isdigit():
            # For bench measurements: the parent's clock mark just before launching this process.
            cargado = (time.time_ns() - int(os.environ["ARTICULA_T0_NS"])) / 1e6
            salida(f"✓ Programa cargado (Python, Qt y el núcleo) en {cargado:.0f} ms desde el lanzamiento")
        ajustes.usar_archivo(carpeta / "ajustes.ini")
        hoy = date.today()

        paso = "traducción de Qt"
        # ui.app.iniciar_qt loads qtbase_es from Qt's translations folder (inside the bundle when frozen).
        _verificar(bool(getattr(app, "_traductor_qt", None)),
                   "no se encontró la traducción de Qt al español (qtbase_es.qm)")
        salida("✓ Textos de Qt en español (qtbase_es)")
        paso = "crear expediente"
        exp, municipio = _paso_crear(carpeta, hoy)
        salida(f"✓ Expediente de demostración creado: {municipio}")
        paso = "migrar"
        salida(f"✓ Expediente antiguo migrado (esquema {_paso_migrar(carpeta)})")
        paso = "ventana"
        ruta = exp.ruta
        exp.cerrar()
        exp = None
        ventana, ms = _paso_ventana(app, ruta)
        exp = ventana.expediente
        salida(f"✓ Ventana principal abierta en {ms:.0f} ms")
        paso = "páginas"
        salida(f"✓ Las {_paso_paginas(app, ventana)} páginas se muestran")
        paso = "PDF"
        salida(f"✓ Plan de Acción impreso en PDF y leído ({_paso_pdf(exp, carpeta, hoy, municipio)})")
        paso = "Excel"
        salida(f"✓ Planilla de actores exportada y leída ({_paso_excel(exp, carpeta, hoy)})")
        paso = "cerrar"
        ventana.close()  # closes the expediente too (lock released)
        app.processEvents()
        ventana = exp = None
        salida("Autoprueba superada.")
        superada = True
        return 0
    except BaseException as exc:  # noqa: BLE001 - any failure is the test's result, reported in one line
        if isinstance(exc, FalloAutoprueba):
            log.error("Autoprueba: falló el paso «%s»: %s", paso, exc)
            motivo = str(exc)
        else:
            log.exception("Autoprueba: error en el paso «%s»", paso)
            motivo = f"{type(exc).__name__}: {exc}"
        print(f"Autoprueba fallida en el paso «{paso}»: {motivo}", file=sys.stderr)
        if ruta_registro is not None:
            # The temporary folder is kept on failure so the log (with the traceback) can be sent to support.
            print(f"Detalle en el registro: {ruta_registro}", file=sys.stderr)
        return 1
    finally:
        try:
            if ventana is not None:
                ventana.close()
            elif exp is not None:
                exp.cerrar()
        except Exception:  # noqa: BLE001 - already failing; the first reason is the one that matters
            log.exception("Autoprueba: no se pudo cerrar")
        from nucleo import registro

        registro.quitar()
        if anterior is None:
            os.environ.pop("ARTICULA_DATOS", None)
        else:
            os.environ["ARTICULA_DATOS"] = anterior
        if superada:
            shutil.rmtree(carpeta, ignore_errors=True)
