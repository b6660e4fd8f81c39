from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_overfitting_cures"
points = 2

@test_case(points=None, hidden=False)
def test_answer_is_letters(ex06_overfitting_cures_answer):
    from dlbook.grading import check_choice
    check_choice(ex06_overfitting_cures_answer, 'abcde', 'ex06_overfitting_cures_answer')

