"""Pestaña «Presupuesto» del Plan de Acción (v): el total y sus cortes, derivados de los recursos de las actividades.

Nada se escribe aquí: cada monto sale de nucleo.servicios.presupuesto.presupuesto() (cantidad × costo unitario de
cada recurso, repartido por trimestre según los días hábiles de su actividad). El total va en grande; las tablas
dicen el monto y su parte del total por fuente de fondos, tipo de recurso, resultado y responsable, y una matriz
trimestre × fuente; el gráfico apila las fuentes en cada trimestre. Ctrl+C copia la tabla a la vista como texto
separado por tabuladores (se pega tal cual en una planilla).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
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
from nucleo.servicios.actividades import FilaActividad, listar_actividades
from nucleo.servicios.presupuesto import Presupuesto, presupuesto
from ui.contexto import Contexto
from ui.estilo import AZUL_INSTITUCIONAL, fuente_relativa, marcar_tarjeta
from ui.modelos.tabla import Columna, ModeloTabla
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario
from ui.widgets.grafico_barras import GraficoBarras, Serie, color_serie
from ui.widgets.panel_plan import aviso
from ui.widgets.recarga import RecargaAlMostrar

CAMBIOS_QUE_AFECTAN = frozenset({"actividad", "plan", "resultado", "actor", "dia_especial"})
LISTADOS_SIN_COSTO = 12  # activities named in the warning; the rest are counted


@dataclass(frozen=True)
class FilaMonto:
    concepto: str
    monto: int
    parte: float | None  # share of the total, 0..1
    total: bool = False  # the closing «Total» row
    color: str | None = None  # the chart's colour for this source


def _filas(pares: Sequence[tuple[str, int]], total: int, colores: Sequence[str | None] | None = None,
           con_total: bool = True) -> list[FilaMonto]:
    filas = [FilaMonto(c, m, m / total if total else None, color=colores[i] if colores else None)
             for i, (c, m) in enumerate(pares)]
    if con_total and filas:
        filas.append(FilaMonto(_("Total"), sum(m for _c, m in pares), 1.0 if total else None, total=True))
    return filas


def columnas_monto(titulo: str) -> list[Columna[FilaMonto]]:
    return [
        Columna(titulo, lambda f: f.concepto, lambda f: (f.total, f.concepto.casefold())),
        Columna(_("Monto"), lambda f: formato.guaranies(f.monto), lambda f: (f.total, f.monto), derecha=True),
        Columna(_("% del total"), lambda f: formato.porcentaje(f.parte, 1), lambda f: (f.total, f.parte or 0),
                derecha=True),
    ]


@dataclass(frozen=True)
class FilaTrimestre:
    trimestre: str
    montos: tuple[int, ...]  # one per source, then the quarter's total
    total: bool = False


def columnas_matriz(fuentes: Sequence[str]) -> list[Columna[FilaTrimestre]]:
    columnas: list[Columna[FilaTrimestre]] = [Columna(_("Trimestre"), lambda f: f.trimestre,
                                                      lambda f: (f.total, 0))]
    for i, titulo in enumerate([*fuentes, _("Total")]):
        columnas.append(Columna(titulo, lambda f, i=i: formato.guaranies(f.montos[i]) if f.montos[i] else "—",
                                lambda f, i=i: (f.total, f.montos[i]), derecha=True))
    return columnas


class ModeloMontos(ModeloTabla):
    """ModeloTabla con la fila «Total» en negrita, como la última línea de un presupuesto impreso."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.FontRole and getattr(self.fila(index.row()), "total", False):
            fuente = QFont()
            fuente.setBold(True)
            return fuente
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            color = getattr(self.fila(index.row()), "color", None)  # the chart's colour: the table is its legend
            return QColor(color) if color else None
        return super().data(index, role)


class TablaMontos(QTableView):
    """Tabla de solo lectura con Ctrl+C: copia la tabla entera (encabezados incluidos) separada por tabuladores.

    Los montos van como números enteros («1500000»), para que la planilla donde se pegan los pueda sumar.
    """

    def __init__(self, nombre: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(nombre)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        cab = self.horizontalHeader()
        cab.setHighlightSections(False)
        cab.setStretchLastSection(False)
        self.accion_copiar = QAction(_("Copiar la tabla"), self)
        self.accion_copiar.setShortcut(QKeySequence.StandardKey.Copy)
        self.accion_copiar.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.accion_copiar.triggered.connect(lambda _c=False: self.copiar())
        self.addAction(self.accion_copiar)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def cargar(self, modelo: ModeloTabla, estirar: bool = True) -> None:
        """`estirar`: la primera columna (el concepto) se queda con el ancho que sobra."""
        if self.model() is not modelo:
            self.setModel(modelo)
        cab = self.horizontalHeader()
        cab.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if estirar:
            cab.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def como_tsv(self) -> str:
        modelo = self.model()
        if modelo is None:
            return ""
        columnas = range(modelo.columnCount())
        lineas = ["\t".join(str(modelo.headerData(c, Qt.Orientation.Horizontal)).replace("\n", " ")
                            for c in columnas)]
        for r in range(modelo.rowCount()):
            celdas = []
            for c in columnas:
                texto = modelo.index(r, c).data() or ""
                if texto.startswith("₲"):  # a number the spreadsheet can add up
                    texto = texto.replace("₲", "").replace(".", "").replace(" ", "")
                elif texto == "—":
                    texto = "0"
                celdas.append(texto.replace("\t", " ").replace("\n", " "))
            lineas.append("\t".join(celdas))
        return "\n".join(lineas) + "\n"

    def copiar(self) -> None:
        QGuiApplication.clipboard().setText(self.como_tsv())


class PanelPresupuesto(RecargaAlMostrar, QWidget):
    """`fijar_plan(pid)`; `datos` es el Presupuesto mostrado. `pedir_pestana("cronograma")` lleva a cargar recursos."""

    pedir_pestana = Signal(str)

    CAMBIOS_QUE_AFECTAN = CAMBIOS_QUE_AFECTAN

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.hoy: Callable[[], date] = hoy or date.today
        self.plan_id: int | None = None
        self.datos: Presupuesto | None = None
        self.sin_recursos: list[FilaActividad] = []
        self.n_actividades = 0
        self._construir()
        ctx.cambiado.connect(self._al_cambiar)
        self._actualizar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _construir(self) -> None:
        self.pila = QStackedWidget(self)
        self.vacio = EstadoVacio(
            _("Este plan todavía no tiene presupuesto"),
            _("El presupuesto se calcula solo, con los recursos de cada actividad (cantidad × costo unitario y "
              "su fuente de fondos): no se escribe dos veces. Cargue las actividades y sus recursos en la pestaña "
              "Cronograma."),
            _("Ir al &Cronograma"), self)
        self.vacio.boton.clicked.connect(lambda: self.pedir_pestana.emit("cronograma"))
        self.pila.addWidget(self._construir_contenido())
        self.pila.addWidget(self.vacio)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 6, 0, 0)
        capa.addWidget(self.pila)

    def _construir_contenido(self) -> QWidget:
        contenido = QWidget(self)
        capa = QVBoxLayout(contenido)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(6)

        # -- the total, in big type --
        tarjeta = QFrame(contenido)
        marcar_tarjeta(tarjeta)
        capa_t = QHBoxLayout(tarjeta)
        capa_t.setContentsMargins(14, 8, 14, 8)
        capa_t.setSpacing(16)
        izquierda = QVBoxLayout()
        izquierda.setSpacing(0)
        self.rotulo_total = texto_secundario(_("Presupuesto total del plan"), tarjeta)
        self.total = QLabel(tarjeta)
        self.total.setFont(fuente_relativa(self.font(), 2.0, negrita=True))
        self.total.setStyleSheet(f"color: {AZUL_INSTITUCIONAL};")
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.total.setAccessibleName(_("Presupuesto total"))
        izquierda.addWidget(self.rotulo_total)
        izquierda.addWidget(self.total)
        capa_t.addLayout(izquierda)
        self.explicacion = texto_secundario("", tarjeta)
        self.explicacion.setWordWrap(True)
        capa_t.addWidget(self.explicacion, 1)
        capa.addWidget(tarjeta)

        # -- activities without resources --
        fila_aviso = QHBoxLayout()
        fila_aviso.setSpacing(6)
        self.aviso = aviso(contenido)
        self.aviso.setAccessibleName(_("Actividades sin recursos"))
        self.boton_cronograma = QPushButton(_("Cargar recursos en el Cronograma"), contenido)
        self.boton_cronograma.clicked.connect(lambda: self.pedir_pestana.emit("cronograma"))
        fila_aviso.addWidget(self.aviso, 1)
        fila_aviso.addWidget(self.boton_cronograma, 0, Qt.AlignmentFlag.AlignTop)
        self.caja_aviso = QWidget(contenido)
        self.caja_aviso.setLayout(fila_aviso)
        fila_aviso.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.caja_aviso)

        # -- chart beside the tables --
        self.divisor = QSplitter(Qt.Orientation.Horizontal, contenido)
        self.divisor.setChildrenCollapsible(False)
        self.grafico = GraficoBarras(contenido, texto_vacio=_("Ninguna actividad con recursos tiene fechas "
                                                              "planificadas todavía."))
        self.grafico.setMinimumWidth(300)
        self.pestanas = QTabWidget(contenido)
        self.pestanas.setDocumentMode(True)
        self.modelos: dict[str, ModeloTabla] = {}
        self.tablas: dict[str, TablaMontos] = {}
        for clave, titulo, pestana in (
                ("fuente", _("Fuente de fondos"), _("&Fuente")),
                ("tipo", _("Tipo de recurso"), _("&Tipo")),
                ("resultado", _("Resultado"), _("Resu&ltado")),
                ("responsable", _("Responsable"), _("Res&ponsable")),
                ("trimestre", "", _("Tri&mestre"))):
            tabla = TablaMontos(_("Presupuesto por {corte}").format(corte=pestana.replace("&", "").lower()),
                                self.pestanas)
            modelo = ModeloMontos(columnas_monto(titulo) if titulo else columnas_matriz([]), self)
            tabla.cargar(modelo)
            self.tablas[clave], self.modelos[clave] = tabla, modelo
            self.pestanas.addTab(tabla, pestana)
        self.pestanas.setMinimumWidth(420)
        self.divisor.addWidget(self.pestanas)
        self.divisor.addWidget(self.grafico)
        self.divisor.setStretchFactor(0, 6)
        self.divisor.setStretchFactor(1, 5)
        capa.addWidget(self.divisor, 1)

        pie = QHBoxLayout()
        self.nota = texto_secundario(_("Montos en guaraníes, derivados de los recursos de las actividades. Ctrl+C "
                                       "copia la tabla a la vista (se pega en una planilla)."), contenido)
        self.nota.setWordWrap(True)
        self.boton_copiar = QPushButton(_("C&opiar la tabla"), contenido)
        self.boton_copiar.clicked.connect(lambda: self.tabla_actual().copiar())
        pie.addWidget(self.nota, 1)
        pie.addWidget(self.boton_copiar)
        capa.addLayout(pie)
        return contenido

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        self.recargar()

    def recargar(self) -> None:
        self._vencido = False
        pid, hoy = self.plan_id, self.hoy()
        self.datos, self.sin_recursos, self.n_actividades = None, [], 0
        if pid is not None:
            try:
                self.datos, filas = self.ctx.leer(lambda s: (presupuesto(s, pid), listar_actividades(s, pid, hoy)))
            except ErrorDeUsuario:  # deleted meanwhile: the page shows its empty state
                filas = []
            detalle = [f for f in filas if not f.es_resumen]
            self.n_actividades = len(detalle)
            self.sin_recursos = [f for f in detalle if not f.hito and not f.costo]
        self._cargar_tablas()
        self._actualizar()

    def _cargar_tablas(self) -> None:
        p = self.datos
        if p is None:
            for modelo in self.modelos.values():
                modelo.cargar([])
            return
        colores = [color_serie(k, n) for n, (k, _e, _m) in enumerate(p.por_fuente)]
        self.modelos["fuente"].cargar(_filas([(e, m) for _k, e, m in p.por_fuente], p.total, colores))
        self.modelos["tipo"].cargar(_filas([(e, m) for _k, e, m in p.por_tipo], p.total))
        self.modelos["resultado"].cargar(_filas(p.por_resultado, p.total))
        self.modelos["responsable"].cargar(_filas(p.por_responsable, p.total))
        fuentes = [(k, e) for k, e, _m in p.por_fuente]
        matriz = ModeloMontos(columnas_matriz([e for _k, e in fuentes]), self)
        filas = [FilaTrimestre(t, (*(p.fuente_por_trimestre[k][i] for k, _e in fuentes), p.por_trimestre[i]))
                 for i, t in enumerate(p.trimestres)]
        if filas:
            filas.append(FilaTrimestre(_("Total"), (*(m for _k, _e, m in p.por_fuente), p.total), total=True))
        matriz.cargar(filas)
        viejo = self.modelos["trimestre"]
        self.modelos["trimestre"] = matriz
        self.tablas["trimestre"].cargar(matriz, estirar=False)
        viejo.deleteLater()
        self.grafico.cargar(p.trimestres, [Serie(k, e, p.fuente_por_trimestre[k]) for k, e in fuentes],
                            _("Por trimestre y fuente de fondos"))

    # -- presentación -----------------------------------------------------------------------------------------
    def _actualizar(self) -> None:
        p = self.datos
        self.pila.setCurrentIndex(0 if self.n_actividades else 1)
        self.vacio.boton.setVisible(self.plan_id is not None)
        if p is None:
            self.total.setText("")
            self.caja_aviso.hide()
            return
        self.total.setText(formato.guaranies(p.total))
        con_costo = self.n_actividades - len(self.sin_recursos)
        partes = [n_("Suma de los recursos de {n} actividad", "Suma de los recursos de {n} actividades",
                     con_costo).format(n=formato.entero(con_costo))]
        if p.trimestres:
            partes.append(n_("repartida en {n} trimestre", "repartida en {n} trimestres", len(p.trimestres))
                          .format(n=formato.entero(len(p.trimestres))))
        if p.por_fuente:
            mayor = max(p.por_fuente, key=lambda f: f[2])
            partes.append(_("la fuente principal es {fuente} ({parte})").format(
                fuente=mayor[1], parte=formato.porcentaje(mayor[2] / p.total if p.total else 0)))
        self.explicacion.setText(", ".join(partes) + ". " + _("Se modifica cargando los recursos de cada "
                                                             "actividad en el Cronograma."))
        n = p.sin_costo
        self.caja_aviso.setVisible(n > 0)
        if n:
            nombres = [f"{f.codigo} {f.nombre}" for f in self.sin_recursos[:LISTADOS_SIN_COSTO]]
            resto = len(self.sin_recursos) - len(nombres)
            lista = "; ".join(nombres) + ("; " + _("y {n} más").format(n=formato.entero(resto)) if resto > 0 else "")
            self.aviso.setText(n_("{n} actividad sin recursos: {lista}.", "{n} actividades sin recursos: {lista}.",
                                  n).format(n=formato.entero(n), lista=lista))
            self.aviso.setToolTip("\n".join(f"{f.codigo} {f.nombre}" for f in self.sin_recursos))
        self.boton_cronograma.setVisible(not self.ctx.solo_lectura)

    def tabla_actual(self) -> TablaMontos:
        return self.pestanas.currentWidget()

    def buscar(self) -> None:
        """Ctrl+F: no hay texto que buscar; lleva el foco a la tabla a la vista."""
        self.tabla_actual().setFocus(Qt.FocusReason.ShortcutFocusReason)
