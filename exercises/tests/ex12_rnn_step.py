from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_rnn_step"
points = 2

@test_case(points=None, hidden=False)
def test_small_example(rnn_step):
    import numpy as np
    from dlbook.grading import call, check_array
    x_t = np.array([[1.0, 0.0], [0.0, 2.0]])
    h_prev = np.array([[0.5, -0.5, 0.0], [0.0, 0.0, 1.0]])
    Wx = np.array([[0.1, 0.2, 0.3], [-0.1, 0.0, 0.1]])
    Wh = np.array([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.5, 0.0, -1.0]])
    b = np.array([0.0, 0.1, -0.2])
    got = call(rnn_step, 'rnn_step', x_t, h_prev, Wx, Wh, b)
    expected = np.tanh(np.array([[0.6, -0.7, 0.1], [0.3, 0.1, -1.0]]))
    check_array(got, expected, 'rnn_step on a batch of 2 sequences with 3 units')

@test_case(points=None, hidden=False)
def test_zero_input_and_state_give_tanh_of_the_bias(rnn_step):
    import numpy as np
    from dlbook.grading import call, check_array
    b = np.array([-1.0, 0.0, 0.5, 2.0])
    got = call(rnn_step, 'rnn_step', np.zeros((3, 2)), np.zeros((3, 4)), np.ones((2, 4)), np.ones((4, 4)), b)
    check_array(got, np.tile(np.tanh(b), (3, 1)), 'rnn_step with zero inputs and zero previous states')

