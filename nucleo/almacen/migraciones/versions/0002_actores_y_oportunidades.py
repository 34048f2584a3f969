"""matriz de actores y mapa de oportunidades

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

La matriz de actores completa (el actor simple de 0001 pasa a ser este: las filas existentes se conservan y
reciben tipo y nivel deducidos de su categoría) y el Mapa de Oportunidades.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('oportunidad',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=False),
    sa.Column('proveedor_id', sa.Integer(), nullable=True),
    sa.Column('origen', sa.String(length=20), nullable=False),
    sa.Column('pilar', sa.String(length=30), nullable=False),
    sa.Column('paquete', sa.String(length=20), nullable=False),
    sa.Column('tipo_beneficio', sa.String(length=30), nullable=False),
    sa.Column('requisitos', sa.Text(), nullable=False),
    sa.Column('cobertura_distrital', sa.Boolean(), nullable=False),
    sa.Column('cupos', sa.Integer(), nullable=True),
    sa.Column('costo', sa.Integer(), nullable=False),
    sa.Column('costo_detalle', sa.String(length=200), nullable=False),
    sa.Column('lugar', sa.String(length=200), nullable=False),
    sa.Column('horario', sa.String(length=200), nullable=False),
    sa.Column('contacto', sa.String(length=200), nullable=False),
    sa.Column('telefono', sa.String(length=60), nullable=False),
    sa.Column('correo', sa.String(length=120), nullable=False),
    sa.Column('vigencia_desde', sa.Date(), nullable=True),
    sa.Column('vigencia_hasta', sa.Date(), nullable=True),
    sa.Column('fuente', sa.String(length=200), nullable=False),
    sa.Column('verificado_el', sa.Date(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_oportunidad_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proveedor_id'], ['actor.id'], name=op.f('fk_oportunidad_proveedor_id_actor'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oportunidad'))
    )
    with op.batch_alter_table('oportunidad', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oportunidad_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_oportunidad_proveedor_id'), ['proveedor_id'], unique=False)

    op.create_table('actor_territorio',
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_actor_territorio_actor_id_actor'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_actor_territorio_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('actor_id', 'territorio_id', name=op.f('pk_actor_territorio'))
    )
    op.create_table('oportunidad_poblacion',
    sa.Column('oportunidad_id', sa.Integer(), nullable=False),
    sa.Column('categoria', sa.String(length=30), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_oportunidad_poblacion_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['oportunidad_id'], ['oportunidad.id'], name=op.f('fk_oportunidad_poblacion_oportunidad_id_oportunidad'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('oportunidad_id', 'categoria', name=op.f('pk_oportunidad_poblacion'))
    )
    with op.batch_alter_table('oportunidad_poblacion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oportunidad_poblacion_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('oportunidad_territorio',
    sa.Column('oportunidad_id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['oportunidad_id'], ['oportunidad.id'], name=op.f('fk_oportunidad_territorio_oportunidad_id_oportunidad'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_oportunidad_territorio_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('oportunidad_id', 'territorio_id', name=op.f('pk_oportunidad_territorio'))
    )
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tipo', sa.String(length=20), nullable=False, server_default='organizacion'))
        batch_op.add_column(sa.Column('sigla', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('nivel', sa.String(length=20), nullable=False, server_default='distrital'))
        batch_op.add_column(sa.Column('institucion_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cargo', sa.String(length=150), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('rol', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('interes', sa.SmallInteger(), nullable=False, server_default='3'))
        batch_op.add_column(sa.Column('influencia', sa.SmallInteger(), nullable=False, server_default='3'))
        batch_op.add_column(sa.Column('postura', sa.String(length=20), nullable=False, server_default='neutral'))
        batch_op.add_column(sa.Column('recursos', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('direccion', sa.String(length=200), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_actor_institucion_id'), ['institucion_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_actor_institucion_id_actor'), 'actor', ['institucion_id'], ['id'], ondelete='SET NULL')

    # Existing simple actors: kind and level follow from their category.
    op.execute("UPDATE actor SET tipo = 'institucion' "
               "WHERE categoria IN ('gobierno_central', 'gobernacion', 'municipalidad', 'academia')")
    op.execute("UPDATE actor SET nivel = CASE categoria WHEN 'gobierno_central' THEN 'nacional' "
               "WHEN 'gobernacion' THEN 'departamental' WHEN 'comunidad' THEN 'comunitario' "
               "ELSE 'distrital' END")



def downgrade() -> None:
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_actor_institucion_id_actor'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_actor_institucion_id'))
        batch_op.drop_column('direccion')
        batch_op.drop_column('recursos')
        batch_op.drop_column('postura')
        batch_op.drop_column('influencia')
        batch_op.drop_column('interes')
        batch_op.drop_column('rol')
        batch_op.drop_column('cargo')
        batch_op.drop_column('institucion_id')
        batch_op.drop_column('nivel')
        batch_op.drop_column('sigla')
        batch_op.drop_column('tipo')

    op.drop_table('oportunidad_territorio')
    with op.batch_alter_table('oportunidad_poblacion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oportunidad_poblacion_municipio_id'))

    op.drop_table('oportunidad_poblacion')
    op.drop_table('actor_territorio')
    with op.batch_alter_table('oportunidad', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oportunidad_proveedor_id'))
        batch_op.drop_index(batch_op.f('ix_oportunidad_municipio_id'))

    op.drop_table('oportunidad')
