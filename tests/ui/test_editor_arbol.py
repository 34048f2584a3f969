"""Editor del árbol de problemas: lo que el coordinador hace con el teclado y el ratón, y que se pueda deshacer."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import delete, select

from nucleo.almacen.expediente import Expediente
from nucleo.modelo import Necesidad, NodoProblema, Territorio
from nucleo.servicios import arbol as servicio
from nucleo.servicios import demo_arbol
from ui.contexto import Contexto
from ui.widgets.arbol_problemas import EditorArbol

HOY = date(2026, 11, 18)
IZQ = Qt.MouseButton.LeftButton


def territorio(ctx: Contexto, nombre: str) -> int:
    return ctx.leer(lambda s: s.scalar(select(Territorio.id).where(Territorio.nombre == nombre)))


def nodos(ctx: Contexto, tid: int):
    return ctx.leer(lambda s: servicio.leer_arbol(s, tid))


def por_texto(ctx: Contexto, tid: int, texto: str):
    return next(n for n in nodos(ctx, tid) if n.texto == texto)


@pytest.fixture
def ctx(expediente_demo):
    with expediente_demo.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        s.execute(delete(NodoProblema).where(NodoProblema.territorio_id == tid))
        s.execute(delete(Necesidad).where(Necesidad.territorio_id == tid))
        s.add(Necesidad(municipio_id=expediente_demo.municipio_id, territorio_id=tid, prioridad=1,
                        descripcion="Agua para riego en la época seca", dimension="economica", fuente="taller"))
        s.flush()
        demo_arbol.sembrar(s, expediente_demo.municipio_id, HOY)
    return Contexto(expediente_demo)


@pytest.fixture
def editor(ctx, qtbot):
    e = EditorArbol(ctx, hoy=HOY)
    qtbot.addWidget(e)
    e.resize(1280, 800)
    e.show()
    qtbot.waitExposed(e)
    return e


@pytest.fixture
def cerrito(ctx) -> int:
    return territorio(ctx, "Compañía Cerrito")


def escribir_y_guardar(qtbot, dialogo, texto: str) -> None:
    dialogo.texto.setPlainText(texto)
    qtbot.keyClick(dialogo.texto, Qt.Key.Key_Return)  # Enter saves


def raton(vista, tipo: QEvent.Type, punto, boton=IZQ, botones=IZQ,
          mods=Qt.KeyboardModifier.NoModifier) -> None:
    local = QPointF(vista.mapFromScene(punto))
    global_ = QPointF(vista.viewport().mapToGlobal(local.toPoint()))
    QApplication.sendEvent(vista.viewport(), QMouseEvent(tipo, local, global_, boton, botones, mods))


def arrastrar(vista, desde, hasta, mods=Qt.KeyboardModifier.NoModifier) -> None:
    raton(vista, QEvent.Type.MouseButtonPress, desde, mods=mods)
    medio = QPointF((desde.x() + hasta.x()) / 2, (desde.y() + hasta.y()) / 2)
    raton(vista, QEvent.Type.MouseMove, medio, Qt.MouseButton.NoButton, IZQ, mods)
    raton(vista, QEvent.Type.MouseMove, hasta, Qt.MouseButton.NoButton, IZQ, mods)
    raton(vista, QEvent.Type.MouseButtonRelease, hasta, IZQ, Qt.MouseButton.NoButton, mods)


def cerrar_avisos() -> list[str]:
    textos = []
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "avisoErrorDeUsuario" and w.isVisible():
            textos.append(w.text())
            w.close()
    return textos


# -- estados ---------------------------------------------------------------------------------------------
def test_sin_territorio_y_territorio_sin_arbol(editor, ctx, qtbot):
    assert editor.pila_estados.currentWidget() is editor.sin_territorio
    assert not editor.accion_causa.isEnabled() and not editor.accion_pdf.isEnabled()
    editor.fijar_territorio(territorio(ctx, "Barrio Industrial"))
    assert editor.pila_estados.currentWidget() is editor.vacio
    assert "todavía no tiene árbol de problemas" in editor.vacio.titulo.text()
    assert editor.boton_crear.isEnabled() and editor.accion_problema.isEnabled()
    assert not editor.accion_causa.isEnabled()
    # The empty state's button creates the central problem; undo brings the empty state back.
    editor.boton_crear.click()
    dialogo = editor.dialogo
    assert dialogo is not None and "Barrio Industrial" in dialogo.windowTitle()
    escribir_y_guardar(qtbot, dialogo, "Calles inundadas después de cada lluvia")
    assert editor.pila_estados.currentWidget() is editor.vista
    problema = editor.vista.problema()
    assert problema.texto == "Calles inundadas después de cada lluvia"
    assert editor.vista.seleccionado() == problema.id
    ctx.pila.undo()
    assert editor.pila_estados.currentWidget() is editor.vacio
    ctx.pila.redo()
    assert editor.vista.problema().id == problema.id  # same number back


def test_muestra_el_arbol_de_la_demo_con_sus_colores_y_flechas(editor, ctx, cerrito):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    assert len(v.nodos()) == 13 and editor.pila_estados.currentWidget() is v
    problema = v.problema()
    causa = por_texto(ctx, cerrito, "Baja productividad de las huertas familiares")
    efecto = por_texto(ctx, cerrito, "Jóvenes que migran a la ciudad en busca de empleo")
    assert v.centro(causa.id).y() > v.centro(problema.id).y() > v.centro(efecto.id).y()
    # Every arrow points up: from the cause to the problem, from the problem to the effect.
    for n in v.nodos():
        if n.padre_id is not None:
            puntos = v.conector_de(n.id).puntos()
            assert puntos[-1].y() < puntos[0].y()
    assert v.item(problema.id).medida.ancho > v.item(causa.id).medida.ancho
    vinculado = next(n for n in v.nodos() if n.necesidad_id is not None)
    assert v.item(vinculado.id).medida.alto_insignia > 0
    assert "Agua para riego" in v.item(vinculado.id).toolTip()
    assert "8 causas" in editor.leyenda.text() and "4 efectos" in editor.leyenda.text()
    assert "1 vinculado a una necesidad" in editor.leyenda.text()


# -- teclado ---------------------------------------------------------------------------------------------
def test_flechas_recorren_el_arbol(editor, ctx, cerrito, qtbot):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    v.setFocus()
    qtbot.keyClick(v, Qt.Key.Key_Down)  # nothing chosen: the first arrow goes to the central problem
    assert v.seleccionado() == v.problema().id
    qtbot.keyClick(v, Qt.Key.Key_Down)
    medio = por_texto(ctx, cerrito, "Venta de la cosecha a intermediarios a precios bajos")
    assert v.seleccionado() == medio.id  # the cause nearest below
    qtbot.keyClick(v, Qt.Key.Key_Left)
    assert v.seleccionado() == por_texto(ctx, cerrito, "Baja productividad de las huertas familiares").id
    qtbot.keyClick(v, Qt.Key.Key_Left)  # first of its row: stays
    assert v.seleccionado() == por_texto(ctx, cerrito, "Baja productividad de las huertas familiares").id
    qtbot.keyClick(v, Qt.Key.Key_Up)
    assert v.seleccionado() == v.problema().id
    qtbot.keyClick(v, Qt.Key.Key_Up)
    assert v.nodo(v.seleccionado()).tipo == "efecto"
    qtbot.keyClick(v, Qt.Key.Key_Down)
    assert v.seleccionado() == v.problema().id
    qtbot.keyClick(v, Qt.Key.Key_Home)
    assert v.seleccionado() == v.problema().id


def test_teclado_agrega_edita_elimina_y_deshace(editor, ctx, cerrito, qtbot):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    assert [k.toString() for k in editor.accion_causa.shortcuts()] == ["Ins"]
    assert [k.toString() for k in editor.accion_efecto.shortcuts()] == ["Shift+Ins"]
    assert [k.toString() for k in editor.accion_editar.shortcuts()] == ["F2"]
    assert [k.toString() for k in editor.accion_eliminar.shortcuts()] == ["Del"]
    editor.activateWindow()
    v.setFocus()
    qtbot.keyClick(v, Qt.Key.Key_Home)
    qtbot.keyClick(v, Qt.Key.Key_Down)
    causa = v.seleccionado()
    antes = len(v.nodos())

    # Insert: a sub-cause of the chosen cause.
    qtbot.keyClick(v, Qt.Key.Key_Insert)
    assert editor.dialogo is not None and editor.dialogo.windowTitle() == "Nueva causa"
    escribir_y_guardar(qtbot, editor.dialogo, "  Los compradores llegan una vez por mes  ")
    nueva = por_texto(ctx, cerrito, "Los compradores llegan una vez por mes")
    assert nueva.padre_id == causa and nueva.tipo == "causa"
    assert v.seleccionado() == nueva.id and len(v.nodos()) == antes + 1

    # Shift+Insert on a cause: the effect goes to the central problem.
    qtbot.keyClick(v, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    assert editor.dialogo.windowTitle() == "Nuevo efecto"
    escribir_y_guardar(qtbot, editor.dialogo, "Pérdida de cosechas")
    efecto = por_texto(ctx, cerrito, "Pérdida de cosechas")
    assert efecto.padre_id == v.problema().id and efecto.tipo == "efecto"

    # Empty text is refused inside the dialog, which stays open with the message under the field.
    v.seleccionar(nueva.id)
    qtbot.keyClick(v, Qt.Key.Key_F2)
    dialogo = editor.dialogo
    assert dialogo.texto.toPlainText() == "Los compradores llegan una vez por mes"
    escribir_y_guardar(qtbot, dialogo, "   ")
    assert editor.dialogo is dialogo and dialogo.isVisible()
    assert dialogo.marcador.widget("texto").toolTip() == "Escriba la causa."
    # Enter (F2 too) edits; the link to a need is chosen in the same dialog.
    dialogo.necesidad.setCurrentIndex(1)
    escribir_y_guardar(qtbot, dialogo, "Los compradores vienen una vez por mes")
    editada = por_texto(ctx, cerrito, "Los compradores vienen una vez por mes")
    assert editada.necesidad_texto == "Agua para riego en la época seca"

    # Delete asks first; «Eliminar» removes the cause with what hangs from it.
    v.seleccionar(causa)
    qtbot.keyClick(v, Qt.Key.Key_Delete)
    caja = editor.confirmacion
    assert caja is not None and "¿Eliminar la causa" in caja.text()
    assert "3 nodos que cuelgan de él" in caja.informativeText()
    eliminar = next(b for b in caja.buttons() if b.text() == "&Eliminar")
    eliminar.click()
    ids = {n.id for n in nodos(ctx, cerrito)}
    assert causa not in ids and editada.id not in ids
    assert v.seleccionado() == v.problema().id  # the parent is chosen

    # Undo, step by step: the deletion (same numbers back), the edit, the effect, the new cause.
    ctx.pila.undo()
    assert {causa, editada.id} <= {n.id for n in nodos(ctx, cerrito)}
    assert por_texto(ctx, cerrito, "Los compradores vienen una vez por mes").necesidad_id is not None
    ctx.pila.undo()
    assert por_texto(ctx, cerrito, "Los compradores llegan una vez por mes").necesidad_id is None
    ctx.pila.undo()
    ctx.pila.undo()
    assert len(nodos(ctx, cerrito)) == antes and len(v.nodos()) == antes
    ctx.pila.redo()
    assert por_texto(ctx, cerrito, "Los compradores llegan una vez por mes").id == nueva.id


def test_cambiar_de_padre_con_el_teclado_ofrece_solo_padres_validos(editor, ctx, cerrito, qtbot):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    causa = por_texto(ctx, cerrito, "Baja productividad de las huertas familiares")
    sub = por_texto(ctx, cerrito, "Poca asistencia técnica agrícola en las fincas")
    otra = por_texto(ctx, cerrito, "Poco acceso a crédito para invertir en las fincas")
    v.seleccionar(causa.id)
    editor.cambiar_padre()
    ofrecidos = {editor.dialogo.padre.itemData(i) for i in range(editor.dialogo.padre.count())}
    assert v.problema().id in ofrecidos and otra.id in ofrecidos
    assert sub.id not in ofrecidos and causa.id not in ofrecidos  # no circle, not itself
    assert not any(v.nodo(i).tipo == "efecto" for i in ofrecidos)  # causes do not hang from effects
    editor.dialogo.reject()
    v.seleccionar(sub.id)
    editor.cambiar_padre()
    d = editor.dialogo
    d.padre.setCurrentIndex(d.padre.findData(otra.id))
    d.accept()
    assert por_texto(ctx, cerrito, sub.texto).padre_id == otra.id
    ctx.pila.undo()
    assert por_texto(ctx, cerrito, sub.texto).padre_id == causa.id


def test_ctrl_flechas_cambian_el_orden_entre_hermanos(editor, ctx, cerrito):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    primera = por_texto(ctx, cerrito, "Baja productividad de las huertas familiares")
    v.seleccionar(primera.id)
    x_antes = v.centro(primera.id).x()
    editor.accion_derecha.trigger()
    causas = [n.texto for n in nodos(ctx, cerrito) if n.padre_id == v.problema().id and n.tipo == "causa"]
    assert causas[1] == primera.texto
    assert v.centro(primera.id).x() > x_antes
    ctx.pila.undo()
    causas = [n.texto for n in nodos(ctx, cerrito) if n.padre_id == v.problema().id and n.tipo == "causa"]
    assert causas[0] == primera.texto


# -- ratón -----------------------------------------------------------------------------------------------
def test_arrastrar_un_nodo_lo_guarda_con_lo_que_cuelga_y_ordenar_lo_devuelve(editor, ctx, cerrito):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    causa = por_texto(ctx, cerrito, "Poco acceso a crédito para invertir en las fincas")
    sub = por_texto(ctx, cerrito, "Lotes sin título de propiedad que sirva de garantía")
    desde = v.centro(causa.id)
    sub_antes = v.centro(sub.id)
    hasta = desde + QPointF(120, 60)
    arrastrar(v, desde, hasta)
    guardada = por_texto(ctx, cerrito, causa.texto)
    assert guardada.x == pytest.approx(hasta.x(), abs=1.5) and guardada.y == pytest.approx(hasta.y(), abs=1.5)
    assert v.centro(causa.id).x() == pytest.approx(hasta.x(), abs=1.5)
    # The sub-cause followed (it has no position of its own), its arrow too.
    assert v.centro(sub.id).x() == pytest.approx(sub_antes.x() + 120, abs=1.5)
    assert por_texto(ctx, cerrito, sub.texto).x is None
    assert editor.accion_ordenar.isEnabled()
    ctx.pila.undo()
    assert por_texto(ctx, cerrito, causa.texto).x is None
    assert v.centro(causa.id).x() == pytest.approx(desde.x(), abs=0.5)
    ctx.pila.redo()
    editor.ordenar()
    assert all(n.x is None for n in nodos(ctx, cerrito))
    ctx.pila.undo()
    assert por_texto(ctx, cerrito, causa.texto).x is not None


def test_mayus_arrastrar_reconecta_y_rechaza_los_circulos(editor, ctx, cerrito):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    causa = por_texto(ctx, cerrito, "Baja productividad de las huertas familiares")
    sub = por_texto(ctx, cerrito, "Falta de riego y de agua segura en la época seca")
    otra = por_texto(ctx, cerrito, "Venta de la cosecha a intermediarios a precios bajos")
    efecto = por_texto(ctx, cerrito, "Familias endeudadas con los almacenes de la zona")
    mayus = Qt.KeyboardModifier.ShiftModifier
    deshacer = ctx.pila.count()

    # A cause dropped on its own sub-cause: it would be a circle. Refused with a clear message, nothing moves.
    arrastrar(v, v.centro(causa.id), v.centro(sub.id), mayus)
    avisos = cerrar_avisos()
    assert avisos and "se formaría un círculo" in avisos[0]
    assert por_texto(ctx, cerrito, causa.texto).padre_id == v.problema().id
    assert por_texto(ctx, cerrito, causa.texto).x is None  # a refused reconnection does not move it either
    # A cause on an effect: refused too.
    arrastrar(v, v.centro(sub.id), v.centro(efecto.id), mayus)
    avisos = cerrar_avisos()
    assert avisos and "es un efecto" in avisos[0]
    assert ctx.pila.count() == deshacer  # nothing refused was stacked
    # A valid drop: the sub-cause now hangs from the other cause; undo puts it back.
    arrastrar(v, v.centro(sub.id), v.centro(otra.id), mayus)
    assert por_texto(ctx, cerrito, sub.texto).padre_id == otra.id
    assert v.conector_de(sub.id).padre_id == otra.id
    ctx.pila.undo()
    assert por_texto(ctx, cerrito, sub.texto).padre_id == causa.id


def test_doble_clic_edita(editor, ctx, cerrito):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    efecto = por_texto(ctx, cerrito, "Familias endeudadas con los almacenes de la zona")
    raton(v, QEvent.Type.MouseButtonPress, v.centro(efecto.id))
    raton(v, QEvent.Type.MouseButtonRelease, v.centro(efecto.id), botones=Qt.MouseButton.NoButton)
    raton(v, QEvent.Type.MouseButtonDblClick, v.centro(efecto.id))
    assert editor.dialogo is not None and editor.dialogo.windowTitle() == "Editar el efecto"
    assert editor.dialogo.texto.toPlainText() == efecto.texto


# -- solo lectura, refresco y archivos ---------------------------------------------------------------------
def test_solo_lectura_se_mira_pero_no_se_cambia(ctx, cerrito, qtbot):
    ro = Expediente.abrir(ctx.expediente.ruta)
    try:
        assert ro.solo_lectura
        ctx_ro = Contexto(ro)
        e = EditorArbol(ctx_ro, hoy=HOY)
        qtbot.addWidget(e)
        e.resize(1000, 700)
        e.show()
        e.fijar_territorio(cerrito)
        v = e.vista
        v.seleccionar(v.problema().id)
        for accion in (e.accion_problema, e.accion_causa, e.accion_efecto, e.accion_editar, e.accion_eliminar,
                       e.accion_padre, e.accion_ordenar):
            assert not accion.isEnabled(), accion.text()
        assert e.accion_png.isEnabled() and e.accion_pdf.isEnabled() and e.accion_ajustar.isEnabled()
        causa = por_texto(ctx_ro, cerrito, "Poco acceso a crédito para invertir en las fincas")
        desde = v.centro(causa.id)
        arrastrar(v, desde, desde + QPointF(100, 100))
        assert v.centro(causa.id) == desde and por_texto(ctx_ro, cerrito, causa.texto).x is None
        e.agregar("causa")
        e.editar()
        assert e.dialogo is None and ctx_ro.pila.count() == 0
        qtbot.keyClick(v, Qt.Key.Key_Down)  # looking around still works
        assert v.seleccionado() != v.problema().id
    finally:
        ro.cerrar()


def test_se_refresca_al_cambiar_y_conserva_la_eleccion(editor, ctx, cerrito):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    efecto = por_texto(ctx, cerrito, "Familias endeudadas con los almacenes de la zona")
    v.seleccionar(efecto.id)
    ctx.escribir(lambda s: servicio.agregar_nodo(s, efecto.id, "efecto", "Ventas al fiado que no se cobran"),
                 "nodo_problema")
    assert len(v.nodos()) == 14 and v.seleccionado() == efecto.id
    assert v.item(efecto.id).elegido
    ctx.escribir(lambda s: None, "actor")  # unrelated change: nothing reloads
    assert len(v.nodos()) == 14


def test_zoom_y_exportar_png_y_pdf(editor, ctx, cerrito, tmp_path, qtbot):
    editor.fijar_territorio(cerrito)
    v = editor.vista
    escala = v.escala()
    editor.accion_acercar.trigger()
    assert v.escala() == pytest.approx(escala * 1.2)
    editor.accion_alejar.trigger()
    editor.accion_alejar.trigger()
    assert v.escala() < escala
    editor.accion_ajustar.trigger()
    assert v.escala() == pytest.approx(escala)
    v.seleccionar(v.problema().id)

    ruta = editor.exportar_png(tmp_path / "arbol")
    assert ruta == tmp_path / "arbol.png"
    imagen = QImage(str(ruta))
    limites = v.limites_arbol()
    assert imagen.width() >= 2 * limites.width() and imagen.height() >= 2 * limites.height()
    assert imagen.pixelColor(2, imagen.height() - 2).name() == "#ffffff"  # white background
    assert v.item(v.problema().id).elegido  # the selection mark is back after the export

    editor.pedir_destino = lambda *_a: tmp_path / "arbol impreso"
    tarea = editor.imprimir_pdf()
    qtbot.waitUntil(lambda: not tarea.en_curso, timeout=20000)
    assert (tmp_path / "arbol impreso.pdf").read_bytes().startswith(b"%PDF-")
    assert editor.nombre_propuesto(".pdf") == "Árbol de problemas - Compañía Cerrito - 2026-11-18.pdf"
    editor.hoy = lambda: date(2026, 12, 1)  # the Diagnóstico page gives its clock as a callable
    assert editor.nombre_propuesto(".png") == "Árbol de problemas - Compañía Cerrito - 2026-12-01.png"
