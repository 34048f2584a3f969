"""Servicio de actividades: la EDT y sus códigos, deshacer una baja, la línea base, el seguimiento según el estado
del plan, lo atrasado y la validación que ve el coordinador."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Actividad, Actor, Dependencia, Oportunidad, PlanAccion, Recurso, Territorio
from nucleo.modelo.plan import actividad_oportunidad
from nucleo.servicios import actividades as act
from nucleo.servicios import plan as pl
from nucleo.servicios.actividades import DatosActividad, DatosRecurso, DatosVinculo

HOY = date(2026, 11, 18)
INICIO = date(2027, 2, 22)  # Monday


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def crear_plan(s, mid, inicio=INICIO) -> int:
    tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
    return pl.crear_plan(s, mid, tid, pl.DatosPlan(titulo="Plan Cerrito", inicio=inicio))


@pytest.fixture
def edt(exp):
    """1 Organización (1.1 Reunión, 1.2 Mesa), 2 Taller (tras 1.2), 3 Informe (tras 2)."""
    with exp.transaccion() as s:
        mid = exp.municipio_id
        pid = crear_plan(s, mid)
        org = act.crear_actividad(s, pid, DatosActividad(nombre="Organización"))
        reunion = act.crear_actividad(s, pid, DatosActividad(nombre="Reunión", padre_id=org, duracion=1))
        mesa = act.crear_actividad(s, pid, DatosActividad(nombre="Mesa", padre_id=org, duracion=5,
                                                          predecesoras=(DatosVinculo(reunion),)))
        taller = act.crear_actividad(s, pid, DatosActividad(nombre="Taller", duracion=2,
                                                            predecesoras=(DatosVinculo(mesa),)))
        informe = act.crear_actividad(s, pid, DatosActividad(nombre="Informe", duracion=3,
                                                             predecesoras=(DatosVinculo(taller),)))
    return {"mid": mid, "pid": pid, "org": org, "reunion": reunion, "mesa": mesa, "taller": taller,
            "informe": informe}


def codigos(s, pid) -> dict[str, str]:
    return {f.nombre: f.codigo for f in act.listar_actividades(s, pid, HOY)}


def test_codigos_de_la_edt_al_crear_sangrar_desangrar_y_eliminar(exp, edt):
    with exp.transaccion() as s:
        pid = edt["pid"]
        assert list(codigos(s, pid).items()) == [("Organización", "1"), ("Reunión", "1.1"), ("Mesa", "1.2"),
                                                 ("Taller", "2"), ("Informe", "3")]
        # «Insert after» puts the new one right after, at the same level.
        nueva = act.crear_actividad(s, pid, DatosActividad(nombre="Convocatoria"), despues_de=edt["reunion"])
        assert list(codigos(s, pid).values()) == ["1", "1.1", "1.2", "1.3", "2", "3"]
        assert codigos(s, pid)["Convocatoria"] == "1.2"
        # Indent: Informe becomes the last child of Taller (Taller has links: refused).
        with pytest.raises(ErrorDeUsuario, match="dependencias"):
            act.sangrar(s, edt["informe"])
        act.desvincular(s, edt["taller"], edt["informe"])
        act.desvincular(s, edt["mesa"], edt["taller"])
        anterior = act.sangrar(s, edt["informe"])
        assert anterior == (None, 2)
        assert codigos(s, pid)["Informe"] == "2.1"
        assert act.listar_actividades(s, pid, HOY)[-2].es_resumen  # Taller is now a group
        with pytest.raises(ErrorDeUsuario, match="primera"):
            act.sangrar(s, edt["reunion"])
        # Outdent: Convocatoria goes right after Organización.
        assert act.desangrar(s, nueva) == (edt["org"], 1)
        assert list(codigos(s, pid).items()) == [("Organización", "1"), ("Reunión", "1.1"), ("Mesa", "1.2"),
                                                 ("Convocatoria", "2"), ("Taller", "3"), ("Informe", "3.1")]
        with pytest.raises(ErrorDeUsuario, match="primer nivel"):
            act.desangrar(s, nueva)
        # Undo of the outdent puts it back exactly where it was.
        act.reubicar(s, nueva, edt["org"], 1)
        assert codigos(s, pid)["Convocatoria"] == "1.2" and codigos(s, pid)["Mesa"] == "1.3"
        # Deleting closes the gap.
        act.eliminar_actividad(s, edt["reunion"])
        assert list(codigos(s, pid).items()) == [("Organización", "1"), ("Convocatoria", "1.1"), ("Mesa", "1.2"),
                                                 ("Taller", "2"), ("Informe", "2.1")]
        with pytest.raises(ErrorDeUsuario, match="debajo de sí misma"):
            act.reubicar(s, edt["org"], edt["mesa"], 0)


def test_deshacer_una_baja_repone_todo_con_los_mismos_numeros(exp, edt):
    with exp.transaccion() as s:
        pid, mid = edt["pid"], edt["mid"]
        actor = s.scalar(select(Actor.id).where(Actor.municipio_id == mid).order_by(Actor.id))
        oportunidad = s.scalar(select(Oportunidad.id).where(Oportunidad.municipio_id == mid).order_by(Oportunidad.id))
        datos = act.obtener_actividad(s, edt["mesa"])
        datos.responsable_id, datos.oportunidades = actor, (oportunidad,)
        datos.recursos = (DatosRecurso("Merienda", "material", 20, "raciones", 5_000, "comunidad"),
                          DatosRecurso("Sonido", "financiero", 1, "", 300_000, "municipal"))
        act.actualizar_actividad(s, edt["mesa"], datos)
        antes = act.listar_actividades(s, pid, HOY)
        # The demo has its own plan in another territory: look only at this one.
        del_plan = select(Actividad.id).where(Actividad.plan_id == pid)
        q_recursos = select(Recurso.id, Recurso.descripcion).where(Recurso.actividad_id.in_(del_plan)).order_by(
            Recurso.id)
        q_vinculos = select(Dependencia.predecesora_id, Dependencia.sucesora_id).where(
            Dependencia.sucesora_id.in_(del_plan))
        q_usos = select(func.count()).select_from(actividad_oportunidad).where(
            actividad_oportunidad.c.actividad_id.in_(del_plan))
        recursos = s.execute(q_recursos).all()
        vinculos = s.execute(q_vinculos).all()

        copia = act.eliminar_actividad(s, edt["org"])
        assert [f.nombre for f in act.listar_actividades(s, pid, HOY)] == ["Taller", "Informe"]
        assert s.execute(q_recursos).all() == []
        assert s.execute(q_vinculos).all() == [(edt["taller"], edt["informe"])]
        assert act.listar_actividades(s, pid, HOY)[0].codigo == "1"

        assert act.restaurar_actividad(s, copia) == edt["org"]
        assert act.listar_actividades(s, pid, HOY) == antes  # same ids, codes, dates, costs, links
        assert s.execute(q_recursos).all() == recursos
        assert sorted(s.execute(q_vinculos).all()) == sorted(vinculos)
        assert act.obtener_actividad(s, edt["mesa"]).oportunidades == (oportunidad,)
        assert act.obtener_actividad(s, edt["mesa"]).responsable_id == actor
        assert s.scalar(q_usos) == 1


def test_linea_base_y_desvio(exp, edt):
    with exp.transaccion() as s:
        pid = edt["pid"]
        assert all(f.desvio is None for f in act.listar_actividades(s, pid, HOY))
        sin_base = act.guardar_linea_base(s, pid)
        assert sin_base.linea_base_en is None and all(b == [None, None] for _i, *b in sin_base.fechas)
        plan = s.get(PlanAccion, pid)
        assert isinstance(plan.linea_base_en, datetime)
        f = {x.id: x for x in act.listar_actividades(s, pid, HOY)}
        assert f[edt["informe"]].base_fin == f[edt["informe"]].fin and f[edt["informe"]].desvio == 0
        # The workshop takes 2 more days: it and everything after it slip by 2 working days.
        act.cambiar_duracion(s, edt["taller"], 4)
        f = {x.id: x for x in act.listar_actividades(s, pid, HOY)}
        assert f[edt["taller"]].desvio == 2 and f[edt["informe"]].desvio == 2
        assert f[edt["mesa"]].desvio == 0 and f[edt["org"]].desvio == 0
        assert act.desvio_del_plan(s, pid) == 2
        # Undo: the baseline goes back to «none».
        con_base = act.restaurar_linea_base(s, sin_base)
        assert s.get(PlanAccion, pid).linea_base_en is None
        assert all(x.base_fin is None and x.desvio is None for x in act.listar_actividades(s, pid, HOY))
        act.restaurar_linea_base(s, con_base)  # redo
        assert {x.id: x.desvio for x in act.listar_actividades(s, pid, HOY)}[edt["informe"]] == 2


def test_en_ejecucion_se_registra_el_avance_pero_no_se_cambia_la_estructura(exp, edt):
    with exp.transaccion() as s:
        pid = edt["pid"]
        for estado in ("en_revision", "sancionado", "en_ejecucion"):
            pl.cambiar_estado(s, pid, estado)
        for intento in (lambda: act.crear_actividad(s, pid, DatosActividad(nombre="Otra")),
                        lambda: act.cambiar_duracion(s, edt["taller"], 9),
                        lambda: act.vincular(s, edt["reunion"], edt["taller"]),
                        lambda: act.eliminar_actividad(s, edt["informe"]),
                        lambda: act.sangrar(s, edt["informe"])):
            with pytest.raises(ErrorDeUsuario, match="ya no se modifica"):
                intento()
        # Follow-up and baseline are allowed.
        act.guardar_linea_base(s, pid)
        with pytest.raises(ErroresDeValidacion) as exc:
            act.registrar_avance(s, edt["reunion"], 40, None, None)
        assert "Indique cuándo empezó" in exc.value.errores["inicio_real"]
        with pytest.raises(ErroresDeValidacion) as exc:
            act.registrar_avance(s, edt["reunion"], 100, date(2027, 2, 22), None)
        assert set(exc.value.errores) == {"fin_real"}
        with pytest.raises(ErroresDeValidacion) as exc:
            act.registrar_avance(s, edt["reunion"], 100, date(2027, 2, 23), date(2027, 2, 22))
        assert "anterior al inicio real" in exc.value.errores["fin_real"]
        with pytest.raises(ErroresDeValidacion):
            act.registrar_avance(s, edt["reunion"], 101, date(2027, 2, 22), None)
        assert act.registrar_avance(s, edt["reunion"], 100, date(2027, 2, 22), date(2027, 2, 22)) == (0, None, None)
        # A fin_real alone does not invent 100 %: the user says how much.
        act.registrar_avance(s, edt["mesa"], 80, date(2027, 2, 23), date(2027, 3, 2))
        f = {x.id: x for x in act.listar_actividades(s, pid, HOY)}
        assert f[edt["mesa"]].avance == 80 and f[edt["mesa"]].semaforo == "cumplida"
        assert f[edt["reunion"]].avance == 100
        pl.cambiar_estado(s, pid, "cerrado")
        with pytest.raises(ErrorDeUsuario, match="cerrado"):
            act.registrar_avance(s, edt["taller"], 10, date(2027, 3, 3), None)


def test_atrasadas_vencidas_primero_y_por_fecha(exp):
    with exp.transaccion() as s:
        pid = crear_plan(s, exp.municipio_id, inicio=date(2026, 10, 1))
        ids = {}
        for nombre, duracion in (("Larga", 40), ("Pronto", 36), ("Corta", 5), ("Media", 20), ("Casi", 35),
                                 ("Lejana", 80)):
            ids[nombre] = act.crear_actividad(s, pid, DatosActividad(nombre=nombre, duracion=duracion))
        grupo = act.crear_actividad(s, pid, DatosActividad(nombre="Grupo"))
        act.crear_actividad(s, pid, DatosActividad(nombre="Hija vencida", duracion=3, padre_id=grupo))
        act.registrar_avance(s, ids["Media"], 100, date(2026, 10, 1), date(2026, 10, 28))
        f = {x.nombre: x for x in act.listar_actividades(s, pid, HOY)}
        # From Thu 1 Oct 2026: 5 working days end 7 Oct (past); 35 end today and 36 tomorrow (por vencer); 40 end
        # 25 Nov (al día). The group's own child, 3 days, ended 5 Oct.
        assert f["Corta"].fin == date(2026, 10, 7) and f["Corta"].semaforo == "vencida"
        assert f["Casi"].fin == HOY and f["Casi"].semaforo == "por_vencer"
        assert f["Larga"].semaforo == "al_dia"
        assert f["Media"].semaforo == "cumplida" and f["Lejana"].semaforo == "al_dia"
        assert f["Grupo"].semaforo == "vencida"
        lista = act.atrasadas(s, pid, HOY)
    assert [x.nombre for x in lista] == ["Hija vencida", "Corta", "Casi", "Pronto"]
    assert [x.semaforo for x in lista] == ["vencida", "vencida", "por_vencer", "por_vencer"]


def test_validacion_con_mensajes_por_campo(exp, edt):
    with exp.transaccion() as s:
        pid = edt["pid"]
        with pytest.raises(ErroresDeValidacion) as exc:
            act.crear_actividad(s, pid, DatosActividad(
                nombre="  ", duracion=0, lado="otro", resultado_id=999_999, responsable_id=999_999,
                predecesoras=(DatosVinculo(edt["org"]), DatosVinculo(999_999, "XX")),
                recursos=(DatosRecurso("", "otro", 0, "", -5, "ninguna"),)))
        e = exc.value.errores
        assert e["nombre"] == "Escriba el nombre de la actividad."
        assert "al menos 1 día hábil" in e["duracion"] and "Hito" in e["duracion"]
        assert "lado" in e and "resultado_id" in e and "responsable_id" in e
        assert "subactividades" in e["predecesoras.1.predecesora_id"]
        assert "ya no existe" in e["predecesoras.2.predecesora_id"] and "predecesoras.2.tipo" in e
        for campo in ("descripcion", "tipo", "cantidad", "costo_unitario", "fuente"):
            assert f"recursos.1.{campo}" in e
        with pytest.raises(ErroresDeValidacion) as exc:
            act.crear_actividad(s, pid, DatosActividad(nombre="x" * 301))
        assert "300" in exc.value.errores["nombre"]
        # A milestone always lasts 0, whatever the form said.
        hito = act.crear_actividad(s, pid, DatosActividad(nombre="Mesa conformada", hito=True, duracion=5,
                                                          predecesoras=(DatosVinculo(edt["mesa"]),)))
        assert s.get(Actividad, hito).duracion == 0
        with pytest.raises(ErrorDeUsuario, match="hito"):
            act.crear_actividad(s, pid, DatosActividad(nombre="Debajo del hito", padre_id=hito))
        assert s.scalar(select(func.count()).select_from(Actividad).where(Actividad.plan_id == pid)) == 6
