"""Página Actores (matriz y grilla de poder e interés) y su diálogo: lo que el coordinador ve y hace."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from nucleo.almacen.expediente import Expediente
from nucleo.servicios.actores import obtener_actor, opciones_territorio, territorios_representados
from nucleo.servicios.municipio import DatosMunicipio, crear_municipio
from nucleo.servicios.territorios import actualizar_territorio, obtener_territorio
from ui.contexto import Contexto
from ui.dialogos.actor import PESTANA_CONTACTO, PESTANA_IDENTIFICACION, DialogoActor
from ui.modelos.tabla import ROL_FILA
from ui.paginas.actores import PESTANA_GRILLA, PESTANA_MATRIZ, SIN_TERRITORIO, PaginaActores

HOY = date(2026, 11, 18)
TOTAL_DEMO = 26


@pytest.fixture
def ctx(expediente_demo):
    return Contexto(expediente_demo)


@pytest.fixture
def pagina(ctx, qtbot):
    p = PaginaActores(ctx)
    qtbot.addWidget(p)
    p.resize(1080, 690)
    return p


def visibles(p: PaginaActores) -> list[str]:
    return [p.proxy.index(r, 0).data(ROL_FILA).nombre for r in range(p.proxy.rowCount())]


def id_de(p: PaginaActores, nombre: str) -> int:
    return next(f.id for f in p.modelo.filas() if f.nombre == nombre)


def fila_de(p: PaginaActores, nombre: str):
    return next(f for f in p.modelo.filas() if f.nombre == nombre)


def elegir(combo, dato) -> None:
    combo.setCurrentIndex(combo.findData(dato))


# -- lista ------------------------------------------------------------------------------------------------
def test_modelo_y_proxy_pasan_el_verificador_de_qt(pagina, qtmodeltester):
    qtmodeltester.check(pagina.modelo)
    pagina.filtro_categoria.setCurrentIndex(pagina.filtro_categoria.findData("comunidad"))
    qtmodeltester.check(pagina.proxy)


def test_la_matriz_muestra_los_actores_de_la_demo_con_su_cuadrante(pagina):
    assert len(visibles(pagina)) == TOTAL_DEMO
    assert pagina.estado.text() == ("26 actores · Gestionar de cerca: 9 · Mantener satisfecho: 6 · "
                                    "Mantener informado: 6 · Monitorear: 5")
    encabezados = [pagina.modelo.headerData(c, Qt.Orientation.Horizontal) for c in range(pagina.modelo.columnCount())]
    assert encabezados == ["Nombre", "Tipo", "Categoría", "Nivel", "Interés", "Influencia", "Postura", "Cuadrante",
                           "Institución", "Territorios", "Contacto"]
    n = pagina.modelo.buscar_id(id_de(pagina, "Aníbal Ejemplo Demo"))
    textos = [pagina.modelo.index(n, c).data() for c in range(pagina.modelo.columnCount())]
    assert textos == ["Aníbal Ejemplo Demo", "Persona", "Organismo privado con interés público", "Distrital", "1",
                      "3", "Se opone", "Mantener satisfecho",
                      "Naviera del Río Ejemplo S.A. (ficticia) (Gerente de operaciones)", "Barrio Industrial",
                      "0976 000 676"]
    # The sigla joins the name when the name does not already carry it.
    n = pagina.modelo.buscar_id(id_de(pagina, "Ministerio de Desarrollo Social"))
    assert pagina.modelo.index(n, 0).data() == "Ministerio de Desarrollo Social (MDS)"
    # Stance is coloured (red for «se opone»).
    n = pagina.modelo.buscar_id(id_de(pagina, "Aníbal Ejemplo Demo"))
    assert pagina.modelo.index(n, 6).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"


def test_ordenar_por_influencia_es_numerico_y_sigue_ordenado_tras_recargar(pagina):
    pagina.tabla.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    influencias = [f.influencia for f in pagina.filas_visibles()]
    assert influencias == sorted(influencias, reverse=True) and influencias[0] == 5
    club = id_de(pagina, "Club Deportivo Barrio Industrial (ficticio)")
    assert pagina.filas_visibles()[-1].id == club  # the only one with influence 1
    pagina.mover(club, 2, 5)
    influencias = [f.influencia for f in pagina.filas_visibles()]
    assert influencias == sorted(influencias, reverse=True)
    assert club in [f.id for f in pagina.filas_visibles()[:5]]
    pagina.tabla.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # another column: its own keys
    nombres = [f.nombre.casefold() for f in pagina.filas_visibles()]
    assert nombres == sorted(nombres)


@pytest.mark.parametrize(("texto", "esperados"), [
    ("pora", {"Comunidad indígena Yvy Porã (ficticia)", "Gobernación de Central", "Municipalidad de Villeta",
              "Rosa Ejemplo Ficticia"}),  # without the tilde; also the actors acting in that territory
    ("mspbs", {"Ministerio de Salud Pública y Bienestar Social"}),  # the sigla
    ("lidia muestra", {"Comité de Mujeres Costa Azul (ficticio)"}),  # the contact person
    ("naviera", {"Naviera del Río Ejemplo S.A. (ficticia)", "Aníbal Ejemplo Demo"}),  # the institution
    ("salud san miguel", {"Unidad de Salud de la Familia San Miguel (ficticia)", "Carlos Prueba Demo"}),
])
def test_busqueda_por_nombre_sigla_contacto_territorio_e_institucion(pagina, texto, esperados):
    pagina.filtro.setText(texto)
    assert set(visibles(pagina)) == esperados
    assert pagina.estado.text().startswith(f"Se muestran {len(esperados)} de 26 actores")


def test_filtros_por_categoria_nivel_territorio_y_postura(pagina, ctx):
    elegir(pagina.filtro_categoria, "comunidad")
    assert len(visibles(pagina)) == 6
    elegir(pagina.filtro_nivel, "comunitario")
    assert len(visibles(pagina)) == 6
    elegir(pagina.filtro_postura, "neutral")
    assert set(visibles(pagina)) == {"Club Deportivo Barrio Industrial (ficticio)",
                                     "Comunidad indígena Yvy Porã (ficticia)"}
    cerrito = next(i for i, n in ctx.leer(lambda s: opciones_territorio(s, ctx.municipio_id)) if n == "Compañía Cerrito")
    pagina.limpiar_filtros()
    assert len(visibles(pagina)) == TOTAL_DEMO and not pagina.boton_quitar_filtros.isEnabled()
    elegir(pagina.filtro_territorio, cerrito)
    assert all(cerrito in f.territorio_ids for f in pagina.filas_visibles())
    assert "Asociación de Productores Cerrito Unido (ficticia)" in visibles(pagina)
    elegir(pagina.filtro_territorio, SIN_TERRITORIO)
    assert "Secretaría Técnica de Planificación (STP)" in visibles(pagina)
    assert all(not f.territorio_ids for f in pagina.filas_visibles())
    assert pagina.boton_quitar_filtros.isEnabled()
    # The grid shows exactly what passes the filters.
    assert {f.id for f in pagina.filas_en_grilla} == {f.id for f in pagina.filas_visibles()}


def test_ningun_resultado_lo_dice_en_la_ficha(pagina):
    pagina.filtro.setText("no existe nadie así")
    assert pagina.proxy.rowCount() == 0
    assert "Ningún actor coincide" in pagina.ficha.toPlainText()
    assert pagina.filas_en_grilla == []


def test_buscar_enfoca_el_filtro(pagina, qtbot):
    pagina.show()
    qtbot.waitExposed(pagina)
    pagina.filtro.setText("villeta")
    pagina.buscar()
    qtbot.waitUntil(pagina.filtro.hasFocus)
    assert pagina.filtro.selectedText() == "villeta"


def test_la_ficha_muestra_todo_lo_del_actor(pagina):
    pagina.mostrar_actor(id_de(pagina, "Municipalidad de Villeta"))
    texto = pagina.ficha.toPlainText()
    for parte in ("Municipalidad de Villeta", "Institución · Municipalidad · Distrital", "Interés 5 · Muy alto",
                  "Gestionar de cerca", "Postura: Apoya", "Lidera la articulación", "Coordinador Municipal, vehículo",
                  "0225 000 000", "articulacion@villeta.ejemplo.py", "Calle Ejemplo N.º 100", "Integrantes",
                  "Rosa Ejemplo Ficticia — Directora de Desarrollo Social", "Comunidad Yvy Porã"):
        assert parte in texto, parte
    pagina.mostrar_actor(id_de(pagina, "Comisión Vecinal San Miguel (ficticia)"))
    assert "Organización representativa de: Barrio San Miguel" in pagina.ficha.toPlainText()


def test_el_enlace_a_un_integrante_lo_elige(pagina):
    from PySide6.QtCore import QUrl

    rosa = id_de(pagina, "Rosa Ejemplo Ficticia")
    pagina.mostrar_actor(id_de(pagina, "Municipalidad de Villeta"))
    pagina._enlace(QUrl(f"actor:{rosa}"))
    assert pagina.actor_actual() == rosa


def test_se_refresca_cuando_cambia_un_territorio(pagina, ctx):
    tid = next(i for i, n in ctx.leer(lambda s: opciones_territorio(s, ctx.municipio_id)) if n == "Barrio Industrial")
    club = id_de(pagina, "Club Deportivo Barrio Industrial (ficticio)")
    pagina.mostrar_actor(club)
    datos = ctx.leer(lambda s: obtener_territorio(s, tid))
    ctx.escribir(lambda s: actualizar_territorio(s, tid, replace(datos, nombre="Barrio Industrial Norte")), "territorio")
    assert fila_de(pagina, "Club Deportivo Barrio Industrial (ficticio)").territorios == "Barrio Industrial Norte"
    assert pagina.filtro_territorio.findText("Barrio Industrial Norte") >= 0
    assert pagina.actor_actual() == club  # the selection survives the refresh


def test_pagina_vacia_invita_a_crear_el_primer_actor(tmp_path, qtbot):
    exp = Expediente.crear(tmp_path / "vacio.articula", lambda s: crear_municipio(s, DatosMunicipio(
        clave_ine="1116", intendente_nombre="Intendente Ficticio", coordinador_nombre="Coordinadora Ficticia"),
        hoy=HOY))
    try:
        p = PaginaActores(Contexto(exp))
        qtbot.addWidget(p)
        assert p.pila_vistas.currentIndex() == 1
        assert p.estado.text() == "0 actores"
        assert p.accion_nuevo.isEnabled() and not p.accion_eliminar.isEnabled() and p.boton_primero.isEnabled()
        assert p.filas_en_grilla == []
    finally:
        exp.cerrar()


# -- grilla -----------------------------------------------------------------------------------------------
def test_mover_en_la_grilla_cambia_interes_e_influencia_y_se_deshace(pagina, ctx):
    aid = id_de(pagina, "Club Deportivo Barrio Industrial (ficticio)")
    pagina.vistas.setCurrentIndex(PESTANA_GRILLA)
    pagina.grilla.movido.emit(aid, 5, 4)  # what a drag to the top right cell emits
    datos = ctx.leer(lambda s: obtener_actor(s, aid))
    assert (datos.interes, datos.influencia) == (5, 4)
    assert fila_de(pagina, "Club Deportivo Barrio Industrial (ficticio)").cuadrante == "gestionar"
    assert next(f for f in pagina.filas_en_grilla if f.id == aid).interes == 5  # the grid got the new data
    assert "Gestionar de cerca: 10" in pagina.estado.text()
    assert ctx.pila.undoText() == "Mover «Club Deportivo Barrio Industrial (ficticio)» en la grilla"
    ctx.pila.undo()
    datos = ctx.leer(lambda s: obtener_actor(s, aid))
    assert (datos.interes, datos.influencia) == (2, 1)
    assert fila_de(pagina, "Club Deportivo Barrio Industrial (ficticio)").cuadrante == "monitorear"
    ctx.pila.redo()
    assert ctx.leer(lambda s: obtener_actor(s, aid)).influencia == 4
    assert pagina.vistas.currentIndex() == PESTANA_GRILLA


def test_elegir_en_la_grilla_elige_en_la_tabla_y_al_reves(pagina):
    pagina.vistas.setCurrentIndex(PESTANA_GRILLA)
    mds = id_de(pagina, "Ministerio de Desarrollo Social")
    pagina.grilla.actor_elegido.emit(mds)
    assert pagina.actor_actual() == mds
    assert pagina.vistas.currentIndex() == PESTANA_GRILLA
    assert "Ministerio de Desarrollo Social" in pagina.ficha.toPlainText()
    stp = id_de(pagina, "Secretaría Técnica de Planificación (STP)")
    pagina.seleccionar(stp)
    assert pagina.grilla.seleccionado() == stp


def test_la_ficha_va_debajo_de_la_matriz_y_al_lado_de_la_grilla(pagina):
    assert pagina.divisor.orientation() == Qt.Orientation.Vertical
    pagina.vistas.setCurrentIndex(PESTANA_GRILLA)
    assert pagina.divisor.orientation() == Qt.Orientation.Horizontal
    pagina.vistas.setCurrentIndex(PESTANA_MATRIZ)
    assert pagina.divisor.orientation() == Qt.Orientation.Vertical


# -- alta, edición y baja ---------------------------------------------------------------------------------
def test_crear_desde_el_dialogo_y_deshacer(pagina, ctx, qtbot):
    d = DialogoActor(ctx, None, pagina)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Nuevo actor"
    # The default category (comunidad) proposes the community level.
    assert d.nivel.currentData() == "comunitario"
    d.nombre.setText("Comisión de Agua Costa Azul (ficticia)")
    d.interes.fijar(5)
    d.influencia.fijar(1)
    assert "Mantener informado" in d.pista_cuadrante.text()
    d.telefono.setText("0981 555 555")
    for n in range(d.territorios.count()):
        if d.territorios.item(n).text() == "Asentamiento Costa Azul":
            d.territorios.item(n).setCheckState(Qt.CheckState.Checked)
    assert d.guardar()
    pagina.mostrar_actor(d.actor_id)
    fila = fila_de(pagina, "Comisión de Agua Costa Azul (ficticia)")
    assert (fila.interes, fila.influencia, fila.territorios, fila.nivel) == (5, 1, "Asentamiento Costa Azul",
                                                                            "comunitario")
    assert pagina.actor_actual() == fila.id
    assert pagina.estado.text().startswith("27 actores")
    ctx.pila.undo()
    assert "Comisión de Agua Costa Azul (ficticia)" not in visibles(pagina)
    ctx.pila.redo()
    assert id_de(pagina, "Comisión de Agua Costa Azul (ficticia)") == fila.id


def test_cambiar_la_categoria_propone_tipo_y_nivel_en_un_actor_nuevo(ctx, qtbot):
    d = DialogoActor(ctx)
    qtbot.addWidget(d)
    d.categoria.setCurrentIndex(d.categoria.findData("gobernacion"))
    assert (d.tipo.currentData(), d.nivel.currentData()) == ("institucion", "departamental")
    d.nivel.setCurrentIndex(d.nivel.findData("distrital"))
    d.nivel.activated.emit(d.nivel.currentIndex())  # the user chose it: no longer proposed
    d.categoria.setCurrentIndex(d.categoria.findData("gobierno_central"))
    assert d.nivel.currentData() == "distrital"


def test_errores_junto_al_campo_y_en_la_pestana(ctx, qtbot):
    d = DialogoActor(ctx)
    qtbot.addWidget(d)
    d.nombre.setText("municipalidad de villeta")
    d.correo.setText("correo-malo")
    d.pestanas.setCurrentIndex(PESTANA_CONTACTO)
    assert not d.guardar()
    assert d.pestanas.currentIndex() == PESTANA_IDENTIFICACION
    assert "Ya hay un actor llamado «Municipalidad de Villeta»" in d.error_de("nombre")
    assert "nombre@ejemplo.org.py" in d.error_de("correo")
    barra = d.pestanas.tabBar()
    assert barra.tabTextColor(PESTANA_CONTACTO).name() == "#c62828"
    assert barra.tabTextColor(PESTANA_IDENTIFICACION).name() == "#c62828"
    assert "«Identificación», «Contacto»" in d.error_general.text()
    assert ctx.pila.count() == 0


def test_pertenencia_a_si_mismo_no_se_ofrece_y_una_persona_no_es_institucion(ctx, pagina, qtbot):
    municipalidad = id_de(pagina, "Municipalidad de Villeta")
    d = DialogoActor(ctx, municipalidad, pagina)
    qtbot.addWidget(d)
    assert d.institucion.findData(municipalidad) < 0
    assert d.institucion.findText("Rosa Ejemplo Ficticia") < 0  # persons are not offered
    assert d.institucion.findText("Gobernación de Central") >= 0


def test_editar_y_deshacer(pagina, ctx, qtbot):
    aid = id_de(pagina, "Fundación Ejemplo para el Desarrollo (ficticia)")
    d = DialogoActor(ctx, aid, pagina)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Actor «Fundación Ejemplo para el Desarrollo (ficticia)»"
    d.postura.setCurrentIndex(d.postura.findData("apoya"))
    d.influencia.fijar(4)
    d._marcar_todos(True)
    assert d.guardar()
    fila = fila_de(pagina, "Fundación Ejemplo para el Desarrollo (ficticia)")
    assert (fila.postura, fila.influencia, len(fila.territorio_ids)) == ("apoya", 4, 5)
    ctx.pila.undo()
    fila = fila_de(pagina, "Fundación Ejemplo para el Desarrollo (ficticia)")
    assert (fila.postura, fila.influencia, fila.territorios) == ("neutral", 2, "Asentamiento Costa Azul")


def test_eliminar_con_confirmacion_y_deshacer(pagina, ctx, monkeypatch):
    aid = id_de(pagina, "Comisión Vecinal San Miguel (ficticia)")
    pagina.mostrar_actor(aid)
    preguntas = []
    monkeypatch.setattr(pagina, "confirmar", lambda texto: preguntas.append(texto) or True)
    pagina.eliminar()
    assert "¿Eliminar el actor «Comisión Vecinal San Miguel (ficticia)»?" in preguntas[0]
    assert "Deja de ser la organización representativa de 1 territorio (Barrio San Miguel)." in preguntas[0]
    assert "Ctrl+Z" in preguntas[0]
    assert "Comisión Vecinal San Miguel (ficticia)" not in visibles(pagina)
    assert fila_de(pagina, "Ramón Demo Ficticio").institucion == ""
    assert pagina.actor_actual() is not None  # the next one takes its place
    ctx.pila.undo()
    assert fila_de(pagina, "Ramón Demo Ficticio").institucion == "Comisión Vecinal San Miguel (ficticia)"
    assert ctx.leer(lambda s: territorios_representados(s, aid)) == ["Barrio San Miguel"]


def test_cancelar_la_confirmacion_no_elimina(pagina, monkeypatch):
    pagina.mostrar_actor(id_de(pagina, "Universidad Ejemplo, sede Villeta (ficticia)"))
    monkeypatch.setattr(pagina, "confirmar", lambda _t: False)
    pagina.eliminar()
    assert len(visibles(pagina)) == TOTAL_DEMO


def test_atajos_de_teclado(pagina):
    def atajos(a):
        return [k.toString() for k in a.shortcuts()]

    assert atajos(pagina.accion_nuevo) == ["Ins", "Ctrl+Shift+N"]
    assert "Return" in atajos(pagina.accion_editar)
    assert atajos(pagina.accion_eliminar) == ["Del"]
    assert pagina.accion_editar in pagina.tabla.actions() and pagina.accion_eliminar in pagina.grilla.actions()


# -- solo lectura -------------------------------------------------------------------------------------------
def test_solo_lectura_no_deja_editar_ni_arrastrar(expediente_demo, qtbot):
    ro = Expediente.abrir(expediente_demo.ruta)
    try:
        assert ro.solo_lectura
        ctx = Contexto(ro)
        p = PaginaActores(ctx)
        qtbot.addWidget(p)
        assert len(visibles(p)) == TOTAL_DEMO
        assert not p.accion_nuevo.isEnabled() and not p.accion_eliminar.isEnabled()
        assert p.accion_editar.isEnabled() and p.accion_editar.text() == "Ver ficha"
        assert p.grilla.solo_lectura()
        aid = id_de(p, "Club Deportivo Barrio Industrial (ficticio)")
        assert not p.mover(aid, 5, 5)
        assert ctx.leer(lambda s: obtener_actor(s, aid)).interes == 2
        d = DialogoActor(ctx, aid, p)
        qtbot.addWidget(d)
        assert d.boton_guardar is None and d.nombre.isReadOnly() and not d.categoria.isEnabled()
        assert "solo lectura" in d.windowTitle()
        assert not d.guardar()
    finally:
        ro.cerrar()


def test_un_error_al_mover_no_deja_nada_en_la_pila(pagina, ctx):
    aid = id_de(pagina, "Club Deportivo Barrio Industrial (ficticio)")
    mensajes = []
    ctx.mensaje.connect(mensajes.append)
    assert not pagina.mover(aid, 9, 1)
    assert ctx.pila.count() == 0 and "El interés va de 1" in mensajes[-1]
