"""Asistente «Plan operativo (POA)»: trae al Plan de Acción un Plan Operativo Anual de la alcaldía.

Elegir la planilla → vista previa de lo que se crea (resultados, proyectos y actividades, con sus fechas en el
calendario del municipio) y de las filas que no se importan, con su motivo → Importar. Todo el trabajo lo hace
`nucleo.importar.poa`; la importación es una sola orden que Ctrl+Z deshace (elimina lo creado en orden inverso).

La página abre el asistente con `importar_poa_en(ctx, plan_id, parent)` (botón del cronograma).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from ui.contexto import ComandoServicio, Contexto
from ui.estilo import ERROR, TEXTO_SECUNDARIO
from ui.modelos.tabla import Columna, ModeloTabla

TIPOS = {"resultado": _("Resultado"), "proyecto": _("Proyecto"), "actividad": _("Actividad")}
_COLOR_TIPO = {"resultado": "#6a1b9a", "proyecto": "#1f3a5f"}
_SIN_ANIO = 1999  # the spin box's «del título»
_RECHAZOS_A_LISTAR = 8


def _fecha(d) -> str:
    return formato.fecha(d) if d else ""


COLUMNAS = (
    Columna(_("Fila"), lambda f: str(f.fila) if f.fila else "", orden=lambda f: f.fila or 0, derecha=True,
            ayuda=_("Fila de la planilla del POA")),
    Columna(_("Se crea como"), lambda f: TIPOS[f.tipo], color=lambda f: _COLOR_TIPO.get(f.tipo)),
    Columna(_("Código"), lambda f: f.codigo),
    Columna(_("Texto"), lambda f: ("    " if f.tipo == "actividad" else "") + f.texto),
    Columna(_("Resultado"), lambda f: f.resultado),
    Columna(_("Inicio"), lambda f: _fecha(f.inicio), orden=lambda f: f.inicio or date.min),
    Columna(_("Fin"), lambda f: _fecha(f.fin), orden=lambda f: f.fin or date.min),
    Columna(_("Días hábiles"), lambda f: formato.entero(f.duracion) if f.duracion else "", derecha=True),
    Columna(_("Meses programados"), lambda f: _("todo el año") if f.meses.count(",") == 11 else f.meses),
)


def _etiqueta(color: str | None = None) -> QLabel:
    e = QLabel()
    e.setWordWrap(True)
    e.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if color:
        e.setStyleSheet(f"color: {color};")
    return e


class DialogoImportarPoa(QDialog):
    def __init__(self, ctx: Contexto, plan_id: int, parent: QWidget | None = None, ruta: Path | str | None = None):
        super().__init__(parent)
        self.ctx, self.plan_id = ctx, plan_id
        self.lectura = None  # nucleo.importar.poa.LecturaPoa
        self.resultado = None  # ResultadoPoa of the import
        self.setWindowTitle(_("Importar un Plan Operativo Anual (POA)"))
        self.setObjectName("asistenteImportarPoa")

        intro = _etiqueta(TEXTO_SECUNDARIO)
        intro.setText(_("Cada PROYECTO del POA pasa a ser una actividad con subactividades, cada META un resultado "
                        "nuevo y cada ACTIVIDAD una subactividad de su proyecto, del primer día hábil del primer mes "
                        "programado al último día hábil del último. Revise la vista previa antes de importar."))
        self.campo_ruta = QLineEdit()
        self.campo_ruta.setPlaceholderText(_("Ruta del POA (.xlsx)"))
        self.campo_ruta.setClearButtonEnabled(True)
        self.campo_ruta.returnPressed.connect(self.leer)
        examinar = QPushButton(_("&Examinar…"))
        examinar.setAutoDefault(False)
        examinar.clicked.connect(self.examinar)
        self.anio = QSpinBox()
        self.anio.setRange(_SIN_ANIO, 2100)
        self.anio.setSpecialValueText(_("el del título"))
        self.anio.setValue(_SIN_ANIO)
        self.anio.setToolTip(_("Año del POA. Se toma del título («PLAN OPERATIVO ANUAL 2025»); indíquelo si el "
                               "título no lo dice."))
        self.boton_leer = QPushButton(_("&Leer"))
        self.boton_leer.setAutoDefault(False)
        self.boton_leer.clicked.connect(self.leer)
        rejilla = QGridLayout()
        e_ruta, e_anio = QLabel(_("&Planilla:")), QLabel(_("&Año:"))
        e_ruta.setBuddy(self.campo_ruta)
        e_anio.setBuddy(self.anio)
        rejilla.addWidget(e_ruta, 0, 0)
        rejilla.addWidget(self.campo_ruta, 0, 1)
        rejilla.addWidget(examinar, 0, 2)
        rejilla.addWidget(e_anio, 1, 0)
        fila_anio = QHBoxLayout()
        fila_anio.addWidget(self.anio)
        fila_anio.addWidget(self.boton_leer)
        fila_anio.addStretch(1)
        rejilla.addLayout(fila_anio, 1, 1)
        rejilla.setColumnStretch(1, 1)

        self.error = _etiqueta(ERROR)
        self.error.setObjectName("errorPoa")
        self.error.hide()
        self.resumen = _etiqueta()
        self.resumen.setObjectName("resumenPoa")
        self.modelo = ModeloTabla(COLUMNAS, self)
        self.tabla = QTableView()
        self.tabla.setModel(self.modelo)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setWordWrap(False)
        self.tabla.setTabKeyNavigation(False)
        self.tabla.verticalHeader().hide()
        cabecera = self.tabla.horizontalHeader()
        cabecera.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        cabecera.setStretchLastSection(True)
        self.rechazos = _etiqueta(ERROR)
        self.rechazos.setObjectName("rechazosPoa")
        self.avisos = _etiqueta(TEXTO_SECUNDARIO)
        self.avisos.setObjectName("avisosPoa")

        self.boton_importar = QPushButton(_("&Importar"))
        self.boton_importar.clicked.connect(self.importar)
        self.boton_cerrar = QPushButton(_("Cancelar"))
        self.boton_cerrar.setAutoDefault(False)
        self.boton_cerrar.clicked.connect(self.reject)
        botones = QHBoxLayout()
        botones.addStretch(1)
        botones.addWidget(self.boton_importar)
        botones.addWidget(self.boton_cerrar)

        capa = QVBoxLayout(self)
        capa.addWidget(intro)
        capa.addLayout(rejilla)
        capa.addWidget(self.error)
        capa.addWidget(self.resumen)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.rechazos)
        capa.addWidget(self.avisos)
        capa.addLayout(botones)
        self.resize(1100, 680)
        self._actualizar()
        if ruta is not None:
            self.campo_ruta.setText(str(ruta))
            self.leer()

    # -- archivo ----------------------------------------------------------------------------------------------
    def examinar(self) -> None:
        from ui.acciones_datos import carpeta_inicial, recordar_carpeta

        ruta, _f = QFileDialog.getOpenFileName(self, _("Elegir el POA"), str(carpeta_inicial()),
                                               _("Libros de Excel (*.xlsx)") + ";;" + _("Todos los archivos (*)"))
        if ruta:
            recordar_carpeta(Path(ruta).parent)
            self.campo_ruta.setText(ruta)
            self.leer()

    def leer(self) -> None:
        from nucleo.importar.poa import leer_poa

        texto = self.campo_ruta.text().strip().strip('"')
        self.lectura = None
        self.error.hide()
        if not texto:
            return
        anio = None if self.anio.value() == _SIN_ANIO else self.anio.value()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.lectura = leer_poa(Path(texto).expanduser(), anio)
        except ErrorDeUsuario as exc:
            self.error.setText(exc.mensaje)
            self.error.show()
            if exc.campo == "anio":
                self.anio.setFocus()
        finally:
            QApplication.restoreOverrideCursor()
        self._mostrar()

    # -- vista previa -----------------------------------------------------------------------------------------
    def _del_plan(self, s) -> tuple[Any, int, list[str]]:
        from sqlalchemy import func, select

        from nucleo.modelo import Actividad, PlanAccion, Resultado
        from nucleo.servicios.dias_especiales import calendario_de

        cal = calendario_de(s, s.get(PlanAccion, self.plan_id).municipio_id)
        raiz = s.scalar(select(func.count()).select_from(Actividad).where(Actividad.plan_id == self.plan_id,
                                                                         Actividad.padre_id.is_(None)))
        codigos = list(s.scalars(select(Resultado.codigo).where(Resultado.plan_id == self.plan_id)))
        return cal, raiz + 1, codigos

    def _mostrar(self) -> None:
        from nucleo.importar.poa import previa

        lec = self.lectura
        if lec is None:
            self.modelo.cargar([])
            self.resumen.setText("")
            self.rechazos.setText("")
            self.avisos.setText("")
            self._actualizar()
            return
        cal, primero, codigos = self.ctx.leer(self._del_plan)
        self.modelo.cargar(previa(lec, cal, primero, codigos))
        self.tabla.resizeColumnsToContents()
        self.tabla.setColumnWidth(3, min(self.tabla.columnWidth(3), 330))  # long activity texts: tooltip
        origen = _("del título") if lec.anio_del_titulo else _("indicado")
        partes = [
            _("Hoja «{hoja}», encabezados en la fila {fila}; año {anio} ({origen}).").format(
                hoja=lec.hoja, fila=lec.fila_encabezado, anio=lec.anio, origen=origen),
            _("Se crearán {proyectos}, {resultados} y {actividades}.").format(
                proyectos=n_("{n} proyecto", "{n} proyectos", len(lec.proyectos)).format(n=len(lec.proyectos)),
                resultados=n_("{n} resultado", "{n} resultados", len(lec.metas)).format(n=len(lec.metas)),
                actividades=n_("{n} actividad", "{n} actividades", len(lec.actividades)).format(
                    n=len(lec.actividades))),
        ]
        self.resumen.setText(" ".join(partes))
        if lec.rechazos:
            lineas = [n_("{n} fila no se importa:", "{n} filas no se importan:", len(lec.rechazos)).format(
                n=len(lec.rechazos))]
            lineas += [f"• {r}" for r in lec.rechazos[:_RECHAZOS_A_LISTAR]]
            if len(lec.rechazos) > _RECHAZOS_A_LISTAR:
                lineas.append(_("… y {n} más.").format(n=len(lec.rechazos) - _RECHAZOS_A_LISTAR))
            self.rechazos.setText("\n".join(lineas))
        else:
            self.rechazos.setText(_("Todas las filas con actividad se importan."))
        self.rechazos.setStyleSheet(f"color: {ERROR if lec.rechazos else TEXTO_SECUNDARIO};")
        self.avisos.setText("\n".join(f"• {a}" for a in lec.avisos()))
        self._actualizar()

    def _actualizar(self) -> None:
        puede = self.lectura is not None and bool(self.lectura.actividades) and not self.ctx.solo_lectura
        self.boton_importar.setEnabled(puede and self.resultado is None)
        if self.ctx.solo_lectura:
            self.boton_importar.setToolTip(_("El expediente está abierto solo para lectura."))
        self.boton_importar.setDefault(puede)

    # -- importar ---------------------------------------------------------------------------------------------
    def importar(self) -> Any:
        if self.lectura is None or self.resultado is not None:
            return None
        try:
            self.resultado = self.ctx.ejecutar(comando_poa(self.ctx, self.plan_id, self.lectura))
        except ErrorDeUsuario as exc:
            self.error.setText(exc.mensaje)
            self.error.show()
            return None
        r = self.resultado
        texto = _("Se importaron {proyectos}, {resultados} y {actividades}. Ctrl+Z deshace la importación.").format(
            proyectos=n_("{n} proyecto", "{n} proyectos", r.proyectos).format(n=r.proyectos),
            resultados=n_("{n} resultado", "{n} resultados", r.resultados).format(n=r.resultados),
            actividades=n_("{n} actividad", "{n} actividades", r.actividades).format(n=r.actividades))
        self.resumen.setText(texto)
        self.resumen.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.ctx.mensaje.emit(texto)
        self.boton_cerrar.setText(_("Cerrar"))
        self._actualizar()
        return r


def comando_poa(ctx: Contexto, plan_id: int, lectura) -> ComandoServicio:
    """La importación como una orden: deshacer elimina las actividades y luego los resultados, en orden inverso;
    rehacer los restaura con los mismos números."""
    from nucleo.exportar.excel.esquemas.actividades import eliminar_importada, restaurar_importada
    from nucleo.importar.poa import importar_poa
    from nucleo.servicios.plan import eliminar_resultado, restaurar_resultado

    hecho: dict[str, Any] = {}

    def hacer(s):
        hecho["r"] = importar_poa(s, plan_id, lectura)
        return hecho["r"]

    def deshacer(s, r):
        actividades = [eliminar_importada(s, i) for i in reversed(r.ids_actividades)]
        resultados = [eliminar_resultado(s, i) for i in reversed(r.ids_resultados)]
        return actividades, resultados

    def rehacer(s, copias):
        actividades, resultados = copias
        for c in reversed(resultados):
            restaurar_resultado(s, c)
        for c in reversed(actividades):
            restaurar_importada(s, c)
        return hecho["r"]

    texto = _("Importar el POA {anio} de «{archivo}»").format(anio=lectura.anio, archivo=lectura.archivo.name)
    return ComandoServicio(ctx, texto, {"actividad", "resultado"}, hacer, deshacer, rehacer)


def importar_poa_en(ctx: Contexto, plan_id: int, parent: QWidget | None = None) -> DialogoImportarPoa:
    """Abre el asistente para el plan (no modal: la página sigue a la vista) y lo devuelve."""
    dialogo = DialogoImportarPoa(ctx, plan_id, parent)
    dialogo.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialogo.open()
    return dialogo
