"""Policies: refunds (payer, refunded, a refund in progress), pausing a sold package, and a
coach's absences (each extends the time-limited sold packages once)

Revision ID: 0014_policies_b
Revises: 0013
Create Date: 2026-12-02 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_policies_b"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sold_package") as batch:
        batch.add_column(sa.Column("payer_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("refund_claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True))
    # Who paid is who bought: a paid package's client until now (a transfer may change that).
    op.execute("UPDATE sold_package SET payer_id = client_id WHERE kind = 'paid'")
    op.create_table(
        "coach_absence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("coach_id", sa.BigInteger(), sa.ForeignKey("coach.user_id"), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extended", sa.Integer(), nullable=False, server_default="0"),
        sa.CheckConstraint("first_day <= last_day", name="ck_coach_absence_forward"),
        sa.UniqueConstraint("coach_id", "first_day", "last_day", name="uq_coach_absence_days"),
    )
    op.create_index("ix_coach_absence_coach_id", "coach_absence", ["coach_id"])


def downgrade() -> None:
    op.drop_index("ix_coach_absence_coach_id", table_name="coach_absence")
    op.drop_table("coach_absence")
    with op.batch_alter_table("sold_package") as batch:
        batch.drop_column("paused_at")
        batch.drop_column("refund_claimed_at")
        batch.drop_column("refunded_at")
        batch.drop_column("payer_id")
