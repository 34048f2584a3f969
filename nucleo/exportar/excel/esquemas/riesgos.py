"""Matriz de riesgos en Excel: un riesgo por fila, con el territorio (su plan), las columnas del documento 004,
probabilidad e impacto de 1 a 5, el nivel (solo para leer), responsable, estado, próxima revisión y las actividades
que amenaza por su código de la EDT («1.2; 3.4»).

Planillas ajenas de riesgos («Riesgo», «Descripción del riesgo», «Causa», «Controles», «Plan de acción»…) encajan
por los sinónimos de cada columna. Muchas no dicen de qué territorio es cada riesgo: si el municipio tiene un solo
Plan de Acción, las filas sin territorio van a ese plan; con varios, hay que indicarlo (se informa en cada fila).
El nivel lo calcula la matriz del municipio: se exporta para leerlo y al importar no se lee.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.excel.esquema import Columna, Esquema
from nucleo.i18n import N_, _
from nucleo.modelo import PlanAccion, Territorio
from nucleo.modelo.riesgo import ESTADOS_RIESGO

_CODIGO = re.compile(r"^\d+(?:\.\d+)*$")

_ESTADOS_OTROS = {
    "abierta": "abierto", "activo": "abierto", "activa": "abierto", "vigente": "abierto", "pendiente": "abierto",
    "identificado": "abierto", "en seguimiento": "abierto",
    "mitigada": "mitigado", "controlado": "mitigado", "controlada": "mitigado", "tratado": "mitigado",
    "materializada": "materializado", "ocurrido": "materializado", "ocurrida": "materializado",
    "cerrada": "cerrado", "resuelto": "cerrado", "resuelta": "cerrado", "finalizado": "cerrado",
}

COLUMNAS = (
    Columna(N_("Territorio"), "territorio_id", "referencia", referencia="territorio", ancho=22,
            ayuda=N_("Territorio cuyo Plan de Acción tiene el riesgo, por su nombre. Vacío: el único Plan de Acción "
                     "del municipio (si hay varios, hay que indicarlo)."),
            sinonimos=(N_("Comunidad"), N_("Comunidad territorial"), N_("Barrio"), N_("Compañía"))),
    Columna(N_("Escenario de crisis"), "escenario", obligatoria=True, ancho=40,
            ayuda=N_("Qué puede pasar que ponga en riesgo el plan, en una o dos frases."),
            sinonimos=(N_("Escenario"), N_("Riesgo"), N_("Riesgos"), N_("Descripción del riesgo"),
                       N_("Nombre del riesgo"), N_("Posibles obstáculos"), N_("Obstáculo"), N_("Amenaza"),
                       N_("Evento de riesgo"))),
    Columna(N_("Signos de alerta"), "signos_alerta", ancho=30,
            ayuda=N_("Qué indica que el escenario se está acercando."),
            sinonimos=(N_("Señales de alerta"), N_("Alertas tempranas"), N_("Alerta temprana"), N_("Causa"),
                       N_("Causas"), N_("Disparadores"))),
    Columna(N_("Acciones preventivas"), "acciones_preventivas", ancho=32,
            ayuda=N_("Qué se hace antes, para que no ocurra o pese menos."),
            sinonimos=(N_("Prevención"), N_("Medidas preventivas"), N_("Controles"), N_("Control"),
                       N_("Descripción del control"), N_("Plan de acción"), N_("Acciones de mitigación"),
                       N_("Mitigación"), N_("Tratamiento"), N_("Plan de tratamiento"))),
    Columna(N_("Reducción de daños"), "reduccion_danos", ancho=30,
            ayuda=N_("Qué se hace si ocurre, para que el daño sea el menor posible."),
            sinonimos=(N_("Plan de contingencia"), N_("Contingencia"), N_("Respuesta"), N_("Acciones de respuesta"),
                       N_("Reducción de impacto"))),
    Columna(N_("Ajustes al programa"), "ajustes_programa", ancho=30,
            ayuda=N_("Qué cambia en el plan (actividades, fechas, recursos) si el escenario se da."),
            sinonimos=(N_("Ajustes"), N_("Ajustes al plan"), N_("Cambios al programa"), N_("Ajustes al cronograma"))),
    Columna(N_("Probabilidad (1–5)"), "probabilidad", "entero", escala=True, minimo=1, maximo=5, ancho=12,
            ayuda=N_("De 1 (rara vez) a 5 (casi seguro); también Muy baja, Baja, Media, Alta, Muy alta."),
            sinonimos=(N_("Probabilidad"), N_("Probabilidad de ocurrencia"), N_("Probabilidad inherente"),
                       N_("Frecuencia"))),
    Columna(N_("Impacto (1–5)"), "impacto", "entero", escala=True, minimo=1, maximo=5, ancho=11,
            ayuda=N_("De 1 (insignificante) a 5 (catastrófico); también Muy bajo, Bajo, Medio, Alto, Muy alto."),
            sinonimos=(N_("Impacto"), N_("Impacto inherente"), N_("Gravedad"))),
    # «calculado» in the header keeps foreign columns such as «Tipo de evento (nivel 1)» from landing here.
    Columna(N_("Nivel (calculado)"), "nivel", ancho=11,
            ayuda=N_("Calculado por la matriz de riesgos del municipio con la probabilidad y el impacto: se exporta "
                     "para leerlo y no se importa.")),
    Columna(N_("Responsable"), "responsable_id", "referencia", referencia="actor", ancho=26,
            ayuda=N_("Actor que sigue el riesgo (nombre o sigla, de la matriz de actores)."),
            sinonimos=(N_("Responsables"), N_("Responsable del riesgo"), N_("Dueño del riesgo"), N_("Encargado"),
                       N_("A cargo de"))),
    Columna(N_("Estado"), "estado", "opcion", opciones=ESTADOS_RIESGO, ancho=14, valores=_ESTADOS_OTROS,
            ayuda=N_("Abierto, Mitigado, Materializado o Cerrado."),
            sinonimos=(N_("Estado del riesgo"), N_("Situación"))),
    Columna(N_("Próxima revisión"), "proxima_revision", "fecha", ancho=12,
            ayuda=N_("Cuándo se vuelve a revisar el riesgo."),
            sinonimos=(N_("Fecha de revisión"), N_("Revisión"), N_("Fecha de seguimiento"), N_("Próximo seguimiento"))),
    Columna(N_("Actividades amenazadas"), "actividades", ancho=18, formato="@",
            ayuda=N_("Códigos de la EDT de las actividades del plan que el riesgo amenaza, separados por «;»: "
                     "1.2; 3.4."),
            sinonimos=(N_("Actividades afectadas"), N_("Códigos de actividades"))),
    Columna(N_("Notas"), "notas", ancho=28, ayuda=N_("Observaciones."),
            sinonimos=(N_("Observaciones"), N_("Comentarios"))),
)
SOLO_EXPORTAR = frozenset({"nivel"})


# -- actividades por código -----------------------------------------------------------------------------------
def texto_actividades(etiquetas: list[tuple[int, str]]) -> str | None:
    """«1.2; 3.4» de las actividades de una `FilaRiesgo` («1.2 Taller» -> «1.2»)."""
    return "; ".join(e.split(" ", 1)[0] for _a, e in etiquetas) or None


def leer_codigos(texto: str | None) -> list[str]:
    """«1.2; 3.4» -> ["1.2", "3.4"]; ValueError con un mensaje en español si una parte no es un código."""
    salida = []
    for parte in (p.strip().rstrip(".") for p in re.split(r"[;,\n]", str(texto or ""))):
        if not parte:
            continue
        codigo = parte.split(" ", 1)[0]  # «1.2 Taller» is accepted: the code is what counts
        if not _CODIGO.match(codigo):
            raise ValueError(_("«{parte}» no es un código de actividad: escriba los códigos de la EDT separados por "
                               "«;», por ejemplo 1.2; 3.4.").format(parte=parte))
        salida.append(codigo)
    return list(dict.fromkeys(salida))


# -- exportar ---------------------------------------------------------------------------------------------------
def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    from nucleo.servicios.riesgos import listar_riesgos

    salida = []
    for f in listar_riesgos(s, municipio_id, date.today()):  # «hoy» only feeds the review light, not exported
        salida.append({
            "territorio_id": f.territorio or None, "escenario": f.escenario,
            "signos_alerta": f.signos_alerta or None, "acciones_preventivas": f.acciones_preventivas or None,
            "reduccion_danos": f.reduccion_danos or None, "ajustes_programa": f.ajustes_programa or None,
            "probabilidad": f.probabilidad, "impacto": f.impacto, "nivel": f.nivel_texto,
            "responsable_id": f.responsable or None, "estado": f.estado, "proxima_revision": f.proxima_revision,
            "actividades": texto_actividades(f.actividades), "notas": f.notas or None,
        })
    return salida


# -- importar ---------------------------------------------------------------------------------------------------
def _plan_de(s: Session, municipio_id: int, territorio_id: int | None) -> tuple[int | None, int | None]:
    """(plan_id, territorio_id) que corresponde a la fila."""
    if territorio_id is not None:
        return s.scalar(select(PlanAccion.id).where(PlanAccion.territorio_id == territorio_id)
                        .order_by(PlanAccion.id)), territorio_id
    planes = s.execute(select(PlanAccion.id, Territorio.nombre).join(Territorio, Territorio.id == PlanAccion.territorio_id)
                       .where(PlanAccion.municipio_id == municipio_id).order_by(Territorio.nombre)).all()
    if len(planes) == 1:
        return planes[0][0], None
    if not planes:
        raise ErrorDeUsuario(_("Indique el territorio del riesgo: el municipio todavía no tiene Planes de Acción y la "
                               "fila no dice de qué territorio es."), campo="territorio_id")
    raise ErrorDeUsuario(_("Indique el territorio del riesgo: el municipio tiene {n} Planes de Acción ({nombres}) y "
                           "la fila no dice de cuál es. Agregue la columna «Territorio».").format(
        n=len(planes), nombres=", ".join(n for _p, n in planes)), campo="territorio_id")


def _actividades(s: Session, plan_id: int | None, codigos: list[str]) -> tuple[int, ...]:
    if not codigos:
        return ()
    if plan_id is None:
        raise ErrorDeUsuario(_("El territorio todavía no tiene Plan de Acción: un riesgo sin plan no amenaza "
                               "actividades. Deje vacía «Actividades amenazadas» o cree el plan antes."),
                             campo="actividades")
    from nucleo.servicios.plan import nodos_del_plan

    por_codigo = {n.codigo: n.id for n in nodos_del_plan(s, plan_id)}
    faltan = [c for c in codigos if c not in por_codigo]
    if faltan:
        raise ErrorDeUsuario(_("El Plan de Acción no tiene la(s) actividad(es) {codigos}: revise los códigos en el "
                               "cronograma.").format(codigos=", ".join(faltan)), campo="actividades")
    return tuple(por_codigo[c] for c in codigos)


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.riesgos import CAMPOS, DatosRiesgo, crear_riesgo

    try:
        codigos = leer_codigos(datos.get("actividades"))
    except ValueError as exc:
        raise ErrorDeUsuario(str(exc), campo="actividades") from None
    plan_id, territorio_id = _plan_de(s, municipio_id, datos.get("territorio_id"))
    actividades = _actividades(s, plan_id, codigos)
    valores = {k: v for k, v in datos.items()
               if k in CAMPOS and k not in ("territorio_id", "actividades") and v is not None}
    return crear_riesgo(s, municipio_id, DatosRiesgo(**{**valores, "plan_id": plan_id, "territorio_id": territorio_id,
                                                       "actividades": actividades}))


ESQUEMA = Esquema(
    tabla="riesgos",
    entidad="riesgo",
    hoja=N_("Riesgos"),
    titulo=N_("Matriz de riesgos de los Planes de Acción"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    clave=("territorio_id", "escenario"),
)
