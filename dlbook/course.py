"""Course tooling: the repository URL from ``_config.yml``, and the Colab link and setup cell of every notebook.

The repository is named in one place, ``_config.yml``. ``python -m dlbook.course sync`` (``make sync``) rewrites
each notebook's "Open in Colab" link and its setup cell from that URL; the structure tests check they agree.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_FOLDERS = ("notebooks", "solutions")
COLAB_LINK = re.compile(r"\[Open in Colab\]\([^)]*\)")

SETUP_CELL = """\
# Setup: in Colab, install the course first (about a minute); elsewhere this installs nothing.
# For another Keras backend, uncomment the next line (it must run before anything imports Keras):
# import os; os.environ["KERAS_BACKEND"] = "jax"
import sys

if "google.colab" in sys.modules:
    !git clone --quiet --depth 1 {url} /content/dlbook-course 2>/dev/null || true
    %pip install --quiet /content/dlbook-course

import dlbook

SEED = dlbook.setup(seed={seed})  # the environment variable DLBOOK_SEED, when set, overrides this seed"""

EXERCISE_SETUP_CELL = """\
# Setup: in Colab, fetch the course and its tests first (about a minute); elsewhere this installs nothing.
# Colab's preinstalled packages are held at their versions (a constraints file), so nothing needs a restart.
import sys

if "google.colab" in sys.modules:
    !git clone --quiet --depth 1 {url} /content/dlbook-course 2>/dev/null || true
    !pip list --format=freeze > /content/preinstalled.txt
    %pip install --quiet -c /content/preinstalled.txt /content/dlbook-course otter-grader
    %cd /content/dlbook-course/exercises"""


def repository_url(root: Path = ROOT) -> str:
    """The repository URL named in ``_config.yml`` (without a trailing slash or ``.git``)."""
    config = yaml.safe_load((root / "_config.yml").read_text())
    return config["repository"]["url"].rstrip("/").removesuffix(".git")


def colab_url(notebook: Path, root: Path = ROOT) -> str:
    """The Colab address that opens ``notebook`` (a path inside the repository) from GitHub."""
    repo = repository_url(root).removeprefix("https://github.com/")
    return (
        f"https://colab.research.google.com/github/{repo}/blob/main/{notebook.relative_to(root).as_posix()}"
    )


def colab_link(notebook: Path, root: Path = ROOT) -> str:
    return f"[Open in Colab]({colab_url(notebook, root)})"


def setup_cell(seed: int = 0, root: Path = ROOT) -> str:
    """The setup cell of a chapter notebook."""
    return SETUP_CELL.format(url=repository_url(root), seed=seed)


def exercise_setup_cell(root: Path = ROOT) -> str:
    """The setup cell of an exercise master (and so of the student notebook made from it)."""
    return EXERCISE_SETUP_CELL.format(url=repository_url(root))


def published_path(path: Path, root: Path = ROOT) -> Path:
    """Where a notebook is opened from: an exercise master in solutions/ is published as exercises/<same name>."""
    return root / "exercises" / path.name if path.parent.name == "solutions" else path


def expected_setup(path: Path, source: str, root: Path = ROOT) -> str:
    """The setup cell a notebook should have, keeping the seed its current setup cell chose."""
    if path.parent.name == "solutions":
        return exercise_setup_cell(root)
    return setup_cell(setup_seed(source), root)


def setup_seed(source: str) -> int:
    """The seed passed to ``dlbook.setup`` in a setup cell's source (0 when none is found)."""
    match = re.search(r"dlbook\.setup\(seed=(\d+)\)", source)
    return int(match.group(1)) if match else 0


def course_notebooks(root: Path = ROOT) -> list[Path]:
    """The chapter notebooks and the exercise masters, sorted."""
    return sorted(p for folder in NOTEBOOK_FOLDERS for p in (root / folder).glob("*.ipynb"))


def header_and_setup(nb) -> tuple:
    """A notebook's header (its first markdown cell) and setup cell (its first code cell)."""
    header = next(cell for cell in nb.cells if cell.cell_type == "markdown")
    setup = next(cell for cell in nb.cells if cell.cell_type == "code")
    return header, setup


def sync_notebook(path: Path, root: Path = ROOT) -> bool:
    """Rewrite the Colab link in the header and the setup cell of one notebook; True if it changed."""
    nb = nbformat.read(path, as_version=4)
    header, setup = header_and_setup(nb)
    new_header = COLAB_LINK.sub(colab_link(published_path(path, root), root), header.source)
    new_setup = expected_setup(path, setup.source, root)
    if (new_header, new_setup) == (header.source, setup.source):
        return False
    header.source, setup.source = new_header, new_setup
    nbformat.write(nb, path)
    return True


def main(argv: list[str]) -> int:
    if argv != ["sync"]:
        print("usage: python -m dlbook.course sync", file=sys.stderr)
        return 2
    for path in course_notebooks():
        if sync_notebook(path):
            print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
