"""Modelo ORM (SQLAlchemy 2): un módulo por agregado del dominio."""

from nucleo.modelo.actor import Actor
from nucleo.modelo.auditoria import Auditoria
from nucleo.modelo.base import Base
from nucleo.modelo.convenio import Convenio, ParteConvenio
from nucleo.modelo.diagnostico import CruceNecesidad, ItemDafo, Necesidad, NodoProblema
from nucleo.modelo.mesa import Acta, Acuerdo, Asistencia, Mesa, MiembroMesa, PuntoAgenda, Sesion
from nucleo.modelo.municipio import Municipio
from nucleo.modelo.oportunidad import Oportunidad, OportunidadPoblacion
from nucleo.modelo.plan import Actividad, Dependencia, Indicador, Medicion, PlanAccion, Recurso, Resultado
from nucleo.modelo.riesgo import Riesgo
from nucleo.modelo.sancion import DocumentoEmitido, FirmantePlan, RevisionPlan
from nucleo.modelo.territorio import DiaEspecial, Documento, Etapa, Territorio

__all__ = [
    "Acta", "Actividad", "Actor", "Acuerdo", "Asistencia", "Auditoria", "Base", "Convenio", "CruceNecesidad",
    "Dependencia", "DiaEspecial", "Documento", "DocumentoEmitido", "FirmantePlan", "Etapa", "Indicador", "ItemDafo", "Medicion", "Mesa", "MiembroMesa",
    "Municipio", "Necesidad", "NodoProblema", "Oportunidad", "OportunidadPoblacion", "ParteConvenio", "PlanAccion",
    "PuntoAgenda", "Recurso", "Resultado", "RevisionPlan", "Riesgo", "Sesion", "Territorio",
]
