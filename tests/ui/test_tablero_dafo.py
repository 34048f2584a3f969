"""Tablero DAFO / DIPE: lo que el coordinador ve y hace con el teclado y el mouse, con deshacer y en solo lectura."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from sqlalchemy import select

from nucleo.almacen.expediente import Expediente
from nucleo.exportar.pdf import dafo as impreso
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Territorio
from nucleo.servicios.dafo import listar_dafo
from nucleo.servicios.demo_dafo import sembrar
from ui.contexto import Contexto
from ui.modelos.dafo import ROL_NUMERO
from ui.widgets import tablero_dafo
from ui.widgets.tablero_dafo import TableroDafo

HOY = date(2026, 11, 18)
DEB, AME, FOR, OPO = (0, 0), (0, 1), (1, 0), (1, 1)


@pytest.fixture
def demo(expediente_demo):
    with expediente_demo.transaccion() as s:
        sembrar(s, expediente_demo.municipio_id, HOY)
    return expediente_demo


@pytest.fixture
def ctx(demo):
    return Contexto(demo)


def _id(ctx, nombre: str) -> int:
    return ctx.leer(lambda s: s.scalar(select(Territorio.id).where(Territorio.nombre == nombre)))


@pytest.fixture
def tablero(ctx, qtbot):
    t = TableroDafo(ctx, hoy=HOY)
    qtbot.addWidget(t)
    t.resize(1024, 700)
    t.show()
    qtbot.waitExposed(t)
    t.activateWindow()
    t.fijar_territorio(_id(ctx, "Compañía Cerrito"))
    return t


def textos(t: TableroDafo, posicion) -> list[str]:
    return [f.texto for f in t.cuadros[posicion].modelo.filas()]


def ids(t: TableroDafo, posicion) -> list[int]:
    return [f.id for f in t.cuadros[posicion].modelo.filas()]


def guardado(ctx, t: TableroDafo, cuadrante: str) -> list[int]:
    tid, analisis = t.territorio_id, t.analisis
    return [f.id for f in ctx.leer(lambda s: listar_dafo(s, tid, analisis)).cuadrantes[cuadrante]]


def enfocar(qtbot, t: TableroDafo, posicion, fila: int | None = None) -> None:
    c = t.cuadros[posicion]
    c.lista.setFocus()
    qtbot.waitUntil(c.lista.hasFocus)
    if fila is not None:
        c.lista.setCurrentIndex(c.modelo.index(fila))


# -- lo que se ve --------------------------------------------------------------------------------------------
def test_los_modelos_pasan_el_verificador_de_qt(tablero, qtmodeltester):
    for c in tablero.cuadros.values():
        assert c.modelo.rowCount() > 0
        qtmodeltester.check(c.modelo)


def test_muestra_el_dafo_del_territorio_sobre_sus_ejes(tablero, ctx):
    assert tablero.titulo.text() == "DAFO de Compañía Cerrito"
    assert [tablero.cuadros[p].titulo.text() for p in (DEB, AME, FOR, OPO)] == [
        "Debilidades", "Amenazas", "Fortalezas", "Oportunidades"]
    assert [tablero.cuadros[p].cuenta.text() for p in (DEB, AME, FOR, OPO)] == ["5", "4", "4", "4"]
    assert [b.text() for b in tablero.botones_analisis.values()] == ["DAFO · 17", "DIPE · 0"]
    assert [e.nombre for e in tablero.ejes_origen] == ["INTERNO", "EXTERNO"]
    assert [e.nombre for e in tablero.ejes_signo] == ["NEGATIVO", "POSITIVO"]
    m = tablero.cuadros[FOR].modelo
    assert m.index(0).data(ROL_NUMERO) == "1"
    assert m.index(0).data().startswith("Asociación de Productores Cerrito Unido")
    assert "Debilidades y fortalezas: del territorio" in tablero.ayuda.text()


def test_el_selector_cambia_a_dipe_y_un_territorio_sin_elegir(tablero, ctx, qtbot):
    qtbot.mouseClick(tablero.botones_analisis["dipe"], Qt.MouseButton.LeftButton)
    assert tablero.analisis == "dipe" and tablero.titulo.text() == "DIPE de Compañía Cerrito"
    assert [tablero.cuadros[p].titulo.text() for p in (DEB, AME, FOR, OPO)] == [
        "Limitaciones", "Riesgos", "Potencialidades", "Desafíos"]
    assert all(c.modelo.rowCount() == 0 for c in tablero.cuadros.values())
    assert tablero.cuadros[FOR].lista.ayuda_vacia.startswith("Capacidades y recursos propios")
    tablero.fijar_territorio(_id(ctx, "Barrio San Miguel"))
    assert tablero.titulo.text() == "DIPE de Barrio San Miguel"
    assert textos(tablero, AME)[0].startswith("Un cambio de autoridades")
    tablero.fijar_territorio(None)
    assert tablero.pila_vistas.currentWidget() is tablero.vacio
    assert not tablero.boton_imprimir.isEnabled()


# -- agregar, editar, quitar -----------------------------------------------------------------------------------
def test_agregar_con_el_campo_y_enter_y_deshacer(tablero, ctx, qtbot):
    c = tablero.cuadros[AME]
    enfocar(qtbot, tablero, AME, 0)
    QTest.keyClick(c.lista, Qt.Key.Key_Insert)
    assert c.agregar.hasFocus()
    QTest.keyClicks(c.agregar, "Cierre del puerto en invierno")
    QTest.keyClick(c.agregar, Qt.Key.Key_Return)
    assert textos(tablero, AME)[-1] == "Cierre del puerto en invierno"
    assert c.cuenta.text() == "5" and tablero.botones_analisis["dafo"].text() == "DAFO · 18"
    assert c.agregar.text() == "" and c.agregar.hasFocus()  # ready for the next one
    nuevo = ids(tablero, AME)[-1]
    assert c.lista.currentIndex().row() == 4
    ctx.pila.undo()
    assert nuevo not in ids(tablero, AME) and c.cuenta.text() == "4"
    ctx.pila.redo()
    assert ids(tablero, AME)[-1] == nuevo  # the same item, with its number


def test_el_mas_lleva_al_campo_y_un_texto_vacio_no_se_agrega(tablero, ctx, qtbot):
    c = tablero.cuadros[OPO]
    qtbot.mouseClick(c.mas, Qt.MouseButton.LeftButton)
    assert c.agregar.hasFocus()
    QTest.keyClicks(c.agregar, "   ")
    QTest.keyClick(c.agregar, Qt.Key.Key_Return)
    assert tablero.aviso.isVisible()
    assert tablero.aviso.text() == "Escriba el texto del elemento; no puede quedar vacío."
    assert ctx.pila.count() == 0 and len(textos(tablero, OPO)) == 4
    c.agregar.setText("Feria de la semana")
    qtbot.mouseClick(c.mas, Qt.MouseButton.LeftButton)
    assert textos(tablero, OPO)[-1] == "Feria de la semana" and not tablero.aviso.isVisible()


def test_editar_en_el_lugar_y_deshacer(tablero, ctx, qtbot):
    c = tablero.cuadros[DEB]
    enfocar(qtbot, tablero, DEB, 2)
    QTest.keyClick(c.lista, Qt.Key.Key_F2)
    assert c.lista.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is c.lista.viewport()
    assert editor.text().startswith("Jóvenes que dejan el colegio")
    editor.setText("Deserción escolar en la media")  # QTest.keyClicks only types ASCII
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call: let the event loop run it.
    qtbot.waitUntil(lambda: c.lista.state() != QAbstractItemView.State.EditingState)
    assert textos(tablero, DEB)[2] == "Deserción escolar en la media"
    assert c.lista.currentIndex().row() == 2
    ctx.pila.undo()
    assert textos(tablero, DEB)[2].startswith("Jóvenes que dejan el colegio")


def test_enter_tambien_edita_y_un_texto_vacio_se_rechaza(tablero, ctx, qtbot):
    c = tablero.cuadros[FOR]
    enfocar(qtbot, tablero, FOR, 1)
    QTest.keyClick(c.lista, Qt.Key.Key_Return)
    assert c.lista.state() == QAbstractItemView.State.EditingState
    antes = textos(tablero, FOR)
    assert not c.modelo.setData(c.modelo.index(1), antes[1])  # unchanged: nothing to do
    assert c.modelo.setData(c.modelo.index(1), "")
    assert textos(tablero, FOR) == antes and ctx.pila.count() == 0
    assert "no puede quedar vacío" in tablero.aviso.text()


def test_quitar_con_supr_pregunta_y_se_deshace(tablero, ctx, qtbot, monkeypatch):
    c = tablero.cuadros[DEB]
    antes = ids(tablero, DEB)
    preguntas = []
    respuesta = [False]
    monkeypatch.setattr(tablero, "confirmar_eliminar", lambda texto, cuadrante: preguntas.append(
        (texto, cuadrante)) or respuesta[0])
    enfocar(qtbot, tablero, DEB, 1)
    QTest.keyClick(c.lista, Qt.Key.Key_Delete)
    assert ids(tablero, DEB) == antes and preguntas[0][1] == "Debilidades"
    respuesta[0] = True
    QTest.keyClick(c.lista, Qt.Key.Key_Delete)
    assert ids(tablero, DEB) == antes[:1] + antes[2:]
    assert [c.modelo.index(n).data(ROL_NUMERO) for n in range(4)] == ["1", "2", "3", "4"]
    assert c.modelo.fila(c.lista.currentIndex().row()).id == antes[2]  # the next one is selected
    ctx.pila.undo()
    assert ids(tablero, DEB) == antes


# -- mover ---------------------------------------------------------------------------------------------------
def test_ctrl_flechas_ordenan_y_cambian_de_cuadrante(tablero, ctx, qtbot):
    deb, ame, fort = ids(tablero, DEB), ids(tablero, AME), ids(tablero, FOR)
    c = tablero.cuadros[DEB]
    enfocar(qtbot, tablero, DEB, 1)
    QTest.keyClick(c.lista, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert ids(tablero, DEB) == [deb[1], deb[0]] + deb[2:] == guardado(ctx, tablero, "debilidades")
    assert c.modelo.fila(c.lista.currentIndex().row()).id == deb[1]
    QTest.keyClick(c.lista, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert ids(tablero, DEB) == deb
    # Ctrl+→ takes it to the next quadrant at the same height, and the selection follows it.
    QTest.keyClick(c.lista, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert ids(tablero, AME) == ame[:1] + [deb[1]] + ame[1:]
    assert tablero.cuadros[AME].lista.hasFocus() and tablero.id_seleccionado() == deb[1]
    # Ctrl+↓ at the bottom of an upper quadrant goes to the top of the one below.
    enfocar(qtbot, tablero, DEB, 3)
    QTest.keyClick(c.lista, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert ids(tablero, FOR)[0] == deb[4] and ids(tablero, FOR)[1:] == fort
    # Ctrl+← from the first quadrant wraps to the last one.
    enfocar(qtbot, tablero, DEB, 0)
    QTest.keyClick(c.lista, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert deb[0] in ids(tablero, OPO)
    for _ in range(5):
        ctx.pila.undo()
    assert (ids(tablero, DEB), ids(tablero, AME), ids(tablero, FOR)) == (deb, ame, fort)


def test_las_flechas_pasan_de_un_cuadrante_a_otro_en_los_bordes(tablero, qtbot):
    c = tablero.cuadros[DEB]
    enfocar(qtbot, tablero, DEB, 4)
    QTest.keyClick(c.lista, Qt.Key.Key_Down)
    assert tablero.cuadros[FOR].lista.hasFocus() and tablero.cuadros[FOR].lista.currentIndex().row() == 0
    QTest.keyClick(tablero.cuadros[FOR].lista, Qt.Key.Key_Right)
    assert tablero.cuadros[OPO].lista.hasFocus()
    QTest.keyClick(tablero.cuadros[OPO].lista, Qt.Key.Key_Up)
    assert tablero.cuadros[AME].lista.hasFocus()


def test_arrastrar_y_soltar_dentro_y_entre_cuadrantes(tablero, ctx):
    deb, ame = ids(tablero, DEB), ids(tablero, AME)
    origen, destino = tablero.cuadros[DEB].modelo, tablero.cuadros[AME].modelo
    datos = origen.mimeData([origen.index(0)])
    assert datos.text().startswith("Caminos vecinales")
    # Dropped between rows 2 and 3 of «Amenazas».
    assert not destino.dropMimeData(datos, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert ids(tablero, AME) == ame[:2] + [deb[0]] + ame[2:] == guardado(ctx, tablero, "amenazas")
    assert ids(tablero, DEB) == deb[1:]
    # Within a quadrant: the first one dropped below the third ends third.
    datos = destino.mimeData([destino.index(0)])
    destino.dropMimeData(datos, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert ids(tablero, AME) == [ame[1], deb[0], ame[0]] + ame[2:]
    # On the empty area of a list: at the end.
    datos = destino.mimeData([destino.index(1)])
    tablero.cuadros[OPO].modelo.dropMimeData(datos, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert ids(tablero, OPO)[-1] == deb[0]
    ctx.pila.undo()
    ctx.pila.undo()
    ctx.pila.undo()
    assert (ids(tablero, DEB), ids(tablero, AME)) == (deb, ame)


def _soltar(vista, datos, punto: QPointF) -> None:
    """Lo que recibe la lista cuando se suelta algo arrastrado con el mouse."""
    for clase in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(vista.viewport(), clase(punto.toPoint(), Qt.DropAction.MoveAction, datos,
                                                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(vista.viewport(), QDropEvent(punto, Qt.DropAction.MoveAction, datos,
                                                        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def test_soltar_con_el_mouse_sobre_la_lista(tablero, ctx):
    deb, ame = ids(tablero, DEB), ids(tablero, AME)
    vista = tablero.cuadros[AME].lista
    # On the upper edge of the second item of «Amenazas»: it takes that place.
    r = vista.visualRect(vista.model().index(1))
    _soltar(vista, tablero.cuadros[DEB].modelo.mimeData([tablero.cuadros[DEB].modelo.index(0)]),
            QPointF(r.center().x(), r.top() + 2))
    assert ids(tablero, AME) == [ame[0], deb[0]] + ame[1:] == guardado(ctx, tablero, "amenazas")
    # Within the list: the first one, dropped on the lower edge of the third, ends third.
    r = vista.visualRect(vista.model().index(2))
    _soltar(vista, vista.model().mimeData([vista.model().index(0)]), QPointF(r.center().x(), r.bottom() - 2))
    assert ids(tablero, AME) == [deb[0], ame[1], ame[0]] + ame[2:]
    assert tablero.id_seleccionado() == ame[0]


# -- solo lectura --------------------------------------------------------------------------------------------
def test_solo_lectura_no_deja_cambiar(demo, qtbot):
    ro = Expediente.abrir(demo.ruta)
    try:
        assert ro.solo_lectura
        ctx = Contexto(ro)
        t = TableroDafo(ctx, hoy=HOY)
        qtbot.addWidget(t)
        t.show()
        t.fijar_territorio(_id(ctx, "Compañía Cerrito"))
        c = t.cuadros[DEB]
        assert t.solo_lectura() and c.modelo.rowCount() == 5
        flags = c.modelo.flags(c.modelo.index(0))
        assert not flags & Qt.ItemFlag.ItemIsEditable and not flags & Qt.ItemFlag.ItemIsDragEnabled
        assert not c.modelo.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
        assert c.pie.isHidden() and c.mas.isHidden()
        assert not any(a.isEnabled() for a in t.acciones_edicion)
        assert t.boton_imprimir.isEnabled()
        antes = ids(t, DEB)
        assert not t.mover(antes[0], "amenazas", 0)
        assert not c.modelo.setData(c.modelo.index(0), "Otro texto")
        assert t.agregar("amenazas", "Algo") is None
        assert not t.eliminar(antes[0], confirmar=False)
        assert ids(t, DEB) == antes and ctx.pila.count() == 0
        assert "Solo lectura" in t.ayuda.text()
    finally:
        ro.cerrar()


# -- impreso -------------------------------------------------------------------------------------------------
def test_imprimir_el_tablero_que_se_mira(tablero, qtbot, tmp_path, monkeypatch):
    tablero.fijar_analisis("dafo")
    propuestas = []
    monkeypatch.setattr(tablero, "pedir_destino", lambda propuesta: propuestas.append(propuesta) or tmp_path / "t")
    tarea = tablero.imprimir()
    qtbot.waitUntil(lambda: not tarea.en_curso, timeout=20_000)
    assert propuestas == ["DAFO - Compañía Cerrito - Villeta - 2026-11-18.pdf"]
    texto = texto_de_pdf(tmp_path / "t.pdf")[0]
    assert "Análisis DAFO: Compañía Cerrito" in texto
    assert tablero.aviso_listo is not None and "t.pdf" in tablero.aviso_listo.text()
    tablero.aviso_listo.close()


def test_los_colores_del_tablero_y_del_impreso_son_los_mismos():
    assert tablero_dafo.COLOR_POSICION == impreso.COLOR_POSICION
    assert tablero_dafo.TINTE_POSICION == impreso.TINTE_POSICION
