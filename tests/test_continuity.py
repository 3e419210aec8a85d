"""Continuity evidence: the wrap model, the assignment, the reading path and the tag n-gram model."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from annales.stages.repair import SyntaxModel, WrapModel, assign, best_path


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


def _path_total(
    order: list[int],
    weights: list[list[float]],
    first: list[float],
    last: list[float],
    precedence: list[list[float]] | None = None,
) -> float:
    total = first[order[0]] + last[order[-1]] + sum(weights[a][b] for a, b in itertools.pairwise(order))
    if precedence is not None:
        total += sum(precedence[order[i]][order[j]] for i in range(len(order)) for j in range(i + 1, len(order)))
    return total


def test_best_path_restores_a_chain_of_clear_successors() -> None:
    truth = [3, 0, 4, 1, 2]
    n = len(truth)
    weights = [[0.0] * n for _ in range(n)]
    for a, b in itertools.pairwise(truth):
        weights[a][b] = 5.0
    first = [0.0] * n
    first[truth[0]] = 1.0
    assert best_path(weights, first, [0.0] * n) == truth


def test_best_path_keeps_the_identity_when_nothing_decides() -> None:
    n = 6
    zeros = [[0.0] * n for _ in range(n)]
    assert best_path(zeros, [0.0] * n, [0.0] * n) == list(range(n))


def test_best_path_sorts_by_precedence_alone() -> None:
    # Years say 2 < 0 < 3 < 1; precedence[a][b] > 0 when a should come first.
    key = [1940, 1950, 1930, 1945]
    n = len(key)
    precedence = [[(1.0 if key[a] < key[b] else -1.0) if a != b else 0.0 for b in range(n)] for a in range(n)]
    zeros = [[0.0] * n for _ in range(n)]
    assert best_path(zeros, [0.0] * n, [0.0] * n, precedence) == [2, 0, 3, 1]


@given(st.integers(min_value=2, max_value=9), st.integers(min_value=0, max_value=10_000))
@settings(max_examples=60, deadline=None)
def test_best_path_is_a_permutation_never_worse_than_the_identity(n: int, seed: int) -> None:
    rng = random.Random(seed)
    weights = [[rng.uniform(-3, 3) for _ in range(n)] for _ in range(n)]
    first = [rng.uniform(-2, 2) for _ in range(n)]
    last = [rng.uniform(-2, 2) for _ in range(n)]
    precedence = [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(n)]
    order = best_path(weights, first, last, precedence)
    assert sorted(order) == list(range(n))
    identity = list(range(n))
    assert _path_total(order, weights, first, last, precedence) >= _path_total(identity, weights, first, last, precedence) - 1e-9
