"""La ventana principal: encabezado con el municipio, navegación lateral, páginas, menús y barra de estado.

Todas las conexiones de señales están en `_conectar_senales()` (las de la ventana) y `_conectar_contexto()` (las
del expediente abierto, que cambia con Archivo > Abrir), como en qutebrowser `mainwindow.py`.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QActionGroup, QCloseEvent, QDesktopServices, QUndoGroup
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.almacen import respaldo
from nucleo.almacen.carpetas import carpeta_expedientes
from nucleo.almacen.expediente import EXTENSION, Expediente, integridad_de_archivo
from nucleo.almacen.motor import conectar
from nucleo.errores import ErrorDeUsuario, ExpedienteNoValido
from nucleo.i18n import _, n_
from nucleo.lecturas.actores import contar_actores
from nucleo.lecturas.municipio import encabezado
from nucleo.lecturas.territorios import contar_territorios
from ui import estilo
from ui.acciones import Accion, RegistroAcciones
from ui.ajustes import Ajustes, ajustes
from ui.contexto import Contexto
from ui.dialogos import progreso
from ui.errores import mostrar_error_de_usuario
from ui.precarga import Precarga

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntradaPagina:
    """Una página de la barra lateral; su módulo se importa la primera vez que se muestra (arranque más rápido)."""

    clave: str
    titulo: str
    clase: str  # "modulo:Clase"

    def cargar(self) -> type[QWidget]:
        modulo, nombre = self.clase.split(":")
        return getattr(importlib.import_module(modulo), nombre)


# The areas that work, in sidebar order. Later modules add their page here.
PAGINAS: tuple[EntradaPagina, ...] = (
    EntradaPagina("territorios", _("Territorios"), "ui.paginas.territorios:PaginaTerritorios"),
    EntradaPagina("actores", _("Actores"), "ui.paginas.actores:PaginaActores"),
    EntradaPagina("oportunidades", _("Mapa de Oportunidades"), "ui.paginas.oportunidades:PaginaOportunidades"),
    EntradaPagina("hoja_de_ruta", _("Hoja de ruta"), "ui.paginas.hoja_de_ruta:PaginaHojaDeRuta"),
    EntradaPagina("diagnostico", _("Diagnóstico"), "ui.paginas.diagnostico:PaginaDiagnostico"),
    EntradaPagina("plan", _("Plan de Acción"), "ui.paginas.plan:PaginaPlan"),
    EntradaPagina("mesas", _("Mesas"), "ui.paginas.mesas:PaginaMesas"),
    EntradaPagina("convenios", _("Convenios"), "ui.paginas.convenios:PaginaConvenios"),
)
HORAS_ENTRE_RESPALDOS = 24
REVISAR_RESPALDO_CADA_MS = 60 * 60 * 1000  # hourly: a day-long session gets its daily copy within the hour


# -- abrir con recuperación -------------------------------------------------------------------------------
def copiar_respaldo_junto_al_original(original: Path, copia_de_respaldo: Path, hoy: datetime | None = None) -> Path:
    """Copia un respaldo al lado del original como «NOMBRE (recuperado AAAA-MM-DD).articula»; nunca pisa nada."""
    carpeta = original.parent if original.parent.is_dir() else carpeta_expedientes()
    base = f"{original.stem} ({_('recuperado')} {(hoy or datetime.now()):%Y-%m-%d})"
    destino = carpeta / f"{base}{EXTENSION}"
    n = 2
    while destino.exists():
        destino = carpeta / f"{base} {n}{EXTENSION}"
        n += 1
    # SQLite backup API, integrity-checked
    return respaldo.copiar(lambda: conectar(copia_de_respaldo, solo_lectura=True), destino)


def preguntar_recuperacion(parent: QWidget | None, exc: ExpedienteNoValido, respaldos: list[Path]) -> bool:
    """Explica por qué no se pudo abrir y, si hay respaldos, ofrece abrir el último. True si el usuario acepta."""
    caja = QMessageBox(QMessageBox.Icon.Warning, _("No se pudo abrir el expediente"), exc.mensaje,
                       QMessageBox.StandardButton.NoButton, parent)
    partes = [exc.detalle] if exc.detalle else []
    boton = None
    if respaldos:
        ultimo = datetime.fromtimestamp(respaldos[0].stat().st_mtime)
        partes.append(_("Hay una copia de respaldo automática del {cuando}. Puede abrir una copia de ese respaldo; "
                        "se guardará al lado del original, que no se modifica.").format(
            cuando=formato.fecha_hora(ultimo)))
        boton = caja.addButton(_("Abrir el último respaldo"), QMessageBox.ButtonRole.AcceptRole)
        caja.addButton(_("Cancelar"), QMessageBox.ButtonRole.RejectRole)
        caja.setDefaultButton(boton)
    else:
        caja.addButton(_("Aceptar"), QMessageBox.ButtonRole.AcceptRole)
    if partes:
        caja.setInformativeText("\n\n".join(partes))
    caja.exec()
    return boton is not None and caja.clickedButton() is boton


def _abrir(ruta: Path) -> Expediente:
    # The automatic backup on open runs in the background once the window shows (see cambiar_expediente):
    # on a large file it would add its whole copy time to the start.
    return Expediente.abrir(ruta, respaldar=False)


def abrir_con_recuperacion(parent: QWidget | None, ruta: Path) -> Expediente | None:
    """Abre un expediente; si está dañado o no se puede usar, lo explica y ofrece abrir una copia del último
    respaldo. None si no se abrió nada (el usuario ya fue informado)."""
    ruta = Path(ruta)
    try:
        return _abrir(ruta)
    except ExpedienteNoValido as exc:
        log.warning("No se pudo abrir %s: %s", ruta, exc)
        respaldos = respaldo.respaldos_de(ruta)
        if not preguntar_recuperacion(parent, exc, respaldos):
            return None
        try:
            copia = copiar_respaldo_junto_al_original(ruta, respaldos[0])
            log.info("Respaldo %s recuperado en %s", respaldos[0], copia)
            return _abrir(copia)
        except ErrorDeUsuario as exc2:
            mostrar_error_de_usuario(parent, exc2)
            return None
    except ErrorDeUsuario as exc:
        mostrar_error_de_usuario(parent, exc)
        return None


# -- la ventana -------------------------------------------------------------------------------------------
class VentanaPrincipal(QMainWindow):
    def __init__(self, expediente: Expediente, ajustes_: Ajustes | None = None):
        super().__init__()
        self.ajustes = ajustes_ or ajustes()
        self.ctx: Contexto | None = None
        self.paginas: dict[str, QWidget] = {}
        self.acciones = RegistroAcciones(self)
        self.grupo_deshacer = QUndoGroup(self)
        self.acciones.registrar(Accion.DESHACER, self.grupo_deshacer.createUndoAction(self, _("&Deshacer")))
        self.acciones.registrar(Accion.REHACER, self.grupo_deshacer.createRedoAction(self, _("&Rehacer")))
        self.temporizador_respaldo = QTimer(self)
        self.temporizador_respaldo.setInterval(REVISAR_RESPALDO_CADA_MS)
        self._tarea_respaldo: progreso.Tarea | None = None
        # The first screen needs no ORM: it is loaded once the window is painted and idle (ui/precarga.py).
        self.precarga = Precarga(lambda: self.expediente, self)

        self._crear_interfaz()
        self._crear_menus()
        self._conectar_senales()
        self._restaurar_geometria()
        self.cambiar_expediente(expediente, self.ajustes["ultima_pagina"])
        self.temporizador_respaldo.start()

    # -- armado ----------------------------------------------------------------------------------------
    def _crear_interfaz(self) -> None:
        self.encabezado = QFrame()
        self.encabezado.setObjectName("encabezado")
        icono = QLabel()
        icono.setPixmap(estilo.icono_aplicacion().pixmap(36, 36))
        self.titulo_municipio = QLabel()
        self.titulo_municipio.setObjectName("encabezadoTitulo")
        self.titulo_municipio.setFont(estilo.fuente_relativa(self.font(), 1.35, negrita=True))
        self.archivo = QLabel()
        self.archivo.setObjectName("encabezadoArchivo")
        self.autoridades = QLabel()
        self.autoridades.setObjectName("encabezadoArchivo")
        self.autoridades.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        textos = QVBoxLayout()
        textos.setSpacing(1)
        textos.addWidget(self.titulo_municipio)
        textos.addWidget(self.archivo)
        capa_encabezado = QHBoxLayout(self.encabezado)
        capa_encabezado.setContentsMargins(14, 6, 16, 6)
        capa_encabezado.setSpacing(12)
        capa_encabezado.addWidget(icono)
        capa_encabezado.addLayout(textos, 1)
        capa_encabezado.addWidget(self.autoridades)

        self.aviso_solo_lectura = QLabel()
        self.aviso_solo_lectura.setObjectName("avisoSoloLectura")
        self.aviso_solo_lectura.setWordWrap(True)
        self.aviso_solo_lectura.hide()

        self.navegacion = QListWidget()
        self.navegacion.setObjectName("navegacion")
        self.navegacion.setAccessibleName(_("Áreas"))
        self.navegacion.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navegacion.setFrameShape(QFrame.Shape.NoFrame)
        self.nota_guardado = guardado = QLabel(_("Cada cambio se guarda al instante."))
        guardado.setObjectName("notaLateral")
        guardado.setWordWrap(True)
        guardado.setToolTip(_("No hay botón Guardar: lo que usted confirma queda guardado en el expediente. "
                              "Ctrl+Z deshace el último cambio."))
        self.barra_lateral = QFrame()
        self.barra_lateral.setObjectName("barraLateral")
        # As wide as the longest area name needs (they are translatable), never narrower than 168 px.
        medida = self.navegacion.fontMetrics()
        self.barra_lateral.setFixedWidth(max(168, max(medida.horizontalAdvance(e.titulo) for e in PAGINAS) + 48))
        capa_lateral = QVBoxLayout(self.barra_lateral)
        capa_lateral.setContentsMargins(0, 8, 0, 10)
        capa_lateral.addWidget(self.navegacion, 1)
        capa_lateral.addWidget(guardado)
        self.grupo_paginas = QActionGroup(self)
        self.grupo_paginas.setExclusive(True)
        for n, clase in enumerate(PAGINAS, start=1):
            item = QListWidgetItem(clase.titulo)
            item.setData(Qt.ItemDataRole.UserRole, clase.clave)
            item.setSizeHint(QSize(0, 38))
            self.navegacion.addItem(item)
            self.grupo_paginas.addAction(self.acciones.agregar_pagina(clase.clave, clase.titulo, n))

        self.pila_paginas = QStackedWidget()
        # A safety net for small screens: below the pages' minimum size the page scrolls instead of the window
        # growing past the screen (1024×700 must stay usable).
        self.desplazamiento = QScrollArea()
        self.desplazamiento.setWidget(self.pila_paginas)
        self.desplazamiento.setWidgetResizable(True)
        self.desplazamiento.setFrameShape(QFrame.Shape.NoFrame)
        cuerpo = QHBoxLayout()
        cuerpo.setContentsMargins(0, 0, 0, 0)
        cuerpo.setSpacing(0)
        cuerpo.addWidget(self.barra_lateral)
        cuerpo.addWidget(self.desplazamiento, 1)

        central = QWidget()
        capa = QVBoxLayout(central)
        capa.setContentsMargins(0, 0, 0, 0)
        capa.setSpacing(0)
        capa.addWidget(self.encabezado)
        capa.addWidget(self.aviso_solo_lectura)
        capa.addLayout(cuerpo, 1)
        self.setCentralWidget(central)

        self.conteos = QLabel()
        self.indicador_solo_lectura = QLabel(_("Solo lectura"))
        self.indicador_solo_lectura.setObjectName("indicadorSoloLectura")
        self.indicador_solo_lectura.hide()
        self.statusBar().addPermanentWidget(self.conteos)
        self.statusBar().addPermanentWidget(self.indicador_solo_lectura)

    def _crear_menus(self) -> None:
        a = self.acciones
        barra = self.menuBar()
        archivo = barra.addMenu(_("&Archivo"))
        archivo.addAction(a[Accion.NUEVO])
        archivo.addAction(a[Accion.ABRIR])
        self.menu_recientes = QMenu(_("Abrir &recientes"), self)
        archivo.addMenu(self.menu_recientes)
        archivo.addSeparator()
        archivo.addAction(a[Accion.GUARDAR_COPIA])
        archivo.addAction(a[Accion.RESPALDAR])
        archivo.addAction(a[Accion.CARPETA_RESPALDOS])
        archivo.addSeparator()
        archivo.addAction(a[Accion.IMPRIMIR])
        archivo.addSeparator()
        archivo.addAction(a[Accion.SALIR])

        editar = barra.addMenu(_("&Editar"))
        editar.addAction(a[Accion.DESHACER])
        editar.addAction(a[Accion.REHACER])
        editar.addSeparator()
        editar.addAction(a[Accion.BUSCAR])

        ver = barra.addMenu(_("&Ver"))
        for accion in a.paginas().values():
            ver.addAction(accion)
        ver.addSeparator()
        ver.addAction(a[Accion.PRESENTAR])

        herramientas = barra.addMenu(_("&Herramientas"))
        herramientas.addAction(a[Accion.DATOS_MUNICIPIO])
        herramientas.addAction(a[Accion.DIAS_NO_LABORABLES])
        herramientas.addAction(a[Accion.MATRIZ_RIESGOS])
        herramientas.addSeparator()
        herramientas.addAction(a[Accion.VERIFICAR])

        ayuda = barra.addMenu(_("A&yuda"))
        ayuda.addAction(a[Accion.ACERCA_DE])
        self._actualizar_recientes()

    # -- conexiones ------------------------------------------------------------------------------------
    def _conectar_senales(self) -> None:
        a = self.acciones
        a[Accion.NUEVO].triggered.connect(self.nuevo_expediente)
        a[Accion.ABRIR].triggered.connect(self.elegir_y_abrir)
        a[Accion.GUARDAR_COPIA].triggered.connect(self.elegir_copia)
        a[Accion.RESPALDAR].triggered.connect(self.respaldar_ahora)
        a[Accion.IMPRIMIR].triggered.connect(self.imprimir)
        a[Accion.PRESENTAR].triggered.connect(self.presentar_plan)
        a[Accion.VERIFICAR].triggered.connect(self.verificar_documento)
        a[Accion.CARPETA_RESPALDOS].triggered.connect(self.abrir_carpeta_respaldos)
        a[Accion.SALIR].triggered.connect(self.close)
        a[Accion.BUSCAR].triggered.connect(self.buscar)
        a[Accion.DATOS_MUNICIPIO].triggered.connect(self.editar_municipio)
        a[Accion.DIAS_NO_LABORABLES].triggered.connect(self.editar_dias_no_laborables)
        a[Accion.MATRIZ_RIESGOS].triggered.connect(self.editar_matriz_riesgos)
        a[Accion.ACERCA_DE].triggered.connect(self.acerca_de)
        for clave, accion in a.paginas().items():
            accion.triggered.connect(lambda _c=False, clave=clave: self.mostrar_pagina(clave))
        self.navegacion.currentRowChanged.connect(self._fila_navegacion)
        self.menu_recientes.aboutToShow.connect(self._actualizar_recientes)
        # Undo texts say what will be undone: «Deshacer «Eliminar territorio Barrio Norte»».
        self.grupo_deshacer.undoTextChanged.connect(
            lambda t: a[Accion.DESHACER].setText(_texto_orden(_("&Deshacer"), t)))
        self.grupo_deshacer.redoTextChanged.connect(
            lambda t: a[Accion.REHACER].setText(_texto_orden(_("&Rehacer"), t)))
        self.temporizador_respaldo.timeout.connect(self.respaldo_diario)

    def _conectar_contexto(self, ctx: Contexto) -> None:
        ctx.mensaje.connect(lambda m: self.statusBar().showMessage(m, 10_000))
        ctx.navegar.connect(self.navegar)
        ctx.cambiado.connect(self._al_cambiar)

    # -- expediente ------------------------------------------------------------------------------------
    @property
    def expediente(self) -> Expediente | None:
        return self.ctx.expediente if self.ctx else None

    def cambiar_expediente(self, expediente: Expediente, pagina: str | None = None) -> None:
        """Cierra el expediente actual (libera su bloqueo) y arma contexto y páginas para el nuevo."""
        pagina = pagina or self.pagina_actual_clave() or PAGINAS[0].clave
        self._cerrar_expediente()
        ctx = Contexto(expediente, self)
        self.ctx = ctx
        self.grupo_deshacer.addStack(ctx.pila)
        self.grupo_deshacer.setActiveStack(ctx.pila)
        self._conectar_contexto(ctx)
        self.ajustes.agregar_reciente(expediente.ruta)
        self._actualizar_encabezado()
        self._actualizar_solo_lectura()
        QTimer.singleShot(0, self._actualizar_conteos)  # two COUNT queries: after the first paint
        self.mostrar_pagina(pagina)
        if not expediente.solo_lectura:
            QTimer.singleShot(0, lambda: self.respaldo_diario(al_abrir=True))
        log.info("Expediente abierto en la ventana: %s (solo lectura: %s)", expediente.ruta, expediente.solo_lectura)

    def _cerrar_expediente(self) -> None:
        # A copy still running in the background reads this file: let it finish before the engine goes away.
        QThreadPool.globalInstance().waitForDone()
        viejo, self.ctx = self.ctx, None
        for pagina in self.paginas.values():
            self.pila_paginas.removeWidget(pagina)
            pagina.deleteLater()
        self.paginas.clear()
        if viejo is None:
            return
        self.grupo_deshacer.removeStack(viejo.pila)
        viejo.expediente.cerrar()
        viejo.deleteLater()

    def abrir_ruta(self, ruta: Path) -> bool:
        ruta = Path(ruta)
        if self.expediente is not None and ruta.resolve() == self.expediente.ruta:
            self.statusBar().showMessage(_("Ese expediente ya está abierto."), 6000)
            return True
        exp = abrir_con_recuperacion(self, ruta)
        if exp is None:
            return False
        self.cambiar_expediente(exp)
        return True

    def elegir_y_abrir(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # here: its type costs ≈ 3 ms at start-up

        carpeta = str(self.expediente.ruta.parent if self.expediente else carpeta_expedientes())
        ruta, _filtro = QFileDialog.getOpenFileName(self, _("Abrir un expediente"), carpeta, _filtro_archivos())
        if ruta:
            self.abrir_ruta(Path(ruta))

    def nuevo_expediente(self) -> None:
        from ui.dialogos.asistente import AsistenteExpediente

        asistente = AsistenteExpediente(self)
        if asistente.exec() != AsistenteExpediente.DialogCode.Accepted:
            return
        if asistente.expediente is not None:
            self.cambiar_expediente(asistente.expediente)
        elif asistente.ruta is not None:
            self.abrir_ruta(asistente.ruta)

    def _actualizar_recientes(self) -> None:
        self.menu_recientes.clear()
        recientes = self.ajustes.recientes()
        for n, ruta in enumerate(recientes, start=1):
            accion = self.menu_recientes.addAction(f"&{n}  {ruta.name}")
            accion.setStatusTip(str(ruta))
            accion.setToolTip(str(ruta))
            accion.triggered.connect(lambda _c=False, r=ruta: self.abrir_ruta(r))
        if not recientes:
            vacio = self.menu_recientes.addAction(_("(ninguno)"))
            vacio.setEnabled(False)

    # -- copias ----------------------------------------------------------------------------------------
    def elegir_copia(self) -> None:
        exp = self.expediente
        if exp is None:
            return
        from PySide6.QtWidgets import QFileDialog  # here: its type costs ≈ 3 ms at start-up

        sugerido = exp.ruta.parent / f"{exp.ruta.stem} ({_('copia')} {datetime.now():%Y-%m-%d}){EXTENSION}"
        ruta, _filtro = QFileDialog.getSaveFileName(self, _("Guardar una copia del expediente"), str(sugerido),
                                                    _filtro_archivos())
        if not ruta:
            return
        destino = Path(ruta)
        if destino.suffix.lower() != EXTENSION:
            destino = destino.with_name(destino.name + EXTENSION)
        if destino.resolve() == exp.ruta:
            mostrar_error_de_usuario(self, ErrorDeUsuario(_("Elija otro nombre: ese es el archivo abierto.")))
            return
        self.guardar_copia_en(destino)

    def guardar_copia_en(self, destino: Path) -> progreso.Tarea:
        """Copia en segundo plano con la API de respaldo de SQLite y la verifica después."""
        exp = self.expediente
        assert exp is not None

        def copiar(avance: progreso.Progreso) -> Path:
            hecho = exp.respaldar(destino, avance)
            problema = integridad_de_archivo(hecho)
            if problema:
                raise ErrorDeUsuario(_("La copia no pasó la verificación de integridad."), detalle=problema)
            return hecho

        return progreso.ejecutar(
            self, copiar, titulo=_("Guardar una copia"), texto=_("Copiando y verificando el expediente…"),
            al_terminar=lambda r: self.statusBar().showMessage(
                _("Copia guardada y verificada: {ruta}").format(ruta=r), 15_000))

    def respaldar_ahora(self) -> progreso.Tarea | None:
        exp = self.expediente
        if exp is None or exp.solo_lectura:
            return None
        return progreso.ejecutar(
            self, lambda _avance: exp.respaldo_automatico(), titulo=_("Respaldar"),
            texto=_("Guardando una copia de respaldo…"),
            al_terminar=lambda r: self.statusBar().showMessage(
                _("Respaldo guardado: {ruta}").format(ruta=r), 15_000))

    def imprimir(self) -> progreso.Tarea | None:
        """Archivo › Imprimir… (Ctrl+P): arma en un hilo el PDF de lo que muestra la página y abre la vista previa
        con el diálogo de impresión del sistema; se imprime exactamente el documento que se guardaría."""
        pagina = self.pila_paginas.currentWidget()
        pedido = pagina.impreso_actual() if hasattr(pagina, "impreso_actual") else None
        if pedido is None or self.ctx is None:
            self.statusBar().showMessage(_("Esta página no tiene nada para imprimir: elija primero un registro, o "
                                           "vaya a una página con impresos."), 8000)
            return None
        try:
            from ui.impresion import imprimir_impreso
        except ImportError:  # no page rasterizer installed: save it and let the system's PDF viewer print it
            self.statusBar().showMessage(_("La vista previa de impresión no está disponible: use el botón "
                                           "«Imprimir» de la página para guardar el PDF."), 8000)
            return None
        self._tarea_impresion = imprimir_impreso(self.ctx, self, pedido.impreso, pedido.vista, id=pedido.id,
                                                 revision=pedido.revision, nombre=pedido.titulo)
        return self._tarea_impresion

    def verificar_documento(self) -> None:
        from ui.dialogos.verificar import abrir_verificar

        if self.ctx is not None:
            abrir_verificar(self.ctx, self)

    def presentar_plan(self) -> None:
        """F5: el plan de la página «Plan de Acción» si es la que se ve; si no, pregunta cuál."""
        from ui.presentacion import presentar

        if self.ctx is None:
            return
        pagina = self.pila_paginas.currentWidget()
        plan_id = pagina.plan_actual() if getattr(pagina, "clave", "") == "plan" else None
        presentar(self.ctx, plan_id, self)

    def respaldo_diario(self, al_abrir: bool = False) -> progreso.Tarea | None:
        """Respaldo automático en segundo plano: al abrir un expediente y, llamado cada hora, cuando el último
        tiene más de un día."""
        exp = self.expediente
        if exp is None or exp.solo_lectura or (self._tarea_respaldo and self._tarea_respaldo.en_curso):
            return None
        ultimo = respaldo.ultimo_respaldo_automatico(exp.ruta)
        if not al_abrir and ultimo is not None and datetime.now() - ultimo < timedelta(hours=HORAS_ENTRE_RESPALDOS):
            return None

        def hecho(ruta: Path) -> None:
            log.info("Respaldo automático%s: %s", " al abrir" if al_abrir else " diario", ruta)
            self.statusBar().showMessage(_("Copia de respaldo automática guardada."), 8000)

        def fallo(exc: BaseException, traza: str) -> None:
            # A failed daily copy must not interrupt the work; it is logged and retried within the hour.
            log.error("Falló el respaldo diario: %s\n%s", exc, traza)
            self.statusBar().showMessage(_("No se pudo hacer el respaldo diario; se reintentará."), 10_000)

        self._tarea_respaldo = progreso.ejecutar(
            self, lambda _avance: exp.respaldo_automatico(), titulo=_("Respaldo diario"), texto="",
            al_terminar=hecho, al_fallar=fallo, mostrar_dialogo=False)
        return self._tarea_respaldo

    def abrir_carpeta_respaldos(self) -> None:
        if self.expediente is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(respaldo.carpeta_de(self.expediente.ruta))))

    # -- páginas ---------------------------------------------------------------------------------------
    def pagina_actual_clave(self) -> str | None:
        for clave, pagina in self.paginas.items():
            if pagina is self.pila_paginas.currentWidget():
                return clave
        return None

    def pagina(self, clave: str) -> QWidget | None:
        """La página de esa clave, armada la primera vez que se pide: las que no se abren no cuestan al arrancar."""
        if clave not in self.paginas:
            entrada = next((e for e in PAGINAS if e.clave == clave), None)
            if entrada is None or self.ctx is None:
                return None
            pagina = entrada.cargar()(self.ctx)
            self.paginas[clave] = pagina
            self.pila_paginas.addWidget(pagina)
        return self.paginas[clave]

    def mostrar_pagina(self, clave: str) -> None:
        pagina = self.pagina(clave) or self.pagina(PAGINAS[0].clave)
        if pagina is None:
            return
        clave = pagina.clave
        # Only the visible page counts for the minimum size: a hidden page with a large minimum must not put
        # scroll bars around a small one.
        for otra in self.paginas.values():
            politica = QSizePolicy.Policy.Preferred if otra is pagina else QSizePolicy.Policy.Ignored
            otra.setSizePolicy(politica, politica)
        self.pila_paginas.setCurrentWidget(pagina)
        self.pila_paginas.updateGeometry()
        self.acciones.pagina(clave).setChecked(True)
        fila = next(i for i in range(self.navegacion.count())
                    if self.navegacion.item(i).data(Qt.ItemDataRole.UserRole) == clave)
        if self.navegacion.currentRow() != fila:
            self.navegacion.setCurrentRow(fila)
        self.ajustes["ultima_pagina"] = clave

    def _fila_navegacion(self, fila: int) -> None:
        if fila >= 0:
            self.mostrar_pagina(self.navegacion.item(fila).data(Qt.ItemDataRole.UserRole))

    def navegar(self, clave: str, parametro: Any = None) -> None:
        """Lo que piden las páginas con ctx.navegar: ir a otra página y, con un id, mostrar ese elemento (cada
        página que lo admite tiene `mostrar_territorio`, `mostrar_actor`, … según lo que lista)."""
        self.mostrar_pagina(clave)
        pagina = self.pagina(clave)
        if pagina is None or not isinstance(parametro, int):
            return
        mostrar = next((getattr(pagina, n) for n in ("mostrar_territorio", "mostrar_actor", "mostrar_oportunidad")
                        if hasattr(pagina, n)), None)
        if mostrar is not None:
            mostrar(parametro)

    def buscar(self) -> None:
        pagina = self.pila_paginas.currentWidget()
        if pagina is not None and hasattr(pagina, "buscar"):
            pagina.buscar()

    # -- herramientas y ayuda --------------------------------------------------------------------------
    def editar_municipio(self) -> None:
        from ui.dialogos.municipio import DialogoMunicipio

        if self.ctx is not None:
            DialogoMunicipio(self.ctx, self).exec()

    def editar_dias_no_laborables(self) -> None:
        from ui.dialogos.dias_no_laborables import DialogoDiasNoLaborables

        if self.ctx is not None:
            DialogoDiasNoLaborables(self.ctx, self).exec()

    def editar_matriz_riesgos(self) -> None:
        from ui.dialogos.matriz_riesgos import abrir_matriz_riesgos

        if self.ctx is not None:
            abrir_matriz_riesgos(self.ctx, self)

    def acerca_de(self) -> None:
        from ui.dialogos.acerca_de import DialogoAcercaDe

        DialogoAcercaDe(self.ctx, self).exec()

    # -- estado visible --------------------------------------------------------------------------------
    def _al_cambiar(self, que: set[str]) -> None:
        if "municipio" in que:
            self._actualizar_encabezado()
        if que & {"territorio", "actor"}:
            self._actualizar_conteos()

    def _actualizar_encabezado(self) -> None:
        ctx = self.ctx
        if ctx is None:
            return
        m = ctx.consultar(lambda con: encabezado(con, ctx.municipio_id))
        if m.departamento_codigo == "00":
            titulo = _("Municipalidad de {nombre} · Capital de la República").format(nombre=m.nombre)
        else:
            titulo = _("Municipalidad de {nombre} · Departamento {dep}").format(nombre=m.nombre, dep=m.departamento)
        self.titulo_municipio.setText(titulo)
        ruta = ctx.expediente.ruta
        self.archivo.setText(_("Expediente: {nombre}  —  {carpeta}").format(nombre=ruta.name, carpeta=ruta.parent))
        self.archivo.setToolTip(str(ruta))
        lineas = []
        if m.intendente_nombre:
            lineas.append(_("Intendente: {nombre}").format(nombre=m.intendente_nombre))
        if m.coordinador_nombre:
            lineas.append(_("Coordinación: {nombre}").format(nombre=m.coordinador_nombre))
        self.autoridades.setText("\n".join(lineas))
        marca = _(" (solo lectura)") if ctx.solo_lectura else ""
        self.setWindowTitle(f"{m.nombre} — {ruta.name}{marca} — Articula")

    def _actualizar_solo_lectura(self) -> None:
        ctx = self.ctx
        solo = bool(ctx and ctx.solo_lectura)
        if solo:
            quien = ctx.expediente.titular_bloqueo or _("otro programa")
            self.aviso_solo_lectura.setText(_(
                "<b>Solo lectura:</b> este expediente está abierto por {quien}. "
                "Los cambios no se pueden guardar aquí.").format(quien=quien))
        self.aviso_solo_lectura.setVisible(solo)
        self.indicador_solo_lectura.setVisible(solo)
        self.nota_guardado.setVisible(not solo)
        self.indicador_solo_lectura.setToolTip(self.aviso_solo_lectura.text() if solo else "")
        self.acciones[Accion.RESPALDAR].setEnabled(not solo)

    def _actualizar_conteos(self) -> None:
        ctx = self.ctx
        if ctx is None:
            return
        territorios, actores = ctx.consultar(lambda con: (contar_territorios(con, ctx.municipio_id),
                                                          contar_actores(con, ctx.municipio_id)))
        self.conteos.setText(" · ".join((
            n_("{n} territorio", "{n} territorios", territorios).format(n=formato.entero(territorios)),
            n_("{n} actor", "{n} actores", actores).format(n=formato.entero(actores)),
        )))

    # -- geometría y cierre ----------------------------------------------------------------------------
    def _restaurar_geometria(self) -> None:
        geometria = self.ajustes["geometria"]
        if isinstance(geometria, QByteArray) and not geometria.isEmpty() and self.restoreGeometry(geometria):
            self.restoreState(self.ajustes["estado"])
            return
        pantalla = self.screen().availableGeometry() if self.screen() else None
        ancho, alto = 1280, 800
        if pantalla is not None:
            ancho, alto = min(ancho, pantalla.width()), min(alto, pantalla.height())
        self.resize(ancho, alto)

    def guardar_estado(self) -> None:
        self.ajustes["geometria"] = self.saveGeometry()
        self.ajustes["estado"] = self.saveState()
        clave = self.pagina_actual_clave()
        if clave:
            self.ajustes["ultima_pagina"] = clave
        self.ajustes.sincronizar()

    def showEvent(self, evento) -> None:  # noqa: N802 - Qt override
        super().showEvent(evento)
        self.precarga.iniciar_en_reposo()

    def closeEvent(self, evento: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # Nothing to save: every change was committed when it was made. Close the file and release the lock.
        self.temporizador_respaldo.stop()
        self.guardar_estado()
        self._cerrar_expediente()
        evento.accept()


def _filtro_archivos() -> str:
    return _("Expedientes de Articula (*.articula);;Todos los archivos (*)")


def _texto_orden(prefijo: str, texto: str) -> str:
    return f"{prefijo} «{texto.replace('&', '&&')}»" if texto else prefijo
