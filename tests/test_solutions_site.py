"""The website's Solutions part: each master shown without its tests, solutions collapsed, and a switch to withhold it."""

import importlib.util
import json

import pytest
from sphinx_external_toc.parsing import parse_toc_yaml

from dlbook import exercises

ROOT = exercises.ROOT
_spec = importlib.util.spec_from_file_location("dlbook_site", ROOT / "book" / "ext" / "dlbook_site.py")
site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(site)


@pytest.mark.parametrize("master", exercises.masters(), ids=lambda p: p.stem)
def test_a_solution_page_shows_prompts_and_solutions_but_no_test(master):
    page = site.solution_page(json.loads(master.read_text()))
    sources = ["".join(cell["source"]) for cell in page["cells"]]
    assert sources[0].startswith("# Solutions ")
    assert all(cell["cell_type"] != "raw" for cell in page["cells"]), "otter's markers are left out"
    assert not any("def test_" in s or "otter" in s or "SOLUTION" in s for s in sources), "no test, no grader"
    hidden = [cell for cell in page["cells"] if "hide-input" in cell["metadata"].get("tags", [])]
    solutions = [q["solution"] for q in exercises.questions(master).values()]
    assert len(hidden) >= len(solutions) > 0, "every solution sits behind a 'Show solution' toggle"


def test_every_master_is_in_the_solutions_part_and_the_switch_removes_it():
    site_map = parse_toc_yaml(ROOT / "_toc.yml")
    listed = {f"solutions/{m.stem}" for m in exercises.masters()}
    assert set(site.drop_solutions(site_map)) == listed
    assert not any(doc.startswith("solutions/") for doc in site_map)
