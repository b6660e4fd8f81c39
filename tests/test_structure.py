"""Every notebook follows the chapter contract, is in the table of contents and is committed stripped."""

import re

import nbformat
import pytest
import yaml

from dlbook import course

ROOT = course.ROOT
CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
MASTERS = sorted((ROOT / "solutions").glob("*.ipynb"))


def _toc_files():
    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                yield node["file"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return {toc["root"], *walk(toc["parts"])}


def _read(path):
    return nbformat.read(path, as_version=4)


def _id(path):
    return path.name


def test_there_are_chapters_with_exercises():
    assert CHAPTERS and [p.name for p in EXERCISES] == [p.name for p in MASTERS]


@pytest.mark.parametrize("path", CHAPTERS + EXERCISES, ids=_id)
def test_notebook_is_in_the_table_of_contents(path):
    assert path.relative_to(ROOT).with_suffix("").as_posix() in _toc_files()


def test_every_toc_entry_exists():
    for entry in _toc_files():
        assert any((ROOT / f"{entry}{suffix}").exists() for suffix in (".md", ".ipynb")), entry


@pytest.mark.parametrize("path", CHAPTERS + EXERCISES + MASTERS, ids=_id)
def test_committed_without_outputs(path):
    for cell in _read(path).cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name}: run nbstripout on it"


@pytest.mark.parametrize("path", CHAPTERS + MASTERS, ids=_id)
def test_colab_link_and_setup_cell_match_the_repository(path):
    header, setup = course.header_and_setup(_read(path))
    assert course.colab_link(course.published_path(path)) in header.source, "run `make sync`"
    assert setup.source == course.expected_setup(path, setup.source), "run `make sync`"


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_chapter_contract(path):
    cells = _read(path).cells
    number = path.name[:2]
    header = cells[0]
    assert header.cell_type == "markdown" and header.source.startswith(f"# {number}. ")
    assert re.search(r"runs in about \d+ s on a laptop CPU", header.source)
    goals = re.search(r"\*\*In this chapter you will learn\*\*\n((?:- .+\n?)+)", header.source)
    assert goals and 3 <= len(goals.group(1).strip().splitlines()) <= 5, "3 to 5 learning goals"
    assert cells[1].cell_type == "code" and "dlbook.setup(" in cells[1].source

    headings = [c.source.splitlines()[0] for c in cells if c.cell_type == "markdown"]
    assert headings[-3:] == ["## Summary", "## Exercises", "## Further reading"]
    assert f"](../exercises/{path.name})" in cells[-2].source
    assert sum(h.startswith("## ") for h in headings) >= 6, "a chapter has sections"

    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    assert "np.testing.assert_allclose(" in code, "from scratch, checked against Keras"
    assert "dlbook.quality_bar(" in code, "a trained model with an asserted quality bar"
    assert "from dlbook.widgets import" in code, "at least one widget"
    assert not re.search(r"\btf\.", code), "Keras 3 and keras.ops, not tf.*"


def _bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


@pytest.mark.parametrize("path", CHAPTERS, ids=_id)
def test_header_time_comes_from_the_bench(path):
    """The header's "runs in about N s" is the chapter's TensorFlow time in benchmarks/results.md, rounded up to 5 s."""
    bench = _bench()
    measured = bench.read_results()[0].get(path.stem, {}).get("tensorflow")
    assert measured, (
        f"{path.stem} has no time in benchmarks/results.md: run `make bench NAMES={path.stem[:2]}`"
    )
    stated = int(re.search(r"runs in about (\d+) s", _read(path).cells[0].source).group(1))
    expected = bench.header_seconds(measured["wall_s"])
    assert stated == expected, (
        f"the header says {stated} s, the bench {measured['wall_s']:.1f} s: run "
        f"`make headers NAMES={path.stem[:2]}` (or `make bench NAMES={path.stem[:2]}`)"
    )


def test_header_rewrite_changes_only_the_time(tmp_path):
    bench = _bench()
    copy = tmp_path / CHAPTERS[0].name
    copy.write_text(CHAPTERS[0].read_text())
    before = _read(copy)
    assert bench.rewrite_header(copy, 995)
    after = _read(copy)
    assert "runs in about 995 s" in after.cells[0].source
    assert re.sub(r"about \d+ s", "", after.cells[0].source) == re.sub(
        r"about \d+ s", "", before.cells[0].source
    )
    assert after.cells[1:] == before.cells[1:]
    assert (
        bench.header_seconds(11.7) == 15
        and bench.header_seconds(20.0) == 20
        and bench.header_seconds(0.5) == 5
    )


def test_bench_table_round_trips(tmp_path):
    bench = _bench()
    table, machines, others = bench.read_results()
    table.setdefault("99_example", {})["jax"] = {
        "wall_s": 12.34,
        "peak_mib": 700.0,
        "quality": "x = 1 (required >= 0)",
    }
    copy = tmp_path / "results.md"
    bench.write_results(table, machines, others + "## Widget redraw\n\nkept as it is\n", copy)
    again = bench.read_results(copy)
    assert (
        again[0]["99_example"]["jax"]["wall_s"] == 12.3
        or abs(again[0]["99_example"]["jax"]["wall_s"] - 12.3) < 1e-9
    )
    assert set(again[0]) == set(table) and "kept as it is" in again[2]


AUTHORING_MODULES = {
    "course",
    "exercises",
    "execution",
    "grade",
}  # need `dlbook[authoring]`; chapters never import them
OPTIONAL_BACKENDS = {"tensorflow", "jax", "torch"}  # Keras backends: dlbook reports whichever is installed


def _imports(path):
    import ast

    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_every_import_of_the_package_is_declared():
    """A Colab learner installs the package alone (`pip install .`): what it imports must be in its dependencies."""
    import sys
    from importlib.metadata import packages_distributions

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

    def names(requirements):
        return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}

    learner, authoring = names(project["dependencies"]), names(project["optional-dependencies"]["authoring"])
    distributions = packages_distributions()
    missing = []
    for path in sorted((ROOT / "dlbook").rglob("*.py")):
        declared = learner | (authoring if path.stem in AUTHORING_MODULES else set())
        for module in set(_imports(path)) - set(sys.stdlib_module_names) - {"dlbook"} - OPTIONAL_BACKENDS:
            dists = {d.lower() for d in distributions.get(module, [module])}
            if not dists & declared:
                missing.append(f"{path.relative_to(ROOT)} imports {module} ({', '.join(sorted(dists))})")
    assert not missing, "declare in pyproject.toml:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("solutions/*.ipynb")) + sorted(ROOT.glob("exercises/*.ipynb")),
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_exercise_pages_highlight_ipython(path):
    """The site shows these pages unexecuted: without IPython's lexer, the setup cell's `!` lines fail the -W build."""
    lexer = _read(path).metadata.get("language_info", {}).get("pygments_lexer")
    assert lexer == "ipython3", (
        f"{path}: set metadata.language_info.pygments_lexer to 'ipython3' (got {lexer!r})"
    )


def test_a_test_group_runs_on_one_worker(request):
    """tests/conftest.py groups tests for pytest-xdist (`--dist loadgroup`): a module fixture (`make book`, an
    `otter assign`, a graded folder) is then built once, on one worker. xdist marks the group in the node id; a
    pytest that drops that mark (9.2, pytest-xdist#1386) spreads a group over both workers, and each builds it."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@test_structure"), (
        f"{request.node.nodeid}: pytest-xdist lost the test's group; see the pytest pin in requirements.txt"
    )
