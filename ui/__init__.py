"""Interfaz PySide6 de Articula. Solo aquí se importa Qt."""

# PySide6 installs an import hook that reads the source of every module imported after it (~0.2 ms each, some
# 150 ms for SQLAlchemy and the core): load the core first, before any module of this package imports Qt.
import nucleo.formato  # noqa: F401
import nucleo.servicios.hoja_de_ruta  # noqa: F401
import nucleo.servicios.municipio  # noqa: F401
import nucleo.servicios.territorios  # noqa: F401
