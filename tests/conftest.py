"""Test settings: nothing the tests start (Keras, matplotlib, Jupyter kernels, otter) writes into the home folder,
except pip's download cache, which the Colab test shares with `make install` (so it downloads nothing again)."""

import os
import tempfile
from pathlib import Path

import platformdirs

os.environ.setdefault("PIP_CACHE_DIR", platformdirs.user_cache_dir("pip"))  # before HOME moves
_scratch = Path(tempfile.mkdtemp(prefix="dlbook-tests-"))
for variable, folder in {
    "HOME": "home",
    "KERAS_HOME": "keras",
    "MPLCONFIGDIR": "matplotlib",
    "IPYTHONDIR": "ipython",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
}.items():
    os.environ[variable] = str(_scratch / folder)
    (_scratch / folder).mkdir()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

# Test tiers, each of which runs alone: `pytest -m notebooks`, `-m exercises`, `-m site`; `make check` runs the rest
# (unit and structure tests, no notebook executed). Markers are registered in pyproject.toml.
import re  # noqa: E402

import pytest  # noqa: E402

# The exercises tier also holds the slow tests of the exercises' tooling: grading folders of submissions with
# `otter run`, and the Colab setup cell installed into a fresh environment from the package registry.
TIERS = {
    "test_notebooks.py": "notebooks",
    "test_exercises.py": "exercises",
    "test_problem_sets.py": "exercises",
    "test_grading.py": "grading",
    "test_colab.py": "exercises",
    "test_site.py": "site",
}
_RESULTS = Path(__file__).resolve().parent.parent / "benchmarks" / "results.md"


def _bench_seconds() -> dict[str, float]:
    """Each chapter's time in benchmarks/results.md, to start the longest chapters first."""
    try:
        text = _RESULTS.read_text()
    except OSError:
        return {}
    return {
        name: float(seconds) for name, seconds in re.findall(r"^\| (\d\d_\w+) \| ([\d.]+) \|", text, re.M)
    }


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark each test with its tier, and group tests for pytest-xdist (`--dist loadgroup`).

    A test file is one group (as `--dist loadfile` did: module fixtures such as `otter assign` run once), except the
    notebooks tier, where each chapter is its own group, so two chapters run side by side on two cores; the
    exercises, where each master is its own group (its `otter assign` fixture runs once, on one worker); and files
    marked `independent` (no module fixture), where each test is, so that a long file is shared by both workers.
    Chapters go first, longest first; then the Colab test, which needs no chapter, for the worker whose chapters end
    first; then the site tests, whose `make book` waits for any chapter still running and renders them from their
    executions; then the other slow tiers, and the quick tests last, so that neither worker is left alone with a long
    group at the end.
    """
    seconds = _bench_seconds()
    for item in items:
        tier = TIERS.get(item.path.name)
        if tier:
            item.add_marker(getattr(pytest.mark, tier))
        if tier == "notebooks":
            chapter = item.callspec.id if hasattr(item, "callspec") else item.name
            item.add_marker(pytest.mark.xdist_group(f"chapter-{chapter}"))
        elif item.path.name == "test_exercises.py" and hasattr(item, "callspec"):
            # one master's otter runs
            item.add_marker(pytest.mark.xdist_group(f"exercises-{item.callspec.id}"))
        elif item.get_closest_marker("independent"):
            item.add_marker(pytest.mark.xdist_group(item.nodeid))
        else:
            item.add_marker(pytest.mark.xdist_group(item.path.stem))

    def order(pair):
        index, item = pair
        tier = TIERS.get(item.path.name)
        if tier == "notebooks":
            chapter = item.callspec.id if hasattr(item, "callspec") else ""
            return (0, -seconds.get(chapter, 60.0), index)
        # the Colab test needs no chapter: the worker whose chapters end first takes it
        if item.path.name == "test_colab.py":
            return (1, 0, index)
        return ({"site": 2, "exercises": 3, "grading": 3}.get(tier, 4), 0, index)

    items[:] = [item for _, item in sorted(enumerate(items), key=order)]
