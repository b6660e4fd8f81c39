from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_sparse_cross_entropy"
points = 3

@test_case(points=None, hidden=False)
def test_two_rows_by_hand(sparse_cross_entropy_from_logits):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(sparse_cross_entropy_from_logits, 'sparse_cross_entropy_from_logits', np.array([[0.0, 0.0], [0.0, np.log(3.0)]]), np.array([0, 1]))
    check_array(got, (np.log(2) + np.log(4 / 3)) / 2, 'the loss of logits [[0, 0], [0, log 3]] with labels [0, 1] (log 2 for the first row, log(4/3) for the second)')

