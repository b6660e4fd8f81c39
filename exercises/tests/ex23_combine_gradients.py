from otter.test_files import test_case

OK_FORMAT = False

name = "ex23_combine_gradients"
points = 2

@test_case(points=None, hidden=False)
def test_equal_shards_average(combine_gradients):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(combine_gradients, 'combine_gradients', np.array([[1.0, 2.0], [3.0, 6.0]]), [4, 4])
    check_array(got, [2.0, 4.0], 'combine_gradients of two devices with 4 examples each')

