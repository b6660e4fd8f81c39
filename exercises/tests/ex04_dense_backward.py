from otter.test_files import test_case

OK_FORMAT = False

name = "ex04_dense_backward"
points = 3

@test_case(points=None, hidden=False)
def test_small_example(dense_backward):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    W = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]])
    dout = np.array([[1.0, -1.0, 2.0], [0.5, 0.0, -1.0]])
    result = call(dense_backward, 'dense_backward', dout, X, W)
    dX, dW, db = check_tuple(result, ('dX', 'dW', 'db'), 'dense_backward')
    check_array(dX, [[-1.0, 2.0], [1.5, 0.5]], 'dX for the 2-sample example')
    check_array(dW, [[1.0, -1.0, 2.0], [1.5, -2.0, 5.0]], 'dW for the 2-sample example')
    check_array(db, [1.5, -1.0, 1.0], 'db for the 2-sample example (shape (d_out,))')

@test_case(points=None, hidden=False)
def test_matches_finite_differences(dense_backward):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    rng = np.random.default_rng(0)
    X, W, b, R = (rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(4, 2)))
    result = call(dense_backward, 'dense_backward', R, X, W)
    dX, dW, db = check_tuple(result, ('dX', 'dW', 'db'), 'dense_backward')

    def loss(X_, W_, b_):
        return np.sum((X_ @ W_ + b_) * R)

    def numeric(which):
        args = [X.copy(), W.copy(), b.copy()]
        grad = np.zeros_like(args[which])
        for i in np.ndindex(grad.shape):
            up, down = ([a.copy() for a in args], [a.copy() for a in args])
            up[which][i] += 1e-06
            down[which][i] -= 1e-06
            grad[i] = (loss(*up) - loss(*down)) / 2e-06
        return grad
    check_array(dX, numeric(0), 'dX for n=4, d_in=3, d_out=2 (checked by finite differences)', rtol=1e-05, atol=1e-06)
    check_array(dW, numeric(1), 'dW for n=4, d_in=3, d_out=2 (checked by finite differences)', rtol=1e-05, atol=1e-06)
    check_array(db, numeric(2), 'db for n=4, d_in=3, d_out=2 (checked by finite differences)', rtol=1e-05, atol=1e-06)

