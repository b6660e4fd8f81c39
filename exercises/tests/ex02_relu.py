from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_relu"
points = 2

@test_case(points=None, hidden=False)
def test_relu_values(relu):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(relu, 'relu', np.array([-3.0, -0.5, 0.0, 0.5, 3.0]))
    check_array(got, [0.0, 0.0, 0.0, 0.5, 3.0], 'relu([-3, -0.5, 0, 0.5, 3])')

@test_case(points=None, hidden=False)
def test_relu_grad_values(relu_grad):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(relu_grad, 'relu_grad', np.array([-3.0, -0.5, 0.0, 0.5, 3.0]))
    check_array(got, [0.0, 0.0, 0.0, 1.0, 1.0], 'relu_grad([-3, -0.5, 0, 0.5, 3]) (0 at x = 0)')

