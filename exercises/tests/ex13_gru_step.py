from otter.test_files import test_case

OK_FORMAT = False

name = "ex13_gru_step"
points = 3

@test_case(points=None, hidden=False)
def test_zero_weights(gru_step):
    import numpy as np
    from dlbook.grading import call, check_array
    h = np.array([[1.0, -2.0]])
    got = call(gru_step, 'gru_step', np.ones((1, 3)), h, np.zeros((3, 6)), np.zeros((2, 6)), np.zeros((2, 6)))
    check_array(got, 0.5 * h, 'gru_step with all weights zero (both gates 0.5, the candidate 0)')

@test_case(points=None, hidden=False)
def test_random_batch(gru_step):
    import numpy as np
    from dlbook.grading import call, check_array

    def reference(x_t, h_prev, W, U, b):
        sig = lambda a: 1 / (1 + np.exp(-a))
        u = U.shape[0]
        xs, hs = (x_t @ W + b[0], h_prev @ U + b[1])
        z, r = (sig(xs[:, :u] + hs[:, :u]), sig(xs[:, u:2 * u] + hs[:, u:2 * u]))
        return z * h_prev + (1 - z) * np.tanh(xs[:, 2 * u:] + r * hs[:, 2 * u:])
    rng = np.random.default_rng(1)
    args = (rng.normal(size=(4, 3)), rng.normal(size=(4, 2)), rng.normal(size=(3, 6)), rng.normal(size=(2, 6)), rng.normal(size=(2, 6)))
    got = call(gru_step, 'gru_step', *args)
    check_array(got, reference(*args), 'h for a batch of 4, 3 features, 2 units')

