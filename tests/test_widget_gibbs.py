"""GibbsSampler and chapter 20's RBM functions (dlbook.rbm): exact quantities by enumeration, CD, the widget."""

import numpy as np
import pytest

from dlbook import rbm as R
from dlbook.widgets.gallery import GALLERY, refreshed_and_full_render, stub_png
from dlbook.widgets.gibbs import GibbsSampler, snapshot_steps, start_state


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _small_rbm(d=5, m=3, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    return rng.normal(0, scale, (d, m)), rng.normal(0, 0.5, d), rng.normal(0, 0.5, m)


# -- the model ------------------------------------------------------------------------------------------------------
def test_free_energy_sums_the_hidden_units_out():
    W, b, c = _small_rbm()
    v = R.all_states(5)
    h = R.all_states(3)
    energies = np.array([[R.energy(vi, hj, W, b, c)[0] for hj in h] for vi in v])
    np.testing.assert_allclose(R.free_energy(v, W, b, c), -np.log(np.exp(-energies).sum(axis=1)), rtol=1e-12)
    np.testing.assert_allclose(
        R.hidden_free_energy(h, W, b, c), -np.log(np.exp(-energies).sum(axis=0)), rtol=1e-12
    )
    log_z = np.log(np.exp(-energies).sum())
    np.testing.assert_allclose(R.log_partition(W, b, c), log_z, rtol=1e-12)
    np.testing.assert_allclose(R.log_partition(W.T, c, b), log_z, rtol=1e-12)  # enumerating the other layer
    np.testing.assert_allclose(np.exp(R.log_likelihood(v, W, b, c)).sum(), 1.0, rtol=1e-12)


def test_conditionals_are_the_ratios_of_the_joint():
    W, b, c = _small_rbm(seed=1)
    v, h = np.array([[1.0, 0, 1, 1, 0]]), np.array([[0.0, 1, 0]])
    for j in range(3):
        on, off = h.copy(), h.copy()
        on[0, j], off[0, j] = 1, 0
        ratio = np.exp(-R.energy(v, on, W, b, c)) / (
            np.exp(-R.energy(v, on, W, b, c)) + np.exp(-R.energy(v, off, W, b, c))
        )
        np.testing.assert_allclose(R.hidden_probs(v, W, c)[0, j], ratio[0])
    for i in range(5):
        on, off = v.copy(), v.copy()
        on[0, i], off[0, i] = 1, 0
        ratio = np.exp(-R.energy(on, h, W, b, c)) / (
            np.exp(-R.energy(on, h, W, b, c)) + np.exp(-R.energy(off, h, W, b, c))
        )
        np.testing.assert_allclose(R.visible_probs(h, W, b)[0, i], ratio[0])
    assert np.isfinite(R.sigmoid(-1000.0)) and R.sigmoid(1000.0) == 1.0


def test_all_states_counts_in_binary():
    np.testing.assert_array_equal(R.all_states(2), [[0, 0], [0, 1], [1, 0], [1, 1]])
    with pytest.raises(ValueError, match="number of units"):
        R.all_states(40)


@pytest.mark.parametrize("shape", [(6, 3), (3, 6)])  # enumerate the hidden layer, then the visible one
def test_exact_gradient_matches_finite_differences(shape):
    W, b, c = _small_rbm(*shape, seed=2)
    X = (np.random.default_rng(3).random((7, shape[0])) < 0.5).astype(float)
    gW, gb, gc = R.exact_gradient(X, W, b, c)
    eps = 1e-6
    for grad, param in ((gW, W), (gb, b), (gc, c)):
        for index in np.ndindex(param.shape):
            saved = param[index]
            param[index] = saved + eps
            up = R.log_likelihood(X, W, b, c).mean()
            param[index] = saved - eps
            down = R.log_likelihood(X, W, b, c).mean()
            param[index] = saved
            np.testing.assert_allclose(grad[index], (up - down) / (2 * eps), atol=1e-6)


def test_cd_approaches_the_exact_gradient_as_k_grows():
    W, b, c = _small_rbm(8, 4, seed=4, scale=1.5)
    X = np.tile((np.random.default_rng(5).random((4, 8)) < 0.5).astype(float), (2000, 1))
    exact = np.concatenate([g.ravel() for g in R.exact_gradient(X, W, b, c)])
    errors = []
    for k in (1, 30):
        grads, end = R.cd_gradient(X, W, b, c, k, np.random.default_rng(6))
        assert end.shape == X.shape
        errors.append(np.linalg.norm(np.concatenate([g.ravel() for g in grads]) - exact))
    assert errors[1] < 0.5 * errors[0]


def test_training_beats_independent_pixels_and_a_zero_rbm_equals_them():
    from dlbook.data import load_digits

    (X, _), (X_test, _) = load_digits(flatten=True, seed=0)
    X, X_test = (X > 0.5).astype(float), (X_test > 0.5).astype(float)
    start = R.init_rbm(X, 4, np.random.default_rng(0), scale=0.0)
    p = np.clip(X.mean(axis=0), 1e-3, 1 - 1e-3)
    # W = 0: the RBM is independent pixels with log-odds b (the hidden units only add m log 2, which Z removes)
    np.testing.assert_allclose(
        R.log_likelihood(X_test, start.W, start.b, start.c),
        X_test @ np.log(p) + (1 - X_test) @ np.log1p(-p),
        rtol=1e-9,
    )
    baseline = R.bernoulli_log_likelihood(X, X_test)
    for persistent in (False, True):
        rbm = R.train_rbm(X, 8, epochs=10, persistent=persistent, seed=0)
        assert R.log_likelihood(X_test, rbm.W, rbm.b, rbm.c).mean() > baseline.mean() + 1.0
    rbms = R.pretrain_dbn(X, [12, 6], epochs=2)
    assert [r.shape for r in rbms] == [(64, 12), (12, 6)] and R.dbn_features(X_test, rbms).shape == (
        len(X_test),
        6,
    )
    assert 0 < R.reconstruction_error(X_test, rbms[0]) < 0.25


def test_gibbs_chain_shapes_and_a_chain_that_cannot_move():
    W, b, c = _small_rbm(4, 2)
    vs, vms, hms = R.gibbs_chain(np.ones((3, 4)), W, b, c, 5, np.random.default_rng(0))
    assert vs.shape == (6, 3, 4) and vms.shape == (6, 3, 4) and hms.shape == (6, 3, 2)
    np.testing.assert_array_equal(vs[0], 1.0)
    stuck, _, _ = R.gibbs_chain(
        np.zeros((1, 4)), np.zeros((4, 2)), np.full(4, 50.0), np.zeros(2), 3, np.random.default_rng(0)
    )
    np.testing.assert_array_equal(stuck[1:], 1.0)  # huge visible biases: every pixel turns on at once


# -- the widget ------------------------------------------------------------------------------------------------------
def test_snapshot_steps_start_at_zero_and_end_at_the_last_step():
    for steps in (1, 2, 7, 50, 1000):
        shown = snapshot_steps(steps)
        assert shown[0] == 0 and shown[-1] == steps and len(shown) <= 8 and (np.diff(shown) > 0).all()
    with pytest.raises(ValueError, match="number of steps"):
        snapshot_steps(-1)


def test_start_state():
    images = np.array([[0.2, 0.9, 0.6, 0.0]])
    np.testing.assert_array_equal(
        start_state("test image", images, 0, np.random.default_rng(0)), [[0, 1, 1, 0]]
    )
    assert set(np.unique(start_state("noise", images, 0, np.random.default_rng(0)))) <= {0.0, 1.0}
    with pytest.raises(ValueError, match="noise"):
        start_state("zeros", images, 0, np.random.default_rng(0))


def test_widget_steps_a_chain_and_redraws_from_its_controls():
    W, b, c = _small_rbm(64, 6, scale=0.3)
    images = np.random.default_rng(1).random((5, 64))
    widget = GibbsSampler(W, b, c, images, steps=20)
    assert widget.error is None and "20 Gibbs steps from uniform noise" in widget.status.value
    widget.start.value = "test image"
    widget.index.value = 3
    assert "test image 3" in widget.status.value
    vs, _, _ = widget.chain()
    np.testing.assert_array_equal(vs[0, 0], images[3] > 0.5)
    widget.steps.value = 1
    assert widget.error is None and "1 Gibbs steps" in widget.status.value
    before = widget.chain()[0].copy()
    widget.seed.value = 5
    assert widget.chain()[0].shape == before.shape


def test_widget_refuses_weights_it_cannot_draw():
    W, b, c = _small_rbm(10, 3)
    with pytest.raises(ValueError, match="square number of pixels"):
        GibbsSampler(W, b, c, np.zeros((2, 10)))
    W, b, c = _small_rbm(16, 3)
    with pytest.raises(ValueError, match="shape"):
        GibbsSampler(W, b, c[:2], np.zeros((2, 16)))
    with pytest.raises(ValueError, match="test images of 16 pixels"):
        GibbsSampler(W, b, c, np.zeros((2, 9)))


def test_steps_and_seed_refresh_what_a_fresh_draw_shows(monkeypatch):
    widget = GALLERY["GibbsSampler"].build()
    quick, full = refreshed_and_full_render(monkeypatch, widget, [("steps", 120), ("seed", 7)])
    np.testing.assert_array_equal(quick, full)


def test_a_longer_chain_extends_the_shorter_one_it_computed():
    W, b, c = _small_rbm(64, 6, scale=0.3)
    images = np.random.default_rng(1).random((5, 64))
    widget = GibbsSampler(W, b, c, images, steps=10, seed=3)
    widget.steps.value = 30
    rng = np.random.default_rng(3)
    expected = R.gibbs_chain(start_state("noise", images, 0, rng), W, b, c, 30, rng)
    for got, want in zip(widget.chain(), expected, strict=True):
        np.testing.assert_array_equal(got, want)
    widget.steps.value = 12
    np.testing.assert_array_equal(widget.chain()[1], expected[1][:13])
