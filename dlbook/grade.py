"""Grade a folder of submitted exercise notebooks: ``python -m dlbook.grade DIR`` (``make grade SUBMISSIONS=DIR``).

Each submission is graded by ``otter run`` with its chapter's autograder (all tests, hidden ones included), in a
process of its own, in a folder of its own that holds a copy of the notebook, under a time limit and a memory limit.
A submission that loops, crashes its kernel, calls ``exit()``, prints megabytes, deletes files or redefines
``grader`` or the tests can only spoil its own grade. The scores go to one CSV, a row per submission.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from dlbook.exercises import ROOT, autograder_zip, masters, otter_assign, questions

TIME_LIMIT_S = 300
MEMORY_LIMIT_BYTES = 6 * 2**30


def chapter_of(submission: Path) -> str:
    """The exercise set a submission answers: otter's assignment name in its metadata, else its file name."""
    try:
        name = json.loads(submission.read_text())["metadata"]["otter"]["assignment_name"]
    except (ValueError, KeyError, TypeError):
        name = submission.stem
    for master in masters():
        if master.stem == name or name.startswith(master.stem) or master.stem.startswith(name[:2] + "_"):
            return master.stem
    raise ValueError(f"{submission.name}: no exercise set matches it; name it like exercises/NN_slug.ipynb.")


def _limits(memory_bytes: int):
    def apply():
        os.setsid()  # its own process group, so a time-out stops the kernel it started too
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return apply


def grade_one(
    submission: Path,
    autograder: Path,
    time_limit_s: float = TIME_LIMIT_S,
    memory_bytes: int = MEMORY_LIMIT_BYTES,
) -> tuple[dict[str, float], str]:
    """Grade one submission in a scratch folder; return ({question: score}, status)."""
    with tempfile.TemporaryDirectory(prefix="dlbook-grade-") as scratch:
        work, out = Path(scratch) / "work", Path(scratch) / "out"
        work.mkdir()
        out.mkdir()
        notebook = work / submission.name
        shutil.copy(submission, notebook)
        command = [
            sys.executable,
            "-m",
            "otter",
            "run",
            "--no-logo",
            "-a",
            str(autograder),
            "-o",
            str(out),
            str(notebook),
        ]
        log = Path(scratch) / "otter.log"
        with log.open("wb") as errors:
            process = subprocess.Popen(
                command,
                cwd=work,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                stdin=subprocess.DEVNULL,
                preexec_fn=_limits(memory_bytes),
            )
        try:
            process.wait(timeout=time_limit_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return {}, f"stopped after {time_limit_s:g} s"
        results = out / "results.json"
        if not results.exists():
            last = log.read_text(errors="replace").strip().splitlines()[-1:] or ["no message"]
            return (
                {},
                f"its notebook could not be run to the end (the kernel died, or it called exit()): {last[0]:.200}",
            )
        tests = json.loads(results.read_text())["tests"]
        return {t["name"]: float(t["score"]) for t in tests if t.get("max_score")}, "graded"


def grade_folder(folder: Path, csv_path: Path, **limits) -> list[dict]:
    """Grade every notebook in ``folder`` and write one CSV of scores; return its rows."""
    submissions = sorted(folder.glob("*.ipynb"))
    if not submissions:
        raise ValueError(f"{folder} holds no .ipynb submissions.")
    # Each run assigns into a folder of its own: `make exercises` (or a second grading run) rewriting _build/otter
    # meanwhile would otherwise delete the autograder zip under the submissions being graded.
    with tempfile.TemporaryDirectory(prefix="dlbook-autograders-") as assigned:
        rows = _grade_each(submissions, Path(assigned), **limits)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with csv_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return rows


def _grade_each(submissions: list[Path], assigned: Path, **limits) -> list[dict]:
    """A row per submission, each chapter's autograder assigned once into ``assigned``."""
    zips, rows = {}, []
    for submission in submissions:
        try:
            chapter = chapter_of(submission)
        except ValueError as error:
            rows.append({"submission": submission.name, "chapter": "", "total": 0.0, "status": str(error)})
            continue
        if chapter not in zips:
            master = ROOT / "solutions" / f"{chapter}.ipynb"
            zips[chapter] = (
                autograder_zip(otter_assign(master, assigned / chapter, False)),
                questions(master),
            )
        autograder, asked = zips[chapter]
        scores, status = grade_one(submission, autograder, **limits)
        row = {"submission": submission.name, "chapter": chapter}
        row.update({name: scores.get(name, 0.0) for name in asked})
        row.update(
            total=sum(scores.get(name, 0.0) for name in asked),
            possible=sum(q["points"] for q in asked.values()),
            status=status,
        )
        rows.append(row)
    return rows


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: python -m dlbook.grade SUBMISSIONS_FOLDER (make grade SUBMISSIONS=folder)")
    folder = Path(sys.argv[1])
    graded = grade_folder(folder, folder / "grades.csv")
    for row in graded:
        print(f"{row['submission']}: {row['total']:g} / {row.get('possible', 0):g} ({row['status']})")
    print(f"scores written to {folder / 'grades.csv'}")
