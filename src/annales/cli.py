"""The `annales` command line: the only module that prints.

Exit codes:
  0  success
  1  some input files could not be read or processed (the others were ingested)
  2  usage error (bad option or value)
  3  the database cannot be opened or written
  4  a language model or data file is missing or broken
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from annales.dates import first_day, last_day
from annales.errors import AnnalesError, DataError, ModelMissingError, StoreError, UsageError
from annales.export import FORMATS as EXPORT_FORMATS

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_STORE, EXIT_MODEL = 0, 1, 2, 3, 4
DEFAULT_DB = "annales.db"

EXAMPLES = """examples:
  annales ingest samples/napoleon/sources --db napoleon.db
  annales timeline --db napoleon.db --entity Napoleon --from 1804 --to 1815
  annales conflicts --db napoleon.db --format text
  annales times article.txt --lang fr
  annales repair scan.txt --format json
  annales serve --db napoleon.db --port 8000
"""


def _date(value: str) -> dt.date:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD as the first day it names."""
    try:
        return first_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _end_date(value: str) -> dt.date:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD as the last day it names."""
    try:
        return last_day(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annales",
        description="Turn historical documents into a cited, dated, cross-checked timeline.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--db",
            default=os.environ.get("ANNALES_DB", DEFAULT_DB),
            help=f"SQLite database file (default: $ANNALES_DB or {DEFAULT_DB})",
        )

    p = sub.add_parser(
        "ingest",
        help="read files and folders into the database",
        epilog="example: annales ingest samples/napoleon/sources --db napoleon.db",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    db_option(p)
    p.add_argument("--lang", help="force the language of every document (ISO 639-1 code)")
    p.add_argument("--dct", type=_date, help="document creation date for news texts (YYYY-MM-DD)")
    p.add_argument("--aliases", type=Path, help="YAML alias table: canonical name → aliases, wikidata")
    p.add_argument("--max-bytes", type=int, help="refuse files bigger than this many bytes (default: 64 MiB)")
    p.add_argument("--quiet", action="store_true", help="print only problems (no progress)")
    p.add_argument(
        "--log-json",
        type=Path,
        metavar="FILE",
        help="write progress as JSON lines to FILE (one per file: counts, words/s, seconds left)",
    )

    for name, help_text, formats in (
        ("claims", "list stored claims", ("jsonl", "json", "csv", "text")),
        ("conflicts", "list contradictions between sources", ("jsonl", "json", "text")),
        ("events", "list events: claims grouped across sources", ("jsonl", "json", "text")),
        ("timeline", "events in time order, with sources and disputes", ("text", "jsonl", "json")),
    ):
        p = sub.add_parser(name, help=help_text, epilog=f"example: annales {name} --db napoleon.db --format {formats[0]}")
        db_option(p)
        p.add_argument("--format", choices=formats, default=formats[0])
        if name in ("claims", "timeline", "events"):
            p.add_argument("--entity", help="only those involving this name (any variant)")
            p.add_argument("--from", dest="start", type=_date, help="from this date (YYYY[-MM[-DD]])")
            p.add_argument("--to", dest="end", type=_end_date, help="up to this date (YYYY[-MM[-DD]])")
        if name == "claims":
            p.add_argument(
                "--all",
                dest="every",
                action="store_true",
                help="also the claims their text does not assert (negated, hypothetical, reported: see 'qualifiers')",
            )
            p.add_argument("--type", help="only this event type")
            p.add_argument("--doc", help="only claims from this document name")

    p = sub.add_parser("repair", help="show the repaired text of a file", epilog="example: annales repair scan.txt --format json")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang")

    p = sub.add_parser(
        "times",
        help="time expressions in a file (nothing stored)",
        epilog="example: annales times article.txt --lang fr --dct 1998-02-03",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("--lang")
    p.add_argument("--dct", type=_date, help="document creation date (YYYY-MM-DD)")
    p.add_argument(
        "--format",
        choices=("jsonl", "text", "timeml"),
        default="jsonl",
        help="timeml: the file's text with inline TIMEX3 tags, as HeidelTime writes it",
    )

    p = sub.add_parser(
        "entities",
        help="named-entity mentions in a file (nothing stored)",
        epilog="example: annales entities article.txt --format text",
    )
    p.add_argument("path", metavar="PATH")
    p.add_argument("--lang")
    p.add_argument("--format", choices=("jsonl", "text"), default="jsonl")

    p = sub.add_parser(
        "export",
        help="the whole store in a format of the field",
        epilog="example: annales export --db napoleon.db --format timelinejs --out timeline.json",
    )
    db_option(p)
    p.add_argument("--format", required=True, choices=tuple(EXPORT_FORMATS))
    p.add_argument("--out", type=Path, metavar="FILE", help="write to FILE (default: standard output)")

    p = sub.add_parser(
        "serve",
        help="serve the REST API over a database (loopback by default)",
        epilog="example: annales serve --db napoleon.db --port 8000  (then /docs, /api/claims)",
    )
    db_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="server processes answering requests (default 1; one per core serves the most)",
    )
    return parser


def _workers(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of workers: give 1 to 64")
    return int(value)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port: give a number from 0 to 65535")
    return port


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        handler = COMMANDS[args.command]
        return handler(args, out)
    except UsageError as exc:
        print(f"annales: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"annales: {exc}", file=sys.stderr)
        return EXIT_STORE
    except (ModelMissingError, DataError) as exc:
        print(f"annales: {exc}", file=sys.stderr)
        return EXIT_MODEL
    except AnnalesError as exc:
        print(f"annales: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK


def _options(args: argparse.Namespace) -> Any:
    from annales.pipeline import Options
    from annales.stages.resolve import AliasTable

    aliases = AliasTable.load(args.aliases) if getattr(args, "aliases", None) else None
    limit = getattr(args, "max_bytes", None)
    options = Options(lang=getattr(args, "lang", None), dct=getattr(args, "dct", None), aliases=aliases)
    return options if limit is None else replace(options, max_bytes=limit)


def _open_store(args: argparse.Namespace, *, must_exist: bool = True) -> Any:
    from annales.store import Store

    if must_exist and not Path(args.db).exists():
        raise StoreError(f"database {args.db} does not exist", hint="run `annales ingest PATH --db FILE` first")
    return Store(args.db)


def cmd_ingest(args: argparse.Namespace, out: TextIO) -> int:
    from annales.pipeline import ingest
    from annales.progress import IngestProgress
    from annales.stages.read import expand_paths

    options = _options(args)
    log = None
    if args.log_json is not None:
        try:
            log = args.log_json.open("w", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write the progress log {args.log_json}: {exc.strerror}") from exc
    files, _ = expand_paths(args.paths)
    progress = IngestProgress(files, sys.stderr, quiet=args.quiet, log=log)
    try:
        with _open_store(args, must_exist=False) as store:
            report = ingest(args.paths, store, options, progress=progress)
            counts = store.counts()
    finally:
        progress.close()
        if log is not None:
            log.close()
    for problem in report.problems:
        print(f"annales: cannot ingest {problem.path}: {problem.reason} — {problem.hint}", file=sys.stderr)
    if not args.quiet:
        print(
            f"ingested {len(report.added)} document(s), {report.claims} claim(s); "
            f"{len(report.skipped)} already stored; {len(report.problems)} problem(s). "
            f"Database {args.db}: {counts.get('documents', 0)} documents, {counts.get('claims', 0)} claims, "
            f"{counts.get('events', 0)} events, {counts.get('conflicts', 0)} conflicts.",
            file=out,
        )
    return EXIT_INPUT if report.problems else EXIT_OK


def _entity_filter(name: str | None) -> Any:
    from annales.stages.resolve import compatible

    def keep(claim: Any) -> bool:
        if not name:
            return True
        return any(compatible(name, p.name) for p in claim.participants)

    return keep


def _in_range(time: Any, start: dt.date | None, end: dt.date | None) -> bool:
    if start is None and end is None:
        return True
    if time is None or time.start is None or time.end is None:
        return False
    return (start is None or time.end >= start) and (end is None or time.start <= end)


def cmd_claims(args: argparse.Namespace, out: TextIO) -> int:
    from annales.serialize import claim_to_dict

    with _open_store(args) as store:
        claims = store.claims(type=args.type, doc=args.doc, start=args.start, end=args.end, asserted=not args.every)
    keep = _entity_filter(args.entity)
    claims = [c for c in claims if keep(c)]
    rows = [claim_to_dict(c) for c in claims]
    if args.format == "csv":
        _write_csv(rows, out)
    elif args.format == "text":
        for c in claims:
            out.write(_claim_line(c) + "\n")
    else:
        _write_json(rows, args.format, out)
    return EXIT_OK


def _claim_line(claim: Any) -> str:
    when = _when(claim.time)
    who = ", ".join(f"{p.name} ({p.role})" for p in claim.participants) or "?"
    where = f" at {claim.place.name}" if claim.place else ""
    flags = f" [{', '.join(claim.qualifiers)}]" if claim.qualifiers else ""
    quote = " ".join(claim.quote.split())
    return f"{when:25} {claim.type:13} {who}{where}{flags}\n{'':25} «{quote}» — {claim.doc} {claim.span.as_list()}"


def _when(time: Any) -> str:
    if time is None or (time.start is None and not time.edtf):
        return "undated"  # (a date before the common era has no days, only its EDTF: "-0479-08")
    mark = {"explicit": "", "relative": " (rel.)", "narrative": " (narr.)"}.get(time.basis, "")
    return f"{time.edtf}{mark}"


def _write_json(rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    from annales.export.claims_csv import write

    write(rows, out)


def cmd_conflicts(args: argparse.Namespace, out: TextIO) -> int:
    from annales.serialize import conflict_to_dict

    with _open_store(args) as store:
        conflicts = store.conflicts()
    if args.format == "text":
        if not conflicts:
            out.write("no conflicts between sources\n")
        for conflict in conflicts:
            out.write(f"CONFLICT ({conflict.kind}): {conflict.explanation}\n")
            for claim in conflict.claims:
                out.write(f"  {claim.doc} {claim.span.as_list()} {_when(claim.time)}: «{' '.join(claim.quote.split())}»\n")
            out.write("\n")
    else:
        _write_json([conflict_to_dict(c) for c in conflicts], args.format, out)
    return EXIT_OK


def _filtered_events(args: argparse.Namespace) -> tuple[list[Any], list[Any]]:
    with _open_store(args) as store:
        events = store.events()
        conflicts = store.conflicts()
    keep = _entity_filter(getattr(args, "entity", None))
    events = [
        e
        for e in events
        if any(keep(c) for c in e.claims) and _in_range(e.time, getattr(args, "start", None), getattr(args, "end", None))
    ]
    return events, conflicts


def cmd_events(args: argparse.Namespace, out: TextIO) -> int:
    from annales.serialize import event_to_dict

    events, conflicts = _filtered_events(args)
    if args.format == "text":
        _write_timeline(events, conflicts, out)
    else:
        _write_json([event_to_dict(e) for e in events], args.format, out)
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    return cmd_events(args, out)


def _write_timeline(events: Iterable[Any], conflicts: Sequence[Any], out: TextIO) -> None:
    disputed: dict[str, list[Any]] = {}
    for conflict in conflicts:
        if conflict.event:
            disputed.setdefault(conflict.event, []).append(conflict)
    count = 0
    for event in events:
        count += 1
        names: list[str] = []
        for claim in event.claims:
            for p in claim.participants:
                if p.name not in names:
                    names.append(p.name)
        mark = "  DISPUTED" if event.id in disputed else ""
        out.write(
            f"{_when(event.time):25} {event.type:13} {', '.join(names[:4]) or '?'}"
            f"  [{len(event.sources)} source(s), {event.agreement} agree]{mark}\n"
        )
        for claim in event.claims:
            out.write(f"{'':27}{claim.doc} {_when(claim.time)}: «{' '.join(claim.quote.split())[:110]}»\n")
        for conflict in disputed.get(event.id, []):
            out.write(f"{'':27}! {conflict.explanation}\n")
    if count == 0:
        out.write("no events match\n")


def cmd_repair(args: argparse.Namespace, out: TextIO) -> int:
    from annales.pipeline import Options, prepare
    from annales.stages.read import read

    doc = read(args.path)
    repaired, blocks, _segments = prepare(doc, Options(lang=args.lang))
    if args.format == "text":
        out.write(repaired.text)
        if not repaired.text.endswith("\n"):
            out.write("\n")
        return EXIT_OK
    data = {
        "doc": doc.name,
        "encoding": doc.encoding,
        "text": repaired.text,
        "order_confidence": repaired.order_confidence,
        "blocks": [
            {"index": b.index, "clean": b.clean.as_list(), "original": b.original.as_list(), "lang": b.lang} for b in blocks
        ],
        "furniture": [{"span": f.span.as_list(), "kind": f.kind, "text": f.text} for f in repaired.furniture],
        "joins": [{"before": j.before, "after": j.after, "reason": j.reason, "confidence": j.confidence} for j in repaired.joins],
        "recoded": [span.as_list() for span in repaired.recoded],
    }
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return EXIT_OK


def cmd_times(args: argparse.Namespace, out: TextIO) -> int:
    from annales.pipeline import find_document_times
    from annales.serialize import time_mention_to_dict
    from annales.stages.read import read

    doc = read(args.path)
    mentions = find_document_times(doc, _options(args))
    if args.format == "timeml":
        from annales.stages.time import timeml

        out.write(timeml(doc.text, mentions))
        return EXIT_OK
    for mention in mentions:
        if args.format == "text":
            out.write(
                f"{mention.span.as_list()!s:14} {mention.type:8} {mention.time.value:12} "
                f"{mention.time.edtf:22} {mention.time.basis:9} {mention.text}\n"
            )
        else:
            out.write(json.dumps(time_mention_to_dict(mention), ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_entities(args: argparse.Namespace, out: TextIO) -> int:
    from annales.pipeline import find_document_mentions
    from annales.serialize import mention_to_dict
    from annales.stages.read import read

    doc = read(args.path)
    for mention in find_document_mentions(doc, _options(args)):
        if args.format == "text":
            out.write(f"{mention.span.as_list()!s:14} {mention.label:5} {mention.text}\n")
        else:
            out.write(json.dumps(mention_to_dict(mention), ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from annales.export import export

    with _open_store(args) as store:
        text = export(store, args.format)
    if args.out is None:
        out.write(text)
        return EXIT_OK
    partial = args.out.with_name(args.out.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(args.out)  # whole or nothing: an existing file is never left half-written
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror}") from exc
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    import uvicorn

    from annales.api.app import DB_ENV, create_app

    _open_store(args).close()  # a missing or foreign database fails here, with the CLI's message
    print(
        f"annales: serving {args.db} on http://{args.host}:{args.port}/ (API under /api, schema at /docs)", file=out, flush=True
    )
    if args.workers == 1:
        uvicorn.run(create_app(args.db), host=args.host, port=args.port, log_level="warning")
    else:  # each worker process imports the app and opens the database itself
        os.environ[DB_ENV] = str(args.db)
        uvicorn.run(
            "annales.api.app:from_environment",
            factory=True,
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_level="warning",
        )
    return EXIT_OK


COMMANDS = {
    "ingest": cmd_ingest,
    "claims": cmd_claims,
    "conflicts": cmd_conflicts,
    "events": cmd_events,
    "timeline": cmd_timeline,
    "repair": cmd_repair,
    "times": cmd_times,
    "entities": cmd_entities,
    "export": cmd_export,
    "serve": cmd_serve,
}


if __name__ == "__main__":
    sys.exit(main())
