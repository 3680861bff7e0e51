"""calendar writes are deleted once written: no done_at column, no pending index

Revision ID: 0018_calendar_write_deleted
Revises: 0017_policies_a
Create Date: 2026-12-03 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_calendar_write_deleted"
down_revision: str | None = "0017_policies_a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows already written are history nobody reads any more.
    op.execute("DELETE FROM calendar_write WHERE done_at IS NOT NULL")
    op.drop_index("ix_calendar_write_pending", table_name="calendar_write")
    with op.batch_alter_table("calendar_write") as batch:
        batch.drop_column("done_at")


def downgrade() -> None:
    with op.batch_alter_table("calendar_write") as batch:
        batch.add_column(sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_calendar_write_pending",
        "calendar_write",
        ["booking_id"],
        unique=False,
        postgresql_where=sa.text("done_at IS NULL"),
        sqlite_where=sa.text("done_at IS NULL"),
    )
