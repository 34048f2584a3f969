"""Página Convenios y su diálogo: registro con filtros, alta con partes, firma que congela, escaneo e impresión."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from nucleo.almacen.expediente import Expediente
from nucleo.modelo import Actor, Convenio, Territorio
from nucleo.servicios import demo_convenios
from nucleo.servicios.convenios import contar_convenios, obtener_convenio
from ui import ajustes as modulo_ajustes
from ui.contexto import Contexto
from ui.dialogos.convenio import DialogoConvenio, DialogoFirmar
from ui.modelos.tabla import ROL_FILA
from ui.paginas import convenios as modulo
from ui.paginas.convenios import COL_ESCANEO, COL_ESTADO, COL_TITULO, PaginaConvenios

HOY = date(2026, 11, 18)
FIRMADO = "Compromiso de trabajo para el desarrollo de la Compañía Cerrito"
BORRADOR = "Articulación para la protección de la primera infancia en el Barrio San Miguel"


@pytest.fixture
def ajustes(tmp_path):
    a = modulo_ajustes.usar_archivo(tmp_path / "ajustes.ini")
    yield a
    modulo_ajustes.usar(None)


@pytest.fixture
def ctx(expediente_demo, ajustes):
    with expediente_demo.transaccion() as s:
        # Until the lead wires it into demo.py; afterwards the demo already has them.
        if not contar_convenios(s, expediente_demo.municipio_id):
            demo_convenios.sembrar(s, expediente_demo.municipio_id, HOY)
    return Contexto(expediente_demo)


@pytest.fixture
def pagina(ctx, qtbot):
    p = PaginaConvenios(ctx, hoy=HOY)
    qtbot.addWidget(p)
    p.resize(1280, 800)
    return p


def titulos(p: PaginaConvenios) -> list[str]:
    return [f.titulo for f in p.filas_visibles()]


def id_de(p: PaginaConvenios, titulo: str) -> int:
    return next(f.id for f in p.modelo.filas() if f.titulo == titulo)


def id_por_nombre(ctx, clase, nombre: str) -> int:
    return ctx.leer(lambda s: s.scalar(select(clase.id).where(clase.nombre == nombre)))


def elegir(combo, dato) -> None:
    combo.setCurrentIndex(combo.findData(dato))


def estado_de(ctx, cid: int) -> str:
    return ctx.leer(lambda s: s.get(Convenio, cid).estado)


# -- registro ---------------------------------------------------------------------------------------------------
def test_modelos_pasan_el_verificador_de_qt(pagina, qtmodeltester):
    qtmodeltester.check(pagina.modelo)
    qtmodeltester.check(pagina.proxy)
    elegir(pagina.filtro_estado, "firmado")
    qtmodeltester.check(pagina.proxy)


def test_el_registro_muestra_la_demo(pagina):
    # Drafts first, then the signed ones.
    assert titulos(pagina) == [BORRADOR, FIRMADO]
    assert pagina.estado.text() == "2 convenios · 1 firmado · 1 borrador · 1 firmado sin escaneo"
    fila = pagina.proxy.index(1, 0)
    assert fila.data(ROL_FILA).firmado
    assert not fila.data(Qt.ItemDataRole.DecorationRole).isNull()  # the lock
    assert pagina.proxy.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert pagina.proxy.index(1, COL_ESTADO).data() == "Firmado el 13/11/2026"
    assert pagina.proxy.index(1, COL_ESCANEO).data() == "Falta"
    assert pagina.proxy.index(0, COL_ESTADO).data() == "Borrador"
    assert pagina.proxy.columnCount() == len(modulo.COLUMNAS)


def test_filtros_y_mostrar_territorio(pagina, ctx):
    elegir(pagina.filtro_tipo, "carta_compromiso")
    assert titulos(pagina) == [BORRADOR]
    pagina.limpiar_filtros()
    elegir(pagina.filtro_estado, "firmado")
    assert titulos(pagina) == [FIRMADO]
    assert pagina.estado.text().startswith("Se muestran 1 de 2 convenios")
    pagina.limpiar_filtros()
    pagina.filtro.setText("escuela básica")
    assert titulos(pagina) == [FIRMADO]
    pagina.mostrar_territorio(id_por_nombre(ctx, Territorio, "Barrio San Miguel"))
    assert titulos(pagina) == [BORRADOR] and pagina.filtro.text() == ""
    assert pagina.convenio_actual() == id_de(pagina, BORRADOR)
    elegir(pagina.filtro_territorio, modulo.SIN_TERRITORIO)
    assert titulos(pagina) == []
    assert "Ningún convenio coincide" in pagina.ficha.toPlainText()


def test_ficha_y_acciones_segun_el_estado(pagina):
    pagina.seleccionar(id_de(pagina, FIRMADO))
    ficha = pagina.ficha.toPlainText()
    assert "Firmado el 13/11/2026" in ficha and "Huella SHA-256" in ficha
    assert "Facilitar el galpón comunitario para las reuniones." in ficha
    assert not pagina.accion_eliminar.isEnabled() and not pagina.accion_firmar.isEnabled()
    assert pagina.accion_editar.text() == "Ver" and pagina.accion_imprimir.isEnabled()
    assert pagina.documentos.boton_adjuntar.isEnabled()  # the scan goes in after signing
    pagina.seleccionar(id_de(pagina, BORRADOR))
    ficha = pagina.ficha.toPlainText()
    assert "Para poder firmarlo falta:" in ficha and "falta quién firma" in ficha
    assert pagina.accion_eliminar.isEnabled() and pagina.accion_firmar.isEnabled()
    assert pagina.accion_editar.text() == "Editar"


# -- alta y edición ---------------------------------------------------------------------------------------------
def test_crear_con_partes_deshacer_y_rehacer(pagina, ctx, qtbot):
    d = DialogoConvenio(ctx, None, pagina)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Nuevo convenio" and d.lugar.text() == "Villeta"
    d.titulo.setText("Convenio marco con la Gobernación")
    elegir(d.tipo, "convenio_marco")
    d.objeto.setPlainText("articular la oferta departamental en el distrito")
    d.fecha_inicio.editor.setText("01/12/2026")
    d.agregar_parte()
    elegir(d.actor, id_por_nombre(ctx, Actor, "Municipalidad de Villeta"))
    # Choosing the municipality proposes its Intendente.
    assert (d.representante.text(), d.cargo.text()) == ("Juan Ejemplo Demo (ficticio)", "Intendente Municipal")
    d.obligaciones.setPlainText("Coordinar la mesa.\nAportar el local.")
    d.agregar_parte()
    elegir(d.actor, id_por_nombre(ctx, Actor, "Gobernación de Central"))
    assert d.representante.text() == "Hugo Ficticio Prueba"  # a person that belongs to it
    d.mover_parte(-1)
    assert [d.lista_partes.item(i).text() for i in range(2)] == ["1. Gobernación de Central",
                                                                "2. Municipalidad de Villeta"]
    assert d.guardar()
    cid = d.convenio_id
    datos = ctx.leer(lambda s: obtener_convenio(s, cid))
    assert [p.nombre_parte for p in datos.partes] == ["Gobernación de Central", "Municipalidad de Villeta"]
    assert datos.partes[1].obligaciones == "Coordinar la mesa.\nAportar el local."
    assert datos.fecha_inicio == date(2026, 12, 1) and datos.tipo == "convenio_marco"
    pagina.mostrar_convenio(cid)
    assert "Convenio marco con la Gobernación" in titulos(pagina) and pagina.convenio_actual() == cid
    ctx.pila.undo()
    assert "Convenio marco con la Gobernación" not in titulos(pagina)
    ctx.pila.redo()
    assert "Convenio marco con la Gobernación" in titulos(pagina)
    assert [p.nombre_parte for p in ctx.leer(lambda s: obtener_convenio(s, cid)).partes] == [
        "Gobernación de Central", "Municipalidad de Villeta"]


def test_errores_junto_a_cada_campo_y_cada_parte(pagina, ctx, qtbot):
    d = DialogoConvenio(ctx, None, pagina)
    qtbot.addWidget(d)
    d.fecha_inicio.editor.setText("31/12/2026")
    d.fecha_fin.editor.setText("01/12/2026")
    d.agregar_parte()
    d.agregar_parte()
    elegir(d.actor, id_por_nombre(ctx, Actor, "Municipalidad de Villeta"))
    assert not d.guardar()
    assert d.error_de("titulo") == "Escriba el título del convenio."
    assert d.error_de("fecha_fin").startswith("La fecha de fin (01/12/2026) es anterior")
    assert "Parte 1: elija el actor" in d.error_de("partes")
    assert d.pestanas.currentIndex() == 0  # the first error is on the Datos tab
    d.titulo.setText("Con título")
    d.fecha_fin.editor.setText("")
    assert not d.guardar()
    assert d.pestanas.currentIndex() == 1 and d.lista_partes.currentRow() == 0
    assert d._errores_parte["actor_id"].text().startswith("Elija el actor")
    assert ctx.leer(lambda s: contar_convenios(s, ctx.municipio_id)) == 2


def test_editar_un_borrador_con_deshacer(pagina, ctx, qtbot):
    cid = id_de(pagina, BORRADOR)
    d = DialogoConvenio(ctx, cid, pagina)
    qtbot.addWidget(d)
    assert d.windowTitle() == f"Convenio «{BORRADOR}»" and d.lista_partes.count() == 4
    d.lista_partes.setCurrentRow(2)
    d.representante.setText("Alguien Ficticio")
    d.representante.textEdited.emit("Alguien Ficticio")
    d.quitar_parte()
    assert d.lista_partes.count() == 3
    assert d.guardar()
    assert len(ctx.leer(lambda s: obtener_convenio(s, cid)).partes) == 3
    ctx.pila.undo()
    assert len(ctx.leer(lambda s: obtener_convenio(s, cid)).partes) == 4


def test_teclado_en_las_partes(pagina, ctx, qtbot):
    d = DialogoConvenio(ctx, id_de(pagina, BORRADOR), pagina)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.pestanas.setCurrentIndex(1)
    d.lista_partes.setCurrentRow(0)
    d.lista_partes.setFocus()
    qtbot.waitUntil(d.lista_partes.hasFocus)
    qtbot.keyClick(d.lista_partes, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert d.lista_partes.item(1).text() == "2. Municipalidad de Villeta" and d.lista_partes.currentRow() == 1
    qtbot.keyClick(d.lista_partes, Qt.Key.Key_Delete)
    assert d.lista_partes.count() == 3
    qtbot.keyClick(d.lista_partes, Qt.Key.Key_Insert)
    assert d.lista_partes.count() == 4 and d.lista_partes.item(3).text() == "4. (elija el actor)"
    assert d.actor.hasFocus() or d.actor.lineEdit().hasFocus()


def test_un_firmado_se_abre_para_leer_pero_acepta_el_escaneo(pagina, ctx, qtbot, tmp_path):
    cid = id_de(pagina, FIRMADO)
    d = DialogoConvenio(ctx, cid, pagina)
    qtbot.addWidget(d)
    assert d.solo_lectura and d.boton_guardar is None and d.windowTitle().endswith("(firmado)")
    assert d.titulo.isReadOnly() and not d.actor.isEnabled() and not d.boton_agregar.isEnabled()
    assert not d.guardar()
    escaneo = tmp_path / "compromiso firmado.pdf"
    escaneo.write_bytes(b"%PDF-1.4 escaneo")
    assert d.documentos.boton_adjuntar.isEnabled()
    assert d.documentos.adjuntar([str(escaneo)])
    assert d.documentos.modelo_documentos.rowCount() == 1
    assert ctx.pila.undoText() == f"Adjuntar «compromiso firmado.pdf» al convenio «{FIRMADO}»"
    pagina.seleccionar(cid)
    assert pagina.proxy.index(pagina.tabla.currentIndex().row(), COL_ESCANEO).data() == "1 archivo"
    assert pagina.estado.text() == "2 convenios · 1 firmado · 1 borrador"
    assert pagina.documentos.modelo_documentos.rowCount() == 1


# -- firmar, eliminar, imprimir ---------------------------------------------------------------------------------
def test_firmar_congela_y_deshacer_lo_devuelve(pagina, ctx, qtbot, monkeypatch):
    cid = id_de(pagina, BORRADOR)
    pagina.seleccionar(cid)
    # It cannot be signed yet: the page says what is missing instead of asking for the date.
    cajas: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda caja: cajas.append(caja.informativeText()) or 0)
    assert not pagina.firmar()
    assert "Parte 3 («Ministerio de la Niñez y la Adolescencia»): escriba quién firma por ella." in cajas[0]
    with ctx.expediente.transaccion() as s:
        from nucleo.modelo import ParteConvenio

        s.scalars(select(ParteConvenio).where(ParteConvenio.convenio_id == cid,
                                              ParteConvenio.orden == 3)).one().representante = "Firma Ficticia"
    f = DialogoFirmar(ctx, cid, BORRADOR, HOY, pagina)
    qtbot.addWidget(f)
    assert f.fecha.fecha() == HOY and "queda congelado" in f.findChildren(type(f.error))[1].text()
    f.fecha.editor.setText("19/11/2026")
    assert not f.firmar() and "no puede ser futura" in f.error.text()
    f.fecha.editor.setText("17/11/2026")
    assert f.firmar()
    huella = f.huella
    assert estado_de(ctx, cid) == "firmado" and len(huella) == 64
    assert not pagina.accion_firmar.isEnabled() and not pagina.accion_eliminar.isEnabled()
    assert ctx.pila.undoText() == f"Firmar el convenio «{BORRADOR}»"
    ctx.pila.undo()
    assert estado_de(ctx, cid) == "borrador" and pagina.accion_firmar.isEnabled()
    ctx.pila.redo()
    assert estado_de(ctx, cid) == "firmado"
    assert ctx.leer(lambda s: s.get(Convenio, cid).hash_firma) == huella


def test_eliminar_con_confirmacion_y_deshacer(pagina, ctx, monkeypatch):
    pagina.seleccionar(id_de(pagina, FIRMADO))
    avisos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: avisos.append(a[2]))
    pagina.eliminar()
    assert avisos and avisos[0].startswith("El convenio está firmado: no se puede eliminar.")
    assert len(titulos(pagina)) == 2
    preguntas: list[str] = []
    monkeypatch.setattr(pagina, "confirmar", lambda titulo, texto, boton: preguntas.append(texto) or True)
    pagina.seleccionar(id_de(pagina, BORRADOR))
    pagina.eliminar()
    assert preguntas[0].startswith(f"¿Eliminar el convenio «{BORRADOR}»?")
    assert titulos(pagina) == [FIRMADO] and pagina.convenio_actual() == id_de(pagina, FIRMADO)
    ctx.pila.undo()
    assert titulos(pagina) == [BORRADOR, FIRMADO]


def test_imprimir_en_segundo_plano(pagina, ctx, qtbot, tmp_path, monkeypatch):
    pagina.seleccionar(id_de(pagina, FIRMADO))
    propuestas: list[str] = []
    destino = tmp_path / "impreso"
    monkeypatch.setattr(pagina, "pedir_destino", lambda propuesta: propuestas.append(propuesta) or destino)
    tarea = pagina.imprimir()
    qtbot.waitUntil(lambda: not tarea.en_curso, timeout=30000)
    assert propuestas == [f"Compromiso con la comunidad - {FIRMADO}.pdf"]
    assert (tmp_path / "impreso.pdf").read_bytes().startswith(b"%PDF-")
    qtbot.waitUntil(lambda: pagina.aviso is not None, timeout=5000)
    assert pagina.aviso.text() == "Se guardó «impreso.pdf»."
    pagina.aviso.close()
    pagina.seleccionar(id_de(pagina, BORRADOR))
    assert pagina.nombre_propuesto(pagina.fila_actual()).endswith(" - borrador.pdf")


def test_atajos_de_teclado(pagina, qtbot):
    def atajos(a):
        return [k.toString() for k in a.shortcuts()]

    assert atajos(pagina.accion_nuevo) == ["Ins", "Ctrl+Shift+N"]
    assert "Return" in atajos(pagina.accion_editar) and atajos(pagina.accion_eliminar) == ["Del"]
    assert atajos(pagina.accion_imprimir) == []  # Ctrl+P is the window's Archivo › Imprimir… (preview, printer)
    assert pagina.impreso_actual() is None or pagina.impreso_actual().impreso == "convenio"
    assert pagina.accion_editar in pagina.tabla.actions() and pagina.accion_eliminar in pagina.tabla.actions()
    pagina.show()
    qtbot.waitExposed(pagina)
    pagina.filtro.setText("cerrito")
    pagina.buscar()
    qtbot.waitUntil(pagina.filtro.hasFocus)
    assert pagina.filtro.selectedText() == "cerrito"


def test_solo_lectura(expediente_demo, ctx, qtbot):
    ro = Expediente.abrir(expediente_demo.ruta)
    try:
        assert ro.solo_lectura
        p = PaginaConvenios(Contexto(ro), hoy=HOY)
        qtbot.addWidget(p)
        p.seleccionar(id_de(p, BORRADOR))
        assert not p.accion_nuevo.isEnabled() and not p.accion_eliminar.isEnabled()
        assert not p.accion_firmar.isEnabled() and p.accion_imprimir.isEnabled()
        assert p.accion_editar.text() == "Ver" and not p.documentos.boton_adjuntar.isEnabled()
        d = DialogoConvenio(p.ctx, id_de(p, BORRADOR), p)
        qtbot.addWidget(d)
        assert d.solo_lectura and d.boton_guardar is None and d.windowTitle().endswith("(solo lectura)")
    finally:
        ro.cerrar()


def test_la_ventana_ofrece_la_pagina():
    from ui.ventana_principal import PAGINAS

    claves = [e.clave for e in PAGINAS]
    assert "convenios" in claves and claves.index("convenios") > claves.index("hoja_de_ruta")
    entrada = next(e for e in PAGINAS if e.clave == "convenios")
    assert entrada.cargar() is PaginaConvenios and entrada.titulo == PaginaConvenios.titulo == "Convenios"
    assert COL_TITULO == 0
