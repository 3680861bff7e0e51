"""The state of the /availability flow: what its screen waits for.

Kept as the same plain JSON the flow always stored, so a screen open across a deploy goes
on where it was: `{}` on the bare screen, `{"field": "day", "weekday": 2}`, `{"field":
"set", "setting": "notice"}`, `{"field": "offadd"}` or `{"field": "away"}` while a value is
typed, `{"week": {"0": [[540, 720]]}}` or `{"away": ["2026-12-24", "2027-01-02"]}` while a
typed week or dates away wait for their confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.kit.flows import typed_step
from bot.kit.texts import FLOW_GONE
from domain.booking.availability import DaysOff, TimeRange
from domain.booking.availability_text import Setting
from domain.booking.week_text import Week

FLOW = "availability"  # the conversation and its flow state
DAY, SETTING, DAYS_OFF, AWAY = "day", "set", "offadd", "away"  # what a typed value is for


@dataclass(frozen=True)
class Screen:
    """Nothing (the bare screen), the value being typed (`field`: a weekday's hours, a rule,
    days off, the dates away), or the typed week or dates away that wait to be confirmed."""

    field: str | None = None
    weekday: int = 0
    setting: Setting = Setting.NOTICE
    week: Week | None = None
    away: DaysOff | None = None

    def to_dict(self) -> dict[str, Any]:
        stored: dict[str, Any] = {}
        if self.field is not None:
            stored["field"] = self.field
        if self.field == DAY:
            stored["weekday"] = self.weekday
        if self.field == SETTING:
            stored["setting"] = self.setting.value
        if self.week is not None:
            stored["week"] = {
                str(day): [[r.start, r.end] for r in ranges] for day, ranges in self.week.items()
            }
        if self.away is not None:
            stored["away"] = [self.away.first.isoformat(), self.away.last.isoformat()]
        return stored

    @classmethod
    def load(cls, data: dict[str, Any]) -> Screen | None:
        """None when `data` is not a state this flow stores."""
        try:
            field = data.get("field")
            if field is not None and field not in (DAY, SETTING, DAYS_OFF, AWAY):
                return None
            return cls(
                field,
                int(data["weekday"]) if field == DAY else 0,
                Setting(data["setting"]) if field == SETTING else Setting.NOTICE,
                _week(data["week"]) if "week" in data else None,
                _away(data["away"]) if "away" in data else None,
            )
        except (KeyError, TypeError, ValueError):
            return None


def _week(stored: dict[str, list[list[int]]]) -> Week:
    return {
        int(day): tuple(TimeRange(int(a), int(b)) for a, b in ranges)
        for day, ranges in stored.items()
    }


def _away(stored: list[str]) -> DaysOff:
    first, last = (date.fromisoformat(str(day)) for day in stored)
    return DaysOff(first, last)


# Loads the Screen before a step and stores it after (or drops it when the flow ends).
step = typed_step(FLOW, Screen.load, FLOW_GONE)
