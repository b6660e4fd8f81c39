from otter.test_files import test_case

OK_FORMAT = False

name = "ex14_dot_attention"
points = 3

@test_case(points=None, hidden=False)
def test_one_query_by_hand(dot_attention):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    q, k = (np.array([[[1.0, 0.0]]]), np.array([[[np.log(3.0), 0.0], [0.0, 5.0]]]))
    values = np.array([[[1.0], [0.0]]])
    contexts, weights = check_tuple(call(dot_attention, 'dot_attention', q, k, values), ('contexts', 'weights'), 'dot_attention')
    check_array(weights, [[[0.75, 0.25]]], 'the weights for scores (ln 3, 0)')
    check_array(contexts, [[[0.75]]], 'the context')

