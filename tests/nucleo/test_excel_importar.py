"""Importar: todo se revisa antes, todo o nada, cada problema con su hoja, fila y columna; y lo que Articula
exporta vuelve igual."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from nucleo.almacen.expediente import Expediente
from nucleo.errores import ErrorDeUsuario
from nucleo.exportar import Cancelado
from nucleo.exportar.excel import esquema_de, exportar_excel
from nucleo.exportar.excel.esquema import Columna, Esquema
from nucleo.importar import importar, informe, leer_libro, previsualizar, revisar_mapeo
from nucleo.servicios.actores import DatosActor, contar_actores, crear_actor, listar_actores, obtener_actor
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.oportunidades import listar_oportunidades
from nucleo.servicios.territorios import DatosTerritorio, crear_territorio

HOY = date(2026, 11, 18)
ORIGENES = {"municipal": "Municipal", "nacional": "Nacional", "cooperacion": "Cooperación"}
TERRITORIOS = ("San Roque", "Compañía Cerrito")


@pytest.fixture
def nuevo(tmp_path):
    """Un expediente sin actores, con dos territorios."""
    def preparar(s):
        mid = crear_municipio(s, DatosMunicipio(clave_ine="1116", intendente_nombre="Intendenta Ejemplo",
                                                coordinador_nombre="Coordinador Ejemplo"))
        for nombre in TERRITORIOS:
            crear_territorio(s, mid, DatosTerritorio(nombre=nombre))
        return mid

    exp = Expediente.crear(tmp_path / "nuevo.articula", preparar)
    yield exp
    exp.cerrar()


def _esquema_de_prueba(capturados: list[dict]) -> Esquema:
    """Una tabla de prueba con todos los tipos, que crea actores por el servicio (que valida)."""
    def crear(s, mid, datos):
        capturados.append(dict(datos))
        return crear_actor(s, mid, DatosActor(
            nombre=datos["nombre"], correo=datos.get("correo", ""), interes=datos.get("interes", 3),
            territorio_ids=datos.get("territorio_ids", ()), institucion_id=datos.get("institucion_id")))

    columnas = (
        Columna("Nombre", "nombre", obligatoria=True, sinonimos=("Actor", "Stakeholder")),
        Columna("Correo", "correo"),
        Columna("Nivel", "interes", "entero", escala=True, minimo=1, maximo=5, sinonimos=("Poder",)),
        Columna("Monto", "monto", "guaranies"),
        Columna("Tasa", "tasa", "decimal"),
        Columna("Fecha", "fecha", "fecha"),
        Columna("Activo", "activo", "booleano"),
        Columna("Origen", "origen", "opcion", opciones=ORIGENES, valores={"gobierno nacional": "nacional"}),
        Columna("Grupos", "grupos", "opciones", opciones=ORIGENES),
        Columna("Territorios", "territorio_ids", "referencia", referencia="territorio", multiple=True),
        Columna("Pertenece a", "institucion_id", "referencia", referencia="actor"),
    )
    return Esquema("prueba", "actor", "Prueba", "Prueba", columnas, filas=lambda s, m: [], crear=crear,
                   referencia_propia="actor")


def _libro(ruta, filas, titulo="Hoja1"):
    wb = Workbook()
    ws = wb.active
    ws.title = titulo
    for fila in filas:
        ws.append(list(fila))
    wb.save(ruta)
    return ruta


ENCABEZADOS = ("Nombre", "Correo", "Nivel", "Monto", "Tasa", "Fecha", "Activo", "Origen", "Grupos", "Territorios",
               "Pertenece a")


def _importar(exp, lectura, **kw):
    with exp.transaccion() as s:
        return importar(s, exp.municipio_id, lectura, **kw)


def _cuantos(exp) -> int:
    with exp.sesion() as s:
        return contar_actores(s, exp.municipio_id)


# ---------------------------------------------------------------------------------------------- tipos


def test_cada_tipo_se_lee_como_lo_escribe_la_gente(nuevo, tmp_path):
    capturados: list[dict] = []
    ruta = _libro(tmp_path / "prueba.xlsx", [
        ENCABEZADOS,
        ("Comisión Vecinal", "cv@ejemplo.py", "Alto", "₲ 1.500.000", "1.234,5", datetime(2026, 11, 21), "Sí",
         "MUNICIPAL", "Municipal; cooperacion", "San Roque; compañia cerrito", None),
        ("Junta de Saneamiento", None, 2, "Gs. 250.000", 0.25, "21/11/2026", "no", "Gobierno Nacional", None, None,
         None),
        ("Club Deportivo", None, "bajo", 1500000, None, "2026-11-21", None, "cooperación", None, None, None),
    ])
    lectura = leer_libro(ruta, _esquema_de_prueba(capturados))
    assert (lectura.hoja, lectura.fila_encabezado, lectura.total) == ("Hoja1", 1, 3)
    r = _importar(nuevo, lectura)
    assert r.ok, informe(r.problemas)
    assert r.creados == 3 and len(r.ids) == 3
    a, b, c = capturados
    assert a["interes"] == 5 and b["interes"] == 2 and c["interes"] == 1  # Alto/Bajo on a three-step scale: 5/1
    assert a["monto"] == b["monto"] * 6 == 1500000 == c["monto"]
    assert a["tasa"] == Decimal("1234.5") and b["tasa"] == Decimal("0.25") and "tasa" not in c
    assert a["fecha"] == b["fecha"] == c["fecha"] == date(2026, 11, 21)
    assert a["activo"] is True and b["activo"] is False and "activo" not in c
    assert [x["origen"] for x in capturados] == ["municipal", "nacional", "cooperacion"]
    assert a["grupos"] == ("municipal", "cooperacion")
    with nuevo.sesion() as s:
        filas = {f.nombre: f for f in listar_actores(s, nuevo.municipio_id)}
    assert filas["Comisión Vecinal"].territorios == "Compañía Cerrito, San Roque"
    assert any("«Alto» = 5" in aviso for aviso in r.avisos)
    assert any("«Gobierno Nacional» → «Nacional»" in aviso for aviso in r.avisos)


def test_problemas_de_formato_con_fila_y_columna_y_nada_se_guarda(nuevo, tmp_path):
    ruta = _libro(tmp_path / "mal.xlsx", [
        ENCABEZADOS,
        ("Bien", None, 3, None, None, None, None, None, None, None, None),
        (None, None, 3, None, None, None, None, None, None, None, None),
        ("Fecha mala", None, None, None, None, "31/02/2026", None, None, None, None, None),
        ("Monto malo", None, None, "mil", None, None, None, None, None, None, None),
        ("Opción mala", None, "Crítico", None, None, None, "quizás", "Privado", None, None, None),
        ("Error de fórmula", "#N/A", None, None, None, None, None, None, None, None, None),
        ("Territorio que no está", None, None, None, None, None, None, None, None, "Barrio Nuevo", None),
    ])
    r = _importar(nuevo, leer_libro(ruta, _esquema_de_prueba([])))
    assert not r.ok and r.creados == 0 and r.ids == []
    lugares = [(p.fila, p.columna) for p in r.problemas]
    assert lugares == [(3, "A (Nombre)"), (4, "F (Fecha)"), (5, "D (Monto)"), (6, "C (Nivel)"), (6, "G (Activo)"),
                       (6, "H (Origen)"), (7, "B (Correo)"), (8, "J (Territorios)")]
    textos = [str(p) for p in r.problemas]
    assert textos[0] == "Hoja «Hoja1», fila 3, columna A (Nombre): Falta «Nombre»: es obligatoria."
    assert "no existe" in textos[1] and "«mil» no es un número válido" in textos[2]
    assert "Elija entre: Municipal, Nacional, Cooperación" in textos[5]
    assert "«#N/A»" in textos[6] and "«Barrio Nuevo»" in textos[7]
    assert _cuantos(nuevo) == 0  # not even the good row
    texto = informe(r.problemas, "mal.xlsx")
    assert texto.startswith("No se importó nada: hay 8 problemas en «mal.xlsx».")
    assert texto.count("\n• ") == 8


def test_lo_que_rechaza_el_servicio_tambien_se_informa_y_se_sigue_revisando(nuevo, tmp_path):
    ruta = _libro(tmp_path / "servicio.xlsx", [
        ("Nombre", "Correo", "Nivel"),
        ("Uno", "uno@ejemplo.py", 3),
        ("Dos", "sin arroba", 3),
        ("Tres", None, 9),
        ("Cuatro", None, 4),
    ])
    r = _importar(nuevo, leer_libro(ruta, _esquema_de_prueba([])))
    assert [(p.fila, p.columna) for p in r.problemas] == [(3, "B (Correo)"), (4, "C (Nivel)")]
    assert "correo no parece válido" in r.problemas[0].mensaje
    assert "de 1 (muy bajo) a 5" in r.problemas[1].mensaje
    assert _cuantos(nuevo) == 0


def test_una_persona_antes_que_su_institucion_en_la_planilla(nuevo, tmp_path):
    ruta = _libro(tmp_path / "pertenencia.xlsx", [
        ("Nombre", "Pertenece a"),
        ("Ana Ejemplo", "USF San Roque"),
        ("USF San Roque", "msp"),  # by acronym, case and all
        ("Ministerio de Salud", None),
        ("Sin institución", "Ministerio que no existe"),
    ])
    with nuevo.transaccion() as s:
        crear_actor(s, nuevo.municipio_id, DatosActor(nombre="Ministerio de Salud Pública", sigla="MSP",
                                                      tipo="institucion"))
    r = _importar(nuevo, leer_libro(ruta, _esquema_de_prueba([])))
    assert [(p.fila, p.columna) for p in r.problemas] == [(5, "B (Pertenece a)")]
    ruta = _libro(tmp_path / "pertenencia2.xlsx", [
        ("Nombre", "Pertenece a"),
        ("Ana Ejemplo", "USF San Roque"),
        ("USF San Roque", "msp"),
    ])
    r = _importar(nuevo, leer_libro(ruta, _esquema_de_prueba([])))
    assert r.ok, informe(r.problemas)
    with nuevo.sesion() as s:
        filas = {f.nombre: f for f in listar_actores(s, nuevo.municipio_id)}
    assert filas["Ana Ejemplo"].institucion == "USF San Roque"
    assert filas["USF San Roque"].institucion == "Ministerio de Salud Pública"


def test_filas_repetidas_y_columnas_mal_asignadas(nuevo, tmp_path):
    ruta = _libro(tmp_path / "repetidas.xlsx", [
        ("Nombre", "Correo", "Nivel"),
        ("Comité de Agua", None, 3),
        ("COMITE DE AGUA", None, 4),
    ])
    lectura = leer_libro(ruta, _esquema_de_prueba([]))
    r = _importar(nuevo, lectura)
    assert [(p.fila, p.columna) for p in r.problemas] == [(3, "A (Nombre)")]
    assert "repite la de la fila 2" in r.problemas[0].mensaje
    # The user's own mapping: a field twice, the required one missing.
    problemas = revisar_mapeo(lectura, {1: "interes", 2: "interes"})
    assert [p.columna for p in problemas] == ["C (Nivel)", ""]
    assert "Falta la columna obligatoria «Nombre»" in problemas[1].mensaje
    r = _importar(nuevo, lectura, mapeo={1: "interes", 2: "interes"})
    assert not r.ok and len(r.problemas) == 2
    assert _cuantos(nuevo) == 0


def test_el_mapeo_corregido_y_la_vista_previa(nuevo, tmp_path):
    capturados: list[dict] = []
    ruta = _libro(tmp_path / "ajena.xlsx", [
        ("Listado 2026", None, None),
        ("Organización", "Mail", "Importancia"),
        ("Cooperativa Ejemplo", "coop@ejemplo.py", "Alta"),
    ], titulo="Datos")
    esquema = _esquema_de_prueba(capturados)
    with pytest.raises(ErrorDeUsuario, match="no parece una planilla de «Prueba»"):
        leer_libro(ruta, esquema)
    # The wizard lets the user point at the header row and say what each column is.
    lectura = leer_libro(ruta, esquema, hoja="Datos", fila_encabezado=2)
    assert lectura.encabezados == ["Organización", "Mail", "Importancia"] and lectura.mapeo == {}
    mapeo = {0: "nombre", 1: "correo", 2: "interes"}
    previa = previsualizar(lectura, mapeo)
    assert previa[0].fila == 3 and previa[0].problemas == ()
    assert previa[0].valores == {"nombre": "Cooperativa Ejemplo", "correo": "coop@ejemplo.py", "interes": "5"}
    r = _importar(nuevo, lectura, mapeo=mapeo)
    assert r.ok and capturados == [{"nombre": "Cooperativa Ejemplo", "correo": "coop@ejemplo.py", "interes": 5}]


def test_cancelar_deja_el_expediente_como_estaba(nuevo, tmp_path, monkeypatch):
    import nucleo.importar.importador as importador

    monkeypatch.setattr(importador, "_CADA", 1)
    filas = [("Nombre",)] + [(f"Actor {i}",) for i in range(20)]
    lectura = leer_libro(_libro(tmp_path / "largo.xlsx", filas), _esquema_de_prueba([]))
    vistos = []

    def progreso(hecho, total):
        vistos.append((hecho, total))
        if hecho == 30:  # all 20 read and checked, 10 created
            raise Cancelado

    with pytest.raises(Cancelado), nuevo.transaccion() as s:
        importar(s, nuevo.municipio_id, lectura, progreso=progreso)
    assert _cuantos(nuevo) == 0
    assert vistos[0] == (1, 40) and vistos[-1] == (30, 40)
    vistos.clear()
    r = _importar(nuevo, lectura, progreso=lambda h, t: vistos.append((h, t)))
    assert r.creados == 20 and vistos[-1] == (40, 40)
    assert [h for h, _t in vistos] == sorted(h for h, _t in vistos)


def test_omitir_los_que_ya_estan(nuevo, tmp_path):
    with nuevo.transaccion() as s:
        crear_actor(s, nuevo.municipio_id, DatosActor(nombre="Comisión Vecinal San Roque"))
    ruta = _libro(tmp_path / "otra_vez.xlsx", [("Nombre",), ("COMISIÓN VECINAL SAN ROQUE",), ("Club Nuevo",),
                                               ("Comision vecinal san roque",)])
    lectura = leer_libro(ruta, esquema_de("actores"))
    r = _importar(nuevo, lectura)
    assert [p.fila for p in r.problemas][:1] == [2] and "Ya hay un actor" in r.problemas[0].mensaje
    # Skipping compares without accents or case, like every other name lookup of the import.
    r = _importar(nuevo, lectura, omitir_existentes=True)
    assert (r.creados, r.omitidos) == (1, 2) and _cuantos(nuevo) == 2


# ---------------------------------------------------------------------------------------------- ida y vuelta


def _sin_ids(fila) -> dict:
    return {k: v for k, v in dataclasses.asdict(fila).items() if k != "id" and not k.endswith(("_id", "_ids"))}


def test_ida_y_vuelta_de_las_dos_tablas(expediente_demo, tmp_path):
    """Exportar de la demo e importar en un expediente nuevo con los mismos territorios da los mismos datos."""
    origen = expediente_demo
    from nucleo.exportar.excel.referencias import referidos

    with origen.sesion() as s:
        territorios = [r.nombre for r in referidos(s, origen.municipio_id, "territorio")]
        for tabla in ("actores", "oportunidades"):
            exportar_excel(s, origen.municipio_id, esquema_de(tabla), tmp_path / f"{tabla}.xlsx", hoy=HOY)
        antes = {t: list(esquema_de(t).filas(s, origen.municipio_id)) for t in ("actores", "oportunidades")}
        actores_antes = listar_actores(s, origen.municipio_id)
        oportunidades_antes = listar_oportunidades(s, origen.municipio_id, hoy=HOY)

    def preparar(s):
        mid = crear_municipio(s, DatosMunicipio(clave_ine="1116", intendente_nombre="I", coordinador_nombre="C"))
        for nombre in territorios:
            crear_territorio(s, mid, DatosTerritorio(nombre=nombre))
        return mid

    destino = Expediente.crear(tmp_path / "copia.articula", preparar)
    try:
        for tabla in ("actores", "oportunidades"):
            lectura = leer_libro(tmp_path / f"{tabla}.xlsx", esquema_de(tabla))
            r = _importar(destino, lectura)
            assert r.ok, informe(r.problemas)
            assert r.avisos == [] and r.creados == len(antes[tabla])
        with destino.sesion() as s:
            for tabla in ("actores", "oportunidades"):
                assert list(esquema_de(tabla).filas(s, destino.municipio_id)) == antes[tabla]
            assert [_sin_ids(f) for f in listar_actores(s, destino.municipio_id)] == \
                [_sin_ids(f) for f in actores_antes]
            assert [_sin_ids(f) for f in listar_oportunidades(s, destino.municipio_id, hoy=HOY)] == \
                [_sin_ids(f) for f in oportunidades_antes]
            # Every field of the full actor, not only the columns of the list.
            persona = next(f for f in listar_actores(s, destino.municipio_id) if f.institucion)
            datos = obtener_actor(s, persona.id)
            assert datos.institucion_id == persona.institucion_id is not None
    finally:
        destino.cerrar()


def test_textos_que_parecen_formulas_vuelven_iguales(nuevo, tmp_path):
    raros = DatosActor(nombre="=1+1", sigla="-X", cargo="@coordinacion", telefono="+595 21 000 000",
                       notas="=HYPERLINK(\"http://ejemplo.invalid\")\nsegunda línea", interes=5, influencia=1)
    with nuevo.transaccion() as s:
        crear_actor(s, nuevo.municipio_id, raros)
        exportar_excel(s, nuevo.municipio_id, esquema_de("actores"), tmp_path / "raros.xlsx", hoy=HOY)
        ident = listar_actores(s, nuevo.municipio_id)[0].id
        from nucleo.servicios.actores import eliminar_actor

        eliminar_actor(s, ident)
    r = _importar(nuevo, leer_libro(tmp_path / "raros.xlsx", esquema_de("actores")))
    assert r.ok, informe(r.problemas)
    with nuevo.sesion() as s:
        assert obtener_actor(s, r.ids[0]) == raros


def test_una_formula_nunca_se_calcula(nuevo, tmp_path):
    # openpyxl writes the formula without a cached result: the importer sees an empty cell, never "=…" nor 2.
    ruta = _libro(tmp_path / "formulas.xlsx", [("Nombre", "Notas"), ("Con fórmula", "=1+1")])
    lectura = leer_libro(ruta, esquema_de("actores"))
    assert lectura.filas == [(2, ("Con fórmula", None))]
    r = _importar(nuevo, lectura)
    assert r.ok
    with nuevo.sesion() as s:
        assert obtener_actor(s, r.ids[0]).notas == ""


def test_la_plantilla_completada_a_mano(nuevo, tmp_path):
    from openpyxl import load_workbook

    with nuevo.transaccion() as s:
        crear_actor(s, nuevo.municipio_id, DatosActor(nombre="Ministerio de Desarrollo Social", sigla="MDS",
                                                      tipo="institucion", categoria="gobierno_central"))
        exportar_excel(s, nuevo.municipio_id, esquema_de("oportunidades"), tmp_path / "plantilla.xlsx",
                       plantilla=True, hoy=HOY)
    wb = load_workbook(tmp_path / "plantilla.xlsx")
    ws = wb["Oportunidades"]
    titulos = [c.value for c in ws[1]]

    def fila(**valores):
        ws.append([valores.get(t) for t in titulos])

    fila(Nombre="Tekoporã", Proveedor="mds", Origen="nacional", Pilar="integración social",
         Población="Niñez (5–13); hogares", Costo="Gs. 0", **{"Vigente desde": "01/01/2026",
                                                               "Verificado el": datetime(2026, 10, 1)})
    fila(Nombre="Curso de panadería", Origen="Municipal", Población="Juventud", **{
        "Todo el distrito": "No", "Territorios": "San Roque", "Costo": "₲ 50.000", "Cupos": 30,
        "Tipo de beneficio": "capacitacion"})
    wb.save(tmp_path / "completada.xlsx")
    r = _importar(nuevo, leer_libro(tmp_path / "completada.xlsx", esquema_de("oportunidades")))
    assert r.ok, informe(r.problemas)
    with nuevo.sesion() as s:
        filas = {f.nombre: f for f in listar_oportunidades(s, nuevo.municipio_id, hoy=HOY)}
    teko, curso = filas["Tekoporã"], filas["Curso de panadería"]
    assert (teko.proveedor, teko.origen, teko.pilar, teko.poblaciones, teko.costo) == (
        "Ministerio de Desarrollo Social", "nacional", "integracion_social", ("ninez", "hogares"), 0)
    assert teko.vigencia_desde == date(2026, 1, 1) and teko.verificado_el == date(2026, 10, 1)
    assert teko.cobertura_distrital and curso.cobertura_texto == "San Roque" and not curso.cobertura_distrital
    assert (curso.costo, curso.cupos, curso.tipo_beneficio, curso.proveedor) == (50000, 30, "capacitacion", "")


def test_muestra_da_las_primeras_filas_de_cada_hoja_visible(tmp_path):
    from openpyxl import Workbook

    from nucleo.importar import muestra

    libro = Workbook()
    hoja = libro.active
    hoja.title = "Datos"
    for n in range(1, 41):
        hoja.append([f"fila {n}", n])
    oculta = libro.create_sheet("Listas")
    oculta.append(["no se muestra"])
    oculta.sheet_state = "hidden"
    ruta = tmp_path / "muestra.xlsx"
    libro.save(ruta)
    filas = muestra(ruta, 30)
    assert list(filas) == ["Datos"]
    assert len(filas["Datos"]) == 30
    assert filas["Datos"][0] == ("fila 1", 1)
