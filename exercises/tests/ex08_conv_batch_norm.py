from otter.test_files import test_case

OK_FORMAT = False

name = "ex08_conv_batch_norm"
points = 3

@test_case(points=None, hidden=False)
def test_shape_and_a_constant_channel(conv_batch_norm):
    import numpy as np
    from dlbook.grading import call, check_array
    h = np.ones((2, 3, 1))
    got = call(conv_batch_norm, 'conv_batch_norm', h, np.array([2.0]), np.array([0.5]))
    check_array(got, np.full((2, 3, 1), 0.5), 'conv_batch_norm of a constant channel (gamma 2, beta 0.5)')

