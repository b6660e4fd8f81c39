from otter.test_files import test_case

OK_FORMAT = False

name = "ex09_soft_jaccard"
points = 3

@test_case(points=None, hidden=False)
def test_by_hand(soft_jaccard_loss):
    import numpy as np
    from dlbook.grading import call, check_array
    t = np.zeros((1, 2, 2, 1))
    t[0, 0, :, 0] = 1
    p = np.full((1, 2, 2, 1), 0.5)
    got = call(soft_jaccard_loss, 'soft_jaccard_loss', t, p, smooth=0.0)
    if got is None or got is Ellipsis:
        raise AssertionError('soft_jaccard_loss returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.shape(got) == (1,), f'one image in, one loss out: the result should have shape (1,), not {np.shape(got)}.'
    check_array(got, [2 / 3], 'soft_jaccard_loss of a 2-pixel cell predicted 0.5 on all 4 pixels (I = 1, union = 3)')

