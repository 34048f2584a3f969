"""Expediente de demostración: Villeta (Central) con territorios en distintas etapas.

Las personas y organizaciones son ficticias a la vista; las fechas se calculan desde hoy para que la hoja de ruta
muestre siempre etapas cumplidas, en curso, por vencer y vencidas.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.almacen.expediente import Expediente
from nucleo.calendario import Calendario
from nucleo.modelo import Etapa, Territorio
from nucleo.servicios.actores import DatosActor, actualizar_actor, crear_actor, obtener_actor
from nucleo.servicios.demo_oportunidades import agregar_oportunidades_demo
from nucleo.servicios.dias_especiales import agregar_dia_especial, calendario_de
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

CLAVE_VILLETA = "1116"


def _actor(nombre: str, categoria: str, telefono: str = "", contacto: str = "", *, territorios: tuple[str, ...] = (),
           pertenece: str = "", **campos) -> dict:
    """Un actor de la demo: los campos de DatosActor más los territorios y la institución, por nombre."""
    return {"nombre": nombre, "categoria": categoria, "telefono": telefono, "contacto": contacto,
            "territorios": territorios, "pertenece": pertenece, **campos}


SAN_MIGUEL, CERRITO, YVY_PORA, COSTA_AZUL, INDUSTRIAL = (
    "Barrio San Miguel", "Compañía Cerrito", "Comunidad Yvy Porã", "Asentamiento Costa Azul", "Barrio Industrial")
TODOS = (SAN_MIGUEL, CERRITO, YVY_PORA, COSTA_AZUL, INDUSTRIAL)

# The first nine keep their place: TERRITORIOS names its representative organisation by index. Institutions come
# before whoever belongs to them. National institutions are real; every person and local organisation is fictitious.
ACTORES = [
    _actor("Comisión Vecinal San Miguel (ficticia)", "comunidad", "0981 000 101", "Sra. Ana Ejemplo (ficticia)",
           tipo="organizacion", nivel="comunitario", interes=5, influencia=3, postura="apoya",
           territorios=(SAN_MIGUEL,), rol="Interlocutora de la comunidad; convoca a las asambleas del barrio.",
           recursos="Local para reuniones, padrón de familias, trabajo voluntario en las jornadas.",
           direccion="Calle San Miguel c/ Ejemplo, Villeta"),
    _actor("Asociación de Productores Cerrito Unido (ficticia)", "comunidad", "0982 000 202",
           "Sr. Pedro Prueba (ficticio)", tipo="organizacion", nivel="comunitario", interes=4, influencia=2,
           postura="apoya", territorios=(CERRITO,), rol="Organización representativa de la compañía.",
           recursos="Conocimiento de las fincas y de la producción hortícola; galpón comunitario."),
    _actor("Comunidad indígena Yvy Porã (ficticia)", "comunidad", "0983 000 303", "Líder: Sr. Tomás Demo (ficticio)",
           tipo="organizacion", nivel="comunitario", interes=4, influencia=2, postura="neutral",
           territorios=(YVY_PORA,), rol="Autoridad comunitaria; toda acción se acuerda en su asamblea.",
           notas="Pide intérprete de guaraní en las reuniones y consulta previa para cualquier obra."),
    _actor("Comité de Mujeres Costa Azul (ficticio)", "comunidad", "0984 000 404", "Sra. Lidia Muestra (ficticia)",
           tipo="organizacion", nivel="comunitario", interes=5, influencia=2, postura="apoya",
           territorios=(COSTA_AZUL,), rol="Representa al asentamiento ante la Municipalidad.",
           recursos="Olla popular, red de cuidado de niños, censo propio de familias."),
    _actor("Gobernación de Central", "gobernacion", "", "Secretaría de Desarrollo Social", tipo="institucion",
           nivel="departamental", interes=3, influencia=4, postura="apoya", territorios=TODOS,
           rol="Acuerdo marco (etapa 1-a); firma el Plan de Acción con la Junta Departamental.",
           recursos="Asistencia técnica, fondos departamentales para infraestructura comunitaria."),
    _actor("Secretaría Técnica de Planificación (STP)", "gobierno_central", tipo="institucion", sigla="STP",
           nivel="nacional", interes=2, influencia=5, postura="neutral",
           rol="Orienta la planificación territorial y acompaña los Mapas de Oportunidades.",
           recursos="Metodología, información estadística y capacitación a los equipos."),
    _actor("Ministerio de Desarrollo Social", "gobierno_central", tipo="institucion", sigla="MDS", nivel="nacional",
           interes=4, influencia=5, postura="apoya", territorios=(SAN_MIGUEL, CERRITO, COSTA_AZUL),
           rol="Coordina el Sistema de Protección Social (Vamos!) y sus programas de transferencias.",
           recursos="Programas Tekoporã y Tenonderã, técnicos de campo."),
    _actor("Municipalidad de Villeta", "municipalidad", "0225 000 000", "Secretaría de Desarrollo Social",
           tipo="institucion", nivel="distrital", interes=5, influencia=5, postura="apoya", territorios=TODOS,
           correo="articulacion@villeta.ejemplo.py", direccion="Calle Ejemplo N.º 100, Villeta",
           rol="Lidera la articulación: nombra al Coordinador Municipal y sanciona el Plan de Acción.",
           recursos="Coordinador Municipal, vehículo, local para las mesas, presupuesto municipal."),
    _actor("Fundación Ejemplo para el Desarrollo (ficticia)", "sociedad_civil", "021 000 505",
           tipo="organizacion", nivel="distrital", interes=2, influencia=2, postura="neutral",
           territorios=(COSTA_AZUL,), recursos="Talleres de oficios con cupos limitados."),
    _actor("Ministerio de la Niñez y la Adolescencia", "gobierno_central", tipo="institucion", sigla="MINNA",
           nivel="nacional", interes=4, influencia=4, postura="apoya", territorios=(SAN_MIGUEL, COSTA_AZUL),
           rol="Protección de niñas, niños y adolescentes; articula con la CODENI.",
           recursos="Programa Abrazo, capacitación a la CODENI."),
    _actor("Ministerio de Educación y Ciencias", "gobierno_central", tipo="institucion", sigla="MEC",
           nivel="nacional", interes=2, influencia=4, postura="neutral",
           rol="Escuelas y colegios del distrito; becas y alimentación escolar.",
           recursos="Infraestructura escolar, docentes."),
    _actor("Ministerio de Salud Pública y Bienestar Social", "gobierno_central", tipo="institucion",
           sigla="MSPBS", nivel="nacional", interes=2, influencia=4, postura="apoya",
           rol="Atención primaria a través de las Unidades de Salud de la Familia."),
    _actor("Unidad de Salud de la Familia San Miguel (ficticia)", "gobierno_central", "0225 000 606",
           "Dr. Carlos Prueba (ficticio)", tipo="institucion", sigla="USF", nivel="comunitario", interes=4,
           influencia=3, postura="apoya", territorios=(SAN_MIGUEL, COSTA_AZUL),
           pertenece="Ministerio de Salud Pública y Bienestar Social",
           rol="Atención primaria en el barrio y el asentamiento; visitas casa por casa.",
           recursos="Equipo de salud de la familia, agentes comunitarios.", direccion="Calle Ejemplo s/n, San Miguel"),
    _actor("Escuela Básica N.º 0000 Cerrito (ficticia)", "gobierno_central", "0225 000 707", tipo="institucion",
           nivel="comunitario", interes=3, influencia=2, postura="apoya", territorios=(CERRITO,),
           pertenece="Ministerio de Educación y Ciencias", recursos="Aulas para talleres los sábados."),
    _actor("Naviera del Río Ejemplo S.A. (ficticia)", "privado_interes_publico", "021 000 808",
           "Gerencia de Relaciones con la Comunidad", tipo="organizacion", nivel="distrital", interes=1,
           influencia=4, postura="se_opone", territorios=(INDUSTRIAL, COSTA_AZUL),
           rol="Empresa portuaria vecina del asentamiento.",
           notas="Se opone a regularizar los lotes de Costa Azul junto al puerto; conviene informarle cada paso."),
    _actor("Agencia de Cooperación Ejemplo (ficticia)", "cooperacion", "021 000 909", tipo="organizacion",
           nivel="nacional", interes=2, influencia=3, postura="neutral",
           recursos="Fondos concursables para proyectos comunitarios (convocatoria anual)."),
    _actor("Cooperativa de Ahorro y Crédito Ejemplo Ltda. (ficticia)", "privado_interes_publico", "0225 000 919",
           tipo="organizacion", nivel="distrital", interes=2, influencia=2, postura="neutral",
           territorios=(CERRITO, SAN_MIGUEL), recursos="Microcréditos para emprendimientos; educación financiera."),
    _actor("Pastoral Social Parroquia Ejemplo (ficticia)", "sociedad_civil", "0985 000 111", tipo="organizacion",
           nivel="comunitario", interes=2, influencia=2, postura="apoya", territorios=(SAN_MIGUEL, INDUSTRIAL),
           recursos="Comedor los fines de semana, voluntarios."),
    _actor("Club Deportivo Barrio Industrial (ficticio)", "comunidad", "0986 000 222", tipo="organizacion",
           nivel="comunitario", interes=2, influencia=1, postura="neutral", territorios=(INDUSTRIAL,),
           recursos="Cancha y salón para actividades con jóvenes."),
    _actor("Universidad Ejemplo, sede Villeta (ficticia)", "academia", "021 000 333", tipo="institucion",
           nivel="departamental", interes=2, influencia=2, postura="neutral",
           recursos="Pasantes de trabajo social; apoyo para encuestas del diagnóstico."),
    _actor("Rosa Ejemplo Ficticia", "municipalidad", "0971 000 121", tipo="persona", nivel="distrital",
           pertenece="Municipalidad de Villeta", cargo="Directora de Desarrollo Social", interes=5, influencia=4,
           postura="apoya", territorios=TODOS, correo="rosa.ejemplo@villeta.ejemplo.py"),
    _actor("Ramón Demo Ficticio", "comunidad", "0972 000 232", tipo="persona", nivel="comunitario",
           pertenece="Comisión Vecinal San Miguel (ficticia)", cargo="Presidente", interes=5, influencia=3,
           postura="apoya", territorios=(SAN_MIGUEL,)),
    _actor("Hugo Ficticio Prueba", "gobernacion", "0973 000 343", tipo="persona", nivel="departamental",
           pertenece="Gobernación de Central", cargo="Secretario de Desarrollo Social", interes=3, influencia=3,
           postura="apoya", correo="hugo.ficticio@central.ejemplo.py"),
    _actor("Carlos Prueba Demo", "gobierno_central", "0974 000 454", tipo="persona", nivel="comunitario",
           pertenece="Unidad de Salud de la Familia San Miguel (ficticia)", cargo="Médico de familia", interes=4,
           influencia=2, postura="apoya", territorios=(SAN_MIGUEL, COSTA_AZUL)),
    _actor("Nilda Muestra Ejemplo", "gobierno_central", "0975 000 565", tipo="persona", nivel="comunitario",
           pertenece="Escuela Básica N.º 0000 Cerrito (ficticia)", cargo="Directora", interes=4, influencia=2,
           postura="apoya", territorios=(CERRITO,)),
    _actor("Aníbal Ejemplo Demo", "privado_interes_publico", "0976 000 676", tipo="persona", nivel="distrital",
           pertenece="Naviera del Río Ejemplo S.A. (ficticia)", cargo="Gerente de operaciones", interes=1,
           influencia=3, postura="se_opone", territorios=(INDUSTRIAL,)),
]

# (nombre, tipo, tipo_sps, estado, población, hogares, organización, días hábiles desde el inicio, cumplidas, en curso)
TERRITORIOS = [
    ("Barrio San Miguel", "urbano", "periferia_metropolitana", "en_intervencion", 4350, 1120, 0, 95, 6, "5"),
    ("Compañía Cerrito", "rural", "", "en_intervencion", 1890, 460, 1, 48, 4, "3"),
    ("Comunidad Yvy Porã", "indigena", "", "seleccionado", 620, 140, 2, 12, 1, "1-b"),
    ("Asentamiento Costa Azul", "mixto", "periferia_metropolitana", "seleccionado", 2300, 610, 3, 30, 2, "2"),
    ("Barrio Industrial", "urbano", "", "propuesto", 3100, 820, None, None, 0, None),
]


def _preparar(s: Session, hoy: date) -> int:
    mid = crear_municipio(s, DatosMunicipio(
        clave_ine=CLAVE_VILLETA,
        intendente_nombre="Juan Ejemplo Demo (ficticio)",
        intendente_resolucion="Acta de proclamación TSJE N.º 000/2021 (ficticia)",
        intendente_fecha=date(2021, 11, 30),
        coordinador_nombre="María Prueba Ficticia",
        coordinador_resolucion="Resolución Municipal N.º 123/2026 (ficticia)",
        coordinador_fecha=date(2026, 2, 2),
        direccion="Calle Ejemplo N.º 100, Villeta",
        telefono="0225 000 000",
        correo="articulacion@villeta.ejemplo.py",
    ), hoy=hoy)
    agregar_dia_especial(s, mid, date(hoy.year, 1, 20), False, "Fiesta patronal (ejemplo)") \
        if calendario_de(s, mid).es_habil(date(hoy.year, 1, 20)) else None
    actores = _crear_actores(s, mid)
    cal = calendario_de(s, mid)
    for nombre, tipo, sps, estado, pob, hog, org, hace, cumplidas, en_curso in TERRITORIOS:
        inicio = cal.habil_anterior(hoy, hace) if hace else None
        tid = crear_territorio(s, mid, DatosTerritorio(
            nombre=nombre, tipo=tipo, tipo_sps=sps, estado=estado, poblacion=pob, hogares=hog,
            identidad_propia=org is not None or None,
            identidad_descripcion="Comunidad reconocida por sus vecinos, con historia y fiestas propias."
            if org is not None else "",
            organizacion_id=actores[org] if org is not None else None,
            riesgos_diversos="Empleo informal, deserción escolar, acceso limitado a salud y agua segura, "
                             "inundaciones estacionales." if org is not None else "",
            caracterizacion=f"{nombre}: datos de ejemplo para la demostración de Articula.",
            espacio_nombre=f"Centro comunitario {nombre.split()[-1]}" if org is not None else "",
            espacio_direccion="Calle Ejemplo s/n" if org is not None else "",
            espacio_operador="Municipalidad de Villeta" if org is not None else "",
            inicio_ruta=inicio,
        ))
        t = s.get(Territorio, tid)
        if nombre == "Barrio San Miguel":
            _fijar_plazo_5(s, t, 60, cal)
        _avanzar(t.etapas, cumplidas, en_curso, hoy)
    _enlazar_territorios(s, mid, actores)
    agregar_oportunidades_demo(s, mid, hoy)
    _diagnostico(s, mid, hoy)
    _plan(s, mid, hoy)
    _mesas(s, mid, hoy)
    return mid


def _diagnostico(s: Session, mid: int, hoy: date) -> None:
    """Ubicación en el mapa y el diagnóstico participativo (etapa 3): necesidades y cruce, árbol (enlazado a las
    necesidades, por eso después), DAFO/DIPE y convenios."""
    from nucleo.servicios import demo_arbol, demo_convenios, demo_dafo, demo_necesidades, demo_ubicacion

    for modulo in (demo_ubicacion, demo_necesidades, demo_arbol, demo_dafo, demo_convenios):
        modulo.sembrar(s, mid, hoy)


def _plan(s: Session, mid: int, hoy: date) -> None:
    """El Plan de Acción de San Miguel (etapa 5), con su cronograma en ejecución."""
    from nucleo.servicios import demo_plan

    demo_plan.sembrar(s, mid, hoy)


def _mesas(s: Session, mid: int, hoy: date) -> None:
    """La matriz de riesgos del plan, dos mesas con sus miembros y tres sesiones con actas y acuerdos."""
    from nucleo.servicios import demo_mesas

    demo_mesas.sembrar(s, mid, hoy)


def _crear_actores(s: Session, mid: int) -> list[int]:
    """Los actores de ACTORES en su orden (sin territorios: se crean después); devuelve sus ids."""
    ids: dict[str, int] = {}
    for a in ACTORES:
        campos = {k: v for k, v in a.items() if k not in ("territorios", "pertenece")}
        ids[a["nombre"]] = crear_actor(s, mid, DatosActor(**campos, institucion_id=ids.get(a["pertenece"])))
    return [ids[a["nombre"]] for a in ACTORES]


def _enlazar_territorios(s: Session, mid: int, actores: list[int]) -> None:
    por_nombre = {t.nombre: t.id for t in s.scalars(select(Territorio).where(Territorio.municipio_id == mid))}
    for actor_id, a in zip(actores, ACTORES, strict=True):
        if a["territorios"]:
            datos = obtener_actor(s, actor_id)
            actualizar_actor(s, actor_id, replace(datos, territorio_ids=tuple(por_nombre[n] for n in a["territorios"])))


def _fijar_plazo_5(s: Session, t: Territorio, dias: int, cal: Calendario) -> None:
    from nucleo.servicios.hoja_de_ruta import replanificar

    next(e for e in t.etapas if e.codigo == "5").plazo_dias = dias
    replanificar(s, t, cal)


def _avanzar(etapas: list[Etapa], cumplidas: int, en_curso: str | None, hoy: date) -> None:
    """Marca las primeras etapas como cumplidas (con un día de atraso algunas) y una en curso."""
    for i, e in enumerate(sorted(etapas, key=lambda e: e.orden)):
        if i < cumplidas and e.inicio_plan and e.fin_plan:
            e.estado = "cumplida"
            e.inicio_real = min(e.inicio_plan, hoy)
            e.fin_real = min(e.fin_plan + timedelta(days=i % 3), hoy)
            e.notas = "Etapa cerrada con acta de la reunión del equipo."
        elif e.codigo == en_curso and e.inicio_plan:
            e.estado = "en_curso"
            e.inicio_real = min(e.inicio_plan + timedelta(days=1), hoy)
            e.notas = "En curso: se coordinan las próximas reuniones con la comunidad."


def crear_demo(ruta: Path | str, hoy: date | None = None) -> Expediente:
    hoy = hoy or date.today()
    return Expediente.crear(ruta, lambda s: _preparar(s, hoy))
