"""Write a table of recorded training results as a Python module, for chapters that cannot afford to train every
network they compare (chapter 08's architectures, chapter 21's search space)."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path


def write_recorded_module(
    path: Path,
    title: str,
    how: str,
    table: dict,
    seed: int | tuple,
    epochs: int | tuple,
    extra: dict | None = None,
) -> None:
    """Write ``table`` as ``VALIDATION_ACCURACY`` in a module at ``path``, with ``SEED``, ``EPOCHS``, ``BACKEND``
    and a docstring: ``title`` (one line), then ``how`` the results were made, then the Keras version, backend and
    date. ``extra`` maps the names of further constants (``"TEST_ACCURACY"``) to their values, written after the
    table."""
    import keras

    stamp = f"(Keras {keras.__version__}, {keras.backend.backend()}, {datetime.date.today().isoformat()})"
    lines = [
        f'"""{title}',
        "",
        textwrap.fill(f"{how} {stamp}. Do not edit by hand.", 115),
        '"""',
        "",
        f"SEED = {seed}",
        f"EPOCHS = {epochs}",
        f"BACKEND = {keras.backend.backend()!r}",
    ]
    for name, value in {"VALIDATION_ACCURACY": table, **(extra or {})}.items():
        lines += _constant(name, value)
    Path(path).write_text("\n".join([*lines, ""]))


def _constant(name: str, value) -> list[str]:
    """The lines of ``name = value``; a dictionary one item per line."""
    if not isinstance(value, dict):
        return [f"{name} = {value!r}"]
    return [f"{name} = {{", *(f"    {key!r}: {item!r}," for key, item in value.items()), "}"]
