"""Carga del ORM con la ventana ya a la vista, en los ratos en que el usuario no la está usando.

La primera pantalla se arma sin SQLAlchemy (`nucleo.lecturas`): importarlo con el modelo y configurar sus mapeos
es más de la mitad del arranque. Lo demás del programa (editar, las otras páginas) usa las sesiones del ORM, así
que se carga después, por pasos, cada uno en su propio turno del bucle de eventos y solo cuando pasaron
`REPOSO_MS` sin teclas ni clics: desde que la ventana se mostró (deja que termine de pintarse y que el sistema le
entregue foco, tamaño y posición) y desde la última vez que el usuario la tocó. Un paso no se puede cortar: el más
largo, importar SQLAlchemy, dura unos 150 ms; una tecla en ese momento espera eso, y el paso siguiente espera a
que el usuario se detenga.

Nada depende de que la precarga termine: `Expediente.sesion()` carga lo que falte si alguien lo pide antes.
Al final vuelve a encender el recolector de basura que main.py apagó para arrancar (ver `terminar_arranque`).
"""

from __future__ import annotations

import gc
import importlib
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

log = logging.getLogger(__name__)

# Each step runs in its own turn of the event loop. A package's __init__ cannot be split: «sqlalchemy» (which
# imports its engine, SQL and schema layers) is the longest step; what it imports from the standard library
# anyway (asyncio, importlib.metadata: ≈ 50 ms) goes first in steps of its own. «nucleo.modelo» declares every table.
MODULOS: tuple[str, ...] = ("asyncio", "importlib.metadata", "typing_extensions", "sqlalchemy", "sqlalchemy.orm",
                            "sqlalchemy.dialects.sqlite", "nucleo.modelo")
REPOSO_MS = 300  # without keys or clicks for this long, the user is reading: a step may run
# Input is watched from this long after show(): the first paint sends thousands of events through the filter
# (≈ 20 ms of Python calls), and no one clicks a window 0.1 s after it appears.
VIGILAR_TRAS_MS = 100
ENTRADAS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                      QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride})


def terminar_arranque() -> None:
    """Vuelve a encender el recolector de basura que main.py apagó para arrancar más rápido.

    gc.freeze() deja lo creado al arrancar (módulos, clases, el modelo) fuera de las recolecciones siguientes: no
    es basura y revisarlo en cada pasada solo produciría pausas.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _configurar_mapeos() -> None:
    from sqlalchemy.orm import configure_mappers

    configure_mappers()


class Precarga(QObject):
    """Carga SQLAlchemy, el modelo y las sesiones del expediente de `expediente()` mientras el usuario no
    usa la ventana. `pasos` guarda lo que tardó cada paso (nombre, ms), para el registro y para bench/."""

    terminada = Signal()

    def __init__(self, expediente: Callable[[], object | None], parent: QObject | None = None):
        super().__init__(parent)
        self._expediente = expediente
        self._pendientes: list[tuple[str, Callable[[], None]]] = [
            *((m, lambda m=m: importlib.import_module(m)) for m in MODULOS),
            ("mapeos", _configurar_mapeos),
            ("sesiones", self._preparar_sesiones),
        ]
        self.pasos: list[tuple[str, float]] = []
        self.iniciada = self.hecha = self._vigilando = False
        self._ultima_entrada = 0.0
        self._reloj = QTimer(self)
        self._reloj.setSingleShot(True)
        self._reloj.timeout.connect(self._siguiente)

    def iniciar_en_reposo(self) -> None:
        """Empieza a contar el reposo (se llama al mostrar la ventana; las siguientes veces no hace nada)."""
        if self.iniciada:
            return
        self.iniciada = True
        self._ultima_entrada = time.monotonic()  # the window just appeared: that counts as activity
        self._reloj.start(VIGILAR_TRAS_MS)

    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt override
        if evento.type() in ENTRADAS:
            self._ultima_entrada = time.monotonic()
        return False

    def _siguiente(self) -> None:
        if not self._vigilando:
            self._vigilando = True
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        quieto_ms = (time.monotonic() - self._ultima_entrada) * 1000
        if quieto_ms < REPOSO_MS:  # the user is working: wait until they stop
            terminar_arranque()  # in use, the start-up is over: no more waiting for the collector
            self._reloj.start(max(1, round(REPOSO_MS - quieto_ms)))
            return
        if not self._pendientes:
            self._terminar()
            return
        nombre, paso = self._pendientes.pop(0)
        inicio = time.perf_counter()
        try:
            paso()
        except Exception:  # noqa: BLE001 - whoever needs the ORM later loads it again and reports the error
            log.exception("Precarga: falló el paso «%s»", nombre)
            self._pendientes.clear()
        self.pasos.append((nombre, (time.perf_counter() - inicio) * 1000))
        self._reloj.start(0)  # the next step in the next turn: input that arrived meanwhile is handled first

    def _preparar_sesiones(self) -> None:
        expediente = self._expediente()
        if expediente is not None:
            expediente.preparar_orm()
            with expediente.sesion() as s:
                s.connection()  # the pool's first connection, with its pragmas and the dialect's set-up

    def _terminar(self) -> None:
        self.hecha = True
        app = QCoreApplication.instance()
        if app is not None and self._vigilando:
            app.removeEventFilter(self)
        terminar_arranque()
        log.info("Precarga del ORM: %s", ", ".join(f"{n} {ms:.0f} ms" for n, ms in self.pasos))
        self.terminada.emit()
