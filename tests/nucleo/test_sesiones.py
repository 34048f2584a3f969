"""Sesiones: validación con mensajes por campo, orden del día, invitados, acuerdos con votos, compromisos con
semáforo y acuerdo → actividad (y su deshacer)."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Actividad, Actor, Territorio
from nucleo.servicios import mesas as M
from nucleo.servicios import sesiones as S
from nucleo.servicios.actividades import eliminar_actividad, restaurar_actividad

HOY = date(2026, 11, 18)  # a Wednesday


def _actor(s, nombre: str) -> int:
    return s.scalar(select(Actor.id).where(Actor.nombre == nombre))


def _mesa(s, mid: int, n: int = 5, nombre: str = "Mesa territorial San Miguel") -> tuple[int, list[int]]:
    mesa = M.crear_mesa(s, mid, M.DatosMesa(nombre=nombre, lugar_habitual="Salón de la Comisión Vecinal"))
    return mesa, [M.agregar_miembro(s, mesa, M.DatosMiembro(nombre=f"Miembro {i}")) for i in range(1, n + 1)]


def test_sesion_nace_con_asistencia_y_lugar_habitual(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 24), hora=time(18, 30),
                                                       duracion_prevista=90))
        assert S.obtener_sesion(s, sesion).lugar == "Salón de la Comisión Vecinal"
        filas = S.listar_asistencia(s, sesion)
        assert [f.miembro_id for f in filas] == ids
        assert {f.estado_texto for f in filas} == {"Ausente"}
        S.agregar_punto(s, sesion, S.DatosPunto(titulo="Lectura del acta anterior", minutos=10))
        S.agregar_punto(s, sesion, S.DatosPunto(titulo="Informe de la USF", expositor="Dr. Prueba", minutos=30))
        S.marcar_asistencia(s, sesion, ids[0], "presente")
        S.marcar_asistencia(s, sesion, ids[1], "justificado")
        S.agregar_invitado(s, sesion, "Vecina invitada", institucion="Barrio San Miguel")
        fila = S.listar_sesiones(s, exp.municipio_id, mesa_id=mesa)[0]
        assert (fila.n_puntos, fila.minutos_agenda, fila.duracion_prevista, fila.n_presentes) == (2, 40, 90, 2)
        assert fila.quorum.texto == "No hay quórum: 1 de 5 miembros con voto; se necesitan 3."
        assert (fila.acta_numero, fila.tipo_texto, fila.estado_texto) == ("", "Ordinaria", "Convocada")
        invitado = S.listar_asistencia(s, sesion)[-1]
        assert invitado.invitado and invitado.rol_texto == "Invitado/a" and not invitado.con_voto


def test_sesion_validacion_por_campo(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, _ids = _mesa(s, exp.municipio_id)
        with pytest.raises(ErroresDeValidacion) as e:
            S.crear_sesion(s, mesa, S.DatosSesion(fecha=None, hora="25:00", duracion_prevista=0, tipo="rara",
                                                  hora_inicio=time(19), hora_fin=time(18)))
        errores = e.value.errores
        assert errores["fecha"] == "Indique la fecha de la sesión."
        assert "no es una hora válida" in errores["hora"]
        assert "más de 0 minutos" in errores["duracion_prevista"]
        assert "tipo" in errores and "antes de empezar" in errores["hora_fin"]
        with pytest.raises(ErroresDeValidacion) as e:
            S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 24), convocada_en=date(2026, 11, 25)))
        assert "posterior a la sesión" in e.value.errores["convocada_en"]


def test_orden_del_dia_mover_eliminar_y_deshacer(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, _ids = _mesa(s, exp.municipio_id)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 24)))
        a = S.agregar_punto(s, sesion, S.DatosPunto(titulo="A"))
        c = S.agregar_punto(s, sesion, S.DatosPunto(titulo="C"))
        b = S.agregar_punto(s, sesion, S.DatosPunto(titulo="B"), despues_de=a)
        assert [p.titulo for p in S.listar_puntos(s, sesion)] == ["A", "B", "C"]
        assert S.mover_punto(s, c, 1) == 3
        assert [(p.orden, p.titulo) for p in S.listar_puntos(s, sesion)] == [(1, "C"), (2, "A"), (3, "B")]
        acuerdo = S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="X", punto_id=a))
        copia = S.eliminar_punto(s, a)
        assert [p.titulo for p in S.listar_puntos(s, sesion)] == ["C", "B"]
        assert S.obtener_acuerdo(s, acuerdo).punto_id is None
        S.restaurar_punto(s, copia)
        assert [p.titulo for p in S.listar_puntos(s, sesion)] == ["C", "A", "B"]
        assert S.obtener_acuerdo(s, acuerdo).punto_id == a
        assert S.listar_puntos(s, sesion)[1].n_acuerdos == 1
        with pytest.raises(ErroresDeValidacion) as e:
            S.actualizar_punto(s, b, S.DatosPunto(titulo=" ", minutos=0))
        assert set(e.value.errores) == {"titulo", "minutos"}


def test_acuerdo_validacion_plazo_y_votos(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 10)))
        for m in ids[:3]:
            S.marcar_asistencia(s, sesion, m, "presente")
        with pytest.raises(ErroresDeValidacion) as e:
            S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="", plazo=date(2026, 11, 9), votos_favor=-1,
                                                        estado="hecho"))
        errores = e.value.errores
        assert set(errores) == {"texto", "plazo", "votos_favor", "estado"}
        assert errores["plazo"] == "El plazo (09/11/2026) no puede ser anterior a la sesión (10/11/2026)."
        with pytest.raises(ErroresDeValidacion, match="Se cuentan 4 votos, pero hay 3 miembros con voto"):
            S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="Votado", votos_favor=3, abstenciones=1))
        a = S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="Votado", votos_favor=2, votos_contra=1,
                                                        responsable_id=_actor(s, "Municipalidad de Villeta")))
        fila = S.listar_acuerdos(s, sesion, hoy=HOY)[0]
        assert (fila.id, fila.responsable, fila.orden) == (a, "Municipalidad de Villeta", 1)
        assert S.texto_votos(2, 1, None) == "A favor: 2; en contra: 1; abstenciones: 0"


def test_compromisos_semaforo_y_orden(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        mesa, _ids = _mesa(s, mid)
        otra, _ = _mesa(s, mid, 1, nombre="Mesa intersectorial")
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 2)))
        sesion2 = S.crear_sesion(s, otra, S.DatosSesion(fecha=date(2026, 11, 3)))
        gob = _actor(s, "Gobernación de Central")

        def acuerdo(ses, texto, plazo, estado="pendiente", responsable=None):
            return S.agregar_acuerdo(s, ses, S.DatosAcuerdo(texto=texto, plazo=plazo, estado=estado,
                                                            responsable_id=responsable,
                                                            cumplido_en=date(2026, 11, 10) if estado == "cumplido"
                                                            else None))

        acuerdo(sesion, "al día", date(2026, 12, 15))
        acuerdo(sesion, "sin plazo", None)
        acuerdo(sesion, "cumplido", date(2026, 11, 5), "cumplido")
        acuerdo(sesion, "vencido", date(2026, 11, 17), responsable=gob)
        acuerdo(sesion, "cancelado", date(2026, 11, 6), "cancelado")
        acuerdo(sesion2, "por vencer", date(2026, 11, 20), "en_curso")  # Friday: 2 working days ahead
        acuerdo(sesion2, "vencido antes", date(2026, 11, 9))
        mias = {mesa, otra}  # the demo may carry mesas of its own

        def de_mias(filas):
            return [f for f in filas if f.mesa_id in mias]

        filas = de_mias(S.compromisos(s, mid, HOY))
        assert [(f.texto, f.semaforo) for f in filas] == [
            ("vencido antes", "vencida"), ("vencido", "vencida"), ("por vencer", "por_vencer"),
            ("al día", "al_dia"), ("sin plazo", "sin_fecha"), ("cumplido", "cumplida"),
            ("cancelado", "sin_fecha")]
        assert [f.texto for f in de_mias(S.compromisos(s, mid, HOY, abiertos=True))] == [
            "vencido antes", "vencido", "por vencer", "al día", "sin plazo"]
        assert [f.texto for f in S.compromisos(s, mid, HOY, mesa_id=otra)] == ["vencido antes", "por vencer"]
        solo = de_mias(S.compromisos(s, mid, HOY, responsable_id=gob))
        assert [(f.texto, f.responsable, f.mesa) for f in solo] == [
            ("vencido", "Gobernación de Central", "Mesa territorial San Miguel")]
        # Follow-up: the state changes, and the light with it.
        vencido = solo[0].id
        assert S.cambiar_estado_acuerdo(s, vencido, "cumplido", date(2026, 11, 18)) == ("pendiente", None)
        assert de_mias(S.compromisos(s, mid, HOY, responsable_id=gob))[0].semaforo == "cumplida"
        with pytest.raises(ErroresDeValidacion, match="antes de acordarse"):
            S.cambiar_estado_acuerdo(s, vencido, "cumplido", date(2026, 11, 1))


def _plan_editable(s, mid: int) -> int:
    from nucleo.servicios.plan import DatosPlan, crear_plan

    tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
    return crear_plan(s, mid, tid, DatosPlan(titulo="Plan Cerrito", inicio=date(2026, 12, 1)))


def test_acuerdo_a_actividad_y_deshacer(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        mesa, _ids = _mesa(s, mid)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 10)))
        from nucleo.servicios.actas import crear_acta

        crear_acta(s, sesion)
        texto = "Gestionar ante la Gobernación el ripio del camino vecinal " + "y las cunetas " * 20
        acuerdo = S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto=texto, plazo=date(2026, 12, 20),
                                                              responsable_id=_actor(s, "Gobernación de Central")))
        plan = _plan_editable(s, mid)
        aid = S.acuerdo_a_actividad(s, acuerdo, plan)
        act = s.get(Actividad, aid)
        assert len(act.nombre) == 200 and act.nombre.endswith("…")
        assert act.condiciones == "Acuerdo de la mesa «Mesa territorial San Miguel» (Acta N.º 1/2026)."
        assert act.lado == "servicio_publico" and act.responsable_id == _actor(s, "Gobernación de Central")
        fila = S.listar_acuerdos(s, sesion, hoy=HOY)[0]
        assert fila.actividad_id == aid and fila.actividad.startswith("Plan Cerrito · 1 Gestionar ante")
        assert fila.plan_id == plan
        with pytest.raises(ErrorDeUsuario, match="ya es la actividad"):
            S.acuerdo_a_actividad(s, acuerdo, plan)
        # Undo: unlink, then delete the activity; redo puts both back.
        assert S.desvincular_actividad(s, acuerdo) == aid
        copia = eliminar_actividad(s, aid)
        assert s.get(Actividad, aid) is None and S.obtener_acuerdo(s, acuerdo) is not None
        assert S.listar_acuerdos(s, sesion, hoy=HOY)[0].actividad == ""
        assert restaurar_actividad(s, copia) == aid
        assert S.vincular_actividad(s, acuerdo, aid) is None
        assert S.listar_acuerdos(s, sesion, hoy=HOY)[0].actividad_id == aid


def test_acuerdo_a_actividad_solo_en_plan_editable(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        from nucleo.modelo import PlanAccion

        mesa, _ids = _mesa(s, mid)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 10)))
        acuerdo = S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="Taller"))
        en_ejecucion = s.scalar(select(PlanAccion.id).where(PlanAccion.estado == "en_ejecucion"))
        with pytest.raises(ErrorDeUsuario, match="su contenido ya no se modifica"):
            S.acuerdo_a_actividad(s, acuerdo, en_ejecucion)
        assert S.obtener_acuerdo(s, acuerdo) is not None
        assert S.listar_acuerdos(s, sesion, hoy=HOY)[0].actividad_id is None


def test_eliminar_sesion_y_deshacer(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, mid)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 10), hora=time(9)))
        S.agregar_punto(s, sesion, S.DatosPunto(titulo="Informe"))
        S.marcar_asistencia(s, sesion, ids[0], "presente")
        S.agregar_invitado(s, sesion, "Invitada")
        S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="Algo", votos_favor=1))
        from nucleo.servicios.actas import crear_acta

        crear_acta(s, sesion)
        antes = (S.listar_sesiones(s, mid, mesa_id=mesa), S.listar_asistencia(s, sesion),
                 S.listar_puntos(s, sesion), S.listar_acuerdos(s, sesion, hoy=HOY))
        copia = S.eliminar_sesion(s, sesion)
        assert S.listar_sesiones(s, mid, mesa_id=mesa) == []
        assert S.restaurar_sesion(s, copia) == sesion
        despues = (S.listar_sesiones(s, mid, mesa_id=mesa), S.listar_asistencia(s, sesion),
                   S.listar_puntos(s, sesion), S.listar_acuerdos(s, sesion, hoy=HOY))
        assert despues == antes


def test_estado_de_sesion_reune_lo_que_muestra_su_pantalla(expediente_demo):
    from nucleo.modelo import Acta

    exp = expediente_demo
    with exp.sesion() as s:
        acta = s.scalar(select(Acta).where(Acta.estado == "firmada"))
        e = S.estado_de_sesion(s, exp.municipio_id, acta.sesion_id)
        assert e.fila.id == acta.sesion_id and e.datos.fecha == e.fila.fecha
        assert (e.acta_id, e.acta_estado) == (acta.id, "firmada") and e.acta_numero
        assert e.puntos and e.asistencia and e.acuerdos and e.quorum is not None
        assert S.estado_de_sesion(s, exp.municipio_id, 999999) is None  # deleted meanwhile
