"""Restricted Boltzmann machines and deep belief networks in NumPy (chapter 20).

A binary RBM has visible units ``v`` (length ``d``), hidden units ``h`` (length ``m``), weights ``W`` of shape
``(d, m)``, visible biases ``b`` (``d``) and hidden biases ``c`` (``m``). Its energy is
``E(v, h) = -b.v - c.h - v W h`` and ``p(v, h) = exp(-E(v, h)) / Z``. Everything here works on batches: ``v`` of
shape ``(n, d)``, ``h`` of shape ``(n, m)``. Training follows Hinton (2002) (contrastive divergence, CD-k) and
Tieleman (2008) (persistent CD); exact log-likelihoods and gradients enumerate the smaller layer, which is feasible
for up to about 20 units on that side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from dlbook.checks import check_number

MAX_ENUMERATED = 22  # the most units of one layer whose 2**n states we enumerate (4 million)


@dataclass
class RBM:
    """The parameters of a binary RBM: ``W`` (d, m), visible biases ``b`` (d,), hidden biases ``c`` (m,)."""

    W: np.ndarray
    b: np.ndarray
    c: np.ndarray
    history: list = field(default_factory=list)  # whatever the trainer recorded, one entry per epoch

    @property
    def shape(self) -> tuple[int, int]:
        return self.W.shape

    def copy(self) -> RBM:
        return RBM(self.W.copy(), self.b.copy(), self.c.copy(), list(self.history))


# -- the model ---------------------------------------------------------------------------------------------------------
def sigmoid(a):
    """The logistic function, computed without overflow for large negative ``a``."""
    a = np.asarray(a, dtype=float)
    return np.exp(-np.logaddexp(0.0, -a))


def log1p_exp(a):
    """``log(1 + exp(a))`` without overflow."""
    return np.logaddexp(0.0, np.asarray(a, dtype=float))


def energy(v, h, W, b, c):
    """``E(v, h) = -b.v - c.h - v W h`` for each row pair of ``v`` (n, d) and ``h`` (n, m); shape ``(n,)``."""
    v, h = np.atleast_2d(v).astype(float), np.atleast_2d(h).astype(float)
    return -(v @ b) - (h @ c) - np.einsum("nd,dm,nm->n", v, W, h)


def free_energy(v, W, b, c):
    """``F(v) = -b.v - sum_j log1p_exp(c_j + (v W)_j)``, so that ``p(v) = exp(-F(v)) / Z``; shape ``(n,)``."""
    v = np.atleast_2d(v).astype(float)
    return -(v @ b) - log1p_exp(v @ W + c).sum(axis=1)


def hidden_free_energy(h, W, b, c):
    """The hidden units' free energy ``F(h) = -c.h - sum_i log1p_exp(b_i + (W h)_i)``: ``p(h) = exp(-F(h)) / Z``."""
    h = np.atleast_2d(h).astype(float)
    return -(h @ c) - log1p_exp(h @ W.T + b).sum(axis=1)


def hidden_probs(v, W, c):
    """``p(h_j = 1 | v) = sigmoid(c_j + (v W)_j)``, shape ``(n, m)``."""
    return sigmoid(np.atleast_2d(v) @ W + c)


def visible_probs(h, W, b):
    """``p(v_i = 1 | h) = sigmoid(b_i + (W h)_i)``, shape ``(n, d)``."""
    return sigmoid(np.atleast_2d(h) @ W.T + b)


def sample(p, rng: np.random.Generator):
    """Binary samples with success probabilities ``p``."""
    return (rng.random(np.shape(p)) < p).astype(float)


def gibbs_chain(v0, W, b, c, steps: int, rng: np.random.Generator):
    """Run block Gibbs sampling ``v -> h -> v`` for ``steps`` steps from the rows of ``v0``.

    Returns ``(v_samples, v_means, h_means)`` of shapes ``(steps + 1, n, d)``, ``(steps + 1, n, d)`` and
    ``(steps + 1, n, m)``: index 0 is the start (its "mean" is ``v0`` itself), index ``t`` the state after ``t``
    steps; ``v_means[t]`` is ``p(v = 1 | h)`` for the hidden sample that produced ``v_samples[t]``, and
    ``h_means[t]`` is ``p(h = 1 | v_samples[t])``.
    """
    steps = check_number("The number of Gibbs steps", steps, 0, integer=True)
    v = np.atleast_2d(v0).astype(float)
    vs, vms, hms = [v], [v], [hidden_probs(v, W, c)]
    for _ in range(steps):
        h = sample(hms[-1], rng)
        vm = visible_probs(h, W, b)
        v = sample(vm, rng)
        vs.append(v)
        vms.append(vm)
        hms.append(hidden_probs(v, W, c))
    return np.array(vs), np.array(vms), np.array(hms)


# -- exact quantities by enumeration -----------------------------------------------------------------------------------
def all_states(n: int) -> np.ndarray:
    """Every binary vector of length ``n``, shape ``(2**n, n)``, in counting order (row k is k in binary)."""
    n = check_number("The number of units", n, 0, MAX_ENUMERATED, integer=True)
    return ((np.arange(2**n)[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(float)


def _logsumexp(a, axis=None):
    top = np.max(a, axis=axis, keepdims=True)
    return np.squeeze(top, axis=axis) + np.log(np.sum(np.exp(a - top), axis=axis))


def log_partition(W, b, c) -> float:
    """``log Z`` exactly, summing ``exp(-F)`` over every state of the smaller layer (in chunks of 2**14 states)."""
    d, m = W.shape
    if min(d, m) > MAX_ENUMERATED:
        raise ValueError(
            f"Both layers have more than {MAX_ENUMERATED} units ({d} visible, {m} hidden): Z has too "
            "many terms to enumerate; estimate it with annealed importance sampling instead."
        )
    n, free = (m, hidden_free_energy) if m <= d else (d, free_energy)
    states = all_states(n)
    terms = [-free(states[k : k + 2**14], W, b, c) for k in range(0, len(states), 2**14)]
    return float(_logsumexp(np.concatenate(terms)))


def log_likelihood(X, W, b, c) -> np.ndarray:
    """``log p(v)`` of each row of ``X`` in nats, exactly: ``-F(v) - log Z``; shape ``(n,)``."""
    return -free_energy(X, W, b, c) - log_partition(W, b, c)


def exact_gradient(X, W, b, c) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradient of the mean log-likelihood of the rows of ``X`` with respect to ``(W, b, c)``, exactly.

    Each is "data statistics minus model statistics": ``<v h^T>_data - <v h^T>_model`` and so on, the model's
    expectation taken over every state of the smaller layer.
    """
    X = np.atleast_2d(X).astype(float)
    d, m = W.shape
    ph = hidden_probs(X, W, c)
    data = (X.T @ ph / len(X), X.mean(axis=0), ph.mean(axis=0))
    if m <= d:
        h = all_states(m)
        weights = -hidden_free_energy(h, W, b, c)
        p = np.exp(weights - _logsumexp(weights))
        pv = visible_probs(h, W, b)  # E[v | h]
        model = ((pv * p[:, None]).T @ h, p @ pv, p @ h)
    else:
        v = all_states(d)
        weights = -free_energy(v, W, b, c)
        p = np.exp(weights - _logsumexp(weights))
        ph_all = hidden_probs(v, W, c)
        model = ((v * p[:, None]).T @ ph_all, p @ v, p @ ph_all)
    return tuple(a - m_ for a, m_ in zip(data, model, strict=True))


# -- contrastive divergence --------------------------------------------------------------------------------------------
def cd_gradient(v0, W, b, c, k: int, rng: np.random.Generator, chain=None):
    """The CD-k estimate of the log-likelihood gradient on the batch ``v0``, and the chain's end.

    The negative phase starts from the data (CD-k, Hinton 2002) or, when ``chain`` is given, from those persistent
    fantasy particles (PCD, Tieleman 2008), and runs ``k`` Gibbs steps. Statistics use probabilities for the hidden
    units (Hinton 2012's advice) and the sampled visible states. Returns ``((dW, db, dc), v_k)``.
    """
    v0 = np.atleast_2d(v0).astype(float)
    v = v0 if chain is None else chain
    for _ in range(k):
        v = sample(visible_probs(sample(hidden_probs(v, W, c), rng), W, b), rng)
    ph0, phk = hidden_probs(v0, W, c), hidden_probs(v, W, c)
    grads = (
        v0.T @ ph0 / len(v0) - v.T @ phk / len(v),
        v0.mean(axis=0) - v.mean(axis=0),
        ph0.mean(axis=0) - phk.mean(axis=0),
    )
    return grads, v


def init_rbm(X, n_hidden: int, rng: np.random.Generator, scale: float = 0.01) -> RBM:
    """Small random weights, hidden biases 0 and visible biases ``log(p / (1 - p))`` of the pixels' means (Hinton
    2012): with ``W = 0`` the model is then exactly the independent-Bernoulli model of the training pixels."""
    X = np.atleast_2d(X).astype(float)
    p = np.clip(X.mean(axis=0), 1e-3, 1 - 1e-3)
    return RBM(rng.normal(0, scale, (X.shape[1], n_hidden)), np.log(p / (1 - p)), np.zeros(n_hidden))


def train_rbm(
    X,
    n_hidden: int,
    epochs: int = 50,
    learning_rate: float = 0.05,
    k: int = 1,
    persistent: bool = False,
    batch_size: int = 32,
    momentum: float = 0.5,
    weight_decay: float = 1e-4,
    seed: int = 0,
    rbm: RBM | None = None,
    callback=None,
) -> RBM:
    """Train a binary RBM on the rows of ``X`` with CD-k (or PCD-k with ``persistent=True``), minibatch SGD with
    momentum and L2 weight decay. ``callback(epoch, rbm)`` may return a value, recorded in ``rbm.history``."""
    X = np.atleast_2d(X).astype(float)
    check_number("The number of hidden units", n_hidden, 1, integer=True)
    check_number("The number of epochs", epochs, 0, integer=True)
    check_number("The learning rate", learning_rate, 0, positive=True)
    check_number("k", k, 1, integer=True)
    rng = np.random.default_rng(seed)
    rbm = init_rbm(X, n_hidden, rng) if rbm is None else rbm.copy()
    velocity = [np.zeros_like(p) for p in (rbm.W, rbm.b, rbm.c)]
    chain = sample(np.full((batch_size, X.shape[1]), 0.5), rng) if persistent else None
    for epoch in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            batch = X[order[start : start + batch_size]]
            grads, end = cd_gradient(batch, rbm.W, rbm.b, rbm.c, k, rng, chain=chain)
            if persistent:
                chain = end
            grads = (grads[0] - weight_decay * rbm.W, grads[1], grads[2])
            for vel, g, param in zip(velocity, grads, (rbm.W, rbm.b, rbm.c), strict=True):
                vel *= momentum
                vel += learning_rate * g
                param += vel
        if callback is not None:
            rbm.history.append(callback(epoch, rbm))
    return rbm


def reconstruction_error(X, rbm: RBM) -> float:
    """Mean squared error per pixel of the mean-field reconstruction ``p(v | p(h | x))``."""
    X = np.atleast_2d(X).astype(float)
    return float(np.mean((visible_probs(hidden_probs(X, rbm.W, rbm.c), rbm.W, rbm.b) - X) ** 2))


# -- baselines and deep belief networks -------------------------------------------------------------------------------
def bernoulli_log_likelihood(X_train, X_test, smoothing: float = 1.0) -> np.ndarray:
    """``log p(x)`` of each test row under independent Bernoulli pixels fitted on ``X_train`` (add-``smoothing``
    counts, so no pixel gets probability 0 or 1); shape ``(n_test,)``."""
    X_train, X_test = np.atleast_2d(X_train).astype(float), np.atleast_2d(X_test).astype(float)
    p = (X_train.sum(axis=0) + smoothing) / (len(X_train) + 2 * smoothing)
    return X_test @ np.log(p) + (1 - X_test) @ np.log1p(-p)


def pretrain_dbn(X, layer_sizes, seed: int = 0, **train_options) -> list[RBM]:
    """Greedy layer-wise pretraining (Hinton, Osindero & Teh 2006): train an RBM on ``X``, then the next on the
    first one's hidden probabilities, and so on, one RBM per entry of ``layer_sizes``."""
    rbms, inputs = [], np.atleast_2d(X).astype(float)
    for depth, size in enumerate(layer_sizes):
        rbm = train_rbm(inputs, size, seed=seed + depth, **train_options)
        rbms.append(rbm)
        inputs = hidden_probs(inputs, rbm.W, rbm.c)
    return rbms


def dbn_features(X, rbms) -> np.ndarray:
    """The top layer's hidden probabilities, propagated up through a stack of RBMs."""
    h = np.atleast_2d(X).astype(float)
    for rbm in rbms:
        h = hidden_probs(h, rbm.W, rbm.c)
    return h
