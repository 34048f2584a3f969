"""Modelos del cruce oferta–demanda: la matriz necesidades × oportunidades y la lista de brechas.

Los textos salen ya armados del servicio (nucleo.servicios.cruce); data() solo indexa.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nucleo.i18n import _
from nucleo.servicios.cruce import CONFIRMADA, DESCARTADA, SUGERIDA, Cruce, FilaCruce, textos_columna
from nucleo.servicios.necesidades import FilaNecesidad
from ui.estilo import COLORES_SEMAFORO, ERROR, TEXTO_SECUNDARIO
from ui.modelos.tabla import ROL_FILA, ROL_ID

ROL_ESTADO = Qt.ItemDataRole.UserRole + 10  # CONFIRMADA, DESCARTADA, SUGERIDA or ""
ROL_OPORTUNIDAD = Qt.ItemDataRole.UserRole + 11  # the column's opportunity id

COL_PRIORIDAD, COL_NECESIDAD, PRIMERA_OPORTUNIDAD = 0, 1, 2

SIMBOLOS = {CONFIRMADA: "✔", SUGERIDA: "?", DESCARTADA: "✖", "": ""}
COLORES = {CONFIRMADA: COLORES_SEMAFORO["al_dia"], SUGERIDA: COLORES_SEMAFORO["cumplida"],
           DESCARTADA: COLORES_SEMAFORO["sin_fecha"]}
FONDOS = {CONFIRMADA: "#e3f1e4", SUGERIDA: "#e6eef8", DESCARTADA: "#f1f1f1"}


def nombre_estado(estado: str) -> str:
    return {CONFIRMADA: _("Confirmada"), SUGERIDA: _("Sugerida"), DESCARTADA: _("Descartada")}.get(
        estado, _("Sin relación"))


def explicar_estado(estado: str) -> str:
    return {
        CONFIRMADA: _("Confirmada: el coordinador la reconoce como respuesta a esta necesidad."),
        SUGERIDA: _("Sugerida: coinciden el pilar y la población, cubre el territorio y está vigente. Falta "
                    "confirmarla o descartarla."),
        DESCARTADA: _("Descartada: se revisó y no responde a esta necesidad."),
    }.get(estado, _("Sin relación: no se sugiere para esta necesidad; puede confirmarla igual."))


def _negrita() -> QFont:
    fuente = QFont()
    fuente.setBold(True)
    return fuente


class ModeloCruce(QAbstractTableModel):
    """Filas: necesidades por prioridad. Columnas: prioridad, necesidad y una por oportunidad que viene al caso."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cruce: Cruce | None = None
        self._filas: tuple[FilaCruce, ...] = ()
        self._columnas = ()
        self._ayudas: list[str] = []

    def cargar(self, cruce: Cruce | None) -> None:
        self.beginResetModel()
        self.cruce = cruce
        self._filas = cruce.filas if cruce else ()
        self._columnas = cruce.oportunidades if cruce else ()
        self._ayudas = ["\n".join(textos_columna(o)) for o in self._columnas]
        self.endResetModel()

    def fila(self, n: int) -> FilaCruce:
        return self._filas[n]

    def oportunidad(self, columna: int):
        """La oportunidad de una columna de la matriz (o None en las dos primeras)."""
        i = columna - PRIMERA_OPORTUNIDAD
        return self._columnas[i] if 0 <= i < len(self._columnas) else None

    def buscar_necesidad(self, necesidad_id: int) -> int:
        return next((n for n, f in enumerate(self._filas) if f.necesidad.id == necesidad_id), -1)

    def buscar_oportunidad(self, oportunidad_id: int) -> int:
        return next((PRIMERA_OPORTUNIDAD + i for i, o in enumerate(self._columnas) if o.id == oportunidad_id), -1)

    # -- Qt --
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else PRIMERA_OPORTUNIDAD + len(self._columnas)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self._filas[index.row()]
        n = f.necesidad
        c = index.column()
        if role == ROL_FILA:
            return f
        if role == ROL_ID:
            return n.id
        if c == COL_PRIORIDAD:
            if role == Qt.ItemDataRole.DisplayRole:
                return n.prioridad_texto
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(ERROR if f.es_brecha else TEXTO_SECUNDARIO if n.prioridad is None else "#1f2328"))
            return None
        if c == COL_NECESIDAD:
            if role == Qt.ItemDataRole.DisplayRole:
                return n.descripcion
            if role == Qt.ItemDataRole.ForegroundRole and f.es_brecha:
                return QBrush(QColor(ERROR))
            if role == Qt.ItemDataRole.FontRole and f.es_brecha:
                return _negrita()
            if role == Qt.ItemDataRole.ToolTipRole:
                texto = n.descripcion
                if f.es_brecha:
                    texto += "\n\n" + _("Brecha: ninguna oportunidad confirmada responde a esta necesidad "
                                        "priorizada.")
                return texto
            return None
        o = self.oportunidad(c)
        if o is None:
            return None
        estado = f.estado(o.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return SIMBOLOS[estado]
        if role == ROL_ESTADO:
            return estado
        if role == ROL_OPORTUNIDAD:
            return o.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and estado:
            return QBrush(QColor(COLORES[estado]))
        if role == Qt.ItemDataRole.BackgroundRole and estado:
            return QBrush(QColor(FONDOS[estado]))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return nombre_estado(estado)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{o.nombre}\n{explicar_estado(estado)}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if section == COL_PRIORIDAD:
            return {Qt.ItemDataRole.DisplayRole: _("Prioridad"),
                    Qt.ItemDataRole.ToolTipRole: _("Prioridad dada por la comunidad (1 es la más alta)")}.get(role)
        if section == COL_NECESIDAD:
            return _("Necesidad") if role == Qt.ItemDataRole.DisplayRole else None
        o = self.oportunidad(section)
        if o is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return o.nombre if o.vigente else _("{nombre} (vencida)").format(nombre=o.nombre)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._ayudas[section - PRIMERA_OPORTUNIDAD]
        if role == Qt.ItemDataRole.ForegroundRole and not o.vigente:
            return QBrush(QColor(TEXTO_SECUNDARIO))
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ModeloBrechas(QAbstractListModel):
    """Las brechas del territorio, en orden de prioridad: «2 (empate) · Falta agua segura…»."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filas: tuple[FilaNecesidad, ...] = ()

    def cargar(self, brechas) -> None:
        self.beginResetModel()
        self._filas = tuple(brechas)
        self.endResetModel()

    def fila(self, n: int) -> FilaNecesidad:
        return self._filas[n]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._filas)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self._filas[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{f.prioridad_texto} · {f.descripcion}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(ERROR))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Prioridad {prioridad}: {descripcion}").format(prioridad=f.prioridad_texto,
                                                                   descripcion=f.descripcion)
        if role == ROL_ID:
            return f.id
        if role == ROL_FILA:
            return f
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
