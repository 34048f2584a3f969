"""Un acuerdo de la sesión (texto, responsable, plazo, votos), su cumplimiento y su paso a Actividad de un plan."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo.mesa import ESTADOS_ACUERDO
from nucleo.servicios.actores import listar_actores
from nucleo.servicios.plan import etiqueta_estado, nodos_del_plan, planes_del_municipio
from nucleo.servicios.sesiones import (
    DatosAcuerdo,
    actualizar_acuerdo,
    agregar_acuerdo,
    eliminar_acuerdo,
    obtener_acuerdo,
    restaurar_acuerdo,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario, etiqueta_ayuda
from ui.dialogos.mesa import combo_de, corto
from ui.estilo import ERROR
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.combo_busqueda import ComboBuscable

SIN_PUNTO = _("(ningún punto en particular)")


class DialogoAcuerdo(DialogoFormulario):
    """`DialogoAcuerdo(ctx, sesion_id, puntos=[(id, «2. Título»)])` agrega un acuerdo; con `acuerdo_id` lo edita.
    `congelado`: el acta está firmada; solo el estado y el cumplimiento se modifican."""

    def __init__(self, ctx: Contexto, sesion_id: int, acuerdo_id: int | None = None,
                 puntos: list[tuple[int, str]] = (), punto_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False, congelado: bool = False):
        super().__init__(ctx, parent, solo_lectura)
        self.sesion_id = sesion_id
        self.acuerdo_id = acuerdo_id
        self.congelado = congelado
        self.setMinimumSize(560, 540)
        self.resize(620, 600)
        self.agregar_pestana(self._pagina(), _("Acuerdo"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        self.punto.addItem(SIN_PUNTO, None)
        for ident, texto in puntos:
            self.punto.addItem(corto(texto, 70), ident)
        mid = ctx.municipio_id
        self.responsable.addItem(_("(otro: escribir abajo)"), None)
        for f in ctx.leer(lambda s: listar_actores(s, mid)):
            self.responsable.addItem(f.nombre, f.id)
        datos = ctx.leer(lambda s: obtener_acuerdo(s, acuerdo_id)) if acuerdo_id is not None else DatosAcuerdo(
            punto_id=punto_id)
        self.fijar(datos)
        if self.solo_lectura or congelado:
            self.texto.setReadOnly(True)
            self.responsable_texto.setReadOnly(True)
            self.plazo.setReadOnly(True)
            for w in (self.punto, self.responsable, self.votado, self.favor, self.contra, self.abstenciones):
                w.setEnabled(False)
        if self.solo_lectura:
            self.estado.setEnabled(False)
            self.cumplido.setReadOnly(True)
        self._fijar_titulo(_("Nuevo acuerdo") if acuerdo_id is None else _("Acuerdo"))
        (self.estado if congelado else self.texto).setFocus()

    def _pagina(self) -> QWidget:
        self.aviso = etiqueta_ayuda(_("El acta de esta sesión está firmada: el texto, el responsable y el plazo ya no "
                                      "cambian; se registra el seguimiento (estado y cumplimiento)."), ERROR)
        self.texto = QPlainTextEdit()
        self.texto.setTabChangesFocus(True)
        self.texto.setFixedHeight(80)
        self.texto.setPlaceholderText(_("Qué se acordó, en una o dos frases"))
        self.punto = QComboBox()
        self.responsable = ComboBuscable()
        self.responsable.setMinimumContentsLength(28)
        self.responsable_texto = QLineEdit()
        self.responsable_texto.setPlaceholderText(_("Si no es un actor registrado: quién responde"))
        self.plazo = CampoFecha()
        self.plazo.setMaximumWidth(170)
        self.estado = combo_de(ESTADOS_ACUERDO)
        self.estado.currentIndexChanged.connect(self._estado_cambiado)
        self.cumplido = CampoFecha()
        self.cumplido.setMaximumWidth(170)
        self.votado = QCheckBox(_("Se votó (si no, fue por consenso)"))
        self.favor, self.contra, self.abstenciones = (QSpinBox(), QSpinBox(), QSpinBox())
        votos = QWidget()
        capa_votos = QHBoxLayout(votos)
        capa_votos.setContentsMargins(0, 0, 0, 0)
        for texto, caja in ((_("A &favor:"), self.favor), (_("En c&ontra:"), self.contra),
                            (_("A&bstenciones:"), self.abstenciones)):
            caja.setRange(0, 999)
            etiqueta = QLabel(texto)
            etiqueta.setBuddy(caja)
            capa_votos.addWidget(etiqueta)
            capa_votos.addWidget(caja)
            capa_votos.addSpacing(8)
        capa_votos.addStretch(1)
        self.votado.toggled.connect(self._votado_cambiado)
        self.notas = QPlainTextEdit()
        self.notas.setTabChangesFocus(True)
        self.notas.setFixedHeight(50)
        f = self._formulario()
        f.addRow(self.aviso)
        self._campo(f, 0, "texto", _("&Acuerdo:"), self.texto)
        self._campo(f, 0, "punto_id", _("&Punto:"), self.punto)
        self._campo(f, 0, "responsable_id", _("&Responsable:"), self.responsable)
        self._campo(f, 0, "responsable_texto", "", self.responsable_texto)
        self._campo(f, 0, "plazo", _("Pla&zo:"), self.plazo, foco=self.plazo.editor)
        self._campo(f, 0, "estado", _("&Estado:"), self.estado)
        self._campo(f, 0, "cumplido_en", _("C&umplido el:"), self.cumplido, foco=self.cumplido.editor)
        self._campo(f, 0, "votado", _("Votación:"), self.votado)
        self._campo(f, 0, "votos_favor", "", votos, foco=self.favor)
        self._campo(f, 0, "notas", _("N&otas:"), self.notas)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _estado_cambiado(self) -> None:
        cumplido = self.estado.currentData() == "cumplido"
        self.cumplido.setEnabled(cumplido)

    def _votado_cambiado(self) -> None:
        activo = self.votado.isChecked() and not (self.solo_lectura or self.congelado)
        for caja in (self.favor, self.contra, self.abstenciones):
            caja.setEnabled(activo)

    def fijar(self, d: DatosAcuerdo) -> None:
        self.aviso.setVisible(self.congelado)
        self.texto.setPlainText(d.texto)
        self.punto.setCurrentIndex(max(0, self.punto.findData(d.punto_id)))
        self.responsable.setCurrentIndex(max(0, self.responsable.findData(d.responsable_id)))
        self.responsable_texto.setText(d.responsable_texto if d.responsable_id is None else "")
        self.plazo.fijar(d.plazo)
        self.estado.setCurrentIndex(max(0, self.estado.findData(d.estado)))
        self.cumplido.fijar(d.cumplido_en)
        votado = any(v is not None for v in (d.votos_favor, d.votos_contra, d.abstenciones))
        self.votado.setChecked(votado)
        self.favor.setValue(d.votos_favor or 0)
        self.contra.setValue(d.votos_contra or 0)
        self.abstenciones.setValue(d.abstenciones or 0)
        self.notas.setPlainText(d.notas)
        self._estado_cambiado()
        self._votado_cambiado()

    def datos(self) -> DatosAcuerdo:
        errores: dict[str, str] = {}
        fechas = {}
        for campo, editor in (("plazo", self.plazo), ("cumplido_en", self.cumplido)):
            try:
                fechas[campo] = editor.fecha()
            except ValueError as exc:
                errores[campo] = str(exc)
                fechas[campo] = None
        if errores:
            raise ErroresDeValidacion(errores)
        votado = self.votado.isChecked()
        responsable_id = self.responsable.currentData()
        return DatosAcuerdo(
            texto=self.texto.toPlainText(), punto_id=self.punto.currentData(), responsable_id=responsable_id,
            responsable_texto=self.responsable_texto.text() if responsable_id is None else "",
            plazo=fechas["plazo"], estado=self.estado.currentData(),
            cumplido_en=fechas["cumplido_en"] if self.estado.currentData() == "cumplido" else None,
            votos_favor=self.favor.value() if votado else None, votos_contra=self.contra.value() if votado else None,
            abstenciones=self.abstenciones.value() if votado else None, notas=self.notas.toPlainText())

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.acuerdo_id = resultado

    def _mensaje_guardado(self, datos: DatosAcuerdo) -> str:
        return _("Acuerdo guardado.")

    def _comando(self, datos: DatosAcuerdo) -> ComandoServicio:
        texto = corto(datos.texto)
        if self.acuerdo_id is None:
            sid = self.sesion_id
            return ComandoServicio(
                self.ctx, _("Agregar el acuerdo «{texto}»").format(texto=texto), {"acuerdo", "sesion"},
                hacer=lambda s: agregar_acuerdo(s, sid, datos),
                deshacer=lambda s, ident: eliminar_acuerdo(s, ident),
                rehacer=lambda s, copia: restaurar_acuerdo(s, copia),
            )
        ident = self.acuerdo_id
        return ComandoServicio(
            self.ctx, _("Modificar el acuerdo «{texto}»").format(texto=texto), {"acuerdo", "sesion"},
            hacer=lambda s: actualizar_acuerdo(s, ident, datos),
            deshacer=lambda s, anterior: actualizar_acuerdo(s, ident, anterior),
            rehacer=lambda s, _r: actualizar_acuerdo(s, ident, datos),
        )


class _DialogoSimple(QDialog):
    """Un formulario corto con Aceptar/Cancelar y una línea de error."""

    def __init__(self, titulo: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(titulo)
        self.formulario = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR};")
        self.error.hide()
        self.botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.botones.accepted.connect(self.aceptar)
        self.botones.rejected.connect(self.reject)
        capa = QVBoxLayout(self)
        capa.addLayout(self.formulario)
        capa.addWidget(self.error)
        capa.addWidget(self.botones)

    def mostrar_error(self, texto: str) -> None:
        self.error.setText(texto)
        self.error.show()

    def aceptar(self) -> None:
        self.accept()


class DialogoCumplido(_DialogoSimple):
    """Pide la fecha en que el acuerdo se cumplió (hoy, de entrada)."""

    def __init__(self, texto: str, hoy: date, parent: QWidget | None = None):
        super().__init__(_("Acuerdo cumplido"), parent)
        etiqueta = QLabel(_("«{texto}»").format(texto=corto(texto, 90)))
        etiqueta.setWordWrap(True)
        self.formulario.addRow(etiqueta)
        self.fecha = CampoFecha(valor=hoy)
        self.fecha.setMaximumWidth(170)
        self.formulario.addRow(_("&Cumplido el:"), self.fecha)
        self.formulario.labelForField(self.fecha).setBuddy(self.fecha.editor)
        self.valor: date | None = hoy
        self.fecha.setFocus()

    def aceptar(self) -> None:
        try:
            valor = self.fecha.fecha()
        except ValueError as exc:
            self.mostrar_error(str(exc))
            return
        if valor is None:
            self.mostrar_error(_("Escriba la fecha en que se cumplió."))
            return
        self.valor = valor
        self.accept()


class DialogoConvertir(_DialogoSimple):
    """Elegir el plan (y, si se quiere, la actividad que la agrupa) donde el acuerdo pasa a ser una Actividad."""

    def __init__(self, ctx: Contexto, texto: str, parent: QWidget | None = None):
        super().__init__(_("Convertir el acuerdo en actividad"), parent)
        self.ctx = ctx
        self.setMinimumWidth(560)
        etiqueta = QLabel(_("Se crea una actividad con el texto, el responsable y el plazo del acuerdo, vinculada a "
                            "él:<br><b>{texto}</b>").format(texto=corto(texto, 120)))
        etiqueta.setWordWrap(True)
        etiqueta.setTextFormat(Qt.TextFormat.RichText)
        self.formulario.addRow(etiqueta)
        self.plan = QComboBox()
        self.padre = QComboBox()
        self.padre.setMinimumContentsLength(30)
        mid = ctx.municipio_id
        editable = -1
        for ident, nombre, estado in ctx.leer(lambda s: planes_del_municipio(s, mid)):
            self.plan.addItem(f"{nombre} ({etiqueta_estado(estado)})", ident)
            if editable < 0 and estado in ("borrador", "en_revision"):
                editable = self.plan.count() - 1
        # The first plan that accepts new activities, rather than one the service would refuse.
        self.plan.setCurrentIndex(max(0, editable))
        self.formulario.addRow(_("&Plan:"), self.plan)
        self.formulario.labelForField(self.plan).setBuddy(self.plan)
        self.formulario.addRow(_("&Dentro de:"), self.padre)
        self.formulario.labelForField(self.padre).setBuddy(self.padre)
        self.formulario.addRow(etiqueta_ayuda(_("Solo un plan en borrador o en revisión admite actividades nuevas.")))
        self.plan.currentIndexChanged.connect(self._plan_elegido)
        self._plan_elegido()
        self.plan_id: int | None = None
        self.padre_id: int | None = None
        self.plan.setFocus()

    def _plan_elegido(self) -> None:
        self.padre.clear()
        self.padre.addItem(_("(en el primer nivel del plan)"), None)
        pid = self.plan.currentData()
        if pid is None:
            return
        for n in self.ctx.leer(lambda s: nodos_del_plan(s, pid)):
            self.padre.addItem("    " * n.nivel + f"{n.codigo} {corto(n.nombre, 60)}", n.id)

    def aceptar(self) -> None:
        if self.plan.currentData() is None:
            self.mostrar_error(_("El municipio no tiene planes de acción: cree uno en la página Plan de Acción."))
            return
        self.plan_id = self.plan.currentData()
        self.padre_id = self.padre.currentData()
        self.accept()


def comando_convertir(ctx: Contexto, acuerdo_id: int, texto: str, plan_id: int,
                      padre_id: int | None) -> ComandoServicio:
    """Crea la actividad y la vincula; deshacer la desvincula y la elimina (rehacer la crea de nuevo)."""
    from nucleo.servicios.actividades import eliminar_actividad
    from nucleo.servicios.sesiones import acuerdo_a_actividad, desvincular_actividad

    def deshacer(s, actividad_id: int) -> None:
        desvincular_actividad(s, acuerdo_id)
        eliminar_actividad(s, actividad_id)

    return ComandoServicio(
        ctx, _("Convertir en actividad el acuerdo «{texto}»").format(texto=corto(texto)),
        {"acuerdo", "actividad", "plan"},
        hacer=lambda s: acuerdo_a_actividad(s, acuerdo_id, plan_id, padre_id),
        deshacer=deshacer,
    )


def comando_estado(ctx: Contexto, acuerdo_id: int, texto: str, estado: str,
                   cumplido_en: date | None = None) -> ComandoServicio:
    from nucleo.servicios.sesiones import cambiar_estado_acuerdo

    return ComandoServicio(
        ctx, _("Marcar como «{estado}» el acuerdo «{texto}»").format(
            estado=traducir(ESTADOS_ACUERDO.get(estado, estado)), texto=corto(texto)), {"acuerdo", "sesion"},
        hacer=lambda s: cambiar_estado_acuerdo(s, acuerdo_id, estado, cumplido_en),
        deshacer=lambda s, anterior: cambiar_estado_acuerdo(s, acuerdo_id, *anterior),
        rehacer=lambda s, _r: cambiar_estado_acuerdo(s, acuerdo_id, estado, cumplido_en),
    )


def pedir_estado(ctx: Contexto, parent: QWidget, acuerdo_id: int, texto: str, estado: str,
                 hoy: date) -> bool:
    """Cambia el estado de un acuerdo (pide la fecha si es «cumplido»), con deshacer. True si cambió."""
    from ui.errores import mostrar_error_de_usuario

    cumplido_en = None
    if estado == "cumplido":
        dialogo = DialogoCumplido(texto, hoy, parent)
        if dialogo.exec() != QDialog.DialogCode.Accepted:
            return False
        cumplido_en = dialogo.valor
    try:
        ctx.ejecutar(comando_estado(ctx, acuerdo_id, texto, estado, cumplido_en))
    except ErrorDeUsuario as exc:
        mostrar_error_de_usuario(parent, exc)
        return False
    ctx.mensaje.emit(_("Acuerdo marcado como «{estado}».").format(estado=traducir(ESTADOS_ACUERDO[estado])))
    return True


def convertir_en_actividad(ctx: Contexto, parent: QWidget, acuerdo) -> bool:
    """Pide el plan (y la actividad que la agrupa) y convierte el acuerdo `acuerdo` (FilaAcuerdo), con deshacer."""
    from ui.errores import mostrar_error_de_usuario

    dialogo = DialogoConvertir(ctx, acuerdo.texto, parent)
    try:
        if dialogo.exec() != QDialog.DialogCode.Accepted or dialogo.plan_id is None:
            return False
        comando = comando_convertir(ctx, acuerdo.id, acuerdo.texto, dialogo.plan_id, dialogo.padre_id)
        try:
            ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            mostrar_error_de_usuario(parent, exc)
            return False
    finally:
        dialogo.deleteLater()
    ctx.mensaje.emit(_("El acuerdo ya es una actividad del plan (queda vinculado a ella)."))
    return True
