"""Lo que sale del expediente hacia archivos: planillas Excel (`excel/`) e impresos PDF (`pdf/`).

Este paquete no carga openpyxl ni reportlab al importarse (cuestan ~100 ms cada uno al arrancar): cada función que
escribe un archivo los importa adentro.

`Cancelado` es la señal común de «el usuario apretó Cancelar»: quien muestra la barra de progreso la lanza desde
su función `progreso(hecho, total)`; la exportación borra su archivo temporal (el destino queda como estaba) y la
importación deshace todo lo que había hecho en la sesión.
"""

from __future__ import annotations


class Cancelado(Exception):
    """El usuario canceló una exportación o importación larga; nada quedó a medias."""
