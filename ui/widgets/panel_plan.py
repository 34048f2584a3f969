"""Pestaña «Plan»: el estado del plan con sus pasos, los datos generales y los apartados i–vii que pide el
documento 000 para la cuarta etapa.

Los apartados que se escriben (i, v, vi, y el título, el inicio y el objetivo) se guardan al salir del campo o con
Ctrl+S: cada cambio de un campo es una orden deshacible propia (Ctrl+Z lo devuelve). Los que se derivan (ii, iii,
iv, el total de v y vii) se leen de las actividades, el presupuesto y los resultados, y llevan a su pestaña.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.plan import LADOS
from nucleo.servicios.convenios import actores_para_elegir
from nucleo.servicios.plan import (
    DatosPlan,
    actualizar_plan,
    cadena,
    cambiar_estado,
    estados_siguientes,
    etiqueta_estado,
    listar_resultados,
    nodos_del_plan,
    obtener_plan,
    resumen_plan,
)
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import AVISO_BORDE, AVISO_FONDO, AVISO_TEXTO, ERROR
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import MarcadorErrores, etiqueta_error, texto_secundario

CAMBIOS_QUE_AFECTAN = frozenset({"plan", "actividad", "resultado", "indicador", "actor", "necesidad", "dia_especial"})

# The state chip: grey while drafting, amber under review, blue once sanctioned, green while running.
COLORES_ESTADO: dict[str, str] = {
    "borrador": "#757575",
    "en_revision": "#f9a825",
    "sancionado": "#1565c0",
    "en_ejecucion": "#2e7d32",
    "cerrado": "#37474f",
}

# The button for each step, from (state, next state); ✔ marks the steps that need confirmation.
PASOS: dict[tuple[str, str], tuple[str, str, bool]] = {
    ("borrador", "en_revision"): (_("Pasar a revisión"), _("Presentarlo a los proveedores y a la comunidad"),
                                  False),
    ("en_revision", "borrador"): (_("Volver a borrador"), "", False),
    ("en_revision", "sancionado"): (_("Sancionar…"), _("Ir a la pestaña «Sanción»: las firmas y la versión congelada"),
                                    False),
    ("sancionado", "en_revision"): (_("Corregir…"), _("Ir a la pestaña «Sanción»: una corrección es una revisión "
                                                     "nueva"), False),
    ("sancionado", "en_ejecucion"): (_("Iniciar la ejecución"), _("Etapa 5: se registra el avance"), False),
    ("en_ejecucion", "sancionado"): (_("Volver a sancionado"), "", False),
    ("en_ejecucion", "cerrado"): (_("Cerrar el plan…"), _("Terminada la ejecución: ya no se registra avance"), True),
    ("cerrado", "en_ejecucion"): (_("Reabrir la ejecución"), "", False),
}


def motivo_edicion(estado: str, editable: bool, solo_lectura: bool) -> str:
    """Por qué se puede (o no) modificar el plan, en una frase para la cabecera."""
    if solo_lectura:
        return _("El expediente está abierto solo para lectura: el plan se consulta, no se modifica.")
    if editable:
        return _("{estado}: se modifica libremente (textos, resultados, actividades y recursos).").format(
            estado=etiqueta_estado(estado))
    if estado == "cerrado":
        return _("Cerrado: el plan queda como terminó; solo se consulta.")
    return _("{estado}: su contenido ya no se modifica; se registra el seguimiento (avance, fechas reales y "
             "mediciones).").format(estado=etiqueta_estado(estado))


class ChipEstado(QLabel):
    """El estado del plan como una etiqueta de color."""

    def fijar(self, estado: str) -> None:
        color = COLORES_ESTADO.get(estado, COLORES_ESTADO["borrador"])
        texto = "#1f2328" if estado == "en_revision" else "#ffffff"
        self.setText(etiqueta_estado(estado))
        self.setStyleSheet(f"background: {color}; color: {texto}; border-radius: 8px; padding: 1px 10px; "
                           "font-weight: bold;")
        self.setAccessibleName(_("Estado del plan: {estado}").format(estado=etiqueta_estado(estado)))


def chip_estado(parent: QWidget | None = None) -> ChipEstado:
    return ChipEstado(parent)


def aviso(parent: QWidget | None = None) -> QLabel:
    """Franja amarilla de advertencia (conflictos del cronograma, apartados incompletos)."""
    etiqueta = QLabel(parent)
    etiqueta.setWordWrap(True)
    etiqueta.setTextFormat(Qt.TextFormat.PlainText)
    etiqueta.setStyleSheet(f"background: {AVISO_FONDO}; color: {AVISO_TEXTO}; border: 1px solid {AVISO_BORDE}; "
                           "border-radius: 4px; padding: 6px 10px;")
    return etiqueta


def _texto(alto: int, ayuda: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(alto)
    editor.setMaximumHeight(int(alto * 1.8))
    editor.setPlaceholderText(ayuda)
    return editor


@dataclass(frozen=True)
class FilaLado:
    lado: str
    texto: str
    actividades: int
    responsables: str


COLUMNAS_LADOS: tuple[Columna[FilaLado], ...] = (
    Columna(_("Responde"), lambda f: f.texto),
    Columna(_("Actividades"), lambda f: formato.entero(f.actividades), lambda f: f.actividades, derecha=True),
    Columna(_("Responsables"), lambda f: f.responsables or _("— sin responsable asignado —")),
)


def cambiar_campo(s, plan_id: int, campo: str, valor) -> object:
    """Cambia un solo campo del plan y devuelve el valor que tenía (para deshacer justo ese campo)."""
    datos = obtener_plan(s, plan_id)
    anterior = getattr(datos, campo)
    actualizar_plan(s, plan_id, replace(datos, **{campo: valor}))
    return anterior


class _AlSalir(QObject):
    """Guarda un editor de texto largo cuando pierde el foco."""

    def __init__(self, parent: QObject, accion: Callable[[], object]):
        super().__init__(parent)
        self._accion = accion

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - Qt override
        if evento.type() == QEvent.Type.FocusOut:
            self._accion()
        return False


class PanelPlan(QWidget):
    """`fijar_plan(pid)`; `pedir_pestana(clave)` para «Ver cronograma» y «Ver resultados»."""

    pedir_pestana = Signal(str)

    ETIQUETAS = {
        "titulo": _("Título"), "inicio": _("Fecha de inicio"), "objetivo": _("Objetivo"),
        "organizacion": _("Organización del trabajo"), "provision_recursos": _("Forma de proveer los recursos"),
        "instrumentos_registro": _("Instrumentos de registro"), "control_comunitario": _("Control comunitario"),
    }

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.cargado: DatosPlan | None = None
        self.estado = ""
        self.editable = False
        self.marcador = MarcadorErrores()
        self._guardando = False
        self._construir()
        ctx.cambiado.connect(self._al_cambiar)
        self._mostrar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _construir(self) -> None:
        self.editores: dict[str, QWidget] = {}
        contenido = QWidget()
        contenido.setMaximumWidth(1100)
        capa = QVBoxLayout(contenido)
        capa.setContentsMargins(4, 8, 12, 12)
        capa.setSpacing(10)

        self.aviso_conflictos = aviso(contenido)
        self.aviso_conflictos.hide()
        capa.addWidget(self.aviso_conflictos)

        # State and general data.
        caja = QGroupBox(_("Estado y datos generales"), contenido)
        f = QFormLayout(caja)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        f.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        fila_estado = QHBoxLayout()
        self.chip = chip_estado(caja)
        fila_estado.addWidget(self.chip)
        fila_estado.addSpacing(8)
        self.botones_estado = QHBoxLayout()
        self.botones_estado.setSpacing(6)
        fila_estado.addLayout(self.botones_estado)
        fila_estado.addStretch(1)
        f.addRow(_("Estado:"), fila_estado)
        self.titulo = QLineEdit()
        self.inicio = CampoFecha()
        self.inicio.setMaximumWidth(170)
        self.objetivo = _texto(60, _("Qué cambio concreto busca el plan en la comunidad"))
        for campo, etiqueta, widget in (("titulo", _("&Título:"), self.titulo),
                                        ("inicio", _("&Inicio:"), self.inicio),
                                        ("objetivo", _("&Objetivo:"), self.objetivo)):
            self._fila(f, campo, etiqueta, widget)
        capa.addWidget(caja)

        # i … vii
        self.organizacion = _texto(70, _("Reuniones ejecutivas con las instituciones, quién convoca, cada cuánto, "
                                         "qué oferta pública se observa para el territorio…"))
        capa.addWidget(self._seccion(
            "i", _("Organización del trabajo con los proveedores"),
            _("Cómo se organiza el trabajo con la Gobernación, la STP y el Gabinete Social y con los proveedores de "
              "prestaciones y servicios, en un tiempo acotado (por ejemplo, reuniones ejecutivas con las "
              "instituciones)."),
            self._editor_de_seccion("organizacion", self.organizacion)))

        self.resumen_actividades = QLabel()
        self.resumen_actividades.setWordWrap(True)
        self.boton_cronograma = self._enlace(_("Ver cronograma"), "cronograma")
        capa.addWidget(self._seccion(
            "ii", _("Actividades y su secuencia"),
            _("Las actividades que se llevarán a cabo y su secuencia en el tiempo: algunas son requisito de las "
              "siguientes."),
            self._con_enlace(self.resumen_actividades, self.boton_cronograma)))

        self.modelo_lados: ModeloTabla[FilaLado] = ModeloTabla(COLUMNAS_LADOS, self)
        self.tabla_lados = QTableView()
        self.tabla_lados.setModel(self.modelo_lados)
        self.tabla_lados.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla_lados.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabla_lados.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabla_lados.verticalHeader().hide()
        self.tabla_lados.setWordWrap(True)
        self.tabla_lados.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabla_lados.setAccessibleName(_("Responsables por lado"))
        cab = self.tabla_lados.horizontalHeader()
        cab.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tabla_lados.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        capa.addWidget(self._seccion(
            "iii", _("Responsables"),
            _("Los responsables de cada actividad, por parte de la Municipalidad, de otros servicios públicos y de la "
              "propia comunidad."), self.tabla_lados))

        self.plazos = QLabel()
        self.plazos.setWordWrap(True)
        self.faltan_condiciones = aviso()
        capa.addWidget(self._seccion(
            "iv", _("Plazos y condiciones de satisfacción"),
            _("Los plazos y las condiciones de satisfacción de cada una de las actividades planificadas y "
              "comprometidas (se escriben en cada actividad)."),
            self._apilar(self.plazos, self.faltan_condiciones)))

        self.provision_recursos = _texto(60, _("Cómo llegan los recursos: aporte municipal en el presupuesto anual, "
                                               "transferencias, contrapartida de la comunidad en mano de obra…"))
        self.totales_fuente = QLabel()
        self.totales_fuente.setWordWrap(True)
        self.boton_presupuesto = self._enlace(_("Ver presupuesto"), "presupuesto")
        capa.addWidget(self._seccion(
            "v", _("Recursos y su fuente"),
            _("Los recursos humanos y financieros necesarios, su fuente y la forma de proveerlos. Los montos salen "
              "de los recursos de cada actividad."),
            self._apilar(self._editor_de_seccion("provision_recursos", self.provision_recursos,
                                                 _("Forma de &proveerlos:")),
                         self._con_enlace(self.totales_fuente, self.boton_presupuesto))))

        self.instrumentos_registro = _texto(60, _("Listas de asistencia, actas de las mesas, fotografías, informes "
                                                  "mensuales de avance…"))
        self.control_comunitario = _texto(60, _("Rendición de cuentas en asamblea, comisión vecinal de control, "
                                                "buzón de sugerencias…"))
        capa.addWidget(self._seccion(
            "vi", _("Instrumentos de registro y control comunitario"),
            _("Los instrumentos de registro del proceso y de los resultados de cada actividad, y los mecanismos de "
              "control comunitario de la ejecución de las acciones."),
            self._apilar(self._editor_de_seccion("instrumentos_registro", self.instrumentos_registro,
                                                 _("Instrumentos de &registro:")),
                         self._editor_de_seccion("control_comunitario", self.control_comunitario,
                                                 _("&Control comunitario:")))))

        self.resumen_resultados = QLabel()
        self.resumen_resultados.setWordWrap(True)
        self.boton_resultados = self._enlace(_("Ver resultados"), "resultados")
        capa.addWidget(self._seccion(
            "vii", _("Resultados e indicadores"),
            _("Los resultados específicos en los ejes estratégicos, con indicadores medibles, observables por los "
              "ejecutores y por la comunidad."),
            self._con_enlace(self.resumen_resultados, self.boton_resultados)))
        capa.addStretch(1)

        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setWidget(contenido)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

        self.vacio = EstadoVacio(_("Elija un territorio con Plan de Acción"), "", None, self)
        capa_panel = QVBoxLayout(self)
        capa_panel.setContentsMargins(0, 0, 0, 0)
        capa_panel.addWidget(self.area)
        capa_panel.addWidget(self.vacio)

        self.accion_guardar = QAction(_("Guardar"), self)
        self.accion_guardar.setShortcut(QKeySequence("Ctrl+S"))
        self.accion_guardar.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_guardar.triggered.connect(lambda _c=False: self.guardar_todo())
        self.addAction(self.accion_guardar)

        # Save when leaving a field: long texts on focus-out, one-line fields when editing finishes.
        self.titulo.editingFinished.connect(lambda: self.guardar_campo("titulo"))
        self.inicio.editor.editingFinished.connect(lambda: self.guardar_campo("inicio"))
        self.inicio.calendario.clicked.connect(lambda _d: self.guardar_campo("inicio"))
        self.inicio.calendario.activated.connect(lambda _d: self.guardar_campo("inicio"))
        for campo in ("objetivo", "organizacion", "provision_recursos", "instrumentos_registro",
                      "control_comunitario"):
            editor = self.editores[campo]
            editor.installEventFilter(_AlSalir(editor, lambda c=campo: self.guardar_campo(c)))

    def _fila(self, f: QFormLayout, campo: str, etiqueta: str, widget: QWidget) -> None:
        caja = QWidget()
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(2)
        capa.addWidget(widget)
        error = etiqueta_error(caja)
        capa.addWidget(error)
        f.addRow(etiqueta, caja)
        f.labelForField(caja).setBuddy(widget)
        self.marcador.registrar(campo, widget, error)
        self.editores[campo] = widget

    def _editor_de_seccion(self, campo: str, editor: QPlainTextEdit, etiqueta: str | None = None) -> QWidget:
        caja = QWidget()
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(2)
        if etiqueta:
            rotulo = QLabel(etiqueta)
            rotulo.setBuddy(editor)
            capa.addWidget(rotulo)
        capa.addWidget(editor)
        error = etiqueta_error(caja)
        capa.addWidget(error)
        editor.setAccessibleName(self.ETIQUETAS[campo])
        self.marcador.registrar(campo, editor, error)
        self.editores[campo] = editor
        return caja

    def _seccion(self, numero: str, titulo: str, explicacion: str, cuerpo: QWidget) -> QGroupBox:
        caja = QGroupBox(f"{numero}. {titulo}")
        caja.setObjectName(f"seccion_{numero}")
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(10, 8, 10, 10)
        capa.setSpacing(6)
        ayuda = texto_secundario(explicacion, caja)
        ayuda.setWordWrap(True)
        fuente = ayuda.font()
        fuente.setBold(False)
        ayuda.setFont(fuente)
        capa.addWidget(ayuda)
        capa.addWidget(cuerpo)
        cuerpo.setFont(fuente)
        return caja

    def _enlace(self, texto: str, pestana: str) -> QPushButton:
        boton = QPushButton(texto + " →")
        boton.setFlat(True)
        boton.setCursor(Qt.CursorShape.PointingHandCursor)
        boton.setStyleSheet("QPushButton { color: #1d5fa8; text-decoration: underline; border: none; "
                            "padding: 2px 4px; text-align: left; }")
        boton.clicked.connect(lambda: self.pedir_pestana.emit(pestana))
        return boton

    @staticmethod
    def _con_enlace(etiqueta: QLabel, boton: QPushButton) -> QWidget:
        caja = QWidget()
        capa = QHBoxLayout(caja)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(etiqueta, 1)
        capa.addWidget(boton, 0, Qt.AlignmentFlag.AlignTop)
        return caja

    @staticmethod
    def _apilar(*widgets: QWidget) -> QWidget:
        caja = QWidget()
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(6)
        for w in widgets:
            capa.addWidget(w)
        return caja

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        if plan_id != self.plan_id:
            self.cargado = None
            self.marcador.limpiar()
        self.plan_id = plan_id
        self.recargar()

    def _al_cambiar(self, que: set[str]) -> None:
        if self.plan_id is not None and CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def recargar(self) -> None:
        pid = self.plan_id
        if pid is None:
            self._mostrar()
            return
        hoy = self.hoy()
        try:
            datos, r, nodos, resultados, enlace = self.ctx.leer(lambda s: (
                obtener_plan(s, pid), resumen_plan(s, pid, hoy), nodos_del_plan(s, pid), listar_resultados(s, pid),
                cadena(s, pid)))
            mid = self.ctx.municipio_id
            responsables = dict(self.ctx.leer(lambda s: actores_para_elegir(s, mid)))
            totales = self.ctx.leer(lambda s: _presupuesto(s, pid))
        except ErrorDeUsuario:  # the plan was deleted (undo of its creation): the page shows the empty state
            self.plan_id = None
            self._mostrar()
            return
        self.estado, self.editable = r.estado, r.editable
        self._cargar_campos(datos)
        self._mostrar_estado(r.estado)
        self._mostrar_conflictos(r.conflictos)
        self._mostrar_actividades(r, nodos)
        self._mostrar_lados(nodos, responsables)
        self._mostrar_plazos(r, nodos)
        self._mostrar_recursos(totales)
        self._mostrar_resultados(resultados, enlace)
        self._aplicar_permisos()
        self._mostrar()

    def _mostrar(self) -> None:
        hay = self.plan_id is not None
        self.area.setVisible(hay)
        self.vacio.setVisible(not hay)

    def _valor(self, campo: str):
        widget = self.editores[campo]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, CampoFecha):
            return widget.fecha()  # ValueError if badly written
        return widget.toPlainText()

    def _poner(self, campo: str, valor) -> None:
        widget = self.editores[campo]
        if isinstance(widget, QLineEdit):
            widget.setText(valor or "")
            widget.setCursorPosition(0)
        elif isinstance(widget, CampoFecha):
            widget.fijar(valor)
        else:
            widget.setPlainText(valor or "")

    def _sin_guardar(self, campo: str) -> bool:
        """El campo tiene algo escrito distinto de lo guardado."""
        if self.cargado is None:
            return False
        try:
            return self._valor(campo) != getattr(self.cargado, campo)
        except ValueError:
            return True

    def _cargar_campos(self, datos: DatosPlan) -> None:
        anterior = self.cargado
        for campo in self.editores:
            # What the user is still typing in a field is kept; everything else shows what is stored.
            if anterior is None or not self._sin_guardar(campo) or self.ctx.solo_lectura:
                self._poner(campo, getattr(datos, campo))
        self.cargado = datos

    # -- guardar ----------------------------------------------------------------------------------------------
    def guardar_todo(self) -> bool:
        """Ctrl+S: guarda cada campo cambiado (una orden por campo). True si todo quedó guardado."""
        return all([self.guardar_campo(c) for c in self.editores])

    def guardar_campo(self, campo: str) -> bool:
        """Guarda un campo si cambió, con una orden deshacible; muestra el error junto al campo si lo hay."""
        if self.plan_id is None or self.cargado is None or self._guardando or not self._escribible():
            return True
        try:
            valor = self._valor(campo)
        except ValueError as exc:
            self.marcador.marcar(campo, str(exc))
            return False
        if valor == getattr(self.cargado, campo):
            self._quitar_error(campo)
            return True
        pid = self.plan_id
        comando = ComandoServicio(
            self.ctx, _("Modificar «{campo}» del plan").format(campo=self.ETIQUETAS[campo]), "plan",
            hacer=lambda s: cambiar_campo(s, pid, campo, valor),
            deshacer=lambda s, anterior: cambiar_campo(s, pid, campo, anterior),
            rehacer=lambda s, nuevo: cambiar_campo(s, pid, campo, nuevo),
        )
        self._guardando = True  # a message box would take the focus and save again
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            if not self.marcador.marcar(exc.campo or campo, exc.mensaje):
                QMessageBox.warning(self, _("No se pudo guardar"), exc.mensaje)
            return False
        finally:
            self._guardando = False
        self._quitar_error(campo)
        self.ctx.mensaje.emit(_("«{campo}» guardado. Ctrl+Z lo deshace.").format(campo=self.ETIQUETAS[campo]))
        return True

    def _quitar_error(self, campo: str) -> None:
        widget = self.marcador.widget(campo)
        if widget is not None and widget.styleSheet():
            widget.setStyleSheet("")
            widget.setToolTip("")
            error = widget.parentWidget().findChild(QLabel, "errorCampo")
            if error is not None:
                error.hide()

    def _escribible(self) -> bool:
        return not self.ctx.solo_lectura and self.editable

    # -- estado -----------------------------------------------------------------------------------------------
    def _mostrar_estado(self, estado: str) -> None:
        self.chip.fijar(estado)
        while self.botones_estado.count():
            item = self.botones_estado.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # at once: deleteLater waits for the event loop
                item.widget().deleteLater()
        self.botones_paso: dict[str, QPushButton] = {}
        for siguiente in estados_siguientes(estado):
            texto, ayuda, _confirmar = PASOS.get((estado, siguiente), (etiqueta_estado(siguiente), "", False))
            boton = QPushButton(texto)
            boton.setToolTip(ayuda)
            boton.setEnabled(not self.ctx.solo_lectura)
            boton.clicked.connect(lambda _c=False, e=siguiente: self.pasar_a(e))
            self.botones_estado.addWidget(boton)
            self.botones_paso[siguiente] = boton

    def pasar_a(self, estado: str, confirmar: bool = True) -> bool:
        """Cambia el estado del plan (deshacible); cerrar pide confirmación. Sancionar, y volver atrás de un plan
        sancionado, se hacen en la pestaña «Sanción» (firmas, versión congelada, revisión nueva)."""
        pid = self.plan_id
        if pid is None or self.ctx.solo_lectura:
            return False
        if (self.estado, estado) in (("en_revision", "sancionado"), ("sancionado", "en_revision")):
            self.pedir_pestana.emit("sancion")
            return False
        texto, _ayuda, pide = PASOS.get((self.estado, estado), (etiqueta_estado(estado), "", False))
        if confirmar and pide and not self._confirmar_paso(estado):
            return False
        comando = ComandoServicio(
            self.ctx, _("Plan: {paso}").format(paso=texto.rstrip("…")), "plan",
            hacer=lambda s: cambiar_estado(s, pid, estado),
            deshacer=lambda s, anterior: (cambiar_estado(s, pid, anterior), estado)[1],
            rehacer=lambda s, nuevo: cambiar_estado(s, pid, nuevo),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo cambiar el estado"), exc.mensaje)
            return False
        self.ctx.mensaje.emit(_("El plan pasó a «{estado}». Ctrl+Z lo deshace.").format(
            estado=etiqueta_estado(estado)))
        return True

    def _confirmar_paso(self, estado: str) -> bool:
        pregunta = _("¿Cerrar el plan?")
        detalle = _("Un plan cerrado ya no registra avances, fechas reales ni mediciones.")
        caja = QMessageBox(QMessageBox.Icon.Question, _("Plan de Acción"), pregunta, QMessageBox.StandardButton.NoButton,
                           self)
        caja.setInformativeText(detalle)
        si = caja.addButton(PASOS[(self.estado, estado)][0].rstrip("…"), QMessageBox.ButtonRole.AcceptRole)
        caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(si)
        caja.exec()
        return caja.clickedButton() is si

    def _aplicar_permisos(self) -> None:
        escribible = self._escribible()
        motivo = "" if escribible else motivo_edicion(self.estado, self.editable, self.ctx.solo_lectura)
        for widget in self.editores.values():
            widget.setReadOnly(not escribible)
            if not escribible:
                widget.setToolTip(motivo)
            elif not widget.styleSheet():
                widget.setToolTip("")
        self.accion_guardar.setEnabled(escribible)

    # -- apartados derivados ----------------------------------------------------------------------------------
    def _mostrar_conflictos(self, conflictos: list[str]) -> None:
        if conflictos:
            self.aviso_conflictos.setText(_("El cronograma no puede respetar todo lo pedido:") + "\n• "
                                          + "\n• ".join(conflictos))
        self.aviso_conflictos.setVisible(bool(conflictos))

    def _mostrar_actividades(self, r, nodos) -> None:
        if not r.n_actividades:
            self.resumen_actividades.setText(_("Todavía no hay actividades. Se cargan en la pestaña «Cronograma», "
                                               "con sus predecesoras."))
            return
        grupos = sum(1 for n in nodos if n.es_resumen)
        partes = [n_("{n} actividad", "{n} actividades", r.n_actividades).format(n=formato.entero(r.n_actividades))]
        if grupos:
            partes.append(n_("en {n} grupo", "en {n} grupos", grupos).format(n=formato.entero(grupos)))
        if r.n_hitos:
            partes.append(n_("{n} hito", "{n} hitos", r.n_hitos).format(n=formato.entero(r.n_hitos)))
        texto = ", ".join(partes[:2]) + (" · " + partes[2] if len(partes) > 2 else "")
        if r.fin is not None:
            texto += " · " + _("duración {dias} días hábiles, del {inicio} al {fin}").format(
                dias=formato.entero(r.duracion), inicio=formato.fecha(r.inicio), fin=formato.fecha(r.fin))
        texto += "\n" + n_("Ruta crítica: {n} actividad sin holgura, que fija los {dias} días hábiles del plan.",
                           "Ruta crítica: {n} actividades sin holgura, que fijan los {dias} días hábiles del plan.",
                           r.n_criticas).format(n=formato.entero(r.n_criticas), dias=formato.entero(r.duracion))
        self.resumen_actividades.setText(texto)

    def _mostrar_lados(self, nodos, nombres: dict[int, str]) -> None:
        filas = []
        for lado, etiqueta in LADOS.items():
            propias = [n for n in nodos if not n.es_resumen and n.lado == lado]
            quienes = sorted({nombres[n.responsable_id] for n in propias if n.responsable_id in nombres},
                             key=str.casefold)
            filas.append(FilaLado(lado, traducir(etiqueta), len(propias), ", ".join(quienes)))
        self.modelo_lados.cargar(filas)
        self.tabla_lados.resizeRowsToContents()
        alto = self.tabla_lados.horizontalHeader().height() + sum(
            self.tabla_lados.rowHeight(i) for i in range(len(filas))) + 2 * self.tabla_lados.frameWidth()
        self.tabla_lados.setFixedHeight(alto)

    def _mostrar_plazos(self, r, nodos) -> None:
        detalle = [n for n in nodos if not n.es_resumen]
        if not detalle:
            self.plazos.setText(_("Cada actividad tendrá su plazo en el cronograma y sus condiciones de satisfacción "
                                  "en su ficha."))
            self.faltan_condiciones.hide()
            return
        texto = _("Cada actividad tiene su fin planificado en el cronograma")
        if r.fin is not None:
            texto += _("; la última termina el {fin}").format(fin=formato.fecha_larga(r.fin))
        self.plazos.setText(texto + ".")
        faltan = [n for n in detalle if not n.condiciones.strip()]
        if faltan:
            nombres = "; ".join(f"{n.codigo} {n.nombre}" for n in faltan[:8])
            if len(faltan) > 8:
                nombres += "; " + _("y {n} más").format(n=formato.entero(len(faltan) - 8))
            self.faltan_condiciones.setText(n_(
                "{n} actividad todavía no dice sus condiciones de satisfacción: {nombres}.",
                "{n} actividades todavía no dicen sus condiciones de satisfacción: {nombres}.",
                len(faltan)).format(n=formato.entero(len(faltan)), nombres=nombres))
            self.faltan_condiciones.show()
        else:
            self.faltan_condiciones.hide()
            self.plazos.setText(self.plazos.text() + " " + _("Todas dicen sus condiciones de satisfacción."))

    def _mostrar_recursos(self, p) -> None:
        if p is None:
            self.totales_fuente.setText("")
            return
        if not p.total:
            self.totales_fuente.setText(_("Todavía no hay recursos con costo en las actividades."))
            return
        partes = [f"{etiqueta}: {formato.guaranies(monto)}" for _c, etiqueta, monto in p.por_fuente]
        texto = _("Total: {total}").format(total=formato.guaranies(p.total)) + "  ·  " + "  ·  ".join(partes)
        if p.sin_costo:
            texto += "\n" + n_("{n} actividad sin recursos cargados.", "{n} actividades sin recursos cargados.",
                               p.sin_costo).format(n=formato.entero(p.sin_costo))
        self.totales_fuente.setText(texto)

    def _mostrar_resultados(self, resultados, enlace) -> None:
        indicadores = sum(r.n_indicadores for r in resultados)
        if not resultados:
            texto = _("Todavía no hay resultados. Cada resultado responde a necesidades priorizadas por la "
                      "comunidad y se mide con indicadores.")
        else:
            texto = n_("{n} resultado", "{n} resultados", len(resultados)).format(n=formato.entero(len(resultados)))
            texto += " " + n_("con {n} indicador", "con {n} indicadores", indicadores).format(
                n=formato.entero(indicadores))
        brechas = len(enlace.sin_resultado)
        if brechas:
            texto += "\n" + n_("{n} necesidad priorizada no tiene resultado que la responda.",
                               "{n} necesidades priorizadas no tienen resultado que las responda.",
                               brechas).format(n=formato.entero(brechas))
            self.resumen_resultados.setStyleSheet(f"color: {ERROR};")
        else:
            self.resumen_resultados.setStyleSheet("")
        self.resumen_resultados.setText(texto)

    # -- para las pruebas y la página -------------------------------------------------------------------------
    def seccion(self, numero: str) -> QGroupBox:
        return self.findChild(QGroupBox, f"seccion_{numero}")


def _presupuesto(s, plan_id: int):
    try:
        from nucleo.servicios.presupuesto import presupuesto
    except ImportError:  # the budget service is another module; the plan reads without it
        return None
    return presupuesto(s, plan_id)

