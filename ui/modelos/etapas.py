"""Tabla de las etapas de la hoja de ruta: las columnas de FilaEtapa y el resaltado del próximo paso."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from nucleo import formato
from nucleo.i18n import _
from nucleo.modelo.territorio import ESTADOS_ETAPA
from nucleo.servicios.hoja_de_ruta import FilaEtapa
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets import semaforo as luz

SIN_DATO = "—"


def estado_etapa(clave: str) -> str:
    """Nombre del estado de una etapa (los mismos de nucleo.modelo.territorio.ESTADOS_ETAPA, traducibles)."""
    nombres = {"pendiente": _("Pendiente"), "en_curso": _("En curso"), "cumplida": _("Cumplida")}
    return nombres.get(clave) or ESTADOS_ETAPA.get(clave, clave)


def _fecha(d) -> str:
    return formato.fecha(d) if d else SIN_DATO


def columnas_etapas() -> list[Columna[FilaEtapa]]:
    return [
        Columna(_("Etapa"), lambda f: f.codigo, orden=lambda f: f.id),
        Columna(_("Proceso"), lambda f: f.proceso),
        Columna(_("Producto esperado"), lambda f: f.producto),
        Columna(_("Responsables"), lambda f: f.responsables or SIN_DATO),
        # "Según el Plan" (de Acción, in the tooltip): the long reference text would widen the column for one row.
        Columna(_("Plazo"), lambda f: _("{n} días hábiles").format(n=formato.entero(f.plazo_dias))
                if f.plazo_dias else _("Según el Plan"), orden=lambda f: f.plazo_dias,
                ayuda=_("Plazo en días hábiles de Paraguay. La etapa 5 dura lo que fije el Plan de Acción.")),
        Columna(_("Inicio plan."), lambda f: _fecha(f.inicio_plan), orden=lambda f: f.inicio_plan,
                ayuda=_("Inicio planificado: el día hábil siguiente al fin de las etapas previas.")),
        Columna(_("Fin plan."), lambda f: _fecha(f.fin_plan), orden=lambda f: f.fin_plan,
                ayuda=_("Fin planificado: inicio más el plazo, contado en días hábiles.")),
        Columna(_("Inicio real"), lambda f: _fecha(f.inicio_real), orden=lambda f: f.inicio_real),
        Columna(_("Fin real"), lambda f: _fecha(f.fin_real), orden=lambda f: f.fin_real),
        Columna(_("Estado"), lambda f: estado_etapa(f.estado)),
        Columna(_("Semáforo"), lambda f: luz.etiqueta(f.semaforo), orden=lambda f: luz.ORDEN.index(f.semaforo)
                if f.semaforo in luz.ORDEN else len(luz.ORDEN), ayuda=luz.reglas()),
    ]


class ModeloEtapas(ModeloTabla[FilaEtapa]):
    """ModeloTabla de FilaEtapa; la fila del próximo paso va en negrita y el semáforo explica su regla."""

    COL_PROCESO = 1
    COL_PLAZO = 4
    COL_SEMAFORO = 10

    def __init__(self, parent=None):
        super().__init__(columnas_etapas(), parent)
        self._actual: int | None = None
        self._negrita = QFont()
        self._negrita.setBold(True)

    def cargar(self, filas, actual: int | None = None) -> None:  # type: ignore[override]
        """`actual`: id de la etapa que es el próximo paso (se resalta)."""
        self._actual = actual
        super().cargar(filas)

    def actual(self) -> int | None:
        return self._actual

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._negrita if self._actual is not None and self.fila(index.row()).id == self._actual else None
        if role == Qt.ItemDataRole.ToolTipRole:
            f = self.fila(index.row())
            if index.column() == self.COL_SEMAFORO:
                return luz.regla(f.semaforo)
            if index.column() == self.COL_PLAZO and not f.plazo_dias:
                return _("Plazo de referencia: {plazo}. Fíjelo en días hábiles cuando el Plan de Acción lo "
                         "defina.").format(plazo=f.plazo)
            if index.column() in (0, self.COL_PROCESO):
                return _("Etapa {codigo}: {proceso}\nProducto esperado: {producto}").format(
                    codigo=f.codigo, proceso=f.proceso, producto=f.producto)
        return super().data(index, role)
