"""Ficha de una actividad del Plan de Acción: datos, predecesoras, recursos, oportunidades que usa y seguimiento.

Guardar es una sola orden deshacible: crear (deshacer la elimina, rehacer la restaura con el mismo id) o modificar
(la estructura con `actualizar_actividad` y, si cambió, el seguimiento con `registrar_avance`; deshacer vuelve a
poner lo anterior de las dos). Con el plan sancionado o en ejecución solo se edita el seguimiento.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo.plan import FUENTES_FONDOS, LADOS, TIPOS_DEPENDENCIA, TIPOS_RECURSO
from nucleo.servicios.actividades import (
    DatosActividad,
    DatosRecurso,
    DatosVinculo,
    FilaActividad,
    actualizar_actividad,
    crear_actividad,
    eliminar_actividad,
    listar_actividades,
    obtener_actividad,
    registrar_avance,
    restaurar_actividad,
)
from nucleo.servicios.actores import listar_actores
from nucleo.servicios.plan import listar_resultados, obtener_resultado, resumen_plan
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor_simple import con_error
from ui.dialogos.formulario_pestanas import DialogoFormulario, etiqueta_ayuda
from ui.estilo import ERROR, TEXTO_SECUNDARIO
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.combo_busqueda import ComboBuscable

DATOS, PREDECESORAS, RECURSOS, OPORTUNIDADES, SEGUIMIENTO = range(5)
# The side an actor's category usually answers for (iii); other categories leave the choice to the user.
LADO_DE_CATEGORIA = {"municipalidad": "municipalidad", "comunidad": "comunidad", "gobierno_central": "servicio_publico",
                     "gobernacion": "servicio_publico"}
MAXIMO_DESFASE = 2500


# -- tablas editables del diálogo -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Col:
    titulo: str
    tipo: str  # "combo", "entero", "decimal", "texto", "calculado"
    opciones: Callable[[], Sequence[tuple[Any, str]]] | None = None
    minimo: float = 0
    maximo: float = 0
    derecha: bool = False


class ModeloEditable(QAbstractTableModel):
    """Filas como listas de valores; las columnas «combo» muestran la etiqueta de su valor."""

    def __init__(self, columnas: Sequence[Col], parent=None):
        super().__init__(parent)
        self.columnas = list(columnas)
        self.filas: list[list[Any]] = []
        self.editable = True

    def cargar(self, filas: Sequence[Sequence[Any]]) -> None:
        self.beginResetModel()
        self.filas = [list(f) for f in filas]
        self.endResetModel()

    def agregar(self, fila: Sequence[Any]) -> int:
        n = len(self.filas)
        self.beginInsertRows(QModelIndex(), n, n)
        self.filas.append(list(fila))
        self.endInsertRows()
        return n

    def quitar(self, n: int) -> None:
        if 0 <= n < len(self.filas):
            self.beginRemoveRows(QModelIndex(), n, n)
            del self.filas[n]
            self.endRemoveRows()

    def texto(self, fila: int, col: int) -> str:
        c, valor = self.columnas[col], self.valor(fila, col)
        if c.tipo == "combo":
            return next((t for v, t in c.opciones() if v == valor), "" if valor is None else _("(elija)"))
        if c.tipo == "entero":
            return formato.entero(valor)
        if c.tipo in ("decimal",):
            return formato.numero(valor)
        return "" if valor is None else str(valor)

    def valor(self, fila: int, col: int) -> Any:
        return self.filas[fila][col]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.filas)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columnas)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.texto(r, c)
        if role == Qt.ItemDataRole.EditRole:
            return self.valor(r, c)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if self.columnas[c].derecha else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.columnas[c].tipo == "calculado":
            return QBrush(QColor(TEXTO_SECUNDARIO))
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        r, c = index.row(), index.column()
        if self.columnas[c].tipo == "calculado":
            return False
        self.filas[r][c] = value
        self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columnas):
            return self.columnas[section].titulo
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and self.columnas[index.column()].tipo != "calculado":
            base |= Qt.ItemFlag.ItemIsEditable
        return base


class ModeloRecursos(ModeloEditable):
    """Recursos: tipo, descripción, cantidad, unidad, costo unitario, fuente y el subtotal calculado."""

    SUBTOTAL = 6

    def valor(self, fila: int, col: int) -> Any:
        if col == self.SUBTOTAL:
            return self.subtotal(fila)
        return self.filas[fila][col]

    def subtotal(self, fila: int) -> int:
        f = self.filas[fila]
        return round((f[2] or 0) * (f[4] or 0))

    def texto(self, fila: int, col: int) -> str:
        if col in (4, self.SUBTOTAL):
            return formato.guaranies(self.valor(fila, col))
        return super().texto(fila, col)

    def total(self) -> int:
        return sum(self.subtotal(n) for n in range(len(self.filas)))


class DelegadoEditable(QStyledItemDelegate):
    """El editor de cada celda según su columna: lista, número entero o decimal, o texto."""

    def __init__(self, modelo: ModeloEditable, parent=None):
        super().__init__(parent)
        self.modelo = modelo

    def createEditor(self, parent: QWidget, option, index):  # noqa: N802 - Qt override
        c = self.modelo.columnas[index.column()]
        if c.tipo == "combo":
            editor = QComboBox(parent)
            for valor, texto in c.opciones():
                editor.addItem(texto, valor)
            return editor
        if c.tipo == "entero":
            editor = QSpinBox(parent)
            editor.setRange(int(c.minimo), int(c.maximo))
            editor.setGroupSeparatorShown(True)
            return editor
        if c.tipo == "decimal":
            editor = QDoubleSpinBox(parent)
            editor.setDecimals(2)
            editor.setRange(c.minimo, c.maximo)
            editor.setGroupSeparatorShown(True)
            return editor
        return QLineEdit(parent)

    def setEditorData(self, editor: QWidget, index) -> None:  # noqa: N802 - Qt override
        valor = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(valor)))
        elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
            editor.setValue(valor or 0)
        else:
            editor.setText("" if valor is None else str(valor))

    def setModelData(self, editor: QWidget, modelo, index) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QComboBox):
            modelo.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            modelo.setData(index, editor.value())
        elif isinstance(editor, QDoubleSpinBox):
            modelo.setData(index, float(editor.value()))
        else:
            modelo.setData(index, editor.text().strip())


def _tabla(modelo: ModeloEditable, nombre: str) -> QTableView:
    tabla = QTableView()
    tabla.setModel(modelo)
    tabla.setItemDelegate(DelegadoEditable(modelo, tabla))
    tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tabla.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tabla.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
    tabla.setAlternatingRowColors(True)
    tabla.verticalHeader().setDefaultSectionSize(tabla.fontMetrics().height() + 14)
    tabla.setAccessibleName(nombre)
    return tabla


def _texto(alto: int, ayuda: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(alto)
    editor.setMaximumHeight(int(alto * 1.6))
    editor.setPlaceholderText(ayuda)
    return editor


def _opciones(diccionario: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, traducir(v)) for k, v in diccionario.items()]


# -- el diálogo -----------------------------------------------------------------------------------------------------
class DialogoActividad(DialogoFormulario):
    """`DialogoActividad(ctx, plan_id)` crea (con `padre_id` debajo de otra, o `despues_de` a continuación de
    otra); `DialogoActividad(ctx, plan_id, actividad_id)` edita. Tras aceptar, `actividad_id` es su id."""

    def __init__(self, ctx: Contexto, plan_id: int, actividad_id: int | None = None, parent: QWidget | None = None,
                 *, padre_id: int | None = None, despues_de: int | None = None, hoy: date | None = None):
        self.hoy = hoy or date.today()
        r = ctx.leer(lambda s: resumen_plan(s, plan_id, self.hoy))
        self.editable = r.editable
        self.seguible = r.estado != "cerrado"
        super().__init__(ctx, parent, solo_lectura=not (r.editable or (actividad_id is not None and self.seguible)))
        self.plan_id = plan_id
        self.territorio_id = r.territorio_id
        self.inicio_plan = r.inicio
        self.actividad_id = actividad_id
        self.despues_de = despues_de
        self._cargados: DatosActividad | None = None
        self._marcadas: set[int] = set()
        self._seguimiento_cargado: tuple[int, date | None, date | None] | None = None
        self.setMinimumSize(780, 600)
        self.resize(880, 680)

        filas: list[FilaActividad] = ctx.leer(lambda s: listar_actividades(s, plan_id, self.hoy))
        self._filas = {f.id: f for f in filas}
        propia = self._filas.get(actividad_id) if actividad_id is not None else None
        self.es_resumen = bool(propia and propia.es_resumen)
        if despues_de is not None and despues_de in self._filas:
            padre_id = self._filas[despues_de].padre_id
        self.padre_id = propia.padre_id if propia is not None else padre_id
        self._excluidas = self._subarbol(actividad_id) if actividad_id is not None else set()
        self._cargar_opciones()

        self.agregar_pestana(self._pestana_datos(), _("&Datos"))
        self.agregar_pestana(self._pestana_predecesoras(), _("&Predecesoras"))
        self.agregar_pestana(self._pestana_recursos(), _("&Recursos"))
        self.agregar_pestana(self._pestana_oportunidades(), _("&Oportunidades que usa"))
        self.agregar_pestana(self._pestana_seguimiento(), _("Se&guimiento"))
        self.armar()

        if actividad_id is not None:
            datos = ctx.leer(lambda s: obtener_actividad(s, actividad_id))
            self._cargados = datos
            self.fijar(datos)
            self._seguimiento_cargado = (propia.avance, propia.inicio_real, propia.fin_real) if propia else None
            self._fijar_seguimiento(propia)
        else:
            self.fijar(DatosActividad(padre_id=self.padre_id, resultado_id=self._resultado_del_padre()))
            self._fijar_seguimiento(None)
        self._aplicar_permisos()
        titulo = _("Nueva actividad") if actividad_id is None else _("Actividad {codigo}").format(
            codigo=propia.codigo if propia else "")
        self._fijar_titulo(titulo)
        self.nombre.setFocus()

    # -- opciones ---------------------------------------------------------------------------------------------
    def _subarbol(self, aid: int) -> set[int]:
        hijos: dict[int | None, list[int]] = {}
        for f in self._filas.values():
            hijos.setdefault(f.padre_id, []).append(f.id)
        salida, pila = set(), [aid]
        while pila:
            i = pila.pop()
            salida.add(i)
            pila.extend(hijos.get(i, ()))
        return salida

    def _resultado_del_padre(self) -> int | None:
        padre = self._filas.get(self.padre_id) if self.padre_id is not None else None
        return padre.resultado_id if padre is not None else None

    def _cargar_opciones(self) -> None:
        mid, pid, tid, hoy = self.ctx.municipio_id, self.plan_id, self.territorio_id, self.hoy

        def leer(s):
            from nucleo.servicios.cruce import cruce
            from nucleo.servicios.oportunidades import listar_oportunidades

            resultados = listar_resultados(s, pid)
            necesidades = {r.id: obtener_resultado(s, r.id).necesidades for r in resultados}
            return (resultados, necesidades, listar_actores(s, mid), listar_oportunidades(s, mid, hoy),
                    cruce(s, mid, tid, hoy))

        self.resultados, self.necesidades_de, actores, self.oportunidades, self.cruce = self.ctx.leer(leer)
        self.actores = {a.id: a for a in actores}
        # Detail activities of the plan that may precede this one (not itself, not its own sub-activities).
        self.opciones_predecesoras: list[tuple[int, str]] = [
            (f.id, f"{f.codigo} {f.nombre}") for f in self._filas.values()
            if not f.es_resumen and f.id not in self._excluidas]

    # -- pestañas ---------------------------------------------------------------------------------------------
    def _pestana_datos(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        f = self._formulario()
        padre = self._filas.get(self.padre_id) if self.padre_id is not None else None
        self.padre = QLabel(f"{padre.codigo} {padre.nombre}" if padre else _("— Nivel superior del plan —"))
        self.padre.setWordWrap(True)
        self.padre.setToolTip(_("Para cambiarla, use «Sangrar» y «Desangrar» en el cronograma."))
        f.addRow(_("Actividad padre:"), self.padre)
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Por ejemplo: Taller de validación del plan con la comisión vecinal"))
        self._campo(f, DATOS, "nombre", _("&Nombre:"), self.nombre)
        self.resultado = QComboBox()
        self.resultado.addItem(_("— Sin resultado —"), None)
        for r in self.resultados:
            self.resultado.addItem(f"{r.codigo} · {formato.abreviar(r.descripcion, 70)}", r.id)
            self.resultado.setItemData(self.resultado.count() - 1, r.descripcion, Qt.ItemDataRole.ToolTipRole)
        self.resultado.currentIndexChanged.connect(lambda _i: self._ordenar_oportunidades())
        self._campo(f, DATOS, "resultado_id", _("Res&ultado:"), self.resultado,
                    ayuda=_("Vacío: toma el de la actividad padre."))

        self.responsable = ComboBuscable()
        self.responsable.addItem(_("— Sin responsable —"), None)
        for a in sorted(self.actores.values(), key=lambda a: a.nombre.casefold()):
            self.responsable.addItem(a.nombre, a.id)
        self.responsable.setMinimumContentsLength(28)
        self.responsable.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.responsable.currentIndexChanged.connect(self._responsable_elegido)
        self.lado = QComboBox()
        for clave, texto in _opciones(LADOS):
            self.lado.addItem(texto, clave)
        fila = QWidget()
        capa_fila = QHBoxLayout(fila)
        capa_fila.setContentsMargins(0, 0, 0, 0)
        caja_resp, error_resp = con_error(self.responsable)
        caja_lado, error_lado = con_error(self.lado)
        etiqueta_lado = QLabel(_("&por:"))
        etiqueta_lado.setBuddy(self.lado)
        etiqueta_lado.setContentsMargins(6, 4, 0, 0)
        capa_fila.addWidget(caja_resp, 3)
        capa_fila.addWidget(etiqueta_lado, 0, Qt.AlignmentFlag.AlignTop)
        capa_fila.addWidget(caja_lado, 1)
        f.addRow(_("Res&ponsable:"), fila)
        f.labelForField(fila).setBuddy(self.responsable)
        self.registrar_campo("responsable_id", self.responsable, error_resp, DATOS)
        self.registrar_campo("lado", self.lado, error_lado, DATOS)

        self.duracion = QSpinBox()
        self.duracion.setRange(1, 2500)
        self.duracion.setSuffix(" " + _("días hábiles"))
        self.duracion.setMinimumWidth(150)
        self.hito = QCheckBox(_("&Hito (un momento: una entrega, una firma; dura 0 días)"))
        self.hito.toggled.connect(self._hito_cambiado)
        fila_d = QWidget()
        capa_d = QHBoxLayout(fila_d)
        capa_d.setContentsMargins(0, 0, 0, 0)
        caja_dur, error_dur = con_error(self.duracion)
        caja_hito, error_hito = con_error(self.hito)
        capa_d.addWidget(caja_dur)
        capa_d.addSpacing(10)
        capa_d.addWidget(caja_hito, 1)
        f.addRow(_("D&uración:"), fila_d)
        f.labelForField(fila_d).setBuddy(self.duracion)
        self.registrar_campo("duracion", self.duracion, error_dur, DATOS)
        self.registrar_campo("hito", self.hito, error_hito, DATOS)
        if self.es_resumen:
            f.addRow("", etiqueta_ayuda(_("Tiene subactividades: sus fechas, su duración, su avance y su costo salen "
                                          "de ellas.")))

        self.inicio_fijo = CampoFecha()
        self.inicio_fijo.setMaximumWidth(170)
        self._campo(f, DATOS, "inicio_fijo", _("Inicio &fijo:"), self.inicio_fijo,
                    ayuda=_("Opcional. Vacío: empieza apenas lo permiten sus predecesoras (o al inicio del plan, el "
                            "{fecha}).").format(fecha=formato.fecha(self.inicio_plan)))
        self.condiciones = _texto(60, _("Qué debe cumplirse para darla por satisfecha, por ejemplo: «30 familias "
                                        "inscriptas y lista firmada»"))
        self._campo(f, DATOS, "condiciones", _("&Condiciones de satisfacción:"), self.condiciones)
        self.medio_verificacion = _texto(44, _("Lista de asistencia, acta, fotografías, informe…"))
        self._campo(f, DATOS, "medio_verificacion", _("&Medio de verificación:"), self.medio_verificacion)
        self.notas = _texto(44, _("Notas internas"))
        self._campo(f, DATOS, "notas", _("No&tas:"), self.notas)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _pestana_predecesoras(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_(
            "Las actividades que condicionan a esta. FC: empieza cuando la otra termina; CC: empieza cuando la otra "
            "empieza; FF: termina cuando la otra termina; CF: termina cuando la otra empieza. El desfase, en días "
            "hábiles, puede ser negativo (un adelanto).")))
        self.modelo_predecesoras = ModeloEditable((
            Col(_("Actividad"), "combo", lambda: self.opciones_predecesoras),
            Col(_("Tipo"), "combo", lambda: _opciones(TIPOS_DEPENDENCIA)),
            Col(_("Desfase (días hábiles)"), "entero", minimo=-MAXIMO_DESFASE, maximo=MAXIMO_DESFASE, derecha=True),
        ), self)
        self.tabla_predecesoras = _tabla(self.modelo_predecesoras, _("Predecesoras"))
        cab = self.tabla_predecesoras.horizontalHeader()
        cab.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        cab.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        caja, self.error_predecesoras = con_error(self.tabla_predecesoras)
        self.error_predecesoras.setStyleSheet(f"color: {ERROR};")
        self.error_predecesoras.setWordWrap(True)
        self.registrar_campo("predecesoras", self.tabla_predecesoras, self.error_predecesoras, PREDECESORAS)
        capa.addWidget(caja, 1)
        botones = QHBoxLayout()
        self.boton_agregar_predecesora = QPushButton(_("&Agregar predecesora"))
        self.boton_quitar_predecesora = QPushButton(_("&Quitar"))
        self.boton_agregar_predecesora.clicked.connect(self.agregar_predecesora)
        self.boton_quitar_predecesora.clicked.connect(
            lambda: self.modelo_predecesoras.quitar(self.tabla_predecesoras.currentIndex().row()))
        botones.addWidget(self.boton_agregar_predecesora)
        botones.addWidget(self.boton_quitar_predecesora)
        botones.addStretch(1)
        capa.addLayout(botones)
        if self.es_resumen:
            capa.addWidget(etiqueta_ayuda(_("Una actividad con subactividades no lleva predecesoras: vincule sus "
                                            "subactividades.")))
        return pagina

    def _pestana_recursos(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_("Los recursos humanos, financieros y materiales que necesita, con su fuente "
                                        "(v). El presupuesto del plan se arma con ellos.")))
        self.modelo_recursos = ModeloRecursos((
            Col(_("Tipo"), "combo", lambda: _opciones(TIPOS_RECURSO)),
            Col(_("Descripción"), "texto"),
            Col(_("Cantidad"), "decimal", minimo=0, maximo=1e9, derecha=True),
            Col(_("Unidad"), "texto"),
            Col(_("Costo unitario"), "entero", minimo=0, maximo=2_000_000_000, derecha=True),
            Col(_("Fuente"), "combo", lambda: _opciones(FUENTES_FONDOS)),
            Col(_("Subtotal"), "calculado", derecha=True),
        ), self)
        self.tabla_recursos = _tabla(self.modelo_recursos, _("Recursos"))
        cab = self.tabla_recursos.horizontalHeader()
        for col in range(self.modelo_recursos.columnCount()):
            cab.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        cab.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        caja, self.error_recursos = con_error(self.tabla_recursos)
        self.error_recursos.setStyleSheet(f"color: {ERROR};")
        self.error_recursos.setWordWrap(True)
        self.registrar_campo("recursos", self.tabla_recursos, self.error_recursos, RECURSOS)
        capa.addWidget(caja, 1)
        botones = QHBoxLayout()
        self.boton_agregar_recurso = QPushButton(_("Agregar &recurso"))
        self.boton_quitar_recurso = QPushButton(_("&Quitar"))
        self.boton_agregar_recurso.clicked.connect(self.agregar_recurso)
        self.boton_quitar_recurso.clicked.connect(
            lambda: self.modelo_recursos.quitar(self.tabla_recursos.currentIndex().row()))
        self.total = QLabel()
        fuente = self.total.font()
        fuente.setBold(True)
        self.total.setFont(fuente)
        botones.addWidget(self.boton_agregar_recurso)
        botones.addWidget(self.boton_quitar_recurso)
        botones.addStretch(1)
        botones.addWidget(self.total)
        capa.addLayout(botones)
        for senal in (self.modelo_recursos.dataChanged, self.modelo_recursos.rowsInserted,
                      self.modelo_recursos.rowsRemoved, self.modelo_recursos.modelReset):
            senal.connect(lambda *_a: self._mostrar_total())
        return pagina

    def _pestana_oportunidades(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_("Los programas y servicios del Mapa de Oportunidades que la actividad usa. "
                                        "Primero, los confirmados en el cruce oferta–demanda para las necesidades "
                                        "de su resultado.")))
        self.lista_oportunidades = QListWidget()
        self.lista_oportunidades.setAccessibleName(_("Oportunidades que usa"))
        caja, error = con_error(self.lista_oportunidades)
        self.registrar_campo("oportunidades", self.lista_oportunidades, error, OPORTUNIDADES)
        capa.addWidget(caja, 1)
        return pagina

    def _pestana_seguimiento(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        self.nota_seguimiento = etiqueta_ayuda("")
        capa.addWidget(self.nota_seguimiento)
        f = self._formulario()
        self.avance = QSpinBox()
        self.avance.setRange(0, 100)
        self.avance.setSuffix(" %")
        self.avance.setMaximumWidth(110)
        self.inicio_real = CampoFecha()
        self.fin_real = CampoFecha()
        for campo in (self.inicio_real, self.fin_real):
            campo.setMaximumWidth(170)
        self._campo(f, SEGUIMIENTO, "avance", _("A&vance:"), self.avance)
        self._campo(f, SEGUIMIENTO, "inicio_real", _("&Inicio real:"), self.inicio_real)
        self._campo(f, SEGUIMIENTO, "fin_real", _("Fin r&eal:"), self.fin_real,
                    ayuda=_("Con el fin real, la actividad está cumplida (100 %)."))
        self.planificado = QLabel()
        f.addRow(_("Planificado:"), self.planificado)
        capa.addLayout(f)
        capa.addStretch(1)
        return pagina

    # -- carga ------------------------------------------------------------------------------------------------
    def fijar(self, d: DatosActividad) -> None:
        self.nombre.setText(d.nombre)
        self.resultado.setCurrentIndex(max(0, self.resultado.findData(d.resultado_id)))
        i = self.responsable.findData(d.responsable_id) if d.responsable_id is not None else 0
        self._cargando_responsable = True
        self.responsable.setCurrentIndex(max(0, i))
        self._cargando_responsable = False
        self.lado.setCurrentIndex(max(0, self.lado.findData(d.lado)))
        self.hito.setChecked(d.hito)
        self.duracion.setValue(max(d.duracion, 1))
        self._hito_cambiado(d.hito)
        self.inicio_fijo.fijar(d.inicio_fijo)
        self.condiciones.setPlainText(d.condiciones)
        self.medio_verificacion.setPlainText(d.medio_verificacion)
        self.notas.setPlainText(d.notas)
        self.modelo_predecesoras.cargar([[p.predecesora_id, p.tipo, p.desfase] for p in d.predecesoras])
        self.modelo_recursos.cargar([[r.tipo, r.descripcion, r.cantidad, r.unidad, r.costo_unitario, r.fuente]
                                     for r in d.recursos])
        self._marcadas = set(d.oportunidades)
        self._ordenar_oportunidades()

    def _fijar_seguimiento(self, f: FilaActividad | None) -> None:
        if f is None:
            self.nota_seguimiento.setText(_("El avance y las fechas reales se registran una vez creada la actividad."))
            self.planificado.setText("—")
            return
        self.avance.setValue(f.avance)
        self.inicio_real.fijar(f.inicio_real)
        self.fin_real.fijar(f.fin_real)
        if f.inicio is not None:
            self.planificado.setText(_("del {inicio} al {fin}").format(inicio=formato.fecha(f.inicio),
                                                                     fin=formato.fecha(f.fin)))
        if self.es_resumen:
            self.nota_seguimiento.setText(_("El avance de una actividad con subactividades es el promedio de las "
                                            "suyas, ponderado por su duración."))
        elif not self.seguible:
            self.nota_seguimiento.setText(_("El plan está cerrado: ya no se registra el avance."))
        else:
            self.nota_seguimiento.setText(_("El seguimiento se registra en todo estado del plan menos cerrado."))

    def _aplicar_permisos(self) -> None:
        estructura = self.editable and not self.ctx.solo_lectura
        for editor in (self.nombre,):
            editor.setReadOnly(not estructura)
        for editor in (self.condiciones, self.medio_verificacion, self.notas):
            editor.setReadOnly(not estructura)
        self.inicio_fijo.setReadOnly(not estructura)
        for w in (self.resultado, self.responsable, self.lado, self.hito, self.boton_agregar_recurso,
                  self.boton_quitar_recurso):
            w.setEnabled(estructura)
        self.duracion.setEnabled(estructura and not self.es_resumen and not self.hito.isChecked())
        self.hito.setEnabled(estructura and not self.es_resumen)
        vinculable = estructura and not self.es_resumen
        self.boton_agregar_predecesora.setEnabled(vinculable and bool(self.opciones_predecesoras))
        self.boton_quitar_predecesora.setEnabled(vinculable)
        self.modelo_predecesoras.editable = vinculable
        self.modelo_recursos.editable = estructura and not self.es_resumen
        self.boton_agregar_recurso.setEnabled(estructura and not self.es_resumen)
        for i in range(self.lista_oportunidades.count()):
            item = self.lista_oportunidades.item(i)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable if estructura \
                else item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
        self._estructura_editable = estructura
        seguimiento = (self.actividad_id is not None and self.seguible and not self.es_resumen
                       and not self.ctx.solo_lectura)
        self.avance.setEnabled(seguimiento)
        self.inicio_real.setReadOnly(not seguimiento)
        self.fin_real.setReadOnly(not seguimiento)
        if not estructura and not self.ctx.solo_lectura and self.actividad_id is not None:
            self.pestanas.setCurrentIndex(SEGUIMIENTO if seguimiento else DATOS)

    # -- reacciones -------------------------------------------------------------------------------------------
    def _hito_cambiado(self, hito: bool) -> None:
        self.duracion.setEnabled(not hito and not self.es_resumen and getattr(self, "_estructura_editable", True))
        self.duracion.setSpecialValueText("")

    def _responsable_elegido(self) -> None:
        if getattr(self, "_cargando_responsable", False):
            return
        actor = self.actores.get(self.responsable.currentData())
        lado = LADO_DE_CATEGORIA.get(actor.categoria) if actor is not None else None
        if lado is not None:
            self.lado.setCurrentIndex(self.lado.findData(lado))

    def _ordenar_oportunidades(self) -> None:
        """Primero las confirmadas en el cruce para las necesidades del resultado; luego las confirmadas para otras
        necesidades del territorio; después el resto del Mapa, por nombre. Conserva lo marcado."""
        if not hasattr(self, "lista_oportunidades"):
            return  # the result combo is filled before the opportunities tab exists
        if self.lista_oportunidades.count():
            self._marcadas = set(self.oportunidades_marcadas())
        necesidades = set(self.necesidades_de.get(self.resultado.currentData() or self._resultado_del_padre(), ()))
        del_resultado: dict[int, list[str]] = {}
        del_territorio: set[int] = set()
        for fila in self.cruce.filas:
            for oid in fila.confirmadas:
                del_territorio.add(oid)
                if fila.necesidad.id in necesidades:
                    del_resultado.setdefault(oid, []).append(fila.necesidad.descripcion)

        def clave(o) -> tuple:
            grupo = 0 if o.id in del_resultado else 1 if o.id in del_territorio else 2
            return (grupo, o.nombre.casefold())

        self.lista_oportunidades.clear()
        for o in sorted(self.oportunidades, key=clave):
            if o.id in del_resultado:
                texto = _("{nombre} — confirmada en el cruce para: {necesidades}").format(
                    nombre=o.nombre, necesidades="; ".join(formato.abreviar(n, 50) for n in del_resultado[o.id]))
            elif o.id in del_territorio:
                texto = _("{nombre} — confirmada en el cruce para otra necesidad").format(nombre=o.nombre)
            else:
                texto = o.nombre
            if o.proveedor:
                texto += f" ({o.proveedor})"
            item = QListWidgetItem(texto)
            item.setData(Qt.ItemDataRole.UserRole, o.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if o.id in self._marcadas else Qt.CheckState.Unchecked)
            if o.id not in del_territorio:
                item.setForeground(QBrush(QColor(TEXTO_SECUNDARIO)))
            self.lista_oportunidades.addItem(item)
        if hasattr(self, "_estructura_editable"):
            self._aplicar_permisos_oportunidades()

    def _aplicar_permisos_oportunidades(self) -> None:
        if not self._estructura_editable:
            for i in range(self.lista_oportunidades.count()):
                item = self.lista_oportunidades.item(i)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)

    def oportunidades_marcadas(self) -> tuple[int, ...]:
        return tuple(self.lista_oportunidades.item(i).data(Qt.ItemDataRole.UserRole)
                     for i in range(self.lista_oportunidades.count())
                     if self.lista_oportunidades.item(i).checkState() == Qt.CheckState.Checked)

    def agregar_predecesora(self) -> None:
        if not self.opciones_predecesoras or not self.modelo_predecesoras.editable:
            return
        usadas = {f[0] for f in self.modelo_predecesoras.filas}
        libre = next((i for i, _t in reversed(self.opciones_predecesoras) if i not in usadas),
                     self.opciones_predecesoras[-1][0])
        n = self.modelo_predecesoras.agregar([libre, "FC", 0])
        self.pestanas.setCurrentIndex(PREDECESORAS)
        indice = self.modelo_predecesoras.index(n, 0)
        self.tabla_predecesoras.setCurrentIndex(indice)
        self.tabla_predecesoras.setFocus()

    def agregar_recurso(self, tipo: str = "financiero", descripcion: str = "", cantidad: float = 1,
                        unidad: str = "", costo: int = 0, fuente: str = "municipal") -> int:
        if not self.modelo_recursos.editable:
            return -1
        n = self.modelo_recursos.agregar([tipo, descripcion, cantidad, unidad, costo, fuente])
        self.pestanas.setCurrentIndex(RECURSOS)
        indice = self.modelo_recursos.index(n, 1)
        self.tabla_recursos.setCurrentIndex(indice)
        self.tabla_recursos.setFocus()
        return n

    def _mostrar_total(self) -> None:
        self.total.setText(_("Total: {total}").format(total=formato.guaranies(self.modelo_recursos.total())))

    # -- guardar ----------------------------------------------------------------------------------------------
    def datos(self) -> DatosActividad:
        try:
            inicio_fijo = self.inicio_fijo.fecha()
        except ValueError as exc:
            raise ErroresDeValidacion({"inicio_fijo": str(exc)}) from exc
        return DatosActividad(
            nombre=self.nombre.text().strip(), padre_id=self.padre_id, resultado_id=self.resultado.currentData(),
            responsable_id=self.responsable.currentData(), lado=self.lado.currentData(),
            duracion=0 if self.hito.isChecked() else self.duracion.value(), hito=self.hito.isChecked(),
            inicio_fijo=inicio_fijo, condiciones=self.condiciones.toPlainText().strip(),
            medio_verificacion=self.medio_verificacion.toPlainText().strip(), notas=self.notas.toPlainText().strip(),
            oportunidades=self.oportunidades_marcadas(),
            predecesoras=tuple(DatosVinculo(p, t, int(k or 0)) for p, t, k in self.modelo_predecesoras.filas),
            recursos=tuple(DatosRecurso(descripcion=d or "", tipo=t, cantidad=float(c or 0), unidad=u or "",
                                        costo_unitario=int(k or 0), fuente=f)
                           for t, d, c, u, k, f in self.modelo_recursos.filas))

    def seguimiento(self) -> tuple[int, date | None, date | None]:
        errores = {}
        fechas = {}
        for campo, widget in (("inicio_real", self.inicio_real), ("fin_real", self.fin_real)):
            try:
                fechas[campo] = widget.fecha()
            except ValueError as exc:
                errores[campo] = str(exc)
        if errores:
            raise ErroresDeValidacion(errores)
        return self.avance.value(), fechas["inicio_real"], fechas["fin_real"]

    def _datos_para_guardar(self):
        return self.datos(), self.seguimiento()

    def _comando(self, par) -> ComandoServicio:
        datos, seguimiento = par
        pid = self.plan_id
        if self.actividad_id is None:
            despues = self.despues_de
            return ComandoServicio(
                self.ctx, _("Crear la actividad «{nombre}»").format(nombre=datos.nombre), "actividad",
                hacer=lambda s: crear_actividad(s, pid, datos, despues_de=despues),
                deshacer=lambda s, aid: eliminar_actividad(s, aid),
                rehacer=lambda s, copia: restaurar_actividad(s, copia),
            )
        aid = self.actividad_id
        estructura = self._estructura_editable and datos != self._cargados
        sigue = seguimiento != self._seguimiento_cargado and not self.es_resumen

        def hacer(s):
            anterior = actualizar_actividad(s, aid, datos) if estructura else None
            anterior_seg = registrar_avance(s, aid, *seguimiento) if sigue else None
            return anterior, anterior_seg

        def deshacer(s, previo):
            anterior, anterior_seg = previo
            if anterior_seg is not None:
                registrar_avance(s, aid, *anterior_seg)
            if anterior is not None:
                actualizar_actividad(s, aid, anterior)
            return previo

        return ComandoServicio(self.ctx, _("Modificar la actividad «{nombre}»").format(nombre=datos.nombre),
                               "actividad", hacer=hacer, deshacer=deshacer, rehacer=lambda s, _r: hacer(s))

    def guardar(self) -> bool:
        if self.actividad_id is not None and not self.solo_lectura:
            try:
                datos, seguimiento = self._datos_para_guardar()
            except ErrorDeUsuario as exc:
                self.mostrar_errores(exc)
                return False
            if (not self._estructura_editable or datos == self._cargados) and seguimiento == self._seguimiento_cargado:
                self.accept()  # nothing changed: no empty command on the undo stack
                return True
        return super().guardar()

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.actividad_id = resultado

    def _mensaje_guardado(self, par) -> str:
        return _("Actividad «{nombre}» guardada. Ctrl+Z lo deshace.").format(nombre=par[0].nombre)

    # -- errores ----------------------------------------------------------------------------------------------
    def mostrar_errores(self, exc: ErrorDeUsuario) -> None:
        """Los errores de una fila («predecesoras.2.tipo», «recursos.1.cantidad») se juntan bajo su tabla, con la
        fila elegida; un ciclo de dependencias se muestra en «Predecesoras»."""
        if _es_ciclo(exc):
            exc = ErroresDeValidacion({"predecesoras": exc.mensaje})
        if isinstance(exc, ErroresDeValidacion):
            errores: dict[str, str] = {}
            filas: dict[str, int] = {}
            for campo, mensaje in exc.errores.items():
                partes = campo.split(".")
                if len(partes) == 3 and partes[0] in ("predecesoras", "recursos"):
                    tabla = partes[0]
                    errores[tabla] = "\n".join(filter(None, [errores.get(tabla, ""), mensaje]))
                    filas.setdefault(tabla, int(partes[1]) - 1)
                else:
                    errores[campo] = "\n".join(filter(None, [errores.get(campo, ""), mensaje]))
            exc = ErroresDeValidacion(errores)
            for tabla, fila in filas.items():
                vista = self.tabla_predecesoras if tabla == "predecesoras" else self.tabla_recursos
                vista.selectRow(fila)
        super().mostrar_errores(exc)


def _es_ciclo(exc: ErrorDeUsuario) -> bool:
    try:
        from nucleo.cronograma import CicloError
    except ImportError:
        return False
    return isinstance(exc, CicloError)
