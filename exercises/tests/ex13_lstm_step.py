from otter.test_files import test_case

OK_FORMAT = False

name = "ex13_lstm_step"
points = 3

@test_case(points=None, hidden=False)
def test_zero_weights(lstm_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    x, h, c = (np.ones((1, 2)), np.zeros((1, 3)), np.array([[1.0, -2.0, 0.5]]))
    result = call(lstm_step, 'lstm_step', x, h, c, np.zeros((2, 12)), np.zeros((3, 12)), np.zeros(12))
    h_new, c_new = check_tuple(result, ('h', 'c'), 'lstm_step')
    check_array(c_new, 0.5 * c, 'c from lstm_step with all weights zero (every gate is 0.5, the candidate 0)')
    check_array(h_new, 0.5 * np.tanh(0.5 * c), 'h from lstm_step with all weights zero')

@test_case(points=None, hidden=False)
def test_random_batch(lstm_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple

    def reference(x_t, h_prev, c_prev, W, U, b):
        sig = lambda a: 1 / (1 + np.exp(-a))
        u = U.shape[0]
        z = x_t @ W + h_prev @ U + b
        c = sig(z[:, u:2 * u]) * c_prev + sig(z[:, :u]) * np.tanh(z[:, 2 * u:3 * u])
        return (sig(z[:, 3 * u:]) * np.tanh(c), c)
    rng = np.random.default_rng(0)
    args = (rng.normal(size=(4, 3)), rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), rng.normal(size=(3, 8)), rng.normal(size=(2, 8)), rng.normal(size=8))
    result = call(lstm_step, 'lstm_step', *args)
    check_tuple(result, ('h', 'c'), 'lstm_step')
    h_expected, c_expected = reference(*args)
    check_array(result[1], c_expected, 'c for a batch of 4, 3 features, 2 units')
    check_array(result[0], h_expected, 'h for a batch of 4, 3 features, 2 units')

