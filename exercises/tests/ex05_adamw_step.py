from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_adamw_step"
points = 4

@test_case(points=None, hidden=False)
def test_a_zero_gradient_only_decays(adamw_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    result = call(adamw_step, 'adamw_step', np.array([1.0, -2.0]), np.zeros(2), np.zeros(2), np.zeros(2), 1, 0.1, 0.5)
    w_new, m_new, v_new = check_tuple(result, ('w_new', 'm_new', 'v_new'), 'adamw_step')
    check_array(m_new, [0.0, 0.0], 'm_new after a zero gradient')
    check_array(v_new, [0.0, 0.0], 'v_new after a zero gradient')
    check_array(w_new, [0.95, -1.9], 'w_new after a zero gradient with learning_rate=0.1 and weight_decay=0.5 (only the decay acts: each weight shrinks by learning_rate * weight_decay = 5 %)')

