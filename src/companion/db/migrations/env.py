"""Alembic environment: the connection comes from `Database.migrate` (no alembic.ini needed)."""

from alembic import context

from companion.db.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
