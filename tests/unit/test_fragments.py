"""Fragment merging on parts given as areas and borders: one record per fragment, with its final class."""

from __future__ import annotations

from ecozone_plugin.core.derive.fragments import merge_fragments

LABELS = [(1, ""), (2, ""), (3, "")]  # priority, key, general


def merge(areas, labels, hard, borders, min_m2=100.0):
    symmetric: dict[int, dict[int, float]] = {}
    for (p, q), length in borders.items():
        symmetric.setdefault(p, {})[q] = length
        symmetric.setdefault(q, {})[p] = length
    return merge_fragments(areas, labels, hard, symmetric, lambda p: (0, p), LABELS, min_m2)


def test_a_kept_hard_fragment_is_reported_once_however_many_neighbours_join_it():
    # part 0: a 3 m² red line; parts 1 and 2: key slivers beside it; part 3: large general ground
    records, labels = merge(
        [3.0, 5.0, 6.0, 1000.0],
        [0, 1, 1, 2],
        [True, False, False, False],
        {(1, 0): 10.0, (2, 0): 10.0, (1, 3): 1.0, (2, 3): 1.0},
    )
    assert labels == [0, 0, 0, 2]
    assert sorted((r["area_m2"], r["merged"], r.get("reason"), r.get("to_class")) for r in records) == [
        (3.0, False, "hard", None),
        (5.0, True, None, 1),
        (6.0, True, None, 1),
    ]


def test_a_fragment_reports_the_class_it_ends_in():
    # part 0 (key, 5 m²) joins part 1 (general, 50 m²), which then joins part 2 (priority, large)
    records, labels = merge([5.0, 50.0, 1000.0], [1, 2, 0], [False] * 3, {(0, 1): 10.0, (1, 2): 10.0})
    assert labels == [0, 0, 0]
    assert [(r["area_m2"], r["from_class"], r["to_class"]) for r in records] == [(5.0, 2, 1), (50.0, 3, 1)]
