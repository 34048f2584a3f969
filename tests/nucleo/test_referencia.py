import csv
import sys
from collections import Counter
from pathlib import Path

import pytest

from nucleo import referencia as r
from nucleo import rutas

RAIZ = Path(__file__).resolve().parents[2]


def _conteos_oficiales() -> dict[str, int]:
    with open(r.ARCHIVO_DEPARTAMENTOS, encoding="utf-8", newline="") as archivo:
        return {f["DPTO"]: int(f["n_distritos_cnpv2022"]) for f in csv.DictReader(archivo)}


def test_recursos_junto_al_paquete():
    assert rutas.RECURSOS == RAIZ / "recursos"
    assert r.ARCHIVO_DISTRITOS.is_file()
    assert (rutas.RECURSOS / "datos" / "FUENTES.md").is_file()


def test_recursos_congelado_con_pyinstaller(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert rutas._carpeta_recursos() == tmp_path / "recursos"


def test_18_departamentos_por_codigo():
    deps = r.departamentos()
    assert len(deps) == 18
    assert [d.codigo for d in deps] == [f"{i:02d}" for i in range(18)]
    assert deps[0] == r.Departamento("00", "Asunción")
    assert deps[11].nombre == "Central"
    assert deps[12].nombre == "Ñeembucú"
    assert deps[10].nombre == "Alto Paraná"


def test_codigos_ine_no_los_del_tsje():
    # TSJE swaps 16 and 17; INE: Boquerón is 16 (Filadelfia), Alto Paraguay 17 (Fuerte Olimpo).
    nombres = {d.codigo: d.nombre for d in r.departamentos()}
    assert nombres["16"] == "Boquerón"
    assert nombres["17"] == "Alto Paraguay"
    assert r.distrito("1604").nombre == "Filadelfia"
    assert r.distrito("1701").nombre == "Fuerte Olimpo"


def test_263_distritos_por_clave():
    todos = r.distritos()
    assert len(todos) == 263
    claves = [d.clave for d in todos]
    assert claves == sorted(claves)
    assert len(set(claves)) == 263
    assert all(d.clave == d.departamento + d.codigo and len(d.clave) == 4 for d in todos)


def test_conteos_por_departamento_coinciden_con_el_ine():
    conteos = Counter(d.departamento for d in r.distritos())
    assert conteos == _conteos_oficiales()
    assert sum(conteos.values()) == 263
    for dep in r.departamentos():
        assert len(r.distritos(dep.codigo)) == conteos[dep.codigo]


def test_villeta_en_central():
    villeta = r.distrito("1116")
    assert villeta == r.Distrito("1116", "11", "16", "Villeta", "VILLETA")
    assert villeta in r.distritos("11")
    assert [d.clave for d in r.distritos("11") if d.nombre == "Villeta"] == ["1116"]


def test_asuncion_y_huecos_de_numeracion():
    assert r.distrito("0000").nombre == "Asunción"
    assert r.distritos("00") == [r.distrito("0000")]
    with pytest.raises(KeyError):
        r.distrito("1501")  # Presidente Hayes has no district 01
    assert r.distritos("15")[0].clave == "1502"


def test_claves_y_departamentos_desconocidos():
    with pytest.raises(KeyError):
        r.distrito("9999")
    with pytest.raises(KeyError):
        r.distritos("18")


def test_nombres_en_forma_de_titulo():
    assert r.distrito("0512").nombre == "Dr. J. Eulogio Estigarribia"
    assert r.distrito("0512").nombre_ine == "DR. J. EULOGIO ESTIGARRIBIA"
    assert r.distrito("1602").nombre == "Mariscal José Félix Estigarribia"
    assert r.distrito("1507").nombre == "Tte. 1° Manuel Irala Fernández"
    assert r.distrito("1212").nombre == "San Juan Bautista de Ñeembucú"
    assert r.distrito("0213").nombre == "Villa del Rosario"
    assert r.distrito("1007").nombre == "Juan E. O'Leary"
    assert r.distrito("0513").nombre == "R.I. 3 Corrales"
    for d in r.distritos():
        # Only the case changes, and no name is left in capitals.
        assert d.nombre.upper() == d.nombre_ine.upper()
        assert d.nombre != d.nombre_ine


def test_las_listas_devueltas_no_tocan_la_cache():
    r.distritos().clear()
    r.departamentos().clear()
    assert len(r.distritos()) == 263
    assert len(r.departamentos()) == 18
