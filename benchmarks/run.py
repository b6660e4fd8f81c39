"""`make bench` and `make flake`: run chapters in fresh kernels and write what they cost and what they reached.

- ``python benchmarks/run.py [--backend jax] [NN ...]`` (``make bench [BACKEND=jax] [NAMES="04 07"]``): wall time
  (kernel start to the end of the last cell), peak memory (the kernel's largest resident set, sampled every 0.1 s)
  and quality figures (the lines ``dlbook.quality_bar`` printed) of each chapter, into its backend's columns of
  ``benchmarks/results.md``; rows of other chapters and the other backend are kept. A TensorFlow run also rewrites
  each chapter's header ("runs in about N s", its time rounded up to 5 s), which ``tests/test_structure.py`` checks
  against the table.
- ``python benchmarks/run.py --seeds 0 1 2 [-- NN ...]`` (``make flake SEEDS="0 1 2"``): each chapter once per seed
  (``DLBOOK_SEED``), pass or fail and the quality figures, into ``benchmarks/flake.md``.
- ``python benchmarks/run.py --headers-only [NN ...]`` (``make headers``): rewrite the headers from the table, running
  nothing.

Exit status 1 when a chapter fails or runs over its budget (design §3: 60 s, 90 s for the long chapters).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import sys
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
FLAKE = ROOT / "benchmarks" / "flake.md"
# Design §3: every chapter runs in under 60 s on a 2-core CPU, these in under 90 s.
LONG_CHAPTERS = {"14", "15", "16", "17", "18", "19", "21", "23"}
BACKENDS = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}
QUALITY = re.compile(r"Quality bar met: (.+)")
HEADER_TIME = re.compile(r"runs in about (\d+) s")


def budget(chapter: str) -> int:
    return 90 if chapter[:2] in LONG_CHAPTERS else 60


def header_seconds(wall_s: float) -> int:
    """The time a chapter's header states: its TensorFlow bench time, as the table shows it (to 0.1 s), rounded up
    to 5 s (from the table's figure, so that a header never disagrees with the table it was written from)."""
    return max(5, 5 * math.ceil(round(wall_s, 1) / 5))


def chapters(names: list[str]) -> list[Path]:
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if names:
        paths = [p for p in paths if any(p.stem.startswith(n) for n in names)]
        if not paths:
            raise SystemExit(f"no chapter matches {names}")
    return paths


# --- running a chapter -------------------------------------------------------------------------------------------


class PeakMemory(threading.Thread):
    def __init__(self, process):
        super().__init__(daemon=True)
        self.process, self.peak, self.running = process, 0, True

    def run(self):
        import psutil

        while self.running:
            try:
                rss = self.process.memory_info().rss + sum(
                    c.memory_info().rss for c in self.process.children(True)
                )
            except psutil.Error:
                break
            self.peak = max(self.peak, rss)
            time.sleep(0.1)


def run_chapter(path: Path, env: dict[str, str] | None = None) -> dict:
    """Run one chapter in a fresh kernel with ``env`` added to the environment; never raises on a failing cell."""
    import nbformat
    import psutil
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    error = None
    start = time.perf_counter()
    with client.setup_kernel(env={**os.environ, **(env or {})}):
        sampler = PeakMemory(psutil.Process(client.km.provisioner.process.pid))
        sampler.start()
        try:
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            error = _short_error(exc)
        sampler.running = False
    wall = time.perf_counter() - start
    text = "\n".join(
        out.get("text", "") for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
    )
    return {
        "chapter": path.stem,
        "wall_s": wall,
        "peak_mib": sampler.peak / 2**20,
        "error": error,
        "quality": "; ".join(QUALITY.findall(text)) or "none printed",
    }


def _short_error(exc: Exception) -> str:
    """``AssertionError: Quality bar missed: ...``: the failing cell's error name and value, on one line."""
    name, value = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    return re.sub(r"\s+", " ", f"{name}: {value}").replace("|", "/")[:300]


# --- benchmarks/results.md ---------------------------------------------------------------------------------------


def _table_rows(block: str) -> list[list[str]]:
    rows = []
    for line in block.splitlines():
        if line.startswith("|") and not re.match(r"^\|[-:| ]+\|$", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def read_results(path: Path = RESULTS) -> tuple[dict, dict, str]:
    """``({chapter: {backend: {wall_s, peak_mib, quality}}}, {backend: machine line}, other sections)``."""
    table: dict[str, dict[str, dict]] = {}
    machines: dict[str, str] = {}
    if not path.exists():
        return table, machines, ""
    text = path.read_text()
    sections = re.split(r"^(?=## )", text, flags=re.M)
    head, rest = sections[0], sections[1:]
    quality_section = next((s for s in rest if s.startswith("## Quality figures")), "")
    others = "".join(s for s in rest if not s.startswith("## Quality figures"))
    rows = _table_rows(head)
    if rows and rows[0][:2] == [
        "chapter",
        "wall time (s)",
    ]:  # the first format: TensorFlow only, quality inline
        for chapter, wall, _budget, peak, quality in (r[:5] for r in rows[1:]):
            table[chapter] = {
                "tensorflow": {"wall_s": float(wall), "peak_mib": float(peak), "quality": quality}
            }
        found = re.search(r"Written by `make bench` on (.+?)\. Wall time", head)
        if found:
            machines["tensorflow"] = found.group(1)
        return table, machines, others
    if rows:
        columns = rows[0]
        for row in rows[1:]:
            entry = table.setdefault(row[0], {})
            for key, label in BACKENDS.items():
                if f"{label} (s)" in columns and row[columns.index(f"{label} (s)")] not in ("", "—"):
                    entry[key] = {
                        "wall_s": float(row[columns.index(f"{label} (s)")]),
                        "peak_mib": float(row[columns.index(f"peak {label} (MiB)")]),
                        "quality": "",
                    }
    for chapter, label, quality in (r[:3] for r in _table_rows(quality_section)[1:]):
        key = next(k for k, v in BACKENDS.items() if v == label)
        table.setdefault(chapter, {}).setdefault(key, {"wall_s": float("nan"), "peak_mib": float("nan")})
        table[chapter][key]["quality"] = quality
    for key, label in BACKENDS.items():
        found = re.search(rf"^- {label}: (.+)$", head, re.M)
        if found:
            machines[key] = found.group(1)
    return table, machines, others


def write_results(table: dict, machines: dict, others: str, path: Path = RESULTS) -> None:
    backends = [key for key in BACKENDS if any(key in entry for entry in table.values())]
    labels = [BACKENDS[key] for key in backends]

    def cell(entry, key, field, digits):
        return f"{entry[key][field]:.{digits}f}" if key in entry else "—"

    lines = [
        "# Chapter benchmarks",
        "",
        "Written by `make bench` (`make bench BACKEND=jax` for the JAX columns). Wall time runs from the kernel's start "
        "to the end of the last cell; each chapter's header states its TensorFlow time rounded up to 5 s.",
        "",
        *(f"- {BACKENDS[key]}: {machines[key]}" for key in backends if key in machines),
        "",
        "| chapter | "
        + " | ".join(f"{label} (s)" for label in labels)
        + " | budget (s) | "
        + " | ".join(f"peak {label} (MiB)" for label in labels)
        + " |",
        "|---|" + "---:|" * (2 * len(labels) + 1),
        *(
            f"| {chapter} | "
            + " | ".join(cell(entry, key, "wall_s", 1) for key in backends)
            + f" | {budget(chapter)} | "
            + " | ".join(cell(entry, key, "peak_mib", 0) for key in backends)
            + " |"
            for chapter, entry in sorted(table.items())
        ),
        "",
        "## Quality figures",
        "",
        "| chapter | backend | quality |",
        "|---|---|---|",
        *(
            f"| {chapter} | {BACKENDS[key]} | {entry[key]['quality']} |"
            for chapter, entry in sorted(table.items())
            for key in backends
            if key in entry
        ),
        "",
    ]
    path.write_text("\n".join(lines) + ("\n" + others.rstrip() + "\n" if others.strip() else ""))


def _machine() -> str:
    return (
        f"{date.today().isoformat()}, {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the start"
    )


# --- chapter headers ---------------------------------------------------------------------------------------------


def rewrite_header(path: Path, seconds: int) -> bool:
    """Set "runs in about N s" in the header cell of ``path``; only that text changes in the file. True if changed."""
    import json

    raw = path.read_text()
    header = "".join(json.loads(raw)["cells"][0]["source"])
    found = HEADER_TIME.search(header)
    if not found:
        raise ValueError(f"{path.name}: the header has no 'runs in about N s'")
    if int(found.group(1)) == seconds:
        return False
    new = HEADER_TIME.sub(f"runs in about {seconds} s", raw, count=1)  # the header is the first cell
    assert "".join(json.loads(new)["cells"][0]["source"]) != header
    path.write_text(new)
    return True


def rewrite_headers(paths: list[Path], table: dict) -> None:
    for path in paths:
        entry = table.get(path.stem, {}).get("tensorflow")
        if entry is None:
            print(
                f"  {path.stem}: no TensorFlow time in {RESULTS.name}; run make bench NAMES={path.stem[:2]}"
            )
        elif rewrite_header(path, header_seconds(entry["wall_s"])):
            print(f"  {path.stem}: header now says about {header_seconds(entry['wall_s'])} s")


# --- the commands ------------------------------------------------------------------------------------------------


def bench(paths: list[Path], backend: str, results: Path, headers: bool) -> int:
    table, machines, others = read_results(results)
    failed = []
    for path in paths:
        print(f"running {path.name} on {BACKENDS[backend]} ...", flush=True)
        row = run_chapter(path, {"KERAS_BACKEND": backend})
        over = row["wall_s"] > budget(path.stem)
        print(
            f"  {row['wall_s']:.1f} s (budget {budget(path.stem)} s), peak {row['peak_mib']:.0f} MiB, "
            f"{row['error'] or row['quality']}",
            flush=True,
        )
        if row["error"] or over:
            failed.append(f"{path.stem}: {row['error'] or 'over budget'}")
        if not row["error"]:
            table.setdefault(path.stem, {})[backend] = {k: row[k] for k in ("wall_s", "peak_mib", "quality")}
    machines[backend] = _machine()
    write_results(table, machines, others, results)
    print(f"wrote {results}")
    if headers and backend == "tensorflow":
        rewrite_headers(paths, table)
    for line in failed:
        print(f"FAILED {line}", file=sys.stderr)
    return 1 if failed else 0


def flake(paths: list[Path], seeds: list[str], output: Path) -> int:
    """Each chapter with each seed: a table chapter x seed of pass/fail, time and quality figures."""
    cells: dict[str, dict[str, str]] = {}
    if output.exists():  # keep the rows of chapters and seeds not run this time
        rows = _table_rows(output.read_text())
        if rows:
            for row in rows[1:]:
                cells[row[0]] = dict(zip(rows[0][1:], row[1:], strict=False))
    failed = []
    for path in paths:
        for seed in seeds:
            print(f"running {path.name} with DLBOOK_SEED={seed} ...", flush=True)
            row = run_chapter(path, {"DLBOOK_SEED": seed})
            verdict = (
                f"**FAIL** {row['error']}"
                if row["error"]
                else f"pass, {row['wall_s']:.0f} s: {row['quality']}"
            )
            print(f"  {verdict}", flush=True)
            cells.setdefault(path.stem, {})[f"seed {seed}"] = verdict
            if row["error"]:
                failed.append(f"{path.stem} (seed {seed}): {row['error']}")
    columns = sorted({c for row in cells.values() for c in row}, key=lambda c: int(c.split()[-1]))
    lines = [
        "# Seeds",
        "",
        f'Last written by `make flake SEEDS="{" ".join(seeds)}"` on {_machine()}: every chapter run once per seed '
        "(`DLBOOK_SEED`), on TensorFlow. Each cell: pass or fail, wall time, and the quality figures asserted.",
        "",
        "| chapter | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
        *(
            f"| {chapter} | " + " | ".join(row.get(c, "—") for c in columns) + " |"
            for chapter, row in sorted(cells.items())
        ),
        "",
    ]
    output.write_text("\n".join(lines))
    print(f"wrote {output}")
    for line in failed:
        print(f"FAILED {line}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="chapter numbers or name prefixes (default: every chapter)")
    parser.add_argument("--backend", default="tensorflow", choices=sorted(BACKENDS), help="Keras backend")
    parser.add_argument("--seeds", nargs="+", help="run `make flake` with these seeds instead of the bench")
    parser.add_argument(
        "--headers-only", action="store_true", help="rewrite the chapter headers from the table"
    )
    parser.add_argument("--no-headers", action="store_true", help="leave the chapter headers as they are")
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="the bench table (default: %(default)s)"
    )
    parser.add_argument(
        "--flake-table", type=Path, default=FLAKE, help="the seeds table (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    paths = chapters(args.names)
    if args.headers_only:
        rewrite_headers(paths, read_results(args.results)[0])
        return 0
    if args.seeds:
        return flake(paths, args.seeds, args.flake_table)
    return bench(paths, args.backend, args.results, headers=not args.no_headers)


if __name__ == "__main__":
    raise SystemExit(main())
