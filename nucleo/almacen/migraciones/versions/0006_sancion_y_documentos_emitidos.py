"""sancion y documentos emitidos

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21

Sanción del plan: las firmas de cada revisión, las revisiones congeladas con su huella, el registro de los PDF
emitidos (para verificarlos) y el papel de los impresos del municipio.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documento_emitido',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('entidad_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=True),
    sa.Column('huella_contenido', sa.String(length=64), nullable=False),
    sa.Column('huella_archivo', sa.String(length=64), nullable=False),
    sa.Column('nombre_archivo', sa.String(length=255), nullable=False),
    sa.Column('paginas', sa.Integer(), nullable=False),
    sa.Column('descripcion', sa.String(length=300), nullable=False),
    sa.Column('emitido_en', sa.DateTime(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_documento_emitido_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documento_emitido'))
    )
    with op.batch_alter_table('documento_emitido', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documento_emitido_huella_archivo'), ['huella_archivo'], unique=False)
        batch_op.create_index(batch_op.f('ix_documento_emitido_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('firmante_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('rol', sa.String(length=20), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('cargo', sa.String(length=200), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('requerida', sa.Boolean(), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=True),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actor.id'], name=op.f('fk_firmante_plan_actor_id_actor'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_firmante_plan_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan_accion.id'], name=op.f('fk_firmante_plan_plan_id_plan_accion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_firmante_plan'))
    )
    with op.batch_alter_table('firmante_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firmante_plan_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_firmante_plan_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_firmante_plan_plan_id'), ['plan_id'], unique=False)

    op.create_table('revision_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('numero', sa.Integer(), nullable=False),
    sa.Column('sancionado_en', sa.Date(), nullable=False),
    sa.Column('contenido', sa.Text(), nullable=False),
    sa.Column('huella', sa.String(length=64), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_revision_plan_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan_accion.id'], name=op.f('fk_revision_plan_plan_id_plan_accion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision_plan')),
    sa.UniqueConstraint('plan_id', 'numero', name=op.f('uq_revision_plan_plan_id'))
    )
    with op.batch_alter_table('revision_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_plan_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_revision_plan_plan_id'), ['plan_id'], unique=False)

    with op.batch_alter_table('municipio', schema=None) as batch_op:
        batch_op.add_column(sa.Column('papel', sa.String(length=10), nullable=False, server_default='A4'))



def downgrade() -> None:
    with op.batch_alter_table('municipio', schema=None) as batch_op:
        batch_op.drop_column('papel')

    with op.batch_alter_table('revision_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revision_plan_plan_id'))
        batch_op.drop_index(batch_op.f('ix_revision_plan_municipio_id'))

    op.drop_table('revision_plan')
    with op.batch_alter_table('firmante_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_firmante_plan_plan_id'))
        batch_op.drop_index(batch_op.f('ix_firmante_plan_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_firmante_plan_actor_id'))

    op.drop_table('firmante_plan')
    with op.batch_alter_table('documento_emitido', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documento_emitido_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_documento_emitido_huella_archivo'))

    op.drop_table('documento_emitido')
