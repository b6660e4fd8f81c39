from otter.test_files import test_case

OK_FORMAT = False

name = "ex01_perceptron_predict"
points = 2

@test_case(points=None, hidden=False)
def test_small_example(perceptron_predict):
    import numpy as np
    from dlbook.grading import call, check_array
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0], [-1.0, 3.0]])
    got = call(perceptron_predict, 'perceptron_predict', X, np.array([1.0, 2.0]), -1.0)
    check_array(got, [0, 1, 0, 1], 'perceptron_predict(X, w=[1, 2], b=-1)')

@test_case(points=None, hidden=False)
def test_point_on_the_line_is_class_0(perceptron_predict):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(perceptron_predict, 'perceptron_predict', np.array([[1.0, 1.0]]), np.array([1.0, -1.0]), 0.0)
    check_array(got, [0], 'perceptron_predict for a point exactly on the line (w . x + b = 0)')

