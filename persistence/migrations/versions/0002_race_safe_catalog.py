"""race-safe catalog: package version, seats tied to capacity per occurrence

Revision ID: 0002
Revises: 0001

- package.version: saving a package checks the version the coach's edit started from, so a
  second concurrent edit is refused instead of silently overwriting the first.
- series_occurrence.capacity with CHECK (seats_taken <= capacity): a booking
  (`seats_taken + 1 WHERE seats_taken < capacity`) and a capacity change of the same meeting
  update the same row, so the database orders them and never lets seats exceed capacity.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "package", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    op.add_column(
        "series_occurrence",
        sa.Column("capacity", sa.Integer(), nullable=False, server_default="1"),
    )
    op.execute(
        "UPDATE series_occurrence SET capacity = "
        "(SELECT capacity FROM series WHERE series.id = series_occurrence.series_id)"
    )
    with op.batch_alter_table("series_occurrence", schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f("ck_series_occurrence_seats_within_capacity"), "seats_taken <= capacity"
        )


def downgrade() -> None:
    with op.batch_alter_table("series_occurrence", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_series_occurrence_seats_within_capacity"), type_="check"
        )
        batch_op.drop_column("capacity")
    with op.batch_alter_table("package", schema=None) as batch_op:
        batch_op.drop_column("version")
