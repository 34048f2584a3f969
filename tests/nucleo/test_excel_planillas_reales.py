"""Planillas reales de otros (../shared/datos/planillas_reales): la matriz de interesados entra en la matriz de
actores con el mapeo correcto; las que no son de actores ni de oportunidades se rechazan con un mensaje claro."""

from __future__ import annotations

from pathlib import Path

import pytest

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.excel import esquema_de
from nucleo.importar import importar, informe, leer_libro
from nucleo.servicios.actores import listar_actores

PLANILLAS = Path(__file__).resolve().parents[3] / "shared" / "datos" / "planillas_reales"
AJENAS = ("bmontilla_matriz_de_riesgos.xlsx", "sv_alcaldia_plantilla_poa.xlsx",
          "ve_matriz_poa_FORMATO_AE_PARTIDAS_2025.xlsx", "co_zte_matriz_riesgos_actualizada.xlsx",
          "co_zte_matriz_riesgos_controles_BSC_RNC_V5.xlsx")


def test_estan_las_planillas():
    assert sorted(p.name for p in PLANILLAS.glob("*.xlsx")) == sorted((*AJENAS, "matriz_stakeholders_CLV.xlsx"))


def test_la_matriz_de_interesados_entra_en_la_matriz_de_actores(expediente_demo):
    exp = expediente_demo
    lectura = leer_libro(PLANILLAS / "matriz_stakeholders_CLV.xlsx", esquema_de("actores"))
    # The header sits under a merged title (B4:I4); the table starts in column B.
    assert (lectura.hoja, lectura.fila_encabezado, lectura.total) == ("Matriz Stakeholders PM4R", 5, 10)
    assert {lectura.nombre_columna(j): campo for j, campo in lectura.mapeo.items()} == {
        "B (Interesado)": "nombre", "C (Rol / Relación)": "rol", "D (Influencia)": "influencia",
        "E (Interés)": "interes", "G (Actitud actual)": "postura"}
    with exp.sesion() as s:
        antes = {f.nombre for f in listar_actores(s, exp.municipio_id)}
    with exp.transaccion() as s:
        r = importar(s, exp.municipio_id, lectura)
    assert r.ok, informe(r.problemas)
    assert r.creados == 10
    with exp.sesion() as s:
        nuevos = {f.nombre: f for f in listar_actores(s, exp.municipio_id) if f.nombre not in antes}
    assert len(nuevos) == 10
    itc = nuevos["Instituto Tecnológico de Culiacán"]
    # The words become the 1-5 scale: with «Muy alta» in the sheet, five steps (Muy alta 5, Alta 4, Media 3).
    assert (itc.influencia, itc.interes, itc.postura) == (4, 5, "apoya")
    analista = nuevos["Analista Financiero"]
    assert (analista.influencia, analista.interes, analista.postura) == (3, 3, "neutral")
    assert nuevos["Data Engineer"].postura == "neutral" and nuevos["Project Manager"].postura == "apoya"
    avisos = "\n".join(r.avisos)
    assert "«Muy Alta» = 5" in avisos and "«Alta» = 4" in avisos and "«Media» = 3" in avisos
    assert "«A favor» → «Apoya»" in avisos and "«Comprometido» → «Apoya»" in avisos
    assert "F (Expectativas clave)" in avisos and "I (Acciones concretas)" in avisos


@pytest.mark.parametrize("tabla", ["actores", "oportunidades"])
@pytest.mark.parametrize("archivo", AJENAS)
def test_las_planillas_que_no_encajan_se_rechazan(archivo, tabla):
    with pytest.raises(ErrorDeUsuario) as info:
        leer_libro(PLANILLAS / archivo, esquema_de(tabla))
    texto = str(info.value)
    assert texto.startswith(f"«{archivo}» no parece una planilla de «")
    assert "fila de encabezados" in texto and "plantilla en blanco de Articula" in texto


def test_la_matriz_de_interesados_no_es_un_mapa_de_oportunidades():
    with pytest.raises(ErrorDeUsuario, match="«Población»"):
        leer_libro(PLANILLAS / "matriz_stakeholders_CLV.xlsx", esquema_de("oportunidades"))
