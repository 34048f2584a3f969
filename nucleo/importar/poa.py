"""Importar un Plan Operativo Anual (POA) de una alcaldía como parte de un Plan de Acción.

Un POA municipal es una planilla con una fila por actividad: N°, PROYECTOS, METAS, ACTIVIDAD, UNIDAD DE MEDIDA y,
por cada mes (ENE … DIC), columnas «Programado / Realizado / Cumplimiento / Medio de verificación»; al final, a
veces, «Total de Recursos $$$». Proyectos y metas van en celdas combinadas hacia abajo: en la lectura (valores de
celdas) solo la primera fila las tiene, así que se arrastran hacia abajo hasta la próxima.

Cómo se traduce (`leer_poa` lee sin tocar el expediente; `importar_poa` crea por los servicios):

- cada PROYECTO → una actividad resumen del primer nivel;
- cada META → un Resultado nuevo (R1, R2… los próximos libres del plan);
- cada ACTIVIDAD → una actividad de detalle debajo de su proyecto, vinculada al resultado de su meta, con inicio
  fijo el primer día hábil del primer mes programado y duración hasta el último día hábil del último mes
  programado (en días hábiles del calendario del municipio); la unidad de medida va como medio de verificación y
  los meses programados en las notas («Programado: ene, abr, jul, oct»).

Se rechaza, con la fila y el motivo: una actividad sin ningún mes programado, una celda con un error de fórmula,
una actividad sin proyecto. Las filas vacías de la plantilla bajo «Actividades no planificadas» se saltan y se
cuentan. El «Total de Recursos» está en otra moneda: no se importa como guaraníes, se avisa una vez con las filas
y los montos para que el coordinador cargue los costos en guaraníes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from nucleo import formato
from nucleo.calendario import Calendario
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.excel.esquema import normalizar
from nucleo.i18n import _, n_
from nucleo.importar.valores import es_error, vacia

MESES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
_MESES_LARGOS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                 "noviembre", "diciembre")
_FILAS_A_MIRAR = 40
_ANIO_TITULO = re.compile(r"plan\s+operativo\s+anual\D{0,12}((?:19|20)\d\d)|poa\s*((?:19|20)\d\d)", re.IGNORECASE)
_NO_PLANIFICADAS = "actividades no planificadas"


@dataclass(frozen=True)
class ActividadPoa:
    fila: int
    proyecto: str
    meta: str
    nombre: str
    unidad: str
    meses: tuple[int, ...]  # 1..12, the months with «Programado» > 0

    def inicio(self, anio: int, cal: Calendario) -> date:
        return cal.siguiente_habil(date(anio, self.meses[0], 1))

    def fin(self, anio: int, cal: Calendario) -> date:
        ultimo = self.meses[-1]
        siguiente = date(anio + 1, 1, 1) if ultimo == 12 else date(anio, ultimo + 1, 1)
        return cal.habil_anterior(siguiente)

    def duracion(self, anio: int, cal: Calendario) -> int:
        return cal.distancia(self.inicio(anio, cal), self.fin(anio, cal)) + 1

    @property
    def texto_meses(self) -> str:
        return ", ".join(MESES[m - 1] for m in self.meses)


@dataclass(frozen=True)
class Rechazo:
    fila: int
    motivo: str

    def __str__(self) -> str:
        return _("Fila {fila}: {motivo}").format(fila=self.fila, motivo=self.motivo)


@dataclass
class LecturaPoa:
    archivo: Path
    hoja: str
    fila_encabezado: int
    anio: int
    anio_del_titulo: bool  # False: the year was given by the user
    actividades: list[ActividadPoa] = field(default_factory=list)
    rechazos: list[Rechazo] = field(default_factory=list)
    saltadas: int = 0  # empty template rows under «Actividades no planificadas»
    montos: list[tuple[int, float]] = field(default_factory=list)  # (fila, Total de Recursos) in another currency

    @property
    def proyectos(self) -> list[str]:
        return list(dict.fromkeys(a.proyecto for a in self.actividades))

    @property
    def metas(self) -> list[str]:
        vistas: dict[str, str] = {}
        for a in self.actividades:
            if a.meta:
                vistas.setdefault(normalizar(a.meta), a.meta)
        return list(vistas.values())

    def aviso_moneda(self) -> str | None:
        """El aviso del «Total de Recursos», o None si la planilla no trae montos."""
        if not self.montos:
            return None
        lista = "; ".join(_("fila {fila}: {monto}").format(fila=f, monto=formato.numero(m)) for f, m in self.montos)
        total = formato.numero(sum(m for _f, m in self.montos))
        return n_("La columna «Total de Recursos $$$» está en otra moneda: no se importó como guaraníes ({n} monto, "
                  "{lista}; total {total}). Cargue los costos en guaraníes en los recursos de cada actividad.",
                  "La columna «Total de Recursos $$$» está en otra moneda: no se importó como guaraníes ({n} montos, "
                  "{lista}; total {total}). Cargue los costos en guaraníes en los recursos de cada actividad.",
                  len(self.montos)).format(n=len(self.montos), lista=lista, total=total)

    def avisos(self) -> list[str]:
        avisos = []
        if self.saltadas:
            avisos.append(n_("Se saltó {n} fila vacía de «Actividades no planificadas».",
                             "Se saltaron {n} filas vacías de «Actividades no planificadas».",
                             self.saltadas).format(n=self.saltadas))
        sin_meta = [a.fila for a in self.actividades if not a.meta]
        if sin_meta:
            avisos.append(_("Actividades sin meta (quedan sin resultado): filas {filas}.").format(
                filas=", ".join(map(str, sin_meta))))
        moneda = self.aviso_moneda()
        if moneda:
            avisos.append(moneda)
        return avisos


# -- lectura ----------------------------------------------------------------------------------------------------
def _mes(texto: Any) -> int | None:
    t = normalizar(texto)
    if t in MESES:
        return MESES.index(t) + 1
    if t in _MESES_LARGOS:
        return _MESES_LARGOS.index(t) + 1
    return None


@dataclass
class _Columnas:
    fila: int  # 1-based header row
    numero: int | None
    proyecto: int
    meta: int
    actividad: int
    unidad: int | None
    meses: dict[int, int]  # month -> column of its «Programado»
    total: int | None
    datos_desde: int  # first data row (1-based)


def _encabezados(filas: list[tuple[Any, ...]]) -> _Columnas | None:
    for n, fila in enumerate(filas):
        textos = [normalizar(v) if isinstance(v, str) else "" for v in fila]

        def buscar(*nombres: str, textos=textos) -> int | None:
            return next((j for j, t in enumerate(textos) if t in nombres), None)

        proyecto, meta, actividad = buscar("proyectos", "proyecto"), buscar("metas", "meta"), \
            buscar("actividad", "actividades")
        meses = {m: j for j, v in enumerate(fila) if isinstance(v, str) and (m := _mes(v))}
        if None in (proyecto, meta, actividad) or len(meses) < 6:
            continue
        debajo = filas[n + 1] if n + 1 < len(filas) else ()
        programado: dict[int, int] = {}
        for m, j in meses.items():
            # «Programado» sits under the month (the month's cell is merged over its 3–4 columns).
            k = next((k for k in range(j, min(j + 4, len(debajo))) if normalizar(debajo[k]) == "programado"), None)
            programado[m] = k if k is not None else j
        con_sub = any(normalizar(v) == "programado" for v in debajo if isinstance(v, str))
        total = None
        for fila_total in (fila, debajo):
            for j, v in enumerate(fila_total):
                if isinstance(v, str) and normalizar(v).startswith("total de recursos"):
                    total = j
        return _Columnas(n + 1, buscar("n", "no", "numero", "nro"), proyecto, meta, actividad,
                         buscar("unidad de medida", "unidad"), programado, total, n + 2 + con_sub)
    return None


def _anio(filas: Iterable[tuple[Any, ...]]) -> int | None:
    for fila in filas:
        for v in fila:
            if isinstance(v, str) and (m := _ANIO_TITULO.search(v)):
                return int(m[1] or m[2])
    return None


def _numero(valor: Any) -> float | None:
    """El valor programado o el monto; None si no es un número (vacío, «N/A», texto)."""
    if isinstance(valor, bool) or valor is None:
        return None
    if isinstance(valor, int | float):
        return float(valor)
    try:
        return float(formato.leer_numero(str(valor)))
    except (ValueError, ArithmeticError):
        return None


def _texto(valor: Any) -> str:
    return " ".join(str(valor).split()) if not vacia(valor) else ""


def leer_poa(ruta: Path | str, anio: int | None = None) -> LecturaPoa:
    """Lee el POA (la primera hoja visible que tenga sus encabezados). `anio`: el del POA cuando el título no lo
    dice (o para corregirlo). ErrorDeUsuario si el archivo no es un POA o falta el año (campo «anio»)."""
    from nucleo.importar.lectura import _abrir
    from nucleo.importar.seguridad import revisar_archivo

    ruta = Path(ruta)
    revisar_archivo(ruta)
    wb = _abrir(ruta)
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            ws.reset_dimensions()
            filas = [tuple(f) for f in ws.iter_rows(max_col=200, values_only=True)]
            cols = _encabezados(filas[:_FILAS_A_MIRAR])
            if cols is not None:
                break
        else:
            raise ErrorDeUsuario(_("«{archivo}» no parece un Plan Operativo Anual: no se encontró una fila con los "
                                   "encabezados PROYECTOS, METAS, ACTIVIDAD y los meses (ENE … DIC).").format(
                archivo=ruta.name))
    finally:
        wb.close()
    del_titulo = _anio(filas[:cols.fila])
    anio = anio or del_titulo
    if anio is None:
        raise ErrorDeUsuario(_("El título de «{archivo}» no dice de qué año es el POA: indique el año.").format(
            archivo=ruta.name), campo="anio")
    lectura = LecturaPoa(ruta, ws.title, cols.fila, anio, del_titulo == anio)
    _leer_filas(lectura, cols, filas)
    return lectura


def _leer_filas(lectura: LecturaPoa, cols: _Columnas, filas: list[tuple[Any, ...]]) -> None:
    proyecto = meta = ""
    no_planificadas = False

    def celda(fila: tuple[Any, ...], j: int | None) -> Any:
        return fila[j] if j is not None and j < len(fila) else None

    for n in range(cols.datos_desde - 1, len(filas)):
        fila, numero = filas[n], n + 1
        valores = {"proyecto": celda(fila, cols.proyecto), "meta": celda(fila, cols.meta),
                   "actividad": celda(fila, cols.actividad), "unidad": celda(fila, cols.unidad)}
        programados = {m: celda(fila, j) for m, j in cols.meses.items()}
        if normalizar(valores["proyecto"]) == _NO_PLANIFICADAS or normalizar(valores["actividad"]) == _NO_PLANIFICADAS:
            no_planificadas, proyecto, meta = True, "", ""
            continue
        if all(vacia(v) for v in valores.values()):
            if no_planificadas and not vacia(celda(fila, cols.numero)):
                lectura.saltadas += 1  # a numbered template row waiting for an unplanned activity
            continue
        errores = [(nombre, v) for nombre, v in [*valores.items(), *((MESES[m - 1].upper(), v)
                                                                     for m, v in programados.items())] if es_error(v)]
        monto = celda(fila, cols.total)
        if es_error(monto):
            errores.append(("Total de Recursos", monto))
        if not vacia(valores["proyecto"]) and not es_error(valores["proyecto"]):
            nuevo = _texto(valores["proyecto"])
            if nuevo != proyecto:
                proyecto, meta = nuevo, ""
        if not vacia(valores["meta"]) and not es_error(valores["meta"]):
            meta = _texto(valores["meta"])
        if errores:
            lectura.rechazos.append(Rechazo(numero, _("hay un error de fórmula en {celdas}: corrija la fórmula o "
                                                      "escriba el valor.").format(
                celdas=", ".join(f"{nombre} ({str(v).strip()})" for nombre, v in errores))))
            continue
        nombre = _texto(valores["actividad"])
        if not nombre:
            lectura.rechazos.append(Rechazo(numero, _("la fila no tiene el texto de la ACTIVIDAD.")))
            continue
        meses = tuple(m for m in sorted(programados) if (_numero(programados[m]) or 0) > 0)
        if not meses:
            lectura.rechazos.append(Rechazo(numero, _("«{actividad}» no tiene ningún mes con «Programado»: sin "
                                                      "meses no hay fechas para el cronograma.").format(
                actividad=_corto(nombre))))
            continue
        if not proyecto:
            lectura.rechazos.append(Rechazo(numero, _("«{actividad}» no está bajo ningún PROYECTO.").format(
                actividad=_corto(nombre))))
            continue
        valor = _numero(monto)
        if valor:
            lectura.montos.append((numero, valor))
        lectura.actividades.append(ActividadPoa(numero, proyecto, meta, nombre, _texto(valores["unidad"]), meses))


def _corto(texto: str, largo: int = 60) -> str:
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


# -- lo que se creará -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FilaPrevia:
    """Una fila de la vista previa: qué se crea (proyecto, resultado o actividad), con su código y fechas."""

    tipo: str  # "proyecto" | "resultado" | "actividad"
    codigo: str
    texto: str
    resultado: str = ""  # an activity's result code
    inicio: date | None = None
    fin: date | None = None
    duracion: int | None = None
    meses: str = ""
    fila: int | None = None  # row of the workbook


def previa(lectura: LecturaPoa, cal: Calendario, primer_proyecto: int = 1,
           codigos_usados: Iterable[str] = ()) -> list[FilaPrevia]:
    """Lo que `importar_poa` creará, en orden: los resultados y luego cada proyecto con sus actividades.
    `primer_proyecto`: el número que tendrá el primer proyecto (las actividades del primer nivel que el plan ya
    tiene + 1); `codigos_usados`: los códigos de resultado que el plan ya usa."""
    codigos = _codigos_resultado(lectura, codigos_usados)
    salida = [FilaPrevia("resultado", codigos[normalizar(m)], m) for m in lectura.metas]
    for p, proyecto in enumerate(lectura.proyectos, start=primer_proyecto):
        suyas = [a for a in lectura.actividades if a.proyecto == proyecto]
        inicio = min(a.inicio(lectura.anio, cal) for a in suyas)
        fin = max(a.fin(lectura.anio, cal) for a in suyas)
        salida.append(FilaPrevia("proyecto", str(p), proyecto, inicio=inicio, fin=fin,
                                 duracion=cal.distancia(inicio, fin) + 1, fila=suyas[0].fila))
        for n, a in enumerate(suyas, start=1):
            salida.append(FilaPrevia("actividad", f"{p}.{n}", a.nombre, codigos.get(normalizar(a.meta), ""),
                                     a.inicio(lectura.anio, cal), a.fin(lectura.anio, cal),
                                     a.duracion(lectura.anio, cal), a.texto_meses, a.fila))
    return salida


def _codigos_resultado(lectura: LecturaPoa, usados: Iterable[str]) -> dict[str, str]:
    ocupados = {c.casefold() for c in usados}
    salida, n = {}, 1
    for meta in lectura.metas:
        while f"r{n}" in ocupados:
            n += 1
        salida[normalizar(meta)] = f"R{n}"
        ocupados.add(f"r{n}")
    return salida


# -- importar ---------------------------------------------------------------------------------------------------
@dataclass
class ResultadoPoa:
    proyectos: int = 0
    resultados: int = 0
    actividades: int = 0  # detail activities
    ids_actividades: list[int] = field(default_factory=list)  # projects and activities, in creation order
    ids_resultados: list[int] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)
    rechazos: list[Rechazo] = field(default_factory=list)


def importar_poa(s, plan_id: int, lectura: LecturaPoa) -> ResultadoPoa:
    """Crea en el plan los resultados, proyectos y actividades del POA por los servicios. No confirma: úsela
    dentro de `Expediente.transaccion()`; si un servicio rechaza algo lanza ErrorDeUsuario y no queda nada."""
    from sqlalchemy import select

    from nucleo.modelo import PlanAccion, Resultado
    from nucleo.servicios.actividades import DatosActividad, crear_actividad
    from nucleo.servicios.dias_especiales import calendario_de
    from nucleo.servicios.plan import DatosResultado, crear_resultado, exigir_editable

    plan = exigir_editable(s, plan_id)
    cal = calendario_de(s, s.get(PlanAccion, plan_id).municipio_id)
    if not lectura.actividades:
        raise ErrorDeUsuario(_("«{archivo}» no tiene ninguna actividad que se pueda importar: revise los motivos de "
                               "cada fila.").format(archivo=lectura.archivo.name))
    usados = list(s.scalars(select(Resultado.codigo).where(Resultado.plan_id == plan.id)))
    codigos = _codigos_resultado(lectura, usados)
    r = ResultadoPoa(avisos=lectura.avisos(), rechazos=list(lectura.rechazos))
    resultados: dict[str, int] = {}
    for meta in lectura.metas:
        clave = normalizar(meta)
        resultados[clave] = crear_resultado(s, plan_id, DatosResultado(descripcion=meta, codigo=codigos[clave]))
        r.ids_resultados.append(resultados[clave])
    r.resultados = len(resultados)
    titulo = _("POA {anio}").format(anio=lectura.anio)
    for proyecto in lectura.proyectos:
        pid = crear_actividad(s, plan_id, DatosActividad(nombre=proyecto[:300], notas=_(
            "Proyecto del {poa} («{archivo}»).").format(poa=titulo, archivo=lectura.archivo.name)))
        r.ids_actividades.append(pid)
        r.proyectos += 1
        for a in (a for a in lectura.actividades if a.proyecto == proyecto):
            notas = _("Programado: {meses} ({poa}, fila {fila}).").format(meses=a.texto_meses, poa=titulo,
                                                                          fila=a.fila)
            aid = crear_actividad(s, plan_id, DatosActividad(
                nombre=a.nombre[:300], padre_id=pid, resultado_id=resultados.get(normalizar(a.meta)),
                duracion=a.duracion(lectura.anio, cal), inicio_fijo=a.inicio(lectura.anio, cal),
                medio_verificacion=a.unidad, notas=notas))
            r.ids_actividades.append(aid)
            r.actividades += 1
    s.flush()
    return r


__all__ = ["ActividadPoa", "FilaPrevia", "LecturaPoa", "Rechazo", "ResultadoPoa", "importar_poa", "leer_poa",
           "previa"]
