"""Hoja de ruta de un territorio: dónde está (línea de etapas y semáforo), qué sigue, y la edición de cada etapa
con sus documentos de evidencia.

Todo cambio pasa por un servicio dentro de una orden deshacible (ctx.ejecutar); la página solo lee y muestra.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.calendario import CUMPLIDA, POR_VENCER, SIN_FECHA, VENCIDA
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, n_
from nucleo.modelo.territorio import ESTADOS_ETAPA
from nucleo.servicios.hoja_de_ruta import (
    DatosEtapa,
    FilaDocumento,
    FilaEtapa,
    ResumenRuta,
    actualizar_etapa,
    adjuntar_documento,
    contenido_documento,
    eliminar_documento,
    etapas_de_referencia,
    fijar_inicio,
    listar_documentos,
    restaurar_documento,
    resumen_ruta,
)
from nucleo.servicios.territorios import FilaTerritorio, listar_territorios
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import AVISO_TEXTO, BORDE, COLORES_SEMAFORO, TEXTO_SECUNDARIO
from ui.modelos.etapas import ModeloEtapas, estado_etapa
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets import semaforo as luz
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.formulario import MarcadorErrores
from ui.widgets.linea_de_ruta import LineaDeRuta, PasoRuta
from ui.widgets.semaforo import DelegadoSemaforo, EtiquetaSemaforo, LeyendaSemaforo

MAXIMO_PLAZO = 2000


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


def tamano_legible(n: int | None) -> str:
    """Tamaño de archivo como lo lee una persona: «850 bytes», «12,3 KB», «4,1 MB»."""
    if n is None:
        return ""
    if n < 1024:
        return n_("{n} byte", "{n} bytes", n).format(n=formato.entero(n))
    for unidad, divisor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        valor = n / divisor
        if valor < 1024 or unidad == "GB":
            # One decimal below 100 ("12,3 KB"), none above; never a trailing ",0".
            return f"{formato.numero(round(valor, 1) if valor < 100 else round(valor))} {unidad}"
    return ""  # pragma: no cover - the loop always returns


def _clave_nombre(texto: str) -> str:
    # "Ñu Guazú" and "Nueva" sort as a Paraguayan reader expects, accents ignored.
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c)).casefold()


_carpetas_vivas: list[tempfile.TemporaryDirectory] = []


@cache
def _carpeta_temporal() -> Path:
    # One folder per session, removed when the program exits; a document opened in another program stays
    # readable while the session lasts.
    carpeta = tempfile.TemporaryDirectory(prefix="articula-documentos-")
    _carpetas_vivas.append(carpeta)
    return Path(carpeta.name)


def _etiqueta_error(parent: QWidget) -> QLabel:
    etiqueta = QLabel(parent)
    etiqueta.setObjectName("errorCampo")
    return etiqueta


def _boton_compacto(texto: str, parent: QWidget) -> QToolButton:
    boton = QToolButton(parent)
    boton.setText(texto)
    boton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    boton.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    boton.setMinimumHeight(QPushButton().sizeHint().height())
    return boton


def _secundario(texto: str, parent: QWidget) -> QLabel:
    etiqueta = QLabel(texto, parent)
    etiqueta.setObjectName("secundario")
    etiqueta.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
    return etiqueta


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
        self._cargados: DatosEtapa | None = None  # what the editor showed when loaded (to detect edits)
        self._ajustando = False  # True while the page itself moves a selection: no questions then
        self._forzar_editor = False
        self._ultima_carpeta = str(Path.home())
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
        vacio = QWidget(self)
        capa = QVBoxLayout(vacio)
        capa.addStretch(2)
        titulo = QLabel(_("Todavía no hay territorios"), vacio)
        f = titulo.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        titulo.setFont(f)
        titulo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texto_vacio = _secundario(
            _("Cree un territorio en la página Territorios para ver su hoja de ruta."), vacio)
        self.texto_vacio.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texto_vacio.setWordWrap(True)
        self.boton_ir_territorios = QPushButton(_("Ir a &Territorios"), vacio)
        self.boton_ir_territorios.clicked.connect(lambda: self.ctx.navegar.emit("territorios", None))
        capa.addWidget(titulo)
        capa.addSpacing(6)
        capa.addWidget(self.texto_vacio)
        capa.addSpacing(12)
        capa.addWidget(self.boton_ir_territorios, 0, Qt.AlignmentFlag.AlignHCenter)
        capa.addStretch(3)
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
        self.error_inicio = _etiqueta_error(contenido)
        self.ayuda_inicio = _secundario(
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
        capa.addWidget(self._construir_resumen(contenido))

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

    def _construir_resumen(self, parent: QWidget) -> QFrame:
        marco = QFrame(parent)
        marco.setObjectName("resumenRuta")
        marco.setStyleSheet(f"QFrame#resumenRuta {{ background: #ffffff; border: 1px solid {BORDE}; "
                            "border-radius: 6px; }")
        capa = QHBoxLayout(marco)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.setSpacing(16)
        progreso = QVBoxLayout()
        progreso.setSpacing(4)
        self.texto_progreso = QLabel(marco)
        f = self.texto_progreso.font()
        f.setBold(True)
        self.texto_progreso.setFont(f)
        self.barra_progreso = QProgressBar(marco)
        self.barra_progreso.setFixedSize(210, 8)
        self.barra_progreso.setTextVisible(False)
        self.barra_progreso.setStyleSheet(
            f"QProgressBar {{ background: #e6eaef; border: none; border-radius: 4px; }}"
            f"QProgressBar::chunk {{ background: {COLORES_SEMAFORO[CUMPLIDA]}; border-radius: 4px; }}")
        progreso.addWidget(self.texto_progreso)
        progreso.addWidget(self.barra_progreso)
        capa.addLayout(progreso)
        cuentas = QVBoxLayout()
        cuentas.setSpacing(2)
        self.etiqueta_vencidas = EtiquetaSemaforo(marco, VENCIDA)
        self.etiqueta_por_vencer = EtiquetaSemaforo(marco, POR_VENCER)
        cuentas.addWidget(self.etiqueta_vencidas)
        cuentas.addWidget(self.etiqueta_por_vencer)
        capa.addLayout(cuentas)
        separador = QFrame(marco)
        separador.setFrameShape(QFrame.Shape.VLine)
        separador.setStyleSheet(f"color: {BORDE};")
        capa.addWidget(separador)
        siguiente = QVBoxLayout()
        siguiente.setSpacing(2)
        cabeza = QHBoxLayout()
        cabeza.setSpacing(0)
        # The dot carries the next stage's light; its tooltip says the rule.
        self.luz_siguiente = EtiquetaSemaforo(marco, None, _("Próximo paso"))
        f = self.luz_siguiente.font()
        f.setBold(True)
        self.luz_siguiente.setFont(f)
        cabeza.addWidget(self.luz_siguiente)
        cabeza.addStretch(1)
        self.texto_siguiente = QLabel(marco)
        self.texto_siguiente.setWordWrap(True)
        self.texto_siguiente.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.texto_siguiente.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        siguiente.addLayout(cabeza)
        siguiente.addWidget(self.texto_siguiente)
        capa.addLayout(siguiente, 1)
        return marco

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

    def _construir_editor(self) -> QFrame:
        editor = QFrame(self)
        editor.setObjectName("editorEtapa")
        editor.setStyleSheet(f"QFrame#editorEtapa {{ background: #ffffff; border: 1px solid {BORDE}; "
                             "border-radius: 6px; }")
        self.editor = editor
        capa = QVBoxLayout(editor)
        capa.setContentsMargins(12, 8, 12, 10)
        capa.setSpacing(4)

        # Header: which stage, its light, and the save buttons where the eye ends after editing.
        cabecera = QHBoxLayout()
        cabecera.setSpacing(10)
        self.titulo_etapa = QLabel(editor)
        f = self.titulo_etapa.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.titulo_etapa.setFont(f)
        self.titulo_etapa.setWordWrap(True)
        self.titulo_etapa.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.luz_etapa = EtiquetaSemaforo(editor)
        self.aviso_cambios = QLabel(editor)
        self.aviso_cambios.setStyleSheet(f"color: {AVISO_TEXTO}; font-weight: bold;")
        self.boton_descartar = QPushButton(_("&Descartar cambios"), editor)
        self.boton_guardar = QPushButton(_("&Guardar cambios"), editor)
        self.boton_guardar.setToolTip(_("Guardar la etapa (Ctrl+Z deshace)"))
        self.boton_guardar.setDefault(True)
        cabecera.addWidget(self.titulo_etapa, 1)
        cabecera.addWidget(self.luz_etapa, 0, Qt.AlignmentFlag.AlignVCenter)
        cabecera.addSpacing(8)
        cabecera.addWidget(self.aviso_cambios, 0, Qt.AlignmentFlag.AlignVCenter)
        cabecera.addWidget(self.boton_descartar, 0, Qt.AlignmentFlag.AlignVCenter)
        cabecera.addWidget(self.boton_guardar, 0, Qt.AlignmentFlag.AlignVCenter)
        capa.addLayout(cabecera)
        self.detalle_etapa = _secundario("", editor)
        self.detalle_etapa.setWordWrap(True)
        capa.addWidget(self.detalle_etapa)
        capa.addSpacing(4)

        columnas = QHBoxLayout()
        columnas.setSpacing(16)
        capa.addLayout(columnas, 1)

        # Column 1: status, real dates, deadline, responsible parties.
        rejilla = QGridLayout()
        rejilla.setContentsMargins(0, 0, 0, 0)
        rejilla.setHorizontalSpacing(8)
        rejilla.setVerticalSpacing(2)
        self.marcador = MarcadorErrores()
        self.combo_estado = QComboBox(editor)
        for clave in ESTADOS_ETAPA:
            self.combo_estado.addItem(estado_etapa(clave), clave)
        self.combo_estado.setToolTip(_("Pendiente: no empezó. En curso: necesita la fecha real de inicio. "
                                       "Cumplida: necesita también la fecha real de término."))
        self.campo_inicio_real = CampoFecha(editor)
        self.campo_fin_real = CampoFecha(editor)
        self.campo_plazo = QSpinBox(editor)
        self.campo_plazo.setRange(0, MAXIMO_PLAZO)
        self.campo_plazo.setSuffix(_(" días hábiles"))
        self.campo_plazo.setToolTip(_("Plazo en días hábiles de Paraguay. Al cambiarlo se recalculan las fechas "
                                      "planificadas de esta etapa y de las siguientes."))
        self.campo_responsables = QLineEdit(editor)
        self.campo_responsables.setMaxLength(500)
        filas = [
            ("estado", _("E&stado:"), self.combo_estado),
            ("inicio_real", _("Inicio &real:"), self.campo_inicio_real),
            ("fin_real", _("&Fin real:"), self.campo_fin_real),
            ("plazo_dias", _("Pla&zo:"), self.campo_plazo),
            ("responsables", _("Resp&onsables:"), self.campo_responsables),
        ]
        for r, (campo, texto, widget) in enumerate(filas):
            etiqueta = QLabel(texto, editor)
            etiqueta.setBuddy(widget)
            rejilla.addWidget(etiqueta, 2 * r, 0)
            rejilla.addWidget(widget, 2 * r, 1)
            error = _etiqueta_error(editor)
            rejilla.addWidget(error, 2 * r + 1, 1)
            self.marcador.registrar(campo, widget, error)
        rejilla.setRowStretch(2 * len(filas), 1)
        rejilla.setColumnStretch(1, 1)
        col1 = QWidget(editor)
        col1.setLayout(rejilla)
        col1.setMinimumWidth(280)
        col1.setMaximumWidth(420)
        columnas.addWidget(col1, 2)

        # Column 2: notes.
        col2 = QVBoxLayout()
        col2.setSpacing(2)
        etiqueta_notas = QLabel(_("&Notas:"), editor)
        self.campo_notas = QPlainTextEdit(editor)
        self.campo_notas.setTabChangesFocus(True)
        self.campo_notas.setPlaceholderText(_("Acuerdos, dificultades, próximos pasos…"))
        etiqueta_notas.setBuddy(self.campo_notas)
        error_notas = _etiqueta_error(editor)
        self.marcador.registrar("notas", self.campo_notas, error_notas)
        col2.addWidget(etiqueta_notas)
        col2.addWidget(self.campo_notas, 1)
        col2.addWidget(error_notas)
        columnas.addLayout(col2, 3)

        # Column 3: evidence documents (a table, or a hint where the table would be when there are none).
        col3 = QVBoxLayout()
        col3.setSpacing(4)
        self.titulo_documentos = QLabel(_("Documentos de evidencia"), editor)
        self.modelo_documentos: ModeloTabla[FilaDocumento] = ModeloTabla([
            Columna(_("Nombre"), lambda d: d.nombre_archivo),
            Columna(_("Tamaño"), lambda d: tamano_legible(d.tamano), orden=lambda d: d.tamano, derecha=True),
            Columna(_("Adjuntado"), lambda d: formato.fecha_hora(d.creado_en), orden=lambda d: d.creado_en),
        ], self)
        self.tabla_documentos = TablaDocumentos(editor)
        self.tabla_documentos.setModel(self.modelo_documentos)
        self.tabla_documentos.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla_documentos.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tabla_documentos.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla_documentos.verticalHeader().hide()
        self.tabla_documentos.setShowGrid(False)
        self.tabla_documentos.setWordWrap(False)
        self.tabla_documentos.setAccessibleName(_("Documentos de evidencia"))
        self.tabla_documentos.setToolTip(_("Enter abre el documento; Insert adjunta; Supr quita. También puede "
                                           "arrastrar archivos aquí."))
        cab = self.tabla_documentos.horizontalHeader()
        cab.setHighlightSections(False)
        cab.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        cab.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tabla_documentos.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.vacio_documentos = _secundario(
            _("Sin documentos todavía.\nAdjunte actas, fotos o escaneos firmados que respalden la etapa."), editor)
        self.vacio_documentos.setWordWrap(True)
        self.vacio_documentos.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.vacio_documentos.setStyleSheet(f"color: {TEXTO_SECUNDARIO}; border: 1px dashed {BORDE}; "
                                            "border-radius: 4px; padding: 8px;")
        self.pila_documentos = QStackedWidget(editor)
        self.pila_documentos.addWidget(self.tabla_documentos)
        self.pila_documentos.addWidget(self.vacio_documentos)
        botones = QHBoxLayout()
        botones.setSpacing(4)
        # Tool buttons: no 80-pixel minimum width, so the four fit beside the notes on a 1024-pixel screen.
        self.boton_adjuntar = _boton_compacto(_("Ad&juntar…"), editor)
        self.boton_adjuntar.setToolTip(_("Guardar uno o varios archivos dentro del expediente (Insert)"))
        self.boton_abrir = _boton_compacto(_("A&brir"), editor)
        self.boton_abrir.setToolTip(_("Abrir el documento con el programa del sistema (Enter)"))
        self.boton_guardar_como = _boton_compacto(_("Guardar &como…"), editor)
        self.boton_guardar_como.setToolTip(_("Guardar una copia del documento en una carpeta"))
        self.boton_quitar = _boton_compacto(_("&Quitar"), editor)
        self.boton_quitar.setToolTip(_("Quitar el documento de la etapa (Supr; Ctrl+Z deshace)"))
        for b in (self.boton_adjuntar, self.boton_abrir, self.boton_guardar_como, self.boton_quitar):
            botones.addWidget(b)
        botones.addStretch(1)
        col3.addWidget(self.titulo_documentos)
        col3.addWidget(self.pila_documentos, 1)
        col3.addLayout(botones)
        columnas.addLayout(col3, 3)
        editor.setMinimumHeight(self._alto_minimo_editor())
        return editor

    def _alto_minimo_editor(self) -> int:
        # Header (two lines) + the five form rows; below this the form would be clipped.
        linea = self.fontMetrics().height()
        return int(linea * 2.2 + linea + 5 * (linea + 14) + 36)

    def _conectar(self) -> None:
        self.combo_territorio.currentIndexChanged.connect(self._al_elegir_territorio)
        self.boton_aplicar.clicked.connect(self.aplicar_inicio)
        self.campo_inicio.editor.returnPressed.connect(self.aplicar_inicio)
        self.tabla.selectionModel().currentRowChanged.connect(self._al_cambiar_fila)
        self.tabla.doubleClicked.connect(lambda _i: self.combo_estado.setFocus())
        self.tabla.activated.connect(lambda _i: self.combo_estado.setFocus())
        self.linea.elegido.connect(self._al_elegir_en_linea)
        self.boton_guardar.clicked.connect(self.guardar_etapa)
        self.boton_descartar.clicked.connect(self.descartar_cambios)
        for senal in (self.combo_estado.currentIndexChanged, self.campo_inicio_real.cambiada,
                      self.campo_fin_real.cambiada, self.campo_plazo.valueChanged,
                      self.campo_responsables.textEdited, self.campo_notas.textChanged):
            senal.connect(self._actualizar_aviso)
        for campo in (self.campo_inicio_real, self.campo_fin_real):
            campo.editor.returnPressed.connect(self.guardar_etapa)
        self.campo_responsables.returnPressed.connect(self.guardar_etapa)
        self.boton_adjuntar.clicked.connect(lambda: self.adjuntar())
        self.boton_abrir.clicked.connect(self.abrir_documento)
        self.boton_guardar_como.clicked.connect(self.guardar_documento_como)
        self.boton_quitar.clicked.connect(self.quitar_documentos)
        self.tabla_documentos.activated.connect(lambda _i: self.abrir_documento())
        self.tabla_documentos.selectionModel().selectionChanged.connect(lambda *_a: self._actualizar_botones())
        self.tabla_documentos.soltados.connect(self.adjuntar)
        self.tabla_documentos.tecla_insertar.connect(lambda: self.adjuntar())
        self.tabla_documentos.tecla_suprimir.connect(self.quitar_documentos)
        # Tab walks the page top to bottom; in the editor, the fields before the save buttons of its header.
        orden = [self.combo_territorio, self.campo_inicio, self.boton_aplicar, self.linea, self.tabla,
                 self.combo_estado, self.campo_inicio_real, self.campo_fin_real, self.campo_plazo,
                 self.campo_responsables, self.campo_notas, self.tabla_documentos, self.boton_adjuntar,
                 self.boton_abrir, self.boton_guardar_como, self.boton_quitar, self.boton_descartar,
                 self.boton_guardar]
        for antes, despues in zip(orden, orden[1:], strict=False):
            QWidget.setTabOrder(antes, despues)
        self.tabla.installEventFilter(self)
        self.divisor.installEventFilter(self)
        self.divisor.splitterMoved.connect(self._al_mover_divisor)

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - Qt override
        if objeto is self.tabla:
            # Enter on the stage table goes to the editor, as double-click does.
            if evento.type() == QEvent.Type.KeyPress and evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.combo_estado.setFocus()
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

    def etapa_actual(self) -> int | None:
        return self._etapa_id

    def resumen(self) -> ResumenRuta | None:
        return self._resumen

    def hay_cambios(self) -> bool:
        """True si el editor de la etapa tiene cambios sin guardar."""
        if self._etapa_id is None or self._cargados is None or self.ctx.solo_lectura:
            return False
        try:
            return self._datos_formulario() != self._cargados
        except ErrorDeUsuario:
            return True

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
        filas.sort(key=lambda f: _clave_nombre(f.nombre))
        self._ajustando = True
        try:
            self.combo_territorio.clear()
            for f in filas:
                self.combo_territorio.addItem(luz.icono(f.semaforo), f.nombre, f.id)
                i = self.combo_territorio.count() - 1
                self.combo_territorio.setItemData(
                    i, _("{nombre}: {etapa} ({luz})").format(nombre=f.nombre, etapa=f.etapa_actual,
                                                             luz=luz.etiqueta(f.semaforo)),
                    Qt.ItemDataRole.ToolTipRole)
            ids = [f.id for f in filas]
            if self._territorio_id not in ids:
                self._territorio_id = ids[0] if ids else None
                self._etapa_id = None
                self._cargados = None
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
        self._mostrar_resumen(resumen)
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

    def _mostrar_resumen(self, r: ResumenRuta) -> None:
        n = len(r.etapas)
        self.barra_progreso.setRange(0, max(1, n))
        self.barra_progreso.setValue(r.cumplidas)
        texto = _("{c} de {n} etapas cumplidas").format(c=r.cumplidas, n=n)
        self.texto_progreso.setText(texto)
        self.barra_progreso.setAccessibleName(texto)
        ayuda = _("{texto} ({pct})").format(texto=texto, pct=formato.porcentaje(r.progreso))
        self.barra_progreso.setToolTip(ayuda)
        self.texto_progreso.setToolTip(ayuda)
        self.etiqueta_vencidas.fijar(VENCIDA if r.vencidas else SIN_FECHA,
                                     n_("{n} vencida", "{n} vencidas", r.vencidas).format(n=r.vencidas))
        self.etiqueta_vencidas.setToolTip(luz.regla(VENCIDA))
        self.etiqueta_por_vencer.fijar(POR_VENCER if r.por_vencer else SIN_FECHA,
                                       _("{n} por vencer").format(n=r.por_vencer))
        self.etiqueta_por_vencer.setToolTip(luz.regla(POR_VENCER))
        sig = r.siguiente
        titulo = _("Próximo paso")
        if r.inicio is None and sig is not None:
            self.luz_siguiente.fijar(SIN_FECHA, titulo)
        else:
            self.luz_siguiente.fijar(sig.semaforo if sig else CUMPLIDA, titulo)
        self.luz_siguiente.setToolTip(luz.regla(sig.semaforo) if sig else luz.regla(CUMPLIDA))
        self.texto_siguiente.setText(r.texto_siguiente)

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
        self.editor.setEnabled(f is not None)
        if f is None:
            self.titulo_etapa.setText(_("Elija una etapa"))
            self.detalle_etapa.clear()
            self.luz_etapa.fijar(None, "")
            self._cargados = None
            self.modelo_documentos.cargar([])
            self._actualizar_documentos_vacios()
            self._actualizar_aviso()
            return
        self.titulo_etapa.setText(_("Etapa {codigo} · {proceso}").format(codigo=f.codigo, proceso=f.proceso))
        self.titulo_etapa.setToolTip(f.proceso)
        self.luz_etapa.fijar(f.semaforo, luz.etiqueta(f.semaforo))
        partes = [_("Producto esperado: {producto}").format(producto=f.producto), self._texto_plan(f)]
        ref = self._referencia(f.codigo)
        if ref is not None:
            plazo = ref["plazo"]
            partes.append(_("Plazo de referencia: {plazo}").format(plazo=plazo[:1].lower() + plazo[1:]))
        self.detalle_etapa.setText("  ·  ".join(partes))
        if not solo_cabecera:
            self.marcador.limpiar()
            datos = DatosEtapa(f.estado, f.inicio_real, f.fin_real, f.responsables, f.notas, f.plazo_dias)
            self._cargados = datos
            self._llenar_formulario(f, datos)
        self._cargar_documentos()
        self._actualizar_aviso()

    @staticmethod
    def _referencia(codigo: str) -> dict | None:
        return next((r for r in etapas_de_referencia() if r["codigo"] == codigo), None)

    def _llenar_formulario(self, f: FilaEtapa, d: DatosEtapa) -> None:
        ref = self._referencia(f.codigo)
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

    def _datos_formulario(self) -> DatosEtapa:
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

    def _actualizar_aviso(self, *_args) -> None:
        cambios = self.hay_cambios()
        if self.ctx.solo_lectura:
            self.aviso_cambios.setText(_("Solo lectura"))
            self.aviso_cambios.setToolTip(_("El expediente está abierto solo para lectura: no se pueden guardar "
                                            "cambios."))
        else:
            self.aviso_cambios.setText(_("● Cambios sin guardar") if cambios else "")
        self.boton_descartar.setEnabled(cambios)

    def guardar_etapa(self) -> bool:
        """Guarda el editor en la etapa (deshacible). Devuelve False si hubo errores (quedan marcados)."""
        if self._etapa_id is None or self.ctx.solo_lectura or self._resumen is None:
            return False
        self.marcador.limpiar()
        try:
            datos = self._datos_formulario()
        except ErrorDeUsuario as exc:
            self.marcador.mostrar(exc)
            return False
        if datos == self._cargados:
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
            if not self.marcador.mostrar(exc):
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
    def _cargar_documentos(self) -> None:
        eid = self._etapa_id
        seleccion = self._documentos_elegidos()
        filas = self.ctx.leer(lambda s: listar_documentos(s, eid)) if eid is not None else []
        self.modelo_documentos.cargar(filas)
        for ident in seleccion:
            n = self.modelo_documentos.buscar_id(ident)
            if n >= 0:
                self.tabla_documentos.selectionModel().select(
                    self.modelo_documentos.index(n, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        self._actualizar_documentos_vacios()

    def _actualizar_documentos_vacios(self) -> None:
        n = self.modelo_documentos.rowCount()
        self.titulo_documentos.setText(_("Documentos de evidencia ({n})").format(n=n) if n
                                       else _("Documentos de evidencia"))
        self.pila_documentos.setCurrentWidget(self.tabla_documentos if n else self.vacio_documentos)
        self._actualizar_botones()

    def _documentos_elegidos(self) -> list[int]:
        filas = sorted({i.row() for i in self.tabla_documentos.selectionModel().selectedRows()})
        return [self.modelo_documentos.fila(r).id for r in filas if r < self.modelo_documentos.rowCount()]

    def _actualizar_botones(self) -> None:
        elegidos = bool(self.tabla_documentos.selectionModel().selectedRows())
        escribir = not self.ctx.solo_lectura and self._etapa_id is not None
        self.boton_adjuntar.setEnabled(escribir)
        self.boton_quitar.setEnabled(escribir and elegidos)
        self.boton_abrir.setEnabled(elegidos)
        self.boton_guardar_como.setEnabled(elegidos)
        self.tabla_documentos.setAcceptDrops(escribir)
        self.vacio_documentos.setText(
            _("Sin documentos en esta etapa.") if self.ctx.solo_lectura else
            _("Sin documentos todavía.\nAdjunte actas, fotos o escaneos firmados que respalden la etapa."))

    def _codigo_etapa(self) -> str:
        fila = next((f for f in (self._resumen.etapas if self._resumen else ()) if f.id == self._etapa_id), None)
        return fila.codigo if fila else ""

    def adjuntar(self, rutas: list[str] | None = None) -> bool:
        """Guarda archivos dentro del expediente como evidencia de la etapa elegida (una sola orden deshacible)."""
        if self._etapa_id is None or self.ctx.solo_lectura:
            return False
        codigo = self._codigo_etapa()
        if not rutas:
            rutas, _filtro = QFileDialog.getOpenFileNames(
                self, _("Adjuntar documentos a la etapa {codigo}").format(codigo=codigo), self._ultima_carpeta,
                _("Documentos e imágenes (*.pdf *.doc *.docx *.odt *.xls *.xlsx *.ods *.jpg *.jpeg *.png);;"
                  "Todos los archivos (*)"))
            if not rutas:
                return False
        rutas = [str(r) for r in rutas]
        self._ultima_carpeta = str(Path(rutas[0]).parent)
        eid = self._etapa_id
        texto = (_("Adjuntar «{nombre}» a la etapa {codigo}").format(nombre=Path(rutas[0]).name, codigo=codigo)
                 if len(rutas) == 1 else
                 _("Adjuntar {n} documentos a la etapa {codigo}").format(n=len(rutas), codigo=codigo))
        comando = ComandoServicio(
            self.ctx, texto, "documento",
            hacer=lambda s: [adjuntar_documento(s, eid, r) for r in rutas],
            deshacer=lambda s, ids: [eliminar_documento(s, i) for i in ids],
            rehacer=lambda s, copias: [restaurar_documento(s, c) for c in copias],
        )
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ids = self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QApplication.restoreOverrideCursor()
            self._avisar(_("No se pudo adjuntar"), exc)
            return False
        QApplication.restoreOverrideCursor()
        self._elegir_documentos(ids)
        self.ctx.mensaje.emit(n_("Se adjuntó {n} documento a la etapa {codigo}.",
                                 "Se adjuntaron {n} documentos a la etapa {codigo}.", len(ids))
                              .format(n=len(ids), codigo=codigo))
        return True

    def _elegir_documentos(self, ids: list[int]) -> None:
        modelo_sel = self.tabla_documentos.selectionModel()
        modelo_sel.clearSelection()
        for ident in ids:
            n = self.modelo_documentos.buscar_id(ident)
            if n >= 0:
                modelo_sel.select(self.modelo_documentos.index(n, 0),
                                  QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
                self.tabla_documentos.scrollTo(self.modelo_documentos.index(n, 0))

    def abrir_documento(self) -> bool:
        """Escribe el documento en una carpeta temporal y lo abre con el programa del sistema."""
        elegidos = self._documentos_elegidos()
        if not elegidos:
            return False
        ident = elegidos[0]
        try:
            nombre, contenido = self.ctx.leer(lambda s: contenido_documento(s, ident))
        except ErrorDeUsuario as exc:
            self._avisar(_("No se pudo abrir el documento"), exc)
            return False
        ruta = _carpeta_temporal() / str(ident) / Path(nombre).name
        try:
            ruta.parent.mkdir(parents=True, exist_ok=True)
            if not ruta.exists() or ruta.read_bytes() != contenido:
                ruta.write_bytes(contenido)
        except OSError as exc:
            self._avisar(_("No se pudo abrir el documento"), ErrorDeUsuario(
                _("No se pudo preparar «{nombre}» para abrirlo. Use «Guardar como…» y ábralo desde esa carpeta.")
                .format(nombre=nombre), detalle=str(exc)))
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(ruta))):
            self._avisar(_("No se pudo abrir el documento"), ErrorDeUsuario(
                _("No hay un programa para abrir «{nombre}». Use «Guardar como…» y ábralo con el programa que "
                  "corresponda.").format(nombre=nombre)))
            return False
        self.ctx.mensaje.emit(_("Abriendo «{nombre}»…").format(nombre=nombre))
        return True

    def guardar_documento_como(self) -> bool:
        elegidos = self._documentos_elegidos()
        if not elegidos:
            return False
        ident = elegidos[0]
        try:
            nombre, contenido = self.ctx.leer(lambda s: contenido_documento(s, ident))
        except ErrorDeUsuario as exc:
            self._avisar(_("No se pudo guardar el documento"), exc)
            return False
        destino, _filtro = QFileDialog.getSaveFileName(
            self, _("Guardar una copia de «{nombre}»").format(nombre=nombre),
            str(Path(self._ultima_carpeta) / Path(nombre).name))
        if not destino:
            return False
        try:
            Path(destino).write_bytes(contenido)
        except OSError as exc:
            self._avisar(_("No se pudo guardar el documento"), ErrorDeUsuario(
                _("No se pudo escribir «{ruta}». Elija otra carpeta o cierre el archivo si está abierto.")
                .format(ruta=destino), detalle=str(exc)))
            return False
        self._ultima_carpeta = str(Path(destino).parent)
        self.ctx.mensaje.emit(_("Copia guardada en {ruta}.").format(ruta=destino))
        return True

    def quitar_documentos(self) -> bool:
        elegidos = self._documentos_elegidos()
        if not elegidos or self.ctx.solo_lectura:
            return False
        codigo = self._codigo_etapa()
        if len(elegidos) == 1:
            nombre = self.modelo_documentos.fila(self.modelo_documentos.buscar_id(elegidos[0])).nombre_archivo
            pregunta = _("¿Quitar «{nombre}» de la etapa {codigo}?").format(nombre=nombre, codigo=codigo)
            texto = _("Quitar «{nombre}» de la etapa {codigo}").format(nombre=nombre, codigo=codigo)
        else:
            pregunta = _("¿Quitar {n} documentos de la etapa {codigo}?").format(n=len(elegidos), codigo=codigo)
            texto = _("Quitar {n} documentos de la etapa {codigo}").format(n=len(elegidos), codigo=codigo)
        if not self._confirmar(_("Quitar documentos"), pregunta,
                               _("El archivo se borra del expediente. Puede recuperarlo con Editar > Deshacer "
                                 "(Ctrl+Z).")):
            return False
        comando = ComandoServicio(
            self.ctx, texto, "documento",
            hacer=lambda s: [eliminar_documento(s, i) for i in elegidos],
            deshacer=lambda s, copias: [restaurar_documento(s, c) for c in copias],
            rehacer=lambda s, ids: [eliminar_documento(s, i) for i in ids],
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            self._avisar(_("No se pudo quitar el documento"), exc)
            return False
        self.ctx.mensaje.emit(_("Documento quitado. Ctrl+Z lo recupera."))
        return True

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
        self.combo_estado.setEnabled(not solo)
        for campo in (self.campo_inicio_real, self.campo_fin_real):
            campo.setReadOnly(solo)
        self.campo_plazo.setReadOnly(solo)
        self.campo_plazo.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons if solo
                                          else QSpinBox.ButtonSymbols.UpDownArrows)
        self.campo_responsables.setReadOnly(solo)
        self.campo_notas.setReadOnly(solo)
        self.boton_guardar.setEnabled(not solo)
        self._actualizar_botones()
        self._actualizar_aviso()

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

    def _confirmar(self, titulo: str, pregunta: str, detalle: str = "") -> bool:
        caja = QMessageBox(QMessageBox.Icon.Question, titulo, pregunta,
                           QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        caja.setInformativeText(detalle)
        caja.button(QMessageBox.StandardButton.Yes).setText(_("Quitar"))
        caja.button(QMessageBox.StandardButton.No).setText(_("Cancelar"))
        caja.setDefaultButton(QMessageBox.StandardButton.No)
        return caja.exec() == QMessageBox.StandardButton.Yes

    def _avisar(self, titulo: str, exc: ErrorDeUsuario) -> None:
        caja = QMessageBox(QMessageBox.Icon.Warning, titulo, exc.mensaje, QMessageBox.StandardButton.Ok, self)
        if exc.detalle:
            caja.setDetailedText(exc.detalle)
        caja.exec()


class TablaDocumentos(QTableView):
    """Lista de documentos que acepta archivos arrastrados y atiende Insert / Supr."""

    soltados = Signal(list)
    tecla_insertar = Signal()
    tecla_suprimir = Signal()

    def keyPressEvent(self, evento) -> None:  # noqa: N802 - Qt override
        # Ctrl+N stays with Archivo > Nuevo expediente; inside a page, Insert or Ctrl+Shift+N creates.
        if evento.key() == Qt.Key.Key_Insert or (evento.key() == Qt.Key.Key_N and evento.modifiers() == (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
            self.tecla_insertar.emit()
            return
        if evento.key() == Qt.Key.Key_Delete:
            self.tecla_suprimir.emit()
            return
        super().keyPressEvent(evento)

    def _rutas(self, evento) -> list[str]:
        datos = evento.mimeData()
        if not datos.hasUrls():
            return []
        return [u.toLocalFile() for u in datos.urls() if u.isLocalFile() and Path(u.toLocalFile()).is_file()]

    def dragEnterEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if self.acceptDrops() and self._rutas(evento):
            evento.acceptProposedAction()
        else:
            evento.ignore()

    def dragMoveEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if self.acceptDrops() and self._rutas(evento):
            evento.acceptProposedAction()
        else:
            evento.ignore()

    def dropEvent(self, evento) -> None:  # noqa: N802 - Qt override
        rutas = self._rutas(evento)
        if rutas:
            evento.acceptProposedAction()
            self.soltados.emit(rutas)
        else:
            evento.ignore()

