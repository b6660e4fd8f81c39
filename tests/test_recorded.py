"""dlbook.recorded: a recorded table written as a module reads back as the same table."""

import importlib.util

from dlbook.recorded import write_recorded_module


def test_a_recorded_table_reads_back(tmp_path):
    table = {("plain", 8, 1): 0.5, ("batch norm", 16, 2): (0.25, 0.75)}
    path = tmp_path / "runs.py"
    write_recorded_module(path, "A title.", "How it was made", table, seed=3, epochs=9)
    spec = importlib.util.spec_from_file_location("runs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.VALIDATION_ACCURACY == table and (module.SEED, module.EPOCHS) == (3, 9)
    assert module.__doc__.startswith("A title.") and "Do not edit by hand" in module.__doc__
