"""Las planillas reales de riesgos por el asistente de importación: la chica entra con su mapeo y se deshace; la
grande de ZTE se rechaza con sus problemas por fila y no se escribe nada."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from nucleo.modelo import Riesgo
from ui.contexto import Contexto
from ui.dialogos.importar import PREVIA, RESULTADO, DialogoImportar

PLANILLAS = Path(__file__).resolve().parents[3] / "shared" / "datos" / "planillas_reales"
ESPERA = 60_000


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


def _riesgos(ctx) -> int:
    return ctx.leer(lambda s: s.scalar(select(func.count()).select_from(Riesgo)))


def _hasta_la_previa(qtbot, ctx, archivo: str) -> DialogoImportar:
    dlg = DialogoImportar(ctx, "riesgos", ruta=PLANILLAS / archivo)
    qtbot.addWidget(dlg)
    for _paso in range(3):  # archivo → hoja → columnas → vista previa
        dlg.siguiente()
        qtbot.waitUntil(lambda: dlg.tarea is None or not dlg.tarea.en_curso, timeout=ESPERA)
    assert dlg.paso == PREVIA
    return dlg


def test_la_matriz_chica_entra_por_el_asistente_y_se_deshace(qtbot, ctx, qtmodeltester):
    antes = _riesgos(ctx)
    dlg = _hasta_la_previa(qtbot, ctx, "bmontilla_matriz_de_riesgos.xlsx")
    qtmodeltester.check(dlg.modelo_previa)
    assert dlg.modelo_previa.rowCount() == 10 and dlg.modelo_previa.problemas() == 0
    assert "Se importarán 10 riesgos de la hoja «Calificación»" in dlg.resumen_previa.text()
    dlg.importar()
    qtbot.waitUntil(lambda: dlg.paso == RESULTADO, timeout=ESPERA)
    assert _riesgos(ctx) == antes + 10
    ctx.pila.undo()
    assert _riesgos(ctx) == antes


def test_la_matriz_grande_se_rechaza_con_sus_problemas_sin_escribir_nada(qtbot, ctx):
    antes = _riesgos(ctx)
    dlg = _hasta_la_previa(qtbot, ctx, "co_zte_matriz_riesgos_actualizada.xlsx")
    assert dlg.modelo_previa.problemas() > 0  # marked in the preview before anything is written
    dlg.importar()
    qtbot.waitUntil(lambda: dlg.resultado is not None, timeout=ESPERA)
    assert not dlg.resultado.ok and dlg.paso == PREVIA
    assert dlg.problemas_previa.text().startswith("No se importó nada: hay ")
    assert all(p.fila for p in dlg.resultado.problemas)  # each one says its row
    assert dlg.dialogo_problemas is not None and dlg.dialogo_problemas.isVisible()
    assert _riesgos(ctx) == antes
