"""Pestaña «Seguimiento» del Plan de Acción (etapa 5): el avance y el semáforo de cada actividad, y lo atrasado
agrupado por quién responde, que es lo que el coordinador lleva a la mesa.

Arriba, un contador por color del semáforo (al día, por vencer, vencida, cumplida); un clic en uno filtra la tabla
por ese color. La tabla lista las actividades de detalle (los grupos resumen no se siguen: su avance sale de sus
hijas). Enter o doble clic abre «Registrar avance» (ui/dialogos/avance.py), deshacible, permitido mientras el plan
no esté cerrado. Abajo, «Qué está atrasado y quién responde», de nucleo.servicios.actividades.atrasadas().
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.calendario import AL_DIA, CUMPLIDA, POR_VENCER, SIN_FECHA, VENCIDA
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.plan import LADOS
from nucleo.servicios.actividades import FilaActividad, atrasadas, listar_actividades
from nucleo.servicios.plan import ResumenPlan, resumen_plan
from ui.contexto import Contexto
from ui.dialogos.avance import DialogoAvance
from ui.estilo import COLORES_SEMAFORO, ERROR, TEXTO_SECUNDARIO, fuente_relativa
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import ROL_FILA, Columna, ModeloTabla
from ui.widgets import semaforo as luz
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.recarga import RecargaAlMostrar
from ui.widgets.seleccion import SeleccionPorId, elegir_fila, id_elegido
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"actividad", "plan", "actor", "resultado", "dia_especial"})
FILTRABLES = (AL_DIA, POR_VENCER, VENCIDA, CUMPLIDA)  # the four counters; «sin fecha» only when there are some
ATRASADAS = (VENCIDA, POR_VENCER)


def texto_lado(lado: str) -> str:
    return traducir(LADOS.get(lado, lado))


def texto_desvio(dias: int | None) -> str:
    """«+3 días» (atraso), «−2 días» (adelanto), «sin desvío»; vacío sin línea base."""
    if dias is None:
        return ""
    if dias == 0:
        return _("0 días")
    signo = "+" if dias > 0 else "−"
    return signo + n_("{n} día", "{n} días", abs(dias)).format(n=formato.entero(abs(dias)))


def color_desvio(f: FilaActividad) -> str | None:
    if f.desvio is None or f.desvio == 0:
        return None
    return ERROR if f.desvio > 0 else COLORES_SEMAFORO[AL_DIA]


def responde(f: FilaActividad) -> str:
    return f.responsable or texto_lado(f.lado)


COLUMNAS: tuple[Columna[FilaActividad], ...] = (
    Columna(_("Código"), lambda f: f.codigo, lambda f: tuple(int(p) for p in f.codigo.split(".") if p.isdigit())),
    Columna(_("Actividad"), lambda f: ("◆ " if f.hito else "") + f.nombre,
            ayuda=_("◆ marca un hito (una fecha que se cumple, sin duración)")),
    Columna(_("Responsable"), responde),
    Columna(_("Lado"), lambda f: texto_lado(f.lado)),
    # Two-line headers: the dates are narrower than their names.
    Columna(_("Fin\nplanificado"), lambda f: formato.fecha(f.fin), lambda f: f.fin, derecha=True),
    Columna(_("Avance"), lambda f: formato.porcentaje(f.avance / 100), lambda f: f.avance, derecha=True),
    Columna(_("Fin\nreal"), lambda f: formato.fecha(f.fin_real), lambda f: f.fin_real, derecha=True),
    Columna(_("Semáforo"), lambda f: luz.etiqueta(f.semaforo),
            lambda f: (FILTRABLES + (SIN_FECHA,)).index(f.semaforo) if f.semaforo in FILTRABLES + (SIN_FECHA,) else 9,
            ayuda=luz.reglas()),
    Columna(_("Desvío"), lambda f: texto_desvio(f.desvio), lambda f: f.desvio, derecha=True, color=color_desvio,
            ayuda=_("Días hábiles entre el fin de la línea base y el fin planificado de hoy (+ = atraso)")),
)
COL_CODIGO, COL_ACTIVIDAD, COL_RESPONSABLE, COL_LADO, COL_FIN, COL_AVANCE, COL_FIN_REAL, COL_SEMAFORO, COL_DESVIO = \
    range(len(COLUMNAS))


class DelegadoAvance(QStyledItemDelegate):
    """El avance como barra fina con el porcentaje al lado: se lee de un vistazo quién va atrás."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        opcion = QStyleOptionViewItem(option)
        self.initStyleOption(opcion, index)
        texto = opcion.text
        opcion.text = ""
        widget = opcion.widget
        estilo = widget.style() if widget else None
        if estilo is not None:
            estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opcion, painter, widget)
        fila = index.data(ROL_FILA)
        valor = max(0, min(100, getattr(fila, "avance", 0) or 0))
        r = opcion.rect.adjusted(6, 0, -6, 0)
        fm = opcion.fontMetrics
        ancho_texto = fm.horizontalAdvance("100%") + 6
        alto = max(6, min(10, r.height() // 3))
        barra = QRectF(r.left(), r.center().y() - alto / 2 + 1, max(10, r.width() - ancho_texto), alto)
        seleccionada = bool(opcion.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff") if seleccionada else QColor("#e3e7ec"))
        painter.drawRoundedRect(barra, alto / 2, alto / 2)
        if valor:
            lleno = QRectF(barra.left(), barra.top(), barra.width() * valor / 100, barra.height())
            painter.setBrush(luz.color(getattr(fila, "semaforo", None)))
            painter.drawRoundedRect(lleno, alto / 2, alto / 2)
        rol = QPalette.ColorRole.HighlightedText if seleccionada else QPalette.ColorRole.Text
        painter.setPen(opcion.palette.color(rol))
        zona = QRect(int(barra.right()) + 4, r.top(), ancho_texto, r.height())
        painter.drawText(zona, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), texto)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        base = super().sizeHint(option, index)
        return QSize(max(base.width(), option.fontMetrics.horizontalAdvance("100%") + 90), base.height())


def texto_chip(clave: str, n: int) -> str:
    """«al día», «por vencer», «vencidas», «cumplidas», «sin fecha»: el nombre del color concordado con n."""
    textos = {
        AL_DIA: _("al día"), POR_VENCER: _("por vencer"), SIN_FECHA: _("sin fecha"),
        VENCIDA: n_("vencida", "vencidas", n), CUMPLIDA: n_("cumplida", "cumplidas", n),
    }
    return textos.get(clave, luz.etiqueta(clave))


class ChipSemaforo(QToolButton):
    """«● 12  Al día» en una píldora del color del semáforo; marcada, filtra la tabla por ese color."""

    def __init__(self, clave: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.clave = clave
        self.cantidad = 0
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.toggled.connect(lambda _m: self._pintar())
        self.fijar(0)

    def fijar(self, cantidad: int) -> None:
        self.cantidad = cantidad
        self.setText(f"{formato.entero(cantidad)}  {texto_chip(self.clave, cantidad)}")
        self.setToolTip(luz.regla(self.clave) + "\n" + _("Clic: mostrar solo estas actividades; otro clic: todas."))
        self.setAccessibleName(_("{etiqueta}: {n} actividades").format(etiqueta=luz.etiqueta(self.clave),
                                                                      n=formato.entero(cantidad)))
        self._pintar()

    def _pintar(self) -> None:
        color = COLORES_SEMAFORO[self.clave]
        texto_oscuro = self.clave == POR_VENCER  # white on amber is hard to read
        if self.isChecked():
            fondo, texto, borde = color, "#1f2328" if texto_oscuro else "#ffffff", color
        elif self.cantidad:
            fondo, texto, borde = QColor(color).lighter(185).name(), "#1f2328", color
        else:
            fondo, texto, borde = "#f3f5f8", TEXTO_SECUNDARIO, "#cfd6df"
        self.setStyleSheet(
            f"QToolButton {{ background: {fondo}; color: {texto}; border: 1px solid {borde}; border-left: 6px solid "
            f"{color}; border-radius: 6px; padding: 5px 12px; font-weight: bold; }}"
            f"QToolButton:focus {{ border: 2px solid #1d5fa8; border-left: 6px solid {color}; }}")


def _negrita(item: QStandardItem) -> QStandardItem:
    fuente = item.font()
    fuente.setBold(True)
    item.setFont(fuente)
    return item


class ModeloAtrasadas(QStandardItemModel):
    """Árbol de dos niveles: cada responsable (con cuántas tiene atrasadas) y, debajo, sus actividades."""

    COLUMNAS = (_("Responsable / actividad"), _("Fin planificado"), _("Semáforo"), _("Avance"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(self.COLUMNAS))
        self.grupos: list[tuple[str, list[FilaActividad]]] = []

    def cargar(self, filas: list[FilaActividad]) -> None:
        self.removeRows(0, self.rowCount())
        grupos: dict[str, list[FilaActividad]] = {}
        for f in filas:  # the service gives vencidas first, each by planned finish: groups keep that order
            grupos.setdefault(responde(f), []).append(f)
        # Who has the most overdue work first, then the most work due soon.
        self.grupos = sorted(grupos.items(), key=lambda g: (-sum(f.semaforo == VENCIDA for f in g[1]),
                                                            -len(g[1]), g[0].casefold()))
        for quien, suyas in self.grupos:
            vencidas = sum(f.semaforo == VENCIDA for f in suyas)
            partes = []
            if vencidas:
                partes.append(n_("{n} vencida", "{n} vencidas", vencidas).format(n=formato.entero(vencidas)))
            if len(suyas) - vencidas:
                partes.append(n_("{n} por vencer", "{n} por vencer", len(suyas) - vencidas).format(
                    n=formato.entero(len(suyas) - vencidas)))
            cabeza = _negrita(QStandardItem(f"{quien} ({', '.join(partes)})"))
            cabeza.setData(quien, Qt.ItemDataRole.UserRole)
            resto = [QStandardItem("") for _c in self.COLUMNAS[1:]]
            for item in (cabeza, *resto):
                item.setEditable(False)
            for f in suyas:
                hijos = [QStandardItem(f"{f.codigo} {f.nombre}"), QStandardItem(formato.fecha(f.fin)),
                         QStandardItem(luz.etiqueta(f.semaforo)),
                         QStandardItem(formato.porcentaje(f.avance / 100))]
                hijos[0].setData(f.id, Qt.ItemDataRole.UserRole)
                hijos[0].setToolTip(f"{f.codigo} {f.nombre}")
                hijos[2].setData(luz.icono(f.semaforo), Qt.ItemDataRole.DecorationRole)
                hijos[2].setForeground(QColor(COLORES_SEMAFORO[f.semaforo]) if f.semaforo == VENCIDA
                                       else QColor("#1f2328"))
                for c in (1, 3):
                    hijos[c].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                for item in hijos:
                    item.setEditable(False)
                cabeza.appendRow(hijos)
            self.appendRow([cabeza, *resto])

    def como_texto(self) -> str:
        """La lista para pegar en un acta o un mensaje: cada responsable y sus actividades con su fecha."""
        lineas: list[str] = []
        for quien, suyas in self.grupos:
            lineas.append(quien)
            for f in suyas:
                lineas.append("\t" + _("{codigo} {nombre} — fin planificado {fin} ({estado}, avance {avance})")
                              .format(codigo=f.codigo, nombre=f.nombre, fin=formato.fecha(f.fin),
                                      estado=luz.etiqueta(f.semaforo).lower(),
                                      avance=formato.porcentaje(f.avance / 100)))
        return "\n".join(lineas)


class PanelSeguimiento(RecargaAlMostrar, SeleccionPorId, QWidget):
    """`fijar_plan(pid)`; `registrar_avance()` abre el diálogo para la actividad elegida; `buscar()` (Ctrl+F)."""

    pedir_pestana = Signal(str)

    CAMBIOS_QUE_AFECTAN = CAMBIOS_QUE_AFECTAN

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.resumen: ResumenPlan | None = None
        self._construir()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _construir(self) -> None:
        self.accion_avance = QAction(_("Registrar avance…"), self)
        self.accion_avance.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.accion_avance.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.accion_avance.triggered.connect(lambda _c=False: self.registrar_avance())

        self.pila = QStackedWidget(self)
        self.vacio = EstadoVacio(
            _("Este plan todavía no tiene actividades"),
            _("El seguimiento muestra el avance de cada actividad y su semáforo (al día, por vencer, vencida, "
              "cumplida), y qué está atrasado y quién responde. Cargue las actividades en la pestaña Cronograma."),
            _("Ir al &Cronograma"), self)
        self.vacio.boton.clicked.connect(lambda: self.pedir_pestana.emit("cronograma"))
        self.pila.addWidget(self._construir_contenido())
        self.pila.addWidget(self.vacio)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addWidget(self.pila)

    def _construir_contenido(self) -> QWidget:
        contenido = QWidget(self)
        capa = QVBoxLayout(contenido)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(6)

        # -- counters and the plan's progress --
        arriba = QHBoxLayout()
        arriba.setSpacing(8)
        self.chips: dict[str, ChipSemaforo] = {}
        for clave in (*FILTRABLES, SIN_FECHA):
            chip = ChipSemaforo(clave, contenido)
            chip.toggled.connect(lambda marcado, c=clave: self._al_marcar_chip(c, marcado))
            self.chips[clave] = chip
            arriba.addWidget(chip)
        arriba.addSpacing(12)
        self.cifras = QLabel(contenido)
        self.cifras.setWordWrap(True)  # on a narrow screen the figures take two lines, not the chips' room
        self.cifras.setMinimumWidth(200)
        self.cifras.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        arriba.addWidget(self.cifras, 1)
        capa.addLayout(arriba)

        # -- filter row --
        barra = QHBoxLayout()
        barra.setSpacing(8)
        self.filtro = QLineEdit(contenido)
        self.filtro.setPlaceholderText(_("Buscar por código, actividad o responsable…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setMinimumWidth(260)
        self.filtro.setAccessibleName(_("Buscar actividades"))
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(lambda: self.tabla.setFocus())
        self.solo_atrasadas = QCheckBox(_("Solo &atrasadas"), contenido)
        self.solo_atrasadas.setToolTip(_("Mostrar solo las actividades vencidas o por vencer"))
        self.solo_atrasadas.toggled.connect(lambda _m: self._filtrar())
        self.boton_avance = QPushButton(_("&Registrar avance…"), contenido)
        self.boton_avance.clicked.connect(self.registrar_avance)
        barra.addWidget(self.filtro, 1)
        barra.addWidget(self.solo_atrasadas)
        barra.addStretch(0)
        barra.addWidget(self.boton_avance)
        capa.addLayout(barra)

        # -- activities table over the list of what is late --
        self.divisor = QSplitter(Qt.Orientation.Vertical, contenido)
        self.divisor.setChildrenCollapsible(False)
        self.divisor.addWidget(self._construir_tabla())
        self.divisor.addWidget(self._construir_atrasadas())
        self.divisor.setStretchFactor(0, 3)
        self.divisor.setStretchFactor(1, 2)
        capa.addWidget(self.divisor, 1)
        self.estado = texto_secundario("", contenido)
        self.estado.setWordWrap(True)
        capa.addWidget(self.estado)
        return contenido

    def _construir_tabla(self) -> QTableView:
        self.modelo: ModeloTabla[FilaActividad] = ModeloTabla(COLUMNAS, self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self.tabla = tabla_de_registros(self.proxy, self)
        self.tabla.setWordWrap(False)
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(COL_CODIGO, Qt.SortOrder.AscendingOrder)
        self.tabla.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.tabla.setItemDelegateForColumn(COL_AVANCE, DelegadoAvance(self.tabla))
        self.tabla.setItemDelegateForColumn(COL_SEMAFORO, luz.DelegadoSemaforo(self.tabla))
        self.tabla.setAccessibleName(_("Avance de las actividades"))
        self.tabla.setMinimumHeight(140)
        cab = self.tabla.horizontalHeader()
        cab.setStretchLastSection(False)
        cab.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabla.addAction(self.accion_avance)
        self.tabla.doubleClicked.connect(lambda _i: self.registrar_avance())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())
        self.tabla.installEventFilter(self)
        return self.tabla

    def _construir_atrasadas(self) -> QWidget:
        caja = QWidget(self)
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 4, 0, 0)
        capa.setSpacing(4)
        cabecera = QHBoxLayout()
        self.titulo_atrasadas = QLabel(_("Qué está atrasado y quién responde"), caja)
        self.titulo_atrasadas.setFont(fuente_relativa(self.font(), 1.05, negrita=True))
        cabecera.addWidget(self.titulo_atrasadas)
        self.nota_atrasadas = texto_secundario(_("vencidas y por vencer, por responsable: para llevar a la mesa"),
                                               caja)
        cabecera.addWidget(self.nota_atrasadas)
        cabecera.addStretch(1)
        self.boton_copiar = QPushButton(_("Co&piar la lista"), caja)
        self.boton_copiar.setToolTip(_("Copia la lista al portapapeles para pegarla en un acta o un mensaje"))
        self.boton_copiar.clicked.connect(self.copiar_atrasadas)
        cabecera.addWidget(self.boton_copiar)
        capa.addLayout(cabecera)
        self.modelo_atrasadas = ModeloAtrasadas(self)
        self.arbol = QTreeView(caja)
        self.arbol.setModel(self.modelo_atrasadas)
        self.arbol.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.arbol.setAlternatingRowColors(True)
        self.arbol.setUniformRowHeights(True)
        self.arbol.setAccessibleName(_("Qué está atrasado y quién responde"))
        self.arbol.header().setStretchLastSection(False)
        self.arbol.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            self.arbol.header().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.arbol.activated.connect(self._ir_a_atrasada)
        self.arbol.doubleClicked.connect(self._ir_a_atrasada)
        self.sin_atrasadas = texto_secundario(_("Nada atrasado: ninguna actividad está vencida ni por vencer."),
                                              caja)
        capa.addWidget(self.arbol, 1)
        capa.addWidget(self.sin_atrasadas)
        return caja

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        cambia = plan_id != self.plan_id
        self.plan_id = plan_id
        if cambia:
            for chip in self.chips.values():
                chip.setChecked(False)
        self.recargar(elegir_primera=cambia)

    def recargar(self, elegir_primera: bool = False) -> None:
        """Vuelve a leer el plan y conserva la actividad elegida."""
        self._vencido = False
        elegida, fila_vista = id_elegido(self.tabla), self.tabla.currentIndex().row()
        if elegir_primera:
            elegida, fila_vista = None, 0
        pid, hoy = self.plan_id, self.hoy()
        filas: list[FilaActividad] = []
        tarde: list[FilaActividad] = []
        self.resumen = None
        if pid is not None:
            try:
                filas, tarde, self.resumen = self.ctx.leer(
                    lambda s: (listar_actividades(s, pid, hoy), atrasadas(s, pid, hoy), resumen_plan(s, pid, hoy)))
            except ErrorDeUsuario:  # the plan was deleted meanwhile: the page shows its empty state
                filas, tarde = [], []
        self.modelo.cargar([f for f in filas if not f.es_resumen])
        self.modelo_atrasadas.cargar(tarde)
        self.arbol.expandAll()
        self._ajustar_columnas()
        perdida = elegida is None or not self.seleccionar(elegida)
        if perdida and self.proxy.rowCount() and fila_vista >= 0:
            elegir_fila(self.tabla, self.proxy, min(fila_vista, self.proxy.rowCount() - 1))
        self._actualizar()

    def _ajustar_columnas(self, ancho: int | None = None) -> None:
        """Anchos según el contenido, con tope; la actividad se queda con el resto. En pantallas angostas se ocultan,
        en este orden, el lado (el responsable casi siempre ya lo dice), el desvío y el fin real."""
        if not self.modelo.rowCount():
            return
        ancho = self.tabla.viewport().width() if ancho is None else ancho
        cab = self.tabla.horizontalHeader()
        sin_base = all(f.desvio is None for f in self.modelo.filas())
        ocultables = [COL_LADO, COL_DESVIO, COL_FIN_REAL]
        for c in ocultables:
            self.tabla.setColumnHidden(c, c == COL_DESVIO and sin_base)
        medidas = {c: max(cab.sectionSizeHint(c), self.tabla.sizeHintForColumn(c))
                   for c in range(self.modelo.columnCount()) if c != COL_ACTIVIDAD}
        medidas[COL_RESPONSABLE] = min(medidas[COL_RESPONSABLE], 210)
        medidas[COL_LADO] = min(medidas[COL_LADO], 150)
        medidas[COL_AVANCE] = max(medidas[COL_AVANCE], 110)
        minimo = 260  # below this the activity's name is hard to read

        def resto() -> int:
            return ancho - sum(m for c, m in medidas.items() if not self.tabla.isColumnHidden(c))

        for c in ocultables:
            if resto() >= minimo:
                break
            if c == COL_FIN_REAL and medidas[COL_RESPONSABLE] > 160:
                medidas[COL_RESPONSABLE] = 160  # shorten the name before losing a column
                if resto() >= minimo:
                    break
            self.tabla.setColumnHidden(c, True)
        for c, m in medidas.items():
            cab.resizeSection(c, m)
        cab.resizeSection(COL_ACTIVIDAD, max(160, resto()))  # the name elides; its tooltip shows it whole

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - Qt override
        if objeto is self.tabla and evento.type() == QEvent.Type.Resize:
            # The viewport is resized after this event: work from the table's new width, always leaving room for
            # the vertical scroll bar (it may appear only after the rows arrive, and then a horizontal one would).
            barra = self.tabla.verticalScrollBar()
            self._ajustar_columnas(evento.size().width() - 2 * self.tabla.frameWidth() - barra.sizeHint().width())
        return super().eventFilter(objeto, evento)

    # -- filtros ----------------------------------------------------------------------------------------------
    def _al_marcar_chip(self, clave: str, marcado: bool) -> None:
        if marcado:  # one colour at a time, like radio buttons that can all be off
            for otra, chip in self.chips.items():
                if otra != clave and chip.isChecked():
                    chip.blockSignals(True)
                    chip.setChecked(False)
                    chip.blockSignals(False)
                    chip._pintar()
        self._filtrar()

    def color_filtrado(self) -> str | None:
        return next((c for c, chip in self.chips.items() if chip.isChecked()), None)

    def filtrar_por(self, clave: str | None) -> None:
        """Muestra solo las actividades de ese color del semáforo (None: todas)."""
        if clave is None:
            for chip in self.chips.values():
                chip.setChecked(False)
        else:
            self.chips[clave].setChecked(True)

    def _filtrar(self) -> None:
        elegida = id_elegido(self.tabla)
        color = self.color_filtrado()
        solo = self.solo_atrasadas.isChecked()
        if color is None and not solo:
            self.proxy.fijar_condicion(None)
        else:
            self.proxy.fijar_condicion(lambda f: (color is None or f.semaforo == color)
                                       and (not solo or f.semaforo in ATRASADAS))
        self.proxy.setFilterFixedString(self.filtro.text().strip())
        if (elegida is None or not self.seleccionar(elegida)) and self.proxy.rowCount():
            elegir_fila(self.tabla, self.proxy, 0)
        self._actualizar()

    # -- selección --------------------------------------------------------------------------------------------
    actividad_actual = SeleccionPorId.id_actual

    def _ir_a_atrasada(self, indice: QModelIndex) -> None:
        aid = indice.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if not isinstance(aid, int):
            return
        if not self.seleccionar(aid):
            self.filtrar_por(None)
            self.solo_atrasadas.setChecked(False)
            self.filtro.clear()
            self.seleccionar(aid)
        self.tabla.setFocus()

    # -- presentación -----------------------------------------------------------------------------------------
    def contadores(self) -> dict[str, int]:
        cuenta = dict.fromkeys((*FILTRABLES, SIN_FECHA), 0)
        for f in self.modelo.filas():
            cuenta[f.semaforo if f.semaforo in cuenta else SIN_FECHA] += 1
        return cuenta

    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila.setCurrentIndex(0 if total else 1)
        self.vacio.boton.setVisible(self.plan_id is not None)
        for clave, n in self.contadores().items():
            self.chips[clave].fijar(n)
        self.chips[SIN_FECHA].setVisible(self.chips[SIN_FECHA].cantidad > 0)
        r = self.resumen
        partes = []
        if r is not None and r.avance is not None:
            partes.append(_("Avance <b>{p}</b>").format(p=formato.porcentaje(r.avance)))
        if r is not None and r.cumplimiento is not None:
            partes.append(_("Cumplimiento <b>{p}</b>").format(p=formato.porcentaje(r.cumplimiento)))
        if r is not None and r.desvio is not None:
            partes.append(_("Desvío <b>{d}</b>").format(d=texto_desvio(r.desvio)))
        self.cifras.setText("  ·  ".join(partes))
        self.cifras.setToolTip(_("Avance del plan: promedio del avance de las actividades, ponderado por su duración. "
                                 "Cumplimiento: lo mismo, solo sobre las que ya debían terminar. Desvío: días "
                                 "hábiles entre el fin del plan en la línea base y el de hoy."))
        visibles = self.proxy.rowCount()
        if total and visibles != total:
            texto = n_("Se muestran {v} de {n} actividad", "Se muestran {v} de {n} actividades", total).format(
                v=formato.entero(visibles), n=formato.entero(total))
        elif total:
            texto = n_("{n} actividad de detalle", "{n} actividades de detalle", total).format(
                n=formato.entero(total))
        else:
            texto = ""
        if total:
            texto += " · " + self._motivo()
        self.estado.setText(texto)
        hay_tarde = self.modelo_atrasadas.rowCount() > 0
        self.arbol.setVisible(hay_tarde)
        self.sin_atrasadas.setVisible(not hay_tarde)
        self.boton_copiar.setEnabled(hay_tarde)
        self._actualizar_acciones()

    def puede_registrar(self) -> bool:
        return (not self.ctx.solo_lectura and self.resumen is not None and self.resumen.estado != "cerrado")

    def _motivo(self) -> str:
        if self.ctx.solo_lectura:
            return _("El expediente está abierto solo para lectura: el avance se consulta, no se registra.")
        if self.resumen is not None and self.resumen.estado == "cerrado":
            return _("El plan está cerrado: ya no se registra avance.")
        return _("Enter o doble clic: registrar el avance de la actividad elegida (Ctrl+Z deshace).")

    def _actualizar_acciones(self) -> None:
        hay = self.actividad_actual() is not None
        puede = self.puede_registrar()
        self.accion_avance.setEnabled(hay and puede)
        self.boton_avance.setEnabled(hay and puede)
        self.boton_avance.setToolTip(_("Registrar el avance y las fechas reales de la actividad elegida (Enter)")
                                     if puede else self._motivo())

    # -- órdenes ----------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        if self.pila.currentIndex() != 0:
            return
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def registrar_avance(self) -> bool:
        """Abre «Registrar avance» para la actividad elegida; True si se guardó."""
        f = self.fila_actual()
        if f is None or not self.puede_registrar():
            return False
        dialogo = DialogoAvance(self.ctx, f, self, hoy=self.hoy())
        guardado = dialogo.exec() == QDialog.DialogCode.Accepted
        self.seleccionar(f.id)
        return guardado

    def copiar_atrasadas(self) -> None:
        texto = self.modelo_atrasadas.como_texto()
        if texto:
            QGuiApplication.clipboard().setText(self.titulo_atrasadas.text() + "\n" + texto)
            self.ctx.mensaje.emit(_("Lista de lo atrasado copiada al portapapeles."))
