"""Diagnóstico participativo de un territorio (etapa 3): una pestaña por herramienta.

La página solo elige el territorio y arma las pestañas; cada pestaña es un widget `Clase(ctx, parent)` con
`fijar_territorio(tid | None)` que se refresca solo con `ctx.cambiado`. Agregar una herramienta es agregar una
línea a PESTANAS (el módulo se importa al armar la página, que a su vez se carga la primera vez que se muestra).
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from nucleo.i18n import _
from nucleo.servicios.territorios import FilaTerritorio, listar_territorios
from ui.contexto import Contexto
from ui.widgets import semaforo as luz
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario

# (clave, título, "módulo:Clase"), en el orden de las pestañas.
PESTANAS: tuple[tuple[str, str, str], ...] = (
    ("necesidades", _("&Necesidades"), "ui.widgets.panel_necesidades:PanelNecesidades"),
    ("cruce", _("&Cruce oferta–demanda"), "ui.widgets.panel_cruce:PanelCruce"),
    ("arbol", _("Árbol de &problemas"), "ui.widgets.arbol_problemas:EditorArbol"),
    ("dafo", _("&DAFO / DIPE"), "ui.widgets.tablero_dafo:TableroDafo"),
)


def _clave_nombre(texto: str) -> str:
    # "Ñu Guazú" and "Nueva" sort as a Paraguayan reader expects, accents ignored.
    return "".join(c for c in unicodedata.normalize("NFKD", texto) if not unicodedata.combining(c)).casefold()


def _clase(ruta: str) -> type[QWidget]:
    modulo, nombre = ruta.split(":")
    return getattr(importlib.import_module(modulo), nombre)


class PaginaDiagnostico(QWidget):
    clave = "diagnostico"
    titulo = _("Diagnóstico")

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        # The day opportunities are checked for validity and the traffic light computed; tests fix it.
        self.hoy: Callable[[], date] = hoy or date.today
        self._hoy_fijo = hoy is not None
        self._territorio_id: int | None = None
        self._ajustando = False
        self.paneles: dict[str, QWidget] = {}
        self._filas: dict[int, FilaTerritorio] = {}
        self._construir()
        ctx.cambiado.connect(self._al_cambiar)
        self.refrescar()

    # -- armado -----------------------------------------------------------------------------------------------
    def _construir(self) -> None:
        self.pila = QStackedWidget(self)
        capa = QVBoxLayout(self)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.addWidget(self.pila)
        self.pila.addWidget(self._construir_vacio())
        self.pila.addWidget(self._construir_contenido())

    def _construir_vacio(self) -> QWidget:
        vacio = EstadoVacio(
            _("Todavía no hay territorios"),
            _("El diagnóstico participativo se hace con la comunidad de un territorio. Cree "
              "uno en la página Territorios."),
            _("Ir a &Territorios"), self)
        self.boton_ir_territorios = vacio.boton
        self.boton_ir_territorios.clicked.connect(lambda: self.ctx.navegar.emit("territorios", None))
        return vacio

    def _construir_contenido(self) -> QWidget:
        contenido = QWidget(self)
        capa = QVBoxLayout(contenido)
        capa.setContentsMargins(16, 10, 16, 10)
        capa.setSpacing(6)

        barra = QHBoxLayout()
        barra.setSpacing(8)
        etiqueta = QLabel(_("&Territorio:"), contenido)
        self.combo_territorio = QComboBox(contenido)
        self.combo_territorio.setMinimumWidth(260)
        self.combo_territorio.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo_territorio.setToolTip(_("Territorio cuyo diagnóstico se muestra"))
        etiqueta.setBuddy(self.combo_territorio)
        self.etapa = texto_secundario("", contenido)
        barra.addWidget(etiqueta)
        barra.addWidget(self.combo_territorio)
        barra.addSpacing(8)
        barra.addWidget(self.etapa, 1)
        capa.addLayout(barra)

        self.pestanas = QTabWidget(contenido)
        self.pestanas.setDocumentMode(True)
        # Fusion draws unselected tabs 2 px lower and clips the accent of a capital («Árbol»): a little more room.
        self.pestanas.tabBar().setStyleSheet("QTabBar::tab { padding: 5px 12px 4px 12px; }")
        for clave, titulo, ruta in PESTANAS:
            self.agregar_pestana(clave, titulo, ruta)
        capa.addWidget(self.pestanas, 1)
        self.combo_territorio.currentIndexChanged.connect(self._al_elegir_territorio)
        return contenido

    def agregar_pestana(self, clave: str, titulo: str, ruta: str) -> QWidget:
        """Arma el widget `ruta` ("módulo:Clase") con (ctx, parent) y lo agrega como pestaña."""
        panel = _clase(ruta)(self.ctx, self.pestanas)
        if self._hoy_fijo and hasattr(panel, "hoy"):
            # A fixed day (tests, screenshots) reaches every tab, in the form each keeps it: a callable or a date.
            panel.hoy = self.hoy if callable(panel.hoy) else self.hoy()
        senal = getattr(panel, "pedir_pestana", None)
        if senal is not None:
            senal.connect(self.mostrar_pestana)
        self.paneles[clave] = panel
        self.pestanas.addTab(panel, titulo)
        if self._territorio_id is not None:
            panel.fijar_territorio(self._territorio_id)
        return panel

    # -- API pública ------------------------------------------------------------------------------------------
    def panel(self, clave: str) -> QWidget:
        return self.paneles[clave]

    def mostrar_pestana(self, clave: str) -> None:
        panel = self.paneles.get(clave)
        if panel is not None:
            self.pestanas.setCurrentWidget(panel)

    def buscar(self) -> None:
        """Ctrl+F: el buscador de las necesidades."""
        if self.pila.currentIndex() == 0:
            self.boton_ir_territorios.setFocus()
            return
        self.mostrar_pestana("necesidades")
        self.paneles["necesidades"].buscar()

    def nuevo(self) -> None:
        """Insert / Ctrl+Shift+N desde la ventana: una necesidad nueva en el territorio elegido."""
        self.mostrar_pestana("necesidades")
        self.paneles["necesidades"].nueva()

    def territorio_actual(self) -> int | None:
        return self._territorio_id

    def mostrar_territorio(self, territorio_id: int) -> None:
        """Muestra el diagnóstico de ese territorio (para ctx.navegar desde otras páginas)."""
        if self.combo_territorio.findData(territorio_id) < 0:
            self._cargar_territorios()
        i = self.combo_territorio.findData(territorio_id)
        if i < 0:
            return
        self._ajustando = True
        try:
            self.combo_territorio.setCurrentIndex(i)
        finally:
            self._ajustando = False
        self._fijar(territorio_id)

    def refrescar(self) -> None:
        self._cargar_territorios()

    # -- carga ------------------------------------------------------------------------------------------------
    def _al_cambiar(self, que: set[str]) -> None:
        if {"territorio", "etapa", "dia_especial"} & set(que):
            self._cargar_territorios()

    def _cargar_territorios(self) -> None:
        hoy = self.hoy()
        filas: list[FilaTerritorio] = self.ctx.leer(lambda s: listar_territorios(s, self.ctx.municipio_id, hoy))
        filas.sort(key=lambda f: _clave_nombre(f.nombre))
        self._filas = {f.id: f for f in filas}
        self._ajustando = True
        try:
            self.combo_territorio.clear()
            for f in filas:
                self.combo_territorio.addItem(luz.icono(f.semaforo), f.nombre, f.id)
                self.combo_territorio.setItemData(
                    self.combo_territorio.count() - 1,
                    _("{nombre}: {etapa} ({luz})").format(nombre=f.nombre, etapa=f.etapa_actual,
                                                          luz=luz.etiqueta(f.semaforo)),
                    Qt.ItemDataRole.ToolTipRole)
            anterior = self._territorio_id
            if anterior not in self._filas:
                # The one in stage 3 (diagnosis) is the likeliest to be worked on; else the first.
                en_3 = next((f.id for f in filas if f.etapa_actual.startswith("3 ")), None)
                anterior = en_3 if en_3 is not None else (filas[0].id if filas else None)
            if anterior is not None:
                self.combo_territorio.setCurrentIndex(self.combo_territorio.findData(anterior))
        finally:
            self._ajustando = False
        self.pila.setCurrentIndex(1 if filas else 0)
        self._fijar(anterior, forzar=anterior != self._territorio_id)

    def _al_elegir_territorio(self, indice: int) -> None:
        if self._ajustando or indice < 0:
            return
        self._fijar(self.combo_territorio.itemData(indice))

    def _fijar(self, territorio_id: int | None, forzar: bool = True) -> None:
        cambia = territorio_id != self._territorio_id
        self._territorio_id = territorio_id
        f = self._filas.get(territorio_id) if territorio_id is not None else None
        self.etapa.setText(_("Etapa actual: {etapa} ({luz})").format(etapa=f.etapa_actual, luz=luz.etiqueta(
            f.semaforo)) if f else "")
        if cambia or forzar:
            for panel in self.paneles.values():
                panel.fijar_territorio(territorio_id)
