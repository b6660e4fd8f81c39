from otter.test_files import test_case

OK_FORMAT = False

name = "ex04_batchnorm_backward"
points = 4

@test_case(points=None, hidden=False)
def test_shapes(batchnorm_backward):
    import numpy as np
    from dlbook.grading import call, check_tuple
    x, dout, gamma = (np.arange(12.0).reshape(4, 3) ** 1.5, np.ones((4, 3)), np.ones(3))
    got = check_tuple(call(batchnorm_backward, 'batchnorm_backward', dout, x, gamma), ('dx', 'dgamma', 'dbeta'), 'batchnorm_backward')
    shapes = tuple((np.shape(g) for g in got))
    assert shapes == ((4, 3), (3,), (3,)), f'(dx, dgamma, dbeta) should have shapes ((4, 3), (3,), (3,)), not {shapes}'

@test_case(points=None, hidden=False)
def test_a_constant_upstream_gradient(batchnorm_backward):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    x = np.array([[1.0, -2.0], [3.0, 0.0], [2.0, 5.0]])
    got = check_tuple(call(batchnorm_backward, 'batchnorm_backward', np.ones((3, 2)), x, np.array([2.0, 0.5])), ('dx', 'dgamma', 'dbeta'), 'batchnorm_backward')
    check_array(got[2], [3.0, 3.0], 'dbeta when dout is all ones (3 samples)')
    check_array(got[0], np.zeros((3, 2)), 'dx when dout is all ones: shifting every output of a feature by the same amount cannot be done by moving x, whose mean is subtracted', atol=1e-09)

