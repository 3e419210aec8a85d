"""Claims at scale for timing reconcile: many people, places and dates, told by several sources.

The claims are made directly (no text, no models): the timing is of grouping and conflict detection
alone. Each synthetic happening is told by one to five sources, at day, month or year precision, a
fifth of the tellings dated only by their narrative; one in ten is dated a little apart, so that
disputes and calendar differences occur at the rate a real corpus shows them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence

from annales.records import Claim, Participant, Span, TimeValue
from annales.vocabulary import event_types

SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "so", "tu", "vi", "ze", "an", "ol", "is", "ur", "ev", "ber", "dor", "gan")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _time(rng: random.Random, day: dt.date) -> TimeValue:
    granularity = rng.choice(("day", "day", "month", "year"))
    if granularity == "day":
        start = end = day
    elif granularity == "month":
        start = day.replace(day=1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    else:
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    basis = "narrative" if rng.random() < 0.2 else "explicit"
    return TimeValue(start, end, granularity, start.isoformat(), start.isoformat(), basis=basis)  # type: ignore[arg-type]


def synthetic_claims(count: int, *, seed: int = 7, documents: int = 1000) -> list[Claim]:
    """``count`` claims about ``count / 3`` happenings among ``count / 8`` people, spread over 150 years."""
    rng = random.Random(seed)
    types = sorted(t for t in event_types() if t != "other")
    people = [f"{_name(rng)} {_name(rng)}" for _ in range(max(2, count // 8))]
    places = [_name(rng) for _ in range(max(2, count // 50))]
    claims: list[Claim] = []
    happening = 0
    while len(claims) < count:
        type_ = rng.choice(types)
        agent, patient = rng.sample(people, 2)
        place = rng.choice(places) if rng.random() < 0.5 else None
        day = dt.date(1800, 1, 1) + dt.timedelta(days=rng.randrange(150 * 365))
        for _ in range(rng.randint(1, 5)):
            if len(claims) == count:
                break
            told = day + dt.timedelta(days=rng.choice((3, 13, 200))) if rng.random() < 0.1 else day
            ident = f"clm_{len(claims):08d}"
            claims.append(
                Claim(
                    id=ident,
                    doc=f"doc_{rng.randrange(documents):05d}.txt",
                    doc_id="synthetic",
                    lang="en",
                    span=Span(0, 10),
                    quote="x" * 10,
                    type=type_,
                    predicate=type_,
                    participants=(
                        Participant("agent", agent, Span(0, 1), "ent_" + agent.lower().replace(" ", "_")),
                        Participant("patient", patient, Span(0, 1), "ent_" + patient.lower().replace(" ", "_")),
                    ),
                    time=_time(rng, told),
                    time_text="synthetic",
                    place=Participant("place", place, Span(0, 1), "ent_" + place.lower()) if place else None,
                )
            )
        happening += 1
    return claims


def group_by_type_and_year(claims: Sequence[Claim]) -> int:
    """The least any grouping must do: one pass, claims bucketed by type and year. The timing baseline."""
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for claim in claims:
        year = claim.time.start.year if claim.time and claim.time.start else 0
        buckets[(claim.type, year)].append(claim.id)
    return len(buckets)


def one_document(claims: Sequence[Claim], *, seed: int = 11, size: int = 40) -> list[Claim]:
    """A new document's claims: about people and days already in the corpus, some new."""
    rng = random.Random(seed)
    picked = rng.sample(list(claims), size)
    return [
        Claim(
            id=f"clm_new_{i:04d}",
            doc="new_document.txt",
            doc_id="synthetic-new",
            lang="fr",
            span=Span(0, 10),
            quote="x" * 10,
            type=c.type,
            predicate=c.predicate,
            participants=c.participants,
            time=c.time,
            time_text=c.time_text,
            place=c.place,
        )
        for i, c in enumerate(picked)
    ]
