from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_reverse_step"
points = 4

@test_case(points=None, hidden=False)
def test_reverse_step_shape(reverse_step):
    import numpy as np
    from dlbook.grading import call, check_answer
    betas = np.array([0.1, 0.2, 0.3])
    got = check_answer(call(reverse_step, 'reverse_step', np.ones((5, 2)), np.zeros((5, 2)), 2, betas, np.zeros((5, 2))), 'reverse_step')
    assert np.shape(got) == (5, 2), f'x_(t-1) has the shape of x_t, (5, 2); got {np.shape(got)}'

