"""Diagnóstico participativo de un territorio (etapa 3): una pestaña por herramienta.

La página solo elige el territorio y arma las pestañas; cada pestaña es un widget `Clase(ctx, parent)` con
`fijar_territorio(tid | None)` que se refresca solo con `ctx.cambiado`. Agregar una herramienta es agregar una
línea a PESTANAS (el módulo se importa al armar la página, que a su vez se carga la primera vez que se muestra).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from nucleo.i18n import _
from nucleo.servicios.territorios import FilaTerritorio
from ui.paginas.por_territorio import PaginaPorTerritorio, clase_de

# (clave, título, "módulo:Clase"), en el orden de las pestañas.
PESTANAS: tuple[tuple[str, str, str], ...] = (
    ("necesidades", _("&Necesidades"), "ui.widgets.panel_necesidades:PanelNecesidades"),
    ("cruce", _("&Cruce oferta–demanda"), "ui.widgets.panel_cruce:PanelCruce"),
    ("arbol", _("Árbol de &problemas"), "ui.widgets.arbol_problemas:EditorArbol"),
    ("dafo", _("&DAFO / DIPE"), "ui.widgets.tablero_dafo:TableroDafo"),
)

_clase = clase_de  # module level, so a test can put another widget in a tab


class PaginaDiagnostico(PaginaPorTerritorio):
    clave = "diagnostico"
    titulo = _("Diagnóstico")
    PESTANAS = PESTANAS
    ayuda_selector = _("Territorio cuyo diagnóstico se muestra")
    vacio_texto = _("El diagnóstico participativo se hace con la comunidad de un territorio. Cree uno en la página "
                    "Territorios.")

    def _cargar_clase(self, ruta: str) -> type[QWidget]:
        return _clase(ruta)

    def _avisar(self, panel: QWidget) -> None:
        panel.fijar_territorio(self._territorio_id)

    def impreso_actual(self):
        """Ctrl+P (Archivo › Imprimir…): el árbol o el DAFO/DIPE de la pestaña que se ve; si no, la ficha."""
        from ui.acciones_datos import PedidoImpreso

        tid = self._territorio_id
        if tid is None:
            return None
        nombre = self._filas[tid].nombre if tid in self._filas else ""
        panel = self.pestanas.currentWidget()
        if panel is self.paneles.get("arbol"):
            return PedidoImpreso("arbol", None, tid, _("Árbol de problemas — {t}").format(t=nombre))
        if panel is self.paneles.get("dafo"):
            analisis = getattr(panel, "analisis", "dafo")
            return PedidoImpreso("dafo", analisis, tid, f"{analisis.upper()} — {nombre}")
        return PedidoImpreso("ficha", None, tid, _("Ficha territorial — {t}").format(t=nombre))

    def _preferido(self, filas: list[FilaTerritorio]) -> int | None:
        # The one in stage 3 (diagnosis) is the likeliest to be worked on; else the first.
        en_3 = next((f.id for f in filas if f.etapa_actual.startswith("3 ")), None)
        return en_3 if en_3 is not None else (filas[0].id if filas else None)

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
