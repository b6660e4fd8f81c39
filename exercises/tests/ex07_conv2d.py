from otter.test_files import test_case

OK_FORMAT = False

name = "ex07_conv2d"
points = 4

@test_case(points=None, hidden=False)
def test_valid_no_flip(conv2d):
    import numpy as np
    from dlbook.grading import call, check_array
    image = np.arange(16.0).reshape(4, 4)
    kernel = np.array([[1.0, 0.0], [0.0, -1.0]])
    got = call(conv2d, 'conv2d', image, kernel)
    check_array(got, np.full((3, 3), -5.0), 'conv2d(arange(16).reshape(4, 4), [[1, 0], [0, -1]]) (each output is top-left minus bottom-right of its window; a flipped kernel gives +5)')

@test_case(points=None, hidden=False)
def test_same_padding_stride_1(conv2d):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(conv2d, 'conv2d', np.ones((3, 4)), np.ones((3, 3)), padding='same')
    expected = np.array([[4.0, 6.0, 6.0, 4.0], [6.0, 9.0, 9.0, 6.0], [4.0, 6.0, 6.0, 4.0]])
    check_array(got, expected, "conv2d(ones((3, 4)), ones((3, 3)), padding='same') (how many pixels each window covers)")

@test_case(points=None, hidden=False)
def test_valid_stride_2(conv2d):
    import numpy as np
    from dlbook.grading import call, check_array
    image = np.arange(25.0).reshape(5, 5)
    got = call(conv2d, 'conv2d', image, np.ones((3, 3)) / 9, stride=2)
    check_array(got, [[6.0, 8.0], [16.0, 18.0]], 'conv2d(arange(25).reshape(5, 5), 3x3 mean, stride=2)')

