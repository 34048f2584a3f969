"""Excel del diagnóstico desde la ventana: «Excel ▾» en la pestaña Necesidades y en el tablero DAFO / DIPE.

Exportar, importar en otro expediente y deshacer la importación con Ctrl+Z, como lo hace el coordinador. El
diálogo de guardar se reemplaza (`pedir_destino`); el trabajo corre de verdad en su hilo y las pruebas esperan su
fin con qtbot.waitUntil.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QToolBar
from sqlalchemy import select

from nucleo.almacen.expediente import Expediente
from nucleo.exportar.excel import esquema_de
from nucleo.modelo import ItemDafo
from nucleo.servicios.dafo import eliminar_item
from nucleo.servicios.demo import crear_demo
from nucleo.servicios.necesidades import contar_necesidades, eliminar_necesidad, listar_necesidades
from ui import ajustes as modulo_ajustes
from ui.acciones_datos import AccionesDatos
from ui.contexto import Contexto
from ui.dialogos.importar import PREVIA, RESULTADO, DialogoImportar
from ui.paginas.diagnostico import PaginaDiagnostico

HOY = date(2026, 11, 18)
ESPERA = 20_000  # ms; generous for a loaded machine, never a sleep
CLAVES = {"necesidades": ("territorio_id", "descripcion"), "dafo": ("territorio_id", "analisis", "cuadrante", "orden")}


@pytest.fixture
def ajustes(tmp_path):
    a = modulo_ajustes.usar_archivo(tmp_path / "ajustes.ini")
    yield a
    modulo_ajustes.usar(None)


@pytest.fixture
def ctx(expediente_demo, ajustes):
    return Contexto(expediente_demo)


@pytest.fixture
def otro_demo(tmp_path):
    """Otro expediente de Villeta (mismos territorios) donde se importa lo exportado del primero."""
    exp = crear_demo(tmp_path / "otro" / "Villeta.articula", hoy=HOY)
    yield exp
    exp.cerrar()


def pagina_de(qtbot, ctx) -> PaginaDiagnostico:
    p = PaginaDiagnostico(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    return p


def filas_de(exp, tabla: str) -> list[dict]:
    """Lo que la planilla lleva de cada fila (el esquema lee del expediente), en un orden fijo."""
    with exp.sesion() as s:
        filas = [dict(f) for f in esquema_de(tabla).filas(s, exp.municipio_id)]
    return sorted(filas, key=lambda f: tuple(str(f[c]) for c in CLAVES[tabla]))


def necesidades(exp) -> int:
    with exp.sesion() as s:
        return contar_necesidades(s, exp.municipio_id)


def elementos_dafo(exp) -> int:
    return len(filas_de(exp, "dafo"))


def borrar_necesidades(exp, territorio: str | None = None) -> None:
    with exp.transaccion() as s:
        for f in listar_necesidades(s, exp.municipio_id):
            if territorio is None or f.territorio == territorio:
                eliminar_necesidad(s, f.id)


def destino_fijo(monkeypatch, acciones: AccionesDatos, ruta: Path) -> list[str]:
    """El diálogo de guardar responde `ruta`; devuelve los nombres que se propusieron."""
    propuestos: list[str] = []

    def pedir(titulo, propuesta, filtro):
        propuestos.append(propuesta)
        return ruta

    monkeypatch.setattr(acciones, "pedir_destino", pedir)
    return propuestos


def esperar_tarea(qtbot, duenio) -> None:
    qtbot.waitUntil(lambda: duenio.tarea is None or not duenio.tarea.en_curso, timeout=ESPERA)


def hasta_el_paso(qtbot, dlg: DialogoImportar, paso: int) -> None:
    qtbot.waitUntil(lambda: dlg.paso == paso and (dlg.tarea is None or not dlg.tarea.en_curso), timeout=ESPERA)


def exportar(qtbot, monkeypatch, acciones: AccionesDatos, archivo: Path) -> list[str]:
    propuestos = destino_fijo(monkeypatch, acciones, archivo)
    acciones.accion_exportar.trigger()  # «Excel ▾ › Exportar a Excel…» (Ctrl+E)
    esperar_tarea(qtbot, acciones)
    assert archivo.is_file()
    return propuestos


def abrir_asistente(qtbot, acciones: AccionesDatos, archivo: Path) -> DialogoImportar:
    """«Excel ▾ › Importar desde Excel…» (Ctrl+I), con la planilla elegida, hasta la vista previa."""
    acciones.accion_importar.trigger()
    dlg = acciones.asistente
    assert isinstance(dlg, DialogoImportar) and dlg.isVisible()
    qtbot.addWidget(dlg)
    dlg.campo_ruta.setText(str(archivo))
    dlg.siguiente()
    hasta_el_paso(qtbot, dlg, PREVIA)  # Articula's own workbook: straight to the preview
    return dlg


# -- necesidades ----------------------------------------------------------------------------------------------
def test_necesidades_ida_y_vuelta_con_deshacer(ctx, otro_demo, qtbot, tmp_path, monkeypatch):
    panel = pagina_de(qtbot, ctx).panel("necesidades")
    archivo = tmp_path / "necesidades.xlsx"
    propuestos = exportar(qtbot, monkeypatch, panel.datos, archivo)
    assert propuestos == ["Necesidades - Villeta - 2026-11-18.xlsx"]
    # The whole municipality, not only the territory on screen (Compañía Cerrito has 8 of the 12).
    assert panel.modelo.rowCount() == 8
    assert panel.datos.aviso.text() == "Se exportaron 12 necesidades a «necesidades.xlsx»."

    borrar_necesidades(otro_demo)
    ctx_b = Contexto(otro_demo)
    cambios: list[set] = []
    ctx_b.cambiado.connect(cambios.append)
    panel_b = pagina_de(qtbot, ctx_b).panel("necesidades")
    assert panel_b.modelo.rowCount() == 0
    dlg = abrir_asistente(qtbot, panel_b.datos, archivo)
    assert dlg.combo_tabla.currentData() == "necesidades"
    assert dlg.modelo_previa.rowCount() == 12 and dlg.modelo_previa.problemas() == 0
    dlg.importar()
    hasta_el_paso(qtbot, dlg, RESULTADO)
    assert dlg.titulo_resultado.text() == "Se importaron 12 necesidades."
    assert filas_de(otro_demo, "necesidades") == filas_de(ctx.expediente, "necesidades")  # priorities included
    assert cambios == [{"necesidad"}]
    assert panel_b.modelo.rowCount() == 8  # the tab refreshed itself

    # One import, one undo: Ctrl+Z deletes the 12 (and the tab shows it); Ctrl+Y brings them back, same data.
    assert ctx_b.pila.count() == 1 and ctx_b.pila.undoText() == "Importar 12 necesidades de «necesidades.xlsx»"
    ctx_b.pila.undo()
    assert necesidades(otro_demo) == 0 and panel_b.modelo.rowCount() == 0
    ctx_b.pila.redo()
    assert filas_de(otro_demo, "necesidades") == filas_de(ctx.expediente, "necesidades")
    assert panel_b.modelo.rowCount() == 8


def test_necesidades_saltando_las_que_ya_estan(ctx, otro_demo, qtbot, tmp_path, monkeypatch):
    panel = pagina_de(qtbot, ctx).panel("necesidades")
    archivo = tmp_path / "necesidades.xlsx"
    exportar(qtbot, monkeypatch, panel.datos, archivo)

    # The other expediente lost only Barrio San Miguel's needs: the rest of the workbook is already there.
    borrar_necesidades(otro_demo, "Barrio San Miguel")
    assert necesidades(otro_demo) == 8
    ctx_b = Contexto(otro_demo)
    panel_b = pagina_de(qtbot, ctx_b).panel("necesidades")
    dlg = abrir_asistente(qtbot, panel_b.datos, archivo)
    assert "(mismo territorio y descripción)" in dlg.omitir.text()
    dlg.omitir.setChecked(True)
    dlg.importar()
    hasta_el_paso(qtbot, dlg, RESULTADO)
    assert dlg.titulo_resultado.text() == "Se importaron 4 necesidades."
    assert "Se saltaron 8 filas que ya estaban en el expediente." in dlg.detalle_resultado.text()
    assert filas_de(otro_demo, "necesidades") == filas_de(ctx.expediente, "necesidades")

    ctx_b.pila.undo()  # only what the import created goes away
    assert necesidades(otro_demo) == 8
    with otro_demo.sesion() as s:
        assert {f.territorio for f in listar_necesidades(s, otro_demo.municipio_id)} == {"Compañía Cerrito"}


def test_plantilla_en_blanco_de_necesidades(ctx, qtbot, tmp_path, monkeypatch):
    panel = pagina_de(qtbot, ctx).panel("necesidades")
    propuestos = destino_fijo(monkeypatch, panel.datos, tmp_path / "plantilla")
    panel.datos.accion_plantilla.trigger()
    esperar_tarea(qtbot, panel.datos)
    assert propuestos == ["Necesidades - plantilla en blanco - Villeta.xlsx"]
    assert (tmp_path / "plantilla.xlsx").is_file()
    assert "plantilla en blanco «plantilla.xlsx»" in panel.datos.aviso.text()


# -- DAFO / DIPE ----------------------------------------------------------------------------------------------
def test_dafo_ida_y_vuelta_con_deshacer(ctx, otro_demo, qtbot, tmp_path, monkeypatch):
    tablero = pagina_de(qtbot, ctx).panel("dafo")
    archivo = tmp_path / "dafo.xlsx"
    propuestos = exportar(qtbot, monkeypatch, tablero.datos, archivo)
    assert propuestos == ["DAFO y DIPE - Villeta - 2026-11-18.xlsx"]
    assert tablero.datos.aviso.text() == "Se exportaron 25 elementos de DAFO o DIPE a «dafo.xlsx»."

    with otro_demo.transaccion() as s:
        for iid in s.scalars(select(ItemDafo.id)).all():
            eliminar_item(s, iid)
    assert elementos_dafo(otro_demo) == 0
    ctx_b = Contexto(otro_demo)
    cambios: list[set] = []
    ctx_b.cambiado.connect(cambios.append)
    tablero_b = pagina_de(qtbot, ctx_b).panel("dafo")
    assert tablero_b.cuentas == {"dafo": 0, "dipe": 0}
    dlg = abrir_asistente(qtbot, tablero_b.datos, archivo)
    assert dlg.combo_tabla.currentData() == "dafo"
    dlg.importar()
    hasta_el_paso(qtbot, dlg, RESULTADO)
    assert dlg.titulo_resultado.text() == "Se importaron 25 elementos de DAFO o DIPE."
    assert filas_de(otro_demo, "dafo") == filas_de(ctx.expediente, "dafo")  # same quadrants and order
    assert cambios == [{"item_dafo"}]
    assert tablero_b.cuentas == tablero.cuentas  # the board on screen refreshed itself

    ctx_b.pila.undo()
    assert elementos_dafo(otro_demo) == 0 and tablero_b.cuentas == {"dafo": 0, "dipe": 0}
    ctx_b.pila.redo()
    assert filas_de(otro_demo, "dafo") == filas_de(ctx.expediente, "dafo")


# -- las barras -----------------------------------------------------------------------------------------------
def test_solo_excel_sin_impresos_y_el_alcance_en_la_ayuda(ctx, qtbot):
    pagina = pagina_de(qtbot, ctx)
    panel, tablero = pagina.panel("necesidades"), pagina.panel("dafo")
    for d in (panel.datos, tablero.datos):
        # Their printouts are per territory (the board's own «Imprimir…», the ficha): no table printout, no Ctrl+P.
        assert d.boton_imprimir is None and d.menu_imprimir is None and d.accion_imprimir is None
        assert d.boton_excel.text() == "E&xcel ▾"
        assert [a.text() for a in d.menu_excel.actions() if not a.isSeparator()] == [
            "&Exportar a Excel…", "&Plantilla en blanco…", "&Importar desde Excel…"]
        assert "todos los territorios del municipio" in d.accion_exportar.toolTip()
        assert "todos los territorios del municipio" in d.boton_excel.toolTip()
        assert d.accion_importar.isEnabled()
        assert d.imprimir() is None
    assert {a.shortcut().toString() for a in panel.actions()} >= {"Ctrl+E", "Ctrl+I"}
    assert "Ctrl+P" not in {a.shortcut().toString() for a in panel.actions() + tablero.actions()}
    assert panel.datos.boton_excel.parentWidget() is panel.findChild(QToolBar)  # in the tab's toolbar
    # On the board, «Excel ▾» sits right before «Imprimir…».
    cabecera = tablero.layout().itemAt(0).layout()
    widgets = [cabecera.itemAt(i).widget() for i in range(cabecera.count())]
    assert widgets.index(tablero.datos.boton_excel) + 1 == widgets.index(tablero.boton_imprimir)
    # Without a territory the board cannot be printed, but the workbook (the whole municipality) can be exported.
    tablero.fijar_territorio(None)
    assert not tablero.boton_imprimir.isEnabled() and tablero.datos.boton_excel.isEnabled()


def test_solo_lectura_no_importa(expediente_demo, ajustes, qtbot):
    ro = Expediente.abrir(expediente_demo.ruta)
    try:
        assert ro.solo_lectura
        pagina = pagina_de(qtbot, Contexto(ro))
        for clave in ("necesidades", "dafo"):
            d = pagina.panel(clave).datos
            assert not d.accion_importar.isEnabled() and d.importar() is None
            assert d.accion_exportar.isEnabled() and d.accion_plantilla.isEnabled()
    finally:
        ro.cerrar()
