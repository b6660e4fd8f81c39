from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_sigmoid_grad"
points = 2

@test_case(points=None, hidden=False)
def test_values(sigmoid_grad):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(sigmoid_grad, 'sigmoid_grad', np.array([-2.0, 0.0, 3.0]))
    check_array(got, [0.1049935854, 0.25, 0.04517665973], 'sigmoid_grad([-2, 0, 3])')

