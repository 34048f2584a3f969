"""Servicios de la matriz de actores: validación, alta/edición/baja con deshacer, la lista y la ficha."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event, select

from nucleo.errores import ErroresDeValidacion
from nucleo.modelo import Territorio
from nucleo.modelo.oportunidad import Oportunidad
from nucleo.servicios.actores import (
    DatosActor,
    actualizar_actor,
    contar_actores,
    crear_actor,
    cuadrante,
    describir_baja,
    eliminar_actor,
    ficha_actor,
    fijar_poder_interes,
    listar_actores,
    listar_instituciones,
    obtener_actor,
    opciones_territorio,
    restaurar_actor,
    sugerencia,
    territorios_representados,
)
from nucleo.servicios.demo import ACTORES
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio

HOY = date(2026, 11, 18)


def _id(s, mid: int, nombre: str) -> int:
    return next(f.id for f in listar_actores(s, mid) if f.nombre == nombre)


def _territorio(s, mid: int, nombre: str) -> int:
    return next(i for i, n in opciones_territorio(s, mid) if n == nombre)


def _errores(s, mid: int, datos: DatosActor, actor_id: int | None = None) -> dict[str, str]:
    with pytest.raises(ErroresDeValidacion) as exc:
        if actor_id is None:
            crear_actor(s, mid, datos)
        else:
            actualizar_actor(s, actor_id, datos)
    return exc.value.errores


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


# -- validación -------------------------------------------------------------------------------------------
def test_nombre_obligatorio_y_unico_sin_importar_mayusculas_ni_tildes(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        assert "Escriba el nombre del actor" in _errores(s, mid, DatosActor(nombre="   "))["nombre"]
        # SQLite's lower() leaves «Ó» alone: the service must still see the clash.
        mensaje = _errores(s, mid, DatosActor(nombre="COMISIÓN VECINAL SAN MIGUEL (FICTICIA)"))["nombre"]
        assert "Ya hay un actor llamado «Comisión Vecinal San Miguel (ficticia)»" in mensaje
        assert "nombre" in _errores(s, mid, DatosActor(nombre="  municipalidad de villeta "))


def test_el_mismo_actor_conserva_su_nombre_al_editarlo(exp):
    with exp.transaccion() as s:
        aid = _id(s, exp.municipio_id, "Municipalidad de Villeta")
        datos = obtener_actor(s, aid)
        actualizar_actor(s, aid, replace(datos, nombre="MUNICIPALIDAD DE VILLETA", telefono="0225 111 111"))
        assert obtener_actor(s, aid).nombre == "MUNICIPALIDAD DE VILLETA"


def test_opciones_escala_y_correo_se_explican_por_campo(exp):
    with exp.sesion() as s:
        errores = _errores(s, exp.municipio_id, DatosActor(
            nombre="Actor con todo mal", categoria="otra", tipo="empresa", nivel="mundial", postura="quizas",
            interes=0, influencia=6, correo="sin-arroba.com"))
    assert set(errores) == {"categoria", "tipo", "nivel", "postura", "interes", "influencia", "correo"}
    assert errores["interes"] == "El interés va de 1 (muy bajo) a 5 (muy alto)."
    assert errores["influencia"] == "La influencia va de 1 (muy bajo) a 5 (muy alto)."
    assert "Nacional, Departamental, Distrital, Comunitario" in errores["nivel"]
    assert "nombre@ejemplo.org.py" in errores["correo"]
    with exp.sesion() as s:
        assert "interes" in _errores(s, exp.municipio_id, DatosActor(nombre="Booleano", interes=True))
        for malo in ("a@b", "a b@c.py", "@c.py", "a@b.", "a@@b.py"):
            assert "correo" in _errores(s, exp.municipio_id, DatosActor(nombre="Correo", correo=malo)), malo


def test_pertenencia_a_otro_actor(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        municipalidad = _id(s, mid, "Municipalidad de Villeta")
        rosa = _id(s, mid, "Rosa Ejemplo Ficticia")  # a person of the demo, belonging to the municipality
        ministerio = _id(s, mid, "Ministerio de Salud Pública y Bienestar Social")
        usf = _id(s, mid, "Unidad de Salud de la Familia San Miguel (ficticia)")
        # Belonging to a person makes no sense.
        assert "es una persona" in _errores(s, mid, DatosActor(nombre="Nuevo", institucion_id=rosa))["institucion_id"]
        # Not to itself, and no circles (the USF depends on the ministry).
        datos = obtener_actor(s, municipalidad)
        assert "sí mismo" in _errores(s, mid, replace(datos, institucion_id=municipalidad),
                                      municipalidad)["institucion_id"]
        assert "ya depende de este actor" in _errores(s, mid, replace(obtener_actor(s, ministerio), institucion_id=usf),
                                                      ministerio)["institucion_id"]
        # Not to something that no longer exists, nor to an actor of another municipality.
        assert "ya no existe" in _errores(s, mid, DatosActor(nombre="Nuevo", institucion_id=99999))["institucion_id"]
        otro = crear_municipio(s, DatosMunicipio(clave_ine="1109", intendente_nombre="Intendente Demo (ficticio)",
                                                 coordinador_nombre="Coordinadora Demo (ficticia)"), hoy=HOY)
        ajeno = crear_actor(s, otro, DatosActor(nombre="Actor de Luque", tipo="institucion"))
        assert "ya no existe" in _errores(s, mid, DatosActor(nombre="Nuevo", institucion_id=ajeno))["institucion_id"]
        # The same name is fine in another municipality.
        crear_actor(s, otro, DatosActor(nombre="Municipalidad de Villeta"))
        # Something with members cannot become a person.
        errores = _errores(s, mid, replace(datos, tipo="persona"), municipalidad)
        assert "1 actor pertenece a este" in errores["tipo"]
        # An organisation may belong to an institution too (an office of a ministry).
        oficina = crear_actor(s, mid, DatosActor(nombre="Oficina local (ficticia)", tipo="organizacion",
                                                 institucion_id=municipalidad))
        assert obtener_actor(s, oficina).institucion_id == municipalidad
    with exp.sesion() as s:
        ofrecidos = {n for _i, n, _t in listar_instituciones(s, mid)}
        assert "Municipalidad de Villeta" in ofrecidos and "Rosa Ejemplo Ficticia" not in ofrecidos


def test_territorios_deben_existir_en_el_municipio(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        errores = _errores(s, mid, DatosActor(nombre="Nuevo", territorio_ids=(99999,)))
    assert "territorio_ids" in errores


def test_sugerencia_de_tipo_y_nivel_por_categoria():
    assert sugerencia("gobernacion") == ("institucion", "departamental")
    assert sugerencia("comunidad") == ("organizacion", "comunitario")
    assert sugerencia("cooperacion") == ("organizacion", "distrital")


# -- alta, edición y deshacer ---------------------------------------------------------------------------------
def test_crear_y_obtener_con_todos_los_campos(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        inst = _id(s, mid, "Municipalidad de Villeta")
        t1, t2 = _territorio(s, mid, "Compañía Cerrito"), _territorio(s, mid, "Barrio Industrial")
        datos = DatosActor(nombre="  Lucía Prueba Ficticia ", categoria="municipalidad", telefono="0981 222 333",
                           correo="lucia@villeta.ejemplo.py", contacto="Ella misma", notas="Nota",
                           tipo="persona", sigla="", nivel="distrital", institucion_id=inst, cargo="Técnica social",
                           rol="Acompaña la mesa", interes=4, influencia=2, postura="apoya", recursos="Tiempo",
                           direccion="Calle 1", territorio_ids=(t1, t2, t1))
        aid = crear_actor(s, mid, datos)
    with exp.sesion() as s:
        guardado = obtener_actor(s, aid)
    # Trimmed, duplicates dropped, territories in name order.
    assert guardado == replace(datos, nombre="Lucía Prueba Ficticia", territorio_ids=(t2, t1))


def test_actualizar_devuelve_lo_anterior_y_deshacer_lo_repone(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        aid = _id(s, mid, "Club Deportivo Barrio Industrial (ficticio)")
        antes = obtener_actor(s, aid)
        nuevo = replace(antes, interes=5, influencia=5, postura="apoya", territorio_ids=(), rol="Aliado")
        anterior = actualizar_actor(s, aid, nuevo)
        assert anterior == antes
        assert obtener_actor(s, aid) == nuevo
        assert actualizar_actor(s, aid, anterior) == nuevo  # undo gives back what redo needs
    with exp.sesion() as s:
        assert obtener_actor(s, aid) == antes


def test_eliminar_y_restaurar_devuelve_todos_los_vinculos(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        aid = _id(s, mid, "Comisión Vecinal San Miguel (ficticia)")
        antes = obtener_actor(s, aid)
        ramon = _id(s, mid, "Ramón Demo Ficticio")
        san_miguel = _territorio(s, mid, "Barrio San Miguel")
        oportunidad = Oportunidad(municipio_id=mid, nombre="Servicio de prueba", proveedor_id=aid)
        s.add(oportunidad)
        s.flush()
        oid = oportunidad.id
        assert describir_baja(ficha_actor(s, aid)) == [
            "Deja de ser la organización representativa de 1 territorio (Barrio San Miguel).",
            "1 actor que pertenece a él queda sin institución.",
            "1 oportunidad del Mapa de Oportunidades queda sin proveedor.",
        ]
        copia = eliminar_actor(s, aid)
    with exp.sesion() as s:
        assert all(f.id != aid for f in listar_actores(s, mid))
        assert s.get(Territorio, san_miguel).organizacion_id is None
        assert obtener_actor(s, ramon).institucion_id is None
        assert s.get(Oportunidad, oid).proveedor_id is None
    with exp.transaccion() as s:
        assert restaurar_actor(s, copia) == aid
    with exp.sesion() as s:
        assert obtener_actor(s, aid) == antes
        assert territorios_representados(s, aid) == ["Barrio San Miguel"]
        assert obtener_actor(s, ramon).institucion_id == aid
        assert s.get(Oportunidad, oid).proveedor_id == aid
    # And again (redo): the same snapshot.
    with exp.transaccion() as s:
        assert eliminar_actor(s, aid) == copia


def test_restaurar_cuando_su_institucion_ya_no_existe(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        rosa = _id(s, mid, "Rosa Ejemplo Ficticia")
        copia_rosa = eliminar_actor(s, rosa)
        eliminar_actor(s, _id(s, mid, "Municipalidad de Villeta"))
        assert restaurar_actor(s, copia_rosa) == rosa
        assert obtener_actor(s, rosa).institucion_id is None


def test_fijar_poder_interes_valida_y_devuelve_el_par_anterior(exp):
    mid = exp.municipio_id
    with exp.transaccion() as s:
        aid = _id(s, mid, "Secretaría Técnica de Planificación (STP)")
        assert fijar_poder_interes(s, aid, 4, 1) == (2, 5)
        assert fijar_poder_interes(s, aid, 2, 5) == (4, 1)
        with pytest.raises(ErroresDeValidacion) as exc:
            fijar_poder_interes(s, aid, 0, 7)
        assert set(exc.value.errores) == {"interes", "influencia"}


# -- lista y ficha ------------------------------------------------------------------------------------------
def test_listar_con_territorios_institucion_y_cuadrante(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        filas = {f.nombre: f for f in listar_actores(s, mid)}
        carlos = filas["Carlos Prueba Demo"]
        assert carlos.territorios == "Asentamiento Costa Azul, Barrio San Miguel"
        assert carlos.territorio_ids == (_territorio(s, mid, "Asentamiento Costa Azul"),
                                         _territorio(s, mid, "Barrio San Miguel"))
        assert carlos.institucion == "Unidad de Salud de la Familia San Miguel (ficticia)"
        assert carlos.institucion_id == filas["Unidad de Salud de la Familia San Miguel (ficticia)"].id
        assert (carlos.cargo, carlos.tipo_texto, carlos.nivel_texto) == ("Médico de familia", "Persona", "Comunitario")
        assert (carlos.interes, carlos.influencia, carlos.cuadrante, carlos.cuadrante_texto) == (
            4, 2, "informar", "Mantener informado")
        assert filas["Naviera del Río Ejemplo S.A. (ficticia)"].postura_texto == "Se opone"
        assert filas["Agencia de Cooperación Ejemplo (ficticia)"].territorios == ""


def test_listar_hace_dos_consultas_sin_importar_cuantos_actores(exp):
    """5.000 actores se listan en una fracción de segundo porque no hay una consulta por fila."""
    consultas: list[str] = []

    def anotar(_conexion, _cursor, sentencia, *_resto) -> None:
        consultas.append(sentencia)

    with exp.sesion() as s:
        motor = s.get_bind()
        event.listen(motor, "before_cursor_execute", anotar)
        try:
            assert len(listar_actores(s, exp.municipio_id)) == len(ACTORES)
        finally:
            event.remove(motor, "before_cursor_execute", anotar)
    assert len([c for c in consultas if c.lstrip().upper().startswith("SELECT")]) == 2


def test_ficha_con_integrantes_territorios_y_oportunidades(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        ficha = ficha_actor(s, _id(s, mid, "Municipalidad de Villeta"))
        assert [m.nombre for m in ficha.miembros] == ["Rosa Ejemplo Ficticia"]
        assert ficha.miembros[0].cargo == "Directora de Desarrollo Social"
        assert len(ficha.territorios) == 5 and ficha.representa == ()
        assert ficha.oportunidades  # the demo's Mapa de Oportunidades names the municipality as provider
        comision = ficha_actor(s, _id(s, mid, "Comisión Vecinal San Miguel (ficticia)"))
        assert comision.representa == ("Barrio San Miguel",)
        rosa = ficha_actor(s, _id(s, mid, "Rosa Ejemplo Ficticia"))
        assert rosa.institucion == "Municipalidad de Villeta"


# -- la demo ------------------------------------------------------------------------------------------------
def test_la_demo_reparte_actores_en_los_cuatro_cuadrantes_y_los_cinco_territorios(exp):
    mid = exp.municipio_id
    with exp.sesion() as s:
        filas = listar_actores(s, mid)
        assert contar_actores(s, mid) == len(filas) >= 20
        assert {f.cuadrante for f in filas} == {"gestionar", "satisfacer", "informar", "monitorear"}
        assert {f.postura for f in filas} == {"apoya", "neutral", "se_opone"}
        assert {f.tipo for f in filas} == {"institucion", "organizacion", "persona"}
        por_territorio = {t: [f for f in filas if t in f.territorio_ids] for t in s.scalars(select(Territorio.id))}
        assert all(len(v) >= 4 for v in por_territorio.values())
        # Every person belongs to something; the first nine keep the names the territories point at.
        assert all(f.institucion for f in filas if f.tipo == "persona")
    assert [a["nombre"] for a in ACTORES[:4]] == [
        "Comisión Vecinal San Miguel (ficticia)", "Asociación de Productores Cerrito Unido (ficticia)",
        "Comunidad indígena Yvy Porã (ficticia)", "Comité de Mujeres Costa Azul (ficticio)"]


def test_cuadrante_umbral():
    assert cuadrante(3, 3) == "gestionar"
    assert cuadrante(2, 3) == "satisfacer"
    assert cuadrante(3, 2) == "informar"
    assert cuadrante(2, 2) == "monitorear"
