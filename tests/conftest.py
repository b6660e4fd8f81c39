"""Test settings: nothing the tests start (Keras, matplotlib, Jupyter kernels, otter) writes into the home folder."""

import os
import tempfile
from pathlib import Path

_scratch = Path(tempfile.mkdtemp(prefix="dlbook-tests-"))
for variable, folder in {"HOME": "home", "KERAS_HOME": "keras", "MPLCONFIGDIR": "matplotlib",
                         "IPYTHONDIR": "ipython", "JUPYTER_RUNTIME_DIR": "jupyter-runtime"}.items():
    os.environ[variable] = str(_scratch / folder)
    (_scratch / folder).mkdir()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
