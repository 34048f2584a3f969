"""Actividades de los Planes de Acción en Excel: una fila por actividad de cada plan, con su código de la EDT, sus
predecesoras («1.2; 1.3 CC+2; 2.1 FF-1») y, solo para leer, las fechas que calculó el cronograma.

Al importar, el código ordena todo: la actividad «1.2.3» cuelga de la «1.2» (de la planilla, o si no está, de la que
ya tiene ese código en el plan) y las predecesoras se nombran por código. Por eso las filas no se crean de a una
como en las demás tablas sino todas juntas (`crear_lote`): primero las actividades, padres antes que hijas (sin
importar el orden de la planilla), después las dependencias (una predecesora puede estar más abajo) y por último el
avance y las fechas reales. Las columnas calculadas (Inicio, Fin, Holgura, Crítica, Costo) se exportan y no se leen.

El «id» que devuelve cada fila es el de su actividad. Deshacer la importación elimina esas actividades en orden
inverso; como una actividad resumen se lleva a sus subactividades, `eliminar_importada` tolera la que ya no está.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.exportar.excel.esquema import Columna, Esquema, normalizar
from nucleo.i18n import N_, _
from nucleo.modelo import Actividad, PlanAccion, Resultado, Territorio
from nucleo.modelo.plan import LADOS
from nucleo.predecesoras import Predecesora, leer_predecesoras, predecesoras_de, texto_predecesoras

_CODIGO = re.compile(r"^\d+(?:\.\d+)*$")

_LADOS_OTROS = {"municipal": "municipalidad", "municipio": "municipalidad", "intendencia": "municipalidad",
                "otras instituciones": "servicio_publico", "otra institucion": "servicio_publico",
                "servicio publico": "servicio_publico", "institucion": "servicio_publico",
                "sector": "servicio_publico", "comunitario": "comunidad", "vecinos": "comunidad"}

_CALCULADA = N_("Calculada por el cronograma de Articula: se exporta para leerla y no se importa.")

COLUMNAS = (
    Columna(N_("Territorio"), "territorio_id", "referencia", referencia="territorio", obligatoria=True, ancho=22,
            ayuda=N_("Territorio cuyo Plan de Acción tiene la actividad, por su nombre."),
            sinonimos=(N_("Comunidad"), N_("Barrio"), N_("Compañía"))),
    Columna(N_("Código"), "codigo", obligatoria=True, ancho=9, formato="@",
            ayuda=N_("Código de la EDT: 1, 1.2, 1.2.3. La actividad 1.2.3 va debajo de la 1.2 (que debe estar en la "
                     "planilla o en el plan)."),
            sinonimos=(N_("EDT"), N_("N°"), N_("Número"), "WBS")),
    Columna(N_("Actividad"), "nombre", obligatoria=True, ancho=40, ayuda=N_("Qué se hace, en una frase."),
            sinonimos=(N_("Nombre"), N_("Nombre de la actividad"), N_("Tarea"), N_("Actividades"))),
    Columna(N_("Resultado"), "resultado", ancho=11,
            ayuda=N_("Código del resultado del plan al que contribuye («R1», «R2»…). El resultado debe existir en "
                     "el plan."),
            sinonimos=(N_("Código del resultado"), N_("Resultado esperado"))),
    Columna(N_("Responsable"), "responsable_id", "referencia", referencia="actor", ancho=28,
            ayuda=N_("Actor que responde por la actividad (nombre o sigla, de la matriz de actores)."),
            sinonimos=(N_("Responsables"), N_("Encargado"), N_("A cargo de"))),
    Columna(N_("Lado"), "lado", "opcion", opciones=LADOS, ancho=20, valores=_LADOS_OTROS,
            ayuda=N_("Quién responde: la Municipalidad, otro servicio público o la comunidad."),
            sinonimos=(N_("Quién responde"), N_("Parte responsable"))),
    Columna(N_("Duración (días hábiles)"), "duracion", "entero", ancho=11, minimo=0, maximo=2500,
            ayuda=N_("Días hábiles que lleva la actividad (0 para un hito). En una actividad con subactividades se "
                     "calcula y no se lee."),
            sinonimos=(N_("Duración"), N_("Días"), N_("Días hábiles"), N_("Plazo en días"))),
    Columna(N_("Hito"), "hito", "booleano", ancho=7, ayuda=N_("Sí si es un momento (una entrega, un acto), sin "
                                                             "duración."),
            sinonimos=(N_("Es hito"), N_("Hito (Sí/No)"))),
    Columna(N_("Inicio fijo"), "inicio_fijo", "fecha", ancho=12,
            ayuda=N_("Fecha en que debe empezar, si está fijada (si no, la calcula el cronograma)."),
            sinonimos=(N_("Fecha de inicio fija"), N_("Comienzo fijo"), N_("No comenzar antes de"))),
    Columna(N_("Predecesoras"), "predecesoras", ancho=20,
            ayuda=N_("Códigos de las actividades de las que depende, separados por «;». Fin a comienzo si no se "
                     "dice otra cosa; si no, el tipo (FC, CC, FF o CF) y el desfase en días hábiles: "
                     "1.2; 1.3 CC+2; 2.1 FF-1."),
            sinonimos=(N_("Predecesora"), N_("Depende de"), N_("Dependencias"))),
    Columna(N_("Condiciones de satisfacción"), "condiciones", ancho=32,
            ayuda=N_("Cuándo se da por cumplida (ítem iv del Plan de Acción)."),
            sinonimos=(N_("Condiciones"), N_("Criterio de cumplimiento"))),
    Columna(N_("Medio de verificación"), "medio_verificacion", ancho=26,
            ayuda=N_("Registro con que se comprueba: acta, informe, fotos…"),
            sinonimos=(N_("Medios de verificación"), N_("Unidad de medida"), N_("Verificación"))),
    Columna(N_("Avance %"), "avance", "entero", ancho=9, minimo=0, maximo=100,
            ayuda=N_("Avance de 0 a 100. Con avance hace falta el inicio real; con 100, también el fin real."),
            sinonimos=(N_("Avance"), N_("% de avance"), N_("Porcentaje de avance"))),
    Columna(N_("Inicio real"), "inicio_real", "fecha", ancho=12, ayuda=N_("Cuándo empezó de verdad.")),
    Columna(N_("Fin real"), "fin_real", "fecha", ancho=12, ayuda=N_("Cuándo terminó de verdad.")),
    Columna(N_("Notas"), "notas", ancho=28, ayuda=N_("Observaciones."), sinonimos=(N_("Observaciones"),)),
    Columna(N_("Inicio"), "inicio_calculado", "fecha", ancho=12, ayuda=_CALCULADA),
    Columna(N_("Fin"), "fin_calculado", "fecha", ancho=12, ayuda=_CALCULADA),
    Columna(N_("Holgura (días hábiles)"), "holgura", "entero", ancho=10, ayuda=_CALCULADA),
    Columna(N_("Crítica"), "critica", "booleano", ancho=8, ayuda=_CALCULADA),
    Columna(N_("Costo ₲"), "costo", "guaranies", ancho=15, ayuda=_CALCULADA),
)
CALCULADAS = frozenset({"inicio_calculado", "fin_calculado", "holgura", "critica", "costo"})


# -- exportar ---------------------------------------------------------------------------------------------------
def planes(s: Session, municipio_id: int) -> list[tuple[int, str]]:
    """(plan_id, nombre del territorio) de cada plan del municipio, por nombre del territorio."""
    filas = s.execute(select(PlanAccion.id, Territorio.nombre).join(Territorio, Territorio.id == PlanAccion.territorio_id)
                      .where(PlanAccion.municipio_id == municipio_id)).all()
    return sorted(((p, n) for p, n in filas), key=lambda f: (f[1].casefold(), f[0]))


def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    from nucleo.servicios.actividades import listar_actividades

    salida = []
    notas = {i: n for i, n in s.execute(select(Actividad.id, Actividad.notas)
                                        .where(Actividad.municipio_id == municipio_id)) if n}
    for plan_id, territorio in planes(s, municipio_id):
        lista = listar_actividades(s, plan_id, date.today())  # «hoy» only feeds the traffic light, not exported
        codigos = {f.id: f.codigo for f in lista}
        for f in lista:
            preds = predecesoras_de(f.predecesoras, codigos)
            resumen = f.es_resumen
            salida.append({
                "territorio_id": territorio, "codigo": f.codigo, "nombre": f.nombre,
                "resultado": f.resultado_codigo or None, "responsable_id": f.responsable or None, "lado": f.lado,
                "duracion": f.duracion, "hito": f.hito, "inicio_fijo": f.inicio_fijo,
                "predecesoras": texto_predecesoras(preds) or None, "condiciones": f.condiciones or None,
                "medio_verificacion": f.medio_verificacion or None, "avance": f.avance,
                "inicio_real": f.inicio_real, "fin_real": f.fin_real, "notas": notas.get(f.id),
                "inicio_calculado": f.inicio, "fin_calculado": f.fin,
                "holgura": None if resumen else f.holgura_total, "critica": f.critica, "costo": f.costo,
            })
    return salida


# -- importar ---------------------------------------------------------------------------------------------------
def plan_editable(s: Session, territorio_id: int) -> tuple[int, str]:
    """(plan_id, nombre del territorio) del plan del territorio, si se puede modificar; si no, ErrorDeUsuario."""
    from nucleo.servicios.plan import exigir_editable

    nombre = s.scalar(select(Territorio.nombre).where(Territorio.id == territorio_id)) or ""
    plan_id = s.scalar(select(PlanAccion.id).where(PlanAccion.territorio_id == territorio_id))
    if plan_id is None:
        raise ErrorDeUsuario(_("«{territorio}» todavía no tiene Plan de Acción: créelo (con sus resultados) antes de "
                               "importar sus actividades.").format(territorio=nombre), campo="territorio_id")
    try:
        exigir_editable(s, plan_id)
    except ErrorDeUsuario as exc:
        raise ErrorDeUsuario(_("Plan de Acción de «{territorio}»: {error}").format(
            territorio=nombre, error=exc.mensaje), campo="territorio_id") from None
    return plan_id, nombre


def codigos_del_plan(s: Session, plan_id: int) -> dict[str, int]:
    from nucleo.servicios.actividades import listar_actividades

    return {f.codigo: f.id for f in listar_actividades(s, plan_id, date.today())}


def resultados_del_plan(s: Session, plan_id: int) -> dict[str, tuple[int, str]]:
    """normalizar(código) -> (id, código), en el orden del plan."""
    q = select(Resultado.id, Resultado.codigo).where(Resultado.plan_id == plan_id).order_by(Resultado.orden, Resultado.id)
    return {normalizar(c): (i, c) for i, c in s.execute(q)}


def _clave_codigo(codigo: str) -> tuple[int, ...]:
    return tuple(int(p) for p in codigo.split("."))


class _Lote:
    """Una importación de actividades: varias filas, quizá de varios planes."""

    def __init__(self, s: Session, lista: Sequence[Mapping[str, Any]]):
        self.s = s
        self.lista = lista
        self.errores: dict[int, dict[str, str]] = {}
        self.ids: dict[int, int] = {}  # row index -> activity id
        self.planes: dict[int, tuple[int, str] | ErrorDeUsuario] = {}
        self.existentes: dict[int, dict[str, int]] = {}  # plan -> code -> id, before the import
        self.nuevas: dict[tuple[int, str], int] = {}  # (plan, code of the sheet) -> row index
        self.resultados: dict[int, dict[str, tuple[int, str]]] = {}
        self.predecesoras: dict[int, list[Predecesora]] = {}
        self.avisados: set[int] = set()

    def error(self, i: int, campo: str, mensaje: str) -> None:
        errores = self.errores.setdefault(i, {})
        errores[campo] = f"{errores[campo]} {mensaje}" if campo in errores else mensaje

    def plan(self, i: int) -> int | None:
        tid = self.lista[i]["territorio_id"]
        if tid not in self.planes:
            try:
                self.planes[tid] = plan_editable(self.s, tid)
            except ErrorDeUsuario as exc:
                self.planes[tid] = exc
        valor = self.planes[tid]
        if isinstance(valor, ErrorDeUsuario):
            # The reason once, on the territory's first row; its other rows only point to it.
            if tid in self.avisados:
                self.error(i, "territorio_id", _("No se importa: vea el motivo en la primera fila de este "
                                                 "territorio."))
            else:
                self.avisados.add(tid)
                self.error(i, "territorio_id", valor.mensaje)
            return None
        plan_id = valor[0]
        if plan_id not in self.existentes:
            self.existentes[plan_id] = codigos_del_plan(self.s, plan_id)
            self.resultados[plan_id] = resultados_del_plan(self.s, plan_id)
        return plan_id

    def territorio(self, plan_id: int) -> str:
        return next(v[1] for v in self.planes.values() if not isinstance(v, ErrorDeUsuario) and v[0] == plan_id)

    def revisar(self) -> list[tuple[int, int, str]]:
        """Las filas que se pueden crear, como (plan, índice, código), con los padres antes que las hijas."""
        listas = []
        for i, d in enumerate(self.lista):
            plan_id = self.plan(i)
            codigo = str(d.get("codigo") or "").strip().rstrip(".")
            if not _CODIGO.match(codigo):
                self.error(i, "codigo", _("«{codigo}» no es un código de la EDT: escríbalo como 1, 1.2 o 1.2.3.")
                           .format(codigo=d.get("codigo")))
                continue
            try:
                self.predecesoras[i] = leer_predecesoras(d.get("predecesoras"))
            except ValueError as exc:
                self.error(i, "predecesoras", str(exc))
            if plan_id is None:
                continue
            if (plan_id, codigo) in self.nuevas:
                otra = self.lista[self.nuevas[(plan_id, codigo)]]
                self.error(i, "codigo", _("El código {codigo} ya lo tiene otra fila de la planilla («{nombre}»): "
                                          "cada actividad lleva un código distinto.").format(
                    codigo=codigo, nombre=otra.get("nombre", "")))
                continue
            self.nuevas[(plan_id, codigo)] = i
            listas.append((plan_id, i, codigo))
        listas.sort(key=lambda f: (f[0], _clave_codigo(f[2])))
        return listas

    def buscar(self, plan_id: int, codigo: str) -> tuple[int | None, str]:
        """(id, de dónde) de la actividad con ese código: de la planilla primero, si no, del plan."""
        i = self.nuevas.get((plan_id, codigo))
        if i is not None:
            return self.ids.get(i), "planilla"
        aid = self.existentes[plan_id].get(codigo)
        return aid, "plan" if aid is not None else ""

    def datos(self, i: int, plan_id: int, codigo: str) -> Any:
        from nucleo.servicios.actividades import DatosActividad

        d = self.lista[i]
        padre_id = None
        if "." in codigo:
            padre = codigo.rsplit(".", 1)[0]
            padre_id, origen = self.buscar(plan_id, padre)
            if padre_id is None:
                if origen == "planilla":
                    self.error(i, "codigo", _("Va debajo de la actividad {padre}, que no se pudo crear: revise su "
                                              "fila.").format(padre=padre))
                else:
                    self.error(i, "codigo", _("Va debajo de la actividad {padre}, que no está en la planilla ni en "
                                              "el Plan de Acción de «{territorio}».").format(
                        padre=padre, territorio=self.territorio(plan_id)))
                return None
        resultado_id = None
        if d.get("resultado"):
            hallado = self.resultados[plan_id].get(normalizar(d["resultado"]))
            if hallado is None:
                existentes = ", ".join(c for _i, c in self.resultados[plan_id].values()) or _("ninguno")
                self.error(i, "resultado", _("El Plan de Acción de «{territorio}» no tiene el resultado «{codigo}» "
                                             "(tiene: {existentes}). Créelo en la pestaña Resultados o corrija el "
                                             "código.").format(territorio=self.territorio(plan_id),
                                                               codigo=d["resultado"], existentes=existentes))
            else:
                resultado_id = hallado[0]
        valores = {k: d[k] for k in ("nombre", "responsable_id", "lado", "hito", "inicio_fijo", "condiciones",
                                     "medio_verificacion", "notas") if d.get(k) is not None}
        if d.get("duracion") is not None:
            valores["duracion"] = d["duracion"]
        elif valores.get("hito"):
            valores["duracion"] = 0
        return DatosActividad(padre_id=padre_id, resultado_id=resultado_id, **valores)

    def crear(self, orden: list[tuple[int, int, str]]) -> None:
        from nucleo.servicios.actividades import crear_actividad

        for plan_id, i, codigo in orden:
            datos = self.datos(i, plan_id, codigo)
            if datos is None:
                continue
            try:
                with self.s.begin_nested():
                    self.ids[i] = crear_actividad(self.s, plan_id, datos)
            except ErroresDeValidacion as exc:
                for campo, mensaje in exc.errores.items():
                    self.error(i, campo, mensaje)
            except ErrorDeUsuario as exc:
                self.error(i, exc.campo or "nombre", exc.mensaje)

    def vincular(self, orden: list[tuple[int, int, str]]) -> None:
        from nucleo.servicios.actividades import vincular

        for plan_id, i, _codigo in orden:
            aid = self.ids.get(i)
            if aid is None:
                continue
            for p in self.predecesoras.get(i, ()):
                pid, origen = self.buscar(plan_id, p.codigo)
                if pid is None:
                    if origen == "planilla":
                        self.error(i, "predecesoras", _("La predecesora {codigo} no se pudo crear: revise su fila.")
                                   .format(codigo=p.codigo))
                    else:
                        self.error(i, "predecesoras", _("La predecesora {codigo} no está en la planilla ni en el Plan "
                                                        "de Acción de «{territorio}».").format(
                            codigo=p.codigo, territorio=self.territorio(plan_id)))
                    continue
                try:
                    with self.s.begin_nested():
                        vincular(self.s, pid, aid, p.tipo, p.desfase)
                except ErrorDeUsuario as exc:
                    self.error(i, "predecesoras", _("Predecesora «{texto}»: {error}").format(texto=str(p),
                                                                                           error=exc.mensaje))

    def seguimiento(self, orden: list[tuple[int, int, str]]) -> None:
        from nucleo.servicios.actividades import es_resumen, registrar_avance

        for _plan, i, _codigo in orden:
            aid, d = self.ids.get(i), self.lista[i]
            if aid is None or not (d.get("avance") or d.get("inicio_real") or d.get("fin_real")):
                continue
            if es_resumen(self.s, aid):
                continue  # a summary's progress and actual dates come from its children
            try:
                with self.s.begin_nested():
                    registrar_avance(self.s, aid, d.get("avance") or 0, d.get("inicio_real"), d.get("fin_real"))
            except ErroresDeValidacion as exc:
                for campo, mensaje in exc.errores.items():
                    self.error(i, campo, mensaje)
            except ErrorDeUsuario as exc:
                self.error(i, exc.campo or "avance", exc.mensaje)

    def correr(self) -> list[Any]:
        orden = self.revisar()
        self.crear(orden)
        self.vincular(orden)
        self.seguimiento(orden)
        salida: list[Any] = []
        for i in range(len(self.lista)):
            if i in self.errores:
                salida.append(ErroresDeValidacion(self.errores[i]))
            elif i in self.ids:
                salida.append(self.ids[i])
            else:  # pragma: no cover - every row either got an id or an error
                salida.append(ErrorDeUsuario(_("No se pudo crear la actividad."), campo="nombre"))
        return salida


def crear_lote(s: Session, municipio_id: int, lista: Sequence[Mapping[str, Any]]) -> list[Any]:
    return _Lote(s, lista).correr()


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    resultado = crear_lote(s, municipio_id, [datos])[0]
    if isinstance(resultado, ErrorDeUsuario):
        raise resultado
    return resultado


# -- deshacer una importación -----------------------------------------------------------------------------------
def eliminar_importada(s: Session, aid: int) -> Any:
    """Como `eliminar_actividad`, pero None si ya no está (se fue con la actividad resumen de la que colgaba)."""
    from nucleo.servicios.actividades import eliminar_actividad

    if s.get(Actividad, aid) is None:
        return None
    return eliminar_actividad(s, aid)


def restaurar_importada(s: Session, copia: Any) -> int | None:
    from nucleo.servicios.actividades import restaurar_actividad

    return None if copia is None else restaurar_actividad(s, copia)


ESQUEMA = Esquema(
    tabla="actividades",
    entidad="actividad",
    hoja=N_("Actividades"),
    titulo=N_("Actividades de los Planes de Acción"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    crear_lote=crear_lote,
    # No key: a code like «1.2» normalises to «2» (the importer drops leading numbering), so «1.2» and «3.2» would
    # look repeated. Repeated codes are checked here, exactly, per plan.
    clave=(),
)
