"""Every chapter runs end to end in a fresh kernel, and so meets its quality bars (asserts inside the notebook).

This is the `notebooks` tier (`pytest -m notebooks`; one chapter: `pytest -m notebooks -k 04`). Each chapter
executes once, into the book's execution cache (`dlbook.execution`, the cache myst-nb reads with
`execute_notebooks: cache`): `make book` and the site tests then render the pages from that same execution. A
chapter whose cached record was made with the same course package, backend, seed and library versions is not run
again. A failing cell fails its chapter's test with the cell's source and traceback.
"""

import pytest

from dlbook import execution

pytestmark = pytest.mark.notebooks


@pytest.mark.parametrize("path", execution.chapters(), ids=lambda p: p.stem)
def test_chapter_runs_and_meets_its_quality_bars(path):
    result = execution.run(path)
    if not result.ok:
        pytest.fail(result.error, pytrace=False)
    how = "found in the cache" if result.cached else "executed"
    print(f"{path.stem}: {how} ({result.seconds or 0:.1f} s)")
