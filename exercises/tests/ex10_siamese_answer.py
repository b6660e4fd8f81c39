from otter.test_files import test_case

OK_FORMAT = False

name = "ex10_siamese_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex10_siamese_answer):
    from dlbook.grading import check_choice
    check_choice(ex10_siamese_answer, 'abcdef', 'ex10_siamese_answer')

