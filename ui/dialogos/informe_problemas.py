"""Los problemas de una importación que no se hizo: una tabla Hoja / Fila / Columna / Problema que se puede copiar
o guardar (para corregir la planilla con la lista a la vista o mandársela a quien la armó).

Dice claramente que no se importó nada: la importación es todo o nada (`nucleo.importar`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nucleo import formato
from nucleo.i18n import _, n_
from nucleo.importar import Problema, informe
from ui.estilo import ERROR, TEXTO_SECUNDARIO
from ui.modelos.tabla import Columna, ModeloTabla

# Beyond this many rows, heights are not measured one by one (it would take seconds): long messages are elided
# and shown whole in the tooltip and under the table.
_FILAS_CON_ALTO_MEDIDO = 400

COLUMNAS: list[Columna[Problema]] = [
    Columna(_("Hoja"), lambda p: p.hoja),
    Columna(_("Fila"), lambda p: formato.entero(p.fila) if p.fila is not None else "—",
            orden=lambda p: p.fila, derecha=True),
    Columna(_("Columna"), lambda p: p.columna or "—",
            orden=lambda p: p.indice_columna if p.indice_columna is not None else -1),
    Columna(_("Problema"), lambda p: p.mensaje),
]
COL_PROBLEMA = 3


def texto_csv(problemas: Sequence[Problema]) -> str:
    """Los problemas como CSV (separado por «;», como lo abre una planilla en español)."""
    salida = io.StringIO()
    escritor = csv.writer(salida, delimiter=";", lineterminator="\r\n")
    escritor.writerow([_("Hoja"), _("Fila"), _("Columna"), _("Problema")])
    for p in problemas:
        escritor.writerow([p.hoja, "" if p.fila is None else p.fila, p.columna, p.mensaje])
    return salida.getvalue()


def guardar_informe(ruta: Path, problemas: Sequence[Problema], archivo: str = "") -> Path:
    """Escribe el informe: .csv como tabla, cualquier otra extensión como el texto de `informe`."""
    ruta = Path(ruta)
    if ruta.suffix.lower() == ".csv":
        # The byte-order mark makes Excel read the accents right; LibreOffice does not mind it.
        ruta.write_text(texto_csv(problemas), encoding="utf-8-sig", newline="")
    else:
        if not ruta.suffix:
            ruta = ruta.with_suffix(".txt")
        ruta.write_text(informe(list(problemas), archivo) + "\n", encoding="utf-8")
    return ruta


class DialogoProblemas(QDialog):
    """Lista de problemas con «Copiar» y «Guardar…». `archivo`: el nombre de la planilla, para el encabezado."""

    def __init__(self, problemas: Sequence[Problema], archivo: str = "", parent: QWidget | None = None,
                 titulo: str | None = None):
        super().__init__(parent)
        self.problemas = list(problemas)
        self.archivo = archivo
        self.setWindowTitle(titulo or _("No se importó nada"))
        self.setObjectName("dialogoProblemas")

        n = len(self.problemas)
        cabeza = QLabel(n_("No se importó nada: la planilla tiene {n} problema.",
                           "No se importó nada: la planilla tiene {n} problemas.", n).format(n=formato.entero(n)))
        fuente = cabeza.font()
        fuente.setBold(True)
        fuente.setPointSizeF(fuente.pointSizeF() * 1.1)
        cabeza.setFont(fuente)
        cabeza.setStyleSheet(f"color: {ERROR};")
        cabeza.setWordWrap(True)
        explicacion = QLabel(
            (_("Archivo: «{archivo}».").format(archivo=archivo) + " " if archivo else "")
            + _("Mientras haya un problema no se guarda ninguna fila: el expediente quedó como estaba. Corrija la "
                "planilla en su programa de planillas (la fila y la columna dicen dónde) y vuelva a importarla."))
        explicacion.setWordWrap(True)
        explicacion.setStyleSheet(f"color: {TEXTO_SECUNDARIO};")

        self.modelo: ModeloTabla[Problema] = ModeloTabla(COLUMNAS, self)
        self.modelo.cargar(self.problemas)
        self.tabla = QTableView()
        self.tabla.setModel(self.modelo)
        self.tabla.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabla.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tabla.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabla.setAlternatingRowColors(True)
        self.tabla.setTabKeyNavigation(False)
        self.tabla.verticalHeader().hide()
        self.tabla.setAccessibleName(_("Problemas de la planilla"))
        cabecera = self.tabla.horizontalHeader()
        cabecera.setHighlightSections(False)
        cabecera.setStretchLastSection(True)
        self.tabla.resizeColumnsToContents()
        for col, tope in ((0, 180), (2, 220)):
            if cabecera.sectionSize(col) > tope:
                cabecera.resizeSection(col, tope)
        if n <= _FILAS_CON_ALTO_MEDIDO:
            self.tabla.setWordWrap(True)
            self.tabla.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        else:
            self.tabla.setWordWrap(False)
        self.detalle = QLabel()
        self.detalle.setWordWrap(True)
        self.detalle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detalle.setVisible(n > _FILAS_CON_ALTO_MEDIDO)
        self.tabla.selectionModel().currentRowChanged.connect(self._mostrar_detalle)

        self.boton_copiar = QPushButton(_("&Copiar"))
        self.boton_copiar.setToolTip(_("Copiar la lista de problemas al portapapeles, como texto"))
        self.boton_copiar.clicked.connect(self.copiar)
        self.boton_guardar = QPushButton(_("&Guardar…"))
        self.boton_guardar.setToolTip(_("Guardar la lista de problemas en un archivo .txt o .csv"))
        self.boton_guardar.clicked.connect(self.guardar)
        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        botones.button(QDialogButtonBox.StandardButton.Close).setText(_("Cerrar"))
        botones.rejected.connect(self.reject)
        self.boton_copiar.setAutoDefault(False)
        self.boton_guardar.setAutoDefault(False)
        botones.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        abajo = QHBoxLayout()
        abajo.addWidget(self.boton_copiar)
        abajo.addWidget(self.boton_guardar)
        abajo.addStretch(1)
        abajo.addWidget(botones)
        # Ctrl+C in the table copies the whole report, the same as the button (rows alone lose their context).
        QShortcut(QKeySequence.StandardKey.Copy, self.tabla, self.copiar,
                  context=Qt.ShortcutContext.WidgetShortcut)

        capa = QVBoxLayout(self)
        capa.addWidget(cabeza)
        capa.addWidget(explicacion)
        capa.addWidget(self.tabla, 1)
        capa.addWidget(self.detalle)
        capa.addLayout(abajo)
        self.resize(860, 480)
        if self.problemas:
            self.tabla.selectRow(0)
        self.tabla.setFocus()

    def texto(self) -> str:
        return informe(self.problemas, self.archivo)

    def copiar(self) -> None:
        QGuiApplication.clipboard().setText(self.texto())
        self.boton_copiar.setText(_("&Copiado"))

    def _mostrar_detalle(self, actual, _anterior=None) -> None:
        if actual.isValid():
            self.detalle.setText(str(self.modelo.fila(actual.row())))

    def pedir_ruta(self) -> str:
        """Pregunta dónde guardar (separado para que las pruebas lo reemplacen)."""
        from ui.acciones_datos import carpeta_inicial, recordar_carpeta

        base = Path(self.archivo).stem if self.archivo else _("planilla")
        propuesta = carpeta_inicial() / (_("Problemas de {archivo}").format(archivo=base) + ".txt")
        ruta, _filtro = QFileDialog.getSaveFileName(
            self, _("Guardar la lista de problemas"), str(propuesta),
            _("Texto (*.txt)") + ";;" + _("Tabla para planillas (*.csv)"))
        if ruta:
            recordar_carpeta(Path(ruta).parent)
        return ruta

    def guardar(self) -> Path | None:
        ruta = self.pedir_ruta()
        if not ruta:
            return None
        try:
            return guardar_informe(Path(ruta), self.problemas, self.archivo)
        except OSError as exc:
            QMessageBox.warning(self, _("No se pudo guardar"), _(
                "No se pudo guardar «{archivo}»: {motivo}. Elija otra carpeta o cierre el archivo si está abierto "
                "en otro programa.").format(archivo=Path(ruta).name, motivo=exc.strerror or exc))
            return None
