"""The course's interactive widgets: controls above a matplotlib figure (see :mod:`dlbook.widgets.base`)."""

from dlbook.widgets.activations import ActivationExplorer
from dlbook.widgets.perceptron import PerceptronExplorer

__all__ = ["ActivationExplorer", "PerceptronExplorer"]
