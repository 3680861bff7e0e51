"""booking policies: the coach's cancellation policy; waitlists of full group dates

Revision ID: 0017_policies_a
Revises: 0016_calsync_calendars
Create Date: 2026-12-02 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_policies_a"
down_revision: str | None = "0016_calsync_calendars"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


OPEN_WAIT = "state IN ('waiting', 'offered')"
PENDING = "outcome IS NULL AND next_attempt_at IS NOT NULL"


def upgrade() -> None:
    _waitlist()
    with op.batch_alter_table("coach_availability") as batch:
        batch.add_column(
            sa.Column("cancel_policy", sa.String(length=8), nullable=False, server_default="block")
        )
        batch.create_check_constraint(
            op.f("ck_coach_availability_cancel_policy"), "cancel_policy IN ('block', 'late')"
        )


def _waitlist() -> None:
    op.create_table(
        "waitlist_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.BigInteger(), nullable=False),
        sa.Column("sold_package_id", sa.Integer(), nullable=False),
        sa.Column("entitlement_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("hold_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "state IN ('waiting', 'offered', 'taken', 'lapsed', 'declined', 'left')",
            name=op.f("ck_waitlist_entry_state"),
        ),
        sa.CheckConstraint(
            "state != 'offered' OR hold_until IS NOT NULL",
            name=op.f("ck_waitlist_entry_offer_holds"),
        ),
        sa.CheckConstraint(
            "outcome IS NULL OR outcome IN ('sent', 'undeliverable', 'failed', 'skipped')",
            name=op.f("ck_waitlist_entry_outcome"),
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_waitlist_entry_attempts")),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coach.user_id"], name=op.f("fk_waitlist_entry_coach_id_coach")
        ),
        sa.ForeignKeyConstraint(
            ["entitlement_id"],
            ["entitlement.id"],
            name=op.f("fk_waitlist_entry_entitlement_id_entitlement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["series_occurrence.id"],
            name=op.f("fk_waitlist_entry_occurrence_id_series_occurrence"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sold_package_id"],
            ["sold_package.id"],
            name=op.f("fk_waitlist_entry_sold_package_id_sold_package"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waitlist_entry")),
    )
    op.create_index(
        op.f("ix_waitlist_entry_sold_package_id"), "waitlist_entry", ["sold_package_id"]
    )
    op.create_index("ix_waitlist_entry_line", "waitlist_entry", ["occurrence_id", "state", "id"])
    op.create_index(
        "uq_waitlist_entry_open",
        "waitlist_entry",
        ["occurrence_id", "sold_package_id"],
        unique=True,
        postgresql_where=sa.text(OPEN_WAIT),
        sqlite_where=sa.text(OPEN_WAIT),
    )
    op.create_index(
        "ix_waitlist_entry_hold",
        "waitlist_entry",
        ["hold_until"],
        postgresql_where=sa.text("state = 'offered'"),
        sqlite_where=sa.text("state = 'offered'"),
    )
    op.create_index(
        "ix_waitlist_entry_pending",
        "waitlist_entry",
        ["next_attempt_at", "id"],
        postgresql_where=sa.text(PENDING),
        sqlite_where=sa.text(PENDING),
    )


def downgrade() -> None:
    with op.batch_alter_table("coach_availability") as batch:
        batch.drop_constraint(op.f("ck_coach_availability_cancel_policy"), type_="check")
        batch.drop_column("cancel_policy")
    op.drop_table("waitlist_entry")
