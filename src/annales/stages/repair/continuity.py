"""Continuity evidence for reading order: which piece of text goes on where another stops.

Three tools the repair stage combines:

* :class:`WrapModel`, the document's own line-filling habit. A hard-wrapped
  line ends because the next word did not fit, so the length of a cut piece's
  last line plus the first word of its true continuation overflows the line
  width the way every other line break of the document does. The model learns
  that overflow from the document's unbroken line pairs and scores a candidate
  junction as a log-likelihood ratio against a random pairing of lines.
* :func:`assign`, a maximum-weight bipartite assignment (Hungarian algorithm)
  of cut ends to continuation starts, where a zero weight means "no join".
* :class:`SyntaxModel`, a part-of-speech view of a junction: the tagger's tags
  across the cut scored against the tag n-grams of the document's own
  uncut text, so a cut "… reviving ADJ |" prefers a start "NOUN …".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WrapModel", "assign", "best_path", "kendall_tau", "SyntaxModel", "tag_runs", "tag_tokens"]

#: Fewest unbroken line pairs from which the wrap habit is trusted.
MIN_WRAP_PAIRS = 40
#: Bounds of a wrap log-likelihood ratio: strong against, modest for.
WRAP_LLR = (-3.0, 1.5)


@dataclass(frozen=True)
class WrapModel:
    """How a document fills its lines, learnt from its own line breaks."""

    #: Overflow (line length + 1 + next first word) → log-likelihood ratio.
    table: dict[int, float] = field(default_factory=dict)
    trusted: bool = False

    @classmethod
    def learn(cls, pairs: Sequence[tuple[int, int]]) -> WrapModel:
        """Learn from (line length, first word length of the next line) of unbroken line pairs."""
        if len(pairs) < MIN_WRAP_PAIRS:
            return cls()
        positive = Counter(a + 1 + b for a, b in pairs)
        lengths = Counter(a for a, _ in pairs)
        firsts = Counter(b for _, b in pairs)
        n = len(pairs)
        negative: Counter[int] = Counter()
        for a, ca in lengths.items():
            for b, cb in firsts.items():
                negative[a + 1 + b] += ca * cb
        total = n * n
        table: dict[int, float] = {}
        lo, hi = min(negative), max(negative)
        for x in range(lo - 2, hi + 3):
            # Pool neighbours: character counts only approximate a proportional font's width.
            pos = sum(positive[x + d] * w for d, w in ((-2, 0.5), (-1, 1.0), (0, 2.0), (1, 1.0), (2, 0.5))) / 5.0
            neg = sum(negative[x + d] * w for d, w in ((-2, 0.5), (-1, 1.0), (0, 2.0), (1, 1.0), (2, 0.5))) / 5.0
            p = (pos + 0.5) / (n + 0.5)
            q = (neg / total * n + 0.5) / (n + 0.5)
            table[x] = max(WRAP_LLR[0], min(WRAP_LLR[1], math.log(p / q)))
        return cls(table, True)

    def llr(self, line_length: int, first_word: int) -> float:
        """Log-likelihood ratio that a line of ``line_length`` was broken before a word of ``first_word``."""
        if not self.trusted:
            return 0.0
        x = line_length + 1 + first_word
        if x in self.table:
            return self.table[x]
        # Beyond the learnt range: a short sum fits on the line, a long one always overflows.
        return WRAP_LLR[0] if x < min(self.table) else 0.0


def assign(weights: Sequence[Sequence[float]]) -> list[int | None]:
    """Maximum-weight assignment of rows to columns; weights <= 0 mean "leave unassigned".

    Returns, for each row, its column or None. Rows and columns are used at
    most once. The Hungarian algorithm (shortest augmenting paths with
    potentials) runs in O(n² m) for n rows and m columns.
    """
    n = len(weights)
    if n == 0:
        return []
    m = max((len(r) for r in weights), default=0)
    # One private "no join" column per row makes every row assignable at weight 0.
    cols = m + n
    inf = float("inf")
    cost = [[0.0] * (cols + 1) for _ in range(n + 1)]
    for i in range(n):
        row = weights[i]
        for j in range(cols):
            if j < m:
                w = row[j] if j < len(row) else 0.0
                cost[i + 1][j + 1] = -w if w > 0 else 0.0
            else:
                cost[i + 1][j + 1] = 0.0 if j - m == i else inf
    u = [0.0] * (n + 1)
    v = [0.0] * (cols + 1)
    p = [0] * (cols + 1)
    way = [0] * (cols + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            row_cost = cost[i0]
            ui = u[i0]
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = row_cost[j] - ui - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(cols + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result: list[int | None] = [None] * n
    for j in range(1, m + 1):
        i = p[j]
        if i and j - 1 < len(weights[i - 1]) and weights[i - 1][j - 1] > 0:
            result[i - 1] = j - 1
    return result


class SyntaxModel:
    """Part-of-speech n-grams of a document's uncut text, to judge the tags across a cut."""

    def __init__(self, runs: Sequence[Sequence[tuple[str, str]]]) -> None:
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.trigrams: Counter[tuple[str, str, str]] = Counter()
        self.unigrams: Counter[str] = Counter()
        #: Word followed by tag, tag followed by word, and word counts (words casefolded).
        self.word_tag: Counter[tuple[str, str]] = Counter()
        self.tag_word: Counter[tuple[str, str]] = Counter()
        self.words: Counter[str] = Counter()
        for run in runs:
            tags = [t for _w, t in run]
            words = [w for w, _t in run]
            self.words.update(words)
            self.word_tag.update(zip(words, tags[1:], strict=False))
            self.tag_word.update(zip(tags, words[1:], strict=False))
            self.unigrams.update(tags)
            self.bigrams.update(zip(tags, tags[1:], strict=False))
            self.trigrams.update(zip(tags, tags[1:], tags[2:], strict=False))
        self.total = sum(self.unigrams.values())
        self.kinds = max(len(self.unigrams), 1)

    def _p_next(self, prev: str, tag: str) -> float:
        """P(tag | prev) with add-one smoothing."""
        return (self.bigrams[(prev, tag)] + 0.5) / (self.unigrams[prev] + 0.5 * self.kinds)

    def _p(self, tag: str) -> float:
        return (self.unigrams[tag] + 0.5) / (self.total + 0.5 * self.kinds)

    def _p_next2(self, a: str, b: str, tag: str) -> float:
        """P(tag | a b), backed off to the bigram."""
        context = self.bigrams[(a, b)]
        lam = context / (context + 3.0)
        tri = self.trigrams[(a, b, tag)] / context if context else 0.0
        return lam * tri + (1 - lam) * self._p_next(b, tag)

    def lexical(self, end: Sequence[tuple[str, str]], start: Sequence[tuple[str, str]]) -> tuple[float, float]:
        """Log-likelihood ratios of the tag after the last word, and of the first word after the last tag.

        "been |" is followed by a participle, "the |" by a noun or adjective
        in this document: word-to-tag counts are far less sparse than word
        pairs. Each is smoothed toward the tag bigram.
        """
        if self.total < 200 or not end or not start:
            return 0.0, 0.0
        (w_a, t_a), (w_b, t_b) = end[-1], start[0]
        back = self._p_next(t_a, t_b)
        n_a = self.words[w_a]
        p_tag = (self.word_tag[(w_a, t_b)] + 2.0 * back) / (n_a + 2.0)
        word_tag = math.log(p_tag / back)
        n_b = self.words[w_b]
        # P(w_b | t_a) / P(w_b): how much more often this word follows this tag than anywhere.
        p_word = (self.tag_word[(t_a, w_b)] + 2.0 * (n_b + 0.5) / self.total) / (self.unigrams[t_a] + 2.0)
        tag_word = math.log(p_word / ((n_b + 0.5) / self.total))
        return word_tag, tag_word

    def junction(self, end: Sequence[str], start: Sequence[str]) -> float:
        """Log-likelihood ratio of ``start``'s first tags following ``end`` vs standing alone."""
        if self.total < 200 or not end or not start:
            return 0.0
        seq = [*end[-2:], *start[:2]]
        k = len(end[-2:])
        score = 0.0
        for t in range(k, len(seq)):
            p = self._p_next2(seq[t - 2], seq[t - 1], seq[t]) if t >= 2 else self._p_next(seq[t - 1], seq[t])
            # Against the tag standing where the start is read without the cut text.
            if t == k:
                q = self._p(seq[t])
            elif t == k + 1:
                q = self._p_next(seq[t - 1], seq[t])
            else:
                q = self._p_next2(seq[t - 2], seq[t - 1], seq[t])
            score += math.log(p / q)
        return score


def tag_runs(nlp: Any, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
    """(casefolded word, tag) of each text, with the parser and entity recogniser switched off for speed."""
    return [[(w, t) for w, t, _u in run] for run in tag_tokens(nlp, texts)]


def tag_tokens(nlp: Any, texts: Sequence[str]) -> list[list[tuple[str, str, str]]]:
    """(casefolded word, tag, universal tag) of each text, tagged as :func:`tag_runs` does."""
    off = (
        "parser",
        "ner",
        "lemmatizer",
        "annales_paragraphs",
        "annales_hold_stock_ents",
        "annales_ner",
        "annales_add_stock_names",
    )
    disable = [name for name in nlp.pipe_names if name in off]
    with nlp.select_pipes(disable=disable):
        return [[(t.lower_, t.tag_ or t.pos_, t.pos_) for t in doc if not t.is_space] for doc in nlp.pipe(texts, batch_size=64)]


def best_path(
    weights: Sequence[Sequence[float]],
    first: Sequence[float],
    last: Sequence[float],
    precedence: Sequence[Sequence[float]] | None = None,
    *,
    passes: int = 8,
    reach: int = 40,
) -> list[int]:
    """An order of the nodes ``0..n-1`` of high total score.

    The score of an order sums ``weights[a][b]`` over each node ``b`` read
    right after ``a`` (a directed Hamiltonian path), ``first`` and ``last`` of
    the nodes that open and close it, and ``precedence[a][b]`` over every pair
    where ``a`` comes anywhere before ``b`` (evidence about the order of
    things far apart, such as the years they speak of; antisymmetric).

    The search starts from the identity order (the extraction order, which a
    good answer rarely strays far from) and improves it by moving runs of one
    to three nodes elsewhere (Or-opt, which keeps directions, as the weights
    are not symmetric) until no move gains; a move goes at most ``reach``
    places per pass, which bounds the work at O(n * reach) a pass. Exact
    search is exponential; for the few dozen pieces of a document this local
    search is near the optimum.
    """
    n = len(first)
    if n < 2:
        return list(range(n))
    order = list(range(n))
    for _ in range(passes):
        gained = False
        for size in (1, 2, 3):
            k = 0
            while k + size <= len(order):
                moved = _best_move(order, k, size, weights, first, last, precedence, reach)
                if moved is not None:
                    order = moved
                    gained = True
                k += 1
        if not gained:
            break
    return order


def _best_move(
    order: list[int],
    k: int,
    size: int,
    weights: Sequence[Sequence[float]],
    first: Sequence[float],
    last: Sequence[float],
    precedence: Sequence[Sequence[float]] | None,
    reach: int,
) -> list[int] | None:
    """The order with ``order[k:k+size]`` moved to where it gains most, or None when no place gains."""
    run = order[k : k + size]
    rest = order[:k] + order[k + size :]
    before = order[k - 1] if k > 0 else None
    after = order[k + size] if k + size < len(order) else None
    removed = _edge(weights, first, last, before, run[0]) + _edge(weights, first, last, run[-1], after)
    seam = _edge(weights, first, last, before, after)

    def gain_at(at: int, shift: float) -> float:
        left = rest[at - 1] if at > 0 else None
        right = rest[at] if at < len(rest) else None
        return (
            _edge(weights, first, last, left, run[0])
            + _edge(weights, first, last, run[-1], right)
            - _edge(weights, first, last, left, right)
            + seam
            - removed
            + shift
        )

    best_gain, best_at = 1e-9, -1
    # Moving the run past a node x flips the pairs (run, x): accumulate that outward from k.
    shift = 0.0
    for at in range(k + 1, min(len(rest), k + reach) + 1):
        x = rest[at - 1]
        if precedence is not None:
            shift += sum(precedence[x][r] - precedence[r][x] for r in run)
        gain = gain_at(at, shift)
        if gain > best_gain:
            best_gain, best_at = gain, at
    shift = 0.0
    for at in range(k - 1, max(-1, k - reach - 1), -1):
        x = rest[at]
        if precedence is not None:
            shift += sum(precedence[r][x] - precedence[x][r] for r in run)
        gain = gain_at(at, shift)
        if gain > best_gain:
            best_gain, best_at = gain, at
    if best_at < 0:
        return None
    return rest[:best_at] + run + rest[best_at:]


def kendall_tau(ranks: Sequence[float]) -> float:
    """Kendall tau-a between the order ``0..n-1`` and ``ranks`` (1 the same order, -1 reversed)."""
    n = len(ranks)
    if n < 2:
        return 1.0
    score = sum((ranks[j] > ranks[i]) - (ranks[j] < ranks[i]) for i in range(n) for j in range(i + 1, n))
    return score / (n * (n - 1) / 2)


def _edge(
    weights: Sequence[Sequence[float]], first: Sequence[float], last: Sequence[float], a: int | None, b: int | None
) -> float:
    """Weight of reading ``b`` after ``a``, where None stands for the text's start or end."""
    if a is None and b is None:
        return 0.0
    if a is None:
        return first[b]  # type: ignore[index]
    if b is None:
        return last[a]
    return weights[a][b]
