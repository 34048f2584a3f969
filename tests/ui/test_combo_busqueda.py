"""La lista de organizaciones se busca escribiendo y nunca muestra un texto distinto de lo elegido."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.widgets.combo_busqueda import ComboBuscable


def _combo(qtbot) -> ComboBuscable:
    combo = ComboBuscable()
    qtbot.addWidget(combo)
    combo.addItem("— Ninguna —", None)
    for n, nombre in enumerate(["Comisión Vecinal San Miguel", "Comité de Mujeres Costa Azul", "Cooperativa Ñandutí"]):
        combo.addItem(nombre, n + 1)
    return combo


def test_busca_por_parte_del_nombre_sin_mayusculas(qtbot, qtmodeltester):
    combo = _combo(qtbot)
    qtmodeltester.check(combo.model())
    completador = combo.completer()
    completador.setCompletionPrefix("costa")
    assert completador.completionCount() == 1
    assert completador.currentCompletion() == "Comité de Mujeres Costa Azul"
    completador.activated[str].emit("Comité de Mujeres Costa Azul")
    assert combo.currentData() == 2


def test_texto_sin_coincidencia_vuelve_a_lo_elegido(qtbot):
    combo = _combo(qtbot)
    combo.setCurrentIndex(3)
    combo.lineEdit().setText("algo que no existe")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentData() == 3
    assert combo.currentText() == "Cooperativa Ñandutí"


def test_texto_exacto_en_otra_caja_elige_ese(qtbot):
    combo = _combo(qtbot)
    combo.lineEdit().setText("comisión vecinal san miguel")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentData() == 1
    assert combo.findText("comisión vecinal san miguel", Qt.MatchFlag.MatchFixedString) == 1
