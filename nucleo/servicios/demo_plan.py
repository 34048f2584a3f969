"""Plan de Acción de la demostración: Barrio San Miguel (etapa 5, en ejecución).

Cinco resultados que responden a las cuatro necesidades que priorizó la asamblea del barrio, más la organización y
el control comunitario; 57 actividades de detalle en seis grupos, con dependencias de los cuatro tipos (alguna con
adelanto), hitos, recursos de todas las fuentes y las oportunidades del Mapa que usan. El plan se sancionó con su
línea base y está en ejecución: lo ya vencido está cumplido (alguna tarea terminó tarde y corrió a sus sucesoras),
hay tareas en curso y dos atrasadas, para que el seguimiento muestre semáforos de todos los colores. Ficticio.
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.modelo import Actor, Necesidad, Oportunidad, Territorio
from nucleo.servicios.dias_especiales import calendario_de

SAN_MIGUEL = "Barrio San Miguel"
MUNI = "Municipalidad de Villeta"
COMISION = "Comisión Vecinal San Miguel (ficticia)"
GOBERNACION = "Gobernación de Central"
MDS = "Ministerio de Desarrollo Social"
USF = "Unidad de Salud de la Familia San Miguel (ficticia)"
PASTORAL = "Pastoral Social Parroquia Ejemplo (ficticia)"
UNIVERSIDAD = "Universidad Ejemplo, sede Villeta (ficticia)"
MINNA = "Ministerio de la Niñez y la Adolescencia"

LADO = {MUNI: "municipalidad", COMISION: "comunidad", PASTORAL: "comunidad", GOBERNACION: "servicio_publico",
        MDS: "servicio_publico", USF: "servicio_publico", UNIVERSIDAD: "servicio_publico", MINNA: "servicio_publico"}

# (código, descripción, eje, comienzo de la necesidad que responde)
RESULTADOS = [
    ("R1", "Niñas y niños de 6 a 12 años acompañados por la tarde en un espacio de apoyo escolar con merienda.",
     "integracion_social", "Niños y niñas solos"),
    ("R2", "Mujeres jefas de hogar capacitadas en un oficio y con un emprendimiento financiado.",
     "insercion_laboral", "Mujeres jefas de hogar"),
    ("R3", "Jóvenes con actividades deportivas y culturales por la noche y acceso a prevención de adicciones.",
     "integracion_social", "Consumo de drogas"),
    ("R4", "Calles del bajo con desagüe pluvial y un plan barrial de emergencia ante tormentas.",
     "integracion_social", "Calles del bajo"),
    ("R5", "Mesa territorial funcionando y comunidad que controla la ejecución del plan.", "", None),
]

GRUPOS = {
    "A": ("Puesta en marcha y organización del trabajo", "R5"),
    "B": ("Espacio de apoyo escolar y merienda", "R1"),
    "C": ("Oficios y emprendimientos de mujeres jefas de hogar", "R2"),
    "D": ("Plaza segura y jóvenes activos", "R3"),
    "E": ("Desagüe pluvial y prevención de inundaciones", "R4"),
    "F": ("Control comunitario, rendición de cuentas y evaluación", "R5"),
}


# (resultado, tipo, nombre, unidad, sentido, línea de base, meta, medio de verificación, mediciones: valor hace N meses)
INDICADORES = [
    ("R1", "producto", "Niñas y niños que asisten al espacio de apoyo escolar", "niños", "aumentar", 0, 60,
     "Registro diario de asistencia", ((2, 18), (1, 31), (0, 38))),
    ("R1", "evaluacion", "Niñas y niños del espacio que aprobaron el año escolar", "%", "aumentar", 70, 90,
     "Libretas de calificaciones", ()),
    ("R2", "producto", "Mujeres jefas de hogar que terminaron un curso de oficio", "mujeres", "aumentar", 0, 40,
     "Planillas de los cursos y certificados", ((1, 12), (0, 22))),
    ("R2", "gestion", "Emprendimientos con capital semilla entregado", "emprendimientos", "aumentar", 0, 25,
     "Actas de entrega del MDS", ((0, 4),)),
    ("R3", "producto", "Jóvenes que participan de las actividades nocturnas de la plaza", "jóvenes", "aumentar", 10,
     120, "Planillas de las ligas y talleres", ((2, 25), (1, 48), (0, 71))),
    ("R3", "evaluacion", "Denuncias por hechos de violencia en la plaza por mes", "denuncias", "disminuir", 14, 4,
     "Registro de la comisaría jurisdiccional", ((2, 13), (1, 11), (0, 9))),
    ("R4", "producto", "Metros de desagüe pluvial construidos", "m", "aumentar", 0, 850,
     "Actas de recepción de obra", ((1, 120), (0, 310))),
    ("R4", "normativo", "Plan barrial de emergencia aprobado por ordenanza", "ordenanza", "aumentar", 0, 1,
     "Ordenanza municipal publicada", ()),
    ("R5", "gestion", "Reuniones de la mesa territorial realizadas con acta", "reuniones", "aumentar", 0, 10,
     "Libro de actas de la mesa territorial", ((2, 1), (1, 2), (0, 3))),
    ("R5", "gestion", "Informes del comité de control comunitario publicados", "informes", "aumentar", 0, 6,
     "Mural del centro comunitario y actas", ((1, 1), (0, 2))),
]


# Who signs for the Concejo, the Gobernación and the Junta (the Intendente comes from the municipality). Ficticios.
FIRMAS = {
    "concejo": ("Lidia Muestra Ficticia", "Presidenta del Concejo Municipal de Villeta"),
    "gobernador": ("Rubén Ejemplo Ficticio", "Gobernador del Departamento Central"),
    "junta": ("Celsa Demo Ejemplo", "Presidenta de la Junta Departamental de Central"),
}


def _r(descripcion: str, cantidad: float, costo: int, fuente: str, tipo: str = "financiero", unidad: str = "") -> tuple:
    return (tipo, descripcion, cantidad, unidad, costo, fuente)


# (clave, grupo, nombre, responsable, duración (0 = hito), predecesoras «clave[tipo][±desfase]», recursos,
#  condiciones de satisfacción, medio de verificación, oportunidades que usa)
ACTIVIDADES = [
    ("a1", "A", "Reunión ejecutiva con las instituciones proveedoras", MUNI, 1, "",
     [_r("Refrigerio para participantes", 25, 15_000, "municipal", "material", "personas")],
     "Acta firmada por las instituciones presentes, con referente de cada una.", "Acta de reunión", ()),
    ("a2", "A", "Conformación de la mesa territorial San Miguel", COMISION, 5, "a1",
     [], "Mesa con al menos 8 integrantes, la mitad vecinos del barrio.", "Acta de conformación", ()),
    ("a3", "A", "Designación de referentes por institución", MUNI, 3, "a1",
     [], "Nota de cada institución con su referente.", "Notas recibidas", ()),
    ("a4", "A", "Presentación del plan en asamblea del barrio", COMISION, 1, "a2, a3",
     [_r("Copias del plan para las familias", 120, 2_500, "municipal", "material", "copias"),
      _r("Alquiler de equipo de sonido", 1, 300_000, "municipal")],
     "Asamblea con al menos 80 vecinos; dudas respondidas en el acta.", "Acta y planilla de asistencia", ()),
    ("a5", "A", "Plan presentado a la comunidad", COMISION, 0, "a4", [], "", "", ()),
    ("a6", "A", "Capacitación del equipo municipal en seguimiento de planes", GOBERNACION, 3, "a1CC+2",
     [_r("Capacitadora de la Gobernación (jornadas)", 3, 0, "departamental", "humano", "jornadas")],
     "Equipo capaz de cargar el avance y leer el cronograma.", "Lista de asistencia y evaluación", ()),
    ("a7", "A", "Reuniones mensuales de la mesa territorial", COMISION, 140, "a2",
     [_r("Merienda de las reuniones", 7, 150_000, "comunidad", "material", "reuniones")],
     "Una reunión por mes con acta y acuerdos con responsable.", "Libro de actas de la mesa", ()),
    ("b1", "B", "Relevamiento de niñas y niños sin cuidado por la tarde", UNIVERSIDAD, 10, "a2",
     [_r("Pasantes de trabajo social", 4, 0, "cooperacion", "humano", "pasantes")],
     "Padrón de niñas y niños de 6 a 12 años con horario de sus padres.", "Padrón del relevamiento", ()),
    ("b2", "B", "Acondicionamiento del salón comunitario", MUNI, 20, "b1CC+5",
     [_r("Pintura, aberturas y materiales eléctricos", 1, 4_500_000, "municipal", "material", "global"),
      _r("Cuadrilla municipal", 20, 120_000, "municipal", "humano", "jornales")],
     "Salón pintado, con baño en uso, luz y ventilación.", "Acta de recepción y fotos", ()),
    ("b3", "B", "Compra de mobiliario y útiles escolares", MUNI, 15, "b2FF",
     [_r("Mesas y sillas para 60 niños", 60, 180_000, "municipal", "material", "juegos"),
      _r("Útiles escolares", 60, 45_000, "departamental", "material", "kits")],
     "Mobiliario entregado e inventariado.", "Factura e inventario", ()),
    ("b4", "B", "Compra de libros y material didáctico", MUNI, 10, "b1",
     [_r("Libros y juegos didácticos", 1, 2_200_000, "cooperacion", "material", "global")],
     "Biblioteca básica por grado.", "Inventario", ()),
    ("b5", "B", "Selección y capacitación de tutores voluntarios", PASTORAL, 10, "b1",
     [_r("Capacitación de tutores", 12, 0, "comunidad", "humano", "tutores")],
     "Doce tutores capacitados con constancia.", "Constancias de capacitación", ("Apoyo escolar comunitario (ejemplo)",)),
    ("b6", "B", "Acuerdo con Comedores Comunitarios para la merienda", MDS, 15, "a3",
     [], "Merienda asegurada para 60 niños por día.", "Nota de aprobación del MDS", ("Comedores Comunitarios",)),
    ("b7", "B", "Inscripción de las familias", COMISION, 5, "b1, b5CC+3",
     [], "Al menos 50 niñas y niños inscriptos con ficha completa.", "Fichas de inscripción", ()),
    ("b8", "B", "Apertura del espacio de apoyo escolar", COMISION, 0, "b2, b3, b4, b6, b7", [], "", "", ()),
    ("b9", "B", "Funcionamiento del apoyo escolar con merienda", PASTORAL, 110, "b8",
     [_r("Merienda (por niño y día)", 6_600, 3_500, "nacional", "material", "raciones"),
      _r("Coordinadora del espacio", 6, 2_500_000, "municipal", "humano", "meses")],
     "Asistencia media de 45 niños; merienda todos los días hábiles.", "Registro diario de asistencia",
     ("Apoyo escolar comunitario (ejemplo)", "Comedores Comunitarios")),
    ("b10", "B", "Control de crecimiento y vacunas en el espacio", USF, 5, "b8CC+10",
     [], "Control de todos los inscriptos; derivaciones registradas.", "Planilla de la USF", ()),
    ("b11", "B", "Evaluación con las familias al cierre del semestre", COMISION, 3, "b9FC-3",
     [], "Encuesta de satisfacción a las familias.", "Informe de evaluación", ()),
    ("c1", "C", "Convocatoria e inscripción de mujeres jefas de hogar", MUNI, 10, "a5",
     [_r("Afiches y difusión radial", 1, 600_000, "municipal")],
     "Cuarenta mujeres inscriptas.", "Planilla de inscripción", ()),
    ("c2", "C", "Curso de panadería y repostería", MUNI, 40, "c1",
     [_r("Instructora", 40, 150_000, "municipal", "humano", "clases"),
      _r("Insumos del curso", 1, 3_200_000, "municipal", "material", "global")],
     "Veinte egresadas con práctica aprobada.", "Registro de asistencia y evaluación",
     ("Escuela municipal de oficios (ejemplo)",)),
    ("c3", "C", "Curso de corte y confección", GOBERNACION, 40, "c2CC+10",
     [_r("Instructora", 40, 150_000, "departamental", "humano", "clases"),
      _r("Máquinas de coser (comodato)", 10, 0, "departamental", "material", "máquinas")],
     "Veinte egresadas con prenda terminada.", "Registro de asistencia y evaluación",
     ("Escuela municipal de oficios (ejemplo)",)),
    ("c4", "C", "Certificación de las egresadas", MUNI, 2, "c2FF, c3FF",
     [_r("Certificados impresos", 40, 5_000, "municipal", "material", "certificados")],
     "Certificados firmados por el Intendente.", "Copia de los certificados", ()),
    ("c5", "C", "Egreso de la primera promoción", MUNI, 0, "c4", [], "", "", ()),
    ("c6", "C", "Taller de educación financiera y plan de negocios", MDS, 5, "c2",
     [], "Plan de negocios de cada participante.", "Planes de negocio", ("Tenonderã",)),
    ("c7", "C", "Gestión de microcréditos ante la cooperativa", MUNI, 15, "c6",
     [], "Carpetas completas presentadas.", "Constancia de presentación", ("Microcréditos para emprendedoras (ejemplo)",)),
    ("c8", "C", "Primeros 20 emprendimientos financiados", MUNI, 0, "c7", [], "", "", ()),
    ("c9", "C", "Feria mensual de emprendedoras en la plaza", COMISION, 60, "c8",
     [_r("Carpas y mesas", 1, 1_500_000, "municipal", "material", "global")],
     "Tres ferias con al menos 15 puestos.", "Fotos y planilla de puestos", ()),
    ("c10", "C", "Acompañamiento a los emprendimientos", MDS, 60, "c8CC",
     [_r("Técnica de acompañamiento", 3, 0, "nacional", "humano", "meses")],
     "Una visita por mes a cada emprendimiento.", "Fichas de visita", ("Tenonderã",)),
    ("d1", "D", "Taller con jóvenes sobre la situación de la plaza", USF, 5, "a2",
     [], "Treinta jóvenes participan y proponen actividades.", "Relatoría del taller", ()),
    ("d2", "D", "Recuperación de la iluminación de la plaza", MUNI, 15, "a1",
     [_r("Luminarias LED", 12, 850_000, "municipal", "material", "unidades"),
      _r("Electricista", 15, 180_000, "municipal", "humano", "jornales")],
     "Doce luminarias funcionando.", "Acta de recepción", ()),
    ("d3", "D", "Plaza iluminada y en uso por las noches", MUNI, 0, "d2", [], "", "", ()),
    ("d4", "D", "Liga deportiva nocturna", COMISION, 100, "d3",
     [_r("Pelotas, camisetas y arbitraje", 1, 2_400_000, "cooperacion", "material", "global")],
     "Ocho equipos juegan cada semana.", "Planillas de los partidos", ()),
    ("d5", "D", "Taller de prevención de adicciones", USF, 10, "d1",
     [], "Cuarenta jóvenes participan.", "Lista de asistencia", ()),
    ("d6", "D", "Consejería y derivación a salud mental", USF, 100, "d5CC+5",
     [], "Casos derivados con seguimiento.", "Registro de la USF", ()),
    ("d7", "D", "Festival cultural juvenil", COMISION, 2, "d4CC+40",
     [_r("Escenario y sonido", 1, 1_800_000, "departamental")],
     "Festival con grupos del barrio.", "Fotos y nota de prensa", ()),
    ("d8", "D", "Mesa de convivencia con los vecinos de la plaza", COMISION, 2, "d3",
     [], "Acuerdo de uso de la plaza firmado.", "Acta de acuerdos", ()),
    ("d9", "D", "Postulación de jóvenes a becas departamentales", GOBERNACION, 15, "d1",
     [], "Quince postulaciones presentadas.", "Constancias de postulación", ("Becas departamentales de estudio (ejemplo)",)),
    ("d10", "D", "Acompañamiento del MINNA a adolescentes en riesgo", MINNA, 60, "d5",
     [], "Casos con plan de acompañamiento.", "Fichas del MINNA", ()),
    ("e1", "E", "Relevamiento de puntos críticos de inundación", MUNI, 10, "a1",
     [_r("Técnico de obras", 10, 200_000, "municipal", "humano", "jornadas")],
     "Mapa de puntos críticos validado por la comisión vecinal.", "Mapa e informe", ()),
    ("e2", "E", "Proyecto técnico de desagüe pluvial", MUNI, 20, "e1",
     [_r("Ingeniería del proyecto", 1, 12_000_000, "municipal")],
     "Proyecto con planos y cómputo aprobado.", "Proyecto aprobado", ()),
    ("e3", "E", "Estudio ambiental simplificado", MUNI, 10, "e2CC+10",
     [_r("Consultoría ambiental", 1, 6_500_000, "municipal")],
     "Declaración ambiental presentada.", "Constancia del MADES", ()),
    ("e4", "E", "Socialización del proyecto con los vecinos del bajo", COMISION, 1, "e2",
     [], "Vecinos informados; observaciones registradas.", "Acta de la reunión", ()),
    ("e5", "E", "Gestión de fondos ante la Gobernación", GOBERNACION, 30, "e2, e3",
     [], "Resolución de la Gobernación con el aporte.", "Resolución", ()),
    ("e6", "E", "Licitación de la obra", MUNI, 30, "e5",
     [_r("Publicación del llamado", 1, 400_000, "municipal")],
     "Contrato adjudicado.", "Resolución de adjudicación", ()),
    ("e7", "E", "Obra de desagüe pluvial", MUNI, 60, "e6",
     [_r("Obra de desagüe (aporte departamental)", 1, 380_000_000, "departamental"),
      _r("Obra de desagüe (contrapartida municipal)", 1, 95_000_000, "municipal")],
     "Obra terminada según proyecto.", "Actas de medición y recepción", ()),
    ("e8", "E", "Obra de desagüe recibida", MUNI, 0, "e7", [], "", "", ()),
    ("e9", "E", "Limpieza de cunetas con minga vecinal", COMISION, 5, "e1CC+3",
     [_r("Jornal vecinal valorizado", 80, 100_000, "comunidad", "humano", "jornales"),
      _r("Herramientas", 1, 900_000, "municipal", "material", "global")],
     "Cunetas del bajo limpias antes de la temporada de lluvias.", "Fotos antes y después", ()),
    ("e10", "E", "Plan barrial de emergencia ante tormentas", COMISION, 15, "e1",
     [], "Plan con rutas, refugio y responsables.", "Plan aprobado en asamblea", ()),
    ("e11", "E", "Simulacro de evacuación", COMISION, 1, "e10",
     [], "Simulacro con al menos 60 vecinos.", "Informe del simulacro", ()),
    ("f1", "F", "Conformación del comité de control comunitario", COMISION, 5, "a5",
     [], "Comité de cinco vecinos con reglamento.", "Acta de conformación", ()),
    ("f2", "F", "Publicación de avances en el mural del centro comunitario", COMISION, 120, "f1",
     [_r("Impresiones para el mural", 6, 80_000, "municipal", "material", "meses")],
     "Mural actualizado cada mes.", "Fotos del mural", ()),
    ("f3", "F", "Rendición de cuentas semestral en asamblea", MUNI, 1, "f1FC+60",
     [], "Informe de avance y gasto leído en asamblea.", "Acta de la asamblea", ()),
    ("f4", "F", "Evaluación intermedia del plan", GOBERNACION, 10, "f3",
     [], "Informe con recomendaciones.", "Informe de evaluación", ()),
    ("f5", "F", "Sistematización de lecciones aprendidas", UNIVERSIDAD, 10, "f4CC",
     [], "Documento de sistematización.", "Documento", ()),
    ("f6", "F", "Reunión de cierre con las instituciones", MUNI, 1, "f4",
     [], "Compromisos de continuidad firmados.", "Acta de cierre", ()),
    ("f7", "F", "Informe de ejecución presentado", MUNI, 0, "e8, b11, c9, f6", [], "", "", ()),
]

# Lo que pasó en la ejecución: (clave, días hábiles de atraso al terminar) para las que terminaron tarde; las
# atrasadas sin terminar con su avance.
TERMINARON_TARDE = {"b2": 4, "e2": 3}
ATRASADAS = {"b3": 60, "e3": 50}


def _predecesoras(texto: str) -> list[tuple[str, str, int]]:
    """«b1CC+5, a3» -> [("b1", "CC", 5), ("a3", "FC", 0)]."""
    salida = []
    for parte in (p.strip() for p in texto.split(",") if p.strip()):
        clave, tipo, desfase = re.fullmatch(r"([a-z]\d+)(FC|CC|FF|CF)?([+-]\d+)?", parte).groups()
        salida.append((clave, tipo or "FC", int(desfase or 0)))
    return salida


def sembrar(s: Session, municipio_id: int, hoy: date) -> int | None:
    """Crea el plan de San Miguel; devuelve su id (None si la demo no tiene el territorio)."""
    from nucleo.servicios import actividades as act
    from nucleo.servicios import indicadores as ind
    from nucleo.servicios import plan as pl
    from nucleo.servicios import sancion

    tid = s.scalar(select(Territorio.id).where(Territorio.municipio_id == municipio_id,
                                               Territorio.nombre == SAN_MIGUEL))
    if tid is None:
        return None
    cal = calendario_de(s, municipio_id)
    actores = dict(s.execute(select(Actor.nombre, Actor.id).where(Actor.municipio_id == municipio_id)).all())
    oportunidades = dict(s.execute(select(Oportunidad.nombre, Oportunidad.id)
                                   .where(Oportunidad.municipio_id == municipio_id)).all())
    necesidades = s.execute(select(Necesidad.id, Necesidad.descripcion).where(Necesidad.territorio_id == tid)).all()

    plan_id = pl.crear_plan(s, municipio_id, tid, pl.DatosPlan(
        titulo="Plan de Acción Barrio San Miguel",
        inicio=cal.habil_anterior(hoy, 60),
        objetivo="Responder a las cuatro necesidades que priorizó la asamblea del barrio: cuidado de niñas y niños "
                 "por la tarde, trabajo para mujeres jefas de hogar, convivencia y prevención con los jóvenes, y "
                 "calles que no se inunden.",
        organizacion="Una reunión ejecutiva con las instituciones al inicio y la mesa territorial cada mes. Cada "
                     "institución designa un referente; la Municipalidad coordina y lleva el cronograma; la Gobernación "
                     "acompaña la gestión de fondos y la evaluación.",
        provision_recursos="La Municipalidad aporta personal, materiales y contrapartidas desde su presupuesto; la "
                           "Gobernación transfiere su aporte a la obra por convenio; el MDS provee la merienda por "
                           "Comedores Comunitarios; la comunidad aporta jornales en mingas y el local.",
        instrumentos_registro="Libro de actas de la mesa territorial, registro diario de asistencia del espacio de "
                              "apoyo escolar, planillas de los cursos, actas de recepción de obras y este cronograma "
                              "con su avance mensual.",
        control_comunitario="Un comité de control de cinco vecinos revisa los avances cada mes, publica un mural en el "
                            "centro comunitario y presenta su informe en la rendición de cuentas semestral.",
    ))

    resultados: dict[str, int] = {}
    for codigo, descripcion, pilar, necesidad in RESULTADOS:
        ids = tuple(n for n, d in necesidades if necesidad and d.startswith(necesidad))
        resultados[codigo] = pl.crear_resultado(s, plan_id, pl.DatosResultado(
            descripcion=descripcion, codigo=codigo, pilar=pilar, necesidades=ids))

    ids: dict[str, int] = {}
    for grupo, (nombre, resultado) in GRUPOS.items():
        ids[grupo] = act.crear_actividad(s, plan_id, act.DatosActividad(
            nombre=nombre, resultado_id=resultados[resultado], responsable_id=actores.get(MUNI)))
    for clave, grupo, nombre, responsable, dur, preds, recursos, cond, medio, ops in ACTIVIDADES:
        ids[clave] = act.crear_actividad(s, plan_id, act.DatosActividad(
            nombre=nombre, padre_id=ids[grupo], resultado_id=resultados[GRUPOS[grupo][1]],
            responsable_id=actores.get(responsable), lado=LADO[responsable], duracion=dur, hito=dur == 0,
            condiciones=cond, medio_verificacion=medio,
            oportunidades=tuple(oportunidades[o] for o in ops if o in oportunidades),
            predecesoras=tuple(act.DatosVinculo(ids[p], tipo, desfase) for p, tipo, desfase in _predecesoras(preds)),
            recursos=tuple(act.DatosRecurso(descripcion=d, tipo=t, cantidad=c, unidad=u, costo_unitario=k, fuente=f)
                           for t, d, c, u, k, f in recursos)))

    inicio, fin = pl.obtener_plan(s, plan_id).inicio, max(f.fin for f in act.listar_actividades(s, plan_id, hoy))
    indicadores = []
    for resultado, tipo, nombre, unidad, sentido, base, meta, medio, valores in INDICADORES:
        iid = ind.crear_indicador(s, municipio_id, ind.DatosIndicador(
            resultado_id=resultados[resultado], tipo=tipo, nombre=nombre, unidad=unidad, sentido=sentido,
            base_valor=base, base_fecha=inicio, meta_valor=meta, meta_fecha=fin, medio_verificacion=medio))
        indicadores.append((iid, medio, valores))

    act.guardar_linea_base(s, plan_id)
    from nucleo.servicios import demo_mesas

    demo_mesas.sembrar_riesgos(s, municipio_id, hoy, plan_id, tid)
    # Sanctioned as source 000 asks: every required signature in the days before the start, then frozen.
    pl.cambiar_estado(s, plan_id, "en_revision")
    sancion.firmantes_por_defecto(s, plan_id)
    for f in sancion.listar_firmantes(s, plan_id):
        if f.rol in FIRMAS and not f.nombre:
            datos = sancion.obtener_firmante(s, f.id)
            datos.nombre, datos.cargo = FIRMAS[f.rol]
            sancion.actualizar_firmante(s, f.id, datos)
    firmantes = sancion.listar_firmantes(s, plan_id)
    for n, f in enumerate(firmantes):
        sancion.registrar_firma(s, f.id, cal.habil_anterior(inicio, len(firmantes) - n + 2))
    sancion.sancionar(s, plan_id, cal.habil_anterior(inicio, 2))
    pl.cambiar_estado(s, plan_id, "en_ejecucion")
    _ejecutar(s, plan_id, ids, hoy, cal)
    for iid, medio, valores in indicadores:
        for meses, valor in valores:
            # Measured on the last working day of each past month (today for the current one).
            fecha = hoy if meses == 0 else cal.habil_anterior(_primero_del_mes(hoy, meses - 1))
            ind.agregar_medicion(s, iid, ind.DatosMedicion(fecha=fecha, valor=valor, fuente=medio), hoy)
    return plan_id


def _primero_del_mes(hoy: date, atras: int) -> date:
    """El primer día del mes que queda `atras` meses antes del de `hoy`."""
    n = hoy.year * 12 + hoy.month - 1 - atras
    return date(n // 12, n % 12 + 1, 1)


def _ejecutar(s: Session, plan_id: int, ids: dict[str, int], hoy: date, cal) -> None:
    """Registra el avance en orden de fechas: cada registro reprograma, así un atraso corre a las sucesoras."""
    from nucleo.servicios import actividades as act

    detalle = {ids[clave] for clave, *_ in ACTIVIDADES}
    clave_de = {v: k for k, v in ids.items()}
    hechas: set[int] = set()
    while True:
        filas = [f for f in act.listar_actividades(s, plan_id, hoy)
                 if f.id in detalle and f.id not in hechas and f.inicio and f.inicio <= hoy]
        if not filas:
            return
        f = min(filas, key=lambda f: (f.inicio, f.codigo))
        hechas.add(f.id)
        clave = clave_de[f.id]
        if clave in ATRASADAS:
            act.registrar_avance(s, f.id, ATRASADAS[clave], f.inicio, None)
        elif f.fin and f.fin < hoy:
            fin_real = cal.desplazar(f.fin, TERMINARON_TARDE.get(clave, 0))
            if fin_real < hoy:
                act.registrar_avance(s, f.id, 100, f.inicio, fin_real)
            else:
                act.registrar_avance(s, f.id, 80, f.inicio, None)
        else:
            # En curso: el avance que corresponde a los días hábiles transcurridos.
            total = max(f.duracion, 1)
            hechos = cal.dias_habiles_entre(f.inicio, hoy)
            act.registrar_avance(s, f.id, min(90, round(100 * hechos / total)), f.inicio, None)
