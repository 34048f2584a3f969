"""Base de las fichas con pestañas (territorio, actor, oportunidad): errores por campo y pestaña, botones, guardar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor_simple import con_error
from ui.estilo import ERROR, TEXTO_SECUNDARIO
from ui.widgets.formulario import MarcadorErrores


def etiqueta_ayuda(texto: str, color: str = TEXTO_SECUNDARIO) -> QLabel:
    """Texto de ayuda bajo un campo, en gris."""
    etiqueta = QLabel(texto)
    etiqueta.setWordWrap(True)
    etiqueta.setStyleSheet(f"color: {color};")
    return etiqueta


class DialogoFormulario(QDialog):
    """Ficha con pestañas que guarda con una orden deshacible y muestra los errores del servicio junto a cada campo.

    Armado, en este orden: `super().__init__(ctx, parent, solo_lectura)`; `agregar_pestana(pagina, titulo)` por
    cada pestaña (los campos se registran con `_campo` o `registrar_campo`); `armar()` agrega el error general y los
    botones (Guardar/Cancelar, o Cerrar en solo lectura). La subclase implementa `datos()`, `_comando(datos)`,
    `_guardado(ident)` (anota el id) y `_mensaje_guardado(datos)`.
    """

    color_ayuda = TEXTO_SECUNDARIO

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, solo_lectura: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.solo_lectura = solo_lectura or ctx.solo_lectura
        self.marcador = MarcadorErrores()
        self._pestana_de: dict[str, int] = {}  # field -> tab index, in the order the fields appear
        self._etiquetas_error: dict[str, QLabel] = {}
        self.pestanas = QTabWidget()
        self.error_general: QLabel | None = None
        self.boton_guardar = None

    # -- armado -----------------------------------------------------------------------------------------------
    def agregar_pestana(self, pagina: QWidget, titulo: str) -> int:
        return self.pestanas.addTab(pagina, titulo)

    def registrar_campo(self, campo: str, widget: QWidget, etiqueta_error: QLabel, pestana: int) -> None:
        """El campo del servicio `campo` se marca en `widget`, con su mensaje en `etiqueta_error`, en `pestana`."""
        self.marcador.registrar(campo, widget, etiqueta_error)
        self._etiquetas_error[campo] = etiqueta_error
        self._pestana_de[campo] = pestana

    def _campo(self, formulario: QFormLayout, pestana: int, campo: str, etiqueta: str, widget: QWidget,
               foco: QWidget | None = None, ayuda: str = "") -> None:
        """Una fila del formulario: etiqueta (con atajo hacia `foco`), el widget, su error y su ayuda debajo."""
        caja, error = con_error(widget, etiqueta_ayuda(ayuda, self.color_ayuda) if ayuda else None)
        formulario.addRow(etiqueta, caja)
        formulario.labelForField(caja).setBuddy(foco or widget)
        self.registrar_campo(campo, foco or widget, error, pestana)

    @staticmethod
    def _formulario() -> QFormLayout:
        f = QFormLayout()
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        f.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return f

    @staticmethod
    def _desplazable(contenido: QWidget) -> QScrollArea:
        # Modest office screens (1366×768 with a taskbar) must still reach every field.
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(contenido)
        return area

    def armar(self) -> None:
        """Error general, botones y capa, después de las pestañas: el orden del tabulador sigue el orden en que los
        widgets entran al diálogo, y los campos van antes que los botones."""
        self._color_pestana = self.pestanas.tabBar().tabTextColor(0)

        self.error_general = QLabel()
        self.error_general.setWordWrap(True)
        self.error_general.setStyleSheet(f"color: {ERROR};")
        self.error_general.hide()

        self.botones = QDialogButtonBox()
        if self.solo_lectura:
            self.botones.addButton(_("Cerrar"), QDialogButtonBox.ButtonRole.RejectRole)
            self.boton_guardar = None
        else:
            self.boton_guardar = self.botones.addButton(_("Guardar"), QDialogButtonBox.ButtonRole.AcceptRole)
            self.boton_guardar.setDefault(True)
            self.botones.addButton(_("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        self.botones.accepted.connect(self.guardar)
        self.botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.addWidget(self.pestanas, 1)
        capa.addWidget(self.error_general)
        capa.addWidget(self.botones)

    def _fijar_titulo(self, titulo: str) -> None:
        if self.solo_lectura:
            titulo += " " + _("(solo lectura)")
        self.setWindowTitle(titulo)

    # -- guardar ----------------------------------------------------------------------------------------------
    def datos(self):
        raise NotImplementedError

    def _datos_para_guardar(self):
        """Los datos a guardar; ErrorDeUsuario si el formulario ya muestra que no sirven."""
        return self.datos()

    def _comando(self, datos) -> ComandoServicio:
        raise NotImplementedError

    def _guardado(self, ident: int) -> None:
        """Anota el id que devolvió la orden (el del registro creado o modificado)."""
        raise NotImplementedError

    def _mensaje_guardado(self, datos) -> str:
        raise NotImplementedError

    def guardar(self) -> bool:
        """Valida y guarda con una orden deshacible; muestra los errores junto a cada campo. True si guardó."""
        if self.solo_lectura:
            return False
        try:
            datos = self._datos_para_guardar()
            self._guardado(self.ctx.ejecutar(self._comando(datos)))
        except ErrorDeUsuario as exc:
            self.mostrar_errores(exc)
            return False
        self.ctx.mensaje.emit(self._mensaje_guardado(datos))
        self.accept()
        return True

    # -- errores ----------------------------------------------------------------------------------------------
    def mostrar_errores(self, exc: ErrorDeUsuario) -> None:
        """Marca cada error junto a su campo, colorea las pestañas afectadas y abre la del primer error."""
        self.marcador.mostrar(exc)
        errores = exc.errores if isinstance(exc, ErroresDeValidacion) else ({exc.campo: exc.mensaje} if exc.campo
                                                                             else {})
        conocidos = [c for c in self._pestana_de if c in errores]
        barra = self.pestanas.tabBar()
        con_error = {self._pestana_de[c] for c in conocidos}
        for i in range(self.pestanas.count()):
            barra.setTabTextColor(i, QColor(ERROR) if i in con_error else self._color_pestana)
        if not conocidos:
            self.error_general.setText(str(exc))
            self.error_general.show()
            return
        primero = conocidos[0]
        self.pestanas.setCurrentIndex(self._pestana_de[primero])
        widget = self.marcador.widget(primero)
        if widget is not None:
            widget.setFocus()
            area = self.pestanas.currentWidget()
            if isinstance(area, QScrollArea):
                area.ensureWidgetVisible(widget)
        nombres = [self.pestanas.tabText(i).replace("&", "") for i in sorted(con_error)]
        self.error_general.setText(_("Revise los datos marcados en rojo ({pestanas}).").format(
            pestanas=", ".join(f"«{n}»" for n in nombres)))
        self.error_general.show()

    def quitar_error(self, campo: str) -> None:
        """Borra la marca de un solo campo (las de los demás siguen a la vista hasta volver a guardar)."""
        widget = self.marcador.widget(campo)
        if widget is not None:
            widget.setStyleSheet("")
            widget.setToolTip("")
        etiqueta = self._etiquetas_error.get(campo)
        if etiqueta is not None:
            etiqueta.clear()
            etiqueta.hide()
        if all(e.isHidden() for e in self._etiquetas_error.values()):
            self.error_general.hide()
            for i in range(self.pestanas.count()):
                self.pestanas.tabBar().setTabTextColor(i, self._color_pestana)

    def error_de(self, campo: str) -> str:
        """El mensaje que se ve junto al campo, o «» si no hay."""
        etiqueta = self._etiquetas_error.get(campo)
        return "" if etiqueta is None or etiqueta.isHidden() else etiqueta.text()
