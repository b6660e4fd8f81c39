from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_top_k_top_p_filter"
points = 3

@test_case(points=None, hidden=False)
def test_top_k_by_hand(top_k_top_p_filter):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(top_k_top_p_filter, 'top_k_top_p_filter', np.array([1.0, 3.0, 2.0, 0.0]), k=2)
    check_array(got, [-np.inf, 3.0, 2.0, -np.inf], 'top_k_top_p_filter([1, 3, 2, 0], k=2)')
    got = call(top_k_top_p_filter, 'top_k_top_p_filter', np.array([1.0, 3.0, 2.0, 0.0]))
    check_array(got, [1.0, 3.0, 2.0, 0.0], 'top_k_top_p_filter(logits) with both filters off')

@test_case(points=None, hidden=False)
def test_top_p_by_hand(top_k_top_p_filter):
    import numpy as np
    from dlbook.grading import call, check_array
    logits = np.log(np.array([0.1, 0.6, 0.3]))
    got = call(top_k_top_p_filter, 'top_k_top_p_filter', logits, p=0.5)
    check_array(got, [-np.inf, logits[1], -np.inf], 'top_k_top_p_filter(log([0.1, 0.6, 0.3]), p=0.5)')

