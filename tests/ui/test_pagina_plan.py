"""Página Plan de Acción: crear el plan desde el estado vacío, la pestaña «Plan» (apartados i–vii, estado) y la
pestaña «Resultados» (alta, orden, baja y la cadena necesidad → resultado → actividad → oportunidad)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget

from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.necesidades import listar_necesidades
from nucleo.servicios.territorios import listar_territorios
from ui.contexto import Contexto
from ui.dialogos.plan import DialogoPlan
from ui.dialogos.resultado import DialogoResultado
from ui.paginas.plan import PESTANAS, PaginaPlan

HOY = date(2026, 11, 18)
CERRITO = "Compañía Cerrito"  # in stage 3, with prioritised needs and no plan yet


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def tid(ctx):
    filas = ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id, HOY))
    return next(f.id for f in filas if f.nombre == CERRITO)


@pytest.fixture
def pagina(qtbot, ctx, tid):
    p = PaginaPlan(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.mostrar_territorio(tid)
    return p


def _crear_plan(ctx, tid, **extra) -> int:
    datos = pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2026, 12, 1), objetivo="Responder", **extra)
    return ctx.escribir(lambda s: pl.crear_plan(s, ctx.municipio_id, tid, datos), "plan")


def test_la_pagina_esta_despues_del_diagnostico_y_tiene_las_pestanas_del_contrato():
    from ui.ventana_principal import PAGINAS

    claves = [e.clave for e in PAGINAS]
    assert claves.index("plan") == claves.index("diagnostico") + 1
    entrada = next(e for e in PAGINAS if e.clave == "plan")
    assert entrada.cargar() is PaginaPlan and entrada.titulo == "Plan de Acción"
    assert [c for c, _t, _r in PESTANAS] == ["plan", "resultados", "cronograma", "seguimiento", "presupuesto",
                                             "indicadores", "metas", "riesgos", "sancion"]


def test_crear_el_plan_desde_el_estado_vacio_y_deshacerlo(qtbot, pagina, ctx, tid, monkeypatch):
    assert pagina.pila_plan.currentWidget() is pagina.vacio_plan
    assert pagina.vacio_plan.titulo.text() == "Este territorio todavía no tiene Plan de Acción"
    assert pagina.boton_crear.text().replace("&", "") == "Crear el Plan de Acción…"

    def completar(dialogo):
        # What the coordinator types; the start date comes proposed as the next working day.
        assert dialogo.inicio.fecha() == date(2026, 11, 19)
        dialogo.titulo.setText("Plan de Acción Cerrito 2027")
        dialogo.inicio.fijar(date(2027, 2, 1))
        dialogo.objetivo.setPlainText("Agua segura para las familias")
        return dialogo.guardar()

    monkeypatch.setattr(DialogoPlan, "exec", completar)
    pagina.boton_crear.click()
    pid = pagina.plan_actual()
    assert pid is not None and pagina.pila_plan.currentIndex() == 1
    assert pagina.titulo_plan.text() == "Plan de Acción Cerrito 2027"
    assert pagina.chip.text() == "Borrador"
    assert "Revisión 1" in pagina.cifras.text()
    assert "se modifica" in pagina.motivo.text()
    assert pagina.panel("plan").titulo.text() == "Plan de Acción Cerrito 2027"

    ctx.pila.undo()
    assert pagina.plan_actual() is None and pagina.pila_plan.currentWidget() is pagina.vacio_plan
    assert ctx.leer(lambda s: pl.plan_del_territorio(s, ctx.municipio_id, tid)) is None
    ctx.pila.redo()
    assert pagina.plan_actual() == pid  # restored with the same number
    assert ctx.leer(lambda s: pl.obtener_plan(s, pid)).objetivo == "Agua segura para las familias"


def test_el_dialogo_marca_la_fecha_mal_escrita(qtbot, ctx, tid):
    dialogo = DialogoPlan(ctx, tid, CERRITO, hoy=HOY)
    qtbot.addWidget(dialogo)
    dialogo.inicio.editor.setText("31/02/2027")
    assert not dialogo.guardar()
    assert dialogo.error_de("inicio")
    assert ctx.pila.count() == 0


def test_un_apartado_se_guarda_al_salir_del_campo_y_se_deshace(qtbot, pagina, ctx, tid):
    pid = _crear_plan(ctx, tid)
    panel = pagina.panel("plan")
    assert panel.plan_id == pid
    assert panel.seccion("i").title() == "i. Organización del trabajo con los proveedores"
    assert [panel.seccion(n).title().split(".")[0] for n in ("i", "ii", "iii", "iv", "v", "vi", "vii")] == [
        "i", "ii", "iii", "iv", "v", "vi", "vii"]
    antes = ctx.pila.count()

    panel.organizacion.setPlainText("Reunión ejecutiva mensual con las instituciones.")
    QApplication.sendEvent(panel.organizacion, QFocusEvent(QEvent.Type.FocusOut))
    assert ctx.pila.count() == antes + 1
    assert ctx.pila.undoText() == "Modificar «Organización del trabajo» del plan"
    assert ctx.leer(lambda s: pl.obtener_plan(s, pid)).organizacion == "Reunión ejecutiva mensual con las " \
                                                                        "instituciones."
    # Leaving again without changes adds nothing.
    QApplication.sendEvent(panel.organizacion, QFocusEvent(QEvent.Type.FocusOut))
    assert ctx.pila.count() == antes + 1

    ctx.pila.undo()
    assert ctx.leer(lambda s: pl.obtener_plan(s, pid)).organizacion == ""
    assert panel.organizacion.toPlainText() == ""
    ctx.pila.redo()
    assert panel.organizacion.toPlainText() == "Reunión ejecutiva mensual con las instituciones."


def test_ctrl_s_guarda_cada_campo_en_su_orden_y_marca_los_errores(qtbot, pagina, ctx, tid):
    pid = _crear_plan(ctx, tid)
    panel = pagina.panel("plan")
    antes = ctx.pila.count()
    panel.titulo.setText("Plan de Cerrito")
    panel.control_comunitario.setPlainText("Comité vecinal de control")
    assert panel.guardar_todo()
    assert ctx.pila.count() == antes + 2  # one command per field
    d = ctx.leer(lambda s: pl.obtener_plan(s, pid))
    assert (d.titulo, d.control_comunitario) == ("Plan de Cerrito", "Comité vecinal de control")
    ctx.pila.undo()
    assert ctx.leer(lambda s: pl.obtener_plan(s, pid)).titulo == "Plan de Cerrito"  # only the last field undone

    panel.inicio.editor.setText("40/40/2027")
    assert not panel.guardar_campo("inicio")
    assert panel.marcador.widget("inicio").styleSheet()  # marked in red, nothing saved
    panel.inicio.editor.setText("")
    assert not panel.guardar_campo("inicio")  # the service requires the start date
    assert ctx.leer(lambda s: pl.obtener_plan(s, pid)).inicio == date(2026, 12, 1)


def test_el_estado_avanza_con_sus_botones_y_bloquea_la_estructura(qtbot, pagina, ctx, tid):
    pid = _crear_plan(ctx, tid)
    panel = pagina.panel("plan")
    assert list(panel.botones_paso) == ["en_revision"]
    assert panel.pasar_a("en_revision")
    assert panel.chip.text() == "En revisión" and set(panel.botones_paso) == {"borrador", "sancionado"}
    # Without activities the plan cannot be sanctioned: the service says why and nothing changes.
    ctx.escribir(lambda s: act.crear_actividad(s, pid, act.DatosActividad(nombre="Taller", duracion=2)), "actividad")
    # «Sancionar…» leads to the Sanción tab (signatures and the frozen revision) instead of just changing the state.
    assert not panel.pasar_a("sancionado", confirmar=False)
    assert pagina.pestanas.currentWidget() is pagina.panel("sancion")
    assert ctx.leer(lambda s: pl.resumen_plan(s, pid, HOY)).estado == "en_revision"
    ctx.escribir(lambda s: pl.cambiar_estado(s, pid, "sancionado"), "plan")
    assert pagina.chip.text() == "Sancionado"
    assert panel.titulo.isReadOnly() and panel.organizacion.isReadOnly()
    assert "ya no se modifica" in panel.titulo.toolTip()
    ctx.escribir(lambda s: pl.cambiar_estado(s, pid, "en_revision"), "plan")
    assert not panel.titulo.isReadOnly()


def test_los_apartados_derivados_leen_actividades_y_resultados(qtbot, pagina, ctx, tid):
    pid = _crear_plan(ctx, tid)

    def cargar(s):
        a = act.crear_actividad(s, pid, act.DatosActividad(nombre="Diagnóstico de agua", duracion=5,
                                                           condiciones="Informe entregado"))
        act.crear_actividad(s, pid, act.DatosActividad(
            nombre="Compra de tanques", duracion=10, lado="comunidad", predecesoras=(act.DatosVinculo(a),),
            recursos=(act.DatosRecurso(descripcion="Tanques", cantidad=4, costo_unitario=1_500_000,
                                       fuente="departamental"),)))

    ctx.escribir(cargar, "actividad")
    panel = pagina.panel("plan")
    assert "2 actividades" in panel.resumen_actividades.text()
    assert "Ruta crítica: 2 actividades" in panel.resumen_actividades.text()
    filas = {f.lado: f.actividades for f in panel.modelo_lados.filas()}
    assert filas == {"municipalidad": 1, "servicio_publico": 0, "comunidad": 1}
    assert "1 actividad todavía no dice sus condiciones" in panel.faltan_condiciones.text()
    assert "Compra de tanques" in panel.faltan_condiciones.text()
    assert "Departamental: ₲ 6.000.000" in panel.totales_fuente.text()
    assert "no tienen resultado" in panel.resumen_resultados.text()  # Cerrito's prioritised needs: brechas
    panel.boton_cronograma.click()
    assert pagina.pestanas.currentWidget() is pagina.panel("cronograma")


# -- resultados ---------------------------------------------------------------------------------------------------
def test_resultados_alta_orden_baja_y_cadena(qtbot, pagina, ctx, tid, qtmodeltester):
    pid = _crear_plan(ctx, tid)
    panel = pagina.panel("resultados")
    necesidades = ctx.leer(lambda s: listar_necesidades(s, ctx.municipio_id, tid))
    primera = next(n for n in necesidades if n.prioridad == 1)

    dialogo = DialogoResultado(ctx, pid, parent=panel)
    qtbot.addWidget(dialogo)
    textos = [dialogo.necesidades.item(i).text() for i in range(dialogo.necesidades.count())]
    assert textos[0].startswith("Prioridad 1 · ")  # the community's order
    dialogo.descripcion.setPlainText("Familias con agua segura")
    dialogo.pilar.setCurrentIndex(dialogo.pilar.findData("integracion_social"))
    for i in range(dialogo.necesidades.count()):
        item = dialogo.necesidades.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == primera.id:
            item.setCheckState(Qt.CheckState.Checked)
    assert dialogo.guardar()
    r1 = dialogo.resultado_id
    ctx.escribir(lambda s: pl.crear_resultado(s, pid, pl.DatosResultado(descripcion="Mesa funcionando")), "resultado")

    assert [f.codigo for f in panel.modelo.filas()] == ["R1", "R2"]
    assert panel.modelo.index(0, 3).data().startswith("Prioridad 1 · ")
    assert panel.modelo.index(1, 3).data() == "— ninguna —"

    # The chain, by need: the first need leads to R1; a prioritised need no result answers is a gap, in red.
    textos = panel.textos_cadena()
    assert textos[0].startswith("Prioridad 1 · ") and textos[1].strip().startswith("R1 · ")
    assert any("sin resultado: brecha del plan" in t for t in textos)
    panel.fijar_sentido("oportunidad")
    assert "Ninguna actividad dice todavía" in panel.textos_cadena()[0]
    panel.fijar_sentido("necesidad")

    # Order and delete, both undoable.
    panel.seleccionar(r1)
    assert panel.mover(1)
    assert [f.id for f in panel.modelo.filas()][1] == r1 and panel.resultado_actual() == r1
    assert panel.eliminar(confirmar=False)
    assert [f.descripcion for f in panel.modelo.filas()] == ["Mesa funcionando"]
    ctx.pila.undo()
    assert r1 in [f.id for f in panel.modelo.filas()]
    ctx.pila.undo()
    assert [f.id for f in panel.modelo.filas()][0] == r1

    qtmodeltester.check(panel.modelo)
    qtmodeltester.check(panel.modelo_cadena)
    qtmodeltester.check(pagina.panel("plan").modelo_lados)


def test_con_el_plan_sancionado_los_resultados_se_consultan(qtbot, pagina, ctx, tid):
    pid = _crear_plan(ctx, tid)

    def preparar(s):
        pl.crear_resultado(s, pid, pl.DatosResultado(descripcion="Agua segura"))
        act.crear_actividad(s, pid, act.DatosActividad(nombre="Taller", duracion=1))
        pl.cambiar_estado(s, pid, "en_revision")
        pl.cambiar_estado(s, pid, "sancionado")

    ctx.escribir(preparar, "plan")
    panel = pagina.panel("resultados")
    assert panel.modelo.rowCount() == 1
    assert not panel.accion_nuevo.isEnabled() and not panel.accion_eliminar.isEnabled()
    assert panel.accion_editar.isEnabled() and panel.accion_editar.text() == "Ver"
    assert "ya no se modifica" in panel.estado_texto.text()


def test_territorios_lleva_al_plan_del_territorio_elegido(qtbot, ctx, tid):
    from ui.paginas.territorios import PaginaTerritorios

    territorios = PaginaTerritorios(ctx)
    qtbot.addWidget(territorios)
    territorios.seleccionar(tid)
    assert territorios.accion_plan.shortcut().toString() == "Ctrl+Shift+P"
    with qtbot.waitSignal(ctx.navegar) as pedido:
        territorios.accion_plan.trigger()
    assert pedido.args == ["plan", tid]


# -- impresos ---------------------------------------------------------------------------------------------------------
def test_imprimir_da_el_impreso_de_la_pestana_que_se_ve(qtbot, ctx, monkeypatch, tmp_path):
    from nucleo.servicios.plan import plan_del_territorio
    from ui import acciones_datos

    filas = ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id, HOY))
    san_miguel = next(f.id for f in filas if f.nombre == "Barrio San Miguel")
    p = PaginaPlan(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.mostrar_territorio(san_miguel)
    assert p.plan_actual() == ctx.leer(lambda s: plan_del_territorio(s, ctx.municipio_id, san_miguel))
    propuestas: list[str] = []

    def pedir(_self, _titulo, propuesta, _filtro):
        propuestas.append(propuesta)
        return tmp_path / f"{len(propuestas)}.pdf"

    monkeypatch.setattr(acciones_datos.ImpresoDeRegistro, "pedir_destino", pedir)
    textos = []
    for pestana in ("plan", "cronograma", "presupuesto", "metas"):
        p.mostrar_pestana(pestana)
        p.accion_imprimir.trigger()  # Ctrl+P
        qtbot.waitUntil(lambda: not p.impreso.tarea.en_curso, timeout=60000)
        textos.append(" ".join(texto_de_pdf(tmp_path / f"{len(propuestas)}.pdf")))
    assert propuestas == [f"{doc} - Barrio San Miguel - Villeta - 2026-11-18.pdf" for doc in
                          ("Plan de Acción", "Cronograma", "Presupuesto", "Calendario de metas")]
    plan, cronograma, presupuesto, metas = textos
    assert "i. Organización del trabajo" in plan and "Ruta crítica" in plan
    assert "Cronograma: Plan de Acción Barrio San Miguel" in cronograma
    assert "Por fuente de los fondos" in presupuesto and "₲" in presupuesto
    assert "Calendario de metas" in metas
    # The menu offers every printout, the A3 schedule and the risk matrix included.
    assert len(p.acciones_impresos) == 6 and p.boton_imprimir.menu() is p.menu_imprimir


def test_ctrl_p_imprime_lo_de_la_pestana_y_la_pagina_no_tiene_otro_ctrl_p(qtbot, ctx):
    """Ctrl+P is the window's Archivo › Imprimir…, which asks the page what it prints: a second Ctrl+P in the page
    or a tab would make Qt find the key ambiguous and do nothing."""
    from PySide6.QtGui import QKeySequence

    filas = ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id, HOY))
    san_miguel = next(f.id for f in filas if f.nombre == "Barrio San Miguel")
    p = PaginaPlan(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.mostrar_territorio(san_miguel)
    ctrl_p = QKeySequence("Ctrl+P")
    assert not [a for w in [p, *p.findChildren(QWidget)] for a in w.actions() if ctrl_p in a.shortcuts()]
    pedidos = {}
    for pestana in ("plan", "cronograma", "presupuesto", "metas", "riesgos", "indicadores"):
        p.mostrar_pestana(pestana)
        pedido = p.impreso_actual()
        pedidos[pestana] = (pedido.impreso, pedido.vista, pedido.id == p.plan_actual())
    assert pedidos == {"plan": ("plan", None, True), "cronograma": ("cronograma", "a4", True),
                       "presupuesto": ("presupuesto", None, True), "metas": ("metas", None, True),
                       "riesgos": ("riesgos", None, True), "indicadores": ("plan", None, True)}
