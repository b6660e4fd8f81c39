"""Write a table of recorded training results as a Python module, for chapters that cannot afford to train every
network they compare (chapter 08's architectures, chapter 21's search space)."""

from __future__ import annotations

import datetime
from pathlib import Path


def write_recorded_module(path: Path, title: str, how: str, table: dict, seed: int, epochs: int) -> None:
    """Write ``table`` as ``VALIDATION_ACCURACY`` in a module at ``path``, with ``SEED``, ``EPOCHS``, ``BACKEND``
    and a docstring: ``title`` (one line), then ``how`` the results were made, then the Keras version, backend and
    date."""
    import keras

    stamp = f"(Keras {keras.__version__}, {keras.backend.backend()}, {datetime.date.today().isoformat()})"
    lines = [f'"""{title}', "", f"{how} {stamp}. Do not edit by hand.", '"""', "",
             f"SEED = {seed}", f"EPOCHS = {epochs}", f"BACKEND = {keras.backend.backend()!r}",
             "VALIDATION_ACCURACY = {"]
    lines += [f"    {key!r}: {value!r}," for key, value in table.items()]
    lines += ["}", ""]
    Path(path).write_text("\n".join(lines))
