"""riesgos y mesas

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21

Matriz de riesgos de los planes (con las actividades que amenaza) y la matriz de niveles del municipio; mesas con
sus territorios y miembros, sesiones con orden del día y asistencia, acuerdos y actas numeradas.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mesa',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('tipo', sa.String(length=30), nullable=False),
    sa.Column('regla_quorum', sa.String(length=20), nullable=False),
    sa.Column('quorum_numero', sa.Integer(), nullable=True),
    sa.Column('lugar_habitual', sa.String(length=200), nullable=False),
    sa.Column('periodicidad', sa.String(length=100), nullable=False),
    sa.Column('activa', sa.Boolean(), nullable=False),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_mesa_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mesa'))
    )
    with op.batch_alter_table('mesa', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mesa_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('miembro_mesa',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mesa_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('cargo', sa.String(length=150), nullable=False),
    sa.Column('institucion', sa.String(length=200), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=False),
    sa.Column('titular', sa.Boolean(), nullable=False),
    sa.Column('suplente_de_id', sa.Integer(), nullable=True),
    sa.Column('con_voto', sa.Boolean(), nullable=False),
    sa.Column('designado_en', sa.Date(), nullable=True),
    sa.Column('hasta', sa.Date(), nullable=True),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_miembro_mesa_actor_id_actor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mesa_id'], ['mesa.id'], name=op.f('fk_miembro_mesa_mesa_id_mesa'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_miembro_mesa_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['suplente_de_id'], ['miembro_mesa.id'], name=op.f('fk_miembro_mesa_suplente_de_id_miembro_mesa'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_miembro_mesa'))
    )
    with op.batch_alter_table('miembro_mesa', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_miembro_mesa_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_miembro_mesa_mesa_id'), ['mesa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_miembro_mesa_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('sesion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mesa_id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('hora', sa.Time(), nullable=True),
    sa.Column('duracion_prevista', sa.Integer(), nullable=False),
    sa.Column('lugar', sa.String(length=200), nullable=False),
    sa.Column('hora_inicio', sa.Time(), nullable=True),
    sa.Column('hora_fin', sa.Time(), nullable=True),
    sa.Column('convocada_en', sa.Date(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['mesa_id'], ['mesa.id'], name=op.f('fk_sesion_mesa_id_mesa'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_sesion_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sesion'))
    )
    with op.batch_alter_table('sesion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sesion_mesa_id'), ['mesa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sesion_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('acta',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sesion_id', sa.Integer(), nullable=False),
    sa.Column('mesa_id', sa.Integer(), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('anio', sa.Integer(), nullable=False),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('aprobada_en', sa.Date(), nullable=True),
    sa.Column('firmada_en', sa.Date(), nullable=True),
    sa.Column('hash_firma', sa.String(length=64), nullable=False),
    sa.Column('contenido_firmado', sa.Text(), nullable=False),
    sa.Column('corrige_a_id', sa.Integer(), nullable=True),
    sa.Column('observaciones', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['corrige_a_id'], ['acta.id'], name=op.f('fk_acta_corrige_a_id_acta'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['mesa_id'], ['mesa.id'], name=op.f('fk_acta_mesa_id_mesa'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_acta_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sesion_id'], ['sesion.id'], name=op.f('fk_acta_sesion_id_sesion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acta')),
    sa.UniqueConstraint('mesa_id', 'anio', 'numero', name=op.f('uq_acta_mesa_id')),
    sa.UniqueConstraint('sesion_id', name=op.f('uq_acta_sesion_id'))
    )
    with op.batch_alter_table('acta', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acta_mesa_id'), ['mesa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acta_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('asistencia',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sesion_id', sa.Integer(), nullable=False),
    sa.Column('miembro_id', sa.Integer(), nullable=True),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('reemplaza_a_id', sa.Integer(), nullable=True),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('cargo', sa.String(length=150), nullable=False),
    sa.Column('institucion', sa.String(length=200), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['miembro_id'], ['miembro_mesa.id'], name=op.f('fk_asistencia_miembro_id_miembro_mesa'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_asistencia_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reemplaza_a_id'], ['miembro_mesa.id'], name=op.f('fk_asistencia_reemplaza_a_id_miembro_mesa'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sesion_id'], ['sesion.id'], name=op.f('fk_asistencia_sesion_id_sesion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_asistencia')),
    sa.UniqueConstraint('sesion_id', 'miembro_id', name=op.f('uq_asistencia_sesion_id'))
    )
    with op.batch_alter_table('asistencia', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_asistencia_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_asistencia_sesion_id'), ['sesion_id'], unique=False)

    op.create_table('mesa_territorio',
    sa.Column('mesa_id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['mesa_id'], ['mesa.id'], name=op.f('fk_mesa_territorio_mesa_id_mesa'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_mesa_territorio_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('mesa_id', 'territorio_id', name=op.f('pk_mesa_territorio'))
    )
    with op.batch_alter_table('mesa_territorio', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mesa_territorio_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('punto_agenda',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sesion_id', sa.Integer(), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('titulo', sa.String(length=300), nullable=False),
    sa.Column('expositor', sa.String(length=200), nullable=False),
    sa.Column('minutos', sa.Integer(), nullable=False),
    sa.Column('desarrollo', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_punto_agenda_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sesion_id'], ['sesion.id'], name=op.f('fk_punto_agenda_sesion_id_sesion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_punto_agenda'))
    )
    with op.batch_alter_table('punto_agenda', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_punto_agenda_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_punto_agenda_sesion_id'), ['sesion_id'], unique=False)

    op.create_table('riesgo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('territorio_id', sa.Integer(), nullable=True),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('escenario', sa.Text(), nullable=False),
    sa.Column('signos_alerta', sa.Text(), nullable=False),
    sa.Column('acciones_preventivas', sa.Text(), nullable=False),
    sa.Column('reduccion_danos', sa.Text(), nullable=False),
    sa.Column('ajustes_programa', sa.Text(), nullable=False),
    sa.Column('probabilidad', sa.Integer(), nullable=False),
    sa.Column('impacto', sa.Integer(), nullable=False),
    sa.Column('responsable_id', sa.Integer(), nullable=True),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('proxima_revision', sa.Date(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_riesgo_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan_accion.id'], name=op.f('fk_riesgo_plan_id_plan_accion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsable_id'], ['actor.id'], name=op.f('fk_riesgo_responsable_id_actor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_riesgo_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_riesgo'))
    )
    with op.batch_alter_table('riesgo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_riesgo_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_riesgo_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_riesgo_responsable_id'), ['responsable_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_riesgo_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('acuerdo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sesion_id', sa.Integer(), nullable=False),
    sa.Column('punto_id', sa.Integer(), nullable=True),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('texto', sa.Text(), nullable=False),
    sa.Column('responsable_id', sa.Integer(), nullable=True),
    sa.Column('responsable_texto', sa.String(length=200), nullable=False),
    sa.Column('plazo', sa.Date(), nullable=True),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('cumplido_en', sa.Date(), nullable=True),
    sa.Column('votos_favor', sa.Integer(), nullable=True),
    sa.Column('votos_contra', sa.Integer(), nullable=True),
    sa.Column('abstenciones', sa.Integer(), nullable=True),
    sa.Column('actividad_id', sa.Integer(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actividad_id'], ['actividad.id'], name=op.f('fk_acuerdo_actividad_id_actividad'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_acuerdo_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['punto_id'], ['punto_agenda.id'], name=op.f('fk_acuerdo_punto_id_punto_agenda'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['responsable_id'], ['actor.id'], name=op.f('fk_acuerdo_responsable_id_actor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sesion_id'], ['sesion.id'], name=op.f('fk_acuerdo_sesion_id_sesion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acuerdo'))
    )
    with op.batch_alter_table('acuerdo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acuerdo_actividad_id'), ['actividad_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acuerdo_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acuerdo_responsable_id'), ['responsable_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acuerdo_sesion_id'), ['sesion_id'], unique=False)

    op.create_table('riesgo_actividad',
    sa.Column('riesgo_id', sa.Integer(), nullable=False),
    sa.Column('actividad_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actividad_id'], ['actividad.id'], name=op.f('fk_riesgo_actividad_actividad_id_actividad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['riesgo_id'], ['riesgo.id'], name=op.f('fk_riesgo_actividad_riesgo_id_riesgo'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('riesgo_id', 'actividad_id', name=op.f('pk_riesgo_actividad'))
    )
    with op.batch_alter_table('riesgo_actividad', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_riesgo_actividad_actividad_id'), ['actividad_id'], unique=False)

    with op.batch_alter_table('municipio', schema=None) as batch_op:
        batch_op.add_column(sa.Column('matriz_riesgos', sa.Text(), nullable=False, server_default=''))



def downgrade() -> None:
    with op.batch_alter_table('municipio', schema=None) as batch_op:
        batch_op.drop_column('matriz_riesgos')

    with op.batch_alter_table('riesgo_actividad', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_riesgo_actividad_actividad_id'))

    op.drop_table('riesgo_actividad')
    with op.batch_alter_table('acuerdo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acuerdo_sesion_id'))
        batch_op.drop_index(batch_op.f('ix_acuerdo_responsable_id'))
        batch_op.drop_index(batch_op.f('ix_acuerdo_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_acuerdo_actividad_id'))

    op.drop_table('acuerdo')
    with op.batch_alter_table('riesgo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_riesgo_territorio_id'))
        batch_op.drop_index(batch_op.f('ix_riesgo_responsable_id'))
        batch_op.drop_index(batch_op.f('ix_riesgo_plan_id'))
        batch_op.drop_index(batch_op.f('ix_riesgo_municipio_id'))

    op.drop_table('riesgo')
    with op.batch_alter_table('punto_agenda', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_punto_agenda_sesion_id'))
        batch_op.drop_index(batch_op.f('ix_punto_agenda_municipio_id'))

    op.drop_table('punto_agenda')
    with op.batch_alter_table('mesa_territorio', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mesa_territorio_territorio_id'))

    op.drop_table('mesa_territorio')
    with op.batch_alter_table('asistencia', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_asistencia_sesion_id'))
        batch_op.drop_index(batch_op.f('ix_asistencia_municipio_id'))

    op.drop_table('asistencia')
    with op.batch_alter_table('acta', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acta_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_acta_mesa_id'))

    op.drop_table('acta')
    with op.batch_alter_table('sesion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sesion_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_sesion_mesa_id'))

    op.drop_table('sesion')
    with op.batch_alter_table('miembro_mesa', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_miembro_mesa_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_miembro_mesa_mesa_id'))
        batch_op.drop_index(batch_op.f('ix_miembro_mesa_actor_id'))

    op.drop_table('miembro_mesa')
    with op.batch_alter_table('mesa', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mesa_municipio_id'))

    op.drop_table('mesa')
