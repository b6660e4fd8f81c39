from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_dropout_output"
points = 2

@test_case(points=None, hidden=False)
def test_answer_is_a_number(ex06_dropout_output_answer):
    import numbers
    from dlbook.grading import check_answer
    value = check_answer(ex06_dropout_output_answer, 'ex06_dropout_output_answer')
    assert isinstance(value, numbers.Real), f'ex06_dropout_output_answer should be a number, not {value!r:.40}'

