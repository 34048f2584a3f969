"""Pestaña «Sanción» del Plan de Acción: quién firma, qué firmas faltan, sancionar, revisiones congeladas.

Cuarta etapa del documento 000: el plan en revisión lo firman el Intendente y el Concejo Municipal, el Gobernador/a
y la Junta Departamental, y las organizaciones de la comunidad. Cuando todas las firmas requeridas tienen fecha, el
Coordinador/a lo sanciona: su contenido queda congelado (una instantánea con su huella SHA-256) como la revisión N.
Cambiar después un plan sancionado abre la revisión N+1 (borrador otra vez); las anteriores se siguen leyendo,
imprimiendo y comparando.

Todo cambio pasa por nucleo.servicios.sancion dentro de una orden deshacible (Ctrl+Z).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.plan import ESTADOS_EDITABLES
from nucleo.modelo.sancion import ROLES_FIRMANTE
from nucleo.servicios import sancion
from nucleo.servicios.plan import etiqueta_estado
from nucleo.servicios.sancion import EstadoSancion
from ui.acciones_datos import _ArchivoEnSegundoPlano, nombre_archivo
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import BORDE, TEXTO_SECUNDARIO, fuente_relativa
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import MarcadorErrores, texto_secundario
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.ordenes import avisar_error, ejecutar_con_aviso
from ui.widgets.seleccion import SeleccionPorId, elegir_fila, id_elegido
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"plan", "actor", "municipio"})
VERDE, ROJO, AMBAR, AZUL, GRIS = "#2e7d32", "#c62828", "#8a6d00", "#1565c0", "#757575"
FONDOS = {VERDE: "#e8f5e9", ROJO: "#fdecea", AMBAR: "#fff3c4", AZUL: "#e3f0fb", GRIS: "#f1f3f5"}


def columnas_firmantes() -> list[Columna]:
    def firmo(f) -> str:
        if f.fecha is not None:
            return formato.fecha(f.fecha)
        return _("falta") if f.requerida else _("— (opcional)")

    def color(f) -> str | None:
        if f.fecha is not None:
            return VERDE
        return ROJO if f.requerida else GRIS

    return [
        Columna(_("Rol"), lambda f: f.rol_texto, lambda f: f.orden),
        Columna(_("Nombre"), lambda f: f.nombre or "—"),
        Columna(_("Cargo"), lambda f: f.cargo or "—"),
        Columna(_("Requerida"), lambda f: _("Sí") if f.requerida else _("No"),
                ayuda=_("Sin las firmas requeridas el plan no se puede sancionar")),
        Columna(_("Firmó el"), firmo, lambda f: f.fecha, color=color),
    ]


def columnas_revisiones() -> list[Columna]:
    return [
        Columna(_("Revisión"), lambda r: formato.entero(r.numero), lambda r: r.numero, derecha=True),
        Columna(_("Sancionada el"), lambda r: formato.fecha(r.sancionado_en), lambda r: r.sancionado_en),
        Columna(_("Huella"), lambda r: r.huella_corta,
                ayuda=_("Los primeros 12 caracteres de la huella SHA-256 del contenido congelado; el impreso la "
                        "lleva al pie")),
        Columna(_("Íntegra"), lambda r: "✔ " + _("íntegra") if r.integra else "✖ " + _("alterada"),
                lambda r: r.integra, color=lambda r: VERDE if r.integra else ROJO,
                ayuda=_("Si el contenido guardado todavía coincide con su huella")),
    ]


def lista_de_nombres(filas: list) -> str:
    """«Concejo Municipal, Junta Departamental y Comisión Vecinal San Roque»: el rol de una autoridad, el nombre de
    una organización u otra firma (hay varias con el mismo rol)."""
    nombres = [f.nombre if f.rol in ("organizacion", "otro") and f.nombre else f.rol_texto for f in filas]
    if len(nombres) <= 1:
        return "".join(nombres)
    return _("{lista} y {ultimo}").format(lista=", ".join(nombres[:-1]), ultimo=nombres[-1])


# -- diálogos pequeños ------------------------------------------------------------------------------------------------
class DialogoFirmante(QDialog):
    """Agregar o corregir un firmante: rol, nombre, cargo, la organización (actor) que firma y si es requerida."""

    def __init__(self, ctx: Contexto, plan_id: int, fila=None, parent: QWidget | None = None,
                 solo_lectura: bool = False):
        super().__init__(parent)
        self.ctx, self.plan_id, self.fila = ctx, plan_id, fila
        self.firmante_id: int | None = fila.id if fila is not None else None
        self.setWindowTitle(_("Agregar firmante") if fila is None else _("Firmante"))
        self.setMinimumWidth(480)
        self.marcador = MarcadorErrores()

        self.rol = QComboBox()
        for clave, texto in ROLES_FIRMANTE.items():
            self.rol.addItem(traducir(texto), clave)
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Nombre y apellido, o el de la organización"))
        self.cargo = QLineEdit()
        self.cargo.setPlaceholderText(_("Por ejemplo: Presidente de la Comisión Vecinal"))
        self.actor = QComboBox()
        self.actor.addItem(_("(ninguna)"), None)
        mid = ctx.municipio_id

        def actores(s):
            from nucleo.servicios.actores import listar_actores

            return [(a.id, a.nombre) for a in listar_actores(s, mid) if a.tipo != "persona"]

        for ident, nombre in ctx.leer(actores):
            self.actor.addItem(nombre, ident)
        self.actor.setToolTip(_("La organización o institución del Mapa de actores que firma, si está cargada"))
        self.actor.currentIndexChanged.connect(self._actor_elegido)
        self.requerida = QCheckBox(_("Firma &requerida para sancionar el plan"))
        self.requerida.setChecked(True)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for campo, rotulo, widget in (("rol", _("&Rol:"), self.rol), ("nombre", _("&Nombre:"), self.nombre),
                                      ("cargo", _("&Cargo:"), self.cargo),
                                      ("actor_id", _("&Organización:"), self.actor)):
            error = QLabel()
            error.setObjectName("errorCampo")
            self.marcador.registrar(campo, widget, error)
            etiqueta = QLabel(rotulo)
            etiqueta.setBuddy(widget)
            formulario.addRow(etiqueta, widget)
            formulario.addRow("", error)
        formulario.addRow("", self.requerida)
        self.marcador.registrar("requerida", self.requerida)

        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.botones.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Guardar"))
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        self.botones.accepted.connect(self.accept)
        self.botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(formulario)
        if solo_lectura:
            aviso = texto_secundario(_("Las firmas de una revisión sancionada ya no se modifican."), self)
            aviso.setWordWrap(True)
            capa.addWidget(aviso)
            for w in (self.rol, self.actor, self.requerida):
                w.setEnabled(False)
            for w in (self.nombre, self.cargo):
                w.setReadOnly(True)
            self.botones.button(QDialogButtonBox.StandardButton.Ok).hide()
        capa.addWidget(self.botones)
        self.solo_lectura = solo_lectura
        if fila is not None:
            self.rol.setCurrentIndex(max(0, self.rol.findData(fila.rol)))
            self.nombre.setText(fila.nombre)
            self.cargo.setText(fila.cargo)
            self.actor.setCurrentIndex(max(0, self.actor.findData(fila.actor_id)))
            self.requerida.setChecked(fila.requerida)
        else:
            self.rol.setCurrentIndex(max(0, self.rol.findData("organizacion")))

    def _actor_elegido(self, _i: int) -> None:
        # Naming the organisation is the usual case: fill the name unless the user already typed another one.
        if self.actor.currentData() is not None and not self.nombre.text().strip():
            self.nombre.setText(self.actor.currentText())

    def datos(self):
        return sancion.DatosFirmante(
            rol=self.rol.currentData(), nombre=self.nombre.text().strip(), cargo=self.cargo.text().strip(),
            actor_id=self.actor.currentData(), requerida=self.requerida.isChecked(),
            fecha=self.fila.fecha if self.fila is not None else None)

    def guardar(self) -> bool:
        servicio = sancion
        datos, pid = self.datos(), self.plan_id
        try:
            if self.firmante_id is None:
                self.firmante_id = self.ctx.ejecutar(ComandoServicio(
                    self.ctx, _("Agregar la firma de «{nombre}»").format(nombre=datos.nombre or datos.rol), "plan",
                    hacer=lambda s: servicio.agregar_firmante(s, pid, datos),
                    deshacer=lambda s, fid: servicio.eliminar_firmante(s, fid),
                    rehacer=lambda s, copia: servicio.restaurar_firmante(s, copia)))
            else:
                fid = self.firmante_id
                self.ctx.ejecutar(ComandoServicio(
                    self.ctx, _("Corregir la firma de «{nombre}»").format(nombre=datos.nombre or datos.rol), "plan",
                    hacer=lambda s: servicio.actualizar_firmante(s, fid, datos),
                    deshacer=lambda s, anterior: servicio.actualizar_firmante(s, fid, anterior),
                    rehacer=lambda s, _a: servicio.actualizar_firmante(s, fid, datos)))
        except ErrorDeUsuario as exc:
            if not self.marcador.mostrar(exc):
                avisar_error(self, _("No se pudo guardar"), exc)
            return False
        return True

    def accept(self) -> None:
        if self.solo_lectura or self.guardar():
            super().accept()


class DialogoFirma(QDialog):
    """Registrar (o quitar) la fecha en que firmó un firmante."""

    def __init__(self, ctx: Contexto, fila, hoy: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.fila = ctx, fila
        self.setWindowTitle(_("Registrar firma"))
        self.setMinimumWidth(420)
        quien = QLabel(f"<b>{escape(fila.nombre or fila.rol_texto)}</b><br>"
                       f"<span style='color:{TEXTO_SECUNDARIO}'>{escape(fila.rol_texto)}"
                       + (f" · {escape(fila.cargo)}" if fila.cargo else "") + "</span>")
        quien.setWordWrap(True)
        self.fecha = CampoFecha(valor=fila.fecha or hoy)
        self.fecha.setMaximumWidth(180)
        self.error = QLabel()
        self.error.setObjectName("errorCampo")
        self.marcador = MarcadorErrores()
        self.marcador.registrar("fecha", self.fecha, self.error)
        formulario = QFormLayout()
        etiqueta = QLabel(_("&Fecha de la firma:"))
        etiqueta.setBuddy(self.fecha)
        formulario.addRow(etiqueta, self.fecha)
        formulario.addRow("", self.error)
        ayuda = texto_secundario(_("El día en que firmó el documento en papel. Deje la fecha vacía para quitar la "
                                   "firma registrada por error."), self)
        ayuda.setWordWrap(True)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Registrar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addWidget(quien)
        capa.addLayout(formulario)
        capa.addWidget(ayuda)
        capa.addWidget(botones)
        self.fecha.setFocus()

    def guardar(self) -> bool:
        servicio = sancion
        fid, nombre = self.fila.id, self.fila.nombre or self.fila.rol_texto
        try:
            try:
                fecha = self.fecha.fecha()
            except ValueError as exc:
                raise ErrorDeUsuario(str(exc), campo="fecha") from exc
            if fecha == self.fila.fecha:
                return True
            texto = (_("Registrar la firma de «{nombre}»") if fecha else _("Quitar la firma de «{nombre}»")).format(
                nombre=nombre)
            self.ctx.ejecutar(ComandoServicio(
                self.ctx, texto, "plan",
                hacer=lambda s: servicio.registrar_firma(s, fid, fecha),
                deshacer=lambda s, anterior: servicio.registrar_firma(s, fid, anterior),
                rehacer=lambda s, _a: servicio.registrar_firma(s, fid, fecha)))
        except ErrorDeUsuario as exc:
            if not self.marcador.mostrar(exc):
                avisar_error(self, _("No se pudo registrar la firma"), exc)
            return False
        return True

    def accept(self) -> None:
        if self.guardar():
            super().accept()


# -- impreso de una revisión ----------------------------------------------------------------------------------------
def trabajo_revision(expediente, municipio_id: int, plan_id: int, numero: int, destino: Path,
                     hoy: date | None) -> Callable[[Callable[[int, int], None]], Path]:
    """Lo que corre en el hilo: el PDF de la revisión congelada `numero` (sin marca de agua; queda registrado)."""

    def trabajo(avance) -> Path:
        from nucleo.exportar.pdf.documentos import exportar_pdf

        with expediente.sesion() as s:
            return exportar_pdf("plan", s, municipio_id, destino, None, hoy, id=plan_id, revision=numero,
                                progreso=avance)

    return trabajo


class ImpresoDeRevision(_ArchivoEnSegundoPlano):
    """«Imprimir revisión N…»: pide dónde guardar, arma el PDF en un hilo y ofrece abrirlo o imprimirlo."""

    def imprimir(self, plan_id: int, numero: int, territorio: str):
        propuesta = nombre_archivo(_("Plan de Acción"), territorio, _("revisión {n}").format(n=numero),
                                   self.municipio(), extension=".pdf")
        destino = self.pedir_destino(_("Imprimir la revisión {n} en PDF").format(n=numero), propuesta,
                                     _("Documento PDF (*.pdf)"))
        if destino is None:
            return None
        if destino.suffix.lower() != ".pdf":
            destino = destino.with_name(destino.name + ".pdf")
        return self._correr(trabajo_revision(self.ctx.expediente, self.ctx.municipio_id, plan_id, numero, destino,
                                             self._hoy_dado()),
                            _("Imprimir en PDF"), _("Armando «{archivo}»…").format(archivo=destino.name), destino,
                            self._impreso)

    def avisar_listo(self, ruta: Path, texto: str) -> QMessageBox:
        caja = super().avisar_listo(ruta, texto)
        from ui.impresion import imprimir_pdf, vista_previa_disponible

        if vista_previa_disponible():
            papel = caja.addButton(_("&Imprimir en papel…"), QMessageBox.ButtonRole.ActionRole)
            papel.clicked.connect(lambda: imprimir_pdf(ruta, self.pagina.window()))
        return caja


# -- el panel ---------------------------------------------------------------------------------------------------------
class PanelSancion(QWidget, SeleccionPorId):
    """La pestaña «Sanción»: franja de estado, firmas de la revisión vigente y revisiones sancionadas."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: date | Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: date | Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.datos = EstadoSancion()
        self.impreso: ImpresoDeRevision | None = None
        self.comparacion = None  # the last comparison dialog (tests look at it)
        self.tarea_papel = None  # the last «Imprimir en papel…» job
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    def _hoy(self) -> date:
        return self.hoy() if callable(self.hoy) else self.hoy

    # -- armado -----------------------------------------------------------------------------------------------
    _accion = nueva_accion

    def _crear_acciones(self) -> None:
        self.accion_agregar = self._accion(
            _("Agregar firmante…"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
            _("Agregar una firma a la revisión (Insert o Ctrl+Shift+N)"), self.nuevo,
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_editar = self._accion(_("Editar…"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                          _("Corregir el firmante elegido (Enter)"), self.editar)
        self.accion_quitar = self._accion(_("Quitar"), [QKeySequence.StandardKey.Delete],
                                          _("Quitar el firmante elegido (Supr)"), self.eliminar)
        self.accion_firma = self._accion(
            _("Registrar firma…"), ["Ctrl+R"], _("Anotar la fecha en que firmó el firmante elegido (Ctrl+R)"),
            self.registrar_firma, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_por_defecto = self._accion(
            _("Cargar las firmas de siempre"), [],
            _("Intendente, Concejo Municipal, Gobernador/a, Junta Departamental y las organizaciones de la "
              "comunidad del territorio"), self.firmas_por_defecto)
        self.accion_imprimir = self._accion(
            _("Imprimir revisión…"), [], _("Guardar en PDF la revisión sancionada elegida, sin marca de agua; "
                                            "queda registrada para verificarla después"), self.imprimir_revision)
        self.accion_papel = self._accion(
            _("Imprimir en papel…"), [], _("Vista previa e impresión en papel de la revisión elegida (queda "
                                           "registrada como emitida, igual que el PDF)"), self.imprimir_en_papel)
        self.accion_comparar = self._accion(
            _("Comparar…"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
            _("Ver qué cambió entre dos revisiones, o entre una revisión y el plan ahora (Enter)"), self.comparar)

    def _crear_vista(self) -> None:
        self.franja = QFrame(self)
        self.franja.setObjectName("franjaSancion")
        self.titulo_estado = QLabel(self.franja)
        self.titulo_estado.setWordWrap(True)
        self.titulo_estado.setFont(fuente_relativa(self.font(), 1.15, negrita=True))
        self.titulo_estado.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detalle_estado = QLabel(self.franja)
        self.detalle_estado.setWordWrap(True)
        self.boton_sancionar = QPushButton(_("&Sancionar el plan"), self.franja)
        self.boton_sancionar.clicked.connect(self.sancionar)
        self.boton_nueva = QPushButton(_("&Nueva revisión…"), self.franja)
        self.boton_nueva.clicked.connect(self.nueva_revision)
        textos = QVBoxLayout()
        textos.setSpacing(2)
        textos.addWidget(self.titulo_estado)
        textos.addWidget(self.detalle_estado)
        capa_franja = QHBoxLayout(self.franja)
        capa_franja.setContentsMargins(14, 10, 14, 10)
        capa_franja.setSpacing(12)
        capa_franja.addLayout(textos, 1)
        capa_franja.addWidget(self.boton_sancionar, 0, Qt.AlignmentFlag.AlignVCenter)
        capa_franja.addWidget(self.boton_nueva, 0, Qt.AlignmentFlag.AlignVCenter)

        self.divisor = QSplitter(Qt.Orientation.Vertical, self)
        self.divisor.setChildrenCollapsible(False)
        self.divisor.addWidget(self._crear_firmantes())
        self.divisor.addWidget(self._crear_revisiones())
        self.divisor.setStretchFactor(0, 3)
        self.divisor.setStretchFactor(1, 2)

        self.vacio = EstadoVacio(_("Elija un territorio con Plan de Acción para ver su sanción."))
        self.pila = QStackedWidget(self)
        self.pila.addWidget(self.divisor)
        self.pila.addWidget(self.vacio)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addWidget(self.franja)
        capa.addWidget(self.pila, 1)
        self.setFocusProxy(self.tabla)

    def _tabla(self, modelo, nombre: str) -> QTableView:
        tabla = tabla_de_registros(modelo, self)
        tabla.setAccessibleName(nombre)
        return tabla

    def _titulo_seccion(self, texto: str) -> QLabel:
        etiqueta = QLabel(texto)
        etiqueta.setFont(fuente_relativa(self.font(), 1.0, negrita=True))
        return etiqueta

    def _crear_firmantes(self) -> QWidget:
        barra = QToolBar(_("Firmas"), self)
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.titulo_firmas = self._titulo_seccion(_("Firmas"))
        barra.addWidget(self.titulo_firmas)
        barra.addSeparator()
        for a in (self.accion_agregar, self.accion_editar, self.accion_quitar):
            barra.addAction(a)
        barra.addSeparator()
        barra.addAction(self.accion_firma)
        self.modelo = ModeloTabla(columnas_firmantes(), self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self.tabla = self._tabla(self.proxy, _("Firmas de la revisión"))
        self.tabla.setSortingEnabled(False)  # the order of the signature page
        for a in (self.accion_editar, self.accion_quitar, self.accion_firma):
            self.tabla.addAction(a)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())

        self.sin_firmantes = EstadoVacio(
            _("Todavía no hay firmas para esta revisión"),
            _("El plan lo sancionan el Intendente Municipal y el Concejo Municipal, el Gobernador/a y la Junta "
              "Departamental, y las organizaciones de la comunidad del territorio."),
            _("Cargar las firmas de siempre"), self)
        self.sin_firmantes.boton.clicked.connect(self.firmas_por_defecto)
        self.boton_otra_firma = self.sin_firmantes.agregar_boton(_("Agregar firmante…"))
        self.boton_otra_firma.clicked.connect(self.nuevo)
        self.pila_firmas = QStackedWidget(self)
        self.pila_firmas.addWidget(self.tabla)
        self.pila_firmas.addWidget(self.sin_firmantes)
        self.resumen_firmas = texto_secundario("", self)
        self.resumen_firmas.setWordWrap(True)

        caja = QWidget(self)
        caja.addAction(self.accion_agregar)
        caja.addAction(self.accion_firma)
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 4, 0, 0)
        capa.addWidget(barra)
        capa.addWidget(self.pila_firmas, 1)
        capa.addWidget(self.resumen_firmas)
        return caja

    def _crear_revisiones(self) -> QWidget:
        barra = QToolBar(_("Revisiones"), self)
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        barra.addWidget(self._titulo_seccion(_("Revisiones sancionadas")))
        barra.addSeparator()
        barra.addAction(self.accion_imprimir)
        barra.addAction(self.accion_papel)
        barra.addAction(self.accion_comparar)
        self.modelo_revisiones = ModeloTabla(columnas_revisiones(), self)
        self.tabla_revisiones = self._tabla(self.modelo_revisiones, _("Revisiones sancionadas del plan"))
        self.tabla_revisiones.horizontalHeader().setStretchLastSection(True)
        self.tabla_revisiones.addAction(self.accion_imprimir)
        self.tabla_revisiones.addAction(self.accion_comparar)
        self.tabla_revisiones.doubleClicked.connect(lambda _i: self.comparar())
        self.tabla_revisiones.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())
        self.sin_revisiones = texto_secundario("", self)
        self.sin_revisiones.setWordWrap(True)
        self.sin_revisiones.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pila_revisiones = QStackedWidget(self)
        self.pila_revisiones.addWidget(self.tabla_revisiones)
        self.pila_revisiones.addWidget(self.sin_revisiones)

        caja = QWidget(self)
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addWidget(barra)
        capa.addWidget(self.pila_revisiones, 1)
        return caja

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        if plan_id == self.plan_id and self.modelo.rowCount():
            return
        self.plan_id = plan_id
        self.recargar(elegir_primero=True)

    def recargar(self, elegir_primero: bool = False) -> None:
        """Vuelve a leer firmas y revisiones; conserva el firmante y la revisión elegidos."""
        elegido, fila_vista = (None, 0) if elegir_primero else (self.firmante_actual(),
                                                                 self.tabla.currentIndex().row())
        revision = None if elegir_primero else self.revision_actual()
        pid = self.plan_id
        self.datos = (self.ctx.leer(lambda s: sancion.estado_de_sancion(s, pid)) if pid is not None
                      else EstadoSancion())
        self.modelo.cargar(self.datos.firmantes)
        self.modelo_revisiones.cargar(list(reversed(self.datos.revisiones)))  # the newest first
        self._ajustar_columnas()
        perdido = elegido is None or not self.seleccionar(elegido)
        if perdido and self.proxy.rowCount() and fila_vista >= 0:
            elegir_fila(self.tabla, self.proxy, min(max(fila_vista, 0), self.proxy.rowCount() - 1))
        n = self.modelo_revisiones.buscar_id(revision) if revision is not None else -1
        if self.modelo_revisiones.rowCount():
            self.tabla_revisiones.selectRow(max(n, 0))
        self._actualizar()

    def _ajustar_columnas(self) -> None:
        cab = self.tabla.horizontalHeader()
        if self.modelo.rowCount():
            cab.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.tabla.resizeColumnsToContents()
            cab.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            cab.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if self.modelo_revisiones.rowCount():
            self.tabla_revisiones.resizeColumnsToContents()

    def _al_cambiar(self, que) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que) and self.plan_id is not None:
            self.recargar()

    # -- selección --------------------------------------------------------------------------------------------
    firmante_actual = SeleccionPorId.id_actual

    def revision_actual(self) -> int | None:
        return id_elegido(self.tabla_revisiones)

    def fila_revision(self):
        rid = self.revision_actual()
        n = self.modelo_revisiones.buscar_id(rid) if rid is not None else -1
        return self.modelo_revisiones.fila(n) if n >= 0 else None

    # -- permisos ---------------------------------------------------------------------------------------------
    def firmas_editables(self) -> bool:
        """Las firmas se cargan mientras la revisión no está sancionada (borrador o en revisión)."""
        return not self.ctx.solo_lectura and self.plan_id is not None and self.datos.estado in ESTADOS_EDITABLES

    def puede_sancionar(self) -> bool:
        return (not self.ctx.solo_lectura and self.plan_id is not None and self.datos.estado == "en_revision"
                and bool(self.datos.firmantes) and not self.datos.faltan)

    def puede_nueva_revision(self) -> bool:
        return (not self.ctx.solo_lectura and self.plan_id is not None
                and self.datos.estado in ("sancionado", "en_ejecucion"))

    # -- presentación -----------------------------------------------------------------------------------------
    def texto_estado(self) -> tuple[str, str, str]:
        """(título, detalle, color) de la franja."""
        d = self.datos
        rev = formato.entero(d.revision)
        faltan = len(d.faltan)
        if d.estado == "borrador":
            return (_("Borrador, revisión {n}: todavía no se recogen las firmas").format(n=rev),
                    _("Cuando el plan esté listo, páselo a «En revisión» (en la cabecera de la página) para "
                      "recoger las firmas. Ya puede preparar aquí la lista de firmantes."), GRIS)
        if d.estado == "en_revision":
            if not d.firmantes:
                return (_("En revisión: falta la lista de firmantes"),
                        _("Cargue las firmas que el plan necesita; cuando estén todas las requeridas, sanciónelo."),
                        AMBAR)
            if faltan:
                return (n_("En revisión: falta {n} firma requerida: {quienes}",
                           "En revisión: faltan {n} firmas requeridas: {quienes}", faltan).format(
                    n=formato.entero(faltan), quienes=lista_de_nombres(d.faltan)),
                    _("Anote cada firma con «Registrar firma…» a medida que llegan."), AMBAR)
            return (_("En revisión: están todas las firmas requeridas"),
                    _("Ya puede sancionar el plan: su contenido quedará congelado como la revisión {n}.").format(n=rev),
                    AZUL)
        actual = d.revision_actual()
        if d.estado in ("sancionado", "en_ejecucion", "cerrado") and actual is not None:
            titulo = _("Sancionado el {fecha}, revisión {n}, huella {huella}").format(
                fecha=formato.fecha(actual.sancionado_en), n=rev, huella=actual.huella_corta)
            if d.estado == "sancionado":
                detalle = _("El contenido está congelado. Para cambiarlo, abra una nueva revisión (volverá a "
                            "borrador y habrá que sancionarla otra vez).")
            else:
                detalle = _("{estado}: se registra el seguimiento sobre la revisión {n} sancionada.").format(
                    estado=etiqueta_estado(d.estado), n=rev)
            if not actual.integra:
                return (titulo, _("¡Atención! El contenido guardado ya no coincide con su huella: fue alterado "
                                  "fuera de Articula."), ROJO)
            return titulo, detalle, VERDE
        if d.estado:
            return (etiqueta_estado(d.estado) + " · " + _("revisión {n}").format(n=rev),
                    _("Esta revisión no tiene una sanción registrada."), GRIS)
        return "", "", GRIS

    def _actualizar(self) -> None:
        hay_plan = self.plan_id is not None and bool(self.datos.estado)
        self.pila.setCurrentIndex(0 if hay_plan else 1)
        self.franja.setVisible(hay_plan)
        titulo, detalle, color = self.texto_estado()
        self.titulo_estado.setText(titulo)
        self.titulo_estado.setStyleSheet(f"color: {color};")
        self.detalle_estado.setText(detalle)
        self.franja.setStyleSheet(f"QFrame#franjaSancion {{ background: {FONDOS[color]}; border: 1px solid "
                                  f"{color if color != GRIS else BORDE}; border-left: 5px solid {color}; "
                                  f"border-radius: 6px; }} QFrame#franjaSancion QLabel {{ background: transparent; }}")
        self.franja.setAccessibleName(titulo)
        self.titulo_firmas.setText(_("Firmas de la revisión {n}").format(n=formato.entero(self.datos.revision))
                                   if hay_plan else _("Firmas"))
        self.pila_firmas.setCurrentIndex(0 if self.datos.firmantes else 1)
        self._resumen_firmas()
        if self.datos.revisiones:
            self.pila_revisiones.setCurrentIndex(0)
        else:
            self.pila_revisiones.setCurrentIndex(1)
            self.sin_revisiones.setText(_(
                "Este plan todavía no tiene revisiones sancionadas. Al sancionarlo, su contenido completo queda "
                "congelado aquí, con su huella, para imprimirlo y verificarlo."))
        self._actualizar_acciones()

    def _resumen_firmas(self) -> None:
        f = self.datos.firmantes
        if not f:
            self.resumen_firmas.setText("")
            return
        firmadas = sum(1 for x in f if x.fecha is not None)
        requeridas = sum(1 for x in f if x.requerida)
        texto = _("{firmadas} de {total} firmas registradas · {requeridas} requeridas").format(
            firmadas=formato.entero(firmadas), total=formato.entero(len(f)), requeridas=formato.entero(requeridas))
        if not self.firmas_editables() and self.datos.estado:
            texto += " · " + (_("El expediente está abierto solo para lectura.") if self.ctx.solo_lectura
                              else _("Las firmas de una revisión sancionada ya no se modifican."))
        self.resumen_firmas.setText(texto)

    def _actualizar_acciones(self) -> None:
        editable = self.firmas_editables()
        hay = self.firmante_actual() is not None
        self.accion_agregar.setEnabled(editable)
        self.accion_editar.setEnabled(hay)
        self.accion_editar.setText(_("Editar…") if editable else _("Ver…"))
        self.accion_quitar.setEnabled(hay and editable)
        self.accion_firma.setEnabled(hay and editable)
        self.accion_por_defecto.setEnabled(editable)
        self.sin_firmantes.boton.setEnabled(editable)
        self.boton_otra_firma.setEnabled(editable)

        self.boton_sancionar.setVisible(self.datos.estado in ("borrador", "en_revision"))
        self.boton_sancionar.setEnabled(self.puede_sancionar())
        if self.ctx.solo_lectura:
            motivo = _("El expediente está abierto solo para lectura.")
        elif self.datos.estado != "en_revision":
            motivo = _("Solo se sanciona un plan «En revisión».")
        elif not self.datos.firmantes:
            motivo = _("Cargue primero las firmas.")
        elif self.datos.faltan:
            motivo = _("Faltan firmas requeridas: {quienes}.").format(quienes=lista_de_nombres(self.datos.faltan))
        else:
            motivo = _("Congelar el contenido del plan como la revisión {n}, con su huella.").format(
                n=formato.entero(self.datos.revision))
        self.boton_sancionar.setToolTip(motivo)
        self.boton_nueva.setVisible(self.datos.estado in ("sancionado", "en_ejecucion"))
        self.boton_nueva.setEnabled(self.puede_nueva_revision())
        self.boton_nueva.setToolTip(_("Abrir la revisión {n} para cambiar el plan; la {m} queda como está.").format(
            n=formato.entero(self.datos.revision + 1), m=formato.entero(self.datos.revision)))

        r = self.fila_revision()
        # Printing a revision registers the emission (a write): not in a read-only expediente.
        self.accion_imprimir.setEnabled(r is not None and not self.ctx.solo_lectura)
        if self.ctx.solo_lectura:
            self.accion_imprimir.setToolTip(_("El expediente está abierto solo para lectura: cada impreso de una "
                                              "revisión queda registrado, y aquí no se puede registrar."))
        self.accion_imprimir.setText(_("Imprimir revisión {n} (PDF)…").format(n=formato.entero(r.numero)) if r
                                     else _("Imprimir revisión…"))
        self.accion_papel.setEnabled(self.accion_imprimir.isEnabled())
        self.accion_papel.setToolTip(self.accion_imprimir.toolTip() if self.ctx.solo_lectura else _(
            "Vista previa e impresión en papel de la revisión elegida (queda registrada como emitida)"))
        self.accion_comparar.setEnabled(r is not None)

    # -- órdenes ----------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        self.tabla.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def nuevo(self) -> int | None:
        if not self.firmas_editables() or self.plan_id is None:
            return None
        dialogo = DialogoFirmante(self.ctx, self.plan_id, None, self)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.firmante_id is not None:
            self.seleccionar(dialogo.firmante_id)
            return dialogo.firmante_id
        return None

    def editar(self) -> None:
        f = self.fila_actual()
        if f is None or self.plan_id is None:
            return
        dialogo = DialogoFirmante(self.ctx, self.plan_id, f, self, solo_lectura=not self.firmas_editables())
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self.seleccionar(f.id)

    def registrar_firma(self) -> bool:
        f = self.fila_actual()
        if f is None or not self.firmas_editables():
            return False
        dialogo = DialogoFirma(self.ctx, f, self._hoy(), self)
        hecho = dialogo.exec() == QDialog.DialogCode.Accepted
        if hecho:
            self.seleccionar(f.id)
        return hecho

    def confirmar(self, titulo: str, texto: str, si: str, destructivo: bool = False) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Warning if destructivo else QMessageBox.Icon.Question, titulo, texto,
                           parent=self)
        boton_si = caja.addButton(si, QMessageBox.ButtonRole.DestructiveRole if destructivo
                                  else QMessageBox.ButtonRole.AcceptRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.exec()
        return caja.clickedButton() is boton_si

    def eliminar(self) -> bool:
        f = self.fila_actual()
        if f is None or not self.firmas_editables():
            return False
        nombre = f.nombre or f.rol_texto
        texto = _("¿Quitar la firma de «{nombre}» ({rol}) de esta revisión?").format(nombre=nombre, rol=f.rol_texto)
        if f.fecha is not None:
            texto += "\n\n" + _("Ya firmó el {fecha}.").format(fecha=formato.fecha(f.fecha))
        if not self.confirmar(_("Quitar firmante"), texto + "\n\n" + _("Puede deshacerlo con Ctrl+Z."),
                              _("Quitar"), destructivo=True):
            return False
        servicio, fid = sancion, f.id
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Quitar la firma de «{nombre}»").format(nombre=nombre), "plan",
            hacer=lambda s: servicio.eliminar_firmante(s, fid),
            deshacer=lambda s, copia: servicio.restaurar_firmante(s, copia),
            rehacer=lambda s, _i: servicio.eliminar_firmante(s, fid)),
            _("Firmante quitado. Ctrl+Z lo restaura."), _("No se pudo quitar"))

    def firmas_por_defecto(self) -> bool:
        """Carga las firmas de siempre (Intendente, Concejo, Gobernador/a, Junta y organizaciones)."""
        if not self.firmas_editables() or self.plan_id is None or self.datos.firmantes:
            return False
        servicio, pid = sancion, self.plan_id

        def deshacer(s, ids: list[int]) -> list:
            return [servicio.eliminar_firmante(s, fid) for fid in ids]

        def rehacer(s, copias: list) -> list[int]:
            return [servicio.restaurar_firmante(s, c) for c in copias]

        return self._ejecutar(ComandoServicio(
            self.ctx, _("Cargar las firmas del plan"), "plan",
            hacer=lambda s: servicio.firmantes_por_defecto(s, pid), deshacer=deshacer, rehacer=rehacer),
            _("Se cargaron las firmas del plan."), _("No se pudieron cargar las firmas"))

    def sancionar(self) -> bool:
        if not self.puede_sancionar() or self.plan_id is None:
            return False
        n = formato.entero(self.datos.revision)
        texto = _("¿Sancionar el Plan de Acción de {territorio}?\n\n"
                  "Su contenido completo (textos, actividades, fechas, presupuesto, riesgos e indicadores) quedará "
                  "congelado como la revisión {n}, con su huella digital. Desde entonces no se modifica: para "
                  "cambiarlo habrá que abrir una nueva revisión y sancionarla otra vez.\n\n"
                  "Puede deshacerlo con Ctrl+Z mientras no se haya impreso esa revisión.").format(
            territorio=self.datos.territorio or _("este territorio"), n=n)
        if not self.confirmar(_("Sancionar el plan"), texto, _("&Sancionar")):
            return False
        servicio, pid, hoy = sancion, self.plan_id, self._hoy()
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Sancionar el plan (revisión {n})").format(n=n), "plan",
            hacer=lambda s: servicio.sancionar(s, pid, hoy),
            deshacer=lambda s, _r: servicio.deshacer_sancion(s, pid),
            rehacer=lambda s, _r: servicio.sancionar(s, pid, hoy)),
            _("Plan sancionado: revisión {n} congelada.").format(n=n), _("No se pudo sancionar"))

    def nueva_revision(self) -> bool:
        if not self.puede_nueva_revision() or self.plan_id is None:
            return False
        n, m = formato.entero(self.datos.revision + 1), formato.entero(self.datos.revision)
        texto = _("¿Abrir la revisión {n} del plan?\n\n"
                  "El plan vuelve a «Borrador» para cambiarlo y habrá que sancionarlo otra vez; las firmas se "
                  "copian sin fecha. La revisión {m} sancionada queda como está: se puede leer, imprimir y "
                  "comparar.\n\nPuede deshacerlo con Ctrl+Z.").format(n=n, m=m)
        if not self.confirmar(_("Nueva revisión"), texto, _("&Abrir la revisión {n}").format(n=n)):
            return False
        servicio, pid = sancion, self.plan_id
        return self._ejecutar(ComandoServicio(
            self.ctx, _("Abrir la revisión {n} del plan").format(n=n), "plan",
            hacer=lambda s: servicio.nueva_revision(s, pid),
            deshacer=lambda s, _r: servicio.deshacer_nueva_revision(s, pid),
            rehacer=lambda s, _r: servicio.nueva_revision(s, pid)),
            _("Revisión {n} abierta: el plan está en borrador.").format(n=n), _("No se pudo abrir la revisión"))

    def imprimir_revision(self):
        r = self.fila_revision()
        if r is None or self.plan_id is None:
            return None
        if self.impreso is None:
            self.impreso = ImpresoDeRevision(self.ctx, self, self.hoy)
        return self.impreso.imprimir(self.plan_id, r.numero, self.datos.territorio)

    def impreso_actual(self) -> dict | None:
        """Lo que Archivo > Imprimir… (Ctrl+P) imprime desde esta pestaña: la revisión sancionada elegida."""
        r = self.fila_revision()
        if r is None or self.plan_id is None or self.ctx.solo_lectura:
            return None
        return {"tabla": "plan", "vista": None, "id": self.plan_id, "revision": r.numero,
                "nombre": nombre_archivo(_("Plan de Acción"), self.datos.territorio,
                                         _("revisión {n}").format(n=r.numero), extension="")}

    def imprimir_en_papel(self):
        """Arma el PDF de la revisión elegida (registrado) y abre la vista previa para imprimirlo en papel."""
        impreso = self.impreso_actual()
        if impreso is None:
            return None
        from ui.impresion import imprimir_impreso

        self.tarea_papel = imprimir_impreso(self.ctx, self, hoy=self._hoy(), **impreso)
        return self.tarea_papel

    def comparar(self, b: int | None = None):
        """Abre la comparación: la revisión elegida contra la siguiente, o contra el plan ahora si es la última."""
        r = self.fila_revision()
        if r is None or self.plan_id is None:
            return None
        from ui.dialogos.comparar_revisiones import DialogoComparar

        numeros = sorted(x.numero for x in self.datos.revisiones)
        if b is None:
            posteriores = [x for x in numeros if x > r.numero]
            b = posteriores[0] if posteriores else 0
        self.comparacion = DialogoComparar(self.ctx, self.plan_id, self.datos.revisiones, r.numero, b, self,
                                          hoy=self._hoy())
        self.comparacion.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.comparacion.destroyed.connect(lambda *_a: setattr(self, "comparacion", None))
        self.comparacion.open()
        return self.comparacion

    _ejecutar = ejecutar_con_aviso

