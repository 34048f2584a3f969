"""Herramientas › Matriz de riesgos…: los niveles (nombre, color, qué hacer), las escalas de probabilidad e impacto y
la grilla de 5 × 5 que da el nivel de cada combinación.

La matriz es del municipio y el nivel de un riesgo no se guarda: al cambiarla, todos los riesgos toman su nivel
nuevo. Se guarda con nucleo.servicios.riesgos.guardar_matriz en una orden deshacible; «Restaurar la matriz por
defecto» vuelve a la de Articula (recursos/datos/matriz_riesgos.json).
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from nucleo.servicios import riesgos as servicio
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import etiqueta_ayuda
from ui.estilo import ERROR
from ui.widgets.formulario import MarcadorErrores, etiqueta_error
from ui.widgets.mapa_calor import MapaCalor, texto_sobre


class BotonColor(QPushButton):
    """Un botón que muestra un color y abre el selector al pulsarlo."""

    def __init__(self, color: str, al_cambiar, nombre: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._al_cambiar = al_cambiar
        self._nombre = nombre
        self.setMinimumWidth(96)
        self.clicked.connect(self.elegir)
        self.fijar(color)

    def fijar(self, color: str) -> None:
        self.color = QColor(color).name()
        c = QColor(self.color)
        self.setText(self.color)
        self.setStyleSheet(f"QPushButton {{ background: {self.color}; color: {texto_sobre(c).name()}; "
                           "border: 1px solid #8a94a3; border-radius: 3px; padding: 3px 8px; }")
        self.setAccessibleName(_("Color del nivel {nombre}: {color}").format(nombre=self._nombre, color=self.color))

    def elegir(self) -> None:
        elegido = QColorDialog.getColor(QColor(self.color), self, _("Color del nivel «{nombre}»").format(
            nombre=self._nombre))
        if elegido.isValid():
            self.fijar(elegido.name())
            self._al_cambiar()


class DialogoMatrizRiesgos(QDialog):
    """Edita la matriz de riesgos del municipio; `guardar()` la guarda (deshacible) y cierra."""

    def __init__(self, ctx: Contexto, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.solo_lectura = ctx.solo_lectura
        mid = ctx.municipio_id
        self.matriz = ctx.leer(lambda s: servicio.matriz_del_municipio(s, mid))
        self.marcador = MarcadorErrores()
        self.setWindowTitle(_("Matriz de riesgos") + (" " + _("(solo lectura)") if self.solo_lectura else ""))
        self.setMinimumSize(760, 600)
        self.resize(860, 680)

        self.pestanas = QTabWidget()
        self.pestanas.addTab(self._pagina_niveles(), _("&Niveles y grilla"))
        self.pestanas.addTab(self._pagina_escalas(), _("&Escalas"))

        self.error_general = QLabel()
        self.error_general.setWordWrap(True)
        self.error_general.setStyleSheet(f"color: {ERROR};")
        self.error_general.hide()
        self.botones = QDialogButtonBox()
        self.boton_restaurar = self.botones.addButton(_("&Restaurar la matriz por defecto"),
                                                      QDialogButtonBox.ButtonRole.ResetRole)
        self.boton_restaurar.setToolTip(_("Volver a la matriz de Articula: cuatro niveles (bajo, medio, alto, "
                                          "extremo). Se aplica al guardar."))
        self.boton_restaurar.clicked.connect(self.restaurar)
        if self.solo_lectura:
            self.botones.addButton(_("Cerrar"), QDialogButtonBox.ButtonRole.RejectRole)
            self.boton_guardar = None
            self.boton_restaurar.setEnabled(False)
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
        self.fijar(self.matriz)
        if self.solo_lectura:
            self._bloquear()

    # -- armado -----------------------------------------------------------------------------------------------
    def _pagina_niveles(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_("El nivel de cada riesgo sale de esta matriz: su probabilidad (fila) y su "
                                        "impacto (columna). Al cambiarla, todos los riesgos del municipio toman "
                                        "su nivel nuevo.")))
        self.grilla_niveles = QGridLayout()
        self.grilla_niveles.setHorizontalSpacing(8)
        for col, titulo in enumerate((_("Nivel"), _("Color"), _("Qué hacer"))):
            etiqueta = QLabel(f"<b>{titulo}</b>")
            self.grilla_niveles.addWidget(etiqueta, 0, col)
        self.grilla_niveles.setColumnStretch(2, 1)
        self.filas_niveles: list[tuple[QLineEdit, BotonColor, QLineEdit]] = []
        capa.addLayout(self.grilla_niveles)
        self.error_niveles = etiqueta_error(pagina)
        capa.addWidget(self.error_niveles)

        capa.addWidget(QLabel("<b>" + _("Grilla de probabilidad × impacto") + "</b>"))
        capa.addWidget(etiqueta_ayuda(_("Clic en una celda (o Enter y Espacio sobre la celda enfocada; flechas para "
                                        "moverse) para pasarla al nivel siguiente.")))
        self.mapa = MapaCalor(editable=True)
        self.mapa.setMinimumHeight(300)
        self.mapa.celda_pulsada.connect(self.ciclar)
        capa.addWidget(self.mapa, 1)
        self.error_celdas = etiqueta_error(pagina)
        capa.addWidget(self.error_celdas)
        self.marcador.registrar("niveles", self.error_niveles, self.error_niveles)
        self.marcador.registrar("celdas", self.mapa, self.error_celdas)
        return pagina

    def _pagina_escalas(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(etiqueta_ayuda(_("Cómo se llama cada valor de la escala, de 1 a 5. Se ven en la ficha de "
                                        "cada riesgo, en el mapa de calor y en el impreso.")))
        grilla = QGridLayout()
        grilla.addWidget(QLabel("<b>" + _("Probabilidad") + "</b>"), 0, 1)
        grilla.addWidget(QLabel("<b>" + _("Impacto") + "</b>"), 0, 2)
        self.editores_probabilidad: list[QLineEdit] = []
        self.editores_impacto: list[QLineEdit] = []
        for n in range(1, 6):
            grilla.addWidget(QLabel(str(n)), n, 0)
            for lista, col, que in ((self.editores_probabilidad, 1, _("probabilidad")),
                                    (self.editores_impacto, 2, _("impacto"))):
                editor = QLineEdit()
                editor.setMaxLength(40)
                editor.setAccessibleName(_("Nombre del valor {n} de {que}").format(n=n, que=que))
                editor.textEdited.connect(lambda _t: self._leer_formulario())
                lista.append(editor)
                grilla.addWidget(editor, n, col)
        capa.addLayout(grilla)
        self.error_probabilidad = etiqueta_error(pagina)
        self.error_impacto = etiqueta_error(pagina)
        capa.addWidget(self.error_probabilidad)
        capa.addWidget(self.error_impacto)
        capa.addStretch(1)
        self.marcador.registrar("probabilidad", self.editores_probabilidad[0], self.error_probabilidad)
        self.marcador.registrar("impacto", self.editores_impacto[0], self.error_impacto)
        return pagina

    # -- formulario -------------------------------------------------------------------------------------------
    def fijar(self, matriz) -> None:
        """Muestra `matriz` en el formulario (una copia: nada cambia hasta guardar)."""
        self.matriz = copy.deepcopy(matriz)
        while self.filas_niveles:
            for w in self.filas_niveles.pop():
                self.grilla_niveles.removeWidget(w)
                w.deleteLater()
        for fila, nivel in enumerate(self.matriz.niveles, start=1):
            etiqueta = QLineEdit(nivel.etiqueta)
            etiqueta.setMaxLength(40)
            etiqueta.setAccessibleName(_("Nombre del nivel {n}").format(n=fila))
            etiqueta.textEdited.connect(lambda _t: self._leer_formulario())
            boton = BotonColor(nivel.color, self._leer_formulario, nivel.etiqueta)
            accion = QLineEdit(nivel.accion)
            accion.setMaxLength(500)
            accion.setAccessibleName(_("Qué hacer con un riesgo de nivel {n}").format(n=fila))
            accion.setCursorPosition(0)
            accion.textEdited.connect(lambda _t: self._leer_formulario())
            self.grilla_niveles.addWidget(etiqueta, fila, 0)
            self.grilla_niveles.addWidget(boton, fila, 1)
            self.grilla_niveles.addWidget(accion, fila, 2)
            self.filas_niveles.append((etiqueta, boton, accion))
        for editores, textos in ((self.editores_probabilidad, self.matriz.probabilidad),
                                 (self.editores_impacto, self.matriz.impacto)):
            for editor, texto in zip(editores, textos, strict=True):
                editor.setText(texto)
        self.mapa.fijar(self.matriz)

    def _leer_formulario(self) -> None:
        """Pasa lo escrito a la matriz de trabajo y repinta la grilla (colores y nombres en vivo)."""
        for nivel, (etiqueta, boton, accion) in zip(self.matriz.niveles, self.filas_niveles, strict=True):
            nivel.etiqueta = etiqueta.text()
            nivel.color = boton.color
            nivel.accion = accion.text()
        self.matriz.probabilidad = [e.text() for e in self.editores_probabilidad]
        self.matriz.impacto = [e.text() for e in self.editores_impacto]
        self.mapa.fijar(self.matriz)

    def ciclar(self, p: int, i: int) -> None:
        """La celda pasa al nivel siguiente (después del último, vuelve al primero)."""
        if self.solo_lectura:
            return
        claves = [n.clave for n in self.matriz.niveles]
        actual = self.matriz.celdas[p - 1][i - 1]
        siguiente = claves[(claves.index(actual) + 1) % len(claves)] if actual in claves else claves[0]
        self.matriz.celdas[p - 1][i - 1] = siguiente
        self.mapa.fijar(self.matriz)

    def restaurar(self) -> None:
        self.fijar(servicio.matriz_por_defecto())
        self.marcador.limpiar()
        self.error_general.hide()

    def matriz_elegida(self):
        """La matriz del formulario, o None si es igual a la de por defecto (así sigue a la de Articula)."""
        self._leer_formulario()
        if self.matriz.como_dict() == servicio.matriz_por_defecto().como_dict():
            return None
        return copy.deepcopy(self.matriz)

    def _bloquear(self) -> None:
        for etiqueta, boton, accion in self.filas_niveles:
            etiqueta.setReadOnly(True)
            accion.setReadOnly(True)
            boton.setEnabled(False)
        for editor in self.editores_probabilidad + self.editores_impacto:
            editor.setReadOnly(True)

    # -- guardar ----------------------------------------------------------------------------------------------
    def guardar(self) -> bool:
        if self.solo_lectura:
            return False
        nueva = self.matriz_elegida()
        mid = self.ctx.municipio_id
        comando = ComandoServicio(
            self.ctx, _("Modificar la matriz de riesgos"), "matriz_riesgos",
            hacer=lambda s: servicio.guardar_matriz(s, mid, nueva),
            deshacer=lambda s, anterior: servicio.guardar_matriz(s, mid, anterior),
            rehacer=lambda s, _previa: servicio.guardar_matriz(s, mid, nueva),
        )
        try:
            self.ctx.ejecutar(comando)
        except ErrorDeUsuario as exc:
            self.marcador.mostrar(exc)
            self.error_general.setText(_("Revise los datos marcados en rojo.") if self.marcador.widget(
                exc.campo or "") is not None or getattr(exc, "errores", None) else str(exc))
            if getattr(exc, "errores", None):
                primero = next(iter(exc.errores))
                self.pestanas.setCurrentIndex(1 if primero in ("probabilidad", "impacto") else 0)
            self.error_general.show()
            return False
        self.ctx.mensaje.emit(_("Matriz de riesgos guardada: los niveles de los riesgos se recalcularon."))
        self.accept()
        return True


def abrir_matriz_riesgos(ctx: Contexto, parent: QWidget | None = None) -> bool:
    """Herramientas › Matriz de riesgos…: abre el diálogo; True si se guardó un cambio."""
    dialogo = DialogoMatrizRiesgos(ctx, parent)
    return dialogo.exec() == QDialog.DialogCode.Accepted
