from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_ddim_step_v"
points = 4

@test_case(points=None, hidden=False)
def test_ddim_step_v_to_the_data(ddim_step_v):
    import numpy as np
    from dlbook.grading import call, check_array
    x_t, v = (np.array([[3.0, 4.0]]), np.array([[0.0, 0.0]]))
    check_array(call(ddim_step_v, 'ddim_step_v', x_t, v, 0.25, 1.0), 0.5 * x_t, 'ddim_step_v(x_t, 0, 0.25, 1.0): with v = 0, x0_hat = sqrt(0.25) x_t')

