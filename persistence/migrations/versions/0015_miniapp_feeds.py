"""calendar_feed (secret subscription addresses) and session_booking.revision (SEQUENCE)

Revision ID: 0015_miniapp_feeds
Revises: 0014_policies_b
Create Date: 2026-12-02 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_miniapp_feeds"
down_revision: str | None = "0014_policies_b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COACH_FEED = "kind = 'coach'"
SOLD_FEED = "kind = 'sold'"


def upgrade() -> None:
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("coach_id", sa.BigInteger(), nullable=False),
        sa.Column("sold_package_id", sa.Integer(), nullable=True),
        sa.Column("secret", sa.String(length=43), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('coach', 'sold')", name=op.f("ck_calendar_feed_kind")),
        sa.CheckConstraint(
            "(kind = 'coach') = (sold_package_id IS NULL)", name=op.f("ck_calendar_feed_owner")
        ),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coach.user_id"], name=op.f("fk_calendar_feed_coach_id_coach")
        ),
        sa.ForeignKeyConstraint(
            ["sold_package_id"],
            ["sold_package.id"],
            name=op.f("fk_calendar_feed_sold_package_id_sold_package"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("secret", name=op.f("uq_calendar_feed_secret")),
    )
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.create_index(
            "uq_calendar_feed_coach",
            ["coach_id"],
            unique=True,
            postgresql_where=sa.text(COACH_FEED),
            sqlite_where=sa.text(COACH_FEED),
        )
        batch_op.create_index(
            "uq_calendar_feed_sold",
            ["sold_package_id"],
            unique=True,
            postgresql_where=sa.text(SOLD_FEED),
            sqlite_where=sa.text(SOLD_FEED),
        )
    with op.batch_alter_table("session_booking", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("revision", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("session_booking", schema=None) as batch_op:
        batch_op.drop_column("revision")
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_calendar_feed_sold",
            postgresql_where=sa.text(SOLD_FEED),
            sqlite_where=sa.text(SOLD_FEED),
        )
        batch_op.drop_index(
            "uq_calendar_feed_coach",
            postgresql_where=sa.text(COACH_FEED),
            sqlite_where=sa.text(COACH_FEED),
        )
    op.drop_table("calendar_feed")
