"""extend_request: a holder asked the coach to extend a sold package

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "extend_request",
        sa.Column("sold_package_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("asked_by", sa.BigInteger(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["asked_by"],
            ["app_user.telegram_id"],
            name=op.f("fk_extend_request_asked_by_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["sold_package_id"],
            ["sold_package.id"],
            name=op.f("fk_extend_request_sold_package_id_sold_package"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sold_package_id", name=op.f("pk_extend_request")),
    )


def downgrade() -> None:
    op.drop_table("extend_request")
