from otter.test_files import test_case

OK_FORMAT = False

name = "ex08_fold_batch_norm"
points = 3

@test_case(points=None, hidden=False)
def test_identity_normalization(fold_batch_norm):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    kernel, bias = (np.arange(12.0).reshape(3, 2, 2), np.array([1.0, -1.0]))
    got = check_tuple(call(fold_batch_norm, 'fold_batch_norm', kernel, bias, np.ones(2), np.zeros(2), np.zeros(2), np.ones(2), epsilon=0.0), ('new_kernel', 'new_bias'), 'fold_batch_norm')
    check_array(got[0], kernel, 'new_kernel when the normalization does nothing (gamma 1, mean 0, variance 1)')
    check_array(got[1], bias, 'new_bias when the normalization does nothing')

