from otter.test_files import test_case

OK_FORMAT = False

name = "ex11_route_by_agreement"
points = 3

@test_case(points=None, hidden=False)
def test_one_iteration_is_uniform(route_by_agreement):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    u_hat = np.ones((1, 4, 2, 3))
    v, c = check_tuple(call(route_by_agreement, 'route_by_agreement', u_hat, 1), ('v', 'c'), 'route_by_agreement')
    check_array(c, np.full((1, 4, 2), 0.5), 'c after one iteration (each child splits evenly between 2 parents)')
    assert np.shape(v) == (1, 2, 3), f'v should have shape (1, 2, 3), not {np.shape(v)}.'

