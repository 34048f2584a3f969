"""Plan de Acción de un territorio (etapas 4 y 5): una pestaña por parte del plan.

La página elige el territorio (como la del Diagnóstico), muestra la cabecera del plan (título, estado, revisión,
fechas, avance y si se puede modificar) y arma las pestañas de PESTANAS; cada una es un widget `Clase(ctx, parent)`
con `fijar_plan(plan_id | None)` que se refresca sola con `ctx.cambiado`. Si el territorio no tiene plan, ofrece
crearlo.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.servicios.plan import ResumenPlan, plan_del_territorio, resumen_plan
from nucleo.servicios.territorios import FilaTerritorio
from ui.estilo import fuente_relativa, marcar_tarjeta
from ui.paginas.por_territorio import PaginaPorTerritorio
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.panel_plan import chip_estado, motivo_edicion

# (clave, título, "módulo:Clase"), en el orden de las pestañas.
PESTANAS: tuple[tuple[str, str, str], ...] = (
    ("plan", _("&Plan"), "ui.widgets.panel_plan:PanelPlan"),
    ("resultados", _("&Resultados"), "ui.widgets.panel_resultados:PanelResultados"),
    ("cronograma", _("&Cronograma"), "ui.widgets.panel_cronograma:PanelCronograma"),
    ("seguimiento", _("&Seguimiento"), "ui.widgets.panel_seguimiento:PanelSeguimiento"),
    ("presupuesto", _("Pres&upuesto"), "ui.widgets.panel_presupuesto:PanelPresupuesto"),
    ("indicadores", _("&Indicadores"), "ui.widgets.panel_indicadores:PanelIndicadores"),
    ("metas", _("Calendario de &metas"), "ui.widgets.panel_metas:PanelMetas"),
    ("riesgos", _("Ries&gos"), "ui.widgets.panel_riesgos:PanelRiesgos"),
    ("sancion", _("Sa&nción"), "ui.widgets.panel_sancion:PanelSancion"),
)
# The printouts of a plan: (impreso, vista, menu entry, start of the file name). Ctrl+P prints the one that matches
# the tab being looked at (IMPRESO_DE_PESTANA); from any other tab, the whole plan.
IMPRESOS_PLAN: tuple[tuple[str, str | None, str, str], ...] = (
    ("plan", None, _("&Plan de Acción completo (PDF)…"), _("Plan de Acción")),
    ("cronograma", "a4", _("&Cronograma, A4 apaisado (PDF)…"), _("Cronograma")),
    ("cronograma", "a3", _("Cronograma, A&3 apaisado (PDF)…"), _("Cronograma A3")),
    ("presupuesto", None, _("Pres&upuesto (PDF)…"), _("Presupuesto")),
    ("metas", None, _("Calendario de &metas (PDF)…"), _("Calendario de metas")),
    ("riesgos", None, _("Matriz de &riesgos (PDF)…"), _("Matriz de riesgos")),
)
IMPRESO_DE_PESTANA = {"cronograma": 1, "seguimiento": 1, "presupuesto": 3, "metas": 4, "riesgos": 5}
CAMBIOS_DE_CABECERA = frozenset({"plan", "actividad", "resultado", "indicador", "dia_especial", "actor"})


class PaginaPlan(PaginaPorTerritorio):
    clave = "plan"
    titulo = _("Plan de Acción")
    PESTANAS = PESTANAS
    ayuda_selector = _("Territorio cuyo Plan de Acción se muestra")
    vacio_texto = _("El Plan de Acción es la respuesta concreta a las necesidades priorizadas de la comunidad de un "
                    "territorio. Cree uno en la página Territorios.")

    def __init__(self, ctx, parent: QWidget | None = None, hoy=None):
        self._plan_id: int | None = None
        self.resumen: ResumenPlan | None = None
        super().__init__(ctx, parent, hoy)

    # -- armado -----------------------------------------------------------------------------------------------
    def _armar_cuerpo(self, pestanas: QTabWidget) -> QWidget:
        cuerpo = QWidget(self)
        capa = QVBoxLayout(cuerpo)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(6)
        capa.addWidget(self._armar_cabecera())
        self.pila_plan = QStackedWidget(cuerpo)
        self.vacio_plan = EstadoVacio(
            _("Este territorio todavía no tiene Plan de Acción"),
            _("El plan detalla cómo se organiza el trabajo con los proveedores, las actividades y su secuencia, "
              "quién responde por cada una, sus plazos y condiciones de satisfacción, los recursos y su fuente, "
              "cómo se registra y controla la ejecución, y los resultados con sus indicadores."),
            _("&Crear el Plan de Acción…"), cuerpo)
        self.boton_crear = self.vacio_plan.boton
        self.boton_crear.clicked.connect(self.crear_plan)
        self.pila_plan.addWidget(self.vacio_plan)
        self.pila_plan.addWidget(pestanas)
        capa.addWidget(self.pila_plan, 1)
        return cuerpo

    def _armar_cabecera(self) -> QFrame:
        self.cabecera = QFrame(self)
        marcar_tarjeta(self.cabecera)
        capa = QVBoxLayout(self.cabecera)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.setSpacing(2)
        arriba = QHBoxLayout()
        arriba.setSpacing(10)
        self.titulo_plan = QLabel(self.cabecera)
        self.titulo_plan.setFont(fuente_relativa(self.font(), 1.15, negrita=True))
        self.titulo_plan.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chip = chip_estado(self.cabecera)
        arriba.addWidget(self.titulo_plan, 0)
        arriba.addWidget(self.chip, 0, Qt.AlignmentFlag.AlignVCenter)
        arriba.addStretch(1)
        self.boton_presentar = QToolButton(self.cabecera)
        self.boton_presentar.setText(_("Presentar (F5)"))
        self.boton_presentar.setToolTip(_("Mostrar este plan a pantalla completa para el Concejo Municipal (Esc vuelve)"))
        self.boton_presentar.clicked.connect(self.presentar)
        arriba.addWidget(self.boton_presentar, 0, Qt.AlignmentFlag.AlignTop)
        arriba.addWidget(self._armar_impresos(), 0, Qt.AlignmentFlag.AlignTop)
        capa.addLayout(arriba)
        self.cifras = QLabel(self.cabecera)
        self.cifras.setWordWrap(True)
        self.motivo = texto_secundario("", self.cabecera)
        self.motivo.setWordWrap(True)
        capa.addWidget(self.cifras)
        capa.addWidget(self.motivo)
        return self.cabecera

    def _armar_impresos(self) -> QToolButton:
        self.impreso = None  # ImpresoDeRegistro, made on the first printout
        self.menu_imprimir = QMenu(self)
        self.acciones_impresos: list[QAction] = []
        for n, (_impreso, _vista, texto, _archivo) in enumerate(IMPRESOS_PLAN):
            a = self.menu_imprimir.addAction(texto)
            a.triggered.connect(lambda _c=False, n=n: self.imprimir(n))
            self.acciones_impresos.append(a)
        # Ctrl+P is the window's (Archivo › Imprimir…: preview and printer); it asks impreso_actual().
        self.accion_imprimir = QAction(_("Imprimir"), self)
        self.accion_imprimir.triggered.connect(lambda _c=False: self.imprimir())
        boton = QToolButton(self)
        boton.setText(_("Imprimir") + " ▾")
        boton.setAccessibleName(_("Imprimir"))
        boton.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")  # the ▾ in the text
        boton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        boton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        boton.setMenu(self.menu_imprimir)
        boton.setToolTip(_("Guardar en PDF, listo para imprimir y firmar, el plan completo, su cronograma, el "
                           "presupuesto, el calendario de metas o la matriz de riesgos (Ctrl+P: vista previa e "
                           "impresora del de la pestaña que se ve)"))
        self.boton_imprimir = boton
        return boton

    def impreso_de_la_pestana(self) -> int:
        """Qué impreso da Ctrl+P: el de la pestaña que se ve (el plan completo desde las demás)."""
        clave = next((c for c, p in self.paneles.items() if p is self.pestanas.currentWidget()), "")
        return IMPRESO_DE_PESTANA.get(clave, 0)

    def presentar(self):
        """El modo presentación del plan (F5 desde la ventana hace lo mismo)."""
        from ui.presentacion import presentar

        if self._plan_id is not None:
            return presentar(self.ctx, self._plan_id, self.window(), hoy=self.hoy())
        return None

    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): el impreso de la pestaña que se ve."""
        from ui.acciones_datos import PedidoImpreso

        if self._plan_id is None:
            return None
        if self.pestanas.currentWidget() is self.paneles.get("sancion"):
            d = self.paneles["sancion"].impreso_actual()  # the chosen sanctioned revision, if any
            if d is not None:
                return PedidoImpreso(d["tabla"], d["vista"], d["id"], d["nombre"], d.get("revision"))
        impreso, vista, _texto, archivo = IMPRESOS_PLAN[self.impreso_de_la_pestana()]
        f = self._filas.get(self._territorio_id)
        return PedidoImpreso(impreso, vista, self._plan_id, f"{archivo} — {f.nombre}" if f else archivo)

    def imprimir(self, cual: int | None = None):
        """Guarda en PDF un impreso del plan (en un hilo, con progreso; ofrece abrirlo al terminar)."""
        pid = self._plan_id
        if pid is None:
            return None
        from ui.acciones_datos import ImpresoDeRegistro

        if self.impreso is None:
            self.impreso = ImpresoDeRegistro(self.ctx, self, self.hoy)
        impreso, vista, _texto, archivo = IMPRESOS_PLAN[self.impreso_de_la_pestana() if cual is None else cual]
        f = self._filas.get(self._territorio_id)
        return self.impreso.imprimir(impreso, pid, archivo, f.nombre if f else "", vista=vista)

    # -- el plan del territorio elegido -----------------------------------------------------------------------
    def plan_actual(self) -> int | None:
        return self._plan_id

    def _avisar(self, panel: QWidget) -> None:
        panel.fijar_plan(self._plan_id)

    def _preferido(self, filas: list[FilaTerritorio]) -> int | None:
        # Stages 4 (design) and 5 (implementation) are where a plan is worked on; else the first.
        for etapa in ("5 ", "4 "):
            tid = next((f.id for f in filas if f.etapa_actual.startswith(etapa)), None)
            if tid is not None:
                return tid
        return filas[0].id if filas else None

    def _territorio_fijado(self, territorio_id: int | None, cambia: bool) -> None:
        mid = self.ctx.municipio_id
        plan_id = None
        if territorio_id is not None:
            plan_id = self.ctx.leer(lambda s: plan_del_territorio(s, mid, territorio_id))
        cambia = cambia or plan_id != self._plan_id
        self._plan_id = plan_id
        self.pila_plan.setCurrentIndex(1 if plan_id is not None else 0)
        self.boton_crear.setEnabled(not self.ctx.solo_lectura and territorio_id is not None)
        self.boton_crear.setToolTip(_("El expediente está abierto solo para lectura.") if self.ctx.solo_lectura
                                    else "")
        self._mostrar_cabecera()
        if cambia:
            for panel in self.paneles.values():
                self._avisar(panel)

    def _al_cambiar(self, que: set[str]) -> None:
        que = set(que)
        if self.CAMBIOS_TERRITORIOS & que:
            self._cargar_territorios()
        elif "plan" in que:
            # Created, deleted (undo) or edited: the territory may have gained or lost its plan.
            self._territorio_fijado(self._territorio_id, False)
        elif CAMBIOS_DE_CABECERA & que:
            self._mostrar_cabecera()

    def _mostrar_cabecera(self) -> None:
        pid = self._plan_id
        self.cabecera.setVisible(pid is not None)
        if pid is None:
            self.resumen = None
            return
        hoy = self.hoy()
        try:
            r = self.ctx.leer(lambda s: resumen_plan(s, pid, hoy))
        except ErrorDeUsuario:  # deleted meanwhile: the next refresh shows the empty state
            return
        self.resumen = r
        self.titulo_plan.setText(r.titulo)
        self.chip.fijar(r.estado)
        partes = [_("Revisión {n}").format(n=formato.entero(r.revision))]
        if r.fin is not None:
            partes.append(_("{inicio} – {fin} ({dias} días hábiles)").format(
                inicio=formato.fecha(r.inicio), fin=formato.fecha(r.fin), dias=formato.entero(r.duracion)))
        else:
            partes.append(_("Empieza el {inicio}; todavía sin actividades programadas").format(
                inicio=formato.fecha(r.inicio)))
        if r.avance is not None:
            partes.append(_("Avance {avance}").format(avance=formato.porcentaje(r.avance)))
        if r.n_atrasadas:
            partes.append(_("{n} vencidas").format(n=formato.entero(r.n_atrasadas)))
        self.cifras.setText("  ·  ".join(partes))
        self.motivo.setText(motivo_edicion(r.estado, r.editable, self.ctx.solo_lectura))

    # -- órdenes ----------------------------------------------------------------------------------------------
    def crear_plan(self) -> int | None:
        """Abre el diálogo para crear el plan del territorio elegido; devuelve su id si se creó."""
        tid = self._territorio_id
        if tid is None or self.ctx.solo_lectura or self._plan_id is not None:
            return None
        from ui.dialogos.plan import DialogoPlan

        f = self._filas.get(tid)
        dialogo = DialogoPlan(self.ctx, tid, f.nombre if f else "", self, hoy=self.hoy())
        if dialogo.exec() and dialogo.plan_id is not None:
            return dialogo.plan_id
        return None

    def buscar(self) -> None:
        """Ctrl+F: el buscador de la pestaña que se ve, si tiene; si no, el selector de territorio."""
        if self.pila.currentIndex() == 0:
            self.boton_ir_territorios.setFocus()
            return
        panel = self.pestanas.currentWidget()
        if self._plan_id is not None and hasattr(panel, "buscar"):
            panel.buscar()
        else:
            self.combo_territorio.setFocus()

    def nuevo(self) -> None:
        """Insert / Ctrl+Shift+N desde la ventana: el plan si falta; si no, lo nuevo de la pestaña que se ve."""
        if self._plan_id is None:
            self.crear_plan()
            return
        panel = self.pestanas.currentWidget()
        if hasattr(panel, "nuevo"):
            panel.nuevo()
        elif "cronograma" in self.paneles:
            self.mostrar_pestana("cronograma")
            self.paneles["cronograma"].nuevo()

    def hoy_fecha(self) -> date:
        return self.hoy()
