"""La convocatoria impresa de una sesión de mesa: la nota que la Secretaría entrega a cada miembro.

A4 vertical. Título «CONVOCATORIA» con la mesa; el párrafo que convoca (a quiénes, cuándo, a qué hora, dónde y
a qué tipo de sesión); un cuadro con fecha, hora, lugar, tipo y duración prevista; el orden del día (tema, quién
expone, minutos) con el total contra la duración prevista; la lista de miembros convocados (rol, titular o
suplente, si vota); el lugar y la fecha de la nota y las firmas de quien preside y de la Secretaría.

Los datos salen de los servicios de mesas y sesiones (`contenido_convocatoria`); `dibujar_convocatoria` arma el
PDF desde un `ContenidoConvocatoria`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf.acta import cuadro_datos, de_la, etiqueta_de, hora_texto, renglones_de_firma
from nucleo.i18n import _, n_
from nucleo.modelo.mesa import TIPOS_MESA, TIPOS_SESION


@dataclass
class ContenidoConvocatoria:
    """Lo que dice la convocatoria. `miembros`: dicts (nombre, cargo, institucion, rol_texto, titular,
    suplente_de, con_voto); `puntos`: dicts (orden, titulo, expositor, minutos); `firmantes`: (nombre, debajo)."""

    mesa: str
    mesa_tipo: str = ""
    sesion_tipo: str = "ordinaria"
    fecha: date | None = None
    hora: time | None = None
    lugar: str = ""
    duracion_prevista: int = 120
    convocada_en: date | None = None
    puntos: list[dict] = field(default_factory=list)
    miembros: list[dict] = field(default_factory=list)
    firmantes: list[tuple[str, str]] = field(default_factory=list)
    estado: str = "convocada"


def contenido_convocatoria(sesion: Session, sesion_id: int) -> ContenidoConvocatoria:
    """Desde los servicios: la sesión, su mesa, el orden del día y los miembros activos el día de la sesión."""
    from nucleo.servicios import mesas, sesiones

    datos = sesiones.obtener_sesion(sesion, sesion_id)
    fila = _fila_sesion(sesion, sesion_id)
    mesa = mesas.obtener_mesa(sesion, fila.mesa_id)
    miembros = mesas.listar_miembros(sesion, fila.mesa_id, datos.fecha)
    puntos = sesiones.listar_puntos(sesion, sesion_id)
    contenido = ContenidoConvocatoria(
        mesa=mesa.nombre, mesa_tipo=mesa.tipo, sesion_tipo=datos.tipo, fecha=datos.fecha, hora=datos.hora,
        lugar=datos.lugar or mesa.lugar_habitual, duracion_prevista=datos.duracion_prevista or 0,
        convocada_en=datos.convocada_en, estado=datos.estado,
        puntos=[dict(orden=p.orden, titulo=p.titulo, expositor=p.expositor, minutos=p.minutos) for p in puntos],
        miembros=[dict(nombre=m.nombre, cargo=m.cargo, institucion=m.institucion, rol=m.rol, rol_texto=m.rol_texto,
                       titular=m.titular, suplente_de=m.suplente_de, con_voto=m.con_voto) for m in miembros])
    contenido.firmantes = firmantes_de_la_convocatoria(contenido.miembros)
    return contenido


def _fila_sesion(sesion: Session, sesion_id: int) -> Any:
    # DatosSesion has no mesa: the Sesion row says which mesa convenes it.
    from nucleo.errores import ErrorDeUsuario
    from nucleo.modelo.mesa import Sesion

    fila = sesion.get(Sesion, sesion_id) if sesion_id is not None else None
    if fila is None:
        raise ErrorDeUsuario(_("No se encontró la sesión n.º {ident} en este expediente.").format(ident=sesion_id),
                             campo="id")
    return fila


def firmantes_de_la_convocatoria(miembros: Sequence[dict]) -> list[tuple[str, str]]:
    """Quien preside y la Secretaría (titulares); si falta alguno, una línea en blanco con el rol."""
    salida = []
    for rol, etiqueta in (("preside", _("Presidencia")), ("secretaria", _("Secretaría"))):
        quien = next((m for m in miembros if m.get("rol") == rol and m.get("titular", True)), None) \
            or next((m for m in miembros if m.get("rol") == rol), None)
        if quien is None:
            salida.append(("", etiqueta))
        else:
            debajo = "\n".join(x for x in (etiqueta, ", ".join(
                y for y in (quien.get("cargo"), quien.get("institucion")) if y)) if x)
            salida.append((quien.get("nombre", ""), debajo))
    return salida


class _Estilos:
    def __init__(self) -> None:
        es = e.estilos()
        self.titulo = ParagraphStyle("conv_s_titulo", es.titulo, fontSize=18, leading=22, alignment=TA_CENTER,
                                     spaceAfter=2)
        self.mesa = ParagraphStyle("conv_s_mesa", es.normal, fontName=e.LETRA_NEGRITA, fontSize=11, leading=14,
                                   alignment=TA_CENTER)
        self.tipo = ParagraphStyle("conv_s_tipo", es.subtitulo, alignment=TA_CENTER)
        self.cuerpo = ParagraphStyle("conv_s_cuerpo", es.normal, fontSize=9.5, leading=13.5, alignment=TA_JUSTIFY,
                                     spaceAfter=5)
        self.fecha = ParagraphStyle("conv_s_fecha", self.cuerpo, alignment=TA_RIGHT)
        self.etiqueta = ParagraphStyle("conv_s_etiqueta", es.normal, fontName=e.LETRA_NEGRITA,
                                       textColor=e.color(e.AZUL_INSTITUCIONAL))
        self.valor = ParagraphStyle("conv_s_valor", es.normal, fontSize=9, leading=11.5)
        self.celda = ParagraphStyle("conv_s_celda", es.celda, fontSize=8, leading=10)
        self.celda_derecha = ParagraphStyle("conv_s_celda_d", self.celda, alignment=TA_RIGHT)
        self.celda_centro = ParagraphStyle("conv_s_celda_c", self.celda, alignment=TA_CENTER)
        self.total = ParagraphStyle("conv_s_total", self.celda, fontName=e.LETRA_NEGRITA)
        self.total_derecha = ParagraphStyle("conv_s_total_d", self.total, alignment=TA_RIGHT)
        self.encabezado = ParagraphStyle("conv_s_enc", es.encabezado, fontSize=7.8, leading=10)
        self.encabezado_derecha = ParagraphStyle("conv_s_enc_d", self.encabezado, alignment=TA_RIGHT)
        self.encabezado_centro = ParagraphStyle("conv_s_enc_c", self.encabezado, alignment=TA_CENTER)
        self.nota = ParagraphStyle("conv_s_nota", es.nota, fontSize=8, leading=10.5)
        self.exceso = ParagraphStyle("conv_s_exceso", self.nota, textColor=e.color(e.AVISO),
                                     fontName=e.LETRA_NEGRITA)


def _minutos(n: int) -> str:
    return n_("{n} minuto", "{n} minutos", n).format(n=formato.entero(n))


def _duracion(n: int) -> str:
    """«2 horas», «1 hora 30 minutos», «45 minutos»."""
    horas, minutos = divmod(int(n or 0), 60)
    partes = []
    if horas:
        partes.append(n_("{n} hora", "{n} horas", horas).format(n=formato.entero(horas)))
    if minutos or not horas:
        partes.append(_minutos(minutos))
    return " ".join(partes)


def _orden_del_dia(c: ContenidoConvocatoria, ancho: float, es: _Estilos) -> list[Flowable]:
    if not c.puntos:
        return [Paragraph(e.texto(_("El orden del día se comunicará al inicio de la sesión.")), es.nota)]
    filas: list[list[Any]] = [[Paragraph(e.texto(_("N.º")), es.encabezado),
                               Paragraph(e.texto(_("Tema")), es.encabezado),
                               Paragraph(e.texto(_("Expone")), es.encabezado),
                               Paragraph(e.texto(_("Minutos")), es.encabezado_derecha)]]
    total = 0
    for n, p in enumerate(c.puntos, start=1):
        minutos = int(p.get("minutos") or 0)
        total += minutos
        filas.append([Paragraph(e.texto(f"{p.get('orden') or n}."), es.celda),
                      Paragraph(e.texto(p.get("titulo", "")), es.celda),
                      Paragraph(e.texto(p.get("expositor") or "—"), es.celda),
                      Paragraph(e.texto(formato.entero(minutos)), es.celda_derecha)])
    filas.append(["", Paragraph(e.texto(_("Total del orden del día (duración prevista: {prevista})").format(
        prevista=_minutos(c.duracion_prevista))), es.total), "",
        Paragraph(e.texto(formato.entero(total)), es.total_derecha)])
    t = e.tabla(filas, [ancho * 0.07, ancho * 0.58, ancho * 0.23, ancho * 0.12], comandos=[
        ("LINEABOVE", (0, -1), (-1, -1), 0.9, e.color(e.AZUL_INSTITUCIONAL)),
        ("BACKGROUND", (0, -1), (-1, -1), e.color("#ffffff")),
    ])
    salida: list[Flowable] = [t]
    if c.duracion_prevista and total > c.duracion_prevista:
        salida += [Spacer(1, 1.5 * mm), Paragraph(e.texto(_(
            "El orden del día suma {total}: {exceso} más que la duración prevista de la sesión ({prevista}).").format(
                total=_minutos(total), exceso=_minutos(total - c.duracion_prevista),
                prevista=_minutos(c.duracion_prevista))), es.exceso)]
    elif c.duracion_prevista:
        salida += [Spacer(1, 1.5 * mm), Paragraph(e.texto(_(
            "El orden del día ocupa {total} de los {prevista} previstos para la sesión.").format(
                total=_minutos(total), prevista=formato.entero(c.duracion_prevista))), es.nota)]
    return salida


def _miembros(c: ContenidoConvocatoria, ancho: float, es: _Estilos) -> list[Flowable]:
    if not c.miembros:
        return [Paragraph(e.texto(_("La mesa no tiene miembros vigentes en la fecha de la sesión.")), es.nota)]
    filas: list[list[Any]] = [[Paragraph(e.texto(h), st) for h, st in (
        (_("N.º"), es.encabezado), (_("Nombre"), es.encabezado), (_("Cargo e institución"), es.encabezado),
        (_("Rol"), es.encabezado), (_("Condición"), es.encabezado), (_("Voto"), es.encabezado_centro))]]
    for n, m in enumerate(c.miembros, start=1):
        if m.get("titular", True):
            condicion = _("Titular")
        elif m.get("suplente_de"):
            condicion = _("Suplente de {titular}").format(titular=m["suplente_de"])
        else:
            condicion = _("Suplente")
        cargo = ", ".join(x for x in (m.get("cargo"), m.get("institucion")) if x)
        filas.append([Paragraph(e.texto(formato.entero(n)), es.celda), Paragraph(e.texto(m.get("nombre")), es.celda),
                      Paragraph(e.texto(cargo), es.celda), Paragraph(e.texto(m.get("rol_texto")), es.celda),
                      Paragraph(e.texto(condicion), es.celda),
                      Paragraph(e.texto(_("Sí") if m.get("con_voto", True) else _("No")), es.celda_centro)])
    return [e.tabla(filas, [ancho * p for p in (0.06, 0.26, 0.34, 0.11, 0.16, 0.07)])]


def historia_convocatoria(c: ContenidoConvocatoria, ancho: float, ciudad: str, hoy: date) -> list[Flowable]:
    es = _Estilos()
    tipo_sesion = etiqueta_de(c.sesion_tipo, TIPOS_SESION)
    tipo_mesa = etiqueta_de(c.mesa_tipo, TIPOS_MESA)
    historia: list[Flowable] = [
        Paragraph(e.texto(_("CONVOCATORIA")), es.titulo),
        Paragraph(e.texto(c.mesa), es.mesa),
        Paragraph(e.texto(" · ".join(x for x in (tipo_mesa, _("Sesión {tipo}").format(tipo=tipo_sesion.lower()))
                                     if x)), es.tipo),
    ]
    if c.estado == "suspendida":
        historia += [Spacer(1, 1.5 * mm), Paragraph(e.texto(_("Sesión suspendida.")), ParagraphStyle(
            "conv_s_susp", es.exceso, alignment=TA_CENTER))]
    historia.append(Spacer(1, 5 * mm))
    emitida = c.convocada_en or hoy
    historia.append(Paragraph(e.texto(_("{ciudad}, {fecha}").format(ciudad=ciudad,
                                                                    fecha=formato.fecha_larga(emitida))), es.fecha))
    historia.append(Spacer(1, 3 * mm))
    historia.append(Paragraph(e.texto(_("A los miembros {de_la_mesa}:").format(de_la_mesa=de_la(c.mesa))),
                              ParagraphStyle("conv_s_a", es.cuerpo, fontName=e.LETRA_NEGRITA)))
    cuando = formato.fecha_completa(c.fecha) if c.fecha else _("la fecha que se comunicará")
    hora = _(", a las {hora} horas").format(hora=hora_texto(c.hora)) if c.hora else ""
    lugar = _(", en {lugar}").format(lugar=c.lugar) if c.lugar else ""
    historia.append(Paragraph(e.texto(_(
        "Por la presente se le convoca a la sesión {tipo} {de_la_mesa}, que se realizará el {cuando}{hora}{lugar}, "
        "para tratar el orden del día que se detalla más abajo. Se ruega puntual asistencia; si no pudiera asistir, "
        "le pedimos avisar a la Secretaría y a su suplente, para asegurar el quórum.").format(
            tipo=tipo_sesion.lower(), de_la_mesa=de_la(c.mesa), cuando=cuando, hora=hora, lugar=lugar)), es.cuerpo))
    historia.append(Spacer(1, 3 * mm))
    historia.append(cuadro_datos([
        (_("Fecha"), formato.fecha_completa(c.fecha) if c.fecha else ""),
        (_("Sesión"), tipo_sesion),
        (_("Hora"), _("{hora} horas").format(hora=hora_texto(c.hora)) if c.hora else ""),
        (_("Duración"), _duracion(c.duracion_prevista) if c.duracion_prevista else ""),
        (_("Lugar"), c.lugar), (_("Convocada"), formato.fecha(emitida)),
    ], ancho, es))
    historia += [CondPageBreak(28 * mm), Spacer(1, 4 * mm), e.subtitulo_seccion(_("Orden del día"), ancho),
                 Spacer(1, 2 * mm)]
    historia += _orden_del_dia(c, ancho, es)
    # The letter ends with its signatures; the list of members follows as the nómina it is addressed to.
    renglones = renglones_de_firma(c.firmantes, ancho, por_fila=2)
    cierre: list[Flowable] = [Spacer(1, 5 * mm), Paragraph(e.texto(_("Atentamente,")), es.cuerpo),
                              Spacer(1, 1 * mm)]
    historia.append(KeepTogether(cierre + renglones[:1]))
    historia += [KeepTogether([r]) for r in renglones[1:]]
    cuantos = n_("{n} miembro", "{n} miembros", len(c.miembros)).format(n=formato.entero(len(c.miembros)))
    historia += [CondPageBreak(28 * mm), Spacer(1, 6 * mm),
                 e.subtitulo_seccion(_("Nómina de miembros convocados"), ancho, detalle=cuantos), Spacer(1, 2 * mm)]
    historia += _miembros(c, ancho, es)
    return historia


def dibujar_convocatoria(contenido: ContenidoConvocatoria, destino: Path, membrete: e.Membrete, hoy: date, *,
                         invariante: bool = False, progreso: Callable[[int, int], None] | None = None) -> Path:
    documento = e.Documento(
        _("Convocatoria"), membrete, hoy, subtitulo=contenido.mesa,
        asunto=_("Convocatoria · {mesa} · {fecha}").format(mesa=contenido.mesa,
                                                          fecha=formato.fecha(contenido.fecha)))
    historia = historia_convocatoria(contenido, documento.ancho_util, membrete.municipio, hoy)
    return e.construir(destino, documento, historia, invariante=invariante, progreso=progreso)


def imprimir(sesion: Session, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str | None,
             hoy: date, *, id: int | None = None, invariante: bool = False,
             progreso: Callable[[int, int], None] | None = None) -> Path:
    fila = _fila_sesion(sesion, id)
    if fila.municipio_id != municipio_id:
        from nucleo.errores import ErrorDeUsuario

        raise ErrorDeUsuario(_("No se encontró la sesión n.º {ident} en este expediente.").format(ident=id),
                             campo="id")
    contenido = contenido_convocatoria(sesion, id)
    return dibujar_convocatoria(contenido, destino, membrete, hoy, invariante=invariante, progreso=progreso)
