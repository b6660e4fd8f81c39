from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_masks"
points = 2

@test_case(points=None, hidden=False)
def test_letters(ex15_masks_answer):
    from dlbook.grading import check_choice
    check_choice(ex15_masks_answer, 'abcdef', 'ex15_masks_answer')

