from otter.test_files import test_case

OK_FORMAT = False

name = "ex17_pca_error_answer"
points = 2

@test_case(points=None, hidden=False)
def test_is_a_number(ex17_pca_error_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex17_pca_error_answer, 'ex17_pca_error_answer')
    assert isinstance(value, (int, float)), f'the answer should be a number, but it is {value!r:.60}.'
    assert value >= 0, 'a mean squared error is never negative.'

