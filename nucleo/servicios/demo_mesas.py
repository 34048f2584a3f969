"""Matriz de riesgos del plan de San Miguel, dos mesas con sus miembros y tres sesiones con actas (una firmada, una
aprobada, una en borrador) y acuerdos abiertos, para la demostración. Todo ficticio.
"""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.modelo import Actividad, Actor, Territorio
from nucleo.servicios.demo_plan import SAN_MIGUEL
from nucleo.servicios.dias_especiales import calendario_de

# (escenario, signos de alerta, acciones preventivas, reducción de daños, ajustes al programa, P, I, responsable,
#  estado, próxima revisión en días hábiles desde hoy (negativo: ya pasó), actividades amenazadas por su nombre)
RIESGOS = [
    ("Tormentas fuertes inundan las calles del bajo antes de terminar el desagüe.",
     "Pronóstico de lluvias de más de 80 mm; agua estancada en la calle 3.",
     "Limpiar cunetas con minga antes de cada temporada; plan barrial de emergencia.",
     "Evacuar a las familias del bajo al salón comunitario; kits de emergencia de la Gobernación.",
     "Adelantar la limpieza de cunetas y reprogramar la obra fuera de la temporada de lluvias.",
     4, 5, "Municipalidad de Villeta", "abierto", 1, ("Obra de desagüe pluvial", "Limpieza de cunetas con minga vecinal")),
    ("La licitación de la obra se declara desierta.",
     "Menos de dos oferentes retiran los pliegos a una semana del cierre.",
     "Difundir el llamado entre empresas de la zona; pliegos claros y precio referencial actualizado.",
     "Contratación por vía de excepción con dictamen de la asesoría jurídica.",
     "Correr la obra un trimestre y priorizar la limpieza de cunetas.",
     3, 4, "Municipalidad de Villeta", "abierto", -2, ("Licitación de la obra",)),
    ("Los Comedores Comunitarios no llegan con la merienda a tiempo.",
     "Atraso de más de una semana en la primera entrega.",
     "Acuerdo firmado con el MDS y calendario de entregas; un referente por cada parte.",
     "Merienda de la Pastoral Social por un mes mientras se regulariza.",
     "Reducir los días de merienda y avisar a las familias.",
     2, 4, "Ministerio de Desarrollo Social", "mitigado", 15, ("Acuerdo con Comedores Comunitarios para la merienda",)),
    ("Poca asistencia de jóvenes a las actividades nocturnas de la plaza.",
     "Menos de 20 jóvenes por noche durante tres semanas seguidas.",
     "Programar con los jóvenes; ligas con premios; difusión en la escuela y el club.",
     "Cambiar los horarios y sumar actividades culturales.",
     "Mover recursos del festival a las ligas deportivas.",
     3, 3, "Comisión Vecinal San Miguel (ficticia)", "abierto", 8, ("Liga deportiva nocturna",)),
    ("Conflicto entre vecinos por el uso de la plaza por las noches.",
     "Quejas repetidas en la comisaría o en la comisión vecinal.",
     "Mesa de convivencia mensual con los vecinos de la plaza.",
     "Mediación de la Pastoral Social y de la comisaría.",
     "Acordar horarios de uso y normas de convivencia.",
     2, 3, "Pastoral Social Parroquia Ejemplo (ficticia)", "abierto", 20, ("Mesa de convivencia con los vecinos de la plaza",)),
    ("Deserción de mujeres de los cursos de oficio por falta de cuidado de sus hijos.",
     "Asistencia menor al 70 % en dos semanas.",
     "Horario de cursos coincidente con el espacio de apoyo escolar.",
     "Becas de transporte y un espacio de cuidado en el local del curso.",
     "Dictar el curso en dos turnos.",
     3, 2, "Municipalidad de Villeta", "abierto", 5, ("Curso de panadería y repostería",)),
    ("Cambio de autoridades en una institución socia y pérdida del referente.",
     "Renuncia o traslado del referente institucional.",
     "Acta de designación de titular y suplente por cada institución.",
     "La secretaría de la mesa convoca al suplente de inmediato.",
     "Nueva presentación del plan a la autoridad entrante.",
     2, 2, "Gobernación de Central", "materializado", 3, ()),
]

# Mesas: (nombre, tipo, territorios (None = todos), lugar, periodicidad, miembros)
# miembro: (nombre, cargo, institución (actor), rol, titular, suplente de (nombre), con voto)
MESAS = [
    ("Mesa territorial Barrio San Miguel", "mesa_territorial", (SAN_MIGUEL,), "Salón comunitario San Miguel",
     "Mensual, primer martes", [
         ("Rosa Ejemplo Ficticia", "Directora de Desarrollo Social", "Municipalidad de Villeta", "preside", True, None,
          True),
         ("Ramón Demo Ficticio", "Presidente", "Comisión Vecinal San Miguel (ficticia)", "secretaria", True, None, True),
         ("Carlos Prueba Demo", "Médico de familia", "Unidad de Salud de la Familia San Miguel (ficticia)", "miembro",
          True, None, True),
         ("Hugo Ficticio Prueba", "Secretario de Desarrollo Social", "Gobernación de Central", "miembro", True, None,
          True),
         ("Marta Demo Ejemplo", "Técnica territorial", "Ministerio de Desarrollo Social", "miembro", True, None, True),
         ("Julio Prueba Muestra", "Coordinador", "Pastoral Social Parroquia Ejemplo (ficticia)", "miembro", True, None,
          True),
         ("Ana Ficticia Demo", "Docente", "Universidad Ejemplo, sede Villeta (ficticia)", "miembro", True, None, True),
         ("Luis Muestra Ficticio", "Vocal", "Comisión Vecinal San Miguel (ficticia)", "miembro", True, None, True),
         ("Elena Demo Prueba", "Vocal suplente", "Comisión Vecinal San Miguel (ficticia)", "miembro", False,
          "Luis Muestra Ficticio", True),
         ("Pedro Ejemplo Muestra", "Técnico de la STP", "Secretaría Técnica de Planificación (STP)", "miembro", True,
          None, False),
     ]),
    ("Mesa de protección social distrital de Villeta", "mesa_proteccion_social", None, "Municipalidad de Villeta, "
     "sala de sesiones", "Bimestral", [
         ("Juan Ejemplo Demo (ficticio)", "Intendente", "Municipalidad de Villeta", "preside", True, None, True),
         ("María Prueba Ficticia", "Coordinadora Municipal", "Municipalidad de Villeta", "secretaria", True, None, True),
         ("Hugo Ficticio Prueba", "Secretario de Desarrollo Social", "Gobernación de Central", "miembro", True, None,
          True),
         ("Marta Demo Ejemplo", "Técnica territorial", "Ministerio de Desarrollo Social", "miembro", True, None, True),
         ("Sonia Ejemplo Prueba", "Directora regional", "Ministerio de la Niñez y la Adolescencia", "miembro", True,
          None, True),
         ("Nilda Muestra Ejemplo", "Directora", "Ministerio de Educación y Ciencias", "miembro", True, None, True),
         ("Carlos Prueba Demo", "Médico de familia", "Ministerio de Salud Pública y Bienestar Social", "miembro", True,
          None, True),
         ("Ramón Demo Ficticio", "Presidente", "Comisión Vecinal San Miguel (ficticia)", "miembro", True, None, True),
     ]),
]

# Sesiones: (mesa, hace cuántos días hábiles, hora, puntos, ausentes, suplente presente, acuerdos, acta)
# punto: (título, expositor, minutos, lo tratado); acuerdo: (texto, responsable (actor), plazo en días hábiles desde
# la sesión, estado)
SESIONES = [
    (0, 45, time(9, 0), [
        ("Lectura y aprobación del acta anterior", "Ramón Demo Ficticio", 10,
         "Se leyó el acta anterior, que fue aprobada sin observaciones."),
        ("Avance del espacio de apoyo escolar", "Rosa Ejemplo Ficticia", 30,
         "La Municipalidad informó que el salón está acondicionado; falta el mobiliario, demorado por la compra."),
        ("Merienda con Comedores Comunitarios", "Marta Demo Ejemplo", 20,
         "El MDS confirmó la merienda desde la apertura del espacio; las familias inscriptas son 52."),
        ("Varios", "", 15, "La comisión vecinal pidió reforzar la iluminación de la calle 3."),
     ], ("Ana Ficticia Demo",), None, [
        ("Completar la compra del mobiliario escolar y entregarlo en el salón.", "Municipalidad de Villeta", 15,
         "cumplido"),
        ("Enviar al MDS la lista definitiva de familias inscriptas.", "Comisión Vecinal San Miguel (ficticia)", 5,
         "cumplido"),
        ("Gestionar con la ANDE la revisión de las luminarias de la calle 3.", "Municipalidad de Villeta", 20,
         "pendiente"),
     ], "firmada"),
    (0, 22, time(9, 0), [
        ("Lectura y aprobación del acta anterior", "Ramón Demo Ficticio", 10, "Se aprobó el Acta N.º 1."),
        ("Avance del proyecto de desagüe pluvial", "Rosa Ejemplo Ficticia", 30,
         "El proyecto técnico está aprobado; la licitación se publicará en las próximas semanas."),
        ("Riesgo de inundaciones en la temporada de lluvias", "Ramón Demo Ficticio", 25,
         "Se revisó la matriz de riesgos: el riesgo de tormentas es extremo; se acordó una minga de limpieza."),
     ], ("Pedro Ejemplo Muestra", "Luis Muestra Ficticio"), ("Elena Demo Prueba", "Luis Muestra Ficticio"), [
        ("Organizar una minga de limpieza de cunetas en el bajo.", "Comisión Vecinal San Miguel (ficticia)", 10,
         "pendiente"),
        ("Publicar el llamado a licitación de la obra de desagüe.", "Municipalidad de Villeta", 8, "en_curso"),
        ("Preparar el plan barrial de emergencia ante tormentas.", "Gobernación de Central", 25, "pendiente"),
     ], "aprobada"),
    (1, 6, time(10, 0), [
        ("Presentación de los planes de acción en ejecución", "María Prueba Ficticia", 30,
         "La Coordinación Municipal presentó el avance del plan de Barrio San Miguel (46 %)."),
        ("Articulación de programas para jóvenes", "Sonia Ejemplo Prueba", 25,
         "El MINNA ofreció su programa de acompañamiento a adolescentes en riesgo para San Miguel."),
        ("Calendario de sesiones del próximo año", "María Prueba Ficticia", 10, "Se propuso sesionar cada dos meses."),
     ], ("Nilda Muestra Ejemplo",), None, [
        ("Enviar a cada institución el cronograma del plan de San Miguel.", "Municipalidad de Villeta", 3,
         "pendiente"),
        ("Designar un referente del MINNA para la mesa territorial de San Miguel.",
         "Ministerio de la Niñez y la Adolescencia", 10, "pendiente"),
     ], "borrador"),
]


def sembrar_riesgos(s: Session, municipio_id: int, hoy: date, plan_id: int, territorio_id: int) -> None:
    """La matriz de riesgos del plan (antes de sancionarlo: forma parte de lo que se firma)."""
    from nucleo.servicios import riesgos

    cal = calendario_de(s, municipio_id)
    actores = dict(s.execute(select(Actor.nombre, Actor.id).where(Actor.municipio_id == municipio_id)).all())
    actividades = dict(s.execute(select(Actividad.nombre, Actividad.id).where(Actividad.plan_id == plan_id)).all())
    for (escenario, signos, preventivas, reduccion, ajustes, p, i, responsable, estado, revision,
         amenazadas) in RIESGOS:
        riesgos.crear_riesgo(s, municipio_id, riesgos.DatosRiesgo(
            plan_id=plan_id, territorio_id=territorio_id, escenario=escenario, signos_alerta=signos,
            acciones_preventivas=preventivas, reduccion_danos=reduccion, ajustes_programa=ajustes,
            probabilidad=p, impacto=i, responsable_id=actores.get(responsable), estado=estado,
            proxima_revision=cal.desplazar(hoy, revision),
            actividades=tuple(actividades[a] for a in amenazadas if a in actividades)))


def sembrar(s: Session, municipio_id: int, hoy: date) -> None:
    """Las dos mesas, sus miembros y las tres sesiones con actas y acuerdos."""
    from nucleo.servicios import actas, mesas, sesiones

    cal = calendario_de(s, municipio_id)
    actores = dict(s.execute(select(Actor.nombre, Actor.id).where(Actor.municipio_id == municipio_id)).all())
    territorios = dict(s.execute(select(Territorio.nombre, Territorio.id)
                                 .where(Territorio.municipio_id == municipio_id)).all())

    mesa_ids: list[int] = []
    miembros: list[dict[str, int]] = []
    for nombre, tipo, de, lugar, periodicidad, lista in MESAS:
        ids_t = tuple(territorios[t] for t in de if t in territorios) if de else tuple(territorios.values())
        mid_mesa = mesas.crear_mesa(s, municipio_id, mesas.DatosMesa(
            nombre=nombre, tipo=tipo, lugar_habitual=lugar, periodicidad=periodicidad, territorios=ids_t))
        mesa_ids.append(mid_mesa)
        por_nombre: dict[str, int] = {}
        usados: set[int] = set()
        for persona, cargo, institucion, rol, titular, suplente_de, voto in lista:
            # The person if she is an actor; else her institution, once per mesa (an actor is a member once).
            actor_id = actores.get(persona) or actores.get(institucion)
            actor_id = None if actor_id in usados else actor_id
            usados.add(actor_id)
            por_nombre[persona] = mesas.agregar_miembro(s, mid_mesa, mesas.DatosMiembro(
                actor_id=actor_id, nombre=persona, cargo=cargo,
                institucion=institucion, rol=rol, titular=titular, suplente_de_id=por_nombre.get(suplente_de),
                con_voto=voto, designado_en=cal.habil_anterior(hoy, 120)))
        miembros.append(por_nombre)
    suplentes = [{m[0] for m in lista if not m[4]} for *_x, lista in MESAS]

    for n_mesa, hace, hora, puntos, ausentes, suplente, acuerdos, estado_acta in SESIONES:
        fecha = cal.habil_anterior(hoy, hace)
        mesa_id = mesa_ids[n_mesa]
        sid = sesiones.crear_sesion(s, mesa_id, sesiones.DatosSesion(
            fecha=fecha, hora=hora, duracion_prevista=120, lugar=MESAS[n_mesa][3], tipo="ordinaria",
            estado="realizada", hora_inicio=time(hora.hour, 10), hora_fin=time(hora.hour + 1, 40),
            convocada_en=cal.habil_anterior(fecha, 5)))
        for t, e, m, d in puntos:
            sesiones.agregar_punto(s, sid, sesiones.DatosPunto(titulo=t, expositor=e, minutos=m, desarrollo=d))
        for persona, mid_miembro in miembros[n_mesa].items():
            if persona in ausentes:
                sesiones.marcar_asistencia(s, sid, mid_miembro, "justificado")
            elif suplente and persona == suplente[0]:
                sesiones.marcar_asistencia(s, sid, mid_miembro, "presente",
                                           reemplaza_a_id=miembros[n_mesa][suplente[1]])
            elif persona not in suplentes[n_mesa]:  # the other titulares came; suplentes only when named
                sesiones.marcar_asistencia(s, sid, mid_miembro, "presente")
        for texto, responsable, plazo, estado in acuerdos:
            aid = sesiones.agregar_acuerdo(s, sid, sesiones.DatosAcuerdo(
                texto=texto,
                responsable_id=actores.get(responsable), responsable_texto=responsable,
                plazo=cal.desplazar(fecha, plazo)))
            if estado != "pendiente":
                cumplido = cal.desplazar(fecha, plazo - 1) if estado == "cumplido" else None
                sesiones.cambiar_estado_acuerdo(s, aid, estado, cumplido if cumplido and cumplido <= hoy else None)
        acta_id = actas.crear_acta(s, sid)
        if estado_acta in ("aprobada", "firmada"):
            actas.aprobar_acta(s, acta_id, cal.desplazar(fecha, 5))
        if estado_acta == "firmada":
            actas.firmar_acta(s, acta_id, cal.desplazar(fecha, 6))
