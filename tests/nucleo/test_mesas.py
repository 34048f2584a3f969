"""Mesas y miembros: validación, bajas que se deshacen y el quórum (mitad más uno de 003, dos tercios, número fijo,
suplentes y designaciones vencidas)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Actor, Asistencia, Mesa, MiembroMesa, Territorio
from nucleo.servicios import mesas as M
from nucleo.servicios import sesiones as S

HOY = date(2026, 11, 18)


def _territorio(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def _actor(s, nombre: str) -> int:
    return s.scalar(select(Actor.id).where(Actor.nombre == nombre))


def _mesa(s, mid: int, n_titulares: int, regla: str = "mitad_mas_uno", numero: int | None = None,
          nombre: str = "Mesa de prueba") -> tuple[int, list[int]]:
    mesa = M.crear_mesa(s, mid, M.DatosMesa(nombre=nombre, regla_quorum=regla, quorum_numero=numero,
                                            lugar_habitual="Salón comunal",
                                            territorios=(_territorio(s, "Barrio San Miguel"),)))
    ids = [M.agregar_miembro(s, mesa, M.DatosMiembro(nombre=f"Titular {n}", institucion=f"Inst {n}"))
           for n in range(1, n_titulares + 1)]
    return mesa, ids


def _presentes(s, sesion: int, miembros: list[int]) -> None:
    for m in miembros:
        S.marcar_asistencia(s, sesion, m, "presente")


# -- quórum -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("regla", "numero", "n", "requeridos"), [
    ("mitad_mas_uno", None, 12, 7), ("mitad_mas_uno", None, 11, 6), ("mitad_mas_uno", None, 1, 1),
    ("dos_tercios", None, 12, 8), ("dos_tercios", None, 10, 7), ("dos_tercios", None, 3, 2),
    ("numero_fijo", 5, 12, 5),
])
def test_quorum_requerido(regla, numero, n, requeridos):
    assert M.quorum_requerido(regla, numero, n) == requeridos


def test_mitad_justa_no_es_quorum_y_mitad_mas_uno_si(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 12)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        _presentes(s, sesion, ids[:6])
        q = S.quorum_de_la_sesion(s, sesion)
        assert (q.con_voto, q.presentes, q.requeridos, q.hay) == (12, 6, 7, False)
        assert q.texto == "No hay quórum: 6 de 12 miembros con voto; se necesitan 7."
        S.marcar_asistencia(s, sesion, ids[6], "presente")
        q = S.quorum_de_la_sesion(s, sesion)
        assert q.hay and q.texto == "Hay quórum: 7 de 12 miembros con voto (se necesitan 7)."


def test_dos_tercios_y_numero_fijo(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 9, regla="dos_tercios")
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        _presentes(s, sesion, ids[:5])
        assert not S.quorum_de_la_sesion(s, sesion).hay  # needs 6 of 9
        S.marcar_asistencia(s, sesion, ids[5], "presente")
        assert S.quorum_de_la_sesion(s, sesion).hay

        fija, ids2 = _mesa(s, exp.municipio_id, 9, regla="numero_fijo", numero=3, nombre="Reunión ejecutiva")
        otra = S.crear_sesion(s, fija, S.DatosSesion(fecha=date(2026, 11, 20)))
        _presentes(s, otra, ids2[:3])
        q = S.quorum_de_la_sesion(s, otra)
        assert (q.requeridos, q.presentes, q.hay) == (3, 3, True)


def test_numero_fijo_exige_el_numero(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s, pytest.raises(ErroresDeValidacion) as e:
        M.crear_mesa(s, exp.municipio_id, M.DatosMesa(nombre="Consejo", regla_quorum="numero_fijo"))
    assert "quorum_numero" in e.value.errores


def test_suplente_por_titular_ausente_cuenta_una_vez(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 4)  # needs 3
        suplente = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Suplente de 1", titular=False,
                                                             suplente_de_id=ids[0], institucion="Inst 1"))
        otro = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Otro suplente", titular=False,
                                                         institucion="Inst 1"))
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        _presentes(s, sesion, ids[1:3])
        assert S.quorum_de_la_sesion(s, sesion).presentes == 2
        S.marcar_asistencia(s, sesion, suplente, "presente", reemplaza_a_id=ids[0])
        q = S.quorum_de_la_sesion(s, sesion)
        assert (q.con_voto, q.presentes, q.hay) == (4, 3, True)  # suplentes do not add voting seats
        # A second suplente for the same titular is refused; the titular counts once in any case.
        with pytest.raises(ErrorDeUsuario, match="ya está por «Titular 1»"):
            S.marcar_asistencia(s, sesion, otro, "presente", reemplaza_a_id=ids[0])
        S.marcar_asistencia(s, sesion, otro, "presente")  # present without standing in: no vote
        assert S.quorum_de_la_sesion(s, sesion).presentes == 3
        # The titular cannot be marked present while someone stands in for them.
        with pytest.raises(ErrorDeUsuario, match="en lugar de «Titular 1»"):
            S.marcar_asistencia(s, sesion, ids[0], "presente")
        previo = S.marcar_asistencia(s, sesion, suplente, "ausente")
        assert previo == ("presente", ids[0])
        S.marcar_asistencia(s, sesion, ids[0], "presente")
        assert S.quorum_de_la_sesion(s, sesion).presentes == 3


def test_suplente_solo_por_su_titular_y_titular_ausente(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 3)
        suplente = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Suplente de 1", titular=False,
                                                             suplente_de_id=ids[0]))
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        with pytest.raises(ErrorDeUsuario, match="es suplente de «Titular 1», no de «Titular 2»"):
            S.marcar_asistencia(s, sesion, suplente, "presente", reemplaza_a_id=ids[1])
        S.marcar_asistencia(s, sesion, ids[0], "presente")
        with pytest.raises(ErrorDeUsuario, match="está presente: un suplente está solo por un titular ausente"):
            S.marcar_asistencia(s, sesion, suplente, "presente", reemplaza_a_id=ids[0])
        with pytest.raises(ErrorDeUsuario, match="es titular"):
            S.marcar_asistencia(s, sesion, ids[1], "presente", reemplaza_a_id=ids[2])
        otra, otros = _mesa(s, exp.municipio_id, 1, nombre="Otra mesa")
        with pytest.raises(ErrorDeUsuario, match="misma mesa"):
            S.marcar_asistencia(s, sesion, suplente, "presente", reemplaza_a_id=otros[0])


def test_designacion_vencida_no_cuenta(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 4)
        datos = M.obtener_miembro(s, ids[3])
        datos.hasta = date(2026, 10, 31)
        M.actualizar_miembro(s, ids[3], datos)
        nuevo = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Desde diciembre", designado_en=date(2026, 12, 1)))
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        # Only those designated that day get an attendance row and count for the quorum.
        nombres = [f.nombre for f in S.listar_asistencia(s, sesion)]
        assert nombres == ["Titular 1", "Titular 2", "Titular 3"]
        q = S.quorum_de_la_sesion(s, sesion)
        assert (q.con_voto, q.requeridos) == (3, 2)
        with pytest.raises(ErrorDeUsuario, match="no estaba designado el 20/11/2026"):
            S.marcar_asistencia(s, sesion, ids[3], "presente")
        with pytest.raises(ErrorDeUsuario, match="no estaba designado"):
            S.marcar_asistencia(s, sesion, nuevo, "presente")
        vigentes = [f.nombre for f in M.listar_miembros(s, mesa, date(2026, 11, 20))]
        assert vigentes == ["Titular 1", "Titular 2", "Titular 3"]
        todos = {f.nombre: f.vigente for f in M.listar_miembros(s, mesa, hoy=HOY)}
        assert todos == {"Titular 1": True, "Titular 2": True, "Titular 3": True, "Titular 4": False,
                         "Desde diciembre": False}


def test_miembro_sin_voto_no_cuenta(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 2)
        asesor = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Asesora", con_voto=False))
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        S.marcar_asistencia(s, sesion, asesor, "presente")
        S.marcar_asistencia(s, sesion, ids[0], "presente")
        q = S.quorum_de_la_sesion(s, sesion)
        assert (q.con_voto, q.presentes, q.requeridos, q.hay) == (2, 1, 2, False)


# -- mesas y miembros -------------------------------------------------------------------------------------
def test_miembro_copia_datos_del_actor_y_valida(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mid = exp.municipio_id
        mesa, _ids = _mesa(s, mid, 0)
        rosa = _actor(s, "Rosa Ejemplo Ficticia")
        m = M.agregar_miembro(s, mesa, M.DatosMiembro(actor_id=rosa, rol="preside"))
        d = M.obtener_miembro(s, m)
        assert (d.nombre, d.cargo, d.institucion) == ("Rosa Ejemplo Ficticia", "Directora de Desarrollo Social",
                                                      "Municipalidad de Villeta")
        with pytest.raises(ErroresDeValidacion, match="ya es miembro de esta mesa"):
            M.agregar_miembro(s, mesa, M.DatosMiembro(actor_id=rosa))
        with pytest.raises(ErroresDeValidacion) as e:
            M.agregar_miembro(s, mesa, M.DatosMiembro(rol="jefe", designado_en=date(2026, 5, 1),
                                                      hasta=date(2026, 4, 1), titular=True, suplente_de_id=m))
        assert set(e.value.errores) == {"nombre", "rol", "hasta", "suplente_de_id"}
        fila = M.listar_miembros(s, mesa, hoy=HOY)[0]
        assert (fila.rol_texto, fila.vigente, fila.actor_id) == ("Preside", True, rosa)


def test_mesa_nombre_unico_y_listado(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mid = exp.municipio_id
        mesa, ids = _mesa(s, mid, 12)
        with pytest.raises(ErroresDeValidacion, match="Ya hay una mesa llamada"):
            M.crear_mesa(s, mid, M.DatosMesa(nombre="mesa de PRUEBA"))
        pasada = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 10, 15)))
        S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 12, 3)))
        S.agregar_acuerdo(s, pasada, S.DatosAcuerdo(texto="Relevar los caminos"))
        fila = next(f for f in M.listar_mesas(s, mid, HOY) if f.id == mesa)
        assert fila.territorios == ["Barrio San Miguel"]
        assert (fila.n_miembros, fila.n_con_voto, fila.quorum_texto) == (12, 12, "7 de 12")
        assert (fila.ultima_sesion, fila.proxima_sesion) == (date(2026, 10, 15), date(2026, 12, 3))
        assert fila.n_acuerdos_abiertos == 1 and fila.tipo_texto == "Mesa territorial"


def test_eliminar_mesa_y_deshacer(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, mid, 3)
        sup = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Suplente", titular=False, suplente_de_id=ids[2]))
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        S.agregar_punto(s, sesion, S.DatosPunto(titulo="Informe"))
        S.marcar_asistencia(s, sesion, sup, "presente", reemplaza_a_id=ids[2])
        S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="Algo", responsable_id=_actor(s, "Gobernación de Central")))
        from nucleo.servicios.actas import crear_acta

        crear_acta(s, sesion)
    with exp.transaccion() as s:
        antes = (M.obtener_mesa(s, mesa), [f for f in M.listar_miembros(s, mesa, hoy=HOY)],
                 S.listar_sesiones(s, mid, mesa_id=mesa), S.listar_asistencia(s, sesion))
        copia = M.eliminar_mesa(s, mesa)
    with exp.transaccion() as s:
        assert s.get(Mesa, mesa) is None
        assert s.scalar(select(func.count()).select_from(MiembroMesa).where(MiembroMesa.mesa_id == mesa)) == 0
        assert M.restaurar_mesa(s, copia) == mesa
    with exp.transaccion() as s:
        despues = (M.obtener_mesa(s, mesa), [f for f in M.listar_miembros(s, mesa, hoy=HOY)],
                   S.listar_sesiones(s, mid, mesa_id=mesa), S.listar_asistencia(s, sesion))
        assert despues == antes
        assert S.listar_acuerdos(s, sesion, hoy=HOY)[0].responsable == "Gobernación de Central"


def test_eliminar_miembro_y_deshacer(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 2)
        sup = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Suplente", titular=False, suplente_de_id=ids[0]))
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        S.marcar_asistencia(s, sesion, sup, "presente", reemplaza_a_id=ids[0])
        antes = S.listar_asistencia(s, sesion), M.listar_miembros(s, mesa, hoy=HOY)
        copia = M.eliminar_miembro(s, ids[0])
        assert M.listar_miembros(s, mesa, hoy=HOY)[-1].suplente_de_id is None
        assert s.scalar(select(Asistencia.reemplaza_a_id).where(Asistencia.miembro_id == sup)) is None
        M.restaurar_miembro(s, copia)
        assert (S.listar_asistencia(s, sesion), M.listar_miembros(s, mesa, hoy=HOY)) == antes


def test_miembro_agregado_despues_entra_en_la_asistencia(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id, 2)
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 20)))
        nuevo = M.agregar_miembro(s, mesa, M.DatosMiembro(nombre="Recién llegado"))
        filas = S.listar_asistencia(s, sesion)
        assert [f.nombre for f in filas] == ["Titular 1", "Titular 2", "Recién llegado"]
        assert filas[-1].estado == "ausente" and filas[-1].miembro_id == nuevo
