from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kit.reasons import reason
from domain.errors import InvalidInput
from domain.parsing import (
    parse_duration_minutes,
    parse_local_datetime,
    parse_offsets,
    parse_positive_int,
    parse_recurrence,
)
from tests.unit.worded import refused

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday; 13:00 in Berlin
BERLIN = ZoneInfo("Europe/Berlin")
ZONES = sorted(available_timezones())
DST_ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Santiago",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
]


def _local(moment: datetime, zone: ZoneInfo = BERLIN) -> datetime:
    return moment.astimezone(zone)


# --- whole numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("1", 1), (" 7 ", 7), ("100", 100), ("007", 7)])
def test_whole_numbers_in_range_are_accepted(text: str, value: int) -> None:
    assert parse_positive_int(text, "quantity", 1, 100) == value


@pytest.mark.parametrize("text", ["0", "101", "-1", "1.5", "", "ten", "1e2", "٣"])
def test_other_numbers_are_refused_naming_the_field_and_range(text: str) -> None:
    with refused(match="from 1 to 100") as caught:
        parse_positive_int(text, "quantity", 1, 100)
    assert caught.value.field == "quantity"


# --- durations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("60", 60),
        ("90 min", 90),
        ("45m", 45),
        ("45 minutes", 45),
        ("1h", 60),
        ("2 hours", 120),
        ("1h30", 90),
        ("1h 30m", 90),
        ("1 hour 15 minutes", 75),
        ("1:30", 90),
        ("1.5h", 90),
        ("1,5h", 90),
        ("1.25H", 75),
        ("15", 15),
        ("480", 480),
        ("8h", 480),
    ],
)
def test_durations_are_read_in_minutes_or_hours(text: str, minutes: int) -> None:
    assert parse_duration_minutes(text) == minutes


@pytest.mark.parametrize("text", ["14", "481", "0", "8h1", "9h", "0:10"])
def test_durations_outside_15_minutes_to_8_hours_are_refused(text: str) -> None:
    with refused(match="15 minutes to 8 hours"):
        parse_duration_minutes(text)


@pytest.mark.parametrize(
    "text", ["", "abc", "1.5", "1h75", "1:75", "1.01h", "1.5h30", "-30", "h", "30 sec"]
)
def test_garbled_durations_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_duration_minutes(text)
    assert caught.value.field == "duration"


@given(st.integers(15, 480))
def test_every_allowed_duration_parses_in_every_spelling(minutes: int) -> None:
    hours, rest = divmod(minutes, 60)
    spellings = [str(minutes), f"{minutes} min", f"{hours}:{rest:02d}"]
    if hours:
        spellings.append(f"{hours}h{rest}" if rest else f"{hours}h")
    assert {parse_duration_minutes(s) for s in spellings} == {minutes}


@given(st.integers(0, 999).filter(lambda m: not 15 <= m <= 480))
def test_no_duration_outside_the_bounds_is_accepted(minutes: int) -> None:
    with pytest.raises(InvalidInput):
        parse_duration_minutes(str(minutes))


# --- reminder offsets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("7d,1d", (timedelta(days=7), timedelta(days=1))),
        ("24h, 1h", (timedelta(hours=24), timedelta(hours=1))),
        ("1d,7d", (timedelta(days=7), timedelta(days=1))),
        (" 30M ", (timedelta(minutes=30),)),
        ("1d,24h", (timedelta(days=1),)),
        ("", ()),
        ("  ", ()),
    ],
)
def test_offsets_are_read_largest_first_without_duplicates(
    text: str, offsets: tuple[timedelta, ...]
) -> None:
    assert parse_offsets(text) == offsets


@pytest.mark.parametrize(
    "text", ["7x", "7d,,1d", "7d,", ",1d", "d", "7", "0d", "0h", "366d", "-1d"]
)
def test_bad_offsets_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_offsets(text)
    assert caught.value.field == "offsets"


@given(st.lists(st.tuples(st.integers(1, 300), st.sampled_from("dhmDHM")), min_size=1))
def test_offsets_parse_back_to_the_moments_they_name(parts: list[tuple[int, str]]) -> None:
    unit = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
    text = ", ".join(f"{n}{u}" for n, u in parts)
    expected = {n * unit[u.lower()] for n, u in parts}
    assert parse_offsets(text) == tuple(sorted(expected, reverse=True))


# --- one date and time ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["2026-12-01 18:00", "2026-12-01T18:00", "01.12.2026 18:00", "1.12.2026 18:00"]
)
def test_a_local_date_time_becomes_utc(text: str) -> None:
    assert parse_local_datetime(text, "Europe/Berlin", NOW) == datetime(
        2026, 12, 1, 17, 0, tzinfo=UTC
    )


def test_the_same_wall_time_means_different_moments_in_different_zones() -> None:
    assert parse_local_datetime("2026-12-01 9:05", "Asia/Tokyo", NOW) == datetime(
        2026, 12, 1, 0, 5, tzinfo=UTC
    )
    assert parse_local_datetime("2026-12-01 9:05", "America/New_York", NOW) == datetime(
        2026, 12, 1, 14, 5, tzinfo=UTC
    )


@pytest.mark.parametrize("text", ["2026-11-25 12:59", "2026-11-25 13:00", "2025-12-01 18:00"])
def test_past_times_and_now_are_refused(text: str) -> None:
    with refused(match="passed"):
        parse_local_datetime(text, "Europe/Berlin", NOW)


def test_a_minute_from_now_is_accepted() -> None:
    moment = parse_local_datetime("2026-11-25 13:01", "Europe/Berlin", NOW)
    assert moment == NOW + timedelta(minutes=1)


def test_more_than_five_years_ahead_is_refused() -> None:
    with refused(match="5 years"):
        parse_local_datetime("2032-01-01 10:00", "Europe/Berlin", NOW)


@pytest.mark.parametrize(
    ("text", "zone", "why"),
    [
        ("01.01.0001 00:30", "Europe/Berlin", "passed"),  # before year 1 in UTC
        ("0001-01-01 00:00", "Pacific/Kiritimati", "passed"),
        ("9999-12-31 23:59", "America/New_York", "5 years"),  # after year 9999 in UTC
        ("31.12.9999 23:59", "Pacific/Honolulu", "5 years"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_refused_naming_the_range(
    text: str, zone: str, why: str
) -> None:
    with refused(match=why) as caught:
        parse_local_datetime(text, zone, NOW)
    assert "type a time from now to " in reason(caught.value) and "11.2031" in reason(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "2027-02-30 10:00",
        "2026-12-01 25:00",
        "2026-12-01 18:60",
        "2026-13-01 18:00",
        "12/01/2026 18:00",
        "2026-12-01",
        "tomorrow 18:00",
        "",
    ],
)
def test_nonsense_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_local_datetime(text, "Europe/Berlin", NOW)
    assert caught.value.field == "start"


@pytest.mark.parametrize(
    ("text", "tz"),
    [("2027-03-28 02:30", "Europe/Berlin"), ("2027-03-14 02:00", "America/New_York")],
)
def test_a_time_skipped_by_the_clocks_jumping_forward_is_refused(text: str, tz: str) -> None:
    with refused(match="does not exist"):
        parse_local_datetime(text, tz, NOW)


def test_a_time_repeated_when_the_clocks_go_back_means_the_first_one() -> None:
    moment = parse_local_datetime("2027-10-31 02:30", "Europe/Berlin", NOW)
    assert moment == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # still summer time, UTC+2


@st.composite
def _future_wall_times(draw: st.DrawFn) -> tuple[ZoneInfo, datetime]:
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    day = draw(st.dates(date(2026, 11, 28), date(2031, 11, 1)))
    clock = time(draw(st.integers(0, 23)), draw(st.integers(0, 59)))
    return zone, datetime.combine(day, clock, tzinfo=zone)


@given(_future_wall_times(), st.sampled_from(["%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]))
def test_a_typed_future_wall_time_parses_back_to_itself_in_any_zone(
    wall: tuple[ZoneInfo, datetime], pattern: str
) -> None:
    zone, local = wall
    text = local.strftime(pattern)
    skipped = local.replace(fold=0).utcoffset() < local.replace(fold=1).utcoffset()  # type: ignore[operator]
    if skipped:
        with refused(match="does not exist"):
            parse_local_datetime(text, zone.key, NOW)
        return
    moment = parse_local_datetime(text, zone.key, NOW)
    assert moment.tzinfo is UTC
    assert moment == local.replace(fold=0).astimezone(UTC)
    assert moment.astimezone(zone).strftime(pattern) == text


@lru_cache
def _skipped_hours(tz: str, year: int) -> list[tuple[datetime, int]]:
    """(first skipped naive wall time, minutes skipped) for each jump forward in the year."""
    zone, step = ZoneInfo(tz), timedelta(minutes=15)
    moment, end = datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)
    found = []
    while moment < end:
        before, after = moment.astimezone(zone), (moment + step).astimezone(zone)
        jump = after.utcoffset() - before.utcoffset()  # type: ignore[operator]
        if jump > timedelta(0):
            found.append((after.replace(tzinfo=None) - jump, int(jump.total_seconds() // 60)))
        moment += step
    return found


@given(st.sampled_from(DST_ZONES), st.integers(2027, 2030), st.data())
def test_no_wall_time_skipped_by_a_dst_change_is_accepted(
    tz: str, year: int, data: st.DataObject
) -> None:
    first, minutes = data.draw(st.sampled_from(_skipped_hours(tz, year)))
    skipped = first + timedelta(minutes=data.draw(st.integers(0, minutes - 1)))
    with refused(match="does not exist"):
        parse_local_datetime(f"{skipped:%Y-%m-%d %H:%M}", tz, NOW)


# --- weekly schedules ----------------------------------------------------------------------


def test_every_tuesday_for_8_weeks_starts_at_the_next_tuesday() -> None:
    starts = parse_recurrence("every Tuesday 18:00 for 8 weeks", "Europe/Berlin", NOW)
    assert starts[0] == datetime(2026, 12, 1, 17, 0, tzinfo=UTC)
    assert len(starts) == 8
    assert all(b - a == timedelta(weeks=1) for a, b in zip(starts, starts[1:], strict=False))


def test_weekly_meetings_keep_their_local_time_across_a_dst_change() -> None:
    march = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
    starts = parse_recurrence("every Sunday 10:00 for 6 weeks", "Europe/Berlin", march)
    assert {(_local(s).weekday(), _local(s).time()) for s in starts} == {(6, time(10, 0))}
    assert starts[0].hour == 9 and starts[-1].hour == 8  # UTC+1 before 28 March, UTC+2 after


def test_the_first_meeting_is_today_when_its_time_is_still_ahead() -> None:
    starts = parse_recurrence("every wed 18:00 for 2 weeks", "Europe/Berlin", NOW)
    assert starts[0] == datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize("clock", ["13:00", "12:00"])
def test_the_first_meeting_is_next_week_when_todays_time_has_passed(clock: str) -> None:
    starts = parse_recurrence(f"every wed {clock} for 1 week", "Europe/Berlin", NOW)
    assert _local(starts[0]).date() == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("EVERY TUE 18:00 FOR 1 WEEK", 1),
        ("thu at 9:30 for 3 weeks", 3),
        ("Tuesday 18.00 for 2 weeks", 1),
        ("every thurs 07:00 for 1 week", 3),
        ("every Sundays 10:00 for 2 weeks", 6),
        ("every mon 18:00 for 52 weeks", 0),
    ],
)
def test_weekday_names_are_read_full_or_short_in_any_case(text: str, weekday: int) -> None:
    starts = parse_recurrence(text, "Europe/Berlin", NOW)
    assert {_local(s).weekday() for s in starts} == {weekday}
    assert all(s > NOW for s in starts)


@pytest.mark.parametrize(
    "text",
    [
        "every tue 18:00 for 0 weeks",
        "every tue 18:00 for 53 weeks",
        "every Funday 18:00 for 2 weeks",
        "every tue 25:00 for 2 weeks",
        "every tue 18:60 for 2 weeks",
        "every tuesday for 8 weeks",
        "every tuesday 18:00",
        "nonsense",
    ],
)
def test_bad_schedules_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_recurrence(text, "Europe/Berlin", NOW)
    assert caught.value.field == "schedule"


def test_a_schedule_that_hits_a_skipped_hour_is_refused_naming_the_date() -> None:
    with refused(match="28.03.2027 02:30 does not exist"):
        parse_recurrence("every Sunday 02:30 for 30 weeks", "Europe/Berlin", NOW)


def test_a_schedule_through_a_repeated_hour_takes_the_first() -> None:
    october = datetime(2027, 10, 20, tzinfo=UTC)
    starts = parse_recurrence("every Sunday 02:30 for 2 weeks", "Europe/Berlin", october)
    assert starts == [
        datetime(2027, 10, 24, 0, 30, tzinfo=UTC),
        datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
    ]


@given(
    st.sampled_from(DST_ZONES),
    st.integers(0, 4 * 365 * 24 * 60).map(lambda m: NOW + timedelta(minutes=m)),
    st.integers(0, 6),
    st.integers(7, 22),
    st.integers(1, 52),
)
def test_weekly_starts_are_future_same_weekday_and_same_wall_time(
    tz: str, now: datetime, weekday: int, hour: int, weeks: int
) -> None:
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    starts = parse_recurrence(f"every {names[weekday]} {hour}:15 for {weeks} weeks", tz, now)
    zone = ZoneInfo(tz)
    assert len(starts) == weeks
    assert now < starts[0] <= now + timedelta(days=7, hours=1)
    assert {(s.astimezone(zone).weekday(), s.astimezone(zone).time()) for s in starts} == {
        (weekday, time(hour, 15))
    }
    days = [s.astimezone(zone).date() for s in starts]
    assert all(b - a == timedelta(weeks=1) for a, b in zip(days, days[1:], strict=False))
