"""Las opciones de los campos con lista que necesita la primera pantalla (clave → texto), sin SQLAlchemy.

Viven aquí y no en `nucleo.modelo` para que la lista de territorios se muestre sin cargar el modelo ORM (ver
`nucleo.lecturas`); los módulos del modelo las vuelven a exportar con sus nombres de siempre.
"""

from __future__ import annotations

from nucleo.i18n import N_

# Labels in Spanish source form, marked with N_() for the catalogue: they are built at import, before any
# catalogue is installed, so whoever shows one passes it through i18n.traducir(). Audit records keep the source.
TIPOS_TERRITORIO: dict[str, str] = {"urbano": N_("Urbano"), "rural": N_("Rural"), "indigena": N_("Indígena"),
                                    "mixto": N_("Mixto")}

# Tipos de territorio del SPS (001, §2.2.3 b).
TIPOS_SPS: dict[str, str] = {
    "": "—",  # a dash, nothing to translate; the form shows «Sin indicar» instead
    "periferia_metropolitana": N_("Periferia metropolitana"),
    "ciudad_emergente": N_("Ciudad emergente"),
    "alineacion_sps_pnrp": N_("Alineación SPS/PNRP"),
    "chaco": N_("Chaco"),
}

ESTADOS_TERRITORIO: dict[str, str] = {
    "propuesto": N_("Propuesto"),
    "seleccionado": N_("Seleccionado"),
    "en_intervencion": N_("En intervención"),
    "finalizado": N_("Finalizado"),
}

ESTADOS_ETAPA: dict[str, str] = {"pendiente": N_("Pendiente"), "en_curso": N_("En curso"),
                                 "cumplida": N_("Cumplida")}

# Categorías de la matriz de actores del documento 000, más las que usa la práctica.
# Marked with N_() (built at import, before the catalogue): display them through i18n.traducir().
CATEGORIAS_ACTOR: dict[str, str] = {
    "gobierno_central": N_("Gobierno Central"),
    "gobernacion": N_("Gobernación"),
    "municipalidad": N_("Municipalidad"),
    "privado_interes_publico": N_("Organismo privado con interés público"),
    "comunidad": N_("Comunidad / organización comunitaria"),
    "cooperacion": N_("Cooperación"),
    "sociedad_civil": N_("Sociedad civil"),
    "academia": N_("Academia"),
}
