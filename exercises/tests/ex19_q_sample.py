from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_q_sample"
points = 3

@test_case(points=None, hidden=False)
def test_points(q_sample):
    import numpy as np
    from dlbook.grading import call, check_array
    abar = np.array([0.81, 0.64, 0.25, 0.01])
    x0 = np.array([[1.0, 2.0], [-1.0, 0.5], [2.0, 2.0]])
    noise = np.array([[0.5, -1.0], [1.0, 1.0], [-2.0, 0.0]])
    got = call(q_sample, 'q_sample', x0, np.array([0, 2, 3]), noise, abar)
    expected = [[0.9 + 0.5 * np.sqrt(0.19), 1.8 - np.sqrt(0.19)], [-0.5 + np.sqrt(0.75), 0.25 + np.sqrt(0.75)], [0.2 - 2 * np.sqrt(0.99), 0.2]]
    check_array(got, expected, 'q_sample for 3 points at the step indices t = [0, 2, 3]')

@test_case(points=None, hidden=False)
def test_same_step_for_all(q_sample):
    import numpy as np
    from dlbook.grading import call, check_array
    x0, noise = (np.ones((4, 3)), np.full((4, 3), 2.0))
    got = call(q_sample, 'q_sample', x0, np.array([1, 1, 1, 1]), noise, np.array([0.9, 0.36]))
    check_array(got, np.full((4, 3), 0.6 + 2 * 0.8), 'q_sample with every example at index 1 (abar = 0.36)')

