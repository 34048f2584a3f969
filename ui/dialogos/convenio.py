"""Ficha de un convenio: datos, partes con sus obligaciones y documentos (el escaneo firmado).

Un convenio firmado se abre para leer (sus datos y partes no cambian: el servicio lo rechaza y la ficha ni lo
ofrece), pero la pestaña «Documentos» sigue permitiendo adjuntar el escaneo: para eso se firma.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.convenio import TIPOS_CONVENIO
from nucleo.servicios.convenios import (
    DatosConvenio,
    DatosParte,
    actores_para_elegir,
    actualizar_convenio,
    adjuntar_documento_convenio,
    crear_convenio,
    deshacer_firma,
    eliminar_convenio,
    eliminar_documento_convenio,
    ficha_convenio,
    firmar,
    listar_documentos_convenio,
    restaurar_convenio,
    restaurar_documento_convenio,
    sugerir_firmante,
    territorios_para_elegir,
)
from nucleo.servicios.municipio import obtener_municipio
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor_simple import con_error
from ui.dialogos.formulario_pestanas import DialogoFormulario, etiqueta_ayuda
from ui.estilo import AVISO_BORDE, AVISO_FONDO, AVISO_TEXTO, ERROR
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.combo_busqueda import ComboBuscable
from ui.widgets.documentos import FuenteDocumentos, PanelDocumentos
from ui.widgets.formulario import ESTILO_ERROR

DATOS, PARTES, DOCUMENTOS = range(3)
CAMPOS_PARTE = ("actor_id", "representante", "cargo", "obligaciones")


def fuente_convenios() -> FuenteDocumentos:
    """Los documentos de un convenio para el panel de documentos ({codigo} es el título del convenio)."""
    return FuenteDocumentos(
        listar_documentos_convenio, adjuntar_documento_convenio, eliminar_documento_convenio,
        restaurar_documento_convenio,
        titulo=_("Escaneo firmado y otros documentos"),
        vacio=_("Sin documentos todavía.\nUna vez firmado, adjunte aquí el escaneo del convenio con las firmas "
                "(PDF o imagen)."),
        vacio_lectura=_("Sin documentos adjuntos."),
        ayuda_quitar=_("Quitar el documento del convenio (Supr; Ctrl+Z deshace)"),
        dialogo_adjuntar=_("Adjuntar documentos al convenio «{codigo}»"),
        adjuntar_uno=_("Adjuntar «{nombre}» al convenio «{codigo}»"),
        adjuntar_varios=_("Adjuntar {n} documentos al convenio «{codigo}»"),
        adjuntados=lambda n: n_("Se adjuntó {n} documento al convenio «{codigo}».",
                                "Se adjuntaron {n} documentos al convenio «{codigo}».", n),
        pregunta_quitar_uno=_("¿Quitar «{nombre}» del convenio «{codigo}»?"),
        quitar_uno=_("Quitar «{nombre}» del convenio «{codigo}»"),
        pregunta_quitar_varios=_("¿Quitar {n} documentos del convenio «{codigo}»?"),
        quitar_varios=_("Quitar {n} documentos del convenio «{codigo}»"),
    )


def _texto_largo(alto: int, ayuda: str = "") -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(alto)
    editor.setPlaceholderText(ayuda)
    return editor


def aviso_firmado(texto: str) -> QLabel:
    etiqueta = QLabel(texto)
    etiqueta.setWordWrap(True)
    etiqueta.setObjectName("avisoFirmado")
    etiqueta.setStyleSheet(f"background: {AVISO_FONDO}; color: {AVISO_TEXTO}; border: 1px solid {AVISO_BORDE}; "
                           "border-radius: 4px; padding: 6px 10px;")
    return etiqueta


class DialogoConvenio(DialogoFormulario):
    """`DialogoConvenio(ctx)` crea; `DialogoConvenio(ctx, id)` edita (o muestra, si está firmado).

    Tras aceptar, `convenio_id` es el id del convenio guardado.
    """

    def __init__(self, ctx: Contexto, convenio_id: int | None = None, parent: QWidget | None = None,
                 territorio_id: int | None = None):
        ficha = ctx.leer(lambda s: ficha_convenio(s, convenio_id)) if convenio_id is not None else None
        self.firmado = bool(ficha and ficha.firmado)
        super().__init__(ctx, parent, solo_lectura=self.firmado)
        self.convenio_id = convenio_id
        self.ficha = ficha
        self._partes: list[DatosParte] = []
        self._cargando = False
        self.setMinimumSize(760, 580)
        self.resize(860, 660)

        self.agregar_pestana(self._pestana_datos(), _("&Datos"))
        self.agregar_pestana(self._pestana_partes(), _("&Partes y obligaciones"))
        self.agregar_pestana(self._pestana_documentos(), _("D&ocumentos"))
        self.armar()

        self._cargar_opciones()
        if ficha is not None:
            self.fijar(ficha.datos)
        else:
            municipio = ctx.leer(lambda s: obtener_municipio(s, ctx.municipio_id).nombre)
            self.fijar(DatosConvenio(lugar=municipio, territorio_id=territorio_id))
        if self.solo_lectura:
            self._bloquear()
        self._actualizar_titulo()
        self.ctx.cambiado.connect(self._al_cambiar)
        self.titulo.setFocus()

    # -- armado ---------------------------------------------------------------------------------------------
    def _pestana_datos(self) -> QWidget:
        self.tipo = QComboBox()
        for clave, texto in TIPOS_CONVENIO.items():
            self.tipo.addItem(traducir(texto), clave)
        self.tipo.setMaximumWidth(340)
        self.titulo = QLineEdit()
        self.titulo.setPlaceholderText(_("Por ejemplo: Compromiso de trabajo para el desarrollo de la Compañía Cerrito"))
        self.titulo.textChanged.connect(lambda _t: self._actualizar_titulo())
        self.territorio = ComboBuscable()
        self.territorio.setMaximumWidth(340)
        self.objeto = _texto_largo(90, _("establecer las bases del trabajo conjunto para…"))
        self.objeto.setMaximumHeight(150)
        self.lugar = QLineEdit()
        self.lugar.setMaximumWidth(340)
        self.fecha_inicio = CampoFecha()
        self.fecha_fin = CampoFecha()
        for campo in (self.fecha_inicio, self.fecha_fin):
            campo.setMaximumWidth(170)
        self.notas = _texto_largo(60, _("Notas internas: no se imprimen"))
        self.notas.setMaximumHeight(100)

        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        if self.firmado:
            capa.addWidget(aviso_firmado(_(
                "Firmado el {fecha}. Un convenio firmado no se modifica ni se elimina: queda tal como se firmó. "
                "En la pestaña «Documentos» puede adjuntar el escaneo con las firmas.").format(
                fecha=formato.fecha(self.ficha.fecha_firma))))
        f = self._formulario()
        self._campo(f, DATOS, "tipo", _("&Tipo:"), self.tipo,
                    ayuda=_("Define la plantilla con la que se imprime (recursos/plantillas/convenios)."))
        self._campo(f, DATOS, "titulo", _("Tít&ulo:"), self.titulo)
        self._campo(f, DATOS, "territorio_id", _("Te&rritorio:"), self.territorio,
                    ayuda=_("La comunidad territorial del convenio; déjelo en «Todo el distrito» si no es de una."))
        self._campo(f, DATOS, "objeto", _("&Objeto:"), self.objeto,
                    ayuda=_("Qué se acuerda. Se imprime a continuación de «… tiene por objeto:», por eso conviene "
                            "empezar con minúscula y un verbo («establecer…», «coordinar…»)."))
        self._campo(f, DATOS, "lugar", _("&Lugar de firma:"), self.lugar)
        fechas = QWidget()
        capa_fechas = QHBoxLayout(fechas)
        capa_fechas.setContentsMargins(0, 0, 0, 0)
        caja_inicio, error_inicio = con_error(self.fecha_inicio)
        caja_fin, error_fin = con_error(self.fecha_fin)
        etiqueta_fin = QLabel(_("&hasta:"))
        etiqueta_fin.setContentsMargins(6, 4, 0, 0)  # on the fields' text line, not above it
        etiqueta_fin.setBuddy(self.fecha_fin)
        capa_fechas.addWidget(caja_inicio)
        capa_fechas.addWidget(etiqueta_fin, 0, Qt.AlignmentFlag.AlignTop)
        capa_fechas.addWidget(caja_fin)
        capa_fechas.addStretch(1)
        f.addRow(_("&Vigencia desde:"), fechas)
        f.labelForField(fechas).setBuddy(self.fecha_inicio)
        self.registrar_campo("fecha_inicio", self.fecha_inicio, error_inicio, DATOS)
        self.registrar_campo("fecha_fin", self.fecha_fin, error_fin, DATOS)
        self._campo(f, DATOS, "notas", _("&Notas:"), self.notas)
        self.estado = QLabel()
        f.addRow(_("Estado:"), self.estado)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _pestana_partes(self) -> QWidget:
        pagina = QWidget()
        capa = QHBoxLayout(pagina)

        izquierda = QVBoxLayout()
        izquierda.addWidget(QLabel(_("Partes, en el orden en que firman:")))
        self.lista_partes = QListWidget()
        self.lista_partes.setAccessibleName(_("Partes del convenio"))
        self.lista_partes.setMinimumWidth(250)
        self.lista_partes.setObjectName("listaPartes")
        self.setStyleSheet("QListWidget#listaPartes::item { padding: 4px 2px; }")
        self.lista_partes.currentRowChanged.connect(self._parte_elegida)
        caja, self.error_partes = con_error(self.lista_partes)
        self.error_partes.setStyleSheet(f"color: {ERROR};")
        self.error_partes.setWordWrap(True)
        self.registrar_campo("partes", self.lista_partes, self.error_partes, PARTES)
        izquierda.addWidget(caja, 1)
        botones = QGridLayout()
        self.boton_agregar = QPushButton(_("&Agregar parte"))
        self.boton_agregar.setToolTip(_("Agregar una institución u organización que firma (Insert)"))
        self.boton_quitar = QPushButton(_("&Quitar"))
        self.boton_subir = QPushButton(_("Su&bir"))
        self.boton_subir.setToolTip(_("Firmar antes (Alt+Arriba)"))
        self.boton_bajar = QPushButton(_("Ba&jar"))
        self.boton_bajar.setToolTip(_("Firmar después (Alt+Abajo)"))
        botones.addWidget(self.boton_agregar, 0, 0)
        botones.addWidget(self.boton_quitar, 0, 1)
        botones.addWidget(self.boton_subir, 1, 0)
        botones.addWidget(self.boton_bajar, 1, 1)
        izquierda.addLayout(botones)
        self.boton_agregar.clicked.connect(self.agregar_parte)
        self.boton_quitar.clicked.connect(self.quitar_parte)
        self.boton_subir.clicked.connect(lambda: self.mover_parte(-1))
        self.boton_bajar.clicked.connect(lambda: self.mover_parte(1))
        # Keyboard: Insert anywhere on this tab adds a party; Supr and Alt+arrows act on the list.
        for atajo, slot, donde in (("Ins", self.agregar_parte, pagina), ("Del", self.quitar_parte, self.lista_partes),
                                   ("Alt+Up", lambda: self.mover_parte(-1), self.lista_partes),
                                   ("Alt+Down", lambda: self.mover_parte(1), self.lista_partes)):
            accion = QAction(donde)
            accion.setShortcut(QKeySequence(atajo))
            accion.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            accion.triggered.connect(lambda _c=False, f=slot: f())
            donde.addAction(accion)
        capa.addLayout(izquierda, 2)

        self.editor_parte = QWidget()
        f = self._formulario()
        self.actor = ComboBuscable()
        self.actor.setMinimumContentsLength(26)
        self.actor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.actor.currentIndexChanged.connect(self._actor_cambiado)
        self.representante = QLineEdit()
        self.representante.setPlaceholderText(_("Nombre de quien firma por esta parte"))
        self.cargo = QLineEdit()
        self.cargo.setPlaceholderText(_("Por ejemplo: Intendente Municipal, Presidenta"))
        self.obligaciones = _texto_largo(150, _("Una obligación por renglón, por ejemplo:\nConvocar a las familias a "
                                                "las asambleas.\nFacilitar el local para las reuniones."))
        self.obligaciones.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.representante.textEdited.connect(lambda t: self._editar_parte(representante=t))
        self.cargo.textEdited.connect(lambda t: self._editar_parte(cargo=t))
        self.obligaciones.textChanged.connect(lambda: self._editar_parte(
            obligaciones=self.obligaciones.toPlainText()))
        self._errores_parte: dict[str, QLabel] = {}
        for campo, etiqueta, widget, ayuda in (
                ("actor_id", _("Ac&tor:"), self.actor,
                 _("La institución u organización que firma (de la matriz de actores).")),
                ("representante", _("Quién &firma:"), self.representante,
                 _("Se propone al elegir el actor; corríjalo si firma otra persona.")),
                ("cargo", _("Car&go:"), self.cargo, ""),
                ("obligaciones", _("O&bligaciones:"), self.obligaciones,
                 _("Se imprimen como una lista, una viñeta por renglón."))):
            caja_campo, error = con_error(widget, etiqueta_ayuda(ayuda) if ayuda else None)
            error.setStyleSheet(f"color: {ERROR};")
            error.setWordWrap(True)
            error.hide()
            self._errores_parte[campo] = error
            f.addRow(etiqueta, caja_campo)
            f.labelForField(caja_campo).setBuddy(widget)
        self.editor_parte.setLayout(f)
        self.sin_partes = etiqueta_ayuda(_("Agregue las partes que firman: la Municipalidad, la organización de la "
                                           "comunidad y las instituciones que asumen obligaciones."))
        derecha = QVBoxLayout()
        derecha.addWidget(self.editor_parte, 1)
        derecha.addWidget(self.sin_partes)
        capa.addLayout(derecha, 3)
        return pagina

    def _pestana_documentos(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        self.documentos = PanelDocumentos(self.ctx, pagina, fuente=fuente_convenios())
        self.sin_documentos = etiqueta_ayuda(_("Guarde el convenio para poder adjuntarle documentos."))
        capa.addWidget(self.sin_documentos)
        capa.addWidget(self.documentos, 1)
        return pagina

    # -- datos ------------------------------------------------------------------------------------------------
    def _cargar_opciones(self) -> None:
        mid = self.ctx.municipio_id
        territorios, actores = self.ctx.leer(lambda s: (territorios_para_elegir(s, mid), actores_para_elegir(s, mid)))
        self.territorio.addItem(_("— Todo el distrito —"), None)
        for ident, nombre in territorios:
            self.territorio.addItem(nombre, ident)
        self.actor.addItem(_("— Elija el actor —"), None)
        for ident, nombre in actores:
            self.actor.addItem(nombre, ident)

    def fijar(self, d: DatosConvenio) -> None:
        self.tipo.setCurrentIndex(max(0, self.tipo.findData(d.tipo)))
        self.titulo.setText(d.titulo)
        i = self.territorio.findData(d.territorio_id)
        if i < 0 and d.territorio_id is not None:
            i = 0
        self.territorio.setCurrentIndex(max(0, i))
        self.objeto.setPlainText(d.objeto)
        self.lugar.setText(d.lugar)
        self.fecha_inicio.fijar(d.fecha_inicio)
        self.fecha_fin.fijar(d.fecha_fin)
        self.notas.setPlainText(d.notas)
        self._partes = list(d.partes)
        self._cargar_lista(0 if self._partes else -1)
        if self.ficha is not None:
            texto = self.ficha.estado_texto
            if self.firmado:
                texto = _("Firmado el {fecha}").format(fecha=formato.fecha(self.ficha.fecha_firma))
            self.estado.setText(texto)
        else:
            self.estado.setText(_("Borrador (nuevo)"))
        self._mostrar_documentos()

    def datos(self) -> DatosConvenio:
        errores: dict[str, str] = {}

        def leer(campo: str, funcion):
            try:
                return funcion()
            except ValueError as exc:
                errores[campo] = str(exc)
                return None

        datos = DatosConvenio(
            titulo=self.titulo.text(), tipo=self.tipo.currentData(), territorio_id=self.territorio.currentData(),
            objeto=self.objeto.toPlainText(), lugar=self.lugar.text(),
            fecha_inicio=leer("fecha_inicio", self.fecha_inicio.fecha),
            fecha_fin=leer("fecha_fin", self.fecha_fin.fecha),
            notas=self.notas.toPlainText(), partes=tuple(self._partes))
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    # -- partes -----------------------------------------------------------------------------------------------
    def _texto_parte(self, n: int, p: DatosParte) -> str:
        nombre = self.actor.itemText(self.actor.findData(p.actor_id)) if p.actor_id is not None else p.nombre_parte
        return f"{n}. {nombre or _('(elija el actor)')}"

    def _cargar_lista(self, elegir: int) -> None:
        self._cargando = True
        try:
            self.lista_partes.clear()
            for n, p in enumerate(self._partes, start=1):
                self.lista_partes.addItem(QListWidgetItem(self._texto_parte(n, p)))
        finally:
            self._cargando = False
        self.lista_partes.setCurrentRow(elegir if 0 <= elegir < len(self._partes) else -1)
        self._parte_elegida(self.lista_partes.currentRow())

    def parte_actual(self) -> int:
        return self.lista_partes.currentRow()

    def _parte_elegida(self, fila: int) -> None:
        if self._cargando:
            return
        hay = 0 <= fila < len(self._partes)
        self.editor_parte.setVisible(hay)
        self.sin_partes.setVisible(not self._partes)
        self._limpiar_errores_parte()
        self._cargando = True
        try:
            p = self._partes[fila] if hay else DatosParte()
            i = self.actor.findData(p.actor_id) if p.actor_id is not None else 0
            if i < 0:  # the actor was deleted: the party keeps its copied name
                self.actor.addItem(p.nombre_parte or _("(actor eliminado)"), p.actor_id)
                i = self.actor.count() - 1
            self.actor.setCurrentIndex(i)
            self.representante.setText(p.representante)
            self.cargo.setText(p.cargo)
            self.obligaciones.setPlainText(p.obligaciones)
        finally:
            self._cargando = False
        self._actualizar_botones_partes()

    def _editar_parte(self, **cambios) -> None:
        fila = self.parte_actual()
        if self._cargando or not 0 <= fila < len(self._partes):
            return
        self._partes[fila] = replace(self._partes[fila], **cambios)
        self.lista_partes.item(fila).setText(self._texto_parte(fila + 1, self._partes[fila]))

    def _actor_cambiado(self) -> None:
        fila = self.parte_actual()
        if self._cargando or not 0 <= fila < len(self._partes):
            return
        actor_id = self.actor.currentData()
        self._editar_parte(actor_id=actor_id, nombre_parte=self.actor.currentText() if actor_id else "")
        p = self._partes[fila]
        if actor_id is not None and not p.representante and not p.cargo:
            quien, cargo = self.ctx.leer(lambda s: sugerir_firmante(s, actor_id))
            self.representante.setText(quien)
            self.cargo.setText(cargo)
            self._editar_parte(representante=quien, cargo=cargo)

    def agregar_parte(self) -> None:
        if self.solo_lectura:
            return
        self._partes.append(DatosParte())
        self._cargar_lista(len(self._partes) - 1)
        self.pestanas.setCurrentIndex(PARTES)
        self.actor.setFocus()

    def quitar_parte(self) -> None:
        fila = self.parte_actual()
        if self.solo_lectura or not 0 <= fila < len(self._partes):
            return
        del self._partes[fila]
        self._cargar_lista(min(fila, len(self._partes) - 1))
        self.lista_partes.setFocus()

    def mover_parte(self, paso: int) -> None:
        fila = self.parte_actual()
        destino = fila + paso
        if self.solo_lectura or not (0 <= fila < len(self._partes) and 0 <= destino < len(self._partes)):
            return
        self._partes[fila], self._partes[destino] = self._partes[destino], self._partes[fila]
        self._cargar_lista(destino)
        self.lista_partes.setFocus()

    def _actualizar_botones_partes(self) -> None:
        fila, n = self.parte_actual(), len(self._partes)
        escribir = not self.solo_lectura
        self.boton_agregar.setEnabled(escribir)
        self.boton_quitar.setEnabled(escribir and 0 <= fila < n)
        self.boton_subir.setEnabled(escribir and fila > 0)
        self.boton_bajar.setEnabled(escribir and 0 <= fila < n - 1)

    # -- errores de las partes ----------------------------------------------------------------------------------
    def _limpiar_errores_parte(self) -> None:
        for campo, error in self._errores_parte.items():
            error.hide()
            self._widget_parte(campo).setStyleSheet("")

    def _widget_parte(self, campo: str) -> QWidget:
        return {"actor_id": self.actor, "representante": self.representante, "cargo": self.cargo,
                "obligaciones": self.obligaciones}[campo]

    def mostrar_errores(self, exc: ErrorDeUsuario) -> None:
        """Los errores de las partes («partes.N.campo») se juntan bajo la lista y se marcan en la primera parte
        con problemas, que queda elegida."""
        if not isinstance(exc, ErroresDeValidacion) or not any(c.startswith("partes.") for c in exc.errores):
            super().mostrar_errores(exc)
            return
        de_partes = {c: m for c, m in exc.errores.items() if c.startswith("partes.")}
        otros = {c: m for c, m in exc.errores.items() if not c.startswith("partes.")}
        otros["partes"] = "\n".join([otros.get("partes", ""), *de_partes.values()]).strip()
        super().mostrar_errores(ErroresDeValidacion(otros))
        primero = next(iter(de_partes))
        _p, numero, campo = primero.split(".", 2)
        if list(otros)[0] == "partes":
            self.lista_partes.setCurrentRow(int(numero) - 1)
            for c, m in de_partes.items():
                _p, n, cc = c.split(".", 2)
                if int(n) == int(numero) and cc in self._errores_parte:
                    texto = m.split(": ", 1)[-1]  # «Parte 2: …» — the field is already that party's
                    self._errores_parte[cc].setText(texto[:1].upper() + texto[1:])
                    self._errores_parte[cc].show()
                    self._widget_parte(cc).setStyleSheet(ESTILO_ERROR)
            if campo in self._errores_parte:
                self._widget_parte(campo).setFocus()

    # -- documentos -------------------------------------------------------------------------------------------
    def _mostrar_documentos(self) -> None:
        self.sin_documentos.setVisible(self.convenio_id is None)
        self.documentos.mostrar_etapa(self.convenio_id, self.titulo.text().strip())

    def _al_cambiar(self, que: set[str]) -> None:
        if "documento" in que:
            self.documentos.recargar()

    # -- guardar ------------------------------------------------------------------------------------------------
    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):  # creating returns the new id; updating, the previous data
            self.convenio_id = resultado

    def _mensaje_guardado(self, datos: DatosConvenio) -> str:
        return _("Convenio «{titulo}» guardado.").format(titulo=datos.titulo.strip())

    def _comando(self, datos: DatosConvenio) -> ComandoServicio:
        titulo = datos.titulo.strip()
        if self.convenio_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Crear el convenio «{titulo}»").format(titulo=titulo), "convenio",
                hacer=lambda s: crear_convenio(s, mid, datos),
                deshacer=lambda s, cid: eliminar_convenio(s, cid),
                rehacer=lambda s, copia: restaurar_convenio(s, copia),
            )
        cid = self.convenio_id
        return ComandoServicio(
            self.ctx, _("Modificar el convenio «{titulo}»").format(titulo=titulo), "convenio",
            hacer=lambda s: actualizar_convenio(s, cid, datos),
            deshacer=lambda s, anterior: actualizar_convenio(s, cid, anterior),
            rehacer=lambda s, nuevo: actualizar_convenio(s, cid, nuevo),
        )

    def _bloquear(self) -> None:
        for editor in (self.titulo, self.lugar, self.representante, self.cargo):
            editor.setReadOnly(True)
        for editor in (self.objeto, self.notas, self.obligaciones):
            editor.setReadOnly(True)
        for campo in (self.fecha_inicio, self.fecha_fin):
            campo.setReadOnly(True)
        for widget in (self.tipo, self.territorio, self.actor):
            widget.setEnabled(False)
        self._actualizar_botones_partes()

    def _actualizar_titulo(self) -> None:
        titulo = self.titulo.text().strip()
        if self.convenio_id is None:
            self.setWindowTitle(_("Nuevo convenio"))
        elif self.firmado:
            self.setWindowTitle(_("Convenio «{titulo}» (firmado)").format(titulo=titulo))
        else:
            self._fijar_titulo(_("Convenio «{titulo}»").format(titulo=titulo))


class DialogoFirmar(QDialog):
    """Registrar la firma: explica que congela el convenio, pide la fecha y firma con una orden deshacible.

    Deshacer (Ctrl+Z) justo después vuelve el convenio a borrador: es la corrección de un clic equivocado en la
    misma sesión (servicio `deshacer_firma`), no una forma de reabrir un convenio firmado.
    """

    def __init__(self, ctx: Contexto, convenio_id: int, titulo: str, hoy: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.convenio_id = convenio_id
        self.hoy = hoy
        self.titulo = titulo
        self.huella = ""
        self.setWindowTitle(_("Firmar el convenio"))
        self.setMinimumWidth(520)
        pregunta = QLabel(_("¿Registrar la firma de «{titulo}»?").format(titulo=titulo))
        pregunta.setWordWrap(True)
        fuente = pregunta.font()
        fuente.setBold(True)
        fuente.setPointSizeF(fuente.pointSizeF() * 1.1)
        pregunta.setFont(fuente)
        explicacion = etiqueta_ayuda(_(
            "Al firmarlo, el convenio queda congelado: ya no se podrán cambiar sus datos, sus partes ni sus "
            "obligaciones, ni eliminarlo. Articula guarda una huella (SHA-256) de su contenido que se imprime al pie "
            "de cada hoja y prueba qué se firmó.\n\nDespués podrá adjuntar el escaneo del papel firmado. Si hace "
            "falta otro acuerdo, registre un convenio nuevo."))
        self.fecha = CampoFecha(self, hoy)
        self.fecha.setMaximumWidth(170)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR};")
        self.error.hide()
        formulario = QFormLayout()
        formulario.addRow(_("&Fecha de la firma:"), self.fecha)
        formulario.labelForField(self.fecha).setBuddy(self.fecha)
        self.botones = QDialogButtonBox()
        self.boton_firmar = self.botones.addButton(_("Firmar y congelar"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.botones.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_firmar.setDefault(True)
        self.botones.accepted.connect(self.firmar)
        self.botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addWidget(pregunta)
        capa.addWidget(explicacion)
        capa.addSpacing(6)
        capa.addLayout(formulario)
        capa.addWidget(self.error)
        capa.addWidget(self.botones)
        self.fecha.setFocus()

    def firmar(self) -> bool:
        try:
            fecha = self.fecha.fecha()
        except ValueError as exc:
            self._mostrar(str(exc))
            return False
        mid, cid, hoy = self.ctx.municipio_id, self.convenio_id, self.hoy
        comando = ComandoServicio(
            self.ctx, _("Firmar el convenio «{titulo}»").format(titulo=self.titulo), "convenio",
            hacer=lambda s: firmar(s, mid, cid, fecha, hoy=hoy),
            deshacer=lambda s, _huella: deshacer_firma(s, cid),
            rehacer=lambda s, fecha_anterior: firmar(s, mid, cid, fecha_anterior, hoy=hoy),
        )
        try:
            self.huella = self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            errores = exc.errores if isinstance(exc, ErroresDeValidacion) else {"": exc.mensaje}
            self._mostrar("\n".join(errores.values()))
            return False
        self.accept()
        return True

    def _mostrar(self, mensaje: str) -> None:
        self.error.setText(mensaje)
        self.error.show()
        self.fecha.setStyleSheet(ESTILO_ERROR)
        self.fecha.setFocus()
