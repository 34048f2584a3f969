"""DAFO y DIPE del expediente de demostración.

Compañía Cerrito (la que está en la etapa 3, el diagnóstico participativo) tiene un DAFO completo, como el que sale
de un taller con la Asociación de Productores; Barrio San Miguel tiene un DIPE corto. Todo es ficticio y plausible
para una compañía rural y un barrio periférico de Villeta.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nucleo.modelo import ItemDafo, Territorio
from nucleo.servicios.dafo import DatosItemDafo, crear_item

DAFO_CERRITO: dict[str, tuple[str, ...]] = {
    "debilidades": (
        "Caminos vecinales de tierra que con la lluvia quedan intransitables y encarecen sacar la producción.",
        "Pocas familias tienen título de su lote: no acceden a créditos ni a programas que lo exigen.",
        "Jóvenes que dejan el colegio para trabajar en changas fuera de la compañía.",
        "Agua de pozos sin control de calidad; no hay red de agua potable.",
        "La verdura se vende a intermediarios, sin acopio común ni precio acordado.",
    ),
    "amenazas": (
        "Crecidas del río Paraguay que cubren las parcelas bajas en los meses de lluvia.",
        "Baja del precio de la verdura en temporada por el producto que entra de contrabando.",
        "Loteamientos que avanzan sobre tierras de cultivo.",
        "Sequías más largas que afectan a las huertas sin riego.",
    ),
    "fortalezas": (
        "Asociación de Productores Cerrito Unido activa, con asamblea mensual y galpón comunitario.",
        "Saber hortícola de las familias, transmitido de padres a hijos.",
        "La escuela básica presta sus aulas los sábados para talleres.",
        "Cercanía al centro de Villeta y a la ruta hacia Asunción.",
    ),
    "oportunidades": (
        "Tenonderã (MDS) acompaña emprendimientos productivos de familias en situación de vulnerabilidad.",
        "Microcréditos y educación financiera de la cooperativa de ahorro y crédito de la zona.",
        "Ferias de la agricultura familiar en Villeta y en Asunción.",
        "Fondos concursables de la cooperación para proyectos comunitarios (convocatoria anual).",
    ),
}

DIPE_SAN_MIGUEL: dict[str, tuple[str, ...]] = {
    "limitaciones": (
        "La mayoría de los jefes y jefas de hogar trabaja en empleos informales.",
        "Desagües pluviales insuficientes: varias calles se inundan con cada tormenta.",
    ),
    "riesgos": (
        "Un cambio de autoridades municipales puede frenar los compromisos asumidos.",
        "Inseguridad de noche en las calles, que aleja a la gente de las actividades.",
    ),
    "potencialidades": (
        "Comisión vecinal con padrón de familias y local propio para reuniones.",
        "La USF tiene agentes comunitarios que conocen cada casa del barrio.",
    ),
    "desafios": (
        "Presentar a tiempo el proyecto de desagüe a la convocatoria de infraestructura de la Gobernación.",
        "Lograr que las familias que todavía no acceden a Tekoporã completen su inscripción.",
    ),
}

# territorio -> (análisis, cuadrante -> textos)
SEMILLAS: tuple[tuple[str, str, dict[str, tuple[str, ...]]], ...] = (
    ("Compañía Cerrito", "dafo", DAFO_CERRITO),
    ("Barrio San Miguel", "dipe", DIPE_SAN_MIGUEL),
)


def sembrar(s: Session, municipio_id: int, hoy: date) -> None:
    """Carga el DAFO de Compañía Cerrito y el DIPE de Barrio San Miguel por el servicio (con su auditoría).

    Un territorio que no está, o un análisis que ya tiene elementos, se deja como está: llamarla dos veces no
    repite nada. `hoy` no cambia estos textos; se recibe como las demás siembras de la demostración.
    """
    del hoy
    for nombre, analisis, cuadrantes in SEMILLAS:
        territorio_id = s.scalar(select(Territorio.id).where(Territorio.municipio_id == municipio_id,
                                                             Territorio.nombre == nombre))
        if territorio_id is None:
            continue
        ya = s.scalar(select(func.count()).select_from(ItemDafo).where(ItemDafo.territorio_id == territorio_id,
                                                                       ItemDafo.analisis == analisis))
        if ya:
            continue
        for cuadrante, textos in cuadrantes.items():
            for texto in textos:
                crear_item(s, municipio_id, DatosItemDafo(territorio_id, analisis, cuadrante, texto))
