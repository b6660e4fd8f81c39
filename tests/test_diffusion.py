"""dlbook.diffusion: the schedules, the forward process and the sampler against their definitions."""

import numpy as np
import pytest

from dlbook.diffusion import (
    alphas_cumprod,
    beta_schedule,
    cosine_beta_schedule,
    ddpm_sample,
    forward_chain,
    linear_beta_schedule,
    nearest_distance,
    q_sample,
    recorded_steps,
    sinusoidal_embedding,
    snr,
)


# -- schedules ----------------------------------------------------------------------------------------------------------
def test_linear_schedule_is_evenly_spaced_between_its_end_points():
    betas = linear_beta_schedule(1000)
    assert betas.shape == (1000,) and betas.dtype == float
    assert betas[0] == pytest.approx(1e-4) and betas[-1] == pytest.approx(0.02)
    np.testing.assert_allclose(np.diff(betas), (0.02 - 1e-4) / 999)
    np.testing.assert_allclose(linear_beta_schedule(3, 0.1, 0.3), [0.1, 0.2, 0.3])
    np.testing.assert_allclose(linear_beta_schedule(1, 0.05, 0.5), [0.05])


def test_cosine_schedule_follows_its_definition():
    T, s = 50, 0.008
    betas = cosine_beta_schedule(T, s)
    f = np.cos((np.arange(T + 1) / T + s) / (1 + s) * np.pi / 2) ** 2
    abar = alphas_cumprod(betas)
    np.testing.assert_allclose(abar[:-1], (f / f[0])[1:-1], rtol=1e-10)  # exact until the clipped last step
    assert betas[-1] == pytest.approx(0.999) and abar[-1] < 1e-4
    assert (np.diff(betas) > 0).all() and betas[0] < 2e-3


@pytest.mark.parametrize("name", ["linear", "cosine"])
@pytest.mark.parametrize("T", [50, 200, 1000])
def test_both_schedules_go_from_data_to_noise(name, T):
    abar = alphas_cumprod(beta_schedule(name, T))
    ratio = snr(abar)
    assert (np.diff(abar) < 0).all() and (np.diff(ratio) < 0).all()
    assert abar[0] > 0.97 and abar[-1] < 1e-3
    np.testing.assert_allclose(ratio, abar / (1 - abar))


def test_linear_schedule_is_rescaled_for_fewer_steps():
    np.testing.assert_allclose(beta_schedule("linear", 1000), linear_beta_schedule(1000))
    np.testing.assert_allclose(beta_schedule("linear", 100), linear_beta_schedule(100, 1e-3, 0.2))
    assert beta_schedule("linear", 10).max() == pytest.approx(0.999)  # 0.02 * 100 would exceed 1


def test_snr_is_infinite_for_clean_data():
    with np.errstate(divide="raise"):
        np.testing.assert_array_equal(snr([1.0, 0.5, 0.0]), [np.inf, 1.0, 0.0])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linear_beta_schedule(0), "T, the number of diffusion steps must be a whole number"),
        (lambda: linear_beta_schedule(10.5), "whole number"),
        (lambda: linear_beta_schedule(10, 0.0, 0.02), "beta_start must be a positive number"),
        (lambda: linear_beta_schedule(10, 1e-4, 1.0), "below 1"),
        (lambda: cosine_beta_schedule(10, max_beta=1.0), "max_beta must be below 1"),
        (lambda: beta_schedule("quadratic", 10), "Unknown schedule 'quadratic'"),
        (lambda: alphas_cumprod([0.1, 1.2]), "strictly between 0 and 1"),
        (lambda: alphas_cumprod(np.zeros((2, 2)) + 0.1), "1-D array"),
        (lambda: snr([0.5, 1.5]), "from 0 to 1"),
    ],
)
def test_schedules_refuse_bad_values(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# -- the forward process --------------------------------------------------------------------------------------------
def test_q_sample_is_the_closed_form():
    abar = alphas_cumprod(linear_beta_schedule(10, 0.01, 0.2))
    x0, noise = np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([[0.5, -0.5], [1.0, 2.0]])
    t = np.array([0, 9])
    expected = np.sqrt(abar[t])[:, None] * x0 + np.sqrt(1 - abar[t])[:, None] * noise
    np.testing.assert_allclose(q_sample(x0, t, noise, abar), expected)


def test_q_sample_broadcasts_over_images():
    rng = np.random.default_rng(0)
    abar = alphas_cumprod(cosine_beta_schedule(20))
    x0, noise, t = rng.normal(size=(3, 4, 4, 1)), rng.normal(size=(3, 4, 4, 1)), np.array([19, 0, 7])
    got = q_sample(x0, t, noise, abar)
    assert got.shape == x0.shape
    for i, k in enumerate(t):
        np.testing.assert_allclose(got[i], np.sqrt(abar[k]) * x0[i] + np.sqrt(1 - abar[k]) * noise[i])


def test_q_sample_statistics_match_the_step_by_step_chain():
    rng = np.random.default_rng(1)
    betas = beta_schedule("linear", 40)
    abar = alphas_cumprod(betas)
    x0 = np.full((20_000, 1), 1.5)
    states = forward_chain(x0, betas, rng)  # (T + 1, n, 1)
    assert states.shape == (41, 20_000, 1)
    for t in (1, 10, 40):
        np.testing.assert_allclose(states[t].mean(), np.sqrt(abar[t - 1]) * 1.5, atol=0.03)
        np.testing.assert_allclose(states[t].var(), 1 - abar[t - 1], rtol=0.05, atol=1e-3)
        closed = q_sample(x0, np.full(20_000, t - 1), rng.standard_normal(x0.shape), abar)
        np.testing.assert_allclose(closed.var(), states[t].var(), rtol=0.06, atol=1e-3)


@pytest.mark.parametrize(
    "args, message",
    [
        ((np.zeros((2, 3)), np.array([0, 1]), np.zeros((2, 4))), "same shape"),
        ((np.zeros((2, 3)), np.array([0, 1, 2]), np.zeros((2, 3))), "one step index per example"),
        ((np.zeros((2, 3)), np.array([0.0, 1.0]), np.zeros((2, 3))), "whole numbers from 0 to 4"),
        ((np.zeros((2, 3)), np.array([0, 5]), np.zeros((2, 3))), "whole numbers from 0 to 4"),
        ((np.zeros((2, 3)), np.array([-1, 0]), np.zeros((2, 3))), "whole numbers"),
    ],
)
def test_q_sample_refuses_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        q_sample(*args, alphas_cumprod(linear_beta_schedule(5, 0.1, 0.2)))


def test_sinusoidal_embedding():
    emb = sinusoidal_embedding(np.array([0, 1, 5]), 8)
    assert emb.shape == (3, 8)
    np.testing.assert_allclose(emb[0], [0, 0, 0, 0, 1, 1, 1, 1])
    frequencies = 10_000.0 ** (-np.arange(4) / 4)
    np.testing.assert_allclose(emb[2], np.concatenate([np.sin(5 * frequencies), np.cos(5 * frequencies)]))
    with pytest.raises(ValueError, match="dim must be even"):
        sinusoidal_embedding([1], 7)


# -- the reverse process ----------------------------------------------------------------------------------------------
def test_recorded_steps():
    assert recorded_steps(100) == [100, 88, 75, 62, 50, 38, 25, 12, 0]
    assert recorded_steps(3, n=9) == [3, 2, 1, 0]
    assert recorded_steps(10, n=2) == [10, 0]


def test_sampler_with_an_oracle_recovers_a_single_point():
    betas = cosine_beta_schedule(30)
    abar = alphas_cumprod(betas)
    target = np.array([0.3, -0.7])

    def oracle(x, k):  # the exact noise when every data point is `target`
        a = abar[k][:, None]
        return (x - np.sqrt(a) * target) / np.sqrt(1 - a)

    samples, chain, steps = ddpm_sample(oracle, (5, 2), betas, np.random.default_rng(0), record=[30, 15, 0])
    np.testing.assert_allclose(samples, np.tile(target, (5, 1)), atol=1e-9)
    assert steps == [30, 15, 0] and chain.shape == (3, 5, 2)
    np.testing.assert_allclose(chain[-1], samples)
    assert np.abs(chain[0]).max() > 0.1  # started from noise


def test_sampler_with_an_oracle_draws_a_gaussian():
    betas = beta_schedule("linear", 100)
    abar = alphas_cumprod(betas)
    mean, std = np.array([1.0, -0.5]), 0.3

    def oracle(x, k):  # E[eps | x_t] when the data are N(mean, std^2 I)
        a = abar[k][:, None]
        return np.sqrt(1 - a) * (x - np.sqrt(a) * mean) / (a * std**2 + 1 - a)

    samples, chain, steps = ddpm_sample(oracle, (20_000, 2), betas, np.random.default_rng(1))
    np.testing.assert_allclose(samples.mean(axis=0), mean, atol=0.01)
    np.testing.assert_allclose(samples.std(axis=0), std, rtol=0.06)  # sigma_t^2 = beta_t: a little wider
    assert steps == recorded_steps(100) and chain.shape == (9, 20_000, 2)
    np.testing.assert_allclose(chain[0].std(axis=0), 1.0, rtol=0.03)


def test_sampler_passes_step_indices_and_refuses_bad_predictions():
    seen = []

    def record(x, k):
        seen.append(k.copy())
        return np.zeros_like(x)

    ddpm_sample(record, (4, 3), linear_beta_schedule(5, 0.1, 0.2), np.random.default_rng(0))
    assert [int(k[0]) for k in seen] == [4, 3, 2, 1, 0] and all(
        k.shape == (4,) and k.dtype.kind == "i" for k in seen
    )
    with pytest.raises(ValueError, match="returned shape"):
        ddpm_sample(
            lambda x, k: x[:, :1], (4, 3), linear_beta_schedule(5, 0.1, 0.2), np.random.default_rng(0)
        )
    with pytest.raises(ValueError, match="must be a function"):
        ddpm_sample(None, (4, 3), linear_beta_schedule(5, 0.1, 0.2), np.random.default_rng(0))
    with pytest.raises(ValueError, match="from 0 to T = 5"):
        ddpm_sample(
            record, (4, 3), linear_beta_schedule(5, 0.1, 0.2), np.random.default_rng(0), record=[6, 0]
        )


def test_nearest_distance():
    reference = np.array([[0.0, 0.0], [10.0, 0.0]])
    assert nearest_distance(np.array([[3.0, 4.0], [10.0, 1.0]]), reference) == pytest.approx(3.0)
    many = np.random.default_rng(2).normal(size=(1500, 2))
    assert nearest_distance(many, many) == 0.0
    with pytest.raises(ValueError, match="same d"):
        nearest_distance(np.zeros((3, 2)), np.zeros((3, 3)))
