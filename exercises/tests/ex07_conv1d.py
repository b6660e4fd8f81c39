from otter.test_files import test_case

OK_FORMAT = False

name = "ex07_conv1d"
points = 3

@test_case(points=None, hidden=False)
def test_by_hand(conv1d):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(conv1d, 'conv1d', np.array([1.0, 2.0, 3.0, 4.0]), np.array([1.0, 0.0, -1.0]))
    if got is None or got is Ellipsis:
        raise AssertionError('conv1d returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.shape(got) == (2,), f'a kernel of 3 fits at 2 positions of a signal of 4, but conv1d returned shape {np.shape(got)}: the kernel fits at (n - k) // stride + 1 positions.'
    check_array(got, [-2.0, -2.0], 'conv1d([1, 2, 3, 4], [1, 0, -1])')

