"""Árbol de problemas del expediente de demostración: el de la Compañía Cerrito, el territorio que está en la
etapa 3 (diagnóstico participativo). Una comunidad rural de familias productoras de hortalizas: el problema, sus
causas y sus efectos son los que un taller así suele levantar; todo es ficticio.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.formato import sin_tildes
from nucleo.modelo import Etapa, NodoProblema, Territorio
from nucleo.servicios.arbol import agregar_nodo, crear_problema_central, necesidades_para_vincular

PROBLEMA = "Bajos ingresos de las familias productoras de la compañía"

# (texto, [(subnodo, palabras para vincular una necesidad)]); las palabras buscan en la descripción de las
# necesidades del territorio, si las hay.
CAUSAS: list[tuple[str, list[tuple[str, tuple[str, ...]]]]] = [
    ("Baja productividad de las huertas familiares", [
        ("Falta de riego y de agua segura en la época seca", ("agua", "riego", "pozo")),
        ("Poca asistencia técnica agrícola en las fincas", ()),
    ]),
    ("Venta de la cosecha a intermediarios a precios bajos", [
        ("Camino vecinal intransitable en los días de lluvia", ("camino", "ruta", "acceso")),
        ("Los productores no se organizan para vender en conjunto", ()),
    ]),
    ("Poco acceso a crédito para invertir en las fincas", [
        ("Lotes sin título de propiedad que sirva de garantía", ()),
    ]),
]
EFECTOS: list[tuple[str, list[str]]] = [
    ("Jóvenes que migran a la ciudad en busca de empleo", ["Menos mano de obra joven en las fincas"]),
    ("Adolescentes que dejan el colegio para trabajar en la finca", []),
    ("Familias endeudadas con los almacenes de la zona", []),
]




def _territorio_en_etapa_3(s: Session, municipio_id: int) -> int | None:
    """El territorio con la etapa 3 en curso; si no hay, la Compañía Cerrito; si tampoco, ninguno."""
    tid = s.scalar(select(Etapa.territorio_id).where(Etapa.municipio_id == municipio_id, Etapa.codigo == "3",
                                                     Etapa.estado == "en_curso").order_by(Etapa.territorio_id))
    if tid is None:
        tid = s.scalar(select(Territorio.id).where(Territorio.municipio_id == municipio_id,
                                                   Territorio.nombre == "Compañía Cerrito"))
    return tid


def sembrar(s: Session, municipio_id: int, hoy: date | None = None) -> int | None:
    """Crea el árbol de la demo (si ese territorio aún no tiene uno); devuelve el id del territorio o None.

    Dos nodos se vinculan con necesidades del territorio si las hay: por palabras de su descripción y, si no
    coinciden, con las dos de mayor prioridad. Sin necesidades, el árbol queda sin vínculos.
    """
    tid = _territorio_en_etapa_3(s, municipio_id)
    if tid is None or s.scalar(select(NodoProblema.id).where(NodoProblema.territorio_id == tid)) is not None:
        return tid
    necesidades = necesidades_para_vincular(s, municipio_id, tid)
    libres = list(necesidades)

    def vincular(palabras: tuple[str, ...]) -> int | None:
        if not palabras or not libres:
            return None
        elegida = next((n for n in libres if any(p in sin_tildes(n.descripcion) for p in palabras)), libres[0])
        libres.remove(elegida)
        return elegida.id

    raiz = crear_problema_central(s, municipio_id, tid, PROBLEMA)
    for texto, subcausas in CAUSAS:
        causa = agregar_nodo(s, raiz, "causa", texto)
        for subtexto, palabras in subcausas:
            agregar_nodo(s, causa, "causa", subtexto, vincular(palabras))
    for texto, subefectos in EFECTOS:
        efecto = agregar_nodo(s, raiz, "efecto", texto)
        for subtexto in subefectos:
            agregar_nodo(s, efecto, "efecto", subtexto)
    return tid
