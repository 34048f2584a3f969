"""Archivo › Imprimir… (Ctrl+P): la ventana arma el PDF de lo que muestra la página y lo abre en la vista previa
de impresión; ninguna página tiene su propio Ctrl+P (serían atajos ambiguos y Qt no haría nada)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from ui.acciones import Accion
from ui.ventana_principal import PAGINAS, VentanaPrincipal

HOY = date(2026, 11, 18)


@pytest.fixture
def ventana(qtbot, expediente_demo):
    v = VentanaPrincipal(expediente_demo)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    return v


@pytest.fixture
def impresora(monkeypatch):
    """The print preview replaced: records the bytes of the PDF it would show (the file is temporary)."""
    from ui import impresion

    abiertos: list[bytes] = []
    monkeypatch.setattr(impresion, "imprimir_pdf", lambda ruta, _padre: abiertos.append(Path(ruta).read_bytes()) or True)
    return abiertos


def test_ctrl_p_es_de_la_ventana_y_de_ninguna_pagina(ventana):
    a = ventana.acciones[Accion.IMPRIMIR]
    assert [k.toString() for k in a.shortcuts()] == ["Ctrl+P"]
    ctrl_p = QKeySequence("Ctrl+P")
    for entrada in PAGINAS:
        pagina = ventana.pagina(entrada.clave)
        otros = [x for w in [pagina, *pagina.findChildren(QWidget)] for x in w.actions() if ctrl_p in x.shortcuts()]
        assert otros == [], entrada.clave


def test_imprimir_arma_el_pdf_de_la_pagina_y_abre_la_vista_previa(ventana, qtbot, impresora):
    ventana.navegar("territorios", None)
    pagina = ventana.pagina("territorios")
    tid = pagina.modelo.filas()[0].id
    pagina.seleccionar(tid)
    tarea = ventana.imprimir()
    qtbot.waitUntil(lambda: not tarea.en_curso and bool(impresora), timeout=60_000)
    assert impresora[0].startswith(b"%PDF")


def test_sin_nada_para_imprimir_lo_dice(ventana):
    ventana.navegar("mesas", None)  # the list of mesas: only an open session prints
    assert ventana.imprimir() is None
    assert "no tiene nada para imprimir" in ventana.statusBar().currentMessage()
