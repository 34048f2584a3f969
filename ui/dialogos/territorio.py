"""Ficha de un territorio (comunidad territorial): alta, edición y consulta en solo lectura."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo.territorio import ESTADOS, TIPOS, TIPOS_SPS
from nucleo.servicios.actores import listar_actores
from nucleo.servicios.territorios import (
    DatosTerritorio,
    actualizar_territorio,
    crear_territorio,
    describir_limite,
    eliminar_territorio,
    obtener_territorio,
    restaurar_territorio,
    revisar_limite,
)
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.actor_simple import DialogoActorSimple, con_error
from ui.dialogos.formulario_pestanas import DialogoFormulario
from ui.widgets.campo_fecha import CampoFecha
from ui.widgets.combo_busqueda import ComboBuscable

GRIS = "#616161"
TAMANO_MAXIMO_GEOJSON = 10 * 1024 * 1024  # a district boundary is a few hundred kB; more is the wrong file

# Coordinates are often pasted from a map as "-25.50972, -57.56139": both at once into the latitude field.
_PAR_COORDENADAS = re.compile(r"\s*([-−]?\d+(?:\.\d+)?)\s*[,;]\s+([-−]?\d+(?:\.\d+)?)\s*")


def leer_coordenada(texto: str) -> float | None:
    """Grados decimales con coma o punto («-25,5097» o «-25.5097»); vacío -> None; ValueError en español."""
    limpio = texto.strip().replace("−", "-").replace(" ", "").replace("°", "")
    if not limpio:
        return None
    if limpio.count(",") + limpio.count(".") > 1:
        raise ValueError(_("«{texto}» no es una coordenada válida. Escriba grados decimales, por ejemplo, "
                           "-25,5097").format(texto=texto.strip()))
    try:
        return float(limpio.replace(",", "."))
    except ValueError:
        raise ValueError(_("«{texto}» no es una coordenada válida. Escriba grados decimales, por ejemplo, "
                           "-25,5097").format(texto=texto.strip())) from None


def _ayuda(texto: str) -> QLabel:
    etiqueta = QLabel(texto)
    etiqueta.setWordWrap(True)
    etiqueta.setStyleSheet(f"color: {GRIS};")
    return etiqueta


def _cita(texto: str, fuente: str) -> QLabel:
    etiqueta = QLabel(f"<i>«{texto}»</i> <span style='color:{GRIS}'>({fuente})</span>")
    etiqueta.setWordWrap(True)
    etiqueta.setTextFormat(Qt.TextFormat.RichText)
    etiqueta.setStyleSheet(f"color: {GRIS};")
    return etiqueta


def _texto_largo(alto: int, ayuda: str = "", fijo: bool = False) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)  # Tab moves to the next field, as in every other field of the form
    editor.setMinimumHeight(alto)
    if fijo:
        editor.setMaximumHeight(alto)
    editor.setPlaceholderText(ayuda)
    return editor


class DialogoTerritorio(DialogoFormulario):
    """`DialogoTerritorio(ctx)` crea; `DialogoTerritorio(ctx, id)` edita. Tras aceptar, `territorio_id` es el id."""

    color_ayuda = GRIS

    def __init__(self, ctx: Contexto, territorio_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False):
        super().__init__(ctx, parent, solo_lectura)
        self.territorio_id = territorio_id
        self._limite: str | None = None
        self.setMinimumSize(760, 600)
        self.resize(820, 680)

        self.agregar_pestana(self._pestana_general(), _("General"))
        self.agregar_pestana(self._pestana_criterios(), _("Criterios de selección"))
        self.agregar_pestana(self._pestana_espacio(), _("Espacio de articulación social"))
        self.agregar_pestana(self._pestana_ubicacion(), _("Ubicación y caracterización"))
        self.armar()

        self._cargar_actores()
        if territorio_id is not None:
            self.fijar(ctx.leer(lambda s: obtener_territorio(s, territorio_id)))
        else:
            self.fijar(DatosTerritorio())
        if self.solo_lectura:
            self._bloquear()
        self._actualizar_titulo()
        self.nombre.setFocus()

    # -- armado de las pestañas -------------------------------------------------------------------------------
    @staticmethod
    def _alinear_etiquetas(formulario: QFormLayout) -> None:
        # The three criteria are separate boxes; one label width makes their fields line up.
        for fila in range(formulario.rowCount()):
            item = formulario.itemAt(fila, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                item.widget().setMinimumWidth(110)

    def _pestana_general(self) -> QWidget:
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Por ejemplo: Barrio San Miguel"))
        self.tipo = QComboBox()
        for clave, texto in TIPOS.items():
            self.tipo.addItem(traducir(texto), clave)
        self.tipo_sps = QComboBox()
        for clave, texto in TIPOS_SPS.items():
            self.tipo_sps.addItem(traducir(texto) if clave else _("Sin indicar"), clave)
        self.estado = QComboBox()
        for clave, texto in ESTADOS.items():
            self.estado.addItem(traducir(texto), clave)
        self.poblacion = QLineEdit()
        self.poblacion.setPlaceholderText(_("habitantes, p. ej. 1.500"))
        self.hogares = QLineEdit()
        self.hogares.setPlaceholderText(_("cantidad, p. ej. 420"))
        for campo in (self.poblacion, self.hogares):
            campo.setAlignment(Qt.AlignmentFlag.AlignRight)
            campo.setMaximumWidth(220)
            campo.editingFinished.connect(lambda c=campo: self._reformatear_entero(c))
        self.inicio_ruta = CampoFecha()
        self.inicio_ruta.setMaximumWidth(220)

        f = self._formulario()
        self._campo(f, 0, "nombre", _("&Nombre:"), self.nombre)
        self._campo(f, 0, "tipo", _("&Tipo:"), self.tipo)
        self._campo(f, 0, "tipo_sps", _("Tipo de territorio &SPS:"), self.tipo_sps,
                    ayuda=_("Tipología del Sistema de Protección Social (001, §2.2.3 b): periferia metropolitana, "
                            "ciudad emergente, alineación SPS/PNRP o Chaco."))
        self._campo(f, 0, "estado", _("&Estado:"), self.estado,
                    ayuda=_("Para marcarlo como seleccionado, en intervención o finalizado, el territorio debe "
                            "cumplir los tres criterios de selección (pestaña «Criterios de selección»)."))
        self._campo(f, 0, "poblacion", _("&Población:"), self.poblacion)
        self._campo(f, 0, "hogares", _("&Hogares:"), self.hogares)
        self._campo(f, 0, "inicio_ruta", _("&Inicio de la hoja de ruta:"), self.inicio_ruta, self.inicio_ruta.editor,
                    ayuda=_("Desde esta fecha se calculan los plazos de las etapas 1-a a 6 en días hábiles de "
                            "Paraguay. Déjela vacía si la ruta aún no empezó."))
        pagina = QWidget()
        pagina.setLayout(f)
        return self._desplazable(pagina)

    def _pestana_criterios(self) -> QWidget:
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(_ayuda(_("Criterios para seleccionar el territorio (documento 000, «Modo de implementación», "
                                "A.2). Los tres deben cumplirse antes de marcarlo como seleccionado.")))

        self.identidad_propia = QComboBox()
        for texto, valor in ((_("Sin responder"), None), (_("Sí"), True), (_("No"), False)):
            self.identidad_propia.addItem(texto, valor)
        self.identidad_propia.setMaximumWidth(220)
        self.identidad_descripcion = _texto_largo(56, _("¿Qué le da identidad? Historia, límites reconocidos, "
                                                         "fiestas, nombre con que se la conoce…"), fijo=True)
        grupo = QGroupBox(_("a) Comunidad territorial con identidad propia"))
        f = self._formulario()
        # Quoted from document 000, section A.2 ("Modo de implementación").
        f.addRow(_cita(_("El territorio seleccionado debería estar acotado a lo que podríamos denominar una "
                         "«comunidad territorial», es decir una unidad territorial específica que cuente con una "
                         "identidad propia."), "000, A.2 a"))
        self._campo(f, 1, "identidad_propia", _("¿&Cumple?"), self.identidad_propia)
        self._campo(f, 1, "identidad_descripcion", _("&Descripción:"), self.identidad_descripcion)
        self._alinear_etiquetas(f)
        grupo.setLayout(f)
        capa.addWidget(grupo)

        self.organizacion = ComboBuscable()
        self.organizacion.setMinimumContentsLength(30)
        self.organizacion.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.boton_nueva_organizacion = QPushButton(_("Nueva &organización…"))
        self.boton_nueva_organizacion.clicked.connect(self.nueva_organizacion)
        fila = QWidget()
        capa_fila = QHBoxLayout(fila)
        capa_fila.setContentsMargins(0, 0, 0, 0)
        capa_fila.addWidget(self.organizacion, 1)
        capa_fila.addWidget(self.boton_nueva_organizacion)
        grupo = QGroupBox(_("b) Organización que represente a la comunidad"))
        f = self._formulario()
        f.addRow(_cita(_("Idealmente, cada comunidad territorial que se seleccione debería contar a lo menos con "
                         "alguna organización que represente a la comunidad y que se reconozca como interlocutora "
                         "de la Municipalidad."), "000, A.2 b"))
        caja, error = con_error(fila)
        f.addRow(_("Or&ganización:"), caja)
        f.labelForField(caja).setBuddy(self.organizacion)
        self.registrar_campo("organizacion_id", self.organizacion, error, 1)
        self._alinear_etiquetas(f)
        grupo.setLayout(f)
        capa.addWidget(grupo)

        self.riesgos_diversos = _texto_largo(64, _("Por ejemplo: empleo informal, deserción escolar, acceso "
                                                    "limitado a salud, inundaciones…"), fijo=True)
        grupo = QGroupBox(_("c) Conjunto diverso de riesgos"))
        f = self._formulario()
        f.addRow(_cita(_("Se requiere que cada comunidad territorial seleccionada presente un conjunto diverso de "
                         "riesgos a los que esté expuesta, de manera que sea pertinente una intervención "
                         "integrada."), "000, A.2 c"))
        self._campo(f, 1, "riesgos_diversos", _("&Riesgos:"), self.riesgos_diversos)
        self._alinear_etiquetas(f)
        grupo.setLayout(f)
        capa.addWidget(grupo)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _pestana_espacio(self) -> QWidget:
        self.espacio_nombre = QLineEdit()
        self.espacio_nombre.setPlaceholderText(_("Por ejemplo: Centro comunitario San Miguel"))
        self.espacio_direccion = QLineEdit()
        self.espacio_direccion.setPlaceholderText(_("Calle, número y referencias"))
        self.espacio_operador = QLineEdit()
        self.espacio_operador.setPlaceholderText(_("Institución u organización que lo gestiona"))
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addWidget(_ayuda(_("El espacio o centro de articulación social es el lugar físico donde la comunidad "
                                "se encuentra con la oferta pública: allí se proveen servicios sociales y se "
                                "fortalece la identidad colectiva (documento 000).")))
        f = self._formulario()
        self._campo(f, 2, "espacio_nombre", _("&Nombre del espacio:"), self.espacio_nombre)
        self._campo(f, 2, "espacio_direccion", _("&Dirección:"), self.espacio_direccion)
        self._campo(f, 2, "espacio_operador", _("&Operador:"), self.espacio_operador)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _pestana_ubicacion(self) -> QWidget:
        self.latitud = QLineEdit()
        self.latitud.setPlaceholderText(_("p. ej. -25,5097"))
        self.longitud = QLineEdit()
        self.longitud.setPlaceholderText(_("p. ej. -57,5614"))
        for campo in (self.latitud, self.longitud):
            campo.setMaximumWidth(220)
        self.latitud.editingFinished.connect(self._separar_par)

        self.limite_texto = QLabel()
        self.limite_texto.setWordWrap(True)
        self.boton_cargar_limite = QPushButton(_("Cargar &GeoJSON…"))
        self.boton_cargar_limite.clicked.connect(self.elegir_geojson)
        self.boton_quitar_limite = QPushButton(_("&Quitar límite"))
        self.boton_quitar_limite.clicked.connect(lambda: self._fijar_limite(None))
        limite = QWidget()
        capa_limite = QHBoxLayout(limite)
        capa_limite.setContentsMargins(0, 0, 0, 0)
        capa_limite.addWidget(self.limite_texto, 1)
        capa_limite.addWidget(self.boton_cargar_limite)
        capa_limite.addWidget(self.boton_quitar_limite)

        self.caracterizacion = _texto_largo(160, _("Quiénes viven, a qué se dedican, servicios que llegan y que "
                                                    "faltan, organizaciones, historia…"))
        f = self._formulario()
        self._campo(f, 3, "latitud", _("&Latitud:"), self.latitud)
        self._campo(f, 3, "longitud", _("L&ongitud:"), self.longitud,
                    ayuda=_("Grados decimales (WGS 84), con coma o punto. Puede pegar «latitud, longitud» "
                            "copiado de un mapa en el campo de la latitud."))
        self._campo(f, 3, "limite_geojson", _("Límite:"), limite, self.boton_cargar_limite)
        self._campo(f, 3, "caracterizacion", _("&Caracterización:"), self.caracterizacion)
        pagina = QWidget()
        pagina.setLayout(f)
        return self._desplazable(pagina)

    # -- datos ------------------------------------------------------------------------------------------------
    def _cargar_actores(self, elegir: int | None = None) -> None:
        actual = self.organizacion.currentData() if elegir is None else elegir
        filas = self.ctx.leer(lambda s: listar_actores(s, self.ctx.municipio_id))
        self.organizacion.clear()
        self.organizacion.addItem(_("— Ninguna —"), None)
        for f in filas:
            self.organizacion.addItem(f.nombre, f.id)
            self.organizacion.setItemData(self.organizacion.count() - 1, f.categoria_texto,
                                          Qt.ItemDataRole.ToolTipRole)
        self.organizacion.setCurrentIndex(max(0, self.organizacion.findData(actual)))

    def fijar(self, d: DatosTerritorio) -> None:
        self.nombre.setText(d.nombre)
        for combo, valor in ((self.tipo, d.tipo), (self.tipo_sps, d.tipo_sps or ""), (self.estado, d.estado),
                             (self.identidad_propia, d.identidad_propia)):
            combo.setCurrentIndex(max(0, combo.findData(valor)))
        self.poblacion.setText(formato.entero(d.poblacion))
        self.hogares.setText(formato.entero(d.hogares))
        self.inicio_ruta.fijar(d.inicio_ruta)
        self.identidad_descripcion.setPlainText(d.identidad_descripcion)
        self.organizacion.setCurrentIndex(max(0, self.organizacion.findData(d.organizacion_id)))
        self.riesgos_diversos.setPlainText(d.riesgos_diversos)
        self.espacio_nombre.setText(d.espacio_nombre)
        self.espacio_direccion.setText(d.espacio_direccion)
        self.espacio_operador.setText(d.espacio_operador)
        self.latitud.setText(self._coordenada(d.latitud))
        self.longitud.setText(self._coordenada(d.longitud))
        self._fijar_limite(d.limite_geojson)
        self.caracterizacion.setPlainText(d.caracterizacion)

    @staticmethod
    def _coordenada(valor: float | None) -> str:
        if valor is None:
            return ""
        # Six decimals are ~10 cm: enough, and the trailing zeros add nothing.
        texto = formato.numero(valor, 6)
        return texto.rstrip("0").rstrip(",") if "," in texto else texto

    def datos(self) -> DatosTerritorio:
        """Los datos del formulario; ErroresDeValidacion si un número, coordenada o fecha no se puede leer."""
        errores: dict[str, str] = {}

        def leer(campo: str, funcion, texto: str):
            try:
                return funcion(texto)
            except ValueError as exc:
                errores[campo] = str(exc)
                return None

        def entero(texto: str) -> int | None:
            return formato.leer_entero(texto) if texto.strip() else None

        datos = DatosTerritorio(
            nombre=self.nombre.text(),
            tipo=self.tipo.currentData(),
            tipo_sps=self.tipo_sps.currentData(),
            estado=self.estado.currentData(),
            poblacion=leer("poblacion", entero, self.poblacion.text()),
            hogares=leer("hogares", entero, self.hogares.text()),
            latitud=leer("latitud", leer_coordenada, self.latitud.text()),
            longitud=leer("longitud", leer_coordenada, self.longitud.text()),
            limite_geojson=self._limite,
            identidad_propia=self.identidad_propia.currentData(),
            identidad_descripcion=self.identidad_descripcion.toPlainText(),
            organizacion_id=self.organizacion.currentData(),
            riesgos_diversos=self.riesgos_diversos.toPlainText(),
            caracterizacion=self.caracterizacion.toPlainText(),
            espacio_nombre=self.espacio_nombre.text(),
            espacio_direccion=self.espacio_direccion.text(),
            espacio_operador=self.espacio_operador.text(),
            inicio_ruta=leer("inicio_ruta", lambda _t: self.inicio_ruta.fecha(), ""),
        )
        if errores:
            raise ErroresDeValidacion(errores)
        return datos

    # -- guardar ----------------------------------------------------------------------------------------------
    def _guardado(self, ident: int) -> None:
        self.territorio_id = ident

    def _mensaje_guardado(self, datos: DatosTerritorio) -> str:
        return _("Territorio «{nombre}» guardado.").format(nombre=datos.nombre.strip())

    def _comando(self, datos: DatosTerritorio) -> ComandoServicio:
        nombre = datos.nombre.strip()
        cambia = {"territorio", "etapa"}
        if self.territorio_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Crear el territorio «{nombre}»").format(nombre=nombre), cambia,
                hacer=lambda s: crear_territorio(s, mid, datos),
                deshacer=lambda s, tid: eliminar_territorio(s, tid),
                rehacer=lambda s, copia: restaurar_territorio(s, copia),
            )
        tid = self.territorio_id
        # The service returns the previous data: undo applies it, and gets back the data redo needs.
        return ComandoServicio(
            self.ctx, _("Modificar el territorio «{nombre}»").format(nombre=nombre), cambia,
            hacer=lambda s: actualizar_territorio(s, tid, datos),
            deshacer=lambda s, anterior: actualizar_territorio(s, tid, anterior),
            rehacer=lambda s, nuevo: actualizar_territorio(s, tid, nuevo),
        )

    # -- organización -----------------------------------------------------------------------------------------
    def nueva_organizacion(self) -> None:
        dialogo = DialogoActorSimple(self.ctx, self)
        if dialogo.exec() == QDialog.DialogCode.Accepted:
            self.organizacion_creada(dialogo.actor_id)

    def organizacion_creada(self, actor_id: int | None) -> None:
        self._cargar_actores(elegir=actor_id)

    # -- límite GeoJSON ---------------------------------------------------------------------------------------
    def elegir_geojson(self) -> None:
        ruta, _filtro = QFileDialog.getOpenFileName(
            self, _("Cargar el límite del territorio"), "", _("GeoJSON (*.geojson *.json);;Todos los archivos (*)"))
        if ruta:
            self.cargar_geojson(Path(ruta))

    def cargar_geojson(self, ruta: Path) -> bool:
        """Lee y valida el archivo; el error (en español) queda junto al campo. True si se cargó."""
        try:
            try:
                if ruta.stat().st_size > TAMANO_MAXIMO_GEOJSON:
                    raise ErrorDeUsuario(_("El archivo «{nombre}» pesa más de 10 MB: no parece el límite de un "
                                           "territorio. Simplifique el polígono en su SIG.").format(nombre=ruta.name),
                                         campo="limite_geojson")
                texto = ruta.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ErrorDeUsuario(_("El archivo «{nombre}» no es un GeoJSON: no es un archivo de texto "
                                       "(UTF-8).").format(nombre=ruta.name), campo="limite_geojson") from None
            except OSError as exc:
                raise ErrorDeUsuario(_("No se pudo leer «{nombre}». Verifique que el archivo exista y no esté "
                                       "abierto en otro programa.").format(nombre=ruta.name),
                                     campo="limite_geojson", detalle=str(exc)) from exc
            limite = revisar_limite(texto, ruta.name)
        except ErrorDeUsuario as exc:
            self.mostrar_errores(exc)
            return False
        self.quitar_error("limite_geojson")
        self._fijar_limite(limite)
        return True

    def _fijar_limite(self, limite: str | None) -> None:
        self._limite = limite or None
        descripcion = describir_limite(self._limite)
        if self._limite:
            self.limite_texto.setText(_("Límite cargado: {descripcion}.").format(
                descripcion=descripcion or _("polígono")))
        else:
            self.limite_texto.setText(_("Sin límite cargado."))
        self.boton_quitar_limite.setEnabled(bool(self._limite) and not self.solo_lectura)

    # -- detalles ---------------------------------------------------------------------------------------------
    def _reformatear_entero(self, campo: QLineEdit) -> None:
        # "1500" becomes "1.500" on leaving the field, so the user sees the number as it will be shown.
        try:
            texto = campo.text()
            if texto.strip():
                campo.setText(formato.entero(formato.leer_entero(texto)))
        except ValueError:
            pass  # the message appears when saving, next to the field

    def _separar_par(self) -> None:
        m = _PAR_COORDENADAS.fullmatch(self.latitud.text())
        if m:
            self.latitud.setText(m.group(1).replace(".", ","))
            self.longitud.setText(m.group(2).replace(".", ","))

    def _bloquear(self) -> None:
        for editor in (self.nombre, self.poblacion, self.hogares, self.espacio_nombre, self.espacio_direccion,
                       self.espacio_operador, self.latitud, self.longitud):
            editor.setReadOnly(True)
        for editor in (self.identidad_descripcion, self.riesgos_diversos, self.caracterizacion):
            editor.setReadOnly(True)
        self.inicio_ruta.setReadOnly(True)
        for widget in (self.tipo, self.tipo_sps, self.estado, self.identidad_propia, self.organizacion,
                       self.boton_nueva_organizacion, self.boton_cargar_limite, self.boton_quitar_limite):
            widget.setEnabled(False)

    def _actualizar_titulo(self) -> None:
        if self.territorio_id is None:
            titulo = _("Nuevo territorio")
        else:
            titulo = _("Territorio «{nombre}»").format(nombre=self.nombre.text())
        self._fijar_titulo(titulo)
