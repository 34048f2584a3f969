"""Fichas de un indicador del Plan de Acción (su definición) y de una medición (guardado deshacible)."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from nucleo import formato
from nucleo.errores import ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo.plan import SENTIDOS, TIPOS_INDICADOR
from nucleo.servicios.indicadores import (
    DatosIndicador,
    DatosMedicion,
    actualizar_indicador,
    agregar_medicion,
    crear_indicador,
    editar_medicion,
    eliminar_indicador,
    eliminar_medicion,
    obtener_indicador,
    obtener_medicion,
    restaurar_indicador,
    restaurar_medicion,
    validar,
    validar_medicion,
)
from nucleo.servicios.plan import resultados_para_elegir
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.widgets.campo_fecha import CampoFecha


def corto(texto: str, largo: int = 48) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


def _combo(opciones: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for clave, texto in opciones.items():
        combo.addItem(traducir(texto), clave)
    return combo


def _numero(valor: float | None) -> str:
    return formato.numero(valor) if valor is not None else ""


def _leer_numero(editor: QLineEdit, campo: str, errores: dict[str, str]) -> float | None:
    texto = editor.text().strip()
    if not texto:
        return None
    try:
        return float(formato.leer_numero(texto))
    except ValueError as exc:
        errores[campo] = str(exc)
        return None


def _leer_fecha(campo_fecha: CampoFecha, campo: str, errores: dict[str, str]) -> date | None:
    try:
        return campo_fecha.fecha()
    except ValueError as exc:
        errores[campo] = str(exc)
        return None


class DialogoIndicador(DialogoFormulario):
    """`DialogoIndicador(ctx, plan_id)` crea un indicador (en `resultado_id` si se da); con `indicador_id` lo edita.
    Tras aceptar, `indicador_id` es su id."""

    def __init__(self, ctx: Contexto, plan_id: int, indicador_id: int | None = None, parent: QWidget | None = None,
                 resultado_id: int | None = None, solo_lectura: bool = False):
        super().__init__(ctx, parent, solo_lectura)
        self.plan_id = plan_id
        self.indicador_id = indicador_id
        self.setMinimumSize(620, 560)
        self.resize(680, 640)
        self.agregar_pestana(self._pagina(), _("Indicador"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        for ident, codigo, descripcion in ctx.leer(lambda s: resultados_para_elegir(s, plan_id)):
            self.resultado.addItem(f"{codigo} — {corto(descripcion, 70)}", ident)
            self.resultado.setItemData(self.resultado.count() - 1, descripcion, Qt.ItemDataRole.ToolTipRole)
        if indicador_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_indicador(s, indicador_id)))
        else:
            self.fijar(DatosIndicador(resultado_id=resultado_id))
        if self.solo_lectura:
            self._bloquear()
        self._fijar_titulo(_("Nuevo indicador") if indicador_id is None else _("Indicador"))
        self.nombre.setFocus()

    def _pagina(self) -> QWidget:
        self.resultado = QComboBox()
        self.tipo = _combo(TIPOS_INDICADOR)
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Qué se mide, por ejemplo: Hogares con agua segura"))
        self.unidad = QLineEdit()
        self.unidad.setMaximumWidth(200)
        self.unidad.setPlaceholderText(_("hogares, km, %, casos…"))
        self.sentido = _combo(SENTIDOS)
        self.sentido.setMaximumWidth(200)
        self.base_valor = QLineEdit()
        self.base_fecha = CampoFecha()
        self.meta_valor = QLineEdit()
        self.meta_fecha = CampoFecha()
        for editor in (self.base_valor, self.meta_valor):
            editor.setMaximumWidth(160)
        for campo in (self.base_fecha, self.meta_fecha):
            campo.setMaximumWidth(170)
        self.medio = QPlainTextEdit()
        self.medio.setTabChangesFocus(True)
        self.medio.setFixedHeight(64)
        self.medio.setPlaceholderText(_("Dónde se comprueba el valor: registro de asistencia, acta, informe…"))

        f = self._formulario()
        self._campo(f, 0, "resultado_id", _("&Resultado:"), self.resultado)
        self._campo(f, 0, "tipo", _("&Tipo:"), self.tipo,
                    ayuda=_("La tabla de indicadores del documento 000: normativos, de gestión, de producto y de "
                            "evaluación y seguimiento."))
        self._campo(f, 0, "nombre", _("&Indicador:"), self.nombre)
        self._campo(f, 0, "unidad", _("&Unidad:"), self.unidad)
        self._campo(f, 0, "sentido", _("&Sentido:"), self.sentido,
                    ayuda=_("Aumentar: la meta es mayor que la base. Disminuir: la meta es menor (p. ej. casos de "
                            "una enfermedad)."))
        self._campo(f, 0, "base_valor", _("Línea de &base:"), self.base_valor,
                    ayuda=_("El valor al comenzar. Sin base no se calcula el % de cumplimiento."))
        self._campo(f, 0, "base_fecha", _("Fecha de la b&ase:"), self.base_fecha, foco=self.base_fecha.editor)
        self._campo(f, 0, "meta_valor", _("&Meta:"), self.meta_valor,
                    ayuda=_("Cumplimiento = (último valor − base) ÷ (meta − base), entre 0 y 100 %."))
        self._campo(f, 0, "meta_fecha", _("Fecha de la m&eta:"), self.meta_fecha, foco=self.meta_fecha.editor)
        self._campo(f, 0, "medio_verificacion", _("Medio de &verificación:"), self.medio)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def fijar(self, d: DatosIndicador) -> None:
        self.resultado.setCurrentIndex(max(0, self.resultado.findData(d.resultado_id)))
        self.tipo.setCurrentIndex(max(0, self.tipo.findData(d.tipo)))
        self.nombre.setText(d.nombre)
        self.unidad.setText(d.unidad)
        self.sentido.setCurrentIndex(max(0, self.sentido.findData(d.sentido)))
        self.base_valor.setText(_numero(d.base_valor))
        self.base_fecha.fijar(d.base_fecha)
        self.meta_valor.setText(_numero(d.meta_valor))
        self.meta_fecha.fijar(d.meta_fecha)
        self.medio.setPlainText(d.medio_verificacion)

    def _leer(self) -> tuple[DatosIndicador, dict[str, str]]:
        errores: dict[str, str] = {}
        datos = DatosIndicador(
            resultado_id=self.resultado.currentData(), tipo=self.tipo.currentData(), nombre=self.nombre.text(),
            unidad=self.unidad.text(), medio_verificacion=self.medio.toPlainText(), sentido=self.sentido.currentData(),
            base_valor=_leer_numero(self.base_valor, "base_valor", errores),
            base_fecha=_leer_fecha(self.base_fecha, "base_fecha", errores),
            meta_valor=_leer_numero(self.meta_valor, "meta_valor", errores),
            meta_fecha=_leer_fecha(self.meta_fecha, "meta_fecha", errores),
        )
        return datos, errores

    def datos(self) -> DatosIndicador:
        datos, errores = self._leer()
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    def _datos_para_guardar(self) -> DatosIndicador:
        datos, errores = self._leer()
        if errores:
            mid = self.ctx.municipio_id
            try:  # the rest too, so every problem shows at once
                self.ctx.leer(lambda s: validar(s, mid, datos))
            except ErroresDeValidacion as exc:
                errores = {**exc.errores, **errores}
            raise ErroresDeValidacion(errores)
        return datos

    def mostrar_errores(self, exc) -> None:
        super().mostrar_errores(exc)
        if not self.error_general.isHidden() and self.marcador.widget(exc.campo or "") is not None:
            self.error_general.setText(_("Revise los datos marcados en rojo."))

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.indicador_id = resultado

    def _mensaje_guardado(self, datos: DatosIndicador) -> str:
        return _("Indicador guardado.")

    def _comando(self, datos: DatosIndicador) -> ComandoServicio:
        resumen = corto(datos.nombre)
        if self.indicador_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Agregar el indicador «{nombre}»").format(nombre=resumen), "indicador",
                hacer=lambda s: crear_indicador(s, mid, datos),
                deshacer=lambda s, iid: eliminar_indicador(s, iid),
                rehacer=lambda s, copia: restaurar_indicador(s, copia),
            )
        iid = self.indicador_id
        return ComandoServicio(
            self.ctx, _("Modificar el indicador «{nombre}»").format(nombre=resumen), "indicador",
            hacer=lambda s: actualizar_indicador(s, iid, datos),
            deshacer=lambda s, anterior: actualizar_indicador(s, iid, anterior),
            rehacer=lambda s, nuevo: actualizar_indicador(s, iid, nuevo),
        )

    def _bloquear(self) -> None:
        for editor in (self.nombre, self.unidad, self.base_valor, self.meta_valor):
            editor.setReadOnly(True)
        self.medio.setReadOnly(True)
        for campo in (self.base_fecha, self.meta_fecha):
            campo.setReadOnly(True)
        for combo in (self.resultado, self.tipo, self.sentido):
            combo.setEnabled(False)


class DialogoMedicion(DialogoFormulario):
    """`DialogoMedicion(ctx, indicador_id)` registra una medición; con `medicion_id` la corrige."""

    def __init__(self, ctx: Contexto, indicador_id: int, medicion_id: int | None = None,
                 parent: QWidget | None = None, hoy: date | None = None, unidad: str = "", nombre: str = "",
                 solo_lectura: bool = False):
        super().__init__(ctx, parent, solo_lectura)
        self.indicador_id = indicador_id
        self.medicion_id = medicion_id
        self._hoy = hoy
        self._nombre = nombre
        self.setMinimumWidth(480)
        self.agregar_pestana(self._pagina(unidad, nombre), _("Medición"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        if medicion_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_medicion(s, medicion_id)))
        else:
            self.fijar(DatosMedicion(fecha=hoy or date.today()))
        if self.solo_lectura:
            self.fecha.setReadOnly(True)
            for editor in (self.valor, self.fuente):
                editor.setReadOnly(True)
            self.nota.setReadOnly(True)
        self._fijar_titulo(_("Nueva medición") if medicion_id is None else _("Medición"))
        self.valor.setFocus()

    def _pagina(self, unidad: str, nombre: str) -> QWidget:
        self.fecha = CampoFecha()
        self.fecha.setMaximumWidth(170)
        self.valor = QLineEdit()
        self.valor.setMaximumWidth(160)
        fila_valor = QWidget()
        capa_valor = QHBoxLayout(fila_valor)
        capa_valor.setContentsMargins(0, 0, 0, 0)
        capa_valor.addWidget(self.valor)
        if unidad:
            capa_valor.addWidget(QLabel(unidad))
        capa_valor.addStretch(1)
        self.fuente = QLineEdit()
        self.fuente.setPlaceholderText(_("Quién midió o de dónde sale el dato"))
        self.nota = QPlainTextEdit()
        self.nota.setTabChangesFocus(True)
        self.nota.setFixedHeight(60)
        f = self._formulario()
        if nombre:
            titulo = QLabel(f"<b>{escape(nombre)}</b>")
            titulo.setWordWrap(True)
            f.addRow(_("Indicador:"), titulo)
        self._campo(f, 0, "fecha", _("&Fecha:"), self.fecha, foco=self.fecha.editor)
        self._campo(f, 0, "valor", _("&Valor:"), fila_valor, foco=self.valor)
        self._campo(f, 0, "fuente", _("F&uente:"), self.fuente)
        self._campo(f, 0, "nota", _("&Nota:"), self.nota)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return pagina

    def fijar(self, d: DatosMedicion) -> None:
        self.fecha.fijar(d.fecha)
        self.valor.setText(_numero(d.valor))
        self.fuente.setText(d.fuente)
        self.nota.setPlainText(d.nota)

    def _leer(self) -> tuple[DatosMedicion, dict[str, str]]:
        errores: dict[str, str] = {}
        datos = DatosMedicion(fecha=_leer_fecha(self.fecha, "fecha", errores),
                              valor=_leer_numero(self.valor, "valor", errores),
                              fuente=self.fuente.text(), nota=self.nota.toPlainText())
        return datos, errores

    def datos(self) -> DatosMedicion:
        datos, errores = self._leer()
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    def _datos_para_guardar(self) -> DatosMedicion:
        datos, errores = self._leer()
        if errores:
            try:
                validar_medicion(datos, self._hoy)
            except ErroresDeValidacion as exc:
                errores = {**exc.errores, **errores}
            raise ErroresDeValidacion(errores)
        return datos

    def mostrar_errores(self, exc) -> None:
        super().mostrar_errores(exc)
        if not self.error_general.isHidden() and self.marcador.widget(exc.campo or "") is not None:
            self.error_general.setText(_("Revise los datos marcados en rojo."))

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.medicion_id = resultado

    def _mensaje_guardado(self, datos: DatosMedicion) -> str:
        return _("Medición guardada.")

    def _comando(self, datos: DatosMedicion) -> ComandoServicio:
        hoy, iid = self._hoy, self.indicador_id
        que = f"{formato.fecha(datos.fecha)}: {formato.numero(datos.valor)}"
        if self.medicion_id is None:
            return ComandoServicio(
                self.ctx, _("Agregar la medición {que}").format(que=que), "indicador",
                hacer=lambda s: agregar_medicion(s, iid, datos, hoy),
                deshacer=lambda s, mid: eliminar_medicion(s, mid),
                rehacer=lambda s, copia: restaurar_medicion(s, copia),
            )
        mid = self.medicion_id
        return ComandoServicio(
            self.ctx, _("Corregir la medición {que}").format(que=que), "indicador",
            hacer=lambda s: editar_medicion(s, mid, datos, hoy),
            deshacer=lambda s, anterior: editar_medicion(s, mid, anterior, hoy),
            rehacer=lambda s, nuevo: editar_medicion(s, mid, nuevo, hoy),
        )
