"""Página del Mapa de Oportunidades y su diálogo: tabla, catálogo, filtros, «verificar» y altas deshacibles."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from nucleo.almacen.expediente import Expediente
from nucleo.modelo import Actor
from nucleo.servicios.actores import DatosActor, crear_actor
from nucleo.servicios.oportunidades import contar_oportunidades, obtener_oportunidad
from ui import ajustes as modulo_ajustes
from ui.contexto import Contexto
from ui.dialogos.oportunidad import DialogoOportunidad
from ui.modelos.tabla import ROL_FILA
from ui.paginas.oportunidades import COL_VERIFICADO, OPORTUNIDAD, PILAR, POBLACION, PaginaOportunidades

HOY = date(2026, 11, 18)


@pytest.fixture
def ajustes(tmp_path):
    a = modulo_ajustes.usar_archivo(tmp_path / "ajustes.ini")
    yield a
    modulo_ajustes.usar(None)


@pytest.fixture
def ctx(expediente_demo, ajustes):
    return Contexto(expediente_demo)


@pytest.fixture
def pagina(ctx, qtbot):
    p = PaginaOportunidades(ctx, hoy=HOY)
    qtbot.addWidget(p)
    p.resize(1112, 710)
    return p


def visibles(p: PaginaOportunidades) -> list[str]:
    return [f.nombre for f in p.filas_visibles()]


def id_de(p: PaginaOportunidades, nombre: str) -> int:
    return next(f.id for f in p.modelo.filas() if f.nombre == nombre)


def elegir(combo, dato) -> None:
    combo.setCurrentIndex(combo.findData(dato))


def contar(ctx) -> int:
    return ctx.leer(lambda s: contar_oportunidades(s, ctx.municipio_id))


# -- modelos --------------------------------------------------------------------------------------------------
def test_los_tres_modelos_pasan_el_verificador_de_qt(pagina, qtmodeltester):
    pagina.vistas.setCurrentIndex(1)  # the catalogue is built when it is shown
    qtmodeltester.check(pagina.modelo)
    qtmodeltester.check(pagina.proxy)
    qtmodeltester.check(pagina.catalogo)
    elegir(pagina.filtro_pilar, "prevision_social")
    qtmodeltester.check(pagina.catalogo)
    pagina.filtro.setText("no hay nada así")
    qtmodeltester.check(pagina.catalogo)
    assert pagina.catalogo.rowCount() == 0


# -- tabla, catálogo y ficha ----------------------------------------------------------------------------------
def test_la_tabla_muestra_la_demo_y_el_resumen(pagina):
    assert len(visibles(pagina)) == 15
    assert visibles(pagina)[:3] == ["Abrazo", "Agua segura para la comunidad (ejemplo)",
                                    "Apoyo escolar comunitario (ejemplo)"]
    assert pagina.estado.text() == "15 oportunidades · 13 vigentes · 4 para verificar"
    fila = pagina.proxy.index(0, 0)
    textos = [pagina.proxy.index(0, c).data() for c in range(pagina.proxy.columnCount())]
    assert textos == ["Abrazo", "Ministerio de la Niñez y la Adolescencia", "Nacional", "Integración social",
                      "Primera infancia (0–4), Niñez (5–13), Adolescencia (14–17), Hogares", "Diferenciado",
                      "Servicio", "Todo el distrito", "—", "Gratuito", "Sin plazo indicado", "19/09/2026"]
    assert fila.data(ROL_FILA).verificar is False


def test_vencidas_en_rojo_y_la_insignia_verificar_en_su_columna(pagina):
    n = pagina.modelo.buscar_id(id_de(pagina, "Club de personas mayores (ejemplo)"))
    vigencia = pagina.modelo.index(n, 10)
    assert vigencia.data() == "Vencida: 01/03/2025 al 29/09/2026"
    assert vigencia.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"
    assert pagina.tabla.itemDelegateForColumn(COL_VERIFICADO) is pagina.delegado_verificado
    n = pagina.modelo.buscar_id(id_de(pagina, "Hambre Cero en las Escuelas"))
    assert pagina.modelo.index(n, COL_VERIFICADO).data(ROL_FILA).verificar


def test_el_catalogo_agrupa_por_pilar_y_poblacion(pagina):
    assert pagina.catalogo.rowCount() == 0  # not built until it is shown: long lists filter faster
    pagina.vistas.setCurrentIndex(1)
    m = pagina.catalogo
    pilares = [m.index(r, 0).data() for r in range(m.rowCount())]
    assert pilares == ["Integración social · 9 oportunidades", "Inserción laboral y productiva · 4 oportunidades",
                       "Previsión social · 2 oportunidades"]
    social = m.index(0, 0)
    assert m.nodo(social).tipo == PILAR
    infancia = m.index(0, 0, social)
    assert m.nodo(infancia).tipo == POBLACION and infancia.data() == "Primera infancia (0–4) (3)"
    entrada = m.index(0, 0, infancia)
    assert m.nodo(entrada).tipo == OPORTUNIDAD
    assert [m.index(0, c, infancia).data() for c in range(6)] == [
        "Abrazo", "Ministerio de la Niñez y la Adolescencia", "Todo el distrito", "Gratuito", "Sin plazo indicado",
        "19/09/2026"]
    # Tekoporã appears under each of its four categories.
    assert len(m.indices_de(id_de(pagina, "Tekoporã"))) == 4


def test_elegir_en_la_tabla_elige_en_el_catalogo_y_al_reves(pagina):
    tid = id_de(pagina, "Tenonderã")
    assert pagina.seleccionar(tid)
    assert "Tenonderã" in pagina.ficha.toPlainText()
    pagina.vistas.setCurrentIndex(1)
    assert pagina.catalogo.nodo(pagina.arbol.currentIndex()).dato.id == tid
    assert pagina.seleccionar(id_de(pagina, "Tekoporã"))
    assert pagina.catalogo.nodo(pagina.arbol.currentIndex()).dato.nombre == "Tekoporã"
    otro = pagina.catalogo.indices_de(id_de(pagina, "Abrazo"))[0]
    pagina.arbol.setCurrentIndex(otro)
    assert pagina.oportunidad_actual() == id_de(pagina, "Abrazo")
    assert pagina.tabla.currentIndex().data(ROL_FILA).nombre == "Abrazo"
    assert pagina.accion_editar.isEnabled() and pagina.accion_eliminar.isEnabled()


def test_un_grupo_del_catalogo_se_lee_como_folleto(pagina):
    pagina.vistas.setCurrentIndex(1)
    social = pagina.catalogo.index(0, 0)
    infancia = pagina.catalogo.index(0, 0, social)
    pagina.arbol.setCurrentIndex(infancia)
    texto = pagina.ficha.toPlainText()
    assert texto.startswith("Integración social · Primera infancia (0–4)")
    assert "Taller de estimulación temprana (ejemplo) — Municipalidad de Villeta" in texto
    assert "Requisitos: Familias con niños o niñas de 0 a 4 años." in texto
    assert "Dónde: Puesto de salud de la comunidad (ejemplo) · Miércoles, de 8:00 a 10:00" in texto
    # A group is not an opportunity: nothing to edit or delete.
    assert not pagina.accion_editar.isEnabled() and not pagina.accion_eliminar.isEnabled()


def test_la_ficha_dice_proveedor_acceso_y_si_hay_que_verificar(pagina):
    pagina.seleccionar(id_de(pagina, "Becas departamentales de estudio (ejemplo)"))
    texto = pagina.ficha.toPlainText()
    for parte in ("Gobernación de Central · Departamental · Integración social · Paquete Ampliado · Transferencia",
                  "¿Para quién?", "Adolescencia (14–17), Juventud (18–29)", "Cupos: 15", "Costo: Gratuito",
                  "Vencida: 01/02/2025 al 15/12/2025", "Fuente: Convocatoria publicada (ejemplo)",
                  "Verificada el 22/01/2026", "verificar",
                  "La información se verificó hace más de 180 días: confírmela con el proveedor."):
        assert parte in texto


# -- filtros --------------------------------------------------------------------------------------------------
def test_cada_filtro_reduce_la_tabla_y_el_catalogo(pagina, ctx):
    pagina.vistas.setCurrentIndex(1)
    elegir(pagina.filtro_pilar, "prevision_social")
    assert visibles(pagina) == ["Orientación para aportar a la seguridad social (ejemplo)",
                                "Pensión Universal para Adultos Mayores"]
    assert pagina.catalogo.rowCount() == 1
    assert pagina.estado.text() == "Se muestran 2 de 15 oportunidades"
    pagina.limpiar_filtros()
    elegir(pagina.filtro_poblacion, "entorno")
    assert visibles(pagina) == ["Agua segura para la comunidad (ejemplo)"]
    pagina.limpiar_filtros()
    elegir(pagina.filtro_paquete, "nucleo")
    elegir(pagina.filtro_origen, "nacional")
    assert visibles(pagina) == ["Hambre Cero en las Escuelas", "Pensión Universal para Adultos Mayores", "Tekoporã"]
    pagina.limpiar_filtros()
    elegir(pagina.filtro_proveedor, id_de_actor(ctx, "Gobernación de Central"))
    assert len(visibles(pagina)) == 2
    pagina.limpiar_filtros()
    elegir(pagina.filtro_vigencia, "vencidas")
    assert visibles(pagina) == ["Becas departamentales de estudio (ejemplo)", "Club de personas mayores (ejemplo)"]
    pagina.limpiar_filtros()
    pagina.solo_verificar.setChecked(True)
    assert len(visibles(pagina)) == 4
    assert pagina.estado.text() == "Se muestran 4 de 15 oportunidades · 4 para verificar"
    pagina.limpiar_filtros()
    assert len(visibles(pagina)) == 15 and not pagina.boton_limpiar.isEnabled()


def id_de_actor(ctx, nombre: str) -> int:
    return ctx.leer(lambda s: s.scalar(select(Actor.id).where(Actor.nombre == nombre)))


def test_filtro_por_territorio_muestra_lo_que_llega_a_el(pagina):
    territorios = [pagina.filtro_territorio.itemText(i) for i in range(pagina.filtro_territorio.count())]
    assert territorios == ["Todos los territorios", "Asentamiento Costa Azul", "Barrio Industrial",
                           "Barrio San Miguel", "Compañía Cerrito", "Comunidad Yvy Porã"]
    pagina.filtro_territorio.setCurrentIndex(territorios.index("Barrio Industrial"))
    nombres = visibles(pagina)
    assert "Apoyo escolar comunitario (ejemplo)" in nombres and "Tekoporã" in nombres
    assert "Escuela municipal de oficios (ejemplo)" not in nombres
    assert len(nombres) == 10


def test_busqueda_de_texto_en_todas_las_columnas(pagina, qtbot):
    pagina.filtro.setText("cooperativa")
    assert visibles(pagina) == ["Microcréditos para emprendedoras (ejemplo)"]
    pagina.filtro.setText("yvy pora")  # without the tilde, as people type
    assert visibles(pagina) == ["Agua segura para la comunidad (ejemplo)", "Taller de estimulación temprana (ejemplo)"]
    pagina.filtro.setText("cédula")  # a requirement: not a column, but searched
    assert visibles(pagina) == ["Escuela municipal de oficios (ejemplo)", "Microcréditos para emprendedoras (ejemplo)"]
    assert pagina.boton_limpiar.isEnabled()
    pagina.filtro.setText("nada de esto existe")
    assert "Ninguna oportunidad coincide" in pagina.ficha.toPlainText()
    pagina.show()
    pagina.filtro.clear()
    pagina.buscar()
    assert pagina.filtro.hasFocus() or pagina.focusWidget() is pagina.filtro


def test_los_filtros_se_conservan_al_refrescar(pagina, ctx):
    elegir(pagina.filtro_pilar, "insercion_laboral")
    pagina.seleccionar(id_de(pagina, "Tenonderã"))
    ctx.cambiado.emit({"actor"})
    assert pagina.filtro_pilar.currentData() == "insercion_laboral"
    assert len(visibles(pagina)) == 4
    assert pagina.fila_actual().nombre == "Tenonderã"


def test_solo_refresca_si_cambio_algo_que_muestra(pagina, ctx, monkeypatch):
    recargas = []
    monkeypatch.setattr(pagina, "recargar", lambda: recargas.append(1))
    ctx.cambiado.emit({"etapa", "documento"})
    assert recargas == []
    for que in ("oportunidad", "actor", "territorio"):
        ctx.cambiado.emit({que})
    assert len(recargas) == 3


# -- «verificar» configurable -----------------------------------------------------------------------------------
def test_los_dias_para_verificar_se_cambian_y_se_guardan(pagina, ajustes, ctx, qtbot):
    assert pagina.dias.value() == 180
    pagina.dias.setValue(30)
    assert ajustes["dias_para_verificar"] == 30
    assert pagina.estado.text() == "15 oportunidades · 13 vigentes · 10 para verificar"
    otra = PaginaOportunidades(ctx, hoy=HOY)
    qtbot.addWidget(otra)
    assert otra.dias.value() == 30 and otra.dias_para_verificar == 30


# -- eliminar ---------------------------------------------------------------------------------------------------
def test_eliminar_pide_confirmacion_y_se_deshace(pagina, ctx, monkeypatch):
    preguntas = []
    monkeypatch.setattr(pagina, "confirmar", lambda texto: preguntas.append(texto) or True)
    oid = id_de(pagina, "Comedores Comunitarios")
    pagina.seleccionar(oid)
    pagina.eliminar()
    assert "¿Eliminar «Comedores Comunitarios» del Mapa de Oportunidades?" in preguntas[0]
    assert "Comedores Comunitarios" not in visibles(pagina) and contar(ctx) == 14
    ctx.pila.undo()
    assert "Comedores Comunitarios" in visibles(pagina)
    assert pagina.modelo.fila(pagina.modelo.buscar_id(oid)).cobertura_texto == (
        "Asentamiento Costa Azul, Barrio San Miguel")
    ctx.pila.redo()
    assert contar(ctx) == 14


def test_eliminar_cancelado_no_cambia_nada(pagina, ctx, monkeypatch):
    monkeypatch.setattr(pagina, "confirmar", lambda texto: False)
    pagina.seleccionar(id_de(pagina, "Abrazo"))
    pagina.eliminar()
    assert contar(ctx) == 15 and ctx.pila.count() == 0


def test_tecla_suprimir_en_la_tabla_pide_eliminar(pagina, qtbot, monkeypatch):
    pedidos = []
    monkeypatch.setattr(pagina, "confirmar", lambda texto: pedidos.append(texto) or False)
    pagina.show()
    with qtbot.waitActive(pagina):
        pagina.activateWindow()
    pagina.tabla.setFocus()
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Delete)
    assert len(pedidos) == 1


# -- diálogo ----------------------------------------------------------------------------------------------------
def dialogo(ctx, qtbot, oportunidad_id=None) -> DialogoOportunidad:
    d = DialogoOportunidad(ctx, oportunidad_id, hoy=HOY)
    qtbot.addWidget(d)
    return d


def test_errores_junto_a_cada_campo_en_todas_las_pestanas(ctx, qtbot):
    d = dialogo(ctx, qtbot)
    d.cobertura_territorios.setChecked(True)
    d.costo.setText("mil guaraníes")
    d.correo.setText("malo@")
    d.vigencia_desde.editor.setText("01/06/2026")
    d.vigencia_hasta.editor.setText("31/05/2026")
    assert not d.guardar()
    assert d.error_de("nombre") == "Escriba el nombre del programa o servicio."
    assert d.error_de("poblaciones") == "Marque al menos una categoría de población a la que se dirige."
    assert d.error_de("territorio_ids") == "Elija al menos un territorio, o marque que cubre todo el distrito."
    assert d.error_de("costo").startswith("«mil guaraníes» no es un número válido")
    assert d.error_de("correo").startswith("El correo no parece válido")
    assert d.error_de("vigencia_hasta").startswith("La vigencia termina antes de empezar")
    barra = d.pestanas.tabBar()
    assert all(barra.tabTextColor(i).name() == "#c62828" for i in range(4))
    assert d.pestanas.currentIndex() == 0  # the first error's tab
    assert d.error_general.text() == ("Revise los datos marcados en rojo («Servicio», «Población y cobertura», "
                                      "«Acceso», «Vigencia y fuente»).")
    assert contar(ctx) == 15 and ctx.pila.count() == 0


@pytest.mark.parametrize("texto", ["₲ 1.500.000", "1.500.000", "Gs. 1.500.000", "1500000"])
def test_alta_completa_con_costo_escrito_de_varias_formas_y_deshacer(ctx, qtbot, texto):
    d = dialogo(ctx, qtbot)
    d.nombre.setText("Curso de panadería (prueba)")
    d.proveedor.setCurrentIndex(d.proveedor.findText("Municipalidad de Villeta"))
    d.origen.setCurrentIndex(d.origen.findData("municipal"))
    d.pilar.setCurrentIndex(d.pilar.findData("insercion_laboral"))
    d.tipo_beneficio.setCurrentIndex(d.tipo_beneficio.findData("capacitacion"))
    d.poblaciones["juventud"].setChecked(True)
    d.poblaciones["adultez"].setChecked(True)
    d.cobertura_territorios.setChecked(True)
    items = {d.territorios.item(i).text(): d.territorios.item(i) for i in range(d.territorios.count())}
    items["Compañía Cerrito"].setCheckState(Qt.CheckState.Checked)
    d.cupos.setText("20")
    d.costo.setText(texto)
    d._reformatear_costo()
    assert d.costo.text() == "₲ 1.500.000"
    assert d.verificado_el.fecha() == HOY  # entered now: checked today
    assert d.guardar()
    datos = ctx.leer(lambda s: obtener_oportunidad(s, d.oportunidad_id))
    assert datos.costo == 1_500_000 and datos.cupos == 20
    assert datos.poblaciones == ("juventud", "adultez") and len(datos.territorio_ids) == 1
    assert ctx.pila.undoText() == "Crear la oportunidad «Curso de panadería (prueba)»"
    ctx.pila.undo()
    assert contar(ctx) == 15
    ctx.pila.redo()
    assert ctx.leer(lambda s: obtener_oportunidad(s, d.oportunidad_id)).costo == 1_500_000


def test_editar_muestra_los_datos_y_deshacer_vuelve_atras(pagina, ctx, qtbot):
    oid = id_de(pagina, "Escuela municipal de oficios (ejemplo)")
    d = dialogo(ctx, qtbot, oid)
    assert d.windowTitle() == "Oportunidad «Escuela municipal de oficios (ejemplo)»"
    assert d.costo.text() == "₲ 50.000" and d.cupos.text() == "40"
    assert d.cobertura_territorios.isChecked() and d.territorios.isEnabled()
    assert d.poblaciones["juventud"].isChecked() and not d.poblaciones["ninez"].isChecked()
    assert d.vigencia_hasta.fecha() == date(2026, 12, 31)
    d.cobertura_distrital.setChecked(True)
    assert not d.territorios.isEnabled()
    d.costo.clear()  # empty = free
    assert d.guardar()
    nueva = pagina.modelo.fila(pagina.modelo.buscar_id(oid))
    assert nueva.costo_texto == "Gratuito" and nueva.cobertura_texto == "Todo el distrito"
    ctx.pila.undo()
    vieja = pagina.modelo.fila(pagina.modelo.buscar_id(oid))
    assert vieja.costo_texto == "₲ 50.000" and vieja.cobertura_texto == "Asentamiento Costa Azul, Barrio San Miguel"


def test_verificada_el_en_el_futuro_se_marca_en_su_pestana(ctx, qtbot):
    d = dialogo(ctx, qtbot)
    d.nombre.setText("Algo (prueba)")
    d.poblaciones["hogares"].setChecked(True)
    d.verificado_el.editor.setText("19/11/2026")
    assert not d.guardar()
    assert d.pestanas.currentIndex() == 3
    assert d.error_de("verificado_el") == "La fecha de verificación no puede ser posterior a hoy (18/11/2026)."
    d.boton_hoy.click()
    assert d.guardar()


def test_nuevo_proveedor_queda_elegido(ctx, qtbot):
    d = dialogo(ctx, qtbot)
    mid = ctx.municipio_id
    nuevo = ctx.escribir(lambda s: crear_actor(s, mid, DatosActor(nombre="Proveedor nuevo (prueba)")), "actor")
    d.proveedor_creado(nuevo)
    assert d.proveedor.currentData() == nuevo and d.proveedor.currentText() == "Proveedor nuevo (prueba)"


# -- teclado y solo lectura --------------------------------------------------------------------------------------
class DialogoAutomatico(DialogoOportunidad):
    """El diálogo real; `exec` rellena con `rellenar` y pulsa Guardar en lugar de esperar al usuario."""

    abiertos: list[int | None] = []
    rellenar = None

    def exec(self) -> int:
        DialogoAutomatico.abiertos.append(self.oportunidad_id)
        if DialogoAutomatico.rellenar is None:
            return 0
        DialogoAutomatico.rellenar(self)
        return 1 if self.guardar() else 0


@pytest.fixture
def automatico(monkeypatch):
    DialogoAutomatico.abiertos = []
    DialogoAutomatico.rellenar = None
    monkeypatch.setattr("ui.paginas.oportunidades.DialogoOportunidad", DialogoAutomatico)
    return DialogoAutomatico


def test_insert_crea_y_la_nueva_queda_elegida_aunque_un_filtro_la_ocultara(pagina, qtbot, automatico):
    automatico.rellenar = lambda d: (d.nombre.setText("Olla popular (prueba)"), d.poblaciones["hogares"].setChecked(True))
    elegir(pagina.filtro_pilar, "prevision_social")
    pagina.show()
    with qtbot.waitActive(pagina):
        pagina.activateWindow()
    pagina.tabla.setFocus()
    qtbot.keyClick(pagina.tabla, Qt.Key.Key_Insert)
    assert automatico.abiertos == [None]
    assert pagina.filtro_pilar.currentData() is None
    assert pagina.fila_actual().nombre == "Olla popular (prueba)"


def test_enter_en_el_catalogo_abre_la_elegida(pagina, qtbot, automatico):
    oid = id_de(pagina, "Abrazo")
    pagina.seleccionar(oid)
    pagina.vistas.setCurrentIndex(1)
    pagina.show()
    with qtbot.waitActive(pagina):
        pagina.activateWindow()
    pagina.arbol.setFocus()
    qtbot.keyClick(pagina.arbol, Qt.Key.Key_Return)
    assert automatico.abiertos == [oid]


def test_solo_lectura_desactiva_la_edicion_pero_deja_ver(expediente_demo, ajustes, qtbot):
    ro = Expediente.abrir(expediente_demo.ruta)
    try:
        assert ro.solo_lectura
        ctx = Contexto(ro)
        p = PaginaOportunidades(ctx, hoy=HOY)
        qtbot.addWidget(p)
        assert len(visibles(p)) == 15
        assert not p.accion_nuevo.isEnabled() and not p.accion_eliminar.isEnabled()
        assert p.accion_editar.isEnabled() and p.accion_editar.text() == "Ver ficha"
        elegir(p.filtro_vigencia, "vencidas")
        assert len(visibles(p)) == 2
        d = DialogoOportunidad(ctx, p.oportunidad_actual(), p, hoy=HOY)
        qtbot.addWidget(d)
        assert d.boton_guardar is None and "solo lectura" in d.windowTitle()
        assert d.nombre.isReadOnly() and d.requisitos.isReadOnly()
        assert not d.pilar.isEnabled() and not d.boton_nuevo_proveedor.isEnabled()
        assert not d.poblaciones["ninez"].isEnabled() and not d.territorios.isEnabled()
        assert not d.guardar()
    finally:
        ro.cerrar()


def test_el_catalogo_sigue_los_filtros_puestos_en_la_tabla(pagina):
    elegir(pagina.filtro_poblacion, "personas_mayores")
    pagina.vistas.setCurrentIndex(1)
    m = pagina.catalogo
    assert [m.index(r, 0).data() for r in range(m.rowCount())] == [
        "Integración social · 2 oportunidades", "Previsión social · 1 oportunidad"]
    # Only the chosen category: what the coordinator prints for, say, the elderly.
    social = m.index(0, 0)
    assert [m.index(r, 0, social).data() for r in range(m.rowCount(social))] == ["Personas mayores (65+) (2)"]
