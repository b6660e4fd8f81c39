from otter.test_files import test_case

OK_FORMAT = False

name = "ex04_two_layer_backward"
points = 3

@test_case(points=None, hidden=False)
def test_shapes(two_layer_backward):
    import numpy as np
    from dlbook.grading import call, check_tuple
    rng = np.random.default_rng(0)
    X, Y = (rng.normal(size=(5, 3)), rng.normal(size=(5, 2)))
    W1, b1, W2, b2 = (rng.normal(size=(3, 4)), rng.normal(size=4), rng.normal(size=(4, 2)), rng.normal(size=2))
    got = check_tuple(call(two_layer_backward, 'two_layer_backward', X, Y, W1, b1, W2, b2), ('dW1', 'db1', 'dW2', 'db2'), 'two_layer_backward')
    for name, grad, param in zip(('dW1', 'db1', 'dW2', 'db2'), got, (W1, b1, W2, b2)):
        assert np.shape(grad) == param.shape, f'{name} should have the shape of its parameter, {param.shape}'

