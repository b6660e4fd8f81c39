from otter.test_files import test_case

OK_FORMAT = False

name = "ex04_numerical_gradient"
points = 3

@test_case(points=None, hidden=False)
def test_sum_of_squares(numerical_gradient):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(numerical_gradient, 'numerical_gradient', lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0, 3.0]))
    check_array(got, [2.0, -4.0, 6.0], 'numerical_gradient of sum(x**2) at x = [1, -2, 3]', rtol=1e-06, atol=1e-07)

@test_case(points=None, hidden=False)
def test_x_is_left_unchanged(numerical_gradient):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.array([[0.5, -1.5], [2.0, 0.25]])
    original = x.copy()
    got = call(numerical_gradient, 'numerical_gradient', lambda v: float(np.sum(np.sin(v))), x)
    check_array(got, np.cos(original), 'numerical_gradient of sum(sin(x)) at a 2x2 x', rtol=1e-06, atol=1e-08)
    assert np.array_equal(x, original), f"numerical_gradient changed the caller's x: after the call it holds {x.tolist()} instead of {original.tolist()}. Work on a copy."

