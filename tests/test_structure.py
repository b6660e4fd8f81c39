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
