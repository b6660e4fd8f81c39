from otter.test_files import test_case

OK_FORMAT = False

name = "ex17_importance_weighted_bound"
points = 4

@test_case(points=None, hidden=False)
def test_hand_values(importance_weighted_bound):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(importance_weighted_bound, 'importance_weighted_bound', np.array([[-3.0, -1.0]]), np.array([[-1.0, -1.0]]), np.array([[-0.5, -2.0]]))
    check_array(got, [-3.5, 0.0], 'importance_weighted_bound with K = 1 sample for 2 images (log w itself)')
    got = call(importance_weighted_bound, 'importance_weighted_bound', np.log([[1.0], [3.0]]), np.zeros((2, 1)), np.zeros((2, 1)))
    check_array(got, [np.log(2.0)], 'importance_weighted_bound with weights 1 and 3 (log of their mean, log 2)')

