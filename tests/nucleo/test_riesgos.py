"""Matriz de riesgos: la matriz de niveles como dato, validación atada a cada campo, baja que se puede deshacer con
sus actividades amenazadas, semáforo de revisión, mapa de calor y la regla del plan (todo estado menos cerrado)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Actor, Auditoria, PlanAccion, Territorio
from nucleo.modelo.riesgo import riesgo_actividad
from nucleo.servicios import riesgos as rs
from nucleo.servicios.plan import cambiar_estado, nodos_del_plan

HOY = date(2026, 11, 18)  # a Wednesday


def _base(exp) -> tuple[int, list[int], dict[str, int]]:
    """(plan de San Miguel, sus actividades de detalle, actores por nombre)."""
    with exp.sesion() as s:
        plan_id = s.scalar(select(PlanAccion.id).order_by(PlanAccion.id))
        hojas = [n.id for n in nodos_del_plan(s, plan_id) if not n.es_resumen]
        actores = dict(s.execute(select(Actor.nombre, Actor.id)).all())
    return plan_id, hojas, actores


def _cerrito(exp) -> tuple[int, int]:
    """(territorio Compañía Cerrito, un plan nuevo suyo con una actividad) — en borrador."""
    from nucleo.servicios import actividades as act
    from nucleo.servicios import plan as pl

    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        pid = pl.crear_plan(s, exp.municipio_id, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=date(2027, 2, 1)))
        aid = act.crear_actividad(s, pid, act.DatosActividad(nombre="Taller de productores", duracion=3))
    return pid, aid


def test_matriz_por_defecto_da_el_nivel_de_cada_celda():
    m = rs.matriz_por_defecto()
    assert m.probabilidad[0] == "Rara vez" and m.impacto[-1] == "Catastrófico"
    assert [n.clave for n in m.niveles] == ["bajo", "medio", "alto", "extremo"]
    assert m.nivel(1, 1).etiqueta == "Bajo"
    assert m.nivel(4, 5).clave == "extremo" and m.nivel(4, 5).color == "#c62828"
    assert m.nivel(3, 4).clave == "alto" and "próxima sesión" in m.nivel(3, 4).accion


def test_guardar_matriz_valida_y_cambia_los_niveles(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    plan_id, _hojas, _a = _base(exp)
    with exp.transaccion() as s:
        rid = rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="Sequía", probabilidad=1,
                                                     impacto=1))
    mala = rs.matriz_por_defecto()
    mala.niveles[0].color = "verde"
    mala.celdas[2][2] = "altisimo"
    mala.probabilidad = mala.probabilidad[:4]
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as info:
        rs.guardar_matriz(s, mid, mala)
    errores = info.value.errores
    assert "#rrggbb" in errores["niveles"] and "«altisimo»" in errores["celdas"]
    assert "probabilidad" in errores

    propia = rs.matriz_por_defecto()
    propia.celdas[0][0] = "extremo"  # this municipality fears even the rarest, smallest risk
    with exp.transaccion() as s:
        assert rs.guardar_matriz(s, mid, propia) is None  # it was the default
    with exp.sesion() as s:
        fila = next(f for f in rs.listar_riesgos(s, mid, HOY, plan_id=plan_id) if f.id == rid)
        assert (fila.id, fila.nivel, fila.nivel_texto, fila.color) == (rid, "extremo", "Extremo", "#c62828")
        assert rs.matriz_del_municipio(s, mid).celdas[0][0] == "extremo"
    with exp.transaccion() as s:
        anterior = rs.guardar_matriz(s, mid, None)
        assert anterior is not None and anterior.celdas[0][0] == "extremo"
    with exp.sesion() as s:
        assert next(f for f in rs.listar_riesgos(s, mid, HOY, plan_id=plan_id) if f.id == rid).nivel == "bajo"
        assert s.scalar(select(Auditoria.id).where(Auditoria.entidad == "matriz_riesgos")) is not None


def test_crear_obtener_actualizar_con_actividades(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    plan_id, hojas, actores = _base(exp)
    muni = actores["Municipalidad de Villeta"]
    datos = rs.DatosRiesgo(plan_id=plan_id, escenario="  Lluvias intensas cortan el acceso  ",
                           signos_alerta="Pronóstico de más de 80 mm", acciones_preventivas="Limpiar desagües",
                           reduccion_danos="Trasladar el apoyo escolar", ajustes_programa="Correr la obra",
                           probabilidad=4, impacto=5, responsable_id=muni, proxima_revision=HOY + timedelta(days=20),
                           actividades=(hojas[1], hojas[0]))
    with exp.transaccion() as s:
        rid = rs.crear_riesgo(s, mid, datos)
        otro = rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="Atraso del aporte"))
    with exp.sesion() as s:
        d = rs.obtener_riesgo(s, rid)
        assert d.escenario == "Lluvias intensas cortan el acceso"
        assert d.territorio_id == s.get(PlanAccion, plan_id).territorio_id  # a plan's risk is of its territory
        assert set(d.actividades) == {hojas[0], hojas[1]}
        # The demo may bring risks of its own: only ours are looked at, appended at the end in order.
        filas = [f for f in rs.listar_riesgos(s, mid, HOY, plan_id=plan_id) if f.id in (rid, otro)]
        assert [f.id for f in filas] == [rid, otro] and filas[1].orden == filas[0].orden + 1
        assert rs.listar_riesgos(s, mid, HOY, plan_id=plan_id)[-1].id == otro
        f = filas[0]
        assert (f.nivel, f.nivel_texto, f.responsable, f.estado_texto, f.revision) == (
            "extremo", "Extremo", "Municipalidad de Villeta", "Abierto", "al_dia")
        assert f.territorio == "Barrio San Miguel"
        codigos = [t.split(" ", 1)[0] for _a, t in f.actividades]
        assert codigos == sorted(codigos) and len(codigos) == 2
    with exp.transaccion() as s:
        anterior = rs.actualizar_riesgo(s, rid, rs.DatosRiesgo(
            plan_id=plan_id, escenario="Lluvias", probabilidad=2, impacto=2, estado="mitigado",
            actividades=(hojas[2],)))
        assert anterior.probabilidad == 4 and set(anterior.actividades) == {hojas[0], hojas[1]}
    with exp.sesion() as s:
        f = next(f for f in rs.listar_riesgos(s, mid, HOY, plan_id=plan_id) if f.id == rid)
        assert (f.nivel, f.revision, [a for a, _t in f.actividades]) == ("bajo", "cumplida", [hojas[2]])
    with exp.transaccion() as s:  # undo = apply the previous data
        rs.actualizar_riesgo(s, rid, anterior)
        assert rs.obtener_riesgo(s, rid) == anterior
        acciones = s.scalars(select(Auditoria.accion).where(Auditoria.entidad == "riesgo",
                                                            Auditoria.entidad_id == rid)).all()
        assert acciones == ["crear", "actualizar", "actualizar"]


def test_validacion_con_mensajes_por_campo(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    plan_id, _hojas, _a = _base(exp)
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as info:
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario=" ", probabilidad=6, impacto=0,
                                               estado="olvidado", responsable_id=99999,
                                               proxima_revision=date(1926, 1, 1)))
    e = info.value.errores
    assert e["escenario"] == "Escriba el escenario de crisis."
    assert e["probabilidad"] == "La probabilidad va de 1 a 5: elija un valor de la escala."
    assert e["impacto"] == "El impacto va de 1 a 5: elija un valor de la escala."
    assert e["estado"].startswith("Elija el estado del riesgo entre: Abierto, Mitigado")
    assert "matriz de actores" in e["responsable_id"]
    assert "revise el año" in e["proxima_revision"]
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as info:
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(escenario="Sin dueño"))
    assert "territorio_id" in info.value.errores


def test_actividades_solo_del_mismo_plan(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    plan_id, hojas, _a = _base(exp)
    _pid_cerrito, ajena = _cerrito(exp)
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as info:
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="X", actividades=(hojas[0], ajena)))
    assert "mismo Plan de Acción" in info.value.errores["actividades"]
    # A territory's risk without a plan exists, but threatens no activity.
    with exp.sesion() as s:
        industrial = s.scalar(select(Territorio.id).where(Territorio.nombre == "Barrio Industrial"))
    with exp.transaccion() as s:
        rid = rs.crear_riesgo(s, mid, rs.DatosRiesgo(territorio_id=industrial, escenario="Cierre de la fábrica"))
        with pytest.raises(ErroresDeValidacion) as info:
            rs.crear_riesgo(s, mid, rs.DatosRiesgo(territorio_id=industrial, escenario="Y", actividades=(hojas[0],)))
        assert "actividades" in info.value.errores
    with exp.sesion() as s:
        assert [f.id for f in rs.listar_riesgos(s, mid, HOY, territorio_id=industrial)] == [rid]
        assert rs.listar_riesgos(s, mid, HOY, territorio_id=industrial)[0].plan_id is None


def test_baja_y_restauracion_con_actividades(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    plan_id, hojas, actores = _base(exp)
    with exp.transaccion() as s:
        rid = rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="Inundación",
                                                     responsable_id=actores["Gobernación de Central"],
                                                     actividades=(hojas[0], hojas[3])))
        antes = rs.obtener_riesgo(s, rid)
    with exp.transaccion() as s:
        copia = rs.eliminar_riesgo(s, rid)
        assert len(copia.actividades) == 2
    with exp.sesion() as s:
        assert rid not in {f.id for f in rs.listar_riesgos(s, mid, HOY, plan_id=plan_id)}
        assert not s.execute(select(riesgo_actividad).where(riesgo_actividad.c.riesgo_id == rid)).all()
        with pytest.raises(ErrorDeUsuario, match="No se encontró el riesgo"):
            rs.obtener_riesgo(s, rid)
    with exp.transaccion() as s:
        assert rs.restaurar_riesgo(s, copia) == rid
    with exp.sesion() as s:
        assert rs.obtener_riesgo(s, rid) == antes
        acciones = s.scalars(select(Auditoria.accion).where(Auditoria.entidad == "riesgo",
                                                            Auditoria.entidad_id == rid)).all()
        assert acciones == ["crear", "eliminar", "restaurar"]


def test_plan_cerrado_no_se_toca_y_los_demas_estados_si(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    plan_id, _hojas, _a = _base(exp)
    with exp.sesion() as s:
        assert s.get(PlanAccion, plan_id).estado == "en_ejecucion"  # follow-up: allowed
    with exp.transaccion() as s:
        rid = rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="Paro docente"))
        cambiar_estado(s, plan_id, "cerrado")
    for intento in (lambda s: rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=plan_id, escenario="Otro")),
                    lambda s: rs.actualizar_riesgo(s, rid, rs.DatosRiesgo(plan_id=plan_id, escenario="Paro")),
                    lambda s: rs.eliminar_riesgo(s, rid)):
        with exp.transaccion() as s, pytest.raises(ErrorDeUsuario, match="está cerrado: su matriz de riesgos"):
            intento(s)
    # A plan in borrador takes risks too.
    pid_cerrito, aid = _cerrito(exp)
    with exp.transaccion() as s:
        rs.crear_riesgo(s, mid, rs.DatosRiesgo(plan_id=pid_cerrito, escenario="Helada", actividades=(aid,)))


def test_revision_por_revisar_mapa_y_marcas_del_gantt(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    plan_id, hojas, _a = _base(exp)
    casos = [  # (escenario, estado, próxima revisión, p, i, actividades)
        ("Vencido", "abierto", HOY - timedelta(days=1), 4, 5, (hojas[0],)),
        ("Por vencer", "materializado", HOY + timedelta(days=2), 4, 5, (hojas[0], hojas[1])),  # Friday
        ("Al día", "abierto", HOY + timedelta(days=14), 1, 1, ()),
        ("Sin fecha", "abierto", None, 3, 3, ()),
        ("Mitigado viejo", "mitigado", HOY - timedelta(days=30), 2, 4, (hojas[1],)),
    ]
    ids = {}
    with exp.transaccion() as s:
        for escenario, estado, fecha, p, i, acts in casos:
            ids[escenario] = rs.crear_riesgo(s, mid, rs.DatosRiesgo(
                plan_id=plan_id, escenario=escenario, estado=estado, proxima_revision=fecha, probabilidad=p,
                impacto=i, actividades=acts))
    with exp.sesion() as s:
        mios = set(ids.values())
        filas = [f for f in rs.listar_riesgos(s, mid, HOY, plan_id=plan_id) if f.id in mios]
        assert {f.escenario: f.revision for f in filas} == {
            "Vencido": "vencida", "Por vencer": "por_vencer", "Al día": "al_dia", "Sin fecha": "sin_fecha",
            "Mitigado viejo": "cumplida"}
        assert [f.escenario for f in rs.por_revisar(s, mid, HOY) if f.id in mios] == ["Vencido", "Por vencer"]
        mapa = rs.mapa_de_calor(filas)
        assert mapa[3][4] == 2 and mapa[0][0] == 1 and mapa[2][2] == 1 and mapa[1][3] == 1
        assert sum(map(sum, mapa)) == 5
        marcas = rs.riesgos_por_actividad(s, plan_id, HOY)
        assert {k: [f.escenario for f in v if f.id in mios] for k, v in marcas.items() if k in hojas[:2]} == {
            hojas[0]: ["Vencido", "Por vencer"], hojas[1]: ["Por vencer"]}  # the mitigated one marks nothing
