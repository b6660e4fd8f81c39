from otter.test_files import test_case

OK_FORMAT = False

name = "ex03_dense_forward"
points = 2

@test_case(points=None, hidden=False)
def test_no_activation(dense_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    X = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])
    W = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]])
    b = np.array([0.5, -0.5])
    got = call(dense_forward, 'dense_forward', X, W, b)
    check_array(got, [[4.5, -1.5], [1.5, -2.5]], 'dense_forward(X, W, b) with no activation, for X of shape (2, 3) and W of shape (3, 2)')

@test_case(points=None, hidden=False)
def test_with_an_activation(dense_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    X = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])
    W = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]])
    b = np.array([0.5, -0.5])
    got = call(dense_forward, 'dense_forward', X, W, b, activation=np.tanh)
    check_array(got, np.tanh([[4.5, -1.5], [1.5, -2.5]]), 'dense_forward(X, W, b, activation=np.tanh)')

