"""Plan de Acción de un territorio (etapas 4 y 5): resultados, indicadores, actividades, dependencias y recursos.

El plan guarda lo que el coordinador escribe; lo que se deriva (cronograma, presupuesto, calendario de metas,
cumplimiento) se calcula de las actividades y sus recursos. Las fechas calculadas del cronograma se guardan en la
actividad (`inicio`, `fin`, `inicio_tardio`…) para que el Gantt y los impresos las lean sin recalcular: el servicio
las vuelve a calcular en cada cambio que las afecta.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nucleo.i18n import N_
from nucleo.modelo.base import Base, ConFechas, DelMunicipio

ESTADOS_PLAN: dict[str, str] = {
    "borrador": N_("Borrador"),
    "en_revision": N_("En revisión"),
    "sancionado": N_("Sancionado"),
    "en_ejecucion": N_("En ejecución"),
    "cerrado": N_("Cerrado"),
}
# Mientras el plan está en estos estados se edita su estructura; después solo el seguimiento (avance, fechas reales,
# mediciones).
ESTADOS_EDITABLES = frozenset({"borrador", "en_revision"})

# Quién responde por una actividad (000, cuarta etapa, iii).
LADOS: dict[str, str] = {
    "municipalidad": N_("Municipalidad"),
    "servicio_publico": N_("Otro servicio público"),
    "comunidad": N_("Comunidad"),
}

# Dependencias entre actividades: fin-comienzo, comienzo-comienzo, fin-fin, comienzo-fin.
TIPOS_DEPENDENCIA: dict[str, str] = {
    "FC": N_("Fin a comienzo (FC)"),
    "CC": N_("Comienzo a comienzo (CC)"),
    "FF": N_("Fin a fin (FF)"),
    "CF": N_("Comienzo a fin (CF)"),
}

TIPOS_RECURSO: dict[str, str] = {"humano": N_("Humano"), "financiero": N_("Financiero"), "material": N_("Material")}

FUENTES_FONDOS: dict[str, str] = {
    "municipal": N_("Municipal"),
    "departamental": N_("Departamental"),
    "nacional": N_("Nacional"),
    "cooperacion": N_("Cooperación"),
    "comunidad": N_("Comunidad"),
    "privado": N_("Privado"),
}

# Tipos de indicador de la tabla de indicadores del documento 000.
TIPOS_INDICADOR: dict[str, str] = {
    "normativo": N_("Normativo / reglamentario"),
    "gestion": N_("De gestión"),
    "producto": N_("De producto"),
    "evaluacion": N_("De evaluación y seguimiento"),
}

SENTIDOS: dict[str, str] = {"aumentar": N_("Aumentar"), "disminuir": N_("Disminuir")}


class PlanAccion(DelMunicipio, ConFechas, Base):
    """El Plan de Acción de un territorio, con los apartados de texto que pide el documento 000 (i, v, vi)."""

    __tablename__ = "plan_accion"

    id: Mapped[int] = mapped_column(primary_key=True)
    territorio_id: Mapped[int] = mapped_column(ForeignKey("territorio.id", ondelete="CASCADE"), index=True)
    titulo: Mapped[str] = mapped_column(String(200))
    # Revisión 1, 2…: un plan sancionado que cambia da otra revisión (la sanción llega en otro módulo).
    revision: Mapped[int] = mapped_column(Integer, default=1)
    estado: Mapped[str] = mapped_column(String(20), default="borrador")
    objetivo: Mapped[str] = mapped_column(Text, default="")
    # Fecha de inicio del plan: las actividades sin predecesoras ni inicio fijo empiezan el primer día hábil desde ella.
    inicio: Mapped[date] = mapped_column(Date)
    organizacion: Mapped[str] = mapped_column(Text, default="")  # i: cómo se organiza el trabajo con los proveedores
    provision_recursos: Mapped[str] = mapped_column(Text, default="")  # v: la forma de proveer los recursos
    instrumentos_registro: Mapped[str] = mapped_column(Text, default="")  # vi: registro del proceso y resultados
    control_comunitario: Mapped[str] = mapped_column(Text, default="")  # vi: mecanismos de control comunitario
    notas: Mapped[str] = mapped_column(Text, default="")
    # Cuándo se guardó la línea base (las fechas base están en cada actividad); None = sin línea base.
    linea_base_en: Mapped[datetime | None] = mapped_column(DateTime)

    resultados: Mapped[list[Resultado]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True, order_by="Resultado.orden"
    )


resultado_necesidad = Table(
    "resultado_necesidad",
    Base.metadata,
    Column("resultado_id", ForeignKey("resultado.id", ondelete="CASCADE"), primary_key=True),
    Column("necesidad_id", ForeignKey("necesidad.id", ondelete="CASCADE"), primary_key=True, index=True),
)

actividad_oportunidad = Table(
    "actividad_oportunidad",
    Base.metadata,
    Column("actividad_id", ForeignKey("actividad.id", ondelete="CASCADE"), primary_key=True),
    Column("oportunidad_id", ForeignKey("oportunidad.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Resultado(DelMunicipio, ConFechas, Base):
    """Resultado específico del plan en un eje estratégico (vii), con las necesidades priorizadas que responde."""

    __tablename__ = "resultado"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_accion.id", ondelete="CASCADE"), index=True)
    codigo: Mapped[str] = mapped_column(String(20), default="")  # «R1», «R2»…
    descripcion: Mapped[str] = mapped_column(Text)
    pilar: Mapped[str] = mapped_column(String(30), default="")  # eje estratégico: clave de oportunidad.PILARES o ""
    orden: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[PlanAccion] = relationship(back_populates="resultados")
    indicadores: Mapped[list[Indicador]] = relationship(
        back_populates="resultado", cascade="all, delete-orphan", passive_deletes=True, order_by="Indicador.orden"
    )


class Indicador(DelMunicipio, ConFechas, Base):
    __tablename__ = "indicador"

    id: Mapped[int] = mapped_column(primary_key=True)
    resultado_id: Mapped[int] = mapped_column(ForeignKey("resultado.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[str] = mapped_column(String(20), default="producto")
    nombre: Mapped[str] = mapped_column(String(300))
    unidad: Mapped[str] = mapped_column(String(60), default="")
    medio_verificacion: Mapped[str] = mapped_column(Text, default="")
    sentido: Mapped[str] = mapped_column(String(10), default="aumentar")
    base_valor: Mapped[float | None] = mapped_column(Float)
    base_fecha: Mapped[date | None] = mapped_column(Date)
    meta_valor: Mapped[float | None] = mapped_column(Float)
    meta_fecha: Mapped[date | None] = mapped_column(Date)
    orden: Mapped[int] = mapped_column(Integer, default=0)

    resultado: Mapped[Resultado] = relationship(back_populates="indicadores")
    mediciones: Mapped[list[Medicion]] = relationship(
        back_populates="indicador", cascade="all, delete-orphan", passive_deletes=True, order_by="Medicion.fecha"
    )


class Medicion(DelMunicipio, Base):
    __tablename__ = "medicion"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicador_id: Mapped[int] = mapped_column(ForeignKey("indicador.id", ondelete="CASCADE"), index=True)
    fecha: Mapped[date] = mapped_column(Date)
    valor: Mapped[float] = mapped_column(Float)
    fuente: Mapped[str] = mapped_column(String(200), default="")
    nota: Mapped[str] = mapped_column(Text, default="")

    indicador: Mapped[Indicador] = relationship(back_populates="mediciones")


class Actividad(DelMunicipio, ConFechas, Base):
    """Tarea del plan. La jerarquía (EDT) va por `padre_id` y `orden`; el código «1.2.3» se deriva de ellas."""

    __tablename__ = "actividad"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan_accion.id", ondelete="CASCADE"), index=True)
    padre_id: Mapped[int | None] = mapped_column(ForeignKey("actividad.id", ondelete="CASCADE"), index=True)
    orden: Mapped[int] = mapped_column(Integer, default=0)  # entre hermanas
    nombre: Mapped[str] = mapped_column(String(300))
    resultado_id: Mapped[int | None] = mapped_column(ForeignKey("resultado.id", ondelete="SET NULL"), index=True)
    responsable_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"), index=True)
    lado: Mapped[str] = mapped_column(String(20), default="municipalidad")
    duracion: Mapped[int] = mapped_column(Integer, default=1)  # días hábiles; un hito dura 0
    hito: Mapped[bool] = mapped_column(Boolean, default=False)
    # Restricción del usuario: la actividad empieza ese día (si las predecesoras no lo permiten, se informa).
    inicio_fijo: Mapped[date | None] = mapped_column(Date)
    condiciones: Mapped[str] = mapped_column(Text, default="")  # condiciones de satisfacción (iv)
    medio_verificacion: Mapped[str] = mapped_column(Text, default="")  # instrumento de registro (vi)
    avance: Mapped[int] = mapped_column(Integer, default=0)  # 0–100
    inicio_real: Mapped[date | None] = mapped_column(Date)
    fin_real: Mapped[date | None] = mapped_column(Date)
    notas: Mapped[str] = mapped_column(Text, default="")
    # Calculado por el cronograma (temprano = planificado; tardío = lo más tarde sin atrasar el plan).
    inicio: Mapped[date | None] = mapped_column(Date)
    fin: Mapped[date | None] = mapped_column(Date)
    inicio_tardio: Mapped[date | None] = mapped_column(Date)
    fin_tardio: Mapped[date | None] = mapped_column(Date)
    holgura_total: Mapped[int | None] = mapped_column(Integer)
    holgura_libre: Mapped[int | None] = mapped_column(Integer)
    critica: Mapped[bool] = mapped_column(Boolean, default=False)
    # Línea base: las fechas planificadas cuando se guardó (PlanAccion.linea_base_en).
    base_inicio: Mapped[date | None] = mapped_column(Date)
    base_fin: Mapped[date | None] = mapped_column(Date)

    recursos: Mapped[list[Recurso]] = relationship(
        back_populates="actividad", cascade="all, delete-orphan", passive_deletes=True, order_by="Recurso.orden"
    )


class Dependencia(DelMunicipio, Base):
    """La sucesora depende de la predecesora: tipo FC/CC/FF/CF y desfase en días hábiles (negativo = adelanto)."""

    __tablename__ = "dependencia"

    predecesora_id: Mapped[int] = mapped_column(ForeignKey("actividad.id", ondelete="CASCADE"), primary_key=True)
    sucesora_id: Mapped[int] = mapped_column(
        ForeignKey("actividad.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    tipo: Mapped[str] = mapped_column(String(2), default="FC")
    desfase: Mapped[int] = mapped_column(Integer, default=0)


class Recurso(DelMunicipio, Base):
    """Recurso de una actividad (v): humano, financiero o material; costo en guaraníes (sin decimales)."""

    __tablename__ = "recurso"

    id: Mapped[int] = mapped_column(primary_key=True)
    actividad_id: Mapped[int] = mapped_column(ForeignKey("actividad.id", ondelete="CASCADE"), index=True)
    tipo: Mapped[str] = mapped_column(String(20), default="financiero")
    descripcion: Mapped[str] = mapped_column(String(300))
    cantidad: Mapped[float] = mapped_column(Float, default=1)
    unidad: Mapped[str] = mapped_column(String(40), default="")
    costo_unitario: Mapped[int] = mapped_column(Integer, default=0)
    fuente: Mapped[str] = mapped_column(String(20), default="municipal")
    orden: Mapped[int] = mapped_column(Integer, default=0)

    actividad: Mapped[Actividad] = relationship(back_populates="recursos")
