"""Verificación de un PDF por la huella de sus bytes contra el registro de documentos emitidos: un acta firmada
impresa queda registrada y se verifica genuina; un byte cambiado la vuelve «alterada» (por su /Subject, nunca por
su texto); lo que no dice ser de Articula no es del expediente; el borrador no se registra; y un plan sancionado
se reconoce con su título, territorio, revisión y fecha de sanción."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf.documentos import exportar_pdf
from nucleo.modelo.mesa import Acta
from nucleo.modelo.sancion import DocumentoEmitido, RevisionPlan
from nucleo.servicios import sancion as sa
from nucleo.servicios.verificacion import asunto_del_pdf, registrar_emision, verificar_pdf

HOY = date(2026, 11, 18)


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def _acta(s, estado: str) -> Acta:
    return s.scalar(select(Acta).where(Acta.estado == estado).order_by(Acta.id))


def _alterar(origen, destino, posicion: int | None = None):
    datos = bytearray(origen.read_bytes())
    i = len(datos) // 2 if posicion is None else posicion
    datos[i] ^= 0x01
    destino.write_bytes(bytes(datos))
    return destino


def test_acta_firmada_impresa_se_verifica_genuina_y_un_byte_la_altera(exp, tmp_path):
    pdf = tmp_path / "acta.pdf"
    with exp.transaccion() as s:
        acta = _acta(s, "firmada")
        exportar_pdf("acta", s, exp.municipio_id, pdf, hoy=HOY, id=acta.id)
        acta_id, hash_firma = acta.id, acta.hash_firma
    assert asunto_del_pdf(pdf.read_bytes()) == f"articula:acta:{acta_id}"
    with exp.sesion() as s:
        doc = s.scalar(select(DocumentoEmitido))
        assert (doc.tipo, doc.entidad_id, doc.huella_contenido, doc.nombre_archivo) == (
            "acta", acta_id, hash_firma, "acta.pdf")
        assert doc.paginas >= 1

        v = verificar_pdf(s, exp.municipio_id, pdf)
        assert v.genuino and (v.tipo, v.entidad_id) == ("acta", acta_id)
        assert "Documento genuino" in v.mensaje and "Acta N.º 1/2026 de la mesa" in v.mensaje
        assert "firmada el" in v.mensaje and hash_firma[:12] in v.mensaje

        alterado = _alterar(pdf, tmp_path / "acta_alterada.pdf")
        v = verificar_pdf(s, exp.municipio_id, alterado)
        assert not v.genuino and v.mensaje.startswith("Documento no válido: ")
        assert "fue alterado: no coincide con ningún documento emitido de esa acta" in v.mensaje


def test_acta_en_borrador_no_se_registra(exp, tmp_path):
    pdf = tmp_path / "borrador.pdf"
    with exp.transaccion() as s:
        exportar_pdf("acta", s, exp.municipio_id, pdf, hoy=HOY, id=_acta(s, "borrador").id)
    with exp.sesion() as s:
        assert s.scalar(select(func.count()).select_from(DocumentoEmitido)) == 0
        v = verificar_pdf(s, exp.municipio_id, pdf)
    assert not v.genuino and "no es un documento emitido por este expediente" in v.mensaje


def test_un_pdf_ajeno_no_es_del_expediente_y_lo_que_no_es_pdf_es_error(exp, tmp_path):
    ajeno = tmp_path / "actores.pdf"
    texto = tmp_path / "nota.pdf"
    texto.write_text("Plan de Acción sancionado, genuino", encoding="utf-8")
    with exp.sesion() as s:
        exportar_pdf("actores", s, exp.municipio_id, ajeno, hoy=HOY)
        v = verificar_pdf(s, exp.municipio_id, ajeno)
        assert not v.genuino and v.tipo == ""
        assert "no es un documento emitido por este expediente" in v.mensaje
        with pytest.raises(ErrorDeUsuario, match="no es un archivo PDF"):
            verificar_pdf(s, exp.municipio_id, texto)
        with pytest.raises(ErrorDeUsuario, match="No se encontró"):
            verificar_pdf(s, exp.municipio_id, tmp_path / "no_existe.pdf")


def _plan_sancionado(exp) -> int:
    """Compañía Cerrito's new plan with one activity, signed on 10–14/11/2026 and sanctioned (revision 1)."""
    from nucleo.modelo import Territorio
    from nucleo.servicios.actividades import DatosActividad, crear_actividad
    from nucleo.servicios.plan import DatosPlan, cambiar_estado, crear_plan

    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        pid = crear_plan(s, exp.municipio_id, tid, DatosPlan(titulo="Plan de Acción Compañía Cerrito",
                                                             inicio=date(2027, 3, 1), objetivo="Agua segura"))
        crear_actividad(s, pid, DatosActividad(nombre="Censo de hogares sin agua", duracion=10))
        cambiar_estado(s, pid, "en_revision")
        sa.firmantes_por_defecto(s, pid)
        for n, f in enumerate(sa.listar_firmantes(s, pid)):
            sa.registrar_firma(s, f.id, date(2026, 11, 10 + n))
        sa.sancionar(s, pid, HOY)
    return pid


def _pdf_del_plan(ruta, plan_id: int, revision: int, relleno: bytes = b"") -> None:
    # A stand-in for the plan's printout: only the bytes and the /Subject matter to the verification.
    ruta.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n" + relleno +
                     f"2 0 obj << /Subject (articula:plan:{plan_id}:{revision}) >> endobj\n%%EOF\n".encode())


def test_plan_sancionado_se_reconoce_y_el_contenido_se_comprueba(exp, tmp_path):
    pid = _plan_sancionado(exp)
    pdf = tmp_path / "plan.pdf"
    _pdf_del_plan(pdf, pid, 1)
    with exp.transaccion() as s:
        huella = sa.listar_revisiones(s, pid)[0].huella
        registrar_emision(s, exp.municipio_id, "plan", pid, 1, huella, pdf, descripcion="Plan, revisión 1")
    with exp.sesion() as s:
        v = verificar_pdf(s, exp.municipio_id, pdf)
        assert v.genuino and (v.tipo, v.entidad_id, v.revision) == ("plan", pid, 1)
        assert "Plan de Acción «Plan de Acción Compañía Cerrito» del territorio «Compañía Cerrito»" in v.mensaje
        assert "revisión 1 sancionada el 14/11/2026" in v.mensaje and huella[:12] in v.mensaje

        # Same claim in its metadata, other bytes: altered.
        otro = tmp_path / "plan_otro.pdf"
        _pdf_del_plan(otro, pid, 1, relleno=b"% texto agregado\n")
        v = verificar_pdf(s, exp.municipio_id, otro)
        assert not v.genuino and (v.tipo, v.entidad_id, v.revision) == ("plan", pid, 1)
        assert "fue alterado: no coincide con ningún documento emitido de ese plan" in v.mensaje
        assert "revisión 1" in v.mensaje

        # A plan this expediente does not have: not one of its documents.
        _pdf_del_plan(otro, 999, 1)
        v = verificar_pdf(s, exp.municipio_id, otro)
        assert not v.genuino and "no es un documento emitido por este expediente" in v.mensaje

    # The frozen content edited outside Articula: the file matches, but it cannot be taken as valid.
    with exp.transaccion() as s:
        r = s.scalar(select(RevisionPlan).where(RevisionPlan.plan_id == pid))
        r.contenido = r.contenido.replace("Agua segura", "Agua potable")
    with exp.sesion() as s:
        v = verificar_pdf(s, exp.municipio_id, pdf)
        assert not v.genuino and "ya no coincide con su huella" in v.mensaje
