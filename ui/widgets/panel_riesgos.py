"""Pestaña «Riesgos» del Plan de Acción: la matriz de riesgos (tabla) y, al lado, el mapa de calor.

Las columnas son las del documento 004 («Posibles obstáculos»): escenario de crisis, signos de alerta, acciones
preventivas, reducción de daños y ajustes al programa; la tabla muestra el escenario y la ficha de abajo el resto. El
nivel no se guarda: sale de la matriz del municipio (Herramientas › Matriz de riesgos…). Un clic en una celda del
mapa filtra la tabla; la franja amarilla avisa de los riesgos por revisar. Los riesgos son seguimiento: se
modifican en todo estado del plan menos cerrado. Todo cambio pasa por nucleo.servicios.riesgos en una orden
deshacible.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.i18n import _, n_, traducir
from nucleo.modelo import PlanAccion, Territorio
from nucleo.modelo.plan import ESTADOS_PLAN
from nucleo.modelo.riesgo import ESTADOS_RIESGO
from nucleo.servicios import riesgos as servicio
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import COLORES_SEMAFORO, TEXTO_SECUNDARIO, fuente_relativa
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import ROL_FILA, Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.mapa_calor import MapaCalor, texto_sobre
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.ordenes import ejecutar_con_aviso
from ui.widgets.panel_plan import aviso
from ui.widgets.seleccion import SeleccionPorId, elegir_fila
from ui.widgets.semaforo import DelegadoSemaforo
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"riesgo", "matriz_riesgos", "actividad", "actor", "plan"})
COL_ORDEN, COL_ESCENARIO, COL_P, COL_I, COL_NIVEL, COL_RESPONSABLE, COL_ESTADO, COL_REVISION, COL_ACTIVIDADES = \
    range(9)
ACTIVOS = ("abierto", "materializado")
COLOR_ESTADO = {"abierto": None, "materializado": "#c62828", "mitigado": "#2e7d32", "cerrado": "#757575"}
# The filter by state: (key, label, condition on the row's estado).
FILTROS_ESTADO: tuple[tuple[str, str], ...] = (
    ("activos", _("Abiertos y materializados")),
    ("todos", _("Todos los estados")),
    *((clave, traducir(texto)) for clave, texto in ESTADOS_RIESGO.items()),
)


def corto(texto: str, largo: int = 60) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


def texto_revision(f) -> str:
    if f.proxima_revision is None:
        return _("Sin fecha")
    return formato.fecha(f.proxima_revision)


def columnas_riesgos(gravedad: Callable[[str], int] = lambda _c: 0) -> list[Columna]:
    """`gravedad(clave)`: el puesto del nivel en la matriz (0 = el más bajo), para ordenar por nivel."""
    return [
        Columna(_("N.º"), lambda f: formato.entero(f.orden), lambda f: (f.orden, f.id), derecha=True),
        Columna(_("Escenario de crisis"), lambda f: " ".join(f.escenario.split())),
        Columna(_("P"), lambda f: str(f.probabilidad), lambda f: f.probabilidad, derecha=True,
                ayuda=_("Probabilidad, de 1 (rara vez) a 5 (casi seguro)")),
        Columna(_("I"), lambda f: str(f.impacto), lambda f: f.impacto, derecha=True,
                ayuda=_("Impacto, de 1 (insignificante) a 5 (catastrófico)")),
        Columna(_("Nivel"), lambda f: f.nivel_texto, lambda f: (gravedad(f.nivel), f.probabilidad * f.impacto),
                ayuda=_("Sale de la probabilidad y el impacto según la matriz del municipio (Herramientas › "
                        "Matriz de riesgos…)")),
        Columna(_("Responsable"), lambda f: f.responsable or "—"),
        Columna(_("Estado"), lambda f: f.estado_texto, color=lambda f: COLOR_ESTADO.get(f.estado)),
        Columna(_("Próx. revisión"), texto_revision, lambda f: f.proxima_revision,
                ayuda=_("Por revisar: abierto o materializado, con la revisión a 2 días hábiles o menos; vencida "
                        "si la fecha ya pasó")),
        Columna(_("Activ."), lambda f: ", ".join(t.split(" ", 1)[0] for _i, t in f.actividades) or "—",
                ayuda=_("Los códigos de las actividades del plan que el riesgo amenaza (sus nombres, en la ficha; "
                        "un triángulo las marca en el Cronograma)")),
    ]


class DelegadoNivel(QStyledItemDelegate):
    """El nivel como una pastilla del color de la matriz, con el texto legible encima."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opcion = QStyleOptionViewItem(option)
        self.initStyleOption(opcion, index)
        texto = opcion.text
        opcion.text = ""
        widget = opcion.widget
        estilo = widget.style() if widget else QApplication.style()
        estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opcion, painter, widget)
        fila = index.data(ROL_FILA)
        if fila is None or not texto:
            return
        fm = opcion.fontMetrics
        r = opcion.rect
        ancho = min(r.width() - 8, fm.horizontalAdvance(texto) + 18)
        alto = min(r.height() - 6, fm.height() + 4)
        caja = QRectF(r.left() + 4, r.center().y() - alto / 2 + 0.5, ancho, alto)
        fondo = QColor(fila.color or "#9e9e9e")
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if opcion.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QColor("#ffffff"))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fondo)
        painter.drawRoundedRect(caja, alto / 2, alto / 2)
        letra = fuente_relativa(opcion.font, 1.0, negrita=True)
        painter.setFont(letra)
        painter.setPen(texto_sobre(fondo))
        painter.drawText(caja, int(Qt.AlignmentFlag.AlignCenter),
                         fm.elidedText(texto, Qt.TextElideMode.ElideRight, round(caja.width()) - 8))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt API
        base = super().sizeHint(option, index)
        return QSize(base.width() + 26, base.height())


class PanelRiesgos(SeleccionPorId, QWidget):
    """`fijar_plan(plan_id)` muestra la matriz de riesgos de ese plan; `buscar()` enfoca el filtro."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.estado_plan = ""
        self.territorio = ""
        self.matriz = None
        self.por_revisar: list = []
        self.celda: tuple[int, int] | None = None
        self.solo_por_revisar = False
        self.impreso = None  # ImpresoDeRegistro, made on the first printout
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    # -- armado -----------------------------------------------------------------------------------------------
    _accion = nueva_accion

    def _crear_acciones(self) -> None:
        self.accion_nuevo = self._accion(
            _("Nuevo riesgo"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
            _("Agregar un riesgo a la matriz del plan (Insert o Ctrl+Shift+N)"), self.nuevo,
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_editar = self._accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                          _("Abrir la ficha del riesgo elegido (Enter o doble clic)"), self.editar)
        self.accion_eliminar = self._accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                            _("Eliminar el riesgo elegido (Supr)"), self.eliminar)
        self.accion_imprimir = self._accion(
            # No Ctrl+P of its own: the plan page's Ctrl+P prints the tab being looked at (two would be ambiguous).
            _("Imprimir…"), [], _("Guardar la matriz de riesgos con el mapa de calor en PDF (A4 apaisado; "
                                  "Ctrl+P)"), self.imprimir, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_matriz = self._accion(
            _("Matriz de riesgos…"), [], _("Ajustar los niveles, sus colores y la grilla de probabilidad por impacto del "
                                "municipio (también en Herramientas › Matriz de riesgos…)"), self.abrir_matriz)
        self.addAction(self.accion_nuevo)
        self.addAction(self.accion_imprimir)

    def _crear_vista(self) -> None:
        self.divisor = QSplitter(Qt.Orientation.Horizontal)
        self.divisor.setChildrenCollapsible(False)
        # Left, the table over the selected risk's card (the five columns of 004); right, the heat map.
        self.divisor_lista = QSplitter(Qt.Orientation.Vertical)
        self.divisor_lista.setChildrenCollapsible(False)
        self.divisor_lista.addWidget(self._crear_lista())
        self.divisor_lista.addWidget(self._crear_ficha())
        self.divisor_lista.setStretchFactor(0, 3)
        self.divisor_lista.setStretchFactor(1, 2)
        self.divisor.addWidget(self.divisor_lista)
        self.divisor.addWidget(self._crear_mapa())
        self.divisor.setStretchFactor(0, 3)
        self.divisor.setStretchFactor(1, 2)
        self.divisor.splitterMoved.connect(lambda *_a: self._ajustar_columnas())
        self._divisor_ajustado = False

        self.vacio = EstadoVacio("", "", _("Nuevo riesgo"))
        self.vacio.boton.clicked.connect(self.nuevo)
        self.pila = QStackedWidget()
        self.pila.addWidget(self.divisor)
        self.pila.addWidget(self.vacio)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addWidget(self.pila, 1)
        self.setFocusProxy(self.tabla)

    def _crear_lista(self) -> QWidget:
        barra = QToolBar(_("Riesgos"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nuevo, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        self.datos = None
        try:
            from ui.acciones_datos import TABLAS, AccionesDatos

            if "riesgos" in TABLAS:
                self.datos = AccionesDatos(self.ctx, "riesgos", self, hoy=lambda: self.hoy())
        except ImportError:  # pragma: no cover - the Excel registry is optional here
            self.datos = None
        barra.addSeparator()
        if self.datos is not None:
            barra.addWidget(self.datos.boton_excel)
        barra.addAction(self.accion_imprimir)
        barra.addSeparator()
        barra.addAction(self.accion_matriz)

        self.aviso = aviso(self)
        self.aviso.setTextFormat(Qt.TextFormat.PlainText)
        self.boton_por_revisar = QToolButton()
        self.boton_por_revisar.setCheckable(True)
        self.boton_por_revisar.setText(_("Mostrar solo esos"))
        self.boton_por_revisar.setToolTip(_("Mostrar en la tabla solo los riesgos por revisar"))
        self.boton_por_revisar.toggled.connect(self._alternar_por_revisar)
        self.franja = QWidget()
        capa_franja = QHBoxLayout(self.franja)
        capa_franja.setContentsMargins(0, 0, 0, 0)
        capa_franja.addWidget(self.aviso, 1)
        capa_franja.addWidget(self.boton_por_revisar, 0, Qt.AlignmentFlag.AlignVCenter)
        self.franja.hide()

        self.filtro = QLineEdit()
        self.filtro.setPlaceholderText(_("Buscar riesgos…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setAccessibleName(_("Buscar riesgos"))
        self.filtro.setMinimumWidth(150)
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(lambda: self.tabla.setFocus())
        self.combo_estado = QComboBox()
        for clave, texto in FILTROS_ESTADO:
            self.combo_estado.addItem(texto, clave)
        self.combo_estado.setCurrentIndex(1)  # all: the whole matrix, as printed
        self.combo_estado.setAccessibleName(_("Mostrar los riesgos en estado"))
        self.combo_estado.setToolTip(_("Mostrar solo los riesgos en un estado"))
        self.combo_estado.currentIndexChanged.connect(lambda _i: self._filtrar())
        self.etiqueta_celda = QLabel()
        self.etiqueta_celda.setTextFormat(Qt.TextFormat.PlainText)
        self.boton_todas = QToolButton()
        self.boton_todas.setText(_("Todas"))
        self.boton_todas.setToolTip(_("Quitar el filtro de la celda del mapa de calor (Esc sobre el mapa)"))
        self.boton_todas.clicked.connect(lambda: self.mapa.fijar_filtro(None))
        filtros = QHBoxLayout()
        filtros.setContentsMargins(0, 0, 0, 0)
        filtros.addWidget(self.combo_estado)
        filtros.addWidget(self.filtro, 1)
        filtros.addWidget(self.etiqueta_celda)
        filtros.addWidget(self.boton_todas)

        self.modelo: ModeloTabla = ModeloTabla(
            columnas_riesgos(lambda c: self.matriz.orden_nivel(c) if self.matriz is not None else 0), self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self.tabla = tabla_de_registros(self.proxy)
        self.tabla.setItemDelegateForColumn(COL_NIVEL, DelegadoNivel(self.tabla))
        self.tabla.setItemDelegateForColumn(
            COL_REVISION, DelegadoSemaforo(self.tabla, lambda i: getattr(i.data(ROL_FILA), "revision", None)))
        self.tabla.setWordWrap(True)
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(COL_ORDEN, Qt.SortOrder.AscendingOrder)
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().lineSpacing() * 2 + 10)
        cab = self.tabla.horizontalHeader()
        cab.setStretchLastSection(False)
        for a in (self.accion_editar, self.accion_eliminar):
            self.tabla.addAction(a)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._seleccion_cambiada())
        self.tabla.setAccessibleName(_("Matriz de riesgos del plan"))

        self.estado = texto_secundario("", self)
        self.estado.setWordWrap(True)

        lista = QWidget()
        lista.addAction(self.accion_nuevo)
        capa = QVBoxLayout(lista)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(barra)
        capa.addWidget(self.franja)
        capa.addLayout(filtros)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.estado)
        return lista

    def _crear_ficha(self) -> QWidget:
        self.ficha = QLabel()
        self.ficha.setWordWrap(True)
        self.ficha.setTextFormat(Qt.TextFormat.RichText)
        self.ficha.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ficha.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        marco = QFrame()
        marco.setProperty("tarjeta", True)
        capa_marco = QVBoxLayout(marco)
        capa_marco.setContentsMargins(10, 8, 10, 8)
        capa_marco.addWidget(self.ficha)
        capa_marco.addStretch(1)
        desplazable = QScrollArea()
        desplazable.setWidgetResizable(True)
        desplazable.setFrameShape(QFrame.Shape.NoFrame)
        desplazable.setWidget(marco)
        desplazable.setMinimumHeight(90)
        return desplazable

    def _crear_mapa(self) -> QWidget:
        titulo = QLabel(_("Mapa de calor"))
        titulo.setFont(fuente_relativa(self.font(), 1.05, negrita=True))
        self.resumen_mapa = texto_secundario("", self)
        self.resumen_mapa.setWordWrap(True)
        self.mapa = MapaCalor()
        self.mapa.celda_elegida.connect(self._celda_elegida)
        lado = QWidget()
        capa = QVBoxLayout(lado)
        capa.setContentsMargins(8, 0, 0, 0)
        capa.addWidget(titulo)
        capa.addWidget(self.resumen_mapa)
        capa.addWidget(self.mapa)
        # What each level asks for, under the map: the matrix's own words.
        self.leyenda_niveles = QLabel()
        self.leyenda_niveles.setWordWrap(True)
        self.leyenda_niveles.setTextFormat(Qt.TextFormat.RichText)
        self.leyenda_niveles.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        capa.addWidget(self.leyenda_niveles)
        capa.addStretch(1)
        return lado

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt API
        super().showEvent(evento)
        if not self._divisor_ajustado:
            # The heat map needs about 380 px to read its labels; the table takes the rest.
            ancho = max(self.width(), 700)
            lado = min(420, max(330, round(ancho * 0.3)))
            self.divisor.setSizes([ancho - lado, lado])
            alto = max(self.height(), 400)
            self.divisor_lista.setSizes([round(alto * 0.58), round(alto * 0.42)])
            self._divisor_ajustado = True
            self._ajustar_columnas()

    def resizeEvent(self, evento) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(evento)
        self._ajustar_columnas()

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        if plan_id == self.plan_id and self.modelo.rowCount():
            return
        if plan_id != self.plan_id:
            self.mapa.fijar_filtro(None, avisar=False)
            self.celda = None
        self.plan_id = plan_id
        self.recargar(elegir_primero=True)

    def recargar(self, elegir_primero: bool = False) -> None:
        """Vuelve a leer la matriz del plan y conserva el riesgo elegido (o el que ocupa su lugar)."""
        elegido, fila_vista = self.riesgo_actual(), self.tabla.currentIndex().row()
        if elegir_primero:
            elegido, fila_vista = None, 0
        pid, hoy, mid = self.plan_id, self.hoy(), self.ctx.municipio_id

        def leer(s):
            matriz = servicio.matriz_del_municipio(s, mid)
            plan = s.get(PlanAccion, pid) if pid is not None else None
            if plan is None:
                return matriz, "", "", []
            territorio = s.get(Territorio, plan.territorio_id)
            territorio = territorio.nombre if territorio is not None else ""
            return matriz, plan.estado, territorio, servicio.listar_riesgos(s, mid, hoy, plan_id=pid)

        self.matriz, self.estado_plan, self.territorio, filas = self.ctx.leer(leer)
        if pid is None:
            self.plan_id = None
        self.modelo.cargar(filas)
        self.por_revisar = [f for f in filas if f.estado in ACTIVOS and f.revision in ("por_vencer", "vencida")]
        self._cargar_mapa(filas)
        self._aplicar_condicion()
        self._ajustar_columnas()
        perdido = elegido is None or not self.seleccionar(elegido)
        if perdido and self.proxy.rowCount() and (elegir_primero or fila_vista >= 0):
            elegir_fila(self.tabla, self.proxy, min(max(fila_vista, 0), self.proxy.rowCount() - 1))
        self._actualizar()

    def _cargar_mapa(self, filas: list) -> None:
        conteos = servicio.mapa_de_calor(filas)
        nombres: dict[tuple[int, int], list[str]] = {}
        for f in filas:
            nombres.setdefault((f.probabilidad, f.impacto), []).append(
                f"{formato.entero(f.orden)}. {corto(f.escenario, 70)}")
        self.mapa.fijar(self.matriz, conteos, nombres)
        filas_leyenda = []
        for n in reversed(self.matriz.niveles):
            c = QColor(n.color)
            filas_leyenda.append(
                f"<tr><td style='padding:2px 6px 2px 0'><span style='background:{c.name()}; "
                f"color:{texto_sobre(c).name()}; font-weight:bold'>&nbsp;{escape(n.etiqueta)}&nbsp;</span></td>"
                f"<td style='padding:2px 0; color:{TEXTO_SECUNDARIO}'>{escape(n.accion)}</td></tr>")
        self.leyenda_niveles.setText("<table cellspacing='0'>" + "".join(filas_leyenda) + "</table>")
        total = len(filas)
        if not total:
            self.resumen_mapa.setText("")
            return
        por_nivel = {}
        for f in filas:
            por_nivel[f.nivel] = por_nivel.get(f.nivel, 0) + 1
        partes = [f"{formato.entero(por_nivel[n.clave])} {n.etiqueta.lower()}" for n in reversed(self.matriz.niveles)
                  if por_nivel.get(n.clave)]
        self.resumen_mapa.setText(
            n_("{n} riesgo", "{n} riesgos", total).format(n=formato.entero(total)) + ": " + ", ".join(partes)
            + ". " + _("Clic en una celda para filtrar la tabla."))

    def _ajustar_columnas(self) -> None:
        cab = self.tabla.horizontalHeader()
        if not self.modelo.rowCount():
            return
        cab.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabla.resizeColumnsToContents()
        # Names and activity lists wrap on the two lines of a row: the scenario keeps the room that is left.
        for col, tope in ((COL_RESPONSABLE, 115), (COL_ACTIVIDADES, 70), (COL_ESTADO, 110)):
            if cab.sectionSize(col) > tope:
                cab.resizeSection(col, tope)
        otras = sum(cab.sectionSize(c) for c in range(self.modelo.columnCount()) if c != COL_ESCENARIO)
        cab.resizeSection(COL_ESCENARIO, max(170, self.tabla.viewport().width() - otras))

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que) and self.plan_id is not None:
            self.recargar()

    # -- filtros ----------------------------------------------------------------------------------------------
    def _aplicar_condicion(self) -> None:
        estado = self.combo_estado.currentData()
        celda = self.celda
        ids_revisar = {f.id for f in self.por_revisar} if self.solo_por_revisar else None

        def condicion(f) -> bool:
            if estado == "activos" and f.estado not in ACTIVOS:
                return False
            if estado not in ("activos", "todos") and f.estado != estado:
                return False
            if celda is not None and (f.probabilidad, f.impacto) != celda:
                return False
            return ids_revisar is None or f.id in ids_revisar

        sin_filtro = estado == "todos" and celda is None and ids_revisar is None
        self.proxy.fijar_condicion(None if sin_filtro else condicion)

    def _filtrar(self) -> None:
        elegido = self.riesgo_actual()
        self._aplicar_condicion()
        self.proxy.setFilterFixedString(self.filtro.text().strip())
        if (elegido is None or not self.seleccionar(elegido)) and self.proxy.rowCount():
            elegir_fila(self.tabla, self.proxy, 0)
        self._actualizar()

    def _celda_elegida(self, celda: tuple[int, int] | None) -> None:
        self.celda = celda
        self._filtrar()

    def filtrar_celda(self, probabilidad: int | None, impacto: int | None = None) -> None:
        """Filtra la tabla por una celda del mapa (None: todas), como un clic en el mapa."""
        self.mapa.fijar_filtro(None if probabilidad is None else (probabilidad, impacto))

    def _alternar_por_revisar(self, si: bool) -> None:
        self.solo_por_revisar = si
        self._filtrar()

    # -- selección --------------------------------------------------------------------------------------------
    riesgo_actual = SeleccionPorId.id_actual

    def _seleccion_cambiada(self) -> None:
        self._mostrar_detalle()
        self._actualizar_acciones()

    # -- permisos ---------------------------------------------------------------------------------------------
    def editable(self) -> bool:
        return not self.ctx.solo_lectura and self.plan_id is not None and self.estado_plan not in ("", "cerrado")

    def motivo_no_editable(self) -> str:
        if self.ctx.solo_lectura:
            return _("El expediente está abierto solo para lectura.")
        if self.estado_plan == "cerrado":
            estado = traducir(ESTADOS_PLAN.get(self.estado_plan, self.estado_plan)).lower()
            return _("El plan está {estado}: sus riesgos se consultan, no se modifican.").format(estado=estado)
        return ""

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila.setCurrentIndex(0 if total else 1)
        if self.plan_id is None:
            self.vacio.fijar_textos(_("Elija un territorio con Plan de Acción para ver su matriz de riesgos."))
        else:
            self.vacio.fijar_textos(
                _("Todavía no hay riesgos en este plan."),
                _("Anote los posibles obstáculos (documento 004): el escenario de crisis, sus signos de alerta, las "
                  "acciones preventivas, cómo reducir los daños y qué ajustar del programa. Con la probabilidad y el "
                  "impacto, la matriz del municipio da su nivel; el mapa de calor los muestra de un vistazo."))
        visibles = self.proxy.rowCount()
        if total and visibles != total:
            texto = n_("Se muestran {v} de {n} riesgo", "Se muestran {v} de {n} riesgos", total).format(
                v=formato.entero(visibles), n=formato.entero(total))
        else:
            texto = n_("{n} riesgo", "{n} riesgos", total).format(n=formato.entero(total)) if total else ""
        motivo = self.motivo_no_editable()
        if total and motivo:
            texto += " · " + motivo
        self.estado.setText(texto)
        self._mostrar_celda()
        self._mostrar_por_revisar()
        self._mostrar_detalle()
        self._actualizar_acciones()

    def _mostrar_celda(self) -> None:
        celda = self.celda
        self.boton_todas.setVisible(celda is not None)
        self.etiqueta_celda.setVisible(celda is not None)
        if celda is None or self.matriz is None:
            return
        p, i = celda
        nivel = self.mapa.nivel(p, i)
        self.etiqueta_celda.setText(_("Celda P{p} × I{i} ({nivel})").format(
            p=p, i=i, nivel=nivel.etiqueta.lower() if nivel is not None else "—"))

    def _mostrar_por_revisar(self) -> None:
        n = len(self.por_revisar)
        self.franja.setVisible(bool(n))
        if not n:
            if self.boton_por_revisar.isChecked():
                self.boton_por_revisar.setChecked(False)
            return
        vencidos = sum(1 for f in self.por_revisar if f.revision == "vencida")
        texto = n_("⚠ {n} riesgo por revisar", "⚠ {n} riesgos por revisar", n).format(n=formato.entero(n))
        if vencidos:
            texto += " " + n_("({v} con la revisión vencida)", "({v} con la revisión vencida)", vencidos).format(
                v=formato.entero(vencidos))
        nombres = "; ".join(f"{formato.entero(f.orden)}. {corto(f.escenario, 50)} ({texto_revision(f)})"
                            for f in self.por_revisar[:3])
        if n > 3:
            nombres += " …"
        self.aviso.setText(f"{texto}: {nombres}")

    def _actualizar_acciones(self) -> None:
        hay = self.riesgo_actual() is not None
        editable = self.editable()
        motivo = self.motivo_no_editable()
        self.accion_nuevo.setEnabled(editable)
        self.vacio.boton.setEnabled(editable)
        self.vacio.boton.setVisible(self.plan_id is not None)
        self.vacio.boton.setToolTip(motivo)
        self.accion_editar.setEnabled(hay)
        self.accion_editar.setText(_("Editar") if editable else _("Ver ficha"))
        self.accion_eliminar.setEnabled(hay and editable)
        self.accion_imprimir.setEnabled(self.plan_id is not None and self.modelo.rowCount() > 0)
        self.accion_matriz.setEnabled(True)
        for accion, ayuda in ((self.accion_nuevo, _("Agregar un riesgo a la matriz del plan (Insert o "
                                                     "Ctrl+Shift+N)")),
                              (self.accion_eliminar, _("Eliminar el riesgo elegido (Supr)"))):
            accion.setToolTip(ayuda if editable or not motivo else motivo)

    def _mostrar_detalle(self) -> None:
        f = self.fila_actual()
        gris = TEXTO_SECUNDARIO
        if f is None:
            aviso_ = _("Elija un riesgo para ver sus signos de alerta, las acciones preventivas, la reducción de "
                       "daños y los ajustes al programa.")
            self.ficha.setText(f"<span style='color:{gris}'>{escape(aviso_)}</span>")
            return
        nivel = next((n for n in self.matriz.niveles if n.clave == f.nivel), None) if self.matriz else None
        color = QColor(f.color or "#9e9e9e")
        chip = (f"<span style='background:{color.name()}; color:{texto_sobre(color).name()}; font-weight:bold'>"
                f"&nbsp;{escape(f.nivel_texto)}&nbsp;</span>")
        partes = [f"<span style='font-size:large'><b>{escape(formato.entero(f.orden))}. "
                  f"{escape(' '.join(f.escenario.split()))}</b></span>",
                  f"{chip} <span style='color:{gris}'>"
                  + escape(_("Probabilidad {p} × impacto {i} · {estado}").format(
                      p=f.probabilidad, i=f.impacto, estado=f.estado_texto)) + "</span>"]
        if nivel is not None and nivel.accion:
            partes.append(f"<span style='color:{gris}'>{escape(nivel.accion)}</span>")
        revision = texto_revision(f)
        semaforo = COLORES_SEMAFORO.get(f.revision or "sin_fecha", COLORES_SEMAFORO["sin_fecha"])
        partes.append(escape(_("Responsable: {r}").format(r=f.responsable or "—")) + " · "
                      + escape(_("Próxima revisión:")) + f" <b style='color:{semaforo}'>{escape(revision)}</b>")
        for etiqueta, texto in ((_("Signos de alerta"), f.signos_alerta),
                                (_("Acciones preventivas"), f.acciones_preventivas),
                                (_("Reducción de daños"), f.reduccion_danos),
                                (_("Ajustes al programa"), f.ajustes_programa),
                                (_("Notas"), f.notas)):
            if texto.strip():
                cuerpo = escape(texto.strip()).replace("\n", "<br>")
                partes.append(f"<b>{escape(etiqueta)}</b><br>{cuerpo}")
        if f.actividades:
            partes.append(f"<b>{escape(_('Actividades amenazadas'))}</b><br>"
                          + "<br>".join(escape(t) for _i, t in f.actividades))
        self.ficha.setText("<br><br>".join(["<br>".join(partes[:3 if nivel and nivel.accion else 2])]
                                           + partes[3 if nivel and nivel.accion else 2:]))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        if not self.filtro.isVisible():
            self.tabla.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def nuevo(self) -> int | None:
        if not self.editable() or self.plan_id is None:
            return None
        from ui.dialogos.riesgo import DialogoRiesgo

        celda = self.celda
        dialogo = DialogoRiesgo(self.ctx, self.plan_id, None, self, hoy=self.hoy(),
                                probabilidad=celda[0] if celda else None, impacto=celda[1] if celda else None)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.riesgo_id is not None:
            self._mostrar(dialogo.riesgo_id)
            return dialogo.riesgo_id
        return None

    def editar(self) -> None:
        rid = self.riesgo_actual()
        if rid is None or self.plan_id is None:
            return
        from ui.dialogos.riesgo import DialogoRiesgo

        dialogo = DialogoRiesgo(self.ctx, self.plan_id, rid, self, hoy=self.hoy(), solo_lectura=not self.editable())
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self._mostrar(rid)

    def _mostrar(self, riesgo_id: int) -> None:
        if not self.seleccionar(riesgo_id):
            self.filtro.clear()
            self.combo_estado.setCurrentIndex(1)
            self.boton_por_revisar.setChecked(False)
            self.mapa.fijar_filtro(None)
            self.seleccionar(riesgo_id)

    def confirmar(self, titulo: str, texto: str) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Warning, titulo, texto, parent=self)
        si = caja.addButton(_("Eliminar"), QMessageBox.ButtonRole.DestructiveRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.exec()
        return caja.clickedButton() is si

    def eliminar(self) -> bool:
        f = self.fila_actual()
        if f is None or not self.editable():
            return False
        texto = _("¿Eliminar el riesgo «{nombre}»?").format(nombre=corto(f.escenario, 90))
        texto += "\n\n" + _("Puede deshacerlo con Ctrl+Z (Editar > Deshacer).")
        if not self.confirmar(_("Eliminar riesgo"), texto):
            return False
        rid = f.id
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Eliminar el riesgo «{nombre}»").format(nombre=corto(f.escenario, 40)), "riesgo",
            hacer=lambda s: servicio.eliminar_riesgo(s, rid),
            deshacer=lambda s, copia: servicio.restaurar_riesgo(s, copia),
            rehacer=lambda s, _i: servicio.eliminar_riesgo(s, rid),
        ), _("Riesgo eliminado. Ctrl+Z lo restaura."), _("No se pudo eliminar"))

    def imprimir(self):
        """La matriz de riesgos del plan en PDF (A4 apaisado, con el mapa de calor)."""
        if self.plan_id is None:
            return None
        from ui.acciones_datos import ImpresoDeRegistro

        if self.impreso is None:
            self.impreso = ImpresoDeRegistro(self.ctx, self, self.hoy)
        return self.impreso.imprimir("riesgos", self.plan_id, _("Matriz de riesgos"), self.territorio)

    def abrir_matriz(self) -> bool:
        from ui.dialogos.matriz_riesgos import abrir_matriz_riesgos

        return abrir_matriz_riesgos(self.ctx, self)

    _ejecutar = ejecutar_con_aviso
