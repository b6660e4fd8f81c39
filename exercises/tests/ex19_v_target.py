from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_v_target"
points = 3

@test_case(points=None, hidden=False)
def test_v_target_at_the_ends(v_target):
    import numpy as np
    from dlbook.grading import call, check_array
    x0, eps = (np.array([[1.0, -2.0]]), np.array([[0.5, 3.0]]))
    check_array(call(v_target, 'v_target', x0, eps, 1.0), eps, 'v_target(x0, eps, 1.0): no noise yet, v = eps')
    check_array(call(v_target, 'v_target', x0, eps, 0.0), -x0, 'v_target(x0, eps, 0.0): pure noise, v = -x0')

