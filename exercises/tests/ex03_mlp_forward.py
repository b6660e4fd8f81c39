from otter.test_files import test_case

OK_FORMAT = False

name = "ex03_mlp_forward"
points = 3

@test_case(points=None, hidden=False)
def test_xor_network(mlp_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    params = [(np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, -1.0])), (np.array([[1.0], [-2.0]]), np.array([0.0]))]
    got = call(mlp_forward, 'mlp_forward', X, params, lambda z: np.maximum(z, 0.0))
    check_array(got, [[0.0], [1.0], [1.0], [0.0]], 'mlp_forward of the ReLU XOR network from the chapter')

@test_case(points=None, hidden=False)
def test_last_layer_has_no_activation(mlp_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    X = np.array([[1.0, -2.0], [3.0, 0.5]])
    W, b = (np.array([[2.0], [1.0]]), np.array([-1.0]))
    got = call(mlp_forward, 'mlp_forward', X, [(W, b)], np.tanh)
    check_array(got, [[-1.0], [5.5]], 'mlp_forward with a single layer, which gets no activation')

