"""Actores: la matriz (tabla con filtros) y la grilla de poder e interés, con la ficha del actor elegido."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial
from html import escape

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
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
from nucleo.modelo.actor import CATEGORIAS, NIVELES, POSTURAS, TIPOS_ACTOR
from nucleo.servicios.actores import (
    CUADRANTES,
    FichaActor,
    FilaActor,
    cuadrante,
    describir_baja,
    eliminar_actor,
    ficha_actor,
    fijar_poder_interes,
    listar_actores,
    opciones_territorio,
    restaurar_actor,
)
from ui.acciones_datos import AccionesDatos
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor import DialogoActor
from ui.estilo import TEXTO_SECUNDARIO
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import ROL_ORDEN, Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.ficha_actor import html_ficha
from ui.widgets.grilla_poder_interes import COLORES_CUADRANTE, COLORES_POSTURA, GrillaPoderInteres
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.seleccion import SeleccionPorId
from ui.widgets.tablas import tabla_de_registros

GRIS, ROJO = TEXTO_SECUNDARIO, "#c62828"
CAMBIOS_QUE_AFECTAN = frozenset({"actor", "territorio", "oportunidad"})
SIN_TERRITORIO = -1  # value of the territory filter that shows the actors with no territory marked
PESTANA_MATRIZ, PESTANA_GRILLA = 0, 1
ORDEN_CUADRANTES = ("gestionar", "satisfacer", "informar", "monitorear")




class FiltroActores(FiltroTabla):
    """FiltroTabla que, al ordenar, lee la clave de cada fila una vez y no en cada comparación.

    Con 5.000 actores, ordenar hace unas 70.000 llamadas a data(); con las claves guardadas por fila, la matriz
    se recarga en la mitad del tiempo.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._claves: list | None = None
        self._columna = -1

    def setSourceModel(self, modelo) -> None:  # noqa: N802 - Qt override
        super().setSourceModel(modelo)
        # "About to": before the proxy re-sorts with the new rows.
        for senal in (modelo.modelAboutToBeReset, modelo.layoutAboutToBeChanged, modelo.rowsAboutToBeInserted,
                      modelo.rowsAboutToBeRemoved, modelo.dataChanged):
            senal.connect(self._olvidar)

    def _olvidar(self, *_args) -> None:
        self._claves = None

    def lessThan(self, izq, der) -> bool:  # noqa: N802 - Qt override
        columna = izq.column()
        if self._claves is None or columna != self._columna:
            modelo = self.sourceModel()
            self._claves = [modelo.index(r, columna).data(ROL_ORDEN) for r in range(modelo.rowCount())]
            self._columna = columna
        a, b = self._claves[izq.row()], self._claves[der.row()]
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def _contacto(f: FilaActor) -> str:
    return " · ".join(x for x in (f.contacto, f.telefono) if x)


def _institucion(f: FilaActor) -> str:
    if f.institucion and f.cargo:
        return f"{f.institucion} ({f.cargo})"
    return f.institucion or f.cargo


# The grid's numbers come right after who the actor is: on a narrow screen they stay in view.
COLUMNAS: list[Columna[FilaActor]] = [
    Columna(_("Nombre"), lambda f: f"{f.nombre} ({f.sigla})" if f.sigla and f.sigla not in f.nombre else f.nombre),
    Columna(_("Tipo"), lambda f: f.tipo_texto, orden=lambda f: list(TIPOS_ACTOR).index(f.tipo)
            if f.tipo in TIPOS_ACTOR else 9),
    Columna(_("Categoría"), lambda f: f.categoria_texto),
    Columna(_("Nivel"), lambda f: f.nivel_texto, orden=lambda f: list(NIVELES).index(f.nivel)
            if f.nivel in NIVELES else 9),
    Columna(_("Interés"), lambda f: str(f.interes), orden=lambda f: f.interes, derecha=True,
            ayuda=_("Cuánto le importan los resultados: 1 muy bajo, 2 bajo, 3 medio, 4 alto, 5 muy alto")),
    Columna(_("Influencia"), lambda f: str(f.influencia), orden=lambda f: f.influencia, derecha=True,
            ayuda=_("Cuánto puede facilitar o frenar el trabajo: 1 muy baja, 2 baja, 3 media, 4 alta, 5 muy alta")),
    Columna(_("Postura"), lambda f: f.postura_texto, orden=lambda f: list(POSTURAS).index(f.postura)
            if f.postura in POSTURAS else 9, color=lambda f: COLORES_POSTURA.get(f.postura)),
    Columna(_("Cuadrante"), lambda f: f.cuadrante_texto, orden=lambda f: ORDEN_CUADRANTES.index(f.cuadrante),
            color=lambda f: COLORES_CUADRANTE[f.cuadrante][1],
            ayuda=_("Lugar en la grilla de poder e interés (interés e influencia de 3 o más cuentan como altos)")),
    Columna(_("Institución"), _institucion, ayuda=_("Institución u organización de la que forma parte (y su cargo)")),
    Columna(_("Territorios"), lambda f: f.territorios or "—", ayuda=_("Comunidades territoriales donde actúa")),
    Columna(_("Contacto"), lambda f: _contacto(f) or "—", ayuda=_("Persona de contacto y teléfono")),
]
COL_NOMBRE, COL_INSTITUCION, COL_TERRITORIOS, COL_CONTACTO = 0, 8, 9, 10
COL_CATEGORIA = 2
# Width caps: long names are elided (the full text is in the record below and in the tooltip).
TOPES = {COL_NOMBRE: 250, COL_CATEGORIA: 170, COL_INSTITUCION: 200, COL_TERRITORIOS: 220, COL_CONTACTO: 240}


def _combo(primero: str, opciones: dict[str, str], ayuda: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(primero, None)
    for clave, texto in opciones.items():
        combo.addItem(traducir(texto), clave)
    combo.setToolTip(ayuda)
    # Long category names would make the filter row wider than a 1024-pixel screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


class PaginaActores(SeleccionPorId, QWidget):
    clave = "actores"
    titulo = _("Actores")

    def __init__(self, ctx: Contexto, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._primera_carga = True
        self._claves: dict[int, str] = {}  # actor id -> folded text the search looks into
        self._sincronizando = False  # table <-> grid selection, without echoing back
        self._divisor_repartido = False
        self.filas_en_grilla: list[FilaActor] = []  # what the grid shows: the rows that pass the filters

        self.modelo: ModeloTabla[FilaActor] = ModeloTabla(COLUMNAS, self)
        self.proxy = FiltroActores(self)
        self.proxy.setSourceModel(self.modelo)

        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self.recargar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        accion = partial(nueva_accion, self, contexto=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.accion_nuevo = accion(_("Nuevo actor"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                   _("Registrar una institución, organización o persona (Insert o Ctrl+Shift+N)"),
                                   self.nuevo)
        self.accion_editar = accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                    _("Editar el actor elegido (Enter o doble clic)"), self.editar,
                                    contexto=Qt.ShortcutContext.WidgetShortcut)
        self.accion_eliminar = accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                      _("Eliminar el actor elegido (Supr)"), self.eliminar,
                                      contexto=Qt.ShortcutContext.WidgetShortcut)
        self.addAction(self.accion_nuevo)

    def _crear_vista(self) -> None:
        barra = QToolBar(_("Actores"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nuevo, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        # Excel (export, blank template, import) and PDF; Ctrl+P prints the view being looked at.
        self.datos = AccionesDatos(self.ctx, "actores", self, vista_actual=lambda: (
            "grilla" if self.vistas.currentIndex() == PESTANA_GRILLA else "matriz"))
        self.datos.agregar_a(barra)

        self.filtro = QLineEdit()
        self.filtro.setPlaceholderText(_("Buscar nombre, sigla, contacto, territorio…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setMinimumWidth(260)
        self.filtro.setAccessibleName(_("Buscar actores"))
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(self._ir_a_lista)
        arriba = QHBoxLayout()
        arriba.setContentsMargins(0, 0, 0, 0)
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.filtro)

        self.filtro_categoria = _combo(_("Todas"), CATEGORIAS, _("Mostrar solo los actores de esta categoría"))
        self.filtro_nivel = _combo(_("Todos"), NIVELES, _("Mostrar solo los actores de este nivel"))
        self.filtro_territorio = _combo(_("Todos"), {}, _("Mostrar solo los actores que actúan en este territorio"))
        self.filtro_postura = _combo(_("Todas"), POSTURAS, _("Mostrar solo los actores con esta postura"))
        self.filtro_territorio.setMinimumContentsLength(9)
        self.filtro_postura.setMinimumContentsLength(6)
        self.filtro_nivel.setMinimumContentsLength(7)
        self.boton_quitar_filtros = QPushButton(_("&Quitar filtros"))
        self.boton_quitar_filtros.clicked.connect(self.limpiar_filtros)
        self.filtros = QWidget()
        capa_filtros = QHBoxLayout(self.filtros)
        capa_filtros.setContentsMargins(0, 0, 0, 0)
        capa_filtros.setSpacing(4)
        for texto, combo in ((_("C&ategoría:"), self.filtro_categoria), (_("Ni&vel:"), self.filtro_nivel),
                             (_("&Territorio:"), self.filtro_territorio), (_("&Postura:"), self.filtro_postura)):
            etiqueta = QLabel(texto)
            etiqueta.setBuddy(combo)
            if combo is not self.filtro_categoria:
                etiqueta.setContentsMargins(8, 0, 0, 0)  # a gap from the previous list, cheaper than spacing
            capa_filtros.addWidget(etiqueta)
            capa_filtros.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._filtrar)
        capa_filtros.addWidget(self.boton_quitar_filtros)

        self.tabla = tabla_de_registros(self.proxy)
        # Column widths from the first rows only: measuring every row of a long list slows each reload.
        self.tabla.horizontalHeader().setResizeContentsPrecision(40)
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(COL_NOMBRE, Qt.SortOrder.AscendingOrder)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().height() + 12)
        self.tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabla.horizontalHeader().setStretchLastSection(True)
        self.tabla.addAction(self.accion_editar)
        self.tabla.addAction(self.accion_eliminar)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._seleccion_cambiada())
        self.tabla.setAccessibleName(_("Matriz de actores"))

        self.grilla = GrillaPoderInteres()
        self.grilla.addAction(self.accion_editar)
        self.grilla.addAction(self.accion_eliminar)
        self.grilla.actor_elegido.connect(self._elegido_en_grilla)
        self.grilla.movido.connect(self.mover)

        self.vistas = QTabWidget()
        self.vistas.addTab(self.tabla, _("&Matriz"))
        self.vistas.addTab(self.grilla, _("&Grilla poder/interés"))
        self.vistas.setDocumentMode(True)
        self.vistas.currentChanged.connect(self._vista_cambiada)

        self.ficha = QTextBrowser()
        self.ficha.setOpenLinks(False)
        self.ficha.anchorClicked.connect(self._enlace)
        self.ficha.setAccessibleName(_("Ficha del actor elegido"))

        self.divisor = QSplitter(Qt.Orientation.Vertical)
        self.divisor.addWidget(self.vistas)
        self.divisor.addWidget(self.ficha)
        self.divisor.setChildrenCollapsible(False)
        self.divisor.setStretchFactor(0, 3)
        self.divisor.setStretchFactor(1, 2)

        contenido = QWidget()
        capa_contenido = QVBoxLayout(contenido)
        capa_contenido.setContentsMargins(0, 0, 0, 0)
        capa_contenido.addWidget(self.filtros)
        capa_contenido.addWidget(self.divisor, 1)

        self.pila_vistas = QStackedWidget()
        self.pila_vistas.addWidget(contenido)
        self.pila_vistas.addWidget(self._crear_vacio())

        self.estado = QLabel()
        self.estado.setStyleSheet(f"color: {GRIS};")

        capa = QVBoxLayout(self)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.addLayout(arriba)
        capa.addWidget(self.pila_vistas, 1)
        capa.addWidget(self.estado)
        self.setFocusProxy(self.tabla)

    def _crear_vacio(self) -> QWidget:
        vacio = EstadoVacio(
            _("Todavía no hay actores. Registre el primero con «Nuevo actor»."),
            _("La matriz de actores reúne a las instituciones, organizaciones y personas que "
              "importan para la articulación: quién aporta qué, dónde actúa, cuánto le interesa "
              "y cuánto puede influir. La grilla de poder e interés muestra a quién gestionar de "
              "cerca, a quién mantener satisfecho, informado o solo monitorear."),
            _("Nuevo actor"))
        self.boton_primero = vacio.boton
        self.boton_primero.clicked.connect(self.nuevo)
        # An empty register is when a coordinator brings the spreadsheet they already have.
        self.boton_importar_vacio = vacio.agregar_boton(_("Importar desde Excel…"))
        self.boton_importar_vacio.clicked.connect(lambda: self.datos.importar())
        self.boton_importar_vacio.setEnabled(not self.ctx.solo_lectura)
        return vacio

    # -- datos ------------------------------------------------------------------------------------------------
    def recargar(self) -> None:
        """Vuelve a leer la lista y conserva el actor elegido (o el que ocupa su lugar si se eliminó)."""
        elegido, fila_vista = self.actor_actual(), self.tabla.currentIndex().row()
        mid = self.ctx.municipio_id
        filas, territorios = self.ctx.leer(lambda s: (listar_actores(s, mid), opciones_territorio(s, mid)))
        self._cargar_territorios(territorios)
        self._claves = {f.id: formato.sin_tildes(" ".join((f.nombre, f.sigla, f.contacto, f.telefono, f.correo, f.territorios,
                                               f.institucion, f.cargo))) for f in filas}
        self.modelo.cargar(filas)
        self._ajustar_columnas()
        self._aplicar_filtros()
        perdido = elegido is None or not self.seleccionar(elegido)
        if perdido and self.proxy.rowCount() and (fila_vista >= 0 or self._primera_carga):
            # The chosen actor is gone (deleted): the one now in its place is chosen, as in a file list.
            self._elegir_fila_vista(min(max(fila_vista, 0), self.proxy.rowCount() - 1))
        self._primera_carga = False
        self._actualizar()

    def _cargar_territorios(self, territorios: list[tuple[int, str]]) -> None:
        combo = self.filtro_territorio
        actual = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("Todos"), None)
        for ident, nombre in territorios:
            combo.addItem(nombre, ident)
        combo.addItem(_("Sin territorio marcado"), SIN_TERRITORIO)
        combo.setCurrentIndex(max(0, combo.findData(actual)))
        combo.blockSignals(False)

    def _ajustar_columnas(self) -> None:
        """Anchos según el contenido, con tope para los textos largos (nombre, territorios, contacto)."""
        if not self.modelo.rowCount():
            return
        self.tabla.resizeColumnsToContents()
        cabecera = self.tabla.horizontalHeader()
        for col, tope in TOPES.items():
            if cabecera.sectionSize(col) > tope:
                cabecera.resizeSection(col, tope)

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    # -- filtros ----------------------------------------------------------------------------------------------
    def condicion(self) -> Callable[[FilaActor], bool] | None:
        """El filtro de la búsqueda y las listas, como función sobre la fila; None si no hay ninguno."""
        texto = formato.sin_tildes(self.filtro.text().strip())
        categoria, nivel = self.filtro_categoria.currentData(), self.filtro_nivel.currentData()
        territorio, postura = self.filtro_territorio.currentData(), self.filtro_postura.currentData()
        if not texto and categoria is None and nivel is None and territorio is None and postura is None:
            return None
        palabras = texto.split()
        claves = self._claves

        def pasa(f: FilaActor) -> bool:
            if categoria is not None and f.categoria != categoria:
                return False
            if nivel is not None and f.nivel != nivel:
                return False
            if postura is not None and f.postura != postura:
                return False
            if territorio == SIN_TERRITORIO:
                if f.territorio_ids:
                    return False
            elif territorio is not None and territorio not in f.territorio_ids:
                return False
            clave = claves.get(f.id, "")
            return all(p in clave for p in palabras)  # every word, in any order: «salud san miguel»

        return pasa

    def _aplicar_filtros(self) -> None:
        condicion = self.condicion()
        self.proxy.fijar_condicion(condicion)
        self.boton_quitar_filtros.setEnabled(condicion is not None)
        self._cargar_grilla()

    def _cargar_grilla(self) -> None:
        condicion = self.condicion()
        filas = self.modelo.filas()
        self.filas_en_grilla = filas if condicion is None else [f for f in filas if condicion(f)]
        self.grilla.cargar(self.filas_en_grilla)
        self.grilla.seleccionar(self.actor_actual())

    def _filtrar(self) -> None:
        elegido = self.actor_actual()
        self._aplicar_filtros()
        if (elegido is None or not self.seleccionar(elegido)) and self.proxy.rowCount():
            self._elegir_fila_vista(0)
        self._actualizar()

    def limpiar_filtros(self) -> None:
        for combo in (self.filtro_categoria, self.filtro_nivel, self.filtro_territorio, self.filtro_postura):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.filtro.clear()  # refilters once
        self._filtrar()

    # -- selección --------------------------------------------------------------------------------------------
    actor_actual = SeleccionPorId.id_actual

    def mostrar_actor(self, actor_id: int) -> None:
        """Elige el actor; si un filtro lo oculta, quita los filtros para que se vea."""
        if not self.seleccionar(actor_id):
            self.limpiar_filtros()
            self.seleccionar(actor_id)

    def _ir_a_lista(self) -> None:
        if self.proxy.rowCount():
            if self.actor_actual() is None:
                self._elegir_fila_vista(0)
            self.vistas.currentWidget().setFocus()

    def _seleccion_cambiada(self) -> None:
        if not self._sincronizando:
            self._sincronizando = True
            try:
                self.grilla.seleccionar(self.actor_actual())
            finally:
                self._sincronizando = False
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _elegido_en_grilla(self, actor_id: int) -> None:
        if self._sincronizando:
            return
        self._sincronizando = True
        try:
            self.seleccionar(actor_id)
        finally:
            self._sincronizando = False

    def _vista_cambiada(self, indice: int) -> None:
        # The wide matrix wants the record below it; the square grid wants it beside it.
        orientacion = Qt.Orientation.Horizontal if indice == PESTANA_GRILLA else Qt.Orientation.Vertical
        if self.divisor.orientation() != orientacion:
            self.divisor.setOrientation(orientacion)
            self._repartir_divisor()
            self._mostrar_ficha()

    def _repartir_divisor(self) -> None:
        grilla = self.divisor.orientation() == Qt.Orientation.Horizontal
        total = self.divisor.width() if grilla else self.divisor.height()
        principal = int(total * (0.70 if grilla else 0.64))
        self.divisor.setSizes([principal, max(total - principal, 1)])

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().showEvent(evento)
        if not self._divisor_repartido:
            # Sizes are only known once shown; after that the user's own split is kept.
            self._divisor_repartido = True
            self._repartir_divisor()

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila_vistas.setCurrentIndex(0 if total else 1)
        self.filtro.setVisible(bool(total))  # nothing to search in an empty list
        visibles = self.filas_visibles() if self.proxy.rowCount() != total else self.modelo.filas()
        cuenta = Counter(f.cuadrante for f in visibles)
        if len(visibles) == total:
            texto = n_("{n} actor", "{n} actores", total).format(n=formato.entero(total))
        else:
            texto = n_("Se muestran {v} de {n} actor", "Se muestran {v} de {n} actores", total).format(
                v=formato.entero(len(visibles)), n=formato.entero(total))
        if visibles:
            texto += " · " + " · ".join(f"{traducir(CUADRANTES[c])}: {formato.entero(cuenta[c])}"
                                        for c in ORDEN_CUADRANTES)
        self.estado.setText(texto)
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _actualizar_acciones(self) -> None:
        hay = self.actor_actual() is not None
        escribible = not self.ctx.solo_lectura
        self.accion_nuevo.setEnabled(escribible)
        self.boton_primero.setEnabled(escribible)
        self.accion_editar.setEnabled(hay)
        # Read-only: the same action opens the record for reading.
        self.accion_editar.setText(_("Editar") if escribible else _("Ver ficha"))
        self.accion_eliminar.setEnabled(hay and escribible)
        if self.grilla.solo_lectura() != (not escribible):
            self.grilla.fijar_solo_lectura(not escribible)

    def _mostrar_ficha(self) -> None:
        aid = self.actor_actual()
        if aid is None:
            if self.modelo.rowCount() and not self.proxy.rowCount():
                aviso = _("Ningún actor coincide con la búsqueda o los filtros.")
            else:
                aviso = _("Elija un actor de la matriz o de la grilla para ver su ficha.")
            self.ficha.setHtml(f"<p style='color:{GRIS}'>{escape(aviso)}</p>")
            return
        try:
            ficha = self.ctx.leer(lambda s: ficha_actor(s, aid))
        except ErrorDeUsuario as exc:  # deleted elsewhere between the list and this read
            self.ficha.setHtml(f"<p style='color:{ROJO}'>{escape(exc.mensaje)}</p>")
            return
        self.ficha.setHtml(html_ficha(ficha, varias_columnas=self.divisor.orientation() == Qt.Orientation.Vertical))

    def _enlace(self, url: QUrl) -> None:
        texto = url.toString()
        if texto.startswith("actor:"):
            self.mostrar_actor(int(texto.split(":", 1)[1]))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): el impreso de la vista que se mira."""
        return self.datos.impreso_actual()

    def buscar(self) -> None:
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def nuevo(self) -> None:
        if self.ctx.solo_lectura:
            return
        dialogo = DialogoActor(self.ctx, None, self)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.actor_id is not None:
            self.mostrar_actor(dialogo.actor_id)

    def editar(self) -> None:
        aid = self.actor_actual()
        if aid is None:
            return
        dialogo = DialogoActor(self.ctx, aid, self)
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self.mostrar_actor(aid)

    def texto_confirmacion(self, ficha: FichaActor) -> str:
        texto = _("¿Eliminar el actor «{nombre}»?").format(nombre=ficha.datos.nombre)
        consecuencias = describir_baja(ficha)
        if consecuencias:
            texto += "\n\n" + "\n".join(f"• {c}" for c in consecuencias)
        return texto + "\n\n" + _("Puede deshacerlo con Ctrl+Z (Editar > Deshacer).")

    def confirmar(self, texto: str) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Warning, _("Eliminar actor"), texto, parent=self)
        si = caja.addButton(_("Eliminar"), QMessageBox.ButtonRole.DestructiveRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.exec()
        return caja.clickedButton() is si

    def eliminar(self) -> None:
        aid = self.actor_actual()
        if aid is None or self.ctx.solo_lectura:
            return
        try:
            ficha = self.ctx.leer(lambda s: ficha_actor(s, aid))
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo eliminar"), str(exc))
            return
        if not self.confirmar(self.texto_confirmacion(ficha)):
            return
        nombre = ficha.datos.nombre
        comando = ComandoServicio(
            self.ctx, _("Eliminar el actor «{nombre}»").format(nombre=nombre), {"actor", "territorio"},
            hacer=lambda s: eliminar_actor(s, aid),
            deshacer=lambda s, copia: restaurar_actor(s, copia),
            rehacer=lambda s, _aid: eliminar_actor(s, aid),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo eliminar"), str(exc))
            return
        self.ctx.mensaje.emit(_("Actor «{nombre}» eliminado. Ctrl+Z lo restaura.").format(nombre=nombre))

    def mover(self, actor_id: int, interes: int, influencia: int) -> bool:
        """Lo que hace soltar un punto en otra celda de la grilla: nuevo interés e influencia, con deshacer."""
        n = self.modelo.buscar_id(actor_id)
        if self.ctx.solo_lectura or n < 0:
            self._cargar_grilla()  # the point goes back where the data says
            return False
        fila = self.modelo.fila(n)
        comando = ComandoServicio(
            self.ctx, _("Mover «{nombre}» en la grilla").format(nombre=fila.nombre), "actor",
            hacer=lambda s: fijar_poder_interes(s, actor_id, interes, influencia),
            deshacer=lambda s, anterior: fijar_poder_interes(s, actor_id, *anterior),
            rehacer=lambda s, nuevo: fijar_poder_interes(s, actor_id, *nuevo),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            self._cargar_grilla()
            self.ctx.mensaje.emit(str(exc))
            return False
        self.ctx.mensaje.emit(_("«{nombre}»: interés {i}, influencia {f} ({cuadrante}). Ctrl+Z lo deshace.").format(
            nombre=fila.nombre, i=interes, f=influencia,
            cuadrante=traducir(CUADRANTES[cuadrante(interes, influencia)])))
        return True
