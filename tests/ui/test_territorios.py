"""Página de Territorios y su diálogo: lo que el coordinador ve y hace con la lista."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from nucleo.almacen.expediente import Expediente
from nucleo.errores import ErrorDeUsuario
from nucleo.servicios.actores import listar_actores
from nucleo.servicios.hoja_de_ruta import (
    adjuntar_documento,
    contenido_documento,
    listar_documentos,
    resumen_ruta,
)
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.plan import cambiar_estado, plan_del_territorio
from nucleo.servicios.territorios import (
    actualizar_territorio,
    contar_territorios,
    obtener_territorio,
)
from ui.contexto import Contexto
from ui.dialogos.actor_simple import DialogoActorSimple
from ui.dialogos.territorio import DialogoTerritorio, leer_coordenada
from ui.modelos.tabla import ROL_FILA
from ui.paginas.territorios import COL_POBLACION, PaginaTerritorios

HOY = date(2026, 11, 18)
DEMO = ["Asentamiento Costa Azul", "Barrio Industrial", "Barrio San Miguel", "Compañía Cerrito",
        "Comunidad Yvy Porã"]


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def pagina(ctx, qtbot):
    p = PaginaTerritorios(ctx, hoy=HOY)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


def nombres_visibles(p: PaginaTerritorios) -> list[str]:
    return [p.proxy.index(r, 0).data(ROL_FILA).nombre for r in range(p.proxy.rowCount())]


def id_de(p: PaginaTerritorios, nombre: str) -> int:
    return next(f.id for f in p.modelo.filas() if f.nombre == nombre)


def dialogo_nuevo(ctx, qtbot, parent=None, **campos) -> DialogoTerritorio:
    d = DialogoTerritorio(ctx, None, parent)
    qtbot.addWidget(d)
    for campo, texto in campos.items():
        getattr(d, campo).setText(texto)
    return d


def error_de(d: DialogoTerritorio, campo: str) -> str:
    etiqueta = d._etiquetas_error[campo]
    return "" if etiqueta.isHidden() else etiqueta.text()


# -- lista ------------------------------------------------------------------------------------------------
def test_modelo_y_proxy_pasan_el_verificador_de_qt(pagina, qtmodeltester):
    qtmodeltester.check(pagina.modelo)
    qtmodeltester.check(pagina.proxy)


def test_la_lista_muestra_los_cinco_territorios_de_la_demo(pagina):
    assert nombres_visibles(pagina) == DEMO
    assert pagina.estado.text() == "5 territorios · 2 en intervención"
    fila = next(f for f in pagina.modelo.filas() if f.nombre == "Barrio San Miguel")
    n = pagina.modelo.buscar_id(fila.id)
    textos = [pagina.modelo.index(n, c).data() for c in range(pagina.modelo.columnCount())]
    assert textos[:7] == ["Barrio San Miguel", "Urbano", "En intervención", "4.350", "1.120",
                          "Comisión Vecinal San Miguel (ficticia)", "3 de 3"]
    assert textos[7].startswith("5 · ")
    assert textos[9] == "75%"
    assert pagina.modelo.index(n, COL_POBLACION).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    # The first territory is chosen so the detail panel is never blank.
    assert pagina.territorio_actual() == id_de(pagina, DEMO[0])


def test_filtro_de_texto_y_de_estado_reducen_la_lista(pagina):
    pagina.filtro.setText("cerrito")
    assert nombres_visibles(pagina) == ["Compañía Cerrito"]
    pagina.filtro.setText("vecinal")  # the organisation's name is searched too
    assert nombres_visibles(pagina) == ["Barrio San Miguel"]
    pagina.filtro.clear()
    pagina.filtro_estado.setCurrentIndex(pagina.filtro_estado.findData("seleccionado"))
    assert nombres_visibles(pagina) == ["Asentamiento Costa Azul", "Comunidad Yvy Porã"]
    assert pagina.estado.text() == "Se muestran 2 de 5 territorios · 2 en intervención"
    pagina.filtro_tipo.setCurrentIndex(pagina.filtro_tipo.findData("indigena"))
    assert nombres_visibles(pagina) == ["Comunidad Yvy Porã"]
    pagina.filtro.setText("no existe")
    assert nombres_visibles(pagina) == []
    assert "Ningún territorio coincide" in pagina.ficha.toPlainText()
    pagina.limpiar_filtros()
    assert len(nombres_visibles(pagina)) == 5


def test_ordenar_por_poblacion_haciendo_clic_en_la_cabecera(pagina, qtbot):
    pagina.show()
    qtbot.waitExposed(pagina)
    cabecera = pagina.tabla.horizontalHeader()
    x = cabecera.sectionViewportPosition(COL_POBLACION) + cabecera.sectionSize(COL_POBLACION) // 2
    qtbot.mouseClick(cabecera.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, cabecera.height() // 2))
    poblaciones = [pagina.proxy.index(r, 0).data(ROL_FILA).poblacion for r in range(5)]
    assert cabecera.sortIndicatorSection() == COL_POBLACION
    assert poblaciones in (sorted(poblaciones), sorted(poblaciones, reverse=True))
    orden_anterior = poblaciones
    qtbot.mouseClick(cabecera.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, cabecera.height() // 2))
    poblaciones = [pagina.proxy.index(r, 0).data(ROL_FILA).poblacion for r in range(5)]
    assert poblaciones == list(reversed(orden_anterior))
    assert pagina.proxy.index(0, COL_POBLACION).data() in ("620", "4.350")


def test_la_ficha_muestra_criterios_espacio_y_proximo_paso(pagina, ctx):
    pagina.seleccionar(id_de(pagina, "Barrio San Miguel"))
    texto = pagina.ficha.toPlainText()
    assert "Barrio San Miguel" in texto
    assert "Comisión Vecinal San Miguel (ficticia)" in texto
    assert "Centro comunitario Miguel" in texto
    siguiente = ctx.leer(lambda s: resumen_ruta(s, id_de(pagina, "Barrio San Miguel"), HOY)).texto_siguiente
    assert siguiente in texto
    pagina.seleccionar(id_de(pagina, "Barrio Industrial"))
    texto = pagina.ficha.toPlainText()
    assert "Sin organización indicada" in texto and "Sin describir" in texto


def test_pagina_vacia_invita_a_crear_el_primer_territorio(tmp_path, qtbot):
    exp = Expediente.crear(tmp_path / "vacio.articula", lambda s: crear_municipio(s, DatosMunicipio(
        clave_ine="1116", intendente_nombre="Intendente Ficticio", coordinador_nombre="Coordinadora Ficticia"),
        hoy=HOY))
    try:
        p = PaginaTerritorios(Contexto(exp), hoy=HOY)
        qtbot.addWidget(p)
        assert p.pila_vistas.currentIndex() == 1
        assert p.mensaje_vacio.text() == "Todavía no hay territorios. Cree el primero con «Nuevo territorio»."
        assert p.estado.text().startswith("0 territorios")
        assert p.accion_nuevo.isEnabled() and not p.accion_eliminar.isEnabled()
    finally:
        exp.cerrar()


def test_buscar_enfoca_el_filtro_y_selecciona_su_texto(pagina, qtbot):
    pagina.show()
    qtbot.waitExposed(pagina)
    pagina.filtro.setText("barrio")
    pagina.buscar()
    with qtbot.waitActive(pagina):
        pagina.activateWindow()
    pagina.tabla.setFocus()
    pagina.buscar()
    assert pagina.filtro.selectedText() == "barrio"
    assert QApplication.focusWidget() is pagina.filtro


def test_ver_hoja_de_ruta_pide_navegar_con_el_territorio(pagina, ctx, qtbot):
    tid = id_de(pagina, "Compañía Cerrito")
    pagina.seleccionar(tid)
    with qtbot.waitSignal(ctx.navegar) as senal:
        pagina.accion_ruta.trigger()
    assert senal.args == ["hoja_de_ruta", tid]


def test_refresca_al_cambiar_y_conserva_el_elegido(pagina, ctx):
    cerrito = id_de(pagina, "Compañía Cerrito")
    pagina.seleccionar(cerrito)
    industrial = id_de(pagina, "Barrio Industrial")
    datos = ctx.leer(lambda s: obtener_territorio(s, industrial))
    datos.nombre = "Barrio Industrial Norte"
    ctx.escribir(lambda s: actualizar_territorio(s, industrial, datos), "territorio")
    assert "Barrio Industrial Norte" in nombres_visibles(pagina)
    assert pagina.territorio_actual() == cerrito

def test_solo_refresca_si_cambio_algo_que_muestra(pagina, ctx, monkeypatch):
    recargas = []
    monkeypatch.setattr(pagina, "recargar", lambda: recargas.append(1))
    ctx.cambiado.emit({"municipio"})
    ctx.cambiado.emit({"documento"})
    assert recargas == []
    for que in ("territorio", "etapa", "actor", "dia_especial"):
        ctx.cambiado.emit({que})
    assert len(recargas) == 4


# -- crear, deshacer, rehacer -------------------------------------------------------------------------------
def test_crear_desde_el_dialogo_agrega_la_fila_y_sus_ocho_etapas(pagina, ctx, qtbot):
    d = dialogo_nuevo(ctx, qtbot, pagina, nombre="Barrio Nuevo", poblacion="1.500", hogares="400",
                      latitud="-25,5097", longitud="-57.5614")
    d.inicio_ruta.fijar(date(2026, 11, 2))
    assert d.guardar()
    tid = d.territorio_id
    assert tid is not None
    assert len(nombres_visibles(pagina)) == 6 and "Barrio Nuevo" in nombres_visibles(pagina)
    guardado = ctx.leer(lambda s: obtener_territorio(s, tid))
    assert (guardado.poblacion, guardado.hogares) == (1500, 400)
    assert guardado.latitud == pytest.approx(-25.5097) and guardado.longitud == pytest.approx(-57.5614)
    ruta = ctx.leer(lambda s: resumen_ruta(s, tid, HOY))
    assert [e.codigo for e in ruta.etapas] == ["1-a", "1-b", "1-c", "2", "3", "4", "5", "6"]

    ctx.pila.undo()
    assert "Barrio Nuevo" not in nombres_visibles(pagina)
    with pytest.raises(ErrorDeUsuario):
        ctx.leer(lambda s: obtener_territorio(s, tid))
    ctx.pila.redo()
    assert "Barrio Nuevo" in nombres_visibles(pagina)
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).nombre == "Barrio Nuevo"  # same id
    assert len(ctx.leer(lambda s: resumen_ruta(s, tid, HOY)).etapas) == 8


def test_poblacion_negativa_se_marca_junto_al_campo_y_no_guarda(pagina, ctx, qtbot):
    d = dialogo_nuevo(ctx, qtbot, pagina, nombre="Barrio Negativo", poblacion="-5")
    assert not d.guardar()
    assert "no puede ser negativa" in error_de(d, "poblacion")
    assert d.pestanas.currentIndex() == 0
    assert ctx.leer(lambda s: contar_territorios(s, ctx.municipio_id)) == 5
    assert ctx.pila.count() == 0
    assert len(nombres_visibles(pagina)) == 5


def test_numeros_y_fechas_ilegibles_se_marcan_sin_traza(ctx, qtbot):
    d = dialogo_nuevo(ctx, qtbot, nombre="Barrio X", hogares="12x", longitud="-57,5,1")
    d.inicio_ruta.editor.setText("31/02/2026")
    assert not d.guardar()
    assert "no es un número válido" in error_de(d, "hogares")
    assert "no existe" in error_de(d, "inicio_ruta")
    assert "coordenada" in error_de(d, "longitud")
    assert d.pestanas.currentIndex() == 0  # the tab of the first error in form order
    assert "«General»" in d.error_general.text() and "«Ubicación y caracterización»" in d.error_general.text()
    assert ctx.pila.count() == 0


def test_seleccionado_sin_criterios_muestra_los_tres_errores(ctx, qtbot):
    d = dialogo_nuevo(ctx, qtbot, nombre="Barrio Sin Criterios")
    d.estado.setCurrentIndex(d.estado.findData("seleccionado"))
    assert not d.guardar()
    assert "criterio a" in error_de(d, "identidad_propia")
    assert "criterio b" in error_de(d, "organizacion_id")
    assert "criterio c" in error_de(d, "riesgos_diversos")
    assert d.pestanas.currentIndex() == 1
    # With the three criteria answered the same territory is saved.
    d.identidad_propia.setCurrentIndex(d.identidad_propia.findData(True))
    d.organizacion.setCurrentIndex(1)
    d.riesgos_diversos.setPlainText("Inundaciones, desempleo y deserción escolar.")
    assert d.guardar()
    assert ctx.leer(lambda s: obtener_territorio(s, d.territorio_id)).estado == "seleccionado"


def test_editar_y_deshacer_vuelve_a_los_datos_anteriores(pagina, ctx, qtbot):
    tid = id_de(pagina, "Barrio Industrial")
    d = DialogoTerritorio(ctx, tid, pagina)
    qtbot.addWidget(d)
    assert d.nombre.text() == "Barrio Industrial" and d.poblacion.text() == "3.100"
    d.poblacion.setText("3.250")
    d.caracterizacion.setPlainText("Zona de fábricas y viviendas obreras.")
    assert d.guardar()
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).poblacion == 3250
    ctx.pila.undo()
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).poblacion == 3100
    ctx.pila.redo()
    assert ctx.leer(lambda s: obtener_territorio(s, tid)).caracterizacion == "Zona de fábricas y viviendas obreras."


def test_nueva_organizacion_queda_elegida_y_se_puede_deshacer(ctx, qtbot):
    d = dialogo_nuevo(ctx, qtbot, nombre="Barrio Con Organización")
    a = DialogoActorSimple(ctx, d)
    qtbot.addWidget(a)
    a.nombre.setText("Comisión Vecinal Nueva (ficticia)")
    a.telefono.setText("0981 000 999")
    a.contacto.setText("Sra. Ejemplo (ficticia)")
    assert a.guardar()
    d.organizacion_creada(a.actor_id)
    assert d.organizacion.currentData() == a.actor_id
    assert d.organizacion.currentText() == "Comisión Vecinal Nueva (ficticia)"
    ctx.pila.undo()
    assert all(f.id != a.actor_id for f in ctx.leer(lambda s: listar_actores(s, ctx.municipio_id)))
    ctx.pila.redo()
    assert any(f.id == a.actor_id for f in ctx.leer(lambda s: listar_actores(s, ctx.municipio_id)))


def test_organizacion_con_correo_invalido_se_marca(ctx, qtbot):
    a = DialogoActorSimple(ctx)
    qtbot.addWidget(a)
    a.nombre.setText("Comité (ficticio)")
    a.correo.setText("sin-arroba")
    assert not a.guardar()
    assert a.actor_id is None and ctx.pila.count() == 0


def test_cargar_geojson_valido_y_malformado(ctx, qtbot, tmp_path):
    d = dialogo_nuevo(ctx, qtbot, nombre="Barrio Con Límite")
    malo = tmp_path / "malo.geojson"
    malo.write_text("{esto no es json", encoding="utf-8")
    assert not d.cargar_geojson(malo)
    assert "«malo.geojson» no es un GeoJSON válido" in error_de(d, "limite_geojson")
    assert d.pestanas.currentIndex() == 3

    bueno = tmp_path / "limite.geojson"
    anillo = [[-57.56, -25.50], [-57.55, -25.50], [-57.55, -25.51], [-57.56, -25.51], [-57.56, -25.50]]
    bueno.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [anillo]}}]}),
        encoding="utf-8")
    assert d.cargar_geojson(bueno)
    assert error_de(d, "limite_geojson") == ""
    assert d.limite_texto.text() == "Límite cargado: 1 polígono, 5 vértices."
    assert d.guardar()
    assert "Polygon" in ctx.leer(lambda s: obtener_territorio(s, d.territorio_id)).limite_geojson


def test_leer_coordenada_acepta_coma_y_punto():
    assert leer_coordenada("-25,5097") == pytest.approx(-25.5097)
    assert leer_coordenada(" -57.5614 ") == pytest.approx(-57.5614)
    assert leer_coordenada("") is None
    with pytest.raises(ValueError, match="coordenada"):
        leer_coordenada("1.234,5")


def test_pegar_latitud_y_longitud_juntas(ctx, qtbot):
    d = dialogo_nuevo(ctx, qtbot)
    d.latitud.setText("-25.50972, -57.56139")
    d.latitud.editingFinished.emit()
    assert (d.latitud.text(), d.longitud.text()) == ("-25,50972", "-57,56139")


# -- eliminar -----------------------------------------------------------------------------------------------
def test_eliminar_y_deshacer_restaura_etapas_y_documentos(pagina, ctx, monkeypatch):
    tid = id_de(pagina, "Barrio San Miguel")
    etapa = ctx.leer(lambda s: resumen_ruta(s, tid, HOY)).etapas[0].id
    doc = ctx.escribir(lambda s: adjuntar_documento(s, etapa, "acta.pdf", "Acta firmada", contenido=b"%PDF-1.4 acta"),
                       "documento")
    # Its Plan de Acción is being executed: a commitment that goes only once the plan is closed.
    plan_id = ctx.leer(lambda s: plan_del_territorio(s, ctx.municipio_id, tid))
    ctx.escribir(lambda s: cambiar_estado(s, plan_id, "cerrado"), "plan")
    pagina.seleccionar(tid)
    preguntas = []
    monkeypatch.setattr(pagina, "confirmar", lambda texto: preguntas.append(texto) or True)
    pagina.eliminar()
    assert "«Barrio San Miguel»" in preguntas[0]
    assert "1 documento adjunto" in preguntas[0] and "Ctrl+Z" in preguntas[0]
    assert "Barrio San Miguel" not in nombres_visibles(pagina)
    assert pagina.territorio_actual() is not None  # the next row takes its place

    ctx.pila.undo()
    assert "Barrio San Miguel" in nombres_visibles(pagina)
    ruta = ctx.leer(lambda s: resumen_ruta(s, tid, HOY))
    assert len(ruta.etapas) == 8 and ruta.cumplidas == 6
    assert [d.id for d in ctx.leer(lambda s: listar_documentos(s, etapa))] == [doc]
    assert ctx.leer(lambda s: contenido_documento(s, doc)) == ("acta.pdf", b"%PDF-1.4 acta")
    ctx.pila.redo()
    assert "Barrio San Miguel" not in nombres_visibles(pagina)


def test_un_territorio_con_plan_en_ejecucion_no_se_elimina(pagina, ctx, monkeypatch):
    tid = id_de(pagina, "Barrio San Miguel")
    pagina.seleccionar(tid)
    avisos = []
    monkeypatch.setattr(pagina, "confirmar", lambda texto: True)
    monkeypatch.setattr(QMessageBox, "warning", lambda _padre, titulo, texto: avisos.append(texto))
    pagina.eliminar()
    assert "Plan de Acción en ejecución" in avisos[0] and "Cierre el plan" in avisos[0]
    assert "Barrio San Miguel" in nombres_visibles(pagina) and ctx.pila.count() == 0


def test_eliminar_cancelado_no_cambia_nada(pagina, ctx, monkeypatch):
    monkeypatch.setattr(pagina, "confirmar", lambda texto: False)
    pagina.eliminar()
    assert len(nombres_visibles(pagina)) == 5 and ctx.pila.count() == 0


def test_tecla_suprimir_en_la_tabla_pide_eliminar(pagina, qtbot, monkeypatch):
    pedidos = []
    monkeypatch.setattr(pagina, "confirmar", lambda texto: pedidos.append(texto) or False)
    pagina.show()
    with qtbot.waitActive(pagina):
        pagina.activateWindow()
    pagina.tabla.setFocus()
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Delete)
    assert len(pedidos) == 1


# -- solo lectura -------------------------------------------------------------------------------------------
def test_solo_lectura_desactiva_los_botones_y_abre_la_ficha_para_ver(expediente_demo, qtbot):
    ro = Expediente.abrir(expediente_demo.ruta)
    try:
        assert ro.solo_lectura
        ctx = Contexto(ro)
        p = PaginaTerritorios(ctx, hoy=HOY)
        qtbot.addWidget(p)
        assert len(nombres_visibles(p)) == 5
        assert not p.accion_nuevo.isEnabled()
        assert not p.accion_eliminar.isEnabled()
        assert p.accion_editar.isEnabled() and p.accion_editar.text() == "Ver ficha"
        assert p.accion_ruta.isEnabled()
        d = DialogoTerritorio(ctx, p.territorio_actual(), p)
        qtbot.addWidget(d)
        assert d.boton_guardar is None
        assert d.nombre.isReadOnly() and d.caracterizacion.isReadOnly()
        assert not d.estado.isEnabled() and not d.boton_nueva_organizacion.isEnabled()
        assert not d.boton_cargar_limite.isEnabled()
        assert "solo lectura" in d.windowTitle()
        assert not d.guardar()
    finally:
        ro.cerrar()


# -- teclado: Insert crea, Enter edita (el diálogo real, llenado como lo haría el usuario) --------------------
class DialogoAutomatico(DialogoTerritorio):
    """El diálogo real; `exec` escribe lo que tenga `rellenar` y pulsa Guardar en lugar de esperar al usuario."""

    abiertos: list[int | None] = []
    rellenar = None

    def exec(self) -> int:
        DialogoAutomatico.abiertos.append(self.territorio_id)
        if DialogoAutomatico.rellenar is None:
            return 0
        DialogoAutomatico.rellenar(self)
        return 1 if self.guardar() else 0


@pytest.fixture
def automatico(monkeypatch):
    DialogoAutomatico.abiertos = []
    DialogoAutomatico.rellenar = None
    monkeypatch.setattr("ui.paginas.territorios.DialogoTerritorio", DialogoAutomatico)
    return DialogoAutomatico


def test_insert_abre_el_alta_y_el_nuevo_queda_elegido(pagina, qtbot, automatico):
    automatico.rellenar = lambda d: (d.nombre.setText("Barrio Teclado"), d.poblacion.setText("1500"))
    pagina.filtro_estado.setCurrentIndex(pagina.filtro_estado.findData("en_intervencion"))
    pagina.show()
    with qtbot.waitActive(pagina):
        pagina.activateWindow()
    pagina.tabla.setFocus()
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Insert)
    assert automatico.abiertos == [None]
    # The new territory is "propuesto": the state filter is cleared so that it can be seen and chosen.
    assert pagina.filtro_estado.currentData() is None
    fila = pagina.fila_actual()
    assert fila is not None and fila.nombre == "Barrio Teclado" and fila.poblacion == 1500


def test_enter_en_la_tabla_abre_la_ficha_del_elegido(pagina, qtbot, automatico):
    tid = id_de(pagina, "Comunidad Yvy Porã")
    pagina.seleccionar(tid)
    pagina.show()
    with qtbot.waitActive(pagina):
        pagina.activateWindow()
    pagina.tabla.setFocus()
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Return)
    assert automatico.abiertos == [tid]
