"""Impreso del presupuesto de un Plan de Acción (A4 vertical), todo en guaraníes.

Sale de los recursos de las actividades (`servicios.presupuesto`), nunca de montos escritos dos veces: totales
por fuente de los fondos, por tipo de recurso, por resultado y por responsable, cada uno con su parte del total y
una barra; la matriz trimestre × fuente (el costo de un recurso se reparte en los días hábiles planificados de su
actividad), y el detalle de cada recurso.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf.comun_plan import huella_y_marca
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.plan import FUENTES_FONDOS, TIPOS_RECURSO


class Barra(Flowable):
    """La parte de un monto en el total, como una barra horizontal fina (para leer la tabla de un vistazo)."""

    def __init__(self, fraccion: float, ancho: float, alto: float = 6.0):
        super().__init__()
        self.fraccion = max(0.0, min(1.0, fraccion))
        self.width, self.height = ancho, alto

    def wrap(self, ancho_disponible: float, alto_disponible: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFillColor(e.color(e.FONDO))
        c.setStrokeColor(e.color(e.BORDE))
        c.setLineWidth(0.3)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        if self.fraccion:
            c.setFillColor(e.color(e.AZUL_ACENTO))
            c.rect(0, 0, max(self.width * self.fraccion, 0.6), self.height, stroke=0, fill=1)


def tabla_montos(titulo: str, montos: Sequence[tuple[str, int]], total: int, ancho: float) -> Table:
    """Concepto | monto en ₲ | % del total | barra, con la fila del total al pie."""
    anchos = [ancho * 0.44, ancho * 0.22, ancho * 0.10, ancho * 0.24]
    filas: list[list[Any]] = [[titulo, _("Monto"), _("%"), ""]]
    for etiqueta, monto in montos:
        fraccion = monto / total if total else 0.0
        filas.append([e.envolver(etiqueta or "—", anchos[0] - 7), formato.guaranies(monto),
                      formato.porcentaje(fraccion, 1 if 0 < fraccion < 0.1 else 0),
                      Barra(fraccion, anchos[3] - 7)])
    filas.append([_("Total"), formato.guaranies(total), formato.porcentaje(1 if total else 0), ""])
    comandos = [("ALIGN", (1, 0), (2, -1), "RIGHT"), ("VALIGN", (3, 1), (3, -1), "MIDDLE"),
                ("FONT", (0, -1), (-1, -1), e.LETRA_NEGRITA, 7.3, 9),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, e.color(e.AZUL_INSTITUCIONAL)),
                ("BACKGROUND", (0, -1), (-1, -1), e.color("#ffffff"))]
    return e.tabla(filas, anchos, comandos=comandos)


def tabla_trimestres(p: Any, ancho: float) -> Table:
    """Filas = trimestres, columnas = fuentes usadas, con totales por fila y por columna."""
    fuentes = list(p.fuente_por_trimestre)
    etiquetas = {clave: etiqueta for clave, etiqueta, _m in p.por_fuente}
    n = len(fuentes)
    primera = ancho * 0.16
    resto = (ancho - primera) / (n + 1)
    anchos = [primera] + [resto] * (n + 1)
    filas: list[list[Any]] = [[_("Trimestre")] + [e.envolver(etiquetas.get(f, f), resto - 7) for f in fuentes]
                              + [_("Total")]]
    for i, trimestre in enumerate(p.trimestres):
        filas.append([trimestre] + [formato.guaranies(p.fuente_por_trimestre[f][i]) if p.fuente_por_trimestre[f][i]
                                    else "—" for f in fuentes] + [formato.guaranies(p.por_trimestre[i])])
    filas.append([_("Total")] + [formato.guaranies(sum(p.fuente_por_trimestre[f])) for f in fuentes]
                 + [formato.guaranies(p.total)])
    comandos = [("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("FONT", (0, -1), (-1, -1), e.LETRA_NEGRITA, 7.3, 9),
                ("FONT", (-1, 1), (-1, -1), e.LETRA_NEGRITA, 7.3, 9),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, e.color(e.AZUL_INSTITUCIONAL)),
                ("LINEBEFORE", (-1, 0), (-1, -1), 0.8, e.color(e.AZUL_INSTITUCIONAL)),
                ("BACKGROUND", (0, -1), (-1, -1), e.color("#ffffff"))]
    return e.tabla(filas, anchos, comandos=comandos)


def _sub(titulo: str, ancho: float, detalle: str = "") -> list[Flowable]:
    return [CondPageBreak(40 * mm), Spacer(1, 3 * mm), e.subtitulo_seccion(titulo, ancho, detalle),
            Spacer(1, 1.5 * mm)]


def tabla_recursos(recursos: Sequence[Any], actividades: Sequence[Any], ancho: float) -> Table:
    """Cada recurso con su actividad (código y nombre una vez por actividad), cantidad, costos y fuente."""
    codigos = {f.id: f.codigo for f in actividades}
    nombres = {f.id: f.nombre for f in actividades}
    anchos = [ancho * x for x in (0.06, 0.185, 0.185, 0.095, 0.115, 0.105, 0.125, 0.13)]
    filas: list[list[Any]] = [[_("Código"), _("Actividad"), _("Recurso"), _("Tipo"), _("Cantidad"),
                               e.envolver(_("Costo unitario"), anchos[5] - 7, e.LETRA_NEGRITA), _("Costo"),
                               _("Fuente")]]
    anterior = None
    for act_id, tipo, descripcion, cantidad, unidad, unitario, fuente in recursos:
        nuevo = act_id != anterior
        anterior = act_id
        cantidad_texto = formato.numero(cantidad) + (f" {unidad}" if unidad else "")
        filas.append([codigos.get(act_id, "") if nuevo else "",
                      e.envolver(nombres.get(act_id, ""), anchos[1] - 7) if nuevo else "",
                      e.envolver(descripcion or "—", anchos[2] - 7),
                      e.envolver(traducir(TIPOS_RECURSO.get(tipo, tipo)), anchos[3] - 7),
                      e.envolver(cantidad_texto, anchos[4] - 7), formato.guaranies(unitario),
                      formato.guaranies(round(cantidad * unitario)),
                      e.envolver(traducir(FUENTES_FONDOS.get(fuente, fuente)), anchos[7] - 7)])
    return e.tabla(filas, anchos, comandos=[("ALIGN", (4, 0), (6, -1), "RIGHT")])


def historia_presupuesto(documento: e.Documento, r: Any, p: Any, recursos: Sequence[Any],
                         actividades: Sequence[Any]) -> list[Flowable]:
    ancho = documento.ancho_util
    es = e.estilos()
    resumen = _("Total del plan: {total} · {recursos}").format(
        total=formato.guaranies(p.total),
        recursos=n_("{n} recurso", "{n} recursos", len(recursos)).format(n=formato.entero(len(recursos))))
    if p.sin_costo:
        resumen += " · " + n_("{n} actividad sin recursos cargados", "{n} actividades sin recursos cargados",
                              p.sin_costo).format(n=formato.entero(p.sin_costo))
    historia = e.encabezado_documento(documento, resumen)
    historia.append(e.parrafo(_("Montos en guaraníes, calculados de los recursos de cada actividad (cantidad × costo "
                                "unitario). El costo de cada recurso se reparte entre los trimestres según los días "
                                "hábiles planificados de su actividad."), es.nota))
    if not recursos:
        historia += [Spacer(1, 4 * mm), e.parrafo(_("Ninguna actividad del plan tiene recursos cargados todavía: se "
                                                    "cargan en Articula, en cada actividad del cronograma."),
                                                  es.normal)]
        return historia
    medio = ancho
    historia += _sub(_("Por fuente de los fondos"), ancho)
    historia.append(tabla_montos(_("Fuente"), [(et, m) for _c, et, m in p.por_fuente], p.total, medio))
    historia += _sub(_("Por tipo de recurso"), ancho)
    historia.append(tabla_montos(_("Tipo"), [(et, m) for _c, et, m in p.por_tipo], p.total, medio))
    historia += _sub(_("Por resultado"), ancho)
    historia.append(tabla_montos(_("Resultado"), p.por_resultado, p.total, medio))
    historia += _sub(_("Por responsable"), ancho)
    historia.append(tabla_montos(_("Responsable"), p.por_responsable, p.total, medio))
    historia += _sub(_("Por trimestre y fuente"), ancho, _("Trimestres del calendario"))
    historia.append(tabla_trimestres(p, ancho))
    historia += _sub(_("Detalle de los recursos"), ancho, n_("{n} recurso", "{n} recursos", len(recursos)).format(
        n=formato.entero(len(recursos))))
    historia.append(tabla_recursos(recursos, actividades, ancho))
    return historia


def pdf_presupuesto(destino: Path, membrete: e.Membrete, r: Any, p: Any, recursos: Sequence[Any],
                    actividades: Sequence[Any], hoy: date, *, huella: str = "", invariante: bool = False,
                    progreso: e.Progreso | None = None) -> Path:
    marca, linea = huella_y_marca(r, huella)
    documento = e.Documento(
        titulo=_("Presupuesto: {titulo}").format(titulo=r.titulo), membrete=membrete, emitido=hoy,
        subtitulo=_("{territorio} · situación al {fecha}").format(territorio=r.territorio,
                                                                  fecha=formato.fecha_larga(hoy)),
        revision=formato.entero(r.revision),
        asunto=_("Presupuesto del Plan de Acción de {territorio}").format(territorio=r.territorio),
        marca_agua=marca, huella=linea)
    return e.construir(destino, documento, historia_presupuesto(documento, r, p, recursos, actividades),
                       invariante=invariante, progreso=progreso, paginas_estimadas=2 + len(recursos) // 40)


def imprimir(sesion, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *,
             id: int | None = None, invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el presupuesto del plan `id`."""
    from nucleo.servicios.actividades import listar_actividades
    from nucleo.servicios.instantanea import huella_contenido
    from nucleo.servicios.plan import exigir_plan, resumen_plan
    from nucleo.servicios.presupuesto import presupuesto, recursos_del_plan

    exigir_plan(sesion, municipio_id, id)
    return pdf_presupuesto(destino, membrete, resumen_plan(sesion, id, hoy), presupuesto(sesion, id),
                           recursos_del_plan(sesion, id), listar_actividades(sesion, id, hoy), hoy,
                           huella=huella_contenido(sesion, id), invariante=invariante, progreso=progreso)
