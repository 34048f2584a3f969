"""Compromisos: todos los acuerdos de todas las mesas en una lista, con su semáforo (al día, por vencer, vencido,
cumplido), filtros por mesa, responsable y «solo abiertos», el cambio de estado y el paso a Actividad de un plan."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.mesa import ESTADOS_ACUERDO
from ui.contexto import Contexto
from ui.estilo import TEXTO_SECUNDARIO
from ui.modelos.acuerdos import color_acuerdo, texto_semaforo
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.ordenes import accion_agregada as _accion
from ui.widgets.ordenes import barra_de_ordenes
from ui.widgets.seleccion import SeleccionPorId
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"acuerdo", "sesion", "mesa", "actor", "actividad", "plan", "dia_especial"})
ABIERTOS = ("pendiente", "en_curso")
# Late first, then the ones about to fall due, on time, without a date, fulfilled; cancelled last.
ORDEN_SEMAFORO = {"vencida": 0, "por_vencer": 1, "al_dia": 2, "sin_fecha": 3, "cumplida": 4}


def _orden_semaforo(f) -> tuple:
    return (5 if f.estado == "cancelado" else ORDEN_SEMAFORO.get(f.semaforo, 3), f.plazo or date.max)


COLUMNAS: list[Columna] = [
    Columna(_("Semáforo"), texto_semaforo, orden=_orden_semaforo, color=color_acuerdo),
    Columna(_("Acuerdo"), lambda f: " ".join(f.texto.split())),
    Columna(_("Responsable"), lambda f: f.responsable or "—"),
    Columna(_("Plazo"), lambda f: formato.fecha(f.plazo) if f.plazo else "—", orden=lambda f: f.plazo),
    Columna(_("Estado"), lambda f: f.estado_texto + (f" ({formato.fecha(f.cumplido_en)})" if f.cumplido_en
                                                      else "")),
    Columna(_("Mesa"), lambda f: f.mesa),
    Columna(_("Acta o sesión"), lambda f: f.acta_numero or _("Sesión del {fecha}").format(fecha=formato.fecha(f.fecha_sesion)),
            orden=lambda f: f.fecha_sesion),
    Columna(_("Actividad"), lambda f: f.actividad or "—"),
]
COL_SEMAFORO, COL_ACUERDO, COL_RESPONSABLE, COL_PLAZO, COL_ESTADO, COL_MESA, COL_ACTA, COL_ACTIVIDAD = range(8)


class PanelCompromisos(SeleccionPorId, QWidget):
    """`abrir_sesion(sesion_id)` pide mostrar la sesión del acuerdo elegido (Enter o doble clic)."""

    abrir_sesion = Signal(int)

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy = hoy
        self.modelo: ModeloTabla = ModeloTabla(COLUMNAS, self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self._armar()
        ctx.cambiado.connect(self._al_cambiar)
        self.recargar()

    def _hoy(self) -> date:
        return self.hoy or date.today()

    def _armar(self) -> None:
        self.tabla = tabla_de_registros(self.proxy, self)
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(COL_SEMAFORO, Qt.SortOrder.AscendingOrder)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().height() + 10)
        self.tabla.setAccessibleName(_("Compromisos"))
        cab = self.tabla.horizontalHeader()
        for c in range(len(COLUMNAS)):
            cab.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(COL_ACUERDO, QHeaderView.ResizeMode.Stretch)
        for c, ancho in ((COL_MESA, 170), (COL_ACTIVIDAD, 130), (COL_RESPONSABLE, 170)):
            cab.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.tabla.setColumnWidth(c, ancho)
        self.tabla.doubleClicked.connect(lambda _i: self.ir_a_sesion())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())

        W = Qt.ShortcutContext.WidgetShortcut
        self.accion_ir = _accion(self.tabla, _("Ir a la &sesión"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                 _("Abrir la sesión donde se tomó el acuerdo (Enter o doble clic)"), self.ir_a_sesion,
                                 W)
        self.menu_estado = QMenu(self)
        self.acciones_estado = {}
        for clave, texto in ESTADOS_ACUERDO.items():
            a = self.menu_estado.addAction(traducir(texto) + ("…" if clave == "cumplido" else ""))
            a.triggered.connect(lambda _c=False, e=clave: self.cambiar_estado(e))
            self.acciones_estado[clave] = a
        self.boton_estado = QToolButton(self)
        self.boton_estado.setText(_("Cambiar &estado") + " ▾")
        self.boton_estado.setToolTip(_("Pendiente, en curso, cumplido (con la fecha) o cancelado"))
        self.boton_estado.setMenu(self.menu_estado)
        self.boton_estado.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.boton_estado.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.accion_cumplido = _accion(self, _("Marcar &cumplido…"), ["Ctrl+Shift+C"],
                                       _("Registrar que el acuerdo se cumplió, con la fecha (Ctrl+Shift+C)"),
                                       lambda: self.cambiar_estado("cumplido"))
        self.accion_convertir = _accion(self, _("Convertir en ac&tividad…"), ["Ctrl+Shift+T"],
                                        _("Crear una actividad de un Plan de Acción a partir del acuerdo "
                                          "(Ctrl+Shift+T)"), self.convertir)
        barra = barra_de_ordenes(_("Compromisos"), [self.accion_ir, None, self.accion_cumplido, self.boton_estado,
                                           self.accion_convertir])

        self.filtro = QLineEdit(self)
        self.filtro.setPlaceholderText(_("Buscar acuerdo, responsable, mesa…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setMinimumWidth(240)
        self.filtro.setAccessibleName(_("Buscar compromisos"))
        self.filtro.textChanged.connect(self._filtrar)
        arriba = QHBoxLayout()
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.filtro)

        self.filtro_mesa = QComboBox(self)
        self.filtro_mesa.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filtro_mesa.setMinimumContentsLength(22)
        self.filtro_responsable = QComboBox(self)
        self.filtro_responsable.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.filtro_responsable.setMinimumContentsLength(22)
        self.solo_abiertos = QCheckBox(_("Solo a&biertos"), self)
        self.solo_abiertos.setToolTip(_("Ocultar los cumplidos y los cancelados"))
        self.solo_abiertos.setChecked(True)
        self.solo_abiertos.toggled.connect(self._filtrar)
        filtros = QHBoxLayout()
        for texto, combo in ((_("&Mesa:"), self.filtro_mesa), (_("&Responsable:"), self.filtro_responsable)):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(combo)
            filtros.addWidget(etiqueta)
            filtros.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._filtrar)
            filtros.addSpacing(8)
        filtros.addWidget(self.solo_abiertos)
        filtros.addStretch(1)
        self.resumen = QLabel(self)
        self.resumen.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        filtros.addWidget(self.resumen)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(6, 6, 6, 6)
        capa.addLayout(arriba)
        capa.addLayout(filtros)
        capa.addWidget(self.tabla, 1)

    # -- datos ------------------------------------------------------------------------------------------------
    def _al_cambiar(self, que) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def recargar(self) -> None:
        from nucleo.servicios.sesiones import compromisos

        mid, hoy = self.ctx.municipio_id, self._hoy()
        elegido = self.id_actual()
        filas = self.ctx.leer(lambda s: compromisos(s, mid, hoy))
        self.modelo.cargar(filas)
        self._llenar_combo(self.filtro_mesa, _("Todas las mesas"),
                           sorted({(f.mesa_id, f.mesa) for f in filas}, key=lambda p: p[1].casefold()))
        self._llenar_combo(self.filtro_responsable, _("Todos"),
                           sorted({(f.responsable_id if f.responsable_id is not None else f.responsable, f.responsable)
                                   for f in filas if f.responsable}, key=lambda p: p[1].casefold()))
        self._filtrar()
        if (elegido is None or not self.seleccionar(elegido)) and self.proxy.rowCount():
            self._elegir_fila_vista(0)
        self._actualizar_acciones()

    @staticmethod
    def _llenar_combo(combo: QComboBox, todos: str, opciones) -> None:
        actual = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(todos, None)
        for dato, texto in opciones:
            combo.addItem(texto, dato)
        combo.setCurrentIndex(max(0, combo.findData(actual)) if actual is not None else 0)
        combo.blockSignals(False)

    def _filtrar(self) -> None:
        mesa, responsable = self.filtro_mesa.currentData(), self.filtro_responsable.currentData()
        abiertos = self.solo_abiertos.isChecked()

        def condicion(f) -> bool:
            if mesa is not None and f.mesa_id != mesa:
                return False
            if responsable is not None and responsable not in (f.responsable_id, f.responsable):
                return False
            return not abiertos or f.estado in ABIERTOS

        self.proxy.setFilterFixedString(self.filtro.text())
        self.proxy.fijar_condicion(condicion)
        visibles = self.filas_visibles()
        vencidos = sum(1 for f in visibles if f.semaforo == "vencida" and f.estado in ABIERTOS)
        texto = n_("{n} acuerdo", "{n} acuerdos", len(visibles)).format(n=formato.entero(len(visibles)))
        if vencidos:
            texto += " · " + n_("{n} vencido", "{n} vencidos", vencidos).format(n=formato.entero(vencidos))
        self.resumen.setText(texto)
        self._actualizar_acciones()

    def buscar(self) -> None:
        self.filtro.setFocus()
        self.filtro.selectAll()

    def _actualizar_acciones(self) -> None:
        f = self.fila_actual()
        escribe = f is not None and not self.ctx.solo_lectura
        self.accion_ir.setEnabled(f is not None)
        self.boton_estado.setEnabled(escribe)
        self.accion_cumplido.setEnabled(escribe and f.estado != "cumplido")
        self.accion_convertir.setEnabled(escribe and not f.actividad_id)
        for clave, a in self.acciones_estado.items():
            a.setEnabled(escribe and f.estado != clave)

    # -- órdenes ----------------------------------------------------------------------------------------------
    def ir_a_sesion(self) -> None:
        f = self.fila_actual()
        if f is not None:
            self.abrir_sesion.emit(f.sesion_id)

    def cambiar_estado(self, estado: str) -> bool:
        f = self.fila_actual()
        if f is None or self.ctx.solo_lectura or f.estado == estado:
            return False
        from ui.dialogos.acuerdo import pedir_estado

        return pedir_estado(self.ctx, self, f.id, f.texto, estado, self._hoy())

    def convertir(self) -> bool:
        f = self.fila_actual()
        if f is None or self.ctx.solo_lectura or f.actividad_id:
            return False
        from ui.dialogos.acuerdo import convertir_en_actividad

        return convertir_en_actividad(self.ctx, self, f)

