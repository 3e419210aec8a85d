"""Expand the files and folders named on the command line into the files to ingest."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from annales.errors import NotFoundError, ReadError, UnsupportedFormatError
from annales.records import Problem
from annales.stages.read.media import SUPPORTED_SUFFIXES


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Problem]]:
    """Files and folders → the files to ingest, plus a :class:`Problem` for each bad named path.

    Folders are walked recursively in sorted order; inside them, hidden files
    and folders (names starting with ``.``) and files with unsupported
    suffixes are skipped silently. A named path that does not exist, or a
    named file with an unsupported suffix, becomes a problem. A file reached
    twice is listed once.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            files.append(file)

    for item in paths:
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                add(file)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                add(path)
            else:
                err = UnsupportedFormatError(f"{path}: unsupported file type {path.suffix or '(no suffix)'!r}")
                problems.append(_problem(str(item), err))
        elif path.exists():
            problems.append(_problem(str(item), ReadError(f"{path}: not a regular file or folder")))
        else:
            problems.append(_problem(str(item), NotFoundError(f"{path}: no such file or folder")))
    return files, problems


def _walk(root: Path) -> list[Path]:
    """Supported, visible files under ``root``, sorted by their path inside it."""
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        # Prune hidden folders in place so os.walk never enters them (.git can be huge).
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            if filename.startswith(".") or Path(filename).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            file = Path(folder, filename)
            if file.is_file():
                found.append(file)
    found.sort(key=lambda f: f.relative_to(root).parts)
    return found


def _problem(path: str, err: ReadError) -> Problem:
    """The problem reported for a named path that cannot be ingested."""
    return Problem(path=path, reason=err.message, hint=err.hint, extra=(("code", err.code),))
