"""Documentos de evidencia de una etapa: lista, adjuntar (diálogo, Insert o arrastrar), abrir, guardar una copia y
quitar, cada cambio como una orden deshacible.

Lo usa la Hoja de ruta y lo usarán las páginas que guardan escaneos firmados (convenios, actas).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from nucleo.servicios.hoja_de_ruta import (
    FilaDocumento,
    adjuntar_documento,
    contenido_documento,
    eliminar_documento,
    listar_documentos,
    restaurar_documento,
)
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import BORDE, TEXTO_SECUNDARIO
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.formulario import texto_secundario

_carpetas_vivas: list[tempfile.TemporaryDirectory] = []


@cache
def _carpeta_temporal() -> Path:
    # One folder per session, removed when the program exits; a document opened in another program stays
    # readable while the session lasts.
    carpeta = tempfile.TemporaryDirectory(prefix="articula-documentos-")
    _carpetas_vivas.append(carpeta)
    return Path(carpeta.name)


def _boton_compacto(texto: str, parent: QWidget) -> QToolButton:
    boton = QToolButton(parent)
    boton.setText(texto)
    boton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    boton.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    boton.setMinimumHeight(QPushButton().sizeHint().height())
    return boton


@dataclass(frozen=True)
class FuenteDocumentos:
    """De qué son los documentos que muestra el panel: los servicios que los leen y guardan, y cómo se nombra el
    lugar en los textos. Los textos llevan {codigo} (la `descripcion` de `mostrar_etapa`), {nombre} y {n}.

    Por omisión (`fuente_etapas()`), las evidencias de una etapa de la hoja de ruta; los convenios pasan la suya.
    """

    listar: Callable[[Any, int], list[FilaDocumento]]
    adjuntar: Callable[[Any, int, str], int]
    eliminar: Callable[[Any, int], Any]
    restaurar: Callable[[Any, Any], int]
    titulo: str
    vacio: str
    vacio_lectura: str
    ayuda_quitar: str
    dialogo_adjuntar: str
    adjuntar_uno: str
    adjuntar_varios: str
    adjuntados: Callable[[int], str]  # n -> «Se adjuntó {n} documento a …» (singular or plural)
    pregunta_quitar_uno: str
    quitar_uno: str
    pregunta_quitar_varios: str
    quitar_varios: str


def fuente_etapas() -> FuenteDocumentos:
    """Las evidencias de una etapa (armado al usarse, para que los textos sigan el catálogo instalado)."""
    return FuenteDocumentos(
        listar_documentos, adjuntar_documento, eliminar_documento, restaurar_documento,
        titulo=_("Documentos de evidencia"),
        vacio=_("Sin documentos todavía.\nAdjunte actas, fotos o escaneos firmados que respalden la etapa."),
        vacio_lectura=_("Sin documentos en esta etapa."),
        ayuda_quitar=_("Quitar el documento de la etapa (Supr; Ctrl+Z deshace)"),
        dialogo_adjuntar=_("Adjuntar documentos a la etapa {codigo}"),
        adjuntar_uno=_("Adjuntar «{nombre}» a la etapa {codigo}"),
        adjuntar_varios=_("Adjuntar {n} documentos a la etapa {codigo}"),
        adjuntados=lambda n: n_("Se adjuntó {n} documento a la etapa {codigo}.",
                                "Se adjuntaron {n} documentos a la etapa {codigo}.", n),
        pregunta_quitar_uno=_("¿Quitar «{nombre}» de la etapa {codigo}?"),
        quitar_uno=_("Quitar «{nombre}» de la etapa {codigo}"),
        pregunta_quitar_varios=_("¿Quitar {n} documentos de la etapa {codigo}?"),
        quitar_varios=_("Quitar {n} documentos de la etapa {codigo}"),
    )


def crear_modelo_documentos(parent=None) -> ModeloTabla[FilaDocumento]:
    """Nombre, tamaño legible y fecha en que se adjuntó; tamaño y fecha ordenan como número y fecha."""
    return ModeloTabla([
        Columna(_("Nombre"), lambda d: d.nombre_archivo),
        Columna(_("Tamaño"), lambda d: formato.tamano_legible(d.tamano), orden=lambda d: d.tamano, derecha=True),
        Columna(_("Adjuntado"), lambda d: formato.fecha_hora(d.creado_en), orden=lambda d: d.creado_en),
    ], parent)


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


class PanelDocumentos(QWidget):
    """Los documentos de evidencia de una etapa.

    - `mostrar_etapa(etapa_id, descripcion)`: qué etapa muestra; `descripcion` es su código tal como lo conoce el
      usuario («3», «1-a») y aparece en las órdenes y preguntas («Adjuntar «acta.pdf» a la etapa 3»).
    - Los cambios llegan a todos por `ctx.cambiado` («documento»); quien contiene el panel vuelve a llamar a
      `mostrar_etapa` (o a `recargar`) cuando le avisan, como hace con el resto de lo que muestra. Así la lista
      se lee una sola vez por cambio.
    - Con el expediente en solo lectura (o sin etapa) se puede ver, abrir y guardar copias, no adjuntar ni quitar.
    - `fuente` (opcional): documentos de otra cosa (p. ej. el escaneo firmado de un convenio), con sus servicios y
      sus textos; `mostrar_etapa` recibe entonces el id de esa cosa.
    """

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, fuente: FuenteDocumentos | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.fuente = fuente or fuente_etapas()
        self._etapa_id: int | None = None
        self._descripcion = ""
        self._ultima_carpeta = str(Path.home())
        self._construir()
        self._conectar()
        self._actualizar_documentos_vacios()

    def _construir(self) -> None:
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(4)
        self.titulo_documentos = QLabel(self.fuente.titulo, self)
        self.modelo_documentos = crear_modelo_documentos(self)
        self.tabla_documentos = TablaDocumentos(self)
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
        # Where the table would be when there are none: a hint of what to attach.
        self.vacio_documentos = texto_secundario(self.fuente.vacio, self)
        self.vacio_documentos.setWordWrap(True)
        self.vacio_documentos.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.vacio_documentos.setStyleSheet(f"color: {TEXTO_SECUNDARIO}; border: 1px dashed {BORDE}; "
                                            "border-radius: 4px; padding: 8px;")
        self.pila_documentos = QStackedWidget(self)
        self.pila_documentos.addWidget(self.tabla_documentos)
        self.pila_documentos.addWidget(self.vacio_documentos)
        botones = QHBoxLayout()
        botones.setSpacing(4)
        # Tool buttons: no 80-pixel minimum width, so the four fit beside the notes on a 1024-pixel screen.
        self.boton_adjuntar = _boton_compacto(_("Ad&juntar…"), self)
        self.boton_adjuntar.setToolTip(_("Guardar uno o varios archivos dentro del expediente (Insert)"))
        self.boton_abrir = _boton_compacto(_("A&brir"), self)
        self.boton_abrir.setToolTip(_("Abrir el documento con el programa del sistema (Enter)"))
        self.boton_guardar_como = _boton_compacto(_("Guardar &como…"), self)
        self.boton_guardar_como.setToolTip(_("Guardar una copia del documento en una carpeta"))
        self.boton_quitar = _boton_compacto(_("&Quitar"), self)
        self.boton_quitar.setToolTip(self.fuente.ayuda_quitar)
        for b in (self.boton_adjuntar, self.boton_abrir, self.boton_guardar_como, self.boton_quitar):
            botones.addWidget(b)
        botones.addStretch(1)
        capa.addWidget(self.titulo_documentos)
        capa.addWidget(self.pila_documentos, 1)
        capa.addLayout(botones)

    def _conectar(self) -> None:
        self.boton_adjuntar.clicked.connect(lambda: self.adjuntar())
        self.boton_abrir.clicked.connect(self.abrir_documento)
        self.boton_guardar_como.clicked.connect(self.guardar_documento_como)
        self.boton_quitar.clicked.connect(self.quitar_documentos)
        self.tabla_documentos.activated.connect(lambda _i: self.abrir_documento())
        self.tabla_documentos.selectionModel().selectionChanged.connect(lambda *_a: self._actualizar_botones())
        self.tabla_documentos.soltados.connect(self.adjuntar)
        self.tabla_documentos.tecla_insertar.connect(lambda: self.adjuntar())
        self.tabla_documentos.tecla_suprimir.connect(self.quitar_documentos)

    def orden_tabulacion(self) -> list[QWidget]:
        """Lo que recorre Tab dentro del panel, en orden, para que quien lo contiene lo encadene con lo suyo."""
        return [self.tabla_documentos, self.boton_adjuntar, self.boton_abrir, self.boton_guardar_como,
                self.boton_quitar]

    # ===================================================================================== etapa y permisos
    def mostrar_etapa(self, etapa_id: int | None, descripcion: str = "") -> None:
        """Muestra los documentos de esa etapa (None: ninguno, y no se puede adjuntar); conserva la selección."""
        self._etapa_id = etapa_id
        self._descripcion = descripcion if etapa_id is not None else ""
        self._cargar_documentos()

    def etapa(self) -> int | None:
        return self._etapa_id

    def recargar(self) -> None:
        """Vuelve a leer la lista (tras un aviso de `ctx.cambiado` con «documento»), sin perder la selección."""
        self._cargar_documentos()

    def aplicar_permisos(self) -> None:
        """Habilita adjuntar y quitar según el expediente (solo lectura) y la etapa; abrir según la selección."""
        self._actualizar_botones()

    # ===================================================================================== carga
    def _cargar_documentos(self) -> None:
        eid = self._etapa_id
        seleccion = self._documentos_elegidos()
        listar = self.fuente.listar
        filas = self.ctx.leer(lambda s: listar(s, eid)) if eid is not None else []
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
        self.titulo_documentos.setText(f"{self.fuente.titulo} ({n})" if n else self.fuente.titulo)
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
        self.vacio_documentos.setText(self.fuente.vacio_lectura if self.ctx.solo_lectura else self.fuente.vacio)

    def _elegir_documentos(self, ids: list[int]) -> None:
        modelo_sel = self.tabla_documentos.selectionModel()
        modelo_sel.clearSelection()
        for ident in ids:
            n = self.modelo_documentos.buscar_id(ident)
            if n >= 0:
                modelo_sel.select(self.modelo_documentos.index(n, 0),
                                  QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
                self.tabla_documentos.scrollTo(self.modelo_documentos.index(n, 0))

    # ===================================================================================== acciones
    def adjuntar(self, rutas: list[str] | None = None) -> bool:
        """Guarda archivos dentro del expediente como evidencia de la etapa elegida (una sola orden deshacible)."""
        if self._etapa_id is None or self.ctx.solo_lectura:
            return False
        codigo = self._descripcion
        if not rutas:
            rutas, _filtro = QFileDialog.getOpenFileNames(
                self, self.fuente.dialogo_adjuntar.format(codigo=codigo), self._ultima_carpeta,
                _("Documentos e imágenes (*.pdf *.doc *.docx *.odt *.xls *.xlsx *.ods *.jpg *.jpeg *.png);;"
                  "Todos los archivos (*)"))
            if not rutas:
                return False
        rutas = [str(r) for r in rutas]
        self._ultima_carpeta = str(Path(rutas[0]).parent)
        eid = self._etapa_id
        texto = (self.fuente.adjuntar_uno.format(nombre=Path(rutas[0]).name, codigo=codigo)
                 if len(rutas) == 1 else self.fuente.adjuntar_varios.format(n=len(rutas), codigo=codigo))
        adjuntar, eliminar, restaurar = self.fuente.adjuntar, self.fuente.eliminar, self.fuente.restaurar
        comando = ComandoServicio(
            self.ctx, texto, "documento",
            hacer=lambda s: [adjuntar(s, eid, r) for r in rutas],
            deshacer=lambda s, ids: [eliminar(s, i) for i in ids],
            rehacer=lambda s, copias: [restaurar(s, c) for c in copias],
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
        self.ctx.mensaje.emit(self.fuente.adjuntados(len(ids)).format(n=len(ids), codigo=codigo))
        return True

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
        codigo = self._descripcion
        if len(elegidos) == 1:
            nombre = self.modelo_documentos.fila(self.modelo_documentos.buscar_id(elegidos[0])).nombre_archivo
            pregunta = self.fuente.pregunta_quitar_uno.format(nombre=nombre, codigo=codigo)
            texto = self.fuente.quitar_uno.format(nombre=nombre, codigo=codigo)
        else:
            pregunta = self.fuente.pregunta_quitar_varios.format(n=len(elegidos), codigo=codigo)
            texto = self.fuente.quitar_varios.format(n=len(elegidos), codigo=codigo)
        if not self._confirmar(_("Quitar documentos"), pregunta,
                               _("El archivo se borra del expediente. Puede recuperarlo con Editar > Deshacer "
                                 "(Ctrl+Z).")):
            return False
        eliminar, restaurar = self.fuente.eliminar, self.fuente.restaurar
        comando = ComandoServicio(
            self.ctx, texto, "documento",
            hacer=lambda s: [eliminar(s, i) for i in elegidos],
            deshacer=lambda s, copias: [restaurar(s, c) for c in copias],
            rehacer=lambda s, ids: [eliminar(s, i) for i in ids],
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            self._avisar(_("No se pudo quitar el documento"), exc)
            return False
        self.ctx.mensaje.emit(_("Documento quitado. Ctrl+Z lo recupera."))
        return True

    # ===================================================================================== avisos
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
