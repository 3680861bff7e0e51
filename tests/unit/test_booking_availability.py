"""Availability rules and what a coach types for hours, days off and settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.booking.availability import (
    Availability,
    BookingSettings,
    DaysOff,
    TimeRange,
    add_days_off,
    validate_settings,
)
from domain.booking.availability_text import (
    Setting,
    change_setting,
    parse_day_hours,
    parse_days_off,
)
from domain.errors import InvalidInput
from domain.parsing import MAX_AHEAD
from tests.unit.worded import refused

TODAY = date(2026, 11, 26)


def test_defaults_are_the_documented_ones() -> None:
    settings = BookingSettings()
    assert settings.notice == timedelta(hours=12) and settings.horizon_days == 60
    assert settings.buffer_minutes == 0 and settings.step_minutes == 30
    assert settings.cancel_window == timedelta(hours=24)


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("09:00-12:00, 14:00-18:00", [(540, 720), (840, 1080)]),
        ("14:00–18:00; 9-12", [(540, 720), (840, 1080)]),
        ("9.30 to 10.45 and 20-24", [(570, 645), (1200, 1440)]),
        ("off", []),
        ("OFF ", []),
    ],
)
def test_day_hours_are_read_sorted(text: str, ranges: list[tuple[int, int]]) -> None:
    assert parse_day_hours(text) == tuple(TimeRange(a, b) for a, b in ranges)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12:00-09:00", "does not run forward"),
        ("09:00-09:10", "shorter than 15 minutes"),
        ("09:00-12:00, 11:00-13:00", "overlap"),
        ("25:00-26:00", "not a time of day"),
        ("24:30-25:00", "not a time of day"),
        ("nine to five", "is not like 09:00-12:00"),
        (",", "type hours like"),
        (", ".join(f"{h}:00-{h}:30" for h in range(7)), "at most 6 ranges"),
    ],
)
def test_bad_hours_are_refused_with_a_reason(text: str, reason: str) -> None:
    with refused(match=reason):
        parse_day_hours(text)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("24.12.2026", date(2026, 12, 24), date(2026, 12, 24)),
        ("2026-12-24", date(2026, 12, 24), date(2026, 12, 24)),
        ("24.12.2026 - 2.1.2027", date(2026, 12, 24), date(2027, 1, 2)),
        ("2026-12-24 to 2027-01-02", date(2026, 12, 24), date(2027, 1, 2)),
    ],
)
def test_days_off_are_read_as_one_date_or_a_range(text: str, first: date, last: date) -> None:
    assert parse_days_off(text) == DaysOff(first, last)


@pytest.mark.parametrize("text", ["31.2.2027", "tomorrow", "2026-12-24 to soon"])
def test_bad_days_off_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_days_off(text)


def test_days_off_must_be_forward_current_and_at_most_a_year() -> None:
    empty = Availability(1)
    with refused(match="comes before"):
        add_days_off(empty, DaysOff(date(2027, 1, 2), date(2027, 1, 1)), TODAY)
    with refused(match="already over"):
        add_days_off(empty, DaysOff(date(2026, 11, 1), date(2026, 11, 25)), TODAY)
    with refused(match="at most 366 days"):
        add_days_off(empty, DaysOff(date(2027, 1, 1), date(2028, 1, 2)), TODAY)


def test_days_off_past_the_reach_of_typed_dates_are_refused_naming_the_last_day() -> None:
    empty = Availability(1)
    with refused(match="up to "):
        add_days_off(empty, DaysOff(date(9999, 12, 31), date(9999, 12, 31)), TODAY)
    latest = TODAY + MAX_AHEAD
    assert add_days_off(empty, DaysOff(latest, latest), TODAY).days_off == (
        DaysOff(latest, latest),
    )


def test_adding_days_off_drops_past_ones_and_duplicates_and_caps_the_list() -> None:
    past = DaysOff(date(2026, 1, 1), date(2026, 1, 2))
    xmas = DaysOff(date(2026, 12, 24), date(2026, 12, 26))
    availability = Availability(1, days_off=(past, xmas))
    updated = add_days_off(availability, xmas, TODAY)
    assert updated.days_off == (xmas,)
    full = Availability(
        1, days_off=tuple(DaysOff(TODAY + timedelta(n), TODAY + timedelta(n)) for n in range(50))
    )
    with refused(match="at most 50"):
        add_days_off(full, DaysOff(date(2027, 6, 1), date(2027, 6, 1)), TODAY)


@pytest.mark.parametrize(
    ("setting", "text", "field", "value"),
    [
        (Setting.NOTICE, "2d", "notice", timedelta(days=2)),
        (Setting.NOTICE, "0", "notice", timedelta(0)),
        (Setting.NOTICE, "90m", "notice", timedelta(minutes=90)),
        (Setting.HORIZON, "90", "horizon_days", 90),
        (Setting.BUFFER, "15", "buffer_minutes", 15),
        (Setting.STEP, "1h", "step_minutes", 60),
        (Setting.CANCEL_WINDOW, "48", "cancel_window", timedelta(hours=48)),
    ],
)
def test_a_setting_is_changed_in_its_natural_unit(
    setting: Setting, text: str, field: str, value: object
) -> None:
    assert getattr(change_setting(BookingSettings(), setting, text), field) == value


@pytest.mark.parametrize(
    ("setting", "text", "reason"),
    [
        (Setting.NOTICE, "31d", "0 to 30 days"),
        (Setting.HORIZON, "0", "1 to 365 days"),
        (Setting.HORIZON, "36h", "whole number of days"),
        (Setting.BUFFER, "5h", "0 to 240 minutes"),
        (Setting.STEP, "7", "multiple of 5"),
        (Setting.STEP, "0", "5 to 240"),
        (Setting.CANCEL_WINDOW, "-1", "whole number"),
        (Setting.CANCEL_WINDOW, "lots", "whole number"),
    ],
)
def test_a_setting_out_of_bounds_is_refused(setting: Setting, text: str, reason: str) -> None:
    with refused(match=reason):
        change_setting(BookingSettings(), setting, text)


def test_settings_are_validated_as_a_whole() -> None:
    assert validate_settings(BookingSettings()) == BookingSettings()
    with pytest.raises(InvalidInput):
        validate_settings(BookingSettings(cancel_window=timedelta(days=31)))
