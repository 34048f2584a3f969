"""`python main.py acta RUTA --mesa ID --numero N/AAAA --salida F.pdf`: el acta impresa desde la consola, de punta a
punta (una sesión armada con los servicios de mesas, sesiones y actas), y la convocatoria de esa sesión."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest

from nucleo.exportar.pdf.documentos import exportar_pdf
from nucleo.exportar.pdf.lectura import texto_de_pdf

RAIZ = Path(__file__).resolve().parents[2]
HOY = date(2026, 11, 18)
MESA = "Mesa de prueba del acta impresa"


def _plano(texto: str) -> str:
    return re.sub(r"\s+", " ", texto)


@pytest.fixture
def correr(carpeta_datos):
    entorno = dict(os.environ, ARTICULA_DATOS=str(carpeta_datos), QT_QPA_PLATFORM="offscreen",
                   PYTHONIOENCODING="utf-8")

    def _correr(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=RAIZ, env=entorno,
                              capture_output=True, text=True, encoding="utf-8", timeout=180)

    return _correr


def sembrar(s, municipio_id: int) -> dict[str, int]:
    """Una mesa de cinco miembros con voto (uno con su suplente) y dos sesiones: la primera con su acta firmada,
    la segunda convocada con su acta en borrador."""
    from nucleo.servicios import actas, mesas, sesiones

    mesa = mesas.crear_mesa(s, municipio_id, mesas.DatosMesa(nombre=MESA, lugar_habitual="Salón Municipal"))
    m = {}
    for clave, nombre, cargo, rol in (
            ("preside", "Rodolfo Preside Ejemplo", "Intendente Municipal", "preside"),
            ("secretaria", "Mirta Secretaria Ejemplo", "Coordinadora Municipal", "secretaria"),
            ("usf", "Gladys Salud Ejemplo", "Directora de la USF", "miembro"),
            ("escuela", "Óscar Docente Ejemplo", "Director de la escuela", "miembro"),
            ("comision", "Zunilda Vecina Ejemplo", "Presidenta de la comisión vecinal", "miembro")):
        m[clave] = mesas.agregar_miembro(s, mesa, mesas.DatosMiembro(nombre=nombre, cargo=cargo,
                                                                     institucion="Institución de prueba", rol=rol))
    m["suplente"] = mesas.agregar_miembro(s, mesa, mesas.DatosMiembro(
        nombre="Ñandutí Suplente Ejemplo", cargo="Enfermera", institucion="Institución de prueba", titular=False,
        suplente_de_id=m["usf"]))

    primera = sesiones.crear_sesion(s, mesa, sesiones.DatosSesion(
        fecha=date(2026, 11, 10), hora=time(9, 0), lugar="Salón Municipal", duracion_prevista=90))
    for clave in ("preside", "secretaria", "escuela"):
        sesiones.marcar_asistencia(s, primera, m[clave], "presente")
    sesiones.marcar_asistencia(s, primera, m["usf"], "justificado")
    sesiones.marcar_asistencia(s, primera, m["suplente"], "presente", reemplaza_a_id=m["usf"])
    sesiones.agregar_invitado(s, primera, "Elena Invitada Ejemplo", "Técnica", "Gobernación de Central")
    punto = sesiones.agregar_punto(s, primera, sesiones.DatosPunto(
        titulo="Entrega de tanques de agua", expositor="Mirta Secretaria Ejemplo", minutos=30,
        desarrollo="Se revisó la lista de familias priorizadas."))
    sesiones.agregar_punto(s, primera, sesiones.DatosPunto(titulo="Varios", minutos=10))
    sesiones.agregar_acuerdo(s, primera, sesiones.DatosAcuerdo(
        texto="Entregar los tanques a las familias priorizadas.", punto_id=punto,
        responsable_texto="Municipalidad", plazo=date(2026, 12, 15), votos_favor=3, votos_contra=0,
        abstenciones=1))
    datos = sesiones.obtener_sesion(s, primera)
    datos.hora_inicio, datos.hora_fin, datos.estado = time(9, 5), time(10, 40), "realizada"
    sesiones.actualizar_sesion(s, primera, datos)
    firmada = actas.crear_acta(s, primera)
    actas.aprobar_acta(s, firmada, date(2026, 11, 12))
    actas.firmar_acta(s, firmada, date(2026, 11, 13))

    segunda = sesiones.crear_sesion(s, mesa, sesiones.DatosSesion(
        fecha=date(2026, 11, 24), hora=time(8, 30), lugar="Escuela Básica de prueba", duracion_prevista=60,
        tipo="extraordinaria", convocada_en=HOY))
    for titulo, expositor, minutos in (("Informe de la entrega de tanques", "Rodolfo Preside Ejemplo", 30),
                                       ("Plan de lluvias", "Gladys Salud Ejemplo", 45)):
        sesiones.agregar_punto(s, segunda, sesiones.DatosPunto(titulo=titulo, expositor=expositor, minutos=minutos))
    borrador = actas.crear_acta(s, segunda)
    return {"mesa": mesa, "firmada": firmada, "borrador": borrador, "primera": primera, "segunda": segunda}


@pytest.fixture
def expediente(tmp_path) -> tuple[Path, dict[str, int]]:
    from nucleo.servicios.demo import crear_demo

    ruta = tmp_path / "Villeta.articula"
    exp = crear_demo(ruta, hoy=HOY)
    try:
        with exp.transaccion() as s:
            ids = sembrar(s, exp.municipio_id)
    finally:
        exp.cerrar()
    return ruta, ids


def test_acta_firmada_desde_la_consola(correr, expediente, tmp_path):
    ruta, ids = expediente
    salida = tmp_path / "acta.pdf"
    r = correr("acta", ruta, "--mesa", ids["mesa"], "--numero", "1/2026", "--salida", salida)
    assert r.returncode == 0, r.stderr
    assert "Acta N.º 1/2026 guardada" in r.stdout and "Traceback" not in r.stderr
    from nucleo.almacen.expediente import Expediente
    from nucleo.modelo.mesa import Acta

    exp = Expediente.abrir(ruta, respaldar=False)
    try:
        with exp.sesion() as s:
            huella = s.get(Acta, ids["firmada"]).hash_firma
    finally:
        exp.cerrar()
    assert re.fullmatch(r"[0-9a-f]{64}", huella)
    paginas = texto_de_pdf(salida)
    for texto in paginas:
        assert f"Firmada el 13/11/2026 · Huella SHA-256 del contenido firmado: {huella}" in texto
        assert "BORRADOR" not in texto
    todo = _plano("\n".join(paginas))
    assert "ACTA N.º 1/2026" in todo and MESA in todo
    assert "a los diez días del mes de noviembre de 2026, siendo las 9:05 horas" in todo
    assert "Hay quórum: 4 de 5 miembros con voto (se necesitan 3)." in todo
    assert "En reemplazo de Gladys Salud Ejemplo" in todo and "Ausentes con aviso: Gladys Salud Ejemplo" in todo
    assert "Ausentes: Zunilda Vecina Ejemplo" in todo
    assert "Se revisó la lista de familias priorizadas." in todo
    assert "Entregar los tanques a las familias priorizadas." in todo and "15/12/2026" in todo
    assert "A favor: 3; en contra: 0; abstenciones: 1" in todo
    assert "se da por finalizada la sesión siendo las 10:40 horas" in todo
    firmas = todo[todo.index("firman al pie"):]
    for nombre in ("Rodolfo Preside Ejemplo", "Mirta Secretaria Ejemplo", "Óscar Docente Ejemplo",
                   "Ñandutí Suplente Ejemplo", "Elena Invitada Ejemplo"):
        assert nombre in firmas
    assert "Zunilda Vecina Ejemplo" not in firmas


def test_acta_en_borrador_y_por_el_nombre_de_la_mesa(correr, expediente, tmp_path):
    ruta, _ids = expediente
    salida = tmp_path / "borrador"
    r = correr("acta", ruta, "--mesa", MESA.upper(), "--numero", "N.º 2/2026", "--salida", salida)
    assert r.returncode == 0, r.stderr
    assert "todavía no está firmada" in r.stdout
    paginas = texto_de_pdf(tmp_path / "borrador.pdf")
    assert all("BORRADOR" in p and "Huella" not in p for p in paginas)
    assert "ACTA N.º 2/2026" in paginas[0] and "Sesión extraordinaria" in paginas[0]
    # It does not overwrite without --forzar.
    r = correr("acta", ruta, "--mesa", MESA, "--numero", "2/2026", "--salida", tmp_path / "borrador.pdf")
    assert r.returncode == 2 and "--forzar" in r.stderr and "Traceback" not in r.stderr
    r = correr("acta", ruta, "--mesa", MESA, "--numero", "2/2026", "--salida", tmp_path / "borrador.pdf",
               "--forzar")
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize(("mesa", "numero", "mensaje"), [
    ("999", "1/2026", "No hay una mesa «999» en este expediente. Mesas: "),
    (None, "7/2026", "no tiene el acta N.º 7/2026. Sus actas: 1/2026, 2/2026."),
    (None, "1/2025", "no tiene el acta N.º 1/2025."),
    (None, "tres", "«tres» no es un número de acta: escríbalo como número/año, por ejemplo 3/2026."),
    (None, "3-2026", "no es un número de acta"),
    (None, "0/2026", "no es un número de acta"),
])
def test_errores_claros_sin_traza(correr, expediente, tmp_path, mesa, numero, mensaje):
    ruta, ids = expediente
    salida = tmp_path / "acta.pdf"
    r = correr("acta", ruta, "--mesa", mesa or ids["mesa"], "--numero", numero, "--salida", salida)
    assert r.returncode == 2, r.stderr
    assert mensaje in r.stderr and "Traceback" not in r.stderr
    assert not salida.exists()
    if mesa == "999":
        assert f"{ids['mesa']} = {MESA}" in r.stderr


def test_convocatoria_de_una_sesion(expediente, tmp_path):
    from nucleo.almacen.expediente import Expediente

    ruta, ids = expediente
    exp = Expediente.abrir(ruta, respaldar=False)
    try:
        with exp.sesion() as s:
            pdf = exportar_pdf("convocatoria", s, exp.municipio_id, tmp_path / "convocatoria.pdf", hoy=HOY,
                               id=ids["segunda"])
    finally:
        exp.cerrar()
    todo = _plano("\n".join(texto_de_pdf(pdf)))
    assert "CONVOCATORIA" in todo and MESA in todo and "Sesión extraordinaria" in todo
    assert "martes, 24 de noviembre de 2026, a las 8:30 horas, en Escuela Básica de prueba" in todo
    assert "Informe de la entrega de tanques" in todo and "Plan de lluvias" in todo
    assert "El orden del día suma 75 minutos: 15 minutos más que la duración prevista de la sesión (60 minutos)." \
        in todo
    for nombre in ("Rodolfo Preside Ejemplo", "Mirta Secretaria Ejemplo", "Gladys Salud Ejemplo",
                   "Óscar Docente Ejemplo", "Zunilda Vecina Ejemplo", "Ñandutí Suplente Ejemplo"):
        assert nombre in todo
    assert "Suplente de Gladys Salud Ejemplo" in todo
    firmas = todo[todo.index("Atentamente"):todo.index("Nómina de miembros")]
    assert "Rodolfo Preside Ejemplo" in firmas and "Mirta Secretaria Ejemplo" in firmas
