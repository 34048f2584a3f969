"""Actividades del Plan de Acción: la EDT (jerarquía y códigos), las dependencias, los recursos, el cronograma,
la línea base y el seguimiento (avance y fechas reales).

Reglas:
- La estructura (actividades, dependencias, recursos, jerarquía) se edita solo mientras el plan está en borrador o
  en revisión (`plan.exigir_editable`); el seguimiento (avance, fechas reales) y la línea base, en todo estado
  menos cerrado (`plan.exigir_seguimiento`).
- El código «1.2.3» no se guarda: sale de `padre_id` y `orden` (0, 1, 2… sin huecos entre hermanas).
- Una actividad con subactividades es un «resumen»: no se programa (sus fechas son las de sus subactividades, su
  avance el promedio ponderado por duración) y no lleva dependencias; su duración y sus recursos propios, si los
  tenía antes de tener subactividades, no cuentan.
- Cada cambio que afecta el cronograma llama a `reprogramar`, que calcula con `nucleo.cronograma` sobre el
  calendario del municipio y guarda las columnas calculadas de todas las actividades del plan.
- Las fechas reales mandan sobre lo planificado: una actividad empezada se programa desde su inicio real y, si
  terminó, con la duración que tuvo; así un atraso corre a sus sucesoras (y se ve contra la línea base).

Deshacer (ui/contexto.ComandoServicio): `crear_actividad` -> id, `eliminar_actividad` -> copia,
`restaurar_actividad(copia)` -> id (la actividad con sus subactividades, dependencias, recursos y oportunidades, con
los mismos números); `actualizar_actividad`, `mover_actividad`, `cambiar_duracion`, `registrar_avance` devuelven el
dato anterior (deshacer vuelve a aplicarlo); `vincular` -> vínculo anterior o None (deshacer: `desvincular`, o
`vincular` con el anterior); `sangrar`/`desangrar`/`reubicar` -> (padre, orden) anteriores, que `reubicar` vuelve a
poner; `guardar_linea_base` -> copia de la anterior, que `restaurar_linea_base` repone (y devuelve la que reemplazó).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.calendario import Calendario
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import _, traducir
from nucleo.modelo import (
    Actividad,
    Actor,
    Acuerdo,
    Dependencia,
    Oportunidad,
    PlanAccion,
    Recurso,
    Resultado,
    Riesgo,
)
from nucleo.modelo.plan import FUENTES_FONDOS, LADOS, TIPOS_DEPENDENCIA, TIPOS_RECURSO, actividad_oportunidad
from nucleo.modelo.riesgo import riesgo_actividad
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas
from nucleo.servicios.dias_especiales import calendario_de
from nucleo.servicios.listado_actividades import FilaActividad, atrasadas, listar_actividades  # noqa: F401 - API

if TYPE_CHECKING:
    from nucleo.cronograma import Programa, Tarea, Vinculo

ENTIDAD = "actividad"
MAXIMO_NOMBRE = 300
MAXIMO_TEXTO = 5000
MAXIMA_DURACION = 2500  # working days: about ten years, far beyond any municipal plan
MAXIMO_DESFASE = 2500

_T = Actividad.__table__
_D = Dependencia.__table__
_R = Recurso.__table__


# -- datos ------------------------------------------------------------------------------------------------------
@dataclass
class DatosVinculo:
    predecesora_id: int
    tipo: str = "FC"
    desfase: int = 0


@dataclass
class DatosRecurso:
    descripcion: str = ""
    tipo: str = "financiero"
    cantidad: float = 1
    unidad: str = ""
    costo_unitario: int = 0
    fuente: str = "municipal"


@dataclass
class DatosActividad:
    nombre: str = ""
    padre_id: int | None = None
    resultado_id: int | None = None
    responsable_id: int | None = None
    lado: str = "municipalidad"
    duracion: int = 1
    hito: bool = False
    inicio_fijo: date | None = None
    condiciones: str = ""
    medio_verificacion: str = ""
    notas: str = ""
    oportunidades: tuple[int, ...] = ()
    predecesoras: tuple[DatosVinculo, ...] = ()
    recursos: tuple[DatosRecurso, ...] = ()


@dataclass(frozen=True)
class ActividadEliminada:
    """Lo que una baja borró (la actividad, sus subactividades y lo que cuelga de ellas), para reponerlo igual."""

    actividades: tuple[dict[str, Any], ...]  # each parent before its children; the first is the deleted one
    dependencias: tuple[dict[str, Any], ...]
    recursos: tuple[dict[str, Any], ...]
    oportunidades: tuple[dict[str, Any], ...]
    riesgos: tuple[dict[str, Any], ...] = ()  # riesgo_actividad rows: the risks that threatened them
    acuerdos: tuple[tuple[int, int], ...] = ()  # (acuerdo, actividad): mesa agreements turned into them

    @property
    def raiz_id(self) -> int:
        return self.actividades[0]["id"]


@dataclass(frozen=True)
class LineaBase:
    """Las fechas base de las actividades de un plan y cuándo se guardaron (para deshacer un «Guardar línea base»)."""

    plan_id: int
    linea_base_en: datetime | None
    fechas: tuple[tuple[int, date | None, date | None], ...]  # (actividad_id, base_inicio, base_fin)


# -- lectura interna --------------------------------------------------------------------------------------------
def _plan_modulo():
    # Lazy: plan.py imports this module too (a new plan start reschedules).
    from nucleo.servicios import plan

    return plan


def _actividad(s: Session, aid: int) -> Actividad:
    return obtener(s, Actividad, aid, _("la actividad"))


def _estructura(s: Session, plan_id: int) -> tuple[dict[int, tuple[int | None, int, str]], dict[int | None, list[int]]]:
    """({id: (padre_id, orden, nombre)}, {padre_id: [hijas en orden]}) del plan, con una consulta."""
    filas = s.execute(select(_T.c.id, _T.c.padre_id, _T.c.orden, _T.c.nombre).where(_T.c.plan_id == plan_id)).all()
    datos = {i: (p, o, n) for i, p, o, n in filas}
    hijos = _hijos(datos)
    return datos, hijos


def _hijos(datos: dict[int, tuple]) -> dict[int | None, list[int]]:
    hijos: dict[int | None, list[int]] = {}
    for i, fila in datos.items():
        hijos.setdefault(fila[0], []).append(i)
    for lista in hijos.values():
        lista.sort(key=lambda i: (datos[i][1], i))
    return hijos


def _orden_edt(hijos: dict[int | None, list[int]]) -> list[tuple[int, str, int]]:
    """[(id, código, nivel)] en el orden de la EDT (cada padre antes que sus hijas)."""
    salida: list[tuple[int, str, int]] = []
    pila: list[tuple[int, str, int]] = [(i, str(n), 0) for n, i in reversed(list(enumerate(hijos.get(None, ()), 1)))]
    while pila:
        i, codigo, nivel = pila.pop()
        salida.append((i, codigo, nivel))
        hijas = hijos.get(i)
        if hijas:
            pila.extend((h, f"{codigo}.{n}", nivel + 1) for n, h in reversed(list(enumerate(hijas, 1))))
    return salida


def _subarbol(hijos: dict[int | None, list[int]], aid: int) -> list[int]:
    salida, pendientes = [], [aid]
    while pendientes:
        actual = pendientes.pop(0)
        salida.append(actual)
        pendientes.extend(hijos.get(actual, ()))
    return salida


def codigo_de(s: Session, aid: int) -> str:
    """El código EDT de una actividad («1.2.3»)."""
    a = _actividad(s, aid)
    _datos, hijos = _estructura(s, a.plan_id)
    return next(c for i, c, _n in _orden_edt(hijos) if i == aid)


def _nombre_con_codigo(s: Session, a: Actividad) -> str:
    return f"{codigo_de(s, a.id)} {a.nombre}"


def _es_resumen(s: Session, aid: int) -> bool:
    return s.scalar(select(_T.c.id).where(_T.c.padre_id == aid).limit(1)) is not None


def _tiene_vinculos(s: Session, aid: int) -> int:
    return s.scalar(select(func.count()).select_from(_D).where(
        (_D.c.predecesora_id == aid) | (_D.c.sucesora_id == aid))) or 0


# -- cronograma -------------------------------------------------------------------------------------------------
@dataclass
class _Calculado:
    """Un cronograma calculado en memoria: el Programa del motor, las columnas por actividad y los mensajes."""

    programa: Programa
    columnas: dict[int, tuple]  # id -> (inicio, fin, inicio_tardio, fin_tardio, holgura_total, holgura_libre, critica)
    conflictos: list[str]
    actuales: dict[int, tuple]


_COLUMNAS = ("inicio", "fin", "inicio_tardio", "fin_tardio", "holgura_total", "holgura_libre", "critica")


def _tareas(s: Session, plan_id: int, cal: Calendario, inicio_plan: date, quitar: Iterable[tuple[int, int]] = (),
            agregar: Sequence[Vinculo] = ()) -> tuple[list[Tarea], list[Vinculo], dict, dict, dict]:
    """Las tareas y vínculos del motor para las actividades de detalle del plan (con los cambios pedidos)."""
    from nucleo.cronograma import Tarea, Vinculo

    filas = s.execute(select(_T.c.id, _T.c.padre_id, _T.c.orden, _T.c.nombre, _T.c.duracion, _T.c.hito,
                             _T.c.inicio_fijo, _T.c.inicio_real, _T.c.fin_real,
                             *(_T.c[c] for c in _COLUMNAS)).where(_T.c.plan_id == plan_id)).all()
    datos = {f[0]: (f[1], f[2], f[3]) for f in filas}
    hijos = _hijos(datos)
    codigos = {i: c for i, c, _n in _orden_edt(hijos)}
    tareas: list[Tarea] = []
    reales: set[int] = set()
    terminadas: set[int] = set()
    duraciones: dict[int, int] = {}
    actuales = {f[0]: tuple(f[9:]) for f in filas}
    for i, _p, _o, nombre, duracion, hito, fijo, inicio_real, fin_real, *_resto in filas:
        if i in hijos:
            continue
        d = 0 if hito else max(int(duracion or 1), 1)
        inicio = None
        if hito and (fin_real or inicio_real):
            inicio = cal.distancia(inicio_plan, fin_real or inicio_real) + 1
            reales.add(i)
        elif inicio_real is not None:
            inicio = cal.distancia(inicio_plan, inicio_real)
            if fin_real is not None:
                d = max(cal.distancia(inicio_real, fin_real) + 1, 1)
            reales.add(i)
        elif fijo is not None:
            # A milestone «on» a date sits at the end of the day before (fechas() shows it on s - 1).
            inicio = cal.distancia(inicio_plan, fijo) + (1 if hito else 0)
        if fin_real is not None:
            terminadas.add(i)
        duraciones[i] = d
        tareas.append(Tarea(i, d, inicio, f"{codigos[i]} {nombre}"))
    quitar = set(quitar)
    vinculos = [Vinculo(p, q, t, int(k or 0)) for p, q, t, k in s.execute(
        select(_D.c.predecesora_id, _D.c.sucesora_id, _D.c.tipo, _D.c.desfase)
        .join(_T, _T.c.id == _D.c.sucesora_id).where(_T.c.plan_id == plan_id))
        if p in duraciones and q in duraciones and (p, q) not in quitar]
    vinculos.extend(agregar)
    extra = {"reales": reales, "terminadas": terminadas, "duraciones": duraciones, "hijos": hijos, "codigos": codigos, "datos": datos}
    return tareas, vinculos, extra, actuales, {i: nombre for i, (_p, _o, nombre) in datos.items()}


def _plan_de(s: Session, plan_id: int) -> PlanAccion:
    return obtener(s, PlanAccion, plan_id, _("el plan de acción"))


def _calcular(s: Session, plan_id: int) -> _Calculado:
    from nucleo.cronograma import fechas, programar

    plan = _plan_de(s, plan_id)
    cal = calendario_de(s, plan.municipio_id)
    inicio_plan = plan.inicio
    s.flush()
    tareas, vinculos, extra, actuales, _nombres = _tareas(s, plan_id, cal, inicio_plan)
    programa = programar(tareas, vinculos)
    columnas: dict[int, tuple] = {}
    duraciones = extra["duraciones"]
    terminadas = extra["terminadas"]
    for i, calculo in programa.tareas.items():
        ini, fin, ini_t, fin_t = fechas(cal, inicio_plan, calculo, duraciones[i])
        # A finished activity sits on its actual dates (a fixed start for the engine, hence zero slack), but it
        # can no longer delay anything: it is not part of the critical path still ahead.
        critica = bool(calculo.critica) and i not in terminadas
        columnas[i] = (ini, fin, ini_t, fin_t, calculo.holgura_total, calculo.holgura_libre, critica)
    # Summaries, deepest first: each one spans its children.
    hijos = extra["hijos"]
    for i, _codigo, _nivel in reversed(_orden_edt(hijos)):
        hijas = hijos.get(i)
        if not hijas:
            continue
        cols = [columnas[h] for h in hijas if h in columnas]
        if not cols:
            columnas[i] = (None, None, None, None, None, None, False)
            continue
        columnas[i] = (_min(c[0] for c in cols), _max(c[1] for c in cols), _min(c[2] for c in cols),
                       _max(c[3] for c in cols), _min(c[4] for c in cols), None, any(c[6] for c in cols))
    conflictos = []
    reales, codigos = extra["reales"], extra["codigos"]
    nombres = extra["datos"]
    for c in programa.conflictos:
        if c.tarea in reales:
            continue  # it already started: a fact, not a constraint the user can fix
        hito = duraciones.get(c.tarea) == 0
        fijo = cal.desplazar(inicio_plan, _dia_de_hito(c.inicio_fijo) if hito else c.inicio_fijo)
        requerido = cal.desplazar(inicio_plan, _dia_de_hito(c.inicio_requerido) if hito else c.inicio_requerido)
        conflictos.append(_("{actividad} tiene inicio fijo el {fijo}, pero sus predecesoras la llevan al "
                            "{requerido}.").format(actividad=f"{codigos[c.tarea]} {nombres[c.tarea][2]}",
                                                    fijo=formato.fecha(fijo), requerido=formato.fecha(requerido)))
    return _Calculado(programa, columnas, conflictos, actuales)


def _dia_de_hito(s: int) -> int:
    # The same rule as cronograma.fechas: a milestone shows on the day before its offset (the plan start for 0).
    return s - 1 if s != 0 else 0


def _min(valores: Iterable[Any]) -> Any:
    v = [x for x in valores if x is not None]
    return min(v) if v else None


def _max(valores: Iterable[Any]) -> Any:
    v = [x for x in valores if x is not None]
    return max(v) if v else None


def reprogramar(s: Session, plan_id: int) -> Programa:
    """Calcula el cronograma del plan y guarda las fechas calculadas (solo las que cambiaron, en una sentencia)."""
    calc = _calcular(s, plan_id)
    cambios = [dict(zip(("b_" + c for c in _COLUMNAS), cols, strict=True), b_id=i)
               for i, cols in calc.columnas.items() if calc.actuales.get(i) != cols]
    if cambios:
        s.execute(update(_T).where(_T.c.id == bindparam("b_id"))
                  .values({c: bindparam("b_" + c) for c in _COLUMNAS}), cambios)
        # Loaded Actividad objects would keep the old values: they are read again when next touched.
        for obj in list(s.identity_map.values()):
            if isinstance(obj, Actividad):
                s.expire(obj, list(_COLUMNAS))
    return calc.programa


def conflictos_del_plan(s: Session, plan_id: int) -> list[str]:
    """Los inicios fijos que las predecesoras no permiten, con sus fechas (calculado ahora, sin guardar nada)."""
    from nucleo.cronograma import CicloError

    try:
        return _calcular(s, plan_id).conflictos
    except CicloError as exc:
        return [exc.mensaje]


def _comprobar_ciclo(s: Session, plan_id: int, quitar: Iterable[tuple[int, int]], agregar: Sequence[Vinculo]) -> None:
    """Rechaza, antes de escribir nada, vínculos que cerrarían un ciclo (el mensaje del motor nombra las
    actividades)."""
    from nucleo.cronograma import CicloError, encontrar_ciclo, programar

    plan = _plan_de(s, plan_id)
    cal = calendario_de(s, plan.municipio_id)
    tareas, vinculos, extra, _a, _n = _tareas(s, plan_id, cal, plan.inicio, quitar, agregar)
    ciclo = encontrar_ciclo(tareas, vinculos)
    if not ciclo:
        return
    programar(tareas, vinculos)  # raises CicloError with the activities named
    nombres = " → ".join(f"{extra['codigos'][i]} {extra['datos'][i][2]}" for i in [*ciclo, ciclo[0]])
    raise CicloError(_("Las dependencias forman un ciclo: {ciclo}. Quite o cambie una de ellas.").format(
        ciclo=nombres))


# -- validación -------------------------------------------------------------------------------------------------
def campo_recurso(n: int, campo: str) -> str:
    """El nombre de campo de un error del recurso número `n` (desde 1), p. ej. «recursos.2.cantidad»."""
    return f"recursos.{n}.{campo}"


def campo_predecesora(n: int, campo: str) -> str:
    return f"predecesoras.{n}.{campo}"


def _validar(s: Session, plan: PlanAccion, d: DatosActividad, aid: int | None = None,
             es_resumen: bool = False) -> DatosActividad:
    v = Validador()
    nombre = v.texto("nombre", d.nombre, _("el nombre de la actividad"), obligatorio=True, maximo=MAXIMO_NOMBRE)
    lado = v.opcion("lado", d.lado, LADOS, _("quién responde"))
    condiciones = v.texto("condiciones", d.condiciones, _("las condiciones de satisfacción"), maximo=MAXIMO_TEXTO)
    medio = v.texto("medio_verificacion", d.medio_verificacion, _("el medio de verificación"), maximo=MAXIMO_TEXTO)
    notas = v.texto("notas", d.notas, _("las notas"), maximo=MAXIMO_TEXTO)
    hito = bool(d.hito)
    duracion = 0 if hito else d.duracion
    if es_resumen and hito:
        v.error("hito", _("Una actividad con subactividades no puede ser un hito: el hito es un momento, sin "
                          "tareas debajo."))
    if not hito and not es_resumen:
        if duracion is None or int(duracion) < 1:
            v.error("duracion", _("La duración es de al menos 1 día hábil; si es un momento (una entrega, una "
                                  "inauguración), marque «Hito»."))
        elif int(duracion) > MAXIMA_DURACION:
            v.error("duracion", _("La duración no puede pasar de {n} días hábiles.").format(
                n=formato.entero(MAXIMA_DURACION)))
    duracion = 0 if hito else max(int(duracion or 1), 1)
    if d.resultado_id is not None and s.scalar(select(Resultado.id).where(
            Resultado.id == d.resultado_id, Resultado.plan_id == plan.id)) is None:
        v.error("resultado_id", _("El resultado elegido ya no existe o es de otro plan; elija otro de la lista."))
    if d.responsable_id is not None and s.scalar(select(Actor.id).where(
            Actor.id == d.responsable_id, Actor.municipio_id == plan.municipio_id)) is None:
        v.error("responsable_id", _("El responsable elegido ya no existe; elija otro actor de la lista."))
    oportunidades = tuple(dict.fromkeys(d.oportunidades))
    if oportunidades:
        validas = set(s.scalars(select(Oportunidad.id).where(Oportunidad.id.in_(oportunidades),
                                                             Oportunidad.municipio_id == plan.municipio_id)))
        if len(validas) != len(oportunidades):
            v.error("oportunidades", _("Alguna de las oportunidades elegidas ya no existe; actualice la lista."))
    predecesoras = _validar_predecesoras(s, v, plan, d.predecesoras, aid, es_resumen)
    recursos = _validar_recursos(v, d.recursos)
    v.verificar()
    return DatosActividad(nombre=nombre, padre_id=d.padre_id, resultado_id=d.resultado_id,
                          responsable_id=d.responsable_id, lado=lado, duracion=duracion, hito=hito,
                          inicio_fijo=d.inicio_fijo, condiciones=condiciones, medio_verificacion=medio, notas=notas,
                          oportunidades=oportunidades, predecesoras=predecesoras, recursos=recursos)


def _validar_predecesoras(s: Session, v: Validador, plan: PlanAccion, predecesoras: Sequence[DatosVinculo],
                          aid: int | None, es_resumen: bool) -> tuple[DatosVinculo, ...]:
    if not predecesoras:
        return ()
    if es_resumen:
        v.error("predecesoras", _("Una actividad con subactividades no lleva predecesoras: vincule sus "
                                  "subactividades."))
        return tuple(predecesoras)
    ids = {p.predecesora_id for p in predecesoras}
    del_plan = set(s.scalars(select(_T.c.id).where(_T.c.id.in_(ids), _T.c.plan_id == plan.id)))
    resumenes = set(s.scalars(select(_T.c.padre_id).where(_T.c.padre_id.in_(ids)).distinct()))
    vistas: set[int] = set()
    salida = []
    for n, p in enumerate(predecesoras, start=1):
        if p.predecesora_id == aid:
            v.error(campo_predecesora(n, "predecesora_id"), _("Una actividad no puede ser predecesora de sí "
                                                              "misma."))
        elif p.predecesora_id not in del_plan:
            v.error(campo_predecesora(n, "predecesora_id"), _("Predecesora {n}: la actividad elegida ya no existe "
                                                              "en este plan; elija otra.").format(n=n))
        elif p.predecesora_id in resumenes:
            v.error(campo_predecesora(n, "predecesora_id"), _("Predecesora {n}: es una actividad con "
                                                              "subactividades; vincule una de sus "
                                                              "subactividades.").format(n=n))
        elif p.predecesora_id in vistas:
            v.error(campo_predecesora(n, "predecesora_id"), _("Predecesora {n}: esa actividad ya está en la "
                                                              "lista.").format(n=n))
        vistas.add(p.predecesora_id)
        if p.tipo not in TIPOS_DEPENDENCIA:
            v.opcion(campo_predecesora(n, "tipo"), p.tipo, TIPOS_DEPENDENCIA, _("el tipo de dependencia"))
        if abs(int(p.desfase or 0)) > MAXIMO_DESFASE:
            v.error(campo_predecesora(n, "desfase"), _("El desfase no puede pasar de {n} días hábiles.").format(
                n=formato.entero(MAXIMO_DESFASE)))
        salida.append(DatosVinculo(p.predecesora_id, p.tipo, int(p.desfase or 0)))
    return tuple(salida)


def _validar_recursos(v: Validador, recursos: Sequence[DatosRecurso]) -> tuple[DatosRecurso, ...]:
    salida = []
    for n, r in enumerate(recursos, start=1):
        etiqueta = _("la descripción del recurso {n}").format(n=n)
        descripcion = v.texto(campo_recurso(n, "descripcion"), r.descripcion, etiqueta, obligatorio=True,
                              maximo=300)
        tipo = v.opcion(campo_recurso(n, "tipo"), r.tipo, TIPOS_RECURSO, _("el tipo del recurso {n}").format(n=n))
        fuente = v.opcion(campo_recurso(n, "fuente"), r.fuente, FUENTES_FONDOS,
                          _("la fuente de fondos del recurso {n}").format(n=n))
        unidad = v.texto(campo_recurso(n, "unidad"), r.unidad, _("la unidad del recurso {n}").format(n=n), maximo=40)
        cantidad = r.cantidad
        if cantidad is None or not float(cantidad) > 0:
            v.error(campo_recurso(n, "cantidad"), _("Recurso {n}: la cantidad debe ser mayor que 0.").format(n=n))
        costo = r.costo_unitario
        if costo is None or int(costo) < 0:
            v.error(campo_recurso(n, "costo_unitario"), _("Recurso {n}: el costo unitario no puede ser negativo; "
                                                          "escriba 0 si es un aporte sin costo.").format(n=n))
        salida.append(DatosRecurso(descripcion=descripcion, tipo=tipo, cantidad=float(cantidad or 0), unidad=unidad,
                                   costo_unitario=int(costo or 0), fuente=fuente))
    return tuple(salida)


def _validar_padre(s: Session, plan_id: int, padre_id: int | None, aid: int | None = None,
                   hijos: dict[int | None, list[int]] | None = None) -> None:
    """Que `padre_id` pueda tener a `aid` (o a una actividad nueva) debajo."""
    if padre_id is None:
        return
    padre = s.get(Actividad, padre_id)
    if padre is None or padre.plan_id != plan_id:
        raise ErrorDeUsuario(_("La actividad de la que colgaría ya no existe en este plan; actualice la vista."),
                             campo="padre_id")
    if aid is not None:
        if hijos is None:
            hijos = _estructura(s, plan_id)[1]
        if padre_id in _subarbol(hijos, aid):
            raise ErrorDeUsuario(_("Una actividad no puede quedar debajo de sí misma ni de sus subactividades."),
                                 campo="padre_id")
    if padre.hito:
        raise ErrorDeUsuario(_("«{nombre}» es un hito: un hito no tiene subactividades.").format(
            nombre=padre.nombre), campo="padre_id")
    n = _tiene_vinculos(s, padre_id)
    if n:
        raise ErrorDeUsuario(_("«{nombre}» tiene dependencias con otras actividades ({n}): una actividad con "
                               "subactividades no se vincula. Quite primero sus dependencias o vincule sus "
                               "subactividades.").format(nombre=padre.nombre, n=n), campo="padre_id")


# -- orden entre hermanas ---------------------------------------------------------------------------------------
def _hermanas(s: Session, plan_id: int, padre_id: int | None, excepto: int | None = None) -> list[Actividad]:
    q = select(Actividad).where(Actividad.plan_id == plan_id,
                                Actividad.padre_id.is_(None) if padre_id is None else Actividad.padre_id == padre_id)
    if excepto is not None:
        q = q.where(Actividad.id != excepto)
    return list(s.scalars(q.order_by(Actividad.orden, Actividad.id)))


def _renumerar(hermanas: Sequence[Actividad]) -> None:
    for n, h in enumerate(hermanas):
        if h.orden != n:
            h.orden = n


def _ubicar(s: Session, a: Actividad, padre_id: int | None, orden: int | None) -> None:
    """Saca `a` de sus hermanas y la pone en `orden` (posición 0…; None = al final) entre las de `padre_id`."""
    anteriores = _hermanas(s, a.plan_id, a.padre_id, excepto=a.id)
    _renumerar(anteriores)
    nuevas = anteriores if padre_id == a.padre_id else _hermanas(s, a.plan_id, padre_id, excepto=a.id)
    posicion = len(nuevas) if orden is None else max(0, min(int(orden), len(nuevas)))
    nuevas.insert(posicion, a)
    a.padre_id = padre_id
    _renumerar(nuevas)
    s.flush()


# -- lectura ----------------------------------------------------------------------------------------------------
def obtener_actividad(s: Session, aid: int) -> DatosActividad:
    a = _actividad(s, aid)
    predecesoras = tuple(DatosVinculo(p, t, k) for p, t, k in s.execute(
        select(_D.c.predecesora_id, _D.c.tipo, _D.c.desfase).where(_D.c.sucesora_id == aid)
        .order_by(_D.c.predecesora_id)))
    oportunidades = tuple(s.scalars(select(actividad_oportunidad.c.oportunidad_id)
                                    .where(actividad_oportunidad.c.actividad_id == aid)
                                    .order_by(actividad_oportunidad.c.oportunidad_id)))
    recursos = tuple(DatosRecurso(r.descripcion, r.tipo, r.cantidad, r.unidad, r.costo_unitario, r.fuente)
                     for r in s.scalars(select(Recurso).where(Recurso.actividad_id == aid)
                                        .order_by(Recurso.orden, Recurso.id)))
    return DatosActividad(nombre=a.nombre, padre_id=a.padre_id, resultado_id=a.resultado_id,
                          responsable_id=a.responsable_id, lado=a.lado, duracion=a.duracion, hito=a.hito,
                          inicio_fijo=a.inicio_fijo, condiciones=a.condiciones, medio_verificacion=a.medio_verificacion,
                          notas=a.notas, oportunidades=oportunidades, predecesoras=predecesoras, recursos=recursos)


def es_resumen(s: Session, aid: int) -> bool:
    """True si la actividad tiene subactividades (sus fechas, avance y costo salen de ellas)."""
    return _es_resumen(s, aid)


# -- escritura: actividades -------------------------------------------------------------------------------------
def _poner_detalle(s: Session, a: Actividad, d: DatosActividad, *, predecesoras: bool = True) -> None:
    """Reemplaza recursos, oportunidades y (si se pide) predecesoras de `a` por los de `d`."""
    s.execute(delete(_R).where(_R.c.actividad_id == a.id))
    if d.recursos:
        s.execute(insert(_R), [dict(municipio_id=a.municipio_id, actividad_id=a.id, tipo=r.tipo,
                                    descripcion=r.descripcion, cantidad=r.cantidad, unidad=r.unidad,
                                    costo_unitario=r.costo_unitario, fuente=r.fuente, orden=n)
                               for n, r in enumerate(d.recursos)])
    s.execute(delete(actividad_oportunidad).where(actividad_oportunidad.c.actividad_id == a.id))
    if d.oportunidades:
        s.execute(insert(actividad_oportunidad), [{"actividad_id": a.id, "oportunidad_id": o}
                                                  for o in d.oportunidades])
    if predecesoras:
        s.execute(delete(_D).where(_D.c.sucesora_id == a.id))
        if d.predecesoras:
            s.execute(insert(_D), [dict(municipio_id=a.municipio_id, predecesora_id=p.predecesora_id,
                                        sucesora_id=a.id, tipo=p.tipo, desfase=p.desfase) for p in d.predecesoras])
    s.expire(a, ["recursos"])


def crear_actividad(s: Session, plan_id: int, datos: DatosActividad, despues_de: int | None = None) -> int:
    """Agrega una actividad: al final de las de `datos.padre_id`, o justo después de `despues_de` (en su mismo
    nivel). Reprograma el plan."""
    plan = _plan_modulo().exigir_editable(s, plan_id)
    padre_id, orden = datos.padre_id, None
    if despues_de is not None:
        ref = _actividad(s, despues_de)
        if ref.plan_id != plan_id:
            raise ErrorDeUsuario(_("La actividad de referencia es de otro plan; actualice la vista."))
        padre_id, orden = ref.padre_id, ref.orden + 1
    _validar_padre(s, plan_id, padre_id)
    d = _validar(s, plan, replace(datos, padre_id=padre_id))
    a = Actividad(municipio_id=plan.municipio_id, plan_id=plan_id, padre_id=None, orden=0, nombre=d.nombre,
                  resultado_id=d.resultado_id, responsable_id=d.responsable_id, lado=d.lado, duracion=d.duracion,
                  hito=d.hito, inicio_fijo=d.inicio_fijo, condiciones=d.condiciones,
                  medio_verificacion=d.medio_verificacion, notas=d.notas, avance=0, critica=False)
    # Placed among the top-level ones first, then moved: one code path keeps the 0..n-1 numbering.
    a.padre_id = padre_id
    s.add(a)
    s.flush()
    _ubicar(s, a, padre_id, orden)
    _poner_detalle(s, a, d)
    s.flush()
    auditar(s, plan.municipio_id, ENTIDAD, a.id, "crear", d.nombre)
    reprogramar(s, plan_id)
    return a.id


def actualizar_actividad(s: Session, aid: int, datos: DatosActividad) -> DatosActividad:
    """Guarda los cambios (predecesoras, recursos y oportunidades se reemplazan por los dados) y devuelve los datos
    anteriores. Un `padre_id` distinto la lleva al final de las subactividades de ese padre."""
    a = _actividad(s, aid)
    plan = _plan_modulo().exigir_editable(s, a.plan_id)
    anterior = obtener_actividad(s, aid)
    resumen = _es_resumen(s, aid)
    d = _validar(s, plan, datos, aid=aid, es_resumen=resumen)
    if resumen and d.recursos and d.recursos != anterior.recursos:
        raise ErrorDeUsuario(_("Los recursos se cargan en las subactividades: los de una actividad con "
                               "subactividades no se suman al presupuesto."), campo="recursos")
    if d.padre_id != a.padre_id:
        _validar_padre(s, a.plan_id, d.padre_id, aid)
    nuevas = {p.predecesora_id: p for p in d.predecesoras}
    viejas = {p.predecesora_id: p for p in anterior.predecesoras}
    if nuevas != viejas:
        from nucleo.cronograma import Vinculo

        _comprobar_ciclo(s, a.plan_id, [(p, aid) for p in viejas],
                         [Vinculo(p.predecesora_id, aid, p.tipo, p.desfase) for p in d.predecesoras])
    if d.padre_id != a.padre_id:
        _ubicar(s, a, d.padre_id, None)
    for campo in ("nombre", "resultado_id", "responsable_id", "lado", "duracion", "hito", "inicio_fijo",
                  "condiciones", "medio_verificacion", "notas"):
        if resumen and campo == "duracion":
            continue  # a summary's span comes from its children; keep what it had
        setattr(a, campo, getattr(d, campo))
    _poner_detalle(s, a, d, predecesoras=nuevas != viejas)
    s.flush()
    cambios = [k for k in DatosActividad.__dataclass_fields__ if getattr(anterior, k) != getattr(d, k)]
    auditar(s, a.municipio_id, ENTIDAD, aid, "actualizar", f"{d.nombre}: {', '.join(cambios) or 'sin cambios'}")
    reprogramar(s, a.plan_id)
    return anterior


def mover_actividad(s: Session, aid: int, inicio_fijo: date | None) -> date | None:
    """Fija (o quita, con None) el inicio de la actividad; devuelve el inicio fijo anterior."""
    a = _actividad(s, aid)
    _plan_modulo().exigir_editable(s, a.plan_id)
    if _es_resumen(s, aid):
        raise ErrorDeUsuario(_("Las fechas de «{nombre}» salen de sus subactividades: mueva una de ellas.").format(
            nombre=a.nombre))
    anterior = a.inicio_fijo
    a.inicio_fijo = inicio_fijo
    s.flush()
    auditar(s, a.municipio_id, ENTIDAD, aid, "mover", _("{nombre}: inicio fijo {fecha}").format(
        nombre=a.nombre, fecha=formato.fecha(inicio_fijo) if inicio_fijo else _("ninguno")))
    reprogramar(s, a.plan_id)
    return anterior


def cambiar_duracion(s: Session, aid: int, duracion: int) -> int:
    """Cambia la duración (días hábiles, 1 o más); devuelve la anterior."""
    a = _actividad(s, aid)
    _plan_modulo().exigir_editable(s, a.plan_id)
    if _es_resumen(s, aid):
        raise ErrorDeUsuario(_("La duración de «{nombre}» sale de sus subactividades: cambie la de una de "
                               "ellas.").format(nombre=a.nombre), campo="duracion")
    if a.hito:
        raise ErrorDeUsuario(_("«{nombre}» es un hito: no tiene duración. Para darle una, quite la marca de "
                               "hito.").format(nombre=a.nombre), campo="duracion")
    if duracion is None or int(duracion) < 1 or int(duracion) > MAXIMA_DURACION:
        raise ErrorDeUsuario(_("La duración es de 1 a {n} días hábiles.").format(n=formato.entero(MAXIMA_DURACION)),
                             campo="duracion")
    anterior = a.duracion
    a.duracion = int(duracion)
    s.flush()
    auditar(s, a.municipio_id, ENTIDAD, aid, "duracion", f"{a.nombre}: {anterior} → {a.duracion}")
    reprogramar(s, a.plan_id)
    return anterior


# -- bajas ------------------------------------------------------------------------------------------------------
def eliminar_actividad(s: Session, aid: int) -> ActividadEliminada:
    """Elimina la actividad con sus subactividades, sus dependencias, recursos y oportunidades; devuelve la copia."""
    a = _actividad(s, aid)
    plan_id = a.plan_id
    _plan_modulo().exigir_editable(s, plan_id)
    _datos, hijos = _estructura(s, plan_id)
    ids = _subarbol(hijos, aid)
    por_id = {f["id"]: f for f in copiar_filas(s, Actividad, _T.c.id.in_(ids))}
    copia = ActividadEliminada(
        tuple(por_id[i] for i in ids),
        copiar_filas(s, Dependencia, _D.c.predecesora_id.in_(ids) | _D.c.sucesora_id.in_(ids)),
        copiar_filas(s, Recurso, _R.c.actividad_id.in_(ids)),
        tuple(dict(f._mapping) for f in s.execute(select(actividad_oportunidad)
                                                  .where(actividad_oportunidad.c.actividad_id.in_(ids)))),
        copiar_filas(s, riesgo_actividad, riesgo_actividad.c.actividad_id.in_(ids)),
        tuple(tuple(f) for f in s.execute(select(Acuerdo.id, Acuerdo.actividad_id)
                                          .where(Acuerdo.actividad_id.in_(ids)))),
    )
    municipio_id, nombre, padre_id = a.municipio_id, a.nombre, a.padre_id
    # Rows go with Core: loaded objects for them would otherwise linger in the session as if they still existed.
    borrados = set(ids)
    for obj in list(s.identity_map.values()):
        if (isinstance(obj, Actividad) and obj.id in borrados
                or isinstance(obj, Recurso) and obj.actividad_id in borrados
                or isinstance(obj, Dependencia) and {obj.predecesora_id, obj.sucesora_id} & borrados):
            s.expunge(obj)
    s.execute(delete(_D).where(_D.c.predecesora_id.in_(ids) | _D.c.sucesora_id.in_(ids)))
    s.execute(delete(_R).where(_R.c.actividad_id.in_(ids)))
    s.execute(delete(actividad_oportunidad).where(actividad_oportunidad.c.actividad_id.in_(ids)))
    s.execute(delete(riesgo_actividad).where(riesgo_actividad.c.actividad_id.in_(ids)))
    s.execute(update(Acuerdo).where(Acuerdo.actividad_id.in_(ids)).values(actividad_id=None),
              execution_options={"synchronize_session": "fetch"})
    for i in reversed(ids):  # children first: no reliance on the database cascade
        s.execute(delete(_T).where(_T.c.id == i))
    _renumerar(_hermanas(s, plan_id, padre_id))
    s.flush()
    extra = len(ids) - 1
    auditar(s, municipio_id, ENTIDAD, aid, "eliminar",
            nombre + (_(" (y {n} subactividades)").format(n=extra) if extra else ""))
    reprogramar(s, plan_id)
    return copia


def restaurar_actividad(s: Session, copia: ActividadEliminada) -> int:
    """Vuelve a poner lo eliminado con los mismos números, en su lugar; devuelve el número de la actividad."""
    raiz = copia.actividades[0]
    plan_id = raiz["plan_id"]
    _plan_modulo().exigir_editable(s, plan_id)
    if raiz["padre_id"] is not None and s.get(Actividad, raiz["padre_id"]) is None:
        raise ErrorDeUsuario(_("No se puede restaurar «{nombre}»: la actividad de la que colgaba ya no existe.")
                             .format(nombre=raiz["nombre"]))
    ids = {f["id"] for f in copia.actividades}
    actores = {f["responsable_id"] for f in copia.actividades if f["responsable_id"] is not None}
    resultados = {f["resultado_id"] for f in copia.actividades if f["resultado_id"] is not None}
    actores = set(s.scalars(select(Actor.id).where(Actor.id.in_(actores)))) if actores else set()
    resultados = set(s.scalars(select(Resultado.id).where(Resultado.id.in_(resultados)))) if resultados else set()
    filas = []
    for f in copia.actividades:
        f = dict(f)
        if f["responsable_id"] not in actores:
            f["responsable_id"] = None  # deleted meanwhile: the activity comes back without it
        if f["resultado_id"] not in resultados:
            f["resultado_id"] = None
        filas.append(f)
    # Make room among the siblings, then put every row back as it was.
    hermanas = _hermanas(s, plan_id, raiz["padre_id"])
    posicion = max(0, min(raiz["orden"], len(hermanas)))
    for n, h in enumerate(hermanas):
        nuevo = n + 1 if n >= posicion else n
        if h.orden != nuevo:
            h.orden = nuevo
    s.flush()
    filas[0]["orden"] = posicion
    reponer_filas(s, Actividad, filas)
    reponer_filas(s, Recurso, copia.recursos)
    oportunidades = {f["oportunidad_id"] for f in copia.oportunidades}
    vivas = set(s.scalars(select(Oportunidad.id).where(Oportunidad.id.in_(oportunidades)))) if oportunidades else set()
    enlaces = [f for f in copia.oportunidades if f["oportunidad_id"] in vivas]
    if enlaces:
        s.execute(insert(actividad_oportunidad), enlaces)
    otras = {f["predecesora_id"] for f in copia.dependencias} | {f["sucesora_id"] for f in copia.dependencias}
    otras -= ids
    existentes = set(s.scalars(select(_T.c.id).where(_T.c.id.in_(otras)))) if otras else set()
    reponer_filas(s, Dependencia, [f for f in copia.dependencias
                                   if {f["predecesora_id"], f["sucesora_id"]} <= ids | existentes])
    riesgos = {f["riesgo_id"] for f in copia.riesgos}
    vivos = set(s.scalars(select(Riesgo.id).where(Riesgo.id.in_(riesgos)))) if riesgos else set()
    reponer_filas(s, riesgo_actividad, [f for f in copia.riesgos if f["riesgo_id"] in vivos])
    for acuerdo_id, actividad_id in copia.acuerdos:
        s.execute(update(Acuerdo).where(Acuerdo.id == acuerdo_id).values(actividad_id=actividad_id),
                  execution_options={"synchronize_session": "fetch"})
    s.flush()
    auditar(s, raiz["municipio_id"], ENTIDAD, raiz["id"], "restaurar", raiz["nombre"])
    reprogramar(s, plan_id)
    return raiz["id"]


# -- dependencias -----------------------------------------------------------------------------------------------
def vincular(s: Session, predecesora_id: int, sucesora_id: int, tipo: str = "FC",
             desfase: int = 0) -> DatosVinculo | None:
    """Crea (o cambia) la dependencia; devuelve la que había entre las dos, o None."""
    from nucleo.cronograma import Vinculo

    if predecesora_id == sucesora_id:
        raise ErrorDeUsuario(_("Una actividad no puede depender de sí misma."))
    pred, suc = _actividad(s, predecesora_id), _actividad(s, sucesora_id)
    if pred.plan_id != suc.plan_id:
        raise ErrorDeUsuario(_("Las dos actividades deben ser del mismo plan."))
    _plan_modulo().exigir_editable(s, suc.plan_id)
    for a in (pred, suc):
        if _es_resumen(s, a.id):
            raise ErrorDeUsuario(_("«{nombre}» tiene subactividades: las dependencias van entre actividades sin "
                                   "subactividades. Vincule una de las suyas.").format(nombre=a.nombre))
    if tipo not in TIPOS_DEPENDENCIA:
        raise ErrorDeUsuario(_("Elija el tipo de dependencia entre: {tipos}.").format(
            tipos=", ".join(traducir(t) for t in TIPOS_DEPENDENCIA.values())), campo="tipo")
    desfase = int(desfase or 0)
    if abs(desfase) > MAXIMO_DESFASE:
        raise ErrorDeUsuario(_("El desfase no puede pasar de {n} días hábiles.").format(
            n=formato.entero(MAXIMO_DESFASE)), campo="desfase")
    existente = s.get(Dependencia, (predecesora_id, sucesora_id))
    anterior = DatosVinculo(predecesora_id, existente.tipo, existente.desfase) if existente else None
    _comprobar_ciclo(s, suc.plan_id, [(predecesora_id, sucesora_id)],
                     [Vinculo(predecesora_id, sucesora_id, tipo, desfase)])
    if existente is None:
        s.add(Dependencia(municipio_id=suc.municipio_id, predecesora_id=predecesora_id, sucesora_id=sucesora_id,
                          tipo=tipo, desfase=desfase))
    else:
        existente.tipo, existente.desfase = tipo, desfase
    s.flush()
    auditar(s, suc.municipio_id, "dependencia", sucesora_id, "vincular",
            f"{pred.nombre} → {suc.nombre} ({tipo}{desfase:+d})")
    reprogramar(s, suc.plan_id)
    return anterior


def desvincular(s: Session, predecesora_id: int, sucesora_id: int) -> DatosVinculo:
    """Quita la dependencia; devuelve cómo era (deshacer: `vincular` con esos datos)."""
    d = s.get(Dependencia, (predecesora_id, sucesora_id))
    if d is None:
        raise ErrorDeUsuario(_("Esas actividades ya no están vinculadas; actualice la vista."))
    suc = _actividad(s, sucesora_id)
    _plan_modulo().exigir_editable(s, suc.plan_id)
    anterior = DatosVinculo(predecesora_id, d.tipo, d.desfase)
    s.delete(d)
    s.flush()
    auditar(s, suc.municipio_id, "dependencia", sucesora_id, "desvincular", f"{predecesora_id} → {sucesora_id}")
    reprogramar(s, suc.plan_id)
    return anterior


# -- EDT --------------------------------------------------------------------------------------------------------
def reubicar(s: Session, aid: int, padre_id: int | None, orden: int | None) -> tuple[int | None, int]:
    """Pone la actividad (con sus subactividades) debajo de `padre_id` (None = primer nivel), en la posición
    `orden` (0 = primera; None = al final). Devuelve (padre, orden) anteriores para volverla a su lugar."""
    a = _actividad(s, aid)
    _plan_modulo().exigir_editable(s, a.plan_id)
    anterior = (a.padre_id, a.orden)
    if padre_id != a.padre_id:
        _validar_padre(s, a.plan_id, padre_id, aid)
    _ubicar(s, a, padre_id, orden)
    auditar(s, a.municipio_id, ENTIDAD, aid, "reubicar", _nombre_con_codigo(s, a))
    reprogramar(s, a.plan_id)
    return anterior


def sangrar(s: Session, aid: int) -> tuple[int | None, int]:
    """La actividad pasa a ser la última subactividad de la anterior de su mismo nivel."""
    a = _actividad(s, aid)
    _plan_modulo().exigir_editable(s, a.plan_id)
    hermanas = _hermanas(s, a.plan_id, a.padre_id)
    posicion = next(n for n, h in enumerate(hermanas) if h.id == aid)
    if posicion == 0:
        raise ErrorDeUsuario(_("«{nombre}» es la primera de su nivel: no hay una actividad anterior de la que pueda "
                               "colgar.").format(nombre=a.nombre))
    return reubicar(s, aid, hermanas[posicion - 1].id, None)


def desangrar(s: Session, aid: int) -> tuple[int | None, int]:
    """La actividad sube un nivel: queda justo después de la que era su padre."""
    a = _actividad(s, aid)
    _plan_modulo().exigir_editable(s, a.plan_id)
    if a.padre_id is None:
        raise ErrorDeUsuario(_("«{nombre}» ya está en el primer nivel.").format(nombre=a.nombre))
    padre = _actividad(s, a.padre_id)
    # The parent's position counted without `a` is the same (they are on different levels).
    return reubicar(s, aid, padre.padre_id, padre.orden + 1)


# -- línea base -------------------------------------------------------------------------------------------------
def _copia_linea_base(s: Session, plan: PlanAccion) -> LineaBase:
    fechas = tuple((i, bi, bf) for i, bi, bf in s.execute(
        select(_T.c.id, _T.c.base_inicio, _T.c.base_fin).where(_T.c.plan_id == plan.id).order_by(_T.c.id)))
    return LineaBase(plan.id, plan.linea_base_en, fechas)


def guardar_linea_base(s: Session, plan_id: int) -> LineaBase:
    """Copia las fechas planificadas de hoy como línea base; devuelve la línea base anterior (para deshacer)."""
    plan = _plan_modulo().exigir_seguimiento(s, plan_id)
    s.flush()
    anterior = _copia_linea_base(s, plan)
    s.execute(update(_T).where(_T.c.plan_id == plan_id).values(base_inicio=_T.c.inicio, base_fin=_T.c.fin))
    _expirar_base(s)
    plan.linea_base_en = datetime.now().replace(microsecond=0)
    s.flush()
    auditar(s, plan.municipio_id, "plan", plan_id, "linea_base", _("Línea base guardada ({n} actividades)").format(
        n=len(anterior.fechas)))
    return anterior


def restaurar_linea_base(s: Session, copia: LineaBase) -> LineaBase:
    """Repone una línea base guardada (las actividades que no estaban en ella quedan sin fechas base); devuelve
    la que reemplazó."""
    plan = _plan_modulo().exigir_seguimiento(s, copia.plan_id)
    s.flush()
    actual = _copia_linea_base(s, plan)
    guardadas = {i: (bi, bf) for i, bi, bf in copia.fechas}
    filas = [{"b_id": i, "b_ini": guardadas.get(i, (None, None))[0], "b_fin": guardadas.get(i, (None, None))[1]}
             for i, _bi, _bf in actual.fechas]
    if filas:
        s.execute(update(_T).where(_T.c.id == bindparam("b_id"))
                  .values(base_inicio=bindparam("b_ini"), base_fin=bindparam("b_fin")), filas)
    _expirar_base(s)
    plan.linea_base_en = copia.linea_base_en
    s.flush()
    auditar(s, plan.municipio_id, "plan", plan.id, "linea_base", _("Línea base repuesta"))
    return actual


def _expirar_base(s: Session) -> None:
    for obj in list(s.identity_map.values()):
        if isinstance(obj, Actividad):
            s.expire(obj, ["base_inicio", "base_fin"])


def desvio_del_plan(s: Session, plan_id: int) -> int | None:
    """Días hábiles entre el fin del plan en la línea base y el fin previsto hoy (+ = atraso); None sin línea
    base."""
    plan = _plan_de(s, plan_id)
    fin, base = s.execute(select(func.max(_T.c.fin), func.max(_T.c.base_fin)).where(_T.c.plan_id == plan_id)).one()
    if plan.linea_base_en is None or fin is None or base is None:
        return None
    return calendario_de(s, plan.municipio_id).distancia(base, fin)


# -- seguimiento ------------------------------------------------------------------------------------------------
def registrar_avance(s: Session, aid: int, avance: int, inicio_real: date | None,
                     fin_real: date | None) -> tuple[int, date | None, date | None]:
    """Registra el avance (0–100) y las fechas reales; devuelve los anteriores. Permitido en todo estado del plan
    menos cerrado. El 100 % pide la fecha de fin real; un avance mayor que 0, la de inicio real."""
    a = _actividad(s, aid)
    _plan_modulo().exigir_seguimiento(s, a.plan_id)
    if _es_resumen(s, aid):
        raise ErrorDeUsuario(_("El avance de «{nombre}» se calcula de sus subactividades: registre el de cada "
                               "una.").format(nombre=a.nombre), campo="avance")
    v = Validador()
    if avance is None or not 0 <= int(avance) <= 100:
        v.error("avance", _("El avance va de 0 a 100 %."))
    else:
        avance = int(avance)
        if avance > 0 and inicio_real is None:
            v.error("inicio_real", _("Indique cuándo empezó la actividad (inicio real)."))
        if avance == 100 and fin_real is None:
            v.error("fin_real", _("Indique cuándo terminó la actividad (fin real) para darla por cumplida."))
    if fin_real is not None and inicio_real is None:
        v.error("inicio_real", _("Indique cuándo empezó la actividad (inicio real)."))
    if fin_real is not None and inicio_real is not None and fin_real < inicio_real:
        v.error("fin_real", _("El fin real ({fin}) es anterior al inicio real ({inicio}); corrija una de las dos.")
                .format(fin=formato.fecha(fin_real), inicio=formato.fecha(inicio_real)))
    v.verificar()
    anterior = (a.avance, a.inicio_real, a.fin_real)
    a.avance, a.inicio_real, a.fin_real = avance, inicio_real, fin_real
    s.flush()
    auditar(s, a.municipio_id, ENTIDAD, aid, "avance", _("{nombre}: {avance} %").format(nombre=a.nombre,
                                                                                      avance=avance))
    if (anterior[1], anterior[2]) != (inicio_real, fin_real):
        reprogramar(s, a.plan_id)  # actual dates move the activity and its successors
    return anterior
