"""La ficha del actor elegido en la matriz de actores, en HTML: quién es, dónde cae en la grilla, contacto, rol,
recursos y vínculos (institución, integrantes, territorios, oportunidades)."""

from __future__ import annotations

from html import escape

from nucleo.i18n import _, traducir
from nucleo.modelo.actor import CATEGORIAS, NIVELES, POSTURAS, TIPOS_ACTOR
from nucleo.servicios.actores import CUADRANTES, ESCALA, FichaActor, cuadrante
from ui.dialogos.actor import CONSEJO_CUADRANTE
from ui.estilo import TEXTO_SECUNDARIO
from ui.widgets.geometria_grilla import COLORES_CUADRANTE, COLORES_POSTURA

GRIS = TEXTO_SECUNDARIO


def escala(valor: int) -> str:
    return f"{valor} · {traducir(ESCALA.get(valor, ''))}"


# -- ficha en HTML ----------------------------------------------------------------------------------------------
def _parrafos(texto: str) -> str:
    return "<br>".join(escape(linea) for linea in texto.splitlines())


def _seccion(titulo: str, cuerpo: str) -> str:
    return f"<p style='margin-bottom:2px'><b>{escape(titulo)}</b></p><p style='margin-top:0'>{cuerpo}</p>"


def _nada(texto: str) -> str:
    return f"<span style='color:{GRIS}'>{escape(texto)}</span>"


def html_ficha(ficha: FichaActor, varias_columnas: bool = True) -> str:
    """La ficha legible del actor elegido; en tres columnas bajo la matriz, en una junto a la grilla."""
    d = ficha.datos
    titulo = escape(d.nombre) + (f" <span style='color:{GRIS}'>({escape(d.sigla)})</span>"
                                 if d.sigla and d.sigla not in d.nombre else "")
    cabecera = " · ".join(traducir(x) for x in (TIPOS_ACTOR.get(d.tipo, d.tipo), CATEGORIAS.get(d.categoria, ""),
                                                NIVELES.get(d.nivel, "")) if x)
    pertenece = ""
    if ficha.institucion:
        pertenece = (_("{cargo} en {institucion}") if d.cargo else _("Pertenece a {institucion}")).format(
            cargo=escape(d.cargo), institucion=f"<a href='actor:{d.institucion_id}'>{escape(ficha.institucion)}</a>")
    elif d.cargo:
        pertenece = escape(d.cargo)

    clave = cuadrante(d.interes, d.influencia)
    color_postura = COLORES_POSTURA.get(d.postura, GRIS)
    grilla = (
        _("Interés {i} · Influencia {f}").format(i=escape(escala(d.interes)), f=escape(escala(d.influencia)))
        + "<br>" + f"<b style='color:{COLORES_CUADRANTE[clave][1]}'>{escape(traducir(CUADRANTES[clave]))}</b>: "
        + escape(traducir(CONSEJO_CUADRANTE[clave]))
        + "<br>" + _("Postura: {postura}").format(
            postura=f"<b style='color:{color_postura}'>{escape(traducir(POSTURAS.get(d.postura, d.postura)))}</b>"))

    contacto = "<br>".join(x for x in (
        escape(d.contacto), escape(d.telefono), escape(d.correo), escape(d.direccion)) if x) or _nada(_("Sin datos."))
    territorios = escape(", ".join(ficha.territorios)) if ficha.territorios else _nada(_("Ninguno marcado."))
    if ficha.representa:
        territorios += "<br>" + _("Organización representativa de: {t}").format(t=escape(", ".join(ficha.representa)))
    grilla_y_contacto = _seccion(_("En la grilla"), grilla) + _seccion(_("Contacto"), contacto)
    rol_y_recursos = (_seccion(_("Rol en el modelo"), _parrafos(d.rol) if d.rol else _nada(_("Sin describir.")))
                      + _seccion(_("Recursos que aporta"), _parrafos(d.recursos) if d.recursos
                                 else _nada(_("Sin describir."))))
    vinculos = _seccion(_("Territorios donde actúa"), territorios)
    if ficha.miembros:
        vinculos += _seccion(_("Integrantes"), "<br>".join(
            f"<a href='actor:{m.id}'>{escape(m.nombre)}</a>"
            + (f" <span style='color:{GRIS}'>— {escape(m.cargo)}</span>" if m.cargo else "")
            for m in ficha.miembros))
    if ficha.oportunidades:
        vinculos += _seccion(_("Oportunidades que ofrece"), escape(", ".join(ficha.oportunidades)))
    if d.notas:
        vinculos += _seccion(_("Notas"), _parrafos(d.notas))
    columnas = (grilla_y_contacto, rol_y_recursos, vinculos)

    encabezado = (f"<h3 style='margin-top:0; margin-bottom:2px'>{titulo}</h3>"
                  f"<p style='color:{GRIS}; margin-top:0; margin-bottom:6px'>{escape(cabecera)}"
                  + (f"<br>{pertenece}" if pertenece else "") + "</p>")
    if not varias_columnas:
        return encabezado + "".join(columnas)
    celdas = "".join(f"<td width='33%' valign='top' style='padding-right:18px'>{c}</td>" for c in columnas)
    return encabezado + f"<table width='100%' cellspacing='0' cellpadding='0'><tr>{celdas}</tr></table>"
