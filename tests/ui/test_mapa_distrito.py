"""Mapa del distrito: dibujo, selección sincronizada, ubicar con clic o coordenadas, límites GeoJSON y deshacer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDialog

from nucleo import geo
from nucleo.almacen.expediente import Expediente
from nucleo.servicios.demo_ubicacion import PUNTOS, sembrar
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.territorios import (
    DatosTerritorio,
    crear_territorio,
    listar_territorios,
    obtener_territorio,
)
from nucleo.servicios.ubicacion import fijar_ubicacion
from ui.contexto import Contexto
from ui.paginas.territorios import PESTANA_MAPA, PaginaTerritorios
from ui.widgets.elementos_mapa import largo_de_escala, texto_distancia
from ui.widgets.mapa_distrito import DialogoCoordenadas, MapaDistrito

HOY = date(2026, 11, 18)
RAIZ = Path(__file__).resolve().parents[2]


@pytest.fixture
def ctx(expediente_demo):
    with expediente_demo.transaccion() as s:
        sembrar(s, expediente_demo.municipio_id, HOY)
    return Contexto(expediente_demo)


@pytest.fixture
def mapa(ctx, qtbot):
    m = MapaDistrito(ctx)
    qtbot.addWidget(m)
    m.resize(1000, 640)
    m.show()
    qtbot.waitExposed(m)
    return m


def tid_de(m: MapaDistrito, nombre: str) -> int:
    return next(t.id for t in m.datos.territorios if t.nombre == nombre)


def clic_en(qtbot, m: MapaDistrito, punto_escena: QPointF) -> None:
    pos = m.vista.mapFromScene(punto_escena)
    qtbot.mouseClick(m.vista.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def coordenadas(ctx, tid) -> tuple[float | None, float | None]:
    d = ctx.leer(lambda s: obtener_territorio(s, tid))
    return d.latitud, d.longitud


# -- lo que se ve -------------------------------------------------------------------------------------------
def test_atribucion_siempre_visible_y_sin_aviso_para_villeta(mapa):
    assert mapa.atribucion.isVisible()
    assert geo.ATRIBUCION in mapa.atribucion.text()
    # Bottom-right corner of the map, inside it.
    r = mapa.atribucion.geometry()
    area = mapa.vista.viewport().rect()
    assert area.contains(r) and r.right() > area.width() - 20 and r.bottom() > area.height() - 20
    assert mapa.tiene_limite and not mapa.aviso_sin_limite.isVisible()
    mapa.vista.acercar(8)
    assert mapa.atribucion.isVisible() and area.contains(mapa.atribucion.geometry())


def test_dibuja_los_territorios_como_puntos_y_el_poligono(mapa):
    assert sorted(mapa.marcas) == sorted(t.id for t in mapa.datos.territorios)
    assert list(mapa.limites) == [tid_de(mapa, "Compañía Cerrito")]
    for tid, marca in mapa.marcas.items():
        t = mapa.territorio(tid)
        lon, lat = mapa.proyeccion.a_grados(marca.pos())
        assert (round(lat, 6), round(lon, 6)) == PUNTOS[t.nombre]
    # The whole district is in view at first.
    visible = mapa.vista.mapToScene(mapa.vista.viewport().rect()).boundingRect()
    assert all(visible.contains(m.pos()) for m in mapa.marcas.values())
    assert mapa.leyenda.text().count("●") == 4 and "En intervención" in mapa.leyenda.text()


def test_escala_redonda():
    assert largo_de_escala(0.1) == 10
    assert largo_de_escala(0.004) == 0.2
    assert texto_distancia(0.5) == "500 m" and texto_distancia(20.0) == "20 km"


def test_zoom_con_atajos_rueda_y_ajustar(mapa, qtbot):
    inicial = mapa.vista.escala()
    mapa.vista.setFocus()
    mapa.accion_acercar.trigger()
    assert mapa.vista.escala() == pytest.approx(inicial * 1.25)
    mapa.accion_alejar.trigger()
    mapa.accion_alejar.trigger()
    assert mapa.vista.escala() < inicial
    mapa.accion_ajustar.trigger()
    assert mapa.vista.escala() == pytest.approx(inicial)
    keys = [k.toString() for k in mapa.accion_acercar.shortcuts()]
    assert "Ctrl++" in keys and mapa.accion_ajustar.shortcut().toString() == "Ctrl+0"
    # Never further out than the whole area around the district.
    for _ in range(30):
        mapa.vista.acercar(0.5)
    assert mapa.vista.escala() > 0


# -- selección ------------------------------------------------------------------------------------------------
def test_clic_en_un_punto_elige_el_territorio(mapa, qtbot):
    san_miguel = tid_de(mapa, "Barrio San Miguel")
    mapa.vista.acercar(4, mapa.vista.ViewportAnchor.AnchorViewCenter)
    mapa.vista.centerOn(mapa.marcas[san_miguel].pos())
    with qtbot.waitSignal(mapa.territorio_elegido) as senal:
        clic_en(qtbot, mapa, mapa.marcas[san_miguel].pos())
    assert senal.args == [san_miguel]
    assert mapa.elegido() == san_miguel and mapa.marcas[san_miguel].elegido
    assert "Barrio San Miguel" in mapa.pie.text()


def test_seleccionar_resalta_sin_emitir(mapa, qtbot):
    tid = tid_de(mapa, "Compañía Cerrito")
    with qtbot.assertNotEmitted(mapa.territorio_elegido):
        mapa.seleccionar(tid)
    assert mapa.marcas[tid].elegido and mapa.limites[tid].elegido
    assert sum(m.elegido for m in mapa.marcas.values()) == 1
    mapa.seleccionar(None)
    assert not any(m.elegido for m in mapa.marcas.values())
    assert not mapa.accion_ubicar.isEnabled()


def test_los_nombres_cercanos_no_se_pisan(mapa):
    mapa.vista.ajustar()
    rects = [m.rect_texto().translated(mapa.vista.mapFromScene(m.pos()).toPointF()) for m in mapa.marcas.values()]
    choques = sum(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert choques == 0


# -- ubicar con un clic -----------------------------------------------------------------------------------------
def test_ubicar_con_un_clic_y_deshacer(ctx, mapa, qtbot):
    tid = tid_de(mapa, "Barrio Industrial")
    antes = coordenadas(ctx, tid)
    mapa.seleccionar(tid)
    mapa.accion_ubicar.trigger()
    assert mapa.accion_ubicar.isChecked() and mapa.vista.modo_ubicar
    assert mapa.aviso.isVisible() and "Haga clic en el mapa donde está «Barrio Industrial»" in mapa.aviso.text()
    destino = mapa.proyeccion.a_escena(-57.5600, -25.5200)
    clic_en(qtbot, mapa, destino)
    assert not mapa.accion_ubicar.isChecked()
    lat, lon = coordenadas(ctx, tid)
    # A click lands on a pixel: within a pixel's worth of ground.
    metros_por_pixel = 1000 / mapa.vista.escala()
    assert abs(lat - -25.52) * 110_574 < 2 * metros_por_pixel
    assert abs(lon - -57.56) * 100_500 < 2 * metros_por_pixel
    assert mapa.marcas[tid].pos() == mapa.proyeccion.a_escena(lon, lat)  # redrawn there
    assert ctx.pila.undoText() == "Ubicar «Barrio Industrial» en el mapa"
    ctx.pila.undo()
    assert coordenadas(ctx, tid) == antes
    assert mapa.territorio(tid).latitud == antes[0]
    ctx.pila.redo()
    assert coordenadas(ctx, tid) == (lat, lon)


def test_ubicar_con_el_teclado_usa_el_centro_y_esc_cancela(ctx, mapa, qtbot):
    tid = tid_de(mapa, "Comunidad Yvy Porã")
    mapa.seleccionar(tid)
    mapa.ubicar(True)
    qtbot.keyClick(mapa.vista, Qt.Key.Key_Escape)
    assert not mapa.vista.modo_ubicar and not mapa.aviso.isVisible()
    assert coordenadas(ctx, tid) == PUNTOS["Comunidad Yvy Porã"]
    mapa.ubicar(True)
    centro = mapa.vista.mapToScene(mapa.vista.viewport().rect().center())
    qtbot.keyClick(mapa.vista, Qt.Key.Key_Return)
    lat, lon = coordenadas(ctx, tid)
    esperado_lon, esperado_lat = mapa.proyeccion.a_grados(centro)
    assert (lat, lon) == (round(esperado_lat, 6), round(esperado_lon, 6))


def test_clic_fuera_del_distrito_avisa_pero_guarda(ctx, mapa, qtbot):
    tid = tid_de(mapa, "Barrio Industrial")
    mapa.seleccionar(tid)
    mapa.ubicar(True)
    mensajes = []
    ctx.mensaje.connect(mensajes.append)
    mapa.vista.centerOn(mapa.proyeccion.a_escena(-57.40, -25.75))  # east of Villeta, in Nueva Italia
    clic_en(qtbot, mapa, mapa.proyeccion.a_escena(-57.40, -25.75))
    lat, lon = coordenadas(ctx, tid)
    assert lat == pytest.approx(-25.75, abs=0.01)
    assert mapa.aviso.isVisible() and "fuera del distrito" in mapa.aviso.text()
    assert mensajes and "Ctrl+Z" in mensajes[-1]


# -- coordenadas escritas ------------------------------------------------------------------------------------
def test_dialogo_de_coordenadas_acepta_coma_y_par_pegado(ctx, mapa, qtbot, monkeypatch):
    tid = tid_de(mapa, "Barrio Industrial")
    mapa.seleccionar(tid)
    abiertos = []

    def exec_falso(dialogo):
        abiertos.append(dialogo)
        dialogo.latitud.setText("-25,5097")
        dialogo.longitud.setText("-57,5614")
        dialogo.accept()
        return dialogo.result()

    monkeypatch.setattr(DialogoCoordenadas, "exec", exec_falso)
    mapa.accion_coordenadas.trigger()
    assert abiertos and abiertos[0].result() == QDialog.DialogCode.Accepted
    assert coordenadas(ctx, tid) == (-25.5097, -57.5614)
    ctx.pila.undo()
    assert coordenadas(ctx, tid) == PUNTOS["Barrio Industrial"]


def test_dialogo_de_coordenadas_marca_los_errores(ctx, qtbot):
    guardados = []

    def guardar(lat, lon):
        fijar = ctx.escribir(lambda s: fijar_ubicacion(s, ctx.municipio_id, tid, lat, lon), "territorio")
        guardados.append(fijar)

    tid = ctx.leer(lambda s: listar_territorios(s, ctx.municipio_id)[0].id)
    d = DialogoCoordenadas("Barrio", None, None, guardar)
    qtbot.addWidget(d)
    d.show()
    d.latitud.setText("abc")
    d.longitud.setText("-57,5")
    d.accept()
    assert d.result() != QDialog.DialogCode.Accepted
    assert "no es una coordenada válida" in d.error_latitud.text() and d.error_latitud.isVisible()
    # Swapped values: the service says so next to the fields.
    d.latitud.setText("-57,56")
    d.longitud.setText("-25,51")
    d.accept()
    assert "invertidas" in d.error_latitud.text() and not guardados
    # «lat, lon» pasted into the latitude field is split in two.
    d.latitud.setText("-25.50972, -57.56139")
    d.longitud.clear()
    d.accept()
    assert d.result() == QDialog.DialogCode.Accepted
    assert coordenadas(ctx, tid) == (-25.50972, -57.56139)
    assert d.longitud.text() == "-57,56139"


def test_quitar_ubicacion_y_deshacer(ctx, mapa):
    tid = tid_de(mapa, "Barrio San Miguel")
    mapa.seleccionar(tid)
    assert mapa.accion_quitar_ubicacion.isEnabled()
    mapa.accion_quitar_ubicacion.trigger()
    assert coordenadas(ctx, tid) == (None, None)
    assert tid not in mapa.marcas and "sin ubicación" in mapa.pie.text()
    assert not mapa.accion_quitar_ubicacion.isEnabled()
    ctx.pila.undo()
    assert coordenadas(ctx, tid) == PUNTOS["Barrio San Miguel"] and tid in mapa.marcas


# -- límite GeoJSON -------------------------------------------------------------------------------------------
def test_importar_limite_y_deshacer(ctx, mapa, tmp_path):
    tid = tid_de(mapa, "Barrio San Miguel")
    mapa.seleccionar(tid)
    poligono = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
        "type": "Polygon", "coordinates": [[[-57.560, -25.507], [-57.553, -25.507], [-57.553, -25.502],
                                            [-57.560, -25.502], [-57.560, -25.507]]]}}]}
    ruta = tmp_path / "san_miguel.geojson"
    ruta.write_text(json.dumps(poligono), encoding="utf-8")
    assert mapa.importar_limite(ruta)
    assert tid in mapa.limites and mapa.accion_quitar_limite.isEnabled()
    guardado = ctx.leer(lambda s: obtener_territorio(s, tid)).limite_geojson
    assert json.loads(guardado)["type"] == "Polygon"
    assert not mapa.aviso.isVisible()  # inside the district: nothing to warn about
    ctx.pila.undo()
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).limite_geojson is None
    assert tid not in mapa.limites
    ctx.pila.redo()
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).limite_geojson == guardado


def test_importar_un_archivo_malo_muestra_el_motivo(ctx, mapa, tmp_path, monkeypatch):
    errores = []
    monkeypatch.setattr(mapa, "avisar_error", lambda titulo, texto: errores.append((titulo, texto)))
    mapa.seleccionar(tid_de(mapa, "Barrio San Miguel"))
    ruta = tmp_path / "puntos.geojson"
    ruta.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-57.5, -25.5]}}] * 2}), encoding="utf-8")
    assert not mapa.importar_limite(ruta)
    assert errores[-1][0] == "No se pudo importar el límite"
    assert "tiene 2 elementos" in errores[-1][1]
    assert ctx.pila.count() == 0


def test_quitar_limite_y_deshacer(ctx, mapa):
    tid = tid_de(mapa, "Compañía Cerrito")
    antes = ctx.leer(lambda s: obtener_territorio(s, tid)).limite_geojson
    mapa.seleccionar(tid)
    mapa.accion_quitar_limite.trigger()
    assert tid not in mapa.limites
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).limite_geojson is None
    ctx.pila.undo()
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).limite_geojson == antes
    assert tid in mapa.limites


# -- distrito sin límite, solo lectura ------------------------------------------------------------------------
@pytest.fixture
def sin_limite(tmp_path):
    def preparar(s):
        mid = crear_municipio(s, DatosMunicipio(clave_ine="0918", intendente_nombre="Ejemplo",
                                                coordinador_nombre="Ejemplo"), hoy=HOY)
        a = crear_territorio(s, mid, DatosTerritorio(nombre="Barrio Centro"))
        crear_territorio(s, mid, DatosTerritorio(nombre="Compañía Sin Punto", tipo="rural"))
        fijar_ubicacion(s, mid, a, -26.095, -57.07)
        return mid

    exp = Expediente.crear(tmp_path / "sin_limite.articula", preparar)
    yield exp
    exp.cerrar()


def test_distrito_sin_limite_muestra_el_aviso_y_los_puntos(sin_limite, qtbot):
    ctx = Contexto(sin_limite)
    m = MapaDistrito(ctx)
    qtbot.addWidget(m)
    m.resize(900, 600)
    m.show()
    assert not m.tiene_limite
    assert m.aviso_sin_limite.isVisible()
    assert "no tiene límite cartográfico en los datos oficiales (creado después de 2012)" in m.aviso_sin_limite.text()
    assert m.atribucion.isVisible()
    centro = next(t.id for t in m.datos.territorios if t.nombre == "Barrio Centro")
    assert list(m.marcas) == [centro]
    visible = m.vista.mapToScene(m.vista.viewport().rect()).boundingRect()
    assert visible.contains(m.marcas[centro].pos())
    # It can still be placed with a click.
    otro = next(t.id for t in m.datos.territorios if t.nombre != "Barrio Centro")
    m.seleccionar(otro)
    m.ubicar(True)
    clic_en(qtbot, m, m.marcas[centro].pos() + QPointF(1, 1))
    assert otro in m.marcas and not m.aviso.isVisible()  # no polygon to compare with: no warning


def test_solo_lectura_desactiva_la_edicion(ctx, qtbot):
    ro = Expediente.abrir(ctx.expediente.ruta)
    try:
        assert ro.solo_lectura
        m = MapaDistrito(Contexto(ro))
        qtbot.addWidget(m)
        m.seleccionar(tid_de(m, "Compañía Cerrito"))
        for accion in (m.accion_ubicar, m.accion_coordenadas, m.accion_quitar_ubicacion, m.accion_importar,
                       m.accion_quitar_limite):
            assert not accion.isEnabled(), accion.text()
        assert m.accion_acercar.isEnabled() and m.accion_ajustar.isEnabled()
        m.ubicar(True)
        assert not m.vista.modo_ubicar
        assert not m.importar_limite(RAIZ / "no_importa.geojson")
    finally:
        ro.cerrar()


# -- en la página de territorios ------------------------------------------------------------------------------
def test_pagina_crea_el_mapa_al_abrir_la_pestana_y_sincroniza(ctx, qtbot):
    p = PaginaTerritorios(ctx, hoy=HOY)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    p.show()
    assert p.mapa is None  # nothing of the map until it is shown
    p.accion_mapa.trigger()
    assert p.detalle.currentIndex() == PESTANA_MAPA and p.mapa is not None
    assert p.mapa.barra.isVisible()
    # Table -> map.
    industrial = next(f.id for f in p.modelo.filas() if f.nombre == "Barrio Industrial")
    p.seleccionar(industrial)
    assert p.mapa.elegido() == industrial
    # Map -> table, even through a filter that hides the territory.
    p.filtro.setText("San Miguel")
    cerrito = next(f.id for f in p.modelo.filas() if f.nombre == "Compañía Cerrito")
    p.mapa.territorio_elegido.emit(cerrito)
    assert p.territorio_actual() == cerrito and p.filtro.text() == ""
    # Back to the ficha: the map's tools go away with it.
    p.detalle.setCurrentIndex(0)
    assert not p.mapa.barra.isVisible()


def test_el_arranque_no_carga_la_geografia(expediente_demo, tmp_path):
    # In a fresh interpreter: other tests in this run may already have imported nucleo.geo.
    ruta = expediente_demo.ruta
    expediente_demo.cerrar()
    codigo = f"""
import sys
from PySide6.QtWidgets import QApplication
from ui.app import iniciar_qt
app = iniciar_qt(["articula"])
from nucleo.almacen.expediente import Expediente
from ui import ajustes
from ui.ventana_principal import VentanaPrincipal
w = VentanaPrincipal(Expediente.abrir({str(ruta)!r}, respaldar=False), ajustes.usar_archivo({str(tmp_path / 'a.ini')!r}))
w.resize(1280, 800)
w.show()
app.processEvents()
antes = [m for m in ("nucleo.geo", "ui.widgets.mapa_distrito", "nucleo.servicios.ubicacion") if m in sys.modules]
pagina = w.pagina("territorios")
pagina.ver_mapa()
app.processEvents()
import nucleo.geo
print(antes, pagina.mapa is not None, nucleo.geo._limites.cache_info().currsize)
w.close()
"""
    entorno = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, cwd=RAIZ, env=entorno,
                            timeout=120)
    assert salida.returncode == 0, salida.stderr
    assert salida.stdout.strip().splitlines()[-1] == "[] True 1"
