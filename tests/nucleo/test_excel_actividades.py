"""Actividades y recursos en Excel: lo exportado vuelve igual (EDT, dependencias de los cuatro tipos, recursos,
avance) y una planilla con errores dice la fila y el motivo."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from nucleo.exportar.excel import esquema_de, exportar_excel
from nucleo.importar import importar_archivo
from nucleo.modelo import Actor, PlanAccion, Resultado, Territorio
from nucleo.predecesoras import Predecesora, leer_predecesoras, texto_predecesoras
from nucleo.servicios import actividades as act
from nucleo.servicios.actividades import DatosActividad, DatosRecurso
from nucleo.servicios.demo import crear_demo

HOY = date(2026, 11, 18)
INICIO = date(2026, 3, 2)


def _plan(exp, estado: str = "borrador") -> tuple[int, dict[str, int]]:
    """Solo un plan en el expediente: el de Compañía Cerrito, con R1 y R2 (el de la demo se quita)."""
    with exp.transaccion() as s:
        s.execute(PlanAccion.__table__.delete())
        mid = exp.municipio_id
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == "Compañía Cerrito"))
        p = PlanAccion(municipio_id=mid, territorio_id=tid, titulo="Plan Cerrito", estado=estado, inicio=INICIO)
        s.add(p)
        s.flush()
        ids = {}
        for n, codigo in enumerate(("R1", "R2"), start=1):
            r = Resultado(municipio_id=mid, plan_id=p.id, codigo=codigo, descripcion=f"Resultado {n}", orden=n)
            s.add(r)
            s.flush()
            ids[codigo] = r.id
        return p.id, ids


def _veinte(exp, plan_id: int, r: dict[str, int]) -> None:
    """20 actividades en 3 grupos (uno con un subgrupo), con FC/CC/FF/CF, desfases ±, hito, inicio fijo, recursos
    y avance."""
    with exp.transaccion() as s:
        actor = s.scalars(select(Actor.id).where(Actor.municipio_id == exp.municipio_id).order_by(Actor.id)).first()
        ids: dict[str, int] = {}

        def nueva(codigo: str, nombre: str, padre: str | None = None, **extra) -> int:
            d = DatosActividad(nombre=nombre, padre_id=ids.get(padre), **extra)
            ids[codigo] = act.crear_actividad(s, plan_id, d)
            return ids[codigo]

        nueva("1", "Organización")
        nueva("1.1", "Mesa territorial", "1", duracion=5, resultado_id=r["R1"], responsable_id=actor,
              condiciones="Acta firmada", medio_verificacion="Acta; fotos",
              recursos=(DatosRecurso("Refrigerio", "material", 30, "unidad", 15000, "municipal"),
                        DatosRecurso("Facilitadora", "humano", 2.5, "jornal", 250000, "cooperacion")))
        nueva("1.2", "Relevamiento casa por casa", "1", duracion=15, lado="comunidad")
        nueva("1.3", "Informe del relevamiento", "1", duracion=4, notas="Con la USF")
        nueva("1.4", "Mesa constituida", "1", hito=True, duracion=0)
        nueva("2", "Obras")
        nueva("2.1", "Diseño", "2")
        nueva("2.1.1", "Planos", "2.1", duracion=10, lado="servicio_publico", resultado_id=r["R2"])
        nueva("2.1.2", "Presupuesto de obra", "2.1", duracion=3,
              recursos=(DatosRecurso("Arquitecto", "humano", 3, "día", 400000, "nacional"),))
        nueva("2.2", "Licitación", "2", duracion=20, inicio_fijo=date(2026, 5, 4))
        nueva("2.3", "Empedrado", "2", duracion=40,
              recursos=(DatosRecurso("Piedra", "material", 120.5, "m³", 95000, "departamental"),))
        nueva("2.4", "Desagüe", "2", duracion=25)
        nueva("2.5", "Recepción de obra", "2", hito=True, duracion=0)
        nueva("3", "Seguimiento")
        nueva("3.1", "Visitas mensuales", "3", duracion=60)
        nueva("3.2", "Asamblea de rendición", "3", duracion=1)
        nueva("3.3", "Informe final", "3", duracion=5)
        nueva("3.4", "Encuesta de satisfacción", "3", duracion=8)
        nueva("3.5", "Cierre", "3", hito=True, duracion=0)
        nueva("4", "Difusión por radio", duracion=12, recursos=(DatosRecurso("Spots", "financiero", 1, "global",
                                                                               1_800_000, "privado"),))
        for pred, suc, tipo, desfase in (
                ("1.1", "1.2", "FC", 0), ("1.2", "1.3", "FC", -2), ("1.3", "1.4", "FC", 0), ("1.1", "2.1.1", "CC", 3),
                ("2.1.1", "2.1.2", "FF", 1), ("2.1.2", "2.2", "FC", 0), ("2.2", "2.3", "FC", 5), ("2.3", "2.4", "CC", 10),
                ("2.4", "2.5", "FF", 0), ("2.3", "2.5", "FC", 0), ("2.2", "3.1", "CF", 2), ("3.1", "3.2", "FC", 0),
                ("3.2", "3.3", "FC", 0), ("3.3", "3.5", "FC", 0), ("3.1", "3.4", "FF", -1), ("1.4", "4", "FC", 0)):
            act.vincular(s, ids[pred], ids[suc], tipo, desfase)
        act.registrar_avance(s, ids["1.1"], 100, date(2026, 3, 2), date(2026, 3, 9))
        act.registrar_avance(s, ids["1.2"], 40, date(2026, 3, 10), None)


def _vista(exp) -> list[tuple]:
    """Lo que el usuario ve de cada actividad, sin números internos: códigos en lugar de ids."""
    with exp.sesion() as s:
        plan_id = s.scalar(select(PlanAccion.id))
        filas = act.listar_actividades(s, plan_id, HOY)
        codigos = {f.id: f.codigo for f in filas}
        salida = []
        for f in filas:
            d = act.obtener_actividad(s, f.id)
            salida.append((f.codigo, f.nombre, f.resultado_codigo, f.responsable, f.lado, f.duracion, f.hito,
                           f.inicio_fijo, f.inicio, f.fin, f.holgura_total, f.critica, f.costo, f.avance,
                           f.inicio_real, f.fin_real, f.condiciones, f.medio_verificacion, d.notas,
                           tuple(sorted((codigos[p], t, k) for p, t, k in f.predecesoras)), d.recursos))
        return salida


def test_predecesoras_se_leen_y_escriben_igual():
    texto = "1.2; 1.3 CC+2; 2.1 FF-1; 4 CF"
    lista = leer_predecesoras(texto)
    assert lista == [Predecesora("1.2"), Predecesora("1.3", "CC", 2), Predecesora("2.1", "FF", -1),
                     Predecesora("4", "CF")]
    assert texto_predecesoras(lista) == texto
    assert leer_predecesoras("1.2 fs + 3;2 SS") == [Predecesora("1.2", "FC", 3), Predecesora("2", "CC")]
    assert str(Predecesora("1.2", "FC", 3)) == "1.2 FC+3"


def test_ida_y_vuelta_de_veinte_actividades_con_dependencias_y_recursos(expediente_demo, tmp_path):
    origen = expediente_demo
    plan_id, r = _plan(origen)
    _veinte(origen, plan_id, r)
    mid = origen.municipio_id
    a_xlsx, r_xlsx = tmp_path / "actividades.xlsx", tmp_path / "recursos.xlsx"
    with origen.sesion() as s:
        assert exportar_excel(s, mid, esquema_de("actividades"), a_xlsx).filas == 20
        assert exportar_excel(s, mid, esquema_de("recursos"), r_xlsx).filas == 5
    hoja = load_workbook(a_xlsx, read_only=True)["Actividades"]
    filas = list(hoja.iter_rows(values_only=True))
    assert filas[0][:4] == ("Territorio", "Código", "Actividad", "Resultado")
    por_codigo = {f[1]: f for f in filas[1:]}
    assert por_codigo["2.5"][9] == "2.3; 2.4 FF"
    assert por_codigo["3.4"][9] == "3.1 FF-1"
    assert por_codigo["1.3"][9] == "1.2 FC-2"
    assert por_codigo["1.1"][-1] == 30 * 15000 + 625000  # Costo ₲, computed
    recursos = list(load_workbook(r_xlsx, read_only=True)["Recursos"].iter_rows(values_only=True))
    assert recursos[1][:5] == ("Compañía Cerrito", "1.1", "Material", "Refrigerio", 30)

    destino = crear_demo(tmp_path / "Destino.articula", HOY)
    try:
        _plan(destino)
        _l, ra = importar_archivo(destino, a_xlsx, "actividades")
        assert ra.ok and ra.creados == 20, [str(p) for p in ra.problemas]
        _l, rr = importar_archivo(destino, r_xlsx, "recursos")
        assert rr.ok and rr.creados == 5, [str(p) for p in rr.problemas]
        assert _vista(destino) == _vista(origen)
    finally:
        destino.cerrar()


def test_filas_desordenadas_padre_y_predecesora_mas_abajo(expediente_demo, tmp_path):
    exp = expediente_demo
    _plan(exp)
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Territorio", "Código", "Actividad", "Duración", "Predecesoras"])
    hoja.append(["Compañía Cerrito", "1.2", "Segunda", 3, "1.1 CC+1"])
    hoja.append(["Compañía Cerrito", "1.1", "Primera", 2, None])
    hoja.append(["Compañía Cerrito", "1", "Grupo", None, None])
    archivo = tmp_path / "desordenada.xlsx"
    libro.save(archivo)
    _l, r = importar_archivo(exp, archivo, "actividades")
    assert r.ok, [str(p) for p in r.problemas]
    with exp.sesion() as s:
        filas = act.listar_actividades(s, s.scalar(select(PlanAccion.id)), HOY)
    assert [(f.codigo, f.nombre) for f in filas] == [("1", "Grupo"), ("1.1", "Primera"), ("1.2", "Segunda")]
    assert filas[2].predecesoras == ((filas[1].id, "CC", 1),)


def test_planilla_con_errores_dice_fila_y_motivo(expediente_demo, tmp_path):
    exp = expediente_demo
    _plan(exp)
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Territorio", "Código", "Actividad", "Resultado", "Duración", "Predecesoras"])
    hoja.append(["Compañía Cerrito", "1", "Bien", "R1", 3, None])                    # 2
    hoja.append(["Compañía Cerrito", "2", "Resultado que no hay", "R7", 3, None])    # 3
    hoja.append(["Compañía Cerrito", "3", "Predecesora que no hay", None, 3, "9.9"])  # 4
    hoja.append(["Compañía Cerrito", "4", "Predecesora ilegible", None, 3, "1 XY+2"])  # 5
    hoja.append(["Compañía Cerrito", "5.1", "Sin padre", None, 3, None])              # 6
    hoja.append(["Compañía Cerrito", "1", "Código repetido", None, 3, None])          # 7
    hoja.append(["Compañía Cerrito", "6", "Ciclo A", None, 3, "7"])                   # 8
    hoja.append(["Compañía Cerrito", "7", "Ciclo B", None, 3, "6"])                   # 9
    hoja.append(["Compañía Cerrito", "uno", "Código ilegible", None, 3, None])        # 10
    hoja.append(["Barrio Industrial", "1", "Territorio sin plan", None, 3, None])     # 11
    archivo = tmp_path / "errores.xlsx"
    libro.save(archivo)
    _l, r = importar_archivo(exp, archivo, "actividades")
    assert not r.ok and r.creados == 0
    m = [str(p) for p in r.problemas]

    def hay(fila: int, texto: str) -> bool:
        return any(f"fila {fila}," in x and texto in x for x in m)

    assert not any("fila 2," in x for x in m), m
    assert hay(3, "no tiene el resultado «R7» (tiene: R1, R2)"), m
    assert hay(4, "La predecesora 9.9 no está en la planilla ni en el Plan de Acción de «Compañía Cerrito»"), m
    assert hay(5, "No se entiende la predecesora «1 XY+2»"), m
    assert hay(6, "Va debajo de la actividad 5, que no está en la planilla ni en el Plan de Acción"), m
    assert hay(7, "El código 1 ya lo tiene otra fila de la planilla («Bien»)"), m
    assert hay(9, "Ciclo A") or hay(8, "Ciclo B"), m  # the cycle is named
    assert hay(10, "«uno» no es un código de la EDT"), m
    assert hay(11, "«Barrio Industrial» todavía no tiene Plan de Acción"), m
    with exp.sesion() as s:  # all or nothing
        assert act.listar_actividades(s, s.scalar(select(PlanAccion.id)), HOY) == []


def test_plan_en_ejecucion_se_rechaza_una_vez(expediente_demo, tmp_path):
    exp = expediente_demo
    _plan(exp, estado="en_ejecucion")
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Territorio", "Código", "Actividad"])
    for n in range(1, 4):
        hoja.append(["Compañía Cerrito", str(n), f"Actividad {n}"])
    archivo = tmp_path / "ejecucion.xlsx"
    libro.save(archivo)
    _l, r = importar_archivo(exp, archivo, "actividades")
    assert not r.ok
    assert "ya no se modifica" in r.problemas[0].mensaje and "Compañía Cerrito" in r.problemas[0].mensaje
    assert all("vea el motivo en la primera fila" in p.mensaje for p in r.problemas[1:])


def test_recursos_de_una_actividad_que_no_hay_o_resumen(expediente_demo, tmp_path):
    exp = expediente_demo
    plan_id, _r = _plan(exp)
    with exp.transaccion() as s:
        grupo = act.crear_actividad(s, plan_id, DatosActividad("Grupo"))
        act.crear_actividad(s, plan_id, DatosActividad("Tarea", padre_id=grupo, duracion=2))
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Territorio", "Código de actividad", "Descripción", "Cantidad", "Costo unitario (₲)"])
    hoja.append(["Compañía Cerrito", "1.1", "Bien", 2, 1000])
    hoja.append(["Compañía Cerrito", "8", "No hay", 1, 1000])
    hoja.append(["Compañía Cerrito", "1", "En el resumen", 1, 1000])
    hoja.append(["Compañía Cerrito", "1.1", "Cantidad cero", 0, 1000])
    archivo = tmp_path / "recursos.xlsx"
    libro.save(archivo)
    _l, r = importar_archivo(exp, archivo, "recursos")
    m = [str(p) for p in r.problemas]
    assert not r.ok
    assert any("fila 3," in x and "no tiene la actividad 8" in x for x in m), m
    assert any("fila 4," in x and "subactividades" in x for x in m), m
    assert any("fila 5," in x and "mayor que 0" in x for x in m), m
    assert not any("fila 2," in x for x in m), m
