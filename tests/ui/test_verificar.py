"""Herramientas > Verificar documento…: veredicto verde o rojo por la huella del archivo, también arrastrándolo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from sqlalchemy import select

from nucleo.modelo import PlanAccion
from nucleo.modelo.sancion import RevisionPlan
from nucleo.servicios import sancion
from nucleo.servicios.instantanea import canonico, huella, instantanea_plan
from nucleo.servicios.verificacion import registrar_emision
from ui.contexto import Contexto
from ui.dialogos.verificar import VERDE, DialogoVerificar, abrir_verificar


def _pdf(ruta: Path, asunto: str = "", texto: str = "Plan de Acción") -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(ruta), invariant=True, pageCompression=0)
    c.setSubject(asunto)
    c.drawString(72, 720, texto)
    c.showPage()
    c.save()
    return ruta


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def emitido(ctx, tmp_path) -> tuple[Path, int]:
    """Un PDF registrado como emitido de la revisión 1 del plan de la demo (que está en ejecución)."""
    pid = ctx.leer(lambda s: s.scalar(select(PlanAccion.id)))
    ruta = _pdf(tmp_path / "plan.pdf", f"articula:plan:{pid}:1")
    mid = ctx.municipio_id
    # The register vouches for a frozen revision: the demo's plan (en ejecución) gets one if it has none.
    def preparar(s):
        if not sancion.listar_revisiones(s, pid):
            d = instantanea_plan(s, pid, date(2026, 11, 18))
            s.add(RevisionPlan(municipio_id=mid, plan_id=pid, numero=1, sancionado_en=date(2026, 11, 10),
                               contenido=canonico(d).decode("utf-8"), huella=huella(d)))
            s.flush()
        r = sancion.listar_revisiones(s, pid)[0]
        registrar_emision(s, mid, "plan", pid, 1, r.huella, ruta, "Plan de Acción, revisión 1")

    ctx.escribir(preparar, "plan")
    return ruta, pid


@pytest.fixture
def dialogo(ctx, qtbot):
    d = DialogoVerificar(ctx)
    qtbot.addWidget(d)
    return d


def test_documento_autentico_en_verde(dialogo, emitido):
    ruta, _pid = emitido
    v = dialogo.verificar(ruta)
    assert v.genuino
    assert dialogo.titulo.text() == "✔ Documento auténtico"
    assert VERDE in dialogo.titulo.styleSheet()
    assert "revisión 1" in dialogo.mensaje.text()
    assert not dialogo.veredicto.isHidden()
    assert dialogo.boton_elegir.text() == "&Verificar otro PDF…"


def test_un_byte_cambiado_no_es_autentico(dialogo, emitido, tmp_path):
    ruta, _pid = emitido
    datos = bytearray(ruta.read_bytes())
    n = datos.index(b"Plan de Acci")
    datos[n] = ord("p")
    alterado = tmp_path / "alterado.pdf"
    alterado.write_bytes(bytes(datos))
    v = dialogo.verificar(alterado)
    assert not v.genuino
    assert dialogo.titulo.text() == "✖ No auténtico"
    assert "fue alterado" in dialogo.mensaje.text()


def test_pdf_ajeno_y_archivo_que_no_es_pdf(dialogo, tmp_path):
    ajeno = _pdf(tmp_path / "ajeno.pdf")
    assert not dialogo.verificar(ajeno).genuino
    assert "no es un documento emitido por este expediente" in dialogo.mensaje.text()

    texto = tmp_path / "nota.pdf"
    texto.write_text("no soy un PDF")
    assert dialogo.verificar(texto) is None
    assert dialogo.titulo.text() == "No se pudo verificar"
    assert dialogo.mensaje.text()


def test_elegir_con_el_dialogo_de_archivos(dialogo, emitido, monkeypatch):
    ruta, _pid = emitido
    monkeypatch.setattr(dialogo, "pedir_ruta", lambda: str(ruta))
    dialogo.boton_elegir.click()
    assert dialogo.resultado is not None and dialogo.resultado.genuino
    assert str(ruta) in dialogo.archivo.text()


def test_arrastrar_y_soltar_un_pdf(dialogo, emitido):
    ruta, _pid = emitido
    datos = QMimeData()
    datos.setUrls([QUrl.fromLocalFile(str(ruta))])
    evento = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, datos, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    dialogo.zona.dropEvent(evento)
    assert dialogo.resultado is not None and dialogo.resultado.genuino


def test_abrir_verificar(ctx, qtbot):
    d = abrir_verificar(ctx, None)
    qtbot.addWidget(d)
    assert d.isVisible()
    assert d.windowTitle() == "Verificar un documento"
    d.close()
