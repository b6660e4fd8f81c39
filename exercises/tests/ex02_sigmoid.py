from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_sigmoid"
points = 2

@test_case(points=None, hidden=False)
def test_values(sigmoid):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(sigmoid, 'sigmoid', np.array([-2.0, 0.0, 3.0]))
    check_array(got, [0.11920292202, 0.5, 0.95257412682], 'sigmoid([-2, 0, 3])')

@test_case(points=None, hidden=False)
def test_no_overflow(sigmoid):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(sigmoid, 'sigmoid', np.array([-1000.0, 1000.0]))
    check_array(got, [0.0, 1.0], 'sigmoid([-1000, 1000]) (it must not overflow)')

