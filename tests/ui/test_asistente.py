"""El asistente que crea el expediente: listas oficiales, validación por paso y creación del archivo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QWizard

from nucleo import referencia
from nucleo.servicios.municipio import obtener_municipio
from ui.dialogos import asistente as modulo
from ui.dialogos.asistente import (
    BIENVENIDA,
    COORDINADOR,
    INTENDENTE,
    MUNICIPIO,
    RESUMEN,
    AsistenteExpediente,
    ruta_demo,
    ruta_libre,
)


@pytest.fixture
def asistente(qtbot, tmp_path):
    a = AsistenteExpediente(carpeta=tmp_path)
    qtbot.addWidget(a)
    a.show()
    yield a
    if a.expediente is not None:
        a.expediente.cerrar()


def _completar(a: AsistenteExpediente, clave: str = "0501") -> None:
    a.elegir_distrito(clave)
    a.intendente_nombre.setText("Ana Ejemplo")
    a.intendente_resolucion.setText("Acta de proclamación N.º 1/2021")
    a.intendente_fecha.fijar(date(2021, 11, 30))
    a.coordinador_nombre.setText("Luis Prueba")
    a.coordinador_resolucion.setText("Resolución N.º 45/2026")
    a.coordinador_fecha.fijar(date(2026, 2, 2))


def _ir_al_resumen(a: AsistenteExpediente) -> None:
    while a.currentId() != RESUMEN:
        anterior = a.currentId()
        a.next()
        assert a.currentId() != anterior, "el asistente no avanzó"


def test_listas_oficiales_de_departamentos_y_distritos(asistente):
    assert asistente.combo_departamento.count() == 18
    assert asistente.combo_departamento.currentIndex() == -1
    assert not asistente.combo_distrito.isEnabled()
    central = asistente.combo_departamento.findData("11")
    asistente.combo_departamento.setCurrentIndex(central)
    nombres = [asistente.combo_distrito.itemText(i) for i in range(asistente.combo_distrito.count())]
    assert nombres == [d.nombre for d in referencia.distritos("11")]
    assert "Villeta" in nombres and "VILLETA" not in nombres
    asistente.combo_distrito.setCurrentIndex(asistente.combo_distrito.findText("Villeta"))
    assert asistente.clave_ine() == "1116"
    assert "1116" in asistente.etiqueta_codigo.text()


def test_crea_el_expediente_con_el_distrito_elegido(asistente, tmp_path):
    distrito = referencia.distritos("05")[0]
    _completar(asistente, distrito.clave)
    _ir_al_resumen(asistente)
    assert distrito.nombre in asistente.resumen.text()
    assert asistente.etiqueta_ruta.text() == str(tmp_path / f"{distrito.nombre}.articula")

    assert asistente.crear_expediente()
    exp = asistente.expediente
    assert exp is not None and not exp.solo_lectura
    assert asistente.ruta == tmp_path / f"{distrito.nombre}.articula"
    assert asistente.ruta.exists()
    with exp.sesion() as s:
        m = obtener_municipio(s, exp.municipio_id)
        assert (m.clave_ine, m.nombre) == (distrito.clave, distrito.nombre)
        assert m.intendente_nombre == "Ana Ejemplo"
        assert m.coordinador_fecha == date(2026, 2, 2)


def test_falta_el_nombre_del_intendente_se_marca_en_su_paso(asistente, tmp_path):
    _completar(asistente)
    asistente.intendente_nombre.clear()
    asistente.next()  # bienvenida -> municipio
    asistente.next()  # municipio -> intendente
    assert asistente.currentId() == INTENDENTE
    asistente.next()  # refused: the name is missing
    assert asistente.currentId() == INTENDENTE
    error = asistente.marcador._campos["intendente_nombre"][1]
    assert not error.isHidden()
    assert error.text() == "Escriba el nombre del Intendente."

    # The same error found when creating (the name erased on the summary page) goes back to its step.
    asistente.intendente_nombre.setText("Ana Ejemplo")
    _ir_al_resumen(asistente)
    asistente.intendente_nombre.clear()
    assert not asistente.crear_expediente()
    assert asistente.currentId() == INTENDENTE
    assert error.text() == "Escriba el nombre del Intendente."
    assert asistente.expediente is None
    assert not list(tmp_path.glob("*.articula*"))


def test_sin_distrito_no_pasa_del_paso_municipio(asistente):
    asistente.next()
    assert asistente.currentId() == MUNICIPIO
    asistente.next()
    assert asistente.currentId() == MUNICIPIO
    error = asistente.marcador._campos["clave_ine"][1]
    assert "distrito" in error.text()


def test_fecha_ilegible_y_fecha_futura(asistente):
    _completar(asistente)
    asistente.coordinador_fecha.editor.setText("31/02/2026")
    _ir_hasta = [MUNICIPIO, INTENDENTE, COORDINADOR]
    for paso in _ir_hasta:
        asistente.next()
        assert asistente.currentId() == paso
    asistente.next()
    assert asistente.currentId() == COORDINADOR
    assert not asistente.marcador._campos["coordinador_fecha"][1].isHidden()

    asistente.coordinador_fecha.fijar(date(2099, 1, 1))
    asistente.next()
    assert asistente.currentId() == COORDINADOR
    assert "futura" in asistente.marcador._campos["coordinador_fecha"][1].text()


def test_nunca_pisa_un_archivo_existente(tmp_path):
    (tmp_path / "Villeta.articula").write_bytes(b"x")
    assert ruta_libre(tmp_path, "Villeta") == tmp_path / "Villeta (2).articula"
    assert ruta_libre(tmp_path, 'a/b:c') == tmp_path / "abc.articula"


def test_probar_con_la_demostracion(asistente):
    assert asistente.currentId() == BIENVENIDA
    asistente.boton_demo.click()
    assert asistente.result() == QWizard.DialogCode.Accepted
    assert asistente.ruta == ruta_demo()
    assert ruta_demo().exists()
    assert ruta_demo().name == "Villeta (demostración).articula"


def test_abrir_un_expediente_existente(asistente, monkeypatch, tmp_path):
    elegido = tmp_path / "Existente.articula"
    monkeypatch.setattr(modulo.QFileDialog, "getOpenFileName", lambda *a, **k: (str(elegido), ""))
    asistente.boton_abrir.click()
    assert asistente.result() == QWizard.DialogCode.Accepted
    assert asistente.ruta == elegido
    assert asistente.expediente is None
