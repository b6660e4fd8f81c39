from otter.test_files import test_case

OK_FORMAT = False

name = "ex22_shapley_values"
points = 4

@test_case(points=None, hidden=False)
def test_a_linear_function(shapley_values):
    import numpy as np
    from dlbook.grading import call, check_array
    w = np.array([2.0, -1.0, 0.5])
    got = call(shapley_values, 'shapley_values', lambda z: np.asarray(z) @ w, np.array([1.0, 2.0, 4.0]), np.zeros(3))
    if got is None or got is Ellipsis:
        raise AssertionError('shapley_values returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.shape(got) == (3,), f'one value per feature: shape (3,), not {np.shape(got)}.'
    check_array(got, [2.0, -2.0, 2.0], 'the Shapley values of the linear function 2 x0 - x1 + 0.5 x2 at (1, 2, 4)')

