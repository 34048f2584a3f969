"""Herramientas > Días no laborables: el calendario laboral del municipio, por año.

Arriba, los feriados nacionales del año (del paquete `holidays`, no se editan) con la opción de declarar uno
laborable cuando un decreto lo trasladó; abajo, los días no laborables que agrega el municipio (feriados
decretados, fiesta patronal). Cada cambio replanifica las hojas de ruta y se puede deshacer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.servicios.dias_especiales import (
    FilaDiaEspecial,
    agregar_dia_especial,
    calendario_de,
    listar_dias_especiales,
    quitar_dia_especial,
)
from ui.contexto import ComandoServicio, Contexto
from ui.errores import mostrar_error_de_usuario
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.formulario import MarcadorErrores


@dataclass(frozen=True)
class FilaFeriado:
    fecha: date
    nombre: str
    laborable: bool  # a decree moved it: it is a working day this year
    especial_id: int | None  # the user's record that makes it working, if any


def _tabla(modelo: ModeloTabla) -> QTableView:
    vista = QTableView()
    vista.setModel(modelo)
    vista.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    vista.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    vista.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    vista.setAlternatingRowColors(True)
    vista.verticalHeader().hide()
    vista.setWordWrap(False)
    cabecera = vista.horizontalHeader()
    cabecera.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    cabecera.setStretchLastSection(True)
    return vista


class DialogoDiasNoLaborables(QDialog):
    def __init__(self, ctx: Contexto, parent: QWidget | None = None, anio: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Días no laborables"))
        self.resize(780, 640)

        self.anio = QSpinBox()
        self.anio.setRange(2000, 2100)
        self.anio.setValue(anio or date.today().year)
        self.anio.setAccelerated(True)
        self.anio.setMinimumWidth(90)
        etiqueta_anio = QLabel(_("&Año:"))
        etiqueta_anio.setBuddy(self.anio)
        explicacion = QLabel(_("Los plazos de la hoja de ruta se cuentan en días hábiles: de lunes a viernes, sin "
                               "los feriados nacionales ni los días que el municipio agregue aquí. Un cambio "
                               "reprograma las fechas planificadas de todas las hojas de ruta."))
        explicacion.setWordWrap(True)
        explicacion.setObjectName("secundario")
        arriba = QHBoxLayout()
        arriba.addWidget(explicacion, 1)
        arriba.addSpacing(16)
        arriba.addWidget(etiqueta_anio)
        arriba.addWidget(self.anio)

        # -- national holidays
        self.modelo_feriados: ModeloTabla[FilaFeriado] = ModeloTabla([
            Columna(_("Fecha"), lambda f: formato.fecha_completa(f.fecha), orden=lambda f: f.fecha),
            Columna(_("Feriado nacional"), lambda f: f.nombre),
            Columna(_("En el calendario del municipio"),
                    lambda f: _("Laborable (trasladado por decreto)") if f.laborable else _("No laborable"),
                    color=lambda f: "#b26a00" if f.laborable else None),
        ], self)
        self.tabla_feriados = _tabla(self.modelo_feriados)
        self.boton_trasladar = QPushButton(_("Declarar laborable (trasladado por decreto)…"))
        self.boton_restituir = QPushButton(_("Volver a feriado"))
        grupo_feriados = QGroupBox()
        self.grupo_feriados = grupo_feriados
        capa_f = QVBoxLayout(grupo_feriados)
        capa_f.addWidget(self.tabla_feriados)
        botones_f = QHBoxLayout()
        botones_f.addWidget(self.boton_trasladar)
        botones_f.addWidget(self.boton_restituir)
        botones_f.addStretch(1)
        capa_f.addLayout(botones_f)

        # -- days added by the municipality
        self.modelo_propios: ModeloTabla[FilaDiaEspecial] = ModeloTabla([
            Columna(_("Fecha"), lambda f: formato.fecha_completa(f.fecha), orden=lambda f: f.fecha),
            Columna(_("Motivo"), lambda f: f.descripcion),
        ], self)
        self.tabla_propios = _tabla(self.modelo_propios)
        self.nueva_fecha = CampoFecha()
        self.nueva_fecha.setMaximumWidth(170)
        self.nuevo_motivo = QLineEdit()
        self.nuevo_motivo.setPlaceholderText(_("Motivo: p. ej. «Fiesta patronal» o «Feriado decretado»"))
        self.boton_agregar = QPushButton(_("&Agregar"))
        self.boton_quitar = QPushButton(_("&Quitar"))
        self.error_fecha = QLabel()
        self.error_fecha.setObjectName("errorCampo")
        self.error_motivo = QLabel()
        self.error_motivo.setObjectName("errorCampo")
        self.marcador = MarcadorErrores()
        self.marcador.registrar("fecha", self.nueva_fecha, self.error_fecha)
        self.marcador.registrar("descripcion", self.nuevo_motivo, self.error_motivo)
        grupo_propios = QGroupBox()
        self.grupo_propios = grupo_propios
        capa_p = QVBoxLayout(grupo_propios)
        capa_p.addWidget(self.tabla_propios)
        fila = QHBoxLayout()
        fila.addWidget(self.nueva_fecha)
        fila.addWidget(self.nuevo_motivo, 1)
        fila.addWidget(self.boton_agregar)
        fila.addWidget(self.boton_quitar)
        capa_p.addLayout(fila)
        capa_p.addWidget(self.error_fecha)
        capa_p.addWidget(self.error_motivo)

        cerrar = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        cerrar.button(QDialogButtonBox.StandardButton.Close).setText(_("Cerrar"))
        cerrar.rejected.connect(self.reject)
        self.aviso_solo_lectura = QLabel(_("El expediente está abierto solo para lectura: los días se muestran, "
                                           "pero no se pueden cambiar."))
        self.aviso_solo_lectura.setObjectName("secundario")
        self.aviso_solo_lectura.setVisible(ctx.solo_lectura)

        capa = QVBoxLayout(self)
        capa.addLayout(arriba)
        capa.addWidget(grupo_feriados, 3)
        capa.addWidget(grupo_propios, 2)
        capa.addWidget(self.aviso_solo_lectura)
        capa.addWidget(cerrar)

        quitar = QAction(_("Quitar"), self.tabla_propios)
        quitar.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        quitar.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        quitar.triggered.connect(self._quitar_seleccionado)
        self.tabla_propios.addAction(quitar)
        self.boton_quitar.setToolTip(_("Quitar el día elegido (Supr)"))

        # Ctrl+Z inside the dialog too: the window's shortcut does not reach a modal dialog.
        for texto, atajos, slot in ((_("Deshacer"), ("Ctrl+Z",), ctx.pila.undo),
                                    (_("Rehacer"), ("Ctrl+Y", "Ctrl+Shift+Z"), ctx.pila.redo)):
            accion = QAction(texto, self)
            accion.setShortcuts([QKeySequence(a) for a in atajos])
            accion.triggered.connect(slot)
            self.addAction(accion)

        self.anio.valueChanged.connect(self.cargar)
        self.boton_agregar.clicked.connect(self._agregar_escrito)
        self.nuevo_motivo.returnPressed.connect(self._agregar_escrito)
        self.boton_quitar.clicked.connect(self._quitar_seleccionado)
        self.boton_trasladar.clicked.connect(self._trasladar_seleccionado)
        self.boton_restituir.clicked.connect(self._restituir_seleccionado)
        self.tabla_feriados.selectionModel().selectionChanged.connect(self._actualizar_botones)
        self.tabla_propios.selectionModel().selectionChanged.connect(self._actualizar_botones)
        ctx.cambiado.connect(self._al_cambiar)
        self.cargar()

    # -- datos -------------------------------------------------------------------------------------------
    def cargar(self) -> None:
        anio = self.anio.value()
        mid = self.ctx.municipio_id

        def leer(s):
            return calendario_de(s, mid).feriados(anio), listar_dias_especiales(s, mid, anio)

        feriados, especiales = self.ctx.leer(leer)
        laborables = {e.fecha: e.id for e in especiales if e.laborable}
        self.modelo_feriados.cargar([FilaFeriado(f, n, f in laborables, laborables.get(f))
                                     for f, n in feriados.items()])
        self.modelo_propios.cargar([e for e in especiales if not e.laborable])
        self.grupo_feriados.setTitle(_("Feriados nacionales de {anio} (según la ley)").format(anio=anio))
        self.grupo_propios.setTitle(_("Días no laborables que agrega el municipio en {anio}").format(anio=anio))
        self._actualizar_botones()

    def _al_cambiar(self, que: set[str]) -> None:
        if "dia_especial" in que:
            self.cargar()

    def _seleccion(self, vista: QTableView, modelo: ModeloTabla):
        filas = vista.selectionModel().selectedRows()
        return modelo.fila(filas[0].row()) if filas else None

    def _actualizar_botones(self) -> None:
        editable = not self.ctx.solo_lectura
        feriado = self._seleccion(self.tabla_feriados, self.modelo_feriados)
        self.boton_trasladar.setEnabled(editable and feriado is not None and not feriado.laborable)
        self.boton_restituir.setEnabled(editable and feriado is not None and feriado.laborable)
        self.boton_quitar.setEnabled(editable and self._seleccion(self.tabla_propios, self.modelo_propios) is not None)
        for w in (self.boton_agregar, self.nueva_fecha, self.nuevo_motivo):
            w.setEnabled(editable)

    # -- órdenes (deshacibles) ---------------------------------------------------------------------------
    def agregar(self, dia: date, descripcion: str, laborable: bool = False) -> int:
        """Agrega un día (no laborable, o un feriado declarado laborable). Lanza ErrorDeUsuario si no corresponde."""
        mid = self.ctx.municipio_id
        texto = (_("Declarar laborable el {fecha}") if laborable
                 else _("Agregar día no laborable {fecha}")).format(fecha=formato.fecha(dia))
        return self.ctx.ejecutar(ComandoServicio(
            self.ctx, texto, "dia_especial",
            hacer=lambda s: agregar_dia_especial(s, mid, dia, laborable, descripcion),
            deshacer=lambda s, ident: quitar_dia_especial(s, ident),
            rehacer=lambda s, copia: agregar_dia_especial(s, mid, copia.fecha, copia.laborable, copia.descripcion),
        ))

    def quitar(self, dia_id: int) -> FilaDiaEspecial:
        mid = self.ctx.municipio_id
        fila = self.ctx.leer(lambda s: next(d for d in listar_dias_especiales(s, mid) if d.id == dia_id))
        texto = (_("Volver a feriado el {fecha}") if fila.laborable
                 else _("Quitar día no laborable {fecha}")).format(fecha=formato.fecha(fila.fecha))
        return self.ctx.ejecutar(ComandoServicio(
            self.ctx, texto, "dia_especial",
            hacer=lambda s: quitar_dia_especial(s, dia_id),
            deshacer=lambda s, c: agregar_dia_especial(s, mid, c.fecha, c.laborable, c.descripcion),
            rehacer=lambda s, ident: quitar_dia_especial(s, ident),
        ))

    # -- botones -----------------------------------------------------------------------------------------
    def _agregar_escrito(self) -> None:
        self.marcador.limpiar()
        try:
            dia = self.nueva_fecha.fecha()
        except ValueError as exc:
            self.marcador.marcar("fecha", str(exc))
            return
        if dia is None:
            self.marcador.marcar("fecha", _("Escriba la fecha (dd/mm/aaaa) o elíjala en el calendario."))
            self.nueva_fecha.setFocus()
            return
        try:
            self.agregar(dia, self.nuevo_motivo.text())
        except ErrorDeUsuario as exc:
            if not self.marcador.mostrar(exc):
                mostrar_error_de_usuario(self, exc)
            return
        self.nueva_fecha.fijar(None)
        self.nuevo_motivo.clear()
        if dia.year != self.anio.value():
            self.anio.setValue(dia.year)
        self._seleccionar(self.tabla_propios, self.modelo_propios, dia)
        self.nueva_fecha.setFocus()

    def _quitar_seleccionado(self) -> None:
        fila = self._seleccion(self.tabla_propios, self.modelo_propios)
        if fila is not None and self.confirmar(
                _("¿Quitar el {fecha} («{motivo}») de los días no laborables? Las fechas planificadas se "
                  "recalculan. Puede deshacerlo con Ctrl+Z.").format(fecha=formato.fecha(fila.fecha),
                                                                    motivo=fila.descripcion)):
            self._intentar(lambda: self.quitar(fila.id))

    def confirmar(self, texto: str) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Question, _("Quitar día"), texto, QMessageBox.StandardButton.NoButton,
                           self)
        si = caja.addButton(_("Quitar"), QMessageBox.ButtonRole.DestructiveRole)
        caja.setDefaultButton(caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole))
        caja.exec()
        return caja.clickedButton() is si

    def _trasladar_seleccionado(self) -> None:
        feriado = self._seleccion(self.tabla_feriados, self.modelo_feriados)
        if feriado is None:
            return
        pregunta = QInputDialog(self)
        pregunta.setWindowTitle(_("Feriado trasladado"))
        pregunta.setLabelText(_("El {fecha} ({nombre}) pasa a ser laborable.\nIndique el decreto que lo trasladó:")
                              .format(fecha=formato.fecha(feriado.fecha), nombre=feriado.nombre))
        pregunta.setTextValue(_("Trasladado por decreto"))
        pregunta.setOkButtonText(_("Declarar laborable"))
        pregunta.setCancelButtonText(_("Cancelar"))
        pregunta.resize(460, pregunta.sizeHint().height())
        if pregunta.exec():
            motivo = pregunta.textValue()
            self._intentar(lambda: self.agregar(feriado.fecha, motivo, laborable=True))
            self._seleccionar(self.tabla_feriados, self.modelo_feriados, feriado.fecha)

    def _restituir_seleccionado(self) -> None:
        feriado = self._seleccion(self.tabla_feriados, self.modelo_feriados)
        if feriado is not None and feriado.especial_id is not None:
            self._intentar(lambda: self.quitar(feriado.especial_id))
            self._seleccionar(self.tabla_feriados, self.modelo_feriados, feriado.fecha)

    def _intentar(self, funcion) -> None:
        try:
            funcion()
        except ErrorDeUsuario as exc:
            mostrar_error_de_usuario(self, exc)

    def _seleccionar(self, vista: QTableView, modelo: ModeloTabla, dia: date) -> None:
        for n, f in enumerate(modelo.filas()):
            if f.fecha == dia:
                vista.selectionModel().select(
                    modelo.index(n, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                vista.scrollTo(modelo.index(n, 0))
                return
