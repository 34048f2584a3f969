"""Comparar dos revisiones del plan (o una revisión con el plan ahora): qué actividades se agregaron, quitaron o
cambiaron de fechas, qué líneas del presupuesto cambiaron y qué secciones de texto se reescribieron.

La comparación la hace nucleo.servicios.sancion.comparar_revisiones sobre las instantáneas congeladas; aquí solo se
eligen las dos revisiones y se muestran las diferencias como listas legibles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from ui.contexto import Contexto
from ui.estilo import TEXTO_SECUNDARIO

AHORA = 0  # comparar_revisiones: 0 = the live plan
VERDE, ROJO, AZUL = "#2e7d32", "#c62828", "#1565c0"


def _diferencia(antes: int, despues: int) -> str:
    delta = despues - antes
    signo = "+" if delta > 0 else "−"
    return f"{signo} {formato.guaranies(abs(delta))}"


def html_diferencias(dif) -> str:
    """Las Diferencias como HTML sencillo (títulos y listas) para un QTextBrowser."""
    partes = [f"<p style='font-size:large'><b>{escape(dif.resumen)}</b></p>"]
    if not dif.hay_cambios:
        return "".join(partes)

    def seccion(titulo: str, filas: list[str], color: str) -> None:
        if not filas:
            return
        partes.append(f"<h3 style='color:{color}; margin-bottom:2px'>{escape(titulo)}</h3><ul>")
        partes.extend(f"<li>{f}</li>" for f in filas)
        partes.append("</ul>")

    seccion(n_("{n} actividad agregada", "{n} actividades agregadas", len(dif.actividades_agregadas)).format(
        n=formato.entero(len(dif.actividades_agregadas))), [escape(a) for a in dif.actividades_agregadas], VERDE)
    seccion(n_("{n} actividad quitada", "{n} actividades quitadas", len(dif.actividades_quitadas)).format(
        n=formato.entero(len(dif.actividades_quitadas))), [escape(a) for a in dif.actividades_quitadas], ROJO)
    seccion(n_("{n} actividad con otras fechas", "{n} actividades con otras fechas",
               len(dif.actividades_movidas)).format(n=formato.entero(len(dif.actividades_movidas))),
            [f"{escape(nombre)}: <span style='color:{TEXTO_SECUNDARIO}'>{escape(antes)}</span> → "
             f"<b>{escape(despues)}</b>" for nombre, antes, despues in dif.actividades_movidas], AZUL)
    seccion(_("Presupuesto"),
            [f"{escape(linea)}: <span style='color:{TEXTO_SECUNDARIO}'>{escape(formato.guaranies(antes))}</span> → "
             f"<b>{escape(formato.guaranies(despues))}</b> "
             f"<span style='color:{TEXTO_SECUNDARIO}'>({escape(_diferencia(antes, despues))})"
             f"</span>" for linea, antes, despues in dif.presupuesto], AZUL)
    seccion(_("Secciones con el texto cambiado"), [escape(t) for t in dif.textos], AZUL)
    return "".join(partes)


class DialogoComparar(QDialog):
    """`revisiones`: las FilaRevision del plan; `a` y `b`: los números a comparar (b = 0, el plan ahora)."""

    def __init__(self, ctx: Contexto, plan_id: int, revisiones: Sequence, a: int, b: int = AHORA,
                 parent: QWidget | None = None, hoy: date | None = None):
        super().__init__(parent)
        self.ctx, self.plan_id, self.hoy = ctx, plan_id, hoy
        self.diferencias = None  # the last Diferencias shown (tests read it)
        self.setWindowTitle(_("Comparar revisiones del plan"))
        self.resize(760, 560)
        numeros = sorted({r.numero for r in revisiones})

        self.desde = QComboBox()
        self.hasta = QComboBox()
        for n in numeros:
            fecha = next((formato.fecha(r.sancionado_en) for r in revisiones if r.numero == n), "")
            texto = _("Revisión {n} (sancionada el {fecha})").format(n=n, fecha=fecha)
            self.desde.addItem(texto, n)
            self.hasta.addItem(texto, n)
        self.hasta.addItem(_("El plan ahora"), AHORA)
        self.desde.setCurrentIndex(max(0, self.desde.findData(a)))
        self.hasta.setCurrentIndex(max(0, self.hasta.findData(b)))
        self.desde.setAccessibleName(_("Comparar desde"))
        self.hasta.setAccessibleName(_("Comparar hasta"))
        self.desde.currentIndexChanged.connect(lambda _i: self.actualizar())
        self.hasta.currentIndexChanged.connect(lambda _i: self.actualizar())
        rotulo_desde = QLabel(_("&Desde:"))
        rotulo_desde.setBuddy(self.desde)
        rotulo_hasta = QLabel(_("&Hasta:"))
        rotulo_hasta.setBuddy(self.hasta)
        fila = QHBoxLayout()
        fila.addWidget(rotulo_desde)
        fila.addWidget(self.desde, 1)
        fila.addSpacing(12)
        fila.addWidget(rotulo_hasta)
        fila.addWidget(self.hasta, 1)

        self.texto = QTextBrowser()
        self.texto.setOpenLinks(False)
        self.texto.setAccessibleName(_("Diferencias"))
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        botones.button(QDialogButtonBox.StandardButton.Close).setText(_("Cerrar"))
        botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.addLayout(fila)
        capa.addWidget(self.texto, 1)
        capa.addWidget(botones)
        self.actualizar()

    def actualizar(self) -> None:
        a, b = self.desde.currentData(), self.hasta.currentData()
        if a is None or b is None:
            return
        if a == b:
            self.diferencias = None
            self.texto.setHtml(f"<p>{escape(_('Elija dos revisiones distintas (o una revisión y el plan ahora).'))}"
                               "</p>")
            return
        pid, hoy = self.plan_id, self.hoy
        from nucleo.servicios.sancion import comparar_revisiones

        try:
            self.diferencias = self.ctx.leer(lambda s: comparar_revisiones(s, pid, a, b, hoy))
        except ErrorDeUsuario as exc:
            self.diferencias = None
            self.texto.setHtml(f"<p style='color:{ROJO}'>{escape(exc.mensaje)}</p>")
            return
        self.texto.setHtml(html_diferencias(self.diferencias))
