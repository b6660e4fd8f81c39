from otter.test_files import test_case

OK_FORMAT = False

name = "ex02_gradient_factor_answer"
points = 2

@test_case(points=None, hidden=False)
def test_is_a_number(ex02_gradient_factor_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex02_gradient_factor_answer, 'ex02_gradient_factor_answer')
    assert isinstance(value, (int, float)), f'the answer should be a number, but it is {value!r:.60}.'
    assert 0 < value < 1, 'the gradient shrinks on its way down through sigmoids: the factor is between 0 and 1.'

