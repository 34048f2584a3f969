"""El expediente: un archivo `.articula` abierto, con su motor, sus sesiones y su bloqueo de escritura.

Abrir no carga SQLAlchemy: la verificación de integridad, la revisión del esquema y el municipio se leen con
sqlite3, y esa misma conexión queda para las lecturas de la primera pantalla (`lectura()`, ver `nucleo.lecturas`).
El motor y las sesiones del ORM se arman la primera vez que se piden (o antes, cuando la interfaz los precarga con
la ventana ya a la vista); migrar un archivo viejo sí los necesita al abrir.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from nucleo.almacen import migrar, respaldo
from nucleo.almacen.bloqueo import Bloqueo
from nucleo.almacen.motor import APPLICATION_ID, conectar, crear_motor, es_sqlite
from nucleo.errores import ErrorDeUsuario, ExpedienteBloqueado, ExpedienteNoValido
from nucleo.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

EXTENSION = ".articula"
log = logging.getLogger(__name__)


class Expediente:
    """Abrir con `Expediente.abrir()` o crear con `Expediente.crear()`; cerrar con `cerrar()` (o `with`)."""

    def __init__(self, ruta: Path, solo_lectura: bool, bloqueo: Bloqueo | None, titular: str = ""):
        self.ruta = Path(ruta).resolve()
        self.solo_lectura = solo_lectura
        self.titular_bloqueo = titular  # who holds the file when we opened it read-only
        self._bloqueo = bloqueo
        self._motor: Engine | None = None
        self._fabrica: sessionmaker | None = None
        self._lectura: sqlite3.Connection | None = None  # the main thread's plain reader (lectura())
        self.municipio_id: int | None = None

    @property
    def motor(self) -> Engine:
        """El motor SQLAlchemy del archivo; se crea (e importa SQLAlchemy) la primera vez."""
        if self._motor is None:
            self._motor = crear_motor(self.ruta, solo_lectura=self.solo_lectura)
        return self._motor

    @property
    def orm_listo(self) -> bool:
        return self._fabrica is not None

    def preparar_orm(self) -> None:
        """Arma el motor y la fábrica de sesiones (importa SQLAlchemy y el modelo si aún no están)."""
        if self._fabrica is None:
            from sqlalchemy.orm import sessionmaker

            _vigilar_solo_lectura()
            self._fabrica = sessionmaker(self.motor, expire_on_commit=False,
                                         info={"solo_lectura": self.solo_lectura})

    def conexion_nueva(self) -> sqlite3.Connection:
        """Una conexión sqlite3 propia (con las pragmas), p. ej. para copiar el archivo en otro hilo."""
        return conectar(self.ruta, solo_lectura=self.solo_lectura)

    # -- abrir / crear ---------------------------------------------------------------------------------------
    @classmethod
    def abrir(
        cls,
        ruta: Path | str,
        permitir_solo_lectura: bool = True,
        respaldar: bool = True,
        al_migrar: Callable[[str], None] | None = None,
    ) -> Expediente:
        ruta = Path(ruta)
        if not ruta.exists():
            raise ExpedienteNoValido(_("No se encontró el archivo «{ruta}». Verifique la ubicación o elija otro.").format(ruta=ruta))
        if not es_sqlite(ruta):
            raise ExpedienteNoValido(_("«{nombre}» no es un expediente de Articula (no es una base de datos).").format(nombre=ruta.name))
        # Before taking the lock or opening for writing (which would switch a foreign file to WAL): is it ours?
        if _application_id(ruta) not in (APPLICATION_ID, None):  # None: unreadable; the integrity check says why
            raise ExpedienteNoValido(_("«{nombre}» es una base de datos, pero no un expediente de Articula.").format(
                nombre=ruta.name))
        bloqueo = Bloqueo(ruta)
        solo_lectura = False
        if not bloqueo.adquirir():
            if not permitir_solo_lectura:
                raise ExpedienteBloqueado(
                    _("El expediente «{nombre}» está abierto por {titular}. Ciérrelo allí primero.").format(
                        nombre=ruta.name, titular=bloqueo.titular() or _("otro programa"))
                )
            solo_lectura, bloqueo = True, None
        titular = Bloqueo(ruta).titular() if solo_lectura else ""
        exp = cls(ruta, solo_lectura, bloqueo, titular)
        try:
            exp._preparar(respaldar=respaldar, al_migrar=al_migrar)
        except BaseException:
            exp.cerrar()
            raise
        return exp

    def _preparar(self, respaldar: bool, al_migrar: Callable[[str], None] | None) -> None:
        try:
            # Connecting already runs the pragmas, which read the file: a damaged one fails right here.
            self._lectura = con = self.conexion_nueva()
            problema = con.execute("PRAGMA integrity_check").fetchall()
            revision = migrar.revision_del_archivo(con) if problema == [("ok",)] else None
        except sqlite3.Error as exc:
            raise ExpedienteNoValido(
                _("El expediente «{nombre}» está dañado y no se puede leer.").format(nombre=self.ruta.name),
                detalle=str(exc),
            ) from exc
        if problema != [("ok",)]:
            raise ExpedienteNoValido(
                _("El expediente «{nombre}» no pasó la verificación de integridad.").format(nombre=self.ruta.name),
                detalle="; ".join(str(f[0]) for f in problema[:5]),
            )
        if migrar.comprobar_compatible(revision):
            if self.solo_lectura:
                raise ExpedienteNoValido(
                    _("Este expediente necesita actualizarse a la versión actual, pero está abierto solo para "
                      "lectura porque otro programa lo usa. Ciérrelo allí y vuelva a abrirlo.")
                )
            if al_migrar:
                al_migrar(revision or "")
            copia = respaldo.respaldo_automatico(self.conexion_nueva, self.ruta, motivo="antes-de-migrar")
            log.info("Respaldo antes de migrar %s: %s", self.ruta, copia)
            with self.motor.begin() as con_migrar:
                migrar.migrar(con_migrar)
            self.motor.dispose()  # drop the connection left with foreign keys off; new ones get the pragmas
        elif respaldar and not self.solo_lectura:
            respaldo.respaldo_automatico(self.conexion_nueva, self.ruta)
        # The reader never writes, not even by mistake (closing lifts this for PRAGMA optimize).
        con.execute("PRAGMA query_only=ON")
        self._cargar_municipio()

    def _cargar_municipio(self) -> None:
        fila = self.lectura().execute("SELECT id FROM municipio ORDER BY id LIMIT 1").fetchone()
        self.municipio_id = fila[0] if fila else None
        if self.municipio_id is None:
            raise ExpedienteNoValido(_("El expediente «{nombre}» no tiene datos del municipio.").format(nombre=self.ruta.name))

    @classmethod
    def crear(cls, ruta: Path | str, preparar_municipio: Callable[[Session], int]) -> Expediente:
        """Crea un expediente nuevo: esquema completo por migraciones y el municipio que arma `preparar_municipio`.

        Se escribe en un archivo temporal y se renombra al terminar: nunca queda un expediente a medio crear.
        """
        ruta = Path(ruta)
        if ruta.suffix.lower() != EXTENSION:
            ruta = ruta.with_name(ruta.name + EXTENSION)
        if ruta.exists():
            raise ErrorDeUsuario(_("Ya existe un archivo «{nombre}» en esa carpeta. Elija otro nombre.").format(nombre=ruta.name), campo="ruta")
        ruta.parent.mkdir(parents=True, exist_ok=True)
        temporal = ruta.with_name(ruta.name + ".nuevo")
        for resto in (temporal, Path(str(temporal) + "-wal"), Path(str(temporal) + "-shm")):
            resto.unlink(missing_ok=True)
        from sqlalchemy.orm import Session

        motor = crear_motor(temporal)
        try:
            with motor.begin() as con:
                con.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                migrar.migrar(con)
            with Session(motor) as s:
                preparar_municipio(s)
                s.commit()
            with motor.connect() as con:
                con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except BaseException:
            motor.dispose()
            for resto in (temporal, Path(str(temporal) + "-wal"), Path(str(temporal) + "-shm")):
                resto.unlink(missing_ok=True)
            raise
        motor.dispose()
        temporal.replace(ruta)
        return cls.abrir(ruta, permitir_solo_lectura=False, respaldar=False)

    # -- uso -------------------------------------------------------------------------------------------------
    def lectura(self) -> sqlite3.Connection:
        """La conexión de lectura del hilo principal (sqlite3, solo consultas): la usan `nucleo.lecturas` sin
        cargar el ORM. Cada consulta ve lo último confirmado."""
        if self._lectura is None:
            raise ErrorDeUsuario(_("El expediente está cerrado."))
        return self._lectura

    def sesion(self) -> Session:
        self.preparar_orm()
        return self._fabrica()

    @contextmanager
    def transaccion(self) -> Iterator[Session]:
        """Una sesión que confirma al salir sin error y deshace todo si algo falla: nunca datos a medias."""
        with self.sesion() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def respaldar(self, destino: Path | str, progreso: Callable[[int, int], None] | None = None) -> Path:
        return respaldo.copiar(self.conexion_nueva, Path(destino), progreso)

    def respaldo_automatico(self, motivo: str = "") -> Path:
        return respaldo.respaldo_automatico(self.conexion_nueva, self.ruta, motivo)

    def cerrar(self) -> None:
        lectura, self._lectura = self._lectura, None
        if lectura is not None:
            try:
                if not self.solo_lectura and self.municipio_id is not None:  # opened whole: not a damaged file
                    lectura.execute("PRAGMA query_only=OFF")
                    lectura.execute("PRAGMA optimize")
            except sqlite3.Error:  # closing must never fail because of housekeeping
                log.exception("PRAGMA optimize al cerrar")
            lectura.close()
        if self._motor is not None:
            self._motor.dispose()
        if self._bloqueo:
            self._bloqueo.liberar()
            self._bloqueo = None

    def __enter__(self) -> Expediente:
        return self

    def __exit__(self, *exc) -> None:
        self.cerrar()


_vigilancia_instalada = False


def _vigilar_solo_lectura() -> None:
    """Una sesión de un expediente abierto en solo lectura rechaza escribir (se instala una vez, con el ORM)."""
    global _vigilancia_instalada
    if _vigilancia_instalada:
        return
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    @event.listens_for(Session, "before_flush")
    def _rechazar_escritura(session: Session, _ctx, _instancias) -> None:
        if session.info.get("solo_lectura") and (session.new or session.dirty or session.deleted):
            raise ErrorDeUsuario(
                _("El expediente está abierto solo para lectura porque otro programa lo tiene abierto. "
                  "Los cambios no se guardaron.")
            )

    _vigilancia_instalada = True


def _application_id(ruta: Path) -> int | None:
    try:
        con = sqlite3.connect(Path(ruta).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return con.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()


def integridad_de_archivo(ruta: Path) -> str | None:
    """Comprueba un archivo (p. ej. un respaldo) sin abrirlo como expediente."""
    con = sqlite3.connect(Path(ruta).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return respaldo.verificar_integridad(con)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()


__all__ = ["EXTENSION", "Expediente", "integridad_de_archivo"]
