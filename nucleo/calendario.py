"""Días hábiles de Paraguay: fines de semana, feriados nacionales y los cambios que cargue el usuario.

Los feriados nacionales vienen del paquete `holidays`; el Poder Ejecutivo puede decretar feriados extra y
trasladar otros, por eso el usuario agrega días no laborables y declara laborables los que se movieron.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

from nucleo.i18n import N_, _

AL_DIA = "al_dia"
POR_VENCER = "por_vencer"
VENCIDA = "vencida"
CUMPLIDA = "cumplida"
SIN_FECHA = "sin_fecha"

# Source strings, marked with N_() for the catalogue (built at import, before it is installed): whoever shows
# one passes it through i18n.traducir().
ETIQUETAS_SEMAFORO: dict[str, str] = {
    AL_DIA: N_("Al día"),
    POR_VENCER: N_("Por vencer"),
    VENCIDA: N_("Vencida"),
    CUMPLIDA: N_("Cumplida"),
    SIN_FECHA: N_("Sin fecha"),
}

# A task is "por vencer" when this many working days or fewer remain until its deadline.
DIAS_POR_VENCER = 2


@functools.cache
def _feriados_del_anio(anio: int) -> Mapping[date, str]:
    guardados = _cache_en_disco().get(str(anio))
    if guardados is not None:
        return MappingProxyType({date.fromisoformat(d): n for d, n in guardados.items()})
    import holidays  # 90-250 ms (it loads every country); the disk cache spares it on later starts

    # language="es" always: without it the names follow LANG (English under C.UTF-8).
    feriados = dict(holidays.country_holidays("PY", years=anio, language="es"))
    _guardar_en_disco(anio, feriados)
    return MappingProxyType(feriados)


@functools.cache
def _archivo_cache() -> Path | None:
    """Cache file named after the installed Paraguay rules, so a new `holidays` release is read afresh."""
    try:
        spec = importlib.util.find_spec("holidays")  # finds the package without running it
        origen = Path(spec.origin).parent / "countries" / "paraguay.py" if spec and spec.origin else None
        marca = origen.stat() if origen else None
    except (ImportError, OSError, ValueError):
        return None
    if marca is None:
        return None
    from nucleo.almacen.carpetas import carpeta_cache

    return carpeta_cache() / f"feriados_PY_es_{marca.st_size}_{marca.st_mtime_ns}.json"


@functools.cache
def _cache_en_disco() -> dict[str, dict[str, str]]:
    archivo = _archivo_cache()
    try:
        return json.loads(archivo.read_text(encoding="utf-8")) if archivo and archivo.exists() else {}
    except (OSError, ValueError):
        return {}  # a damaged cache is rebuilt from the package


def _guardar_en_disco(anio: int, feriados: Mapping[date, str]) -> None:
    archivo = _archivo_cache()
    if archivo is None:
        return
    datos = _cache_en_disco()
    datos[str(anio)] = {d.isoformat(): str(n) for d, n in sorted(feriados.items())}
    try:
        temporal = archivo.with_suffix(".tmp")
        temporal.write_text(json.dumps(datos, ensure_ascii=False), encoding="utf-8")
        temporal.replace(archivo)
    except OSError:
        pass  # read-only profile: the program works the same, only starts a little slower


def _dia(d: date) -> date:
    # datetime is a subclass of date but never equal to one: normalise before any lookup.
    return d.date() if isinstance(d, datetime) else d


def _es_fin_de_semana(ordinal: int) -> bool:
    # Ordinal 1 (1 January of year 1) was a Monday, so (o - 1) % 7 is the weekday: 5 Saturday, 6 Sunday.
    return (ordinal - 1) % 7 >= 5


class Calendario:
    """Calendario laboral de un municipio. Inmutable: si el usuario cambia sus días, se crea otro."""

    def __init__(
        self, no_laborables: Mapping[date, str] | Iterable[date] = (), laborables: Iterable[date] = ()
    ):
        """no_laborables: días no laborables que agrega el usuario (feriados decretados, fiestas patronales),
        con su descripción; laborables: días que el usuario declara hábiles aunque el paquete los lista como
        feriado (un feriado trasladado por decreto)."""
        if isinstance(no_laborables, Mapping):
            self._no_laborables = {
                _dia(d): (str(desc).strip() if desc else "") or _("Día no laborable")
                for d, desc in no_laborables.items()
            }
        else:
            self._no_laborables = {_dia(d): _("Día no laborable") for d in no_laborables}
        self._laborables = frozenset(_dia(d) for d in laborables)
        # Working days as sorted ordinals over a contiguous range of years, built lazily: every query is a
        # bisect instead of a day-by-day walk.
        self._por_anio: dict[int, frozenset[int]] = {}
        self._habiles: list[int] = []
        self._primer_anio = 0
        self._ultimo_anio = -1

    # ------------------------------------------------------------------------------------------ internals

    def _habiles_del_anio(self, anio: int) -> frozenset[int]:
        conjunto = self._por_anio.get(anio)
        if conjunto is None:
            no_habiles = {d.toordinal() for d in _feriados_del_anio(anio) if d not in self._laborables}
            no_habiles.update(d.toordinal() for d in self._no_laborables if d.year == anio)
            desde, hasta = date(anio, 1, 1).toordinal(), date(anio, 12, 31).toordinal()
            conjunto = frozenset(
                o for o in range(desde, hasta + 1) if not _es_fin_de_semana(o) and o not in no_habiles
            )
            self._por_anio[anio] = conjunto
        return conjunto

    def _cubrir(self, desde_anio: int, hasta_anio: int) -> None:
        if self._primer_anio <= desde_anio and hasta_anio <= self._ultimo_anio:
            return
        if desde_anio < MINYEAR or hasta_anio > MAXYEAR:
            raise OverflowError(_("La fecha queda fuera del calendario."))
        if self._ultimo_anio >= self._primer_anio:
            desde_anio = min(desde_anio, self._primer_anio)
            hasta_anio = max(hasta_anio, self._ultimo_anio)
        habiles: list[int] = []
        for anio in range(desde_anio, hasta_anio + 1):
            habiles.extend(sorted(self._habiles_del_anio(anio)))
        self._habiles = habiles
        self._primer_anio, self._ultimo_anio = desde_anio, hasta_anio

    def _indice_desde(self, d: date) -> int:
        """Index in self._habiles of the first working day on or after d (the list is extended as needed)."""
        self._cubrir(d.year, d.year)
        i = bisect_left(self._habiles, d.toordinal())
        while i >= len(self._habiles):
            self._cubrir(self._primer_anio, self._ultimo_anio + 1)
            i = bisect_left(self._habiles, d.toordinal())
        return i

    # ------------------------------------------------------------------------------------------- consultas

    def es_habil(self, d: date) -> bool:
        return d.toordinal() in self._habiles_del_anio(d.year)

    def motivo(self, d: date) -> str | None:
        """Por qué d no es hábil: la descripción del usuario, el nombre del feriado, «Sábado» o «Domingo»."""
        d = _dia(d)
        if d in self._no_laborables:
            return self._no_laborables[d]
        if d not in self._laborables:
            nombre = _feriados_del_anio(d.year).get(d)
            if nombre:
                return nombre
        dia_semana = d.weekday()
        if dia_semana == 5:
            return _("Sábado")
        if dia_semana == 6:
            return _("Domingo")
        return None

    def feriados(self, anio: int) -> dict[date, str]:
        """Feriados nacionales del año según el paquete `holidays`, con nombres en español (sin los cambios del usuario)."""
        return dict(sorted(_feriados_del_anio(anio).items()))

    def siguiente_habil(self, d: date) -> date:
        """d si es hábil; si no, el próximo día hábil."""
        i = self._indice_desde(_dia(d))  # first: it may replace self._habiles with a longer list
        return date.fromordinal(self._habiles[i])

    def dia_habil_siguiente(self, d: date) -> date:
        """El primer día hábil estrictamente posterior a d."""
        return self.siguiente_habil(_dia(d) + timedelta(days=1))

    def habil_anterior(self, d: date, n: int = 1) -> date:
        """El día hábil que queda n días hábiles antes de d (d no cuenta): «hace n días hábiles»."""
        d = _dia(d)
        while n > 0:
            d -= timedelta(days=1)
            n -= self.es_habil(d)
        return d

    def sumar_dias_habiles(self, inicio: date, n: int) -> date:
        """Fecha de fin de una tarea que empieza en `inicio` y dura n días hábiles.

        `inicio` cuenta como día 1 si es hábil; si no, la tarea empieza el próximo día hábil.
        """
        if n < 1:
            raise ValueError(_("La duración debe ser de al menos 1 día hábil."))
        i = self._indice_desde(_dia(inicio)) + n - 1
        while i >= len(self._habiles):
            # About 250 working days a year: extend by as many years as are still missing.
            faltan = i - len(self._habiles) + 1
            self._cubrir(self._primer_anio, self._ultimo_anio + max(1, faltan // 240 + 1))
        return date.fromordinal(self._habiles[i])

    def desplazar(self, d: date, n: int) -> date:
        """El día hábil n posiciones después (n < 0: antes) del primer día hábil desde d; n = 0 da siguiente_habil(d).

        Con `distancia` permite calcular un cronograma en números enteros de días hábiles y volver a fechas al final.
        """
        d = _dia(d)
        i = self._indice_desde(d)
        while i + n < 0:
            # Extend backwards; indices shift by what was prepended.
            antes = len(self._habiles)
            self._cubrir(self._primer_anio - max(1, (-(i + n)) // 240 + 1), self._ultimo_anio)
            i += len(self._habiles) - antes
        while i + n >= len(self._habiles):
            faltan = i + n - len(self._habiles) + 1
            self._cubrir(self._primer_anio, self._ultimo_anio + max(1, faltan // 240 + 1))
        return date.fromordinal(self._habiles[i + n])

    def distancia(self, desde: date, hasta: date) -> int:
        """Posiciones de día hábil de `desde` a `hasta` (cada una llevada al primer día hábil desde ella); puede ser
        negativa. desplazar(desde, distancia(desde, hasta)) == siguiente_habil(hasta)."""
        desde, hasta = _dia(desde), _dia(hasta)
        # Cover both years first: later lookups may only append, which keeps earlier indices valid.
        self._cubrir(min(desde.year, hasta.year), max(desde.year, hasta.year))
        i = self._indice_desde(desde)
        return self._indice_desde(hasta) - i

    def dias_habiles_entre(self, desde: date, hasta: date) -> int:
        """Días hábiles en (desde, hasta]: cuántos días hábiles faltan desde `desde` hasta `hasta`; 0 si hasta <= desde."""
        desde, hasta = _dia(desde), _dia(hasta)
        if hasta <= desde:
            return 0
        self._cubrir(desde.year, hasta.year)
        return bisect_right(self._habiles, hasta.toordinal()) - bisect_right(self._habiles, desde.toordinal())


def semaforo(fin_planificado: date | None, cumplida: bool, hoy: date, cal: Calendario) -> str:
    """Estado de una tarea para el semáforo: una de AL_DIA, POR_VENCER, VENCIDA, CUMPLIDA, SIN_FECHA."""
    if cumplida:
        return CUMPLIDA
    if fin_planificado is None:
        return SIN_FECHA
    fin, hoy = _dia(fin_planificado), _dia(hoy)
    if fin < hoy:
        return VENCIDA
    # Vence hoy -> 0 días hábiles restantes -> por vencer.
    if cal.dias_habiles_entre(hoy, fin) <= DIAS_POR_VENCER:
        return POR_VENCER
    return AL_DIA
