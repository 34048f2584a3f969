"""Mapa de Oportunidades del expediente de demostración.

Los programas nacionales son reales (verificados en fuentes públicas, ver shared/datos/README.md) y van con su
institución; sus descripciones son generales a propósito: montos, requisitos y cobertura se consultan con la
institución, y así lo dice cada ficha. Todo lo demás es ficticio y lo dice su nombre («(ejemplo)»).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.modelo import Actor, Territorio
from nucleo.servicios.actores import DatosActor, crear_actor
from nucleo.servicios.oportunidades import DatosOportunidad, crear_oportunidad

MDS = "Ministerio de Desarrollo Social"
MINNA = "Ministerio de la Niñez y la Adolescencia"
MUNICIPALIDAD = "Municipalidad de Villeta"
GOBERNACION = "Gobernación de Central"
FUNDACION = "Fundación Ejemplo para el Desarrollo (ficticia)"
COOPERATIVA = "Cooperativa de Ahorro y Crédito Ejemplo Ltda. (ficticia)"
AGENCIA = "Agencia de Cooperación Ejemplo (ficticia)"

# Providers the demo needs, with what a new one gets if the actor list of the demo does not have it yet.
PROVEEDORES = {
    MDS: ("gobierno_central", "institucion", "nacional"),
    MINNA: ("gobierno_central", "institucion", "nacional"),
    MUNICIPALIDAD: ("municipalidad", "institucion", "distrital"),
    GOBERNACION: ("gobernacion", "institucion", "departamental"),
    FUNDACION: ("sociedad_civil", "organizacion", "nacional"),
    COOPERATIVA: ("privado_interes_publico", "organizacion", "distrital"),
    AGENCIA: ("cooperacion", "organizacion", "nacional"),
}

FUENTE_MDS = "Información pública del MDS (datos generales del programa)"
FUENTE_MINNA = "Información pública del MINNA (datos generales del programa)"
CONSULTAR_MDS = "Requisitos según el reglamento vigente del programa; consultar en la oficina del MDS."
NOTA_REAL = ("Programa real con datos generales. Antes de difundirlo, confirme con la institución los requisitos, "
             "los montos y la cobertura en el distrito.")
EJEMPLO = "Servicio ficticio de la demostración de Articula."


def _proveedor(s: Session, municipio_id: int, nombre: str) -> int:
    """El actor con ese nombre exacto; si no existe, se crea (la lista de actores de la demo puede variar)."""
    existente = s.scalar(select(Actor.id).where(Actor.municipio_id == municipio_id, Actor.nombre == nombre))
    if existente is not None:
        return existente
    categoria, tipo, nivel = PROVEEDORES[nombre]
    actor_id = crear_actor(s, municipio_id, DatosActor(nombre=nombre, categoria=categoria))
    actor = s.get(Actor, actor_id)
    actor.tipo, actor.nivel = tipo, nivel
    return actor_id


def _oportunidades(hoy: date) -> list[tuple[str, tuple[str, ...] | None, DatosOportunidad]]:
    """(proveedor, territorios por nombre o None = todo el distrito, datos)."""
    hace = lambda dias: hoy - timedelta(days=dias)  # noqa: E731 - reads better in the table below
    enero, diciembre = date(hoy.year, 1, 1), date(hoy.year, 12, 31)
    return [
        # -- programas nacionales reales ------------------------------------------------------------------
        (MDS, None, DatosOportunidad(
            nombre="Tekoporã", origen="nacional", pilar="integracion_social", paquete="nucleo",
            tipo_beneficio="transferencia",
            descripcion="Programa de transferencias monetarias con corresponsabilidad en salud y educación para "
                        "familias en situación de pobreza, con acompañamiento familiar.",
            poblaciones=("primera_infancia", "ninez", "adolescencia", "hogares"),
            requisitos=CONSULTAR_MDS, costo_detalle="Sin costo para la familia.",
            lugar="Oficina del MDS más cercana (consultar)", horario="Consultar en la oficina del MDS",
            contacto="Ministerio de Desarrollo Social", fuente=FUENTE_MDS, verificado_el=hace(21), notas=NOTA_REAL)),
        (MDS, None, DatosOportunidad(
            nombre="Tenonderã", origen="nacional", pilar="insercion_laboral", paquete="diferenciado",
            tipo_beneficio="capacitacion",
            descripcion="Programa de promoción e inclusión socioeconómica: acompaña a familias en situación de "
                        "vulnerabilidad para iniciar o fortalecer emprendimientos productivos.",
            poblaciones=("juventud", "adultez", "hogares"),
            requisitos=CONSULTAR_MDS, costo_detalle="Sin costo para la familia.",
            lugar="Oficina del MDS más cercana (consultar)", horario="Consultar en la oficina del MDS",
            contacto="Ministerio de Desarrollo Social", fuente=FUENTE_MDS, verificado_el=hace(21), notas=NOTA_REAL)),
        (MDS, None, DatosOportunidad(
            nombre="Pensión Universal para Adultos Mayores", origen="nacional", pilar="prevision_social",
            paquete="nucleo", tipo_beneficio="transferencia",
            descripcion="Pensión no contributiva para personas adultas mayores, a cargo del MDS desde 2024 "
                        "(Ley N.º 7.322/2024).",
            poblaciones=("personas_mayores",),
            requisitos="Condiciones de acceso según la Ley N.º 7.322/2024 y su reglamentación; consultar en la "
                       "oficina del MDS.",
            costo_detalle="Sin costo para la persona.", lugar="Oficina del MDS más cercana (consultar)",
            horario="Consultar en la oficina del MDS", contacto="Ministerio de Desarrollo Social",
            fuente=FUENTE_MDS, verificado_el=hace(45), notas=NOTA_REAL)),
        (MINNA, None, DatosOportunidad(
            nombre="Abrazo", origen="nacional", pilar="integracion_social", paquete="diferenciado",
            tipo_beneficio="servicio",
            descripcion="Programa de protección de niños, niñas y adolescentes en situación de trabajo infantil, "
                        "con acompañamiento a sus familias.",
            poblaciones=("primera_infancia", "ninez", "adolescencia", "hogares"),
            requisitos="Criterios de ingreso según las normas vigentes del programa; consultar en el Ministerio de "
                       "la Niñez y la Adolescencia.",
            costo_detalle="Sin costo para la familia.", lugar="Centro del programa más cercano (consultar)",
            horario="Consultar en el MINNA", contacto="Ministerio de la Niñez y la Adolescencia",
            fuente=FUENTE_MINNA, verificado_el=hace(60), notas=NOTA_REAL)),
        (MDS, None, DatosOportunidad(
            nombre="Hambre Cero en las Escuelas", origen="nacional", pilar="integracion_social", paquete="nucleo",
            tipo_beneficio="alimentacion",
            descripcion="Alimentación escolar para estudiantes de instituciones educativas públicas, a cargo del "
                        "MDS (Ley N.º 7.264/2024).",
            poblaciones=("ninez", "adolescencia"),
            requisitos="Estudiantes de las instituciones educativas alcanzadas por el programa; consultar en la "
                       "escuela o en la oficina del MDS.",
            costo_detalle="Sin costo para la familia.", lugar="En cada escuela alcanzada",
            horario="Días de clase", contacto="Dirección de la escuela o Ministerio de Desarrollo Social",
            fuente=FUENTE_MDS, verificado_el=hace(200), notas=NOTA_REAL)),
        (MDS, ("Barrio San Miguel", "Asentamiento Costa Azul"), DatosOportunidad(
            nombre="Comedores Comunitarios", origen="nacional", pilar="integracion_social", paquete="diferenciado",
            tipo_beneficio="alimentacion",
            descripcion="Apoyo del MDS a comedores comunitarios organizados por la comunidad, para la alimentación "
                        "de familias en situación de vulnerabilidad.",
            poblaciones=("ninez", "personas_mayores", "hogares"),
            requisitos=CONSULTAR_MDS + " El comedor debe estar organizado por la comunidad.",
            costo_detalle="Sin costo para las familias.",
            lugar="Comedor comunitario del barrio (ejemplo: salón de la comisión vecinal)",
            horario="Almuerzo, de lunes a viernes (ejemplo)", contacto="Comisión vecinal del barrio (ejemplo)",
            fuente=FUENTE_MDS, verificado_el=hace(30), notas=NOTA_REAL)),
        # -- servicios ficticios ---------------------------------------------------------------------------
        (MUNICIPALIDAD, ("Barrio San Miguel", "Asentamiento Costa Azul"), DatosOportunidad(
            nombre="Escuela municipal de oficios (ejemplo)", origen="municipal", pilar="insercion_laboral",
            paquete="ampliado", tipo_beneficio="capacitacion",
            descripcion="Cursos cortos de electricidad, plomería, costura y gastronomía. " + EJEMPLO,
            poblaciones=("juventud", "adultez"), requisitos="Tener 16 años o más. Presentar cédula de identidad.",
            cupos=40, costo=50000, costo_detalle="Matrícula única; los materiales los provee la Municipalidad.",
            lugar="Centro comunitario San Miguel (ejemplo)", horario="Lunes a jueves, de 18:00 a 21:00",
            contacto="Dirección de Desarrollo Social", telefono="0225 000 111",
            correo="oficios@villeta.ejemplo.py", vigencia_desde=date(hoy.year, 3, 1), vigencia_hasta=diciembre,
            fuente="Dirección de Desarrollo Social (ejemplo)", verificado_el=hace(14))),
        (MUNICIPALIDAD, ("Comunidad Yvy Porã", "Compañía Cerrito"), DatosOportunidad(
            nombre="Taller de estimulación temprana (ejemplo)", origen="municipal", pilar="integracion_social",
            paquete="diferenciado", tipo_beneficio="servicio",
            descripcion="Encuentros semanales de juego y crianza para familias con niños y niñas pequeños. "
                        + EJEMPLO,
            poblaciones=("primera_infancia", "hogares"), requisitos="Familias con niños o niñas de 0 a 4 años.",
            cupos=25, lugar="Puesto de salud de la comunidad (ejemplo)", horario="Miércoles, de 8:00 a 10:00",
            contacto="Consejería Municipal por los Derechos del Niño (ejemplo)", telefono="0225 000 112",
            vigencia_desde=enero, vigencia_hasta=diciembre, fuente="Acta de la mesa territorial (ejemplo)",
            verificado_el=hace(40))),
        (MUNICIPALIDAD, None, DatosOportunidad(
            nombre="Club de personas mayores (ejemplo)", origen="municipal", pilar="integracion_social",
            paquete="ampliado", tipo_beneficio="servicio",
            descripcion="Actividad física, talleres y encuentros para personas mayores. " + EJEMPLO,
            poblaciones=("personas_mayores",), requisitos="Tener 65 años o más.", cupos=60,
            lugar="Polideportivo municipal (ejemplo)", horario="Martes y jueves, de 8:00 a 10:00",
            contacto="Dirección de Desarrollo Social", telefono="0225 000 113",
            vigencia_desde=date(hoy.year - 1, 3, 1), vigencia_hasta=hace(50),
            fuente="Dirección de Desarrollo Social (ejemplo)", verificado_el=hace(120))),
        (MUNICIPALIDAD, None, DatosOportunidad(
            nombre="Orientación para aportar a la seguridad social (ejemplo)", origen="municipal",
            pilar="prevision_social", paquete="ampliado", tipo_beneficio="servicio",
            descripcion="Orientación a trabajadores independientes sobre cómo inscribirse y aportar a la "
                        "seguridad social. " + EJEMPLO,
            poblaciones=("juventud", "adultez"), requisitos="Ninguno.", lugar="Municipalidad de Villeta, planta baja",
            horario="Lunes a viernes, de 7:00 a 13:00", contacto="Oficina de Empleo (ejemplo)",
            telefono="0225 000 114", fuente="Oficina de Empleo (ejemplo)", verificado_el=hace(90))),
        (GOBERNACION, None, DatosOportunidad(
            nombre="Becas departamentales de estudio (ejemplo)", origen="departamental", pilar="integracion_social",
            paquete="ampliado", tipo_beneficio="transferencia",
            descripcion="Ayuda económica para estudiantes de la educación media y terciaria. " + EJEMPLO,
            poblaciones=("adolescencia", "juventud"),
            requisitos="Estudiantes regulares con buen rendimiento; convocatoria anual (ejemplo).", cupos=15,
            lugar="Gobernación de Central (ejemplo)", horario="Convocatoria de febrero a marzo (ejemplo)",
            contacto="Secretaría de Educación de la Gobernación (ejemplo)", correo="becas@central.ejemplo.py",
            vigencia_desde=date(hoy.year - 1, 2, 1), vigencia_hasta=date(hoy.year - 1, 12, 15),
            fuente="Convocatoria publicada (ejemplo)", verificado_el=hace(300))),
        (GOBERNACION, ("Compañía Cerrito",), DatosOportunidad(
            nombre="Asistencia técnica a pequeños productores (ejemplo)", origen="departamental",
            pilar="insercion_laboral", paquete="diferenciado", tipo_beneficio="capacitacion",
            descripcion="Visitas técnicas y capacitación en huerta, granja y comercialización. " + EJEMPLO,
            poblaciones=("adultez", "hogares"), requisitos="Pertenecer a una asociación de productores del distrito.",
            cupos=30, lugar="En las fincas y en el local de la asociación (ejemplo)",
            horario="Según calendario de visitas", contacto="Secretaría de Desarrollo Productivo (ejemplo)",
            telefono="021 000 115", vigencia_desde=enero, vigencia_hasta=diciembre,
            fuente="Llamada a la Gobernación (ejemplo)", verificado_el=hace(400))),
        (COOPERATIVA, None, DatosOportunidad(
            nombre="Microcréditos para emprendedoras (ejemplo)", origen="privado", pilar="insercion_laboral",
            paquete="ampliado", tipo_beneficio="credito",
            descripcion="Créditos pequeños para iniciar o ampliar un emprendimiento, con acompañamiento. "
                        + EJEMPLO,
            poblaciones=("juventud", "adultez"),
            requisitos="Ser socia de la cooperativa. Presentar cédula y un plan simple del emprendimiento.",
            costo=25000, costo_detalle="Cuota de ingreso a la cooperativa; el interés del crédito según la tasa "
                                      "vigente (ejemplo).",
            lugar="Casa central de la cooperativa (ejemplo)", horario="Lunes a viernes, de 8:00 a 16:00",
            contacto="Área de créditos (ejemplo)", telefono="0225 000 116", correo="creditos@cooperativa.ejemplo.py",
            vigencia_desde=enero, fuente="Folleto de la cooperativa (ejemplo)", verificado_el=hace(75))),
        (AGENCIA, ("Comunidad Yvy Porã",), DatosOportunidad(
            nombre="Agua segura para la comunidad (ejemplo)", origen="cooperacion", pilar="integracion_social",
            paquete="ampliado", tipo_beneficio="infraestructura",
            descripcion="Pozo, tanque y red de distribución de agua, construidos con la comunidad. " + EJEMPLO,
            poblaciones=("hogares", "entorno"),
            requisitos="La comunidad forma una junta de agua y aporta mano de obra.",
            costo_detalle="Sin costo; la comunidad aporta mano de obra.", lugar="Comunidad Yvy Porã",
            horario="Obra prevista por etapas", contacto="Oficina de proyectos (ejemplo)",
            correo="proyectos@cooperacion.ejemplo.org", vigencia_desde=date(hoy.year, 6, 1),
            vigencia_hasta=date(hoy.year + 1, 5, 31), fuente="Convenio de cooperación (ejemplo)",
            verificado_el=hace(250))),
        (FUNDACION, ("Barrio San Miguel", "Barrio Industrial"), DatosOportunidad(
            nombre="Apoyo escolar comunitario (ejemplo)", origen="privado", pilar="integracion_social",
            paquete="diferenciado", tipo_beneficio="servicio",
            descripcion="Clases de apoyo en lectura y matemática, a contraturno. " + EJEMPLO,
            poblaciones=("ninez", "adolescencia"), requisitos="Estar inscripto en una escuela del barrio.", cupos=50,
            lugar="Salón parroquial (ejemplo)", horario="Lunes, miércoles y viernes, de 14:00 a 17:00",
            contacto="Coordinación de voluntariado (ejemplo)", telefono="021 000 505",
            vigencia_desde=date(hoy.year, 3, 1), vigencia_hasta=date(hoy.year, 11, 30),
            fuente="Fundación Ejemplo (ejemplo)", verificado_el=hace(10))),
    ]


def agregar_oportunidades_demo(s: Session, municipio_id: int, hoy: date) -> list[int]:
    """Crea el Mapa de Oportunidades de la demo (después de los territorios y los actores)."""
    territorios = {n: t for n, t in s.execute(select(Territorio.nombre, Territorio.id)
                                               .where(Territorio.municipio_id == municipio_id))}
    ids = []
    for proveedor, donde, datos in _oportunidades(hoy):
        datos.proveedor_id = _proveedor(s, municipio_id, proveedor)
        elegidos = tuple(territorios[n] for n in donde or () if n in territorios)
        # A territory missing from the demo (its list may change): the entry then covers the whole district.
        datos.cobertura_distrital = not elegidos
        datos.territorio_ids = elegidos
        ids.append(crear_oportunidad(s, municipio_id, datos, hoy=hoy))
    return ids
