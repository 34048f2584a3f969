"""Herramientas > Datos del municipio: autoridades y contacto (el distrito no se cambia aquí)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo.sancion import PAPELES
from nucleo.servicios.municipio import (
    DatosMunicipio,
    actualizar_municipio,
    datos_municipio,
    obtener_municipio,
)
from ui.contexto import ComandoServicio, Contexto
from ui.errores import mostrar_error_de_usuario
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.formulario import MarcadorErrores


class DialogoMunicipio(QDialog):
    def __init__(self, ctx: Contexto, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Datos del municipio"))
        self.setMinimumWidth(560)
        mid = ctx.municipio_id

        def leer(s):
            m = obtener_municipio(s, mid)
            return datos_municipio(s, mid), m.nombre, m.departamento, m.clave_ine

        self.original, nombre, departamento, clave = ctx.leer(leer)
        self.marcador = MarcadorErrores()
        self.campos: dict[str, QLineEdit | CampoFecha] = {}
        self._rotulos: list[QLabel] = []

        encabezado = QLabel(_("<b>Municipalidad de {nombre}</b> · Departamento {dep}").format(
            nombre=nombre, dep=departamento))
        codigo = QLabel(_("Código INE del distrito: {clave}").format(clave=clave))
        codigo.setObjectName("secundario")

        capa = QVBoxLayout(self)
        capa.addWidget(encabezado)
        capa.addWidget(codigo)
        capa.addWidget(self._grupo(_("Intendente Municipal"), (
            ("intendente_nombre", _("&Nombre completo:"), False),
            ("intendente_resolucion", _("Resolución o acta:"), False),
            ("intendente_fecha", _("Fecha:"), True))))
        capa.addWidget(self._grupo(_("Coordinador/a Municipal"), (
            ("coordinador_nombre", _("N&ombre completo:"), False),
            ("coordinador_resolucion", _("Resolución de nombramiento:"), False),
            ("coordinador_fecha", _("Fecha de la resolución:"), True))))
        capa.addWidget(self._grupo(_("Contacto de la Municipalidad"), (
            ("direccion", _("Dirección:"), False),
            ("telefono", _("Teléfono:"), False),
            ("correo", _("Correo electrónico:"), False))))
        capa.addWidget(self._grupo_impresos())
        # One label column across the three groups, so the fields line up.
        ancho = max(r.sizeHint().width() for r in self._rotulos)
        for r in self._rotulos:
            r.setMinimumWidth(ancho)
        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.botones.button(QDialogButtonBox.StandardButton.Save).setText(_("&Guardar"))
        self.botones.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        self.botones.accepted.connect(self.accept)
        self.botones.rejected.connect(self.reject)
        if ctx.solo_lectura:
            self.botones.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            aviso = QLabel(_("El expediente está abierto solo para lectura: los datos no se pueden cambiar aquí."))
            aviso.setObjectName("secundario")
            capa.addWidget(aviso)
            for w in self.campos.values():
                w.setReadOnly(True)
            self.combo_papel.setEnabled(False)
        capa.addWidget(self.botones)
        self._mostrar(self.original)

    def _grupo(self, titulo: str, campos) -> QGroupBox:
        grupo = QGroupBox(titulo)
        formulario = QFormLayout(grupo)
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for campo, etiqueta, es_fecha in campos:
            widget: QLineEdit | CampoFecha = CampoFecha() if es_fecha else QLineEdit()
            if es_fecha:
                widget.setMaximumWidth(180)
            error = QLabel()
            error.setObjectName("errorCampo")
            self.marcador.registrar(campo, widget, error)
            self.campos[campo] = widget
            rotulo = QLabel(etiqueta)
            rotulo.setBuddy(widget)
            self._rotulos.append(rotulo)
            formulario.addRow(rotulo, widget)
            formulario.addRow("", error)
        return grupo

    def _grupo_impresos(self) -> QGroupBox:
        grupo = QGroupBox(_("Impresos"))
        formulario = QFormLayout(grupo)
        self.combo_papel = QComboBox()
        for clave, texto in PAPELES.items():
            self.combo_papel.addItem(traducir(texto), clave)
        self.combo_papel.setToolTip(_("El tamaño de hoja de todos los PDF que arma Articula (planes, actas, "
                                      "fichas, matrices…)"))
        error = QLabel()
        error.setObjectName("errorCampo")
        self.marcador.registrar("papel", self.combo_papel, error)
        rotulo = QLabel(_("&Papel de los impresos:"))
        rotulo.setBuddy(self.combo_papel)
        self._rotulos.append(rotulo)
        formulario.addRow(rotulo, self.combo_papel)
        formulario.addRow("", error)
        return grupo

    def _mostrar(self, d: DatosMunicipio) -> None:
        self.combo_papel.setCurrentIndex(max(0, self.combo_papel.findData(d.papel)))
        for campo, widget in self.campos.items():
            valor = getattr(d, campo)
            if isinstance(widget, CampoFecha):
                widget.fijar(valor)
            else:
                widget.setText(valor or "")

    def datos(self) -> DatosMunicipio:
        """Los datos del formulario; ValueError (con el campo en `args[1]`) si una fecha no se entiende."""
        valores = {}
        for campo, widget in self.campos.items():
            if isinstance(widget, CampoFecha):
                try:
                    valores[campo] = widget.fecha()
                except ValueError as exc:
                    raise ErrorDeUsuario(str(exc), campo=campo) from exc
            else:
                valores[campo] = widget.text()
        return DatosMunicipio(clave_ine=self.original.clave_ine, papel=self.combo_papel.currentData(), **valores)

    def guardar(self) -> bool:
        """Guarda con deshacer; marca los campos con problemas y devuelve False si el servicio los rechazó."""
        try:
            datos = self.datos()
            if datos == self.original:
                return True
            mid = self.ctx.municipio_id
            self.ctx.ejecutar(ComandoServicio(
                self.ctx, _("Cambiar los datos del municipio"), "municipio",
                hacer=lambda s: actualizar_municipio(s, mid, datos),
                deshacer=lambda s, anterior: actualizar_municipio(s, mid, anterior),
                rehacer=lambda s, _r: actualizar_municipio(s, mid, datos),
            ))
        except ErrorDeUsuario as exc:
            if not self.marcador.mostrar(exc):
                mostrar_error_de_usuario(self, exc)
            return False
        return True

    def accept(self) -> None:
        if self.ctx.solo_lectura or self.guardar():
            super().accept()

