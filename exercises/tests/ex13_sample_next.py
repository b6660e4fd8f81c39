from otter.test_files import test_case

OK_FORMAT = False

name = "ex13_sample_next"
points = 3

@test_case(points=None, hidden=False)
def test_greedy_and_type(sample_next):
    import numpy as np
    from dlbook.grading import call, check_answer
    got = check_answer(call(sample_next, 'sample_next', np.array([0.1, 3.0, -1.0]), 0, np.random.default_rng(0)), 'sample_next([0.1, 3.0, -1.0], 0, rng)')
    assert isinstance(got, (int, np.integer)), f'sample_next should return an int, got {type(got).__name__}'
    assert got == 1, f'at temperature 0 sample_next should return the index of the largest logit, 1, not {got}'

@test_case(points=None, hidden=False)
def test_a_sure_thing(sample_next):
    import numpy as np
    from dlbook.grading import call, check_answer
    got = check_answer(call(sample_next, 'sample_next', np.array([0.0, 50.0, 0.0]), 1.0, np.random.default_rng(0)), 'sample_next([0, 50, 0], 1.0, rng)')
    assert got == 1, f'with logits [0, 50, 0] index 1 has probability 1 - 2e-22, but sample_next returned {got}'

