from otter.test_files import test_case

OK_FORMAT = False

name = "ex19_posterior_variance"
points = 2

@test_case(points=None, hidden=False)
def test_posterior_variance_is_a_variance(ex19_posterior_variance_answer):
    from dlbook.grading import check_answer
    value = float(check_answer(ex19_posterior_variance_answer, 'ex19_posterior_variance_answer'))
    assert 0 < value < 1, f'a variance of this chain lies between 0 and 1; you gave {value}'

