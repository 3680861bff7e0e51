"""a session reminder refers to its booked session

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_reminder_session_id_session_booking"),
            "session_booking",
            ["session_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_reminder_session_id_session_booking"), type_="foreignkey"
        )
