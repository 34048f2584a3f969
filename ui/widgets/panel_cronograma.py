"""Pestaña «Cronograma»: la barra de órdenes de las actividades, el Gantt y una línea con las cifras del plan.

El Gantt (ui/widgets/gantt.py) no escribe: cada pedido suyo (mover, cambiar la duración, vincular, editar) y cada
orden de la barra se convierte aquí en una orden deshacible que llama a nucleo/servicios/actividades.py.

Teclado: Insert (o Ctrl+Shift+N) nueva actividad a continuación de la elegida; Ctrl+Insert nueva subactividad;
Enter editar; Supr eliminar; Ctrl+Mayús+→ / ← sangrar y desangrar (Alt+Mayús+→ / ← ya son del Gantt: cambian la
duración); Ctrl+L vincular con la anterior; y los del Gantt (Alt+→ / ← mover un día hábil, Ctrl++ / Ctrl+- zoom,
Inicio / Fin, «.» hoy).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from nucleo.servicios.actividades import (
    FilaActividad,
    cambiar_duracion,
    desangrar,
    desvincular,
    eliminar_actividad,
    guardar_linea_base,
    listar_actividades,
    mover_actividad,
    restaurar_actividad,
    restaurar_linea_base,
    reubicar,
    sangrar,
    vincular,
)
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.plan import ResumenPlan, resumen_plan
from nucleo.servicios.riesgos import matriz_del_municipio, riesgos_por_actividad
from ui.acciones_datos import AccionesDatos
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import ERROR
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.gantt import VistaGantt
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.panel_plan import aviso, motivo_edicion

CAMBIOS_QUE_AFECTAN = frozenset({"actividad", "plan", "resultado", "actor", "dia_especial", "riesgo",
                                 "matriz_riesgos"})
ZOOMS = (("dia", _("Día")), ("semana", _("Semana")), ("mes", _("Mes")), ("trimestre", _("Trimestre")))


def marcas_de_riesgo(por_actividad: dict, matriz) -> dict[int, tuple[str, str]]:
    """Para el Gantt: id de actividad → (color del nivel más grave de sus riesgos abiertos, texto de ayuda)."""
    marcas: dict[int, tuple[str, str]] = {}
    for aid, filas in por_actividad.items():
        if not filas:
            continue
        filas = sorted(filas, key=lambda f: -matriz.orden_nivel(f.nivel))
        lineas = [_("⚠ Riesgo {nivel}: {escenario}").format(
            nivel=f.nivel_texto.lower(), escenario=" ".join(f.escenario.split())[:90]) for f in filas[:4]]
        if len(filas) > 4:
            lineas.append(_("y {n} riesgos más").format(n=formato.entero(len(filas) - 4)))
        marcas[aid] = (filas[0].color, "\n".join(lineas))
    return marcas


class PanelCronograma(QWidget):
    """`fijar_plan(pid)`; órdenes: `nuevo()`, `nueva_subactividad()`, `editar()`, `eliminar()`, `sangrar()`,
    `desangrar()`, `vincular_con_anterior()`, `guardar_linea_base()`; `vista` es el VistaGantt."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.resumen: ResumenPlan | None = None
        self.filas: list[FilaActividad] = []
        self._por_id: dict[int, FilaActividad] = {}
        self.riesgos: dict[int, tuple[str, str]] = {}  # activity id -> the Gantt's risk mark
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar_acciones()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        accion = partial(nueva_accion, self, contexto=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.accion_nueva = accion(_("Nueva actividad"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                   _("Agregar una actividad a continuación de la elegida (Insert o Ctrl+Shift+N)"),
                                   self.nuevo)
        self.accion_sub = accion(_("Nueva subactividad"), ["Ctrl+Ins"],
                                 _("Agregar una actividad debajo de la elegida, que pasa a agruparla "
                                   "(Ctrl+Insert)"), self.nueva_subactividad)
        # Enter belongs to the Gantt (it asks to edit): the toolbar button has no key of its own.
        self.accion_editar = accion(_("Editar"), [], _("Abrir la ficha de la actividad elegida (Enter o doble "
                                                        "clic)"), self.editar)
        self.accion_eliminar = accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                      _("Eliminar la actividad elegida con sus subactividades (Supr)"), self.eliminar)
        self.accion_sangrar = accion(_("Sangrar"), ["Ctrl+Shift+Right"],
                                     _("Ponerla debajo de la anterior de su nivel (Ctrl+Mayús+→)"), self.sangrar)
        self.accion_desangrar = accion(_("Desangrar"), ["Ctrl+Shift+Left"],
                                       _("Subirla un nivel (Ctrl+Mayús+←)"), self.desangrar)
        self.accion_vincular = accion(_("Vincular con la anterior"), ["Ctrl+L"],
                                      _("La elegida empieza cuando termina la actividad anterior de la lista "
                                        "(fin a comienzo; Ctrl+L)"), self.vincular_con_anterior)
        self.accion_base = accion(_("Guardar línea base"), [],
                                  _("Guardar las fechas planificadas de hoy para medir después el desvío"),
                                  self.guardar_linea_base)
        self.accion_ver_base = QAction(_("Mostrar línea base"), self)
        self.accion_ver_base.setCheckable(True)
        self.accion_ver_base.setToolTip(_("Dibujar bajo cada barra, en gris, las fechas de la línea base"))
        self.accion_ver_base.toggled.connect(lambda si: self.vista.mostrar_linea_base(si))
        self.addAction(self.accion_nueva)
        self.addAction(self.accion_sub)

    def _crear_vista(self) -> None:
        barra = QToolBar(_("Cronograma"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nueva, self.accion_sub, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        barra.addSeparator()
        for a in (self.accion_sangrar, self.accion_desangrar, self.accion_vincular):
            barra.addAction(a)
        barra.addSeparator()
        barra.addAction(self.accion_base)
        barra.addAction(self.accion_ver_base)
        barra.addSeparator()
        barra.addWidget(self._crear_excel())

        self.zoom = QComboBox()
        for clave, texto in ZOOMS:
            self.zoom.addItem(texto, clave)
        self.zoom.setCurrentIndex(1)
        self.zoom.setToolTip(_("Escala de tiempo (Ctrl++ y Ctrl+- sobre el diagrama)"))
        etiqueta_zoom = QLabel(_("&Escala:"))
        etiqueta_zoom.setBuddy(self.zoom)
        self.solo_criticas = QCheckBox(_("Solo ruta &crítica"))
        self.solo_criticas.setToolTip(_("Mostrar solo las actividades sin holgura: las que fijan la fecha de fin"))
        self.solo_criticas.toggled.connect(lambda _s: self._cargar_vista())
        # The view options go on the status line: the toolbar needs the whole width on a 1024 px screen.
        abajo = QHBoxLayout()
        abajo.setContentsMargins(0, 0, 0, 0)

        self.aviso_conflictos = aviso(self)
        self.aviso_conflictos.hide()
        self.aviso_error = QLabel(self)
        self.aviso_error.setWordWrap(True)
        self.aviso_error.setStyleSheet(f"background: #fdecea; color: {ERROR}; border: 1px solid #f5c2c0; "
                                       "border-radius: 4px; padding: 6px 10px;")
        self.aviso_error.hide()

        self.vista = VistaGantt(self)
        for a in (self.accion_eliminar, self.accion_sangrar, self.accion_desangrar, self.accion_vincular):
            self.vista.addAction(a)  # only while the Gantt has the focus: Supr in a field deletes text, not tasks
        self.vista.seleccion_cambiada.connect(lambda _i: self._actualizar_acciones())
        self.vista.mover_pedido.connect(self.mover)
        self.vista.duracion_pedida.connect(self.cambiar_duracion)
        self.vista.vinculo_pedido.connect(self.vincular)
        self.vista.editar_pedido.connect(self.editar)
        self.vista.zoom_cambiado.connect(self._zoom_cambiado)
        self.zoom.currentIndexChanged.connect(lambda _i: self.vista.fijar_zoom(self.zoom.currentData()))

        self.vacio = EstadoVacio(
            _("Este plan todavía no tiene actividades"),
            _("Cargue las actividades que se llevarán a cabo, con su duración en días hábiles y las que deben "
              "terminar antes (predecesoras). El cronograma se calcula con el calendario de feriados del Paraguay "
              "y muestra la ruta crítica."),
            _("Nueva actividad"), self)
        self.vacio.boton.clicked.connect(self.nuevo)
        self.pila = QStackedWidget()
        self.pila.addWidget(self.vista)
        self.pila.addWidget(self.vacio)

        self.estado = texto_secundario("", self)
        self.estado.setWordWrap(True)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.setSpacing(4)
        capa.addWidget(barra)
        capa.addWidget(self.aviso_conflictos)
        capa.addWidget(self.aviso_error)
        capa.addWidget(self.pila, 1)
        abajo.addWidget(self.estado, 1)
        abajo.addWidget(self.solo_criticas)
        abajo.addSpacing(12)
        abajo.addWidget(etiqueta_zoom)
        abajo.addWidget(self.zoom)
        capa.addLayout(abajo)
        self.setFocusProxy(self.vista)

    def _crear_excel(self) -> QToolButton:
        """«Excel ▾»: actividades (Ctrl+E / Ctrl+I) y recursos de ida y vuelta, y traer un plan operativo (POA)."""
        self.datos = AccionesDatos(self.ctx, "actividades", self, hoy=lambda: self.hoy())
        self.datos_recursos = AccionesDatos(self.ctx, "recursos", self, hoy=lambda: self.hoy())
        for a in (self.datos_recursos.accion_exportar, self.datos_recursos.accion_importar):
            a.setShortcut(QKeySequence())  # Ctrl+E / Ctrl+I are the activities'
        self.accion_poa = QAction(_("Importar un plan operativo (&POA)…"), self)
        self.accion_poa.setToolTip(_("Traer a este plan los proyectos, metas y actividades de una planilla de Plan "
                                     "Operativo Anual: se revisa en una vista previa antes de importar"))
        self.accion_poa.setStatusTip(self.accion_poa.toolTip())
        self.accion_poa.triggered.connect(lambda _c=False: self.importar_poa())
        menu = self.datos.menu_excel
        menu.addSeparator()
        self.datos_recursos.menu_excel.setTitle(_("&Recursos de las actividades"))
        menu.addMenu(self.datos_recursos.menu_excel)
        menu.addSeparator()
        menu.addAction(self.accion_poa)
        menu.setToolTipsVisible(True)
        return self.datos.boton_excel

    def importar_poa(self):
        """El asistente del POA para este plan (solo mientras se puede modificar)."""
        if self.plan_id is None or not self._escribible():
            return None
        from ui.dialogos.importar_poa import importar_poa_en

        return importar_poa_en(self.ctx, self.plan_id, self)

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.aviso_error.hide()
        self.recargar()

    def _al_cambiar(self, que: set[str]) -> None:
        if self.plan_id is not None and CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def recargar(self) -> None:
        pid, hoy, mid = self.plan_id, self.hoy(), self.ctx.municipio_id
        self.filas, self.resumen = [], None
        self.riesgos = {}
        if pid is not None:
            try:
                self.resumen, self.filas, self._cal, self.riesgos = self.ctx.leer(lambda s: (
                    resumen_plan(s, pid, hoy), listar_actividades(s, pid, hoy), calendario_de(s, mid),
                    marcas_de_riesgo(riesgos_por_actividad(s, pid, hoy), matriz_del_municipio(s, mid))))
            except ErrorDeUsuario:  # the plan was deleted meanwhile
                self.plan_id = None
        self._por_id = {f.id: f for f in self.filas}
        self.pila.setCurrentIndex(0 if self.filas else 1)
        self._cargar_vista()
        if self.vista.actividad_actual() is None and self.filas:
            self.vista.seleccionar(self.filas[0].id)  # the keyboard has something to act on at once
        self._mostrar_estado()
        self._actualizar_acciones()

    def _cargar_vista(self) -> None:
        if self.resumen is None:
            return
        filas = self.filas
        if self.solo_criticas.isChecked():
            filas = [f for f in filas if f.critica]
        self.vista.fijar_riesgos(self.riesgos)
        self.vista.cargar(filas, self._cal, self.resumen.inicio, self.hoy())
        self.vista.fijar_editable(self._escribible())

    def _mostrar_estado(self) -> None:
        r = self.resumen
        if r is None:
            self.estado.setText("")
            self.aviso_conflictos.hide()
            return
        partes = [n_("{n} actividad", "{n} actividades", r.n_actividades).format(n=formato.entero(r.n_actividades)),
                  n_("{n} crítica", "{n} críticas", r.n_criticas).format(n=formato.entero(r.n_criticas))]
        if r.fin is not None:
            partes.append(_("fin previsto {fecha}").format(fecha=formato.fecha(r.fin)))
        if r.desvio is not None:
            if r.desvio == 0:
                partes.append(_("sin desvío respecto de la línea base"))
            else:
                partes.append(n_("desvío {signo}{n} día hábil respecto de la línea base",
                                 "desvío {signo}{n} días hábiles respecto de la línea base", abs(r.desvio)).format(
                    signo="+" if r.desvio > 0 else "−", n=formato.entero(abs(r.desvio))))
        elif r.n_actividades:
            partes.append(_("sin línea base"))
        motivo = "" if self._escribible() else motivo_edicion(r.estado, r.editable, self.ctx.solo_lectura)
        self.estado.setText(" · ".join(partes) + (f"\n{motivo}" if motivo else ""))
        if r.conflictos:
            self.aviso_conflictos.setText(_("El cronograma no puede respetar todo lo pedido:") + "\n• "
                                          + "\n• ".join(r.conflictos))
        self.aviso_conflictos.setVisible(bool(r.conflictos))

    def _escribible(self) -> bool:
        return self.resumen is not None and self.resumen.editable and not self.ctx.solo_lectura

    def _actualizar_acciones(self) -> None:
        escribible = self._escribible()
        f = self.actividad_actual()
        motivo = "" if escribible or self.resumen is None else motivo_edicion(
            self.resumen.estado, self.resumen.editable, self.ctx.solo_lectura)
        self.accion_nueva.setEnabled(escribible)
        self.vacio.boton.setEnabled(escribible)
        self.vacio.boton.setToolTip(motivo)
        self.accion_sub.setEnabled(escribible and f is not None and not f.hito)
        self.accion_editar.setEnabled(f is not None)
        self.accion_editar.setText(_("Editar") if escribible or self._seguible() else _("Ver"))
        self.accion_eliminar.setEnabled(escribible and f is not None)
        self.accion_sangrar.setEnabled(escribible and f is not None and self._anterior_hermana(f) is not None)
        self.accion_desangrar.setEnabled(escribible and f is not None and f.padre_id is not None)
        self.accion_vincular.setEnabled(escribible and f is not None and not f.es_resumen
                                        and self._anterior_de_detalle(f) is not None)
        self.accion_poa.setEnabled(escribible)
        self.accion_poa.setStatusTip(motivo or self.accion_poa.toolTip())
        seguible = self._seguible()
        self.accion_base.setEnabled(seguible and bool(self.filas))
        self.accion_base.setText(_("Guardar línea base") if self.resumen is None or self.resumen.linea_base_en is None
                                 else _("Actualizar línea base"))
        for a in (self.accion_nueva, self.accion_sub, self.accion_eliminar, self.accion_sangrar,
                  self.accion_desangrar, self.accion_vincular):
            a.setStatusTip(motivo)

    def _seguible(self) -> bool:
        return self.resumen is not None and self.resumen.estado != "cerrado" and not self.ctx.solo_lectura

    # -- selección --------------------------------------------------------------------------------------------
    def actividad_actual(self) -> FilaActividad | None:
        aid = self.vista.actividad_actual()
        return self._por_id.get(aid) if aid is not None else None

    def seleccionar(self, aid: int) -> None:
        self.vista.seleccionar(aid)

    def _anterior_hermana(self, f: FilaActividad) -> FilaActividad | None:
        hermanas = [x for x in self.filas if x.padre_id == f.padre_id]
        k = next((n for n, x in enumerate(hermanas) if x.id == f.id), 0)
        return hermanas[k - 1] if k > 0 else None

    def _anterior_de_detalle(self, f: FilaActividad) -> FilaActividad | None:
        """La actividad de detalle anterior en la lista (orden EDT), la que Ctrl+L pone como predecesora."""
        anterior = None
        for x in self.filas:
            if x.id == f.id:
                return anterior
            if not x.es_resumen:
                anterior = x
        return None

    # -- órdenes ----------------------------------------------------------------------------------------------
    def _ejecutar(self, comando: ComandoServicio, mensaje: str = "") -> bool:
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            # A banner, not a modal box: a refused drag must not interrupt the work on the chart.
            self.aviso_error.setText(exc.mensaje)
            self.aviso_error.show()
            self.ctx.mensaje.emit(exc.mensaje)
            self._cargar_vista()  # the dragged bar goes back where the data says
            return False
        self.aviso_error.hide()
        if mensaje:
            self.ctx.mensaje.emit(mensaje)
        return True

    def _nombre(self, aid: int) -> str:
        f = self._por_id.get(aid)
        return f"{f.codigo} {f.nombre}" if f is not None else ""

    def nuevo(self) -> int | None:
        """Una actividad nueva a continuación de la elegida (o al final)."""
        if not self._escribible():
            return None
        f = self.actividad_actual()
        return self._abrir_nueva(despues_de=f.id if f is not None else None)

    def nueva_subactividad(self) -> int | None:
        f = self.actividad_actual()
        if not self._escribible() or f is None:
            return None
        return self._abrir_nueva(padre_id=f.id)

    def _abrir_nueva(self, padre_id: int | None = None, despues_de: int | None = None) -> int | None:
        from ui.dialogos.actividad import DialogoActividad

        dialogo = DialogoActividad(self.ctx, self.plan_id, parent=self, padre_id=padre_id, despues_de=despues_de,
                                   hoy=self.hoy())
        if dialogo.exec() and dialogo.actividad_id is not None:
            self.seleccionar(dialogo.actividad_id)
            return dialogo.actividad_id
        return None

    def editar(self, aid: int | None = None) -> bool:
        if aid is None:
            f = self.actividad_actual()
            aid = f.id if f is not None else None
        if aid is None or self.plan_id is None:
            return False
        from ui.dialogos.actividad import DialogoActividad

        dialogo = DialogoActividad(self.ctx, self.plan_id, aid, parent=self, hoy=self.hoy())
        return bool(dialogo.exec())

    def eliminar(self, confirmar: bool = True) -> bool:
        f = self.actividad_actual()
        if f is None or not self._escribible():
            return False
        if confirmar:
            subtotal = self._descendientes(f.id)
            caja = QMessageBox(QMessageBox.Icon.Question, _("Eliminar la actividad"),
                               _("¿Eliminar «{nombre}»?").format(nombre=self._nombre(f.id)),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            detalle = [n_("Se eliminan también su subactividad.", "Se eliminan también sus {n} subactividades.",
                          subtotal).format(n=formato.entero(subtotal))] if subtotal else []
            detalle.append(_("Con ella se van sus dependencias y sus recursos. Ctrl+Z la restaura."))
            caja.setInformativeText(" ".join(detalle))
            caja.setDefaultButton(QMessageBox.StandardButton.No)
            if caja.exec() != QMessageBox.StandardButton.Yes:
                return False
        aid, nombre = f.id, self._nombre(f.id)
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Eliminar la actividad «{nombre}»").format(nombre=nombre), "actividad",
            hacer=lambda s: eliminar_actividad(s, aid),
            deshacer=lambda s, copia: restaurar_actividad(s, copia),
            rehacer=lambda s, _id: eliminar_actividad(s, aid),
        ), _("Actividad «{nombre}» eliminada. Ctrl+Z la restaura.").format(nombre=nombre))

    def _descendientes(self, aid: int) -> int:
        hijos: dict[int | None, list[int]] = {}
        for x in self.filas:
            hijos.setdefault(x.padre_id, []).append(x.id)
        n, pila = 0, list(hijos.get(aid, ()))
        while pila:
            i = pila.pop()
            n += 1
            pila.extend(hijos.get(i, ()))
        return n

    def _reubicar(self, funcion, texto: str) -> bool:
        f = self.actividad_actual()
        if f is None or not self._escribible():
            return False
        aid = f.id
        hecho = self._ejecutar(ComandoServicio(
            self.ctx, texto.format(nombre=self._nombre(aid)), "actividad",
            hacer=lambda s: funcion(s, aid),
            deshacer=lambda s, antes: reubicar(s, aid, *antes),
            rehacer=lambda s, despues: reubicar(s, aid, *despues),
        ))
        if hecho:
            self.seleccionar(aid)
        return hecho

    def sangrar(self) -> bool:
        return self._reubicar(sangrar, _("Sangrar «{nombre}»"))

    def desangrar(self) -> bool:
        return self._reubicar(desangrar, _("Desangrar «{nombre}»"))

    def vincular_con_anterior(self) -> bool:
        f = self.actividad_actual()
        anterior = self._anterior_de_detalle(f) if f is not None else None
        if anterior is None:
            return False
        return self.vincular(anterior.id, f.id)

    def vincular(self, predecesora: int, sucesora: int, tipo: str = "FC", desfase: int = 0) -> bool:
        """Pedido del Gantt (arrastrar el asa) o Ctrl+L: la sucesora depende de la predecesora."""
        if not self._escribible():
            return False

        def deshacer(s, previo):
            if previo is None:
                desvincular(s, predecesora, sucesora)
            else:
                vincular(s, predecesora, sucesora, previo.tipo, previo.desfase)
            return None

        hecho = self._ejecutar(ComandoServicio(
            self.ctx, _("Vincular «{a}» → «{b}»").format(a=self._nombre(predecesora), b=self._nombre(sucesora)),
            "actividad",
            hacer=lambda s: vincular(s, predecesora, sucesora, tipo, desfase),
            deshacer=deshacer,
        ), _("«{b}» depende ahora de «{a}». Ctrl+Z lo deshace.").format(a=self._nombre(predecesora),
                                                                         b=self._nombre(sucesora)))
        if hecho:
            self.seleccionar(sucesora)
        return hecho

    def mover(self, aid: int, inicio: date) -> bool:
        """Pedido del Gantt: la actividad empieza `inicio` (queda como inicio fijo)."""
        if not self._escribible():
            self._cargar_vista()
            return False
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Mover «{nombre}» al {fecha}").format(nombre=self._nombre(aid), fecha=formato.fecha(inicio)),
            "actividad",
            hacer=lambda s: mover_actividad(s, aid, inicio),
            deshacer=lambda s, anterior: (mover_actividad(s, aid, anterior), inicio)[1],
            rehacer=lambda s, _i: mover_actividad(s, aid, inicio),
        ), _("Ahora empieza el {fecha} (inicio fijo). Ctrl+Z lo deshace.").format(fecha=formato.fecha(inicio)))

    def cambiar_duracion(self, aid: int, dias: int) -> bool:
        if not self._escribible():
            self._cargar_vista()
            return False
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Duración de «{nombre}»: {n} días hábiles").format(nombre=self._nombre(aid),
                                                                          n=formato.entero(dias)),
            "actividad",
            hacer=lambda s: cambiar_duracion(s, aid, dias),
            deshacer=lambda s, anterior: (cambiar_duracion(s, aid, anterior), dias)[1],
            rehacer=lambda s, _d: cambiar_duracion(s, aid, dias),
        ))

    def guardar_linea_base(self, confirmar: bool = True) -> bool:
        pid = self.plan_id
        if pid is None or not self._seguible():
            return False
        if confirmar and self.resumen is not None and self.resumen.linea_base_en is not None:
            caja = QMessageBox(QMessageBox.Icon.Question, _("Línea base"),
                               _("¿Reemplazar la línea base del {fecha}?").format(
                                   fecha=formato.fecha(self.resumen.linea_base_en)),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            caja.setInformativeText(_("El desvío de cada actividad y del plan se medirá desde las fechas de hoy. "
                                      "Ctrl+Z vuelve a la anterior."))
            caja.setDefaultButton(QMessageBox.StandardButton.No)
            if caja.exec() != QMessageBox.StandardButton.Yes:
                return False
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Guardar la línea base del plan"), {"actividad", "plan"},
            hacer=lambda s: guardar_linea_base(s, pid),
            deshacer=lambda s, anterior: restaurar_linea_base(s, anterior),
            rehacer=lambda s, nueva: restaurar_linea_base(s, nueva),
        ), _("Línea base guardada. Ctrl+Z lo deshace."))

    def _zoom_cambiado(self, zoom: str) -> None:
        i = self.zoom.findData(zoom)
        if i >= 0 and i != self.zoom.currentIndex():
            self.zoom.blockSignals(True)
            self.zoom.setCurrentIndex(i)
            self.zoom.blockSignals(False)

    def buscar(self) -> None:
        self.vista.setFocus()
