"""Impreso del cronograma: tabla de actividades al lado del Gantt, hoja por hoja, y la ruta crítica al final."""

from __future__ import annotations

import re
import tracemalloc
from datetime import date

from sqlalchemy import insert, select

from nucleo.exportar.pdf.cronograma import (
    MEDIDAS,
    DatosCronograma,
    DiagramaGantt,
    etiqueta_trimestre,
    nombre_mes,
)
from nucleo.exportar.pdf.documentos import exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Territorio
from nucleo.modelo.plan import Actividad, Dependencia

HOY = date(2026, 11, 18)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def _imprimir(exp, pid, destino, vista=None):
    with exp.sesion() as s:
        return exportar_pdf("cronograma", s, exp.municipio_id, destino, vista, HOY, id=pid)


def _plan(exp, titulo: str, inicio: date) -> int:
    from nucleo.servicios import plan as pl

    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        return pl.crear_plan(s, exp.municipio_id, tid, pl.DatosPlan(titulo=titulo, inicio=inicio))


def test_escala_en_castellano():
    assert nombre_mes(date(2027, 1, 5)) == "Ene" and nombre_mes(date(2027, 9, 1)) == "Sept"
    assert etiqueta_trimestre(date(2027, 8, 1)) == "T3 2027"


def test_el_cronograma_de_un_plan_en_a4_y_a3(expediente_demo, tmp_path):
    from nucleo.servicios import actividades as act

    pid = _plan(expediente_demo, "Plan de Acción Compañía Cerrito", date(2027, 2, 1))
    with expediente_demo.transaccion() as s:
        g = act.crear_actividad(s, pid, act.DatosActividad(nombre="Agua segura"))
        a = act.crear_actividad(s, pid, act.DatosActividad(nombre="Censo de familias sin agua", padre_id=g,
                                                           duracion=5))
        b = act.crear_actividad(s, pid, act.DatosActividad(
            nombre="Entrega de tanques en Ñu Guasu", padre_id=g, duracion=20, lado="servicio_publico",
            predecesoras=(act.DatosVinculo(a, "FC", 2),)))
        act.crear_actividad(s, pid, act.DatosActividad(nombre="Tanques entregados", padre_id=g, duracion=0,
                                                       hito=True, predecesoras=(act.DatosVinculo(b),)))
        act.crear_actividad(s, pid, act.DatosActividad(nombre="Minga de limpieza", duracion=3,
                                                       predecesoras=(act.DatosVinculo(a, "CC", 1),)))
        act.guardar_linea_base(s, pid)
    a4 = _imprimir(expediente_demo, pid, tmp_path / "a4.pdf")
    a3 = _imprimir(expediente_demo, pid, tmp_path / "a3.pdf", "a3")
    assert re.search(rb"/MediaBox \[ 0 0 841\.8\d* 595\.27\d* \]", a4.read_bytes())  # A4 landscape
    assert re.search(rb"/MediaBox \[ 0 0 1190\.5\d* 841\.8\d* \]", a3.read_bytes())  # A3 landscape
    for ruta in (a4, a3):
        paginas = texto_de_pdf(ruta)
        assert len(paginas) == 1
        texto = _plano(paginas[0])
        assert "Cronograma: Plan de Acción Compañía Cerrito" in texto and "BORRADOR" in texto
        assert "Entrega de tanques en Ñu Guasu" in texto and "◆ Tanques entregados" in texto
        assert "Feb" in texto and "T1 2027" in texto  # the time scale
        for rotulo in ("Ruta crítica", "Línea base", "Hito", "Dependencia", "Hoy (18/11/2026)"):
            assert rotulo in texto  # the legend, and the final table
        assert "5 actividades" not in texto and "4 actividades" in texto  # detail activities, milestone included
        assert "Huella SHA-256 del contenido" in texto


def test_un_plan_sin_actividades(expediente_demo, tmp_path):
    pid = _plan(expediente_demo, "Plan vacío", date(2027, 2, 1))
    texto = _plano(" ".join(texto_de_pdf(_imprimir(expediente_demo, pid, tmp_path / "c.pdf"))))
    assert "El plan todavía no tiene actividades" in texto


def test_dos_mil_actividades_hoja_por_hoja(expediente_demo, tmp_path):
    """Un plan grande: cien grupos de veinte actividades encadenadas; cada hoja repite el encabezado."""
    from nucleo.servicios.actividades import reprogramar

    pid = _plan(expediente_demo, "Plan grande", date(2027, 2, 1))
    mid = expediente_demo.municipio_id
    with expediente_demo.transaccion() as s:
        # Rows straight into the tables (the services reschedule on every write: 2,000 times would be slow),
        # then one reprogramar() computes every date.
        for g in range(100):
            gid = s.execute(insert(Actividad).values(municipio_id=mid, plan_id=pid, orden=g + 1,
                                                     nombre=f"Grupo {g + 1}", duracion=1)).inserted_primary_key[0]
            anterior = None
            for k in range(19):
                aid = s.execute(insert(Actividad).values(
                    municipio_id=mid, plan_id=pid, padre_id=gid, orden=k + 1, nombre=f"Tarea {g + 1}.{k + 1} ñandutí",
                    duracion=0 if k == 18 else 1 + (k * 7 + g) % 15, hito=k == 18)).inserted_primary_key[0]
                if anterior is not None:
                    s.execute(insert(Dependencia).values(municipio_id=mid, predecesora_id=anterior, sucesora_id=aid,
                                                         tipo="FC", desfase=0))
                anterior = aid
        reprogramar(s, pid)
    tracemalloc.start()
    try:
        ruta = _imprimir(expediente_demo, pid, tmp_path / "grande.pdf")
        _actual, pico = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pico < 200 * 2**20  # one sheet at a time, not the whole drawing
    paginas = texto_de_pdf(ruta)
    por_hoja = int((595.27 - 2 * 14 * 72 / 25.4) // MEDIDAS["a4"].alto_fila)
    assert 2000 // por_hoja <= len(paginas) <= 150
    # Every sheet of the diagram repeats the header; the last rows and the critical path are there.
    for hoja in paginas[:40]:
        assert "Código" in hoja and "Actividad" in hoja and "Dependencia" in hoja
    texto = _plano(" ".join(paginas))
    assert "Tarea 100.18 ñandutí" in texto and "Ruta crítica" in texto


def test_el_diagrama_se_parte_sin_copiar_filas():
    class Fila:
        def __init__(self, i):
            self.id, self.codigo, self.nivel, self.es_resumen, self.nombre = i, str(i), 0, False, f"A{i}"
            self.hito, self.critica, self.avance, self.duracion, self.predecesoras = False, False, 0, 1, ()
            self.inicio = self.fin = date(2027, 2, 1)
            self.base_inicio = self.base_fin = None

    filas = [Fila(i) for i in range(100)]
    d = DiagramaGantt(DatosCronograma(filas, HOY, MEDIDAS["a4"]))
    d.wrap(760, 400)
    partes = d.split(760, 400)
    assert len(partes) == 2 and partes[0].desde == 0 and partes[1].desde == partes[0].hasta
    assert partes[0].datos is partes[1].datos and partes[1].hasta == 100
    assert d.split(760, 40) == []  # not even a few rows: the diagram starts on the next sheet
