"""Expediente de demostración: Villeta (Central) con territorios en distintas etapas.

Las personas y organizaciones son ficticias a la vista; las fechas se calculan desde hoy para que la hoja de ruta
muestre siempre etapas cumplidas, en curso, por vencer y vencidas.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from nucleo.almacen.expediente import Expediente
from nucleo.calendario import Calendario
from nucleo.modelo import Etapa, Territorio
from nucleo.servicios.actores import DatosActor, crear_actor
from nucleo.servicios.dias_especiales import agregar_dia_especial, calendario_de
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

CLAVE_VILLETA = "1116"

ACTORES = [
    ("Comisión Vecinal San Miguel (ficticia)", "comunidad", "0981 000 101", "Sra. Ana Ejemplo (ficticia)"),
    ("Asociación de Productores Cerrito Unido (ficticia)", "comunidad", "0982 000 202", "Sr. Pedro Prueba (ficticio)"),
    ("Comunidad indígena Yvy Porã (ficticia)", "comunidad", "0983 000 303", "Líder: Sr. Tomás Demo (ficticio)"),
    ("Comité de Mujeres Costa Azul (ficticio)", "comunidad", "0984 000 404", "Sra. Lidia Muestra (ficticia)"),
    ("Gobernación de Central", "gobernacion", "", "Secretaría de Desarrollo Social"),
    ("Secretaría Técnica de Planificación (STP)", "gobierno_central", "", ""),
    ("Ministerio de Desarrollo Social", "gobierno_central", "", ""),
    ("Municipalidad de Villeta", "municipalidad", "", "Secretaría de Desarrollo Social"),
    ("Fundación Ejemplo para el Desarrollo (ficticia)", "sociedad_civil", "021 000 505", ""),
]

# (nombre, tipo, tipo_sps, estado, población, hogares, organización, días hábiles desde el inicio, cumplidas, en curso)
TERRITORIOS = [
    ("Barrio San Miguel", "urbano", "periferia_metropolitana", "en_intervencion", 4350, 1120, 0, 95, 6, "5"),
    ("Compañía Cerrito", "rural", "", "en_intervencion", 1890, 460, 1, 48, 4, "3"),
    ("Comunidad Yvy Porã", "indigena", "", "seleccionado", 620, 140, 2, 12, 1, "1-b"),
    ("Asentamiento Costa Azul", "mixto", "periferia_metropolitana", "seleccionado", 2300, 610, 3, 30, 2, "2"),
    ("Barrio Industrial", "urbano", "", "propuesto", 3100, 820, None, None, 0, None),
]


def _preparar(s: Session, hoy: date) -> int:
    mid = crear_municipio(s, DatosMunicipio(
        clave_ine=CLAVE_VILLETA,
        intendente_nombre="Juan Ejemplo Demo (ficticio)",
        intendente_resolucion="Acta de proclamación TSJE N.º 000/2021 (ficticia)",
        intendente_fecha=date(2021, 11, 30),
        coordinador_nombre="María Prueba Ficticia",
        coordinador_resolucion="Resolución Municipal N.º 123/2026 (ficticia)",
        coordinador_fecha=date(2026, 2, 2),
        direccion="Calle Ejemplo N.º 100, Villeta",
        telefono="0225 000 000",
        correo="articulacion@villeta.ejemplo.py",
    ), hoy=hoy)
    agregar_dia_especial(s, mid, date(hoy.year, 1, 20), False, "Fiesta patronal (ejemplo)") \
        if calendario_de(s, mid).es_habil(date(hoy.year, 1, 20)) else None
    actores = [crear_actor(s, mid, DatosActor(nombre=n, categoria=c, telefono=t, contacto=p))
               for n, c, t, p in ACTORES]
    cal = calendario_de(s, mid)
    for nombre, tipo, sps, estado, pob, hog, org, hace, cumplidas, en_curso in TERRITORIOS:
        inicio = cal.habil_anterior(hoy, hace) if hace else None
        tid = crear_territorio(s, mid, DatosTerritorio(
            nombre=nombre, tipo=tipo, tipo_sps=sps, estado=estado, poblacion=pob, hogares=hog,
            identidad_propia=org is not None or None,
            identidad_descripcion="Comunidad reconocida por sus vecinos, con historia y fiestas propias."
            if org is not None else "",
            organizacion_id=actores[org] if org is not None else None,
            riesgos_diversos="Empleo informal, deserción escolar, acceso limitado a salud y agua segura, "
                             "inundaciones estacionales." if org is not None else "",
            caracterizacion=f"{nombre}: datos de ejemplo para la demostración de Articula.",
            espacio_nombre=f"Centro comunitario {nombre.split()[-1]}" if org is not None else "",
            espacio_direccion="Calle Ejemplo s/n" if org is not None else "",
            espacio_operador="Municipalidad de Villeta" if org is not None else "",
            inicio_ruta=inicio,
        ))
        t = s.get(Territorio, tid)
        if nombre == "Barrio San Miguel":
            _fijar_plazo_5(s, t, 60, cal)
        _avanzar(t.etapas, cumplidas, en_curso, hoy)
    return mid


def _fijar_plazo_5(s: Session, t: Territorio, dias: int, cal: Calendario) -> None:
    from nucleo.servicios.hoja_de_ruta import replanificar

    next(e for e in t.etapas if e.codigo == "5").plazo_dias = dias
    replanificar(s, t, cal)


def _avanzar(etapas: list[Etapa], cumplidas: int, en_curso: str | None, hoy: date) -> None:
    """Marca las primeras etapas como cumplidas (con un día de atraso algunas) y una en curso."""
    for i, e in enumerate(sorted(etapas, key=lambda e: e.orden)):
        if i < cumplidas and e.inicio_plan and e.fin_plan:
            e.estado = "cumplida"
            e.inicio_real = min(e.inicio_plan, hoy)
            e.fin_real = min(e.fin_plan + timedelta(days=i % 3), hoy)
            e.notas = "Etapa cerrada con acta de la reunión del equipo."
        elif e.codigo == en_curso and e.inicio_plan:
            e.estado = "en_curso"
            e.inicio_real = min(e.inicio_plan + timedelta(days=1), hoy)
            e.notas = "En curso: se coordinan las próximas reuniones con la comunidad."


def crear_demo(ruta: Path | str, hoy: date | None = None) -> Expediente:
    hoy = hoy or date.today()
    return Expediente.crear(ruta, lambda s: _preparar(s, hoy))
