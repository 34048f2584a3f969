"""Hoja de ruta de un territorio: dónde está (línea de etapas y semáforo), qué sigue, y la edición de cada etapa
con sus documentos de evidencia.

La página compone: selector de territorio e inicio de la ruta, resumen, línea de etapas, tabla de etapas, el editor
de la etapa elegida (ui/widgets/editor_etapa.py) y sus documentos (ui/widgets/documentos.py). Todo cambio pasa por
un servicio dentro de una orden deshacible (ctx.ejecutar); la página solo lee y muestra.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.calendario import CUMPLIDA
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.servicios.hoja_de_ruta import (
    FilaEtapa,
    ResumenRuta,
    actualizar_etapa,
    fijar_inicio,
    resumen_ruta,
)
from nucleo.servicios.territorios import FilaTerritorio, listar_territorios
from ui.contexto import ComandoServicio, Contexto
from ui.modelos.etapas import ModeloEtapas, estado_etapa
from ui.paginas.por_territorio import llenar_territorios
from ui.widgets import semaforo as luz
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.documentos import PanelDocumentos
from ui.widgets.editor_etapa import EditorEtapa
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import MarcadorErrores, etiqueta_error, texto_secundario
from ui.widgets.linea_de_ruta import LineaDeRuta, PasoRuta
from ui.widgets.resumen_ruta import TarjetaResumenRuta
from ui.widgets.semaforo import DelegadoSemaforo, LeyendaSemaforo


def nombre_corto(fila: FilaEtapa) -> str:
    """Nombre breve de la etapa para la línea de la ruta (el proceso completo no cabe bajo un círculo)."""
    nombres = {
        "1-a": _("Acuerdo marco"),
        "1-b": _("Selección"),
        "1-c": _("Coordinador"),
        "2": _("Oportunidades"),
        "3": _("Diagnóstico"),
        "4": _("Plan de Acción"),
        "5": _("Implementación"),
        "6": _("Sistematización"),
    }
    return nombres.get(fila.codigo) or fila.proceso.split(".")[0]




class PaginaHojaDeRuta(QWidget):
    clave = "hoja_de_ruta"
    titulo = _("Hoja de ruta")

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        # The day the traffic light is computed for; tests fix it to the demo's day.
        self.hoy: Callable[[], date] = hoy or date.today
        self._territorio_id: int | None = None
        self._resumen: ResumenRuta | None = None
        self._etapa_id: int | None = None  # the stage shown in the editor
        self._ajustando = False  # True while the page itself moves a selection: no questions then
        self._forzar_editor = False
        self._divisor_movido = False
        self._construir()
        self._conectar()
        self.ctx.cambiado.connect(self._al_cambiar)
        self.refrescar()

    # ===================================================================================== construcción
    def _construir(self) -> None:
        self.pila = QStackedWidget(self)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.pila)
        self.pila.addWidget(self._construir_vacio())
        self.pila.addWidget(self._construir_contenido())

    def _construir_vacio(self) -> QWidget:
        vacio = EstadoVacio(
            _("Todavía no hay territorios"),
            _("Cree un territorio en la página Territorios para ver su hoja de ruta."),
            _("Ir a &Territorios"), self)
        self.texto_vacio = vacio.texto
        self.boton_ir_territorios = vacio.boton
        self.boton_ir_territorios.clicked.connect(lambda: self.ctx.navegar.emit("territorios", None))
        return vacio

    def _construir_contenido(self) -> QWidget:
        contenido = QWidget(self)
        capa = QVBoxLayout(contenido)
        capa.setContentsMargins(16, 10, 16, 10)
        capa.setSpacing(6)

        # -- territory and start of the route --
        barra = QHBoxLayout()
        barra.setSpacing(8)
        etiqueta_t = QLabel(_("&Territorio:"), contenido)
        self.combo_territorio = QComboBox(contenido)
        self.combo_territorio.setMinimumWidth(260)
        self.combo_territorio.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo_territorio.setToolTip(_("Territorio cuya hoja de ruta se muestra (Ctrl+F)"))
        etiqueta_t.setBuddy(self.combo_territorio)
        barra.addWidget(etiqueta_t)
        barra.addWidget(self.combo_territorio)
        barra.addStretch(1)
        etiqueta_i = QLabel(_("&Inicio de la ruta:"), contenido)
        self.campo_inicio = CampoFecha(contenido)
        self.campo_inicio.setFixedWidth(150)
        self.campo_inicio.setToolTip(_("Fecha en que empieza la etapa 1-a; las demás fechas planificadas se "
                                       "calculan desde aquí."))
        etiqueta_i.setBuddy(self.campo_inicio)
        self.boton_aplicar = QPushButton(_("A&plicar"), contenido)
        self.boton_aplicar.setToolTip(_("Recalcula las fechas planificadas de todas las etapas (Ctrl+Z deshace)."))
        barra.addWidget(etiqueta_i)
        barra.addWidget(self.campo_inicio)
        barra.addWidget(self.boton_aplicar)
        capa.addLayout(barra)

        ayuda = QHBoxLayout()
        ayuda.setSpacing(8)
        self.error_inicio = etiqueta_error(contenido)
        self.ayuda_inicio = texto_secundario(
            _("Plazos en días hábiles de Paraguay: sin fines de semana, feriados ni los días no laborables de "
              "Herramientas."), contenido)
        self.ayuda_inicio.setToolTip(_("Las fechas planificadas de cada etapa se calculan desde el inicio de la "
                                       "ruta contando solo días hábiles: se saltan sábados, domingos, feriados "
                                       "nacionales de Paraguay y los días no laborables que usted cargue en "
                                       "Herramientas > Días no laborables."))
        self.ayuda_inicio.setWordWrap(True)
        self.ayuda_inicio.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        ayuda.addWidget(self.error_inicio, 1)
        ayuda.addWidget(self.ayuda_inicio, 2)
        capa.addLayout(ayuda)
        self.marcador_inicio = MarcadorErrores()
        self.marcador_inicio.registrar("inicio_ruta", self.campo_inicio, self.error_inicio)

        # -- summary strip --
        self.tarjeta = TarjetaResumenRuta(contenido)
        capa.addWidget(self.tarjeta)

        # -- timeline --
        self.linea = LineaDeRuta(contenido)
        self.linea.setToolTip("")
        capa.addWidget(self.linea)

        # -- table + editor --
        cabecera = QHBoxLayout()
        titulo_tabla = QLabel(_("Etapas de la ruta"), contenido)
        f = titulo_tabla.font()
        f.setBold(True)
        titulo_tabla.setFont(f)
        cabecera.addWidget(titulo_tabla)
        cabecera.addStretch(1)
        cabecera.addWidget(LeyendaSemaforo(contenido))
        capa.addLayout(cabecera)

        self.divisor = QSplitter(Qt.Orientation.Vertical, contenido)
        self.divisor.setChildrenCollapsible(False)
        self.divisor.addWidget(self._construir_tabla())
        self.divisor.addWidget(self._construir_editor())
        self.divisor.setStretchFactor(0, 1)
        self.divisor.setStretchFactor(1, 0)
        capa.addWidget(self.divisor, 1)
        return contenido

    def _construir_tabla(self) -> QTableView:
        self.modelo = ModeloEtapas(self)
        self.tabla = QTableView(self)
        self.tabla.setModel(self.modelo)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().hide()
        self.tabla.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.tabla.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tabla.setItemDelegateForColumn(ModeloEtapas.COL_SEMAFORO, DelegadoSemaforo(self.tabla))
        self.tabla.setAccessibleName(_("Etapas de la ruta"))
        cab = self.tabla.horizontalHeader()
        cab.setHighlightSections(False)
        cab.setMinimumSectionSize(48)
        for col in range(self.modelo.columnCount()):
            cab.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2, 3):  # proceso, producto, responsables share what is left
            cab.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.tabla.setMinimumHeight(100)
        return self.tabla

    def _construir_editor(self) -> EditorEtapa:
        self.editor = EditorEtapa(self.ctx, self)
        # The documents sit inside the editor's frame, beside the notes and under its Guardar button.
        self.documentos = PanelDocumentos(self.ctx, self.editor)
        self.editor.agregar_columna(self.documentos, 3)
        return self.editor

    def _conectar(self) -> None:
        self.combo_territorio.currentIndexChanged.connect(self._al_elegir_territorio)
        self.boton_aplicar.clicked.connect(self.aplicar_inicio)
        self.campo_inicio.editor.returnPressed.connect(self.aplicar_inicio)
        self.tabla.selectionModel().currentRowChanged.connect(self._al_cambiar_fila)
        self.tabla.doubleClicked.connect(lambda _i: self.editor.enfocar())
        self.tabla.activated.connect(lambda _i: self.editor.enfocar())
        self.linea.elegido.connect(self._al_elegir_en_linea)
        self.editor.guardar_pedido.connect(self.guardar_etapa)
        self.editor.descartar_pedido.connect(self.descartar_cambios)
        # Tab walks the page top to bottom; in the editor, the fields and documents before the save buttons of
        # its header.
        orden = [self.combo_territorio, self.campo_inicio, self.boton_aplicar, self.linea, self.tabla,
                 *self.editor.campos(), *self.documentos.orden_tabulacion(), self.editor.boton_descartar,
                 self.editor.boton_guardar]
        for antes, despues in zip(orden, orden[1:], strict=False):
            QWidget.setTabOrder(antes, despues)
        self.tabla.installEventFilter(self)
        self.divisor.installEventFilter(self)
        self.divisor.splitterMoved.connect(self._al_mover_divisor)

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - Qt override
        if objeto is self.tabla:
            # Enter on the stage table goes to the editor, as double-click does.
            if evento.type() == QEvent.Type.KeyPress and evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.editor.enfocar()
                return True
            if evento.type() == QEvent.Type.Resize:
                # The viewport is resized after this event: work from the table's new width.
                barra = self.tabla.verticalScrollBar()
                self._ajustar_columnas(evento.size().width() - 2 * self.tabla.frameWidth()
                                       - (barra.sizeHint().width() if barra.isVisible() else 0))
        elif objeto is self.divisor and evento.type() == QEvent.Type.Resize:
            self._ajustar_divisor()
        return super().eventFilter(objeto, evento)

    def _al_mover_divisor(self, *_args) -> None:
        self._divisor_movido = True

    def _ajustar_divisor(self) -> None:
        """Toda la tabla a la vista si cabe; el editor se queda con el resto (hasta que el usuario mueva el divisor)."""
        if self._divisor_movido:
            return
        total = self.divisor.height() - self.divisor.handleWidth()
        if total <= 0:
            return
        t = self.tabla
        completa = (t.horizontalHeader().sizeHint().height() + t.verticalHeader().length() + 2 * t.frameWidth() + 2)
        if t.horizontalScrollBar().isVisible():
            completa += t.horizontalScrollBar().sizeHint().height()
        alto = max(t.minimumHeight(), min(completa, total - self.editor.minimumHeight()))
        self.divisor.setSizes([alto, max(0, total - alto)])
        if t.currentIndex().isValid():
            t.scrollTo(t.currentIndex())

    def _ajustar_columnas(self, ancho: int | None = None) -> None:
        """En pantallas angostas, Producto esperado y Responsables (que el editor muestra) dejan lugar al resto."""
        ancho = self.tabla.viewport().width() if ancho is None else ancho
        cab = self.tabla.horizontalHeader()
        fijas = sum(max(cab.sectionSizeHint(c), self.tabla.sizeHintForColumn(c))
                    for c in range(self.modelo.columnCount()) if c not in (1, 2, 3))
        angosta = ancho - fijas < 3 * 150
        for c in (2, 3):
            self.tabla.setColumnHidden(c, angosta)

    # The window puts pages in a scroll area, which sizes a height-for-width page (wrapped labels) to its
    # *preferred* height: the table would take all its rows and push the editor out of sight. This page fills
    # the height it is given instead; the scroll bar appears only below its minimum size.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False

    def heightForWidth(self, _ancho: int) -> int:  # noqa: N802 - Qt override
        return -1

    # ===================================================================================== API pública
    def buscar(self) -> None:
        """Ctrl+F: el buscador de esta página es el selector de territorio."""
        if self.pila.currentIndex() == 0:
            self.boton_ir_territorios.setFocus()
            return
        self.combo_territorio.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def mostrar_territorio(self, territorio_id: int) -> None:
        """Muestra la hoja de ruta de ese territorio (la página Territorios navega hasta aquí)."""
        if self.combo_territorio.findData(territorio_id) < 0:
            self._cargar_territorios()
        i = self.combo_territorio.findData(territorio_id)
        if i < 0 or territorio_id == self._territorio_id:
            return
        if not self.confirmar_cambios():
            return
        self._ajustando = True
        try:
            self.combo_territorio.setCurrentIndex(i)
        finally:
            self._ajustando = False
        self._territorio_id = territorio_id
        self._etapa_id = None
        self._cargar_ruta(forzar_editor=True)

    def territorio_actual(self) -> int | None:
        return self._territorio_id

    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): la ficha territorial, que lleva la etapa y el próximo paso de la ruta."""
        from ui.acciones_datos import PedidoImpreso

        tid = self._territorio_id
        return PedidoImpreso("ficha", None, tid, _("Ficha territorial")) if tid is not None else None

    def etapa_actual(self) -> int | None:
        return self._etapa_id

    def resumen(self) -> ResumenRuta | None:
        return self._resumen

    def hay_cambios(self) -> bool:
        """True si el editor de la etapa tiene cambios sin guardar."""
        if self._etapa_id is None or self.ctx.solo_lectura:
            return False
        return self.editor.hay_cambios()

    def confirmar_cambios(self) -> bool:
        """Antes de cambiar de etapa o de territorio: si hay cambios sin guardar, pregunta. False = cancelar."""
        if not self.hay_cambios():
            return True
        respuesta = self._preguntar_cambios()
        if respuesta == QMessageBox.StandardButton.Save:
            return self.guardar_etapa()
        if respuesta == QMessageBox.StandardButton.Discard:
            self.descartar_cambios()
            return True
        return False

    def nuevo(self) -> None:
        """Insert / Ctrl+Shift+N en esta página: adjuntar documentos a la etapa elegida."""
        self.adjuntar()

    def refrescar(self) -> None:
        self._cargar_territorios()

    # ===================================================================================== carga
    def _al_cambiar(self, que: set[str]) -> None:
        if "territorio" in que or "etapa" in que or "dia_especial" in que:
            self._cargar_territorios()
        elif "documento" in que:
            self._cargar_ruta()

    def _cargar_territorios(self) -> None:
        hoy = self.hoy()
        filas: list[FilaTerritorio] = self.ctx.leer(lambda s: listar_territorios(s, self.ctx.municipio_id, hoy))
        filas.sort(key=lambda f: formato.sin_tildes(f.nombre))
        self._ajustando = True
        try:
            llenar_territorios(self.combo_territorio, filas)
            ids = [f.id for f in filas]
            if self._territorio_id not in ids:
                self._territorio_id = ids[0] if ids else None
                self._etapa_id = None
            if self._territorio_id is not None:
                self.combo_territorio.setCurrentIndex(self.combo_territorio.findData(self._territorio_id))
        finally:
            self._ajustando = False
        self.pila.setCurrentIndex(1 if filas else 0)
        self._cargar_ruta()

    def _cargar_ruta(self, forzar_editor: bool = False) -> None:
        if self._territorio_id is None:
            self._resumen = None
            self.modelo.cargar([])
            self._cargar_editor(None)
            return
        tid, hoy = self._territorio_id, self.hoy()
        try:
            resumen = self.ctx.leer(lambda s: resumen_ruta(s, tid, hoy))
        except ErrorDeUsuario:
            # Deleted in between (another page, undo): the territory list refresh will pick another one.
            self._territorio_id = None
            self._cargar_territorios()
            return
        self._resumen = resumen
        # A date being typed (not yet applied) survives a refresh caused elsewhere.
        if forzar_editor or not self.campo_inicio.editor.hasFocus():
            self.campo_inicio.fijar(resumen.inicio)
            self.marcador_inicio.limpiar()
        self.tarjeta.mostrar(resumen)
        actual = resumen.siguiente.id if resumen.siguiente else None
        self.linea.fijar([self._paso(f) for f in resumen.etapas],
                         next((i for i, f in enumerate(resumen.etapas) if f.id == actual), None))
        ids = [f.id for f in resumen.etapas]
        if self._etapa_id not in ids:
            self._etapa_id = actual if actual is not None else (ids[0] if ids else None)
            forzar_editor = True
        self._ajustando = True
        try:
            self.modelo.cargar(resumen.etapas, actual)
            fila = self.modelo.buscar_id(self._etapa_id) if self._etapa_id is not None else -1
            if fila >= 0:
                self.tabla.selectionModel().setCurrentIndex(
                    self.modelo.index(fila, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.tabla.scrollTo(self.modelo.index(fila, 0))
            self.linea.fijar_seleccion(fila if fila >= 0 else None)
        finally:
            self._ajustando = False
        etapa = next((f for f in resumen.etapas if f.id == self._etapa_id), None)
        # Unsaved edits survive a refresh caused elsewhere; after our own save (or a stage change) reload.
        conservar = not (forzar_editor or self._forzar_editor) and self.hay_cambios()
        self._cargar_editor(etapa, solo_cabecera=conservar)
        self._aplicar_permisos()

    def _paso(self, f: FilaEtapa) -> PasoRuta:
        corto = ""
        if f.estado == "cumplida":
            detalle = _("✓ {fecha}").format(fecha=formato.fecha(f.fin_real)) if f.fin_real else luz.etiqueta(CUMPLIDA)
        elif f.fin_plan:
            hoy = self.hoy()
            plantilla = _("venció {fecha}") if f.fin_plan < hoy else _("vence {fecha}")
            detalle = plantilla.format(fecha=formato.fecha(f.fin_plan))
            corto = formato.fecha(f.fin_plan)  # the colour already says whether it is late
        elif f.inicio_plan and not f.plazo_dias:
            detalle, corto = _("plazo según el Plan"), _("según el Plan")
        else:
            detalle = _("sin fecha")
        lineas = [
            _("Etapa {codigo}: {proceso}").format(codigo=f.codigo, proceso=f.proceso),
            _("Estado: {estado}").format(estado=estado_etapa(f.estado)),
            _("Semáforo: {regla}").format(regla=luz.regla(f.semaforo)),
            self._texto_plan(f),
        ]
        if f.inicio_real or f.fin_real:
            lineas.append(self._texto_real(f))
        lineas.append(_("Clic para ver y editar la etapa."))
        return PasoRuta(f.codigo, f.semaforo, f.estado, nombre_corto(f), detalle, "\n".join(lineas), corto)

    def _texto_plan(self, f: FilaEtapa) -> str:
        if f.inicio_plan and f.fin_plan:
            return _("Planificada del {inicio} al {fin}").format(inicio=formato.fecha(f.inicio_plan),
                                                                 fin=formato.fecha(f.fin_plan))
        if f.inicio_plan:
            return _("Planificada desde el {inicio}; el plazo lo fija el Plan de Acción").format(
                inicio=formato.fecha(f.inicio_plan))
        if self._resumen is None or self._resumen.inicio is None:
            return _("Sin fechas planificadas: fije el inicio de la ruta.")
        # Started route but no dates here: an earlier stage has no deadline yet (stage 5 until the plan says).
        sin_plazo = next((e for e in self._resumen.etapas if not e.plazo_dias and e.id != f.id), None)
        if sin_plazo is not None:
            return _("Sin fechas planificadas hasta que se fije el plazo de la etapa {codigo}.").format(
                codigo=sin_plazo.codigo)
        return _("Sin fechas planificadas: fije el plazo de esta etapa.")

    @staticmethod
    def _texto_real(f: FilaEtapa) -> str:
        if f.inicio_real and f.fin_real:
            return _("Real: del {inicio} al {fin}").format(inicio=formato.fecha(f.inicio_real),
                                                           fin=formato.fecha(f.fin_real))
        if f.inicio_real:
            return _("Real: desde el {inicio}").format(inicio=formato.fecha(f.inicio_real))
        return _("Real: terminó el {fin}").format(fin=formato.fecha(f.fin_real))

    # ===================================================================================== editor
    def _cargar_editor(self, f: FilaEtapa | None, solo_cabecera: bool = False) -> None:
        self.editor.cargar(f, self._texto_plan(f) if f is not None else "", solo_cabecera=solo_cabecera)
        self.documentos.mostrar_etapa(f.id if f is not None else None, f.codigo if f is not None else "")

    def guardar_etapa(self) -> bool:
        """Guarda el editor en la etapa (deshacible). Devuelve False si hubo errores (quedan marcados)."""
        if self._etapa_id is None or self.ctx.solo_lectura or self._resumen is None:
            return False
        self.editor.limpiar_errores()
        try:
            datos = self.editor.datos()
        except ErrorDeUsuario as exc:
            self.editor.mostrar_errores(exc)
            return False
        if datos == self.editor.datos_cargados():
            return True
        eid, hoy = self._etapa_id, self.hoy()
        fila = next(f for f in self._resumen.etapas if f.id == eid)
        comando = ComandoServicio(
            self.ctx, _("Guardar la etapa {codigo} de {territorio}").format(codigo=fila.codigo,
                                                                             territorio=self._resumen.territorio),
            "etapa",
            hacer=lambda s: actualizar_etapa(s, eid, datos, hoy),
            deshacer=lambda s, anterior: actualizar_etapa(s, eid, anterior, hoy),
            rehacer=lambda s, repetir: actualizar_etapa(s, eid, repetir, hoy),
        )
        self._forzar_editor = True
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            if not self.editor.mostrar_errores(exc):
                self._avisar(_("No se pudo guardar la etapa"), exc)
            return False
        finally:
            self._forzar_editor = False
        self.ctx.mensaje.emit(_("Etapa {codigo} guardada.").format(codigo=fila.codigo))
        return True

    def descartar_cambios(self) -> None:
        if self._resumen is None:
            return
        fila = next((f for f in self._resumen.etapas if f.id == self._etapa_id), None)
        self._cargar_editor(fila)

    # ===================================================================================== inicio de la ruta
    def aplicar_inicio(self) -> bool:
        if self._territorio_id is None or self.ctx.solo_lectura or self._resumen is None:
            return False
        self.marcador_inicio.limpiar()
        try:
            nueva = self.campo_inicio.fecha()
        except ValueError as exc:
            self.marcador_inicio.marcar("inicio_ruta", str(exc))
            self.campo_inicio.setFocus()
            return False
        if nueva == self._resumen.inicio:
            self.ctx.mensaje.emit(_("La fecha de inicio no cambió."))
            return True
        tid = self._territorio_id
        texto = (_("Fijar el inicio de la ruta de {territorio}") if nueva
                 else _("Quitar el inicio de la ruta de {territorio}")).format(territorio=self._resumen.territorio)
        comando = ComandoServicio(
            self.ctx, texto, {"territorio", "etapa"},
            hacer=lambda s: fijar_inicio(s, tid, nueva),
            deshacer=lambda s, anterior: fijar_inicio(s, tid, anterior),
            rehacer=lambda s, repetir: fijar_inicio(s, tid, repetir),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            if not self.marcador_inicio.marcar("inicio_ruta", exc.mensaje):
                self._avisar(_("No se pudo fijar el inicio"), exc)
            return False
        self.ctx.mensaje.emit(_("Fechas planificadas recalculadas desde el {fecha}.").format(
            fecha=formato.fecha(nueva)) if nueva else _("Se quitó la fecha de inicio de la ruta."))
        return True

    # ===================================================================================== documentos
    # The documents panel does the work; the page keeps these so its API stays the same.
    def adjuntar(self, rutas: list[str] | None = None) -> bool:
        """Guarda archivos dentro del expediente como evidencia de la etapa elegida (una sola orden deshacible)."""
        return self.documentos.adjuntar(rutas)

    def abrir_documento(self) -> bool:
        return self.documentos.abrir_documento()

    def guardar_documento_como(self) -> bool:
        return self.documentos.guardar_documento_como()

    def quitar_documentos(self) -> bool:
        return self.documentos.quitar_documentos()

    # ===================================================================================== selección
    def _al_elegir_territorio(self, indice: int) -> None:
        if self._ajustando or indice < 0:
            return
        nuevo = self.combo_territorio.itemData(indice)
        if nuevo == self._territorio_id:
            return
        if not self.confirmar_cambios():
            self._ajustando = True
            try:
                self.combo_territorio.setCurrentIndex(self.combo_territorio.findData(self._territorio_id))
            finally:
                self._ajustando = False
            return
        self._territorio_id = nuevo
        self._etapa_id = None
        self._cargar_ruta(forzar_editor=True)

    def _al_cambiar_fila(self, actual, anterior) -> None:
        if self._ajustando or not actual.isValid():
            return
        nueva = self.modelo.fila(actual.row()).id
        if nueva == self._etapa_id:
            return
        if not self.confirmar_cambios():
            fila = self.modelo.buscar_id(self._etapa_id) if self._etapa_id is not None else -1
            self._ajustando = True
            try:
                if fila >= 0:
                    self.tabla.selectionModel().setCurrentIndex(
                        self.modelo.index(fila, actual.column()),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            finally:
                self._ajustando = False
            return
        self._etapa_id = nueva
        self.linea.fijar_seleccion(actual.row())
        self._cargar_editor(self.modelo.fila(actual.row()))

    def _al_elegir_en_linea(self, indice: int) -> None:
        if 0 <= indice < self.modelo.rowCount():
            self.tabla.selectionModel().setCurrentIndex(
                self.modelo.index(indice, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            # If the user cancelled, the table kept the old stage: the line follows the table.
            self.linea.fijar_seleccion(self.modelo.buscar_id(self._etapa_id) if self._etapa_id else None)

    # ===================================================================================== permisos y avisos
    def _aplicar_permisos(self) -> None:
        solo = self.ctx.solo_lectura
        self.campo_inicio.setReadOnly(solo)
        self.boton_aplicar.setEnabled(not solo)
        self.editor.aplicar_permisos()
        self.documentos.aplicar_permisos()

    def _codigo_etapa(self) -> str:
        fila = next((f for f in (self._resumen.etapas if self._resumen else ()) if f.id == self._etapa_id), None)
        return fila.codigo if fila else ""

    def _preguntar_cambios(self) -> QMessageBox.StandardButton:
        caja = QMessageBox(QMessageBox.Icon.Question, _("Cambios sin guardar"),
                           _("La etapa {codigo} tiene cambios sin guardar.").format(codigo=self._codigo_etapa()),
                           QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel, self)
        caja.setInformativeText(_("¿Quiere guardarlos antes de continuar?"))
        caja.button(QMessageBox.StandardButton.Save).setText(_("Guardar"))
        caja.button(QMessageBox.StandardButton.Discard).setText(_("Descartar"))
        caja.button(QMessageBox.StandardButton.Cancel).setText(_("Cancelar"))
        caja.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(caja.exec())

    def _avisar(self, titulo: str, exc: ErrorDeUsuario) -> None:
        caja = QMessageBox(QMessageBox.Icon.Warning, titulo, exc.mensaje, QMessageBox.StandardButton.Ok, self)
        if exc.detalle:
            caja.setDetailedText(exc.detalle)
        caja.exec()
