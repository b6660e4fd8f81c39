from otter.test_files import test_case

OK_FORMAT = False

name = "ex00_shuffled_split"
points = 3

@test_case(points=None, hidden=False)
def test_sizes_and_types(shuffled_split):
    import numpy as np
    from dlbook.grading import call, check_tuple
    x, y = (np.arange(20).reshape(10, 2), np.arange(10))
    parts = check_tuple(call(shuffled_split, 'shuffled_split', x, y, 0.3, 0), ('x_train', 'y_train', 'x_test', 'y_test'), 'shuffled_split')
    assert [len(p) for p in parts] == [7, 7, 3, 3], f'10 examples with test_fraction 0.3 should split 7 / 3, got sizes {[len(p) for p in parts]}'

