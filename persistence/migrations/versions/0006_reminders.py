"""reminders

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("sold_package_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("event_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stale_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "kind IN ('expiry', 'expired', 'session')", name=op.f("ck_reminder_kind")
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('sent', 'undeliverable', 'failed', 'skipped')",
            name=op.f("ck_reminder_outcome"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_reminder_attempts")),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["app_user.telegram_id"],
            name=op.f("fk_reminder_recipient_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["sold_package_id"],
            ["sold_package.id"],
            name=op.f("fk_reminder_sold_package_id_sold_package"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.UniqueConstraint("key", name=op.f("uq_reminder_key")),
    )
    op.create_index(op.f("ix_reminder_sold_package_id"), "reminder", ["sold_package_id"])
    op.create_index(op.f("ix_reminder_session_id"), "reminder", ["session_id"])
    op.create_index(
        "ix_reminder_pending",
        "reminder",
        ["next_attempt_at", "id"],
        postgresql_where=sa.text("outcome IS NULL"),
        sqlite_where=sa.text("outcome IS NULL"),
    )

    op.create_table(
        "reminder_offsets",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("seconds", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_reminder_offsets")),
    )


def downgrade() -> None:
    op.drop_table("reminder_offsets")
    op.drop_index("ix_reminder_pending", table_name="reminder")
    op.drop_index(op.f("ix_reminder_session_id"), table_name="reminder")
    op.drop_index(op.f("ix_reminder_sold_package_id"), table_name="reminder")
    op.drop_table("reminder")
