"""Impresos del Plan de Acción: el plan completo (portada, índice, diez secciones, firmas y QR), el presupuesto y
el calendario de metas.

El plan de la demostración (San Miguel, en ejecución) y uno armado aquí por los servicios, en borrador (marca de
agua, apartados vacíos dichos con palabras).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf.documentos import IMPRESOS, exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.exportar.pdf.plan import SECCIONES, titulo_seccion
from nucleo.modelo import Actor, Necesidad, Territorio
from nucleo.predecesoras import predecesoras_de, texto_predecesoras

HOY = date(2026, 11, 18)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def _territorio(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def plan_demo(exp) -> int:
    """El plan de San Miguel de la demostración (lo siembra si la demo todavía no lo trae)."""
    from nucleo.servicios import demo_plan
    from nucleo.servicios.plan import plan_del_territorio

    with exp.transaccion() as s:
        tid = _territorio(s, demo_plan.SAN_MIGUEL)
        return plan_del_territorio(s, exp.municipio_id, tid) or demo_plan.sembrar(s, exp.municipio_id, HOY)


def plan_cerrito(exp, *, vacio: bool = False) -> int:
    """Un plan en borrador para Compañía Cerrito, armado por los servicios: dos resultados (uno con una necesidad,
    indicadores y mediciones), dos grupos, vínculos FC/CC/FF con desfase, un hito, recursos de tres fuentes y
    actividades de los tres lados. Con `vacio`, solo el plan (sin textos ni actividades)."""
    from nucleo.servicios import actividades as act
    from nucleo.servicios import indicadores as ind
    from nucleo.servicios import plan as pl

    mid = exp.municipio_id
    with exp.transaccion() as s:
        tid = _territorio(s, "Compañía Cerrito")
        if vacio:
            return pl.crear_plan(s, mid, tid, pl.DatosPlan(titulo="Plan en blanco", inicio=date(2027, 2, 1)))
        actores = dict(s.execute(select(Actor.nombre, Actor.id).where(Actor.municipio_id == mid)).all())
        muni = next(i for n, i in actores.items() if n.startswith("Municipalidad"))
        mds = next(i for n, i in actores.items() if "Desarrollo Social" in n)
        necesidad = s.scalar(select(Necesidad.id).where(Necesidad.territorio_id == tid).order_by(Necesidad.id))
        pid = pl.crear_plan(s, mid, tid, pl.DatosPlan(
            titulo="Plan de Acción Compañía Cerrito", inicio=date(2027, 2, 1),
            objetivo="Agua segura y caminos transitables para las familias de la compañía.",
            organizacion="Reunión ejecutiva mensual con la Junta de Saneamiento y el MDS.",
            provision_recursos="La Municipalidad aporta el combustible; el MDS, los tanques por convenio.",
            instrumentos_registro="Libro de actas y planillas de entrega firmadas por cada familia.",
            control_comunitario="La comisión vecinal revisa las entregas cada trimestre."))
        r1 = pl.crear_resultado(s, pid, pl.DatosResultado(
            descripcion="Familias con tanque de agua y acceso al agua segura.", pilar="integracion_social",
            necesidades=(necesidad,) if necesidad else ()))
        r2 = pl.crear_resultado(s, pid, pl.DatosResultado(descripcion="Caminos vecinales arreglados."))
        i1 = ind.crear_indicador(s, mid, ind.DatosIndicador(
            resultado_id=r1, tipo="producto", nombre="Familias con tanque instalado", unidad="familias",
            medio_verificacion="Planillas de entrega", sentido="aumentar", base_valor=0, base_fecha=date(2027, 1, 15),
            meta_valor=40, meta_fecha=date(2027, 12, 15)))
        ind.crear_indicador(s, mid, ind.DatosIndicador(
            resultado_id=r2, tipo="gestion", nombre="Kilómetros de camino enripiado", unidad="km",
            sentido="aumentar", base_valor=0, base_fecha=date(2027, 1, 15), meta_valor=6,
            meta_fecha=date(2027, 9, 30)))

        def nueva(**k) -> int:
            return act.crear_actividad(s, pid, act.DatosActividad(**k))

        g1 = nueva(nombre="Agua segura", resultado_id=r1, responsable_id=muni)
        a1 = nueva(nombre="Censo de familias sin agua", padre_id=g1, resultado_id=r1, responsable_id=muni,
                   duracion=5, condiciones="Censo con el 100 % de las viviendas visitadas.",
                   medio_verificacion="Planilla del censo", recursos=(act.DatosRecurso(
                       descripcion="Viático de censistas", tipo="financiero", cantidad=10, unidad="jornadas",
                       costo_unitario=150_000, fuente="municipal"),))
        a2 = nueva(nombre="Entrega de tanques de agua", padre_id=g1, resultado_id=r1, responsable_id=mds,
                   lado="servicio_publico", duracion=20, condiciones="Cuarenta tanques instalados y firmados.",
                   predecesoras=(act.DatosVinculo(a1, "FC", 2),), recursos=(act.DatosRecurso(
                       descripcion="Tanque de 1.000 litros", tipo="material", cantidad=40, unidad="tanques",
                       costo_unitario=1_250_000, fuente="nacional"),))
        nueva(nombre="Tanques entregados", padre_id=g1, resultado_id=r1, responsable_id=mds,
              lado="servicio_publico", duracion=0, hito=True, predecesoras=(act.DatosVinculo(a2),))
        g2 = nueva(nombre="Caminos", resultado_id=r2, responsable_id=muni)
        b1 = nueva(nombre="Minga de limpieza de cunetas", padre_id=g2, resultado_id=r2, lado="comunidad",
                   duracion=3, predecesoras=(act.DatosVinculo(a1, "CC", 1),), recursos=(act.DatosRecurso(
                       descripcion="Jornales de vecinos", tipo="humano", cantidad=30, unidad="jornales",
                       costo_unitario=100_000, fuente="comunidad"),))
        nueva(nombre="Enripiado del camino principal", padre_id=g2, resultado_id=r2, responsable_id=muni,
              duracion=15, condiciones="Seis kilómetros transitables con lluvia.",
              medio_verificacion="Acta de recepción de obra",
              predecesoras=(act.DatosVinculo(b1, "FC"), act.DatosVinculo(a2, "FF", -3)))
        act.guardar_linea_base(s, pid)
        ind.agregar_medicion(s, i1, ind.DatosMedicion(fecha=date(2027, 3, 10), valor=12, fuente="Planillas"),
                             hoy=date(2027, 3, 10))
        return pid


@pytest.fixture
def demo(expediente_demo):
    return expediente_demo


def _imprimir(exp, tabla, pid, destino, vista=None):
    with exp.sesion() as s:
        return exportar_pdf(tabla, s, exp.municipio_id, destino, vista, HOY, id=pid)


def test_registrados_como_impresos_de_un_plan():
    for tabla in ("plan", "cronograma", "presupuesto", "metas"):
        assert IMPRESOS[tabla].pide_id == "plan"
        assert IMPRESOS[tabla].funcion == f"nucleo.exportar.pdf.{tabla}:imprimir"
    assert IMPRESOS["cronograma"].vistas == ("a4", "a3")


def test_predecesoras_como_las_escribe_el_coordinador():
    codigos = {1: "1.1", 2: "1.2", 3: "2.1"}
    vinculos = ((1, "FC", 0), (2, "FC", 2), (3, "CC", -1))
    assert texto_predecesoras(predecesoras_de(vinculos, codigos)) == "1.1; 1.2 FC+2; 2.1 CC-1"
    assert texto_predecesoras(predecesoras_de((), codigos)) == ""


def test_el_plan_de_la_demo_completo(demo, tmp_path):
    from nucleo.exportar.pdf.plan import asunto_pdf, codigo_verificacion
    from nucleo.servicios.instantanea import huella, instantanea_plan

    pid = plan_demo(demo)
    ruta = _imprimir(demo, "plan", pid, tmp_path / "plan.pdf")
    datos = ruta.read_bytes()
    assert b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"Helvetica" not in datos
    assert f"/Subject ({asunto_pdf(pid, 1)})".encode() in datos
    paginas = texto_de_pdf(ruta)
    assert 8 <= len(paginas) <= 40
    texto = _plano(" ".join(paginas))
    assert "Municipalidad de Villeta" in texto and "Barrio San Miguel" in texto
    # Cover, then the table of contents with page numbers, then every section in its order.
    assert "PLAN DE ACCIÓN TERRITORIAL" in _plano(paginas[0]) and "En ejecución" in _plano(paginas[0])
    indice = _plano(paginas[1])
    assert "Índice" in indice
    numeros = set(re.findall(r"\. (\d+)\b", indice))
    for numero, _t in SECCIONES:
        titulo = titulo_seccion(numero)
        pagina = next(n for n, p in enumerate(paginas[2:], start=3) if titulo in _plano(p))
        assert titulo in indice and str(pagina) in numeros, (titulo, pagina)
    cuerpo = _plano(" ".join(paginas[2:]))
    posiciones = [cuerpo.find(titulo_seccion(n)) for n, _t in SECCIONES]
    assert -1 not in posiciones and posiciones == sorted(posiciones)
    for titulo in ("Necesidades priorizadas", "Brechas", "Árbol de problemas", "Análisis DAFO", "Objetivo del plan",
                   "Ruta crítica", "Mapa de calor", "Matriz de riesgos", "Por fuente de los fondos",
                   "Condiciones de satisfacción", "Recursos de cada actividad", "Medio de verificación"):
        assert titulo in cuerpo, titulo
    assert "₲" in texto and "Otros servicios públicos" in texto and "Comunidad" in texto
    assert "BORRADOR" not in texto  # in execution: not a draft…
    # …but the live plan is not the sanctioned document either: only a frozen revision prints without a mark.
    assert all("COPIA DE TRABAJO — sin validez" in _plano(p) for p in paginas)
    assert "Sin texto cargado." not in texto
    # Footer of every sheet: the plan, its revision, the short hash and «Página X de Y»; the QR's code at the end.
    with demo.sesion() as s:
        h = huella(instantanea_plan(s, pid, HOY))
    for n, pagina in enumerate(paginas, start=1):
        plano = _plano(pagina)
        assert f"Página {n} de {len(paginas)}" in plano
        assert f"revisión 1 · huella {h[:12]}" in plano
    assert codigo_verificacion(pid, 1, h) in _plano(paginas[-1]).replace(" ", "")


def test_un_plan_en_borrador_lleva_marca_de_agua_y_dice_lo_que_falta(demo, tmp_path):
    pid = plan_cerrito(demo)
    vacio = plan_cerrito_vacio(demo)
    paginas = texto_de_pdf(_imprimir(demo, "plan", pid, tmp_path / "plan.pdf"))
    assert all("BORRADOR — sin validez" in _plano(p) for p in paginas)  # on every sheet
    texto = _plano(" ".join(paginas))
    assert "Plan de Acción Compañía Cerrito" in texto and "Borrador" in texto
    for n, _t in SECCIONES:
        assert titulo_seccion(n) in texto
    # Predecessors as «1.1 FC+2»; the three sides; conditions; money per resource.
    assert "1.1 FC+2" in texto and "1.1 CC+1" in texto and "1.2 FF-3" in texto
    assert "Ministerio de Desarrollo Social" in texto and "Entrega de tanques de agua" in texto
    assert "Cuarenta tanques instalados y firmados." in texto
    assert "₲ 50.000.000" in texto  # 40 tanks × ₲ 1.250.000
    assert "Familias con tanque instalado" in texto and "30%" in texto  # 12 of 40 families
    assert "Caminos vecinales arreglados." in texto and "Kilómetros de camino enripiado" in texto
    assert "No está vinculado a una necesidad priorizada" in texto
    # Not signed yet: the signature page offers the blocks of those who sanction a plan, with a blank date.
    assert "Intendente Municipal" in texto and "Concejo Municipal" in texto and "Junta Departamental" in texto
    assert "Fecha: ____ / ____ / ________" in texto
    # An empty plan says so in words, section by section.
    texto = _plano(" ".join(texto_de_pdf(_imprimir(demo, "plan", vacio, tmp_path / "vacio.pdf"))))
    for n, _t in SECCIONES:
        assert titulo_seccion(n) in texto
    assert texto.count("Sin texto cargado.") >= 5  # objetivo, organización, provisión, registro, control
    assert "El plan todavía no tiene actividades." in texto and "El plan todavía no tiene resultados." in texto
    assert "El plan todavía no tiene riesgos cargados." in texto


def plan_cerrito_vacio(exp) -> int:
    """Un plan sin nada para otro territorio (uno por territorio): Compañía Cerrito ya tiene el suyo."""
    from nucleo.servicios import plan as pl

    with exp.transaccion() as s:
        otro = s.scalar(select(Territorio.id).where(Territorio.municipio_id == exp.municipio_id,
                                                    Territorio.nombre.not_in(["Compañía Cerrito",
                                                                              "Barrio San Miguel"]))
                        .order_by(Territorio.id))
        return pl.crear_plan(s, exp.municipio_id, otro, pl.DatosPlan(titulo="Plan en blanco",
                                                                      inicio=date(2027, 2, 1)))


def test_presupuesto_y_metas_de_la_demo(demo, tmp_path):
    pid = plan_demo(demo)
    with demo.sesion() as s:
        from nucleo.servicios.presupuesto import presupuesto

        p = presupuesto(s, pid)
    texto = _plano(" ".join(texto_de_pdf(_imprimir(demo, "presupuesto", pid, tmp_path / "p.pdf"))))
    for titulo in ("Por fuente de los fondos", "Por tipo de recurso", "Por resultado", "Por responsable",
                   "Por trimestre y fuente", "Detalle de los recursos"):
        assert titulo in texto
    from nucleo import formato

    assert formato.guaranies(p.total) in texto and p.trimestres[0] in texto
    paginas = texto_de_pdf(_imprimir(demo, "metas", pid, tmp_path / "m.pdf"))
    texto = _plano(" ".join(paginas))
    assert 1 <= len(paginas) <= 12
    assert "Calendario de metas" in texto and "Socio" in texto and "Comisión Vecinal San Miguel" in texto
    assert re.search(r"T\d 20\d\d", texto) and "–" in texto  # «T1 2027» over «Ene – Mar 2027»


def test_presupuesto_y_metas_de_un_plan_vacio(demo, tmp_path):
    vacio = plan_cerrito_vacio(demo)
    texto = _plano(" ".join(texto_de_pdf(_imprimir(demo, "presupuesto", vacio, tmp_path / "p.pdf"))))
    assert "Ninguna actividad del plan tiene recursos cargados" in texto and "BORRADOR" in texto
    texto = _plano(" ".join(texto_de_pdf(_imprimir(demo, "metas", vacio, tmp_path / "m.pdf"))))
    assert "todavía no tiene actividades" in texto


def test_la_misma_huella_en_los_impresos_del_mismo_plan(demo, tmp_path):
    """El cronograma, el presupuesto y las metas llevan la huella de lo planificado; el plan, la de su instantánea."""
    from nucleo.servicios.instantanea import huella, instantanea_plan

    pid = plan_cerrito(demo)
    huellas = set()
    for tabla in ("cronograma", "presupuesto", "metas"):
        texto = _plano(texto_de_pdf(_imprimir(demo, tabla, pid, tmp_path / f"{tabla}.pdf"))[0])
        huellas.add(re.search(r"Huella SHA-256 del contenido: ([0-9a-f]{64})", texto).group(1))
    assert len(huellas) == 1
    with demo.sesion() as s:
        h = huella(instantanea_plan(s, pid, HOY))
    texto = _plano(" ".join(texto_de_pdf(_imprimir(demo, "plan", pid, tmp_path / "plan.pdf"))))
    assert f"huella {h[:12]}" in texto and f"Huella SHA-256 del contenido: {h}" in texto


def test_un_plan_que_no_existe(demo, tmp_path):
    with pytest.raises(ErrorDeUsuario, match="No se encontró el Plan de Acción n.º 999"):
        _imprimir(demo, "plan", 999, tmp_path / "x.pdf")
    with pytest.raises(ErrorDeUsuario, match="indique el Plan de Acción"):
        _imprimir(demo, "metas", None, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
