from otter.test_files import test_case

OK_FORMAT = False

name = "ex14_beam_search"
points = 4

@test_case(points=None, hidden=False)
def test_one_step_is_the_best_token(beam_decode):
    import numpy as np
    from dlbook.grading import call, check_tuple

    def step(prefixes):
        return np.log(np.tile([0.2, 0.5, 0.3], (len(prefixes), 1)))
    prefix, score = check_tuple(call(beam_decode, 'beam_decode', step, 1, 2), ('best_prefix', 'log_probability'), 'beam_decode')
    assert tuple((int(t) for t in prefix)) == (1,), f'the best one-token output is (1,), not {prefix!r}.'
    assert abs(float(score) - np.log(0.5)) < 1e-09, f'its log-probability is log 0.5, not {score!r}.'

