from otter.test_files import test_case

OK_FORMAT = False

name = "ex07_conv_output_size"
points = 2

@test_case(points=None, hidden=False)
def test_valid_padding(conv_output_size):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(conv_output_size, 'conv_output_size', 8, 3, 1, 'valid')
    check_array(got, 6, "conv_output_size(8, 3, 1, 'valid')")
    got = call(conv_output_size, 'conv_output_size', 28, 5, 2, 'valid')
    check_array(got, 12, "conv_output_size(28, 5, 2, 'valid'), that is floor(23 / 2) + 1")

@test_case(points=None, hidden=False)
def test_same_padding(conv_output_size):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(conv_output_size, 'conv_output_size', 8, 3, 1, 'same')
    check_array(got, 8, "conv_output_size(8, 3, 1, 'same')")
    got = call(conv_output_size, 'conv_output_size', 7, 3, 2, 'same')
    check_array(got, 4, "conv_output_size(7, 3, 2, 'same'), that is ceil(7 / 2)")

