from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_log_softmax"
points = 4

@test_case(points=None, hidden=False)
def test_hand_values(log_softmax):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(log_softmax, 'log_softmax', np.array([0.0, 0.0]))
    check_array(got, [-np.log(2), -np.log(2)], 'log_softmax([0, 0])', rtol=1e-10)
    with np.errstate(all='ignore'):
        got = call(log_softmax, 'log_softmax', np.array([1000.0, 1000.0, 1000.0]))
    check_array(got, [-np.log(3)] * 3, 'log_softmax([1000, 1000, 1000]) (subtract the largest logit first)', rtol=1e-10)

