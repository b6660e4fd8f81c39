from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_linear_rnn_answer"
points = 2

@test_case(points=None, hidden=False)
def test_two_numbers(ex12_linear_rnn_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex12_linear_rnn_answer, 'ex12_linear_rnn_answer')
    assert isinstance(value, (tuple, list)) and len(value) == 2, f'the answer should be a tuple of two numbers, (h_4, dh4_dx1), but it is {value!r:.60}.'
    assert all((isinstance(v, (int, float)) for v in value)), 'both entries should be numbers.'

