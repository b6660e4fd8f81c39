"""`make grade`: a folder of submissions graded one by one, each in its own process and folder, with limits.

Adversarial submissions (they loop, exit, print megabytes, delete files, redefine the grader and the tests) may only
spoil their own grade; a correct submission graded beside them still gets full marks.
"""

import csv

import nbformat
import pytest

from dlbook import exercises, grade

CHAPTER = "01_perceptron"
ADVERSARIAL = {
    "loops": "while True:\n    pass",
    "exits": "exit()",
    "prints": "print('x' * 20_000_000)",
    "deletes": "import os, shutil\nfor f in os.listdir('.'):\n    shutil.rmtree(f) if os.path.isdir(f) else os.remove(f)",
    "cheats": "grader = None\ndef test_values(*args):\n    pass\nimport otter\notter.Notebook = None",
    "raises": "raise RuntimeError('a cell that fails')",
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    assigned = exercises.otter_assign(
        exercises.ROOT / "solutions" / f"{CHAPTER}.ipynb",
        tmp_path_factory.mktemp("assign") / "out",
        run_tests=False,
    )
    solved = nbformat.read(assigned / "autograder" / f"{CHAPTER}.ipynb", as_version=4)
    folder = tmp_path_factory.mktemp("submissions")
    nbformat.write(solved, folder / "good.ipynb")
    first_question = next(i for i, c in enumerate(solved.cells) if "def " in c.source)
    for name, code in ADVERSARIAL.items():
        nb = nbformat.from_dict(solved)
        nb.cells = [
            *solved.cells[:first_question],
            nbformat.v4.new_code_cell(code),
            *solved.cells[first_question:],
        ]
        nbformat.write(nb, folder / f"{name}.ipynb")
    (folder / "stray.ipynb").write_text("{not a notebook")
    # the looping submission runs until the limit: short, yet several times what a correct one needs (4 s idle)
    rows = grade.grade_folder(folder, folder / "grades.csv", time_limit_s=20)
    return {row["submission"]: row for row in rows}, folder


def test_a_correct_submission_gets_full_marks_beside_adversarial_ones(graded):
    rows, _ = graded
    assert rows["good.ipynb"]["status"] == "graded"
    assert rows["good.ipynb"]["total"] == rows["good.ipynb"]["possible"] > 0


def test_a_looping_or_exiting_submission_gets_zero_and_a_reason(graded):
    rows, _ = graded
    assert rows["loops.ipynb"]["total"] == 0 and rows["loops.ipynb"]["status"] != "graded"
    assert rows["exits.ipynb"]["total"] == 0 and "exit()" in rows["exits.ipynb"]["status"]


def test_redefining_the_grader_or_the_tests_changes_nothing(graded):
    rows, _ = graded
    # its answers are right; the tests still ran
    assert rows["cheats.ipynb"]["total"] == rows["good.ipynb"]["total"]


@pytest.mark.parametrize("name", ["prints.ipynb", "deletes.ipynb", "raises.ipynb"])
def test_noise_deletions_and_errors_spoil_at_most_their_own_grade(graded, name):
    rows, folder = graded
    assert rows[name]["status"] in ("graded",) or rows[name]["total"] == 0
    assert (folder / "good.ipynb").exists() and (folder / name).exists(), (
        "the submissions folder is untouched"
    )


def test_the_csv_has_a_row_per_submission_and_a_column_per_question(graded):
    rows, folder = graded
    with (folder / "grades.csv").open() as handle:
        table = list(csv.DictReader(handle))
    assert {row["submission"] for row in table} == set(rows)
    for question in exercises.questions(exercises.ROOT / "solutions" / f"{CHAPTER}.ipynb"):
        assert question in table[0]
    assert "no exercise set matches" in rows["stray.ipynb"]["status"]
