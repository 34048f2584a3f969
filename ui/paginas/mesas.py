"""Mesas: las mesas de coordinación con sus miembros y sesiones, la pantalla de una sesión (asistencia con quórum en
vivo, orden del día, lo tratado, acuerdos y acta) y los Compromisos de todas las mesas.

Arriba, dos pestañas: «Mesas» y «Compromisos». En «Mesas», arriba la lista de mesas y debajo sus «Sesiones» y
«Miembros»; Enter sobre una sesión abre su pantalla a todo lo ancho (Alt+Izquierda vuelve).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from nucleo.servicios.mesas import (
    eliminar_mesa,
    eliminar_miembro,
    listar_mesas,
    listar_miembros,
    restaurar_mesa,
    restaurar_miembro,
)
from nucleo.servicios.sesiones import eliminar_sesion, listar_sesiones, restaurar_sesion
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.mesa import corto
from ui.errores import mostrar_error_de_usuario
from ui.estilo import COLORES_SEMAFORO, TEXTO_SECUNDARIO, fuente_relativa
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.ordenes import accion_agregada as _accion
from ui.widgets.ordenes import barra_de_ordenes
from ui.widgets.panel_compromisos import PanelCompromisos
from ui.widgets.panel_sesion import COLOR_ACTA, PanelSesion
from ui.widgets.seleccion import elegir_fila, fila_en_vista, id_elegido
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"mesa", "sesion", "acuerdo", "actor", "territorio"})
VERDE, ROJO, GRIS = COLORES_SEMAFORO["al_dia"], COLORES_SEMAFORO["vencida"], COLORES_SEMAFORO["sin_fecha"]


def _fecha(d: date | None) -> str:
    return formato.fecha(d) if d else "—"


COLUMNAS_MESAS: list[Columna] = [
    Columna(_("Mesa"), lambda f: f.nombre, color=lambda f: None if f.activa else GRIS),
    Columna(_("Tipo"), lambda f: f.tipo_texto),
    Columna(_("Territorios"), lambda f: ", ".join(f.territorios) or _("Todo el distrito")),
    Columna(_("Miembros"), lambda f: _("{n} de {m} con voto").format(n=formato.entero(f.n_con_voto),
                                                                      m=formato.entero(f.n_miembros)),
            orden=lambda f: f.n_miembros, ayuda=_("Miembros titulares con voto, de todos los miembros vigentes")),
    Columna(_("Quórum"), lambda f: f.quorum_texto or "—",
            ayuda=_("Cuántos miembros con voto hacen falta para sesionar, de cuántos")),
    Columna(_("Última sesión"), lambda f: _fecha(f.ultima_sesion), orden=lambda f: f.ultima_sesion),
    Columna(_("Próxima"), lambda f: _fecha(f.proxima_sesion), orden=lambda f: f.proxima_sesion),
    Columna(_("Acuerdos\nabiertos"), lambda f: formato.entero(f.n_acuerdos_abiertos) if f.n_acuerdos_abiertos
            else "—", orden=lambda f: f.n_acuerdos_abiertos, derecha=True),
]


def _titular(f) -> str:
    if f.titular:
        return _("Titular")
    return _("Suplente de {nombre}").format(nombre=f.suplente_de) if f.suplente_de else _("Suplente")


COLUMNAS_MIEMBROS: list[Columna] = [
    Columna(_("Nombre"), lambda f: f.nombre, color=lambda f: None if f.vigente else GRIS),
    Columna(_("Cargo"), lambda f: f.cargo or "—"),
    Columna(_("Institución"), lambda f: f.institucion or "—"),
    Columna(_("Rol"), lambda f: f.rol_texto),
    Columna(_("Titular / suplente"), _titular),
    Columna(_("Voto"), lambda f: _("Con voto") if f.con_voto else _("Sin voto")),
    Columna(_("Designado el"), lambda f: _fecha(f.designado_en), orden=lambda f: f.designado_en),
    Columna(_("Hasta"), lambda f: _fecha(f.hasta) if f.hasta else _("en funciones"), orden=lambda f: f.hasta,
            color=lambda f: None if f.vigente else ROJO),
]


def _acta(f) -> str:
    if not f.acta_id:
        return _("Sin acta")
    from nucleo.i18n import traducir
    from nucleo.modelo.mesa import ESTADOS_ACTA

    return f"{f.acta_numero} · {traducir(ESTADOS_ACTA.get(f.acta_estado, ''))}"


def _quorum(f) -> str:
    q = f.quorum
    if q is None or f.estado == "convocada" and not f.n_presentes:
        return "—"
    return (_("Hubo: {p} de {n}") if q.hay else _("No hubo: {p} de {n}")).format(
        p=formato.entero(q.presentes), n=formato.entero(q.con_voto))


def _color_quorum(f) -> str | None:
    if f.quorum is None or f.estado == "convocada" and not f.n_presentes:
        return None
    return VERDE if f.quorum.hay else ROJO


COLUMNAS_SESIONES: list[Columna] = [
    Columna(_("Fecha"), lambda f: formato.fecha(f.fecha), orden=lambda f: f.fecha),
    Columna(_("Hora"), lambda f: f.hora.strftime("%H:%M") if f.hora else "—"),
    Columna(_("Tipo"), lambda f: f.tipo_texto),
    Columna(_("Estado"), lambda f: f.estado_texto),
    Columna(_("Acta"), _acta, orden=lambda f: (f.acta_numero or ""),
            color=lambda f: COLOR_ACTA.get(f.acta_estado) if f.acta_id else None),
    Columna(_("Quórum"), _quorum, color=_color_quorum),
    Columna(_("Puntos"), lambda f: formato.entero(f.n_puntos), orden=lambda f: f.n_puntos, derecha=True),
    Columna(_("Lugar"), lambda f: f.lugar or "—"),
]


def _tabla(proxy, parent: QWidget, nombre: str) -> QTableView:
    t = tabla_de_registros(proxy, parent)
    t.setSortingEnabled(True)
    t.setWordWrap(False)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    t.setAccessibleName(nombre)
    return t


def _ajustar(t: QTableView, estirar: int) -> None:
    cab = t.horizontalHeader()
    for c in range(t.model().columnCount()):
        cab.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    cab.setSectionResizeMode(estirar, QHeaderView.ResizeMode.Stretch)


def _elegir_id(tabla: QTableView, proxy: FiltroTabla, modelo: ModeloTabla, ident: int | None) -> bool:
    fila = fila_en_vista(proxy, modelo, ident) if ident is not None else -1
    if fila < 0:
        return False
    elegir_fila(tabla, proxy, fila)
    return True


class PaginaMesas(QWidget):
    clave = "mesas"
    titulo = _("Mesas")

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy = hoy
        self.datos_miembros = None  # AccionesDatos of «miembros», when that table is registered
        self._armar()
        ctx.cambiado.connect(self._al_cambiar)
        self.recargar()

    def _hoy(self) -> date:
        return self.hoy or date.today()

    # -- armado -----------------------------------------------------------------------------------------------
    def _armar(self) -> None:
        self.pestanas = QTabWidget(self)
        self.pila = QStackedWidget(self)
        self.pila.addWidget(self._armar_mesas())
        self.panel_sesion = PanelSesion(self.ctx, self, self.hoy)
        self.panel_sesion.volver.connect(self.volver_a_la_mesa)
        self.pila.addWidget(self.panel_sesion)
        self.pestanas.addTab(self.pila, _("&Mesas"))
        self.compromisos = PanelCompromisos(self.ctx, self, self.hoy)
        self.compromisos.abrir_sesion.connect(self.abrir_sesion)
        self.pestanas.addTab(self.compromisos, _("Co&mpromisos"))
        capa = QVBoxLayout(self)
        capa.setContentsMargins(8, 8, 8, 8)
        capa.addWidget(self.pestanas)

    def _armar_mesas(self) -> QWidget:
        # Top and bottom rather than side by side: both tables have many columns, and each gets the full width.
        self.divisor = QSplitter(Qt.Orientation.Vertical)
        self.divisor.setChildrenCollapsible(False)

        # Top: the mesas.
        izquierda = QWidget(self.divisor)
        capa = QVBoxLayout(izquierda)
        capa.setContentsMargins(0, 0, 0, 0)
        self.modelo: ModeloTabla = ModeloTabla(COLUMNAS_MESAS, self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self.tabla = _tabla(self.proxy, izquierda, _("Mesas"))
        # The name takes what is left (elided, whole in its tooltip): no sideways scrolling at 1366 px.
        _ajustar(self.tabla, 0)
        self.tabla.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tabla.setColumnWidth(2, 170)
        self.tabla.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._mesa_elegida())
        self.tabla.doubleClicked.connect(lambda _i: self.editar_mesa())
        W = Qt.ShortcutContext.WidgetShortcut
        self.accion_nueva_mesa = _accion(izquierda, _("&Nueva mesa…"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                         _("Registrar una mesa de coordinación (Insert o Ctrl+Shift+N)"),
                                         self.nueva_mesa)
        self.accion_editar_mesa = _accion(self.tabla, _("&Editar…"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                          _("Datos de la mesa elegida (Enter o doble clic)"), self.editar_mesa, W)
        self.accion_eliminar_mesa = _accion(self.tabla, _("E&liminar"), [QKeySequence.StandardKey.Delete],
                                            _("Eliminar la mesa elegida (Supr); no si tiene un acta firmada"),
                                            self.eliminar_mesa, W)
        self.filtro = QLineEdit(izquierda)
        self.filtro.setPlaceholderText(_("Buscar mesa, tipo, territorio…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setAccessibleName(_("Buscar mesas"))
        self.filtro.textChanged.connect(self.proxy.setFilterFixedString)
        self.filtro.returnPressed.connect(self.tabla.setFocus)
        arriba = QHBoxLayout()
        arriba.addWidget(barra_de_ordenes(_("Mesas"), [self.accion_nueva_mesa, self.accion_editar_mesa,
                                              self.accion_eliminar_mesa]))
        arriba.addWidget(self.filtro, 1)
        capa.addLayout(arriba)
        self.pila_lista = QStackedWidget(izquierda)
        self.vacio = EstadoVacio(_("Todavía no hay mesas"),
                                 _("Una mesa reúne a los actores de un territorio o de un sector para coordinar: "
                                   "sesiona con quórum, toma acuerdos con responsable y plazo, y deja actas."),
                                 _("&Registrar la primera mesa…"), izquierda)
        self.vacio.boton.clicked.connect(self.nueva_mesa)
        self.pila_lista.addWidget(self.tabla)
        self.pila_lista.addWidget(self.vacio)
        capa.addWidget(self.pila_lista, 1)

        # Below: sessions and members of the chosen mesa.
        derecha = QWidget(self.divisor)
        capa_d = QVBoxLayout(derecha)
        capa_d.setContentsMargins(0, 0, 0, 0)
        self.nombre_mesa = QLabel(derecha)
        self.nombre_mesa.setFont(fuente_relativa(self.font(), 1.1, negrita=True))
        self.nombre_mesa.setWordWrap(True)
        self.detalle_mesa = QLabel(derecha)
        self.detalle_mesa.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.detalle_mesa.setWordWrap(True)
        capa_d.addWidget(self.nombre_mesa)
        capa_d.addWidget(self.detalle_mesa)
        self.pestanas_mesa = QTabWidget(derecha)
        self.pestanas_mesa.addTab(self._armar_sesiones(), _("&Sesiones"))
        self.pestanas_mesa.addTab(self._armar_miembros(), _("Miem&bros"))
        capa_d.addWidget(self.pestanas_mesa, 1)

        self.divisor.addWidget(izquierda)
        self.divisor.addWidget(derecha)
        self.divisor.setStretchFactor(0, 1)
        self.divisor.setStretchFactor(1, 2)
        return self.divisor

    def _armar_miembros(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.setContentsMargins(6, 6, 6, 6)
        self.modelo_miembros: ModeloTabla = ModeloTabla(COLUMNAS_MIEMBROS, self)
        self.proxy_miembros = FiltroTabla(self)
        self.proxy_miembros.setSourceModel(self.modelo_miembros)
        self.tabla_miembros = _tabla(self.proxy_miembros, pagina, _("Miembros"))
        _ajustar(self.tabla_miembros, 0)
        self.tabla_miembros.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tabla_miembros.setColumnWidth(0, 200)
        self.tabla_miembros.horizontalHeader().setStretchLastSection(True)
        self.tabla_miembros.doubleClicked.connect(lambda _i: self.editar_miembro())
        self.tabla_miembros.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())
        W = Qt.ShortcutContext.WidgetShortcut
        self.accion_agregar_miembro = _accion(pagina, _("&Agregar miembro…"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                              _("Designar un miembro de la mesa (Insert)"), self.agregar_miembro)
        self.accion_editar_miembro = _accion(self.tabla_miembros, _("&Editar…"),
                                             [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                             _("Rol, titular o suplente, voto y fechas (Enter)"),
                                             self.editar_miembro, W)
        self.accion_quitar_miembro = _accion(self.tabla_miembros, _("&Quitar"), [QKeySequence.StandardKey.Delete],
                                             _("Quitar el miembro de la mesa (Supr); para registrar que dejó de "
                                               "serlo, mejor ponga la fecha «Hasta»"), self.quitar_miembro, W)
        barra = barra_de_ordenes(_("Miembros"), [self.accion_agregar_miembro, self.accion_editar_miembro,
                                        self.accion_quitar_miembro])
        from ui.acciones_datos import TABLAS, AccionesDatos

        if "miembros" in TABLAS:
            self.datos_miembros = AccionesDatos(self.ctx, "miembros", pagina, hoy=self._hoy)
            self.datos_miembros.agregar_a(barra)
        self.resumen_miembros = QLabel(pagina)
        self.resumen_miembros.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        arriba = QHBoxLayout()
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.resumen_miembros)
        capa.addLayout(arriba)
        capa.addWidget(self.tabla_miembros, 1)
        return pagina

    def _armar_sesiones(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.setContentsMargins(6, 6, 6, 6)
        self.modelo_sesiones: ModeloTabla = ModeloTabla(COLUMNAS_SESIONES, self)
        self.proxy_sesiones = FiltroTabla(self)
        self.proxy_sesiones.setSourceModel(self.modelo_sesiones)
        self.tabla_sesiones = _tabla(self.proxy_sesiones, pagina, _("Sesiones"))
        _ajustar(self.tabla_sesiones, 7)
        self.tabla_sesiones.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.tabla_sesiones.doubleClicked.connect(lambda _i: self.abrir_sesion())
        self.tabla_sesiones.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())
        W = Qt.ShortcutContext.WidgetShortcut
        self.accion_convocar = _accion(pagina, _("&Convocar sesión…"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                       _("Fecha, hora, lugar y tipo de la próxima sesión (Insert)"), self.convocar)
        self.accion_abrir_sesion = _accion(self.tabla_sesiones, _("&Abrir"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                           _("La pantalla de la sesión: asistencia, orden del día, acuerdos y acta "
                                             "(Enter o doble clic)"), self.abrir_sesion, W)
        self.accion_eliminar_sesion = _accion(self.tabla_sesiones, _("E&liminar"), [QKeySequence.StandardKey.Delete],
                                              _("Eliminar la sesión elegida (Supr); no si su acta está firmada"),
                                              self.eliminar_sesion, W)
        barra = barra_de_ordenes(_("Sesiones"), [self.accion_convocar, self.accion_abrir_sesion, self.accion_eliminar_sesion])
        capa.addWidget(barra)
        capa.addWidget(self.tabla_sesiones, 1)
        return pagina

    # -- carga ------------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        if self.pestanas.currentWidget() is self.compromisos:
            self.compromisos.buscar()
            return
        self.volver_a_la_mesa()
        self.filtro.setFocus()
        self.filtro.selectAll()

    def _al_cambiar(self, que) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def mesa_actual(self) -> int | None:
        return id_elegido(self.tabla)

    def recargar(self) -> None:
        mid, hoy = self.ctx.municipio_id, self._hoy()
        elegida = self.mesa_actual()
        filas = self.ctx.leer(lambda s: listar_mesas(s, mid, hoy))
        self.modelo.cargar(filas)
        self.pila_lista.setCurrentIndex(0 if filas else 1)
        if not _elegir_id(self.tabla, self.proxy, self.modelo, elegida) and self.proxy.rowCount():
            elegir_fila(self.tabla, self.proxy, 0)
        self._mesa_elegida()

    def _fila_mesa(self):
        ident = self.mesa_actual()
        n = self.modelo.buscar_id(ident) if ident is not None else -1
        return self.modelo.fila(n) if n >= 0 else None

    def _mesa_elegida(self) -> None:
        f = self._fila_mesa()
        mid = self.ctx.municipio_id
        miembro = id_elegido(self.tabla_miembros)
        sesion = id_elegido(self.tabla_sesiones)
        if f is None:
            self.nombre_mesa.setText(_("Elija una mesa"))
            self.detalle_mesa.clear()
            self.modelo_miembros.cargar([])
            self.modelo_sesiones.cargar([])
        else:
            self.nombre_mesa.setText(f.nombre)
            partes = [f.tipo_texto, ", ".join(f.territorios) or _("Todo el distrito")]
            if f.lugar_habitual:
                partes.append(f.lugar_habitual)
            if f.periodicidad:
                partes.append(f.periodicidad)
            partes.append(_("quórum: {q}").format(q=f.quorum_texto))
            if not f.activa:
                partes.append(_("no está en funciones"))
            self.detalle_mesa.setText(" · ".join(partes))
            ident = f.id
            miembros, sesiones = self.ctx.leer(lambda s: (listar_miembros(s, ident),
                                                          listar_sesiones(s, mid, mesa_id=ident)))
            self.modelo_miembros.cargar(miembros)
            self.modelo_sesiones.cargar(sesiones)
            vigentes = [m for m in miembros if m.vigente]
            self.resumen_miembros.setText(n_("{n} miembro vigente", "{n} miembros vigentes", len(vigentes)).format(
                n=formato.entero(len(vigentes))))
            self.pestanas_mesa.setTabText(0, _("&Sesiones ({n})").format(n=formato.entero(len(sesiones))))
            self.pestanas_mesa.setTabText(1, _("Miem&bros ({n})").format(n=formato.entero(len(vigentes))))
        _elegir_id(self.tabla_miembros, self.proxy_miembros, self.modelo_miembros, miembro)
        if not _elegir_id(self.tabla_sesiones, self.proxy_sesiones, self.modelo_sesiones, sesion) \
                and self.proxy_sesiones.rowCount():
            elegir_fila(self.tabla_sesiones, self.proxy_sesiones, 0)
        self._actualizar_acciones()

    def _actualizar_acciones(self) -> None:
        escribe = not self.ctx.solo_lectura
        hay_mesa = self.mesa_actual() is not None
        self.accion_nueva_mesa.setEnabled(escribe)
        self.vacio.boton.setEnabled(escribe)
        self.accion_editar_mesa.setEnabled(hay_mesa)
        self.accion_eliminar_mesa.setEnabled(escribe and hay_mesa)
        self.accion_agregar_miembro.setEnabled(escribe and hay_mesa)
        hay_miembro = id_elegido(self.tabla_miembros) is not None
        self.accion_editar_miembro.setEnabled(hay_miembro)
        self.accion_quitar_miembro.setEnabled(escribe and hay_miembro)
        self.accion_convocar.setEnabled(escribe and hay_mesa)
        hay_sesion = id_elegido(self.tabla_sesiones) is not None
        self.accion_abrir_sesion.setEnabled(hay_sesion)
        self.accion_eliminar_sesion.setEnabled(escribe and hay_sesion)

    # -- mesas ------------------------------------------------------------------------------------------------
    def _dialogo(self, dialogo: QDialog) -> bool:
        aceptado = dialogo.exec() == QDialog.DialogCode.Accepted
        dialogo.deleteLater()
        return aceptado

    def nueva_mesa(self) -> None:
        if self.ctx.solo_lectura:
            return
        from ui.dialogos.mesa import DialogoMesa

        dialogo = DialogoMesa(self.ctx, parent=self)
        if self._dialogo(dialogo) and dialogo.mesa_id is not None:
            _elegir_id(self.tabla, self.proxy, self.modelo, dialogo.mesa_id)

    def editar_mesa(self) -> None:
        ident = self.mesa_actual()
        if ident is None:
            return
        from ui.dialogos.mesa import DialogoMesa

        self._dialogo(DialogoMesa(self.ctx, ident, self))

    def confirmar(self, titulo: str, pregunta: str) -> bool:
        """Sí/No antes de eliminar (separada para que las pruebas la reemplacen)."""
        return QMessageBox.question(self, titulo, pregunta) == QMessageBox.StandardButton.Yes

    def _ejecutar(self, texto: str, cambia, hacer, deshacer, rehacer=None) -> Any:
        try:
            return self.ctx.ejecutar(ComandoServicio(self.ctx, texto, cambia, hacer, deshacer, rehacer))
        except ErrorDeUsuario as exc:
            mostrar_error_de_usuario(self, exc)
            return None

    def eliminar_mesa(self) -> None:
        f = self._fila_mesa()
        if f is None or self.ctx.solo_lectura:
            return
        if not self.confirmar(_("Eliminar mesa"), _("¿Eliminar la mesa «{nombre}» con sus miembros, sesiones, "
                                                    "acuerdos y actas? Se puede deshacer con Ctrl+Z.").format(
                nombre=f.nombre)):
            return
        ident = f.id
        self._ejecutar(_("Eliminar la mesa «{nombre}»").format(nombre=corto(f.nombre)), {"mesa", "sesion", "acuerdo"},
                       lambda s: eliminar_mesa(s, ident), lambda s, copia: restaurar_mesa(s, copia),
                       lambda s, nuevo: eliminar_mesa(s, nuevo))

    # -- miembros ---------------------------------------------------------------------------------------------
    def agregar_miembro(self) -> None:
        ident = self.mesa_actual()
        if ident is None or self.ctx.solo_lectura:
            return
        from ui.dialogos.miembro import DialogoMiembro

        dialogo = DialogoMiembro(self.ctx, ident, parent=self, hoy=self._hoy())
        if self._dialogo(dialogo) and dialogo.miembro_id is not None:
            _elegir_id(self.tabla_miembros, self.proxy_miembros, self.modelo_miembros, dialogo.miembro_id)

    def editar_miembro(self) -> None:
        mesa, miembro = self.mesa_actual(), id_elegido(self.tabla_miembros)
        if mesa is None or miembro is None:
            return
        from ui.dialogos.miembro import DialogoMiembro

        self._dialogo(DialogoMiembro(self.ctx, mesa, miembro, self, hoy=self._hoy()))

    def quitar_miembro(self) -> None:
        ident = id_elegido(self.tabla_miembros)
        if ident is None or self.ctx.solo_lectura:
            return
        f = self.modelo_miembros.fila(self.modelo_miembros.buscar_id(ident))
        if not self.confirmar(_("Quitar miembro"), _("¿Quitar a «{nombre}» de la mesa? Si dejó de ser miembro, "
                                                     "es mejor poner la fecha «Hasta»: así las sesiones pasadas lo "
                                                     "siguen mostrando.").format(nombre=f.nombre)):
            return
        self._ejecutar(_("Quitar a «{nombre}» de la mesa").format(nombre=corto(f.nombre)), {"mesa", "sesion"},
                       lambda s: eliminar_miembro(s, ident), lambda s, copia: restaurar_miembro(s, copia),
                       lambda s, nuevo: eliminar_miembro(s, nuevo))

    # -- sesiones ---------------------------------------------------------------------------------------------
    def convocar(self) -> None:
        f = self._fila_mesa()
        if f is None or self.ctx.solo_lectura:
            return
        from ui.dialogos.sesion import DialogoSesion

        dialogo = DialogoSesion(self.ctx, f.id, parent=self, hoy=self._hoy(), lugar=f.lugar_habitual)
        if self._dialogo(dialogo) and dialogo.sesion_id is not None:
            _elegir_id(self.tabla_sesiones, self.proxy_sesiones, self.modelo_sesiones, dialogo.sesion_id)

    def abrir_sesion(self, sesion_id: int | None = None) -> None:
        """Muestra la pantalla de la sesión (la elegida, o la del id dado: desde Compromisos)."""
        if sesion_id is None:
            sesion_id = id_elegido(self.tabla_sesiones)
        if sesion_id is None:
            return
        self.pestanas.setCurrentWidget(self.pila)
        self.panel_sesion.fijar_sesion(sesion_id)
        if self.panel_sesion.estado is not None:
            # Keep the left side in step: the session's mesa, its row chosen.
            _elegir_id(self.tabla, self.proxy, self.modelo, self.panel_sesion.estado.fila.mesa_id)
            _elegir_id(self.tabla_sesiones, self.proxy_sesiones, self.modelo_sesiones, sesion_id)
        self.pila.setCurrentWidget(self.panel_sesion)
        self.panel_sesion.tabla_asistencia.setFocus()

    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): con una sesión abierta, su acta (o su convocatoria si aún no tiene acta)."""
        from ui.acciones_datos import PedidoImpreso

        e = self.panel_sesion.estado
        if self.pila.currentWidget() is not self.panel_sesion or e is None:
            return None
        if e.acta_id is not None:
            return PedidoImpreso("acta", None, e.acta_id, e.acta_numero)
        return PedidoImpreso("convocatoria", None, e.fila.id, _("Convocatoria — {mesa}").format(mesa=e.fila.mesa))

    def volver_a_la_mesa(self) -> None:
        if self.pila.currentWidget() is self.panel_sesion:
            self.panel_sesion.guardar_notas()
            self.pila.setCurrentIndex(0)
            self.tabla_sesiones.setFocus()

    def eliminar_sesion(self) -> None:
        ident = id_elegido(self.tabla_sesiones)
        if ident is None or self.ctx.solo_lectura:
            return
        f = self.modelo_sesiones.fila(self.modelo_sesiones.buscar_id(ident))
        if not self.confirmar(_("Eliminar sesión"), _("¿Eliminar la sesión del {fecha} con su asistencia, orden del "
                                                      "día, acuerdos y acta? Se puede deshacer con Ctrl+Z.").format(
                fecha=formato.fecha(f.fecha))):
            return
        self._ejecutar(_("Eliminar la sesión del {fecha}").format(fecha=formato.fecha(f.fecha)),
                       {"sesion", "acuerdo"}, lambda s: eliminar_sesion(s, ident),
                       lambda s, copia: restaurar_sesion(s, copia), lambda s, nuevo: eliminar_sesion(s, nuevo))

