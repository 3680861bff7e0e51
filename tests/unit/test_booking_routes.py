"""Every booking button kind has a step as soon as its router module is imported (no step
waits for another module to register it), and the three time pickers share one screen."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from bot.booking import holder, holder_book, holder_sessions, schedule_move
from bot.booking.holder_views import KINDS
from bot.booking.schedule_buttons import MOVE
from bot.kit.callbacks import Callback
from bot.kit.replies import Route


def _routed(routes: list[Route[Any]]) -> set[Callback[Any]]:
    """The kinds `routes` read, each routed once."""
    kinds = [route.kind for route in routes]
    assert len(kinds) == len(set(kinds))
    return set(kinds)


def test_a_fresh_interpreter_routes_every_package_button_after_importing_the_router() -> None:
    probe = (
        "from bot.booking.holder import ROUTES; from bot.booking.holder_views import KINDS;"
        "print(sorted(a for a, k in KINDS.items() if all(r.kind is not k for r in ROUTES)))"
    )
    missing = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert missing == "[]"
    assert _routed(holder.ROUTES) == set(KINDS.values())


def test_every_schedule_move_button_has_a_step() -> None:
    assert _routed(schedule_move.ROUTES) == set(MOVE.values())


def test_the_three_flows_pick_times_with_the_same_screen() -> None:
    pickers = [holder_book.PICKER, holder_sessions.PICKER, schedule_move.PICKER]
    assert len({type(p) for p in pickers}) == 1
    assert len({p.acts for p in pickers}) == 3  # each with its own callback kinds
