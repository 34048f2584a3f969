"""Indicadores en Excel: lo exportado vuelve igual (con sus mediciones) y una planilla con errores los dice."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from nucleo.exportar.excel import esquema_de, exportar_excel
from nucleo.importar import importar_archivo
from nucleo.modelo import PlanAccion, Resultado, Territorio
from nucleo.servicios.demo import crear_demo
from nucleo.servicios.indicadores import DatosIndicador, DatosMedicion, agregar_medicion, crear_indicador

HOY = date(2026, 11, 18)


def _plan(exp, estado: str = "borrador") -> tuple[int, dict[str, int]]:
    """Solo un plan en el expediente (el de Compañía Cerrito, con R1 y R2), sea cual sea la demo."""
    with exp.transaccion() as s:
        s.execute(PlanAccion.__table__.delete())  # the demo may carry its own plan: keep the comparison exact
        mid = exp.municipio_id
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        p = PlanAccion(municipio_id=mid, territorio_id=tid, titulo="Plan Cerrito", estado=estado,
                       inicio=date(2026, 3, 2))
        s.add(p)
        s.flush()
        ids = {}
        for n, codigo in enumerate(("R1", "R2"), start=1):
            r = Resultado(municipio_id=mid, plan_id=p.id, codigo=codigo, descripcion=f"Resultado {n}", orden=n)
            s.add(r)
            s.flush()
            ids[codigo] = r.id
        return p.id, ids


def _filas(exp) -> list[dict]:
    with exp.sesion() as s:
        return [dict(f) for f in esquema_de("indicadores").filas(s, exp.municipio_id)]


def test_ida_y_vuelta_con_mediciones(expediente_demo, tmp_path):
    origen = expediente_demo
    _p, r = _plan(origen)
    mid = origen.municipio_id
    with origen.transaccion() as s:
        a = crear_indicador(s, mid, DatosIndicador(
            r["R1"], "producto", "Hogares con agua segura", "hogares", "Relevamiento; planilla (USF)", "aumentar",
            40, date(2026, 3, 1), 240.5, date(2027, 6, 30)))
        agregar_medicion(s, a, DatosMedicion(date(2026, 6, 30), 90.25, "USF; censo (parcial)"), HOY)
        agregar_medicion(s, a, DatosMedicion(date(2026, 9, 30), 1400), HOY)
        crear_indicador(s, mid, DatosIndicador(r["R2"], "evaluacion", "Casos de dengue", "casos", "", "disminuir",
                                               30, date(2026, 3, 1), 5, date(2027, 3, 1)))
        crear_indicador(s, mid, DatosIndicador(r["R2"], "normativo", "=Ordenanza sancionada", "", "", "aumentar",
                                               None, None, 1, date(2027, 3, 1)))
    archivo = tmp_path / "indicadores.xlsx"
    with origen.sesion() as s:
        assert exportar_excel(s, mid, esquema_de("indicadores"), archivo).filas == 3
    hoja = load_workbook(archivo, read_only=True)["Indicadores"]
    encabezado, primera = list(hoja.iter_rows(min_row=1, max_row=2, values_only=True))
    assert encabezado[:4] == ("Territorio", "Resultado", "Tipo", "Indicador")
    assert primera[1:4] == ("R1", "De producto", "Hogares con agua segura")
    assert primera[-1] == "30/06/2026: 90,25 (USF, censo parcial); 30/09/2026: 1.400"

    destino = crear_demo(tmp_path / "Destino.articula", HOY)
    try:
        _plan(destino)
        _lectura, resultado = importar_archivo(destino, archivo, "indicadores")
        assert resultado.ok and resultado.creados == 3, resultado.problemas
        assert _filas(destino) == _filas(origen)
    finally:
        destino.cerrar()


def test_planilla_con_errores_dice_fila_y_motivo(expediente_demo, tmp_path):
    exp = expediente_demo
    _plan(exp)
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Territorio", "Resultado", "Indicador", "Sentido", "Línea de base", "Fecha de la base", "Meta",
                 "Fecha de la meta", "Mediciones"])
    hoja.append(["Compañía Cerrito", "R9", "Kilómetros de camino", "Aumentar", 0, date(2026, 3, 1), 6,
                 date(2027, 3, 1), None])
    hoja.append(["Barrio Industrial", "R1", "Algo", "Aumentar", 0, date(2026, 3, 1), 6, date(2027, 3, 1), None])
    hoja.append(["Compañía Cerrito", "r1", "Casos", "Disminuir", 10, date(2026, 3, 1), 20, date(2027, 3, 1), None])
    hoja.append(["Compañía Cerrito", "R1", "Hogares", "Aumentar", 10, date(2026, 3, 1), 20, date(2027, 3, 1),
                 "30/06/2026: doce"])
    hoja.append(["Compañía Cerrito", "R1", "Bien", "Subir", 10, date(2026, 3, 1), 20, date(2027, 3, 1),
                 "30/06/2026: 12 (USF); 30/09/2026: 15"])
    archivo = tmp_path / "ajena.xlsx"
    libro.save(archivo)
    _lectura, r = importar_archivo(exp, archivo, "indicadores")
    assert not r.ok
    mensajes = [str(p) for p in r.problemas]
    assert any("fila 2" in m and "no tiene el resultado «R9» (tiene: R1, R2)" in m for m in mensajes), mensajes
    assert any("fila 3" in m and "«Barrio Industrial» todavía no tiene Plan de Acción" in m for m in mensajes)
    assert any("fila 4" in m and "debe ser menor que la línea de base" in m for m in mensajes), mensajes
    assert any("fila 5" in m and "«doce» no es un número válido" in m for m in mensajes), mensajes
    assert not any("fila 6" in m for m in mensajes), mensajes  # «Subir» is read as Aumentar, the code as R1


def test_plan_sancionado_no_recibe_indicadores(expediente_demo, tmp_path):
    exp = expediente_demo
    _plan(exp, estado="sancionado")
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Territorio", "Resultado", "Indicador", "Meta", "Fecha de la meta"])
    hoja.append(["Compañía Cerrito", "R1", "Hogares", 20, date(2027, 3, 1)])
    archivo = tmp_path / "sancionado.xlsx"
    libro.save(archivo)
    _lectura, r = importar_archivo(exp, archivo, "indicadores")
    assert not r.ok and "ya no se modifica" in r.problemas[0].mensaje
