"""Sanción del plan: los firmantes de siempre, la negativa mientras falte una firma (nombrándola), la sanción que
congela el plan con una huella estable, las revisiones siguientes con su deshacer y la comparación entre
revisiones (actividades agregadas o movidas, presupuesto, textos)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario
from nucleo.modelo import Actor, Municipio, PlanAccion, Territorio
from nucleo.modelo.sancion import FirmantePlan, RevisionPlan
from nucleo.servicios import sancion as sa
from nucleo.servicios.actividades import (
    DatosActividad,
    DatosRecurso,
    actualizar_actividad,
    crear_actividad,
    obtener_actividad,
)
from nucleo.servicios.instantanea import canonico, huella
from nucleo.servicios.plan import DatosPlan, actualizar_plan, cambiar_estado, crear_plan, obtener_plan
from nucleo.servicios.verificacion import registrar_emision

HOY = date(2026, 11, 18)
CERRITO = "Compañía Cerrito"


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def plan_en_revision(exp) -> tuple[int, int]:
    """A new plan for Compañía Cerrito with one activity that costs ₲ 300.000, moved to «En revisión»."""
    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == CERRITO))
        pid = crear_plan(s, exp.municipio_id, tid, DatosPlan(titulo="Plan de Acción Compañía Cerrito",
                                                             inicio=date(2027, 3, 1), objetivo="Agua segura"))
        aid = crear_actividad(s, pid, DatosActividad(
            nombre="Censo de hogares sin agua", duracion=10,
            recursos=(DatosRecurso(descripcion="Viáticos del censo", cantidad=2, costo_unitario=150_000),)))
        cambiar_estado(s, pid, "en_revision")
    return pid, aid


def firmar_todo(s, pid: int, desde: date = date(2026, 11, 10)) -> date:
    """Signs every signatory on consecutive days; returns the last date."""
    ultima = desde
    for n, f in enumerate(sa.listar_firmantes(s, pid)):
        ultima = date(desde.year, desde.month, desde.day + n)
        sa.registrar_firma(s, f.id, ultima)
    return ultima


def sancionado(exp) -> tuple[int, int]:
    pid, aid = plan_en_revision(exp)
    with exp.transaccion() as s:
        sa.firmantes_por_defecto(s, pid)
        firmar_todo(s, pid)
        sa.sancionar(s, pid, HOY)
    return pid, aid


def test_firmantes_por_defecto(exp):
    pid, _aid = plan_en_revision(exp)
    with exp.transaccion() as s:
        creados = sa.firmantes_por_defecto(s, pid)
        filas = sa.listar_firmantes(s, pid)
        assert [f.id for f in filas] == creados
        assert [f.rol for f in filas] == ["intendente", "concejo", "gobernador", "junta", "organizacion"]
        assert all(f.requerida and not f.firmada and f.revision == 1 for f in filas)
        intendente = s.scalar(select(Municipio.intendente_nombre).where(Municipio.id == exp.municipio_id))
        assert filas[0].nombre == intendente and filas[0].rol_texto == "Intendente Municipal"
        t = s.scalar(select(Territorio).where(Territorio.nombre == CERRITO))
        assert filas[4].actor_id == t.organizacion_id
        assert filas[4].nombre == s.get(Actor, t.organizacion_id).nombre
        # A second call never duplicates them.
        assert sa.firmantes_por_defecto(s, pid) == []
        assert len(sa.listar_firmantes(s, pid)) == 5


def test_agregar_actualizar_eliminar_y_restaurar_firmante(exp):
    pid, _aid = plan_en_revision(exp)
    with exp.transaccion() as s:
        fid = sa.agregar_firmante(s, pid, sa.DatosFirmante(rol="otro", nombre="Ña Rosa Ejemplo",
                                                           cargo="Directora de la escuela", requerida=False))
        anterior = sa.actualizar_firmante(s, fid, sa.DatosFirmante(rol="otro", nombre="Ña Rosa Ejemplo",
                                                                    cargo="Directora", requerida=True))
        assert anterior.cargo == "Directora de la escuela"
        copia = sa.eliminar_firmante(s, fid)
        assert sa.listar_firmantes(s, pid) == []
        assert sa.restaurar_firmante(s, copia) == fid
        assert sa.listar_firmantes(s, pid)[0].cargo == "Directora"
        with pytest.raises(ErrorDeUsuario, match="organización"):
            sa.agregar_firmante(s, pid, sa.DatosFirmante(rol="organizacion"))


def test_sancionar_se_niega_y_nombra_las_firmas_que_faltan(exp):
    pid, _aid = plan_en_revision(exp)
    with exp.transaccion() as s:
        with pytest.raises(ErrorDeUsuario, match="firmas requeridas"):
            sa.sancionar(s, pid, HOY)
        sa.firmantes_por_defecto(s, pid)
        filas = sa.listar_firmantes(s, pid)
        for f in filas[:3]:
            sa.registrar_firma(s, f.id, date(2026, 11, 12))
        assert [f.rol for f in sa.faltan_firmas(s, pid)] == ["junta", "organizacion"]
        with pytest.raises(ErrorDeUsuario) as error:
            sa.sancionar(s, pid, HOY)
        assert "Faltan 2 firmas" in error.value.mensaje
        assert "Junta Departamental" in error.value.mensaje and filas[4].nombre in error.value.mensaje
        assert "Concejo Municipal" not in error.value.mensaje
        assert s.get(PlanAccion, pid).estado == "en_revision"
        assert s.scalar(select(func.count()).select_from(RevisionPlan).where(RevisionPlan.plan_id == pid)) == 0


def test_sancionar_exige_el_plan_en_revision(exp):
    pid, _aid = plan_en_revision(exp)
    with exp.transaccion() as s:
        sa.firmantes_por_defecto(s, pid)
        firmar_todo(s, pid)
        cambiar_estado(s, pid, "borrador")
        with pytest.raises(ErrorDeUsuario, match="En revisión"):
            sa.sancionar(s, pid, HOY)


def test_la_sancion_congela_el_plan(exp):
    pid, _aid = plan_en_revision(exp)
    with exp.transaccion() as s:
        sa.firmantes_por_defecto(s, pid)
        ultima = firmar_todo(s, pid)
        rid = sa.sancionar(s, pid, HOY)
        r = s.get(RevisionPlan, rid)
        assert (r.numero, r.sancionado_en) == (1, ultima)
        p = s.get(PlanAccion, pid)
        assert p.estado == "sancionado"
        # Structure, signatories and signatures no longer change.
        with pytest.raises(ErrorDeUsuario, match="ya no se modifica"):
            crear_actividad(s, pid, DatosActividad(nombre="Otra tarea", duracion=2))
        with pytest.raises(ErrorDeUsuario, match="ya no se modifica"):
            actualizar_plan(s, pid, replace(obtener_plan(s, pid), objetivo="Otro objetivo"))
        primera = sa.listar_firmantes(s, pid)[0]
        with pytest.raises(ErrorDeUsuario, match="ya está sancionada"):
            sa.registrar_firma(s, primera.id, None)
        with pytest.raises(ErrorDeUsuario, match="ya está sancionada"):
            sa.agregar_firmante(s, pid, sa.DatosFirmante(rol="otro", nombre="Alguien"))
        with pytest.raises(ErrorDeUsuario, match="ya está sancionado"):
            sa.sancionar(s, pid, HOY)
        # The frozen content is the plan as sanctioned, with its signatures and dates.
        d = sa.contenido_revision(s, pid, 1)
        assert d["plan"]["estado"] == "sancionado" and d["plan"]["titulo"] == "Plan de Acción Compañía Cerrito"
        assert [f["fecha"] for f in d["firmantes"]] == [f.fecha.isoformat() for f in sa.listar_firmantes(s, pid)]
        assert d["actividades"][0]["nombre"] == "Censo de hogares sin agua"
        assert d["presupuesto"]["total"] == 300_000
        assert d["sancion"] == {"numero": 1, "sancionado_en": ultima.isoformat()}


def test_la_huella_es_estable_e_integra(exp):
    pid, _aid = sancionado(exp)
    with exp.sesion() as s:
        r = s.scalar(select(RevisionPlan).where(RevisionPlan.plan_id == pid))
        d = sa.contenido_revision(s, pid, 1)
        # Canonical JSON: the stored text is exactly canonico() of what it reads back, and hashes to its huella.
        assert canonico(d).decode("utf-8") == r.contenido
        assert huella(d) == r.huella == hashlib.sha256(r.contenido.encode("utf-8")).hexdigest()
        (fila,) = sa.listar_revisiones(s, pid)
        assert (fila.numero, fila.huella_corta, fila.integra) == (1, r.huella[:12], True)
    with exp.transaccion() as s:
        r = s.scalar(select(RevisionPlan).where(RevisionPlan.plan_id == pid))
        r.contenido = r.contenido.replace("Censo de hogares", "Censo de familias")  # edited outside Articula
    with exp.sesion() as s:
        assert sa.listar_revisiones(s, pid)[0].integra is False


def test_deshacer_la_sancion(exp):
    pid, _aid = sancionado(exp)
    with exp.transaccion() as s:
        sa.deshacer_sancion(s, pid)
        assert s.get(PlanAccion, pid).estado == "en_revision"
        assert sa.listar_revisiones(s, pid) == []
        assert not sa.faltan_firmas(s, pid)  # the signatures stay
        sa.sancionar(s, pid, HOY)
    with exp.transaccion() as s:
        # Once a printout of the revision was issued, the sanction stays.
        registrar_emision(s, exp.municipio_id, "plan", pid, 1, sa.listar_revisiones(s, pid)[0].huella,
                          _pdf_minimo(exp))
        with pytest.raises(ErrorDeUsuario, match="impresos"):
            sa.deshacer_sancion(s, pid)


def _pdf_minimo(exp):
    ruta = exp.ruta.parent / "minimo.pdf"
    ruta.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return ruta


def test_nueva_revision_y_su_deshacer(exp):
    pid, _aid = sancionado(exp)
    with exp.transaccion() as s:
        firmas_1 = sa.listar_firmantes(s, pid)
        cambiar_estado(s, pid, "en_ejecucion")
        assert sa.nueva_revision(s, pid) == 2
        p = s.get(PlanAccion, pid)
        assert (p.revision, p.estado) == (2, "borrador")
        firmas_2 = sa.listar_firmantes(s, pid)
        assert [(f.rol, f.nombre, f.cargo, f.requerida) for f in firmas_2] == [
            (f.rol, f.nombre, f.cargo, f.requerida) for f in firmas_1]
        assert not any(f.firmada for f in firmas_2)
        # Revision 1 stays as it was: readable, with its signatures.
        assert all(f.firmada for f in sa.listar_firmantes(s, pid, revision=1))
        assert sa.contenido_revision(s, pid, 1)["plan"]["revision"] == 1
        with pytest.raises(ErrorDeUsuario, match="tiene: 1"):
            sa.contenido_revision(s, pid, 2)
        # The new revision is editable again.
        crear_actividad(s, pid, DatosActividad(nombre="Taller de cierre", duracion=2))
        with pytest.raises(ErrorDeUsuario, match="todavía no está sancionada"):
            sa.nueva_revision(s, pid)

        sa.deshacer_nueva_revision(s, pid)
        p = s.get(PlanAccion, pid)
        assert (p.revision, p.estado) == (1, "en_ejecucion")
        assert s.scalar(select(func.count()).select_from(FirmantePlan).where(FirmantePlan.revision == 2)) == 0
        with pytest.raises(ErrorDeUsuario, match="No hay una revisión nueva"):
            sa.deshacer_nueva_revision(s, pid)


def test_comparar_revisiones(exp):
    pid, aid = sancionado(exp)
    with exp.transaccion() as s:
        sa.nueva_revision(s, pid)
        # One activity takes longer and needs one more person; another one is added; the objective changes.
        d = obtener_actividad(s, aid)
        actualizar_actividad(s, aid, replace(d, duracion=15, recursos=(
            DatosRecurso(descripcion="Viáticos del censo", cantidad=3, costo_unitario=150_000),)))
        crear_actividad(s, pid, DatosActividad(nombre="Taller de devolución", duracion=2))
        actualizar_plan(s, pid, replace(obtener_plan(s, pid), objetivo="Agua segura para todas las familias"))

        vivo = sa.comparar_revisiones(s, pid, 1, 0, hoy=HOY)
        assert vivo.actividades_agregadas == ["2 Taller de devolución"]
        assert vivo.actividades_quitadas == []
        ((nombre, antes, despues),) = vivo.actividades_movidas
        assert nombre == "1 Censo de hogares sin agua"
        assert antes == "02/03/2027–15/03/2027" and despues == "02/03/2027–22/03/2027"
        assert ("Total", 300_000, 450_000) in vivo.presupuesto
        assert ("Fuente: Municipal", 300_000, 450_000) in vivo.presupuesto
        assert vivo.textos == ["Objetivo"]
        assert vivo.resumen.startswith("De la revisión 1 al plan actual: 1 actividad agregada")
        assert "₲ 300.000" in vivo.resumen and "₲ 450.000" in vivo.resumen

        # Sanctioned again, revision 2 against revision 1 says the same; and the other way round.
        cambiar_estado(s, pid, "en_revision")
        firmar_todo(s, pid, date(2026, 11, 16))
        sa.sancionar(s, pid, HOY)
        assert [r.numero for r in sa.listar_revisiones(s, pid)] == [1, 2]
        dos = sa.comparar_revisiones(s, pid, 1, 2)
        assert (dos.actividades_agregadas, dos.actividades_movidas, dos.presupuesto) == (
            vivo.actividades_agregadas, vivo.actividades_movidas, vivo.presupuesto)
        atras = sa.comparar_revisiones(s, pid, 2, 1)
        assert atras.actividades_quitadas == ["2 Taller de devolución"]
        igual = sa.comparar_revisiones(s, pid, 2, 2)
        assert not igual.hay_cambios and igual.resumen == "No hay diferencias entre la revisión 2 y la revisión 2."


def test_estado_de_sancion_reune_lo_que_muestra_la_pestana(exp):
    with exp.sesion() as s:
        pid = s.scalar(select(PlanAccion.id).where(PlanAccion.estado == "en_ejecucion"))
        e = sa.estado_de_sancion(s, pid)
        assert (e.estado, e.revision, e.territorio) == ("en_ejecucion", 1, "Barrio San Miguel")
        assert len(e.firmantes) == 5 and e.faltan == []
        assert [r.numero for r in e.revisiones] == [1] and e.revision_actual().numero == 1
        vacio = sa.estado_de_sancion(s, 999999)  # a plan deleted meanwhile: an empty tab, not an error
        assert (vacio.estado, vacio.firmantes, vacio.revision_actual()) == ("", [], None)
