import random
from datetime import date, datetime, timedelta

import pytest

from nucleo import calendario as c
from nucleo.calendario import (
    AL_DIA,
    CUMPLIDA,
    ETIQUETAS_SEMAFORO,
    POR_VENCER,
    SIN_FECHA,
    VENCIDA,
    Calendario,
    semaforo,
)

# Semana Santa 2026: Jueves Santo 2 April, Viernes Santo 3 April, Easter Sunday 5 April.
MIE_1_ABR = date(2026, 4, 1)


@pytest.fixture
def cal():
    return Calendario()


class TestFeriados2026:
    def test_los_14_feriados(self, cal):
        assert sorted(cal.feriados(2026)) == [
            date(2026, 1, 1),
            date(2026, 3, 1),
            date(2026, 4, 2),
            date(2026, 4, 3),
            date(2026, 4, 5),
            date(2026, 5, 1),
            date(2026, 5, 14),
            date(2026, 5, 15),
            date(2026, 6, 12),
            date(2026, 6, 22),  # Jura de la Constitución (20 June, a Saturday) moved to Monday
            date(2026, 8, 15),
            date(2026, 9, 29),
            date(2026, 12, 8),
            date(2026, 12, 25),
        ]

    def test_nombres_en_espanol_aunque_el_entorno_este_en_ingles(self, monkeypatch):
        monkeypatch.setenv("LANG", "C.UTF-8")
        monkeypatch.setenv("LC_ALL", "C.UTF-8")
        monkeypatch.setenv("LANGUAGE", "en")
        c._feriados_del_anio.cache_clear()  # force a fresh load under this environment
        try:
            feriados = Calendario().feriados(2026)
        finally:
            c._feriados_del_anio.cache_clear()
        assert feriados[date(2026, 4, 2)] == "Jueves Santo"
        assert feriados[date(2026, 4, 3)] == "Viernes Santo"
        assert feriados[date(2026, 1, 1)] == "Año Nuevo"
        assert feriados[date(2026, 12, 25)] == "Día de la Navidad"
        assert "Constitución" in feriados[date(2026, 6, 22)]

    def test_feriados_devuelve_una_copia(self, cal):
        cal.feriados(2026).clear()
        assert len(cal.feriados(2026)) == 14
        assert not cal.es_habil(date(2026, 4, 2))


class TestEsHabil:
    def test_dias(self, cal):
        assert cal.es_habil(MIE_1_ABR)
        assert not cal.es_habil(date(2026, 4, 2))  # Jueves Santo
        assert not cal.es_habil(date(2026, 4, 4))  # Saturday
        assert not cal.es_habil(date(2026, 6, 22))  # moved holiday
        assert cal.es_habil(date(2026, 6, 19))
        assert not cal.es_habil(datetime(2026, 4, 3, 10, 30))

    def test_motivo(self, cal):
        assert cal.motivo(MIE_1_ABR) is None
        assert cal.motivo(date(2026, 4, 2)) == "Jueves Santo"
        assert cal.motivo(date(2026, 4, 4)) == "Sábado"
        assert cal.motivo(date(2026, 4, 12)) == "Domingo"
        # A holiday on a weekend is named after the holiday.
        assert cal.motivo(date(2026, 4, 5)) == "Domingo de Resurrección"
        assert cal.motivo(datetime(2026, 4, 3, 8)) == "Viernes Santo"

    def test_dia_no_laborable_del_usuario(self):
        fiesta = date(2026, 7, 7)  # a Tuesday
        cal = Calendario({fiesta: "Fiesta patronal"})
        assert not cal.es_habil(fiesta)
        assert cal.motivo(fiesta) == "Fiesta patronal"
        # Mon 6 July + 2 working days skips the feast day.
        assert cal.sumar_dias_habiles(date(2026, 7, 6), 2) == date(2026, 7, 8)
        assert Calendario().sumar_dias_habiles(date(2026, 7, 6), 2) == fiesta

    def test_no_laborables_como_lista_de_fechas(self):
        cal = Calendario([date(2026, 7, 7)])
        assert not cal.es_habil(date(2026, 7, 7))
        assert cal.motivo(date(2026, 7, 7)) == "Día no laborable"

    def test_descripcion_vacia(self):
        assert Calendario({date(2026, 7, 7): "  "}).motivo(date(2026, 7, 7)) == "Día no laborable"

    def test_feriado_trasladado_por_decreto(self):
        # The user moves the 22 June holiday to Friday 19 June.
        cal = Calendario(
            {date(2026, 6, 19): "Jura de la Constitución (trasladado)"}, laborables=[date(2026, 6, 22)]
        )
        assert cal.es_habil(date(2026, 6, 22))
        assert cal.motivo(date(2026, 6, 22)) is None
        assert not cal.es_habil(date(2026, 6, 19))
        assert cal.sumar_dias_habiles(date(2026, 6, 18), 2) == date(2026, 6, 22)
        # feriados() stays the package's list.
        assert date(2026, 6, 22) in cal.feriados(2026)

    def test_laborable_no_vuelve_habil_un_fin_de_semana(self):
        cal = Calendario(laborables=[date(2026, 8, 15)])  # Fundación de Asunción, a Saturday
        assert not cal.es_habil(date(2026, 8, 15))
        assert cal.motivo(date(2026, 8, 15)) == "Sábado"


class TestAritmetica:
    def test_semana_santa(self, cal):
        # Wed 1 = day 1; Thu 2 and Fri 3 holidays; weekend; Mon 6 = day 2; Tue 7 = day 3.
        assert cal.sumar_dias_habiles(MIE_1_ABR, 3) == date(2026, 4, 7)
        assert cal.sumar_dias_habiles(MIE_1_ABR, 1) == MIE_1_ABR
        assert cal.sumar_dias_habiles(MIE_1_ABR, 2) == date(2026, 4, 6)

    def test_inicio_no_habil_empieza_el_siguiente_habil(self, cal):
        assert cal.sumar_dias_habiles(date(2026, 4, 2), 1) == date(2026, 4, 6)
        assert cal.sumar_dias_habiles(date(2026, 4, 4), 5) == date(2026, 4, 10)

    def test_cruza_el_anio(self, cal):
        # Thu 31 Dec 2026 = day 1; Fri 1 Jan 2027 is Año Nuevo; Mon 4 Jan = day 2.
        assert cal.sumar_dias_habiles(date(2026, 12, 31), 2) == date(2027, 1, 4)

    def test_duracion_invalida(self, cal):
        for n in (0, -3):
            with pytest.raises(ValueError):
                cal.sumar_dias_habiles(MIE_1_ABR, n)

    def test_siguiente_habil(self, cal):
        assert cal.siguiente_habil(MIE_1_ABR) == MIE_1_ABR
        assert cal.siguiente_habil(date(2026, 4, 2)) == date(2026, 4, 6)
        assert cal.siguiente_habil(date(2026, 12, 31)) == date(2026, 12, 31)
        assert cal.dia_habil_siguiente(MIE_1_ABR) == date(2026, 4, 6)
        assert cal.dia_habil_siguiente(date(2026, 12, 31)) == date(2027, 1, 4)

    def test_dias_habiles_entre(self, cal):
        assert cal.dias_habiles_entre(MIE_1_ABR, date(2026, 4, 7)) == 2  # Mon 6, Tue 7
        assert cal.dias_habiles_entre(date(2026, 3, 31), date(2026, 4, 10)) == 6
        assert cal.dias_habiles_entre(date(2026, 4, 24), date(2026, 4, 27)) == 1  # Fri -> Mon
        assert cal.dias_habiles_entre(MIE_1_ABR, MIE_1_ABR) == 0
        assert cal.dias_habiles_entre(date(2026, 4, 7), MIE_1_ABR) == 0
        # 2026: 365 days - 104 weekend days - 11 holidays on weekdays = 250.
        assert cal.dias_habiles_entre(date(2025, 12, 31), date(2026, 12, 31)) == 250

    def test_coincide_con_contar_dia_por_dia(self):
        cal = Calendario({date(2026, 7, 7): "Fiesta patronal"}, laborables=[date(2026, 5, 14)])
        azar = random.Random(7)
        for _ in range(300):
            inicio = date(2025, 6, 1) + timedelta(days=azar.randrange(900))
            n = azar.randint(1, 60)
            d = inicio
            while not cal.es_habil(d):
                d += timedelta(days=1)
            contados = 1
            while contados < n:
                d += timedelta(days=1)
                contados += cal.es_habil(d)
            assert cal.sumar_dias_habiles(inicio, n) == d
            assert cal.dias_habiles_entre(inicio, d) == n - (1 if cal.es_habil(inicio) else 0)


class TestSemaforo:
    def test_etiquetas(self):
        assert ETIQUETAS_SEMAFORO == {
            AL_DIA: "Al día",
            POR_VENCER: "Por vencer",
            VENCIDA: "Vencida",
            CUMPLIDA: "Cumplida",
            SIN_FECHA: "Sin fecha",
        }
        assert (AL_DIA, POR_VENCER, VENCIDA, CUMPLIDA, SIN_FECHA) == (
            "al_dia",
            "por_vencer",
            "vencida",
            "cumplida",
            "sin_fecha",
        )

    def test_cumplida_y_sin_fecha(self, cal):
        assert semaforo(date(2020, 1, 1), True, MIE_1_ABR, cal) == CUMPLIDA
        assert semaforo(None, True, MIE_1_ABR, cal) == CUMPLIDA
        assert semaforo(None, False, MIE_1_ABR, cal) == SIN_FECHA

    def test_vencida(self, cal):
        assert semaforo(date(2026, 4, 24), False, date(2026, 4, 25), cal) == VENCIDA  # Fri deadline, seen Sat

    def test_vence_hoy_esta_por_vencer(self, cal):
        assert semaforo(MIE_1_ABR, False, MIE_1_ABR, cal) == POR_VENCER
        assert semaforo(date(2026, 4, 26), False, date(2026, 4, 26), cal) == POR_VENCER  # a Sunday

    def test_bordes_de_fin_de_semana(self, cal):
        vie = date(2026, 4, 24)
        assert semaforo(date(2026, 4, 27), False, vie, cal) == POR_VENCER  # Mon: 1 working day
        assert semaforo(date(2026, 4, 28), False, vie, cal) == POR_VENCER  # Tue: 2
        assert semaforo(date(2026, 4, 29), False, vie, cal) == AL_DIA  # Wed: 3
        sab = date(2026, 4, 25)
        assert semaforo(date(2026, 4, 28), False, sab, cal) == POR_VENCER
        assert semaforo(date(2026, 4, 29), False, sab, cal) == AL_DIA
        # Deadline on a Saturday, seen on Thursday: only Friday is left.
        assert semaforo(date(2026, 4, 25), False, date(2026, 4, 23), cal) == POR_VENCER
        assert semaforo(date(2026, 5, 9), False, date(2026, 5, 6), cal) == POR_VENCER  # Wed: Thu, Fri left
        assert semaforo(date(2026, 5, 9), False, date(2026, 5, 5), cal) == AL_DIA  # Tue: Wed, Thu, Fri left

    def test_semana_santa_alarga_el_plazo_real(self, cal):
        # Six calendar days but only two working days (Mon 6, Tue 7).
        assert semaforo(date(2026, 4, 7), False, MIE_1_ABR, cal) == POR_VENCER
        assert semaforo(date(2026, 4, 8), False, MIE_1_ABR, cal) == AL_DIA
        assert semaforo(date(2026, 4, 8), False, date(2026, 3, 25), cal) == AL_DIA


def test_habil_anterior_salta_semana_santa_y_fines_de_semana():
    cal = Calendario()
    # From Tuesday 7 April 2026, one working day back is Wednesday 1 April (2-3 April are holy days, 4-5 weekend).
    assert cal.habil_anterior(date(2026, 4, 7)) == date(2026, 4, 6)
    assert cal.habil_anterior(date(2026, 4, 6)) == date(2026, 4, 1)
    assert cal.habil_anterior(date(2026, 4, 7), 3) == date(2026, 3, 31)
    assert cal.sumar_dias_habiles(cal.habil_anterior(date(2026, 4, 7), 3), 4) == date(2026, 4, 7)


def test_desplazar_y_distancia_cuentan_dias_habiles_en_los_dos_sentidos():
    cal = Calendario()
    # Jueves 24/12/2026: el 25 es Navidad y luego fin de semana.
    assert cal.desplazar(date(2026, 12, 24), 1) == date(2026, 12, 28)
    # Un feriado o un domingo se lleva al próximo día hábil antes de contar.
    assert cal.desplazar(date(2027, 1, 1), 0) == date(2027, 1, 4)
    assert cal.desplazar(date(2027, 1, 4), -1) == date(2026, 12, 31)
    # Hacia atrás más allá del año cubierto (un desfase negativo largo).
    lejos = cal.desplazar(date(2027, 1, 4), -600)
    assert lejos.year == 2024 and cal.es_habil(lejos)
    assert cal.distancia(date(2027, 1, 4), lejos) == -600
    assert cal.distancia(date(2026, 12, 24), date(2026, 12, 28)) == 1
