"""El impreso del Plan de Acción hoja por hoja: el cronograma repartido parejo en hojas apaisadas, el papel del
municipio (A4 u oficio) en todos los impresos, y la revisión sancionada: sin marca de agua, congelada y registrada
como emitida (la verificación la reconoce; un byte cambiado no).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from types import SimpleNamespace

from sqlalchemy import select

from nucleo.exportar.pdf.cronograma import ALTO_ESCALA, ALTO_LEYENDA, MEDIDAS, _repartir, hojas_gantt
from nucleo.exportar.pdf.documentos import exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf
from nucleo.modelo import Municipio, PlanAccion, Territorio

HOY = date(2026, 11, 18)
A4_VERTICAL = (595.28, 841.89)
OFICIO_VERTICAL = (612.0, 936.0)


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def _hojas(ruta) -> list[tuple[float, float]]:
    """(ancho, alto) de cada hoja, en orden (reportlab escribe una /MediaBox por hoja)."""
    return [(round(float(a), 2), round(float(b), 2))
            for a, b in re.findall(rb"/MediaBox \[ 0 0 ([\d.]+) ([\d.]+) \]", ruta.read_bytes())]


def _plan_demo(exp) -> int:
    from nucleo.servicios import demo_plan
    from nucleo.servicios.plan import plan_del_territorio

    with exp.transaccion() as s:
        tid = s.scalar(select(Territorio.id).where(Territorio.nombre == demo_plan.SAN_MIGUEL))
        return plan_del_territorio(s, exp.municipio_id, tid) or demo_plan.sembrar(s, exp.municipio_id, HOY)


def _imprimir(exp, tabla, pid, destino, **k):
    with exp.sesion() as s:
        return exportar_pdf(tabla, s, exp.municipio_id, destino, None, HOY, id=pid, **k)


def _fila(i: int, inicio: date, dias: int) -> SimpleNamespace:
    return SimpleNamespace(id=i, codigo=str(i), nivel=0, es_resumen=False, hito=False, nombre=f"Tarea {i}",
                           inicio=inicio, fin=inicio + timedelta(days=dias), base_inicio=None, base_fin=None,
                           predecesoras=(), critica=False, avance=0, duracion=dias)


# -- reparto del cronograma ------------------------------------------------------------------------------------------
def test_el_reparto_es_parejo_nunca_un_resto_suelto():
    assert _repartir(45, 35) == [(0, 23), (23, 45)]  # not 35 + 10
    assert _repartir(70, 35) == [(0, 35), (35, 70)]
    assert _repartir(71, 35) == [(0, 24), (24, 48), (48, 71)]
    assert _repartir(3, 35) == [(0, 3)]
    for total, capacidad in ((100, 33), (37, 36), (5, 2)):
        tramos = _repartir(total, capacidad)
        largos = [b - a for a, b in tramos]
        assert sum(largos) == total and max(largos) <= capacidad and max(largos) - min(largos) <= 1


def test_un_plan_largo_y_con_muchas_filas_se_corta_en_hojas_iguales():
    ancho, alto = 770.0, 400.0
    filas = [_fila(i, date(2027, 1, 4) + timedelta(days=9 * i), 20) for i in range(1, 61)]  # 60 rows, 19 months
    hojas = hojas_gantt(filas, HOY, ancho, alto)
    filas_por_hoja = {(h.desde, h.hasta) for h in hojas}
    ventanas = sorted({(h.inicio, h.fin) for h in hojas})
    assert len(filas_por_hoja) >= 2 and len(ventanas) >= 2
    assert len(hojas) == len(filas_por_hoja) * len(ventanas)  # every row slice in every month window
    largos = [b - a for a, b in filas_por_hoja]
    assert max(largos) - min(largos) <= 1
    meses = [(f.year - i.year) * 12 + f.month - i.month for i, f in ventanas]
    assert max(meses) - min(meses) <= 1
    # The windows cover the plan without gaps, whole months.
    assert all(v[1] == w[0] for v, w in zip(ventanas, ventanas[1:], strict=False))
    assert ventanas[0][0] == date(2027, 1, 1) and all(i.day == 1 for i, _f in ventanas)
    for h in hojas:  # each sheet fits: names, scale and legend repeated on it
        _w, alto_hoja = h.diagrama.wrap(ancho, alto)
        assert alto_hoja <= alto
        assert h.diagrama.split(ancho, alto) == [h.diagrama]
    assert (ALTO_ESCALA + ALTO_LEYENDA + MEDIDAS["a4"].alto_fila) < alto


def test_el_cronograma_de_la_demo_va_en_hojas_apaisadas(expediente_demo, tmp_path):
    pid = _plan_demo(expediente_demo)
    ruta = _imprimir(expediente_demo, "plan", pid, tmp_path / "plan.pdf")
    hojas = _hojas(ruta)
    paginas = texto_de_pdf(ruta)
    assert len(hojas) == len(paginas)
    apaisadas = [n for n, (w, h) in enumerate(hojas) if w > h]
    gantt = [n for n, p in enumerate(paginas) if "del cronograma · actividades" in _plano(p)]
    assert gantt and set(gantt) <= set(apaisadas)
    assert gantt == list(range(gantt[0], gantt[0] + len(gantt)))  # consecutive sheets
    for k, n in enumerate(gantt, start=1):
        plano = _plano(paginas[n])
        assert f"Hoja {k} de {len(gantt)} del cronograma" in plano
        assert "Código" in plano and "Actividad" in plano and "Ruta crítica" in plano  # names + legend
    # The risk matrix is landscape too; the cover, the index and the signature page are portrait.
    riesgos = next(n for n, p in enumerate(paginas) if "Mapa de calor" in _plano(p))
    assert riesgos in apaisadas
    assert hojas[0][0] < hojas[0][1] and hojas[1][0] < hojas[1][1] and hojas[-1][0] < hojas[-1][1]
    assert "10. Firmas" in _plano(paginas[-1]) and "Verificación" in _plano(paginas[-1])


# -- papel ---------------------------------------------------------------------------------------------------------
def test_el_papel_del_municipio_rige_todos_los_impresos(expediente_demo, tmp_path):
    pid = _plan_demo(expediente_demo)
    assert set(_hojas(_imprimir(expediente_demo, "presupuesto", pid, tmp_path / "a4.pdf"))) == {A4_VERTICAL}
    with expediente_demo.transaccion() as s:
        s.get(Municipio, expediente_demo.municipio_id).papel = "oficio"
    plan = set(_hojas(_imprimir(expediente_demo, "plan", pid, tmp_path / "plan.pdf")))
    assert plan == {OFICIO_VERTICAL, OFICIO_VERTICAL[::-1]}
    assert set(_hojas(_imprimir(expediente_demo, "presupuesto", pid, tmp_path / "p.pdf"))) == {OFICIO_VERTICAL}
    assert set(_hojas(_imprimir(expediente_demo, "cronograma", pid, tmp_path / "c.pdf"))) == {OFICIO_VERTICAL[::-1]}
    with expediente_demo.sesion() as s:
        exportar_pdf("actores", s, expediente_demo.municipio_id, tmp_path / "act.pdf", None, HOY)
    assert set(_hojas(tmp_path / "act.pdf")) == {OFICIO_VERTICAL[::-1]}
    # A3 stays A3: it is a size asked for, not the paper in the printer.
    with expediente_demo.sesion() as s:
        exportar_pdf("cronograma", s, expediente_demo.municipio_id, tmp_path / "a3.pdf", "a3", HOY, id=pid)
    assert set(_hojas(tmp_path / "a3.pdf")) == {(1190.55, 841.89)}


# -- revisión sancionada -----------------------------------------------------------------------------------------
def _sancionar(exp, pid: int) -> None:
    from nucleo.servicios import sancion
    from nucleo.servicios.plan import cambiar_estado

    with exp.transaccion() as s:
        if sancion.listar_revisiones(s, pid):  # the demo may already bring its revision 1 sanctioned
            return
        p = s.get(PlanAccion, pid)
        for estado in ("sancionado", "en_revision"):  # the demo plan is being executed: back to revision
            if p.estado != "en_revision":
                cambiar_estado(s, pid, estado)
        sancion.firmantes_por_defecto(s, pid)
        for k, f in enumerate(sancion.listar_firmantes(s, pid)):
            if not f.nombre:
                datos = sancion.obtener_firmante(s, f.id)
                datos.nombre = f"Firmante {k + 1}"
                sancion.actualizar_firmante(s, f.id, datos)
            sancion.registrar_firma(s, f.id, date(2026, 11, 10) + timedelta(days=k))
        sancion.sancionar(s, pid, HOY)


def test_la_revision_sancionada_sale_sin_marca_congelada_y_registrada(expediente_demo, tmp_path):
    from nucleo.modelo.sancion import DocumentoEmitido
    from nucleo.servicios import actividades as act
    from nucleo.servicios import sancion
    from nucleo.servicios.verificacion import verificar_pdf

    pid = _plan_demo(expediente_demo)
    _sancionar(expediente_demo, pid)
    with expediente_demo.sesion() as s:
        antes = s.query(DocumentoEmitido).filter_by(entidad_id=pid, tipo="plan").count()
    ruta = _imprimir(expediente_demo, "plan", pid, tmp_path / "rev1.pdf", revision=1)
    datos = ruta.read_bytes()
    assert f"/Subject (articula:plan:{pid}:1)".encode() in datos
    paginas = texto_de_pdf(ruta)
    texto = _plano(" ".join(paginas))
    assert "BORRADOR" not in texto
    assert "Sancionado el" in _plano(paginas[0])
    assert "fue sancionado el" in texto and "Firmó el" in texto and "Fecha: ____" not in texto
    with expediente_demo.sesion() as s:
        huella = sancion.listar_revisiones(s, pid)[0].huella
        emitidos = s.scalars(select(DocumentoEmitido).where(DocumentoEmitido.entidad_id == pid,
                                                            DocumentoEmitido.tipo == "plan")
                             .order_by(DocumentoEmitido.id)).all()
        assert len(emitidos) == antes + 1
        assert (emitidos[-1].revision, emitidos[-1].huella_contenido) == (1, huella)
        assert emitidos[-1].paginas == len(paginas)
        assert verificar_pdf(s, expediente_demo.municipio_id, ruta).genuino
    assert f"huella {huella[:12]}" in _plano(paginas[0])
    assert f"articula:plan:{pid}:1:{huella}" in _plano(paginas[-1]).replace(" ", "")
    # One byte changed: not genuine.
    alterado = tmp_path / "alterado.pdf"
    alterado.write_bytes(datos.replace(b"Barrio San Miguel", b"Barrio San Miguek", 1))
    with expediente_demo.sesion() as s:
        assert not verificar_pdf(s, expediente_demo.municipio_id, alterado).genuino

    # The live plan moves on (a new revision, an activity renamed); revision 1 still prints what was sanctioned.
    with expediente_demo.transaccion() as s:
        sancion.nueva_revision(s, pid)
        primera = next(f for f in act.listar_actividades(s, pid, HOY) if not f.es_resumen)
        datos_act = act.obtener_actividad(s, primera.id)
        datos_act.nombre = "Actividad renombrada después de la sanción"
        act.actualizar_actividad(s, primera.id, datos_act)
    texto = _plano(" ".join(texto_de_pdf(_imprimir(expediente_demo, "plan", pid, tmp_path / "otra.pdf",
                                                    revision=1))))
    assert "Actividad renombrada después de la sanción" not in texto and primera.nombre in texto
    vivo = texto_de_pdf(_imprimir(expediente_demo, "plan", pid, tmp_path / "vivo.pdf"))
    assert "BORRADOR — sin validez" in _plano(vivo[0]) and "revisión 2" in _plano(vivo[0])
    with expediente_demo.sesion() as s:  # two emissions of revision 1, each with its own file hash; none of the draft
        assert s.query(DocumentoEmitido).filter_by(entidad_id=pid, tipo="plan").count() == antes + 2


def test_una_revision_que_no_existe(expediente_demo, tmp_path):
    import pytest

    from nucleo.errores import ErrorDeUsuario

    pid = _plan_demo(expediente_demo)
    with pytest.raises(ErrorDeUsuario, match="no tiene la revisión 3 sancionada"):
        _imprimir(expediente_demo, "plan", pid, tmp_path / "x.pdf", revision=3)
    assert not (tmp_path / "x.pdf").exists()


def test_se_dibuja_solo_desde_la_instantanea(expediente_demo, tmp_path):
    """La misma instantánea, aunque haya pasado por JSON, da los mismos bytes (modo invariante)."""
    import json

    from nucleo.exportar.pdf.estilo import Membrete
    from nucleo.exportar.pdf.plan import dibujar_plan
    from nucleo.servicios.instantanea import canonico, instantanea_plan

    pid = _plan_demo(expediente_demo)
    with expediente_demo.sesion() as s:
        d = instantanea_plan(s, pid, HOY)
        membrete = Membrete.de(s.get(Municipio, expediente_demo.municipio_id))
    a = dibujar_plan(d, tmp_path / "a.pdf", membrete, hoy=HOY, invariante=True)
    b = dibujar_plan(json.loads(canonico(d)), tmp_path / "b.pdf", membrete, hoy=HOY, invariante=True)
    assert a.read_bytes() == b.read_bytes()


def test_una_tabla_partida_no_deja_una_fila_suelta():
    from nucleo.exportar.pdf import estilo as e
    from nucleo.exportar.pdf.plan import SinViudas

    filas = [["Código", "Texto"]] + [[str(n), f"Fila {n}"] for n in range(1, 31)]
    tabla = SinViudas(e.tabla(filas, [60, 200]), minimo=5)
    _w, alto = tabla.wrap(260, 10_000)
    por_fila = alto / len(filas)
    # Room for 29 rows out of 30 (plus the header): the natural cut would leave one row alone.
    partes = tabla.split(260, por_fila * 30 + 1)
    assert len(partes) == 2
    primera, resto = (getattr(p, "tabla", p) for p in partes)
    assert len(resto._cellvalues) - 1 >= 5 and len(primera._cellvalues) - 1 >= 5
    assert len(primera._cellvalues) + len(resto._cellvalues) - 2 == 30
    assert resto._cellvalues[0] == ["Código", "Texto"]  # the header repeats
    # At the foot of a sheet with room for two rows only: the whole table goes to the next sheet.
    assert tabla.split(260, por_fila * 3 + 1) == []
