from otter.test_files import test_case

OK_FORMAT = False

name = "ex03_output_answer"
points = 2

@test_case(points=None, hidden=False)
def test_a_number(ex03_output_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex03_output_answer, 'ex03_output_answer')
    assert isinstance(value, (int, float)) and (not isinstance(value, bool)), f'ex03_output_answer should be one number, such as 1.5, not {value!r:.40}'

