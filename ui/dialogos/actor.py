"""Ficha de un actor de la matriz (institución, organización o persona): alta, edición y consulta."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from nucleo.i18n import N_, _, traducir
from nucleo.modelo.actor import CATEGORIAS, NIVELES, POSTURAS, TIPOS_ACTOR
from nucleo.servicios.actores import (
    CUADRANTES,
    ESCALA,
    DatosActor,
    actualizar_actor,
    crear_actor,
    cuadrante,
    eliminar_actor,
    listar_instituciones,
    obtener_actor,
    opciones_territorio,
    restaurar_actor,
    sugerencia,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor_simple import con_error
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.estilo import TEXTO_SECUNDARIO
from ui.widgets.combo_busqueda import ComboBuscable

PESTANA_IDENTIFICACION, PESTANA_ROL, PESTANA_CONTACTO, PESTANA_TERRITORIOS, PESTANA_NOTAS = range(5)

# What each quadrant asks of the coordinator (Mendelow's power/interest grid, in the words of the model).
CONSEJO_CUADRANTE = {
    "gestionar": N_("Involúcrelo en las decisiones y reúnase con él a menudo."),
    "satisfacer": N_("Consúltelo en lo que le importa y manténgalo satisfecho, sin sobrecargarlo."),
    "informar": N_("Manténgalo informado de los avances; puede ser un buen aliado."),
    "monitorear": N_("Obsérvelo con poco esfuerzo por si su interés o su influencia cambian."),
}


def _ayuda(texto: str) -> QLabel:
    etiqueta = QLabel(texto)
    etiqueta.setWordWrap(True)
    etiqueta.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
    return etiqueta


def _texto_largo(alto: int, ayuda: str = "", fijo: bool = False) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)  # Tab moves to the next field, as in every other field of the form
    editor.setMinimumHeight(alto)
    if fijo:
        editor.setMaximumHeight(alto)
    editor.setPlaceholderText(ayuda)
    return editor


class Escala(QWidget):
    """Cinco botones de opción «1 Muy bajo» … «5 Muy alto»; las flechas del teclado mueven la elección."""

    cambiado = Signal(int)

    def __init__(self, nombre_accesible: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.grupo = QButtonGroup(self)
        capa = QHBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(14)
        for valor, texto in ESCALA.items():
            boton = QRadioButton(f"{valor} · {traducir(texto)}")
            boton.setAccessibleName(f"{nombre_accesible}: {valor}, {traducir(texto)}")
            self.grupo.addButton(boton, valor)
            capa.addWidget(boton)
        capa.addStretch(1)
        self.grupo.idToggled.connect(lambda valor, marcado: marcado and self.cambiado.emit(valor))
        self.setFocusProxy(self.grupo.button(3))

    def valor(self) -> int:
        return self.grupo.checkedId()

    def fijar(self, valor: int) -> None:
        boton = self.grupo.button(valor) or self.grupo.button(3)
        boton.setChecked(True)
        self.setFocusProxy(boton)

    def fijar_solo_lectura(self, solo: bool) -> None:
        for boton in self.grupo.buttons():
            boton.setEnabled(not solo)


class DialogoActor(DialogoFormulario):
    """`DialogoActor(ctx)` crea; `DialogoActor(ctx, id)` edita. Tras aceptar, `actor_id` es el id del actor."""

    def __init__(self, ctx: Contexto, actor_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False, datos: DatosActor | None = None):
        super().__init__(ctx, parent, solo_lectura)
        self.actor_id = actor_id
        self._nivel_tocado = False  # once the user picks a level, a category change no longer proposes one
        self.setMinimumSize(720, 560)
        self.resize(780, 600)

        self.agregar_pestana(self._pestana_identificacion(), _("Identificación"))
        self.agregar_pestana(self._pestana_rol(), _("Rol e incidencia"))
        self.agregar_pestana(self._pestana_contacto(), _("Contacto"))
        self.agregar_pestana(self._pestana_territorios(), _("Territorios"))
        self.agregar_pestana(self._pestana_notas(), _("Notas"))
        self.armar()

        self._cargar_opciones()
        if actor_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_actor(s, actor_id)))
            self._nivel_tocado = True
        else:
            self.fijar(datos or DatosActor())
            if datos is None:
                self._proponer_tipo_y_nivel()
        self.categoria.currentIndexChanged.connect(self._proponer_tipo_y_nivel)
        self.nivel.activated.connect(lambda _i: setattr(self, "_nivel_tocado", True))
        if self.solo_lectura:
            self._bloquear()
        self._actualizar_titulo()
        self.nombre.setFocus()

    # -- armado -----------------------------------------------------------------------------------------------
    @staticmethod
    def _pagina(contenido: QWidget | None = None, formulario: QFormLayout | None = None,
                arriba: QWidget | None = None) -> QScrollArea:
        # Modest office screens (1366×768 with a taskbar) must still reach every field.
        pagina = contenido or QWidget()
        if formulario is not None:
            capa = QVBoxLayout(pagina)
            if arriba is not None:
                capa.addWidget(arriba)
            capa.addLayout(formulario)
            capa.addStretch(1)
        return DialogoFormulario._desplazable(pagina)

    @staticmethod
    def _combo(opciones: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        for clave, texto in opciones.items():
            combo.addItem(traducir(texto), clave)
        return combo

    def _pestana_identificacion(self) -> QWidget:
        self.tipo = self._combo(TIPOS_ACTOR)
        self.tipo.setMaximumWidth(260)
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Por ejemplo: Comisión Vecinal San Miguel, o el nombre de una persona"))
        self.sigla = QLineEdit()
        self.sigla.setPlaceholderText(_("Por ejemplo: MDS, USF"))
        self.sigla.setMaximumWidth(200)
        self.categoria = self._combo(CATEGORIAS)
        self.nivel = self._combo(NIVELES)
        self.nivel.setMaximumWidth(260)
        self.institucion = ComboBuscable()
        self.institucion.setMinimumContentsLength(30)
        self.institucion.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cargo = QLineEdit()
        self.cargo.setPlaceholderText(_("Por ejemplo: Directora de Desarrollo Social, Presidente"))
        self.tipo.currentIndexChanged.connect(self._actualizar_tipo)

        f = self._formulario()
        self._campo(f, PESTANA_IDENTIFICACION, "tipo", _("&Tipo:"), self.tipo)
        self._campo(f, PESTANA_IDENTIFICACION, "nombre", _("&Nombre:"), self.nombre)
        self._campo(f, PESTANA_IDENTIFICACION, "sigla", _("&Sigla:"), self.sigla)
        self._campo(f, PESTANA_IDENTIFICACION, "categoria", _("C&ategoría:"), self.categoria,
                    ayuda=_("Las cinco categorías de la matriz de actores del documento 000, más cooperación, "
                            "sociedad civil y academia."))
        self._campo(f, PESTANA_IDENTIFICACION, "nivel", _("Ni&vel:"), self.nivel)
        self._campo(f, PESTANA_IDENTIFICACION, "institucion_id", _("&Pertenece a:"), self.institucion,
                    ayuda=_("La institución u organización de la que forma parte: el lugar de trabajo de una "
                            "persona, o el ministerio del que depende una oficina local. Escriba para buscar."))
        self._campo(f, PESTANA_IDENTIFICACION, "cargo", _("Car&go:"), self.cargo)
        return self._pagina(formulario=f)

    def _pestana_rol(self) -> QWidget:
        self.rol = _texto_largo(64, _("Qué papel cumple en el modelo de gestión: convoca, financia, provee un "
                                      "servicio, firma el Plan de Acción, representa a la comunidad…"), fijo=True)
        self.interes = Escala(_("Interés"))
        self.influencia = Escala(_("Influencia"))
        self.postura = self._combo(POSTURAS)
        self.postura.setMaximumWidth(260)
        self.recursos = _texto_largo(64, _("Lo que aporta: local, vehículo, técnicos, fondos, información, "
                                           "programas…"), fijo=True)
        self.pista_cuadrante = QLabel()  # two short lines, unwrapped: a wrapped label gets a wrong height here
        self.pista_cuadrante.setTextFormat(Qt.TextFormat.RichText)
        # The frame draws the box (a style sheet on the label itself would also tint its text's background).
        marco = QFrame()
        marco.setObjectName("pistaCuadrante")
        marco.setStyleSheet("QFrame#pistaCuadrante { background: #eef3f9; border: 1px solid #cfd6df; "
                            "border-radius: 4px; }")
        capa_marco = QVBoxLayout(marco)
        capa_marco.setContentsMargins(8, 6, 8, 6)
        capa_marco.addWidget(self.pista_cuadrante)
        for escala in (self.interes, self.influencia):
            escala.cambiado.connect(lambda _v: self._actualizar_pista())

        f = self._formulario()
        self._campo(f, PESTANA_ROL, "rol", _("&Rol en el modelo:"), self.rol)
        self._campo(f, PESTANA_ROL, "interes", _("&Interés:"), self.interes,
                    ayuda=_("Cuánto le importan los resultados del Plan de Acción en el territorio."))
        self._campo(f, PESTANA_ROL, "influencia", _("In&fluencia:"), self.influencia,
                    ayuda=_("Cuánto puede facilitar o frenar el trabajo (poder, recursos, decisiones)."))
        f.addRow("", marco)
        self._campo(f, PESTANA_ROL, "postura", _("&Postura:"), self.postura)
        self._campo(f, PESTANA_ROL, "recursos", _("Rec&ursos que aporta:"), self.recursos)
        return self._pagina(formulario=f)

    def _pestana_contacto(self) -> QWidget:
        self.contacto = QLineEdit()
        self.contacto.setPlaceholderText(_("Nombre y cargo de quien atiende"))
        self.telefono = QLineEdit()
        self.telefono.setPlaceholderText(_("Por ejemplo: 0981 123 456"))
        self.telefono.setMaximumWidth(260)
        self.correo = QLineEdit()
        self.correo.setPlaceholderText(_("nombre@ejemplo.org.py"))
        self.direccion = QLineEdit()
        self.direccion.setPlaceholderText(_("Calle, número y referencias"))
        f = self._formulario()
        self._campo(f, PESTANA_CONTACTO, "contacto", _("P&ersona de contacto:"), self.contacto)
        self._campo(f, PESTANA_CONTACTO, "telefono", _("&Teléfono:"), self.telefono)
        self._campo(f, PESTANA_CONTACTO, "correo", _("C&orreo:"), self.correo)
        self._campo(f, PESTANA_CONTACTO, "direccion", _("&Dirección:"), self.direccion)
        return self._pagina(formulario=f)

    def _pestana_territorios(self) -> QWidget:
        self.territorios = QListWidget()
        self.territorios.setAccessibleName(_("Territorios donde actúa"))
        self.territorios.itemChanged.connect(lambda _i: self._contar_territorios())
        self.boton_todos = QPushButton(_("Marcar &todos"))
        self.boton_ninguno = QPushButton(_("&Ninguno"))
        self.boton_todos.clicked.connect(lambda: self._marcar_todos(True))
        self.boton_ninguno.clicked.connect(lambda: self._marcar_todos(False))
        self.resumen_territorios = _ayuda("")
        self.sin_territorios = _ayuda(_("El municipio todavía no tiene territorios. Créelos en la página "
                                        "«Territorios» y vuelva a marcar aquí dónde actúa este actor."))
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(_ayuda(_("Marque las comunidades territoriales donde este actor trabaja o tiene presencia. "
                                "Con la barra espaciadora se marca o desmarca el elegido.")))
        capa.addWidget(self.sin_territorios)
        caja, error = con_error(self.territorios)
        capa.addWidget(caja, 1)
        self.registrar_campo("territorio_ids", self.territorios, error, PESTANA_TERRITORIOS)
        fila = QHBoxLayout()
        fila.addWidget(self.resumen_territorios, 1)
        fila.addWidget(self.boton_todos)
        fila.addWidget(self.boton_ninguno)
        capa.addLayout(fila)
        return pagina

    def _pestana_notas(self) -> QWidget:
        self.notas = _texto_largo(200, _("Acuerdos, antecedentes, cómo conviene acercarse, próximos pasos…"))
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        caja, error = con_error(self.notas)
        capa.addWidget(caja, 1)
        self.registrar_campo("notas", self.notas, error, PESTANA_NOTAS)
        return pagina

    # -- datos ------------------------------------------------------------------------------------------------
    def _cargar_opciones(self) -> None:
        mid, propio = self.ctx.municipio_id, self.actor_id

        def leer(s):
            return listar_instituciones(s, mid), opciones_territorio(s, mid)

        instituciones, territorios = self.ctx.leer(leer)
        self.institucion.clear()
        self.institucion.addItem(_("— Ninguna —"), None)
        for ident, nombre, tipo in instituciones:
            if ident != propio:
                self.institucion.addItem(nombre, ident)
                self.institucion.setItemData(self.institucion.count() - 1, tipo, Qt.ItemDataRole.ToolTipRole)
        self.territorios.clear()
        for ident, nombre in territorios:
            item = QListWidgetItem(nombre)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.territorios.addItem(item)
        self.sin_territorios.setVisible(not territorios)
        for widget in (self.territorios, self.boton_todos, self.boton_ninguno, self.resumen_territorios):
            widget.setVisible(bool(territorios))

    def fijar(self, d: DatosActor) -> None:
        for combo, valor in ((self.tipo, d.tipo), (self.categoria, d.categoria), (self.nivel, d.nivel),
                             (self.postura, d.postura)):
            combo.setCurrentIndex(max(0, combo.findData(valor)))
        self.nombre.setText(d.nombre)
        self.sigla.setText(d.sigla)
        indice = self.institucion.findData(d.institucion_id)
        if indice < 0 and d.institucion_id is not None:
            # Not offered (e.g. it became a person): show it anyway so saving reports the problem on the field.
            self.institucion.addItem(_("(n.º {n})").format(n=d.institucion_id), d.institucion_id)
            indice = self.institucion.count() - 1
        self.institucion.setCurrentIndex(max(0, indice))
        self.cargo.setText(d.cargo)
        self.rol.setPlainText(d.rol)
        self.interes.fijar(d.interes)
        self.influencia.fijar(d.influencia)
        self.recursos.setPlainText(d.recursos)
        self.contacto.setText(d.contacto)
        self.telefono.setText(d.telefono)
        self.correo.setText(d.correo)
        self.direccion.setText(d.direccion)
        marcados = set(d.territorio_ids)
        for n in range(self.territorios.count()):
            item = self.territorios.item(n)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in marcados
                               else Qt.CheckState.Unchecked)
        self.notas.setPlainText(d.notas)
        self._actualizar_tipo()
        self._actualizar_pista()
        self._contar_territorios()

    def territorios_marcados(self) -> tuple[int, ...]:
        return tuple(self.territorios.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.territorios.count())
                     if self.territorios.item(n).checkState() == Qt.CheckState.Checked)

    def datos(self) -> DatosActor:
        return DatosActor(
            nombre=self.nombre.text(), categoria=self.categoria.currentData(), telefono=self.telefono.text(),
            correo=self.correo.text(), contacto=self.contacto.text(), notas=self.notas.toPlainText(),
            tipo=self.tipo.currentData(), sigla=self.sigla.text(), nivel=self.nivel.currentData(),
            institucion_id=self.institucion.currentData(), cargo=self.cargo.text(), rol=self.rol.toPlainText(),
            interes=self.interes.valor(), influencia=self.influencia.valor(), postura=self.postura.currentData(),
            recursos=self.recursos.toPlainText(), direccion=self.direccion.text(),
            territorio_ids=self.territorios_marcados(),
        )

    # -- guardar ----------------------------------------------------------------------------------------------
    def _guardado(self, ident: int) -> None:
        self.actor_id = ident

    def _mensaje_guardado(self, datos: DatosActor) -> str:
        return _("Actor «{nombre}» guardado.").format(nombre=datos.nombre.strip())

    def _comando(self, datos: DatosActor) -> ComandoServicio:
        nombre = datos.nombre.strip()
        if self.actor_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Crear el actor «{nombre}»").format(nombre=nombre), "actor",
                hacer=lambda s: crear_actor(s, mid, datos),
                deshacer=lambda s, aid: eliminar_actor(s, aid),
                rehacer=lambda s, copia: restaurar_actor(s, copia),
            )
        aid = self.actor_id
        # The service returns the previous data: undo applies it, and gets back the data redo needs.
        return ComandoServicio(
            self.ctx, _("Modificar el actor «{nombre}»").format(nombre=nombre), "actor",
            hacer=lambda s: actualizar_actor(s, aid, datos),
            deshacer=lambda s, anterior: actualizar_actor(s, aid, anterior),
            rehacer=lambda s, nuevo: actualizar_actor(s, aid, nuevo),
        )

    # -- detalles ---------------------------------------------------------------------------------------------
    def _proponer_tipo_y_nivel(self) -> None:
        # A new actor of category "Gobernación" is usually a departmental institution: propose it, never impose.
        tipo, nivel = sugerencia(self.categoria.currentData())
        if self.actor_id is None and self.tipo.currentData() != "persona":
            self.tipo.setCurrentIndex(max(0, self.tipo.findData(tipo)))
        if not self._nivel_tocado:
            self.nivel.setCurrentIndex(max(0, self.nivel.findData(nivel)))

    def _actualizar_tipo(self) -> None:
        persona = self.tipo.currentData() == "persona"
        self.sigla.setEnabled(not persona and not self.solo_lectura)
        self.nombre.setPlaceholderText(_("Nombre y apellido") if persona else
                                       _("Por ejemplo: Comisión Vecinal San Miguel"))

    def _actualizar_pista(self) -> None:
        interes, influencia = self.interes.valor(), self.influencia.valor()
        if interes < 1 or influencia < 1:
            self.pista_cuadrante.clear()
            return
        clave = cuadrante(interes, influencia)
        self.pista_cuadrante.setText(_("En la grilla poder/interés: <b>{cuadrante}</b><br>{consejo}").format(
            cuadrante=traducir(CUADRANTES[clave]), consejo=traducir(CONSEJO_CUADRANTE[clave])))

    def _contar_territorios(self) -> None:
        n = len(self.territorios_marcados())
        total = self.territorios.count()
        self.resumen_territorios.setText(_("Marcados: {n} de {total}").format(n=n, total=total))

    def _marcar_todos(self, marcar: bool) -> None:
        estado = Qt.CheckState.Checked if marcar else Qt.CheckState.Unchecked
        for n in range(self.territorios.count()):
            self.territorios.item(n).setCheckState(estado)

    def _bloquear(self) -> None:
        for editor in (self.nombre, self.sigla, self.cargo, self.contacto, self.telefono, self.correo,
                       self.direccion):
            editor.setReadOnly(True)
        for editor in (self.rol, self.recursos, self.notas):
            editor.setReadOnly(True)
        for widget in (self.tipo, self.categoria, self.nivel, self.institucion, self.postura, self.boton_todos,
                       self.boton_ninguno):
            widget.setEnabled(False)
        for escala in (self.interes, self.influencia):
            escala.fijar_solo_lectura(True)
        for n in range(self.territorios.count()):
            item = self.territorios.item(n)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)

    def _actualizar_titulo(self) -> None:
        if self.actor_id is None:
            titulo = _("Nuevo actor")
        else:
            titulo = _("Actor «{nombre}»").format(nombre=self.nombre.text())
        self._fijar_titulo(titulo)
