"""Formulario de una etapa de la hoja de ruta: estado, fechas reales, plazo, responsables y notas, con el aviso de
cambios sin guardar y los botones Guardar / Descartar.

El editor solo muestra y junta lo escrito: guardar es una orden deshacible que arma la página (`guardar_pedido`),
que también decide qué hacer con los cambios al cambiar de etapa.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _
from nucleo.modelo.territorio import ESTADOS_ETAPA
from nucleo.servicios.hoja_de_ruta import DatosEtapa, FilaEtapa, etapas_de_referencia
from ui.contexto import Contexto
from ui.estilo import AVISO_TEXTO, marcar_tarjeta
from ui.modelos.etapas import estado_etapa
from ui.widgets import semaforo as luz
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.formulario import MarcadorErrores, etiqueta_error, texto_secundario
from ui.widgets.semaforo import EtiquetaSemaforo

MAXIMO_PLAZO = 2000


def _referencia(codigo: str) -> dict | None:
    return next((r for r in etapas_de_referencia() if r["codigo"] == codigo), None)


class EditorEtapa(QFrame):
    """El editor de la etapa elegida.

    - `cargar(fila, plan)`: muestra la etapa (None: «Elija una etapa», todo deshabilitado); `plan` es el texto de
      sus fechas planificadas. Con `solo_cabecera=True` actualiza título y detalle pero conserva lo escrito.
    - `datos()`: lo que muestra el formulario (ErroresDeValidacion si una fecha está mal escrita);
      `datos_cargados()`: lo que mostraba al cargar; `hay_cambios()`: si difieren.
    - `guardar_pedido` (Guardar, o Enter en una fecha o en Responsables) y `descartar_pedido` (Descartar).
    - `agregar_columna(widget)`: otra columna a la derecha de las notas, dentro del mismo marco (los documentos).
    """

    guardar_pedido = Signal()
    descartar_pedido = Signal()

    def __init__(self, ctx: Contexto, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._cargados: DatosEtapa | None = None  # what the form showed when loaded (to detect edits)
        self._construir()
        self._conectar()

    def _construir(self) -> None:
        self.setObjectName("editorEtapa")
        marcar_tarjeta(self)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(12, 8, 12, 10)
        capa.setSpacing(4)

        # Header: which stage, its light, and the save buttons where the eye ends after editing.
        cabecera = QHBoxLayout()
        cabecera.setSpacing(10)
        self.titulo_etapa = QLabel(self)
        f = self.titulo_etapa.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.titulo_etapa.setFont(f)
        self.titulo_etapa.setWordWrap(True)
        self.titulo_etapa.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.luz_etapa = EtiquetaSemaforo(self)
        self.aviso_cambios = QLabel(self)
        self.aviso_cambios.setStyleSheet(f"color: {AVISO_TEXTO}; font-weight: bold;")
        self.boton_descartar = QPushButton(_("&Descartar cambios"), self)
        self.boton_guardar = QPushButton(_("&Guardar cambios"), self)
        self.boton_guardar.setToolTip(_("Guardar la etapa (Ctrl+Z deshace)"))
        self.boton_guardar.setDefault(True)
        cabecera.addWidget(self.titulo_etapa, 1)
        cabecera.addWidget(self.luz_etapa, 0, Qt.AlignmentFlag.AlignVCenter)
        cabecera.addSpacing(8)
        cabecera.addWidget(self.aviso_cambios, 0, Qt.AlignmentFlag.AlignVCenter)
        cabecera.addWidget(self.boton_descartar, 0, Qt.AlignmentFlag.AlignVCenter)
        cabecera.addWidget(self.boton_guardar, 0, Qt.AlignmentFlag.AlignVCenter)
        capa.addLayout(cabecera)
        self.detalle_etapa = texto_secundario("", self)
        self.detalle_etapa.setWordWrap(True)
        capa.addWidget(self.detalle_etapa)
        capa.addSpacing(4)

        self._columnas = QHBoxLayout()
        self._columnas.setSpacing(16)
        capa.addLayout(self._columnas, 1)

        # Column 1: status, real dates, deadline, responsible parties.
        rejilla = QGridLayout()
        rejilla.setContentsMargins(0, 0, 0, 0)
        rejilla.setHorizontalSpacing(8)
        rejilla.setVerticalSpacing(2)
        self.marcador = MarcadorErrores()
        self.combo_estado = QComboBox(self)
        for clave in ESTADOS_ETAPA:
            self.combo_estado.addItem(estado_etapa(clave), clave)
        self.combo_estado.setToolTip(_("Pendiente: no empezó. En curso: necesita la fecha real de inicio. "
                                       "Cumplida: necesita también la fecha real de término."))
        self.campo_inicio_real = CampoFecha(self)
        self.campo_fin_real = CampoFecha(self)
        self.campo_plazo = QSpinBox(self)
        self.campo_plazo.setRange(0, MAXIMO_PLAZO)
        self.campo_plazo.setSuffix(_(" días hábiles"))
        self.campo_plazo.setToolTip(_("Plazo en días hábiles de Paraguay. Al cambiarlo se recalculan las fechas "
                                      "planificadas de esta etapa y de las siguientes."))
        self.campo_responsables = QLineEdit(self)
        self.campo_responsables.setMaxLength(500)
        filas = [
            ("estado", _("E&stado:"), self.combo_estado),
            ("inicio_real", _("Inicio &real:"), self.campo_inicio_real),
            ("fin_real", _("&Fin real:"), self.campo_fin_real),
            ("plazo_dias", _("Pla&zo:"), self.campo_plazo),
            ("responsables", _("Resp&onsables:"), self.campo_responsables),
        ]
        for r, (campo, texto, widget) in enumerate(filas):
            etiqueta = QLabel(texto, self)
            etiqueta.setBuddy(widget)
            rejilla.addWidget(etiqueta, 2 * r, 0)
            rejilla.addWidget(widget, 2 * r, 1)
            error = etiqueta_error(self)
            rejilla.addWidget(error, 2 * r + 1, 1)
            self.marcador.registrar(campo, widget, error)
        rejilla.setRowStretch(2 * len(filas), 1)
        rejilla.setColumnStretch(1, 1)
        col1 = QWidget(self)
        col1.setLayout(rejilla)
        col1.setMinimumWidth(280)
        col1.setMaximumWidth(420)
        self._columnas.addWidget(col1, 2)

        # Column 2: notes.
        col2 = QVBoxLayout()
        col2.setSpacing(2)
        etiqueta_notas = QLabel(_("&Notas:"), self)
        self.campo_notas = QPlainTextEdit(self)
        self.campo_notas.setTabChangesFocus(True)
        self.campo_notas.setPlaceholderText(_("Acuerdos, dificultades, próximos pasos…"))
        etiqueta_notas.setBuddy(self.campo_notas)
        error_notas = etiqueta_error(self)
        self.marcador.registrar("notas", self.campo_notas, error_notas)
        col2.addWidget(etiqueta_notas)
        col2.addWidget(self.campo_notas, 1)
        col2.addWidget(error_notas)
        self._columnas.addLayout(col2, 3)
        self.setMinimumHeight(self._alto_minimo())

    def _alto_minimo(self) -> int:
        # Header (two lines) + the five form rows; below this the form would be clipped.
        linea = self.fontMetrics().height()
        return int(linea * 2.2 + linea + 5 * (linea + 14) + 36)

    def _conectar(self) -> None:
        self.boton_guardar.clicked.connect(lambda: self.guardar_pedido.emit())
        self.boton_descartar.clicked.connect(lambda: self.descartar_pedido.emit())
        for senal in (self.combo_estado.currentIndexChanged, self.campo_inicio_real.cambiada,
                      self.campo_fin_real.cambiada, self.campo_plazo.valueChanged,
                      self.campo_responsables.textEdited, self.campo_notas.textChanged):
            senal.connect(self._actualizar_aviso)
        for campo in (self.campo_inicio_real, self.campo_fin_real):
            campo.editor.returnPressed.connect(self.guardar_pedido)
        self.campo_responsables.returnPressed.connect(self.guardar_pedido)

    def agregar_columna(self, widget: QWidget, estiramiento: int = 3) -> None:
        """Pone `widget` a la derecha de las notas, bajo la misma cabecera (Guardar queda arriba de todo)."""
        self._columnas.addWidget(widget, estiramiento)

    def campos(self) -> list[QWidget]:
        """Los campos en el orden en que los recorre Tab."""
        return [self.combo_estado, self.campo_inicio_real, self.campo_fin_real, self.campo_plazo,
                self.campo_responsables, self.campo_notas]

    def enfocar(self) -> None:
        """Lleva el foco al primer campo (Enter o doble clic en la tabla de etapas)."""
        self.combo_estado.setFocus()

    # ===================================================================================== carga
    def cargar(self, f: FilaEtapa | None, plan: str = "", solo_cabecera: bool = False) -> None:
        self.setEnabled(f is not None)
        if f is None:
            self.titulo_etapa.setText(_("Elija una etapa"))
            self.detalle_etapa.clear()
            self.luz_etapa.fijar(None, "")
            self._cargados = None
            self._actualizar_aviso()
            return
        self.titulo_etapa.setText(_("Etapa {codigo} · {proceso}").format(codigo=f.codigo, proceso=f.proceso))
        self.titulo_etapa.setToolTip(f.proceso)
        self.luz_etapa.fijar(f.semaforo, luz.etiqueta(f.semaforo))
        partes = [_("Producto esperado: {producto}").format(producto=f.producto), plan]
        ref = _referencia(f.codigo)
        if ref is not None:
            plazo = ref["plazo"]
            partes.append(_("Plazo de referencia: {plazo}").format(plazo=plazo[:1].lower() + plazo[1:]))
        self.detalle_etapa.setText("  ·  ".join(partes))
        if not solo_cabecera:
            self.marcador.limpiar()
            datos = DatosEtapa(f.estado, f.inicio_real, f.fin_real, f.responsables, f.notas, f.plazo_dias)
            self._cargados = datos
            self._llenar_formulario(f, datos)
        self._actualizar_aviso()

    def _llenar_formulario(self, f: FilaEtapa, d: DatosEtapa) -> None:
        ref = _referencia(f.codigo)
        campos = (self.combo_estado, self.campo_plazo, self.campo_notas)
        for w in campos:
            w.blockSignals(True)
        try:
            self.combo_estado.setCurrentIndex(max(0, self.combo_estado.findData(d.estado)))
            self.campo_inicio_real.fijar(d.inicio_real)
            self.campo_fin_real.fijar(d.fin_real)
            self.campo_plazo.setSpecialValueText(_("Según el Plan de Acción") if ref and ref["dias"] is None
                                                 else _("Sin plazo"))
            self.campo_plazo.setValue(d.plazo_dias or 0)
            self.campo_responsables.setText(d.responsables)
            self.campo_responsables.setCursorPosition(0)
            self.campo_responsables.setPlaceholderText(ref["responsables"] if ref else "")
            self.campo_notas.setPlainText(d.notas)
        finally:
            for w in campos:
                w.blockSignals(False)

    # ===================================================================================== lo escrito
    def datos(self) -> DatosEtapa:
        """Lo que muestra el editor; las fechas mal escritas se informan por campo, como los errores del servicio."""
        errores: dict[str, str] = {}
        fechas: dict[str, date | None] = {}
        for campo, widget in (("inicio_real", self.campo_inicio_real), ("fin_real", self.campo_fin_real)):
            try:
                fechas[campo] = widget.fecha()
            except ValueError as exc:
                errores[campo] = str(exc)
        if errores:
            raise ErroresDeValidacion(errores)
        plazo = self.campo_plazo.value() or None
        return DatosEtapa(self.combo_estado.currentData(), fechas["inicio_real"], fechas["fin_real"],
                          self.campo_responsables.text(), self.campo_notas.toPlainText(), plazo)

    def datos_cargados(self) -> DatosEtapa | None:
        return self._cargados

    def hay_cambios(self) -> bool:
        """True si lo escrito difiere de lo cargado (una fecha mal escrita también es un cambio)."""
        if self._cargados is None or self.ctx.solo_lectura:
            return False
        try:
            return self.datos() != self._cargados
        except ErrorDeUsuario:
            return True

    def limpiar_errores(self) -> None:
        self.marcador.limpiar()

    def mostrar_errores(self, exc: ErrorDeUsuario) -> bool:
        """Marca cada error junto a su campo; False si ninguno era de este formulario (hay que avisar aparte)."""
        return self.marcador.mostrar(exc)

    # ===================================================================================== permisos y aviso
    def aplicar_permisos(self) -> None:
        solo = self.ctx.solo_lectura
        self.combo_estado.setEnabled(not solo)
        for campo in (self.campo_inicio_real, self.campo_fin_real):
            campo.setReadOnly(solo)
        self.campo_plazo.setReadOnly(solo)
        self.campo_plazo.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons if solo
                                          else QSpinBox.ButtonSymbols.UpDownArrows)
        self.campo_responsables.setReadOnly(solo)
        self.campo_notas.setReadOnly(solo)
        self.boton_guardar.setEnabled(not solo)
        self._actualizar_aviso()

    def _actualizar_aviso(self, *_args) -> None:
        cambios = self.hay_cambios()
        if self.ctx.solo_lectura:
            self.aviso_cambios.setText(_("Solo lectura"))
            self.aviso_cambios.setToolTip(_("El expediente está abierto solo para lectura: no se pueden guardar "
                                            "cambios."))
        else:
            self.aviso_cambios.setText(_("● Cambios sin guardar") if cambios else "")
        self.boton_descartar.setEnabled(cambios)
