"""Construye el programa de instalación de Articula para el sistema en que se corre.

    python installer/build.py [--solo-carpeta] [--sin-prueba]

- Linux: la carpeta dist/articula (PyInstaller, installer/articula.spec) y el archivo
  dist/Articula-<versión>-linux-x86_64.tar.gz con la carpeta, el acceso del menú (.desktop), el tipo de archivo
  .articula (MIME), los iconos, install.sh (instala para el usuario, sin permisos de administrador) y LEEME.txt.
- Windows: la carpeta dist\\articula y, si Inno Setup está instalado, el instalador con installer/articula.iss.
- Otros sistemas: no hay instalador; lo dice y termina con error.

Por omisión, después de construir corre el programa congelado con --version y --autoprueba y falla si fallan.
Necesita el extra «build»: python -m pip install -e ".[build]".
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import tomllib

RAIZ = Path(__file__).resolve().parent.parent
INSTALADOR = RAIZ / "installer"
DIST = RAIZ / "dist"
TRABAJO = RAIZ / "build" / "pyinstaller"
INNO = "https://jrsoftware.org/isdl.php"


def version() -> str:
    """La versión, de pyproject.toml (la única fuente)."""
    return tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def aviso(texto: str) -> None:
    print(f"[build] {texto}", flush=True)


def construir_carpeta() -> Path:
    aviso("PyInstaller: construyendo la carpeta dist/articula…")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(TRABAJO), str(INSTALADOR / "articula.spec")],
                   check=True, cwd=RAIZ)
    carpeta = DIST / "articula"
    aviso(f"Carpeta lista: {carpeta} ({_tamano(carpeta)})")
    return carpeta


def _tamano(carpeta: Path) -> str:
    total = sum(f.stat().st_size for f in carpeta.rglob("*") if f.is_file() and not f.is_symlink())
    return f"{total / 1e6:.0f} MB"


def probar(carpeta: Path) -> None:
    """El programa congelado responde --version y pasa --autoprueba, sin el Python de esta máquina."""
    # On Windows articula.exe is windowed (no stdout): its console twin articula-cli.exe is the same program.
    ejecutable = carpeta / ("articula-cli.exe" if os.name == "nt" else "articula")
    # As on a PC without Python: on Linux the equivalent of `env -i HOME=… PATH=/usr/bin:/bin`; on Windows the
    # session's variables (it needs SYSTEMROOT and company) without any PYTHON*/virtualenv ones.
    if os.name == "nt":
        entorno = {k: v for k, v in os.environ.items() if not k.upper().startswith(("PYTHON", "VIRTUAL_ENV", "CONDA"))}
    else:
        entorno = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": "/usr/bin:/bin"}
    entorno["QT_QPA_PLATFORM"] = "offscreen"
    for argumento in ("--version", "--autoprueba"):
        aviso(f"Probando: {ejecutable.name} {argumento}")
        proc = subprocess.run([str(ejecutable), argumento], env=entorno, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=300)
        print(proc.stdout, end="", flush=True)
        if proc.returncode != 0:
            print(proc.stderr, end="", file=sys.stderr)
            raise SystemExit(f"[build] El programa congelado falló con {argumento} (código {proc.returncode}).")
        if argumento == "--version" and version() not in proc.stdout:
            raise SystemExit(f"[build] --version dijo «{proc.stdout.strip()}», se esperaba la versión {version()}.")


INSTALAR_SH = r"""#!/bin/sh
# Instala Articula para el usuario actual (sin permisos de administrador):
#   programa en ~/.local/share/articula/programa, acceso en el menú, iconos y el tipo de archivo .articula.
# Volver a correrlo actualiza el programa; nunca toca los expedientes ni los respaldos.
# Desinstalar: sh install.sh --desinstalar
set -eu
ORIGEN=$(cd "$(dirname "$0")" && pwd)
DATOS="${XDG_DATA_HOME:-$HOME/.local/share}"
DESTINO="$DATOS/articula/programa"
BIN="$HOME/.local/bin"

quitar() {
    rm -rf "$DESTINO"
    rm -f "$BIN/articula" "$DATOS/applications/articula.desktop" "$DATOS/mime/packages/articula-mime.xml"
    find "$DATOS/icons/hicolor" \( -name articula.png -o -name articula.svg -o -name application-x-articula.png \
        -o -name application-x-articula.svg \) -delete 2>/dev/null || true
}

actualizar_bases() {
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATOS/mime" || true; fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$DATOS/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$DATOS/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "${1:-}" = "--desinstalar" ]; then
    quitar
    actualizar_bases
    echo "Articula se desinstaló. Sus expedientes y respaldos siguen en su lugar."
    exit 0
fi

quitar
mkdir -p "$DESTINO" "$BIN" "$DATOS/applications" "$DATOS/mime/packages"
cp -R "$ORIGEN/articula/." "$DESTINO/"
ln -sf "$DESTINO/articula" "$BIN/articula"
# Absolute paths in the menu entry: ~/.local/bin is not on every desktop session's PATH.
sed -e "s|^Exec=articula|Exec=\"$DESTINO/articula\"|" -e "s|^TryExec=articula|TryExec=$DESTINO/articula|" \
    "$ORIGEN/articula.desktop" > "$DATOS/applications/articula.desktop"
cp "$ORIGEN/articula-mime.xml" "$DATOS/mime/packages/articula-mime.xml"
if [ -d "$ORIGEN/iconos" ]; then
    for png in "$ORIGEN"/iconos/*-*.png; do
        [ -e "$png" ] || continue
        base=$(basename "$png" .png); nombre=${base%-*}; lado=${base##*-}
        case "$nombre" in
            articula) carpeta="apps"; destino="articula" ;;
            expediente) carpeta="mimetypes"; destino="application-x-articula" ;;
            *) continue ;;
        esac
        mkdir -p "$DATOS/icons/hicolor/${lado}x${lado}/$carpeta"
        cp "$png" "$DATOS/icons/hicolor/${lado}x${lado}/$carpeta/$destino.png"
    done
    if [ -e "$ORIGEN/iconos/articula.svg" ]; then
        mkdir -p "$DATOS/icons/hicolor/scalable/apps"
        cp "$ORIGEN/iconos/articula.svg" "$DATOS/icons/hicolor/scalable/apps/articula.svg"
    fi
    if [ -e "$ORIGEN/iconos/expediente.svg" ]; then
        mkdir -p "$DATOS/icons/hicolor/scalable/mimetypes"
        cp "$ORIGEN/iconos/expediente.svg" "$DATOS/icons/hicolor/scalable/mimetypes/application-x-articula.svg"
    fi
fi
actualizar_bases
echo "Articula quedó instalado en $DESTINO"
echo "Ábralo desde el menú de aplicaciones, con doble clic en un archivo .articula o con: $BIN/articula"
"""

LEEME = """Articula {version} para Linux (x86_64)
==========================================

Instalar (solo para su usuario, sin permisos de administrador):

    tar xzf Articula-{version}-linux-x86_64.tar.gz
    cd Articula-{version}-linux-x86_64
    sh install.sh

Queda en el menú de aplicaciones y los archivos .articula se abren con doble clic.
Para actualizar, haga lo mismo con la versión nueva. Para desinstalar: sh install.sh --desinstalar
(ni la instalación ni la desinstalación tocan sus expedientes ni sus respaldos).

Sin instalar: ./articula/articula

Comprobar que funciona en esta PC: ./articula/articula --autoprueba
(crea un expediente de prueba en una carpeta temporal, abre la ventana sin mostrarla, imprime un PDF y exporta
una planilla; termina diciendo «Autoprueba superada.»).

Necesita una distribución con glibc 2.36 o más nueva (Debian 12, Ubuntu 22.10 o posteriores) y un escritorio
con las bibliotecas gráficas habituales (X11 o Wayland, libGL, fontconfig).
"""


def empaquetar_linux(carpeta: Path) -> Path:
    nombre = f"Articula-{version()}-linux-{platform.machine() or 'x86_64'}"
    destino = DIST / f"{nombre}.tar.gz"
    aviso(f"Empaquetando {destino.name}…")

    def ejecutable(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    def agregar_texto(tar: tarfile.TarFile, ruta: str, texto: str, modo: int) -> None:
        import io

        datos = texto.encode("utf-8")
        info = tarfile.TarInfo(f"{nombre}/{ruta}")
        info.size, info.mode = len(datos), modo
        tar.addfile(info, io.BytesIO(datos))

    with tarfile.open(destino, "w:gz", compresslevel=6) as tar:
        tar.add(carpeta, arcname=f"{nombre}/articula", filter=ejecutable)
        linux = INSTALADOR / "linux"
        if linux.is_dir():
            for archivo in sorted(linux.iterdir()):
                if archivo.is_file():
                    tar.add(archivo, arcname=f"{nombre}/{archivo.name}", filter=ejecutable)
        else:
            aviso("Aviso: falta installer/linux (acceso del menú y tipo MIME); el paquete sale sin ellos.")
        iconos = INSTALADOR / "iconos"
        if iconos.is_dir():
            for archivo in sorted(iconos.iterdir()):
                if archivo.suffix in (".png", ".svg"):
                    tar.add(archivo, arcname=f"{nombre}/iconos/{archivo.name}", filter=ejecutable)
        agregar_texto(tar, "install.sh", INSTALAR_SH, 0o755)
        agregar_texto(tar, "LEEME.txt", LEEME.format(version=version()), 0o644)
    aviso(f"Paquete listo: {destino} ({destino.stat().st_size / 1e6:.0f} MB)")
    return destino


def _buscar_iscc() -> Path | None:
    encontrado = shutil.which("ISCC") or shutil.which("iscc")
    if encontrado:
        return Path(encontrado)
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES"),
                 os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs")):
        if base:
            candidato = Path(base) / "Inno Setup 6" / "ISCC.exe"
            if candidato.exists():
                return candidato
    return None


def instalador_windows() -> Path | None:
    iss = INSTALADOR / "articula.iss"
    if not iss.exists():
        aviso(f"Falta {iss.relative_to(RAIZ)}: solo se construyó la carpeta.")
        return None
    iscc = _buscar_iscc()
    if iscc is None:
        aviso(f"No se encontró Inno Setup 6 (ISCC.exe): descárguelo de {INNO} e instálelo, luego vuelva a "
              "correr este script. La carpeta dist\\articula ya está construida.")
        return None
    aviso(f"Inno Setup: {iscc}")
    subprocess.run([str(iscc), f"/DVersion={version()}", str(iss)], check=True, cwd=INSTALADOR)
    aviso(f"Instalador listo en {DIST}")
    return DIST


# argparse's own words, in Spanish as in `articula --help` (nucleo/cli.py does the same for the program).
_ARGPARSE = {"usage: ": "uso: ", "options": "opciones", "optional arguments": "opciones",
             "show this help message and exit": "muestra esta ayuda y termina",
             "unrecognized arguments: %s": "argumentos no reconocidos: %s",
             "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n"}


def main(argv: list[str] | None = None) -> int:
    argparse._ = lambda texto: _ARGPARSE.get(texto, texto)
    analizador = argparse.ArgumentParser(
        prog="build.py", description=__doc__.split("\n\n")[0] + " " + f"(versión {version()}, de pyproject.toml)",
        epilog="Linux: carpeta + .tar.gz con install.sh. Windows: carpeta + instalador de Inno Setup "
               "(installer/articula.iss). En otros sistemas no se puede construir el instalador.")
    analizador.add_argument("--solo-carpeta", action="store_true",
                            help="construye solo la carpeta dist/articula (sin .tar.gz ni instalador)")
    analizador.add_argument("--sin-prueba", action="store_true",
                            help="no corre --version ni --autoprueba del programa congelado al terminar")
    opciones = analizador.parse_args(argv)

    sistema = platform.system()
    if sistema not in ("Linux", "Windows"):
        print(f"[build] En {sistema or 'este sistema'} no se puede construir el instalador de Articula: solo hay "
              "recetas para Linux (carpeta + .tar.gz) y Windows (carpeta + Inno Setup). Corra este script en una "
              "de esas dos máquinas.", file=sys.stderr)
        return 2
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('[build] Falta PyInstaller: python -m pip install -e ".[build]"', file=sys.stderr)
        return 2
    carpeta = construir_carpeta()
    if not opciones.sin_prueba:
        probar(carpeta)
    if opciones.solo_carpeta:
        return 0
    if sistema == "Linux":
        empaquetar_linux(carpeta)
    else:
        instalador_windows()
    return 0


if __name__ == "__main__":
    sys.exit(main())
