"""Recursos de las actividades de los Planes de Acción en Excel: uno por fila, con el territorio (su plan) y el
código de la actividad («1.2.3»). El subtotal (cantidad × costo unitario) se exporta y no se lee.

Cada fila importada se agrega al final de los recursos de su actividad por el servicio (`actualizar_actividad`),
que valida igual que el formulario. El «id» de cada fila es el de su actividad: deshacer la importación quita, en
orden inverso, el último recurso de cada una (`quitar_ultimo_recurso`), que es justamente el que agregó esa fila.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.exportar.excel.esquema import Columna, Esquema
from nucleo.exportar.excel.esquemas.actividades import codigos_del_plan, plan_editable, planes
from nucleo.i18n import N_, _
from nucleo.modelo import Recurso
from nucleo.modelo.plan import FUENTES_FONDOS, TIPOS_RECURSO

_TIPOS_OTROS = {"personal": "humano", "recurso humano": "humano", "rrhh": "humano", "mano de obra": "humano",
                "dinero": "financiero", "fondos": "financiero", "presupuesto": "financiero",
                "insumo": "material", "insumos": "material", "equipo": "material", "materiales": "material"}
_FUENTES_OTRAS = {"municipalidad": "municipal", "propia": "municipal", "recursos propios": "municipal",
                  "gobernacion": "departamental", "tesoro": "nacional", "gobierno nacional": "nacional",
                  "fonacide": "nacional", "royalties": "nacional", "donacion": "cooperacion",
                  "cooperacion internacional": "cooperacion", "comunitaria": "comunidad", "vecinos": "comunidad",
                  "empresa": "privado", "sector privado": "privado"}

COLUMNAS = (
    Columna(N_("Territorio"), "territorio_id", "referencia", referencia="territorio", obligatoria=True, ancho=22,
            ayuda=N_("Territorio cuyo Plan de Acción tiene la actividad, por su nombre."),
            sinonimos=(N_("Comunidad"), N_("Barrio"), N_("Compañía"))),
    Columna(N_("Código de actividad"), "actividad", obligatoria=True, ancho=11,
            ayuda=N_("Código de la actividad en el plan (1.2.3). Los recursos van en actividades sin "
                     "subactividades."),
            sinonimos=(N_("Actividad"), N_("Código"), N_("EDT"))),
    Columna(N_("Tipo"), "tipo", "opcion", opciones=TIPOS_RECURSO, ancho=12, valores=_TIPOS_OTROS,
            ayuda=N_("Humano, financiero o material."), sinonimos=(N_("Tipo de recurso"), N_("Clase"))),
    Columna(N_("Descripción"), "descripcion", obligatoria=True, ancho=36, ayuda=N_("Qué recurso es."),
            sinonimos=(N_("Recurso"), N_("Detalle"), N_("Concepto"), N_("Rubro"))),
    Columna(N_("Cantidad"), "cantidad", "decimal", ancho=10, formato="#,##0.##",
            ayuda=N_("Cuántas unidades (1 si no se dice)."), sinonimos=(N_("Cant."), N_("Cant"))),
    Columna(N_("Unidad"), "unidad", ancho=12, ayuda=N_("jornal, mes, bolsa, global…"),
            sinonimos=(N_("Unidad de medida"), N_("U. de medida"))),
    Columna(N_("Costo unitario (₲)"), "costo_unitario", "guaranies", ancho=15,
            ayuda=N_("Costo de una unidad en guaraníes (0 si es un aporte sin costo)."),
            sinonimos=(N_("Costo unitario"), N_("Precio unitario"), N_("Monto unitario"))),
    Columna(N_("Fuente"), "fuente", "opcion", opciones=FUENTES_FONDOS, ancho=14, valores=_FUENTES_OTRAS,
            ayuda=N_("De dónde sale el dinero o el aporte."),
            sinonimos=(N_("Fuente de fondos"), N_("Fuente de financiamiento"), N_("Financiamiento"))),
    Columna(N_("Subtotal (₲)"), "subtotal", "guaranies", ancho=15,
            ayuda=N_("Cantidad × costo unitario, calculado por Articula: se exporta para leerlo y no se importa."),
            sinonimos=(N_("Subtotal"), N_("Total"))),
)


def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    salida = []
    for plan_id, territorio in planes(s, municipio_id):
        codigos = {aid: codigo for codigo, aid in codigos_del_plan(s, plan_id).items()}
        recursos = s.execute(select(Recurso).where(Recurso.actividad_id.in_(codigos))).scalars().all()
        orden = {aid: n for n, aid in enumerate(codigos)}  # codigos_del_plan keeps the plan's WBS order
        for r in sorted(recursos, key=lambda r: (orden[r.actividad_id], r.orden, r.id)):
            salida.append({
                "territorio_id": territorio, "actividad": codigos[r.actividad_id], "tipo": r.tipo,
                "descripcion": r.descripcion, "cantidad": r.cantidad, "unidad": r.unidad or None,
                "costo_unitario": r.costo_unitario, "fuente": r.fuente,
                "subtotal": round(r.cantidad * r.costo_unitario),
            })
    return salida


def _campo(campo: str) -> str:
    # The service names a resource's fields «recursos.N.cantidad»; the sheet has one resource per row.
    if campo.startswith("recursos."):
        return campo.rsplit(".", 1)[-1]
    return "actividad" if campo == "recursos" else campo


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.actividades import DatosRecurso, actualizar_actividad, obtener_actividad

    plan_id, territorio = plan_editable(s, datos["territorio_id"])
    codigo = str(datos["actividad"]).strip().rstrip(".")
    aid = codigos_del_plan(s, plan_id).get(codigo)
    if aid is None:
        raise ErrorDeUsuario(_("El Plan de Acción de «{territorio}» no tiene la actividad {codigo}. Importe antes "
                               "las actividades o corrija el código.").format(territorio=territorio, codigo=codigo),
                             campo="actividad")
    valores = {k: datos[k] for k in ("tipo", "descripcion", "unidad", "costo_unitario", "fuente")
               if datos.get(k) is not None}
    if datos.get("cantidad") is not None:
        valores["cantidad"] = float(datos["cantidad"])
    actual = obtener_actividad(s, aid)
    try:
        actualizar_actividad(s, aid, replace(actual, recursos=(*actual.recursos, DatosRecurso(**valores))))
    except ErroresDeValidacion as exc:
        raise ErroresDeValidacion({_campo(c): m for c, m in exc.errores.items()}) from None
    except ErrorDeUsuario as exc:
        raise ErrorDeUsuario(exc.mensaje, campo=_campo(exc.campo or "actividad")) from None
    return aid


# -- deshacer una importación -----------------------------------------------------------------------------------
def quitar_ultimo_recurso(s: Session, aid: int) -> tuple[int, Any]:
    """Quita el último recurso de la actividad (el que agregó la fila importada); devuelve (aid, recurso)."""
    from nucleo.servicios.actividades import actualizar_actividad, obtener_actividad

    actual = obtener_actividad(s, aid)
    if not actual.recursos:
        raise ErrorDeUsuario(_("La actividad ya no tiene el recurso importado; actualice la vista."))
    actualizar_actividad(s, aid, replace(actual, recursos=actual.recursos[:-1]))
    return aid, actual.recursos[-1]


def reponer_recurso(s: Session, copia: tuple[int, Any]) -> int:
    from nucleo.servicios.actividades import actualizar_actividad, obtener_actividad

    aid, recurso = copia
    actual = obtener_actividad(s, aid)
    actualizar_actividad(s, aid, replace(actual, recursos=(*actual.recursos, recurso)))
    return aid


ESQUEMA = Esquema(
    tabla="recursos",
    entidad="actividad",
    hoja=N_("Recursos"),
    titulo=N_("Recursos de las actividades"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    clave=(),  # the same resource twice on an activity can be right (two lots); codes would not compare anyway
)
