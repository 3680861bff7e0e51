"""The bot's interval jobs: each runs alone, one run at a time."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.ext import CallbackContext, JobQueue


def repeat_alone(
    queue: JobQueue[Any],
    callback: Callable[[CallbackContext[Any, Any, Any, Any]], Coroutine[Any, Any, object]],
    name: str,
    every: float | timedelta,
    first: float | timedelta,
) -> None:
    """Runs `callback` every `every` seconds, the first time `first` seconds after start-up;
    a run still going when the next is due is not doubled, and missed runs make one."""
    queue.run_repeating(
        callback,
        interval=every,
        first=first,
        name=name,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
