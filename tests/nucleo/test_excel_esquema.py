"""Esquemas de columnas y lectura de celdas: lo que decide cómo se entiende cada encabezado y cada valor."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from nucleo.exportar.excel import TABLAS, esquema_de
from nucleo.exportar.excel.escribir import letra, valor_para_hoja
from nucleo.exportar.excel.esquema import Columna, Esquema, normalizar
from nucleo.importar.encabezados import Comparador, encabezados_de, mejor_de_hoja, parecido
from nucleo.importar.valores import Lector, escala_de

OPCIONES = {"municipal": "Municipal", "nacional": "Nacional", "cooperacion": "Cooperación",
            "primera_infancia": "Primera infancia (0–4)"}


def _esquema(*columnas: Columna) -> Esquema:
    return Esquema("prueba", "prueba", "Prueba", "Prueba", columnas, filas=lambda s, m: [],
                   crear=lambda s, m, d: 0)


def test_normalizar_ignora_tildes_mayusculas_puntuacion_y_numeracion():
    assert normalizar("Interés") == normalizar("INTERES") == normalizar(" interés: ") == "interes"
    assert normalizar("4.PROYECTOS ") == "proyectos"
    assert normalizar("7.1 Unidad de medida") == "unidad de medida"
    assert normalizar("Rol / Relación") == "rol relacion"
    assert normalizar("Niñez (5–13)") == "ninez 5 13"
    assert normalizar(None) == ""


def test_columna_y_esquema_rechazan_definiciones_incoherentes():
    with pytest.raises(ValueError):
        Columna("X", "x", "moneda")
    with pytest.raises(ValueError):
        Columna("X", "x", "opcion")  # an option column needs its options
    with pytest.raises(ValueError):
        Columna("X", "x", "referencia")  # and a reference column what it refers to
    with pytest.raises(ValueError):
        _esquema(Columna("A", "a"), Columna("B", "a"))
    with pytest.raises(ValueError):
        Esquema("p", "p", "P", "P", (Columna("A", "a"),), lambda s, m: [], lambda s, m, d: 0, clave=("b",))


def test_los_esquemas_de_las_tablas():
    assert {"actores", "oportunidades", "necesidades"} <= set(TABLAS)  # issue 4 adds more (dafo)
    actores = esquema_de("actores")
    assert [c.campo for c in actores.obligatorias] == ["nombre"]
    assert actores.columna("interes").escala and actores.columna("influencia").escala
    oportunidades = esquema_de("oportunidades")
    assert {c.campo for c in oportunidades.obligatorias} == {"nombre", "poblaciones"}
    assert oportunidades.columna("costo").formato_numero == '"₲" #,##0'
    assert oportunidades.columna("vigencia_desde").formato_numero == "dd/mm/yyyy"
    with pytest.raises(KeyError):
        esquema_de("territorios")


def test_letras_de_columna():
    assert [letra(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == \
        ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_valor_para_hoja_muestra_etiquetas_y_deja_numeros_y_fechas():
    opcion = Columna("Origen", "origen", "opcion", opciones=OPCIONES)
    varias = Columna("Grupos", "grupos", "opciones", opciones=OPCIONES)
    assert valor_para_hoja(opcion, "cooperacion") == "Cooperación"
    assert valor_para_hoja(varias, ("municipal", "primera_infancia")) == "Municipal; Primera infancia (0–4)"
    assert valor_para_hoja(Columna("S", "s", "booleano"), True) == "Sí"
    assert valor_para_hoja(Columna("S", "s", "booleano"), False) == "No"
    assert valor_para_hoja(Columna("M", "m", "guaranies"), 1500000) == 1500000
    assert valor_para_hoja(Columna("F", "f", "fecha"), datetime(2026, 11, 21, 10, 5)) == date(2026, 11, 21)
    territorios = Columna("T", "t", "referencia", referencia="territorio", multiple=True)
    assert valor_para_hoja(territorios, ["San Roque", "Cerrito"]) == "San Roque; Cerrito"
    for vacio in (None, "", ()):
        assert valor_para_hoja(varias, vacio) is None


# ---------------------------------------------------------------------------------------------- encabezados


def test_parecido_de_encabezados():
    actores = Comparador(esquema_de("actores"))
    formas = actores.formas
    assert parecido("INTERÉS", formas["interes"]) == 1.0
    assert parecido("Poder", formas["influencia"]) == 1.0
    assert parecido("Stakeholders", formas["nombre"]) == 1.0  # plural
    assert parecido("Actitud actual", formas["postura"]) == 1.0
    assert parecido("Rol / Relación", formas["rol"]) == 0.8  # starts with «Rol»
    assert parecido("Nivel de poder del actor", formas["influencia"]) == 0.6  # contains «poder»
    assert parecido("Probabilidad", formas["influencia"]) == 0.0
    assert parecido("", formas["nombre"]) == 0.0


def test_la_fila_de_encabezados_bajo_un_titulo_combinado():
    comparador = Comparador(esquema_de("actores"))
    filas = [
        (None, None, None, None),
        ("Matriz de actores del barrio", None, None, None),  # a title merged over A2:D2
        (None, None, None, None),
        ("Actor", "Poder", "Interés", "Postura"),
        ("Comisión Vecinal", "Alto", "Medio", "A favor"),
    ]
    c = mejor_de_hoja(comparador, "Hoja1", filas)
    assert c.fila == 4 and c.aceptable
    assert c.mapeo == {0: "nombre", 1: "influencia", 2: "interes", 3: "postura"}


def test_encabezado_en_dos_filas_con_celdas_combinadas_en_vertical():
    comparador = Comparador(esquema_de("actores"))
    filas = [
        ("Nombre", "Contacto", None, "Observaciones"),  # A1:A2 and D1:D2 merged; «Contacto» over B1:C1
        (None, "Teléfono", "Correo", None),
        ("Junta de Saneamiento", "0981 000 000", "junta@ejemplo.py", ""),
    ]
    assert encabezados_de(filas, 1) == ["Nombre", "Teléfono", "Correo", "Observaciones"]
    c = mejor_de_hoja(comparador, "Hoja1", filas)
    assert c.fila == 2
    assert c.mapeo == {0: "nombre", 1: "telefono", 2: "correo", 3: "notas"}


def test_una_hoja_ajena_con_pocas_columnas_conocidas_no_es_aceptable():
    comparador = Comparador(esquema_de("actores"))
    # The required column missing.
    sin_nombre = comparador.candidato("H", 1, ["Tipo", "Cargo", "Riesgo", "Impacto"])
    assert not sin_nombre.aceptable and [c.campo for c in sin_nombre.faltan] == ["nombre"]
    # «Nombre» among dozens of unknown columns: not a table of actors.
    ancha = comparador.candidato("H", 1, ["Nombre", "Tipo"] + [f"Indicador {i}" for i in range(30)])
    assert not ancha.aceptable
    # A plain list of names is.
    assert comparador.candidato("H", 1, ["Nombre"]).aceptable


# ---------------------------------------------------------------------------------------------- celdas


def _leer(col: Columna, valor, escala=None):
    return Lector(col, escala).leer(valor)


def test_fechas_reales_y_escritas():
    col = Columna("Fecha", "fecha", "fecha")
    assert _leer(col, datetime(2026, 11, 21)) == date(2026, 11, 21)
    assert _leer(col, date(2026, 11, 21)) == date(2026, 11, 21)
    for texto in ("21/11/2026", "21-11-2026", "2026-11-21", " 21/11/26 "):
        assert _leer(col, texto) == date(2026, 11, 21)
    for malo in ("31/02/2026", "mañana", 2026, True):
        with pytest.raises(ValueError, match="fecha"):
            _leer(col, malo)


def test_guaranies_como_numero_o_texto():
    col = Columna("Costo", "costo", "guaranies")
    for valor in (1500000, 1500000.0, "1.500.000", "₲ 1.500.000", "Gs. 1.500.000", "gs 1500000", "1500000"):
        assert _leer(col, valor) == 1500000
    assert _leer(col, 1500000.0000001) == 1500000  # float noise of a formula
    with pytest.raises(ValueError, match="decimales"):
        _leer(col, 1500.5)
    with pytest.raises(ValueError):
        _leer(col, "mil quinientos")


def test_enteros_decimales_y_escala():
    entero = Columna("Cupos", "cupos", "entero")
    assert _leer(entero, 30) == 30 and _leer(entero, 30.0) == 30 and _leer(entero, "1.200") == 1200
    with pytest.raises(ValueError, match="entero"):
        _leer(entero, 2.5)
    decimal = Columna("Tasa", "tasa", "decimal")
    assert _leer(decimal, "1.234,5") == Decimal("1234.5") and _leer(decimal, 0.25) == Decimal("0.25")
    escala = Columna("Interés", "interes", "entero", escala=True)
    tres = escala_de(["Alto", "medio", "BAJO"])
    assert [_leer(escala, v, tres) for v in ("Alto", "Media", "baja", 2, "4")] == [5, 3, 1, 2, 4]
    cinco = escala_de(["Muy Alta", "Alta", "Media"])
    assert [_leer(escala, v, cinco) for v in ("Muy alta", "Alta", "Media", "Baja", "Muy baja")] == [5, 4, 3, 2, 1]
    with pytest.raises(ValueError, match="escala"):
        _leer(escala, "Crítico", cinco)


def test_opciones_sin_importar_tildes_ni_mayusculas():
    col = Columna("Origen", "origen", "opcion", opciones=OPCIONES, valores={"gobierno nacional": "nacional"})
    lector = Lector(col)
    for texto in ("Municipal", "municipal", "MUNICIPAL", " municipal "):
        assert lector.leer(texto) == "municipal"
    assert lector.leer("cooperacion") == lector.leer("COOPERACIÓN") == "cooperacion"
    assert lector.leer("Primera infancia") == "primera_infancia"  # without the age range
    assert lector.leer("Gobierno Nacional") == "nacional"
    assert lector.traducidos == {"Gobierno Nacional": "Nacional"}  # only what was not an option as written
    with pytest.raises(ValueError, match="Elija entre: Municipal, Nacional, Cooperación"):
        lector.leer("Privado")
    varias = Lector(Columna("Grupos", "grupos", "opciones", opciones=OPCIONES))
    assert varias.leer("Municipal; nacional;\nMunicipal") == ("municipal", "nacional")


def test_booleanos_textos_referencias_y_errores_de_formula():
    si_no = Columna("Todo el distrito", "cobertura", "booleano")
    assert [_leer(si_no, v) for v in ("Sí", "si", "NO", True, 0)] == [True, True, False, True, False]
    with pytest.raises(ValueError, match="Sí ni No"):
        _leer(si_no, "quizás")
    texto = Columna("Teléfono", "telefono")
    assert _leer(texto, 981123456) == "981123456" and _leer(texto, "  021 000  ") == "021 000"
    assert _leer(texto, "=HIPERVINCULO(\"x\")") == "=HIPERVINCULO(\"x\")"  # text, never evaluated
    varios = Columna("Territorios", "t", "referencia", referencia="territorio", multiple=True)
    assert _leer(varios, "San Roque; Cerrito; San Roque") == ("San Roque", "Cerrito")
    for error in ("#N/A", "#REF!", "#DIV/0!"):
        with pytest.raises(ValueError, match="error"):
            _leer(texto, error)


def test_la_consola_ofrece_las_mismas_tablas_que_los_esquemas():
    from nucleo import cli
    from nucleo.exportar.excel.esquemas import TABLAS

    assert set(cli.TABLAS) == set(TABLAS)
