"""Capsule networks in ``keras.ops`` (chapter 11): the squash, the margin loss and a capsule layer routed by
agreement, on every backend. The NumPy versions they match are in :mod:`dlbook.capsules`, which imports these lazily
(so that the widgets, which need NumPy only, do not load Keras).
"""

from __future__ import annotations

import keras
from keras import ops

from dlbook.capsules import EPSILON


def keras_squash(s, axis: int = -1):
    """:func:`squash` in ``keras.ops`` (any backend)."""
    norm2 = ops.sum(ops.square(s), axis=axis, keepdims=True)
    return s * norm2 / (1.0 + norm2) / ops.sqrt(norm2 + EPSILON)


def keras_margin_loss(y_true, y_pred):
    """:func:`margin_loss` in ``keras.ops`` as a Keras loss: one-hot ``y_true``, capsule lengths ``y_pred``."""
    y_true = ops.cast(y_true, y_pred.dtype)
    present = y_true * ops.square(ops.relu(0.9 - y_pred))
    absent = 0.5 * (1.0 - y_true) * ops.square(ops.relu(y_pred - 0.1))
    return ops.sum(present + absent, axis=-1)


def capsule_lengths(v):
    """The lengths of capsules ``v`` (..., d) in ``keras.ops``."""
    return ops.sqrt(ops.sum(ops.square(v), axis=-1) + EPSILON)


def mask_capsules(inputs):
    """``(v, one_hot)`` -> ``v`` with every capsule but the chosen one set to 0, flattened to (n, n_out * d_out):
    the decoder's input (its position tells the decoder the class)."""
    v, one_hot = inputs
    masked = v * ops.expand_dims(ops.cast(one_hot, v.dtype), -1)
    return ops.reshape(masked, (-1, v.shape[1] * v.shape[2]))


@keras.saving.register_keras_serializable(package="dlbook")
class CapsuleLayer(keras.layers.Layer):
    """A layer of ``n_capsules`` parent capsules of dimension ``dim``, routed from its input capsules by agreement.

    Input (batch, n_in, d_in); output (batch, n_capsules, dim). The weights ``W`` have shape (n_in, n_capsules, dim,
    d_in), one matrix per child-parent pair, as in :func:`predictions`; ``iterations`` rounds of
    :func:`dynamic_routing`. Gradients flow through every iteration.
    """

    def __init__(self, n_capsules: int, dim: int, iterations: int = 3, **kwargs):
        super().__init__(**kwargs)
        self.n_capsules, self.dim, self.iterations = n_capsules, dim, iterations

    def build(self, input_shape):
        n_in, d_in = input_shape[1], input_shape[2]
        self.W = self.add_weight(
            name="W",
            shape=(n_in, self.n_capsules, self.dim, d_in),
            initializer=keras.initializers.RandomNormal(stddev=0.1),
        )

    def call(self, u):
        u_hat = ops.einsum("ijed,nid->nije", self.W, u)
        logits = ops.zeros_like(u_hat[..., 0])
        for step in range(self.iterations):
            c = ops.softmax(logits, axis=2)
            v = keras_squash(ops.einsum("nij,nije->nje", c, u_hat))
            if step < self.iterations - 1:
                logits = logits + ops.einsum("nije,nje->nij", u_hat, v)
        return v

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n_capsules, self.dim)

    def get_config(self):
        return {
            **super().get_config(),
            "n_capsules": self.n_capsules,
            "dim": self.dim,
            "iterations": self.iterations,
        }
