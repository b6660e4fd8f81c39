"""Generate the student exercises from the otter-grader masters: ``python -m dlbook.exercises`` (``make exercises``).

Each master ``solutions/NN_slug.ipynb`` holds the questions, their solutions and public and hidden tests. ``otter
assign`` turns it into a student notebook and public tests, written to ``exercises/`` (never edit those by hand),
and an autograder zip with every test, written to ``_build/autograder/`` for instructors (``otter run``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from dlbook.course import ROOT


def masters(root: Path = ROOT) -> list[Path]:
    return sorted((root / "solutions").glob("*.ipynb"))


def otter_assign(master: Path, out: Path, run_tests: bool = True) -> Path:
    """Run ``otter assign`` on one master into ``out`` (emptied first); return ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "otter", "assign", str(master), str(out)]
    if not run_tests:
        command.insert(-2, "--no-run-tests")
    result = subprocess.run(command, capture_output=True, text=True, cwd=master.parent)
    if result.returncode != 0:
        raise RuntimeError(f"otter assign failed on {master.name}:\n{result.stdout}\n{result.stderr}")
    return out


def autograder_zip(assigned: Path) -> Path:
    """The autograder zip inside an ``otter assign`` output folder."""
    (zip_path,) = (assigned / "autograder").glob("*-autograder_*.zip")
    return zip_path


def without_cell_ids(notebook_text: str) -> dict:
    """A notebook's content without its cell ids, which otter draws at random on every run."""
    content = json.loads(notebook_text)
    for cell in content["cells"]:
        cell.pop("id", None)
    return content


def build(root: Path = ROOT, run_tests: bool = True) -> list[Path]:
    """Regenerate ``exercises/`` and ``_build/autograder/`` from every master; return the student notebooks.

    A student notebook whose content is unchanged keeps its committed cell ids, so regenerating leaves no diff.
    """
    exercises, autograders = root / "exercises", root / "_build" / "autograder"
    committed = {path.name: path.read_text() for path in exercises.glob("*.ipynb")}
    shutil.rmtree(exercises, ignore_errors=True)
    (exercises / "tests").mkdir(parents=True)
    autograders.mkdir(parents=True, exist_ok=True)
    written = []
    for master in masters(root):
        assigned = otter_assign(master, root / "_build" / "otter" / master.stem, run_tests)
        student = exercises / master.name
        shutil.copy(assigned / "student" / master.name, student)
        before = committed.get(master.name)
        if before and without_cell_ids(before) == without_cell_ids(student.read_text()):
            student.write_text(before)
        for test in sorted((assigned / "student" / "tests").glob("*.py")):
            shutil.copy(test, exercises / "tests" / test.name)
        shutil.copy(autograder_zip(assigned), autograders / f"{master.stem}-autograder.zip")
        written.append(exercises / master.name)
    return written


if __name__ == "__main__":
    for notebook in build():
        print(f"wrote {notebook.relative_to(ROOT)} and its public tests")
    print(f"autograder zips (all tests, for instructors): {(ROOT / '_build' / 'autograder').relative_to(ROOT)}/")
