"""Lo común a las páginas que trabajan un territorio por vez (Diagnóstico, Plan de Acción): el selector de
territorio, el estado vacío «no hay territorios» y las pestañas armadas desde una tupla PESTANAS.

Cada pestaña es un widget `Clase(ctx, parent)`; la página le avisa el territorio (o lo que derive de él, como el
plan) con `_avisar(panel)`, que la subclase define. Los módulos de las pestañas se importan al armar la página, que
a su vez se carga la primera vez que se muestra.
"""

from __future__ import annotations

import importlib
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

from nucleo import formato
from nucleo.i18n import _
from nucleo.servicios.territorios import FilaTerritorio, listar_territorios
from ui.contexto import Contexto
from ui.widgets import semaforo as luz
from ui.widgets.estado_vacio import EstadoVacio
from ui.widgets.formulario import texto_secundario


def llenar_territorios(combo: QComboBox, filas: list[FilaTerritorio]) -> None:
    """Los territorios en el selector, con el color del semáforo de su etapa actual y la etapa en la ayuda."""
    combo.clear()
    for f in filas:
        combo.addItem(luz.icono(f.semaforo), f.nombre, f.id)
        combo.setItemData(combo.count() - 1, _("{nombre}: {etapa} ({luz})").format(
            nombre=f.nombre, etapa=f.etapa_actual, luz=luz.etiqueta(f.semaforo)), Qt.ItemDataRole.ToolTipRole)


def clase_de(ruta: str) -> type[QWidget]:
    modulo, nombre = ruta.split(":")
    return getattr(importlib.import_module(modulo), nombre)


class PaginaPorTerritorio(QWidget):
    """Base: la subclase define `clave`, `titulo`, `PESTANAS`, los textos del estado vacío y `_avisar(panel)`.

    - `territorio_actual()`, `mostrar_territorio(tid)` (para ctx.navegar), `panel(clave)`, `mostrar_pestana(clave)`.
    - `_armar_cuerpo(pestanas)` devuelve lo que va bajo el selector (por omisión, las pestañas solas).
    - `_territorio_fijado(tid, cambia)` corre cada vez que cambia (o se recarga) el territorio elegido.
    - `_preferido(filas)`: el territorio que se elige al abrir la página.
    """

    clave = ""
    titulo = ""
    PESTANAS: tuple[tuple[str, str, str], ...] = ()
    ayuda_selector = ""
    vacio_titulo = _("Todavía no hay territorios")
    vacio_texto = ""
    CAMBIOS_TERRITORIOS = frozenset({"territorio", "etapa", "dia_especial"})

    def __init__(self, ctx: Contexto, parent: QWidget | None = None, hoy: Callable[[], date] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        # The day traffic lights and validity are computed for; tests and screenshots fix it.
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
        vacio = EstadoVacio(self.vacio_titulo, self.vacio_texto, _("Ir a &Territorios"), self)
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
        self.combo_territorio.setToolTip(self.ayuda_selector)
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
        for clave, titulo, ruta in self.PESTANAS:
            self.agregar_pestana(clave, titulo, ruta)
        capa.addWidget(self._armar_cuerpo(self.pestanas), 1)
        self.combo_territorio.currentIndexChanged.connect(self._al_elegir_territorio)
        return contenido

    def _armar_cuerpo(self, pestanas: QTabWidget) -> QWidget:
        return pestanas

    def agregar_pestana(self, clave: str, titulo: str, ruta: str) -> QWidget:
        """Arma el widget `ruta` ("módulo:Clase") con (ctx, parent) y lo agrega como pestaña."""
        panel = self._cargar_clase(ruta)(self.ctx, self.pestanas)
        if self._hoy_fijo and hasattr(panel, "hoy"):
            # A fixed day (tests, screenshots) reaches every tab, in the form each keeps it: a callable or a date.
            panel.hoy = self.hoy if callable(panel.hoy) else self.hoy()
        senal = getattr(panel, "pedir_pestana", None)
        if senal is not None:
            senal.connect(self.mostrar_pestana)
        self.paneles[clave] = panel
        self.pestanas.addTab(panel, titulo)
        if self._territorio_id is not None:
            self._avisar(panel)
        return panel

    def _cargar_clase(self, ruta: str) -> type[QWidget]:
        return clase_de(ruta)

    def _avisar(self, panel: QWidget) -> None:
        """Le dice al panel qué mostrar (el territorio elegido, o lo que derive de él)."""
        raise NotImplementedError

    # -- API pública ------------------------------------------------------------------------------------------
    def panel(self, clave: str) -> QWidget:
        return self.paneles[clave]

    def mostrar_pestana(self, clave: str) -> None:
        panel = self.paneles.get(clave)
        if panel is not None:
            self.pestanas.setCurrentWidget(panel)

    def territorio_actual(self) -> int | None:
        return self._territorio_id

    def mostrar_territorio(self, territorio_id: int) -> None:
        """Muestra ese territorio (para ctx.navegar desde otras páginas)."""
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
        if self.CAMBIOS_TERRITORIOS & set(que):
            self._cargar_territorios()

    def _preferido(self, filas: list[FilaTerritorio]) -> int | None:
        return filas[0].id if filas else None

    def _cargar_territorios(self) -> None:
        hoy = self.hoy()
        filas: list[FilaTerritorio] = self.ctx.leer(lambda s: listar_territorios(s, self.ctx.municipio_id, hoy))
        filas.sort(key=lambda f: formato.sin_tildes(f.nombre))
        self._filas = {f.id: f for f in filas}
        self._ajustando = True
        try:
            llenar_territorios(self.combo_territorio, filas)
            anterior = self._territorio_id
            if anterior not in self._filas:
                anterior = self._preferido(filas)
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
        self._territorio_fijado(territorio_id, cambia or forzar)

    def _territorio_fijado(self, territorio_id: int | None, cambia: bool) -> None:
        if cambia:
            for panel in self.paneles.values():
                self._avisar(panel)
