from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_softplus"
points = 3

@test_case(points=None, hidden=False)
def test_small_values(softplus):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(softplus, 'softplus', np.array([0.0, 1.0, -1.0]))
    check_array(got, [np.log(2), np.log(1 + np.e), np.log(1 + 1 / np.e)], 'softplus([0, 1, -1])', rtol=1e-10)

@test_case(points=None, hidden=False)
def test_large_input(softplus):
    import numpy as np
    from dlbook.grading import call, check_array
    with np.errstate(all='ignore'):
        got = call(softplus, 'softplus', np.array([1000.0, 50.0]))
    got = check_array(got, [1000.0, 50.0], 'softplus([1000, 50])', rtol=1e-10)

