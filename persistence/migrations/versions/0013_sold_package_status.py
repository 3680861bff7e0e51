"""sold_package.status dropped: always 'active', the status is computed

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sold_package") as batch:
        batch.drop_column("status")


def downgrade() -> None:
    with op.batch_alter_table("sold_package") as batch:
        batch.add_column(
            sa.Column("status", sa.String(length=16), nullable=False, server_default="active")
        )
