from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_swish"
points = 3

@test_case(points=None, hidden=False)
def test_hand_values(swish, swish_grad):
    import numpy as np
    from dlbook.grading import call, check_array
    check_array(call(swish, 'swish', np.array([0.0, 40.0])), [0.0, 40.0], 'swish([0, 40])', rtol=1e-09)
    check_array(call(swish_grad, 'swish_grad', np.array([0.0, 40.0])), [0.5, 1.0], 'swish_grad([0, 40])', rtol=1e-09)
    out = np.asarray(call(swish, 'swish', np.zeros((2, 3))))
    assert out.shape == (2, 3), f"swish should keep the input's shape (2, 3), but returned shape {out.shape}."

