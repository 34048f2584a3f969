"""Mapa de Oportunidades: programas y servicios que se ofrecen al territorio (alta, edición, baja deshacible,
la lista con sus textos, los filtros y el catálogo agrupado por pilar y categoría de población).

Los nombres de los campos siguen el modelo de servicio de Open Referral (HSDS) donde encaja; ver
nucleo/modelo/oportunidad.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.formato import sin_tildes
from nucleo.i18n import N_, _, n_, traducir
from nucleo.modelo import (
    Actividad,
    Actor,
    CruceNecesidad,
    Necesidad,
    Oportunidad,
    OportunidadPoblacion,
    Territorio,
)
from nucleo.modelo.oportunidad import (
    ORIGENES,
    PAQUETES,
    PILARES,
    POBLACIONES,
    TIPOS_BENEFICIO,
    oportunidad_territorio,
)
from nucleo.modelo.plan import actividad_oportunidad
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas

# Information older than this is flagged «verificar». The coordinator can change it (the window keeps the value in
# its settings and passes it to listar_oportunidades); no schema change needed for a per-user preference.
DIAS_PARA_VERIFICAR = 180

# Vigencia states of an entry on a given day.
VIGENTE, VENCIDA, POR_INICIAR = "vigente", "vencida", "por_iniciar"
ESTADOS_VIGENCIA: dict[str, str] = {
    VIGENTE: N_("Vigente"),
    VENCIDA: N_("Vencida"),
    POR_INICIAR: N_("Por iniciar"),
}

# The six life-cycle categories, in order: what «grouped by life-cycle category» walks.
CICLO_DE_VIDA = ("primera_infancia", "ninez", "adolescencia", "juventud", "adultez", "personas_mayores")


@dataclass
class DatosOportunidad:
    nombre: str = ""
    descripcion: str = ""
    proveedor_id: int | None = None
    origen: str = "nacional"
    pilar: str = "integracion_social"
    paquete: str = "nucleo"
    tipo_beneficio: str = "servicio"
    poblaciones: tuple[str, ...] = ()
    requisitos: str = ""
    cobertura_distrital: bool = True
    territorio_ids: tuple[int, ...] = ()
    cupos: int | None = None  # None: sin límite conocido
    costo: int = 0  # guaraníes the beneficiary pays; 0 = gratuito
    costo_detalle: str = ""
    lugar: str = ""
    horario: str = ""
    contacto: str = ""
    telefono: str = ""
    correo: str = ""
    vigencia_desde: date | None = None
    vigencia_hasta: date | None = None
    fuente: str = ""
    verificado_el: date | None = None
    notas: str = ""


# Plain columns of the table (poblaciones and territorio_ids live in their own tables).
COLUMNAS = tuple(c for c in DatosOportunidad.__dataclass_fields__ if c not in ("poblaciones", "territorio_ids"))
CAMPOS = tuple(DatosOportunidad.__dataclass_fields__)


# -- validación ---------------------------------------------------------------------------------------------
def _correo_valido(correo: str) -> bool:
    usuario, arroba, dominio = correo.partition("@")
    return bool(arroba and usuario and "." in dominio and not dominio.startswith(".") and not dominio.endswith(".")
                and " " not in correo and "@" not in dominio)


def validar(s: Session, municipio_id: int, d: DatosOportunidad, oportunidad_id: int | None = None,
            hoy: date | None = None) -> DatosOportunidad:
    """Los datos limpios (textos sin espacios sobrantes, listas ordenadas) o ErroresDeValidacion por campo."""
    hoy = hoy or date.today()
    v = Validador()
    poblaciones = tuple(p for p in POBLACIONES if p in set(d.poblaciones or ()))
    territorios = tuple(sorted(set(d.territorio_ids or ()))) if not d.cobertura_distrital else ()
    limpio = DatosOportunidad(
        nombre=v.texto("nombre", d.nombre, _("el nombre del programa o servicio"), obligatorio=True),
        descripcion=v.texto("descripcion", d.descripcion, _("la descripción"), maximo=5000),
        proveedor_id=d.proveedor_id,
        origen=v.opcion("origen", d.origen, ORIGENES, _("el origen")),
        pilar=v.opcion("pilar", d.pilar, PILARES, _("el pilar")),
        paquete=v.opcion("paquete", d.paquete, PAQUETES, _("el paquete")),
        tipo_beneficio=v.opcion("tipo_beneficio", d.tipo_beneficio, TIPOS_BENEFICIO, _("el tipo de beneficio")),
        poblaciones=poblaciones,
        requisitos=v.texto("requisitos", d.requisitos, _("los requisitos"), maximo=5000),
        cobertura_distrital=bool(d.cobertura_distrital),
        territorio_ids=territorios,
        cupos=d.cupos,
        costo=d.costo if d.costo is not None else 0,
        costo_detalle=v.texto("costo_detalle", d.costo_detalle, _("el detalle del costo")),
        lugar=v.texto("lugar", d.lugar, _("el lugar")),
        horario=v.texto("horario", d.horario, _("el horario")),
        contacto=v.texto("contacto", d.contacto, _("el contacto")),
        telefono=v.texto("telefono", d.telefono, _("el teléfono"), maximo=60),
        correo=v.texto("correo", d.correo, _("el correo"), maximo=120),
        vigencia_desde=d.vigencia_desde,
        vigencia_hasta=d.vigencia_hasta,
        fuente=v.texto("fuente", d.fuente, _("la fuente")),
        verificado_el=d.verificado_el,
        notas=v.texto("notas", d.notas, _("las notas"), maximo=5000),
    )
    desconocidas = [p for p in (d.poblaciones or ()) if p not in POBLACIONES]
    if desconocidas:
        v.opcion("poblaciones", desconocidas[0], POBLACIONES, _("la población"))
    elif not poblaciones:
        v.error("poblaciones", _("Marque al menos una categoría de población a la que se dirige."))
    if not limpio.cobertura_distrital and not territorios:
        v.error("territorio_ids", _("Elija al menos un territorio, o marque que cubre todo el distrito."))
    elif territorios:
        existentes = set(s.scalars(select(Territorio.id).where(Territorio.municipio_id == municipio_id,
                                                               Territorio.id.in_(territorios))))
        if existentes != set(territorios):
            v.error("territorio_ids", _("Alguno de los territorios elegidos ya no existe; vuelva a elegirlos."))
    if limpio.cupos is not None and limpio.cupos < 0:
        v.error("cupos", _("Los cupos no pueden ser negativos; escriba 0 o más, o déjelos vacíos si no se conocen."))
    if limpio.costo < 0:
        v.error("costo", _("El costo no puede ser negativo; escriba 0 (o deje el campo vacío) si es gratuito."))
    if limpio.vigencia_desde and limpio.vigencia_hasta and limpio.vigencia_hasta < limpio.vigencia_desde:
        v.error("vigencia_hasta", _("La vigencia termina antes de empezar: revise las fechas «desde» y «hasta»."))
    if limpio.verificado_el and limpio.verificado_el > hoy:
        v.error("verificado_el", _("La fecha de verificación no puede ser posterior a hoy ({hoy}).").format(
            hoy=formato.fecha(hoy)))
    if limpio.correo and not _correo_valido(limpio.correo):
        v.error("correo", _("El correo no parece válido; escriba algo como nombre@ejemplo.org.py o déjelo vacío."))
    if limpio.proveedor_id is not None:
        actor = s.get(Actor, limpio.proveedor_id)
        if actor is None or actor.municipio_id != municipio_id:
            v.error("proveedor_id", _("El proveedor elegido ya no existe; elija otro de la lista."))
    if limpio.nombre and "nombre" not in v.errores and "proveedor_id" not in v.errores:
        q = select(Oportunidad.id).where(Oportunidad.municipio_id == municipio_id,
                                         func.lower(Oportunidad.nombre) == limpio.nombre.lower())
        q = q.where(Oportunidad.proveedor_id.is_(None) if limpio.proveedor_id is None
                    else Oportunidad.proveedor_id == limpio.proveedor_id)
        if oportunidad_id is not None:
            q = q.where(Oportunidad.id != oportunidad_id)
        if s.scalar(q.limit(1)) is not None:
            v.error("nombre", _("Este proveedor ya ofrece «{nombre}». Use otro nombre o edite la existente.").format(
                nombre=limpio.nombre))
    v.verificar()
    return limpio


# -- alta, lectura, edición ---------------------------------------------------------------------------------
def _fijar_relaciones(s: Session, o: Oportunidad, d: DatosOportunidad) -> None:
    if {p.categoria for p in o.poblaciones} != set(d.poblaciones):
        if o.poblaciones:
            # Delete in SQL first: re-adding a category removed in the same flush would collide on the
            # (oportunidad, categoría) key.
            o.poblaciones = []
            s.flush()
        o.poblaciones = [OportunidadPoblacion(municipio_id=o.municipio_id, categoria=p) for p in d.poblaciones]
    o.territorios = list(s.scalars(select(Territorio).where(Territorio.id.in_(d.territorio_ids)))) \
        if d.territorio_ids else []


def crear_oportunidad(s: Session, municipio_id: int, datos: DatosOportunidad, hoy: date | None = None) -> int:
    d = validar(s, municipio_id, datos, hoy=hoy)
    o = Oportunidad(municipio_id=municipio_id, **{c: getattr(d, c) for c in COLUMNAS})
    s.add(o)
    s.flush()
    _fijar_relaciones(s, o, d)
    s.flush()
    auditar(s, municipio_id, "oportunidad", o.id, "crear", d.nombre)
    return o.id


def _datos(o: Oportunidad) -> DatosOportunidad:
    return DatosOportunidad(
        **{c: getattr(o, c) for c in COLUMNAS},
        poblaciones=tuple(p for p in POBLACIONES if p in {x.categoria for x in o.poblaciones}),
        territorio_ids=tuple(sorted(t.id for t in o.territorios)),
    )


def obtener_oportunidad(s: Session, oportunidad_id: int) -> DatosOportunidad:
    return _datos(obtener(s, Oportunidad, oportunidad_id, _("la oportunidad")))


def actualizar_oportunidad(s: Session, oportunidad_id: int, datos: DatosOportunidad,
                           hoy: date | None = None) -> DatosOportunidad:
    """Guarda los cambios y devuelve los datos anteriores (la orden de deshacer los vuelve a aplicar)."""
    o = obtener(s, Oportunidad, oportunidad_id, _("la oportunidad"))
    anterior = _datos(o)
    d = validar(s, o.municipio_id, datos, oportunidad_id, hoy=hoy)
    for c in COLUMNAS:
        setattr(o, c, getattr(d, c))
    _fijar_relaciones(s, o, d)
    s.flush()
    cambios = [c for c in CAMPOS if getattr(anterior, c) != getattr(d, c)]
    auditar(s, o.municipio_id, "oportunidad", o.id, "actualizar", f"{d.nombre}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


# -- baja que se puede deshacer -----------------------------------------------------------------------------
@dataclass(frozen=True)
class OportunidadEliminada:
    """Todo lo necesario para devolver la oportunidad con el mismo número, sus poblaciones y territorios."""

    columnas: dict[str, Any]
    poblaciones: tuple[str, ...] = ()
    territorios: tuple[int, ...] = field(default=())
    cruces: tuple[dict[str, Any], ...] = ()  # the needs it answered (cruce oferta–demanda), deleted in cascade
    actividades: tuple[dict[str, Any], ...] = ()  # plan activities that used it (deleted in cascade)


def eliminar_oportunidad(s: Session, oportunidad_id: int) -> OportunidadEliminada:
    o = obtener(s, Oportunidad, oportunidad_id, _("la oportunidad"))
    copia = OportunidadEliminada({a.key: getattr(o, a.key) for a in inspect(o).mapper.column_attrs},
                                 tuple(p.categoria for p in o.poblaciones), tuple(t.id for t in o.territorios),
                                 copiar_filas(s, CruceNecesidad, CruceNecesidad.oportunidad_id == oportunidad_id),
                                 copiar_filas(s, actividad_oportunidad,
                                              actividad_oportunidad.c.oportunidad_id == oportunidad_id))
    municipio_id, nombre = o.municipio_id, o.nombre
    s.delete(o)
    s.flush()
    auditar(s, municipio_id, "oportunidad", oportunidad_id, "eliminar", nombre)
    return copia


def restaurar_oportunidad(s: Session, copia: OportunidadEliminada) -> int:
    columnas = dict(copia.columnas)
    if columnas.get("proveedor_id") is not None and s.get(Actor, columnas["proveedor_id"]) is None:
        columnas["proveedor_id"] = None  # the provider was deleted meanwhile: keep the entry, without it
    o = Oportunidad(**columnas)
    s.add(o)
    s.flush()
    o.poblaciones = [OportunidadPoblacion(municipio_id=o.municipio_id, categoria=p) for p in copia.poblaciones]
    if copia.territorios:
        o.territorios = list(s.scalars(select(Territorio).where(Territorio.id.in_(copia.territorios))))
    s.flush()
    # The needs it answered may have been deleted meanwhile.
    vivas = set(s.scalars(select(Necesidad.id).where(Necesidad.id.in_({c["necesidad_id"] for c in copia.cruces}))))
    reponer_filas(s, CruceNecesidad, [c for c in copia.cruces if c["necesidad_id"] in vivas])
    vivas = set(s.scalars(select(Actividad.id).where(
        Actividad.id.in_({a["actividad_id"] for a in copia.actividades}))))
    reponer_filas(s, actividad_oportunidad, [a for a in copia.actividades if a["actividad_id"] in vivas])
    auditar(s, o.municipio_id, "oportunidad", o.id, "restaurar", o.nombre)
    return o.id


def contar_oportunidades(s: Session, municipio_id: int) -> int:
    return s.scalar(select(func.count()).select_from(Oportunidad).where(Oportunidad.municipio_id == municipio_id)) or 0


# -- lista --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FilaOportunidad:
    """Una fila de la lista con los textos ya formateados (tabla, catálogo, PDF y planilla los usan tal cual)."""

    id: int
    nombre: str
    descripcion: str
    proveedor_id: int | None
    proveedor: str  # name, "" when none
    origen: str
    origen_texto: str
    pilar: str
    pilar_texto: str
    paquete: str
    paquete_texto: str
    tipo_beneficio: str
    beneficio_texto: str
    poblaciones: tuple[str, ...]
    poblaciones_texto: str
    requisitos: str
    cobertura_distrital: bool
    territorio_ids: tuple[int, ...]
    cobertura_texto: str  # «Todo el distrito» or the territory names
    cupos: int | None
    cupos_texto: str
    costo: int
    costo_texto: str  # «Gratuito» or «₲ 150.000»
    costo_detalle: str
    lugar: str
    horario: str
    contacto: str
    telefono: str
    correo: str
    vigencia_desde: date | None
    vigencia_hasta: date | None
    vigencia_texto: str
    vigencia: str  # VIGENTE, VENCIDA or POR_INICIAR
    vigente: bool
    fuente: str
    verificado_el: date | None
    verificado_texto: str
    verificar: bool  # information missing its check date or older than the configured age
    notas: str = ""
    # The provider's own contact (the printed catalogue hands it to community leaders).
    proveedor_contacto: str = ""
    proveedor_telefono: str = ""
    proveedor_correo: str = ""

    @cached_property
    def busqueda(self) -> str:
        """Todo lo que la búsqueda de texto mira, sin mayúsculas ni tildes (computed once per row)."""
        return sin_tildes(" ".join((
            self.nombre, self.proveedor, self.descripcion, self.requisitos, self.origen_texto, self.pilar_texto,
            self.paquete_texto, self.beneficio_texto, self.poblaciones_texto, self.cobertura_texto, self.costo_detalle,
            self.lugar, self.horario, self.contacto, self.telefono, self.correo, self.fuente, self.notas)))




def estado_vigencia(desde: date | None, hasta: date | None, hoy: date) -> str:
    if hasta is not None and hasta < hoy:
        return VENCIDA
    if desde is not None and desde > hoy:
        return POR_INICIAR
    return VIGENTE


def hay_que_verificar(verificado_el: date | None, hoy: date, dias: int = DIAS_PARA_VERIFICAR) -> bool:
    """True si la información nunca se verificó o se verificó hace más de `dias` días."""
    return verificado_el is None or (hoy - verificado_el).days > dias


def texto_vigencia(desde: date | None, hasta: date | None) -> str:
    if desde and hasta:
        return _("{desde} al {hasta}").format(desde=formato.fecha(desde), hasta=formato.fecha(hasta))
    if hasta:
        return _("hasta el {hasta}").format(hasta=formato.fecha(hasta))
    if desde:
        return _("desde el {desde}").format(desde=formato.fecha(desde))
    return _("Sin plazo indicado")


def texto_costo(costo: int) -> str:
    return _("Gratuito") if not costo else formato.guaranies(costo)


def listar_oportunidades(s: Session, municipio_id: int, hoy: date | None = None,
                         dias_para_verificar: int = DIAS_PARA_VERIFICAR) -> list[FilaOportunidad]:
    """Todas las oportunidades del municipio, por nombre, con lo que muestran la tabla y el catálogo."""
    hoy = hoy or date.today()
    poblaciones: dict[int, set[str]] = {}
    for oid, cat in s.execute(select(OportunidadPoblacion.oportunidad_id, OportunidadPoblacion.categoria)
                              .where(OportunidadPoblacion.municipio_id == municipio_id)):
        poblaciones.setdefault(oid, set()).add(cat)
    territorios: dict[int, list[tuple[int, str]]] = {}
    for oid, tid, nombre in s.execute(
            select(oportunidad_territorio.c.oportunidad_id, Territorio.id, Territorio.nombre)
            .join(Territorio, Territorio.id == oportunidad_territorio.c.territorio_id)
            .where(Territorio.municipio_id == municipio_id).order_by(func.lower(Territorio.nombre))):
        territorios.setdefault(oid, []).append((tid, nombre))

    q = (select(Oportunidad, Actor.nombre, Actor.contacto, Actor.telefono, Actor.correo)
         .outerjoin(Actor, Actor.id == Oportunidad.proveedor_id)
         .where(Oportunidad.municipio_id == municipio_id)
         .order_by(func.lower(Oportunidad.nombre), Oportunidad.id))
    salida = []
    # Labels translated once per call, not per row.
    textos = {nombre: {k: traducir(v) for k, v in dic.items()}
              for nombre, dic in (("origen", ORIGENES), ("pilar", PILARES), ("paquete", PAQUETES),
                                  ("beneficio", TIPOS_BENEFICIO), ("poblacion", POBLACIONES))}
    todo_el_distrito = _("Todo el distrito")
    sin_limite = _("Sin límite indicado")
    for o, prov, prov_contacto, prov_tel, prov_correo in s.execute(q):
        pobs = tuple(p for p in POBLACIONES if p in poblaciones.get(o.id, ()))
        donde = territorios.get(o.id, [])
        vig = estado_vigencia(o.vigencia_desde, o.vigencia_hasta, hoy)
        salida.append(FilaOportunidad(
            id=o.id, nombre=o.nombre, descripcion=o.descripcion, proveedor_id=o.proveedor_id, proveedor=prov or "",
            origen=o.origen, origen_texto=textos["origen"].get(o.origen, o.origen),
            pilar=o.pilar, pilar_texto=textos["pilar"].get(o.pilar, o.pilar),
            paquete=o.paquete, paquete_texto=textos["paquete"].get(o.paquete, o.paquete),
            tipo_beneficio=o.tipo_beneficio, beneficio_texto=textos["beneficio"].get(o.tipo_beneficio,
                                                                                     o.tipo_beneficio),
            poblaciones=pobs, poblaciones_texto=", ".join(textos["poblacion"][p] for p in pobs),
            requisitos=o.requisitos, cobertura_distrital=o.cobertura_distrital,
            territorio_ids=tuple(t for t, _n in donde) if not o.cobertura_distrital else (),
            cobertura_texto=todo_el_distrito if o.cobertura_distrital else ", ".join(n for _t, n in donde),
            cupos=o.cupos, cupos_texto=formato.entero(o.cupos) if o.cupos is not None else sin_limite,
            costo=o.costo, costo_texto=texto_costo(o.costo), costo_detalle=o.costo_detalle,
            lugar=o.lugar, horario=o.horario, contacto=o.contacto, telefono=o.telefono, correo=o.correo,
            vigencia_desde=o.vigencia_desde, vigencia_hasta=o.vigencia_hasta,
            vigencia_texto=texto_vigencia(o.vigencia_desde, o.vigencia_hasta), vigencia=vig, vigente=vig == VIGENTE,
            fuente=o.fuente, verificado_el=o.verificado_el, verificado_texto=formato.fecha(o.verificado_el),
            verificar=hay_que_verificar(o.verificado_el, hoy, dias_para_verificar), notas=o.notas,
            proveedor_contacto=prov_contacto or "", proveedor_telefono=prov_tel or "",
            proveedor_correo=prov_correo or "",
        ))
    return salida


# -- filtros ------------------------------------------------------------------------------------------------
TODAS, VIGENTES, VENCIDAS = "todas", "vigentes", "vencidas"


@dataclass(frozen=True)
class FiltroOportunidades:
    """Lo que el coordinador eligió en los filtros; None = sin restricción. `acepta(fila)` decide cada fila."""

    pilar: str | None = None
    poblacion: str | None = None
    paquete: str | None = None
    origen: str | None = None
    territorio_id: int | None = None
    proveedor_id: int | None = None
    vigencia: str = TODAS  # TODAS, VIGENTES or VENCIDAS
    solo_verificar: bool = False
    texto: str = ""  # every word must appear (name, provider, description, requirements, place, contact…)

    def vacio(self) -> bool:
        return self == FiltroOportunidades()

    def acepta(self, f: FilaOportunidad) -> bool:
        if self.pilar is not None and f.pilar != self.pilar:
            return False
        if self.poblacion is not None and self.poblacion not in f.poblaciones:
            return False
        if self.paquete is not None and f.paquete != self.paquete:
            return False
        if self.origen is not None and f.origen != self.origen:
            return False
        # What reaches a territory: the entries for the whole district and those chosen for it.
        if self.territorio_id is not None and not (f.cobertura_distrital or self.territorio_id in f.territorio_ids):
            return False
        if self.proveedor_id is not None and f.proveedor_id != self.proveedor_id:
            return False
        if self.vigencia == VIGENTES and not f.vigente:
            return False
        if self.vigencia == VENCIDAS and f.vigencia != VENCIDA:
            return False
        if self.solo_verificar and not f.verificar:
            return False
        return all(palabra in f.busqueda for palabra in self._palabras)

    @cached_property
    def _palabras(self) -> tuple[str, ...]:
        return tuple(sin_tildes(self.texto).split())


def filtrar(filas: Iterable[FilaOportunidad], filtro: FiltroOportunidades) -> list[FilaOportunidad]:
    return [f for f in filas if filtro.acepta(f)]


def proveedores_de(filas: Iterable[FilaOportunidad]) -> list[tuple[int, str]]:
    """Los proveedores que aparecen en la lista (para el filtro), por nombre."""
    vistos = {f.proveedor_id: f.proveedor for f in filas if f.proveedor_id is not None}
    return sorted(vistos.items(), key=lambda par: par[1].casefold())


def territorios_para_elegir(s: Session, municipio_id: int) -> list[tuple[int, str]]:
    """(id, nombre) de los territorios del municipio, por nombre: para los filtros y el formulario."""
    return [(t, n) for t, n in s.execute(select(Territorio.id, Territorio.nombre)
                                         .where(Territorio.municipio_id == municipio_id)
                                         .order_by(func.lower(Territorio.nombre)))]


def proveedores_para_elegir(s: Session, municipio_id: int) -> list[tuple[int, str]]:
    """(id, nombre) de todos los actores del municipio, por nombre: cualquiera puede ofrecer un servicio."""
    return [(a, n) for a, n in s.execute(select(Actor.id, Actor.nombre).where(Actor.municipio_id == municipio_id)
                                         .order_by(func.lower(Actor.nombre)))]


# -- catálogo -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GrupoPoblacion:
    poblacion: str
    titulo: str
    filas: tuple[FilaOportunidad, ...]


@dataclass(frozen=True)
class GrupoPilar:
    pilar: str
    titulo: str
    grupos: tuple[GrupoPoblacion, ...]

    @property
    def cantidad(self) -> int:
        """Oportunidades distintas del pilar (una puede aparecer bajo varias categorías de población)."""
        return len({f.id for g in self.grupos for f in g.filas})


def agrupar_catalogo(filas: Sequence[FilaOportunidad], poblacion: str | None = None) -> list[GrupoPilar]:
    """Catálogo por pilar del SPS y, dentro de cada uno, por categoría de población (ciclo de vida, luego Hogares
    y Entorno). Una oportunidad para varias categorías aparece en cada una; grupos vacíos no se incluyen.
    Con `poblacion`, solo el grupo de esa categoría (lo que se imprime para, p. ej., las personas mayores)."""
    salida = []
    categorias = {poblacion: POBLACIONES[poblacion]} if poblacion in POBLACIONES else POBLACIONES
    for pilar, titulo_pilar in PILARES.items():
        del_pilar = [f for f in filas if f.pilar == pilar]
        grupos = []
        for categoria, titulo in categorias.items():
            en_grupo = tuple(sorted((f for f in del_pilar if categoria in f.poblaciones),
                                    key=lambda f: (f.nombre.casefold(), f.id)))
            if en_grupo:
                grupos.append(GrupoPoblacion(categoria, traducir(titulo), en_grupo))
        sin_poblacion = tuple(f for f in del_pilar if not f.poblaciones)
        if sin_poblacion and categorias is POBLACIONES:
            grupos.append(GrupoPoblacion("", _("Sin categoría de población"), sin_poblacion))
        if grupos:
            salida.append(GrupoPilar(pilar, traducir(titulo_pilar), tuple(grupos)))
    return salida


def resumen(filas: Sequence[FilaOportunidad]) -> str:
    """«12 oportunidades · 10 vigentes · 3 para verificar»."""
    n = len(filas)
    texto = n_("{n} oportunidad", "{n} oportunidades", n).format(n=formato.entero(n))
    vigentes = sum(1 for f in filas if f.vigente)
    verificar = sum(1 for f in filas if f.verificar)
    texto += " · " + n_("{n} vigente", "{n} vigentes", vigentes).format(n=formato.entero(vigentes))
    if verificar:
        texto += " · " + n_("{n} para verificar", "{n} para verificar", verificar).format(
            n=formato.entero(verificar))
    return texto

