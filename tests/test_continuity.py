"""Continuity evidence: the wrap model, the assignment and the tag n-gram model."""

from __future__ import annotations

import itertools
import random

from annales.stages.continuity import SyntaxModel, WrapModel, assign


def _best_total(weights: list[list[float]]) -> float:
    """Brute-force maximum of an assignment where weights <= 0 are never taken."""
    n, m = len(weights), len(weights[0])
    best = 0.0
    for columns in itertools.permutations([*range(m), *([None] * n)], n):
        used = [c for c in columns if c is not None]
        if len(set(used)) < len(used):
            continue
        total = sum(weights[i][c] for i, c in enumerate(columns) if c is not None and weights[i][c] > 0)
        best = max(best, total)
    return best


def test_assign_prefers_the_global_optimum_over_greedy() -> None:
    # Greedy would give row 0 its best column (1) and leave row 1 with nothing good.
    assert assign([[4.0, 5.0], [0.0, 4.5]]) == [0, 1]


def test_assign_leaves_rows_open_on_weak_evidence() -> None:
    assert assign([[0.0, -1.0], [0.0, 2.0]]) == [None, 1]
    assert assign([]) == []


def test_assign_matches_brute_force_on_random_matrices() -> None:
    rng = random.Random(1815)
    for _ in range(60):
        n, m = rng.randint(1, 4), rng.randint(1, 4)
        weights = [[rng.choice([0.0, -1.0, rng.uniform(0, 5)]) for _ in range(m)] for _ in range(n)]
        result = assign(weights)
        taken = [c for c in result if c is not None]
        assert len(set(taken)) == len(taken)
        total = sum(weights[i][c] for i, c in enumerate(result) if c is not None)
        assert abs(total - _best_total(weights)) < 1e-9


def test_wrap_model_learns_that_a_fitting_word_would_not_have_been_broken() -> None:
    rng = random.Random(1871)
    # A text wrapped at 40 columns: every line plus the next word overflows 40.
    pairs = []
    for _ in range(200):
        first = rng.randint(2, 9)
        pairs.append((rng.randint(41 - first, 40), first))
    model = WrapModel.learn(pairs)
    assert model.trusted
    assert model.llr(33, 5) < -1.0  # the word fits in 40 columns: the break is implausible
    assert model.llr(38, 6) > 0.0
    assert not WrapModel.learn(pairs[:5]).trusted
    assert WrapModel.learn(pairs[:5]).llr(30, 4) == 0.0


def test_syntax_model_prefers_the_tags_the_document_uses() -> None:
    run = [("the", "DT"), ("army", "NN"), ("crossed", "VBD"), ("the", "DT"), ("river", "NN"), (".", ".")]
    model = SyntaxModel([run] * 60)
    end = [("crossed", "VBD"), ("the", "DT")]
    assert model.junction(["VBD", "DT"], ["NN", "VBD"]) > model.junction(["VBD", "DT"], ["VBD", "DT"])
    good, _ = model.lexical(end, [("river", "NN")])
    bad, _ = model.lexical(end, [("crossed", "VBD")])
    assert good > bad
    assert SyntaxModel([run]).junction(["DT"], ["NN"]) == 0.0  # too little text to judge
