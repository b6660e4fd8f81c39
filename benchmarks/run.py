"""`make bench`: run every chapter once in a fresh kernel; write its time, peak memory and quality figures.

Wall time runs from the kernel's start to the end of the last cell; peak memory is the kernel's largest resident
set (sampled every 0.1 s); the quality figures are the lines that ``dlbook.quality_bar`` printed.
Results go to ``benchmarks/results.md``.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import threading
import time
from datetime import date
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
# Design §3: every chapter runs in under 60 s on a 2-core CPU, these in under 90 s.
LONG_CHAPTERS = {"15", "16", "17", "18", "19", "21", "23"}
QUALITY = re.compile(r"Quality bar met: (.+)")


class PeakMemory(threading.Thread):
    def __init__(self, process: psutil.Process):
        super().__init__(daemon=True)
        self.process, self.peak, self.running = process, 0, True

    def run(self):
        while self.running:
            try:
                rss = self.process.memory_info().rss + sum(c.memory_info().rss for c in self.process.children(True))
            except psutil.Error:
                break
            self.peak = max(self.peak, rss)
            time.sleep(0.1)


def run_chapter(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        sampler = PeakMemory(psutil.Process(client.km.provisioner.process.pid))
        sampler.start()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        sampler.running = False
    wall = time.perf_counter() - start
    text = "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs)
    return {"chapter": path.stem, "wall_s": wall, "peak_mib": sampler.peak / 2**20,
            "quality": "; ".join(QUALITY.findall(text)) or "none printed"}


def main(names: list[str]) -> int:
    chapters = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if names:
        chapters = [p for p in chapters if any(p.stem.startswith(n) for n in names)]
    rows, over = [], []
    for path in chapters:
        print(f"running {path.name} ...", flush=True)
        row = run_chapter(path)
        budget = 90 if path.stem[:2] in LONG_CHAPTERS else 60
        row["budget_s"] = budget
        if row["wall_s"] > budget:
            over.append(path.stem)
        print(f"  {row['wall_s']:.1f} s (budget {budget} s), peak {row['peak_mib']:.0f} MiB, {row['quality']}")
        rows.append(row)
    lines = [
        "# Chapter benchmarks",
        "",
        f"Written by `make bench` on {date.today().isoformat()}: {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Wall time from kernel start to the last cell.",
        "",
        "| chapter | wall time (s) | budget (s) | peak memory (MiB) | quality |",
        "|---|---:|---:|---:|---|",
        *(f"| {r['chapter']} | {r['wall_s']:.1f} | {r['budget_s']} | {r['peak_mib']:.0f} | {r['quality']} |"
          for r in rows),
        "",
    ]
    if not names:
        (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines))
        print("wrote benchmarks/results.md")
    if over:
        print(f"over budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
