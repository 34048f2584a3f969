"""Miembros de las mesas en Excel: lo exportado vuelve igual y una planilla con errores dice la fila y el motivo."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from nucleo.exportar.excel import esquema_de, exportar_excel
from nucleo.importar import importar_archivo
from nucleo.modelo import Actor, Mesa
from nucleo.servicios import mesas as M
from nucleo.servicios.demo import crear_demo

HOY = date(2026, 11, 18)


def _mesas(exp) -> dict[str, int]:
    """Solo dos mesas, sin miembros, sea cual sea la demo."""
    with exp.transaccion() as s:
        s.execute(Mesa.__table__.delete())
        mid = exp.municipio_id
        return {n: M.crear_mesa(s, mid, M.DatosMesa(nombre=n, tipo=t)) for n, t in (
            ("Mesa territorial San Miguel", "mesa_territorial"),
            ("Mesa de protección social", "mesa_proteccion_social"))}


def _filas(exp) -> list[dict]:
    with exp.sesion() as s:
        return [dict(f) for f in esquema_de("miembros").filas(s, exp.municipio_id)]


def test_ida_y_vuelta(expediente_demo, tmp_path):
    origen = expediente_demo
    mesas = _mesas(origen)
    with origen.transaccion() as s:
        rosa = s.scalar(select(Actor.id).where(Actor.nombre == "Rosa Ejemplo Ficticia"))
        mds = s.scalar(select(Actor.id).where(Actor.nombre == "Ministerio de Desarrollo Social"))
        sm = mesas["Mesa territorial San Miguel"]
        ramon = M.agregar_miembro(s, sm, M.DatosMiembro(nombre="Ramón Demo Ficticio", cargo="Presidente",
                                                        institucion="Comisión Vecinal", rol="preside",
                                                        designado_en=date(2026, 3, 2)))
        M.agregar_miembro(s, sm, M.DatosMiembro(actor_id=rosa, rol="secretaria", hasta=date(2027, 3, 1)))
        M.agregar_miembro(s, sm, M.DatosMiembro(nombre="Asesor técnico", con_voto=False))
        M.agregar_miembro(s, sm, M.DatosMiembro(nombre="Suplente de Ramón", titular=False, suplente_de_id=ramon))
        M.agregar_miembro(s, mesas["Mesa de protección social"], M.DatosMiembro(actor_id=mds))
    archivo = tmp_path / "miembros.xlsx"
    with origen.sesion() as s:
        assert exportar_excel(s, origen.municipio_id, esquema_de("miembros"), archivo).filas == 5
    hoja = load_workbook(archivo, read_only=True)["Miembros"]
    encabezado, *filas = list(hoja.iter_rows(values_only=True))
    assert encabezado == ("Mesa", "Nombre", "Actor", "Cargo", "Institución", "Rol", "Titular/Suplente",
                          "Suplente de", "Con voto", "Designado el", "Hasta")
    assert filas[0][:3] == ("Mesa de protección social", "Ministerio de Desarrollo Social",
                            "Ministerio de Desarrollo Social")
    assert filas[2][1:8] == ("Rosa Ejemplo Ficticia", "Rosa Ejemplo Ficticia", "Directora de Desarrollo Social",
                             "Municipalidad de Villeta", "Secretaría", "Titular", None)
    assert filas[4][1] == "Suplente de Ramón" and filas[4][6:9] == ("Suplente", "Ramón Demo Ficticio", "Sí")

    destino = crear_demo(tmp_path / "Destino.articula", HOY)
    try:
        _mesas(destino)
        _lectura, resultado = importar_archivo(destino, archivo, "miembros")
        assert resultado.ok and resultado.creados == 5, resultado.problemas
        assert _filas(destino) == _filas(origen)
        # Importing the same workbook again can skip what is already there.
        _lectura, otra = importar_archivo(destino, archivo, "miembros", omitir_existentes=True)
        assert otra.ok and (otra.creados, otra.omitidos) == (0, 5)
    finally:
        destino.cerrar()


def test_planilla_con_errores_dice_fila_y_motivo(expediente_demo, tmp_path):
    exp = expediente_demo
    _mesas(exp)
    libro = Workbook()
    hoja = libro.active
    hoja.append(["Mesa", "Nombre", "Actor", "Rol", "Titular/Suplente", "Suplente de", "Designado el", "Hasta"])
    hoja.append(["Mesa de la Juventud", "Ana", None, "Miembro", "Titular", None, None, None])
    hoja.append(["mesa territorial san miguel", "Beto", None, "Presidente", "Titular", None, None, None])
    hoja.append(["Mesa territorial San Miguel", "Carla", None, "Miembro", "Suplente", "Nadie", None, None])
    hoja.append(["Mesa territorial San Miguel", "Dora", None, "Miembro", "Titular", None, date(2026, 5, 1),
                 date(2026, 4, 1)])
    hoja.append(["Mesa territorial San Miguel", None, None, "Jefe", "Titular", None, None, None])
    hoja.append(["Mesa territorial San Miguel", None, "Actor que no existe", "Miembro", "Titular", None, None,
                 None])
    hoja.append(["Mesa territorial San Miguel", "Eva", None, "Vocal", "S", "Beto", None, None])
    archivo = tmp_path / "ajena.xlsx"
    libro.save(archivo)
    _lectura, r = importar_archivo(exp, archivo, "miembros")
    assert not r.ok
    mensajes = [str(p) for p in r.problemas]
    assert any("fila 2" in m and "No hay una mesa llamada «Mesa de la Juventud»" in m for m in mensajes), mensajes
    assert any("fila 4" in m and "«Nadie» no es titular de esa mesa" in m for m in mensajes), mensajes
    assert any("fila 5" in m and "no puede terminar" in m for m in mensajes), mensajes
    assert any("fila 6" in m and "Rol" in m for m in mensajes), mensajes
    assert any("fila 7" in m and "Actor que no existe" in m for m in mensajes), mensajes
    # A differently written mesa name, «Presidente» for the role and a suplente after its titular are fine.
    assert not any("fila 3" in m or "fila 8" in m for m in mensajes), mensajes
