"""Indicadores de los Planes de Acción en Excel: uno por fila, con el territorio (su plan), el código del resultado
que miden, la definición y sus mediciones.

Las mediciones van en la misma fila, en la columna «Mediciones» («30/06/2026: 90 (USF); 30/09/2026: 140»): la
maquinaria de esquemas escribe e importa una hoja por tabla, y una segunda hoja de mediciones no tendría cómo
referirse a su indicador sin un número interno. Así lo que se exporta vuelve igual (fecha, valor y fuente; la nota
de cada medición no viaja en la planilla).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.excel.esquema import Columna, Esquema, normalizar
from nucleo.i18n import N_, _
from nucleo.modelo import PlanAccion, Resultado, Territorio
from nucleo.modelo.plan import SENTIDOS, TIPOS_INDICADOR

SEPARADOR_MEDICIONES = "; "

_TIPOS_OTROS = {
    "normativo": "normativo", "reglamentario": "normativo", "normativos reglamentarios": "normativo",
    "de gestion": "gestion", "gestion": "gestion", "proceso": "gestion", "indicador proceso": "gestion",
    "indicador de proceso": "gestion", "de producto": "producto", "producto": "producto",
    "indicador de producto": "producto", "resultado": "producto",
    "evaluacion": "evaluacion", "seguimiento": "evaluacion", "de evaluacion": "evaluacion",
    "evaluacion y seguimiento": "evaluacion", "impacto": "evaluacion",
}
_SENTIDOS_OTROS = {"subir": "aumentar", "incrementar": "aumentar", "creciente": "aumentar", "mas": "aumentar",
                   "bajar": "disminuir", "reducir": "disminuir", "decreciente": "disminuir", "menos": "disminuir"}

COLUMNAS = (
    Columna(N_("Territorio"), "territorio_id", "referencia", referencia="territorio", obligatoria=True, ancho=24,
            ayuda=N_("Territorio cuyo Plan de Acción tiene el indicador, por su nombre."),
            sinonimos=(N_("Comunidad"), N_("Comunidad territorial"), N_("Barrio"), N_("Compañía"))),
    Columna(N_("Resultado"), "resultado", obligatoria=True, ancho=11,
            ayuda=N_("Código del resultado del plan que mide el indicador («R1», «R2»…). El resultado debe existir "
                     "en el plan."),
            sinonimos=(N_("Código del resultado"), N_("Resultado esperado"), N_("Meta"))),
    Columna(N_("Tipo"), "tipo", "opcion", opciones=TIPOS_INDICADOR, ancho=22, valores=_TIPOS_OTROS,
            ayuda=N_("Normativo / reglamentario, de gestión, de producto o de evaluación y seguimiento (tabla de "
                     "indicadores del documento 000)."),
            sinonimos=(N_("Tipo de indicador"), N_("Clase"))),
    Columna(N_("Indicador"), "nombre", obligatoria=True, ancho=44,
            ayuda=N_("Qué se mide, en una frase."),
            sinonimos=(N_("Nombre del indicador"), N_("Nombre"), N_("Descripción del indicador"))),
    Columna(N_("Unidad"), "unidad", ancho=12, ayuda=N_("Unidad de medida: hogares, km, %, casos…"),
            sinonimos=(N_("Unidad de medida"), N_("Medida"))),
    Columna(N_("Sentido"), "sentido", "opcion", opciones=SENTIDOS, ancho=11, valores=_SENTIDOS_OTROS,
            ayuda=N_("Aumentar o Disminuir: hacia dónde debe moverse el valor para cumplir la meta."),
            sinonimos=(N_("Dirección"), N_("Tendencia esperada"))),
    Columna(N_("Línea de base"), "base_valor", "decimal", ancho=12, formato="#,##0.###",
            ayuda=N_("Valor al comenzar (vacío si todavía no se midió)."),
            sinonimos=(N_("Base"), N_("Valor de base"), N_("Valor inicial"))),
    Columna(N_("Fecha de la base"), "base_fecha", "fecha", ancho=12,
            ayuda=N_("Cuándo se midió la línea de base."),
            sinonimos=(N_("Fecha de la línea de base"), N_("Fecha base"))),
    Columna(N_("Meta"), "meta_valor", "decimal", obligatoria=True, ancho=10, formato="#,##0.###",
            ayuda=N_("Valor que el indicador debe alcanzar."),
            sinonimos=(N_("Valor meta"), N_("Meta esperada"), N_("Valor esperado"))),
    Columna(N_("Fecha de la meta"), "meta_fecha", "fecha", obligatoria=True, ancho=12,
            ayuda=N_("Para cuándo debe alcanzarse la meta."),
            sinonimos=(N_("Plazo"), N_("Fecha meta"), N_("Fecha límite"))),
    Columna(N_("Medio de verificación"), "medio_verificacion", ancho=30,
            ayuda=N_("Dónde se comprueba el valor: registro, acta, informe…"),
            sinonimos=(N_("Medios de verificación"), N_("Fuente de verificación"), N_("Verificación"))),
    Columna(N_("Mediciones"), "mediciones", ancho=44,
            ayuda=N_("Valores medidos, separados por «;»: fecha, dos puntos, valor y, si se quiere, la fuente "
                     "entre paréntesis. Por ejemplo: 30/06/2026: 90 (USF); 30/09/2026: 140."),
            sinonimos=(N_("Valores medidos"), N_("Seguimiento"), N_("Avance"))),
)


def _sin_separadores(texto: str) -> str:
    # The source goes between parentheses inside a «;» list: those characters would break it on the way back.
    texto = re.sub(r"\s*;\s*", ", ", texto).replace("(", " ").replace(")", " ")
    return " ".join(texto.split()).strip(" ,")


def texto_mediciones(filas) -> str | None:
    """«30/06/2026: 90 (USF); 30/09/2026: 140» de las `FilaMedicion` del indicador."""
    partes = []
    for m in filas:
        parte = f"{m.fecha_texto}: {m.valor_texto}"
        fuente = _sin_separadores(m.fuente)
        partes.append(f"{parte} ({fuente})" if fuente else parte)
    return SEPARADOR_MEDICIONES.join(partes) or None


_MEDICION = re.compile(r"^(?P<fecha>[^:=]+?)\s*[:=]\s*(?P<valor>[^()]+?)\s*(?:\((?P<fuente>[^()]*)\))?$")


def leer_mediciones(texto: str | None) -> list[Any]:
    """Las `DatosMedicion` de la celda; ValueError con un mensaje en español si una parte no se entiende."""
    from nucleo.servicios.indicadores import DatosMedicion

    salida = []
    for parte in (p.strip() for p in (texto or "").split(";")):
        if not parte:
            continue
        m = _MEDICION.match(parte)
        if m is None:
            raise ValueError(_("No se entiende la medición «{parte}»: escríbala como fecha, dos puntos y valor, "
                               "por ejemplo 30/06/2026: 90 (USF).").format(parte=parte))
        try:
            fecha = formato.leer_fecha(m["fecha"])
            valor = formato.leer_numero(m["valor"])
        except ValueError as exc:
            raise ValueError(_("Medición «{parte}»: {error}").format(parte=parte, error=exc)) from None
        salida.append(DatosMedicion(fecha=fecha, valor=float(valor), fuente=(m["fuente"] or "").strip()))
    return salida


def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    """Los indicadores de todos los planes, por territorio y, dentro de cada plan, por resultado."""
    from nucleo.servicios.indicadores import listar_indicadores, mediciones

    planes = s.execute(select(PlanAccion.id, Territorio.nombre)
                       .join(Territorio, Territorio.id == PlanAccion.territorio_id)
                       .where(PlanAccion.municipio_id == municipio_id)).all()
    salida = []
    for plan_id, territorio in sorted(planes, key=lambda p: (p[1].casefold(), p[0])):
        for f in listar_indicadores(s, plan_id):
            salida.append({
                "territorio_id": territorio, "resultado": f.resultado_codigo, "tipo": f.tipo, "nombre": f.nombre,
                "unidad": f.unidad, "sentido": f.sentido, "base_valor": f.base_valor, "base_fecha": f.base_fecha,
                "meta_valor": f.meta_valor, "meta_fecha": f.meta_fecha, "medio_verificacion": f.medio_verificacion,
                "mediciones": texto_mediciones(mediciones(s, f.id)) if f.n_mediciones else None,
            })
    return salida


def _resultado(s: Session, territorio_id: int, codigo: str) -> int:
    t = s.get(Territorio, territorio_id)
    nombre = t.nombre if t is not None else ""
    plan_id = s.scalar(select(PlanAccion.id).where(PlanAccion.territorio_id == territorio_id))
    if plan_id is None:
        raise ErrorDeUsuario(_("«{territorio}» todavía no tiene Plan de Acción: créelo (con sus resultados) antes "
                               "de importar sus indicadores.").format(territorio=nombre), campo="territorio_id")
    codigos = s.execute(select(Resultado.id, Resultado.codigo).where(Resultado.plan_id == plan_id)
                        .order_by(Resultado.orden, Resultado.id)).all()
    clave = normalizar(codigo)
    for rid, cod in codigos:
        if normalizar(cod) == clave:
            return rid
    existentes = ", ".join(c for _r, c in codigos) or _("ninguno")
    raise ErrorDeUsuario(_("El Plan de Acción de «{territorio}» no tiene el resultado «{codigo}» (tiene: "
                           "{existentes}). Créelo en la pestaña Resultados o corrija el código.").format(
        territorio=nombre, codigo=codigo, existentes=existentes), campo="resultado")


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.indicadores import CAMPOS, DatosIndicador, agregar_medicion, crear_indicador

    try:
        medidas = leer_mediciones(datos.get("mediciones"))
    except ValueError as exc:
        raise ErrorDeUsuario(str(exc), campo="mediciones") from None
    resultado_id = _resultado(s, datos["territorio_id"], datos["resultado"])
    valores = {k: v for k, v in datos.items() if k in CAMPOS and v is not None}
    ident = crear_indicador(s, municipio_id, DatosIndicador(**{**valores, "resultado_id": resultado_id}))
    for medida in medidas:
        try:
            agregar_medicion(s, ident, medida)
        except ErrorDeUsuario as exc:
            raise ErrorDeUsuario(_("Medición del {fecha}: {error}").format(
                fecha=formato.fecha(medida.fecha), error=exc.mensaje), campo="mediciones") from None
    return ident


ESQUEMA = Esquema(
    tabla="indicadores",
    entidad="indicador",
    hoja=N_("Indicadores"),
    titulo=N_("Indicadores de los Planes de Acción"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    clave=("territorio_id", "resultado", "nombre"),
)
