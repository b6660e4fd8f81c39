from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_rnn_backward"
points = 4

@test_case(points=None, hidden=False)
def test_one_step_by_hand(rnn_backward):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    result = call(rnn_backward, 'rnn_backward', np.array([[[2.0]]]), np.array([[[0.0]]]), np.array([[1.0]]), np.array([[1.0]]), np.array([[-2.0]]), np.array([[[3.0]]]))
    dWx, dWh, db, dh0 = check_tuple(result, ('dWx', 'dWh', 'db', 'dh0'), 'rnn_backward')
    check_array(dWx, [[6.0]], 'dWx for one step (x = 2, dL/dh = 3, tanh slope 1)')
    check_array(dWh, [[3.0]], 'dWh for one step (h0 = 1, dL/dh = 3, tanh slope 1)')
    check_array(db, [3.0], 'db for one step')
    check_array(dh0, [[-6.0]], 'dh0 for one step (Wh = -2)')

@test_case(points=None, hidden=False)
def test_shapes(rnn_backward):
    import numpy as np
    from dlbook.grading import call, check_tuple
    rng = np.random.default_rng(0)
    T, n, d, m = (4, 3, 2, 5)
    result = call(rnn_backward, 'rnn_backward', rng.normal(size=(T, n, d)), np.tanh(rng.normal(size=(T, n, m))), rng.normal(size=(n, m)), rng.normal(size=(d, m)), rng.normal(size=(m, m)), rng.normal(size=(T, n, m)))
    for value, name, shape in zip(check_tuple(result, ('dWx', 'dWh', 'db', 'dh0'), 'rnn_backward'), ('dWx', 'dWh', 'db', 'dh0'), ((d, m), (m, m), (m,), (n, m))):
        assert np.shape(value) == shape, f'{name} should have shape {shape}, like the array it is the gradient of, but it has shape {np.shape(value)}.'

