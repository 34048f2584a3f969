"""Página «Diagnóstico»: el territorio, la lista de necesidades por prioridad (arrastrar, Ctrl+↑/↓, votos, empates)
y el cruce oferta–demanda (matriz, decisiones deshacibles, brechas)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select, update

from nucleo.almacen.expediente import Expediente
from nucleo.modelo import Oportunidad, PlanAccion, Territorio
from nucleo.servicios.cruce import CONFIRMADA, DESCARTADA, SUGERIDA, cruce
from nucleo.servicios.necesidades import listar_necesidades, obtener_necesidad
from nucleo.servicios.territorios import eliminar_territorio
from ui.contexto import Contexto
from ui.dialogos.necesidad import DialogoNecesidad
from ui.modelos.cruce import PRIMERA_OPORTUNIDAD, ROL_ESTADO, ModeloBrechas, ModeloCruce
from ui.modelos.necesidades import COL_PRIORIDAD, COL_RESPUESTA, ModeloNecesidades, nuevo_orden
from ui.paginas import diagnostico
from ui.paginas.diagnostico import PESTANAS, PaginaDiagnostico

HOY = date(2026, 11, 18)


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo  # the demo brings the whole diagnosis of Compañía Cerrito (needs, crossing, tree, DAFO)


@pytest.fixture
def ctx(exp):
    return Contexto(exp)


@pytest.fixture
def ids(ctx) -> dict[str, int]:
    return dict(ctx.leer(lambda s: s.execute(select(Territorio.nombre, Territorio.id)).all()))


@pytest.fixture
def oportunidades(ctx) -> dict[str, int]:
    return dict(ctx.leer(lambda s: s.execute(select(Oportunidad.nombre, Oportunidad.id)).all()))


@pytest.fixture
def pagina(ctx, qtbot):
    p = PaginaDiagnostico(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    return p


def prioridades(panel) -> list[str]:
    return [panel.modelo.index(r, COL_PRIORIDAD).data() for r in range(panel.modelo.rowCount())]


def descripciones(panel) -> list[str]:
    return [f.descripcion for f in panel.modelo.filas()]


# -- modelos ------------------------------------------------------------------------------------------------------
def test_los_modelos_pasan_el_probador_de_qt(qtmodeltester, ctx, ids):
    mid, tid = ctx.municipio_id, ids["Compañía Cerrito"]
    necesidades = ModeloNecesidades()
    qtmodeltester.check(necesidades)
    necesidades.cargar(ctx.leer(lambda s: listar_necesidades(s, mid, tid)))
    qtmodeltester.check(necesidades)
    matriz = ModeloCruce()
    qtmodeltester.check(matriz)
    datos = ctx.leer(lambda s: cruce(s, mid, tid, HOY))
    matriz.cargar(datos)
    qtmodeltester.check(matriz)
    brechas = ModeloBrechas()
    brechas.cargar(datos.brechas)
    qtmodeltester.check(brechas)
    assert brechas.rowCount() == 2 and matriz.columnCount() == PRIMERA_OPORTUNIDAD + len(datos.oportunidades)


def test_nuevo_orden_al_soltar():
    ids = [1, 2, 3, 4]
    assert nuevo_orden(ids, 1, 3, sobre=False) == [2, 3, 1, 4]  # between rows, before the fourth
    assert nuevo_orden(ids, 1, 4, sobre=False) == [2, 3, 4, 1]  # at the end
    assert nuevo_orden(ids, 4, 0, sobre=False) == [4, 1, 2, 3]
    assert nuevo_orden(ids, 1, 2, sobre=True) == [2, 3, 1, 4]  # on the third: takes its place, below it
    assert nuevo_orden(ids, 4, 1, sobre=True) == [1, 4, 2, 3]  # on the second from below: above it


# -- la página ----------------------------------------------------------------------------------------------------
def test_la_pagina_abre_en_el_territorio_que_esta_en_diagnostico(pagina, ids):
    assert (pagina.clave, pagina.titulo) == ("diagnostico", "Diagnóstico")
    assert [pagina.pestanas.tabText(i).replace("&", "") for i in range(pagina.pestanas.count())] == [
        "Necesidades", "Cruce oferta–demanda", "Árbol de problemas", "DAFO / DIPE"]
    assert pagina.territorio_actual() == ids["Compañía Cerrito"]  # the one in stage 3
    assert pagina.combo_territorio.currentText() == "Compañía Cerrito"
    assert pagina.etapa.text().startswith("Etapa actual: 3 · Diagnóstico participativo")
    assert {pagina.panel(c).territorio_id for c, _t, _r in PESTANAS} == {ids["Compañía Cerrito"]}  # every tab


def test_mostrar_territorio_cambia_todas_las_pestanas(pagina, ids):
    pagina.mostrar_territorio(ids["Barrio San Miguel"])
    assert pagina.combo_territorio.currentText() == "Barrio San Miguel"
    assert prioridades(pagina.panel("necesidades")) == ["1", "2", "3", "4"]
    assert pagina.panel("cruce").datos.territorio == "Barrio San Miguel"
    pagina.combo_territorio.setCurrentIndex(pagina.combo_territorio.findData(ids["Comunidad Yvy Porã"]))
    panel = pagina.panel("necesidades")
    assert panel.modelo.rowCount() == 0 and panel.pila.currentIndex() == 1
    assert panel.titulo_vacio.text() == "Todavía no hay necesidades registradas en «Comunidad Yvy Porã»."
    cruce_vacio = pagina.panel("cruce")
    assert cruce_vacio.pila.currentIndex() == 1 and "todavía no tiene necesidades" in cruce_vacio.texto_vacio.text()
    pagina.mostrar_pestana("cruce")
    cruce_vacio.boton_ir.click()  # «Ir a Necesidades»
    assert pagina.pestanas.currentWidget() is panel


def test_agregar_una_pestana_es_una_linea(pagina, ids):
    assert [c for c, _t, _r in PESTANAS] == ["necesidades", "cruce", "arbol", "dafo"]
    otra = pagina.agregar_pestana("prueba", "Prueba", "ui.widgets.panel_necesidades:PanelNecesidades")
    assert pagina.pestanas.count() == len(PESTANAS) + 1 and otra.territorio_id == ids["Compañía Cerrito"]
    pagina.mostrar_territorio(ids["Barrio San Miguel"])
    assert otra.territorio_id == ids["Barrio San Miguel"]


def test_una_pestana_ajena_recibe_el_territorio_y_el_dia(pagina, ids, monkeypatch):
    class Tablero(QWidget):  # what the other tools are: (ctx, parent) and fijar_territorio
        def __init__(self, ctx, parent=None):
            super().__init__(parent)
            self.hoy = None  # kept as a date, not as a callable
            self.territorios = []

        def fijar_territorio(self, tid):
            self.territorios.append(tid)

    monkeypatch.setattr(diagnostico, "_clase", lambda _ruta: Tablero)
    # A key of its own: «dafo» is already a real tab.
    tablero = pagina.agregar_pestana("tablero", "Tablero", "ui.widgets.tablero_dafo:TableroDafo")
    assert tablero.hoy == HOY and tablero.territorios == [ids["Compañía Cerrito"]]
    pagina.mostrar_territorio(ids["Barrio San Miguel"])
    assert tablero.territorios[-1] == ids["Barrio San Miguel"]
    pagina.mostrar_pestana("tablero")
    assert pagina.pestanas.currentWidget() is tablero


def test_buscar_enfoca_el_filtro_de_necesidades(pagina, qtbot):
    pagina.show()
    qtbot.waitExposed(pagina)
    pagina.activateWindow()
    pagina.mostrar_pestana("cruce")
    panel = pagina.panel("necesidades")
    panel.filtro.setText("agua")
    pagina.buscar()
    qtbot.waitUntil(panel.filtro.hasFocus)
    assert pagina.pestanas.currentWidget() is panel and panel.filtro.selectedText() == "agua"
    assert descripciones(panel)[panel.tabla.currentIndex().row()] and panel.proxy.rowCount() == 1


def test_sin_territorios_invita_a_crearlos(pagina, ids, ctx):
    # The demo's plan in execution must be closed before its territory can go.
    ctx.escribir(lambda s: s.execute(update(PlanAccion).values(estado="cerrado")), "plan")
    for tid in ids.values():
        ctx.escribir(lambda s, t=tid: eliminar_territorio(s, t), "territorio")
    assert pagina.pila.currentIndex() == 0 and pagina.territorio_actual() is None
    assert pagina.panel("necesidades").modelo.rowCount() == 0


def test_la_pagina_esta_en_la_barra_lateral_despues_de_la_hoja_de_ruta():
    from ui.ventana_principal import PAGINAS

    claves = [e.clave for e in PAGINAS]
    assert claves.index("diagnostico") == claves.index("hoja_de_ruta") + 1
    assert next(e for e in PAGINAS if e.clave == "diagnostico").cargar() is PaginaDiagnostico


# -- necesidades --------------------------------------------------------------------------------------------------
def test_la_lista_muestra_la_prioridad_los_empates_y_las_brechas(pagina):
    panel = pagina.panel("necesidades")
    assert prioridades(panel) == ["1", "2 (empate)", "2 (empate)", "4", "5", "6", "7", "—"]
    respuestas = [panel.modelo.index(r, COL_RESPUESTA).data() for r in range(panel.modelo.rowCount())]
    assert respuestas[2:4] == ["Brecha", "Brecha"] and respuestas[0] == "1 oportunidad" and respuestas[7] == "—"
    assert panel.estado.text().startswith("8 necesidades · 7 priorizadas · 1 empate")
    assert "Empate" in panel.modelo.index(1, COL_PRIORIDAD).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.necesidad_actual() == panel.modelo.filas()[0].id  # the first is chosen
    assert "Taller de diagnóstico" in panel.detalle.text()


def test_ctrl_abajo_y_arriba_cambian_la_prioridad_y_se_deshacen(pagina, qtbot, ctx):
    panel = pagina.panel("necesidades")
    pagina.show()
    qtbot.waitExposed(pagina)
    pagina.activateWindow()
    primera = panel.modelo.filas()[0]
    panel.tabla.setFocus()
    qtbot.waitUntil(panel.tabla.hasFocus)
    assert not panel.accion_subir.isEnabled() and panel.accion_bajar.isEnabled()
    qtbot.keyClick(panel.tabla, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert descripciones(panel)[1] == primera.descripcion
    assert prioridades(panel) == ["1", "2", "3", "4", "5", "6", "7", "8"]  # ranked by hand: no ties
    assert panel.necesidad_actual() == primera.id  # the moved one stays chosen
    qtbot.keyClick(panel.tabla, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert descripciones(panel)[0] == primera.descripcion
    assert ctx.pila.count() == 2
    ctx.pila.undo()
    ctx.pila.undo()
    assert prioridades(panel) == ["1", "2 (empate)", "2 (empate)", "4", "5", "6", "7", "—"]
    ctx.pila.redo()
    assert prioridades(panel)[-1] == "8"


def test_arrastrar_una_fila_la_pone_en_otro_puesto(pagina, qtbot, ctx):
    panel = pagina.panel("necesidades")
    antes = descripciones(panel)
    datos = panel.proxy.mimeData([panel.proxy.index(0, 0)])
    with qtbot.waitSignal(ctx.cambiado):
        # Dropped between the fourth and fifth rows (the page saves it once the drop is over).
        assert not panel.proxy.dropMimeData(datos, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    assert descripciones(panel) == antes[1:4] + antes[:1] + antes[4:]
    assert prioridades(panel) == [str(n) for n in range(1, 9)]
    # Dropped on a row: it takes that row's place.
    datos = panel.proxy.mimeData([panel.proxy.index(7, 0)])
    with qtbot.waitSignal(ctx.cambiado):
        panel.proxy.dropMimeData(datos, Qt.DropAction.MoveAction, -1, -1, panel.proxy.index(0, 1))
    assert descripciones(panel)[0] == antes[7]
    ctx.pila.undo()
    ctx.pila.undo()
    assert descripciones(panel) == antes


def test_priorizar_por_votos_devuelve_el_ranking_del_taller(pagina, ctx):
    panel = pagina.panel("necesidades")
    panel.ordenar([f.id for f in reversed(panel.modelo.filas())])
    assert prioridades(panel) == [str(n) for n in range(1, 9)]
    mensajes = []
    ctx.mensaje.connect(mensajes.append)
    assert panel.accion_votos.isEnabled()
    panel.accion_votos.trigger()
    assert prioridades(panel) == ["1", "2 (empate)", "2 (empate)", "4", "5", "6", "7", "—"]
    assert mensajes[-1].startswith("Prioridad según los votos: 8 necesidades · 7 priorizadas · 1 empate")
    ctx.pila.undo()
    assert prioridades(panel) == [str(n) for n in range(1, 9)]


def test_alta_edicion_y_baja_de_una_necesidad(pagina, qtbot, ctx, ids, monkeypatch):
    panel = pagina.panel("necesidades")
    d = DialogoNecesidad(ctx, territorio_id=ids["Compañía Cerrito"], hoy=HOY)
    qtbot.addWidget(d)
    assert d.fecha.fecha() == HOY and d.territorio.currentText() == "Compañía Cerrito"
    d.descripcion.setPlainText("Falta un puesto de salud que abra todos los días")
    d.pilar.setCurrentIndex(d.pilar.findData("integracion_social"))
    d.votos.setText("3")
    assert d.guardar()
    nueva = d.necesidad_id
    assert panel.modelo.buscar_id(nueva) >= 0  # the list follows the change
    assert panel.modelo.fila(panel.modelo.buscar_id(nueva)).prioridad_texto == "—"  # not ranked yet

    editar = DialogoNecesidad(ctx, nueva, hoy=HOY)
    qtbot.addWidget(editar)
    assert editar.prioridad.text() == "Sin priorizar"
    editar.votos.setText("mucho")
    editar.descripcion.setPlainText("")
    assert not editar.guardar()
    assert editar.error_de("votos").startswith("«mucho» no es un número")
    assert editar.error_de("descripcion") == "Escriba la descripción de la necesidad."
    assert editar.error_general.text() == "Revise los datos marcados en rojo."
    editar.votos.setText("20")
    editar.descripcion.setPlainText("Falta un puesto de salud abierto todos los días")
    assert editar.guardar()
    assert ctx.leer(lambda s: obtener_necesidad(s, nueva)).votos == 20
    ctx.pila.undo()
    assert ctx.leer(lambda s: obtener_necesidad(s, nueva)).votos == 3

    assert panel.seleccionar(nueva)
    preguntas = []
    monkeypatch.setattr(panel, "confirmar", lambda texto: preguntas.append(texto) or True)
    pagina.show()
    qtbot.waitExposed(pagina)
    pagina.activateWindow()
    panel.tabla.setFocus()
    qtbot.waitUntil(panel.tabla.hasFocus)
    qtbot.keyClick(panel.tabla, Qt.Key.Key_Delete)
    assert preguntas and "¿Eliminar la necesidad «Falta un puesto de salud" in preguntas[0]
    assert panel.modelo.buscar_id(nueva) < 0
    ctx.pila.undo()
    assert panel.modelo.buscar_id(nueva) >= 0


def test_el_dialogo_muestra_el_empate(pagina, ctx, qtbot):
    panel = pagina.panel("necesidades")
    d = DialogoNecesidad(ctx, panel.modelo.filas()[2].id, hoy=HOY)
    qtbot.addWidget(d)
    assert d.prioridad.text() == "2 (empate)"


def test_borrar_con_cruces_avisa_lo_que_se_pierde(pagina):
    panel = pagina.panel("necesidades")
    texto = panel.texto_confirmacion(panel.modelo.filas()[0])
    assert "Se pierde 1 oportunidad confirmada" in texto and "suben un puesto" in texto and "Ctrl+Z" in texto


# -- cruce --------------------------------------------------------------------------------------------------------
def _cruce(pagina):
    pagina.mostrar_pestana("cruce")
    return pagina.panel("cruce")


def test_la_matriz_y_las_brechas(pagina):
    panel = _cruce(pagina)
    assert "7 necesidades priorizadas" in panel.titulo.text() and "2 sin respuesta" in panel.titulo.text()
    brechas = [panel.modelo_brechas.fila(r) for r in range(panel.modelo_brechas.rowCount())]
    assert [b.prioridad for b in brechas] == [2, 4]
    assert panel.modelo_brechas.index(0, 0).data().startswith("2 (empate) · Falta agua segura")
    primera = panel.modelo.headerData(PRIMERA_OPORTUNIDAD, Qt.Orientation.Horizontal)
    assert primera == "Asistencia técnica a pequeños productores (ejemplo)"
    assert panel.modelo.index(0, PRIMERA_OPORTUNIDAD).data(ROL_ESTADO) == CONFIRMADA
    assert panel.modelo.index(0, PRIMERA_OPORTUNIDAD).data() == "✔"
    ayuda = panel.modelo.headerData(PRIMERA_OPORTUNIDAD, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Ofrece: Gobernación de Central" in ayuda and "Cobertura: Compañía Cerrito" in ayuda
    # Choosing a gap in the side list goes to its row.
    panel.lista_brechas.setCurrentIndex(panel.modelo_brechas.index(1, 0))
    assert panel.celda_actual() == (brechas[1].id, None)
    assert "Brecha" in panel.detalle.text()


def test_espacio_pasa_la_celda_por_sus_estados_y_se_deshace(pagina, qtbot, ctx, oportunidades):
    panel = _cruce(pagina)
    agua = panel.modelo.fila(2).necesidad
    tekopora = oportunidades["Tekoporã"]
    assert panel.elegir_celda(agua.id, tekopora)
    assert panel.tabla.currentIndex().data(ROL_ESTADO) == DESCARTADA
    pagina.show()
    qtbot.waitExposed(pagina)
    qtbot.keyClick(panel.tabla, Qt.Key.Key_Space)  # descartada → sin decidir: back to the suggestion
    assert panel.tabla.currentIndex().data(ROL_ESTADO) == SUGERIDA
    qtbot.keyClick(panel.tabla, Qt.Key.Key_Return)  # → confirmada: no longer a gap
    assert panel.tabla.currentIndex().data(ROL_ESTADO) == CONFIRMADA
    assert panel.celda_actual() == (agua.id, tekopora)  # the cursor stays on the cell
    assert panel.modelo_brechas.rowCount() == 1 and "1 sin respuesta" in panel.titulo.text()
    assert pagina.panel("necesidades").modelo.fila(2).confirmadas == 1  # the other tab follows
    ctx.pila.undo()
    ctx.pila.undo()
    assert panel.modelo.index(2, panel.modelo.buscar_oportunidad(tekopora)).data(ROL_ESTADO) == DESCARTADA
    assert panel.modelo_brechas.rowCount() == 2


def test_botones_y_menu_contextual(pagina, oportunidades, ctx):
    panel = _cruce(pagina)
    primera = panel.modelo.fila(0).necesidad
    tenondera = oportunidades["Tenonderã"]
    panel.elegir_celda(primera.id, tenondera)
    assert panel.accion_confirmar.isEnabled() and panel.accion_descartar.isEnabled()
    assert not panel.accion_quitar.isEnabled()  # only suggested: nothing to remove
    panel.accion_descartar.trigger()
    assert panel.tabla.currentIndex().data(ROL_ESTADO) == DESCARTADA and panel.accion_quitar.isEnabled()
    panel._menu(panel.tabla.visualRect(panel.tabla.currentIndex()).center())
    textos = [a.text() for a in panel.menu.actions() if a.text()]
    assert textos == ["Confirmar", "Descartar", "Quitar la decisión", "Otra oportunidad…",
                      "Ver en el Mapa de Oportunidades"]
    panel.menu.close()
    navegado = []
    ctx.navegar.connect(lambda clave, valor: navegado.append((clave, valor)))
    panel.accion_ver.trigger()
    assert navegado == [("oportunidades", tenondera)]
    panel.accion_quitar.trigger()
    assert panel.tabla.currentIndex().data(ROL_ESTADO) == SUGERIDA


def test_confirmar_otra_oportunidad_cierra_una_brecha(pagina, oportunidades):
    panel = _cruce(pagina)
    camino = panel.modelo.fila(3).necesidad
    assert camino.descripcion.startswith("El camino vecinal")
    panel.elegir_celda(camino.id)
    agua = oportunidades["Agua segura para la comunidad (ejemplo)"]
    assert agua in [o.id for o in panel.opciones_otras()]
    assert panel.confirmar_otra(agua)
    assert panel.celda_actual() == (camino.id, agua)
    assert panel.tabla.currentIndex().data(ROL_ESTADO) == CONFIRMADA
    assert panel.modelo_brechas.rowCount() == 1


def test_solo_lectura_se_ve_pero_no_se_cambia(exp, qtbot, ids, oportunidades):
    ro = Expediente.abrir(exp.ruta)
    try:
        assert ro.solo_lectura
        ctx = Contexto(ro)
        p = PaginaDiagnostico(ctx, hoy=lambda: HOY)
        qtbot.addWidget(p)
        necesidades, matriz = p.panel("necesidades"), p.panel("cruce")
        assert necesidades.modelo.rowCount() == 8
        assert not necesidades.accion_nueva.isEnabled() and not necesidades.accion_eliminar.isEnabled()
        assert not necesidades.accion_votos.isEnabled() and not necesidades.accion_bajar.isEnabled()
        assert necesidades.accion_editar.text() == "Ver ficha"
        assert not necesidades.modelo.arrastrable
        assert not necesidades.modelo.flags(necesidades.modelo.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
        assert not necesidades.ordenar([f.id for f in reversed(necesidades.modelo.filas())])
        matriz.elegir_celda(matriz.modelo.fila(0).necesidad.id, oportunidades["Tenonderã"])
        assert not matriz.accion_confirmar.isEnabled() and not matriz.ciclar_actual()
        d = DialogoNecesidad(ctx, necesidades.modelo.filas()[0].id, hoy=HOY)
        qtbot.addWidget(d)
        assert d.boton_guardar is None and d.descripcion.isReadOnly() and "solo lectura" in d.windowTitle()
        assert ctx.pila.count() == 0
    finally:
        ro.cerrar()
