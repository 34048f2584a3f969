"""La tarjeta de resumen de una hoja de ruta: avance, etapas vencidas y por vencer, y el próximo paso."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from nucleo import formato
from nucleo.calendario import CUMPLIDA, POR_VENCER, SIN_FECHA, VENCIDA
from nucleo.i18n import _, n_
from nucleo.servicios.hoja_de_ruta import ResumenRuta
from ui.estilo import BORDE, COLORES_SEMAFORO, marcar_tarjeta
from ui.widgets import semaforo as luz
from ui.widgets.semaforo import EtiquetaSemaforo


class TarjetaResumenRuta(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        marco = self
        marco.setObjectName("resumenRuta")
        marcar_tarjeta(marco)
        capa = QHBoxLayout(marco)
        capa.setContentsMargins(12, 8, 12, 8)
        capa.setSpacing(16)
        progreso = QVBoxLayout()
        progreso.setSpacing(4)
        self.texto_progreso = QLabel(marco)
        f = self.texto_progreso.font()
        f.setBold(True)
        self.texto_progreso.setFont(f)
        self.barra_progreso = QProgressBar(marco)
        self.barra_progreso.setFixedSize(210, 8)
        self.barra_progreso.setTextVisible(False)
        self.barra_progreso.setStyleSheet(
            f"QProgressBar {{ background: #e6eaef; border: none; border-radius: 4px; }}"
            f"QProgressBar::chunk {{ background: {COLORES_SEMAFORO[CUMPLIDA]}; border-radius: 4px; }}")
        progreso.addWidget(self.texto_progreso)
        progreso.addWidget(self.barra_progreso)
        capa.addLayout(progreso)
        cuentas = QVBoxLayout()
        cuentas.setSpacing(2)
        self.etiqueta_vencidas = EtiquetaSemaforo(marco, VENCIDA)
        self.etiqueta_por_vencer = EtiquetaSemaforo(marco, POR_VENCER)
        cuentas.addWidget(self.etiqueta_vencidas)
        cuentas.addWidget(self.etiqueta_por_vencer)
        capa.addLayout(cuentas)
        separador = QFrame(marco)
        separador.setFrameShape(QFrame.Shape.VLine)
        separador.setStyleSheet(f"color: {BORDE};")
        capa.addWidget(separador)
        siguiente = QVBoxLayout()
        siguiente.setSpacing(2)
        cabeza = QHBoxLayout()
        cabeza.setSpacing(0)
        # The dot carries the next stage's light; its tooltip says the rule.
        self.luz_siguiente = EtiquetaSemaforo(marco, None, _("Próximo paso"))
        f = self.luz_siguiente.font()
        f.setBold(True)
        self.luz_siguiente.setFont(f)
        cabeza.addWidget(self.luz_siguiente)
        cabeza.addStretch(1)
        self.texto_siguiente = QLabel(marco)
        self.texto_siguiente.setWordWrap(True)
        self.texto_siguiente.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.texto_siguiente.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        siguiente.addLayout(cabeza)
        siguiente.addWidget(self.texto_siguiente)
        capa.addLayout(siguiente, 1)


    def mostrar(self, r: ResumenRuta) -> None:
        n = len(r.etapas)
        self.barra_progreso.setRange(0, max(1, n))
        self.barra_progreso.setValue(r.cumplidas)
        texto = _("{c} de {n} etapas cumplidas").format(c=r.cumplidas, n=n)
        self.texto_progreso.setText(texto)
        self.barra_progreso.setAccessibleName(texto)
        ayuda = _("{texto} ({pct})").format(texto=texto, pct=formato.porcentaje(r.progreso))
        self.barra_progreso.setToolTip(ayuda)
        self.texto_progreso.setToolTip(ayuda)
        self.etiqueta_vencidas.fijar(VENCIDA if r.vencidas else SIN_FECHA,
                                     n_("{n} vencida", "{n} vencidas", r.vencidas).format(n=r.vencidas))
        self.etiqueta_vencidas.setToolTip(luz.regla(VENCIDA))
        self.etiqueta_por_vencer.fijar(POR_VENCER if r.por_vencer else SIN_FECHA,
                                       _("{n} por vencer").format(n=r.por_vencer))
        self.etiqueta_por_vencer.setToolTip(luz.regla(POR_VENCER))
        sig = r.siguiente
        titulo = _("Próximo paso")
        if r.inicio is None and sig is not None:
            self.luz_siguiente.fijar(SIN_FECHA, titulo)
        else:
            self.luz_siguiente.fijar(sig.semaforo if sig else CUMPLIDA, titulo)
        self.luz_siguiente.setToolTip(luz.regla(sig.semaforo) if sig else luz.regla(CUMPLIDA))
        self.texto_siguiente.setText(r.texto_siguiente)
