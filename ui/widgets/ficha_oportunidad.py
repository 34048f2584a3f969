"""La ficha de una oportunidad: su HTML (como un folleto), el del catálogo de un grupo, y la insignia «verificar»
que la tabla y el catálogo pintan junto a la fecha de verificación."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip

from nucleo import formato
from nucleo.i18n import _, n_
from nucleo.servicios.oportunidades import DIAS_PARA_VERIFICAR, FilaOportunidad, GrupoPilar, GrupoPoblacion
from ui.estilo import AVISO_TEXTO, COLORES_SEMAFORO
from ui.modelos.catalogo_oportunidades import GRIS, color_vigencia, texto_vigencia
from ui.modelos.tabla import ROL_FILA

AMBAR = COLORES_SEMAFORO["por_vencer"]  # background of the «verificar» badge (dark text on it)


def insignia(painter: QPainter, rect: QRect, texto: str) -> None:
    """La marca «verificar»: fondo ámbar del semáforo con texto oscuro (el ámbar como texto no se lee)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(AMBAR))
    painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    painter.setPen(QColor(AVISO_TEXTO))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), texto)
    painter.restore()


class DelegadoVerificado(QStyledItemDelegate):
    """La fecha de verificación y, si la información es vieja, la insignia «verificar» a su derecha."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.texto = _("verificar")
        self.dias = DIAS_PARA_VERIFICAR

    def _ancho_insignia(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance(self.texto) + 14

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        fila = index.data(ROL_FILA)
        if not getattr(fila, "verificar", False):
            super().paint(painter, option, index)
            return
        opcion = QStyleOptionViewItem(option)
        self.initStyleOption(opcion, index)
        ancho = self._ancho_insignia(opcion)
        texto = opcion.text
        opcion.text = ""
        widget = opcion.widget
        estilo = widget.style() if widget else QApplication.style()
        estilo.drawControl(QStyle.ControlElement.CE_ItemViewItem, opcion, painter, widget)
        r = opcion.rect.adjusted(4, 0, -4, 0)
        alto = opcion.fontMetrics.height() + 2
        zona_texto = QRect(r.left(), r.top(), max(0, r.width() - ancho - 6), r.height())
        painter.save()
        painter.setPen(opcion.palette.color(
            opcion.palette.ColorRole.HighlightedText if opcion.state & QStyle.StateFlag.State_Selected
            else opcion.palette.ColorRole.Text))
        painter.drawText(zona_texto, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         opcion.fontMetrics.elidedText(texto, Qt.TextElideMode.ElideRight, zona_texto.width()))
        painter.restore()
        insignia(painter, QRect(r.right() - ancho, r.center().y() - alto // 2 + 1, ancho, alto), self.texto)

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt override
        base = super().sizeHint(option, index)
        return QSize(base.width() + self._ancho_insignia(option) + 20, base.height())

    def helpEvent(self, evento, vista, option, index) -> bool:  # noqa: N802 - Qt override
        fila = index.data(ROL_FILA) if index.isValid() else None
        if evento is not None and evento.type() == QEvent.Type.ToolTip and getattr(fila, "verificar", False):
            QToolTip.showText(evento.globalPos(), texto_verificar(fila, self.dias), vista)
            return True
        return super().helpEvent(evento, vista, option, index)


def texto_verificar(f: FilaOportunidad, dias: int) -> str:
    if f.verificado_el is None:
        return _("Nunca se verificó esta información: confírmela con el proveedor y anote la fecha.")
    return n_("La información se verificó hace más de {n} día: confírmela con el proveedor.",
              "La información se verificó hace más de {n} días: confírmela con el proveedor.", dias).format(
                  n=formato.entero(dias))


# -- ficha en HTML ------------------------------------------------------------------------------------------------
def _parrafos(texto: str) -> str:
    return "<br>".join(escape(linea) for linea in texto.strip().splitlines())


def _insignia_html(texto: str) -> str:
    return (f"<span style='background-color:{AMBAR}; color:{AVISO_TEXTO}'>&nbsp;{escape(texto)}&nbsp;</span>")


def _seccion(titulo: str, cuerpo: str) -> str:
    if not cuerpo:
        return ""
    return f"<p style='margin-bottom:2px'><b>{escape(titulo)}</b></p><p style='margin-top:0'>{cuerpo}</p>"


def _contacto(f: FilaOportunidad) -> str:
    propio = [escape(x) for x in (f.contacto, f.telefono, f.correo) if x]
    del_proveedor = [escape(x) for x in (f.proveedor_contacto, f.proveedor_telefono, f.proveedor_correo)
                     if x and x not in (f.contacto, f.telefono, f.correo)]
    lineas = []
    if propio:
        lineas.append(" · ".join(propio))
    if f.proveedor and del_proveedor:
        lineas.append(f"<span style='color:{GRIS}'>{escape(f.proveedor)}: {' · '.join(del_proveedor)}</span>")
    return "<br>".join(lineas)


def _vigencia_html(f: FilaOportunidad) -> str:
    texto = escape(texto_vigencia(f))
    color = color_vigencia(f)
    return f"<span style='color:{color}'>{texto}</span>" if color else texto


def _verificacion_html(f: FilaOportunidad, dias: int) -> str:
    partes = []
    if f.fuente:
        partes.append(_("Fuente: {fuente}").format(fuente=escape(f.fuente)))
    partes.append(_("Verificada el {fecha}").format(fecha=formato.fecha(f.verificado_el)) if f.verificado_el
                  else _("Sin fecha de verificación"))
    texto = "<br>".join(partes)
    if f.verificar:
        texto += f"<br>{_insignia_html(_('verificar'))} {escape(texto_verificar(f, dias))}"
    return texto


def html_ficha(f: FilaOportunidad, dias: int = DIAS_PARA_VERIFICAR) -> str:
    """La ficha legible de una oportunidad, como en un folleto: qué es, para quién, cómo acceder, dónde, contacto."""
    cabecera = " · ".join(escape(x) for x in (f.proveedor or _("Sin proveedor indicado"), f.origen_texto,
                                              f.pilar_texto, _("Paquete {p}").format(p=f.paquete_texto),
                                              f.beneficio_texto) if x)
    costo = escape(f.costo_texto) + (f" — {escape(f.costo_detalle)}" if f.costo_detalle else "")
    cupos = escape(f.cupos_texto)
    donde = "<br>".join(escape(x) for x in (f.lugar, f.horario) if x)
    izquierda = "".join((
        _seccion(_("¿Para quién?"), escape(f.poblaciones_texto)),
        _seccion(_("Requisitos"), _parrafos(f.requisitos) if f.requisitos else ""),
        _seccion(_("Cobertura"), escape(f.cobertura_texto)),
        _seccion(_("Cupos y costo"), f"{_('Cupos')}: {cupos}<br>{_('Costo')}: {costo}"),
    ))
    derecha = "".join((
        _seccion(_("¿Dónde y cuándo?"), donde),
        _seccion(_("Contacto"), _contacto(f)),
        _seccion(_("Vigencia"), _vigencia_html(f)),
        _seccion(_("Fuente y verificación"), _verificacion_html(f, dias)),
        _seccion(_("Notas"), _parrafos(f.notas) if f.notas else ""),
    ))
    descripcion = f"<p style='margin-top:4px'>{_parrafos(f.descripcion)}</p>" if f.descripcion else ""
    return f"""
<h3 style='margin-top:0; margin-bottom:2px'>{escape(f.nombre)}</h3>
<p style='color:{GRIS}; margin-top:0'>{cabecera}</p>
{descripcion}
<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:6px'><tr>
<td width='50%' valign='top' style='padding-right:18px'>{izquierda}</td>
<td width='50%' valign='top'>{derecha}</td>
</tr></table>
"""


def _entrada_catalogo(f: FilaOportunidad) -> str:
    lineas = [f"<b>{escape(f.nombre)}</b> — {escape(f.proveedor or _('Sin proveedor indicado'))}"
              + (f" {_insignia_html(_('verificar'))}" if f.verificar else "")]
    if f.descripcion:
        lineas.append(escape(f.descripcion))
    detalle = [(_("Requisitos"), f.requisitos), (_("Dónde"), " · ".join(x for x in (f.lugar, f.horario) if x)),
               (_("Costo"), f.costo_texto), (_("Contacto"), " · ".join(x for x in (
                   f.contacto, f.telefono, f.correo, f.proveedor_telefono if not f.telefono else "") if x))]
    for titulo, texto in detalle:
        if texto:
            lineas.append(f"<span style='color:{GRIS}'>{escape(titulo)}:</span> {escape(texto)}")
    if f.vigencia != "vigente":
        lineas.append(_vigencia_html(f))
    return "<p style='margin-top:0; margin-bottom:10px'>" + "<br>".join(lineas) + "</p>"


def html_grupo(grupo: GrupoPilar | GrupoPoblacion, pilar: str = "") -> str:
    """El catálogo de un grupo como folleto: cada programa con proveedor, requisitos, dónde y contacto."""
    if isinstance(grupo, GrupoPilar):
        partes = [f"<h3 style='margin-top:0'>{escape(grupo.titulo)}</h3>"]
        for g in grupo.grupos:
            partes.append(f"<p style='margin-bottom:4px; color:{GRIS}'><b>{escape(g.titulo)}</b></p>")
            partes.extend(_entrada_catalogo(f) for f in g.filas)
        return "".join(partes)
    titulo = f"{pilar} · {grupo.titulo}" if pilar else grupo.titulo
    return (f"<h3 style='margin-top:0'>{escape(titulo)}</h3>"
            + "".join(_entrada_catalogo(f) for f in grupo.filas))
