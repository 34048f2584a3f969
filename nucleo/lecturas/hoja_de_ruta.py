"""Hoja de ruta: el resumen de las etapas 1-a … 6 de cada territorio (semáforo, avance y próximo paso)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from nucleo import formato
from nucleo.calendario import CUMPLIDA, ETIQUETAS_SEMAFORO, Calendario, semaforo
from nucleo.i18n import _, n_, traducir
from nucleo.lecturas import conexion, fecha, marcas, no_encontrado
from nucleo.lecturas.municipio import calendario_de
from nucleo.opciones import ESTADOS_ETAPA


@dataclass(frozen=True)
class FilaEtapa:
    id: int
    codigo: str
    proceso: str
    producto: str
    responsables: str
    plazo: str
    plazo_dias: int | None
    estado: str
    estado_texto: str
    inicio_plan: date | None
    fin_plan: date | None
    inicio_real: date | None
    fin_real: date | None
    semaforo: str
    semaforo_texto: str
    notas: str
    documentos: int


@dataclass(frozen=True)
class ResumenRuta:
    territorio_id: int
    territorio: str
    inicio: date | None
    etapas: tuple[FilaEtapa, ...]
    cumplidas: int
    vencidas: int
    por_vencer: int
    siguiente: FilaEtapa | None

    @property
    def progreso(self) -> float:
        return self.cumplidas / len(self.etapas) if self.etapas else 0.0

    @property
    def texto_siguiente(self) -> str:
        e = self.siguiente
        if e is None:
            return _("Todas las etapas están cumplidas.")
        if self.inicio is None:
            return _("Fije la fecha de inicio de la ruta para calcular los plazos.")
        plazo = _("vence el {fecha}").format(fecha=formato.fecha(e.fin_plan)) if e.fin_plan else e.plazo.lower()
        return _("Etapa {codigo}: {proceso} ({semaforo}, {plazo})").format(
            codigo=e.codigo, proceso=e.proceso, semaforo=e.semaforo_texto.lower(), plazo=plazo)



_COLUMNAS_ETAPA = ("id, territorio_id, codigo, proceso, producto, responsables, plazo_dias, plazo_referencia, "
                   "estado, inicio_plan, fin_plan, inicio_real, fin_real, notas")


def _fila(e: tuple, n_docs: int, hoy: date, cal: Calendario) -> FilaEtapa:
    (eid, _tid, codigo, proceso, producto, responsables, plazo_dias, plazo_referencia, estado, inicio_plan,
     fin_plan, inicio_real, fin_real, notas) = e
    fin_plan = fecha(fin_plan)
    luz = semaforo(fin_plan, estado == "cumplida", hoy, cal)
    plazo = (n_("{n} día hábil", "{n} días hábiles", plazo_dias).format(n=formato.entero(plazo_dias))
             if plazo_dias else plazo_referencia)
    return FilaEtapa(
        eid, codigo, proceso, producto, responsables, plazo, plazo_dias, estado,
        traducir(ESTADOS_ETAPA.get(estado, estado)), fecha(inicio_plan), fin_plan, fecha(inicio_real),
        fecha(fin_real), luz, traducir(ETIQUETAS_SEMAFORO[luz]), notas, n_docs,
    )


def resumen_ruta(fuente: Any, territorio_id: int, hoy: date | None = None) -> ResumenRuta:
    fila = conexion(fuente).execute("SELECT municipio_id FROM territorio WHERE id = ?", (territorio_id,)).fetchone()
    if fila is None:
        raise no_encontrado(_("el territorio"), territorio_id)
    return resumenes_rutas(fuente, fila[0], hoy, [territorio_id])[territorio_id]


def resumenes_rutas(
    fuente: Any, municipio_id: int, hoy: date | None = None, territorios: list[int] | None = None
) -> dict[int, ResumenRuta]:
    """Resumen de la ruta de varios territorios en pocas consultas (la lista de territorios lo usa)."""
    con = conexion(fuente)
    hoy = hoy or date.today()
    cal = calendario_de(con, municipio_id)
    sql, parametros = "SELECT id, nombre, inicio_ruta FROM territorio WHERE municipio_id = ?", [municipio_id]
    if territorios is not None:
        sql += f" AND id IN ({marcas(len(territorios))})"
        parametros += territorios
    cabeceras = {i: (n, fecha(ini)) for i, n, ini in con.execute(sql, parametros)}
    docs = dict(con.execute(
        "SELECT d.etapa_id, count(*) FROM documento d JOIN etapa e ON e.id = d.etapa_id "
        "WHERE e.municipio_id = ? GROUP BY d.etapa_id", (municipio_id,)).fetchall())
    por_territorio: dict[int, list[FilaEtapa]] = {i: [] for i in cabeceras}
    if territorios is None:
        filas = con.execute(f"SELECT {_COLUMNAS_ETAPA} FROM etapa WHERE municipio_id = ? "
                            "ORDER BY territorio_id, orden", (municipio_id,))
    else:
        filas = con.execute(f"SELECT {_COLUMNAS_ETAPA} FROM etapa WHERE territorio_id IN ({marcas(len(cabeceras))}) "
                            "ORDER BY territorio_id, orden", list(cabeceras))
    for e in filas:
        if e[1] in por_territorio:
            por_territorio[e[1]].append(_fila(e, docs.get(e[0], 0), hoy, cal))
    salida = {}
    for tid, lista in por_territorio.items():
        luces = [f.semaforo for f in lista]
        siguiente = next((f for f in lista if f.semaforo != CUMPLIDA), None)
        salida[tid] = ResumenRuta(tid, cabeceras[tid][0], cabeceras[tid][1], tuple(lista), luces.count(CUMPLIDA),
                                  luces.count("vencida"), luces.count("por_vencer"), siguiente)
    return salida
