"""Alta de actores en bloque (la importación): mismas reglas y mensajes que el alta de a uno."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErroresDeValidacion
from nucleo.modelo import Actor, Auditoria
from nucleo.modelo.actor import actor_territorio
from nucleo.servicios.actores import (
    DatosActor,
    crear_actor,
    crear_actores,
    listar_actores,
    obtener_actor,
    opciones_territorio,
)


def _id(s, mid: int, nombre: str) -> int:
    return next(f.id for f in listar_actores(s, mid) if f.nombre == nombre)


def _errores_de_a_uno(s, mid: int, datos: DatosActor) -> dict[str, str]:
    """Lo que diría el alta de a uno (dentro de un punto de guardado que se deshace)."""
    with pytest.raises(ErroresDeValidacion) as exc, s.begin_nested():
        crear_actor(s, mid, datos)
    return exc.value.errores


def _contar(s, modelo, *condiciones) -> int:
    return s.scalar(select(func.count()).select_from(modelo).where(*condiciones))


def test_crea_todos_con_ids_en_orden_enlaces_y_auditoria(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.sesion() as s:
        territorios = [i for i, _n in opciones_territorio(s, mid)][:2]
        antes = _contar(s, Actor, Actor.municipio_id == mid)
        lista = [DatosActor(nombre=f"  Comisión vecinal {n}  ", territorio_ids=tuple(territorios[: n % 3]))
                 for n in range(25)]
        ids = crear_actores(s, mid, lista)
        assert all(isinstance(i, int) for i in ids)
        assert ids == sorted(ids) and len(set(ids)) == 25
        assert _contar(s, Actor, Actor.municipio_id == mid) == antes + 25
        for n, ident in enumerate(ids):
            datos = obtener_actor(s, ident)
            assert datos.nombre == f"Comisión vecinal {n}"  # cleaned like the single create
            assert set(datos.territorio_ids) == set(territorios[: n % 3])
            auditoria = s.execute(select(Auditoria.accion, Auditoria.resumen)
                                  .where(Auditoria.entidad == "actor", Auditoria.entidad_id == ident)).all()
            assert auditoria == [("crear", f"Comisión vecinal {n}")]
        assert _contar(s, actor_territorio, actor_territorio.c.actor_id.in_(ids)) == sum(n % 3 for n in range(25))
        s.rollback()


def test_repetidos_en_el_lote_y_en_el_expediente_mismo_mensaje(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.sesion() as s:
        existente = DatosActor(nombre="MUNICIPALIDAD DE VILLETA")
        esperado = _errores_de_a_uno(s, mid, existente)
        assert "nombre" in esperado
        res = crear_actores(s, mid, [existente, DatosActor(nombre="Club Sportivo Comisión"),
                                     DatosActor(nombre="club sportivo COMISIÓN")])
        assert isinstance(res[0], ErroresDeValidacion) and res[0].errores == esperado
        assert isinstance(res[1], int)
        assert isinstance(res[2], ErroresDeValidacion)
        # The second one of the batch gets the same message the single create gives once the first exists.
        assert res[2].errores == _errores_de_a_uno(s, mid, DatosActor(nombre="club sportivo COMISIÓN"))
        assert "«Club Sportivo Comisión»" in res[2].errores["nombre"]
        assert _contar(s, Actor, func.lower(Actor.nombre).like("club sportivo%")) == 1
        s.rollback()


def test_pertenencia_y_territorios_invalidos_por_item(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.sesion() as s:
        institucion = _id(s, mid, "Municipalidad de Villeta")
        persona = crear_actor(s, mid, DatosActor(nombre="Ana Benítez", tipo="persona", institucion_id=institucion))
        maximo = s.scalar(select(func.max(Actor.id)))
        otro_territorio = 10_000_000
        malos = [
            DatosActor(nombre="Sin institución", institucion_id=maximo + 1000),
            DatosActor(nombre="De una persona", tipo="persona", institucion_id=persona),
            DatosActor(nombre="En ninguna parte", territorio_ids=(otro_territorio,)),
            DatosActor(nombre="", interes=9),
        ]
        esperados = [_errores_de_a_uno(s, mid, d) for d in malos]
        antes_actores, antes_auditoria = _contar(s, Actor), _contar(s, Auditoria)
        res = crear_actores(s, mid, [malos[0], DatosActor(nombre="Bueno", tipo="persona", institucion_id=institucion),
                                     *malos[1:]])
        assert isinstance(res[1], int)
        errores = [r.errores for r in (res[0], *res[2:])]
        assert errores == esperados
        assert set(errores[0]) == {"institucion_id"}
        assert "«Ana Benítez» es una persona" in errores[1]["institucion_id"]
        assert set(errores[2]) == {"territorio_ids"}
        assert set(errores[3]) == {"nombre", "interes"}
        # Only the valid one was written, with its audit row.
        assert _contar(s, Actor) == antes_actores + 1
        assert _contar(s, Auditoria) == antes_auditoria + 1
        assert obtener_actor(s, res[1]).institucion_id == institucion
        s.rollback()


def test_lote_vacio_o_todo_invalido_no_escribe(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.sesion() as s:
        antes = _contar(s, Actor), _contar(s, Auditoria)
        assert crear_actores(s, mid, []) == []
        res = crear_actores(s, mid, [DatosActor(nombre=""), DatosActor(nombre="X", categoria="nada")])
        assert all(isinstance(r, ErroresDeValidacion) for r in res)
        assert (_contar(s, Actor), _contar(s, Auditoria)) == antes
        s.rollback()
