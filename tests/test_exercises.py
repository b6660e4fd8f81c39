"""The exercises are generated from the masters, solutions score 100% and blank exercises score 0."""

import json
import os

import pytest

from dlbook import exercises

MASTERS = exercises.masters()
ROOT = exercises.ROOT


@pytest.fixture(scope="module", params=MASTERS, ids=lambda p: p.stem)
def assigned(request, tmp_path_factory):
    master = request.param
    return master, exercises.otter_assign(
        master, tmp_path_factory.mktemp(master.stem) / "out", run_tests=False
    )


def test_exercises_are_in_sync_with_their_master(assigned):
    master, out = assigned
    committed = ROOT / "exercises" / master.name
    assert committed.exists(), f"run `make exercises`: {committed.name} is missing"
    generated = exercises.without_cell_ids((out / "student" / master.name).read_text())
    assert generated == exercises.without_cell_ids(committed.read_text()), "run `make exercises`"
    for test in (out / "student" / "tests").glob("*.py"):
        assert test.read_text() == (ROOT / "exercises" / "tests" / test.name).read_text(), (
            "run `make exercises`"
        )


def test_every_question_has_hidden_tests(assigned):
    _, out = assigned
    for public in (out / "student" / "tests").glob("*.py"):
        full = (out / "autograder" / "tests" / public.name).read_text()
        assert "hidden=True" in full and "hidden=False" in full, (
            f"{public.stem} needs public and hidden tests"
        )


def _grade(out, notebook, tmp_path):
    """Grade ``notebook`` as `otter run` does (a fresh kernel runs it, then every test, hidden ones included),
    called in this process to spare a second interpreter and otter's import per notebook."""
    from otter.run import main as otter_run

    results = tmp_path / notebook.parent.name
    results.mkdir()
    environment = dict(os.environ)
    try:
        otter_run(
            str(notebook),
            autograder=str(exercises.autograder_zip(out)),
            output_dir=str(results),
            no_logo=True,
        )
    finally:  # otter puts its miniconda folder in front of PATH each time
        os.environ.clear()
        os.environ.update(environment)
    tests = json.loads((results / "results.json").read_text())["tests"]
    return {t["name"]: (t["score"], t["max_score"], t.get("output", "")) for t in tests if t.get("max_score")}


def test_solutions_score_full_marks(assigned, tmp_path):
    master, out = assigned
    scores = _grade(out, out / "autograder" / master.name, tmp_path)
    assert scores and all(score == maximum for score, maximum, _ in scores.values()), scores


def test_blank_exercises_score_zero_and_say_why(assigned, tmp_path):
    master, out = assigned
    scores = _grade(out, out / "student" / master.name, tmp_path)
    assert scores and all(score == 0 for score, _, _ in scores.values()), scores
    for _, _, output in scores.values():
        assert "in place of the `...`" in output
