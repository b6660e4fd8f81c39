from otter.test_files import test_case

OK_FORMAT = False

name = "ex07_conv2d_multi"
points = 4

@test_case(points=None, hidden=False)
def test_one_pixel_kernel_mixes_channels(conv2d_multi):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.arange(2 * 3 * 3 * 2, dtype=float).reshape(2, 3, 3, 2)
    kernel = np.array([[[[1.0], [-1.0]]]])
    got = call(conv2d_multi, 'conv2d_multi', x, kernel, np.array([0.5]))
    check_array(got, np.full((2, 3, 3, 1), -0.5), 'a 1x1 kernel (channel 0 - channel 1, bias 0.5) on a batch of 2')

@test_case(points=None, hidden=False)
def test_output_shapes(conv2d_multi):
    import numpy as np
    from dlbook.grading import call
    x, kernel, bias = (np.zeros((3, 9, 10, 2)), np.zeros((3, 3, 2, 4)), np.zeros(4))
    for stride, padding, shape in [(1, 'valid', (3, 7, 8, 4)), (2, 'valid', (3, 4, 4, 4)), (1, 'same', (3, 9, 10, 4)), (2, 'same', (3, 5, 5, 4))]:
        got = call(conv2d_multi, 'conv2d_multi', x, kernel, bias, stride=stride, padding=padding)
        if got is None or got is Ellipsis:
            raise AssertionError('conv2d_multi returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
        assert np.shape(got) == shape, f'on x of shape (3, 9, 10, 2) with a 3x3 kernel, stride={stride}, padding={padding!r}, the output should have shape {shape}, not {np.shape(got)}.'

