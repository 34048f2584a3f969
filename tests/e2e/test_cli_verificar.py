"""`python main.py verificar RUTA.articula ARCHIVO.pdf` de punta a punta: la demostración, un plan sancionado con
los servicios, su revisión 1 impresa con `exportar --revision 1`, verificada genuina (salida 0); la copia con un
byte cambiado, alterada (salida 1); los errores del usuario (salida 2, sin traza); y un acta firmada impresa con
`acta`, verificada genuina."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

RAIZ = Path(__file__).resolve().parents[2]
HOY = date(2026, 11, 18)
CERRITO = "Compañía Cerrito"


@pytest.fixture
def correr(carpeta_datos):
    entorno = dict(os.environ, ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen",
                   PYTHONIOENCODING="utf-8")

    def _correr(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=RAIZ, env=entorno,
                              capture_output=True, text=True, encoding="utf-8", timeout=180)

    return _correr


def sancionar_plan_de_cerrito(ruta: Path) -> int:
    """What the coordinator does in the window: a plan with one activity, to review, signed by all, sanctioned."""
    from nucleo.almacen.expediente import Expediente
    from nucleo.modelo import Territorio
    from nucleo.servicios import sancion
    from nucleo.servicios.actividades import DatosActividad, DatosRecurso, crear_actividad
    from nucleo.servicios.plan import DatosPlan, cambiar_estado, crear_plan

    exp = Expediente.abrir(ruta, respaldar=False)
    try:
        with exp.transaccion() as s:
            tid = s.scalar(select(Territorio.id).where(Territorio.nombre == CERRITO))
            pid = crear_plan(s, exp.municipio_id, tid, DatosPlan(
                titulo="Plan de Acción Compañía Cerrito", inicio=date(2027, 3, 1),
                objetivo="Agua segura para las familias de la compañía."))
            crear_actividad(s, pid, DatosActividad(
                nombre="Censo de hogares sin agua", duracion=10,
                recursos=(DatosRecurso(descripcion="Viáticos del censo", cantidad=2, costo_unitario=150_000),)))
            cambiar_estado(s, pid, "en_revision")
            sancion.firmantes_por_defecto(s, pid)
            for n, f in enumerate(sancion.listar_firmantes(s, pid)):
                sancion.registrar_firma(s, f.id, date(2026, 11, 10 + n))
            sancion.sancionar(s, pid, HOY)
    finally:
        exp.cerrar()
    return pid


def alterar_un_byte(origen: Path, destino: Path) -> Path:
    shutil.copyfile(origen, destino)
    datos = bytearray(destino.read_bytes())
    datos[len(datos) // 2] ^= 0x01
    destino.write_bytes(bytes(datos))
    return destino


def test_plan_sancionado_impreso_genuino_y_alterado(correr, tmp_path):
    ruta = tmp_path / "Villeta.articula"
    r = correr("demo", ruta, "--hoy", HOY.isoformat())
    assert r.returncode == 0, r.stderr
    sancionar_plan_de_cerrito(ruta)

    pdf = tmp_path / "plan_rev1.pdf"
    r = correr("exportar", ruta, "--tabla", "plan", "--territorio", CERRITO, "--revision", "1", "--salida", pdf)
    assert r.returncode == 0, r.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")

    r = correr("verificar", ruta, pdf)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("Documento genuino: es el Plan de Acción «Plan de Acción Compañía Cerrito» "
                               "del territorio «Compañía Cerrito», revisión 1 sancionada el 14/11/2026.")
    assert "sigue coincidiendo con su huella" in r.stdout

    alterado = alterar_un_byte(pdf, tmp_path / "plan_rev1_alterado.pdf")
    r = correr("verificar", ruta, alterado)
    assert r.returncode == 1, r.stdout + r.stderr
    assert r.stdout.startswith("Documento no válido: el archivo «plan_rev1_alterado.pdf» dice ser ")
    assert "fue alterado: no coincide con ningún documento emitido de ese plan" in r.stdout
    assert "Traceback" not in r.stderr

    # A revision that was never sanctioned.
    r = correr("exportar", ruta, "--tabla", "plan", "--territorio", CERRITO, "--revision", "3", "--salida",
               tmp_path / "rev3.pdf")
    assert r.returncode == 2
    assert "El plan no tiene la revisión 3 sancionada; tiene: 1." in r.stderr
    assert not (tmp_path / "rev3.pdf").exists()


def test_errores_del_usuario_y_acta_firmada(correr, tmp_path):
    ruta = tmp_path / "Villeta.articula"
    assert correr("demo", ruta, "--hoy", HOY.isoformat()).returncode == 0

    r = correr("verificar", ruta, tmp_path / "no_existe.pdf")
    assert r.returncode == 2 and "No se encontró el archivo" in r.stderr and "Traceback" not in r.stderr
    nota = tmp_path / "nota.pdf"
    nota.write_text("Documento genuino", encoding="utf-8")
    r = correr("verificar", ruta, nota)
    assert r.returncode == 2 and "no es un archivo PDF" in r.stderr and "Traceback" not in r.stderr
    r = correr("exportar", ruta, "--tabla", "actores", "--pdf", "--revision", "1", "--salida", tmp_path / "a.pdf")
    assert r.returncode == 2 and "--revision es para el Plan de Acción" in r.stderr

    acta = tmp_path / "acta.pdf"
    r = correr("acta", ruta, "--mesa", "1", "--numero", "1/2026", "--salida", acta)
    assert r.returncode == 0, r.stderr
    r = correr("verificar", ruta, acta)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Acta N.º 1/2026 de la mesa" in r.stdout and "firmada el" in r.stdout

    # A printout with no value (the actors' matrix) is not a document this expediente issued.
    actores = tmp_path / "actores.pdf"
    assert correr("exportar", ruta, "--tabla", "actores", "--pdf", "--salida", actores).returncode == 0
    r = correr("verificar", ruta, actores)
    assert r.returncode == 1 and "no es un documento emitido por este expediente" in r.stdout
