"""Importar las filas leídas: revisar todo, crear por los servicios en una transacción, todo o nada.

Pasos de `importar`:
1. el mapeo: que estén las columnas obligatorias y ningún campo dos veces;
2. cada celda según el tipo de su columna (`valores.Lector`), las obligatorias con valor, y filas repetidas
   dentro de la planilla (según `Esquema.clave`);
3. los nombres de actores y territorios, contra el expediente y contra las filas que se van creando (una persona
   puede pertenecer a una institución que está más abajo en la misma planilla: se crea primero la institución);
4. cada fila por el servicio (`Esquema.crear`), dentro de un punto de guardado (SAVEPOINT): si el servicio la
   rechaza, se anota el problema y se sigue con la próxima, para informar todo de una vez. Si el esquema tiene
   `crear_lote` (los actores), cada vuelta va entera al servicio, que valida igual y escribe solo las válidas.
Si hubo cualquier problema se deshace la sesión entera y nada queda escrito.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from nucleo import formato
from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.exportar import Cancelado
from nucleo.exportar.excel.esquema import SEPARADOR, Columna, Esquema, normalizar
from nucleo.exportar.excel.referencias import Indice, referidos
from nucleo.i18n import _, n_
from nucleo.importar.lectura import LecturaLibro
from nucleo.importar.valores import Lector, escala_de, vacia

Progreso = Callable[[int, int], None]
Mapeo = Mapping[int, str]
_CADA = 50


@dataclass(frozen=True)
class Problema:
    """Un problema de la planilla: hoja, fila (None si es de toda la hoja), columna («D (Influencia)») y mensaje."""

    hoja: str
    fila: int | None
    columna: str
    mensaje: str
    indice_columna: int | None = None  # 0 = column A; lets a view select the cell

    def __str__(self) -> str:
        lugar = _("Hoja «{hoja}»").format(hoja=self.hoja)
        if self.fila is not None:
            lugar += ", " + _("fila {fila}").format(fila=self.fila)
        if self.columna:
            lugar += ", " + _("columna {columna}").format(columna=self.columna)
        return f"{lugar}: {self.mensaje}"


@dataclass
class ResultadoImportacion:
    creados: int = 0
    ids: list[int] = field(default_factory=list)  # in creation order (undo deletes them in reverse)
    omitidos: int = 0  # rows already in the expediente, skipped on request
    problemas: list[Problema] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)  # what was interpreted (Alta -> 4, unused columns)

    @property
    def ok(self) -> bool:
        return not self.problemas


@dataclass
class FilaConvertida:
    fila: int
    datos: dict[str, Any]
    problemas: list[Problema] = field(default_factory=list)
    fallidos: set[str] = field(default_factory=set)  # fields whose cell could not be read


@dataclass(frozen=True)
class FilaPrevia:
    """Una fila para la vista previa del asistente: los valores como se mostrarán y sus problemas de formato."""

    fila: int
    valores: dict[str, str]
    problemas: tuple[Problema, ...]


# ---------------------------------------------------------------------------------------------- mapeo


def revisar_mapeo(lectura: LecturaLibro, mapeo: Mapeo) -> list[Problema]:
    """Problemas del mapeo en sí: campos desconocidos o repetidos, columnas obligatorias que faltan."""
    esquema, problemas = lectura.esquema, []
    campos = {c.campo for c in esquema.columnas}
    vistos: dict[str, int] = {}
    for j, campo in sorted(mapeo.items()):
        if campo not in campos:
            raise ValueError(f"campo desconocido en el mapeo: {campo!r}")
        if campo in vistos:
            problemas.append(Problema(lectura.hoja, None, lectura.nombre_columna(j), _(
                "Esta columna y la {otra} se asignaron las dos a «{campo}»; elija una sola.").format(
                    otra=lectura.nombre_columna(vistos[campo]), campo=esquema.columna(campo).titulo), j))
        vistos.setdefault(campo, j)
    for col in esquema.obligatorias:
        if col.campo not in vistos:
            problemas.append(Problema(lectura.hoja, lectura.fila_encabezado, "", _(
                "Falta la columna obligatoria «{columna}»: agréguela a la planilla o indique cuál de sus columnas "
                "la contiene.").format(columna=col.titulo)))
    return problemas


# ---------------------------------------------------------------------------------------------- celdas


class _Conversor:
    def __init__(self, lectura: LecturaLibro, mapeo: Mapeo):
        self.lectura = lectura
        self.esquema = lectura.esquema
        self.mapeo = dict(sorted(mapeo.items()))
        # One word scale for every 1-5 column of the sheet: «Alta» means the same under Influencia and Interés.
        de_escala = [j for j, campo in self.mapeo.items() if self.esquema.columna(campo).escala]
        escala = escala_de(f[j] for _n, f in lectura.filas for j in de_escala if j < len(f))
        self.lectores = {j: Lector(self.esquema.columna(campo), escala) for j, campo in self.mapeo.items()}

    def columna(self, j: int | None, col: Columna | None = None) -> str:
        if j is not None:
            return self.lectura.nombre_columna(j)
        return f"«{col.titulo}»" if col else ""

    def convertir(self, numero: int, valores: tuple[Any, ...]) -> FilaConvertida:
        fila = FilaConvertida(numero, {})
        for j, lector in self.lectores.items():
            col = lector.col
            valor = valores[j] if j < len(valores) else None
            if vacia(valor):
                if col.obligatoria:
                    fila.problemas.append(Problema(self.lectura.hoja, numero, self.columna(j), _(
                        "Falta «{columna}»: es obligatoria.").format(columna=col.titulo), j))
                    fila.fallidos.add(col.campo)
                continue
            try:
                fila.datos[col.campo] = lector.leer(valor)
            except ValueError as exc:
                fila.problemas.append(Problema(self.lectura.hoja, numero, self.columna(j), str(exc), j))
                fila.fallidos.add(col.campo)
        return fila

    def avisos(self) -> list[str]:
        avisos = []
        for j, lector in self.lectores.items():
            if not lector.traducidos:
                continue
            pares = ", ".join(f"«{texto}» = {valor}" if lector.col.escala else f"«{texto}» → «{valor}»"
                              for texto, valor in sorted(lector.traducidos.items(), key=lambda p: p[1], reverse=True))
            if lector.col.escala:
                avisos.append(_("Columna {columna}: las palabras se pasaron a la escala de 1 a 5 de «{campo}» "
                                "({pares}).").format(columna=self.columna(j), campo=lector.col.titulo, pares=pares))
            else:
                avisos.append(_("Columna {columna}: se tomó {pares} en «{campo}».").format(
                    columna=self.columna(j), pares=pares, campo=lector.col.titulo))
        sobran = self.lectura.sin_importar(self.mapeo)
        if sobran:
            avisos.append(_("Columnas de la planilla que no se importan: {columnas}.").format(
                columnas=", ".join(sobran)))
        return avisos


def _mostrar(col: Columna, valor: Any) -> str:
    if valor is None:
        return ""
    if col.tipo == "opcion":
        return col.etiquetas().get(valor, str(valor))
    if col.tipo == "opciones":
        return SEPARADOR.join(col.etiquetas().get(v, v) for v in valor)
    if col.tipo == "referencia":
        return SEPARADOR.join(valor) if col.multiple else str(valor)
    if col.tipo == "booleano":
        return _("Sí") if valor else _("No")
    if col.tipo == "fecha":
        return formato.fecha(valor)
    if col.tipo == "guaranies":
        return formato.guaranies(valor)
    if col.tipo == "entero":
        return formato.entero(valor)
    if col.tipo == "decimal":
        return formato.numero(valor)
    return str(valor)


def previsualizar(lectura: LecturaLibro, mapeo: Mapeo | None = None, n: int = 50) -> list[FilaPrevia]:
    """Las primeras `n` filas como quedarían (sin tocar el expediente), para la vista previa del asistente."""
    conv = _Conversor(lectura, lectura.mapeo if mapeo is None else mapeo)
    salida = []
    for numero, valores in lectura.filas[:n]:
        f = conv.convertir(numero, valores)
        textos = {campo: _mostrar(lectura.esquema.columna(campo), valor) for campo, valor in f.datos.items()}
        salida.append(FilaPrevia(numero, textos, tuple(f.problemas)))
    return salida


# ---------------------------------------------------------------------------------------------- importar


def _clave(esquema: Esquema, datos: Mapping[str, Any]) -> tuple[str, ...] | None:
    partes = []
    for campo in esquema.clave:
        valor = datos.get(campo)
        if isinstance(valor, tuple | list):
            valor = SEPARADOR.join(sorted(normalizar(v) for v in valor))
        partes.append(normalizar(valor) if valor is not None else "")
    return tuple(partes) if any(partes) else None


def _existentes(s: Session, municipio_id: int, esquema: Esquema) -> set[tuple[str, ...]]:
    return {c for fila in esquema.filas(s, municipio_id) if (c := _clave(esquema, fila)) is not None}


def _abrir_transaccion(s: Session) -> None:
    """Se asegura de que SQLite esté dentro de una transacción antes del primer SAVEPOINT.

    El driver sqlite3 de Python (modo heredado) no emite BEGIN antes de un SAVEPOINT: el primer SAVEPOINT abriría
    la transacción y su RELEASE la confirmaría, y el rollback final ya no podría deshacer esa fila.
    """
    conexion = s.connection()
    if conexion.dialect.name != "sqlite":
        return
    crudo = conexion.connection.driver_connection
    if not crudo.in_transaction:
        conexion.exec_driver_sql("BEGIN")


class _Importacion:
    def __init__(self, s: Session, municipio_id: int, lectura: LecturaLibro, mapeo: Mapeo,
                 progreso: Progreso | None, omitir_existentes: bool):
        self.s, self.mid, self.lectura, self.progreso = s, municipio_id, lectura, progreso
        self.esquema = lectura.esquema
        self.mapeo = dict(mapeo)
        self.por_campo = {campo: j for j, campo in self.mapeo.items()}
        self.omitir_existentes = omitir_existentes
        self.resultado = ResultadoImportacion()
        self.indices: dict[str, Indice] = {}
        self.hechas = 0

    # -- problemas --------------------------------------------------------------------------------------
    def problema(self, fila: int | None, campo: str | None, mensaje: str) -> None:
        j = self.por_campo.get(campo) if campo else None
        if j is not None:
            columna = self.lectura.nombre_columna(j)
        elif campo and campo in {c.campo for c in self.esquema.columnas}:
            columna = f"«{self.esquema.columna(campo).titulo}»"
        else:
            columna = ""
        self.resultado.problemas.append(Problema(self.lectura.hoja, fila, columna, mensaje, j))

    def _del_servicio(self, f: FilaConvertida, exc: ErrorDeUsuario) -> None:
        errores = exc.errores if isinstance(exc, ErroresDeValidacion) else {exc.campo: exc.mensaje}
        for campo, mensaje in errores.items():
            # A cell that could not be read went to the service empty: its complaint about it is no news.
            if campo not in f.fallidos:
                self.problema(f.fila, campo, mensaje)

    # -- referencias ------------------------------------------------------------------------------------
    def indice(self, referencia: str) -> Indice:
        if referencia not in self.indices:
            self.indices[referencia] = Indice(referidos(self.s, self.mid, referencia))
        return self.indices[referencia]

    def esperar(self, f: FilaConvertida, en_planilla: set[str]) -> bool:
        """¿Se refiere a una fila de la misma planilla que todavía no se creó?"""
        propia = self.esquema.referencia_propia
        for col in self.esquema.columnas:
            if col.tipo == "referencia" and col.referencia == propia and col.campo in f.datos:
                nombres = f.datos[col.campo] if col.multiple else (f.datos[col.campo],)
                if any(not self.indice(propia).buscar(n) and normalizar(n) in en_planilla for n in nombres):
                    return True
        return False

    def resolver(self, f: FilaConvertida) -> dict[str, Any]:
        """Los datos con ids en lugar de nombres; un nombre que no se encuentra queda anotado como problema y su
        campo fuera de los datos (el servicio revisa el resto igual)."""
        datos = dict(f.datos)
        for col in self.esquema.columnas:
            if col.tipo != "referencia" or col.campo not in datos:
                continue
            nombres = datos[col.campo] if col.multiple else (datos[col.campo],)
            ids = []
            for nombre in nombres:
                hallados = self.indice(col.referencia).buscar(nombre)
                if len(hallados) == 1:
                    ids.append(hallados[0])
                    continue
                if len(hallados) > 1 and col.referencia == "actor":
                    mensaje = _("Hay {n} actores que se llaman o tienen la sigla «{nombre}»; escriba el nombre "
                                "completo.").format(n=len(hallados), nombre=nombre)
                elif len(hallados) > 1:
                    mensaje = _("Hay {n} territorios llamados «{nombre}».").format(n=len(hallados), nombre=nombre)
                else:
                    mensaje = self._no_existe(col, nombre)
                self.problema(f.fila, col.campo, mensaje)
                f.fallidos.add(col.campo)
            if col.campo in f.fallidos:
                del datos[col.campo]
            else:
                datos[col.campo] = tuple(ids) if col.multiple else ids[0]
        return datos

    def _no_existe(self, col: Columna, nombre: str) -> str:
        if col.referencia == "territorio":
            return _("No hay un territorio llamado «{nombre}» en el expediente. Créelo antes o corrija el "
                     "nombre.").format(nombre=nombre)
        return _("No hay un actor llamado «{nombre}» en el expediente. Créelo antes (o impórtelo en la matriz de "
                 "actores) o corrija el nombre.").format(nombre=nombre)

    # -- pasos ------------------------------------------------------------------------------------------
    def avanzar(self, total: int) -> None:
        self.hechas += 1
        if self.progreso and (self.hechas % _CADA == 0 or self.hechas == total):
            self.progreso(self.hechas, total)

    def crear(self, f: FilaConvertida, datos: dict[str, Any]) -> None:
        try:
            with self.s.begin_nested():
                ident = self.esquema.crear(self.s, self.mid, datos)
        except ErrorDeUsuario as exc:
            self._del_servicio(f, exc)
            return
        self._creada(ident, datos)

    def crear_lote(self, listos: list[tuple[FilaConvertida, dict[str, Any]]], total: int) -> None:
        """Una vuelta entera por `Esquema.crear_lote`: el servicio escribe solo las filas válidas, así que no hace
        falta un punto de guardado por fila."""
        resultados = self.esquema.crear_lote(self.s, self.mid, [datos for _f, datos in listos])
        for (f, datos), resultado in zip(listos, resultados, strict=True):
            if isinstance(resultado, ErrorDeUsuario):
                self._del_servicio(f, resultado)
            else:
                self._creada(resultado, datos)
            self.avanzar(total)

    def _creada(self, ident: int, datos: Mapping[str, Any]) -> None:
        self.resultado.ids.append(ident)
        if self.esquema.referencia_propia:
            self.indice(self.esquema.referencia_propia).agregar(ident, datos.get("nombre", ""),
                                                                datos.get("sigla", "") or "")

    def correr(self) -> ResultadoImportacion:
        r = self.resultado
        r.problemas += revisar_mapeo(self.lectura, self.mapeo)
        if r.problemas:
            return r
        # Progress counts every row twice: once read and checked, once created (or skipped).
        total = 2 * len(self.lectura.filas)
        conv = _Conversor(self.lectura, self.mapeo)
        filas: list[FilaConvertida] = []
        primera: dict[tuple[str, ...], int] = {}
        existentes = _existentes(self.s, self.mid, self.esquema) if self.omitir_existentes else set()
        for numero, valores in self.lectura.filas:
            f = conv.convertir(numero, valores)
            self.avanzar(total)
            r.problemas += f.problemas
            clave = _clave(self.esquema, f.datos)
            if clave is not None and clave in existentes:
                r.omitidos += 1
                continue
            if clave is not None and clave in primera:
                self.problema(numero, self.esquema.clave[0], _("Esta fila repite la de la fila {otra} ({que}).").format(
                    otra=primera[clave], que=self._describir_clave(f.datos)))
                continue
            if clave is not None:
                primera[clave] = numero
            # Rows with unreadable cells go on too (without those cells): their names and what the service
            # says about the rest are reported now, not after the user fixes the first problem.
            filas.append(f)
        r.avisos = conv.avisos()
        for _fila in range(len(self.lectura.filas) - len(filas)):  # skipped: already there or repeated
            self.avanzar(total)
        _abrir_transaccion(self.s)
        en_planilla = {normalizar(f.datos.get(c)) for f in filas for c in ("nombre", "sigla") if f.datos.get(c)}
        pendientes = filas
        while pendientes:
            esperan = []
            listos: list[tuple[FilaConvertida, dict[str, Any]]] = []  # for crear_lote: created after the loop
            for f in pendientes:
                if self.esperar(f, en_planilla):
                    esperan.append(f)
                    continue
                datos = self.resolver(f)
                # Without a required value the service cannot say more than «falta», already reported.
                if all(c.campo in datos for c in self.esquema.obligatorias):
                    if self.esquema.crear_lote is not None:
                        listos.append((f, datos))
                        continue
                    self.crear(f, datos)
                self.avanzar(total)
            if listos:
                self.crear_lote(listos, total)
            if len(esperan) == len(pendientes):
                for f in esperan:
                    self.problema(f.fila, self._campo_propio(), _(
                        "Se refiere a un actor de esta planilla que no se pudo crear (revise su fila) o que a su "
                        "vez se refiere a este."))
                    self.avanzar(total)
                break
            pendientes = esperan
        r.creados = len(r.ids)
        return r

    def _campo_propio(self) -> str | None:
        return next((c.campo for c in self.esquema.columnas if c.tipo == "referencia"
                     and c.referencia == self.esquema.referencia_propia), None)

    def _describir_clave(self, datos: Mapping[str, Any]) -> str:
        partes = []
        for campo in self.esquema.clave:
            valor = datos.get(campo)
            if valor:
                partes.append(f"{self.esquema.columna(campo).titulo} «{valor}»")
        return ", ".join(partes)


def importar(s: Session, municipio_id: int, lectura: LecturaLibro, mapeo: Mapeo | None = None,
             progreso: Progreso | None = None, omitir_existentes: bool = False) -> ResultadoImportacion:
    """Valida todas las filas y las crea por los servicios; todo o nada.

    No confirma la transacción: úsela dentro de `Expediente.transaccion()` (o `ctx.escribir`), que confirma al
    salir. Si hay problemas (`resultado.ok` es False) o se cancela (`progreso` lanza `Cancelado`), hace
    `s.rollback()` y el expediente queda como estaba. `omitir_existentes`: las filas cuya clave (p. ej. el nombre
    del actor) ya está en el expediente se saltan y se cuentan en `omitidos`, en lugar de informarse como problema.
    """
    if s.info.get("solo_lectura"):
        raise ErrorDeUsuario(_("El expediente está abierto solo para lectura porque otro programa lo tiene abierto: "
                               "no se puede importar. Ciérrelo allí y vuelva a intentarlo."))
    trabajo = _Importacion(s, municipio_id, lectura, lectura.mapeo if mapeo is None else mapeo, progreso,
                           omitir_existentes)
    try:
        resultado = trabajo.correr()
    except BaseException:
        s.rollback()
        raise
    if not resultado.ok:
        s.rollback()
        resultado.creados, resultado.ids = 0, []
        resultado.problemas.sort(key=lambda p: (p.fila or 0, p.indice_columna if p.indice_columna is not None else -1))
    else:
        s.flush()
    return resultado


def informe(problemas: list[Problema], archivo: str = "") -> str:
    """El texto que se muestra (o se copia o guarda) cuando la importación no se hizo."""
    n = len(problemas)
    donde = _(" en «{archivo}»").format(archivo=archivo) if archivo else ""
    cabeza = n_("No se importó nada: hay {n} problema{donde}.", "No se importó nada: hay {n} problemas{donde}.",
                n).format(n=formato.entero(n), donde=donde)
    pie = _("Corrija la planilla y vuelva a importarla; mientras haya un problema no se guarda ninguna fila.")
    return "\n".join([cabeza, *(f"• {p}" for p in problemas), pie])


__all__ = ["Cancelado", "FilaPrevia", "Problema", "ResultadoImportacion", "importar", "informe", "previsualizar",
           "revisar_mapeo"]
