"""Registrar el avance de una actividad: porcentaje (0–100, con un control deslizante), inicio real y fin real.

«Marcar cumplida» pone 100 % y el fin real de hoy. Se permite mientras el plan no esté cerrado (también sancionado o
en ejecución: es el seguimiento, no la estructura). Guardar es una orden deshacible (Ctrl+Z devuelve los valores
anteriores); las reglas (el 100 % pide fin real, un avance pide inicio real) las dice el servicio.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.plan import LADOS
from nucleo.servicios.actividades import FilaActividad, registrar_avance
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.estilo import TEXTO_SECUNDARIO, fuente_relativa
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.semaforo import EtiquetaSemaforo

Avance = tuple[int, date | None, date | None]


def nombre_actividad(f: FilaActividad) -> str:
    return f"{f.codigo} {f.nombre}"


def comando_avance(ctx: Contexto, actividad_id: int, nombre: str, nuevo: Avance) -> ComandoServicio:
    """La orden deshacible: hacer registra `nuevo` y devuelve lo anterior; deshacer lo repone."""
    return ComandoServicio(
        ctx, _("Registrar el avance de «{nombre}»").format(nombre=nombre), "actividad",
        hacer=lambda s: registrar_avance(s, actividad_id, *nuevo),
        deshacer=lambda s, anterior: registrar_avance(s, actividad_id, *anterior),
        rehacer=lambda s, _r: registrar_avance(s, actividad_id, *nuevo),
    )


class DialogoAvance(DialogoFormulario):
    """`DialogoAvance(ctx, fila, parent, hoy=date)`: `fila` es la FilaActividad de listar_actividades."""

    def __init__(self, ctx: Contexto, fila: FilaActividad, parent: QWidget | None = None, hoy: date | None = None,
                 solo_lectura: bool = False):
        super().__init__(ctx, parent, solo_lectura)
        self.fila = fila
        self.hoy = hoy or date.today()
        self.guardado: Avance | None = None
        self.setMinimumWidth(520)

        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.setSpacing(8)
        titulo = QLabel(nombre_actividad(fila))
        titulo.setFont(fuente_relativa(self.font(), 1.1, negrita=True))
        titulo.setWordWrap(True)
        capa.addWidget(titulo)
        capa.addWidget(self._contexto_actividad())
        capa.addSpacing(4)

        f = self._formulario()
        self.avance = QSpinBox()
        self.avance.setRange(0, 100)
        self.avance.setSuffix(" %")
        self.avance.setFixedWidth(90)
        self.avance.setAccessibleName(_("Avance en por ciento"))
        self.deslizador = QSlider(Qt.Orientation.Horizontal)
        self.deslizador.setRange(0, 100)
        self.deslizador.setSingleStep(5)
        self.deslizador.setPageStep(10)
        self.deslizador.setTickInterval(10)
        self.deslizador.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.deslizador.setAccessibleName(_("Avance"))
        self.avance.valueChanged.connect(self._al_cambiar_avance)
        self.deslizador.valueChanged.connect(self.avance.setValue)
        fila_avance = QWidget()
        capa_avance = QHBoxLayout(fila_avance)
        capa_avance.setContentsMargins(0, 0, 0, 0)
        capa_avance.addWidget(self.avance)
        capa_avance.addWidget(self.deslizador, 1)
        self.inicio_real = CampoFecha()
        self.inicio_real.setFixedWidth(150)
        self.fin_real = CampoFecha()
        self.fin_real.setFixedWidth(150)
        self._campo(f, 0, "avance", _("&Avance:"), fila_avance, foco=self.avance,
                    ayuda=_("Cuánto de la actividad está hecho. El 100 % la da por cumplida."))
        self._campo(f, 0, "inicio_real", _("&Inicio real:"), self.inicio_real,
                    ayuda=_("Cuándo empezó de verdad. Las fechas reales mueven la actividad y sus sucesoras."))
        self._campo(f, 0, "fin_real", _("&Fin real:"), self.fin_real,
                    ayuda=_("Cuándo terminó; vacío mientras sigue en curso."))
        capa.addLayout(f)
        self.boton_cumplida = QPushButton(_("&Marcar cumplida (100 %, fin real hoy)"))
        self.boton_cumplida.setToolTip(_("Pone el avance en 100 % y el fin real en la fecha de hoy ({hoy}).")
                                       .format(hoy=formato.fecha(self.hoy)))
        self.boton_cumplida.clicked.connect(self.marcar_cumplida)
        fila_boton = QHBoxLayout()
        fila_boton.addStretch(1)
        fila_boton.addWidget(self.boton_cumplida)
        capa.addLayout(fila_boton)
        capa.addStretch(1)
        self.agregar_pestana(pagina, _("Avance"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()

        self._cargando = True
        self.avance.setValue(fila.avance)
        self.deslizador.setValue(fila.avance)
        self.inicio_real.fijar(fila.inicio_real)
        self.fin_real.fijar(fila.fin_real)
        self._cargando = False
        self.inicio_real.cambiada.connect(lambda: self.quitar_error("inicio_real"))
        self.fin_real.cambiada.connect(lambda: self.quitar_error("fin_real"))
        if self.solo_lectura:
            self.avance.setReadOnly(True)
            self.deslizador.setEnabled(False)
            self.inicio_real.setReadOnly(True)
            self.fin_real.setReadOnly(True)
            self.boton_cumplida.setEnabled(False)
        self._fijar_titulo(_("Registrar avance"))
        self.avance.setFocus()
        self.avance.selectAll()

    def _contexto_actividad(self) -> QWidget:
        """Lo planificado, quién responde y el semáforo de hoy: lo que se mira antes de anotar el avance."""
        f = self.fila
        caja = QWidget()
        capa = QVBoxLayout(caja)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(2)
        if f.hito:
            plazo = _("Hito planificado para el {fecha}").format(fecha=formato.fecha(f.fin))
        elif f.inicio and f.fin:
            plazo = _("Planificada del {inicio} al {fin}").format(inicio=formato.fecha(f.inicio),
                                                                 fin=formato.fecha(f.fin))
            plazo += " (" + n_("{n} día hábil", "{n} días hábiles", f.duracion).format(
                n=formato.entero(f.duracion)) + ")"
        else:
            plazo = _("Todavía sin fechas planificadas")
        responde = f.responsable or traducir(LADOS.get(f.lado, f.lado))
        detalle = QLabel(plazo + "  ·  " + _("Responde: {quien}").format(quien=responde))
        detalle.setWordWrap(True)
        detalle.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
        capa.addWidget(detalle)
        luz = QHBoxLayout()
        luz.setContentsMargins(0, 0, 0, 0)
        luz.addWidget(QLabel(_("Hoy ({fecha}):").format(fecha=formato.fecha(self.hoy))))
        self.semaforo = EtiquetaSemaforo(caja, f.semaforo)
        luz.addWidget(self.semaforo)
        luz.addStretch(1)
        capa.addLayout(luz)
        if f.condiciones:
            condiciones = QLabel(_("Condición de satisfacción: {texto}").format(texto=f.condiciones))
            condiciones.setWordWrap(True)
            condiciones.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")
            capa.addWidget(condiciones)
        return caja

    # -- edición ----------------------------------------------------------------------------------------------
    def _al_cambiar_avance(self, valor: int) -> None:
        if self.deslizador.value() != valor:
            self.deslizador.setValue(valor)
        self.quitar_error("avance")
        if self._cargando or self.solo_lectura:
            return
        # Work that has begun has a start: propose the planned one (or today, if it was planned later).
        if valor > 0 and not self.inicio_real.editor.text().strip():
            self.inicio_real.fijar(min(self.fila.inicio or self.hoy, self.hoy))
            self.quitar_error("inicio_real")

    def marcar_cumplida(self) -> None:
        if self.solo_lectura:
            return
        self.avance.setValue(100)
        if not self.inicio_real.editor.text().strip():
            self.inicio_real.fijar(min(self.fila.inicio or self.hoy, self.hoy))
        self.fin_real.fijar(self.hoy)
        self.quitar_error("fin_real")
        self.boton_guardar.setFocus()

    # -- guardar ----------------------------------------------------------------------------------------------
    def datos(self) -> Avance:
        errores: dict[str, str] = {}
        fechas: dict[str, date | None] = {}
        for campo, widget in (("inicio_real", self.inicio_real), ("fin_real", self.fin_real)):
            try:
                fechas[campo] = widget.fecha()
            except ValueError as exc:
                errores[campo] = str(exc)
        if errores:
            raise ErroresDeValidacion(errores)
        return self.avance.value(), fechas["inicio_real"], fechas["fin_real"]

    def _comando(self, datos: Avance) -> ComandoServicio:
        return comando_avance(self.ctx, self.fila.id, nombre_actividad(self.fila), datos)

    def _guardado(self, _anterior) -> None:
        self.guardado = self.datos()

    def _mensaje_guardado(self, datos: Avance) -> str:
        return _("Avance de «{nombre}»: {avance} (Ctrl+Z deshace).").format(
            nombre=nombre_actividad(self.fila), avance=formato.porcentaje(datos[0] / 100))
