from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_param_count_answer"
points = 2

@test_case(points=None, hidden=False)
def test_is_a_whole_number(ex12_param_count_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex12_param_count_answer, 'ex12_param_count_answer')
    assert isinstance(value, (int, float)) and float(value) == int(value) and (value > 0), f'the answer should be a positive whole number, but it is {value!r:.60}.'

