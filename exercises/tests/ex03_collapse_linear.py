from otter.test_files import test_case

OK_FORMAT = False

name = "ex03_collapse_linear"
points = 3

@test_case(points=None, hidden=False)
def test_scalars(collapse_linear):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    params = [(np.array([[2.0]]), np.array([1.0])), (np.array([[3.0]]), np.array([-1.0]))]
    W, b = check_tuple(call(collapse_linear, 'collapse_linear', params), ('W', 'b'), 'collapse_linear')
    check_array(W, [[6.0]], 'W for y = 3 (2x + 1) - 1')
    check_array(b, [2.0], 'b for y = 3 (2x + 1) - 1')

@test_case(points=None, hidden=False)
def test_shapes(collapse_linear):
    import numpy as np
    from dlbook.grading import call, check_tuple
    params = [(np.ones((3, 5)), np.zeros(5)), (np.ones((5, 4)), np.zeros(4)), (np.ones((4, 2)), np.zeros(2))]
    W, b = check_tuple(call(collapse_linear, 'collapse_linear', params), ('W', 'b'), 'collapse_linear')
    assert np.shape(W) == (3, 2) and np.shape(b) == (2,), f'for layers 3 -> 5 -> 4 -> 2, W should have shape (3, 2) and b (2,), not {np.shape(W)} and {np.shape(b)}'

