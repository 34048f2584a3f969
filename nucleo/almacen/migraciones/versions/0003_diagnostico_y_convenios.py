"""diagnostico y convenios

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

Diagnóstico participativo de cada territorio (necesidades, cruce oferta–demanda, árbol de problemas, DAFO/DIPE)
y convenios con sus partes; un documento adjunto puede ser el escaneo firmado de un convenio.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('convenio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=True),
    sa.Column('tipo', sa.String(length=30), nullable=False),
    sa.Column('titulo', sa.String(length=200), nullable=False),
    sa.Column('objeto', sa.Text(), nullable=False),
    sa.Column('lugar', sa.String(length=150), nullable=False),
    sa.Column('fecha_inicio', sa.Date(), nullable=True),
    sa.Column('fecha_fin', sa.Date(), nullable=True),
    sa.Column('fecha_firma', sa.Date(), nullable=True),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('hash_firma', sa.String(length=64), nullable=False),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_convenio_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_convenio_territorio_id_territorio'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_convenio'))
    )
    with op.batch_alter_table('convenio', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convenio_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_convenio_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('item_dafo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.Column('analisis', sa.String(length=10), nullable=False),
    sa.Column('cuadrante', sa.String(length=20), nullable=False),
    sa.Column('texto', sa.Text(), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_item_dafo_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_item_dafo_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_dafo'))
    )
    with op.batch_alter_table('item_dafo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_dafo_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_dafo_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('necesidad',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=False),
    sa.Column('dimension', sa.String(length=20), nullable=False),
    sa.Column('pilar', sa.String(length=30), nullable=False),
    sa.Column('poblacion', sa.String(length=30), nullable=False),
    sa.Column('fuente', sa.String(length=20), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=True),
    sa.Column('prioridad', sa.Integer(), nullable=True),
    sa.Column('votos', sa.Integer(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_necesidad_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_necesidad_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_necesidad'))
    )
    with op.batch_alter_table('necesidad', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_necesidad_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_necesidad_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('cruce_necesidad',
    sa.Column('necesidad_id', sa.Integer(), nullable=False),
    sa.Column('oportunidad_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('nota', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_cruce_necesidad_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['necesidad_id'], ['necesidad.id'], name=op.f('fk_cruce_necesidad_necesidad_id_necesidad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['oportunidad_id'], ['oportunidad.id'], name=op.f('fk_cruce_necesidad_oportunidad_id_oportunidad'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('necesidad_id', 'oportunidad_id', name=op.f('pk_cruce_necesidad'))
    )
    with op.batch_alter_table('cruce_necesidad', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cruce_necesidad_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cruce_necesidad_oportunidad_id'), ['oportunidad_id'], unique=False)

    op.create_table('nodo_problema',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.Column('padre_id', sa.Integer(), nullable=True),
    sa.Column('tipo', sa.String(length=10), nullable=False),
    sa.Column('texto', sa.Text(), nullable=False),
    sa.Column('necesidad_id', sa.Integer(), nullable=True),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('x', sa.Float(), nullable=True),
    sa.Column('y', sa.Float(), nullable=True),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_nodo_problema_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['necesidad_id'], ['necesidad.id'], name=op.f('fk_nodo_problema_necesidad_id_necesidad'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['padre_id'], ['nodo_problema.id'], name=op.f('fk_nodo_problema_padre_id_nodo_problema'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_nodo_problema_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nodo_problema'))
    )
    with op.batch_alter_table('nodo_problema', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nodo_problema_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nodo_problema_necesidad_id'), ['necesidad_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nodo_problema_padre_id'), ['padre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nodo_problema_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('parte_convenio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('convenio_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('nombre_parte', sa.String(length=200), nullable=False),
    sa.Column('representante', sa.String(length=150), nullable=False),
    sa.Column('cargo', sa.String(length=150), nullable=False),
    sa.Column('obligaciones', sa.Text(), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_parte_convenio_actor_id_actor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['convenio_id'], ['convenio.id'], name=op.f('fk_parte_convenio_convenio_id_convenio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_parte_convenio_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parte_convenio'))
    )
    with op.batch_alter_table('parte_convenio', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parte_convenio_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_parte_convenio_convenio_id'), ['convenio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_parte_convenio_municipio_id'), ['municipio_id'], unique=False)

    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.add_column(sa.Column('convenio_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_documento_convenio_id'), ['convenio_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_documento_convenio_id_convenio'), 'convenio', ['convenio_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_documento_convenio_id_convenio'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_documento_convenio_id'))
        batch_op.drop_column('convenio_id')

    with op.batch_alter_table('parte_convenio', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parte_convenio_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_parte_convenio_convenio_id'))
        batch_op.drop_index(batch_op.f('ix_parte_convenio_actor_id'))

    op.drop_table('parte_convenio')
    with op.batch_alter_table('nodo_problema', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nodo_problema_territorio_id'))
        batch_op.drop_index(batch_op.f('ix_nodo_problema_padre_id'))
        batch_op.drop_index(batch_op.f('ix_nodo_problema_necesidad_id'))
        batch_op.drop_index(batch_op.f('ix_nodo_problema_municipio_id'))

    op.drop_table('nodo_problema')
    with op.batch_alter_table('cruce_necesidad', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cruce_necesidad_oportunidad_id'))
        batch_op.drop_index(batch_op.f('ix_cruce_necesidad_municipio_id'))

    op.drop_table('cruce_necesidad')
    with op.batch_alter_table('necesidad', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_necesidad_territorio_id'))
        batch_op.drop_index(batch_op.f('ix_necesidad_municipio_id'))

    op.drop_table('necesidad')
    with op.batch_alter_table('item_dafo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_dafo_territorio_id'))
        batch_op.drop_index(batch_op.f('ix_item_dafo_municipio_id'))

    op.drop_table('item_dafo')
    with op.batch_alter_table('convenio', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convenio_territorio_id'))
        batch_op.drop_index(batch_op.f('ix_convenio_municipio_id'))

    op.drop_table('convenio')
