"""Miembros de las mesas en Excel: uno por fila, con su mesa (por nombre), el actor que es (si lo hay), su rol, si es
titular o suplente (y de quién), si vota y las fechas de su designación.

Las mesas no se crean desde la planilla: la mesa nombrada debe existir (su tipo, territorios y regla de quórum se
cargan en la página Mesas). Dentro de cada mesa se exportan primero los titulares: así, al importar, el titular que
nombra la columna «Suplente de» ya existe cuando llega la fila de su suplente.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.exportar.excel.esquema import Columna, Esquema, normalizar
from nucleo.i18n import N_, _
from nucleo.modelo import Actor, Mesa, MiembroMesa
from nucleo.modelo.mesa import ROLES_MIEMBRO

CONDICIONES: dict[str, str] = {"titular": N_("Titular"), "suplente": N_("Suplente")}

_ROLES_OTROS = {
    "presidente": "preside", "presidenta": "preside", "presidencia": "preside", "coordinador": "preside",
    "coordinadora": "preside", "coordina": "preside",
    "secretario": "secretaria", "secretaria": "secretaria", "secretario a": "secretaria", "relator": "secretaria",
    "relatora": "secretaria",
    "vocal": "miembro", "integrante": "miembro", "miembro titular": "miembro", "consejero": "miembro",
    "consejera": "miembro", "concejal": "miembro",
}
_CONDICIONES_OTRAS = {"t": "titular", "s": "suplente", "titulares": "titular", "suplentes": "suplente",
                      "alterno": "suplente", "alterna": "suplente", "reemplazo": "suplente"}

COLUMNAS = (
    Columna(N_("Mesa"), "mesa", obligatoria=True, ancho=30,
            ayuda=N_("Nombre de la mesa, tal como está en la página Mesas (la mesa debe existir)."),
            sinonimos=(N_("Nombre de la mesa"), N_("Espacio"), N_("Instancia"), N_("Consejo"))),
    Columna(N_("Nombre"), "nombre", ancho=30,
            ayuda=N_("Nombre del miembro. Si está vacío y se indica el actor, se toma el del actor."),
            sinonimos=(N_("Nombre y apellido"), N_("Miembro"), N_("Integrante"), N_("Representante"))),
    Columna(N_("Actor"), "actor_id", "referencia", referencia="actor", ancho=30,
            ayuda=N_("El actor de la matriz de actores que es este miembro (persona o institución), si lo hay."),
            sinonimos=(N_("Actor de la matriz"), N_("Actor relacionado"))),
    Columna(N_("Cargo"), "cargo", ancho=24, ayuda=N_("Cargo del miembro en su institución."),
            sinonimos=(N_("Puesto"), N_("Función"))),
    Columna(N_("Institución"), "institucion", ancho=30, ayuda=N_("Institución u organización a la que representa."),
            sinonimos=(N_("Organización"), N_("Representa a"), N_("Entidad"))),
    Columna(N_("Rol"), "rol", "opcion", opciones=ROLES_MIEMBRO, ancho=14, valores=_ROLES_OTROS,
            ayuda=N_("Preside, Secretaría o Miembro."), sinonimos=(N_("Rol en la mesa"), N_("Cargo en la mesa"))),
    Columna(N_("Titular/Suplente"), "titular", "opcion", opciones=CONDICIONES, ancho=14, valores=_CONDICIONES_OTRAS,
            ayuda=N_("Titular o Suplente."), sinonimos=(N_("Condición"), N_("Titular o suplente"), N_("Carácter"))),
    Columna(N_("Suplente de"), "suplente_de", ancho=28,
            ayuda=N_("Para un suplente: el nombre del titular de la misma mesa al que reemplaza (vacío: a cualquier "
                     "titular de su institución)."),
            sinonimos=(N_("Reemplaza a"), N_("Titular"), N_("Suplente del titular"))),
    Columna(N_("Con voto"), "con_voto", "booleano", ancho=10,
            ayuda=N_("Sí si vota en la mesa (cuenta para el quórum); No si participa sin voto."),
            sinonimos=(N_("Voto"), N_("Tiene voto"), N_("Vota"))),
    Columna(N_("Designado el"), "designado_en", "fecha", ancho=13,
            ayuda=N_("Desde cuándo es miembro (vacío: desde siempre)."),
            sinonimos=(N_("Fecha de designación"), N_("Desde"), N_("Designación"))),
    Columna(N_("Hasta"), "hasta", "fecha", ancho=13, ayuda=N_("Hasta cuándo es miembro (vacío: sin fecha de fin)."),
            sinonimos=(N_("Fecha de fin"), N_("Fin de la designación"), N_("Vence"))),
)


def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    """Los miembros de todas las mesas: por mesa (nombre), los titulares y después los suplentes, en su orden."""
    actor = aliased(Actor)
    titular = aliased(MiembroMesa)
    q = (select(MiembroMesa, Mesa.nombre, actor.nombre, titular.nombre)
         .join(Mesa, Mesa.id == MiembroMesa.mesa_id)
         .outerjoin(actor, actor.id == MiembroMesa.actor_id)
         .outerjoin(titular, titular.id == MiembroMesa.suplente_de_id)
         .where(Mesa.municipio_id == municipio_id)
         .order_by(func.lower(Mesa.nombre), Mesa.id, MiembroMesa.titular.desc(), MiembroMesa.orden, MiembroMesa.id))
    return [{
        "mesa": mesa, "nombre": m.nombre, "actor_id": actor_nombre, "cargo": m.cargo, "institucion": m.institucion,
        "rol": m.rol, "titular": "titular" if m.titular else "suplente", "suplente_de": de, "con_voto": m.con_voto,
        "designado_en": m.designado_en, "hasta": m.hasta,
    } for m, mesa, actor_nombre, de in s.execute(q)]


def _mesa(s: Session, municipio_id: int, nombre: str) -> int:
    mesas = s.execute(select(Mesa.id, Mesa.nombre).where(Mesa.municipio_id == municipio_id)
                      .order_by(func.lower(Mesa.nombre))).all()
    clave = normalizar(nombre)
    for mid, n in mesas:
        if normalizar(n) == clave:
            return mid
    existentes = ", ".join(f"«{n}»" for _i, n in mesas) or _("ninguna")
    raise ErrorDeUsuario(_("No hay una mesa llamada «{nombre}» (hay: {existentes}). Créela en la página Mesas o "
                           "corrija el nombre.").format(nombre=nombre, existentes=existentes), campo="mesa")


def _titular(s: Session, mesa_id: int, nombre: str) -> int:
    clave = normalizar(nombre)
    for mid, n in s.execute(select(MiembroMesa.id, MiembroMesa.nombre).where(
            MiembroMesa.mesa_id == mesa_id, MiembroMesa.titular.is_(True)).order_by(MiembroMesa.orden)):
        if normalizar(n) == clave:
            return mid
    raise ErrorDeUsuario(_("«{nombre}» no es titular de esa mesa: escriba el nombre de un titular ya cargado (en la "
                           "planilla, su fila debe ir antes que la del suplente).").format(nombre=nombre),
                         campo="suplente_de")


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.mesas import DatosMiembro, agregar_miembro

    mesa_id = _mesa(s, municipio_id, str(datos["mesa"]))
    de = datos.get("suplente_de")
    condicion = datos.get("titular", "suplente" if de else "titular")
    suplente_de_id = _titular(s, mesa_id, str(de)) if de and condicion == "suplente" else None
    valores = {k: v for k, v in datos.items()
               if k in ("nombre", "actor_id", "cargo", "institucion", "rol", "con_voto", "designado_en", "hasta")
               and v is not None}
    try:
        return agregar_miembro(s, mesa_id, DatosMiembro(**valores, titular=condicion != "suplente",
                                                        suplente_de_id=suplente_de_id))
    except ErroresDeValidacion as exc:
        # The service names its fields; the sheet calls two of them otherwise.
        nombres = {"suplente_de_id": "suplente_de" if de else "titular"}
        raise ErroresDeValidacion({nombres.get(k, k): v for k, v in exc.errores.items()}) from None


ESQUEMA = Esquema(
    tabla="miembros",
    entidad="mesa",
    hoja=N_("Miembros"),
    titulo=N_("Miembros de las mesas"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    clave=("mesa", "nombre", "actor_id"),
)
