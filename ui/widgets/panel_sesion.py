"""La pantalla de una sesión: cabecera, el quórum en vivo, el acta (crear, aprobar, firmar, imprimir) y tres
pestañas: la asistencia (Presente / Ausente / Con aviso con un clic o las teclas P, A y J), el orden del día con lo
tratado en cada punto, y los acuerdos.

Todo cambio pasa por los servicios con una orden deshacible; el quórum lo calcula el servicio y se vuelve a leer
tras cada marca. Con el acta firmada la sesión queda de solo lectura, salvo el seguimiento de los acuerdos.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.mesa import ESTADOS_ACTA, ESTADOS_ACUERDO
from nucleo.servicios.sesiones import EstadoSesion, estado_de_sesion
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.mesa import corto
from ui.errores import mostrar_error_de_usuario
from ui.estilo import (
    AVISO_BORDE,
    AVISO_FONDO,
    AVISO_TEXTO,
    COLORES_SEMAFORO,
    TEXTO_SECUNDARIO,
    fuente_relativa,
    marcar_tarjeta,
)
from ui.modelos.acuerdos import color_acuerdo, texto_semaforo, votos
from ui.modelos.asistencia import ModeloAsistencia, TablaAsistencia
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.ordenes import accion_agregada as _accion
from ui.widgets.ordenes import barra_de_ordenes
from ui.widgets.seleccion import id_elegido
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"sesion", "acuerdo", "mesa", "actor", "actividad"})
VERDE, ROJO = COLORES_SEMAFORO["al_dia"], COLORES_SEMAFORO["vencida"]
COLOR_ACTA = {"borrador": COLORES_SEMAFORO["sin_fecha"], "aprobada": COLORES_SEMAFORO["por_vencer"],
              "firmada": COLORES_SEMAFORO["cumplida"]}


def _tabla(modelo, parent: QWidget | None = None, cls=QTableView) -> QTableView:
    t = tabla_de_registros(modelo, parent, clase=cls)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    return t


def _minutos(n: int) -> str:
    return n_("{n} minuto", "{n} minutos", n).format(n=formato.entero(n))


COLUMNAS_PUNTOS: list[Columna] = [
    Columna(_("N.º"), lambda f: formato.entero(f.orden), orden=lambda f: f.orden, derecha=True),
    Columna(_("Tema"), lambda f: f.titulo),
    Columna(_("Presenta"), lambda f: f.expositor or "—"),
    Columna(_("Minutos"), lambda f: formato.entero(f.minutos), orden=lambda f: f.minutos, derecha=True),
    Columna(_("Lo tratado"), lambda f: _("Escrito") if f.desarrollo.strip() else "—",
            color=lambda f: VERDE if f.desarrollo.strip() else None),
    Columna(_("Acuerdos"), lambda f: formato.entero(f.n_acuerdos) if f.n_acuerdos else "—",
            orden=lambda f: f.n_acuerdos, derecha=True),
]

COLUMNAS_ACUERDOS: list[Columna] = [
    Columna(_("N.º"), lambda f: formato.entero(f.orden), orden=lambda f: f.orden, derecha=True),
    Columna(_("Acuerdo"), lambda f: " ".join(f.texto.split())),
    Columna(_("Responsable"), lambda f: f.responsable or "—"),
    Columna(_("Plazo"), lambda f: formato.fecha(f.plazo) if f.plazo else "—", orden=lambda f: f.plazo),
    Columna(_("Estado"), lambda f: f.estado_texto + (f" ({formato.fecha(f.cumplido_en)})" if f.cumplido_en
                                                      else "")),
    Columna(_("Semáforo"), texto_semaforo, color=color_acuerdo),
    Columna(_("Votos"), votos),
    Columna(_("Actividad"), lambda f: f.actividad or "—"),
]


# -- el panel ------------------------------------------------------------------------------------------------------
class PanelSesion(QWidget):
    """`fijar_sesion(id)` muestra una sesión; `volver` se emite con el botón «Volver» (o Alt+Izquierda)."""

    volver = Signal()

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy = hoy
        self.sesion_id: int | None = None
        self.estado: EstadoSesion | None = None
        self.impreso = None  # ImpresoDeRegistro, made on the first printout
        self._punto_notas: int | None = None  # the item whose notes the editor holds
        self._armar()
        ctx.cambiado.connect(self._al_cambiar)

    def _hoy(self) -> date:
        return self.hoy or date.today()

    # -- armado -----------------------------------------------------------------------------------------------
    def _armar(self) -> None:
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(6)
        capa.addWidget(self._armar_cabecera())
        self.quorum = QLabel(self)
        self.quorum.setObjectName("bandaQuorum")
        self.quorum.setFont(fuente_relativa(self.font(), 1.25, negrita=True))
        self.quorum.setWordWrap(True)
        self.quorum.setAccessibleName(_("Quórum"))
        capa.addWidget(self.quorum)
        self.aviso_firmada = QLabel(self)
        self.aviso_firmada.setWordWrap(True)
        self.aviso_firmada.setStyleSheet(f"background: {AVISO_FONDO}; color: {AVISO_TEXTO}; border: 1px solid "
                                         f"{AVISO_BORDE}; border-radius: 4px; padding: 6px 10px;")
        self.aviso_firmada.hide()
        capa.addWidget(self.aviso_firmada)
        self.pestanas = QTabWidget(self)
        self.pestanas.addTab(self._armar_asistencia(), _("&Asistencia"))
        self.pestanas.addTab(self._armar_agenda(), _("&Orden del día"))
        self.pestanas.addTab(self._armar_acuerdos(), _("A&cuerdos"))
        capa.addWidget(self.pestanas, 1)

    def _armar_cabecera(self) -> QFrame:
        self.cabecera = QFrame(self)
        marcar_tarjeta(self.cabecera)
        capa = QVBoxLayout(self.cabecera)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.setSpacing(4)
        arriba = QHBoxLayout()
        self.boton_volver = QToolButton(self.cabecera)
        self.boton_volver.setText("← " + _("&Volver"))
        self.boton_volver.setToolTip(_("Volver a la mesa (Alt+Izquierda)"))
        self.boton_volver.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.boton_volver.clicked.connect(self.volver.emit)
        _accion(self, _("Volver"), ["Alt+Left"], "", self.volver.emit)
        self.titulo = QLabel(self.cabecera)
        self.titulo.setFont(fuente_relativa(self.font(), 1.15, negrita=True))
        self.titulo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accion_editar_sesion = _accion(self, _("&Datos de la sesión…"), ["Ctrl+Shift+E"],
                                            _("Fecha, hora, lugar, tipo, estado y horas reales (Ctrl+Shift+E)"),
                                            self.editar_sesion)
        boton_editar = QToolButton(self.cabecera)
        boton_editar.setDefaultAction(self.accion_editar_sesion)
        arriba.addWidget(self.boton_volver)
        arriba.addWidget(self.titulo, 1)
        arriba.addWidget(boton_editar)
        capa.addLayout(arriba)
        self.detalle = QLabel(self.cabecera)
        self.detalle.setWordWrap(True)
        capa.addWidget(self.detalle)

        # The acta bar: its state chip and the lifecycle steps.
        fila = QHBoxLayout()
        fila.setSpacing(6)
        self.chip_acta = QLabel(self.cabecera)
        fila.addWidget(self.chip_acta)
        self.accion_crear_acta = _accion(self, _("C&rear acta"), [], _("Numera el acta de esta sesión (borrador)"),
                                         self.crear_acta)
        self.accion_aprobar = _accion(self, _("A&probar"), [], _("La mesa aprobó el texto del acta"),
                                      self.aprobar)
        self.accion_borrador = _accion(self, _("Volver a &borrador"), [], _("Para corregir el acta aprobada"),
                                       self.volver_a_borrador)
        self.accion_firmar = _accion(self, _("&Firmar…"), [], _("Registrar la firma: el acta queda congelada"),
                                     self.firmar)
        self.accion_imprimir_convocatoria = _accion(
            self, _("Imprimir con&vocatoria…"), ["Ctrl+Shift+P"],
            _("La convocatoria en PDF, con el orden del día y la lista de miembros (Ctrl+Shift+P)"),
            self.imprimir_convocatoria)
        # Ctrl+P is the window's Archivo › Imprimir… (preview and printer of the acta); this saves the PDF.
        self.accion_imprimir_acta = _accion(self, _("&Imprimir acta…"), [],
                                            _("El acta en PDF, con las líneas de firma (Ctrl+P: vista previa e "
                                              "impresora)"), self.imprimir_acta)
        self.botones_acta: dict[str, QPushButton] = {}
        for clave, a in (("crear", self.accion_crear_acta), ("aprobar", self.accion_aprobar),
                         ("borrador", self.accion_borrador), ("firmar", self.accion_firmar)):
            boton = QPushButton(a.text(), self.cabecera)
            boton.setToolTip(a.toolTip())
            boton.clicked.connect(a.trigger)
            self.botones_acta[clave] = boton
            fila.addWidget(boton)
        fila.addStretch(1)
        for a in (self.accion_imprimir_convocatoria, self.accion_imprimir_acta):
            boton = QPushButton(a.text(), self.cabecera)
            boton.setToolTip(a.toolTip())
            boton.clicked.connect(a.trigger)
            self.botones_acta[a.text()] = boton
            fila.addWidget(boton)
        self.boton_imprimir_convocatoria = self.botones_acta[self.accion_imprimir_convocatoria.text()]
        self.boton_imprimir_acta = self.botones_acta[self.accion_imprimir_acta.text()]
        capa.addLayout(fila)
        return self.cabecera

    def _armar_asistencia(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.setContentsMargins(6, 6, 6, 6)
        self.modelo_asistencia = ModeloAsistencia(self)
        self.modelo_asistencia.marcar_pedido.connect(self._marcar)
        self.tabla_asistencia = _tabla(self.modelo_asistencia, pagina, TablaAsistencia)
        self.tabla_asistencia.setAccessibleName(_("Asistencia"))
        self.tabla_asistencia.tecla_estado.connect(self._marcar_con_tecla)
        cab = self.tabla_asistencia.horizontalHeader()
        M = ModeloAsistencia
        cab.setSectionResizeMode(M.COL_NOMBRE, QHeaderView.ResizeMode.Interactive)
        cab.setSectionResizeMode(M.COL_CARGO, QHeaderView.ResizeMode.Stretch)
        for c in (M.COL_ROL, M.COL_VOTO, M.COL_PRESENTE, M.COL_AUSENTE, M.COL_AVISO):
            cab.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(M.COL_POR, QHeaderView.ResizeMode.Interactive)
        self.tabla_asistencia.setColumnWidth(M.COL_NOMBRE, 230)
        self.tabla_asistencia.setColumnWidth(M.COL_POR, 180)
        self.tabla_asistencia.selectionModel().currentRowChanged.connect(lambda *_a: self._fila_asistencia())

        self.accion_invitado = _accion(pagina, _("Agregar &invitado…"), [Qt.Key.Key_Insert],
                                       _("Alguien que asiste sin ser miembro (Insert)"), self.agregar_invitado)
        self.accion_quitar_invitado = _accion(pagina, _("&Quitar invitado"), [QKeySequence.StandardKey.Delete],
                                              _("Quitar de la lista al invitado elegido (Supr)"),
                                              self.quitar_invitado)
        self.ayuda_asistencia = QLabel(_("Marque con un clic o con las teclas <b>P</b> (presente), <b>A</b> "
                                         "(ausente) y <b>J</b> (ausente con aviso)."), pagina)
        self.ayuda_asistencia.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        barra = barra_de_ordenes(_("Asistencia"), [self.accion_invitado, self.accion_quitar_invitado])
        arriba = QHBoxLayout()
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.ayuda_asistencia)
        capa.addLayout(arriba)
        capa.addWidget(self.tabla_asistencia, 1)

        fila = QHBoxLayout()
        self.etiqueta_por = QLabel(_("El suplente elegido &está por:"), pagina)
        self.combo_por = QComboBox(pagina)
        self.combo_por.setMinimumContentsLength(28)
        self.combo_por.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.etiqueta_por.setBuddy(self.combo_por)
        self.combo_por.activated.connect(lambda _i: self._reemplazo_elegido())
        self.nota_por = QLabel(_("Un suplente presente cuenta para el quórum cuando está por un titular ausente."),
                               pagina)
        self.nota_por.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        fila.addWidget(self.etiqueta_por)
        fila.addWidget(self.combo_por)
        fila.addWidget(self.nota_por, 1)
        capa.addLayout(fila)
        return pagina

    def _armar_agenda(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.setContentsMargins(6, 6, 6, 6)
        self.modelo_puntos: ModeloTabla = ModeloTabla(COLUMNAS_PUNTOS, self)
        self.tabla_puntos = _tabla(self.modelo_puntos, pagina)
        self.tabla_puntos.setAccessibleName(_("Orden del día"))
        cab = self.tabla_puntos.horizontalHeader()
        for c in range(len(COLUMNAS_PUNTOS)):
            cab.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tabla_puntos.doubleClicked.connect(lambda _i: self.editar_punto())
        self.tabla_puntos.selectionModel().currentRowChanged.connect(lambda *_a: self._punto_elegido())

        W = Qt.ShortcutContext.WidgetShortcut
        self.accion_agregar_punto = _accion(pagina, _("&Agregar punto…"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                            _("Agregar un punto después del elegido (Insert)"), self.agregar_punto)
        self.accion_editar_punto = _accion(self.tabla_puntos, _("&Editar…"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                           _("Tema, quién lo presenta y minutos (Enter)"), self.editar_punto, W)
        self.accion_subir = _accion(pagina, _("S&ubir"), ["Ctrl+Up"], _("Subir el punto (Ctrl+Arriba)"),
                                    lambda: self.mover_punto(-1))
        self.accion_bajar = _accion(pagina, _("Ba&jar"), ["Ctrl+Down"], _("Bajar el punto (Ctrl+Abajo)"),
                                    lambda: self.mover_punto(1))
        self.accion_quitar_punto = _accion(self.tabla_puntos, _("&Quitar"), [QKeySequence.StandardKey.Delete],
                                           _("Quitar el punto del orden del día (Supr)"), self.quitar_punto, W)
        barra = barra_de_ordenes(_("Orden del día"), [self.accion_agregar_punto, self.accion_editar_punto, None,
                                             self.accion_subir, self.accion_bajar, None, self.accion_quitar_punto])
        self.total_minutos = QLabel(pagina)
        self.total_minutos.setFont(fuente_relativa(self.font(), 1.0, negrita=True))
        arriba = QHBoxLayout()
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.total_minutos)
        capa.addLayout(arriba)

        divisor = QSplitter(Qt.Orientation.Horizontal, pagina)
        divisor.addWidget(self.tabla_puntos)
        notas = QWidget(divisor)
        capa_notas = QVBoxLayout(notas)
        capa_notas.setContentsMargins(6, 0, 0, 0)
        self.titulo_notas = QLabel(notas)
        self.titulo_notas.setWordWrap(True)
        self.titulo_notas.setFont(fuente_relativa(self.font(), 1.0, negrita=True))
        self.notas = QPlainTextEdit(notas)
        self.notas.setTabChangesFocus(True)
        self.notas.setPlaceholderText(_("Lo tratado en este punto: lo que se informó, las opiniones y lo que se "
                                        "decidió. Se guarda al salir del campo o con Ctrl+S."))
        self.notas.setAccessibleName(_("Lo tratado"))
        self.notas.installEventFilter(self)
        self.notas.textChanged.connect(self._notas_cambiadas)
        self.etiqueta_titulo_notas = QLabel(_("&Lo tratado:"), notas)
        self.etiqueta_titulo_notas.setBuddy(self.notas)
        self.estado_notas = QLabel(notas)
        self.estado_notas.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        _accion(self.notas, _("Guardar lo tratado"), ["Ctrl+S"], "", self.guardar_notas, W)
        capa_notas.addWidget(self.etiqueta_titulo_notas)
        capa_notas.addWidget(self.titulo_notas)
        capa_notas.addWidget(self.notas, 1)
        capa_notas.addWidget(self.estado_notas)
        divisor.addWidget(notas)
        divisor.setStretchFactor(0, 3)
        divisor.setStretchFactor(1, 2)
        capa.addWidget(divisor, 1)
        return pagina

    def _armar_acuerdos(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.setContentsMargins(6, 6, 6, 6)
        self.modelo_acuerdos: ModeloTabla = ModeloTabla(COLUMNAS_ACUERDOS, self)
        self.tabla_acuerdos = _tabla(self.modelo_acuerdos, pagina)
        self.tabla_acuerdos.setAccessibleName(_("Acuerdos"))
        self.tabla_acuerdos.setWordWrap(False)
        cab = self.tabla_acuerdos.horizontalHeader()
        for c in range(len(COLUMNAS_ACUERDOS)):
            cab.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        cab.setSectionResizeMode(7, QHeaderView.ResizeMode.Interactive)
        self.tabla_acuerdos.setColumnWidth(7, 160)
        self.tabla_acuerdos.doubleClicked.connect(lambda _i: self.editar_acuerdo())
        self.tabla_acuerdos.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())
        W = Qt.ShortcutContext.WidgetShortcut
        self.accion_agregar_acuerdo = _accion(pagina, _("&Agregar acuerdo…"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                              _("Registrar un acuerdo de la sesión (Insert)"), self.agregar_acuerdo)
        self.accion_editar_acuerdo = _accion(self.tabla_acuerdos, _("&Editar…"),
                                             [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                             _("Texto, responsable, plazo, estado y votos (Enter)"),
                                             self.editar_acuerdo, W)
        self.accion_quitar_acuerdo = _accion(self.tabla_acuerdos, _("&Quitar"), [QKeySequence.StandardKey.Delete],
                                             _("Quitar el acuerdo (Supr)"), self.quitar_acuerdo, W)
        self.menu_estado = QMenu(pagina)
        self.acciones_estado: dict[str, QAction] = {}
        for clave, texto in ESTADOS_ACUERDO.items():
            a = self.menu_estado.addAction(traducir(texto) + ("…" if clave == "cumplido" else ""))
            a.triggered.connect(lambda _c=False, e=clave: self.cambiar_estado(e))
            self.acciones_estado[clave] = a
        self.boton_estado = QToolButton(pagina)
        self.boton_estado.setText(_("E&stado") + " ▾")
        self.boton_estado.setToolTip(_("Pendiente, en curso, cumplido (con la fecha) o cancelado"))
        self.boton_estado.setMenu(self.menu_estado)
        self.boton_estado.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.boton_estado.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.accion_convertir = _accion(pagina, _("Convertir en ac&tividad…"), ["Ctrl+Shift+T"],
                                        _("Crear una actividad de un Plan de Acción a partir del acuerdo "
                                          "(Ctrl+Shift+T)"), self.convertir)
        barra = barra_de_ordenes(_("Acuerdos"), [self.accion_agregar_acuerdo, self.accion_editar_acuerdo,
                                        self.accion_quitar_acuerdo, None, self.boton_estado, self.accion_convertir])
        capa.addWidget(barra)
        capa.addWidget(self.tabla_acuerdos, 1)
        return pagina

    # -- carga ------------------------------------------------------------------------------------------------
    def fijar_sesion(self, sesion_id: int | None) -> None:
        if sesion_id != self.sesion_id:
            self.guardar_notas()
            self._punto_notas = None
        self.sesion_id = sesion_id
        self.recargar()

    def _al_cambiar(self, que) -> None:
        if self.sesion_id is not None and CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def recargar(self) -> None:
        sid, mid, hoy = self.sesion_id, self.ctx.municipio_id, self._hoy()
        self.estado = self.ctx.leer(lambda s: estado_de_sesion(s, mid, sid, hoy)) if sid is not None else None
        e = self.estado
        asistencia_id = id_elegido(self.tabla_asistencia)
        punto_id = id_elegido(self.tabla_puntos)
        acuerdo_id = id_elegido(self.tabla_acuerdos)
        self.modelo_asistencia.editable = self.editable()
        for w in (self.ayuda_asistencia, self.etiqueta_por, self.combo_por, self.nota_por):
            w.setVisible(self.editable())
        self.modelo_asistencia.cargar(e.asistencia if e else [])
        self.modelo_puntos.cargar(e.puntos if e else [])
        self.modelo_acuerdos.cargar(e.acuerdos if e else [])
        for tabla, modelo, ident in ((self.tabla_asistencia, self.modelo_asistencia, asistencia_id),
                                     (self.tabla_puntos, self.modelo_puntos, punto_id),
                                     (self.tabla_acuerdos, self.modelo_acuerdos, acuerdo_id)):
            n = modelo.buscar_id(ident) if ident is not None else -1
            if n < 0 and modelo.rowCount():
                n = 0
            if n >= 0:
                self._elegir(tabla, n)
        self._mostrar_cabecera()
        self._punto_elegido()
        self._fila_asistencia()
        self._actualizar_acciones()

    @staticmethod
    def _elegir(tabla: QTableView, n: int) -> None:
        from PySide6.QtCore import QItemSelectionModel

        indice = tabla.model().index(n, 0)
        tabla.selectionModel().setCurrentIndex(
            indice, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def firmada(self) -> bool:
        return self.estado is not None and self.estado.acta_estado == "firmada"

    def editable(self) -> bool:
        """Se modifican el orden del día, la asistencia, lo tratado y el texto de los acuerdos."""
        return self.estado is not None and not self.ctx.solo_lectura and not self.firmada()

    def _mostrar_cabecera(self) -> None:
        e = self.estado
        if e is None:
            self.titulo.setText(_("Ninguna sesión elegida"))
            self.detalle.clear()
            self.quorum.clear()
            self.quorum.hide()
            self.chip_acta.clear()
            self.aviso_firmada.hide()
            return
        f, d = e.fila, e.datos
        self.titulo.setText(_("{mesa} — sesión {tipo}").format(mesa=f.mesa, tipo=f.tipo_texto.lower()))
        partes = [formato.fecha_completa(f.fecha)]
        if f.hora:
            partes.append(_("{hora} h").format(hora=f.hora.strftime("%H:%M")))
        partes.append(f.lugar or _("lugar sin indicar"))
        estado = f"<b>{escape(f.estado_texto)}</b>"
        if d.hora_inicio:
            estado += " " + escape(_("(de {inicio} a {fin})").format(
                inicio=d.hora_inicio.strftime("%H:%M"), fin=d.hora_fin.strftime("%H:%M") if d.hora_fin else "…"))
        self.detalle.setText(" · ".join(escape(p) for p in partes) + " · " + estado)
        q = e.quorum
        color = VERDE if q.hay else ROJO
        self.quorum.setText(q.texto)
        self.quorum.setStyleSheet(f"background: {color}; color: #ffffff; border-radius: 6px; padding: 8px 14px;")
        self.quorum.show()
        if e.acta_id is None:
            self.chip_acta.setText(_("Sin acta"))
            color_chip, texto_chip = "#e9edf2", "#1f2328"
        else:
            self.chip_acta.setText(f"{e.acta_numero} · {traducir(ESTADOS_ACTA.get(e.acta_estado, ''))}")
            color_chip, texto_chip = COLOR_ACTA.get(e.acta_estado, COLOR_ACTA["borrador"]), "#ffffff"
            if e.acta_estado == "aprobada":
                texto_chip = "#1f2328"
        self.chip_acta.setStyleSheet(f"background: {color_chip}; color: {texto_chip}; border-radius: 8px; "
                                     "padding: 2px 10px; font-weight: bold;")
        if self.firmada():
            self.aviso_firmada.setText(_("{acta} está firmada: la sesión queda como se firmó (asistencia, orden del "
                                         "día, lo tratado y acuerdos). Solo se registra el seguimiento de los "
                                         "acuerdos. Una corrección es un acta nueva que la nombra.").format(
                acta=e.acta_numero))
            self.aviso_firmada.show()
        else:
            self.aviso_firmada.hide()
        total, prevista = sum(p.minutos for p in e.puntos), d.duracion_prevista or 0
        self.total_minutos.setText(_("{total} de {prevista} minutos").format(total=formato.entero(total),
                                                                              prevista=formato.entero(prevista)))
        pasado = prevista and total > prevista
        self.total_minutos.setStyleSheet(f"color: {ROJO};" if pasado else "")
        self.total_minutos.setToolTip(_("El orden del día pasa la duración prevista de la sesión.") if pasado
                                      else _("Minutos del orden del día contra la duración prevista."))
        presentes = sum(1 for a in e.asistencia if a.estado == "presente")
        self.pestanas.setTabText(0, _("&Asistencia ({n})").format(n=formato.entero(presentes)))
        self.pestanas.setTabText(1, _("&Orden del día ({n})").format(n=formato.entero(len(e.puntos))))
        self.pestanas.setTabText(2, _("A&cuerdos ({n})").format(n=formato.entero(len(e.acuerdos))))

    def _actualizar_acciones(self) -> None:
        e = self.estado
        editable = self.editable()
        escribe = e is not None and not self.ctx.solo_lectura
        punto = self._punto_actual()
        for a in (self.accion_agregar_punto, self.accion_invitado, self.accion_agregar_acuerdo):
            a.setEnabled(editable)
        for a in (self.accion_editar_punto, self.accion_quitar_punto):
            a.setEnabled(editable and punto is not None)
        self.accion_subir.setEnabled(editable and punto is not None and punto.orden > 1)
        self.accion_bajar.setEnabled(editable and punto is not None and e is not None
                                     and punto.orden < len(e.puntos))
        fila = self._asistencia_actual()
        self.accion_quitar_invitado.setEnabled(editable and fila is not None and fila.invitado)
        acuerdo = self._acuerdo_actual()
        self.accion_editar_acuerdo.setEnabled(acuerdo is not None)
        self.accion_quitar_acuerdo.setEnabled(editable and acuerdo is not None)
        self.boton_estado.setEnabled(escribe and acuerdo is not None)
        self.accion_convertir.setEnabled(escribe and acuerdo is not None and not acuerdo.actividad_id)
        self.accion_editar_sesion.setEnabled(e is not None)
        estado_acta = e.acta_estado if e and e.acta_id else ""
        pasos = {"crear": escribe and e is not None and e.acta_id is None,
                 "aprobar": escribe and estado_acta == "borrador",
                 "borrador": escribe and estado_acta == "aprobada",
                 "firmar": escribe and estado_acta == "aprobada"}
        for clave, accion in (("crear", self.accion_crear_acta), ("aprobar", self.accion_aprobar),
                              ("borrador", self.accion_borrador), ("firmar", self.accion_firmar)):
            accion.setEnabled(pasos[clave])
            self.botones_acta[clave].setEnabled(pasos[clave])
            self.botones_acta[clave].setVisible(clave != "borrador" or estado_acta == "aprobada")
        self.accion_imprimir_convocatoria.setEnabled(e is not None)
        self.boton_imprimir_convocatoria.setEnabled(e is not None)
        self.accion_imprimir_acta.setEnabled(e is not None and e.acta_id is not None)
        self.boton_imprimir_acta.setEnabled(e is not None and e.acta_id is not None)
        self.notas.setReadOnly(not editable or punto is None)

    # -- elegidos ---------------------------------------------------------------------------------------------
    def _punto_actual(self):
        n = self.modelo_puntos.buscar_id(id_elegido(self.tabla_puntos) or -1)
        return self.modelo_puntos.fila(n) if n >= 0 else None

    def _asistencia_actual(self):
        n = self.modelo_asistencia.buscar_id(id_elegido(self.tabla_asistencia) or -1)
        return self.modelo_asistencia.fila(n) if n >= 0 else None

    def _acuerdo_actual(self):
        n = self.modelo_acuerdos.buscar_id(id_elegido(self.tabla_acuerdos) or -1)
        return self.modelo_acuerdos.fila(n) if n >= 0 else None

    # -- asistencia -------------------------------------------------------------------------------------------
    def _marcar(self, fila, estado: str) -> bool:
        """Marca a un miembro; el quórum se vuelve a leer con la recarga. Deshacible."""
        if not self.editable() or fila.invitado or fila.miembro_id is None:
            return False
        from nucleo.servicios.sesiones import marcar_asistencia

        sid, miembro = self.sesion_id, fila.miembro_id
        reemplaza = fila.reemplaza_a_id if estado == "presente" else None
        textos = {"presente": _("presente"), "ausente": _("ausente"), "justificado": _("ausente con aviso")}
        try:
            self.ctx.ejecutar(ComandoServicio(
                self.ctx, _("Marcar a «{nombre}» {estado}").format(nombre=corto(fila.nombre), estado=textos[estado]),
                "sesion",
                hacer=lambda s: marcar_asistencia(s, sid, miembro, estado, reemplaza),
                deshacer=lambda s, anterior: marcar_asistencia(s, sid, miembro, *anterior),
                rehacer=lambda s, _r: marcar_asistencia(s, sid, miembro, estado, reemplaza)))
        except ErrorDeUsuario as exc:
            mostrar_error_de_usuario(self, exc)
            return False
        return True

    def _marcar_con_tecla(self, estado: str) -> None:
        fila = self._asistencia_actual()
        if fila is None:
            return
        n = self.modelo_asistencia.buscar_id(fila.id)
        hecho = fila.estado == estado or fila.invitado or self._marcar(fila, estado)
        # On to the next row: the roll is called in one go.
        if hecho and n + 1 < self.modelo_asistencia.rowCount():
            self._elegir(self.tabla_asistencia, n + 1)

    def marcar(self, miembro_id: int, estado: str) -> bool:
        """Para las pruebas y los atajos: marca al miembro con ese id."""
        fila = next((f for f in self.modelo_asistencia.filas() if f.miembro_id == miembro_id), None)
        return fila is not None and self._marcar(fila, estado)

    def _fila_asistencia(self) -> None:
        fila = self._asistencia_actual()
        self.combo_por.blockSignals(True)
        self.combo_por.clear()
        self.combo_por.addItem(_("(nadie en particular)"), None)
        es_suplente = fila is not None and not fila.invitado and not fila.titular
        if es_suplente and self.estado is not None:
            for a in self.estado.asistencia:
                if not a.invitado and a.titular and a.con_voto:
                    marca = "" if a.estado != "presente" else " " + _("(presente)")
                    self.combo_por.addItem(a.nombre + marca, a.miembro_id)
            self.combo_por.setCurrentIndex(max(0, self.combo_por.findData(fila.reemplaza_a_id)))
        self.combo_por.blockSignals(False)
        activo = es_suplente and self.editable() and fila.estado == "presente"
        self.combo_por.setEnabled(activo)
        self.etiqueta_por.setEnabled(activo)
        if es_suplente and fila.estado != "presente":
            self.nota_por.setText(_("Marque primero al suplente como presente."))
        elif not es_suplente:
            self.nota_por.setText(_("Elija un suplente para indicar por qué titular está."))
        else:
            self.nota_por.setText(_("Cuenta para el quórum si el titular por quien está se ausentó."))
        self._actualizar_acciones()

    def _reemplazo_elegido(self) -> None:
        fila = self._asistencia_actual()
        if fila is None or fila.invitado or not self.editable():
            return
        from nucleo.servicios.sesiones import marcar_asistencia

        sid, miembro, titular = self.sesion_id, fila.miembro_id, self.combo_por.currentData()
        nombre = self.combo_por.currentText()
        try:
            self.ctx.ejecutar(ComandoServicio(
                self.ctx, _("«{suplente}» está por «{titular}»").format(suplente=corto(fila.nombre),
                                                                         titular=corto(nombre)), "sesion",
                hacer=lambda s: marcar_asistencia(s, sid, miembro, "presente", titular),
                deshacer=lambda s, anterior: marcar_asistencia(s, sid, miembro, *anterior),
                rehacer=lambda s, _r: marcar_asistencia(s, sid, miembro, "presente", titular)))
        except ErrorDeUsuario as exc:
            mostrar_error_de_usuario(self, exc)
            self._fila_asistencia()

    def agregar_invitado(self) -> None:
        if not self.editable():
            return
        from ui.dialogos.sesion import DialogoInvitado

        dialogo = DialogoInvitado(self.ctx, self.sesion_id, self)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.asistencia_id is not None:
            n = self.modelo_asistencia.buscar_id(dialogo.asistencia_id)
            if n >= 0:
                self._elegir(self.tabla_asistencia, n)
        dialogo.deleteLater()

    def quitar_invitado(self) -> None:
        fila = self._asistencia_actual()
        if fila is None or not fila.invitado or not self.editable():
            return
        from nucleo.servicios.sesiones import quitar_invitado, restaurar_invitado

        ident = fila.id
        self._ejecutar(_("Quitar al invitado «{nombre}»").format(nombre=corto(fila.nombre)), "sesion",
                       lambda s: quitar_invitado(s, ident), lambda s, copia: restaurar_invitado(s, copia),
                       lambda s, nuevo: quitar_invitado(s, nuevo))

    # -- orden del día ----------------------------------------------------------------------------------------
    def _punto_elegido(self) -> None:
        punto = self._punto_actual()
        nuevo = punto.id if punto else None
        if nuevo != self._punto_notas:
            self.guardar_notas()
            self._punto_notas = nuevo
            self._poner_notas(punto.desarrollo if punto else "")
        elif punto is not None and not self._notas_sin_guardar():
            self._poner_notas(punto.desarrollo)
        if punto is None:
            self.titulo_notas.setText(_("Elija un punto del orden del día."))
        else:
            self.titulo_notas.setText(f"{punto.orden}. {punto.titulo}")
        self._actualizar_acciones()

    def _poner_notas(self, texto: str) -> None:
        self.notas.blockSignals(True)
        if self.notas.toPlainText() != texto:
            self.notas.setPlainText(texto)
        self.notas.document().setModified(False)
        self.notas.blockSignals(False)
        self.estado_notas.setText("")

    def _notas_sin_guardar(self) -> bool:
        return self.notas.document().isModified()

    def _notas_cambiadas(self) -> None:
        self.estado_notas.setText(_("Sin guardar: se guarda al salir del campo o con Ctrl+S."))

    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt override
        if objeto is self.notas and evento.type() == QEvent.Type.FocusOut:
            self.guardar_notas()
        return super().eventFilter(objeto, evento)

    def guardar_notas(self) -> bool:
        """Guarda «lo tratado» del punto que se está escribiendo (deshacible). True si guardó algo."""
        pid = self._punto_notas
        if pid is None or not self._notas_sin_guardar() or not self.editable():
            return False
        n = self.modelo_puntos.buscar_id(pid)
        if n < 0:
            return False
        from nucleo.servicios.sesiones import DatosPunto, actualizar_punto

        p = self.modelo_puntos.fila(n)
        datos = DatosPunto(titulo=p.titulo, expositor=p.expositor, minutos=p.minutos,
                           desarrollo=self.notas.toPlainText())
        self.notas.document().setModified(False)
        ok = self._ejecutar(_("Escribir lo tratado en el punto «{titulo}»").format(titulo=corto(p.titulo)),
                            "sesion", lambda s: actualizar_punto(s, pid, datos),
                            lambda s, anterior: actualizar_punto(s, pid, anterior),
                            lambda s, _r: actualizar_punto(s, pid, datos))
        if ok:
            self.estado_notas.setText(_("Guardado."))
        else:
            self.notas.document().setModified(True)
        return ok

    def agregar_punto(self) -> None:
        if not self.editable():
            return
        from ui.dialogos.sesion import DialogoPunto

        actual = self._punto_actual()
        dialogo = DialogoPunto(self.ctx, self.sesion_id, despues_de=actual.id if actual else None, parent=self)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.punto_id is not None:
            n = self.modelo_puntos.buscar_id(dialogo.punto_id)
            if n >= 0:
                self._elegir(self.tabla_puntos, n)
        dialogo.deleteLater()

    def editar_punto(self) -> None:
        p = self._punto_actual()
        if p is None:
            return
        from nucleo.servicios.sesiones import DatosPunto
        from ui.dialogos.sesion import DialogoPunto

        self.guardar_notas()
        actual = DatosPunto(titulo=p.titulo, expositor=p.expositor, minutos=p.minutos, desarrollo=p.desarrollo)
        dialogo = DialogoPunto(self.ctx, self.sesion_id, p.id, actual, parent=self,
                               solo_lectura=not self.editable())
        dialogo.exec()
        dialogo.deleteLater()

    def mover_punto(self, paso: int) -> None:
        p = self._punto_actual()
        if p is None or not self.editable() or self.estado is None:
            return
        destino = p.orden + paso
        if not 1 <= destino <= len(self.estado.puntos):
            return
        from nucleo.servicios.sesiones import mover_punto

        pid = p.id
        self.guardar_notas()
        self._ejecutar(_("Mover el punto «{titulo}»").format(titulo=corto(p.titulo)), "sesion",
                       lambda s: mover_punto(s, pid, destino), lambda s, anterior: mover_punto(s, pid, anterior),
                       lambda s, _r: mover_punto(s, pid, destino))

    def quitar_punto(self) -> None:
        p = self._punto_actual()
        if p is None or not self.editable():
            return
        pregunta = _("¿Quitar el punto «{titulo}» del orden del día?").format(titulo=corto(p.titulo, 80))
        if p.desarrollo.strip() or p.n_acuerdos:
            pregunta += "\n" + _("Se pierde lo tratado; sus acuerdos quedan en la sesión, sin punto.")
        if not self._confirmar(_("Quitar punto"), pregunta):
            return
        from nucleo.servicios.sesiones import eliminar_punto, restaurar_punto

        pid = p.id
        self._punto_notas = None
        self._ejecutar(_("Quitar el punto «{titulo}»").format(titulo=corto(p.titulo)), "sesion",
                       lambda s: eliminar_punto(s, pid), lambda s, copia: restaurar_punto(s, copia),
                       lambda s, nuevo: eliminar_punto(s, nuevo))

    # -- acuerdos ---------------------------------------------------------------------------------------------
    def _puntos_para_elegir(self) -> list[tuple[int, str]]:
        return [(p.id, f"{p.orden}. {p.titulo}") for p in (self.estado.puntos if self.estado else [])]

    def agregar_acuerdo(self) -> None:
        if not self.editable():
            return
        from ui.dialogos.acuerdo import DialogoAcuerdo

        punto = self._punto_actual()
        dialogo = DialogoAcuerdo(self.ctx, self.sesion_id, puntos=self._puntos_para_elegir(),
                                 punto_id=punto.id if punto else None, parent=self)
        if dialogo.exec() == QDialog.DialogCode.Accepted and dialogo.acuerdo_id is not None:
            n = self.modelo_acuerdos.buscar_id(dialogo.acuerdo_id)
            if n >= 0:
                self._elegir(self.tabla_acuerdos, n)
        dialogo.deleteLater()

    def editar_acuerdo(self) -> None:
        a = self._acuerdo_actual()
        if a is None:
            return
        from ui.dialogos.acuerdo import DialogoAcuerdo

        dialogo = DialogoAcuerdo(self.ctx, self.sesion_id, a.id, puntos=self._puntos_para_elegir(), parent=self,
                                 congelado=self.firmada())
        dialogo.exec()
        dialogo.deleteLater()

    def quitar_acuerdo(self) -> None:
        a = self._acuerdo_actual()
        if a is None or not self.editable():
            return
        if not self._confirmar(_("Quitar acuerdo"), _("¿Quitar el acuerdo «{texto}»?").format(
                texto=corto(a.texto, 80))):
            return
        from nucleo.servicios.sesiones import eliminar_acuerdo, restaurar_acuerdo

        ident = a.id
        self._ejecutar(_("Quitar el acuerdo «{texto}»").format(texto=corto(a.texto)), {"acuerdo", "sesion"},
                       lambda s: eliminar_acuerdo(s, ident), lambda s, copia: restaurar_acuerdo(s, copia),
                       lambda s, nuevo: eliminar_acuerdo(s, nuevo))

    def cambiar_estado(self, estado: str) -> bool:
        a = self._acuerdo_actual()
        if a is None or self.ctx.solo_lectura or a.estado == estado:
            return False
        from ui.dialogos.acuerdo import pedir_estado

        return pedir_estado(self.ctx, self, a.id, a.texto, estado, self._hoy())

    def convertir(self) -> bool:
        a = self._acuerdo_actual()
        if a is None or self.ctx.solo_lectura or a.actividad_id:
            return False
        from ui.dialogos.acuerdo import convertir_en_actividad

        return convertir_en_actividad(self.ctx, self, a)

    # -- sesión y acta ----------------------------------------------------------------------------------------
    def editar_sesion(self) -> None:
        if self.estado is None:
            return
        from ui.dialogos.sesion import DialogoSesion

        dialogo = DialogoSesion(self.ctx, self.estado.fila.mesa_id, self.sesion_id, self,
                                solo_lectura=self.firmada(), hoy=self._hoy())
        dialogo.exec()
        dialogo.deleteLater()

    def crear_acta(self) -> bool:
        if self.estado is None or self.estado.acta_id is not None or self.ctx.solo_lectura:
            return False
        from nucleo.servicios.actas import crear_acta, eliminar_acta, listar_actas, restaurar_acta

        sid, mesa_id = self.sesion_id, self.estado.fila.mesa_id
        firmadas = [(a.id, a.numero_texto) for a in self.ctx.leer(lambda s: listar_actas(s, mesa_id))
                    if a.estado == "firmada"]
        corrige = self.elegir_acta_corregida(firmadas) if firmadas else None
        if corrige is False:
            return False
        ok = self._ejecutar(_("Crear el acta de la sesión"), "sesion", lambda s: crear_acta(s, sid, corrige),
                            lambda s, ident: eliminar_acta(s, ident), lambda s, copia: restaurar_acta(s, copia))
        if ok and self.estado is not None:
            self.ctx.mensaje.emit(_("Se creó el {acta} (borrador).").format(acta=self.estado.acta_numero))
        return ok

    def elegir_acta_corregida(self, firmadas: list[tuple[int, str]]) -> int | None | bool:
        """Un acta firmada no se cambia: se corrige con un acta nueva que la nombra. Devuelve el id del acta que esta
        corrige, None si es un acta común, o False si el usuario canceló."""
        opciones = [_("No: es el acta de esta sesión")] + [
            _("Sí: corrige el {acta}").format(acta=texto) for _i, texto in firmadas]
        elegida, ok = QInputDialog.getItem(
            self, _("Crear acta"), _("¿Esta acta corrige un acta firmada de la mesa?"), opciones, 0, False)
        if not ok:
            return False
        n = opciones.index(elegida)
        return firmadas[n - 1][0] if n else None

    def aprobar(self) -> bool:
        e = self.estado
        if e is None or e.acta_id is None or e.acta_estado != "borrador" or self.ctx.solo_lectura:
            return False
        from nucleo.servicios.actas import aprobar_acta, volver_a_borrador

        aid, hoy = e.acta_id, self._hoy()
        return self._ejecutar(_("Aprobar el {acta}").format(acta=e.acta_numero), "sesion",
                              lambda s: aprobar_acta(s, aid, hoy), lambda s, _r: volver_a_borrador(s, aid),
                              lambda s, _r: aprobar_acta(s, aid, hoy))

    def volver_a_borrador(self) -> bool:
        e = self.estado
        if e is None or e.acta_id is None or e.acta_estado != "aprobada" or self.ctx.solo_lectura:
            return False
        from nucleo.servicios.actas import aprobar_acta, volver_a_borrador

        aid, hoy = e.acta_id, self._hoy()
        return self._ejecutar(_("Volver a borrador el {acta}").format(acta=e.acta_numero), "sesion",
                              lambda s: volver_a_borrador(s, aid), lambda s, _r: aprobar_acta(s, aid, hoy),
                              lambda s, _r: volver_a_borrador(s, aid))

    def confirmar_firma(self, acta: str) -> bool:
        """La pregunta antes de firmar (separada para que las pruebas la reemplacen)."""
        caja = QMessageBox(QMessageBox.Icon.Question, _("Firmar el acta"),
                           _("¿Registrar la firma del {acta}?").format(acta=acta), parent=self)
        caja.setInformativeText(_("El acta queda congelada: su contenido y su huella SHA-256 se guardan, y la "
                                  "asistencia, el orden del día, lo tratado y los acuerdos de esta sesión ya no se "
                                  "modifican. Una corrección será un acta nueva que la nombre."))
        si = caja.addButton(_("&Firmar"), QMessageBox.ButtonRole.AcceptRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.exec()
        return caja.clickedButton() is si

    def firmar(self) -> bool:
        e = self.estado
        if e is None or e.acta_id is None or e.acta_estado != "aprobada" or self.ctx.solo_lectura:
            return False
        self.guardar_notas()
        if not self.confirmar_firma(e.acta_numero):
            return False
        from nucleo.servicios import actas

        aid, hoy = e.acta_id, self._hoy()
        try:
            deshacer_firma = getattr(actas, "deshacer_firma", None)
            if deshacer_firma is not None:
                # Undo right after signing fixes a wrong click in the same sitting (like convenios).
                self.ctx.ejecutar(ComandoServicio(self.ctx, _("Firmar el {acta}").format(acta=e.acta_numero),
                                                  "sesion", hacer=lambda s: actas.firmar_acta(s, aid, hoy),
                                                  deshacer=lambda s, _r: deshacer_firma(s, aid)))
            else:
                # Signing is final in the domain: no undo step is offered.
                self.ctx.escribir(lambda s: actas.firmar_acta(s, aid, hoy), "sesion")
        except ErrorDeUsuario as exc:
            mostrar_error_de_usuario(self, exc)
            return False
        self.ctx.mensaje.emit(_("{acta} firmada: ya no se puede modificar.").format(acta=e.acta_numero))
        return True

    def _impresor(self):
        from ui.acciones_datos import ImpresoDeRegistro

        if self.impreso is None:
            self.impreso = ImpresoDeRegistro(self.ctx, self, self.hoy)
        return self.impreso

    def imprimir_convocatoria(self):
        if self.estado is None:
            return None
        f = self.estado.fila
        return self._impresor().imprimir("convocatoria", f.id, _("Convocatoria"),
                                         f"{f.mesa} {f.fecha.isoformat()}")

    def imprimir_acta(self):
        e = self.estado
        if e is None or e.acta_id is None:
            return None
        return self._impresor().imprimir("acta", e.acta_id, e.acta_numero, e.fila.mesa)

    # -- comunes ----------------------------------------------------------------------------------------------
    def _ejecutar(self, texto: str, cambia, hacer, deshacer, rehacer=None) -> bool:
        try:
            self.ctx.ejecutar(ComandoServicio(self.ctx, texto, cambia, hacer, deshacer, rehacer))
        except ErrorDeUsuario as exc:
            mostrar_error_de_usuario(self, exc)
            return False
        return True

    def confirmar(self, titulo: str, pregunta: str) -> bool:
        """Sí/No antes de quitar algo (separada para que las pruebas la reemplacen)."""
        return QMessageBox.question(self, titulo, pregunta) == QMessageBox.StandardButton.Yes

    def _confirmar(self, titulo: str, pregunta: str) -> bool:
        return self.confirmar(titulo, pregunta)
