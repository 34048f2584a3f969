"""Matriz de riesgos de los Planes de Acción (columnas del documento 004, «Posibles obstáculos»).

Un riesgo es una fila: escenario de crisis, signos de alerta, acciones preventivas, reducción de daños y ajustes al
programa; probabilidad e impacto de 1 a 5; responsable (un actor), estado, próxima revisión y las actividades del
plan que amenaza (una marca en el Gantt).

Reglas:
- es de un plan, o de un territorio que todavía no tiene plan (al menos uno de los dos). Con plan, el territorio es
  el del plan;
- el nivel no se guarda: sale de la matriz del municipio (`matriz_del_municipio`: la que ajustó, o la de
  recursos/datos/matriz_riesgos.json) en la celda [probabilidad][impacto]; cambiar la matriz cambia todos los
  niveles;
- es seguimiento: se carga y se edita en todo estado del plan menos «cerrado» (`plan.exigir_seguimiento`);
- solo amenaza actividades de su mismo plan;
- «por revisar»: abierto o materializado y con la próxima revisión vencida o dentro de 2 días hábiles
  (`calendario.semaforo`); uno mitigado o cerrado cuenta como «cumplida».

Deshacer (ui/contexto.ComandoServicio): `crear_riesgo` -> id, `eliminar_riesgo` -> copia (con sus actividades
amenazadas), `restaurar_riesgo(copia)` -> id; `actualizar_riesgo` -> datos anteriores; `guardar_matriz` -> la
matriz anterior (None = la de por omisión).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.calendario import CUMPLIDA, POR_VENCER, VENCIDA, semaforo
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.i18n import _, traducir
from nucleo.modelo import Actividad, Actor, Municipio, PlanAccion, Riesgo, Territorio
from nucleo.modelo.riesgo import ESTADOS_RIESGO, riesgo_actividad
from nucleo.rutas import DATOS
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas
from nucleo.servicios.dias_especiales import calendario_de

log = logging.getLogger(__name__)

ARCHIVO_MATRIZ = DATOS / "matriz_riesgos.json"
TAMANO = 5  # probability and impact go from 1 to 5
ESTADOS_ABIERTOS = ("abierto", "materializado")  # the ones that still need watching
MAXIMO_ESCENARIO = 2000
MAXIMO_TEXTO = 5000
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def texto_estado(estado: str) -> str:
    return traducir(ESTADOS_RIESGO.get(estado, estado))


# -- la matriz --------------------------------------------------------------------------------------------------
@dataclass
class Nivel:
    clave: str
    etiqueta: str
    color: str  # «#rrggbb»
    accion: str  # what the level asks for («Atención inmediata…»)


@dataclass
class Matriz:
    """Etiquetas de los ejes (índice 0 = valor 1), niveles del más bajo al más alto, y la grilla de 5×5 con la
    clave del nivel de cada celda: `celdas[probabilidad - 1][impacto - 1]`."""

    probabilidad: list[str]
    impacto: list[str]
    niveles: list[Nivel]
    celdas: list[list[str]]

    def nivel(self, probabilidad: int, impacto: int) -> Nivel:
        p = min(max(int(probabilidad), 1), TAMANO)
        i = min(max(int(impacto), 1), TAMANO)
        clave = self.celdas[p - 1][i - 1]
        return self.por_clave().get(clave) or self.niveles[0]

    def por_clave(self) -> dict[str, Nivel]:
        return {n.clave: n for n in self.niveles}

    def orden_nivel(self, clave: str) -> int:
        """0 para el nivel más bajo; sirve para ordenar por gravedad."""
        return next((k for k, n in enumerate(self.niveles) if n.clave == clave), 0)

    def como_dict(self) -> dict[str, Any]:
        return {"probabilidad": list(self.probabilidad), "impacto": list(self.impacto),
                "niveles": [asdict(n) for n in self.niveles], "celdas": [list(f) for f in self.celdas]}

    def como_json(self) -> str:
        return json.dumps(self.como_dict(), ensure_ascii=False, indent=1)


def matriz_de_dict(datos: Any) -> Matriz:
    """La matriz de un diccionario con la forma de matriz_riesgos.json, validada (ErroresDeValidacion si no sirve)."""
    v = Validador()
    if not isinstance(datos, dict):
        raise ErroresDeValidacion({"matriz": _("La matriz de riesgos no tiene la forma esperada (probabilidad, "
                                               "impacto, niveles y celdas).")})

    def etiquetas(campo: str, nombre: str) -> list[str]:
        lista = datos.get(campo)
        if not isinstance(lista, list) or len(lista) != TAMANO or not all(isinstance(x, str) for x in lista):
            v.error(campo, _("Escriba las {n} etiquetas de {nombre}, de 1 a {n}.").format(n=TAMANO, nombre=nombre))
            return [str(k) for k in range(1, TAMANO + 1)]
        limpias = [" ".join(x.split()) for x in lista]
        if any(not x for x in limpias):
            v.error(campo, _("Falta una etiqueta de {nombre}: cada valor de 1 a {n} lleva su nombre.").format(
                nombre=nombre, n=TAMANO))
        elif any(len(x) > 40 for x in limpias):
            v.error(campo, _("Acorte las etiquetas de {nombre}: el máximo es 40 caracteres.").format(nombre=nombre))
        return limpias

    probabilidad = etiquetas("probabilidad", _("la probabilidad"))
    impacto = etiquetas("impacto", _("el impacto"))
    niveles: list[Nivel] = []
    crudos = datos.get("niveles")
    if not isinstance(crudos, list) or not crudos:
        v.error("niveles", _("La matriz necesita al menos un nivel (por ejemplo Bajo, Medio, Alto)."))
        crudos = []
    for n, crudo in enumerate(crudos, start=1):
        if not isinstance(crudo, dict):
            v.error("niveles", _("El nivel {n} no tiene la forma esperada (clave, etiqueta, color y acción).").format(
                n=n))
            continue
        clave = str(crudo.get("clave") or "").strip()
        etiqueta = " ".join(str(crudo.get("etiqueta") or "").split())
        color = str(crudo.get("color") or "").strip()
        accion = str(crudo.get("accion") or "").strip()
        if not clave or not etiqueta:
            v.error("niveles", _("El nivel {n} no tiene nombre: escriba su etiqueta.").format(n=n))
        elif any(x.clave == clave for x in niveles):
            v.error("niveles", _("Hay dos niveles «{etiqueta}»: cada nivel va una sola vez.").format(
                etiqueta=etiqueta))
        if not _COLOR.match(color):
            v.error("niveles", _("El color del nivel «{etiqueta}» ({color}) no es válido: escríbalo como #rrggbb, "
                                 "por ejemplo #c62828.").format(etiqueta=etiqueta or n, color=color or "—"))
        if len(accion) > 500:
            v.error("niveles", _("Acorte la acción del nivel «{etiqueta}»: el máximo es 500 caracteres.").format(
                etiqueta=etiqueta))
        niveles.append(Nivel(clave, etiqueta, color.lower(), accion))
    claves = {x.clave for x in niveles}
    celdas = datos.get("celdas")
    if (not isinstance(celdas, list) or len(celdas) != TAMANO
            or any(not isinstance(f, list) or len(f) != TAMANO for f in celdas)):
        v.error("celdas", _("La grilla de la matriz debe tener {n} filas (probabilidad) de {n} celdas (impacto).")
                .format(n=TAMANO))
        celdas = [[niveles[0].clave if niveles else ""] * TAMANO for _f in range(TAMANO)]
    else:
        celdas = [[str(c) for c in f] for f in celdas]
        for p, fila in enumerate(celdas, start=1):
            for i, c in enumerate(fila, start=1):
                if c not in claves:
                    v.error("celdas", _("La celda de probabilidad {p} e impacto {i} dice «{clave}», que no es uno de "
                                        "los niveles de la matriz.").format(p=p, i=i, clave=c))
    v.verificar()
    return Matriz(probabilidad, impacto, niveles, celdas)


@lru_cache(maxsize=1)
def _por_defecto_json() -> str:
    return ARCHIVO_MATRIZ.read_text(encoding="utf-8")


def matriz_por_defecto() -> Matriz:
    """La matriz de Articula (recursos/datos/matriz_riesgos.json); una copia nueva cada vez."""
    return matriz_de_dict(json.loads(_por_defecto_json()))


def matriz_del_municipio(s: Session, municipio_id: int) -> Matriz:
    """La matriz que ajustó el municipio, o la de por omisión."""
    guardada = s.scalar(select(Municipio.matriz_riesgos).where(Municipio.id == municipio_id)) or ""
    if not guardada.strip():
        return matriz_por_defecto()
    try:
        return matriz_de_dict(json.loads(guardada))
    except (ValueError, ErrorDeUsuario):
        # A damaged stored matrix must not hide the risks: they are shown with the default one.
        log.warning("La matriz de riesgos guardada del municipio %s no se puede leer; se usa la de por omisión.",
                    municipio_id, exc_info=True)
        return matriz_por_defecto()


def guardar_matriz(s: Session, municipio_id: int, matriz: Matriz | None) -> Matriz | None:
    """Guarda la matriz del municipio (None = volver a la de por omisión); devuelve la anterior (None si era la de
    por omisión) para deshacer. Valida: 5×5, claves conocidas, colores #rrggbb."""
    m = obtener(s, Municipio, municipio_id, _("el municipio"))
    anterior = matriz_del_municipio(s, municipio_id) if (m.matriz_riesgos or "").strip() else None
    if matriz is None:
        m.matriz_riesgos = ""
        resumen = _("vuelve a la matriz de por omisión")
    else:
        limpia = matriz_de_dict(matriz.como_dict() if isinstance(matriz, Matriz) else matriz)
        m.matriz_riesgos = limpia.como_json()
        resumen = ", ".join(n.etiqueta for n in limpia.niveles)
    s.flush()
    auditar(s, municipio_id, "matriz_riesgos", municipio_id, "actualizar", resumen)
    return anterior


# -- datos ------------------------------------------------------------------------------------------------------
@dataclass
class DatosRiesgo:
    plan_id: int | None = None
    territorio_id: int | None = None
    escenario: str = ""
    signos_alerta: str = ""
    acciones_preventivas: str = ""
    reduccion_danos: str = ""
    ajustes_programa: str = ""
    probabilidad: int = 3
    impacto: int = 3
    responsable_id: int | None = None
    estado: str = "abierto"
    proxima_revision: date | None = None
    notas: str = ""
    actividades: tuple[int, ...] = ()


CAMPOS = tuple(f.name for f in fields(DatosRiesgo))
CAMPOS_COLUMNA = tuple(c for c in CAMPOS if c != "actividades")


@dataclass(frozen=True)
class FilaRiesgo:
    id: int
    plan_id: int | None
    territorio_id: int | None
    territorio: str
    orden: int
    escenario: str
    signos_alerta: str
    acciones_preventivas: str
    reduccion_danos: str
    ajustes_programa: str
    probabilidad: int
    impacto: int
    nivel: str  # clave of the level in the matrix
    nivel_texto: str
    color: str
    responsable_id: int | None
    responsable: str
    estado: str
    estado_texto: str
    proxima_revision: date | None
    revision: str  # al_dia, por_vencer, vencida, sin_fecha; cumplida for mitigado/cerrado
    actividades: list[tuple[int, str]] = field(default_factory=list)  # (id, «1.2 Taller»)
    notas: str = ""

    @property
    def por_revisar(self) -> bool:
        return self.estado in ESTADOS_ABIERTOS and self.revision in (POR_VENCER, VENCIDA)


@dataclass(frozen=True)
class RiesgoEliminado:
    columnas: dict[str, Any]
    actividades: tuple[dict[str, Any], ...] = ()  # riesgo_actividad rows


# -- validación -------------------------------------------------------------------------------------------------
def _escala(v: Validador, campo: str, valor: Any, etiqueta: str) -> int:
    if isinstance(valor, bool) or not isinstance(valor, int) or not 1 <= valor <= TAMANO:
        v.error(campo, _("{etiqueta} va de 1 a {n}: elija un valor de la escala.").format(etiqueta=etiqueta, n=TAMANO))
        return 3
    return valor


def _fecha(v: Validador, campo: str, valor: Any, etiqueta: str) -> date | None:
    if valor is None:
        return None
    if not isinstance(valor, date):
        v.error(campo, _("{etiqueta} no es una fecha válida.").format(etiqueta=etiqueta))
        return None
    valor = valor.date() if isinstance(valor, datetime) else valor
    if not 2000 <= valor.year <= 2100:
        v.error(campo, _("{etiqueta} ({fecha}) parece mal escrita: revise el año.").format(
            etiqueta=etiqueta, fecha=formato.fecha(valor)))
    return valor


def _plan_exigido(s: Session, plan_id: int) -> PlanAccion:
    """El plan, si admite seguimiento (todo estado menos cerrado), con un mensaje que nombra la matriz de riesgos."""
    from nucleo.servicios.plan import exigir_seguimiento

    p = s.get(PlanAccion, plan_id)
    if p is not None and p.estado == "cerrado":
        raise ErrorDeUsuario(_("El plan «{titulo}» está cerrado: su matriz de riesgos ya no se modifica. Si hace "
                               "falta corregir algo, vuelva el plan a «En ejecución».").format(titulo=p.titulo),
                             campo="plan_id")
    return exigir_seguimiento(s, plan_id)


def validar(s: Session, municipio_id: int, d: DatosRiesgo) -> DatosRiesgo:
    """Los datos limpios o ErroresDeValidacion, cada error atado a su campo."""
    v = Validador()
    limpio = DatosRiesgo(
        plan_id=d.plan_id,
        territorio_id=d.territorio_id,
        escenario=v.texto("escenario", d.escenario, _("el escenario de crisis"), obligatorio=True,
                          maximo=MAXIMO_ESCENARIO),
        signos_alerta=v.texto("signos_alerta", d.signos_alerta, _("los signos de alerta"), maximo=MAXIMO_TEXTO),
        acciones_preventivas=v.texto("acciones_preventivas", d.acciones_preventivas, _("las acciones preventivas"),
                                     maximo=MAXIMO_TEXTO),
        reduccion_danos=v.texto("reduccion_danos", d.reduccion_danos, _("la reducción de daños"),
                                maximo=MAXIMO_TEXTO),
        ajustes_programa=v.texto("ajustes_programa", d.ajustes_programa, _("los ajustes al programa"),
                                 maximo=MAXIMO_TEXTO),
        probabilidad=_escala(v, "probabilidad", d.probabilidad, _("La probabilidad")),
        impacto=_escala(v, "impacto", d.impacto, _("El impacto")),
        responsable_id=d.responsable_id,
        estado=v.opcion("estado", d.estado, ESTADOS_RIESGO, _("el estado del riesgo")),
        proxima_revision=_fecha(v, "proxima_revision", d.proxima_revision, _("La próxima revisión")),
        notas=v.texto("notas", d.notas, _("las notas"), maximo=MAXIMO_TEXTO),
        actividades=tuple(dict.fromkeys(int(a) for a in (d.actividades or ()))),
    )
    plan = None
    if limpio.plan_id is not None:
        plan = s.get(PlanAccion, limpio.plan_id)
        if plan is None or plan.municipio_id != municipio_id:
            v.error("plan_id", _("El Plan de Acción elegido ya no existe; elija otro."))
            plan = None
    if limpio.territorio_id is not None:
        t = s.get(Territorio, limpio.territorio_id)
        if t is None or t.municipio_id != municipio_id:
            v.error("territorio_id", _("El territorio elegido ya no existe; elija otro de la lista."))
        elif plan is not None and plan.territorio_id != t.id:
            v.error("territorio_id", _("El territorio elegido no es el del Plan de Acción: un riesgo del plan es de "
                                       "su territorio."))
    elif plan is not None:
        limpio.territorio_id = plan.territorio_id
    if limpio.plan_id is None and limpio.territorio_id is None and "territorio_id" not in v.errores:
        v.error("territorio_id", _("Indique de qué territorio (o de qué Plan de Acción) es el riesgo."))
    if limpio.responsable_id is not None:
        a = s.get(Actor, limpio.responsable_id)
        if a is None or a.municipio_id != municipio_id:
            v.error("responsable_id", _("El responsable elegido ya no está en la matriz de actores; elija otro."))
    if limpio.actividades:
        if limpio.plan_id is None:
            v.error("actividades", _("Un riesgo sin Plan de Acción no amenaza actividades: las actividades son de un "
                                     "plan."))
        elif plan is not None:
            del_plan = set(s.scalars(select(Actividad.id).where(Actividad.id.in_(limpio.actividades),
                                                                Actividad.plan_id == plan.id)))
            ajenas = [a for a in limpio.actividades if a not in del_plan]
            if ajenas:
                v.error("actividades", _("Un riesgo amenaza solo actividades de su mismo Plan de Acción: hay "
                                         "{n} actividad(es) elegida(s) que son de otro plan o ya no existen.").format(
                    n=formato.entero(len(ajenas))))
    v.verificar()
    return limpio


# -- alta, lectura, edición -------------------------------------------------------------------------------------
def _siguiente_orden(s: Session, plan_id: int | None, territorio_id: int | None) -> int:
    q = select(func.max(Riesgo.orden))
    q = q.where(Riesgo.plan_id == plan_id) if plan_id is not None else q.where(
        Riesgo.plan_id.is_(None), Riesgo.territorio_id == territorio_id)
    return (s.scalar(q) or 0) + 1


def _poner_actividades(s: Session, riesgo_id: int, actividades: tuple[int, ...]) -> None:
    s.execute(delete(riesgo_actividad).where(riesgo_actividad.c.riesgo_id == riesgo_id))
    if actividades:
        s.execute(insert(riesgo_actividad), [{"riesgo_id": riesgo_id, "actividad_id": a} for a in actividades])


def _actividades_de(s: Session, riesgo_id: int) -> tuple[int, ...]:
    return tuple(s.scalars(select(riesgo_actividad.c.actividad_id).where(riesgo_actividad.c.riesgo_id == riesgo_id)
                           .order_by(riesgo_actividad.c.actividad_id)))


def crear_riesgo(s: Session, municipio_id: int, datos: DatosRiesgo) -> int:
    """Agrega el riesgo al final de la matriz de su plan (o de su territorio)."""
    if datos.plan_id is not None and s.get(PlanAccion, datos.plan_id) is not None:
        _plan_exigido(s, datos.plan_id)
    d = validar(s, municipio_id, datos)
    r = Riesgo(municipio_id=municipio_id, orden=_siguiente_orden(s, d.plan_id, d.territorio_id),
               **{c: getattr(d, c) for c in CAMPOS_COLUMNA})
    s.add(r)
    s.flush()
    _poner_actividades(s, r.id, d.actividades)
    s.flush()
    auditar(s, municipio_id, "riesgo", r.id, "crear", d.escenario)
    return r.id


def _datos(s: Session, r: Riesgo) -> DatosRiesgo:
    return DatosRiesgo(**{c: getattr(r, c) for c in CAMPOS_COLUMNA}, actividades=_actividades_de(s, r.id))


def obtener_riesgo(s: Session, riesgo_id: int) -> DatosRiesgo:
    return _datos(s, obtener(s, Riesgo, riesgo_id, _("el riesgo")))


def actualizar_riesgo(s: Session, riesgo_id: int, datos: DatosRiesgo) -> DatosRiesgo:
    """Guarda los cambios y devuelve los datos anteriores (la orden de deshacer los vuelve a aplicar)."""
    r = obtener(s, Riesgo, riesgo_id, _("el riesgo"))
    if r.plan_id is not None:
        _plan_exigido(s, r.plan_id)
    if datos.plan_id is not None and datos.plan_id != r.plan_id and s.get(PlanAccion, datos.plan_id) is not None:
        _plan_exigido(s, datos.plan_id)
    anterior = _datos(s, r)
    d = validar(s, r.municipio_id, datos)
    if (d.plan_id, d.territorio_id if d.plan_id is None else None) != \
            (r.plan_id, r.territorio_id if r.plan_id is None else None):
        r.orden = _siguiente_orden(s, d.plan_id, d.territorio_id)  # moved to another matrix: at its end
    for c in CAMPOS_COLUMNA:
        setattr(r, c, getattr(d, c))
    s.flush()
    if d.actividades != anterior.actividades:
        _poner_actividades(s, r.id, d.actividades)
        s.flush()
    cambios = [c for c in CAMPOS if getattr(anterior, c) != getattr(d, c)]
    auditar(s, r.municipio_id, "riesgo", r.id, "actualizar", f"{d.escenario}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


def eliminar_riesgo(s: Session, riesgo_id: int) -> RiesgoEliminado:
    """Elimina el riesgo; la copia lo devuelve con el mismo número y las mismas actividades amenazadas."""
    r = obtener(s, Riesgo, riesgo_id, _("el riesgo"))
    if r.plan_id is not None:
        _plan_exigido(s, r.plan_id)
    copia = RiesgoEliminado(
        columnas=copiar_filas(s, Riesgo, Riesgo.id == riesgo_id)[0],
        actividades=copiar_filas(s, riesgo_actividad, riesgo_actividad.c.riesgo_id == riesgo_id),
    )
    mid, escenario = r.municipio_id, r.escenario
    s.execute(delete(riesgo_actividad).where(riesgo_actividad.c.riesgo_id == riesgo_id))
    s.delete(r)
    s.flush()
    auditar(s, mid, "riesgo", riesgo_id, "eliminar", escenario)
    return copia


def restaurar_riesgo(s: Session, copia: RiesgoEliminado) -> int:
    """Devuelve el riesgo con el mismo número; las actividades o el responsable borrados mientras tanto no vuelven."""
    columnas = dict(copia.columnas)
    if columnas.get("plan_id") is not None:
        if s.get(PlanAccion, columnas["plan_id"]) is None:
            raise ErrorDeUsuario(_("No se puede devolver el riesgo: su Plan de Acción ya no existe."))
        _plan_exigido(s, columnas["plan_id"])
    elif columnas.get("territorio_id") is not None and s.get(Territorio, columnas["territorio_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver el riesgo: su territorio ya no existe."))
    if columnas.get("responsable_id") is not None and s.get(Actor, columnas["responsable_id"]) is None:
        columnas["responsable_id"] = None
    reponer_filas(s, Riesgo, [columnas])
    ids = {f["actividad_id"] for f in copia.actividades}
    vivas = set(s.scalars(select(Actividad.id).where(Actividad.id.in_(ids)))) if ids else set()
    reponer_filas(s, riesgo_actividad, [f for f in copia.actividades if f["actividad_id"] in vivas])
    s.flush()
    auditar(s, columnas["municipio_id"], "riesgo", columnas["id"], "restaurar", columnas.get("escenario") or "")
    return columnas["id"]


# -- listas -----------------------------------------------------------------------------------------------------
def _revision(estado: str, proxima: date | None, hoy: date, cal: Any) -> str:
    if estado not in ESTADOS_ABIERTOS:
        return CUMPLIDA
    return semaforo(proxima, False, hoy, cal)


def _etiquetas_actividades(s: Session, plan_ids: set[int]) -> dict[int, str]:
    """actividad -> «1.2 Taller» de las actividades de esos planes."""
    from nucleo.servicios.plan import nodos_del_plan

    salida: dict[int, str] = {}
    for plan_id in plan_ids:
        for n in nodos_del_plan(s, plan_id):
            salida[n.id] = f"{n.codigo} {n.nombre}"
    return salida


def _clave_codigo(etiqueta: str) -> tuple[int, ...]:
    codigo = etiqueta.split(" ", 1)[0]
    return tuple(int(p) for p in codigo.split(".") if p.isdigit())


def _filas(s: Session, municipio_id: int, hoy: date, condiciones: list[Any]) -> list[FilaRiesgo]:
    q = (select(Riesgo, Territorio.nombre, Actor.nombre)
         .outerjoin(PlanAccion, PlanAccion.id == Riesgo.plan_id)
         .outerjoin(Territorio, Territorio.id == func.coalesce(Riesgo.territorio_id, PlanAccion.territorio_id))
         .outerjoin(Actor, Actor.id == Riesgo.responsable_id)
         .where(Riesgo.municipio_id == municipio_id, *condiciones))
    filas = s.execute(q).all()
    if not filas:
        return []
    ids = [r.id for r, *_x in filas]
    amenazadas: dict[int, list[int]] = {}
    for rid, aid in s.execute(select(riesgo_actividad.c.riesgo_id, riesgo_actividad.c.actividad_id)
                              .where(riesgo_actividad.c.riesgo_id.in_(ids))):
        amenazadas.setdefault(rid, []).append(aid)
    etiquetas = _etiquetas_actividades(s, {r.plan_id for r, *_x in filas if r.plan_id is not None and
                                           r.id in amenazadas})
    matriz = matriz_del_municipio(s, municipio_id)
    cal = calendario_de(s, municipio_id)
    salida = []
    for r, territorio, responsable in filas:
        nivel = matriz.nivel(r.probabilidad or 3, r.impacto or 3)
        actividades = sorted(((a, etiquetas[a]) for a in amenazadas.get(r.id, ()) if a in etiquetas),
                             key=lambda x: _clave_codigo(x[1]))
        salida.append(FilaRiesgo(
            id=r.id, plan_id=r.plan_id, territorio_id=r.territorio_id, territorio=territorio or "", orden=r.orden,
            escenario=r.escenario or "", signos_alerta=r.signos_alerta or "",
            acciones_preventivas=r.acciones_preventivas or "", reduccion_danos=r.reduccion_danos or "",
            ajustes_programa=r.ajustes_programa or "", probabilidad=r.probabilidad, impacto=r.impacto,
            nivel=nivel.clave, nivel_texto=nivel.etiqueta, color=nivel.color, responsable_id=r.responsable_id,
            responsable=responsable or "", estado=r.estado, estado_texto=texto_estado(r.estado),
            proxima_revision=r.proxima_revision, revision=_revision(r.estado, r.proxima_revision, hoy, cal),
            actividades=actividades, notas=r.notas or "",
        ))
    salida.sort(key=lambda f: (f.territorio.casefold(), f.plan_id is None, f.plan_id or 0, f.orden, f.id))
    return salida


def listar_riesgos(s: Session, municipio_id: int, hoy: date, *, plan_id: int | None = None,
                   territorio_id: int | None = None) -> list[FilaRiesgo]:
    """Los riesgos del municipio (o de un plan, o de un territorio: los suyos y los de su plan), por territorio y en
    su orden, con el nivel, el color y el semáforo de la revisión."""
    condiciones: list[Any] = []
    if plan_id is not None:
        condiciones.append(Riesgo.plan_id == plan_id)
    if territorio_id is not None:
        condiciones.append(or_(Riesgo.territorio_id == territorio_id, PlanAccion.territorio_id == territorio_id))
    return _filas(s, municipio_id, hoy, condiciones)


def mapa_de_calor(filas: list[FilaRiesgo]) -> list[list[int]]:
    """Cuántos riesgos hay en cada celda: `cuentas[probabilidad - 1][impacto - 1]`."""
    cuentas = [[0] * TAMANO for _p in range(TAMANO)]
    for f in filas:
        if 1 <= f.probabilidad <= TAMANO and 1 <= f.impacto <= TAMANO:
            cuentas[f.probabilidad - 1][f.impacto - 1] += 1
    return cuentas


def riesgos_por_actividad(s: Session, plan_id: int, hoy: date) -> dict[int, list[FilaRiesgo]]:
    """actividad -> los riesgos abiertos o materializados que la amenazan (la marca del Gantt)."""
    p = s.get(PlanAccion, plan_id)
    if p is None:
        return {}
    salida: dict[int, list[FilaRiesgo]] = {}
    for f in _filas(s, p.municipio_id, hoy, [Riesgo.plan_id == plan_id, Riesgo.estado.in_(ESTADOS_ABIERTOS)]):
        for aid, _etiqueta in f.actividades:
            salida.setdefault(aid, []).append(f)
    return salida


def por_revisar(s: Session, municipio_id: int, hoy: date) -> list[FilaRiesgo]:
    """Los riesgos abiertos o materializados con la revisión vencida o dentro de 2 días hábiles; los vencidos
    primero, después por fecha."""
    filas = [f for f in _filas(s, municipio_id, hoy, [Riesgo.estado.in_(ESTADOS_ABIERTOS),
                                                      Riesgo.proxima_revision.is_not(None)]) if f.por_revisar]
    filas.sort(key=lambda f: (f.revision != VENCIDA, f.proxima_revision or hoy, f.territorio.casefold(), f.orden))
    return filas


def contar_riesgos(s: Session, municipio_id: int, plan_id: int | None = None) -> int:
    q = select(func.count()).select_from(Riesgo).where(Riesgo.municipio_id == municipio_id)
    if plan_id is not None:
        q = q.where(Riesgo.plan_id == plan_id)
    return s.scalar(q) or 0
