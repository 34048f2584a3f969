"""Excel e impresos para una página con tabla: «Exportar a Excel…», «Plantilla en blanco…», «Importar desde
Excel…» e «Imprimir (PDF)…», siempre iguales en todas las páginas que las ofrecen.

Uso en una página:

    self.datos = AccionesDatos(ctx, "actores", self, vista_actual=lambda: "grilla" if … else "matriz")
    self.datos.agregar_a(barra)          # botones «Excel ▾» e «Imprimir ▾» en la barra de la página

Una tabla sin impresos (`impresos=()`, p. ej. «necesidades» y «dafo», que se imprimen por territorio desde su
pestaña) tiene solo «Excel ▾»: ni botón ni acción de imprimir. Ctrl+P es de la ventana (Archivo › Imprimir…: vista
previa e impresora), que le pregunta a la página qué imprime con `impreso_actual()`.

Cada exportación e impreso corre en un hilo aparte (ui/dialogos/progreso.py) con su propia sesión, barra de
progreso y Cancelar; la ruta se pide con QFileDialog, empezando en la última carpeta usada (ajuste
«carpeta_archivos»; la primera vez, Documentos) y con un nombre como «Actores - Villeta - 2026-11-21.xlsx». Al
terminar, un aviso ofrece abrir el archivo. La importación abre el asistente (ui/dialogos/importar.py).

Las funciones `trabajo_*` son lo que corre en el hilo: las pruebas las llaman directamente.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolBar, QToolButton, QWidget

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar import Cancelado as CanceladoNucleo
from nucleo.i18n import _, n_
from ui.ajustes import ajustes
from ui.contexto import Contexto
from ui.dialogos import progreso
from ui.errores import mostrar_error_de_usuario

log = logging.getLogger(__name__)
Progreso = Callable[[int, int], None]


@dataclass(frozen=True)
class Impreso:
    vista: str  # what nucleo.exportar.pdf.documentos.exportar_pdf calls it
    menu: str  # menu entry
    archivo: str  # start of the proposed file name


@dataclass(frozen=True)
class Tabla:
    """Lo que cambia de una tabla a otra: nombres de archivo, textos y cómo se cuentan las filas."""

    archivo: str  # «Actores - Villeta - 2026-11-21.xlsx»
    filas: Callable[[int], str]  # «26 actores»
    impresos: tuple[Impreso, ...]  # () = the table has no printout of its own: no print button
    que: str  # «Guardar {que} en una planilla .xlsx»
    alcance: str = ""  # what the workbook covers, when the page shows less (one territory): said in the tooltips


TABLAS: dict[str, Tabla] = {
    "actores": Tabla(
        _("Actores"),
        lambda n: n_("{n} actor", "{n} actores", n).format(n=formato.entero(n)),
        (Impreso("matriz", _("&Matriz de actores (PDF)…"), _("Matriz de actores")),
         Impreso("grilla", _("&Grilla poder/interés (PDF)…"), _("Grilla poder-interés"))),
        _("la matriz de actores"),
    ),
    "oportunidades": Tabla(
        _("Oportunidades"),
        lambda n: n_("{n} oportunidad", "{n} oportunidades", n).format(n=formato.entero(n)),
        (Impreso("catalogo", _("&Catálogo del Mapa de Oportunidades (PDF)…"), _("Mapa de Oportunidades")),),
        _("el Mapa de Oportunidades"),
    ),
    # The diagnosis is per territory on screen, but its workbook is the whole municipality (a Territorio column),
    # like the CLI's: one file to take to a workshop or bring back from it. Its printouts are per territory
    # (ficha, árbol, DAFO) and live on their tabs.
    "necesidades": Tabla(
        _("Necesidades"),
        lambda n: n_("{n} necesidad", "{n} necesidades", n).format(n=formato.entero(n)),
        (),
        _("las necesidades del diagnóstico"),
        _("La planilla abarca todos los territorios del municipio, no solo el elegido: la columna Territorio dice "
          "de cuál es cada necesidad."),
    ),
    "dafo": Tabla(
        _("DAFO y DIPE"),
        lambda n: n_("{n} elemento de DAFO o DIPE", "{n} elementos de DAFO o DIPE", n).format(n=formato.entero(n)),
        (),
        _("los análisis DAFO y DIPE"),
        _("La planilla abarca los DAFO y DIPE de todos los territorios del municipio, no solo el que se mira: la "
          "columna Territorio dice de cuál es cada elemento."),
    ),
    "indicadores": Tabla(
        _("Indicadores"),
        lambda n: n_("{n} indicador", "{n} indicadores", n).format(n=formato.entero(n)),
        (),
        _("los indicadores de los Planes de Acción"),
        _("La planilla abarca los indicadores de todos los Planes de Acción del municipio: las columnas Territorio "
          "y Resultado dicen de qué plan y resultado es cada uno."),
    ),
    "actividades": Tabla(
        _("Actividades"),
        lambda n: n_("{n} actividad", "{n} actividades", n).format(n=formato.entero(n)),
        (),
        _("las actividades de los Planes de Acción"),
        _("La planilla abarca las actividades de todos los Planes de Acción del municipio: la columna Territorio "
          "dice de qué plan es cada una."),
    ),
    "recursos": Tabla(
        _("Recursos"),
        lambda n: n_("{n} recurso", "{n} recursos", n).format(n=formato.entero(n)),
        (),
        _("los recursos de las actividades"),
        _("La planilla abarca los recursos de todos los Planes de Acción del municipio: las columnas Territorio y "
          "Código de actividad dicen de qué actividad es cada uno."),
    ),
    # Its printout is per plan (IMPRESOS «riesgos», pide_id="plan"): printed from the plan's «Riesgos» tab.
    "riesgos": Tabla(
        _("Riesgos"),
        lambda n: n_("{n} riesgo", "{n} riesgos", n).format(n=formato.entero(n)),
        (),
        _("la matriz de riesgos de los Planes de Acción"),
        _("La planilla abarca los riesgos de todos los Planes de Acción del municipio: la columna Territorio dice "
          "de qué plan es cada uno."),
    ),
    "miembros": Tabla(
        _("Miembros de mesas"),
        lambda n: n_("{n} miembro", "{n} miembros", n).format(n=formato.entero(n)),
        (),
        _("los miembros de las mesas"),
        _("La planilla abarca los miembros de todas las mesas del municipio: la columna Mesa dice de cuál es cada "
          "uno."),
    ),
}


# -- carpetas y nombres -------------------------------------------------------------------------------------------
def carpeta_inicial() -> Path:
    """La última carpeta usada si todavía existe; si no, Documentos (o la carpeta personal)."""
    guardada = ajustes()["carpeta_archivos"]
    if guardada and Path(guardada).is_dir():
        return Path(guardada)
    documentos = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documentos and Path(documentos).is_dir():
        return Path(documentos)
    return Path.home()


def recordar_carpeta(carpeta: Path) -> None:
    ajustes()["carpeta_archivos"] = str(carpeta)


_NO_VALIDOS = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def nombre_archivo(*partes: str, extension: str) -> str:
    """«Actores - Villeta - 2026-11-21.xlsx»: las partes unidas, sin caracteres que Windows no acepta."""
    limpias = [_NO_VALIDOS.sub("-", p).strip(" .") for p in partes if p]
    return " - ".join(p for p in limpias if p) + extension


# -- trabajo en segundo plano (cada uno abre su propia sesión en el hilo) -----------------------------------------
def trabajo_exportar(expediente, municipio_id: int, tabla: str, destino: Path, plantilla: bool = False,
                     hoy: date | None = None) -> Callable[[Progreso], Any]:
    def trabajo(avance: Progreso):
        from nucleo.exportar.excel import esquema_de, exportar_excel

        with expediente.sesion() as s:
            return exportar_excel(s, municipio_id, esquema_de(tabla), destino, plantilla=plantilla,
                                  progreso=avance, hoy=hoy)

    return trabajo


def trabajo_pdf(expediente, municipio_id: int, tabla: str, destino: Path, vista: str | None = None,
                hoy: date | None = None, id: int | None = None) -> Callable[[Progreso], Path]:
    def trabajo(avance: Progreso) -> Path:
        from nucleo.exportar.pdf.documentos import exportar_pdf

        with expediente.sesion() as s:
            return exportar_pdf(tabla, s, municipio_id, destino, vista, hoy, id=id, progreso=avance)

    return trabajo


def es_cancelacion(exc: BaseException) -> bool:
    return isinstance(exc, progreso.Cancelado | CanceladoNucleo)


def error_de_escritura(exc: OSError, destino: Path) -> ErrorDeUsuario:
    return ErrorDeUsuario(_("No se pudo escribir «{archivo}»: no hay permiso, falta espacio o el archivo está abierto "
                            "en otro programa. Ciérrelo o elija otro nombre o carpeta.").format(archivo=destino.name),
                          detalle=exc.strerror or str(exc))


# -- guardar un archivo en segundo plano --------------------------------------------------------------------------
class _ArchivoEnSegundoPlano(QObject):
    """Pedir dónde guardar, correr el trabajo en un hilo con progreso y avisar al terminar (Abrir / carpeta)."""

    def __init__(self, ctx: Contexto, pagina: QWidget, hoy: date | Callable[[], date] | None = None):
        super().__init__(pagina)
        self.ctx = ctx
        self.pagina = pagina
        self.hoy = hoy  # a date, or a callable giving it (a page whose day can be fixed after it is built)
        self.tarea: progreso.Tarea | None = None  # the last background job (tests wait on it)
        self.aviso: QMessageBox | None = None  # the last «listo» box

    def _hoy_dado(self) -> date | None:
        """El día fijado (las pruebas, una página con su propio «hoy»), o None: el de la computadora."""
        return self.hoy() if callable(self.hoy) else self.hoy

    def _hoy(self) -> date:
        return self._hoy_dado() or date.today()

    def municipio(self) -> str:
        from nucleo.servicios.municipio import obtener_municipio

        mid = self.ctx.municipio_id
        try:
            return self.ctx.leer(lambda s: obtener_municipio(s, mid).nombre)
        except ErrorDeUsuario:
            return ""

    def pedir_destino(self, titulo: str, propuesta: str, filtro: str) -> Path | None:
        """La ruta elegida en el diálogo de guardar, o None (separado para que las pruebas lo reemplacen)."""
        ruta, _f = QFileDialog.getSaveFileName(self.pagina, titulo, str(carpeta_inicial() / propuesta), filtro)
        if not ruta:
            return None
        recordar_carpeta(Path(ruta).parent)
        return Path(ruta)

    def _correr(self, trabajo, titulo: str, texto: str, destino: Path, al_terminar) -> progreso.Tarea:
        def fallo(exc: BaseException, traza: str) -> None:
            if es_cancelacion(exc):
                self.ctx.mensaje.emit(_("Cancelado: no se escribió «{archivo}».").format(archivo=destino.name))
                return
            if isinstance(exc, OSError):
                exc = error_de_escritura(exc, destino)
            progreso.informar_fallo(self.pagina, exc, traza)

        self.tarea = progreso.ejecutar(self.pagina.window(), trabajo, titulo=titulo, texto=texto,
                                       al_terminar=al_terminar, al_fallar=fallo, cancelable=True)
        return self.tarea

    def _impreso(self, ruta: Path) -> None:
        texto = _("Se guardó «{archivo}».").format(archivo=Path(ruta).name)
        self.ctx.mensaje.emit(texto)
        self.avisar_listo(Path(ruta), texto)

    def avisar_listo(self, ruta: Path, texto: str) -> QMessageBox:
        """Un aviso no modal con «Abrir», «Abrir la carpeta» y «Cerrar»."""
        caja = QMessageBox(QMessageBox.Icon.Information, _("Listo"), texto, QMessageBox.StandardButton.NoButton,
                           self.pagina.window())
        caja.setObjectName("avisoArchivoListo")
        caja.setInformativeText(str(ruta.parent))
        abrir = caja.addButton(_("&Abrir"), QMessageBox.ButtonRole.AcceptRole)
        carpeta = caja.addButton(_("Abrir la &carpeta"), QMessageBox.ButtonRole.ActionRole)
        cerrar = caja.addButton(_("Cerrar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(abrir)
        caja.setEscapeButton(cerrar)

        def elegido(boton) -> None:
            if boton is abrir:
                abrir_con_el_sistema(ruta)
            elif boton is carpeta:
                abrir_con_el_sistema(ruta.parent)

        caja.buttonClicked.connect(elegido)
        caja.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        caja.destroyed.connect(lambda *_a: setattr(self, "aviso", None) if self.aviso is caja else None)
        self.aviso = caja
        caja.open()
        return caja


class ImpresoDeRegistro(_ArchivoEnSegundoPlano):
    """El impreso de un territorio o un convenio (ficha territorial, árbol, DAFO, convenio), con el mismo diálogo,
    hilo, progreso y aviso que los de las tablas:

        self.impreso = ImpresoDeRegistro(ctx, self)
        self.impreso.imprimir("ficha", territorio_id, _("Ficha territorial"), nombre_del_territorio)
    """

    def imprimir(self, tabla: str, id: int, documento: str, detalle: str = "",
                 vista: str | None = None) -> progreso.Tarea | None:
        propuesta = nombre_archivo(documento, detalle, self.municipio(), self._hoy().isoformat(), extension=".pdf")
        destino = self.pedir_destino(_("Imprimir en PDF"), propuesta, _("Documento PDF (*.pdf)"))
        if destino is None:
            return None
        if destino.suffix.lower() != ".pdf":
            destino = destino.with_name(destino.name + ".pdf")
        return self._correr(trabajo_pdf(self.ctx.expediente, self.ctx.municipio_id, tabla, destino, vista,
                                        self._hoy_dado(), id=id),
                            _("Imprimir en PDF"), _("Armando «{archivo}»…").format(archivo=destino.name), destino,
                            self._impreso)


# -- la pieza de la página -----------------------------------------------------------------------------------------
class AccionesDatos(_ArchivoEnSegundoPlano):
    """Las acciones de Excel e impresos de una página, con sus botones de barra y sus atajos.

    - `vista_actual()`: qué impreso corresponde a la vista que el usuario está mirando; sin ella, el primero.
    - `hoy`: la fecha (o una función que la da) de los nombres de archivo y de los impresos (las pruebas la fijan).
    - Sin impresos en TABLAS, `boton_imprimir`, `menu_imprimir` y `accion_imprimir` son None.
    """

    def __init__(self, ctx: Contexto, tabla: str, pagina: QWidget, vista_actual: Callable[[], str] | None = None,
                 hoy: date | Callable[[], date] | None = None):
        super().__init__(ctx, pagina, hoy)
        self.tabla = tabla
        self.datos = TABLAS[tabla]
        self.vista_actual = vista_actual
        self.asistente = None  # the import wizard, while open

        alcance = self.datos.alcance

        def accion(texto: str, ayuda: str, slot, atajo: str | None = None, nota: str = "") -> QAction:
            a = QAction(texto, pagina)
            a.setToolTip(ayuda + (f" ({atajo})" if atajo else "") + (f"\n{nota}" if nota else ""))
            a.setStatusTip(ayuda + (f". {nota}" if nota else ""))
            if atajo:
                a.setShortcut(QKeySequence(atajo))
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                pagina.addAction(a)
            a.triggered.connect(lambda _c=False: slot())
            return a

        self.accion_exportar = accion(_("&Exportar a Excel…"), _("Guardar {que} en una planilla .xlsx").format(
            que=self.datos.que), self.exportar, "Ctrl+E", alcance)
        self.accion_plantilla = accion(_("&Plantilla en blanco…"), _(
            "Una planilla vacía con las columnas y listas desplegables de Articula, para completar y luego importar"),
            lambda: self.exportar(plantilla=True))
        self.accion_importar = accion(_("&Importar desde Excel…"), _(
            "Agregar filas desde una planilla .xlsx (de Articula o ajena): se revisa todo antes de guardar"),
            self.importar, "Ctrl+I", alcance)
        self.accion_importar.setEnabled(not ctx.solo_lectura)
        self.acciones_pdf: dict[str, QAction] = {}
        for impreso in self.datos.impresos:
            self.acciones_pdf[impreso.vista] = accion(
                impreso.menu, _("Guardar un PDF para imprimir o compartir (A4)"),
                lambda v=impreso.vista: self.imprimir(v))
        self.accion_imprimir: QAction | None = None
        if self.acciones_pdf:
            # Ctrl+P is the window's Archivo › Imprimir… (preview and the system's print dialog) for this view.
            self.accion_imprimir = accion(_("Imprimir (PDF)…"), _("Guardar en PDF la vista que se está mirando"),
                                          lambda: self.imprimir(None))

        self.menu_excel = QMenu(pagina)
        self.menu_excel.addAction(self.accion_exportar)
        self.menu_excel.addAction(self.accion_plantilla)
        self.menu_excel.addSeparator()
        self.menu_excel.addAction(self.accion_importar)
        # A workbook wider than the page (the whole municipality) says so also while its entry is hovered.
        self.menu_excel.setToolTipsVisible(bool(alcance))
        self.boton_excel = QToolButton()
        self.boton_excel.setText(_("E&xcel") + " ▾")
        self.boton_excel.setToolTip(_("Exportar, plantilla en blanco e importar desde Excel")
                                    + (f"\n{alcance}" if alcance else ""))
        self.boton_excel.setAccessibleName(_("Excel"))
        self.boton_excel.setMenu(self.menu_excel)
        self.boton_excel.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.boton_excel.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        # The «▾» in the text says «menu» more clearly than the style's tiny corner arrow, which crowds it.
        sin_flecha = "QToolButton::menu-indicator { image: none; width: 0px; }"
        self.boton_excel.setStyleSheet(sin_flecha)
        self.boton_imprimir: QToolButton | None = None
        self.menu_imprimir: QMenu | None = None
        if self.acciones_pdf:
            self._crear_boton_imprimir(pagina)
            self.boton_imprimir.setStyleSheet(sin_flecha)

    def _crear_boton_imprimir(self, pagina: QWidget) -> None:
        self.boton_imprimir = QToolButton()
        self.boton_imprimir.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if len(self.acciones_pdf) > 1:
            self.menu_imprimir = QMenu(pagina)
            for a in self.acciones_pdf.values():
                self.menu_imprimir.addAction(a)
            self.boton_imprimir.setText(_("&Imprimir") + " ▾")
            self.boton_imprimir.setMenu(self.menu_imprimir)
            self.boton_imprimir.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.boton_imprimir.setToolTip(_("Guardar en PDF para imprimir (Ctrl+P: vista previa e impresora de "
                                             "la vista que se está mirando)"))
        else:
            self.menu_imprimir = None
            unico = next(iter(self.acciones_pdf.values()))
            self.boton_imprimir.setText(_("&Imprimir…"))
            self.boton_imprimir.setToolTip(unico.toolTip() + _(" (Ctrl+P: vista previa e impresora)"))
            self.boton_imprimir.clicked.connect(unico.trigger)
        self.boton_imprimir.setAccessibleName(_("Imprimir"))

    def impreso_actual(self) -> PedidoImpreso | None:
        """Lo que Ctrl+P imprime en la página: el impreso de la vista que se mira (None si la tabla no tiene)."""
        if not self.datos.impresos:
            return None
        vista = self.vista_actual() if self.vista_actual is not None else self.datos.impresos[0].vista
        impreso = next((i for i in self.datos.impresos if i.vista == vista), self.datos.impresos[0])
        return PedidoImpreso(self.tabla, impreso.vista, None, impreso.archivo)

    def agregar_a(self, barra: QToolBar) -> None:
        barra.addSeparator()
        barra.addWidget(self.boton_excel)
        if self.boton_imprimir is not None:
            barra.addWidget(self.boton_imprimir)

    # -- nombres ---------------------------------------------------------------------------------------------
    def nombre_propuesto(self, plantilla: bool = False, vista: str | None = None) -> str:
        if vista is not None:
            impreso = next(i for i in self.datos.impresos if i.vista == vista)
            return nombre_archivo(impreso.archivo, self.municipio(), self._hoy().isoformat(), extension=".pdf")
        if plantilla:
            return nombre_archivo(self.datos.archivo, _("plantilla en blanco"), self.municipio(), extension=".xlsx")
        return nombre_archivo(self.datos.archivo, self.municipio(), self._hoy().isoformat(), extension=".xlsx")

    # -- órdenes ---------------------------------------------------------------------------------------------
    def exportar(self, plantilla: bool = False) -> progreso.Tarea | None:
        titulo = _("Plantilla en blanco") if plantilla else _("Exportar a Excel")
        destino = self.pedir_destino(titulo, self.nombre_propuesto(plantilla=plantilla),
                                     _("Libro de Excel (*.xlsx)"))
        if destino is None:
            return None
        if destino.suffix.lower() != ".xlsx":
            destino = destino.with_name(destino.name + ".xlsx")
        texto = (_("Preparando la plantilla «{archivo}»…") if plantilla
                 else _("Exportando a «{archivo}»…")).format(archivo=destino.name)
        return self._correr(trabajo_exportar(self.ctx.expediente, self.ctx.municipio_id, self.tabla, destino,
                                             plantilla, self._hoy_dado()),
                            titulo, texto, destino, lambda r: self._exportado(r, plantilla))

    def imprimir(self, vista: str | None = None) -> progreso.Tarea | None:
        if not self.datos.impresos:
            return None
        if vista is None:
            posibles = [i.vista for i in self.datos.impresos]
            actual = self.vista_actual() if self.vista_actual else None
            vista = actual if actual in posibles else posibles[0]
        destino = self.pedir_destino(_("Imprimir en PDF"), self.nombre_propuesto(vista=vista),
                                     _("Documento PDF (*.pdf)"))
        if destino is None:
            return None
        if destino.suffix.lower() != ".pdf":
            destino = destino.with_name(destino.name + ".pdf")
        return self._correr(trabajo_pdf(self.ctx.expediente, self.ctx.municipio_id, self.tabla, destino, vista,
                                        self._hoy_dado()),
                            _("Imprimir en PDF"), _("Armando «{archivo}»…").format(archivo=destino.name), destino,
                            self._impreso)

    def importar(self):
        """Abre el asistente de importación (no modal para la ventana: se puede mirar la tabla mientras tanto)."""
        if self.ctx.solo_lectura:
            return None
        from ui.dialogos.importar import DialogoImportar

        if self.asistente is not None and self.asistente.isVisible():
            self.asistente.raise_()
            self.asistente.activateWindow()
            return self.asistente
        self.asistente = DialogoImportar(self.ctx, self.tabla, self.pagina.window())
        self.asistente.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.asistente.destroyed.connect(self._olvidar_asistente)
        # The page goes away (another expediente was opened): its wizard goes too (cancelling any work).
        self.destroyed.connect(self.asistente.close)
        self.asistente.show()
        return self.asistente

    def _olvidar_asistente(self, *_a) -> None:
        self.asistente = None

    def _exportado(self, resultado, plantilla: bool) -> None:
        ruta = Path(resultado.ruta)
        if plantilla:
            texto = _("Se guardó la plantilla en blanco «{archivo}». Complétela y tráigala con «Importar desde "
                      "Excel…».").format(archivo=ruta.name)
        else:
            texto = _("Se exportaron {filas} a «{archivo}».").format(filas=self.datos.filas(resultado.filas),
                                                                      archivo=ruta.name)
        self.ctx.mensaje.emit(texto)
        self.avisar_listo(ruta, texto)


def abrir_con_el_sistema(ruta: Path) -> None:
    """Abre el archivo (o la carpeta) con el programa que el sistema tiene para él."""
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(ruta))):
        mostrar_error_de_usuario(None, ErrorDeUsuario(_(
            "No se encontró un programa para abrir «{archivo}». Ábralo desde su carpeta.").format(archivo=ruta.name),
            detalle=str(ruta.parent)))


# -- Archivo › Imprimir… (Ctrl+P) ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PedidoImpreso:
    """Lo que la vista que se mira imprime con Ctrl+P: un impreso de nucleo.exportar.pdf.documentos.IMPRESOS, su
    vista y el registro que pide. Cada página lo dice con `impreso_actual() -> PedidoImpreso | None`; la ventana arma
    el PDF (en un hilo) y abre la vista previa y el diálogo de impresión del sistema."""

    impreso: str
    vista: str | None = None
    id: int | None = None
    titulo: str = ""  # «Ficha territorial — Barrio San Miguel», for the progress text and the print job
    revision: int | None = None  # a sanctioned revision of a plan (printed from its frozen content)
