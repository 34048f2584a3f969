"""Asistente del primer arranque (y de Archivo > Nuevo): crea el expediente de un municipio.

Pasos: bienvenida (qué es un expediente y dónde se guarda), departamento y distrito de la lista oficial del INE,
Intendente, Coordinador/a Municipal y un resumen. Cada paso se valida con el servicio antes de seguir; si al crear
el servicio rechaza un dato, el asistente vuelve al paso de ese campo y lo marca.

Después de `exec()`: `asistente.expediente` es el expediente recién creado (abierto) o None; `asistente.ruta`
es el archivo a abrir (el creado, uno existente elegido o el de demostración).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from nucleo import referencia
from nucleo.almacen.carpetas import carpeta_expedientes
from nucleo.almacen.expediente import EXTENSION, Expediente
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio, validar_municipio
from ui import estilo
from ui.demo import NOMBRE_DEMO, preparar_demo, ruta_demo  # noqa: F401 - re-exported
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.formulario import MarcadorErrores

log = logging.getLogger(__name__)

ROL_CODIGO = Qt.ItemDataRole.UserRole + 1

BIENVENIDA, MUNICIPIO, INTENDENTE, COORDINADOR, RESUMEN = range(5)
# Which step shows each field the service can complain about; "ruta" belongs to the summary.
PASO_DE_CAMPO = {
    "clave_ine": MUNICIPIO,
    "intendente_nombre": INTENDENTE, "intendente_resolucion": INTENDENTE, "intendente_fecha": INTENDENTE,
    "coordinador_nombre": COORDINADOR, "coordinador_resolucion": COORDINADOR, "coordinador_fecha": COORDINADOR,
    "ruta": RESUMEN,
}


def ruta_libre(carpeta: Path, nombre: str) -> Path:
    """`carpeta/nombre.articula`, o «nombre (2).articula»… si ya existe: nunca se pisa un expediente."""
    limpio = "".join(c for c in nombre if c not in '<>:"/\\|?*').strip() or "Expediente"
    ruta = carpeta / f"{limpio}{EXTENSION}"
    n = 2
    while ruta.exists():
        ruta = carpeta / f"{limpio} ({n}){EXTENSION}"
        n += 1
    return ruta


class _DelegadoConCodigo(QStyledItemDelegate):
    """Lista de un combo con el código INE en gris pequeño a la derecha del nombre."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        codigo = index.data(ROL_CODIGO)
        if not codigo:
            return
        painter.save()
        painter.setFont(estilo.fuente_relativa(option.font, 0.85))
        seleccionado = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QColor("#dce6f2") if seleccionado else QColor(estilo.TEXTO_SECUNDARIO))
        area = QRect(option.rect).adjusted(0, 0, -8, 0)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), codigo)
        painter.restore()


def _etiqueta_error() -> QLabel:
    etiqueta = QLabel()
    etiqueta.setObjectName("errorCampo")
    return etiqueta


def _texto_secundario(texto: str) -> QLabel:
    etiqueta = QLabel(texto)
    etiqueta.setObjectName("secundario")
    etiqueta.setWordWrap(True)
    return etiqueta


class _Paso(QWizardPage):
    """Un paso que, antes de seguir, pide al asistente validar los campos de los pasos hechos hasta aquí."""

    def __init__(self, asistente: AsistenteExpediente, paso: int):
        super().__init__()
        self.asistente = asistente
        self.paso = paso

    def setTitle(self, titulo: str) -> None:  # noqa: N802 - Qt override
        # The wizard header is plain text in bold; a larger title makes each step easy to tell apart.
        super().setTitle(f"<span style='font-size:large'>{_esc(titulo)}</span>")

    def setSubTitle(self, subtitulo: str) -> None:  # noqa: N802 - Qt override
        if self.paso != BIENVENIDA:
            subtitulo = _("Paso {n} de {total}. {texto}").format(n=self.paso, total=RESUMEN, texto=subtitulo)
        super().setSubTitle(subtitulo)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        return self.asistente.validar_hasta(self.paso)


class AsistenteExpediente(QWizard):
    def __init__(self, parent: QWidget | None = None, carpeta: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Nuevo expediente municipal"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, estilo.icono_aplicacion().pixmap(48, 48))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Atrás"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Siguiente >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Crear el expediente"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancelar"))
        self.setMinimumSize(680, 520)

        self.carpeta = Path(carpeta) if carpeta else carpeta_expedientes()
        self._ruta_elegida: Path | None = None  # a full path chosen on the summary page
        self.expediente: Expediente | None = None
        self.ruta: Path | None = None
        self.marcador = MarcadorErrores()
        self.hoy = date.today()

        self.setPage(BIENVENIDA, self._paso_bienvenida())
        self.setPage(MUNICIPIO, self._paso_municipio())
        self.setPage(INTENDENTE, self._paso_autoridad(
            INTENDENTE, _("Intendente Municipal"),
            _("Quien firma los planes y convenios del municipio. Estos datos aparecen en los documentos impresos."),
            "intendente", _("Resolución o acta de proclamación:"), _("Fecha de asunción o del acta:")))
        self.setPage(COORDINADOR, self._paso_autoridad(
            COORDINADOR, _("Coordinador/a Municipal"),
            _("La persona que el Intendente nombró para coordinar la intervención (Modo de implementación, B.3)."),
            "coordinador", _("Resolución de nombramiento:"), _("Fecha de la resolución:")))
        self.setPage(RESUMEN, self._paso_resumen())
        self.currentIdChanged.connect(self._al_cambiar_paso)

    # -- pasos -----------------------------------------------------------------------------------------
    def _paso_bienvenida(self) -> QWizardPage:
        p = _Paso(self, BIENVENIDA)
        p.setTitle(_("Bienvenido/a a Articula"))
        p.setSubTitle(_("Vamos a crear el expediente de su municipio. Le llevará un par de minutos."))
        explicacion = QLabel(_(
            "<p>Un <b>expediente</b> reúne en un solo archivo todo el trabajo de articulación de un municipio: "
            "los territorios, su hoja de ruta, los documentos adjuntos y, más adelante, los planes y las mesas.</p>"
            "<p>Cada cambio se guarda al instante: no hay que pulsar «Guardar». Articula hace además copias de "
            "respaldo automáticas al abrir el expediente y una vez por día.</p>"))
        explicacion.setWordWrap(True)
        explicacion.setTextFormat(Qt.TextFormat.RichText)

        self.etiqueta_carpeta = QLabel()
        self.etiqueta_carpeta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.etiqueta_carpeta.setWordWrap(True)
        cambiar = QPushButton(_("Cambiar carpeta…"))
        cambiar.clicked.connect(self._elegir_carpeta)
        fila_carpeta = QHBoxLayout()
        fila_carpeta.addWidget(self.etiqueta_carpeta, 1)
        fila_carpeta.addWidget(cambiar, 0, Qt.AlignmentFlag.AlignTop)

        separador = QFrame()
        separador.setFrameShape(QFrame.Shape.HLine)
        separador.setFrameShadow(QFrame.Shadow.Sunken)
        self.boton_abrir = QPushButton(_("Abrir un expediente existente…"))
        self.boton_abrir.clicked.connect(self._abrir_existente)
        self.boton_demo = QPushButton(_("Probar con datos de demostración"))
        self.boton_demo.setToolTip(_("Abre un expediente de ejemplo de Villeta (Central) con personas ficticias"))
        self.boton_demo.clicked.connect(self._usar_demo)
        fila_botones = QHBoxLayout()
        fila_botones.addWidget(self.boton_abrir)
        fila_botones.addWidget(self.boton_demo)
        fila_botones.addStretch(1)

        capa = QVBoxLayout(p)
        capa.addWidget(explicacion)
        capa.addSpacing(8)
        titulo = QLabel(_("<b>Dónde se guardará</b>"))
        capa.addWidget(titulo)
        capa.addLayout(fila_carpeta)
        capa.addWidget(_texto_secundario(_("El archivo llevará el nombre del distrito; podrá cambiarlo en el "
                                           "último paso.")))
        capa.addStretch(1)
        capa.addWidget(separador)
        capa.addWidget(_texto_secundario(_("¿Ya tiene un expediente, o quiere ver primero cómo funciona?")))
        capa.addLayout(fila_botones)
        self._mostrar_carpeta()
        return p

    def _paso_municipio(self) -> QWizardPage:
        p = _Paso(self, MUNICIPIO)
        p.setTitle(_("Municipio"))
        p.setSubTitle(_("Elija el departamento y el distrito de la lista oficial del INE (Censo 2022)."))
        self.combo_departamento = QComboBox()
        self.combo_departamento.setPlaceholderText(_("Elija el departamento…"))
        self.combo_distrito = QComboBox()
        self.combo_distrito.setPlaceholderText(_("Primero elija el departamento"))
        self.combo_distrito.setMaxVisibleItems(16)
        for combo in (self.combo_departamento, self.combo_distrito):
            combo.setItemDelegate(_DelegadoConCodigo(combo))
            combo.setMinimumWidth(320)
        for dep in referencia.departamentos():
            self.combo_departamento.addItem(dep.nombre, dep.codigo)
            self.combo_departamento.setItemData(self.combo_departamento.count() - 1, dep.codigo, ROL_CODIGO)
        self.combo_departamento.setCurrentIndex(-1)
        self.combo_distrito.setEnabled(False)
        self.combo_departamento.currentIndexChanged.connect(self._cargar_distritos)
        self.combo_distrito.currentIndexChanged.connect(self._mostrar_codigo)
        self.etiqueta_codigo = _texto_secundario("")
        error = _etiqueta_error()
        self.marcador.registrar("clave_ine", self.combo_distrito, error)

        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        formulario.addRow(_("&Departamento:"), self.combo_departamento)
        formulario.addRow(_("D&istrito:"), self.combo_distrito)
        formulario.addRow("", self.etiqueta_codigo)
        formulario.addRow("", error)
        capa = QVBoxLayout(p)
        capa.addLayout(formulario)
        capa.addStretch(1)
        capa.addWidget(_texto_secundario(_("Asunción figura como departamento propio (código 00), igual que en el "
                                           "Censo Nacional de Población y Viviendas 2022.")))
        return p

    def _paso_autoridad(self, paso: int, titulo: str, subtitulo: str, prefijo: str,
                        etiqueta_resolucion: str, etiqueta_fecha: str) -> QWizardPage:
        p = _Paso(self, paso)
        p.setTitle(titulo)
        p.setSubTitle(subtitulo)
        nombre = QLineEdit()
        nombre.setPlaceholderText(_("Nombre y apellido"))
        resolucion = QLineEdit()
        resolucion.setPlaceholderText(_("Por ejemplo: Resolución N.º 123/2026"))
        fecha = CampoFecha()
        fecha.setMaximumWidth(180)
        formulario = QFormLayout()
        formulario.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for campo, widget, etiqueta in ((f"{prefijo}_nombre", nombre, _("&Nombre completo:")),
                                        (f"{prefijo}_resolucion", resolucion, etiqueta_resolucion),
                                        (f"{prefijo}_fecha", fecha, etiqueta_fecha)):
            error = _etiqueta_error()
            self.marcador.registrar(campo, widget, error)
            formulario.addRow(etiqueta, widget)
            formulario.addRow("", error)
        setattr(self, f"{prefijo}_nombre", nombre)
        setattr(self, f"{prefijo}_resolucion", resolucion)
        setattr(self, f"{prefijo}_fecha", fecha)
        capa = QVBoxLayout(p)
        capa.addLayout(formulario)
        capa.addStretch(1)
        capa.addWidget(_texto_secundario(_("Solo el nombre es obligatorio. Podrá completar o corregir estos datos "
                                           "más tarde en Herramientas > Datos del municipio.")))
        return p

    def _paso_resumen(self) -> QWizardPage:
        p = _Paso(self, RESUMEN)
        p.setTitle(_("Resumen"))
        p.setSubTitle(_("Revise los datos. Al pulsar «Crear el expediente» se guarda el archivo y se abre."))
        p.setCommitPage(False)
        self.resumen = QLabel()
        self.resumen.setTextFormat(Qt.TextFormat.RichText)
        self.resumen.setWordWrap(True)
        self.resumen.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.etiqueta_ruta = QLabel()
        self.etiqueta_ruta.setWordWrap(True)
        self.etiqueta_ruta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        otra = QPushButton(_("Elegir otro nombre o lugar…"))
        otra.clicked.connect(self._elegir_ruta)
        error = _etiqueta_error()
        self.marcador.registrar("ruta", self.etiqueta_ruta, error)
        fila = QHBoxLayout()
        fila.addWidget(self.etiqueta_ruta, 1)
        fila.addWidget(otra, 0, Qt.AlignmentFlag.AlignTop)
        capa = QVBoxLayout(p)
        capa.addWidget(self.resumen)
        capa.addSpacing(6)
        capa.addWidget(QLabel(_("<b>Archivo del expediente</b>")))
        capa.addLayout(fila)
        capa.addWidget(error)
        capa.addStretch(1)
        return p

    # -- datos -----------------------------------------------------------------------------------------
    def clave_ine(self) -> str:
        return self.combo_distrito.currentData() or ""

    def elegir_distrito(self, clave: str) -> None:
        """Selecciona departamento y distrito por la clave INE (p. ej. «1116»)."""
        dist = referencia.distrito(clave)
        self.combo_departamento.setCurrentIndex(self.combo_departamento.findData(dist.departamento))
        self.combo_distrito.setCurrentIndex(self.combo_distrito.findData(clave))

    def datos(self) -> tuple[DatosMunicipio, dict[str, str]]:
        """Los datos escritos, y los errores de las fechas que no se pudieron leer."""
        errores: dict[str, str] = {}
        fechas: dict[str, date | None] = {}
        for campo in ("intendente_fecha", "coordinador_fecha"):
            try:
                fechas[campo] = getattr(self, campo).fecha()
            except ValueError as exc:
                fechas[campo] = None
                errores[campo] = str(exc)
        return DatosMunicipio(
            clave_ine=self.clave_ine(),
            intendente_nombre=self.intendente_nombre.text(),
            intendente_resolucion=self.intendente_resolucion.text(),
            intendente_fecha=fechas["intendente_fecha"],
            coordinador_nombre=self.coordinador_nombre.text(),
            coordinador_resolucion=self.coordinador_resolucion.text(),
            coordinador_fecha=fechas["coordinador_fecha"],
        ), errores

    def ruta_destino(self) -> Path:
        if self._ruta_elegida is not None:
            return self._ruta_elegida
        clave = self.clave_ine()
        nombre = referencia.distrito(clave).nombre if clave else _("Expediente")
        return ruta_libre(self.carpeta, nombre)

    # -- validación ------------------------------------------------------------------------------------
    def validar_hasta(self, paso: int) -> bool:
        """Valida con el servicio los campos de los pasos hasta `paso`; marca los errores y dice si se puede seguir."""
        datos, errores = self.datos()
        try:
            validar_municipio(datos, self.hoy)
        except ErroresDeValidacion as exc:
            errores = {**exc.errores, **errores}
        except ErrorDeUsuario as exc:
            errores = {exc.campo or "clave_ine": exc.mensaje, **errores}
        pendientes = {c: m for c, m in errores.items() if PASO_DE_CAMPO.get(c, RESUMEN) <= paso}
        if not pendientes:
            self.marcador.limpiar()
            return True
        self._mostrar_errores(ErroresDeValidacion(pendientes))
        return False

    def _mostrar_errores(self, exc: ErrorDeUsuario) -> None:
        errores = exc.errores if isinstance(exc, ErroresDeValidacion) else {exc.campo or "ruta": exc.mensaje}
        destino = min(PASO_DE_CAMPO.get(c, RESUMEN) for c in errores)
        # Go back to the step that shows the first wrong field; QWizard only moves through its history.
        while self.currentId() > destino and self.currentId() != -1:
            self.back()
        if not self.marcador.mostrar(ErroresDeValidacion(errores)):
            self.marcador.marcar("ruta", str(exc))

    def crear_expediente(self) -> bool:
        """Lo que hace «Crear el expediente»: valida todo, crea el archivo y lo deja abierto en `self.expediente`."""
        if not self.validar_hasta(RESUMEN):
            return False
        datos, _errores = self.datos()
        ruta = self.ruta_destino()
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.expediente = Expediente.crear(ruta, lambda s: crear_municipio(s, datos, self.hoy))
        except ErrorDeUsuario as exc:
            self._mostrar_errores(exc)
            return False
        finally:
            self.unsetCursor()
        self.ruta = self.expediente.ruta
        log.info("Expediente creado: %s", self.ruta)
        return True

    def validateCurrentPage(self) -> bool:  # noqa: N802 - Qt override
        if self.currentId() == RESUMEN:
            return self.crear_expediente()
        return super().validateCurrentPage()

    # -- reacciones ------------------------------------------------------------------------------------
    def _cargar_distritos(self) -> None:
        codigo = self.combo_departamento.currentData()
        self.combo_distrito.blockSignals(True)
        self.combo_distrito.clear()
        if codigo is not None:
            for d in referencia.distritos(codigo):
                self.combo_distrito.addItem(d.nombre, d.clave)
                self.combo_distrito.setItemData(self.combo_distrito.count() - 1, d.clave, ROL_CODIGO)
            self.combo_distrito.setPlaceholderText(_("Elija el distrito…"))
        self.combo_distrito.setCurrentIndex(-1)
        self.combo_distrito.setEnabled(codigo is not None)
        self.combo_distrito.blockSignals(False)
        self._mostrar_codigo()

    def _mostrar_codigo(self) -> None:
        clave = self.clave_ine()
        if clave:
            d = referencia.distrito(clave)
            self.etiqueta_codigo.setText(_("Código INE del distrito: {clave} (departamento {dep}, distrito {dist})")
                                         .format(clave=clave, dep=d.departamento, dist=d.codigo))
            self.marcador.limpiar()
        else:
            self.etiqueta_codigo.setText("")

    def _mostrar_carpeta(self) -> None:
        self.etiqueta_carpeta.setText(str(self.carpeta))

    def _elegir_carpeta(self) -> None:
        carpeta = QFileDialog.getExistingDirectory(self, _("Carpeta para el expediente"), str(self.carpeta))
        if carpeta:
            self.carpeta = Path(carpeta)
            self._ruta_elegida = None
            self._mostrar_carpeta()

    def _elegir_ruta(self) -> None:
        ruta, _filtro = QFileDialog.getSaveFileName(self, _("Guardar el expediente como"), str(self.ruta_destino()),
                                                    _("Expedientes de Articula (*.articula)"))
        if ruta:
            ruta_p = Path(ruta)
            if ruta_p.suffix.lower() != EXTENSION:
                ruta_p = ruta_p.with_name(ruta_p.name + EXTENSION)
            self._ruta_elegida = ruta_p
            self.marcador.limpiar()
            self._actualizar_resumen()

    def _abrir_existente(self) -> None:
        ruta, _filtro = QFileDialog.getOpenFileName(self, _("Abrir un expediente"), str(self.carpeta),
                                                    _("Expedientes de Articula (*.articula);;Todos los archivos (*)"))
        if ruta:
            self.ruta = Path(ruta)
            self.done(QWizard.DialogCode.Accepted)

    def _usar_demo(self) -> None:
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.ruta = preparar_demo()
        finally:
            self.unsetCursor()
        self.done(QWizard.DialogCode.Accepted)

    def _al_cambiar_paso(self, paso: int) -> None:
        if paso == RESUMEN:
            self._actualizar_resumen()

    def _actualizar_resumen(self) -> None:
        datos, _errores = self.datos()
        clave = datos.clave_ine
        dist = referencia.distrito(clave) if clave else None
        dep = next((d.nombre for d in referencia.departamentos() if dist and d.codigo == dist.departamento), "")
        from nucleo import formato

        def autoridad(nombre: str, resolucion: str, fecha: date | None) -> str:
            partes = [f"<b>{_esc(nombre)}</b>"]
            if resolucion.strip():
                partes.append(_esc(resolucion.strip()))
            if fecha:
                partes.append(_("del {fecha}").format(fecha=formato.fecha_larga(fecha)))
            return " · ".join(partes)

        filas = [
            (_("Municipio"), f"<b>{_esc(dist.nombre) if dist else ''}</b> · {_('Departamento')} {_esc(dep)}"
                             f" <span style='color:{estilo.TEXTO_SECUNDARIO}'>(INE {clave})</span>"),
            (_("Intendente"), autoridad(datos.intendente_nombre, datos.intendente_resolucion, datos.intendente_fecha)),
            (_("Coordinador/a Municipal"), autoridad(datos.coordinador_nombre, datos.coordinador_resolucion,
                                                     datos.coordinador_fecha)),
        ]
        html = "".join(f"<tr><td style='padding:4px 16px 4px 0; color:{estilo.TEXTO_SECUNDARIO}'>{t}</td>"
                       f"<td style='padding:4px 0'>{v}</td></tr>" for t, v in filas)
        self.resumen.setText(f"<table>{html}</table>")
        self.etiqueta_ruta.setText(str(self.ruta_destino()))


def _esc(texto: str) -> str:
    return texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
