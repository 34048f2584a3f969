"""Modelo ORM (SQLAlchemy 2): un módulo por agregado del dominio."""

from nucleo.modelo.actor import Actor
from nucleo.modelo.auditoria import Auditoria
from nucleo.modelo.base import Base
from nucleo.modelo.convenio import Convenio, ParteConvenio
from nucleo.modelo.diagnostico import CruceNecesidad, ItemDafo, Necesidad, NodoProblema
from nucleo.modelo.municipio import Municipio
from nucleo.modelo.oportunidad import Oportunidad, OportunidadPoblacion
from nucleo.modelo.territorio import DiaEspecial, Documento, Etapa, Territorio

__all__ = [
    "Actor", "Auditoria", "Base", "Convenio", "CruceNecesidad", "DiaEspecial", "Documento", "Etapa", "ItemDafo",
    "Municipio", "Necesidad", "NodoProblema", "Oportunidad", "OportunidadPoblacion", "ParteConvenio", "Territorio",
]
