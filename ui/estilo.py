"""El aspecto de Articula en un solo lugar: colores, paleta sobria, una hoja de estilo corta y el icono.

Las páginas importan de aquí los colores del semáforo para que «vencida» sea el mismo rojo en todas partes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

# The traffic light, identical on every page and printout.
COLORES_SEMAFORO: dict[str, str] = {
    "al_dia": "#2e7d32",
    "por_vencer": "#f9a825",
    "vencida": "#c62828",
    "cumplida": "#1565c0",
    "sin_fecha": "#757575",
}

AZUL_INSTITUCIONAL = "#1f3a5f"  # header and icon
AZUL_ACENTO = "#1d5fa8"  # selection, focus, links
FONDO = "#f3f5f8"
BORDE = "#cfd6df"
TEXTO = "#1f2328"
TEXTO_SECUNDARIO = "#5b6573"
AVISO_FONDO = "#fff3c4"  # read-only banner
AVISO_BORDE = "#e0b100"
AVISO_TEXTO = "#4d3b00"
ERROR = "#c62828"

HOJA_DE_ESTILO = f"""
/* Cards: summary strips and editors set the property «tarjeta» (marcar_tarjeta). */
QFrame[tarjeta="true"] {{ background: #ffffff; border: 1px solid {BORDE}; border-radius: 6px; }}
QFrame#encabezado {{
    background: {AZUL_INSTITUCIONAL};
}}
QFrame#encabezado QLabel {{
    color: #ffffff;
    background: transparent;
}}
QLabel#encabezadoTitulo {{
    font-weight: bold;
}}
QLabel#encabezadoArchivo {{
    color: #c9d6e6;
}}
QLabel#avisoSoloLectura {{
    background: {AVISO_FONDO};
    color: {AVISO_TEXTO};
    border-bottom: 1px solid {AVISO_BORDE};
    padding: 7px 14px;
}}
QFrame#barraLateral {{
    background: #e8ecf1;
    border-right: 1px solid {BORDE};
}}
QListWidget#navegacion {{
    background: transparent;
    border: none;
    outline: 0;
}}
QLabel#notaLateral {{
    color: {TEXTO_SECUNDARIO};
    padding: 0 14px;
}}
QListWidget#navegacion::item {{
    padding: 9px 14px;
    margin: 1px 6px;
    border-radius: 4px;
    color: {TEXTO};
}}
QListWidget#navegacion::item:hover {{
    background: #d9e1ea;
}}
QListWidget#navegacion::item:selected {{
    background: {AZUL_ACENTO};
    color: #ffffff;
}}
QLabel#tituloSeccion {{
    color: {TEXTO_SECUNDARIO};
    font-weight: bold;
    padding: 10px 20px 2px 20px;
}}
QLabel.secundario, QLabel#secundario {{
    color: {TEXTO_SECUNDARIO};
}}
QStatusBar {{
    border-top: 1px solid {BORDE};
}}
QStatusBar QLabel {{
    color: {TEXTO_SECUNDARIO};
    padding: 0 6px;
}}
QLabel#indicadorSoloLectura {{
    background: {AVISO_FONDO};
    color: {AVISO_TEXTO};
    border: 1px solid {AVISO_BORDE};
    border-radius: 3px;
    padding: 1px 8px;
}}
QGroupBox {{
    font-weight: bold;
    border: 1px solid {BORDE};
    border-radius: 4px;
    margin-top: 12px;
    padding-top: 6px;
}}
QGroupBox::title {{
    subcontrol-origin: margin;
    left: 8px;
    padding: 0 4px;
}}
QLabel#errorCampo {{
    color: {ERROR};
}}
QTableView {{
    gridline-color: #e3e7ec;
    selection-background-color: {AZUL_ACENTO};
    alternate-background-color: #f7f9fb;
}}
QHeaderView::section {{
    background: #eef1f5;
    border: none;
    border-right: 1px solid {BORDE};
    border-bottom: 1px solid {BORDE};
    padding: 4px 6px;
    font-weight: bold;
}}
"""


def paleta() -> QPalette:
    """Fusion con colores claros y sobrios; el mismo aspecto en Windows y en Linux."""
    p = QPalette()
    rol = QPalette.ColorRole
    p.setColor(rol.Window, QColor(FONDO))
    p.setColor(rol.WindowText, QColor(TEXTO))
    p.setColor(rol.Base, QColor("#ffffff"))
    p.setColor(rol.AlternateBase, QColor("#f7f9fb"))
    p.setColor(rol.Text, QColor(TEXTO))
    p.setColor(rol.Button, QColor("#e9edf2"))
    p.setColor(rol.ButtonText, QColor(TEXTO))
    p.setColor(rol.Highlight, QColor(AZUL_ACENTO))
    p.setColor(rol.HighlightedText, QColor("#ffffff"))
    p.setColor(rol.ToolTipBase, QColor("#ffffdc"))
    p.setColor(rol.ToolTipText, QColor(TEXTO))
    p.setColor(rol.Link, QColor(AZUL_ACENTO))
    p.setColor(rol.PlaceholderText, QColor("#8a94a3"))
    grupo = QPalette.ColorGroup.Disabled
    for r in (rol.WindowText, rol.Text, rol.ButtonText):
        p.setColor(grupo, r, QColor("#9aa3ae"))
    return p


def aplicar(app: QApplication) -> None:
    estilo = QStyleFactory.create("Fusion")
    if estilo is not None:
        app.setStyle(estilo)
    app.setPalette(paleta())
    app.setStyleSheet(HOJA_DE_ESTILO)
    app.setWindowIcon(icono_aplicacion())


def icono_aplicacion() -> QIcon:
    """El ícono del producto (recursos/iconos, el mismo del instalador y de los archivos .articula;
    installer/iconos/articula.svg es su fuente)."""
    from nucleo.rutas import RECURSOS

    return QIcon(str(RECURSOS / "iconos" / "articula.png"))


def marcar_tarjeta(marco: QWidget) -> None:
    """Fondo blanco con borde redondeado (regla «tarjeta» de la hoja de estilo)."""
    marco.setProperty("tarjeta", True)


def fuente_relativa(base: QFont, factor: float, negrita: bool = False) -> QFont:
    """Una fuente proporcional a la del sistema (respeta el tamaño que eligió el usuario)."""
    f = QFont(base)
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * factor)
    else:
        f.setPixelSize(max(8, round(f.pixelSize() * factor)))
    f.setBold(negrita)
    return f


def color_semaforo(semaforo: str) -> str:
    return COLORES_SEMAFORO.get(semaforo, COLORES_SEMAFORO["sin_fecha"])
