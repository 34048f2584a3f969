"""Cruce oferta–demanda de un territorio: la matriz necesidades × oportunidades y la lista de brechas.

Cada celda dice qué relación hay entre la necesidad (fila, por prioridad) y la oportunidad (columna): ✔ confirmada,
? sugerida (coinciden pilar, población, cobertura y vigencia), ✖ descartada, o nada. Doble clic, Espacio o Enter
pasan la celda elegida por confirmada → descartada → sin decidir; el menú contextual y los botones hacen lo mismo
de a un paso. A la derecha, las brechas: necesidades priorizadas sin ninguna oportunidad confirmada.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.servicios.cruce import (
    CONFIRMADA,
    DESCARTADA,
    SUGERIDA,
    Cruce,
    OportunidadCruce,
    cruce,
    decidir,
    siguiente_decision,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.necesidad import corto
from ui.estilo import ERROR, TEXTO_SECUNDARIO
from ui.modelos.cruce import (
    COL_NECESIDAD,
    COL_PRIORIDAD,
    COLORES,
    FONDOS,
    PRIMERA_OPORTUNIDAD,
    ROL_ESTADO,
    ModeloBrechas,
    ModeloCruce,
    nombre_estado,
)
from ui.modelos.tabla import ROL_ID
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario

CAMBIOS_QUE_AFECTAN = frozenset({"necesidad", "cruce", "oportunidad", "territorio"})
ANCHO_CELDA = 44
TOPE_CABECERA = 180  # px: longer opportunity names are elided (the full name is in the tooltip)


# -- dibujo de los estados ----------------------------------------------------------------------------------------
def dibujar_estado(p: QPainter, centro: QPointF, estado: str, lado: float) -> None:
    """El símbolo de una celda, dibujado (no depende de que la fuente tenga ✔ y ✖)."""
    if not estado:
        return
    r = lado / 2
    color = QColor(COLORES[estado])
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    caja = QRectF(centro.x() - r, centro.y() - r, lado, lado)
    if estado == CONFIRMADA:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(caja)
        trazo = QPainterPath(QPointF(centro.x() - r * 0.5, centro.y() + r * 0.02))
        trazo.lineTo(centro.x() - r * 0.12, centro.y() + r * 0.42)
        trazo.lineTo(centro.x() + r * 0.55, centro.y() - r * 0.4)
        p.setPen(QPen(QColor("#ffffff"), max(1.6, lado / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(trazo)
    elif estado == SUGERIDA:
        p.setPen(QPen(color, max(1.2, lado / 12), Qt.PenStyle.DashLine))
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(caja.adjusted(1, 1, -1, -1))
        fuente = QFont(p.font())
        fuente.setBold(True)
        fuente.setPixelSize(max(8, int(lado * 0.62)))
        p.setFont(fuente)
        p.setPen(color)
        p.drawText(caja, Qt.AlignmentFlag.AlignCenter, "?")
    else:  # DESCARTADA
        d = r * 0.55
        p.setPen(QPen(color, max(1.6, lado / 8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(centro.x() - d, centro.y() - d), QPointF(centro.x() + d, centro.y() + d))
        p.drawLine(QPointF(centro.x() - d, centro.y() + d), QPointF(centro.x() + d, centro.y() - d))
    p.restore()


def icono_estado(estado: str, lado: int = 16) -> QPixmap:
    imagen = QPixmap(lado, lado)
    imagen.fill(Qt.GlobalColor.transparent)
    p = QPainter(imagen)
    dibujar_estado(p, QPointF(lado / 2, lado / 2), estado, lado - 2)
    p.end()
    return imagen


class DelegadoCruce(QStyledItemDelegate):
    """Pinta el fondo y el símbolo de cada celda de oportunidad; las dos primeras columnas, como siempre."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.column() < PRIMERA_OPORTUNIDAD:
            super().paint(painter, option, index)
            return
        estado = index.data(ROL_ESTADO) or ""
        opcion = QStyleOptionViewItem(option)
        self.initStyleOption(opcion, index)
        opcion.text = ""
        seleccionada = bool(opcion.state & QStyle.StateFlag.State_Selected)
        if estado and not seleccionada:
            opcion.backgroundBrush = QColor(FONDOS[estado])
        estilo = opcion.widget.style() if opcion.widget else None
        if estilo is not None:
            estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opcion, painter, opcion.widget)
        lado = min(option.rect.height() - 10, 18)
        dibujar_estado(painter, QRectF(option.rect).center(), estado, lado)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        if index.column() < PRIMERA_OPORTUNIDAD:
            return super().sizeHint(option, index)
        return QSize(ANCHO_CELDA, 30)


class CabeceraGirada(QHeaderView):
    """Cabecera horizontal con los nombres de las oportunidades escritos de abajo hacia arriba, como en una matriz
    en papel: así entran muchas columnas angostas."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.setHighlightSections(True)

    def _alto_girado(self) -> int:
        modelo = self.model()
        if modelo is None:
            return 0
        medida = QFontMetrics(self.font())
        textos = [str(modelo.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(PRIMERA_OPORTUNIDAD, modelo.columnCount())]
        return min(max((medida.horizontalAdvance(t) for t in textos), default=0), TOPE_CABECERA) + 16

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        s = super().sizeHint()
        s.setHeight(max(s.height(), self._alto_girado()))
        return s

    def paintSection(self, painter: QPainter, rect: QRect, seccion: int) -> None:  # noqa: N802 - Qt override
        if seccion < PRIMERA_OPORTUNIDAD:
            super().paintSection(painter, rect, seccion)
            return
        modelo = self.model()
        opcion = QStyleOptionHeader()
        opcion.initFrom(self)
        opcion.rect = rect
        opcion.section = seccion
        opcion.orientation = Qt.Orientation.Horizontal
        opcion.text = ""
        actual = self.selectionModel().currentIndex() if self.selectionModel() else QModelIndex()
        if actual.isValid() and actual.column() == seccion:
            opcion.state |= QStyle.StateFlag.State_On
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, opcion, painter, self)
        texto = str(modelo.headerData(seccion, Qt.Orientation.Horizontal) or "")
        color = modelo.headerData(seccion, Qt.Orientation.Horizontal, Qt.ItemDataRole.ForegroundRole)
        medida = QFontMetrics(painter.font())
        texto = medida.elidedText(texto, Qt.TextElideMode.ElideRight, rect.height() - 14)
        painter.setPen(color.color() if color is not None else self.palette().color(self.foregroundRole()))
        painter.translate(rect.center().x() + (medida.ascent() - medida.descent()) / 2, rect.bottom() - 7)
        painter.rotate(-90)
        painter.drawText(0, 0, texto)
        painter.restore()


# -- el panel -----------------------------------------------------------------------------------------------------
class PanelCruce(QWidget):
    """`fijar_territorio(tid)` muestra la matriz de ese territorio. `pedir_pestana("necesidades")` pide a la página
    que muestre otra pestaña (cuando todavía no hay necesidades que cruzar)."""

    pedir_pestana = Signal(str)

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.territorio_id: int | None = None
        self.datos: Cruce | None = None
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        def accion(texto: str, ayuda: str, slot: Callable[[], object], icono: str | None = None) -> QAction:
            a = QAction(texto, self)
            a.setToolTip(ayuda)
            if icono is not None:
                a.setIcon(icono_estado(icono, 16))
            a.triggered.connect(lambda _c=False: slot())
            return a

        self.accion_confirmar = accion(_("Confirmar"), _("Esta oportunidad responde a la necesidad (la celda "
                                                         "elegida)"), lambda: self.decidir_actual(CONFIRMADA),
                                       CONFIRMADA)
        self.accion_descartar = accion(_("Descartar"), _("Esta oportunidad no responde a la necesidad"),
                                       lambda: self.decidir_actual(DESCARTADA), DESCARTADA)
        self.accion_quitar = accion(_("Quitar la decisión"), _("Vuelve a la sugerencia (o a nada)"),
                                    lambda: self.decidir_actual(None))
        self.accion_otra = accion(_("Otra oportunidad…"), _("Confirmar para la necesidad elegida una oportunidad "
                                                            "del Mapa que no se sugirió"), self.confirmar_otra)
        self.accion_ver = accion(_("Ver en el Mapa de Oportunidades"), _("Abrir la oportunidad de la columna"),
                                 self.ver_oportunidad)

    def _crear_vista(self) -> None:
        self.titulo = QLabel()
        self.titulo.setTextFormat(Qt.TextFormat.RichText)
        fuente = self.titulo.font()
        fuente.setPointSizeF(fuente.pointSizeF() * 1.1)
        self.titulo.setFont(fuente)
        self.leyenda = QWidget()
        leyenda = QHBoxLayout(self.leyenda)
        leyenda.setContentsMargins(0, 0, 0, 0)
        leyenda.setSpacing(4)
        for estado in (CONFIRMADA, SUGERIDA, DESCARTADA):
            icono = QLabel()
            icono.setPixmap(icono_estado(estado, 16))
            leyenda.addWidget(icono)
            texto = texto_secundario(nombre_estado(estado), self)
            texto.setContentsMargins(0, 0, 10, 0)
            leyenda.addWidget(texto)
        arriba = QHBoxLayout()
        arriba.setContentsMargins(0, 0, 0, 0)
        arriba.addWidget(self.titulo)
        arriba.addStretch(1)
        arriba.addWidget(self.leyenda)

        barra = QToolBar(_("Cruce oferta–demanda"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.accion_confirmar, self.accion_descartar, self.accion_quitar):
            barra.addAction(a)
        barra.addSeparator()
        barra.addAction(self.accion_otra)
        ayuda = texto_secundario(_("Doble clic, Espacio o Enter: confirmar → descartar → sin decidir. Clic derecho "
                                   "para más opciones."), self)
        ayuda.setWordWrap(True)
        ayuda.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        fila_barra = QHBoxLayout()
        fila_barra.setContentsMargins(0, 0, 0, 0)
        fila_barra.addWidget(barra)
        fila_barra.addWidget(ayuda, 1)

        self.modelo = ModeloCruce(self)
        self.tabla = QTableView()
        self.cabecera = CabeceraGirada(self.tabla)
        self.tabla.setHorizontalHeader(self.cabecera)
        self.tabla.setModel(self.modelo)
        self.tabla.setItemDelegate(DelegadoCruce(self.tabla))
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setWordWrap(True)
        self.tabla.setTabKeyNavigation(False)
        self.tabla.setCornerButtonEnabled(False)
        self.tabla.verticalHeader().hide()
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().lineSpacing() * 2 + 10)
        self.tabla.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tabla.customContextMenuRequested.connect(self._menu)
        self.tabla.doubleClicked.connect(self._doble_clic)
        self.tabla.selectionModel().currentChanged.connect(lambda *_a: self._celda_cambiada())
        self.tabla.installEventFilter(self)
        self.tabla.setAccessibleName(_("Matriz del cruce oferta–demanda"))

        self.detalle = texto_secundario("", self)
        self.detalle.setWordWrap(True)
        self.detalle.setTextFormat(Qt.TextFormat.RichText)
        self.detalle.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 4)
        self.detalle.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        izquierda = QWidget()
        capa_izq = QVBoxLayout(izquierda)
        capa_izq.setContentsMargins(0, 0, 0, 0)
        capa_izq.addWidget(self.tabla, 1)
        capa_izq.addWidget(self.detalle)

        self.divisor = QSplitter(Qt.Orientation.Horizontal)
        self.divisor.addWidget(izquierda)
        self.divisor.addWidget(self._crear_brechas())
        self.divisor.setChildrenCollapsible(False)
        self.divisor.setStretchFactor(0, 3)
        self.divisor.setStretchFactor(1, 1)
        self._divisor_repartido = False

        contenido = QWidget()
        capa_contenido = QVBoxLayout(contenido)
        capa_contenido.setContentsMargins(0, 0, 0, 0)
        capa_contenido.addLayout(fila_barra)
        capa_contenido.addWidget(self.divisor, 1)

        self.pila = QStackedWidget()
        self.pila.addWidget(contenido)
        self.pila.addWidget(self._crear_vacio())

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 8, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(self.pila, 1)
        self.setFocusProxy(self.tabla)

    def _crear_brechas(self) -> QWidget:
        lado = QWidget()
        capa = QVBoxLayout(lado)
        capa.setContentsMargins(8, 0, 0, 0)
        titulo = QLabel(_("Brechas"))
        fuente = titulo.font()
        fuente.setBold(True)
        titulo.setFont(fuente)
        titulo.setStyleSheet(f"color: {ERROR};")
        explicacion = texto_secundario(_("Necesidades priorizadas que ninguna oportunidad confirmada responde, por "
                                         "prioridad. El Plan de Acción tendrá que darles respuesta."), lado)
        explicacion.setWordWrap(True)
        self.modelo_brechas = ModeloBrechas(self)
        self.lista_brechas = QListView()
        self.lista_brechas.setModel(self.modelo_brechas)
        self.lista_brechas.setWordWrap(True)
        self.lista_brechas.setSpacing(3)
        self.lista_brechas.setUniformItemSizes(False)
        self.lista_brechas.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lista_brechas.setAccessibleName(_("Brechas"))
        self.lista_brechas.selectionModel().currentChanged.connect(self._brecha_elegida)
        self.lista_brechas.activated.connect(lambda _i: self.tabla.setFocus())
        self.sin_brechas = texto_secundario("", lado)
        self.sin_brechas.setWordWrap(True)
        capa.addWidget(titulo)
        capa.addWidget(explicacion)
        capa.addWidget(self.lista_brechas, 1)
        capa.addWidget(self.sin_brechas)
        lado.setMinimumWidth(220)
        return lado

    def _crear_vacio(self) -> QWidget:
        # The message depends on the territory: _actualizar sets it.
        self.vacio = EstadoVacio("", "", _("Ir a Necesidades"))
        self.texto_vacio = self.vacio.titulo
        self.boton_ir = self.vacio.boton
        self.boton_ir.clicked.connect(lambda: self.pedir_pestana.emit("necesidades"))
        return self.vacio

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().showEvent(evento)
        if not self._divisor_repartido and self.divisor.width() > 0:
            # Sizes are known once shown; after that the user's own split is kept.
            self._divisor_repartido = True
            total = self.divisor.width()
            lateral = max(240, min(320, total // 4))
            self.divisor.setSizes([total - lateral, lateral])

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_territorio(self, territorio_id: int | None) -> None:
        self.territorio_id = territorio_id
        self.recargar(elegir_primera=True)

    def recargar(self, elegir_primera: bool = False) -> None:
        celda = None if elegir_primera else self.celda_actual()
        tid, mid, hoy = self.territorio_id, self.ctx.municipio_id, self.hoy()
        datos = None
        if tid is not None:
            try:
                datos = self.ctx.leer(lambda s: cruce(s, mid, tid, hoy))
            except ErrorDeUsuario:
                datos = None  # the territory was deleted: the page moves to another one
        self.datos = datos
        self.modelo.cargar(datos)
        self.modelo_brechas.cargar(datos.brechas if datos else ())
        self._ajustar_columnas()
        if celda is not None and self._elegir(*celda):
            pass
        elif self.modelo.rowCount():
            self._elegir_indice(self.modelo.index(0, PRIMERA_OPORTUNIDAD if self.modelo.columnCount()
                                                  > PRIMERA_OPORTUNIDAD else COL_NECESIDAD))
        self._actualizar()

    def _ajustar_columnas(self) -> None:
        cab = self.tabla.horizontalHeader()
        cab.setMinimumSectionSize(ANCHO_CELDA)
        cab.setSectionResizeMode(COL_PRIORIDAD, QHeaderView.ResizeMode.Fixed)
        cab.resizeSection(COL_PRIORIDAD, max(96, self.fontMetrics().horizontalAdvance(_("2 (empate)")) + 24))
        cab.setSectionResizeMode(COL_NECESIDAD, QHeaderView.ResizeMode.Stretch)
        for c in range(PRIMERA_OPORTUNIDAD, self.modelo.columnCount()):
            cab.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            cab.resizeSection(c, ANCHO_CELDA)
        cab.updateGeometry()

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    # -- selección --------------------------------------------------------------------------------------------
    def celda_actual(self) -> tuple[int, int | None] | None:
        """(necesidad, oportunidad o None) de la celda elegida."""
        i = self.tabla.currentIndex()
        if not i.isValid():
            return None
        o = self.modelo.oportunidad(i.column())
        return self.modelo.fila(i.row()).necesidad.id, (o.id if o else None)

    def _elegir(self, necesidad_id: int, oportunidad_id: int | None) -> bool:
        fila = self.modelo.buscar_necesidad(necesidad_id)
        if fila < 0:
            return False
        columna = self.modelo.buscar_oportunidad(oportunidad_id) if oportunidad_id is not None else COL_NECESIDAD
        self._elegir_indice(self.modelo.index(fila, columna if columna >= 0 else COL_NECESIDAD))
        return True

    def elegir_celda(self, necesidad_id: int, oportunidad_id: int | None = None) -> bool:
        return self._elegir(necesidad_id, oportunidad_id)

    def _elegir_indice(self, indice: QModelIndex) -> None:
        self.tabla.selectionModel().setCurrentIndex(indice, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tabla.scrollTo(indice)

    def _celda_cambiada(self) -> None:
        self.cabecera.viewport().update()
        self._actualizar_acciones()
        self._mostrar_detalle()

    def _brecha_elegida(self, actual: QModelIndex, _anterior: QModelIndex) -> None:
        if actual.isValid():
            self._elegir(actual.data(ROL_ID), None)

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        d = self.datos
        hay_filas = bool(d and d.filas)
        self.pila.setCurrentIndex(0 if hay_filas else 1)
        self.leyenda.setVisible(hay_filas)
        if self.territorio_id is None:
            self.titulo.setText("")
            self.vacio.fijar_textos(_("Elija un territorio para ver su cruce oferta–demanda."))
            self.boton_ir.hide()
        elif not hay_filas:
            self.titulo.setText(f"<b>{escape(d.territorio if d else '')}</b>")
            self.vacio.fijar_textos(
                _("«{territorio}» todavía no tiene necesidades registradas.").format(
                    territorio=d.territorio if d else ""),
                _("Regístrelas y priorícelas en la pestaña «Necesidades»: aquí se cruzan con el Mapa de "
                  "Oportunidades."))
            self.boton_ir.show()
        else:
            self.titulo.setText(self._titulo(d))
        if d is not None and hay_filas:
            if not d.priorizadas:
                self.sin_brechas.setText(_("Todavía no hay necesidades priorizadas: priorícelas en la pestaña "
                                           "«Necesidades» para ver las brechas."))
            elif not d.sin_respuesta:
                self.sin_brechas.setText(_("Ninguna: cada necesidad priorizada tiene al menos una oportunidad "
                                           "confirmada."))
            else:
                self.sin_brechas.setText("")
            self.sin_brechas.setVisible(bool(self.sin_brechas.text()))
            self.lista_brechas.setVisible(bool(d.sin_respuesta))
        self._actualizar_acciones()
        self._mostrar_detalle()

    @staticmethod
    def _titulo(d: Cruce) -> str:
        priorizadas, sin_respuesta = (escape(x) for x in d.textos_resumen())
        if d.sin_respuesta:
            # The «M sin respuesta» part in red: what the coordinator has to act on.
            sin_respuesta = f"<span style='color:{ERROR}'><b>{sin_respuesta}</b></span>"
        resumen = _("{priorizadas}, {sin_respuesta}").format(priorizadas=priorizadas, sin_respuesta=sin_respuesta)
        return f"<b>{escape(d.territorio)}</b> · {resumen}"

    def _actualizar_acciones(self) -> None:
        celda = self.celda_actual()
        escribible = not self.ctx.solo_lectura
        en_oportunidad = celda is not None and celda[1] is not None
        estado = self.tabla.currentIndex().data(ROL_ESTADO) if en_oportunidad else ""
        self.accion_confirmar.setEnabled(escribible and en_oportunidad and estado != CONFIRMADA)
        self.accion_descartar.setEnabled(escribible and en_oportunidad and estado != DESCARTADA)
        self.accion_quitar.setEnabled(escribible and en_oportunidad and estado in (CONFIRMADA, DESCARTADA))
        self.accion_otra.setEnabled(escribible and celda is not None and bool(self.datos))
        self.accion_ver.setEnabled(en_oportunidad)

    def _mostrar_detalle(self) -> None:
        i = self.tabla.currentIndex()
        if not i.isValid() or self.datos is None:
            self.detalle.setText("")
            return
        f = self.modelo.fila(i.row())
        o = self.modelo.oportunidad(i.column())
        necesidad = escape(corto(f.necesidad.descripcion, 70))
        if o is None:
            confirmadas = [x.nombre for x in self.datos.oportunidades if x.id in f.confirmadas]
            if confirmadas:
                texto = _("Responden: {nombres}.").format(nombres=", ".join(confirmadas))
            elif f.es_brecha:
                texto = _("Brecha: ninguna oportunidad confirmada responde a esta necesidad priorizada.")
            else:
                texto = _("Sin oportunidades confirmadas.")
            self.detalle.setText(f"<b>{necesidad}</b><br>{escape(texto)}")
            return
        estado = i.data(ROL_ESTADO) or ""
        quien = f" ({escape(o.proveedor)})" if o.proveedor else ""
        linea = escape(" · ".join(x for x in (o.pilar_texto, o.poblaciones_texto, o.cobertura_texto,
                                              o.vigencia_texto) if x))
        color = COLORES.get(estado, TEXTO_SECUNDARIO)
        self.detalle.setText(
            f"<b>{escape(o.nombre)}</b>{quien} → «{necesidad}»: "
            f"<span style='color:{color}'><b>{escape(nombre_estado(estado))}</b></span><br>{linea}")

    # -- eventos ----------------------------------------------------------------------------------------------
    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - Qt override
        if objeto is self.tabla and evento.type() == QEvent.Type.KeyPress and not evento.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if evento.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.ciclar_actual()
                return True
            if evento.key() == Qt.Key.Key_Menu:
                self._menu(self.tabla.visualRect(self.tabla.currentIndex()).center())
                return True
        return super().eventFilter(objeto, evento)

    def _doble_clic(self, indice: QModelIndex) -> None:
        if indice.column() >= PRIMERA_OPORTUNIDAD:
            self.ciclar_actual()

    def _menu(self, posicion) -> None:
        indice = self.tabla.indexAt(posicion)
        if indice.isValid():
            self._elegir_indice(indice)
        if not self.tabla.currentIndex().isValid():
            return
        menu = QMenu(self)
        if self.modelo.oportunidad(self.tabla.currentIndex().column()) is not None:
            menu.addAction(self.accion_confirmar)
            menu.addAction(self.accion_descartar)
            menu.addAction(self.accion_quitar)
            menu.addSeparator()
        menu.addAction(self.accion_otra)
        if self.accion_ver.isEnabled():
            menu.addAction(self.accion_ver)
        self.menu = menu  # tests look at it
        menu.popup(self.tabla.viewport().mapToGlobal(posicion))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def ciclar_actual(self) -> bool:
        """Confirmada → descartada → sin decidir (lo que hacen el doble clic, Espacio y Enter)."""
        i = self.tabla.currentIndex()
        if not i.isValid() or self.modelo.oportunidad(i.column()) is None:
            return False
        return self.decidir_actual(siguiente_decision(i.data(ROL_ESTADO) or ""))

    def decidir_actual(self, decision: str | None) -> bool:
        celda = self.celda_actual()
        if celda is None or celda[1] is None:
            return False
        return self.decidir(celda[0], celda[1], decision)

    def decidir(self, necesidad_id: int, oportunidad_id: int, decision: str | None) -> bool:
        if self.ctx.solo_lectura or self.datos is None:
            return False
        f = self.datos.fila(necesidad_id)
        o = next((x for x in (*self.datos.oportunidades, *self.datos.otras) if x.id == oportunidad_id), None)
        if f is None or o is None:
            return False
        mid = self.ctx.municipio_id
        plantilla = {CONFIRMADA: _("Confirmar «{oportunidad}» para «{necesidad}»"),
                     DESCARTADA: _("Descartar «{oportunidad}» para «{necesidad}»")}.get(
            decision, _("Quitar la decisión sobre «{oportunidad}» para «{necesidad}»"))
        texto = plantilla.format(oportunidad=o.nombre, necesidad=corto(f.necesidad.descripcion, 40))
        comando = ComandoServicio(
            self.ctx, texto, "cruce",
            hacer=lambda s: decidir(s, mid, necesidad_id, oportunidad_id, decision),
            deshacer=lambda s, anterior: decidir(s, mid, necesidad_id, oportunidad_id, anterior),
            rehacer=lambda s, _r: decidir(s, mid, necesidad_id, oportunidad_id, decision),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo guardar la decisión"), str(exc))
            return False
        self._elegir(necesidad_id, oportunidad_id)
        self.ctx.mensaje.emit(_("{texto}: hecho. Ctrl+Z lo deshace.").format(texto=texto))
        return True

    def opciones_otras(self) -> list[OportunidadCruce]:
        """Las oportunidades del Mapa que no están en la matriz, para confirmar una a mano."""
        return list(self.datos.otras) if self.datos else []

    def confirmar_otra(self, oportunidad_id: int | None = None) -> bool:
        """Confirma para la necesidad elegida una oportunidad que la regla no sugirió (se pregunta cuál)."""
        celda = self.celda_actual()
        if celda is None or self.ctx.solo_lectura or self.datos is None:
            return False
        if oportunidad_id is None:
            otras = self.opciones_otras() + [o for o in self.datos.oportunidades
                                             if not self.datos.fila(celda[0]).estado(o.id)]
            if not otras:
                QMessageBox.information(self, _("Otra oportunidad"), _("Todas las oportunidades del Mapa ya están "
                                                                       "en la matriz."))
                return False
            otras.sort(key=lambda o: o.nombre.casefold())
            nombres = [o.nombre + (f" — {o.proveedor}" if o.proveedor else "") for o in otras]
            elegido, ok = QInputDialog.getItem(
                self, _("Otra oportunidad"), _("Oportunidad del Mapa que responde a «{necesidad}»:").format(
                    necesidad=corto(self.datos.fila(celda[0]).necesidad.descripcion, 60)), nombres, 0, False)
            if not ok:
                return False
            oportunidad_id = otras[nombres.index(elegido)].id
        return self.decidir(celda[0], oportunidad_id, CONFIRMADA)

    def ver_oportunidad(self) -> None:
        celda = self.celda_actual()
        if celda is not None and celda[1] is not None:
            self.ctx.navegar.emit("oportunidades", celda[1])

    def buscar(self) -> None:
        self.tabla.setFocus(Qt.FocusReason.ShortcutFocusReason)
