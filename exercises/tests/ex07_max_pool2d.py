from otter.test_files import test_case

OK_FORMAT = False

name = "ex07_max_pool2d"
points = 2

@test_case(points=None, hidden=False)
def test_two_by_two(max_pool2d):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.array([[1.0, 3.0, 2.0, 0.0], [4.0, 2.0, 1.0, 5.0], [0.0, 1.0, 7.0, 6.0], [2.0, 9.0, 8.0, 3.0]])
    got = call(max_pool2d, 'max_pool2d', x)
    check_array(got, [[4.0, 5.0], [9.0, 8.0]], 'max_pool2d(x) with 2x2 windows on a 4x4 array')

@test_case(points=None, hidden=False)
def test_leftovers_are_dropped(max_pool2d):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.arange(25.0).reshape(5, 5)
    got = call(max_pool2d, 'max_pool2d', x, 2)
    check_array(got, [[6.0, 8.0], [16.0, 18.0]], 'max_pool2d(arange(25).reshape(5, 5), 2) (the last row and column are dropped)')

