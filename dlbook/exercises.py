"""Generate the student exercises from the otter-grader masters: ``python -m dlbook.exercises`` (``make exercises``).

Each master ``solutions/NN_slug.ipynb`` holds the questions, their solutions and public and hidden tests. ``otter
assign`` turns it into a student notebook and public tests, written to ``exercises/`` (never edit those by hand),
and an autograder zip with every test, written to ``_build/autograder/`` for instructors (``otter run``).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from dlbook.course import ROOT


def masters(root: Path = ROOT) -> list[Path]:
    return sorted((root / "solutions").glob("*.ipynb"))


def otter_assign(master: Path, out: Path, run_tests: bool = True) -> Path:
    """Run ``otter assign`` on one master into ``out`` (emptied first); return ``out``.

    Without ``run_tests`` it runs in this process (otter's command line spends two seconds importing, most of the
    assignment's time); with them, in a process of its own, whose kernels' messages are captured with its output."""
    out = Path(out).resolve()
    shutil.rmtree(out, ignore_errors=True)
    if run_tests:
        command = [sys.executable, "-m", "otter", "assign", str(master), str(out)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=master.parent)
        if result.returncode != 0:
            raise RuntimeError(f"otter assign failed on {master.name}:\n{result.stdout}\n{result.stderr}")
        return out
    from otter.assign import main as assign

    here, printed = Path.cwd(), io.StringIO()
    os.chdir(master.parent)  # otter resolves the master's files from there, as its command line does
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            assign(str(master), str(out), no_run_tests=True)
    except Exception as error:  # otter reports a bad master by raising anything
        raise RuntimeError(f"otter assign failed on {master.name}: {error}\n{printed.getvalue()}") from error
    finally:
        os.chdir(here)
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


def _raw(cell, marker: str) -> bool:
    return cell.cell_type == "raw" and cell.source.lstrip().startswith(marker)


def _cells_with_blocks(master: Path):
    """Each cell of a master with the otter block it sits in ("solution", "tests", ... or None); the raw BEGIN/END
    markers of those blocks are consumed, the BEGIN/END QUESTION markers are passed on."""
    import nbformat

    block = None
    for cell in nbformat.read(master, as_version=4).cells:
        if _raw(cell, "# BEGIN ") and not _raw(cell, "# BEGIN QUESTION"):
            block = cell.source.split()[2].lower()
        elif _raw(cell, "# END ") and not _raw(cell, "# END QUESTION"):
            block = None
        else:
            yield cell, block


def questions(master: Path) -> dict[str, dict]:
    """Each question of a master by name: its ``points``, its ``stars`` (the ★ in its heading), its ``prompt``
    (markdown), the ``solution`` code and the ``tests`` (sources of its test cells, hidden ones included)."""
    found, current = {}, None
    for cell, block in _cells_with_blocks(master):
        if _raw(cell, "# BEGIN QUESTION"):
            name = re.search(r"name:\s*(\S+)", cell.source).group(1)
            points = re.search(r"points:\s*([0-9.]+)", cell.source)
            current = found[name] = {
                "points": float(points.group(1)) if points else 0.0,
                "stars": 0,
                "prompt": "",
                "solution": "",
                "tests": [],
            }
        elif _raw(cell, "# END QUESTION"):
            current = None
        elif current is not None and cell.cell_type == "markdown" and not current["prompt"]:
            current["prompt"] = cell.source
            current["stars"] = cell.source.splitlines()[0].count("★") if cell.source else 0
        elif current is not None and cell.cell_type == "code" and block == "solution":
            current["solution"] += cell.source + "\n"
        elif current is not None and cell.cell_type == "code" and block == "tests":
            current["tests"].append(cell.source.removeprefix("# HIDDEN").strip())
    return found


def solved(master: Path) -> dict:
    """The names a learner's notebook holds once every question of ``master`` is answered with its solution: the
    master's code cells run in order, without its setup, grader and test cells."""
    env: dict = {}
    for cell, block in _cells_with_blocks(master):
        if cell.cell_type == "code" and block != "tests" and "google.colab" not in cell.source:
            source = "\n".join(
                line for line in cell.source.splitlines() if not re.search(r"\b(otter|grader)\b", line)
            )
            exec(compile(source, master.name, "exec"), env)
    return env


def failures(tests: list[str], env: dict) -> list[str]:
    """Run a question's test cells against the names in ``env``, as otter does; return the failure messages."""
    messages = []
    for source in tests:
        namespace: dict = {}
        exec(compile(source, "<test>", "exec"), namespace)
        for name, test in namespace.items():
            if name.startswith("test") and callable(test):
                args = [env.get(arg) for arg in inspect.signature(test).parameters]
                try:
                    test(*args)
                except Exception as error:  # a test reports a learner's mistake as any exception
                    messages.append(f"{name}: {type(error).__name__}: {error}")
    return messages


def build(root: Path = ROOT, run_tests: bool = True, only: list[Path] | None = None) -> list[Path]:
    """Regenerate ``exercises/`` and ``_build/autograder/`` from the masters (all, or ``only`` these); return them.

    A chapter's old student notebook and public tests (``exNN_*.py``) are replaced whole. A student notebook whose
    content is unchanged keeps its committed cell ids, so regenerating leaves no diff.
    """
    exercises, autograders = root / "exercises", root / "_build" / "autograder"
    (exercises / "tests").mkdir(parents=True, exist_ok=True)
    autograders.mkdir(parents=True, exist_ok=True)
    chosen = [Path(m).resolve() for m in only] if only else masters(root)
    if not only:  # a full build also drops the exercises of masters that no longer exist
        for stale in exercises.glob("*.ipynb"):
            if not (root / "solutions" / stale.name).exists():
                stale.unlink()
    written = []
    for master in chosen:
        before = (exercises / master.name).read_text() if (exercises / master.name).exists() else None
        for old in (exercises / "tests").glob(f"ex{master.name[:2]}_*.py"):
            old.unlink()
        assigned = otter_assign(master, root / "_build" / "otter" / master.stem, run_tests)
        student = exercises / master.name
        shutil.copy(assigned / "student" / master.name, student)
        if before and without_cell_ids(before) == without_cell_ids(student.read_text()):
            student.write_text(before)
        for test in sorted((assigned / "student" / "tests").glob("*.py")):
            shutil.copy(test, exercises / "tests" / test.name)
        shutil.copy(autograder_zip(assigned), autograders / f"{master.stem}-autograder.zip")
        written.append(student)
    return written


if __name__ == "__main__":
    for notebook in build(only=sys.argv[1:] or None):
        print(f"wrote {notebook.relative_to(ROOT)} and its public tests")
    print(
        f"autograder zips (all tests, for instructors): {(ROOT / '_build' / 'autograder').relative_to(ROOT)}/"
    )
