from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_kfold_indices"
points = 3

@test_case(points=None, hidden=False)
def test_ten_examples_in_five_folds(kfold_indices):
    import numpy as np
    from dlbook.grading import call, check_answer
    folds = check_answer(call(kfold_indices, 'kfold_indices', 10, 5, np.random.default_rng(0)), 'kfold_indices(10, 5)')
    assert isinstance(folds, (list, tuple)) and len(folds) == 5, 'kfold_indices(10, 5, rng) should return 5 folds'
    for train, val in folds:
        assert len(val) == 2 and len(train) == 8, 'with n=10 and k=5 each fold validates on 2 and trains on 8'

