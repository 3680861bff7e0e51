"""coach digest

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 08:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coach_digest",
        sa.Column("coach_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('sent', 'undeliverable', 'failed', 'skipped')",
            name=op.f("ck_coach_digest_outcome"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_coach_digest_attempts")),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coach.user_id"], name=op.f("fk_coach_digest_coach_id_coach")
        ),
        sa.PrimaryKeyConstraint("coach_id", "day", name=op.f("pk_coach_digest")),
    )
    op.create_index(
        "ix_coach_digest_pending",
        "coach_digest",
        ["next_attempt_at"],
        postgresql_where=sa.text("outcome IS NULL"),
        sqlite_where=sa.text("outcome IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_coach_digest_pending", table_name="coach_digest")
    op.drop_table("coach_digest")
