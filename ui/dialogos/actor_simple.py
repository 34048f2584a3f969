"""Alta rápida de una organización (Actor) desde otro formulario, p. ej. la organización de un territorio.

La ficha completa del actor (nivel, interés, influencia…) se edita en la página «Actores» (ui/dialogos/actor.py);
aquí basta lo necesario para nombrarla y contactarla, sin salir del formulario del territorio.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo.actor import CATEGORIAS
from nucleo.servicios.actores import DatosActor, crear_actor, eliminar_actor, restaurar_actor, sugerencia
from ui.contexto import ComandoServicio, Contexto
from ui.widgets.formulario import MarcadorErrores


def con_error(widget: QWidget, ayuda: QWidget | None = None) -> tuple[QWidget, QLabel]:
    """El campo con su etiqueta de error debajo (oculta hasta que el servicio informe un problema) y su ayuda."""
    caja = QWidget()
    capa = QVBoxLayout(caja)
    capa.setContentsMargins(0, 0, 0, 0)
    capa.setSpacing(2)
    capa.addWidget(widget)
    etiqueta = QLabel(caja)
    etiqueta.setObjectName("errorCampo")
    capa.addWidget(etiqueta)
    if ayuda is not None:
        capa.addWidget(ayuda)
    return caja, etiqueta


class DialogoActorSimple(QDialog):
    """Crea el actor con una orden deshacible; tras aceptar, `actor_id` tiene el número del nuevo actor."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, nombre: str = "",
                 categoria: str = "comunidad"):
        super().__init__(parent)
        self.ctx = ctx
        self.actor_id: int | None = None
        self.setWindowTitle(_("Nueva organización"))
        self.setMinimumWidth(520)

        self.nombre = QLineEdit(nombre)
        self.nombre.setPlaceholderText(_("Por ejemplo: Comisión Vecinal San Miguel"))
        self.categoria = QComboBox()
        for clave, texto in CATEGORIAS.items():
            self.categoria.addItem(traducir(texto), clave)
        self.categoria.setCurrentIndex(max(0, self.categoria.findData(categoria)))
        self.telefono = QLineEdit()
        self.telefono.setPlaceholderText(_("Por ejemplo: 0981 123 456"))
        self.correo = QLineEdit()
        self.correo.setPlaceholderText(_("nombre@ejemplo.org.py"))
        self.contacto = QLineEdit()
        self.contacto.setPlaceholderText(_("Nombre y cargo de quien atiende"))

        self.marcador = MarcadorErrores()
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for campo, etiqueta, widget in (
            ("nombre", _("&Nombre:"), self.nombre),
            ("categoria", _("C&ategoría:"), self.categoria),
            ("telefono", _("&Teléfono:"), self.telefono),
            ("correo", _("C&orreo:"), self.correo),
            ("contacto", _("&Persona de contacto:"), self.contacto),
        ):
            caja, error = con_error(widget)
            formulario.addRow(etiqueta, caja)
            formulario.labelForField(caja).setBuddy(widget)
            self.marcador.registrar(campo, widget, error)

        explicacion = QLabel(_("Registre la organización con lo necesario para contactarla. Los demás datos del "
                               "actor (nivel, interés, influencia, territorios) se completan en la página «Actores»."))
        explicacion.setWordWrap(True)
        explicacion.setStyleSheet("color: #616161;")
        self.error_general = QLabel()
        self.error_general.setStyleSheet("color: #c62828;")
        self.error_general.setWordWrap(True)
        self.error_general.hide()

        botones = QDialogButtonBox()
        self.boton_guardar = botones.addButton(_("Guardar"), QDialogButtonBox.ButtonRole.AcceptRole)
        botones.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.boton_guardar.setDefault(True)
        botones.accepted.connect(self.guardar)
        botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.addWidget(explicacion)
        capa.addLayout(formulario)
        capa.addWidget(self.error_general)
        capa.addStretch(1)
        capa.addWidget(botones)
        self.nombre.setFocus()

    def datos(self) -> DatosActor:
        categoria = self.categoria.currentData()
        tipo, nivel = sugerencia(categoria)  # what the category usually implies; editable later in «Actores»
        return DatosActor(nombre=self.nombre.text(), categoria=categoria, telefono=self.telefono.text(),
                          correo=self.correo.text(), contacto=self.contacto.text(), tipo=tipo, nivel=nivel)

    def guardar(self) -> bool:
        datos = self.datos()
        mid = self.ctx.municipio_id
        comando = ComandoServicio(
            self.ctx, _("Crear la organización «{nombre}»").format(nombre=datos.nombre.strip()), "actor",
            hacer=lambda s: crear_actor(s, mid, datos),
            deshacer=lambda s, actor_id: eliminar_actor(s, actor_id),
            rehacer=lambda s, copia: restaurar_actor(s, copia),
        )
        self.error_general.hide()
        try:
            self.actor_id = self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            if not self.marcador.mostrar(exc):
                self.error_general.setText(str(exc))
                self.error_general.show()
            return False
        self.ctx.mensaje.emit(_("Organización «{nombre}» registrada.").format(nombre=datos.nombre.strip()))
        self.accept()
        return True
