"""Asistente «Importar desde Excel»: archivo → hoja y fila de encabezados → columnas → vista previa → importar.

Todo el trabajo lo hace `nucleo.importar` (ARQUITECTURA, decisión 9); aquí solo se muestra y se elige:

1. **Archivo** y tabla de destino. El núcleo rechaza lo que no sirve (no es .xlsx, vacío, con contraseña,
   enorme, no se parece a la tabla) con un mensaje que se muestra en el mismo paso, nunca una traza.
2. **Hoja y encabezados**: las primeras filas de la hoja con la fila de encabezados encontrada resaltada; se
   puede elegir otra hoja u otra fila (un clic en la fila).
3. **Columnas**: por cada columna de Articula, qué columna de la planilla la trae (la propuesta viene elegida, con
   cuánto se parece); las obligatorias marcadas.
4. **Vista previa** de las primeras filas como quedarán, con las celdas que tienen problemas en rojo.
5. **Importar** en un hilo aparte con barra de progreso y Cancelar (cancelar no guarda nada). Si hay problemas
   no se importa nada y se abre la lista (ui/dialogos/informe_problemas.py); si no, el resumen.

Las planillas que hizo Articula (o su plantilla, ya completada) encajan exactamente: el asistente salta directo a
la vista previa. La importación hecha se deshace con Ctrl+Z como una sola orden (elimina lo creado).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from html import escape
from importlib import import_module
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos import progreso
from ui.estilo import AZUL_ACENTO, ERROR, TEXTO_SECUNDARIO
from ui.modelos.importacion import ModeloMuestra, ModeloVistaPrevia, texto_celda  # noqa: F401 - also used by tests from here

log = logging.getLogger(__name__)
Progreso = Callable[[int, int], None]

ARCHIVO, HOJA, COLUMNAS, PREVIA, RESULTADO = range(5)
PASOS = (_("Archivo"), _("Hoja y encabezados"), _("Columnas"), _("Vista previa"), _("Resultado"))
FILAS_DE_MUESTRA = 30  # as many as the core looks at to find the header row
FILAS_DE_VISTA_PREVIA = 50
_PROBLEMAS_A_LISTAR = 4  # under the preview; the red cells show the rest
NO_IMPORTAR = _("— no importar —")
VERDE, AMBAR = "#2e7d32", "#8a6100"

@dataclass(frozen=True)
class Importable:
    """Lo que el asistente necesita saber de una tabla (una por esquema de nucleo/exportar/excel/esquemas).

    Cómo se cuentan sus filas («26 actores») lo dice `ui.acciones_datos.TABLAS`, el mismo texto que la exportación.
    """

    titulo: str  # in «Importar en:»
    cambia: frozenset[str]  # entities for ctx.cambiado after the import and its undo (the pages refresh)
    eliminar: str  # "módulo:función" of the service that deletes one row -> copy (undo of the import)
    restaurar: str  # "módulo:función" of the one that brings the copy back with the same id (redo)
    repetida: str  # when a row «is already in the expediente» (Esquema.clave), for «Saltar las filas…»

    def servicios(self) -> tuple[Callable, Callable]:
        def funcion(ruta: str) -> Callable:
            modulo, nombre = ruta.split(":")
            return getattr(import_module(modulo), nombre)

        return funcion(self.eliminar), funcion(self.restaurar)


# In the order of «Importar en:». Loaded lazily: the services are imported only to undo or redo an import.
IMPORTABLES: dict[str, Importable] = {
    "actores": Importable(
        _("Matriz de actores"), frozenset({"actor"}),
        "nucleo.servicios.actores:eliminar_actor", "nucleo.servicios.actores:restaurar_actor",
        _("mismo nombre")),
    "oportunidades": Importable(
        # An opportunity's provider is an actor: a new one shows in its «Oportunidades que ofrece».
        _("Mapa de Oportunidades"), frozenset({"oportunidad", "actor"}),
        "nucleo.servicios.oportunidades:eliminar_oportunidad", "nucleo.servicios.oportunidades:restaurar_oportunidad",
        _("mismo nombre")),
    "necesidades": Importable(
        _("Necesidades del diagnóstico"), frozenset({"necesidad"}),
        "nucleo.servicios.necesidades:eliminar_necesidad", "nucleo.servicios.necesidades:restaurar_necesidad",
        _("mismo territorio y descripción")),
    "dafo": Importable(
        _("DAFO y DIPE de los territorios"), frozenset({"item_dafo"}),
        "nucleo.servicios.dafo:eliminar_item", "nucleo.servicios.dafo:restaurar_item",
        _("mismo territorio, análisis, cuadrante y texto")),
    # Activities and resources go by WBS code, which the repeated-row check cannot compare: nothing is skipped.
    "actividades": Importable(
        _("Actividades de los Planes de Acción"), frozenset({"actividad"}),
        "nucleo.exportar.excel.esquemas.actividades:eliminar_importada",
        "nucleo.exportar.excel.esquemas.actividades:restaurar_importada", _("no aplica a las actividades")),
    "recursos": Importable(
        _("Recursos de las actividades"), frozenset({"actividad"}),
        "nucleo.exportar.excel.esquemas.recursos:quitar_ultimo_recurso",
        "nucleo.exportar.excel.esquemas.recursos:reponer_recurso", _("no aplica a los recursos")),
    "riesgos": Importable(
        _("Matriz de riesgos de los Planes de Acción"), frozenset({"riesgo"}),
        "nucleo.servicios.riesgos:eliminar_riesgo", "nucleo.servicios.riesgos:restaurar_riesgo",
        _("mismo territorio y escenario de crisis")),
    "miembros": Importable(
        _("Miembros de las mesas"), frozenset({"mesa"}),
        "nucleo.servicios.mesas:eliminar_miembro", "nucleo.servicios.mesas:restaurar_miembro",
        _("misma mesa, nombre y actor")),
}


def _filas_texto(tabla: str, n: int) -> str:
    from ui.acciones_datos import TABLAS

    return TABLAS[tabla].filas(n)


# -- trabajo en segundo plano -------------------------------------------------------------------------------------
def trabajo_leer(ruta: Path, tabla: str, hoja: str | None = None, fila: int | None = None,
                 con_muestra: bool = True) -> Callable[[Progreso], tuple[Any, dict | None]]:
    def trabajo(avance: Progreso):
        from nucleo.exportar.excel import esquema_de
        from nucleo.importar import leer_libro, muestra

        lectura = leer_libro(ruta, esquema_de(tabla), hoja=hoja, fila_encabezado=fila, progreso=avance)
        return lectura, (muestra(ruta, FILAS_DE_MUESTRA) if con_muestra else None)

    return trabajo


def trabajo_importar(expediente, municipio_id: int, lectura, mapeo: dict[int, str],
                     omitir_existentes: bool = False) -> Callable[[Progreso], Any]:
    """Importa en una transacción propia del hilo: con problemas o al cancelar, nada queda escrito."""
    def trabajo(avance: Progreso):
        from nucleo.importar import importar

        with expediente.transaccion() as s:
            return importar(s, municipio_id, lectura, mapeo, progreso=avance, omitir_existentes=omitir_existentes)

    return trabajo


def es_cancelacion(exc: BaseException) -> bool:
    from nucleo.exportar import Cancelado

    return isinstance(exc, progreso.Cancelado | Cancelado)


def es_de_articula(lectura) -> bool:
    """¿La hoja es una exportación (o la plantilla) de Articula? Encabezados en la fila 1, todos exactos."""
    con_texto = [j for j, e in enumerate(lectura.encabezados) if e]
    return (lectura.fila_encabezado == 1 and bool(con_texto)
            and all(j in lectura.mapeo and lectura.confianza.get(j, 0) >= 1.0 for j in con_texto))


def comando_importacion(ctx: Contexto, tabla: str, ids: Sequence[int], texto: str) -> ComandoServicio:
    """La importación ya hecha, como una orden que Ctrl+Z deshace (elimina lo creado, en orden inverso) y Ctrl+Y
    rehace (restaura las copias con los mismos números, en el orden en que se crearon)."""
    datos = IMPORTABLES[tabla]
    eliminar, restaurar = datos.servicios()
    creados = list(ids)

    def deshacer(s, _ids) -> list:
        # The last created first: a person goes before the institution it belongs to, and each deletion finds the
        # priorities (needs) or the quadrant order (DAFO) as they were right after that row was created, so the
        # copy it keeps puts the row back in the same place.
        return [eliminar(s, i) for i in reversed(creados)]

    def rehacer(s, copias: list) -> list[int]:
        return [restaurar(s, c) for c in reversed(copias)]

    # The rows are already written (by the worker): the first «hacer» only announces the change.
    return _ComandoImportacion(ctx, texto, set(datos.cambia), hacer=lambda s: list(creados), deshacer=deshacer,
                               rehacer=rehacer)


class _ComandoImportacion(ComandoServicio):
    """Deshacer o rehacer una importación grande tarda (unos 2 ms por fila, en este hilo): el cursor lo dice."""

    def undo(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            super().undo()
        finally:
            QApplication.restoreOverrideCursor()

    def redo(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            super().redo()
        finally:
            QApplication.restoreOverrideCursor()


# -- modelos ------------------------------------------------------------------------------------------------------
def _etiqueta(texto: str = "", secundaria: bool = False, color: str | None = None) -> QLabel:
    e = QLabel(texto)
    e.setWordWrap(True)
    e.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if secundaria or color:
        e.setStyleSheet(f"color: {color or TEXTO_SECUNDARIO};")
    return e


def _tabla() -> QTableView:
    t = QTableView()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setWordWrap(False)
    t.setTabKeyNavigation(False)
    t.horizontalHeader().setHighlightSections(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
    return t


class DialogoImportar(QDialog):
    """El asistente. `tabla`: una clave de IMPORTABLES (la elige la página; se puede cambiar en el paso 1)."""

    def __init__(self, ctx: Contexto, tabla: str, parent: QWidget | None = None, ruta: Path | str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.tabla = tabla
        self.lectura = None  # nucleo.importar.LecturaLibro of the chosen sheet and header row
        self.muestras: dict[str, list[tuple[Any, ...]]] = {}
        self.mapeo: dict[int, str] = {}
        self.resultado = None  # the last ResultadoImportacion
        self.tarea: progreso.Tarea | None = None
        self.dialogo_problemas = None
        self.paso = ARCHIVO
        self._directo = False  # Articula's own workbook: straight to the preview
        self._mapeo_con_problemas = False
        self._columnas_previa: tuple[list[tuple[str, str]], frozenset[str]] = ([], frozenset())
        self.setWindowTitle(_("Importar desde Excel"))
        self.setObjectName("asistenteImportar")
        self.setAcceptDrops(True)

        self.indicador = QLabel()
        self.indicador.setTextFormat(Qt.TextFormat.RichText)
        self.pasos = QStackedWidget()
        self.pasos.addWidget(self._paso_archivo())
        self.pasos.addWidget(self._paso_hoja())
        self.pasos.addWidget(self._paso_columnas())
        self.pasos.addWidget(self._paso_previa())
        self.pasos.addWidget(self._paso_resultado())

        self.boton_atras = QPushButton(_("< &Atrás"))
        self.boton_atras.clicked.connect(self.atras)
        self.boton_siguiente = QPushButton(_("&Siguiente >"))
        self.boton_siguiente.clicked.connect(self.siguiente)
        self.boton_importar = QPushButton(_("&Importar"))
        self.boton_importar.clicked.connect(self.importar)
        self.boton_cerrar = QPushButton(_("Cancelar"))
        self.boton_cerrar.clicked.connect(self.reject)
        botones = QHBoxLayout()
        botones.addStretch(1)
        for b in (self.boton_atras, self.boton_siguiente, self.boton_importar, self.boton_cerrar):
            b.setAutoDefault(False)
            botones.addWidget(b)

        linea = QFrame()
        linea.setFrameShape(QFrame.Shape.HLine)
        linea.setStyleSheet("color: #cfd6df;")
        capa = QVBoxLayout(self)
        capa.addWidget(self.indicador)
        capa.addWidget(linea)
        capa.addWidget(self.pasos, 1)
        capa.addLayout(botones)
        self.resize(980, 660)
        if ruta is not None:
            self.campo_ruta.setText(str(ruta))
        self._ir(ARCHIVO)

    # -- paso 1: archivo --------------------------------------------------------------------------------------
    def _paso_archivo(self) -> QWidget:
        w = QWidget()
        intro = _etiqueta(_("Elija la planilla (.xlsx) y la tabla a la que van sus filas. Sirven las planillas que "
                            "exporta Articula, su plantilla en blanco y también planillas propias: el asistente "
                            "busca la fila de encabezados y propone qué columna va a cada dato. Antes de guardar se "
                            "revisa todo; si hay un solo problema no se importa nada."))
        self.campo_ruta = QLineEdit()
        self.campo_ruta.setPlaceholderText(_("Ruta de la planilla .xlsx (o arrástrela hasta aquí)"))
        self.campo_ruta.setClearButtonEnabled(True)
        self.campo_ruta.textChanged.connect(self._archivo_cambiado)
        examinar = QPushButton(_("&Examinar…"))
        examinar.setAutoDefault(False)
        examinar.clicked.connect(self.examinar)
        self.combo_tabla = QComboBox()
        for clave, importable in IMPORTABLES.items():
            self.combo_tabla.addItem(importable.titulo, clave)
        self.combo_tabla.setCurrentIndex(max(0, self.combo_tabla.findData(self.tabla)))
        self.combo_tabla.currentIndexChanged.connect(self._tabla_cambiada)
        self.error_archivo = _etiqueta(color=ERROR)
        self.error_archivo.setObjectName("errorArchivo")
        self.error_archivo.hide()
        consejo = _etiqueta(_("¿No tiene una planilla? En la barra de la página, «Excel ▸ Plantilla en blanco…» da "
                              "una con las columnas y las listas desplegables de Articula."), secundaria=True)

        rejilla = QGridLayout()
        etiqueta_ruta = QLabel(_("&Planilla:"))
        etiqueta_ruta.setBuddy(self.campo_ruta)
        etiqueta_tabla = QLabel(_("Importar e&n:"))
        etiqueta_tabla.setBuddy(self.combo_tabla)
        rejilla.addWidget(etiqueta_ruta, 0, 0)
        rejilla.addWidget(self.campo_ruta, 0, 1)
        rejilla.addWidget(examinar, 0, 2)
        rejilla.addWidget(etiqueta_tabla, 1, 0)
        rejilla.addWidget(self.combo_tabla, 1, 1, Qt.AlignmentFlag.AlignLeft)
        rejilla.setColumnStretch(1, 1)
        capa = QVBoxLayout(w)
        capa.addWidget(intro)
        capa.addSpacing(8)
        capa.addLayout(rejilla)
        capa.addSpacing(8)
        capa.addWidget(self.error_archivo)
        capa.addStretch(1)
        capa.addWidget(consejo)
        return w

    def examinar(self) -> None:
        from ui.acciones_datos import carpeta_inicial, recordar_carpeta

        actual = self.ruta()
        inicio = str(actual.parent if actual and actual.parent.is_dir() else carpeta_inicial())
        ruta, _f = QFileDialog.getOpenFileName(self, _("Elegir la planilla"), inicio,
                                               _("Libros de Excel (*.xlsx)") + ";;" + _("Todos los archivos (*)"))
        if ruta:
            recordar_carpeta(Path(ruta).parent)
            self.campo_ruta.setText(ruta)

    def ruta(self) -> Path | None:
        texto = self.campo_ruta.text().strip().strip('"')
        return Path(texto).expanduser() if texto else None

    def _archivo_cambiado(self) -> None:
        self.lectura = None
        self.error_archivo.hide()
        self._actualizar_botones()

    def _tabla_cambiada(self) -> None:
        self.tabla = self.combo_tabla.currentData()
        self.lectura = None
        self.error_archivo.hide()
        self._explicar_omitir()

    def _explicar_omitir(self) -> None:
        self.omitir.setText(_("Saltar las filas que ya están en el expediente ({cuales}), en lugar de tomarlas como "
                              "problema").format(cuales=IMPORTABLES[self.tabla].repetida))

    def dragEnterEvent(self, evento) -> None:  # noqa: N802 - Qt override
        if self.paso == ARCHIVO and evento.mimeData().hasUrls():
            evento.acceptProposedAction()

    def dropEvent(self, evento) -> None:  # noqa: N802 - Qt override
        locales = [u.toLocalFile() for u in evento.mimeData().urls() if u.isLocalFile()]
        if locales:
            self.campo_ruta.setText(locales[0])
            evento.acceptProposedAction()

    # -- paso 2: hoja y fila de encabezados -------------------------------------------------------------------
    def _paso_hoja(self) -> QWidget:
        w = QWidget()
        self.explicacion_hoja = _etiqueta()
        self.combo_hoja = QComboBox()
        self.combo_hoja.setMinimumContentsLength(24)
        self.combo_hoja.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo_hoja.activated.connect(self._hoja_elegida)
        self.spin_fila = QSpinBox()
        self.spin_fila.setRange(1, FILAS_DE_MUESTRA)
        self.spin_fila.valueChanged.connect(self._fila_elegida)
        etiqueta_hoja = QLabel(_("&Hoja:"))
        etiqueta_hoja.setBuddy(self.combo_hoja)
        etiqueta_fila = QLabel(_("&Fila de los encabezados:"))
        etiqueta_fila.setBuddy(self.spin_fila)
        arriba = QHBoxLayout()
        arriba.addWidget(etiqueta_hoja)
        arriba.addWidget(self.combo_hoja)
        arriba.addSpacing(16)
        arriba.addWidget(etiqueta_fila)
        arriba.addWidget(self.spin_fila)
        arriba.addStretch(1)
        self.modelo_muestra = ModeloMuestra(self)
        self.tabla_muestra = _tabla()
        self.tabla_muestra.setModel(self.modelo_muestra)
        # No selection: the header row's own highlight is what the user must see (a selection would hide it).
        self.tabla_muestra.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tabla_muestra.setAccessibleName(_("Primeras filas de la hoja"))
        self.tabla_muestra.clicked.connect(lambda i: self.spin_fila.setValue(i.row() + 1))
        self.error_hoja = _etiqueta(color=ERROR)
        self.error_hoja.hide()
        pie = _etiqueta(_("Haga clic en la fila que tiene los nombres de las columnas. Las filas de arriba (títulos) "
                          "no se importan; las de abajo son los datos."), secundaria=True)
        capa = QVBoxLayout(w)
        capa.addWidget(self.explicacion_hoja)
        capa.addLayout(arriba)
        capa.addWidget(self.tabla_muestra, 1)
        capa.addWidget(self.error_hoja)
        capa.addWidget(pie)
        return w

    def _cargar_hoja(self) -> None:
        lec = self.lectura
        self.combo_hoja.blockSignals(True)
        self.combo_hoja.clear()
        self.combo_hoja.addItems(lec.hojas)
        self.combo_hoja.setCurrentIndex(max(0, self.combo_hoja.findText(lec.hoja)))
        self.combo_hoja.blockSignals(False)
        self._mostrar_muestra(lec.hoja, lec.fila_encabezado)
        self.error_hoja.hide()

    def _mostrar_muestra(self, hoja: str, fila: int) -> None:
        filas = self.muestras.get(hoja, [])
        self.modelo_muestra.cargar(filas, fila)
        self.spin_fila.blockSignals(True)
        self.spin_fila.setRange(1, max(1, len(filas)))
        self.spin_fila.setValue(fila)
        self.spin_fila.blockSignals(False)
        self.tabla_muestra.resizeColumnsToContents()
        cabecera = self.tabla_muestra.horizontalHeader()
        for j in range(self.modelo_muestra.columnCount()):
            if cabecera.sectionSize(j) > 220:
                cabecera.resizeSection(j, 220)
        if 1 <= fila <= len(filas):
            self.tabla_muestra.scrollTo(self.modelo_muestra.index(fila - 1, 0),
                                        QAbstractItemView.ScrollHint.PositionAtCenter)
        self._explicar_hoja(hoja, fila)

    def _explicar_hoja(self, hoja: str, fila: int) -> None:
        lec = self.lectura
        if lec is not None and (hoja, fila) == (lec.hoja, lec.fila_encabezado):
            texto = _("Articula encontró los encabezados en la fila {fila} de la hoja «{hoja}» (resaltada) y "
                      "{n} debajo. Si no es así, elija otra hoja o haga clic en la fila correcta.").format(
                          fila=fila, hoja=escape(hoja), n=n_("{n} fila con datos", "{n} filas con datos",
                                                             lec.total).format(n=formato.entero(lec.total)))
        else:
            texto = _("Encabezados en la fila {fila} de la hoja «{hoja}». Con «Siguiente» se vuelve a leer la hoja "
                      "desde esa fila.").format(fila=fila, hoja=escape(hoja))
        self.explicacion_hoja.setText(texto)

    def _hoja_elegida(self, _n: int) -> None:
        hoja = self.combo_hoja.currentText()
        if self.lectura is not None and hoja == self.lectura.hoja:
            self._mostrar_muestra(hoja, self.lectura.fila_encabezado)
            return
        # Another sheet: look for its header row there (the core does it; it reads the sheet).
        self._mostrar_muestra(hoja, 1)
        self._leer(hoja=hoja, fila=None, destino=HOJA)

    def _fila_elegida(self, fila: int) -> None:
        self.modelo_muestra.fijar_encabezado(fila)
        self.tabla_muestra.viewport().update()
        self._explicar_hoja(self.combo_hoja.currentText(), fila)

    # -- paso 3: columnas -------------------------------------------------------------------------------------
    def _paso_columnas(self) -> QWidget:
        w = QWidget()
        self.explicacion_columnas = _etiqueta(_(
            "Para cada dato de Articula, elija la columna de la planilla que lo trae, o «no importar». Articula "
            "ya eligió las que reconoce por su encabezado. Los datos marcados con * son obligatorios."))
        self.area_columnas = QScrollArea()
        self.area_columnas.setWidgetResizable(True)
        self.area_columnas.setFrameShape(QFrame.Shape.StyledPanel)
        self.combos: dict[str, QComboBox] = {}
        self.parecidos: dict[str, QLabel] = {}
        self.ejemplos: dict[str, QLabel] = {}  # the first row's cell of the chosen column
        self.sin_importar = _etiqueta(secundaria=True)
        self.problemas_mapeo = _etiqueta(color=ERROR)
        self.problemas_mapeo.setObjectName("problemasMapeo")
        restablecer = QPushButton(_("&Volver a la propuesta"))
        restablecer.setAutoDefault(False)
        restablecer.clicked.connect(self._proponer)
        fila = QHBoxLayout()
        fila.addWidget(self.sin_importar, 1)
        fila.addWidget(restablecer, 0, Qt.AlignmentFlag.AlignTop)
        capa = QVBoxLayout(w)
        capa.addWidget(self.explicacion_columnas)
        capa.addWidget(self.area_columnas, 1)
        capa.addLayout(fila)
        capa.addWidget(self.problemas_mapeo)
        return w

    def _armar_columnas(self) -> None:
        """Una fila por columna de Articula: nombre (obligatorias con *), la columna de la planilla, el parecido."""
        lec = self.lectura
        esquema = lec.esquema
        contenido = QWidget()
        rejilla = QGridLayout(contenido)
        rejilla.setHorizontalSpacing(12)
        rejilla.setVerticalSpacing(4)
        lec_ejemplo = lec.filas[0][0] if lec.filas else lec.fila_encabezado + 1
        titulos = (_("Dato de Articula"), _("Columna de la planilla"), _("Parecido"),
                   _("Ejemplo (fila {fila})").format(fila=formato.entero(lec_ejemplo)))
        for j, texto in enumerate(titulos):
            t = QLabel(f"<b>{escape(texto)}</b>")
            rejilla.addWidget(t, 0, j)
        opciones = [(j, lec.nombre_columna(j)) for j, e in enumerate(lec.encabezados) if e]
        self.combos, self.parecidos, self.ejemplos = {}, {}, {}
        for n, col in enumerate(esquema.columnas, start=1):
            nombre = QLabel(f"<b>{escape(col.titulo)}</b> *" if col.obligatoria else escape(col.titulo))
            ayuda = traducir(col.ayuda) if col.ayuda else ""
            nombre.setToolTip(ayuda + ("\n" + _("Obligatoria.") if col.obligatoria else ""))
            combo = QComboBox()
            combo.addItem(NO_IMPORTAR, None)
            for j, texto in opciones:
                combo.addItem(texto, j)
            combo.setAccessibleName(col.titulo)
            combo.setToolTip(ayuda)
            combo.setMinimumContentsLength(28)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self._mapeo_cambiado)
            nombre.setBuddy(combo)
            parecido = QLabel()
            ejemplo = QLabel()
            ejemplo.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
            ejemplo.setMaximumWidth(300)
            rejilla.addWidget(nombre, n, 0)
            rejilla.addWidget(combo, n, 1)
            rejilla.addWidget(parecido, n, 2)
            rejilla.addWidget(ejemplo, n, 3)
            self.combos[col.campo] = combo
            self.parecidos[col.campo] = parecido
            self.ejemplos[col.campo] = ejemplo
        rejilla.setColumnStretch(1, 2)
        rejilla.setColumnStretch(3, 2)
        rejilla.setRowStretch(len(esquema.columnas) + 1, 1)
        self.area_columnas.setWidget(contenido)
        self._proponer()

    def _proponer(self) -> None:
        por_campo = {campo: j for j, campo in self.lectura.mapeo.items()}
        for campo, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(por_campo.get(campo))) if campo in por_campo else 0)
            combo.blockSignals(False)
        self._mapeo_cambiado()

    def mapeo_elegido(self) -> dict[int, str]:
        return {combo.currentData(): campo for campo, combo in self.combos.items() if combo.currentData() is not None}

    def problemas_del_mapeo(self) -> list[str]:
        """Lo que impide seguir: una columna de la planilla en dos datos, o una obligatoria sin columna."""
        from nucleo.importar import revisar_mapeo

        lec = self.lectura
        esquema = lec.esquema
        usadas: dict[int, list[str]] = {}
        for campo, combo in self.combos.items():
            if combo.currentData() is not None:
                usadas.setdefault(combo.currentData(), []).append(esquema.columna(campo).titulo)
        textos = [_("La columna {columna} está elegida para {datos}; elija una sola.").format(
            columna=lec.nombre_columna(j), datos=_(" y ").join(f"«{t}»" for t in titulos))
            for j, titulos in usadas.items() if len(titulos) > 1]
        if textos:
            return textos  # the column->field mapping cannot even be written down until this is fixed
        return [p.mensaje for p in revisar_mapeo(lec, self.mapeo_elegido())]

    def _mapeo_cambiado(self) -> None:
        lec = self.lectura
        if lec is None:
            return
        primera = lec.filas[0][1] if lec.filas else ()
        for campo, combo in self.combos.items():
            j = combo.currentData()
            etiqueta = self.parecidos[campo]
            ejemplo = texto_celda(primera[j]) if j is not None and j < len(primera) else ""
            self.ejemplos[campo].setText(ejemplo)
            self.ejemplos[campo].setToolTip(ejemplo if len(ejemplo) > 30 else "")
            if j is None:
                etiqueta.setText("")
            elif lec.mapeo.get(j) == campo:
                confianza = lec.confianza.get(j, 0)
                if confianza >= 1.0:
                    etiqueta.setText(_("coincide"))
                    etiqueta.setStyleSheet(f"color: {VERDE};")
                else:
                    etiqueta.setText(_("se parece ({porcentaje})").format(porcentaje=formato.porcentaje(confianza)))
                    etiqueta.setStyleSheet(f"color: {AMBAR};")
                etiqueta.setToolTip(_("Propuesta de Articula: el encabezado es el nombre del dato o uno de sus "
                                      "sinónimos conocidos"))
            else:
                etiqueta.setText(_("elegida por usted"))
                etiqueta.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
                etiqueta.setToolTip("")
        sobran = lec.sin_importar(self.mapeo_elegido())
        self.sin_importar.setText(_("Columnas de la planilla que no se importan: {columnas}.").format(
            columnas=", ".join(sobran)) if sobran else _("Se importan todas las columnas de la planilla."))
        problemas = self.problemas_del_mapeo()
        self.problemas_mapeo.setText("\n".join(f"• {p}" for p in problemas))
        self.problemas_mapeo.setVisible(bool(problemas))
        self._mapeo_con_problemas = bool(problemas)
        self._actualizar_botones()

    # -- paso 4: vista previa ---------------------------------------------------------------------------------
    def _paso_previa(self) -> QWidget:
        w = QWidget()
        self.resumen_previa = _etiqueta()
        self.modelo_previa = ModeloVistaPrevia(self)
        self.tabla_previa = _tabla()
        self.tabla_previa.setModel(self.modelo_previa)
        self.tabla_previa.verticalHeader().hide()
        self.tabla_previa.horizontalHeader().setStretchLastSection(True)
        self.tabla_previa.setAlternatingRowColors(True)
        self.tabla_previa.setAccessibleName(_("Vista previa de la importación"))
        self.problemas_previa = _etiqueta()
        self.problemas_previa.setObjectName("problemasPrevia")
        self.omitir = QCheckBox()
        self._explicar_omitir()
        self.boton_ver_problemas = QPushButton(_("&Ver los problemas…"))
        self.boton_ver_problemas.setAutoDefault(False)
        self.boton_ver_problemas.clicked.connect(self.mostrar_problemas)
        self.boton_ver_problemas.hide()
        abajo = QHBoxLayout()
        abajo.addWidget(self.problemas_previa, 1)
        abajo.addWidget(self.boton_ver_problemas, 0, Qt.AlignmentFlag.AlignTop)
        capa = QVBoxLayout(w)
        capa.addWidget(self.resumen_previa)
        capa.addWidget(self.tabla_previa, 1)
        capa.addLayout(abajo)
        capa.addWidget(self.omitir)
        return w

    def _cargar_previa(self) -> None:
        from nucleo.importar import previsualizar

        lec = self.lectura
        self.mapeo = self.mapeo_elegido()
        filas = previsualizar(lec, self.mapeo, n=FILAS_DE_VISTA_PREVIA)
        columnas = [(c.campo, c.titulo) for c in lec.esquema.columnas if c.campo in self.mapeo.values()]
        numericas = frozenset(c.campo for c in lec.esquema.columnas if c.tipo in ("entero", "decimal", "guaranies"))
        self._columnas_previa = (columnas, numericas)
        self.modelo_previa.cargar(columnas, filas, self.mapeo, numericas)
        self.tabla_previa.resizeColumnsToContents()
        cabecera = self.tabla_previa.horizontalHeader()
        for j in range(1, self.modelo_previa.columnCount()):
            if cabecera.sectionSize(j) > 240:
                cabecera.resizeSection(j, 240)
        primera, ultima = lec.filas[0][0], lec.filas[-1][0]
        texto = _("Se importarán {filas} de la hoja «{hoja}» de «{archivo}» (filas {primera} a {ultima}).").format(
            filas=_filas_texto(self.tabla, lec.total), hoja=escape(lec.hoja), archivo=escape(lec.archivo.name),
            primera=formato.entero(primera), ultima=formato.entero(ultima))
        if self._directo:
            texto += " " + _("La planilla es de Articula: cada columna va a su dato, sin nada que elegir.")
        if lec.total > FILAS_DE_VISTA_PREVIA:
            texto += " " + _("Abajo, las primeras {n} como quedarán.").format(n=FILAS_DE_VISTA_PREVIA)
        else:
            texto += " " + _("Abajo, cómo quedarán.")
        self.resumen_previa.setText(texto)
        n = self.modelo_previa.problemas()
        if n:
            self.problemas_previa.setText(n_(
                "Hay {n} problema en estas filas (la celda en rojo; pase el puntero sobre ella para leerlo). "
                "Corríjalo en la planilla, o importe para ver la lista completa: con problemas no se guarda nada.",
                "Hay {n} problemas en estas filas (las celdas en rojo; pase el puntero sobre ellas para leerlos). "
                "Corríjalos en la planilla, o importe para ver la lista completa: con problemas no se guarda nada.",
                n).format(n=formato.entero(n)))
            lista = [p for f in filas for p in f.problemas]
            lineas = [f"• {_('Fila {fila}').format(fila=formato.entero(p.fila))}"
                      + (f", {p.columna}" if p.columna else "") + f": {p.mensaje}" for p in lista[:_PROBLEMAS_A_LISTAR]]
            if len(lista) > _PROBLEMAS_A_LISTAR:
                lineas.append(n_("… y {n} más.", "… y {n} más.", len(lista) - _PROBLEMAS_A_LISTAR).format(
                    n=formato.entero(len(lista) - _PROBLEMAS_A_LISTAR)))
            self.problemas_previa.setText(self.problemas_previa.text() + "\n" + "\n".join(lineas))
            self.problemas_previa.setStyleSheet(f"color: {ERROR};")
        else:
            self.problemas_previa.setText(_("Las celdas de la vista previa se leen bien. Al importar se revisan "
                                            "también los nombres repetidos y los que se refieren a otros "
                                            "registros."))
            self.problemas_previa.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.boton_ver_problemas.hide()

    # -- paso 5: resultado ------------------------------------------------------------------------------------
    def _paso_resultado(self) -> QWidget:
        w = QWidget()
        self.titulo_resultado = QLabel()
        self.titulo_resultado.setWordWrap(True)
        fuente = self.titulo_resultado.font()
        fuente.setPointSizeF(fuente.pointSizeF() * 1.25)
        fuente.setBold(True)
        self.titulo_resultado.setFont(fuente)
        self.detalle_resultado = _etiqueta()
        self.avisos_resultado = _etiqueta(secundaria=True)
        capa = QVBoxLayout(w)
        capa.addSpacing(12)
        capa.addWidget(self.titulo_resultado)
        capa.addWidget(self.detalle_resultado)
        capa.addSpacing(8)
        capa.addWidget(self.avisos_resultado)
        capa.addStretch(1)
        return w

    def _mostrar_resultado(self, r) -> None:
        lec = self.lectura
        if r.creados:
            titulo = n_("Se importó {filas}.", "Se importaron {filas}.", r.creados).format(
                filas=_filas_texto(self.tabla, r.creados))
        else:
            titulo = _("No había filas nuevas para importar.")
        self.titulo_resultado.setText(titulo)
        self.titulo_resultado.setStyleSheet(f"color: {VERDE if r.creados else TEXTO_SECUNDARIO};")
        detalle = [_("Desde la hoja «{hoja}» de «{archivo}».").format(hoja=lec.hoja, archivo=lec.archivo.name)]
        if r.omitidos:
            detalle.append(n_("Se saltó {n} fila que ya estaba en el expediente.",
                              "Se saltaron {n} filas que ya estaban en el expediente.", r.omitidos).format(
                                  n=formato.entero(r.omitidos)))
        if r.creados:
            detalle.append(_("Puede deshacer toda la importación con Ctrl+Z (Editar > Deshacer)."))
        self.detalle_resultado.setText("\n".join(detalle))
        avisos = [_("Cómo se leyó la planilla:")] + [f"• {a}" for a in r.avisos] if r.avisos else []
        self.avisos_resultado.setText("\n".join(avisos))
        self.avisos_resultado.setVisible(bool(avisos))

    # -- navegación -------------------------------------------------------------------------------------------
    def _ir(self, paso: int) -> None:
        self.paso = paso
        self.pasos.setCurrentIndex(paso)
        partes = []
        for n, nombre in enumerate(PASOS):
            texto = f"{n + 1}. {escape(nombre)}"
            if n == paso:
                partes.append(f"<span style='color:{AZUL_ACENTO}'><b>{texto}</b></span>")
            elif n < paso and not (self._directo and n in (HOJA, COLUMNAS)):
                partes.append(texto)
            else:
                partes.append(f"<span style='color:#9aa3ad'>{texto}</span>")
        self.indicador.setText(" &nbsp;›&nbsp; ".join(partes))
        foco = {ARCHIVO: self.campo_ruta, HOJA: self.tabla_muestra, COLUMNAS: self.area_columnas,
                PREVIA: self.boton_importar, RESULTADO: self.boton_cerrar}[paso]
        self._actualizar_botones()
        foco.setFocus()

    def _actualizar_botones(self) -> None:
        ocupado = self.tarea is not None and self.tarea.en_curso
        paso = self.paso
        self.boton_atras.setVisible(paso != RESULTADO)
        self.boton_atras.setEnabled(ARCHIVO < paso < RESULTADO and not ocupado)
        self.boton_siguiente.setVisible(paso < PREVIA)
        puede = not ocupado
        if paso == ARCHIVO:
            puede = puede and self.ruta() is not None
        elif paso == COLUMNAS:
            puede = puede and self.lectura is not None and not self._mapeo_con_problemas
        self.boton_siguiente.setEnabled(puede)
        self.boton_importar.setVisible(paso == PREVIA)
        self.boton_importar.setEnabled(paso == PREVIA and not ocupado)
        self.boton_cerrar.setText(_("Cerrar") if paso == RESULTADO else _("Cancelar"))
        defecto = {PREVIA: self.boton_importar, RESULTADO: self.boton_cerrar}.get(paso, self.boton_siguiente)
        defecto.setDefault(True)

    def siguiente(self) -> None:
        if self.tarea is not None and self.tarea.en_curso:
            return
        if self.paso == ARCHIVO:
            if self.ruta() is None:
                return
            if self.lectura is not None:  # already read (came back with «Atrás»)
                self._ir(PREVIA if self._directo else HOJA)
                return
            self._leer(hoja=None, fila=None, destino=ARCHIVO)
        elif self.paso == HOJA:
            hoja, fila = self.combo_hoja.currentText(), self.spin_fila.value()
            if self.lectura is not None and (hoja, fila) == (self.lectura.hoja, self.lectura.fila_encabezado):
                self._ir(COLUMNAS)
            else:
                self._leer(hoja=hoja, fila=fila, destino=HOJA, luego=COLUMNAS)
        elif self.paso == COLUMNAS:
            if self.problemas_del_mapeo():
                return
            self._cargar_previa()
            self._ir(PREVIA)

    def atras(self) -> None:
        if self.tarea is not None and self.tarea.en_curso:
            return
        if self.paso == PREVIA and self._directo:
            # Articula's own workbook skipped the sheet and column steps; going back shows them.
            self._directo = False
        if self.paso > ARCHIVO:
            self._ir(self.paso - 1)

    # -- lectura en segundo plano -----------------------------------------------------------------------------
    def _leer(self, hoja: str | None, fila: int | None, destino: int, luego: int | None = None) -> None:
        """Lee la planilla (con hoja/fila elegidas o buscándolas) y sigue al paso que corresponda."""
        ruta = self.ruta()
        error = self.error_archivo if destino == ARCHIVO else self.error_hoja
        error.hide()
        primera = self.lectura is None or destino == ARCHIVO

        def listo(resultado) -> None:
            lectura, muestras = resultado
            self.lectura = lectura
            if muestras is not None:
                self.muestras = muestras
            self.tarea = None
            self._armar_columnas()
            if primera:
                self._directo = es_de_articula(lectura)
                self._cargar_hoja()
                if self._directo:
                    self._cargar_previa()
                    self._ir(PREVIA)
                else:
                    self._ir(HOJA)
                return
            self._cargar_hoja()
            if luego is not None:
                self._ir(luego)
            else:
                self._actualizar_botones()

        def fallo(exc: BaseException, traza: str) -> None:
            self.tarea = None
            if isinstance(exc, ErrorDeUsuario):
                error.setText(exc.mensaje)
            elif es_cancelacion(exc):
                error.setText(_("Lectura cancelada."))
            else:
                error.setText(_("Ocurrió un error inesperado al leer la planilla."))
                progreso.informar_fallo(self, exc, traza)
            error.show()
            self._actualizar_botones()

        self.tarea = progreso.ejecutar(self, trabajo_leer(ruta, self.tabla, hoja, fila, con_muestra=primera),
                                       titulo=_("Importar desde Excel"),
                                       texto=_("Leyendo «{archivo}»…").format(archivo=ruta.name),
                                       al_terminar=listo, al_fallar=fallo, cancelable=True)
        self._actualizar_botones()

    # -- importar ---------------------------------------------------------------------------------------------
    def importar(self) -> progreso.Tarea | None:
        if self.paso != PREVIA or self.lectura is None or (self.tarea is not None and self.tarea.en_curso):
            return None
        if self.ctx.solo_lectura:
            self.problemas_previa.setText(_("El expediente está abierto solo para lectura: no se puede importar."))
            return None
        lec, mapeo, tabla = self.lectura, dict(self.mapeo), self.tabla
        trabajo = trabajo_importar(self.ctx.expediente, self.ctx.municipio_id, lec, mapeo, self.omitir.isChecked())

        def listo(r) -> None:
            self.tarea = None
            self.resultado = r
            if not r.ok:
                self._marcar_problemas(r.problemas)
                self.boton_ver_problemas.show()
                self.problemas_previa.setText(n_(
                    "No se importó nada: hay {n} problema. Corrija la planilla y vuelva a importarla.",
                    "No se importó nada: hay {n} problemas. Corrija la planilla y vuelva a importarla.",
                    len(r.problemas)).format(n=formato.entero(len(r.problemas))))
                self.problemas_previa.setStyleSheet(f"color: {ERROR};")
                self._actualizar_botones()
                self.mostrar_problemas()
                return
            if r.creados:
                texto = _("Importar {filas} de «{archivo}»").format(filas=_filas_texto(tabla, r.creados),
                                                                     archivo=lec.archivo.name)
                try:
                    self.ctx.ejecutar(comando_importacion(self.ctx, tabla, r.ids, texto))
                except ErrorDeUsuario as exc:  # the rows are saved; only the undo entry could not be made
                    log.warning("Importación sin orden de deshacer: %s", exc)
                    self.ctx.cambiado.emit(set(IMPORTABLES[tabla].cambia))
                self.ctx.mensaje.emit(_("Se importaron {filas}. Ctrl+Z deshace la importación.").format(
                    filas=_filas_texto(tabla, r.creados)))
            self._mostrar_resultado(r)
            self._ir(RESULTADO)

        def fallo(exc: BaseException, traza: str) -> None:
            self.tarea = None
            if es_cancelacion(exc):
                self.problemas_previa.setText(_("Importación cancelada: no se guardó nada."))
                self.problemas_previa.setStyleSheet(f"color: {ERROR};")
                self.ctx.mensaje.emit(_("Importación cancelada: no se guardó nada."))
            else:
                progreso.informar_fallo(self, exc, traza)
            self._actualizar_botones()

        self.tarea = progreso.ejecutar(self, trabajo, titulo=_("Importar desde Excel"),
                                       texto=_("Revisando e importando {filas}…").format(
                                           filas=_filas_texto(tabla, lec.total)),
                                       al_terminar=listo, al_fallar=fallo, cancelable=True)
        self._actualizar_botones()
        return self.tarea

    def _marcar_problemas(self, problemas) -> None:
        """Después de un intento fallido, la vista previa marca todos los problemas de sus filas (también los que
        solo se ven al importar: nombres repetidos, valores fuera de rango, referencias que no existen)."""
        por_fila: dict[int | None, list] = {}
        for p in problemas:
            por_fila.setdefault(p.fila, []).append(p)
        filas = [replace(f, problemas=tuple(por_fila.get(f.fila, ()))) for f in self.modelo_previa.filas]
        columnas, numericas = self._columnas_previa
        self.modelo_previa.cargar(columnas, filas, self.mapeo, numericas)

    def mostrar_problemas(self):
        from ui.dialogos.informe_problemas import DialogoProblemas

        if self.resultado is None or self.resultado.ok:
            return None
        self.dialogo_problemas = DialogoProblemas(self.resultado.problemas, self.lectura.archivo.name, self)
        self.dialogo_problemas.open()
        return self.dialogo_problemas

    def reject(self) -> None:
        if self.tarea is not None and self.tarea.en_curso:
            self.tarea.cancelar()  # the worker rolls back; nothing is kept
            return
        if self.paso == RESULTADO:
            self.accept()  # «Cerrar» after an import: it was done, not cancelled
            return
        super().reject()
