"""Pestaña «Sanción»: firmas, sancionar (con deshacer), nueva revisión, comparar e imprimir una revisión."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nucleo.modelo import PlanAccion, Territorio
from nucleo.servicios import actividades as sa
from nucleo.servicios import plan as sp
from ui.contexto import Contexto
from ui.widgets.panel_sancion import DialogoFirma, DialogoFirmante, PanelSancion

HOY = date(2026, 11, 18)


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def plan_id(ctx) -> int:
    """Plan de Compañía Cerrito con dos actividades, en revisión y todavía sin firmantes."""
    mid = ctx.municipio_id
    with ctx.expediente.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        pid = sp.crear_plan(s, mid, tid, sp.DatosPlan(titulo="Plan Cerrito", inicio=date(2026, 12, 1),
                                                      objetivo="Agua segura en cada hogar"))
        sa.crear_actividad(s, pid, sa.DatosActividad(nombre="Relevamiento de hogares", duracion=10, recursos=(
            sa.DatosRecurso(descripcion="Viáticos", cantidad=4, costo_unitario=350000),)))
        sa.crear_actividad(s, pid, sa.DatosActividad(nombre="Extensión de la red", duracion=30))
        sp.cambiar_estado(s, pid, "en_revision")
        return pid


@pytest.fixture
def panel(ctx, plan_id, qtbot, monkeypatch):
    p = PanelSancion(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.fijar_plan(plan_id)
    monkeypatch.setattr(p, "confirmar", lambda *a, **k: True)
    return p


def _firmar_todas(ctx, panel) -> None:
    for fila in list(panel.modelo.filas()):
        if fila.fecha is None:
            assert DialogoFirma(ctx, fila, HOY, panel).guardar()


def _estado(ctx, plan_id: int) -> tuple[str, int]:
    return ctx.leer(lambda s: (s.get(PlanAccion, plan_id).estado, s.get(PlanAccion, plan_id).revision))


def test_sin_firmantes_ofrece_las_de_siempre(panel, ctx, qtmodeltester):
    assert panel.pila_firmas.currentIndex() == 1  # the empty state, with its button
    assert panel.sin_firmantes.boton.isEnabled()
    assert "falta la lista de firmantes" in panel.titulo_estado.text()
    assert not panel.boton_sancionar.isEnabled()

    assert panel.firmas_por_defecto()
    assert panel.pila_firmas.currentIndex() == 0
    roles = [f.rol for f in panel.modelo.filas()]
    assert roles[:4] == ["intendente", "concejo", "gobernador", "junta"]
    assert "organizacion" in roles  # Compañía Cerrito has its community organisation
    qtmodeltester.check(panel.modelo)
    qtmodeltester.check(panel.proxy)
    assert "faltan 5 firmas requeridas" in panel.titulo_estado.text()
    assert panel.modelo.index(1, 4).data() == "falta"

    ctx.pila.undo()
    assert panel.modelo.rowCount() == 0
    ctx.pila.redo()
    assert panel.modelo.rowCount() == 5


def test_firmar_sancionar_y_deshacer(panel, ctx, plan_id, qtmodeltester):
    panel.firmas_por_defecto()
    filas = panel.modelo.filas()
    assert DialogoFirma(ctx, filas[0], HOY, panel).guardar()
    assert "faltan 4 firmas requeridas: Concejo Municipal, Gobernador/a" in panel.titulo_estado.text()
    assert panel.modelo.index(0, 4).data() == "18/11/2026"
    assert not panel.boton_sancionar.isEnabled()
    assert "Faltan firmas requeridas" in panel.boton_sancionar.toolTip()

    _firmar_todas(ctx, panel)
    assert "están todas las firmas requeridas" in panel.titulo_estado.text()
    assert panel.boton_sancionar.isEnabled()

    assert panel.sancionar()
    assert _estado(ctx, plan_id) == ("sancionado", 1)
    revision = panel.datos.revision_actual()
    assert panel.titulo_estado.text() == f"Sancionado el 18/11/2026, revisión 1, huella {revision.huella_corta}"
    assert not panel.boton_sancionar.isVisible() or not panel.boton_sancionar.isEnabled()
    assert panel.boton_nueva.isEnabled()
    # Frozen: the signatures of a sanctioned revision are no longer edited.
    assert not panel.accion_agregar.isEnabled()
    assert not panel.accion_firma.isEnabled()
    assert panel.modelo_revisiones.rowCount() == 1
    qtmodeltester.check(panel.modelo_revisiones)
    assert panel.modelo_revisiones.index(0, 3).data() == "✔ íntegra"
    assert panel.accion_imprimir.isEnabled()
    assert panel.accion_imprimir.text() == "Imprimir revisión 1 (PDF)…"

    ctx.pila.undo()  # deshacer_sancion
    assert _estado(ctx, plan_id) == ("en_revision", 1)
    assert panel.modelo_revisiones.rowCount() == 0
    assert panel.boton_sancionar.isEnabled()
    ctx.pila.redo()
    assert _estado(ctx, plan_id) == ("sancionado", 1)
    assert panel.modelo_revisiones.rowCount() == 1


def test_sancionar_se_niega_si_falta_una_firma(panel, ctx, plan_id):
    panel.firmas_por_defecto()
    assert not panel.sancionar()  # the button's rule, before the service
    assert _estado(ctx, plan_id) == ("en_revision", 1)


def test_nueva_revision_y_comparar(panel, ctx, plan_id):
    panel.firmas_por_defecto()
    _firmar_todas(ctx, panel)
    panel.sancionar()

    assert panel.nueva_revision()
    assert _estado(ctx, plan_id) == ("borrador", 2)
    assert panel.titulo_firmas.text() == "Firmas de la revisión 2"
    assert panel.modelo.rowCount() == 5
    assert all(f.fecha is None for f in panel.modelo.filas())  # copied without dates
    assert panel.accion_agregar.isEnabled()
    assert panel.modelo_revisiones.rowCount() == 1  # revision 1 stays readable

    ctx.pila.undo()
    assert _estado(ctx, plan_id) == ("sancionado", 1)
    ctx.pila.redo()
    assert _estado(ctx, plan_id) == ("borrador", 2)

    # The live plan changes: the comparison with revision 1 says so in readable Spanish.
    with ctx.expediente.transaccion() as s:
        sa.crear_actividad(s, plan_id, sa.DatosActividad(nombre="Jornada de salud en la escuela", duracion=2))
    ctx.cambiado.emit({"actividad"})
    panel.tabla_revisiones.selectRow(0)
    dialogo = panel.comparar()
    assert dialogo is not None
    assert dialogo.desde.currentData() == 1 and dialogo.hasta.currentData() == 0  # the last one: against «ahora»
    assert any("Jornada de salud" in a for a in dialogo.diferencias.actividades_agregadas)
    html = dialogo.texto.toPlainText()
    assert "1 actividad agregada" in html
    assert "Jornada de salud en la escuela" in html
    dialogo.hasta.setCurrentIndex(dialogo.hasta.findData(1))
    assert dialogo.diferencias is None
    assert "Elija dos revisiones distintas" in dialogo.texto.toPlainText()
    dialogo.close()


def test_agregar_editar_y_quitar_firmante(panel, ctx, plan_id):
    panel.firmas_por_defecto()
    dialogo = DialogoFirmante(ctx, plan_id, None, panel)
    dialogo.rol.setCurrentIndex(dialogo.rol.findData("organizacion"))
    dialogo.nombre.setText("Comisión Vecinal San Roque")
    dialogo.cargo.setText("Presidenta")
    assert dialogo.guardar()
    fid = dialogo.firmante_id
    assert panel.modelo.rowCount() == 6
    assert panel.seleccionar(fid)
    assert "Comisión Vecinal San Roque" in panel.titulo_estado.text()

    fila = panel.fila_actual()
    dialogo = DialogoFirmante(ctx, plan_id, fila, panel)
    dialogo.requerida.setChecked(False)
    assert dialogo.guardar()
    assert panel.fila_actual().requerida is False
    assert "Comisión Vecinal" not in panel.titulo_estado.text()
    assert panel.modelo.index(panel.modelo.buscar_id(fid), 4).data() == "— (opcional)"

    assert panel.seleccionar(fid)
    assert panel.eliminar()
    assert panel.modelo.rowCount() == 5
    ctx.pila.undo()
    assert panel.modelo.rowCount() == 6
    assert panel.modelo.buscar_id(fid) >= 0


def test_firma_con_fecha_invalida_marca_el_campo(panel, ctx):
    panel.firmas_por_defecto()
    dialogo = DialogoFirma(ctx, panel.modelo.fila(0), HOY, panel)
    dialogo.fecha.editor.setText("31/02/2026")
    assert not dialogo.guardar()
    assert dialogo.error.text()
    assert panel.modelo.fila(0).fecha is None


def test_borrador_no_se_sanciona_y_sin_plan_muestra_el_vacio(ctx, plan_id, qtbot):
    with ctx.expediente.transaccion() as s:
        sp.cambiar_estado(s, plan_id, "borrador")
    p = PanelSancion(ctx, hoy=lambda: HOY)
    qtbot.addWidget(p)
    p.fijar_plan(plan_id)
    assert p.titulo_estado.text().startswith("Borrador, revisión 1")
    assert not p.boton_sancionar.isEnabled()
    assert "Solo se sanciona un plan «En revisión»" in p.boton_sancionar.toolTip()
    p.fijar_plan(None)
    assert p.pila.currentIndex() == 1


def test_imprimir_una_revision_la_registra_y_se_verifica(panel, ctx, plan_id, tmp_path):
    from nucleo.servicios.verificacion import verificar_pdf
    from ui.widgets.panel_sancion import trabajo_revision

    panel.firmas_por_defecto()
    _firmar_todas(ctx, panel)
    panel.sancionar()
    destino = tmp_path / "Plan revisión 1.pdf"
    ruta = trabajo_revision(ctx.expediente, ctx.municipio_id, plan_id, 1, destino, HOY)(lambda _h, _t: None)
    assert ruta.is_file()
    v = ctx.leer(lambda s: verificar_pdf(s, ctx.municipio_id, ruta))
    assert v.genuino, v.mensaje


def test_solo_lectura_se_mira_sin_cambiar(panel, ctx, plan_id, qtbot):
    from nucleo.almacen.expediente import Expediente

    panel.firmas_por_defecto()
    _firmar_todas(ctx, panel)
    ro = Expediente.abrir(ctx.expediente.ruta)  # a second opening while the first holds the lock
    try:
        assert ro.solo_lectura
        p = PanelSancion(Contexto(ro), hoy=lambda: HOY)
        qtbot.addWidget(p)
        p.fijar_plan(plan_id)
        assert p.modelo.rowCount() == 5
        assert not p.boton_sancionar.isEnabled()
        assert "solo para lectura" in p.boton_sancionar.toolTip()
        assert not p.accion_agregar.isEnabled() and not p.accion_firma.isEnabled()
        assert p.accion_editar.isEnabled() and p.accion_editar.text() == "Ver…"
        assert not p.sancionar()
    finally:
        ro.cerrar()


def test_imprimir_revision_desde_el_panel_ofrece_imprimir_en_papel(panel, ctx, tmp_path, qtbot, monkeypatch):
    from ui.widgets.panel_sancion import ImpresoDeRevision

    panel.firmas_por_defecto()
    _firmar_todas(ctx, panel)
    panel.sancionar()
    destino = tmp_path / "revision.pdf"
    monkeypatch.setattr(ImpresoDeRevision, "pedir_destino", lambda self, *a: destino)
    tarea = panel.imprimir_revision()
    assert tarea is not None
    qtbot.waitUntil(lambda: panel.impreso.aviso is not None, timeout=60000)
    assert destino.is_file()
    textos = [b.text() for b in panel.impreso.aviso.buttons()]
    assert "&Imprimir en papel…" in textos
    panel.impreso.aviso.close()
    # The emission is registered: the sanction can no longer be undone.
    ctx.pila.undo()
    assert ctx.leer(lambda s: s.get(PlanAccion, panel.plan_id).estado) == "sancionado"


def test_imprimir_en_papel_abre_la_vista_previa_de_la_revision(panel, ctx, qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    vistos: list[tuple[int, str]] = []

    def exec_(dialogo):
        vista = dialogo.findChild(QPrintPreviewWidget)
        vista.updatePreview()
        vistos.append((vista.pageCount(), dialogo.printer().docName()))
        return QPrintPreviewDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    assert panel.impreso_actual() is None  # nothing sanctioned yet
    assert not panel.accion_papel.isEnabled()
    panel.firmas_por_defecto()
    _firmar_todas(ctx, panel)
    panel.sancionar()
    assert panel.impreso_actual()["revision"] == 1
    assert panel.accion_papel.isEnabled()
    assert panel.imprimir_en_papel() is not None
    qtbot.waitUntil(lambda: bool(vistos), timeout=60000)
    paginas, nombre = vistos[0]
    assert paginas > 3
    assert nombre == "Plan de Acción - Compañía Cerrito - revisión 1"
