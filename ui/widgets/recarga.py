"""Paneles de pestaña que se vuelven a leer solo cuando se ven."""

from __future__ import annotations


class RecargaAlMostrar:
    """Un cambio que afecta al panel lo recarga si está a la vista; si está oculto (otra pestaña del plan), lo
    recarga al mostrarse: leer y dibujar un plan grande con cada cambio hecho en otra pestaña es trabajo que nadie ve.

    Pide `CAMBIOS_QUE_AFECTAN` (las entidades que lo afectan), `plan_id` y `recargar()`, que debe poner
    `self._vencido = False`; conecte `ctx.cambiado` a `self._al_cambiar`. Va antes de QWidget entre las bases.
    """

    CAMBIOS_QUE_AFECTAN: frozenset[str] = frozenset()
    _vencido = False  # a change arrived while hidden: reload when shown

    def _al_cambiar(self, que: set[str]) -> None:
        if not self.CAMBIOS_QUE_AFECTAN & set(que) or self.plan_id is None:
            return
        if self.isVisible():
            self.recargar()
        else:
            self._vencido = True

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().showEvent(evento)
        if self._vencido:
            self.recargar()
