"""Reading order: pair each cut piece with the piece that continues it, then order the chains.

A PDF extraction may emit paragraph pieces out of order. A piece that ends
mid-word (a hyphen cut) or mid-sentence (a sentence cut) is scored against
every piece that could continue it: lexical evidence (the joined word, a
lower-case start, word pairs the document uses elsewhere, shared uncommon
words, years), the document's line-filling habit (:class:`WrapModel`) and
part-of-speech n-grams (:class:`SyntaxModel`). The pairs are chosen together
as a maximum-weight assignment; the chains of joined pieces are then ordered
as the best-scoring reading path (:func:`best_path`), titles first and
numbered sections in sequence. The models and searches live in
:mod:`annales.stages.repair.continuity`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable

from annales.records import Join
from annales.stages.repair.continuity import SyntaxModel, assign, best_path, kendall_tau, tag_tokens
from annales.stages.repair.hyphens import fragment
from annales.stages.repair.lines import Context, Piece, strip_bounds
from annales.stages.repair.running import running_text

__all__ = ["pair"]

#: Evidence score from which a piece is joined after a cut piece.
JOIN_MIN = 2.0
#: Posterior from which a sentence-cut join is made (below it the pieces stay as extracted).
SENTENCE_POSTERIOR = 0.6
#: Weights of the lexical evidence and of the wrap model for a sentence cut.
BASE_WEIGHT = 1.2
WRAP_WEIGHT = 1.2
#: How many pieces away a continuation is looked for (bounds the work on long texts).
WINDOW = 80
#: Words of the document tagged to learn its part-of-speech n-grams.
SYNTAX_WORDS = 6000
#: Fewest words of a document for its tag n-grams to be learnt.
SYNTAX_MIN_WORDS = 300
#: Words tagged on each side of a cut.
SYNTAX_WINDOW = 12
#: Weight of the part-of-speech log-likelihood ratio among the evidence.
SYNTAX_WEIGHT = 0.35
WT_WEIGHT = 0.4
TW_WEIGHT = 0.1
#: Weight of the running-text model's log-likelihood ratio (:mod:`annales.stages.repair.running`) in the
#: choice of joins (not in the reading path). Off: at 0.25 it rejoins 55 instead of 42 of the 525 mid-sentence
#: cuts of the page shuffle (46 instead of 33 of the full shuffle) and the seed's tau goes 0.843 -> 0.849, but
#: the block order of the page and full shuffles drops (tau 0.699 -> 0.691, 0.245 -> 0.240).
RUNNING_WEIGHT = 0.0
#: Evidence that a sentence goes on with a word the document capitalises inside sentences.
CAPITAL_WORD = 1.5
#: Most chains ordered by the reading-path search (its tables grow with the square).
MAX_PATH = 600
#: Reading-path weight of the cut evidence between the end of one chain and the start of another.
ADJ_CUT_WEIGHT = 1.0
#: Per pair of chains: weight of the order of their years, and of their extraction order.
YEAR_PAIR = 0.6
EXTRACTION_PAIR = 1.0
#: Chains at most this many pieces apart in the extraction: their extraction order is no evidence of their
#: reading order. An extraction misplaces blocks within a page or a column, so near pairs are just where it
#: errs; runs it kept whole stay together through their adjacency (``FINISHED_PROXIMITY``) instead.
EXTRACTION_NEAR = 6
#: Reading-path weight of the extraction's proximity between a finished piece and a fresh start.
FINISHED_PROXIMITY = 6.0
#: Share of that weight for a fresh start extracted before the finished piece.
BACKWARD_SHARE = 0.5


def _cohesion(ctx: Context, end: frozenset[str], start: frozenset[str]) -> float:
    """Shared uncommon words between the end of one piece and the start of another."""
    shared = end & start
    score = sum(max(0.0, 5.5 - ctx.zipf(w)) / 5.5 for w in shared)
    return min(2.0, 0.5 * score)


def _score(ctx: Context, cut: Piece, cont: Piece) -> tuple[float, str]:
    """How likely ``cont`` continues ``cut`` directly, and why (a log-odds-like sum of evidence)."""
    score = 0.0
    if cut.hyphen_cut:
        reason = f"word split: {cut.tail}-|{cont.head}"
        if cont.start_kind != "lower" or not cont.head:
            score -= 3.0 if cont.start_kind != "upper" else 1.5
        else:
            joined = cut.tail + cont.head
            zj = ctx.zipf(joined)
            if ctx.vocab[joined.casefold()] or zj >= 2.0:
                score += 4.0
            elif zj > 0:
                # A rare joined form counts fully only when the head is no word by itself.
                score += 3.0 if fragment(ctx, cont.head) else 1.5
            elif fragment(ctx, cont.head):
                # A piece that opens on a word fragment can only continue a hyphen cut.
                score += 2.5
            else:
                score += 0.5
    else:
        reason = "sentence continues"
        if cont.start_kind == "lower":
            score += 2.0
            if fragment(ctx, cont.head):
                score -= 3.0  # a word fragment: it continues a hyphenated cut
        elif cont.start_kind in ("punct", "digit"):
            score += 1.5
        elif ctx.capitalised(cont.head):
            score += CAPITAL_WORD  # a name, or a German noun: capitals that do not open a sentence
        else:
            score -= 1.0
        if cut.words_end and cont.words_start:
            # The words across the cut also stand side by side elsewhere in the document.
            pair = (cut.words_end[0], cont.words_start[0])
            if ctx.bigrams[pair]:
                score += 1.0
                if len(cut.words_end) > 1 and ctx.trigrams[(cut.words_end[1], *pair)]:
                    score += 1.0
        if cut.open_quotes > 0 and cont.open_quotes < 0:
            score += 1.0
    if cut.years_end and cont.years_start:
        gap = cont.years_start[0] - cut.years_end[-1]
        if -1 <= gap <= 2:
            score += 0.5
        elif gap < -3:
            score -= 0.5
    score += _cohesion(ctx, cut.topic_end, cont.topic_start)
    return score, reason


def _proximity(cut: Piece, cont: Piece) -> float:
    """Prior from the extraction order: a continuation is rarely far from its cut."""
    if cont.index == cut.index + 1:
        return {"page": 1.5, "blank": 0.5, "split": -0.5, "none": 0.0}[cont.gap_before]
    return 0.6 * math.exp(-abs(cont.index - cut.index) / 6.0)


def pair(ctx: Context, pieces: list[Piece]) -> tuple[list[list[int]], list[Join], int]:
    """Pair cut pieces with their continuations; return chains in reading order.

    Every cut piece is scored against every piece that could continue it, and
    the pairs are chosen together as a maximum-weight assignment (one
    continuation per cut, one cut per continuation), where a cut whose best
    evidence stays below ``JOIN_MIN`` is left open. Choosing together lets a
    clear pair elsewhere take a rival away from an ambiguous cut. A join that
    would close a loop is dropped. The confidence of a join reflects its score
    and its lead over the rivals left free, so a guess among equals is
    reported as such, and a sentence join without a clear lead is not made.
    """
    cuts = [p for p in pieces if p.hyphen_cut or p.sentence_cut]
    scores: dict[tuple[int, int], tuple[float, str]] = {}
    path_scores: dict[tuple[int, int], tuple[float, str]] = {}
    syntax = _syntax(ctx, pieces) if any(p.sentence_cut for p in cuts) else None
    for cut in cuts:
        for cont in pieces[max(0, cut.index - WINDOW) : cut.index + WINDOW]:
            if cont.index == cut.index or cont.index == 0:
                continue
            score, reason = _score(ctx, cut, cont)
            if cut.sentence_cut:
                # Weights fitted as a conditional logit on shuffled narratives, so the
                # softmax of a cut's scores is its posterior (see _posterior).
                score = BASE_WEIGHT * score + WRAP_WEIGHT * ctx.wrap.llr(cut.last_length, cont.first_word)
                score += _proximity(cut, cont)
                if syntax is not None and not (cont.start_kind == "lower" and fragment(ctx, cont.head)):
                    # A piece opening on a word fragment continues a hyphen cut: its tags say nothing here.
                    syn, run = syntax(cut.index, cont.index)
                    score += syn
                    # The reading path judges chains without the running-text evidence, which misleads it there.
                    path_scores[(cut.index, cont.index)] = (score, reason)
                    score += run
            else:
                score += _proximity(cut, cont)
            scores[(cut.index, cont.index)] = (score, reason)
            path_scores.setdefault((cut.index, cont.index), (score, reason))
    columns = sorted({j for (_i, j), (sc, _r) in scores.items() if sc >= JOIN_MIN})
    col_of = {j: k for k, j in enumerate(columns)}
    rows = [c.index for c in cuts]
    weights = [[0.0] * len(columns) for _ in rows]
    for r, i in enumerate(rows):
        for j in columns:
            sc = scores.get((i, j), (0.0, ""))[0]
            if sc >= JOIN_MIN:
                weights[r][col_of[j]] = sc - JOIN_MIN + 0.01
    chosen = {rows[r]: columns[k] for r, k in enumerate(assign(weights)) if k is not None}
    after = _break_loops(chosen, scores)
    before = {j: i for i, j in after.items()}
    joins: list[Join] = []
    for i, j in sorted(after.items()):
        score, reason = scores[(i, j)]
        # Rivals: the other free continuations of this cut, and the other free cuts before this piece.
        rivals = [sc for (a, b), (sc, _r) in scores.items() if a == i and b != j and b not in before]
        row_rivals = len(rivals)
        rivals += [sc for (a, b), (sc, _r) in scores.items() if b == j and a != i and a not in after]
        if pieces[i].sentence_cut:
            # The softmax over the free alternatives, either way round, is the join's posterior.
            confidence = min(_posterior(score, rivals[:row_rivals]), _posterior(score, rivals[row_rivals:]))
            if confidence < SENTENCE_POSTERIOR:
                continue
        else:
            margin = score - max(rivals, default=JOIN_MIN - 1.0)
            confidence = 1.0 / (1.0 + math.exp(-(score - 1.5))) * min(1.0, 0.5 + margin / 2.0)
        joins.append(Join(i, j, reason, round(max(confidence, 0.05), 3)))
    after = {join.before: join.after for join in joins}
    before = {j: i for i, j in after.items()}
    chains: list[list[int]] = []
    for piece in pieces:
        if piece.index in before:
            continue
        chain = [piece.index]
        while chain[-1] in after:
            chain.append(after[chain[-1]])
        chains.append(chain)
    chains = _with_dated_headings(ctx, pieces, _order_chains(ctx, pieces, _order_path(ctx, pieces, chains, path_scores)))
    unmatched = sum(1 for p in cuts if p.index not in after)
    return chains, joins, unmatched


def _syntax(ctx: Context, pieces: list[Piece]) -> Callable[[int, int], tuple[float, float]] | None:
    """A scorer of the part-of-speech tags across a cut, or None when no tagger serves the language.

    Loads the language's spaCy pipeline only here, i.e. only for a document
    with a sentence cut. The document's uncut text (its pieces, up to
    ``SYNTAX_WORDS`` words) teaches the tag n-grams; each piece's end and
    start are tagged once, so a candidate pair costs a table look-up.
    """
    from annales.stages.analyse import model_for, pipeline

    if model_for(ctx.lang).package is None or sum(ctx.vocab.values()) < SYNTAX_MIN_WORDS:
        # Without a tagger, or with too little text to learn tag n-grams from, syntax says nothing.
        return None
    nlp = pipeline(ctx.lang)
    bodies: list[str] = []
    budget = SYNTAX_WORDS
    for piece in pieces:
        if budget <= 0:
            break
        body = " ".join(ctx.text[i.start : i.end] for i in (ctx.lines[k] for k in piece.lines))
        bodies.append(body)
        budget -= body.count(" ") + 1
    ends = [" ".join(ctx.text[p.tail_start : p.tail_end].split()[-SYNTAX_WINDOW:]) for p in pieces]
    starts = [" ".join(ctx.text[p.first_start : p.head_end].split()[:SYNTAX_WINDOW]) for p in pieces]
    tokens = tag_tokens(nlp, [*bodies, *ends, *starts])
    tagged = [[(w, t) for w, t, _u in run] for run in tokens]
    model = SyntaxModel(tagged[: len(bodies)])
    end_runs = tagged[len(bodies) : len(bodies) + len(pieces)]
    start_runs = tagged[len(bodies) + len(pieces) :]
    end_tags = [[t for _w, t in run] for run in end_runs]
    start_tags = [[t for _w, t in run] for run in start_runs]
    running = running_text(ctx.lang) if RUNNING_WEIGHT > 0 else None
    if running is not None:
        end_classes = [running.classes([(w, u) for w, _t, u in run]) for run in tokens[len(bodies) : len(bodies) + len(pieces)]]
        start_classes = [running.classes([(w, u) for w, _t, u in run]) for run in tokens[len(bodies) + len(pieces) :]]

    def score(i: int, j: int) -> tuple[float, float]:
        """The tag evidence across the cut, and the running-text model's."""
        word_tag, tag_word = model.lexical(end_runs[i], start_runs[j])
        value = SYNTAX_WEIGHT * model.junction(end_tags[i], start_tags[j]) + WT_WEIGHT * word_tag + TW_WEIGHT * tag_word
        run = RUNNING_WEIGHT * running.junction(end_classes[i], start_classes[j]) if running is not None else 0.0
        return value, run

    return score


def _posterior(score: float, rivals: list[float]) -> float:
    """Softmax share of ``score`` among itself and ``rivals``."""
    top = max([score, *rivals])
    total = sum(math.exp(r - top) for r in rivals) + math.exp(score - top)
    return math.exp(score - top) / total


def _break_loops(chosen: dict[int, int], scores: dict[tuple[int, int], tuple[float, str]]) -> dict[int, int]:
    """Drop the weakest join of every loop, which no reading order can contain."""
    after = dict(chosen)
    seen: set[int] = set()
    for start in list(after):
        if start in seen:
            continue
        path: list[int] = []
        node: int | None = start
        while node is not None and node not in seen and node not in path:
            path.append(node)
            node = after.get(node)
        if node is not None and node in path:
            loop = path[path.index(node) :]
            weakest = min(loop, key=lambda k: scores[(k, after[k])][0])
            del after[weakest]
        seen.update(path)
    return after


def _chronology(pieces: list[Piece]) -> float:
    """How far the document tells things in date order, from 0 (not at all) to 1.

    Read off the years inside each piece, whose order no shuffle touched: the
    share of steps from one year mention to the next that do not go back more
    than a year, rescaled so that a random order of years scores 0.
    """
    forward = steps = 0
    for piece in pieces:
        for a, b in itertools.pairwise(piece.years_all):
            if a != b:
                steps += 1
                forward += b >= a - 1
    if steps < 6:
        return 0.0
    return max(0.0, 2.0 * forward / steps - 1.0)


def _order_path(
    ctx: Context, pieces: list[Piece], chains: list[list[int]], scores: dict[tuple[int, int], tuple[float, str]]
) -> list[list[int]]:
    """Order the chains as the best-scoring reading path (see :func:`continuity.best_path`).

    Reading one chain right after another scores the continuation evidence
    between the first's end and the second's start (an open cut wants a start
    that goes on; a finished end wants a fresh sentence) and lexical cohesion.
    Every pair of chains further scores the order of the years they speak of,
    when the document tells things in date order, and their extraction
    order, as far as the years say the extraction kept the order, for chains
    more than ``EXTRACTION_NEAR`` pieces apart (nearer ones are held by their
    adjacency). Chains whose order nothing decides keep their extraction
    order, from which the search starts.
    """
    if len(chains) < 3 or len(chains) > MAX_PATH:
        # Beyond MAX_PATH chains the pairwise tables outgrow their use: the extraction order stands.
        return chains
    n = len(chains)
    trust = _chronology(pieces)
    #: (first, last) year a chain mentions, or None for a chain without years.
    years: list[tuple[int, int] | None] = []
    for chain in chains:
        mentioned = [y for k in chain for y in pieces[k].years_all]
        years.append((mentioned[0], mentioned[-1]) if mentioned else None)
    dated = sum(y is not None for y in years)
    kept = 1.0
    if trust >= 0.5 and dated >= 6:
        # How well the extraction order agrees with the years, against how well the text itself does.
        agree = kendall_tau([float(y[0]) for y in years if y is not None])
        kept = max(0.0, min(1.0, agree / trust))
    weights = [[0.0] * n for _ in range(n)]
    precedence = [[0.0] * n for _ in range(n)]
    for a, ca in enumerate(chains):
        tail = pieces[ca[-1]]
        for b, cb in enumerate(chains):
            if a == b:
                continue
            weights[a][b] = _adjacency(ctx, tail, pieces[cb[0]], scores, near=abs(cb[0] - tail.index) <= WINDOW)
            order = 0.0
            ya, yb = years[a], years[b]
            if ya is not None and yb is not None:
                if ya[1] <= yb[0]:
                    order = 1.0
                elif ya[0] > yb[1] + 1:
                    order = -1.0
            extraction = 0.0
            if abs(ca[0] - cb[0]) > EXTRACTION_NEAR:
                extraction = EXTRACTION_PAIR * kept * (1.0 if ca[0] < cb[0] else -1.0)
            precedence[a][b] = YEAR_PAIR * trust * order + extraction
    first = [
        (1.0 if c[0] == 0 else 0.0) - (3.0 if _opens_mid(pieces[c[0]]) else 0.0) + (1.0 if pieces[c[0]].heading else 0.0)
        for c in chains
    ]
    last = [-2.0 if _open_end(pieces[c[-1]]) else 0.0 for c in chains]
    return [chains[k] for k in best_path(weights, first, last, precedence)]


def _open_end(piece: Piece) -> bool:
    return piece.hyphen_cut or piece.sentence_cut


def _opens_mid(piece: Piece) -> bool:
    """Whether a piece starts inside a sentence (a lower-case word or closing punctuation)."""
    return piece.start_kind in ("lower", "punct")


def _adjacency(ctx: Context, tail: Piece, head: Piece, scores: dict[tuple[int, int], tuple[float, str]], *, near: bool) -> float:
    """Evidence that ``head``'s piece is read right after ``tail``'s, chains apart.

    Pieces more than ``WINDOW`` apart in the extraction (``near`` false) are
    judged only by how the one ends and the other starts, which bounds the work.
    """
    if _open_end(tail):
        known = scores.get((tail.index, head.index))
        if known is not None:
            return ADJ_CUT_WEIGHT * (known[0] - JOIN_MIN)
        if not near:
            return -ADJ_CUT_WEIGHT * JOIN_MIN
        score, _reason = _score(ctx, tail, head)
        return ADJ_CUT_WEIGHT * (score + _proximity(tail, head) - JOIN_MIN)
    if _opens_mid(head):
        return -3.0
    if not near:
        return 0.0
    # The extraction reads a kept run forwards: a piece extracted before the tail follows it less often.
    forward = 1.0 if head.index > tail.index else BACKWARD_SHARE
    return _cohesion(ctx, tail.topic_end, head.topic_start) + FINISHED_PROXIMITY * forward * _proximity(tail, head)


def _order_chains(ctx: Context, pieces: list[Piece], chains: list[list[int]]) -> list[list[int]]:
    """Order chains: titles and bylines first, numbered sections in sequence, else extraction order."""
    if len(chains) < 2:
        return chains
    title = [c for c in chains if all(pieces[k].heading for k in c) and len(c) == 1]
    first = chains[0]
    lead: list[list[int]] = []
    if not all(pieces[k].heading for k in first):
        # A run of headings (title, byline) followed by the chain it introduces opens the text.
        for k, chain in enumerate(chains):
            if chain in title and k + 1 < len(chains) and not pieces[chains[k + 1][0]].heading:
                run = [chain]
                j = k - 1
                while j >= 0 and chains[j] in title:
                    run.insert(0, chains[j])
                    j -= 1
                if len(run) >= 2 and not _numbered(ctx, pieces[chain[0]]) and not any(_dated(ctx, pieces[c[0]]) for c in run):
                    lead = run
                break
    rest = [c for c in chains if c not in lead]
    # Numbered sections keep their numbers' order: swap section chains into rank order in place.
    numbered = [(k, _numbered(ctx, pieces[c[0]])) for k, c in enumerate(rest)]
    slots = [k for k, n in numbered if n]
    ranked = sorted((n, rest[k]) for k, n in numbered if n)
    placed = list(rest)
    for slot, (_n, chain) in zip(slots, ranked, strict=True):
        placed[slot] = chain
    return lead + placed


_SECTION = re.compile(r"(\d{1,2})[.)]\s+\S")
#: A heading that is only a year or a span of years ("1863", "1914–1918"): a history's section, not a title.
_DATED = re.compile(r"\d{3,4}(?:\s*[-\u2013/]\s*\d{2,4})?")


def _dated(ctx: Context, piece: Piece) -> bool:
    """Whether a heading piece is only a year or a span of years, which heads a section where it stands."""
    line = ctx.lines[piece.lines[0]]
    start, end = strip_bounds(ctx.text, line.start, line.end)
    return len(piece.lines) == 1 and _DATED.fullmatch(ctx.text, start, end) is not None


def _with_dated_headings(ctx: Context, pieces: list[Piece], chains: list[list[int]]) -> list[list[int]]:
    """The ordered chains with each heading that is only a year ("1863") put back over the piece extracted after it.

    Such a heading dates the section it stands over; ordered apart, by the years it names, it would leave
    its section and carry its year to another (and the time engine would date that section by it). It
    stays a paragraph of its own: only its place changes.
    """
    dated = {chain[0] for chain in chains if len(chain) == 1 and pieces[chain[0]].heading and _dated(ctx, pieces[chain[0]])}
    starts = {chain[0] for chain in chains}
    pinned = {k for k in dated if k + 1 in starts and k + 1 not in dated}
    if not pinned:
        return chains
    placed: list[list[int]] = []
    for chain in chains:
        if chain[0] in pinned:
            continue
        if chain[0] - 1 in pinned:
            placed.append([chain[0] - 1])
        placed.append(chain)
    return placed


def _numbered(ctx: Context, piece: Piece) -> int:
    """The section number a piece opens with ("2. On transitional demands"), else 0."""
    m = _SECTION.match(ctx.text, piece.first_start, piece.first_start + 8)
    return int(m.group(1)) if m else 0
