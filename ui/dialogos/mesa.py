"""Ficha de una mesa de coordinación: nombre, tipo, territorios, regla de quórum, lugar y periodicidad."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nucleo.i18n import _, traducir
from nucleo.modelo.mesa import REGLAS_QUORUM, TIPOS_MESA
from nucleo.servicios.mesas import (
    DatosMesa,
    actualizar_mesa,
    crear_mesa,
    eliminar_mesa,
    obtener_mesa,
    restaurar_mesa,
)
from nucleo.servicios.territorios import listar_territorios
from ui.contexto import ComandoServicio, Contexto
from ui.dialogos.formulario_pestanas import DialogoFormulario


def combo_de(opciones: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for clave, texto in opciones.items():
        combo.addItem(traducir(texto), clave)
    return combo


def corto(texto: str, largo: int = 48) -> str:
    texto = " ".join(texto.split())
    return texto if len(texto) <= largo else texto[: largo - 1].rstrip() + "…"


class DialogoMesa(DialogoFormulario):
    """`DialogoMesa(ctx)` crea una mesa; con `mesa_id` la edita. Tras aceptar, `mesa_id` es su id."""

    def __init__(self, ctx: Contexto, mesa_id: int | None = None, parent: QWidget | None = None,
                 solo_lectura: bool = False):
        super().__init__(ctx, parent, solo_lectura)
        self.mesa_id = mesa_id
        self.setMinimumSize(560, 520)
        self.resize(620, 600)
        self.agregar_pestana(self._pagina(), _("Mesa"))
        self.pestanas.tabBar().hide()
        self.pestanas.setDocumentMode(True)
        self.armar()
        mid = ctx.municipio_id
        for f in ctx.leer(lambda s: listar_territorios(s, mid)):
            item = QListWidgetItem(f.nombre)
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.territorios.addItem(item)
        self.fijar(ctx.leer(lambda s: obtener_mesa(s, mesa_id)) if mesa_id is not None else DatosMesa())
        if self.solo_lectura:
            for editor in (self.nombre, self.lugar, self.periodicidad):
                editor.setReadOnly(True)
            self.notas.setReadOnly(True)
            for w in (self.tipo, self.regla, self.numero, self.activa, self.territorios):
                w.setEnabled(False)
        self._fijar_titulo(_("Nueva mesa") if mesa_id is None else _("Mesa"))
        self.nombre.setFocus()

    def _pagina(self) -> QWidget:
        self.nombre = QLineEdit()
        self.nombre.setPlaceholderText(_("Por ejemplo: Mesa territorial de San Miguel"))
        self.tipo = combo_de(TIPOS_MESA)
        self.regla = combo_de(REGLAS_QUORUM)
        self.numero = QSpinBox()
        self.numero.setRange(1, 500)
        self.numero.setMaximumWidth(100)
        self.regla.currentIndexChanged.connect(self._regla_cambiada)
        self.lugar = QLineEdit()
        self.lugar.setPlaceholderText(_("Dónde se reúne de costumbre"))
        self.periodicidad = QLineEdit()
        self.periodicidad.setPlaceholderText(_("Por ejemplo: mensual, el primer martes"))
        self.activa = QCheckBox(_("La mesa está en funciones"))
        self.territorios = QListWidget()
        self.territorios.setMinimumHeight(110)
        self.territorios.setAccessibleName(_("Territorios de la mesa"))
        self.notas = QPlainTextEdit()
        self.notas.setTabChangesFocus(True)
        self.notas.setFixedHeight(60)
        f = self._formulario()
        self._campo(f, 0, "nombre", _("&Nombre:"), self.nombre)
        self._campo(f, 0, "tipo", _("&Tipo:"), self.tipo)
        self._campo(f, 0, "territorios", _("Te&rritorios:"), self.territorios,
                    ayuda=_("Marque con la barra espaciadora los territorios que la mesa abarca (ninguno: todo el "
                            "distrito)."))
        self._campo(f, 0, "regla_quorum", _("&Quórum:"), self.regla,
                    ayuda=_("Se cuenta sobre los miembros titulares con voto vigentes el día de la sesión."))
        self._campo(f, 0, "quorum_numero", _("Nú&mero fijo:"), self.numero)
        self._campo(f, 0, "lugar_habitual", _("&Lugar habitual:"), self.lugar)
        self._campo(f, 0, "periodicidad", _("&Periodicidad:"), self.periodicidad)
        self._campo(f, 0, "activa", "", self.activa)
        self._campo(f, 0, "notas", _("N&otas:"), self.notas)
        pagina = QWidget()
        capa = QVBoxLayout(pagina)
        capa.addLayout(f)
        capa.addStretch(1)
        return self._desplazable(pagina)

    def _regla_cambiada(self) -> None:
        self.numero.setEnabled(self.regla.currentData() == "numero_fijo" and not self.solo_lectura)

    def fijar(self, d: DatosMesa) -> None:
        self.nombre.setText(d.nombre)
        self.tipo.setCurrentIndex(max(0, self.tipo.findData(d.tipo)))
        self.regla.setCurrentIndex(max(0, self.regla.findData(d.regla_quorum)))
        self.numero.setValue(d.quorum_numero or 1)
        self.lugar.setText(d.lugar_habitual)
        self.periodicidad.setText(d.periodicidad)
        self.activa.setChecked(bool(d.activa))
        self.notas.setPlainText(d.notas)
        elegidos = set(d.territorios)
        for n in range(self.territorios.count()):
            item = self.territorios.item(n)
            marcado = item.data(Qt.ItemDataRole.UserRole) in elegidos
            item.setCheckState(Qt.CheckState.Checked if marcado else Qt.CheckState.Unchecked)
        self._regla_cambiada()

    def datos(self) -> DatosMesa:
        territorios = tuple(
            self.territorios.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.territorios.count())
            if self.territorios.item(n).checkState() == Qt.CheckState.Checked)
        regla = self.regla.currentData()
        return DatosMesa(nombre=self.nombre.text(), tipo=self.tipo.currentData(), regla_quorum=regla,
                         quorum_numero=self.numero.value() if regla == "numero_fijo" else None,
                         lugar_habitual=self.lugar.text(), periodicidad=self.periodicidad.text(),
                         activa=self.activa.isChecked(), notas=self.notas.toPlainText(), territorios=territorios)

    def _guardado(self, resultado) -> None:
        if isinstance(resultado, int):
            self.mesa_id = resultado

    def _mensaje_guardado(self, datos: DatosMesa) -> str:
        return _("Mesa «{nombre}» guardada.").format(nombre=corto(datos.nombre))

    def _comando(self, datos: DatosMesa) -> ComandoServicio:
        nombre = corto(datos.nombre)
        if self.mesa_id is None:
            mid = self.ctx.municipio_id
            return ComandoServicio(
                self.ctx, _("Crear la mesa «{nombre}»").format(nombre=nombre), "mesa",
                hacer=lambda s: crear_mesa(s, mid, datos),
                deshacer=lambda s, ident: eliminar_mesa(s, ident),
                rehacer=lambda s, copia: restaurar_mesa(s, copia),
            )
        ident = self.mesa_id
        return ComandoServicio(
            self.ctx, _("Modificar la mesa «{nombre}»").format(nombre=nombre), "mesa",
            hacer=lambda s: actualizar_mesa(s, ident, datos),
            deshacer=lambda s, anterior: actualizar_mesa(s, ident, anterior),
            rehacer=lambda s, _r: actualizar_mesa(s, ident, datos),
        )
