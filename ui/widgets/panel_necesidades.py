"""Necesidades de un territorio, en el orden de prioridad de la comunidad.

La lista se ordena arrastrando filas (o con Ctrl+↑ / Ctrl+↓ sobre la elegida), o con «Priorizar por votos»; los
empates se muestran como tales. Cada cambio pasa por un servicio dentro de una orden deshacible.

«Excel ▾» (ui/acciones_datos.py) exporta, da la plantilla e importa las necesidades de todo el municipio (una
columna Territorio), no solo las del territorio elegido.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from nucleo.servicios.necesidades import (
    FilaNecesidad,
    eliminar_necesidad,
    listar_necesidades,
    ordenar_prioridades,
    priorizar_por_votos,
    restaurar_necesidad,
    restaurar_prioridades,
    resumen,
)
from nucleo.servicios.territorios import obtener_territorio
from ui.acciones_datos import AccionesDatos
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.necesidad import DialogoNecesidad, corto
from ui.estilo import TEXTO_SECUNDARIO
from ui.modelos.filtro import FiltroTabla
from ui.modelos.necesidades import (
    COL_FUENTE,
    COL_NECESIDAD,
    COL_PILAR,
    COL_POBLACION,
    COL_PRIORIDAD,
    COL_RESPUESTA,
    ModeloNecesidades,
    nuevo_orden,
)
from ui.modelos.tabla import ROL_ID
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.ordenes import ejecutar_con_aviso
from ui.widgets.seleccion import SeleccionPorId, elegir_fila
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"necesidad", "cruce", "oportunidad", "territorio"})
# Width caps (px): these texts wrap to a second line; the description takes what is left.
TOPES = {COL_PILAR: 140, COL_POBLACION: 130, COL_FUENTE: 150, COL_RESPUESTA: 120}


class PanelNecesidades(SeleccionPorId, QWidget):
    """`fijar_territorio(tid)` muestra las necesidades de ese territorio; `buscar()` enfoca el filtro."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.territorio_id: int | None = None
        self.territorio = ""
        self._crear_acciones()
        self._crear_vista()
        self.modelo.reordenado.connect(self.ordenar, Qt.ConnectionType.QueuedConnection)
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        accion = partial(nueva_accion, self)

        self.accion_nueva = accion(_("Nueva necesidad"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                   _("Registrar una necesidad planteada por la comunidad (Insert o Ctrl+Shift+N)"),
                                   self.nueva, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_editar = accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                    _("Editar la necesidad elegida (Enter o doble clic)"), self.editar)
        self.accion_eliminar = accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                      _("Eliminar la necesidad elegida (Supr)"), self.eliminar)
        self.accion_subir = accion(_("Subir"), ["Ctrl+Up"], _("Darle más prioridad: sube un puesto (Ctrl+↑)"),
                                   lambda: self.mover(-1))
        self.accion_bajar = accion(_("Bajar"), ["Ctrl+Down"], _("Darle menos prioridad: baja un puesto (Ctrl+↓)"),
                                   lambda: self.mover(1))
        self.accion_votos = accion(_("Priorizar por votos"), [],
                                   _("Ordenar por los votos del taller: más votos, más prioridad; los mismos votos "
                                     "dan un empate"), self.priorizar_por_votos)
        self.addAction(self.accion_nueva)

    def _crear_vista(self) -> None:
        barra = QToolBar(_("Necesidades"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nueva, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        barra.addSeparator()
        for a in (self.accion_subir, self.accion_bajar, self.accion_votos):
            barra.addAction(a)
        # `hoy` is read when used: the page may fix the panel's day after building it.
        self.datos = AccionesDatos(self.ctx, "necesidades", self, hoy=lambda: self.hoy())
        self.datos.agregar_a(barra)

        self.filtro = QLineEdit()
        self.filtro.setPlaceholderText(_("Buscar en las necesidades…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setMinimumWidth(240)
        self.filtro.setAccessibleName(_("Buscar necesidades"))
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(lambda: self.tabla.setFocus())
        arriba = QHBoxLayout()
        arriba.setContentsMargins(0, 0, 0, 0)
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.filtro)

        self.modelo = ModeloNecesidades(self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self.tabla = tabla_de_registros(self.proxy)
        # Two lines per row: a need is a sentence, and the pillar and population names are long.
        self.tabla.setWordWrap(True)
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().lineSpacing() * 2 + 12)
        # The list is the ranking: dragging a row changes its priority (the model computes the new order).
        self.tabla.setDragEnabled(True)
        self.tabla.setAcceptDrops(True)
        self.tabla.setDropIndicatorShown(True)
        self.tabla.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tabla.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tabla.setDragDropOverwriteMode(False)
        cab = self.tabla.horizontalHeader()
        cab.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        cab.setStretchLastSection(False)
        for a in (self.accion_editar, self.accion_eliminar, self.accion_subir, self.accion_bajar):
            self.tabla.addAction(a)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._seleccion_cambiada())
        self.tabla.setAccessibleName(_("Necesidades por prioridad"))

        self.detalle = QLabel()
        self.detalle.setWordWrap(True)
        self.detalle.setTextFormat(Qt.TextFormat.RichText)
        self.detalle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detalle.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        marco = QFrame()
        marco.setProperty("tarjeta", True)
        capa_marco = QVBoxLayout(marco)
        capa_marco.setContentsMargins(10, 8, 10, 8)
        capa_marco.addWidget(self.detalle)
        marco.setMinimumHeight(self.fontMetrics().height() * 4 + 16)

        contenido = QWidget()
        capa_contenido = QVBoxLayout(contenido)
        capa_contenido.setContentsMargins(0, 0, 0, 0)
        capa_contenido.addWidget(self.tabla, 1)
        capa_contenido.addWidget(marco)

        self.pila = QStackedWidget()
        self.pila.addWidget(contenido)
        self.pila.addWidget(self._crear_vacio())

        self.estado = texto_secundario("", self)
        self.estado.setWordWrap(True)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addLayout(arriba)
        capa.addWidget(self.pila, 1)
        capa.addWidget(self.estado)
        self.setFocusProxy(self.tabla)

    def _crear_vacio(self) -> QWidget:
        # The title depends on the territory: _actualizar sets it.
        vacio = EstadoVacio(
            "",
            _("Registre las necesidades y déficits que la comunidad plantea en los talleres, las "
              "encuestas o los registros: su dimensión, el pilar del SPS y la población afectada. "
              "Después, la comunidad las prioriza (ordenándolas o votando) y el cruce "
              "oferta–demanda muestra cuáles tienen respuesta en el Mapa de Oportunidades."),
            _("Nueva necesidad"))
        self.titulo_vacio = vacio.titulo
        self.titulo_vacio.show()  # hidden while empty; its text is set on every refresh
        self.boton_primera = vacio.boton
        self.boton_primera.clicked.connect(self.nueva)
        return vacio

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_territorio(self, territorio_id: int | None) -> None:
        if territorio_id == self.territorio_id and self.modelo.rowCount():
            return
        self.territorio_id = territorio_id
        self.recargar(elegir_primera=True)

    def recargar(self, elegir_primera: bool = False) -> None:
        """Vuelve a leer la lista y conserva la necesidad elegida (o la que ocupa su lugar si se eliminó)."""
        elegida, fila_vista = self.necesidad_actual(), self.tabla.currentIndex().row()
        if elegir_primera:  # another territory: its first need, not the row the previous one had
            elegida, fila_vista = None, 0
        tid, mid = self.territorio_id, self.ctx.municipio_id
        if tid is None:
            filas: list[FilaNecesidad] = []
            self.territorio = ""
        else:
            filas = self.ctx.leer(lambda s: listar_necesidades(s, mid, tid))
            self.territorio = self._nombre_territorio(tid)
        self.modelo.arrastrable = not self.ctx.solo_lectura
        self.modelo.cargar(filas)
        self._ajustar_columnas()
        perdida = elegida is None or not self.seleccionar(elegida)
        if perdida and self.proxy.rowCount() and (elegir_primera or fila_vista >= 0):
            elegir_fila(self.tabla, self.proxy, min(max(fila_vista, 0), self.proxy.rowCount() - 1))
        self._actualizar()

    def _nombre_territorio(self, tid: int) -> str:
        try:
            return self.ctx.leer(lambda s: obtener_territorio(s, tid).nombre)
        except ErrorDeUsuario:  # deleted meanwhile: the page picks another one
            return ""

    def _ajustar_columnas(self) -> None:
        """Anchos según el contenido, con tope; la descripción se queda con el resto (en dos líneas)."""
        cab = self.tabla.horizontalHeader()
        if not self.modelo.rowCount():
            return
        self.tabla.resizeColumnsToContents()
        cab.setSectionResizeMode(COL_NECESIDAD, QHeaderView.ResizeMode.Stretch)
        cab.resizeSection(COL_PRIORIDAD, max(cab.sectionSize(COL_PRIORIDAD), 96))
        for col, tope in TOPES.items():
            if cab.sectionSize(col) > tope:
                cab.resizeSection(col, tope)

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def _filtrar(self) -> None:
        elegida = self.necesidad_actual()
        self.proxy.setFilterFixedString(self.filtro.text().strip())
        if (elegida is None or not self.seleccionar(elegida)) and self.proxy.rowCount():
            elegir_fila(self.tabla, self.proxy, 0)
        self._actualizar()

    # -- selección --------------------------------------------------------------------------------------------
    necesidad_actual = SeleccionPorId.id_actual

    def _seleccion_cambiada(self) -> None:
        self._actualizar_acciones()
        self._mostrar_detalle()

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila.setCurrentIndex(0 if total else 1)
        self.filtro.setVisible(bool(total))
        if self.territorio_id is None:
            self.titulo_vacio.setText(_("Elija un territorio para ver sus necesidades."))
        else:
            self.titulo_vacio.setText(_("Todavía no hay necesidades registradas en «{territorio}».").format(
                territorio=self.territorio))
        filas = self.modelo.filas()
        texto = resumen(filas) if total else ""
        visibles = self.proxy.rowCount()
        if total and visibles != total:
            texto = n_("Se muestran {v} de {n} necesidad", "Se muestran {v} de {n} necesidades", total).format(
                v=formato.entero(visibles), n=formato.entero(total))
        elif total and not self.ctx.solo_lectura:
            texto += " · " + _("Arrastre las filas, o use Ctrl+↑ y Ctrl+↓, para ordenar la prioridad de la "
                               "comunidad.")
        self.estado.setText(texto)
        self._actualizar_acciones()
        self._mostrar_detalle()

    def _actualizar_acciones(self) -> None:
        hay = self.necesidad_actual() is not None
        escribible = not self.ctx.solo_lectura and self.territorio_id is not None
        filtrada = self.proxy.rowCount() != self.modelo.rowCount()
        fila = self.tabla.currentIndex().row() if hay else -1
        self.accion_nueva.setEnabled(escribible)
        self.boton_primera.setEnabled(escribible)
        self.boton_primera.setVisible(self.territorio_id is not None)
        self.accion_editar.setEnabled(hay)
        self.accion_editar.setText(_("Editar") if not self.ctx.solo_lectura else _("Ver ficha"))
        self.accion_eliminar.setEnabled(hay and escribible)
        self.accion_subir.setEnabled(hay and escribible and fila > 0)
        self.accion_bajar.setEnabled(hay and escribible and 0 <= fila < self.proxy.rowCount() - 1)
        self.accion_votos.setEnabled(escribible and any(f.votos is not None for f in self.modelo.filas()))
        self.tabla.setDragEnabled(escribible and not filtrada)

    def _mostrar_detalle(self) -> None:
        f = self.fila_actual()
        if f is None:
            aviso = _("Elija una necesidad para ver su descripción completa y sus notas.")
            self.detalle.setText(f"<span style='color:{TEXTO_SECUNDARIO}'>{escape(aviso)}</span>")
            return
        origen = _("{fuente} del {fecha}").format(fuente=f.fuente_texto, fecha=f.fecha_texto) if f.fecha \
            else f.fuente_texto
        partes = [f"<b>{escape(f.descripcion)}</b>",
                  f"<span style='color:{TEXTO_SECUNDARIO}'>{escape(origen)}"
                  + (" · " + escape(_("Notas: {notas}").format(notas=f.notas)) if f.notas else "") + "</span>"]
        self.detalle.setText("<br>".join(partes))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        if not self.filtro.isVisible():
            self.tabla.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def nueva(self) -> None:
        if self.ctx.solo_lectura or self.territorio_id is None:
            return
        dialogo = DialogoNecesidad(self.ctx, None, self, territorio_id=self.territorio_id, hoy=self.hoy())
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.necesidad_id is not None:
            self._mostrar(dialogo.necesidad_id)

    def editar(self) -> None:
        nid = self.necesidad_actual()
        if nid is None:
            return
        dialogo = DialogoNecesidad(self.ctx, nid, self, hoy=self.hoy())
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self._mostrar(nid)

    def _mostrar(self, necesidad_id: int) -> None:
        if not self.seleccionar(necesidad_id):
            self.filtro.clear()
            self.seleccionar(necesidad_id)

    def texto_confirmacion(self, f: FilaNecesidad) -> str:
        texto = _("¿Eliminar la necesidad «{texto}»?").format(texto=corto(f.descripcion, 90))
        if f.confirmadas:
            texto += "\n\n• " + n_("Se pierde {n} oportunidad confirmada en el cruce oferta–demanda.",
                                   "Se pierden {n} oportunidades confirmadas en el cruce oferta–demanda.",
                                   f.confirmadas).format(n=formato.entero(f.confirmadas))
        if f.prioridad is not None:
            texto += "\n\n• " + _("Las necesidades de menor prioridad suben un puesto.")
        return texto + "\n\n" + _("Puede deshacerlo con Ctrl+Z (Editar > Deshacer).")

    def confirmar(self, texto: str) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Warning, _("Eliminar necesidad"), texto, parent=self)
        si = caja.addButton(_("Eliminar"), QMessageBox.ButtonRole.DestructiveRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.exec()
        return caja.clickedButton() is si

    def eliminar(self) -> bool:
        f = self.fila_actual()
        if f is None or self.ctx.solo_lectura or not self.confirmar(self.texto_confirmacion(f)):
            return False
        nid = f.id
        comando = ComandoServicio(
            self.ctx, _("Eliminar la necesidad «{texto}»").format(texto=corto(f.descripcion)), "necesidad",
            hacer=lambda s: eliminar_necesidad(s, nid),
            deshacer=lambda s, copia: restaurar_necesidad(s, copia),
            rehacer=lambda s, _nid: eliminar_necesidad(s, nid),
        )
        return self._ejecutar(comando, _("Necesidad eliminada. Ctrl+Z la restaura."), _("No se pudo eliminar"))

    def mover(self, paso: int) -> bool:
        """Sube (-1) o baja (+1) la necesidad elegida un puesto entre las que se ven (Ctrl+↑ / Ctrl+↓)."""
        nid = self.necesidad_actual()
        if nid is None or self.ctx.solo_lectura:
            return False
        fila = self.tabla.currentIndex().row()
        vecina = fila + paso
        if not 0 <= vecina < self.proxy.rowCount():
            return False
        otra = self.proxy.index(vecina, 0).data(ROL_ID)
        ids = [f.id for f in self.modelo.filas()]
        return self.ordenar(nuevo_orden(ids, nid, ids.index(otra), sobre=True))

    def ordenar(self, orden: list[int]) -> bool:
        """Guarda el orden de prioridad dado (el de arrastrar una fila), con deshacer."""
        if self.ctx.solo_lectura or self.territorio_id is None:
            return False
        tid, mid, orden = self.territorio_id, self.ctx.municipio_id, list(orden)
        elegida = self.necesidad_actual()
        comando = ComandoServicio(
            self.ctx, _("Ordenar las prioridades de «{territorio}»").format(territorio=self.territorio), "necesidad",
            hacer=lambda s: ordenar_prioridades(s, mid, tid, orden),
            deshacer=lambda s, anteriores: restaurar_prioridades(s, anteriores),
            rehacer=lambda s, nuevas: restaurar_prioridades(s, nuevas),
        )
        hecho = self._ejecutar(comando, _("Prioridades ordenadas. Ctrl+Z lo deshace."), _("No se pudo ordenar"))
        if hecho and elegida is not None:
            self.seleccionar(elegida)
        return hecho

    def priorizar_por_votos(self) -> bool:
        if self.ctx.solo_lectura or self.territorio_id is None:
            return False
        tid, mid = self.territorio_id, self.ctx.municipio_id
        comando = ComandoServicio(
            self.ctx, _("Priorizar por votos las necesidades de «{territorio}»").format(territorio=self.territorio),
            "necesidad",
            hacer=lambda s: priorizar_por_votos(s, mid, tid),
            deshacer=lambda s, anteriores: restaurar_prioridades(s, anteriores),
            rehacer=lambda s, nuevas: restaurar_prioridades(s, nuevas),
        )
        if not self._ejecutar(comando, "", _("No se pudo priorizar")):
            return False
        self.ctx.mensaje.emit(_("Prioridad según los votos: {resumen}. Ctrl+Z lo deshace.").format(
            resumen=resumen(self.modelo.filas())))
        return True

    _ejecutar = ejecutar_con_aviso
