from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_softmax"
points = 3

@test_case(points=None, hidden=False)
def test_values(softmax):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(softmax, 'softmax', np.array([1.0, 2.0, 3.0]))
    check_array(got, [0.09003057317, 0.24472847106, 0.66524095577], 'softmax([1, 2, 3])')

@test_case(points=None, hidden=False)
def test_large_logits(softmax):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(softmax, 'softmax', np.array([1000.0, 1001.0, 1002.0]))
    check_array(got, [0.09003057317, 0.24472847106, 0.66524095577], 'softmax([1000, 1001, 1002]) (it must not overflow)')

