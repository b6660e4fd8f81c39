from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_rnn_forward"
points = 3

@test_case(points=None, hidden=False)
def test_two_steps_by_hand(rnn_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    X = np.array([[[1.0], [2.0]]])
    h0 = np.array([[0.0, 1.0]])
    Wx, Wh, b = (np.array([[1.0, -1.0]]), np.array([[0.5, 0.0], [1.0, 0.5]]), np.array([0.0, 0.25]))
    got = call(rnn_forward, 'rnn_forward', X, h0, Wx, Wh, b)
    h1 = np.tanh(np.array([1.0 + 1.0, -1.0 + 0.5 + 0.25]))
    h2 = np.tanh(2.0 * np.array([1.0, -1.0]) + h1 @ Wh + b)
    check_array(got, np.stack([h1, h2])[np.newaxis], 'rnn_forward on one sequence of 2 steps (shape (1, 2, 2))')

@test_case(points=None, hidden=False)
def test_first_state_is_one_step_from_h0(rnn_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    rng = np.random.default_rng(3)
    X, h0 = (rng.normal(size=(4, 5, 2)), rng.normal(size=(4, 3)))
    Wx, Wh, b = (rng.normal(size=(2, 3)), rng.normal(size=(3, 3)), rng.normal(size=3))
    got = call(rnn_forward, 'rnn_forward', X, h0, Wx, Wh, b)
    if got is None or np.shape(got) != (4, 5, 3):
        check_array(got, np.zeros((4, 5, 3)), 'rnn_forward for 4 sequences of 5 steps and 3 units')
    check_array(np.asarray(got)[:, 0], np.tanh(X[:, 0] @ Wx + h0 @ Wh + b), 'the first state H[:, 0], one step from h0')

