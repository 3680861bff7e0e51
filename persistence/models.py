"""SQLAlchemy 2 typed models. Every change here needs an Alembic revision."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC in, aware UTC out, on every backend (SQLite keeps no offset by itself)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime}


# Column shapes several tables share, declared once (SQLAlchemy's Annotated mapping). A plain
# `Mapped[int]` is already an INTEGER, `Mapped[bool]` a BOOLEAN and `Mapped[date]` a DATE
# (SQLAlchemy's defaults), `Mapped[datetime]` an aware UTC timestamp (the map above).
IntId = Annotated[int, mapped_column(Integer, primary_key=True)]
CoachFk = Annotated[int, mapped_column(BigInteger, ForeignKey("coach.user_id"), index=True)]
UserFk = Annotated[int, mapped_column(BigInteger, ForeignKey("app_user.telegram_id"))]
SoldFk = Annotated[
    int, mapped_column(ForeignKey("sold_package.id", ondelete="CASCADE"), index=True)
]
Title = Annotated[str, mapped_column(String(100))]
LongText = Annotated[str, mapped_column(Text, default="")]
Minor = Annotated[int, mapped_column(BigInteger)]  # money in the currency's minor units
Currency = Annotated[str, mapped_column(String(3))]


class UserRow(Base):
    __tablename__ = "app_user"
    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(64), default="")
    timezone: Mapped[str | None] = mapped_column(String(64))
    # The language they read ("en", "de", ...); NULL until their first update is seen.
    language: Mapped[str | None] = mapped_column(String(8))


class CoachRow(Base):
    __tablename__ = "coach"
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("app_user.telegram_id"), primary_key=True, autoincrement=False
    )
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    plan: Mapped[str] = mapped_column(String(10))
    display_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    __table_args__ = (CheckConstraint("plan IN ('free', 'growth', 'pro')", name="plan"),)


def partial_index(name: str, *columns: str, where: str, unique: bool = False) -> Index:
    """An index of the rows matching `where` only, on both databases."""
    condition = text(where)
    return Index(name, *columns, unique=unique, postgresql_where=condition, sqlite_where=condition)


class Listed:
    """What a coach lists in their catalog (a service, a series, a package): titled, hidden
    or shown, and deleted softly (`deleted_at`) so what was sold keeps its history."""

    id: Mapped[IntId]
    coach_id: Mapped[CoachFk]
    title: Mapped[Title]
    description: Mapped[LongText]
    hidden: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime | None]


class ServiceRow(Listed, Base):
    __tablename__ = "service"
    duration_minutes: Mapped[int]


class SeriesRow(Listed, Base):
    __tablename__ = "series"
    capacity: Mapped[int]
    duration_minutes: Mapped[int]
    __table_args__ = (CheckConstraint("capacity BETWEEN 1 AND 500", name="capacity"),)


class OccurrenceRow(Base):
    __tablename__ = "series_occurrence"
    id: Mapped[IntId]
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime]
    seats_taken: Mapped[int] = mapped_column(default=0)
    # The series' capacity for this meeting, on the row bookings update: see migration 0002.
    capacity: Mapped[int] = mapped_column(Integer, server_default="1")
    __table_args__ = (
        UniqueConstraint("series_id", "starts_at", name="uq_occurrence_series_start"),
        CheckConstraint("seats_taken >= 0", name="seats_taken"),
        CheckConstraint("seats_taken <= capacity", name="seats_within_capacity"),
    )


class PackageRow(Listed, Base):
    __tablename__ = "package"
    public_id: Mapped[str] = mapped_column(String(24), unique=True)
    price_minor: Mapped[Minor]
    currency: Mapped[Currency]
    validity_days: Mapped[int | None]
    created_at: Mapped[datetime]
    # Bumped by every save; a save from an older version is refused (see SqlPackages.save).
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    __table_args__ = (
        CheckConstraint("price_minor >= 0", name="price"),
        CheckConstraint(
            "validity_days IS NULL OR validity_days BETWEEN 1 AND 3650", name="validity"
        ),
    )


class PackageItemRow(Base):
    __tablename__ = "package_item"
    id: Mapped[IntId]
    package_id: Mapped[int] = mapped_column(
        ForeignKey("package.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"), index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    quantity: Mapped[int]
    __table_args__ = (
        CheckConstraint("quantity BETWEEN 1 AND 100", name="quantity"),
        CheckConstraint("(service_id IS NULL) <> (series_id IS NULL)", name="exactly_one_target"),
    )


class SoldPackageRow(Base):
    """One purchase: a snapshot of the package at purchase time. `request_key` (the button
    or message that created it) and `telegram_charge_id` are unique, so a double press or a
    redelivered payment cannot create a second one. It has no status column: the status
    (active, expired, used up) follows from `expires_at` and the entitlements, see
    `persistence.repositories.sold.status_at`."""

    __tablename__ = "sold_package"
    id: Mapped[IntId]
    package_id: Mapped[int] = mapped_column(ForeignKey("package.id"), index=True)
    coach_id: Mapped[CoachFk]
    client_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("app_user.telegram_id"))
    title: Mapped[Title]
    price_minor: Mapped[Minor]
    currency: Mapped[Currency]
    access_token: Mapped[str] = mapped_column(String(43), unique=True)
    purchased_at: Mapped[datetime]
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    description: Mapped[LongText]
    kind: Mapped[str] = mapped_column(String(8), default="paid")
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    telegram_charge_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    provider_charge_id: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[LongText]
    # Who paid (refunds go to them, whoever holds the package after a transfer).
    payer_id: Mapped[int | None] = mapped_column(BigInteger)
    refunded_at: Mapped[datetime | None]
    # A refund being asked of Telegram: one press at a time gets to ask.
    refund_claimed_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]
    __table_args__ = (CheckConstraint("kind IN ('free', 'paid', 'grant')", name="kind"),)


class EntitlementRow(Base):
    """One item of a sold package. `removed_at` is set when its service/series is deleted."""

    __tablename__ = "entitlement"
    id: Mapped[IntId]
    sold_package_id: Mapped[SoldFk]
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"), index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    title: Mapped[Title]
    quantity: Mapped[int]
    used: Mapped[int] = mapped_column(default=0)
    removed_at: Mapped[datetime | None]
    __table_args__ = (
        CheckConstraint("used >= 0 AND used <= quantity", name="used_within_quantity"),
    )


class Delivered:
    """Where a message sent in bulk stands (see repositories/leased.py): `outcome` NULL means
    still to send; reminders and coach digests both carry it."""

    next_attempt_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[str | None] = mapped_column(String(16))
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))


def delivery_rules(pending_index: str, *order: str) -> tuple[CheckConstraint | Index, ...]:
    """The checks of a `Delivered` table, and the sweep's index: pending rows in due order
    (then `order`). Partial, so it holds only what is due or ahead; settled rows (the vast
    majority over time) cost it nothing."""
    return (
        CheckConstraint(
            "outcome IS NULL OR outcome IN ('sent', 'undeliverable', 'failed', 'skipped')",
            name="outcome",
        ),
        CheckConstraint("attempts >= 0", name="attempts"),
        partial_index(pending_index, "next_attempt_at", *order, where="outcome IS NULL"),
    )


class ReminderRow(Delivered, Base):
    """A planned message; `outcome` NULL means still to send (see domain/reminders)."""

    __tablename__ = "reminder"
    id: Mapped[IntId]
    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    recipient_id: Mapped[UserFk]
    sold_package_id: Mapped[SoldFk]
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_booking.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[Title]
    event_at: Mapped[datetime]
    due_at: Mapped[datetime]
    stale_at: Mapped[datetime]
    __table_args__ = (
        CheckConstraint("kind IN ('expiry', 'expired', 'session')", name="kind"),
        *delivery_rules("ix_reminder_pending", "id"),
    )


class ReminderOffsetsRow(Base):
    """The offsets the stored reminders were last planned with, per kind ("expiry")."""

    __tablename__ = "reminder_offsets"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    seconds: Mapped[str] = mapped_column(String(200))


class CoachDigestRow(Delivered, Base):
    """A coach's digest for one local day: the primary key makes it one per coach and day;
    `outcome` NULL means still to send (see domain/reminders/digest.py)."""

    __tablename__ = "coach_digest"
    coach_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("coach.user_id"), primary_key=True, autoincrement=False
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    __table_args__ = (
        *delivery_rules("ix_coach_digest_pending"),
        # The pruning job's delete: days with nothing sent (persistence/repositories/retention).
        partial_index("ix_coach_digest_unsent_day", "day", where="sent_at IS NULL"),
    )


class CoachAvailabilityRow(Base):
    """A coach's booking settings; working hours and days off are rows of their own."""

    __tablename__ = "coach_availability"
    coach_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("coach.user_id"), primary_key=True, autoincrement=False
    )
    notice_minutes: Mapped[int]
    horizon_days: Mapped[int]
    buffer_minutes: Mapped[int]
    step_minutes: Mapped[int]
    cancel_window_minutes: Mapped[int]
    cancel_policy: Mapped[str] = mapped_column(String(8), server_default="block")
    __table_args__ = (
        CheckConstraint("notice_minutes BETWEEN 0 AND 43200", name="notice"),
        CheckConstraint("horizon_days BETWEEN 1 AND 365", name="horizon"),
        CheckConstraint("buffer_minutes BETWEEN 0 AND 240", name="buffer"),
        CheckConstraint("step_minutes BETWEEN 5 AND 240", name="step"),
        CheckConstraint("cancel_window_minutes BETWEEN 0 AND 43200", name="cancel_window"),
        CheckConstraint("cancel_policy IN ('block', 'late')", name="cancel_policy"),
    )


class WorkingHoursRow(Base):
    """One working range on one weekday (0 = Monday), minutes after local midnight."""

    __tablename__ = "working_hours"
    id: Mapped[IntId]
    coach_id: Mapped[CoachFk]
    weekday: Mapped[int]
    start_minute: Mapped[int]
    end_minute: Mapped[int]
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("0 <= start_minute AND start_minute < end_minute", name="forward"),
        CheckConstraint("end_minute <= 1440", name="within_day"),
    )


class CoachDays:
    """A range of a coach's local dates, first..last inclusive."""

    id: Mapped[IntId]
    coach_id: Mapped[CoachFk]
    first_day: Mapped[date]
    last_day: Mapped[date]


class DaysOffRow(CoachDays, Base):
    """Local dates a coach does not work."""

    __tablename__ = "days_off"
    __table_args__ = (CheckConstraint("first_day <= last_day", name="forward"),)


class AbsenceRow(CoachDays, Base):
    """Dates a coach is away (also kept as days off); `extended` counts the sold packages
    whose expiry it moved, once, when it was declared."""

    __tablename__ = "coach_absence"
    declared_at: Mapped[datetime]
    extended: Mapped[int] = mapped_column(default=0, server_default="0")
    __table_args__ = (
        CheckConstraint("first_day <= last_day", name="forward"),
        UniqueConstraint("coach_id", "first_day", "last_day", name="uq_coach_absence_days"),
    )


ACTIVE_ONE_TO_ONE = "status = 'booked' AND kind = 'service'"
ACTIVE_SEAT = "status = 'booked' AND kind = 'series'"


class SessionBookingRow(Base):
    """One redeemed session. Only one active 1:1 session of a coach may start at a given
    moment, and a sold package holds at most one active seat per occurrence (partial
    unique indexes below); overlaps are prevented under a lock on the coach row."""

    __tablename__ = "session_booking"
    id: Mapped[IntId]
    sold_package_id: Mapped[int] = mapped_column(ForeignKey("sold_package.id"), index=True)
    entitlement_id: Mapped[int] = mapped_column(ForeignKey("entitlement.id"))
    coach_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("coach.user_id"))
    kind: Mapped[str] = mapped_column(String(10))
    ref_id: Mapped[int]
    occurrence_id: Mapped[int | None] = mapped_column(
        ForeignKey("series_occurrence.id", ondelete="SET NULL")
    )
    title: Mapped[Title]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    booked_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10))
    cancelled_at: Mapped[datetime | None]
    # Grows with each move or cancellation: a calendar feed's SEQUENCE for the session.
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    __table_args__ = (
        CheckConstraint("kind IN ('service', 'series')", name="kind"),
        CheckConstraint("status IN ('booked', 'cancelled', 'no_show')", name="status"),
        CheckConstraint("starts_at < ends_at", name="forward"),
        partial_index(
            "uq_session_booking_coach_start",
            "coach_id",
            "starts_at",
            where=ACTIVE_ONE_TO_ONE,
            unique=True,
        ),
        partial_index(
            "uq_session_booking_seat",
            "occurrence_id",
            "sold_package_id",
            where=ACTIVE_SEAT,
            unique=True,
        ),
        Index("ix_session_booking_coach_starts", "coach_id", "starts_at"),
    )


class SoldPackageHolderRow(Base):
    """Who opened a sold package's link (or bought it): what /mypackages lists."""

    __tablename__ = "sold_package_holder"
    sold_package_id: Mapped[int] = mapped_column(
        ForeignKey("sold_package.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("app_user.telegram_id"), primary_key=True, index=True
    )
    added_at: Mapped[datetime]


class SoldPackageEventRow(Base):
    """One line of a sold package's history: purchase, grant, expiry change, revocation."""

    __tablename__ = "sold_package_event"
    id: Mapped[IntId]
    sold_package_id: Mapped[SoldFk]
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    note: Mapped[LongText]


class ExtendRequestRow(Base):
    """The last time a holder asked the coach to extend a sold package, and the expiry they
    asked about: one row per sold package, so a repeated ask is decided by an upsert."""

    __tablename__ = "extend_request"
    sold_package_id: Mapped[int] = mapped_column(
        ForeignKey("sold_package.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    asked_by: Mapped[UserFk]
    asked_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class PendingPurchaseRow(Base):
    """An invoice sent and not yet paid: the package snapshot it was sent for. The invoice
    payload names `key`; `request_key` makes a double-pressed Buy send one invoice."""

    __tablename__ = "pending_purchase"
    id: Mapped[IntId]
    key: Mapped[str] = mapped_column(String(22), unique=True)
    request_key: Mapped[str] = mapped_column(String(64), unique=True)
    buyer_id: Mapped[UserFk]
    package_id: Mapped[int] = mapped_column(ForeignKey("package.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    snapshot: Mapped[Any] = mapped_column(JSON)


class PaymentIssueRow(Base):
    """A payment that is no sale (rule 16): it differs from its invoice, or names none
    (`coach_id` NULL). The unique charge id keeps a redelivered one to one row."""

    __tablename__ = "payment_issue"
    id: Mapped[IntId]
    telegram_charge_id: Mapped[str] = mapped_column(String(255), unique=True)
    provider_charge_id: Mapped[str | None] = mapped_column(String(255))
    payer_id: Mapped[UserFk]
    coach_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("coach.user_id"), index=True
    )
    title: Mapped[str] = mapped_column(String(100), default="")
    expected_minor: Mapped[int | None] = mapped_column(BigInteger)
    expected_currency: Mapped[str] = mapped_column(String(3), default="")
    paid_minor: Mapped[Minor]
    paid_currency: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime]


class ButtonPressRow(Base):
    """A button acted on once (see domain/presses.py): the key is the pressed button."""

    __tablename__ = "button_press"
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[str] = mapped_column(String(64), primary_key=True)
    pressed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class InboxRow(Base):
    """A Telegram update as received, stored before Telegram is told it arrived. `done_at` is
    set in the transaction of its use case (its change is stored), `answered_at` once its
    handler has finished (the reply went out): unanswered ones are handled again on start,
    answered ones are pruned (indexed for both)."""

    __tablename__ = "inbox"
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[Any] = mapped_column(JSON)
    received_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)


class CalendarFeedRow(Base):
    """A secret subscription address (`<secret>.ics`): the coach's schedule (`coach`) or one
    sold package's sessions for its holders (`sold`). Rotating replaces the secret."""

    __tablename__ = "calendar_feed"
    id: Mapped[IntId]
    kind: Mapped[str] = mapped_column(String(8))
    coach_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("coach.user_id"))
    sold_package_id: Mapped[int | None] = mapped_column(
        ForeignKey("sold_package.id", ondelete="CASCADE")
    )
    secret: Mapped[str] = mapped_column(String(43), unique=True)
    created_at: Mapped[datetime]
    __table_args__ = (
        CheckConstraint("kind IN ('coach', 'sold')", name="kind"),
        CheckConstraint("(kind = 'coach') = (sold_package_id IS NULL)", name="owner"),
        partial_index("uq_calendar_feed_coach", "coach_id", where="kind = 'coach'", unique=True),
        partial_index(
            "uq_calendar_feed_sold", "sold_package_id", where="kind = 'sold'", unique=True
        ),
    )


class PtbStateRow(Base):
    """python-telegram-bot persistence: conversation states and user/chat data as JSON."""

    __tablename__ = "ptb_state"
    kind: Mapped[str] = mapped_column(String(80), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[Any] = mapped_column(JSON)


class CalendarSourceRow(Base):
    """A coach's connected calendar. `secret` is the Fernet token of its address (and, for
    CalDAV, user name and app password); `label` is what the coach is shown instead."""

    __tablename__ = "calendar_source"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("coach.user_id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(255))
    secret: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    blocking: Mapped[Any] = mapped_column(JSON, default=list)
    target: Mapped[str | None] = mapped_column(Text)
    calendars: Mapped[Any] = mapped_column(JSON, default=dict)
    etag: Mapped[str | None] = mapped_column(String(255))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    last_read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    busy_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(20))
    failing: Mapped[bool] = mapped_column(default=False)
    __table_args__ = (CheckConstraint("kind IN ('ics', 'caldav')", name="kind"),)


class CalendarBusyRow(Base):
    """Busy time read from a source, [starts_at, ends_at) in UTC; replaced per source."""

    __tablename__ = "calendar_busy"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("calendar_source.id", ondelete="CASCADE"), index=True
    )
    coach_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("coach.user_id"))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="forward"),
        Index("ix_calendar_busy_coach_starts", "coach_id", "starts_at"),
    )


class CalendarWriteRow(Base):
    """A booking changed (booked, moved, cancelled) while its coach has a calendar receiving
    bookings: written in the booking's transaction, swept by a job that puts the booking's
    current state as one event (its stable UID), so a retry can never duplicate it; deleted
    once written."""

    __tablename__ = "calendar_write"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("session_booking.id", ondelete="CASCADE"))
    coach_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("coach.user_id"))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # None: at once
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (Index("ix_calendar_write_booking", "booking_id", "id"),)


Index("ix_package_coach_visible", PackageRow.coach_id, PackageRow.deleted_at, PackageRow.hidden)


OPEN_WAIT = "state IN ('waiting', 'offered')"


class WaitlistEntryRow(Base):
    """One holder waiting for a seat on a full group date, in `id` order. An offer holds a
    seat (counted in the occurrence's seats_taken) until `hold_until`; its message is sent
    like a reminder (`next_attempt_at`, `attempts`, `outcome` NULL: still to send)."""

    __tablename__ = "waitlist_entry"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("series_occurrence.id", ondelete="CASCADE")
    )
    coach_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("coach.user_id"))
    sold_package_id: Mapped[int] = mapped_column(
        ForeignKey("sold_package.id", ondelete="CASCADE"), index=True
    )
    entitlement_id: Mapped[int] = mapped_column(ForeignKey("entitlement.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(10))
    hold_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str | None] = mapped_column(String(16))
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    __table_args__ = (
        CheckConstraint(
            "state IN ('waiting', 'offered', 'taken', 'lapsed', 'declined', 'left')",
            name="state",
        ),
        CheckConstraint("state != 'offered' OR hold_until IS NOT NULL", name="offer_holds"),
        CheckConstraint(
            "outcome IS NULL OR outcome IN ('sent', 'undeliverable', 'failed', 'skipped')",
            name="outcome",
        ),
        CheckConstraint("attempts >= 0", name="attempts"),
        # One open place per package and date: joining twice is refused by the database.
        Index(
            "uq_waitlist_entry_open",
            "occurrence_id",
            "sold_package_id",
            unique=True,
            postgresql_where=text(OPEN_WAIT),
            sqlite_where=text(OPEN_WAIT),
        ),
        Index("ix_waitlist_entry_line", "occurrence_id", "state", "id"),
        Index(
            "ix_waitlist_entry_hold",
            "hold_until",
            postgresql_where=text("state = 'offered'"),
            sqlite_where=text("state = 'offered'"),
        ),
        Index(
            "ix_waitlist_entry_pending",
            "next_attempt_at",
            "id",
            postgresql_where=text("outcome IS NULL AND next_attempt_at IS NOT NULL"),
            sqlite_where=text("outcome IS NULL AND next_attempt_at IS NOT NULL"),
        ),
    )
