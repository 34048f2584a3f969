"""Ficha de una oportunidad del Mapa de Oportunidades (programa o servicio): alta, edición y consulta."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo.oportunidad import ORIGENES, PAQUETES, PILARES, POBLACIONES, TIPOS_BENEFICIO
from nucleo.servicios.oportunidades import (
    DatosOportunidad,
    actualizar_oportunidad,
    crear_oportunidad,
    eliminar_oportunidad,
    obtener_oportunidad,
    proveedores_para_elegir,
    restaurar_oportunidad,
    territorios_para_elegir,
    validar,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor_simple import DialogoActorSimple, con_error
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.combo_busqueda import ComboBuscable

SERVICIO, POBLACION, ACCESO, VIGENCIA = range(4)


def _texto_largo(alto: int, ayuda: str = "") -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)  # Tab moves on, as in every other field
    editor.setMinimumHeight(alto)
    editor.setMaximumHeight(alto * 2)
    editor.setSizePolicy(editor.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Preferred)
    editor.setPlaceholderText(ayuda)
    return editor


def _combo(opciones: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for clave, texto in opciones.items():
        combo.addItem(traducir(texto), clave)
    return combo


class _Recuadro(QGroupBox):
    """Un grupo de casillas que se marca como un solo campo: el borde rojo del error queda en el recuadro y no se
    hereda a cada casilla (una hoja de estilo sin selector alcanza a todos los hijos)."""

    def __init__(self, titulo: str, nombre: str):
        super().__init__(titulo)
        self.setObjectName(nombre)

    def setStyleSheet(self, estilo: str) -> None:  # noqa: N802 - Qt's name
        super().setStyleSheet(f"QGroupBox#{self.objectName()} {{ {estilo} }}" if estilo else "")


class DialogoOportunidad(DialogoFormulario):
    """`DialogoOportunidad(ctx)` crea; `DialogoOportunidad(ctx, id)` edita. Tras aceptar, `oportunidad_id` es el id."""

    def __init__(self, ctx: Contexto, oportunidad_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False, hoy: date | None = None):
        super().__init__(ctx, parent, solo_lectura)
        self.oportunidad_id = oportunidad_id
        self._hoy = hoy
        self.setMinimumSize(720, 560)
        self.resize(800, 640)

        self.agregar_pestana(self._pestana_servicio(), _("&Servicio"))
        self.agregar_pestana(self._pestana_poblacion(), _("&Población y cobertura"))
        self.agregar_pestana(self._pestana_acceso(), _("&Acceso"))
        self.agregar_pestana(self._pestana_vigencia(), _("&Vigencia y fuente"))
        self.armar()

        self._cargar_proveedores()
        self._cargar_territorios()
        if oportunidad_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_oportunidad(s, oportunidad_id)))
        else:
            # Entering it now means it was just checked: the date starts as today (the user can change it).
            self.fijar(DatosOportunidad(verificado_el=self._hoy or date.today()))
        if self.solo_lectura:
            self._bloquear()
        self._actualizar_titulo()
        self.nombre.setFocus()

    # -- armado ---------------------------------------------------------------------------------------------
    def _pagina(self, formulario: QFormLayout) -> QScrollArea:
        # The form keeps its natural height; the space left stays below it, not between the rows.
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(formulario)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _pestana_servicio(self) -> QWidget:
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Por ejemplo: Escuela municipal de oficios"))
        self.descripcion = _texto_largo(64, _("Qué ofrece, en pocas palabras que entienda cualquier vecino"))
        self.proveedor = ComboBuscable()
        self.proveedor.setMinimumContentsLength(28)
        self.proveedor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.boton_nuevo_proveedor = QPushButton(_("N&uevo proveedor…"))
        self.boton_nuevo_proveedor.setToolTip(_("Registrar la institución u organización que ofrece el servicio"))
        self.boton_nuevo_proveedor.clicked.connect(self.nuevo_proveedor)
        fila = QWidget()
        capa_fila = QHBoxLayout(fila)
        capa_fila.setContentsMargins(0, 0, 0, 0)
        capa_fila.addWidget(self.proveedor, 1)
        capa_fila.addWidget(self.boton_nuevo_proveedor)
        self.origen = _combo(ORIGENES)
        self.pilar = _combo(PILARES)
        self.paquete = _combo(PAQUETES)
        self.tipo_beneficio = _combo(TIPOS_BENEFICIO)
        for combo in (self.origen, self.pilar, self.paquete, self.tipo_beneficio):
            combo.setMaximumWidth(320)

        f = self._formulario()
        self._campo(f, SERVICIO, "nombre", _("&Nombre:"), self.nombre)
        self._campo(f, SERVICIO, "descripcion", _("&Descripción:"), self.descripcion)
        self._campo(f, SERVICIO, "proveedor_id", _("P&roveedor:"), fila, self.proveedor,
                    ayuda=_("La institución u organización que lo ofrece (un actor de la matriz de actores)."))
        self._campo(f, SERVICIO, "origen", _("&Origen:"), self.origen)
        self._campo(f, SERVICIO, "pilar", _("P&ilar:"), self.pilar,
                    ayuda=_("Pilar del Sistema de Protección Social al que responde."))
        self._campo(f, SERVICIO, "paquete", _("Pa&quete:"), self.paquete,
                    ayuda=_("Núcleo: prestaciones básicas para toda la población objetivo; Diferenciado: para "
                            "grupos con necesidades específicas; Ampliado: oferta complementaria."))
        self._campo(f, SERVICIO, "tipo_beneficio", _("&Tipo de beneficio:"), self.tipo_beneficio)
        return self._pagina(f)

    def _pestana_poblacion(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)

        grupo = _Recuadro(_("Población a la que se dirige"), "poblaciones")
        rejilla = QGridLayout()
        self.poblaciones: dict[str, QCheckBox] = {}
        claves = list(POBLACIONES)
        mitad = (len(claves) + 1) // 2
        for i, clave in enumerate(claves):
            caja = QCheckBox(traducir(POBLACIONES[clave]))
            self.poblaciones[clave] = caja
            rejilla.addWidget(caja, i % mitad, i // mitad)
        error = QLabel()
        error.setObjectName("errorCampo")
        rejilla.addWidget(error, mitad, 0, 1, 2)
        grupo.setLayout(rejilla)
        grupo.setFocusProxy(self.poblaciones[claves[0]])
        self.registrar_campo("poblaciones", grupo, error, POBLACION)
        self.grupo_poblaciones = grupo
        capa.addWidget(grupo)

        grupo = QGroupBox(_("Cobertura"))
        capa_cobertura = QVBoxLayout(grupo)
        self.cobertura_distrital = QRadioButton(_("Todo el &distrito"))
        self.cobertura_territorios = QRadioButton(_("Solo en los &territorios marcados:"))
        self._botones_cobertura = QButtonGroup(self)
        self._botones_cobertura.addButton(self.cobertura_distrital)
        self._botones_cobertura.addButton(self.cobertura_territorios)
        self.territorios = QListWidget()
        self.territorios.setMinimumHeight(110)
        self.territorios.setObjectName("territoriosCobertura")
        # On the dialog, not on the list: the error marker replaces the list's own style sheet.
        self.setStyleSheet("QListWidget#territoriosCobertura::item { padding: 3px 2px; }")
        self.territorios.setAccessibleName(_("Territorios que cubre"))
        self.cobertura_distrital.toggled.connect(self._cobertura_cambiada)
        capa_cobertura.addWidget(self.cobertura_distrital)
        capa_cobertura.addWidget(self.cobertura_territorios)
        caja, error = con_error(self.territorios)
        capa_cobertura.addWidget(caja, 1)
        self.registrar_campo("territorio_ids", self.territorios, error, POBLACION)
        capa.addWidget(grupo, 1)

        self.cupos = QLineEdit()
        self.cupos.setPlaceholderText(_("vacío = sin límite indicado"))
        self.cupos.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.cupos.setMaximumWidth(220)
        self.cupos.editingFinished.connect(self._reformatear_cupos)
        f = self._formulario()
        self._campo(f, POBLACION, "cupos", _("C&upos:"), self.cupos,
                    ayuda=_("Cuántas personas u hogares puede atender (capacidad)."))
        capa.addLayout(f)
        return self._desplazable(pagina)

    def _pestana_acceso(self) -> QWidget:
        self.requisitos = _texto_largo(64, _("Quién puede acceder y qué documentos necesita"))
        self.costo = QLineEdit()
        self.costo.setPlaceholderText(_("vacío = gratuito; p. ej. ₲ 150.000"))
        self.costo.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.costo.setMaximumWidth(220)
        self.costo.editingFinished.connect(self._reformatear_costo)
        self.costo_detalle = QLineEdit()
        self.costo_detalle.setPlaceholderText(_("Por ejemplo: matrícula única; materiales incluidos"))
        self.lugar = QLineEdit()
        self.lugar.setPlaceholderText(_("Dirección o local donde se atiende"))
        self.horario = QLineEdit()
        self.horario.setPlaceholderText(_("Por ejemplo: lunes a viernes, de 7:00 a 13:00"))
        self.contacto = QLineEdit()
        self.contacto.setPlaceholderText(_("Oficina o persona que atiende"))
        self.telefono = QLineEdit()
        self.telefono.setPlaceholderText(_("Por ejemplo: 0981 123 456"))
        self.correo = QLineEdit()
        self.correo.setPlaceholderText(_("nombre@ejemplo.gov.py"))
        f = self._formulario()
        self._campo(f, ACCESO, "requisitos", _("&Requisitos:"), self.requisitos)
        self._campo(f, ACCESO, "costo", _("C&osto:"), self.costo,
                    ayuda=_("Lo que paga quien recibe el beneficio, en guaraníes."))
        self._campo(f, ACCESO, "costo_detalle", _("&Detalle del costo:"), self.costo_detalle)
        self._campo(f, ACCESO, "lugar", _("&Lugar:"), self.lugar)
        self._campo(f, ACCESO, "horario", _("&Horario:"), self.horario)
        self._campo(f, ACCESO, "contacto", _("&Contacto:"), self.contacto)
        self._campo(f, ACCESO, "telefono", _("&Teléfono:"), self.telefono)
        self._campo(f, ACCESO, "correo", _("Corr&eo:"), self.correo)
        return self._pagina(f)

    def _pestana_vigencia(self) -> QWidget:
        self.vigencia_desde = CampoFecha()
        self.vigencia_hasta = CampoFecha()
        self.fuente = QLineEdit()
        self.fuente.setPlaceholderText(_("Por ejemplo: sitio web de la institución, llamada, folleto, acta"))
        self.verificado_el = CampoFecha()
        self.boton_hoy = QPushButton(_("Verificada h&oy"))
        self.boton_hoy.setToolTip(_("Anotar que hoy se confirmó la información con su fuente"))
        self.boton_hoy.clicked.connect(lambda: self.verificado_el.fijar(self._hoy or date.today()))
        for campo in (self.vigencia_desde, self.vigencia_hasta, self.verificado_el):
            campo.setMaximumWidth(200)
        fila = QWidget()
        capa_fila = QHBoxLayout(fila)
        capa_fila.setContentsMargins(0, 0, 0, 0)
        capa_fila.addWidget(self.verificado_el)
        capa_fila.addWidget(self.boton_hoy)
        capa_fila.addStretch(1)
        self.notas = _texto_largo(64)
        f = self._formulario()
        self._campo(f, VIGENCIA, "vigencia_desde", _("Vigente &desde:"), self.vigencia_desde,
                    self.vigencia_desde.editor)
        self._campo(f, VIGENCIA, "vigencia_hasta", _("Vigente &hasta:"), self.vigencia_hasta,
                    self.vigencia_hasta.editor,
                    ayuda=_("Deje las fechas vacías si el programa no tiene un plazo conocido."))
        self._campo(f, VIGENCIA, "fuente", _("&Fuente:"), self.fuente,
                    ayuda=_("De dónde sale esta información, para poder confirmarla después."))
        self._campo(f, VIGENCIA, "verificado_el", _("Verificada &el:"), fila, self.verificado_el.editor,
                    ayuda=_("Cuándo se confirmó la información con su fuente. La que tiene muchos días se marca "
                            "«verificar» en el Mapa de Oportunidades."))
        self._campo(f, VIGENCIA, "notas", _("&Notas:"), self.notas)
        return self._pagina(f)

    # -- datos ----------------------------------------------------------------------------------------------
    def _cargar_proveedores(self, elegir: int | None = None) -> None:
        actual = self.proveedor.currentData() if elegir is None else elegir
        opciones = self.ctx.leer(lambda s: proveedores_para_elegir(s, self.ctx.municipio_id))
        self.proveedor.clear()
        self.proveedor.addItem(_("— Sin indicar —"), None)
        for ident, nombre in opciones:
            self.proveedor.addItem(nombre, ident)
        self.proveedor.setCurrentIndex(max(0, self.proveedor.findData(actual)))

    def _cargar_territorios(self) -> None:
        for ident, nombre in self.ctx.leer(lambda s: territorios_para_elegir(s, self.ctx.municipio_id)):
            item = QListWidgetItem(nombre)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.territorios.addItem(item)

    def _items_territorio(self) -> list[QListWidgetItem]:
        return [self.territorios.item(i) for i in range(self.territorios.count())]

    def fijar(self, d: DatosOportunidad) -> None:
        self.nombre.setText(d.nombre)
        self.descripcion.setPlainText(d.descripcion)
        self.proveedor.setCurrentIndex(max(0, self.proveedor.findData(d.proveedor_id)))
        for combo, valor in ((self.origen, d.origen), (self.pilar, d.pilar), (self.paquete, d.paquete),
                             (self.tipo_beneficio, d.tipo_beneficio)):
            combo.setCurrentIndex(max(0, combo.findData(valor)))
        for clave, caja in self.poblaciones.items():
            caja.setChecked(clave in d.poblaciones)
        (self.cobertura_distrital if d.cobertura_distrital else self.cobertura_territorios).setChecked(True)
        for item in self._items_territorio():
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in d.territorio_ids
                               else Qt.CheckState.Unchecked)
        self._cobertura_cambiada()
        self.cupos.setText(formato.entero(d.cupos))
        self.requisitos.setPlainText(d.requisitos)
        self.costo.setText(formato.guaranies(d.costo) if d.costo else "")
        self.costo_detalle.setText(d.costo_detalle)
        self.lugar.setText(d.lugar)
        self.horario.setText(d.horario)
        self.contacto.setText(d.contacto)
        self.telefono.setText(d.telefono)
        self.correo.setText(d.correo)
        self.vigencia_desde.fijar(d.vigencia_desde)
        self.vigencia_hasta.fijar(d.vigencia_hasta)
        self.fuente.setText(d.fuente)
        self.verificado_el.fijar(d.verificado_el)
        self.notas.setPlainText(d.notas)

    def datos(self) -> DatosOportunidad:
        """Los datos del formulario; ErroresDeValidacion si un número o una fecha no se puede leer."""
        datos, errores = self._leer()
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    def _leer(self) -> tuple[DatosOportunidad, dict[str, str]]:
        """Los datos y los campos que no se pudieron leer (esos quedan vacíos en los datos)."""
        errores: dict[str, str] = {}

        def leer(campo: str, funcion):
            try:
                return funcion()
            except ValueError as exc:
                errores[campo] = str(exc)
                return None

        cupos = leer("cupos", lambda: formato.leer_entero(self.cupos.text()) if self.cupos.text().strip() else None)
        costo = leer("costo", lambda: formato.leer_entero(self.costo.text()) if self.costo.text().strip() else 0)
        datos = DatosOportunidad(
            nombre=self.nombre.text(),
            descripcion=self.descripcion.toPlainText(),
            proveedor_id=self.proveedor.currentData(),
            origen=self.origen.currentData(),
            pilar=self.pilar.currentData(),
            paquete=self.paquete.currentData(),
            tipo_beneficio=self.tipo_beneficio.currentData(),
            poblaciones=tuple(c for c, caja in self.poblaciones.items() if caja.isChecked()),
            requisitos=self.requisitos.toPlainText(),
            cobertura_distrital=self.cobertura_distrital.isChecked(),
            territorio_ids=tuple(i.data(Qt.ItemDataRole.UserRole) for i in self._items_territorio()
                                 if i.checkState() == Qt.CheckState.Checked),
            cupos=cupos,
            costo=costo or 0,
            costo_detalle=self.costo_detalle.text(),
            lugar=self.lugar.text(),
            horario=self.horario.text(),
            contacto=self.contacto.text(),
            telefono=self.telefono.text(),
            correo=self.correo.text(),
            vigencia_desde=leer("vigencia_desde", self.vigencia_desde.fecha),
            vigencia_hasta=leer("vigencia_hasta", self.vigencia_hasta.fecha),
            fuente=self.fuente.text(),
            verificado_el=leer("verificado_el", self.verificado_el.fecha),
            notas=self.notas.toPlainText(),
        )
        return datos, errores

    # -- guardar --------------------------------------------------------------------------------------------
    def _datos_para_guardar(self) -> DatosOportunidad:
        datos, errores = self._leer()
        if errores:
            self._revisar_todo(datos, errores)
        return datos

    def _guardado(self, ident: int) -> None:
        self.oportunidad_id = ident

    def _mensaje_guardado(self, datos: DatosOportunidad) -> str:
        return _("«{nombre}» guardada en el Mapa de Oportunidades.").format(nombre=datos.nombre.strip())

    def _revisar_todo(self, datos: DatosOportunidad, errores: dict[str, str]) -> None:
        """Con un número o una fecha ilegible, revisa igual el resto para mostrar todos los problemas juntos."""
        mid, oid, hoy = self.ctx.municipio_id, self.oportunidad_id, self._hoy
        try:
            self.ctx.leer(lambda s: validar(s, mid, datos, oid, hoy))
        except ErroresDeValidacion as exc:
            errores = {**exc.errores, **errores}  # what could not be read says more than what it became
        raise ErroresDeValidacion(errores)

    def _comando(self, datos: DatosOportunidad) -> ComandoServicio:
        nombre, hoy = datos.nombre.strip(), self._hoy
        if self.oportunidad_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Crear la oportunidad «{nombre}»").format(nombre=nombre), "oportunidad",
                hacer=lambda s: crear_oportunidad(s, mid, datos, hoy),
                deshacer=lambda s, oid: eliminar_oportunidad(s, oid),
                rehacer=lambda s, copia: restaurar_oportunidad(s, copia),
            )
        oid = self.oportunidad_id
        # The service returns the previous data: undo applies it and gets back what redo needs.
        return ComandoServicio(
            self.ctx, _("Modificar la oportunidad «{nombre}»").format(nombre=nombre), "oportunidad",
            hacer=lambda s: actualizar_oportunidad(s, oid, datos, hoy),
            deshacer=lambda s, anterior: actualizar_oportunidad(s, oid, anterior, hoy),
            rehacer=lambda s, nuevo: actualizar_oportunidad(s, oid, nuevo, hoy),
        )

    # -- proveedor ------------------------------------------------------------------------------------------
    def nuevo_proveedor(self) -> None:
        dialogo = DialogoActorSimple(self.ctx, self, categoria="gobierno_central")
        dialogo.setWindowTitle(_("Nuevo proveedor"))
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self.proveedor_creado(dialogo.actor_id)

    def proveedor_creado(self, actor_id: int | None) -> None:
        self._cargar_proveedores(elegir=actor_id)

    # -- detalles -------------------------------------------------------------------------------------------
    def _cobertura_cambiada(self) -> None:
        self.territorios.setEnabled(self.cobertura_territorios.isChecked() and not self.solo_lectura)

    def _reformatear_cupos(self) -> None:
        try:
            if self.cupos.text().strip():
                self.cupos.setText(formato.entero(formato.leer_entero(self.cupos.text())))
        except ValueError:
            pass  # the message appears when saving, next to the field

    def _reformatear_costo(self) -> None:
        # "1500000", "Gs. 1.500.000" and "₲ 1.500.000" all become "₲ 1.500.000": what will be shown and printed.
        try:
            texto = self.costo.text().strip()
            if texto:
                valor = formato.leer_entero(texto)
                self.costo.setText(formato.guaranies(valor) if valor else "")
        except ValueError:
            pass

    def _bloquear(self) -> None:
        for editor in (self.nombre, self.cupos, self.costo, self.costo_detalle, self.lugar, self.horario,
                       self.contacto, self.telefono, self.correo, self.fuente):
            editor.setReadOnly(True)
        for editor in (self.descripcion, self.requisitos, self.notas):
            editor.setReadOnly(True)
        for campo in (self.vigencia_desde, self.vigencia_hasta, self.verificado_el):
            campo.setReadOnly(True)
        for widget in (self.proveedor, self.boton_nuevo_proveedor, self.origen, self.pilar, self.paquete,
                       self.tipo_beneficio, self.cobertura_distrital, self.cobertura_territorios, self.boton_hoy,
                       *self.poblaciones.values()):
            widget.setEnabled(False)
        self._cobertura_cambiada()

    def _actualizar_titulo(self) -> None:
        if self.oportunidad_id is None:
            titulo = _("Nueva oportunidad")
        else:
            titulo = _("Oportunidad «{nombre}»").format(nombre=self.nombre.text())
        self._fijar_titulo(titulo)
