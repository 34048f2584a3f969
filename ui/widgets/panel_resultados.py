"""Pestaña «Resultados» (vii): los resultados del plan con las necesidades que responden, y debajo la cadena
necesidad → resultado → actividad → oportunidad, en los dos sentidos.

Una necesidad priorizada que ningún resultado responde se muestra en rojo: es una brecha del plan (la comunidad la
priorizó y el plan no le da respuesta). Crear, editar, eliminar y ordenar son órdenes deshacibles.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from nucleo.servicios.plan import (
    Cadena,
    FilaResultado,
    cadena,
    eliminar_resultado,
    listar_resultados,
    mover_resultado,
    nodos_del_plan,
    restaurar_resultado,
    resumen_plan,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.resultado import DialogoResultado, texto_prioridad
from ui.estilo import ERROR, TEXTO_SECUNDARIO
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.ordenes import accion as nueva_accion
from ui.widgets.panel_plan import motivo_edicion
from ui.widgets.seleccion import elegir_fila, id_elegido
from ui.widgets.tablas import tabla_de_registros

CAMBIOS_QUE_AFECTAN = frozenset({"plan", "resultado", "actividad", "indicador", "necesidad", "oportunidad"})
ROL_ENLACE = Qt.ItemDataRole.UserRole + 10  # (clase, id) of a chain node


def _necesidades(f: FilaResultado) -> str:
    return "; ".join(f"{texto_prioridad(p)} · {d}" for _i, d, p in f.necesidades) or _("— ninguna —")


COLUMNAS: tuple[Columna[FilaResultado], ...] = (
    Columna(_("Código"), lambda f: f.codigo, lambda f: f.orden),
    Columna(_("Eje"), lambda f: f.pilar_texto or "—"),
    Columna(_("Descripción"), lambda f: f.descripcion),
    Columna(_("Necesidades que responde"), _necesidades,
            color=lambda f: ERROR if not f.necesidades else None,
            ayuda=_("Las necesidades priorizadas por la comunidad que el resultado responde")),
    Columna(_("Actividades"), lambda f: formato.entero(f.n_actividades), lambda f: f.n_actividades, derecha=True),
    Columna(_("Indicadores"), lambda f: formato.entero(f.n_indicadores), lambda f: f.n_indicadores, derecha=True,
            color=lambda f: ERROR if not f.n_indicadores else None),
)
COL_DESCRIPCION, COL_NECESIDADES = 2, 3


class PanelResultados(QWidget):
    """`fijar_plan(pid)`; `nuevo()`, `editar()`, `eliminar()`, `mover(paso)`; `fijar_sentido("necesidad" |
    "oportunidad")` para la cadena."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.territorio_id: int | None = None
        self.estado = ""
        self.editable = False
        self.cadena: Cadena | None = None
        self._nodos: list = []
        self.sentido = "necesidad"
        self._crear_acciones()
        self._crear_vista()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar_acciones()

    # -- armado -----------------------------------------------------------------------------------------------
    def _crear_acciones(self) -> None:
        accion = partial(nueva_accion, self)

        self.accion_nuevo = accion(_("Nuevo resultado"), [Qt.Key.Key_Insert, "Ctrl+Shift+N"],
                                   _("Agregar un resultado al plan (Insert o Ctrl+Shift+N)"), self.nuevo,
                                   Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accion_editar = accion(_("Editar"), [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                    _("Editar el resultado elegido (Enter o doble clic)"), self.editar)
        self.accion_eliminar = accion(_("Eliminar"), [QKeySequence.StandardKey.Delete],
                                      _("Eliminar el resultado elegido con sus indicadores (Supr)"), self.eliminar)
        self.accion_subir = accion(_("Subir"), ["Ctrl+Up"], _("Subir un puesto (Ctrl+↑)"), lambda: self.mover(-1))
        self.accion_bajar = accion(_("Bajar"), ["Ctrl+Down"], _("Bajar un puesto (Ctrl+↓)"), lambda: self.mover(1))
        self.addAction(self.accion_nuevo)

    def _crear_vista(self) -> None:
        barra = QToolBar(_("Resultados"))
        barra.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.accion_nuevo, self.accion_editar, self.accion_eliminar):
            barra.addAction(a)
        barra.addSeparator()
        barra.addAction(self.accion_subir)
        barra.addAction(self.accion_bajar)

        self.modelo: ModeloTabla[FilaResultado] = ModeloTabla(COLUMNAS, self)
        self.tabla = tabla_de_registros(self.modelo)
        self.tabla.setWordWrap(True)
        self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.tabla.verticalHeader().setDefaultSectionSize(self.tabla.fontMetrics().lineSpacing() * 2 + 12)
        cab = self.tabla.horizontalHeader()
        cab.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for a in (self.accion_editar, self.accion_eliminar, self.accion_subir, self.accion_bajar):
            self.tabla.addAction(a)
        self.tabla.doubleClicked.connect(lambda _i: self.editar())
        self.tabla.selectionModel().currentRowChanged.connect(lambda *_a: self._actualizar_acciones())
        self.tabla.setAccessibleName(_("Resultados del plan"))

        # The chain, below the table.
        self.arbol = QTreeView()
        self.modelo_cadena = QStandardItemModel(self)
        self.arbol.setModel(self.modelo_cadena)
        self.arbol.setHeaderHidden(True)
        self.arbol.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.arbol.setUniformRowHeights(True)
        self.arbol.setAccessibleName(_("Cadena necesidad, resultado, actividad y oportunidad"))
        self.por_necesidad = QRadioButton(_("Por &necesidad"))
        self.por_oportunidad = QRadioButton(_("Por &oportunidad"))
        self.por_necesidad.setChecked(True)
        grupo = QButtonGroup(self)
        grupo.addButton(self.por_necesidad)
        grupo.addButton(self.por_oportunidad)
        self.por_necesidad.toggled.connect(lambda si: self.fijar_sentido("necesidad" if si else "oportunidad"))
        titulo = QLabel(_("Cadena necesidad → resultado → actividad → oportunidad"))
        fuente = titulo.font()
        fuente.setBold(True)
        titulo.setFont(fuente)
        self.resumen_cadena = texto_secundario("", self)
        self.resumen_cadena.setWordWrap(True)
        arriba_cadena = QHBoxLayout()
        arriba_cadena.addWidget(titulo)
        arriba_cadena.addSpacing(12)
        arriba_cadena.addWidget(self.por_necesidad)
        arriba_cadena.addWidget(self.por_oportunidad)
        arriba_cadena.addStretch(1)
        caja_cadena = QWidget()
        capa_cadena = QVBoxLayout(caja_cadena)
        capa_cadena.setContentsMargins(0, 6, 0, 0)
        capa_cadena.addLayout(arriba_cadena)
        capa_cadena.addWidget(self.resumen_cadena)
        capa_cadena.addWidget(self.arbol, 1)

        self.divisor = QSplitter(Qt.Orientation.Vertical)
        self.divisor.addWidget(self.tabla)
        self.divisor.addWidget(caja_cadena)
        self.divisor.setStretchFactor(0, 2)
        self.divisor.setStretchFactor(1, 3)
        self.divisor.setChildrenCollapsible(False)

        self.vacio = EstadoVacio(
            _("Este plan todavía no tiene resultados"),
            _("Cada resultado es una condición concreta que se quiere lograr en un eje estratégico, responde a "
              "necesidades priorizadas por la comunidad y se mide con indicadores observables."),
            _("Nuevo resultado"), self)
        self.vacio.boton.clicked.connect(self.nuevo)
        self.pila = QStackedWidget()
        self.pila.addWidget(self.divisor)
        self.pila.addWidget(self.vacio)

        self.estado_texto = texto_secundario("", self)
        self.estado_texto.setWordWrap(True)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addWidget(barra)
        capa.addWidget(self.pila, 1)
        capa.addWidget(self.estado_texto)
        self.setFocusProxy(self.tabla)

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        nuevo = plan_id != self.plan_id
        self.plan_id = plan_id
        self.recargar(elegir_primera=nuevo)

    def _al_cambiar(self, que: set[str]) -> None:
        if self.plan_id is not None and CAMBIOS_QUE_AFECTAN & set(que):
            self.recargar()

    def recargar(self, elegir_primera: bool = False) -> None:
        elegido, fila_vista = self.resultado_actual(), self.tabla.currentIndex().row()
        pid, hoy = self.plan_id, self.hoy()
        filas: list[FilaResultado] = []
        self.cadena = None
        self._nodos = []
        if pid is not None:
            try:
                r, filas, self.cadena, self._nodos = self.ctx.leer(lambda s: (
                    resumen_plan(s, pid, hoy), listar_resultados(s, pid), cadena(s, pid), nodos_del_plan(s, pid)))
                self.territorio_id, self.estado, self.editable = r.territorio_id, r.estado, r.editable
            except ErrorDeUsuario:  # the plan was deleted meanwhile
                self.plan_id, filas = None, []
        self.modelo.cargar(filas)
        self._ajustar_columnas()
        if filas:
            n = self.modelo.buscar_id(elegido) if elegido is not None and not elegir_primera else -1
            if n < 0:
                n = 0 if elegir_primera or fila_vista < 0 else min(fila_vista, len(filas) - 1)
            elegir_fila(self.tabla, self.modelo_proxy(), n)
        self.pila.setCurrentIndex(0 if filas or (self.cadena and self.cadena.sin_resultado) else 1)
        self._mostrar_cadena()
        self._actualizar_acciones()

    def modelo_proxy(self):
        return self.modelo  # no filter: results are few, and their order is the plan's

    def _ajustar_columnas(self) -> None:
        if not self.modelo.rowCount():
            return
        cab = self.tabla.horizontalHeader()
        self.tabla.resizeColumnsToContents()
        cab.setSectionResizeMode(COL_DESCRIPCION, QHeaderView.ResizeMode.Stretch)
        for col, tope in ((1, 170), (COL_NECESIDADES, 320)):
            if cab.sectionSize(col) > tope:
                cab.resizeSection(col, tope)

    def resultado_actual(self) -> int | None:
        return id_elegido(self.tabla)

    def seleccionar(self, resultado_id: int) -> bool:
        n = self.modelo.buscar_id(resultado_id)
        if n < 0:
            return False
        elegir_fila(self.tabla, self.modelo, n)
        return True

    def _escribible(self) -> bool:
        return self.plan_id is not None and self.editable and not self.ctx.solo_lectura

    def _actualizar_acciones(self) -> None:
        escribible = self._escribible()
        hay = self.resultado_actual() is not None
        fila = self.tabla.currentIndex().row()
        motivo = "" if escribible or self.plan_id is None else motivo_edicion(self.estado, self.editable,
                                                                              self.ctx.solo_lectura)
        self.accion_nuevo.setEnabled(escribible)
        self.vacio.boton.setEnabled(escribible)
        self.vacio.boton.setToolTip(motivo)
        self.accion_editar.setEnabled(hay)
        self.accion_editar.setText(_("Editar") if escribible else _("Ver"))
        self.accion_eliminar.setEnabled(hay and escribible)
        self.accion_subir.setEnabled(hay and escribible and fila > 0)
        self.accion_bajar.setEnabled(hay and escribible and 0 <= fila < self.modelo.rowCount() - 1)
        for a in (self.accion_nuevo, self.accion_eliminar, self.accion_subir, self.accion_bajar):
            a.setStatusTip(motivo)
        n = self.modelo.rowCount()
        texto = n_("{n} resultado", "{n} resultados", n).format(n=formato.entero(n)) if n else ""
        if motivo:
            texto = (texto + " · " if texto else "") + motivo
        self.estado_texto.setText(texto)

    # -- cadena -----------------------------------------------------------------------------------------------
    def fijar_sentido(self, sentido: str) -> None:
        self.sentido = sentido
        boton = self.por_necesidad if sentido == "necesidad" else self.por_oportunidad
        if not boton.isChecked():
            boton.setChecked(True)
        self._mostrar_cadena()

    def _mostrar_cadena(self) -> None:
        self.modelo_cadena.clear()
        c = self.cadena
        if c is None:
            self.resumen_cadena.setText("")
            return
        raiz = self.modelo_cadena.invisibleRootItem()
        if self.sentido == "necesidad":
            self._por_necesidad(raiz, c)
        else:
            self._por_oportunidad(raiz, c)
        self.arbol.expandAll()
        brechas = len(c.sin_resultado)
        partes = [n_("{n} necesidad en la cadena", "{n} necesidades en la cadena", len(c.por_necesidad)).format(
            n=formato.entero(len(c.por_necesidad)))]
        if brechas:
            partes.append(n_("{n} priorizada sin resultado (brecha del plan, en rojo)",
                             "{n} priorizadas sin resultado (brechas del plan, en rojo)", brechas).format(
                n=formato.entero(brechas)))
        if c.resultados_sin_necesidad:
            partes.append(n_("{n} resultado no dice a qué necesidad responde",
                             "{n} resultados no dicen a qué necesidad responden",
                             len(c.resultados_sin_necesidad)).format(n=formato.entero(len(c.resultados_sin_necesidad))))
        partes.append(n_("{n} oportunidad usada", "{n} oportunidades usadas", len(c.oportunidades)).format(
            n=formato.entero(len(c.oportunidades))))
        self.resumen_cadena.setText(" · ".join(partes))

    @staticmethod
    def _item(texto: str, clase: str, ident: int | None, color: str | None = None, negrita: bool = False,
              ayuda: str = "") -> QStandardItem:
        item = QStandardItem(texto)
        item.setEditable(False)
        item.setData((clase, ident), ROL_ENLACE)
        item.setToolTip(ayuda or texto)
        if color:
            item.setForeground(QBrush(QColor(color)))
        if negrita:
            f = QFont(item.font())
            f.setBold(True)
            item.setFont(f)
        return item

    def _por_necesidad(self, raiz: QStandardItem, c: Cadena) -> None:
        sin = {i for i, _d, _p in c.sin_resultado}
        actividades_de = self._actividades_por_resultado()
        for e in c.por_necesidad:
            brecha = e.necesidad_id in sin or not e.resultados
            texto = f"{texto_prioridad(e.prioridad)} · {e.descripcion}"
            if brecha:
                texto += "  —  " + _("sin resultado: brecha del plan")
            nodo = self._item(texto, "necesidad", e.necesidad_id, ERROR if brecha else None, True)
            propias = {a[0] for a in e.actividades}
            for rid, codigo, descripcion in e.resultados:
                nodo_r = self._item(f"{codigo} · {descripcion}", "resultado", rid)
                for aid, acod, nombre in actividades_de.get(rid, ()):
                    if aid in propias:
                        nodo_r.appendRow(self._item(f"{acod} {nombre}", "actividad", aid))
                nodo.appendRow(nodo_r)
            if e.oportunidades:
                nodo_o = self._item(_("Oportunidades que usa"), "grupo", None, TEXTO_SECUNDARIO)
                for oid, nombre in e.oportunidades:
                    nodo_o.appendRow(self._item(nombre, "oportunidad", oid))
                nodo.appendRow(nodo_o)
            raiz.appendRow(nodo)
        listadas = {e.necesidad_id for e in c.por_necesidad}
        for nid, descripcion, prioridad in c.sin_resultado:
            if nid not in listadas:
                raiz.appendRow(self._item(f"{texto_prioridad(prioridad)} · {descripcion}  —  "
                                          + _("sin resultado: brecha del plan"), "necesidad", nid, ERROR, True))
        if c.resultados_sin_necesidad:
            nodo = self._item(_("Resultados que no dicen a qué necesidad responden"), "grupo", None, TEXTO_SECUNDARIO,
                              True)
            for rid, codigo, descripcion in c.resultados_sin_necesidad:
                nodo.appendRow(self._item(f"{codigo} · {descripcion}", "resultado", rid))
            raiz.appendRow(nodo)

    def _por_oportunidad(self, raiz: QStandardItem, c: Cadena) -> None:
        if not c.oportunidades:
            raiz.appendRow(self._item(_("Ninguna actividad dice todavía qué oportunidades del Mapa usa (se elige en "
                                        "la ficha de la actividad)."), "grupo", None, TEXTO_SECUNDARIO))
            return
        for e in c.oportunidades:
            nodo = self._item(e.nombre, "oportunidad", e.oportunidad_id, None, True)
            for aid, codigo, nombre in e.actividades:
                nodo.appendRow(self._item(f"{codigo} {nombre}", "actividad", aid))
            for rid, codigo, descripcion in e.resultados:
                nodo_r = self._item(f"{codigo} · {descripcion}", "resultado", rid, TEXTO_SECUNDARIO)
                nodo.appendRow(nodo_r)
            if e.necesidades:
                nodo_n = self._item(_("Necesidades que atiende"), "grupo", None, TEXTO_SECUNDARIO)
                for nid, descripcion, prioridad in e.necesidades:
                    nodo_n.appendRow(self._item(f"{texto_prioridad(prioridad)} · {descripcion}", "necesidad", nid))
                nodo.appendRow(nodo_n)
            raiz.appendRow(nodo)

    def _actividades_por_resultado(self) -> dict[int, list[tuple[int, str, str]]]:
        """(id, código, nombre) de las actividades de detalle de cada resultado (las de un grupo toman el suyo)."""
        salida: dict[int, list[tuple[int, str, str]]] = {}
        for n in self._nodos:
            if not n.es_resumen and n.resultado_id is not None:
                salida.setdefault(n.resultado_id, []).append((n.id, n.codigo, n.nombre))
        return salida

    def textos_cadena(self) -> list[str]:
        """Los textos del árbol en orden de lectura, con sangría (para pruebas y para copiar)."""
        salida: list[str] = []

        def recorrer(item: QStandardItem, nivel: int) -> None:
            for r in range(item.rowCount()):
                hijo = item.child(r)
                salida.append("  " * nivel + hijo.text())
                recorrer(hijo, nivel + 1)

        recorrer(self.modelo_cadena.invisibleRootItem(), 0)
        return salida

    # -- órdenes ----------------------------------------------------------------------------------------------
    def nuevo(self) -> bool:
        if not self._escribible():
            return False
        dialogo = DialogoResultado(self.ctx, self.plan_id, parent=self, territorio_id=self.territorio_id)
        if dialogo.exec() and dialogo.resultado_id is not None:
            self.seleccionar(dialogo.resultado_id)
            return True
        return False

    def editar(self) -> bool:
        rid = self.resultado_actual()
        if rid is None or self.plan_id is None:
            return False
        dialogo = DialogoResultado(self.ctx, self.plan_id, rid, parent=self, solo_lectura=not self._escribible(),
                                   territorio_id=self.territorio_id)
        return bool(dialogo.exec())

    def eliminar(self, confirmar: bool = True) -> bool:
        rid = self.resultado_actual()
        if rid is None or not self._escribible():
            return False
        f = self.modelo.fila(self.modelo.buscar_id(rid))
        if confirmar:
            detalle = []
            if f.n_indicadores:
                detalle.append(n_("Se elimina también su indicador, con sus mediciones.",
                                  "Se eliminan también sus {n} indicadores, con sus mediciones.",
                                  f.n_indicadores).format(n=formato.entero(f.n_indicadores)))
            if f.n_actividades:
                detalle.append(n_("Su actividad queda en el plan, sin resultado.",
                                  "Sus {n} actividades quedan en el plan, sin resultado.",
                                  f.n_actividades).format(n=formato.entero(f.n_actividades)))
            caja = QMessageBox(QMessageBox.Icon.Question, _("Eliminar el resultado"),
                               _("¿Eliminar el resultado {codigo}?").format(codigo=f.codigo),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            caja.setInformativeText(" ".join(detalle + [_("Ctrl+Z lo deshace.")]))
            caja.setDefaultButton(QMessageBox.StandardButton.No)
            if caja.exec() != QMessageBox.StandardButton.Yes:
                return False
        comando = ComandoServicio(
            self.ctx, _("Eliminar el resultado {codigo}").format(codigo=f.codigo), "resultado",
            hacer=lambda s: eliminar_resultado(s, rid),
            deshacer=lambda s, copia: restaurar_resultado(s, copia),
            rehacer=lambda s, _id: eliminar_resultado(s, rid),
        )
        return self._ejecutar(comando, _("Resultado {codigo} eliminado. Ctrl+Z lo restaura.").format(codigo=f.codigo))

    def mover(self, paso: int) -> bool:
        rid = self.resultado_actual()
        if rid is None or not self._escribible():
            return False
        fila = self.modelo.buscar_id(rid)
        destino = fila + paso
        if not 0 <= destino < self.modelo.rowCount():
            return False
        comando = ComandoServicio(
            self.ctx, _("Mover el resultado {codigo}").format(codigo=self.modelo.fila(fila).codigo), "resultado",
            hacer=lambda s: mover_resultado(s, rid, destino + 1),
            deshacer=lambda s, anterior: mover_resultado(s, rid, anterior),
            rehacer=lambda s, _a: mover_resultado(s, rid, destino + 1),
        )
        hecho = self._ejecutar(comando, "")
        if hecho:
            self.seleccionar(rid)
        return hecho

    def _ejecutar(self, comando: ComandoServicio, mensaje: str) -> bool:
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            QMessageBox.warning(self, _("No se pudo"), exc.mensaje)
            return False
        if mensaje:
            self.ctx.mensaje.emit(mensaje)
        return True
