"""Página Mesas: la lista de mesas con sus sesiones y miembros, abrir la pantalla de una sesión con Enter y volver,
y eliminar con deshacer."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt

from nucleo.servicios import mesas, sesiones
from ui.contexto import Contexto
from ui.paginas.mesas import PaginaMesas

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    c = Contexto(expediente_demo)
    mid = c.municipio_id
    with expediente_demo.transaccion() as s:
        mesa = mesas.crear_mesa(s, mid, mesas.DatosMesa(nombre="Mesa territorial de prueba"))
        for n in range(1, 4):
            mesas.agregar_miembro(s, mesa, mesas.DatosMiembro(nombre=f"Miembro {n}", designado_en=date(2026, 1, 1)))
        sesiones.crear_sesion(s, mesa, sesiones.DatosSesion(fecha=date(2026, 10, 20), hora=time(9)))
        sesiones.crear_sesion(s, mesa, sesiones.DatosSesion(fecha=HOY, hora=time(9)))
    return c


@pytest.fixture
def pagina(ctx, qtbot):
    p = PaginaMesas(ctx, hoy=HOY)
    qtbot.addWidget(p)
    p.resize(1176, 680)
    p.confirmar = lambda *_a: True
    p.show()
    qtbot.waitExposed(p)
    return p


def test_modelos_pasan_el_verificador_de_qt(pagina, qtmodeltester):
    for modelo in (pagina.modelo, pagina.proxy, pagina.modelo_miembros, pagina.modelo_sesiones,
                   pagina.proxy_sesiones):
        qtmodeltester.check(modelo)


def test_muestra_la_mesa_sus_miembros_y_sesiones_mas_nuevas_primero(pagina):
    f = next(f for f in pagina.modelo.filas() if f.nombre == "Mesa territorial de prueba")
    pagina.tabla.setFocus()
    assert pagina.mesa_actual() == f.id or pagina.modelo.rowCount() > 1
    from ui.paginas.mesas import _elegir_id

    _elegir_id(pagina.tabla, pagina.proxy, pagina.modelo, f.id)
    assert [m.nombre for m in pagina.modelo_miembros.filas()] == ["Miembro 1", "Miembro 2", "Miembro 3"]
    fechas = [pagina.proxy_sesiones.index(r, 0).data() for r in range(pagina.proxy_sesiones.rowCount())]
    assert fechas == ["18/11/2026", "20/10/2026"]
    assert pagina.modelo.index(pagina.modelo.buscar_id(f.id), 3).data() == "3 de 3 con voto"


def test_enter_abre_la_sesion_y_alt_izquierda_vuelve(pagina, qtbot):
    from ui.paginas.mesas import _elegir_id

    f = next(f for f in pagina.modelo.filas() if f.nombre == "Mesa territorial de prueba")
    _elegir_id(pagina.tabla, pagina.proxy, pagina.modelo, f.id)
    pagina.tabla_sesiones.setFocus()
    qtbot.keyClick(pagina.tabla_sesiones, Qt.Key.Key_Return)
    assert pagina.pila.currentWidget() is pagina.panel_sesion
    assert pagina.panel_sesion.estado.fila.fecha == HOY
    assert pagina.panel_sesion.quorum.text().startswith("No hay quórum: 0 de 3")
    qtbot.keyClick(pagina.panel_sesion.tabla_asistencia, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert pagina.pila.currentIndex() == 0


def test_eliminar_sesion_y_mesa_se_deshace(pagina, ctx):
    from ui.paginas.mesas import _elegir_id

    f = next(f for f in pagina.modelo.filas() if f.nombre == "Mesa territorial de prueba")
    _elegir_id(pagina.tabla, pagina.proxy, pagina.modelo, f.id)
    pagina.eliminar_sesion()
    assert pagina.modelo_sesiones.rowCount() == 1
    ctx.pila.undo()
    assert pagina.modelo_sesiones.rowCount() == 2
    pagina.eliminar_mesa()
    assert pagina.modelo.buscar_id(f.id) < 0
    ctx.pila.undo()
    assert pagina.modelo.buscar_id(f.id) >= 0


def test_buscar_enfoca_el_filtro(pagina):
    pagina.buscar()
    assert pagina.filtro.hasFocus()


def test_solo_lectura_desactiva_la_edicion(ctx, qtbot, monkeypatch):
    monkeypatch.setattr(Contexto, "solo_lectura", property(lambda self: True))
    p = PaginaMesas(ctx, hoy=HOY)
    qtbot.addWidget(p)
    assert not p.accion_nueva_mesa.isEnabled()
    assert not p.accion_convocar.isEnabled()
    assert not p.accion_agregar_miembro.isEnabled()
