from otter.test_files import test_case

OK_FORMAT = False

name = "ex22_smoothgrad"
points = 3

@test_case(points=None, hidden=False)
def test_shape_and_a_constant_gradient(smoothgrad):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.zeros((2, 3, 4))
    got = call(smoothgrad, 'smoothgrad', lambda z: np.ones_like(z), x, n_samples=5, sigma=0.3)
    if got is None or got is Ellipsis:
        raise AssertionError('smoothgrad returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.shape(got) == (2, 3, 4), f'the result should have the shape of x, (2, 3, 4), not {np.shape(got)}.'
    check_array(got, np.ones((2, 3, 4)), 'smoothgrad of a function whose gradient is 1 everywhere')

@test_case(points=None, hidden=False)
def test_no_noise_is_the_plain_gradient(smoothgrad):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.array([[0.0, 1.0, 2.0]])
    got = call(smoothgrad, 'smoothgrad', lambda z: 2 * z, x, n_samples=3, sigma=0.0)
    check_array(got, 2 * x, 'smoothgrad with sigma = 0 of the gradient 2x')

