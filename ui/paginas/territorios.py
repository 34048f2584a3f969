"""Territorios: la lista de comunidades territoriales con su ficha, filtros y las órdenes para editarlas."""

from __future__ import annotations

from datetime import date
from functools import partial
from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.lecturas.actores import contacto_actor
from nucleo.lecturas.hoja_de_ruta import resumen_ruta
from nucleo.lecturas.territorios import FilaTerritorio, listar_territorios, obtener_territorio
from nucleo.opciones import CATEGORIAS_ACTOR as CATEGORIAS
from nucleo.opciones import ESTADOS_TERRITORIO as ESTADOS
from nucleo.opciones import TIPOS_SPS
from nucleo.opciones import TIPOS_TERRITORIO as TIPOS
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import COLORES_SEMAFORO
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.seleccion import SeleccionPorId
from ui.widgets.semaforo import DelegadoSemaforo
from ui.widgets.tablas import tabla_de_registros

VERDE, AMBAR, ROJO, GRIS = "#2e7d32", "#a15c00", "#c62828", "#5b6573"  # amber darkened: readable as text
CAMBIOS_QUE_AFECTAN = frozenset({"territorio", "etapa", "actor", "dia_especial"})
EXTRACTO = 320  # characters of the characterisation shown in the detail panel
PESTANA_FICHA, PESTANA_MAPA = 0, 1
PARTE_MAPA = 0.66  # share of the page's height the map takes the first time it is shown


def DialogoTerritorio(*args, **kwargs):  # noqa: N802 - stands in for the class (tests replace it)
    """El diálogo de alta y edición, importado la primera vez que se abre: su módulo y los de sus campos
    cuestan ≈ 15 ms del arranque, y la lista se muestra sin él."""
    from ui.dialogos.territorio import DialogoTerritorio as Dialogo

    return Dialogo(*args, **kwargs)


def _color_criterios(f: FilaTerritorio) -> str:
    if f.criterios == 3:
        return VERDE
    # Missing criteria only block a territory that is past «propuesto»; for a proposal they are pending work.
    return ROJO if f.estado != "propuesto" else (AMBAR if f.criterios else GRIS)


COLUMNAS: list[Columna[FilaTerritorio]] = [
    Columna(_("Nombre"), lambda f: f.nombre),
    Columna(_("Tipo"), lambda f: f.tipo_texto),
    Columna(_("Estado"), lambda f: f.estado_texto, orden=lambda f: list(ESTADOS).index(f.estado)
            if f.estado in ESTADOS else 99),
    Columna(_("Población"), lambda f: formato.entero(f.poblacion), orden=lambda f: f.poblacion, derecha=True,
            ayuda=_("Habitantes del territorio")),
    Columna(_("Hogares"), lambda f: formato.entero(f.hogares), orden=lambda f: f.hogares, derecha=True),
    Columna(_("Organización"), lambda f: f.organizacion or "—",
            ayuda=_("Organización que representa a la comunidad (criterio b)")),
    Columna(_("Criterios"), lambda f: _("{n} de 3").format(n=f.criterios), orden=lambda f: f.criterios,
            color=_color_criterios,
            ayuda=_("Criterios de selección cumplidos (documento 000, A.2): identidad propia, organización "
                    "representativa y conjunto diverso de riesgos")),
    Columna(_("Etapa actual"), lambda f: f.etapa_actual,
            ayuda=_("La primera etapa de la hoja de ruta que aún no está cumplida")),
    Columna(_("Semáforo"), lambda f: f.semaforo_texto,
            orden=lambda f: ("vencida", "por_vencer", "al_dia", "sin_fecha", "cumplida").index(f.semaforo)
            if f.semaforo in COLORES_SEMAFORO else 9,
            ayuda=_("Plazo de la etapa actual: al día, por vencer (2 días hábiles o menos), vencida o cumplida")),
    Columna(_("Avance"), lambda f: formato.porcentaje(f.progreso), orden=lambda f: f.progreso, derecha=True,
            ayuda=_("Etapas cumplidas de la hoja de ruta")),
]
COL_POBLACION, COL_SEMAFORO, COL_ETAPA, COL_ORGANIZACION = 3, 8, 7, 5
ANCHO_MINIMO_ETAPA, ANCHO_MINIMO_TEXTO = 160, 140


class PaginaTerritorios(SeleccionPorId, QWidget):
    clave = "territorios"
    titulo = _("Territorios")

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, *, hoy: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._hoy = hoy  # None: the real today at every refresh (the app may stay open past midnight)
        self.impreso = None  # ImpresoDeRegistro, made on the first printout
        self._primera_carga = True
        self._anchos: list[int] = []
        self.mapa = None  # ui.widgets.mapa_distrito.MapaDistrito, built the first time the «Mapa» tab is shown

        self.modelo: ModeloTabla[FilaTerritorio] = ModeloTabla(COLUMNAS, self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)

        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self.recargar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        accion = partial(nueva_accion, self, contexto=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.accion_nuevo = accion(_("Nuevo territorio"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                   _("Registrar un territorio nuevo (Insert o Ctrl+Shift+N)"), self.nuevo)
        self.accion_editar = accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                    _("Editar el territorio elegido (Enter o doble clic)"), self.editar,
                                    contexto=Qt.ShortcutContext.WidgetShortcut)
        self.accion_eliminar = accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                      _("Eliminar el territorio elegido, con su hoja de ruta (Supr)"), self.eliminar,
                                      contexto=Qt.ShortcutContext.WidgetShortcut)
        self.accion_ruta = accion(_("Hoja de ruta"), ["Ctrl+R"],
                                  _("Abrir la hoja de ruta del territorio elegido (Ctrl+R)"), self.ver_hoja_de_ruta)
        self.accion_diagnostico = accion(_("Diagnóstico"), ["Ctrl+D"],
                                         _("Abrir el diagnóstico participativo del territorio elegido: necesidades, "
                                           "cruce con la oferta, árbol de problemas y DAFO (Ctrl+D)"),
                                         self.ver_diagnostico)
        self.accion_plan = accion(_("Plan de Acción"), ["Ctrl+Shift+P"],
                                  _("Abrir el Plan de Acción del territorio elegido: resultados, cronograma, "
                                    "seguimiento, presupuesto e indicadores (Ctrl+Mayús+P)"), self.ver_plan)
        self.accion_ficha = accion(_("Ficha (PDF)…"), [],
                                   _("La ficha territorial en PDF, una hoja para el Intendente: población, ruta, necesidades y "
                                     "brechas, actores, programas y convenios (Ctrl+P: vista previa e impresora)"),
                                   self.imprimir_ficha)
        self.accion_mapa = accion(_("Ver en el mapa"), ["Ctrl+M"],
                                  _("Mostrar el mapa del distrito con el territorio elegido (Ctrl+M)"), self.ver_mapa)
        self.addAction(self.accion_nuevo)
        self.addAction(self.accion_ruta)
        self.addAction(self.accion_diagnostico)
        self.addAction(self.accion_plan)
        self.addAction(self.accion_ficha)
        self.addAction(self.accion_mapa)

    def _crear_vista(self) -> None:
        barra = QToolBar(_("Territorios"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nuevo, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        barra.addSeparator()
        barra.addAction(self.accion_ruta)  # «Ver en el mapa» is the «Mapa» tab itself (and Ctrl+M)
        barra.addAction(self.accion_diagnostico)
        barra.addAction(self.accion_plan)
        barra.addAction(self.accion_ficha)

        self.filtro = QLineEdit()
        self.filtro.setPlaceholderText(_("Buscar territorio, organización…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setMinimumWidth(170)
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(self._ir_a_tabla)
        self.filtro_estado = QComboBox()
        self.filtro_estado.addItem(_("Todos los estados"), None)
        for clave, texto in ESTADOS.items():
            self.filtro_estado.addItem(traducir(texto), clave)
        self.filtro_estado.setToolTip(_("Mostrar solo los territorios en este estado"))
        self.filtro_tipo = QComboBox()
        self.filtro_tipo.addItem(_("Todos los tipos"), None)
        for clave, texto in TIPOS.items():
            self.filtro_tipo.addItem(traducir(texto), clave)
        self.filtro_tipo.setToolTip(_("Mostrar solo los territorios de este tipo"))
        for combo in (self.filtro_estado, self.filtro_tipo):
            combo.currentIndexChanged.connect(self._filtrar)
        etiqueta_estado = QLabel(_("&Estado:"))
        etiqueta_estado.setBuddy(self.filtro_estado)
        etiqueta_tipo = QLabel(_("&Tipo:"))
        etiqueta_tipo.setBuddy(self.filtro_tipo)

        self.filtros = QWidget()
        capa_filtros = QHBoxLayout(self.filtros)
        capa_filtros.setContentsMargins(0, 0, 0, 0)
        capa_filtros.addWidget(self.filtro)
        capa_filtros.addSpacing(8)
        capa_filtros.addWidget(etiqueta_estado)
        capa_filtros.addWidget(self.filtro_estado)
        capa_filtros.addSpacing(4)
        capa_filtros.addWidget(etiqueta_tipo)
        capa_filtros.addWidget(self.filtro_tipo)
        arriba = QHBoxLayout()
        arriba.setContentsMargins(0, 0, 0, 0)
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.filtros)

        self.tabla = tabla_de_registros(self.proxy)
        # Column widths from the first rows only: measuring every row of a long list slows each reload.
        self.tabla.horizontalHeader().setResizeContentsPrecision(40)
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().height() + 12)
        self.tabla.horizontalHeader().sortIndicatorChanged.connect(lambda *_a: self._ajustar_columnas())
        self.tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabla.horizontalHeader().setStretchLastSection(False)
        # The long stage description takes what is left, so the traffic light and progress are always in view.
        self.tabla.horizontalHeader().setSectionResizeMode(COL_ETAPA, QHeaderView.ResizeMode.Stretch)
        self.tabla.setItemDelegateForColumn(COL_SEMAFORO, DelegadoSemaforo(self.tabla))
        self.tabla.addAction(self.accion_editar)
        self.tabla.addAction(self.accion_eliminar)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._seleccion_cambiada())
        self.tabla.setAccessibleName(_("Lista de territorios"))
        self.tabla.viewport().installEventFilter(self)

        self.ficha = QTextBrowser()
        self.ficha.setOpenLinks(False)
        self.ficha.anchorClicked.connect(lambda _u: self.ver_hoja_de_ruta())
        self.ficha.setAccessibleName(_("Ficha del territorio elegido"))

        # The map is built on first use: reading the district boundaries must not slow the start-up.
        self.contenedor_mapa = QWidget()
        capa_mapa = QVBoxLayout(self.contenedor_mapa)
        capa_mapa.setContentsMargins(4, 0, 4, 4)
        self.detalle = QTabWidget()
        self.detalle.setDocumentMode(True)
        self.detalle.addTab(self.ficha, _("Ficha"))
        self.detalle.addTab(self.contenedor_mapa, _("Mapa"))
        self.detalle.setTabToolTip(PESTANA_MAPA, _("El distrito con sus territorios (Ctrl+M)"))
        self.detalle.currentChanged.connect(self._pestana_cambiada)

        self.divisor = QSplitter(Qt.Orientation.Vertical)
        self.divisor.addWidget(self.tabla)
        self.divisor.addWidget(self.detalle)
        self.divisor.setStretchFactor(0, 3)
        self.divisor.setStretchFactor(1, 2)
        self.divisor.setChildrenCollapsible(False)

        contenido = QWidget()
        capa_contenido = QVBoxLayout(contenido)
        capa_contenido.setContentsMargins(0, 0, 0, 0)
        capa_contenido.addWidget(self.divisor, 1)

        vacio = EstadoVacio(
            _("Todavía no hay territorios. Cree el primero con «Nuevo territorio»."),
            _("Un territorio es una comunidad territorial con identidad propia: un barrio, una "
              "compañía, una comunidad indígena. Al crearlo, Articula prepara su hoja de ruta con "
              "las etapas 1-a a 6 del modelo de gestión."),
            _("Nuevo territorio"))
        self.mensaje_vacio = vacio.titulo
        self.boton_primero = vacio.boton
        self.boton_primero.clicked.connect(self.nuevo)

        self.pila_vistas = QStackedWidget()
        self.pila_vistas.addWidget(contenido)
        self.pila_vistas.addWidget(vacio)

        self.estado = QLabel()
        self.estado.setStyleSheet(f"color: {GRIS};")

        capa = QVBoxLayout(self)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.addLayout(arriba)
        capa.addWidget(self.pila_vistas, 1)
        capa.addWidget(self.estado)
        self.setFocusProxy(self.tabla)

    # -- datos ------------------------------------------------------------------------------------------------
    def recargar(self) -> None:
        """Vuelve a leer la lista y conserva el territorio elegido (o el que ocupa su lugar si se eliminó)."""
        elegido, fila_vista = self.territorio_actual(), self.tabla.currentIndex().row()
        hoy = self._hoy
        filas = self.ctx.consultar(lambda con: listar_territorios(con, self.ctx.municipio_id, hoy))
        self.modelo.cargar(filas)
        self._ajustar_columnas()
        perdido = elegido is None or not self.seleccionar(elegido)
        if perdido and self.proxy.rowCount() and (fila_vista >= 0 or self._primera_carga):
            # The chosen territory is gone (deleted): the one now in its place is chosen, as in a file list.
            self._elegir_fila_vista(min(max(fila_vista, 0), self.proxy.rowCount() - 1))
        self._primera_carga = False
        self._actualizar()

    def _ajustar_columnas(self) -> None:
        """Anchos según el contenido (al cargar), con tope para los textos largos."""
        if not self.modelo.rowCount():
            return
        cabecera = self.tabla.horizontalHeader()
        fuente = QFont(cabecera.font())
        fuente.setBold(True)  # the style sheet makes headers bold; the header's own font does not say so
        medida = QFontMetrics(fuente)
        anchos = []
        for c, columna in enumerate(COLUMNAS):
            # Qt reserves room for the sort arrow in every header; only the sorted column needs it, and on a
            # laptop screen those ~25 px per column are what the stage description needs.
            titulo = medida.horizontalAdvance(columna.titulo) + 18
            if c == cabecera.sortIndicatorSection():
                titulo += 22
            ancho = max(self.tabla.sizeHintForColumn(c) + 4, titulo)
            anchos.append(min(ancho, 240) if c in (0, COL_ORGANIZACION) else ancho)
        self._anchos = anchos
        self._repartir_ancho()

    def _repartir_ancho(self) -> None:
        # On a narrow window the name and the organisation give up width (down to a readable minimum) so the
        # traffic light and the progress stay in view; "Etapa actual" stretches over whatever is left.
        if not self._anchos:
            return
        anchos = list(self._anchos)
        exceso = sum(anchos) - anchos[COL_ETAPA] + ANCHO_MINIMO_ETAPA - self.tabla.viewport().width()
        for col in (COL_ORGANIZACION, 0):
            if exceso <= 0:
                break
            quitar = min(exceso, max(0, anchos[col] - ANCHO_MINIMO_TEXTO))
            anchos[col] -= quitar
            exceso -= quitar
        cabecera = self.tabla.horizontalHeader()
        for col, ancho in enumerate(anchos):
            if col != COL_ETAPA:
                cabecera.resizeSection(col, ancho)

    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt override
        if objeto is self.tabla.viewport() and evento.type() == QEvent.Type.Resize:
            self._repartir_ancho()
        return super().eventFilter(objeto, evento)

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def _filtrar(self) -> None:
        estado, tipo = self.filtro_estado.currentData(), self.filtro_tipo.currentData()
        elegido = self.territorio_actual()
        self.proxy.setFilterFixedString(self.filtro.text().strip())
        if estado is None and tipo is None:
            self.proxy.fijar_condicion(None)
        else:
            self.proxy.fijar_condicion(lambda f: (estado is None or f.estado == estado)
                                       and (tipo is None or f.tipo == tipo))
        if (elegido is None or not self.seleccionar(elegido)) and self.proxy.rowCount():
            self._elegir_fila_vista(0)
        self._actualizar()

    def limpiar_filtros(self) -> None:
        self.filtro.clear()
        self.filtro_estado.setCurrentIndex(0)
        self.filtro_tipo.setCurrentIndex(0)

    # -- selección --------------------------------------------------------------------------------------------
    territorio_actual = SeleccionPorId.id_actual

    def _ir_a_tabla(self) -> None:
        if self.proxy.rowCount():
            if self.territorio_actual() is None:
                self._elegir_fila_vista(0)
            self.tabla.setFocus()

    def _seleccion_cambiada(self) -> None:
        self._actualizar_acciones()
        self._mostrar_ficha()
        if self.mapa is not None:
            self.mapa.seleccionar(self.territorio_actual())

    # -- mapa -------------------------------------------------------------------------------------------------
    def ver_mapa(self) -> None:
        self.detalle.setCurrentIndex(PESTANA_MAPA)
        if self.mapa is not None:
            self.mapa.setFocus()

    def _pestana_cambiada(self, indice: int) -> None:
        if self.mapa is not None:
            self.mapa.barra.setVisible(indice == PESTANA_MAPA)
        if indice == PESTANA_MAPA and self.mapa is None:
            self.asegurar_mapa()
            # First time: the map gets most of the height (a strip of 250 px is no map); later the user's
            # splitter position is kept.
            total = sum(self.divisor.sizes())
            if self.divisor.sizes()[1] < total * PARTE_MAPA:
                self.divisor.setSizes([round(total * (1 - PARTE_MAPA)), round(total * PARTE_MAPA)])

    def asegurar_mapa(self):
        """Crea el mapa (la primera vez) y lo devuelve."""
        if self.mapa is None:
            from ui.widgets.mapa_distrito import MapaDistrito  # lazy: loads nucleo.geo and the boundaries

            self.mapa = MapaDistrito(self.ctx, self.contenedor_mapa)
            self.contenedor_mapa.layout().addWidget(self.mapa)
            # The map's tools sit on the tab bar's row, next to «Ficha | Mapa»: the map keeps that height.
            self.detalle.setCornerWidget(self.mapa.barra, Qt.Corner.TopRightCorner)
            self.mapa.barra.setVisible(self.detalle.currentIndex() == PESTANA_MAPA)
            self.mapa.territorio_elegido.connect(self._elegido_en_mapa)
            self.mapa.seleccionar(self.territorio_actual())
        return self.mapa

    def _elegido_en_mapa(self, territorio_id: int) -> None:
        # The map shows every territory; a filter may hide the one clicked: then the filters go.
        if not self.seleccionar(territorio_id):
            self.limpiar_filtros()
            self.seleccionar(territorio_id)

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila_vistas.setCurrentIndex(0 if total else 1)
        self.filtros.setVisible(bool(total))  # nothing to search in an empty list
        en_intervencion = sum(1 for f in self.modelo.filas() if f.estado == "en_intervencion")
        visibles = self.proxy.rowCount()
        if visibles == total:
            texto = n_("{n} territorio", "{n} territorios", total).format(n=formato.entero(total))
        else:
            texto = n_("Se muestran {v} de {n} territorio", "Se muestran {v} de {n} territorios", total).format(
                v=formato.entero(visibles), n=formato.entero(total))
        texto += " · " + _("{m} en intervención").format(m=formato.entero(en_intervencion))
        self.estado.setText(texto)
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _actualizar_acciones(self) -> None:
        hay = self.territorio_actual() is not None
        escribible = not self.ctx.solo_lectura
        self.accion_nuevo.setEnabled(escribible)
        self.boton_primero.setEnabled(escribible)
        self.accion_editar.setEnabled(hay)
        # Read-only: the same action opens the record for reading.
        self.accion_editar.setText(_("Editar") if escribible else _("Ver ficha"))
        self.accion_eliminar.setEnabled(hay and escribible)
        self.accion_ruta.setEnabled(hay)
        self.accion_diagnostico.setEnabled(hay)
        self.accion_plan.setEnabled(hay)
        self.accion_ficha.setEnabled(hay)
        self.accion_mapa.setEnabled(bool(self.modelo.rowCount()))

    def _mostrar_ficha(self) -> None:
        tid = self.territorio_actual()
        if tid is None:
            if self.modelo.rowCount() and not self.proxy.rowCount():
                aviso = _("Ningún territorio coincide con la búsqueda o los filtros.")
            else:
                aviso = _("Elija un territorio de la lista para ver su ficha.")
            self.ficha.setHtml(f"<p style='color:{GRIS}'>{escape(aviso)}</p>")
            return
        hoy = self._hoy

        def leer(con):
            d = obtener_territorio(con, tid)
            org = contacto_actor(con, d.organizacion_id) if d.organizacion_id else None
            return d, org, resumen_ruta(con, tid, hoy)

        try:
            datos, organizacion, ruta = self.ctx.consultar(leer)
        except ErrorDeUsuario as exc:  # deleted elsewhere between the list and this read
            self.ficha.setHtml(f"<p style='color:{ROJO}'>{escape(exc.mensaje)}</p>")
            return
        self.ficha.setHtml(html_ficha(datos, organizacion, ruta))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def nuevo(self) -> None:
        if self.ctx.solo_lectura:
            return
        dialogo = DialogoTerritorio(self.ctx, None, self)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.territorio_id is not None:
            self.mostrar_territorio(dialogo.territorio_id)

    def editar(self) -> None:
        tid = self.territorio_actual()
        if tid is None:
            return
        dialogo = DialogoTerritorio(self.ctx, tid, self)
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self.mostrar_territorio(tid)

    def mostrar_territorio(self, territorio_id: int) -> None:
        """Elige el territorio; si un filtro lo oculta, quita los filtros para que se vea."""
        if not self.seleccionar(territorio_id):
            self.limpiar_filtros()
            self.seleccionar(territorio_id)
        self.tabla.setFocus()

    def texto_confirmacion(self, fila: FilaTerritorio, documentos: int) -> str:
        texto = _("¿Eliminar el territorio «{nombre}»?").format(nombre=fila.nombre) + "\n\n"
        if documentos:
            texto += n_("También se eliminan su hoja de ruta (las etapas 1-a a 6) y {n} documento adjunto.",
                        "También se eliminan su hoja de ruta (las etapas 1-a a 6) y {n} documentos adjuntos.",
                        documentos).format(n=formato.entero(documentos))
        else:
            texto += _("También se elimina su hoja de ruta (las etapas 1-a a 6) con sus documentos.")
        return texto + "\n\n" + _("Puede deshacerlo con Ctrl+Z (Editar > Deshacer).")

    def confirmar(self, texto: str) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Warning, _("Eliminar territorio"), texto, parent=self)
        si = caja.addButton(_("Eliminar"), QMessageBox.ButtonRole.DestructiveRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.exec()
        return caja.clickedButton() is si

    def eliminar(self) -> None:
        fila = self.fila_actual()
        if fila is None or self.ctx.solo_lectura:
            return
        tid = fila.id
        documentos = self.ctx.consultar(lambda con: sum(e.documentos for e in resumen_ruta(con, tid).etapas))
        if not self.confirmar(self.texto_confirmacion(fila, documentos)):
            return
        from nucleo.servicios.territorios import eliminar_territorio, restaurar_territorio

        comando = ComandoServicio(
            self.ctx, _("Eliminar el territorio «{nombre}»").format(nombre=fila.nombre),
            {"territorio", "etapa", "documento"},
            hacer=lambda s: eliminar_territorio(s, tid),
            deshacer=lambda s, copia: restaurar_territorio(s, copia),
            rehacer=lambda s, _tid: eliminar_territorio(s, tid),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo eliminar"), str(exc))
            return
        self.ctx.mensaje.emit(_("Territorio «{nombre}» eliminado. Ctrl+Z lo restaura.").format(nombre=fila.nombre))

    def ver_hoja_de_ruta(self) -> None:
        tid = self.territorio_actual()
        if tid is not None:
            self.ctx.navegar.emit("hoja_de_ruta", tid)

    def ver_diagnostico(self) -> None:
        tid = self.territorio_actual()
        if tid is not None:
            self.ctx.navegar.emit("diagnostico", tid)

    def ver_plan(self) -> None:
        tid = self.territorio_actual()
        if tid is not None:
            self.ctx.navegar.emit("plan", tid)

    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): la ficha territorial del territorio elegido."""
        from ui.acciones_datos import PedidoImpreso

        f = self.fila_actual()
        return PedidoImpreso("ficha", None, f.id, _("Ficha territorial — {nombre}").format(nombre=f.nombre)) if f else None

    def imprimir_ficha(self):
        """La ficha territorial en PDF (en un hilo, con progreso; ofrece abrirla al terminar)."""
        tid = self.territorio_actual()
        if tid is None:
            return None
        from ui.acciones_datos import ImpresoDeRegistro

        if self.impreso is None:
            self.impreso = ImpresoDeRegistro(self.ctx, self, self._hoy)
        nombre = self.ctx.consultar(lambda con: obtener_territorio(con, tid).nombre)
        return self.impreso.imprimir("ficha", tid, _("Ficha territorial"), nombre)


# -- ficha en HTML ----------------------------------------------------------------------------------------------
def _parrafos(texto: str) -> str:
    return "<br>".join(escape(linea) for linea in texto.splitlines())


def _criterio(cumple: bool, letra: str, titulo: str, detalle: str) -> str:
    marca = (f"<span style='color:{VERDE}'>✔</span>" if cumple
             else f"<span style='color:{ROJO}'>✘</span>")
    detalle = f"<br><span style='color:{GRIS}'>{detalle}</span>" if detalle else ""
    return (f"<tr><td valign='top' width='22'>{marca}</td>"
            f"<td><b>{letra})</b> {escape(titulo)}{detalle}</td></tr>")


def html_ficha(d, organizacion, ruta) -> str:
    """La ficha legible del territorio elegido (panel inferior de la página)."""
    sps = traducir(TIPOS_SPS.get(d.tipo_sps or "", ""))
    cabecera = " · ".join(x for x in (traducir(TIPOS.get(d.tipo, d.tipo)), sps if d.tipo_sps else "",
                                      traducir(ESTADOS.get(d.estado, d.estado))) if x)
    cifras = []
    if d.poblacion is not None:
        cifras.append(_("{n} habitantes").format(n=formato.entero(d.poblacion)))
    if d.hogares is not None:
        cifras.append(_("{n} hogares").format(n=formato.entero(d.hogares)))
    if d.latitud is not None and d.longitud is not None:
        cifras.append(_("ubicación {lat}; {lon}").format(lat=formato.numero(d.latitud, 5),
                                                         lon=formato.numero(d.longitud, 5)))
    if d.limite_geojson:
        cifras.append(_("con límite cargado"))

    sin = _("Sin responder")
    identidad = {True: d.identidad_descripcion and escape(d.identidad_descripcion) or _("Sí"),
                 False: _("No"), None: sin}[d.identidad_propia]
    if organizacion is not None:
        contacto = " · ".join(escape(x) for x in (traducir(CATEGORIAS.get(organizacion.categoria, "")),
                                                  organizacion.contacto, organizacion.telefono,
                                                  organizacion.correo) if x)
        org = f"{escape(organizacion.nombre)}" + (f" — {contacto}" if contacto else "")
    else:
        org = _("Sin organización indicada")
    criterios = "".join((
        _criterio(d.identidad_propia is True, "a", _("Comunidad territorial con identidad propia"), identidad),
        _criterio(organizacion is not None, "b", _("Organización que represente a la comunidad"), org),
        _criterio(bool(d.riesgos_diversos), "c", _("Conjunto diverso de riesgos"),
                  _parrafos(d.riesgos_diversos) if d.riesgos_diversos else _("Sin describir")),
    ))

    if d.espacio_nombre or d.espacio_direccion or d.espacio_operador:
        espacio = "<br>".join(x for x in (
            f"<b>{escape(d.espacio_nombre)}</b>" if d.espacio_nombre else "",
            escape(d.espacio_direccion),
            _("Operador: {o}").format(o=escape(d.espacio_operador)) if d.espacio_operador else "") if x)
    else:
        espacio = f"<span style='color:{GRIS}'>{_('No registrado.')}</span>"

    caracterizacion = d.caracterizacion.strip()
    if len(caracterizacion) > EXTRACTO:
        caracterizacion = caracterizacion[:EXTRACTO].rsplit(" ", 1)[0] + "…"
    caracterizacion = (_parrafos(caracterizacion) if caracterizacion
                       else f"<span style='color:{GRIS}'>{_('Sin caracterización.')}</span>")

    luz = ruta.siguiente.semaforo if ruta.siguiente else "cumplida"
    color = COLORES_SEMAFORO.get(luz, GRIS)
    avance = _("{p} de avance: {c} de {t} etapas cumplidas").format(
        p=formato.porcentaje(ruta.progreso), c=formato.entero(ruta.cumplidas), t=formato.entero(len(ruta.etapas)))
    if ruta.inicio:
        avance += " · " + _("inicio {f}").format(f=formato.fecha(ruta.inicio))

    return f"""
<h3 style='margin-top:0; margin-bottom:2px'>{escape(d.nombre)}</h3>
<p style='color:{GRIS}; margin-top:0; margin-bottom:10px'>{escape(cabecera)}{' · ' + ' · '.join(escape(c) for c in cifras) if cifras else ''}</p>
<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:8px'><tr>
<td width='50%' valign='top' style='padding-right:18px'>
  <p style='margin-bottom:4px'><b>{_('Criterios de selección')}</b></p>
  <table cellspacing='0' cellpadding='2'>{criterios}</table>
</td>
<td width='50%' valign='top'>
  <p style='margin-bottom:4px'><b>{_('Próximo paso de la hoja de ruta')}</b></p>
  <p style='margin-top:0'><span style='color:{color}; font-size:large'>●</span> {escape(ruta.texto_siguiente)}<br>
  <span style='color:{GRIS}'>{escape(avance)}</span> · <a href='ruta'>{_('Ver hoja de ruta')}</a></p>
  <p style='margin-bottom:4px'><b>{_('Espacio de articulación social')}</b></p>
  <p style='margin-top:0'>{espacio}</p>
  <p style='margin-bottom:4px'><b>{_('Caracterización')}</b></p>
  <p style='margin-top:0'>{caracterizacion}</p>
</td></tr></table>
"""
