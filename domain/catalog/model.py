"""Catalog entities. Plain dataclasses; validation lives in the use cases and `rules`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass
class Entry:
    """What a service and a series both are: a titled entry of a coach's catalog."""

    id: int | None
    coach_id: int
    title: str
    description: str


@dataclass
class Service(Entry):
    """A 1:1 session type."""

    duration_minutes: int
    hidden: bool = False
    deleted_at: datetime | None = None


@dataclass
class Occurrence:
    """One dated meeting of a series; `starts_at` is aware UTC."""

    id: int | None
    series_id: int
    starts_at: datetime
    seats_taken: int = 0


@dataclass
class Series(Entry):
    """A group programme with a capacity and dated occurrences."""

    capacity: int
    duration_minutes: int
    hidden: bool = False
    deleted_at: datetime | None = None


class ItemKind(StrEnum):
    SERVICE = "service"
    SERIES = "series"


@dataclass(frozen=True)
class PackageItem:
    """(service or series, quantity). `title` is filled by repositories for display."""

    kind: ItemKind
    ref_id: int
    quantity: int
    title: str = ""


@dataclass
class Package:
    """The template a coach sells. `price_minor` is in the currency's minor units."""

    id: int | None
    coach_id: int
    public_id: str
    title: str
    description: str
    price_minor: int
    currency: str
    hidden: bool
    validity_days: int | None
    items: list[PackageItem] = field(default_factory=list)
    created_at: datetime | None = None
    deleted_at: datetime | None = None
    version: int = 1  # bumped by every save; see Packages.save


@dataclass(frozen=True)
class Usage:
    """How many packages and sold packages include a service or series.

    `packages_left_empty`: packages holding nothing else, which a delete would leave with no
    items (so it hides them). Repositories leave it 0; the usage use cases count it.
    """

    packages: int
    sold_packages: int
    packages_left_empty: int = 0
