"""Convenios: el registro (tabla con filtros), la ficha del elegido con su escaneo firmado, y las órdenes de crear,
editar, eliminar, firmar e imprimir.

Firmar congela el convenio (el servicio rechaza cualquier cambio posterior); la pregunta lo explica antes. El
escaneo firmado se adjunta en el panel de la derecha, también con el convenio firmado.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache, partial
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.convenio import ESTADOS_CONVENIO, TIPOS_CONVENIO
from nucleo.servicios.convenios import (
    FichaConvenio,
    FilaConvenio,
    eliminar_convenio,
    ficha_convenio,
    listar_convenios,
    problemas_para_firmar,
    restaurar_convenio,
    territorios_para_elegir,
)
from ui.acciones_datos import (
    abrir_con_el_sistema,
    carpeta_inicial,
    error_de_escritura,
    es_cancelacion,
    nombre_archivo,
    recordar_carpeta,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos import progreso
from ui.dialogos.convenio import DialogoConvenio, DialogoFirmar, fuente_convenios
from ui.estilo import AVISO_FONDO, AVISO_TEXTO, AZUL_INSTITUCIONAL, COLORES_SEMAFORO, TEXTO_SECUNDARIO
from ui.modelos.filtro import FiltroTabla
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.documentos import PanelDocumentos
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.seleccion import SeleccionPorId, elegir_fila
from ui.widgets.tablas import tabla_de_registros

GRIS, ROJO = TEXTO_SECUNDARIO, "#c62828"
COLOR_ESTADO = {"firmado": COLORES_SEMAFORO["cumplida"], "borrador": COLORES_SEMAFORO["sin_fecha"]}
CAMBIOS_QUE_AFECTAN = frozenset({"convenio", "territorio", "documento", "actor"})
SIN_TERRITORIO = -1


@cache
def icono_candado() -> QIcon:
    """Un candado pequeño dibujado (no depende de fuentes con emoji): marca los convenios firmados."""
    icono = QIcon()
    for lado in (16, 24, 32):
        imagen = QPixmap(lado, lado)
        imagen.fill(Qt.GlobalColor.transparent)
        p = QPainter(imagen)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        m = lado / 16
        azul = QColor(AZUL_INSTITUCIONAL)
        arco = QPainterPath()
        arco.moveTo(5 * m, 7.5 * m)
        arco.lineTo(5 * m, 5 * m)
        arco.arcTo(QRectF(5 * m, 2 * m, 6 * m, 6 * m), 180, -180)
        arco.lineTo(11 * m, 7.5 * m)
        p.setBrush(Qt.BrushStyle.NoBrush)
        # A white halo first: the lock stays visible on the blue of a selected row.
        p.setPen(QPen(QColor("#ffffff"), 3.2 * m))
        p.drawPath(arco)
        p.drawRoundedRect(QRectF(3 * m, 7 * m, 10 * m, 7.5 * m), 1.5 * m, 1.5 * m)
        p.setPen(QPen(azul, 1.6 * m))
        p.drawPath(arco)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(azul)
        p.drawRoundedRect(QRectF(3 * m, 7 * m, 10 * m, 7.5 * m), 1.5 * m, 1.5 * m)
        p.setBrush(QColor("#ffffff"))
        p.drawEllipse(QRectF(7 * m, 9.3 * m, 2 * m, 2 * m))
        p.end()
        icono.addPixmap(imagen)
    return icono


class ModeloConvenios(ModeloTabla[FilaConvenio]):
    """El registro de convenios: como ModeloTabla, con un candado junto al título de los firmados."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 0:
            return icono_candado() if self.fila(index.row()).firmado else None
        return super().data(index, role)


def _vigencia(f: FilaConvenio) -> str:
    if f.fecha_inicio and f.fecha_fin:
        return f"{formato.fecha(f.fecha_inicio)} – {formato.fecha(f.fecha_fin)}"
    if f.fecha_inicio:
        return _("desde {fecha}").format(fecha=formato.fecha(f.fecha_inicio))
    if f.fecha_fin:
        return _("hasta {fecha}").format(fecha=formato.fecha(f.fecha_fin))
    return "—"


def _estado(f: FilaConvenio) -> str:
    if f.firmado and f.fecha_firma:
        return _("Firmado el {fecha}").format(fecha=formato.fecha(f.fecha_firma))
    return f.estado_texto


def _escaneo(f: FilaConvenio) -> str:
    if not f.documentos:
        return _("Falta") if f.firmado else "—"
    return n_("{n} archivo", "{n} archivos", f.documentos).format(n=formato.entero(f.documentos))


COLUMNAS: list[Columna[FilaConvenio]] = [
    Columna(_("Título"), lambda f: f.titulo),
    Columna(_("Tipo"), lambda f: f.tipo_texto, orden=lambda f: list(TIPOS_CONVENIO).index(f.tipo)
            if f.tipo in TIPOS_CONVENIO else 9),
    Columna(_("Territorio"), lambda f: f.territorio or _("Todo el distrito")),
    # Drafts first (the pending work), then the signed ones, the most recent first.
    Columna(_("Estado"), _estado, orden=lambda f: (1, -f.fecha_firma.toordinal()) if f.firmado and f.fecha_firma
            else (0, 0), color=lambda f: COLOR_ESTADO.get(f.estado)),
    Columna(_("Vigencia"), _vigencia, orden=lambda f: f.fecha_inicio),
    Columna(_("Escaneo"), _escaneo, orden=lambda f: f.documentos,
            color=lambda f: COLORES_SEMAFORO["por_vencer"] if f.firmado and not f.documentos else None,
            ayuda=_("Documentos adjuntos: el escaneo con las firmas, una vez firmado")),
    # Last, so it takes the width left (long lists of parties are elided; the record below has them all).
    Columna(_("Partes"), lambda f: f.partes or "—"),
]
COL_TITULO, COL_TIPO, COL_TERRITORIO, COL_ESTADO, COL_VIGENCIA, COL_ESCANEO, COL_PARTES = range(7)
# Width caps so the row fits a 1280-pixel window; the full text is in the tooltip and in the record below.
TOPES = {COL_TITULO: 320, COL_TIPO: 230, COL_TERRITORIO: 170}


def _combo(primero: str, opciones: dict[str, str], ayuda: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(primero, None)
    for clave, texto in opciones.items():
        combo.addItem(traducir(texto), clave)
    combo.setToolTip(ayuda)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return combo


# -- ficha en HTML ------------------------------------------------------------------------------------------------
def _parrafos(texto: str) -> str:
    return "<br>".join(escape(linea) for linea in texto.splitlines())


def html_ficha(f: FichaConvenio) -> str:
    d = f.datos
    color = COLOR_ESTADO.get(f.estado, GRIS)
    estado = f"<b style='color:{color}'>{escape(f.estado_texto)}</b>"
    if f.firmado:
        estado = _("{estado} el {fecha}").format(estado=estado, fecha=escape(formato.fecha(f.fecha_firma)))
    cabecera = " · ".join([escape(f.tipo_texto), escape(f.territorio or _("Todo el distrito")), estado])
    filas = [(_("Objeto"), _parrafos(d.objeto) if d.objeto else f"<span style='color:{GRIS}'>"
              f"{escape(_('Sin escribir.'))}</span>"),
             (_("Vigencia"), escape(_vigencia_larga(d.fecha_inicio, d.fecha_fin))),
             (_("Lugar de firma"), escape(d.lugar) or "—")]
    if f.firmado:
        filas.append((_("Huella SHA-256"), f"<span style='font-family:monospace; color:{GRIS}'>"
                                            f"{escape(f.hash_firma)}</span>"))
    tabla = "".join(f"<tr><td valign='top' style='color:{GRIS}; padding-right:10px'>{escape(t)}</td>"
                    f"<td valign='top'>{v}</td></tr>" for t, v in filas)
    aviso = ""
    if f.faltan:
        aviso = (f"<p style='color:{AVISO_TEXTO}; background:{AVISO_FONDO}; margin-top:6px'>"
                 f"<b>{escape(_('Para poder firmarlo falta:'))}</b><br>"
                 + "<br>".join("• " + escape(m) for m in f.faltan) + "</p>")
    partes = []
    for n, p in enumerate(f.partes, start=1):
        quien = ", ".join(x for x in (p.representante, p.cargo) if x)
        quien_html = (f"<span style='color:{GRIS}'>— {escape(quien)}</span>" if quien
                      else f"<span style='color:{AVISO_TEXTO}'>— {escape(_('falta quién firma'))}</span>")
        obligaciones = "".join(f"<li>{escape(o)}</li>" for o in p.obligaciones) or (
            f"<li style='color:{GRIS}'>{escape(_('Sin obligaciones escritas.'))}</li>")
        partes.append(f"<p style='margin-top:4px; margin-bottom:0'>{n}. <b>{escape(p.nombre)}</b> {quien_html}</p>"
                      f"<ul style='margin-top:0; margin-bottom:0'>{obligaciones}</ul>")
    cuerpo_partes = "".join(partes) or f"<p style='color:{GRIS}'>{escape(_('Todavía no tiene partes.'))}</p>"
    notas = (f"<p style='margin-bottom:2px'><b>{escape(_('Notas'))}</b></p><p style='margin-top:0'>"
             f"{_parrafos(d.notas)}</p>") if d.notas else ""
    return (f"<h3 style='margin-top:0; margin-bottom:2px'>{escape(d.titulo)}</h3>"
            f"<p style='color:{GRIS}; margin-top:0'>{cabecera}</p>"
            f"<table cellspacing='0' cellpadding='1'>{tabla}</table>{aviso}"
            f"<p style='margin-bottom:0'><b>{escape(_('Partes y obligaciones'))}</b></p>{cuerpo_partes}{notas}")


def _vigencia_larga(inicio: date | None, fin: date | None) -> str:
    if inicio and fin:
        return _("Del {inicio} al {fin}").format(inicio=formato.fecha(inicio), fin=formato.fecha(fin))
    if inicio:
        return _("Desde el {inicio}, sin fecha de fin").format(inicio=formato.fecha(inicio))
    if fin:
        return _("Desde la firma hasta el {fin}").format(fin=formato.fecha(fin))
    return _("Desde la firma, sin fecha de fin")


class PaginaConvenios(SeleccionPorId, QWidget):
    clave = "convenios"
    titulo = _("Convenios")

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy = hoy
        self._primera_carga = True
        self._divisor_repartido = False
        self.tarea: progreso.Tarea | None = None  # the last print job (tests wait on it)
        self.aviso: QMessageBox | None = None

        self.modelo = ModeloConvenios(COLUMNAS, self)
        self.proxy = FiltroTabla(self)
        self.proxy.setSourceModel(self.modelo)
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self.recargar()

    def _hoy(self) -> date:
        return self.hoy or date.today()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        accion = partial(nueva_accion, self, contexto=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.accion_nuevo = accion(_("Nuevo convenio"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                   _("Registrar un convenio o compromiso (Insert o Ctrl+Shift+N)"), self.nuevo)
        self.accion_editar = accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                    _("Editar el convenio elegido (Enter o doble clic)"), self.editar,
                                    contexto=Qt.ShortcutContext.WidgetShortcut)
        self.accion_eliminar = accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                      _("Eliminar el convenio elegido (Supr); uno firmado no se elimina"),
                                      self.eliminar, contexto=Qt.ShortcutContext.WidgetShortcut)
        self.accion_firmar = accion(_("Firmar…"), ["Ctrl+Shift+F"],
                                    _("Registrar la firma: el convenio queda congelado (Ctrl+Shift+F)"), self.firmar)
        self.accion_imprimir = accion(_("Imprimir…"), [],
                                      _("Guardar el convenio en PDF, con su texto y las firmas (Ctrl+P: vista previa "
                                        "e impresora)"), self.imprimir)
        for a in (self.accion_nuevo, self.accion_firmar, self.accion_imprimir):
            self.addAction(a)

    def _crear_vista(self) -> None:
        barra = QToolBar(_("Convenios"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nuevo, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        barra.addSeparator()
        barra.addAction(self.accion_firmar)
        barra.addAction(self.accion_imprimir)

        self.filtro = QLineEdit()
        self.filtro.setPlaceholderText(_("Buscar título, parte, territorio…"))
        self.filtro.setClearButtonEnabled(True)
        self.filtro.setMinimumWidth(260)
        self.filtro.setAccessibleName(_("Buscar convenios"))
        self.filtro.textChanged.connect(self._filtrar)
        self.filtro.returnPressed.connect(self._ir_a_lista)
        arriba = QHBoxLayout()
        arriba.setContentsMargins(0, 0, 0, 0)
        arriba.addWidget(barra)
        arriba.addStretch(1)
        arriba.addWidget(self.filtro)

        self.filtro_tipo = _combo(_("Todos"), TIPOS_CONVENIO, _("Mostrar solo los convenios de este tipo"))
        self.filtro_tipo.setMinimumContentsLength(16)
        self.filtro_estado = _combo(_("Todos"), ESTADOS_CONVENIO, _("Mostrar solo borradores o solo firmados"))
        self.filtro_estado.setMinimumContentsLength(8)
        self.filtro_territorio = _combo(_("Todos"), {}, _("Mostrar solo los convenios de este territorio"))
        self.boton_quitar_filtros = QPushButton(_("&Quitar filtros"))
        self.boton_quitar_filtros.clicked.connect(self.limpiar_filtros)
        self.filtros = QWidget()
        capa_filtros = QHBoxLayout(self.filtros)
        capa_filtros.setContentsMargins(0, 0, 0, 0)
        capa_filtros.setSpacing(4)
        for texto, combo in ((_("T&ipo:"), self.filtro_tipo), (_("E&stado:"), self.filtro_estado),
                             (_("&Territorio:"), self.filtro_territorio)):
            etiqueta = QLabel(texto)
            etiqueta.setBuddy(combo)
            if combo is not self.filtro_tipo:
                etiqueta.setContentsMargins(8, 0, 0, 0)
            capa_filtros.addWidget(etiqueta)
            capa_filtros.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._filtrar)
        capa_filtros.addWidget(self.boton_quitar_filtros)

        self.tabla = tabla_de_registros(self.proxy)
        self.tabla.setSortingEnabled(True)
        self.tabla.sortByColumn(COL_ESTADO, Qt.SortOrder.AscendingOrder)
        self.tabla.setWordWrap(False)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().height() + 12)
        self.tabla.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabla.horizontalHeader().setStretchLastSection(True)
        self.tabla.addAction(self.accion_editar)
        self.tabla.addAction(self.accion_eliminar)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._seleccion_cambiada())
        self.tabla.setAccessibleName(_("Registro de convenios"))
        self.tabla.viewport().installEventFilter(self)

        self.ficha = QTextBrowser()
        self.ficha.setOpenLinks(False)
        self.ficha.setAccessibleName(_("Ficha del convenio elegido"))
        self.documentos = PanelDocumentos(self.ctx, self, fuente=fuente_convenios())

        self.detalle = QSplitter(Qt.Orientation.Horizontal)
        self.detalle.addWidget(self.ficha)
        self.detalle.addWidget(self.documentos)
        self.detalle.setChildrenCollapsible(False)
        self.detalle.setStretchFactor(0, 3)
        self.detalle.setStretchFactor(1, 2)

        self.divisor = QSplitter(Qt.Orientation.Vertical)
        self.divisor.addWidget(self.tabla)
        self.divisor.addWidget(self.detalle)
        self.divisor.setChildrenCollapsible(False)
        self.divisor.setStretchFactor(0, 2)
        self.divisor.setStretchFactor(1, 3)

        contenido = QWidget()
        capa_contenido = QVBoxLayout(contenido)
        capa_contenido.setContentsMargins(0, 0, 0, 0)
        capa_contenido.addWidget(self.filtros)
        capa_contenido.addWidget(self.divisor, 1)

        self.pila_vistas = QStackedWidget()
        self.pila_vistas.addWidget(contenido)
        self.pila_vistas.addWidget(self._crear_vacio())

        self.estado = QLabel()
        self.estado.setStyleSheet(f"color: {GRIS};")

        capa = QVBoxLayout(self)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.addLayout(arriba)
        capa.addWidget(self.pila_vistas, 1)
        capa.addWidget(self.estado)
        self.setFocusProxy(self.tabla)

    def _crear_vacio(self) -> QWidget:
        vacio = EstadoVacio(
            _("Todavía no hay convenios"),
            _("Registre aquí el compromiso con la comunidad, las cartas de compromiso entre instituciones, "
              "los contratos de servicios y los convenios marco: sus partes, lo que cada una se "
              "compromete a hacer y sus fechas. Articula los imprime listos para firmar."),
            _("Registrar el primer convenio…"))
        self.boton_primero = vacio.boton
        self.boton_primero.clicked.connect(self.nuevo)
        return vacio

    # -- datos ------------------------------------------------------------------------------------------------
    def recargar(self) -> None:
        """Vuelve a leer la lista y conserva el convenio elegido (o el que ocupa su lugar si se eliminó)."""
        elegido, fila_vista = self.convenio_actual(), self.tabla.currentIndex().row()
        mid = self.ctx.municipio_id
        filas, territorios = self.ctx.leer(lambda s: (listar_convenios(s, mid), territorios_para_elegir(s, mid)))
        self._cargar_territorios(territorios)
        self.modelo.cargar(filas)
        self._ajustar_columnas()
        self._aplicar_filtros()
        perdido = elegido is None or not self.seleccionar(elegido)
        if perdido and self.proxy.rowCount() and (fila_vista >= 0 or self._primera_carga):
            elegir_fila(self.tabla, self.proxy, min(max(fila_vista, 0), self.proxy.rowCount() - 1))
        self._primera_carga = False
        self._actualizar()

    def _cargar_territorios(self, territorios: list[tuple[int, str]]) -> None:
        combo = self.filtro_territorio
        actual = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("Todos"), None)
        for ident, nombre in territorios:
            combo.addItem(nombre, ident)
        combo.addItem(_("Todo el distrito (sin territorio)"), SIN_TERRITORIO)
        combo.setCurrentIndex(max(0, combo.findData(actual)))
        combo.blockSignals(False)

    def _ajustar_columnas(self) -> None:
        if not self.modelo.rowCount():
            return
        self.tabla.resizeColumnsToContents()
        cabecera = self.tabla.horizontalHeader()
        self._naturales = {c: cabecera.sectionSize(c) for c in range(self.modelo.columnCount())}
        self._encajar_columnas()

    def _encajar_columnas(self) -> None:
        """Reparte el ancho visible: título y tipo hasta su tope (o lo que quede), las partes al final con el resto.

        Sin barra de desplazamiento horizontal en una ventana de 1024 píxeles; el texto completo está en la ayuda
        emergente y en la ficha de abajo.
        """
        naturales = getattr(self, "_naturales", None)
        disponible = self.tabla.viewport().width()
        if not naturales or disponible <= 0:
            return
        cabecera = self.tabla.horizontalHeader()
        fijas = sum(naturales[c] for c in naturales if c not in (COL_TITULO, COL_TIPO, COL_TERRITORIO, COL_PARTES))
        resto = max(0, disponible - fijas - 140)  # 140: what the parties keep at least
        territorio = min(naturales[COL_TERRITORIO], TOPES[COL_TERRITORIO], max(90, int(resto * 0.18)))
        tipo = min(naturales[COL_TIPO], TOPES[COL_TIPO], max(110, int(resto * 0.28)))
        titulo = min(naturales[COL_TITULO], TOPES[COL_TITULO], max(160, resto - territorio - tipo))
        for col, ancho in ((COL_TITULO, titulo), (COL_TIPO, tipo), (COL_TERRITORIO, territorio)):
            cabecera.resizeSection(col, ancho)
        for col in naturales:
            if col not in (COL_TITULO, COL_TIPO, COL_TERRITORIO, COL_PARTES):
                cabecera.resizeSection(col, naturales[col])
        # The last column stretches over the width left: narrow it first so it never pushes a scroll bar.
        cabecera.resizeSection(COL_PARTES, 80)

    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt override
        # The table's own visible width, once its layout settled (the page's resize comes before it).
        if objeto is self.tabla.viewport() and evento.type() == QEvent.Type.Resize:
            self._encajar_columnas()
        return super().eventFilter(objeto, evento)

    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    # -- filtros ----------------------------------------------------------------------------------------------
    def condicion(self) -> Callable[[FilaConvenio], bool] | None:
        tipo, estado = self.filtro_tipo.currentData(), self.filtro_estado.currentData()
        territorio = self.filtro_territorio.currentData()
        if tipo is None and estado is None and territorio is None:
            return None

        def pasa(f: FilaConvenio) -> bool:
            if tipo is not None and f.tipo != tipo:
                return False
            if estado is not None and f.estado != estado:
                return False
            if territorio == SIN_TERRITORIO:
                return f.territorio_id is None
            return territorio is None or f.territorio_id == territorio

        return pasa

    def _aplicar_filtros(self) -> None:
        condicion = self.condicion()
        self.proxy.setFilterFixedString(self.filtro.text().strip())
        self.proxy.fijar_condicion(condicion)
        self.boton_quitar_filtros.setEnabled(condicion is not None or bool(self.filtro.text().strip()))

    def _filtrar(self) -> None:
        elegido = self.convenio_actual()
        self._aplicar_filtros()
        if (elegido is None or not self.seleccionar(elegido)) and self.proxy.rowCount():
            elegir_fila(self.tabla, self.proxy, 0)
        self._actualizar()

    def limpiar_filtros(self) -> None:
        for combo in (self.filtro_tipo, self.filtro_estado, self.filtro_territorio):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.filtro.clear()
        self._filtrar()

    def mostrar_territorio(self, territorio_id: int) -> None:
        """Muestra solo los convenios de ese territorio (la página Territorios navega hasta aquí)."""
        if self.filtro_territorio.findData(territorio_id) < 0:
            self.recargar()
        self.filtro.clear()
        for combo in (self.filtro_tipo, self.filtro_estado):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        i = self.filtro_territorio.findData(territorio_id)
        self.filtro_territorio.setCurrentIndex(max(0, i))  # refilters
        self._filtrar()

    def mostrar_convenio(self, convenio_id: int) -> None:
        if not self.seleccionar(convenio_id):
            self.limpiar_filtros()
            self.seleccionar(convenio_id)

    # -- selección --------------------------------------------------------------------------------------------
    convenio_actual = SeleccionPorId.id_actual

    def _ir_a_lista(self) -> None:
        if self.proxy.rowCount():
            if self.convenio_actual() is None:
                elegir_fila(self.tabla, self.proxy, 0)
            self.tabla.setFocus()

    def _seleccion_cambiada(self) -> None:
        self._actualizar_acciones()
        self._mostrar_ficha()

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().showEvent(evento)
        if not self._divisor_repartido:
            self._divisor_repartido = True
            alto = self.divisor.height()
            self.divisor.setSizes([int(alto * 0.36), alto - int(alto * 0.36)])
            ancho = self.detalle.width()
            self.detalle.setSizes([int(ancho * 0.62), ancho - int(ancho * 0.62)])

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        total = self.modelo.rowCount()
        self.pila_vistas.setCurrentIndex(0 if total else 1)
        self.filtro.setVisible(bool(total))
        visibles = self.filas_visibles()
        firmados = sum(1 for f in visibles if f.firmado)
        sin_escaneo = sum(1 for f in visibles if f.firmado and not f.documentos)
        if len(visibles) == total:
            texto = n_("{n} convenio", "{n} convenios", total).format(n=formato.entero(total))
        else:
            texto = n_("Se muestran {v} de {n} convenio", "Se muestran {v} de {n} convenios", total).format(
                v=formato.entero(len(visibles)), n=formato.entero(total))
        if visibles:
            texto += " · " + n_("{n} firmado", "{n} firmados", firmados).format(n=formato.entero(firmados))
            texto += " · " + n_("{n} borrador", "{n} borradores", len(visibles) - firmados).format(
                n=formato.entero(len(visibles) - firmados))
            if sin_escaneo:
                texto += " · " + n_("{n} firmado sin escaneo", "{n} firmados sin escaneo", sin_escaneo).format(
                    n=formato.entero(sin_escaneo))
        self.estado.setText(texto)
        self._actualizar_acciones()
        self._mostrar_ficha()

    def _actualizar_acciones(self) -> None:
        fila = self.fila_actual()
        escribible = not self.ctx.solo_lectura
        self.accion_nuevo.setEnabled(escribible)
        self.boton_primero.setEnabled(escribible)
        self.accion_editar.setEnabled(fila is not None)
        self.accion_editar.setText(_("Editar") if escribible and not (fila and fila.firmado) else _("Ver"))
        self.accion_eliminar.setEnabled(escribible and fila is not None and not fila.firmado)
        self.accion_firmar.setEnabled(escribible and fila is not None and not fila.firmado)
        self.accion_imprimir.setEnabled(fila is not None)

    def _mostrar_ficha(self) -> None:
        cid = self.convenio_actual()
        if cid is None:
            if self.modelo.rowCount() and not self.proxy.rowCount():
                aviso = _("Ningún convenio coincide con la búsqueda o los filtros.")
            else:
                aviso = _("Elija un convenio de la lista para ver sus partes y obligaciones.")
            self.ficha.setHtml(f"<p style='color:{GRIS}'>{escape(aviso)}</p>")
            self.documentos.mostrar_etapa(None)
            return
        try:
            ficha = self.ctx.leer(lambda s: ficha_convenio(s, cid))
        except ErrorDeUsuario as exc:
            self.ficha.setHtml(f"<p style='color:{ROJO}'>{escape(exc.mensaje)}</p>")
            self.documentos.mostrar_etapa(None)
            return
        self.ficha.setHtml(html_ficha(ficha))
        self.documentos.mostrar_etapa(cid, ficha.datos.titulo)

    # -- órdenes ----------------------------------------------------------------------------------------------
    def buscar(self) -> None:
        self.filtro.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filtro.selectAll()

    def nuevo(self) -> None:
        if self.ctx.solo_lectura:
            return
        territorio = self.filtro_territorio.currentData()
        dialogo = DialogoConvenio(self.ctx, None, self, territorio_id=territorio if territorio != SIN_TERRITORIO
                                  else None)
        aceptado = dialogo.exec() == QDialog.DialogCode.Accepted
        cid = dialogo.convenio_id
        dialogo.deleteLater()  # it listens to ctx.cambiado while it lives
        if aceptado and cid is not None:
            self.mostrar_convenio(cid)

    def editar(self) -> None:
        cid = self.convenio_actual()
        if cid is None:
            return
        try:
            dialogo = DialogoConvenio(self.ctx, cid, self)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo abrir el convenio"), str(exc))
            return
        aceptado = dialogo.exec() == QDialog.DialogCode.Accepted
        dialogo.deleteLater()
        if aceptado:
            self.mostrar_convenio(cid)

    def confirmar(self, titulo: str, texto: str, boton: str) -> bool:
        caja = QMessageBox(QMessageBox.Icon.Warning, titulo, texto, parent=self)
        si = caja.addButton(boton, QMessageBox.ButtonRole.DestructiveRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.exec()
        return caja.clickedButton() is si

    def eliminar(self) -> None:
        fila = self.fila_actual()
        if fila is None or self.ctx.solo_lectura:
            return
        if fila.firmado:
            QMessageBox.information(self, _("Convenio firmado"), _(
                "El convenio está firmado: no se puede eliminar. Un convenio firmado queda tal como se firmó."))
            return
        texto = _("¿Eliminar el convenio «{titulo}»?").format(titulo=fila.titulo)
        if fila.documentos:
            texto += "\n\n" + n_("Se elimina también {n} documento adjunto.",
                                 "Se eliminan también {n} documentos adjuntos.", fila.documentos).format(
                n=formato.entero(fila.documentos))
        texto += "\n\n" + _("Puede deshacerlo con Ctrl+Z (Editar > Deshacer).")
        if not self.confirmar(_("Eliminar convenio"), texto, _("Eliminar")):
            return
        cid, titulo = fila.id, fila.titulo
        comando = ComandoServicio(
            self.ctx, _("Eliminar el convenio «{titulo}»").format(titulo=titulo), {"convenio", "documento"},
            hacer=lambda s: eliminar_convenio(s, cid),
            deshacer=lambda s, copia: restaurar_convenio(s, copia),
            rehacer=lambda s, _cid: eliminar_convenio(s, cid),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo eliminar"), str(exc))
            return
        self.ctx.mensaje.emit(_("Convenio «{titulo}» eliminado. Ctrl+Z lo restaura.").format(titulo=titulo))

    def firmar(self) -> bool:
        """Pide la fecha de firma (explicando que congela el convenio) y lo firma, con deshacer."""
        fila = self.fila_actual()
        if fila is None or self.ctx.solo_lectura or fila.firmado:
            return False
        cid = fila.id
        faltan = self.ctx.leer(lambda s: problemas_para_firmar(s, cid))
        if faltan:
            caja = QMessageBox(QMessageBox.Icon.Information, _("Todavía no se puede firmar"),
                               _("Para firmar «{titulo}» falta:").format(titulo=fila.titulo), parent=self)
            caja.setInformativeText("\n".join(f"• {m}" for m in faltan.values()))
            editar = caja.addButton(_("Completar el convenio…"), QMessageBox.ButtonRole.AcceptRole)
            caja.addButton(_("Cerrar"), QMessageBox.ButtonRole.RejectRole)
            caja.setDefaultButton(editar)
            caja.exec()
            if caja.clickedButton() is editar:
                self.editar()
            return False
        dialogo = DialogoFirmar(self.ctx, cid, fila.titulo, self._hoy(), self)
        aceptado = dialogo.exec() == QDialog.DialogCode.Accepted
        dialogo.deleteLater()
        if not aceptado:
            return False
        self.ctx.mensaje.emit(_("Convenio «{titulo}» firmado: ya no se puede modificar. Adjunte el escaneo con las "
                                "firmas en el panel de documentos.").format(titulo=fila.titulo))
        self.documentos.tabla_documentos.setFocus()
        return True

    # -- imprimir ---------------------------------------------------------------------------------------------
    def nombre_propuesto(self, fila: FilaConvenio) -> str:
        partes = [fila.tipo_texto, fila.titulo[:70]]
        if not fila.firmado:
            partes.append(_("borrador"))
        return nombre_archivo(*partes, extension=".pdf")

    def pedir_destino(self, propuesta: str) -> Path | None:
        """La ruta elegida en el diálogo de guardar, o None (separado para que las pruebas lo reemplacen)."""
        from PySide6.QtWidgets import QFileDialog

        ruta, _f = QFileDialog.getSaveFileName(self, _("Imprimir en PDF"), str(carpeta_inicial() / propuesta),
                                               _("Documento PDF (*.pdf)"))
        if not ruta:
            return None
        recordar_carpeta(Path(ruta).parent)
        return Path(ruta)

    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): el convenio elegido."""
        from ui.acciones_datos import PedidoImpreso

        f = self.fila_actual()
        return PedidoImpreso("convenio", None, f.id, f.titulo) if f else None

    def imprimir(self) -> progreso.Tarea | None:
        fila = self.fila_actual()
        if fila is None:
            return None
        destino = self.pedir_destino(self.nombre_propuesto(fila))
        if destino is None:
            return None
        if destino.suffix.lower() != ".pdf":
            destino = destino.with_name(destino.name + ".pdf")
        expediente, mid, cid, hoy = self.ctx.expediente, self.ctx.municipio_id, fila.id, self._hoy()

        def trabajo(avance) -> Path:
            from nucleo.exportar.pdf.documentos import exportar_pdf

            with expediente.sesion() as s:
                return exportar_pdf("convenio", s, mid, destino, None, hoy, id=cid, progreso=avance)

        def fallo(exc: BaseException, traza: str) -> None:
            if es_cancelacion(exc):
                self.ctx.mensaje.emit(_("Cancelado: no se escribió «{archivo}».").format(archivo=destino.name))
                return
            if isinstance(exc, OSError):
                exc = error_de_escritura(exc, destino)
            progreso.informar_fallo(self, exc, traza)

        self.tarea = progreso.ejecutar(self.window(), trabajo, titulo=_("Imprimir en PDF"),
                                       texto=_("Armando «{archivo}»…").format(archivo=destino.name),
                                       al_terminar=self._impreso, al_fallar=fallo, cancelable=True)
        return self.tarea

    def _impreso(self, ruta: Path) -> None:
        ruta = Path(ruta)
        texto = _("Se guardó «{archivo}».").format(archivo=ruta.name)
        self.ctx.mensaje.emit(texto)
        caja = QMessageBox(QMessageBox.Icon.Information, _("Listo"), texto, QMessageBox.StandardButton.NoButton,
                           self.window())
        caja.setObjectName("avisoArchivoListo")
        caja.setInformativeText(str(ruta.parent))
        abrir = caja.addButton(_("&Abrir"), QMessageBox.ButtonRole.AcceptRole)
        carpeta = caja.addButton(_("Abrir la &carpeta"), QMessageBox.ButtonRole.ActionRole)
        cerrar = caja.addButton(_("Cerrar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(abrir)
        caja.setEscapeButton(cerrar)
        caja.buttonClicked.connect(lambda b: abrir_con_el_sistema(ruta) if b is abrir else (
            abrir_con_el_sistema(ruta.parent) if b is carpeta else None))
        caja.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        caja.destroyed.connect(lambda *_a: setattr(self, "aviso", None) if self.aviso is caja else None)
        self.aviso = caja
        caja.open()
