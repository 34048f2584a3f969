"""Herramientas > Verificar documento…: ¿este PDF es uno que emitió este expediente, sin cambios?

El veredicto sale de nucleo.servicios.verificacion (la huella SHA-256 del archivo contra el registro de documentos
emitidos); lo que dice el texto impreso no cuenta. Aquí solo se elige el archivo (con el diálogo o arrastrándolo) y
se muestra el resultado bien grande: verde «Documento auténtico», rojo «No auténtico», con la explicación.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _
from ui.acciones_datos import carpeta_inicial, recordar_carpeta
from ui.contexto import Contexto
from ui.estilo import BORDE, TEXTO_SECUNDARIO, fuente_relativa

VERDE, VERDE_FONDO = "#2e7d32", "#e8f5e9"
ROJO, ROJO_FONDO = "#c62828", "#fdecea"
AMBAR, AMBAR_FONDO = "#8a6d00", "#fff3c4"


def _es_pdf(ruta: str) -> bool:
    return ruta.lower().endswith(".pdf")


class ZonaArrastre(QFrame):
    """Un recuadro que acepta un PDF arrastrado desde el explorador de archivos."""

    soltado = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setObjectName("zonaArrastre")
        self._marcar(False)

    def _marcar(self, encima: bool) -> None:
        color = "#1d5fa8" if encima else BORDE
        fondo = "#eef4fb" if encima else "#fafbfc"
        self.setStyleSheet(f"QFrame#zonaArrastre {{ border: 2px dashed {color}; border-radius: 8px; "
                           f"background: {fondo}; }}")

    @staticmethod
    def _ruta(evento) -> str | None:
        datos = evento.mimeData()
        if not datos.hasUrls():
            return None
        rutas = [u.toLocalFile() for u in datos.urls() if u.isLocalFile()]
        return rutas[0] if len(rutas) == 1 and _es_pdf(rutas[0]) else None

    def dragEnterEvent(self, evento) -> None:  # noqa: N802 - Qt API
        if self._ruta(evento):
            self._marcar(True)
            evento.acceptProposedAction()
        else:
            evento.ignore()

    def dragLeaveEvent(self, evento) -> None:  # noqa: N802 - Qt API
        self._marcar(False)
        super().dragLeaveEvent(evento)

    def dropEvent(self, evento) -> None:  # noqa: N802 - Qt API
        self._marcar(False)
        ruta = self._ruta(evento)
        if ruta:
            evento.acceptProposedAction()
            self.soltado.emit(ruta)


class DialogoVerificar(QDialog):
    def __init__(self, ctx: Contexto, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.resultado = None  # the last Verificacion (tests and callers read it)
        self.setWindowTitle(_("Verificar un documento"))
        self.setMinimumWidth(620)
        self.setAcceptDrops(True)

        intro = QLabel(_(
            "Compruebe si un PDF es un Plan de Acción sancionado o un acta firmada que emitió este expediente, tal "
            "como salió. Se compara la huella digital del archivo con el registro de documentos emitidos: un solo "
            "byte cambiado basta para que no coincida. Lo que dice el texto impreso no se toma en cuenta."))
        intro.setWordWrap(True)

        self.zona = ZonaArrastre(self)
        self.zona.soltado.connect(self.verificar)
        self.boton_elegir = QPushButton(_("&Elegir un PDF…"))
        self.boton_elegir.clicked.connect(self.elegir)
        indicacion = QLabel(_("Arrastre aquí el PDF o"))
        indicacion.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        capa_zona = QHBoxLayout(self.zona)
        capa_zona.setContentsMargins(16, 18, 16, 18)
        capa_zona.addStretch(1)
        capa_zona.addWidget(indicacion)
        capa_zona.addWidget(self.boton_elegir)
        capa_zona.addStretch(1)

        self.archivo = QLabel()
        self.archivo.setWordWrap(True)
        self.archivo.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.archivo.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        self.archivo.hide()

        self.veredicto = QFrame(self)
        self.veredicto.setObjectName("veredicto")
        self.titulo = QLabel()
        self.titulo.setFont(fuente_relativa(self.font(), 1.9, negrita=True))
        self.titulo.setAccessibleName(_("Veredicto"))
        self.mensaje = QLabel()
        self.mensaje.setWordWrap(True)
        self.mensaje.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mensaje.setFont(fuente_relativa(self.font(), 1.1))
        self.detalle = QLabel()
        self.detalle.setWordWrap(True)
        self.detalle.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        capa_veredicto = QVBoxLayout(self.veredicto)
        capa_veredicto.setContentsMargins(18, 14, 18, 16)
        capa_veredicto.setSpacing(8)
        capa_veredicto.addWidget(self.titulo)
        capa_veredicto.addWidget(self.mensaje)
        capa_veredicto.addWidget(self.detalle)
        self.veredicto.hide()

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        botones.button(QDialogButtonBox.StandardButton.Close).setText(_("Cerrar"))
        botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.setSpacing(10)
        capa.addWidget(intro)
        capa.addWidget(self.zona)
        capa.addWidget(self.archivo)
        capa.addWidget(self.veredicto)
        capa.addStretch(1)
        capa.addWidget(botones)
        self.boton_elegir.setFocus()

    # Dropping anywhere on the dialog works too (not only on the dashed box).
    def dragEnterEvent(self, evento) -> None:  # noqa: N802 - Qt API
        self.zona.dragEnterEvent(evento)

    def dropEvent(self, evento) -> None:  # noqa: N802 - Qt API
        self.zona.dropEvent(evento)

    def pedir_ruta(self) -> str:
        """La ruta elegida en el diálogo de abrir, o "" (separado para que las pruebas lo reemplacen)."""
        ruta, _f = QFileDialog.getOpenFileName(self, _("Elegir el PDF a verificar"), str(carpeta_inicial()),
                                               _("Documento PDF (*.pdf)"))
        if ruta:
            recordar_carpeta(Path(ruta).parent)
        return ruta

    def elegir(self) -> None:
        ruta = self.pedir_ruta()
        if ruta:
            self.verificar(ruta)

    def verificar(self, ruta: str | Path):
        """Verifica el PDF y muestra el veredicto; devuelve la Verificacion (None si no se pudo leer)."""
        from nucleo.servicios.verificacion import verificar_pdf

        ruta = Path(ruta)
        mid = self.ctx.municipio_id
        self.archivo.setText(_("Archivo: {ruta}").format(ruta=ruta))
        self.archivo.show()
        try:
            v = self.ctx.leer(lambda s: verificar_pdf(s, mid, ruta))
        except ErrorDeUsuario as exc:
            self.resultado = None
            self._mostrar(_("No se pudo verificar"), exc.mensaje, "", AMBAR, AMBAR_FONDO)
            return None
        self.resultado = v
        huella = getattr(v, "huella_archivo", "")
        detalle = _("Huella del archivo (SHA-256): {huella}").format(huella=huella) if huella else ""
        if v.genuino:
            self._mostrar("✔ " + _("Documento auténtico"), v.mensaje, detalle, VERDE, VERDE_FONDO)
        else:
            self._mostrar("✖ " + _("No auténtico"), v.mensaje, detalle, ROJO, ROJO_FONDO)
        return v

    def _mostrar(self, titulo: str, mensaje: str, detalle: str, color: str, fondo: str) -> None:
        self.veredicto.setStyleSheet(f"QFrame#veredicto {{ background: {fondo}; border: 2px solid {color}; "
                                     f"border-radius: 8px; }} QFrame#veredicto QLabel {{ background: transparent; }}")
        self.titulo.setStyleSheet(f"color: {color};")
        self.titulo.setText(titulo)
        self.mensaje.setText(mensaje)
        self.detalle.setText(detalle)
        self.detalle.setVisible(bool(detalle))
        self.veredicto.show()
        self.veredicto.setAccessibleDescription(f"{titulo}. {mensaje}")
        self.boton_elegir.setText(_("&Verificar otro PDF…"))
        self.adjustSize()


def abrir_verificar(ctx: Contexto, parent: QWidget | None = None) -> DialogoVerificar:
    """Herramientas > Verificar documento…: abre el diálogo (modal para la ventana) y lo devuelve."""
    dialogo = DialogoVerificar(ctx, parent)
    dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialogo.open()
    return dialogo
