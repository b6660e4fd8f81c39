from otter.test_files import test_case

OK_FORMAT = False

name = "ex09_found_cells"
points = 4

@test_case(points=None, hidden=False)
def test_two_separate_squares(count_found_cells):
    import numpy as np
    from dlbook.grading import call, check_tuple
    truth = np.zeros((8, 8))
    truth[1:3, 1:3] = truth[5:7, 5:7] = 1
    got = check_tuple(call(count_found_cells, 'count_found_cells', truth, truth), ('found', 'true_cells', 'predicted_cells'), 'count_found_cells(truth, truth)')
    assert all((isinstance(v, (int, np.integer)) for v in got)), f'return three integers, not {got!r}.'
    assert tuple(got) == (2, 2, 2), f'two separate cells predicted exactly: (2, 2, 2), not {tuple(got)}.'

