from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_input_gradients"
points = 3

@test_case(points=None, hidden=False)
def test_two_steps_by_hand(input_gradients):
    import numpy as np
    from dlbook.grading import call, check_array
    hs = np.array([[[0.5]], [[0.0]]])
    got = call(input_gradients, 'input_gradients', hs, np.array([[2.0]]), np.array([[3.0]]), np.array([[1.0]]))
    if got is None or got is Ellipsis:
        raise AssertionError('input_gradients returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.shape(got) == (2, 1, 1), f'input_gradients should return shape (2, 1, 1), one gradient per time step with t = 0 included, but it returned shape {np.shape(got)}: check where your loop stops.'
    check_array(got, [[[4.5]], [[2.0]]], 'input_gradients for T = 2, one unit (Wx = 2, Wh = 3, hs = 0.5, 0)')

