"""El diagrama de Gantt: lista y barras sincronizadas, arrastres y teclado que solo piden cambios (señales)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from nucleo.calendario import Calendario
from nucleo.servicios.actividades import FilaActividad
from ui.widgets.gantt import VistaGantt

HOY = date(2026, 11, 18)  # Wednesday
INICIO = date(2026, 11, 16)  # Monday


_VALORES = {"padre_id": None, "es_resumen": False, "resultado_id": None, "resultado_codigo": "",
            "responsable_id": None, "responsable": "", "lado": "municipalidad", "hito": False, "inicio_fijo": None,
            "inicio_tardio": None, "fin_tardio": None, "holgura_total": 0, "holgura_libre": 0, "critica": False,
            "base_inicio": None, "base_fin": None, "desvio": None, "avance": 0, "inicio_real": None,
            "fin_real": None, "semaforo": "al_dia", "costo": 0, "predecesoras": (), "condiciones": "",
            "medio_verificacion": ""}


def Fila(id: int, codigo: str, nivel: int, nombre: str, inicio: date | None, fin: date | None,  # noqa: N802
         duracion: int, **campos) -> FilaActividad:
    """Una FilaActividad de prueba: lo que no se da toma un valor neutro."""
    valores = {**_VALORES, **campos}
    return FilaActividad(id=id, codigo=codigo, nivel=nivel, nombre=nombre, inicio=inicio, fin=fin, duracion=duracion,
                         **valores)


def _filas(extra: int = 0) -> list[Fila]:
    filas = [
        Fila(1, "1", 0, "Preparación", date(2026, 11, 16), date(2026, 11, 24), 7, es_resumen=True,
             holgura_total=None),
        Fila(2, "1.1", 1, "Convocar a la mesa", date(2026, 11, 16), date(2026, 11, 19), 4, critica=True,
             avance=50, padre_id=1),
        Fila(3, "1.2", 1, "Taller con vecinos", date(2026, 11, 20), date(2026, 11, 24), 3, holgura_total=5,
             padre_id=1, predecesoras=((2, "FC", 0),)),
        Fila(4, "1.3", 1, "Mesa instalada", date(2026, 11, 24), date(2026, 11, 24), 0, hito=True, padre_id=1,
             predecesoras=((3, "FC", 0),)),
        Fila(5, "1.4", 1, "Informe", date(2026, 11, 16), date(2026, 11, 17), 2, holgura_total=3, padre_id=1,
             predecesoras=((2, "CC", 0),)),
        Fila(6, "1.5", 1, "Cierre", date(2026, 11, 18), date(2026, 11, 19), 2, holgura_total=3, padre_id=1,
             predecesoras=((2, "FF", 0), (5, "CF", 2))),
    ]
    for k in range(extra):
        n = 100 + k
        filas.append(Fila(n, f"2.{k + 1}", 1, f"Tarea {k + 1}", date(2026, 11, 16), date(2026, 11, 18), 3,
                          holgura_total=2))
    return filas


@pytest.fixture
def cal() -> Calendario:
    return Calendario()


@pytest.fixture
def vista(qtbot, cal) -> VistaGantt:
    v = VistaGantt()
    qtbot.addWidget(v)
    v.resize(1200, 600)
    v.show()
    qtbot.waitExposed(v)
    v.cargar(_filas(), cal, INICIO, HOY)
    v.fijar_zoom("dia")
    v.ir_al_inicio()
    return v


def _arrastrar(qtbot, vista: VistaGantt, desde: QPoint, dx: int, modificadores=Qt.KeyboardModifier.NoModifier):
    destino = desde + QPoint(dx, 0)
    vp = vista.grafico().viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, modificadores, desde)
    qtbot.mouseMove(vp, desde + QPoint(dx // 2, 0))
    qtbot.mouseMove(vp, destino)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, modificadores, destino)


def test_el_modelo_pasa_el_probador_de_qt(qtmodeltester, vista):
    qtmodeltester.check(vista.modelo())
    modelo = vista.modelo()
    assert modelo.rowCount() == 6
    assert [modelo.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Código", "Actividad", "Duración", "Inicio", "Fin", "Holgura"]
    assert modelo.index(1, 3).data() == "16/11/2026"
    assert modelo.index(0, 1).data(Qt.ItemDataRole.FontRole).bold()  # the summary


def test_elegir_en_la_lista_elige_la_barra_y_al_reves(qtbot, vista):
    with qtbot.waitSignal(vista.seleccion_cambiada) as senal:
        vista.tabla().selectRow(2)
    assert senal.args == [3]
    assert vista.actividad_actual() == 3
    assert vista.grafico().item.seleccionada == 2
    # A click on a bar selects its row in the list.
    qtbot.mouseClick(vista.grafico().viewport(), Qt.MouseButton.LeftButton, pos=vista.punto_de(5))
    assert vista.actividad_actual() == 5
    assert vista.tabla().currentIndex().row() == 4
    vista.seleccionar(None)
    assert vista.actividad_actual() is None


def test_arrastrar_una_barra_pide_moverla_al_dia_habil_bajo_el_puntero(qtbot, vista):
    # «Taller» starts on Friday 20/11; one day to the right is Saturday: it snaps to Monday 23/11.
    ppd = round(vista.pixeles_por_dia())
    with qtbot.waitSignal(vista.mover_pedido) as senal:
        _arrastrar(qtbot, vista, vista.punto_de(3), ppd)
    assert senal.args == [3, date(2026, 11, 23)]
    with qtbot.waitSignal(vista.mover_pedido) as senal:
        _arrastrar(qtbot, vista, vista.punto_de(3), 2 * ppd)  # Sunday
    assert senal.args == [3, date(2026, 11, 23)]
    with qtbot.waitSignal(vista.mover_pedido) as senal:
        _arrastrar(qtbot, vista, vista.punto_de(3), -ppd)  # Thursday
    assert senal.args == [3, date(2026, 11, 19)]


def test_estirar_el_borde_pide_otra_duracion_en_dias_habiles(qtbot, vista):
    ppd = round(vista.pixeles_por_dia())
    # «Convocar» Mon 16 – Thu 19 (4 days); to the end of Monday 23 it covers 6 working days.
    with qtbot.waitSignal(vista.duracion_pedida) as senal:
        _arrastrar(qtbot, vista, vista.punto_de(2, "borde"), 4 * ppd)
    assert senal.args == [2, 6]
    with qtbot.waitSignal(vista.duracion_pedida) as senal:
        _arrastrar(qtbot, vista, vista.punto_de(2, "borde"), -10 * ppd)  # never below one day
    assert senal.args == [2, 1]


def test_arrastrar_el_asa_hasta_otra_barra_pide_un_vinculo(qtbot, vista):
    vp = vista.grafico().viewport()
    desde, hasta = vista.punto_de(2, "asa"), vista.punto_de(4)
    with qtbot.waitSignal(vista.vinculo_pedido) as senal:
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, desde)
        qtbot.mouseMove(vp, desde + QPoint(20, 10))
        qtbot.mouseMove(vp, hasta)
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, hasta)
    assert senal.args == [2, 4]
    # With Shift, dragging the bar itself links too.
    mayus = Qt.KeyboardModifier.ShiftModifier
    desde, hasta = vista.punto_de(5), vista.punto_de(3)
    with qtbot.waitSignal(vista.vinculo_pedido) as senal:
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, mayus, desde)
        qtbot.mouseMove(vp, desde + QPoint(20, -10))
        qtbot.mouseMove(vp, hasta)
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, mayus, hasta)
    assert senal.args == [5, 3]
    # Dropped on empty space or on a summary: nothing is asked.
    with qtbot.assertNotEmitted(vista.vinculo_pedido):
        _arrastrar(qtbot, vista, vista.punto_de(5, "asa"), 300)
        desde, hasta = vista.punto_de(5, "asa"), vista.punto_de(1)
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, desde)
        qtbot.mouseMove(vp, desde + QPoint(20, -10))
        qtbot.mouseMove(vp, hasta)
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, hasta)


def test_teclado_mueve_cambia_duracion_edita_y_hace_zoom(qtbot, vista):
    vista.seleccionar(3)
    tabla = vista.tabla()
    with qtbot.waitSignal(vista.mover_pedido) as senal:
        qtbot.keyClick(tabla, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert senal.args == [3, date(2026, 11, 23)]  # Friday -> Monday
    with qtbot.waitSignal(vista.mover_pedido) as senal:
        qtbot.keyClick(vista.grafico(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert senal.args == [3, date(2026, 11, 19)]
    with qtbot.waitSignal(vista.duracion_pedida) as senal:
        qtbot.keyClick(tabla, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert senal.args == [3, 4]
    with qtbot.waitSignal(vista.editar_pedido) as senal:
        qtbot.keyClick(tabla, Qt.Key.Key_Return)
    assert senal.args == [3]
    qtbot.keyClick(vista.grafico(), Qt.Key.Key_Down)
    assert vista.actividad_actual() == 4
    antes = vista.pixeles_por_dia()
    qtbot.keyClick(vista.grafico(), Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert vista.zoom() == "semana" and vista.pixeles_por_dia() < antes
    qtbot.keyClick(vista.grafico(), Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert vista.zoom() == "dia"


def test_un_hito_se_mueve_y_no_cambia_de_duracion(qtbot, vista):
    vista.seleccionar(4)  # marks Tuesday 24/11; the engine shows a hito on the day before its start
    with qtbot.waitSignal(vista.mover_pedido) as senal:
        qtbot.keyClick(vista.tabla(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert senal.args == [4, date(2026, 11, 26)]  # to be shown on Wednesday 25
    with qtbot.assertNotEmitted(vista.duracion_pedida):
        qtbot.keyClick(vista.tabla(), Qt.Key.Key_Right,
                       Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)


def test_resumenes_y_solo_lectura_no_se_arrastran(qtbot, vista):
    ppd = round(vista.pixeles_por_dia())
    with qtbot.assertNotEmitted(vista.mover_pedido):
        _arrastrar(qtbot, vista, vista.punto_de(1), 3 * ppd)
    vista.fijar_editable(False)
    with qtbot.assertNotEmitted(vista.mover_pedido), qtbot.assertNotEmitted(vista.duracion_pedida):
        _arrastrar(qtbot, vista, vista.punto_de(3), 3 * ppd)
        vista.seleccionar(3)
        qtbot.keyClick(vista.tabla(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(vista.editar_pedido) as senal:  # opening the form (to read it) still works
        qtbot.mouseDClick(vista.grafico().viewport(), Qt.MouseButton.LeftButton, pos=vista.punto_de(3))
    assert senal.args == [3]


def test_colores_linea_base_y_zoom(vista, cal):
    assert vista.color_de(2) == "#c62828"  # critical
    assert vista.color_de(3) == "#1565c0"
    assert vista.color_de(1) == "#212121"  # summary
    alto = vista.geometria_barra(3).height()
    filas = _filas()
    filas[2].base_inicio, filas[2].base_fin = date(2026, 11, 18), date(2026, 11, 20)
    vista.cargar(filas, cal, INICIO, HOY)
    vista.mostrar_linea_base(True)
    assert vista.linea_base_visible()
    assert vista.geometria_barra(3).height() < alto  # the bar makes room for the baseline under it
    vista.mostrar_linea_base(False)
    assert vista.geometria_barra(3).height() == alto
    anchos = []
    for zoom in ("dia", "semana", "mes", "trimestre"):
        vista.fijar_zoom(zoom)
        anchos.append(vista.pixeles_por_dia())
        assert vista.geometria_barra(3).width() >= 2
    assert anchos == sorted(anchos, reverse=True) and len(set(anchos)) == 4
    with pytest.raises(ValueError):
        vista.fijar_zoom("siglo")


def test_recargar_el_mismo_plan_conserva_la_eleccion_y_el_desplazamiento(qtbot, cal):
    v = VistaGantt()
    qtbot.addWidget(v)
    v.resize(900, 400)
    v.show()
    qtbot.waitExposed(v)
    v.cargar(_filas(extra=200), cal, INICIO, HOY)
    v.seleccionar(150)
    v.grafico().verticalScrollBar().setValue(1500)
    v.grafico().horizontalScrollBar().setValue(40)
    assert v.tabla().verticalScrollBar().value() == 1500  # both sides scroll together
    with qtbot.assertNotEmitted(v.seleccion_cambiada):
        v.cargar(_filas(extra=200), cal, INICIO, HOY)
    assert v.actividad_actual() == 150
    assert v.grafico().verticalScrollBar().value() == 1500
    assert v.tabla().verticalScrollBar().value() == 1500
    assert v.grafico().horizontalScrollBar().value() == 40
    # Another plan (no id in common) starts from the top, with nothing chosen.
    otras = _filas()
    for f in otras:
        f.id += 1000
        f.predecesoras = ()
    with qtbot.waitSignal(v.seleccion_cambiada) as senal:
        v.cargar(otras, cal, INICIO, HOY)
    assert senal.args == [None]
    assert v.grafico().verticalScrollBar().value() == 0


def test_la_escala_muestra_el_motivo_de_los_dias_no_laborables(vista):
    cal = Calendario({date(2026, 11, 20): "Fiesta patronal"})
    vista.cargar(_filas(), cal, INICIO, HOY)
    encabezado = vista.encabezado()
    x = (vista.grafico().item.d.dia(date(2026, 11, 20)) + 0.5) * vista.pixeles_por_dia() - encabezado.desplazamiento
    assert "Fiesta patronal" in encabezado.texto_ayuda(x)
    x_sabado = x + vista.pixeles_por_dia()
    assert "Sábado" in encabezado.texto_ayuda(x_sabado)


def test_rueda_con_ctrl_inicio_fin_y_hoy(qtbot, vista, cal):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    grafico = vista.grafico()
    vp = grafico.viewport()
    centro = QPointF(vp.width() / 2, vp.height() / 2)
    evento = QWheelEvent(centro, QPointF(vp.mapToGlobal(centro.toPoint())), QPoint(0, 0), QPoint(0, -120),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                         False)
    QApplication.sendEvent(vp, evento)
    assert vista.zoom() == "semana"
    filas = _filas()
    filas.append(Fila(7, "2", 0, "Obra", date(2026, 11, 25), date(2027, 6, 30), 150, holgura_total=0))
    vista.cargar(filas, cal, INICIO, HOY)
    barra = grafico.horizontalScrollBar()
    qtbot.keyClick(grafico, Qt.Key.Key_End)
    al_fin = barra.value()
    qtbot.keyClick(grafico, Qt.Key.Key_Home)
    assert barra.value() < al_fin
    x_fin = grafico.item.d.dia(date(2027, 7, 1)) * vista.pixeles_por_dia()
    assert al_fin <= x_fin <= al_fin + vp.width()
    qtbot.keyClick(grafico, Qt.Key.Key_Period)
    d = grafico.item.d
    x_hoy = d.dia(HOY) * vista.pixeles_por_dia()
    assert barra.value() <= x_hoy <= barra.value() + vp.width()


def test_sin_filas_o_sin_fechas_no_falla(qtbot, vista, cal):
    vista.cargar([], cal, INICIO, HOY)
    assert vista.modelo().rowCount() == 0 and vista.actividad_actual() is None
    vista.grab()
    sin_fechas = Fila(9, "9", 0, "Sin programar", None, None, 0)
    vista.cargar([sin_fechas], cal, INICIO, HOY)
    vista.seleccionar(9)
    assert vista.actividad_actual() == 9
    with qtbot.assertNotEmitted(vista.mover_pedido):
        qtbot.keyClick(vista.tabla(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    vista.grab()
