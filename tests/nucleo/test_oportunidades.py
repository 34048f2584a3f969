"""Mapa de Oportunidades: reglas de validación, deshacer, vigencia y «verificar», filtros, catálogo y la demo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErroresDeValidacion
from nucleo.modelo import Actor, Oportunidad, OportunidadPoblacion
from nucleo.servicios.actores import DatosActor, crear_actor, eliminar_actor
from nucleo.servicios.demo_oportunidades import agregar_oportunidades_demo
from nucleo.servicios.oportunidades import (
    DIAS_PARA_VERIFICAR,
    POR_INICIAR,
    VENCIDA,
    VENCIDAS,
    VIGENTE,
    VIGENTES,
    DatosOportunidad,
    FiltroOportunidades,
    actualizar_oportunidad,
    agrupar_catalogo,
    contar_oportunidades,
    crear_oportunidad,
    eliminar_oportunidad,
    estado_vigencia,
    filtrar,
    hay_que_verificar,
    listar_oportunidades,
    obtener_oportunidad,
    proveedores_de,
    restaurar_oportunidad,
    resumen,
    territorios_para_elegir,
)
from nucleo.servicios.territorios import eliminar_territorio

HOY = date(2026, 11, 18)


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def _filas(exp, dias: int = DIAS_PARA_VERIFICAR):
    with exp.sesion() as s:
        return listar_oportunidades(s, exp.municipio_id, HOY, dias)


def _por_nombre(exp, nombre: str):
    return next(f for f in _filas(exp) if f.nombre == nombre)


def _territorio(exp, nombre: str) -> int:
    with exp.sesion() as s:
        return next(t for t, n in territorios_para_elegir(s, exp.municipio_id) if n == nombre)


def _actor(exp, nombre: str) -> int:
    with exp.sesion() as s:
        return s.scalar(select(Actor.id).where(Actor.nombre == nombre))


def _valida(exp, **cambios) -> DatosOportunidad:
    base = DatosOportunidad(nombre="Huerta comunitaria (prueba)", proveedor_id=_actor(exp, "Municipalidad de Villeta"),
                            origen="municipal", pilar="insercion_laboral", paquete="ampliado",
                            tipo_beneficio="capacitacion", poblaciones=("adultez", "juventud"),
                            verificado_el=HOY)
    return replace(base, **cambios)


def _crear(exp, datos: DatosOportunidad) -> int:
    with exp.transaccion() as s:
        return crear_oportunidad(s, exp.municipio_id, datos, HOY)


def _errores(exp, datos: DatosOportunidad, oportunidad_id: int | None = None) -> dict[str, str]:
    with pytest.raises(ErroresDeValidacion) as info, exp.transaccion() as s:
        if oportunidad_id is None:
            crear_oportunidad(s, exp.municipio_id, datos, HOY)
        else:
            actualizar_oportunidad(s, oportunidad_id, datos, HOY)
    return info.value.errores


# -- la demo ------------------------------------------------------------------------------------------------
def test_la_demo_trae_los_programas_nacionales_reales_con_su_institucion(exp):
    filas = {f.nombre: f for f in _filas(exp)}
    esperado = {
        "Tekoporã": "Ministerio de Desarrollo Social",
        "Tenonderã": "Ministerio de Desarrollo Social",
        "Pensión Universal para Adultos Mayores": "Ministerio de Desarrollo Social",
        "Abrazo": "Ministerio de la Niñez y la Adolescencia",
        "Hambre Cero en las Escuelas": "Ministerio de Desarrollo Social",
        "Comedores Comunitarios": "Ministerio de Desarrollo Social",
    }
    for nombre, institucion in esperado.items():
        f = filas[nombre]
        assert f.proveedor == institucion and f.origen == "nacional"
        # Cautious on purpose: the sheet sends the reader to the institution and names its source.
        assert "consultar" in f.requisitos.lower() and f.fuente and f.verificado_el
    assert "7.322/2024" in filas["Pensión Universal para Adultos Mayores"].descripcion
    assert "7.264/2024" in filas["Hambre Cero en las Escuelas"].descripcion
    # Everything else is plainly fictitious.
    assert all("(ejemplo)" in nombre for nombre in filas if nombre not in esperado)


def test_la_demo_cubre_pilares_origenes_paquetes_vencidas_y_para_verificar(exp):
    filas = _filas(exp)
    assert len(filas) == 15
    assert {f.pilar for f in filas} == {"integracion_social", "insercion_laboral", "prevision_social"}
    assert {f.origen for f in filas} == {"municipal", "departamental", "nacional", "privado", "cooperacion"}
    assert {f.paquete for f in filas} == {"nucleo", "diferenciado", "ampliado"}
    assert len({p for f in filas for p in f.poblaciones}) == 8
    assert sorted(f.nombre for f in filas if f.vigencia == VENCIDA) == [
        "Becas departamentales de estudio (ejemplo)", "Club de personas mayores (ejemplo)"]
    assert len([f for f in filas if f.verificar]) == 4
    assert any(not f.cobertura_distrital for f in filas) and any(f.cobertura_distrital for f in filas)
    assert resumen(filas) == "15 oportunidades · 13 vigentes · 4 para verificar"


def test_proveedores_de_la_demo_se_buscan_por_nombre_exacto_y_no_se_duplican(exp):
    with exp.transaccion() as s:
        mid = exp.municipio_id
        antes = s.scalar(select(func.count()).select_from(Actor).where(Actor.municipio_id == mid))
        # Running it again (as if the actor list already had every provider) creates no actor.
        for o in s.scalars(select(Oportunidad).where(Oportunidad.municipio_id == mid)):
            s.delete(o)
        s.flush()
        agregar_oportunidades_demo(s, mid, HOY)
        despues = s.scalar(select(func.count()).select_from(Actor).where(Actor.municipio_id == mid))
        mds = s.scalar(select(func.count()).select_from(Actor).where(Actor.nombre == "Ministerio de Desarrollo Social"))
    assert despues == antes and mds == 1
    assert contar_oportunidades_de(exp) == 15


def contar_oportunidades_de(exp) -> int:
    with exp.sesion() as s:
        return contar_oportunidades(s, exp.municipio_id)


# -- validación ---------------------------------------------------------------------------------------------
def test_todos_los_errores_se_informan_juntos_y_atados_a_su_campo(exp):
    datos = _valida(exp, nombre="  ", origen="galactico", pilar="x", paquete="y", tipo_beneficio="z",
                    poblaciones=(), cobertura_distrital=False, territorio_ids=(), cupos=-1, costo=-5,
                    vigencia_desde=date(2026, 5, 1), vigencia_hasta=date(2026, 4, 30),
                    verificado_el=HOY + timedelta(days=1), correo="sin-arroba")
    errores = _errores(exp, datos)
    assert set(errores) == {"nombre", "origen", "pilar", "paquete", "tipo_beneficio", "poblaciones",
                            "territorio_ids", "cupos", "costo", "vigencia_hasta", "verificado_el", "correo"}
    assert errores["nombre"] == "Escriba el nombre del programa o servicio."
    assert errores["poblaciones"] == "Marque al menos una categoría de población a la que se dirige."
    assert errores["territorio_ids"] == "Elija al menos un territorio, o marque que cubre todo el distrito."
    assert "18/11/2026" in errores["verificado_el"]
    assert errores["origen"].startswith("Elija el origen entre: Municipal, Departamental, Nacional")


def test_categoria_de_poblacion_desconocida_proveedor_y_territorio_inexistentes(exp):
    errores = _errores(exp, _valida(exp, poblaciones=("ninez", "marcianos"), proveedor_id=99_999,
                                    cobertura_distrital=False, territorio_ids=(99_998,)))
    assert set(errores) == {"poblaciones", "proveedor_id", "territorio_ids"}
    assert "Primera infancia (0–4)" in errores["poblaciones"]


def test_nombre_unico_por_proveedor_sin_importar_mayusculas(exp):
    mds = _actor(exp, "Ministerio de Desarrollo Social")
    errores = _errores(exp, _valida(exp, nombre="TEKOPORÃ", proveedor_id=mds))
    assert errores == {"nombre": "Este proveedor ya ofrece «TEKOPORÃ». Use otro nombre o edite la existente."}
    # Another provider may offer something with the same name.
    assert _crear(exp, _valida(exp, nombre="Tekoporã", proveedor_id=_actor(exp, "Municipalidad de Villeta")))
    # Editing an entry keeps its own name.
    tid = _por_nombre(exp, "Tenonderã").id
    with exp.transaccion() as s:
        d = obtener_oportunidad(s, tid)
        actualizar_oportunidad(s, tid, replace(d, descripcion="Otra descripción"), HOY)


def test_cobertura_distrital_ignora_territorios_y_los_datos_se_normalizan(exp):
    cerrito = _territorio(exp, "Compañía Cerrito")
    oid = _crear(exp, _valida(exp, nombre="  Feria de empleo (prueba)  ", poblaciones=("juventud", "adultez", "juventud"),
                              cobertura_distrital=True, territorio_ids=(cerrito,), costo=0, cupos=0))
    with exp.sesion() as s:
        d = obtener_oportunidad(s, oid)
    assert d.nombre == "Feria de empleo (prueba)"
    assert d.poblaciones == ("juventud", "adultez")  # the order of POBLACIONES, no repeats
    assert d.territorio_ids == () and d.cobertura_distrital
    assert d.cupos == 0


# -- alta, edición, baja y deshacer ----------------------------------------------------------------------------
def test_actualizar_devuelve_lo_anterior_y_aplicarlo_deshace(exp):
    san_miguel, costa = _territorio(exp, "Barrio San Miguel"), _territorio(exp, "Asentamiento Costa Azul")
    oid = _por_nombre(exp, "Escuela municipal de oficios (ejemplo)").id
    with exp.sesion() as s:
        original = obtener_oportunidad(s, oid)
    assert original.territorio_ids == tuple(sorted((san_miguel, costa)))
    nuevo = replace(original, poblaciones=("adolescencia", "juventud"), territorio_ids=(san_miguel,),
                    costo=1_500_000, vigencia_hasta=None)
    with exp.transaccion() as s:
        anterior = actualizar_oportunidad(s, oid, nuevo, HOY)
    assert anterior == original
    f = _por_nombre(exp, "Escuela municipal de oficios (ejemplo)")
    assert f.poblaciones_texto == "Adolescencia (14–17), Juventud (18–29)"
    assert f.cobertura_texto == "Barrio San Miguel" and f.costo_texto == "₲ 1.500.000"
    # Undo: the previous data, applied with the same service (juventud is removed and re-added on the way).
    with exp.transaccion() as s:
        rehacer = actualizar_oportunidad(s, oid, anterior, HOY)
        assert obtener_oportunidad(s, oid) == original
    assert rehacer.costo == 1_500_000 and rehacer.territorio_ids == (san_miguel,)


def test_eliminar_y_restaurar_devuelve_el_mismo_numero_poblaciones_y_territorios(exp):
    fila = _por_nombre(exp, "Comedores Comunitarios")
    with exp.sesion() as s:
        original = obtener_oportunidad(s, fila.id)
    with exp.transaccion() as s:
        copia = eliminar_oportunidad(s, fila.id)
    assert fila.nombre not in {f.nombre for f in _filas(exp)}
    with exp.sesion() as s:
        assert s.scalar(select(func.count()).select_from(OportunidadPoblacion)
                        .where(OportunidadPoblacion.oportunidad_id == fila.id)) == 0
    with exp.transaccion() as s:
        assert restaurar_oportunidad(s, copia) == fila.id
    with exp.sesion() as s:
        assert obtener_oportunidad(s, fila.id) == original
    assert _por_nombre(exp, "Comedores Comunitarios") == fila


def test_restaurar_sin_el_proveedor_ni_un_territorio_que_ya_no_existen(exp):
    with exp.transaccion() as s:
        proveedor = crear_actor(s, exp.municipio_id, DatosActor(nombre="Proveedor efímero (prueba)"))
    yvy = _territorio(exp, "Comunidad Yvy Porã")
    cerrito = _territorio(exp, "Compañía Cerrito")
    oid = _crear(exp, _valida(exp, proveedor_id=proveedor, cobertura_distrital=False, territorio_ids=(yvy, cerrito)))
    with exp.transaccion() as s:
        copia = eliminar_oportunidad(s, oid)
        eliminar_actor(s, proveedor)
        eliminar_territorio(s, yvy)
    with exp.transaccion() as s:
        restaurar_oportunidad(s, copia)
        d = obtener_oportunidad(s, oid)
    assert d.proveedor_id is None and d.territorio_ids == (cerrito,)
    assert _por_nombre(exp, "Huerta comunitaria (prueba)").proveedor == ""


def test_borrar_el_proveedor_deja_la_oportunidad_sin_proveedor(exp):
    fila = _por_nombre(exp, "Apoyo escolar comunitario (ejemplo)")
    with exp.transaccion() as s:
        eliminar_actor(s, fila.proveedor_id)
    f = _por_nombre(exp, "Apoyo escolar comunitario (ejemplo)")
    assert f.proveedor_id is None and f.proveedor == ""


# -- vigencia y «verificar» con un hoy fijo ------------------------------------------------------------------
def test_vigencia_en_los_bordes():
    assert estado_vigencia(None, None, HOY) == VIGENTE
    assert estado_vigencia(HOY, HOY, HOY) == VIGENTE  # both ends count
    assert estado_vigencia(None, HOY - timedelta(days=1), HOY) == VENCIDA
    assert estado_vigencia(HOY + timedelta(days=1), None, HOY) == POR_INICIAR


def test_verificar_cuando_la_informacion_tiene_mas_dias_de_los_indicados():
    assert not hay_que_verificar(HOY - timedelta(days=180), HOY)
    assert hay_que_verificar(HOY - timedelta(days=181), HOY)
    assert hay_que_verificar(None, HOY)  # never checked
    assert hay_que_verificar(HOY - timedelta(days=31), HOY, dias=30)


def test_la_antiguedad_para_verificar_es_un_parametro(exp):
    assert len([f for f in _filas(exp, 180) if f.verificar]) == 4
    assert len([f for f in _filas(exp, 30) if f.verificar]) == 10
    assert len([f for f in _filas(exp, 3650) if f.verificar]) == 0


def test_textos_de_la_fila(exp):
    f = _por_nombre(exp, "Escuela municipal de oficios (ejemplo)")
    assert (f.origen_texto, f.pilar_texto, f.paquete_texto, f.beneficio_texto) == (
        "Municipal", "Inserción laboral y productiva", "Ampliado", "Capacitación")
    assert f.cobertura_texto == "Asentamiento Costa Azul, Barrio San Miguel"
    assert (f.costo_texto, f.cupos_texto) == ("₲ 50.000", "40")
    assert f.vigencia_texto == "01/03/2026 al 31/12/2026" and f.vigente
    t = _por_nombre(exp, "Tekoporã")
    assert (t.costo_texto, t.cupos_texto, t.cobertura_texto, t.vigencia_texto) == (
        "Gratuito", "Sin límite indicado", "Todo el distrito", "Sin plazo indicado")
    assert t.proveedor_telefono == "" and t.proveedor == "Ministerio de Desarrollo Social"


# -- filtros y catálogo -----------------------------------------------------------------------------------------
def test_filtro_por_territorio_incluye_lo_de_todo_el_distrito(exp):
    filas = _filas(exp)
    yvy = _territorio(exp, "Comunidad Yvy Porã")
    nombres = {f.nombre for f in filtrar(filas, FiltroOportunidades(territorio_id=yvy))}
    assert "Agua segura para la comunidad (ejemplo)" in nombres  # chosen for it
    assert "Tekoporã" in nombres  # the whole district
    assert "Escuela municipal de oficios (ejemplo)" not in nombres  # other territories only


def test_filtros_combinados(exp):
    filas = _filas(exp)
    assert {f.nombre for f in filtrar(filas, FiltroOportunidades(vigencia=VENCIDAS))} == {
        "Becas departamentales de estudio (ejemplo)", "Club de personas mayores (ejemplo)"}
    assert len(filtrar(filas, FiltroOportunidades(vigencia=VIGENTES))) == 13
    verificar = filtrar(filas, FiltroOportunidades(solo_verificar=True, pilar="integracion_social"))
    assert {f.nombre for f in verificar} == {"Agua segura para la comunidad (ejemplo)",
                                            "Becas departamentales de estudio (ejemplo)",
                                            "Hambre Cero en las Escuelas"}
    mayores = filtrar(filas, FiltroOportunidades(poblacion="personas_mayores", origen="nacional"))
    assert {f.nombre for f in mayores} == {"Pensión Universal para Adultos Mayores", "Comedores Comunitarios"}
    mds = _actor(exp, "Ministerio de Desarrollo Social")
    assert len(filtrar(filas, FiltroOportunidades(proveedor_id=mds, paquete="nucleo"))) == 3
    assert FiltroOportunidades().vacio() and not FiltroOportunidades(paquete="nucleo").vacio()
    assert [n for _i, n in proveedores_de(filas)][:2] == ["Agencia de Cooperación Ejemplo (ficticia)",
                                                          "Cooperativa de Ahorro y Crédito Ejemplo Ltda. (ficticia)"]


def test_catalogo_por_pilar_y_categoria_de_poblacion(exp):
    grupos = agrupar_catalogo(_filas(exp))
    assert [g.titulo for g in grupos] == ["Integración social", "Inserción laboral y productiva", "Previsión social"]
    social = grupos[0]
    assert social.cantidad == 9
    assert [g.poblacion for g in social.grupos] == ["primera_infancia", "ninez", "adolescencia", "juventud",
                                                    "personas_mayores", "hogares", "entorno"]
    # An entry for several categories appears under each one.
    assert [f.nombre for f in social.grupos[0].filas] == ["Abrazo", "Taller de estimulación temprana (ejemplo)",
                                                          "Tekoporã"]
    assert "Tekoporã" in [f.nombre for f in social.grupos[1].filas]
    prevision = grupos[2]
    assert [(g.titulo, len(g.filas)) for g in prevision.grupos] == [
        ("Juventud (18–29)", 1), ("Adultez (30–64)", 1), ("Personas mayores (65+)", 1)]
    assert agrupar_catalogo([]) == []
    solo = agrupar_catalogo(_filas(exp), "hogares")
    assert [(g.titulo, [x.titulo for x in g.grupos]) for g in solo] == [
        ("Integración social", ["Hogares"]), ("Inserción laboral y productiva", ["Hogares"])]


def test_busqueda_de_texto_sin_tildes_ni_mayusculas_y_por_palabras(exp):
    filas = _filas(exp)

    def buscar(texto: str) -> set[str]:
        return {f.nombre for f in filtrar(filas, FiltroOportunidades(texto=texto))}

    assert buscar("TEKOPORA") == {"Tekoporã"}
    # Every word must appear somewhere: the provider and a population category here.
    assert buscar("ninez  abrazo") == {"Abrazo"}
    # Requirements and places are searched too, though they are not columns of the table.
    assert buscar("cedula") == {"Escuela municipal de oficios (ejemplo)", "Microcréditos para emprendedoras (ejemplo)"}
    assert buscar("salon parroquial") == {"Apoyo escolar comunitario (ejemplo)"}
    assert buscar("") == {f.nombre for f in filas} and FiltroOportunidades(texto="").vacio()
