"""El catálogo del Mapa de Oportunidades como árbol pilar > población > oportunidad, y los textos de vigencia y
verificación que comparten la tabla, el catálogo y la ficha."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from nucleo import formato
from nucleo.i18n import _, n_
from nucleo.servicios.oportunidades import POR_INICIAR, VENCIDA, FilaOportunidad, GrupoPilar
from ui.estilo import COLORES_SEMAFORO, TEXTO_SECUNDARIO
from ui.modelos.tabla import ROL_FILA, ROL_ID

ROJO, GRIS = COLORES_SEMAFORO["vencida"], TEXTO_SECUNDARIO
FONDO_PILAR = "#e8eef6"  # pillar rows of the catalogue: a light band, like a section heading


def texto_vigencia(f: FilaOportunidad) -> str:
    if f.vigencia == VENCIDA:
        return _("Vencida: {plazo}").format(plazo=f.vigencia_texto)
    if f.vigencia == POR_INICIAR:
        return _("Por iniciar: {plazo}").format(plazo=f.vigencia_texto)
    return f.vigencia_texto


def texto_verificado(f: FilaOportunidad) -> str:
    return f.verificado_texto or _("Nunca")  # the service formatted the date once


def color_vigencia(f: FilaOportunidad) -> str | None:
    return ROJO if f.vigencia == VENCIDA else (GRIS if f.vigencia == POR_INICIAR else None)


# -- catálogo: árbol pilar > población > oportunidad ----------------------------------------------------------
PILAR, POBLACION, OPORTUNIDAD = range(3)


@dataclass
class Nodo:
    tipo: int
    padre: int  # index of the parent node; -1 for the top level
    fila: int  # row within the parent
    dato: Any  # GrupoPilar, GrupoPoblacion or FilaOportunidad
    textos: list[str]
    hijos: list[int] = field(default_factory=list)


class ModeloCatalogo(QAbstractItemModel):
    """El catálogo como árbol de tres niveles. Los nodos viven en una lista plana; el internalId es su posición."""

    TITULOS = (_("Oportunidad"), _("Proveedor"), _("Cobertura"), _("Costo"), _("Vigencia"), _("Verificado el"))

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._nodos: list[Nodo] = []
        self._raiz: list[int] = []
        self._negrita = QFont()
        self._negrita.setBold(True)

    def cargar(self, grupos: list[GrupoPilar]) -> None:
        self.beginResetModel()
        self._nodos, self._raiz = [], []
        for gp in grupos:
            ip = self._agregar(PILAR, -1, gp, [n_("{titulo} · {n} oportunidad", "{titulo} · {n} oportunidades",
                                                  gp.cantidad).format(titulo=gp.titulo,
                                                                      n=formato.entero(gp.cantidad))])
            for g in gp.grupos:
                ig = self._agregar(POBLACION, ip, g, [f"{g.titulo} ({formato.entero(len(g.filas))})"])
                for f in g.filas:
                    self._agregar(OPORTUNIDAD, ig, f, [f.nombre, f.proveedor or "—", f.cobertura_texto, f.costo_texto,
                                                       texto_vigencia(f), texto_verificado(f)])
        self.endResetModel()

    def _agregar(self, tipo: int, padre: int, dato: Any, textos: list[str]) -> int:
        hermanos = self._raiz if padre < 0 else self._nodos[padre].hijos
        n = len(self._nodos)
        self._nodos.append(Nodo(tipo, padre, len(hermanos), dato, textos))
        hermanos.append(n)
        return n

    def nodo(self, index: QModelIndex | QPersistentModelIndex) -> Nodo | None:
        return self._nodos[index.internalId()] if index.isValid() else None

    def nodo_padre(self, nodo: Nodo) -> Nodo | None:
        return self._nodos[nodo.padre] if nodo.padre >= 0 else None

    def indices_de(self, oportunidad_id: int) -> list[QModelIndex]:
        """Dónde aparece la oportunidad (una por cada categoría de población)."""
        return [self.createIndex(n.fila, 0, i) for i, n in enumerate(self._nodos)
                if n.tipo == OPORTUNIDAD and n.dato.id == oportunidad_id]

    def grupos(self) -> list[QModelIndex]:
        return [self.createIndex(n.fila, 0, i) for i, n in enumerate(self._nodos) if n.tipo != OPORTUNIDAD]

    # -- Qt --
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.TITULOS) or row < 0:
            return QModelIndex()
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            hijos = self._nodos[parent.internalId()].hijos
        else:
            hijos = self._raiz
        if row >= len(hijos):
            return QModelIndex()
        return self.createIndex(row, column, hijos[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return QObject.parent(self)
        if not index.isValid():
            return QModelIndex()
        nodo = self._nodos[index.internalId()]
        if nodo.padre < 0:
            return QModelIndex()
        return self.createIndex(self._nodos[nodo.padre].fila, 0, nodo.padre)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._raiz)
        if parent.column() != 0:
            return 0
        return len(self._nodos[parent.internalId()].hijos)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.TITULOS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        nodo = self._nodos[index.internalId()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return nodo.textos[c] if c < len(nodo.textos) else ""
        if role == ROL_ID:
            return nodo.dato.id if nodo.tipo == OPORTUNIDAD else None
        if role == ROL_FILA:
            return nodo.dato
        if role == Qt.ItemDataRole.FontRole and nodo.tipo != OPORTUNIDAD:
            return self._negrita
        if role == Qt.ItemDataRole.BackgroundRole and nodo.tipo == PILAR:
            return QBrush(QColor(FONDO_PILAR))
        if role == Qt.ItemDataRole.ForegroundRole:
            if nodo.tipo == POBLACION:
                return QBrush(QColor(GRIS))
            if nodo.tipo == OPORTUNIDAD and c == 4:
                color = color_vigencia(nodo.dato)
                return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.TextAlignmentRole and c == 3 and nodo.tipo == OPORTUNIDAD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and nodo.tipo == OPORTUNIDAD and c in (0, 1, 2):
            f = nodo.dato
            return {0: f"{f.nombre}\n{f.descripcion}".strip(), 1: f.proveedor, 2: f.cobertura_texto}[c] or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.TITULOS):
            return self.TITULOS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
