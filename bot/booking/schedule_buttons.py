"""What /schedule's buttons carry. `sch:w:<week>` for a week, `sch:<act>:<booking id>:<week>`
for a session (open, cancel?, cancel!, no-show); moving one: `mv:<act>:<booking>:<arg>:<week>`
with act f (first week with free times), d (a week: arg), t (a day: arg yyyymmdd),
c (confirm a start: arg minutes since the epoch) and ok (move). `week` is always the
schedule week Back returns to."""

from __future__ import annotations

from dataclasses import dataclass

from bot.booking.picker_views import DAY, MINUTES
from bot.booking.picker_views import WEEK as PICKER_WEEK
from bot.kit.callbacks import Callback, Field, Id, Int, Zero
from domain.booking.wallclock import WEEKS_AHEAD_MAX

PREFIX = "sch"
MOVE_PREFIX = "mv"
WEEK = Int(0, WEEKS_AHEAD_MAX)  # a /schedule week, where Back goes


@dataclass(frozen=True)
class Pressed:
    week: int
    booking_id: int = 0


SHOW_WEEK = Callback(f"{PREFIX}:w", Pressed, week=WEEK)
# A session's acts: open it, cancel? and cancel!, no-show (routed in `bot.booking.schedule`).
SESSION = {
    act: Callback(f"{PREFIX}:{act}", Pressed, booking_id=Id, week=WEEK)
    for act in ("s", "c", "cy", "ns")
}


def session_data(booking_id: int, week: int, act: str = "s") -> str:
    """A session's button: open it (`s`), or another of its acts; `week` is where Back goes."""
    return SESSION[act].pack(booking_id=booking_id, week=week)


@dataclass(frozen=True)
class MovePressed:
    act: str
    booking_id: int
    arg: int
    week: int  # the schedule week to go back to

    def data(self, act: str, arg: int = 0) -> str:
        return move_data(act, self.booking_id, arg, self.week)

    def again(self, act: str, arg: int = 0) -> MovePressed:
        """The same session and schedule week, another step."""
        return MovePressed(act, self.booking_id, arg, self.week)


_MOVE_ARGS: dict[str, Field[int]] = {
    "f": Zero, "d": PICKER_WEEK, "t": DAY, "c": MINUTES, "ok": MINUTES,
}  # fmt: skip
MOVE = {
    act: Callback(
        f"{MOVE_PREFIX}:{act}",
        lambda booking, arg, week, act=act: MovePressed(act, booking, arg, week),
        booking=Id, arg=arg, week=WEEK,
    )
    for act, arg in _MOVE_ARGS.items()
}  # fmt: skip


def move_data(act: str, booking_id: int, arg: int, week: int) -> str:
    return MOVE[act].pack(booking=booking_id, arg=arg, week=week)
