"""Núcleo de Articula: datos, reglas y documentos, sin ninguna dependencia de Qt."""

from __future__ import annotations


def _leer_version() -> str:
    # The version lives only in pyproject.toml; installed copies read it from the metadata.
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("articula")
    except PackageNotFoundError:
        from pathlib import Path

        import tomllib

        ruta = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(ruta.read_text(encoding="utf-8"))["project"]["version"]
        except OSError:
            return "0+desconocida"


def __getattr__(nombre: str) -> str:
    # Lazy: importlib.metadata costs ~20 ms at start-up and the version is only shown on demand.
    if nombre == "__version__":
        globals()["__version__"] = version = _leer_version()
        return version
    raise AttributeError(nombre)

NOMBRE_APLICACION = "Articula"
