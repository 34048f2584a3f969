"""Arranque de la interfaz: QApplication en español de Paraguay, estilo, registro de errores y primera ventana.

`main(argv)` es la entrada de la interfaz (main.py le pasa los argumentos que siguen al nombre del programa):
- `RUTA.articula`: abre ese expediente;
- `--demo`: abre (y crea la primera vez) el expediente de demostración de Villeta;
- `--autoprueba`: prueba sin pantalla lo esencial del programa instalado y termina (ui/autoprueba.py);
- sin argumentos: el último expediente usado, o el asistente si no hay ninguno.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator, qVersion
from PySide6.QtWidgets import QApplication

import nucleo
from nucleo import i18n, registro
from nucleo.almacen.expediente import Expediente
from ui import estilo
from ui.ajustes import ajustes
from ui.errores import instalar_gancho
from ui.precarga import terminar_arranque

log = logging.getLogger(__name__)
LOCALE = QLocale(QLocale.Language.Spanish, QLocale.Country.Paraguay)
_app: QApplication | None = None  # keeps the QApplication alive when ventana_para creates it
DEMORA_ANOTAR_VERSION_MS = 2000  # after the first paint, which the user is waiting for
_version_anotada = False


def iniciar_qt(argv: list[str]) -> QApplication:
    """La QApplication (o la que ya existe) con nombre, idioma, traducción de Qt, estilo e icono de Articula."""
    global _app
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) or ["articula"])
    _app = app
    # Organisation and application name decide where QSettings keeps the user's preferences.
    app.setOrganizationName(nucleo.NOMBRE_APLICACION)
    app.setApplicationName(nucleo.NOMBRE_APLICACION)
    app.setDesktopFileName("articula")
    QLocale.setDefault(LOCALE)
    if not getattr(app, "_traductor_qt", None):
        # Qt's own texts (Cancelar, Sí, Mostrar detalles…). If the wheel lacks the catalogue, the dialogs set
        # their button texts themselves, so nothing visible stays in English.
        traductor = QTranslator(app)
        carpeta = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if traductor.load(LOCALE, "qtbase", "_", carpeta):
            app.installTranslator(traductor)
            app._traductor_qt = traductor
        else:
            log.info("No se encontró la traducción qtbase_es de Qt en %s", carpeta)
            app._traductor_qt = False
    estilo.aplicar(app)  # also the window and taskbar icon, the installer's (installer/iconos)
    return app


def ventana_para(ruta: Path):
    """Abre el expediente y arma la ventana sin mostrarla (la usa la medición de arranque en bench/)."""
    from ui.ventana_principal import VentanaPrincipal

    if not isinstance(QApplication.instance(), QApplication):
        iniciar_qt(["articula"])
    return VentanaPrincipal(Expediente.abrir(Path(ruta), respaldar=False))  # the window backs up after showing


def _anotar_version() -> None:
    """Deja en el registro la versión y el sistema, una vez por proceso.

    Se llama con la ventana ya a la vista (o al terminar sin ventana): la versión sale de los metadatos del paquete
    instalado (importlib.metadata recorre los paquetes instalados) y platform.platform() lee el ejecutable del
    intérprete; juntos cuestan ≈ 45 ms que el usuario esperaría con la pantalla vacía.
    """
    global _version_anotada
    if not _version_anotada:
        _version_anotada = True
        log.info("Articula %s en %s", nucleo.__version__, platform.platform())


def _expediente_inicial(ruta: Path | None, demo: bool) -> Expediente | None:
    from ui.ventana_principal import abrir_con_recuperacion

    if demo:
        from ui.demo import preparar_demo

        ruta = preparar_demo()
    if ruta is None:
        ultimo = ajustes()["ultimo_expediente"]
        if ultimo and Path(ultimo).exists():
            ruta = Path(ultimo)
    if ruta is not None:
        exp = abrir_con_recuperacion(None, ruta)
        if exp is not None:
            return exp
    # First start (or the file could not be opened): the wizard creates, opens or tries the demo. Imported only
    # here: the usual start opens the last expediente and never needs it (≈ 10 ms).
    from ui.dialogos.asistente import AsistenteExpediente

    terminar_arranque()  # the wizard waits for the user: the start-up is over
    while True:
        asistente = AsistenteExpediente()
        if asistente.exec() != AsistenteExpediente.DialogCode.Accepted:
            return None
        if asistente.expediente is not None:
            return asistente.expediente
        if asistente.ruta is not None:
            exp = abrir_con_recuperacion(None, asistente.ruta)
            if exp is not None:
                return exp


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--autoprueba" in argv:  # the headless self-test of an installed copy (ui/autoprueba.py)
        from ui.autoprueba import ejecutar

        return ejecutar()
    # Spanish is the source language; ARTICULA_IDIOMA=gn (for example) loads recursos/traducciones/gn/... if shipped.
    i18n.instalar(os.environ.get("ARTICULA_IDIOMA"))
    ya_habia_app = isinstance(QApplication.instance(), QApplication)
    app = iniciar_qt([sys.argv[0] if sys.argv else "articula", *argv])
    # QApplication removes its own options (-platform, -style…); what is left is ours.
    argumentos = argv if ya_habia_app else app.arguments()[1:]
    # ARTICULA_REGISTRO=DEBUG gives a detailed log when support asks for one.
    ruta_registro = registro.configurar(os.environ.get("ARTICULA_REGISTRO", "INFO"))
    instalar_gancho(ruta_registro)
    log.info("Articula: inicio (Qt %s, Python %s)", qVersion(), platform.python_version())

    demo = "--demo" in argumentos
    rutas = [a for a in argumentos if not a.startswith("-")]
    for desconocido in (a for a in argumentos if a.startswith("-") and a != "--demo"):
        log.warning("Argumento desconocido ignorado: %s", desconocido)

    from ui.ventana_principal import VentanaPrincipal

    expediente = _expediente_inicial(Path(rutas[0]) if rutas else None, demo)
    if expediente is None:
        _anotar_version()
        log.info("Sin expediente para abrir: fin")
        return 0
    ventana = VentanaPrincipal(expediente)
    ventana.show()  # once it is painted and idle, it loads the ORM and turns the collector back on
    QTimer.singleShot(DEMORA_ANOTAR_VERSION_MS, _anotar_version)
    codigo = app.exec()
    _anotar_version()  # a session shorter than the delay
    log.info("Fin (código %s)", codigo)
    return codigo


if __name__ == "__main__":
    sys.exit(main())
