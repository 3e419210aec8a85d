"""Pages of stored claims, filtered and in the claims' order, read off the indexes of migration ``0005_claim_filters``.

The claims' order is time start, time end, document, span and id (undated claims last). A page is read
in runs that follow each other in that order, so that SQLite walks an index instead of sorting, and
only the page's rows are read whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from annales.store.connections import Connections
from annales.store.migrations import OPEN_CLASS, fold

__all__ = ["claims_json"]

#: The claims' order, as the ``*_order`` indexes of migration ``0005_claim_filters`` hold it.
_ORDER_COLUMNS = ("claims.time_start", "claims.time_end", "claims.doc", "claims.span_start", "claims.span_end", "claims.id")
_CLAIM_ORDER = ", ".join(_ORDER_COLUMNS)
#: A claim's stored JSON as UTF-8 bytes, as the API sends it (no decoding and encoding again).
_DATA = "CAST(claims.data AS BLOB)"
#: An entity with fewer claims than this has them gathered and sorted; one with more, found in order.
_FEW_CLAIMS = 5000


def claims_json(
    db: Connections,
    *,
    entity: str | None = None,
    type: str | None = None,
    doc: str | None = None,
    lang: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
    asserted: bool = False,
) -> list[bytes]:
    """The claims :meth:`Store.claims <annales.store.sqlite.Store.claims>` returns, each as its stored JSON
    (``claim_to_dict``) in UTF-8.

    The claims' order is read off an index (migration ``0005_claim_filters``) in runs that follow
    each other: with a date filter, the claims that start before ``start`` and are still going on
    (found by interval length, ``time_class``), those that start within the window, and those with
    only an end; without one, the claims with a start, then the others. The claims of an entity are
    gathered first and sorted when it has few, and found while reading the order when it has many.
    """
    where: list[str] = []
    params: dict[str, Any] = {}
    gathered = None  # the ids of an entity's few claims, read before the claims themselves
    if entity is not None:
        params["entity"], params["folded"] = entity, fold(entity)
        claims_of = (
            "SELECT DISTINCT claim_id FROM claim_participants WHERE folded = :folded OR entity_id = :entity"
            " OR entity_id IN (SELECT entity_id FROM entity_names WHERE folded = :folded)"
        )
        many = db.query(f"SELECT COUNT(*) FROM ({claims_of} LIMIT {_FEW_CLAIMS})", params)[0][0]
        if many < _FEW_CLAIMS:
            gathered = claims_of
        else:
            where.append(f"claims.id IN ({claims_of})")
    if type is not None:
        where.append("claims.type = :type")
        params["type"] = type
    if doc is not None:
        ids = [row[0] for row in db.query("SELECT id FROM documents WHERE id = ? OR name = ?", (doc, doc))]
        if not ids:
            return []
        where.append("claims.doc_id IN (" + ", ".join(f":doc{i}" for i in range(len(ids))) + ")")
        params.update({f"doc{i}": doc_id for i, doc_id in enumerate(ids)})
    if asserted:
        # The order indexes hold the claim id: the unasserted ones are left out without reading a claim.
        where.append("claims.id NOT IN (SELECT claim_id FROM unasserted_claims)")
    if lang is not None:
        # A corpus has few languages: with another filter, that one's index finds the page sooner.
        where.append(("+" if where or gathered else "") + "claims.lang = :lang")
        params["lang"] = lang
    if gathered:
        return _gathered_page(db, gathered, where, params, start, end, limit, offset)
    runs: list[str | list[str]]
    if start is None and end is None:
        runs = ["claims.time_start IS NOT NULL", "claims.time_start IS NULL"]
    else:
        runs = _time_runs(start, end, _time_classes(db) if start is not None else [], params)
    found: list[bytes] = []
    skip, wanted = offset, -1 if limit is None else limit
    params["n"] = -1 if limit is None else offset + limit  # the most rows any one run gives
    for number, run in enumerate(runs):
        rows_of, page_of = _run_queries(where, run)
        if skip and number < len(runs) - 1:
            # A run shorter than the rows still to skip is skipped whole.
            passed = db.query(f"SELECT COUNT(*) FROM ({rows_of} LIMIT :skip)", {**params, "skip": skip})[0][0]
            if passed < skip:
                skip -= passed
                continue
        rows = db.query(page_of, {**params, "limit": wanted, "offset": skip})
        found.extend(row[0] for row in rows)
        skip = 0
        if wanted >= 0:
            wanted -= len(rows)
            if wanted == 0:
                break
    return found


def _gathered_page(
    db: Connections,
    ids: str,
    where: list[str],
    params: dict[str, Any],
    start: dt.date | None,
    end: dt.date | None,
    limit: int | None,
    offset: int,
) -> list[bytes]:
    """A page of the claims whose ids the query ``ids`` gives (an entity's few): gathered, sorted on
    their order columns in one query, and only the page's rows read whole."""
    conditions = list(where)
    if start is not None or end is not None:
        # An open side of a claim's interval reaches as far as it can.
        conditions.append("(claims.time_start IS NOT NULL OR claims.time_end IS NOT NULL)")
    if start is not None:
        conditions.append("COALESCE(claims.time_end, '9999-12-31') >= :start")
        params["start"] = start.isoformat()
    if end is not None:
        conditions.append("COALESCE(claims.time_start, '0001-01-01') <= :end")
        params["end"] = end.isoformat()
    order = f"claims.time_start IS NULL, {_CLAIM_ORDER}"
    # CROSS JOIN: SQLite reads the ids first, as written, then each claim by its id.
    source = f"({ids}) AS own CROSS JOIN claims ON claims.id = own.claim_id"
    page = (
        f"SELECT claims.rowid FROM {source}"
        + (" WHERE " + " AND ".join(conditions) if conditions else "")
        + f" ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    sql = f"SELECT {_DATA} FROM claims WHERE claims.rowid IN ({page}) ORDER BY {order}"
    return [row[0] for row in db.query(sql, {**params, "limit": -1 if limit is None else limit, "offset": offset})]


def _run_queries(where: list[str], run: str | list[str]) -> tuple[str, str]:
    """For one run of the claims' order: a query of its rows' ids, and one of a page of their data.

    The claims that started before a date filter (``run`` a list, one condition per time class) are
    read class by class off the ``claims_class`` index, each class already in the claims' order, and
    merged; the other filters only check them there. Any other run is read in order off the index of
    a filter, or of the claims' order.
    """
    if isinstance(run, list):
        checks = [f"+{w}" for w in where]
        columns = ", ".join(f"{c} AS o{i}" for i, c in enumerate(_ORDER_COLUMNS))
        branches = " UNION ALL ".join(
            f"SELECT * FROM (SELECT claims.rowid AS r, {columns} FROM claims WHERE "
            + " AND ".join([*checks, condition])
            + f" ORDER BY {_CLAIM_ORDER} LIMIT :n)"
            for condition in run
        )
        order = ", ".join(f"o{i}" for i in range(len(_ORDER_COLUMNS)))
        page = f"SELECT r FROM ({branches} ORDER BY {order} LIMIT :limit OFFSET :offset)"
        return (
            f"SELECT r FROM ({branches})",
            f"SELECT {_DATA} FROM claims WHERE claims.rowid IN ({page}) ORDER BY {_CLAIM_ORDER}",
        )
    conditions = " AND ".join([*where, run])
    return (
        f"SELECT claims.rowid FROM claims WHERE {conditions}",
        f"SELECT {_DATA} FROM claims WHERE {conditions} ORDER BY {_CLAIM_ORDER} LIMIT :limit OFFSET :offset",
    )


def _time_classes(db: Connections) -> list[int]:
    """The time classes of the stored claims (a loose scan of their index), kept until a write."""
    conn = db.reader()
    version = db.data_version()
    cached = getattr(db.local, "classes", None)
    if cached is None or cached[0] != version:
        rows = conn.execute(
            "WITH RECURSIVE class(k) AS (SELECT MIN(time_class) FROM claims UNION ALL"
            " SELECT (SELECT MIN(time_class) FROM claims WHERE time_class > class.k) FROM class"
            " WHERE class.k IS NOT NULL) SELECT k FROM class WHERE k IS NOT NULL"
        ).fetchall()
        cached = (version, [row[0] for row in rows])
        db.local.classes = cached
    return list(cached[1])


def _time_runs(
    start: dt.date | None, end: dt.date | None, classes: Sequence[int], params: dict[str, Any]
) -> list[str | list[str]]:
    """The conditions of the claims overlapping ``[start, end]``, as runs that follow each other in the
    claims' order: started before ``start`` and still going on (one condition per time class of
    ``classes``); started within the window; only an end."""
    runs: list[str | list[str]] = []
    if start is not None:
        params["start"] = start.isoformat()
        earlier = []
        for k in classes:
            if k == OPEN_CLASS:
                earlier.append(f"claims.time_class = {k} AND claims.time_start < :start")
                continue
            # A claim of class k that overlaps start began less than 2**k days before it.
            params[f"from{k}"] = _days_before(start, 2**k)
            earlier.append(
                f"claims.time_class = {k} AND claims.time_start >= :from{k} AND claims.time_start < :start"
                " AND claims.time_end >= :start"
            )
        if earlier:
            runs.append(earlier)
    within = ["claims.time_start IS NOT NULL"]
    if start is not None:
        within.append("claims.time_start >= :start")
    if end is not None:
        params["end"] = end.isoformat()
        within.append("claims.time_start <= :end")
    runs.append(" AND ".join(within))
    runs.append(
        "claims.time_start IS NULL AND claims.time_end IS NOT NULL"
        + (" AND claims.time_end >= :start" if start is not None else "")
    )
    return runs


def _days_before(day: dt.date, days: int) -> str:
    try:
        return (day - dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return dt.date.min.isoformat()
