from otter.test_files import test_case

OK_FORMAT = False

name = "ex10_contrastive_answer"
points = 2

@test_case(points=None, hidden=False)
def test_a_number(ex10_contrastive_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex10_contrastive_answer, 'ex10_contrastive_answer')
    assert isinstance(value, (int, float)) and (not isinstance(value, bool)), f'the answer should be a number, such as 0.5, but it is {value!r:.60}.'
    assert value >= 0, 'a contrastive loss is a mean of squares: it cannot be negative.'

