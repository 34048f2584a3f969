"""Convenios: alta con partes, validación, baja deshacible, firma que congela, huella estable, escaneo y plantillas."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from nucleo.errores import ErrorDeUsuario, ErroresDeValidacion
from nucleo.modelo import Actor, Convenio, Documento, ParteConvenio, Territorio
from nucleo.servicios import demo_convenios
from nucleo.servicios.actores import eliminar_actor
from nucleo.servicios.convenios import (
    BORRADOR,
    FIRMADO,
    DatosConvenio,
    DatosParte,
    actualizar_convenio,
    adjuntar_documento_convenio,
    crear_convenio,
    deshacer_firma,
    eliminar_convenio,
    eliminar_documento_convenio,
    ficha_convenio,
    firmar,
    huella,
    listar_convenios,
    listar_documentos_convenio,
    obtener_convenio,
    problemas_para_firmar,
    quitar_parte,
    restaurar_convenio,
    restaurar_documento_convenio,
    sugerir_firmante,
    texto_canonico,
    verificar_firma,
)
from nucleo.servicios.convenios_plantilla import (
    BLANCO,
    CARPETA_PLANTILLAS,
    ParteTexto,
    carpeta_del_usuario,
    ordinal,
    rellenar,
    texto_de_convenio,
)
from nucleo.servicios.hoja_de_ruta import contenido_documento

HOY = date(2026, 11, 18)
MUNICIPALIDAD = "Municipalidad de Villeta"
ASOCIACION = "Asociación de Productores Cerrito Unido (ficticia)"
ESCUELA = "Escuela Básica N.º 0000 Cerrito (ficticia)"


def actor(s, nombre: str) -> int:
    return s.scalar(select(Actor.id).where(Actor.nombre == nombre))


def territorio(s, nombre: str) -> int:
    return s.scalar(select(Territorio.id).where(Territorio.nombre == nombre))


def datos_validos(s, **cambios) -> DatosConvenio:
    d = DatosConvenio(
        titulo="Compromiso de prueba", tipo="compromiso_comunidad", territorio_id=territorio(s, "Compañía Cerrito"),
        objeto="mejorar el camino vecinal", lugar="Villeta", fecha_inicio=date(2026, 11, 1),
        fecha_fin=date(2027, 3, 31),
        partes=(DatosParte(actor(s, MUNICIPALIDAD), "Juan Ejemplo Demo (ficticio)", "Intendente Municipal",
                           "Aportar la máquina niveladora.\nCoordinar las jornadas."),
                DatosParte(actor(s, ASOCIACION), "Pedro Prueba (ficticio)", "Presidente",
                           "- Convocar a las familias.\n\n• Aportar la mano de obra.")))
    return replace(d, **cambios)


@pytest.fixture
def exp(expediente_demo):
    return expediente_demo


def crear(exp, **cambios) -> int:
    with exp.transaccion() as s:
        return crear_convenio(s, exp.municipio_id, datos_validos(s, **cambios))


# -- alta, lectura y lista --------------------------------------------------------------------------------------
def test_crear_copia_el_nombre_del_actor_y_guarda_el_orden(exp):
    cid = crear(exp)
    with exp.sesion() as s:
        d = obtener_convenio(s, cid)
        assert [p.nombre_parte for p in d.partes] == [MUNICIPALIDAD, ASOCIACION]
        assert [p.orden for p in s.scalars(select(ParteConvenio).where(ParteConvenio.convenio_id == cid)
                                           .order_by(ParteConvenio.orden))] == [1, 2]
        c = s.get(Convenio, cid)
        assert c.estado == BORRADOR and c.hash_firma == "" and c.fecha_firma is None
        ficha = ficha_convenio(s, cid)
        assert ficha.partes[1].obligaciones == ("Convocar a las familias.", "Aportar la mano de obra.")
        assert ficha.territorio == "Compañía Cerrito" and ficha.tipo_texto == "Compromiso con la comunidad"
        fila = next(f for f in listar_convenios(s, exp.municipio_id) if f.id == cid)
        assert fila.partes == f"{MUNICIPALIDAD}, {ASOCIACION}"
        assert (fila.estado_texto, fila.territorio, fila.tiene_escaneo, fila.firmado) == (
            "Borrador", "Compañía Cerrito", False, False)


def test_validacion_por_campo(exp):
    with exp.transaccion() as s:
        mid = exp.municipio_id
        muni = actor(s, MUNICIPALIDAD)
        with pytest.raises(ErroresDeValidacion) as e:
            crear_convenio(s, mid, datos_validos(s, titulo="  ", fecha_fin=date(2026, 10, 1), territorio_id=99999,
                                                 partes=(DatosParte(muni), DatosParte(99999), DatosParte(muni),
                                                         DatosParte())))
        errores = e.value.errores
        assert errores["titulo"] == "Escriba el título del convenio."
        assert errores["fecha_fin"].startswith("La fecha de fin (01/10/2026) es anterior a la de inicio (01/11/2026)")
        assert "territorio_id" in errores
        assert errores["partes.2.actor_id"] == "Parte 2: el actor elegido ya no existe; elija otro de la lista."
        assert errores["partes.3.actor_id"] == ("Parte 3: «Municipalidad de Villeta» ya es la parte 1; cada actor "
                                                "firma una sola vez.")
        assert errores["partes.4.actor_id"].startswith("Parte 4: elija el actor")
        with pytest.raises(ErroresDeValidacion) as e:
            crear_convenio(s, mid, datos_validos(s, tipo="acta"))
        assert "tipo" in e.value.errores


def test_actualizar_reemplaza_las_partes_y_devuelve_lo_anterior(exp):
    cid = crear(exp)
    with exp.transaccion() as s:
        antes = obtener_convenio(s, cid)
        nuevo = replace(antes, titulo="Otro título", partes=(
            antes.partes[1], DatosParte(actor(s, ESCUELA), "Nilda Muestra Ejemplo", "Directora", "Prestar aulas.")))
        anterior = actualizar_convenio(s, cid, nuevo)
        assert anterior == antes
        d = obtener_convenio(s, cid)
        assert d.titulo == "Otro título" and [p.nombre_parte for p in d.partes] == [ASOCIACION, ESCUELA]
        # This agreement's row: the demo's signed agreement also has the school as a party (third).
        assert s.scalar(select(ParteConvenio.orden).where(ParteConvenio.convenio_id == cid,
                                                          ParteConvenio.nombre_parte == ESCUELA)) == 2
        actualizar_convenio(s, cid, anterior)  # what undo does
        assert obtener_convenio(s, cid) == antes
        quitado = quitar_parte(s, cid, 1)
        assert [p.nombre_parte for p in obtener_convenio(s, cid).partes] == [ASOCIACION] and quitado == antes


def test_una_parte_cuyo_actor_se_elimino_conserva_su_nombre(exp):
    cid = crear(exp)
    with exp.transaccion() as s:
        eliminar_actor(s, actor(s, ASOCIACION))
    with exp.transaccion() as s:
        d = obtener_convenio(s, cid)
        assert d.partes[1].actor_id is None and d.partes[1].nombre_parte == ASOCIACION
        actualizar_convenio(s, cid, replace(d, titulo="Sigue valiendo"))  # saving again keeps the copy
        assert obtener_convenio(s, cid).partes[1].nombre_parte == ASOCIACION


def test_eliminar_y_restaurar_con_partes_y_documentos(exp):
    cid = crear(exp)
    with exp.transaccion() as s:
        did = adjuntar_documento_convenio(s, cid, "borrador.pdf", contenido=b"%PDF-1.4 prueba")
    with exp.transaccion() as s:
        copia = eliminar_convenio(s, cid)
        assert s.get(Convenio, cid) is None and s.get(Documento, did) is None
    with exp.transaccion() as s:
        assert restaurar_convenio(s, copia) == cid
    with exp.sesion() as s:
        assert [p.nombre_parte for p in obtener_convenio(s, cid).partes] == [MUNICIPALIDAD, ASOCIACION]
        assert contenido_documento(s, did) == ("borrador.pdf", b"%PDF-1.4 prueba")


# -- firma ------------------------------------------------------------------------------------------------------
def test_firmar_exige_dos_partes_objeto_y_quien_firma(exp):
    cid = crear(exp, objeto="", partes=())
    with exp.transaccion() as s:
        muni = actor(s, MUNICIPALIDAD)
        faltan = problemas_para_firmar(s, cid)
        assert faltan["partes"] == "Tiene 0 partes: un convenio se firma entre al menos dos partes."
        assert faltan["objeto"] == "Escriba el objeto del convenio (qué se acuerda)."
        d = obtener_convenio(s, cid)
        actualizar_convenio(s, cid, replace(d, objeto="algo", partes=(DatosParte(muni, "Juan"),
                                                                      DatosParte(actor(s, ESCUELA)))))
        with pytest.raises(ErroresDeValidacion) as e:
            firmar(s, exp.municipio_id, cid, HOY, hoy=HOY)
        assert e.value.errores == {"partes.2.representante": "Parte 2 («Escuela Básica N.º 0000 Cerrito (ficticia)»): "
                                                             "escriba quién firma por ella."}
        assert s.get(Convenio, cid).estado == BORRADOR


def test_firmar_rechaza_fechas_imposibles(exp):
    cid = crear(exp)
    with exp.transaccion() as s:
        for fecha, texto in ((None, "Escriba la fecha"), (date(2026, 11, 19), "no puede ser futura"),
                             (date(2027, 4, 1), "posterior a la de fin")):
            with pytest.raises(ErroresDeValidacion) as e:
                firmar(s, exp.municipio_id, cid, fecha, hoy=date(2027, 5, 1) if fecha == date(2027, 4, 1) else HOY)
            assert texto in e.value.errores["fecha_firma"]
        with pytest.raises(ErrorDeUsuario):
            firmar(s, exp.municipio_id + 1, cid, HOY, hoy=HOY)  # another municipio's agreement


def test_firmado_queda_congelado(exp):
    cid = crear(exp)
    with exp.transaccion() as s:
        h = firmar(s, exp.municipio_id, cid, date(2026, 11, 17), hoy=HOY)
        c = s.get(Convenio, cid)
        assert (c.estado, c.fecha_firma, c.hash_firma) == (FIRMADO, date(2026, 11, 17), h) and len(h) == 64
    with exp.transaccion() as s:
        d = obtener_convenio(s, cid)
        for intento in (lambda: actualizar_convenio(s, cid, replace(d, titulo="Cambiado")),
                        lambda: eliminar_convenio(s, cid),
                        lambda: quitar_parte(s, cid, 2),
                        lambda: firmar(s, exp.municipio_id, cid, HOY, hoy=HOY)):
            with pytest.raises(ErrorDeUsuario) as e:
                intento()
            assert e.value.mensaje.startswith("El convenio está firmado: no se puede ")
        assert "ya está firmado" in problemas_para_firmar(s, cid)["estado"]
    with exp.sesion() as s:
        assert obtener_convenio(s, cid).titulo == "Compromiso de prueba" and verificar_firma(s, cid)


def test_el_escaneo_se_adjunta_y_quita_aun_firmado(exp, tmp_path):
    cid = crear(exp)
    escaneo = tmp_path / "convenio firmado.pdf"
    escaneo.write_bytes(b"%PDF-1.4 escaneo con firmas")
    with exp.transaccion() as s:
        h = firmar(s, exp.municipio_id, cid, HOY, hoy=HOY)
        did = adjuntar_documento_convenio(s, cid, escaneo)
    with exp.sesion() as s:
        docs = listar_documentos_convenio(s, cid)
        assert [(d.id, d.nombre_archivo, d.tipo_mime) for d in docs] == [(did, "convenio firmado.pdf",
                                                                           "application/pdf")]
        assert next(f for f in listar_convenios(s, exp.municipio_id) if f.id == cid).tiene_escaneo
        assert s.get(Convenio, cid).hash_firma == h and verificar_firma(s, cid)  # the scan is not signed content
    with exp.transaccion() as s:
        copia = eliminar_documento_convenio(s, did)
    with exp.transaccion() as s:
        assert listar_documentos_convenio(s, cid) == []
        assert restaurar_documento_convenio(s, copia) == did
    with exp.sesion() as s:
        assert contenido_documento(s, did)[1] == b"%PDF-1.4 escaneo con firmas"
    with pytest.raises(ErrorDeUsuario, match="No se pudo leer «no-existe.pdf»"), exp.transaccion() as s:
        adjuntar_documento_convenio(s, cid, tmp_path / "no-existe.pdf")


def test_la_huella_es_estable_y_cubre_solo_lo_acordado(exp):
    a, b = crear(exp), crear(exp, titulo="Compromiso de prueba", notas="otra nota interna",
                             territorio_id=None)
    with exp.transaccion() as s:
        ha = firmar(s, exp.municipio_id, a, HOY, hoy=HOY)
        hb = firmar(s, exp.municipio_id, b, HOY, hoy=HOY)
    # Same agreed content, same hash: ids, territory link and internal notes are not part of what was signed.
    assert ha == hb
    with exp.sesion() as s:
        c = s.get(Convenio, a)
        assert huella(c) == ha and texto_canonico(c) == texto_canonico(s.get(Convenio, b))
        assert '"titulo":"Compromiso de prueba"' in texto_canonico(c) and '"fecha_firma":"2026-11-18"' in texto_canonico(c)
    # Someone edits the file behind Articula's back: the hash no longer matches.
    with exp.transaccion() as s:
        s.scalars(select(ParteConvenio).where(ParteConvenio.convenio_id == a)).first().obligaciones = "Nada."
    with exp.sesion() as s:
        assert not verificar_firma(s, a) and verificar_firma(s, b)


def test_deshacer_la_firma_solo_para_la_pila(exp):
    cid = crear(exp)
    with exp.transaccion() as s:
        h = firmar(s, exp.municipio_id, cid, HOY, hoy=HOY)
        fecha = deshacer_firma(s, cid)  # Ctrl+Z right after signing
        c = s.get(Convenio, cid)
        assert fecha == HOY and (c.estado, c.fecha_firma, c.hash_firma) == (BORRADOR, None, "")
        assert firmar(s, exp.municipio_id, cid, fecha, hoy=HOY) == h  # Ctrl+Y: the same hash


def test_sugerir_firmante(exp):
    with exp.sesion() as s:
        assert sugerir_firmante(s, actor(s, MUNICIPALIDAD)) == ("Juan Ejemplo Demo (ficticio)", "Intendente Municipal")
        assert sugerir_firmante(s, actor(s, ESCUELA)) == ("Nilda Muestra Ejemplo", "Directora")  # a member person
        assert sugerir_firmante(s, actor(s, "Rosa Ejemplo Ficticia")) == ("Rosa Ejemplo Ficticia",
                                                                          "Directora de Desarrollo Social")
        assert sugerir_firmante(s, 99999) == ("", "")


# -- demo -------------------------------------------------------------------------------------------------------
def test_demo_un_compromiso_firmado_en_la_etapa_3_y_un_borrador(exp):
    with exp.transaccion() as s:
        ids = demo_convenios.sembrar(s, exp.municipio_id, HOY)
    with exp.sesion() as s:
        filas = {f.id: f for f in listar_convenios(s, exp.municipio_id)}
        firmado, borrador = filas[ids[0]], filas[ids[1]]
        assert (firmado.tipo, firmado.estado, firmado.territorio) == ("compromiso_comunidad", FIRMADO,
                                                                      "Compañía Cerrito")
        assert firmado.partes == f"{MUNICIPALIDAD}, {ASOCIACION}, {ESCUELA}"
        assert all(p.obligaciones and p.representante for p in ficha_convenio(s, ids[0]).partes)
        assert verificar_firma(s, ids[0])
        assert (borrador.tipo, borrador.estado) == ("carta_compromiso", BORRADOR)
        # Cerrito is the demo territory in stage 3 (diagnosis and work commitment).
        from nucleo.servicios.hoja_de_ruta import resumen_ruta
        ruta = resumen_ruta(s, firmado.territorio_id, HOY)
        assert next(e for e in ruta.etapas if e.codigo == "3").estado == "en_curso"


# -- plantillas -------------------------------------------------------------------------------------------------
def test_cada_plantilla_se_arma_con_datos_reales(exp):
    with exp.transaccion() as s:
        ids = demo_convenios.sembrar(s, exp.municipio_id, HOY)
        for tipo in ("compromiso_comunidad", "carta_compromiso", "contrato_servicios", "convenio_marco"):
            s.get(Convenio, ids[1]).tipo = tipo
            s.flush()
            t = texto_de_convenio(s, ids[1])
            assert t.archivo == f"{tipo}.txt" and len(t.titulo) == 2
            assert [c.ordinal for c in t.clausulas][:3] == ["PRIMERA", "SEGUNDA", "TERCERA"]
            todo = " ".join(b.texto for c in t.clausulas for b in c.bloques) + " ".join(b.texto for b in t.preambulo)
            assert "$" not in todo and "Barrio San Miguel" in todo
            assert "Unidad de Salud de la Familia San Miguel (ficticia)" in todo
            listas = [b.items for c in t.clausulas for b in c.bloques if b.items]
            assert ("Relevar casa por casa a las familias con niñas y niños pequeños.",
                    "Difundir las jornadas en el barrio.") in listas
        t = texto_de_convenio(s, ids[0])
        preambulo = t.preambulo[0].texto
        assert preambulo.startswith("En Villeta, Departamento Central, República del Paraguay, a 13 de noviembre de "
                                    "2026, comparecen: Municipalidad de Villeta, en la persona de Juan Ejemplo Demo "
                                    "(ficticio), Intendente Municipal;")
        assert "; y Escuela Básica N.º 0000 Cerrito (ficticia), en la persona de Nilda Muestra Ejemplo" in preambulo
        assert "tres ejemplares" in t.cierre[0].texto
        # A draft without signing date prints a gap to fill by hand.
        assert "a los …… días del mes de" in texto_de_convenio(s, ids[1]).preambulo[0].texto


def test_sintaxis_de_la_plantilla():
    partes = [ParteTexto("Municipalidad", "Juan", "Intendente", ("Uno.", "Dos.")), ParteTexto("Comité", "", "", ())]
    texto = """# comentario: no se imprime $inexistente
[titulo]
TÍTULO DE ${MUNICIPIO}ES
$titulo

[preambulo]
En $lugar, a $fecha_firma_larga,
cuesta $$100.

[clausula] DEL OBJETO
Objeto: $objeto
[partes]
$parte_letra) $parte_nombre ($parte_representante):

$parte_obligaciones
[/partes]
[clausula] SEGUNDA PARTE
Entre $partes_lista.
[cierre]
Fin."""
    t = rellenar(texto, {"municipio": "Villeta", "titulo": "Prueba", "lugar": "Villeta", "fecha_firma_larga": "hoy",
                         "objeto": "algo", "partes_lista": "A y B"}, partes, "prueba.txt")
    assert t.titulo == ("TÍTULO DE VilletaES", "Prueba")
    assert [b.texto for b in t.preambulo] == ["En Villeta, a hoy, cuesta $100."]
    primera = t.clausulas[0]
    assert (primera.ordinal, primera.titulo) == ("PRIMERA", "DEL OBJETO")
    assert [(b.texto, b.items, b.de_parte) for b in primera.bloques] == [
        ("Objeto: algo", (), False), ("a) Municipalidad (Juan):", (), True), ("", ("Uno.", "Dos."), True),
        (f"b) Comité ({BLANCO}):", (), True), ("", (BLANCO,), True)]
    assert t.clausulas[1].ordinal == "SEGUNDA" and t.cierre[0].texto == "Fin."
    assert ordinal(10) == "DÉCIMA" and ordinal(21) == "21.ª"


@pytest.mark.parametrize(("texto", "mensaje"), [
    ("[titulo]\nA\n\n[preambulo]\nHola $municipo.", "renglón 5: «$municipo» no es un dato que Articula conozca"),
    ("[preambulo]\nCuesta $ 100.", "renglón 2: hay un «$» que no forma un dato («$ 100.»)"),
    ("[clausula] X\n[partes]\n$parte_nombre\n", "renglón 2: el bloque [partes] no se cierra"),
    ("[preambulo]\n$parte_nombre", "renglón 2: «$parte_nombre» solo puede usarse dentro de un bloque [partes]"),
    ("[clausla] DEL OBJETO\nx", "renglón 1: la sección «[clausla] DEL OBJETO» no existe"),
    ("Hola\n[preambulo]\nx", "renglón 1: hay texto antes de la primera sección"),
    ("[clausula]\nx", "renglón 1: a la cláusula le falta el título"),
    ("[preambulo]\n[/partes]", "renglón 2: hay un [/partes] sin su [partes] de apertura"),
])
def test_plantilla_mal_escrita_da_un_mensaje_claro(texto, mensaje):
    with pytest.raises(ErrorDeUsuario) as e:
        rellenar(texto, {"municipio": "Villeta"}, [], "mia.txt")
    assert e.value.mensaje.startswith("La plantilla «mia.txt», ")
    assert mensaje in e.value.mensaje
    assert "LEEME.md" in e.value.detalle


def test_la_plantilla_del_usuario_reemplaza_a_la_del_programa(exp):
    with exp.transaccion() as s:
        cid = demo_convenios.sembrar(s, exp.municipio_id, HOY)[0]
    propia = carpeta_del_usuario() / "compromiso_comunidad.txt"
    propia.parent.mkdir(parents=True, exist_ok=True)
    propia.write_text("[titulo]\nACTA DE COMPROMISO\n[clausula] ÚNICA\nEn $municpio.\n", encoding="utf-8")
    with exp.sesion() as s, pytest.raises(ErrorDeUsuario) as e:
        texto_de_convenio(s, cid)
    assert e.value.mensaje.startswith("La plantilla «compromiso_comunidad.txt», renglón 4: «$municpio» no es un dato")
    propia.write_text("[titulo]\nACTA DE COMPROMISO\n[clausula] ÚNICA\nEn $municipio.\n", encoding="utf-8")
    with exp.sesion() as s:
        t = texto_de_convenio(s, cid)
    assert t.titulo == ("ACTA DE COMPROMISO",) and t.clausulas[0].bloques[0].texto == "En Villeta."
    propia.write_bytes("[titulo]\nAÑO\n".encode("latin-1"))
    with exp.sesion() as s, pytest.raises(ErrorDeUsuario, match="no está guardada como texto UTF-8"):
        texto_de_convenio(s, cid)
    propia.unlink()
    assert (CARPETA_PLANTILLAS / "compromiso_comunidad.txt").is_file()
