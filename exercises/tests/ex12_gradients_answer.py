from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_gradients_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex12_gradients_answer):
    from dlbook.grading import check_choice
    check_choice(ex12_gradients_answer, 'abcdef', 'ex12_gradients_answer')

