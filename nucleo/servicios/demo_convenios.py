"""Convenios del expediente de demostración.

- Un «Compromiso con la comunidad» FIRMADO para la Compañía Cerrito (el territorio de la demo que está en la
  etapa 3, «Diagnóstico y compromiso de trabajo»): la Municipalidad, la organización de la comunidad y la escuela.
- Una «Carta de compromiso interinstitucional» en BORRADOR para el Barrio San Miguel.

Las personas y organizaciones locales son las ficticias de demo.py; las fechas se calculan desde `hoy`.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.modelo import Actor, Municipio, Territorio
from nucleo.servicios.convenios import DatosConvenio, DatosParte, crear_convenio, firmar

MUNICIPALIDAD = "Municipalidad de Villeta"
ASOCIACION = "Asociación de Productores Cerrito Unido (ficticia)"
ESCUELA = "Escuela Básica N.º 0000 Cerrito (ficticia)"
COMISION = "Comisión Vecinal San Miguel (ficticia)"
USF = "Unidad de Salud de la Familia San Miguel (ficticia)"
MINNA = "Ministerio de la Niñez y la Adolescencia"
CERRITO, SAN_MIGUEL = "Compañía Cerrito", "Barrio San Miguel"


def _ids(s: Session, municipio_id: int, clase, nombres: tuple[str, ...]) -> dict[str, int]:
    return {n: i for i, n in s.execute(select(clase.id, clase.nombre).where(clase.municipio_id == municipio_id,
                                                                          clase.nombre.in_(nombres)))}


def sembrar(s: Session, municipio_id: int, hoy: date) -> list[int]:
    """Crea los convenios de la demo; omite el que no encuentre sus actores (la lista de la demo puede cambiar)."""
    actores = _ids(s, municipio_id, Actor, (MUNICIPALIDAD, ASOCIACION, ESCUELA, COMISION, USF, MINNA))
    territorios = _ids(s, municipio_id, Territorio, (CERRITO, SAN_MIGUEL))
    m = s.get(Municipio, municipio_id)
    intendente = m.intendente_nombre if m else ""
    creados: list[int] = []

    if {MUNICIPALIDAD, ASOCIACION, ESCUELA} <= actores.keys():
        cid = crear_convenio(s, municipio_id, DatosConvenio(
            titulo="Compromiso de trabajo para el desarrollo de la Compañía Cerrito",
            tipo="compromiso_comunidad",
            territorio_id=territorios.get(CERRITO),
            objeto=("establecer las bases del trabajo conjunto entre la Municipalidad, la comunidad organizada de la "
                    "Compañía Cerrito y la escuela de la compañía para atender las necesidades priorizadas en el "
                    "diagnóstico participativo —acceso al agua segura, caminos vecinales transitables y "
                    "capacitación para la producción hortícola— y preparar juntos el Plan de Acción del territorio."),
            lugar="Villeta",
            fecha_inicio=hoy - timedelta(days=5),
            fecha_fin=date(hoy.year + 1, 6, 30),
            notas="Firmado en la asamblea comunitaria del galpón de la Asociación. El original queda en la "
                  "Secretaría de Desarrollo Social.",
            partes=(
                DatosParte(actor_id=actores[MUNICIPALIDAD], representante=intendente, cargo="Intendente Municipal",
                           obligaciones="Designar al Coordinador Municipal como responsable del seguimiento.\n"
                                        "Gestionar ante las instituciones del Mapa de Oportunidades los programas "
                                        "que respondan a las necesidades priorizadas.\n"
                                        "Aportar el vehículo y el combustible para las jornadas de trabajo en la "
                                        "compañía.\n"
                                        "Presentar a la comunidad, en asamblea, el borrador del Plan de Acción antes "
                                        "de elevarlo al Concejo Municipal."),
                DatosParte(actor_id=actores[ASOCIACION], representante="Pedro Prueba (ficticio)",
                           cargo="Presidente de la Asociación",
                           obligaciones="Convocar a las familias de la compañía a las asambleas y a los talleres.\n"
                                        "Facilitar el galpón comunitario para las reuniones.\n"
                                        "Designar dos referentes para la mesa de trabajo del territorio.\n"
                                        "Informar a la comunidad de los avances y recoger sus propuestas."),
                DatosParte(actor_id=actores[ESCUELA], representante="Nilda Muestra Ejemplo", cargo="Directora",
                           obligaciones="Facilitar las aulas los sábados para los talleres de capacitación.\n"
                                        "Difundir las convocatorias entre las familias de los alumnos."),
            ),
        ))
        firmar(s, municipio_id, cid, hoy - timedelta(days=5), hoy=hoy)
        creados.append(cid)

    if {MUNICIPALIDAD, COMISION, USF, MINNA} <= actores.keys():
        creados.append(crear_convenio(s, municipio_id, DatosConvenio(
            titulo="Articulación para la protección de la primera infancia en el Barrio San Miguel",
            tipo="carta_compromiso",
            territorio_id=territorios.get(SAN_MIGUEL),
            objeto=("coordinar las acciones de las instituciones firmantes para que toda niña y todo niño de 0 a 4 "
                    "años del Barrio San Miguel tenga sus controles de salud al día, su documento de identidad y "
                    "acceso a los programas de protección que le correspondan."),
            lugar="Villeta",
            fecha_inicio=date(hoy.year + 1, 2, 1),
            fecha_fin=date(hoy.year + 1, 12, 31),
            notas="Borrador para revisar con el MINNA antes de la reunión de la mesa.",
            partes=(
                DatosParte(actor_id=actores[MUNICIPALIDAD], representante=intendente, cargo="Intendente Municipal",
                           obligaciones="Coordinar la mesa de trabajo y convocar a sus reuniones.\n"
                                        "Disponer el local del centro comunitario para las jornadas de atención."),
                DatosParte(actor_id=actores[USF], representante="Carlos Prueba Demo", cargo="Médico de familia",
                           obligaciones="Realizar los controles de crecimiento y vacunación en las jornadas.\n"
                                        "Compartir con la mesa la lista de niñas y niños con controles "
                                        "atrasados."),
                DatosParte(actor_id=actores[MINNA], obligaciones="Incorporar a las familias identificadas a los "
                                                                 "programas de protección que correspondan."),
                DatosParte(actor_id=actores[COMISION], representante="Ramón Demo Ficticio", cargo="Presidente",
                           obligaciones="Relevar casa por casa a las familias con niñas y niños pequeños.\n"
                                        "Difundir las jornadas en el barrio."),
            ),
        )))
    return creados
