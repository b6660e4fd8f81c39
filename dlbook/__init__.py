"""dlbook: the course package of the interactive deep-learning course.

Chapters start with ``dlbook.setup(seed=0)``; the submodules hold the offline data sets (``dlbook.data``),
training helpers (``dlbook.training``), shared plots (``dlbook.plotting``) and widgets (``dlbook.widgets``).
Importing ``dlbook`` does not import Keras, so a chapter can still pick its backend first.
"""

from dlbook.env import environment_report, setup
from dlbook.quality import quality_bar

__all__ = ["environment_report", "quality_bar", "setup"]
__version__ = "0.1.0"
