"""`articula --autoprueba`: lo que corre el instalador (y la integración continua) sobre el programa congelado,
probado aquí desde el código, en un proceso aparte como lo lanza el usuario."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]


def _correr(args: list[str], datos: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ARTICULA_DATOS=str(datos), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, *args], cwd=RAIZ, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_autoprueba_pasa_y_no_toca_los_datos_del_usuario(tmp_path):
    datos = tmp_path / "datos_usuario"
    datos.mkdir()
    proc = _correr(["main.py", "--autoprueba"], datos)
    assert proc.returncode == 0, proc.stderr
    lineas = proc.stdout.splitlines()
    assert lineas[0].startswith("Autoprueba de Articula ")
    for esperado in ("Textos de Qt en español", "Expediente de demostración creado: Villeta",
                     "Expediente antiguo migrado", "Ventana principal abierta", "páginas se muestran", "Plan de Acción impreso en PDF",
                     "Planilla de actores exportada"):
        assert any(esperado in linea for linea in lineas), (esperado, proc.stdout)
    assert lineas[-1] == "Autoprueba superada."
    # Everything happened in a temporary folder: the user's data folder stays empty.
    assert list(datos.iterdir()) == []


def test_autoprueba_fallida_da_el_motivo_sin_traza(tmp_path):
    # A step that fails as a missing library would in a broken bundle.
    guion = ("import sys, ui.autoprueba as a\n"
             "def roto(*args, **kwargs):\n"
             "    raise ModuleNotFoundError(\"No module named 'reportlab'\")\n"
             "a._paso_pdf = roto\n"
             "sys.exit(a.ejecutar())\n")
    proc = _correr(["-c", guion], tmp_path / "datos")
    assert proc.returncode == 1
    assert "Autoprueba fallida en el paso «PDF»: ModuleNotFoundError: No module named 'reportlab'" in proc.stderr
    assert "Traceback" not in proc.stdout and "Traceback" not in proc.stderr
    assert "Autoprueba superada." not in proc.stdout
    # The traceback went to the log, which is kept (and named) for support.
    registro = Path(proc.stderr.split("Detalle en el registro: ")[1].strip())
    assert "Traceback" in registro.read_text(encoding="utf-8")
