from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_standardize"
points = 3

@test_case(points=None, hidden=False)
def test_two_features_by_hand(standardize_with_train_stats):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    result = call(standardize_with_train_stats, 'standardize_with_train_stats', np.array([[1.0, 5.0], [3.0, 5.0]]), np.array([[2.0, 6.0]]))
    Z_train, Z_test = check_tuple(result, ('Z_train', 'Z_test'), 'standardize_with_train_stats')
    check_array(Z_train[:, 0], [-1.0, 1.0], 'the first feature of Z_train (training mean 2, standard deviation 1)')
    assert np.shape(Z_test) == (1, 2), f'Z_test should have the shape (1, 2) of X_test, not {np.shape(Z_test)}'

