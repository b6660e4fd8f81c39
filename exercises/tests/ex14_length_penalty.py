from otter.test_files import test_case

OK_FORMAT = False

name = "ex14_length_penalty"
points = 3

@test_case(points=None, hidden=False)
def test_without_penalty_the_most_probable_wins(best_hypothesis):
    from dlbook.grading import call, check_answer
    got = call(best_hypothesis, 'best_hypothesis', [([3, 4], -2.0), ([3, 4, 5, 6], -1.5)], 0.0)
    check_answer(got, 'best_hypothesis(hypotheses, alpha)')
    assert int(got) == 1, f'with alpha = 0 the score is the log-probability, so hypothesis 1 wins, not {got!r}.'

