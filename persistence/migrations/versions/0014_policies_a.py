"""booking policies: the coach's cancellation policy; waitlists of full group dates

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coach_availability") as batch:
        batch.add_column(
            sa.Column("cancel_policy", sa.String(length=8), nullable=False, server_default="block")
        )
        batch.create_check_constraint(
            op.f("ck_coach_availability_cancel_policy"), "cancel_policy IN ('block', 'late')"
        )


def downgrade() -> None:
    with op.batch_alter_table("coach_availability") as batch:
        batch.drop_constraint(op.f("ck_coach_availability_cancel_policy"), type_="check")
        batch.drop_column("cancel_policy")
