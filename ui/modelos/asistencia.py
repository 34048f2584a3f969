"""La asistencia de una sesión: una fila por miembro (y por invitado), con Presente / Ausente / Con aviso como
casillas que se comportan como botones de radio, y la tabla que marca con las teclas P, A y J."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView

from nucleo.i18n import _, traducir
from ui.estilo import COLORES_SEMAFORO, TEXTO_SECUNDARIO
from ui.modelos.tabla import ROL_FILA, ROL_ID

VERDE, ROJO = COLORES_SEMAFORO["al_dia"], COLORES_SEMAFORO["vencida"]
ESTADOS_MARCA = ("presente", "ausente", "justificado")
TECLAS_MARCA = {Qt.Key.Key_P: "presente", Qt.Key.Key_A: "ausente", Qt.Key.Key_J: "justificado"}


class ModeloAsistencia(QAbstractTableModel):
    """Una fila por miembro (y por invitado). Tres columnas con casillas, una por estado, que se comportan como
    botones de radio: marcar una pide el cambio (`marcar_pedido`); la fila cambia cuando el servicio responde."""

    marcar_pedido = Signal(object, str)  # FilaAsistencia, estado

    TITULOS = (_("Nombre"), _("Cargo e institución"), _("Rol"), _("Voto"), _("Presente"), _("Ausente"),
               _("Con aviso"), _("Está por"))
    COL_NOMBRE, COL_CARGO, COL_ROL, COL_VOTO, COL_PRESENTE, COL_AUSENTE, COL_AVISO, COL_POR = range(8)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filas: list = []
        self._textos: list[list[str]] = []
        self.editable = True

    def cargar(self, filas: list) -> None:
        self.beginResetModel()
        self._filas = list(filas)
        self._textos = [self._textos_de(f) for f in self._filas]
        self.endResetModel()

    @staticmethod
    def _textos_de(f) -> list[str]:
        cargo = ", ".join(x for x in (f.cargo, f.institucion) if x)
        if f.invitado:
            rol, voto = _("Invitado"), "—"
        else:
            rol = f.rol_texto if f.titular else _("{rol} (suplente)").format(rol=f.rol_texto)
            voto = _("Con voto") if f.con_voto else _("Sin voto")
        return [f.nombre, cargo, rol, voto, "", "", "", f.reemplaza_a or ""]

    def fila(self, n: int):
        return self._filas[n]

    def filas(self) -> list:
        return list(self._filas)

    def buscar_id(self, ident: int) -> int:
        return next((n for n, f in enumerate(self._filas) if f.id == ident), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.TITULOS)

    def _estado_de_columna(self, c: int) -> str | None:
        return {self.COL_PRESENTE: "presente", self.COL_AUSENTE: "ausente", self.COL_AVISO: "justificado"}.get(c)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        f = self._filas[r]
        estado = self._estado_de_columna(c)
        if role == Qt.ItemDataRole.DisplayRole:
            if estado is not None and f.invitado:
                return _("Invitado") if estado == "presente" else ""
            return self._textos[r][c]
        if role == Qt.ItemDataRole.CheckStateRole and estado is not None and not f.invitado:
            return Qt.CheckState.Checked if f.estado == estado else Qt.CheckState.Unchecked
        if role == ROL_FILA:
            return f
        if role == ROL_ID:
            return f.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if c == self.COL_NOMBRE and not f.invitado and f.estado != "presente":
                return QBrush(QColor(TEXTO_SECUNDARIO))
            if estado is not None and f.estado == estado and not f.invitado:
                return QBrush(QColor(VERDE if estado == "presente" else (ROJO if estado == "ausente"
                                                                          else COLORES_SEMAFORO["por_vencer"])))
        if role == Qt.ItemDataRole.FontRole and c == self.COL_NOMBRE and f.estado == "presente":
            fuente = QFont()
            fuente.setBold(True)
            return fuente
        if role == Qt.ItemDataRole.ToolTipRole:
            if estado is not None and not f.invitado:
                return _("{estado} (tecla {tecla})").format(
                    estado=traducir({"presente": _("Presente"), "ausente": _("Ausente"),
                                     "justificado": _("Ausente con aviso")}[estado]),
                    tecla={"presente": "P", "ausente": "A", "justificado": "J"}[estado])
            return self._textos[r][c] if len(self._textos[r][c]) > 30 else None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        estado = self._estado_de_columna(index.column()) if index.isValid() else None
        if role != Qt.ItemDataRole.CheckStateRole or estado is None or not self.editable:
            return False
        f = self._filas[index.row()]
        if f.invitado or f.estado == estado:
            return False
        self.marcar_pedido.emit(f, estado)
        return True

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        banderas = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._estado_de_columna(index.column()) is not None and not self._filas[index.row()].invitado \
                and self.editable:
            banderas |= Qt.ItemFlag.ItemIsUserCheckable
        return banderas

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.TITULOS):
            return self.TITULOS[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None


class TablaAsistencia(QTableView):
    """P, A y J marcan la fila elegida (y bajan a la siguiente, para pasar lista de corrido)."""

    tecla_estado = Signal(str)

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        estado = TECLAS_MARCA.get(Qt.Key(evento.key()))
        if estado is not None and not evento.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                                             | Qt.KeyboardModifier.AltModifier):
            self.tecla_estado.emit(estado)
            return
        super().keyPressEvent(evento)
