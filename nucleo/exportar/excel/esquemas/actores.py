"""Matriz de actores en Excel: las columnas, cómo se leen del expediente y cómo se crean por el servicio."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from nucleo.exportar.excel.esquema import Columna, Esquema
from nucleo.i18n import N_
from nucleo.modelo import Actor, Territorio
from nucleo.modelo.actor import CATEGORIAS, NIVELES, POSTURAS, TIPOS_ACTOR, actor_territorio

# Other ways foreign workbooks write the same option (normalised by the importer: accents and case don't matter).
_CATEGORIAS_OTRAS = {
    "gobierno nacional": "gobierno_central", "gobierno": "gobierno_central", "ministerio": "gobierno_central",
    "estado": "gobierno_central", "sector publico": "gobierno_central",
    "gobierno departamental": "gobernacion", "departamental": "gobernacion",
    "municipio": "municipalidad", "gobierno local": "municipalidad", "intendencia": "municipalidad",
    "gobierno municipal": "municipalidad",
    "privado": "privado_interes_publico", "sector privado": "privado_interes_publico",
    "empresa": "privado_interes_publico",
    "organizacion comunitaria": "comunidad", "comision vecinal": "comunidad", "comunitario": "comunidad",
    "cooperacion internacional": "cooperacion", "organismo internacional": "cooperacion",
    "ong": "sociedad_civil", "organizacion de la sociedad civil": "sociedad_civil", "osc": "sociedad_civil",
    "universidad": "academia", "academico": "academia", "entidad academica": "academia",
}
_NIVELES_OTROS = {
    "municipal": "distrital", "local": "distrital", "distrito": "distrital",
    "comunidad": "comunitario", "comunal": "comunitario", "barrial": "comunitario",
    "departamento": "departamental", "nacion": "nacional", "pais": "nacional",
}
_TIPOS_OTROS = {"institucional": "institucion", "organizacional": "organizacion", "individuo": "persona",
                "persona fisica": "persona"}
# Stakeholder matrices speak of «actitud»: in favour, committed, against…
_POSTURAS_OTRAS = {
    "a favor": "apoya", "apoyo": "apoya", "favorable": "apoya", "comprometido": "apoya", "comprometida": "apoya",
    "aliado": "apoya", "aliada": "apoya", "positiva": "apoya", "positivo": "apoya", "promotor": "apoya",
    "partidario": "apoya", "support": "apoya", "supportive": "apoya",
    "neutro": "neutral", "neutra": "neutral", "indiferente": "neutral", "indeciso": "neutral",
    "indecisa": "neutral",
    "en contra": "se_opone", "opositor": "se_opone", "opositora": "se_opone", "oposicion": "se_opone",
    "contrario": "se_opone", "contraria": "se_opone", "negativa": "se_opone", "negativo": "se_opone",
    "resistente": "se_opone", "bloqueador": "se_opone", "opposed": "se_opone", "against": "se_opone",
}

COLUMNAS = (
    Columna(N_("Nombre"), "nombre", obligatoria=True, ancho=36,
            ayuda=N_("Nombre de la institución, organización o persona, como se la conoce en el municipio."),
            sinonimos=(N_("Actor"), N_("Nombre del actor"), N_("Interesado"), N_("Parte interesada"),
                       N_("Partes interesadas"), "Stakeholder", N_("Nombre y apellido"), N_("Razón social"),
                       N_("Actor social"), N_("Actores"))),
    Columna(N_("Sigla"), "sigla", ancho=10, ayuda=N_("Sigla o nombre corto, por ejemplo MDS."),
            sinonimos=(N_("Siglas"), N_("Abreviatura"), N_("Acrónimo"))),
    Columna(N_("Tipo"), "tipo", "opcion", opciones=TIPOS_ACTOR, ancho=14, valores=_TIPOS_OTROS,
            ayuda=N_("Institución, organización o persona."), sinonimos=(N_("Tipo de actor"),)),
    Columna(N_("Categoría"), "categoria", "opcion", opciones=CATEGORIAS, ancho=30, valores=_CATEGORIAS_OTRAS,
            ayuda=N_("Categoría de la matriz de actores."),
            sinonimos=(N_("Sector"), N_("Categoría del actor"), N_("Tipo de institución"), N_("Tipo de organización"))),
    Columna(N_("Nivel"), "nivel", "opcion", opciones=NIVELES, ancho=14, valores=_NIVELES_OTROS,
            ayuda=N_("Nacional, departamental, distrital o comunitario."),
            sinonimos=(N_("Ámbito"), N_("Alcance"), N_("Nivel de gobierno"), N_("Nivel territorial"))),
    Columna(N_("Pertenece a"), "institucion_id", "referencia", referencia="actor", ancho=30,
            ayuda=N_("Institución u organización de la que forma parte (una persona, su lugar de trabajo)."),
            sinonimos=(N_("Institución"), N_("Organización a la que pertenece"), N_("Institución a la que pertenece"),
                       N_("Dependencia"), N_("Depende de"))),
    Columna(N_("Cargo"), "cargo", ancho=22, ayuda=N_("Cargo de la persona en su institución."),
            sinonimos=(N_("Puesto"), N_("Cargo o función"))),
    Columna(N_("Rol en el modelo"), "rol", ancho=36, ayuda=N_("Qué papel cumple en la articulación."),
            sinonimos=(N_("Rol"), N_("Relación"), N_("Papel"), N_("Rol en el proyecto"), N_("Función"))),
    Columna(N_("Interés"), "interes", "entero", ancho=10, escala=True, minimo=1, maximo=5,
            ayuda=N_("Interés en el modelo, de 1 (muy bajo) a 5 (muy alto)."),
            sinonimos=(N_("Nivel de interés"), N_("Grado de interés"), "Interest")),
    Columna(N_("Influencia"), "influencia", "entero", ancho=11, escala=True, minimo=1, maximo=5,
            ayuda=N_("Poder o influencia sobre el modelo, de 1 (muy baja) a 5 (muy alta)."),
            sinonimos=(N_("Poder"), N_("Nivel de influencia"), N_("Grado de influencia"), N_("Poder / influencia"),
                       N_("Capacidad de influencia"), "Power", "Influence")),
    Columna(N_("Postura"), "postura", "opcion", opciones=POSTURAS, ancho=12, valores=_POSTURAS_OTRAS,
            ayuda=N_("Apoya, neutral o se opone."),
            sinonimos=(N_("Actitud"), N_("Posición"), N_("Posicionamiento"), N_("Actitud actual"), "Stance",
                       "Attitude")),
    Columna(N_("Recursos que aporta"), "recursos", ancho=30, ayuda=N_("Qué aporta: personal, fondos, locales…"),
            sinonimos=(N_("Recursos"), N_("Aportes"), N_("Qué aporta"))),
    Columna(N_("Teléfono"), "telefono", ancho=16,
            sinonimos=(N_("Celular"), N_("Tel"), N_("Teléfono de contacto"), N_("Número de teléfono"), "Phone")),
    Columna(N_("Correo"), "correo", ancho=28,
            sinonimos=(N_("Correo electrónico"), N_("E-mail"), "Email", "Mail")),
    Columna(N_("Persona de contacto"), "contacto", ancho=24,
            sinonimos=(N_("Contacto"), N_("Referente"), N_("Nombre de contacto"))),
    Columna(N_("Dirección"), "direccion", ancho=30, sinonimos=(N_("Domicilio"),)),
    Columna(N_("Territorios"), "territorio_ids", "referencia", referencia="territorio", multiple=True, ancho=30,
            ayuda=N_("Territorios donde actúa, separados por punto y coma."),
            sinonimos=(N_("Territorio"), N_("Comunidades"), N_("Comunidad territorial"), N_("Dónde actúa"))),
    Columna(N_("Notas"), "notas", ancho=40, sinonimos=(N_("Observaciones"), N_("Comentarios"))),
)


def filas(s: Session, municipio_id: int) -> list[dict[str, Any]]:
    """Todos los actores con todos sus campos, por nombre: tres consultas, sin importar cuántos haya."""
    from nucleo.servicios.actores import CAMPOS_COLUMNA

    territorios: dict[int, list[str]] = {}
    q = (select(actor_territorio.c.actor_id, Territorio.nombre)
         .join(Territorio, Territorio.id == actor_territorio.c.territorio_id)
         .where(Territorio.municipio_id == municipio_id).order_by(func.lower(Territorio.nombre)))
    for actor_id, nombre in s.execute(q):
        territorios.setdefault(actor_id, []).append(nombre)
    institucion = aliased(Actor)
    campos = [c for c in CAMPOS_COLUMNA if c != "institucion_id"]
    q = (select(Actor.id, institucion.nombre, *(getattr(Actor, c) for c in campos))
         .outerjoin(institucion, institucion.id == Actor.institucion_id)
         .where(Actor.municipio_id == municipio_id).order_by(func.lower(Actor.nombre), Actor.id))
    salida = []
    for ident, inst, *valores in s.execute(q):
        fila = dict(zip(campos, valores, strict=True))
        fila["institucion_id"] = inst
        fila["territorio_ids"] = territorios.get(ident, [])
        salida.append(fila)
    return salida


def _datos(datos: Mapping[str, Any]) -> Any:
    from nucleo.servicios.actores import CAMPOS, DatosActor, sugerencia

    valores = {k: v for k, v in datos.items() if k in CAMPOS}
    if "categoria" in valores:
        # What the form proposes for the category, when the workbook does not say.
        tipo, nivel = sugerencia(valores["categoria"])
        valores.setdefault("tipo", tipo)
        valores.setdefault("nivel", nivel)
    return DatosActor(**valores)


def crear(s: Session, municipio_id: int, datos: Mapping[str, Any]) -> int:
    from nucleo.servicios.actores import crear_actor

    return crear_actor(s, municipio_id, _datos(datos))


def crear_lote(s: Session, municipio_id: int, lista: Sequence[Mapping[str, Any]]) -> list[Any]:
    from nucleo.servicios.actores import crear_actores

    return crear_actores(s, municipio_id, [_datos(d) for d in lista])


ESQUEMA = Esquema(
    tabla="actores",
    entidad="actor",
    hoja=N_("Actores"),
    titulo=N_("Matriz de actores"),
    columnas=COLUMNAS,
    filas=filas,
    crear=crear,
    crear_lote=crear_lote,
    clave=("nombre",),
    referencia_propia="actor",
)
