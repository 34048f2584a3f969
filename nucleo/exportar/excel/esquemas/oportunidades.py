"""Mapa de Oportunidades en Excel: las columnas, cómo se leen del expediente y cómo se crean por el servicio.

Los encabezados alternativos incluyen los nombres del modelo de servicio de Open Referral (HSDS): «Eligibility»,
«Service area», «Schedule», «Cost».
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from nucleo.exportar.excel.esquema import Columna, Esquema
from nucleo.i18n import N_
from nucleo.modelo.oportunidad import ORIGENES, PAQUETES, PILARES, POBLACIONES, TIPOS_BENEFICIO

_ORIGENES_OTROS = {
    "municipalidad": "municipal", "municipio": "municipal", "local": "municipal",
    "gobernacion": "departamental", "departamento": "departamental",
    "gobierno nacional": "nacional", "estado": "nacional", "ministerio": "nacional", "publico": "nacional",
    "privada": "privado", "empresa": "privado", "sector privado": "privado", "ong": "privado",
    "cooperacion internacional": "cooperacion", "organismo internacional": "cooperacion",
}
_PILARES_OTROS = {
    "integracion": "integracion_social", "pilar 1": "integracion_social", "no contributivo": "integracion_social",
    "insercion laboral": "insercion_laboral", "insercion productiva": "insercion_laboral",
    "insercion laboral y productiva": "insercion_laboral", "pilar 2": "insercion_laboral",
    "empleo": "insercion_laboral",
    "prevision": "prevision_social", "pilar 3": "prevision_social", "contributivo": "prevision_social",
    "seguridad social": "prevision_social",
}
_POBLACIONES_OTRAS = {
    "ninos": "ninez", "ninas": "ninez", "ninos y ninas": "ninez", "infancia": "ninez",
    "adolescentes": "adolescencia", "jovenes": "juventud", "adultos": "adultez", "adultas": "adultez",
    "adultos mayores": "personas_mayores", "adultas mayores": "personas_mayores", "tercera edad": "personas_mayores",
    "mayores": "personas_mayores", "familias": "hogares", "hogar": "hogares", "familia": "hogares",
    "comunidad": "entorno", "territorio": "entorno",
}
_BENEFICIOS_OTROS = {
    "transferencia monetaria": "transferencia", "subsidio": "transferencia", "pension": "transferencia",
    "bono": "transferencia", "curso": "capacitacion", "formacion": "capacitacion", "taller": "capacitacion",
    "prestamo": "credito", "microcredito": "credito", "obra": "infraestructura", "alimentos": "alimentacion",
    "merienda": "alimentacion", "almuerzo": "alimentacion", "kit de alimentos": "alimentacion",
    "atencion": "servicio", "otros": "otro",
}

COLUMNAS = (
    Columna(N_("Nombre"), "nombre", obligatoria=True, ancho=34,
            ayuda=N_("Nombre del programa o servicio."),
            sinonimos=(N_("Programa"), N_("Nombre del programa"), N_("Nombre del servicio"), N_("Programa o servicio"),
                       N_("Servicio o programa"), N_("Programa social"), N_("Oportunidad"), N_("Programa / servicio"),
                       "Service name")),
    Columna(N_("Descripción"), "descripcion", ancho=40, ayuda=N_("En qué consiste."),
            sinonimos=(N_("Descripción del programa"), N_("Descripción del servicio"), N_("Detalle"),
                       "Description")),
    Columna(N_("Proveedor"), "proveedor_id", "referencia", referencia="actor", ancho=30,
            ayuda=N_("Actor que lo ofrece (un actor del expediente, por su nombre o sigla)."),
            sinonimos=(N_("Institución"), N_("Institución responsable"), N_("Institución proveedora"),
                       N_("Ofrecido por"), N_("Organismo"), N_("Entidad"), "Organization", "Provider")),
    Columna(N_("Origen"), "origen", "opcion", opciones=ORIGENES, ancho=16, valores=_ORIGENES_OTROS,
            ayuda=N_("De dónde viene la oferta."), sinonimos=(N_("Origen de la oferta"), N_("Nivel de gobierno"))),
    Columna(N_("Pilar"), "pilar", "opcion", opciones=PILARES, ancho=28, valores=_PILARES_OTROS,
            ayuda=N_("Pilar del Sistema de Protección Social."),
            sinonimos=(N_("Pilar del SPS"), N_("Pilar SPS"), N_("Eje"))),
    Columna(N_("Población"), "poblaciones", "opciones", opciones=POBLACIONES, obligatoria=True, ancho=34,
            valores=_POBLACIONES_OTRAS,
            ayuda=N_("Categorías de población a las que se dirige, separadas por punto y coma."),
            sinonimos=(N_("Poblaciones"), N_("Población objetivo"), N_("Población destinataria"),
                       N_("Destinatarios"), N_("Beneficiarios"), N_("Ciclo de vida"), N_("Categoría de población"))),
    Columna(N_("Paquete"), "paquete", "opcion", opciones=PAQUETES, ancho=14,
            ayuda=N_("Núcleo, Diferenciado o Ampliado."), sinonimos=(N_("Paquete de protección"),)),
    Columna(N_("Tipo de beneficio"), "tipo_beneficio", "opcion", opciones=TIPOS_BENEFICIO, ancho=18,
            valores=_BENEFICIOS_OTROS,
            sinonimos=(N_("Beneficio"), N_("Tipo de apoyo"), N_("Tipo de prestación"), N_("Modalidad"))),
    Columna(N_("Requisitos"), "requisitos", ancho=36, ayuda=N_("Quiénes pueden acceder y qué deben presentar."),
            sinonimos=(N_("Requisitos de acceso"), N_("Elegibilidad"), N_("Criterios de elegibilidad"),
                       "Eligibility")),
    Columna(N_("Todo el distrito"), "cobertura_distrital", "booleano", ancho=11,
            ayuda=N_("Sí si cubre todo el distrito; No si solo los territorios de la columna siguiente."),
            sinonimos=(N_("Cobertura distrital"), N_("Cubre todo el distrito"))),
    Columna(N_("Territorios"), "territorio_ids", "referencia", referencia="territorio", multiple=True, ancho=30,
            ayuda=N_("Si no cubre todo el distrito: los territorios que cubre, separados por punto y coma."),
            sinonimos=(N_("Territorio"), N_("Cobertura"), N_("Área de servicio"), N_("Comunidades"),
                       "Service area")),
    Columna(N_("Cupos"), "cupos", "entero", ancho=10, formato="#,##0",
            ayuda=N_("Capacidad o cupos disponibles; vacío si no se conoce."),
            sinonimos=(N_("Cupo"), N_("Capacidad"), N_("Plazas"), N_("Cantidad de cupos"))),
    Columna(N_("Costo"), "costo", "guaranies", ancho=14,
            ayuda=N_("Lo que paga quien lo recibe, en guaraníes; 0 o vacío si es gratuito."),
            sinonimos=(N_("Costo para el beneficiario"), N_("Precio"), N_("Arancel"), "Cost")),
    Columna(N_("Detalle del costo"), "costo_detalle", ancho=24,
            sinonimos=(N_("Detalle de costo"), N_("Condiciones de pago"))),
    Columna(N_("Lugar"), "lugar", ancho=28, ayuda=N_("Dónde se accede."),
            sinonimos=(N_("Dónde"), N_("Lugar de atención"), N_("Ubicación"), "Location")),
    Columna(N_("Horario"), "horario", ancho=22, ayuda=N_("Cuándo: días y horas."),
            sinonimos=(N_("Cuándo"), N_("Días y horarios"), N_("Horario de atención"), "Schedule")),
    Columna(N_("Contacto"), "contacto", ancho=24,
            sinonimos=(N_("Persona de contacto"), N_("Referente"), N_("Responsable de contacto"))),
    Columna(N_("Teléfono"), "telefono", ancho=16,
            sinonimos=(N_("Celular"), N_("Tel"), N_("Teléfono de contacto"), "Phone")),
    Columna(N_("Correo"), "correo", ancho=28, sinonimos=(N_("Correo electrónico"), N_("E-mail"), "Email")),
    Columna(N_("Vigente desde"), "vigencia_desde", "fecha", ancho=13,
            sinonimos=(N_("Vigencia desde"), N_("Fecha de inicio"), N_("Inicio"), N_("Desde"))),
    Columna(N_("Vigente hasta"), "vigencia_hasta", "fecha", ancho=13,
            sinonimos=(N_("Vigencia hasta"), N_("Fecha de fin"), N_("Fin"), N_("Hasta"), N_("Vencimiento"))),
    Columna(N_("Fuente"), "fuente", ancho=28, ayuda=N_("De dónde se tomó la información."),
            sinonimos=(N_("Fuente de información"), N_("Fuente de la información"))),
    Columna(N_("Verificado el"), "verificado_el", "fecha", ancho=13,
            ayuda=N_("Fecha en que se confirmó la información."),
            sinonimos=(N_("Fecha de verificación"), N_("Última verificación"), N_("Fecha de consulta"),
                       N_("Verificado"))),
    Columna(N_("Notas"), "notas", ancho=40, sinonimos=(N_("Observaciones"), N_("Comentarios"))),
)


def filas(s: Session, municipio_id: int, hoy: date | None = None) -> list[dict[str, Any]]:
    from nucleo.exportar.excel.referencias import referidos
    from nucleo.servicios.oportunidades import listar_oportunidades

    territorios = {r.id: r.nombre for r in referidos(s, municipio_id, "territorio")}
    campos = [c.campo for c in COLUMNAS]
    salida = []
    for f in listar_oportunidades(s, municipio_id, hoy=hoy):
        fila = {c: getattr(f, c) for c in campos if c not in ("proveedor_id", "territorio_ids")}
        fila["proveedor_id"] = f.proveedor or None
        fila["territorio_ids"] = [territorios[t] for t in f.territorio_ids if t in territorios]
        salida.append(fila)
    return salida


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.oportunidades import CAMPOS, DatosOportunidad, crear_oportunidad

    valores = {k: v for k, v in datos.items() if k in CAMPOS}
    if valores.get("costo") is None:
        valores.pop("costo", None)  # empty cell: free, the service's default
    if "cobertura_distrital" not in valores and valores.get("territorio_ids"):
        # Territories listed and nothing said about the whole district: it covers those territories.
        valores["cobertura_distrital"] = False
    return crear_oportunidad(s, municipio_id, DatosOportunidad(**valores))


ESQUEMA = Esquema(
    tabla="oportunidades",
    entidad="oportunidad",
    hoja=N_("Oportunidades"),
    titulo=N_("Mapa de Oportunidades"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    clave=("nombre", "proveedor_id"),
)
