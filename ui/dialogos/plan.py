"""Crear el Plan de Acción de un territorio: título, fecha de inicio y objetivo (lo demás se escribe en la pestaña
«Plan»). Crear es una orden deshacible: Ctrl+Z elimina el plan recién creado, Ctrl+Y lo restaura con el mismo id."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.plan import DatosPlan, crear_plan, eliminar_plan, restaurar_plan
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario, etiqueta_ayuda
from ui.widgets.campo_fecha import CampoFecha


def inicio_sugerido(ctx: Contexto, hoy: date) -> date:
    """El próximo día hábil del municipio: un plan se diseña hoy y empieza a ejecutarse después."""
    return ctx.leer(lambda s: calendario_de(s, ctx.municipio_id).dia_habil_siguiente(hoy))


class DialogoPlan(DialogoFormulario):
    """`DialogoPlan(ctx, territorio_id, territorio)`; tras aceptar, `plan_id` es el id del plan creado."""

    def __init__(self, ctx: Contexto, territorio_id: int, territorio: str, parent: QWidget | None = None,
                 hoy: date | None = None):
        super().__init__(ctx, parent)
        self.territorio_id = territorio_id
        self.territorio = territorio
        self.plan_id: int | None = None
        self.setMinimumWidth(560)
        self.resize(620, 420)

        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_(
            "El Plan de Acción es la respuesta concreta a las necesidades que priorizó la comunidad de «{territorio}». "
            "Después podrá escribir sus apartados (i a vii), sus resultados y sus actividades.").format(
            territorio=territorio)))
        f = self._formulario()
        self.titulo = QLineEdit()
        self.titulo.setPlaceholderText(_("Plan de Acción — {territorio}").format(territorio=territorio))
        self.inicio = CampoFecha(valor=inicio_sugerido(ctx, hoy or date.today()))
        self.inicio.setMaximumWidth(170)
        self.objetivo = QPlainTextEdit()
        self.objetivo.setTabChangesFocus(True)
        self.objetivo.setMinimumHeight(90)
        self.objetivo.setPlaceholderText(_("Qué cambio concreto busca el plan en la comunidad"))
        self._campo(f, 0, "titulo", _("&Título:"), self.titulo,
                    ayuda=_("Si lo deja vacío, se usa el del ejemplo."))
        self._campo(f, 0, "inicio", _("&Fecha de inicio:"), self.inicio,
                    ayuda=_("Las actividades sin predecesoras empiezan el primer día hábil desde esta fecha."))
        self._campo(f, 0, "objetivo", _("&Objetivo:"), self.objetivo)
        capa.addLayout(f)
        capa.addStretch(1)
        self.agregar_pestana(pagina, _("Plan de Acción"))
        self.pestanas.tabBar().hide()  # a single page: the tab would only add a frame
        self.pestanas.setDocumentMode(True)
        self.armar()
        self.boton_guardar.setText(_("Crear el plan"))
        self.setWindowTitle(_("Crear el Plan de Acción de «{territorio}»").format(territorio=territorio))
        self.titulo.setFocus()

    def datos(self) -> DatosPlan:
        try:
            inicio = self.inicio.fecha()
        except ValueError as exc:
            raise ErroresDeValidacion({"inicio": str(exc)}) from exc
        return DatosPlan(titulo=self.titulo.text().strip(), inicio=inicio, objetivo=self.objetivo.toPlainText())

    def _comando(self, datos: DatosPlan) -> ComandoServicio:
        mid, tid = self.ctx.municipio_id, self.territorio_id
        return ComandoServicio(
            self.ctx, _("Crear el Plan de Acción de «{territorio}»").format(territorio=self.territorio), "plan",
            hacer=lambda s: crear_plan(s, mid, tid, datos),
            deshacer=lambda s, pid: eliminar_plan(s, pid),
            rehacer=lambda s, copia: restaurar_plan(s, copia),
        )

    def _guardado(self, ident: int) -> None:
        self.plan_id = ident

    def _mensaje_guardado(self, datos: DatosPlan) -> str:
        return _("Plan de Acción de «{territorio}» creado. Ctrl+Z lo deshace.").format(territorio=self.territorio)
