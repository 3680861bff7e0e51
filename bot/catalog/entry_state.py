"""The typed flow states of the service and series flows (see `flows.typed_step`).

Both are kept as the same plain JSON the flows always stored, so a flow open across a
deploy goes on where it was: a new entry's draft is `{"title", "description",
"duration_minutes", "hidden", <the kind's own answers, e.g. "capacity">}`, an edit is
`{"<noun>_id", "field"}`. A state that does not load is None (the flow then ends with a word).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_LOAD_ERRORS = (KeyError, TypeError, ValueError)


@dataclass
class EntryDraft:
    """What the coach answered so far in /newservice or /newseries; `extra` holds the kind's
    own typed answers (a series' capacity)."""

    title: str = ""
    description: str = ""
    duration_minutes: int = 0
    hidden: bool = False
    extra: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "duration_minutes": self.duration_minutes,
            "hidden": self.hidden,
            **self.extra,
        }

    @classmethod
    def blank(cls, extra_keys: tuple[str, ...]) -> EntryDraft:
        return cls(extra={key: 0 for key in extra_keys})

    @classmethod
    def loader(cls, extra_keys: tuple[str, ...]) -> Callable[[dict[str, Any]], EntryDraft | None]:
        """`load` for `typed_step`: the draft with exactly these extra answers, or None."""

        def load(data: dict[str, Any]) -> EntryDraft | None:
            try:
                return cls(
                    str(data["title"]),
                    str(data["description"]),
                    int(data["duration_minutes"]),
                    bool(data.get("hidden", False)),
                    {key: int(data[key]) for key in extra_keys},
                )
            except _LOAD_ERRORS:
                return None

        return load


@dataclass(frozen=True)
class EditTarget:
    """Which entry and which of its fields the edit flow asks a new value for."""

    id_key: str  # "service_id" / "series_id": the key it is stored under
    entry_id: int
    field: str

    def to_dict(self) -> dict[str, Any]:
        return {self.id_key: self.entry_id, "field": self.field}

    @classmethod
    def loader(cls, id_key: str) -> Callable[[dict[str, Any]], EditTarget | None]:
        """`load` for `typed_step`: the target stored under `id_key`, or None."""

        def load(data: dict[str, Any]) -> EditTarget | None:
            try:
                return cls(id_key, int(data[id_key]), str(data["field"]))
            except _LOAD_ERRORS:
                return None

        return load
