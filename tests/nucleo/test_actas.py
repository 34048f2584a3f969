"""Actas: numeración por mesa y año, borrador → aprobada → firmada, lo firmado queda congelado con su huella, y la
corrección es un acta nueva."""

from __future__ import annotations

import hashlib
import json
from datetime import date, time

import pytest
from sqlalchemy import select, update

from nucleo.errores import ErrorDeUsuario
from nucleo.modelo import Acta, Actor
from nucleo.servicios import actas as A
from nucleo.servicios import mesas as M
from nucleo.servicios import sesiones as S

HOY = date(2026, 11, 18)


def _mesa(s, mid: int, nombre: str = "Mesa territorial San Miguel") -> tuple[int, list[int]]:
    mesa = M.crear_mesa(s, mid, M.DatosMesa(nombre=nombre, tipo="mesa_territorial", lugar_habitual="Salón"))
    ids = [M.agregar_miembro(s, mesa, M.DatosMiembro(nombre=n, cargo=c, rol=r)) for n, c, r in (
        ("Ramón Demo Ficticio", "Presidente", "preside"), ("Rosa Ejemplo Ficticia", "Directora", "secretaria"),
        ("Carlos Prueba Demo", "Médico", "miembro"))]
    return mesa, ids


def _sesion_completa(s, mesa: int, ids: list[int], fecha: date) -> int:
    sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=fecha, hora=time(18), hora_inicio=time(18, 15),
                                                   hora_fin=time(20), notas="Se trató con la comunidad."))
    punto = S.agregar_punto(s, sesion, S.DatosPunto(titulo="Camino vecinal", expositor="Ramón",
                                                    desarrollo="Se expuso el estado del camino."))
    S.marcar_asistencia(s, sesion, ids[0], "presente")
    S.marcar_asistencia(s, sesion, ids[1], "presente")
    S.marcar_asistencia(s, sesion, ids[2], "justificado")
    S.agregar_invitado(s, sesion, "Vecina Invitada", institucion="Barrio San Miguel")
    gob = s.scalar(select(Actor.id).where(Actor.nombre == "Gobernación de Central"))
    S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="Pedir ripio a la Gobernación", punto_id=punto,
                                                responsable_id=gob, plazo=date(2026, 12, 15), votos_favor=2))
    return sesion


def test_numeracion_por_mesa_y_anio(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        mesa, _ = _mesa(s, mid)
        otra, _ = _mesa(s, mid, "Mesa intersectorial")
        etiquetas = []
        for m, fecha in ((mesa, date(2026, 3, 1)), (mesa, date(2026, 6, 1)), (otra, date(2026, 6, 2)),
                         (mesa, date(2027, 1, 10)), (mesa, date(2026, 11, 1)), (otra, date(2027, 2, 1))):
            acta = A.crear_acta(s, S.crear_sesion(s, m, S.DatosSesion(fecha=fecha)))
            etiquetas.append(A.obtener_acta(s, acta).numero_texto)
        assert etiquetas == ["Acta N.º 1/2026", "Acta N.º 2/2026", "Acta N.º 1/2026", "Acta N.º 1/2027",
                             "Acta N.º 3/2026", "Acta N.º 1/2027"]
        sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 12, 1)))
        acta = A.crear_acta(s, sesion)
        with pytest.raises(ErrorDeUsuario, match="ya tiene el Acta N.º 4/2026"):
            A.crear_acta(s, sesion)
        assert A.acta_de_la_sesion(s, sesion) == acta
        fila = next(f for f in S.listar_sesiones(s, mid, mesa_id=mesa) if f.id == sesion)
        assert (fila.acta_numero, fila.acta_estado_texto) == ("Acta N.º 4/2026", "Borrador")
        assert [f.fecha.year for f in S.listar_sesiones(s, mid, mesa_id=mesa)][:2] == [2027, 2026]  # newest first
        # Deleting a draft and undoing brings the same number back.
        copia = A.eliminar_acta(s, acta)
        assert A.acta_de_la_sesion(s, sesion) is None
        assert A.restaurar_acta(s, copia) == acta
        assert A.buscar_acta(s, mesa, 4, 2026) == acta
        with pytest.raises(ErrorDeUsuario, match="otro año"):
            S.actualizar_sesion(s, sesion, S.DatosSesion(fecha=date(2027, 1, 5)))


def test_ciclo_y_firma_congela(expediente_demo):
    exp = expediente_demo
    mid = exp.municipio_id
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, mid)
        sesion = _sesion_completa(s, mesa, ids, date(2026, 11, 10))
        acta = A.crear_acta(s, sesion)
        with pytest.raises(ErrorDeUsuario, match="Apruebe primero"):
            A.firmar_acta(s, acta, date(2026, 11, 12))
        with pytest.raises(ErrorDeUsuario, match="antes de la sesión"):
            A.aprobar_acta(s, acta, date(2026, 11, 9))
        assert A.aprobar_acta(s, acta, date(2026, 11, 12)) == "borrador"
        assert A.volver_a_borrador(s, acta) == "aprobada"
        assert A.obtener_acta(s, acta).aprobada_en is None
        A.aprobar_acta(s, acta, date(2026, 11, 12))
        vivo = A.contenido_acta(s, acta)
        assert A.firmar_acta(s, acta, date(2026, 11, 13)) == "aprobada"
        assert A.verificar_acta(s, acta)

        c = A.contenido_acta(s, acta)
        assert (c.numero_texto, c.estado, c.municipio, c.departamento) == (
            "Acta N.º 1/2026", "firmada", "Villeta", "Central")
        assert (c.fecha, c.hora_inicio, c.hora_fin, c.firmada_en) == (
            date(2026, 11, 10), time(18, 15), time(20), date(2026, 11, 13))
        assert [p["nombre"] for p in c.asistentes] == ["Ramón Demo Ficticio", "Rosa Ejemplo Ficticia"]
        assert [p["estado_texto"] for p in c.ausentes] == ["Ausente con aviso"]
        assert [p["nombre"] for p in c.invitados] == ["Vecina Invitada"]
        assert c.quorum_texto == "Hay quórum: 2 de 3 miembros con voto (se necesitan 2)."
        assert c.acuerdos == [{"orden": 1, "texto": "Pedir ripio a la Gobernación",
                               "responsable": "Gobernación de Central", "plazo": "2026-12-15",
                               "votos": "A favor: 2; en contra: 0; abstenciones: 0", "punto": 1}]
        assert c.observaciones == "Se trató con la comunidad."
        assert c.hash_firma == A.obtener_acta(s, acta).hash_firma != ""
        assert (c.asistentes, c.puntos, c.acuerdos) == (vivo.asistentes, vivo.puntos, vivo.acuerdos)

        # The stored JSON is what was hashed: sorted keys, UTF-8 without escapes.
        guardado = s.get(Acta, acta).contenido_firmado
        assert "Gobernación" in guardado
        assert hashlib.sha256(guardado.encode("utf-8")).hexdigest() == c.hash_firma
        assert json.loads(guardado)["hash_firma"] == ""

        # Frozen: every edit of the session is refused with the acta's number …
        for intento in (
            lambda: S.agregar_punto(s, sesion, S.DatosPunto(titulo="Otro")),
            lambda: S.marcar_asistencia(s, sesion, ids[2], "presente"),
            lambda: S.actualizar_sesion(s, sesion, S.DatosSesion(fecha=date(2026, 11, 10), notas="Cambio")),
            lambda: S.agregar_acuerdo(s, sesion, S.DatosAcuerdo(texto="Nuevo")),
            lambda: S.agregar_invitado(s, sesion, "Otro invitado"),
            lambda: S.eliminar_sesion(s, sesion),
            lambda: A.eliminar_acta(s, acta),
            lambda: A.volver_a_borrador(s, acta),
            lambda: A.fijar_observaciones(s, acta, "Nota"),
            lambda: M.eliminar_mesa(s, mesa),
            lambda: M.eliminar_miembro(s, ids[0]),
        ):
            with pytest.raises(ErrorDeUsuario, match=r"N\.º 1/2026"):
                intento()
        acuerdo = S.listar_acuerdos(s, sesion, hoy=HOY)[0]
        datos = S.obtener_acuerdo(s, acuerdo.id)
        datos.plazo = date(2026, 12, 30)
        with pytest.raises(ErrorDeUsuario, match="está firmada: el texto, el responsable, el plazo"):
            S.actualizar_acuerdo(s, acuerdo.id, datos)
        # … but the follow-up of its acuerdos goes on, and the signed content does not move.
        datos = S.obtener_acuerdo(s, acuerdo.id)
        datos.estado, datos.notas = "en_curso", "La Gobernación respondió."
        S.actualizar_acuerdo(s, acuerdo.id, datos)
        S.cambiar_estado_acuerdo(s, acuerdo.id, "cumplido", date(2026, 12, 1))
        M.actualizar_miembro(s, ids[0], M.DatosMiembro(nombre="Ramón Cambiado"))
        assert A.contenido_acta(s, acta) == c
        assert A.verificar_acta(s, acta)


def test_contenido_alterado_no_verifica(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id)
        acta = A.crear_acta(s, _sesion_completa(s, mesa, ids, date(2026, 11, 10)))
        assert not A.verificar_acta(s, acta)  # not signed yet
        A.aprobar_acta(s, acta, date(2026, 11, 10))
        A.firmar_acta(s, acta, date(2026, 11, 10))
        guardado = s.get(Acta, acta).contenido_firmado
        s.execute(update(Acta).where(Acta.id == acta).values(
            contenido_firmado=guardado.replace("Pedir ripio", "Pedir asfalto")))
        s.expire_all()
        assert not A.verificar_acta(s, acta)
        assert A.contenido_acta(s, acta).acuerdos[0]["texto"] == "Pedir asfalto a la Gobernación"


def test_acta_de_correccion(expediente_demo):
    exp = expediente_demo
    with exp.transaccion() as s:
        mesa, ids = _mesa(s, exp.municipio_id)
        otra, _ = _mesa(s, exp.municipio_id, "Otra mesa")
        primera = A.crear_acta(s, _sesion_completa(s, mesa, ids, date(2026, 11, 10)))
        segunda_sesion = S.crear_sesion(s, mesa, S.DatosSesion(fecha=date(2026, 11, 17)))
        with pytest.raises(ErrorDeUsuario, match="no está firmada: se corrige editándola"):
            A.crear_acta(s, segunda_sesion, corrige_a_id=primera)
        A.aprobar_acta(s, primera, date(2026, 11, 10))
        A.firmar_acta(s, primera, date(2026, 11, 11))
        with pytest.raises(ErrorDeUsuario, match="misma mesa"):
            A.crear_acta(s, S.crear_sesion(s, otra, S.DatosSesion(fecha=date(2026, 11, 17))), corrige_a_id=primera)
        correccion = A.crear_acta(s, segunda_sesion, corrige_a_id=primera)
        fila = A.obtener_acta(s, correccion)
        assert (fila.numero_texto, fila.corrige_a, fila.estado_texto) == ("Acta N.º 2/2026", "Acta N.º 1/2026",
                                                                          "Borrador")
        assert A.contenido_acta(s, correccion).corrige_a == "Acta N.º 1/2026"
        assert A.obtener_acta(s, primera).corregida_por == ("Acta N.º 2/2026",)
        assert [f.numero_texto for f in A.listar_actas(s, mesa)] == ["Acta N.º 2/2026", "Acta N.º 1/2026"]
        # The correction is an ordinary draft: it can be deleted and brought back with its link.
        copia = A.eliminar_acta(s, correccion)
        A.restaurar_acta(s, copia)
        assert A.obtener_acta(s, correccion).corrige_a_id == primera
