"""plan de accion

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21

Plan de Acción por territorio: resultados con las necesidades que responden, indicadores y sus mediciones,
actividades (EDT, fechas calculadas del cronograma, línea base, seguimiento) con dependencias, recursos y las
oportunidades que usan.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan_accion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.Column('titulo', sa.String(length=200), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('objetivo', sa.Text(), nullable=False),
    sa.Column('inicio', sa.Date(), nullable=False),
    sa.Column('organizacion', sa.Text(), nullable=False),
    sa.Column('provision_recursos', sa.Text(), nullable=False),
    sa.Column('instrumentos_registro', sa.Text(), nullable=False),
    sa.Column('control_comunitario', sa.Text(), nullable=False),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('linea_base_en', sa.DateTime(), nullable=True),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_plan_accion_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_plan_accion_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_accion'))
    )
    with op.batch_alter_table('plan_accion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_accion_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_accion_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('resultado',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('codigo', sa.String(length=20), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=False),
    sa.Column('pilar', sa.String(length=30), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_resultado_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan_accion.id'], name=op.f('fk_resultado_plan_id_plan_accion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resultado'))
    )
    with op.batch_alter_table('resultado', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resultado_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resultado_plan_id'), ['plan_id'], unique=False)

    op.create_table('actividad',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('padre_id', sa.Integer(), nullable=True),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=300), nullable=False),
    sa.Column('resultado_id', sa.Integer(), nullable=True),
    sa.Column('responsable_id', sa.Integer(), nullable=True),
    sa.Column('lado', sa.String(length=20), nullable=False),
    sa.Column('duracion', sa.Integer(), nullable=False),
    sa.Column('hito', sa.Boolean(), nullable=False),
    sa.Column('inicio_fijo', sa.Date(), nullable=True),
    sa.Column('condiciones', sa.Text(), nullable=False),
    sa.Column('medio_verificacion', sa.Text(), nullable=False),
    sa.Column('avance', sa.Integer(), nullable=False),
    sa.Column('inicio_real', sa.Date(), nullable=True),
    sa.Column('fin_real', sa.Date(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('inicio', sa.Date(), nullable=True),
    sa.Column('fin', sa.Date(), nullable=True),
    sa.Column('inicio_tardio', sa.Date(), nullable=True),
    sa.Column('fin_tardio', sa.Date(), nullable=True),
    sa.Column('holgura_total', sa.Integer(), nullable=True),
    sa.Column('holgura_libre', sa.Integer(), nullable=True),
    sa.Column('critica', sa.Boolean(), nullable=False),
    sa.Column('base_inicio', sa.Date(), nullable=True),
    sa.Column('base_fin', sa.Date(), nullable=True),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_actividad_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['padre_id'], ['actividad.id'], name=op.f('fk_actividad_padre_id_actividad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan_accion.id'], name=op.f('fk_actividad_plan_id_plan_accion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responsable_id'], ['actor.id'], name=op.f('fk_actividad_responsable_id_actor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resultado_id'], ['resultado.id'], name=op.f('fk_actividad_resultado_id_resultado'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actividad'))
    )
    with op.batch_alter_table('actividad', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actividad_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actividad_padre_id'), ['padre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actividad_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actividad_responsable_id'), ['responsable_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actividad_resultado_id'), ['resultado_id'], unique=False)

    op.create_table('indicador',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resultado_id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('nombre', sa.String(length=300), nullable=False),
    sa.Column('unidad', sa.String(length=60), nullable=False),
    sa.Column('medio_verificacion', sa.Text(), nullable=False),
    sa.Column('sentido', sa.String(length=10), nullable=False),
    sa.Column('base_valor', sa.Float(), nullable=True),
    sa.Column('base_fecha', sa.Date(), nullable=True),
    sa.Column('meta_valor', sa.Float(), nullable=True),
    sa.Column('meta_fecha', sa.Date(), nullable=True),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_indicador_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resultado_id'], ['resultado.id'], name=op.f('fk_indicador_resultado_id_resultado'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicador'))
    )
    with op.batch_alter_table('indicador', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicador_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicador_resultado_id'), ['resultado_id'], unique=False)

    op.create_table('resultado_necesidad',
    sa.Column('resultado_id', sa.Integer(), nullable=False),
    sa.Column('necesidad_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['necesidad_id'], ['necesidad.id'], name=op.f('fk_resultado_necesidad_necesidad_id_necesidad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resultado_id'], ['resultado.id'], name=op.f('fk_resultado_necesidad_resultado_id_resultado'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resultado_id', 'necesidad_id', name=op.f('pk_resultado_necesidad'))
    )
    with op.batch_alter_table('resultado_necesidad', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resultado_necesidad_necesidad_id'), ['necesidad_id'], unique=False)

    op.create_table('actividad_oportunidad',
    sa.Column('actividad_id', sa.Integer(), nullable=False),
    sa.Column('oportunidad_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actividad_id'], ['actividad.id'], name=op.f('fk_actividad_oportunidad_actividad_id_actividad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['oportunidad_id'], ['oportunidad.id'], name=op.f('fk_actividad_oportunidad_oportunidad_id_oportunidad'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('actividad_id', 'oportunidad_id', name=op.f('pk_actividad_oportunidad'))
    )
    with op.batch_alter_table('actividad_oportunidad', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actividad_oportunidad_oportunidad_id'), ['oportunidad_id'], unique=False)

    op.create_table('dependencia',
    sa.Column('predecesora_id', sa.Integer(), nullable=False),
    sa.Column('sucesora_id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=2), nullable=False),
    sa.Column('desfase', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_dependencia_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['predecesora_id'], ['actividad.id'], name=op.f('fk_dependencia_predecesora_id_actividad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sucesora_id'], ['actividad.id'], name=op.f('fk_dependencia_sucesora_id_actividad'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('predecesora_id', 'sucesora_id', name=op.f('pk_dependencia'))
    )
    with op.batch_alter_table('dependencia', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dependencia_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dependencia_sucesora_id'), ['sucesora_id'], unique=False)

    op.create_table('medicion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicador_id', sa.Integer(), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('valor', sa.Float(), nullable=False),
    sa.Column('fuente', sa.String(length=200), nullable=False),
    sa.Column('nota', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['indicador_id'], ['indicador.id'], name=op.f('fk_medicion_indicador_id_indicador'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_medicion_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medicion'))
    )
    with op.batch_alter_table('medicion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_medicion_indicador_id'), ['indicador_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_medicion_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('recurso',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actividad_id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('descripcion', sa.String(length=300), nullable=False),
    sa.Column('cantidad', sa.Float(), nullable=False),
    sa.Column('unidad', sa.String(length=40), nullable=False),
    sa.Column('costo_unitario', sa.Integer(), nullable=False),
    sa.Column('fuente', sa.String(length=20), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actividad_id'], ['actividad.id'], name=op.f('fk_recurso_actividad_id_actividad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_recurso_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recurso'))
    )
    with op.batch_alter_table('recurso', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recurso_actividad_id'), ['actividad_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recurso_municipio_id'), ['municipio_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('recurso', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recurso_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_recurso_actividad_id'))

    op.drop_table('recurso')
    with op.batch_alter_table('medicion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_medicion_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_medicion_indicador_id'))

    op.drop_table('medicion')
    with op.batch_alter_table('dependencia', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dependencia_sucesora_id'))
        batch_op.drop_index(batch_op.f('ix_dependencia_municipio_id'))

    op.drop_table('dependencia')
    with op.batch_alter_table('actividad_oportunidad', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actividad_oportunidad_oportunidad_id'))

    op.drop_table('actividad_oportunidad')
    with op.batch_alter_table('resultado_necesidad', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resultado_necesidad_necesidad_id'))

    op.drop_table('resultado_necesidad')
    with op.batch_alter_table('indicador', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicador_resultado_id'))
        batch_op.drop_index(batch_op.f('ix_indicador_municipio_id'))

    op.drop_table('indicador')
    with op.batch_alter_table('actividad', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actividad_resultado_id'))
        batch_op.drop_index(batch_op.f('ix_actividad_responsable_id'))
        batch_op.drop_index(batch_op.f('ix_actividad_plan_id'))
        batch_op.drop_index(batch_op.f('ix_actividad_padre_id'))
        batch_op.drop_index(batch_op.f('ix_actividad_municipio_id'))

    op.drop_table('actividad')
    with op.batch_alter_table('resultado', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resultado_plan_id'))
        batch_op.drop_index(batch_op.f('ix_resultado_municipio_id'))

    op.drop_table('resultado')
    with op.batch_alter_table('plan_accion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_accion_territorio_id'))
        batch_op.drop_index(batch_op.f('ix_plan_accion_municipio_id'))

    op.drop_table('plan_accion')
