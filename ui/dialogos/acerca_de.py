"""Ayuda > Acerca de Articula (F1): versión, el expediente abierto, licencias de los datos y dónde están los archivos."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as version_pyside
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import nucleo
from nucleo import formato
from nucleo.almacen import carpetas, migrar, respaldo
from nucleo.i18n import _
from nucleo.servicios.municipio import contar_entidades, etiquetas_conteos, obtener_municipio
from ui import estilo
from ui.contexto import Contexto


def _version(paquete: str) -> str:
    try:
        return metadata.version(paquete)
    except metadata.PackageNotFoundError:
        return "?"


def _esc(texto: str) -> str:
    return str(texto).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _enlace_carpeta(ruta: Path) -> str:
    return f"<a href='{QUrl.fromLocalFile(str(ruta)).toString()}'>{_esc(ruta)}</a>"


def _texto(html: str) -> QWidget:
    etiqueta = QLabel(html)
    etiqueta.setWordWrap(True)
    etiqueta.setOpenExternalLinks(True)
    etiqueta.setTextFormat(Qt.TextFormat.RichText)
    etiqueta.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    etiqueta.setMargin(12)
    etiqueta.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    area = QScrollArea()
    area.setWidget(etiqueta)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def _tabla(filas: list[tuple[str, str]]) -> str:
    celdas = "".join(f"<tr><td style='padding:2px 18px 2px 0; color:{estilo.TEXTO_SECUNDARIO}'>{t}</td>"
                     f"<td style='padding:2px 0'>{v}</td></tr>" for t, v in filas)
    return f"<table>{celdas}</table>"


def datos_del_expediente(ctx: Contexto) -> dict:
    mid = ctx.municipio_id

    def leer(s):
        m = obtener_municipio(s, mid)
        return {
            "municipio": m.nombre,
            "departamento": m.departamento,
            "revision": migrar.revision_del_archivo(s.connection()) or "?",
            "conteos": contar_entidades(s, mid),
        }

    return ctx.leer(leer)


class DialogoAcercaDe(QDialog):
    def __init__(self, ctx: Contexto | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Acerca de Articula"))
        self.resize(660, 580)

        icono = QLabel()
        icono.setPixmap(estilo.icono_aplicacion().pixmap(64, 64))
        nombre = QLabel(_("Articula"))
        nombre.setFont(estilo.fuente_relativa(self.font(), 1.7, negrita=True))
        self.etiqueta_version = QLabel(_("Versión {version}").format(version=nucleo.__version__))
        descripcion = QLabel(_("Articulación de políticas sociales en el territorio: expediente municipal, "
                               "territorios y su hoja de ruta, actores, Mapa de Oportunidades, diagnóstico "
                               "participativo y convenios."))
        descripcion.setWordWrap(True)
        descripcion.setObjectName("secundario")
        textos = QVBoxLayout()
        textos.addWidget(nombre)
        textos.addWidget(self.etiqueta_version)
        textos.addWidget(descripcion)
        cabecera = QHBoxLayout()
        cabecera.addWidget(icono, 0)
        cabecera.addSpacing(8)
        cabecera.addLayout(textos, 1)

        self.pestanas = QTabWidget()
        if ctx is not None:
            self.pestanas.addTab(_texto(self._html_expediente(ctx)), _("Este expediente"))
        self.pestanas.addTab(_texto(self._html_licencias()), _("Licencias y datos"))
        self.pestanas.addTab(_texto(self._html_carpetas(ctx)), _("Dónde están sus archivos"))

        botones = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        botones.button(QDialogButtonBox.StandardButton.Close).setText(_("Cerrar"))
        botones.rejected.connect(self.reject)

        capa = QVBoxLayout(self)
        capa.addLayout(cabecera)
        capa.addSpacing(6)
        capa.addWidget(self.pestanas, 1)
        capa.addWidget(botones)

    def _html_expediente(self, ctx: Contexto) -> str:
        d = datos_del_expediente(ctx)
        exp = ctx.expediente
        ultimo = respaldo.ultimo_respaldo_automatico(exp.ruta)
        filas = [
            (_("Municipio"), _esc(f"{d['municipio']} · {_('Departamento')} {d['departamento']}")),
            (_("Archivo"), _esc(exp.ruta)),
            (_("Revisión del esquema"), _("{rev} (este programa usa la {actual})").format(
                rev=_esc(d["revision"]), actual=migrar.REVISION_ACTUAL)),
            (_("Modo"), _("Solo lectura (abierto por {quien})").format(quien=_esc(exp.titular_bloqueo or _("otro programa")))
             if exp.solo_lectura else _("Lectura y escritura")),
            (_("Último respaldo automático"), formato.fecha_hora(ultimo) if ultimo else _("Todavía ninguno")),
        ]
        etiquetas = etiquetas_conteos()
        conteos = [(etiquetas.get(k, k), formato.entero(v)) for k, v in d["conteos"].items()]
        return (f"<h3>{_('Expediente abierto')}</h3>{_tabla(filas)}"
                f"<h3>{_('Contenido')}</h3>{_tabla(conteos)}")

    def _html_licencias(self) -> str:
        componentes = [
            ("Articula", nucleo.__version__, _("GPL versión 3 o posterior")),
            ("Qt", qVersion(), "LGPLv3"),
            ("Qt for Python (PySide6)", version_pyside, "LGPLv3"),
            ("SQLAlchemy", _version("SQLAlchemy"), "MIT"),
            ("Alembic", _version("alembic"), "MIT"),
            ("Babel", _version("Babel"), "BSD-3-Clause"),
            ("holidays", _version("holidays"), "MIT"),
            ("platformdirs", _version("platformdirs"), "MIT"),
        ]
        filas = "".join(f"<tr><td style='padding:2px 18px 2px 0'>{n}</td><td style='padding:2px 18px 2px 0'>{v}</td>"
                        f"<td>{lic}</td></tr>" for n, v, lic in componentes)
        ine = _("Departamentos y distritos de Paraguay: lista oficial del Instituto Nacional de Estadística (INE), "
                "Censo Nacional de Población y Viviendas 2022 (CNPV 2022). Datos públicos, publicados por el INE "
                "en el portal nacional de datos abiertos; se distribuyen sin cambios.")
        feriados = _("Feriados nacionales: paquete «holidays» (licencia MIT, https://github.com/vacanza/holidays). "
                     "Los días que agregue el municipio se guardan en el expediente.")
        limites = _("Límites de los distritos (mapa): geoBoundaries (www.geoboundaries.org), licencia CC BY 4.0, "
                    "sobre los límites DGEEC 2012; se distribuyen con los códigos del INE agregados.")
        fuentes = _("Tipografías de los documentos impresos: DejaVu (licencia de Bitstream Vera, libre "
                    "redistribución).")
        return (
            f"<h3>{_('Datos de referencia')}</h3><p>{ine}</p><p>{limites}</p><p>{feriados}</p><p>{fuentes}</p>"
            f"<h3>{_('Componentes')}</h3><table>"
            f"<tr><th align='left'>{_('Componente')}</th><th align='left'>{_('Versión')}</th>"
            f"<th align='left'>{_('Licencia')}</th></tr>{filas}</table>"
        )

    def _html_carpetas(self, ctx: Contexto | None) -> str:
        from nucleo.registro import ruta_registro
        from nucleo.servicios.convenios_plantilla import carpeta_del_usuario

        filas = [
            (_("Expedientes (por omisión)"), _enlace_carpeta(carpetas.carpeta_expedientes())),
            (_("Respaldos automáticos"), _enlace_carpeta(carpetas.carpeta_respaldos())),
            (_("Registro de errores"), _enlace_carpeta(ruta_registro().parent)),
            # Adapted agreement templates go here (they replace the shipped ones; recursos/plantillas/LEEME.md).
            (_("Plantillas de convenios adaptadas"), _enlace_carpeta(carpeta_del_usuario())),
        ]
        if ctx is not None:
            filas.insert(0, (_("Este expediente"), _enlace_carpeta(ctx.expediente.ruta.parent)))
            filas.insert(2, (_("Respaldos de este expediente"),
                             _enlace_carpeta(respaldo.carpeta_de(ctx.expediente.ruta))))
        nota = _("Cada cambio se guarda al instante en el archivo del expediente. Articula guarda una copia de "
                 "respaldo al abrirlo y una vez por día mientras está abierto, y conserva las diez más recientes. "
                 "Para llevar el expediente a otra computadora use Archivo > Guardar una copia como…")
        return f"{_tabla(filas)}<p>{nota}</p>"
