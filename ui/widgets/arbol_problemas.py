"""Editor visual del árbol de problemas de un territorio: el problema central, sus causas debajo y sus efectos
arriba, a cualquier profundidad (etapa 3, caja de herramientas de 000).

Lo que el coordinador hace aquí, con el ratón o con el teclado:
- «Problema central» crea la raíz (o la edita si ya existe); «Agregar causa» (Insert) y «Agregar efecto»
  (Mayús+Insert) cuelgan un nodo del elegido (o del problema central si el elegido es del otro lado);
- «Editar» (F2, Intro o doble clic): el texto y la necesidad vinculada; «Eliminar» (Supr, con confirmación) quita
  el nodo con todo lo que cuelga de él;
- arrastrar un nodo lo deja donde se suelta (lo que cuelga de él lo acompaña); con Mayús apretada, soltarlo
  sobre otro nodo lo cambia de padre; sin ratón, «Cambiar de padre…» (Ctrl+Mayús+R);
- las flechas recorren el árbol: ↑ hacia los efectos, ↓ hacia las causas, ← → entre los nodos de la misma fila;
  Ctrl+← y Ctrl+→ cambian el orden entre hermanos; Inicio va al problema central;
- «Ordenar» vuelve todo a la disposición automática; zoom con Ctrl++, Ctrl+− y Ctrl+0 (ajustar a la ventana);
- «Exportar PNG…» (la escena al doble de resolución, fondo blanco) e «Imprimir PDF…» (A4 apaisado).
Todo cambio pasa por un servicio con deshacer (Ctrl+Z). En solo lectura se mira, se recorre y se exporta.

La disposición (dónde va cada caja) es `nucleo.arbol_disposicion`, la misma que usa el PDF. La vista (dibujo,
selección, teclado, arrastre, zoom) es `ui.widgets.vista_arbol.VistaArbol`; aquí van la barra, las órdenes con
deshacer, los diálogos, la exportación y los estados vacíos.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.arbol_disposicion import COLORES_NODO
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.diagnostico import TIPOS_NODO
from nucleo.servicios import arbol as servicio
from nucleo.servicios.arbol import DatosNodo
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import AZUL_ACENTO, ERROR, TEXTO_SECUNDARIO
from ui.widgets.estado_vacio import EstadoVacio

# The view lives in its own module; these names stay importable from here as before.
from ui.widgets.vista_arbol import ESCALA_MAXIMA, ESCALA_MINIMA, MARGEN_ESCENA, VistaArbol, _corto

__all__ = ["ENTIDADES", "ESCALA_MAXIMA", "ESCALA_MINIMA", "MARGEN_ESCENA", "EditorArbol", "VistaArbol"]

ENTIDADES = {"nodo_problema", "necesidad", "territorio"}


# ================================================================================================================
# El editor
# ================================================================================================================
class EditorArbol(QWidget):
    """El árbol de problemas de un territorio, con su barra de herramientas. `fijar_territorio(id | None)`."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None,
                 hoy: date | Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy = hoy
        self.territorio_id: int | None = None
        self.territorio_nombre = ""
        self.dialogo = None  # the open node / parent dialog (tests reach it here)
        self.confirmacion: QMessageBox | None = None
        self.tarea = None  # the last PDF job
        self._acciones_edicion: list[QAction] = []
        self._texto_estado = ("", TEXTO_SECUNDARIO)  # the status line's full text and colour (it is elided to fit)

        self.vista = VistaArbol(self)
        self.barra = QToolBar(_("Árbol de problemas"), self)
        self.barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._crear_acciones()

        # States: no territory, empty tree, the tree.
        self.pila_estados = QStackedWidget(self)
        self.sin_territorio = self._estado(_("Elija un territorio para ver su árbol de problemas."), "")
        self.vacio = self._estado(
            _("Este territorio todavía no tiene árbol de problemas"),
            _("El árbol ordena lo que la comunidad dijo en el diagnóstico: un problema central, sus causas debajo "
              "y sus efectos arriba. Empiece por el problema central; después agregue causas (Insert) y efectos "
              "(Mayús+Insert)."),
            _("Crear el &problema central…"))
        self.boton_crear = self.vacio.boton
        self.boton_crear.clicked.connect(self.crear_problema)
        self.pila_estados.addWidget(self.sin_territorio)
        self.pila_estados.addWidget(self.vacio)
        self.pila_estados.addWidget(self.vista)

        self.leyenda = QLabel()
        self.leyenda.setTextFormat(Qt.TextFormat.RichText)
        self.estado = QLabel()
        self.estado.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.estado.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A long message (why a drop is refused) is elided, never widens the window.
        self.estado.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        pie = QHBoxLayout()
        pie.setContentsMargins(8, 2, 8, 4)
        pie.addWidget(self.leyenda)
        pie.addSpacing(16)
        pie.addWidget(self.estado, 1)

        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(0)
        capa.addWidget(self.barra)
        linea = QFrame()
        linea.setFrameShape(QFrame.Shape.HLine)
        linea.setStyleSheet("color: #cfd6df;")
        capa.addWidget(linea)
        capa.addWidget(self.pila_estados, 1)
        capa.addLayout(pie)
        self.setFocusProxy(self.vista)

        self.vista.elegido.connect(lambda _i: self._actualizar_acciones())
        self.vista.editar.connect(lambda _i: self.editar())
        self.vista.movido.connect(self._movido)
        self.vista.reconexion.connect(self.reconectar)
        self.vista.aviso.connect(self._avisar)
        self.vista.zoom_cambiado.connect(lambda _e: self._describir())
        self.vista.fijar_solo_lectura(ctx.solo_lectura)
        ctx.cambiado.connect(self._al_cambiar)
        self.fijar_territorio(None)

    # -- armado ----------------------------------------------------------------------------------------------
    def _accion(self, texto: str, ayuda: str, slot, atajos: tuple[str, ...] = (), edita: bool = False,
                en_barra: bool = True) -> QAction:
        a = QAction(texto, self)
        if atajos:
            a.setShortcuts([QKeySequence(t) for t in atajos])
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        nombres = ", ".join(QKeySequence(t).toString(QKeySequence.SequenceFormat.NativeText) for t in atajos[:1])
        a.setToolTip(ayuda + (f" ({nombres})" if nombres else ""))
        a.setStatusTip(ayuda)
        a.triggered.connect(lambda _c=False: slot())
        self.addAction(a)
        if en_barra:
            self.barra.addAction(a)
        if edita:
            self._acciones_edicion.append(a)
        return a

    def _crear_acciones(self) -> None:
        a = self._accion
        self.accion_problema = a(_("Problema &central…"), _("Crear el problema central del árbol, o editarlo si ya "
                                                          "existe"), self.crear_problema, edita=True)
        self.accion_causa = a(_("Agregar &causa"), _("Agregar una causa debajo del nodo elegido (o del problema "
                                                    "central)"), lambda: self.agregar("causa"), ("Ins",), True)
        self.accion_efecto = a(_("Agregar e&fecto"), _("Agregar un efecto arriba del nodo elegido (o del problema "
                                                      "central)"), lambda: self.agregar("efecto"), ("Shift+Ins",),
                               True)
        self.accion_editar = a(_("&Editar…"), _("Cambiar el texto o la necesidad vinculada del nodo elegido"),
                               self.editar, ("F2",), True)
        self.accion_eliminar = a(_("E&liminar"), _("Eliminar el nodo elegido con todo lo que cuelga de él"),
                                 self.eliminar, ("Del",), True)
        self.accion_padre = a(_("Cambiar de &padre…"), _("Hacer que el nodo elegido cuelgue de otro nodo"),
                              self.cambiar_padre, ("Ctrl+Shift+R",), True)
        self.accion_izquierda = a(_("Mover a la izquierda"), _("Pasar el nodo elegido antes de su hermano de la "
                                                              "izquierda"), lambda: self.mover_entre_hermanos(-1),
                                  ("Ctrl+Left",), True, en_barra=False)
        self.accion_derecha = a(_("Mover a la derecha"), _("Pasar el nodo elegido después de su hermano de la "
                                                          "derecha"), lambda: self.mover_entre_hermanos(1),
                                ("Ctrl+Right",), True, en_barra=False)
        self.barra.addSeparator()
        self.accion_ordenar = a(_("&Ordenar"), _("Volver todos los nodos a la disposición automática"),
                                self.ordenar, ("Ctrl+Shift+O",), True)
        self.barra.addSeparator()
        self.accion_alejar = a("−", _("Alejar"), self.vista.alejar, ("Ctrl+-",))
        self.accion_acercar = a("+", _("Acercar"), self.vista.acercar, ("Ctrl++", "Ctrl+="))
        self.accion_ajustar = a(_("&Ajustar"), _("Ver todo el árbol"), self.vista.ajustar, ("Ctrl+0",))
        self.barra.addSeparator()
        self.accion_png = a(_("Exportar P&NG…"), _("Guardar el árbol como imagen PNG"), self.exportar_png)
        # Ctrl+P is the window's Archivo › Imprimir… (preview and printer of this tree).
        self.accion_pdf = a(_("&Imprimir PDF…"), _("Guardar el árbol y la lista de sus nodos en un PDF (A4 "
                                                  "apaisado)"), self.imprimir_pdf)
        for accion, nombre in ((self.accion_alejar, _("Alejar")), (self.accion_acercar, _("Acercar"))):
            boton = self.barra.widgetForAction(accion)
            if boton is not None:
                boton.setAccessibleName(nombre)
                boton.setMinimumWidth(28)

    def _estado(self, titulo: str, texto: str, boton: str | None = None) -> EstadoVacio:
        w = EstadoVacio(titulo, texto, boton)
        w.setObjectName("estadoArbol")
        return w

    # -- datos -----------------------------------------------------------------------------------------------
    def fijar_territorio(self, territorio_id: int | None) -> None:
        cambia = territorio_id != self.territorio_id
        self.territorio_id = territorio_id
        if cambia:
            self.vista.seleccionar(None, visible=False)
        self.recargar()
        if cambia:
            self.vista.pedir_ajuste()

    def recargar(self) -> None:
        from nucleo.modelo import Territorio

        tid = self.territorio_id
        if tid is not None:
            nombre = self.ctx.leer(lambda s: (t := s.get(Territorio, tid)) and t.nombre)
            if not nombre:
                self.territorio_id = tid = None
            else:
                self.territorio_nombre = nombre
        if tid is None:
            self.territorio_nombre = ""
            self.vista.cargar([])
            self.pila_estados.setCurrentWidget(self.sin_territorio)
        else:
            centro = self.vista.mapToScene(self.vista.viewport().rect().center())
            nodos = self.ctx.leer(lambda s: servicio.leer_arbol(s, tid))
            self.vista.cargar(nodos)
            if nodos:
                self.pila_estados.setCurrentWidget(self.vista)
                if not self.vista._ajustar_pendiente:
                    self.vista.centerOn(centro)
            else:
                self.pila_estados.setCurrentWidget(self.vacio)
        solo = self.ctx.solo_lectura
        self.boton_crear.setEnabled(not solo and tid is not None)
        self.vacio.texto.setText(
            _("El expediente está abierto solo para lectura: aquí se verá el árbol cuando alguien lo cargue.")
            if solo else
            _("El árbol ordena lo que la comunidad dijo en el diagnóstico: un problema central, sus causas debajo "
              "y sus efectos arriba. Empiece por el problema central; después agregue causas (Insert) y efectos "
              "(Mayús+Insert)."))
        self._actualizar_acciones()
        self._describir()

    def _al_cambiar(self, cambios) -> None:
        if self.territorio_id is not None and set(cambios) & ENTIDADES:
            self.recargar()

    def _actualizar_acciones(self) -> None:
        solo = self.ctx.solo_lectura
        hay_territorio = self.territorio_id is not None
        nodos = self.vista.nodos()
        hay_arbol = bool(nodos)
        elegido = self.vista.nodo(self.vista.seleccionado())
        for a in self._acciones_edicion:
            a.setEnabled(False)
        if not solo and hay_territorio:
            self.accion_problema.setEnabled(True)
            self.accion_causa.setEnabled(hay_arbol)
            self.accion_efecto.setEnabled(hay_arbol)
            self.accion_editar.setEnabled(elegido is not None)
            self.accion_eliminar.setEnabled(elegido is not None)
            movible = elegido is not None and elegido.padre_id is not None
            self.accion_padre.setEnabled(movible)
            self.accion_izquierda.setEnabled(movible)
            self.accion_derecha.setEnabled(movible)
            self.accion_ordenar.setEnabled(any(n.x is not None for n in nodos))
        for a in (self.accion_alejar, self.accion_acercar, self.accion_ajustar, self.accion_png, self.accion_pdf):
            a.setEnabled(hay_arbol)

    def _describir(self) -> None:
        nodos = self.vista.nodos()
        cuenta = {t: sum(1 for n in nodos if n.tipo == t) for t in TIPOS_NODO}
        vinculados = sum(1 for n in nodos if n.necesidad_id is not None)

        def muestra(tipo: str, texto: str) -> str:
            c = COLORES_NODO[tipo]
            return (f"<span style='color:{c['borde'] if tipo != 'problema' else c['fondo']}; font-size:large'>"
                    f"■</span>&nbsp;{html.escape(texto)}")

        if not nodos:
            self.leyenda.setText("")
            self._fijar_estado("")
            return
        partes = [muestra("problema", traducir(TIPOS_NODO["problema"])),
                  muestra("causa", n_("{n} causa", "{n} causas", cuenta["causa"]).format(
                      n=formato.entero(cuenta["causa"]))),
                  muestra("efecto", n_("{n} efecto", "{n} efectos", cuenta["efecto"]).format(
                      n=formato.entero(cuenta["efecto"])))]
        partes.append(html.escape(n_("{n} vinculado a una necesidad", "{n} vinculados a necesidades",
                                     vinculados).format(n=formato.entero(vinculados))))
        self.leyenda.setText("&nbsp;&nbsp;&nbsp;".join(partes))
        self._fijar_estado(_("Zoom {zoom} · ↑ efectos · ↓ causas · Mayús+arrastrar: cambiar de padre").format(
            zoom=formato.porcentaje(self.vista.escala())))

    def _fijar_estado(self, texto: str, color: str = TEXTO_SECUNDARIO) -> None:
        self._texto_estado = (texto, color)
        ancho = max(60, self.estado.width() - 4)
        self.estado.setText(self.estado.fontMetrics().elidedText(texto, Qt.TextElideMode.ElideRight, ancho))
        self.estado.setToolTip(texto)
        self.estado.setStyleSheet(f"color: {color};")

    def resizeEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(evento)
        if self._texto_estado[0]:
            self._fijar_estado(*self._texto_estado)

    def _avisar(self, texto: str, rechazo: bool) -> None:
        if texto:
            self._fijar_estado(texto, ERROR if rechazo else AZUL_ACENTO)
        else:
            self._describir()

    # -- órdenes ---------------------------------------------------------------------------------------------
    def _ejecutar(self, texto: str, hacer, deshacer, rehacer=None):
        return self.ctx.ejecutar(ComandoServicio(self.ctx, texto, "nodo_problema", hacer, deshacer, rehacer))

    def _necesidades(self):
        mid, tid = self.ctx.municipio_id, self.territorio_id
        return self.ctx.leer(lambda s: servicio.necesidades_para_vincular(s, mid, tid))

    def _abrir(self, dialogo) -> None:
        self.dialogo = dialogo
        dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialogo.destroyed.connect(lambda *_a: setattr(self, "dialogo", None) if self.dialogo is dialogo else None)
        dialogo.finished.connect(lambda _r: self.vista.setFocus())
        dialogo.open()

    def crear_problema(self) -> None:
        if self.ctx.solo_lectura or self.territorio_id is None:
            return
        problema = self.vista.problema()
        if problema is not None:
            self.vista.seleccionar(problema.id)
            self.editar()
            return
        from ui.dialogos.nodo_arbol import DialogoNodo

        mid, tid = self.ctx.municipio_id, self.territorio_id

        def guardar(d: DatosNodo) -> None:
            nuevo = self._ejecutar(
                _("Crear el problema central"),
                lambda s: servicio.crear_problema_central(s, mid, tid, d.texto, d.necesidad_id),
                lambda s, i: servicio.eliminar_nodo(s, i), lambda s, c: servicio.restaurar_nodos(s, c))
            self.vista.seleccionar(nuevo)
            self.vista.pedir_ajuste()

        self._abrir(DialogoNodo(_("Problema central de {territorio}").format(territorio=self.territorio_nombre),
                                "problema", DatosNodo(""), self._necesidades(), guardar, self,
                                _("El problema que la comunidad reconoce como el principal. Sus causas irán debajo "
                                  "y sus efectos arriba.")))

    def agregar(self, tipo: str) -> None:
        if self.ctx.solo_lectura or self.territorio_id is None:
            return
        problema = self.vista.problema()
        if problema is None:
            self.crear_problema()
            return
        elegido = self.vista.nodo(self.vista.seleccionado())
        # Which parent a new node may hang from is the service's rule; if the chosen one cannot take it, the new
        # node hangs from the central problem.
        padre = (elegido if elegido is not None
                 and servicio.motivo_tipo(tipo, elegido.tipo, elegido.texto) is None else problema)
        from ui.dialogos.nodo_arbol import DialogoNodo

        def guardar(d: DatosNodo) -> None:
            nuevo = self._ejecutar(
                _("Agregar {que}").format(que=_("la causa") if tipo == "causa" else _("el efecto")),
                lambda s: servicio.agregar_nodo(s, padre.id, tipo, d.texto, d.necesidad_id),
                lambda s, i: servicio.eliminar_nodo(s, i), lambda s, c: servicio.restaurar_nodos(s, c))
            self.vista.seleccionar(nuevo)

        titulo = _("Nueva causa") if tipo == "causa" else _("Nuevo efecto")
        if padre.tipo == "problema":
            explicacion = (_("Una causa directa del problema central «{padre}».") if tipo == "causa" else
                           _("Un efecto directo del problema central «{padre}».")).format(padre=_corto(padre.texto))
        else:
            explicacion = (_("Una causa de «{padre}» (irá debajo de ella).") if tipo == "causa" else
                           _("Un efecto de «{padre}» (irá arriba de él).")).format(padre=_corto(padre.texto))
        self._abrir(DialogoNodo(titulo, tipo, DatosNodo(""), self._necesidades(), guardar, self, explicacion))

    def editar(self) -> None:
        nodo = self.vista.nodo(self.vista.seleccionado())
        if self.ctx.solo_lectura or nodo is None:
            return
        from ui.dialogos.nodo_arbol import DialogoNodo

        def guardar(d: DatosNodo) -> None:
            if d == DatosNodo(nodo.texto, nodo.necesidad_id):
                return  # nothing changed: no empty step in the undo history
            self._ejecutar(_("Editar «{texto}»").format(texto=_corto(d.texto, 40)),
                           lambda s: servicio.editar_nodo(s, nodo.id, d),
                           lambda s, anterior: servicio.editar_nodo(s, nodo.id, anterior),
                           lambda s, nuevo: servicio.editar_nodo(s, nodo.id, nuevo))

        titulo = {"problema": _("Editar el problema central"), "causa": _("Editar la causa"),
                  "efecto": _("Editar el efecto")}.get(nodo.tipo, _("Editar"))
        self._abrir(DialogoNodo(titulo, nodo.tipo, DatosNodo(nodo.texto, nodo.necesidad_id), self._necesidades(),
                                guardar, self))

    def eliminar(self) -> None:
        nodo = self.vista.nodo(self.vista.seleccionado())
        if self.ctx.solo_lectura or nodo is None:
            return
        debajo = len(servicio.subarbol(self.vista.nodos(), nodo.id)) - 1
        que = {"problema": _("el problema central"), "causa": _("la causa"), "efecto": _("el efecto")}[nodo.tipo]
        texto = _("¿Eliminar {que} «{texto}»?").format(que=que, texto=_corto(nodo.texto, 80))
        if nodo.tipo == "problema":
            detalle = _("Se elimina todo el árbol: {n}.").format(n=n_("{n} nodo", "{n} nodos", debajo + 1).format(
                n=formato.entero(debajo + 1)))
        elif debajo:
            detalle = n_("También se elimina {n} nodo que cuelga de él.",
                         "También se eliminan los {n} nodos que cuelgan de él.", debajo).format(
                n=formato.entero(debajo))
        else:
            detalle = ""
        caja = QMessageBox(QMessageBox.Icon.Question, _("Eliminar del árbol"), texto,
                           QMessageBox.StandardButton.NoButton, self)
        caja.setInformativeText((detalle + " " if detalle else "") + _("Puede deshacerlo con Ctrl+Z."))
        si = caja.addButton(_("&Eliminar"), QMessageBox.ButtonRole.DestructiveRole)
        no = caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(no)
        caja.setEscapeButton(no)
        caja.setObjectName("confirmarEliminarNodo")
        padre = nodo.padre_id

        def respuesta(boton) -> None:
            if boton is not si:
                return
            try:
                self._ejecutar(_("Eliminar «{texto}»").format(texto=_corto(nodo.texto, 40)),
                               lambda s: servicio.eliminar_nodo(s, nodo.id),
                               lambda s, copia: servicio.restaurar_nodos(s, copia),
                               lambda s, _i: servicio.eliminar_nodo(s, nodo.id))
            except ErrorDeUsuario as exc:
                self._error(exc)
                return
            self.vista.seleccionar(padre)

        caja.buttonClicked.connect(respuesta)
        caja.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        caja.destroyed.connect(lambda *_a: setattr(self, "confirmacion", None)
                               if self.confirmacion is caja else None)
        self.confirmacion = caja
        caja.open()

    def cambiar_padre(self) -> None:
        nodo = self.vista.nodo(self.vista.seleccionado())
        if self.ctx.solo_lectura or nodo is None or nodo.padre_id is None:
            return
        nodos = self.vista.nodos()
        posibles = [n for n in nodos if n.id == nodo.padre_id
                    or servicio.motivo_para_no_reconectar(nodos, nodo.id, n.id) is None]
        from ui.dialogos.nodo_arbol import DialogoPadre

        def guardar(padre_id: int) -> None:
            if padre_id != nodo.padre_id:
                self._reconectar(nodo.id, padre_id)

        self._abrir(DialogoPadre(nodo, posibles, guardar, self))

    def _reconectar(self, nodo_id: int, padre_id: int) -> None:
        texto = self.vista.nodo(nodo_id).texto
        self._ejecutar(_("Cambiar de padre «{texto}»").format(texto=_corto(texto, 40)),
                       lambda s: servicio.reconectar(s, nodo_id, padre_id),
                       lambda s, anterior: servicio.reenganchar(s, anterior),
                       lambda s, actual: servicio.reenganchar(s, actual))
        self.vista.seleccionar(nodo_id)

    def reconectar(self, nodo_id: int, padre_id: int) -> None:
        """Lo que pide la vista al soltar con Mayús un nodo sobre otro: si el servicio lo rechaza, lo dice."""
        if self.ctx.solo_lectura:
            return
        try:
            self._reconectar(nodo_id, padre_id)
        except ErrorDeUsuario as exc:
            self._error(exc)

    def _movido(self, nodo_id: int, x: float, y: float) -> None:
        if self.ctx.solo_lectura:
            return
        try:
            self._ejecutar(_("Mover «{texto}»").format(texto=_corto(self.vista.nodo(nodo_id).texto, 40)),
                           lambda s: servicio.mover_nodo(s, nodo_id, x, y),
                           lambda s, anterior: servicio.mover_nodo(s, nodo_id, *anterior),
                           lambda s, nueva: servicio.mover_nodo(s, nodo_id, *nueva))
        except ErrorDeUsuario as exc:
            self.recargar()
            self._error(exc)

    def mover_entre_hermanos(self, paso: int) -> None:
        nodo = self.vista.nodo(self.vista.seleccionado())
        if self.ctx.solo_lectura or nodo is None or nodo.padre_id is None:
            return
        hermanos = [n.id for n in self.vista.nodos() if n.padre_id == nodo.padre_id and n.tipo == nodo.tipo]
        i = hermanos.index(nodo.id)
        j = i + paso
        if not 0 <= j < len(hermanos):
            return
        nuevo = list(hermanos)
        nuevo[i], nuevo[j] = nuevo[j], nuevo[i]
        try:
            self._ejecutar(_("Cambiar el orden de «{texto}»").format(texto=_corto(nodo.texto, 40)),
                           lambda s: servicio.reordenar(s, nuevo),
                           lambda s, anterior: servicio.reordenar(s, anterior),
                           lambda s, _r: servicio.reordenar(s, nuevo))
        except ErrorDeUsuario as exc:
            self._error(exc)
            return
        if nodo.x is not None:
            self.ctx.mensaje.emit(_("El orden cambió; el nodo sigue donde usted lo dejó. «Ordenar» lo acomoda."))
        self.vista.seleccionar(nodo.id)

    def ordenar(self) -> None:
        if self.ctx.solo_lectura or self.territorio_id is None:
            return
        tid = self.territorio_id
        if not any(n.x is not None for n in self.vista.nodos()):
            self.ctx.mensaje.emit(_("El árbol ya está en la disposición automática."))
            return
        self._ejecutar(_("Ordenar el árbol"), lambda s: servicio.restablecer_posiciones(s, tid),
                       lambda s, anteriores: servicio.fijar_posiciones(s, anteriores),
                       lambda s, _r: servicio.restablecer_posiciones(s, tid))
        self.vista.pedir_ajuste()

    def _error(self, exc: ErrorDeUsuario) -> None:
        from ui.errores import mostrar_error_de_usuario

        self.ctx.mensaje.emit(exc.mensaje)
        mostrar_error_de_usuario(self, exc, _("Árbol de problemas"))

    # -- archivos --------------------------------------------------------------------------------------------
    def _hoy(self) -> date:
        # The Diagnóstico page sets `hoy` to a callable (its clock, fixed in tests); a plain date works too.
        hoy = self.hoy() if callable(self.hoy) else self.hoy
        return hoy or date.today()

    def nombre_propuesto(self, extension: str) -> str:
        from ui.acciones_datos import nombre_archivo

        return nombre_archivo(_("Árbol de problemas"), self.territorio_nombre, self._hoy().isoformat(),
                              extension=extension)

    def pedir_destino(self, titulo: str, propuesta: str, filtro: str) -> Path | None:
        """La ruta elegida en el diálogo de guardar, o None (separado para que las pruebas lo reemplacen)."""
        from ui.acciones_datos import carpeta_inicial, recordar_carpeta

        ruta, _f = QFileDialog.getSaveFileName(self, titulo, str(carpeta_inicial() / propuesta), filtro)
        if not ruta:
            return None
        recordar_carpeta(Path(ruta).parent)
        return Path(ruta)

    def titulo_imagen(self) -> str:
        return _("Árbol de problemas · {territorio}").format(territorio=self.territorio_nombre)

    def exportar_png(self, destino: Path | None = None) -> Path | None:
        if not self.vista.nodos():
            return None
        destino = destino or self.pedir_destino(_("Exportar PNG"), self.nombre_propuesto(".png"),
                                                _("Imagen PNG (*.png)"))
        if destino is None:
            return None
        if destino.suffix.lower() != ".png":
            destino = destino.with_name(destino.name + ".png")
        if not self.vista.imagen(2.0, self.titulo_imagen()).save(str(destino), "PNG"):
            self._error(ErrorDeUsuario(_("No se pudo escribir «{archivo}»: no hay permiso, falta espacio o el "
                                         "archivo está abierto en otro programa. Elija otro nombre o carpeta.")
                                       .format(archivo=destino.name)))
            return None
        self.ctx.mensaje.emit(_("Se guardó «{archivo}».").format(archivo=destino.name))
        return destino

    def imprimir_pdf(self, destino: Path | None = None):
        if self.territorio_id is None or not self.vista.nodos():
            return None
        destino = destino or self.pedir_destino(_("Imprimir en PDF"), self.nombre_propuesto(".pdf"),
                                                _("Documento PDF (*.pdf)"))
        if destino is None:
            return None
        if destino.suffix.lower() != ".pdf":
            destino = destino.with_name(destino.name + ".pdf")
        from ui.acciones_datos import error_de_escritura, es_cancelacion
        from ui.dialogos import progreso

        expediente, mid, tid, hoy = self.ctx.expediente, self.ctx.municipio_id, self.territorio_id, self._hoy()

        def trabajo(avance):
            from nucleo.exportar.pdf.documentos import exportar_pdf

            with expediente.sesion() as s:
                return exportar_pdf("arbol", s, mid, destino, None, hoy, id=tid, progreso=avance)

        def listo(ruta) -> None:
            self.ctx.mensaje.emit(_("Se guardó «{archivo}».").format(archivo=Path(ruta).name))

        def fallo(exc: BaseException, traza: str) -> None:
            if es_cancelacion(exc):
                self.ctx.mensaje.emit(_("Cancelado: no se escribió «{archivo}».").format(archivo=destino.name))
                return
            if isinstance(exc, OSError):
                exc = error_de_escritura(exc, destino)
            progreso.informar_fallo(self, exc, traza)

        self.tarea = progreso.ejecutar(self.window(), trabajo, titulo=_("Imprimir en PDF"),
                                       texto=_("Armando «{archivo}»…").format(archivo=destino.name),
                                       al_terminar=listo, al_fallar=fallo, cancelable=True)
        return self.tarea
