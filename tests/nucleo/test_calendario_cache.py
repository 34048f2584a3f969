"""Los feriados ya leídos se guardan en disco: los arranques siguientes no cargan el paquete holidays."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[2]
CODIGO = (
    "import sys; from datetime import date; from nucleo.calendario import Calendario;"
    "c = Calendario(); print(c.motivo(date(2026, 4, 3)), c.es_habil(date(2026, 6, 22)), 'holidays' in sys.modules)"
)


def _correr(datos: Path) -> str:
    env = dict(os.environ, ARTICULA_DATOS=str(datos), LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run([sys.executable, "-c", CODIGO], cwd=RAIZ, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_segundo_arranque_usa_la_cache(tmp_path):
    assert _correr(tmp_path) == "Viernes Santo False True"
    assert list((tmp_path / "cache").glob("feriados_PY_es_*.json"))
    assert _correr(tmp_path) == "Viernes Santo False False"


def test_cache_danada_se_rehace(tmp_path):
    _correr(tmp_path)
    for archivo in (tmp_path / "cache").glob("feriados_PY_es_*.json"):
        archivo.write_text("{roto", encoding="utf-8")
    assert _correr(tmp_path) == "Viernes Santo False True"
    assert _correr(tmp_path) == "Viernes Santo False False"
