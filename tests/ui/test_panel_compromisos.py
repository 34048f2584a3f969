"""Compromisos: los acuerdos de todas las mesas con semáforo, filtros, cumplido con fecha y paso a Actividad."""

from __future__ import annotations

from datetime import date, time

import pytest

from nucleo.servicios import mesas, sesiones
from ui.contexto import Contexto
from ui.widgets.panel_compromisos import COL_SEMAFORO, PanelCompromisos

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    c = Contexto(expediente_demo)
    mid = c.municipio_id
    with expediente_demo.transaccion() as s:
        for nombre, textos in (("Mesa A", [("Vencido A", date(2026, 11, 10)), ("Al dia A", date(2026, 12, 20))]),
                               ("Mesa B", [("Por vencer B", date(2026, 11, 19))])):
            mesa = mesas.crear_mesa(s, mid, mesas.DatosMesa(nombre=nombre))
            sid = sesiones.crear_sesion(s, mesa, sesiones.DatosSesion(fecha=date(2026, 11, 2), hora=time(9)))
            for texto, plazo in textos:
                sesiones.agregar_acuerdo(s, sid, sesiones.DatosAcuerdo(texto=texto, plazo=plazo,
                                                                       responsable_texto="Ana"))
    return c


@pytest.fixture
def panel(ctx, qtbot):
    p = PanelCompromisos(ctx, hoy=HOY)
    qtbot.addWidget(p)
    return p


def nuestros(p) -> list[str]:
    return [f.texto for f in p.filas_visibles() if f.mesa in ("Mesa A", "Mesa B")]


def test_modelos_pasan_el_verificador_de_qt(panel, qtmodeltester):
    qtmodeltester.check(panel.modelo)
    qtmodeltester.check(panel.proxy)


def test_semaforo_vencidos_primero(panel):
    assert nuestros(panel) == ["Vencido A", "Por vencer B", "Al dia A"]
    fila = next(n for n in range(panel.proxy.rowCount())
                if panel.proxy.index(n, 1).data() == "Vencido A")
    assert panel.proxy.index(fila, COL_SEMAFORO).data() == "● Vencido"


def test_filtros_por_mesa_y_responsable(panel):
    panel.filtro_mesa.setCurrentIndex(panel.filtro_mesa.findText("Mesa B"))
    assert nuestros(panel) == ["Por vencer B"]
    panel.filtro_mesa.setCurrentIndex(0)
    panel.filtro_responsable.setCurrentIndex(panel.filtro_responsable.findText("Ana"))
    assert len(nuestros(panel)) == 3
    assert all(f.responsable == "Ana" for f in panel.filas_visibles())


def test_cumplido_con_fecha_sale_de_los_abiertos_y_se_deshace(panel, ctx, monkeypatch):
    from ui.dialogos import acuerdo as dialogos

    ident = next(f.id for f in panel.modelo.filas() if f.texto == "Vencido A")
    panel.seleccionar(ident)
    monkeypatch.setattr(dialogos.DialogoCumplido, "exec", lambda self: dialogos.QDialog.DialogCode.Accepted)
    assert panel.cambiar_estado("cumplido")
    assert "Vencido A" not in nuestros(panel)
    panel.solo_abiertos.setChecked(False)
    f = next(f for f in panel.modelo.filas() if f.id == ident)
    assert (f.estado, f.cumplido_en, f.semaforo) == ("cumplido", HOY, "cumplida")
    ctx.pila.undo()
    f = next(f for f in panel.modelo.filas() if f.id == ident)
    assert f.estado == "pendiente" and f.cumplido_en is None


def test_convertir_en_actividad_y_deshacer(panel, ctx, monkeypatch):
    from nucleo.servicios.plan import DatosPlan, crear_plan, plan_del_territorio
    from nucleo.servicios.territorios import listar_territorios
    from ui.dialogos import acuerdo as dialogos

    mid = ctx.municipio_id
    with ctx.expediente.transaccion() as s:  # a plan in draft: the demo's own is already running
        tid = next(t.id for t in listar_territorios(s, mid) if plan_del_territorio(s, mid, t.id) is None)
        plan_id = crear_plan(s, mid, tid, DatosPlan(titulo="Plan borrador", inicio=HOY))
    ident = next(f.id for f in panel.modelo.filas() if f.texto == "Por vencer B")
    panel.seleccionar(ident)

    def aceptar(self):
        assert self.plan.currentData() == plan_id  # the editable plan comes first
        self.plan_id, self.padre_id = plan_id, None
        return dialogos.QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogos.DialogoConvertir, "exec", aceptar)
    resultado = panel.convertir()
    f = next(f for f in panel.modelo.filas() if f.id == ident)
    assert resultado
    assert f.actividad_id is not None and f.actividad
    ctx.pila.undo()
    f = next(f for f in panel.modelo.filas() if f.id == ident)
    assert f.actividad_id is None
