"""Modo presentación (F5): diapositivas del plan vivo, teclado de presentador, pantalla negra, solo lectura."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication
from sqlalchemy import func, select

from nucleo.modelo.auditoria import Auditoria
from nucleo.servicios.plan import DatosPlan, crear_plan, plan_del_territorio
from nucleo.servicios.territorios import listar_territorios
from ui import diapositivas as dp
from ui.contexto import Contexto
from ui.presentacion import ModoPresentacion, _filas_gantt, pantalla_preferida, presentar, reunir

HOY = date(2026, 11, 18)
TITULOS = [
    "Plan de Acción Barrio San Miguel",
    "El territorio y sus necesidades priorizadas",
    "Las brechas: necesidades sin oferta confirmada",
    "Resultados e indicadores (1 de 2)",
    "Resultados e indicadores (2 de 2)",
    "El cronograma",
    "El presupuesto por fuente de fondos",
    "Los riesgos: mapa de calor",
    "La sanción del plan: estado y firmas",
]
TAMANOS = (QSize(1366, 768), QSize(1920, 1080))


def _territorio(ctx: Contexto, nombre: str) -> int:
    return next(t.id for t in ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id)) if t.nombre == nombre)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan_id(ctx):
    tid = _territorio(ctx, "Barrio San Miguel")
    return ctx.leer(lambda s: plan_del_territorio(s, ctx.municipio_id, tid))


@pytest.fixture
def ventana(qtbot, ctx, plan_id):
    w = ModoPresentacion(ctx, plan_id, hoy=HOY)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def _auditoria(ctx: Contexto) -> int:
    return ctx.leer(lambda s: s.scalar(select(func.count()).select_from(Auditoria)))


def test_diapositivas_del_plan_de_la_demo(ventana):
    assert ventana.titulos() == TITULOS
    d = ventana.datos
    assert d.municipio == "Villeta" and d.revision == 1
    assert [n.prioridad for n in d.necesidades] == ["1", "2", "3", "4"]
    assert len(d.brechas) == 2 and all(b.respuesta.startswith("R") for b in d.brechas)
    assert [r.codigo for r in d.resultados] == ["R1", "R2", "R3", "R4", "R5"]
    # The overview has one bar per top-level group, not one per activity.
    assert len(d.gantt) == 6 and d.gantt_por == "grupo"
    assert any(f.criticos for f in d.gantt)
    assert sum(m for _t, m in d.fuentes) == d.presupuesto_total > 0
    assert sum(map(sum, d.conteos)) == d.n_riesgos > 0


def test_teclas_de_navegacion_y_del_presentador(qtbot, ventana):
    ultimo = len(TITULOS) - 1
    for tecla in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return):
        antes = ventana.indice
        qtbot.keyClick(ventana, tecla)
        assert ventana.indice == antes + 1
    for tecla in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
        antes = ventana.indice
        qtbot.keyClick(ventana, tecla)
        assert ventana.indice == antes - 1
    qtbot.keyClick(ventana, Qt.Key.Key_End)
    assert ventana.indice == ultimo
    qtbot.keyClick(ventana, Qt.Key.Key_PageDown)  # past the last one it stays there
    assert ventana.indice == ultimo
    qtbot.keyClick(ventana, Qt.Key.Key_Home)
    assert ventana.indice == 0
    qtbot.keyClick(ventana, Qt.Key.Key_PageUp)
    assert ventana.indice == 0


def test_b_pone_la_pantalla_en_negro(qtbot, ventana):
    qtbot.keyClick(ventana, Qt.Key.Key_PageDown)
    qtbot.keyClick(ventana, Qt.Key.Key_B)
    assert ventana.negro
    imagen = ventana.grab().toImage()
    assert {QColor(imagen.pixel(x, y)).name() for x, y in ((5, 5), (683, 384), (1300, 700))} == {"#000000"}
    # Any slide key first brings the slide back where it was (clickers send PgDn).
    qtbot.keyClick(ventana, Qt.Key.Key_PageDown)
    assert not ventana.negro and ventana.indice == 1
    qtbot.keyClick(ventana, Qt.Key.Key_B)
    qtbot.keyClick(ventana, Qt.Key.Key_B)
    assert not ventana.negro and ventana.indice == 1
    assert QColor(ventana.grab().toImage().pixel(683, 384)).name() != "#000000"


def test_esc_cierra(qtbot, ventana):
    with qtbot.waitSignal(ventana.cerrada):
        qtbot.keyClick(ventana, Qt.Key.Key_Escape)
    assert not ventana.isVisible()


def test_nada_se_escribe_en_el_expediente(qtbot, ctx, plan_id):
    antes = _auditoria(ctx)
    w = ModoPresentacion(ctx, plan_id, hoy=HOY)
    qtbot.addWidget(w)
    for k in range(len(w.diapositivas)):
        w.ir_a(k)
        w.imagen(k, QSize(1366, 768))
    w.recargar()
    assert _auditoria(ctx) == antes
    assert not ctx.pila.canUndo()


@pytest.mark.parametrize("tamano", TAMANOS, ids=["1366x768", "1920x1080"])
def test_cada_diapositiva_se_pinta_en_los_dos_tamanos(qtbot, ventana, tamano):
    for k in range(len(ventana.diapositivas)):
        imagen = ventana.imagen(k, tamano)
        assert imagen.size() == tamano
        # The counter «N / M» in the footer and the slide itself are drawn: not a blank image.
        colores = {imagen.pixel(x, y) for x in range(0, tamano.width(), 37) for y in range(0, tamano.height(), 29)}
        assert len(colores) > 3
    ventana.resize(tamano)
    for k in range(len(ventana.diapositivas)):
        ventana.ir_a(k)
        assert not ventana.grab().isNull()


def test_tipografia_legible_desde_el_fondo_de_la_sala():
    assert dp.TITULO >= 4 and dp.MINIMO >= 2.5 and dp.CUERPO >= 2.5


def test_un_plan_recien_creado_tambien_se_presenta(qtbot, ctx):
    tid = _territorio(ctx, "Barrio Industrial")
    pid = ctx.escribir(lambda s: crear_plan(s, ctx.municipio_id, tid, DatosPlan(
        titulo="Plan de Acción Barrio Industrial", inicio=date(2026, 12, 1))), "plan")
    w = ModoPresentacion(ctx, pid, hoy=HOY)
    qtbot.addWidget(w)
    assert w.datos.gantt == [] and w.datos.resultados == [] and w.datos.fuentes == []
    assert len(w.diapositivas) == len(TITULOS) - 1  # one page of results, saying there are none yet
    for tamano in TAMANOS:
        for k in range(len(w.diapositivas)):
            w.imagen(k, tamano)


def test_estado_de_las_firmas(ctx):
    from nucleo.servicios import sancion
    from nucleo.servicios.plan import cambiar_estado

    tid = _territorio(ctx, "Barrio Industrial")

    def preparar(s):
        pid = crear_plan(s, ctx.municipio_id, tid, DatosPlan(titulo="Plan de Acción Barrio Industrial",
                                                             inicio=date(2026, 12, 1)))
        cambiar_estado(s, pid, "en_revision")
        ids = sancion.firmantes_por_defecto(s, pid)
        sancion.registrar_firma(s, ids[0], date(2026, 11, 12))
        return pid

    pid = ctx.escribir(preparar, "plan")
    d = ctx.leer(lambda s: reunir(s, ctx.municipio_id, pid, HOY))
    assert d.estado == "en_revision" and d.revisiones == []
    assert d.firmantes is not None and len(d.firmantes) >= 4
    assert [f.fecha for f in d.firmantes if f.fecha] == ["12/11/2026"]
    w = ModoPresentacion(ctx, pid, hoy=HOY)
    assert w.titulos()[-1] == "La sanción del plan: estado y firmas"
    w.imagen(len(w.diapositivas) - 1, QSize(1366, 768))
    w.deleteLater()


def test_resultados_largos_siguen_en_otra_diapositiva():
    indicador = dp.IndicadorP("i", "0", "1", "", None, "—", False, False)
    paginas = dp.paginar_resultados([dp.ResultadoP("R1", "uno", [indicador] * 8),
                                     dp.ResultadoP("R2", "dos", [indicador] * 2)])
    assert [[(r.codigo, len(r.indicadores), r.continuacion) for r in p] for p in paginas] == [
        [("R1", 6, False)], [("R1", 2, True), ("R2", 2, False)]]


def test_presentar_abre_a_pantalla_completa_en_la_pantalla_elegida(qtbot, ctx):
    assert pantalla_preferida() is QGuiApplication.primaryScreen()  # only one screen offscreen
    w = presentar(ctx, None, None)  # the demo has a single plan: no question asked
    assert w is not None
    qtbot.addWidget(w)
    assert w.isFullScreen() and w.titulos() == TITULOS
    assert w.windowFlags() & Qt.WindowType.FramelessWindowHint
    with qtbot.waitSignal(w.cerrada):
        qtbot.keyClick(w, Qt.Key.Key_Escape)


def test_sin_grupos_el_cronograma_va_por_resultado():
    def tarea(ident, resultado, inicio, fin, critica=False, hito=False):
        return SimpleNamespace(id=ident, padre_id=None, es_resumen=False, codigo=str(ident), nombre=f"t{ident}",
                               resultado_codigo=resultado, inicio=inicio, fin=fin, duracion=5, avance=50,
                               critica=critica, hito=hito)

    filas, por = _filas_gantt([tarea(1, "R2", date(2027, 1, 4), date(2027, 1, 8), critica=True),
                               tarea(2, "R1", date(2027, 1, 11), date(2027, 1, 15)),
                               tarea(3, "R2", date(2027, 1, 11), date(2027, 1, 15), critica=True),
                               tarea(4, "", date(2027, 2, 1), date(2027, 2, 1), hito=True)],
                              {"R1": 1, "R2": 2}, {"R1": "Primero", "R2": "Segundo"})
    assert por == "resultado"
    assert [(f.codigo, f.nombre) for f in filas] == [("R1", "Primero"), ("R2", "Segundo"), ("", "Sin resultado")]
    # Critical stretches that touch are drawn as one band.
    assert filas[1].criticos == [(date(2027, 1, 4), date(2027, 1, 15))] and filas[1].inicio == date(2027, 1, 4)
    assert filas[2].hitos == [date(2027, 2, 1)]


def test_f5_en_la_ventana_presenta_el_plan_de_la_pagina(qtbot, expediente_demo, monkeypatch):
    from ui import presentacion
    from ui.acciones import Accion
    from ui.ventana_principal import VentanaPrincipal

    pedidos = []
    monkeypatch.setattr(presentacion, "presentar", lambda ctx, plan_id, padre, **_k: pedidos.append(plan_id))
    v = VentanaPrincipal(expediente_demo)
    qtbot.addWidget(v)
    assert [k.toString() for k in v.acciones[Accion.PRESENTAR].shortcuts()] == ["F5"]
    v.navegar("plan", None)
    pagina = v.pagina("plan")
    v.acciones[Accion.PRESENTAR].trigger()
    v.navegar("territorios", None)
    v.acciones[Accion.PRESENTAR].trigger()  # elsewhere: None, so presentar asks which plan
    assert pedidos == [pagina.plan_actual(), None] and pedidos[0] is not None
