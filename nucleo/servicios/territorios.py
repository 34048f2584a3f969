"""Territorios (comunidades territoriales): alta, edición, baja con posibilidad de deshacer, y la lista."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, inspect, select, update
from sqlalchemy.orm import Session, selectinload

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, n_
from nucleo.lecturas.territorios import (  # noqa: F401 - re-exported: the reads live there, without the ORM
    CAMPOS,
    DatosTerritorio,
    FilaTerritorio,
    contar_territorios,
    listar_territorios,
    obtener_territorio,
)
from nucleo.modelo import (
    Actor,
    Convenio,
    CruceNecesidad,
    Documento,
    Etapa,
    ItemDafo,
    Mesa,
    Necesidad,
    NodoProblema,
    Oportunidad,
    PlanAccion,
    Riesgo,
    Territorio,
)
from nucleo.modelo.mesa import mesa_territorio
from nucleo.modelo.territorio import ESTADOS, TIPOS, TIPOS_SPS
from nucleo.servicios import plan
from nucleo.servicios.comun import Validador, auditar, como_dict, copiar_filas, obtener, reponer_filas
from nucleo.servicios.hoja_de_ruta import crear_etapas, replanificar

# Paraguay's bounding box with a margin: catches swapped latitude/longitude, the usual slip.
LATITUD = (-28.0, -19.0)
LONGITUD = (-63.0, -54.0)


def _validar_geojson(v: Validador, texto: str | None) -> str | None:
    if not texto or not texto.strip():
        return None
    try:
        dato = json.loads(texto)
    except ValueError:
        v.error("limite_geojson", _("El límite no es un GeoJSON válido. Pegue el contenido de un archivo .geojson."))
        return None
    geometrias = []
    if isinstance(dato, dict):
        if dato.get("type") == "FeatureCollection":
            geometrias = [f.get("geometry") or {} for f in dato.get("features", [])]
        elif dato.get("type") == "Feature":
            geometrias = [dato.get("geometry") or {}]
        else:
            geometrias = [dato]
    if not geometrias or any(g.get("type") not in ("Polygon", "MultiPolygon") for g in geometrias):
        v.error("limite_geojson", _("El límite debe ser un polígono (Polygon o MultiPolygon) en GeoJSON."))
        return None
    return texto.strip()


def _puntos(coordenadas: Any) -> list[tuple[float, float]]:
    """Los vértices (longitud, latitud) de las coordenadas anidadas de un Polygon o MultiPolygon."""
    if (isinstance(coordenadas, list) and len(coordenadas) >= 2
            and all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordenadas)):
        return [(float(coordenadas[0]), float(coordenadas[1]))]
    if not isinstance(coordenadas, list):
        raise ValueError("coordenadas")
    return [p for c in coordenadas for p in _puntos(c)]


def _geometrias(texto: str) -> list[dict]:
    dato = json.loads(texto)
    if isinstance(dato, dict) and dato.get("type") == "FeatureCollection":
        return [f.get("geometry") or {} for f in dato.get("features") or [] if isinstance(f, dict)]
    if isinstance(dato, dict) and dato.get("type") == "Feature":
        return [dato.get("geometry") or {}]
    return [dato] if isinstance(dato, dict) else []


def revisar_limite(texto: str | None, archivo: str = "") -> str | None:
    """Valida un límite GeoJSON al cargarlo desde un archivo, antes de guardar el territorio.

    Además de lo que exige `validar`, revisa que los vértices estén en grados y dentro de Paraguay: un GeoJSON
    exportado en UTM (común en los SIG del país) se cargaría sin error pero quedaría fuera del mapa.
    """
    # {origen} is the subject of every message below: «El archivo «x.geojson»» or «El límite».
    origen = _("El archivo «{archivo}»").format(archivo=archivo) if archivo else _("El límite")
    if not texto or not texto.strip():
        raise ErrorDeUsuario(_("{origen} está vacío.").format(origen=origen), campo="limite_geojson")
    try:
        geometrias = _geometrias(texto)
    except ValueError as exc:
        raise ErrorDeUsuario(_("{origen} no es un GeoJSON válido: el texto no tiene formato JSON. Verifique que "
                               "sea un archivo .geojson exportado de un SIG o de geojson.io.").format(origen=origen),
                             campo="limite_geojson", detalle=str(exc)) from exc
    v = Validador()
    limpio = _validar_geojson(v, texto)
    if v.errores:
        raise ErrorDeUsuario(_("{origen} no sirve como límite: {motivo}").format(
            origen=origen, motivo=v.errores["limite_geojson"]), campo="limite_geojson")
    try:
        puntos = [p for g in geometrias for p in _puntos(g.get("coordinates"))]
    except ValueError:
        puntos = []
    if len(puntos) < 3:
        raise ErrorDeUsuario(_("{origen} no tiene las coordenadas de un polígono (hacen falta al menos tres "
                               "vértices).").format(origen=origen), campo="limite_geojson")
    fuera = [p for p in puntos if not (LONGITUD[0] <= p[0] <= LONGITUD[1] and LATITUD[0] <= p[1] <= LATITUD[1])]
    if fuera:
        raise ErrorDeUsuario(_("{origen} tiene vértices fuera de Paraguay (por ejemplo, {longitud}; {latitud}). "
                               "Exporte el límite en grados WGS 84 (EPSG:4326), no en UTM.").format(
                                   origen=origen, longitud=formato.numero(fuera[0][0]),
                                   latitud=formato.numero(fuera[0][1])),
                             campo="limite_geojson")
    return limpio


def describir_limite(texto: str | None) -> str:
    """«1 polígono, 42 vértices»; texto vacío si no hay límite o no se puede leer."""
    if not texto:
        return ""
    try:
        geometrias = _geometrias(texto)
        poligonos = sum(len(g.get("coordinates") or []) if g.get("type") == "MultiPolygon" else 1
                        for g in geometrias)
        vertices = sum(len(_puntos(g.get("coordinates"))) for g in geometrias)
    except (ValueError, AttributeError):
        return ""
    return (n_("{n} polígono", "{n} polígonos", poligonos).format(n=poligonos) + ", "
            + n_("{n} vértice", "{n} vértices", vertices).format(n=formato.entero(vertices)))


def validar(s: Session, municipio_id: int, d: DatosTerritorio, territorio_id: int | None = None) -> DatosTerritorio:
    v = Validador()
    limpio = DatosTerritorio(
        nombre=v.texto("nombre", d.nombre, _("el nombre del territorio"), obligatorio=True, maximo=150),
        tipo=v.opcion("tipo", d.tipo, TIPOS, _("el tipo de territorio")),
        tipo_sps=v.opcion("tipo_sps", d.tipo_sps or "", TIPOS_SPS, _("el tipo de territorio del SPS")),
        estado=v.opcion("estado", d.estado, ESTADOS, _("el estado")),
        poblacion=v.no_negativo("poblacion", d.poblacion, _("La población")),
        hogares=v.no_negativo("hogares", d.hogares, _("La cantidad de hogares")),
        latitud=d.latitud,
        longitud=d.longitud,
        limite_geojson=_validar_geojson(v, d.limite_geojson),
        identidad_propia=d.identidad_propia,
        identidad_descripcion=v.texto("identidad_descripcion", d.identidad_descripcion, _("la identidad"), maximo=5000),
        organizacion_id=d.organizacion_id,
        riesgos_diversos=v.texto("riesgos_diversos", d.riesgos_diversos, _("los riesgos"), maximo=5000),
        caracterizacion=v.texto("caracterizacion", d.caracterizacion, _("la caracterización"), maximo=50000),
        espacio_nombre=v.texto("espacio_nombre", d.espacio_nombre, _("el nombre del espacio"), maximo=150),
        espacio_direccion=v.texto("espacio_direccion", d.espacio_direccion, _("la dirección del espacio")),
        espacio_operador=v.texto("espacio_operador", d.espacio_operador, _("el operador del espacio"), maximo=150),
        inicio_ruta=d.inicio_ruta,
    )
    if limpio.poblacion is not None and limpio.hogares is not None and limpio.hogares > limpio.poblacion > 0:
        v.error("hogares", _("Hay más hogares que habitantes: revise la población o la cantidad de hogares."))
    if (limpio.latitud is None) != (limpio.longitud is None):
        v.error("latitud" if limpio.latitud is None else "longitud",
                _("Indique latitud y longitud juntas, o deje las dos vacías."))
    elif limpio.latitud is not None:
        if not LATITUD[0] <= limpio.latitud <= LATITUD[1]:
            v.error("latitud", _("La latitud queda fuera de Paraguay (entre −28 y −19). ¿Invirtió latitud y longitud?"))
        if not LONGITUD[0] <= limpio.longitud <= LONGITUD[1]:
            v.error("longitud", _("La longitud queda fuera de Paraguay (entre −63 y −54). ¿Invirtió latitud y longitud?"))
    if limpio.organizacion_id is not None:
        actor = s.get(Actor, limpio.organizacion_id)
        if actor is None or actor.municipio_id != municipio_id:
            v.error("organizacion_id", _("La organización elegida ya no existe; elija otra de la lista."))
    if limpio.nombre and "nombre" not in v.errores:
        q = select(Territorio.id).where(Territorio.municipio_id == municipio_id,
                                        func.lower(Territorio.nombre) == limpio.nombre.lower())
        if territorio_id is not None:
            q = q.where(Territorio.id != territorio_id)
        if s.scalar(q) is not None:
            v.error("nombre", _("Ya hay un territorio llamado «{nombre}». Use otro nombre.").format(nombre=limpio.nombre))
    # 000, A.2: a territory is selected only when the three criteria are met.
    if limpio.estado != "propuesto":
        if limpio.identidad_propia is not True:
            v.error("identidad_propia", _("Para seleccionar el territorio, confirme que es una comunidad "
                                          "territorial con identidad propia (criterio a)."))
        if limpio.organizacion_id is None:
            v.error("organizacion_id", _("Para seleccionar el territorio, indique la organización que representa "
                                         "a la comunidad (criterio b)."))
        if not limpio.riesgos_diversos:
            v.error("riesgos_diversos", _("Para seleccionar el territorio, describa el conjunto diverso de riesgos "
                                          "a los que está expuesto (criterio c)."))
    v.verificar()
    return limpio


def crear_territorio(s: Session, municipio_id: int, datos: DatosTerritorio) -> int:
    d = validar(s, municipio_id, datos)
    t = Territorio(municipio_id=municipio_id, **como_dict(d))
    s.add(t)
    crear_etapas(t)
    replanificar(s, t)
    s.flush()
    auditar(s, municipio_id, "territorio", t.id, "crear", d.nombre)
    return t.id


def actualizar_territorio(s: Session, territorio_id: int, datos: DatosTerritorio) -> DatosTerritorio:
    """Guarda los cambios y devuelve los datos anteriores (la orden de deshacer los vuelve a aplicar)."""
    t = obtener(s, Territorio, territorio_id, _("el territorio"))
    anterior = DatosTerritorio(**{c: getattr(t, c) for c in CAMPOS})
    d = validar(s, t.municipio_id, datos, territorio_id)
    for campo, valor in como_dict(d).items():
        setattr(t, campo, valor)
    if anterior.inicio_ruta != d.inicio_ruta:
        replanificar(s, t)
    cambios = [c for c in CAMPOS if getattr(anterior, c) != getattr(d, c)]
    auditar(s, t.municipio_id, "territorio", t.id, "actualizar", f"{d.nombre}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


# -- baja que se puede deshacer ---------------------------------------------------------------------------
@dataclass(frozen=True)
class TerritorioEliminado:
    """Todo lo necesario para devolver el territorio con sus etapas y documentos, con los mismos números."""

    territorio: dict[str, Any]
    etapas: tuple[dict[str, Any], ...]
    documentos: tuple[dict[str, Any], ...] = field(default=())
    # Su diagnóstico (se borra en cascada con el territorio) y los convenios que lo nombraban.
    necesidades: tuple[dict[str, Any], ...] = ()
    cruces: tuple[dict[str, Any], ...] = ()
    nodos: tuple[dict[str, Any], ...] = ()
    items_dafo: tuple[dict[str, Any], ...] = ()
    convenios: tuple[int, ...] = ()
    planes: tuple[Any, ...] = ()  # plan.PlanEliminado: el Plan de Acción se borra en cascada con el territorio
    riesgos: tuple[dict[str, Any], ...] = ()  # its risks outside a plan (the plan's go in `planes`)
    mesas: tuple[dict[str, Any], ...] = ()  # mesa_territorio rows: the mesas that covered it


def _columnas(obj: Any) -> dict[str, Any]:
    return {a.key: getattr(obj, a.key) for a in inspect(obj).mapper.column_attrs}


def eliminar_territorio(s: Session, territorio_id: int) -> TerritorioEliminado:
    t = s.scalar(select(Territorio).where(Territorio.id == territorio_id)
                 .options(selectinload(Territorio.etapas).selectinload(Etapa.documentos)))
    if t is None:
        raise ErrorDeUsuario(_("No se encontró el territorio (n.º {ident}). Actualice la vista.").format(
            ident=territorio_id))
    vigente = s.scalar(select(PlanAccion.estado).where(PlanAccion.territorio_id == territorio_id,
                                                       PlanAccion.estado.in_(("sancionado", "en_ejecucion"))))
    if vigente is not None:
        raise ErrorDeUsuario(_(
            "«{nombre}» tiene un Plan de Acción {estado}: es un compromiso asumido y no se borra con el territorio. "
            "Cierre el plan primero (Plan de Acción → Cerrar el plan).").format(
                nombre=t.nombre, estado=plan.etiqueta_estado(vigente).lower()))
    necesidades = copiar_filas(s, Necesidad, Necesidad.territorio_id == territorio_id)
    copia = TerritorioEliminado(
        territorio=_columnas(t),
        etapas=tuple(_columnas(e) for e in t.etapas),
        documentos=tuple(_columnas(d) for e in t.etapas for d in e.documentos),
        necesidades=necesidades,
        cruces=copiar_filas(s, CruceNecesidad, CruceNecesidad.necesidad_id.in_([n["id"] for n in necesidades])),
        nodos=copiar_filas(s, NodoProblema, NodoProblema.territorio_id == territorio_id),
        items_dafo=copiar_filas(s, ItemDafo, ItemDafo.territorio_id == territorio_id),
        convenios=tuple(s.scalars(select(Convenio.id).where(Convenio.territorio_id == territorio_id))),
        planes=tuple(plan.copiar_plan(s, pid) for pid in
                     s.scalars(select(PlanAccion.id).where(PlanAccion.territorio_id == territorio_id))),
        riesgos=copiar_filas(s, Riesgo, Riesgo.territorio_id == territorio_id, Riesgo.plan_id.is_(None)),
        mesas=copiar_filas(s, mesa_territorio, mesa_territorio.c.territorio_id == territorio_id),
    )
    s.execute(update(Convenio).where(Convenio.territorio_id == territorio_id).values(territorio_id=None),
              execution_options={"synchronize_session": "fetch"})
    municipio_id, nombre = t.municipio_id, t.nombre
    s.delete(t)
    s.flush()
    auditar(s, municipio_id, "territorio", territorio_id, "eliminar", nombre)
    return copia


def restaurar_territorio(s: Session, copia: TerritorioEliminado) -> int:
    t = Territorio(**copia.territorio)
    s.add(t)
    s.flush()
    for e in copia.etapas:
        s.add(Etapa(**e))
    s.flush()
    for d in copia.documentos:
        s.add(Documento(**d))
    s.flush()
    _restaurar_diagnostico(s, t.id, copia)
    for p in copia.planes:  # after the needs: its results point to them
        plan.restaurar_plan(s, p)
    actores = set(s.scalars(select(Actor.id).where(Actor.id.in_({r["responsable_id"] for r in copia.riesgos}))))
    reponer_filas(s, Riesgo, [{**r, "responsable_id": r["responsable_id"] if r["responsable_id"] in actores else None}
                              for r in copia.riesgos])
    mesas = set(s.scalars(select(Mesa.id).where(Mesa.id.in_({m["mesa_id"] for m in copia.mesas}))))
    reponer_filas(s, mesa_territorio, [m for m in copia.mesas if m["mesa_id"] in mesas])
    auditar(s, t.municipio_id, "territorio", t.id, "restaurar", t.nombre)
    return t.id


def _restaurar_diagnostico(s: Session, territorio_id: int, copia: TerritorioEliminado) -> None:
    reponer_filas(s, Necesidad, copia.necesidades)
    # An opportunity deleted meanwhile takes its crossings with it.
    vivas = set(s.scalars(select(Oportunidad.id).where(Oportunidad.id.in_({c["oportunidad_id"] for c in copia.cruces}))))
    reponer_filas(s, CruceNecesidad, [c for c in copia.cruces if c["oportunidad_id"] in vivas])
    # Parents first would need a topological order (a node may be reconnected under a newer one): insert without
    # parents, then link.
    reponer_filas(s, NodoProblema, [{**n, "padre_id": None} for n in copia.nodos])
    for n in copia.nodos:
        if n["padre_id"] is not None:
            s.execute(update(NodoProblema).where(NodoProblema.id == n["id"])
                      .values(padre_id=n["padre_id"], modificado_en=n["modificado_en"]))  # as it was, not «now»
    reponer_filas(s, ItemDafo, copia.items_dafo)
    if copia.convenios:
        s.execute(update(Convenio).where(Convenio.id.in_(copia.convenios)).values(territorio_id=territorio_id),
                  execution_options={"synchronize_session": "fetch"})
    s.flush()


# -- lista ------------------------------------------------------------------------------------------------
