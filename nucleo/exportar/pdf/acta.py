"""El acta impresa de una sesión de mesa: el documento que la Secretaría lee, hace aprobar y firman los presentes.

A4 vertical. Título «ACTA N.º 3/2026» con la mesa y el tipo de sesión; un cuadro con mesa, lugar, fecha y horas;
el párrafo de apertura de las actas («En la ciudad de Villeta, a los dieciocho días del mes de noviembre de 2026,
siendo las 9:05 horas, se reúnen…»); la asistencia (presentes, con quién reemplaza a quién; ausentes con aviso;
ausentes; invitados), la constancia del quórum, el orden del día, lo tratado en cada punto, los acuerdos numerados
(responsable, plazo, votación), las observaciones, el párrafo de cierre con la hora y una línea de firma por cada
presente (nombre y rol debajo; un renglón de firmas nunca se parte entre dos hojas).

El contenido es el `ContenidoActa` de `servicios.actas.contenido_acta` (para un acta firmada, el que se congeló al
firmar). Un borrador lleva la marca de agua «BORRADOR»; un acta firmada, «Firmada el …» y la huella SHA-256 de su
contenido sobre el pie de cada hoja, así una hoja suelta dice qué se firmó.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.exportar.pdf import estilo as e
from nucleo.i18n import _, n_, traducir
from nucleo.modelo.mesa import TIPOS_MESA, TIPOS_SESION

ALTO_FIRMA = 20 * mm  # room for a handwritten signature above each line
FIRMAS_POR_FILA = 3
BLANCO_HORA = "……"  # a time still to be written by hand on a draft

_NUMEROS = ("", "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
            "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte",
            "veintiún", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete",
            "veintiocho", "veintinueve", "treinta", "treinta y un")


# ------------------------------------------------------------------------------------------ datos sueltos
def a_fecha(valor: Any) -> date | None:
    """Una fecha del contenido: `date`, o texto ISO (así vuelve del JSON de un acta firmada)."""
    if valor is None or valor == "":
        return None
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    return date.fromisoformat(str(valor)[:10])


def a_hora(valor: Any) -> time | None:
    if valor is None or valor == "":
        return None
    if isinstance(valor, datetime):
        return valor.time()
    if isinstance(valor, time):
        return valor
    return time.fromisoformat(str(valor))


def hora_texto(valor: Any) -> str:
    """«9:05»: como se escribe la hora en un acta (sin el cero de adelante)."""
    h = a_hora(valor)
    return f"{h.hour}:{h.minute:02d}" if h else ""


def dias_en_letras(d: date) -> str:
    """«a los dieciocho días del mes de noviembre de 2026» (el primero: «al primer día del mes…»)."""
    mes = formato.fecha_patron(d, "MMMM")
    if d.day == 1:
        return _("al primer día del mes de {mes} de {anio}").format(mes=mes, anio=d.year)
    return _("a los {dias} días del mes de {mes} de {anio}").format(dias=_NUMEROS[d.day], mes=mes, anio=d.year)


def de_la(nombre: str) -> str:
    """«de la Mesa…», «del Consejo…»: la preposición con el artículo que pide el nombre de la mesa."""
    primera = (nombre.split() or [""])[0].lower()
    if primera in ("consejo", "concejo", "comité", "comite", "grupo", "equipo", "foro", "directorio"):
        return _("del {nombre}").format(nombre=nombre)
    if primera in ("mesa", "asamblea", "reunión", "reunion", "comisión", "comision", "coordinadora", "red"):
        return _("de la {nombre}").format(nombre=nombre)
    return _("de {nombre}").format(nombre=nombre)


def etiqueta_de(valor: str, etiquetas: dict[str, str]) -> str:
    # The content may carry a key («ordinaria») or its label already («Ordinaria»).
    return traducir(etiquetas.get(valor, valor)) if valor else ""


def _campo(fila: Any, nombre: str, defecto: Any = "") -> Any:
    valor = fila.get(nombre, defecto) if isinstance(fila, dict) else getattr(fila, nombre, defecto)
    return defecto if valor is None else valor


def _cargo_e_institucion(fila: Any) -> str:
    return ", ".join(x for x in (_campo(fila, "cargo"), _campo(fila, "institucion")) if x)


# --------------------------------------------------------------------------------------------- estilos
class _Estilos:
    """Letra algo mayor que la de las tablas: un acta se lee en voz alta y se firma."""

    def __init__(self) -> None:
        es = e.estilos()
        self.titulo = ParagraphStyle("acta_titulo", es.titulo, fontSize=16, leading=20, alignment=TA_CENTER,
                                     spaceAfter=2)
        self.mesa = ParagraphStyle("acta_mesa", es.normal, fontName=e.LETRA_NEGRITA, fontSize=11, leading=14,
                                   alignment=TA_CENTER)
        self.tipo = ParagraphStyle("acta_tipo", es.subtitulo, alignment=TA_CENTER)
        self.aviso = ParagraphStyle("acta_aviso", es.nota, alignment=TA_CENTER, fontSize=7.5, leading=10)
        self.alerta = ParagraphStyle("acta_alerta", self.aviso, textColor=e.color("#c62828"),
                                     fontName=e.LETRA_NEGRITA)
        self.cuerpo = ParagraphStyle("acta_cuerpo", es.normal, fontSize=9.5, leading=13.5, alignment=TA_JUSTIFY,
                                     spaceAfter=5)
        self.punto = ParagraphStyle("acta_punto", self.cuerpo, fontName=e.LETRA_NEGRITA, spaceBefore=4,
                                    spaceAfter=2, alignment=0, keepWithNext=True, leftIndent=6 * mm,
                                    firstLineIndent=-6 * mm)
        self.desarrollo = ParagraphStyle("acta_desarrollo", self.cuerpo, leftIndent=6 * mm)
        self.sin_texto = ParagraphStyle("acta_sin_texto", self.desarrollo, fontName=e.LETRA_CURSIVA,
                                        textColor=e.color(e.TEXTO_SECUNDARIO))
        self.orden = ParagraphStyle("acta_orden", self.cuerpo, spaceAfter=2, alignment=0, leftIndent=6 * mm,
                                    firstLineIndent=-6 * mm)
        self.quorum = ParagraphStyle("acta_quorum", self.cuerpo, fontName=e.LETRA_NEGRITA, fontSize=10,
                                     leading=13.5, spaceAfter=0, alignment=0)
        self.etiqueta = ParagraphStyle("acta_etiqueta", es.normal, fontName=e.LETRA_NEGRITA,
                                       textColor=e.color(e.AZUL_INSTITUCIONAL))
        self.valor = ParagraphStyle("acta_valor", es.normal, fontSize=9, leading=11.5)
        self.celda = ParagraphStyle("acta_celda", es.celda, fontSize=8, leading=10)
        self.celda_nota = ParagraphStyle("acta_celda_nota", self.celda, textColor=e.color(e.TEXTO_SECUNDARIO),
                                         fontName=e.LETRA_CURSIVA)
        self.encabezado = ParagraphStyle("acta_encabezado", es.encabezado, fontSize=7.8, leading=10)


def _seccion(titulo: str, ancho: float) -> list[Flowable]:
    # A heading never stays alone at the foot of a sheet: with less than this room left it starts the next one.
    return [CondPageBreak(28 * mm), Spacer(1, 3.5 * mm), e.subtitulo_seccion(titulo, ancho), Spacer(1, 2 * mm)]


def cuadro_datos(pares: Sequence[tuple[str, str]], ancho: float, es: _Estilos) -> Table:
    """Etiquetas y valores en dos columnas de pares, dentro de un recuadro gris claro."""
    celdas = [[Paragraph(e.texto(et), es.etiqueta), Paragraph(e.texto(v) or "—", es.valor)] for et, v in pares]
    filas = []
    for i in range(0, len(celdas), 2):
        fila = celdas[i] + (celdas[i + 1] if i + 1 < len(celdas) else ["", ""])
        filas.append(fila)
    anchos = [ancho * 0.14, ancho * 0.36, ancho * 0.14, ancho * 0.36]
    t = Table(filas, colWidths=anchos)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), e.LETRA, 8.5, 11),
        ("BACKGROUND", (0, 0), (-1, -1), e.color(e.FONDO)),
        ("BOX", (0, 0), (-1, -1), 0.6, e.color(e.BORDE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]))
    return t


def tabla_personas(encabezados: Sequence[str], filas: Sequence[Sequence[str]], proporciones: Sequence[float],
                   ancho: float, es: _Estilos) -> Table:
    cuerpo = [[Paragraph(e.texto(h), es.encabezado) for h in encabezados]]
    for fila in filas:
        cuerpo.append([Paragraph(e.texto(v), es.celda) for v in fila])
    return e.tabla(cuerpo, [ancho * p for p in proporciones])


def renglones_de_firma(firmantes: Sequence[tuple[str, str]], ancho: float, por_fila: int = FIRMAS_POR_FILA,
                       alto_firma: float = ALTO_FIRMA) -> list[Table]:
    """Una tabla de `estilo.lineas_de_firma` por renglón, con líneas del mismo largo en todos (el último renglón,
    si está incompleto, va centrado).

    Cada renglón va en su propio `KeepTogether` (una firma nunca queda partida entre dos hojas), y el primero en
    el mismo que el texto de cierre: un `KeepTogether` dentro de otro forzaría en reportlab un salto de hoja.
    """
    hueco = 10 * mm  # the gap `estilo.lineas_de_firma` leaves between two lines
    ancho_firma = (ancho - hueco * (por_fila - 1)) / por_fila
    bloques: list[Table] = []
    for inicio in range(0, len(firmantes), por_fila):
        grupo = list(firmantes[inicio:inicio + por_fila])
        ancho_grupo = ancho_firma * len(grupo) + hueco * (len(grupo) - 1)
        bloques.append(e.lineas_de_firma(grupo, ancho_grupo, por_fila=len(grupo), alto_firma=alto_firma))
    return bloques


# ------------------------------------------------------------------------------------------------ el acta
_PRIORIDAD_ROL = {"preside": 0, "secretaría": 1, "secretaria": 1}


def firmantes_del_acta(contenido: Any) -> list[tuple[str, str]]:
    """(nombre, debajo) de cada presente: quien preside y la Secretaría primero, después los miembros (con quién
    reemplazan) y al final los invitados."""
    salida = []
    presentes = sorted(_campo(contenido, "asistentes", []) or [],
                       key=lambda a: _PRIORIDAD_ROL.get(str(_campo(a, "rol_texto")).lower(), 2))
    for a in presentes:
        rol = _campo(a, "rol_texto") or _("Miembro")
        if _campo(a, "reemplaza_a"):
            rol = _("{rol}, en reemplazo de {titular}").format(rol=rol, titular=_campo(a, "reemplaza_a"))
        debajo = "\n".join(x for x in (rol, _cargo_e_institucion(a)) if x)
        salida.append((_campo(a, "nombre"), debajo))
    for i in _campo(contenido, "invitados", []) or []:
        debajo = "\n".join(x for x in (_("Invitado/a"), _cargo_e_institucion(i)) if x)
        salida.append((_campo(i, "nombre"), debajo))
    return salida


def _apertura(c: Any, ciudad: str, lugar_municipio: str) -> str:
    fecha = a_fecha(_campo(c, "fecha", None))
    cuando = dias_en_letras(fecha) if fecha else _("a los …… días del mes de …… de ……")
    lugar = _campo(c, "lugar")
    tipo = etiqueta_de(_campo(c, "sesion_tipo"), TIPOS_SESION).lower() or _("ordinaria")
    return _(
        "En la ciudad de {ciudad}, {lugar_municipio}, República del Paraguay, {cuando}, siendo las {hora} horas, "
        "se reúnen{en_lugar} los miembros {de_la_mesa} en sesión {tipo}, con la asistencia que se registra a "
        "continuación, a fin de tratar el orden del día establecido en la convocatoria."
    ).format(ciudad=ciudad, lugar_municipio=lugar_municipio, cuando=cuando,
             hora=hora_texto(_campo(c, "hora_inicio", None)) or BLANCO_HORA,
             en_lugar=_(" en {lugar},").format(lugar=lugar) if lugar else "",
             de_la_mesa=de_la(_campo(c, "mesa")), tipo=tipo)


def _cierre(c: Any) -> str:
    return _(
        "No habiendo más asuntos que tratar, se da por finalizada la sesión siendo las {hora} horas, y se labra la "
        "presente acta que, leída y ratificada, firman al pie las personas presentes en señal de conformidad."
    ).format(hora=hora_texto(_campo(c, "hora_fin", None)) or BLANCO_HORA)


def _asistencia(c: Any, ancho: float, es: _Estilos) -> list[Flowable]:
    salida: list[Flowable] = []
    presentes = list(_campo(c, "asistentes", []) or [])
    if presentes:
        filas = []
        for n, a in enumerate(presentes, start=1):
            nota = _("En reemplazo de {titular}").format(titular=_campo(a, "reemplaza_a")) \
                if _campo(a, "reemplaza_a") else ""
            filas.append([formato.entero(n), _campo(a, "nombre"), _cargo_e_institucion(a),
                          _campo(a, "rol_texto"), nota])
        salida.append(Paragraph(e.texto(_("Presentes ({n}):").format(n=formato.entero(len(presentes)))),
                                es.etiqueta))
        salida.append(Spacer(1, 1.2 * mm))
        salida.append(tabla_personas([_("N.º"), _("Nombre"), _("Cargo e institución"), _("Rol"), _("Observación")],
                                     filas, (0.06, 0.27, 0.33, 0.13, 0.21), ancho, es))
    else:
        salida.append(Paragraph(e.texto(_("No se registraron miembros presentes.")), es.sin_texto))
    ausentes = list(_campo(c, "ausentes", []) or [])
    con_aviso = [a for a in ausentes if "aviso" in str(_campo(a, "estado_texto")).lower()
                 or _campo(a, "estado") == "justificado"]
    sin_aviso = [a for a in ausentes if a not in con_aviso]
    for titulo, grupo in ((_("Ausentes con aviso"), con_aviso), (_("Ausentes"), sin_aviso)):
        if not grupo:
            continue
        nombres = "; ".join(
            _campo(a, "nombre") + (f" ({_cargo_e_institucion(a)})" if _cargo_e_institucion(a) else "")
            for a in grupo)
        salida.append(Spacer(1, 2 * mm))
        salida.append(Paragraph(f"<b>{e.texto(titulo)}:</b> {e.texto(nombres)}.", es.cuerpo))
    invitados = list(_campo(c, "invitados", []) or [])
    if invitados:
        salida.append(Spacer(1, 2 * mm))
        salida.append(Paragraph(e.texto(_("Invitados ({n}), sin voto:").format(n=formato.entero(len(invitados)))),
                                es.etiqueta))
        salida.append(Spacer(1, 1.2 * mm))
        filas = [[formato.entero(n), _campo(i, "nombre"), _campo(i, "cargo"), _campo(i, "institucion")]
                 for n, i in enumerate(invitados, start=1)]
        salida.append(tabla_personas([_("N.º"), _("Nombre"), _("Cargo"), _("Institución")], filas,
                                     (0.06, 0.32, 0.27, 0.35), ancho, es))
    return salida


def _quorum(c: Any, ancho: float, es: _Estilos) -> Table:
    texto_q = _campo(c, "quorum_texto") or _("Quórum no registrado.")
    hay = texto_q.lower().startswith(_("hay quórum").lower())
    t = Table([[Paragraph(e.texto(_("Verificada la asistencia, la Secretaría deja constancia: {texto}").format(
        texto=texto_q)), es.quorum)]], colWidths=[ancho])
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), e.LETRA, 9, 12),
        ("BOX", (0, 0), (-1, -1), 0.8, e.color(e.COLORES_SEMAFORO["al_dia"] if hay else "#c62828")),
        ("LINEBEFORE", (0, 0), (0, -1), 3.5, e.color(e.COLORES_SEMAFORO["al_dia"] if hay else "#c62828")),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return t


def _votos(acuerdo: Any) -> str:
    return _campo(acuerdo, "votos") or _("Por consenso")


def _acuerdos(c: Any, ancho: float, es: _Estilos) -> list[Flowable]:
    acuerdos = list(_campo(c, "acuerdos", []) or [])
    if not acuerdos:
        return [Paragraph(e.texto(_("No se tomaron acuerdos en esta sesión.")), es.sin_texto)]
    filas = []
    for n, a in enumerate(acuerdos, start=1):
        plazo = a_fecha(_campo(a, "plazo", None))
        filas.append([_("{n}.º").format(n=_campo(a, "orden") or n), _campo(a, "texto"),
                      _campo(a, "responsable") or "—", formato.fecha(plazo) if plazo else _("Sin plazo"),
                      _votos(a)])
    return [tabla_personas([_("N.º"), _("Acuerdo"), _("Responsable"), _("Plazo"), _("Votación")], filas,
                           (0.06, 0.46, 0.19, 0.11, 0.18), ancho, es)]


def historia_acta(c: Any, ancho: float, ciudad: str, lugar_municipio: str, avisos: Sequence[str] = (),
                  alertas: Sequence[str] = ()) -> list[Flowable]:
    es = _Estilos()
    numero = _campo(c, "numero_texto") or _("Acta")
    historia: list[Flowable] = [Paragraph(e.texto(numero.upper()), es.titulo),
                                Paragraph(e.texto(_campo(c, "mesa")), es.mesa)]
    tipo_mesa = etiqueta_de(_campo(c, "mesa_tipo"), TIPOS_MESA)
    tipo_sesion = etiqueta_de(_campo(c, "sesion_tipo"), TIPOS_SESION)
    linea = " · ".join(x for x in (tipo_mesa, _("Sesión {tipo}").format(tipo=tipo_sesion.lower())
                                   if tipo_sesion else "") if x)
    if linea:
        historia.append(Paragraph(e.texto(linea), es.tipo))
    if _campo(c, "corrige_a"):
        historia.append(Spacer(1, 1.5 * mm))
        historia.append(Paragraph(e.texto(_("Esta acta corrige el {acta}, que queda reemplazada en lo que aquí se "
                                            "rectifica.").format(acta=_campo(c, "corrige_a"))), es.aviso))
    for aviso in avisos:
        historia += [Spacer(1, 1.5 * mm), Paragraph(e.texto(aviso), es.aviso)]
    for alerta in alertas:
        historia += [Spacer(1, 1.5 * mm), Paragraph(e.texto(alerta), es.alerta)]
    historia.append(Spacer(1, 4 * mm))

    fecha = a_fecha(_campo(c, "fecha", None))
    historia.append(cuadro_datos([
        (_("Mesa"), _campo(c, "mesa")), (_("Fecha"), formato.fecha_completa(fecha) if fecha else ""),
        (_("Sesión"), tipo_sesion), (_("Inicio"), (_("{hora} horas").format(hora=hora_texto(
            _campo(c, "hora_inicio", None)))) if _campo(c, "hora_inicio", None) else ""),
        (_("Lugar"), _campo(c, "lugar")), (_("Cierre"), (_("{hora} horas").format(hora=hora_texto(
            _campo(c, "hora_fin", None)))) if _campo(c, "hora_fin", None) else ""),
    ], ancho, es))
    historia.append(Spacer(1, 4 * mm))
    historia.append(Paragraph(e.texto(_apertura(c, ciudad, lugar_municipio)), es.cuerpo))

    historia += _seccion(_("Asistencia"), ancho)
    historia += _asistencia(c, ancho, es)
    historia += _seccion(_("Quórum"), ancho)
    historia.append(_quorum(c, ancho, es))

    puntos = list(_campo(c, "puntos", []) or [])
    historia += _seccion(_("Orden del día"), ancho)
    if not puntos:
        historia.append(Paragraph(e.texto(_("La sesión no tuvo orden del día.")), es.sin_texto))
    for n, p in enumerate(puntos, start=1):
        expositor = _campo(p, "expositor")
        texto = f"{_campo(p, 'orden') or n}. {e.texto(_campo(p, 'titulo'))}"
        if expositor:
            texto += " " + e.texto(_("(expone: {quien})").format(quien=expositor))
        historia.append(Paragraph(texto, es.orden))

    if puntos:
        historia += _seccion(_("Desarrollo de la sesión"), ancho)
        for n, p in enumerate(puntos, start=1):
            historia.append(Paragraph(f"{_campo(p, 'orden') or n}. {e.texto(_campo(p, 'titulo'))}", es.punto))
            desarrollo = str(_campo(p, "desarrollo")).strip()
            if desarrollo:
                historia.append(Paragraph(e.texto(desarrollo), es.desarrollo))
            else:
                historia.append(Paragraph(e.texto(_("Sin anotaciones sobre este punto.")), es.sin_texto))
            orden = _campo(p, "orden") or n
            propios = [str(_campo(a, "orden") or i) for i, a in enumerate(_campo(c, "acuerdos", []) or [], start=1)
                       if _campo(a, "punto", None) == orden]
            if propios:
                historia.append(Paragraph(e.texto(n_("Se tomó el acuerdo N.º {lista}.", "Se tomaron los acuerdos "
                                                     "N.º {lista}.", len(propios)).format(
                    lista=", ".join(propios))), es.desarrollo))

    historia += _seccion(_("Acuerdos"), ancho)
    historia += _acuerdos(c, ancho, es)

    observaciones = str(_campo(c, "observaciones")).strip()
    if observaciones:
        historia += _seccion(_("Observaciones"), ancho)
        historia.append(Paragraph(e.texto(observaciones), es.cuerpo))

    # The closing words stay with the first row of signatures: a signature page never starts bare.
    cierre: list[Flowable] = [Spacer(1, 5 * mm), Paragraph(e.texto(_cierre(c)), es.cuerpo), Spacer(1, 3 * mm)]
    renglones = renglones_de_firma(firmantes_del_acta(c), ancho)
    historia.append(KeepTogether(cierre + renglones[:1]))
    historia += [KeepTogether([r]) for r in renglones[1:]]
    return historia


def huella_texto(contenido: Any) -> str:
    """«Firmada el 20/11/2026 · Huella SHA-256 del contenido firmado: …», o "" si el acta no está firmada."""
    huella = _campo(contenido, "hash_firma")
    if _campo(contenido, "estado") != "firmada" or not huella:
        return ""
    return _("Firmada el {fecha} · Huella SHA-256 del contenido firmado: {hash}").format(
        fecha=formato.fecha(a_fecha(_campo(contenido, "firmada_en", None))), hash=huella)


def dibujar_acta(contenido: Any, destino: Path, membrete: e.Membrete, hoy: date, *, invariante: bool = False,
                 progreso: Callable[[int, int], None] | None = None, alertas: Sequence[str] = (),
                 asunto: str = "") -> Path:
    """Arma el PDF del acta desde su contenido (un `ContenidoActa` o cualquier objeto con esos campos).
    `asunto`: el /Subject del PDF (el de un acta firmada la identifica al verificarla)."""
    estado = _campo(contenido, "estado") or "borrador"
    avisos = []
    if estado == "borrador":
        avisos.append(_("Borrador para revisión de la mesa: sin valor hasta su aprobación y firma."))
    elif estado == "aprobada":
        aprobada = a_fecha(_campo(contenido, "aprobada_en", None))
        avisos.append(_("Aprobada por la mesa el {fecha}; pendiente de firma.").format(fecha=formato.fecha(aprobada))
                      if aprobada else _("Aprobada por la mesa; pendiente de firma."))
    numero = _campo(contenido, "numero_texto") or _("Acta")
    documento = e.Documento(
        numero, membrete, hoy, subtitulo=_campo(contenido, "mesa"),
        asunto=asunto or _("{acta} · {mesa}").format(acta=numero, mesa=_campo(contenido, "mesa")),
        marca_agua=_("BORRADOR") if estado == "borrador" else "", huella=huella_texto(contenido))
    ciudad = _campo(contenido, "municipio") or membrete.municipio
    historia = historia_acta(contenido, documento.ancho_util, ciudad, membrete.lugar, avisos, alertas)
    return e.construir(destino, documento, historia, invariante=invariante, progreso=progreso)


def imprimir(sesion: Session, municipio_id: int, destino: Path, membrete: e.Membrete, vista: str | None,
             hoy: date, *, id: int | None = None, invariante: bool = False,
             progreso: Callable[[int, int], None] | None = None) -> Path:
    exigir_acta(sesion, municipio_id, id)
    from nucleo.servicios import actas

    contenido = actas.contenido_acta(sesion, id)
    alertas = []
    firmada = _campo(contenido, "estado") == "firmada"
    integra = firmada and actas.verificar_acta(sesion, id)
    if firmada and not integra:
        alertas.append(_("Atención: el contenido guardado no coincide con la huella registrada al firmar."))
    ruta = dibujar_acta(contenido, destino, membrete, hoy, invariante=invariante, progreso=progreso,
                        alertas=alertas, asunto=f"articula:acta:{id}" if firmada else "")
    if integra and not (sesion.info or {}).get("solo_lectura"):
        # A signed acta is a verifiable document: register the exact file. The window prints with a plain
        # session that is never committed, so the register is saved here (as the plan's printout does).
        from nucleo.servicios.verificacion import registrar_emision

        registrar_emision(sesion, municipio_id, "acta", id, None, _campo(contenido, "hash_firma"), ruta,
                          descripcion=_campo(contenido, "numero_texto"))
        sesion.commit()
    return ruta


def exigir_acta(sesion: Session, municipio_id: int, acta_id: int | None) -> None:
    """ErrorDeUsuario si el acta no existe en este expediente."""
    from nucleo.errores import ErrorDeUsuario
    from nucleo.modelo.mesa import Acta

    a = sesion.get(Acta, acta_id) if acta_id is not None else None
    if a is None or a.municipio_id != municipio_id:
        raise ErrorDeUsuario(_("No se encontró el acta n.º {ident} en este expediente.").format(ident=acta_id),
                             campo="id")


def buscar_acta(sesion: Session, municipio_id: int, mesa: str, numero: int, anio: int) -> int:
    """El id del acta N.º numero/anio de la mesa (por su número o su nombre, sin importar tildes ni mayúsculas).

    ErrorDeUsuario con la lista de mesas, o de actas de la mesa, si no está.
    """
    from sqlalchemy import select

    from nucleo.errores import ErrorDeUsuario
    from nucleo.formato import sin_tildes as normalizar
    from nucleo.modelo.mesa import Mesa
    from nucleo.servicios import actas

    mesas = list(sesion.scalars(select(Mesa).where(Mesa.municipio_id == municipio_id).order_by(Mesa.id)))
    valor = str(mesa).strip()
    elegida = [m for m in mesas if str(m.id) == valor or normalizar(m.nombre) == normalizar(valor)]
    if not elegida:
        lista = "; ".join(f"{m.id} = {m.nombre}" for m in mesas) or _("(el expediente no tiene mesas)")
        raise ErrorDeUsuario(_("No hay una mesa «{valor}» en este expediente. Mesas: {lista}.").format(
            valor=valor, lista=lista), campo="mesa")
    m = elegida[0]
    acta_id = actas.buscar_acta(sesion, m.id, numero, anio)
    if acta_id is None:
        otras = [f"{a.numero}/{a.anio}" for a in sorted(actas.listar_actas(sesion, m.id),
                                                         key=lambda a: (a.anio, a.numero))]
        lista = ", ".join(otras) if otras else _("todavía no tiene ninguna")
        raise ErrorDeUsuario(_("La mesa «{mesa}» no tiene el acta N.º {numero}/{anio}. Sus actas: {lista}.").format(
            mesa=m.nombre, numero=numero, anio=anio, lista=lista), campo="numero")
    return acta_id
