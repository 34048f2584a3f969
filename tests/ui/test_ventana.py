"""La ventana principal sobre el expediente de demostración: encabezado, navegación, atajos, deshacer, solo lectura,
copias, respaldos y expedientes recientes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from nucleo.almacen import respaldo
from nucleo.almacen.bloqueo import Bloqueo
from nucleo.almacen.expediente import Expediente, integridad_de_archivo
from nucleo.errores import ErrorDeUsuario
from nucleo.servicios.demo import crear_demo
from nucleo.servicios.territorios import (
    DatosTerritorio,
    contar_territorios,
    crear_territorio,
    eliminar_territorio,
    restaurar_territorio,
)
from ui import ajustes as modulo_ajustes
from ui import ventana_principal
from ui.acciones import Accion
from ui.contexto import ComandoServicio
from ui.ventana_principal import VentanaPrincipal, abrir_con_recuperacion

HOY = date(2026, 11, 18)


@pytest.fixture
def ajustes(tmp_path):
    # Never the user's real settings: a temporary INI file for each test.
    a = modulo_ajustes.usar_archivo(tmp_path / "ajustes.ini")
    yield a
    modulo_ajustes.usar(None)


@pytest.fixture
def ventana(qtbot, expediente_demo, ajustes):
    w = VentanaPrincipal(expediente_demo, ajustes)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    # Opening backs the file up in the background right after the window is built: let it finish.
    qtbot.waitUntil(lambda: w._tarea_respaldo is not None and not w._tarea_respaldo.en_curso)
    return w


def test_al_abrir_se_respalda_en_segundo_plano(ventana):
    assert len(respaldo.respaldos_de(ventana.expediente.ruta)) == 1


def _textos_navegacion(w: VentanaPrincipal) -> list[str]:
    return [w.navegacion.item(i).text() for i in range(w.navegacion.count())]


def _atajos(accion) -> list[str]:
    return [s.toString(QKeySequence.SequenceFormat.PortableText) for s in accion.shortcuts()]


def _crear_territorio(ctx, nombre: str) -> int:
    mid = ctx.municipio_id
    return ctx.ejecutar(ComandoServicio(
        ctx, f"Crear territorio {nombre}", "territorio",
        hacer=lambda s: crear_territorio(s, mid, DatosTerritorio(nombre=nombre)),
        deshacer=lambda s, tid: eliminar_territorio(s, tid),
        rehacer=lambda s, copia: restaurar_territorio(s, copia),
    ))


def test_encabezado_y_navegacion_con_las_paginas_que_funcionan(ventana):
    assert "Municipalidad de Villeta" in ventana.titulo_municipio.text()
    assert "Departamento Central" in ventana.titulo_municipio.text()
    assert "Villeta.articula" in ventana.archivo.text()
    assert _textos_navegacion(ventana) == ["Territorios", "Actores", "Mapa de Oportunidades", "Hoja de ruta",
                                          "Diagnóstico", "Plan de Acción", "Mesas", "Convenios"]
    assert [c.clave for c in ventana_principal.PAGINAS] == ["territorios", "actores", "oportunidades", "hoja_de_ruta",
                                                          "diagnostico", "plan", "mesas", "convenios"]
    assert list(ventana.paginas) == ["territorios"]  # a page is built the first time it is shown
    assert type(ventana.pagina("territorios")).__name__ == "PaginaTerritorios"
    assert type(ventana.pagina("hoja_de_ruta")).__name__ == "PaginaHojaDeRuta"
    assert type(ventana.pagina("actores")).__name__ == "PaginaActores"
    assert type(ventana.pagina("oportunidades")).__name__ == "PaginaOportunidades"
    assert "5 territorios" in ventana.conteos.text()
    assert ventana.aviso_solo_lectura.isHidden()
    menus = [a.text().replace("&", "") for a in ventana.menuBar().actions()]
    assert menus == ["Archivo", "Editar", "Ver", "Herramientas", "Ayuda"]


def test_atajos_estandar(ventana):
    a = ventana.acciones
    assert _atajos(a[Accion.DESHACER]) == ["Ctrl+Z"]
    assert _atajos(a[Accion.REHACER]) == ["Ctrl+Y", "Ctrl+Shift+Z"]
    assert _atajos(a[Accion.NUEVO]) == ["Ctrl+N"]
    assert _atajos(a[Accion.ABRIR]) == ["Ctrl+O"]
    assert _atajos(a[Accion.GUARDAR_COPIA]) == ["Ctrl+Shift+S"]
    assert _atajos(a[Accion.BUSCAR]) == ["Ctrl+F"]
    assert _atajos(a[Accion.ACERCA_DE]) == ["F1"]
    assert _atajos(a[Accion.SALIR]) == ["Ctrl+Q"]
    assert _atajos(a.pagina("territorios")) == ["Ctrl+1"]
    assert _atajos(a.pagina("actores")) == ["Ctrl+2"]
    assert _atajos(a.pagina("oportunidades")) == ["Ctrl+3"]
    assert _atajos(a.pagina("hoja_de_ruta")) == ["Ctrl+4"]
    # Every shortcut belongs to one action only.
    todos = [k for accion in a.todas() for k in _atajos(accion)]
    assert len(todos) == len(set(todos))


def test_deshacer_y_rehacer_desde_el_menu(ventana):
    ctx = ventana.ctx
    deshacer, rehacer = ventana.acciones[Accion.DESHACER], ventana.acciones[Accion.REHACER]
    assert not deshacer.isEnabled()
    _crear_territorio(ctx, "Barrio Nuevo")
    assert ctx.leer(lambda s: contar_territorios(s, ctx.municipio_id)) == 6
    assert deshacer.isEnabled()
    assert deshacer.text() == "&Deshacer «Crear territorio Barrio Nuevo»"
    assert "6 territorios" in ventana.conteos.text()

    deshacer.trigger()
    assert ctx.leer(lambda s: contar_territorios(s, ctx.municipio_id)) == 5
    assert rehacer.text() == "&Rehacer «Crear territorio Barrio Nuevo»"
    assert "5 territorios" in ventana.conteos.text()

    rehacer.trigger()
    assert ctx.leer(lambda s: contar_territorios(s, ctx.municipio_id)) == 6


def test_ver_y_navegar_cambian_de_pagina(ventana, monkeypatch):
    ventana.acciones.pagina("hoja_de_ruta").trigger()
    assert ventana.pagina_actual_clave() == "hoja_de_ruta"
    assert ventana.navegacion.currentRow() == [c.clave for c in ventana_principal.PAGINAS].index("hoja_de_ruta")
    ventana.navegacion.setCurrentRow(0)
    assert ventana.pagina_actual_clave() == "territorios"

    pedidos = []
    monkeypatch.setattr(ventana.pagina("hoja_de_ruta"), "mostrar_territorio", pedidos.append)
    ventana.ctx.navegar.emit("hoja_de_ruta", 3)
    assert ventana.pagina_actual_clave() == "hoja_de_ruta"
    assert pedidos == [3]


def test_buscar_va_a_la_pagina_actual(ventana, monkeypatch):
    llamadas = []
    monkeypatch.setattr(ventana.pagina("territorios"), "buscar", lambda: llamadas.append("territorios"))
    ventana.mostrar_pagina("territorios")
    ventana.acciones[Accion.BUSCAR].trigger()
    assert llamadas == ["territorios"]


def test_mensajes_del_contexto_en_la_barra_de_estado(ventana):
    ventana.ctx.mensaje.emit("Territorio guardado")
    assert ventana.statusBar().currentMessage() == "Territorio guardado"


def test_segunda_apertura_queda_en_solo_lectura(qtbot, ventana, ajustes):
    segunda = Expediente.abrir(ventana.expediente.ruta)
    assert segunda.solo_lectura
    otra = VentanaPrincipal(segunda, ajustes)
    qtbot.addWidget(otra)
    assert not otra.aviso_solo_lectura.isHidden()
    texto = otra.aviso_solo_lectura.text()
    assert "Solo lectura" in texto and "Los cambios no se pueden guardar aquí" in texto
    assert segunda.titular_bloqueo and segunda.titular_bloqueo in texto
    assert not otra.indicador_solo_lectura.isHidden()
    assert "solo lectura" in otra.windowTitle()
    assert not otra.acciones[Accion.RESPALDAR].isEnabled()
    assert not otra.pagina("territorios").accion_nuevo.isEnabled()
    with pytest.raises(ErrorDeUsuario):
        otra.ctx.escribir(lambda s: crear_territorio(s, otra.ctx.municipio_id, DatosTerritorio(nombre="X")),
                          "territorio")
    # The first window keeps writing.
    assert ventana.aviso_solo_lectura.isHidden()
    assert ventana.pagina("territorios").accion_nuevo.isEnabled()


def test_guardar_una_copia_verificada(qtbot, ventana, tmp_path):
    _crear_territorio(ventana.ctx, "Barrio de la Copia")
    destino = tmp_path / "copias" / "Villeta copia.articula"
    tarea = ventana.guardar_copia_en(destino)
    qtbot.waitUntil(lambda: not tarea.en_curso)
    assert destino.exists()
    assert integridad_de_archivo(destino) is None
    assert "verificada" in ventana.statusBar().currentMessage()
    with Expediente.abrir(destino, respaldar=False) as copia, copia.sesion() as s:
        assert contar_territorios(s, copia.municipio_id) == 6


def test_respaldar_ahora_y_respaldo_diario(qtbot, ventana):
    ruta = ventana.expediente.ruta
    antes = len(respaldo.respaldos_de(ruta))
    tarea = ventana.respaldar_ahora()
    qtbot.waitUntil(lambda: not tarea.en_curso)
    assert len(respaldo.respaldos_de(ruta)) == antes + 1
    # A backup less than a day old: the hourly check does nothing.
    assert ventana.respaldo_diario() is None
    for copia in respaldo.respaldos_de(ruta):
        copia.unlink()
    tarea = ventana.respaldo_diario()
    assert tarea is not None
    qtbot.waitUntil(lambda: not tarea.en_curso)
    assert len(respaldo.respaldos_de(ruta)) == 1
    assert ventana.temporizador_respaldo.isActive()


def test_abrir_otro_expediente_cierra_el_anterior_y_recuerda_recientes(qtbot, ventana, ajustes, tmp_path):
    primera = ventana.expediente.ruta
    assert ajustes.recientes() == [primera]
    otra_ruta = tmp_path / "otro" / "Otro.articula"
    crear_demo(otra_ruta, hoy=HOY).cerrar()

    assert ventana.abrir_ruta(otra_ruta)
    assert ventana.expediente.ruta == otra_ruta.resolve()
    assert ventana.pagina_actual_clave() == "territorios"
    assert ventana.pagina("territorios").ctx is ventana.ctx
    assert "Otro.articula" in ventana.archivo.text()
    # The first file was closed: its lock is free again.
    bloqueo = Bloqueo(primera)
    assert bloqueo.adquirir()
    bloqueo.liberar()

    assert ajustes.recientes() == [otra_ruta.resolve(), primera]
    assert ajustes["ultimo_expediente"] == str(otra_ruta.resolve())
    ventana._actualizar_recientes()
    textos = [a.text() for a in ventana.menu_recientes.actions()]
    assert textos == ["&1  Otro.articula", "&2  Villeta.articula"]

    # Settings survive: a new Ajustes over the same file reads the same list; a vanished file leaves the list.
    mismo = modulo_ajustes.Ajustes(type(ajustes.q)(ajustes.q.fileName(), ajustes.q.format()))
    assert mismo.recientes() == [otra_ruta.resolve(), primera]
    ventana.menu_recientes.actions()[1].trigger()
    assert ventana.expediente.ruta == primera


def test_recientes_maximo_y_archivos_que_faltan(ajustes, tmp_path):
    rutas = []
    for n in range(10):
        r = tmp_path / f"e{n}.articula"
        r.write_bytes(b"")
        ajustes.agregar_reciente(r)
        rutas.append(r.resolve())
    assert ajustes.recientes() == list(reversed(rutas))[:8]
    rutas[9].unlink()
    assert ajustes.recientes()[0] == rutas[8]


def test_recuerda_pagina_y_geometria(qtbot, expediente_demo, ajustes, tmp_path):
    w = VentanaPrincipal(expediente_demo, ajustes)
    qtbot.addWidget(w)
    w.resize(1100, 720)
    w.mostrar_pagina("hoja_de_ruta")
    w.close()
    assert not ajustes["geometria"].isEmpty()
    assert ajustes["ultima_pagina"] == "hoja_de_ruta"
    otra = VentanaPrincipal(Expediente.abrir(expediente_demo.ruta), ajustes)
    qtbot.addWidget(otra)
    assert otra.pagina_actual_clave() == "hoja_de_ruta"
    assert not otra.expediente.solo_lectura  # closing the first window released the file


def test_expediente_danado_ofrece_abrir_el_ultimo_respaldo(qtbot, tmp_path, monkeypatch):
    ruta = tmp_path / "Villeta.articula"
    exp = crear_demo(ruta, hoy=HOY)
    exp.respaldo_automatico()
    exp.cerrar()
    danado = b"esto ya no es una base de datos" * 100
    ruta.write_bytes(danado)
    preguntas = []
    monkeypatch.setattr(ventana_principal, "preguntar_recuperacion",
                        lambda parent, exc, respaldos: preguntas.append((exc.mensaje, respaldos)) or True)

    recuperado = abrir_con_recuperacion(None, ruta)
    assert recuperado is not None
    try:
        assert "no es un expediente" in preguntas[0][0]
        assert len(preguntas[0][1]) == 1
        assert recuperado.ruta.parent == ruta.parent.resolve()
        assert recuperado.ruta.name == f"Villeta (recuperado {date.today():%Y-%m-%d}).articula"
        assert recuperado.municipio_id is not None and not recuperado.solo_lectura
        assert ruta.read_bytes() == danado  # the original is never overwritten
    finally:
        recuperado.cerrar()


def test_expediente_danado_sin_respaldos_no_abre_nada(tmp_path, monkeypatch):
    ruta = tmp_path / "Roto.articula"
    ruta.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    monkeypatch.setattr(ventana_principal, "preguntar_recuperacion", lambda parent, exc, respaldos: False)
    assert abrir_con_recuperacion(None, ruta) is None
    assert not [p for p in Path(tmp_path).iterdir() if "recuperado" in p.name]


def test_ventana_para_abre_y_arma_sin_mostrar(qtbot, ajustes, tmp_path):
    from ui.app import ventana_para

    ruta = tmp_path / "Bench.articula"
    crear_demo(ruta, hoy=HOY).cerrar()
    w = ventana_para(ruta)
    qtbot.addWidget(w)
    assert not w.isVisible()
    assert w.expediente.ruta == ruta.resolve() and not w.expediente.solo_lectura
    assert "Villeta" in w.titulo_municipio.text()


def test_abrir_el_mismo_expediente_no_lo_duplica(ventana):
    ruta = ventana.expediente.ruta
    assert ventana.abrir_ruta(ruta)
    assert ventana.expediente.ruta == ruta and not ventana.expediente.solo_lectura


def test_datos_del_municipio_actualizan_el_encabezado(ventana):
    from ui.dialogos.municipio import DialogoMunicipio

    dialogo = DialogoMunicipio(ventana.ctx, ventana)
    dialogo.campos["coordinador_nombre"].setText("Rosa Nueva Ficticia")
    assert dialogo.guardar()
    assert "Coordinación: Rosa Nueva Ficticia" in ventana.autoridades.text()
    ventana.acciones[Accion.DESHACER].trigger()
    assert "Coordinación: María Prueba Ficticia" in ventana.autoridades.text()


def test_navegar_a_un_actor_lo_elige_en_su_pagina(qtbot, ventana):
    ventana.navegar("actores", 7)
    pagina = ventana.pagina("actores")
    assert ventana.pagina_actual_clave() == "actores"
    assert pagina.actor_actual() == 7
