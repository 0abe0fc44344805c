"""Web sessions revoked at sign-out.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "revoked_web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_revoked_web_sessions_expires_at", "revoked_web_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_revoked_web_sessions_expires_at", table_name="revoked_web_sessions")
    op.drop_table("revoked_web_sessions")
