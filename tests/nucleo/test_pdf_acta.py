"""El acta y la convocatoria impresas: lo que un secretario lee, hace aprobar y firma.

Primero desde un contenido armado aquí (los campos de `ContenidoActa`), después de punta a punta desde filas del
expediente por los servicios de mesas, sesiones y actas.
"""

from __future__ import annotations

import re
from datetime import date, time
from types import SimpleNamespace

import pytest

from nucleo.errores import ErrorDeUsuario
from nucleo.exportar.pdf.acta import dias_en_letras, dibujar_acta, hora_texto
from nucleo.exportar.pdf.convocatoria import (
    ContenidoConvocatoria,
    dibujar_convocatoria,
    firmantes_de_la_convocatoria,
)
from nucleo.exportar.pdf.documentos import IMPRESOS, exportar_pdf
from nucleo.exportar.pdf.estilo import Membrete
from nucleo.exportar.pdf.lectura import texto_de_pdf

HOY = date(2026, 11, 18)
MEMBRETE = Membrete("Villeta", "Central", "11")
HUELLA = "3b5d" * 16
QUORUM = "Hay quórum: 8 de 11 miembros con voto (se necesitan 6)."


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


def _asistente(n: int, rol: str = "Miembro", reemplaza_a: str = "") -> dict:
    return dict(nombre=f"Persona Ejemplo {n:02d}", cargo=f"Cargo {n:02d}", institucion=f"Institución {n:02d}",
                rol_texto=rol, estado_texto="Presente", reemplaza_a=reemplaza_a)


def contenido(estado: str = "firmada", presentes: int = 8, **cambios) -> SimpleNamespace:
    asistentes = [_asistente(1, "Preside"), _asistente(2, "Secretaría")]
    asistentes += [_asistente(n, reemplaza_a="Titular Ausente Demo" if n == 5 else "") for n in range(3, presentes + 1)]
    datos = dict(
        numero_texto="Acta N.º 3/2026", estado=estado, municipio="Villeta", departamento="Central",
        mesa="Mesa territorial San Miguel", mesa_tipo="mesa_territorial", sesion_tipo="ordinaria",
        fecha="2026-11-18", hora_inicio="09:05:00", hora_fin=time(11, 20), lugar="Salón comunitario San Miguel",
        asistentes=asistentes,
        invitados=[dict(nombre="Elena Invitada Demo", cargo="Técnica", institucion="Gobernación de Central")],
        ausentes=[dict(nombre="Titular Ausente Demo", cargo="Docente", institucion="Escuela", rol_texto="Miembro",
                       estado_texto="Ausente con aviso", reemplaza_a=""),
                  dict(nombre="Otro Ausente Demo", cargo="", institucion="", rol_texto="Miembro",
                       estado_texto="Ausente", reemplaza_a="")],
        quorum_texto=QUORUM,
        puntos=[dict(orden=1, titulo="Lectura del acta anterior", expositor="Secretaría",
                     desarrollo="Se aprobó el Acta N.º 2/2026 sin observaciones."),
                dict(orden=2, titulo="Entrega de tanques de agua", expositor="Persona Ejemplo 03", desarrollo="")],
        acuerdos=[dict(orden=1, texto="Entregar los tanques a las 40 familias priorizadas.",
                       responsable="Municipalidad de Villeta", plazo="2026-12-15", punto=2,
                       votos="8 a favor, 0 en contra, 1 abstención"),
                  dict(orden=2, texto="Organizar la jornada de vacunación.", responsable="USF San Miguel",
                       plazo=None, votos="")],
        observaciones="", corrige_a="",
        hash_firma=HUELLA if estado == "firmada" else "", firmada_en=date(2026, 11, 20) if estado == "firmada" else None,
    )
    datos.update(cambios)
    return SimpleNamespace(**datos)


def test_registrados_como_impresos():
    assert IMPRESOS["acta"].funcion == "nucleo.exportar.pdf.acta:imprimir" and IMPRESOS["acta"].pide_id == "acta"
    assert IMPRESOS["convocatoria"].funcion == "nucleo.exportar.pdf.convocatoria:imprimir"
    assert IMPRESOS["convocatoria"].pide_id == "sesion"


def test_pedir_el_acta_sin_decir_cual(expediente_demo, tmp_path):
    with expediente_demo.sesion() as s, pytest.raises(ErrorDeUsuario, match="indique el acta"):
        exportar_pdf("acta", s, expediente_demo.municipio_id, tmp_path / "a.pdf", hoy=HOY)
    with expediente_demo.sesion() as s, pytest.raises(ErrorDeUsuario, match="No se encontró el acta"):
        exportar_pdf("acta", s, expediente_demo.municipio_id, tmp_path / "a.pdf", hoy=HOY, id=9999)
    with expediente_demo.sesion() as s, pytest.raises(ErrorDeUsuario, match="No se encontró la sesión"):
        exportar_pdf("convocatoria", s, expediente_demo.municipio_id, tmp_path / "c.pdf", hoy=HOY, id=9999)


def test_fecha_y_hora_como_se_escriben_en_un_acta():
    assert dias_en_letras(date(2026, 11, 18)) == "a los dieciocho días del mes de noviembre de 2026"
    assert dias_en_letras(date(2026, 3, 1)) == "al primer día del mes de marzo de 2026"
    assert dias_en_letras(date(2026, 1, 21)) == "a los veintiún días del mes de enero de 2026"
    assert hora_texto(time(9, 5)) == "9:05" and hora_texto("14:30:00") == "14:30" and hora_texto(None) == ""


def test_acta_firmada(tmp_path):
    ruta = dibujar_acta(contenido(), tmp_path / "acta.pdf", MEMBRETE, HOY)
    datos = ruta.read_bytes()
    assert b"/BaseFont /AAAAAA+DejaVuSans" in datos and b"Helvetica" not in datos
    paginas = texto_de_pdf(ruta)
    for n, texto in enumerate(paginas, start=1):
        assert "REPÚBLICA DEL PARAGUAY" in texto and "Municipalidad de Villeta" in texto
        assert f"Página {n} de {len(paginas)}" in texto
        # Every sheet says what was signed: a loose page can be checked against the expediente.
        assert f"Firmada el 20/11/2026 · Huella SHA-256 del contenido firmado: {HUELLA}" in texto
        assert "BORRADOR" not in texto
    todo = _plano("\n".join(paginas))
    assert "ACTA N.º 3/2026" in todo and "Mesa territorial San Miguel" in todo and "Sesión ordinaria" in todo
    assert "miércoles, 18 de noviembre de 2026" in todo
    assert ("En la ciudad de Villeta, Departamento Central, República del Paraguay, a los dieciocho días del mes de "
            "noviembre de 2026, siendo las 9:05 horas, se reúnen en Salón comunitario San Miguel, los miembros de "
            "la Mesa territorial San Miguel en sesión ordinaria") in todo
    assert "Verificada la asistencia, la Secretaría deja constancia: " + QUORUM in todo
    assert "En reemplazo de Titular Ausente Demo" in todo
    assert "Ausentes con aviso: Titular Ausente Demo (Docente, Escuela)." in todo
    assert "Ausentes: Otro Ausente Demo." in todo
    assert "Elena Invitada Demo" in todo
    # Agenda, what was discussed, the agreements with responsible, deadline and votes.
    assert "1. Lectura del acta anterior (expone: Secretaría)" in todo
    assert "Se aprobó el Acta N.º 2/2026 sin observaciones." in todo
    # Under the item it came from, the agreement taken there.
    assert todo.index("2. Entrega de tanques de agua Sin anotaciones sobre este punto.") < todo.index(
        "Se tomó el acuerdo N.º 1.") < todo.index("Entregar los tanques a las 40 familias priorizadas.")
    assert "Entregar los tanques a las 40 familias priorizadas." in todo and "15/12/2026" in todo
    assert "8 a favor, 0 en contra, 1 abstención" in todo and "Por consenso" in todo and "Sin plazo" in todo
    assert "se da por finalizada la sesión siendo las 11:20 horas" in todo
    # After the closing words, one signature per attendee (members and guest), each with its role under it.
    firmas = _plano(todo[todo.index("firman al pie"):])
    for n in range(1, 9):
        assert f"Persona Ejemplo {n:02d}" in firmas
        assert f"Cargo {n:02d}, Institución {n:02d}" in firmas
    # Text comes out row by row: the names of a row of signatures, then their roles, then their posts.
    assert firmas.index("Persona Ejemplo 01") < firmas.index("Preside") < firmas.index("Cargo 01, Institución 01")
    assert firmas.index("Persona Ejemplo 02") < firmas.index("Secretaría") < firmas.index("Cargo 02, Institución 02")
    assert "Miembro, en reemplazo de Titular Ausente Demo" in firmas
    assert firmas.index("Elena Invitada Demo") < firmas.index("Invitado/a") < firmas.index(
        "Técnica, Gobernación de Central")
    assert "Titular Ausente Demo" not in firmas.replace("en reemplazo de Titular Ausente Demo", "")


def test_borrador_con_marca_y_sin_huella(tmp_path):
    c = contenido("borrador", hora_fin=None)
    paginas = texto_de_pdf(dibujar_acta(c, tmp_path / "borrador.pdf", MEMBRETE, HOY))
    for texto in paginas:
        assert "BORRADOR" in texto and "Huella" not in texto and "Firmada el" not in texto
    todo = _plano("\n".join(paginas))
    assert "Borrador para revisión de la mesa: sin valor hasta su aprobación y firma." in todo
    # The closing time is still to be written by hand.
    assert "siendo las …… horas" in todo


def test_ninguna_firma_queda_partida_entre_dos_hojas(tmp_path):
    c = contenido("aprobada", presentes=40, aprobada_en=date(2026, 11, 19))
    paginas = texto_de_pdf(dibujar_acta(c, tmp_path / "larga.pdf", MEMBRETE, HOY))
    assert len(paginas) >= 3 and "BORRADOR" not in "".join(paginas)
    assert "Aprobada por la mesa el 19/11/2026; pendiente de firma." in paginas[0]
    inicio = next(i for i, p in enumerate(paginas) if "firman al pie" in p)
    hojas = [paginas[inicio][paginas[inicio].index("firman al pie"):]] + paginas[inicio + 1:]
    assert len(hojas) >= 2  # 41 signatures do not fit on one sheet
    for n in range(1, 41):
        donde = [i for i, h in enumerate(hojas) if f"Persona Ejemplo {n:02d}" in h]
        assert len(donde) == 1, n
        # The name and the post under its line are on the same sheet.
        assert f"Cargo {n:02d}, Institución {n:02d}" in _plano(hojas[donde[0]]), n


def test_acta_que_corrige_otra(tmp_path):
    c = contenido("firmada", corrige_a="Acta N.º 2/2026", observaciones="Se corrige el plazo del acuerdo 1.")
    todo = _plano("\n".join(texto_de_pdf(dibujar_acta(c, tmp_path / "c.pdf", MEMBRETE, HOY))))
    assert "Esta acta corrige el Acta N.º 2/2026" in todo and "Se corrige el plazo del acuerdo 1." in todo


def _convocatoria(minutos=(10, 40, 30, 15)) -> ContenidoConvocatoria:
    miembros = [dict(nombre="Juan Preside Demo", cargo="Intendente", institucion="Municipalidad", rol="preside",
                     rol_texto="Preside", titular=True, suplente_de="", con_voto=True),
                dict(nombre="María Secretaria Demo", cargo="Coordinadora", institucion="Municipalidad",
                     rol="secretaria", rol_texto="Secretaría", titular=True, suplente_de="", con_voto=True),
                dict(nombre="Carlos Miembro Demo", cargo="Director", institucion="USF", rol="miembro",
                     rol_texto="Miembro", titular=True, suplente_de="", con_voto=True),
                dict(nombre="Lucía Suplente Demo", cargo="Enfermera", institucion="USF", rol="miembro",
                     rol_texto="Miembro", titular=False, suplente_de="Carlos Miembro Demo", con_voto=True),
                dict(nombre="Pedro Asesor Demo", cargo="", institucion="MDS", rol="miembro", rol_texto="Miembro",
                     titular=True, suplente_de="", con_voto=False)]
    titulos = ("Lectura del acta anterior", "Avance del Plan de Acción", "Jornada de vacunación", "Varios")
    c = ContenidoConvocatoria(
        mesa="Mesa territorial San Miguel", mesa_tipo="mesa_territorial", sesion_tipo="extraordinaria",
        fecha=date(2026, 11, 24), hora=time(9, 0), lugar="Salón comunitario San Miguel", duracion_prevista=90,
        convocada_en=date(2026, 11, 18), miembros=miembros,
        puntos=[dict(orden=i, titulo=t, expositor="María Secretaria Demo" if i == 1 else "", minutos=m)
                for i, (t, m) in enumerate(zip(titulos, minutos, strict=True), start=1)])
    c.firmantes = firmantes_de_la_convocatoria(miembros)
    return c


def test_convocatoria(tmp_path):
    ruta = dibujar_convocatoria(_convocatoria(), tmp_path / "convocatoria.pdf", MEMBRETE, HOY)
    paginas = texto_de_pdf(ruta)
    todo = _plano("\n".join(paginas))
    assert "CONVOCATORIA" in todo and "Mesa territorial San Miguel" in todo and "Sesión extraordinaria" in todo
    assert "Villeta, 18 de noviembre de 2026" in todo
    assert "A los miembros de la Mesa territorial San Miguel:" in todo
    assert ("se le convoca a la sesión extraordinaria de la Mesa territorial San Miguel, que se realizará el "
            "martes, 24 de noviembre de 2026, a las 9:00 horas, en Salón comunitario San Miguel") in todo
    assert "1 hora 30 minutos" in todo
    for titulo in ("Lectura del acta anterior", "Avance del Plan de Acción", "Jornada de vacunación", "Varios"):
        assert titulo in todo
    assert "Total del orden del día (duración prevista: 90 minutos) 95" in todo
    assert "El orden del día suma 95 minutos: 5 minutos más que la duración prevista de la sesión (90 minutos)." in todo
    for nombre in ("Juan Preside Demo", "María Secretaria Demo", "Carlos Miembro Demo", "Lucía Suplente Demo",
                   "Pedro Asesor Demo"):
        assert nombre in todo
    assert "Suplente de Carlos Miembro Demo" in todo and "Nómina de miembros convocados" in todo
    # Signed by who presides and the secretaría, under «Atentamente».
    firmas = todo[todo.index("Atentamente"):todo.index("Nómina de miembros")]
    assert firmas.index("Juan Preside Demo") < firmas.index("Presidencia") < firmas.index("Intendente, Municipalidad")
    assert firmas.index("María Secretaria Demo") < firmas.index("Secretaría") < firmas.index(
        "Coordinadora, Municipalidad")


def test_convocatoria_dentro_del_tiempo_y_sin_secretaria(tmp_path):
    c = _convocatoria(minutos=(10, 20, 20, 10))
    c.miembros = [m for m in c.miembros if m["rol"] != "secretaria"]
    c.firmantes = firmantes_de_la_convocatoria(c.miembros)
    todo = _plano("\n".join(texto_de_pdf(dibujar_convocatoria(c, tmp_path / "c.pdf", MEMBRETE, HOY))))
    assert "El orden del día ocupa 60 minutos de los 90 previstos para la sesión." in todo
    assert "más que la duración prevista" not in todo
    # Nobody holds the secretaría: a blank line with the role, to be signed by hand.
    assert "Secretaría" in todo[todo.index("Atentamente"):todo.index("Nómina de miembros")]
