"""esquema inicial

Revision ID: 0001
Revises: 
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('municipio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clave_ine', sa.String(length=4), nullable=False),
    sa.Column('nombre', sa.String(length=120), nullable=False),
    sa.Column('departamento_codigo', sa.String(length=2), nullable=False),
    sa.Column('departamento', sa.String(length=80), nullable=False),
    sa.Column('direccion', sa.String(length=200), nullable=False),
    sa.Column('telefono', sa.String(length=60), nullable=False),
    sa.Column('correo', sa.String(length=120), nullable=False),
    sa.Column('intendente_nombre', sa.String(length=120), nullable=False),
    sa.Column('intendente_resolucion', sa.String(length=120), nullable=False),
    sa.Column('intendente_fecha', sa.Date(), nullable=True),
    sa.Column('coordinador_nombre', sa.String(length=120), nullable=False),
    sa.Column('coordinador_resolucion', sa.String(length=120), nullable=False),
    sa.Column('coordinador_fecha', sa.Date(), nullable=True),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipio'))
    )
    op.create_table('actor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('categoria', sa.String(length=40), nullable=False),
    sa.Column('telefono', sa.String(length=60), nullable=False),
    sa.Column('correo', sa.String(length=120), nullable=False),
    sa.Column('contacto', sa.String(length=200), nullable=False),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_actor_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor'))
    )
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('auditoria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('momento', sa.DateTime(), nullable=False),
    sa.Column('usuario', sa.String(length=120), nullable=False),
    sa.Column('entidad', sa.String(length=40), nullable=False),
    sa.Column('entidad_id', sa.Integer(), nullable=True),
    sa.Column('accion', sa.String(length=20), nullable=False),
    sa.Column('resumen', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_auditoria_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditoria'))
    )
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditoria_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('dia_especial',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fecha', sa.Date(), nullable=False),
    sa.Column('laborable', sa.Boolean(), nullable=False),
    sa.Column('descripcion', sa.String(length=200), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_dia_especial_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dia_especial')),
    sa.UniqueConstraint('municipio_id', 'fecha', name=op.f('uq_dia_especial_municipio_id'))
    )
    with op.batch_alter_table('dia_especial', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dia_especial_municipio_id'), ['municipio_id'], unique=False)

    op.create_table('territorio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=150), nullable=False),
    sa.Column('tipo', sa.String(length=20), nullable=False),
    sa.Column('tipo_sps', sa.String(length=40), nullable=False),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('poblacion', sa.Integer(), nullable=True),
    sa.Column('hogares', sa.Integer(), nullable=True),
    sa.Column('latitud', sa.Float(), nullable=True),
    sa.Column('longitud', sa.Float(), nullable=True),
    sa.Column('limite_geojson', sa.Text(), nullable=True),
    sa.Column('identidad_propia', sa.Boolean(), nullable=True),
    sa.Column('identidad_descripcion', sa.Text(), nullable=False),
    sa.Column('organizacion_id', sa.Integer(), nullable=True),
    sa.Column('riesgos_diversos', sa.Text(), nullable=False),
    sa.Column('caracterizacion', sa.Text(), nullable=False),
    sa.Column('espacio_nombre', sa.String(length=150), nullable=False),
    sa.Column('espacio_direccion', sa.String(length=200), nullable=False),
    sa.Column('espacio_operador', sa.String(length=150), nullable=False),
    sa.Column('inicio_ruta', sa.Date(), nullable=True),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_territorio_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organizacion_id'], ['actor.id'], name=op.f('fk_territorio_organizacion_id_actor'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_territorio')),
    sa.UniqueConstraint('municipio_id', 'nombre', name=op.f('uq_territorio_municipio_id'))
    )
    with op.batch_alter_table('territorio', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_territorio_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_territorio_organizacion_id'), ['organizacion_id'], unique=False)

    op.create_table('etapa',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('territorio_id', sa.Integer(), nullable=False),
    sa.Column('codigo', sa.String(length=8), nullable=False),
    sa.Column('orden', sa.Integer(), nullable=False),
    sa.Column('proceso', sa.Text(), nullable=False),
    sa.Column('producto', sa.Text(), nullable=False),
    sa.Column('responsables_referencia', sa.Text(), nullable=False),
    sa.Column('plazo_referencia', sa.String(length=60), nullable=False),
    sa.Column('plazo_dias', sa.Integer(), nullable=True),
    sa.Column('inicia_tras', sa.String(length=40), nullable=False),
    sa.Column('estado', sa.String(length=20), nullable=False),
    sa.Column('inicio_plan', sa.Date(), nullable=True),
    sa.Column('fin_plan', sa.Date(), nullable=True),
    sa.Column('inicio_real', sa.Date(), nullable=True),
    sa.Column('fin_real', sa.Date(), nullable=True),
    sa.Column('responsables', sa.Text(), nullable=False),
    sa.Column('notas', sa.Text(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_etapa_municipio_id_municipio'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['territorio_id'], ['territorio.id'], name=op.f('fk_etapa_territorio_id_territorio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_etapa')),
    sa.UniqueConstraint('territorio_id', 'codigo', name=op.f('uq_etapa_territorio_id'))
    )
    with op.batch_alter_table('etapa', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_etapa_municipio_id'), ['municipio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_etapa_territorio_id'), ['territorio_id'], unique=False)

    op.create_table('documento',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('etapa_id', sa.Integer(), nullable=True),
    sa.Column('nombre_archivo', sa.String(length=255), nullable=False),
    sa.Column('tipo_mime', sa.String(length=100), nullable=False),
    sa.Column('tamano', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=False),
    sa.Column('contenido', sa.LargeBinary(), nullable=False),
    sa.Column('municipio_id', sa.Integer(), nullable=False),
    sa.Column('creado_en', sa.DateTime(), nullable=False),
    sa.Column('modificado_en', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['etapa_id'], ['etapa.id'], name=op.f('fk_documento_etapa_id_etapa'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['municipio_id'], ['municipio.id'], name=op.f('fk_documento_municipio_id_municipio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documento'))
    )
    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documento_etapa_id'), ['etapa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documento_municipio_id'), ['municipio_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('documento', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documento_municipio_id'))
        batch_op.drop_index(batch_op.f('ix_documento_etapa_id'))

    op.drop_table('documento')
    with op.batch_alter_table('etapa', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_etapa_territorio_id'))
        batch_op.drop_index(batch_op.f('ix_etapa_municipio_id'))

    op.drop_table('etapa')
    with op.batch_alter_table('territorio', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_territorio_organizacion_id'))
        batch_op.drop_index(batch_op.f('ix_territorio_municipio_id'))

    op.drop_table('territorio')
    with op.batch_alter_table('dia_especial', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dia_especial_municipio_id'))

    op.drop_table('dia_especial')
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditoria_municipio_id'))

    op.drop_table('auditoria')
    with op.batch_alter_table('actor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_municipio_id'))

    op.drop_table('actor')
    op.drop_table('municipio')
