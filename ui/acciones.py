"""Las acciones de la ventana (menús y atajos), declaradas en un solo registro con una clave Enum.

Como en Picard (`picard/ui/mainwindow/actions.py`): el texto, los atajos y la ayuda de cada acción están aquí;
la ventana solo conecta `acciones[Accion.X].triggered` con lo que hace.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from nucleo.i18n import _


class Accion(Enum):
    NUEVO = auto()
    ABRIR = auto()
    GUARDAR_COPIA = auto()
    RESPALDAR = auto()
    CARPETA_RESPALDOS = auto()
    IMPRIMIR = auto()
    SALIR = auto()
    DESHACER = auto()
    REHACER = auto()
    BUSCAR = auto()
    DATOS_MUNICIPIO = auto()
    DIAS_NO_LABORABLES = auto()
    MATRIZ_RIESGOS = auto()
    PRESENTAR = auto()
    VERIFICAR = auto()
    ACERCA_DE = auto()


@dataclass(frozen=True)
class Definicion:
    texto: str
    atajos: tuple[str, ...] = ()
    ayuda: str = ""


# Explicit key strings rather than QKeySequence.StandardKey: the standard Redo differs between desktops
# (Ctrl+Y on Windows, Ctrl+Shift+Z on KDE) and the issue asks for both everywhere.
DEFINICIONES: dict[Accion, Definicion] = {
    Accion.NUEVO: Definicion(_("&Nuevo expediente…"), ("Ctrl+N",),
                             _("Crear el expediente de un municipio con el asistente")),
    Accion.ABRIR: Definicion(_("&Abrir…"), ("Ctrl+O",), _("Abrir un expediente (.articula)")),
    Accion.GUARDAR_COPIA: Definicion(_("&Guardar una copia como…"), ("Ctrl+Shift+S",),
                                     _("Guardar una copia completa y verificada del expediente en otro lugar")),
    Accion.RESPALDAR: Definicion(_("&Respaldar ahora"), (),
                                 _("Hacer ya una copia de respaldo en la carpeta de respaldos automáticos")),
    Accion.CARPETA_RESPALDOS: Definicion(_("Abrir la &carpeta de respaldos"), (),
                                         _("Mostrar la carpeta donde se guardan los respaldos de este expediente")),
    Accion.IMPRIMIR: Definicion(_("&Imprimir…"), ("Ctrl+P",),
                                _("Vista previa e impresión de lo que muestra la página (la ficha, el plan, el acta…)")),
    Accion.SALIR: Definicion(_("&Salir"), ("Ctrl+Q",), _("Cerrar Articula (todos los cambios ya están guardados)")),
    Accion.DESHACER: Definicion(_("&Deshacer"), ("Ctrl+Z",), _("Deshacer el último cambio")),
    Accion.REHACER: Definicion(_("&Rehacer"), ("Ctrl+Y", "Ctrl+Shift+Z"), _("Volver a hacer el cambio deshecho")),
    Accion.BUSCAR: Definicion(_("&Buscar…"), ("Ctrl+F",), _("Ir al campo de búsqueda de la página")),
    Accion.DATOS_MUNICIPIO: Definicion(_("&Datos del municipio…"), (),
                                       _("Intendente, Coordinador/a Municipal y datos de contacto")),
    Accion.DIAS_NO_LABORABLES: Definicion(_("Días &no laborables…"), (),
                                          _("Feriados nacionales y días no laborables que agrega el municipio")),
    Accion.MATRIZ_RIESGOS: Definicion(_("&Matriz de riesgos…"), (),
                                      _("Niveles, colores y la grilla probabilidad × impacto que dan el nivel de cada "
                                        "riesgo")),
    Accion.PRESENTAR: Definicion(_("&Presentar el plan al Concejo"), ("F5",),
                                 _("Mostrar el Plan de Acción a pantalla completa (en la segunda pantalla si hay una); "
                                   "Esc vuelve")),
    Accion.VERIFICAR: Definicion(_("&Verificar documento…"), (),
                                 _("Comprobar si un PDF es un plan sancionado o un acta firmada emitidos por este "
                                   "expediente, sin cambios")),
    Accion.ACERCA_DE: Definicion(_("&Acerca de Articula"), ("F1",),
                                 _("Versión, licencias de los datos y dónde se guardan los archivos")),
}


def _aplicar(accion: QAction, d: Definicion) -> None:
    if d.atajos:
        accion.setShortcuts([QKeySequence(a) for a in d.atajos])
    if d.ayuda:
        accion.setStatusTip(d.ayuda)
        atajo = f" ({d.atajos[0]})" if d.atajos else ""
        accion.setToolTip(d.ayuda + atajo)


class RegistroAcciones:
    """Las QAction de la ventana por clave. Deshacer/Rehacer vienen de la pila y se registran con `registrar`."""

    def __init__(self, parent: QWidget):
        self._parent = parent
        self._acciones: dict[Accion, QAction] = {}
        self._paginas: dict[str, QAction] = {}
        for clave, d in DEFINICIONES.items():
            if clave in (Accion.DESHACER, Accion.REHACER):
                continue
            accion = QAction(d.texto, parent)
            _aplicar(accion, d)
            self._acciones[clave] = accion

    def registrar(self, clave: Accion, accion: QAction) -> QAction:
        """Toma una acción hecha por Qt (p. ej. QUndoGroup.createUndoAction) y le pone atajos y ayuda."""
        _aplicar(accion, DEFINICIONES[clave])
        self._acciones[clave] = accion
        return accion

    def agregar_pagina(self, clave: str, titulo: str, numero: int) -> QAction:
        accion = QAction(titulo, self._parent)
        accion.setCheckable(True)
        if numero <= 9:
            accion.setShortcut(QKeySequence(f"Ctrl+{numero}"))
        accion.setStatusTip(_("Ir a la página «{titulo}»").format(titulo=titulo.replace("&", "")))
        self._paginas[clave] = accion
        return accion

    def pagina(self, clave: str) -> QAction:
        return self._paginas[clave]

    def paginas(self) -> dict[str, QAction]:
        return dict(self._paginas)

    def __getitem__(self, clave: Accion) -> QAction:
        return self._acciones[clave]

    def __contains__(self, clave: Accion) -> bool:
        return clave in self._acciones

    def todas(self) -> list[QAction]:
        return [*self._acciones.values(), *self._paginas.values()]
