"""Mapa de Oportunidades: la oferta de programas y servicios en una tabla con filtros y en un catálogo agrupado por
pilar y categoría de población, con la ficha de lo elegido."""

from __future__ import annotations

from datetime import date
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.oportunidad import ORIGENES, PAQUETES, PILARES, POBLACIONES
from nucleo.servicios.oportunidades import (
    DIAS_PARA_VERIFICAR,
    TODAS,
    VENCIDAS,
    VIGENTES,
    FilaOportunidad,
    FiltroOportunidades,
    agrupar_catalogo,
    eliminar_oportunidad,
    listar_oportunidades,
    proveedores_de,
    restaurar_oportunidad,
    resumen,
    territorios_para_elegir,
)
from ui.acciones_datos import AccionesDatos
from ui.ajustes import ajustes
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.oportunidad import DialogoOportunidad
from ui.estilo import TEXTO_SECUNDARIO
from ui.modelos.catalogo_oportunidades import (
    OPORTUNIDAD,
    PILAR,  # noqa: F401 - the node kinds are still importable from the page
    POBLACION,  # noqa: F401
    ModeloCatalogo,
    Nodo,
    color_vigencia,
    texto_verificado,
    texto_vigencia,
)
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import ROL_FILA, ROL_ID, Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.ficha_oportunidad import DelegadoVerificado, html_ficha, html_grupo
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.seleccion import elegir_fila, fila_en_vista
from ui.widgets.tablas import tabla_de_registros

GRIS = TEXTO_SECUNDARIO
CAMBIOS_QUE_AFECTAN = frozenset({"oportunidad", "actor", "territorio"})
ANCHO_MAXIMO = {0: 260, 1: 220, 4: 230, 7: 210}  # long texts: capped, the tooltip and the sheet show them whole


COLUMNAS: list[Columna[FilaOportunidad]] = [
    Columna(_("Nombre"), lambda f: f.nombre),
    Columna(_("Proveedor"), lambda f: f.proveedor or "—"),
    Columna(_("Origen"), lambda f: f.origen_texto, orden=lambda f: list(ORIGENES).index(f.origen)
            if f.origen in ORIGENES else 99),
    Columna(_("Pilar"), lambda f: f.pilar_texto, orden=lambda f: list(PILARES).index(f.pilar)
            if f.pilar in PILARES else 99, ayuda=_("Pilar del Sistema de Protección Social")),
    Columna(_("Población"), lambda f: f.poblaciones_texto,
            orden=lambda f: [list(POBLACIONES).index(p) for p in f.poblaciones],
            ayuda=_("Categorías de población por ciclo de vida, más Hogares y Entorno")),
    Columna(_("Paquete"), lambda f: f.paquete_texto, orden=lambda f: list(PAQUETES).index(f.paquete)
            if f.paquete in PAQUETES else 99, ayuda=_("Paquete de prestaciones: Núcleo, Diferenciado o Ampliado")),
    Columna(_("Beneficio"), lambda f: f.beneficio_texto),
    Columna(_("Cobertura"), lambda f: f.cobertura_texto,
            orden=lambda f: (0, "") if f.cobertura_distrital else (1, f.cobertura_texto.casefold())),
    Columna(_("Cupos"), lambda f: f.cupos_texto if f.cupos is not None else "—", orden=lambda f: f.cupos,
            derecha=True, ayuda=_("Cupos o capacidad; «—» si no hay un límite indicado")),
    Columna(_("Costo"), lambda f: f.costo_texto, orden=lambda f: f.costo, derecha=True,
            ayuda=_("Lo que paga quien recibe el beneficio")),
    Columna(_("Vigencia"), texto_vigencia, orden=lambda f: (f.vigencia != "vigente", f.vigencia_hasta or date.max),
            color=color_vigencia),
    Columna(_("Verificado el"), lambda f: texto_verificado(f),
            orden=lambda f: f.verificado_el or date.min,
            ayuda=_("Fecha en que se confirmó la información con su fuente; «verificar» marca la que tiene más "
                    "días de los indicados abajo")),
]
COL_VERIFICADO = 11
COL_VERIFICADO_ARBOL = 5


# -- la página ----------------------------------------------------------------------------------------------------
class PaginaOportunidades(QWidget):
    clave = "oportunidades"
    titulo = _("Mapa de Oportunidades")

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, *, hoy: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._hoy = hoy  # None: the real today at every refresh
        self._elegido: int | None = None  # the chosen opportunity, shared by both views
        self._sincronizando = False
        self._condicion: FiltroOportunidades | None = None  # what the proxy filters by now
        self._catalogo_al_dia = False  # the tree is rebuilt only when it is shown (it costs on long lists)
        self._columnas_arbol_medidas = False
        self.dias_para_verificar = self._leer_dias()

        self.modelo: ModeloTabla[FilaOportunidad] = ModeloTabla(COLUMNAS, self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self.catalogo = ModeloCatalogo(self)

        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self.recargar()

    @staticmethod
    def _leer_dias() -> int:
        try:
            dias = int(ajustes()["dias_para_verificar"])
        except (KeyError, TypeError, ValueError):
            dias = DIAS_PARA_VERIFICAR
        return dias if dias > 0 else DIAS_PARA_VERIFICAR

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        accion = partial(nueva_accion, self, contexto=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.accion_nuevo = accion(_("Nueva oportunidad"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                   _("Registrar un programa o servicio (Insert o Ctrl+Shift+N)"), self.nuevo)
        self.accion_editar = accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                    _("Editar la oportunidad elegida (Enter o doble clic)"), self.editar,
                                    contexto=Qt.ShortcutContext.WidgetShortcut)
        self.accion_eliminar = accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                      _("Eliminar la oportunidad elegida (Supr)"), self.eliminar,
                                      contexto=Qt.ShortcutContext.WidgetShortcut)
        self.addAction(self.accion_nuevo)

    def _combo(self, todos: str, opciones: list[tuple[Any, str]], ayuda: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(todos, None)
        for clave, texto in opciones:
            combo.addItem(texto, clave)
        combo.setToolTip(ayuda)
        combo.setAccessibleName(ayuda)
        # As wide as its «Todos los…» text at least; a long option is cut rather than widening the row.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(0)
        combo.setMinimumWidth(combo.fontMetrics().horizontalAdvance(todos) + 44)
        combo.currentIndexChanged.connect(self._filtrar)
        return combo

    def _crear_vista(self) -> None:
        barra = QToolBar(_("Mapa de Oportunidades"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nuevo, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        # Excel (export, blank template, import) and the printable catalogue.
        self.datos = AccionesDatos(self.ctx, "oportunidades", self, hoy=self._hoy)
        self.datos.agregar_a(barra)

        self.filtro = QLineEdit()
        self.filtro.setPlaceholderText(_("Buscar programa, proveedor, requisito…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setMinimumWidth(220)
        self.filtro.setAccessibleName(_("Buscar en el Mapa de Oportunidades"))
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(self._ir_a_vista)
        arriba = QHBoxLayout()
        arriba.setContentsMargins(0, 0, 0, 0)
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.filtro, 1)

        def opciones(dic: dict[str, str]) -> list[tuple[str, str]]:
            return [(k, traducir(v)) for k, v in dic.items()]

        self.filtro_pilar = self._combo(_("Todos los pilares"), opciones(PILARES), _("Filtrar por pilar"))
        self.filtro_poblacion = self._combo(_("Todas las poblaciones"), opciones(POBLACIONES),
                                            _("Filtrar por categoría de población"))
        self.filtro_paquete = self._combo(_("Todos los paquetes"), opciones(PAQUETES), _("Filtrar por paquete"))
        self.filtro_origen = self._combo(_("Todos los orígenes"), opciones(ORIGENES), _("Filtrar por origen"))
        self.filtro_territorio = self._combo(
            _("Todos los territorios"), [],
            _("Filtrar por territorio: lo que llega a él (lo de todo el distrito y lo elegido para ese territorio)"))
        self.filtro_proveedor = self._combo(_("Todos los proveedores"), [], _("Filtrar por proveedor"))
        self.filtro_vigencia = self._combo(_("Vigentes y vencidas"), [(VIGENTES, _("Solo vigentes")),
                                                                      (VENCIDAS, _("Solo vencidas"))],
                                           _("Filtrar por vigencia"))
        self.solo_verificar = QCheckBox(_("Solo para &verificar"))
        self.solo_verificar.setToolTip(_("Mostrar solo la información que hay que confirmar con su proveedor"))
        self.solo_verificar.toggled.connect(self._filtrar)
        self.boton_limpiar = QPushButton(_("&Quitar filtros"))
        self.boton_limpiar.clicked.connect(self.limpiar_filtros)
        self.filtros = QWidget()
        capa_filtros = QVBoxLayout(self.filtros)
        capa_filtros.setContentsMargins(0, 0, 0, 0)
        capa_filtros.setSpacing(4)
        self._filas_filtro = (QHBoxLayout(), QHBoxLayout())
        for fila in self._filas_filtro:
            fila.setSpacing(6)
            capa_filtros.addLayout(fila)
        self._filtros_en_dos_filas: bool | None = None
        self._distribuir_filtros(0)  # two rows until the page knows its width (one row must not widen it)

        self.tabla = tabla_de_registros(self.proxy)
        self.tabla.horizontalHeader().setResizeContentsPrecision(40)
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().height() + 12)
        self.tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.delegado_verificado = DelegadoVerificado(self.tabla)
        self.tabla.setItemDelegateForColumn(COL_VERIFICADO, self.delegado_verificado)
        self.tabla.addAction(self.accion_editar)
        self.tabla.addAction(self.accion_eliminar)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._eligio_en_tabla())
        self.tabla.setAccessibleName(_("Tabla del Mapa de Oportunidades"))

        self.arbol = QTreeView()
        self.arbol.setModel(self.catalogo)
        self.arbol.setUniformRowHeights(True)
        self.arbol.setAlternatingRowColors(False)
        self.arbol.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.arbol.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.arbol.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.arbol.setExpandsOnDoubleClick(False)
        self.arbol.header().setStretchLastSection(False)
        self.arbol.header().setResizeContentsPrecision(60)
        self.arbol.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.arbol.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.arbol.addAction(self.accion_editar)
        self.arbol.addAction(self.accion_eliminar)
        self.delegado_verificado_arbol = DelegadoVerificado(self.arbol)
        self.arbol.setItemDelegateForColumn(COL_VERIFICADO_ARBOL, self.delegado_verificado_arbol)
        self.arbol.doubleClicked.connect(self._doble_clic_arbol)
        self.arbol.selectionModel().currentChanged.connect(lambda *_a: self._eligio_en_arbol())
        self.arbol.setAccessibleName(_("Catálogo por pilar y población"))

        self.vistas = QTabWidget()
        self.vistas.setDocumentMode(True)
        self.vistas.addTab(self.tabla, _("Tabla"))
        self.vistas.addTab(self.arbol, _("Catálogo"))
        self.vistas.currentChanged.connect(self._cambio_de_vista)

        self.ficha = QTextBrowser()
        self.ficha.setOpenLinks(False)
        self.ficha.setOpenExternalLinks(False)
        self.ficha.setAccessibleName(_("Ficha de la oportunidad elegida"))

        self.divisor = QSplitter(Qt.Orientation.Vertical)
        self.divisor.addWidget(self.vistas)
        self.divisor.addWidget(self.ficha)
        self.divisor.setStretchFactor(0, 3)
        self.divisor.setStretchFactor(1, 2)
        self.divisor.setChildrenCollapsible(False)

        contenido = QWidget()
        capa_contenido = QVBoxLayout(contenido)
        capa_contenido.setContentsMargins(0, 0, 0, 0)
        capa_contenido.addWidget(self.filtros)
        capa_contenido.addWidget(self.divisor, 1)

        vacio = EstadoVacio(
            _("Todavía no hay programas ni servicios en el Mapa de Oportunidades."),
            _("Registre la oferta que llega al distrito: lo que ofrecen la Municipalidad, la "
              "Gobernación, el Estado nacional, el sector privado y la cooperación (etapa 2 del "
              "modelo de gestión)."),
            _("Nueva oportunidad"))
        self.mensaje_vacio = vacio.titulo
        self.boton_primero = vacio.boton
        self.boton_primero.clicked.connect(self.nuevo)
        # An empty map is when a coordinator brings the list of programs they already keep in a spreadsheet.
        self.boton_importar_vacio = vacio.agregar_boton(_("Importar desde Excel…"))
        self.boton_importar_vacio.clicked.connect(lambda: self.datos.importar())
        self.boton_importar_vacio.setEnabled(not self.ctx.solo_lectura)

        self.pila_vistas = QStackedWidget()
        self.pila_vistas.addWidget(contenido)
        self.pila_vistas.addWidget(vacio)

        self.estado = QLabel()
        self.estado.setStyleSheet(f"color: {GRIS};")
        self.dias = QSpinBox()
        self.dias.setRange(1, 3650)
        self.dias.setSingleStep(30)
        self.dias.setValue(self.dias_para_verificar)
        self.dias.setSuffix(" " + _("días"))
        self.dias.setAccessibleName(_("Días tras los que la información se marca «verificar»"))
        self.dias.setToolTip(_("La información verificada hace más de estos días se marca «verificar». "
                               "El valor se guarda en este equipo."))
        self.dias.valueChanged.connect(self.fijar_dias_para_verificar)
        etiqueta_dias = QLabel(_("Marcar «verificar» la información de más de"))
        etiqueta_dias.setBuddy(self.dias)
        etiqueta_dias.setStyleSheet(f"color: {GRIS};")
        abajo = QHBoxLayout()
        abajo.setContentsMargins(0, 0, 0, 0)
        abajo.addWidget(self.estado, 1)
        abajo.addWidget(etiqueta_dias)
        abajo.addWidget(self.dias)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.addLayout(arriba)
        capa.addWidget(self.pila_vistas, 1)
        capa.addLayout(abajo)
        self.setFocusProxy(self.tabla)

    def _distribuir_filtros(self, ancho: int) -> None:
        """Una fila de filtros si caben; si no (pantallas de 1024 px), dos filas, sin cortar los textos."""
        piezas: list[QWidget] = [*self.combos_filtro(), self.solo_verificar, self.boton_limpiar]
        necesario = sum(max(w.minimumWidth(), w.sizeHint().width() if not isinstance(w, QComboBox) else 0)
                        for w in piezas) + 6 * len(piezas)
        dos = necesario > ancho
        if dos == self._filtros_en_dos_filas:
            return
        self._filtros_en_dos_filas = dos
        for fila in self._filas_filtro:
            while fila.count():
                fila.takeAt(0)
        corte = 4 if dos else len(piezas)
        for n, w in enumerate(piezas):
            fila = self._filas_filtro[0 if n < corte else 1]
            fila.addWidget(w, 1 if isinstance(w, QComboBox) else 0)

    def resizeEvent(self, evento) -> None:  # noqa: N802 - Qt override
        margenes = self.layout().contentsMargins() if self.layout() else None
        self._distribuir_filtros(self.width() - (margenes.left() + margenes.right() if margenes else 0))
        super().resizeEvent(evento)

    def combos_filtro(self) -> list[QComboBox]:
        return [self.filtro_pilar, self.filtro_poblacion, self.filtro_paquete, self.filtro_origen,
                self.filtro_territorio, self.filtro_proveedor, self.filtro_vigencia]

    # -- datos ------------------------------------------------------------------------------------------------
    def recargar(self) -> None:
        """Vuelve a leer la lista; conserva lo elegido y los filtros."""
        hoy, dias, mid = self._hoy, self.dias_para_verificar, self.ctx.municipio_id

        def leer(s):
            return listar_oportunidades(s, mid, hoy, dias), territorios_para_elegir(s, mid)

        filas, territorios = self.ctx.leer(leer)
        elegido = self._elegido
        self._rellenar(self.filtro_territorio, territorios)
        self._rellenar(self.filtro_proveedor, proveedores_de(filas))
        self.modelo.cargar(filas)
        self.delegado_verificado.dias = self.delegado_verificado_arbol.dias = dias
        self._ajustar_columnas()
        self._elegido = elegido
        self._filtrar()

    def _rellenar(self, combo: QComboBox, opciones: list[tuple[int, str]]) -> None:
        """Cambia las opciones de un filtro sin perder lo elegido (si sigue existiendo)."""
        actual = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for clave, texto in opciones:
            combo.addItem(texto, clave)
        combo.setCurrentIndex(max(0, combo.findData(actual)) if actual is not None else 0)
        combo.blockSignals(False)

    def _ajustar_columnas(self) -> None:
        if not self.modelo.rowCount():
            return
        self.tabla.resizeColumnsToContents()
        cabecera = self.tabla.horizontalHeader()
        for col, maximo in ANCHO_MAXIMO.items():
            if cabecera.sectionSize(col) > maximo:
                cabecera.resizeSection(col, maximo)

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def fijar_dias_para_verificar(self, dias: int) -> None:
        """Cambia la antigüedad tras la que se pide verificar; se guarda en los ajustes de este equipo."""
        if dias == self.dias_para_verificar:
            return
        self.dias_para_verificar = dias
        ajustes()["dias_para_verificar"] = dias
        if self.dias.value() != dias:
            self.dias.setValue(dias)
        self.recargar()

    # -- filtros ----------------------------------------------------------------------------------------------
    def filtro_actual(self) -> FiltroOportunidades:
        return FiltroOportunidades(
            pilar=self.filtro_pilar.currentData(), poblacion=self.filtro_poblacion.currentData(),
            paquete=self.filtro_paquete.currentData(), origen=self.filtro_origen.currentData(),
            territorio_id=self.filtro_territorio.currentData(), proveedor_id=self.filtro_proveedor.currentData(),
            vigencia=self.filtro_vigencia.currentData() or TODAS, solo_verificar=self.solo_verificar.isChecked(),
            texto=self.filtro.text().strip())

    def _filtrar(self) -> None:
        elegido = self._elegido
        filtro = self.filtro_actual()
        # The text search is part of the condition (it also reads description and requirements, which are not
        # columns, and ignores accents), so the proxy's own text filter stays empty.
        if filtro != self._condicion:  # each pass over the rows costs: skip it when nothing changed
            self._condicion = filtro
            self.proxy.fijar_condicion(None if filtro.vacio() else filtro.acepta)
        self.boton_limpiar.setEnabled(not filtro.vacio())
        self._catalogo_al_dia = False
        if self.vistas.currentWidget() is self.arbol:
            self._cargar_catalogo()
        self._elegido = None
        if elegido is not None:
            self.seleccionar(elegido)
        if self._elegido is None and self.proxy.rowCount():
            self._elegir_en_tabla(0)
        self._actualizar()

    def _cargar_catalogo(self) -> None:
        self.catalogo.cargar(agrupar_catalogo(self.filas_visibles(), self.filtro_poblacion.currentData()))
        self.arbol.expandAll()
        for indice in self.catalogo.grupos():
            self.arbol.setFirstColumnSpanned(indice.row(), indice.parent(), True)
        self._catalogo_al_dia = True
        if not self._columnas_arbol_medidas and self.catalogo.rowCount():
            # Measured once: later the user's widths stay (and measuring a long list on every key costs).
            self._columnas_arbol_medidas = True
            self._medir_columnas_arbol()
        self._sincronizar_arbol()

    def _medir_columnas_arbol(self) -> None:
        cabecera = self.arbol.header()
        self.arbol.resizeColumnToContents(0)
        cabecera.resizeSection(0, min(max(cabecera.sectionSize(0), 240), 280))
        for col, maximo in ((1, 200), (2, 180), (3, 110), (4, 190), (5, 200)):
            self.arbol.resizeColumnToContents(col)
            cabecera.resizeSection(col, min(cabecera.sectionSize(col), maximo))

    def filas_visibles(self) -> list[FilaOportunidad]:
        """Las filas que dejan pasar la búsqueda y los filtros, en el orden de la tabla."""
        return [self.proxy.index(r, 0).data(ROL_FILA) for r in range(self.proxy.rowCount())]

    def limpiar_filtros(self) -> None:
        for combo in self.combos_filtro():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.solo_verificar.blockSignals(True)
        self.solo_verificar.setChecked(False)
        self.solo_verificar.blockSignals(False)
        self.filtro.blockSignals(True)
        self.filtro.clear()
        self.filtro.blockSignals(False)
        self._filtrar()

    # -- selección --------------------------------------------------------------------------------------------
    def oportunidad_actual(self) -> int | None:
        return self._elegido

    def fila_actual(self) -> FilaOportunidad | None:
        n = self.modelo.buscar_id(self._elegido) if self._elegido is not None else -1
        return self.modelo.fila(n) if n >= 0 else None

    def seleccionar(self, oportunidad_id: int) -> bool:
        """Elige la oportunidad en las dos vistas; False si no está (o la ocultan los filtros)."""
        fila = fila_en_vista(self.proxy, self.modelo, oportunidad_id)
        if fila < 0:
            return False
        self._elegir_en_tabla(fila)
        return True

    def _elegir_en_tabla(self, fila: int) -> None:
        indice = elegir_fila(self.tabla, self.proxy, fila)
        self._elegido = indice.data(ROL_ID)
        self._sincronizar_arbol()

    def _sincronizar_arbol(self) -> None:
        if not self._catalogo_al_dia:
            return
        self._sincronizando = True
        try:
            donde = self.catalogo.indices_de(self._elegido) if self._elegido is not None else []
            actual = self.catalogo.nodo(self.arbol.currentIndex())
            if donde and not (actual and actual.tipo == OPORTUNIDAD and actual.dato.id == self._elegido):
                self.arbol.selectionModel().setCurrentIndex(
                    donde[0], QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
            if self.arbol.currentIndex().isValid():
                # Also when the tab is hidden: scrolling then is lost, so the tab switch calls this again.
                self.arbol.scrollTo(self.arbol.currentIndex())
        finally:
            self._sincronizando = False

    def _eligio_en_tabla(self) -> None:
        if self._sincronizando:
            return
        indice = self.tabla.currentIndex()
        if indice.isValid() and self.tabla.selectionModel().isRowSelected(indice.row(), QModelIndex()):
            self._elegido = indice.siblingAtColumn(0).data(ROL_ID)
            self._sincronizar_arbol()
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _eligio_en_arbol(self) -> None:
        if self._sincronizando:
            return
        nodo = self.catalogo.nodo(self.arbol.currentIndex())
        if nodo is not None and nodo.tipo == OPORTUNIDAD:
            self._elegido = nodo.dato.id
            n = self.modelo.buscar_id(self._elegido)
            indice = self.proxy.mapFromSource(self.modelo.index(n, 0))
            self._sincronizando = True
            try:
                self.tabla.selectionModel().setCurrentIndex(
                    indice, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            finally:
                self._sincronizando = False
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _doble_clic_arbol(self, indice: QModelIndex) -> None:
        nodo = self.catalogo.nodo(indice)
        if nodo is not None and nodo.tipo == OPORTUNIDAD:
            self.editar()
        elif indice.isValid():
            self.arbol.setExpanded(indice, not self.arbol.isExpanded(indice))

    def _cambio_de_vista(self, _n: int) -> None:
        if self.vistas.currentWidget() is self.arbol:
            if self._catalogo_al_dia:
                self._sincronizar_arbol()
            else:
                self._cargar_catalogo()
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _grupo_en_arbol(self) -> Nodo | None:
        """El grupo elegido en el catálogo (pilar o población), si lo elegido allí es un grupo."""
        if self.vistas.currentWidget() is not self.arbol:
            return None
        nodo = self.catalogo.nodo(self.arbol.currentIndex())
        return nodo if nodo is not None and nodo.tipo != OPORTUNIDAD else None

    def _ir_a_vista(self) -> None:
        vista = self.vistas.currentWidget()
        if self._elegido is None and self.proxy.rowCount():
            self._elegir_en_tabla(0)
        vista.setFocus()

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila_vistas.setCurrentIndex(0 if total else 1)
        visibles = self.filas_visibles()
        if len(visibles) == total:
            texto = resumen(visibles)
        else:
            texto = n_("Se muestran {v} de {n} oportunidad", "Se muestran {v} de {n} oportunidades", total).format(
                v=formato.entero(len(visibles)), n=formato.entero(total))
            verificar = sum(1 for f in visibles if f.verificar)
            if verificar:
                texto += " · " + n_("{n} para verificar", "{n} para verificar", verificar).format(
                    n=formato.entero(verificar))
        self.estado.setText(texto)
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _actualizar_acciones(self) -> None:
        hay = self._elegido is not None and self._grupo_en_arbol() is None
        escribible = not self.ctx.solo_lectura
        self.accion_nuevo.setEnabled(escribible)
        self.boton_primero.setEnabled(escribible)
        self.accion_editar.setEnabled(hay)
        self.accion_editar.setText(_("Editar") if escribible else _("Ver ficha"))
        self.accion_eliminar.setEnabled(hay and escribible)

    def _mostrar_ficha(self) -> None:
        grupo = self._grupo_en_arbol()
        if grupo is not None:
            pilar = self.catalogo.nodo_padre(grupo)
            self.ficha.setHtml(html_grupo(grupo.dato, pilar.dato.titulo if pilar is not None else ""))
            return
        fila = self.fila_actual()
        if fila is None:
            if self.modelo.rowCount() and not self.proxy.rowCount():
                aviso = _("Ninguna oportunidad coincide con la búsqueda o los filtros.")
            else:
                aviso = _("Elija una oportunidad para ver su ficha.")
            self.ficha.setHtml(f"<p style='color:{GRIS}'>{escape(aviso)}</p>")
            return
        self.ficha.setHtml(html_ficha(fila, self.dias_para_verificar))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): el impreso de la vista que se mira."""
        return self.datos.impreso_actual()

    def buscar(self) -> None:
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def dialogo(self, oportunidad_id: int | None) -> DialogoOportunidad:
        return DialogoOportunidad(self.ctx, oportunidad_id, self, hoy=self._hoy)

    def nuevo(self) -> None:
        if self.ctx.solo_lectura:
            return
        dialogo = self.dialogo(None)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.oportunidad_id is not None:
            self.mostrar_oportunidad(dialogo.oportunidad_id)

    def editar(self) -> None:
        oid = self.oportunidad_actual()
        if oid is None or self._grupo_en_arbol() is not None:
            return
        dialogo = self.dialogo(oid)
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self.mostrar_oportunidad(oid)

    def mostrar_oportunidad(self, oportunidad_id: int) -> None:
        """Elige la oportunidad; si un filtro la oculta, quita los filtros para que se vea."""
        if not self.seleccionar(oportunidad_id):
            self.limpiar_filtros()
            self.seleccionar(oportunidad_id)
        self.vistas.currentWidget().setFocus()

    def confirmar(self, texto: str) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Warning, _("Eliminar oportunidad"), texto, parent=self)
        si = caja.addButton(_("Eliminar"), QMessageBox.ButtonRole.DestructiveRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.exec()
        return caja.clickedButton() is si

    def eliminar(self) -> None:
        fila = self.fila_actual()
        if fila is None or self.ctx.solo_lectura or self._grupo_en_arbol() is not None:
            return
        texto = (_("¿Eliminar «{nombre}» del Mapa de Oportunidades?").format(nombre=fila.nombre) + "\n\n"
                 + _("Puede deshacerlo con Ctrl+Z (Editar > Deshacer)."))
        if not self.confirmar(texto):
            return
        oid = fila.id
        comando = ComandoServicio(
            self.ctx, _("Eliminar la oportunidad «{nombre}»").format(nombre=fila.nombre), "oportunidad",
            hacer=lambda s: eliminar_oportunidad(s, oid),
            deshacer=lambda s, copia: restaurar_oportunidad(s, copia),
            rehacer=lambda s, _oid: eliminar_oportunidad(s, oid),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo eliminar"), str(exc))
            return
        self.ctx.mensaje.emit(_("«{nombre}» eliminada del Mapa de Oportunidades. Ctrl+Z la restaura.").format(
            nombre=fila.nombre))
