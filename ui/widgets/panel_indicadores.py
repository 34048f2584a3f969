"""Pestaña «Indicadores» del Plan de Acción: el cumplimiento del plan, los indicadores por resultado y, del elegido,
su ficha, sus mediciones y su gráfico de tendencia.

Arriba, las filas «Cumplimiento» de la tabla de indicadores del documento 000 (del plan, municipal, de otras
instituciones, de la comunidad, por sector e indicadores). La definición de un indicador es estructura del plan: se
edita solo en borrador o en revisión; las mediciones son seguimiento y se cargan hasta que el plan se cierra. Todo
cambio pasa por nucleo.servicios.indicadores dentro de una orden deshacible.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.i18n import _, n_, traducir
from nucleo.modelo import PlanAccion
from nucleo.modelo.plan import ESTADOS_EDITABLES, ESTADOS_PLAN
from nucleo.servicios.indicadores import (
    EN_CURSO,
    META_ALCANZADA,
    Cumplimiento,
    FilaIndicador,
    FilaMedicion,
    cumplimiento,
    eliminar_indicador,
    eliminar_medicion,
    listar_indicadores,
    mediciones,
    restaurar_indicador,
    restaurar_medicion,
)
from nucleo.servicios.plan import resultados_para_elegir
from ui.acciones_datos import AccionesDatos
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.indicador import DialogoIndicador, DialogoMedicion, corto
from ui.estilo import BORDE, COLORES_SEMAFORO, TEXTO, TEXTO_SECUNDARIO, fuente_relativa
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.grafico_tendencia import GraficoTendencia
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.ordenes import ejecutar_con_aviso
from ui.widgets.seleccion import SeleccionPorId, elegir_fila, id_elegido
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"indicador", "resultado", "actividad", "plan", "actor"})
COLOR_ESTADO = {META_ALCANZADA: "#2e7d32", EN_CURSO: "#1565c0"}
VERDE, AMBAR, ROJO, GRIS = "#2e7d32", "#f9a825", "#c62828", "#9e9e9e"
COL_RESULTADO, COL_INDICADOR, COL_META, COL_ULTIMO, COL_CUMPLIMIENTO, COL_ESTADO = range(6)


def color_cumplimiento(valor: float | None) -> str:
    """Verde desde el 80 %, ámbar desde el 50 %, rojo debajo; gris sin dato."""
    if valor is None:
        return GRIS
    return VERDE if valor >= 0.8 else AMBAR if valor >= 0.5 else ROJO


def _numero(valor: float | None) -> str:
    return formato.numero(valor) if valor is not None else "—"


def columnas_indicadores() -> list[Columna[FilaIndicador]]:
    return [
        Columna(_("Res."), lambda f: f.resultado_codigo, lambda f: (f.resultado_orden, f.resultado_id, f.orden),
                ayuda=_("El resultado del plan que mide el indicador")),
        Columna(_("Indicador"), lambda f: f.nombre),
        # Bare numbers: the unit is in the indicator's card, and the list stays narrow enough for the chart.
        Columna(_("Meta"), lambda f: _numero(f.meta_valor), lambda f: f.meta_valor, derecha=True),
        Columna(_("Último"), lambda f: _numero(f.ultimo_valor), lambda f: f.ultimo_valor, derecha=True,
                ayuda=_("El último valor medido")),
        Columna(_("Cumpl."), lambda f: f.cumplimiento_texto, lambda f: f.cumplimiento, derecha=True,
                color=lambda f: color_cumplimiento(f.cumplimiento) if f.cumplimiento is not None else None,
                ayuda=_("(último valor − base) ÷ (meta − base), entre 0 y 100 %")),
        Columna(_("Estado"), lambda f: f.estado_texto, color=lambda f: COLOR_ESTADO.get(f.estado)),
    ]


def columnas_mediciones() -> list[Columna[FilaMedicion]]:
    return [
        Columna(_("Fecha"), lambda m: m.fecha_texto, lambda m: m.fecha),
        Columna(_("Valor"), lambda m: m.valor_texto, lambda m: m.valor, derecha=True),
        Columna(_("Fuente"), lambda m: m.fuente),
        Columna(_("Nota"), lambda m: m.nota),
    ]


class BarraCumplimiento(QWidget):
    """Una fila del bloque «Cumplimiento»: nombre, barra y porcentaje (o «—» con el motivo en la ayuda)."""

    def __init__(self, etiqueta: str, ayuda: str = "", destacada: bool = False, parent: QWidget | None = None,
                 color: str | None = None):
        super().__init__(parent)
        self.color = color  # fixed colour for a measure that is not a fulfilment (progress is not good or bad)
        self.etiqueta = etiqueta
        self.valor: float | None = None
        self.ayuda = ayuda
        self.sin_dato = ""
        self.destacada = destacada
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(220)

    def fijar(self, valor: float | None, sin_dato: str = "") -> None:
        self.valor, self.sin_dato = valor, sin_dato
        texto = self.texto()
        self.setToolTip(self.ayuda + ("\n" + sin_dato if valor is None and sin_dato else ""))
        self.setAccessibleName(f"{self.etiqueta}: {texto}")
        self.update()

    def texto(self) -> str:
        return formato.porcentaje(self.valor) if self.valor is not None else "—"

    def _letra(self):
        return fuente_relativa(self.font(), 1.0, negrita=self.destacada)

    def sizeHint(self) -> QSize:
        return QSize(320, round(QFontMetricsF(self._letra()).height() + 10))

    def paintEvent(self, _evento) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        letra = self._letra()
        p.setFont(letra)
        fm = QFontMetricsF(letra)
        alto = self.height()
        ancho_rotulo = min(self.width() * 0.56, max(120.0, fm.horizontalAdvance(self.etiqueta) + 12))
        ancho_pct = fm.horizontalAdvance("100%") + 12
        p.setPen(QColor(TEXTO))
        p.drawText(QRectF(0, 0, ancho_rotulo - 8, alto), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   fm.elidedText(self.etiqueta, Qt.TextElideMode.ElideRight, ancho_rotulo - 8))
        barra = QRectF(ancho_rotulo, alto / 2 - 6, max(10.0, self.width() - ancho_rotulo - ancho_pct), 12)
        p.setPen(QPen(QColor(BORDE), 1))
        p.setBrush(QColor("#eef1f5"))
        p.drawRoundedRect(barra, 6, 6)
        if self.valor is not None and self.valor > 0:
            lleno = QRectF(barra.left(), barra.top(), max(12.0, barra.width() * min(self.valor, 1.0)), barra.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(self.color or color_cumplimiento(self.valor)))
            p.drawRoundedRect(lleno, 6, 6)
        p.setPen(QColor(TEXTO if self.valor is not None else TEXTO_SECUNDARIO))
        p.drawText(QRectF(barra.right(), 0, ancho_pct, alto),
                   int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), self.texto())
        p.end()


class BloqueCumplimiento(QFrame):
    """Las filas «Cumplimiento» del documento 000, con barras: del plan, por lado, por sector e indicadores."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("tarjeta", True)
        self.titulo = QLabel(_("Cumplimiento"))
        self.titulo.setFont(fuente_relativa(self.font(), 1.1, negrita=True))
        self.resumen = texto_secundario("", self)
        self.resumen.setWordWrap(True)
        self.plan = BarraCumplimiento(_("Cumplimiento del Plan"), _(
            "Avance ponderado por duración de las actividades cuyo fin planificado ya llegó: lo que debía estar "
            "hecho a hoy, cuánto lo está."), destacada=True)
        self.avance = BarraCumplimiento(_("Avance total"), _(
            "Avance ponderado por duración de todas las actividades de detalle del plan (lo que falta no es un "
            "atraso: se mide contra lo que ya debía estar hecho en «Cumplimiento del Plan»)."),
            color=COLORES_SEMAFORO["cumplida"])
        self.indicadores = BarraCumplimiento(_("Indicadores"), _(
            "Promedio del cumplimiento de los indicadores que tienen línea de base y mediciones."))
        self.municipal = BarraCumplimiento(_("Municipal"), _("Actividades vencidas a cargo de la Municipalidad."))
        self.otras = BarraCumplimiento(_("Otras instituciones"), _(
            "Actividades vencidas a cargo de otros servicios públicos."))
        self.comunidad = BarraCumplimiento(_("Comunidad"), _("Actividades vencidas a cargo de la comunidad."))
        self.sectores: list[BarraCumplimiento] = []

        self.grilla = QGridLayout()
        self.grilla.setHorizontalSpacing(28)
        self.grilla.setVerticalSpacing(2)
        for fila, barra in enumerate((self.plan, self.avance, self.indicadores)):
            self.grilla.addWidget(barra, fila, 0)
        for fila, barra in enumerate((self.municipal, self.otras, self.comunidad)):
            self.grilla.addWidget(barra, fila, 1)
        self.titulo_sectores = QLabel(_("Por sector (otras instituciones)"))
        self.titulo_sectores.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.sin_sectores = texto_secundario(_("Ninguna institución tenía actividades vencidas."), self)
        self.sin_sectores.setWordWrap(True)
        self.caja_sectores = QVBoxLayout()
        self.caja_sectores.setSpacing(2)
        self.caja_sectores.addWidget(self.titulo_sectores)
        self.caja_sectores.addWidget(self.sin_sectores)
        self.grilla.addLayout(self.caja_sectores, 0, 2, 3, 1, Qt.AlignmentFlag.AlignTop)
        for col in range(3):
            self.grilla.setColumnStretch(col, 1)

        cabeza = QHBoxLayout()
        cabeza.addWidget(self.titulo)
        cabeza.addSpacing(12)
        cabeza.addWidget(self.resumen, 1)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(12, 8, 12, 10)
        capa.setSpacing(6)
        capa.addLayout(cabeza)
        capa.addLayout(self.grilla)

    def mostrar(self, c: Cumplimiento | None) -> None:
        if c is None:
            for barra in (self.plan, self.avance, self.indicadores, self.municipal, self.otras, self.comunidad):
                barra.fijar(None)
            self._sectores([])
            self.resumen.setText("")
            return
        nada = _("Ninguna actividad de este grupo vencía todavía.")
        self.plan.fijar(c.plan, _("Ninguna actividad vencía todavía."))
        self.avance.fijar(c.avance if c.n_actividades else None, _("El plan no tiene actividades."))
        self.indicadores.fijar(c.indicadores, _("Ningún indicador tiene línea de base y mediciones."))
        self.municipal.fijar(c.municipal, nada)
        self.otras.fijar(c.otras_instituciones, nada)
        self.comunidad.fijar(c.comunidad, nada)
        self._sectores(c.por_sector)
        self.resumen.setText(" · ".join([
            n_("{d} de {n} actividad ya debía terminar", "{d} de {n} actividades ya debían terminar",
               c.n_actividades).format(d=formato.entero(c.n_debidas), n=formato.entero(c.n_actividades)),
            n_("{m} de {n} indicador medido", "{m} de {n} indicadores medidos", c.n_indicadores).format(
                m=formato.entero(c.n_medidos), n=formato.entero(c.n_indicadores)),
        ]))

    def _sectores(self, por_sector: list[tuple[str, float]]) -> None:
        while len(self.sectores) > len(por_sector):
            barra = self.sectores.pop()
            self.caja_sectores.removeWidget(barra)
            barra.deleteLater()
        while len(self.sectores) < len(por_sector):
            barra = BarraCumplimiento("", parent=self)
            self.sectores.append(barra)
            self.caja_sectores.addWidget(barra)
        for barra, (nombre, valor) in zip(self.sectores, por_sector, strict=True):
            barra.etiqueta = nombre
            barra.ayuda = _("Actividades vencidas a cargo de {nombre}.").format(nombre=nombre)
            barra.fijar(valor)
        self.sin_sectores.setVisible(not por_sector)


class PanelIndicadores(SeleccionPorId, QWidget):
    """`fijar_plan(plan_id)` muestra los indicadores de ese plan; `buscar()` enfoca el filtro."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.estado_plan = ""
        self.hay_resultados = False
        self.cumplimiento: Cumplimiento | None = None
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    # -- armado -----------------------------------------------------------------------------------------------
    _accion = nueva_accion

    def _crear_acciones(self) -> None:
        self.accion_nuevo = self._accion(
            _("Nuevo indicador"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
            _("Agregar un indicador a un resultado del plan (Insert o Ctrl+Shift+N)"), self.nuevo,
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_editar = self._accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                          _("Editar el indicador elegido (Enter o doble clic)"), self.editar)
        self.accion_eliminar = self._accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                            _("Eliminar el indicador elegido y sus mediciones (Supr)"), self.eliminar)
        self.accion_medicion = self._accion(
            _("Agregar medición"), [Qt.Key.Key_Insert, "Ctrl+M"],
            _("Registrar un valor medido del indicador elegido (Insert en la lista de mediciones, o Ctrl+M)"),
            self.agregar_medicion, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_editar_medicion = self._accion(
            _("Corregir"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
            _("Corregir la medición elegida (Enter o doble clic)"), self.editar_medicion)
        self.accion_eliminar_medicion = self._accion(
            _("Eliminar"), [QKeySequence.StandardKey.Delete], _("Eliminar la medición elegida (Supr)"),
            self.eliminar_medicion)

    def _crear_vista(self) -> None:
        self.bloque = BloqueCumplimiento()
        self.divisor = QSplitter(Qt.Orientation.Horizontal)
        self.divisor.setChildrenCollapsible(False)
        self.divisor.addWidget(self._crear_lista())
        self.divisor.addWidget(self._crear_detalle())
        self.divisor.setStretchFactor(0, 1)
        self.divisor.setStretchFactor(1, 1)
        self._divisor_ajustado = False

        self.vacio = EstadoVacio("", "", _("Nuevo indicador"))
        self.vacio.boton.clicked.connect(self.nuevo)
        self.pila = QStackedWidget()
        self.pila.addWidget(self.divisor)
        self.pila.addWidget(self.vacio)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addWidget(self.bloque)
        capa.addWidget(self.pila, 1)
        self.setFocusProxy(self.tabla)

    def _crear_lista(self) -> QWidget:
        barra = QToolBar(_("Indicadores"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nuevo, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        self.datos = AccionesDatos(self.ctx, "indicadores", self, hoy=lambda: self.hoy())
        self.datos.agregar_a(barra)
        self.filtro = QLineEdit()
        self.filtro.setPlaceholderText(_("Buscar indicadores…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setAccessibleName(_("Buscar indicadores"))
        self.filtro.setMinimumWidth(150)
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(lambda: self.tabla.setFocus())
        self.combo_resultado = QComboBox()
        self.combo_resultado.setMaximumWidth(230)
        self.combo_resultado.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo_resultado.setMinimumContentsLength(14)
        self.combo_resultado.setAccessibleName(_("Mostrar los indicadores del resultado"))
        self.combo_resultado.setToolTip(_("Mostrar solo los indicadores de un resultado"))
        self.combo_resultado.currentIndexChanged.connect(lambda _i: self._filtrar())
        filtros = QHBoxLayout()
        filtros.setContentsMargins(0, 0, 0, 0)
        filtros.addWidget(self.combo_resultado)
        filtros.addWidget(self.filtro, 1)

        self.modelo: ModeloTabla[FilaIndicador] = ModeloTabla(columnas_indicadores(), self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self.tabla = tabla_de_registros(self.proxy)
        self.tabla.setWordWrap(True)
        self.tabla.setSortingEnabled(False)  # grouped by result, in the plan's order
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().lineSpacing() * 2 + 10)
        cab = self.tabla.horizontalHeader()
        cab.setStretchLastSection(False)
        for a in (self.accion_editar, self.accion_eliminar):
            self.tabla.addAction(a)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._seleccion_cambiada())
        self.tabla.setAccessibleName(_("Indicadores por resultado"))

        self.estado = texto_secundario("", self)
        self.estado.setWordWrap(True)

        lista = QWidget()
        lista.addAction(self.accion_nuevo)
        capa = QVBoxLayout(lista)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(barra)
        capa.addLayout(filtros)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.estado)
        return lista

    def _crear_detalle(self) -> QWidget:
        self.ficha = QLabel()
        self.ficha.setWordWrap(True)
        self.ficha.setTextFormat(Qt.TextFormat.RichText)
        self.ficha.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ficha.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.grafico = GraficoTendencia()

        barra = QToolBar(_("Mediciones"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        titulo = QLabel(_("Mediciones"))
        titulo.setFont(fuente_relativa(self.font(), 1.0, negrita=True))
        barra.addWidget(titulo)
        barra.addSeparator()
        for a in (self.accion_medicion, self.accion_editar_medicion, self.accion_eliminar_medicion):
            barra.addAction(a)
        self.modelo_mediciones: ModeloTabla[FilaMedicion] = ModeloTabla(columnas_mediciones(), self)
        self.tabla_mediciones = tabla_de_registros(self.modelo_mediciones)
        self.tabla_mediciones.horizontalHeader().setStretchLastSection(True)
        self.tabla_mediciones.setAccessibleName(_("Mediciones del indicador"))
        for a in (self.accion_editar_medicion, self.accion_eliminar_medicion):
            self.tabla_mediciones.addAction(a)
        self.tabla_mediciones.doubleClicked.connect(lambda _i: self.editar_medicion())
        self.tabla_mediciones.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())
        self.tabla_mediciones.setMinimumHeight(110)

        detalle = QWidget()
        detalle.addAction(self.accion_medicion)
        capa = QVBoxLayout(detalle)
        capa.setContentsMargins(6, 0, 0, 0)
        marco = QFrame()
        marco.setProperty("tarjeta", True)
        capa_marco = QVBoxLayout(marco)
        capa_marco.setContentsMargins(10, 8, 10, 8)
        capa_marco.addWidget(self.ficha)
        capa.addWidget(marco)
        capa.addWidget(self.grafico, 3)
        capa.addWidget(barra)
        capa.addWidget(self.tabla_mediciones, 2)
        return detalle

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt API
        super().showEvent(evento)
        if not self._divisor_ajustado:
            # The list and the detail share the width about evenly; the user may drag the handle afterwards.
            ancho = max(self.width(), 600)
            self.divisor.setSizes([round(ancho * 0.47), round(ancho * 0.53)])
            self._divisor_ajustado = True

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        if plan_id == self.plan_id and self.modelo.rowCount():
            return
        self.plan_id = plan_id
        self.recargar(elegir_primero=True)

    def recargar(self, elegir_primero: bool = False) -> None:
        """Vuelve a leer el plan y conserva el indicador elegido (o el que ocupa su lugar si se eliminó)."""
        elegido, fila_vista = self.indicador_actual(), self.tabla.currentIndex().row()
        if elegir_primero:
            elegido, fila_vista = None, 0
        pid, hoy = self.plan_id, self.hoy()
        if pid is None:
            filas: list[FilaIndicador] = []
            resultados: list[tuple[int, str, str]] = []
            self.estado_plan, self.cumplimiento = "", None
        else:
            def leer(s):
                plan = s.get(PlanAccion, pid)
                if plan is None:
                    return "", [], [], None
                return (plan.estado, listar_indicadores(s, pid), resultados_para_elegir(s, pid),
                        cumplimiento(s, pid, hoy))

            self.estado_plan, filas, resultados, self.cumplimiento = self.ctx.leer(leer)
        self.hay_resultados = bool(resultados)
        self._cargar_resultados(resultados)
        self.modelo.cargar(filas)
        self._ajustar_columnas()
        perdido = elegido is None or not self.seleccionar(elegido)
        if perdido and self.proxy.rowCount() and (elegir_primero or fila_vista >= 0):
            elegir_fila(self.tabla, self.proxy, min(max(fila_vista, 0), self.proxy.rowCount() - 1))
        self.bloque.mostrar(self.cumplimiento)
        self._actualizar()

    def _cargar_resultados(self, resultados: list[tuple[int, str, str]]) -> None:
        actual = self.combo_resultado.currentData()
        self.combo_resultado.blockSignals(True)
        self.combo_resultado.clear()
        self.combo_resultado.addItem(_("Todos los resultados"), None)
        for ident, codigo, descripcion in resultados:
            self.combo_resultado.addItem(f"{codigo} — {corto(descripcion, 38)}", ident)
            self.combo_resultado.setItemData(self.combo_resultado.count() - 1, descripcion,
                                             Qt.ItemDataRole.ToolTipRole)
        self.combo_resultado.setCurrentIndex(max(0, self.combo_resultado.findData(actual)))
        self.combo_resultado.blockSignals(False)
        self._aplicar_condicion()

    def _aplicar_condicion(self) -> None:
        rid = self.combo_resultado.currentData()
        self.proxy.fijar_condicion(None if rid is None else (lambda f: f.resultado_id == rid))

    def _ajustar_columnas(self) -> None:
        cab = self.tabla.horizontalHeader()
        if not self.modelo.rowCount():
            return
        cab.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabla.resizeColumnsToContents()
        cab.setSectionResizeMode(COL_INDICADOR, QHeaderView.ResizeMode.Stretch)
        for col, tope in ((COL_META, 90), (COL_ULTIMO, 90), (COL_ESTADO, 120)):
            if cab.sectionSize(col) > tope:
                cab.resizeSection(col, tope)

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que) and self.plan_id is not None:
            self.recargar()

    def _filtrar(self) -> None:
        elegido = self.indicador_actual()
        self._aplicar_condicion()
        self.proxy.setFilterFixedString(self.filtro.text().strip())
        if (elegido is None or not self.seleccionar(elegido)) and self.proxy.rowCount():
            elegir_fila(self.tabla, self.proxy, 0)
        self._actualizar()

    # -- selección --------------------------------------------------------------------------------------------
    indicador_actual = SeleccionPorId.id_actual

    def medicion_actual(self) -> int | None:
        return id_elegido(self.tabla_mediciones)

    def _seleccion_cambiada(self) -> None:
        self._mostrar_detalle()
        self._actualizar_acciones()

    # -- permisos ---------------------------------------------------------------------------------------------
    def estructura_editable(self) -> bool:
        return not self.ctx.solo_lectura and self.plan_id is not None and self.estado_plan in ESTADOS_EDITABLES

    def seguimiento_permitido(self) -> bool:
        return not self.ctx.solo_lectura and self.plan_id is not None and self.estado_plan not in ("", "cerrado")

    def motivo_no_editable(self) -> str:
        if self.ctx.solo_lectura:
            return _("El expediente está abierto solo para lectura.")
        if self.plan_id is None or self.estado_plan in ESTADOS_EDITABLES:
            return ""
        estado = traducir(ESTADOS_PLAN.get(self.estado_plan, self.estado_plan)).lower()
        if self.estado_plan == "cerrado":
            return _("El plan está {estado}: ni los indicadores ni sus mediciones se modifican.").format(estado=estado)
        return _("El plan está {estado}: los indicadores ya no se modifican (sí se cargan sus mediciones).").format(
            estado=estado)

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila.setCurrentIndex(0 if total else 1)
        self.bloque.setVisible(self.plan_id is not None)
        if self.plan_id is None:
            self.vacio.fijar_textos(_("Elija un territorio con Plan de Acción para ver sus indicadores."))
        elif not self.hay_resultados:
            self.vacio.fijar_textos(
                _("El plan todavía no tiene resultados."),
                _("Cada indicador mide un resultado del plan. Cargue primero los resultados en la pestaña "
                  "«Resultados»; después, aquí, sus indicadores con línea de base, meta y mediciones."))
        else:
            self.vacio.fijar_textos(
                _("Todavía no hay indicadores en este plan."),
                _("Agregue a cada resultado uno o más indicadores medibles (000, vii): tipo, unidad, línea de base, "
                  "meta y sentido. Con sus mediciones se calcula el % de cumplimiento y se dibuja su tendencia."))
        visibles = self.proxy.rowCount()
        if total and visibles != total:
            texto = n_("Se muestran {v} de {n} indicador", "Se muestran {v} de {n} indicadores", total).format(
                v=formato.entero(visibles), n=formato.entero(total))
        else:
            texto = n_("{n} indicador", "{n} indicadores", total).format(n=formato.entero(total)) if total else ""
        motivo = self.motivo_no_editable()
        if total and motivo:
            texto += " · " + motivo
        self.estado.setText(texto)
        self._mostrar_detalle()
        self._actualizar_acciones()

    def _actualizar_acciones(self) -> None:
        hay = self.indicador_actual() is not None
        estructura, seguimiento = self.estructura_editable(), self.seguimiento_permitido()
        motivo = self.motivo_no_editable()
        self.accion_nuevo.setEnabled(estructura and self.hay_resultados)
        self.vacio.boton.setEnabled(estructura and self.hay_resultados)
        self.vacio.boton.setVisible(self.plan_id is not None and self.hay_resultados)
        self.vacio.boton.setToolTip(motivo)
        self.accion_editar.setEnabled(hay)
        self.accion_editar.setText(_("Editar") if estructura else _("Ver ficha"))
        self.accion_eliminar.setEnabled(hay and estructura)
        for accion, ayuda in ((self.accion_nuevo, _("Agregar un indicador a un resultado del plan (Insert o "
                                                     "Ctrl+Shift+N)")),
                              (self.accion_eliminar, _("Eliminar el indicador elegido y sus mediciones (Supr)"))):
            accion.setToolTip(ayuda if estructura or not motivo else motivo)
        hay_medicion = self.medicion_actual() is not None
        self.accion_medicion.setEnabled(hay and seguimiento)
        self.accion_editar_medicion.setEnabled(hay_medicion and seguimiento)
        self.accion_eliminar_medicion.setEnabled(hay_medicion and seguimiento)
        if not seguimiento and motivo:
            for accion in (self.accion_medicion, self.accion_editar_medicion, self.accion_eliminar_medicion):
                accion.setToolTip(motivo)

    def _mostrar_detalle(self) -> None:
        f = self.fila_actual()
        if f is None:
            aviso = _("Elija un indicador para ver su línea de base, su meta, sus mediciones y su tendencia.")
            self.ficha.setText(f"<span style='color:{TEXTO_SECUNDARIO}'>{escape(aviso)}</span>")
            self.grafico.limpiar()
            self.modelo_mediciones.cargar([])
            return
        filas = self.ctx.leer(lambda s: mediciones(s, f.id))
        elegida = self.medicion_actual()
        self.modelo_mediciones.cargar(filas)
        self.tabla_mediciones.resizeColumnsToContents()
        if elegida is not None and (n := self.modelo_mediciones.buscar_id(elegida)) >= 0:
            self.tabla_mediciones.selectRow(n)
        self.grafico.cargar([(m.fecha, m.valor) for m in filas], f.base_valor, f.base_fecha, f.meta_valor,
                            f.meta_fecha, f.unidad)
        gris = TEXTO_SECUNDARIO

        def dato(etiqueta: str, valor: str, fecha: date | None = None, color: str | None = None) -> str:
            texto = escape(valor) + (f" <span style='color:{gris}'>({escape(formato.fecha(fecha))})</span>"
                                     if fecha else "")
            estilo = f" style='color:{color}'" if color else ""
            return f"<td style='padding-right:18px'><span style='color:{gris}'>{escape(etiqueta)}</span><br>" \
                   f"<b{estilo}>{texto}</b></td>"

        cumpl = f.cumplimiento_texto if f.cumplimiento is not None else (
            _("sin base") if f.n_mediciones else "—")
        partes = [
            f"<span style='font-size:large'><b>{escape(f.nombre)}</b></span>",
            f"<span style='color:{gris}'>{escape(f.resultado_codigo)} — {escape(corto(f.resultado_descripcion, 110))}"
            f"<br>{escape(f.tipo_texto)} · {escape(_('Sentido: {s}').format(s=f.sentido_texto.lower()))}"
            + (f" · {escape(_('Unidad: {u}').format(u=f.unidad))}" if f.unidad else "") + "</span>",
            "<table cellspacing='0' style='margin-top:6px'><tr>"
            + dato(_("Línea de base"), f.base_texto, f.base_fecha)
            + dato(_("Meta"), f.meta_texto, f.meta_fecha)
            + dato(_("Último valor"), f.ultimo_texto, f.ultima_fecha)
            + dato(_("Cumplimiento"), cumpl, None, color_cumplimiento(f.cumplimiento)
                   if f.cumplimiento is not None else None)
            + "</tr></table>",
        ]
        if f.medio_verificacion:
            partes.append(f"<span style='color:{gris}'>{escape(_('Medio de verificación:'))}</span> "
                          f"{escape(f.medio_verificacion)}")
        self.ficha.setText("<br>".join(partes[:2]) + partes[2] + ("<br>".join([""] + partes[3:])))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        if not self.filtro.isVisible():
            self.tabla.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def _resultado_para_nuevo(self) -> int | None:
        rid = self.combo_resultado.currentData()
        if rid is not None:
            return rid
        f = self.fila_actual()
        return f.resultado_id if f is not None else None

    def nuevo(self) -> None:
        if not self.estructura_editable() or not self.hay_resultados or self.plan_id is None:
            return
        dialogo = DialogoIndicador(self.ctx, self.plan_id, None, self, resultado_id=self._resultado_para_nuevo())
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.indicador_id is not None:
            self._mostrar(dialogo.indicador_id)

    def editar(self) -> None:
        iid = self.indicador_actual()
        if iid is None or self.plan_id is None:
            return
        dialogo = DialogoIndicador(self.ctx, self.plan_id, iid, self, solo_lectura=not self.estructura_editable())
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self._mostrar(iid)

    def _mostrar(self, indicador_id: int) -> None:
        if not self.seleccionar(indicador_id):
            self.filtro.clear()
            self.combo_resultado.setCurrentIndex(0)
            self.seleccionar(indicador_id)

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
        if f is None or not self.estructura_editable():
            return False
        texto = _("¿Eliminar el indicador «{nombre}»?").format(nombre=corto(f.nombre, 90))
        if f.n_mediciones:
            texto += "\n\n• " + n_("Se elimina también su medición.", "Se eliminan también sus {n} mediciones.",
                                   f.n_mediciones).format(n=formato.entero(f.n_mediciones))
        texto += "\n\n" + _("Puede deshacerlo con Ctrl+Z (Editar > Deshacer).")
        if not self.confirmar(_("Eliminar indicador"), texto):
            return False
        iid = f.id
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Eliminar el indicador «{nombre}»").format(nombre=corto(f.nombre)), "indicador",
            hacer=lambda s: eliminar_indicador(s, iid),
            deshacer=lambda s, copia: restaurar_indicador(s, copia),
            rehacer=lambda s, _i: eliminar_indicador(s, iid),
        ), _("Indicador eliminado. Ctrl+Z lo restaura."), _("No se pudo eliminar"))

    def agregar_medicion(self) -> None:
        f = self.fila_actual()
        if f is None or not self.seguimiento_permitido():
            return
        dialogo = DialogoMedicion(self.ctx, f.id, None, self, hoy=self.hoy(), unidad=f.unidad, nombre=f.nombre)
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self._elegir_medicion(dialogo.medicion_id)

    def editar_medicion(self) -> None:
        f, mid = self.fila_actual(), self.medicion_actual()
        if f is None or mid is None:
            return
        dialogo = DialogoMedicion(self.ctx, f.id, mid, self, hoy=self.hoy(), unidad=f.unidad, nombre=f.nombre,
                                  solo_lectura=not self.seguimiento_permitido())
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self._elegir_medicion(mid)

    def _elegir_medicion(self, medicion_id: int | None) -> None:
        n = self.modelo_mediciones.buscar_id(medicion_id) if medicion_id is not None else -1
        if n >= 0:
            self.tabla_mediciones.selectRow(n)

    def eliminar_medicion(self) -> bool:
        mid = self.medicion_actual()
        if mid is None or not self.seguimiento_permitido():
            return False
        m = self.modelo_mediciones.fila(self.modelo_mediciones.buscar_id(mid))
        texto = _("¿Eliminar la medición del {fecha} (valor {valor})?").format(fecha=m.fecha_texto, valor=m.valor_texto)
        if not self.confirmar(_("Eliminar medición"), texto + "\n\n" + _("Puede deshacerlo con Ctrl+Z.")):
            return False
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Eliminar la medición del {fecha}").format(fecha=m.fecha_texto), "indicador",
            hacer=lambda s: eliminar_medicion(s, mid),
            deshacer=lambda s, copia: restaurar_medicion(s, copia),
            rehacer=lambda s, _i: eliminar_medicion(s, mid),
        ), _("Medición eliminada. Ctrl+Z la restaura."), _("No se pudo eliminar"))

    _ejecutar = ejecutar_con_aviso
