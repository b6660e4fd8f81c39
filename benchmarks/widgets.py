"""Widget redraw latency in the kernel: for every widget of ``dlbook.widgets.gallery``, 20 control changes as a
learner makes them (each control in turn, through values it offers), from setting the value to the new PNG.

    python benchmarks/widgets.py [--changes 20] [--only NAME ...] [--output benchmarks/results.md]

Writes a Markdown table (median and 95th percentile of the wall-clock time, and the median CPU time of the process,
which a busy machine inflates less) as the "Widget redraw latency" section of ``--output``, whose other sections
are kept (the section is replaced whole: the committed table comes from a run of every widget). The goal is a p95 under 100 ms for every widget whose controls
do not build or train a Keras model. The browser adds the transfer and the decoding of the PNG on top.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_MS = 100
SECTION = "## Widget redraw latency"


def changes(widget, n: int):
    """``n`` (control, value) pairs: every control in turn, each through values it offers at that moment (a menu
    may change what another control offers), round robin."""
    from dlbook.widgets.gallery import control_values, value_controls

    controls = [control for control in value_controls(widget) if control_values(control)]
    for k in range(n):
        control = controls[k % len(controls)]
        values = control_values(control)
        if values:
            yield control, values[(k // len(controls)) % len(values)]


def measure(name: str, n: int) -> dict:
    from dlbook.widgets.gallery import GALLERY

    example = GALLERY[name]
    start = time.perf_counter()
    widget = example.build()
    built = time.perf_counter() - start
    wall, cpu = [], []
    for control, value in changes(widget, n):
        w0, c0 = time.perf_counter(), time.process_time()
        control.value = value
        wall.append(1000 * (time.perf_counter() - w0))
        cpu.append(1000 * (time.process_time() - c0))
    return {
        "name": name,
        "build_s": built,
        "changes": len(wall),
        "median": statistics.median(wall),
        "p95": percentile(wall, 95),
        "cpu": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 95),
        "trains": example.trains,
        "error": widget.error,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def table(rows: list[dict]) -> str:
    lines = [
        "| widget | changes | median (ms) | p95 (ms) | CPU median (ms) | CPU p95 (ms) | goal p95 < 100 ms |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        goal = (
            "n/a (builds a Keras model)" if r["trains"] else ("met" if r["p95"] < GOAL_MS else "**missed**")
        )
        lines.append(
            f"| {r['name']} | {r['changes']} | {r['median']:.0f} | {r['p95']:.0f} | {r['cpu']:.0f} | "
            f"{r['cpu_p95']:.0f} | {goal} |"
        )
    return "\n".join(lines)


def main() -> None:
    from threadpoolctl import threadpool_limits

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--output", default=str(Path(__file__).with_name("results.md")))
    args = parser.parse_args()
    from dlbook.widgets.gallery import GALLERY

    names = args.only or list(GALLERY)
    rows = []
    with threadpool_limits(limits=1, user_api="blas"):
        for name in names:
            row = measure(name, args.changes)
            rows.append(row)
            print(
                f"{name:<24} median {row['median']:6.0f} ms  p95 {row['p95']:6.0f} ms  CPU median {row['cpu']:4.0f} ms"
                f"  CPU p95 {row['cpu_p95']:4.0f} ms",
                flush=True,
            )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    text = (
        f"{SECTION}\n\n{args.changes} control changes per widget, from setting the value to the new PNG "
        f"(`python benchmarks/widgets.py`, {datetime.date.today().isoformat()}). Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load average {load:.1f} when it finished.\n\n"
        f"{table(rows)}\n"
    )
    write_section(Path(args.output), text)
    print(f"written to {args.output}")


def write_section(path: Path, section: str) -> None:
    """Put ``section`` (which starts with ``SECTION``) in the Markdown file at ``path``, in place of the one there."""
    text = path.read_text() if path.exists() else ""
    others = [part for part in re.split(r"^(?=## )", text, flags=re.M) if not part.startswith(SECTION)]
    path.write_text(
        "".join(part if part.endswith("\n\n") else part.rstrip("\n") + "\n\n" for part in others) + section
    )


if __name__ == "__main__":
    main()
