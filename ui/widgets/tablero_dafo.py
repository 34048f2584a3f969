"""Tablero DAFO / DIPE de un territorio: cuatro cuadrantes sobre dos ejes, como en la pizarra del taller.

Arriba, el origen (interno: del territorio; externo: del entorno); al costado, el signo (negativo: a superar o
evitar; positivo: a aprovechar). Cada cuadrante es una lista (`ModeloCuadrante` en un QListView) con su franja de
color, la cantidad de elementos, un «+» y un campo para agregar.

Teclado (con el foco en un cuadrante): Insert o Ctrl+Mayús+N agrega (lleva al campo de abajo; Enter guarda y deja
el campo listo para el siguiente), F2 o Enter edita en el lugar, Supr quita (con confirmación), Ctrl+↑/↓ cambia el
orden dentro del cuadrante (y en el borde pasa al cuadrante de arriba o de abajo), Ctrl+←/→ lo lleva al cuadrante
anterior o siguiente; las flechas solas pasan de un cuadrante a otro en los bordes. Con el mouse: doble clic edita
y se arrastra dentro de un cuadrante o de uno a otro. Todo se deshace con Ctrl+Z; en solo lectura nada se edita.

`TableroDafo(ctx, parent)` con `fijar_territorio(id | None)`; el selector DAFO | DIPE elige el análisis que se
muestra (un territorio puede tener los dos). «Imprimir…» arma el PDF en segundo plano como las demás páginas;
«Excel ▾» (ui/acciones_datos.py) exporta, da la plantilla e importa los DAFO y DIPE de todo el municipio (una
columna Territorio), no solo el tablero que se mira.

Cada cuadrante (franja, lista, campo para agregar) está en ui/widgets/cuadrante_dafo.py; aquí, el tablero que
los ordena y da las órdenes deshacibles.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.diagnostico import ANALISIS
from nucleo.servicios.dafo import (
    EJE_ORIGEN,
    EJE_ORIGEN_DETALLE,
    EJE_SIGNO,
    EJE_SIGNO_DETALLE,
    POSICION,
    DatosItemDafo,
    Tablero,
    aplicar_disposicion,
    contar_por_analisis,
    crear_item,
    cuadrante_en,
    editar_texto,
    eliminar_item,
    listar_dafo,
    mover_item,
    nombre_analisis,
    nombre_cuadrante,
    restaurar_item,
)
from ui.acciones_datos import AccionesDatos
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import AZUL_INSTITUCIONAL, BORDE, ERROR, TEXTO_SECUNDARIO, fuente_relativa

# COLOR_POSICION and TINTE_POSICION live with the quadrant that paints them; re-exported (`as`) because the
# printout's test reads them from here (nucleo/exportar/pdf/dafo.py must match).
from ui.widgets.cuadrante_dafo import COLOR_POSICION as COLOR_POSICION
from ui.widgets.cuadrante_dafo import TINTE_POSICION as TINTE_POSICION
from ui.widgets.cuadrante_dafo import Cuadro, ListaCuadrante

# Reading order of the board: Ctrl+→ / Ctrl+← walk it (and wrap), so every quadrant is reachable.
ORDEN_LECTURA: tuple[tuple[int, int], ...] = ((0, 0), (0, 1), (1, 0), (1, 1))


def _corto(texto: str, largo: int = 40) -> str:
    return texto if len(texto) <= largo else texto[:largo - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------- piezas
class EtiquetaEje(QWidget):
    """«INTERNO · del territorio…» centrado entre dos rayas finas; vertical (girado) para el eje del signo."""

    def __init__(self, vertical: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.vertical = vertical
        self.nombre = ""
        self.detalle = ""
        f = fuente_relativa(self.font(), 0.9)
        self.setFont(f)
        alto = QFontMetrics(f).height() + 6
        if vertical:
            self.setFixedWidth(alto)
            self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        else:
            self.setFixedHeight(alto)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def fijar(self, nombre: str, detalle: str) -> None:
        self.nombre, self.detalle = nombre.upper(), detalle
        self.setAccessibleName(f"{nombre}: {detalle}")
        self.setToolTip(f"{nombre}: {detalle}")
        self.update()

    def paintEvent(self, _evento) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        largo = self.height() if self.vertical else self.width()
        grueso = self.width() if self.vertical else self.height()
        if self.vertical:
            p.translate(0, self.height())
            p.rotate(-90)
        negrita = QFont(self.font())
        negrita.setBold(True)
        fm_n, fm = QFontMetrics(negrita), QFontMetrics(self.font())
        detalle = " · " + self.detalle if self.detalle else ""
        ancho = fm_n.horizontalAdvance(self.nombre) + fm.horizontalAdvance(detalle)
        if ancho > largo - 8:  # no room for the detail: the name alone
            detalle, ancho = "", fm_n.horizontalAdvance(self.nombre)
        x = max(0, (largo - ancho) // 2)
        base = (grueso + fm.ascent() - fm.descent()) // 2
        p.setPen(QPen(QColor(BORDE), 1))
        medio = grueso // 2
        if x > 12:
            p.drawLine(4, medio, x - 8, medio)
            p.drawLine(x + ancho + 8, medio, largo - 4, medio)
        p.setFont(negrita)
        p.setPen(QColor(AZUL_INSTITUCIONAL))
        p.drawText(x, base, self.nombre)
        p.setFont(self.font())
        p.setPen(QColor(TEXTO_SECUNDARIO))
        p.drawText(x + fm_n.horizontalAdvance(self.nombre), base, detalle)
        p.end()


# ---------------------------------------------------------------------------------------------- tablero
class TableroDafo(QWidget):
    """El DAFO o DIPE de un territorio, editable en el lugar y con deshacer."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy = hoy
        self.territorio_id: int | None = None
        self.analisis = "dafo"
        self.tablero: Tablero | None = None
        self.cuentas: dict[str, int] = {a: 0 for a in ANALISIS}
        self._actual: Cuadro | None = None
        self._seleccionar: int | None = None  # item to select after the next reload
        self.tarea = None  # the last print job (tests wait on it)
        self.aviso_listo: QMessageBox | None = None
        self._solo_lectura = ctx.solo_lectura

        raiz = QVBoxLayout(self)
        raiz.setContentsMargins(0, 0, 0, 0)
        raiz.setSpacing(6)

        cabecera = QHBoxLayout()
        cabecera.setSpacing(8)
        self.titulo = QLabel()
        self.titulo.setFont(fuente_relativa(self.font(), 1.2, negrita=True))
        self.titulo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cabecera.addWidget(self.titulo, 1)
        self.grupo_analisis = QButtonGroup(self)
        self.grupo_analisis.setExclusive(True)
        self.botones_analisis: dict[str, QToolButton] = {}
        selector = QFrame()
        selector.setObjectName("selectorAnalisis")
        selector.setStyleSheet(
            f"QFrame#selectorAnalisis {{ border: 1px solid {BORDE}; border-radius: 5px; background: #ffffff; }}"
            f"QFrame#selectorAnalisis QToolButton {{ border: none; padding: 4px 12px; border-radius: 4px; }}"
            f"QFrame#selectorAnalisis QToolButton:checked {{ background: {AZUL_INSTITUCIONAL}; color: #ffffff;"
            f" font-weight: bold; }}")
        sl = QHBoxLayout(selector)
        sl.setContentsMargins(2, 2, 2, 2)
        sl.setSpacing(2)
        for analisis in ANALISIS:
            b = QToolButton()
            b.setCheckable(True)
            b.setToolTip(_("Ver el análisis {analisis}").format(analisis=nombre_analisis(analisis)))
            b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.grupo_analisis.addButton(b)
            self.botones_analisis[analisis] = b
            sl.addWidget(b)
            b.toggled.connect(lambda marcado, a=analisis: marcado and self.fijar_analisis(a))
        self.botones_analisis["dafo"].blockSignals(True)
        self.botones_analisis["dafo"].setChecked(True)
        self.botones_analisis["dafo"].blockSignals(False)
        cabecera.addWidget(selector)
        # `hoy` is read when used: the page may fix the board's day after building it.
        self.datos = AccionesDatos(ctx, "dafo", self, hoy=lambda: self.hoy)
        cabecera.addWidget(self.datos.boton_excel)
        self.boton_imprimir = QToolButton()
        self.boton_imprimir.setText(_("Imprimir…"))
        self.boton_imprimir.setToolTip(_("Guardar el tablero en PDF (A4 apaisado) para imprimir o compartir"))
        self.boton_imprimir.setAccessibleName(_("Imprimir"))
        self.boton_imprimir.clicked.connect(lambda: self.imprimir())
        cabecera.addWidget(self.boton_imprimir)
        raiz.addLayout(cabecera)

        self.ayuda = QLabel()
        self.ayuda.setObjectName("secundario")
        self.ayuda.setWordWrap(True)
        raiz.addWidget(self.ayuda)
        self.aviso = QLabel()
        self.aviso.setObjectName("avisoDafo")
        self.aviso.setWordWrap(True)
        self.aviso.setStyleSheet(f"QLabel#avisoDafo {{ color: {ERROR}; background: #fdecea; border: 1px solid "
                                 f"#f2b8b5; border-radius: 4px; padding: 5px 8px; }}")
        self.aviso.hide()
        raiz.addWidget(self.aviso)

        self.pila_vistas = QStackedWidget()
        self.vacio = QLabel(_("Elija un territorio para ver su DAFO o su DIPE."))
        self.vacio.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.vacio.setWordWrap(True)
        self.vacio.setObjectName("secundario")
        self.pila_vistas.addWidget(self.vacio)

        tablero = QWidget()
        grilla = QGridLayout(tablero)
        grilla.setContentsMargins(0, 0, 0, 0)
        grilla.setHorizontalSpacing(8)
        grilla.setVerticalSpacing(8)
        self.ejes_origen = [EtiquetaEje(), EtiquetaEje()]
        self.ejes_signo = [EtiquetaEje(vertical=True), EtiquetaEje(vertical=True)]
        for columna, eje in enumerate(self.ejes_origen):
            eje.fijar(traducir(EJE_ORIGEN[columna]), traducir(EJE_ORIGEN_DETALLE[columna]))
            grilla.addWidget(eje, 0, columna + 1)
        for fila, eje in enumerate(self.ejes_signo):
            eje.fijar(traducir(EJE_SIGNO[fila]), traducir(EJE_SIGNO_DETALLE[fila]))
            grilla.addWidget(eje, fila + 1, 0)
        self.cuadros: dict[tuple[int, int], Cuadro] = {}
        for posicion in ORDEN_LECTURA:
            c = Cuadro(posicion)
            self.cuadros[posicion] = c
            grilla.addWidget(c, posicion[0] + 1, posicion[1] + 1)
            self._conectar(c)
        grilla.setRowStretch(1, 1)
        grilla.setRowStretch(2, 1)
        grilla.setColumnStretch(1, 1)
        grilla.setColumnStretch(2, 1)
        self.pila_vistas.addWidget(tablero)
        raiz.addWidget(self.pila_vistas, 1)

        self._crear_acciones()
        self._aplicar_analisis()
        self.fijar_solo_lectura(ctx.solo_lectura)
        ctx.cambiado.connect(self._al_cambiar)
        self._mostrar()

    # -- armado -------------------------------------------------------------------------------------------
    def _conectar(self, c: Cuadro) -> None:
        c.modelo.editado.connect(lambda iid, texto: self.editar(iid, texto))
        c.modelo.movido.connect(lambda iid, cuadrante, pos: self.mover(iid, cuadrante, pos))
        c.lista.salir.connect(self._salir)
        c.lista.installEventFilter(self)
        c.agregar.installEventFilter(self)
        c.agregar.returnPressed.connect(lambda c=c: self._agregar_desde(c))
        c.mas.clicked.connect(lambda _m=False, c=c: self._mas(c))

    def _crear_acciones(self) -> None:
        def accion(texto: str, atajos: list, slot: Callable[[], Any], ayuda: str = "") -> QAction:
            a = QAction(texto, self)
            a.setShortcuts([QKeySequence(t) for t in atajos])
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only while a quadrant's list has focus
            a.setToolTip(ayuda or texto)
            a.triggered.connect(lambda _c=False: slot())
            for c in self.cuadros.values():
                c.lista.addAction(a)
            return a

        self.accion_agregar = accion(_("Agregar"), ["Ins", "Ctrl+Shift+N"], lambda: self.enfocar_agregar())
        self.accion_editar = accion(_("Editar"), ["F2", "Return", "Enter"], self.editar_actual)
        self.accion_eliminar = accion(_("Quitar…"), [QKeySequence.StandardKey.Delete], self.eliminar_actual)
        separador = QAction(self)
        separador.setSeparator(True)
        for c in self.cuadros.values():
            c.lista.addAction(separador)
        self.accion_subir = accion(_("Subir"), ["Ctrl+Up"], lambda: self.mover_actual(-1))
        self.accion_bajar = accion(_("Bajar"), ["Ctrl+Down"], lambda: self.mover_actual(1))
        self.accion_anterior = accion(_("Al cuadrante anterior"), ["Ctrl+Left"], lambda: self.cambiar_cuadrante(-1))
        self.accion_siguiente = accion(_("Al cuadrante siguiente"), ["Ctrl+Right"], lambda: self.cambiar_cuadrante(1))
        self.acciones_edicion = [self.accion_agregar, self.accion_editar, self.accion_eliminar, self.accion_subir,
                                 self.accion_bajar, self.accion_anterior, self.accion_siguiente]

    def fijar_solo_lectura(self, solo_lectura: bool) -> None:
        self._solo_lectura = solo_lectura
        for c in self.cuadros.values():
            c.fijar_editable(not solo_lectura)
        for a in self.acciones_edicion:
            a.setEnabled(not solo_lectura)
        self.datos.accion_importar.setEnabled(not solo_lectura)
        self._actualizar_ayuda()

    def solo_lectura(self) -> bool:
        return self._solo_lectura

    def _actualizar_ayuda(self) -> None:
        a = self.analisis
        internos = [nombre_cuadrante(a, cuadrante_en(a, f, 0)) for f in (0, 1)]
        externos = [nombre_cuadrante(a, cuadrante_en(a, f, 1)) for f in (0, 1)]
        lectura = _("{i1} y {i2}: del territorio. {e1} y {e2}: del entorno.").format(
            i1=internos[0], i2=internos[1].lower(), e1=externos[0], e2=externos[1].lower())
        if self._solo_lectura:
            teclas = _("Solo lectura: se puede mirar e imprimir, no cambiar.")
        else:
            teclas = _("Insert agrega · F2 edita · Supr quita · Ctrl+flechas o el mouse mueven.")
        self.ayuda.setText(f"{lectura}   {teclas}")
        self.ayuda.setToolTip(_("Con el foco en un cuadrante: Insert o Ctrl+Mayús+N agrega; F2, Enter o doble clic "
                                "edita; Supr quita; Ctrl+↑ y Ctrl+↓ cambian el orden (en el borde pasan al "
                                "cuadrante de arriba o de abajo); Ctrl+← y Ctrl+→ lo llevan al cuadrante anterior "
                                "o siguiente. También se puede arrastrar con el mouse. Ctrl+Z deshace."))

    # -- territorio y análisis ----------------------------------------------------------------------------
    def fijar_territorio(self, territorio_id: int | None) -> None:
        self.territorio_id = territorio_id
        self._ocultar_aviso()
        self.recargar()

    def fijar_analisis(self, analisis: str) -> None:
        if analisis not in ANALISIS:
            return
        if not self.botones_analisis[analisis].isChecked():
            self.botones_analisis[analisis].setChecked(True)  # comes back here through toggled
            return
        if analisis == self.analisis and self.tablero is not None and self.tablero.analisis == analisis:
            return
        self.analisis = analisis
        self._aplicar_analisis()
        self.recargar()

    def _aplicar_analisis(self) -> None:
        for posicion, c in self.cuadros.items():
            c.fijar_cuadrante(self.analisis, cuadrante_en(self.analisis, *posicion))
        self._actualizar_ayuda()

    def _cuadro_de(self, cuadrante: str) -> Cuadro:
        return self.cuadros[POSICION[self.analisis][cuadrante]]

    # -- carga --------------------------------------------------------------------------------------------
    def _al_cambiar(self, cambios: set[str]) -> None:
        if {"item_dafo", "territorio"} & set(cambios):
            self.recargar()

    def _mostrar(self) -> None:
        hay = self.territorio_id is not None and self.tablero is not None
        self.pila_vistas.setCurrentIndex(1 if hay else 0)
        self.ayuda.setVisible(hay)
        for b in self.botones_analisis.values():
            b.setEnabled(hay)
        self.boton_imprimir.setEnabled(hay)
        if not hay:
            self.titulo.setText(_("DAFO / DIPE"))
            for a, b in self.botones_analisis.items():
                b.setText(nombre_analisis(a))

    def recargar(self) -> None:
        tid, analisis = self.territorio_id, self.analisis
        if tid is None:
            self.tablero = None
            self._mostrar()
            return
        try:
            self.tablero, self.cuentas = self.ctx.leer(lambda s: (listar_dafo(s, tid, analisis),
                                                                  contar_por_analisis(s, tid)))
        except ErrorDeUsuario:
            # The territory was deleted (perhaps by undoing its creation): nothing to show.
            self.territorio_id, self.tablero = None, None
            self.vacio.setText(_("El territorio ya no existe. Elija otro para ver su DAFO o su DIPE."))
            self._mostrar()
            return
        elegido = self._seleccionar if self._seleccionar is not None else self.id_seleccionado()
        enfocar = any(c.lista.hasFocus() for c in self.cuadros.values()) or self._seleccionar is not None
        self._seleccionar = None
        for cuadrante, filas in self.tablero.cuadrantes.items():
            self._cuadro_de(cuadrante).cargar(filas)
        self.titulo.setText(_("{analisis} de {territorio}").format(analisis=nombre_analisis(analisis),
                                                                 territorio=self.tablero.territorio))
        for a, b in self.botones_analisis.items():
            b.setText(f"{nombre_analisis(a)} · {formato.entero(self.cuentas.get(a, 0))}")
            b.setAccessibleName(n_("{analisis}, {n} elemento", "{analisis}, {n} elementos", self.cuentas.get(a, 0))
                                .format(analisis=nombre_analisis(a), n=formato.entero(self.cuentas.get(a, 0))))
        self._mostrar()
        if elegido is not None:
            self.seleccionar(elegido, enfocar=enfocar)

    # -- selección ----------------------------------------------------------------------------------------
    def cuadro_actual(self) -> Cuadro:
        for c in self.cuadros.values():
            if c.lista.hasFocus() or c.agregar.hasFocus():
                return c
        return self._actual or self.cuadros[ORDEN_LECTURA[0]]

    def id_seleccionado(self) -> int | None:
        c = self.cuadro_actual()
        i = c.lista.currentIndex()
        if i.isValid() and c.lista.selectionModel().isSelected(i):
            return c.modelo.fila(i.row()).id
        return None

    def seleccionar(self, item_id: int, enfocar: bool = False) -> bool:
        for c in self.cuadros.values():
            n = c.modelo.buscar_id(item_id)
            if n >= 0:
                i = c.modelo.index(n)
                c.lista.setCurrentIndex(i)
                c.lista.scrollTo(i)
                self._actual = c
                if enfocar:
                    c.lista.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def eventFilter(self, objeto: QObject, evento: QEvent) -> bool:  # noqa: N802 - Qt's name
        if evento.type() == QEvent.Type.FocusIn:
            for c in self.cuadros.values():
                if objeto is c.lista or objeto is c.agregar:
                    self._actual = c
        elif evento.type() == QEvent.Type.KeyPress and evento.key() == Qt.Key.Key_Escape:
            for c in self.cuadros.values():
                if objeto is c.agregar:
                    c.agregar.clear()
                    c.lista.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    return True
        return super().eventFilter(objeto, evento)

    def _salir(self, lista: ListaCuadrante, dfila: int, dcolumna: int) -> None:
        origen = next(c for c in self.cuadros.values() if c.lista is lista)
        fila, columna = origen.posicion[0] + dfila, origen.posicion[1] + dcolumna
        destino = self.cuadros.get((fila, columna))
        if destino is None:
            return
        destino.lista.setFocus(Qt.FocusReason.OtherFocusReason)
        filas = destino.modelo.rowCount()
        if filas:
            actual = lista.currentIndex().row()
            n = 0 if dfila > 0 else filas - 1 if dfila < 0 else min(max(actual, 0), filas - 1)
            destino.lista.setCurrentIndex(destino.modelo.index(n))

    # -- órdenes ------------------------------------------------------------------------------------------
    def _ejecutar(self, texto: str, hacer, deshacer, rehacer) -> Any:
        """Ejecuta una orden deshacible; si el servicio la rechaza, lo dice en el tablero y devuelve None."""
        if self._solo_lectura:
            return None
        try:
            resultado = self.ctx.ejecutar(ComandoServicio(self.ctx, texto, "item_dafo", hacer, deshacer, rehacer))
        except ErrorDeUsuario as exc:
            self._mostrar_aviso(exc.mensaje)
            self.recargar()  # back to what is stored (an edit that was refused shows the old text)
            return None
        self._ocultar_aviso()
        return resultado

    def _mostrar_aviso(self, texto: str) -> None:
        self.aviso.setText(texto)
        self.aviso.show()
        self.ctx.mensaje.emit(texto)

    def _ocultar_aviso(self) -> None:
        self.aviso.hide()
        self.aviso.clear()

    def agregar(self, cuadrante: str, texto: str) -> int | None:
        """Agrega un elemento al final del cuadrante (del análisis que se muestra); devuelve su id."""
        if self.territorio_id is None:
            return None
        mid = self.ctx.municipio_id
        datos = DatosItemDafo(self.territorio_id, self.analisis, cuadrante, texto)
        nombre = nombre_cuadrante(self.analisis, cuadrante)
        self._seleccionar = None
        ident = self._ejecutar(
            _("Agregar «{texto}» a {cuadrante}").format(texto=_corto(" ".join(texto.split())), cuadrante=nombre),
            hacer=lambda s: crear_item(s, mid, datos),
            deshacer=lambda s, iid: eliminar_item(s, iid),
            rehacer=lambda s, copia: restaurar_item(s, copia))
        if ident is not None:
            self.seleccionar(ident)
            self.ctx.mensaje.emit(_("Se agregó a {cuadrante}. Ctrl+Z lo deshace.").format(cuadrante=nombre))
        return ident

    def _agregar_desde(self, c: Cuadro) -> None:
        if self.agregar(c.cuadrante, c.agregar.text()) is not None:
            c.agregar.clear()  # ready for the next one: a workshop dictates several in a row
            c.agregar.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mas(self, c: Cuadro) -> None:
        if c.agregar.text().strip():
            self._agregar_desde(c)
        else:
            self.enfocar_agregar(c)

    def enfocar_agregar(self, c: Cuadro | None = None) -> None:
        if self._solo_lectura or self.territorio_id is None:
            return
        c = c or self.cuadro_actual()
        self._actual = c
        c.agregar.setFocus(Qt.FocusReason.ShortcutFocusReason)
        c.agregar.selectAll()

    def editar(self, item_id: int, texto: str) -> bool:
        c = next((c for c in self.cuadros.values() if c.modelo.buscar_id(item_id) >= 0), None)
        nombre = nombre_cuadrante(self.analisis, c.cuadrante) if c else ""
        self._seleccionar = item_id
        hecho = self._ejecutar(
            _("Editar un elemento de {cuadrante}").format(cuadrante=nombre),
            hacer=lambda s: editar_texto(s, item_id, texto),
            deshacer=lambda s, anterior: editar_texto(s, item_id, anterior),
            rehacer=lambda s, nuevo: editar_texto(s, item_id, nuevo))
        return hecho is not None

    def editar_actual(self) -> None:
        c = self.cuadro_actual()
        i = c.lista.currentIndex()
        if i.isValid() and not self._solo_lectura:
            c.lista.edit(i)

    def confirmar_eliminar(self, texto: str, cuadrante: str) -> bool:
        """Pregunta antes de quitar (separado para que las pruebas respondan)."""
        caja = QMessageBox(QMessageBox.Icon.Question, _("Quitar elemento"),
                           _("¿Quitar «{texto}» de {cuadrante}?").format(texto=_corto(texto, 120),
                                                                       cuadrante=cuadrante),
                           QMessageBox.StandardButton.NoButton, self.window())
        caja.setInformativeText(_("Se puede recuperar con Deshacer (Ctrl+Z)."))
        quitar = caja.addButton(_("&Quitar"), QMessageBox.ButtonRole.AcceptRole)
        caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(quitar)
        caja.exec()
        return caja.clickedButton() is quitar

    def eliminar(self, item_id: int, confirmar: bool = True) -> bool:
        c = next((c for c in self.cuadros.values() if c.modelo.buscar_id(item_id) >= 0), None)
        if c is None or self._solo_lectura:
            return False
        fila = c.modelo.fila(c.modelo.buscar_id(item_id))
        nombre = nombre_cuadrante(self.analisis, c.cuadrante)
        if confirmar and not self.confirmar_eliminar(fila.texto, nombre):
            return False
        # Keep a neighbour selected: the next item, or the previous one at the end of the list.
        filas = c.modelo.filas()
        n = c.modelo.buscar_id(item_id)
        vecino = filas[n + 1].id if n + 1 < len(filas) else filas[n - 1].id if n > 0 else None
        self._seleccionar = vecino
        hecho = self._ejecutar(
            _("Quitar «{texto}» de {cuadrante}").format(texto=_corto(fila.texto), cuadrante=nombre),
            hacer=lambda s: eliminar_item(s, item_id),
            deshacer=lambda s, copia: restaurar_item(s, copia),
            rehacer=lambda s, _iid: eliminar_item(s, item_id))
        if hecho is None:
            return False
        if vecino is None:
            c.lista.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ctx.mensaje.emit(_("Se quitó de {cuadrante}. Ctrl+Z lo recupera.").format(cuadrante=nombre))
        return True

    def eliminar_actual(self) -> None:
        ident = self.id_seleccionado()
        if ident is not None:
            self.eliminar(ident)

    def mover(self, item_id: int, cuadrante: str, posicion: int) -> bool:
        """Lleva el elemento al cuadrante y la posición (0 = primero); deshacible."""
        if self._solo_lectura:
            return False
        origen = next((c for c in self.cuadros.values() if c.modelo.buscar_id(item_id) >= 0), None)
        if origen is None:
            return False
        fila = origen.modelo.fila(origen.modelo.buscar_id(item_id))
        if origen.cuadrante == cuadrante and fila.orden - 1 == min(posicion, origen.modelo.rowCount() - 1):
            return False  # dropped where it was
        nombre = nombre_cuadrante(self.analisis, cuadrante)
        texto = (_("Mover «{texto}» a {cuadrante}") if cuadrante != origen.cuadrante
                 else _("Ordenar {cuadrante}")).format(texto=_corto(fila.texto), cuadrante=nombre)
        self._seleccionar = item_id
        hecho = self._ejecutar(
            texto,
            hacer=lambda s: mover_item(s, item_id, cuadrante, posicion),
            deshacer=lambda s, anterior: aplicar_disposicion(s, anterior),
            rehacer=lambda s, despues: aplicar_disposicion(s, despues))
        if hecho is None:
            return False
        self.seleccionar(item_id, enfocar=True)
        return True

    def mover_actual(self, delta: int) -> None:
        """Ctrl+↑/↓: un lugar arriba o abajo; en el borde, al cuadrante de arriba (al final) o de abajo (al
        principio)."""
        c = self.cuadro_actual()
        ident = self.id_seleccionado()
        if ident is None:
            return
        n = c.modelo.buscar_id(ident)
        destino = n + delta
        if 0 <= destino < c.modelo.rowCount():
            self.mover(ident, c.cuadrante, destino)
            return
        vecino = self.cuadros.get((c.posicion[0] + delta, c.posicion[1]))
        if vecino is not None:
            self.mover(ident, vecino.cuadrante, vecino.modelo.rowCount() if delta < 0 else 0)

    def cambiar_cuadrante(self, delta: int) -> None:
        """Ctrl+←/→: al cuadrante anterior o siguiente en el orden de lectura, a la misma altura."""
        c = self.cuadro_actual()
        ident = self.id_seleccionado()
        if ident is None:
            return
        i = ORDEN_LECTURA.index(c.posicion)
        destino = self.cuadros[ORDEN_LECTURA[(i + delta) % len(ORDEN_LECTURA)]]
        self.mover(ident, destino.cuadrante, c.modelo.buscar_id(ident))

    # -- impreso ------------------------------------------------------------------------------------------
    def _hoy(self) -> date:
        return self.hoy or date.today()

    def nombre_propuesto(self) -> str:
        from nucleo.servicios.municipio import obtener_municipio
        from ui.acciones_datos import nombre_archivo

        mid = self.ctx.municipio_id
        try:
            municipio = self.ctx.leer(lambda s: obtener_municipio(s, mid).nombre)
        except ErrorDeUsuario:
            municipio = ""
        territorio = self.tablero.territorio if self.tablero else ""
        return nombre_archivo(nombre_analisis(self.analisis), territorio, municipio, self._hoy().isoformat(),
                              extension=".pdf")

    def pedir_destino(self, propuesta: str) -> Path | None:
        """La ruta elegida para el PDF, o None (separado para que las pruebas lo reemplacen)."""
        from ui.acciones_datos import carpeta_inicial, recordar_carpeta

        ruta, _f = QFileDialog.getSaveFileName(self, _("Imprimir en PDF"), str(carpeta_inicial() / propuesta),
                                               _("Documento PDF (*.pdf)"))
        if not ruta:
            return None
        recordar_carpeta(Path(ruta).parent)
        return Path(ruta)

    def imprimir(self):
        """El tablero que se está mirando, en PDF, armado en segundo plano; devuelve la tarea (o None)."""
        from ui.acciones_datos import error_de_escritura, es_cancelacion
        from ui.dialogos import progreso

        if self.territorio_id is None:
            return None
        destino = self.pedir_destino(self.nombre_propuesto())
        if destino is None:
            return None
        if destino.suffix.lower() != ".pdf":
            destino = destino.with_name(destino.name + ".pdf")
        expediente, mid, tid, analisis, hoy = (self.ctx.expediente, self.ctx.municipio_id, self.territorio_id,
                                              self.analisis, self._hoy())

        def trabajo(avance):
            from nucleo.exportar.pdf.documentos import exportar_pdf

            with expediente.sesion() as s:
                return exportar_pdf("dafo", s, mid, destino, analisis, hoy, id=tid, progreso=avance)

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
        from ui.acciones_datos import abrir_con_el_sistema

        ruta = Path(ruta)
        texto = _("Se guardó «{archivo}».").format(archivo=ruta.name)
        self.ctx.mensaje.emit(texto)
        caja = QMessageBox(QMessageBox.Icon.Information, _("Listo"), texto, QMessageBox.StandardButton.NoButton,
                           self.window())
        caja.setInformativeText(str(ruta.parent))
        abrir = caja.addButton(_("&Abrir"), QMessageBox.ButtonRole.AcceptRole)
        carpeta = caja.addButton(_("Abrir la &carpeta"), QMessageBox.ButtonRole.ActionRole)
        cerrar = caja.addButton(_("Cerrar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(abrir)
        caja.setEscapeButton(cerrar)
        caja.buttonClicked.connect(lambda b: abrir_con_el_sistema(ruta) if b is abrir
                                   else abrir_con_el_sistema(ruta.parent) if b is carpeta else None)
        caja.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        caja.destroyed.connect(lambda *_a: setattr(self, "aviso_listo", None))
        self.aviso_listo = caja
        caja.open()
