"""People, and each pair"s workspace: goals, action items, saved agendas, reflections.

Pairs made by earlier versions (by a feedback import) keep their names and sessions; their
new columns start empty.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 22:30:31.832938
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_pair_id"), ["pair_id"], unique=False)

    op.create_table(
        "saved_agendas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=True),
        sa.Column("author_key_id", sa.Integer(), nullable=True),
        sa.Column("author_person_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("request_json", sa.Text(), nullable=False),
        sa.Column("agenda_json", sa.Text(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_key_id"], ["api_keys.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["author_person_id"], ["people.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("saved_agendas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_agendas_pair_id"), ["pair_id"], unique=False)

    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("owner", sa.String(length=16), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_items_pair_id"), ["pair_id"], unique=False)

    op.create_table(
        "reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("author_person_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("prompts_json", sa.Text(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_person_id"], ["people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pair_id"], ["pairs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reflections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reflections_pair_id"), ["pair_id"], unique=False)

    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_api_keys_person_id", "people", ["person_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mentor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("mentee_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("planned_sessions", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rhythm_days", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_pairs_mentee_id"), ["mentee_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_pairs_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_pairs_mentor_id", "people", ["mentor_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_foreign_key(
            "fk_pairs_mentee_id", "people", ["mentee_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("minutes")

    with op.batch_alter_table("pairs", schema=None) as batch_op:
        batch_op.drop_constraint("fk_pairs_mentee_id", type_="foreignkey")
        batch_op.drop_constraint("fk_pairs_mentor_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_pairs_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_pairs_mentee_id"))
        batch_op.drop_column("rhythm_days")
        batch_op.drop_column("planned_sessions")
        batch_op.drop_column("started_on")
        batch_op.drop_column("mentee_id")
        batch_op.drop_column("mentor_id")

    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_constraint("fk_api_keys_person_id", type_="foreignkey")
        batch_op.drop_column("person_id")

    with op.batch_alter_table("reflections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reflections_pair_id"))

    op.drop_table("reflections")
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_items_pair_id"))

    op.drop_table("action_items")
    with op.batch_alter_table("saved_agendas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_agendas_pair_id"))

    op.drop_table("saved_agendas")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_pair_id"))

    op.drop_table("goals")
    op.drop_table("people")
