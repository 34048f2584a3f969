"""Impreso del Plan de Acción: el documento que firman el Intendente, el Concejo, el Gobernador, la Junta
Departamental y las organizaciones de la comunidad (issue 7).

Se arma SOLO desde una instantánea del plan (`nucleo.servicios.instantanea`): la de ahora para el plan vivo, o la
congelada de una revisión sancionada (RevisionPlan.contenido). Así el PDF de la revisión 2 dice siempre lo que se
sancionó, aunque el plan haya seguido cambiando.

Hojas, en el papel del municipio (A4 u oficio, Datos del municipio):
    portada (municipio y logo, territorio, título, revisión, estado, fecha) · índice con números de página ·
    1 territorio y caracterización · 2 diagnóstico (necesidades priorizadas, brechas, árbol de problemas, DAFO) ·
    3 oportunidades utilizadas · 4 objetivo, resultados e indicadores · 5 actividades (responsables, plazos,
    condiciones de satisfacción, recursos) · 6 cronograma (Gantt en hojas apaisadas, repartido parejo, con la
    ruta crítica) · 7 presupuesto · 8 riesgos (mapa de calor y matriz, apaisado) · 9 instrumentos de registro y
    control comunitario · 10 firmas (un bloque por firmante, con la fecha en que firmó o la raya para firmar) y
    el código QR de verificación.

Pie de cada hoja: el plan, la revisión, la huella corta (12 primeros hexadecimales de la huella de la instantánea)
y «Página X de Y». El asunto del PDF es «articula:plan:<id>:<revisión>» (lo lee la verificación). El plan vivo en
borrador o en revisión lleva en cada hoja la marca «BORRADOR — sin validez», y el plan vivo ya sancionado (con su
seguimiento) «COPIA DE TRABAJO — sin validez»; solo una revisión sancionada sale sin marca, y queda anotada en el
registro de documentos emitidos (nucleo.servicios.verificacion).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.exportar.pdf.comun_plan import ESTADOS_BORRADOR, MARCA_BORRADOR, MARCA_COPIA, aviso, texto_o_aviso
from nucleo.i18n import N_, _, n_, traducir
from nucleo.predecesoras import predecesoras_de, texto_predecesoras

LADOS_IMPRESO = {  # 000, iii: «tanto por parte de la Municipalidad y de otros servicios públicos como de la comunidad»
    "municipalidad": N_("Municipalidad"),
    "servicio_publico": N_("Otros servicios públicos"),
    "comunidad": N_("Comunidad"),
}
# The seven items of the fourth stage (000): the printout of issue 5 titled its sections with them; the other plan
# printouts and the UI still name them.
APARTADOS = (
    ("i", N_("Organización del trabajo con los proveedores de servicios")),
    ("ii", N_("Actividades y su secuencia en el tiempo")),
    ("iii", N_("Responsables de cada actividad")),
    ("iv", N_("Plazos y condiciones de satisfacción")),
    ("v", N_("Recursos necesarios, su fuente y la forma de proveerlos")),
    ("vi", N_("Instrumentos de registro y control comunitario")),
    ("vii", N_("Resultados específicos e indicadores")),
)
# The printout's sections, in order (number, title): the table of contents and the tests use them.
SECCIONES = (
    ("1", N_("Territorio y caracterización")),
    ("2", N_("Diagnóstico")),
    ("3", N_("Oportunidades utilizadas")),
    ("4", N_("Objetivo, resultados e indicadores")),
    ("5", N_("Actividades, responsables, plazos y recursos")),
    ("6", N_("Cronograma")),
    ("7", N_("Presupuesto")),
    ("8", N_("Riesgos")),
    ("9", N_("Instrumentos de registro y control comunitario")),
    ("10", N_("Firmas")),
)
LARGO_HUELLA_CORTA = 12


def titulo_apartado(numeral: str) -> str:
    return f"{numeral}. " + traducir(dict(APARTADOS)[numeral])


def titulo_seccion(numero: str) -> str:
    return f"{numero}. " + traducir(dict(SECCIONES)[numero])


def codigo_verificacion(plan_id: int, revision: int, huella: str) -> str:
    """Lo que dice el QR de la última hoja."""
    return f"articula:plan:{plan_id}:{revision}:{huella}"


def asunto_pdf(plan_id: int, revision: int) -> str:
    """El /Subject del PDF: la verificación lo lee para decir de qué plan dice ser un archivo."""
    return f"articula:plan:{plan_id}:{revision}"


# ------------------------------------------------------------------------------------------------ ayudas
class SinViudas(Flowable):
    """Una tabla que, al partirse entre hojas, deja por lo menos `minimo` filas de datos de cada lado: nunca una
    hoja con una fila suelta (y el total) antes de un salto de página."""

    def __init__(self, tabla: Table, minimo: int = 5):
        super().__init__()
        self.tabla = tabla
        self.minimo = minimo

    def wrap(self, ancho: float, alto: float) -> tuple[float, float]:
        self.width, self.height = self.tabla.wrap(ancho, alto)
        return self.width, self.height

    def draw(self) -> None:
        self.tabla.drawOn(self.canv, 0, 0)

    def split(self, ancho: float, alto: float) -> list[Flowable]:
        encabezado = self.tabla.repeatRows if isinstance(self.tabla.repeatRows, int) else 0
        for _intento in range(200):
            partes = self.tabla.split(ancho, alto)
            if len(partes) < 2:
                return partes
            primera, resto = partes
            if len(primera._cellvalues) - encabezado < self.minimo:
                # Too little room at the foot of a sheet: the table starts on the next one. On a sheet with room
                # (a row of many lines) the natural cut stays, or the table would never be placed.
                return [] if alto < 200 else self.tabla.split(ancho, alto)
            if len(resto._cellvalues) - encabezado >= self.minimo:
                return [primera, SinViudas(resto, self.minimo)]
            # Give the last row of this sheet to the next one and try again.
            primera.wrap(ancho, alto)
            alto -= primera._rowHeights[-1]
        return partes


def _tabla(filas: Sequence[Sequence[Any]], anchos: Sequence[float], comandos: Sequence[tuple] = ()) -> Flowable:
    return SinViudas(e.tabla(filas, anchos, comandos=comandos))


def _fecha(valor: str | None) -> date | None:
    return date.fromisoformat(valor[:10]) if valor else None


def _texto_fecha(valor: str | None, vacio: str = "—") -> str:
    return formato.fecha(_fecha(valor)) if valor else vacio


def _etiqueta(dic: dict[str, str], clave: str | None) -> str:
    if not clave:
        return ""
    return traducir(dic[clave]) if clave in dic else clave


class _Armado:
    """Lo que comparten las secciones: la instantánea, el ancho de la hoja y la numeración del índice."""

    def __init__(self, d: dict, documento: e.Documento, hoy: date, sancion: dict | None):
        self.d = d
        self.documento = documento
        self.ancho = documento.ancho_util
        self.ancho_girado = documento.pagina_girada[0] - 2 * e.MARGEN
        self.alto_girado = documento.pagina_girada[1] - e.ALTO_MEMBRETE - e.ALTO_PIE
        self.hoy = hoy
        self.sancion = sancion
        self.es = e.estilos()
        self.claves = 0
        self.actividades = d.get("actividades", [])
        self.detalle = [a for a in self.actividades if not a.get("es_resumen")]
        self.codigos = {a["id"]: a["codigo"] for a in self.actividades}

    # -- títulos -----------------------------------------------------------------------------------------------
    def _clave(self) -> str:
        self.claves += 1
        return f"s{self.claves}"

    def banda(self, numero: str, ancho: float | None = None) -> list[Flowable]:
        titulo = titulo_seccion(numero)
        b = e.entrada_indice(e.banda(titulo, ancho or self.ancho), titulo, 0, self._clave())
        # Never a section title alone at the foot of a sheet; some air above it when it follows other content.
        return [CondPageBreak(50 * mm), Spacer(1, 5 * mm), b, Spacer(1, 2.5 * mm)]

    def sub(self, titulo: str, detalle: str = "", ancho: float | None = None, indice: bool = True) -> list[Flowable]:
        t = e.subtitulo_seccion(titulo, ancho or self.ancho, detalle)
        if indice:
            t = e.entrada_indice(t, titulo, 1, self._clave())
        return [CondPageBreak(32 * mm), Spacer(1, 2 * mm), t, Spacer(1, 1.5 * mm)]

    def texto(self, valor: str | None) -> Flowable:
        return texto_o_aviso(valor)

    def celda(self, valor: Any, ancho: float) -> str:
        return e.envolver(valor if valor not in (None, "") else "—", ancho - 7)


# -------------------------------------------------------------------------------------------------- portada
def _portada(a: _Armado, membrete: e.Membrete, borrador: bool) -> list[Flowable]:
    d, es = a.d, a.es
    p, t = d["plan"], d["territorio"]
    centro = ParagraphStyle("portada_centro", es.normal, alignment=TA_CENTER)
    historia: list[Flowable] = [Spacer(1, 14 * mm)]
    logo = e._logo(membrete)
    if logo is not None:
        from reportlab.platypus import Image

        iw, ih = logo.getSize()
        escala = min(40 * mm / ih, 60 * mm / iw)
        imagen = Image(logo, iw * escala, ih * escala)
        imagen.hAlign = "CENTER"
        historia += [imagen, Spacer(1, 6 * mm)]
    historia += [
        Paragraph(e.texto(membrete.institucion), ParagraphStyle("portada_inst", centro, fontName=e.LETRA_NEGRITA,
                                                                 fontSize=15, leading=19,
                                                                 textColor=e.color(e.AZUL_INSTITUCIONAL))),
        Paragraph(e.texto(membrete.lugar), ParagraphStyle("portada_lugar", centro, fontSize=10, leading=13,
                                                           textColor=e.color(e.TEXTO_SECUNDARIO))),
        Spacer(1, 22 * mm),
        Paragraph(e.texto(_("PLAN DE ACCIÓN TERRITORIAL")), ParagraphStyle(
            "portada_tipo", centro, fontName=e.LETRA_NEGRITA, fontSize=11, leading=14,
            textColor=e.color(e.AZUL_ACENTO))),
        Spacer(1, 3 * mm),
        Paragraph(e.texto(p.get("titulo") or _("Plan de Acción")), ParagraphStyle(
            "portada_titulo", centro, fontName=e.LETRA_NEGRITA, fontSize=22, leading=27,
            textColor=e.color(e.AZUL_INSTITUCIONAL))),
        Spacer(1, 3 * mm),
        Paragraph(e.texto(_("Territorio: {nombre}").format(nombre=t.get("nombre", ""))), ParagraphStyle(
            "portada_territorio", centro, fontSize=13, leading=17)),
        Spacer(1, 18 * mm),
    ]
    from nucleo.servicios.plan import etiqueta_estado

    if a.sancion:
        estado = _("Sancionado el {fecha}").format(fecha=formato.fecha_larga(_fecha(a.sancion["sancionado_en"])))
    else:
        estado = etiqueta_estado(p.get("estado", ""))
    periodo = _texto_fecha(p.get("inicio"))
    if p.get("fin"):
        periodo = _("del {inicio} al {fin}").format(inicio=periodo, fin=_texto_fecha(p["fin"]))
    etiqueta = ParagraphStyle("portada_etq", es.pequeno, fontName=e.LETRA_NEGRITA,
                              textColor=e.color(e.TEXTO_SECUNDARIO))
    valor = ParagraphStyle("portada_valor", es.normal, fontSize=10, leading=13)
    filas = [
        (_("Revisión"), formato.entero(p.get("revision"))),
        (_("Estado"), estado),
        (_("Fecha"), formato.fecha_larga(a.hoy)),
        (_("Período"), periodo),
        (_("Presupuesto"), formato.guaranies(d.get("presupuesto", {}).get("total", 0))),
    ]
    ancho = min(a.ancho, 120 * mm)
    t_ = Table([[Paragraph(e.texto(k), etiqueta), Paragraph(e.texto(v), valor)] for k, v in filas],
               colWidths=[ancho * 0.3, ancho * 0.7], hAlign="CENTER")
    t_.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), e.LETRA, 8), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, e.color(e.BORDE)), ("BOX", (0, 0), (-1, -1), 0.8, e.color(e.BORDE)),
        ("BACKGROUND", (0, 0), (0, -1), e.color(e.FONDO)),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    historia.append(t_)
    if borrador:
        historia += [Spacer(1, 10 * mm), Paragraph(e.texto(
            _("Borrador sin validez: el plan todavía no fue sancionado. Solo una revisión sancionada, impresa desde "
              "Articula, es el documento oficial.")), ParagraphStyle("portada_aviso", centro, fontSize=8.5,
                                                                     textColor=e.color(e.AVISO)))]
    return historia + [PageBreak()]


def _indice(a: _Armado) -> list[Flowable]:
    titulo = Paragraph(e.texto(_("Índice")), ParagraphStyle("indice_titulo", a.es.titulo, fontSize=15))
    return [titulo, Spacer(1, 4 * mm), e.indice(a.ancho), PageBreak()]


# ---------------------------------------------------------------------------------------- 1. territorio
def _territorio(a: _Armado) -> list[Flowable]:
    from nucleo.modelo.territorio import ESTADOS, TIPOS, TIPOS_SPS

    t, es = a.d["territorio"], a.es
    bloque = a.banda("1")
    etiqueta = ParagraphStyle("terr_etq", es.nota, fontName=e.LETRA_NEGRITA)

    def par(titulo: str, valor: str) -> list[Any]:
        return [e.parrafo(titulo, etiqueta), e.parrafo(valor or "—", es.pequeno)]

    identidad = ""
    if t.get("identidad_propia") is True:
        identidad = _("Sí") + (f": {t['identidad_descripcion']}" if t.get("identidad_descripcion") else "")
    elif t.get("identidad_propia") is False:
        identidad = _("No")
    espacio = ", ".join(x for x in (t.get("espacio_nombre"), t.get("espacio_direccion"),
                                    t.get("espacio_operador")) if x)
    tipo = _etiqueta(TIPOS, t.get("tipo"))
    if t.get("tipo_sps"):
        tipo += " · " + _etiqueta(TIPOS_SPS, t["tipo_sps"])
    m = a.d["municipio"]
    filas = [
        par(_("Territorio"), t.get("nombre", "")) + par(_("Tipo"), tipo),
        par(_("Municipio"), f"{m.get('nombre', '')} ({m.get('departamento', '')})")
        + par(_("Estado"), _etiqueta(ESTADOS, t.get("estado"))),
        par(_("Población"), formato.entero(t["poblacion"]) if t.get("poblacion") is not None else "")
        + par(_("Hogares"), formato.entero(t["hogares"]) if t.get("hogares") is not None else ""),
        par(_("Organización comunitaria"), t.get("organizacion", "")) + par(_("Identidad propia"), identidad),
        par(_("Espacio de referencia"), espacio) + par(_("Intendente"), m.get("intendente", "")),
    ]
    tabla = Table(filas, colWidths=[a.ancho * x for x in (0.17, 0.33, 0.17, 0.33)])
    tabla.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), e.LETRA, 7.3, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, e.color(e.BORDE)), ("BOX", (0, 0), (-1, -1), 0.6, e.color(e.BORDE)),
        ("BACKGROUND", (0, 0), (0, -1), e.color(e.FONDO)), ("BACKGROUND", (2, 0), (2, -1), e.color(e.FONDO)),
    ]))
    bloque.append(tabla)
    bloque += a.sub(_("Caracterización del territorio"), indice=False) + [a.texto(t.get("caracterizacion"))]
    if t.get("riesgos_diversos"):
        bloque += a.sub(_("Riesgos diversos del territorio"), indice=False) + [a.texto(t["riesgos_diversos"])]
    return bloque


# ---------------------------------------------------------------------------------------- 2. diagnóstico
def _diagnostico(a: _Armado) -> list[Flowable]:
    from nucleo.modelo.diagnostico import CUADRANTES, DIMENSIONES, TIPOS_NODO
    from nucleo.modelo.oportunidad import PILARES, POBLACIONES

    d, es = a.d, a.es
    bloque = a.banda("2")
    necesidades = d.get("necesidades", [])
    priorizadas = [n for n in necesidades if n.get("prioridad") is not None]
    bloque += a.sub(_("2.1 Necesidades priorizadas por la comunidad"), n_(
        "{n} necesidad", "{n} necesidades", len(priorizadas)).format(n=formato.entero(len(priorizadas))))
    if priorizadas:
        anchos = [a.ancho * x for x in (0.08, 0.44, 0.13, 0.19, 0.16)]
        filas: list[list[Any]] = [[_("Prioridad"), _("Necesidad"), _("Dimensión"), _("Eje"), _("Población")]]
        for n in priorizadas:
            filas.append([formato.entero(n["prioridad"]), a.celda(n["descripcion"], anchos[1]),
                          a.celda(_etiqueta(DIMENSIONES, n.get("dimension")), anchos[2]),
                          a.celda(_etiqueta(PILARES, n.get("pilar")), anchos[3]),
                          a.celda(_etiqueta(POBLACIONES, n.get("poblacion")), anchos[4])])
        bloque.append(_tabla(filas, anchos, [("ALIGN", (0, 0), (0, -1), "CENTER")]))
    else:
        bloque.append(aviso(_("La comunidad todavía no priorizó necesidades.")))
    otras = len(necesidades) - len(priorizadas)
    if otras:
        bloque += [Spacer(1, 1.5 * mm), aviso(n_(
            "Además, {n} necesidad relevada sin prioridad asignada.",
            "Además, {n} necesidades relevadas sin prioridad asignada.", otras).format(n=formato.entero(otras)))]

    brechas = [n for n in priorizadas if n.get("brecha")]
    bloque += a.sub(_("2.2 Brechas"), _("necesidades priorizadas sin oportunidad confirmada"))
    if brechas:
        anchos = [a.ancho * 0.1, a.ancho * 0.9]
        filas = [[_("Prioridad"), _("Necesidad que ninguna oportunidad confirmada responde")]]
        filas += [[formato.entero(n["prioridad"]), a.celda(n["descripcion"], anchos[1])] for n in brechas]
        bloque.append(_tabla(filas, anchos, [("ALIGN", (0, 0), (0, -1), "CENTER")]))
    else:
        bloque.append(aviso(_("Todas las necesidades priorizadas tienen al menos una oportunidad confirmada.")
                            if priorizadas else _("Sin necesidades priorizadas, no se calculan brechas.")))

    bloque += a.sub(_("2.3 Árbol de problemas"))
    bloque += _arbol(a, TIPOS_NODO)

    bloque += a.sub(_("2.4 Análisis DAFO"))
    items: dict[str, list[str]] = {c: [] for c in CUADRANTES["dafo"]}
    for it in d.get("dafo", []):
        items.setdefault(it["cuadrante"], []).append(it["texto"])
    if not any(items.values()):
        bloque.append(aviso(_("El territorio todavía no tiene análisis DAFO cargado.")))
        return bloque
    mitad = a.ancho / 2

    def cuadro(clave: str) -> list[Flowable]:
        titulo = e.parrafo(_etiqueta(CUADRANTES["dafo"], clave), es.celda_negrita)
        lista = items.get(clave) or []
        if not lista:
            return [titulo, aviso(_("Sin elementos."))]
        return [titulo] + [e.parrafo(f"{k}. {x}", es.celda) for k, x in enumerate(lista, start=1)]

    fondos = {"fortalezas": "#e8f5e9", "oportunidades": "#e3f2fd", "debilidades": "#fff3e0", "amenazas": "#ffebee"}
    orden = list(CUADRANTES["dafo"])  # board order: debilidades, amenazas / fortalezas, oportunidades
    t = Table([[cuadro(orden[0]), cuadro(orden[1])], [cuadro(orden[2]), cuadro(orden[3])]],
              colWidths=[mitad, mitad])
    comandos = [("FONT", (0, 0), (-1, -1), e.LETRA, 7.3), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 1.5, e.color("#ffffff")),
                ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    for k, clave in enumerate(orden):
        comandos.append(("BACKGROUND", (k % 2, k // 2), (k % 2, k // 2), e.color(fondos.get(clave, e.FONDO))))
    t.setStyle(TableStyle(comandos))
    bloque.append(t)
    return bloque


def _arbol(a: _Armado, tipos: dict[str, str]) -> list[Flowable]:
    """El árbol como lista sangrada: el problema central, sus causas (con sus subcausas) y sus efectos."""
    nodos = a.d.get("arbol", [])
    if not nodos:
        return [aviso(_("El territorio todavía no tiene árbol de problemas."))]
    ids = {n["id"] for n in nodos}
    hijos: dict[int | None, list[dict]] = {}
    for n in nodos:
        hijos.setdefault(n["padre_id"] if n["padre_id"] in ids else None, []).append(n)
    salida: list[Flowable] = []
    colores = {"problema": e.AZUL_INSTITUCIONAL, "causa": "#8d4a00", "efecto": "#1d5fa8"}

    def poner(n: dict, nivel: int, vistos: set[int]) -> None:
        if n["id"] in vistos:
            return
        vistos.add(n["id"])
        tipo = traducir(tipos.get(n["tipo"], n["tipo"]))
        estilo = ParagraphStyle(f"arbol_{min(nivel, 8)}", a.es.pequeno, leftIndent=12 * min(nivel, 8),
                                firstLineIndent=0, spaceAfter=1.5,
                                fontName=e.LETRA_NEGRITA if nivel == 0 else e.LETRA)
        color = colores.get(n["tipo"], e.TEXTO)
        marca = "■" if nivel == 0 else ("▸" if n["tipo"] == "causa" else "▴")
        salida.append(Paragraph(f'<font color="{color}">{marca} {e.texto(tipo)}:</font> {e.texto(n["texto"])}',
                                estilo))
        # Causes before effects under each node, each group in its own order.
        for h in sorted(hijos.get(n["id"], []), key=lambda x: (x["tipo"] != "causa", x.get("orden", 0), x["id"])):
            poner(h, nivel + 1, vistos)

    vistos: set[int] = set()
    for raiz in sorted(hijos.get(None, []), key=lambda x: (x["tipo"] != "problema", x.get("orden", 0), x["id"])):
        poner(raiz, 0, vistos)
    salida.append(Spacer(1, 1 * mm))
    salida.append(aviso(_("▸ causa (lo que origina el problema) · ▴ efecto (lo que el problema provoca); cada "
                          "sangría es un nivel más abajo en el árbol.")))
    return salida


# ------------------------------------------------------------------------------------- 3. oportunidades
def _oportunidades(a: _Armado) -> list[Flowable]:
    from nucleo.modelo.oportunidad import PILARES

    bloque = a.banda("3")
    ops = a.d.get("oportunidades", [])
    if not ops:
        return bloque + [aviso(_("Ninguna actividad del plan usa oportunidades del Mapa de Oportunidades."))]
    usos: dict[int, list[str]] = {}
    for act in a.actividades:
        for oid in act.get("oportunidades") or ():
            usos.setdefault(oid, []).append(act["codigo"])
    anchos = [a.ancho * x for x in (0.36, 0.27, 0.19, 0.18)]
    filas: list[list[Any]] = [[_("Oportunidad"), _("Proveedor"), _("Eje"), _("Actividades")]]
    for o in ops:
        filas.append([a.celda(o["nombre"], anchos[0]), a.celda(o.get("proveedor"), anchos[1]),
                      a.celda(_etiqueta(PILARES, o.get("pilar")), anchos[2]),
                      a.celda(", ".join(usos.get(o["id"], [])), anchos[3])])
    return bloque + [_tabla(filas, anchos)]


# ------------------------------------------------------------------------------ 4. resultados e indicadores
def _valor(v: float | None, unidad: str = "") -> str:
    if v is None:
        return "—"
    texto = formato.numero(v)
    return f"{texto} {unidad}".strip() if unidad else texto


def _resultados(a: _Armado) -> list[Flowable]:
    from nucleo.modelo.oportunidad import PILARES
    from nucleo.modelo.plan import TIPOS_INDICADOR
    from nucleo.servicios.indicadores import texto_estado

    d, es = a.d, a.es
    bloque = a.banda("4")
    bloque += a.sub(_("Objetivo del plan"), indice=False) + [a.texto(d["plan"].get("objetivo")), Spacer(1, 2 * mm)]
    resultados = d.get("resultados", [])
    if not resultados:
        bloque.append(aviso(_("El plan todavía no tiene resultados.")))
    necesidades = {n["id"]: n for n in d.get("necesidades", [])}
    anchos = [a.ancho * x for x in (0.31, 0.14, 0.14, 0.14, 0.14, 0.13)]
    for r in resultados:
        eje = _etiqueta(PILARES, r.get("pilar"))
        bloque += a.sub(f"{r['codigo']} · {r['descripcion']}", _("Eje: {eje}").format(eje=eje) if eje else "")
        vinculadas = [necesidades[i] for i in r.get("necesidades", []) if i in necesidades]
        if vinculadas:
            texto = "; ".join(
                (f"{n['descripcion']} ({_('prioridad {n}').format(n=formato.entero(n['prioridad']))})"
                 if n.get("prioridad") is not None else n["descripcion"]) for n in vinculadas)
            bloque.append(e.parrafo(_("Responde a: {necesidades}.").format(necesidades=texto), es.pequeno))
        else:
            bloque.append(aviso(_("No está vinculado a una necesidad priorizada por la comunidad.")))
        bloque.append(Spacer(1, 1.5 * mm))
        inds = r.get("indicadores", [])
        if not inds:
            bloque.append(aviso(_("Sin indicadores cargados.")))
            continue
        filas: list[list[Any]] = [[_("Indicador"), _("Tipo"), _("Base"), _("Meta"), _("Último valor"),
                                   _("Cumplimiento")]]
        for i in inds:
            u = i.get("unidad", "")
            base = _valor(i.get("base_valor"), u) + (f"\n{_texto_fecha(i['base_fecha'])}" if i.get("base_fecha")
                                                     else "")
            meta = _valor(i.get("meta_valor"), u) + (f"\n{_texto_fecha(i['meta_fecha'])}" if i.get("meta_fecha")
                                                     else "")
            ultimo = _valor(i.get("ultimo_valor"), u) + (f"\n{_texto_fecha(i['ultima_fecha'])}"
                                                         if i.get("ultima_fecha") else "")
            nombre = i["nombre"] + (f"\n{_('Verificación')}: {i['medio_verificacion']}"
                                    if i.get("medio_verificacion") else "")
            cumple = formato.porcentaje(i["cumplimiento"]) if i.get("cumplimiento") is not None else "—"
            estado = texto_estado(i["estado"]) if i.get("estado") else ""
            filas.append([a.celda(nombre, anchos[0]), a.celda(_etiqueta(TIPOS_INDICADOR, i.get("tipo")), anchos[1]),
                          a.celda(base, anchos[2]), a.celda(meta, anchos[3]), a.celda(ultimo, anchos[4]),
                          a.celda(f"{cumple}\n{estado}".strip(), anchos[5])])
        bloque.append(_tabla(filas, anchos))
    bloque += _cumplimiento(a)
    return bloque


def _cumplimiento(a: _Armado) -> list[Flowable]:
    """Las filas «De evaluación y seguimiento» de la tabla de indicadores del 000: cumplimiento del plan."""
    c = a.d.get("cumplimiento") or {}

    def pct(x: float | None, vacio: str = _("nada vencido todavía")) -> str:
        return formato.porcentaje(x) if x is not None else vacio

    filas: list[list[Any]] = [[_("Indicador de evaluación y seguimiento"), _("Valor")],
                              [_("Avance del plan (todas las actividades)"), pct(c.get("avance"), "—")],
                              [_("Cumplimiento del plan (lo vencido a la fecha)"), pct(c.get("plan"))],
                              [_("Cumplimiento municipal"), pct(c.get("municipal"))],
                              [_("Cumplimiento de otras instituciones"), pct(c.get("otras_instituciones"))],
                              [_("Cumplimiento de la comunidad"), pct(c.get("comunidad"))]]
    for sector, valor in c.get("por_sector") or ():
        filas.append([e.envolver(_("Cumplimiento sector: {sector}").format(sector=sector), a.ancho * 0.75 - 7),
                      formato.porcentaje(valor)])
    filas.append([_("Cumplimiento medio de los indicadores"), pct(c.get("indicadores"), _("sin mediciones"))])
    return a.sub(_("Cumplimiento del plan"), _("Ponderado por la duración de las actividades")) + [
        e.tabla(filas, [a.ancho * 0.75, a.ancho * 0.25], comandos=[("ALIGN", (1, 0), (1, -1), "RIGHT")])]


# ------------------------------------------------------------------------------------------ 5. actividades
def _actividades(a: _Armado) -> list[Flowable]:
    from nucleo.modelo.plan import FUENTES_FONDOS, TIPOS_RECURSO

    d = a.d
    bloque = a.banda("5")
    # The numerals of the fourth stage (000) the coordinator knows: i organisation, ii–iv activities, v resources.
    bloque += a.sub(titulo_apartado("i")) + [
        a.texto(d["plan"].get("organizacion"))]
    bloque += a.sub("ii–iv. " + _("Actividades, responsables, plazos y condiciones de satisfacción"), n_(
        "{n} actividad", "{n} actividades", len(a.detalle)).format(n=formato.entero(len(a.detalle))))
    if not a.actividades:
        return bloque + [aviso(_("El plan todavía no tiene actividades."))]
    bloque += [aviso(_("Código de la estructura de desglose (EDT); los grupos en negrita; las actividades de la ruta "
                       "crítica con su código en rojo; ◆ = hito. Predecesoras: «1.2» fin a comienzo; «1.2 CC+2» "
                       "comienzo a comienzo con 2 días hábiles de desfase (FF fin a fin, CF comienzo a fin).")),
               Spacer(1, 1.5 * mm)]
    anchos = [a.ancho * x for x in (0.07, 0.29, 0.19, 0.095, 0.095, 0.26)]
    filas: list[list[Any]] = [[_("Código"), _("Actividad"), _("Responsable"), _("Inicio"), _("Fin (plazo)"),
                               _("Condiciones de satisfacción")]]
    comandos: list[tuple] = []
    for n, f in enumerate(a.actividades, start=1):
        sangria = "  " * min(f.get("nivel", 0), 5)
        nombre = ("◆ " if f.get("hito") else "") + f["nombre"]
        if f.get("predecesoras"):
            nombre += "\n" + _("Después de: {pred}").format(
                pred=texto_predecesoras(predecesoras_de(f["predecesoras"], a.codigos)))
        # Groups are printed in bold: wrap them with the bold metrics or they run into the next column.
        letra = e.LETRA_NEGRITA if f.get("es_resumen") else e.LETRA
        lineas = e.envolver(nombre, anchos[1] - 7 - e.ancho_texto(sangria, letra, 7.3), letra).split("\n")
        nombre = "\n".join(sangria + x for x in lineas)
        lado = _etiqueta(LADOS_IMPRESO, f.get("lado"))
        responsable = f.get("responsable") or ""
        quien = f"{responsable}\n({lado})" if responsable and not f.get("es_resumen") else (
            responsable or ("" if f.get("es_resumen") else lado))
        filas.append([f["codigo"], nombre, e.envolver(quien, anchos[2] - 7, letra) if quien else "",
                      _texto_fecha(f.get("inicio")), _texto_fecha(f.get("fin")),
                      "" if f.get("es_resumen") else a.celda(f.get("condiciones"), anchos[5])])
        if f.get("es_resumen"):
            # Bold for code, name and responsible only: bold dates would not fit their columns.
            comandos.append(("FONT", (0, n), (2, n), e.LETRA_NEGRITA, 7.3, 9))
        elif f.get("critica"):
            comandos.append(("TEXTCOLOR", (0, n), (0, n), e.color(e.COLORES_SEMAFORO["vencida"])))
    bloque.append(_tabla(filas, anchos, comandos))
    sin = sum(1 for f in a.detalle if not (f.get("condiciones") or "").strip())
    if sin:
        bloque += [Spacer(1, 1.5 * mm), aviso(n_(
            "{n} actividad todavía no tiene condiciones de satisfacción cargadas.",
            "{n} actividades todavía no tienen condiciones de satisfacción cargadas.", sin).format(
            n=formato.entero(sin)))]

    recursos = [(f, r) for f in a.detalle for r in f.get("recursos") or ()]
    bloque += a.sub("v. " + _("Recursos de cada actividad"), n_("{n} recurso", "{n} recursos", len(recursos)).format(
        n=formato.entero(len(recursos))))
    if not recursos:
        return bloque + [aviso(_("Sin recursos cargados."))]
    anchos = [a.ancho * x for x in (0.065, 0.17, 0.165, 0.095, 0.105, 0.12, 0.125, 0.155)]
    filas = [[_("Código"), _("Actividad"), _("Recurso"), _("Tipo"), _("Cantidad"),
              e.envolver(_("Costo unitario"), anchos[5] - 7, e.LETRA_NEGRITA), _("Costo"), _("Fuente")]]
    anterior = None
    for f, r in recursos:
        nuevo = f["id"] != anterior
        anterior = f["id"]
        cantidad = formato.numero(r.get("cantidad")) + (f" {r['unidad']}" if r.get("unidad") else "")
        # The code on every row (a row continued on the next sheet still says whose it is); the name once.
        filas.append([f["codigo"], a.celda(f["nombre"], anchos[1]) if nuevo else "",
                      a.celda(r.get("descripcion"), anchos[2]), a.celda(_etiqueta(TIPOS_RECURSO, r.get("tipo")),
                                                                     anchos[3]),
                      a.celda(cantidad, anchos[4]), formato.guaranies(r.get("costo_unitario") or 0),
                      formato.guaranies(r.get("costo") or 0),
                      a.celda(_etiqueta(FUENTES_FONDOS, r.get("fuente")), anchos[7])])
    total = sum(r.get("costo") or 0 for _f, r in recursos)
    filas.append(["", _("Total"), "", "", "", "", formato.guaranies(total), ""])
    bloque.append(_tabla(filas, anchos, [
        ("ALIGN", (4, 0), (6, -1), "RIGHT"), ("FONT", (0, -1), (-1, -1), e.LETRA_NEGRITA, 7.3, 9),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, e.color(e.AZUL_INSTITUCIONAL))]))
    return bloque


# ------------------------------------------------------------------------------------------- 6. cronograma
def _cronograma(a: _Armado) -> list[Flowable]:
    """El Gantt en hojas apaisadas, repartido parejo; la ruta crítica al final. Vuelve a la hoja vertical."""
    from nucleo.exportar.pdf.cronograma import dias_de, hojas_gantt, nombre_mes, tabla_ruta_critica
    from nucleo.servicios.instantanea import filas_de_actividades

    if not a.actividades:
        return a.banda("6") + [aviso(_("El plan todavía no tiene actividades: no hay cronograma."))]
    filas = filas_de_actividades(a.d)
    rotulo_hoy = ""
    if a.sancion:
        rotulo_hoy = _("Sanción ({fecha})").format(fecha=formato.fecha(_fecha(a.sancion["sancionado_en"])))
    referencia = _fecha(a.sancion["sancionado_en"]) if a.sancion else a.hoy
    # Room on every sheet for the section band (first sheet) or the sheet's caption (the others).
    reserva = 40.0
    hojas = hojas_gantt(filas, referencia, a.ancho_girado, a.alto_girado - reserva, rotulo_hoy=rotulo_hoy)
    historia: list[Flowable] = [NextPageTemplate(e.PLANTILLA_GIRADA), PageBreak()]
    es = a.es
    leyenda = ParagraphStyle("gantt_hoja", es.nota, fontName=e.LETRA_NEGRITA)
    for k, h in enumerate(hojas, start=1):
        if k == 1:
            titulo = titulo_seccion("6")
            historia += [e.entrada_indice(e.banda(titulo, a.ancho_girado), titulo, 0, a._clave()),
                         Spacer(1, 2 * mm)]
        else:
            historia.append(PageBreak())
        fin = date.fromordinal(h.fin.toordinal() - 1)
        meses = f"{nombre_mes(h.inicio)} {h.inicio.year} – {nombre_mes(fin)} {fin.year}"
        texto = _("Hoja {k} de {n} del cronograma · actividades {desde} a {hasta} · {meses}").format(
            k=formato.entero(k), n=formato.entero(len(hojas)), desde=filas[h.desde].codigo,
            hasta=filas[h.hasta - 1].codigo, meses=meses)
        historia += [Paragraph(e.texto(texto), leyenda), Spacer(1, 1.5 * mm), h.diagrama]
    # The critical path goes back on an upright sheet, where the budget follows it: alone on a landscape sheet after
    # a full Gantt it left a page almost empty.
    historia += [NextPageTemplate(e.PLANTILLA_HOJA), PageBreak()]
    historia += tabla_ruta_critica(filas, a.ancho, dias_de(filas))
    conflictos = a.d["plan"].get("conflictos") or ()
    for conflicto in conflictos:
        historia.append(e.parrafo("⚠ " + conflicto, ParagraphStyle("conflicto", es.pequeno,
                                                                    textColor=e.color(e.AVISO))))
    historia.append(Spacer(1, 6 * mm))
    return historia


# ------------------------------------------------------------------------------------------ 7. presupuesto
def _presupuesto(a: _Armado) -> list[Flowable]:
    from types import SimpleNamespace

    from nucleo.exportar.pdf.presupuesto import tabla_montos, tabla_trimestres

    p = a.d.get("presupuesto") or {}
    total = p.get("total", 0)
    bloque = a.banda("7")
    bloque.append(e.parrafo(_("Total del plan: {total}").format(total=formato.guaranies(total)),
                            ParagraphStyle("total_plan", a.es.normal, fontName=e.LETRA_NEGRITA)))
    if not total:
        bloque.append(aviso(_("Ninguna actividad tiene recursos con costo cargados.")))
    ancho = a.ancho * 0.8
    for titulo, clave, etiqueta in ((_("Por fuente de los fondos"), "por_fuente", _("Fuente")),
                                    (_("Por resultado"), "por_resultado", _("Resultado")),
                                    (_("Por responsable"), "por_responsable", _("Responsable"))):
        montos = [(fila[-2], fila[-1]) for fila in p.get(clave) or ()]
        if not montos:
            continue
        bloque += a.sub(titulo, indice=False) + [tabla_montos(etiqueta, montos, total, ancho)]
    trimestres = p.get("por_trimestre") or []
    if trimestres and p.get("fuente_por_trimestre"):
        # Columns in the order of the sources (the frozen snapshot's keys come back sorted by name).
        por_fuente = [tuple(x) for x in p.get("por_fuente", [])]
        orden = {clave: k for k, (clave, *_r) in enumerate(por_fuente)}
        columnas = dict(sorted(p["fuente_por_trimestre"].items(), key=lambda x: (orden.get(x[0], len(orden)), x[0])))
        datos = SimpleNamespace(
            fuente_por_trimestre=columnas, por_fuente=por_fuente,
            trimestres=[t for t, _m in trimestres], por_trimestre=[m for _t, m in trimestres], total=total)
        bloque += a.sub(_("Por trimestre y fuente"), indice=False) + [tabla_trimestres(datos, a.ancho)]
    if p.get("sin_costo"):
        bloque += [Spacer(1, 1.5 * mm), aviso(n_(
            "{n} actividad de detalle no tiene recursos cargados.",
            "{n} actividades de detalle no tienen recursos cargados.", p["sin_costo"]).format(
            n=formato.entero(p["sin_costo"])))]
    bloque += a.sub(_("Forma de proveer los recursos"), indice=False) + [
        a.texto(a.d["plan"].get("provision_recursos"))]
    return bloque


# --------------------------------------------------------------------------------------------- 8. riesgos
def _riesgos(a: _Armado) -> list[Flowable]:
    from nucleo.exportar.pdf.riesgos import MapaDeCalor, _leyenda, _tabla_riesgos
    from nucleo.servicios.riesgos import FilaRiesgo, mapa_de_calor, matriz_de_dict

    datos = a.d.get("riesgos") or []
    if not datos:
        return a.banda("8") + [aviso(_("El plan todavía no tiene riesgos cargados."))]
    matriz = matriz_de_dict(a.d["matriz"])
    filas = []
    for r in datos:
        r = dict(r)
        r["proxima_revision"] = _fecha(r.get("proxima_revision"))
        r["actividades"] = [tuple(x) for x in r.get("actividades") or ()]
        filas.append(FilaRiesgo(**r))
    ancho = a.ancho_girado
    titulo = titulo_seccion("8")
    historia: list[Flowable] = [NextPageTemplate(e.PLANTILLA_GIRADA), PageBreak(),
                                e.entrada_indice(e.banda(titulo, ancho), titulo, 0, a._clave()), Spacer(1, 3 * mm)]
    ancho_mapa = ancho * 0.48
    mapa = MapaDeCalor(ancho_mapa - 8 * mm, 105 * mm, matriz, mapa_de_calor(filas))
    derecha = [e.subtitulo_seccion(_("Niveles de la matriz"), ancho - ancho_mapa), Spacer(1, 2 * mm),
               _leyenda(matriz, filas, ancho - ancho_mapa), Spacer(1, 3 * mm),
               e.parrafo(_("Cada celda muestra cuántos riesgos tienen esa probabilidad y ese impacto; las celdas "
                           "pálidas no tienen ninguno."), a.es.nota)]
    bloque = Table([[[e.subtitulo_seccion(_("Mapa de calor"), ancho_mapa - 8 * mm), Spacer(1, 3 * mm), mapa],
                     derecha]], colWidths=[ancho_mapa, ancho - ancho_mapa])
    bloque.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), e.LETRA, 7.3), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    historia.append(bloque)
    tabla, _recortes = _tabla_riesgos(filas, ancho)
    historia += [Spacer(1, 5 * mm), CondPageBreak(50 * mm),
                 e.subtitulo_seccion(_("Matriz de riesgos"), ancho, _("P = probabilidad · I = impacto (de 1 a 5)")),
                 Spacer(1, 2 * mm), tabla, NextPageTemplate(e.PLANTILLA_HOJA), PageBreak()]
    return historia


# ---------------------------------------------------------------------------------------- 9. instrumentos
def _instrumentos(a: _Armado) -> list[Flowable]:
    p = a.d["plan"]
    bloque = a.banda("9")
    bloque += a.sub(_("Instrumentos de registro del proceso y de los resultados"), indice=False)
    bloque.append(a.texto(p.get("instrumentos_registro")))
    bloque += a.sub(_("Mecanismos de control comunitario de la ejecución"), indice=False)
    bloque.append(a.texto(p.get("control_comunitario")))
    bloque += a.sub(_("Medio de verificación de cada actividad"), indice=False)
    if not a.detalle:
        return bloque + [aviso(_("El plan todavía no tiene actividades."))]
    anchos = [a.ancho * 0.08, a.ancho * 0.5, a.ancho * 0.42]
    filas: list[list[Any]] = [[_("Código"), _("Actividad"), _("Medio de verificación")]]
    for f in a.detalle:
        filas.append([f["codigo"], a.celda(("◆ " if f.get("hito") else "") + f["nombre"], anchos[1]),
                      a.celda(f.get("medio_verificacion"), anchos[2])])
    return bloque + [_tabla(filas, anchos)]


# ----------------------------------------------------------------------------------------------- 10. firmas
def _bloque_firma(a: _Armado, f: dict, ancho: float) -> Table:
    es = a.es
    rol = ParagraphStyle("firma_rol", es.pequeno, fontName=e.LETRA_NEGRITA, textColor=e.color(e.AZUL_INSTITUCIONAL))
    centro = ParagraphStyle("firma_centro", es.pequeno, alignment=TA_CENTER)
    fecha = _fecha(f.get("fecha"))
    if fecha:
        cuando = Paragraph(e.texto(_("Firmó el {fecha}").format(fecha=formato.fecha(fecha))), centro)
    else:
        cuando = Paragraph(e.texto(_("Fecha: ____ / ____ / ________")), centro)
    requerida = "" if f.get("requerida", True) else " " + _("(no requerida)")
    filas = [
        [Paragraph(e.texto(f.get("rol_texto") or f.get("rol", "")) + e.texto(requerida), rol)],
        [Spacer(1, 16 * mm)],
        [e.parrafo(f.get("nombre") or _("Nombre: ______________________"), es.firma_nombre)],
        [e.parrafo(f.get("cargo") or "", es.firma_cargo)],
        [cuando],
    ]
    t = Table(filas, colWidths=[ancho])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), e.LETRA, 7.3), ("BOX", (0, 0), (-1, -1), 0.6, e.color(e.BORDE)),
        ("BACKGROUND", (0, 0), (-1, 0), e.color(e.FONDO)), ("LINEBELOW", (0, 0), (-1, 0), 0.4, e.color(e.BORDE)),
        ("LINEBELOW", (0, 1), (-1, 1), 0.8, e.color(e.TEXTO)),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return t


def _firmantes_a_registrar(d: dict) -> list[dict]:
    """Los que sancionan un plan (000, cuarta etapa) cuando la revisión todavía no tiene firmantes cargados."""
    from nucleo.modelo.sancion import ROLES_FIRMANTE

    filas = [{"rol": rol, "rol_texto": traducir(ROLES_FIRMANTE[rol]), "nombre": "", "cargo": "", "fecha": None,
              "requerida": True} for rol in ("intendente", "concejo", "gobernador", "junta")]
    filas[0]["nombre"] = d.get("municipio", {}).get("intendente", "")
    filas[0]["cargo"] = traducir(ROLES_FIRMANTE["intendente"])
    organizacion = d.get("territorio", {}).get("organizacion")
    if organizacion:
        filas.append({"rol": "organizacion", "rol_texto": traducir(ROLES_FIRMANTE["organizacion"]),
                      "nombre": organizacion, "cargo": "", "fecha": None, "requerida": True})
    return filas


def _firmas(a: _Armado, huella: str, borrador: bool) -> list[Flowable]:
    es = a.es
    p = a.d["plan"]
    bloque: list[Flowable] = [PageBreak()] + a.banda("10")[1:]
    firmantes = a.d.get("firmantes") or _firmantes_a_registrar(a.d)
    firmadas = [_fecha(f.get("fecha")) for f in firmantes if f.get("requerida", True)]
    sancionado_en = _fecha(a.sancion["sancionado_en"]) if a.sancion else None
    if sancionado_en is None and p.get("estado") not in ESTADOS_BORRADOR and firmadas and all(firmadas):
        sancionado_en = max(firmadas)  # the live plan of a sanctioned revision: the date of its last signature
    if sancionado_en is not None:
        intro = _("El Plan de Acción «{titulo}», revisión {revision}, fue sancionado el {fecha} por:").format(
            titulo=p.get("titulo", ""), revision=formato.entero(p.get("revision")),
            fecha=formato.fecha_larga(sancionado_en))
    else:
        intro = _("Sancionan el Plan de Acción «{titulo}», revisión {revision}, el Intendente Municipal y el Concejo "
                  "Municipal, el Gobernador/a y la Junta Departamental, y las organizaciones de la comunidad:").format(
            titulo=p.get("titulo", ""), revision=formato.entero(p.get("revision")))
    bloque += [e.parrafo(intro, es.normal), Spacer(1, 4 * mm)]
    if not a.d.get("firmantes"):
        bloque += [aviso(_("Todavía no se registraron los firmantes de esta revisión (pestaña «Sanción» del plan): "
                           "van los que la sancionan según el Modelo de Gestión.")), Spacer(1, 3 * mm)]
    hueco = 8 * mm
    ancho = (a.ancho - hueco) / 2
    pares = [firmantes[k:k + 2] for k in range(0, len(firmantes), 2)]
    for par in pares:
        celdas: list[Any] = [_bloque_firma(a, par[0], ancho), ""]
        celdas.append(_bloque_firma(a, par[1], ancho) if len(par) > 1 else "")
        t = Table([celdas], colWidths=[ancho, hueco, ancho])
        t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), e.LETRA, 7.3), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        bloque += [t, Spacer(1, 5 * mm)]
    bloque.append(KeepTogether(_verificacion(a, huella, borrador)))
    return bloque


def _verificacion(a: _Armado, huella: str, borrador: bool) -> list[Flowable]:
    """El QR con el código de verificación y cómo usarlo (la última hoja)."""
    es = a.es
    p = a.d["plan"]
    codigo = codigo_verificacion(p["id"], p["revision"], huella)
    lado = 32 * mm
    if borrador:
        explica = _("Este impreso es un borrador y no tiene validez: no figura en el registro de documentos "
                    "emitidos. El documento oficial es la revisión sancionada impresa desde Articula.")
    elif a.sancion:
        explica = _("Para comprobar que este PDF es el emitido, ábralo en Articula (Herramientas › Verificar "
                    "documento…) o ejecute «articula verificar EXPEDIENTE ARCHIVO.pdf»: la comprobación compara el "
                    "archivo con el registro de documentos emitidos del expediente, no con lo que dice el papel.")
    else:
        explica = _("Impreso del plan vivo (seguimiento al {fecha}): no es una revisión sancionada y no figura en el "
                    "registro de documentos emitidos.").format(fecha=formato.fecha(a.hoy))
    chico = ParagraphStyle("qr_codigo", es.nota, fontName=e.LETRA, fontSize=6.3, leading=8)
    texto = [e.parrafo(_("Verificación"), es.subseccion), Spacer(1, 1.5 * mm),
             e.parrafo(_("Código de verificación:"), es.nota), e.parrafo(codigo, chico), Spacer(1, 1.5 * mm),
             e.parrafo(_("Huella SHA-256 del contenido: {huella}").format(huella=huella), chico),
             Spacer(1, 2 * mm), e.parrafo(explica, es.pequeno)]
    t = Table([[e.codigo_qr(codigo, lado), texto]], colWidths=[lado + 6 * mm, a.ancho - lado - 6 * mm])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), e.LETRA, 7.3), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BOX", (0, 0), (-1, -1), 0.6, e.color(e.BORDE)),
                           ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                           ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return [Spacer(1, 4 * mm), t]


# ------------------------------------------------------------------------------------------------- impreso
def huella_corta(huella: str) -> str:
    return huella[:LARGO_HUELLA_CORTA]


def documento_de(d: dict, membrete: e.Membrete, papel: str, hoy: date, huella: str, borrador: bool) -> e.Documento:
    p, t = d["plan"], d["territorio"]
    revision = formato.entero(p.get("revision"))
    pie = _("Plan n.º {id} «{titulo}» · revisión {revision} · huella {huella}").format(
        id=formato.entero(p["id"]), titulo=p.get("titulo", ""), revision=revision, huella=huella_corta(huella))
    return e.Documento(
        titulo=p.get("titulo") or _("Plan de Acción"), membrete=membrete, emitido=hoy,
        subtitulo=_("Plan de Acción del territorio {territorio}").format(territorio=t.get("nombre", "")),
        revision=revision, tamano=papel if papel in e.TAMANOS else "", asunto=asunto_pdf(p["id"], p["revision"]),
        marca_agua=traducir(MARCA_BORRADOR) if borrador else "" if d.get("sancion") else traducir(MARCA_COPIA),
        huella=pie)


def historia_de(d: dict, documento: e.Documento, hoy: date, huella: str, borrador: bool,
                sancion: dict | None = None) -> list[Flowable]:
    a = _Armado(d, documento, hoy, sancion)
    historia = _portada(a, documento.membrete, borrador) + _indice(a)
    historia += _territorio(a) + _diagnostico(a) + _oportunidades(a) + _resultados(a) + _actividades(a)
    historia += _cronograma(a) + _presupuesto(a) + _riesgos(a) + _instrumentos(a) + _firmas(a, huella, borrador)
    return historia


def dibujar_plan(d: dict, destino: Path, membrete: e.Membrete, papel: str = "", *, hoy: date,
                 borrador: bool | None = None, huella: str | None = None, invariante: bool = False,
                 progreso: e.Progreso | None = None) -> Path:
    """El PDF del plan a partir de su instantánea `d` (la de ahora, o la congelada de una revisión).

    `papel` «A4» u «oficio» ("" = el del membrete); `borrador` None = según el estado guardado en la instantánea;
    `huella` la de la revisión congelada (si no, se calcula de `d`). Una revisión congelada trae `d["sancion"]`.
    """
    from nucleo.servicios.instantanea import huella as huella_de

    huella = huella or huella_de(d)
    if borrador is None:
        borrador = d["plan"].get("estado") in ESTADOS_BORRADOR
    sancion = d.get("sancion") if not borrador else None
    documento = documento_de(d, membrete, papel, hoy, huella, borrador)
    historia = historia_de(d, documento, hoy, huella, borrador, sancion)
    return e.construir(destino, documento, historia, invariante=invariante, progreso=progreso,
                       paginas_estimadas=10 + len(d.get("actividades", [])) // 12, girada=True, indice=True)


def imprimir(sesion: Session, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str, hoy: date, *,
             id: int | None = None, invariante: bool = False, progreso=None, revision: int | None = None) -> Path:
    """Entrada de `documentos.exportar_pdf`: el Plan de Acción `id` completo.

    Sin `revision`, el plan como está hoy (con la marca de borrador si está en borrador o en revisión); con
    `revision`, esa revisión sancionada tal como se congeló, sin marca, y el PDF queda registrado como emitido.
    """
    from nucleo.servicios.instantanea import instantanea_plan
    from nucleo.servicios.plan import exigir_plan
    from nucleo.servicios.sancion import revision_congelada

    exigir_plan(sesion, municipio_id, id)
    if revision is None:
        d = instantanea_plan(sesion, id, hoy)
        return dibujar_plan(d, destino, membrete, hoy=hoy, invariante=invariante, progreso=progreso)
    d, fila = revision_congelada(sesion, id, revision)
    # sancionar() stores it in the snapshot; without it the sheets would carry the «copia de trabajo» mark.
    d.setdefault("sancion", {"numero": fila.numero, "sancionado_en": fila.sancionado_en.isoformat()})
    huella = fila.huella
    ruta = dibujar_plan(d, destino, membrete, hoy=hoy, borrador=False, huella=huella, invariante=invariante,
                        progreso=progreso)
    from nucleo.servicios.verificacion import registrar_emision

    descripcion = _("Plan de Acción «{titulo}», revisión {revision}").format(
        titulo=d["plan"].get("titulo", ""), revision=revision)
    registrar_emision(sesion, municipio_id, "plan", id, revision, huella, ruta, descripcion)
    # The caller's session is a plain one (exportar_pdf reads with it): the register must outlive it.
    sesion.commit()
    return ruta
