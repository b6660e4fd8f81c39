import shutil

import nbformat

from dlbook import course


def test_colab_url_comes_from_the_config():
    url = course.colab_url(course.ROOT / "notebooks" / "01_perceptron.ipynb")
    repo = course.repository_url().removeprefix("https://github.com/")
    assert url == f"https://colab.research.google.com/github/{repo}/blob/main/notebooks/01_perceptron.ipynb"


def test_sync_rewrites_a_fork_in_one_place(tmp_path):
    for name in ("_config.yml", "notebooks/01_perceptron.ipynb", "solutions/01_perceptron.ipynb"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(course.ROOT / name, tmp_path / name)
    config = tmp_path / "_config.yml"
    config.write_text(config.read_text().replace(course.repository_url(), "https://github.com/someone/fork"))
    chapter, master = tmp_path / "notebooks/01_perceptron.ipynb", tmp_path / "solutions/01_perceptron.ipynb"
    assert course.sync_notebook(chapter, tmp_path) and course.sync_notebook(master, tmp_path)
    assert not course.sync_notebook(chapter, tmp_path)  # idempotent
    header, setup = course.header_and_setup(nbformat.read(chapter, as_version=4))
    assert "github/someone/fork/blob/main/notebooks/01_perceptron.ipynb" in header.source
    assert "git clone --quiet --depth 1 https://github.com/someone/fork " in setup.source
    header, setup = course.header_and_setup(nbformat.read(master, as_version=4))
    assert "github/someone/fork/blob/main/exercises/01_perceptron.ipynb" in header.source
    assert "%cd /content/dlbook-course/exercises" in setup.source


def test_setup_seed_is_kept():
    assert course.setup_seed(course.setup_cell(seed=42)) == 42
