from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_layernorm_forward"
points = 3

@test_case(points=None, hidden=False)
def test_shape_and_one_row_by_hand(layernorm_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(layernorm_forward, 'layernorm_forward', np.array([[1.0, 3.0]]), np.ones(2), np.zeros(2), eps=0.0)
    check_array(got, [[-1.0, 1.0]], 'layernorm_forward([[1, 3]]) with gamma 1, beta 0 and eps=0 (mean 2, variance 1)')
    got = call(layernorm_forward, 'layernorm_forward', np.zeros((2, 3, 4)), np.ones(4), np.arange(4.0))
    check_array(got, np.broadcast_to(np.arange(4.0), (2, 3, 4)), 'layernorm_forward of zeros: beta everywhere')

