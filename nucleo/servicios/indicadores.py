"""Indicadores de los resultados del Plan de Acción (vii), sus mediciones y el cumplimiento del plan.

Un indicador mide un resultado: tipo (la tabla de indicadores del documento 000), unidad, línea de base (valor y
fecha), meta (valor y fecha), sentido (aumentar o disminuir) y medio de verificación. Su definición es parte de la
estructura del plan: se edita solo mientras el plan está en borrador o en revisión (`plan.exigir_editable`). Las
mediciones son seguimiento: se cargan en cualquier estado salvo «cerrado» (`plan.exigir_seguimiento`).

Cumplimiento de un indicador = (último − base) / (meta − base), acotado entre 0 y 1: sirve igual para los dos
sentidos (si la meta es bajar de 40 a 10, medir 25 es la mitad del camino). Sin mediciones o sin base no hay
cumplimiento (None): no se inventa un punto de partida.

Cumplimiento del plan (000, indicadores «De evaluación y seguimiento»): sobre las actividades de detalle (las que no
tienen hijas), con peso = max(duración, 1): `avance` es el promedio ponderado del avance de todas; `plan`, el de las
que ya debían terminar (fin planificado ≤ hoy); lo mismo por lado (Municipal, Otras instituciones, Comunidad) y por
sector (cada institución responsable del lado «servicio público»).

Deshacer (ui/contexto.ComandoServicio): `crear_indicador` -> id, `eliminar_indicador` -> copia (con sus
mediciones), `restaurar_indicador(copia)` -> id; `actualizar_indicador` -> datos anteriores; `mover_indicador` ->
orden anterior. Mediciones: `agregar_medicion` -> id, `eliminar_medicion` -> copia, `restaurar_medicion` -> id;
`editar_medicion` -> datos anteriores.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario
from nucleo.i18n import N_, _, traducir
from nucleo.modelo import Actividad, Actor, Indicador, Medicion, Resultado
from nucleo.modelo.plan import SENTIDOS, TIPOS_INDICADOR
from nucleo.servicios.comun import Validador, auditar, copiar_filas, obtener, reponer_filas

SIN_MEDICIONES = "sin_mediciones"
EN_CURSO = "en_curso"
META_ALCANZADA = "meta_alcanzada"
ESTADOS_INDICADOR: dict[str, str] = {
    SIN_MEDICIONES: N_("Sin mediciones"),
    EN_CURSO: N_("En curso"),
    META_ALCANZADA: N_("Meta alcanzada"),
}
# Sector label for public-service activities with no responsible institution.
SIN_RESPONSABLE = N_("Sin responsable asignado")


def texto_estado(estado: str) -> str:
    return traducir(ESTADOS_INDICADOR.get(estado, estado))


# -- datos ------------------------------------------------------------------------------------------------
@dataclass
class DatosIndicador:
    resultado_id: int | None = None
    tipo: str = "producto"
    nombre: str = ""
    unidad: str = ""
    medio_verificacion: str = ""
    sentido: str = "aumentar"
    base_valor: float | None = None
    base_fecha: date | None = None
    meta_valor: float | None = None
    meta_fecha: date | None = None


CAMPOS = tuple(f.name for f in fields(DatosIndicador))


@dataclass
class DatosMedicion:
    fecha: date | None = None
    valor: float | None = None
    fuente: str = ""
    nota: str = ""


CAMPOS_MEDICION = tuple(f.name for f in fields(DatosMedicion))


@dataclass(frozen=True)
class FilaIndicador:
    """Un indicador con su último valor, su cumplimiento y los textos ya formateados (tabla, impresos, planilla)."""

    id: int
    resultado_id: int
    resultado_codigo: str
    resultado_descripcion: str
    resultado_orden: int
    orden: int
    tipo: str
    tipo_texto: str
    nombre: str
    unidad: str
    sentido: str
    sentido_texto: str
    medio_verificacion: str
    base_valor: float | None
    base_fecha: date | None
    meta_valor: float | None
    meta_fecha: date | None
    ultimo_valor: float | None
    ultima_fecha: date | None
    cumplimiento: float | None  # 0..1; None without measurements or without a baseline
    estado: str  # SIN_MEDICIONES, EN_CURSO, META_ALCANZADA
    estado_texto: str
    n_mediciones: int
    base_texto: str  # «12 niños» or «—»
    meta_texto: str
    ultimo_texto: str
    cumplimiento_texto: str  # «45%» or «—»


@dataclass(frozen=True)
class FilaMedicion:
    id: int
    indicador_id: int
    fecha: date
    valor: float
    fuente: str
    nota: str
    fecha_texto: str
    valor_texto: str


@dataclass(frozen=True)
class IndicadorEliminado:
    columnas: dict[str, Any]
    mediciones: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class MedicionEliminada:
    columnas: dict[str, Any]


@dataclass(frozen=True)
class Cumplimiento:
    """Las filas «Cumplimiento» de la tabla de indicadores del documento 000 (fracciones 0..1; None = no aplica).

    - `avance`: avance ponderado de todas las actividades de detalle (0.0 si el plan no tiene actividades).
    - `plan`: el de las que ya debían terminar (fin planificado ≤ hoy); None si ninguna vencía todavía.
    - `municipal`, `otras_instituciones`, `comunidad`: lo mismo que `plan`, por lado.
    - `por_sector`: (institución, cumplimiento) de cada responsable del lado «servicio público» con actividades
      vencidas, por nombre.
    - `indicadores`: promedio del cumplimiento de los indicadores medidos; None si ninguno lo tiene.
    """

    avance: float
    plan: float | None
    municipal: float | None
    otras_instituciones: float | None
    comunidad: float | None
    por_sector: list[tuple[str, float]]
    indicadores: float | None
    n_actividades: int = 0  # detail activities
    n_debidas: int = 0  # of them, those whose planned end is today or earlier
    n_indicadores: int = 0
    n_medidos: int = 0  # indicators with a fulfilment value


# -- cálculo ----------------------------------------------------------------------------------------------
def grado_cumplimiento(base: float | None, meta: float | None, ultimo: float | None) -> float | None:
    """(último − base) / (meta − base) acotado a [0, 1]; None si falta alguno o la meta es igual a la base."""
    if base is None or meta is None or ultimo is None or meta == base:
        return None
    return min(1.0, max(0.0, (ultimo - base) / (meta - base)))


def _alcanzada(sentido: str, meta: float | None, ultimo: float | None) -> bool:
    if meta is None or ultimo is None:
        return False
    return ultimo <= meta if sentido == "disminuir" else ultimo >= meta


def _valor(v: float | None, unidad: str = "") -> str:
    if v is None:
        return "—"
    texto = formato.numero(v)
    return f"{texto} {unidad}".strip() if unidad else texto


# -- validación -------------------------------------------------------------------------------------------
def _numero(v: Validador, campo: str, valor: Any, etiqueta: str) -> float | None:
    if valor is None or valor == "":
        return None
    if isinstance(valor, bool) or not isinstance(valor, int | float | Decimal):
        v.error(campo, _("{etiqueta} debe ser un número.").format(etiqueta=etiqueta))
        return None
    numero = float(valor)
    if not math.isfinite(numero):
        v.error(campo, _("{etiqueta} debe ser un número.").format(etiqueta=etiqueta))
        return None
    return numero


def _fecha(v: Validador, campo: str, valor: Any, etiqueta: str) -> date | None:
    if valor is None:
        return None
    if not isinstance(valor, date):
        v.error(campo, _("{etiqueta} no es una fecha válida.").format(etiqueta=etiqueta))
        return None
    # A datetime from a spreadsheet is the same day.
    return valor.date() if isinstance(valor, datetime) else valor


def validar(s: Session, municipio_id: int, d: DatosIndicador) -> DatosIndicador:
    """Los datos limpios o ErroresDeValidacion, cada error atado a su campo."""
    v = Validador()
    limpio = DatosIndicador(
        resultado_id=d.resultado_id,
        tipo=v.opcion("tipo", d.tipo, TIPOS_INDICADOR, _("el tipo de indicador")),
        nombre=v.texto("nombre", " ".join((d.nombre or "").split()), _("el nombre del indicador"),
                       obligatorio=True, maximo=300),
        unidad=v.texto("unidad", d.unidad, _("la unidad"), maximo=60),
        medio_verificacion=v.texto("medio_verificacion", d.medio_verificacion, _("el medio de verificación"),
                                   maximo=2000),
        sentido=v.opcion("sentido", d.sentido, SENTIDOS, _("el sentido")),
        base_valor=_numero(v, "base_valor", d.base_valor, _("El valor de la línea de base")),
        base_fecha=_fecha(v, "base_fecha", d.base_fecha, _("La fecha de la línea de base")),
        meta_valor=_numero(v, "meta_valor", d.meta_valor, _("La meta")),
        meta_fecha=_fecha(v, "meta_fecha", d.meta_fecha, _("La fecha de la meta")),
    )
    if limpio.resultado_id is None:
        v.error("resultado_id", _("Elija el resultado que mide este indicador."))
    else:
        r = s.get(Resultado, limpio.resultado_id)
        if r is None or r.municipio_id != municipio_id:
            v.error("resultado_id", _("El resultado elegido ya no existe; elija otro de la lista."))
    if limpio.meta_valor is None and "meta_valor" not in v.errores:
        v.error("meta_valor", _("Escriba la meta: el valor que el indicador debe alcanzar."))
    if limpio.meta_fecha is None and "meta_fecha" not in v.errores:
        v.error("meta_fecha", _("Indique la fecha de la meta: para cuándo debe alcanzarse."))
    if limpio.base_valor is None and limpio.base_fecha is not None:
        v.error("base_valor", _("Escriba el valor de la línea de base, o borre su fecha si todavía no se midió."))
    if limpio.base_valor is not None and limpio.base_fecha is None and "base_fecha" not in v.errores:
        v.error("base_fecha", _("Indique la fecha de la línea de base: cuándo se midió ese valor."))
    if limpio.base_fecha and limpio.meta_fecha and limpio.meta_fecha <= limpio.base_fecha:
        v.error("meta_fecha", _("La fecha de la meta debe ser posterior a la de la línea de base ({fecha}).").format(
            fecha=formato.fecha(limpio.base_fecha)))
    base, meta = limpio.base_valor, limpio.meta_valor
    if base is not None and meta is not None and "sentido" not in v.errores:
        if meta == base:
            v.error("meta_valor", _("La meta es igual a la línea de base ({base}): el indicador no tendría nada que "
                                    "cumplir. Escriba el valor al que se quiere llegar.").format(base=_valor(base)))
        elif limpio.sentido == "aumentar" and meta < base:
            v.error("meta_valor", _("Con sentido «Aumentar», la meta ({meta}) debe ser mayor que la línea de base "
                                    "({base}). Si el indicador debe bajar, elija «Disminuir».").format(
                meta=_valor(meta), base=_valor(base)))
        elif limpio.sentido == "disminuir" and meta > base:
            v.error("meta_valor", _("Con sentido «Disminuir», la meta ({meta}) debe ser menor que la línea de base "
                                    "({base}). Si el indicador debe subir, elija «Aumentar».").format(
                meta=_valor(meta), base=_valor(base)))
    v.verificar()
    return limpio


def validar_medicion(d: DatosMedicion, hoy: date | None = None) -> DatosMedicion:
    hoy = hoy or date.today()
    v = Validador()
    limpio = DatosMedicion(
        fecha=_fecha(v, "fecha", d.fecha, _("La fecha de la medición")),
        valor=_numero(v, "valor", d.valor, _("El valor medido")),
        fuente=v.texto("fuente", d.fuente, _("la fuente"), maximo=200),
        nota=v.texto("nota", d.nota, _("la nota"), maximo=2000),
    )
    if limpio.fecha is None and "fecha" not in v.errores:
        v.error("fecha", _("Indique la fecha de la medición."))
    elif limpio.fecha is not None and limpio.fecha > hoy:
        v.error("fecha", _("La fecha de la medición no puede ser posterior a hoy ({hoy}): registre lo ya "
                           "medido.").format(hoy=formato.fecha(hoy)))
    if limpio.valor is None and "valor" not in v.errores:
        v.error("valor", _("Escriba el valor medido."))
    v.verificar()
    return limpio


# -- plan y estado ----------------------------------------------------------------------------------------
def _plan_de_resultado(s: Session, resultado_id: int) -> int:
    return obtener(s, Resultado, resultado_id, _("el resultado")).plan_id


def _exigir_editable(s: Session, plan_id: int) -> None:
    from nucleo.servicios import plan as servicio_plan  # the «plan» service imports this module too

    servicio_plan.exigir_editable(s, plan_id)


def _exigir_seguimiento(s: Session, plan_id: int) -> None:
    from nucleo.servicios import plan as servicio_plan

    servicio_plan.exigir_seguimiento(s, plan_id)


def _del_resultado(s: Session, resultado_id: int) -> list[Indicador]:
    q = select(Indicador).where(Indicador.resultado_id == resultado_id).order_by(Indicador.orden, Indicador.id)
    return list(s.scalars(q))


def _numerar(indicadores: list[Indicador]) -> None:
    for n, i in enumerate(indicadores, start=1):
        if i.orden != n:
            i.orden = n


# -- alta, lectura, edición -------------------------------------------------------------------------------
def crear_indicador(s: Session, municipio_id: int, datos: DatosIndicador) -> int:
    """Agrega el indicador al final de los de su resultado."""
    if datos.resultado_id is not None and s.get(Resultado, datos.resultado_id) is not None:
        _exigir_editable(s, _plan_de_resultado(s, datos.resultado_id))
    d = validar(s, municipio_id, datos)
    assert d.resultado_id is not None
    orden = len(_del_resultado(s, d.resultado_id)) + 1
    i = Indicador(municipio_id=municipio_id, orden=orden, **{c: getattr(d, c) for c in CAMPOS})
    s.add(i)
    s.flush()
    auditar(s, municipio_id, "indicador", i.id, "crear", d.nombre)
    return i.id


def _datos(i: Indicador) -> DatosIndicador:
    return DatosIndicador(**{c: getattr(i, c) for c in CAMPOS})


def obtener_indicador(s: Session, indicador_id: int) -> DatosIndicador:
    return _datos(obtener(s, Indicador, indicador_id, _("el indicador")))


def plan_del_indicador(s: Session, indicador_id: int) -> int:
    i = obtener(s, Indicador, indicador_id, _("el indicador"))
    return _plan_de_resultado(s, i.resultado_id)


def actualizar_indicador(s: Session, indicador_id: int, datos: DatosIndicador) -> DatosIndicador:
    """Guarda los cambios y devuelve los datos anteriores (la orden de deshacer los vuelve a aplicar)."""
    i = obtener(s, Indicador, indicador_id, _("el indicador"))
    plan_id = _plan_de_resultado(s, i.resultado_id)
    _exigir_editable(s, plan_id)
    anterior = _datos(i)
    d = validar(s, i.municipio_id, datos)
    assert d.resultado_id is not None
    if d.resultado_id != i.resultado_id and _plan_de_resultado(s, d.resultado_id) != plan_id:
        raise ErrorDeUsuario(_("El resultado elegido es de otro Plan de Acción: un indicador mide un resultado "
                               "de su mismo plan."), campo="resultado_id")
    if d.resultado_id != i.resultado_id:
        viejo = i.resultado_id
        i.orden = len(_del_resultado(s, d.resultado_id)) + 1
        i.resultado_id = d.resultado_id
        s.flush()
        _numerar(_del_resultado(s, viejo))
    for c in CAMPOS:
        setattr(i, c, getattr(d, c))
    s.flush()
    cambios = [c for c in CAMPOS if getattr(anterior, c) != getattr(d, c)]
    auditar(s, i.municipio_id, "indicador", i.id, "actualizar", f"{d.nombre}: {', '.join(cambios) or 'sin cambios'}")
    return anterior


def mover_indicador(s: Session, indicador_id: int, nuevo_orden: int) -> int:
    """Lleva el indicador a la posición `nuevo_orden` (1 = primero) entre los de su resultado; devuelve la
    anterior (deshacer = mover otra vez a esa)."""
    i = obtener(s, Indicador, indicador_id, _("el indicador"))
    _exigir_editable(s, _plan_de_resultado(s, i.resultado_id))
    hermanos = _del_resultado(s, i.resultado_id)
    anterior = hermanos.index(i) + 1
    hermanos.remove(i)
    hermanos.insert(min(max(int(nuevo_orden), 1), len(hermanos) + 1) - 1, i)
    _numerar(hermanos)
    s.flush()
    if i.orden != anterior:
        auditar(s, i.municipio_id, "indicador", i.id, "mover", f"{i.nombre} → {i.orden}")
    return anterior


# -- baja que se puede deshacer ---------------------------------------------------------------------------
def eliminar_indicador(s: Session, indicador_id: int) -> IndicadorEliminado:
    """Elimina el indicador y sus mediciones; la copia los devuelve con los mismos números."""
    i = obtener(s, Indicador, indicador_id, _("el indicador"))
    _exigir_editable(s, _plan_de_resultado(s, i.resultado_id))
    copia = IndicadorEliminado(
        columnas=copiar_filas(s, Indicador, Indicador.id == indicador_id)[0],
        mediciones=copiar_filas(s, Medicion, Medicion.indicador_id == indicador_id),
    )
    mid, nombre, resultado_id = i.municipio_id, i.nombre, i.resultado_id
    s.delete(i)
    s.flush()
    _numerar(_del_resultado(s, resultado_id))
    auditar(s, mid, "indicador", indicador_id, "eliminar", nombre)
    s.flush()
    return copia


def restaurar_indicador(s: Session, copia: IndicadorEliminado) -> int:
    """Devuelve el indicador con el mismo número, en el lugar que tenía y con sus mediciones."""
    columnas = dict(copia.columnas)
    if s.get(Resultado, columnas["resultado_id"]) is None:
        raise ErrorDeUsuario(_("No se puede devolver el indicador: su resultado ya no existe."))
    _exigir_editable(s, _plan_de_resultado(s, columnas["resultado_id"]))
    otros = _del_resultado(s, columnas["resultado_id"])
    reponer_filas(s, Indicador, [columnas])
    reponer_filas(s, Medicion, copia.mediciones)
    i = s.get(Indicador, columnas["id"])
    assert i is not None
    otros.insert(min(max(columnas["orden"] or 1, 1), len(otros) + 1) - 1, i)
    _numerar(otros)
    s.flush()
    auditar(s, columnas["municipio_id"], "indicador", columnas["id"], "restaurar", columnas["nombre"])
    return columnas["id"]


# -- mediciones -------------------------------------------------------------------------------------------
def _repetida(s: Session, indicador_id: int, fecha: date, medicion_id: int | None) -> Medicion | None:
    q = select(Medicion).where(Medicion.indicador_id == indicador_id, Medicion.fecha == fecha)
    if medicion_id is not None:
        q = q.where(Medicion.id != medicion_id)
    return s.scalars(q).first()


def _error_repetida(otra: Medicion | None) -> None:
    if otra is not None:
        raise ErrorDeUsuario(_("Ya hay una medición del {fecha} (valor {valor}): edítela en lugar de agregar otra "
                               "del mismo día.").format(fecha=formato.fecha(otra.fecha), valor=_valor(otra.valor)),
                             campo="fecha")


def agregar_medicion(s: Session, indicador_id: int, datos: DatosMedicion, hoy: date | None = None) -> int:
    i = obtener(s, Indicador, indicador_id, _("el indicador"))
    _exigir_seguimiento(s, _plan_de_resultado(s, i.resultado_id))
    d = validar_medicion(datos, hoy)
    assert d.fecha is not None
    _error_repetida(_repetida(s, indicador_id, d.fecha, None))
    m = Medicion(municipio_id=i.municipio_id, indicador_id=indicador_id, **{c: getattr(d, c) for c in CAMPOS_MEDICION})
    s.add(m)
    s.flush()
    auditar(s, i.municipio_id, "medicion", m.id, "crear",
            f"{i.nombre}: {formato.fecha(d.fecha)} = {formato.numero(d.valor)}")
    return m.id


def _datos_medicion(m: Medicion) -> DatosMedicion:
    return DatosMedicion(**{c: getattr(m, c) for c in CAMPOS_MEDICION})


def obtener_medicion(s: Session, medicion_id: int) -> DatosMedicion:
    return _datos_medicion(obtener(s, Medicion, medicion_id, _("la medición")))


def editar_medicion(s: Session, medicion_id: int, datos: DatosMedicion, hoy: date | None = None) -> DatosMedicion:
    """Guarda los cambios y devuelve los datos anteriores (deshacer)."""
    m = obtener(s, Medicion, medicion_id, _("la medición"))
    i = obtener(s, Indicador, m.indicador_id, _("el indicador"))
    _exigir_seguimiento(s, _plan_de_resultado(s, i.resultado_id))
    anterior = _datos_medicion(m)
    d = validar_medicion(datos, hoy)
    assert d.fecha is not None
    _error_repetida(_repetida(s, m.indicador_id, d.fecha, m.id))
    for c in CAMPOS_MEDICION:
        setattr(m, c, getattr(d, c))
    s.flush()
    auditar(s, m.municipio_id, "medicion", m.id, "actualizar",
            f"{i.nombre}: {formato.fecha(d.fecha)} = {formato.numero(d.valor)}")
    return anterior


def eliminar_medicion(s: Session, medicion_id: int) -> MedicionEliminada:
    m = obtener(s, Medicion, medicion_id, _("la medición"))
    i = obtener(s, Indicador, m.indicador_id, _("el indicador"))
    _exigir_seguimiento(s, _plan_de_resultado(s, i.resultado_id))
    copia = MedicionEliminada(copiar_filas(s, Medicion, Medicion.id == medicion_id)[0])
    resumen = f"{i.nombre}: {formato.fecha(m.fecha)} = {formato.numero(m.valor)}"
    s.delete(m)
    s.flush()
    auditar(s, i.municipio_id, "medicion", medicion_id, "eliminar", resumen)
    return copia


def restaurar_medicion(s: Session, copia: MedicionEliminada) -> int:
    columnas = dict(copia.columnas)
    i = s.get(Indicador, columnas["indicador_id"])
    if i is None:
        raise ErrorDeUsuario(_("No se puede devolver la medición: su indicador ya no existe."))
    _exigir_seguimiento(s, _plan_de_resultado(s, i.resultado_id))
    _error_repetida(_repetida(s, i.id, columnas["fecha"], None))
    reponer_filas(s, Medicion, [columnas])
    s.flush()
    auditar(s, columnas["municipio_id"], "medicion", columnas["id"], "restaurar", i.nombre)
    return columnas["id"]


def mediciones(s: Session, indicador_id: int) -> list[FilaMedicion]:
    """Las mediciones del indicador, de la más antigua a la más reciente."""
    q = select(Medicion).where(Medicion.indicador_id == indicador_id).order_by(Medicion.fecha, Medicion.id)
    return [FilaMedicion(m.id, m.indicador_id, m.fecha, m.valor, m.fuente, m.nota, formato.fecha(m.fecha),
                         formato.numero(m.valor)) for m in s.scalars(q)]


# -- lista ------------------------------------------------------------------------------------------------
def listar_indicadores(s: Session, plan_id: int) -> list[FilaIndicador]:
    """Los indicadores del plan, por resultado y en su orden, con el último valor medido y el cumplimiento."""
    q = (select(Indicador, Resultado.codigo, Resultado.descripcion, Resultado.orden)
         .join(Resultado, Resultado.id == Indicador.resultado_id)
         .where(Resultado.plan_id == plan_id)
         .order_by(Resultado.orden, Resultado.id, Indicador.orden, Indicador.id))
    filas = s.execute(q).all()
    ids = [i.id for i, *_r in filas]
    cuenta = dict(s.execute(select(Medicion.indicador_id, func.count()).where(Medicion.indicador_id.in_(ids))
                            .group_by(Medicion.indicador_id)).all()) if ids else {}
    ultimas: dict[int, tuple[date, float]] = {}
    if ids:
        for ind, fecha, valor in s.execute(select(Medicion.indicador_id, Medicion.fecha, Medicion.valor)
                                           .where(Medicion.indicador_id.in_(ids))
                                           .order_by(Medicion.fecha, Medicion.id)):
            ultimas[ind] = (fecha, valor)  # ordered by date: the last one wins
    tipos = {k: traducir(v) for k, v in TIPOS_INDICADOR.items()}
    sentidos = {k: traducir(v) for k, v in SENTIDOS.items()}
    salida = []
    for i, codigo, descripcion, r_orden in filas:
        ultima_fecha, ultimo = ultimas.get(i.id, (None, None))
        grado = grado_cumplimiento(i.base_valor, i.meta_valor, ultimo)
        if ultimo is None:
            estado = SIN_MEDICIONES
        elif (grado is not None and grado >= 1) or (grado is None and _alcanzada(i.sentido, i.meta_valor, ultimo)):
            estado = META_ALCANZADA
        else:
            estado = EN_CURSO
        salida.append(FilaIndicador(
            id=i.id, resultado_id=i.resultado_id, resultado_codigo=codigo, resultado_descripcion=descripcion,
            resultado_orden=r_orden, orden=i.orden, tipo=i.tipo, tipo_texto=tipos.get(i.tipo, i.tipo),
            nombre=i.nombre, unidad=i.unidad, sentido=i.sentido, sentido_texto=sentidos.get(i.sentido, i.sentido),
            medio_verificacion=i.medio_verificacion, base_valor=i.base_valor, base_fecha=i.base_fecha,
            meta_valor=i.meta_valor, meta_fecha=i.meta_fecha, ultimo_valor=ultimo, ultima_fecha=ultima_fecha,
            cumplimiento=grado, estado=estado, estado_texto=texto_estado(estado),
            n_mediciones=cuenta.get(i.id, 0), base_texto=_valor(i.base_valor, i.unidad),
            meta_texto=_valor(i.meta_valor, i.unidad), ultimo_texto=_valor(ultimo, i.unidad),
            cumplimiento_texto=formato.porcentaje(grado) if grado is not None else "—",
        ))
    return salida


# -- cumplimiento del plan --------------------------------------------------------------------------------
def _ponderado(actividades: list[tuple[int, int]]) -> float | None:
    """Σ avance·peso / Σ peso como fracción; (avance 0–100, peso) de cada actividad."""
    total = sum(p for _a, p in actividades)
    if not total:
        return None
    return sum(a * p for a, p in actividades) / total / 100


def cumplimiento(s: Session, plan_id: int, hoy: date) -> Cumplimiento:
    """Las cifras de cumplimiento del plan (ver el docstring del módulo); lee las actividades tal como están."""
    filas = s.execute(select(Actividad.id, Actividad.padre_id, Actividad.duracion, Actividad.avance, Actividad.fin,
                             Actividad.fin_real, Actividad.lado, Actividad.responsable_id)
                      .where(Actividad.plan_id == plan_id)).all()
    padres = {f.padre_id for f in filas if f.padre_id is not None}
    detalle = [f for f in filas if f.id not in padres]

    def avance(f) -> int:
        # An activity with its actual end recorded is done, whatever percentage was typed last.
        return 100 if f.fin_real is not None else max(0, min(100, f.avance or 0))

    def peso(f) -> int:
        return max(f.duracion or 0, 1)

    debidas = [f for f in detalle if f.fin is not None and f.fin <= hoy]

    def de_lado(lado: str) -> float | None:
        return _ponderado([(avance(f), peso(f)) for f in debidas if f.lado == lado])

    sectores: dict[int | None, list[tuple[int, int]]] = {}
    for f in debidas:
        if f.lado == "servicio_publico":
            sectores.setdefault(f.responsable_id, []).append((avance(f), peso(f)))
    nombres = dict(s.execute(select(Actor.id, Actor.nombre).where(Actor.id.in_([k for k in sectores if k]))).all()) \
        if any(sectores) else {}
    por_sector = []
    for actor_id, lista in sectores.items():
        valor = _ponderado(lista)
        if valor is not None:
            por_sector.append((nombres.get(actor_id, "") or traducir(SIN_RESPONSABLE), valor))
    por_sector.sort(key=lambda p: p[0].casefold())

    indicadores = listar_indicadores(s, plan_id)
    medidos = [f.cumplimiento for f in indicadores if f.cumplimiento is not None]
    return Cumplimiento(
        avance=_ponderado([(avance(f), peso(f)) for f in detalle]) or 0.0,
        plan=_ponderado([(avance(f), peso(f)) for f in debidas]),
        municipal=de_lado("municipalidad"),
        otras_instituciones=de_lado("servicio_publico"),
        comunidad=de_lado("comunidad"),
        por_sector=por_sector,
        indicadores=sum(medidos) / len(medidos) if medidos else None,
        n_actividades=len(detalle),
        n_debidas=len(debidas),
        n_indicadores=len(indicadores),
        n_medidos=len(medidos),
    )
