"""The index keys under which claims and events are found: pure functions of the records.

Reconciliation compares a claim only with the events that share one of its keys, and the
store keeps each event's keys in a table, so both compute them here.
"""

from __future__ import annotations

from annales.records import Claim, Event, TimeValue
from annales.vocabulary.names import name_tokens

__all__ = ["claim_keys", "claim_time", "day_key", "event_keys", "participant_keys"]


def claim_time(claim: Claim) -> TimeValue | None:
    """The claim's time in the Gregorian calendar: a date the text gives as Old Style ("25 October 1917
    (O.S.)") is compared by its New Style equivalent, so it agrees with "7 November 1917"."""
    time = claim.time
    if time is not None and time.calendar == "julian" and time.alternative is not None:
        return time.alternative
    return time


def participant_keys(claim: Claim) -> set[str]:
    """Index keys of a claim's participants: entity ids and name words. Two claims that can share a
    participant (same entity, or one name's words inside the other's) share at least one key."""
    keys: set[str] = set()
    for p in claim.participants:
        if p.entity:
            keys.add("e:" + p.entity)
        keys.update("n:" + word for word in name_tokens(p.name))
    return keys


def day_key(claim: Claim) -> str | None:
    """The index key of a claim dated to one day (same type, same day: one happening)."""
    time = claim_time(claim)
    if time is None or time.granularity != "day" or time.start is None or time.basis == "narrative":
        return None
    return "d:" + time.start.isoformat()


def claim_keys(claim: Claim) -> set[str]:
    """The keys under which the store finds the events a claim could join: its type with each participant key
    and its day."""
    return {f"{claim.type}\x1f{key}" for key in own_keys(claim)}


def own_keys(claim: Claim, *, day: bool = True) -> set[str]:
    """The claim's participant keys, and with ``day`` its day's key."""
    keys = participant_keys(claim)
    day_of = day_key(claim) if day else None
    if day_of is not None:
        keys.add(day_of)
    return keys


def event_keys(event: Event) -> set[str]:
    """The keys of all an event's claims (see ``claim_keys``)."""
    return {key for claim in event.claims for key in claim_keys(claim)}
