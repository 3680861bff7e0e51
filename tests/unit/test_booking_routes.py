"""Every booking button kind has a step as soon as its router module is imported (no step
waits for another module to register it), and the three time pickers share one screen."""

from __future__ import annotations

import subprocess
import sys

from bot.booking import holder, holder_book, holder_sessions, schedule_move
from bot.booking.holder_views import KINDS
from bot.booking.schedule_buttons import MOVE


def test_a_fresh_interpreter_routes_every_package_button_after_importing_the_router() -> None:
    probe = (
        "from bot.booking.holder import STEPS; from bot.booking.holder_views import KINDS;"
        "print(sorted(set(KINDS) - set(STEPS)))"
    )
    missing = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert missing == "[]"
    assert set(holder.STEPS) == set(KINDS)


def test_every_schedule_move_button_has_a_step() -> None:
    assert set(schedule_move.STEPS) == {kind.prefix.removeprefix("mv:") for kind in MOVE.values()}


def test_the_three_flows_pick_times_with_the_same_screen() -> None:
    pickers = [holder_book.PICKER, holder_sessions.PICKER, schedule_move.PICKER]
    assert len({type(p) for p in pickers}) == 1
    assert len({p.acts for p in pickers}) == 3  # each with its own callback kinds
