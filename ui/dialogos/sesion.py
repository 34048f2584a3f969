"""Convocar o corregir una sesión (fecha, hora, duración, lugar, tipo), un punto del orden del día y un invitado."""

from __future__ import annotations

import re
from datetime import date, time

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _
from nucleo.modelo.mesa import ESTADOS_SESION, TIPOS_SESION
from nucleo.servicios.sesiones import (
    DatosPunto,
    DatosSesion,
    actualizar_punto,
    actualizar_sesion,
    agregar_invitado,
    agregar_punto,
    crear_sesion,
    eliminar_punto,
    eliminar_sesion,
    obtener_sesion,
    quitar_invitado,
    restaurar_invitado,
    restaurar_punto,
    restaurar_sesion,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.dialogos.mesa import combo_de, corto
from ui.widgets.campo_fecha import CampoFecha

_HORA = re.compile(r"^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*(?:h|hs)?\s*$", re.IGNORECASE)


def texto_hora(h: time | None) -> str:
    return h.strftime("%H:%M") if h else ""


def leer_hora(texto: str) -> time | None:
    """«9», «9:30», «09.30», «18 h» -> time; vacío -> None; si no, ValueError con un mensaje en español."""
    if not texto.strip():
        return None
    m = _HORA.match(texto)
    if m:
        horas, minutos = int(m.group(1)), int(m.group(2) or 0)
        if horas < 24 and minutos < 60:
            return time(horas, minutos)
    raise ValueError(_("«{texto}» no es una hora: escríbala como 09:30 o 18:00.").format(texto=texto.strip()))


def _hora(editor: QLineEdit, campo: str, errores: dict[str, str]) -> time | None:
    try:
        return leer_hora(editor.text())
    except ValueError as exc:
        errores[campo] = str(exc)
        return None


def _editor_hora() -> QLineEdit:
    editor = QLineEdit()
    editor.setPlaceholderText(_("hh:mm"))
    editor.setMaxLength(6)
    editor.setMaximumWidth(90)
    return editor


class DialogoSesion(DialogoFormulario):
    """`DialogoSesion(ctx, mesa_id)` convoca una sesión; con `sesion_id` la corrige (también su estado y las horas
    reales de inicio y fin). Tras aceptar, `sesion_id` es su id."""

    def __init__(self, ctx: Contexto, mesa_id: int, sesion_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False, hoy: date | None = None, lugar: str = ""):
        super().__init__(ctx, parent, solo_lectura)
        self.mesa_id = mesa_id
        self.sesion_id = sesion_id
        self._hoy = hoy or date.today()
        self.setMinimumSize(520, 440)
        self.agregar_pestana(self._pagina(), _("Sesión"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        if self.boton_guardar is not None and sesion_id is None:
            self.boton_guardar.setText(_("Convocar"))
        if sesion_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_sesion(s, sesion_id)))
        else:
            self.fijar(DatosSesion(fecha=None, hora=time(9, 0), lugar=lugar, convocada_en=self._hoy))
        if self.solo_lectura:
            for editor in (self.hora, self.lugar, self.inicio, self.fin):
                editor.setReadOnly(True)
            self.fecha.setReadOnly(True)
            self.notas.setReadOnly(True)
            for w in (self.duracion, self.tipo, self.estado):
                w.setEnabled(False)
        self._fijar_titulo(_("Convocar sesión") if sesion_id is None else _("Sesión"))
        self.fecha.setFocus()

    def _pagina(self) -> QWidget:
        self.fecha = CampoFecha()
        self.fecha.setMaximumWidth(170)
        self.hora = _editor_hora()
        self.duracion = QSpinBox()
        self.duracion.setRange(0, 24 * 60)
        self.duracion.setSingleStep(15)
        self.duracion.setSuffix(" " + _("minutos"))
        self.duracion.setMaximumWidth(140)
        self.lugar = QLineEdit()
        self.tipo = combo_de(TIPOS_SESION)
        self.estado = combo_de(ESTADOS_SESION)
        self.inicio = _editor_hora()
        self.fin = _editor_hora()
        self.notas = QPlainTextEdit()
        self.notas.setTabChangesFocus(True)
        self.notas.setFixedHeight(60)
        f = self._formulario()
        self._campo(f, 0, "fecha", _("&Fecha:"), self.fecha, foco=self.fecha.editor)
        self._campo(f, 0, "hora", _("&Hora:"), self.hora)
        self._campo(f, 0, "duracion_prevista", _("&Duración prevista:"), self.duracion,
                    ayuda=_("El orden del día se compara con esta duración."))
        self._campo(f, 0, "lugar", _("&Lugar:"), self.lugar)
        self._campo(f, 0, "tipo", _("&Tipo:"), self.tipo)
        if self.sesion_id is not None:
            self._campo(f, 0, "estado", _("&Estado:"), self.estado)
            self._campo(f, 0, "hora_inicio", _("Comenzó a las:"), self.inicio)
            self._campo(f, 0, "hora_fin", _("Terminó a las:"), self.fin)
        self._campo(f, 0, "notas", _("N&otas:"), self.notas)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return pagina

    def fijar(self, d: DatosSesion) -> None:
        self._convocada_en = d.convocada_en
        self.fecha.fijar(d.fecha)
        self.hora.setText(texto_hora(d.hora))
        self.duracion.setValue(d.duracion_prevista or 0)
        self.lugar.setText(d.lugar)
        self.tipo.setCurrentIndex(max(0, self.tipo.findData(d.tipo)))
        self.estado.setCurrentIndex(max(0, self.estado.findData(d.estado)))
        self.inicio.setText(texto_hora(d.hora_inicio))
        self.fin.setText(texto_hora(d.hora_fin))
        self.notas.setPlainText(d.notas)

    def datos(self) -> DatosSesion:
        errores: dict[str, str] = {}
        try:
            fecha = self.fecha.fecha()
        except ValueError as exc:
            errores["fecha"] = str(exc)
            fecha = None
        datos = DatosSesion(
            fecha=fecha, hora=_hora(self.hora, "hora", errores), duracion_prevista=self.duracion.value(),
            lugar=self.lugar.text(), tipo=self.tipo.currentData(), estado=self.estado.currentData(),
            hora_inicio=_hora(self.inicio, "hora_inicio", errores), hora_fin=_hora(self.fin, "hora_fin", errores),
            convocada_en=self._convocada_en, notas=self.notas.toPlainText())
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.sesion_id = resultado

    def _mensaje_guardado(self, datos: DatosSesion) -> str:
        return _("Sesión guardada.") if self.sesion_id else _("Sesión convocada.")

    def _comando(self, datos: DatosSesion) -> ComandoServicio:
        if self.sesion_id is None:
            mesa = self.mesa_id
            return ComandoServicio(
                self.ctx, _("Convocar una sesión"), "sesion",
                hacer=lambda s: crear_sesion(s, mesa, datos),
                deshacer=lambda s, ident: eliminar_sesion(s, ident),
                rehacer=lambda s, copia: restaurar_sesion(s, copia),
            )
        ident = self.sesion_id
        return ComandoServicio(
            self.ctx, _("Modificar la sesión"), "sesion",
            hacer=lambda s: actualizar_sesion(s, ident, datos),
            deshacer=lambda s, anterior: actualizar_sesion(s, ident, anterior),
            rehacer=lambda s, _r: actualizar_sesion(s, ident, datos),
        )


class DialogoPunto(DialogoFormulario):
    """Un punto del orden del día: título, quién lo presenta y cuántos minutos se le dan. `actual` (DatosPunto)
    para editarlo; `despues_de` (id de punto) para agregarlo a continuación de otro."""

    def __init__(self, ctx: Contexto, sesion_id: int, punto_id: int | None = None, actual: DatosPunto | None = None,
                 despues_de: int | None = None, parent: QWidget | None = None, solo_lectura: bool = False):
        super().__init__(ctx, parent, solo_lectura)
        self.sesion_id = sesion_id
        self.punto_id = punto_id
        self.despues_de = despues_de
        self._desarrollo = actual.desarrollo if actual else ""
        self.setMinimumWidth(500)
        self.titulo = QLineEdit()
        self.titulo.setPlaceholderText(_("Por ejemplo: Informe del avance del Plan de Acción"))
        self.expositor = QLineEdit()
        self.expositor.setPlaceholderText(_("Quién lo presenta"))
        self.minutos = QSpinBox()
        self.minutos.setRange(0, 600)
        self.minutos.setSingleStep(5)
        self.minutos.setSuffix(" " + _("minutos"))
        self.minutos.setMaximumWidth(140)
        f = self._formulario()
        self._campo(f, 0, "titulo", _("&Tema:"), self.titulo)
        self._campo(f, 0, "expositor", _("&Presenta:"), self.expositor)
        self._campo(f, 0, "minutos", _("&Minutos:"), self.minutos)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        self.agregar_pestana(pagina, _("Punto"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        d = actual or DatosPunto()
        self.titulo.setText(d.titulo)
        self.expositor.setText(d.expositor)
        self.minutos.setValue(d.minutos or 0)
        if self.solo_lectura:
            self.titulo.setReadOnly(True)
            self.expositor.setReadOnly(True)
            self.minutos.setEnabled(False)
        self._fijar_titulo(_("Nuevo punto del orden del día") if punto_id is None else _("Punto del orden del día"))
        self.titulo.setFocus()

    def datos(self) -> DatosPunto:
        return DatosPunto(titulo=self.titulo.text(), expositor=self.expositor.text(), minutos=self.minutos.value(),
                          desarrollo=self._desarrollo)

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.punto_id = resultado

    def _mensaje_guardado(self, datos: DatosPunto) -> str:
        return _("Punto del orden del día guardado.")

    def _comando(self, datos: DatosPunto) -> ComandoServicio:
        titulo = corto(datos.titulo)
        if self.punto_id is None:
            sid, despues = self.sesion_id, self.despues_de
            return ComandoServicio(
                self.ctx, _("Agregar el punto «{titulo}»").format(titulo=titulo), "sesion",
                hacer=lambda s: agregar_punto(s, sid, datos, despues_de=despues),
                deshacer=lambda s, ident: eliminar_punto(s, ident),
                rehacer=lambda s, copia: restaurar_punto(s, copia),
            )
        ident = self.punto_id
        return ComandoServicio(
            self.ctx, _("Modificar el punto «{titulo}»").format(titulo=titulo), "sesion",
            hacer=lambda s: actualizar_punto(s, ident, datos),
            deshacer=lambda s, anterior: actualizar_punto(s, ident, anterior),
            rehacer=lambda s, _r: actualizar_punto(s, ident, datos),
        )


class DialogoInvitado(DialogoFormulario):
    """Un invitado a la sesión (no es miembro ni vota): nombre, cargo e institución."""

    def __init__(self, ctx: Contexto, sesion_id: int, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.sesion_id = sesion_id
        self.asistencia_id: int | None = None
        self.setMinimumWidth(460)
        self.nombre = QLineEdit()
        self.cargo = QLineEdit()
        self.institucion = QLineEdit()
        f = self._formulario()
        self._campo(f, 0, "nombre", _("&Nombre:"), self.nombre)
        self._campo(f, 0, "cargo", _("&Cargo:"), self.cargo)
        self._campo(f, 0, "institucion", _("&Institución:"), self.institucion)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        self.agregar_pestana(pagina, _("Invitado"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        self._fijar_titulo(_("Agregar un invitado"))
        self.nombre.setFocus()

    def datos(self) -> tuple[str, str, str]:
        return self.nombre.text(), self.cargo.text(), self.institucion.text()

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.asistencia_id = resultado

    def _mensaje_guardado(self, datos) -> str:
        return _("Invitado agregado.")

    def _comando(self, datos) -> ComandoServicio:
        nombre, cargo, institucion = datos
        sid = self.sesion_id
        return ComandoServicio(
            self.ctx, _("Agregar al invitado «{nombre}»").format(nombre=corto(nombre)), "sesion",
            hacer=lambda s: agregar_invitado(s, sid, nombre, cargo, institucion),
            deshacer=lambda s, ident: quitar_invitado(s, ident),
            rehacer=lambda s, copia: restaurar_invitado(s, copia),
        )
