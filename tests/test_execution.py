"""dlbook.execution, on a two-cell notebook: one execution into the cache, then hits; failures show the cell."""

import nbformat
import pytest

from dlbook import execution


def _notebook(tmp_path, second_cell):
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A notebook"),
        nbformat.v4.new_code_cell("import os\nx = 41"),
        nbformat.v4.new_code_cell(second_cell),
    ]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_notebook_executes_once_then_comes_from_the_cache_as_myst_nb_finds_it(tmp_path):
    from jupyter_cache import get_cache

    path = _notebook(tmp_path, "print(x + 1, os.environ.get('DLBOOK_SITE_BUILD'))")
    cache = tmp_path / "cache"
    first = execution.run(path, cache=cache)
    assert first.ok and not first.cached
    assert first.notebook.cells[2].outputs[0]["text"] == "42 1\n", (
        "run with the site-build switch, as `make book`"
    )
    second = execution.run(path, cache=cache)
    assert second.ok and second.cached and second.notebook.cells[2].outputs[0]["text"] == "42 1\n"
    # what myst-nb does with `execute_notebooks: cache`: match the unexecuted notebook, merge the cached outputs
    record = get_cache(str(cache)).match_cache_notebook(nbformat.read(path, as_version=4))
    assert record.data["fingerprint"] == execution.fingerprint()
    assert execution.records(cache) == {str(path): (record.pk, record.created.timestamp())}


def test_a_changed_cell_or_package_runs_again(tmp_path, monkeypatch):
    path = _notebook(tmp_path, "y = 1")
    cache = tmp_path / "cache"
    assert not execution.run(path, cache=cache).cached
    monkeypatch.setattr(execution, "fingerprint", lambda: "another dlbook")
    assert not execution.run(path, cache=cache).cached
    assert execution.run(path, cache=cache).cached


def test_a_failing_cell_is_shown_and_not_cached(tmp_path):
    path = _notebook(tmp_path, "assert x == 42, 'Quality bar missed: x = 41'")
    cache = tmp_path / "cache"
    result = execution.run(path, cache=cache)
    assert (
        not result.ok
        and "assert x == 42" in result.error
        and "AssertionError: Quality bar missed" in result.error
    )
    assert not execution.run(path, cache=cache).cached, "a failure is not cached"


@pytest.mark.parametrize(
    ("backend", "seed", "suffix"),
    [
        ("", "", ".jupyter_cache"),
        ("tensorflow", "", ".jupyter_cache"),
        ("jax", "", ".jupyter_cache-jax"),
        ("tensorflow", "2", ".jupyter_cache-tensorflow-seed2"),
    ],
)
def test_other_backends_and_seeds_never_replace_the_books_cache(monkeypatch, backend, seed, suffix):
    monkeypatch.setenv("KERAS_BACKEND", backend)
    monkeypatch.setenv("DLBOOK_SEED", seed)
    assert execution.cache_path().name == suffix
    fingerprints = set()
    for value in ("", "1"):
        monkeypatch.setenv("DLBOOK_SEED", value)
        fingerprints.add(execution.fingerprint())
    assert len(fingerprints) == 2
