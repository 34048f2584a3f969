"""Tamaños de archivo como los lee una persona (lista de documentos de evidencia)."""

from __future__ import annotations

import pytest

from nucleo.formato import tamano_legible

KB = 1024
MB = 1024 * KB
GB = 1024 * MB


def test_sin_tamano_no_muestra_nada():
    assert tamano_legible(None) == ""


@pytest.mark.parametrize(("n", "texto"), [
    (0, "0 bytes"),
    (1, "1 byte"),
    (2, "2 bytes"),
    (850, "850 bytes"),
    (1023, "1.023 bytes"),  # es_PY groups thousands with a dot
])
def test_bytes_en_singular_y_plural(n, texto):
    assert tamano_legible(n) == texto


@pytest.mark.parametrize(("n", "texto"), [
    (KB, "1 KB"),  # never "1,0 KB"
    (12_595, "12,3 KB"),
    (int(4.1 * MB), "4,1 MB"),
    (int(99.94 * KB), "99,9 KB"),
    (int(1.5 * GB), "1,5 GB"),
])
def test_un_decimal_con_coma_por_debajo_de_100(n, texto):
    assert tamano_legible(n) == texto


@pytest.mark.parametrize(("n", "texto"), [
    (100 * KB, "100 KB"),
    (int(123.6 * KB), "124 KB"),
    (300 * MB, "300 MB"),
    (1023 * MB, "1.023 MB"),
    (2048 * GB, "2.048 GB"),  # the largest unit keeps growing, with the thousands separator
])
def test_sin_decimales_desde_100(n, texto):
    assert tamano_legible(n) == texto
