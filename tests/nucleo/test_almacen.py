"""El expediente como archivo: creación, pragmas, migraciones, integridad, bloqueo y respaldos."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from sqlalchemy import text

from nucleo.almacen import migrar, respaldo
from nucleo.almacen.expediente import Expediente, integridad_de_archivo
from nucleo.errores import ErrorDeUsuario, ExpedienteBloqueado, ExpedienteNoValido
from nucleo.modelo import Base
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.territorios import DatosTerritorio, crear_territorio, listar_territorios


def _nuevo(ruta):
    return Expediente.crear(ruta, lambda s: crear_municipio(s, DatosMunicipio(
        clave_ine="1116", intendente_nombre="Intendente de Prueba", coordinador_nombre="Coordinadora de Prueba")))


def test_crear_deja_un_expediente_con_pragmas_y_municipio(tmp_path):
    with _nuevo(tmp_path / "nuevo") as exp:  # the extension is added
        assert exp.ruta.name == "nuevo.articula"
        assert exp.municipio_id is not None
        with exp.motor.connect() as con:
            assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert con.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert con.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert con.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert migrar.revision_del_archivo(con) == migrar.REVISION_ACTUAL
    assert not (tmp_path / "nuevo.articula.nuevo").exists()


def test_crear_no_pisa_un_archivo_existente(tmp_path):
    (tmp_path / "x.articula").write_text("algo")
    with pytest.raises(ErrorDeUsuario, match="Ya existe"):
        _nuevo(tmp_path / "x.articula")
    assert (tmp_path / "x.articula").read_text() == "algo"


def test_crear_fallido_no_deja_archivos_a_medias(tmp_path):
    with pytest.raises(ErrorDeUsuario):
        Expediente.crear(tmp_path / "malo.articula",
                         lambda s: crear_municipio(s, DatosMunicipio(clave_ine="9999")))
    assert list(tmp_path.iterdir()) == []


def test_revisiones_conocidas_coinciden_con_alembic():
    assert migrar.historia_alembic() == list(migrar.REVISIONES)


def test_las_migraciones_producen_el_esquema_de_los_modelos(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with _nuevo(tmp_path / "e.articula") as exp, exp.motor.connect() as con:
        diferencias = compare_metadata(MigrationContext.configure(con, opts={"compare_type": True}), Base.metadata)
    assert diferencias == []


def test_rechaza_archivos_que_no_son_expedientes(tmp_path):
    texto = tmp_path / "nota.articula"
    texto.write_text("no soy una base de datos")
    with pytest.raises(ExpedienteNoValido, match="no es un expediente"):
        Expediente.abrir(texto)
    ajena = tmp_path / "ajena.articula"
    sqlite3.connect(ajena).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ExpedienteNoValido, match="no un expediente de Articula"):
        Expediente.abrir(ajena)
    with pytest.raises(ExpedienteNoValido, match="No se encontró"):
        Expediente.abrir(tmp_path / "no-existe.articula")


def test_rechaza_un_expediente_de_una_version_mas_nueva_sin_tocarlo(tmp_path):
    ruta = tmp_path / "futuro.articula"
    _nuevo(ruta).cerrar()
    with sqlite3.connect(ruta) as con:
        con.execute("UPDATE alembic_version SET version_num='9999'")
    antes = ruta.read_bytes()
    with pytest.raises(ExpedienteNoValido, match="versión más nueva"):
        Expediente.abrir(ruta)
    assert ruta.read_bytes() == antes


def test_al_abrir_un_archivo_viejo_primero_respalda_y_luego_migra(tmp_path, monkeypatch):
    ruta = tmp_path / "viejo.articula"
    _nuevo(ruta).cerrar()
    orden = []
    monkeypatch.setattr(migrar, "comprobar_compatible", lambda revision: True)
    monkeypatch.setattr(migrar, "migrar", lambda con: orden.append(
        ("migrar", [p.name for p in respaldo.respaldos_de(ruta)])))
    avisos = []
    with Expediente.abrir(ruta, al_migrar=avisos.append):
        pass
    assert avisos == [migrar.REVISION_ACTUAL]
    assert len(orden) == 1
    assert any("antes-de-migrar" in nombre for nombre in orden[0][1])


def test_archivo_danado_se_informa_y_hay_respaldo(tmp_path):
    ruta = tmp_path / "danado.articula"
    exp = _nuevo(ruta)
    exp.respaldo_automatico()
    exp.cerrar()
    datos = bytearray(ruta.read_bytes())
    datos[4096:4096 * 4] = b"\xff" * (4096 * 3)  # break the b-tree pages after the header page
    ruta.write_bytes(bytes(datos))
    with pytest.raises(ExpedienteNoValido) as info:
        Expediente.abrir(ruta)
    assert "dañado" in info.value.mensaje or "integridad" in info.value.mensaje
    ultimo = respaldo.respaldos_de(ruta)[0]
    assert integridad_de_archivo(ultimo) is None


def test_segunda_apertura_es_de_solo_lectura(tmp_path):
    ruta = tmp_path / "compartido.articula"
    primero = _nuevo(ruta)
    try:
        segundo = Expediente.abrir(ruta)
        try:
            assert segundo.solo_lectura and not primero.solo_lectura
            assert "proceso" in segundo.titular_bloqueo
            with segundo.sesion() as s:
                assert listar_territorios(s, segundo.municipio_id) == []
                with pytest.raises(ErrorDeUsuario, match="solo para lectura"):
                    crear_territorio(s, segundo.municipio_id, DatosTerritorio(nombre="No"))
                    s.commit()
        finally:
            segundo.cerrar()
        with pytest.raises(ExpedienteBloqueado):
            Expediente.abrir(ruta, permitir_solo_lectura=False)
    finally:
        primero.cerrar()
    # Once the first one closes, the file can be opened for writing again.
    with Expediente.abrir(ruta) as otra_vez:
        assert not otra_vez.solo_lectura


def test_el_bloqueo_vale_entre_procesos(tmp_path):
    ruta = tmp_path / "proc.articula"
    _nuevo(ruta).cerrar()
    with Expediente.abrir(ruta) as exp:
        assert not exp.solo_lectura
        codigo = textwrap.dedent(f"""
            from nucleo.almacen.expediente import Expediente
            e = Expediente.abrir({str(ruta)!r}, respaldar=False)
            print(e.solo_lectura)
            e.cerrar()
        """)
        salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True,
                                cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
        assert salida.stdout.strip() == "True"


def test_transaccion_no_deja_datos_a_medias(tmp_path):
    with _nuevo(tmp_path / "t.articula") as exp:
        with pytest.raises(ErrorDeUsuario), exp.transaccion() as s:
            crear_territorio(s, exp.municipio_id, DatosTerritorio(nombre="Uno"))
            crear_territorio(s, exp.municipio_id, DatosTerritorio(nombre="", poblacion=-1))
        with exp.sesion() as s:
            assert listar_territorios(s, exp.municipio_id) == []


def test_respaldo_en_linea_mientras_se_escribe_y_rotacion(tmp_path, monkeypatch):
    monkeypatch.setattr(respaldo, "CONSERVAR", 3)
    with _nuevo(tmp_path / "r.articula") as exp:
        with exp.transaccion() as s:
            crear_territorio(s, exp.municipio_id, DatosTerritorio(nombre="Barrio Uno", inicio_ruta=date(2026, 3, 2)))
        pasos = []
        copia = exp.respaldar(tmp_path / "copias" / "copia", progreso=lambda hecho, total: pasos.append(total))
        assert copia.name == "copia.articula" and pasos
        assert integridad_de_archivo(copia) is None
        with sqlite3.connect(copia) as con:
            assert con.execute("SELECT nombre FROM territorio").fetchall() == [("Barrio Uno",)]
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        nombres = set()
        for i in range(5):
            nombres.add(exp.respaldo_automatico(motivo=f"p{i}").name)
        guardados = respaldo.respaldos_de(exp.ruta)
        assert len(guardados) == 3
        assert all(p.name in nombres for p in guardados)


def test_la_copia_se_abre_como_expediente(tmp_path):
    with _nuevo(tmp_path / "o.articula") as exp:
        copia = exp.respaldar(tmp_path / "otra.articula")
    with Expediente.abrir(copia) as abierta, abierta.sesion() as s:
        assert s.execute(text("SELECT nombre FROM municipio")).scalar() == "Villeta"


def test_cabecera_sana_y_paginas_rotas_es_un_error_de_usuario(tmp_path):
    ruta = tmp_path / "roto.articula"
    _nuevo(ruta).cerrar()
    datos = bytearray(ruta.read_bytes())
    datos[100:4096] = b"\x00" * (4096 - 100)  # the schema page, right after the 100-byte header
    ruta.write_bytes(bytes(datos))
    with pytest.raises(ExpedienteNoValido, match="dañado|integridad"):
        Expediente.abrir(ruta)
