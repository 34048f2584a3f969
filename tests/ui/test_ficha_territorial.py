"""La ficha territorial desde la página Territorios: Ctrl+P arma el PDF de una hoja del territorio elegido."""

from __future__ import annotations

from datetime import date

import pytest

from nucleo.exportar.pdf.lectura import texto_de_pdf
from ui.contexto import Contexto
from ui.paginas.territorios import PaginaTerritorios

HOY = date(2026, 11, 18)


@pytest.fixture
def pagina(expediente_demo, qtbot):
    p = PaginaTerritorios(Contexto(expediente_demo), hoy=HOY)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


def test_la_ficha_del_territorio_elegido_en_una_hoja(pagina, qtbot, tmp_path, monkeypatch):
    tid = next(f.id for f in pagina.modelo.filas() if f.nombre == "Compañía Cerrito")
    pagina.mostrar_territorio(tid)
    assert pagina.accion_ficha.isEnabled() and pagina.accion_diagnostico.isEnabled()
    propuestas = []

    from ui import acciones_datos

    def pedir(self, titulo, propuesta, filtro):
        propuestas.append(propuesta)
        return tmp_path / "ficha"

    monkeypatch.setattr(acciones_datos.ImpresoDeRegistro, "pedir_destino", pedir)
    pagina.accion_ficha.trigger()
    qtbot.waitUntil(lambda: pagina.impreso.tarea is not None and not pagina.impreso.tarea.en_curso, timeout=30000)
    assert propuestas == ["Ficha territorial - Compañía Cerrito - Villeta - 2026-11-18.pdf"]
    paginas = texto_de_pdf(tmp_path / "ficha.pdf")
    assert len(paginas) == 1
    texto = paginas[0]
    # The Intendente sees the gaps and the signed commitment of the demo's territory in stage 3.
    assert "BRECHA" in texto and "Compromiso con la comunidad" in texto and "Actores clave" in texto


def test_diagnostico_lleva_a_la_pagina_del_territorio(pagina, qtbot):
    tid = next(f.id for f in pagina.modelo.filas() if f.nombre == "Barrio San Miguel")
    pagina.mostrar_territorio(tid)
    with qtbot.waitSignal(pagina.ctx.navegar) as senal:
        pagina.accion_diagnostico.trigger()
    assert senal.args == ["diagnostico", tid]
