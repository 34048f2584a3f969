"""Migrar un expediente hecho con una versión anterior conserva sus datos (y guarda una copia antes)."""

from __future__ import annotations

import sqlite3
from datetime import date

from alembic import command
from alembic.config import Config
from sqlalchemy import select

from nucleo.almacen import migrar, respaldo
from nucleo.almacen.expediente import Expediente
from nucleo.almacen.motor import APPLICATION_ID, crear_motor
from nucleo.modelo import (
    Acta,
    Actividad,
    Actor,
    Documento,
    DocumentoEmitido,
    Mesa,
    Municipio,
    Necesidad,
    PlanAccion,
    RevisionPlan,
    Riesgo,
    Sesion,
    Territorio,
)


def _expediente_en(revision: str, ruta) -> None:
    motor = crear_motor(ruta)
    with motor.begin() as con:
        con.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        cfg = Config()
        cfg.set_main_option("script_location", str(migrar.CARPETA))
        cfg.attributes["connection"] = con
        command.upgrade(cfg, revision)
    motor.dispose()


def test_de_0001_a_la_actual_conserva_los_actores_simples(tmp_path):
    ruta = tmp_path / "viejo.articula"
    _expediente_en("0001", ruta)
    with sqlite3.connect(ruta) as con:
        con.execute("INSERT INTO municipio (id, clave_ine, nombre, departamento_codigo, departamento, direccion, "
                    "telefono, correo, intendente_nombre, intendente_resolucion, coordinador_nombre, "
                    "coordinador_resolucion, notas, creado_en, modificado_en) VALUES (1, '1116', 'Villeta', "
                    "'11', 'Central', '', '', '', 'I', '', 'C', '', '', '2026-01-01', '2026-01-01')")
        con.executemany(
            "INSERT INTO actor (id, municipio_id, nombre, categoria, telefono, correo, contacto, notas, creado_en, "
            "modificado_en) VALUES (?, 1, ?, ?, '0981', '', 'Ana', '', '2026-01-01', '2026-01-01')",
            [(1, "Comisión Vecinal", "comunidad"), (2, "Gobernación de Central", "gobernacion"),
             (3, "STP", "gobierno_central")])
        con.execute("INSERT INTO territorio (id, municipio_id, nombre, tipo, tipo_sps, estado, identidad_descripcion, "
                    "organizacion_id, riesgos_diversos, caracterizacion, espacio_nombre, espacio_direccion, "
                    "espacio_operador, creado_en, modificado_en) VALUES (1, 1, 'Barrio', 'urbano', '', 'propuesto', "
                    "'', 1, '', '', '', '', '', '2026-01-01', '2026-01-01')")
    avisos = []
    with Expediente.abrir(ruta, al_migrar=avisos.append) as exp, exp.sesion() as s:
        actores = {a.nombre: a for a in s.scalars(select(Actor))}
        assert avisos == ["0001"]
        assert (actores["Comisión Vecinal"].tipo, actores["Comisión Vecinal"].nivel) == ("organizacion", "comunitario")
        assert (actores["Gobernación de Central"].tipo, actores["Gobernación de Central"].nivel) == (
            "institucion", "departamental")
        assert actores["STP"].nivel == "nacional"
        assert actores["Comisión Vecinal"].telefono == "0981" and actores["Comisión Vecinal"].interes == 3
        assert s.get(Territorio, 1).organizacion_id == 1
    with sqlite3.connect(ruta) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrar.REVISION_ACTUAL
    copias = respaldo.respaldos_de(ruta)
    assert len(copias) == 1 and "antes-de-migrar" in copias[0].name
    with sqlite3.connect(copias[0]) as con:  # the copy is the untouched old file
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_una_migracion_que_falla_a_mitad_no_deja_nada_a_medias(tmp_path, monkeypatch):
    import pytest

    from nucleo.errores import ExpedienteNoValido

    ruta = tmp_path / "viejo.articula"
    _expediente_en("0001", ruta)
    with sqlite3.connect(ruta) as con:
        con.execute("INSERT INTO municipio (id, clave_ine, nombre, departamento_codigo, departamento, direccion, "
                    "telefono, correo, intendente_nombre, intendente_resolucion, coordinador_nombre, "
                    "coordinador_resolucion, notas, creado_en, modificado_en) VALUES (1, '1116', 'Villeta', "
                    "'11', 'Central', '', '', '', 'I', '', 'C', '', '', '2026-01-01', '2026-01-01')")
    verdadero = command.upgrade

    def a_mitad(cfg, destino):
        verdadero(cfg, destino)  # every step ran...
        raise ExpedienteNoValido("corte simulado")  # ...and then something failed before the commit

    monkeypatch.setattr(command, "upgrade", a_mitad)
    with pytest.raises(ExpedienteNoValido, match="corte simulado"):
        Expediente.abrir(ruta)
    with sqlite3.connect(ruta) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        tablas = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columnas = {r[1] for r in con.execute("PRAGMA table_info(actor)")}
    assert "oportunidad" not in tablas and "interes" not in columnas


def test_de_0002_a_0003_conserva_los_documentos_de_las_etapas(tmp_path):
    """0003 reconstruye la tabla documento (nueva columna convenio_id): contenido y etapa deben seguir intactos."""
    ruta = tmp_path / "v2.articula"
    _expediente_en("0002", ruta)
    contenido = bytes(range(256)) * 40
    with sqlite3.connect(ruta) as con:
        con.execute("INSERT INTO municipio (id, clave_ine, nombre, departamento_codigo, departamento, direccion, "
                    "telefono, correo, intendente_nombre, intendente_resolucion, coordinador_nombre, "
                    "coordinador_resolucion, notas, creado_en, modificado_en) VALUES (1, '1116', 'Villeta', "
                    "'11', 'Central', '', '', '', 'I', '', 'C', '', '', '2026-01-01', '2026-01-01')")
        con.execute("INSERT INTO territorio (id, municipio_id, nombre, tipo, tipo_sps, estado, identidad_descripcion, "
                    "riesgos_diversos, caracterizacion, espacio_nombre, espacio_direccion, espacio_operador, "
                    "creado_en, modificado_en) VALUES (1, 1, 'Barrio', 'urbano', '', 'propuesto', '', '', '', '', "
                    "'', '', '2026-01-01', '2026-01-01')")
        con.execute("INSERT INTO etapa (id, municipio_id, territorio_id, codigo, orden, proceso, producto, "
                    "responsables_referencia, plazo_referencia, inicia_tras, estado, responsables, notas, creado_en, "
                    "modificado_en) VALUES (1, 1, 1, '3', 5, 'p', 'q', '', '', '', 'pendiente', '', '', "
                    "'2026-01-01', '2026-01-01')")
        con.execute("INSERT INTO documento (id, municipio_id, etapa_id, nombre_archivo, tipo_mime, tamano, sha256, "
                    "descripcion, contenido, creado_en, modificado_en) VALUES (1, 1, 1, 'acta.pdf', "
                    "'application/pdf', ?, 'x', '', ?, '2026-01-01', '2026-01-01')", (len(contenido), contenido))
    with Expediente.abrir(ruta) as exp, exp.sesion() as s:
        doc = s.get(Documento, 1)
        assert (doc.etapa_id, doc.convenio_id, doc.contenido) == (1, None, contenido)
        assert s.scalars(select(Necesidad)).all() == []


def test_de_0003_a_0004_agrega_el_plan_sin_tocar_el_diagnostico(tmp_path):
    ruta = tmp_path / "v3.articula"
    _expediente_en("0003", ruta)
    with sqlite3.connect(ruta) as con:
        con.execute("INSERT INTO municipio (id, clave_ine, nombre, departamento_codigo, departamento, direccion, "
                    "telefono, correo, intendente_nombre, intendente_resolucion, coordinador_nombre, "
                    "coordinador_resolucion, notas, creado_en, modificado_en) VALUES (1, '1116', 'Villeta', "
                    "'11', 'Central', '', '', '', 'I', '', 'C', '', '', '2026-01-01', '2026-01-01')")
        con.execute("INSERT INTO territorio (id, municipio_id, nombre, tipo, tipo_sps, estado, identidad_descripcion, "
                    "riesgos_diversos, caracterizacion, espacio_nombre, espacio_direccion, espacio_operador, "
                    "creado_en, modificado_en) VALUES (1, 1, 'Barrio', 'urbano', '', 'propuesto', '', '', '', '', "
                    "'', '', '2026-01-01', '2026-01-01')")
        con.execute("INSERT INTO necesidad (id, municipio_id, territorio_id, descripcion, dimension, pilar, poblacion, "
                    "fuente, prioridad, notas, creado_en, modificado_en) VALUES (1, 1, 1, 'Agua potable', 'social', "
                    "'', '', 'taller', 1, '', '2026-01-01', '2026-01-01')")
    with Expediente.abrir(ruta) as exp:
        with exp.sesion() as s:
            assert s.get(Necesidad, 1).descripcion == "Agua potable"
            assert s.scalars(select(PlanAccion)).all() == []
        with exp.transaccion() as s:
            plan = PlanAccion(municipio_id=1, territorio_id=1, titulo="Plan", inicio=date(2027, 2, 1))
            s.add(plan)
            s.flush()
            s.add(Actividad(municipio_id=1, plan_id=plan.id, nombre="Relevamiento", duracion=5))
        with exp.sesion() as s:
            assert [a.nombre for a in s.scalars(select(Actividad))] == ["Relevamiento"]


def test_de_0004_a_0005_agrega_riesgos_y_mesas_sin_tocar_el_plan(tmp_path):
    ruta = tmp_path / "v4.articula"
    _expediente_en("0004", ruta)
    with sqlite3.connect(ruta) as con:
        con.execute("INSERT INTO municipio (id, clave_ine, nombre, departamento_codigo, departamento, direccion, "
                    "telefono, correo, intendente_nombre, intendente_resolucion, coordinador_nombre, "
                    "coordinador_resolucion, notas, creado_en, modificado_en) VALUES (1, '1116', 'Villeta', "
                    "'11', 'Central', '', '', '', 'I', '', 'C', '', '', '2026-01-01', '2026-01-01')")
        con.execute("INSERT INTO territorio (id, municipio_id, nombre, tipo, tipo_sps, estado, identidad_descripcion, "
                    "riesgos_diversos, caracterizacion, espacio_nombre, espacio_direccion, espacio_operador, "
                    "creado_en, modificado_en) VALUES (1, 1, 'Barrio', 'urbano', '', 'propuesto', '', '', '', '', "
                    "'', '', '2026-01-01', '2026-01-01')")
        con.execute("INSERT INTO plan_accion (id, municipio_id, territorio_id, titulo, revision, estado, objetivo, "
                    "inicio, organizacion, provision_recursos, instrumentos_registro, control_comunitario, notas, "
                    "creado_en, modificado_en) VALUES (1, 1, 1, 'Plan', 1, 'borrador', '', '2027-02-01', '', '', "
                    "'', '', '', '2026-01-01', '2026-01-01')")
    with Expediente.abrir(ruta) as exp:
        with exp.sesion() as s:
            assert s.get(PlanAccion, 1).titulo == "Plan"
            assert s.get(Municipio, 1).matriz_riesgos == ""  # the default matrix
            assert s.scalars(select(Riesgo)).all() == [] and s.scalars(select(Mesa)).all() == []
        with exp.transaccion() as s:
            s.add(Riesgo(municipio_id=1, plan_id=1, escenario="Lluvias intensas", probabilidad=4, impacto=5))
            mesa = Mesa(municipio_id=1, nombre="Mesa territorial del Barrio")
            s.add(mesa)
            s.flush()
            sesion = Sesion(municipio_id=1, mesa_id=mesa.id, fecha=date(2027, 3, 2))
            s.add(sesion)
            s.flush()
            s.add(Acta(municipio_id=1, sesion_id=sesion.id, mesa_id=mesa.id, numero=1, anio=2027))
        with exp.sesion() as s:
            assert s.scalars(select(Riesgo.escenario)).all() == ["Lluvias intensas"]
            assert s.scalars(select(Acta.numero)).all() == [1]


def test_de_0005_a_0006_agrega_la_sancion_y_el_papel(tmp_path):
    ruta = tmp_path / "v5.articula"
    _expediente_en("0005", ruta)
    with sqlite3.connect(ruta) as con:
        con.execute("INSERT INTO municipio (id, clave_ine, nombre, departamento_codigo, departamento, direccion, "
                    "telefono, correo, intendente_nombre, intendente_resolucion, coordinador_nombre, "
                    "coordinador_resolucion, notas, matriz_riesgos, creado_en, modificado_en) VALUES (1, '1116', "
                    "'Villeta', '11', 'Central', '', '', '', 'I', '', 'C', '', '', '', '2026-01-01', '2026-01-01')")
    with Expediente.abrir(ruta) as exp, exp.sesion() as s:
        assert s.get(Municipio, 1).papel == "A4"
        assert s.scalars(select(RevisionPlan)).all() == [] and s.scalars(select(DocumentoEmitido)).all() == []
