"""payment_issue: a payment that differs from its invoice (or names none), kept once per
charge id for the coach and the operator

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_charge_id", sa.String(length=255), nullable=False),
        sa.Column("provider_charge_id", sa.String(length=255), nullable=True),
        sa.Column("payer_id", sa.BigInteger(), nullable=False),
        sa.Column("coach_id", sa.BigInteger(), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("expected_minor", sa.BigInteger(), nullable=True),
        sa.Column("expected_currency", sa.String(length=3), nullable=False),
        sa.Column("paid_minor", sa.BigInteger(), nullable=False),
        sa.Column("paid_currency", sa.String(length=16), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coach.user_id"], name=op.f("fk_payment_issue_coach_id_coach")
        ),
        sa.ForeignKeyConstraint(
            ["payer_id"], ["app_user.telegram_id"], name=op.f("fk_payment_issue_payer_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_issue")),
        sa.UniqueConstraint(
            "telegram_charge_id", name=op.f("uq_payment_issue_telegram_charge_id")
        ),
    )
    op.create_index(op.f("ix_payment_issue_coach_id"), "payment_issue", ["coach_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_payment_issue_coach_id"), table_name="payment_issue")
    op.drop_table("payment_issue")
