"""The exercises' Colab setup cell leaves Colab's preinstalled packages as they are, and `grader.check` works there.

A virtual environment stands in for a Colab session: it gets Colab's versions of the packages that matter
(ipywidgets 7.7.1, IPython 7.34, pandas 2.x, NumPy, Matplotlib, scikit-learn, Keras), then the install commands of
the setup cell itself, then a check of a blank answer. Needs the package registry (CI has it).
"""

import re
import shutil
import subprocess
import sys
import venv

import pytest

from dlbook import course

ROOT = course.ROOT
COLAB_PREINSTALLED = [
    "ipywidgets==7.7.1",
    "ipython==7.34.0",
    "pandas==2.2.2",
    "numpy>=1.26,<2.1",
    "matplotlib",
    "scikit-learn",
    "scikit-image",
    "pillow",
    "scipy",
    "pyyaml",
    "keras",
    "threadpoolctl",
]


def _setup_commands(tmp_path) -> list[str]:
    """The shell commands of the exercises' Colab setup cell (`!...` and `%pip ...`), run from ``tmp_path``."""
    cell = course.exercise_setup_cell()
    commands = []
    for line in cell.splitlines():
        line = line.strip()
        if line.startswith("!git clone"):
            continue  # the course is already here
        if line.startswith(("!pip", "%pip")):
            # no bytecode compiled at install (a third of its time here): the check below compiles what it imports
            line = re.sub(
                r"^[!%]pip install", f"{tmp_path}/colab/bin/python -m pip install --no-compile", line
            )
            line = re.sub(r"^[!%]pip", f"{tmp_path}/colab/bin/python -m pip", line)
            commands.append(
                line.replace("/content/dlbook-course", str(ROOT)).replace("/content", str(tmp_path))
            )
    return commands


def _frozen(python) -> dict[str, str]:
    listing = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True, check=True
    ).stdout
    return dict(line.lower().split("==", 1) for line in listing.splitlines() if "==" in line)


@pytest.mark.skipif(sys.version_info >= (3, 13), reason="IPython 7.34 does not install on Python 3.13")
def test_the_setup_cell_changes_no_preinstalled_package_and_a_check_runs(tmp_path):
    venv.create(tmp_path / "colab", with_pip=True)
    python = str(tmp_path / "colab" / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-compile", *COLAB_PREINSTALLED], check=True
    )
    before = _frozen(python)
    commands = _setup_commands(tmp_path)
    assert any("-c " in c for c in commands), (
        "the setup cell installs under a constraints file of Colab's packages"
    )
    for command in commands:
        subprocess.run(command, shell=True, check=True, cwd=tmp_path)
    after = _frozen(python)
    changed = {
        name: (version, after.get(name)) for name, version in before.items() if after.get(name) != version
    }
    assert not changed, f"the setup cell changed Colab's packages: {changed}"
    assert "otter-grader" in after

    shutil.copytree(ROOT / "exercises" / "tests", tmp_path / "exercises" / "tests")
    test = next((tmp_path / "exercises" / "tests").glob("ex01_*.py")).stem
    check = (
        "import otter\n"
        "grader = otter.Notebook(tests_dir='tests')\n"
        f"print(grader.check({test!r}, global_env={{}}))"
    )
    result = subprocess.run([python, "-c", check], cwd=tmp_path / "exercises", capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "in place of the `...`" in result.stdout or "not defined yet" in result.stdout, result.stdout[
        -2000:
    ]
