"""Ubicación de los territorios del expediente de demostración en el mapa de Villeta.

Puntos verosímiles dentro del límite oficial del distrito: los barrios en el casco urbano, el asentamiento junto al
río y al puerto, la compañía rural al sur (con un límite dibujado a mano, ficticio) y la comunidad indígena en el
este del distrito. Las coordenadas son de ejemplo: no señalan lugares reales con esos nombres.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nucleo.modelo import Territorio
from nucleo.servicios.ubicacion import fijar_limite, fijar_ubicacion

# nombre -> (latitud, longitud)
PUNTOS: dict[str, tuple[float, float]] = {
    "Barrio San Miguel": (-25.5045, -57.5565),
    "Asentamiento Costa Azul": (-25.5155, -57.5755),
    "Barrio Industrial": (-25.5285, -57.5645),
    "Compañía Cerrito": (-25.5900, -57.5900),
    "Comunidad Yvy Porã": (-25.5620, -57.4700),
}

# Compañía Cerrito: a hand-drawn outline (longitud, latitud) of about 2.5 × 2 km around its point.
LIMITE_CERRITO = [
    (-57.6020, -25.5805), (-57.5905, -25.5790), (-57.5790, -25.5820), (-57.5760, -25.5905),
    (-57.5795, -25.5985), (-57.5880, -25.6010), (-57.5975, -25.5990), (-57.6035, -25.5925),
    (-57.6020, -25.5805),
]


def sembrar(s: Session, municipio_id: int, hoy: date) -> None:
    """Fija el punto de cada territorio de la demo que exista y el límite de la Compañía Cerrito."""
    ids = dict(s.execute(select(Territorio.nombre, Territorio.id).where(Territorio.municipio_id == municipio_id)).all())
    for nombre, (lat, lon) in PUNTOS.items():
        if nombre in ids:
            fijar_ubicacion(s, municipio_id, ids[nombre], lat, lon)
    if "Compañía Cerrito" in ids:
        limite = {"type": "Polygon", "coordinates": [[list(p) for p in LIMITE_CERRITO]]}
        fijar_limite(s, municipio_id, ids["Compañía Cerrito"], json.dumps(limite))
