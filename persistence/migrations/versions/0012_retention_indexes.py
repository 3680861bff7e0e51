"""indexes the pruning job deletes through

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_button_press_pressed_at", "button_press", ["pressed_at"])
    op.create_index("ix_pending_purchase_created_at", "pending_purchase", ["created_at"])
    op.create_index(
        "ix_coach_digest_unsent_day",
        "coach_digest",
        ["day"],
        postgresql_where=sa.text("sent_at IS NULL"),
        sqlite_where=sa.text("sent_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_coach_digest_unsent_day", table_name="coach_digest")
    op.drop_index("ix_pending_purchase_created_at", table_name="pending_purchase")
    op.drop_index("ix_button_press_pressed_at", table_name="button_press")
