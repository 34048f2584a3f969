"""Necesidades de la demostración: el diagnóstico participativo de Compañía Cerrito (etapa 3, en curso) y el que
Barrio San Miguel ya hizo (etapa 5).

Cerrito priorizó por los votos de un taller (con un empate en el segundo puesto); San Miguel, ordenando en la
asamblea. Algunas oportunidades ya están confirmadas o descartadas y quedan brechas a la vista. Todo es ficticio.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.modelo import Oportunidad, Territorio
from nucleo.servicios.cruce import decidir
from nucleo.servicios.necesidades import (
    DatosNecesidad,
    crear_necesidad,
    ordenar_prioridades,
    priorizar_por_votos,
)

CERRITO, SAN_MIGUEL = "Compañía Cerrito", "Barrio San Miguel"
TALLER_CERRITO = "Taller de diagnóstico en la Escuela Básica, con 46 participantes (ejemplo)."

# (descripción, dimensión, pilar, población, fuente, días antes de hoy, votos, notas,
#  oportunidades confirmadas, oportunidades descartadas)
NECESIDADES_CERRITO = [
    ("Los productores hortícolas venden a intermediarios a precios muy bajos: no hay feria ni acopio común.",
     "economica", "insercion_laboral", "adultez", "taller", 9, 18, TALLER_CERRITO,
     ("Asistencia técnica a pequeños productores (ejemplo)",), ()),
    ("Jóvenes sin empleo ni capacitación que se van a trabajar a Asunción.",
     "economica", "insercion_laboral", "juventud", "taller", 9, 14, TALLER_CERRITO,
     ("Tenonderã",), ()),
    ("Falta agua segura en la época seca: los pozos someros se contaminan y las familias compran agua.",
     "ambiental", "integracion_social", "hogares", "taller", 9, 14, TALLER_CERRITO,
     (), ("Tekoporã", "Abrazo", "Taller de estimulación temprana (ejemplo)")),
    ("El camino vecinal queda intransitable con la lluvia: los niños no llegan a la escuela ni la producción al "
     "mercado.", "social", "integracion_social", "entorno", "taller", 9, 11, TALLER_CERRITO, (), ()),
    ("Personas mayores solas, sin pensión ni acompañamiento.",
     "social", "prevision_social", "personas_mayores", "registro", 30, 9,
     "Padrón de la Asociación de Productores (ejemplo).", ("Pensión Universal para Adultos Mayores",), ()),
    ("Niños y niñas pequeños sin estimulación ni control de crecimiento: el puesto de salud abre un día por semana.",
     "social", "integracion_social", "primera_infancia", "encuesta", 20, 7,
     "Encuesta casa por casa de los pasantes de trabajo social (ejemplo).",
     ("Taller de estimulación temprana (ejemplo)",), ()),
    ("Adolescentes que dejan el colegio en la época de cosecha para trabajar en las fincas.",
     "social", "integracion_social", "adolescencia", "registro", 30, 5,
     "Registro de asistencia de la escuela (ejemplo).", ("Abrazo",), ("Hambre Cero en las Escuelas",)),
    # Raised after the workshop: not voted, so not prioritised (and not a gap yet).
    ("Familias sin cédula de identidad de algunos de sus miembros, lo que les impide inscribirse en programas.",
     "politica", "integracion_social", "hogares", "encuesta", 4, None,
     "Surgió en las visitas posteriores al taller; se propondrá en la próxima asamblea.", (), ()),
]

# San Miguel: ranked by the assembly (1, 2, 3, 4 in this order).
NECESIDADES_SAN_MIGUEL = [
    ("Niños y niñas solos por la tarde mientras sus padres trabajan.",
     "social", "integracion_social", "ninez", "taller", 160, None, "Asamblea del barrio (ejemplo).",
     ("Apoyo escolar comunitario (ejemplo)", "Comedores Comunitarios"), ()),
    ("Mujeres jefas de hogar sin trabajo estable ni ingresos propios.",
     "economica", "insercion_laboral", "adultez", "taller", 160, None, "Asamblea del barrio (ejemplo).",
     ("Escuela municipal de oficios (ejemplo)", "Microcréditos para emprendedoras (ejemplo)"), ()),
    ("Consumo de drogas y peleas entre jóvenes en la plaza del barrio por las noches.",
     "social", "integracion_social", "juventud", "taller", 160, None, "Asamblea del barrio (ejemplo).", (), ()),
    ("Calles del bajo que se inundan con cada tormenta y dejan a las familias aisladas.",
     "ambiental", "integracion_social", "entorno", "encuesta", 175, None,
     "Encuesta de la Comisión Vecinal (ejemplo).", (), ()),
]


def _sembrar_territorio(s: Session, municipio_id: int, territorio_id: int, hoy: date, filas: list,
                        oportunidades: dict[str, int]) -> list[int]:
    ids = []
    for desc, dim, pilar, pob, fuente, dias, votos, notas, confirmadas, descartadas in filas:
        nid = crear_necesidad(s, municipio_id, DatosNecesidad(
            territorio_id=territorio_id, descripcion=desc, dimension=dim, pilar=pilar, poblacion=pob, fuente=fuente,
            fecha=hoy - timedelta(days=dias), votos=votos, notas=notas), hoy=hoy)
        ids.append(nid)
        for nombre, decision in [(n, "confirmada") for n in confirmadas] + [(n, "descartada") for n in descartadas]:
            if nombre in oportunidades:  # the demo's Mapa may change: a missing program is simply not decided
                decidir(s, municipio_id, nid, oportunidades[nombre], decision)
    return ids


def sembrar(s: Session, municipio_id: int, hoy: date) -> dict[str, list[int]]:
    """Crea las necesidades de la demo (después de los territorios y del Mapa de Oportunidades). Devuelve los ids
    por nombre de territorio; un territorio que la demo ya no tenga se salta."""
    territorios = dict(s.execute(select(Territorio.nombre, Territorio.id)
                                 .where(Territorio.municipio_id == municipio_id)).all())
    oportunidades = dict(s.execute(select(Oportunidad.nombre, Oportunidad.id)
                                   .where(Oportunidad.municipio_id == municipio_id)).all())
    creadas: dict[str, list[int]] = {}
    if CERRITO in territorios:
        tid = territorios[CERRITO]
        creadas[CERRITO] = _sembrar_territorio(s, municipio_id, tid, hoy, NECESIDADES_CERRITO, oportunidades)
        priorizar_por_votos(s, municipio_id, tid)
    if SAN_MIGUEL in territorios:
        tid = territorios[SAN_MIGUEL]
        creadas[SAN_MIGUEL] = _sembrar_territorio(s, municipio_id, tid, hoy, NECESIDADES_SAN_MIGUEL, oportunidades)
        ordenar_prioridades(s, municipio_id, tid, creadas[SAN_MIGUEL])
    return creadas
