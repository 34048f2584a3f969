"""Entorno de Alembic: siempre recibe la conexión abierta por nucleo.almacen (no usa alembic.ini)."""

from __future__ import annotations

from alembic import context

from nucleo.modelo import Base

conexion = context.config.attributes["connection"]
context.configure(
    connection=conexion,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
