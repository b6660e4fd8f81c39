from otter.test_files import test_case

OK_FORMAT = False

name = "ex10_batch_all"
points = 3

@test_case(points=None, hidden=False)
def test_two_points_by_hand(batch_all_triplet_loss):
    import numpy as np
    from dlbook.grading import call
    got = call(batch_all_triplet_loss, 'batch_all_triplet_loss', np.array([0, 0, 1]), np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 3.0]]), 0.5)
    if got is None or got is Ellipsis:
        raise AssertionError('batch_all_triplet_loss returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.ndim(got) == 0, f'the loss should be one number, not an array of shape {np.shape(got)}.'
    assert float(got) >= 0, 'a mean of hinges max(0, ...) cannot be negative.'

