"""Ficha de un riesgo del Plan de Acción (una fila de la matriz del documento 004), con guardado deshacible.

Pestañas: «Riesgo» (el escenario, la probabilidad y el impacto con el nivel que da la matriz del municipio en vivo,
responsable, estado y próxima revisión), «Respuesta» (signos de alerta, acciones preventivas, reducción de daños,
ajustes al programa) y «Actividades» (las del plan que el riesgo amenaza; el Cronograma las marca).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.riesgo import ESTADOS_RIESGO
from nucleo.servicios import riesgos as servicio
from nucleo.servicios.actividades import listar_actividades
from nucleo.servicios.actores import listar_actores
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor_simple import con_error
from ui.dialogos.formulario_pestanas import DialogoFormulario, etiqueta_ayuda
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.combo_busqueda import ComboBuscable
from ui.widgets.mapa_calor import texto_sobre

RIESGO, RESPUESTA, ACTIVIDADES = range(3)


def corto(texto: str, largo: int = 48) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


def _texto_largo(ayuda: str, alto: int = 70) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(alto)
    editor.setPlaceholderText(ayuda)
    return editor


class DialogoRiesgo(DialogoFormulario):
    """`DialogoRiesgo(ctx, plan_id)` agrega un riesgo al plan; con `riesgo_id` lo edita (o lo muestra, en solo
    lectura). Tras aceptar, `riesgo_id` es su id. `probabilidad`/`impacto` proponen la celda del mapa elegida."""

    def __init__(self, ctx: Contexto, plan_id: int, riesgo_id: int | None = None, parent: QWidget | None = None,
                 hoy: date | None = None, solo_lectura: bool = False, probabilidad: int | None = None,
                 impacto: int | None = None):
        super().__init__(ctx, parent, solo_lectura)
        self.plan_id = plan_id
        self.riesgo_id = riesgo_id
        self._hoy = hoy or date.today()
        self._territorio_id: int | None = None
        mid = ctx.municipio_id
        pid = plan_id
        hoy_ = self._hoy
        self.matriz, self.actores, self.actividades = ctx.leer(lambda s: (
            servicio.matriz_del_municipio(s, mid), listar_actores(s, mid),
            [a for a in listar_actividades(s, pid, hoy_) if not a.es_resumen]))
        self.setMinimumSize(640, 560)
        self.resize(720, 660)
        self.agregar_pestana(self._pagina_riesgo(), _("&Riesgo"))
        self.agregar_pestana(self._pagina_respuesta(), _("Res&puesta"))
        self.agregar_pestana(self._pagina_actividades(), _("Acti&vidades"))
        self.armar()
        if riesgo_id is not None:
            self.fijar(ctx.leer(lambda s: servicio.obtener_riesgo(s, riesgo_id)))
        else:
            self.fijar(servicio.DatosRiesgo(plan_id=plan_id, probabilidad=probabilidad or 3,
                                            impacto=impacto or 3))
        if self.solo_lectura:
            self._bloquear()
        self._fijar_titulo(_("Nuevo riesgo") if riesgo_id is None else _("Riesgo"))
        self.pestanas.setCurrentIndex(RIESGO)
        self.escenario.setFocus()

    # -- armado -----------------------------------------------------------------------------------------------
    def _combo_escala(self, etiquetas: list[str]) -> QComboBox:
        combo = QComboBox()
        for n, etiqueta in enumerate(etiquetas, start=1):
            combo.addItem(f"{n} · {etiqueta}", n)
        combo.currentIndexChanged.connect(lambda _i: self._mostrar_nivel())
        return combo

    def _pagina_riesgo(self) -> QWidget:
        self.escenario = _texto_largo(_("Qué podría pasar, por ejemplo: lluvias intensas cortan el camino y los "
                                        "materiales no llegan a la obra"), 64)
        self.probabilidad = self._combo_escala(self.matriz.probabilidad)
        self.impacto = self._combo_escala(self.matriz.impacto)
        self.chip_nivel = QLabel()
        self.chip_nivel.setAccessibleName(_("Nivel del riesgo"))
        self.accion_nivel = etiqueta_ayuda("")
        nivel = QWidget()
        capa_nivel = QVBoxLayout(nivel)
        capa_nivel.setContentsMargins(0, 0, 0, 0)
        capa_nivel.setSpacing(2)
        fila_chip = QHBoxLayout()
        fila_chip.addWidget(self.chip_nivel)
        fila_chip.addStretch(1)
        capa_nivel.addLayout(fila_chip)
        capa_nivel.addWidget(self.accion_nivel)

        self.responsable = ComboBuscable()
        self.responsable.addItem(_("— Sin responsable —"), None)
        for a in sorted(self.actores, key=lambda a: a.nombre.casefold()):
            self.responsable.addItem(a.nombre, a.id)
        self.responsable.setMinimumContentsLength(28)
        self.responsable.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.estado = QComboBox()
        for clave, texto in ESTADOS_RIESGO.items():
            self.estado.addItem(traducir(texto), clave)
        self.estado.setMaximumWidth(220)
        self.proxima_revision = CampoFecha()
        self.proxima_revision.setMaximumWidth(170)
        self.notas = _texto_largo(_("Lo que conviene recordar: fuentes, contactos, lo conversado en la mesa…"), 56)

        f = self._formulario()
        self._campo(f, RIESGO, "escenario", _("&Escenario de crisis:"), self.escenario)
        self._campo(f, RIESGO, "probabilidad", _("Pro&babilidad:"), self.probabilidad)
        self._campo(f, RIESGO, "impacto", _("&Impacto:"), self.impacto)
        etiqueta_nivel = QLabel(_("Nivel:"))
        f.addRow(etiqueta_nivel, nivel)
        self._campo(f, RIESGO, "responsable_id", _("Res&ponsable:"), self.responsable,
                    ayuda=_("Quién vigila los signos de alerta y pone en marcha las acciones."))
        self._campo(f, RIESGO, "estado", _("E&stado:"), self.estado)
        self._campo(f, RIESGO, "proxima_revision", _("Próxima re&visión:"), self.proxima_revision,
                    foco=self.proxima_revision.editor,
                    ayuda=_("Se avisa «por revisar» desde 2 días hábiles antes, mientras el riesgo siga abierto o "
                            "materializado."))
        self._campo(f, RIESGO, "notas", _("&Notas:"), self.notas)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _pagina_respuesta(self) -> QWidget:
        self.signos_alerta = _texto_largo(_("Qué indica que el escenario se acerca"))
        self.acciones_preventivas = _texto_largo(_("Qué se hace antes para evitarlo o achicarlo"))
        self.reduccion_danos = _texto_largo(_("Qué se hace si ocurre, para que el daño sea menor"))
        self.ajustes_programa = _texto_largo(_("Qué cambia del plan si ocurre: fechas, actividades, recursos"))
        f = self._formulario()
        self._campo(f, RESPUESTA, "signos_alerta", _("&Signos de alerta:"), self.signos_alerta)
        self._campo(f, RESPUESTA, "acciones_preventivas", _("Acciones &preventivas:"), self.acciones_preventivas)
        self._campo(f, RESPUESTA, "reduccion_danos", _("Reducción de &daños:"), self.reduccion_danos)
        self._campo(f, RESPUESTA, "ajustes_programa", _("A&justes al programa:"), self.ajustes_programa)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_("Las columnas de «Posibles obstáculos» (documento 004): qué anuncia la "
                                        "crisis, cómo prevenirla, cómo reducir sus daños y qué ajustar del "
                                        "programa.")))
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _pagina_actividades(self) -> QWidget:
        self.buscar_actividad = QLineEdit()
        self.buscar_actividad.setPlaceholderText(_("Buscar actividades…"))
        self.buscar_actividad.setClearButtonEnabled(True)
        self.buscar_actividad.setAccessibleName(_("Buscar actividades"))
        self.buscar_actividad.textChanged.connect(self._filtrar_actividades)
        self.lista_actividades = QListWidget()
        self.lista_actividades.setAccessibleName(_("Actividades del plan que el riesgo amenaza"))
        self.lista_actividades.setUniformItemSizes(True)
        for a in self.actividades:
            item = QListWidgetItem(f"{a.codigo} {' '.join(a.nombre.split())}")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            if a.inicio is not None and a.fin is not None:
                item.setToolTip(_("Del {inicio} al {fin}").format(inicio=formato.fecha(a.inicio),
                                                                  fin=formato.fecha(a.fin)))
            self.lista_actividades.addItem(item)
        self.lista_actividades.itemChanged.connect(lambda _i: self._contar_actividades())
        self.cuenta_actividades = etiqueta_ayuda("")
        caja, error = con_error(self.lista_actividades)
        self.registrar_campo("actividades", self.lista_actividades, error, ACTIVIDADES)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_("Marque las actividades del plan que este riesgo pone en peligro (Espacio "
                                        "marca la elegida). El Cronograma las señala con un triángulo mientras el "
                                        "riesgo siga abierto o materializado.")))
        capa.addWidget(self.buscar_actividad)
        capa.addWidget(caja, 1)
        capa.addWidget(self.cuenta_actividades)
        if not self.actividades:
            self.lista_actividades.hide()
            self.buscar_actividad.hide()
            capa.insertWidget(1, etiqueta_ayuda(_("El plan todavía no tiene actividades: cárguelas en la pestaña "
                                                  "«Cronograma».")))
        return pagina

    # -- nivel en vivo -----------------------------------------------------------------------------------------
    def _mostrar_nivel(self) -> None:
        p, i = self.probabilidad.currentData(), self.impacto.currentData()
        if p is None or i is None:
            return
        nivel = self.matriz.nivel(p, i)
        color = QColor(nivel.color)
        self.chip_nivel.setText(nivel.etiqueta)
        self.chip_nivel.setStyleSheet(f"background: {color.name()}; color: {texto_sobre(color).name()}; "
                                      "border-radius: 9px; padding: 2px 14px; font-weight: bold;")
        self.accion_nivel.setText(nivel.accion)
        self.chip_nivel.setAccessibleDescription(nivel.accion)

    def nivel_texto(self) -> str:
        return self.chip_nivel.text()

    # -- actividades ------------------------------------------------------------------------------------------
    def _items(self) -> list[QListWidgetItem]:
        return [self.lista_actividades.item(n) for n in range(self.lista_actividades.count())]

    def _filtrar_actividades(self, texto: str) -> None:
        texto = texto.strip().casefold()
        for item in self._items():
            item.setHidden(bool(texto) and texto not in item.text().casefold())

    def _contar_actividades(self) -> None:
        n = len(self.actividades_marcadas())
        self.cuenta_actividades.setText(
            n_("{n} actividad marcada", "{n} actividades marcadas", n).format(n=n) if n
            else _("Ninguna actividad marcada."))
        self.pestanas.setTabText(ACTIVIDADES, _("Acti&vidades ({n})").format(n=n) if n else _("Acti&vidades"))

    def actividades_marcadas(self) -> tuple[int, ...]:
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in self._items()
                     if item.checkState() == Qt.CheckState.Checked)

    def marcar_actividades(self, ids) -> None:
        ids = set(ids)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in ids
                               else Qt.CheckState.Unchecked)
        self._contar_actividades()

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar(self, d) -> None:
        self._territorio_id = d.territorio_id
        self.escenario.setPlainText(d.escenario)
        self.probabilidad.setCurrentIndex(max(0, self.probabilidad.findData(d.probabilidad)))
        self.impacto.setCurrentIndex(max(0, self.impacto.findData(d.impacto)))
        i = self.responsable.findData(d.responsable_id) if d.responsable_id is not None else 0
        self.responsable.setCurrentIndex(max(0, i))
        self.estado.setCurrentIndex(max(0, self.estado.findData(d.estado)))
        self.proxima_revision.fijar(d.proxima_revision)
        self.notas.setPlainText(d.notas)
        self.signos_alerta.setPlainText(d.signos_alerta)
        self.acciones_preventivas.setPlainText(d.acciones_preventivas)
        self.reduccion_danos.setPlainText(d.reduccion_danos)
        self.ajustes_programa.setPlainText(d.ajustes_programa)
        self.marcar_actividades(d.actividades)
        self._mostrar_nivel()

    def _leer(self):
        errores: dict[str, str] = {}
        try:
            revision = self.proxima_revision.fecha()
        except ValueError as exc:
            errores["proxima_revision"] = str(exc)
            revision = None
        datos = servicio.DatosRiesgo(
            plan_id=self.plan_id, territorio_id=self._territorio_id, escenario=self.escenario.toPlainText().strip(),
            signos_alerta=self.signos_alerta.toPlainText().strip(),
            acciones_preventivas=self.acciones_preventivas.toPlainText().strip(),
            reduccion_danos=self.reduccion_danos.toPlainText().strip(),
            ajustes_programa=self.ajustes_programa.toPlainText().strip(),
            probabilidad=self.probabilidad.currentData(), impacto=self.impacto.currentData(),
            responsable_id=self.responsable.currentData(), estado=self.estado.currentData(),
            proxima_revision=revision, notas=self.notas.toPlainText().strip(),
            actividades=self.actividades_marcadas(),
        )
        return datos, errores

    def datos(self):
        datos, errores = self._leer()
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.riesgo_id = resultado

    def _mensaje_guardado(self, datos) -> str:
        return _("Riesgo guardado.")

    def _comando(self, datos) -> ComandoServicio:
        resumen = corto(datos.escenario, 40)
        if self.riesgo_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Agregar el riesgo «{nombre}»").format(nombre=resumen), "riesgo",
                hacer=lambda s: servicio.crear_riesgo(s, mid, datos),
                deshacer=lambda s, rid: servicio.eliminar_riesgo(s, rid),
                rehacer=lambda s, copia: servicio.restaurar_riesgo(s, copia),
            )
        rid = self.riesgo_id
        return ComandoServicio(
            self.ctx, _("Modificar el riesgo «{nombre}»").format(nombre=resumen), "riesgo",
            hacer=lambda s: servicio.actualizar_riesgo(s, rid, datos),
            deshacer=lambda s, anterior: servicio.actualizar_riesgo(s, rid, anterior),
            rehacer=lambda s, nuevo: servicio.actualizar_riesgo(s, rid, nuevo),
        )

    def _bloquear(self) -> None:
        for editor in (self.escenario, self.notas, self.signos_alerta, self.acciones_preventivas,
                       self.reduccion_danos, self.ajustes_programa):
            editor.setReadOnly(True)
        self.proxima_revision.setReadOnly(True)
        for combo in (self.probabilidad, self.impacto, self.responsable, self.estado):
            combo.setEnabled(False)
        for item in self._items():
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)

