"""La ventana se muestra sin el ORM y lo carga después, por pasos, mientras el usuario no la usa (ui/precarga.py)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

import ui.precarga as precarga
from ui.precarga import Precarga

RAIZ = Path(__file__).resolve().parents[2]


def test_la_ventana_se_arma_sin_sqlalchemy_y_lo_carga_con_la_ventana_a_la_vista(expediente_demo, carpeta_datos):
    ruta = expediente_demo.ruta
    expediente_demo.cerrar()
    guion = textwrap.dedent(f"""
        import gc, sys
        gc.disable()  # as main.py does
        from PySide6.QtCore import QEventLoop, QTimer
        from ui.app import iniciar_qt, ventana_para
        app = iniciar_qt(["articula"])
        ventana = ventana_para({str(ruta)!r})
        ventana.show()
        while not (ventana.windowHandle() and ventana.windowHandle().isExposed()):
            app.processEvents()
        app.processEvents()
        pagina = ventana.pila_paginas.currentWidget()
        antes = (pagina.clave, pagina.modelo.rowCount(), bool(ventana.titulo_municipio.text()),
                 "sqlalchemy" in sys.modules, ventana.expediente.orm_listo)
        bucle = QEventLoop()
        ventana.precarga.terminada.connect(bucle.quit)
        QTimer.singleShot(60000, bucle.quit)
        bucle.exec()
        from nucleo.servicios.territorios import obtener_territorio
        with ventana.expediente.sesion() as s:
            nombre = obtener_territorio(s, pagina.territorio_actual()).nombre
        despues = ("sqlalchemy" in sys.modules, ventana.expediente.orm_listo, gc.isenabled(),
                   [n for n, _ms in ventana.precarga.pasos], bool(nombre))
        ventana.close()
        print(repr((antes, despues)))
    """)
    entorno = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARTICULA_DATOS": str(carpeta_datos),
               "XDG_CONFIG_HOME": str(carpeta_datos / "config")}
    salida = subprocess.run([sys.executable, "-c", guion], cwd=RAIZ, env=entorno, capture_output=True, text=True,
                            timeout=120)
    assert salida.returncode == 0, salida.stderr
    antes, despues = eval(salida.stdout.strip().splitlines()[-1])  # noqa: S307 - our own repr of plain values
    clave, filas, encabezado, con_sqlalchemy, orm_listo = antes
    assert (clave, encabezado, con_sqlalchemy, orm_listo) == ("territorios", True, False, False)
    assert filas > 0
    assert despues == (True, True, True, [*precarga.MODULOS, "mapeos", "sesiones"], True)
    assert "sqlalchemy" in precarga.MODULOS


class _Expediente:
    def __init__(self) -> None:
        self.preparado = False

    def preparar_orm(self) -> None:
        self.preparado = True

    def sesion(self):
        from contextlib import nullcontext

        class _S:
            def connection(self):
                return None

        return nullcontext(_S())


def test_un_paso_espera_a_que_el_usuario_se_detenga(qtbot, monkeypatch):
    monkeypatch.setattr(precarga, "REPOSO_MS", 200)
    exp = _Expediente()
    p = Precarga(lambda: exp)
    p.iniciada = True
    p._ultima_entrada = time.monotonic()  # a key a moment ago
    p._siguiente()
    assert p.pasos == [] and p._reloj.isActive()  # waiting for the rest of the idle time
    p._reloj.stop()
    # A key pressed anywhere in the application counts as activity.
    campo = QLineEdit()
    qtbot.addWidget(campo)
    p._ultima_entrada = 0.0
    QApplication.sendEvent(campo, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
    assert p._ultima_entrada > 0.0
    p._ultima_entrada = time.monotonic() - 1.0  # idle for a second: one step, the next one in the next turn
    p._siguiente()
    assert [n for n, _ms in p.pasos] == [precarga.MODULOS[0]] and p._reloj.interval() == 0
    p._reloj.stop()
    p._ultima_entrada = time.monotonic() - 1.0
    with qtbot.waitSignal(p.terminada, timeout=20000):
        p._reloj.start(0)
    assert p.hecha and exp.preparado and gc.isenabled()
    assert [n for n, _ms in p.pasos][-2:] == ["mapeos", "sesiones"]


def test_si_un_paso_falla_se_registra_y_el_programa_sigue(qtbot, monkeypatch, caplog):
    monkeypatch.setattr(precarga, "MODULOS", ("modulo_que_no_existe_en_articula",))
    monkeypatch.setattr(precarga, "REPOSO_MS", 0)
    exp = _Expediente()
    p = Precarga(lambda: exp)
    with qtbot.waitSignal(p.terminada, timeout=5000):
        p.iniciar_en_reposo()
    assert p.hecha and not exp.preparado  # the rest is loaded by whoever needs it
    assert "modulo_que_no_existe_en_articula" in caplog.text
