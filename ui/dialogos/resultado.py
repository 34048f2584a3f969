"""Ficha de un resultado del Plan de Acción (vii): código, eje estratégico, descripción y las necesidades
priorizadas que responde (una lista para marcar, en el orden de prioridad de la comunidad). Guardar es deshacible."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.i18n import _, traducir
from nucleo.modelo.oportunidad import PILARES
from nucleo.servicios.necesidades import listar_necesidades
from nucleo.servicios.plan import (
    DatosResultado,
    actualizar_resultado,
    crear_resultado,
    eliminar_resultado,
    obtener_resultado,
    restaurar_resultado,
    resumen_plan,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.estilo import TEXTO_SECUNDARIO


def texto_prioridad(prioridad: int | None) -> str:
    """«Prioridad 1» o «Sin priorizar», como lo dice la comunidad."""
    if prioridad is None:
        return _("Sin priorizar")
    return _("Prioridad {n}").format(n=formato.entero(prioridad))


class DialogoResultado(DialogoFormulario):
    """`DialogoResultado(ctx, plan_id)` crea; `DialogoResultado(ctx, plan_id, resultado_id)` edita. Tras aceptar,
    `resultado_id` es el id guardado."""

    def __init__(self, ctx: Contexto, plan_id: int, resultado_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False, territorio_id: int | None = None):
        super().__init__(ctx, parent, solo_lectura)
        self.plan_id = plan_id
        self.resultado_id = resultado_id
        self.territorio_id = territorio_id
        self.setMinimumSize(620, 540)
        self.resize(720, 620)

        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        f = self._formulario()
        self.codigo = QLineEdit()
        self.codigo.setMaximumWidth(120)
        self.codigo.setPlaceholderText(_("automático"))
        self.pilar = QComboBox()
        self.pilar.addItem(_("— Sin eje —"), "")
        for clave, texto in PILARES.items():
            self.pilar.addItem(traducir(texto), clave)
        self.pilar.setMaximumWidth(340)
        self.descripcion = QPlainTextEdit()
        self.descripcion.setTabChangesFocus(True)
        self.descripcion.setMinimumHeight(70)
        self.descripcion.setMaximumHeight(110)
        self.descripcion.setPlaceholderText(_("Una condición observable que se quiere lograr, por ejemplo: «Niñas y "
                                              "niños de 6 a 12 años acompañados por la tarde con merienda»"))
        self.necesidades = QListWidget()
        self.necesidades.setAccessibleName(_("Necesidades que responde"))
        self.necesidades.setMinimumHeight(160)
        self._campo(f, 0, "codigo", _("&Código:"), self.codigo, ayuda=_("Vacío: R1, R2… según el orden."))
        self._campo(f, 0, "pilar", _("&Eje estratégico:"), self.pilar)
        self._campo(f, 0, "descripcion", _("&Descripción:"), self.descripcion)
        self._campo(f, 0, "necesidades", _("&Necesidades que responde:"), self.necesidades,
                    ayuda=_("Las necesidades del diagnóstico, en el orden de prioridad de la comunidad. Marque con "
                            "la barra espaciadora."))
        capa.addLayout(f)
        self.agregar_pestana(pagina, _("Resultado"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()

        self._cargar_necesidades()
        if resultado_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_resultado(s, resultado_id)))
        if self.solo_lectura:
            self.codigo.setReadOnly(True)
            self.descripcion.setReadOnly(True)
            self.pilar.setEnabled(False)
            for i in range(self.necesidades.count()):
                item = self.necesidades.item(i)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        self._fijar_titulo(_("Nuevo resultado") if resultado_id is None else _("Resultado"))
        self.descripcion.setFocus()

    def _cargar_necesidades(self) -> None:
        mid, pid = self.ctx.municipio_id, self.plan_id
        tid = self.territorio_id
        if tid is None:  # the day does not matter: only the plan's territory is read
            tid = self.ctx.leer(lambda s: resumen_plan(s, pid, date.today()).territorio_id)
        filas = self.ctx.leer(lambda s: listar_necesidades(s, mid, tid))
        for f in filas:  # the service lists them in community priority order
            item = QListWidgetItem(f"{texto_prioridad(f.prioridad)} · {f.descripcion}")
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(f.descripcion)
            if f.prioridad is None:
                item.setForeground(QBrush(QColor(TEXTO_SECUNDARIO)))
            self.necesidades.addItem(item)
        if not filas:
            item = QListWidgetItem(_("El diagnóstico de este territorio todavía no tiene necesidades."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.necesidades.addItem(item)

    def fijar(self, d: DatosResultado) -> None:
        self.codigo.setText(d.codigo)
        self.pilar.setCurrentIndex(max(0, self.pilar.findData(d.pilar)))
        self.descripcion.setPlainText(d.descripcion)
        for i in range(self.necesidades.count()):
            item = self.necesidades.item(i)
            if item.data(Qt.ItemDataRole.UserRole) is not None:
                marcada = item.data(Qt.ItemDataRole.UserRole) in d.necesidades
                item.setCheckState(Qt.CheckState.Checked if marcada else Qt.CheckState.Unchecked)

    def marcadas(self) -> tuple[int, ...]:
        return tuple(self.necesidades.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.necesidades.count())
                     if self.necesidades.item(i).checkState() == Qt.CheckState.Checked)

    def datos(self) -> DatosResultado:
        return DatosResultado(descripcion=self.descripcion.toPlainText().strip(), codigo=self.codigo.text().strip(),
                              pilar=self.pilar.currentData(), necesidades=self.marcadas())

    def _comando(self, datos: DatosResultado) -> ComandoServicio:
        pid = self.plan_id
        if self.resultado_id is None:
            return ComandoServicio(
                self.ctx, _("Crear un resultado del plan"), "resultado",
                hacer=lambda s: crear_resultado(s, pid, datos),
                deshacer=lambda s, rid: eliminar_resultado(s, rid),
                rehacer=lambda s, copia: restaurar_resultado(s, copia),
            )
        rid = self.resultado_id
        return ComandoServicio(
            self.ctx, _("Modificar el resultado {codigo}").format(codigo=datos.codigo), "resultado",
            hacer=lambda s: actualizar_resultado(s, rid, datos),
            deshacer=lambda s, anterior: actualizar_resultado(s, rid, anterior),
            rehacer=lambda s, _r: actualizar_resultado(s, rid, datos),
        )

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.resultado_id = resultado

    def _mensaje_guardado(self, datos: DatosResultado) -> str:
        return _("Resultado guardado. Ctrl+Z lo deshace.")
