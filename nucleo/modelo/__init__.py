"""Modelo ORM (SQLAlchemy 2): un módulo por agregado del dominio."""

from nucleo.modelo.actor import Actor
from nucleo.modelo.auditoria import Auditoria
from nucleo.modelo.base import Base
from nucleo.modelo.convenio import Convenio, ParteConvenio
from nucleo.modelo.diagnostico import CruceNecesidad, ItemDafo, Necesidad, NodoProblema
from nucleo.modelo.municipio import Municipio
from nucleo.modelo.oportunidad import Oportunidad, OportunidadPoblacion
from nucleo.modelo.plan import Actividad, Dependencia, Indicador, Medicion, PlanAccion, Recurso, Resultado
from nucleo.modelo.territorio import DiaEspecial, Documento, Etapa, Territorio

__all__ = [
    "Actividad", "Actor", "Auditoria", "Base", "Convenio", "CruceNecesidad", "Dependencia", "DiaEspecial",
    "Documento", "Etapa", "Indicador", "ItemDafo", "Medicion", "Municipio", "Necesidad", "NodoProblema",
    "Oportunidad", "OportunidadPoblacion", "ParteConvenio", "PlanAccion", "Recurso", "Resultado", "Territorio",
]
