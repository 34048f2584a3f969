"""Modelo de la lista de necesidades de un territorio, en orden de prioridad, que se reordena arrastrando filas.

El modelo no mueve filas por su cuenta: al soltar una fila calcula el orden nuevo de los ids y lo anuncia con
`reordenado`; la página lo guarda con una orden deshacible y recarga la lista desde el servicio.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from nucleo import formato
from nucleo.i18n import _, n_
from nucleo.servicios.necesidades import FilaNecesidad
from ui.estilo import COLORES_SEMAFORO, ERROR, TEXTO_SECUNDARIO
from ui.modelos.tabla import Columna, ModeloTabla

MIME = "application/x-articula-necesidades"
VERDE, AMBAR = COLORES_SEMAFORO["al_dia"], "#a86f00"  # the amber of the light is too pale for text


def texto_respuesta(f: FilaNecesidad) -> str:
    if f.confirmadas:
        return n_("{n} oportunidad", "{n} oportunidades", f.confirmadas).format(n=formato.entero(f.confirmadas))
    if f.es_brecha:
        return _("Brecha")
    return "—"


def color_respuesta(f: FilaNecesidad) -> str:
    if f.confirmadas:
        return VERDE
    return ERROR if f.es_brecha else TEXTO_SECUNDARIO


COLUMNAS: list[Columna[FilaNecesidad]] = [
    Columna(_("Prioridad"), lambda f: f.prioridad_texto, orden=lambda f: f.prioridad,
            color=lambda f: AMBAR if f.empate else (TEXTO_SECUNDARIO if f.prioridad is None else None),
            ayuda=_("Prioridad dada por la comunidad: 1 es la más alta; «empate» cuando otra necesidad tiene el "
                    "mismo puesto; «—» sin priorizar. Arrastre las filas o use Ctrl+↑ / Ctrl+↓ para ordenarlas.")),
    Columna(_("Necesidad"), lambda f: f.descripcion),
    Columna(_("Dimensión"), lambda f: f.dimension_texto),
    Columna(_("Pilar"), lambda f: f.pilar_texto or "—"),
    Columna(_("Población"), lambda f: f.poblacion_texto or "—"),
    Columna(_("Fuente y fecha"), lambda f: f"{f.fuente_texto}, {f.fecha_texto}" if f.fecha else f.fuente_texto,
            orden=lambda f: f.fecha, ayuda=_("Dónde y cuándo se planteó: taller, encuesta o registro")),
    Columna(_("Votos"), lambda f: f.votos_texto, orden=lambda f: f.votos, derecha=True,
            ayuda=_("Votos del taller; «Priorizar por votos» ordena con ellos")),
    Columna(_("Respuesta"), texto_respuesta, color=color_respuesta,
            ayuda=_("Oportunidades confirmadas en el cruce oferta–demanda; «Brecha» si una necesidad priorizada "
                    "no tiene ninguna")),
]
COL_PRIORIDAD, COL_NECESIDAD, COL_PILAR, COL_POBLACION, COL_FUENTE, COL_RESPUESTA = 0, 1, 3, 4, 5, 7


def nuevo_orden(ids: Sequence[int], movido: int, destino: int, sobre: bool) -> list[int]:
    """El orden de `ids` tras mover `movido`.

    - `sobre=False`: se suelta entre filas, antes de la fila `destino` (`len(ids)`: al final);
    - `sobre=True`: se suelta sobre la fila `destino` y ocupa su lugar (queda debajo si venía de arriba, encima si
      venía de abajo), como al arrastrar en una lista.
    """
    orden = list(ids)
    origen = orden.index(movido)
    orden.pop(origen)
    # Between rows, the gap «before destino» moves up by one once the row leaves from above it.
    posicion = destino if sobre or origen >= destino else destino - 1
    orden.insert(max(0, min(posicion, len(orden))), movido)
    return orden


class ModeloNecesidades(ModeloTabla[FilaNecesidad]):
    """`reordenado(list[int])`: el usuario soltó una fila en otro lugar; es el orden nuevo de todas."""

    reordenado = Signal(list)

    def __init__(self, parent=None):
        super().__init__(COLUMNAS, parent)
        self.arrastrable = True  # False in read-only mode

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (index.isValid() and index.column() == COL_PRIORIDAD
                and role == Qt.ItemDataRole.TextAlignmentRole):
            return int(Qt.AlignmentFlag.AlignCenter)
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            f = self.fila(index.row())
            if index.column() == COL_NECESIDAD:
                return f.descripcion + (f"\n\n{f.notas}" if f.notas else "")
            if index.column() == COL_PRIORIDAD and f.empate:
                return _("Empate: otra necesidad tiene la misma prioridad (los mismos votos).")
            if index.column() == COL_RESPUESTA and f.es_brecha:
                return _("Brecha: ninguna oportunidad confirmada responde a esta necesidad priorizada.")
        if index.isValid() and role == Qt.ItemDataRole.FontRole and index.column() == COL_RESPUESTA \
                and self.fila(index.row()).es_brecha:
            return _negrita()
        return super().data(index, role)

    # -- arrastrar y soltar ----------------------------------------------------------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Dropping between rows lands on the root.
            return Qt.ItemFlag.ItemIsDropEnabled if self.arrastrable else Qt.ItemFlag.NoItemFlags
        base = super().flags(index)
        if self.arrastrable:
            base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802 - Qt override
        filas = sorted({i.row() for i in indexes if i.isValid()})
        datos = QMimeData()
        datos.setData(MIME, QByteArray(",".join(str(self.fila(r).id) for r in filas).encode()))
        return datos

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt override
        return self.arrastrable and data is not None and data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802 - Qt override
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            movidos = [int(x) for x in bytes(data.data(MIME).data()).decode().split(",") if x]
        except ValueError:
            return False
        ids = [f.id for f in self._filas]
        if len(movidos) != 1 or movidos[0] not in ids:
            return False
        if row < 0 and parent.isValid():
            orden = nuevo_orden(ids, movidos[0], parent.row(), sobre=True)
        else:
            orden = nuevo_orden(ids, movidos[0], len(ids) if row < 0 else row, sobre=False)
        if orden != ids:
            self.reordenado.emit(orden)
        # False: the view must not remove the dragged row; the page reloads the list in its new order.
        return False



def _negrita() -> QFont:
    fuente = QFont()
    fuente.setBold(True)
    return fuente
