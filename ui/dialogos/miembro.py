"""Ficha de un miembro de una mesa: quién (un actor o un nombre), su rol, titular o suplente, voto y designación."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QVBoxLayout, QWidget

from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _
from nucleo.modelo.mesa import ROLES_MIEMBRO
from nucleo.servicios.actores import listar_actores
from nucleo.servicios.mesas import (
    DatosMiembro,
    actualizar_miembro,
    agregar_miembro,
    eliminar_miembro,
    listar_miembros,
    obtener_miembro,
    restaurar_miembro,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.dialogos.mesa import combo_de, corto
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.combo_busqueda import ComboBuscable


def _leer_fecha(campo: CampoFecha, nombre: str, errores: dict[str, str]) -> date | None:
    try:
        return campo.fecha()
    except ValueError as exc:
        errores[nombre] = str(exc)
        return None


class DialogoMiembro(DialogoFormulario):
    """`DialogoMiembro(ctx, mesa_id)` agrega un miembro; con `miembro_id` lo edita."""

    def __init__(self, ctx: Contexto, mesa_id: int, miembro_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False, hoy: date | None = None):
        super().__init__(ctx, parent, solo_lectura)
        self.mesa_id = mesa_id
        self.miembro_id = miembro_id
        self.setMinimumSize(560, 500)
        self.resize(600, 560)
        self.agregar_pestana(self._pagina(), _("Miembro"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        mid = ctx.municipio_id
        self._actores = {f.id: f for f in ctx.leer(lambda s: listar_actores(s, mid))}
        self.actor.addItem(_("(sin actor registrado: escribir el nombre)"), None)
        for f in self._actores.values():
            self.actor.addItem(f.nombre, f.id)
        for f in ctx.leer(lambda s: listar_miembros(s, mesa_id)):
            if f.titular and f.id != miembro_id:
                self.suplente_de.addItem(f.nombre, f.id)
        self.actor.currentIndexChanged.connect(self._actor_elegido)
        datos = ctx.leer(lambda s: obtener_miembro(s, miembro_id)) if miembro_id is not None else DatosMiembro(
            designado_en=hoy)
        self.fijar(datos)
        if self.solo_lectura:
            for editor in (self.nombre, self.cargo, self.institucion):
                editor.setReadOnly(True)
            for w in (self.actor, self.rol, self.titular, self.suplente_de, self.con_voto):
                w.setEnabled(False)
            self.designado.setReadOnly(True)
            self.hasta.setReadOnly(True)
        self._fijar_titulo(_("Nuevo miembro") if miembro_id is None else _("Miembro de la mesa"))
        self.actor.setFocus()

    def _pagina(self) -> QWidget:
        self.actor = ComboBuscable()
        self.actor.setMinimumContentsLength(30)
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Si se deja vacío, el del actor"))
        self.cargo = QLineEdit()
        self.cargo.setPlaceholderText(_("Por ejemplo: Directora de la USF"))
        self.institucion = QLineEdit()
        self.rol = combo_de(ROLES_MIEMBRO)
        self.titular = QComboBox()
        self.titular.addItem(_("Titular"), True)
        self.titular.addItem(_("Suplente"), False)
        self.titular.currentIndexChanged.connect(self._titular_cambiado)
        self.suplente_de = QComboBox()
        self.suplente_de.addItem(_("(cualquier titular de su institución)"), None)
        self.con_voto = QCheckBox(_("Tiene voto (cuenta para el quórum)"))
        self.designado = CampoFecha()
        self.designado.setMaximumWidth(170)
        self.hasta = CampoFecha()
        self.hasta.setMaximumWidth(170)
        f = self._formulario()
        self._campo(f, 0, "actor_id", _("&Actor:"), self.actor,
                    ayuda=_("La persona o institución registrada en Actores; nombre, cargo e institución se copian "
                            "si se dejan vacíos."))
        self._campo(f, 0, "nombre", _("&Nombre:"), self.nombre)
        self._campo(f, 0, "cargo", _("&Cargo:"), self.cargo)
        self._campo(f, 0, "institucion", _("&Institución:"), self.institucion)
        self._campo(f, 0, "rol", _("&Rol:"), self.rol)
        self._campo(f, 0, "titular", _("&Titular o suplente:"), self.titular)
        self._campo(f, 0, "suplente_de_id", _("&Suplente de:"), self.suplente_de)
        self._campo(f, 0, "con_voto", "", self.con_voto)
        self._campo(f, 0, "designado_en", _("&Designado el:"), self.designado, foco=self.designado.editor)
        self._campo(f, 0, "hasta", _("&Hasta:"), self.hasta, foco=self.hasta.editor,
                    ayuda=_("Vacío: sigue en funciones."))
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _titular_cambiado(self) -> None:
        self.suplente_de.setEnabled(self.titular.currentData() is False and not self.solo_lectura)

    def _actor_elegido(self) -> None:
        f = self._actores.get(self.actor.currentData())
        if f is None:
            return
        # Hints only: the service copies the actor's data when these stay empty.
        self.nombre.setPlaceholderText(f.nombre)
        self.cargo.setPlaceholderText(f.cargo or _("Por ejemplo: Directora de la USF"))
        self.institucion.setPlaceholderText(f.institucion)

    def fijar(self, d: DatosMiembro) -> None:
        self.actor.setCurrentIndex(max(0, self.actor.findData(d.actor_id)))
        self.nombre.setText(d.nombre)
        self.cargo.setText(d.cargo)
        self.institucion.setText(d.institucion)
        self.rol.setCurrentIndex(max(0, self.rol.findData(d.rol)))
        self.titular.setCurrentIndex(0 if d.titular else 1)
        self.suplente_de.setCurrentIndex(max(0, self.suplente_de.findData(d.suplente_de_id)))
        self.con_voto.setChecked(bool(d.con_voto))
        self.designado.fijar(d.designado_en)
        self.hasta.fijar(d.hasta)
        self._titular_cambiado()
        self._actor_elegido()

    def datos(self) -> DatosMiembro:
        errores: dict[str, str] = {}
        titular = bool(self.titular.currentData())
        datos = DatosMiembro(
            actor_id=self.actor.currentData(), nombre=self.nombre.text(), cargo=self.cargo.text(),
            institucion=self.institucion.text(), rol=self.rol.currentData(), titular=titular,
            suplente_de_id=None if titular else self.suplente_de.currentData(), con_voto=self.con_voto.isChecked(),
            designado_en=_leer_fecha(self.designado, "designado_en", errores),
            hasta=_leer_fecha(self.hasta, "hasta", errores))
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.miembro_id = resultado

    def _mensaje_guardado(self, datos: DatosMiembro) -> str:
        return _("Miembro guardado.")

    def _comando(self, datos: DatosMiembro) -> ComandoServicio:
        nombre = corto(datos.nombre or self.actor.currentText())
        if self.miembro_id is None:
            mesa = self.mesa_id
            return ComandoServicio(
                self.ctx, _("Agregar a «{nombre}» a la mesa").format(nombre=nombre), "mesa",
                hacer=lambda s: agregar_miembro(s, mesa, datos),
                deshacer=lambda s, ident: eliminar_miembro(s, ident),
                rehacer=lambda s, copia: restaurar_miembro(s, copia),
            )
        ident = self.miembro_id
        return ComandoServicio(
            self.ctx, _("Modificar el miembro «{nombre}»").format(nombre=nombre), "mesa",
            hacer=lambda s: actualizar_miembro(s, ident, datos),
            deshacer=lambda s, anterior: actualizar_miembro(s, ident, anterior),
            rehacer=lambda s, _r: actualizar_miembro(s, ident, datos),
        )
