from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_eps_from_v"
points = 3

@test_case(points=None, hidden=False)
def test_eps_from_v_at_the_ends(eps_from_v):
    import numpy as np
    from dlbook.grading import call, check_array
    x_t, v = (np.array([[1.0, -2.0]]), np.array([[0.5, 3.0]]))
    check_array(call(eps_from_v, 'eps_from_v', x_t, v, 0.0), x_t, 'eps_from_v(x_t, v, 0.0): pure noise, eps = x_t')
    check_array(call(eps_from_v, 'eps_from_v', x_t, v, 1.0), v, 'eps_from_v(x_t, v, 1.0): no noise, eps = v')

