from otter.test_files import test_case

OK_FORMAT = False

name = "ex09_conv_transpose1d"
points = 3

@test_case(points=None, hidden=False)
def test_by_hand(conv_transpose1d):
    import numpy as np
    from dlbook.grading import call
    got = call(conv_transpose1d, 'conv_transpose1d', np.array([1.0, 2.0]), np.array([1.0, 1.0, 1.0]), stride=2)
    if got is None or got is Ellipsis:
        raise AssertionError('conv_transpose1d returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.shape(got) == (5,), f'2 input values, a kernel of 3 and stride 2 give an output of 5 values, but conv_transpose1d returned shape {np.shape(got)}.'

