"""Repair: turn a document's decoded text into clean prose with an exact offset map.

Characters a second decoding garbled ("MÃ©decins") are first decoded back
(:mod:`~annales.stages.repair.encoding`). Then one pass over the lines of the
original text finds page furniture (page numbers, footers, running heads),
joins hard-wrapped lines into paragraphs, undoes line-break hyphenation while
keeping real compounds, and finally restores the reading order of paragraph
pieces that a PDF extraction emitted out of order (a piece that ends mid-word
or mid-sentence is paired with the piece that continues it).

The clean text is built only with :class:`~annales.doc.TextBuilder`, so every
clean character records the original character it stands for. Characters the
repair leaves out are line breaks, whitespace runs, line-break hyphens, soft
hyphens and furniture lines; letters and digits outside furniture are never
dropped.

``Join.before`` / ``Join.after`` count *pieces*: the paragraph-sized runs of
lines of the original text, numbered in extraction order from 0. A piece is
separated from the next by a blank line, a page break, or a point where the
text visibly jumps (a line that starts with a stray word fragment).
"""

from __future__ import annotations

import re

from annales.doc import Repaired, TextBuilder
from annales.records import Block, Furniture, Span
from annales.stages.repair.continuity import WrapModel
from annales.stages.repair.encoding import mojibake
from annales.stages.repair.furniture import find_furniture
from annales.stages.repair.hyphens import inline_splits, join_hyphen, line_end_hyphen, looks_split
from annales.stages.repair.lines import (
    LEAD_LETTERS,
    SENTENCE_END,
    TRAIL_LETTERS,
    WORD,
    Context,
    GapKind,
    Line,
    Piece,
    split_lines,
    strip_bounds,
)
from annales.stages.repair.order import pair

__all__ = ["repair"]

_BLANK = re.compile(r"[\s\u00ad]*")
#: Whitespace collapsed inside a line; line breaks are handled line by line.
_ODD_SPACE = "\t\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INLINE = re.compile(f"[ {_ODD_SPACE}]{{2,}}|[{_ODD_SPACE}]|\u00ad")
_CLOSERS = ",;:.)]}\u201d\u2019\u00bb!?\u2026"
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


def repair(text: str, *, lang: str | None = None) -> Repaired:
    """Repair ``text`` (a document's original decoded text) into clean paragraphs.

    ``lang`` is guessed from the text when not given. Form feeds mark page
    breaks; a reader that knows the page geometry goes through
    :func:`annales.stages.repair.geometry.repair_layout` instead.
    """
    if not text:
        return Repaired(text, "", TextBuilder(text).build()[1])
    decoded = mojibake(text)
    if decoded is not None:
        return decoded.compose(repair(decoded.text, lang=lang))
    if lang is None:
        from annales.stages.language import identify

        lang = identify(text[:20000])[0]
    ctx = Context(text, lang)
    lines = split_lines(text)
    ctx.lines = lines
    blank = [_BLANK.fullmatch(text, ln.start, ln.end) is not None for ln in lines]
    furniture = find_furniture(text, lines, blank)
    pieces = _make_pieces(ctx, lines, blank, furniture)
    _describe(ctx, lines, pieces)
    chains, joins, unmatched = pair(ctx, pieces)
    builder = TextBuilder(text)
    spans: list[tuple[int, int]] = []
    previous_last: int | None = None
    for chain in chains:
        chain_lines = [i for p in chain for i in pieces[p].lines]
        if previous_last is not None:
            builder.substitute("\n\n", _separator_offset(lines, previous_last, chain_lines[0]))
        start = len(builder)
        _emit_lines(ctx, builder, lines, chain_lines)
        spans.append((start, len(builder)))
        previous_last = chain_lines[-1]
    clean, offsets = builder.build()
    blocks = tuple(Block(k, Span(s, e), Span(min(offsets[s:e]), max(offsets[s:e]) + 1)) for k, (s, e) in enumerate(spans))
    moved = sum(1 for j in joins if j.after != j.before + 1)
    confidence = 1.0
    if moved:
        confidence = min(confidence, 0.8 * min(j.confidence for j in joins if j.after != j.before + 1))
    if unmatched:
        confidence *= max(0.2, 1.0 - unmatched / max(len(pieces), 1))
    found = tuple(Furniture(Span(s, e), kind, text[s:e]) for s, e, kind in sorted(furniture.values()))
    return Repaired(text, clean, offsets, blocks, found, tuple(joins), round(confidence, 3))


# --- pieces --------------------------------------------------------------------------------------


def _make_pieces(ctx: Context, lines: list[Line], blank: list[bool], furniture: dict[int, tuple[int, int, str]]) -> list[Piece]:
    """Group content lines into pieces separated by blank lines, page breaks and visible jumps."""
    pieces: list[Piece] = []
    current: Piece | None = None
    gap_blank = gap_page = gap_furniture = False
    previous = -1
    for i, line in enumerate(lines):
        if blank[i]:
            gap_blank = True
        elif i in furniture:
            gap_furniture = True
        else:
            if current is None:
                current = Piece(0, [i])
            else:
                kind: GapKind = "none"
                if gap_page or (gap_blank and gap_furniture):
                    kind = "page"
                elif gap_blank:
                    kind = "blank"
                elif looks_split(ctx, lines[previous], line):
                    kind = "split"
                if kind == "none":
                    current.lines.append(i)
                else:
                    pieces.append(current)
                    current = Piece(len(pieces), [i], kind)
            previous = i
            gap_blank = gap_page = gap_furniture = False
        if line.page_break:
            gap_page = True
    if current is not None:
        pieces.append(current)
    return pieces


def _describe(ctx: Context, lines: list[Line], pieces: list[Piece]) -> None:
    """Fill in how each piece ends (cut or finished) and how it starts."""
    text = ctx.text
    for k, piece in enumerate(pieces):
        ls, le = strip_bounds(text, lines[piece.lines[-1]].start, lines[piece.lines[-1]].end)
        raw_end = lines[piece.lines[-1]].end
        while raw_end > ls and text[raw_end - 1].isspace():
            raw_end -= 1
        hyphen = line_end_hyphen(text, ls, le)
        if text[raw_end - 1] == "\u00ad" or (hyphen is not None and text[hyphen - 1].isalpha()):
            piece.hyphen_cut = True
            tail = TRAIL_LETTERS.search(text, ls, hyphen if hyphen is not None else le)
            piece.tail = tail.group() if tail else ""
        fs, fe = strip_bounds(text, lines[piece.lines[0]].start, lines[piece.lines[0]].end)
        piece.first_start = fs
        first = text[fs]
        if not piece.hyphen_cut:
            size = sum(lines[i].end - lines[i].start for i in piece.lines)
            final = SENTENCE_END.search(text, ls, le) is not None
            piece.heading = (
                size < 100
                and not first.islower()
                and not final
                and first not in _CLOSERS
                and (_title_like(ctx, text[fs:le]) or _between_paragraphs(text, lines, pieces, k))
            )
            piece.sentence_cut = not piece.heading and not final
        if first.islower():
            piece.start_kind = "lower"
        elif first in _CLOSERS:
            piece.start_kind = "punct"
        elif first.isdigit():
            piece.start_kind = "digit"
        elif first.isupper():
            piece.start_kind = "upper"
        body_start, body_end = lines[piece.lines[0]].start, lines[piece.lines[-1]].end
        body = text[body_start:body_end]
        piece.open_quotes = sum(body.count(c) for c in "(\u201c[") - sum(body.count(c) for c in ")\u201d]")
        found = [(m.start(), m.end(), int(m.group())) for m in _YEAR.finditer(body)]
        piece.years_all = tuple(y for _s, _e, y in found)
        piece.years_start = tuple(y for _s, e, y in found if e <= 400)
        piece.years_end = tuple(y for s, _e, y in found if s >= len(body) - 400)
        head = LEAD_LETTERS.match(text, fs, fe)
        piece.head = head.group() if head else ""
        piece.last_length = le - ls
        piece.tail_start = lines[piece.lines[max(0, len(piece.lines) - 3)]].start
        piece.tail_end = lines[piece.lines[-1]].end
        piece.head_end = lines[piece.lines[min(2, len(piece.lines) - 1)]].end
        piece.first_word = len(text[fs:fe].split(maxsplit=1)[0]) if fe > fs else 0
        piece.words_start = _words(text, lines, piece.lines, forward=True)
        piece.words_end = _words(text, lines, piece.lines, forward=False)
        piece.topic_start = frozenset(w for w in piece.words_start if len(w) > 3)
        piece.topic_end = frozenset(w for w in piece.words_end if len(w) > 3)
        if any(p.sentence_cut for p in pieces):
            sequence = _words(text, lines, piece.lines, forward=True, limit=len(text))
            ctx.bigrams.update(zip(sequence, sequence[1:], strict=False))
            ctx.trigrams.update(zip(sequence, sequence[1:], sequence[2:], strict=False))
    if any(p.sentence_cut for p in pieces):
        ctx.wrap = WrapModel.learn(_wrap_pairs(text, lines, pieces))


#: A span of years closing a piece: a title's "1769–1799", "(1914-1918)".
_YEAR_SPAN_END = re.compile(r"\b\d{3,4}\s?[–—-]\s?\d{2,4}\)?\s*$")


def _between_paragraphs(text: str, lines: list[Line], pieces: list[Piece], k: int) -> bool:
    """Whether the one-line piece ``k`` stands between a piece that ends its sentence and one that opens on a
    capital, as a section title does ("Allies close in", "Relationship between the two sides since 1950"),
    however its words are cased."""
    piece = pieces[k]
    if len(piece.lines) != 1 or k == 0 or k + 1 >= len(pieces):
        return False
    before = pieces[k - 1]
    if before.hyphen_cut or before.sentence_cut or before.heading:
        return False
    nxt = lines[pieces[k + 1].lines[0]]
    start, end = strip_bounds(text, nxt.start, nxt.end)
    return end > start and text[start].isupper()


def _title_like(ctx: Context, body: str) -> bool:
    """Whether a short unfinished piece reads as a title or byline rather than a cut sentence.

    A title is short, closes on the span of years it covers, or capitalises most of its words, and does
    not stop on a comma or on one of the language's commonest words ("the", "of").
    """
    words = WORD.findall(body)
    if not words or body.rstrip()[-1:] in ",;":
        return False
    if len(words) > 1 and words[-1][0].islower() and ctx.zipf(words[-1]) >= 6.0:
        return False
    if len(words) <= 6 or _YEAR_SPAN_END.search(body):
        return True  # short, or closing on the span of years it covers ("the making of a ruler, 1769–1799")
    capitals = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitals >= 0.5 * len(words)


def _wrap_pairs(text: str, lines: list[Line], pieces: list[Piece]) -> list[tuple[int, int]]:
    """(line length, next line's first word length) of the unbroken, unhyphenated line pairs."""
    pairs: list[tuple[int, int]] = []
    for piece in pieces:
        for above, below in zip(piece.lines, piece.lines[1:], strict=False):
            a_s, a_e = strip_bounds(text, lines[above].start, lines[above].end)
            b_s, b_e = strip_bounds(text, lines[below].start, lines[below].end)
            if a_e <= a_s or b_e <= b_s or text[a_e - 1] == "-" or text[lines[above].end - 1] == "\u00ad":
                continue
            pairs.append((a_e - a_s, len(text[b_s:b_e].split(maxsplit=1)[0])))
    return pairs


def _words(text: str, lines: list[Line], indices: list[int], *, forward: bool, limit: int = 60) -> list[str]:
    """Up to ``limit`` words from the start (or end) of the lines ``indices``."""
    words: list[str] = []
    for i in indices if forward else reversed(indices):
        found = [m.group().casefold() for m in WORD.finditer(text, lines[i].start, lines[i].end)]
        words.extend(found if forward else reversed(found))
        if len(words) >= limit:
            break
    return words[:limit]


# --- emission ------------------------------------------------------------------------------------


def _space_offset(lines: list[Line], above: int, below: int) -> int:
    """An original whitespace offset to stand for the break between two lines."""
    if lines[above].brk > lines[above].end:
        return lines[above].end
    if lines[below].start > 0:
        return lines[below].start - 1
    return lines[below].end


_separator_offset = _space_offset


def _emit_inline(builder: TextBuilder, text: str, start: int, end: int, ctx: Context | None = None) -> None:
    """Append ``text[start:end]`` with whitespace runs as one space, soft hyphens dropped, and (with
    ``ctx``) words split by an inline hyphen and space joined when the joined word is a known one."""
    pos = start
    for cut_start, cut_end in inline_splits(ctx, text, start, end) if ctx is not None else ():
        _emit_spaced(builder, text, pos, cut_start)
        pos = cut_end
    _emit_spaced(builder, text, pos, end)


def _emit_spaced(builder: TextBuilder, text: str, start: int, end: int) -> None:
    """Append ``text[start:end]`` with whitespace runs as one space and soft hyphens dropped."""
    pos = start
    for m in _INLINE.finditer(text, start, end):
        if m.start() > pos:
            builder.keep(pos, m.start())
        if m.group() != "\u00ad":
            if text[m.start()] == " ":
                builder.keep(m.start(), m.start() + 1)
            else:
                builder.substitute(" ", m.start())
        pos = m.end()
    if pos < end:
        builder.keep(pos, end)


def _emit_lines(ctx: Context, builder: TextBuilder, lines: list[Line], indices: list[int]) -> None:
    """Append the lines ``indices`` as one paragraph, joining hard wraps and hyphenation."""
    text = ctx.text
    for k, i in enumerate(indices):
        s, e = strip_bounds(text, lines[i].start, lines[i].end)
        raw_end = lines[i].end
        while raw_end > s and text[raw_end - 1].isspace():
            raw_end -= 1
        space = k + 1 < len(indices)
        if space and text[raw_end - 1] == "\u00ad":
            space = False
        elif space and (hyphen := line_end_hyphen(text, s, e)) is not None:
            nxt = lines[indices[k + 1]]
            ns, ne = strip_bounds(text, nxt.start, nxt.end)
            spaced = hyphen < e - 1
            if join_hyphen(ctx, text[s:hyphen], text[ns:ne], spaced=spaced):
                e = hyphen
                space = False
            else:
                space = spaced
        _emit_inline(builder, text, s, e, ctx)
        if space:
            builder.substitute(" ", _space_offset(lines, i, indices[k + 1]))
