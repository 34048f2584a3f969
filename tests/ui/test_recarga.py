"""Un panel de pestaña oculto no se vuelve a leer con cada cambio: lo hace al mostrarse (ui/widgets/recarga.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.widgets.recarga import RecargaAlMostrar


class _Panel(RecargaAlMostrar, QWidget):
    CAMBIOS_QUE_AFECTAN = frozenset({"actividad"})

    def __init__(self):
        super().__init__()
        self.plan_id: int | None = 1
        self.lecturas = 0

    def recargar(self) -> None:
        self._vencido = False
        self.lecturas += 1


def test_a_la_vista_recarga_al_instante_y_oculto_al_mostrarse(qtbot):
    panel = _Panel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel._al_cambiar({"actividad"})
    assert panel.lecturas == 1
    panel._al_cambiar({"mesa"})  # not its business
    assert panel.lecturas == 1

    panel.hide()
    panel._al_cambiar({"actividad"})
    panel._al_cambiar({"actividad", "plan"})
    assert panel.lecturas == 1  # nothing read while no one looks
    panel.show()
    assert panel.lecturas == 2  # once, when shown
    panel.hide()
    panel.show()
    assert panel.lecturas == 2  # shown again with nothing new: no reading


def test_sin_plan_no_lee_nada(qtbot):
    panel = _Panel()
    qtbot.addWidget(panel)
    panel.plan_id = None
    panel.show()
    panel._al_cambiar({"actividad"})
    assert panel.lecturas == 0
