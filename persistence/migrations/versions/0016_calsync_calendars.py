"""The coach's calendars: sources, the busy times read from them, pending CalDAV writes

Revision ID: 0016_calsync_calendars
Revises: 0015_miniapp_feeds
Create Date: 2026-12-02 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_calsync_calendars"
down_revision: str | None = "0015_miniapp_feeds"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("label", sa.String(length=255), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocking", sa.JSON(), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("calendars", sa.JSON(), nullable=False),
        sa.Column("etag", sa.String(length=255), nullable=True),
        sa.Column("last_modified", sa.String(length=64), nullable=True),
        sa.Column("last_read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("busy_count", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=20), nullable=True),
        sa.Column("failing", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('ics', 'caldav')", name=op.f("ck_calendar_source_kind")),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coach.user_id"], name=op.f("fk_calendar_source_coach_id_coach")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_source")),
    )
    op.create_index(
        op.f("ix_calendar_source_coach_id"), "calendar_source", ["coach_id"], unique=False
    )
    op.create_table(
        "calendar_busy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.BigInteger(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_calendar_busy_forward")),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coach.user_id"], name=op.f("fk_calendar_busy_coach_id_coach")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["calendar_source.id"],
            name=op.f("fk_calendar_busy_source_id_calendar_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_busy")),
    )
    op.create_index(
        "ix_calendar_busy_coach_starts", "calendar_busy", ["coach_id", "starts_at"], unique=False
    )
    op.create_index(
        op.f("ix_calendar_busy_source_id"), "calendar_busy", ["source_id"], unique=False
    )
    op.create_table(
        "calendar_write",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.BigInteger(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["booking_id"],
            ["session_booking.id"],
            name=op.f("fk_calendar_write_booking_id_session_booking"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coach.user_id"], name=op.f("fk_calendar_write_coach_id_coach")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_write")),
    )
    op.create_index(
        "ix_calendar_write_booking", "calendar_write", ["booking_id", "id"], unique=False
    )
    op.create_index(
        "ix_calendar_write_pending",
        "calendar_write",
        ["booking_id"],
        unique=False,
        postgresql_where=sa.text("done_at IS NULL"),
        sqlite_where=sa.text("done_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_calendar_write_pending", table_name="calendar_write")
    op.drop_index("ix_calendar_write_booking", table_name="calendar_write")
    op.drop_table("calendar_write")
    op.drop_index(op.f("ix_calendar_busy_source_id"), table_name="calendar_busy")
    op.drop_index("ix_calendar_busy_coach_starts", table_name="calendar_busy")
    op.drop_table("calendar_busy")
    op.drop_index(op.f("ix_calendar_source_coach_id"), table_name="calendar_source")
    op.drop_table("calendar_source")
