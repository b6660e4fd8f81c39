from otter.test_files import test_case

OK_FORMAT = False

name = "ex20_hidden_prob_answer"
points = 2

@test_case(points=None, hidden=False)
def test_is_a_probability(ex20_hidden_prob_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex20_hidden_prob_answer, 'ex20_hidden_prob_answer')
    assert isinstance(value, (int, float)), f'the answer should be a number, but it is {value!r:.60}.'
    assert 0 <= value <= 1, f'a probability lies between 0 and 1, but the answer is {value}.'

