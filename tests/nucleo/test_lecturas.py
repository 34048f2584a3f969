"""Las lecturas sin ORM (`nucleo.lecturas`): lo que muestra la primera pantalla al abrir un expediente.

Dan lo mismo con la conexión de lectura del expediente que con una sesión del ORM (que además lee lo que tiene
sin escribir), y abrir un expediente y leer con ellas no carga SQLAlchemy: de eso depende el arranque.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from nucleo.errores import ErrorDeUsuario
from nucleo.lecturas.actores import contacto_actor, contar_actores
from nucleo.lecturas.hoja_de_ruta import resumen_ruta, resumenes_rutas
from nucleo.lecturas.municipio import calendario_de, encabezado
from nucleo.lecturas.territorios import contar_territorios, listar_territorios, obtener_territorio
from tests.conftest import HOY

RAIZ = Path(__file__).resolve().parents[2]


def test_con_la_conexion_de_lectura_dan_lo_mismo_que_con_una_sesion(expediente_demo):
    exp = expediente_demo
    con, mid = exp.lectura(), exp.municipio_id
    with exp.sesion() as s:
        assert listar_territorios(con, mid, HOY) == listar_territorios(s, mid, HOY)
        assert resumenes_rutas(con, mid, HOY) == resumenes_rutas(s, mid, HOY)
        filas = listar_territorios(con, mid, HOY)
        for f in filas:
            assert obtener_territorio(con, f.id) == obtener_territorio(s, f.id)
            assert resumen_ruta(con, f.id, HOY) == resumen_ruta(s, f.id, HOY)
        assert contar_territorios(con, mid) == contar_territorios(s, mid) == len(filas)
        assert contar_actores(con, mid) == contar_actores(s, mid) > 0
        assert encabezado(con, mid) == encabezado(s, mid)
        # The demo declares a patron saint's day (not a national holiday): both calendars skip it.
        dias = [HOY.replace(month=1, day=1) + timedelta(days=n) for n in range(366)]
        cal_con, cal_s = calendario_de(con, mid), calendario_de(s, mid)
        assert [cal_con.motivo(d) for d in dias] == [cal_s.motivo(d) for d in dias]
        assert cal_con.motivo(HOY.replace(month=1, day=20)) == "Fiesta patronal (ejemplo)"


def test_los_valores_llegan_con_su_tipo(expediente_demo):
    """Fechas como date y booleanos como bool, no el texto y los 0/1 que guarda SQLite."""
    exp = expediente_demo
    con, mid = exp.lectura(), exp.municipio_id
    filas = listar_territorios(con, mid, HOY)
    con_inicio = [f for f in filas if f.inicio_ruta is not None]
    assert con_inicio and all(type(f.inicio_ruta).__name__ == "date" for f in con_inicio)
    d = obtener_territorio(con, con_inicio[0].id)
    assert d.identidad_propia in (True, False, None) and type(d.inicio_ruta).__name__ == "date"
    ruta = resumen_ruta(con, con_inicio[0].id, HOY)
    assert len(ruta.etapas) == 8 and ruta.etapas[0].codigo == "1-a"
    assert all(e.fin_plan is None or type(e.fin_plan).__name__ == "date" for e in ruta.etapas)
    assert {f.semaforo for f in filas} <= {"al_dia", "por_vencer", "vencida", "cumplida", "sin_fecha"}
    # The Territorios list: three criteria counted from the boolean, not from «1 is True».
    assert any(f.criterios == 3 for f in filas)


def test_una_sesion_lee_lo_que_todavia_no_escribio(expediente_demo):
    from nucleo.modelo import Territorio

    exp = expediente_demo
    with exp.sesion() as s:
        tid = listar_territorios(s, exp.municipio_id, HOY)[0].id
        s.get(Territorio, tid).nombre = "AAA Nombre sin confirmar"
        assert obtener_territorio(s, tid).nombre == "AAA Nombre sin confirmar"
        assert listar_territorios(s, exp.municipio_id, HOY)[0].nombre == "AAA Nombre sin confirmar"
        s.rollback()
    # Nothing was committed: the reader never saw it.
    assert obtener_territorio(exp.lectura(), tid).nombre != "AAA Nombre sin confirmar"


def test_lo_que_no_existe_da_un_mensaje_claro(expediente_demo):
    con = expediente_demo.lectura()
    with pytest.raises(ErrorDeUsuario, match=r"No se encontró el territorio \(n\.º 999999\)"):
        obtener_territorio(con, 999999)
    with pytest.raises(ErrorDeUsuario, match="el territorio"):
        resumen_ruta(con, 999999)
    with pytest.raises(ErrorDeUsuario, match="el actor"):
        contacto_actor(con, 999999)


def test_la_conexion_de_lectura_no_escribe(expediente_demo):
    import sqlite3

    with pytest.raises(sqlite3.OperationalError):
        expediente_demo.lectura().execute("DELETE FROM territorio")


def test_un_expediente_cerrado_no_se_lee(expediente_demo):
    expediente_demo.cerrar()
    with pytest.raises(ErrorDeUsuario, match="cerrado"):
        expediente_demo.lectura()


def test_abrir_y_leer_la_primera_pantalla_no_carga_sqlalchemy(expediente_demo):
    ruta = expediente_demo.ruta
    expediente_demo.cerrar()
    guion = textwrap.dedent(f"""
        import sys
        from nucleo.almacen.expediente import Expediente
        from nucleo.lecturas.actores import contar_actores
        from nucleo.lecturas.municipio import encabezado
        from nucleo.lecturas.territorios import listar_territorios, obtener_territorio
        exp = Expediente.abrir({str(ruta)!r}, respaldar=True)
        filas = listar_territorios(exp.lectura(), exp.municipio_id)
        obtener_territorio(exp.lectura(), filas[0].id)
        encabezado(exp.lectura(), exp.municipio_id)
        contar_actores(exp.lectura(), exp.municipio_id)
        exp.respaldo_automatico(motivo="prueba")
        cargados = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic"))
        exp.cerrar()
        print(len(filas), cargados)
    """)
    salida = subprocess.run([sys.executable, "-c", guion], cwd=RAIZ, capture_output=True, text=True, timeout=120)
    assert salida.returncode == 0, salida.stderr
    filas, cargados = salida.stdout.strip().split(" ", 1)
    assert int(filas) > 0
    assert cargados == "[]"
