"""Answers that cited the organisation's own guidance, counted per article.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "local_guidance_use",
        sa.Column("article_id", sa.String(length=120), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("last_cited_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id"),
    )


def downgrade() -> None:
    op.drop_table("local_guidance_use")
