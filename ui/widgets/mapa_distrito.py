"""Mapa del distrito: el límite oficial, los distritos vecinos y los territorios como puntos o polígonos.

Sin conexión y sin teselas de internet: todo se dibuja con Qt a partir de los límites que trae el programa
(nucleo.geo). Permite ubicar un territorio con un clic o escribiendo sus coordenadas, importar su límite desde un
GeoJSON y quitarlo; cada cambio se deshace con Ctrl+Z. Se crea recién cuando el usuario abre el mapa: leer los
límites cuesta ~0,1 s y el programa no debe pagarlo al arrancar.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato, geo
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo.territorio import ESTADOS
from nucleo.servicios.ubicacion import (
    DatosMapa,
    TerritorioEnMapa,
    aviso_limite,
    aviso_ubicacion,
    datos_mapa,
    fijar_limite,
    fijar_ubicacion,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.territorio import leer_coordenada
from ui.estilo import AVISO_BORDE, AVISO_FONDO, AVISO_TEXTO, BORDE, TEXTO_SECUNDARIO
from ui.widgets.elementos_mapa import (
    BORDE_DISTRITO,
    BORDE_VECINO,
    COLORES_ESTADO,
    FONDO_DISTRITO,
    FONDO_VECINO,
    TEXTO_VECINO,
    Z_DISTRITO,
    Z_VECINO,
    LimiteTerritorio,
    MarcaTerritorio,
    Proyeccion,
    Superpuesta,
    VistaMapa,
    pluma,
    rotulo_fijo,
)
from ui.widgets.formulario import MarcadorErrores, etiqueta_error, texto_secundario

CAMBIOS_QUE_AFECTAN = frozenset({"territorio", "municipio"})
AREA_MINIMA_KM = 30.0  # a district without polygon, framed on its points: wide enough to show neighbours' names
ESTILO_INFORMACION = ("background: #e8f0fa; color: #1f3a5f; border: 1px solid #b7cbe3; border-radius: 4px; "
                      "padding: 6px 10px;")
ESTILO_AVISO = (f"background: {AVISO_FONDO}; color: {AVISO_TEXTO}; border: 1px solid {AVISO_BORDE}; "
                f"border-radius: 4px; padding: 6px 10px;")
# «-25.50972, -57.56139» (copied from a web map) or «-25,5097; -57,5614»: both at once into the latitude field.
_PAR = re.compile(r"\s*([-−]?\d+(?:\.\d+)?)\s*,\s+([-−]?\d+(?:\.\d+)?)\s*|\s*([-−]?\d+(?:[.,]\d+)?)\s*;\s*([-−]?\d+(?:[.,]\d+)?)\s*")


def coordenada(valor: float | None, decimales: int = 5) -> str:
    return formato.numero(valor, decimales) if valor is not None else ""


def _punto_para_nombre(anillos) -> tuple[float, float] | None:
    """Un punto dentro del polígono para su rótulo: el centroide del anillo mayor, o su centro si cae fuera."""
    mayor = max(anillos, key=len, default=None)
    if not mayor or len(mayor) < 3:
        return None
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(mayor, mayor[1:] + mayor[:1], strict=True):
        c = x1 * y2 - x2 * y1
        area += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if area:
        punto = (cx / (3 * area), cy / (3 * area))
        if geo.punto_en_poligono(punto[0], punto[1], anillos):
            return punto
    oeste, sur, este, norte = geo.caja([mayor])
    centro = ((oeste + este) / 2, (sur + norte) / 2)
    return centro if geo.punto_en_poligono(centro[0], centro[1], anillos) else None


class DialogoCoordenadas(QDialog):
    """Escribir la latitud y la longitud de un territorio en grados decimales (con coma o punto)."""

    def __init__(self, nombre: str, latitud: float | None, longitud: float | None,
                 guardar: Callable[[float | None, float | None], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Coordenadas de «{nombre}»").format(nombre=nombre))
        self._guardar = guardar
        self.marcador = MarcadorErrores()
        self.latitud = QLineEdit(coordenada(latitud, 6))
        self.latitud.setPlaceholderText(_("p. ej. -25,5097"))
        self.longitud = QLineEdit(coordenada(longitud, 6))
        self.longitud.setPlaceholderText(_("p. ej. -57,5614"))
        self.latitud.editingFinished.connect(self._separar_par)
        self.error_latitud, self.error_longitud = etiqueta_error(self), etiqueta_error(self)
        self.marcador.registrar("latitud", self.latitud, self.error_latitud)
        self.marcador.registrar("longitud", self.longitud, self.error_longitud)
        self.error_general = etiqueta_error(self)  # a problem of no single field
        self.error_general.setStyleSheet("color: #c62828;")
        self.error_general.setWordWrap(True)
        self.error_general.hide()

        forma = QFormLayout()
        forma.addRow(_("&Latitud:"), self.latitud)
        forma.addRow("", self.error_latitud)
        forma.addRow(_("L&ongitud:"), self.longitud)
        forma.addRow("", self.error_longitud)
        ayuda = texto_secundario(_("Grados decimales (WGS 84), con coma o punto: en Paraguay la latitud va de −19 a "
                                   "−28 y la longitud de −54 a −63. Puede pegar «latitud, longitud» copiado de un "
                                   "mapa en el campo de la latitud. Deje los dos campos vacíos para quitar la "
                                   "ubicación."), self)
        ayuda.setWordWrap(True)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        botones.button(QDialogButtonBox.StandardButton.Save).setText(_("Guardar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.addLayout(forma)
        capa.addWidget(ayuda)
        capa.addWidget(self.error_general)
        capa.addWidget(botones)
        self.setMinimumWidth(540)

    def _separar_par(self) -> None:
        m = _PAR.fullmatch(self.latitud.text())
        if m:
            lat, lon = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
            self.latitud.setText(lat.replace(".", ","))
            self.longitud.setText(lon.replace(".", ","))

    def accept(self) -> None:
        self._separar_par()
        errores: dict[str, str] = {}
        valores: dict[str, float | None] = {}
        for campo, editor in (("latitud", self.latitud), ("longitud", self.longitud)):
            try:
                valores[campo] = leer_coordenada(editor.text())
            except ValueError as exc:
                errores[campo] = str(exc)
        try:
            if errores:
                raise ErroresDeValidacion(errores)
            self._guardar(valores["latitud"], valores["longitud"])
        except ErrorDeUsuario as exc:
            self.error_general.setVisible(not self.marcador.mostrar(exc))
            self.error_general.setText(exc.mensaje)
            self.adjustSize()  # room for the messages under the fields
            return
        super().accept()


class MapaDistrito(QWidget):
    """El mapa del distrito del expediente, sincronizable con una lista de territorios.

    `seleccionar(tid)` resalta un territorio (sin emitir nada); un clic sobre un territorio emite
    `territorio_elegido(tid)`.
    """

    territorio_elegido = Signal(int)

    def __init__(self, ctx: Contexto, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.datos: DatosMapa | None = None
        self.proyeccion: Proyeccion | None = None
        self.tiene_limite = False
        self._clave_dibujada: str | None = None
        self._elegido: int | None = None
        self._fondo: list = []
        self.marcas: dict[int, MarcaTerritorio] = {}
        self.limites: dict[int, LimiteTerritorio] = {}
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self.recargar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        def accion(texto: str, ayuda: str, slot, atajos=()) -> QAction:
            a = QAction(texto, self)
            a.setIconText(texto)  # Qt drops a trailing «…» from toolbar buttons unless told the text
            a.setToolTip(ayuda)
            a.setShortcuts([QKeySequence(k) for k in atajos])
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.accion_ubicar = accion(
            _("Ubicar en el mapa"), _("Fijar el punto del territorio elegido con un clic en el mapa (Ctrl+Shift+U); "
                                      "con el teclado: mueva el mapa con las flechas y pulse Enter"),
            self._alternar_ubicar, ("Ctrl+Shift+U",))
        self.accion_ubicar.setCheckable(True)
        self.accion_coordenadas = accion(_("Coordenadas…"), _("Escribir la latitud y la longitud del territorio "
                                                              "elegido (Ctrl+Shift+K)"),
                                         self.escribir_coordenadas, ("Ctrl+Shift+K",))
        self.accion_quitar_ubicacion = accion(_("Quitar ubicación"), _("Borrar el punto del territorio elegido"),
                                              self.quitar_ubicacion)
        self.accion_importar = accion(_("Importar límite GeoJSON…"), _("Cargar el polígono del territorio elegido "
                                                                       "desde un archivo GeoJSON (Ctrl+Shift+G)"),
                                      lambda: self.importar_limite(), ("Ctrl+Shift+G",))
        self.accion_quitar_limite = accion(_("Quitar límite"), _("Borrar el polígono del territorio elegido"),
                                           self.quitar_limite)
        self.accion_acercar = accion(_("Acercar"), _("Acercar el mapa (Ctrl++ o la rueda del ratón)"),
                                     lambda: self.vista.acercar(1.25, VistaMapa.ViewportAnchor.AnchorViewCenter),
                                     (QKeySequence.StandardKey.ZoomIn, "Ctrl+="))
        self.accion_alejar = accion(_("Alejar"), _("Alejar el mapa (Ctrl+−)"),
                                    lambda: self.vista.acercar(1 / 1.25, VistaMapa.ViewportAnchor.AnchorViewCenter),
                                    (QKeySequence.StandardKey.ZoomOut,))
        self.accion_ajustar = accion(_("Ver todo"), _("Mostrar el distrito entero (Ctrl+0)"),
                                     lambda: self.vista.ajustar(), ("Ctrl+0",))

    def _crear_vista(self) -> None:
        self.barra = barra = QToolBar(_("Mapa"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_ubicar, self.accion_coordenadas, self.accion_quitar_ubicacion):
            barra.addAction(a)
        barra.addSeparator()
        for a in (self.accion_importar, self.accion_quitar_limite):
            barra.addAction(a)
        espacio = QWidget()
        espacio.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        barra.addWidget(espacio)
        for a in (self.accion_alejar, self.accion_acercar, self.accion_ajustar):
            barra.addAction(a)

        self.aviso_sin_limite = QLabel()
        self.aviso_sin_limite.setWordWrap(True)
        self.aviso_sin_limite.setStyleSheet(ESTILO_INFORMACION)
        self.aviso_sin_limite.hide()
        self.aviso = QLabel()  # ubicar-mode instructions, or a warning after a change
        self.aviso.setWordWrap(True)
        self.aviso.hide()

        self.vista = VistaMapa(self)
        self.vista.setAccessibleName(_("Mapa del distrito"))
        self.vista.setStyleSheet(f"QGraphicsView {{ border: 1px solid {BORDE}; }}")
        self.vista.clic_territorio.connect(self._clic_territorio)
        self.vista.clic_mapa.connect(self._clic_mapa)
        self.vista.cancelar.connect(lambda: self.ubicar(False))
        self.vista.cursor_en.connect(self._mostrar_cursor)
        self.vista.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for a in (self.accion_ubicar, self.accion_coordenadas, self.accion_quitar_ubicacion,
                  self.accion_importar, self.accion_quitar_limite, self.accion_ajustar):
            self.vista.addAction(a)

        self.leyenda = QLabel()
        self.leyenda.setTextFormat(Qt.TextFormat.RichText)
        self.leyenda.setToolTip(_("Color de cada territorio según su estado"))
        self.atribucion = Superpuesta(escape(_("Límites de distritos: {atribucion}").format(
            atribucion=geo.ATRIBUCION)), self.vista.viewport())
        self.atribucion.setToolTip(_("Límites de 2012 (DGEEC) publicados por geoBoundaries con licencia CC BY 4.0"))
        chica = QFont(self.atribucion.font())
        chica.setPointSizeF(max(7.5, chica.pointSizeF() * 0.85))
        self.atribucion.setFont(chica)
        self.vista.viewport().installEventFilter(self)
        self._leyenda()

        self.pie = QLabel()
        self.pie.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.pie_cursor = QLabel()
        self.pie_cursor.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.pie_cursor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        pie = QHBoxLayout()
        pie.setContentsMargins(2, 0, 2, 0)
        pie.addWidget(self.pie, 1)
        pie.addWidget(self.pie_cursor)
        pie.addSpacing(16)
        pie.addWidget(self.leyenda)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 4, 0, 0)
        capa.setSpacing(4)
        capa.addWidget(barra)
        capa.addWidget(self.aviso_sin_limite)
        capa.addWidget(self.aviso)
        capa.addWidget(self.vista, 1)
        capa.addLayout(pie)
        self.setFocusProxy(self.vista)

    def eventFilter(self, objeto, evento) -> bool:  # noqa: N802 - Qt override
        if objeto is self.vista.viewport() and evento.type() == QEvent.Type.Resize:
            self._colocar_superpuestas()
        return super().eventFilter(objeto, evento)

    def _colocar_superpuestas(self) -> None:
        area = self.vista.viewport().rect()
        self.atribucion.setMaximumWidth(max(120, area.width() - 160))
        self.atribucion.adjustSize()
        self.atribucion.move(area.width() - self.atribucion.width() - 6, area.height() - self.atribucion.height() - 6)

    # -- datos ------------------------------------------------------------------------------------------------
    def _al_cambiar(self, que: set[str]) -> None:
        if CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def recargar(self) -> None:
        """Vuelve a leer el distrito y los territorios; el fondo se redibuja solo si cambió el distrito."""
        self.datos = self.ctx.leer(lambda s: datos_mapa(s, self.ctx.municipio_id))
        nuevo_distrito = self.datos.clave_ine != self._clave_dibujada
        if nuevo_distrito:
            self._dibujar_fondo()
        self._dibujar_territorios()
        if nuevo_distrito:
            self.vista.ajustar()
        self._actualizar()

    def territorio(self, territorio_id: int | None) -> TerritorioEnMapa | None:
        if self.datos is None or territorio_id is None:
            return None
        return next((t for t in self.datos.territorios if t.id == territorio_id), None)

    # -- dibujo -----------------------------------------------------------------------------------------------
    def _dibujar_fondo(self) -> None:
        d = self.datos
        escena = self.vista.scene()
        for item in self._fondo:
            escena.removeItem(item)
        self._fondo = []
        propio = geo.limite_del_distrito(d.clave_ine)
        self.tiene_limite = propio is not None
        if propio is not None:
            caja = geo.caja(propio)
        else:
            # No polygon: the districts of its departamento say where it is (it was carved out of them).
            cajas = [x.caja for x in geo.distritos_del_departamento(d.departamento_codigo)]
            caja = ((min(c[0] for c in cajas), min(c[1] for c in cajas), max(c[2] for c in cajas),
                     max(c[3] for c in cajas)) if cajas else (geo.LONGITUD_PY[0], geo.LATITUD_PY[0],
                                                              geo.LONGITUD_PY[1], geo.LATITUD_PY[1]))
        oeste, sur, este, norte = caja
        self.proyeccion = p = Proyeccion((oeste + este) / 2, (sur + norte) / 2)
        ancho, alto = este - oeste, norte - sur
        fuente = QFont(self.font())
        fuente.setPointSizeF(max(7.5, fuente.pointSizeF() * 0.9))
        fuente.setItalic(True)
        for vecino in geo.distritos_en_caja(oeste - ancho, sur - alto, este + ancho, norte + alto):
            if vecino.clave == d.clave_ine:
                continue
            item = escena.addPath(p.camino(vecino.anillos), pluma(BORDE_VECINO, 1), QColor(FONDO_VECINO))
            item.setZValue(Z_VECINO)
            self._fondo.append(item)
            donde = _punto_para_nombre(vecino.anillos)
            if donde is not None:
                self._fondo.append(rotulo_fijo(formato.titulo(vecino.nombre_ine), fuente, TEXTO_VECINO, escena,
                                               p.a_escena(*donde), Z_VECINO + 0.5))
        if propio is not None:
            item = escena.addPath(p.camino(propio), pluma(BORDE_DISTRITO, 2.2), QColor(FONDO_DISTRITO))
            item.setZValue(Z_DISTRITO)
            self._fondo.append(item)
            self.vista.fijar_area(item.path().boundingRect())
        else:
            self.vista.fijar_area(self._area_sin_limite(QRectF(p.a_escena(oeste, norte), p.a_escena(este, sur))))
        self._clave_dibujada = d.clave_ine
        self.aviso_sin_limite.setVisible(not self.tiene_limite)
        if not self.tiene_limite:
            self.aviso_sin_limite.setText(_(
                "Este distrito no tiene límite cartográfico en los datos oficiales (creado después de 2012): el mapa "
                "muestra como referencia los distritos vecinos con sus límites de 2012. Los territorios con "
                "coordenadas se dibujan igual, y puede ubicarlos con un clic o escribiendo sus coordenadas."))

    def _area_sin_limite(self, departamento: QRectF) -> QRectF:
        """Sin polígono propio: el encuadre de los territorios ubicados (con aire), o el departamento entero."""
        p = self.proyeccion
        puntos = [p.a_escena(lon, lat) for t in self.datos.territorios
                  for lon, lat in ([(t.longitud, t.latitud)] if t.ubicado else list(t.anillos[0]) if t.anillos else [])]
        if not puntos:
            return departamento.normalized()
        xs, ys = [q.x() for q in puntos], [q.y() for q in puntos]
        area = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))
        lado = max(area.width(), area.height()) * 1.5 + AREA_MINIMA_KM
        return QRectF(area.center().x() - lado / 2, area.center().y() - lado / 2, lado, lado)

    def _leyenda(self) -> None:
        self.leyenda.setText(" &nbsp; ".join(
            f"<span style='color:{COLORES_ESTADO[clave]}'>●</span>&nbsp;{escape(traducir(texto))}"
            for clave, texto in ESTADOS.items()))

    def _dibujar_territorios(self) -> None:
        escena, p = self.vista.scene(), self.proyeccion
        for item in [*self.marcas.values(), *self.limites.values()]:
            escena.removeItem(item)
        self.marcas, self.limites = {}, {}
        fuente = QFont(self.font())
        for t in self.datos.territorios:
            color = COLORES_ESTADO.get(t.estado, COLORES_ESTADO["propuesto"])
            if t.anillos:
                limite = LimiteTerritorio(t.id, p.camino(t.anillos), color)
                escena.addItem(limite)
                self.limites[t.id] = limite
            if t.ubicado:
                donde = (t.longitud, t.latitud)
            elif t.anillos:
                donde = _punto_para_nombre(t.anillos) or geo.caja(t.anillos)[:2]
            else:
                continue
            ayuda = f"{t.nombre}\n{t.estado_texto}"
            if t.ubicado:
                ayuda += "\n" + _("Latitud {lat}; longitud {lon}").format(lat=coordenada(t.latitud),
                                                                         lon=coordenada(t.longitud))
            else:
                ayuda += "\n" + _("Sin punto: se muestra en el centro de su límite")
            marca = MarcaTerritorio(t.id, t.nombre, color, fuente, ayuda)
            marca.setPos(p.a_escena(*donde))
            escena.addItem(marca)
            self.marcas[t.id] = marca
        self.vista.marcas = list(self.marcas.values())
        self._resaltar()

    def _resaltar(self) -> None:
        for tid, marca in self.marcas.items():
            marca.fijar_elegido(tid == self._elegido)
        for tid, limite in self.limites.items():
            limite.fijar_elegido(tid == self._elegido)
        self.vista.colocar_nombres()

    # -- selección --------------------------------------------------------------------------------------------
    def seleccionar(self, territorio_id: int | None) -> None:
        """Resalta el territorio (y lo trae a la vista si estaba fuera); no emite `territorio_elegido`."""
        if territorio_id != self._elegido:
            self.aviso.hide()
        self._elegido = territorio_id
        self._resaltar()
        marca = self.marcas.get(territorio_id) if territorio_id is not None else None
        if marca is not None:
            self.vista.centrar_en(marca.pos())
        self._actualizar()

    def elegido(self) -> int | None:
        return self._elegido

    def _clic_territorio(self, territorio_id: int) -> None:
        self.seleccionar(territorio_id)
        self.territorio_elegido.emit(territorio_id)

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        t = self.territorio(self._elegido)
        escribible = t is not None and not self.ctx.solo_lectura
        self.accion_ubicar.setEnabled(escribible)
        self.accion_coordenadas.setEnabled(escribible)
        self.accion_importar.setEnabled(escribible)
        self.accion_quitar_ubicacion.setEnabled(escribible and t.ubicado)
        self.accion_quitar_limite.setEnabled(escribible and t.limite_geojson is not None)
        if not escribible and self.accion_ubicar.isChecked():
            self.ubicar(False)
        if t is None:
            texto = _("Elija un territorio en la lista o en el mapa.")
        else:
            partes = [f"<b>{escape(t.nombre)}</b>", escape(t.estado_texto)]
            if t.ubicado:
                partes.append(escape(_("latitud {lat}; longitud {lon}").format(lat=coordenada(t.latitud),
                                                                              lon=coordenada(t.longitud))))
            else:
                partes.append(escape(_("sin ubicación: use «Ubicar en el mapa» o «Coordenadas…»")
                                     if not self.ctx.solo_lectura else _("sin ubicación")))
            if t.anillos:
                partes.append(escape(_("con límite")))
            texto = " · ".join(partes)
        self.pie.setText(texto)
        if self.accion_ubicar.isChecked():
            self._mostrar_instrucciones()

    def _mostrar_cursor(self, punto: QPointF | None) -> None:
        if punto is None or self.proyeccion is None:
            self.pie_cursor.clear()
            return
        lon, lat = self.proyeccion.a_grados(punto)
        self.pie_cursor.setText(_("Puntero: {lat}; {lon}").format(lat=coordenada(lat), lon=coordenada(lon)))

    def _mostrar_aviso(self, texto: str, estilo: str = ESTILO_AVISO) -> None:
        self.aviso.setStyleSheet(estilo)
        self.aviso.setText(texto)
        self.aviso.show()

    def _mostrar_instrucciones(self) -> None:
        t = self.territorio(self._elegido)
        if t is not None:
            self._mostrar_aviso(_("Haga clic en el mapa donde está «{nombre}». Con el teclado: mueva el mapa con las "
                                  "flechas, acerque con +, y pulse Enter para usar el centro. Esc cancela.").format(
                                      nombre=t.nombre), ESTILO_INFORMACION)

    def avisar_error(self, titulo: str, texto: str) -> None:
        """Un error que el usuario debe leer antes de seguir (separado para que las pruebas lo capturen)."""
        QMessageBox.warning(self, titulo, texto)

    # -- ubicar -----------------------------------------------------------------------------------------------
    def _alternar_ubicar(self) -> None:
        self.ubicar(self.accion_ubicar.isChecked())

    def ubicar(self, activo: bool = True) -> None:
        """Entra (o sale) del modo en que el próximo clic fija el punto del territorio elegido."""
        activo = activo and self.accion_ubicar.isEnabled()
        self.accion_ubicar.setChecked(activo)
        self.vista.fijar_modo_ubicar(activo)
        if activo:
            self._mostrar_instrucciones()
            self.vista.setFocus()
        else:
            self.aviso.hide()

    def _clic_mapa(self, punto: QPointF) -> None:
        if not self.accion_ubicar.isChecked() or self.proyeccion is None:
            return
        lon, lat = self.proyeccion.a_grados(punto)
        self.ubicar(False)
        self.fijar_punto(lat, lon)

    def fijar_punto(self, latitud: float | None, longitud: float | None) -> bool:
        """Guarda el punto del territorio elegido (deshacible). False si el servicio lo rechazó."""
        t = self.territorio(self._elegido)
        if t is None:
            return False
        self._ejecutar_ubicacion(t, latitud, longitud)
        return True

    def _ejecutar_ubicacion(self, t: TerritorioEnMapa, latitud: float | None, longitud: float | None) -> None:
        """Lanza ErrorDeUsuario si el servicio rechaza las coordenadas (el diálogo las marca en sus campos)."""
        mid, tid = self.ctx.municipio_id, t.id
        texto = (_("Quitar la ubicación de «{nombre}»") if latitud is None
                 else _("Ubicar «{nombre}» en el mapa")).format(nombre=t.nombre)
        self.ctx.ejecutar(ComandoServicio(
            self.ctx, texto, {"territorio"},
            hacer=lambda s: fijar_ubicacion(s, mid, tid, latitud, longitud),
            deshacer=lambda s, anterior: fijar_ubicacion(s, mid, tid, *anterior),
            rehacer=lambda s, _r: fijar_ubicacion(s, mid, tid, latitud, longitud),
        ))
        if latitud is None or longitud is None:
            self.ctx.mensaje.emit(_("Ubicación de «{nombre}» quitada. Ctrl+Z la restaura.").format(nombre=t.nombre))
            return
        self.ctx.mensaje.emit(_("«{nombre}» ubicado en el mapa. Ctrl+Z lo deshace.").format(nombre=t.nombre))
        aviso = self.ctx.leer(lambda s: aviso_ubicacion(s, mid, latitud, longitud))
        if aviso:
            self._mostrar_aviso(aviso)
        marca = self.marcas.get(tid)
        if marca is not None:
            self.vista.centrar_en(marca.pos())

    def escribir_coordenadas(self) -> None:
        t = self.territorio(self._elegido)
        if t is None or self.ctx.solo_lectura:
            return
        dialogo = DialogoCoordenadas(t.nombre, t.latitud, t.longitud,
                                     lambda lat, lon: self._ejecutar_ubicacion(t, lat, lon), self)
        dialogo.exec()

    def quitar_ubicacion(self) -> None:
        t = self.territorio(self._elegido)
        if t is None or not t.ubicado or self.ctx.solo_lectura:
            return
        try:
            self._ejecutar_ubicacion(t, None, None)
        except ErrorDeUsuario as exc:
            self.avisar_error(_("No se pudo quitar la ubicación"), str(exc))

    # -- límite -----------------------------------------------------------------------------------------------
    def importar_limite(self, ruta: Path | str | None = None) -> bool:
        """Lee un GeoJSON (pide el archivo si no se da) y lo guarda como límite del territorio elegido."""
        t = self.territorio(self._elegido)
        if t is None or self.ctx.solo_lectura:
            return False
        if ruta is None:
            ruta, _filtro = QFileDialog.getOpenFileName(
                self, _("Importar el límite de «{nombre}»").format(nombre=t.nombre), "",
                _("GeoJSON (*.geojson *.json);;Todos los archivos (*)"))
            if not ruta:
                return False
        try:
            texto = geo.leer_limite_geojson(Path(ruta))
            self._ejecutar_limite(t, texto, _("Importar el límite de «{nombre}»").format(nombre=t.nombre))
        except ErrorDeUsuario as exc:
            self.avisar_error(_("No se pudo importar el límite"), str(exc))
            return False
        self.ctx.mensaje.emit(_("Límite de «{nombre}» importado. Ctrl+Z lo deshace.").format(nombre=t.nombre))
        mid = self.ctx.municipio_id
        aviso = self.ctx.leer(lambda s: aviso_limite(s, mid, texto))
        if aviso:
            self._mostrar_aviso(aviso)
        limite = self.limites.get(t.id)
        if limite is not None:
            self.vista.centrar_en(limite.path().boundingRect().center())
        return True

    def quitar_limite(self) -> None:
        t = self.territorio(self._elegido)
        if t is None or t.limite_geojson is None or self.ctx.solo_lectura:
            return
        try:
            self._ejecutar_limite(t, None, _("Quitar el límite de «{nombre}»").format(nombre=t.nombre))
        except ErrorDeUsuario as exc:
            self.avisar_error(_("No se pudo quitar el límite"), str(exc))
            return
        self.ctx.mensaje.emit(_("Límite de «{nombre}» quitado. Ctrl+Z lo restaura.").format(nombre=t.nombre))

    def _ejecutar_limite(self, t: TerritorioEnMapa, texto: str | None, descripcion: str) -> None:
        mid, tid = self.ctx.municipio_id, t.id
        self.ctx.ejecutar(ComandoServicio(
            self.ctx, descripcion, {"territorio"},
            hacer=lambda s: fijar_limite(s, mid, tid, texto),
            deshacer=lambda s, anterior: fijar_limite(s, mid, tid, anterior, restaurar=True),
            rehacer=lambda s, _r: fijar_limite(s, mid, tid, texto, restaurar=True),
        ))
