"""Genera un expediente sintético grande para medir Articula con datos de tamaño real (o mayor).

    python bench/generar.py SALIDA.articula [--territorios 50] [--actores 5000] [--documentos 100]
                            [--dias-especiales 10] [--semilla 1] [--distrito 1109] [--forzar]

El archivo se crea con el esquema real (migraciones de Alembic) y el municipio por el servicio `crear_municipio`;
después se llena rápido: actores, auditoría y documentos con INSERT masivo (de a uno por los servicios serían
minutos), territorios con sus 8 etapas planificadas por `crear_etapas` + `planificar` (las mismas funciones que usa
el servicio), con estados y avances variados para que las vistas muestren semáforos verdes, ámbar, rojos y azules.
Todas las personas y organizaciones son ficticias: nombres armados al azar con nombres y apellidos frecuentes.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
if str(RAIZ) not in sys.path:
    sys.path.insert(0, str(RAIZ))  # run as `python bench/generar.py` from anywhere

DISTRITO_POR_DEFECTO = "1109"  # Luque (Central): a large district, plausible for dozens of territories

NOMBRES = [
    "María", "José", "Juan", "Ana", "Carlos", "Rosa", "Luis", "Carmen", "Miguel", "Laura", "Pedro", "Liz",
    "Jorge", "Gladys", "Ramón", "Mirna", "Víctor", "Nilda", "Fernando", "Graciela", "Ángel", "Zunilda",
    "Cristian", "Blanca", "Derlis", "Celsa", "Hugo", "Lourdes", "Osvaldo", "Ramona", "Rubén", "Sonia",
    "Alcides", "Perla", "Édgar", "Fátima", "Gustavo", "Mónica", "Marcelino", "Noelia", "Aníbal", "Dahiana",
    "Julio César", "María José", "Juan Carlos", "Rosa María", "Nelson", "Estela", "Félix", "Teresa",
]
APELLIDOS = [
    "González", "Benítez", "Martínez", "López", "Giménez", "Vera", "Duarte", "Ramírez", "Villalba", "Fernández",
    "Acosta", "Rojas", "Báez", "Ortiz", "Cáceres", "Ayala", "Franco", "Rodríguez", "Sosa", "Gómez", "Núñez",
    "Espínola", "Ríos", "Cabrera", "Insfrán", "Aquino", "Galeano", "Ocampo", "Riveros", "Brítez", "Cardozo",
    "Ferreira", "Villasboa", "Mendoza", "Chamorro", "Samaniego", "Zárate", "Ojeda", "Paredes", "Escobar",
    "Alonso", "Arce", "Centurión", "Florentín", "Jara", "Leguizamón", "Maidana", "Medina", "Peralta", "Servín",
]
LUGARES = [
    "San Roque", "San Miguel", "Santa Librada", "Virgen de Fátima", "San Blas", "Cerrito", "Costa Azul",
    "Laurelty", "Itapuamí", "Yka'a", "Maramburé", "Tarumandy", "Zárate Isla", "Mora Cué", "Cañada San Rafael",
    "Bella Vista", "San Isidro", "Santa Teresa", "Posta Ybycua", "Loma Merlo", "Villa Adela", "Ycuá Duré",
    "San Gerardo", "Itá Angu'a", "Ñu Guasu", "Potrero Guaraní", "Los Laureles", "Las Mercedes", "San Juan",
    "Caacupemí", "Marambú", "Yvyraty", "Capilla Cué", "Tayazuapé", "Puente Kyhá", "Ykua Pytã", "Yvy Porã",
    "8 de Diciembre", "Primero de Marzo", "Tres Marías", "Santo Domingo", "Valle Apu'a", "Itaipú", "Isla Bogado",
]
TIPOS_ORG = [
    "Comisión Vecinal", "Comisión de Fomento", "Asociación de Productores", "Comité de Mujeres", "Club Deportivo",
    "Comisión de Padres", "Cooperativa", "Comité de Agricultores", "Asociación de Jóvenes", "Pastoral Social",
    "Comisión de Agua", "Junta de Saneamiento",
]
INSTITUCIONES = [
    ("Escuela Básica N.º {n} {l}", "gobierno_central"), ("Colegio Nacional {l}", "gobierno_central"),
    ("Unidad de Salud de la Familia {l}", "gobierno_central"), ("Puesto de Salud {l}", "gobierno_central"),
    ("Comisaría {n}.ª {l}", "gobierno_central"), ("Oficina de la Gobernación en {l}", "gobernacion"),
    ("Dirección de Acción Social de la Municipalidad ({l})", "municipalidad"),
    ("Fundación {a} para el Desarrollo", "sociedad_civil"), ("Instituto Técnico {l}", "academia"),
    ("Programa de Cooperación {l}", "cooperacion"), ("Cooperativa de Ahorro y Crédito {l}", "privado_interes_publico"),
    ("Empresa {a} e Hijos S.A.", "privado_interes_publico"), ("Facultad Regional {l}", "academia"),
]
PREFIJOS_TERRITORIO = [
    ("Barrio", "urbano"), ("Compañía", "rural"), ("Asentamiento", "mixto"), ("Comunidad indígena", "indigena"),
    ("Barrio", "urbano"), ("Compañía", "rural"), ("Barrio", "urbano"),
]
RIESGOS = [
    "empleo informal", "deserción escolar", "acceso limitado a salud", "falta de agua segura",
    "inundaciones estacionales", "embarazo adolescente", "consumo problemático", "caminos intransitables con lluvia",
    "violencia intrafamiliar", "inseguridad alimentaria", "viviendas precarias", "falta de documentos de identidad",
]
DIAS_FESTIVOS = ["Fiesta patronal", "Feriado decretado", "Asueto municipal", "Aniversario de la ciudad"]


def _persona(r: random.Random) -> str:
    return f"{r.choice(NOMBRES)} {r.choice(APELLIDOS)} {r.choice(APELLIDOS)}"


def _telefono(r: random.Random) -> str:
    return f"09{r.choice('6789')}{r.randint(1, 6)} {r.randint(100, 999)} {r.randint(100, 999)}"


def _correo(r: random.Random, base: str) -> str:
    limpio = "".join(c for c in base.lower().translate(str.maketrans("áéíóúñü", "aeiounu")) if c.isalnum())[:14]
    return f"{limpio or 'contacto'}{r.randint(1, 999)}@ejemplo.com.py"


def _actores(r: random.Random, cantidad: int, municipio_id: int, ahora: datetime) -> list[dict]:
    """Tres de cada cinco son organizaciones comunitarias (las que representan territorios), el resto mezcla."""
    filas = []
    vistos: set[str] = set()
    for i in range(1, cantidad + 1):
        tirada = r.random()
        lugar = r.choice(LUGARES)
        if tirada < 0.6:
            nombre, categoria = f"{r.choice(TIPOS_ORG)} {lugar}", "comunidad"
        elif tirada < 0.85:
            plantilla, categoria = r.choice(INSTITUCIONES)
            nombre = plantilla.format(n=r.randint(1, 8000), l=lugar, a=r.choice(APELLIDOS))
        else:
            nombre, categoria = _persona(r), r.choice(["comunidad", "sociedad_civil", "municipalidad"])
        base = nombre
        while nombre in vistos:  # same organisation name in two places happens; keep them distinguishable
            nombre = f"{base} ({r.choice(LUGARES)})"
        vistos.add(nombre)
        contacto = _persona(r)
        filas.append({
            "id": i, "municipio_id": municipio_id, "nombre": nombre, "categoria": categoria,
            "telefono": _telefono(r) if r.random() < 0.8 else "",
            "correo": _correo(r, contacto.split()[0] + contacto.split()[-1]) if r.random() < 0.5 else "",
            "contacto": contacto if categoria != "comunidad" or r.random() < 0.9 else "",
            "notas": "Participa de las reuniones de la mesa territorial." if r.random() < 0.1 else "",
            "creado_en": ahora, "modificado_en": ahora,
        })
    return filas


def _perfil(r: random.Random, i: int, total: int, plazo_5: int) -> tuple[str, int | None]:
    """Estado y antigüedad de la ruta (días hábiles desde el inicio), repartidos como en un municipio real.

    Las etapas 1-a … 4 suman 45 días hábiles: «seleccionado» está en ellas, «en intervención» en la 5
    (implementación, que dura `plazo_5`) y «finalizado» ya cerró la 6.
    """
    fraccion = i / max(total, 1)
    if fraccion < 0.15:
        return "propuesto", None
    if fraccion < 0.40:
        return "seleccionado", r.randint(2, 44)
    if fraccion < 0.85:
        return "en_intervencion", r.randint(46, 45 + plazo_5 + 8)
    return "finalizado", r.randint(45 + plazo_5 + 30, 45 + plazo_5 + 120)


def _avanzar(r: random.Random, etapas, hoy: date, cerradas_hasta: int) -> None:
    """Cumplidas las que vencieron (algunas quedan atrasadas: semáforo rojo), en curso la actual.

    Las etapas de orden ≤ `cerradas_hasta` se cumplieron seguro si vencieron: un territorio en intervención
    ya pasó por la 4 (Plan de Acción sancionado); solo puede atrasarse de ahí en adelante.
    """
    atrasado = False
    for e in sorted(etapas, key=lambda e: e.orden):
        if not e.inicio_plan:
            continue
        if e.inicio_plan > hoy or atrasado:
            break
        inicio_real = min(e.inicio_plan + timedelta(days=r.choice([0, 0, 1, 2])), hoy)
        vencio = e.fin_plan is not None and e.fin_plan < hoy
        if vencio and (e.orden <= cerradas_hasta or r.random() < 0.92):
            e.estado, e.inicio_real = "cumplida", inicio_real
            e.fin_real = max(inicio_real, min(e.fin_plan + timedelta(days=r.randint(-3, 4)), hoy))
            e.notas = r.choice(["Etapa cerrada con acta de la reunión del equipo.",
                                "Producto entregado y validado con la comunidad.", ""])
        else:
            e.estado, e.inicio_real = "en_curso", inicio_real
            e.notas = r.choice(["Se coordinan las próximas reuniones con la comunidad.",
                                "Pendiente la firma de la Gobernación.", ""])
            atrasado = vencio  # a late stage holds the ones that follow it


def _territorios(s, r: random.Random, cantidad: int, municipio_id: int, organizaciones: list[int], hoy: date):
    from nucleo import formato
    from nucleo.modelo import Territorio
    from nucleo.servicios.dias_especiales import calendario_de
    from nucleo.servicios.hoja_de_ruta import crear_etapas, planificar

    cal = calendario_de(s, municipio_id)
    nombres: set[str] = set()
    creados = []
    for i in range(cantidad):
        prefijo, tipo = r.choice(PREFIJOS_TERRITORIO)
        if tipo == "indigena":
            prefijo, tipo = "Comunidad indígena", "indigena"
        nombre = f"{prefijo} {r.choice(LUGARES)}"
        base, n = nombre, 2
        while nombre.lower() in nombres:
            nombre, n = f"{base} {'I' * n if n <= 3 else n}", n + 1
        nombres.add(nombre.lower())
        plazo_5 = r.choice([40, 60, 80, 120])
        estado, antiguedad = _perfil(r, i, cantidad, plazo_5)
        seleccionado = estado != "propuesto"
        poblacion = r.randint(300, 9000)
        lugar = nombre.split(" ", 1)[1]
        t = Territorio(
            municipio_id=municipio_id, nombre=nombre, tipo=tipo, estado=estado,
            tipo_sps=r.choice(["", "", "periferia_metropolitana", "ciudad_emergente"]),
            poblacion=poblacion, hogares=poblacion // r.randint(3, 5),
            latitud=round(r.uniform(-25.35, -25.20), 5), longitud=round(r.uniform(-57.60, -57.40), 5),
            identidad_propia=True if seleccionado else r.choice([None, True]),
            identidad_descripcion="Comunidad reconocida por sus vecinos, con historia y fiestas propias."
            if seleccionado else "",
            organizacion_id=r.choice(organizaciones) if seleccionado and organizaciones else None,
            riesgos_diversos=(", ".join(r.sample(RIESGOS, 4)).capitalize() + ".") if seleccionado else "",
            caracterizacion=f"{nombre}: {formato.entero(poblacion)} habitantes aproximadamente; "
                            f"{r.choice(RIESGOS)} como problema más mencionado en las reuniones.",
            espacio_nombre=f"Centro comunitario {lugar}" if seleccionado else "",
            espacio_direccion=f"Calle {r.choice(APELLIDOS)} c/ {r.choice(APELLIDOS)}" if seleccionado else "",
            espacio_operador="Municipalidad" if seleccionado else "",
            inicio_ruta=cal.habil_anterior(hoy, antiguedad) if antiguedad else None,
        )
        crear_etapas(t)
        if t.inicio_ruta:
            # Stage 5 lasts "as the Plan de Acción says": give it one so stages 5 and 6 have dates too.
            next(e for e in t.etapas if e.codigo == "5").plazo_dias = plazo_5
        planificar(t.etapas, t.inicio_ruta, cal)
        _avanzar(r, t.etapas, hoy, {"en_intervencion": 6, "finalizado": 8}.get(estado, 0))
        s.add(t)
        creados.append(t)
    s.flush()
    return creados


def _dias_especiales(s, r: random.Random, cantidad: int, municipio_id: int, hoy: date) -> int:
    from nucleo.errores import ErrorDeUsuario
    from nucleo.servicios.dias_especiales import agregar_dia_especial

    hechos, intentos = 0, 0
    while hechos < cantidad and intentos < cantidad * 20:
        intentos += 1
        dia = date(hoy.year - 1, 1, 1) + timedelta(days=r.randint(0, 3 * 365))
        try:
            agregar_dia_especial(s, municipio_id, dia, False, f"{r.choice(DIAS_FESTIVOS)} (ejemplo)")
        except ErrorDeUsuario:  # weekend, holiday or already there: pick another day
            continue
        hechos += 1
    return hechos


def _documentos(r: random.Random, cantidad: int, kb_medio: int, etapas, ahora: datetime) -> list[dict]:
    """Evidencias con bytes al azar (un escaneo real casi no se comprime), en las etapas con avance."""
    con_avance = [e for e in etapas if e.estado != "pendiente"] or list(etapas)
    filas = []
    for i in range(cantidad):
        e = r.choice(con_avance)
        tamano = max(1024, int(r.uniform(0.2, 1.8) * kb_medio * 1024))
        contenido = b"%PDF-1.4\n%" + r.randbytes(tamano - 10)
        tipo = r.choice(["acta", "lista_asistencia", "foto_taller", "nota", "informe"])
        extension, mime = (".jpg", "image/jpeg") if tipo == "foto_taller" else (".pdf", "application/pdf")
        filas.append({
            "municipio_id": e.municipio_id, "etapa_id": e.id,
            "nombre_archivo": f"{tipo}_etapa_{e.codigo}_{i + 1:04d}{extension}", "tipo_mime": mime,
            "tamano": len(contenido), "sha256": hashlib.sha256(contenido).hexdigest(),
            "descripcion": tipo.replace("_", " ").capitalize(), "contenido": contenido,
            "creado_en": ahora, "modificado_en": ahora,
        })
    return filas


def generar(ruta: Path, territorios: int, actores: int, documentos: int, dias_especiales: int, semilla: int,
            distrito: str = DISTRITO_POR_DEFECTO, kb_por_documento: int = 100, hoy: date | None = None) -> dict:
    """Crea el expediente y devuelve las cantidades creadas."""
    from sqlalchemy import insert

    from nucleo.almacen.expediente import Expediente
    from nucleo.modelo import Actor, Auditoria, Documento
    from nucleo.servicios.comun import usuario_actual
    from nucleo.servicios.municipio import DatosMunicipio, crear_municipio

    r = random.Random(semilla)
    hoy = hoy or date.today()
    ahora = datetime.now()
    cuenta: dict[str, int] = {}

    def preparar(s) -> int:
        mid = crear_municipio(s, DatosMunicipio(
            clave_ine=distrito, intendente_nombre=_persona(r), intendente_resolucion="Acta de proclamación TSJE "
            f"N.º {r.randint(100, 999)}/2021", intendente_fecha=date(2021, 11, 30),
            coordinador_nombre=_persona(r), coordinador_resolucion=f"Resolución Municipal N.º {r.randint(10, 500)}/"
            f"{hoy.year}", coordinador_fecha=hoy - timedelta(days=r.randint(30, 300)),
            direccion="Calle Ejemplo N.º 100", telefono=_telefono(r), correo="articulacion@municipio.ejemplo.py",
        ), hoy=hoy)
        cuenta["dias_especiales"] = _dias_especiales(s, r, dias_especiales, mid, hoy)
        filas_actores = _actores(r, actores, mid, ahora)
        if filas_actores:
            s.execute(insert(Actor), filas_actores)
        comunitarias = [f["id"] for f in filas_actores
                        if f["categoria"] == "comunidad" and f["nombre"].startswith(tuple(TIPOS_ORG))] or \
                       [f["id"] for f in filas_actores]
        creados = _territorios(s, r, territorios, mid, comunitarias, hoy)
        etapas = [e for t in creados for e in t.etapas]
        cuenta.update(actores=len(filas_actores), territorios=len(creados), etapas=len(etapas))
        cuenta["documentos"] = 0
        if etapas:
            # In slices: each row carries its file, and 500 files at once would sit in memory together.
            for desde in range(0, documentos, 200):
                filas = _documentos(r, min(200, documentos - desde), kb_por_documento, etapas, ahora)
                s.execute(insert(Documento), filas)
                cuenta["documentos"] += len(filas)
        usuario = usuario_actual()
        auditoria = [{"municipio_id": mid, "momento": ahora, "usuario": usuario, "entidad": "actor",
                      "entidad_id": f["id"], "accion": "crear", "resumen": f["nombre"]} for f in filas_actores]
        auditoria += [{"municipio_id": mid, "momento": ahora, "usuario": usuario, "entidad": "territorio",
                       "entidad_id": t.id, "accion": "crear", "resumen": t.nombre} for t in creados]
        if auditoria:
            s.execute(insert(Auditoria), auditoria)
        return mid

    exp = Expediente.crear(ruta, preparar)
    exp.cerrar()
    return cuenta


def _argumentos(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python bench/generar.py",
        description="Genera un expediente sintético grande (datos ficticios) para las pruebas de rendimiento.",
    )
    p.add_argument("salida", type=Path, help="archivo .articula a crear")
    p.add_argument("--territorios", type=int, default=50, help="cantidad de territorios (50)")
    p.add_argument("--actores", type=int, default=5000, help="cantidad de actores (5000)")
    p.add_argument("--documentos", type=int, default=100, help="documentos de evidencia adjuntos (100)")
    p.add_argument("--kb-por-documento", type=int, default=100, help="tamaño medio de cada documento en KB (100)")
    p.add_argument("--dias-especiales", type=int, default=10, help="días no laborables agregados (10)")
    p.add_argument("--distrito", default=DISTRITO_POR_DEFECTO, help="clave INE del distrito (1109, Luque)")
    p.add_argument("--semilla", type=int, default=1, help="semilla del azar: misma semilla, mismos datos (1)")
    p.add_argument("--forzar", action="store_true", help="reemplazar el archivo si ya existe")
    a = p.parse_args(argv)
    for nombre in ("territorios", "actores", "documentos", "dias_especiales"):
        if getattr(a, nombre) < 0:
            p.error(f"--{nombre.replace('_', '-')} no puede ser negativo")
    if a.kb_por_documento < 1:
        p.error("--kb-por-documento debe ser 1 o más")
    return a


def main(argv: list[str] | None = None) -> int:
    a = _argumentos(argv)
    ruta: Path = a.salida
    if ruta.suffix.lower() != ".articula":
        ruta = ruta.with_name(ruta.name + ".articula")
    if ruta.exists():
        if not a.forzar:
            print(f"Ya existe «{ruta}». Use --forzar para reemplazarlo.", file=sys.stderr)
            return 2
        for resto in (ruta, Path(f"{ruta}-wal"), Path(f"{ruta}-shm")):
            resto.unlink(missing_ok=True)
    from nucleo import referencia
    from nucleo.errores import ErrorDeUsuario

    try:
        referencia.distrito(a.distrito)
    except KeyError:
        print(f"--distrito {a.distrito}: no es una clave INE de distrito (p. ej. 1109 Luque, 1116 Villeta).",
              file=sys.stderr)
        return 2
    inicio = time.perf_counter()

    try:
        cuenta = generar(ruta, a.territorios, a.actores, a.documentos, a.dias_especiales, a.semilla,
                         distrito=a.distrito, kb_por_documento=a.kb_por_documento)
    except ErrorDeUsuario as exc:
        print(str(exc), file=sys.stderr)
        return 2
    duracion = time.perf_counter() - inicio
    tamano = ruta.stat().st_size
    print(f"Expediente generado: {ruta}")
    for clave in ("territorios", "etapas", "actores", "documentos", "dias_especiales"):
        print(f"  {clave.replace('_', ' '):<16} {cuenta.get(clave, 0):>8}")
    print(f"  {'tamaño':<16} {tamano / 1_048_576:>8.1f} MB")
    print(f"  {'tiempo':<16} {duracion:>8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
