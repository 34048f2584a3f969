"""Grilla de poder e interés: lo que el usuario ve y hace (elegir, arrastrar, mover con flechas, solo lectura)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from nucleo.servicios.actores import FilaActor, cuadrante, listar_actores
from ui.widgets.grilla_poder_interes import (
    POSICION_CUADRANTE,
    GrillaPoderInteres,
    celda_en,
    rect_celda,
    rect_cuadrante,
)


def _fila(i: int, nombre: str, interes: int, influencia: int, postura: str = "neutral", sigla: str = "") -> FilaActor:
    return FilaActor(i, nombre, "comunidad", "Comunidad", "", "", sigla=sigla, interes=interes,
                     influencia=influencia, postura=postura, cuadrante=cuadrante(interes, influencia))


FILAS = [
    _fila(1, "Municipalidad de Villeta", 5, 5, "apoya", "MV"),
    _fila(2, "Ministerio de Desarrollo Social", 4, 5, "apoya", "MDS"),
    _fila(3, "Junta Municipal", 2, 5, "se_opone"),
    _fila(4, "Comisión Vecinal San Miguel", 5, 2, "apoya"),
    _fila(5, "Comité de Mujeres Costa Azul", 5, 2, "apoya"),
    _fila(6, "Radio comunitaria", 1, 1),
]


@pytest.fixture
def grilla(qtbot):
    g = GrillaPoderInteres()
    qtbot.addWidget(g)
    g.resize(900, 650)
    g.show()
    qtbot.waitExposed(g)
    g.cargar(FILAS)
    return g


def _en_pantalla(g: GrillaPoderInteres, escena: QPointF) -> QPoint:
    return g.mapFromScene(escena)


def _celda_de_punto(g: GrillaPoderInteres, actor_id: int) -> tuple[int, int] | None:
    c = g.centro_de(actor_id)
    return celda_en(g._geo.area_tupla(), c.x(), c.y())


def _arrastrar(g: GrillaPoderInteres, desde: QPoint, hasta: QPoint) -> None:
    vp = g.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, desde)
    for k in range(1, 7):
        QTest.mouseMove(vp, desde + (hasta - desde) * (k / 6))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, hasta)


def test_las_reglas_de_la_grilla_coinciden_con_el_cuadrante_del_servicio():
    area = (10.0, 20.0, 500.0, 400.0)
    for interes in range(1, 6):
        for influencia in range(1, 6):
            x, y, w, h = rect_celda(area, interes, influencia)
            assert celda_en(area, x + w / 2, y + h / 2) == (interes, influencia)
            qx, qy, qw, qh = rect_cuadrante(area, cuadrante(interes, influencia))
            assert qx <= x + w / 2 <= qx + qw and qy <= y + h / 2 <= qy + qh
    # High influence is drawn on top, high interest on the right.
    assert POSICION_CUADRANTE["gestionar"] == (True, True)
    assert rect_celda(area, 1, 5)[1] < rect_celda(area, 1, 1)[1]


def test_cargar_pone_un_punto_por_actor_en_su_celda(qtbot, expediente_demo):
    with expediente_demo.sesion() as s:
        filas = listar_actores(s, expediente_demo.municipio_id)
    assert filas
    g = GrillaPoderInteres()
    qtbot.addWidget(g)
    g.resize(1024, 700)
    g.show()
    g.cargar(filas)
    assert sorted(g.ids_visibles()) == sorted(f.id for f in filas)
    for f in filas:
        assert _celda_de_punto(g, f.id) == (f.interes, f.influencia)
    assert g.aviso() == ""


def test_los_puntos_de_una_celda_no_se_tapan(grilla):
    grilla.cargar(FILAS + [_fila(100 + i, f"Vecino {i}", 5, 2) for i in range(40)])
    elementos = [grilla.punto(i) for i in grilla.ids_visibles()] + grilla.insignias()
    assert grilla.insignias() and len(elementos) > len(FILAS)
    ranuras = [e.mapRectToScene(e.shape().boundingRect()) for e in elementos]
    for a in range(len(ranuras)):
        for b in range(a + 1, len(ranuras)):
            assert not ranuras[a].intersects(ranuras[b])
    for i in grilla.ids_visibles():  # and each stays inside its own cell
        f = next(f for f in FILAS if f.id == i) if i < 100 else _fila(i, "", 5, 2)
        assert _celda_de_punto(grilla, i) == (f.interes, f.influencia)


def test_con_cientos_en_una_celda_muestra_los_que_caben_y_una_insignia(qtbot, grilla):
    muchos = [_fila(100 + i, f"Actor {i:03d}", 3, 3) for i in range(300)]
    grilla.cargar(muchos)
    visibles = grilla.ids_visibles()
    assert 0 < len(visibles) < 300
    [insignia] = grilla.insignias()
    assert len(visibles) + len(insignia.ocultos) == 300
    assert insignia.texto == f"+{len(insignia.ocultos)}"
    assert "Actor" in insignia.toolTip()
    # The chosen one always shows, even when it was among the hidden.
    oculto = insignia.ocultos[-1]
    grilla.seleccionar(oculto)
    assert oculto in grilla.ids_visibles()
    assert grilla.punto(oculto).resaltado


def test_seleccionar_resalta_sin_emitir(qtbot, grilla):
    with qtbot.assertNotEmitted(grilla.actor_elegido):
        grilla.seleccionar(2)
    assert grilla.seleccionado() == 2
    assert grilla.punto(2).resaltado
    assert not any(grilla.punto(i).resaltado for i in (1, 3, 4, 5, 6))
    grilla.cargar(FILAS)  # a reload keeps the choice
    assert grilla.punto(2).resaltado
    grilla.seleccionar(None)
    assert not grilla.punto(2).resaltado


def test_clic_en_un_punto_lo_elige(qtbot, grilla):
    pos = _en_pantalla(grilla, grilla.centro_de(3))
    with qtbot.waitSignal(grilla.actor_elegido) as senal:
        QTest.mouseClick(grilla.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    assert senal.args == [3]
    assert grilla.punto(3).resaltado


def test_el_nombre_completo_y_los_datos_en_la_ayuda(grilla):
    ayuda = grilla.punto(4).toolTip()
    assert "Comisión Vecinal San Miguel" in ayuda
    assert "Mantener informado" in ayuda and "Apoya" in ayuda


def test_arrastrar_a_otra_celda_emite_movido_y_el_punto_vuelve(qtbot, grilla):
    antes = grilla.punto(6).pos()
    destino = _en_pantalla(grilla, grilla.centro_celda(4, 5))
    with qtbot.waitSignal(grilla.movido) as senal:
        _arrastrar(grilla, _en_pantalla(grilla, grilla.centro_de(6)), destino)
    assert senal.args == [6, 4, 5]
    # The widget never changes data: the point waits in its place for cargar() with the new scores.
    assert grilla.punto(6).pos() == antes
    assert _celda_de_punto(grilla, 6) == (1, 1)


def test_arrastrar_dentro_de_la_misma_celda_no_emite(qtbot, grilla):
    desde = _en_pantalla(grilla, grilla.centro_de(1))
    cx, cy, cw, ch = rect_celda(grilla._geo.area_tupla(), 5, 5)
    hasta = _en_pantalla(grilla, QPointF(cx + cw - 6, cy + ch - 6))
    assert (hasta - desde).manhattanLength() > 20
    with qtbot.assertNotEmitted(grilla.movido):
        _arrastrar(grilla, desde, hasta)


def test_las_flechas_mueven_al_elegido_de_a_uno(qtbot, grilla):
    grilla.seleccionar(4)  # interés 5, influencia 2
    with qtbot.waitSignal(grilla.movido) as senal:
        QTest.keyClick(grilla, Qt.Key.Key_Up)
    assert senal.args == [4, 5, 3]
    with qtbot.waitSignal(grilla.movido) as senal:
        QTest.keyClick(grilla, Qt.Key.Key_Left)
    assert senal.args == [4, 4, 2]
    with qtbot.assertNotEmitted(grilla.movido):
        QTest.keyClick(grilla, Qt.Key.Key_Right)  # already at 5: nothing to do


def test_tab_recorre_los_actores(qtbot, grilla):
    grilla.setFocus()
    with qtbot.waitSignal(grilla.actor_elegido) as senal:
        QTest.keyClick(grilla, Qt.Key.Key_Tab)
    primero = senal.args[0]
    assert primero == 3  # reading order: top row first, left to right (Junta Municipal at interés 2)
    with qtbot.waitSignal(grilla.actor_elegido) as senal:
        QTest.keyClick(grilla, Qt.Key.Key_Tab)
    assert senal.args == [2]
    with qtbot.waitSignal(grilla.actor_elegido) as senal:
        QTest.keyClick(grilla, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert senal.args == [3]


def test_solo_lectura_no_arrastra_ni_mueve(qtbot, grilla):
    grilla.fijar_solo_lectura(True)
    with qtbot.assertNotEmitted(grilla.movido):
        _arrastrar(grilla, _en_pantalla(grilla, grilla.centro_de(6)),
                   _en_pantalla(grilla, grilla.centro_celda(4, 5)))
        QTest.keyClick(grilla, Qt.Key.Key_Up)
    assert grilla.seleccionado() == 6  # looking and choosing still work
    assert "Arrástrelo" not in grilla.punto(6).toolTip()
    grilla.fijar_solo_lectura(False)
    with qtbot.waitSignal(grilla.movido):
        QTest.keyClick(grilla, Qt.Key.Key_Up)


def test_sin_actores_muestra_el_estado_vacio(grilla):
    grilla.cargar([])
    assert grilla.ids_visibles() == []
    assert "Todavía no hay actores" in grilla.aviso()
    grilla.cargar(FILAS)
    assert grilla.aviso() == ""


def test_soltar_fuera_de_la_grilla_o_con_esc_no_emite(qtbot, grilla):
    desde = _en_pantalla(grilla, grilla.centro_de(6))
    with qtbot.assertNotEmitted(grilla.movido):
        _arrastrar(grilla, desde, QPoint(grilla.viewport().width() - 2, 2))
        vp = grilla.viewport()
        hasta = _en_pantalla(grilla, grilla.centro_celda(4, 4))
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, desde)
        QTest.mouseMove(vp, hasta)
        QTest.keyClick(grilla, Qt.Key.Key_Escape)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, hasta)


def test_tab_despues_del_ultimo_deja_el_foco_al_siguiente_control(qtbot):
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    ventana = QWidget()
    qtbot.addWidget(ventana)
    g = GrillaPoderInteres()
    campo = QLineEdit()
    capa = QVBoxLayout(ventana)
    capa.addWidget(g)
    capa.addWidget(campo)
    ventana.resize(800, 700)
    ventana.show()
    qtbot.waitExposed(ventana)
    ventana.activateWindow()
    g.cargar(FILAS)
    g.setFocus()
    qtbot.waitUntil(g.hasFocus)
    g.seleccionar(6)  # Radio comunitaria (interés 1, influencia 1): bottom row, the last in reading order
    with qtbot.assertNotEmitted(g.actor_elegido):
        QTest.keyClick(g, Qt.Key.Key_Tab)
    assert campo.hasFocus()
