"""A model of running text, learnt offline, to judge whether one piece's words run on into another's.

The document's own tag n-grams (:class:`~annales.stages.repair.continuity.SyntaxModel`)
are learnt from a few thousand words at most. This model brings the habits of
a treebank instead: class trigrams counted by ``training/train_running_text.py``
from Universal Dependencies treebanks (model card beside the data file), where
each of a language's commonest word forms ("the", "of", "than", "de", "und")
is a class of its own and every other word is its universal part-of-speech
tag. A junction is scored as a log-likelihood ratio: the first words of a
candidate continuation read after the cut piece's last words, against the
same words read anywhere. "... while more than | 1,500 oppositionists"
scores high (a number after "than"), "... more than | the programme" lower.

Measured on the shuffled-block benchmark it rejoins more cut sentences but
orders blocks slightly worse, so :mod:`~annales.stages.repair.order` ships it
switched off (``RUNNING_WEIGHT``).

The file is checked when it is loaded (format, checksum, every count table);
a damaged file is a :class:`~annales.errors.DataError`, never a silent zero.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from annales.errors import DataError

__all__ = ["RunningText", "running_text"]

FORMAT = 1
#: Words of the continuation scored, and of the cut piece's end read as their context.
SPAN = 2
#: Bounds of one junction's log-likelihood ratio.
LLR_BOUNDS = (-6.0, 6.0)
_PATH = ("models", "running-text", "running.json.gz")


class RunningText:
    """Class trigrams of one language with interpolated (Witten-Bell) back-off."""

    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        self.words = frozenset(data["words"])
        self.unigrams: Counter[str] = Counter(data["unigrams"])
        self.bigrams: Counter[tuple[str, str]] = Counter()
        for key, n in data["bigrams"].items():
            a, b = key.split(" ")
            self.bigrams[(a, b)] = n
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        for key, n in data["trigrams"].items():
            a, b, c = key.split(" ")
            self.trigrams[(a, b, c)] = n
        self.total = sum(self.unigrams.values())
        self.kinds = len(self.unigrams)
        #: Tokens seen after each class (and pair of classes), and how many distinct ones.
        self.after1: Counter[str] = Counter()
        self.types1: Counter[str] = Counter()
        for (a, _b), n in self.bigrams.items():
            self.after1[a] += n
            self.types1[a] += 1
        self.types2: Counter[tuple[str, str]] = Counter()
        for a, b, _c in self.trigrams:
            self.types2[(a, b)] += 1

    def classes(self, run: Sequence[tuple[str, str]]) -> list[str]:
        """The classes of (casefolded word, universal tag) tokens: the word when it is a common one, else its tag."""
        return [w if w in self.words else t for w, t in run]

    def _p1(self, c: str) -> float:
        return (self.unigrams[c] + 0.5) / (self.total + 0.5 * self.kinds)

    def _p2(self, b: str, c: str) -> float:
        n, t = self.after1[b], self.types1[b]
        if not n:
            return self._p1(c)
        lam = n / (n + t)
        return lam * self.bigrams[(b, c)] / n + (1 - lam) * self._p1(c)

    def _p3(self, a: str, b: str, c: str) -> float:
        n, t = self.bigrams[(a, b)], self.types2[(a, b)]
        if not n or not t:
            return self._p2(b, c)
        lam = n / (n + t)
        return lam * self.trigrams[(a, b, c)] / n + (1 - lam) * self._p2(b, c)

    def logprob(self, context: Sequence[str], seq: Sequence[str]) -> float:
        """log P(seq | the two classes of ``context`` before it)."""
        hist = ["<s>", "<s>", *context][-2:]
        total = 0.0
        for c in seq:
            total += math.log(self._p3(hist[-2], hist[-1], c))
            hist = [hist[-1], c]
        return total

    def junction(self, end: Sequence[str], start: Sequence[str]) -> float:
        """Log-likelihood ratio of ``start``'s first classes read right after ``end``'s last ones.

        The ratio is taken against the same classes read without the cut text
        before them, so it measures what the junction adds: "than | NUM" far
        above a number anywhere, "the | VERB" far below a verb anywhere.
        """
        if not end or not start:
            return 0.0
        seq = start[:SPAN]
        # Against the same classes wherever they stand (unigram, then bigram): what the cut adds.
        alone = math.log(self._p1(seq[0])) + sum(math.log(self._p2(a, b)) for a, b in itertools.pairwise(seq))
        llr = self.logprob(end[-2:], seq) - alone
        return max(LLR_BOUNDS[0], min(LLR_BOUNDS[1], llr))


def _model_path() -> Traversable:
    return resources.files("annales").joinpath(*_PATH)


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    path = _model_path()
    try:
        with path.open("rb") as raw, gzip.open(raw) as fh:
            model: Any = json.loads(fh.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{'/'.join(_PATH)}: cannot read the running-text model ({exc})") from exc
    if not isinstance(model, dict) or model.get("format") != FORMAT or not isinstance(model.get("languages"), dict):
        raise DataError(f"{'/'.join(_PATH)}: not a running-text model of format {FORMAT}")
    langs = model["languages"]
    payload = json.dumps(langs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if hashlib.sha256(payload.encode("utf-8")).hexdigest() != model.get("sha256"):
        raise DataError(f"{'/'.join(_PATH)}: checksum mismatch, the file is damaged")
    for lang, data in langs.items():
        tables = ("unigrams", "bigrams", "trigrams")
        if not isinstance(data, dict) or not isinstance(data.get("words"), list):
            raise DataError(f"{'/'.join(_PATH)}: language {lang!r} lacks its word list")
        if any(not isinstance(data.get(k), dict) for k in tables):
            raise DataError(f"{'/'.join(_PATH)}: language {lang!r} lacks a count table")
        for key in tables:
            if any(not isinstance(n, int) or n < 1 for n in data[key].values()):
                raise DataError(f"{'/'.join(_PATH)}: language {lang!r} has a count in {key} that is not a positive integer")
    checked: dict[str, Any] = langs
    return checked


@lru_cache(maxsize=8)
def running_text(lang: str) -> RunningText | None:
    """The running-text model of ``lang``, or None for a language the file does not hold."""
    langs = _load()
    return RunningText(lang, langs[lang]) if lang in langs else None
