"""Los dos diálogos del árbol de problemas: el texto de un nodo (con su necesidad vinculada) y «Cambiar de padre…»
(la reconexión sin ratón).

Los dos se abren con `open()` (no bloquean) y guardan por una función que recibe: si el servicio rechaza algo
(`ErrorDeUsuario`), el mensaje aparece en el diálogo, que sigue abierto para corregir.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo.diagnostico import TIPOS_NODO
from nucleo.servicios.arbol import MAXIMO_TEXTO, DatosNodo, NodoArbol, OpcionNecesidad
from ui.estilo import ERROR, TEXTO_SECUNDARIO
from ui.widgets.combo_busqueda import ComboBuscable
from ui.widgets.formulario import MarcadorErrores, etiqueta_error


class _TextoCorto(QPlainTextEdit):
    """Texto de pocas líneas: Intro guarda (como en un campo de una línea); Mayús+Intro hace un salto de línea."""

    def __init__(self, al_confirmar: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self._al_confirmar = al_confirmar
        self.setTabChangesFocus(True)

    def keyPressEvent(self, evento: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if evento.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                evento.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            evento.accept()
            self._al_confirmar()
            return
        super().keyPressEvent(evento)


def _etiqueta_necesidad(n: OpcionNecesidad) -> str:
    if n.prioridad is None:
        return _("(sin priorizar) {descripcion}").format(descripcion=n.descripcion)
    return _("{n}. {descripcion}").format(n=formato.entero(n.prioridad), descripcion=n.descripcion)


class DialogoNodo(QDialog):
    """Texto del nodo y necesidad vinculada. `guardar(datos)` hace el cambio (o lanza ErrorDeUsuario)."""

    def __init__(self, titulo: str, tipo: str, datos: DatosNodo, necesidades: Sequence[OpcionNecesidad],
                 guardar: Callable[[DatosNodo], object], parent: QWidget | None = None, explicacion: str = ""):
        super().__init__(parent)
        self.setWindowTitle(titulo)
        self.tipo = tipo
        self._guardar = guardar
        self.marcador = MarcadorErrores()
        self.setMinimumWidth(580)

        capa = QVBoxLayout(self)
        if explicacion:
            ayuda = QLabel(explicacion)
            ayuda.setWordWrap(True)
            ayuda.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
            capa.addWidget(ayuda)
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self.texto = _TextoCorto(self.accept)
        self.texto.setPlainText(datos.texto)
        self.texto.setPlaceholderText(self._ejemplo())
        alto_linea = self.texto.fontMetrics().lineSpacing()
        self.texto.setFixedHeight(alto_linea * 4 + 14)
        self.texto.setAccessibleName(traducir(TIPOS_NODO.get(tipo, tipo)))
        self.cuenta = QLabel()
        self.cuenta.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.cuenta.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.texto.textChanged.connect(self._contar)
        error_texto = etiqueta_error(self)
        pista = QLabel(_("Intro guarda · Mayús+Intro, nueva línea"))
        pista.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        fila = QHBoxLayout()
        fila.addWidget(pista)
        fila.addStretch(1)
        fila.addWidget(self.cuenta)
        caja_texto = QVBoxLayout()
        caja_texto.setContentsMargins(0, 0, 0, 0)
        caja_texto.setSpacing(2)
        caja_texto.addWidget(self.texto)
        caja_texto.addLayout(fila)
        caja_texto.addWidget(error_texto)
        contenedor = QWidget()
        contenedor.setLayout(caja_texto)
        etiqueta = QLabel(_("&Texto:"))
        etiqueta.setBuddy(self.texto)
        formulario.addRow(etiqueta, contenedor)
        self.marcador.registrar("texto", self.texto, error_texto)

        self.necesidad = ComboBuscable()
        self.necesidad.addItem(_("— Ninguna —"), None)
        for n in necesidades:
            self.necesidad.addItem(_etiqueta_necesidad(n), n.id)
            self.necesidad.setItemData(self.necesidad.count() - 1, n.descripcion, Qt.ItemDataRole.ToolTipRole)
        indice = self.necesidad.findData(datos.necesidad_id) if datos.necesidad_id is not None else 0
        if indice < 0:
            indice = 0
        self.necesidad.setCurrentIndex(indice)
        self.necesidad.setMinimumContentsLength(30)
        self.necesidad.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        error_necesidad = etiqueta_error(self)
        caja_necesidad = QVBoxLayout()
        caja_necesidad.setContentsMargins(0, 0, 0, 0)
        caja_necesidad.setSpacing(2)
        caja_necesidad.addWidget(self.necesidad)
        caja_necesidad.addWidget(error_necesidad)
        if not necesidades:
            sin = QLabel(_("Este territorio todavía no tiene necesidades cargadas; podrá vincularlas después."))
            sin.setWordWrap(True)
            sin.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
            caja_necesidad.addWidget(sin)
        contenedor_n = QWidget()
        contenedor_n.setLayout(caja_necesidad)
        etiqueta_n = QLabel(_("&Necesidad vinculada:"))
        etiqueta_n.setBuddy(self.necesidad)
        formulario.addRow(etiqueta_n, contenedor_n)
        self.marcador.registrar("necesidad_id", self.necesidad, error_necesidad)
        capa.addLayout(formulario)

        self.error_general = QLabel()
        self.error_general.setWordWrap(True)
        self.error_general.setStyleSheet(f"color: {ERROR};")
        self.error_general.hide()
        capa.addWidget(self.error_general)

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        botones.button(QDialogButtonBox.StandardButton.Save).setText(_("&Guardar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        capa.addWidget(botones)
        self._contar()
        self.texto.setFocus()
        self.texto.selectAll()

    def _ejemplo(self) -> str:
        return {"problema": _("Por ejemplo: Bajos ingresos de las familias de la comunidad"),
                "causa": _("Por ejemplo: Falta de asistencia técnica a los productores"),
                "efecto": _("Por ejemplo: Migración de los jóvenes a la ciudad")}.get(self.tipo, "")

    def _contar(self) -> None:
        largo = len(self.texto.toPlainText().strip())
        self.cuenta.setText(_("{n} de {maximo} caracteres").format(n=formato.entero(largo),
                                                                   maximo=formato.entero(MAXIMO_TEXTO)))
        self.cuenta.setStyleSheet(f"color: {ERROR if largo > MAXIMO_TEXTO else TEXTO_SECUNDARIO};")

    def datos(self) -> DatosNodo:
        # One line per box reads better: line breaks typed by the user are kept, runs of spaces are not.
        lineas = [" ".join(linea.split()) for linea in self.texto.toPlainText().splitlines()]
        return DatosNodo("\n".join(linea for linea in lineas if linea), self.necesidad.currentData())

    def accept(self) -> None:
        self.error_general.hide()
        try:
            self._guardar(self.datos())
        except ErrorDeUsuario as exc:
            if not self.marcador.mostrar(exc):
                self.error_general.setText(exc.mensaje)
                self.error_general.show()
            self.adjustSize()  # room for the message under the field
            return
        super().accept()


def _etiqueta_nodo(n: NodoArbol) -> str:
    texto = " ".join(n.texto.split())
    if len(texto) > 90:
        texto = texto[:89].rstrip() + "…"
    return f"{traducir(TIPOS_NODO.get(n.tipo, n.tipo))}: {texto}"


class DialogoPadre(QDialog):
    """«Cambiar de padre…»: elegir de qué nodo pasa a colgar este (solo se ofrecen los que pueden ser su padre)."""

    def __init__(self, nodo: NodoArbol, posibles: Sequence[NodoArbol], guardar: Callable[[int], object],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Cambiar de padre"))
        self._guardar = guardar
        self.setMinimumWidth(520)
        capa = QVBoxLayout(self)
        que = QLabel(_("¿De qué nodo pasa a colgar «{texto}»? Lo que cuelga de él lo acompaña.").format(
            texto=_etiqueta_nodo(nodo).split(": ", 1)[1]))
        que.setWordWrap(True)
        capa.addWidget(que)
        self.padre = ComboBuscable()
        for p in posibles:
            self.padre.addItem(_etiqueta_nodo(p), p.id)
        actual = self.padre.findData(nodo.padre_id)
        self.padre.setCurrentIndex(max(actual, 0))
        self.padre.setMinimumContentsLength(40)
        self.padre.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        etiqueta = QLabel(_("&Nuevo padre:"))
        etiqueta.setBuddy(self.padre)
        capa.addWidget(etiqueta)
        capa.addWidget(self.padre)
        ayuda = QLabel(_("Una causa cuelga del problema central o de otra causa; un efecto, del problema central o "
                         "de otro efecto. No se ofrecen los nodos que cuelgan de este."))
        ayuda.setWordWrap(True)
        ayuda.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        capa.addWidget(ayuda)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR};")
        self.error.hide()
        capa.addWidget(self.error)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        botones.button(QDialogButtonBox.StandardButton.Ok).setText(_("C&ambiar"))
        botones.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancelar"))
        botones.accepted.connect(self.accept)
        botones.rejected.connect(self.reject)
        capa.addWidget(botones)
        self.padre.setFocus()

    def accept(self) -> None:
        try:
            self._guardar(self.padre.currentData())
        except ErrorDeUsuario as exc:
            self.error.setText(exc.mensaje)
            self.error.show()
            return
        super().accept()
