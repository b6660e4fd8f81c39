from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_linear_beta_schedule"
points = 2

@test_case(points=None, hidden=False)
def test_five_steps(linear_beta_schedule):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(linear_beta_schedule, 'linear_beta_schedule', 5, 0.1, 0.5)
    check_array(got, [0.1, 0.2, 0.3, 0.4, 0.5], 'linear_beta_schedule(5, 0.1, 0.5)')

@test_case(points=None, hidden=False)
def test_default_end_points(linear_beta_schedule):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(linear_beta_schedule, 'linear_beta_schedule', 1000)
    check_array(got, np.linspace(0.0001, 0.02, 1000), 'linear_beta_schedule(1000) with the default beta_start and beta_end')

