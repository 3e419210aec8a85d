"""Progress of a long ingest: a rich bar on a terminal, plain lines elsewhere, JSON lines on request.

Time left is estimated from bytes: the files still to read, at the rate the bytes read so far took.
Words per second count the words of the repaired texts stored so far.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any


@dataclass
class IngestProgress:
    """Follows ``pipeline.ingest``'s progress callback over a known list of files."""

    files: list[Path]
    stream: IO[str]
    quiet: bool = False
    log: IO[str] | None = None
    started: float = field(default_factory=time.perf_counter)
    done: int = 0
    done_bytes: int = 0
    _bar: Any = None
    _task: Any = None

    def __post_init__(self) -> None:
        self.sizes = {path: _size(path) for path in self.files}
        self.total_bytes = sum(self.sizes.values()) or 1
        if not self.quiet and self.stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("{task.fields[files]}"),
                BarColumn(),
                TextColumn("{task.fields[rate]} words/s"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[name]}"),
                console=Console(file=self.stream),
                transient=False,
            )
            self._task = self._bar.add_task("ingest", total=self.total_bytes, files=self._files(), rate="—", name="")
            self._bar.start()

    def _files(self) -> str:
        return f"{self.done}/{len(self.files)} files"

    def __call__(self, state: str, path: Path, report: Any) -> None:
        self.done += 1
        self.done_bytes += self.sizes.get(Path(path), 0)
        elapsed = time.perf_counter() - self.started
        rate = report.words / elapsed if elapsed > 0 else 0.0
        left = (self.total_bytes - self.done_bytes) * elapsed / self.done_bytes if self.done_bytes else None
        if self.log is not None:
            self.log.write(
                json.dumps(
                    {
                        "event": state,
                        "path": str(path),
                        "files_done": self.done,
                        "files_total": len(self.files),
                        "words": report.words,
                        "claims": report.claims,
                        "words_per_second": round(rate, 1),
                        "elapsed_seconds": round(elapsed, 3),
                        "seconds_left": None if left is None else round(left, 1),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            self.log.flush()
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.update(
                self._task, completed=self.done_bytes, files=self._files(), rate=f"{rate:,.0f}", name=Path(path).name
            )
        elif state != "problem":
            print(f"{state:8} {path}", file=self.stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
