from otter.test_files import test_case

OK_FORMAT = False

name = "ex01_signed_distance_answer"
points = 2

@test_case(points=None, hidden=False)
def test_is_a_number(ex01_signed_distance_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex01_signed_distance_answer, 'ex01_signed_distance_answer')
    assert isinstance(value, (int, float)), f'the answer should be a number, but it is {value!r:.60}.'

