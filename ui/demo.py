"""El expediente de demostración (Villeta) que abre `--demo` y ofrece el asistente.

Aparte del asistente: abrir la demo que ya existe no necesita sus formularios ni los servicios que importan el
ORM (la ventana se muestra sin él, ver ui/precarga.py); solo crearla la primera vez los carga.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from nucleo.almacen.carpetas import carpeta_expedientes

NOMBRE_DEMO = "Villeta (demostración).articula"


def ruta_demo() -> Path:
    return carpeta_expedientes() / NOMBRE_DEMO


def preparar_demo(hoy: date | None = None) -> Path:
    """El expediente de demostración; se crea la primera vez y después se reutiliza."""
    ruta = ruta_demo()
    if not ruta.exists():
        from nucleo.servicios.demo import crear_demo

        crear_demo(ruta, hoy=hoy).cerrar()
    return ruta
