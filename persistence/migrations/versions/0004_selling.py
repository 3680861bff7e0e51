"""Selling: sold package snapshot fields and exactly-once keys, holders, history, pending
purchases.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sold_package", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("kind", sa.String(length=8), nullable=False, server_default="paid")
        )
        batch_op.add_column(sa.Column("request_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("telegram_charge_id", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("provider_charge_id", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=False, server_default=""))
        batch_op.create_unique_constraint(
            batch_op.f("uq_sold_package_request_key"), ["request_key"]
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_sold_package_telegram_charge_id"), ["telegram_charge_id"]
        )
        batch_op.create_check_constraint("kind", "kind IN ('free', 'paid', 'grant')")

    op.create_table(
        "sold_package_holder",
        sa.Column("sold_package_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["sold_package_id"],
            ["sold_package.id"],
            name=op.f("fk_sold_package_holder_sold_package_id_sold_package"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.telegram_id"],
            name=op.f("fk_sold_package_holder_user_id_app_user"),
        ),
        sa.PrimaryKeyConstraint("sold_package_id", "user_id", name=op.f("pk_sold_package_holder")),
    )
    op.create_index(
        op.f("ix_sold_package_holder_user_id"), "sold_package_holder", ["user_id"], unique=False
    )

    op.create_table(
        "sold_package_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sold_package_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sold_package_id"],
            ["sold_package.id"],
            name=op.f("fk_sold_package_event_sold_package_id_sold_package"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sold_package_event")),
    )
    op.create_index(
        op.f("ix_sold_package_event_sold_package_id"),
        "sold_package_event",
        ["sold_package_id"],
        unique=False,
    )

    op.create_table(
        "pending_purchase",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=22), nullable=False),
        sa.Column("request_key", sa.String(length=64), nullable=False),
        sa.Column("buyer_id", sa.BigInteger(), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["app_user.telegram_id"],
            name=op.f("fk_pending_purchase_buyer_id_app_user"),
        ),
        sa.ForeignKeyConstraint(
            ["package_id"], ["package.id"], name=op.f("fk_pending_purchase_package_id_package")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_purchase")),
        sa.UniqueConstraint("key", name=op.f("uq_pending_purchase_key")),
        sa.UniqueConstraint("request_key", name=op.f("uq_pending_purchase_request_key")),
    )
    op.create_index(
        op.f("ix_pending_purchase_package_id"), "pending_purchase", ["package_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_pending_purchase_package_id"), table_name="pending_purchase")
    op.drop_table("pending_purchase")
    op.drop_index(op.f("ix_sold_package_event_sold_package_id"), table_name="sold_package_event")
    op.drop_table("sold_package_event")
    op.drop_index(op.f("ix_sold_package_holder_user_id"), table_name="sold_package_holder")
    op.drop_table("sold_package_holder")
    with op.batch_alter_table("sold_package", schema=None) as batch_op:
        batch_op.drop_constraint("ck_sold_package_kind", type_="check")
        batch_op.drop_constraint(batch_op.f("uq_sold_package_telegram_charge_id"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_sold_package_request_key"), type_="unique")
        batch_op.drop_column("note")
        batch_op.drop_column("provider_charge_id")
        batch_op.drop_column("telegram_charge_id")
        batch_op.drop_column("request_key")
        batch_op.drop_column("kind")
        batch_op.drop_column("description")
