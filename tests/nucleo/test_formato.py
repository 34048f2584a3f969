from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from nucleo import formato as f


class TestFechas:
    def test_fecha_corta_con_ceros_y_cuatro_cifras(self):
        assert f.fecha(date(2026, 11, 21)) == "21/11/2026"
        assert f.fecha(date(2026, 1, 5)) == "05/01/2026"
        assert f.fecha(date(5, 1, 2)) == "02/01/0005"

    def test_fecha_acepta_datetime_y_none(self):
        assert f.fecha(datetime(2026, 11, 21, 23, 59)) == "21/11/2026"
        assert f.fecha(None) == ""
        assert f.fecha_larga(None) == f.fecha_completa(None) == f.fecha_hora(None) == ""

    def test_fecha_larga_y_completa(self):
        assert f.fecha_larga(date(2026, 11, 21)) == "21 de noviembre de 2026"
        assert f.fecha_completa(date(2026, 11, 21)) == "sábado, 21 de noviembre de 2026"
        assert f.fecha_completa(date(2026, 4, 2)) == "jueves, 2 de abril de 2026"

    def test_fecha_hora(self):
        assert f.fecha_hora(datetime(2026, 11, 21, 14, 5)) == "21/11/2026 14:05"
        assert f.fecha_hora(datetime(2026, 1, 2, 3, 4, 59)) == "02/01/2026 03:04"

    def test_fecha_hora_con_zona_muestra_su_hora_sin_convertir(self):
        dt = datetime(2026, 11, 21, 14, 5, tzinfo=timezone(timedelta(hours=-3)))
        assert f.fecha_hora(dt) == "21/11/2026 14:05"

    def test_fecha_hora_de_una_fecha_sin_hora(self):
        assert f.fecha_hora(date(2026, 11, 21)) == "21/11/2026"


class TestNumeros:
    def test_entero(self):
        assert f.entero(1500000) == "1.500.000"
        assert f.entero(999) == "999"
        assert f.entero(-1234) == "-1.234"
        assert f.entero(2.5) == "3"  # half up, not Babel's half to even
        assert f.entero(-0.4) == "0"
        assert f.entero(None) == ""

    def test_numero_sin_decimales_fijos(self):
        assert f.numero(1234567.5) == "1.234.567,5"
        assert f.numero(1500) == "1.500"
        assert f.numero(1 / 3) == "0,333"
        assert f.numero(Decimal("12345678901234567890.5")) == "12.345.678.901.234.567.890,5"

    def test_numero_con_decimales_fijos(self):
        assert f.numero(1234.5, 2) == "1.234,50"
        assert f.numero(1234.5, 0) == "1.235"
        assert f.numero(0.125, 2) == "0,13"
        assert f.numero(-0.001, 2) == "0,00"  # never "-0,00"
        with pytest.raises(ValueError):
            f.numero(1, -1)

    def test_guaranies(self):
        assert f.guaranies(1500000) == "₲ 1.500.000"
        assert f.guaranies(0) == "₲ 0"
        assert f.guaranies(Decimal("1500000.49")) == "₲ 1.500.000"
        assert f.guaranies(2500.5) == "₲ 2.501"
        assert f.guaranies(None) == ""

    def test_guaranies_negativos_como_el_patron_es_py(self):
        # CLDR es_PY: "¤ -#,##0.00" -> the sign goes after the currency symbol.
        assert f.guaranies(-1500) == "₲ -1.500"
        assert f.guaranies(-0.4) == "₲ 0"

    def test_porcentaje_sin_espacio_como_babel_es_py(self):
        assert f.porcentaje(0.75) == "75%"
        assert f.porcentaje(1.5) == "150%"
        assert f.porcentaje(0.755, 1) == "75,5%"
        assert f.porcentaje(0.125, 1) == "12,5%"
        assert f.porcentaje(0.12345, 2) == "12,35%"
        assert f.porcentaje(-0.001) == "0%"
        assert f.porcentaje(None) == ""

    def test_valores_no_finitos(self):
        with pytest.raises(ValueError):
            f.guaranies(float("nan"))


class TestLectura:
    @pytest.mark.parametrize(
        ("texto", "esperado"),
        [
            ("1.234.567,5", Decimal("1234567.5")),
            ("1234567,5", Decimal("1234567.5")),
            ("₲ 1.500.000", Decimal("1500000")),
            ("₲1.500.000", Decimal("1500000")),
            ("Gs. 1.500", Decimal("1500")),
            ("  1 500 000 ", Decimal("1500000")),
            ("1\u00a0500\u00a0000", Decimal("1500000")),
            ("-1.500", Decimal("-1500")),
            ("₲ -1.500", Decimal("-1500")),
            ("-₲ 1.500", Decimal("-1500")),
            ("0,5", Decimal("0.5")),
            (",5", Decimal("0.5")),
            ("1.500", Decimal("1500")),
            ("0", Decimal("0")),
        ],
    )
    def test_leer_numero(self, texto, esperado):
        assert f.leer_numero(texto) == esperado

    @pytest.mark.parametrize("texto", ["abc", "1.5", "12.50", "1.500.00", "1,2,3", "1-2", "--5", "₲"])
    def test_leer_numero_rechaza(self, texto):
        with pytest.raises(ValueError, match="no es un número válido"):
            f.leer_numero(texto)

    def test_mensaje_de_error_exacto(self):
        with pytest.raises(ValueError) as error:
            f.leer_numero("abc")
        assert str(error.value) == "«abc» no es un número válido. Escriba, por ejemplo, 1.500.000"

    def test_leer_numero_vacio(self):
        with pytest.raises(ValueError, match="Falta el número"):
            f.leer_numero("   ")

    @pytest.mark.parametrize(
        "valor", [Decimal("0"), Decimal("1234567.5"), Decimal("-1500"), Decimal("0.125")]
    )
    def test_ida_y_vuelta_numero(self, valor):
        assert f.leer_numero(f.numero(valor)) == valor

    @pytest.mark.parametrize("valor", [0, 999, 1500000, -1500, 12345678901])
    def test_ida_y_vuelta_guaranies_y_entero(self, valor):
        assert f.leer_numero(f.guaranies(valor)) == valor
        assert f.leer_entero(f.entero(valor)) == valor

    def test_leer_entero(self):
        assert f.leer_entero("1.500.000") == 1500000
        assert isinstance(f.leer_entero("12"), int)
        assert f.leer_entero("1.500,00") == 1500  # same value, pasted from a spreadsheet
        with pytest.raises(ValueError, match="no es un número entero"):
            f.leer_entero("1.500,5")
        with pytest.raises(ValueError, match="no es un número válido"):
            f.leer_entero("doce")

    @pytest.mark.parametrize(
        "texto", ["21/11/2026", "21-11-2026", "2026-11-21", "21/11/26", "21.11.2026", " 21 / 11 / 2026 "]
    )
    def test_leer_fecha(self, texto):
        assert f.leer_fecha(texto) == date(2026, 11, 21)

    def test_leer_fecha_sin_ceros_y_anio_de_dos_cifras(self):
        assert f.leer_fecha("1/4/2026") == date(2026, 4, 1)
        assert f.leer_fecha("15/03/85") == date(1985, 3, 15)
        assert f.leer_fecha("01/01/68") == date(2068, 1, 1)

    @pytest.mark.parametrize("texto", ["hoy", "2026/21/11x", "21/11-2026", "11/2026", "21112026"])
    def test_leer_fecha_rechaza_con_la_forma_esperada(self, texto):
        with pytest.raises(ValueError, match="dd/mm/aaaa"):
            f.leer_fecha(texto)

    def test_leer_fecha_inexistente_o_vacia(self):
        with pytest.raises(ValueError, match="no existe.*dd/mm/aaaa"):
            f.leer_fecha("31/02/2026")
        with pytest.raises(ValueError, match="Falta la fecha"):
            f.leer_fecha("")

    def test_ida_y_vuelta_fecha(self):
        d = date(2026, 1, 5)
        assert f.leer_fecha(f.fecha(d)) == d


class TestTitulo:
    @pytest.mark.parametrize(
        ("ine", "esperado"),
        [
            ("MARISCAL JOSÉ FÉLIX ESTIGARRIBIA", "Mariscal José Félix Estigarribia"),
            ("DR. J. EULOGIO ESTIGARRIBIA", "Dr. J. Eulogio Estigarribia"),
            ("SAN JUAN BAUTISTA DEL ÑEEMBUCÚ", "San Juan Bautista del Ñeembucú"),
            ("VILLA DEL ROSARIO", "Villa del Rosario"),
            ("JOSÉ A. FASSARDI", "José A. Fassardi"),
            ("TTE. 1RO. MANUEL IRALA FERNÁNDEZ", "Tte. 1ro. Manuel Irala Fernández"),
            ("TTE. 1° MANUEL IRALA FERNÁNDEZ", "Tte. 1° Manuel Irala Fernández"),
            ("CARAGUATAY", "Caraguatay"),
            ("LA PAZ", "La Paz"),
            ("ARROYOS Y ESTEROS", "Arroyos y Esteros"),
            ("SAN JOSÉ DE LOS ARROYOS", "San José de los Arroyos"),
            ("ITACURUBÍ DE LA CORDILLERA", "Itacurubí de la Cordillera"),
            ("25 DE DICIEMBRE", "25 de Diciembre"),
            ("R.I. 3 CORRALES", "R.I. 3 Corrales"),
            ("SAN PEDRO III", "San Pedro III"),
            ("JUAN E. O'LEARY", "Juan E. O'Leary"),
            ("AZOTE'Y", "Azote'y"),
            ("TEBICUARY-MÍ", "Tebicuary-Mí"),
            ("  VILLETA  ", "Villeta"),
            ("", ""),
        ],
    )
    def test_titulo(self, ine, esperado):
        assert f.titulo(ine) == esperado


def test_sin_tildes_quita_tildes_y_mayusculas():
    assert f.sin_tildes("Comunidad Yvy PORÃ Ñandutí") == "comunidad yvy pora nanduti"
    assert f.sin_tildes("Tekoporã g̃uahẽ") == "tekopora guahe"  # letters outside the fast table too
