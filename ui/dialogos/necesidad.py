"""Ficha de una necesidad del diagnóstico participativo: alta, edición y consulta (guardado deshacible)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from nucleo import formato
from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo.diagnostico import DIMENSIONES, FUENTES_NECESIDAD
from nucleo.modelo.oportunidad import PILARES, POBLACIONES
from nucleo.servicios.necesidades import (
    DatosNecesidad,
    actualizar_necesidad,
    crear_necesidad,
    eliminar_necesidad,
    listar_necesidades,
    obtener_necesidad,
    restaurar_necesidad,
    texto_prioridad,
    validar,
)
from nucleo.servicios.oportunidades import territorios_para_elegir
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.widgets.campo_fecha import CampoFecha


def _combo(opciones: dict[str, str], primero: str | None = None) -> QComboBox:
    combo = QComboBox()
    if primero is not None:
        combo.addItem(primero, "")
    for clave, texto in opciones.items():
        combo.addItem(traducir(texto), clave)
    return combo


def _texto(alto: int, ayuda: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)  # Tab moves on, as in every other field
    editor.setMinimumHeight(alto)
    editor.setMaximumHeight(alto)
    editor.setPlaceholderText(ayuda)
    return editor


class DialogoNecesidad(DialogoFormulario):
    """`DialogoNecesidad(ctx, territorio_id=t)` crea una necesidad en el territorio; `DialogoNecesidad(ctx, id)` la
    edita. Tras aceptar, `necesidad_id` es su id. La prioridad no se edita aquí: sale de ordenar la lista o de los
    votos; el formulario la conserva tal cual."""

    def __init__(self, ctx: Contexto, necesidad_id: int | None = None, parent: QWidget | None = None,
                 territorio_id: int | None = None, solo_lectura: bool = False, hoy: date | None = None):
        super().__init__(ctx, parent, solo_lectura)
        self.necesidad_id = necesidad_id
        self._hoy = hoy
        self._prioridad: int | None = None
        self.setMinimumSize(640, 560)
        self.resize(700, 620)

        self.agregar_pestana(self._pagina_datos(), _("Necesidad"))
        self.pestanas.tabBar().hide()  # a single page: the tab would only add a frame
        self.pestanas.setDocumentMode(True)
        self.armar()

        self._cargar_territorios()
        if necesidad_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_necesidad(s, necesidad_id)))
            self._mostrar_empate()
        else:
            self.fijar(DatosNecesidad(territorio_id=territorio_id, fecha=hoy or date.today()))
        if self.solo_lectura:
            self._bloquear()
        self._fijar_titulo(_("Nueva necesidad") if necesidad_id is None else _("Necesidad"))
        self.descripcion.setFocus()

    # -- armado -----------------------------------------------------------------------------------------------
    def _pagina_datos(self) -> QWidget:
        self.territorio = QComboBox()
        self.descripcion = _texto(76, _("La necesidad o el déficit, con las palabras de la comunidad: qué falta, a "
                                        "quién afecta, desde cuándo…"))
        self.dimension = _combo(DIMENSIONES)
        self.pilar = _combo(PILARES, _("Sin indicar"))
        self.poblacion = _combo(POBLACIONES, _("Sin indicar"))
        self.fuente = _combo(FUENTES_NECESIDAD)
        self.fecha = CampoFecha()
        self.fecha.setMaximumWidth(170)
        self.votos = QLineEdit()
        self.votos.setMaximumWidth(120)
        self.votos.setPlaceholderText(_("Sin votar"))
        self.prioridad = QLabel()
        self.notas = _texto(70, _("Quiénes la plantearon, datos que la respaldan, acuerdos…"))
        for combo in (self.dimension, self.fuente):
            combo.setMaximumWidth(260)

        f = self._formulario()
        self._campo(f, 0, "territorio_id", _("&Territorio:"), self.territorio)
        self._campo(f, 0, "descripcion", _("&Descripción:"), self.descripcion)
        self._campo(f, 0, "dimension", _("D&imensión:"), self.dimension,
                    ayuda=_("Dimensión del desarrollo a la que pertenece (000, glosario)."))
        self._campo(f, 0, "pilar", _("&Pilar del SPS:"), self.pilar)
        self._campo(f, 0, "poblacion", _("P&oblación afectada:"), self.poblacion,
                    ayuda=_("Con el pilar y la población, el cruce oferta–demanda sugiere las oportunidades del "
                            "Mapa que pueden responderle."))
        self._campo(f, 0, "fuente", _("&Fuente:"), self.fuente)
        self._campo(f, 0, "fecha", _("F&echa:"), self.fecha, foco=self.fecha.editor,
                    ayuda=_("Cuándo se planteó (el día del taller, de la encuesta o del registro)."))
        self._campo(f, 0, "votos", _("&Votos:"), self.votos,
                    ayuda=_("Los votos del taller; «Priorizar por votos» ordena las necesidades con ellos."))
        self._campo(f, 0, "prioridad", _("Prioridad:"), self.prioridad,
                    ayuda=_("La da la comunidad: se cambia ordenando la lista (arrastrando o con Ctrl+↑ y "
                            "Ctrl+↓) o con «Priorizar por votos»."))
        self._campo(f, 0, "notas", _("&Notas:"), self.notas)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _cargar_territorios(self) -> None:
        mid = self.ctx.municipio_id
        self.territorio.clear()
        for ident, nombre in self.ctx.leer(lambda s: territorios_para_elegir(s, mid)):
            self.territorio.addItem(nombre, ident)

    # -- datos ------------------------------------------------------------------------------------------------
    def fijar(self, d: DatosNecesidad) -> None:
        indice = self.territorio.findData(d.territorio_id)
        self.territorio.setCurrentIndex(max(0, indice))
        self.descripcion.setPlainText(d.descripcion)
        for combo, valor in ((self.dimension, d.dimension), (self.pilar, d.pilar or ""),
                             (self.poblacion, d.poblacion or ""), (self.fuente, d.fuente)):
            combo.setCurrentIndex(max(0, combo.findData(valor)))
        self.fecha.fijar(d.fecha)
        self.votos.setText(formato.entero(d.votos) if d.votos is not None else "")
        self._prioridad = d.prioridad
        self.prioridad.setText(texto_prioridad(d.prioridad, False) if d.prioridad is not None
                               else _("Sin priorizar"))
        self.notas.setPlainText(d.notas)

    def _mostrar_empate(self) -> None:
        """«2 (empate)» si otra necesidad del territorio tiene el mismo puesto, como en la lista."""
        nid, tid, mid = self.necesidad_id, self.territorio.currentData(), self.ctx.municipio_id
        if self._prioridad is None or tid is None:
            return
        fila = next((f for f in self.ctx.leer(lambda s: listar_necesidades(s, mid, tid)) if f.id == nid), None)
        if fila is not None:
            self.prioridad.setText(fila.prioridad_texto)

    def mostrar_errores(self, exc) -> None:
        super().mostrar_errores(exc)
        # One page without a visible tab: naming the tab («Necesidad») would only puzzle.
        if not self.error_general.isHidden() and self.marcador.widget(exc.campo or "") is not None:
            self.error_general.setText(_("Revise los datos marcados en rojo."))

    def _leer(self) -> tuple[DatosNecesidad, dict[str, str]]:
        """Los datos y los campos que no se pudieron leer (esos quedan vacíos en los datos)."""
        errores: dict[str, str] = {}
        try:
            fecha = self.fecha.fecha()
        except ValueError as exc:
            errores["fecha"], fecha = str(exc), None
        votos = None
        if self.votos.text().strip():
            try:
                votos = formato.leer_entero(self.votos.text())
            except ValueError as exc:
                errores["votos"] = str(exc)
        datos = DatosNecesidad(
            territorio_id=self.territorio.currentData(), descripcion=self.descripcion.toPlainText(),
            dimension=self.dimension.currentData(), pilar=self.pilar.currentData(),
            poblacion=self.poblacion.currentData(), fuente=self.fuente.currentData(), fecha=fecha,
            prioridad=self._prioridad, votos=votos, notas=self.notas.toPlainText())
        return datos, errores

    def datos(self) -> DatosNecesidad:
        """Los datos del formulario; ErroresDeValidacion si un número o una fecha no se puede leer."""
        datos, errores = self._leer()
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    def _datos_para_guardar(self) -> DatosNecesidad:
        datos, errores = self._leer()
        if errores:
            # Check the rest too, so every problem shows at once.
            mid, nid, hoy = self.ctx.municipio_id, self.necesidad_id, self._hoy
            try:
                self.ctx.leer(lambda s: validar(s, mid, datos, hoy, nid))
            except ErroresDeValidacion as exc:
                errores = {**exc.errores, **errores}
            raise ErroresDeValidacion(errores)
        return datos

    # -- guardar ----------------------------------------------------------------------------------------------
    def _guardado(self, resultado) -> None:
        # Creating returns the new id; updating, the previous data (for undo): the id is already known then.
        if isinstance(resultado, int):
            self.necesidad_id = resultado

    def _mensaje_guardado(self, datos: DatosNecesidad) -> str:
        return _("Necesidad guardada.")

    def _comando(self, datos: DatosNecesidad) -> ComandoServicio:
        hoy = self._hoy
        resumen = corto(datos.descripcion)
        if self.necesidad_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Registrar la necesidad «{texto}»").format(texto=resumen), "necesidad",
                hacer=lambda s: crear_necesidad(s, mid, datos, hoy),
                deshacer=lambda s, nid: eliminar_necesidad(s, nid),
                rehacer=lambda s, copia: restaurar_necesidad(s, copia),
            )
        nid = self.necesidad_id
        # The service returns the previous data: undo applies it, and gets back the data redo needs.
        return ComandoServicio(
            self.ctx, _("Modificar la necesidad «{texto}»").format(texto=resumen), "necesidad",
            hacer=lambda s: actualizar_necesidad(s, nid, datos, hoy),
            deshacer=lambda s, anterior: actualizar_necesidad(s, nid, anterior, hoy),
            rehacer=lambda s, nuevo: actualizar_necesidad(s, nid, nuevo, hoy),
        )

    def _bloquear(self) -> None:
        for editor in (self.descripcion, self.notas):
            editor.setReadOnly(True)
        self.votos.setReadOnly(True)
        self.fecha.setReadOnly(True)
        for combo in (self.territorio, self.dimension, self.pilar, self.poblacion, self.fuente):
            combo.setEnabled(False)


def corto(texto: str, largo: int = 48) -> str:
    """El comienzo de una descripción para los textos de deshacer y la barra de estado."""
    texto = " ".join(texto.split())
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"
