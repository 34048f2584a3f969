"""Impreso del Plan de Acción de un territorio: el documento que el Intendente lee y, más adelante, sanciona.

A4 vertical. Bloque de título (municipio, territorio, plan, revisión, estado, fechas), el objetivo y los siete
apartados de la «cuarta etapa» del documento 000, con su numeral romano y en su orden:

    i    organización del trabajo con los proveedores (texto + instituciones a cargo de actividades);
    ii   actividades y su secuencia (tabla EDT con predecesoras «1.2 FC+2») y el resumen de la ruta crítica;
    iii  responsables: Municipalidad, otros servicios públicos y comunidad, con sus actividades;
    iv   plazos y condiciones de satisfacción de cada actividad;
    v    recursos: totales por fuente, cada recurso con su costo en ₲ y la forma de proveerlos;
    vi   instrumentos de registro y control comunitario, y el medio de verificación de cada actividad;
    vii  resultados con las necesidades que responden, e indicadores con base, meta, último valor y cumplimiento.

Un apartado sin datos lo dice con palabras («Sin texto cargado.»), nunca queda en blanco. Mientras el plan está en
borrador o en revisión cada hoja lleva la marca de agua «BORRADOR». Sobre el pie de cada hoja va la huella SHA-256
del contenido del plan (lo que se planifica, no el seguimiento), igual en sus cuatro impresos: dos copias con la
misma huella dicen lo mismo.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import N_, _, n_, traducir
from nucleo.modelo.plan import LADOS

ESTADOS_BORRADOR = frozenset({"borrador", "en_revision"})
LADOS_IMPRESO = {  # 000, iii: «tanto por parte de la Municipalidad y de otros servicios públicos como de la comunidad»
    "municipalidad": N_("Municipalidad"),
    "servicio_publico": N_("Otros servicios públicos"),
    "comunidad": N_("Comunidad"),
}
APARTADOS = (
    ("i", N_("Organización del trabajo con los proveedores de servicios")),
    ("ii", N_("Actividades y su secuencia en el tiempo")),
    ("iii", N_("Responsables de cada actividad")),
    ("iv", N_("Plazos y condiciones de satisfacción")),
    ("v", N_("Recursos necesarios, su fuente y la forma de proveerlos")),
    ("vi", N_("Instrumentos de registro y control comunitario")),
    ("vii", N_("Resultados específicos e indicadores")),
)


def titulo_apartado(numeral: str) -> str:
    return f"{numeral}. " + traducir(dict(APARTADOS)[numeral])


# ---------------------------------------------------------------------------------- compartido por los impresos
def exigir_plan(sesion: Session, municipio_id: int, plan_id: int | None) -> None:
    """ErrorDeUsuario si el plan no existe en este expediente (un número mal escrito en la consola)."""
    from nucleo.modelo.plan import PlanAccion

    p = sesion.get(PlanAccion, plan_id) if plan_id is not None else None
    if p is None or p.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("No se encontró el Plan de Acción n.º {ident} en este expediente.").format(
            ident=plan_id), campo="id")


def huella_contenido(sesion: Session, plan_id: int) -> str:
    """SHA-256 de lo que el plan planifica (textos, resultados, indicadores, actividades, vínculos, recursos).

    Deja afuera el seguimiento (avance, fechas reales, mediciones) y las fechas calculadas: la huella cambia solo si
    cambia lo acordado, y es la misma en el plan, el cronograma, el presupuesto y el calendario de metas.
    """
    from nucleo.modelo.plan import (
        Actividad,
        Dependencia,
        Indicador,
        PlanAccion,
        Recurso,
        Resultado,
        actividad_oportunidad,
        resultado_necesidad,
    )

    def filas(consulta) -> list[list[Any]]:
        return [list(f) for f in sesion.execute(consulta).all()]

    p = PlanAccion.__table__.c
    r = Resultado.__table__.c
    i = Indicador.__table__.c
    a = Actividad.__table__.c
    d = Dependencia.__table__.c
    rc = Recurso.__table__.c
    resultados = select(r.id).where(r.plan_id == plan_id)
    actividades = select(a.id).where(a.plan_id == plan_id)
    contenido = {
        "plan": filas(select(p.id, p.titulo, p.revision, p.objetivo, p.inicio, p.organizacion, p.provision_recursos,
                             p.instrumentos_registro, p.control_comunitario).where(p.id == plan_id)),
        "resultados": filas(select(r.id, r.codigo, r.descripcion, r.pilar, r.orden).where(r.plan_id == plan_id)
                            .order_by(r.id)),
        "necesidades": filas(select(resultado_necesidad.c.resultado_id, resultado_necesidad.c.necesidad_id)
                             .where(resultado_necesidad.c.resultado_id.in_(resultados))
                             .order_by(resultado_necesidad.c.resultado_id, resultado_necesidad.c.necesidad_id)),
        "indicadores": filas(select(i.id, i.resultado_id, i.tipo, i.nombre, i.unidad, i.medio_verificacion, i.sentido,
                                    i.base_valor, i.base_fecha, i.meta_valor, i.meta_fecha, i.orden)
                             .where(i.resultado_id.in_(resultados)).order_by(i.id)),
        "actividades": filas(select(a.id, a.padre_id, a.orden, a.nombre, a.resultado_id, a.responsable_id, a.lado,
                                    a.duracion, a.hito, a.inicio_fijo, a.condiciones, a.medio_verificacion)
                             .where(a.plan_id == plan_id).order_by(a.id)),
        "oportunidades": filas(select(actividad_oportunidad.c.actividad_id, actividad_oportunidad.c.oportunidad_id)
                               .where(actividad_oportunidad.c.actividad_id.in_(actividades))
                               .order_by(actividad_oportunidad.c.actividad_id, actividad_oportunidad.c.oportunidad_id)),
        "vinculos": filas(select(d.predecesora_id, d.sucesora_id, d.tipo, d.desfase)
                          .where(d.sucesora_id.in_(actividades)).order_by(d.predecesora_id, d.sucesora_id)),
        "recursos": filas(select(rc.id, rc.actividad_id, rc.tipo, rc.descripcion, rc.cantidad, rc.unidad,
                                 rc.costo_unitario, rc.fuente, rc.orden)
                          .where(rc.actividad_id.in_(actividades)).order_by(rc.id)),
    }
    canonico = json.dumps(contenido, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonico.encode("utf-8")).hexdigest()


def huella_y_marca(r: Any, huella: str = "") -> tuple[str, str]:
    """(marca de agua, línea sobre el pie) de los impresos del plan resumido en `r` (un `ResumenPlan`)."""
    marca = _("BORRADOR") if r.estado in ESTADOS_BORRADOR else ""
    # The revision is already in the footer's identity line; the hash must fit whole on a portrait sheet.
    partes = [_("Plan n.º {n}, {estado}").format(n=formato.entero(r.id), estado=(r.estado_texto or r.estado).lower())]
    if huella:
        partes.append(_("Huella SHA-256 del contenido: {huella}").format(huella=huella))
    return marca, " · ".join(partes)


def texto_o_aviso(valor: str | None) -> Flowable:
    """El texto del usuario, o «Sin texto cargado.» en gris (un apartado nunca queda en blanco)."""
    es = e.estilos()
    if valor and valor.strip():
        return e.parrafo(valor.strip(), es.normal)
    return e.parrafo(_("Sin texto cargado."), ParagraphStyle("sin_texto", es.normal, fontName=e.LETRA_CURSIVA,
                                                  textColor=e.color(e.TEXTO_SECUNDARIO)))


def aviso(texto: str) -> Flowable:
    es = e.estilos()
    return e.parrafo(texto, ParagraphStyle("aviso_plan", es.pequeno, fontName=e.LETRA_CURSIVA,
                                           textColor=e.color(e.TEXTO_SECUNDARIO)))


def texto_predecesoras(predecesoras: Sequence[tuple[int, str, int]], codigos: dict[int, str]) -> str:
    """«1.2; 1.3 CC+2; 2.1 FC-1»: fin a comienzo sin desfase se escribe solo con el código."""
    partes = []
    for pred, tipo, desfase in predecesoras or ():
        codigo = codigos.get(pred, "?")
        if tipo == "FC" and not desfase:
            partes.append(codigo)
        else:
            signo = f"+{desfase}" if desfase > 0 else (str(desfase) if desfase < 0 else "")
            partes.append(f"{codigo} {tipo}{signo}")
    return "; ".join(partes)


def _banda(numeral: str, ancho: float) -> list[Flowable]:
    # Never a section title alone at the foot of a sheet.
    return [CondPageBreak(45 * mm), e.banda(titulo_apartado(numeral), ancho), Spacer(1, 2.5 * mm)]


def _sub(titulo: str, ancho: float, detalle: str = "") -> list[Flowable]:
    return [CondPageBreak(30 * mm), Spacer(1, 2 * mm), e.subtitulo_seccion(titulo, ancho, detalle),
            Spacer(1, 1.5 * mm)]


def _tabla(filas: list[list[Any]], anchos: Sequence[float], comandos: Sequence[tuple] = ()) -> Table:
    return e.tabla(filas, anchos, comandos=comandos)


def _celda(valor: Any, ancho: float) -> str:
    return e.envolver(valor if valor not in (None, "") else "—", ancho - 7)


# ---------------------------------------------------------------------------------------------------- datos
class DatosImpreso:
    """Todo lo que el impreso lee por los servicios, una vez."""

    def __init__(self, sesion: Session, municipio_id: int, plan_id: int, hoy: date):
        from nucleo.servicios import indicadores as ind
        from nucleo.servicios.actividades import listar_actividades
        from nucleo.servicios.plan import listar_resultados, obtener_plan, resumen_plan
        from nucleo.servicios.presupuesto import presupuesto

        self.resumen = resumen_plan(sesion, plan_id, hoy)
        self.plan = obtener_plan(sesion, plan_id)
        self.actividades = listar_actividades(sesion, plan_id, hoy)
        self.resultados = listar_resultados(sesion, plan_id)
        self.presupuesto = presupuesto(sesion, plan_id)
        self.indicadores = ind.listar_indicadores(sesion, plan_id)
        self.cumplimiento = ind.cumplimiento(sesion, plan_id, hoy)
        self.recursos = recursos_del_plan(sesion, plan_id)
        self.huella = huella_contenido(sesion, plan_id)
        self.hoy = hoy
        self.codigos = {f.id: f.codigo for f in self.actividades}

    @property
    def detalle(self) -> list[Any]:
        return [f for f in self.actividades if not f.es_resumen]


def recursos_del_plan(sesion: Session, plan_id: int) -> list[Any]:
    """Los recursos del plan con su actividad (id, tipo, descripción, cantidad, unidad, costo unitario, fuente)."""
    from nucleo.modelo.plan import Actividad, Recurso

    return list(sesion.execute(
        select(Recurso.actividad_id, Recurso.tipo, Recurso.descripcion, Recurso.cantidad, Recurso.unidad,
               Recurso.costo_unitario, Recurso.fuente)
        .join(Actividad, Actividad.id == Recurso.actividad_id)
        .where(Actividad.plan_id == plan_id).order_by(Recurso.actividad_id, Recurso.orden, Recurso.id)).all())


# -------------------------------------------------------------------------------------------- encabezado
def _ficha(d: DatosImpreso, membrete: e.Membrete, ancho: float) -> Table:
    es = e.estilos()
    r = d.resumen
    etiqueta = ParagraphStyle("etiqueta_plan", es.nota, fontName=e.LETRA_NEGRITA)

    def par(titulo: str, valor: str) -> list[Any]:
        return [e.parrafo(titulo, etiqueta), e.parrafo(valor or "—", es.pequeno)]

    fin = formato.fecha(r.fin) if r.fin else _("sin actividades programadas")
    duracion = n_("{n} día hábil", "{n} días hábiles", r.duracion).format(n=formato.entero(r.duracion))
    actividades = _("{n} ({hitos}; {criticas} en la ruta crítica)").format(
        n=formato.entero(r.n_actividades), hitos=n_("{n} hito", "{n} hitos", r.n_hitos).format(
            n=formato.entero(r.n_hitos)), criticas=formato.entero(r.n_criticas))
    if r.linea_base_en:
        base = _("guardada el {fecha}").format(fecha=formato.fecha(r.linea_base_en))
        if r.desvio:
            base += " · " + (_("fin {n} días hábiles después") if r.desvio > 0 else
                             _("fin {n} días hábiles antes")).format(n=formato.entero(abs(r.desvio)))
        elif r.desvio == 0:
            base += " · " + _("sin desvío")
    else:
        base = _("sin línea base")
    filas = [
        par(_("Municipio"), f"{membrete.municipio} ({membrete.lugar})") + par(_("Territorio"), r.territorio),
        par(_("Revisión"), formato.entero(r.revision)) + par(_("Estado"), r.estado_texto or r.estado),
        par(_("Inicio del plan"), formato.fecha(r.inicio)) + par(_("Fin planificado"), fin),
        par(_("Duración"), duracion) + par(_("Actividades"), actividades),
        par(_("Presupuesto"), formato.guaranies(r.presupuesto)) + par(_("Línea base"), base),
        par(_("Avance"), formato.porcentaje(r.avance) if r.avance is not None else "—")
        + par(_("Cumplimiento a la fecha"), formato.porcentaje(r.cumplimiento) if r.cumplimiento is not None
              else _("nada vencido todavía")),
    ]
    t = Table(filas, colWidths=[ancho * 0.16, ancho * 0.34, ancho * 0.18, ancho * 0.32])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), e.LETRA, 7.3, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, e.color(e.BORDE)),
        ("BOX", (0, 0), (-1, -1), 0.6, e.color(e.BORDE)),
        ("BACKGROUND", (0, 0), (0, -1), e.color(e.FONDO)), ("BACKGROUND", (2, 0), (2, -1), e.color(e.FONDO)),
    ]))
    return t


# ------------------------------------------------------------------------------------------------ apartados
def _organizacion(d: DatosImpreso, ancho: float) -> list[Flowable]:
    bloque = _banda("i", ancho) + [texto_o_aviso(d.plan.organizacion)]
    proveedores: dict[str, list[Any]] = {}
    for f in d.detalle:
        if f.lado == "servicio_publico":
            proveedores.setdefault(f.responsable or _("(sin responsable asignado)"), []).append(f)
    bloque += _sub(_("Proveedores de prestaciones y servicios que participan"), ancho,
                   _("Actores responsables de actividades como otro servicio público"))
    if not proveedores:
        return bloque + [aviso(_("Ninguna actividad está a cargo de otro servicio público."))]
    anchos = [ancho * 0.32, ancho * 0.10, ancho * 0.58]
    filas: list[list[Any]] = [[_("Institución"), _("Actividades"), _("A su cargo")]]
    for nombre, acts in sorted(proveedores.items(), key=lambda x: x[0].casefold()):
        lista = "; ".join(f"{f.codigo} {f.nombre}" for f in acts)
        filas.append([_celda(nombre, anchos[0]), formato.entero(len(acts)), _celda(lista, anchos[2])])
    return bloque + [_tabla(filas, anchos, [("ALIGN", (1, 0), (1, -1), "CENTER")])]


def _secuencia(d: DatosImpreso, ancho: float) -> list[Flowable]:
    bloque = _banda("ii", ancho)
    r = d.resumen
    if not d.actividades:
        return bloque + [aviso(_("El plan todavía no tiene actividades."))]
    bloque.append(aviso(_("Código de la estructura de desglose (EDT); los grupos en negrita; las actividades de la "
                          "ruta crítica con su código en rojo; ◆ = hito. Predecesoras: «1.2» fin a comienzo; "
                          "«1.2 CC+2» comienzo a comienzo con 2 días hábiles de desfase (FF fin a fin, CF comienzo "
                          "a fin; un desfase negativo es un adelanto).")))
    bloque.append(Spacer(1, 1.5 * mm))
    anchos = [ancho * x for x in (0.08, 0.45, 0.11, 0.11, 0.07, 0.18)]
    filas: list[list[Any]] = [[_("Código"), _("Actividad"), _("Inicio"), _("Fin"), _("Días háb."),
                               _("Predecesoras")]]
    comandos: list[tuple] = [("ALIGN", (4, 0), (4, -1), "RIGHT")]
    from nucleo.exportar.pdf.cronograma import dias_de

    dias = dias_de(d.actividades)
    for n, f in enumerate(d.actividades, start=1):
        sangria = "   " * min(f.nivel, 5)
        nombre = ("◆ " if f.hito else "") + f.nombre
        lineas = e.envolver(nombre, anchos[1] - 7 - e.ancho_texto(sangria, e.LETRA, 7.3)).split("\n")
        nombre = "\n".join(sangria + x for x in lineas)
        filas.append([f.codigo, nombre, formato.fecha(f.inicio) or "—", formato.fecha(f.fin) or "—",
                      formato.entero(dias[f.id]) if f.id in dias else "",
                      _celda(texto_predecesoras(f.predecesoras, d.codigos), anchos[5]) if f.predecesoras else ""])
        if f.es_resumen:
            comandos.append(("FONT", (0, n), (-1, n), e.LETRA_NEGRITA, 7.3, 9))
        elif f.critica:
            comandos.append(("TEXTCOLOR", (0, n), (0, n), e.color(e.COLORES_SEMAFORO["vencida"])))
    bloque.append(_tabla(filas, anchos, comandos))
    # Ruta crítica: the chain that sets the plan's end.
    criticas = sorted((f for f in d.detalle if f.critica), key=lambda f: (f.inicio or date.max, f.codigo))
    bloque += _sub(_("Ruta crítica"), ancho, n_("{n} actividad", "{n} actividades", len(criticas)).format(
        n=formato.entero(len(criticas))))
    if criticas:
        cadena = " → ".join(f.codigo for f in criticas)
        texto = _("Estas actividades no pueden atrasarse sin atrasar el fin del plan ({fin}): {cadena}.").format(
            fin=formato.fecha(r.fin) if r.fin else "—", cadena=cadena)
        bloque.append(e.parrafo(texto, e.estilos().pequeno))
    else:
        bloque.append(aviso(_("Sin ruta crítica calculada.")))
    for conflicto in r.conflictos or ():
        bloque.append(e.parrafo("⚠ " + conflicto, ParagraphStyle(
            "conflicto", e.estilos().pequeno, textColor=e.color(e.AVISO))))
    return bloque


def _responsables(d: DatosImpreso, ancho: float) -> list[Flowable]:
    bloque = _banda("iii", ancho)
    anchos = [ancho * 0.30, ancho * 0.08, ancho * 0.50, ancho * 0.12]
    for lado in LADOS:
        acts = sorted((f for f in d.detalle if f.lado == lado),
                      key=lambda f: ((f.responsable or "~").casefold(), f.codigo))
        etiqueta = traducir(LADOS_IMPRESO.get(lado, LADOS[lado]))
        bloque += _sub(etiqueta, ancho, n_("{n} actividad", "{n} actividades", len(acts)).format(
            n=formato.entero(len(acts))))
        if not acts:
            bloque.append(aviso(_("Ninguna actividad a cargo de {lado}.").format(lado=etiqueta.lower())))
            continue
        filas: list[list[Any]] = [[_("Responsable"), _("Código"), _("Actividad"), _("Fin")]]
        anterior = None
        for f in acts:
            nombre = f.responsable or _("(sin responsable asignado)")
            filas.append([_celda(nombre, anchos[0]) if nombre != anterior else "", f.codigo,
                          _celda(("◆ " if f.hito else "") + f.nombre, anchos[2]), formato.fecha(f.fin) or "—"])
            anterior = nombre
        bloque.append(_tabla(filas, anchos))
    return bloque


def _plazos(d: DatosImpreso, ancho: float) -> list[Flowable]:
    bloque = _banda("iv", ancho)
    if not d.detalle:
        return bloque + [aviso(_("El plan todavía no tiene actividades."))]
    sin = sum(1 for f in d.detalle if not (f.condiciones or "").strip())
    if sin:
        bloque += [aviso(n_("{n} actividad todavía no tiene condiciones de satisfacción cargadas.",
                            "{n} actividades todavía no tienen condiciones de satisfacción cargadas.", sin).format(
            n=formato.entero(sin))), Spacer(1, 1.5 * mm)]
    anchos = [ancho * 0.08, ancho * 0.38, ancho * 0.12, ancho * 0.42]
    filas: list[list[Any]] = [[_("Código"), _("Actividad"), _("Plazo (fin)"), _("Condiciones de satisfacción")]]
    for f in d.detalle:
        filas.append([f.codigo, _celda(("◆ " if f.hito else "") + f.nombre, anchos[1]), formato.fecha(f.fin) or "—",
                      _celda(f.condiciones, anchos[3])])
    return bloque + [_tabla(filas, anchos)]


def _recursos_apartado(d: DatosImpreso, ancho: float) -> list[Flowable]:
    bloque = _banda("v", ancho)
    p = d.presupuesto
    bloque += _sub(_("Totales por fuente de los fondos"), ancho, _("Total: {monto}").format(
        monto=formato.guaranies(p.total)))
    if p.total or p.por_fuente:
        from nucleo.exportar.pdf.presupuesto import tabla_montos

        bloque.append(tabla_montos(_("Fuente"), [(et, monto) for _c, et, monto in p.por_fuente], p.total,
                                   ancho * 0.7))
    else:
        bloque.append(aviso(_("Ninguna actividad tiene recursos con costo cargados.")))
    bloque += _sub(_("Recursos de cada actividad"), ancho, n_("{n} recurso", "{n} recursos", len(d.recursos)).format(
        n=formato.entero(len(d.recursos))))
    if d.recursos:
        from nucleo.exportar.pdf.presupuesto import tabla_recursos

        bloque.append(tabla_recursos(d.recursos, d.actividades, ancho))
    else:
        bloque.append(aviso(_("Sin recursos cargados.")))
    if p.sin_costo:
        bloque.append(aviso(n_("{n} actividad de detalle no tiene recursos cargados.",
                               "{n} actividades de detalle no tienen recursos cargados.", p.sin_costo).format(
            n=formato.entero(p.sin_costo))))
    bloque += _sub(_("Forma de proveer los recursos"), ancho) + [texto_o_aviso(d.plan.provision_recursos)]
    return bloque


def _registro(d: DatosImpreso, ancho: float) -> list[Flowable]:
    bloque = _banda("vi", ancho)
    bloque += _sub(_("Instrumentos de registro del proceso y de los resultados"), ancho)
    bloque.append(texto_o_aviso(d.plan.instrumentos_registro))
    bloque += _sub(_("Mecanismos de control comunitario de la ejecución"), ancho)
    bloque.append(texto_o_aviso(d.plan.control_comunitario))
    bloque += _sub(_("Medio de verificación de cada actividad"), ancho)
    if not d.detalle:
        return bloque + [aviso(_("El plan todavía no tiene actividades."))]
    anchos = [ancho * 0.08, ancho * 0.50, ancho * 0.42]
    filas: list[list[Any]] = [[_("Código"), _("Actividad"), _("Medio de verificación")]]
    for f in d.detalle:
        filas.append([f.codigo, _celda(("◆ " if f.hito else "") + f.nombre, anchos[1]),
                      _celda(f.medio_verificacion, anchos[2])])
    return bloque + [_tabla(filas, anchos)]


def _resultados(d: DatosImpreso, ancho: float) -> list[Flowable]:
    es = e.estilos()
    bloque = _banda("vii", ancho)
    if not d.resultados:
        bloque.append(aviso(_("El plan todavía no tiene resultados.")))
    por_resultado: dict[int, list[Any]] = {}
    for i in d.indicadores:
        por_resultado.setdefault(i.resultado_id, []).append(i)
    anchos = [ancho * x for x in (0.31, 0.15, 0.13, 0.13, 0.15, 0.13)]
    for res in d.resultados:
        eje = res.pilar_texto or (traducir(res.pilar) if res.pilar else "")
        bloque += _sub(f"{res.codigo} · {res.descripcion}", ancho,
                       _("Eje: {eje}").format(eje=eje) if eje else "")
        if res.necesidades:
            necesidades = "; ".join(
                (f"{desc} ({_('prioridad {n}').format(n=formato.entero(pri))})" if pri is not None else desc)
                for _id, desc, pri in res.necesidades)
            bloque.append(e.parrafo(_("Responde a: {necesidades}.").format(necesidades=necesidades), es.pequeno))
        else:
            bloque.append(aviso(_("No está vinculado a una necesidad priorizada por la comunidad.")))
        bloque.append(Spacer(1, 1.5 * mm))
        inds = por_resultado.get(res.id, [])
        if not inds:
            bloque.append(aviso(_("Sin indicadores cargados.")))
            continue
        filas: list[list[Any]] = [[_("Indicador"), _("Tipo"), _("Base"), _("Meta"), _("Último valor"),
                                   _("Cumplimiento")]]
        for i in inds:
            base = i.base_texto + (f"\n{formato.fecha(i.base_fecha)}" if i.base_fecha else "")
            meta = i.meta_texto + (f"\n{formato.fecha(i.meta_fecha)}" if i.meta_fecha else "")
            ultimo = i.ultimo_texto + (f"\n{formato.fecha(i.ultima_fecha)}" if i.ultima_fecha else "")
            nombre = i.nombre + (f"\n{_('Verificación')}: {i.medio_verificacion}" if i.medio_verificacion else "")
            filas.append([_celda(nombre, anchos[0]), _celda(i.tipo_texto, anchos[1]), _celda(base, anchos[2]),
                          _celda(meta, anchos[3]), _celda(ultimo, anchos[4]),
                          _celda(f"{i.cumplimiento_texto}\n{i.estado_texto}", anchos[5])])
        bloque.append(_tabla(filas, anchos))
    bloque += _cumplimiento(d, ancho)
    return bloque


def _cumplimiento(d: DatosImpreso, ancho: float) -> list[Flowable]:
    """Las filas «De evaluación y seguimiento» de la tabla de indicadores del 000: cumplimiento del plan."""
    c = d.cumplimiento

    def pct(x: float | None) -> str:
        return formato.porcentaje(x) if x is not None else _("nada vencido todavía")

    filas: list[list[Any]] = [[_("Indicador de evaluación y seguimiento"), _("Valor")],
                              [_("Avance del plan (todas las actividades)"), formato.porcentaje(c.avance)],
                              [_("Cumplimiento del plan (lo vencido al {fecha})").format(
                                  fecha=formato.fecha(d.hoy)), pct(c.plan)],
                              [_("Cumplimiento municipal"), pct(c.municipal)],
                              [_("Cumplimiento de otras instituciones"), pct(c.otras_instituciones)],
                              [_("Cumplimiento de la comunidad"), pct(c.comunidad)]]
    for sector, valor in c.por_sector:
        filas.append([e.envolver(_("Cumplimiento sector: {sector}").format(sector=sector), ancho * 0.75 - 7),
                      formato.porcentaje(valor)])
    filas.append([_("Cumplimiento medio de los indicadores"), formato.porcentaje(c.indicadores)
                  if c.indicadores is not None else _("sin mediciones")])
    return _sub(_("Cumplimiento del plan"), ancho, _("Ponderado por la duración de las actividades")) + [
        _tabla(filas, [ancho * 0.75, ancho * 0.25], [("ALIGN", (1, 0), (1, -1), "RIGHT")])]


# ------------------------------------------------------------------------------------------------- impreso
def documento_plan(d: DatosImpreso, membrete: e.Membrete, hoy: date) -> e.Documento:
    r = d.resumen
    marca, huella = huella_y_marca(r, d.huella)
    return e.Documento(
        titulo=r.titulo or _("Plan de Acción"), membrete=membrete, emitido=hoy,
        subtitulo=_("Plan de Acción del territorio {territorio} · {institucion}").format(
            territorio=r.territorio, institucion=membrete.institucion),
        revision=formato.entero(r.revision),
        asunto=_("Plan de Acción de {territorio} ({municipio})").format(territorio=r.territorio,
                                                                     municipio=membrete.municipio),
        marca_agua=marca, huella=huella)


def historia_plan(documento: e.Documento, d: DatosImpreso) -> list[Flowable]:
    ancho = documento.ancho_util
    es = e.estilos()
    historia = e.encabezado_documento(documento)
    historia += [_ficha(d, documento.membrete, ancho), Spacer(1, 4 * mm)]
    historia += [e.subtitulo_seccion(_("Objetivo del plan"), ancho), Spacer(1, 1.5 * mm),
                 texto_o_aviso(d.plan.objetivo), Spacer(1, 2 * mm)]
    historia.append(e.parrafo(_("El plan detalla, en el orden de la cuarta etapa del Modelo de Gestión, los siete "
                                "apartados i a vii."), es.nota))
    historia.append(Spacer(1, 3 * mm))
    for parte in (_organizacion, _secuencia, _responsables, _plazos, _recursos_apartado, _registro, _resultados):
        historia += parte(d, ancho)
        historia.append(Spacer(1, 5 * mm))
    return historia


def pdf_plan(destino: Path, membrete: e.Membrete, d: DatosImpreso, hoy: date, *, invariante: bool = False,
             progreso: e.Progreso | None = None) -> Path:
    documento = documento_plan(d, membrete, hoy)
    return e.construir(destino, documento, historia_plan(documento, d), invariante=invariante, progreso=progreso,
                       paginas_estimadas=4 + len(d.actividades) // 12)


def imprimir(sesion: Session, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *,
             id: int | None = None, invariante: bool = False, progreso=None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el Plan de Acción `id` completo (apartados i a vii)."""
    exigir_plan(sesion, municipio_id, id)
    return pdf_plan(destino, membrete, DatosImpreso(sesion, municipio_id, id, hoy), hoy, invariante=invariante,
                    progreso=progreso)
