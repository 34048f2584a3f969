"""Interfaz PySide6 de Articula. Solo aquí se importa Qt."""

# PySide6 installs an import hook that reads the source of every module imported after it (~0.2 ms each): load
# what the first screen needs from the core before any module of this package imports Qt. SQLAlchemy and the ORM
# model are not among them: the first screen reads through nucleo.lecturas, and ui.precarga loads the rest once
# the window is on screen.
import nucleo.almacen.expediente  # noqa: F401
import nucleo.formato  # noqa: F401
import nucleo.lecturas.actores  # noqa: F401
import nucleo.lecturas.municipio  # noqa: F401
import nucleo.lecturas.territorios  # noqa: F401
