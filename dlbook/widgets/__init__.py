"""The course's interactive widgets: controls above a matplotlib figure (see :mod:`dlbook.widgets.base`)."""

from dlbook.widgets.activations import ActivationExplorer
from dlbook.widgets.alignment import AlignmentViewer
from dlbook.widgets.architectures import ArchitectureComparer
from dlbook.widgets.attention import AttentionViewer
from dlbook.widgets.backprop import BackpropGraph
from dlbook.widgets.capacity import CapacityExplorer
from dlbook.widgets.capsules import CapsuleExplorer
from dlbook.widgets.convolution import ConvolutionExplorer, FeatureMapViewer
from dlbook.widgets.diffusion import NoiseScheduleExplorer, ReverseProcessViewer
from dlbook.widgets.embedding import EmbeddingExplorer
from dlbook.widgets.features import FeatureExplorer
from dlbook.widgets.gan import GANProgress
from dlbook.widgets.gates import GateViewer
from dlbook.widgets.gibbs import GibbsSampler
from dlbook.widgets.gradient_flow import GradientFlow
from dlbook.widgets.latent import LatentExplorer
from dlbook.widgets.optimizers import OptimizerRace
from dlbook.widgets.perceptron import PerceptronExplorer
from dlbook.widgets.playground import Playground
from dlbook.widgets.saliency import SaliencyExplorer
from dlbook.widgets.sampling import SamplingExplorer
from dlbook.widgets.search import SearchRace
from dlbook.widgets.segmentation import SegmentationViewer
from dlbook.widgets.throughput import ThroughputExplorer

__all__ = [
    "ActivationExplorer",
    "AlignmentViewer",
    "ArchitectureComparer",
    "AttentionViewer",
    "BackpropGraph",
    "CapacityExplorer",
    "CapsuleExplorer",
    "ConvolutionExplorer",
    "EmbeddingExplorer",
    "FeatureExplorer",
    "FeatureMapViewer",
    "GANProgress",
    "GateViewer",
    "GibbsSampler",
    "GradientFlow",
    "LatentExplorer",
    "NoiseScheduleExplorer",
    "OptimizerRace",
    "PerceptronExplorer",
    "Playground",
    "ReverseProcessViewer",
    "SaliencyExplorer",
    "SamplingExplorer",
    "SearchRace",
    "SegmentationViewer",
    "ThroughputExplorer",
]
