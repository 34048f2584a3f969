"""Pestaña «Calendario de metas» del Plan de Acción (documento 004): qué entrega cada socio en cada trimestre.

Filas: los socios (el actor responsable, o el lado si la actividad no tiene responsable), agrupados por lado
(Municipalidad, otros servicios públicos, comunidad) con una fila de título por grupo; columnas: los trimestres.
Cada celda lista las metas del socio que vencen en ese trimestre: código y texto (nombre y condición de
satisfacción), los hitos en negrita, las cumplidas con ✔; el código lleva el color de su semáforo. Las filas crecen
para mostrar todo el texto. Solo lectura: sale de nucleo.servicios.metas.calendario_metas().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.calendario import CUMPLIDA, VENCIDA
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.plan import LADOS
from nucleo.servicios.metas import CalendarioMetas, FilaMeta, MetaTrimestre, calendario_metas
from ui.contexto import Contexto
from ui.estilo import COLORES_SEMAFORO, TEXTO_SECUNDARIO
from ui.widgets import semaforo as luz
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.recarga import RecargaAlMostrar

CAMBIOS_QUE_AFECTAN = frozenset({"actividad", "plan", "actor", "dia_especial"})
ROL_METAS = Qt.ItemDataRole.UserRole + 10  # list[MetaTrimestre] of a cell
ROL_HTML = Qt.ItemDataRole.UserRole + 11  # the cell as rich text for the delegate
ROL_GRUPO = Qt.ItemDataRole.UserRole + 12  # True on a side's title row
ANCHO_SOCIO = 210
ANCHO_MINIMO_TRIMESTRE = 190


def texto_meta(m: MetaTrimestre) -> str:
    return f"{'✔ ' if m.cumplida else ''}{m.codigo} {m.texto}"


def html_meta(m: MetaTrimestre) -> str:
    color = COLORES_SEMAFORO.get(m.semaforo or "", TEXTO_SECUNDARIO)
    codigo = f"<span style='color:{color}; font-weight:bold'>{escape(m.codigo)}</span>"
    texto = escape(m.texto)
    if m.hito:
        texto = f"<b>◆ {texto}</b>"
    marca = f"<span style='color:{COLORES_SEMAFORO[CUMPLIDA]}'>✔</span> " if m.cumplida else ""
    return f"<p style='margin:0 0 4px 0'>{marca}{codigo} {texto}</p>"


@dataclass(frozen=True)
class FilaGrilla:
    socio: str
    lado: str
    grupo: bool  # a side's title row, spanning every column
    celdas: tuple[tuple[MetaTrimestre, ...], ...]
    fila: FilaMeta | None = None


class ModeloMetas(QAbstractTableModel):
    """La grilla socio × trimestre. Los textos y el HTML de cada celda se arman al cargar, no al pintar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.trimestres: list[str] = []
        self.filas: list[FilaGrilla] = []
        self._textos: list[list[str]] = []
        self._html: list[list[str]] = []

    def cargar(self, calendario: CalendarioMetas | None, socio: str | None = None) -> None:
        """`socio`: mostrar solo esa fila (el filtro por socio); None, todas."""
        self.beginResetModel()
        self.trimestres = list(calendario.trimestres) if calendario else []
        self.filas = []
        lado_actual = None
        for f in calendario.filas if calendario else []:
            if socio is not None and f.socio != socio:
                continue
            if f.lado != lado_actual:
                lado_actual = f.lado
                self.filas.append(FilaGrilla(traducir(LADOS.get(f.lado, f.lado)), f.lado, True,
                                             tuple(() for _t in self.trimestres)))
            self.filas.append(FilaGrilla(f.socio, f.lado, False, tuple(tuple(c) for c in f.celdas), f))
        self._textos = [[f.socio, *("\n".join(texto_meta(m) for m in c) for c in f.celdas)] for f in self.filas]
        self._html = [["", *("".join(html_meta(m) for m in c) for c in f.celdas)] for f in self.filas]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.trimestres)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        f = self.filas[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._textos[r][c]
        if role == ROL_HTML:
            return self._html[r][c]
        if role == ROL_METAS:
            return list(f.celdas[c - 1]) if c > 0 else []
        if role == ROL_GRUPO:
            return f.grupo
        if role == Qt.ItemDataRole.FontRole and c == 0:
            fuente = QFont()
            fuente.setBold(True)
            return fuente
        if role == Qt.ItemDataRole.BackgroundRole and f.grupo:
            return QColor("#e8ecf1")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.ToolTipRole and c > 0 and f.celdas[c - 1]:
            return "\n".join(self._tooltip(m) for m in f.celdas[c - 1])
        return None

    @staticmethod
    def _tooltip(m: MetaTrimestre) -> str:
        partes = [texto_meta(m)]
        if m.fin is not None:
            partes.append(_("fin planificado {fecha}").format(fecha=formato.fecha(m.fin)))
        if m.semaforo:
            partes.append(luz.etiqueta(m.semaforo).lower())
        return " — ".join(partes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.columnCount():
            return _("Socio") if section == 0 else self.trimestres[section - 1]
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def contar(self) -> int:
        return sum(len(c) for f in self.filas for c in f.celdas)


class DelegadoMetas(QStyledItemDelegate):
    """Pinta una celda como texto enriquecido que se parte en líneas; su alto crece con el contenido."""

    MARGEN = 4

    def _documento(self, option: QStyleOptionViewItem, index, ancho: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(self.MARGEN)
        doc.setHtml(index.data(ROL_HTML) or "")
        doc.setTextWidth(max(40, ancho))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index) -> None:
        if index.column() == 0:
            super().paint(painter, option, index)
            return
        opcion = QStyleOptionViewItem(option)
        self.initStyleOption(opcion, index)
        opcion.text = ""
        widget = opcion.widget
        estilo = widget.style() if widget else None
        if estilo is not None:
            estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opcion, painter, widget)
        doc = self._documento(option, index, option.rect.width())
        contexto = QAbstractTextDocumentLayout.PaintContext()
        if opcion.state & QStyle.StateFlag.State_Selected:
            contexto.palette.setColor(QPalette.ColorRole.Text, opcion.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        doc.documentLayout().draw(painter, contexto)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        if index.column() == 0:
            base = super().sizeHint(option, index)
            return QSize(base.width(), base.height() + 6)
        vista = option.widget
        ancho = vista.columnWidth(index.column()) if isinstance(vista, QTableView) else option.rect.width()
        doc = self._documento(option, index, ancho)
        return QSize(ancho, int(doc.size().height()) + 2)


class PanelMetas(RecargaAlMostrar, QWidget):
    """`fijar_plan(pid)`; `filtrar_socio(nombre | None)`; `buscar()` enfoca el filtro por socio."""

    pedir_pestana = Signal(str)

    CAMBIOS_QUE_AFECTAN = CAMBIOS_QUE_AFECTAN

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.calendario: CalendarioMetas | None = None
        self._construir()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    def _construir(self) -> None:
        self.pila = QStackedWidget(self)
        self.vacio = EstadoVacio(
            _("Este plan todavía no tiene metas"),
            _("El calendario de metas muestra qué entrega cada socio (la Municipalidad, los otros servicios "
              "públicos y la comunidad) en cada trimestre: sale de las actividades, sus responsables y sus "
              "fechas. Cargue las actividades en la pestaña Cronograma."),
            _("Ir al &Cronograma"), self)
        self.vacio.boton.clicked.connect(lambda: self.pedir_pestana.emit("cronograma"))

        contenido = QWidget(self)
        capa = QVBoxLayout(contenido)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(6)
        barra = QHBoxLayout()
        etiqueta = QLabel(_("&Socio:"), contenido)
        self.combo_socio = QComboBox(contenido)
        self.combo_socio.setMinimumWidth(280)
        self.combo_socio.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo_socio.setAccessibleName(_("Filtrar por socio"))
        etiqueta.setBuddy(self.combo_socio)
        self.combo_socio.currentIndexChanged.connect(lambda _i: self._cargar_grilla())
        barra.addWidget(etiqueta)
        barra.addWidget(self.combo_socio)
        barra.addStretch(1)
        leyenda = texto_secundario(_("◆ en negrita: hito · ✔ cumplida · el color del código es su semáforo"),
                                   contenido)
        leyenda.setToolTip(luz.reglas())
        barra.addWidget(leyenda)
        capa.addLayout(barra)

        self.modelo = ModeloMetas(self)
        self.tabla = QTableView(contenido)
        self.tabla.setModel(self.modelo)
        self.tabla.setItemDelegate(DelegadoMetas(self.tabla))
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setWordWrap(True)
        self.tabla.setTabKeyNavigation(False)
        self.tabla.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tabla.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tabla.verticalHeader().hide()
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        cab = self.tabla.horizontalHeader()
        cab.setHighlightSections(False)
        cab.setStretchLastSection(False)
        cab.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.setAccessibleName(_("Calendario de metas por socio y trimestre"))
        self.tabla.installEventFilter(self)
        capa.addWidget(self.tabla, 1)
        self.estado = texto_secundario("", contenido)
        self.estado.setWordWrap(True)
        capa.addWidget(self.estado)

        self.pila.addWidget(contenido)
        self.pila.addWidget(self.vacio)
        principal = QVBoxLayout(self)
        principal.setContentsMargins(0, 6, 0, 0)
        principal.addWidget(self.pila)

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.combo_socio.blockSignals(True)
            self.combo_socio.setCurrentIndex(0)
            self.combo_socio.blockSignals(False)
        self.plan_id = plan_id
        self.recargar()

    def recargar(self) -> None:
        self._vencido = False
        pid, hoy = self.plan_id, self.hoy()
        self.calendario = None
        if pid is not None:
            try:
                self.calendario = self.ctx.leer(lambda s: calendario_metas(s, pid, hoy))
            except ErrorDeUsuario:  # deleted meanwhile: the page shows its empty state
                self.calendario = None
        self._cargar_socios()
        self._cargar_grilla()

    def _cargar_socios(self) -> None:
        elegido = self.combo_socio.currentData()
        self.combo_socio.blockSignals(True)
        self.combo_socio.clear()
        self.combo_socio.addItem(_("Todos los socios"), None)
        for f in self.calendario.filas if self.calendario else []:
            n = sum(len(c) for c in f.celdas)
            self.combo_socio.addItem(f"{f.socio} ({formato.entero(n)})", f.socio)
        i = self.combo_socio.findData(elegido) if elegido is not None else 0
        self.combo_socio.setCurrentIndex(max(0, i))
        self.combo_socio.blockSignals(False)

    def _cargar_grilla(self) -> None:
        actual = self.tabla.currentIndex()
        donde = (actual.row(), actual.column()) if actual.isValid() else None
        self.modelo.cargar(self.calendario, self.combo_socio.currentData())
        self.tabla.clearSpans()
        for r, f in enumerate(self.modelo.filas):
            if f.grupo and self.modelo.columnCount() > 1:
                self.tabla.setSpan(r, 0, 1, self.modelo.columnCount())
        self._ajustar_columnas()
        if donde is not None and donde[0] < self.modelo.rowCount() and donde[1] < self.modelo.columnCount():
            self.tabla.setCurrentIndex(self.modelo.index(*donde))
        self._actualizar()

    def filtrar_socio(self, socio: str | None) -> None:
        i = self.combo_socio.findData(socio) if socio is not None else 0
        self.combo_socio.setCurrentIndex(max(0, i))

    def celda(self, socio: str, trimestre: str) -> list[MetaTrimestre]:
        """Las metas de un socio en un trimestre, como se ven en la grilla."""
        for r, f in enumerate(self.modelo.filas):
            if not f.grupo and f.socio == socio and trimestre in self.modelo.trimestres:
                return self.modelo.index(r, 1 + self.modelo.trimestres.index(trimestre)).data(ROL_METAS)
        return []

    def _ajustar_columnas(self, ancho: int | None = None) -> None:
        """El socio a su medida (con tope); los trimestres se reparten el resto, sin bajar de un ancho legible."""
        n = len(self.modelo.trimestres)
        if not n:
            return
        ancho = self.tabla.viewport().width() if ancho is None else ancho
        socio = min(ANCHO_SOCIO, max(140, self.tabla.sizeHintForColumn(0)))
        cab = self.tabla.horizontalHeader()
        cab.resizeSection(0, socio)
        columna = max(ANCHO_MINIMO_TRIMESTRE, (ancho - socio) // n)
        for c in range(1, n + 1):
            cab.resizeSection(c, columna)
        self.tabla.resizeRowsToContents()

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - Qt override
        if objeto is self.tabla and evento.type() == QEvent.Type.Resize:
            barra = self.tabla.verticalScrollBar()
            self._ajustar_columnas(evento.size().width() - 2 * self.tabla.frameWidth()
                                   - (barra.sizeHint().width() if barra.isVisible() else 0))
        return super().eventFilter(objeto, evento)

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        hay = self.calendario is not None and not self.calendario.vacio
        self.pila.setCurrentIndex(0 if hay else 1)
        self.vacio.boton.setVisible(self.plan_id is not None)
        if not hay:
            self.estado.setText("")
            return
        metas = self.modelo.contar()
        cumplidas = sum(m.cumplida for f in self.modelo.filas for c in f.celdas for m in c)
        vencidas = sum(m.semaforo == VENCIDA for f in self.modelo.filas for c in f.celdas for m in c)
        partes = [n_("{n} meta", "{n} metas", metas).format(n=formato.entero(metas)),
                  n_("{n} cumplida", "{n} cumplidas", cumplidas).format(n=formato.entero(cumplidas))]
        if vencidas:
            partes.append(n_("{n} vencida", "{n} vencidas", vencidas).format(n=formato.entero(vencidas)))
        socios = sum(not f.grupo for f in self.modelo.filas)
        partes.append(n_("{n} socio", "{n} socios", socios).format(n=formato.entero(socios)))
        self.estado.setText(" · ".join(partes) + ". " + _("Cada actividad cuenta en el trimestre de su fin "
                                                          "planificado."))

    def buscar(self) -> None:
        if self.pila.currentIndex() == 0:
            self.combo_socio.setFocus(Qt.FocusReason.ShortcutFocusReason)
