"""Diffusion in NumPy, as chapter 19 uses it: the linear (Ho et al., 2020) and cosine (Nichol and Dhariwal, 2021)
noise schedules, their cumulative products and signal-to-noise ratios, the closed form :func:`q_sample` of the forward
process, a sinusoidal time embedding, ancestral sampling (Algorithm 2 of Ho et al.) with any noise-prediction
function, and the nearest-neighbour distance the chapter uses to score samples.

Conventions: a schedule of ``T`` steps is an array ``betas`` of shape ``(T,)`` whose entry ``k`` is the
:math:`\\beta_t` of step :math:`t = k + 1`, so Python index ``k`` stands for the noise level reached after ``k + 1``
noising steps; steps are counted as the maths does, from :math:`t = 0` (the data) to :math:`t = T` (noise).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from dlbook.checks import check_choice, check_number

SCHEDULES = ("linear", "cosine")
MAX_T = 2000


# -- schedules --------------------------------------------------------------------------------------------------------
def linear_beta_schedule(T: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> np.ndarray:
    """Ho et al.'s schedule: ``T`` values of beta evenly spaced from ``beta_start`` to ``beta_end`` inclusive.

    Their values, 1e-4 to 0.02, were chosen for T = 1000 steps; with fewer steps the same end points add less noise
    in total (see :func:`alphas_cumprod`).
    """
    T = check_number("T, the number of diffusion steps", T, 1, MAX_T, integer=True)
    beta_start = check_number("beta_start", beta_start, 0, 1, positive=True)
    beta_end = check_number("beta_end", beta_end, 0, 1, positive=True)
    if beta_start >= 1 or beta_end >= 1:
        raise ValueError(
            f"Every beta must be below 1 (beta = 1 would erase the data in one step); got "
            f"beta_start={beta_start:g}, beta_end={beta_end:g}."
        )
    return np.linspace(beta_start, beta_end, T)


def cosine_beta_schedule(T: int, s: float = 0.008, max_beta: float = 0.999) -> np.ndarray:
    """Nichol and Dhariwal's schedule, defined through ``abar_t = f(t) / f(0)``, ``f(t) = cos²((t/T + s)/(1 + s) · π/2)``.

    Returns ``beta_t = 1 - abar_t / abar_{t-1}`` for t = 1..T, clipped at ``max_beta`` (the last steps would
    otherwise reach beta = 1, since abar_T is 0).
    """
    T = check_number("T, the number of diffusion steps", T, 1, MAX_T, integer=True)
    s = check_number("The offset s", s, 0, 1)
    max_beta = check_number("max_beta", max_beta, 0, 1, positive=True)
    if max_beta >= 1:
        raise ValueError(f"max_beta must be below 1, got {max_beta:g}.")
    f = np.cos((np.arange(T + 1) / T + s) / (1 + s) * np.pi / 2) ** 2
    abar = f / f[0]
    return np.clip(1 - abar[1:] / abar[:-1], 0, max_beta)


def beta_schedule(name: str, T: int) -> np.ndarray:
    """The betas of the ``"linear"`` or ``"cosine"`` schedule with ``T`` steps.

    The linear schedule's end points, 1e-4 and 0.02 for T = 1000, are multiplied by 1000 / T (capped at 0.999), as
    Nichol and Dhariwal do for other numbers of steps: the total noise added then stays about the same.
    """
    check_choice("schedule", name, SCHEDULES)
    T = check_number("T, the number of diffusion steps", T, 1, MAX_T, integer=True)
    if name == "cosine":
        return cosine_beta_schedule(T)
    scale = 1000 / T
    return linear_beta_schedule(T, min(1e-4 * scale, 0.999), min(0.02 * scale, 0.999))


def _as_betas(betas) -> np.ndarray:
    betas = np.asarray(betas, dtype=float)
    if betas.ndim != 1 or betas.size == 0:
        raise ValueError(f"betas must be a 1-D array with one value per step, got shape {betas.shape}.")
    if not np.isfinite(betas).all() or (betas <= 0).any() or (betas >= 1).any():
        raise ValueError("Every beta must be a number strictly between 0 and 1.")
    return betas


def alphas_cumprod(betas) -> np.ndarray:
    """``abar_t = prod_{s <= t} (1 - beta_s)`` for t = 1..T: the share of the data's variance left after t steps."""
    return np.cumprod(1 - _as_betas(betas))


def snr(alphas_cumprod) -> np.ndarray:
    """The signal-to-noise ratio ``abar_t / (1 - abar_t)`` of x_t (infinite where abar_t = 1, 0 where it is 0)."""
    abar = np.asarray(alphas_cumprod, dtype=float)
    if not np.isfinite(abar).all() or (abar < 0).any() or (abar > 1).any():
        raise ValueError("alphas_cumprod must hold numbers from 0 to 1.")
    with np.errstate(divide="ignore"):
        return abar / (1 - abar)


# -- the forward process ----------------------------------------------------------------------------------------------
def q_sample(x0, t, noise, alphas_cumprod) -> np.ndarray:
    """Draw x_t from q(x_t | x_0) in one go: ``sqrt(abar[t]) * x0 + sqrt(1 - abar[t]) * noise``.

    ``t`` is an integer array of shape ``(batch,)``, a 0-based index into ``alphas_cumprod`` (index k is step k + 1);
    ``x0`` and ``noise`` have shape ``(batch, ...)``, and ``abar[t]`` is broadcast over the trailing axes.
    """
    x0, noise = np.asarray(x0, dtype=float), np.asarray(noise, dtype=float)
    abar = np.asarray(alphas_cumprod, dtype=float)
    t = np.asarray(t)
    if x0.shape != noise.shape:
        raise ValueError(f"x0 and noise must have the same shape, got {x0.shape} and {noise.shape}.")
    if x0.ndim < 1 or t.shape != (x0.shape[0],):
        raise ValueError(
            f"t must hold one step index per example, shape ({x0.shape[0] if x0.ndim else '?'},); "
            f"got shape {t.shape}."
        )
    if not np.issubdtype(t.dtype, np.integer) or (t.size and (t.min() < 0 or t.max() >= abar.size)):
        raise ValueError(
            f"t must hold whole numbers from 0 to {abar.size - 1} (indices into alphas_cumprod)."
        )
    a = abar[t].reshape((-1,) + (1,) * (x0.ndim - 1))
    return np.sqrt(a) * x0 + np.sqrt(1 - a) * noise


def forward_chain(x0, betas, rng: np.random.Generator) -> np.ndarray:
    """Run the forward process step by step, ``x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) eps_t``.

    Returns every state, shape ``(T + 1, *x0.shape)``, from x_0 to x_T.
    """
    betas = _as_betas(betas)
    x = np.asarray(x0, dtype=float)
    states = [x]
    for beta in betas:
        x = np.sqrt(1 - beta) * x + np.sqrt(beta) * rng.standard_normal(x.shape)
        states.append(x)
    return np.stack(states)


def sinusoidal_embedding(t, dim: int, max_period: float = 10_000.0) -> np.ndarray:
    """The Transformer's position encoding applied to the step t: ``[sin(t ω_j), cos(t ω_j)]``, shape ``(n, dim)``.

    The ``dim / 2`` frequencies ``ω_j = max_period^(-j / (dim / 2))`` run from 1 down to nearly ``1 / max_period``.
    """
    dim = check_number("dim", dim, 2, integer=True)
    if dim % 2:
        raise ValueError(f"dim must be even (a sine and a cosine per frequency), got {dim}.")
    t = np.asarray(t, dtype=float).reshape(-1, 1)
    frequencies = np.exp(-math.log(max_period) * np.arange(dim // 2) / (dim // 2))
    return np.concatenate([np.sin(t * frequencies), np.cos(t * frequencies)], axis=1)


# -- the reverse process ----------------------------------------------------------------------------------------------
def recorded_steps(T: int, n: int = 9) -> list[int]:
    """About ``n`` steps from T down to 0, evenly spaced (always including T and 0), for recording a chain."""
    T = check_number("T", T, 1, MAX_T, integer=True)
    n = check_number("The number of recorded steps", n, 2, integer=True)
    return sorted({int(round(v)) for v in np.linspace(0, T, n)}, reverse=True)


def ddpm_sample(
    predict_noise: Callable[[np.ndarray, np.ndarray], np.ndarray],
    shape,
    betas,
    rng: np.random.Generator,
    record=None,
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Ancestral sampling (Algorithm 2 of Ho et al., 2020) with sigma_t² = beta_t.

    Starts from x_T ~ N(0, I) of ``shape`` and, for t = T, ..., 1, computes
    ``x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) · eps) / sqrt(alpha_t) + sigma_t z`` with ``eps =
    predict_noise(x_t, index)``, where ``index`` is the 0-based step index t - 1 for every example (an integer
    array of shape ``(n,)``), and z ~ N(0, I) (no noise at the last step). ``record`` lists the steps t (from T to
    0) whose states are kept. Returns ``(x_0, chain, steps)``, ``chain`` of shape ``(len(steps), *shape)``.
    """
    betas = _as_betas(betas)
    T = betas.size
    if not callable(predict_noise):
        raise ValueError("predict_noise must be a function (x_t, step index) -> predicted noise.")
    shape = tuple(int(s) for s in shape)
    if not shape or min(shape) < 1:
        raise ValueError(f"shape must be (n_samples, ...) with positive sizes, got {shape}.")
    steps = recorded_steps(T) if record is None else sorted({int(s) for s in record}, reverse=True)
    if any(not 0 <= s <= T for s in steps):
        raise ValueError(f"The recorded steps must lie from 0 to T = {T}, got {steps}.")
    alphas, abar = 1 - betas, np.cumprod(1 - betas)
    x = rng.standard_normal(shape)
    chain = {T: x} if T in steps else {}
    for t in range(T, 0, -1):
        k = t - 1
        eps = np.asarray(predict_noise(x, np.full(shape[0], k, dtype=np.int64)), dtype=float)
        if eps.shape != x.shape:
            raise ValueError(f"predict_noise returned shape {eps.shape} for inputs of shape {x.shape}.")
        x = (x - betas[k] / np.sqrt(1 - abar[k]) * eps) / np.sqrt(alphas[k])
        if t > 1:
            x = x + np.sqrt(betas[k]) * rng.standard_normal(shape)
        if t - 1 in steps:
            chain[t - 1] = x
    return x, np.stack([chain[s] for s in steps]), steps


def nearest_distance(samples, reference) -> float:
    """The mean, over ``samples`` (n, d), of the Euclidean distance to the nearest row of ``reference`` (m, d)."""
    samples, reference = np.asarray(samples, dtype=float), np.asarray(reference, dtype=float)
    if (
        samples.ndim != 2
        or reference.ndim != 2
        or samples.shape[1] != reference.shape[1]
        or not len(reference)
    ):
        raise ValueError(
            f"samples and reference must be (n, d) and (m, d) arrays with the same d, got shapes "
            f"{samples.shape} and {reference.shape}."
        )
    best = np.full(len(samples), np.inf)
    for start in range(
        0, len(reference), 512
    ):  # in blocks: a 2000 x 2000 distance matrix needs no 32 MB at once
        block = reference[start : start + 512]
        squared = ((samples[:, None, :] - block[None, :, :]) ** 2).sum(axis=-1)
        best = np.minimum(best, squared.min(axis=1))
    return float(np.sqrt(best).mean()) if len(samples) else float("nan")
