"""Modo presentación (F5): el Plan de Acción a pantalla completa para el Concejo Municipal.

Las diapositivas se arman con los datos vivos del expediente, leídos por los servicios en una sesión corta (nada de
imágenes del PDF); las pinta ui/diapositivas.py. Solo se lee: no hay nada que editar en esta ventana.

Teclado (y los presentadores inalámbricos, que mandan AvPág/RePág/B): → ↓ AvPág Espacio Enter avanzan; ← ↑ RePág
Retroceso vuelven; Inicio/Fin van a la primera y a la última; B (o el punto) pone la pantalla en negro y otra tecla la
devuelve; Esc cierra. Un clic avanza y el botón derecho vuelve.
"""

from __future__ import annotations

import importlib
import logging
from collections import defaultdict
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QScreen,
)
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_, traducir
from ui import diapositivas as dp

log = logging.getLogger(__name__)

MAXIMO_FILAS_GANTT = 10  # more top-level rows than this and the overview groups by result instead


# ------------------------------------------------------------------------------------------------- los datos
def _modulo(nombre: str) -> Any:
    # The signatures service is written by another part of the program; until it exists the slide shows the state.
    try:
        return importlib.import_module(nombre)
    except ImportError:
        return None


def _intervalos(tramos: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Une los tramos que se tocan, se solapan o solo los separa un fin de semana o un feriado: la ruta crítica es
    continua en días hábiles, y la franja se dibuja sin cortes falsos."""
    salida: list[tuple[date, date]] = []
    for a, b in sorted(tramos):
        if salida and a.toordinal() <= salida[-1][1].toordinal() + 5:
            salida[-1] = (salida[-1][0], max(salida[-1][1], b))
        else:
            salida.append((a, b))
    return salida


def _filas_gantt(actividades: list[Any], orden_resultados: dict[str, int],
                 descripciones: dict[str, str]) -> tuple[list[dp.FilaGanttP], str]:
    """Una barra por grupo de primer nivel; si son demasiadas (o no hay grupos), una por resultado."""
    hijos: dict[int | None, list[Any]] = defaultdict(list)
    for a in actividades:
        hijos[a.padre_id].append(a)

    def detalle(a: Any) -> list[Any]:
        if not a.es_resumen:
            return [a]
        return [d for h in hijos[a.id] for d in detalle(h)]

    def fila(codigo: str, nombre: str, tareas: list[Any]) -> dp.FilaGanttP | None:
        con_fecha = [t for t in tareas if t.inicio is not None and t.fin is not None]
        if not con_fecha:
            return None
        peso = sum(max(t.duracion, 1) for t in con_fecha)
        avance = round(sum(t.avance * max(t.duracion, 1) for t in con_fecha) / peso) if peso else 0
        criticos = _intervalos([(t.inicio, t.fin) for t in con_fecha if t.critica and not t.hito])
        hitos = sorted({t.fin for t in con_fecha if t.hito})
        return dp.FilaGanttP(codigo, nombre, min(t.inicio for t in con_fecha), max(t.fin for t in con_fecha),
                             avance, criticos, hitos)

    primeras = hijos[None]
    if primeras and len(primeras) <= MAXIMO_FILAS_GANTT and any(a.es_resumen for a in primeras):
        filas = [fila(a.codigo, a.nombre, detalle(a)) for a in primeras]
        return [f for f in filas if f is not None], "grupo"
    por_resultado: dict[str, list[Any]] = defaultdict(list)
    for a in actividades:
        if not a.es_resumen:
            por_resultado[a.resultado_codigo or ""].append(a)
    claves = sorted(por_resultado, key=lambda k: (k == "", orden_resultados.get(k, 999), k))
    filas = [fila(k, descripciones.get(k, "") if k else _("Sin resultado"), por_resultado[k]) for k in claves]
    # A plan has a handful of results; past a dozen rows the overview would stop being readable from the room.
    return [f for f in filas if f is not None][:MAXIMO_FILAS_GANTT + 2], "resultado"


def reunir(s: Any, municipio_id: int, plan_id: int, hoy: date) -> dp.DatosPresentacion:
    """Todo lo que muestran las diapositivas, leído por los servicios y ya formateado. Solo lee."""
    from nucleo.modelo.plan import ESTADOS_PLAN
    from nucleo.servicios import cruce as servicio_cruce
    from nucleo.servicios import indicadores as servicio_indicadores
    from nucleo.servicios import riesgos as servicio_riesgos
    from nucleo.servicios.listado_actividades import listar_actividades
    from nucleo.servicios.municipio import obtener_municipio
    from nucleo.servicios.necesidades import listar_necesidades
    from nucleo.servicios.plan import cadena, listar_resultados, resumen_plan
    from nucleo.servicios.presupuesto import presupuesto
    from nucleo.servicios.territorios import listar_territorios, obtener_territorio

    r = resumen_plan(s, plan_id, hoy)
    m = obtener_municipio(s, municipio_id)
    d = dp.DatosPresentacion(
        municipio=m.nombre, departamento=getattr(m, "departamento", "") or "", titulo=r.titulo,
        territorio=r.territorio, revision=r.revision, estado=r.estado, estado_texto=r.estado_texto, hoy=hoy,
        estados=[(k, traducir(v)) for k, v in ESTADOS_PLAN.items()])
    if r.fin is not None:
        d.periodo = _("Del {inicio} al {fin}").format(inicio=formato.fecha_larga(r.inicio),
                                                      fin=formato.fecha_larga(r.fin))
    d.cifras = []
    if r.duracion:
        d.cifras.append((formato.entero(r.duracion), n_("día hábil", "días hábiles", r.duracion)))
    d.cifras += [(formato.entero(r.n_actividades), n_("actividad", "actividades", r.n_actividades)),
                 (formato.guaranies(r.presupuesto), _("de presupuesto"))]
    if r.avance is not None and r.estado in ("en_ejecucion", "cerrado"):
        d.cifras.append((formato.porcentaje(r.avance), _("de avance")))

    # The territory and its needs.
    t = obtener_territorio(s, r.territorio_id)
    fila_t = next((f for f in listar_territorios(s, municipio_id, hoy) if f.id == r.territorio_id), None)
    datos_t: list[tuple[str, str]] = []
    if fila_t is not None:
        datos_t.append((_("Tipo"), fila_t.tipo_texto))
    if t.poblacion:
        datos_t.append((_("Población"), n_("{n} persona", "{n} personas", t.poblacion).format(
            n=formato.entero(t.poblacion))))
    if t.hogares:
        datos_t.append((_("Hogares"), formato.entero(t.hogares)))
    if fila_t is not None and fila_t.organizacion:
        datos_t.append((_("Organización comunitaria"), fila_t.organizacion))
    d.territorio_datos = datos_t
    d.caracterizacion = t.caracterizacion or ""

    necesidades = listar_necesidades(s, municipio_id, r.territorio_id)
    d.n_necesidades = len(necesidades)
    respuesta: dict[int, str] = {}
    for eslabon in cadena(s, plan_id).por_necesidad:
        if eslabon.resultados:
            respuesta[eslabon.necesidad_id] = ", ".join(
                f"{codigo} — {formato.abreviar(descripcion, 140)}" if len(eslabon.resultados) == 1 else codigo
                for _rid, codigo, descripcion in eslabon.resultados)
    d.necesidades = [dp.NecesidadP(n.prioridad_texto, n.descripcion, n.pilar_texto, n.es_brecha,
                                   respuesta.get(n.id, "")) for n in necesidades if n.priorizada]
    d.brechas = [dp.NecesidadP(n.prioridad_texto, n.descripcion, n.pilar_texto, True, respuesta.get(n.id, ""))
                 for n in servicio_cruce.brechas(s, municipio_id, r.territorio_id, hoy)]

    # Results and indicators.
    resultados = listar_resultados(s, plan_id)
    por_resultado: dict[int, list[dp.IndicadorP]] = defaultdict(list)
    for i in servicio_indicadores.listar_indicadores(s, plan_id):
        por_resultado[i.resultado_id].append(dp.IndicadorP(
            i.nombre, i.base_texto, i.meta_texto, i.ultimo_texto if i.ultimo_valor is not None else "",
            i.cumplimiento, i.cumplimiento_texto, i.estado == servicio_indicadores.META_ALCANZADA,
            i.ultimo_valor is not None))
    d.resultados = [dp.ResultadoP(x.codigo, x.descripcion, por_resultado.get(x.id, [])) for x in resultados]

    # The schedule.
    actividades = listar_actividades(s, plan_id, hoy)
    d.gantt, d.gantt_por = _filas_gantt(actividades, {x.codigo: x.orden for x in resultados},
                                        {x.codigo: x.descripcion for x in resultados})
    d.n_criticas = r.n_criticas

    # Money.
    p = presupuesto(s, plan_id)
    d.presupuesto_total = p.total
    d.fuentes = [(texto, monto) for _clave, texto, monto in p.por_fuente if monto]
    d.sin_costo = p.sin_costo

    # Risks: every risk of the plan on the map (as in its printout); the open ones, most serious first, named.
    d.matriz = servicio_riesgos.matriz_del_municipio(s, municipio_id)
    riesgos = servicio_riesgos.listar_riesgos(s, municipio_id, hoy, plan_id=plan_id)
    d.conteos = servicio_riesgos.mapa_de_calor(riesgos)
    d.n_riesgos = len(riesgos)
    abiertos = sorted((x for x in riesgos if x.estado in servicio_riesgos.ESTADOS_ABIERTOS),
                      key=lambda x: (-d.matriz.orden_nivel(x.nivel), -x.probabilidad * x.impacto, x.orden))
    d.riesgos = [dp.RiesgoP(x.escenario, x.nivel_texto, x.color, x.estado_texto) for x in abiertos[:4]]

    # Signatures, when the sanction service is there.
    sancion = _modulo("nucleo.servicios.sancion")
    if sancion is not None and hasattr(sancion, "listar_firmantes"):
        d.firmantes = [dp.FirmanteP(f.rol_texto, f.nombre, f.cargo, f.requerida,
                                    formato.fecha(f.fecha) if f.fecha else "")
                       for f in sancion.listar_firmantes(s, plan_id)]
    if sancion is not None and hasattr(sancion, "listar_revisiones"):
        d.revisiones = [
            _("Revisión {n} sancionada el {fecha} · huella {huella} · {integra}").format(
                n=formato.entero(x.numero), fecha=formato.fecha(x.sancionado_en), huella=x.huella_corta,
                integra=_("contenido íntegro") if x.integra else _("¡el contenido no coincide con su huella!"))
            for x in sancion.listar_revisiones(s, plan_id)]
    return d


# ------------------------------------------------------------------------------------------------- la ventana
def pantalla_preferida() -> QScreen | None:
    """La segunda pantalla (el proyector) si hay una; si no, la principal."""
    principal = QGuiApplication.primaryScreen()
    otras = [p for p in QGuiApplication.screens() if p is not principal]
    return otras[0] if otras else principal


TECLAS_SIGUIENTE = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_Return,
                    Qt.Key.Key_Enter, Qt.Key.Key_N}
TECLAS_ANTERIOR = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P}
TECLAS_NEGRO = {Qt.Key.Key_B, Qt.Key.Key_Period}


class ModoPresentacion(QWidget):
    """Ventana sin marco a pantalla completa con las diapositivas del plan. `cerrada` se emite al cerrarla."""

    cerrada = Signal()
    cambio_diapositiva = Signal(int)

    def __init__(self, ctx: Any, plan_id: int, pantalla: QScreen | None = None, parent: QWidget | None = None,
                 hoy: date | None = None):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.ctx = ctx
        self.plan_id = plan_id
        self.hoy = hoy
        self.pantalla = pantalla
        self.indice = 0
        self.negro = False
        self.datos: dp.DatosPresentacion | None = None
        self.diapositivas: list[dp.Diapositiva] = []
        self.setWindowTitle(_("Presentación del Plan de Acción"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMouseTracking(True)
        self._cursor = QTimer(self)
        self._cursor.setSingleShot(True)
        self._cursor.setInterval(2000)
        self._cursor.timeout.connect(lambda: self.setCursor(Qt.CursorShape.BlankCursor))
        self.recargar()
        ctx.cambiado.connect(self._al_cambiar)
        self._conectada = True

    # -- datos ----------------------------------------------------------------------------------------------
    def recargar(self) -> None:
        """Lee otra vez el plan (ErrorDeUsuario si ya no existe) y rearma las diapositivas."""
        hoy = self.hoy or date.today()
        self.datos = self.ctx.leer(lambda s: reunir(s, self.ctx.municipio_id, self.plan_id, hoy))
        self.diapositivas = dp.armar(self.datos)
        self.indice = min(self.indice, len(self.diapositivas) - 1)
        self.update()

    def _al_cambiar(self, _que: set[str]) -> None:
        try:
            self.recargar()
        except ErrorDeUsuario:
            self.close()  # the plan was deleted under the presentation

    def titulos(self) -> list[str]:
        return [d.titulo for d in self.diapositivas]

    # -- navegación -----------------------------------------------------------------------------------------
    def ir_a(self, indice: int) -> None:
        indice = max(0, min(indice, len(self.diapositivas) - 1))
        self.negro = False
        if indice != self.indice:
            self.indice = indice
            self.cambio_diapositiva.emit(indice)
        self.update()

    def siguiente(self) -> None:
        self.ir_a(self.indice + 1)

    def anterior(self) -> None:
        self.ir_a(self.indice - 1)

    def keyPressEvent(self, evento: QKeyEvent) -> None:  # noqa: N802 - Qt override
        tecla = evento.key()
        if tecla == Qt.Key.Key_Escape:
            self.close()
        elif tecla in TECLAS_NEGRO:
            self.negro = not self.negro
            self.update()
        elif self.negro and tecla in TECLAS_SIGUIENTE | TECLAS_ANTERIOR | {Qt.Key.Key_Home, Qt.Key.Key_End}:
            # Out of the black screen first, as presentation programs do: the audience sees where it was.
            self.negro = False
            self.update()
        elif tecla in TECLAS_SIGUIENTE:
            self.siguiente()
        elif tecla in TECLAS_ANTERIOR:
            self.anterior()
        elif tecla == Qt.Key.Key_Home:
            self.ir_a(0)
        elif tecla == Qt.Key.Key_End:
            self.ir_a(len(self.diapositivas) - 1)
        else:
            super().keyPressEvent(evento)
            return
        evento.accept()

    def mousePressEvent(self, evento: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if evento.button() == Qt.MouseButton.LeftButton:
            self.siguiente()
        elif evento.button() == Qt.MouseButton.RightButton:
            self.anterior()

    def mouseMoveEvent(self, evento: QMouseEvent) -> None:  # noqa: N802 - Qt override
        # The pointer shows while it moves and hides again, so it does not sit on the slide.
        self.unsetCursor()
        self._cursor.start()
        super().mouseMoveEvent(evento)

    # -- pintura ----------------------------------------------------------------------------------------------
    def familia(self) -> str:
        return QApplication.font().family()

    def paintEvent(self, _evento: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        try:
            if self.negro or not self.diapositivas or self.datos is None:
                p.fillRect(self.rect(), QColor("#000000"))
                return
            dp.pintar(p, self.width(), self.height(), self.familia(), self.datos, self.diapositivas, self.indice)
        finally:
            p.end()

    def imagen(self, indice: int, tamano: QSize) -> QImage:
        """La diapositiva `indice` pintada en una imagen de `tamano` (pruebas, vistas previas)."""
        imagen = QImage(tamano, QImage.Format.Format_RGB32)
        p = QPainter(imagen)
        try:
            dp.pintar(p, tamano.width(), tamano.height(), self.familia(), self.datos, self.diapositivas, indice)
        finally:
            p.end()
        return imagen

    # -- mostrar y cerrar ---------------------------------------------------------------------------------------
    def mostrar(self) -> None:
        """A pantalla completa en la pantalla elegida (la segunda si hay, si no la principal)."""
        pantalla = self.pantalla or pantalla_preferida()
        if pantalla is not None:
            self.setScreen(pantalla)
            self.setGeometry(pantalla.geometry())
        self.showFullScreen()
        if QGuiApplication.platformName() != "offscreen":  # there it only warns that it cannot
            self.raise_()
        self.activateWindow()
        self.setFocus()
        self._cursor.start()

    def closeEvent(self, evento: Any) -> None:  # noqa: N802 - Qt override
        if self._conectada:
            # Closed presentations must not keep reading the expediente on every change.
            self.ctx.cambiado.disconnect(self._al_cambiar)
            self._conectada = False
        self.cerrada.emit()
        super().closeEvent(evento)


# ----------------------------------------------------------------------------------------------- la entrada
def planes_del_municipio(ctx: Any) -> list[tuple[int, str]]:
    """(plan_id, «Territorio — título») de cada plan del municipio, por nombre del territorio."""
    from nucleo.servicios.plan import planes_del_municipio as planes

    return [(pid, texto) for pid, texto, _estado in ctx.leer(lambda s: planes(s, ctx.municipio_id))]


def elegir_plan(ctx: Any, parent: QWidget | None) -> int | None:
    """Pregunta qué plan presentar (si hay uno solo, ese). None si no hay planes o se cancela."""
    planes = planes_del_municipio(ctx)
    if not planes:
        QMessageBox.information(parent, _("Presentar el plan"),
                                _("Todavía no hay ningún Plan de Acción para presentar. Créelo en la página "
                                  "«Plan de Acción»."))
        return None
    if len(planes) == 1:
        return planes[0][0]
    textos = [t for _pid, t in planes]
    texto, ok = QInputDialog.getItem(parent, _("Presentar el plan"), _("¿Qué Plan de Acción quiere presentar?"),
                                     textos, 0, False)
    if not ok:
        return None
    return planes[textos.index(texto)][0]


def presentar(ctx: Any, plan_id: int | None, parent: QWidget | None = None, pantalla: QScreen | None = None,
              hoy: date | None = None) -> ModoPresentacion | None:
    """Abre la presentación del plan (con `plan_id` None, pregunta cuál). None si no hay qué presentar o se canceló.
    La ventana se borra sola al cerrarse (Esc)."""
    if plan_id is None:
        plan_id = elegir_plan(ctx, parent)
        if plan_id is None:
            return None
    try:
        ventana = ModoPresentacion(ctx, plan_id, pantalla, parent, hoy)
    except ErrorDeUsuario as exc:
        QMessageBox.warning(parent, _("Presentar el plan"), exc.mensaje)
        return None
    ventana.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ventana.mostrar()
    return ventana
