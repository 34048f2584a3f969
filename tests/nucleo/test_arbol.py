"""Servicio del árbol de problemas: las reglas que el coordinador encuentra al armar el árbol de un territorio."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, func, select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Auditoria, Necesidad, NodoProblema, Territorio
from nucleo.servicios import arbol as a
from nucleo.servicios import demo_arbol
from nucleo.servicios.arbol import DatosNodo

HOY = date(2026, 11, 18)


def territorio(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def necesidad(s, mid: int, tid: int, descripcion: str, prioridad: int | None) -> int:
    n = Necesidad(municipio_id=mid, territorio_id=tid, descripcion=descripcion, prioridad=prioridad,
                  dimension="economica", fuente="taller", fecha=HOY)
    s.add(n)
    s.flush()
    return n.id


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


@pytest.fixture
def base(exp):
    """Un territorio sin árbol (San Miguel) con un problema central, una causa y un efecto."""
    with exp.transaccion() as s:
        mid = exp.municipio_id
        tid = territorio(s, "Barrio San Miguel")
        limpiar(s, tid)
        p = a.crear_problema_central(s, mid, tid, "  Desempleo de los jóvenes del barrio  ")
        c = a.agregar_nodo(s, p, "causa", "Pocas oportunidades de capacitación")
        e = a.agregar_nodo(s, p, "efecto", "Jóvenes en situación de riesgo")
    return {"mid": mid, "tid": tid, "p": p, "c": c, "e": e}


def test_un_solo_problema_central_por_territorio(exp, base):
    with exp.transaccion() as s:
        nodos = a.leer_arbol(s, base["tid"])
        assert a.problema_central(nodos).texto == "Desempleo de los jóvenes del barrio"  # trimmed
        with pytest.raises(ErrorDeUsuario) as exc:
            a.crear_problema_central(s, base["mid"], base["tid"], "Otro problema")
    assert "Barrio San Miguel" in exc.value.mensaje and "ya tiene un problema central" in exc.value.mensaje
    assert "Desempleo de los jóvenes del barrio" in exc.value.mensaje


def test_causas_cuelgan_de_causas_y_efectos_de_efectos(exp, base):
    with exp.transaccion() as s:
        sub = a.agregar_nodo(s, base["c"], "causa", "Falta de un centro de formación")
        assert s.get(NodoProblema, sub).padre_id == base["c"]
        with pytest.raises(ErrorDeUsuario, match="Una causa cuelga del problema central o de otra causa"):
            a.agregar_nodo(s, base["e"], "causa", "Causa mal colgada")
        with pytest.raises(ErrorDeUsuario, match="Un efecto cuelga del problema central o de otro efecto"):
            a.agregar_nodo(s, base["c"], "efecto", "Efecto mal colgado")
        with pytest.raises(ErrorDeUsuario, match="Solo se agregan causas o efectos"):
            a.agregar_nodo(s, base["p"], "problema", "Otro problema")
        # New siblings go to the end (left to right).
        otra = a.agregar_nodo(s, base["p"], "causa", "Empleo informal")
        assert s.get(NodoProblema, otra).orden > s.get(NodoProblema, base["c"]).orden


def test_el_texto_es_obligatorio_y_tiene_un_maximo(exp, base):
    with exp.transaccion() as s:
        with pytest.raises(ErroresDeValidacion) as exc:
            a.agregar_nodo(s, base["p"], "causa", "   ")
        assert exc.value.errores == {"texto": "Escriba la causa."}
        with pytest.raises(ErroresDeValidacion) as exc:
            a.editar_nodo(s, base["e"], DatosNodo("x" * 301))
        assert "Acorte el efecto" in exc.value.errores["texto"]
        # The demo already has a tree in Cerrito: a territory without one, so the text rule is what answers.
        sin_arbol = territorio(s, "Barrio Industrial")
        assert a.leer_arbol(s, sin_arbol) == []
        with pytest.raises(ErroresDeValidacion) as exc:
            a.crear_problema_central(s, base["mid"], sin_arbol, "")
        assert "texto" in exc.value.errores


def test_editar_vincula_una_necesidad_del_territorio_y_devuelve_lo_anterior(exp, base):
    with exp.transaccion() as s:
        n1 = necesidad(s, base["mid"], base["tid"], "Talleres de oficios para jóvenes", 1)
        ajena = necesidad(s, base["mid"], territorio(s, "Compañía Cerrito"), "Camino vecinal", 1)
        anterior = a.editar_nodo(s, base["c"], DatosNodo("Pocas oportunidades de formación", n1))
        assert anterior == DatosNodo("Pocas oportunidades de capacitación", None)
        nodo = next(n for n in a.leer_arbol(s, base["tid"]) if n.id == base["c"])
        assert (nodo.texto, nodo.necesidad_id, nodo.necesidad_texto, nodo.necesidad_prioridad) == (
            "Pocas oportunidades de formación", n1, "Talleres de oficios para jóvenes", 1)
        with pytest.raises(ErroresDeValidacion) as exc:
            a.editar_nodo(s, base["c"], DatosNodo("Texto", ajena))
        assert "necesidad_id" in exc.value.errores
        # Undo = apply what was returned.
        a.editar_nodo(s, base["c"], anterior)
        assert a.obtener_nodo(s, base["c"]) == anterior


def test_necesidades_para_vincular_priorizadas_primero(exp, base):
    with exp.transaccion() as s:
        sin = necesidad(s, base["mid"], base["tid"], "Iluminación de la plaza", None)
        dos = necesidad(s, base["mid"], base["tid"], "Centro de formación", 2)
        uno = necesidad(s, base["mid"], base["tid"], "Empleo para jóvenes", 1)
        necesidad(s, base["mid"], territorio(s, "Compañía Cerrito"), "De otro territorio", 1)
        opciones = a.necesidades_para_vincular(s, base["mid"], base["tid"])
    assert [(o.id, o.prioridad) for o in opciones] == [(uno, 1), (dos, 2), (sin, None)]
    assert opciones[0].descripcion == "Empleo para jóvenes"


def test_eliminar_quita_el_subarbol_y_restaurar_lo_devuelve_igual(exp, base):
    with exp.transaccion() as s:
        n1 = necesidad(s, base["mid"], base["tid"], "Capacitación", 1)
        sub = a.agregar_nodo(s, base["c"], "causa", "Sin centro de formación", n1)
        subsub = a.agregar_nodo(s, sub, "causa", "Sin presupuesto municipal")
        a.mover_nodo(s, sub, 120.5, 300.0)
        antes = a.leer_arbol(s, base["tid"])
        copia = a.eliminar_nodo(s, base["c"])
        assert [f["id"] for f in copia.filas] == [base["c"], sub, subsub]  # parents first
        assert {n.id for n in a.leer_arbol(s, base["tid"])} == {base["p"], base["e"]}
        assert a.restaurar_nodos(s, copia) == base["c"]
        assert a.leer_arbol(s, base["tid"]) == antes  # same ids, parents, order, positions and links
        # A need deleted meanwhile: the node comes back, unlinked.
        copia = a.eliminar_nodo(s, base["c"])
        s.delete(s.get(Necesidad, n1))
        s.flush()
        a.restaurar_nodos(s, copia)
        assert s.get(NodoProblema, sub).necesidad_id is None


def test_eliminar_el_problema_central_borra_todo_el_arbol(exp, base):
    with exp.transaccion() as s:
        copia = a.eliminar_nodo(s, base["p"])
        assert a.leer_arbol(s, base["tid"]) == []
        assert len(copia.filas) == 3
        a.restaurar_nodos(s, copia)
        assert len(a.leer_arbol(s, base["tid"])) == 3
        with pytest.raises(ErrorDeUsuario, match="ya tiene otro"):
            a.restaurar_nodos(s, copia)


def test_reconectar_rechaza_circulos_y_mezclas(exp, base):
    with exp.transaccion() as s:
        c2 = a.agregar_nodo(s, base["p"], "causa", "Empleo informal")
        sub = a.agregar_nodo(s, base["c"], "causa", "Sin centro de formación")
        e2 = a.agregar_nodo(s, base["e"], "efecto", "Consumo de drogas")
        with pytest.raises(ErrorDeUsuario, match="se formaría un círculo"):
            a.reconectar(s, base["c"], sub)
        with pytest.raises(ErrorDeUsuario, match="no puede colgar de sí mismo"):
            a.reconectar(s, base["c"], base["c"])
        with pytest.raises(ErrorDeUsuario, match="es un efecto"):
            a.reconectar(s, sub, e2)
        with pytest.raises(ErrorDeUsuario, match="es una causa"):
            a.reconectar(s, e2, c2)
        with pytest.raises(ErrorDeUsuario, match="problema central no cuelga"):
            a.reconectar(s, base["p"], base["c"])
        # A valid move: the sub-cause goes under the other cause, loses its hand position, and can go back.
        a.mover_nodo(s, sub, 10.0, 20.0)
        anterior = a.reconectar(s, sub, c2)
        nodo = s.get(NodoProblema, sub)
        assert (nodo.padre_id, nodo.x, nodo.y) == (c2, None, None)
        actual = a.reenganchar(s, anterior)
        nodo = s.get(NodoProblema, sub)
        assert (nodo.padre_id, nodo.orden, nodo.x, nodo.y) == (base["c"], anterior.orden, 10.0, 20.0)
        a.reenganchar(s, actual)
        assert s.get(NodoProblema, sub).padre_id == c2


def test_mover_ordenar_y_reordenar_se_pueden_deshacer(exp, base):
    with exp.transaccion() as s:
        assert a.mover_nodo(s, base["c"], 40.0, 150.0) == (None, None)
        assert a.mover_nodo(s, base["e"], -10.0, -150.0) == (None, None)
        with pytest.raises(ErrorDeUsuario, match="dos coordenadas"):
            a.mover_nodo(s, base["c"], 1.0, None)
        anteriores = a.restablecer_posiciones(s, base["tid"])
        assert anteriores == {base["c"]: (40.0, 150.0), base["e"]: (-10.0, -150.0)}
        assert all(n.x is None for n in a.leer_arbol(s, base["tid"]))
        assert a.restablecer_posiciones(s, base["tid"]) == {}  # nothing left to tidy
        a.fijar_posiciones(s, anteriores)  # undo
        assert s.get(NodoProblema, base["c"]).x == 40.0

        c2 = a.agregar_nodo(s, base["p"], "causa", "Empleo informal")
        c3 = a.agregar_nodo(s, base["p"], "causa", "Transporte caro")
        previo = a.reordenar(s, [c3, base["c"], c2])
        assert previo == (base["c"], c2, c3)
        causas = [n.id for n in a.leer_arbol(s, base["tid"]) if n.padre_id == base["p"] and n.tipo == "causa"]
        assert causas == [c3, base["c"], c2]
        with pytest.raises(ErrorDeUsuario, match="Solo se ordenan"):
            a.reordenar(s, [c2, base["e"]])
        with pytest.raises(ErrorDeUsuario, match="cambió"):
            a.reordenar(s, [c2, c3])


def test_cada_cambio_queda_en_la_auditoria(exp, base):
    with exp.transaccion() as s:
        a.editar_nodo(s, base["c"], DatosNodo("Pocas oportunidades de formación"))
        a.mover_nodo(s, base["c"], 1.0, 2.0)
        a.eliminar_nodo(s, base["e"])
        # Only this tree's records: the demo's own tree (Cerrito) left its records too, and SQLite may hand out
        # again the id of a node the fixture cleared, so start at this problem's creation.
        propios = (base["p"], base["c"], base["e"])
        desde = s.scalar(select(func.max(Auditoria.id)).where(
            Auditoria.entidad == "nodo_problema", Auditoria.entidad_id == base["p"], Auditoria.accion == "crear"))
        acciones = s.execute(select(Auditoria.accion, Auditoria.resumen)
                             .where(Auditoria.entidad == "nodo_problema", Auditoria.entidad_id.in_(propios),
                                    Auditoria.id >= desde)
                             .order_by(Auditoria.id)).all()
    assert [x for x, _r in acciones] == ["crear", "crear", "crear", "actualizar", "mover", "eliminar"]
    assert acciones[0][1] == "Problema central: Desempleo de los jóvenes del barrio"
    assert acciones[-1][1] == "Efecto: Jóvenes en situación de riesgo"


def limpiar(s, tid: int) -> None:
    """Quita el árbol y las necesidades que la demo trae, para partir de un territorio en blanco."""
    s.execute(delete(NodoProblema).where(NodoProblema.territorio_id == tid))
    s.execute(delete(Necesidad).where(Necesidad.territorio_id == tid))


def test_demo_siembra_el_arbol_del_territorio_en_etapa_3(exp):
    with exp.transaccion() as s:
        cerrito = territorio(s, "Compañía Cerrito")
        limpiar(s, cerrito)
        riego = necesidad(s, exp.municipio_id, cerrito, "Agua para riego en la época seca", 1)
        camino = necesidad(s, exp.municipio_id, cerrito, "Arreglo del camino vecinal", 2)
        assert demo_arbol.sembrar(s, exp.municipio_id, HOY) == cerrito
        nodos = a.leer_arbol(s, cerrito)
        assert demo_arbol.sembrar(s, exp.municipio_id, HOY) == cerrito  # twice: no second tree
        assert len(a.leer_arbol(s, cerrito)) == len(nodos)
    problema = a.problema_central(nodos)
    directas = [n for n in nodos if n.padre_id == problema.id]
    assert sum(n.tipo == "causa" for n in directas) == 3 and sum(n.tipo == "efecto" for n in directas) == 3
    assert any(n.padre_id not in (None, problema.id) and n.tipo == "causa" for n in nodos)  # sub-causes
    vinculos = {n.necesidad_id: n.texto for n in nodos if n.necesidad_id is not None}
    assert set(vinculos) == {riego, camino}
    assert "riego" in vinculos[riego] and "Camino" in vinculos[camino]


def test_demo_sin_necesidades_deja_el_arbol_sin_vinculos(exp):
    with exp.transaccion() as s:
        limpiar(s, territorio(s, "Compañía Cerrito"))
        tid = demo_arbol.sembrar(s, exp.municipio_id, HOY)
        nodos = a.leer_arbol(s, tid)
    assert len(nodos) == 13 and all(n.necesidad_id is None for n in nodos)
