"""Narrowed mutation runs (scripts/mutation --only, --resume) keep what they did not check."""

from __future__ import annotations

from scripts.mutation import _merge

OLD = {
    "statuses": {
        "m.x_a__mutmut_1": "killed",
        "m.x_a__mutmut_2": "survived",
        "m.x_b__mutmut_1": "not checked",
        "m.x_b__mutmut_2": "survived",
        "m.x_b__mutmut_3": "killed",
    },
    "diffs": {"m.x_a__mutmut_2": "old a2", "m.x_b__mutmut_2": "old b2"},
}


def test_selected_mutants_take_the_new_result_the_rest_keep_the_last() -> None:
    # b changed and lost a mutant: the run checked all of b; a was not selected.
    new = {
        "statuses": {
            "m.x_a__mutmut_1": "not checked",
            "m.x_a__mutmut_2": "not checked",
            "m.x_b__mutmut_1": "killed",
            "m.x_b__mutmut_2": "survived",
        },
        "diffs": {"m.x_b__mutmut_2": "new b2"},
    }
    merged = _merge(OLD, new, ["*.x_b__*"])
    assert merged == {
        "statuses": {
            "m.x_a__mutmut_1": "killed",
            "m.x_a__mutmut_2": "survived",
            "m.x_b__mutmut_1": "killed",
            "m.x_b__mutmut_2": "survived",
        },
        "diffs": {"m.x_a__mutmut_2": "old a2", "m.x_b__mutmut_2": "new b2"},
    }


def test_a_mutant_the_last_run_did_not_have_takes_the_new_result() -> None:
    new = {
        "statuses": {"m.x_a__mutmut_1": "not checked", "m.x_c__mutmut_1": "survived"},
        "diffs": {"m.x_c__mutmut_1": "new c1"},
    }
    merged = _merge(OLD, new, ["m.x_b__mutmut_1"])
    assert merged == {
        "statuses": {"m.x_a__mutmut_1": "killed", "m.x_c__mutmut_1": "survived"},
        "diffs": {"m.x_c__mutmut_1": "new c1"},
    }
